"""The review pack (评审会材料) a project manager sends before a stage review
or acceptance meeting, after report-structures.md §2 (PRINCE2 End Stage
Report, CN 评审报告): document control, 1 object of the review and its
purpose, 2 agenda, 3 stage objectives against actual (RAG per dimension by
the progress report's rules), 4 products under review, 5 changes, 6 risks
and issues, 7 decisions requested from the client (options and the
vendor's recommendation where the records hold them), 8 next-stage
forecast, 9 the conclusion for the client to tick (通过 / 有条件通过 / 不通过).

The meeting under review is ``--meeting MTG-n`` or else the next planned
meeting of type stage-review or acceptance.  The stage runs from the day
after the last held review (stage-review or acceptance) before it — or
the project's start — to today (``--since``/``--until`` override it).
"""
from __future__ import annotations

import datetime as dt

from store.reports.common import (Ctx, agenda_item, as_date, d, doc, h3, h4, kv,
                                  milestones, p, section, status_word, table, ul)
from store.reports.final import _kickoff_baseline
from store.reports.minutes import TYPE_WORDS
from store.reports.progress import (change_columns, change_rows, milestone_columns,
                                    milestone_rows, plan_items, previous, risk_columns,
                                    risk_table_rows)
from store.reports.progress import status as stage_status
from store.reports.review_control import document_control
from store.reports.review_asks import _join, _rag_word, _person, _meeting_time, _moved, _decider, decisions_requested  # noqa: F401 - their old import path
from store.reports.review_meeting import REVIEW_TYPES, STAGE_DIMENSIONS, OTHER_DIMENSIONS, OUTCOMES, target_meeting, last_review, default_since, at_its_point  # noqa: F401 - their old import path


def build_for(ws, project: str, ctx: Ctx, since=None, until=None, meeting=None) -> dict:
    from store.reports import periods
    target = target_meeting(ctx, meeting)
    since = since or default_since(ctx, target)
    if until is None and ctx.rev is not None:
        until = ctx.today.isoformat()  # a past pack reads no history after its point

    class _Index:
        def of_kind(self, kind):
            return ctx.of(kind)
    period = periods.resolve(ws, project, since, until, index=_Index(), today=ctx.today)
    from store.history.asof import read
    hist = read(ws, project, period, ctx.rev)  # never past the pack's point
    return build(ctx, hist, period, target)


# --- the document -----------------------------------------------------------------


