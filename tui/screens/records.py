"""A list of records of one kind (or of a dashboard line across kinds):
sortable columns, a typed filter, status as colour and word, sign-off mark.

Rows are built once per record (list_rows.py: cells as plain text with a
style, a lowercase search key, sort keys); filtering is one substring test
per row, and the virtual RecordTable renders only the rows on screen."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.geometry import Size
from textual.widgets import Input, Static

from store.model.ids import sort_key
from store.model.schema import DATE, KINDS, Kind
from store.model.search import Query
from store.session import keep_long_lived

from tui.i18n import t
from tui.widgets.rowlist import HeaderLine, RecordTable
from tui.widgets.safe import safe_text
from tui.screens.base import AccordScreen
from tui.screens.list_rows import EXTRA, Row


class FilterInput(Input):
    """The list's filter line.  Textual's Input records its text's width as
    its virtual size on every edit, and a new virtual size asks for a layout
    of the whole screen: every widget measured and painted again (twice
    here) for one keystroke.  The filter line's size never depends on its
    text (one row, the screen's width), so the new virtual size is recorded
    without that layout and only the line itself is repainted."""

    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            # the same size Input sets next: already current, no layout
            self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
            self.refresh()
        super()._watch_value(value)


class ListScreen(AccordScreen):
    BINDINGS = [
        Binding("j", "cursor(1)", "key.down", id="list.down", show=False),
        Binding("k", "cursor(-1)", "key.up", id="list.up", show=False),
        Binding("g", "edge(0)", "key.top", id="list.top", show=False),
        Binding("G", "edge(1)", "key.bottom", id="list.bottom", show=False),
        Binding("enter", "open", "key.open", id="open", show=False),
        Binding("slash", "filter", "key.filter", id="list.filter"),
        Binding("s", "sort", "key.sort", id="list.sort"),
        Binding("S", "sort_reverse", "key.sort_reverse", id="list.sort_reverse",
                show=False),
        Binding("n", "new", "key.new", id="new"),
        Binding("e", "edit", "key.edit", id="edit"),
        Binding("E", "editor", "key.editor", id="editor", show=False),
        Binding("h", "history", "key.history", id="history", show=False),
        *[Binding(str(i), f"kind({i - 1})", f"key.kind_n:{i}", id=f"kind.{i}",
                  show=False) for i in range(1, 10)],
        Binding("0", "kind(9)", "key.kind_n:10", id="kind.10", show=False),
        Binding("D", "delete", "key.delete", id="delete", show=False),
        Binding("left_square_bracket", "kind_step(-1)", "key.kind_prev",
                id="kind.prev", show=False),
        Binding("right_square_bracket", "kind_step(1)", "key.kind_next",
                id="kind.next", show=False),
    ]

    def __init__(self, kind: Kind | None, preset=None):
        super().__init__()
        self.kind = kind
        self.preset = preset  # (label, frozenset of ids) or None
        if kind is None:
            self.columns = ["id", "kind", "title", "status", "signoff"]
        else:
            self.columns = ["id", "title"]
            if kind.statuses:
                self.columns.append("status")
            if kind.has_signoff:
                self.columns.append("signoff")
            self.columns.extend(EXTRA.get(kind.name, ()))
        self.rows: list[Row] = []
        self.shown: list[Row] = []
        self.sort_col = 0
        self.sort_rev = False
        self.query_text = ""
        self._order_key = None
        self._order: list[Row] = []
        self._hits: dict[str, list] = {}
        self._version = -1

    def shown_kind(self):
        return self.kind

    def crumbs(self):
        label = self.kind.label(self.app.lang) if self.kind else ""
        parts = [label] if label else []
        if self.preset:
            parts.append(self.preset[0])
        return parts

    def compose_body(self) -> ComposeResult:
        yield HeaderLine(id="thead")
        yield RecordTable(id="table")
        yield Static("", id="status-line", markup=False)
        yield FilterInput(placeholder=t("list.filter_prompt"), id="filter")

    def on_mount(self) -> None:
        super().on_mount()
        inp = self.query_one("#filter", Input)
        inp.display = False
        # filter in the same step as the keystroke that changed the text
        # (not a message later), so both land in one repaint
        self.watch(inp, "value", self._filter_to, init=False)
        self.refresh_data()
        self.query_one(RecordTable).focus()

    select_rid = None  # a record made from here: selected on return

    def on_screen_resume(self) -> None:
        if self._version != self.app.index_version:
            self.refresh_data(keep=True)
        rid, self.select_rid = self.select_rid, None
        if rid:
            if self.query_text and not any(r.rid == rid for r in self.shown):
                self.query_one("#filter", Input).value = ""  # show it
                self.query_text = ""
            self._apply(rid)

    def on_unmount(self) -> None:
        # rows may have been frozen out of the collector's sight
        # (keep_long_lived): let reference counting free them with the screen
        self.rows = self.shown = self._order = []
        self._hits = {}
        self._order_key = None

    def disk_changed(self) -> None:
        """Changed elsewhere: rebuild the rows, keeping filter, sort and the
        record under the cursor."""
        self.refresh_data(keep=True)

    # --- data ----------------------------------------------------------------
    def _labels(self):
        out = []
        lang = self.app.lang
        for c in self.columns:
            if c in ("id", "title", "status", "signoff", "kind"):
                if c == "title" and self.kind:
                    f = self.kind.field(self.kind.title_field)
                    out.append(f.label(lang))
                else:
                    out.append(t(f"col.{c}"))
            else:
                f = self.kind.field(c) if self.kind else None
                out.append(f.label(lang) if f else c)
        return out

    def _widths(self, total: int):
        fixed = {"id": 8, "kind": 8, "status": 12, "signoff": 4}
        widths = []
        for c in self.columns:
            if c in fixed:
                widths.append(fixed[c])
            elif c == "title":
                widths.append(None)
            else:
                f = self.kind.field(c) if self.kind else None
                widths.append(10 if f and f.type == DATE else 10)
        rest = total - sum(w for w in widths if w) - 2 * len(widths) - 2
        return [w if w else max(16, rest) for w in widths]

    def refresh_data(self, keep: bool = False) -> None:
        app = self.app
        index = app.index()
        recs = [r for r in index.records.values()
                if (self.kind is None or r.kind is self.kind)
                and (self.preset is None or r.id in self.preset[1])]
        order = {k.name: i for i, k in enumerate(KINDS.values())}
        recs.sort(key=lambda r: (order[r.kind.name], sort_key(r.id)))
        self._version = app.index_version
        cur = self._current_rid() if keep else None
        session = app.session
        pinyin = session.pinyin_keys()
        self.rows = [Row(r, self.columns, app.lang, session.signoff, pinyin, app.today)
                     for r in recs]
        session.save_pinyin()
        self._order_key = None  # new rows: sort and filter afresh
        if len(self.rows) > 1000:
            keep_long_lived()
        self._layout()
        self._apply(cur)

    def _layout(self) -> None:
        width = max(self.size.width or self.app.size.width, 40)
        widths = self._widths(width)
        self.query_one(HeaderLine).set(self._labels(), widths)
        self.query_one(RecordTable).set_widths(widths)

    def on_resize(self, event) -> None:
        self._layout()

    def _current_rid(self):
        table = self.query_one(RecordTable)
        if not self.shown:
            return None
        i = table.cursor
        return self.shown[i].rid if 0 <= i < len(self.shown) else None

    def _ordered(self) -> list:
        """All rows in the current sort order (sorted once per sort or data
        change, not per keystroke: filtering keeps the order)."""
        key = (self.sort_col, self.sort_rev)
        if self._order_key != key:
            rows = list(self.rows)
            c = self.sort_col
            if c or self.sort_rev:
                rows.sort(key=lambda r: r.sorts[c], reverse=self.sort_rev)
            self._order_key, self._order = key, rows
            self._hits = {"": rows}
        return self._order

    def _matching(self, q: str) -> list:
        """Rows whose search key contains ``q``, in order.  Typing on narrows
        the last result instead of all rows; deleting finds an earlier one."""
        ordered = self._ordered()
        hits = self._hits
        if q in hits:
            return hits[q]
        base = max((p for p in hits if p in q), key=len, default="")
        query = Query(q)
        match = query.matches
        rows = [r for r in hits.get(base, ordered) if match(r.key)] if query else ordered
        if len(hits) > 64:
            hits.clear()
            hits[""] = ordered
        hits[q] = rows
        return rows

    def _apply(self, keep_rid=None) -> None:
        rows = self._matching(self.query_text.lower())
        self.shown = rows
        table = self.query_one(RecordTable)
        cursor = 0
        if keep_rid:
            for i, r in enumerate(rows):
                if r.rid == keep_rid:
                    cursor = i
                    break
        table.set_rows(rows, cursor)
        self._status()

    def _status(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(t("list.filtered", shown=len(self.shown), total=len(self.rows)))
        if self.query_text:
            line.append("  /" + safe_text(self.query_text), style="bold yellow")
        if self.sort_col or self.sort_rev:
            label = self._labels()[self.sort_col]
            line.append("  " + t("list.sorted", col=label,
                                 rev=t("list.reversed") if self.sort_rev else ""),
                        style="bright_black")
        if not self.rows:
            line.append("  " + t("list.empty"), style="bright_black")
        self.query_one("#status-line", Static).update(line, layout=False)

    # --- filter ----------------------------------------------------------------
    def action_filter(self) -> None:
        inp = self.query_one("#filter", Input)
        inp.display = True
        inp.focus()

    def _filter_to(self, value: str) -> None:
        if value != self.query_text:
            self.query_text = value
            self._apply()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "filter":
            return
        event.stop()
        self._filter_to(event.value)  # already done by the watcher

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not event.value:
            event.input.display = False
        self.query_one(RecordTable).focus()

    def action_back(self, quit_on_top: bool = False) -> None:
        inp = self.query_one("#filter", Input)
        if not quit_on_top and (inp.has_focus or self.query_text):
            # escape clears the filter first
            inp.value = ""
            self.query_text = ""
            inp.display = False
            self._apply(self._current_rid())
            self.query_one(RecordTable).focus()
            return
        super().action_back(quit_on_top)

    # --- moving and opening ----------------------------------------------------------
    def action_cursor(self, d: int) -> None:
        self.query_one(RecordTable).action_move(d)

    def action_edge(self, end: int) -> None:
        self.query_one(RecordTable).action_edge(end)

    def on_record_table_selected(self, event: RecordTable.Selected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        rid = self._current_rid()
        if rid:
            self.app.open_record(rid)

    def action_sort(self) -> None:
        self.sort_col = (self.sort_col + 1) % len(self.columns)
        self._apply(self._current_rid())

    def action_sort_reverse(self) -> None:
        self.sort_rev = not self.sort_rev
        self._apply(self._current_rid())

    def action_new(self) -> None:
        if self.kind:
            self.app.open_form(self.kind)

    def action_edit(self) -> None:
        rid = self._current_rid()
        if rid:
            rec = self.app.index().records.get(rid)
            if rec:
                self.app.open_form(rec.kind, rid)

    def action_editor(self) -> None:
        rid = self._current_rid()
        if rid:
            from tui.screens.editor import edit_in_editor
            edit_in_editor(self.app, rid)

    def action_history(self) -> None:
        rid = self._current_rid()
        if rid:
            self.app.open_history(rid)

    def action_kind(self, i: int) -> None:
        kinds = list(KINDS.values())
        if i < len(kinds):
            self.app.open_list(kinds[i], replace=True)

    def action_delete(self) -> None:
        rid = self._current_rid()
        if rid:
            from tui.screens.changes import ask_delete
            ask_delete(self.app, rid, self.refresh_data)

    def action_kind_step(self, d: int) -> None:
        kinds = list(KINDS.values())
        i = kinds.index(self.kind) if self.kind in kinds else -1
        self.app.open_list(kinds[(i + d) % len(kinds)], replace=True)

    def check_action(self, action: str, parameters) -> bool | None:
        if action == "new" and (self.kind is None or self.app.read_only):
            return False
        if action in ("edit", "editor", "delete") and self.app.read_only:
            return False
        return True
