"""Every commit says what it holds (issue 17, item 2): a save first compares
the file with HEAD.  An uncommitted change found there (a hand edit, or what
a killed save wrote) is committed on its own, described field by field, when
it validates and its status move is allowed; otherwise the save is refused
with one line naming the file and the ways out."""
from __future__ import annotations

import subprocess

import pytest

from store.model import codec
from store.model.records import diff_fields
from store.workspace import UncommittedEdit, atomic_write
from tui.cli.main import main

REL = "projects/demo/requirements/REQ-1.toml"


def git(ws, *args) -> str:
    return subprocess.run(["git", *args], cwd=ws.root, check=True,
                          capture_output=True, text=True).stdout


def count(ws) -> int:
    return int(git(ws, "rev-list", "--count", "HEAD"))


def version(ws, rev: str) -> dict:
    return codec.parse(git(ws, "show", f"{rev}:{REL}"))


def held(ws, rev: str) -> dict:
    """The fields commit ``rev`` changed in REQ-1, read from its diff."""
    return diff_fields(version(ws, f"{rev}~1"), version(ws, rev))


def described(ws, rev: str) -> set[str]:
    """The field names commit ``rev``'s message lists (``name: a -> b``)."""
    body = git(ws, "log", "-1", "--format=%B", rev)
    return {line.split(":", 1)[0] for line in body.splitlines() if " -> " in line}


@pytest.fixture
def req(workspace):
    workspace.create("demo", "requirement", {"title": "登录", "priority": "must"})
    return workspace


def hand_edit(ws, changes: dict) -> bytes:
    path = ws.root / REL
    text = codec.edit_document(path.read_text("utf-8"), changes)
    path.write_text(text, "utf-8")
    return text.encode("utf-8")


def test_a_valid_hand_edit_is_committed_on_its_own_first(req):
    ws = req
    hand_edit(ws, {"status": "proposed", "client_contact": "王经理"})
    before = count(ws)
    saved = ws.update("demo", "REQ-1", {"owner": "bob"}, why="owner only")
    assert count(ws) == before + 2
    subject = git(ws, "log", "-1", "--format=%s", "HEAD~1").strip()
    assert subject == "REQ-1: hand edit: status, client_contact"
    assert set(held(ws, "HEAD~1")) == described(ws, "HEAD~1") == {"status", "client_contact"}
    trailers = git(ws, "log", "-1", "--format=%B", "HEAD~1")
    assert "Accord-Action: move" in trailers and "Accord-Record: REQ-1" in trailers
    # the save's own commit holds exactly what it says
    assert set(held(ws, "HEAD")) == described(ws, "HEAD") == {"owner"} == set(saved.changes)
    assert git(ws, "status", "--porcelain") == ""


def test_a_hand_edit_whose_move_is_not_allowed_is_refused(req):
    ws = req
    hand = hand_edit(ws, {"status": "accepted"})  # draft -> accepted, no sign-off
    before = count(ws)
    with pytest.raises(UncommittedEdit) as e:
        ws.update("demo", "REQ-1", {"owner": "bob"})
    msg = str(e.value)
    assert REL in msg and f"git checkout -- {REL}" in msg and "sign-off" in msg
    assert count(ws) == before and (ws.root / REL).read_bytes() == hand
    # and a move the transitions do not allow at all
    git(ws, "checkout", "--", REL)
    ws.move("demo", "REQ-1", "rejected")
    hand_edit(ws, {"status": "proposed"})
    with pytest.raises(UncommittedEdit, match="rejected -> proposed is not an allowed move"):
        ws.update("demo", "REQ-1", {"owner": "bob"})


def test_a_hand_edit_that_does_not_validate_is_refused_on_the_command_line(
        req, capsys, monkeypatch):
    ws = req
    hand = hand_edit(ws, {"priority": "urgent"})
    before = count(ws)
    rc = main(["-C", str(ws.root), "set", "REQ-1", "owner=bob", "-m", "owner only"])
    err = capsys.readouterr().err.strip()
    assert rc == 1 and len(err.splitlines()) == 1 and "Traceback" not in err
    # the workspace's language (Chinese)
    assert err.startswith(f"accord: {REL} 与上次提交不同（手工修改，或一次被中断的保存）")
    assert "优先级：'urgent'" in err and f"用 `git checkout -- {REL}` 放弃它" in err
    monkeypatch.setenv("ACCORD_LANG", "en")
    rc = main(["-C", str(ws.root), "set", "REQ-1", "owner=bob", "-m", "owner only"])
    err = capsys.readouterr().err.strip()
    assert rc == 1 and err.startswith(f"accord: {REL} differs from the last commit")
    assert "priority" in err and "git checkout --" in err
    assert count(ws) == before and (ws.root / REL).read_bytes() == hand


