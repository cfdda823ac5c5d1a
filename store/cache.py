"""The parsed-record cache: warm loads skip parsing.

One file per project and kind folder, ``<cache folder>/records/<slug>/<folder>.pickle``
(outside the work tree, never committed).  Each entry is keyed, as git's own
index does, by the file's size, mtime_ns, ctime_ns and inode, so a change is
seen even when an editor or a checkout restored the old mtime: any write or
``utime`` moves the ctime, and an atomic replace changes the inode.  A load
costs one ``scandir`` per folder and one ``lstat`` per file; only files whose
key changed are read and parsed again.

Files changed within the last ``locations.RACY_NS`` of a load are parsed but not cached
(git's "racily clean" rule: a second change in the same clock tick could keep
every key equal).  A cache that is missing, from another version, unreadable
or malformed is ignored and rewritten; writing it is best effort (atomic
replace, errors ignored) and never changes what a load returns.

``ACCORD_NO_CACHE=1`` in the environment turns the cache off.
"""
from __future__ import annotations

import gc
import os
import pickle
import stat as _stat
import time
from pathlib import Path

from store.model import codec, ids
from store import locations, progress_note
from store.model.records import Record, digest_bytes, signoff_state
from store.model.schema import KINDS, Kind

enabled = locations.enabled


def cache_dir(ws, slug: str) -> Path:
    return locations.folder(ws.git.git_dir, "records", slug)


def _header() -> tuple:
    return (locations.version(), codec.PARSER)


def read_folder_cache(path: Path) -> dict:
    """``{file name: entry}`` or ``{}`` when the cache is missing or unusable."""
    try:
        with open(path, "rb") as fh:
            blob = pickle.load(fh)
    except Exception:  # missing, corrupt, truncated, from another version: rebuild
        blob = None
    if (not isinstance(blob, tuple) or len(blob) != 2 or blob[0] != _header()
            or not isinstance(blob[1], dict)):
        return {}
    return blob[1]


def write_file(path: Path, data: bytes) -> None:
    """Replace a cache file whole (store.locations.atomic_write); OSError out."""
    locations.atomic_write(path, data)


