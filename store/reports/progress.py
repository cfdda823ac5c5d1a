"""The progress report (周报/月报) for the client: conclusion first, RAG with
its reason, milestones baseline against forecast, done, next, changes, risks
and what the client must decide or provide."""
from __future__ import annotations

import datetime as dt

from ..errors import InvalidValue
from .common import (Ctx, as_date, d, doc, high, milestones, open_issue,
                     overdue_replies, p, rag as propose_rag, rag_label, section,
                     table, ul)
from .summary import _status_change, waiting_on_client

MAX_ITEMS = 7
ANSWER_DAYS = 5  # a proposed answer-by date: period end + 5 days


def _more(ctx, items: list[str]) -> list[str]:
    if len(items) <= MAX_ITEMS:
        return items
    rest = len(items) - (MAX_ITEMS - 1)
    return items[:MAX_ITEMS - 1] + [ctx.tr("… and {n} more (see the appendix)",
                                           "……另有 {n} 项，见附件", n=rest)]


def build(ctx: Ctx, hist, period, rag: str | None = None,
          reason: str | None = None) -> dict:
    tr = ctx.tr
    lang = ctx.lang
    events = [e for e in hist.events if e["project"] == ctx.project]
    start = period.start or ctx.today
    end = period.end or ctx.today
    length = (end - start).days + 1
    monthly = length > 16
    none = ctx.t("none_period")

    proposed = propose_rag(ctx)
    if rag:
        if rag not in ("red", "amber", "green"):
            raise InvalidValue(f"--rag {rag!r}: use red, amber or green")
        if not (reason and reason.strip()):
            raise InvalidValue("--rag needs --reason TEXT: one sentence saying why")
        overall, why = rag, " ".join(reason.split())
    else:
        overall, why = proposed["overall"], proposed["reason"]

    # period number: weeks (or months) since the project started
    pstart = as_date(ctx.pdata.get("start")) or start
    if monthly:
        number = (end.year - pstart.year) * 12 + end.month - pstart.month + 1
    else:
        number = max(1, (end - pstart).days // 7 + 1)

    kind_word = tr("Monthly progress report", "项目月报") if monthly else \
        tr("Weekly progress report", "项目周报")
    title = tr("{k} — {n} (No. {i})", "{n} {k}（第 {i} 期）", k=kind_word,
               n=ctx.name, i=number)

    # --- what was done -------------------------------------------------------
    done = []
    seen = set()
    for e in events:
        st = _status_change(e)
        target = st[1] if st else None
        key = None
        if e["kind"] == "requirement" and target in ("delivered", "accepted"):
            key = tr("Delivered: {t}", "已交付：{t}") if target == "delivered" else \
                tr("Accepted by the client: {t}", "甲方验收通过：{t}")
        elif e["kind"] == "action" and target == "done":
            key = tr("Done: {t}", "完成：{t}")
        elif e["kind"] == "change" and target == "implemented":
            key = tr("Change implemented: {t}", "变更已实施：{t}")
        elif e["kind"] == "requirement" and e["action"] == "confirm":
            key = tr("Signed off by the client: {t}", "甲方确认需求：{t}")
        elif e["kind"] == "decision" and target == "agreed":
            key = tr("Agreed: {t}", "达成决议：{t}")
        elif e["kind"] == "feedback" and target == "replied":
            key = tr("Replied to the client: {t}", "已答复客户反馈：{t}")
        elif e["kind"] == "meeting" and target == "held":
            key = tr("Held: {t}", "召开：{t}")
        if key and (e["id"], key) not in seen:
            seen.add((e["id"], key))
            rec = ctx.get(e["id"])
            owner = None
            if rec is not None:
                owner = rec.data.get("owner") or rec.data.get("chair") or \
                    ("、" if lang == "zh" else ", ").join(rec.data.get("decided_by") or [])
            item = key.format(t=ctx.ref(rec) if rec else e["title"])
            item += tr(" ({o}, {d})", "（{o}，{d}）",
                       o=ctx.owner(owner) if owner else e["author"].split(" <")[0],
                       d=e["date"][:10])
            done.append(item)
    for m in milestones(ctx):
        dn = as_date(m["done_on"])
        if dn and start <= dn <= end:
            done.insert(0, tr("Milestone reached: {n} ({d})", "里程碑达成：{n}（{d}）",
                              n=m["name"], d=m["done_on"]))
    not_done = []
    for a in ctx.of("action"):
        due = as_date(a.data.get("due"))
        if a.status == "open" and due and start <= due <= end:
            not_done.append(tr("{t} — {o}, was due {d}", "{t}——{o}，原定 {d}",
                               t=ctx.ref(a), o=ctx.owner(a.data.get("owner")), d=d(due)))

    # --- next period ------------------------------------------------------------
    horizon = end + dt.timedelta(days=31 if monthly else 7)
    plan = []
    for m in milestones(ctx):
        when = as_date(m["forecast"]) or as_date(m["baseline"])
        if not m["done_on"] and when and end < when <= horizon:
            plan.append((when, tr("Milestone: {n} — {d}", "里程碑：{n}——{d}",
                                  n=m["name"], d=d(when))))
    for a in ctx.of("action"):
        due = as_date(a.data.get("due"))
        if a.status == "open" and due and end < due <= horizon:
            plan.append((due, tr("{t} — {o}, {d}", "{t}——{o}，{d}", t=ctx.ref(a),
                                 o=ctx.owner(a.data.get("owner")), d=d(due))))
    for mt in ctx.of("meeting"):
        md = as_date(mt.data.get("date"))
        if mt.status == "planned" and md and end < md <= horizon:
            plan.append((md, tr("{t} — chaired by {o}, {d}", "{t}——主持人 {o}，{d}",
                                t=ctx.ref(mt), o=ctx.owner(mt.data.get("chair")), d=d(md))))
    plan.sort(key=lambda x: x[0])

    # --- milestones table ----------------------------------------------------
    ms_rows = []
    state_word = {"done": tr("done on time", "按期完成"),
                  "done-late": tr("done late", "延期完成"),
                  "on-track": tr("on track", "按计划"),
                  "slipped": tr("forecast late", "预计推迟"),
                  "missed": tr("baseline missed", "已逾基线")}
    for m in milestones(ctx):
        note = m["note"]
        if m["state"] in ("slipped", "missed", "done-late"):
            if m["change_approved"]:
                cause = tr("covered by the approved change {c}", "已由批准的变更{c}调整",
                           c=ctx.ref(m["change"]))
            else:
                cause = tr("no approved change", "无批准的变更")
            if not note:
                note = tr("cause not recorded — to be explained", "原因未记录，须补充说明")
            note = f"{note}（{cause}）" if lang == "zh" else f"{note} ({cause})"
        ms_rows.append([m["name"], m["baseline"], m["done_on"] or m["forecast"],
                        (f"+{m['slip_days']}" if m["slip_days"] > 0 else str(m["slip_days"])),
                        state_word[m["state"]] + (f"；{note}" if lang == "zh" and note
                                                  else f"; {note}" if note else "")])

    # --- changes -----------------------------------------------------------------
    cr_rows = []
    for e in events:
        if e["kind"] != "change":
            continue
        st = _status_change(e)
        if e["action"] == "create" or (st and st[1] in ("approved", "rejected",
                                                          "implemented", "withdrawn")):
            rec = ctx.get(e["id"])
            if rec is None:
                continue
            imp = rec.data.get("impact") or {}
            cr_rows.append([ctx.ref(rec),
                            tr("{n} days", "{n} 天", n=imp["schedule_days"])
                            if imp.get("schedule_days") is not None else "—",
                            str(imp["cost"]) if imp.get("cost") is not None else "—",
                            rec.status, e["date"][:10]])
    # one row per change: its latest event
    latest = {}
    for r in cr_rows:
        latest[r[0]] = r
    cr_rows = list(latest.values())

    # --- risks and issues ------------------------------------------------------
    risk_rows = []
    for i in ctx.of("issue"):
        if not open_issue(i):
            continue
        level = i.data.get("impact") or "—"
        typ = {"risk": tr("risk", "风险"), "issue": tr("issue", "问题"),
               "dispute": tr("dispute", "争议")}.get(i.data.get("type"), "")
        risk_rows.append([ctx.ref(i) + (f"［{typ}］" if lang == "zh" and typ else
                                        f" [{typ}]" if typ else ""),
                          str(i.data.get("description") or "—"),
                          {"high": tr("high", "高"), "medium": tr("medium", "中"),
                           "low": tr("low", "低")}.get(level, level),
                          str(i.data.get("mitigation") or tr("response to be agreed",
                                                             "应对措施待定")),
                          ctx.owner(i.data.get("owner")),
                          d(i.data.get("due")) or ctx.t("no_date")])
    risk_rows.sort(key=lambda r: {"高": 0, "high": 0, "中": 1, "medium": 1}.get(r[2], 2))

    # --- what the client must do ------------------------------------------------
    asks = []
    ms_next = next((m for m in milestones(ctx) if not m["done_on"]), None)
    tail = tr("; milestone \"{m}\" may slip", "，里程碑“{m}”可能推迟",
              m=ms_next["name"]) if ms_next else ""
    effects = {
        "signoff": tr("development of it cannot start", "该需求无法进入开发") + tail,
        "reconfirm": tr("what is built may differ from what was agreed",
                        "开发内容与已签认内容不一致的风险") + tail,
        "decide": tr("the change cannot be planned or started", "变更无法排期实施") + tail,
        "action": tr("the work that depends on it waits", "依赖该事项的工作无法推进") + tail,
    }
    answer_by = end + dt.timedelta(days=ANSWER_DAYS)
    for w in waiting_on_client(ctx):
        due = w.get("due") or d(answer_by)
        owner = ctx.owner(w["owner"]) if w["owner"] else tr("client project lead",
                                                            "甲方项目负责人")
        asks.append([w["text"].split("——")[0].split(" — ")[0], owner, due,
                     effects.get(w["what"], effects["action"])])
    asks.sort(key=lambda a: a[2])

    # --- figures ---------------------------------------------------------------
    reqs = [r for r in ctx.of("requirement") if r.status not in ("rejected", "withdrawn")]
    open_reqs = [r for r in reqs if r.status not in ("delivered", "accepted")]
    times = []
    for f in ctx.of("feedback"):
        a, b = as_date(f.data.get("received_on")), as_date(f.data.get("replied_on"))
        if a and b:
            times.append((b - a).days)
    figures = [[tr("Requirements (open / all)", "需求（未交付 / 全部）"),
                f"{len(open_reqs)} / {len(reqs)}"],
               [tr("Signed off, current", "已签认且有效"),
                str(sum(1 for r in reqs if r.signoff == "current"))],
               [tr("Average feedback response", "反馈平均答复用时"),
                tr("{n} days", "{n} 天", n=round(sum(times) / len(times), 1))
                if times else "—"],
               [tr("Overdue feedback replies", "逾期未答复反馈"), str(len(overdue_replies(ctx)))]]

    # --- status summary (conclusion first) --------------------------------------
    biggest = next((i for i in ctx.of("issue") if open_issue(i) and high(i)), None)
    sentences = [tr("{n} item(s) completed this period.", "本期完成 {n} 项。", n=len(done))]
    if biggest:
        sentences.append(tr("Biggest risk: {r}.", "最大风险：{r}。", r=ctx.ref(biggest)))
    if asks:
        late_n = sum(1 for a in asks if a[2] < d(ctx.today))
        sentences.append(tr("The client is asked to act on {n} item(s) (see section "
                            "\"Decisions and support needed\"), {l} already overdue.",
                            "请甲方处理 {n} 项事项（见“需甲方配合事项”），其中 {l} 项已逾期。",
                            n=len(asks), l=late_n) if late_n else
                         tr("The client is asked to act on {n} item(s), the first by {d}.",
                            "请甲方处理 {n} 项事项，最早须于 {d} 前答复。",
                            n=len(asks), d=asks[0][2]))
    else:
        sentences.append(tr("Nothing is needed from the client this period.",
                            "本期无需甲方配合事项。"))
    dims = proposed["dimensions"]
    dim_names = {"schedule": tr("Schedule", "进度"), "scope": tr("Scope", "范围"),
                 "risk": tr("Risk", "风险"), "client": tr("Client answers", "双方响应")}
    sections = [
        section("status", tr("Status summary", "总体状态"),
                p(" ".join(sentences) if lang != "zh" else "".join(sentences)),
                table([tr("Dimension", "维度"), tr("Status", "状态"), tr("Reason", "理由")],
                      [[dim_names[k], rag_label(lang, v["rag"]), v["reason"]]
                       for k, v in dims.items()])),
        section("milestones", tr("Milestones", "里程碑"),
                table([tr("Milestone", "里程碑"), tr("Baseline", "基线日期"),
                       tr("Forecast / actual", "预测/实际日期"), tr("Variance (days)", "偏差天数"),
                       tr("Note", "说明")], ms_rows,
                      empty=tr("No milestones are recorded in project.toml.",
                               "project.toml 中尚未记录里程碑。"))),
        section("done", tr("Completed this period", "本期完成"),
                ul(_more(ctx, done), empty=none),
                {"type": "h3", "text": tr("Planned but not completed", "计划未完成及原因")},
                ul(_more(ctx, not_done), empty=none)),
        section("next", tr("Next period", "下期计划"),
                ul(_more(ctx, [x for _, x in plan]), empty=none)),
        section("changes", tr("Change requests", "需求与变更"),
                table([tr("Change", "变更"), tr("Schedule impact", "工期影响"),
                       tr("Cost impact", "费用影响"), tr("Status", "状态"),
                       tr("Date", "日期")], cr_rows, empty=none)),
        section("risks", tr("Key risks and issues", "风险与问题"),
                table([tr("Item", "事项"), tr("Impact", "影响"), tr("Level", "等级"),
                       tr("Response", "应对"), tr("Owner", "责任人"), tr("By", "期限")],
                      risk_rows, empty=none)),
        section("client_asks", tr("Decisions and support needed from the client",
                                  "需甲方配合事项"),
                table([tr("Item", "事项"), tr("Who", "责任人"), tr("Answer by", "最晚答复日期"),
                       tr("If late", "逾期影响")], asks, empty=none)),
        section("figures", tr("Figures", "关键数据"), table(
            [tr("Figure", "指标"), tr("Value", "数值")], figures)),
    ]
    held = [m for m in ctx.of("meeting") if m.status == "held"
            and as_date(m.data.get("date")) and start <= as_date(m.data.get("date")) <= end]
    appendix = [tr("Minutes: {t}, {d}", "会议纪要：{t}，{d}", t=ctx.ref(m),
                   d=d(m.data.get("date"))) for m in held]
    sections.append(section("appendix", tr("Appendix", "附件"), ul(appendix, empty=none)))
    vendor = ctx.side_people("vendor")
    client = ctx.side_people("client")
    header = [
        [ctx.t("period"), f"{d(start)}{ctx.t('to')}{d(end)}"],
        [ctx.t("overall"), f"{rag_label(lang, overall)} — {why}"],
        [ctx.t("client_name"), ctx.client],
        [ctx.t("prepared_by"), vendor[0] if vendor else "—"],
        [ctx.t("sent_to"), ("、" if lang == "zh" else ", ").join(client[:3]) or "—"],
    ]
    return doc("progress", ctx, title, header, sections,
               footer=[[ctx.t("date"), d(ctx.today)]],
               since=period.since, until=period.until, number=number,
               cadence="monthly" if monthly else "weekly",
               rag={"overall": overall, "reason": why, "proposed": proposed,
                    "overridden": bool(rag)},
               commits=[c.id for c in hist.commits])
