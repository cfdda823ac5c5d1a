"""Shared by the pilot tests of the app."""
from __future__ import annotations

import asyncio
import functools


def aio(fn):
    """Run an async test body with asyncio (no async plugin is installed)."""
    @functools.wraps(fn)
    def wrapper(*a, **kw):
        return asyncio.run(fn(*a, **kw))
    return wrapper


async def until(pilot, cond, timeout: float = 15.0, step: float = 0.05) -> bool:
    """Let the app run until ``cond()`` holds (True) or ``timeout`` seconds
    passed (then cond() once more).  For what waits on another process or
    a worker: a fixed pause fails on a loaded machine."""
    for _ in range(int(timeout / step)):
        if cond():
            return True
        await pilot.pause(step)
    return cond()


async def palette_results(pilot, timeout: float = 15.0) -> bool:
    """The command palette has shown its hits for what was typed (its
    search runs in a worker), and a moment more for late hits to sort in."""
    from textual.command import CommandList

    def shown():
        try:
            return pilot.app.screen.query_one(CommandList).option_count > 0
        except Exception:  # noqa: BLE001 - not the palette (yet)
            return False
    ok = await until(pilot, shown, timeout)
    await pilot.pause(0.3)
    return ok
