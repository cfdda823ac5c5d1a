"""Where Accord keeps what it can rebuild, and the rules every cache follows.

Everything lives in one folder per repository, ``.git/accord/cache-<version>/``
(outside the work tree, never committed); ``<version>`` is Accord's version
plus a hash of the schema table, so a cache written by another version is
never read, and ``clear`` drops the older folders.  One off switch
(``ACCORD_NO_CACHE=1``), one "too recent to trust" window, one atomic write.
The lock and the state of a stopped sync are not caches and live beside it in
``.git/``.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from store import __version__

# A file changed this recently is read but not kept: a second change in the
# same clock tick could leave its size, times and inode equal (git's
# "racily clean" rule).
RACY_NS = 2_000_000_000

_VERSION: list[str] = []


def enabled() -> bool:
    """False when ``ACCORD_NO_CACHE`` is set to anything but 0."""
    return os.environ.get("ACCORD_NO_CACHE", "") in ("", "0")


def version() -> str:
    """Accord's version and a hash of the schema table (what decides the
    shape of everything kept)."""
    if not _VERSION:
        import zlib

        from store.model.schema import KINDS, PROJECT_FIELDS
        crc = zlib.crc32(repr((sorted(KINDS.items()), PROJECT_FIELDS)).encode())
        _VERSION.append(f"{__version__}-{crc:08x}")
    return _VERSION[0]


def base(git_dir: Path) -> Path:
    """``.git/accord``: the caches of every version, the ids memo."""
    return Path(git_dir) / "accord"


def folder(git_dir: Path, *parts: str) -> Path:
    """A cache's folder (not created): ``.git/accord/cache-<version>/<parts>``."""
    return base(git_dir).joinpath(f"cache-{version()}", *parts)


def atomic_write(path: Path, data: bytes) -> os.stat_result:
    """Write ``data`` to ``path`` whole: a temporary file in the same folder
    renamed over it, so a reader sees the old file or the new one, never
    half of one (no fsync: a lost cache file is only work to redo); folders
    are made as needed and the temporary file never stays behind.  Returns
    the written file's stat; OSError out (a read-only ``.git``, a full
    disk) for the caller to ignore."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            st = os.fstat(fh.fileno())
        os.replace(tmp, path)
        return st
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def clear(git_dir: Path, *parts: str) -> None:
    """Remove one cache folder of this version, or with no ``parts`` every
    cache of every version."""
    if parts:
        shutil.rmtree(folder(git_dir, *parts), ignore_errors=True)
        return
    root = base(git_dir)
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for e in entries:
        if e.name.startswith("cache") and e.is_dir(follow_symlinks=False):
            shutil.rmtree(e.path, ignore_errors=True)


def prune_other_versions(git_dir: Path) -> None:
    """Drop the cache folders other versions of Accord left (best effort)."""
    mine = f"cache-{version()}"
    try:
        entries = list(os.scandir(base(git_dir)))
    except OSError:
        return
    for e in entries:
        if (e.name.startswith("cache") or e.name.startswith("events-")
                or e.name.startswith("summary-")) and e.name != mine \
                and e.is_dir(follow_symlinks=False):
            shutil.rmtree(e.path, ignore_errors=True)
