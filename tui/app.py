"""AccordApp: the full-screen terminal app.

The app shows and edits what the store gives it; every write goes through
``store.workspace.Workspace`` (the app never writes files or runs git).
What it has loaded lives in one ``store.session.ProjectSession``; a large
project is read in a worker, and screens hear of reads and changes on disk
through ``tui.messages`` and the hooks of ``tui.screens.base.AccordScreen``.
Opening screens and the app-wide actions are the ``Navigation`` mixin's
(tui/navigation.py).

Entry points (the CLI and the demo call these):
    make_app(workspace, project=None, read_only=False, today=None) -> AccordApp
    run_app(workspace, project=None, today=None) -> int
"""
from __future__ import annotations

import datetime as dt
import gc
import os
from pathlib import Path

from textual import work
from textual.app import App
from textual.binding import Binding

from store.errors import AccordError
from store.session import ProjectSession, keep_long_lived
from store.workspace import Index, Workspace

from tui import i18n
from tui.config import UserConfig, load_config
from tui.messages import LoadProgress, ProjectChanged, ProjectLoaded
from tui.navigation import Navigation
from tui.screens.base import AccordScreen
from tui.widgets.palette import AccordCommands, TextualWords
from tui.widgets.safe import safe_text

WATCH_INTERVAL = 2.0  # seconds between looks at the disk (None: never)
# a project with more record files than this is read in a worker after the
# first screen is up (it shows "reading…" and fills in); smaller ones before
BACKGROUND_LOAD_AT = 2000
# when the dashboard could be shown from its kept figures (store.snapshot),
# the records are read this long after the first screen, not before it
PREFETCH_AFTER = 1.0


