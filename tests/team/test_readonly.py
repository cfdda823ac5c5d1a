"""A read-only workspace (accord serve) refuses every write path in the store."""
from __future__ import annotations

import subprocess

import pytest

from store import sync
from store.errors import ReadOnlyError
from store.workspace import Workspace


def _snapshot(root):
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=root, capture_output=True,
                          text=True).stdout
    files = {p.relative_to(root).as_posix(): p.read_bytes()
             for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    tags = subprocess.run(["git", "tag"], cwd=root, capture_output=True, text=True).stdout
    return head, files, tags


WRITES = {
    "create": lambda ws: ws.create("demo", "requirement", {"title": "新"}),
    "update": lambda ws: ws.update("demo", "REQ-1", {"title": "改"}),
    "move": lambda ws: ws.move("demo", "REQ-1", "proposed"),
    "confirm": lambda ws: ws.confirm("demo", "REQ-1", by="张伟", via="email"),
    "delete": lambda ws: ws.delete("demo", "REQ-1"),
    "save_text": lambda ws: ws.save_text("demo", "REQ-1", 'title = "x"\nstatus = "draft"\n'),
    "baseline": lambda ws: ws.baseline("demo", "kickoff"),
    "new_project": lambda ws: ws.new_project("other", "名", "客户"),
    "update_project": lambda ws: ws.update_project("demo", {"status": "active"}),
    "commit_files": lambda ws: ws._commit_files({"x.txt": "x"}, "x"),
    "sync": lambda ws: sync.sync(ws),
    "sync_continue": lambda ws: sync.sync_continue(ws),
    "sync_abort": lambda ws: sync.sync_abort(ws),
    "resolve": lambda ws: sync.resolve(ws, "REQ-1", "title", "mine"),
    "renumber": lambda ws: sync.renumber(ws, "demo", {"REQ-1": "REQ-2"}),
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_read_only_refuses(workspace, name):
    workspace.create("demo", "requirement", {"title": "需求"})
    ro = Workspace.find(workspace.root, read_only=True)
    before = _snapshot(workspace.root)
    with pytest.raises(ReadOnlyError):
        WRITES[name](ro)
    assert _snapshot(workspace.root) == before


def test_read_only_still_reads(workspace):
    workspace.create("demo", "requirement", {"title": "需求"})
    ro = Workspace(workspace.root, read_only=True)
    assert ro.read("demo", "REQ-1").title == "需求"
    assert list(ro.load("demo").records) == ["REQ-1"]
