"""The progress report (周报/月报) for the client: conclusion first, RAG per
dimension with its trend (上期 → 本期) and reason, milestones baseline
against forecast, done, next, changes, risks and what the client must
decide or provide; the monthly report adds effort against plan, payment
milestones, the month's figures and recommendations (GB 8567-88 月报).

Status rules (written down once, applied mechanically; see also
``common.rag`` for schedule, scope, risk and client answers):

* cost/resources: recorded effort (``[[effort]]`` in project.toml) more than
  25 % over plan: red; more than 10 % over plan, or a payment milestone
  (``[[payments]]``) past its due date and not paid: amber; neither
  recorded: not assessed (it says so; no figure is made up);
* quality: the latest held acceptance/stage review failed: red; it passed
  with conditions, or bugs reported by the client are still unanswered:
  amber.

The previous period's colours are worked out by the same rules from the
records as they were at the end of the previous period (the last commit
on or before that day) and with that day as "today".
"""
from __future__ import annotations

import datetime as dt

from store.errors import InvalidValue
from store.reports.common import (Ctx, as_date, control_header, control_section,
                                  count_word, d, doc, doc_control, h3, high,
                                  open_issue, overdue_replies, p,
                                  rag_label, section, table, ul)
from store.reports.progress_status import DIMENSIONS, REASON_ORDER, RAG_KINDS, OPEN_BUG, _num, _fmt, effort_rows, payment_rows, _cost, _quality, _conditions_met, status, _label, with_titles, _scope_lines, state_at, previous, last_kept_end, default_period, sent_status  # noqa: F401 - their old import path
from store.reports.tables import plan_items, milestone_columns, milestone_rows, change_columns, change_rows, risk_columns, risk_table_rows  # noqa: F401 - their old import path
from store.reports.progress_monthly import _charts, _monthly, _activity  # noqa: F401 - their old import path
from store.reports.progress_items import _join, client_asks, done_in_period

MAX_ITEMS = 7

# --- helpers ---------------------------------------------------------------------

def _more(ctx, items: list[str], rest_out: list[str]) -> list[str]:
    if len(items) <= MAX_ITEMS:
        return items
    keep = items[:MAX_ITEMS - 1]
    rest_out.extend(items[MAX_ITEMS - 1:])
    return keep + [ctx.tr("… and {n} more (listed in the appendix)",
                          "……另有 {n} 项，见附件", n=len(items) - len(keep))]


def figures_of(ctx: Ctx, end: dt.date) -> dict:
    reqs = [r for r in ctx.of("requirement") if r.status not in ("rejected", "withdrawn")]
    open_reqs = [r for r in reqs if r.status not in ("delivered", "accepted")]
    times = []
    for f in ctx.of("feedback"):
        a, b = as_date(f.data.get("received_on")), as_date(f.data.get("replied_on"))
        if a and b and b <= end:
            times.append((b - a).days)
    return {"requirements_open": len(open_reqs), "requirements": len(reqs),
            "signed_off_current": sum(1 for r in reqs if r.signoff == "current"),
            "changed_since_signoff": sum(1 for r in reqs if r.signoff == "stale"),
            "feedback_response_days": round(sum(times) / len(times), 1) if times else None,
            "overdue_replies": len(ctx.once(overdue_replies)),
            "open_risks_issues": sum(1 for i in ctx.of("issue") if open_issue(i))}


# --- the report ---------------------------------------------------------------------

