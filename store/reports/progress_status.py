"""The progress report's status rules (cost, quality and the dimensions of
``common.rag``) and the state at the end of the previous period; see
store.reports.progress for the rules in words."""
from __future__ import annotations

import datetime as dt

from store.errors import InvalidValue
from store.model.records import Record
from store.model.schema import KINDS
from store.reports.common import (Ctx, as_date, count_word, d, h3, money_text,
                                  rag_label, ul, worst)
from store.reports.common import rag as common_rag


DIMENSIONS = ("schedule", "scope", "cost", "quality", "risk", "client")
# which dimension's reason explains the overall colour, first match wins
REASON_ORDER = ("schedule", "cost", "quality", "risk", "client", "scope")
RAG_KINDS = ("requirement", "change", "feedback", "meeting", "action", "issue")
OPEN_BUG = ("received", "acknowledged", "in-progress")

# --- status -----------------------------------------------------------------

def _num(v) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


def _fmt(n: float | None) -> str:
    if n is None:
        return "—"
    return str(int(n)) if float(n).is_integer() else f"{n:.1f}"


def effort_rows(ctx: Ctx, end: dt.date) -> list[dict]:
    """``[[effort]]`` entries of project.toml up to ``end``'s month."""
    limit = f"{end.year:04d}-{end.month:02d}"
    out = []
    for e in ctx.pdata.get("effort") or []:
        if not isinstance(e, dict):
            continue
        period = str(e.get("period") or "").strip()
        if period and period[:7] > limit:
            continue
        out.append({"period": period, "planned": _num(e.get("planned_days")),
                    "actual": _num(e.get("actual_days")), "note": str(e.get("note") or "")})
    return out


def payment_rows(ctx: Ctx) -> list[dict]:
    out = []
    for x in ctx.pdata.get("payments") or []:
        if not isinstance(x, dict):
            continue
        due, paid = as_date(x.get("due")), as_date(x.get("paid_on"))
        late = (ctx.today - due).days if due and not paid and due < ctx.today else 0
        out.append({"name": str(x.get("name") or ""), "milestone": str(x.get("milestone") or ""),
                    "amount": money_text(ctx.lang, x.get("amount"))
                    if x.get("amount") is not None else "",
                    "due": due, "paid_on": paid, "late_days": late,
                    "note": str(x.get("note") or "")})
    return out


def _cost(ctx: Ctx) -> tuple[str | None, str]:
    tr = ctx.tr
    rows = [r for r in effort_rows(ctx, ctx.today)
            if r["planned"] is not None and r["actual"] is not None]
    pays = payment_rows(ctx)
    if not rows and not pays:
        return None, tr("Effort and payment milestones are not recorded in the project "
                        "records, so this dimension is not assessed.",
                        "项目记录中未登记工时与付款节点，本项不评估。")
    colour, reason = "green", tr("Effort is within plan and no payment is overdue.",
                                 "工时投入在计划范围内，无逾期付款。")
    if rows:
        plan = sum(r["planned"] for r in rows)
        actual = sum(r["actual"] for r in rows)
        over = (actual - plan) / plan if plan > 0 else 0.0
        if over > 0.10:
            colour = "red" if over > 0.25 else "amber"
            reason = tr("Effort to date is {a} person-days against {p} planned ({o:+.0%}).",
                        "累计投入 {a} 人天，计划 {p} 人天（超出 {o:.0%}）。",
                        a=_fmt(actual), p=_fmt(plan), o=over)
            return colour, reason
        if not pays:
            reason = tr("Effort to date is {a} person-days against {p} planned.",
                        "累计投入 {a} 人天，计划 {p} 人天，在计划范围内。",
                        a=_fmt(actual), p=_fmt(plan))
    late = [x for x in pays if x["late_days"] > 0]
    if late:
        x = late[0]
        return "amber", tr("Payment \"{n}\" was due {d} and is not received.",
                           "付款节点“{n}”应于 {d} 到账，尚未收到。", n=x["name"], d=d(x["due"]))
    return colour, reason


