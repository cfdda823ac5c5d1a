"""The history reader on a scripted history with fixed dates."""
from __future__ import annotations

from store import locations

import json
import subprocess

import pytest

from store import history
from store.history import Event, parse_trailers, public, read_history, record_events


def _acts(events, c):
    names = {v: k for k, v in c.items()}
    return [(names.get(e["commit"]), e["id"], e["action"]) for e in events]


def test_events_of_every_kind_of_commit(scripted):
    ws, c = scripted
    h = read_history(ws, project="demo")
    assert _acts(h.events, c) == [
        ("project", "project", "create"),
        ("req1", "REQ-1", "create"),
        ("req1_edit", "REQ-1", "edit"),
        ("req1_confirm", "REQ-1", "confirm"),
        ("req1_hand", "REQ-1", "edit"),
        ("req2", "REQ-2", "create"),
        ("rename", "REQ-3", "renumber"),
        ("hand_delete", "REQ-1", "delete"),
        ("broken", "REQ-4", "create"),
        ("fixed", "REQ-4", "edit"),
        ("fb1", "FB-1", "create"),
        ("req3_edit", "REQ-3", "edit"),
        ("side2", "REQ-3", "edit"),
        ("main2", "REQ-3", "edit"),
        ("merge2", "REQ-3", "edit"),
        ("renumber", "REQ-5", "renumber"),
    ]
    # every commit of the range is listed, the clean merge too (no events)
    assert [x.id for x in h.commits][-1] == c["renumber"]
    assert c["merge1"] in [x.id for x in h.commits]


def test_exact_events_of_one_record(scripted):
    ws, c = scripted
    ev = [public(e) for e in record_events(ws, "demo", "REQ-1")]
    assert ev[0] == {
        "commit": c["req1"], "author": "测试用户 <tester@example.com>",
        "date": "2026-11-02T09:00:00+08:00", "action": "create",
        "fields": {"title": [None, "登录"], "status": [None, "draft"],
                   "statement": [None, "扫码登录"], "priority": [None, "must"],
                   "created": [None, "2026-11-02"]},
        "why": "kickoff"}
    assert ev[1]["fields"] == {"statement": ["扫码登录", "扫码登录\n3 秒内"]}
    assert ev[1]["why"] == "line one\nline two"
    assert ev[2]["action"] == "confirm"
    assert ev[2]["fields"]["status"] == ["draft", "confirmed"]
    assert ev[2]["fields"]["confirmation.by"] == [None, "张伟"]
    assert ev[2]["fields"]["confirmation.on"] == [None, "2026-11-04"]
    # a hand edit: no trailers, author and own offset kept, action from the diff
    assert ev[3] == {"commit": c["req1_hand"], "author": "王五 <wang@example.com>",
                     "date": "2026-11-05T23:30:00-05:00", "action": "edit",
                     "fields": {"title": ["登录", "扫码登录"]}, "why": None}
    # a hand deletion: every field to null
    assert ev[4]["action"] == "delete"
    assert ev[4]["fields"]["title"] == ["扫码登录", None]
    assert ev[4]["fields"]["confirmation.by"] == ["张伟", None]
    json.dumps(ev)  # everything JSON-able


def test_renames_and_renumbers_are_followed(scripted):
    ws, c = scripted
    ev = record_events(ws, "demo", "REQ-5")
    assert _acts(ev, c) == [
        ("req2", "REQ-2", "create"), ("rename", "REQ-3", "renumber"),
        ("req3_edit", "REQ-3", "edit"), ("side2", "REQ-3", "edit"),
        ("main2", "REQ-3", "edit"), ("merge2", "REQ-3", "edit"),
        ("renumber", "REQ-5", "renumber")]
    assert ev[1]["fields"] == {"id": ["REQ-2", "REQ-3"]}
    assert ev[-1]["fields"] == {"id": ["REQ-3", "REQ-5"]}


def test_merge_keeps_only_its_own_resolution(scripted):
    ws, c = scripted
    h = read_history(ws, project="demo")
    merge_events = [e for e in h.events if e["commit"] == c["merge2"]]
    assert len(merge_events) == 1
    assert merge_events[0]["fields"] == {
        "title": ["导出 PDF 报表", "导出 PDF 和 Excel 报表"]}
    assert not [e for e in h.events if e["commit"] == c["merge1"]]


def test_broken_versions_become_events_not_crashes(scripted):
    ws, c = scripted
    ev = record_events(ws, "demo", "REQ-4")
    assert [e["action"] for e in ev] == ["create", "edit"]
    assert ev[0]["fields"] == {} and "not valid TOML" in ev[0]["problem"]
    assert "earlier version" in ev[1]["problem"]
    assert ev[1]["title"] == "修好的文件"


