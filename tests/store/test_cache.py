"""The parsed-record cache gives exactly what a full parse gives."""
from __future__ import annotations

import os
import pickle

import pytest

from store import cache
from store.cache import load_index


def _snapshot(index):
    return ([(rid, r.kind.name, r.project, str(r.path), r.rel, r.data, r.digest)
             for rid, r in sorted(index.records.items())],
            sorted(index.problems))


def _same(ws, slug="demo", kinds=None):
    cached = load_index(ws, slug, kinds, use_cache=True)
    full = load_index(ws, slug, kinds, use_cache=False)
    assert _snapshot(cached) == _snapshot(full)
    return cached


@pytest.fixture
def ws(workspace, monkeypatch):
    monkeypatch.setattr("store.locations.RACY_NS", 0)  # cache even files written just now
    monkeypatch.delenv("ACCORD_NO_CACHE", raising=False)
    for i in range(5):
        workspace.create("demo", "requirement", {"title": f"需求 {i}", "priority": "must"})
    workspace.create("demo", "meeting", {"title": "Kick-off", "place": "会议室"})
    return workspace


def _cache_files(ws):
    return sorted(p.name for p in cache.cache_dir(ws, "demo").glob("*.pickle"))


def test_warm_load_uses_cache_and_matches_full_parse(ws, monkeypatch):
    first = _same(ws)
    assert len(first.records) == 6
    assert _cache_files(ws) == ["meetings.pickle", "requirements.pickle"]
    calls = []
    from store.model import codec
    real = codec.parse_bytes
    monkeypatch.setattr(codec, "parse_bytes", lambda b: calls.append(1) or real(b))
    warm = ws.load("demo")
    assert calls == []  # nothing parsed
    assert _snapshot(warm) == _snapshot(first)


def test_change_with_restored_mtime_is_seen(ws):
    ws.load("demo")
    p = ws.record_path("demo", "REQ-1")
    st = p.stat()
    text = p.read_text("utf-8")
    changed = text.replace("需求 0", "需求 9")
    assert len(changed.encode()) == len(text.encode())
    with open(p, "r+b") as fh:  # in place: same inode, same size
        fh.write(changed.encode("utf-8"))
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # mtime put back
    assert p.stat().st_mtime_ns == st.st_mtime_ns and p.stat().st_ino == st.st_ino
    idx = _same(ws)
    assert idx.records["REQ-1"].title == "需求 9"


def test_deleted_new_and_replaced_files(ws):
    ws.load("demo")
    ws.record_path("demo", "REQ-2").unlink()
    ws.create("demo", "requirement", {"title": "new one"})
    p = ws.record_path("demo", "REQ-3")
    p.write_text(p.read_text("utf-8").replace("需求 2", "需求 two"), "utf-8")
    idx = _same(ws)
    assert "REQ-2" not in idx.records and "REQ-6" in idx.records
    assert idx.records["REQ-3"].title == "需求 two"
    assert _same(ws).records.keys() == idx.records.keys()


def test_broken_files_reported_the_same_cold_and_warm(ws):
    folder = ws.project_dir("demo") / "requirements"
    (folder / "REQ-40.toml").write_text('title = "unterminated\n', "utf-8")
    (folder / "REQ-41.toml").write_bytes(b'title = "\xff"\n')
    (folder / "notes.toml").write_text("x = 1\n", "utf-8")
    (folder / "REQ-42.toml").mkdir()
    os.symlink(folder / "REQ-1.toml", folder / "REQ-43.toml")
    os.mkfifo(folder / "REQ-44.toml")  # a pipe: reported, never waited on
    cold = _same(ws)
    warm = _same(ws)
    assert sorted(cold.problems) == sorted(warm.problems)
    assert {p for p, _ in cold.problems} == {
        f"projects/demo/requirements/{n}" for n in
        ("REQ-40.toml", "REQ-41.toml", "notes.toml", "REQ-42.toml", "REQ-43.toml",
         "REQ-44.toml")}
    assert ("projects/demo/requirements/REQ-44.toml", "cannot be read (not a regular file)"
            ) in cold.problems
    # fixing a broken file is seen
    (folder / "REQ-40.toml").write_text('title = "fixed"\n', "utf-8")
    assert _same(ws).records["REQ-40"].title == "fixed"


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", pickle.dumps({"x": 1}),
                                     pickle.dumps(((999, "x"), {})),
                                     pickle.dumps((cache._header(), {"REQ-1.toml": (1, 2)}))])
