"""The history reader on a scripted history with fixed dates."""
from __future__ import annotations

from store import locations

import json
import subprocess

import pytest

from store import history
from store.gitrepo import GitError
from store.history import parse_trailers, public, read_history, record_events


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
    assert (locations.folder(ws.git.git_dir, "events") / "index.pickle").is_file()
    calls.clear()
    h2 = read_history(ws)
    assert [a for a in calls if "cat-file" in a] == []
    assert len([a for a in calls if "log" in a]) == 1
    assert len(h2.events) > 10


def test_cache_gives_the_same_events(scripted):
    ws, c = scripted
    first = read_history(ws).events
    second = read_history(ws).events
    assert first == second


def _no_cache(ws):
    import shutil
    shutil.rmtree(locations.folder(ws.git.git_dir, "events"), ignore_errors=True)


def test_two_process_read_gives_the_same_events(scripted, monkeypatch, forks):
    """A long uncached range is read by this process and a forked child
    (the child caches the older part); the events are exactly the one-process
    reader's, in the same order, and all of them end up in the cache."""
    ws, c = scripted
    want = read_history(ws).events
    rng = [f"{c['req2']}..HEAD"]
    want_rng = read_history(ws, revs=rng).events
    _no_cache(ws)
    monkeypatch.setattr(history, "SPLIT_MIN", 2)
    monkeypatch.setattr(history, "HANDOVER", 2)  # many segments handed over
    got = read_history(ws).events
    assert forks == [1]
    assert got == want
    # a range, started: this process reads its part now, the child's part
    # is taken when the caller (which loaded records meanwhile) asks for it
    _no_cache(ws)
    wait = history.read_history_soon(ws, revs=rng)
    assert forks == [1, 1]
    assert wait().events == want_rng
    # the whole history, nothing cached: git lists the commits while the
    # caller works on and a child reads the newest ones (_ReadAhead); the
    # rest is read when the answer is asked for, split again when long
    _no_cache(ws)
    wait = history.read_history_soon(ws)
    assert forks == [1, 1, 1]
    assert wait().events == want
    assert forks in ([1, 1, 1], [1, 1, 1, 1])  # (how far the child got decides)
    monkeypatch.setattr(history, "_read_missing_soon", None)  # all cached now
    assert read_history(ws).events == want


def test_a_failed_child_is_read_again_here(scripted, monkeypatch):
    import os
    ws, c = scripted
    want = read_history(ws).events
    _no_cache(ws)
    monkeypatch.setattr(history, "SPLIT_MIN", 2)
    parent = os.getpid()
    real = history._read_serial

    def serial(*a):
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return real(*a)
    monkeypatch.setattr(history, "_read_serial", serial)
    assert read_history(ws).events == want


def test_a_child_dying_half_way_hands_over_what_it_read(scripted, monkeypatch):
    """The segments the child announced are taken; the commits it never
    got to are read here."""
    import os
    import time
    ws, c = scripted
    want = read_history(ws).events
    _no_cache(ws)
    monkeypatch.setattr(history, "SPLIT_MIN", 2)
    monkeypatch.setattr(history, "HANDOVER", 1)
    monkeypatch.setattr(history, "CHUNK_MIN", 1)
    parent = os.getpid()
    real = history.commit_events
    real_serial = history._read_serial
    done = []

    def events(*a, **kw):
        if os.getpid() != parent:
            done.append(1)
            if len(done) > 2:
                os._exit(3)  # killed after announcing two segments
        return real(*a, **kw)

    def slow_here(*a, **kw):
        if os.getpid() == parent:
            time.sleep(0.2)  # the child takes the next chunks meanwhile
        return real_serial(*a, **kw)
    monkeypatch.setattr(history, "commit_events", events)
    monkeypatch.setattr(history, "_read_serial", slow_here)
    taken = []
    real_segment = history.EventCache.read_segment
    monkeypatch.setattr(history.EventCache, "read_segment",
                        lambda self, name: taken.append(name) or real_segment(self, name))
    assert read_history(ws).events == want
    assert len(taken) == 2


def test_the_read_ahead_child_stops_where_the_list_says(scripted, monkeypatch):
    """When git's list is there, the read-ahead child is given a third of
    what is left (half when this process reads its part alone); this
    process gets the older commits."""
    from store import procs
    ws, _ = scripted
    monkeypatch.setattr(procs, "in_child", lambda work: (lambda: True))  # no child
    commits = [f"c{i}" for i in range(50000)]
    ahead = history._ReadAhead(ws, ["HEAD"])
    ahead.counts[ahead.READ] = 5000
    assert ahead.share(commits) == commits[:31500]  # 5,000 + 30 % of 45,000
    assert ahead.counts[ahead.LIMIT] == 18500
    ahead.counts[ahead.READ] = 100
    assert ahead.share(commits[:1000]) == commits[:450]  # 100 + half of 900
    ahead.counts[ahead.READ] = 30000  # never past its own limit
    assert ahead.share(commits) == commits[:50000 - history.READ_AHEAD_MAX]
    # (in the child) it stops at the limit, or when its parent is gone
    import os
    ahead.parent = os.getppid()  # as in the child: its parent is there
    ahead.counts[ahead.LIMIT] = 0
    assert not ahead.read_one()  # no limit yet
    ahead.counts[ahead.LIMIT] = 2
    assert ahead.read_one() and ahead.counts[ahead.READ] == 2
    ahead.counts[ahead.LIMIT] = 0
    ahead.parent = -1  # an orphan: the parent failed before asking
    assert ahead.read_one()
    ahead.take({})  # the pipe's end: nothing was handed over


