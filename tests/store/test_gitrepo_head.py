"""GitRepo.head(): read from .git/HEAD and the loose ref when it can be,
always the commit git itself names."""
from __future__ import annotations

import subprocess

import pytest

from store.git.repo import GitRepo


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def _git_says(root):
    p = subprocess.run(["git", "rev-parse", "-q", "--verify", "HEAD"], cwd=root,
                       capture_output=True, text=True)
    return p.stdout.strip() or None


@pytest.fixture
def repo(tmp_path):
    root = tmp_path / "r"
    root.mkdir()
    git(root, "init", "-q")
    return root


def _commit(root, msg):
    (root / "f.txt").write_text(msg, "utf-8")
    git(root, "add", "f.txt")
    git(root, "commit", "-q", "-m", msg)


def test_unborn_loose_packed_and_detached(repo, monkeypatch):
    calls = []
    real = GitRepo.run
    monkeypatch.setattr(GitRepo, "run", lambda self, *a, **kw: calls.append(a) or real(self, *a, **kw))
    assert GitRepo(repo).head() is None  # unborn: git is asked
    _commit(repo, "one")
    calls.clear()
    assert GitRepo(repo).head() == _git_says(repo)
    assert calls == []  # the loose ref, no process
    git(repo, "pack-refs", "--all")  # only in packed-refs now
    assert GitRepo(repo).head() == _git_says(repo)
    _commit(repo, "two")  # a loose ref again, newer than the packed one
    assert GitRepo(repo).head() == _git_says(repo)
    git(repo, "checkout", "-q", "--detach", "HEAD~1")
    calls.clear()
    assert GitRepo(repo).head() == _git_says(repo)
    assert calls == []


def test_a_linked_worktree_asks_git(repo, tmp_path):
    _commit(repo, "one")
    wt = tmp_path / "wt"
    git(repo, "worktree", "add", "-q", "-b", "side", str(wt))
    _commit(wt, "on the side")
    assert GitRepo(wt).head() == _git_says(wt) != _git_says(repo)


def test_junk_in_head_asks_git(repo):
    _commit(repo, "one")
    ref = repo / ".git" / "refs" / "heads"
    name = git(repo, "symbolic-ref", "--short", "HEAD").strip()
    sha = (ref / name).read_text().strip()
    (ref / name).write_text(sha[:20] + "\n")  # broken: git says so, we ask it
    assert GitRepo(repo).head() == _git_says(repo)