def test_ranges_and_dates(scripted):
    ws, c = scripted
    h = read_history(ws, revs=[f"{c['fixed']}..HEAD"], project="demo")
    assert c["fixed"] not in [x.id for x in h.commits]
    assert h.commits[0].id in (c["fb1"], c["req3_edit"])
    # dates in the commit's own offset, both ends included
    h = read_history(ws, since_date="2026-11-05", until_date="2026-11-05")
    assert [x.id for x in h.commits] == [c["req1_hand"]]


def test_bulk_reads_and_cache(scripted, monkeypatch):
    ws, c = scripted
    calls = []
    real = subprocess.Popen

    def spy(args, *a, **kw):
        calls.append(args)
        return real(args, *a, **kw)

    monkeypatch.setattr(subprocess, "Popen", spy)
    read_history(ws)
    logs = [a for a in calls if "log" in a]
    cats = [a for a in calls if "cat-file" in a]
    # one list (subprocess.run uses Popen), one streamed log, one cat-file
    assert len(logs) == 2 and len(cats) == 1
    assert (locations.folder(ws.git.git_dir, "events") / "index.marshal").is_file()
    calls.clear()
    h2 = read_history(ws)
    assert [a for a in calls if "cat-file" in a] == []
    assert [a for a in calls if "--raw" in a] == []  # nothing read again
    assert len(h2.events) > 10


def test_cache_gives_the_same_events(scripted):
    ws, c = scripted
    first = read_history(ws).events
    second = read_history(ws).events
    assert first == second
    assert all(isinstance(e, Event) for e in second)


