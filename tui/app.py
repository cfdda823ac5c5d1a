"""AccordApp: the full-screen terminal app.

The app shows and edits what the store gives it; every write goes through
``store.workspace.Workspace`` (the app never writes files or runs git).

Entry points (the CLI and the demo call these):
    make_app(workspace, project=None, read_only=False, today=None) -> AccordApp
    run_app(workspace, project=None, today=None) -> int
"""
from __future__ import annotations

import datetime as dt
import gc
import os
import threading
from concurrent.futures import Future
from pathlib import Path

from textual.app import App
from textual.binding import Binding
from textual.message import Message

from store.errors import AccordError
from store.ids import sort_key
from store.schema import KINDS, Kind
from store.workspace import Index, Workspace

from . import i18n
from .config import UserConfig, load_config
from .i18n import t
from .launch import release_collector
from .widgets.palette import AccordCommands, TextualWords
from .widgets.safe import safe_text

KIND_ORDER: list[Kind] = list(KINDS.values())


def keep_long_lived() -> None:
    """Move every object alive now out of the cyclic collector's sight.

    A loaded project is ~10^5 small containers that live until the next
    reload; each full collection scans them all (~0.2 s at 10,000 records),
    and one falls, sooner or later, on a keystroke.  Frozen objects are still
    freed by reference counting (records and rows hold no cycles); screens
    clear their rows when they close, so a closed screen that was frozen
    keeps only its small widget shell until the app ends (on_unmount
    unfreezes)."""
    gc.freeze()


WATCH_INTERVAL = 2.0  # seconds between looks at the disk (None: never)
# a project with more record files than this is read in a thread after the
# first screen is up (it shows "reading…" and fills in); smaller ones before
BACKGROUND_LOAD_AT = 2000
# when the dashboard could be shown from its kept figures (store.snapshot),
# the records are read this long after the first screen, not before it
PREFETCH_AFTER = 1.0
STOP_WAIT = 5.0  # seconds a quit waits for a background read to finish


class IndexLoaded(Message):
    """A background load of ``slug`` finished (posted from its thread)."""

    def __init__(self, slug: str, future: Future):
        super().__init__()
        self.slug = slug
        self.future = future


