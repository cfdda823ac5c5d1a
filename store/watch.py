"""Noticing changes on disk cheaply: what the app polls to see saves by
another instance, hand edits and pulls (a few ``stat`` calls, no git
process, whatever the number of records)."""
from __future__ import annotations

import os
from pathlib import Path

from store.model.schema import KINDS
from store.workspace import Workspace


def _stat_key(path: Path):
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _read(path: Path) -> str | None:
    try:
        return path.read_text("utf-8", errors="replace").strip()
    except OSError:
        return None


def file_stamp(path: Path | str) -> tuple[int, int, int, int] | None:
    """(mtime_ns, ctime_ns, size, inode) of one file, None when missing:
    any write, even in place, changes it."""
    return _stat_key(Path(path))


def disk_stamp(ws: Workspace, slug: str | None) -> tuple[object, ...]:
    """A value that changes when the project may have changed on disk:
    the commit HEAD points at (a commit, pull, reset or checkout), a merge
    starting or ending, the mtimes of the project folder and of each kind
    folder (creating, deleting or atomically replacing a record changes its
    folder).  About twenty ``stat`` calls whatever the number of records,
    no git process.  An in-place rewrite of one record file is not seen
    here (folders keep their mtime): watch open records with ``file_stamp``."""
    g = ws.git.git_dir
    common = g
    cd = _read(g / "commondir")
    if cd:
        common = (g / cd).resolve()
    head = _read(g / "HEAD") or ""
    parts: list = [head]
    if head.startswith("ref: "):
        ref = head[5:].strip()
        parts.append(_read(common / ref))
    parts.append(_stat_key(common / "packed-refs"))
    parts.append(_stat_key(g / "MERGE_HEAD"))
    parts.append(_stat_key(ws.root / "projects"))
    if slug:
        pdir = ws.project_dir(slug)
        parts.append(_stat_key(pdir))
        parts.append(_stat_key(pdir / "project.toml"))
        for kind in KINDS.values():
            parts.append(_stat_key(pdir / kind.folder))
    return tuple(parts)
