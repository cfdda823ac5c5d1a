"""The events of each commit, and the commit lists of recent ranges, kept in
``<cache folder>/events/`` (store.locations).

The events of a commit never change, so they are kept by commit id: segment
files (marshalled ``{commit id: marshalled (event tuple, ...)}``, written
whole: a reader unpacks only the commits it asks for) and an
index (``{commit id: segment name}``); a reader loads the index and only the
segments it needs (the index also names the records each commit touched,
so a reader after a few records loads only the segments that hold them).
Writers take a flock on ``lock``; many small segments
are merged once there are too many.  A lost or damaged file only means those
commits are read from git again.  An ``Event`` becomes a tuple only here.
"""
from __future__ import annotations

import fcntl
import itertools
import marshal
import os
import time
from contextlib import contextmanager

from store import locations
from store.history.events import Event

ORPHAN_AGE = 3600  # seconds after which an unindexed segment is a dead writer's
_SEGMENT_NO = itertools.count()
INDEX = "index.marshal"
LISTS = "lists.marshal"


def to_tuple(e: Event) -> tuple:
    return (e.commit, e.author, e.date, e.action, e.fields, e.why, e.id, e.project,
            e.kind, e.title, e.path, e.old_blob, e.new_blob, e.problem, e.other_blob)


def from_tuple(t: tuple) -> Event:
    return Event(*t)


