"""Getting around the app: the ``open_*`` methods that push a screen, the
project switch, the app-wide actions (home, help, undo, sync, refresh, quit)
and the question before unsaved forms are dropped.  A mixin of
``AccordApp`` (tui/app.py), apart so the app module is its data and workers.
"""
from __future__ import annotations

from tui.i18n import t
from tui.screens.base import AccordScreen
from tui.widgets.safe import safe_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from store.model.schema import Kind


class Navigation:
    """The screens the app opens; mixed into AccordApp, whose ``ws``,
    ``project``, ``read_only``, ``index()`` and Textual methods it uses."""

    def _unless_dirty(self, then) -> bool:
        """Run ``then`` now, or after the user agrees to drop unsaved forms."""
        if not self.dirty_forms():
            return False
        from tui.screens.dialogs import ChoiceDialog
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
        from tui.screens.project_form import ProjectFormScreen
        if not self.read_only:
            self.push_screen(ProjectFormScreen(new=new))

    def open_dashboard(self) -> None:
        from tui.screens.dashboard import DashboardScreen
        if self._unless_dirty(self.open_dashboard):
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, DashboardScreen):
            self.switch_screen(DashboardScreen())
        else:
            self.screen.refresh_data()

    def open_list(self, kind: Kind | None, preset=None, replace: bool = False) -> None:
        from tui.screens.records import ListScreen
        screen = ListScreen(kind, preset)
        if replace:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def open_record(self, rid: str) -> None:
        from tui.screens.detail import DetailScreen
        if rid not in self.index().records:
            self.notify(t("err.gone", id=rid), severity="error", markup=False)
            return
        self.push_screen(DetailScreen(rid))

    def open_form(self, kind: Kind, rid: str | None = None) -> None:
        from tui.screens.form import FormScreen
        if self.read_only:
            self.notify(t("err.readonly"), severity="error", markup=False)
            return
        self.push_screen(FormScreen(kind, rid))

    def open_history(self, rid: str) -> None:
        from tui.screens.history import HistoryScreen
        self.push_screen(HistoryScreen(rid))

    def open_report(self, kind: str = "progress", param: str = "") -> None:
        from tui.screens.report import ReportScreen
        self.push_screen(ReportScreen(self.ws, self.project, kind, param))

    def open_resolve(self) -> None:
        """The resolve screen of a stopped sync (store/team/sync.py settles it)."""
        from tui.screens.resolve import ResolveScreen
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

    def refresh_screen(self) -> None:
        """The screen on top shows the loaded data again (after a reload)."""
        if isinstance(self.screen, AccordScreen):
            self.screen.refresh_data()

    def action_refresh(self) -> None:
        self.reload()
        self.refresh_screen()
        self.notify(t("reloaded"), markup=False)

    def action_sync(self) -> None:
        """Sync with the remote in a worker thread (palette; S on the
        dashboard): the app keeps answering keys meanwhile."""
        from tui.sync_worker import start_sync
        start_sync(self)

    def action_home(self) -> None:
        self.open_dashboard()

    def action_undo(self) -> None:
        from tui.screens.changes import ask_undo
        ask_undo(self)

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def dirty_forms(self) -> list:
        return [s for s in self.screen_stack if isinstance(s, AccordScreen) and s.is_dirty()]

    async def action_quit(self) -> None:
        if self.dirty_forms():
            from tui.screens.dialogs import ChoiceDialog
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
