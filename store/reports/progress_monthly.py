"""The progress report's charts, the monthly report's extra sections and the
period's activity counted from its history."""
from __future__ import annotations

import datetime as dt

from store.reports.common import Ctx, d, p, section, table, ul
from store.reports.progress_status import _fmt, effort_rows, payment_rows
from store.reports.summary import _status_change


def _charts(ctx: Ctx) -> list[dict]:
    """The dashboard's charts as ``chart`` blocks (store.history.charts; an inline
    SVG in the HTML page, left out of Markdown)."""
    from store.history.charts import project_series, report_blocks
    from store.reports.periods import EMPTY
    if ctx.rev is not None and ctx.rev != EMPTY:  # a past point: its history only
        from store.history.asof import series_at
        data = series_at(ctx.ws, ctx.project, ctx.records, ctx.rev, ctx.today, ctx.lang)
    else:
        data = project_series(ctx.ws, ctx.project, ctx.records, ctx.today, ctx.lang)
    return report_blocks(data, ctx.tr)


def _monthly(ctx: Ctx, events, end: dt.date, dims: dict, sections: list) -> dict:
    """The monthly report's extra sections (GB 8567-88 月报): effort
    against plan, payment milestones, the month's figures, recommendations."""
    tr = ctx.tr
    lang = ctx.lang
    zh = lang == "zh"
    rows = effort_rows(ctx, end)
    if rows:
        body = []
        tp = ta = 0.0
        for r in rows:
            var = (r["actual"] - r["planned"]) if None not in (r["actual"], r["planned"]) else None
            tp += r["planned"] or 0
            ta += r["actual"] or 0
            body.append([r["period"] or "—", _fmt(r["planned"]), _fmt(r["actual"]),
                         (("+" if var > 0 else "") + _fmt(var)) if var is not None else "—",
                         r["note"]])
        body.append([tr("Total", "累计"), _fmt(tp), _fmt(ta),
                     ("+" if ta - tp > 0 else "") + _fmt(ta - tp), ""])
        effort = table([tr("Month", "月份"), tr("Planned (person-days)", "计划（人天）"),
                        tr("Actual (person-days)", "实际（人天）"), tr("Variance", "偏差"),
                        tr("Note", "说明")], body)
    else:
        effort = p(tr("Effort against plan is not recorded for this project, so it is "
                      "not compared here.",
                      "本项目未登记工时计划与实际投入，本报告不作比较。"))
    sections.append(section("resources", tr("Resources and effort", "资源与工时投入"), effort))
    pays = payment_rows(ctx)
    if pays:
        body = []
        for x in pays:
            if x["paid_on"]:
                state = tr("received {d}", "已于 {d} 到账", d=d(x["paid_on"]))
            elif x["late_days"]:
                state = tr("{n} days overdue", "已逾期 {n} 天", n=x["late_days"])
            else:
                state = tr("not yet due", "未到期")
            body.append([x["name"], x["milestone"] or "—", x["amount"] or "—",
                         d(x["due"]) or ctx.t("no_date"),
                         state + ((("；" if zh else "; ") + x["note"]) if x["note"] else "")])
        pay = table([tr("Payment", "付款节点"), tr("Milestone", "对应里程碑"),
                     tr("Amount", "金额"), tr("Due", "应付日期"), tr("State", "状态")], body)
    else:
        pay = p(tr("No payment milestones are recorded for this project.",
                   "本项目未登记合同付款节点。"))
    sections.append(section("payments", tr("Payments and milestone acceptance", "经费与付款节点"),
                            pay))
    act = _activity(ctx, events)
    names = [("req_added", tr("Requirements added", "新增需求")),
             ("req_changed", tr("Requirements changed", "修改需求")),
             ("req_confirmed", tr("Requirements signed off", "签认需求")),
             ("cr_raised", tr("Change requests raised", "新提变更")),
             ("cr_decided", tr("Change requests decided", "已决定变更")),
             ("fb_received", tr("Feedback received", "收到反馈")),
             ("fb_replied", tr("Feedback replied", "答复反馈")),
             ("iss_opened", tr("Risks and issues raised", "新增风险与问题")),
             ("iss_closed", tr("Risks and issues closed", "关闭风险与问题"))]
    sections.append(section("month_figures", tr("This month in figures", "本月数据"),
                            table([tr("Figure", "指标"), tr("This month", "本月")],
                                  [[n, str(act[k])] for k, n in names])))
    recs = []
    for k, (en, zl) in (("schedule", ("Agree a recovery plan or a change request for the "
                                      "slipped milestone with the client.",
                                      "建议就推迟的里程碑与甲方商定追赶计划或提出变更申请。")),
                        ("scope", ("Hold a re-confirmation session for the items changed after "
                                   "sign-off and decide the open change requests.",
                                   "建议安排一次需求重新确认，并就待决变更作出决定。")),
                        ("cost", ("Review effort and payments against the contract with the "
                                  "client.", "建议双方对照合同复核工时投入与付款进度。")),
                        ("quality", ("Close the open review conditions and bug reports before "
                                     "the next milestone.", "建议在下一里程碑前关闭评审整改项和缺陷反馈。")),
                        ("risk", ("Review the high risks and their responses at the next "
                                  "progress meeting.", "建议在下次例会上逐项检查高风险及应对措施。")),
                        ("client", ("Go through the overdue items of both sides at the next "
                                    "progress meeting.", "建议在下次例会上逐项核对双方逾期事项。"))):
        if dims[k]["rag"] in ("amber", "red"):
            recs.append(tr(en, zl))
    sections.append(section("recommendations", tr("Recommendations", "建议"),
                            ul(recs, empty=tr("None this month.", "本月无。"))))
    return {"month": act}


def _activity(ctx: Ctx, events: list[dict]) -> dict:
    """What happened in the period, counted from its history."""
    def moved(e, to):
        st = _status_change(e)
        return bool(st and st[1] in to)
    count = {"req_added": set(), "req_changed": set(), "req_confirmed": set(),
             "cr_raised": set(), "cr_decided": set(), "fb_received": set(),
             "fb_replied": set(), "iss_opened": set(), "iss_closed": set()}
    for e in events:
        k, rid, a = e["kind"], e["id"], e["action"]
        if k == "requirement":
            if a == "create":
                count["req_added"].add(rid)
            elif a == "confirm":
                count["req_confirmed"].add(rid)
            elif a == "edit":
                count["req_changed"].add(rid)
        elif k == "change":
            if a == "create":
                count["cr_raised"].add(rid)
            if moved(e, ("approved", "rejected")):
                count["cr_decided"].add(rid)
        elif k == "feedback":
            if a == "create":
                count["fb_received"].add(rid)
            if moved(e, ("replied",)):
                count["fb_replied"].add(rid)
        elif k == "issue":
            if a == "create":
                count["iss_opened"].add(rid)
            if moved(e, ("closed",)):
                count["iss_closed"].add(rid)
    return {k: len(v) for k, v in count.items()}