def build(ctx: Ctx, hist, period, target=None) -> dict:
    tr = ctx.tr
    lang = ctx.lang
    zh = lang == "zh"
    sep = "；" if zh else "; "
    events = [e for e in hist.events if e["project"] == ctx.project]
    start = period.start or as_date(ctx.pdata.get("start")) or ctx.today
    end = period.end or ctx.today
    stage_text = f"{d(start)}{ctx.t('to')}{d(end)}"
    mdate = as_date(target.data.get("date")) if target is not None else None
    # the review meeting is the recorded date to answer by; no date is made up
    answer_by = d(mdate) if mdate and mdate >= ctx.today else ctx.t("not_agreed")

    # --- status, the same rules as the progress report ---------------------------
    now = stage_status(ctx)
    before = previous(ctx, start)
    dims = now["dimensions"]

    # --- the pieces -------------------------------------------------------------
    ms = milestones(ctx)
    # the stage's milestones: due or reached in it, or late now
    in_stage = [m for m in ms if m["state"] in ("slipped", "missed")
                or any(x and start <= x <= end for x in (as_date(m["baseline"]),
                                                         as_date(m["done_on"])))]
    delivered_on = _moved(events, "requirement", "delivered")
    accepted_on = _moved(events, "requirement", "accepted")
    products = [r for r in ctx.of("requirement")
                if r.id in delivered_on or r.id in accepted_on]
    reports_sent = [r for r in ctx.of("report") if r.status == "sent"
                    and as_date(r.data.get("sent_on"))
                    and start <= as_date(r.data["sent_on"]) <= end]
    trainings = [x for x in ctx.of("training") if as_date(x.data.get("date"))
                 and start <= as_date(x.data["date"]) <= end
                 and x.status != "cancelled"]
    cr_rows = change_rows(ctx, events)
    stale = [r for r in ctx.of("requirement") + ctx.of("change")
             if r.signoff == "stale" and r.status not in ("rejected", "withdrawn")]
    risk_rows = risk_table_rows(ctx)
    closed = _moved(events, "issue", "closed")
    asks = decisions_requested(ctx, answer_by)

    # --- document control -----------------------------------------------------------
    title, header, control, number, version = document_control(ctx, target, start, end,
                                                               stage_text)

    # --- 1 object and purpose (conclusion first) ------------------------------------
    n_del = len(products)
    lead = [tr("Overall status of the stage {s}: {c} — {r}",
               "本阶段（{s}）总体状态为{c}：{r}", s=stage_text,
               c=_rag_word(ctx, now["overall"]), r=now["reason"])]
    lead.append(tr("{n} delivered or accepted and {k} raised or decided in the stage.",
                   "本阶段交付或验收需求 {n2} 条，新提出或已决定变更 {k2} 项。",
                   n=_count(ctx, n_del, "requirement", "requirements"),
                   k=_count(ctx, len(cr_rows), "change request", "change requests"),
                   n2=n_del, k2=len(cr_rows)))
    when = tr(" at the meeting on {d}", "在 {d} 的评审会上", d=d(mdate)) if mdate else \
        tr(" by {d}", "于 {d} 前", d=answer_by)
    if asks:
        lead.append(tr("The client is asked{w} to decide {n} (section 7) and to tick "
                       "the review conclusion (section 9).",
                       "请甲方{w}对第 7 节所列 {n} 项事项作出决定，并在第 9 节勾选评审结论。",
                       w=when, n=len(asks) if zh else
                       _count(ctx, len(asks), "item", "items")))
    else:
        lead.append(tr("Nothing awaits the client's decision; the client is asked{w} "
                       "to tick the review conclusion (section 9).",
                       "目前没有待甲方决定的事项；请甲方{w}在第 9 节勾选评审结论。", w=when))
    lead = [s if s.endswith(("。", ".")) else s + ("。" if zh else ".") for s in lead]
    typ = TYPE_WORDS.get(target.data.get("type") if target is not None else "stage-review",
                         TYPE_WORDS["stage-review"])
    base_name, _ = _kickoff_baseline(ctx)
    # (no commit id: client text; the JSON lists the commits)
    version_of = tr("The project records up to {d}", "截至 {d} 的项目记录", d=d(end))
    if base_name:
        version_of += tr("; scope compared with the baseline {b}", "；范围对照基线 {b}",
                         b=base_name)
    objects = [m["name"] for m in in_stage]
    obj = tr("The results of the stage {s}", "本阶段（{s}）的成果", s=stage_text)
    if objects:
        obj += tr(" — milestones: {m}", "，涉及里程碑：{m}", m=_join(ctx, objects))
    meeting_line = (tr("{m}, {t}, chaired by {c}", "{m}，{t}，主持人 {c}", m=ctx.ref(target),
                       t=_meeting_time(ctx, target),
                       c=ctx.owner(target.data.get("chair")))
                    if target is not None else
                    tr("not yet arranged", "尚未安排"))
    purpose = tr("Confirm whether the stage met its objectives, review the changes "
                 "and risks, decide the open items and agree whether the project "
                 "moves on to the next stage.",
                 "确认本阶段成果是否达到阶段目标，审议变更与风险，对待决事项作出决定，"
                 "并确定项目能否进入下一阶段。")
    s1 = section("object", tr("1 Object and purpose of the review", "1 评审对象与目的"),
                 p(" ".join(lead) if not zh else "".join(lead)),
                 kv([[tr("Object under review", "评审对象"), obj],
                     [tr("Version", "版本"), version_of],
                     [tr("Type", "类型"), typ[1] if zh else typ[0]],
                     [tr("Review meeting", "评审会议"), meeting_line],
                     [tr("Purpose", "目的"), purpose]]))

    # --- 2 agenda -------------------------------------------------------------------
    if target is None:
        s2 = section("agenda", tr("2 Agenda", "2 会议议程"), p(tr(
            "No stage review or acceptance meeting is planned yet; once it is arranged "
            "the agenda follows sections 3 to 9 of this pack.",
            "目前尚未安排阶段评审会或验收会；会议安排确定后，议程按本材料第 3 至 9 节进行。")))
    else:
        data = target.data
        attendees = [[tr("Time", "时间"), _meeting_time(ctx, target)],
                     [tr("Place", "地点"), str(data.get("place") or "—")],
                     [tr("Chair", "主持人"), ctx.owner(data.get("chair"))
                      if data.get("chair") else "—"],
                     [tr("Attendees (client)", "参会人（甲方）"),
                      _join(ctx, data.get("attendees_client") or []) or "—"],
                     [tr("Attendees (vendor)", "参会人（乙方）"),
                      _join(ctx, data.get("attendees_vendor") or []) or "—"]]
        items = [agenda_item(str(x)) for x in data.get("agenda") or []]
        if any(mins is not None or who for _, mins, who in items):
            listing = table(
                [tr("No.", "序号"), tr("Item", "议题"), tr("Time", "时长"),
                 tr("Presenter", "主讲")],
                [[str(i), topic, tr("{n} min", "{n} 分钟", n=mins) if mins is not None
                  else "—", _join(ctx, [ctx.owner(w) for w in who]) or "—"]
                 for i, (topic, mins, who) in enumerate(items, 1)])
        else:
            listing = ul([topic for topic, _, _ in items], ordered=True,
                         empty=tr("The meeting record lists no agenda yet; the meeting "
                                  "follows sections 3 to 9 of this pack.",
                                  "会议记录中尚未列出议程，会议按本材料第 3 至 9 节进行。"))
        s2 = section("agenda", tr("2 Agenda", "2 会议议程"), kv(attendees), listing)

    # --- 3 stage objectives against actual --------------------------------------------
    def trend(k) -> str:
        if before is None:
            return tr("no earlier state", "无上阶段") + " → " + _rag_word(ctx, dims[k]["rag"])
        return _rag_word(ctx, before["dimensions"][k]["rag"]) + " → " + \
            _rag_word(ctx, dims[k]["rag"])
    live = [r for r in ctx.of("requirement") if r.status not in ("rejected", "withdrawn")]
    signed = sum(1 for r in live if r.signoff == "current")
    done_ms = [m for m in in_stage if m["done_on"]]
    late_ms = [m for m in in_stage if m["state"] in ("done-late", "missed", "slipped")]
    reviews = [m for m in ctx.of("meeting") if m.status == "held"
               and m.data.get("type") in REVIEW_TYPES and as_date(m.data.get("date"))
               and start <= as_date(m.data["date"]) <= end]
    bugs = [f for f in ctx.of("feedback") if f.data.get("type") == "bug"
            and f.status in ("received", "acknowledged", "in-progress")
            and not f.data.get("replied_on")]
    outcome_word = {"pass": tr("passed", "通过"), "conditional": tr("passed with conditions",
                                                                   "有条件通过"),
                    "fail": tr("not passed", "未通过")}
    stage_rows = [
        [tr("Schedule", "进度"),
         tr("{n} due in the stage, each on its baseline date", "本阶段 {n} 个里程碑按基线日期完成",
            n=_count(ctx, len(in_stage), "milestone", "milestones") if not zh else len(in_stage))
         if in_stage else tr("No milestone falls in this stage", "本阶段无到期里程碑"),
         tr("{a} reached, {b} late or forecast late", "已完成 {a} 个，推迟或预计推迟 {b} 个",
            a=len(done_ms), b=len(late_ms)),
         trend("schedule"), dims["schedule"]["reason"]],
        [tr("Scope", "范围"),
         tr("Deliver the {n}; changes only through an approved change request",
            "按已签认的 {n2} 条需求交付，变更须经批准",
            n=_count(ctx, signed, "signed-off requirement", "signed-off requirements"),
            n2=signed),
         tr("{a} delivered or accepted; {c} changed since sign-off; {k} raised or decided",
            "交付或验收 {a2} 条；签认后修改 {c2} 项；新提出或已决定变更 {k2} 项",
            a=_count(ctx, n_del, "requirement", "requirements"),
            c=_count(ctx, len(stale), "item", "items"),
            k=_count(ctx, len(cr_rows), "change request", "change requests"),
            a2=n_del, c2=len(stale), k2=len(cr_rows)),
         trend("scope"), dims["scope"]["reason"]],
        [tr("Quality", "质量"),
         tr("Reviews passed; the client's bug reports answered", "评审通过，甲方缺陷报告均已答复"),
         _join(ctx, [tr("{m}: {o}", "{m}：{o}", m=ctx.ref(m),
                        o=outcome_word.get(m.data.get("outcome"), tr("no result recorded",
                                                                     "结论未记录")))
                     for m in reviews]
               + [tr("{n} unanswered", "{n2} 条缺陷报告未答复",
                     n=_count(ctx, len(bugs), "bug report", "bug reports"), n2=len(bugs))
                  if bugs else tr("no bug report unanswered", "无未答复的缺陷报告")]),
         trend("quality"), dims["quality"]["reason"]],
    ]
    dim_names = {"cost": tr("Cost / resources", "成本/资源"), "risk": tr("Risk", "风险"),
                 "client": tr("Client answers", "双方响应")}
    other_rows = [[dim_names[k], trend(k), dims[k]["reason"]] for k in OTHER_DIMENSIONS]
    trend_col = tr("Last review → now", "上阶段 → 本阶段")
    s3 = section(
        "stage", tr("3 Stage objectives against actual", "3 阶段目标与实际"),
        p(tr("Overall: {c} — {r}", "总体：{c}——{r}", c=_rag_word(ctx, now["overall"]),
             r=now["reason"])),
        table([tr("Dimension", "维度"), tr("Stage objective", "阶段目标"),
               tr("Actual", "实际"), trend_col, tr("Reason", "理由")], stage_rows),
        h3(tr("Milestones", "里程碑")),
        table(milestone_columns(ctx), milestone_rows(ctx),
              empty=tr("No milestones are recorded for this project yet.",
                       "本项目尚未登记里程碑。")),
        h3(tr("Other dimensions", "其他维度")),
        table([tr("Dimension", "维度"), trend_col, tr("Reason", "理由")], other_rows))

    # --- 4 products under review ---------------------------------------------------
    prod_rows = [[ctx.ref(r), status_word(lang, r.status, "requirement"),
                  delivered_on.get(r.id) or "—",
                  accepted_on.get(r.id) or (tr("awaiting acceptance", "待验收")
                                            if r.status == "delivered" else "—"),
                  ctx.owner(r.data.get("owner"))] for r in products]
    rtype = {"weekly": tr("weekly report", "周报"), "monthly": tr("monthly report", "月报"),
             "stage": tr("stage report", "阶段报告"), "final": tr("project summary", "项目总结"),
             "minutes": tr("minutes", "会议纪要"),
             "requirements": tr("requirements document", "需求规格说明书"),
             "review": tr("review pack", "评审会材料")}
    rep_rows = [[ctx.ref(r), rtype.get(r.data.get("type"), "—"), d(r.data.get("sent_on")),
                 _join(ctx, r.data.get("sent_to") or []) or "—"] for r in reports_sent]
    fmt_word = {"on-site": tr("on site", "现场"), "online": tr("online", "线上"),
                "manual": tr("manual", "操作手册")}
    trn_rows = [[ctx.ref(x), fmt_word.get(x.data.get("format"), "—"), d(x.data.get("date")),
                 ctx.owner(x.data.get("trainer")) if x.data.get("trainer") else "—",
                 status_word(lang, x.status)
                 + (sep + tr("{a} attended", "参加 {a} 人", a=x.data["attendance"])
                    if x.data.get("attendance") else "")]
                for x in trainings]
    s4 = section(
        "products", tr("4 Products under review", "4 评审对象与交付物清单"),
        h3(tr("Requirements delivered and accepted", "需求交付与验收")),
        table([tr("Requirement", "需求"), tr("State", "状态"), tr("Delivered on", "交付日期"),
               tr("Accepted on", "验收日期"), tr("Owner", "责任人")], prod_rows,
              empty=tr("No requirement was delivered or accepted in this stage.",
                       "本阶段没有交付或验收的需求。")),
        h3(tr("Reports and documents sent", "已发送的报告与文档")),
        table([tr("Document", "文档"), tr("Type", "类型"), tr("Sent on", "发送日期"),
               tr("Sent to", "发送对象")], rep_rows,
              empty=tr("No report was sent to the client in this stage.",
                       "本阶段没有向甲方发送报告。")),
        h3(tr("Training", "培训")),
        table([tr("Training", "培训"), tr("Format", "形式"), tr("Date", "日期"),
               tr("Trainer", "讲师"), tr("State", "状态")], trn_rows,
              empty=tr("No training took place in this stage.", "本阶段没有培训。")))

    # --- 5 changes --------------------------------------------------------------------
    stale_items = []
    for r in stale:
        conf = r.data.get("confirmation") or {}
        stale_items.append(tr("{t} — signed off by {b} on {o}, changed since; "
                              "awaiting re-confirmation",
                              "{t}——{b} 于 {o} 签认后被修改，待重新确认",
                              t=ctx.ref(r), b=conf.get("by") or "—",
                              o=d(conf.get("on")) or "—"))
    s5 = section(
        "changes", tr("5 Changes", "5 变更汇总"),
        table(change_columns(ctx), cr_rows,
              empty=tr("No change request was raised or decided in this stage.",
                       "本阶段没有新提出或已决定的变更。")),
        h3(tr("Changed after sign-off", "签认后修改")),
        ul(stale_items, empty=tr("Nothing signed off has changed since.",
                                 "已签认的内容均未被修改。")))

    # --- 6 risks and issues --------------------------------------------------------------
    closed_items = [tr("{t} — closed {d}", "{t}——{d} 关闭", t=ctx.ref(i), d=closed[i.id])
                    for i in ctx.of("issue") if i.id in closed]
    blocks = [table(risk_columns(ctx), risk_rows,
                    empty=tr("No risk or issue is open.", "目前没有未关闭的风险与问题。"))]
    if closed_items:
        blocks += [h3(tr("Closed in this stage", "本阶段已关闭")), ul(closed_items)]
    s6 = section("risks", tr("6 Risks and issues", "6 风险与问题"), *blocks)

    # --- 7 decisions requested ---------------------------------------------------------
    blocks = []
    for n, a in enumerate(asks, 1):
        items = []
        if a["background"]:
            items.append([tr("Background", "背景"), a["background"]])
        if a["impact"]:
            items.append([tr("Impact", "影响"), a["impact"]])
        if a["options"]:
            items.append([tr("Options", "选项"),
                          sep.join(tr("({i}) {o}", "（{i}）{o}", i=i, o=o.rstrip("。.；;"))
                                   for i, o in enumerate(a["options"], 1))])
        if a["recommendation"]:
            items.append([tr("Vendor's recommendation", "乙方建议"), a["recommendation"]])
        items.append([tr("To decide", "决定人"), a["owner"]])
        items.append([tr("Answer by", "最晚答复日期"), a["answer_by"]])
        blocks += [h4(f"7.{n} {a['title']}"), kv(items)]
    if not blocks:
        blocks = [p(tr("Nothing awaits the client's decision in this stage.",
                       "本阶段没有需要甲方决定的事项。"))]
    s7 = section("decisions", tr("7 Decisions requested from the client", "7 请甲方决策事项"),
                 *blocks)

    # --- 8 next stage ------------------------------------------------------------------
    upcoming = [as_date(m["forecast"]) or as_date(m["baseline"]) for m in ms
                if not m["done_on"]]
    upcoming = [x for x in upcoming if x and x > end]
    horizon = max([end + dt.timedelta(days=31)] + upcoming[:1])
    plan = [line for _, line in plan_items(ctx, end, horizon)]
    s8 = section("next", tr("8 Next-stage forecast", "8 下阶段计划"),
                 p(tr("Up to {d}:", "截至 {d}：", d=d(horizon))) if plan else None,
                 ul(plan, empty=tr("No milestone, action or meeting is recorded for the "
                                   "next stage yet.",
                                   "下阶段尚未登记里程碑、待办或会议。")))

    # --- 9 conclusion ------------------------------------------------------------------
    outcome = target.data.get("outcome") if target is not None and \
        target.status == "held" else None
    labels = {"pass": tr("Passed", "通过"),
              "conditional": tr("Passed with conditions (corrective actions attached)",
                                "有条件通过（附整改项）"),
              "fail": tr("Not passed", "不通过")}
    ticks = [("☑ " if outcome == k else "☐ ") + labels[k] for k in OUTCOMES]
    blocks = [p(tr("The client ticks one conclusion:", "请甲方勾选评审结论：")), ul(ticks)]
    if outcome == "conditional":
        acts = [a for a in ctx.of("action") if a.id in set(target.data.get("actions") or [])
                or a.data.get("meeting") == target.id]
        blocks += [h3(tr("Corrective actions", "整改项")),
                   table([tr("Action", "整改项"), tr("Owner", "责任人"), tr("By", "完成日期"),
                          tr("State", "状态")],
                         [[ctx.ref(a), ctx.owner(a.data.get("owner")),
                           d(a.data.get("due")) or ctx.t("no_date"),
                           status_word(lang, a.status)] for a in acts],
                         empty=tr("No corrective action is recorded yet.", "尚未登记整改项。"))]
    else:
        blocks.append(p(tr("With a conditional pass, list each corrective action with its "
                           "owner and completion date.",
                           "如为有条件通过，请逐项列明整改项、责任人及完成日期。")))
    blocks.append(kv([[tr("Client representative (signature) / date", "甲方代表（签字）/ 日期"), ""],
                      [tr("Vendor representative (signature) / date", "乙方代表（签字）/ 日期"), ""]]))
    s9 = section("conclusion", tr("9 Review conclusion", "9 评审结论"), *blocks)

    sections = [control, s1, s2, s3, s4, s5, s6, s7, s8, s9]
    prev_json = None
    if before:
        prev_json = {"as_of": before["as_of"], "overall": before["overall"],
                     "dimensions": {k: v["rag"] for k, v in before["dimensions"].items()}}
    return doc("review", ctx, title, header, sections,
               footer=[[ctx.t("date"), d(ctx.today)]],
               number=number, version=version,
               since=period.since, until=period.until,
               stage={"start": d(start), "end": d(end)},
               meeting=target.id if target is not None else None,
               rag={"overall": now["overall"], "reason": now["reason"],
                    "dimensions": now["dimensions"], "previous": prev_json},
               products={"requirements": [r.id for r in products],
                         "reports": [r.id for r in reports_sent],
                         "trainings": [x.id for x in trainings]},
               changes=[c.id for c in ctx.of("change") if ctx.ref(c) in
                        {r[0] for r in cr_rows}],
               decisions=[{k: a[k] for k in ("id", "kind", "what", "title", "options",
                                             "recommendation", "owner", "answer_by")}
                          for a in asks],
               conclusion={"options": list(OUTCOMES), "outcome": outcome},
               commits=[c.id for c in hist.commits])


def _count(ctx, n, one, many) -> str:
    from store.reports.common import count_word
    return count_word(ctx.lang, n, one, many)
