"""A 10,000-record project: the first screen is reached without tomlkit,
the list opens and the filter works on precomputed keys."""
from __future__ import annotations

import asyncio
import sys
import time

from tui.screens.dashboard import DashboardScreen
from tui.screens.records import ListScreen
from pilot_helpers import many_requirements

TODAY = __import__("datetime").date(2026, 11, 27)

N = 10_000


def test_ten_thousand_records(workspace):
    from tui.app import make_app
    ws = many_requirements(workspace, N)
    sys.modules.pop("tomlkit", None)

    async def body():
        app = make_app(ws, "demo", today=TODAY, no_blink=True)
        async with app.run_test(size=(80, 24)) as pilot:
            t0 = time.perf_counter()
            while not isinstance(app.screen, DashboardScreen):
                await pilot.pause(0.01)
            await pilot.pause()
            assert "tomlkit" not in sys.modules
            await pilot.press("1")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ListScreen) and len(screen.shown) == N
            screen.query_text = "第7组"
            t1 = time.perf_counter()
            screen._apply()
            took = time.perf_counter() - t1
            assert len(screen.shown) == len([i for i in range(1, N + 1) if i % 97 == 7])
            assert took < 0.5, f"filter of {N} rows took {took:.3f}s"
            await pilot.press("G")
            assert screen.query_one("#table").cursor == len(screen.shown) - 1
            return time.perf_counter() - t0
    asyncio.run(body())
