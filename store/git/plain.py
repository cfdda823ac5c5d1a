"""Plain-git helpers for the terminal app and the demo replayer.

``commit_by_hand`` commits a file the way a person using vim and plain git
would (no Accord trailers), so scripted histories can contain hand edits.
``record_patch_log`` is the raw ``git log -p`` of one record, for the
history screen.
``bare_copy``/``clone_copy`` keep the demo's built history in a cache.
The app itself never runs git: it calls these, and they the git layer.
"""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from store.workspace import Workspace, atomic_write


@contextmanager
def dated(when: str, author: tuple[str, str] | None = None,
          committer: tuple[str, str] | None = None):
    """Commits made inside carry author and committer date ``when`` (and the
    given author/committer identities): scripted histories, like the demo's
    replay and the tests', get fixed dates.  The environment is restored."""
    env = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    if author:
        env["GIT_AUTHOR_NAME"], env["GIT_AUTHOR_EMAIL"] = author
    if committer:
        env["GIT_COMMITTER_NAME"], env["GIT_COMMITTER_EMAIL"] = committer
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def commit_by_hand(ws: Workspace, rel: str, text: str, message: str) -> str:
    """Write ``rel`` and commit exactly it with ``message`` and no trailers."""
    ws._ensure_writable()
    path = ws.root / rel
    ws._check_path(path)
    with ws._locked():
        ws.git.check_writable()
        atomic_write(path, text.encode("utf-8"))
        new = [] if ws.git.is_tracked(rel) else [rel]
        return ws.git.commit_paths([rel], message if message.endswith("\n")
                                   else message + "\n", new)


def record_patch_log(ws: Workspace, project: str, rid: str,
                     limit: int = 200) -> str:
    """``git log -p`` of one record's file (newest first), as text."""
    rel = ws.rel(ws.record_path(project, rid))
    return ws.git.patch_log(rel, limit)


# --- the demo's cached history -------------------------------------------------

def _git_plain(args: list, cwd=None) -> None:
    from store.errors import AccordError
    from store.git.run import run_git
    p = run_git(args, cwd=cwd)
    if p.returncode != 0:
        err = (p.stderr or p.stdout).strip().splitlines()
        raise AccordError(code="git-failed", cmd=args[0], err=err[-1] if err else p.returncode)


def bare_copy(ws: Workspace, dest: Path) -> None:
    """A bare copy of the workspace's repository (every branch and tag) at
    ``dest``, which must not exist yet."""
    _git_plain(["clone", "-q", "--bare", "--no-hardlinks", str(ws.root), str(dest)])


def clone_copy(src: Path, dest: Path) -> Workspace:
    """A working clone of the bare repository ``src`` at ``dest`` with the
    same commits and tags, no remote (nothing can be pushed back into the
    source by mistake), and Accord's local git set-up (merge driver)."""
    from store.git import setup as gitsetup
    _git_plain(["clone", "-q", str(src), str(dest)])
    _git_plain(["remote", "remove", "origin"], cwd=dest)
    ws = Workspace(Path(dest))
    gitsetup.configure_git(ws)
    return ws
