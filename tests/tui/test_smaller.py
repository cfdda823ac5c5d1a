"""Smaller things of issue 20 (10/11): notices do not cover dialogs at
80x24, a new record is selected in the list, new records are dated the
app's today, and a sign-off's changed fingerprint is said in words."""
from __future__ import annotations

import datetime as dt

from pilot_helpers import aio

from tests.tui.conftest import TODAY
from tui.screens.dialogs import SignoffDialog
from tui.screens.history import HistoryScreen
from tui.screens.records import ListScreen

SIZE = (80, 24)


def _lines(app) -> list[str]:
    return [s.text for s in app.screen._compositor.render_strips()]


@aio
async def test_a_notice_does_not_cover_a_dialog_at_80x24(make):
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.push_screen(SignoffDialog("REQ-1", TODAY, by="张伟"))
        await pilot.pause()
        app.notify("已保存 REQ-1（abcdef12）。这是一条比较长的提示信息，用来检查遮挡。")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SignoffDialog)
        box = app.screen.query_one(".box").region
        toasts = list(app.screen.query("Toast"))
        assert toasts
        for toast in toasts:
            assert not toast.region.overlaps(box), (toast.region, box)


@aio
async def test_the_list_selects_the_record_just_made(make, small):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.slots[0].widget.value = "新建的需求"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # no why
        await pilot.pause()
        await pilot.press("escape")  # from the new record's page to the list
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ListScreen)
        assert screen.shown[screen.query_one("#table").cursor].rid == "REQ-3"
    # dated the app's today (the demo's too), not the clock's
    assert small.read("demo", "REQ-3").data["created"] == TODAY


@aio
async def test_a_changed_fingerprint_is_said_in_words(make, small):
    small.confirm("demo", "REQ-1", by="张伟", via="email", on=dt.date(2026, 11, 21))
    small.update("demo", "REQ-1", {"statement": "改过的描述。\n"})
    small.confirm("demo", "REQ-1", by="张伟", via="email", on=dt.date(2026, 11, 22))
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_history("REQ-1")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = "\n".join(_lines(app))
        assert "签认内容变更" in text
        assert "sha256" not in text
