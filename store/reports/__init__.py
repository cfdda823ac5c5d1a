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

from store.reports.render import render, to_html, to_json, to_markdown  # noqa: F401

if TYPE_CHECKING:
    from store.progress_note import Progress
    from store.reports.common import Ctx

TYPES = ("summary", "progress", "final", "requirements", "minutes", "review")


def build(ws, project: str, kind: str, **kw) -> dict:
    """Build one document (as data).  ``since``/``until`` are WHEN texts
    (see store.reports.periods), ``at`` a baseline name (requirements only)."""
    return build_with_context(ws, project, kind, **kw)[0]


def build_with_context(ws, project: str, kind: str, progress: "Progress | None" = None,
                       **kw) -> tuple[dict, "Ctx"]:
    """``build``, and the records it was built from (reports.common.Ctx).
    ``progress`` (store.progress_note; default: the one ``reporting`` set)
    hears the stages in order: reading records, reading history (the
    summary, progress and final reports), writing."""
    import gc
    # a report builds ~10^5 small containers and no cycles: the cyclic
    # collector would rescan them again and again
    from store import progress_note
    was = gc.isenabled()
    gc.disable()
    try:
        with progress_note.reporting(progress) as told:
            told(progress_note.READING_RECORDS, 0, None)
            doc, ctx = _build(ws, project, kind, **kw)
    finally:
        if was:
            gc.enable()
    note_problems(doc, ctx)  # never silently incomplete, whoever asked for it
    return doc, ctx


def _build(ws, project: str, kind: str, *, since: str | None = None,
          until: str | None = None, at: str | None = None, lang: str | None = None,
          meeting: str | None = None, rag: str | None = None,
          reason: str | None = None, today=None, period=None,
          as_of: str | None = None, fold: dict | None = None,
          cadence: str | None = None, evidence: bool = False) -> tuple[dict, "Ctx"]:
    """(document, context).  ``period``: ``since``/``until`` already
    resolved (store.reports.periods.Period), for the summary and the progress
    report.  ``fold`` (the summary): ``{"kept": summary_fold.Folded or
    None}``, what an earlier run kept of the period's events; only the
    commits it lacks are read, and the grown fold is left there.  ``as_of``
    (DATE|REV): the point the document is built at (default its natural
    point: the period's end, the minutes' issue date, today); ``cadence``
    weekly|monthly (progress; default weekly for the default period)."""
    from store.reports import periods
    from store import progress_note
    from store.errors import InvalidValue
    from store.reports.common import context
    told = progress_note.current()

    def writing():  # the last stage: a load while writing is part of it
        told(progress_note.WRITING, 0, None)
        return progress_note.reporting(progress_note.nothing)
    if kind not in TYPES:
        raise InvalidValue(f"unknown report {kind!r}: use {', '.join(TYPES)}")
    real_today = today or periods.today()
    point = periods.point(ws, project, as_of, real_today) if as_of else None

    def ctx_at(default_day, kinds=None):
        rev, day = point if point else (periods.at_day(ws, default_day, real_today),
                                        default_day)
        ctx = context(ws, project, lang, at=rev, today=day, kinds=kinds)
        ctx.issued = real_today
        return ctx
    if kind == "requirements":
        from store.reports import requirements
        rev = None
        if at:
            from store.history import resolve_baseline
            rev = resolve_baseline(ws, project, at)
            ctx = context(ws, project, lang, at=rev, today=real_today)
            ctx.issued = real_today
        else:
            ctx = ctx_at(real_today)
        with writing():
            return requirements.build(ctx, baseline=at, rev=rev), ctx
    if kind == "review":
        from store.reports import review
        ctx = ctx_at(real_today)
        if point is None:
            ctx = review.at_its_point(ws, project, ctx, meeting, ctx_at)
        with writing():
            return review.build_for(ws, project, ctx, since=since, until=until,
                                    meeting=meeting), ctx
    from store.reports.common import WORK_KINDS
    if kind == "minutes":
        from store.reports import minutes
        # now: which meeting, what is linked to it (only the kinds that says)
        ctx = ctx_at(real_today, kinds=("meeting", "decision", "action", "report"))
        if point is None:
            issued = minutes.issue_date(ctx, meeting)
            at_ctx = ctx_at(min(issued, real_today))
            at_ctx.issued = issued
        else:
            at_ctx = ctx_at(real_today)
        with writing():
            return minutes.build(ctx, meeting, at_ctx), at_ctx
    if kind == "final":
        ctx = ctx_at(real_today)
        from store.reports import final
        told(progress_note.READING_HISTORY, 0, None)
        # its requirements' history up to the document's point, never past it
        hist = final.history(ctx, until)
        with writing():
            return final.build(ctx, hist), ctx
    if period is None:
        if kind == "progress" and since is None:
            from store.reports.progress import default_period
            period, cadence = default_period(ws, project, cadence, until, real_today)
        else:
            period = periods.resolve(ws, project, since or periods.LAST_MEETING, until,
                                     today=real_today)
    # the point first: its commit comes from the commit list the history
    # read then finds kept (one walk of the history, not two at once)
    if point is None:
        point = (periods.at_day(ws, period.end or real_today, real_today),
                 period.end or real_today)
    ctx = ctx_at(period.end or real_today, kinds=WORK_KINDS)
    folded = None
    told(progress_note.READING_HISTORY, 0, None)
    if kind == "summary" and fold is not None:
        from store.reports.summary_fold import read_folded
        hist, folded = read_folded(ws, project, period, fold.get("kept"))
        fold["kept"] = folded
    else:
        from store.history.asof import read
        hist = read(ws, project, period, point[0])  # up to the point only
    with writing():
        if kind == "summary":
            from store.reports import summary
            return summary.build(ctx, hist, period, evidence=evidence, folded=folded), ctx
        from store.reports import progress
        return progress.build(ctx, hist, period, rag=rag, reason=reason,
                              cadence=cadence), ctx


