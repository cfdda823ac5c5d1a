"""Many record files written and committed as ONE commit of exactly those
paths, or not at all: what an import of thousands of rows needs, where the
one-record save (a temp file and fsync per file, paths on git's command
line, a ``git add`` that writes one loose object per file) would take
minutes.

The files go to temporary names beside their targets, one ``os.sync``
makes them durable, and they are renamed into place.  Their blobs go to git
as one pack through ``git fast-import`` and into the index with one
``update-index --index-info``; then ``git commit`` (hooks run) -- a plain
commit when nothing else is staged, else ``commit --only`` the paths.  Any
failure puts every file and index entry back as it was."""
from __future__ import annotations

import os
import secrets
import tempfile

from ..errors import CommitFailed, ConflictError, InvalidValue
from ..records import digest_bytes
from ..workspace import TMP_MARK


def write_and_commit(ws, writes: dict[str, str], message: str,
                     expect: dict[str, str]) -> str:
    """Write ``{relative path: text}`` and commit exactly those paths.
    ``expect``: {path: digest it must still have}; a path not in it must
    not exist yet.  Call it holding the workspace's write lock."""
    root = str(ws.root)
    for folder in {os.path.dirname(rel) for rel in writes}:
        ws._check_path(ws.root / folder)  # no link on the way, inside the workspace
    backups: dict[str, bytes | None] = {}
    for rel in writes:
        full = os.path.join(root, rel)
        if os.path.islink(full):
            raise InvalidValue(f"{rel} is a symbolic link: Accord never writes through "
                               f"links; replace it with a regular file")
        try:
            with open(full, "rb") as fh:
                old = fh.read()
        except FileNotFoundError:
            old = None
        want = expect.get(rel)
        if (old is None) != (want is None) or (want and digest_bytes(old) != want):
            raise ConflictError(f"{rel} changed on disk while importing; nothing "
                                f"was written: run the import again", path=ws.root / rel)
        backups[rel] = old
    blobs = {rel: text.encode("utf-8") for rel, text in writes.items()}
    staged = False
    placed: list[str] = []
    temps: list[str] = []
    try:
        token = f"{os.getpid()}-{secrets.token_hex(3)}"
        for folder in {os.path.dirname(rel) for rel in blobs}:
            os.makedirs(os.path.join(root, folder), exist_ok=True)
        for rel, data in blobs.items():
            head, name = os.path.split(os.path.join(root, rel))
            tmp = os.path.join(head, f".{name}{TMP_MARK}{token}")
            # created with the umask's mode, as a new record file gets: no
            # chmod (one more inode change per file, ~0.3 ms each under load)
            with open(tmp, "xb") as fh:
                fh.write(data)
            temps.append(tmp)
        os.sync()  # one flush for the whole batch, before any file is replaced
        for rel, tmp in zip(blobs, temps):
            os.replace(tmp, os.path.join(root, rel))
            placed.append(rel)
        temps = []
        staged = True
        _stage(ws, blobs)
        return _commit(ws, list(blobs), message)
    except BaseException:
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
                from ..workspace import atomic_write
                atomic_write(ws.root / rel, old)
        raise


def _stage(ws, blobs: dict[str, bytes]) -> None:
    """Every blob into one pack, then into the index at its path (and the
    index's stat data refreshed, so that git sees the files as clean)."""
    d = ws.git.git_dir / "accord"
    d.mkdir(exist_ok=True)
    fd, marks = tempfile.mkstemp(dir=d, prefix="import-marks-")
    os.close(fd)
    try:
        stream = b"".join(b"blob\nmark :%d\ndata %d\n%s\n" % (n, len(data), data)
                          for n, data in enumerate(blobs.values(), 1))
        ws.git.run("fast-import", "--quiet", f"--export-marks={marks}", input=stream)
        with open(marks, encoding="ascii") as fh:
            oid = dict(line.split() for line in fh if line.strip())
    finally:
        os.unlink(marks)
    info = b"".join(b"100644 %s\t%s\0" % (oid[f":{n}"].encode(), rel.encode("utf-8"))
                    for n, rel in enumerate(blobs, 1))
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
