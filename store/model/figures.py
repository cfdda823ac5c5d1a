"""Cadence and service-level figures of a project, from its records.

Pure functions over the loaded records (``Workspace.load`` -> ``Index``, or
any iterable of ``Record``) and a given ``today``: no git, no I/O, so the
dashboard, reports and scripts get the same numbers.

* ``feedback_figures``  response time from ``received_on`` to ``replied_on``
  (median and average days), replies within ``reply_due``, replies still
  owed and past their date;
* ``action_figures``    action items done on time / late, open, overdue;
  when an action was done comes from its own ``done_on`` (a key Accord keeps
  untouched) or from ``done_dates(events)`` of the history;
* ``ticket_figures``    support tickets resolved and the median days from
  ``reported_on`` to ``resolved_on``;
* ``cadence_status``    per ``communication.cadence`` entry of project.toml:
  the last matching record, when this period's one is due, overdue or not;
* ``figures``           all of them at once.
"""
from __future__ import annotations

import calendar
import datetime as dt
import statistics
from dataclasses import dataclass, field

from store.model.ids import sort_key
from store.model.schema import KINDS, Kind, kind_named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from store.model.records import Record
    from store.workspace import Index

    Records = Index | dict[str, Record] | Iterable[Record]

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
FEEDBACK_ANSWERED = ("replied", "closed")
CADENCE_DONE = ("held", "sent", "done", "closed")


def _date(v) -> dt.date | None:
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


as_date = _date  # the same reading of a date, for other modules


def _records(records):
    """Records from an Index, a dict of them or any iterable."""
    recs = getattr(records, "records", records)
    if isinstance(recs, dict):
        recs = recs.values()
    return list(recs)


def _of(records, kind: str):
    k = KINDS[kind]
    return [r for r in _records(records) if r.kind is k]


def _ids(recs) -> list[str]:
    return sorted((r.id for r in recs), key=sort_key)


def _median(xs):
    return statistics.median(xs) if xs else None


def _mean(xs):
    return sum(xs) / len(xs) if xs else None


# --- feedback -------------------------------------------------------------------

@dataclass
class FeedbackFigures:
    """How the team answers the client's feedback: counts, response days,
    and the ids replied late, still owed and overdue."""
    total: int = 0
    replied: int = 0               # with a replied_on date
    timed: int = 0                 # replied with both dates: the response times
    median_days: float | None = None
    average_days: float | None = None
    due_replied: int = 0           # replied and had a reply_due
    on_time: int = 0               # ... replied on or before it
    late: list[str] = field(default_factory=list)       # replied after reply_due
    unanswered: list[str] = field(default_factory=list)  # no reply yet
    overdue: list[str] = field(default_factory=list)     # no reply, reply_due passed

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def unanswered(rec: Record) -> bool:
    """A feedback still owed a reply (no reply, no replied_on, not replied
    or closed) -- the dashboard's test for an overdue reply too."""
    return (not rec.get("replied_on") and not rec.get("reply")
            and rec.status not in FEEDBACK_ANSWERED)


def feedback_figures(records: Records, today: dt.date) -> FeedbackFigures:
    """The feedback figures of ``records`` as of ``today``."""
    fbs = _of(records, "feedback")
    out = FeedbackFigures(total=len(fbs))
    times = []
    late, owed, overdue = [], [], []
    for r in fbs:
        rec_on, rep_on, due = (_date(r.get("received_on")), _date(r.get("replied_on")),
                               _date(r.get("reply_due")))
        if rep_on:
            out.replied += 1
            if rec_on and rep_on >= rec_on:
                times.append((rep_on - rec_on).days)
            if due:
                out.due_replied += 1
                if rep_on <= due:
                    out.on_time += 1
                else:
                    late.append(r)
        elif unanswered(r):
            owed.append(r)
            if due and due < today:
                overdue.append(r)
    out.timed = len(times)
    out.median_days = _median(times)
    out.average_days = _mean(times)
    out.late, out.unanswered, out.overdue = _ids(late), _ids(owed), _ids(overdue)
    return out


# --- actions --------------------------------------------------------------------

