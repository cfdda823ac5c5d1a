"""The project summary (项目总结): result first, objectives against the
kickoff baseline, deliverables, change log, open items as follow-on actions,
lessons learned, acknowledgements, approval and document control.

Generated before the project is closed it says so in its first line; a
section or heading with nothing recorded is left out (the client never
reads "未记录"); the scope figures add up: requirements at the baseline +
added − dropped = requirements now."""
from __future__ import annotations

from store.reports.common import (Ctx, as_date, control_header, control_section,
                                  count_word, d, days, doc, doc_control, h3, kv,
                                  level_word, milestones, money, noted, open_issue, p,
                                  section, status_word, table, ul)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from store.history import History


def _kickoff_baseline(ctx):
    """The first baseline of the project (by tag date), or None."""
    baselines = ctx.ws.git.baselines(ctx.project)
    if not baselines:
        return None, None
    return baselines[0].name, baselines[0].commit


def history(ctx: Ctx, until: str | None = None) -> History:
    """What the summary reads of the history: the requirements' events (its
    only use), up to the document's point (``ctx.rev``, or ``until``
    DATE|REV), never past it; only the commits that touched requirements."""
    from store.reports import periods
    from store.history.asof import kind_history
    from store.model.schema import KINDS
    rev = ctx.rev
    if rev is None and until:
        rev = periods.point(ctx.ws, ctx.project, until)[0]
    if rev == periods.EMPTY:
        from store.history import History
        return History()
    return kind_history(ctx.ws, ctx.project, KINDS["requirement"], rev)


