"""Getting around (issue 20, 6): home from anywhere, palette jumps that
replace instead of piling up, a key or a [ ] step for every kind, delete
and undo in the app, and [keymap] problems reported."""
from __future__ import annotations

from pilot_helpers import aio, palette_results

from store.model.schema import KINDS
from tui.screens.dashboard import DashboardScreen
from tui.screens.detail import DetailScreen
from tui.screens.dialogs import ChoiceDialog
from tui.screens.records import ListScreen

SIZE = (80, 24)


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


async def _palette(pilot, typed: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    for ch in typed:
        await pilot.press(ch if ch != " " else "space")
    await palette_results(pilot)
    await pilot.press("enter")
    await pilot.pause()


@aio
async def test_palette_jumps_replace_and_ctrl_g_goes_home(make):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1", "enter", "h")  # list, REQ-1, its history
        await pilot.pause()
        await _palette(pilot, "360")
        assert isinstance(app.screen, DetailScreen) and app.screen.rid == "REQ-2"
        await _palette(pilot, "FB-1")
        assert isinstance(app.screen, DetailScreen) and app.screen.rid == "FB-1"
        # dashboard, the record: one escape back home
        assert [type(s) for s in app.screen_stack[1:]] == [DashboardScreen, DetailScreen]
        await pilot.press("1", "enter")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen) and len(app.screen_stack) == 2


@aio
async def test_every_kind_has_a_key_or_a_step_from_the_dashboard(make):
    kinds = list(KINDS.values())
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen) and app.screen.kind is kinds[0]
        await pilot.press("escape", "left_square_bracket")
        await pilot.pause()
        assert app.screen.kind is kinds[-1]
        await pilot.press("escape", "0")
        await pilot.pause()
        assert app.screen.kind is kinds[9]
        seen = {app.screen.kind.name}
        for _ in kinds:
            await pilot.press("right_square_bracket")
            await pilot.pause()
            seen.add(app.screen.kind.name)
        assert seen == {k.name for k in kinds}


@aio
async def test_delete_asks_then_deletes_in_one_commit(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.open_record("REQ-2")
        await pilot.pause()
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "客户 360 视图" in _text(app)
        await pilot.press("enter")  # the default keeps it
        await pilot.pause()
        assert small.record_path("demo", "REQ-2").exists()
        await pilot.press("D", "tab", "enter")
        await pilot.pause()
        assert not small.record_path("demo", "REQ-2").exists()
        assert not isinstance(app.screen, DetailScreen)
        assert "REQ-2" not in app.index().records
    log = small.git.out("log", "-1", "--format=%s")
    assert log.startswith("REQ-2: delete")


@aio
async def test_z_undoes_ones_own_last_change(make, small):
    small.update("demo", "REQ-1", {"title": "扫码登录"})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("z")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        assert "REQ-1：修改 标题" in _text(app)  # its subject in the UI language
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.index().records["REQ-1"].title == "登录支持企业微信扫码"
    assert small.read("demo", "REQ-1").title == "登录支持企业微信扫码"


@aio
async def test_keymap_problems_in_one_line_at_start_and_in_help(make, monkeypatch, tmp_path):
    cfg = tmp_path / "cfg" / "accord"
    cfg.mkdir(parents=True)
    (cfg / "config.toml").write_text(
        '[keymap]\n"list.dwn" = "ctrl+n"\n"list.down" = "e"\n', "utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "cfg"))
    app = make()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        notes = [str(n.message) for n in app._notifications]
        line = next(n for n in notes if "keymap" in n)
        assert "\n" not in line and "list.dwn" in line
        assert "list.down" in line and "edit" in line
        await pilot.press("1", "question_mark")
        await pilot.pause()
        assert "list.dwn" in _text(app)
