"""The communication plan's rhythm: per ``communication.cadence`` entry of
project.toml, the period holding a day, when its one is due, the last
matching record and whether it is overdue.  Apart from ``figures.py`` because
it is about calendars and the plan, not about counting replies and actions.
"""
from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, field

from store.model.figures import as_date as _date
from store.model.figures import records_of as _records
from store.model.ids import sort_key
from store.model.schema import KINDS, Kind, kind_named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from store.model.figures import Records

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
CADENCE_DONE = ("held", "sent", "done", "closed")


def period_start(every: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """(start of the period holding ``today``, start of the previous one)."""
    if every == "day":
        return today, today - dt.timedelta(days=1)
    if every in ("week", "two-weeks"):
        n = 7 if every == "week" else 14
        monday = today - dt.timedelta(days=today.weekday())
        return monday - dt.timedelta(days=n - 7), monday - dt.timedelta(days=2 * n - 7)
    if every == "quarter":
        m = 3 * ((today.month - 1) // 3) + 1
        start = dt.date(today.year, m, 1)
        prev_m = m - 3 if m > 3 else m + 9
        return start, dt.date(today.year - (m == 1), prev_m, 1)
    start = today.replace(day=1)
    prev = (start - dt.timedelta(days=1)).replace(day=1)
    return start, prev


def due_in_period(every: str, day: object, start: dt.date) -> dt.date:
    """The day in the period starting ``start`` on which the thing is due
    (``day``: mon..sun, a day of the month, ``last-fri``; none: period end
    for months and quarters, its first day otherwise)."""
    day = str(day or "").strip().lower()
    if every in ("week", "two-weeks") and day[:3] in DAYS:
        return start + dt.timedelta(days=DAYS.index(day[:3]) + (7 if every == "two-weeks" else 0))
    if every in ("month", "quarter"):
        last = calendar.monthrange(start.year, start.month)[1]
        if every == "quarter":
            m = start.month + 2
            last_day = dt.date(start.year, m, calendar.monthrange(start.year, m)[1])
        else:
            last_day = dt.date(start.year, start.month, last)
        if day.startswith("last-") and day[5:8] in DAYS:
            wd = DAYS.index(day[5:8])
            return last_day - dt.timedelta(days=(last_day.weekday() - wd) % 7)
        if day.isdigit():
            return start.replace(day=min(int(day), last))
        return last_day
    return start


@dataclass
class CadenceStatus:
    """One communication-plan entry now: its last occurrence, this period's
    due day and records, and whether it is overdue."""
    what: str
    kind: Kind
    every: str
    type: str | None
    start: dt.date                 # this period's first day
    due: dt.date                   # when this period's one is due
    last: dt.date | None = None    # the latest matching record, on or before today
    last_id: str | None = None
    this_period: list[str] = field(default_factory=list)
    overdue: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"what": self.what, "kind": self.kind.name, "every": self.every,
                "type": self.type, "start": self.start.isoformat(),
                "due": self.due.isoformat(),
                "last": self.last.isoformat() if self.last else None,
                "last_id": self.last_id, "this_period": list(self.this_period),
                "overdue": self.overdue}


def _cadence_day(r) -> dt.date | None:
    kind = r.kind
    d = _date(r.get("sent_on")) if kind.name == "report" else None
    return d or _date(r.get(kind.date_field)) or _date(r.get("created"))


def cadence_status(records: Records, cadence: list[Any] | None,
                   today: dt.date) -> list[CadenceStatus]:
    """One status per well-formed cadence entry ({what, every, day, kind,
    type}).  A matching record is of ``kind`` (default meeting), of ``type``
    when given, and done (held/sent/...) when the kind has statuses; it
    counts on its date (a report on ``sent_on``).  Overdue: nothing in this
    period and its due day has passed, or nothing in this period nor the
    previous one although there were some before."""
    recs = _records(records)
    out = []
    for c in cadence or []:
        if not isinstance(c, dict) or not c.get("what"):
            continue
        kind = kind_named(str(c.get("kind") or "meeting")) or KINDS["meeting"]
        every = c.get("every") or "week"
        typ = c.get("type")
        dates = []
        for r in recs:
            if r.kind is not kind or (typ and r.get("type") != typ):
                continue
            if kind.statuses and r.status not in CADENCE_DONE:
                continue
            d = _cadence_day(r)
            if d and d <= today:
                dates.append((d, sort_key(r.id), r.id))
        start, prev = period_start(every, today)
        due = due_in_period(every, c.get("day"), start)
        this = sorted(x for x in dates if x[0] >= start)
        before = [x for x in dates if prev <= x[0] < start]
        overdue = (not this and due < today) or (not this and not before and bool(dates))
        last = max(dates) if dates else None
        out.append(CadenceStatus(
            what=str(c["what"]), kind=kind, every=every, type=typ, start=start,
            due=due, last=last[0] if last else None, last_id=last[2] if last else None,
            this_period=[x[2] for x in this], overdue=overdue))
    return out


def project_cadence(project: dict[str, Any] | None) -> list[Any]:
    """The cadence entries of a project.toml's data (``[]`` when none)."""
    comm = project.get("communication") if isinstance(project, dict) else None
    cad = comm.get("cadence") if isinstance(comm, dict) else None
    return cad if isinstance(cad, list) else []
