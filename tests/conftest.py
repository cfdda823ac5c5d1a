"""Shared fixtures: every test gets its own HOME with a git identity, fixed
author/committer dates, and temporary workspaces; nothing is written into the
repository's own files."""
from __future__ import annotations

from pathlib import Path

import pytest

FIXED_DATE = "2026-11-20T10:00:00+08:00"


def _isolate(mp, home: Path) -> Path:
    """Point git and Accord at ``home``: its own identity, no system config,
    fixed dates, none of the caller's git or editor variables."""
    (home / ".gitconfig").write_text(
        "[user]\n\tname = 测试用户\n\temail = tester@example.com\n"
        "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    mp.setenv("HOME", str(home))
    mp.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    mp.setenv("GIT_CONFIG_NOSYSTEM", "1")
    mp.setenv("GIT_AUTHOR_DATE", FIXED_DATE)
    mp.setenv("GIT_COMMITTER_DATE", FIXED_DATE)
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE", "EDITOR",
                "VISUAL", "ACCORD_LANG"):
        mp.delenv(var, raising=False)
    return home


@pytest.fixture(autouse=True)
def git_home(tmp_path_factory, monkeypatch):
    return _isolate(monkeypatch, tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="module")
def module_git_home(tmp_path_factory):
    """The same isolation for what a module builds once: module fixtures are
    set up before the per-test ``git_home``, so without this they would run
    with the developer's own HOME (and fail on a machine with no identity)."""
    with pytest.MonkeyPatch.context() as mp:
        yield _isolate(mp, tmp_path_factory.mktemp("home"))


@pytest.fixture
def workspace(tmp_path):
    """An empty workspace with one project, ``demo``."""
    from store.workspace import Workspace
    ws = Workspace.init(tmp_path / "ws", name="测试工作区", language="zh")
    ws.new_project("demo", "客户关系管理系统", "某城市商业银行")
    return ws


def git(ws_root: Path, *args: str) -> str:
    import subprocess
    return subprocess.run(["git", *args], cwd=ws_root, check=True,
                          capture_output=True, text=True).stdout


@pytest.fixture
def run(workspace, capsys):
    """``run(*args, stdin=None, cwd_flag=True)`` -> (exit code, stdout,
    stderr) of ``accord -C WS args`` run in this process; ``stdin`` is text
    or bytes; ``run.ws`` is the workspace."""
    import io
    import sys

    from tui.cli.main import main

    def _run(*args, stdin: str | bytes | None = None, cwd_flag: bool = True):
        if isinstance(stdin, bytes):
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
        elif stdin is not None:
            sys.stdin = io.StringIO(stdin)
        try:
            argv = (["-C", str(workspace.root)] if cwd_flag else []) + [str(a) for a in args]
            rc = main(argv)
        finally:
            sys.stdin = sys.__stdin__
        out, err = capsys.readouterr()
        return rc, out, err
    _run.ws = workspace
    return _run
