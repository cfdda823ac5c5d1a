"""Opening the app quickly: what runs before Textual is imported.

Importing Textual takes a few hundred milliseconds of one core; the app's
first screen also needs the project's record files counted and stat'ed
(the stamp that tells whether the kept dashboard still holds, see
store.snapshot).  ``scan_soon`` starts that scan in a forked child, so
both happen at once; the app takes its answer (``AccordApp(scan=...)``).
This module must not import Textual.
"""
from __future__ import annotations

from pathlib import Path


def scan_soon(ws, project: str | None = None):
    """(slug, function giving store.snapshot.project_scan's answer) for the
    project the app will open (``project``, or the first), the scan under
    way in a child; None when there is no such project (the app says
    what is wrong, in its own words)."""
    from store import snapshot
    from store.errors import AccordError
    try:
        slug = ws.resolve_project(project) if project else next(iter(ws.projects()), None)
    except AccordError:
        return None
    return (slug, snapshot.project_scan_soon(ws, slug)) if slug else None


def app_soon(workspace, project: str | None = None, read_only: bool = False, **kw):
    """A function that makes the app, as ``tui.app.make_app(workspace,
    project, read_only=..., **kw)`` would, the project's files scanned
    meanwhile (call this before importing tui.app).  ``workspace``: a
    Workspace or a path."""
    from store.workspace import Workspace
    if not isinstance(workspace, Workspace):
        workspace = Workspace.find(Path(workspace), read_only=read_only)
    scan = scan_soon(workspace, project)

    def make():
        from tui.app import make_app
        return make_app(workspace, project, read_only=read_only, scan=scan, **kw)
    return make
