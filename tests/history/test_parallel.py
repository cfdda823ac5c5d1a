"""The fast paths (records parsed in two processes, the period's history
read by a child while the records load, the summary parsing only the files
it may list, and the caches of all that) give exactly what one process
parsing everything gives."""
from __future__ import annotations

import os
import shutil

from store import history, reports
from store.reports import common


def _texts(ws):
    out = []
    for kind in ("summary", "progress"):
        for since in (None, "kickoff", "2000-01-01"):
            doc = reports.build(ws, "crm", kind, since=since)
            out.append(reports.render(doc, "json"))
            out.append(reports.render(doc, "md"))
    return out


def _cold(ws):
    shutil.rmtree(ws.git.git_dir / "accord", ignore_errors=True)


def test_forked_cold_paths_give_the_same_documents(reportws, monkeypatch):
    ws, c = reportws
    from store.reports import summary
    real_needed = summary.needed
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")      # no cache, no fork,
    monkeypatch.setattr(summary, "needed", lambda kind, raw: True)  # every file parsed
    _cold(ws)
    want = _texts(ws)
    monkeypatch.delenv("ACCORD_NO_CACHE")
    monkeypatch.setattr(summary, "needed", real_needed)
    monkeypatch.setattr(common, "PARALLEL_FILES", 0)
    monkeypatch.setattr(history, "BACKGROUND_MIN", 0)
    forks = []
    real_fork = os.fork

    def spy():
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", spy)
    _cold(ws)
    cold = _texts(ws)
    warm = _texts(ws)
    assert cold == want and warm == want
    # a long read: the older half started ahead, the newer half read later
    monkeypatch.setattr(history, "BACKGROUND_MAX", 0)
    monkeypatch.setattr(history, "SPLIT_ABOVE", 0)
    _cold(ws)
    assert _texts(ws) == want
    assert not history._AHEAD
    # a full load after the summary's partial one (its cache completed)
    from store.cache import load_index
    full = load_index(ws, "crm")
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    assert {r: x.data for r, x in load_index(ws, "crm").records.items()} == \
        {r: x.data for r, x in full.records.items()}
    if history.can_fork():
        assert forks  # the forked paths ran


def test_summary_json_splices_cached_event_texts(reportws):
    ws, c = reportws
    import json
    doc = reports.build(ws, "crm", "summary", since="2000-01-01")
    fast = reports.render(doc, "json")
    assert fast == json.dumps(dict(doc), ensure_ascii=False, default=str) + "\n"
    doc["records"] = list(doc["records"])  # a changed value: encoded as usual
    assert reports.render(doc, "json") == fast


def test_history_read_in_two_processes(scripted, monkeypatch):
    ws, c = scripted
    _cold(ws)
    monkeypatch.setattr(history, "SPLIT_ABOVE", 10 ** 9)
    want = history.read_history(ws).events
    _cold(ws)
    monkeypatch.setattr(history, "SPLIT_ABOVE", 2)
    got = history.read_history(ws).events
    assert got == want
    assert history.read_history(ws).events == want          # from the cache
