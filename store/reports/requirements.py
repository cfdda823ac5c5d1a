"""The requirements document (需求规格说明书) the client reads and signs, as of
now or as of a baseline: GB 8567-88-shaped body, a traceability table, the
open (TBD) items and a sign-off sheet."""
from __future__ import annotations

from ..schema import PRIORITIES
from .common import Ctx, as_date, d, doc, h3, h4, kv, p, section, table, ul, via_word
from .summary import signoff_stories

PRIORITY_WORDS = {"must": ("Must have", "必须实现"), "should": ("Should have", "应当实现"),
                  "could": ("Could have", "可以实现"), "wont": ("Not this time", "本期不实现"),
                  None: ("Priority not set", "未定优先级")}
SOURCE_WORDS = {"interview": ("interview", "访谈"), "survey": ("survey", "问卷"),
                "workshop": ("workshop", "工作坊"), "focus-group": ("focus group", "焦点小组"),
                "document": ("document", "文档"), "feedback": ("feedback", "客户反馈"),
                "change": ("change request", "变更")}
STATUS_WORDS = {"draft": ("draft", "草稿"), "proposed": ("awaiting sign-off", "待确认"),
                "confirmed": ("confirmed", "已确认"), "in-progress": ("in progress", "开发中"),
                "delivered": ("delivered", "已交付"), "accepted": ("accepted", "已验收"),
                "rejected": ("rejected", "已拒绝"), "withdrawn": ("withdrawn", "已撤回")}


def _w(ctx, table_, key):
    en, zh = table_.get(key, (str(key), str(key)))
    return zh if ctx.lang == "zh" else en


