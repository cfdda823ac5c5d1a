"""The dashboard's chart row (tui/widgets/charts.py), driven with the pilot:
drawn at 120x40 after the first screen, hidden at 80x24 until C."""
from __future__ import annotations

from pilot_helpers import aio, until
from scripted import TODAY

from store.history import charts


def _screen_text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


def _app(ws):
    from tui.app import make_app
    return make_app(ws, "crm", today=TODAY, no_blink=True)


def _drawn(app) -> bool:
    return bool(app.screen.query("PlotextPlot"))


@aio
async def test_charts_at_120x40_in_chinese(chartws):
    ws, _ = chartws
    app = _app(ws)
    async with app.run_test(size=(120, 40)) as pilot:
        assert await until(pilot, lambda: _drawn(app))
        await pilot.pause()
        assert await until(pilot, lambda: "各类未关闭事项" in _screen_text(app))
        text = _screen_text(app)
        for words in ("各类未关闭事项", "反馈答复天数与承诺天数", "基线后的需求变更",
                      "待办", "风险与问题", "实际天数", "承诺天数", "基线后共 3 次变更",
                      "kickoff", "11-16"):
            assert words in text, words
        # the attention list is still there above the charts
        assert "需要处理" in text and "ACT-1" in text
    # the series were kept for the next open
    assert charts.cache_path(ws, "crm", TODAY, "zh", ws.git.head()).is_file()


@aio
async def test_charts_wait_for_room_or_C_at_80x24(chartws):
    ws, _ = chartws
    app = _app(ws)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        row = app.screen.query_one("#charts")
        assert not row.display and not _drawn(app)
        await pilot.press("C")
        assert await until(pilot, lambda: _drawn(app))
        await pilot.pause()
        assert await until(pilot, lambda: "各类未关闭事项" in _screen_text(app))
        await pilot.press("C")
        await pilot.pause()
        assert not row.display


def test_snapshot_120x40(snap_compare, chartws):
    ws, _ = chartws

    async def drawn(pilot):
        await until(pilot, lambda: _drawn(pilot.app))
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        await until(pilot, lambda: "各类未关闭事项" in _screen_text(pilot.app))
    assert snap_compare(_app(ws), run_before=drawn, terminal_size=(120, 40))
