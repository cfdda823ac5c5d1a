"""The fast paths of the record list: rows laid out as plain segments (the
same cells, styles and ellipses as Rich's Text), and a filter that narrows
its last result while typing — both must show exactly what a fresh,
straightforward computation shows."""
from __future__ import annotations

import asyncio

from rich.console import Console
from rich.text import Text
from textual.strip import Strip

from tui.widgets.rowlist import GAP, RecordTable, fit, fit_plain
from pilot_helpers import many_requirements

TODAY = __import__("datetime").date(2026, 11, 27)

SAMPLES = ["", "a", "需求", "客户 360 视图", "登录支持企业微信扫码登录支持企业微信扫码",
           "x" * 40, "emoji 🎉🎉 end", "[bold]not markup[/]", "混合 mixed 文字 text",
           "a需b求c", "␛[31m"]


def test_fit_plain_is_fit():
    for s in SAMPLES:
        for w in range(1, 24):
            assert fit_plain(s, w) == fit(s, "", w).plain, (s, w)


class _Row:
    def __init__(self, cells):
        self.cells = cells


def _ansi(console, strip):
    return "".join(seg.style.render(seg.text, color_system=console._color_system)
                   if seg.style else seg.text for seg in strip)


def test_row_segments_render_like_text():
    console = Console(color_system="truecolor", width=200)
    table = RecordTable()
    styles = ["bold", "", "green", "bold red", "bright_black", "magenta"]
    for widths, width in (([8, 30, 12, 4], 80), ([8, 3, 6, 2], 30), ([5, 60, 10, 4], 120)):
        table.widths = widths
        table._line_cache.clear()
        for i, s in enumerate(SAMPLES):
            cells = tuple((x, styles[(i + j) % len(styles)])
                          for j, x in enumerate((f"REQ-{i}", s, s[::-1], "✓")))
            line = Text(no_wrap=True, end="")
            for k, ((text, style), w) in enumerate(zip(cells, widths)):
                if k:
                    line.append(" " * GAP)
                line.append_text(fit(text, style, w))
            want = Strip(list(line.render(console))).crop_extend(0, width, None)
            for _ in range(2):  # laid out, then from the cache
                got = table._strip(cells, width)
                assert got.cell_length == width
                assert _ansi(console, got) == _ansi(console, want), (s, widths)


def test_typed_filter_matches_a_fresh_filter(workspace):
    from tui.app import make_app
    from tui.screens.records import ListScreen
    ws = many_requirements(workspace, 300, "需求 {i} login{k} 第{e}组")

    def fresh(screen):
        rows = [r for r in screen.rows if screen.query_text.lower() in r.key]
        c = screen.sort_col
        if c or screen.sort_rev:
            rows.sort(key=lambda r: r.sorts[c], reverse=screen.sort_rev)
        return [r.rid for r in rows]

    async def body():
        app = make_app(ws, "demo", today=TODAY, no_blink=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.open_list(None)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ListScreen)
            await pilot.press("slash")
            keys = ["l", "o", "g", "i", "n", "3", "backspace", "backspace", "1",
                    "backspace", "backspace", "backspace", "需", "求", " ", "2"]
            for key in keys:
                await pilot.press(key)
                assert [r.rid for r in screen.shown] == fresh(screen), screen.query_text
                table = screen.query_one(RecordTable)
                assert table.rows is screen.shown
                assert table.virtual_size.height == len(screen.shown)
            await pilot.press("enter")  # leave the input, keep the filter
            for _ in range(3):
                await pilot.press("s")  # sort by the next column
                assert [r.rid for r in screen.shown] == fresh(screen)
            await pilot.press("S")
            await pilot.press("slash", "backspace", "backspace")
            assert [r.rid for r in screen.shown] == fresh(screen)
            await pilot.press("escape")
            assert screen.query_text == ""
            assert [r.rid for r in screen.shown] == fresh(screen)
            assert len(screen.shown) == 300
    asyncio.run(body())
