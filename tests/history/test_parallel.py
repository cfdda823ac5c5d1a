"""Reading many commits' events on two cores (store.history.parallel) gives
exactly what the one plain read gives."""
from __future__ import annotations

import threading

from store import history
from store.history import parallel
from store.history.reader import read_events


def test_the_split_read_gives_the_plain_read(reportws, monkeypatch):
    ws, _ = reportws
    commits = [c.id for c in history.list_commits(ws)]
    assert len(commits) > 4
    plain = list(read_events(ws.git, commits))
    monkeypatch.setattr(parallel, "SPLIT_MIN", 2)
    assert threading.active_count() == 1  # else the split would not be taken
    split = parallel.read_all(ws.git, commits)
    assert split == plain
    assert {cid for cid, _ in split} == set(commits)
