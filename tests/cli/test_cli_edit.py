"""`accord delete` and `accord undo` (issue 20, getting around): one commit
each, delete asks unless --yes and never reuses the id, undo reverts only
the user's own last change and refuses when someone changed it since."""
from __future__ import annotations

import subprocess

import pytest

from store.git.undo import UndoRefused, last_own_change, undo_last


def count(ws) -> int:
    return int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=ws.root,
                              capture_output=True, text=True, check=True).stdout)


def test_delete_asks_unless_yes_and_the_id_is_not_reused(run):
    ws = run.ws
    ws.create("demo", "requirement", {"title": "登录", "priority": "must"})
    n = count(ws)
    rc, _, err = run("delete", "REQ-1", stdin="")  # not a terminal: refused
    assert rc == 2 and "--yes" in err and len(err.strip().splitlines()) == 1
    assert count(ws) == n and ws.record_path("demo", "REQ-1").exists()
    rc, _, err = run("delete", "REQ-1", "--yes", "-m", "重复的需求")
    assert rc == 0 and count(ws) == n + 1
    assert not ws.record_path("demo", "REQ-1").exists()
    msg = subprocess.run(["git", "log", "-1", "--format=%B"], cwd=ws.root,
                         capture_output=True, text=True, check=True).stdout
    assert msg.startswith("REQ-1: delete 登录") and "Why: 重复的需求" in msg
    assert ws.create("demo", "requirement", {"title": "新", "priority": "must"}).record.id == "REQ-2"


def test_undo_reverts_ones_own_last_change_in_one_commit(run):
    ws = run.ws
    ws.create("demo", "requirement", {"title": "登录", "priority": "must"})
    ws.update("demo", "REQ-1", {"title": "扫码登录"})
    n = count(ws)
    rc, _, err = run("undo")
    assert rc == 0 and "edit title" in err
    assert count(ws) == n + 1
    assert ws.read("demo", "REQ-1").title == "登录"
    msg = subprocess.run(["git", "log", "-1", "--format=%B"], cwd=ws.root,
                         capture_output=True, text=True, check=True).stdout
    assert msg.startswith("REQ-1: undo edit title") and "This reverts commit" in msg


def test_undo_is_refused_when_someone_else_changed_the_file_since(run, monkeypatch):
    ws = run.ws
    ws.create("demo", "requirement", {"title": "登录", "priority": "must"})
    monkeypatch.setenv("GIT_AUTHOR_NAME", "李娜")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "lina@example.com")
    ws.update("demo", "REQ-1", {"priority": "could"})
    monkeypatch.delenv("GIT_AUTHOR_NAME")
    monkeypatch.delenv("GIT_AUTHOR_EMAIL")
    assert last_own_change(ws, "demo").subject.startswith("REQ-1: create")
    n = count(ws)
    rc, _, err = run("undo")
    assert rc == 1 and "李娜" in err and len(err.strip().splitlines()) == 1
    assert count(ws) == n and ws.read("demo", "REQ-1").data["priority"] == "could"


def test_undo_refuses_an_uncommitted_hand_edit_and_nothing_to_undo(workspace):
    with pytest.raises(UndoRefused) as e:
        # the project was made by the same identity: its creation is the change
        ws = workspace
        ws.create("demo", "requirement", {"title": "登录", "priority": "must"})
        path = ws.record_path("demo", "REQ-1")
        path.write_text(path.read_text("utf-8") + "owner = \"王\"\n", "utf-8")
        undo_last(ws, "demo")
    assert e.value.code == "undo-changed-on-disk"
