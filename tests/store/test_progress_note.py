"""Progress of long store work (store.progress_note): the stages a report
tells, in order; a first record load folder by folder; a display that
fails never stops the work."""
from __future__ import annotations

import datetime as dt

import pytest

from store import cache, progress_note, reports
from store.model.schema import KINDS

TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def ws(workspace):
    workspace.create("demo", "requirement", {"title": "客户视图", "priority": "must"})
    workspace.create("demo", "meeting", {"title": "第 1 次周例会",
                                         "date": dt.date(2026, 11, 13)})
    workspace.move("demo", "MTG-1", "held")
    workspace.create("demo", "feedback", {"title": "导出太慢", "summary": "导出要一分钟"})
    return workspace


def stages(calls) -> list[str]:
    """The stages in the order first told."""
    out: list[str] = []
    for stage, _done, _total in calls:
        if not out or out[-1] != stage:
            out.append(stage)
    return out


@pytest.mark.parametrize("kind", ["summary", "progress", "final"])
def test_a_report_with_history_tells_records_history_writing(ws, kind):
    calls: list = []
    reports.build(ws, "demo", kind, today=TODAY, progress=lambda *a: calls.append(a))
    assert stages(calls) == ["reading-records", "reading-history", "writing"]
    assert calls[0] == ("reading-records", 0, None)


@pytest.mark.parametrize("kind, kw", [("requirements", {}),
                                      ("minutes", {"meeting": "MTG-1"})])
def test_a_report_of_records_alone_tells_records_then_writing(ws, kind, kw):
    calls: list = []
    reports.build(ws, "demo", kind, today=TODAY, progress=lambda *a: calls.append(a),
                  **kw)
    assert stages(calls) == ["reading-records", "writing"]


def test_the_record_load_inside_a_report_tells_its_folders(ws):
    cache.clear(ws)
    calls: list = []
    reports.build(ws, "demo", "requirements", today=TODAY,
                  progress=lambda *a: calls.append(a))
    folders = [c for c in calls if c[0] == "reading-records" and c[2]]
    assert folders and folders[-1][1] == folders[-1][2]
    assert [c[1] for c in folders] == sorted(c[1] for c in folders)


def test_a_first_load_tells_each_folder_once(ws):
    cache.clear(ws)
    calls: list = []
    index = cache.load_index(ws, "demo", progress=lambda *a: calls.append(a))
    n = len(KINDS)
    assert calls == [("reading-records", i, n) for i in range(1, n + 1)]
    assert "REQ-1" in index.records


def test_reporting_reaches_a_load_that_was_given_no_progress(ws):
    calls: list = []
    with progress_note.reporting(lambda *a: calls.append(a)):
        ws.load("demo")
    assert calls and calls[-1][0] == "reading-records"
    calls.clear()
    ws.load("demo")  # outside: nothing told
    assert calls == []


def test_a_failing_display_never_stops_the_work(ws):
    told: list = []

    def broken(*a):
        told.append(a)
        raise RuntimeError("the app has ended")
    doc = reports.build(ws, "demo", "summary", today=TODAY, progress=broken)
    assert doc["type"] == "summary"
    assert len(told) == 1  # then it is called no more
