"""Progress of clone, sync and reports: git's progress lines told to the
store's progress (GitPython's parser), and on the command line one line on
stderr only when stderr is a terminal (a pty here), never when piped."""
from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from store.team import remote, remote_errors, sync

ROOT = Path(__file__).resolve().parents[2]


def test_clone_tells_connecting_then_gits_stages(team, tmp_path):
    calls: list = []
    # file://: git's pack protocol, as over the network (a plain path is
    # copied with hard links, with nothing to tell)
    ws = sync.clone(f"file://{team.remote}", tmp_path / "carol",
                    progress=lambda *a: calls.append(a))
    assert (ws.root / "accord.toml").is_file()
    assert calls[0] == ("connecting", 0, None)
    told = {c[0] for c in calls[1:]}
    assert told & {"counting", "compressing", "receiving", "resolving"}
    assert all(c[2] is None or 0 <= c[1] <= c[2] for c in calls)


def test_sync_tells_the_push(team):
    team.b.create("demo", "requirement", {"title": "登录", "priority": "must"})
    calls: list = []
    res = sync.sync(team.b, progress=lambda *a: calls.append(a))
    assert res.status == "pushed"
    assert [c for c in calls if c[0] == "connecting"]  # the fetch's and the push's
    assert "sending" in {c[0] for c in calls}


def test_a_failure_with_progress_is_classified_as_without(team, tmp_path):
    calls: list = []
    missing = tmp_path / "nowhere.git"
    try:
        remote.clone(str(missing), tmp_path / "x", progress=lambda *a: calls.append(a))
    except remote_errors.RemoteError as e:
        assert e.cause == "no-repo"
    else:
        raise AssertionError("the clone of nothing succeeded")
    assert not (tmp_path / "x").exists()


def test_a_broken_display_never_stops_a_clone(team, tmp_path):
    def broken(*a):
        raise RuntimeError("gone")
    ws = sync.clone(str(team.remote), tmp_path / "dave", progress=broken)
    assert (ws.root / "accord.toml").is_file()


# --- the command line -------------------------------------------------------------

def accord_on_tty(*args, cwd) -> tuple[int, str, str]:
    """``accord ARGS`` with stderr on a pseudo-terminal: (exit code, stdout,
    what the terminal received)."""
    try:
        master, slave = pty.openpty()
    except OSError as e:  # a machine with no pseudo-terminals
        pytest.skip(f"no pty here: {e}")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "tui", *args], cwd=cwd, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=slave)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the last writer has closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    os.close(master)
    out = proc.stdout.read().decode()
    proc.stdout.close()
    return proc.wait(60), out, seen.decode("utf-8", "replace")


def accord_piped(*args, cwd) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, stdin=subprocess.DEVNULL)


def test_clone_draws_one_line_on_a_terminal(team, tmp_path):
    code, out, term = accord_on_tty("clone", f"file://{team.remote}", "erin", cwd=tmp_path)
    assert code == 0 and out.strip().endswith("erin")
    assert "\raccord: connecting…" in term
    assert "\raccord: receiving objects 100%" in term
    # the line is cleared before the command's own words
    before, _, after = term.rpartition("\r\x1b[K")
    assert "cloned into" in after and "accord:" not in after


def test_clone_piped_says_no_progress(team, tmp_path):
    p = accord_piped("clone", f"file://{team.remote}", "frank", cwd=tmp_path)
    assert p.returncode == 0
    assert "\r" not in p.stderr and "\x1b" not in p.stderr
    assert "connecting" not in p.stderr and "receiving" not in p.stderr
    assert p.stderr.startswith("cloned into")


def test_sync_on_a_terminal_and_piped(team):
    team.b.create("demo", "requirement", {"title": "登录", "priority": "must"})
    code, _out, term = accord_on_tty("sync", cwd=team.b.root)
    assert code == 0 and "\raccord: sending objects" in term and "pushed" in term
    team.b.create("demo", "requirement", {"title": "导出", "priority": "could"})
    p = accord_piped("sync", cwd=team.b.root)
    assert p.returncode == 0 and "\r" not in p.stderr and "sending" not in p.stderr


def test_reports_on_a_terminal_and_piped(team):
    ws = team.a
    ws.create("demo", "requirement", {"title": "客户视图", "priority": "must"})
    for args in (("report", "progress"), ("summary", "--since", "2020-01-01")):
        code, out, term = accord_on_tty(*args, cwd=ws.root)
        assert code == 0 and out.startswith("#")
        assert "\raccord: reading records" in term and "\raccord: writing" in term
        assert term.endswith("\r\x1b[K")  # nothing left of the line
        p = accord_piped(*args, cwd=ws.root)
        assert p.returncode == 0 and p.stderr == ""


def test_the_line_speaks_chinese_with_accord_lang(team, monkeypatch):
    monkeypatch.setenv("ACCORD_LANG", "zh")
    code, _out, term = accord_on_tty("report", "requirements", cwd=team.a.root)
    assert code == 0 and "\raccord: 读取记录" in term and "生成文档" in term
