"""The resolve screen: both values per conflicting field, m / t to pick."""
from __future__ import annotations

import asyncio

from textual.app import App

from store.team import sync
from tui.screens.resolve import ResolveScreen


class ResolveApp(App):
    def __init__(self, ws, lang="zh"):
        super().__init__()
        self.ws = ws
        self.lang = lang

    def on_mount(self):
        self.push_screen(ResolveScreen(self.ws))


def _conflict(team):
    team.a.create("demo", "requirement", {"title": "登录", "priority": "should"})
    sync.sync(team.a)
    sync.sync(team.b)
    team.a.update("demo", "REQ-1", {"title": "甲的标题", "priority": "must"})
    team.b.update("demo", "REQ-1", {"title": "乙的标题\x1b[31m", "priority": "could"})
    sync.sync(team.a)
    assert sync.sync(team.b).status == "conflict"


def test_pick_theirs_then_mine_then_continue(team):
    _conflict(team)

    async def run():
        app = ResolveApp(team.b)
        async with app.run_test(size=(100, 20)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ResolveScreen)
            assert [c.field for c in screen.conflicts] == ["title", "priority"]
            await pilot.press("down", "t")      # priority: theirs
            await pilot.pause()
            assert [c.field for c in screen.conflicts] == ["title"]
            await pilot.press("m")      # title: mine
            await pilot.pause()
            assert screen.conflicts == []
            await pilot.press("c")
            await pilot.pause()
            assert not sync.in_progress(team.b)
    asyncio.run(run())
    rec = team.b.read("demo", "REQ-1")
    assert rec.data["priority"] == "must" and rec.data["title"] == "乙的标题\x1b[31m"
    assert team.remote_head() == team.b.git.head()


def test_snapshot(team, snap_compare):
    _conflict(team)
    assert snap_compare(ResolveApp(team.b), terminal_size=(100, 16))
