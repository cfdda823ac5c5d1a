"""ProjectSession: what an open workspace has loaded, without a terminal.

Reads (now, or in another thread and installed later), the version that
moves with every change of an index, stamps of large projects, figures kept
per index, and looks at the disk."""
from __future__ import annotations

import threading

import pytest

from store.session import ProjectSession


@pytest.fixture
def ws(workspace, monkeypatch):
    monkeypatch.setattr("store.locations.RACY_NS", 0)  # stamp files written just now
    monkeypatch.delenv("ACCORD_NO_CACHE", raising=False)
    workspace.create("demo", "requirement", {"title": "登录支持企业微信扫码"})
    workspace.create("demo", "feedback", {"summary": "导出报表太慢"})
    return workspace


def test_index_is_read_once_and_each_change_moves_the_version(ws):
    s = ProjectSession(ws)
    assert not s.indexed("demo") and not s.large("demo")
    idx = s.index("demo")
    assert sorted(idx.records) == ["FB-1", "REQ-1"]
    v = s.version
    assert s.index("demo") is idx and s.version == v
    saved = ws.update("demo", "REQ-1", {"title": "扫码登录"})
    s.record_changed("demo", "REQ-1", saved.record)
    assert s.version > v and s.index("demo").records["REQ-1"].title == "扫码登录"
    assert ("REQ-1", "扫码登录") in [(e[0], e[1]) for e in s.entries("demo")]
    ws.delete("demo", "FB-1")
    s.record_changed("demo", "FB-1")         # gone from its file: gone here
    assert sorted(s.index("demo").records) == ["REQ-1"]
    v = s.version
    s.reload()
    assert s.version > v and not s.indexed("demo")
    assert s.title_of("demo", "REQ-1") == "扫码登录"


def test_a_small_project_is_not_read_in_the_background(ws):
    s = ProjectSession(ws)
    assert s.start_load("demo") is None
    assert s.start_load(None) is None


def test_a_background_read_is_installed_when_finished(ws):
    s = ProjectSession(ws, large_at=0)
    assert s.large("demo") and s.stamp("demo")      # the count's scan stamped it
    pending = s.start_load("demo")
    assert pending is not None and s.start_load("demo") is None  # not twice
    assert s.loading("demo") and not s.finish_load("demo")      # not done yet
    thread = threading.Thread(
        target=s.read, args=(pending, lambda slug, idx: ({}, "k", len(idx.records))))
    thread.start()
    thread.join()
    assert s.finish_load("demo") and s.indexed("demo") and not s.loading("demo")
    pdata = {}
    assert s.figures("demo", pdata, "k") is None     # figures of other project data
    assert s.finish_load("demo") is False            # installed once


def test_index_waits_for_a_read_under_way(ws):
    s = ProjectSession(ws, large_at=0)
    pending = s.start_load("demo")
    gate = threading.Event()

    def then(slug, index):
        gate.wait(10)
        return None
    thread = threading.Thread(target=s.read, args=(pending, then))
    thread.start()
    gate.set()
    assert sorted(s.index("demo").records) == ["FB-1", "REQ-1"]
    thread.join()
    assert not s.loading("demo") and not s.finish_load("demo")


def test_a_reload_drops_a_read_of_the_old_files(ws):
    s = ProjectSession(ws, large_at=0)
    old = s.start_load("demo")
    s.reload()
    s.read(old)
    assert not s.finish_load("demo") and not s.indexed("demo")
    new = s.start_load("demo")
    assert new is not None and new is not old


def test_an_error_of_a_background_read_is_raised_by_index(ws, monkeypatch):
    s = ProjectSession(ws, large_at=0)
    pending = s.start_load("demo")

    def broken(slug, index):
        raise OSError("disk gone")
    s.read(pending, broken)
    with pytest.raises(OSError):
        s.index("demo")


def test_figures_are_kept_per_index_version_and_data(ws):
    s = ProjectSession(ws)
    s.index("demo")
    pdata = s.project_data("demo")
    assert pdata["name"] == "客户关系管理系统" and s.project_data("demo") is pdata
    s.keep_figures("demo", pdata, ("zh",), "figures")
    assert s.figures("demo", pdata, ("zh",)) == "figures"
    assert s.figures("demo", pdata, ("en",)) is None
    s.record_changed("demo", "REQ-1")
    assert s.figures("demo", pdata, ("zh",)) is None


def test_stamp_is_dropped_when_the_index_changes(ws):
    s = ProjectSession(ws, large_at=0)
    stamp = s.stamp("demo") if s.large("demo") else None
    assert stamp
    s.index("demo")
    assert s.stamp("demo") == stamp        # the index is what the files were
    s.record_changed("demo", "REQ-1")
    assert s.stamp("demo") is None


def test_signoff_once_per_record_content(ws):
    s = ProjectSession(ws)
    rec = s.index("demo").records["REQ-1"]
    assert s.signoff(rec) == rec.signoff


def test_looks_at_the_disk_see_changes_and_changed_open_files(ws):
    s = ProjectSession(ws)
    path = ws.record_path("demo", "REQ-1")
    assert s.look("demo", [path]) == (False, [])   # the first look records
    assert s.looked()
    assert s.look("demo", [path]) == (False, [])
    ws.create("demo", "lesson", {"title": "早点对齐"})
    assert s.look("demo", [path]) == (True, [])     # another file: not this one
    ws.update("demo", "REQ-1", {"title": "扫码登录"})
    assert s.look("demo", [path]) == (True, [path])
    assert s.look("demo", [path]) == (False, [])


def test_index_reads_itself_when_the_reading_thread_has_not_started(ws):
    s = ProjectSession(ws, large_at=0)
    pending = s.start_load("demo")
    assert sorted(s.index("demo").records) == ["FB-1", "REQ-1"]
    v = s.version
    s.read(pending)                      # starts late: nothing left to do
    assert pending.index is None and not s.finish_load("demo") and s.version == v
