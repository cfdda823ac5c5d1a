"""The project history screen (tui/screens/project_history.py), driven with
Textual's pilot on small workspaces, and its page-by-page reader."""
from __future__ import annotations

from pilot_helpers import aio, palette_results
from tui.screens.dashboard import DashboardScreen
from tui.screens.project_history import (CommitScreen, ProjectCommits,
                                         ProjectHistoryScreen)

SIZE = (100, 30)


def _screen_text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


async def _settle(app, pilot):
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def _type(pilot, text):
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


def _rids(screen):
    return [r.events[0]["id"] for r in screen.rows]


@aio
async def test_palette_opens_newest_first_and_enter_shows_fields(make, small):
    small.update("demo", "REQ-1", {"priority": "could"}, why="客户调整优先级")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await _type(pilot, "项目历史")
        await palette_results(pilot)
        await pilot.press("enter")
        await _settle(app, pilot)
        scr = app.screen
        assert isinstance(scr, ProjectHistoryScreen)
        # project creation, REQ-1, REQ-2, REQ-2 move, FB-1, ACT-1, REQ-1 edit
        assert _rids(scr) == ["REQ-1", "ACT-1", "FB-1", "REQ-2", "REQ-2",
                              "REQ-1", "project"]
        text = _screen_text(app)
        assert "客户调整优先级" in text and "修改" in text and "测试用户" in text
        assert "7 次提交" in text
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CommitScreen)
        text = _screen_text(app)
        assert "REQ-1" in text and "优先级  必须 → 可以" in text
        assert "客户调整优先级" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectHistoryScreen)
        # the move of REQ-2: status draft -> proposed
        await pilot.press("j", "j", "j", "enter")
        await pilot.pause()
        text = _screen_text(app)
        assert "状态  草稿 → 待确认" in text and "变更状态" in text


@aio
async def test_dashboard_key_and_more_pages(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, DashboardScreen)
        app.push_screen(ProjectHistoryScreen(page=2))
        await _settle(app, pilot)
        scr = app.screen
        assert _rids(scr) == ["ACT-1", "FB-1"]
        assert "按 m 再显示 2 条" in _screen_text(app)
        await pilot.press("G")
        await pilot.press("m")
        await _settle(app, pilot)
        assert _rids(scr) == ["ACT-1", "FB-1", "REQ-2", "REQ-2"]
        assert scr.query_one("#table").cursor == 1  # the cursor stays
        await pilot.press("m")
        await _settle(app, pilot)
        await pilot.press("m")
        await _settle(app, pilot)
        assert _rids(scr)[-1] == "project" and len(scr.rows) == 6
        assert "按 m" not in _screen_text(app)
        await pilot.press("m")  # nothing more: no error
        await _settle(app, pilot)
        assert len(scr.rows) == 6


@aio
async def test_dashboard_binding_opens_it(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("H")
        await _settle(app, pilot)
        assert isinstance(app.screen, ProjectHistoryScreen)
        assert len(app.screen.rows) == 6


@aio
async def test_period_since_baseline_date_and_a_bad_one(make, small):
    small.baseline("demo", "kickoff")
    small.update("demo", "REQ-2", {"priority": "must"}, why="范围调整")
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ProjectHistoryScreen())
        await _settle(app, pilot)
        scr = app.screen
        assert len(scr.rows) == 7
        await pilot.press("p")
        await pilot.pause()
        await _type(pilot, "kickoff")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert _rids(scr) == ["REQ-2"]
        assert "自 kickoff" in _screen_text(app)
        # every commit of the fixture is dated 2026-11-20
        await pilot.press("p")
        await pilot.press("ctrl+u")
        await _type(pilot, "2026-11-21")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert scr.rows == [] and "没有涉及本项目的提交" in _screen_text(app)
        await pilot.press("p")
        await pilot.press("ctrl+u")
        await _type(pilot, "no-such-thing")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert "no-such-thing" in _screen_text(app) and "baseline" in _screen_text(app)
        # escape leaves the prompt, then the screen; an empty period is all history
        await pilot.press("p")
        await pilot.press("ctrl+u")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ProjectHistoryScreen)
        await pilot.press("p")
        await pilot.press("ctrl+u")
        await pilot.press("enter")
        await _settle(app, pilot)
        assert len(scr.rows) == 7 and scr.since is None
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


@aio
async def test_user_text_is_literal_and_controls_visible(make, small):
    small.create("demo", "requirement", {"title": "[bold]粗体[/bold] \x1b[31m红"},
                 why="原因 [i]x[/i] \x07")
    app = make()
    async with app.run_test(size=(120, 30)) as pilot:
        app.push_screen(ProjectHistoryScreen())
        await _settle(app, pilot)
        text = _screen_text(app)
        assert "[bold]粗体[/bold] ␛[31m红" in text
        assert "原因 [i]x[/i] ␇" in text
        await pilot.press("enter")
        await pilot.pause()
        text = _screen_text(app)
        assert "[bold]粗体[/bold] ␛[31m红" in text and "\x1b" not in text


def test_reader_pages_and_keeps_to_its_project(small):
    small.new_project("other", "别的项目", "别的客户")
    for i in range(5):
        small.create("other", "requirement", {"title": f"别的 {i}"})
    small.create("demo", "requirement", {"title": "最新"})
    src = ProjectCommits(small, "demo")
    got = src.next_page(3)
    assert [evs[0]["id"] for _c, evs in got] == ["REQ-3", "ACT-1", "FB-1"]
    assert all(e["project"] == "demo" for _c, evs in got for e in evs)
    assert not src.exhausted
    rest = src.next_page(100)
    assert [evs[0]["id"] for _c, evs in rest] == ["REQ-2", "REQ-2", "REQ-1", "project"]
    assert src.exhausted and src.next_page(5) == []
    other = ProjectCommits(small, "other")
    assert len(other.next_page(100)) == 6


@aio
async def test_dashboard_sla_line_opens_feedback(make, small):
    from textual.widgets import OptionList
    from tui.screens.records import ListScreen
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert "反馈：尚无答复 · 逾期未答 1" in _screen_text(app)
        ol = app.screen.query_one(OptionList)
        ol.highlighted = ol.get_option_index("sla")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen) and app.screen.kind.name == "feedback"
    small.update("demo", "FB-1", {"received_on": __import__("datetime").date(2026, 11, 18),
                                  "replied_on": __import__("datetime").date(2026, 11, 21)})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        assert "反馈平均 3.0 天答复 · 按期 0/1 · 逾期未答 0" in _screen_text(app)


# --- snapshot on the sample project (the demo of tests/tui/test_snapshots.py) ---


def test_snapshot_80x24(snap_compare, app_for):
    async def open_history(pilot):
        await pilot.press("H")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
    assert snap_compare(app_for(), run_before=open_history, terminal_size=(80, 24))


@aio
async def test_leaving_while_loading_and_reload_keeps_cursor(make, small):
    app = make(watch_interval=None)
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(ProjectHistoryScreen())
        await pilot.press("escape")  # before the worker is done
        await _settle(app, pilot)
        assert isinstance(app.screen, DashboardScreen)
        app.push_screen(ProjectHistoryScreen())
        await _settle(app, pilot)
        scr = app.screen
        await pilot.press("j", "j")
        at = scr.rows[2].commit.id
        small.update("demo", "REQ-1", {"priority": "could"}, why="又改了")
        scr.disk_changed()
        await _settle(app, pilot)
        assert _rids(scr)[0] == "REQ-1" and len(scr.rows) == 7
        assert scr.rows[scr.query_one("#table").cursor].commit.id == at