def note_problems(doc: dict, ctx: "Ctx") -> list[tuple[str, str]]:
    """The records that could not be read, as (path, problem), also named in
    the document itself (a section at its start): a document is never
    silently incomplete.  Returns them for the caller to print."""
    problems = [(str(a), str(b)) for a, b in (ctx.problems or [])]
    if problems and not doc.get("problems"):
        from store.reports.common import section, tr, ul
        lang = doc.get("lang") or ctx.lang
        doc["sections"].insert(0, section(
            "unreadable", tr(lang, "Draft — records that could not be read",
                             "草稿——无法读取的记录"),
            ul([f"{a}: {b}" for a, b in problems])))
        doc["problems"] = [{"path": a, "problem": b} for a, b in problems]
    return problems



FORMATS = ("md", "html", "json", "docx")
_SUFFIX = {".html": "html", ".htm": "html", ".json": "json", ".docx": "docx"}


def format_for(path) -> str:
    """The format a file name asks for (``.docx`` -> Word; Markdown otherwise)."""
    from pathlib import Path
    return _SUFFIX.get(Path(str(path)).suffix.lower(), "md")


def write(ws, path, text) -> "Path":  # noqa: F821 - pathlib.Path, imported inside
    """Write a rendered document of ``ws`` (text, or a Word file's bytes) to
    ``path`` (atomically; a symbolic link is refused).  Refused in a
    read-only workspace, and never over the workspace's own files (its
    records, settings or .git).  Returns the absolute path."""
    from pathlib import Path

    from store.errors import InvalidValue
    from store.workspace import atomic_write
    ws.guard_write()
    p = Path(path).expanduser().resolve()
    if p.is_dir():
        raise InvalidValue(f"{p} is a folder: give a file name")
    if not p.parent.is_dir():
        raise InvalidValue(f"{p.parent}: no such folder")
    if _workspace_file(ws, p):
        raise InvalidValue(f"{p} is one of the workspace's own files: write the "
                           f"report elsewhere (e.g. {ws.root / 'reports'})")
    try:
        atomic_write(p, text if isinstance(text, bytes) else text.encode("utf-8"))
    except OSError as e:
        raise InvalidValue(f"{p}: cannot be written ({e.strerror})") from None
    return p


def _workspace_file(ws, p) -> bool:
    """True for a path Accord keeps: under projects/ or .git, or a settings
    file at the workspace's top (accord.toml, .gitattributes, .gitignore)."""
    from store.workspace import CONFIG, PROJECTS
    root = ws.root.resolve()
    for inside in (root / PROJECTS, root / ".git", ws.git.git_dir.resolve()):
        if p == inside or inside in p.parents:
            return True
    return p.parent == root and (p.name in (CONFIG, ".gitattributes", ".gitignore",
                                            ".gitmodules"))


REPORT_RECORD_TYPE = {"summary": "stage", "final": "final", "minutes": "minutes",
                      "requirements": "requirements", "review": "review"}


def keep(ws, project: str, doc: dict, text: str, sent_on=None, why: str | None = None):
    """Keep a sent document as a ``report`` record (status ``sent``); returns
    Workspace.create's Saved."""
    from store.reports.periods import today
    from store.reports.common import as_date
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
    target = doc.get("meeting") or (doc.get("target") or {}).get("id")
    if kind in ("minutes", "review") and isinstance(target, str) and target:
        fields["links"] = [target]   # which meeting's minutes or pack (version, issue date)
    return ws.create(project, "report", fields, why=why)
