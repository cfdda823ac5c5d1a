"""Figures derived from a whole project (the app's dashboard), kept between
runs and trusted only while no file they came from changed.

A project's *stamp* is a sha256 over every record file's name, size,
mtime_ns, ctime_ns and inode (the parsed-record cache's key, as git's index
does) and project.toml's: one ``scandir`` per kind folder and one ``lstat``
per file, no reading.  A value written under a stamp is returned only for
the same stamp and the same ``key`` (the caller puts there what else the
value depends on: the date, the language, its own source).  Files changed
within ``locations.RACY_NS`` give no stamp (a second change in the same clock
tick could keep every key equal), so nothing is written for them.

The files live next to the parsed-record cache,
``<cache folder>/records/<slug>/<name>.snapshot``; writing is best effort
(atomic replace, errors ignored), a missing, foreign or corrupt file is a
miss.  ``ACCORD_NO_CACHE=1`` turns this off with the cache.
"""
from __future__ import annotations

import marshal
import os
import pickle
import time

from store import cache, locations
from store.model.schema import KINDS



def project_stamp(ws, slug: str) -> str | None:
    """The stamp of ``slug``'s files now, or None (caching off, a file too
    young to trust, an unreadable folder)."""
    if not cache.enabled():
        return None
    return project_scan(ws, slug)[0]


def project_scan(ws, slug: str, stamp_above: int = -1) -> tuple[str | None, int]:
    """(stamp, number of entries in the kind folders) of ``slug`` now, from
    one ``scandir`` per folder: the stamp as ``project_stamp`` gives it, or
    None as well when there are no more than ``stamp_above`` entries (then
    no file is stat'ed); the count is what the app sizes a project by."""
    pdir = ws.project_dir(slug)
    folders = []
    count = 0
    for kind in KINDS.values():
        try:
            entries = list(os.scandir(pdir / kind.folder))
        except (FileNotFoundError, NotADirectoryError):
            entries = None
        except OSError:
            entries = False
        folders.append((kind.folder, entries))
        count += len(entries) if entries else 0
    if count <= stamp_above or not cache.enabled():
        return None, count
    return _stamp(pdir, folders), count


def _stamp(pdir, folders) -> str | None:
    import hashlib
    racy = time.time_ns() - locations.RACY_NS
    h = hashlib.sha256()
    try:
        st = os.lstat(pdir / "project.toml")
    except FileNotFoundError:
        st = None
    except OSError:
        return None
    if st is not None:
        if max(st.st_mtime_ns, st.st_ctime_ns) >= racy:
            return None
        h.update(f"project.toml {st.st_size} {st.st_mtime_ns} {st.st_ctime_ns} "
                 f"{st.st_ino}\n".encode())
    for folder, entries in folders:
        if entries is None:
            h.update(f"-{folder}\n".encode())
            continue
        if entries is False:
            return None
        rows = []
        for e in entries:
            try:
                st = e.stat(follow_symlinks=False)
            except OSError:
                return None
            if st.st_mtime_ns >= racy or st.st_ctime_ns >= racy:
                return None
            rows.append((e.name, st.st_mode, st.st_size, st.st_mtime_ns,
                         st.st_ctime_ns, st.st_ino))
        # scandir's order is the folder's (stable while it is unchanged);
        # another order or another Python's marshal only makes a miss
        h.update(folder.encode() + b"\0")
        h.update(marshal.dumps(rows))
    return h.hexdigest()


def _path(ws, slug: str, name: str):
    return cache.cache_dir(ws, slug) / f"{name}.snapshot"


def read(ws, slug: str, name: str, stamp: str | None, key) -> object | None:
    """The value written under ``stamp`` and ``key``, or None."""
    if stamp is None:
        return None
    try:
        with open(_path(ws, slug, name), "rb") as fh:
            blob = pickle.load(fh)
    except Exception:  # missing, corrupt, from another version: a miss
        return None
    if (isinstance(blob, tuple) and len(blob) == 4 and blob[0] == locations.version()
            and blob[1] == stamp and blob[2] == key):
        return blob[3]
    return None


