"""RecordTable: a virtual list of rows for lists of any length.

Only the rows on screen are rendered (``render_line``), so a 10,000-row list
opens, scrolls, sorts and filters without building 10,000 widgets or cells:
changing what is shown is replacing one Python list.  Cells are plain strings
with a style, shown literally (never markup; control characters already made
visible by ``safe_text``)."""
from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.widget import Widget

GAP = 2


def fit(text: str, style: str, width: int) -> Text:
    t = Text(text, style=style, no_wrap=True, end="")
    t.truncate(width, overflow="ellipsis", pad=True)
    return t


def fit_plain(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: cut with an ellipsis or padded
    (what ``fit`` does, as a plain string)."""
    n = cell_len(text)
    if n > width:
        return set_cell_size(text, width - 1) + "…" if width > 0 else ""
    return text + " " * (width - n) if n < width else text


_STYLES: dict[str, Style | None] = {}


def _style(name: str) -> Style | None:
    st = _STYLES.get(name)
    if st is None and name not in _STYLES:
        st = _STYLES[name] = Style.parse(name) if name else None
    return st


ROW_CACHE = 4096  # rendered rows kept (a few screens' worth, any list length)


class HeaderLine(Widget):
    """The column labels above a RecordTable, with the same widths."""

    DEFAULT_CSS = "HeaderLine { height: 1; }"

    def __init__(self, **kw):
        super().__init__(**kw)
        self.labels: list[str] = []
        self.widths: list[int] = []

    def set(self, labels, widths) -> None:
        self.labels, self.widths = list(labels), list(widths)
        self.refresh()

    def render(self) -> Text:
        out = Text(no_wrap=True, style="bold")
        for i, (label, w) in enumerate(zip(self.labels, self.widths)):
            if i:
                out.append(" " * GAP)
            out.append_text(fit(label, "bold", w))
        return out


class RecordTable(ScrollView, can_focus=True):
    """Rows are objects with ``cells``: a tuple of (text, style) per column."""

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("up", "move(-1)", "key.up", id="table.up", show=False),
        Binding("down", "move(1)", "key.down", id="table.down", show=False),
        Binding("pageup", "page(-1)", "key.page_up", id="table.page_up", show=False),
        Binding("pagedown", "page(1)", "key.page_down", id="table.page_down",
                show=False),
        Binding("home", "edge(0)", "key.top", id="table.top", show=False),
        Binding("end", "edge(1)", "key.bottom", id="table.bottom", show=False),
        Binding("enter", "select", "key.open", id="table.open", show=False),
    ]

    cursor = reactive(0, always_update=True, init=False)

    class Selected(Message):
        def __init__(self, table: "RecordTable", index: int):
            super().__init__()
            self.table = table
            self.index = index

    def __init__(self, **kw):
        super().__init__(**kw)
        self.rows: list = []
        self.widths: list[int] = []
        self._cursor_style = Style(reverse=True)
        self._blur_cursor_style = Style(bold=True, underline=True)
        self._zebra = Style(dim=False)
        # cells -> rendered strip at the current widths: a row is laid out
        # once, then every repaint (typing in the filter, scrolling back) is a
        # dictionary hit
        self._line_cache: dict = {}
        self._cache_width = -1
        self._base = None

    # --- data ---------------------------------------------------------------
    def set_widths(self, widths) -> None:
        if list(widths) != self.widths:
            self._line_cache.clear()
            self._cache_width = -1
        self.widths = list(widths)
        self.refresh()

    def set_rows(self, rows, cursor: int | None = None) -> None:
        self.rows = rows
        self._set_virtual_size(Size(max(sum(self.widths) + GAP * len(self.widths), 1),
                                    len(rows)))
        c = self.cursor if cursor is None else cursor
        self.cursor = max(0, min(c, len(rows) - 1)) if rows else 0
        self.refresh()

    def _set_virtual_size(self, size: Size) -> None:
        """A new number of rows without a layout of the whole screen (a
        layout repaints every widget): only the scrollbars follow, and they
        ask for a layout themselves when one appears or disappears."""
        if size == self.virtual_size:
            return
        if not self.is_mounted or not self.container_size:
            self.virtual_size = size
            return
        try:
            self.set_reactive(ScrollView.virtual_size, size)
            self._scroll_update(size)
        except AttributeError:  # another Textual: the plain way
            self.virtual_size = size
        self.refresh()

    def on_unmount(self) -> None:
        # the rows may be frozen out of the cyclic collector's sight: drop
        # them here so reference counting frees them with the table
        self.rows = []
        self._line_cache.clear()

    @property
    def row_count(self) -> int:
        return len(self.rows)

    # --- moving --------------------------------------------------------------
    def watch_cursor(self, value: int) -> None:
        h = self.scrollable_content_region.height or self.size.height
        y = self.scroll_offset.y
        if value < y:
            self.scroll_to(y=value, animate=False, immediate=True)
        elif h and value >= y + h:
            self.scroll_to(y=value - h + 1, animate=False, immediate=True)
        self.refresh()

    def move_to(self, index: int) -> None:
        if self.rows:
            self.cursor = max(0, min(index, len(self.rows) - 1))

    def action_move(self, d: int) -> None:
        self.move_to(self.cursor + d)

    def action_page(self, d: int) -> None:
        self.move_to(self.cursor + d * max(1, self.size.height - 1))

    def action_edge(self, end: int) -> None:
        self.move_to(len(self.rows) - 1 if end else 0)

    def action_select(self) -> None:
        if self.rows:
            self.post_message(self.Selected(self, self.cursor))

    def on_click(self, event) -> None:
        index = self.scroll_offset.y + event.y
        if 0 <= index < len(self.rows):
            if index == self.cursor and event.chain >= 2:
                self.action_select()
            self.cursor = index

    # --- rendering -------------------------------------------------------------
    def render_lines(self, crop):
        self._base = self.rich_style  # once per paint, not once per line
        try:
            return super().render_lines(crop)
        finally:
            self._base = None

    def _strip(self, cells, width: int) -> Strip:
        """A row laid out in exactly ``width`` cells, as a Strip kept per
        cells tuple (a Strip also keeps its styled copies, so the cursor
        and the widget's style cost nothing on a repaint)."""
        if width != self._cache_width:
            self._line_cache.clear()
            self._cache_width = width
        try:
            hit = self._line_cache.get(cells)
        except TypeError:  # unhashable cells: lay out every time
            hit, cells = None, None
        if hit is not None:
            return hit
        segments, length = [], 0
        for i, ((text, style), w) in enumerate(zip(cells, self.widths)):
            if i:
                segments.append(Segment(" " * GAP))
                length += GAP
            segments.append(Segment(fit_plain(text, w), _style(style)))
            length += max(w, 0)
        if length < width:
            segments.append(Segment(" " * (width - length)))
        strip = Strip(segments, max(length, width))
        if length > width:
            strip = strip.crop(0, width)
        if cells is not None:
            if len(self._line_cache) >= ROW_CACHE:
                self._line_cache.clear()
            self._line_cache[cells] = strip
        return strip

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        index = self.scroll_offset.y + y
        base = self._base or self.rich_style
        if index >= len(self.rows):
            return Strip.blank(width, base)
        strip = self._strip(self.rows[index].cells, width)
        if index == self.cursor:
            strip = strip.apply_style(self._cursor_style if self.has_focus
                                      else self._blur_cursor_style)
        return strip.apply_style(base)
