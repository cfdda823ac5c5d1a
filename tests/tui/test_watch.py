"""Several app instances on one clone stay consistent: each notices changes
made by another instance, by hand or by git, refreshes its screens, and
warns an open form whose record changed (saving then gets the conflict
dialog).  The watch interval is short here; the app's default is 2 s."""
from __future__ import annotations


from store.watch import disk_stamp
from store.workspace import atomic_write
from tests.conftest import git
from tui.screens.dashboard import DashboardScreen
from tui.screens.detail import DetailScreen
from tui.screens.dialogs import ChoiceDialog, WhyPrompt
from tui.screens.form import FormScreen
from tui.screens.records import ListScreen
from pilot_helpers import aio

SIZE = (100, 30)
TICK = 0.05


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


def _notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


async def _until(pilot, cond, timeout=10.0):  # generous: CI machines are loaded
    for _ in range(int(timeout / 0.05)):
        if cond():
            return True
        await pilot.pause(0.05)
    return cond()


@aio
async def test_two_apps_on_one_workspace(make, small):
    a = make(watch_interval=TICK)
    b = make(small.root, watch_interval=TICK)   # its own Workspace object
    async with b.run_test(size=SIZE) as pb:
        await pb.press("1")                     # B: the requirements list
        await pb.pause()
        assert isinstance(b.screen, ListScreen) and len(b.screen.shown) == 2
        await pb.press("j")                     # cursor on REQ-2
        async with a.run_test(size=SIZE) as pa:
            # A creates a requirement and edits REQ-2's title via the form
            await pa.press("1", "n")
            await pa.pause()
            for ch in "新需求":
                await pa.press(ch)
            await pa.press("ctrl+s")
            await pa.pause()
            assert isinstance(a.screen, WhyPrompt)
            await pa.press("enter")
            await pa.pause()
            assert isinstance(a.screen, DetailScreen) and a.screen.rid == "REQ-3"
        # A's watch timer may fire once more while A shuts down: with no
        # screen left it looks at nothing (it used to raise ScreenStackError)
        assert a.check_disk() is False
        assert await _until(pb, lambda: len(b.screen.shown) == 3)
        assert "新需求" in _text(b)
        # the cursor stayed on the record it was on
        assert b.screen._current_rid() == "REQ-2"
        # back on the dashboard: the counts include the new record
        await pb.press("escape")
        await pb.pause()
        assert isinstance(b.screen, DashboardScreen)
        assert "  3 需求" in _text(b)


@aio
async def test_hand_edit_and_git_commit_are_noticed(make, small):
    app = make(watch_interval=TICK)
    async with app.run_test(size=SIZE) as pilot:
        app.open_record("REQ-1")
        await pilot.pause()
        assert "登录支持企业微信扫码" in _text(app)
        # an in-place hand edit of the open record (no rename, no commit)
        path = small.record_path("demo", "REQ-1")
        path.write_text(path.read_text("utf-8").replace("企业微信", "钉钉"), "utf-8")
        assert await _until(pilot, lambda: "登录支持钉钉扫码" in _text(app))
        # a commit made with plain git elsewhere (a new file in another kind)
        d = small.project_dir("demo") / "decisions"
        d.mkdir(exist_ok=True)
        (d / "DEC-1.toml").write_text(
            'title = "采用钉钉"\nstatus = "agreed"\ndecided_on = 2026-11-26\n', "utf-8")
        git(small.root, "add", "-A")
        git(small.root, "commit", "-qm", "by hand")
        await pilot.press("escape", "escape")
        await pilot.pause()
        assert await _until(pilot, lambda: "DEC-1" in dict(
            (r, 1) for r in app.index().records))


@aio
async def test_open_form_is_warned_and_save_gets_conflict_dialog(make, small):
    app = make(watch_interval=TICK)
    async with app.run_test(size=SIZE) as pilot:
        app.open_record("REQ-1")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("X")
        # another instance saves the same record (atomic replace + commit);
        # the same field too: another field alone would be merged (issue 20)
        small.update("demo", "REQ-1", {"priority": "could", "title": "扫码登录"})
        assert await _until(pilot, lambda: "在你编辑时已在磁盘上被改动" in _notes(app))
        assert isinstance(app.screen, FormScreen) and app.screen.is_dirty()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")             # the why prompt
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "在磁盘上被改动" in _text(app)
    assert small.read("demo", "REQ-1").get("priority") == "could"


def test_stamp_is_cheap_and_sees_creates_deletes_and_commits(small):
    s0 = disk_stamp(small, "demo")
    assert disk_stamp(small, "demo") == s0
    small.create("demo", "lesson", {"title": "早点对齐"})
    s1 = disk_stamp(small, "demo")
    assert s1 != s0
    atomic_write(small.record_path("demo", "REQ-1"),
                 small.record_path("demo", "REQ-1").read_bytes())
    assert disk_stamp(small, "demo") != s1


@aio
async def test_no_look_while_a_modal_is_up(make, small):
    app = make(watch_interval=600)  # only the looks made here
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        app.push_screen(WhyPrompt())
        await pilot.pause()
        small.create("demo", "lesson", {"title": "早点对齐"})
        assert app.check_disk() is False
        await pilot.press("escape")
        await pilot.pause()
        assert app.check_disk() is True


@aio
async def test_history_and_report_screens_notice_a_new_commit(make, small):
    from tui.screens.history import HistoryScreen
    from tui.screens.report import ReportScreen
    app = make(watch_interval=TICK)
    async with app.run_test(size=SIZE) as pilot:
        app.open_history("REQ-1")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "改为钉钉" not in _text(app)
        small.update("demo", "REQ-1", {"priority": "could"}, why="改为钉钉")
        # the new commit shows without pressing anything
        assert await _until(pilot, lambda: "改为钉钉" in _text(app))
        app.open_report()
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert await _until(pilot, lambda: app.screen.doc is not None)  # a worker builds it
        small.update("demo", "REQ-2", {"priority": "could"})
        # the preview is not rebuilt under the reader: it says it is stale
        assert await _until(pilot, lambda: "ctrl+g 重新生成" in _text(app))


@aio
async def test_no_refresh_of_a_screen_still_being_mounted(make, small):
    app = make(watch_interval=600)  # only the looks made here
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.push_screen(DashboardScreen())      # mounted at the next await
        small.create("demo", "lesson", {"title": "早点对齐"})
        # its widgets are not there yet: no refresh (it used to raise
        # NoMatches from the dashboard's query), the next look catches up
        assert app.check_disk() is False
        await pilot.pause()
        assert app.check_disk() is True