class AccordApp(TextualWords, App):
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
                 no_blink: bool = False, watch_interval: float | None = WATCH_INTERVAL,
                 scan=None):
        self.ws = workspace
        # (slug, function giving store.snapshot.project_scan's answer): a
        # scan started before Textual was imported (tui.launch)
        self._scan = scan
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
        self._indexes: dict[str, Index] = {}
        self._entries: dict[str, list] = {}
        self._project_data: dict[str, dict] = {}
        self._pending: dict[str, Future] = {}  # background loads under way
        self._signoffs: dict[tuple[str, str], str] = {}  # (id, digest) -> state
        # stamp of a large project's files taken before its index was read
        # (store.snapshot); dropped when the index changes in memory
        self._stamps: dict[str, str | None] = {}
        self.early: dict[str, object] = {}  # kept figures shown before a load
        self._large: dict[str, bool] = {}
        self._threads: dict[str, threading.Thread] = {}  # background reads
        # figures computed by a background read: (index version, pdata, figures)
        self._precomputed: dict[str, tuple] = {}
        self.index_version = 0  # bumped whenever the index changes
        self.watch_interval = watch_interval
        self._disk = None          # disk_stamp when last looked
        self._open_files: dict = {}  # path of an open record -> file_stamp
        if self.user_config.keymap:
            self.set_keymap(self.user_config.keymap)
        # the modules, classes and CSS read so far live as long as the app:
        # a full collection on the way to a large project's first screen
        # scanned them all (~50 ms with Textual loaded)
        if self.project and self.large(self.project):
            keep_long_lived()

    # --- data ------------------------------------------------------------------
    def index(self, slug: str | None = None) -> Index:
        slug = slug or self.project
        if slug not in self._indexes:
            pending = self._pending.pop(slug, None)
            # a load under way is waited for, not started twice
            if pending is None and slug not in self._stamps and self.large(slug):
                self.take_stamp(slug)  # before reading: a later change misses
            if pending is not None:
                index, pdata, figures = pending.result()
                self._install(slug, index)
                if figures is not None:
                    self._precomputed[slug] = (self.index_version, pdata, figures)
            else:
                self._install(slug, self.ws.load(slug))
        return self._indexes[slug]

    def _install(self, slug: str, index: Index) -> None:
        self.index_version += 1
        self._indexes[slug] = index
        self._entries.pop(slug, None)
        self._precomputed.pop(slug, None)
        if self.large(slug):
            keep_long_lived()

    def precomputed(self, slug: str, pdata: dict):
        """The dashboard figures the background read computed for the index
        now installed, if nothing changed since (else None)."""
        pre = self._precomputed.pop(slug, None)
        if pre and pre[0] == self.index_version and pre[1] is pdata:
            return pre[2]
        return None

    def indexed(self, slug: str | None = None) -> bool:
        """True when ``slug``'s records are read (index() returns at once)."""
        return (slug or self.project) in self._indexes

    def loading(self, slug: str | None = None) -> bool:
        """True while ``slug``'s records are being read in the background."""
        slug = slug or self.project
        return slug not in self._indexes and slug in self._pending

    def large(self, slug: str | None = None) -> bool:
        """More than BACKGROUND_LOAD_AT record files (counted once a run)."""
        slug = slug or self.project
        if slug not in self._large:
            n = None
            if slug not in self._stamps and slug not in self._indexes:
                # counted from the scan a stamp needs: a large project's
                # files are listed once on the way to the first screen
                from store import snapshot
                try:
                    if self._scan is not None and self._scan[0] == slug:
                        stamp, n = self._scan[1]()  # stat'ed while Textual imported
                        self._scan = None
                    else:
                        stamp, n = snapshot.project_scan(self.ws, slug, BACKGROUND_LOAD_AT)
                except (OSError, AccordError):
                    n = None
                else:
                    if n > BACKGROUND_LOAD_AT:  # taken before reading
                        self._stamps[slug] = stamp
            if n is None:
                n = self._record_files(slug)
            self._large[slug] = n > BACKGROUND_LOAD_AT
        return self._large[slug]

    def stamp(self, slug: str | None = None) -> str | None:
        """The stamp (store.snapshot) of the files the index of ``slug`` is
        read from, taken before reading, while that index is unchanged in
        memory; None for a small project, after a change or a reload."""
        return self._stamps.get(slug or self.project)

    def take_stamp(self, slug: str | None = None) -> str | None:
        from store import snapshot
        slug = slug or self.project
        if slug in self._indexes:
            return self._stamps.get(slug)
        try:
            self._stamps[slug] = snapshot.project_stamp(self.ws, slug)
        except (OSError, AccordError):
            self._stamps[slug] = None
        return self._stamps[slug]

    def load_in_background(self, slug: str | None = None) -> bool:
        """Start reading ``slug`` in a thread when it is large (the first
        screen shows at once and fills in on ``IndexLoaded``).  False when
        it is small or already read: ``index()`` reads it then."""
        slug = slug or self.project
        if not slug or slug in self._indexes or slug in self._pending:
            return False
        if not self.large(slug):
            return False
        future: Future = Future()

        take = slug not in self._stamps

        def run():
            try:
                if take:
                    self.take_stamp(slug)  # before reading: a later change misses
                index = self.ws.load(slug)
                pdata, figures = self._figures_for(slug, index)
                future.set_result((index, pdata, figures))
            except BaseException as e:  # noqa: BLE001 - handed to index()
                future.set_exception(e)
            self.post_message(IndexLoaded(slug, future))
        self._pending[slug] = future
        thread = threading.Thread(target=run, name=f"accord-load-{slug}", daemon=True)
        self._threads[slug] = thread
        thread.start()
        return True

    def _figures_for(self, slug: str, index: Index):
        """In the reading thread: the dashboard's figures of ``index``, kept
        for the next open (so an app closed before they were shown still
        leaves them).  (project data, figures), figures None on a problem."""
        try:
            from .screens.dashboard import compute_figures, keep_figures
            pdata = self.project_data(slug)
            figures = compute_figures(self, index, pdata)
            keep_figures(self, slug, figures)
            return pdata, figures
        except Exception:  # noqa: BLE001 - the screen computes them itself
            return None, None

    def on_unmount(self) -> None:
        """A read under way is let finish (up to STOP_WAIT s): its parsed
        cache and kept figures make the next open fast.  A sync under way
        is stopped (git and ssh with it)."""
        from store.remote import stop_all
        stop_all()
        for thread in list(self._threads.values()):
            if thread.is_alive():
                thread.join(STOP_WAIT)
        # what keep_long_lived froze goes back to the collector: in a process
        # that runs apps one after another (tests, a server) each one's
        # garbage is reclaimed
        release_collector(freeze=False)  # if the first screen never came
        gc.unfreeze()

    def _record_files(self, slug: str) -> int:
        """How many entries the kind folders hold (names only, no stat)."""
        try:
            pdir = self.ws.project_dir(slug)
        except AccordError:
            return 0
        n = 0
        for kind in KIND_ORDER:
            try:
                n += len(os.listdir(pdir / kind.folder))
            except OSError:
                pass
        return n

    def on_index_loaded(self, message: IndexLoaded) -> None:
        if self._pending.get(message.slug) is not message.future:
            return  # reloaded or already waited for meanwhile
        self.index(message.slug)
        for screen in self.screen_stack:
            done = getattr(screen, "index_loaded", None)
            if done:
                done()

    def signoff(self, rec) -> str:
        """``rec.signoff``, computed once per record content (json and sha256
        of the agreed fields) and remembered by id and file digest."""
        key = (rec.id, rec.digest)
        state = self._signoffs.get(key)
        if state is None:
            state = self._signoffs[key] = rec.signoff
        return state

    def project_data(self, slug: str | None = None) -> dict:
        slug = slug or self.project
        if slug not in self._project_data:
            try:
                self._project_data[slug] = self.ws.project_data(slug)
            except AccordError:
                self._project_data[slug] = {}
        return self._project_data[slug]

    def reload(self) -> None:
        self.index_version += 1
        self._indexes.clear()
        self._pending.clear()  # a load under way reads the old files
        self._stamps.clear()
        self.early.clear()
        self._entries.clear()
        self._project_data.clear()

    def record_changed(self, rid: str, record=None) -> None:
        """Keep the index in step after a save (record None: deleted/re-read)."""
        self.index_version += 1
        self._stamps.pop(self.project, None)  # no longer what the files were
        self.early.pop(self.project, None)
        idx = self.index()
        if record is None:
            try:
                record = self.ws.read(self.project, rid)
            except AccordError:
                idx.records.pop(rid, None)
                record = None
        if record is not None:
            idx.records[rid] = record
        self._entries.pop(self.project, None)

    def entries(self) -> list[tuple[str, str, str]]:
        """(id, title, search key: store.search.search_key) of every
        record, kind order."""
        from store.search import search_key
        slug = self.project
        if slug not in self._entries:
            order = {k.name: i for i, k in enumerate(KIND_ORDER)}
            recs = sorted(self.index().records.values(),
                          key=lambda r: (order[r.kind.name], sort_key(r.id)))
            keys = self.pinyin_keys()
            self._entries[slug] = [(r.id, r.title, search_key(r.id, r.title, keys.get(r.title)))
                                   for r in recs]
            self.save_pinyin()
        return self._entries[slug]

    def pinyin_keys(self):
        """The titles' pinyin (store.search.PinyinKeys), read once a run."""
        if getattr(self, "_pinyin", None) is None:
            from store.search import PinyinKeys
            try:
                cache = self.ws.git.git_dir / "accord"
            except (OSError, AccordError):
                cache = None
            self._pinyin = PinyinKeys(cache if not self.read_only else None)
        return self._pinyin

    def save_pinyin(self) -> None:
        """Keep the pinyin of titles met for the first time (next run reads it)."""
        if not self.read_only:
            self.pinyin_keys().save()

    def title_of(self, rid) -> str | None:
        if not self.project:
            return None
        r = self.index().records.get(rid) if isinstance(rid, str) else None
        return r.title if r else None

    # --- noticing changes made elsewhere ------------------------------------------
    def _open_record_paths(self) -> list:
        out = []
        for s in self.screen_stack:
            rid = getattr(s, "rid", None)
            if isinstance(rid, str) and self.project:
                try:
                    out.append((s, self.ws.record_path(self.project, rid)))
                except AccordError:
                    pass
        return out

    def check_disk(self) -> bool:
        """Look whether the project changed on disk (another instance, a hand
        edit, a pull): a few stats, no parsing.  On a change reload the index
        (the parsed-record cache makes that cheap), refresh the screen on top
        and warn about open forms whose record changed.  Skipped while a modal
        is up or the top screen is still being mounted (the first look only
        records what is there); the next look catches up.  True when
        something changed."""
        from textual.app import ScreenStackError, UnknownModeError
        from textual.screen import ModalScreen
        from store.watch import disk_stamp, file_stamp
        if not self.is_running:
            return False            # shutting down: screens are being taken apart
        try:
            top = self.screen
        except (ScreenStackError, UnknownModeError):
            return False            # starting up or shutting down: no screen yet
        if not self.project or isinstance(top, ModalScreen):
            return False
        if not top.is_mounted and self._disk is not None:
            return False            # being put together: it reads fresh data
        try:
            stamp = disk_stamp(self.ws, self.project)
            opened = self._open_record_paths()
            files = {p: file_stamp(p) for _s, p in opened}
        except (OSError, AccordError):
            return False
        old, old_files = self._disk, self._open_files
        self._disk, self._open_files = stamp, files
        changed = old is not None and stamp != old
        changed |= any(p in old_files and old_files[p] != k for p, k in files.items())
        if not changed:
            return False
        self.reload()
        for screen, path in opened:
            warn = getattr(screen, "disk_changed_under", None)
            if warn:
                warn(path)
        refresh = getattr(top, "disk_changed", None)
        if refresh:
            refresh()
        return True

    # --- screens -----------------------------------------------------------------
    def on_mount(self) -> None:
        from .screens.dashboard import DashboardScreen, early_figures
        slug = self.project
        if slug and self.large(slug):
            # a large project: the dashboard from its kept figures when the
            # files are as they were (one stat each), the records read
            # after the first screen; else read now, in a thread
            if slug not in self._stamps:
                self.take_stamp(slug)
            early = early_figures(self, slug)
            if early is not None:
                self.early[slug] = early
                self.set_timer(PREFETCH_AFTER, lambda: self.project == slug
                               and self.load_in_background(slug))
            else:
                self.load_in_background(slug)
        dashboard = DashboardScreen()
        self.push_screen(dashboard)
        if not slug and not self.read_only and not self.ws.projects():
            self.open_project_form(new=True)  # a new workspace: its first project
        # the garbage collector, held since the start (tui.launch), is back
        # once this first screen is drawn
        dashboard.call_after_refresh(release_collector)
        if self.watch_interval:
            self.check_disk()
            self.set_interval(self.watch_interval, self.check_disk)
        if self.user_config.problem:
            self.notify(safe_text(i18n.error_text(self.user_config.problem)), severity="warning",
                        markup=False)
        from .screens.help import keymap_problem
        problem = keymap_problem(self)
        if problem:
            self.notify(problem, severity="warning", markup=False, timeout=10)

    def _unless_dirty(self, then) -> bool:
        """Run ``then`` now, or after the user agrees to drop unsaved forms."""
        if not self.dirty_forms():
            return False
        from .screens.dialogs import ChoiceDialog
        what = ", ".join(s.what() for s in self.dirty_forms())

        def answered(a):
            if a == "discard":
                for s in self.dirty_forms():
                    s._saving = True  # dropped on purpose
                then()
        self.push_screen(ChoiceDialog(
            t("unsaved.title"), t("unsaved.body", what=what),
            [("keep", t("unsaved.keep"), "primary"),
             ("discard", t("unsaved.discard"), "error")], default="keep"), answered)
        return True

    def open_project_form(self, new: bool = False) -> None:
        """The project's settings as a form (``new``: create a project)."""
        from .screens.project_form import ProjectFormScreen
        if not self.read_only:
            self.push_screen(ProjectFormScreen(new=new))

    def open_dashboard(self) -> None:
        from .screens.dashboard import DashboardScreen
        if self._unless_dirty(self.open_dashboard):
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, DashboardScreen):
            self.switch_screen(DashboardScreen())
        else:
            self.screen.refresh_data()

    def open_list(self, kind: Kind | None, preset=None, replace: bool = False) -> None:
        from .screens.records import ListScreen
        screen = ListScreen(kind, preset)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_record(self, rid: str) -> None:
        from .screens.detail import DetailScreen
        if rid not in self.index().records:
            self.notify(t("err.gone", id=rid), severity="error", markup=False)
            return
        self.push_screen(DetailScreen(rid))

    def open_form(self, kind: Kind, rid: str | None = None) -> None:
        from .screens.form import FormScreen
        if self.read_only:
            self.notify(t("err.readonly"), severity="error", markup=False)
            return
        self.push_screen(FormScreen(kind, rid))

    def open_history(self, rid: str) -> None:
        from .screens.history import HistoryScreen
        self.push_screen(HistoryScreen(rid))

    def open_report(self, kind: str = "progress", param: str = "") -> None:
        from .screens.report import ReportScreen
        self.push_screen(ReportScreen(self.ws, self.project, kind, param))

    def open_resolve(self) -> None:
        """The resolve screen of a stopped sync (store/sync.py settles it)."""
        from .screens.resolve import ResolveScreen
        if self.read_only:
            self.notify(t("err.readonly"), severity="error", markup=False)
            return
        if not isinstance(self.screen, ResolveScreen):
            self.push_screen(ResolveScreen(self.ws))

    def switch_project(self, slug: str) -> None:
        if self._unless_dirty(lambda: self.switch_project(slug)):
            return
        self.project = self.ws.resolve_project(slug)
        name = self.project_data().get("name") or slug
        self.notify(t("project.switched", name=safe_text(name)), markup=False)
        self.open_dashboard()

    def action_refresh(self) -> None:
        self.reload()
        refresh = getattr(self.screen, "refresh_data", None)
        if refresh:
            refresh()
        self.notify(t("reloaded"), markup=False)

    def action_sync(self) -> None:
        """Sync with the remote in a worker thread (palette; S on the
        dashboard): the app keeps answering keys meanwhile."""
        from .sync_worker import start_sync
        start_sync(self)

    def action_home(self) -> None:
        self.open_dashboard()

    def action_undo(self) -> None:
        from .screens.changes import ask_undo
        ask_undo(self)

    def action_help(self) -> None:
        from .screens.help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def dirty_forms(self) -> list:
        return [s for s in self.screen_stack if getattr(s, "is_dirty", lambda: False)()]

    async def action_quit(self) -> None:
        if self.dirty_forms():
            from .screens.dialogs import ChoiceDialog
            what = ", ".join(s.what() for s in self.dirty_forms())

            def done(answer):
                if answer == "quit":
                    self.exit(0)
            self.push_screen(ChoiceDialog(
                t("quit.title"), t("unsaved.body", what=what),
                [("stay", t("quit.keep"), "primary"),
                 ("quit", t("quit.quit"), "error")], default="stay"), done)
            return
        self.exit(0)


def make_app(workspace, project: str | None = None, read_only: bool = False,
             today: dt.date | None = None, **kw) -> AccordApp:
    """The app for ``workspace`` (a Workspace or a path) and ``project``
    (None: the only/first project).  ``today`` fixes the date the dashboard
    measures against (tests, the demo)."""
    if not isinstance(workspace, Workspace):
        workspace = Workspace.find(Path(workspace), read_only=read_only)
    return AccordApp(workspace, project, read_only=read_only, today=today, **kw)


def run_app(workspace, project: str | None = None,
            today: dt.date | None = None, scan=None) -> int:
    app = make_app(workspace, project, today=today, scan=scan)
    rc = app.run()
    return rc if isinstance(rc, int) else (app.return_code or 0)
