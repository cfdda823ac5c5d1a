"""The figures the dashboard's charts draw, from the history and the
records (no drawing here: store/ never imports Textual).

- ``open_by_week``: how many records of each kind were open at the end of
  each of the last weeks, replaying every record's status over the
  history (created, moved, deleted);
- ``reply_times``: feedback answered -- days taken against days promised;
- ``baseline_changes``: requirements added / changed / removed since the
  newest baseline.
"""
from __future__ import annotations

import bisect
import datetime as dt

# statuses after which a record no longer needs anyone's attention
END = {"rejected", "withdrawn", "closed", "cancelled", "dropped", "superseded",
       "reverted", "implemented", "accepted", "done", "resolved", "sent", "held",
       "agreed", "replied", "delivered"}


def _day(v) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str) and len(v) >= 10:
        try:
            return dt.date.fromisoformat(v[:10])
        except ValueError:
            return None
    return None


def open_by_week(events: list[dict], today: dt.date, weeks: int = 8):
    """(week end dates, {kind: [open count at each week end]}) from a
    project's events, oldest first."""
    timeline: dict[str, tuple[str, list, list]] = {}  # id -> (kind, days, states)
    for e in events:
        rid, kind, day = e.get("id"), e.get("kind"), _day(e.get("date"))
        if not rid or not kind or day is None or rid == "project":
            continue
        _kind, days, states = timeline.setdefault(rid, (kind, [], []))
        fields = e.get("fields") or {}
        if e.get("action") == "delete":
            state = None
        elif "status" in fields:
            state = fields["status"][1] or ""
        elif states:
            state = states[-1]
        else:
            state = ""  # a kind without a status: open while it exists
        days.append(day)
        states.append(state)
    ends = [today - dt.timedelta(days=7 * i) for i in range(weeks - 1, -1, -1)]
    counts: dict[str, list[int]] = {}
    for kind, days, states in timeline.values():
        row = counts.setdefault(kind, [0] * weeks)
        for i, end in enumerate(ends):
            j = bisect.bisect_right(days, end) - 1
            if j >= 0 and states[j] is not None and states[j] not in END:
                row[i] += 1
    return ends, {k: v for k, v in counts.items() if any(v)}


def reply_times(records, last: int = 12) -> list[tuple[str, int, int | None]]:
    """(id, days taken, days promised or None) of the feedback answered
    last, oldest first."""
    out = []
    for r in records:
        if r.kind.name != "feedback":
            continue
        got, replied = _day(r.get("received_on")), _day(r.get("replied_on"))
        if got is None or replied is None:
            continue
        due = _day(r.get("reply_due"))
        out.append((replied, r.id, (replied - got).days,
                    (due - got).days if due else None))
    out.sort()
    return [(rid, taken, promised) for _d, rid, taken, promised in out[-last:]]


def baseline_changes(ws, project: str) -> tuple[str | None, dict[str, int]]:
    """(the newest baseline's name, {added/changed/removed: requirements})."""
    from .history import baseline_diff
    tags = ws.git.tags(f"accord/{project}/*")
    if not tags:
        return None, {}
    name = max(tags, key=lambda t: ws.git.out("log", "-1", "--format=%ct", t).strip())
    name = name.rsplit("/", 1)[-1]
    diff = baseline_diff(ws, project, name)
    out = {"added": 0, "changed": 0, "removed": 0}
    for rec in diff["records"]:
        if rec["kind"] == "requirement":
            out[rec["change"]] += 1
    return name, out