def test_corrupt_cache_falls_back_to_full_parse(ws, garbage):
    ws.load("demo")
    (cache.cache_dir(ws, "demo") / "requirements.pickle").write_bytes(garbage)
    idx = _same(ws)
    assert len(idx.records) == 6
    # and it was rewritten in a usable form
    assert cache.read_folder_cache(cache.cache_dir(ws, "demo") / "requirements.pickle")


def test_racily_clean_files_are_not_cached(workspace, monkeypatch):
    monkeypatch.setattr("store.locations.RACY_NS", 3600 * 10**9)
    workspace.create("demo", "requirement", {"title": "fresh"})
    workspace.load("demo")
    entries = cache.read_folder_cache(cache.cache_dir(workspace, "demo") / "requirements.pickle")
    assert entries == {}


def test_kinds_subset_and_no_cache_env(ws, monkeypatch):
    from store.model.schema import KINDS
    idx = _same(ws, kinds=[KINDS["meeting"]])
    assert list(idx.records) == ["MTG-1"]
    cache.clear(ws)
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    ws.load("demo")
    assert not cache.cache_dir(ws, "demo").exists()


def test_unwritable_cache_dir_still_loads(ws):
    from store import locations
    base = locations.folder(ws.git.git_dir, "records")
    cache.clear(ws)
    base.parent.mkdir(parents=True, exist_ok=True)
    base.write_text("not a directory")  # mkdir under it fails
    assert len(ws.load("demo").records) == 6
    base.unlink()


def test_load_leaves_gc_state(ws):
    import gc
    assert gc.isenabled()
    ws.load("demo")
    assert gc.isenabled()
    gc.disable()
    try:
        ws.load("demo")
        assert not gc.isenabled()
    finally:
        gc.enable()


def _hand_written_mix(ws):
    """Records of four kinds plus broken files, written by hand."""
    pdir = ws.project_dir("demo")
    for folder, prefix in (("requirements", "REQ"), ("actions", "ACT"),
                           ("feedback", "FB"), ("issues", "ISS")):
        (pdir / folder).mkdir(exist_ok=True)
        for i in range(10, 40):
            (pdir / folder / f"{prefix}-{i}.toml").write_text(
                f'title = "手写 {prefix} {i} [bold]"\nstatus = "open"\n', "utf-8")
    (pdir / "actions" / "ACT-99.toml").write_text("title = [", "utf-8")
    (pdir / "issues" / "notes.toml").write_text('title = "x"', "utf-8")


def test_cold_and_warm_loads_of_many_folders_match_a_full_parse(ws):
    _hand_written_mix(ws)
    want = load_index(ws, "demo", use_cache=False)
    cache.clear(ws, "demo")
    for _ in range(2):  # cold, then from the cache
        got = load_index(ws, "demo", use_cache=True)
        assert _snapshot(got) == _snapshot(want)
        assert list(got.records) == list(want.records)  # kind order kept
        assert got.problems == want.problems


def test_sign_off_state_is_kept_with_the_parse(ws, monkeypatch):
    """A warm load hands each record its sign-off state from the cache: no
    fingerprint is worked out again; a changed file is worked out anew."""
    from store.model import records
    ws.confirm("demo", "REQ-1", by="王芳", via="邮件")
    cold = ws.load("demo")
    assert cold.records["REQ-1"].signoff == "current"
    calls = []
    real = records.signoff_state
    monkeypatch.setattr(records, "signoff_state", lambda *a: calls.append(a) or real(*a))
    warm = ws.load("demo")
    assert {rid: r.signoff for rid, r in warm.records.items()} == \
        {rid: r.signoff for rid, r in cold.records.items()}
    assert calls == []
    p = ws.record_path("demo", "REQ-1")
    p.write_text(p.read_text("utf-8").replace("需求 0", "需求 零"), "utf-8")
    assert ws.load("demo").records["REQ-1"].signoff == "stale"
