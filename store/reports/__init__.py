"""Reports generated from the records and their history.

Each document is built as data (a dict, see ``render``) and then rendered
to Markdown, JSON or a self-contained HTML page, in ``zh`` or ``en``:

* ``summary``      review-meeting summary (internal; commit ids as evidence)
* ``progress``     weekly/monthly progress report with a proposed RAG status
* ``final``        project summary (项目总结)
* ``requirements`` requirements document (需求规格说明书), now or at a baseline
* ``minutes``      minutes of one meeting (会议纪要)
"""
from __future__ import annotations

from .render import render, to_html, to_json, to_markdown  # noqa: F401

TYPES = ("summary", "progress", "final", "requirements", "minutes")


def build(ws, project: str, kind: str, *, since: str | None = None,
          until: str | None = None, at: str | None = None, lang: str | None = None,
          meeting: str | None = None, rag: str | None = None,
          reason: str | None = None) -> dict:
    """Build one document (as data).  ``since``/``until`` are WHEN texts
    (see store.periods), ``at`` a baseline name (requirements only)."""
    from .. import periods
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
        ctx = context(ws, project, lang, at=rev)
        return requirements.build(ctx, baseline=at, rev=rev)
    ctx = context(ws, project, lang)
    if kind == "minutes":
        from . import minutes
        return minutes.build(ctx, meeting)
    if kind == "final":
        from . import final
        hist = periods.read(ws, project, periods.resolve(ws, project, None, until))
        return final.build(ctx, hist)
    index = _Index(ctx)
    period = periods.resolve(ws, project, since or periods.LAST_MEETING, until,
                             index=index)
    hist = periods.read(ws, project, period)
    if kind == "summary":
        from . import summary
        return summary.build(ctx, hist, period)
    from . import progress
    return progress.build(ctx, hist, period, rag=rag, reason=reason)


class _Index:
    """The bit of store.workspace.Index that periods needs."""

    def __init__(self, ctx):
        self.ctx = ctx

    def of_kind(self, kind):
        return self.ctx.of(kind)