def build(ctx: Ctx, hist: History) -> dict[str, Any]:
    """The project summary of ``ctx``'s project from ``hist``: churn,
    changes after sign-off, the scope since kickoff."""
    tr = ctx.tr
    lang = ctx.lang
    sep = "、" if lang == "zh" else ", "
    events = [e for e in hist.events if e["project"] == ctx.project]
    reqs = ctx.of("requirement")
    live = [r for r in reqs if r.status not in ("rejected", "withdrawn")]
    accepted = [r for r in live if r.status == "accepted"]
    delivered = [r for r in live if r.status in ("delivered", "accepted")]
    ms = milestones(ctx)
    late = [m for m in ms if m["state"] in ("done-late", "missed", "slipped")]
    crs = ctx.of("change")

    # churn and changes after sign-off, from the whole history
    edited = {e["id"] for e in events if e["kind"] == "requirement" and e["action"] == "edit"}
    signed: set = set()
    after_signoff = 0
    for e in events:
        if e["kind"] != "requirement":
            continue
        if e["action"] == "confirm":
            signed.add(e["id"])
        elif e["id"] in signed and any(n.split(".")[0] in ("title", "statement", "acceptance",
                                                           "priority") for n in e["fields"]):
            after_signoff += 1
    base_name, base_rev = _kickoff_baseline(ctx)
    base_count = None
    base_live: dict = {}
    if base_rev:
        from store.snapshot import records_at
        base_live = {rid: data for rid, (k, data, *_) in
                     records_at(ctx.ws, ctx.project, base_rev).items()
                     if k == "requirement" and (data or {}).get("status")
                     not in ("rejected", "withdrawn")}
        base_count = len(base_live)
    # since the baseline (or the start): these add up to the count now
    now_ids = {r.id for r in live}
    added_ids = now_ids - set(base_live)
    dropped_ids = set(base_live) - now_ids
    times, sats = [], []
    for f in ctx.of("feedback"):
        a, b = as_date(f.data.get("received_on")), as_date(f.data.get("replied_on"))
        if a and b:
            times.append((b - a).days)
        if isinstance(f.data.get("satisfaction"), int):
            sats.append(f.data["satisfaction"])

    result = tr(
        "{a} of {n} requirements accepted, {dl} delivered; {m} of {mt} milestones "
        "reached, {l} late; change requests: {c} ({ap} approved).",
        "{n} 条需求中 {a} 条已验收、{dl} 条已交付；{mt} 个里程碑完成 {m} 个，其中延期 {l} 个；"
        "共 {c} 项变更（批准 {ap} 项）。",
        a=len(accepted), n=len(live), dl=len(delivered),
        m=sum(1 for m in ms if m["done_on"]), mt=len(ms), l=len(late), c=len(crs),
        ap=sum(1 for c in crs if c.status in ("approved", "implemented")))
    closing = ctx.pdata.get("status") == "closed"
    interim = None if closing else p(tr(
        "Interim: generated on {d}, before the project's closing stage; the figures are "
        "as of that day and will change until the project closes.",
        "说明：本报告生成于 {d}，项目尚未进入收尾阶段，为阶段性总结；各项数据截至当日，"
        "项目结束前仍会变化。", d=d(ctx.today)))
    sections = [section("summary", tr("1 Summary", "1 摘要"), interim, p(result))]

    people = ctx.people()
    side_word = {"client": tr("Client", "甲方"), "vendor": tr("Vendor", "乙方"),
                 "third-party": tr("Third party", "第三方")}
    org = [[n, side_word.get(s.get("side"), "—"), str(s.get("role") or "—")]
           for n, s in people.items()]
    sections.append(section(
        "overview", tr("2 Project overview", "2 项目概况"),
        kv([[ctx.t("client_name"), ctx.client],
            [tr("Dates", "起止日期"), f"{d(ctx.pdata.get('start')) or '—'}{ctx.t('to')}"
                                      f"{d(ctx.pdata.get('end')) or '—'}"]]),
        *_if(ctx.pdata.get("goals"), h3(tr("Goals", "目标")),
             ul([str(g) for g in ctx.pdata.get("goals") or []])),
        *_if(ctx.pdata.get("in_scope"), h3(tr("Contract scope", "合同范围")),
             ul([str(g) for g in ctx.pdata.get("in_scope") or []])),
        *_if(org, h3(tr("Organisation", "双方组织")),
             table([tr("Name", "姓名"), tr("Side", "所属"), tr("Role", "职务")], org))))

    ms_rows = [[m["name"], m["baseline"], m["done_on"] or m["forecast"],
                (f"+{m['slip_days']}" if m["slip_days"] > 0 else str(m["slip_days"])),
                m["note"] or "—"] for m in ms]
    scope = [[tr("Requirements at the kickoff baseline", "启动基线时需求数"),
              tr("{n} (baseline {b})", "{n}（基线 {b}）", n=base_count, b=base_name)
              if base_count is not None else tr("no baseline taken", "未建立基线")],
             [tr("Added since", "此后新增"), f"+{len(added_ids)}"],
             [tr("Dropped since (rejected, withdrawn or deleted)", "此后撤销（拒绝、撤回或删除）"),
              f"−{len(dropped_ids)}"],
             [tr("Requirements now (excluding dropped)", "当前需求数（不含撤销）"), str(len(live))],
             [tr("Requirements edited over the project", "项目期间修改过的需求"),
              str(len(edited & now_ids))],
             [tr("Edits after sign-off", "签认后修改次数"), str(after_signoff)]]
    fb_rows = [[tr("Average feedback response", "反馈平均答复用时"),
                tr("{n} days", "{n} 天", n=round(sum(times) / len(times), 1)) if times else "—"],
               [tr("Client satisfaction (1–5)", "客户满意度（1–5）"),
                tr("{v} ({n} ratings)", "{v}（{n} 份评价）", v=round(sum(sats) / len(sats), 1),
                   n=len(sats)) if sats else tr("not rated", "未评价")]]
    # quality: reviews and the client's bug reports
    reviews = [m for m in ctx.of("meeting") if m.status == "held"
               and m.data.get("type") in ("acceptance", "stage-review")]
    outcome_word = {"pass": tr("passed", "通过"), "conditional": tr("passed with conditions",
                                                                   "有条件通过"),
                    "fail": tr("not passed", "未通过")}
    q_rows = [[ctx.ref(m), d(m.data.get("date")) or "—",
               outcome_word.get(m.data.get("outcome"), tr("not recorded", "未记录"))]
              for m in reviews]
    bugs = [f for f in ctx.of("feedback") if f.data.get("type") == "bug"]
    open_bugs = [f for f in bugs if f.status not in ("replied", "closed")]
    # cost / effort, only when the project records it
    from store.reports.progress import effort_rows, payment_rows, _fmt
    eff = effort_rows(ctx, ctx.today)
    pays = payment_rows(ctx)
    cost_rows = []
    if eff:
        cost_rows.append([tr("Effort, planned / actual (person-days)", "工时，计划 / 实际（人天）"),
                          f"{_fmt(sum(r['planned'] or 0 for r in eff))} / "
                          f"{_fmt(sum(r['actual'] or 0 for r in eff))}"])
    for x in pays:
        cost_rows.append([tr("Payment: {n}", "付款：{n}", n=x["name"]),
                          (x["amount"] + " — " if x["amount"] else "") + (
                              tr("received {d}", "已于 {d} 到账", d=d(x["paid_on"]))
                              if x["paid_on"] else tr("due {d}, not received", "应付 {d}，未到账",
                                                      d=d(x["due"]) or "—"))])
    sections.append(section(
        "objectives", tr("3 Review of objectives", "3 目标达成"),
        h3(tr("3.1 Schedule", "3.1 进度")),
        table([tr("Milestone", "里程碑"), tr("Baseline", "计划日期"), tr("Actual / forecast", "实际/预测"),
               tr("Variance (calendar days)", "偏差（日历日）"), tr("Note", "说明")], ms_rows,
              empty=tr("No milestones recorded.", "未记录里程碑。")),
        h3(tr("3.2 Scope", "3.2 范围")),
        table([tr("Figure", "指标"), tr("Value", "数值")], scope),
        h3(tr("3.3 Quality", "3.3 质量")),
        table([tr("Review", "评审"), tr("Date", "日期"), tr("Result", "结论")], q_rows,
              empty=tr("No acceptance or stage review has been held.", "尚未召开验收或阶段评审会。")),
        table([tr("Figure", "指标"), tr("Value", "数值")],
              [[tr("Bug reports from the client (not yet answered)", "甲方报告缺陷（未答复）"),
                f"{len(bugs)} ({len(open_bugs)})" if lang != "zh"
                else f"{len(bugs)}（{len(open_bugs)}）"]] + fb_rows),
        *_if(cost_rows, h3(tr("3.4 Cost and effort", "3.4 成本与工作量")),
             table([tr("Figure", "指标"), tr("Value", "数值")], cost_rows))))

    moved_on: dict[tuple[str, str], str] = {}
    for e in events:
        st = (e["fields"].get("status") or [None, None])[1]
        if e["kind"] == "requirement" and st in ("delivered", "accepted"):
            moved_on[(e["id"], st)] = e["date"][:10]
    deliv = [[ctx.ref(r), status_word(lang, r.status, "requirement"),
              moved_on.get((r.id, "delivered")) or "—",
              moved_on.get((r.id, "accepted")) or (tr("awaiting acceptance", "待验收")
                                                    if r.status == "delivered" else "—")]
             for r in delivered]
    sections.append(section(
        "products", tr("4 Products and acceptance", "4 交付物与验收"),
        table([tr("Requirement", "需求"), tr("State", "状态"), tr("Delivered on", "交付日期"),
               tr("Accepted on", "验收日期")],
              deliv, empty=tr("Nothing delivered yet.", "尚无交付。"))))

    crow = []
    for c in crs:
        imp = c.data.get("impact") or {}
        impact = []
        if imp.get("schedule_days") is not None:
            impact.append(days(lang, imp["schedule_days"]))
        if imp.get("cost") is not None:
            impact.append(tr("cost {n}", "费用 {n}", n=money(lang, imp["cost"])))
        crow.append([c.id, c.title, str(c.data.get("requested_by") or "—"),
                     sep.join(impact) or "—", status_word(lang, c.status, "change"),
                     d(c.data.get("requested_on")) or d(c.data.get("created"))])
    sections.append(section(
        "changes", tr("5 Change log", "5 变更汇总"),
        table([tr("No.", "编号"), tr("Title", "标题"), tr("Raised by", "提出方"),
               tr("Impact", "影响"), tr("Outcome", "结论"), tr("Date", "日期")], crow,
              empty=tr("No change requests.", "无变更。"))))

    follow = []
    for i in ctx.of("issue"):
        if open_issue(i):
            follow.append([ctx.ref(i), ctx.owner(i.data.get("owner")),
                           d(i.data.get("due")) or ctx.t("no_date")])
    for a in ctx.of("action"):
        if a.status == "open":
            follow.append([ctx.ref(a), ctx.owner(a.data.get("owner")),
                           d(a.data.get("due")) or ctx.t("no_date")])
    for r in live:
        if r.status not in ("delivered", "accepted"):
            follow.append([ctx.ref(r), ctx.owner(r.data.get("owner")),
                           d(ctx.pdata.get("end")) or ctx.t("no_date")])
    sections.append(section(
        "open_items", tr("6 Open items and follow-on actions", "6 遗留问题与后续建议"),
        table([tr("Item", "事项"), tr("Owner", "责任人"), tr("By", "期限")], follow,
              empty=tr("None: everything is closed.", "无：全部事项已关闭。")),
        *_handover(ctx)))

    lessons = ctx.of("lesson")
    blocks = []
    for cat, en, zh in (("went-well", "What went well", "做得好的"),
                        ("to-improve", "To improve", "待改进"),
                        ("recommendation", "Recommendations", "建议")):
        items = [(x.title + ("：" if lang == "zh" else ": ") +
                  str(x.data.get("lesson") or x.data.get("recommendation") or "")).rstrip("：: ")
                 for x in lessons if x.data.get("category") == cat]
        if items:   # a heading with nothing under it is left out
            blocks += [{"type": "h3", "text": tr(en, zh)}, ul(items)]
    other = [x.title for x in lessons if x.data.get("category") not in
             ("went-well", "to-improve", "recommendation")]
    if other:
        blocks += [{"type": "h3", "text": tr("Other", "其他")}, ul(other)]
    n = 7
    if blocks:
        sections.append(section("lessons", tr(f"{n} Lessons learned", f"{n} 经验教训"),
                                *blocks))
        n += 1
    thanks = _thanks(ctx)
    if thanks:
        sections.append(section("thanks", tr(f"{n} Acknowledgements", f"{n} 致谢"), *thanks))
        n += 1
    sections.append(section(
        "approval", tr(f"{n} Approval", f"{n} 签字确认"),
        kv([[tr("Client representative / date", "甲方代表（签字/盖章）/ 日期"), ""],
            [tr("Vendor representative / date", "乙方代表（签字/盖章）/ 日期"), ""]])))
    title = tr("Project summary — {n}", "{n} 项目总结报告", n=ctx.name)
    kept = [r for r in ctx.kept_reports() if r.status == "sent"
            and r.data.get("type") == "final" and r.data.get("sent_on")]
    kept.sort(key=lambda r: (d(r.data["sent_on"]), int(r.id.split("-")[1])))
    control = doc_control(ctx, "final", "FINAL", kept, ctx.issued or ctx.today)
    sections.append(control_section(ctx, control))
    header = [[ctx.t("project"), ctx.name], [ctx.t("client_name"), ctx.client],
              *control_header(ctx, control), [ctx.t("date"), d(ctx.today)]]
    return doc("final", ctx, title, header, sections, control=control, interim=not closing,
               footer=[[ctx.t("date"), d(ctx.today)]],
               figures={"requirements": len(live), "accepted": len(accepted),
                        "added": len(added_ids), "edited": len(edited & now_ids),
                        "dropped": len(dropped_ids), "edits_after_signoff": after_signoff,
                        "baseline": base_name, "baseline_requirements": base_count,
                        "feedback_response_days": (sum(times) / len(times)) if times else None,
                        "satisfaction": (sum(sats) / len(sats)) if sats else None})


