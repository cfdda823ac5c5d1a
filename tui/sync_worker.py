"""Sync from the app: ``accord sync`` (or ``--continue``) in a worker thread,
so the app keeps answering keys while git talks to the remote, and the
result as one notification in the UI language.  Network git never sees the
terminal (store.team.remote), so no prompt can write over the screen.  While it
runs, a progress bar (the fetch's and the push's, from git's own progress)
sits above the key bar of the screen the sync was started from.

Also the count of commits not yet pushed that the dashboard shows, taken
in a worker too and kept until HEAD or the last fetch changes.
"""
from __future__ import annotations

from functools import partial

from textual.screen import ModalScreen
from textual.worker import WorkerState

from store.errors import AccordError
from store.git.repo import GitError

from tui.i18n import error_text, t
from tui.widgets.safe import safe_text
from tui.widgets.work_progress import WorkProgress

SYNC_GROUP = "sync"
COUNT_GROUP = "unpushed"
BAR_ID = "sync-progress"


def _busy(app, group: str) -> bool:
    return any(w.group == group and w.state in (WorkerState.PENDING, WorkerState.RUNNING)
               for w in app.workers)


def syncing(app) -> bool:
    """A sync started from the app is under way."""
    return _busy(app, SYNC_GROUP)


def start_sync(app, cont: bool = False, progress=None) -> None:
    """Start a sync (``cont``: finish a stopped one) unless one runs.
    ``progress`` (store.progress_note): hears the sync's progress too, in
    the worker thread."""
    if app.read_only:
        app.notify(t("err.readonly"), severity="error", markup=False)
        return
    if syncing(app):
        app.notify(t("sync.running"), markup=False)
        return
    app.notify(t("sync.started"), markup=False)
    told = _bar(app).from_thread(progress)
    app.run_worker(partial(_run, app, cont, told), name="accord-sync", group=SYNC_GROUP,
                   thread=True, exclusive=True, exit_on_error=False)


def _bar(app) -> WorkProgress:
    """The sync's bar, put on the screen in front (under a dialog: the
    screen beneath it), above its key bar, showing "connecting"."""
    screen = next((s for s in reversed(app.screen_stack)
                   if not isinstance(s, ModalScreen)), app.screen)
    found = screen.query(f"#{BAR_ID}")
    bar = found.first(WorkProgress) if found else WorkProgress(id=BAR_ID)
    if not found:
        screen.mount(bar)
    bar.show("connecting")
    return bar


def sync_bar(app) -> WorkProgress | None:
    """The bar of the sync under way, None when no sync runs."""
    for screen in app.screen_stack:
        for bar in screen.query(f"#{BAR_ID}"):
            if isinstance(bar, WorkProgress) and bar.busy:
                return bar
    return None


def _run(app, cont: bool, progress) -> None:
    """(worker thread) The sync; its result is handed to the UI thread."""
    from store.team import sync
    from store.workspace import Workspace
    # a Workspace of its own: the write lock it takes is then a lock
    # against the app's saves too (one object's lock is re-entrant)
    ws = Workspace(app.ws.root)
    try:
        res = (sync.sync_continue if cont else sync.sync)(ws, progress=progress)
    except (AccordError, GitError, OSError) as e:
        res, err = None, e
    else:
        err = None
    _hand_over(app, _done, app, res, err)


def _hand_over(app, fn, *args) -> None:
    """Run ``fn`` on the UI thread, unless the app has ended meanwhile."""
    try:
        app.call_from_thread(fn, *args)
    except RuntimeError:  # the app is no longer running
        pass


def message(res, err, lang: str) -> tuple[str, str]:
    """(text, severity) of a sync's outcome."""
    from store.team.remote_errors import RemoteError

    from tui.cli.team import remote_line
    if isinstance(err, RemoteError):
        return safe_text(remote_line(err.to_json(), lang, "app")), "error"
    if err is not None:
        return t("sync.failed", problem=safe_text(error_text(err))), "error"
    if res.error:
        return safe_text(remote_line(res.error, lang, "app")), "error"
    where = dict(remote=safe_text(res.remote), branch=safe_text(res.branch))
    if res.status == "pushed":
        return t("sync.pushed", **where), "information"
    if res.status == "up-to-date":
        return t("sync.uptodate", **where), "information"
    if res.status == "conflict":
        return t("sync.conflict", n=len(res.conflicts)), "warning"
    problem = (res.problems or res.messages or [res.status])[0]
    return t("sync.invalid", problem=safe_text(problem)), "error"


def _done(app, res, err) -> None:
    for screen in app.screen_stack:
        for bar in screen.query(f"#{BAR_ID}"):
            bar.remove()
    text, severity = message(res, err, app.lang)
    app.notify(text, severity=severity, markup=False, timeout=10)
    app.reload()  # a merge or a fast-forward changed the files
    screen = app.screen
    again = getattr(screen, "refresh_data", None) or getattr(screen, "reload", None)
    if again and screen.is_mounted:
        again()


# --- commits not yet pushed -------------------------------------------------------

def _stamp(ws) -> tuple:
    """What the count depends on: HEAD and the last fetch (file reads)."""
    try:
        fetched = (ws.git.git_dir / "FETCH_HEAD").stat().st_mtime_ns
    except OSError:
        fetched = None
    return ws.git.head(), fetched


def unpushed_now(app) -> int | None:
    """The count as last taken (None: none taken yet, or no remote); a new
    count is started when HEAD or the last fetch changed since."""
    stamp = _stamp(app.ws)
    kept = getattr(app, "_unpushed", None)
    if kept is None or kept[0] != stamp:
        if not _busy(app, COUNT_GROUP):
            app.run_worker(partial(_count, app, stamp), name="accord-unpushed",
                           group=COUNT_GROUP, thread=True, exit_on_error=False)
    return kept[1] if kept else None


def _count(app, stamp) -> None:
    from store.team import remote
    try:
        n = remote.unpushed(app.ws)
    except (AccordError, GitError, OSError, ValueError):
        n = None
    _hand_over(app, _counted, app, stamp, n)


def _counted(app, stamp, n) -> None:
    old = getattr(app, "_unpushed", None)
    app._unpushed = (stamp, n)
    if old is None or old[1] != n:
        screen = app.screen
        again = getattr(screen, "unpushed_changed", None)
        if again and screen.is_mounted:
            again()
