"""The save path's process savings keep its behaviour: the commit id is
HEAD's, a file made by hand (untracked) is still committed, a refusing hook
still rolls back and leaves the index as it was."""
from __future__ import annotations

import subprocess

import pytest

from store.errors import CommitFailed


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def test_commit_id_is_head(workspace):
    saved = workspace.create("demo", "requirement", {"title": "a"})
    assert saved.commit == git(workspace.root, "rev-parse", "HEAD").strip()
    saved = workspace.update("demo", saved.record.id, {"title": "b"})
    assert saved.commit == git(workspace.root, "rev-parse", "HEAD").strip()


def test_packed_ref_falls_back(workspace):
    rid = workspace.create("demo", "requirement", {"title": "a"}).record.id
    git(workspace.root, "pack-refs", "--all", "--prune")
    saved = workspace.update("demo", rid, {"title": "b"})
    assert saved.commit == git(workspace.root, "rev-parse", "HEAD").strip()


def test_untracked_file_made_by_hand_is_committed(workspace):
    p = workspace.project_dir("demo") / "requirements" / "REQ-5.toml"
    p.parent.mkdir(exist_ok=True)
    p.write_text('title = "by hand"\nstatus = "draft"\n', "utf-8")
    saved = workspace.update("demo", "REQ-5", {"title": "edited"})
    assert saved.commit
    assert "REQ-5.toml" in git(workspace.root, "ls-files", "--", str(p))
    assert git(workspace.root, "status", "--porcelain", "--", str(p)) == ""
    assert 'title = "edited"' in git(workspace.root, "show", "HEAD:projects/demo/requirements/REQ-5.toml")


@pytest.mark.parametrize("tracked", [True, False])
def test_refusing_hook_rolls_back(workspace, tracked):
    p = workspace.project_dir("demo") / "requirements" / "REQ-1.toml"
    if tracked:
        workspace.create("demo", "requirement", {"title": "a"})
    else:
        p.parent.mkdir(exist_ok=True)
        p.write_text('title = "a"\nstatus = "draft"\n', "utf-8")
    before = p.read_bytes()
    index_before = git(workspace.root, "ls-files", "-s")
    hook = workspace.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho refused >&2\nexit 1\n")
    hook.chmod(0o755)
    with pytest.raises(CommitFailed):
        workspace.update("demo", "REQ-1", {"title": "b"})
    assert p.read_bytes() == before
    assert git(workspace.root, "ls-files", "-s") == index_before


def test_identity_is_asked_once_while_config_is_unchanged(workspace, git_home, monkeypatch):
    from store.errors import RepoStateError
    rid = workspace.create("demo", "requirement", {"title": "a"}).record.id
    calls = []
    real = workspace.git.run

    def run(*args, **kw):
        calls.append(args[0])
        return real(*args, **kw)
    monkeypatch.setattr(workspace.git, "run", run)
    workspace.update("demo", rid, {"title": "b"})
    workspace.update("demo", rid, {"title": "c"})
    assert calls.count("config") == 0 and calls.count("commit") == 2
    # the identity goes away: the change of ~/.gitconfig is seen
    (git_home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    with pytest.raises(RepoStateError):
        workspace.update("demo", rid, {"title": "d"})
    assert calls.count("config") == 1
