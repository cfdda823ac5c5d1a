"""The project settings form: fields, lists and table rows edited in the app,
saved as one commit; a new workspace's first run opens the new-project form."""
from __future__ import annotations

import datetime as dt
import subprocess

from pilot_helpers import aio, palette_results, until
from tui.screens.project_form import ProjectFormScreen, RowDialog


def _form_ready(app) -> bool:
    return isinstance(app.screen, ProjectFormScreen) and bool(app.screen.query("#t-payments"))


def _subjects(ws) -> list[str]:
    return subprocess.run(["git", "log", "--format=%s"], cwd=ws.root, check=True,
                          capture_output=True, text=True).stdout.splitlines()


@aio
async def test_edit_settings_and_add_a_milestone(make, small):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"项目设置")
        await palette_results(pilot)
        await pilot.press("enter")
        assert await until(pilot, lambda: _form_ready(app))
        form = app.screen
        form.query_one("#f-end").value = "2027-01-29"
        form.query_one("#l-goals").text = "试点上线\n\n终验 [bold]\n"
        form.query_one("#t-milestones").focus()
        await pilot.press("a")
        assert await until(pilot, lambda: isinstance(app.screen, RowDialog))
        app.screen.query_one("#r-name").value = "试点支行上线"
        app.screen.query_one("#r-baseline").value = "2026-12-18"
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: app.screen is form)
        assert form.query_one("#t-milestones").row_count == 1
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: not isinstance(app.screen, ProjectFormScreen))
    data = small.project_data("demo")
    assert data["end"] == dt.date(2027, 1, 29)
    assert data["goals"] == ["试点上线", "终验 [bold]"]
    assert data["milestones"] == [{"name": "试点支行上线", "baseline": dt.date(2026, 12, 18)}]
    assert _subjects(small)[0] == "demo: edit project (end, goals, milestones)"


@aio
async def test_a_bad_row_is_refused_in_the_dialog(make, small):
    app = make()
    async with app.run_test(size=(80, 24)) as pilot:
        from tui.screens.dashboard import DashboardScreen
        assert await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        app.open_project_form()
        assert await until(pilot, lambda: _form_ready(app))
        form = app.screen
        form.query_one("#t-payments").focus()
        await pilot.press("a")
        assert await until(pilot, lambda: isinstance(app.screen, RowDialog))
        app.screen.query_one("#r-name").value = "首付款"
        app.screen.query_one("#r-due").value = "2026-13-01"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, RowDialog)
        assert "不是日期" in str(app.screen.query_one("#row-error").render())
        await pilot.press("escape")
        assert await until(pilot, lambda: app.screen is form)
        assert form.query_one("#t-payments").row_count == 0
    assert "milestones" not in small.project_data("demo")


@aio
async def test_first_run_in_an_empty_workspace_opens_the_new_project_form(tmp_path):
    from store.workspace import Workspace
    from tui.app import make_app
    ws = Workspace.init(tmp_path / "ws", name="空工作区", language="zh")
    app = make_app(ws, None, today=dt.date(2026, 11, 27), no_blink=True)
    async with app.run_test(size=(80, 24)) as pilot:
        assert await until(pilot, lambda: _form_ready(app))
        form = app.screen
        assert form.new
        form.query_one("#f-slug").value = "crm"
        form.query_one("#f-name").value = "客户关系管理系统"
        form.query_one("#f-client").value = "江州市商业银行"
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: app.project == "crm")
    assert ws.project_data("crm")["client"] == "江州市商业银行"
