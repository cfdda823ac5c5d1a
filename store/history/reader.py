"""Events from git: one streamed ``git log --raw`` of the commits asked for
and one ``git cat-file --batch`` for every file version they need.

Commits are read newest first, the order git walks in (its caches of trees
and deltas then serve consecutive commits).  The version a change replaces
is the version an older commit wrote, so each version is parsed once and
handed from the newer commit to the older one (``Versions``).
"""
from __future__ import annotations

from store.history.events import (Event, commit_events, parse_version, record_of_path,
                                  uses)

BATCH = 400  # commits whose file versions are fetched in one pipelined round


class Versions:
    """Parsed file versions through one cat-file process.  A version a
    change replaced (``store``) is kept for the older change that wrote it
    (``take``), then dropped once no pending use is left."""

    MEMO = 200000

    def __init__(self, git):
        self.reader = git.blob_reader()
        self.memo: dict[str, list] = {}
        self.refs: dict[str, int] = {}
        self.raws: dict[str, bytes | None] = {}

    def fetch(self, specs) -> None:
        """Read many versions (ids or ``rev:path``) in one round."""
        self.raws = self.reader.get_many([s for s in specs if s])

    def raw(self, spec: str | None) -> bytes | None:
        if spec is None:
            return None
        if spec in self.raws:
            return self.raws[spec]
        return self.reader.get(spec)

    def parsed(self, blob: str | None) -> tuple:
        """(data or None, problem or None), without touching the counts."""
        if blob is None:
            return None, None
        hit = self.memo.get(blob) or parse_version(self.raw(blob))
        return hit[0], hit[1]

    def take(self, blob: str) -> list:
        hit = self.memo.get(blob)
        if hit is None:
            return parse_version(self.raw(blob))
        n = self.refs.get(blob, 1) - 1
        if n <= 0:
            del self.memo[blob]
            self.refs.pop(blob, None)
        else:
            self.refs[blob] = n
        return hit

    def store(self, blob: str) -> list:
        hit = self.memo.get(blob)
        if hit is None:
            hit = parse_version(self.raw(blob))
            if len(self.memo) < self.MEMO:
                self.memo[blob] = hit
                self.refs[blob] = 1
        else:
            self.refs[blob] = self.refs.get(blob, 1) + 1
        return hit

    def close(self) -> None:
        self.reader.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _needed(batch, pending: dict) -> list[str]:
    """The versions ``batch`` (newest first) needs from git.  ``pending``
    ({blob: uses left}, kept across batches) follows Versions' memo: a
    version a newer commit replaced is parsed already and not fetched."""
    specs = []
    for rc in batch:
        other = rc.parents[1] if len(rc.parents) > 1 else None
        for ch in rc.changes:
            old = record_of_path(ch.old_path)
            new = record_of_path(ch.new_path)
            if old is None and new is None:
                continue
            use_old, use_new = uses(ch, old, new)
            if use_new:
                n = pending.get(ch.new_blob)
                if not n:
                    specs.append(ch.new_blob)
                elif n <= 1:
                    del pending[ch.new_blob]
                else:
                    pending[ch.new_blob] = n - 1
            if use_old:
                n = pending.get(ch.old_blob)
                if n:
                    pending[ch.old_blob] = n + 1
                else:
                    specs.append(ch.old_blob)
                    if len(pending) < Versions.MEMO:
                        pending[ch.old_blob] = 1
            if other:
                specs.append(f"{other}:{ch.new_path or ch.old_path}")
    return specs


def read_events(git, commits: list[str]):
    """``(commit id, [Event, ...])`` for each of ``commits`` (ids, oldest
    first), yielded newest first as git streams them."""
    if not commits:
        return
    pending: dict = {}
    same: dict = {}
    with Versions(git) as versions:
        batch = []
        for rc in git.raw_log(commits[::-1]):
            batch.append(rc)
            if len(batch) >= BATCH:
                yield from _batch(batch, versions, pending, same)
                batch = []
        yield from _batch(batch, versions, pending, same)


def _batch(batch, versions: Versions, pending: dict, same: dict):
    if not batch:
        return
    versions.fetch(_needed(batch, pending))
    for rc in batch:
        yield rc.id, commit_events(rc, versions, same)


def parsed_versions(git, blobs) -> dict[str, tuple]:
    """{blob id: (data or None, problem or None)} of file versions, through
    one cat-file process."""
    out = {}
    with Versions(git) as versions:
        versions.fetch(list(dict.fromkeys(b for b in blobs if b)))
        for b in blobs:
            if b:
                out[b] = versions.parsed(b)
    return out


__all__ = ["Event", "Versions", "read_events", "parsed_versions", "BATCH"]
