"""Reports generated from the records and their history.

Each document is built as data (a dict, see ``render``) and then rendered
to Markdown, JSON, a self-contained HTML page or a Word file (``docx``), in
``zh`` or ``en``:

* ``summary``      review-meeting summary (commit ids only with ``evidence``)
* ``progress``     weekly/monthly progress report with a proposed RAG status
* ``final``        project summary (项目总结)
* ``requirements`` requirements document (需求规格说明书), now or at a baseline
* ``minutes``      minutes of one meeting (会议纪要)
* ``review``       review pack (评审会材料) sent before a stage review meeting
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .render import render, to_html, to_json, to_markdown  # noqa: F401

if TYPE_CHECKING:
    from .common import Ctx

TYPES = ("summary", "progress", "final", "requirements", "minutes", "review")


def build(ws, project: str, kind: str, **kw) -> dict:
    """Build one document (as data).  ``since``/``until`` are WHEN texts
    (see store.periods), ``at`` a baseline name (requirements only)."""
    return build_with_context(ws, project, kind, **kw)[0]


def build_with_context(ws, project: str, kind: str, **kw) -> tuple[dict, "Ctx"]:
    """``build``, and the records it was built from (reports.common.Ctx)."""
    import gc
    # a report builds ~10^5 small containers and no cycles: the cyclic
    # collector would rescan them again and again
    from .. import procs
    was = gc.isenabled()
    gc.disable()
    try:
        doc, ctx = _build(ws, project, kind, **kw)
    finally:
        if was:
            gc.enable()
    procs.outlive(doc, ctx)  # a one-shot command never frees them
    return doc, ctx


def _build(ws, project: str, kind: str, *, since: str | None = None,
          until: str | None = None, at: str | None = None, lang: str | None = None,
          meeting: str | None = None, rag: str | None = None,
          reason: str | None = None, today=None, period=None,
          while_reading=None, evidence: bool = False) -> tuple[dict, "Ctx"]:
    """(document, context).  ``period``: ``since``/``until`` already
    resolved (store.periods.Period), for the summary and the progress
    report; ``while_reading(ctx)``, for those two: the caller's own work
    with the records, done while git reads the history."""
    from .. import periods, procs
    from ..errors import InvalidValue
    from .common import context
    if kind not in TYPES:
        raise InvalidValue(f"unknown report {kind!r}: use {', '.join(TYPES)}")
    if kind == "requirements":
        from . import requirements
        rev = None
        if at:
            from ..history import resolve_baseline
            rev = resolve_baseline(ws, project, at)
        ctx = context(ws, project, lang, at=rev, today=today)
        return requirements.build(ctx, baseline=at, rev=rev), ctx
    if kind == "review":
        from . import review
        ctx = context(ws, project, lang, today=today)
        return review.build_for(ws, project, ctx, since=since, until=until,
                                meeting=meeting), ctx
    from .common import WORK_KINDS
    today = today or periods.today()
    if kind == "minutes":
        from . import minutes
        ctx = context(ws, project, lang, today=today, kinds=WORK_KINDS)
        return minutes.build(ctx, meeting), ctx
    # the history is read (git working on the other core) while the records load
    if kind == "final":
        reading = periods.read_soon(ws, project, periods.resolve(ws, project, None, until,
                                                                 today=today))
        ctx = context(ws, project, lang, today=today)
        from . import final
        hist = reading()
        procs.outlive(hist)
        return final.build(ctx, hist), ctx
    if period is None:
        period = periods.resolve(ws, project, since or periods.LAST_MEETING, until,
                                 today=today)
    reading = periods.read_soon(ws, project, period)
    ctx = context(ws, project, lang, today=today, kinds=WORK_KINDS)
    from . import summary
    summary.before_history(ctx)  # what needs the records alone, while git reads
    if while_reading is not None:
        while_reading(ctx)
    hist = reading()
    procs.outlive(hist)  # its events: 10^5-10^6 objects, dropped on return
    if kind == "summary":
        return summary.build(ctx, hist, period, evidence=evidence), ctx
    from . import progress
    return progress.build(ctx, hist, period, rag=rag, reason=reason), ctx


FORMATS = ("md", "html", "json", "docx")
_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".docx": "docx"}


def format_for(path) -> str:
    """The format a file name asks for (``.docx`` -> Word; Markdown otherwise)."""
    from pathlib import Path
    return _SUFFIX.get(Path(str(path)).suffix.lower(), "md")


def write(path, text) -> "Path":
    """Write a rendered document (text, or a Word file's bytes) to ``path``
    (atomically; a symbolic link is refused).  Returns the absolute path."""
    from pathlib import Path

    from ..errors import InvalidValue
    from ..workspace import atomic_write
    p = Path(path).expanduser().resolve()
    if p.is_dir():
        raise InvalidValue(f"{p} is a folder: give a file name")
    if not p.parent.is_dir():
        raise InvalidValue(f"{p.parent}: no such folder")
    try:
        atomic_write(p, text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as e:
        raise InvalidValue(f"{p}: cannot be written ({e.strerror})") from None
    return p


REPORT_RECORD_TYPE = {"summary": "stage", "final": "final", "minutes": "minutes",
                      "requirements": "requirements", "review": "review"}


def keep(ws, project: str, doc: dict, text: str, sent_on=None, why: str | None = None):
    """Keep a sent document as a ``report`` record (status ``sent``); returns
    Workspace.create's Saved."""
    from ..periods import today
    from .common import as_date
    kind = doc.get("type")
    rtype = doc.get("cadence") if kind == "progress" else REPORT_RECORD_TYPE.get(kind)
    fields = {"title": doc.get("title") or kind, "type": rtype or "stage",
              "body": text, "status": "sent", "sent_on": sent_on or today()}
    if kind == "progress" and (doc.get("rag") or {}).get("overall"):
        fields["rag"] = doc["rag"]["overall"]
    period = dict(doc.get("header") or [])
    start = end = None
    stage = doc.get("stage") or {}
    if stage.get("start") and stage.get("end"):
        period = {}
        start, end = as_date(stage["start"]), as_date(stage["end"])
    for v in period.values():
        if isinstance(v, str) and (" 至 " in v or " to " in v):
            a, _, b = v.replace(" 至 ", " to ").partition(" to ")
            start, end = as_date(a.strip()), as_date(b.strip())
            break
    if start:
        fields["period_start"] = start
    if end:
        fields["period_end"] = end
    return ws.create(project, "report", fields, why=why)
