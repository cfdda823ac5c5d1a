"""The sync's progress bar in the app: shown above the key bar while the
sync runs in its worker (the keys still work), told git's stages, gone
with the result."""
from __future__ import annotations

import asyncio
import datetime as dt
import threading

from tui.app import make_app
from tui.sync_worker import start_sync, sync_bar

TODAY = dt.date(2026, 11, 20)


async def until(pilot, cond, timeout: float = 20.0, step: float = 0.05) -> bool:
    for _ in range(int(timeout / step)):
        if cond():
            return True
        await pilot.pause(step)
    return cond()


def screen_text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


def test_the_bar_shows_while_the_sync_runs_and_goes_with_its_result(team):
    team.b.create("demo", "requirement", {"title": "登录", "priority": "should"})
    gate = threading.Event()
    heard: list = []

    def held(stage, done, total):  # holds the sync at its first word
        heard.append((stage, done, total))
        if len(heard) == 1:
            gate.wait(20)

    async def run():
        app = make_app(team.b, "demo", today=TODAY, watch_interval=None)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            try:
                start_sync(app, progress=held)
                assert await until(pilot, lambda: heard)
                bar = sync_bar(app)
                assert bar is not None and bar.stage == "连接中"
                assert await until(pilot, lambda: "连接中" in screen_text(app))
                # the app answers keys meanwhile
                await pilot.press("2")
                assert await until(pilot, lambda: type(app.screen).__name__ == "ListScreen")
            finally:
                gate.set()
            assert await until(pilot, lambda: "同步完成" in "\n".join(
                str(n.message) for n in app._notifications))
            assert sync_bar(app) is None and "连接中" not in screen_text(app)
            assert "sending" in {h[0] for h in heard}
    asyncio.run(run())
