"""Periods of history: ``--since WHEN`` / ``--until WHEN``.

WHEN is

* a date ``YYYY-MM-DD``: commits by author date, read in the commit's own
  offset; ``--since D`` and ``--until D`` both include D;
* a baseline name (tag ``accord/<project>/<name>``) or any git revision R:
  as ``--since`` it means ``R..HEAD`` (R excluded), as ``--until`` the
  commits reachable from R;
* ``last-meeting``: the meeting with status ``held`` and the latest ``date``;
  the period starts on that date, inclusive.  With no held meeting the
  period is the whole history.

``--since`` defaults to ``last-meeting``; ``--until`` to HEAD.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field as dc_field

from store.errors import InvalidValue
from store.model.schema import MEETING

LAST_MEETING = "last-meeting"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _today() -> dt.date:
    return today()


def today() -> dt.date:
    """Today, or the day of GIT_AUTHOR_DATE when set (scripted histories and
    tests agree with their commits)."""
    env = os.environ.get("GIT_AUTHOR_DATE", "").strip()
    if env:
        try:
            return dt.datetime.fromisoformat(env).date()
        except ValueError:
            pass
    return dt.date.today()


@dataclass
class Period:
    """A resolved period.  ``revs`` and the dates feed
    ``history.read_history``; ``start``/``end`` are the calendar days a
    report names; ``since``/``until`` the labels for JSON output."""
    since: str | None = None
    until: str | None = None
    revs: list[str] = dc_field(default_factory=lambda: ["HEAD"])
    since_date: str | None = None
    until_date: str | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    meeting: str | None = None  # the held meeting `last-meeting` named
    baseline: str | None = None

    def to_json(self) -> dict:
        return {"since": self.since, "until": self.until,
                "start": self.start.isoformat() if self.start else None,
                "end": self.end.isoformat() if self.end else None}


def last_held_meeting(index):
    """The held meeting with the latest date (ties: the higher id), or None."""
    best = None
    for r in index.of_kind(MEETING):
        d = r.data.get("date")
        if r.status != "held" or not isinstance(d, dt.date):
            continue
        key = (d, int(r.id.split("-")[1]))
        if best is None or key > best[0]:
            best = (key, r)
    return best[1] if best else None


def _when(ws, project: str, text: str, index=None):
    """("date", YYYY-MM-DD, None) | ("rev", commit id, baseline name or None)
    | ("none", None, None) for last-meeting without a held meeting."""
    text = (text or "").strip()
    if not text:
        raise InvalidValue("an empty period bound: give a date (YYYY-MM-DD), a "
                           "revision, a baseline name or last-meeting")
    if _DATE.match(text):
        try:
            dt.date.fromisoformat(text)
        except ValueError:
            raise InvalidValue(f"{text!r} is not a date: use YYYY-MM-DD") from None
        return "date", text, None
    if text == LAST_MEETING:
        if index is None:
            from store.model.schema import MEETING as M
            index = ws.load(project, [M])
        m = last_held_meeting(index)
        if m is None:
            return "none", None, None
        return "meeting", m.data["date"].isoformat(), m.id
    if re.fullmatch(r"[a-z0-9][a-z0-9-]*", text):
        baseline = ws.git.baseline(project, text)
        if baseline:
            return "rev", baseline.commit, text
    if not text.startswith("-"):
        sha = ws.git.rev_parse(text)
        if sha:
            return "rev", sha, None
    raise InvalidValue(
        f"{text!r} is not a date (YYYY-MM-DD), a revision, a baseline of "
        f"{project} or last-meeting: `git tag --list 'accord/{project}/*'` "
        f"lists the baselines")


def _commit_day(ws, sha: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(ws.git.commit_date(sha)[:10])
    except ValueError:
        return None


def resolve(ws, project: str, since: str | None = LAST_MEETING,
            until: str | None = None, index=None, today: dt.date | None = None) -> Period:
    """Turn ``--since``/``--until`` into a Period (``today``: the end of an
    open period; default the real today or GIT_AUTHOR_DATE's day)."""
    p = Period()
    lo = "HEAD"
    hi = "HEAD"
    if until:
        kind, val, name = _when(ws, project, until, index)
        if kind == "date":
            p.until_date = val
            p.end = dt.date.fromisoformat(val)
            p.until = val
        elif kind == "meeting":
            p.until_date = val
            p.end = dt.date.fromisoformat(val)
            p.until = val
        elif kind == "rev":
            hi = val
            p.until = name or until
            p.end = _commit_day(ws, val)
    if p.end is None:
        p.end = (today or _today()) if hi == "HEAD" else None
    if p.until is None:
        p.until = p.end.isoformat() if p.end else None
    if since:
        kind, val, name = _when(ws, project, since, index)
        if kind in ("date", "meeting"):
            p.since_date = val
            p.start = dt.date.fromisoformat(val)
            p.since = val
            if kind == "meeting":
                p.meeting = name
        elif kind == "rev":
            lo = val
            p.since = name or since
            p.baseline = name
            p.start = _commit_day(ws, val)
    p.revs = [f"{lo}..{hi}"] if lo != "HEAD" else [hi]
    if p.start is None and ws.git.head():
        first = ws.git.first_commit_date(hi)
        if first:
            p.start = dt.date.fromisoformat(first[:10])
    return p


def read(ws, project: str, period: Period):
    """The history of ``project`` in ``period``."""
    from store.history import read_history
    return read_history(ws, revs=period.revs, since_date=period.since_date,
                        until_date=period.until_date, project=project)


def point(ws, project: str, text: str | None, today: dt.date | None = None):
    """``--as-of DATE|REV`` as (commit or None, day): a date gives the last
    commit on or before it (None for today or later: the records now); a
    revision or baseline name gives its commit and its day."""
    today = today or _today()
    kind, val, _name = _when(ws, project, text)
    if kind in ("date", "meeting"):
        day = dt.date.fromisoformat(val)
        return at_day(ws, day, today), day
    if kind == "rev":
        return val, _commit_day(ws, val) or today
    return None, today


def at_day(ws, day: dt.date, today: dt.date | None = None) -> str | None:
    """The commit a document of ``day`` is built from: the last one on or
    before it, or None (the records now) when ``day`` is today or later.
    A day before the first commit gives git's empty tree: no records."""
    from store.history.asof import commit_on_or_before
    if day >= (today or _today()):
        return None
    return commit_on_or_before(ws, day) or EMPTY


EMPTY = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"  # git's empty tree