def test_a_move_past_the_sign_off_rule_by_hand_is_refused(req):
    ws = req
    hand_edit(ws, {"status": "proposed"})
    ws.update("demo", "REQ-1", {"owner": "a"})     # proposed is committed first
    hand_edit(ws, {"status": "confirmed"})           # allowed move, but no sign-off
    with pytest.raises(UncommittedEdit, match="sign-off"):
        ws.update("demo", "REQ-1", {"owner": "b"})


def test_what_a_killed_save_left_is_committed_as_its_own_change(req):
    """A save killed between its write and its commit leaves its new bytes
    on disk: written here the way the save writes them (the edit of the
    file's text, then the atomic write), without the commit."""
    ws = req
    path = ws.root / REL
    left = codec.edit_keeping_form(path.read_text("utf-8"), {"owner": "killed"})
    atomic_write(path, left.encode("utf-8"))
    before = count(ws)
    ws.update("demo", "REQ-1", {"title": "登录页"})
    assert count(ws) == before + 2
    assert set(held(ws, "HEAD~1")) == described(ws, "HEAD~1") == {"owner"}
    assert set(held(ws, "HEAD")) == described(ws, "HEAD") == {"title"}
    assert version(ws, "HEAD")["owner"] == "killed"


def test_the_command_line_commits_the_hand_edit_first(req, capsys):
    ws = req
    hand_edit(ws, {"status": "proposed"})
    rc = main(["-C", str(ws.root), "set", "REQ-1", "owner=bob", "-m", "owner only"])
    assert rc == 0, capsys.readouterr().err
    assert git(ws, "log", "-2", "--format=%s").splitlines() == [
        "REQ-1: edit owner", "REQ-1: hand edit: status"]
    assert set(held(ws, "HEAD")) == {"owner"}


def test_a_change_of_layout_only_rides_along(req):
    ws = req
    path = ws.root / REL
    path.write_bytes(path.read_bytes() + b"# a note kept by hand\n")
    before = count(ws)
    ws.update("demo", "REQ-1", {"owner": "bob"})
    assert count(ws) == before + 1
    assert "# a note kept by hand" in git(ws, "show", f"HEAD:{REL}")


def test_delete_and_move_settle_first_too(req):
    ws = req
    hand_edit(ws, {"owner": "by hand"})
    ws.move("demo", "REQ-1", "proposed")
    assert git(ws, "log", "-2", "--format=%s").splitlines() == [
        "REQ-1: move draft -> proposed", "REQ-1: hand edit: owner"]
    hand_edit(ws, {"client_contact": "张"})
    ws.delete("demo", "REQ-1")
    assert git(ws, "log", "-2", "--format=%s").splitlines()[1] == \
        "REQ-1: hand edit: client_contact"


def test_a_clean_save_asks_git_nothing_more(req):
    """Comparing with HEAD reads git's loose objects: a save still runs one
    git process (the commit) once HEAD's trees are loose."""
    ws = req
    calls = []
    real = ws.git.run

    def run(*args, **kw):
        calls.append(args[0])
        return real(*args, **kw)
    ws.git.run = run
    ws.update("demo", "REQ-1", {"owner": "a"})
    ws.update("demo", "REQ-1", {"owner": "b"})
    assert calls == ["commit", "commit"]


def test_after_a_gc_the_comparison_asks_git(req):
    ws = req
    git(ws, "gc", "-q")
    hand_edit(ws, {"owner": "by hand"})
    ws.update("demo", "REQ-1", {"title": "新"})
    assert git(ws, "log", "-2", "--format=%s").splitlines() == [
        "REQ-1: edit title", "REQ-1: hand edit: owner"]
    ws.update("demo", "REQ-1", {"title": "新二"})  # clean: one commit
    assert git(ws, "log", "-1", "--format=%s").strip() == "REQ-1: edit title"
