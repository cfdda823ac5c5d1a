"""Plain-git helpers for the terminal app and the demo replayer.

``commit_by_hand`` commits a file the way a person using vim and plain git
would (no Accord trailers), so scripted histories can contain hand edits.
``record_patch_log`` is the raw ``git log -p`` of one record, used by the
history screen (and as its fallback when store/history.py is not available).
``disk_stamp`` is what the app polls to notice changes made by another
instance, by hand or by a pull (a few ``stat`` calls, no git process).
The app itself never runs git: it calls these.
"""
from __future__ import annotations

import os
from pathlib import Path

from .schema import KINDS
from .workspace import Workspace, atomic_write


def commit_by_hand(ws: Workspace, rel: str, text: str, message: str) -> str:
    """Write ``rel`` and commit exactly it with ``message`` and no trailers."""
    ws._ensure_writable()
    path = ws.root / rel
    ws._check_path(path)
    with ws._locked():
        ws.git.check_writable()
        atomic_write(path, text.encode("utf-8"))
        ws.git.run("add", "--", rel)
        ws.git.run("commit", "-q", "--only", "--cleanup=verbatim", "-F", "-",
                   "--", rel, input=message if message.endswith("\n")
                   else message + "\n")
        return ws.git.out("rev-parse", "HEAD").strip()


def record_patch_log(ws: Workspace, project: str, rid: str,
                     limit: int = 200) -> str:
    """``git log -p`` of one record's file (newest first), as text."""
    rel = ws.rel(ws.record_path(project, rid))
    p = ws.git.run("log", f"-n{limit}", "-p", "--no-color",
                   "--format=commit %H%nAuthor: %an <%ae>%nDate:   %aI%n%n%B",
                   "--", rel, check=False)
    return p.stdout


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


def file_stamp(path) -> tuple | None:
    """(mtime_ns, ctime_ns, size, inode) of one file, None when missing:
    any write, even in place, changes it."""
    return _stat_key(Path(path))


def disk_stamp(ws: Workspace, slug: str | None) -> tuple:
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


# --- the demo's cached history -------------------------------------------------

def _git_plain(args: list, cwd=None) -> None:
    import subprocess
    from .errors import AccordError
    p = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if p.returncode != 0:
        err = (p.stderr or p.stdout).strip().splitlines()
        raise AccordError(f"git {args[0]} failed: {err[-1] if err else p.returncode}")


def bare_copy(ws: Workspace, dest: Path) -> None:
    """A bare copy of the workspace's repository (every branch and tag) at
    ``dest``, which must not exist yet."""
    _git_plain(["clone", "-q", "--bare", "--no-hardlinks", str(ws.root), str(dest)])


def clone_copy(src: Path, dest: Path) -> Workspace:
    """A working clone of the bare repository ``src`` at ``dest`` with the
    same commits and tags, no remote (nothing can be pushed back into the
    source by mistake), and Accord's local git set-up (merge driver)."""
    from . import gitsetup
    _git_plain(["clone", "-q", str(src), str(dest)])
    _git_plain(["remote", "remove", "origin"], cwd=dest)
    ws = Workspace(Path(dest))
    gitsetup.configure_git(ws)
    return ws