def write(ws, slug: str, name: str, stamp: str | None, key, value) -> None:
    """Keep ``value`` for ``stamp`` and ``key`` (nothing when stamp is None)."""
    if stamp is None:
        return
    try:
        cache.write_file(_path(ws, slug, name),
                         pickle.dumps((locations.version(), stamp, key, value),
                                      protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # a read-only .git, a full disk, an unpicklable value
        pass


# --- a project's records at a revision (documents "as of" a point) -------------

_AT_MEMO: dict[tuple, dict] = {}  # (repository, tree id) -> records, this process
AT_KEEP = 6                      # tree files kept on disk per project


def tree_id(ws, slug: str, rev: str) -> str | None:
    """The id of ``projects/<slug>`` at ``rev`` (None: no such folder)."""
    p = ws.git.run("rev-parse", "-q", "--verify", f"{rev}:projects/{slug}",
                   check=False)
    return p.stdout.strip() or None


def records_at(ws, slug: str, rev: str) -> dict:
    """{id: (kind name, data or None, problem or None, blob id)} of the
    project's files at ``rev``, with ``"project"`` for project.toml: one
    ``git ls-tree`` and one ``git cat-file --batch`` round, the answer kept
    by the folder's tree id (in memory, and on disk next to the record
    cache), so a second document of the same point reads no object."""
    tree = tree_id(ws, slug, rev)
    if tree is None:
        return {}
    key = (str(ws.git.git_dir), tree)
    hit = _AT_MEMO.get(key)
    if hit is not None:
        return hit
    path = cache.cache_dir(ws, slug) / f"tree-{tree}.asof"
    if cache.enabled():
        try:
            with open(path, "rb") as fh:
                blob = pickle.load(fh)
            if isinstance(blob, tuple) and len(blob) == 2 and blob[0] == locations.version():
                _AT_MEMO[key] = blob[1]
                return blob[1]
        except (OSError, EOFError, ValueError, TypeError, AttributeError,
                pickle.UnpicklingError):  # missing, corrupt: a miss
            pass
    out = _read_tree(ws, slug, tree)
    while len(_AT_MEMO) >= AT_KEEP:   # a long-running app keeps the last few only
        del _AT_MEMO[next(iter(_AT_MEMO))]
    _AT_MEMO[key] = out
    if cache.enabled():
        try:
            cache.write_file(path, pickle.dumps((locations.version(), out),
                                                protocol=pickle.HIGHEST_PROTOCOL))
            _prune(path.parent)
        except (OSError, pickle.PicklingError):  # a read-only .git, a full disk
            pass
    return out


def _read_tree(ws, slug: str, tree: str) -> dict:
    from store.model.codec import TOMLDecodeError, parse_bytes
    from store.history import record_of_path
    prefix = f"projects/{slug}/"
    listing = ws.git.run("ls-tree", "-r", "-z", tree, check=False).stdout
    wanted = {}
    for entry in listing.split("\0"):
        meta, tab, rel = entry.partition("\t")
        parts = meta.split()
        if not (tab and len(parts) == 3 and parts[1] == "blob"):
            continue
        where = record_of_path(prefix + rel)
        if where is not None and where[0] == slug:
            wanted[prefix + rel] = (where, parts[2])
    # a file unchanged since a point read before in this process is not
    # read again (two points of one document share most of their files)
    known = {b: (data, problem) for tree in _AT_MEMO.values()
             for (_, data, problem, b) in tree.values() if data is not None}
    with ws.git.blob_reader() as reader:
        raws = reader.get_many([b for _, b in wanted.values() if b not in known])
    out = {}
    for _rel, ((_, kind, rid), blob) in sorted(wanted.items()):
        if blob in known:
            out[rid] = (kind, *known[blob], blob)
            continue
        raw = raws.get(blob)
        data = problem = None
        if raw is None:
            problem = "the file's contents are missing from the repository"
        else:
            try:
                data = parse_bytes(raw)
            except (TOMLDecodeError, UnicodeDecodeError) as e:
                problem = f"not valid TOML ({e})"
        out[rid] = (kind, data, problem, blob)
    return out


def _prune(folder) -> None:
    """Keep the newest ``AT_KEEP`` tree files."""
    files = sorted(folder.glob("tree-*.asof"), key=lambda f: f.stat().st_mtime_ns)
    for f in files[:-AT_KEEP]:
        f.unlink(missing_ok=True)


_DAYS: dict[tuple, list] = {}  # (repository, HEAD) -> [(day, commit)], newest first


def commit_on_or_before(ws, day) -> str | None:
    """The newest commit on the current branch whose author date (in its
    own offset) is on or before ``day``; None when there is none.  From the
    commit list the history reads keep (store.history.list_commits, kept
    by HEAD): no walk of the history once it is kept; the answers for the
    current HEAD are kept too (``asof-days`` in the cache folder)."""
    head = ws.git.head()
    if not head:
        return None
    want = day.isoformat()
    path = locations.folder(ws.git.git_dir) / "asof-days"
    kept = _read_answers(path, head)
    if want in kept:
        return kept[want]
    key = (str(ws.git.git_dir), head)
    days = _DAYS.get(key)
    if days is None:
        from store.history import list_commits
        days = [(c.day, c.id) for c in reversed(list_commits(ws))]
        _DAYS.clear()
        _DAYS[key] = days
    found = next((cid for d, cid in days if d <= want), None)
    kept[want] = found
    if cache.enabled():
        try:
            cache.write_file(path, marshal.dumps((locations.version(), head, kept)))
        except OSError:  # a read-only .git: only work to redo
            pass
    return found


def _read_answers(path, head: str) -> dict:
    if not cache.enabled():
        return {}
    try:
        with open(path, "rb") as fh:
            blob = marshal.load(fh)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if isinstance(blob, tuple) and len(blob) == 3 and blob[:2] == (locations.version(), head) \
            and isinstance(blob[2], dict):
        return blob[2]
    return {}
