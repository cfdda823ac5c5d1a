"""The import screen: opened from the palette, dry run, confirm, one commit;
hidden on a read-only workspace; a snapshot at 80x24 with Chinese rows."""
from __future__ import annotations

import asyncio
import datetime as dt
import functools
import os

import pytest
from sheetfiles import ROWS, heads, write_xlsx

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
TODAY = dt.date(2026, 11, 27)


def aio(fn):
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        return asyncio.run(fn(*a, **kw))
    return wrapper


@pytest.fixture
def sheet_ws(workspace, tmp_path, monkeypatch):
    """A workspace with REQ-1 from an earlier import, and in the current
    folder a newer sheet: REQ-1 retitled, two new rows, one bad row."""
    from store.sheets import apply_plan, plan_import
    monkeypatch.chdir(tmp_path)
    write_xlsx(tmp_path / "v1.xlsx", ROWS[:1])
    apply_plan(workspace, "demo", plan_import(workspace, "demo", tmp_path / "v1.xlsx"))
    rows = [list(r) for r in ROWS] + [["R-009", "", "缺标题", "", "", "", "", ""]]
    rows[0][1] = "客户 360 度全景视图"
    write_xlsx(tmp_path / "需求清单v2.xlsx", rows)
    write_xlsx(tmp_path / "good.xlsx", rows[:3])
    return workspace


def _app(ws, **kw):
    from tui.app import make_app
    return make_app(ws, "demo", today=TODAY, no_blink=True, **kw)


async def _open(pilot, path: str):
    from textual.widgets import Input

    from tui.screens.importer import ImportScreen
    await pilot.press("ctrl+p")
    for ch in "导入需求":
        await pilot.press(ch)
    from textual.command import CommandList
    for _ in range(100):  # the palette's search runs in a worker
        await pilot.pause(0.05)
        shown = pilot.app.screen.query(CommandList)
        if shown and shown.first().option_count:
            break
    await pilot.pause(0.2)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ImportScreen)
    pilot.app.screen.query_one("#import-path", Input).value = path
    await pilot.press("enter")
    await _settled(pilot)


async def _settled(pilot):
    """The dry run or import (a thread worker) has finished and shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()


def _text(screen, wid) -> str:
    return str(screen.query_one(wid).render())


@aio
async def test_dry_run_confirm_and_apply(sheet_ws):
    from textual.widgets import Button

    from tui.screens.dialogs import ChoiceDialog
    ws = sheet_ws
    app = _app(ws)
    before = heads(ws)
    async with app.run_test(size=(100, 30)) as pilot:
        await _open(pilot, "需求清单v2.xlsx")
        scr = app.screen
        rows = [r.cells for r in scr.query_one("#import-rows").rows]
        assert [c[1][0] for c in rows] == ["更新", "新建", "新建", "无法导入"]
        assert rows[0][2][0] == "REQ-1" and "标题" in rows[0][4][0]
        assert rows[2][4][0] == "[bold]报表[/] 导出"
        assert "标题为空" in rows[3][4][0]
        assert "无法导入 1 条" in _text(scr, "#import-status")
        await pilot.press("ctrl+s")  # a bad row: refused, nothing asked
        await pilot.pause()
        assert not isinstance(app.screen, ChoiceDialog)
        assert "未写入任何内容" in _text(scr, "#import-status")

        await _open_again(pilot, scr, "good.xlsx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the focused default: cancel
        await pilot.pause()
        assert app.screen is scr and heads(ws) == before
        await pilot.press("ctrl+s")
        await pilot.pause()
        app.screen.query_one("#b-apply", Button).press()
        await _settled(pilot)
        assert heads(ws) == before + 1
        assert "已导入 3 条需求（新建 2，更新 1）" in _text(scr, "#import-status")
    assert ws.read("demo", "REQ-1").data["title"] == "客户 360 度全景视图"
    assert ws.read("demo", "REQ-2").data["source_ref"] == "R-002"


async def _open_again(pilot, scr, path):
    from textual.widgets import Input
    scr.query_one("#import-path", Input).value = path
    scr.query_one("#import-path", Input).focus()
    await pilot.press("enter")
    await _settled(pilot)


@aio
async def test_a_bad_file_is_one_line_and_read_only_hides_it(sheet_ws, tmp_path):
    from tui.i18n import t
    from tui.widgets.palette import AccordCommands
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    app = _app(sheet_ws)
    async with app.run_test(size=(100, 30)) as pilot:
        assert t("palette.import") in [x for x, _cb in AccordCommands(app.screen)._commands()]
        await _open(pilot, "notes.pdf")
        assert "不是电子表格" in _text(app.screen, "#import-status")
        assert app.screen.query_one("#import-rows").rows == []
    ro = _app(sheet_ws, read_only=True)
    async with ro.run_test(size=(100, 30)) as pilot:
        texts = [x for x, _cb in AccordCommands(ro.screen)._commands()]
        assert t("palette.import") not in texts and t("palette.dashboard") in texts


def test_snapshot_80x24(snap_compare, sheet_ws, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent/config")

    async def before(pilot):
        from tui.screens.importer import ImportScreen
        pilot.app.push_screen(ImportScreen(pilot.app.ws, "demo", "需求清单v2.xlsx"))
        await _settled(pilot)

    assert snap_compare(_app(sheet_ws), run_before=before, terminal_size=(80, 24))
