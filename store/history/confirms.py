"""The commits a sign-off can come from, found by git's message search.

A confirm event is only ever told by a commit whose trailers say
``Accord-Action: confirm`` (store.history.events), so the sign-off stories
look for those with ``git log --grep`` (no tree is read) instead of reading
the events of every commit since the oldest sign-off.  The list of a
revision is kept in the cache folder; for a descendant of a kept revision
only the new commits are searched."""
from __future__ import annotations

import marshal

from store import locations
from store.history.events import Commit

KEEP = 4  # lists kept on disk
_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%(trailers:key=Accord-Record,valueonly,separator=%x2C)"
_MEMO: dict[tuple, list] = {}


def confirm_commits(ws, rev: str | None, since_day: str, records) -> list[Commit]:
    """The commits reachable from ``rev`` (HEAD when None), on or after
    ``since_day`` (author day), oldest first, whose message holds a
    sign-off's trailers for one of ``records`` (ids) or names no record: a
    superset of the commits a confirm event of those records comes from."""
    rev = ws.git.head() if rev is None else ws.git.out("rev-parse", "--verify", "-q",
                                                       f"{rev}^{{commit}}",
                                                       check=False).strip()
    if not rev:
        return []
    want = set(records)
    return [Commit(cid, parents, f"{an} <{ae}>", date)
            for cid, parents, an, ae, date, named in _rows(ws, rev)
            if date[:10] >= since_day
            and (not named or not want.isdisjoint(named.split(",")))]


def _search(ws, revs: list[str]) -> list[tuple]:
    from store.git.stream import _commit_rows
    text = ws.git.out("log", "--reverse", "--date-order", "-z", "-E",
                      "--grep=^Accord-Action: confirm$", f"--format={_FORMAT}", *revs, "--")
    return _commit_rows(text)


def _rows(ws, rev: str) -> list[tuple]:
    """Every confirm commit reachable from ``rev`` (a commit id), as rows
    of store.git.stream's commit list (the last field: the records named)."""
    key = (str(ws.git.git_dir), rev)
    if key in _MEMO:
        return _MEMO[key]
    folder = locations.folder(ws.git.git_dir, "confirms")
    rows = _read(folder / rev)
    if rows is None:
        rows = _grown(ws, folder, rev)
        if rows is None:
            rows = _search(ws, [rev])
        if locations.enabled():
            try:
                locations.atomic_write(folder / rev,
                                       marshal.dumps((locations.version(), rows)))
                kept = sorted(folder.iterdir(), key=lambda f: f.stat().st_mtime_ns)
                for old in kept[:-KEEP]:
                    old.unlink(missing_ok=True)
            except OSError:  # a read-only .git, a full disk: searched again next time
                pass
    _MEMO.clear()
    _MEMO[key] = rows
    return rows


def _read(path) -> list | None:
    if not locations.enabled():
        return None
    try:
        with open(path, "rb") as fh:
            blob = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if isinstance(blob, tuple) and len(blob) == 2 and blob[0] == locations.version() \
            and isinstance(blob[1], list):
        return [tuple(r) for r in blob[1]]
    return None


def _grown(ws, folder, rev: str) -> list | None:
    """The newest kept list of an ancestor ``old`` plus the search of
    ``old..rev``, when every new commit descends from ``old`` (then git's
    whole listing would put them after the old ones in this order)."""
    if not locations.enabled():
        return None
    try:
        kept = sorted(folder.iterdir(), key=lambda f: f.stat().st_mtime_ns, reverse=True)
    except OSError:
        return None
    for f in kept[:KEEP]:
        old = f.name
        if len(old) != len(rev) or not ws.git.is_ancestor(old, rev):
            continue
        rows = _read(f)
        if rows is None:
            return None
        if ws.git.descendants(old, rev) is None:
            return None
        return rows + _search(ws, [f"{old}..{rev}"])
    return None
