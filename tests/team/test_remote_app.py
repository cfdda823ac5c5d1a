"""Sync from the app, against a local bare remote: started from a key and
from the palette, run in a worker (the app answers keys while the remote
hangs), the commits not yet pushed on the dashboard, the result as one
notification in the UI language."""
from __future__ import annotations

import asyncio
import datetime as dt
import stat

from store.team import remote, sync
from tui.app import make_app

TODAY = dt.date(2026, 11, 20)


async def until(pilot, cond, timeout: float = 20.0, step: float = 0.05) -> bool:
    """Let the app run until ``cond()`` holds or ``timeout`` passed (what
    waits on a worker and git: a fixed pause fails on a loaded machine)."""
    for _ in range(int(timeout / step)):
        if cond():
            return True
        await pilot.pause(step)
    return cond()


def screen_text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


def notes(app) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def test_sync_from_the_key_and_the_palette_with_the_unpushed_count(team):
    team.b.create("demo", "requirement", {"title": "登录", "priority": "should"})
    team.b.create("demo", "requirement", {"title": "导出", "priority": "could"})

    async def run():
        app = make_app(team.b, "demo", today=TODAY, watch_interval=None)
        async with app.run_test(size=(100, 30)) as pilot:
            assert await until(pilot, lambda: "2 个提交尚未推送" in screen_text(app))
            await pilot.press("S")
            assert await until(pilot, lambda: "同步完成" in notes(app))
            assert "同步完成：已推送到 origin/main。" in notes(app)
            assert team.remote_head() == team.b.git.head()
            assert await until(pilot, lambda: "尚未推送" not in screen_text(app))
            # the other clone's change comes in through the palette
            sync.sync(team.a)
            team.a.create("demo", "requirement", {"title": "审计", "priority": "must"})
            sync.sync(team.a)
            app.clear_notifications()
            await pilot.press("ctrl+p")
            await pilot.press(*"同步")
            await until(pilot, lambda: "与远程仓库同步" in screen_text(app))
            await pilot.press("enter")
            assert await until(pilot, lambda: "同步完成" in notes(app))
            assert "一致" in notes(app)  # fast-forwarded: nothing to push
            assert (team.b.root / "projects/demo/requirements/REQ-3.toml").is_file()
    asyncio.run(run())


def test_the_app_answers_keys_while_the_remote_hangs(team, monkeypatch, tmp_path):
    """An ssh that never answers: the sync waits in its worker, the keys
    pressed meanwhile work, and quitting stops git and ssh."""
    log = tmp_path / "ssh.log"
    wrapper = tmp_path / "hang-ssh"
    wrapper.write_text(f'#!/bin/sh\necho $$ > "{log}.tmp"; mv "{log}.tmp" "{log}"\n'
                       f"exec sleep 600\n")
    wrapper.chmod(wrapper.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(wrapper))
    monkeypatch.setenv("GIT_SSH_VARIANT", "ssh")
    import subprocess
    subprocess.run(["git", "remote", "set-url", "origin", "ssh://git@example.invalid/t.git"],
                   cwd=team.b.root, check=True)
    from tui.screens.records import ListScreen

    async def run():
        app = make_app(team.b, "demo", today=TODAY, watch_interval=None)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.press("S")
            assert await until(pilot, lambda: log.exists())
            await pilot.press("1")  # opens the requirements while git waits
            assert await until(pilot, lambda: isinstance(app.screen, ListScreen))
            from tui.sync_worker import syncing
            assert syncing(app)
            app.action_sync()  # a second sync is not started
            assert await until(pilot, lambda: "同步正在进行中" in notes(app))
            remote.stop_all()  # what quitting the app does
            assert await until(pilot, lambda: "中止" in notes(app))
            assert not syncing(app)
    asyncio.run(run())
    pid = int(log.read_text())
    from pathlib import Path
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        state = "gone"
    assert state in ("gone", "Z")


def test_a_failed_sync_is_one_notification_in_the_ui_language(team):
    import subprocess
    subprocess.run(["git", "remote", "set-url", "origin", str(team.tmp / "gone.git")],
                   cwd=team.b.root, check=True)

    async def run():
        app = make_app(team.b, "demo", today=TODAY, watch_interval=None, lang="en")
        async with app.run_test(size=(100, 30)) as pilot:
            app.action_sync()
            assert await until(pilot, lambda: "no such repository" in notes(app))
            assert "gone.git" in notes(app)
    asyncio.run(run())


def test_continuing_a_stopped_sync_pushes_in_the_worker(team):
    team.a.create("demo", "requirement", {"title": "登录", "priority": "should"})
    sync.sync(team.a)
    sync.sync(team.b)
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.b.update("demo", "REQ-1", {"priority": "could"})
    sync.sync(team.a)
    assert sync.sync(team.b).status == "conflict"
    from tui.screens.resolve import ResolveScreen

    async def run():
        app = make_app(team.b, "demo", today=TODAY, watch_interval=None)
        async with app.run_test(size=(100, 30)) as pilot:
            app.open_resolve()
            assert await until(pilot, lambda: isinstance(app.screen, ResolveScreen))
            await pilot.press("m")
            assert await until(pilot, lambda: app.screen.conflicts == [])
            await pilot.press("c")
            assert await until(pilot, lambda: "同步完成" in notes(app))
            assert "已推送到 origin/main" in notes(app)
    asyncio.run(run())
    assert not sync.in_progress(team.b)
    assert team.remote_head() == team.b.git.head()