def _if(cond, *blocks) -> tuple:
    """``blocks`` when there is something to show, else nothing."""
    return blocks if cond else ()


def _thanks(ctx: Ctx) -> list:
    """8 致谢 (optional in the structure): the client's people, then the
    project team, each with what the records show they did -- signed off,
    attended, raised, reported, completed.  Only for a project whose
    stakeholders are recorded; [] otherwise (the section is left out)."""
    people = ctx.people()
    if not people:
        return []
    tr = ctx.tr
    zh = ctx.lang == "zh"
    did: dict[str, dict[str, int]] = {n: {} for n in people}

    def add(name, what):
        name = " ".join(str(name or "").split())
        if name in did:
            did[name][what] = did[name].get(what, 0) + 1
    for kind in ("requirement", "change"):
        for r in ctx.of(kind):
            conf = r.data.get("confirmation")
            if isinstance(conf, dict) and conf.get("by"):
                add(conf["by"], "signed")
    for m in ctx.of("meeting"):
        if m.status == "held":
            for who in set((m.data.get("attendees_client") or [])
                           + (m.data.get("attendees_vendor") or [])):
                add(who, "attended")
    for c in ctx.of("change"):
        add(c.data.get("requested_by"), "raised")
    for f in ctx.of("feedback"):
        add(f.data.get("from"), "feedback")
    for a in ctx.of("action"):
        if a.status == "done":
            add(a.data.get("owner"), "done")
    words = (("signed", "signed off {n}", "record", "records", "确认需求与变更 {n} 项"),
             ("attended", "attended {n}", "meeting", "meetings", "参加会议 {n} 次"),
             ("raised", "raised {n}", "change request", "change requests", "提出变更 {n} 项"),
             ("feedback", "gave {n}", "piece of feedback", "pieces of feedback",
              "提出反馈 {n} 条"),
             ("done", "completed {n}", "action item", "action items", "完成待办 {n} 项"))

    def line(name):
        role = str(people[name].get("role") or "").strip()
        who = noted(ctx.lang, name, role) if role else name  # never （…（…））
        parts = [z.format(n=did[name][k]) if zh
                 else en.format(n=count_word("en", did[name][k], one, many))
                 for k, en, one, many, z in words if did[name].get(k)]
        if not parts:
            return who
        return who + ("：" + "，".join(parts) if zh else ": " + ", ".join(parts))
    client = [n for n, s in people.items() if s.get("side") == "client"]
    others = [n for n, s in people.items() if s.get("side") not in ("client", "vendor")]
    team = [n for n, s in people.items() if s.get("side") == "vendor"]
    out = []
    if client:
        out += [p(tr("We thank {c} for their time, their decisions and their patience "
                     "through requirements, reviews and acceptance, in particular:",
                     "感谢{c}在需求确认、评审与验收中的投入与支持，特别是：", c=ctx.client)),
                ul([line(n) for n in client])]
    if others:
        out += [p(tr("Our partners:", "感谢合作方的配合：")), ul([line(n) for n in others])]
    if team:
        out += [p(tr("And the project team:", "感谢项目组全体成员的付出：")),
                ul([line(n) for n in team])]
    return out