class EventCache:
    """Events per commit id, and the commit lists of the last few ranges
    (one file each, ``list-<hash of key>.marshal`` holding its key and rows,
    keyed by the resolved revisions; ``lists.marshal`` names the kept keys,
    oldest first)."""

    MAX_SEGMENTS = 48
    SEGMENT_SIZE = 5000
    COMMIT_LISTS = 4

    def __init__(self, git_dir):
        self.dir = locations.folder(git_dir, "events")
        self.on = locations.enabled()
        self._index: dict[str, str] | None = None
        self._segments: dict[str, dict] = {}
        self._list_keys: list | None = None

    # --- reading -------------------------------------------------------------
    def _read(self, name: str, kind=dict):
        """A marshalled file's value when it is a ``kind``, else None."""
        if not self.on:
            return None
        try:
            with open(self.dir / name, "rb") as fh:
                data = marshal.loads(fh.read())
        except (OSError, EOFError, ValueError, TypeError):
            return None
        return data if isinstance(data, kind) else None

    def index(self) -> dict:
        """{commit id: (segment name, ids of the records its events touch)}."""
        if self._index is None:
            index = self._read(INDEX) or {}
            if index and type(next(iter(index.values()))) is not tuple:
                index = {}  # an earlier build's index: read git again
            self._index = index
        return self._index

    def touched(self, cid: str) -> tuple | None:
        """The ids of the records a kept commit's events are about, or None
        when the commit is not kept."""
        entry = self.index().get(cid)
        return entry[1] if entry is not None else None

    def get(self, cid: str) -> list[Event] | None:
        """The kept events of one commit, or None."""
        entry = self.index().get(cid)
        if entry is None:
            return None
        seg = entry[0]
        data = self._segments.get(seg)
        if data is None:
            data = self._segments[seg] = self._read(seg) or {}
        packed = data.get(cid)
        if type(packed) is not bytes:
            return None
        try:
            return [Event(*t) for t in marshal.loads(packed)]
        except (TypeError, ValueError, EOFError):  # another shape: read from git again
            return None

    def commit_list_keys(self) -> list:
        """The keys of the kept commit lists, oldest kept first."""
        if self._list_keys is None:
            self._list_keys = self._read(LISTS, list) or []
        return self._list_keys

    @staticmethod
    def _list_file(key: str) -> str:
        import hashlib
        return "list-" + hashlib.sha1(key.encode()).hexdigest()[:20] + ".marshal"

    def commit_list(self, key: str) -> list | None:
        if key not in self.commit_list_keys():
            return None
        kept = self._read(self._list_file(key), tuple)
        if not (kept and len(kept) == 2 and kept[0] == key and isinstance(kept[1], list)):
            return None
        return kept[1]

    # --- writing ---------------------------------------------------------------
    def _write(self, name: str, obj) -> None:
        locations.atomic_write(self.dir / name, marshal.dumps(obj))

    def _locked(self):
        if not self.on:
            return None
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None  # a read-only .git: no cache, same answers
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    @contextmanager
    def _writing(self):
        """The cache's lock for one write: True inside when it holds, False
        when the cache cannot be written (off, a read-only .git).  Best
        effort: a failed write (a full disk) leaves the next read a miss."""
        fd = self._locked()
        if fd is None:
            yield False
            return
        try:
            yield True
        except (OSError, ValueError):
            pass
        finally:
            os.close(fd)

    def put_commit_list(self, key: str, rows: list) -> None:
        with self._writing() as ok:
            if not ok:
                return
            self._list_keys = None
            keys = [k for k in self.commit_list_keys() if k != key]
            while len(keys) >= self.COMMIT_LISTS:
                try:
                    os.unlink(self.dir / self._list_file(keys.pop(0)))
                except OSError:
                    pass
            self._write(self._list_file(key), (key, rows))
            keys.append(key)
            self._write(LISTS, keys)
            self._list_keys = keys

    def put_many(self, items: list[tuple[str, list[Event]]]) -> None:
        """Keep the events of many commits (segments of SEGMENT_SIZE
        commits, one index write)."""
        if not items:
            return
        with self._writing() as ok:
            if not ok:
                return
            names = {}
            for i in range(0, len(items), self.SEGMENT_SIZE):
                seg = {cid: marshal.dumps(tuple(to_tuple(e) for e in evs))
                       for cid, evs in items[i:i + self.SEGMENT_SIZE]}
                name = f"seg-{time.time_ns()}-{os.getpid()}-{next(_SEGMENT_NO)}.marshal"
                self._write(name, seg)
                self._segments[name] = seg
                names[name] = seg
            self._index = None
            index = self.index()  # as on disk now (another process may have added)
            touched = {cid: tuple(dict.fromkeys(e.id for e in evs)) for cid, evs in items}
            for name, seg in names.items():
                for cid in seg:
                    index[cid] = (name, touched[cid])
            if len({s for s, _ in index.values()}) > self.MAX_SEGMENTS:
                index = self._compact(index)
            self._write(INDEX, index)
            self._index = index

    def _compact(self, index: dict) -> dict:
        """Merge every segment into segments of SEGMENT_SIZE commits; drop
        the merged files and those of writers that died (an hour old)."""
        merged: dict[str, tuple] = {}
        for seg in sorted({s for s, _ in index.values()}):
            data = self._segments.get(seg) or self._read(seg) or {}
            for cid, ev in data.items():
                if index.get(cid, (None,))[0] == seg:
                    merged[cid] = ev
        new_index = {}
        items = list(merged.items())
        stamp = time.time_ns()
        self._segments = {}
        for i in range(0, len(items), self.SEGMENT_SIZE):
            name = f"seg-{stamp}-{os.getpid()}-c{i // self.SEGMENT_SIZE}.marshal"
            chunk = dict(items[i:i + self.SEGMENT_SIZE])
            self._write(name, chunk)
            self._segments[name] = chunk
            for cid in chunk:
                new_index[cid] = (name, index[cid][1])
        merged_from = {s for s, _ in index.values()}
        keep = {s for s, _ in new_index.values()} | {INDEX, "lock", LISTS}
        old = time.time() - ORPHAN_AGE
        for p in self.dir.iterdir():
            if p.name in keep or p.name.startswith("list-"):
                continue
            try:
                if p.name in merged_from or p.stat().st_mtime < old:
                    p.unlink()
            except OSError:
                pass
        return new_index
