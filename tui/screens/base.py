"""The frame every Accord screen shares: a top bar saying where you are, the
screen's body, and a key bar with the keys in effect."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tui.i18n import t
from tui.messages import ProjectChanged
from tui.widgets.common import KeyBar, TopBar


class AccordScreen(Screen):
    """The hooks below are what the app calls (or turns its messages into);
    each screen overrides those it needs."""
    BINDINGS = [
        Binding("escape", "back", "key.back", id="nav.back", show=False),
        Binding("q", "back(True)", "key.back_q", id="nav.back_q"),
        Binding("R", "app.refresh", "key.refresh", id="app.refresh", show=False),
    ]
    rid: str | None = None  # the record this screen shows or edits, if one

    # --- hooks ------------------------------------------------------------------
    def refresh_data(self) -> None:
        """Show the loaded data again (after a reload, an undo, a save)."""

    def disk_changed(self) -> None:
        """The project changed on disk while this screen is on top."""

    def disk_changed_under(self, path) -> None:
        """The file ``path`` of this screen's record changed on disk."""

    def unpushed_changed(self) -> None:
        """The count of commits not yet pushed changed (tui.sync_worker)."""

    def shown_kind(self):
        """The kind of record this screen lists, shows or edits, if one (the
        help screen lists its statuses)."""
        return None

    def is_dirty(self) -> bool:
        """Unsaved input that leaving would drop."""
        return False

    def what(self) -> str:
        """What is unsaved, in a few words (for the unsaved-changes dialog)."""
        return self.rid or ""

    def on_project_changed(self, message: ProjectChanged) -> None:
        path = message.files.get(self.rid) if self.rid else None
        if path is not None:
            self.disk_changed_under(path)
        if self.is_current:
            self.disk_changed()

    def crumbs(self) -> list:
        return []

    def compose(self) -> ComposeResult:
        # a read-only view (accord serve) says so on every screen
        mark = t("readonly.mark") if self.app.read_only else ""
        yield TopBar(*self._all_crumbs(), mark=mark, id="topbar")
        yield from self.compose_body()
        yield KeyBar(id="keybar")

    def compose_body(self) -> ComposeResult:
        yield from ()

    def _all_crumbs(self) -> list:
        app = self.app
        name = app.project_data().get("name") if app.project else None
        if not app.project:
            return [app.ws.name, *self.crumbs()]
        return [name or app.project, *self.crumbs()]

    def update_crumbs(self) -> None:
        self.query_one(TopBar).set_parts(*self._all_crumbs())

    def on_mount(self) -> None:
        self.blink_off()

    def blink_off(self) -> None:
        if self.app.no_blink:
            for w in self.query("Input, TextArea"):
                w.cursor_blink = False

    def action_back(self, quit_on_top: bool = False) -> None:
        if len(self.app.screen_stack) <= 2:
            if quit_on_top:
                self.app.call_later(self.app.action_quit)
            return
        self.leave()

    def leave(self) -> None:
        self.app.pop_screen()