def write_folder_cache(path: Path, entries: dict) -> None:
    """Write a folder's cache (best effort: a read-only .git, a full disk
    only mean the next load parses again)."""
    try:
        write_file(path, pickle.dumps((_header(), entries), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass


def load_index(ws, slug: str, kinds: list[Kind] | None = None, use_cache: bool | None = None,
               progress: progress_note.Progress | None = None):
    """Every record of project ``slug`` (or of ``kinds``) as an ``Index``,
    exactly as a full parse gives it, reusing cached parses of unchanged files.
    ``progress`` (default: the one store.progress_note.reporting set) hears
    ("reading-records", folders read, folders) as each kind's folder is done."""
    # building ~10^5 small containers triggers the cyclic collector over and
    # over (it scans every live object each time): a load creates no cycles
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load(ws, slug, kinds, use_cache, progress_note.safe(progress)
                     if progress else progress_note.current())
    finally:
        if was_enabled:
            gc.enable()


def _load(ws, slug, kinds, use_cache, told):
    from store.workspace import Index
    if use_cache is None:
        use_cache = enabled()
    index = Index(slug)
    pdir = ws.project_dir(slug)
    cdir = cache_dir(ws, slug) if use_cache else None
    fresh_before = time.time_ns() - locations.RACY_NS
    kinds = list(kinds or KINDS.values())
    parts = {}
    for kind in kinds:
        parts[kind.folder] = _load_kind(slug, kind, pdir, cdir, use_cache, fresh_before)
        told(progress_note.READING_RECORDS, len(parts), len(kinds))
    for kind in kinds:
        records, problems, stamps = parts[kind.folder]
        index.records.update(records)
        index.problems.extend(problems)
        index.stamps[kind.folder] = stamps
    return index


def _load_kind(slug, kind, pdir, cdir, use_cache, fresh_before):
    """({id: Record}, [(relative path, problem)], stamps) of one kind's
    folder, from its cache where a file is unchanged; the cache is
    rewritten when anything was parsed.  ``stamps`` (see ``scan_stamps``)
    are the stats the load took before reading, or None for no folder."""
    from store.workspace import PROJECTS
    records: dict = {}
    problems: list = []
    folder = pdir / kind.folder
    try:
        seen = [("", os.stat(folder))]  # the folder: names added, removed, renamed
        entries = list(os.scandir(folder))
    except (FileNotFoundError, NotADirectoryError):
        return records, problems, None
    # folder / name without re-parsing the folder's path (8x faster)
    child = getattr(folder, "_make_child_relpath", folder.joinpath)
    cfile = cdir / f"{kind.folder}.pickle" if use_cache else None
    old = read_folder_cache(cfile) if use_cache else {}
    new: dict = {}
    dirty = False
    prefix = f"{PROJECTS}/{slug}/{kind.folder}/"
    for e in entries:
        name = e.name
        rel = prefix + name
        hit = old.get(name)
        if hit is not None and type(hit) is tuple and len(hit) == 8:
            # a cached name was a valid id when stored; only its key can change
            if e.is_symlink():
                st = None
            else:
                # (_entry_stat's checks, written out: this runs for every file
                # of every warm load, and the call costs ~4 ms at 10,000 files)
                try:
                    st = e.stat(follow_symlinks=False)
                except OSError:
                    st = None
                if st is not None and not (
                        hit[0] == st.st_size and hit[1] == st.st_mtime_ns
                        and hit[2] == st.st_ctime_ns and hit[3] == st.st_ino
                        and _stat.S_ISREG(st.st_mode)):
                    st = None
            if st is not None:
                new[name] = hit
                seen.append((name, st))
                if hit[4] is True:
                    rid = name[:-5]
                    records[rid] = Record(rid, kind, slug, child(name),
                                          hit[5], hit[6], rel=rel, signoff_known=hit[7])
                else:
                    problems.append((rel, hit[5]))
                continue
        if not name.endswith(".toml"):
            continue
        if ids.number_of_file(name, kind) is None:
            seen.append((name, _entry_stat(e)))
            problems.append((rel, f"file name is not a {kind.name} id "
                                  f"({kind.prefix}-n.toml)"))
            continue
        if e.is_symlink():
            seen.append((name, None))
            problems.append((rel, "is a symbolic link"))
            continue
        dirty = True
        try:
            raw, st = _read_file(e.path)
        except OSError as err:
            seen.append((name, None))
            problems.append((rel, f"cannot be read ({err.strerror})"))
            continue
        seen.append((name, st))
        try:
            data = codec.parse_bytes(raw)
        except (codec.TOMLDecodeError, UnicodeDecodeError) as err:
            problem = codec.problem_of(err)
            problems.append((rel, problem))
            key = _key(st, fresh_before) if use_cache else None
            if key is not None:
                new[name] = key + (False, problem, None, None)
            continue
        key = _key(st, fresh_before) if use_cache else None
        rid = name[:-5]
        digest = digest_bytes(raw)
        # worked out here only for what is cached (then never again); a
        # file too new to cache leaves it to the first who asks
        signoff = signoff_state(kind, data) if key is not None else None
        records[rid] = Record(rid, kind, slug, child(name), data,
                              digest, rel=rel, signoff_known=signoff)
        if key is not None:
            new[name] = key + (True, data, digest, signoff)
    if use_cache and (dirty or len(new) != len(old)):
        write_folder_cache(cfile, new)
    return records, problems, seen


_O_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def _read_file(path: str):
    """(bytes, stat) of a regular file: the stat is of the open file, taken
    before reading it, so a cache key never describes newer bytes than the
    ones parsed (and costs no second path lookup).  A symbolic link, a
    folder or a pipe is an OSError, never a wait."""
    fd = os.open(path, _O_READ)
    try:
        st = os.fstat(fd)
        if not _stat.S_ISREG(st.st_mode):
            raise OSError(0, "not a regular file")
        raw = os.read(fd, st.st_size + 1)
        if len(raw) > st.st_size:  # growing while read: all of it, never cached
            chunks = [raw]
            while chunk := os.read(fd, 1 << 16):
                chunks.append(chunk)
            raw, st = b"".join(chunks), None
        return raw, st
    finally:
        os.close(fd)


def _key(st, fresh_before):
    """The cache key of a file read with ``st``, or None when it must not
    be cached (racily clean: changed too recently; or changed while read)."""
    if st is None or max(st.st_mtime_ns, st.st_ctime_ns) >= fresh_before:
        return None
    return (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)


def scan_stamps(pdir: Path, kinds) -> dict:
    """``{folder: [("", the folder's stat), (file name, stat or None), ...]}``
    for ``kinds``, None for a missing folder: the stats a load of those
    folders takes, taken without reading a file.  Each ``.toml`` file has
    its stat, or None when it is a symbolic link or not a regular file.
    ``Index.stamps`` holds the same from a load (taken before each file
    was read), so a question about the records (store.reports.summary) can
    be keyed before a load or after one."""
    out = {}
    for kind in kinds:
        folder = pdir / kind.folder
        try:
            seen = [("", os.stat(folder))]
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            out[kind.folder] = None
            continue
        with entries:
            for e in entries:
                name = e.name
                if name.endswith(".toml"):
                    seen.append((name, _entry_stat(e)))
        out[kind.folder] = seen
    return out


def _entry_stat(e):
    """The stat of a directory entry that is a regular file, else None (a
    symbolic link, a folder, a pipe, or gone)."""
    if e.is_symlink():
        return None
    try:
        st = e.stat(follow_symlinks=False)
    except OSError:
        return None
    return st if _stat.S_ISREG(st.st_mode) else None


def clear(ws, slug: str | None = None) -> None:
    """Remove the parsed-record cache of one project (or of all)."""
    locations.clear(ws.git.git_dir, "records", *([slug] if slug else []))
