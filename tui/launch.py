"""Opening the app quickly: what runs before Textual is imported.

Importing Textual takes a few hundred milliseconds of one core; the app's
first screen also needs the project's record files counted and stat'ed
(the stamp that tells whether the kept dashboard still holds, see
store.snapshot).  ``scan_soon`` starts that scan in a forked child, so
both happen at once; the app takes its answer (``AccordApp(scan=...)``).
Until that first screen is up, Python's cyclic garbage collector is held
(``hold_collector``, ``release_collector``).
This module must not import Textual.
"""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

_held = False


def hold_collector() -> None:
    """Pause the cyclic garbage collector until ``release_collector``.

    Starting the app builds ~10^5 objects that all stay alive (modules,
    classes, parsed CSS, widgets) and frees few; the collector, woken every
    700 allocations, scans the young ones again and again for cycles it does
    not find: 108 collections, 25-38 ms, on the way to a warm first screen
    of the 10,000-record benchmark (gc.callbacks); with the hold, none from
    the launch until that screen is drawn.  Reference counting frees
    meanwhile whatever is dropped."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release_collector(freeze: bool = True) -> None:
    """The collector back on, if ``hold_collector`` paused it.  What was
    built until now lives as long as the app: it is frozen first
    (``gc.freeze``; the app unfreezes it on unmount), so the first
    collections do not scan it all; ``freeze=False`` once the app is gone."""
    global _held
    if _held:
        _held = False
        if freeze:
            gc.freeze()
        gc.enable()


@contextmanager
def _held_for_the_app():
    """The collector held for the app that follows; given back at once if
    this block raises (no app will come to give it back)."""
    hold_collector()
    try:
        yield
    except BaseException:
        release_collector(freeze=False)
        raise


def scan_soon(ws, project: str | None = None):
    """(slug, function giving store.snapshot.project_scan's answer) for the
    project the app will open (``project``, or the first), the scan under
    way in a child; None when there is no such project (the app says
    what is wrong, in its own words)."""
    with _held_for_the_app():  # released by the app: its first screen, or its end
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
    with _held_for_the_app():
        from store.workspace import Workspace
        if not isinstance(workspace, Workspace):
            workspace = Workspace.find(Path(workspace), read_only=read_only)
        scan = scan_soon(workspace, project)

    def make():
        from tui.app import make_app
        return make_app(workspace, project, read_only=read_only, scan=scan, **kw)
    return make