def test_events_are_typed(scripted):
    """An event is an Event (frozen); it also reads like a mapping."""
    import dataclasses
    ws, c = scripted
    e = next(e for e in read_history(ws).events if e.commit == c["merge2"])
    assert e == Event(commit=c["merge2"], author=e.author, date=e.date, action="edit",
                      fields=e.fields, why=e.why, id="REQ-3", project="demo",
                      kind="requirement", title=e.title,
                      path="projects/demo/requirements/REQ-3.toml",
                      old_blob=e.old_blob, new_blob=e.new_blob,
                      other_blob=e.other_blob)
    assert e.other_blob and e["other_blob"] == e.other_blob
    assert e.get("problem") is None and "problem" not in e
    with pytest.raises(KeyError):
        e["problem"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.action = "create"
    assert dict(e)["id"] == "REQ-3" and public(e) == {
        k: getattr(e, k) for k in ("commit", "author", "date", "action", "fields", "why")}


def test_kept_events_and_a_new_commit_read_as_a_cold_read(scripted):
    """After a new commit only it is read from git; the whole history then
    equals a read with nothing kept."""
    from helpers import at
    ws, c = scripted
    read_history(ws)
    with at("2026-11-17T09:00:00+08:00"):
        ws.update("demo", "REQ-5", {"priority": "could"})
    warm = read_history(ws).events
    _no_cache(ws)
    assert read_history(ws).events == warm
    assert warm[-1]["fields"] == {"priority": [warm[-1]["fields"]["priority"][0], "could"]}


def _no_cache(ws):
    import shutil
    shutil.rmtree(locations.folder(ws.git.git_dir, "events"), ignore_errors=True)


def _listing(ws):
    return [(c.id, list(c.parents), c.author, c.date, c.subject)
            for c in history.list_commits(ws)]


def test_a_kept_commit_list_grows_with_new_commits(scripted, monkeypatch):
    """After new commits on top of a listed HEAD only the new ones are asked
    of git, and the list is exactly git's full listing; a merged side branch
    (commits that do not descend from the old HEAD) is listed again whole."""
    from helpers import at, git
    ws, c = scripted
    monkeypatch.setattr(history, "COMMIT_LIST_CACHE_MIN", 1)
    _listing(ws)
    with at("2026-11-17T09:00:00+08:00"):
        ws.update("demo", "REQ-5", {"priority": "could"})
    with at("2026-11-17T10:00:00+08:00"):
        ws.create("demo", "requirement", {"title": "新需求"})
    asked = []
    real = ws.git.commit_list

    def spy(revs, *a):
        asked.append(list(revs))
        return real(revs, *a)
    monkeypatch.setattr(ws.git, "commit_list", spy)
    grown = _listing(ws)
    assert len(asked) == 1 and ".." in asked[0][0]  # only the new commits
    _no_cache(ws)
    assert grown == _listing(ws)
    # a side branch from an old commit, merged: listed again, still exact
    git(ws.root, "switch", "-q", "-c", "old-side", c["req2"])
    with at("2026-11-18T09:00:00+08:00"):
        ws.create("demo", "decision", {"title": "旁支决议"})
    git(ws.root, "switch", "-q", "main")
    with at("2026-11-18T10:00:00+08:00"):
        git(ws.root, "merge", "-q", "--no-ff", "-m", "merge old side", "old-side")
    asked.clear()
    merged = _listing(ws)
    assert [r for r in asked if ".." not in r[0]], asked  # a full listing
    _no_cache(ws)
    assert merged == _listing(ws)


@pytest.mark.parametrize("msg,want", [
    ("s\n\nWhy: a\n b\nAccord-Action: edit\n", {"Why": "a\nb", "Accord-Action": "edit"}),
    ("s\n\nbody line\n", {}),
    ("only subject", {}),
    ("s\n\nbody\n\nWhy: x\nnot a trailer\n", {}),
])
def test_trailers(msg, want):
    assert parse_trailers(msg) == want


_D = __import__("datetime").date


@pytest.mark.parametrize("before,after", [
    (None, {"title": "新", "tags": ["a"], "signoff": {"by": "张伟", "on": _D(2026, 11, 2)}}),
    ({"title": "旧", "n": 1}, None),
    ({"title": "a", "n": 1, "x": 2.0}, {"title": "a", "n": True, "x": 2}),   # same ==, other type
    ({"title": "a", "n": 1}, {"title": "a", "n": 1}),                          # nothing changed
    ({"title": "a", "old": "x"}, {"title": "a", "new": "x"}),                  # same size, renamed
    ({"a": {"b": 1, "c": [1, 2]}}, {"a": {"b": 1, "c": [1, 3], "d": _D(2026, 1, 1)}}),
    ({"a": "scalar"}, {"a": {"now": "a table"}}),
    ({"t": "a", "gone": 1}, {"t": "b"}),
])
def test_history_field_changes_are_the_stores_diff(before, after):
    """The diff as JSON values (what events hold) is the store's diff with
    its values made JSON-able, in the same order."""
    from store.model.records import diff_fields, jsonable
    want = {k: [jsonable(a), jsonable(b)] for k, (a, b) in diff_fields(before, after).items()}
    got = diff_fields(before, after, as_json=True)
    assert got == want
    assert list(got) == list(want)


def test_sync_renumber_follows_only_the_renumbered_record(tmp_path):
    """Two clones both create REQ-2; sync renumbers Bob's to REQ-3.  REQ-3's
    history is Bob's record only, and REQ-2's is Alice's only."""
    from store.team import sync
    from store.workspace import Workspace
    from helpers import at, git
    with at("2026-11-01T09:00:00+08:00"):
        a = Workspace.init(tmp_path / "alice", name="团队", language="zh")
        a.new_project("demo", "客户关系管理系统", "某城市商业银行")
        sync.init_remote(a, str(tmp_path / "remote.git"))
        git(a.root, "push", "-q", "-u", "origin", "main")
        b = sync.clone(str(tmp_path / "remote.git"), tmp_path / "bob")
    with at("2026-11-02T09:00:00+08:00"):
        a.create("demo", "requirement", {"title": "共同需求"})
        sync.sync(a)
        sync.sync(b)
    with at("2026-11-03T09:00:00+08:00", ("Alice", "alice@example.com")):
        a.create("demo", "requirement", {"title": "甲的新需求"})
        sync.sync(a)
    with at("2026-11-03T10:00:00+08:00", ("Bob", "bob@example.com")):
        b.create("demo", "requirement", {"title": "乙的新需求"})
        b.update("demo", "REQ-2", {"priority": "must"})
    with at("2026-11-04T09:00:00+08:00", ("Bob", "bob@example.com")):
        assert sync.sync(b).renumbered == [("demo", "REQ-2", "REQ-3")]
    mine = record_events(b, "demo", "REQ-3")
    assert [e["action"] for e in mine] == ["create", "edit", "renumber"]
    assert all(e["author"].startswith("Bob") for e in mine)
    assert mine[0]["fields"]["title"] == [None, "乙的新需求"]
    theirs = record_events(b, "demo", "REQ-2")
    assert [e["action"] for e in theirs] == ["create"]
    assert theirs[0]["author"].startswith("Alice")


def test_path_limited_reading_gives_the_same_record_history(scripted, monkeypatch):
    ws, c = scripted
    full = {rid: record_events(ws, "demo", rid) for rid in ("REQ-1", "REQ-4", "REQ-5", "FB-1")}
    import shutil
    shutil.rmtree(locations.folder(ws.git.git_dir, "events"))
    monkeypatch.setattr(history, "PATH_SCAN_ABOVE", 0)
    for rid, want in full.items():
        assert record_events(ws, "demo", rid) == want, rid
