"""Snapshots for a Chinese team's working day (issue 20) on the demo
project, at 80x24 and 120x40: deterministic (fixed today, no blink, no
animations, no user config).

Update with: python -m pytest tests/tui/test_day_snapshots.py --snapshot-update
"""
from __future__ import annotations

import pytest


SIZES = [(80, 24), (120, 40)]


SCREENS = {
    # REQ-2: a long Chinese statement, every character shown, wrapped
    "wrapped": ["1", "j", "enter"],
    # a meeting: its decisions and actions, d / a to add one, backlinks
    "meeting": ["5", "enter"],
    # a decision made from the meeting: title, who and date in one dialog
    "quick-add": ["5", "enter", "d"],
    # the form: the focused field's label reversed, its input coloured
    "form-focus": ["6", "enter", "e", "tab"],
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
def test_day(snap_compare, app_for, name, size):
    assert snap_compare(app_for(), press=SCREENS[name], terminal_size=size)


async def _project_form(pilot):
    from tui.screens.project_form import ProjectFormScreen
    pilot.app.push_screen(ProjectFormScreen())
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_project_form(snap_compare, app_for, size):
    assert snap_compare(app_for(), run_before=_project_form, terminal_size=size)
