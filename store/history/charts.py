"""The dashboard's and the reports' charts as plain data.

Three series over the last ``WEEKS`` weeks (Monday-based, the last one
holding ``today``), each week labelled by its Monday (``MM-DD``):

* ``open``     open items by kind at the end of each week: today's records
  walked back through the history's status changes, creations and
  deletions (only the window's history is read);
* ``replies``  feedback replied in each week: average days from
  ``received_on`` to ``replied_on`` against the average promised days
  (``received_on`` to ``reply_due``), from the records;
* ``changes``  requirement changes (create, edit, move, confirm, delete)
  per week since the newest baseline tag, and their total.

``series`` is pure (events and records in, dict out); ``project_series``
reads the history and keeps the result in the cache folder
(``store.locations``), keyed by HEAD, today and the language, so a second
call reads no history.  Accord commits every save, so HEAD stands for the
records' state.  No Textual, no plotting here: the widgets and the HTML
renderer draw these series.
"""
from __future__ import annotations

import datetime as dt
import json
from types import SimpleNamespace

from store import locations
from store.model.attention import is_open
from store.model.figures import as_date as _date
from store.model.schema import KINDS

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from pathlib import Path
    from typing import Any

    from store.model.figures import Records
    from store.workspace import Workspace

WEEKS = 8
# the kinds the "open items" chart may show, in this order (kinds with no
# open item in the whole window are left out); all among the kinds a
# progress report loads (reports.common.WORK_KINDS), so the dashboard and
# the report compute, and share, the same series
OPEN_KINDS = ("requirement", "change", "feedback", "issue", "action")
CHANGE_ACTIONS = ("create", "edit", "move", "confirm", "delete", "renumber")
FORMAT = 1  # bump when the shape of the series changes


def week_starts(today: dt.date, weeks: int = WEEKS) -> list[dt.date]:
    """The Mondays of the last ``weeks`` weeks, oldest first, the last one
    that of ``today``'s week."""
    monday = today - dt.timedelta(days=today.weekday())
    return [monday - dt.timedelta(weeks=weeks - 1 - i) for i in range(weeks)]


def _week_of(day: dt.date, starts: list[dt.date]) -> int | None:
    """Index of the week holding ``day``, None outside the window."""
    if day < starts[0] or day >= starts[-1] + dt.timedelta(days=7):
        return None
    return (day - starts[0]).days // 7


def _records(records):
    recs = getattr(records, "records", records)
    if isinstance(recs, dict):
        recs = recs.values()
    return list(recs)


def _is_open_status(kind, status) -> bool:
    """``attention.is_open`` for a status a record had at some time."""
    return is_open(SimpleNamespace(kind=kind, status=status))


def open_by_kind(events: Iterable[dict[str, Any]], records: Records, today: dt.date,
                 starts: list[dt.date]) -> dict[str, list[int]]:
    """{kind name: [open count at the end of each week]}: today's statuses,
    undone event by event (newest first) back to each week's end."""
    state: dict[str, tuple] = {}  # id -> (kind, status)
    for r in _records(records):
        if r.kind.name in OPEN_KINDS:
            state[r.id] = (r.kind, r.status)
    ends = [min(s + dt.timedelta(days=6), today) for s in starts]
    evs = sorted((e for e in events if e.get("kind") in OPEN_KINDS),
                 key=lambda e: str(e.get("date") or ""), reverse=True)
    counts = {k: [0] * len(starts) for k in OPEN_KINDS}
    i = 0
    for w in range(len(starts) - 1, -1, -1):
        end = ends[w].isoformat()
        while i < len(evs) and str(evs[i].get("date") or "")[:10] > end:
            _undo(state, evs[i])
            i += 1
        for kind, status in state.values():
            if _is_open_status(kind, status):
                counts[kind.name][w] += 1
    return {k: v for k, v in counts.items() if any(v)}


def _undo(state: dict, e: dict) -> None:
    """``state`` as it was before event ``e``."""
    rid, action = e.get("id"), e.get("action")
    status = (e.get("fields") or {}).get("status")
    if action == "create":
        state.pop(rid, None)
    elif action == "delete":
        state[rid] = (KINDS[e["kind"]], status[0] if status else None)
    elif status and rid in state:
        state[rid] = (state[rid][0], status[0])


def reply_times(records: Records, starts: list[dt.date]) -> dict[str, list[Any]]:
    """{"days": [...], "promised": [...], "replied": [...]}: per week of
    ``replied_on``, the average days taken and promised (None: no reply
    that week, or none with a promise), and how many were replied."""
    taken = [[] for _ in starts]
    promised = [[] for _ in starts]
    for r in _records(records):
        if r.kind.name != "feedback":
            continue
        got, rep, due = (_date(r.get("received_on")), _date(r.get("replied_on")),
                         _date(r.get("reply_due")))
        if not (got and rep) or rep < got:
            continue
        w = _week_of(rep, starts)
        if w is None:
            continue
        taken[w].append((rep - got).days)
        if due and due >= got:
            promised[w].append((due - got).days)

    def avg(xs):
        return round(sum(xs) / len(xs), 1) if xs else None
    return {"days": [avg(x) for x in taken], "promised": [avg(x) for x in promised],
            "replied": [len(x) for x in taken]}


