"""Reading many commits' events on two cores.

Reading a long history is Python work (parsing each file version, diffing
it) behind git's own.  With at least ``SPLIT_MIN`` commits to read and a
second core, the older half is read by a worker process
(``concurrent.futures``, a plain function) while this process reads the
newer half; the worker's events come back as tuples.  The bench's
whole-history summary with nothing cached shows what it earns
(docs/performance.md); below the threshold, or where a process cannot be
forked, or in a process with other threads (the app), it is the one
plain read."""
from __future__ import annotations

import os
import threading

from store.history.cache import from_tuple
from store.history.events import Event
from store.history.reader import read_events

SPLIT_MIN = 4000  # commits; fewer are read in this process alone


def read_all(git, commits: list[str]) -> list[tuple[str, list[Event]]]:
    """``(commit id, events)`` for each of ``commits`` (ids, oldest
    first), as store.history.reader.read_events gives them (newest first)."""
    if len(commits) < SPLIT_MIN or (os.cpu_count() or 1) < 2 \
            or threading.active_count() > 1:  # (forking a threaded process can deadlock)
        return list(read_events(git, commits))
    import concurrent.futures
    import multiprocessing
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this system
        return list(read_events(git, commits))
    half = len(commits) // 2
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        older = pool.submit(_read_part, str(git.root), commits[:half])
        newer = list(read_events(git, commits[half:]))
        rows = older.result()
    return newer + [(cid, [from_tuple(t) for t in evs]) for cid, evs in rows]


def _read_part(root: str, commits: list[str]) -> list[tuple[str, list[tuple]]]:
    """(In the worker) the events of ``commits`` as plain tuples."""
    from pathlib import Path

    from store.git.repo import GitRepo
    from store.history.cache import to_tuple
    return [(cid, [to_tuple(e) for e in evs])
            for cid, evs in read_events(GitRepo(Path(root)), commits)]