def _quality(ctx: Ctx) -> tuple[str, str]:
    tr = ctx.tr
    reviews = [m for m in ctx.of("meeting") if m.status == "held"
               and m.data.get("type") in ("acceptance", "stage-review")
               and m.data.get("outcome") and as_date(m.data.get("date"))]
    reviews.sort(key=lambda m: as_date(m.data.get("date")))
    last = reviews[-1] if reviews else None
    if last is not None and last.data.get("outcome") == "fail":
        return "red", tr("The review {m} on {d} did not pass.", "评审{m}（{d}）未通过。",
                         m=ctx.ref(last), d=d(last.data.get("date")))
    if last is not None and last.data.get("outcome") == "conditional" \
            and not _conditions_met(ctx, last):
        return "amber", tr("The review {m} on {d} passed with conditions still to be met.",
                           "评审{m}（{d}）为有条件通过，整改项尚未全部完成。",
                           m=ctx.ref(last), d=d(last.data.get("date")))
    bugs = [f for f in ctx.of("feedback") if f.data.get("type") == "bug"
            and f.status in OPEN_BUG and not f.data.get("replied_on")]
    if bugs:
        return "amber", tr("{n} from the client not yet answered.",
                           "{n} 条甲方报告的缺陷尚未答复。",
                           n=count_word(ctx.lang, len(bugs), "bug report", "bug reports"))
    if last is not None:
        return "green", tr("The latest review ({m}) passed; no open bug reports.",
                           "最近一次评审（{m}）已通过，无未答复的缺陷。", m=ctx.ref(last))
    return "green", tr("No open bug reports from the client.", "无未答复的甲方缺陷报告。")


def _conditions_met(ctx: Ctx, meeting) -> bool:
    """A conditional pass is settled when every action of that meeting is
    done or dropped (and it had at least one)."""
    wanted = set(meeting.data.get("actions") or [])
    acts = [a for a in ctx.of("action") if a.id in wanted or a.data.get("meeting") == meeting.id]
    return bool(acts) and all(a.status in ("done", "dropped") for a in acts)


def status(ctx: Ctx) -> dict:
    """The proposed status per dimension and overall, each with its reason
    (a dimension without data has colour None and says so)."""
    base = common_rag(ctx)
    dims = {k: (v["rag"], v["reason"]) for k, v in base["dimensions"].items()}
    dims["cost"] = _cost(ctx)
    dims["quality"] = _quality(ctx)
    assessed = [k for k in REASON_ORDER if dims[k][0]]
    overall = worst(*(dims[k][0] for k in assessed))
    reason = next(dims[k][1] for k in assessed if dims[k][0] == overall)
    return {"overall": overall, "reason": reason,
            "dimensions": {k: {"rag": dims[k][0], "reason": dims[k][1]} for k in DIMENSIONS}}


def _label(lang: str, colour: str | None) -> str:
    if not colour:
        return "未评估" if lang == "zh" else "not assessed"
    return rag_label(lang, colour)


def with_titles(ctx: Ctx, text: str) -> str:
    """Ids in user text followed by their titles (h19b: narrative)."""
    from store.reports.narrative import with_titles as titled
    return titled(ctx, text)


def _scope_lines(ctx: Ctx, events, this_p: str) -> list:
    """What changed in agreed scope this period, in words (h19b: narrative)."""
    from store.reports.narrative import scope_changes
    lines = scope_changes(ctx, events)
    if not lines:
        return []
    return [h3(ctx.tr("Agreed scope changed {p}", "{p}已签认范围的变化", p=this_p)), ul(lines)]


# --- the state at the end of the previous period -------------------------------

