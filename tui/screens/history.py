"""The history of one record: every commit that touched it (Accord's own and
hand edits), field by field before -> after, and the raw diff (``d``)."""
from __future__ import annotations

from rich.cells import cell_len
from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.model.schema import LONGTEXT, TEXT

from tui.i18n import language, t
from tui.widgets.common import choice_word, plain_value, short_fingerprint
from tui.widgets.safe import safe_text
from tui.widgets.wrap import Wrapped, wrap_lines
from tui.screens.base import AccordScreen


def _short(v, n=2000) -> str:
    """A value in full (texts keep their lines), the fingerprint shortened,
    anything past ``n`` characters cut."""
    v = short_fingerprint(v)
    s = plain_value(v) if not isinstance(v, str) else v.rstrip("\n")
    s = s if len(s) <= n else s[: n - 1] + "…"
    return safe_text(s, multiline=True)


def author_name(author: str) -> str:
    """``Name <mail>`` -> ``Name``."""
    name = (author or "").split(" <", 1)[0].strip()
    return name or (author or "")


def action_word(action: str) -> str:
    """An event's action (create, edit, move, ...) in the UI language."""
    key = f"action.{action}"
    word_ = t(key)
    return word_ if word_ != key else (action or "")


def field_of(kind: str | None, name: str):
    """The schema's field for an event's dotted field name, or None (a name
    the schema does not know: a hand edit's own key, a row of a table)."""
    from store.model.schema import PROJECT_FIELDS, field_in, kind_named
    if kind == "project":
        return field_in(PROJECT_FIELDS, name)
    k = kind_named(kind) if isinstance(kind, str) else None
    return k.field(name) if k is not None else None


def field_label(kind: str | None, name: str) -> str:
    """A dotted field name as the detail view labels it, in the UI language
    (``confirmation.by`` -> ``客户确认 · 确认人``); unknown names as they are."""
    lang = language()
    head, _, rest = name.partition(".")
    top = field_of(kind, head)
    if top is None:
        return safe_text(name)
    if not rest:
        return top.label(lang)
    sub = top.sub(rest) if top.fields else None
    return f"{top.label(lang)} · {sub.label(lang) if sub else safe_text(rest)}"


def _shown(f, v) -> str:
    return _short(choice_word(f, v))


# past this many characters texts are compared line by line: comparing per
# character grows with the product of the two lengths
TEXT_DIFF_MAX = 2000


def _text_change(before: str, after: str, by_line: bool = False) -> Text:
    """A long text changed: the new text with what was put in underlined in
    green and what was taken out struck through in red, compared per
    character (Chinese has no spaces to split words on), or per line."""
    import difflib
    before, after = before.rstrip("\n"), after.rstrip("\n")
    # lines keep their newline (the last one too, so it compares equal)
    a = (before + "\n").splitlines(keepends=True) if by_line else before
    b = (after + "\n").splitlines(keepends=True) if by_line else after
    out = Text()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, a0, a1, b0, b1 in sm.get_opcodes():
        if op == "equal":
            out.append(safe_text("".join(b[b0:b1]), multiline=True))
            continue
        if a1 > a0:
            out.append(safe_text("".join(a[a0:a1]), multiline=True), style="red strike")
        if b1 > b0:
            out.append(safe_text("".join(b[b0:b1]), multiline=True), style="green underline")
    if by_line and out.plain.endswith("\n"):
        out.right_crop(1)
    return out


def change_text(f, before, after) -> Text:
    """One field's change for the history: lists as the items taken out
    (-) and put in (+); long texts (and any over 40 characters) as an
    inline comparison; anything else as before -> after."""
    out = Text()
    if isinstance(before, list) or isinstance(after, list):
        before, after = before or [], after or []
        gone = [x for x in before if x not in after]
        new = [x for x in after if x not in before]
        if gone or new:
            for mark, items, style in (("- ", gone, "red"), ("+ ", new, "green")):
                for x in items:
                    if len(out):
                        out.append("\n")
                    out.append(mark, style=style)
                    out.append(_shown(f, x), style=style)
            return out
    if isinstance(before, list) and isinstance(after, list):
        before, after = plain_value(before) or None, plain_value(after) or None
    longest = max(len(before), len(after)) if (
        isinstance(before, str) and isinstance(after, str)) else 0
    if longest and f is not None and (f.type == LONGTEXT
                                      or (f.type == TEXT and longest > 40)):
        out.append_text(_text_change(before, after, by_line=longest > TEXT_DIFF_MAX))
        return out
    if before is not None:
        out.append(_shown(f, before), style="red")
        out.append(" → ")
    if after is not None:
        out.append(_shown(f, after), style="green")
    else:
        out.append("∅", style="bright_black")
    return out


