"""Setting a workspace up with a shared remote: ``check_remote`` before
anything is created, ``init_remote``, ``clone``."""
from __future__ import annotations

import os
from pathlib import Path

from store.team import remote as net
from store.team.remote_errors import RemoteError
from store.errors import InvalidValue
from store.progress_note import Progress
from store.git.run import run_git
from store.team.sync_common import SyncError


def _local_path(url: str) -> Path | None:
    """The folder a remote URL names on this machine, or None (ssh, https)."""
    if url.startswith("file://"):
        return Path(url[len("file://"):])
    if "://" in url or ":" in url.split("/")[0]:
        return None
    return Path(url).expanduser()


def check_remote(url: str, base: Path | None = None) -> str:
    """Before anything is created: that ``url`` can take a new workspace
    (reachable and empty; a local path that does not exist must have a
    writable parent, it is created later).  Returns the URL to use (a
    local path made absolute against ``base``).  RemoteError (exit 1) when
    it cannot be used, SyncError when it already holds a workspace."""
    local = _local_path(url)
    if local is not None:
        local = (Path(base or ".") / local).resolve()
        url = str(local)
        if not local.exists():
            parent = next(p for p in local.parents if p.exists())
            if not os.access(parent, os.W_OK | os.X_OK):
                raise RemoteError("permission", f"{parent} is not writable",
                                      "create", url)
            return url
    heads = net.ls_remote(url, cwd=base)
    if heads.strip():
        raise SyncError(code="remote-holds-workspace", url=url)
    return url


def init_remote(ws, url: str, name: str = "origin", checked: bool = False) -> None:
    """Point the workspace at a shared remote (a bare repository), creating
    the bare repository when ``url`` is a local path that does not exist.
    ``checked``: ``check_remote`` already said it can be used (one
    connection, not two)."""
    ws.guard_write()
    if not checked:
        url = check_remote(url, ws.root)
    local = _local_path(url)
    if local is not None and not local.exists():
        p = run_git(["init", "-q", "--bare", str(local)])
        if p.returncode != 0:
            raise net.failed(p, "create", url)
    ws.git.set_remote(name, url)


def clone(url: str, path: str | os.PathLike | None = None,
          progress: Progress | None = None):
    """``git clone`` then set up the merge driver; returns the Workspace.
    A failed clone (RemoteError, exit 1) leaves nothing behind."""
    from store.git import setup as gitsetup
    from store.workspace import Workspace
    if path is None:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        path = name[:-4] if name.endswith(".git") else name
    path = Path(path).resolve()
    if path.exists() and any(path.iterdir()):
        raise InvalidValue(code="clone-not-empty", path=str(path))
    net.clone(url, path, progress=progress)
    if not (path / "accord.toml").is_file():
        raise InvalidValue(code="clone-not-workspace", url=url, path=str(path))
    ws = Workspace(path)
    gitsetup.configure_git(ws)
    return ws