def test_a_read_ahead_child_that_stops_early_leaves_its_rest_to_this_process(
        scripted, monkeypatch):
    """Whatever the read-ahead child did not read (it died, or its walk and
    the list disagree) is read here; what it announced is taken."""
    import os
    ws, _ = scripted
    want = read_history(ws).events
    _no_cache(ws)
    parent = os.getpid()
    real = history._ReadAhead.read_one

    def read_one(self):
        if os.getpid() != parent and self.done >= 3:
            os._exit(3)  # dies after reading three commits
        return real(self)
    monkeypatch.setattr(history._ReadAhead, "read_one", read_one)
    monkeypatch.setattr(history, "HANDOVER", 1)  # each commit handed over at once
    taken = []
    real_segment = history.EventCache.read_segment
    monkeypatch.setattr(history.EventCache, "read_segment",
                        lambda self, name: taken.append(name) or real_segment(self, name))
    wait = history.read_history_soon(ws)
    assert wait().events == want
    assert len(taken) >= 3  # its segments, before it died


def test_the_read_ahead_child_passes_over_cached_commits(scripted, monkeypatch, tmp_path):
    import os
    ws, c = scripted
    want = read_history(ws).events
    _no_cache(ws)
    read_history(ws, revs=[f"{c['req2']}..HEAD"])  # the newest commits are cached
    cached = set(history.EventCache(ws.git.git_dir).index())
    parent = os.getpid()
    log = tmp_path / "read-by-the-child.txt"
    real = history.commit_events

    def events(rc, *a, **kw):
        if os.getpid() != parent:
            with open(log, "a") as fh:
                fh.write(rc.id + "\n")
        return real(rc, *a, **kw)
    monkeypatch.setattr(history, "commit_events", events)
    assert history.read_history_soon(ws)().events == want
    read = set(log.read_text().split()) if log.exists() else set()
    assert cached and not read & cached


def test_a_failed_listing_stops_the_read_ahead_child(scripted, monkeypatch):
    """The error reaches the caller after the child was told to stop and
    waited for (it would otherwise walk on for up to READ_AHEAD_MAX)."""
    from store import gitrepo
    ws, _ = scripted
    _no_cache(ws)

    def failing(self, revs, paths=()):
        def collect():
            raise GitError(["log"], 128, "fatal: bad object")
        return collect
    monkeypatch.setattr(gitrepo.GitRepo, "commit_list_soon", failing)
    limits = []
    real = history._ReadAhead.take

    def take(self, found):
        limits.append(self.counts[self.LIMIT])
        return real(self, found)
    monkeypatch.setattr(history._ReadAhead, "take", take)
    wait = history.read_history_soon(ws)
    with pytest.raises(GitError):
        wait()
    assert limits == [1]


def test_chunks_cover_the_list_newest_first():
    missing = [f"c{i}" for i in range(50000)]
    chunks = history._chunks(missing)
    assert [c for ch in reversed(chunks) for c in ch] == missing
    sizes = [len(ch) for ch in chunks]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 50000 // 4
    assert min(sizes[:-1]) >= history.CHUNK_MIN
    assert history._chunks([]) == [] and history._chunks(["a"]) == [["a"]]


def test_compaction_keeps_a_segment_not_yet_indexed(scripted, monkeypatch):
    """A child's segment is on disk before the index names it; another
    process compacting the cache meanwhile must not delete it (only the
    segments it merged, and files of writers dead for an hour)."""
    import os
    import time
    ws, _ = scripted
    read_history(ws)
    cache = history.EventCache(ws.git.git_dir)
    pending = cache.write_segment([("f" * 40, ())])
    orphan = cache.write_segment([("e" * 40, ())])
    hour_ago = time.time() - history.ORPHAN_AGE - 60
    os.utime(cache.dir / orphan, (hour_ago, hour_ago))
    before = set(cache.index().values())
    monkeypatch.setattr(history.EventCache, "MAX_SEGMENTS", 0)
    cache.index_segments({cache.write_segment([("d" * 40, ())]): ["d" * 40]})
    left = {p.name for p in cache.dir.iterdir()}
    assert pending in left and orphan not in left
    assert not (before & left)  # merged into new segments
    fresh = history.EventCache(ws.git.git_dir)
    assert fresh.get("d" * 40) == [] and fresh.get("f" * 40) is None
    assert read_history(ws).events  # the cache still answers


