"""Many record files written and committed as ONE commit of exactly those
paths, or not at all: what an import of thousands of rows needs, where the
one-record save (a temp file and fsync per file, paths on git's command
line, a ``git add`` that writes one loose object per file) would take
minutes.

The files go to temporary names beside their targets, one ``os.sync``
makes them durable, and they are renamed into place.  Meanwhile their blobs
go to git as one pack through ``git fast-import``, then into the index with one
``update-index --index-info``; then ``git commit`` (hooks run) -- a plain
commit when nothing else is staged, else ``commit --only`` the paths.  Any
failure puts every file and index entry back as it was."""
from __future__ import annotations

import errno
import os
import secrets
import tempfile
import threading

from store.errors import CommitFailed, ConflictError, InvalidValue
from store.model.records import digest_bytes
from store.workspace import TMP_MARK


def write_and_commit(ws, writes: dict[str, str], message: str,
                     expect: dict[str, str]) -> str:
    """Write ``{relative path: text}`` and commit exactly those paths.
    ``expect``: {path: digest it must still have}; a path not in it must
    not exist yet.  Call it holding the workspace's write lock."""
    root = str(ws.root)
    folders = {os.path.dirname(rel) for rel in writes}
    present = {}
    for folder in folders:
        ws._check_path(ws.root / folder)  # no link on the way, inside the workspace
        present[folder] = _entries(os.path.join(root, folder))
    backups = {rel: _old(ws, rel, present, expect.get(rel)) for rel in writes}
    blobs = {rel: text.encode("utf-8") for rel, text in writes.items()}
    staging = _Stage(ws, blobs)  # git packs the blobs while the files are written
    staged = False
    placed: list[str] = []
    temps: list[str] = []
    try:
        token = f"{os.getpid()}-{secrets.token_hex(3)}"
        for folder in folders:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
        for rel, data in blobs.items():
            head, name = os.path.split(os.path.join(root, rel))
            tmp = os.path.join(head, f".{name}{TMP_MARK}{token}")
            # the umask's mode, as a new record file gets; no fsync each
            fd = os.open(tmp, flags, 0o666)
            temps.append(tmp)
            try:
                if os.write(fd, data) != len(data):
                    raise OSError(errno.EIO, "short write", tmp)
            finally:
                os.close(fd)
        os.sync()  # one flush for the whole batch, before any file is replaced
        for rel, tmp in zip(blobs, temps):
            os.replace(tmp, os.path.join(root, rel))
            placed.append(rel)
        temps = []
        staged = True
        _index(ws, blobs, staging.oids())
        return _commit(ws, list(blobs), message)
    except BaseException:
        staging.wait()
        for tmp in temps:
            try:
                os.unlink(tmp)
            except FileNotFoundError:
                pass
        if staged:
            ws.git.run("reset", "-q", "HEAD", "--pathspec-from-file=-",
                       "--pathspec-file-nul", input=_nul(list(blobs)), check=False)
        for rel in placed:
            full = os.path.join(root, rel)
            old = backups[rel]
            if old is None:
                try:
                    os.unlink(full)
                except FileNotFoundError:
                    pass
            else:
                from store.workspace import atomic_write
                atomic_write(ws.root / rel, old)
        raise


def _entries(folder: str) -> dict[str, bool]:
    """{name: is a symbolic link} of a folder's entries (one scandir, where
    a lookup per file cost 10,000 failed opens on a first import)."""
    try:
        with os.scandir(folder) as it:
            return {e.name: e.is_symlink() for e in it}
    except FileNotFoundError:
        return {}


def _old(ws, rel: str, present: dict, want: str | None) -> bytes | None:
    """The bytes ``rel`` holds now (None: no file), refused when it is a
    link or not what the plan read."""
    folder, name = os.path.split(rel)
    link = present[folder].get(name)
    if link:
        raise InvalidValue(f"{rel} is a symbolic link: Accord never writes through "
                           f"links; replace it with a regular file")
    old = None
    if link is not None:
        try:
            with open(os.path.join(str(ws.root), rel), "rb") as fh:
                old = fh.read()
        except FileNotFoundError:
            pass
    if (old is None) != (want is None) or (want and digest_bytes(old) != want):
        raise ConflictError(f"{rel} changed on disk while importing; nothing "
                            f"was written: run the import again", path=ws.root / rel)
    return old


class _Stage:
    """Every blob into one pack by ``git fast-import``, run in a thread
    (git hashes and compresses on the other core while this process writes
    the files); ``oids()`` waits for it and gives each path's blob id."""

    def __init__(self, ws, blobs: dict[str, bytes]):
        d = ws.git.git_dir / "accord"
        d.mkdir(exist_ok=True)
        fd, self.marks = tempfile.mkstemp(dir=d, prefix="import-marks-")
        os.close(fd)
        self.paths = list(blobs)
        stream = b"".join(b"blob\nmark :%d\ndata %d\n%s\n" % (n, len(data), data)
                          for n, data in enumerate(blobs.values(), 1))
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, args=(ws, stream), daemon=True)
        self.thread.start()

    def _run(self, ws, stream: bytes) -> None:
        try:
            ws.git.run("fast-import", "--quiet", f"--export-marks={self.marks}", input=stream)
        except BaseException as e:  # raised again by oids()
            self.error = e

    def wait(self) -> None:
        self.thread.join()
        try:
            os.unlink(self.marks)
        except FileNotFoundError:
            pass

    def oids(self) -> dict[str, bytes]:
        self.thread.join()
        try:
            if self.error is not None:
                raise self.error
            with open(self.marks, encoding="ascii") as fh:
                oid = dict(line.split() for line in fh if line.strip())
        finally:
            self.wait()
        return {rel: oid[f":{n}"].encode() for n, rel in enumerate(self.paths, 1)}


def _index(ws, blobs: dict[str, bytes], oids: dict[str, bytes]) -> None:
    """The blobs into the index at their paths, and the index's stat data
    refreshed, so that git sees the files as clean."""
    info = b"".join(b"100644 %s\t%s\0" % (oids[rel], rel.encode("utf-8")) for rel in blobs)
    ws.git.run("update-index", "-z", "--add", "--index-info", input=info)
    ws.git.run("update-index", "-q", "--refresh", check=False)  # 1 = some file changed


def _commit(ws, paths: list[str], message: str) -> str:
    d = ws.git.git_dir / "accord"
    fd, msg_file = tempfile.mkstemp(dir=d, prefix="import-msg-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(message)
    try:
        base = ["commit", "-q", "--no-status", "--cleanup=verbatim", "-F", msg_file]
        others = ws.git.run("diff", "--cached", "--name-only", "-z", "HEAD",
                            input=b"", check=False)
        staged = set(others.stdout.split(b"\0")) - {b""}
        if others.returncode == 0 and staged <= {p.encode("utf-8") for p in paths}:
            p = ws.git.run(*base, input=b"", check=False)  # only ours is staged
        else:
            p = ws.git.run(*base, "--only", "--pathspec-from-file=-", "--pathspec-file-nul",
                           input=_nul(paths), check=False)
    finally:
        os.unlink(msg_file)
    if p.returncode != 0:
        err = (p.stderr or p.stdout or b"").decode("utf-8", "replace").strip().splitlines()
        raise CommitFailed("git refused the commit" + (f": {err[-1]}" if err else "")
                           + " (a hook may have failed); nothing was saved")
    return ws.git.out("rev-parse", "HEAD").strip()


def _nul(paths: list[str]) -> bytes:
    return b"".join(p.encode("utf-8") + b"\0" for p in paths)