def state_at(ctx: Ctx, rev: str, day: dt.date) -> Ctx:
    """The project's records (of the kinds the status reads) at ``rev``,
    with ``day`` as today: store.snapshot.records_at (one ls-tree, one
    cat-file round, kept by tree id).  An unreadable old version is left
    out of the status."""
    from store.snapshot import records_at
    project = ctx.project
    records, pdata = {}, {}
    for rid, (kind, data, problem, _blob) in records_at(ctx.ws, project, rev).items():
        if problem or data is None:
            continue
        if kind == "project":
            pdata = data
        elif kind in RAG_KINDS or kind == "report":
            k = KINDS[kind]
            rel = f"projects/{project}/{k.folder}/{rid}.toml"
            records[rid] = Record(rid, k, project, ctx.ws.root / rel, data, "", rel=rel)
    return Ctx(ctx.ws, project, ctx.lang, records, pdata, day, rev=rev)


def previous(ctx: Ctx, start: dt.date, length: int = 7, cadence: str = "weekly") -> dict | None:
    """Status at the end of the previous period (the day before ``start``),
    or None when the project has no commit by then.  When the report of
    that period was kept as sent (the report screen's "keep as sent"), its
    overall colour is the one the client saw (``sent``: its id), even if it
    was set by hand or the rules would now say otherwise; the dimensions
    are worked out again."""
    day = start - dt.timedelta(days=1)
    from store.history.asof import commit_on_or_before
    rev = commit_on_or_before(ctx.ws, day)
    if rev is None:
        return None
    past = state_at(ctx, rev, day)
    if not past.pdata:
        return None
    out = status(past)
    out["as_of"] = d(day)
    out["commit"] = rev
    out["ctx"] = past
    out["sent"] = None
    sent = sent_status(ctx, day - dt.timedelta(days=length - 1), day, cadence)
    if sent is not None:
        out["overall"], out["sent"] = sent
    return out


def last_kept_end(ws, project: str, cadence: str) -> tuple[dt.date, str] | None:
    """(period end, id) of the latest kept (sent) ``cadence`` progress report."""
    best = None
    for r in ws.load(project, [KINDS["report"]]).records.values():
        end = as_date(r.data.get("period_end"))
        if r.status == "sent" and r.data.get("type") == cadence and end:
            if best is None or (end, r.id) > best:
                best = (end, r.id)
    return best


def default_period(ws, project: str, cadence: str | None, until: str | None,
                   today: dt.date):
    """(Period, cadence) of ``report progress`` without ``--since``: it
    starts the day after the last kept report of the same cadence (never
    overlapping one) and runs one week (one calendar month) from there,
    ending today at the latest; with none kept, a weekly report starts at
    the last held meeting (at most 7 days back), a monthly one on the
    first of the month."""
    from store.reports import periods
    cadence = cadence or "weekly"
    last = last_kept_end(ws, project, cadence)
    end = periods.resolve(ws, project, None, until, today=today).end or today
    if last is not None:
        start = last[0] + dt.timedelta(days=1)
        if start > end:
            raise InvalidValue(
                f"the {cadence} report up to {d(last[0])} is already kept ({last[1]}): "
                f"give --since/--until for another period")
        if cadence == "weekly":
            end = min(end, start + dt.timedelta(days=6))
        else:
            nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            end = min(end, nxt - dt.timedelta(days=1))
    elif cadence == "weekly":
        since = periods.resolve(ws, project, periods.LAST_MEETING, until, today=today)
        start = max(since.start or end, end - dt.timedelta(days=6))
    else:
        start = end.replace(day=1)
    if until and last is None:
        return periods.resolve(ws, project, d(start), until, today=today), cadence
    return periods.resolve(ws, project, d(start), d(end), today=today), cadence


def sent_status(ctx: Ctx, first: dt.date, last: dt.date, cadence: str):
    """(colour, report id) of the sent ``cadence`` progress report whose
    period ends between ``first`` and ``last`` (the latest), or None."""
    best = None
    for r in ctx.kept_reports():
        end = as_date(r.data.get("period_end"))
        colour = r.data.get("rag")
        if (r.status != "sent" or r.data.get("type") != cadence or end is None
                or colour not in ("red", "amber", "green") or not first <= end <= last):
            continue
        key = (end, as_date(r.data.get("sent_on")) or end, r.id)
        if best is None or key > best[0]:
            best = (key, colour, r.id)
    return (best[1], best[2]) if best else None
