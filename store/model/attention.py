"""What needs the project manager's attention now.

One rule set for the dashboard and ``accord status``: records awaiting the
client's sign-off, changed since sign-off, feedback past its reply date,
actions past due, overdue items of the communication plan, open disputes,
asks of the client with no agreed date, and files that cannot be read.
Groups carry ids and data, never words: each caller words them in its
language.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.model.cadence import cadence_status
from store.model.figures import asks_to_agree
from store.model.ids import sort_key
from store.model.schema import KINDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, Literal, Protocol

    from store.model.records import Record
    from store.model.schema import Kind
    from store.workspace import Index

    AttentionKey = Literal["awaiting", "stale", "fb_overdue", "act_overdue",
                           "cadence", "disputes", "to_agree", "broken"]

    class HasStatus(Protocol):
        """What ``is_open`` reads: a record, or a status it had once."""
        @property
        def kind(self) -> Kind: ...
        @property
        def status(self) -> str: ...


# Statuses after which a record no longer counts as open.
FINAL_STATES = frozenset({
    "rejected", "withdrawn", "closed", "cancelled", "dropped", "superseded",
    "reverted", "implemented", "accepted", "done", "resolved", "sent", "held",
    "agreed"})

# The groups in the order they are shown.
GROUPS = ("awaiting", "stale", "fb_overdue", "act_overdue", "cadence",
          "disputes", "to_agree", "broken")


@dataclass(frozen=True)
class Attention:
    """One group: ``key`` is one of GROUPS; ``ids`` the records it counts
    (for ``broken``: ``path: problem`` lines); ``kind`` the kind name the
    group opens when it is of one kind; ``what``/``last``/``last_id`` the
    cadence entry, the date and id of its last occurrence."""
    key: AttentionKey
    ids: tuple[str, ...] = ()
    kind: str | None = None
    what: str = ""
    last: dt.date | None = None
    last_id: str | None = None


def _date(v) -> dt.date | None:
    return v if isinstance(v, dt.date) else None


def is_open(record: HasStatus) -> bool:
    """A record of a kind with statuses that has not reached a final one."""
    return bool(record.kind.statuses) and record.status not in FINAL_STATES


def attention(index: Index, project: dict[str, Any], today: dt.date,
              signoff: Callable[[Record], str] | None = None) -> list[Attention]:
    """The groups for ``index`` (a loaded project) on ``today``, every group
    present even when empty (``broken`` only when a file failed).
    ``signoff``: record -> sign-off state, default computed per record."""
    recs = list(index.records.values())
    signoff = signoff or (lambda r: r.signoff)
    awaiting, stale, fb, acts, disputes = [], [], [], [], []
    for r in recs:
        kind, data = r.kind, r.data
        status = data.get("status")
        if not isinstance(status, str):
            status = ""
        if kind.agreed:  # without agreed fields the state is "none"
            state = signoff(r)
            if status == "proposed" and state != "current":
                awaiting.append(r.id)
            if state == "stale" and status not in ("rejected", "withdrawn"):
                stale.append(r.id)
        name = kind.name
        if name == "feedback":
            due = data.get("reply_due")
            if (_date(due) and due < today and not data.get("replied_on")
                    and not data.get("reply") and status not in ("replied", "closed")):
                fb.append(r.id)
        elif name == "action":
            due = data.get("due")
            if status == "open" and _date(due) and due < today:
                acts.append(r.id)
        elif name == "issue":
            if data.get("type") == "dispute" and status != "closed":
                disputes.append(r.id)
    comm = project.get("communication") if isinstance(project, dict) else None
    cadence = comm.get("cadence") if isinstance(comm, dict) else None
    for lst in (awaiting, stale, fb, acts, disputes):
        lst.sort(key=sort_key)
    out = [
        Attention("awaiting", tuple(awaiting)),
        Attention("stale", tuple(stale)),
        Attention("fb_overdue", tuple(fb), "feedback"),
        Attention("act_overdue", tuple(acts), "action"),
    ]
    for c in cadence_status(recs, cadence, today):
        if c.overdue:
            out.append(Attention("cadence", (c.last_id,) if c.last_id else (),
                                 c.kind.name if c.kind else None, str(c.what),
                                 c.last, c.last_id))
    out.append(Attention("disputes", tuple(disputes), KINDS["issue"].name))
    agree = asks_to_agree(recs, project)
    if agree:  # the client's asks with no answer date: to agree with them
        out.append(Attention("to_agree", tuple(agree), KINDS["action"].name))
    if index.problems:
        out.append(Attention("broken", tuple(f"{p}: {m}" for p, m in index.problems)))
    return out