class AccordApp(Navigation, TextualWords, App):
    CSS_PATH = "app.tcss"
    # a screen under a dialog: its notices hide (app.tcss), the dialog shows them
    SUSPENDED_SCREEN_CLASS = "-suspended"
    TITLE = "Accord"
    COMMANDS = {AccordCommands}
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", show=False,
                priority=True),
        Binding("ctrl+p", "command_palette", "key.palette", id="app.palette",
                priority=True),
        Binding("question_mark", "help", "key.help", id="app.help"),
        # home from anywhere (f1 also opens help: ? is typed in forms)
        Binding("ctrl+g", "home", "key.home", id="app.home", show=False),
        Binding("f1", "help", "key.help", id="app.help_f1", show=False),
        Binding("z", "undo", "key.undo", id="app.undo", show=False),
        # focus moves as the key is read, before the keys after it are handed
        # on: over SSH "Tab x y" arrive together, and without priority x y
        # landed in the field Tab was leaving
        Binding("tab", "app.focus_next", "", id="app.focus_next", show=False,
                priority=True),
        Binding("shift+tab", "app.focus_previous", "", id="app.focus_previous",
                show=False, priority=True),
    ]

    def __init__(self, workspace: Workspace, project: str | None = None,
                 read_only: bool = False, today: dt.date | None = None,
                 lang: str | None = None, config: UserConfig | None = None,
                 no_blink: bool = False, watch_interval: float | None = WATCH_INTERVAL):
        self.ws = workspace
        if read_only:
            self.ws.read_only = True
        self.read_only = self.ws.read_only
        self.today = today or dt.date.today()
        self.user_config = config if config is not None else load_config()
        self.lang = (lang or os.environ.get("ACCORD_LANG")
                     or self.user_config.language or workspace.language)
        if self.lang not in ("zh", "en"):
            self.lang = "en"
        i18n.set_language(self.lang)
        self.no_blink = no_blink
        super().__init__()
        self.title = "Accord"  # never user data: see product.md
        projects = workspace.projects()
        if project is None and projects:
            project = projects[0] if len(projects) == 1 else projects[0]
        self.project: str | None = workspace.resolve_project(project) if project else None
        self.session = ProjectSession(workspace, BACKGROUND_LOAD_AT)
        self.watch_interval = watch_interval
        if self.user_config.keymap:
            self.set_keymap(self.user_config.keymap)
        # the modules, classes and CSS read so far live as long as the app:
        # a full collection on the way to a large project's first screen
        # scanned them all (~50 ms with Textual loaded)
        if self.project and self.session.large(self.project):
            keep_long_lived()

    # --- data (the session's, for the project on screen) ------------------------
    @property
    def index_version(self) -> int:
        """Bumped whenever an index changes (screens compare it)."""
        return self.session.version

    def index(self, slug: str | None = None) -> Index:
        return self.session.index(slug or self.project)

    def indexed(self, slug: str | None = None) -> bool:
        return self.session.indexed(slug or self.project)

    def loading(self, slug: str | None = None) -> bool:
        return self.session.loading(slug or self.project)

    def project_data(self, slug: str | None = None) -> dict:
        return self.session.project_data(slug or self.project)

    def signoff(self, rec) -> str:
        return self.session.signoff(rec)

    def entries(self) -> list[tuple[str, str, str]]:
        return self.session.entries(self.project)

    def title_of(self, rid) -> str | None:
        return self.session.title_of(self.project, rid) if self.project else None

    def reload(self) -> None:
        self.session.reload()

    def record_changed(self, rid: str, record=None) -> None:
        """Keep the index in step after a save (record None: deleted/re-read)."""
        self.session.record_changed(self.project, rid, record)

    def load_in_background(self, slug: str | None = None) -> bool:
        """Start reading ``slug`` in a worker when it is large (the first
        screen shows at once and fills in on ``ProjectLoaded``).  False when
        it is small or read or under way: ``index()`` reads it then."""
        pending = self.session.start_load(slug or self.project)
        if pending is not None:
            self._read(pending)
        return pending is not None

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _read(self, pending) -> None:
        """(worker thread) The records, and the dashboard's figures kept for
        the next open (so an app closed before they were shown still leaves
        them); the app installs them on ``ProjectLoaded``.  A quit waits for
        this to end: its parsed cache makes the next open fast."""
        from store import progress_note

        def told(stage: str, done: int, total: int | None) -> None:
            self.post_message(LoadProgress(pending.slug, stage, done, total))
        with progress_note.reporting(told):
            self.session.read(pending, then=self._figures_for)
        self.post_message(ProjectLoaded(pending.slug))

    def on_load_progress(self, message: LoadProgress) -> None:
        """The read's progress, on the bar of every screen that has one."""
        for screen in self.screen_stack:
            for bar in screen.query("#load-progress"):
                bar.show(message.stage, message.done, message.total)

    def _figures_for(self, slug: str, index: Index):
        """(worker thread) (project data, key, figures) of ``index``, None on
        a problem (the dashboard computes them itself then)."""
        try:
            from tui.screens.dashboard import compute_figures, figures_key, keep_figures
            pdata = self.session.project_data(slug)
            figures = compute_figures(self, index, pdata)
            keep_figures(self, slug, figures)
            return pdata, figures_key(self), figures
        except Exception:  # noqa: BLE001 - the screen computes them itself
            return None

    def on_project_loaded(self, message: ProjectLoaded) -> None:
        """A read finished: installed (unless a reload dropped it or ``index()``
        took it meanwhile) and the screens are told."""
        if self.session.finish_load(message.slug):
            self._tell_screens(lambda: ProjectLoaded(message.slug))

    def _tell_screens(self, message) -> None:
        for screen in self.screen_stack:
            screen.post_message(message())

    def on_unmount(self) -> None:
        """A sync under way is stopped (git and ssh with it); what
        keep_long_lived froze goes back to the collector (a process that runs
        apps one after another reclaims each one's garbage)."""
        from store.team.remote import stop_all
        stop_all()
        gc.unfreeze()

    # --- noticing changes made elsewhere ------------------------------------------
    def _open_records(self) -> dict:
        """{path of a record file: its id} of the screens showing one."""
        out = {}
        for s in self.screen_stack:
            if isinstance(s, AccordScreen) and isinstance(s.rid, str) and self.project:
                try:
                    out[self.ws.record_path(self.project, s.rid)] = s.rid
                except AccordError:
                    pass
        return out

    def check_disk(self) -> bool:
        """Look whether the project changed on disk (another instance, a hand
        edit, a pull): a few stats, no parsing.  On a change forget what was
        read (the parsed-record cache makes reading again cheap) and post
        ``ProjectChanged`` to the screens.  Skipped while a modal is up or the
        top screen is still being mounted (the first look only records what
        is there); the next look catches up.  True when something changed."""
        from textual.app import ScreenStackError, UnknownModeError
        from textual.screen import ModalScreen
        if not self.is_running:
            return False            # shutting down: screens are being taken apart
        try:
            top = self.screen
        except (ScreenStackError, UnknownModeError):
            return False            # starting up or shutting down: no screen yet
        if not self.project or isinstance(top, ModalScreen):
            return False
        if not top.is_mounted and self.session.looked():
            return False            # being put together: it reads fresh data
        opened = self._open_records()
        try:
            changed, paths = self.session.look(self.project, list(opened))
        except (OSError, AccordError):
            return False
        if not changed:
            return False
        self.reload()
        files = {opened[p]: p for p in paths}
        self._tell_screens(lambda: ProjectChanged(self.project, files))
        return True

    # --- screens -----------------------------------------------------------------
    def on_mount(self) -> None:
        from tui.screens.dashboard import DashboardScreen, early_figures
        slug = self.project
        session = self.session
        if slug and session.large(slug):
            # a large project: the dashboard from its kept figures when the
            # files are as they were (one stat each), the records read
            # after the first screen; else read now, in a worker
            session.stamp_before_read(slug)
            early = early_figures(self, slug)
            if early is not None:
                session.early[slug] = early
                self.set_timer(PREFETCH_AFTER, lambda: self.project == slug
                               and self.load_in_background(slug))
            else:
                self.load_in_background(slug)
        self.push_screen(DashboardScreen())
        if not slug and not self.read_only and not self.ws.projects():
            self.open_project_form(new=True)  # a new workspace: its first project
        if self.watch_interval:
            self.check_disk()
            self.set_interval(self.watch_interval, self.check_disk)
        if self.user_config.problem:
            self.notify(safe_text(i18n.error_text(self.user_config.problem)), severity="warning",
                        markup=False)
        from tui.screens.help import keymap_problem
        problem = keymap_problem(self)
        if problem:
            self.notify(problem, severity="warning", markup=False, timeout=10)


def make_app(workspace, project: str | None = None, read_only: bool = False,
             today: dt.date | None = None, **kw) -> AccordApp:
    """The app for ``workspace`` (a Workspace or a path) and ``project``
    (None: the only/first project).  ``today`` fixes the date the dashboard
    measures against (tests, the demo)."""
    if not isinstance(workspace, Workspace):
        workspace = Workspace.find(Path(workspace), read_only=read_only)
    return AccordApp(workspace, project, read_only=read_only, today=today, **kw)


def run_app(workspace, project: str | None = None, today: dt.date | None = None) -> int:
    app = make_app(workspace, project, today=today)
    rc = app.run()
    return rc if isinstance(rc, int) else (app.return_code or 0)
