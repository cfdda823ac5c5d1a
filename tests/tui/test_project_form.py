"""Project settings (issue 20, 7): `accord project set` and the app's
project form with the project.toml tables as rows; a new workspace's first
run opens the new-project form."""
from __future__ import annotations

import datetime as dt

from pilot_helpers import aio

from store.workspace import Workspace
from tests.tui.conftest import TODAY
from tui.app import make_app
from tui.cli import main
from tui.screens.dashboard import DashboardScreen
from tui.screens.project_form import ProjectFormScreen


def _widget(screen, name):
    return screen.widgets[name]


@aio
async def test_first_run_opens_the_new_project_form(tmp_path):
    ws = Workspace.init(tmp_path / "ws", name="新工作区", language="zh")
    app = make_app(ws, today=TODAY, no_blink=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ProjectFormScreen) and form.new
        _widget(form, "slug").value = "crm"
        _widget(form, "name").value = "客户关系管理"
        _widget(form, "client").value = "某银行"
        _widget(form, "stakeholders").text = "张伟 | client | 项目经理\n李娜 | vendor"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    data = ws.project_data("crm")
    assert data["name"] == "客户关系管理"
    assert data["stakeholders"] == [{"name": "张伟", "side": "client", "role": "项目经理"},
                                    {"name": "李娜", "side": "vendor"}]


@aio
async def test_project_form_edits_rows_in_one_commit(make, small):
    before = int(small.git.out("rev-list", "--count", "HEAD"))
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(ProjectFormScreen())
        await pilot.pause()
        form = app.screen
        assert _widget(form, "name").value == "客户关系管理系统"
        _widget(form, "milestones").text = "上线 | 2026-12-31 | 2027-01-15"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
    data = small.project_data("demo")
    assert data["milestones"] == [{"name": "上线", "baseline": dt.date(2026, 12, 31),
                                   "forecast": dt.date(2027, 1, 15)}]
    assert int(small.git.out("rev-list", "--count", "HEAD")) == before + 1


@aio
async def test_a_bad_row_is_one_line_and_nothing_is_saved(make, small):
    before = small.git.head()
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        app.push_screen(ProjectFormScreen())
        await pilot.pause()
        _widget(app.screen, "milestones").text = "上线 | 明年"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProjectFormScreen)
        notes = [str(n.message) for n in app._notifications]
        assert any("milestones" in n and "\n" not in n for n in notes), notes
    assert small.git.head() == before


def test_cli_project_set(small, capsys):
    root = str(small.root)
    assert main(["-C", root, "project", "set", "status=active",
                 "--add", 'stakeholders={"name": "张伟", "side": "client"}',
                 "--add", "goals=三个月内上线"]) == 0
    data = small.project_data("demo")
    assert data["status"] == "active" and data["goals"] == ["三个月内上线"]
    assert data["stakeholders"] == [{"name": "张伟", "side": "client"}]
    assert main(["-C", root, "project", "set", "--remove", "stakeholders=张伟"]) == 0
    assert "stakeholders" not in small.project_data("demo")
    capsys.readouterr()
    assert main(["-C", root, "project", "set", "nope=1"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "nope" in err[0]
