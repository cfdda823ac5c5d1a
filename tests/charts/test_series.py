"""store/history/charts.py: the three series on a scripted history with fixed
dates, and their cache (a second call is answered from the kept file)."""
from __future__ import annotations

import datetime as dt
import json

from scripted import TODAY

from store.history import charts
from store.git.plain import dated


def _series(ws, lang="zh", today=TODAY):
    return charts.project_series(ws, "crm", ws.load("crm"), today, lang)


def test_weeks_end_with_todays_week():
    starts = charts.week_starts(dt.date(2026, 11, 20), 3)
    assert starts == [dt.date(2026, 11, 2), dt.date(2026, 11, 9), dt.date(2026, 11, 16)]


def test_open_items_by_kind_walk_back_through_history(chartws):
    ws, _ = chartws
    s = _series(ws)
    assert s["weeks"][-3:] == ["11-02", "11-09", "11-16"]
    # ACT-1 and ACT-2 open in the first week; ACT-2 done on 11-10; ACT-3 new on 11-17
    assert s["open"]["action"][-3:] == [2, 1, 2]
    # the risk raised on 11-12 is open from the second week on
    assert s["open"]["issue"][-3:] == [0, 1, 1]
    # open is by status (both feedback items are still "received"): FB-2
    # from 11-13, FB-1 from 11-18
    assert s["open"]["feedback"][-3:] == [0, 1, 2]
    # nothing before the project existed
    assert all(v[0] == 0 for v in s["open"].values())
    assert s["kinds"]["action"] == "待办" and s["kinds"]["issue"] == "风险与问题"


def test_reply_days_against_promised(chartws):
    ws, _ = chartws
    rep = _series(ws)["replies"]
    # week of 11-09: FB-2 took 4 days, 2 promised; week of 11-16: FB-1 1 and 1
    assert rep["days"][-2:] == [4.0, 1.0]
    assert rep["promised"][-2:] == [2.0, 1.0]
    assert rep["replied"][-3:] == [0, 1, 1]
    assert rep["days"][:6] == [None] * 6


def test_requirement_changes_since_the_baseline(chartws):
    ws, _ = chartws
    ch = _series(ws)["changes"]
    assert ch["baseline"] == "kickoff"
    # REQ-2 created and proposed on 11-12, REQ-1 edited by hand on 11-19
    assert ch["counts"][-3:] == [0, 2, 1]
    assert ch["total"] == 3


def test_no_baseline_gives_no_changes(workspace):
    ws = workspace
    ws.create("demo", "requirement", {"title": "登录", "priority": "must"})
    s = charts.project_series(ws, "demo", ws.load("demo"), TODAY, "en")
    assert s["changes"] == {"baseline": None, "counts": [0] * charts.WEEKS, "total": 0}
    assert s["open"] == {"requirement": [0] * (charts.WEEKS - 1) + [1]}
    assert s["kinds"] == {"requirement": "Requirement"}


def test_series_are_kept_per_head_day_and_language(chartws):
    ws, _ = chartws
    first = _series(ws)
    kept = charts.cache_path(ws, "crm", TODAY, "zh", ws.git.head())
    assert kept.is_file()
    assert json.loads(kept.read_text(encoding="utf-8")) == first
    assert _series(ws) == first  # answered from the file
    assert _series(ws, lang="en")["kinds"]["action"] != first["kinds"]["action"]
    # a new commit is a new key: the change is counted, the old file dropped
    with dated("2026-11-20T09:00:00+08:00"):
        ws.update("crm", "REQ-2", {"priority": "must"})
    after = _series(ws)
    assert after["changes"]["total"] == first["changes"]["total"] + 1
    assert not kept.exists()


def test_a_kept_file_is_what_is_answered(chartws):
    """The kept file is read back as it is: proof that a warm call reads
    no history (the history would give the true total)."""
    ws, _ = chartws
    first = _series(ws)
    kept = charts.cache_path(ws, "crm", TODAY, "zh", ws.git.head())
    doctored = dict(first, changes=dict(first["changes"], total=99))
    kept.write_text(json.dumps(doctored, ensure_ascii=False), encoding="utf-8")
    assert _series(ws)["changes"]["total"] == 99


def test_no_cache_switch_keeps_nothing(chartws, monkeypatch):
    ws, _ = chartws
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    _series(ws)
    assert not charts.cache_path(ws, "crm", TODAY, "zh", ws.git.head()).exists()
