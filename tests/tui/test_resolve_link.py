"""A stopped sync shows on the dashboard ("sync stopped: N conflicting
fields"), which opens the resolve screen; so does the command palette."""
from __future__ import annotations

import subprocess

import pytest

from store.team import sync
from store.team.sync import clone, init_remote
from store.workspace import Workspace
from tui.screens.dashboard import DashboardScreen
from tui.screens.resolve import ResolveScreen

from tests.tui.conftest import TODAY
from pilot_helpers import aio, palette_results, until

SIZE = (80, 24)


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


@pytest.fixture
def stopped(tmp_path):
    """Bob's clone with a sync stopped on two conflicting fields of REQ-1."""
    a = Workspace.init(tmp_path / "alice", name="团队", language="zh")
    a.new_project("demo", "客户关系管理系统", "某城市商业银行")
    init_remote(a, str(tmp_path / "remote.git"))
    subprocess.run(["git", "push", "-q", "-u", "origin", "main"], cwd=a.root,
                   check=True, capture_output=True)
    b = clone(str(tmp_path / "remote.git"), tmp_path / "bob")
    a.create("demo", "requirement", {"title": "登录", "priority": "should"})
    sync.sync(a)
    sync.sync(b)
    a.update("demo", "REQ-1", {"title": "甲的标题", "priority": "must"})
    b.update("demo", "REQ-1", {"title": "乙的标题", "priority": "could"})
    sync.sync(a)
    assert sync.sync(b).status == "conflict"
    return b


def _app(ws, **kw):
    from tui.app import make_app
    return make_app(Workspace(ws.root), "demo", today=TODAY, no_blink=True,
                    watch_interval=0.05, **kw)


@aio
async def test_dashboard_line_opens_resolve_and_goes_away(stopped):
    app = _app(stopped)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert "同步已暂停：2 个冲突字段" in _text(app)
        await pilot.press("enter")             # the line is highlighted first
        await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "同步已暂停：1 个冲突字段" in _text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert "冲突已全部解决" in _text(app)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("c")                 # commit the merge and push
        await pilot.pause()
        assert not sync.in_progress(stopped)
        await pilot.press("escape")
        assert await until(pilot, lambda: isinstance(app.screen, DashboardScreen))
        # the watcher reloads the merged record
        assert await until(pilot, lambda: app.index().records["REQ-1"].title == "乙的标题")
        assert "同步已暂停" not in _text(app)
        rec = app.index().records["REQ-1"]
        assert rec.title == "乙的标题" and rec.get("priority") == "must"  # theirs


@aio
async def test_palette_opens_resolve(stopped):
    app = _app(stopped, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "sync stopped: 2 conflicting fields" in _text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        for ch in "resolve sync":
            await pilot.press(ch if ch != " " else "space")
        await palette_results(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResolveScreen)
        assert len(app.screen.conflicts) == 2


@aio
async def test_no_line_without_a_stopped_sync(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "同步已暂停" not in _text(app)
