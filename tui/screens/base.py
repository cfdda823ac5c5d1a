"""The frame every Accord screen shares: a top bar saying where you are, the
screen's body, and a key bar with the keys in effect."""
from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from ..i18n import t
from ..widgets.common import KeyBar, TopBar


class AccordScreen(Screen):
    BINDINGS = [
        Binding("escape", "back", "key.back", id="nav.back", show=False),
        Binding("q", "back(True)", "key.back_q", id="nav.back_q"),
        Binding("R", "app.refresh", "key.refresh", id="app.refresh", show=False),
    ]

    def crumbs(self) -> list:
        return []

    def compose(self) -> ComposeResult:
        # a read-only view (accord serve) says so on every screen
        mark = t("readonly.mark") if getattr(self.app, "read_only", False) else ""
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
        if getattr(self.app, "no_blink", False):
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