def requirement_changes(events: Iterable[dict[str, Any]], starts: list[dt.date],
                        baseline: str | None) -> dict[str, Any]:
    """{"baseline", "counts", "total"}: requirement events after the
    baseline (``events`` are those of its range), per week and in all."""
    counts = [0] * len(starts)
    total = 0
    for e in events:
        if e.get("kind") != "requirement" or e.get("action") not in CHANGE_ACTIONS:
            continue
        total += 1
        day = _date(e.get("date"))
        w = _week_of(day, starts) if day else None
        if w is not None:
            counts[w] += 1
    return {"baseline": baseline, "counts": counts if baseline else [0] * len(starts),
            "total": total if baseline else 0}


def series(events: Iterable[dict[str, Any]], records: Records, today: dt.date,
           lang: str = "en", weeks: int = WEEKS,
           change_events: Iterable[dict[str, Any]] | None = None,
           baseline: str | None = None) -> dict[str, Any]:
    """All three series (see the module doc) as JSON-able data; ``events``:
    the project's history events of the window (any order),
    ``change_events``: those since ``baseline``."""
    starts = week_starts(today, weeks)
    opened = open_by_kind(events, records, today, starts)
    return {"format": FORMAT, "today": today.isoformat(), "lang": lang,
            "weeks": [s.strftime("%m-%d") for s in starts],
            "open": opened,
            "kinds": {k: KINDS[k].label(lang) for k in opened},
            "replies": reply_times(records, starts),
            "changes": requirement_changes(change_events or [], starts, baseline)}


# --- from a workspace, cached -------------------------------------------------

def newest_baseline(ws: Workspace, project: str) -> tuple[str, str] | None:
    """(name, commit) of the project's newest baseline tag, or None."""
    return ws.git.newest_baseline(project)


def cache_path(ws: Workspace, project: str, today: dt.date, lang: str, head: str) -> Path:
    """The cache file of one project's series (a folder per project)."""
    return locations.folder(ws.git.git_dir, "charts", project) / \
        f"{head}-{today.isoformat()}-{lang}.json"


def project_series(ws: Workspace, project: str, records: Records, today: dt.date,
                   lang: str = "en", weeks: int = WEEKS) -> dict[str, Any]:
    """``series`` of a workspace's project, read from its history and kept
    (one file per HEAD, day and language; older files of the project are
    dropped when a new one is written)."""
    head = ws.git.head()
    path = cache_path(ws, project, today, lang, head or "none")
    if head and locations.enabled():
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            if kept.get("format") == FORMAT and len(kept.get("weeks", ())) == weeks:
                return kept
        except (OSError, ValueError, AttributeError):
            pass
    events, change_events, base = [], [], None
    if head:
        from store.history import read_history
        since = week_starts(today, weeks)[0].isoformat()
        events = read_history(ws, since_date=since, project=project).events
        found = newest_baseline(ws, project)
        if found:
            base = found[0]
            change_events = read_history(ws, revs=[f"{found[1]}..HEAD"],
                                         project=project).events
    out = series(events, records, today, lang, weeks, change_events, base)
    if head and locations.enabled():
        try:
            for old in path.parent.glob("*.json"):
                if old != path:
                    old.unlink(missing_ok=True)
            locations.atomic_write(path, json.dumps(out, ensure_ascii=False).encode())
        except OSError:
            pass  # a read-only .git: computed again next time
    return out


# --- as report blocks (store/reports/render.py draws them) --------------------

def report_blocks(data: dict[str, Any], tr: Callable[..., str]) -> list[dict[str, Any]]:
    """The three charts as ``chart`` blocks of a document; ``tr(en, zh,
    **values)`` words them in the report's language."""
    weeks = data["weeks"]
    opened = data["open"]
    axis = tr("Week of", "周起始日")  # what the labels are (Word's table heads them)
    blocks = [{"type": "chart", "chart": "lines", "labels": weeks,
               "title": tr("Open items by kind, per week", "各类未关闭事项（按周）"),
               "series": [{"name": data["kinds"].get(k, k), "values": v}
                          for k, v in opened.items()]}]
    if not opened:
        blocks[0]["note"] = tr("No open items in these weeks.", "这几周没有未关闭事项。")
    rep = data["replies"]
    blocks.append({"type": "chart", "chart": "lines", "labels": weeks,
                   "title": tr("Feedback reply days against the days promised",
                               "反馈答复天数与承诺天数"),
                   "series": [{"name": tr("days taken", "实际天数"), "values": rep["days"]},
                              {"name": tr("days promised", "承诺天数"),
                               "values": rep["promised"]}]})
    if not any(rep["replied"]):
        blocks[-1]["note"] = tr("No feedback replied in these weeks.", "这几周没有答复反馈。")
    ch = data["changes"]
    block = {"type": "chart", "chart": "bars", "labels": weeks,
             "title": tr("Requirement changes since the baseline, per week",
                         "基线后的需求变更（按周）"),
             "series": [{"name": tr("changes", "变更次数"), "values": ch["counts"]}]}
    if ch["baseline"] is None:
        block["note"] = tr("No baseline taken yet.", "尚未建立需求基线。")
    else:
        block["note"] = tr("{n} changes since baseline {b}.", "基线 {b} 之后共 {n} 次变更。",
                           n=ch["total"], b=ch["baseline"])
    blocks.append(block)
    for b in blocks:
        b["axis"] = axis
    return blocks
