"""A 10,000-record project: the first screen is reached without tomlkit,
the list opens and the filter works (its speed is timed in tests/bench, not here)."""
from __future__ import annotations

import asyncio
import sys

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
            while not isinstance(app.screen, DashboardScreen):
                await pilot.pause(0.01)
            await pilot.pause()
            assert "tomlkit" not in sys.modules
            await pilot.press("1")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ListScreen) and len(screen.shown) == N
            screen.query_text = "第7组"
            screen._apply()
            assert len(screen.shown) == len([i for i in range(1, N + 1) if i % 97 == 7])
            await pilot.press("G")
            assert screen.query_one("#table").cursor == len(screen.shown) - 1

    asyncio.run(body())
