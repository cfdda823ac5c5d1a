"""The resolve screen: the conflicting fields of a stopped sync, both values
side by side; ``m`` keeps mine, ``t`` takes theirs, ``c`` finishes the sync
(commit the merge and push) once nothing is left.

It needs only a ``store.workspace.Workspace``: open it with
``app.push_screen(ResolveScreen(ws))``.  User values are shown as data (no
markup, control characters as visible symbols).
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Static

from store.errors import AccordError
from store.team.merge import show

from tui.i18n import error_text
from tui.widgets.safe import safe_text

LABELS = {
    "title": ("Resolve sync conflicts", "解决同步冲突"),
    "record": ("Record", "记录"),
    "field": ("Field", "字段"),
    "mine": ("Mine", "我的"),
    "theirs": ("Theirs", "对方的"),
    "deleted": ("(deleted)", "(已删除)"),
    "none": ("No conflict is left: press c to commit the merge and push.",
             "没有剩余冲突:按 c 提交合并并推送。"),
    "left": ("{n} conflicting field(s): m keeps mine, t takes theirs.",
             "{n} 个冲突字段:m 保留我的,t 采用对方的。"),
    "pushed": ("Merged and pushed.", "已合并并推送。"),
    "keys": ("m mine  t theirs  c continue sync  Esc back",
             "m 我的  t 对方的  c 继续同步  Esc 返回"),
    "not_stopped": ("No sync is stopped.", "当前没有暂停的同步。"),
}


def _l(key: str, lang: str, **kw) -> str:
    en, zh = LABELS[key]
    text = zh if lang == "zh" else en
    return text.format(**kw) if kw else text


class ResolveScreen(Screen):
    DEFAULT_CSS = """
    ResolveScreen { layout: vertical; }
    ResolveScreen #resolve-title { text-style: bold; padding: 0 1; }
    ResolveScreen #resolve-status { padding: 0 1; height: auto; }
    ResolveScreen DataTable { height: 1fr; }
    ResolveScreen #resolve-keys { dock: bottom; padding: 0 1; background: $panel; }
    """
    BINDINGS = [
        Binding("m", "pick('mine')", "Mine"),
        Binding("t", "pick('theirs')", "Theirs"),
        Binding("c", "continue_sync", "Continue"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, workspace, lang: str | None = None, name=None, id=None):
        super().__init__(name=name, id=id)
        self.ws = workspace
        self._lang = lang
        self.conflicts = []

    @property
    def lang(self) -> str:
        return self._lang or getattr(self.app, "lang", None) or self.ws.language

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(_l("title", self.lang)), id="resolve-title")
            yield Static("", id="resolve-status")
            yield DataTable(id="resolve-table", cursor_type="row", zebra_stripes=True)
        yield Static(Text(_l("keys", self.lang)), id="resolve-keys")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        lang = self.lang
        table.add_columns(_l("record", lang), _l("field", lang), _l("mine", lang),
                          _l("theirs", lang))
        self.reload()
        table.focus()

    def _cell(self, c, side: str) -> Text:
        value = getattr(c, side)
        if c.type == "delete":
            if value is None:
                return Text(_l("deleted", self.lang), style="italic")
            return Text(safe_text(c.note))
        return Text(safe_text(show(value, 48)))

    def reload(self) -> None:
        from store.team import sync
        self.conflicts = sync.conflicts(self.ws)
        table = self.query_one(DataTable)
        table.clear()
        for i, c in enumerate(self.conflicts):
            table.add_row(Text(safe_text(c.record_id)), Text(safe_text(c.field)),
                          self._cell(c, "mine"), self._cell(c, "theirs"), key=str(i))
        status = self.query_one("#resolve-status", Static)
        if not sync.in_progress(self.ws):
            status.update(Text(_l("not_stopped", self.lang)))
        elif self.conflicts:
            status.update(Text(_l("left", self.lang, n=len(self.conflicts))))
        else:
            status.update(Text(_l("none", self.lang)))

    def _current(self):
        table = self.query_one(DataTable)
        if not self.conflicts or table.cursor_row is None:
            return None
        row = min(max(table.cursor_row, 0), len(self.conflicts) - 1)
        return self.conflicts[row]

    def _error(self, e: Exception) -> None:
        self.app.notify(safe_text(error_text(e)), severity="error", markup=False)

    def action_pick(self, choice: str) -> None:
        from store.team import sync
        c = self._current()
        if c is None or c.type in ("text",):
            return
        project = c.path.split("/")[1] if c.path.startswith("projects/") else None
        try:
            sync.resolve(self.ws, c.record_id, c.field, choice, project=project)
        except AccordError as e:
            self._error(e)
        self.reload()

    def action_continue_sync(self) -> None:
        from store.team import sync
        if self.conflicts:
            return
        if hasattr(self.app, "action_sync"):  # the push in a worker (tui.sync_worker)
            from tui.sync_worker import start_sync
            start_sync(self.app, cont=True)
            return
        try:
            res = sync.sync_continue(self.ws)
        except AccordError as e:
            self._error(e)
            return
        if res.exit_code == 0:
            self.app.notify(_l("pushed", self.lang), markup=False)
        else:
            self.app.notify(safe_text("; ".join(res.problems or res.messages)),
                            severity="error", markup=False)
        self.reload()

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
