"""Help: the keys in effect on the screen below, remapped ones included
(read from the app's active bindings, which already apply [keymap])."""
from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.config import config_path
from tui.i18n import t, word
from tui.widgets.common import describe, status_text
from tui.widgets.safe import safe_text
from tui.screens.base import AccordScreen


def key_rows(app, screen) -> list[tuple[str, str, str]]:
    """(keys, what it does, binding id) for every binding in effect."""
    by_action: dict[tuple, list] = {}
    order = []
    for active in screen.active_bindings.values():
        b = active.binding
        if b.system or not b.description:
            continue
        ident = (b.id or b.action, b.description)
        if ident not in by_action:
            by_action[ident] = []
            order.append((ident, b))
        disp = app.get_key_display(b)
        if disp not in by_action[ident]:
            by_action[ident].append(disp)
    rows = [(" ".join(by_action[i]), describe(b.description), b.id or "")
            for i, b in order]
    # Accord's own (remappable, with an id) first, then the widgets' keys
    first = ("app.", "nav.", "open", "list.", "new", "edit", "editor", "history",
             "detail.", "form.", "kind.", "table.")

    def rank(row):
        bid = row[2]
        for i, p in enumerate(first):
            if bid.startswith(p):
                return (i, bid)
        return (len(first), bid)
    return sorted((r for r in rows if r[2]), key=rank) + [r for r in rows if not r[2]]


def _screen_classes() -> list:
    """Every screen and dialog class whose bindings a [keymap] may name."""
    from tui.screens import dashboard, detail, dialogs, form, history, records
    classes = [dashboard.DashboardScreen, records.ListScreen, detail.DetailScreen,
               form.FormScreen, history.HistoryScreen, HelpScreen,
               dialogs.SignoffDialog, dialogs.Dialog]
    for name in ("report.ReportScreen", "project_history.ProjectHistoryScreen",
                 "resolve.ResolveScreen"):
        mod, _, cls = name.partition(".")
        try:
            module = __import__(f"{__package__}.{mod}", fromlist=[cls])
            classes.append(getattr(module, cls))
        except (ImportError, AttributeError):
            pass  # a screen another part of the app may rename
    return classes


def _bindings_of(cls) -> list[Binding]:
    out = []
    for klass in reversed(cls.__mro__):
        for b in klass.__dict__.get("BINDINGS", []):
            if isinstance(b, Binding):
                out.append(b)
    return out


def keymap_problem(app) -> str | None:
    """One line naming the [keymap] entries that name no binding, and the
    keys a remap gives to two bindings of one screen; None when all is well."""
    keymap = getattr(app.user_config, "keymap", None) or {}
    if not keymap:
        return None
    app_bindings = _bindings_of(type(app))
    scopes = [app_bindings + _bindings_of(c) for c in _screen_classes()]
    known = {b.id for scope in scopes for b in scope if b.id}
    problems = []
    unknown = [k for k in keymap if k not in known]
    if unknown:
        problems.append(t("keymap.unknown", ids=", ".join(unknown)))
    clashes = []
    for scope in scopes:
        owner: dict[str, str] = {}
        for b in scope:
            ident = b.id or b.action
            keys = keymap.get(b.id, b.key) if b.id else b.key
            for key in keys.split(","):
                key = key.strip()
                other = owner.setdefault(key, ident)
                if other != ident and (other in keymap or ident in keymap):
                    pair = (key, *sorted((other, ident)))
                    if pair not in clashes:
                        clashes.append(pair)
    for key, a, b in clashes:
        problems.append(t("keymap.clash", k=key, a=a, b=b))
    if not problems:
        return None
    return t("keymap.problems", problems="; ".join(problems),
             path=safe_text(str(getattr(app.user_config, "path", None) or config_path())))


class HelpScreen(AccordScreen):
    BINDINGS = [
        Binding("j", "scroll(1)", "key.down", id="list.down", show=False),
        Binding("k", "scroll(-1)", "key.up", id="list.up", show=False),
    ]

    def __init__(self, below):
        super().__init__()
        self.below = below

    def crumbs(self):
        return [t("help.title")]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="help") as vs:
            vs.can_focus = True
            yield Static("", id="keys", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False)
        table.add_column(t("help.col_keys"), style="bold", no_wrap=True)
        table.add_column(t("help.col_what"))
        table.add_column(t("help.col_id"), style="bright_black", no_wrap=True)
        for keys, what, bid in key_rows(self.app, self.below):
            table.add_row(Text(keys), Text(what), Text(bid))
        hint = Text(t("help.hint", path=safe_text(str(config_path()))) + "\n\n",
                    style="bright_black")
        from rich.console import Group
        parts = [hint, table, *self._statuses()]
        problem = keymap_problem(self.app)
        if problem:
            parts.insert(0, Text(problem + "\n", style="bold yellow"))
        self.query_one("#keys", Static).update(Group(*parts))
        self.query_one("#help").focus()

    def _statuses(self) -> list:
        """The statuses of the kind shown below: colour and word, and the
        stored value (what files, the CLI and filters by value use)."""
        below = self.below
        kind = below.shown_kind() if isinstance(below, AccordScreen) else None
        if kind is None or not kind.statuses:
            return []
        lang = self.app.lang
        table = Table(box=None, padding=(0, 2, 0, 0), show_edge=False,
                      show_header=False)
        table.add_column(no_wrap=True)
        table.add_column(style="bright_black", no_wrap=True)
        for st in kind.statuses:
            table.add_row(status_text(st), Text(st) if word(st) != st else Text(""))
        title = Text("\n" + t("help.statuses", kind=kind.label(lang)) + "\n",
                     style="bold")
        return [title, table]

    def action_scroll(self, d: int) -> None:
        self.query_one("#help").scroll_relative(y=d, animate=False)
