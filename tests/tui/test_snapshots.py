"""Snapshots of each screen at 80x24 and 120x36 on the sample project
(Chinese content, a title with [bold] markup, an emoji), deterministic: a
fixed today, no cursor blink, no animations, a fixed config path.

Update with: python -m pytest tests/tui/test_snapshots.py --snapshot-update
"""
from __future__ import annotations

import pytest


SIZES = [(80, 24), (120, 36)]


SCREENS = {
    "dashboard": [],
    "list": ["1"],
    "filtered": ["1", "slash", "客", "户", "enter"],
    "detail": ["1", "G", "k", "enter"],          # REQ-12: a [bold] title
    "form": ["1", "enter", "e"],
    "history": ["1", "j", "enter", "h"],         # REQ-2: a hand edit
    "help": ["1", "question_mark"],
    "feedback": ["4"],
    "move": ["6", "G", "enter", "m"],
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_screen(snap_compare, app_for, name, size):
    assert snap_compare(app_for(), press=SCREENS[name], terminal_size=size)


async def _palette_search(pilot):
    """The command palette with a search typed in (its input does not blink
    and the search has settled before the picture is taken)."""
    from textual.command import CommandPalette
    from textual.widgets import Input
    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = pilot.app.screen
    assert isinstance(palette, CommandPalette)
    palette.query_one(Input).cursor_blink = False
    for ch in "登录":
        await pilot.press(ch)
    for _ in range(10):
        await pilot.pause(0.1)
    await pilot.wait_for_scheduled_animations()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_palette(snap_compare, app_for, size):
    assert snap_compare(app_for(), run_before=_palette_search, terminal_size=size)
