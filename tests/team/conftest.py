"""Team fixtures: a bare remote and clones of it in temporary folders."""
from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def git(root, *args, check=True) -> str:
    return subprocess.run(["git", *args], cwd=root, check=check,
                          capture_output=True, text=True).stdout


class Team:
    def __init__(self, tmp: Path):
        from store.team.sync import clone, init_remote
        from store.workspace import Workspace
        self.tmp = tmp
        self.remote = tmp / "remote.git"
        a = Workspace.init(tmp / "alice", name="团队", language="zh")
        a.new_project("demo", "客户关系管理系统", "某城市商业银行")
        init_remote(a, str(self.remote))
        git(a.root, "push", "-q", "-u", "origin", "main")
        self.a = a
        self.b = clone(str(self.remote), tmp / "bob")

    def clone(self, name):
        from store.team.sync import clone
        return clone(str(self.remote), self.tmp / name)

    def remote_head(self) -> str:
        return git(self.remote, "rev-parse", "main").strip()

    def remote_file(self, rel) -> str | None:
        p = subprocess.run(["git", "show", f"main:{rel}"], cwd=self.remote,
                           capture_output=True, text=True)
        return p.stdout if p.returncode == 0 else None


@pytest.fixture
def team(tmp_path):
    return Team(tmp_path)


@pytest.fixture
def unwritable_dir() -> str:
    """A folder this user cannot write even as root (a place of the
    kernel's), to stand for a remote without permission; skips without one."""
    import os
    for d in ("/sys/kernel", "/proc/1"):
        try:
            os.mkdir(os.path.join(d, "accord-probe"))
        except OSError:
            if os.path.isdir(d):
                return d
            continue
        os.rmdir(os.path.join(d, "accord-probe"))
    pytest.skip("no directory here that this user cannot write")
