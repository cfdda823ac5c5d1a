"""Reading and writing the files of a workspace safely.

A record file is read only when it is a regular file (a pipe would make
the read wait for ever, a folder or a device is no record), and is written
atomically (temp file in the same folder, fsync, rename).  A failed save is
undone by renaming back a hard link to the old file, kept before the write,
so that the undo needs neither free space nor a write.  A refusal of the
file system becomes one line naming the path and the way out.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from store.errors import AccordError, InvalidValue

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Literal


TMP_MARK = ".accord-tmp-"


class BrokenRecord(AccordError):
    """A record file that cannot be read as a record (bad TOML, not UTF-8,
    not a regular file): one line naming it and the way to fix it."""
    exit_code = 1


class FileProblem(AccordError):
    """The file system refused a read or a write (permissions, read-only,
    full): one line naming the path; nothing was saved."""
    exit_code = 1


MAX_RECORD_BYTES = 16 << 20  # a record file beyond this is not one Accord wrote
_O_READ = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)


def file_problem(path: Path | str, err: OSError,
                 doing: Literal["write", "read"] = "write") -> FileProblem:
    """``path: cannot write (reason): way out; nothing was saved``."""
    why = err.strerror or str(err)
    if err.errno in (errno.EACCES, errno.EPERM):
        code = "file-denied"
    elif err.errno == errno.EROFS:
        code = "file-read-only-fs"
    elif err.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        code = "file-full"
    else:
        code = "file-other"
    return FileProblem(code=code, path=str(path), doing=doing, why=why, errno=err.errno)


def read_regular(path: Path, rel: str) -> bytes:
    """The bytes of the regular file ``path``: a folder, a pipe, a device, a
    symbolic link or a file too big to be a record is refused before a
    byte is read (a pipe would make the read wait for ever)."""
    try:
        fd = os.open(path, _O_READ)
    except FileNotFoundError:
        raise
    except OSError as e:
        if e.errno == errno.ELOOP:
            raise InvalidValue(code="symlink-read", path=str(rel)) from None
        raise file_problem(rel, e, "read") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise BrokenRecord(code="folder-not-file", path=str(rel))
        if not stat.S_ISREG(st.st_mode):
            raise BrokenRecord(code="not-regular", path=str(rel))
        if st.st_size > MAX_RECORD_BYTES:
            raise BrokenRecord(code="too-big", path=str(rel), mb=st.st_size >> 20)
        chunks = []
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            if sum(map(len, chunks)) > MAX_RECORD_BYTES:
                raise BrokenRecord(code="grows", path=str(rel))
        return b"".join(chunks)
    except OSError as e:
        raise file_problem(rel, e, "read") from None
    finally:
        os.close(fd)


# a file system without hard links (the rollback then writes the old bytes)
NO_LINKS = {errno.EPERM, errno.EMLINK, errno.EXDEV,
             getattr(errno, "ENOTSUP", -1), getattr(errno, "EOPNOTSUPP", -1)}


def keep_link(path: Path) -> Path:
    """A hard link to ``path``'s current file, next to it (a name doctor
    reports as an interrupted save's if a killed process leaves it)."""
    for _ in range(100):
        keep = path.with_name(f".{path.name}{TMP_MARK}keep-{os.urandom(4).hex()}")
        try:
            os.link(path, keep, follow_symlinks=False)
            return keep
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free name for a backup link", str(path))


def put_back(path: Path, old: bytes | None, keep: Path | None) -> None:
    """Undo a write: the kept link renamed back (no new bytes, no space
    needed), or the file removed when it did not exist before.  Without a
    kept link (no write happened yet, or links are not possible) the old
    bytes are written only if the file no longer holds them."""
    if keep is not None:
        try:
            same = os.path.samestat(os.lstat(keep), os.lstat(path))
        except FileNotFoundError:
            same = False
        if same:  # the write never happened (rename would do nothing)
            unlink_quietly(keep)
        else:
            os.replace(keep, path)
    elif old is None:
        path.unlink(missing_ok=True)
    else:
        try:
            if path.read_bytes() == old:
                return
        except OSError:
            pass
        atomic_write(path, old)


def unlink_quietly(path: Path) -> None:
    """Remove ``path``; already gone is fine."""
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temp file in the same folder,
    fsync and rename, so a reader sees the old bytes or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink():
        raise InvalidValue(code="symlink-refused", path=str(path))
    mode = None
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{TMP_MARK}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode if mode is not None else 0o644 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:
        dfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass


_UMASK = None


def _umask() -> int:
    global _UMASK
    if _UMASK is None:
        _UMASK = os.umask(0o022)
        os.umask(_UMASK)
    return _UMASK
