"""Shared fixtures: every test gets its own HOME with a git identity, fixed
author/committer dates, and temporary workspaces; nothing is written into the
repository's own files."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

FIXED_DATE = "2026-11-20T10:00:00+08:00"


@pytest.fixture(autouse=True)
def git_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    (home / ".gitconfig").write_text(
        "[user]\n\tname = 测试用户\n\temail = tester@example.com\n"
        "[init]\n\tdefaultBranch = main\n", encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_DATE", FIXED_DATE)
    monkeypatch.setenv("GIT_COMMITTER_DATE", FIXED_DATE)
    for var in ("GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME",
                "GIT_COMMITTER_EMAIL", "GIT_DIR", "GIT_WORK_TREE", "EDITOR",
                "VISUAL", "ACCORD_LANG"):
        monkeypatch.delenv(var, raising=False)
    return home


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