@dataclass
class ActionFigures:
    """Action items done on time, late or undated, open, overdue, dropped."""
    total: int = 0
    done: int = 0
    on_time: list[str] = field(default_factory=list)   # done on or before due
    late: list[str] = field(default_factory=list)      # done after due
    undated: list[str] = field(default_factory=list)   # done, no due or no done date
    open: int = 0
    overdue: list[str] = field(default_factory=list)   # open, due passed
    dropped: int = 0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def done_dates(events: Iterable[dict[str, Any]]) -> dict[str, dt.date]:
    """{action id: day of its last move to ``done``} from history events
    (``store.history`` event dicts, oldest first)."""
    out: dict[str, dt.date] = {}
    for e in events:
        if e.get("kind") != "action":
            continue
        st = (e.get("fields") or {}).get("status")
        if st and st[1] == "done":
            d = _date(e.get("date"))
            if d:
                out[e["id"]] = d
    return out


def action_figures(records: Records, today: dt.date,
                   done_on: dict[str, dt.date] | None = None) -> ActionFigures:
    """``done_on``: {id: date} when each action was done (``done_dates``);
    an action's own ``done_on`` key wins."""
    acts = _of(records, "action")
    out = ActionFigures(total=len(acts))
    on_time, late, undated, overdue = [], [], [], []
    for r in acts:
        due = _date(r.get("due"))
        if r.status == "done":
            out.done += 1
            when = _date(r.get("done_on")) or _date((done_on or {}).get(r.id))
            if not due or not when:
                undated.append(r)
            elif when <= due:
                on_time.append(r)
            else:
                late.append(r)
        elif r.status == "dropped":
            out.dropped += 1
        else:
            out.open += 1
            if due and due < today:
                overdue.append(r)
    out.on_time, out.late = _ids(on_time), _ids(late)
    out.undated, out.overdue = _ids(undated), _ids(overdue)
    return out


# --- tickets --------------------------------------------------------------------

@dataclass
class TicketFigures:
    """Support tickets resolved, the days they took, and those still open."""
    total: int = 0
    resolved: int = 0            # resolved or closed
    timed: int = 0
    median_days: float | None = None
    average_days: float | None = None
    open: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def ticket_figures(records: Records, today: dt.date) -> TicketFigures:
    """The ticket figures of ``records`` (``today`` kept for a like call)."""
    tks = _of(records, "ticket")
    out = TicketFigures(total=len(tks))
    times, still = [], []
    for r in tks:
        res_on = _date(r.get("resolved_on"))
        if r.status in ("resolved", "closed") or res_on:
            out.resolved += 1
            rep_on = _date(r.get("reported_on")) or _date(r.get("created"))
            if rep_on and res_on and res_on >= rep_on:
                times.append((res_on - rep_on).days)
        else:
            still.append(r)
    out.timed = len(times)
    out.median_days = _median(times)
    out.average_days = _mean(times)
    out.open = _ids(still)
    return out


# --- cadence --------------------------------------------------------------------

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


# --- all at once ----------------------------------------------------------------

@dataclass
class Figures:
    """All of a project's figures on one day, computed in one place so
    every screen and document shows the same numbers."""
    today: dt.date
    feedback: FeedbackFigures
    actions: ActionFigures
    tickets: TicketFigures
    cadence: list[CadenceStatus]

    def to_json(self) -> dict[str, Any]:
        return {"today": self.today.isoformat(),
                "feedback": self.feedback.to_json(),
                "actions": self.actions.to_json(),
                "tickets": self.tickets.to_json(),
                "cadence": [c.to_json() for c in self.cadence]}


def figures(records: Records, project: dict[str, Any] | None, today: dt.date,
            done_on: dict[str, dt.date] | None = None) -> Figures:
    """Every figure at once (``done_on`` as for ``action_figures``)."""
    recs = _records(records)
    return Figures(today, feedback_figures(recs, today),
                   action_figures(recs, today, done_on),
                   ticket_figures(recs, today),
                   cadence_status(recs, project_cadence(project), today))


def asks_to_agree(records: Records, project: dict[str, Any] | None) -> list[str]:
    """Ids of what the client is asked to do with no answer date agreed:
    open actions owned by a client-side person (project.toml's
    stakeholders) without a due date.  The documents print "未约定" for
    them (never a date of their own); the dashboard lists them to agree."""
    people = (project or {}).get("stakeholders") if isinstance(project, dict) else None
    client = {str(s.get("name")) for s in people or []
              if isinstance(s, dict) and s.get("side") == "client" and s.get("name")}
    out = [a.id for a in _of(records, "action")
           if a.status == "open" and str(a.data.get("owner") or "") in client
           and _date(a.data.get("due")) is None]
    from store.model.ids import sort_key
    return sorted(out, key=sort_key)
