"""A notice raised just before a dialog opens shows once, above the dialog
(at the top of the screen), not also dimmed under it on the screen below;
back on that screen it shows there again (issue 20, item 11)."""
from __future__ import annotations

from pilot_helpers import aio

from tests.tui.conftest import TODAY
from tui.screens.dialogs import SignoffDialog

SIZE = (80, 24)
NOTICE = "已保存 REQ-1：验收标准已更新，请通知甲方确认"


def _lines(app) -> list[str]:
    return [s.text for s in app.screen._compositor.render_strips()]


@aio
async def test_a_notice_raised_before_a_dialog_shows_once_above_it(make):
    app = make()
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        app.notify(NOTICE)
        await pilot.pause(0.3)  # shown on the dashboard, bottom right
        assert "已保存" in "".join(_lines(app)[-8:])
        app.push_screen(SignoffDialog("REQ-1", TODAY, by="张伟"))
        await pilot.pause(0.3)
        lines = _lines(app)
        assert "REQ-1：验收标准" in lines[0]          # above the dialog, at the top
        assert not any("已保存" in x or "通知甲方" in x for x in lines[1:])  # not under it
        await pilot.press("escape")
        await pilot.pause(0.3)
        assert "已保存" in "".join(_lines(app)[-8:])  # back on its screen