def fingerprint_change(before, after) -> Text:
    """A sign-off fingerprint is a hash of the agreed text: what changed
    is said in words, not as a comparison of two hashes."""
    if before and after:
        return Text(t("history.fingerprint_changed"), style="yellow")
    if after:
        return Text(t("history.fingerprint_set"), style="green")
    return Text(t("history.fingerprint_removed"), style="red")


class Labelled:
    """Rows of label and value, the labels in a column of their own and a
    value's continued lines indented under it (what a two-column
    ``Table.grid`` draws, at a third of its cost: a long record's history
    has hundreds of these)."""

    def __init__(self, rows: list[tuple[str, Text]], indent: int = 2, gap: int = 2):
        self.rows, self.indent, self.gap = rows, indent, gap

    def __rich_console__(self, console, options):
        label_w = max(cell_len(label) for label, _ in self.rows)
        left = self.indent + label_w + self.gap
        width = max(options.max_width - left, 10)
        for label, value in self.rows:
            lines = wrap_lines(value, width)  # breaks between Chinese characters
            for i, line in enumerate(lines):
                row = Text(" " * self.indent)
                if i == 0:
                    row.append(label, style="bright_black")
                    row.append(" " * (label_w - cell_len(label) + self.gap))
                else:
                    row.append(" " * (label_w + self.gap))
                row.append_text(line)
                row.no_wrap = True
                yield row


def events_text(events) -> Group:
    """Events newest first: a header line per commit (date, commit, action,
    author), the why, a problem if the version could not be read, then each
    field's change beside its label, continued lines indented under it."""
    if not events:
        return Group(Text(t("history.none"), style="bright_black"))
    parts = []
    for e in reversed(events):  # newest first
        head = Text()
        date = str(e.get("date") or "")
        head.append(date[:16].replace("T", " "), style="cyan")
        head.append("  ")
        head.append((e.get("commit") or "")[:8], style="yellow")
        head.append("  ")
        head.append(safe_text(action_word(e.get("action") or "")), style="bold")
        head.append("  ")
        head.append(safe_text(e.get("author") or ""), style="bright_black")
        parts.append(head)
        if e.get("why"):
            parts.append(Wrapped(Text("  " + t("history.why", why=safe_text(e["why"])),
                                      style="italic")))
        if e.get("problem"):
            parts.append(Text("  " + safe_text(e["problem"]), style="red"))
        fields = e.get("fields") or {}
        if fields:
            kind = e.get("kind")
            parts.append(Labelled([
                (field_label(kind, name), fingerprint_change(*(list(pair) + [None, None])[:2])
                 if name.rpartition(".")[2] == "fingerprint"
                 else change_text(field_of(kind, name), *(list(pair) + [None, None])[:2]))
                for name, pair in fields.items()]))
        parts.append(Text(""))
    return Group(*parts)


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
            from store.git.plain import record_patch_log
            self._patch = record_patch_log(self.app.ws, self.app.project, self.rid)
        return self._patch

    def _show(self) -> None:
        if self._events is not None and not self.raw_mode:
            self.query_one("#hist", Static).update(events_text(self._events))
            return
        out = Text()
        if self.raw_mode:
            out.append(t("history.raw") + "\n\n", style="bold")
        else:
            out.append(t("history.fallback") + "\n\n", style="yellow")
        out.append_text(patch_text(self._raw()))
        self.query_one("#hist", Static).update(out)

    def action_toggle(self) -> None:
        self.raw_mode = not self.raw_mode
        self._show()

    def action_scroll(self, d: int) -> None:
        self.query_one("#history").scroll_relative(y=d, animate=False)

    def action_edge(self, end: int) -> None:
        vs = self.query_one("#history")
        vs.scroll_end(animate=False) if end else vs.scroll_home(animate=False)
