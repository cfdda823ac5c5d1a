"""Tables the progress report and the review pack share: milestones, changes,
risks and the plan ahead."""
from __future__ import annotations

import datetime as dt

from store.reports.common import (Ctx, as_date, d, days, milestones, money, open_issue,
                                  status_word)
from store.reports.progress_status import with_titles
from store.reports.summary import _status_change


# --- pieces shared with the review pack (store.reports.review) -------------------

def plan_items(ctx: Ctx, end: dt.date, horizon: dt.date) -> list[tuple[dt.date, str]]:
    """(date, line) for what falls due after ``end`` up to ``horizon``:
    milestones not reached, open actions, planned meetings; by date."""
    tr = ctx.tr
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
    return plan


def milestone_columns(ctx: Ctx) -> list[str]:
    tr = ctx.tr
    return [tr("Milestone", "里程碑"), tr("Baseline", "基线日期"),
            tr("Forecast / actual", "预测/实际日期"), tr("Variance (calendar days)", "偏差（日历日）"),
            tr("Note", "说明")]


def milestone_rows(ctx: Ctx) -> list[list[str]]:
    """The milestone table: baseline, forecast/actual, variance, and for a
    slip its cause and whether an approved change covers it."""
    tr = ctx.tr
    zh = ctx.lang == "zh"
    ms_rows = []
    state_word = {"done": tr("done on time", "按期完成"),
                  "done-late": tr("done late", "延期完成"),
                  "on-track": tr("on track", "按计划"),
                  "slipped": tr("forecast late", "预计推迟"),
                  "missed": tr("baseline missed", "已逾基线")}
    for m in milestones(ctx):
        parts = [state_word[m["state"]]]
        if m["state"] in ("slipped", "missed", "done-late"):
            parts.append(tr("cause: {c}", "原因：{c}", c=m["note"]) if m["note"] else
                         tr("cause not recorded — to be explained", "原因未记录，须补充说明"))
            parts.append(tr("covered by the approved change {c}", "已由批准的变更{c}调整",
                            c=ctx.ref(m["change"])) if m["change_approved"] else
                         tr("no approved change", "无批准的变更"))
        elif m["note"]:
            parts.append(m["note"])
        ms_rows.append([m["name"], m["baseline"], m["done_on"] or m["forecast"],
                        (f"+{m['slip_days']}" if m["slip_days"] > 0 else str(m["slip_days"])),
                        ("；" if zh else "; ").join(parts)])
    return ms_rows


def change_columns(ctx: Ctx) -> list[str]:
    tr = ctx.tr
    return [tr("Change", "变更"), tr("Schedule impact", "工期影响"),
            tr("Cost impact", "费用影响"), tr("Status", "状态"), tr("Date", "日期")]


def change_rows(ctx: Ctx, events: list[dict]) -> list[list[str]]:
    """Change requests raised or decided in ``events``: one row each, with
    the latest such event's date."""
    latest = {}
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
            latest[rec.id] = [ctx.ref(rec),
                              days(ctx.lang, imp["schedule_days"])
                              if imp.get("schedule_days") is not None else "—",
                              money(ctx.lang, imp["cost"]) if imp.get("cost") is not None
                              else "—",
                              status_word(ctx.lang, rec.status, "change"), e["date"][:10]]
    return list(latest.values())


def risk_columns(ctx: Ctx) -> list[str]:
    tr = ctx.tr
    return [tr("Item", "事项"), tr("Impact", "影响"), tr("Level", "等级"),
            tr("Response", "应对"), tr("Owner", "责任人"), tr("By", "期限")]


def risk_table_rows(ctx: Ctx) -> list[list[str]]:
    """Open risks, issues and disputes, high first."""
    tr = ctx.tr
    zh = ctx.lang == "zh"
    risk_rows = []
    for i in ctx.of("issue"):
        if not open_issue(i):
            continue
        level = i.data.get("impact") or ""
        typ = {"risk": tr("risk", "风险"), "issue": tr("issue", "问题"),
               "dispute": tr("dispute", "争议")}.get(i.data.get("type"), "")
        risk_rows.append([ctx.ref(i) + (f"［{typ}］" if zh and typ else
                                        f" [{typ}]" if typ else ""),
                          with_titles(ctx, str(i.data.get("description") or "—")),
                          {"high": tr("high", "高"), "medium": tr("medium", "中"),
                           "low": tr("low", "低")}.get(level, tr("not rated", "未评级")),
                          with_titles(ctx, str(i.data.get("mitigation") or tr(
                              "response to be agreed", "应对措施待商定"))),
                          ctx.owner(i.data.get("owner")),
                          d(i.data.get("due")) or ctx.t("no_date")])
    rank = {tr("high", "高"): 0, tr("medium", "中"): 1}
    risk_rows.sort(key=lambda r: rank.get(r[2], 2))
    return risk_rows