def build(ctx: Ctx, baseline: str | None = None, rev: str | None = None) -> dict:
    tr = ctx.tr
    lang = ctx.lang
    sep = "；" if lang == "zh" else "; "
    reqs = ctx.of("requirement")
    live = [r for r in reqs if r.status not in ("rejected", "withdrawn")]
    dropped = [r for r in reqs if r.status in ("rejected", "withdrawn")]
    version = baseline or ctx.today.isoformat()
    title = tr("Software requirements specification — {n}", "{n} 需求规格说明书",
               n=ctx.name)
    header = [[ctx.t("project"), ctx.name], [ctx.t("client_name"), ctx.client],
              [ctx.t("version"), tr("baseline {b}", "基线 {b}", b=baseline) if baseline
               else tr("working copy of {d}", "{d} 工作版本", d=version)],
              [ctx.t("date"), d(ctx.today)],
              [tr("Status", "文档状态"),
               tr("{c} of {n} requirements signed off and current",
                  "{n} 条需求中 {c} 条已确认且有效",
                  c=sum(1 for r in live if r.signoff == "current"), n=len(live))]]
    sections = []
    sections.append(section(
        "introduction", tr("1 Introduction", "1 引言"),
        kv([[tr("Purpose", "编写目的"),
             tr("States what {c} and the vendor agreed the system must do, as the "
                "basis for development, acceptance and change control.",
                "明确{c}与乙方约定的系统需求，作为开发、验收和变更控制的依据。", c=ctx.client)],
            [tr("Background", "项目背景"), ctx.name],
            [tr("Baseline", "基线"), baseline or tr("none (current records)", "无（当前记录）")]])))
    goals = [str(x) for x in ctx.pdata.get("goals") or []]
    ins = [str(x) for x in ctx.pdata.get("in_scope") or []]
    outs = [str(x) for x in ctx.pdata.get("out_of_scope") or []]
    none = tr("None recorded.", "未记录。")
    sections.append(section(
        "overview", tr("2 Overview", "2 任务概述"),
        {"type": "h3", "text": tr("2.1 Goals", "2.1 目标")}, ul(goals, empty=none),
        {"type": "h3", "text": tr("2.2 In scope", "2.2 范围内")}, ul(ins, empty=none),
        {"type": "h3", "text": tr("2.3 Out of scope", "2.3 范围外")}, ul(outs, empty=none)))

    blocks = []
    n = 0
    for prio in list(PRIORITIES) + [None]:
        group = [r for r in live if (r.data.get("priority") or None) == prio
                 or (prio is None and r.data.get("priority") not in PRIORITIES)]
        if not group:
            continue
        n += 1
        blocks.append({"type": "h3", "text": f"3.{n} {_w(ctx, PRIORITY_WORDS, prio)}"})
        for r in group:
            blocks.append(h4(ctx.ref(r)))
            src = _w(ctx, SOURCE_WORDS, r.data.get("source")) if r.data.get("source") else ""
            ref = r.data.get("source_ref")
            if ref:
                ref_rec = ctx.get(str(ref))
                src += ("：" if lang == "zh" else ": ") if src else ""
                src += ctx.ref(ref_rec) if ref_rec else str(ref)
            if r.data.get("client_contact"):
                src += (sep if src else "") + tr("raised by {c}", "提出人：{c}",
                                                 c=r.data["client_contact"])
            blocks.append(kv([[tr("Status", "状态"), _w(ctx, STATUS_WORDS, r.status)],
                              [tr("Source", "来源"), src or tr("not recorded", "未记录")],
                              [tr("Sign-off", "确认"), _signoff(ctx, r)]]))
            blocks.append(p(tr("Statement:", "描述：")))
            blocks.append(p(str(r.data.get("statement") or tr("To be written.", "待补充。"))))
            acc = [str(x) for x in r.data.get("acceptance") or []]
            blocks.append(p(tr("Acceptance criteria:", "验收标准：")))
            blocks.append(ul(acc, ordered=True) if acc else p(tr("To be agreed.", "待约定。")))
    if not blocks:
        blocks.append(p(tr("No requirements yet.", "尚无需求。")))
    sections.append(section("requirements", tr("3 Requirements", "3 需求规定"), *blocks))

    # traceability: requirement -> source -> decisions / changes
    rows = []
    for r in live:
        decs = [x for x in ctx.of("decision") if r.id in (x.data.get("affects") or [])]
        crs = [x for x in ctx.of("change") if r.id in (x.data.get("affects") or [])]
        src = r.data.get("source_ref") or ""
        rows.append([ctx.ref(r), ctx.ref(str(src)) if src else "—",
                     ("、" if lang == "zh" else ", ").join(ctx.ref(x) for x in decs + crs) or "—"])
    sections.append(section(
        "traceability", tr("4 Traceability", "4 需求可追踪性"),
        table([tr("Requirement", "需求"), tr("Source", "来源"),
               tr("Decisions / changes", "决议/变更")], rows, empty=none)))

    sections.append(section(
        "qualification", tr("5 Acceptance method", "5 合格性规定"),
        p(tr("Each requirement is accepted against its acceptance criteria above, "
             "by test or demonstration with the client's representative.",
             "每条需求按上文的验收标准，由甲方代表通过测试或演示逐条验收。"))))

    changes = [c for c in ctx.of("change") if c.status in ("approved", "implemented")]
    crow = []
    for c in changes:
        imp = c.data.get("impact") or {}
        conf = c.data.get("confirmation") or {}
        crow.append([ctx.ref(c), str(imp.get("scope") or "—"),
                     tr("{n} days", "{n} 天", n=imp["schedule_days"])
                     if imp.get("schedule_days") is not None else "—",
                     tr("approved by {b} on {o}", "{b} 于 {o} 批准", b=conf.get("by") or "—",
                        o=d(conf.get("on")) or "—")])
    sections.append(section(
        "changes", tr("6 Changes to the scope", "6 范围变更"),
        table([tr("Change", "变更"), tr("Scope", "范围影响"), tr("Schedule", "工期影响"),
               tr("Approval", "审批")], crow, empty=tr("None.", "无。")),
        ul([tr("{t} — {s}", "{t}——{s}", t=ctx.ref(r), s=_w(ctx, STATUS_WORDS, r.status))
            for r in dropped]) if dropped else None))

    tbd = []
    by_when = _tbd_deadline(ctx)
    for r in live:
        why = []
        if not r.data.get("statement"):
            why.append(tr("statement missing", "缺少描述"))
        if not r.data.get("acceptance"):
            why.append(tr("acceptance criteria missing", "缺少验收标准"))
        if r.signoff == "stale":
            why.append(tr("changed after sign-off", "确认后又有修改"))
        elif r.signoff == "none":
            why.append(tr("not signed off", "尚未确认"))
        if why:
            who = r.data.get("client_contact") or r.data.get("owner")
            tbd.append([ctx.ref(r), sep.join(why), ctx.owner(who) if who else
                        tr("client project lead", "甲方项目负责人"), by_when])
    # what changed after sign-off, in words (store.reports.narrative; now only:
    # a baseline's document is the version the client had)
    stale = [] if rev else [r for r in live if r.signoff == "stale"]
    told = signoff_stories(ctx, stale, head=True)
    sections.append(section(
        "tbd", tr("7 Open items (TBD)", "7 待定事项"),
        table([tr("Requirement", "需求"), tr("Why open", "原因"), tr("Resolved by", "负责确认"),
               tr("By", "最晚日期")],
              tbd, empty=tr("None.", "无。")),
        h3(tr("Changed since sign-off", "签认后的修改")) if stale else None,
        ul([told[r.id] for r in stale]) if stale else None))

    ids_ = ("、" if lang == "zh" else ", ").join(ctx.ref(r) for r in live) or "—"
    sections.append(section(
        "signoff", tr("8 Sign-off sheet", "8 需求确认单"),
        kv([[tr("Document", "文档"), f"{title} ({version})"],
            [tr("Requirements covered", "确认范围"), ids_],
            [tr("Open items", "未决事项"), str(len(tbd))],
            [tr("Rule", "约定"), tr("After sign-off, every change goes through a change request.",
                                  "确认后的任何修改均通过变更单办理。")],
            [tr("Client's comments", "甲方意见"), ""],
            [tr("Client representative / date", "甲方代表（签字/盖章）/ 日期"), ""],
            [tr("Vendor representative / date", "乙方代表（签字/盖章）/ 日期"), ""]])))
    data = [{"id": r.id, "title": r.title, "priority": r.data.get("priority"),
             "status": r.status, "signoff": r.signoff} for r in reqs]
    return doc("requirements", ctx, title, header, sections,
               footer=[[ctx.t("date"), d(ctx.today)]],
               baseline=baseline, commit=rev, requirements=data)


def _tbd_deadline(ctx) -> str:
    """Open items are due before the next unfinished milestone (else in ten
    days)."""
    import datetime as dt
    from .common import milestones
    dates = []
    for m in milestones(ctx):
        when = as_date(m["forecast"]) or as_date(m["baseline"])
        if not m["done_on"] and when and when >= ctx.today:
            dates.append(when)
    return d(min(dates) if dates else ctx.today + dt.timedelta(days=10))


def _signoff(ctx, r) -> str:
    conf = r.data.get("confirmation") or {}
    if r.signoff == "none":
        return ctx.tr("not signed off yet", "尚未确认")
    text = ctx.tr("signed by {b} on {o} via {v}", "{b} 于 {o} 通过{v}确认",
                  b=conf.get("by") or "—", o=d(conf.get("on")) or "—",
                  v=via_word(ctx, conf.get("via")))
    if r.signoff == "stale":
        text += ctx.tr(" — CHANGED SINCE SIGN-OFF, needs re-confirmation",
                       "——⚠ 确认后已修改，需重新确认")
    return text