def test_history_read_while_the_caller_works(scripted, monkeypatch):
    """In the app (threads: no fork) a short read goes on in a thread; an
    error in it reaches the caller."""
    ws, c = scripted
    want = read_history(ws).events
    monkeypatch.setattr(history, "_may_fork", lambda cache: False)
    _no_cache(ws)
    wait = history.read_history_soon(ws)
    assert wait().events == want
    _no_cache(ws)

    def broken(*a):
        raise GitError(["log"], 128, "fatal: bad object")
    monkeypatch.setattr(history, "_read_missing", broken)
    wait = history.read_history_soon(ws)
    with pytest.raises(GitError):
        wait()


def test_short_read_by_a_child_while_the_caller_works(scripted, monkeypatch, forks):
    """On the command line a short read started for a caller goes to a
    forked child (a thread would take turns with the caller's Python): the
    same events; when it fails, and reading again here fails too, the error
    reaches the caller.  (A range: the whole history, nothing cached, is
    listed first -- see test_two_process_read_gives_the_same_events.)"""
    import os
    ws, c = scripted
    rng = [f"{c['req2']}..HEAD"]
    want = read_history(ws, revs=rng).events
    _no_cache(ws)
    wait = history.read_history_soon(ws, revs=rng)
    assert forks == [1]
    assert wait().events == want
    _no_cache(ws)
    parent = os.getpid()
    real = history._read_serial
    calls = []

    def broken(*a):
        if os.getpid() != parent:
            os._exit(3)  # the child dies
        calls.append(1)
        raise GitError(["log"], 128, "fatal: bad object")
    monkeypatch.setattr(history, "_read_serial", broken)
    wait = history.read_history_soon(ws, revs=rng)
    assert calls == []  # this process read nothing yet
    with pytest.raises(GitError):
        wait()
    monkeypatch.setattr(history, "_read_serial", real)
    _no_cache(ws)
    assert history.read_history_soon(ws, revs=rng)().events == want


def test_the_caller_helps_with_the_chunks_a_slow_child_left(scripted, monkeypatch):
    """A short read started for a caller is cut into chunks; when the
    caller asks for the answer, it reads the chunks the child has not
    taken yet, and takes the child's over."""
    import os
    import time
    ws, c = scripted
    rng = [f"{c['req2']}..HEAD"]
    want = read_history(ws, revs=rng).events
    _no_cache(ws)
    monkeypatch.setattr(history, "SHORT_CHUNK_MIN", 1)
    parent = os.getpid()
    real = history._read_serial
    mine = []

    def serial(*a, **kw):
        if os.getpid() != parent:
            time.sleep(0.3)  # a child on a busy core
        else:
            mine.append(len(a[1]))
        return real(*a, **kw)
    monkeypatch.setattr(history, "_read_serial", serial)
    wait = history.read_history_soon(ws, revs=rng)
    assert mine == []  # nothing read here before the answer is asked for
    assert wait().events == want
    assert mine  # this process read some of it
    monkeypatch.setattr(history, "_read_missing_soon", None)  # all cached now
    assert read_history(ws, revs=rng).events == want


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
    real_soon = ws.git.commit_list_soon

    def spy(revs, *a):
        asked.append(list(revs))
        return real(revs, *a)

    def spy_soon(revs, *a):
        asked.append(list(revs))
        return real_soon(revs, *a)
    monkeypatch.setattr(ws.git, "commit_list", spy)
    monkeypatch.setattr(ws.git, "commit_list_soon", spy_soon)
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
    """The history reader's own diff (on its hot path) gives what
    store.records.diff_fields gives, as JSON values, in the same order."""
    from store.records import diff_fields, jsonable
    want = {k: [jsonable(a), jsonable(b)] for k, (a, b) in diff_fields(before, after).items()}
    got = history._fields(before, after)
    assert got == want
    assert list(got) == list(want)


def test_sync_renumber_follows_only_the_renumbered_record(tmp_path):
    """Two clones both create REQ-2; sync renumbers Bob's to REQ-3.  REQ-3's
    history is Bob's record only, and REQ-2's is Alice's only."""
    from store import sync
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


def test_no_child_inside_the_app_s_event_loop(scripted, monkeypatch):
    """The app runs an event loop (and threads): a fork would copy them
    half-way, so its reads stay in this process."""
    import asyncio
    ws, c = scripted
    want = read_history(ws).events
    _no_cache(ws)
    monkeypatch.setattr(history, "SPLIT_MIN", 2)
    monkeypatch.setattr(history.os, "fork", lambda: pytest.fail("forked"))

    async def in_app():
        return history.read_history_soon(ws)().events
    assert asyncio.run(in_app()) == want
