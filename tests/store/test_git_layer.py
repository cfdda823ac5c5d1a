"""The git layer: the identity a save commits as follows git's [include]
and [includeIf] files, also when one changes while the app is open;
baselines are created, listed and resolved through GitPython; a read-only
repository refuses to write a tag."""
from __future__ import annotations

import subprocess

import pytest

from store.errors import ReadOnlyError
from store.workspace import Workspace


def author_of_head(root) -> str:
    return subprocess.run(["git", "log", "-1", "--format=%an <%ae>"], cwd=root,
                          capture_output=True, text=True, check=True).stdout.strip()


def write_config(path, name: str, email: str) -> None:
    path.write_text(f"[user]\n\tname = {name}\n\temail = {email}\n", encoding="utf-8")


@pytest.fixture
def included(git_home):
    """The global config holds no identity of its own: it includes one."""
    inc = git_home / "identity.inc"
    write_config(inc, "包含的用户", "inc@example.com")
    (git_home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[include]\n\tpath = identity.inc\n",
        encoding="utf-8")
    return inc


def test_identity_from_an_included_file_follows_its_changes(workspace, included):
    assert workspace.git.identity() == ("包含的用户", "inc@example.com")
    workspace.create("demo", "requirement", {"title": "第一条"})
    assert author_of_head(workspace.root) == "包含的用户 <inc@example.com>"

    write_config(included, "换了名字的用户", "renamed@example.com")
    assert workspace.git.identity() == ("换了名字的用户", "renamed@example.com")
    workspace.create("demo", "requirement", {"title": "第二条"})
    assert author_of_head(workspace.root) == "换了名字的用户 <renamed@example.com>"


def test_identity_from_include_if_gitdir(tmp_path, git_home):
    ws = Workspace.init(tmp_path / "客户" / "ws", name="工作区")
    work = git_home / "work.inc"
    write_config(work, "Work Person", "work@example.com")
    (git_home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n"
        f'[includeIf "gitdir:{tmp_path}/客户/"]\n\tpath = {work}\n', encoding="utf-8")
    assert ws.git.identity() == ("Work Person", "work@example.com")
    write_config(work, "Work Person Two", "work2@example.com")
    assert ws.git.identity() == ("Work Person Two", "work2@example.com")


def test_no_identity_when_the_included_file_goes(workspace, included):
    assert workspace.git.identity() is not None
    included.unlink()
    assert workspace.git.identity() is None


def test_baselines_made_listed_and_resolved(workspace, monkeypatch):
    first = workspace.git.head()
    workspace.baseline("demo", "kickoff", "开工时的范围")
    monkeypatch.setenv("GIT_COMMITTER_DATE", "2026-11-21T10:00:00+08:00")
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-21T10:00:00+08:00")
    workspace.create("demo", "requirement", {"title": "新需求"})
    workspace.baseline("demo", "scope-2")
    found = workspace.git.baselines("demo")
    assert [b.name for b in found] == ["kickoff", "scope-2"]
    assert found[0].commit == first and found[0].message.strip() == "开工时的范围"
    assert found[1].commit == workspace.git.head()
    assert found[1].zone == "+0800"
    assert workspace.git.baseline("demo", "kickoff").commit == first
    assert workspace.git.baseline("demo", "none") is None
    assert workspace.git.newest_baseline("demo") == ("scope-2", workspace.git.head())
    assert workspace.git.tags("accord/demo/*") == ["accord/demo/kickoff",
                                                   "accord/demo/scope-2"]


def test_read_only_refuses_a_tag_before_git_runs(workspace):
    ro = Workspace(workspace.root, read_only=True)
    with pytest.raises(ReadOnlyError):
        ro.git.tag("accord/demo/x", "x")
    assert ro.git.tags("accord/*") == []


def test_doctor_names_a_folder_outside_any_repository(tmp_path):
    from store import doctor
    root = tmp_path / "没有仓库"
    (root / "projects").mkdir(parents=True)
    (root / "accord.toml").write_text('format = 1\nname = "无"\nlanguage = "zh"\n',
                                      encoding="utf-8")
    found = [p for p in doctor.check(Workspace(root)) if p.path == ".git"]
    assert len(found) == 1 and found[0].severity == doctor.ERROR
    assert found[0].message.startswith("not a git repository")



def test_doctor_finds_the_repository_above_a_workspace(tmp_path):
    from store import doctor
    outer = tmp_path / "外层"
    root = outer / "accord"
    (root / "projects").mkdir(parents=True)
    (root / "accord.toml").write_text('format = 1\nname = "子目录"\n', encoding="utf-8")
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    assert not [p for p in doctor.check(Workspace(root)) if p.path == ".git"]
