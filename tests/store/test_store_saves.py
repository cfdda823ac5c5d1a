"""Safe saves: ids, every refusal, commits of only Accord's own paths, commit
messages and trailers, sign-off states, parallel processes."""
from __future__ import annotations

from store import locations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from store.model import ids
from store.errors import (CommitFailed, ConflictError, InvalidValue,
                          RepoStateError, TransitionRefused)
from store.model.schema import KINDS
from store.workspace import TMP_MARK, Workspace

ROOT = Path(__file__).resolve().parents[2]
REQ = KINDS["requirement"]


def git(ws, *args, check=True) -> str:
    return subprocess.run(["git", *args], cwd=ws.root, check=check,
                          capture_output=True, text=True).stdout


def head(ws) -> str:
    return git(ws, "rev-parse", "HEAD").strip()


def count(ws) -> int:
    return int(git(ws, "rev-list", "--count", "HEAD").strip())


def leftovers(ws) -> list[str]:
    return [str(p) for p in ws.root.rglob(f"*{TMP_MARK}*")]


def status(ws) -> str:
    return git(ws, "status", "--porcelain", "--untracked-files=all")


@pytest.fixture
def req(workspace):
    workspace.create("demo", "requirement", {"title": "登录", "priority": "must"})
    return workspace


# --- ids -----------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["../x", "REQ-1/..", "--output=/tmp/x", "REQ-01",
                                 "REQ-0", "REQ-1 ", "req-1", "XYZ-1", "", "REQ-1.toml",
                                 "REQ--1", "REQ-1\n"])
def test_bad_ids_are_refused(workspace, bad):
    with pytest.raises(InvalidValue, match="not a record id"):
        ids.parse_id(bad)
    with pytest.raises(InvalidValue):
        workspace.read("demo", bad)
    with pytest.raises(InvalidValue):
        workspace.update("demo", bad, {"title": "x"})
    assert not (workspace.root / "x").exists()


def test_next_id_never_reuses_a_deleted_id(req):
    ws = req
    ws.create("demo", "requirement", {"title": "二"})
    ws.create("demo", "requirement", {"title": "三"})
    assert ws.next_id("demo", REQ) == "REQ-4"  # caches the history scan
    ws.delete("demo", "REQ-3")
    assert ws.create("demo", "requirement", {"title": "四"}).record.id == "REQ-4"
    ws.delete("demo", "REQ-4")
    ws.delete("demo", "REQ-2")
    # a fresh Workspace object, and without the cache
    cache = locations.folder(ws.git.git_dir) / "ids.json"
    cache.unlink()
    ws2 = Workspace(ws.root)
    assert ws2.create("demo", "requirement", {"title": "五"}).record.id == "REQ-5"


# --- refusals -------------------------------------------------------------------

def _assert_nothing_written(ws, before_head, before_bytes):
    assert head(ws) == before_head
    assert (ws.root / "projects/demo/requirements/REQ-1.toml").read_bytes() == before_bytes
    assert leftovers(ws) == []


