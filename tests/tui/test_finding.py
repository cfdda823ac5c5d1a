"""Finding (issue 20, 5): words in any order, Chinese characters in order,
pinyin and initials, in the palette, the list filter and the id picker;
choices sorted by their rank and text by pinyin, in the app and in
`accord list --sort`; past due dates marked."""
from __future__ import annotations

from pilot_helpers import aio, palette_results
from textual.command import CommandList

from store.model.search import PinyinKeys, Query, search_key, sort_records
from tui.cli.main import main
from tui.screens.detail import DetailScreen
from tui.screens.records import ListScreen

SIZE = (80, 24)


def _matches(q: str, rid: str, title: str) -> bool:
    return Query(q).matches(search_key(rid, title, PinyinKeys().get(title)))


def test_query_words_any_order_characters_in_order_and_pinyin():
    title = "客户 360 度统一视图"
    for q in ("客户视图", "视图 客户", "req 视图", "khst" if False else "kehu",
              "dtyst", "shitu", "REQ-7", "360"):
        assert _matches(q, "REQ-7", title), q
    assert _matches("khst", "REQ-1", "客户视图")
    assert _matches("khst", "REQ-7", title)  # initials in order: kh-dty-st
    for q in ("视客", "req 工单", "cr", "xyz"):
        assert not _matches(q, "REQ-7", title), q


def test_pinyin_is_kept_on_disk_and_knows_words(tmp_path):
    keys = PinyinKeys(tmp_path)
    assert keys.get("江州银行") == ("jiangzhouyinhang", "jzyh")  # 行 in 银行: hang
    assert keys.get("执行") == ("zhixing", "zx")
    keys.save()
    again = PinyinKeys(tmp_path)
    assert "江州银行" in again.known and again.added == 0


@aio
async def test_palette_finds_by_words_in_any_order_and_initials(make, small):
    small.create("demo", "requirement", {"title": "客户 360 度统一视图", "priority": "must"})
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        for typed, want in (("视图 客户", "REQ-3"), ("khdtyst", "REQ-3"),
                            ("req 360", "REQ-2")):
            await pilot.press("ctrl+p")
            await pilot.pause()
            for ch in typed:
                await pilot.press(ch if ch != " " else "space")
            await palette_results(pilot)
            hits = app.screen.query_one(CommandList)
            shown = [str(hits.get_option_at_index(i).prompt)
                     for i in range(hits.option_count)]
            assert any(want in s for s in shown), (typed, shown)
            await pilot.press("escape")
            await pilot.pause()


@aio
async def test_list_filter_pinyin_sorts_by_rank_and_marks_overdue(make, small):
    small.create("demo", "requirement", {"title": "王五导出", "priority": "could"})
    small.create("demo", "requirement", {"title": "陈三导入", "priority": "should"})
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ListScreen)
        await pilot.press("slash", "d", "c")  # 导出: daochu
        await pilot.pause()
        assert [r.rid for r in screen.shown] == ["REQ-3"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")  # title
        await pilot.pause()
        assert [r.rid for r in screen.shown] == ["REQ-4", "REQ-1", "REQ-2", "REQ-3"]  # chen deng ke wang
        await pilot.press("s", "s", "s")  # status, sign-off, priority
        await pilot.pause()
        assert screen.columns[screen.sort_col] == "priority"
        assert [r.rid for r in screen.shown] == ["REQ-1", "REQ-2", "REQ-4", "REQ-3"]
        await pilot.press("4")  # feedback: FB-1's reply was due 2026-11-20
        await pilot.pause()
        row = app.screen.rows[0]
        due = app.screen.columns.index("reply_due")
        assert row.cells[due] == ("2026-11-20", "bold red")


@aio
async def test_id_picker_finds_by_pinyin(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.open_record("REQ-1")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        from tui.screens.dialogs import PickerDialog
        app.push_screen(PickerDialog(app.entries()))
        await pilot.pause()
        for ch in "dlzc":  # 登录支持
            await pilot.press(ch)
        await pilot.pause()
        ol = app.screen.query_one("#hits")
        assert ol.option_count == 1 and ol.get_option_at_index(0).id == "REQ-1"


def test_cli_list_sort_by_rank_and_pinyin(small, capsys):
    small.create("demo", "requirement", {"title": "王五导出", "priority": "could"})
    small.create("demo", "requirement", {"title": "陈三导入", "priority": "wont"})
    assert main(["-C", str(small.root), "list", "requirement", "--sort", "priority"]) == 0
    ids = [ln.split()[0] for ln in capsys.readouterr().out.splitlines()]
    assert ids == ["REQ-1", "REQ-2", "REQ-3", "REQ-4"]
    assert main(["-C", str(small.root), "list", "requirement", "--sort", "title"]) == 0
    ids = [ln.split()[0] for ln in capsys.readouterr().out.splitlines()]
    assert ids == ["REQ-4", "REQ-1", "REQ-2", "REQ-3"]  # chen deng ke wang
    assert main(["-C", str(small.root), "list", "--sort", "nope"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--sort nope" in err[0]
    recs = sort_records(list(small.load("demo").records.values()), "priority")
    assert recs[-1].kind.name != "requirement" or recs[-1].data.get("priority")
