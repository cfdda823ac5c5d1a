"""Chinese text wraps between characters, never before closing
punctuation, and every character the user wrote is shown (issue 20, 1)."""
from __future__ import annotations

from pilot_helpers import aio
from rich.console import Console
from rich.text import Text

from tui.screens.detail import DetailScreen
from tui.widgets.wrap import NO_BREAK_BEFORE, Wrapped, break_offsets, wrap_lines

LONG = ("系统应支持按支行划分客户数据的可见范围，总行用户可以查看全部客户，"
        "支行用户只能查看本支行客户。客户经理调岗后，其名下客户随之转移，"
        "原支行不再可见（审计日志保留）。")


def test_breaks_between_chinese_characters_not_before_closing_punctuation():
    for width in range(6, 40):
        lines = [x.plain for x in wrap_lines(Text(LONG), width)]
        assert "".join(lines) == LONG  # nothing lost, nothing added
        assert all(Console(width=200).measure(Text(x)).maximum <= width for x in lines)
        assert all(x and x[0] not in NO_BREAK_BEFORE for x in lines)
        assert all(not x.endswith("（") for x in lines)


def test_words_stay_whole_and_long_runs_fold():
    assert break_offsets("hello world", 8) == [6]
    assert [x.plain for x in wrap_lines(Text("abcdefghij"), 4)] == ["abcd", "efgh", "ij"]
    assert [x.plain for x in wrap_lines(Text("客户 360 视图"), 8)] == ["客户 360", "视图"]


def test_a_wrapped_text_renders_every_character():
    out = Console(width=21, record=True)
    out.print(Wrapped(Text(LONG)))
    shown = out.export_text().replace("\n", "")
    assert shown == LONG
    assert "…" not in shown


@aio
async def test_detail_shows_a_long_chinese_statement_whole(make, small):
    small.create("demo", "requirement", {"title": "支行数据权限", "statement": LONG + "\n"})
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_record("REQ-3")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        lines = [s.text for s in app.screen._compositor.render_strips()]
        # the statement column starts after the label column
        start = next(i for i, x in enumerate(lines) if "系统应支持" in x)
        body = lines[start].split("需求描述", 1)[1].strip()
        for x in lines[start + 1:]:
            if not x.startswith("  "):  # the next field's label
                break
            body += x.strip()
        assert body == LONG
