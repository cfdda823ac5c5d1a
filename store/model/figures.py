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
* ``figures``           all of them at once, with the communication plan's
  ``cadence_status`` (in ``cadence.py``).
"""
from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass, field

from store.model.ids import sort_key
from store.model.schema import KINDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from store.model.cadence import CadenceStatus
    from store.model.records import Record
    from store.workspace import Index

    Records = Index | dict[str, Record] | Iterable[Record]

FEEDBACK_ANSWERED = ("replied", "closed")


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


def records_of(records) -> list[Record]:
    """Records from an Index, a dict of them or any iterable."""
    recs = getattr(records, "records", records)
    if isinstance(recs, dict):
        recs = recs.values()
    return list(recs)


def _of(records, kind: str):
    k = KINDS[kind]
    return [r for r in records_of(records) if r.kind is k]


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
    from store.model.cadence import cadence_status, project_cadence  # it imports this module
    recs = records_of(records)
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
