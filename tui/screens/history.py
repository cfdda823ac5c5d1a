"""The history of one record: every commit that touched it (Accord's own and
hand edits), field by field before -> after, and the raw diff (``d``)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..i18n import t
from ..widgets.common import plain_value, short_fingerprint
from ..widgets.safe import safe_text
from .base import AccordScreen


def _short(v, n=200) -> str:
    v = short_fingerprint(v)
    s = plain_value(v) if not isinstance(v, str) else v
    s = safe_text(s)
    return s if len(s) <= n else s[: n - 1] + "…"


def events_text(events) -> Text:
    out = Text()
    if not events:
        out.append(t("history.none"), style="bright_black")
        return out
    for e in reversed(events):  # newest first
        date = str(e.get("date") or "")
        out.append(date[:16].replace("T", " "), style="cyan")
        out.append("  ")
        out.append((e.get("commit") or "")[:8], style="yellow")
        out.append("  ")
        out.append(safe_text(e.get("action") or ""), style="bold")
        out.append("  ")
        out.append(safe_text(e.get("author") or ""), style="bright_black")
        out.append("\n")
        if e.get("why"):
            out.append("  " + t("history.why", why=safe_text(e["why"])) + "\n",
                       style="italic")
        for name, pair in (e.get("fields") or {}).items():
            before, after = (list(pair) + [None, None])[:2]
            out.append("  " + safe_text(name) + ": ", style="bright_black")
            if before is not None:
                out.append(_short(before), style="red")
                out.append(" → ")
            out.append(_short(after) if after is not None else "∅",
                       style="green" if after is not None else "bright_black")
            out.append("\n")
        out.append("\n")
    return out


def patch_text(raw: str) -> Text:
    out = Text()
    for ln in raw.splitlines():
        style = ""
        if ln.startswith("commit "):
            style = "yellow"
        elif ln.startswith("+") and not ln.startswith("+++"):
            style = "green"
        elif ln.startswith("-") and not ln.startswith("---"):
            style = "red"
        elif ln.startswith("@@"):
            style = "cyan"
        out.append(safe_text(ln) + "\n", style=style)
    return out


class HistoryScreen(AccordScreen):
    BINDINGS = [
        Binding("d", "toggle", "key.diff", id="history.diff"),
        Binding("j", "scroll(1)", "key.down", id="list.down", show=False),
        Binding("k", "scroll(-1)", "key.up", id="list.up", show=False),
        Binding("g", "edge(0)", "key.top", id="list.top", show=False),
        Binding("G", "edge(1)", "key.bottom", id="list.bottom", show=False),
    ]

    def __init__(self, rid: str):
        super().__init__()
        self.rid = rid
        self.raw_mode = False
        self._events = None
        self._patch = None
        self._head = None

    def crumbs(self):
        return [t("history.title", id=self.rid)]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="history") as vs:
            vs.can_focus = True
            yield Static("", id="hist", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_data()
        self.query_one("#history").focus()

    def disk_changed(self) -> None:
        """Something changed on disk: read the history again only when a new
        commit arrived, keeping the scroll position."""
        head = self.app.ws.git.head()
        if head != self._head:
            vs = self.query_one("#history")
            y = vs.scroll_y
            self.refresh_data()
            vs.scroll_to(y=y, animate=False)

    def refresh_data(self) -> None:
        app = self.app
        self._head = app.ws.git.head()
        self._events = None
        self._patch = None
        from store.history import record_events
        try:
            self._events = record_events(app.ws, app.project, self.rid)
        except Exception as e:  # noqa: BLE001 - show the raw log instead
            app.notify(safe_text(f"history: {e}"), severity="warning", markup=False)
        self._show()

    def _raw(self) -> str:
        if self._patch is None:
            from store.plaingit import record_patch_log
            self._patch = record_patch_log(self.app.ws, self.app.project, self.rid)
        return self._patch

    def _show(self) -> None:
        out = Text()
        if self._events is None and not self.raw_mode:
            out.append(t("history.fallback") + "\n\n", style="yellow")
            out.append_text(patch_text(self._raw()))
        elif self.raw_mode:
            out.append(t("history.raw") + "\n\n", style="bold")
            out.append_text(patch_text(self._raw()))
        else:
            out.append_text(events_text(self._events))
        self.query_one("#hist", Static).update(out)

    def action_toggle(self) -> None:
        self.raw_mode = not self.raw_mode
        self._show()

    def action_scroll(self, d: int) -> None:
        self.query_one("#history").scroll_relative(y=d, animate=False)

    def action_edge(self, end: int) -> None:
        vs = self.query_one("#history")
        vs.scroll_end(animate=False) if end else vs.scroll_home(animate=False)
