"""Shared by the pilot tests of the app."""
from __future__ import annotations

import asyncio
import functools
import subprocess


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


def many_requirements(workspace, n: int, title: str = "需求 {i} 客户视图 第{g}组"):
    """``n`` requirements written and committed in one go (a plain commit:
    what a bulk import or a pull leaves), in project ``demo``; ``title``
    may use {i}, {g} (i mod 97), {k} (i mod 7) and {e} (i mod 11)."""
    d = workspace.project_dir("demo") / "requirements"
    d.mkdir(parents=True)
    st = ("draft", "proposed", "rejected", "withdrawn")
    for i in range(1, n + 1):
        t = title.format(i=i, g=i % 97, k=i % 7, e=i % 11)
        (d / f"REQ-{i}.toml").write_text(
            f'title = "{t}"\nstatus = "{st[i % 4]}"\n'
            f'priority = "must"\nowner = "陈静{i % 13}"\ncreated = 2026-10-01\n',
            "utf-8")
    subprocess.run(["git", "add", "--", "projects"], cwd=workspace.root, check=True)
    subprocess.run(["git", "commit", "-qm", "bulk"], cwd=workspace.root, check=True)
    return workspace