def test_no_identity_is_refused_naming_the_settings(req, git_home):
    ws = req
    (git_home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    path = ws.root / "projects/demo/requirements/REQ-1.toml"
    h, b = head(ws), path.read_bytes()
    with pytest.raises(RepoStateError) as e:
        ws.update("demo", "REQ-1", {"title": "新"})
    assert "user.name" in str(e.value) and "user.email" in str(e.value)
    _assert_nothing_written(ws, h, b)
    with pytest.raises(RepoStateError):
        ws.create("demo", "requirement", {"title": "x"})
    assert not (ws.root / "projects/demo/requirements/REQ-2.toml").exists()
    assert status(ws) == ""


def test_detached_head_is_refused(req):
    ws = req
    git(ws, "checkout", "-q", "--detach")
    path = ws.root / "projects/demo/requirements/REQ-1.toml"
    h, b = head(ws), path.read_bytes()
    with pytest.raises(RepoStateError, match="detached"):
        ws.update("demo", "REQ-1", {"title": "新"})
    _assert_nothing_written(ws, h, b)


def test_merge_in_progress_is_refused(req):
    ws = req
    git(ws, "checkout", "-q", "-b", "other")
    ws.update("demo", "REQ-1", {"title": "其他分支"})
    git(ws, "checkout", "-q", "main")
    ws.update("demo", "REQ-1", {"title": "主分支"})
    git(ws, "merge", "other", check=False)
    assert (ws.git.git_dir / "MERGE_HEAD").exists()
    path = ws.root / "projects/demo/requirements/REQ-1.toml"
    h, b = head(ws), path.read_bytes()
    with pytest.raises(RepoStateError, match="merge is in progress"):
        ws.update("demo", "REQ-1", {"priority": "could"})
    _assert_nothing_written(ws, h, b)


def test_stale_index_lock_is_refused_and_named(req):
    ws = req
    lock = ws.git.git_dir / "index.lock"
    lock.write_text("")
    path = ws.root / "projects/demo/requirements/REQ-1.toml"
    h, b = head(ws), path.read_bytes()
    with pytest.raises(RepoStateError) as e:
        ws.update("demo", "REQ-1", {"title": "新"})
    assert "index.lock" in str(e.value) and "remove" in str(e.value)
    _assert_nothing_written(ws, h, b)
    assert lock.exists()  # never removed behind the user's back


def test_short_lived_index_lock_is_waited_for(req):
    ws = req
    lock = ws.git.git_dir / "index.lock"
    lock.write_text("")
    t = threading.Timer(0.3, lock.unlink)
    t.start()
    try:
        saved = ws.update("demo", "REQ-1", {"title": "新"})
    finally:
        t.join()
    assert saved.commit == head(ws)
    assert ws.read("demo", "REQ-1").title == "新"


def test_failing_pre_commit_hook_rolls_back(req):
    ws = req
    hook = ws.git.git_dir / "hooks" / "pre-commit"
    hook.parent.mkdir(exist_ok=True)
    hook.write_text("#!/bin/sh\necho 'hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    path = ws.root / "projects/demo/requirements/REQ-1.toml"
    h, b = head(ws), path.read_bytes()
    with pytest.raises(CommitFailed, match="hook says no"):
        ws.update("demo", "REQ-1", {"title": "新"})
    _assert_nothing_written(ws, h, b)
    assert status(ws) == ""
    with pytest.raises(CommitFailed):
        ws.create("demo", "requirement", {"title": "新的"})
    assert not (ws.root / "projects/demo/requirements/REQ-2.toml").exists()
    assert status(ws) == "" and head(ws) == h and leftovers(ws) == []


def test_symlinked_record_is_refused_and_target_untouched(req, tmp_path):
    ws = req
    target = tmp_path / "elsewhere.toml"
    target.write_bytes(b'title = "outside"\nstatus = "draft"\n')
    path = ws.root / "projects/demo/requirements/REQ-1.toml"
    path.unlink()
    path.symlink_to(target)
    h = head(ws)
    with pytest.raises(InvalidValue, match="symbolic link"):
        ws.update("demo", "REQ-1", {"title": "新"})
    assert path.is_symlink() and os.readlink(path) == str(target)
    assert target.read_bytes() == b'title = "outside"\nstatus = "draft"\n'
    assert head(ws) == h and leftovers(ws) == []


def test_symlinked_folder_is_refused(req, tmp_path):
    ws = req
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = ws.root / "projects/demo/changes"
    folder.symlink_to(outside)
    with pytest.raises(InvalidValue, match="symbolic link"):
        ws.create("demo", "change", {"title": "变更"})
    assert list(outside.iterdir()) == []


def test_file_changed_on_disk_is_a_conflict(req):
    ws = req
    rec = ws.read("demo", "REQ-1")
    hand = rec.path.read_bytes() + b"# edited in vim\n"
    rec.path.write_bytes(hand)
    h = head(ws)
    with pytest.raises(ConflictError):
        ws.update("demo", "REQ-1", {"title": "新"}, expect_digest=rec.digest)
    assert rec.path.read_bytes() == hand
    assert head(ws) == h and leftovers(ws) == []


def test_commit_contains_only_accords_path(req):
    ws = req
    (ws.root / "notes.txt").write_text("tracked\n")
    (ws.root / "other.txt").write_text("tracked too\n")
    git(ws, "add", "notes.txt", "other.txt")
    git(ws, "commit", "-q", "-m", "user files")
    (ws.root / "staged.txt").write_text("staged, new\n")
    git(ws, "add", "staged.txt")
    (ws.root / "notes.txt").write_text("tracked, changed, unstaged\n")
    (ws.root / "other.txt").write_text("changed and staged\n")
    git(ws, "add", "other.txt")
    before = status(ws)
    saved = ws.update("demo", "REQ-1", {"title": "新"})
    files = git(ws, "show", "--name-only", "--format=", saved.commit).split()
    assert files == ["projects/demo/requirements/REQ-1.toml"]
    assert status(ws) == before
    assert git(ws, "diff", "--cached", "--name-only").split() == ["other.txt", "staged.txt"]
    assert git(ws, "diff", "--name-only").split() == ["notes.txt"]
    saved = ws.create("demo", "requirement", {"title": "二"})
    files = git(ws, "show", "--name-only", "--format=", saved.commit).split()
    assert files == ["projects/demo/requirements/REQ-2.toml"]
    assert status(ws) == before


def test_no_empty_commits(req):
    ws = req
    h, n = head(ws), count(ws)
    saved = ws.update("demo", "REQ-1", {"title": "登录", "priority": "must"})
    assert saved.commit is None and saved.changes == {}
    assert head(ws) == h and count(ws) == n
    saved = ws.update("demo", "REQ-1", {"owner": None})  # removing what is absent
    assert saved.commit is None and count(ws) == n


def test_commit_message_and_trailers_parse(req):
    ws = req
    why = "客户在周会上同意\n第二行: with a colon\n  third, indented"
    saved = ws.update("demo", "REQ-1", {"title": "新标题"}, why=why)
    msg = git(ws, "log", "-1", "--format=%B", saved.commit)
    assert msg.splitlines()[0] == "REQ-1: edit title"
    assert 'title: "登录" -> "新标题"' in msg
    p = subprocess.run(["git", "interpret-trailers", "--parse"], input=msg,
                       capture_output=True, text=True, check=True, cwd=ws.root)
    trailers = {}
    for line in p.stdout.splitlines():
        k, _, v = line.partition(": ")
        trailers[k] = v
    assert trailers["Accord-Project"] == "demo"
    assert trailers["Accord-Record"] == "REQ-1"
    assert trailers["Accord-Action"] == "edit"
    assert trailers["Why"].split() == why.split()  # folded, read whole
    author = git(ws, "log", "-1", "--format=%an <%ae>", saved.commit).strip()
    assert author == "测试用户 <tester@example.com>"


def test_signoff_none_current_stale_and_reconfirm(req):
    ws = req
    assert ws.read("demo", "REQ-1").signoff == "none"
    saved = ws.confirm("demo", "REQ-1", "张伟", "email")
    rec = ws.read("demo", "REQ-1")
    assert rec.signoff == "current" and rec.status == "confirmed"
    assert rec.data["confirmation"]["by"] == "张伟"
    assert rec.data["confirmation"]["fingerprint"].startswith("sha256:")
    assert git(ws, "log", "-1", "--format=%s", saved.commit).strip() == \
        "REQ-1: confirm (张伟 via email)"
    ws.update("demo", "REQ-1", {"owner": "李雷", "tags": ["x"]})  # not agreed
    assert ws.read("demo", "REQ-1").signoff == "current"
    ws.update("demo", "REQ-1", {"acceptance": ["3 秒内登录"]})  # agreed
    assert ws.read("demo", "REQ-1").signoff == "stale"
    ws.update("demo", "REQ-1", {"owner": "韩梅梅"})
    assert ws.read("demo", "REQ-1").signoff == "stale"  # nothing clears it...
    ws.confirm("demo", "REQ-1", "张伟", "meeting")
    assert ws.read("demo", "REQ-1").signoff == "current"  # ...but a new sign-off


def test_requirement_cannot_be_confirmed_without_signoff(req):
    ws = req
    with pytest.raises(TransitionRefused) as e:
        ws.move("demo", "REQ-1", "confirmed")
    assert "proposed" in str(e.value) and "accord confirm" in str(e.value)


# --- parallel processes ---------------------------------------------------------

def test_parallel_processes_all_land(req):
    ws = req
    for i in range(2, 5):
        ws.create("demo", "requirement", {"title": f"需求 {i}"})
    n = count(ws)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen(
        [sys.executable, "-m", "tui", "-C", str(ws.root), "set", f"REQ-{i}",
         "--set", f"owner=进程{i}"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE) for i in range(1, 5)]
    procs += [subprocess.Popen(
        [sys.executable, "-m", "tui", "-C", str(ws.root), "new", "change",
         "--set", f"title=并行 {j}"], env=env, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE) for j in range(2)]
    results = [(p.wait(timeout=120), p.stdout.read(), p.stderr.read()) for p in procs]
    for rc, _out, err in results:
        assert rc == 0, err.decode()
    assert sorted(r[1].decode().strip() for r in results[4:]) == ["CR-1", "CR-2"]
    assert count(ws) == n + 6
    for c in git(ws, "rev-list", f"-{6}", "HEAD").split():
        assert len(git(ws, "show", "--name-only", "--format=", c).split()) == 1
    for i in range(1, 5):
        assert ws.read("demo", f"REQ-{i}").data["owner"] == f"进程{i}"
    assert status(ws) == ""


# --- no textual in the store --------------------------------------------------------

def test_store_and_cli_never_import_textual():
    code = ("import sys, pkgutil, importlib, store\n"
            "for m in pkgutil.iter_modules(store.__path__):\n"
            "    importlib.import_module('store.' + m.name)\n"
            "import tui.cli.main\n"
            "tui.cli.main.build_parser()\n"
            "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
            "print(bad)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True,
                       text=True, env=env, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.strip() == "[]"
