"""Which meeting a review pack is for, which stage it covers, and the point
in history it is built at (the kept pack's date, else the meeting's)."""
from __future__ import annotations

import datetime as dt

from store.model import ids
from store.reports.common import Ctx, as_date, d
from store.reports.control import meeting_record


REVIEW_TYPES = ("stage-review", "acceptance")
STAGE_DIMENSIONS = ("schedule", "scope", "quality")
OTHER_DIMENSIONS = ("cost", "risk", "client")
OUTCOMES = ("pass", "conditional", "fail")


def target_meeting(ctx: Ctx, mid: str | None):
    """The meeting this pack is for: ``mid`` (must be a meeting of the
    project), else the next planned stage review or acceptance meeting
    (the earliest on or after today; failing that the earliest planned
    one), else None."""
    if mid:
        return meeting_record(ctx, mid, f"--meeting {mid}")
    planned = [m for m in ctx.of("meeting") if m.status == "planned"
               and m.data.get("type") in REVIEW_TYPES]
    far = dt.date.max
    ahead = [m for m in planned if (as_date(m.data.get("date")) or far) >= ctx.today]
    pool = ahead or planned
    pool.sort(key=lambda m: (as_date(m.data.get("date")) or far, ids.sort_key(m.id)))
    return pool[0] if pool else None


def last_review(ctx: Ctx, target) -> object | None:
    """The latest held review (stage-review/acceptance) before the target
    meeting's date (or before today), other than the target itself."""
    limit = as_date(target.data.get("date")) if target is not None else None
    limit = limit or ctx.today
    held = [m for m in ctx.of("meeting") if m.status == "held"
            and m.data.get("type") in REVIEW_TYPES and as_date(m.data.get("date"))
            and (target is None or m.id != target.id)]
    held = [m for m in held if as_date(m.data["date"]) < limit
            or (target is None and as_date(m.data["date"]) <= limit)]
    held.sort(key=lambda m: as_date(m.data["date"]))
    return held[-1] if held else None


def default_since(ctx: Ctx, target) -> str | None:
    """The stage's first day: the day after the last review, else the
    project's start, else None (the whole history)."""
    last = last_review(ctx, target)
    if last is not None:
        return d(as_date(last.data["date"]) + dt.timedelta(days=1))
    start = as_date(ctx.pdata.get("start"))
    return d(start) if start else None


def at_its_point(ws, project: str, ctx: Ctx, meeting, ctx_at) -> Ctx:
    """The records a pack for ``meeting`` is built from: at the latest kept
    review pack of that meeting (its sent date), else, for a meeting
    already past, its date; else now (``ctx``, also when the meeting was
    recorded only after that point).  ``ctx_at(day)`` gives the records at
    a day."""
    target = target_meeting(ctx, meeting)
    if target is None:
        return ctx
    kept = [r for r in ctx.kept_reports() if r.status == "sent"
            and r.data.get("type") == "review" and target.id in (r.data.get("links") or [])
            and as_date(r.data.get("sent_on"))]
    mdate = as_date(target.data.get("date"))
    if kept:
        day = max(as_date(r.data["sent_on"]) for r in kept)
    elif mdate and mdate < ctx.today:
        day = mdate
    else:
        return ctx
    if day >= ctx.today:
        return ctx
    out = ctx_at(day)
    if out.get(target.id) is None:
        return ctx
    out.issued = day
    return out