def _handover(ctx: Ctx) -> list:
    """6.x Handover to operations (运维移交): the training the client's
    people received, the material handed over, and the support tickets
    still open, which operations take over."""
    tr = ctx.tr
    held = sorted((t for t in ctx.of("training") if t.status == "held"),
                  key=lambda t: (str(t.data.get("date") or ""), t.id))
    trained = [[ctx.ref(t), d(t.data.get("date")) or ctx.t("no_date"),
                str(t.data.get("audience") or "—"),
                str(t.data.get("attendance")) if t.data.get("attendance") is not None
                else "—"] for t in held]
    material = []
    for t in held:
        for m in t.data.get("materials") or []:
            if m not in material:
                material.append(m)
    tickets = ctx.of("ticket")
    open_t = sorted((x for x in tickets if x.status not in ("resolved", "closed")),
                    key=lambda x: (str(x.data.get("reported_on") or ""), x.id))
    solved = len(tickets) - len(open_t)
    return [
        h3(tr("Handover to operations", "运维移交")),
        p(tr("Support tickets: {n} raised, {s} resolved, {o} handed over open.",
             "支持工单：共 {n} 张，已解决 {s} 张，{o} 张未结移交运维。",
             n=len(tickets), s=solved, o=len(open_t))),
        table([tr("Training", "培训"), tr("Date", "日期"), tr("Audience", "对象"),
               tr("Attendance", "参加人数")], trained,
              empty=tr("No training has been held.", "尚未举办培训。")),
        ul(material, empty=tr("No training material recorded.", "未登记培训材料。")),
        table([tr("Open ticket", "未结工单"), tr("Severity", "严重程度"),
               tr("Reported", "报告日期"), tr("Status", "状态")],
              [[ctx.ref(x), level_word(ctx.lang, x.data.get("severity")),
                d(x.data.get("reported_on")) or ctx.t("no_date"),
                status_word(ctx.lang, x.status, "ticket")] for x in open_t],
              empty=tr("No ticket is open.", "无未结工单。")),
    ]