def build(ctx: Ctx, hist, period, rag: str | None = None,
          reason: str | None = None, cadence: str | None = None) -> dict:
    tr = ctx.tr
    lang = ctx.lang
    zh = lang == "zh"
    events = [e for e in hist.events if e["project"] == ctx.project]
    start = period.start or ctx.today
    end = period.end or ctx.today
    length = (end - start).days + 1
    monthly = cadence == "monthly" if cadence else length > 16
    none = ctx.t("none_period")
    appendix_more: list[str] = []

    proposed = status(ctx)
    if rag:
        if rag not in ("red", "amber", "green"):
            raise InvalidValue(f"--rag {rag!r}: use red, amber or green")
        if not (reason and reason.strip()):
            raise InvalidValue("--rag needs --reason TEXT: one sentence saying why")
        sched = proposed["dimensions"]["schedule"]
        if rag == "green" and sched["rag"] != "green":
            raise InvalidValue(
                "--rag green: a milestone slipped without an approved change and is "
                "never green (" + sched["reason"] + "); use amber or red, or record "
                "the approved change in project.toml")
        overall, why = rag, " ".join(reason.split())
    else:
        overall, why = proposed["overall"], proposed["reason"]
    before = previous(ctx, start, length, "monthly" if monthly else "weekly")

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
    this_p = tr("this month", "本月") if monthly else tr("this week", "本周")

    # --- what was done, and what was due and not done ------------------------------
    did = done_in_period(ctx, events, start, end)
    done, not_done, headline = did.lines, did.not_done, did.headline

    # --- next period, milestones, changes, risks (shared with the review pack) ---
    horizon = end + dt.timedelta(days=31 if monthly else 7)
    plan = plan_items(ctx, end, horizon)
    ms_rows = milestone_rows(ctx)
    cr_rows = change_rows(ctx, events)
    risk_rows = risk_table_rows(ctx)

    # --- what the client must do ------------------------------------------------
    wanted = client_asks(ctx)
    asks, first_due = wanted.rows, wanted.first_due

    # --- figures, with the previous period beside them -----------------------------
    now_f = figures_of(ctx, end)
    prev_f = figures_of(before["ctx"], start - dt.timedelta(days=1)) if before else None
    fig_names = [
        ("requirements_open", tr("Requirements not yet delivered", "未交付需求")),
        ("requirements", tr("Requirements in scope", "范围内需求")),
        ("signed_off_current", tr("Signed off, current", "已签认且有效")),
        ("changed_since_signoff", tr("Changed since sign-off", "签认后被修改")),
        ("open_risks_issues", tr("Open risks and issues", "未关闭风险与问题")),
        ("feedback_response_days", tr("Average feedback response (days)", "反馈平均答复用时（天）")),
        ("overdue_replies", tr("Overdue feedback replies", "逾期未答复反馈")),
    ]
    fig_rows = [[n, _fmt(prev_f[k]) if prev_f else "—", _fmt(now_f[k])] for k, n in fig_names]
    prev_col = tr("Previous period (to {d})", "上期（截至 {d}）",
                  d=d(start - dt.timedelta(days=1)))
    now_col = tr("This period (to {d})", "本期（截至 {d}）", d=d(end))

    # --- status summary (conclusion first) --------------------------------------
    dims = proposed["dimensions"]
    biggest = next((i for i in ctx.of("issue") if open_issue(i) and high(i)), None)
    sentences = []
    if before and before["overall"] != overall:
        sentences.append(tr("Overall status moved from {a} last period to {b}: {r}",
                            "总体状态由上期的{a}转为{b}：{r}",
                            a=rag_label(lang, before["overall"]),
                            b=rag_label(lang, overall), r=why))
    else:
        sentences.append(tr("Overall status {b}: {r}", "总体状态为{b}：{r}",
                            b=rag_label(lang, overall), r=why))
    n_done = did.count
    if n_done:
        sentences.append(tr("{n} {v} completed {p}; the main one: {f}.",
                            "{p}完成 {n} 项，主要是{f}。",
                            n=n_done if zh else count_word(lang, n_done, "item", "items"),
                            v="was" if n_done == 1 else "were", p=this_p,
                            f=headline))
    else:
        sentences.append(tr("Nothing was completed {p}.", "{p}无完成事项。", p=this_p))
    if biggest:
        sentences.append(tr("Biggest risk: {r}.", "最大风险：{r}。", r=ctx.ref(biggest)))
    if asks:
        late_n = wanted.late
        sentences.append(tr("The client is asked to act on {k} (see \"Decisions and "
                            "support needed from the client\"), {l} already overdue.",
                            "请甲方处理 {n} 项事项（见“需甲方配合事项”），其中 {l} 项已逾期。",
                            n=len(asks), k=count_word(lang, len(asks), "item", "items"),
                            l=late_n) if late_n else
                         tr("The client is asked to act on {k}, the first by {d}.",
                            "请甲方处理 {n} 项事项，最早须于 {d} 前答复。",
                            n=len(asks), k=count_word(lang, len(asks), "item", "items"),
                            d=first_due) if first_due else
                         tr("The client is asked to act on {k}; no answer date is agreed "
                            "yet.", "请甲方处理 {n} 项事项，答复日期尚未约定。",
                            n=len(asks), k=count_word(lang, len(asks), "item", "items")))
    else:
        sentences.append(tr("Nothing is needed from the client {p}.", "{p}无需甲方配合事项。",
                            p=this_p))
    for i, s in enumerate(sentences):
        if not s.endswith(("。", ".")):
            sentences[i] = s + ("。" if zh else ".")
    dim_names = {"schedule": tr("Schedule", "进度"), "scope": tr("Scope", "范围"),
                 "cost": tr("Cost / resources", "成本/资源"), "quality": tr("Quality", "质量"),
                 "risk": tr("Risk", "风险"), "client": tr("Client answers", "双方响应")}
    arrow = " → "

    def trend(prev_colour, colour) -> str:
        return (_label(lang, prev_colour) if before else tr("no previous period", "无上期")) \
            + arrow + _label(lang, colour)
    overall_trend = trend(before["overall"] if before else None, overall)
    if before and before.get("sent"):
        # the colour the client was sent last time, which may differ from the rules
        overall_trend = overall_trend.replace(
            _label(lang, before["overall"]) + arrow,
            _label(lang, before["overall"]) + tr(" (as sent in {r})", "（{r} 所报）",
                                                 r=before["sent"]) + arrow, 1)
    dim_rows = [[tr("Overall", "总体"), overall_trend, why]]
    for k in DIMENSIONS:
        dim_rows.append([dim_names[k],
                         trend(before["dimensions"][k]["rag"] if before else None,
                               dims[k]["rag"]), dims[k]["reason"]])

    next_title = tr("Next month", "下月计划") if monthly else tr("Next week", "下周计划")
    done_title = tr("Completed this month", "本月完成") if monthly else \
        tr("Completed this week", "本周完成")
    sections = [
        section("status", tr("Status summary", "总体状态"),
                p(" ".join(sentences) if not zh else "".join(sentences)),
                table([tr("Dimension", "维度"),
                       tr("Previous → this period", "上期 → 本期"), tr("Reason", "理由")],
                      dim_rows)),
        section("milestones", tr("Milestones", "里程碑"),
                table(milestone_columns(ctx), ms_rows,
                      empty=tr("No milestones are recorded for this project yet.",
                               "本项目尚未登记里程碑。"))),
        section("done", done_title,
                ul(_more(ctx, done, appendix_more), empty=none),
                h3(tr("Planned but not completed", "计划未完成及原因")),
                ul(_more(ctx, not_done, appendix_more), empty=none)),
        section("next", next_title,
                ul(_more(ctx, [x for _, x in plan], appendix_more), empty=none)),
        section("changes", tr("Change requests", "需求与变更"),
                table(change_columns(ctx), cr_rows,
                      empty=tr("No change request was raised or decided {p}.",
                               "{p}无新提出或已决定的变更。", p=this_p)),
                *_scope_lines(ctx, events, this_p)),
        section("risks", tr("Key risks and issues", "风险与问题"),
                table(risk_columns(ctx), risk_rows, empty=tr("No open risks or issues.", "无未关闭的风险与问题。"))),
        section("client_asks", tr("Decisions and support needed from the client",
                                  "需甲方配合事项"),
                table([tr("Item", "事项"), tr("Who", "责任人"), tr("Answer by", "最晚答复日期"),
                       tr("If late", "逾期影响")], asks, empty=none)),
        section("figures", tr("Figures", "关键数据"), table(
            [tr("Figure", "指标"), prev_col, now_col], fig_rows), *_charts(ctx)),
    ]
    extra = {}
    if monthly:
        extra = _monthly(ctx, events, end, dims, sections)
    held = [m for m in ctx.of("meeting") if m.status == "held"
            and as_date(m.data.get("date")) and start <= as_date(m.data.get("date")) <= end]
    appendix = [tr("Minutes: {t}, {d}", "会议纪要：{t}，{d}", t=ctx.ref(m),
                   d=d(m.data.get("date"))) for m in held]
    # a meeting of the period that did not take place is named, not left out
    appendix += [tr("Cancelled: {t}, {d}", "已取消：{t}，{d}", t=ctx.ref(m), d=d(m.data.get("date")))
                 for m in ctx.of("meeting") if m.status == "cancelled"
                 and as_date(m.data.get("date")) and start <= as_date(m.data["date"]) <= end]
    blocks = [ul(appendix, empty=tr("No meeting was held {p}.", "{p}未召开会议。", p=this_p))]
    if appendix_more:
        blocks += [h3(tr("Further items", "其余事项")), ul(appendix_more)]
    sections.append(section("appendix", tr("Appendix", "附件"), *blocks))
    vendor = ctx.side_people("vendor")
    client = ctx.side_people("client")
    cad = "monthly" if monthly else "weekly"
    kept = [r for r in ctx.kept_reports() if r.status == "sent" and r.data.get("type") == cad
            and as_date(r.data.get("period_end")) == end and r.data.get("sent_on")]
    kept.sort(key=lambda r: (d(r.data["sent_on"]), int(r.id.split("-")[1])))
    control = doc_control(ctx, "progress", f"{cad[0].upper()}{number:02d}", kept,
                          ctx.issued or ctx.today)
    sections.append(control_section(ctx, control))   # last, after the appendix
    header = [
        [ctx.t("period"), f"{d(start)}{ctx.t('to')}{d(end)}"],
        [ctx.t("overall"), f"{rag_label(lang, overall)} — {why}"],
        [ctx.t("client_name"), ctx.client],
        [ctx.t("prepared_by"), vendor[0] if vendor else "—"],
        [ctx.t("sent_to"), _join(ctx, client[:3]) or "—"],
        *control_header(ctx, control),
    ]
    prev_json = None
    if before:
        prev_json = {"as_of": before["as_of"], "commit": before["commit"],
                     "overall": before["overall"], "sent": before["sent"],
                     "dimensions": {k: v["rag"] for k, v in before["dimensions"].items()}}
    return doc("progress", ctx, title, header, sections,
               footer=[[ctx.t("date"), control["issued"]]], control=control,
               since=period.since, until=period.until, number=number,
               cadence="monthly" if monthly else "weekly",
               rag={"overall": overall, "reason": why, "proposed": proposed,
                    "overridden": bool(rag), "previous": prev_json},
               figures={"previous": prev_f, "current": now_f, **extra},
               commits=[c.id for c in hist.commits])


