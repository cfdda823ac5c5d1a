"""Which blob a path has in HEAD, read from git's loose objects.

A save compares the file it is about to replace with HEAD (so that an
uncommitted hand edit is never folded into a commit that does not describe
it).  Asking git costs a process per save; right after a save, though, the
commit and every tree on the path to the file it wrote are loose objects
(zlib-compressed files under ``.git/objects/``), which this module reads
directly.  Anything else (a packed object: after a clone or ``git gc``, the
first save in each folder; a linked worktree, a SHA-256 repository) is
answered by one ``git rev-parse``.
"""
from __future__ import annotations

import zlib
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from store.git.repo import GitRepo


def blob_id(data: bytes) -> str:
    """The id git gives a file holding ``data`` (no filters applied)."""
    import hashlib  # here: the app's first screen does not need it
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class _Packed(Exception):
    """An object this reader cannot see: ask git."""


def _object(objects: Path, oid: str, kind: bytes) -> bytes:
    try:
        raw = (objects / oid[:2] / oid[2:]).read_bytes()
        data = zlib.decompress(raw)
    except (OSError, zlib.error):
        raise _Packed from None
    nul = data.find(b"\0")
    if nul < 0 or not data.startswith(kind + b" "):
        raise _Packed
    return data[nul + 1:]


def _entry(tree: bytes, name: bytes) -> tuple[bytes, str] | None:
    """(mode, id) of ``name`` in a tree object's body, None when absent."""
    pos, end = 0, len(tree)
    while pos < end:
        sp = tree.index(b" ", pos)
        nul = tree.index(b"\0", sp)
        if tree[sp + 1:nul] == name:
            return tree[pos:sp], tree[nul + 1:nul + 21].hex()
        pos = nul + 21
    return None


def loose_blob_at(git_dir: Path, head: str, rel: str) -> str | None:
    """The blob id of ``rel`` in commit ``head`` (None: not there), read
    from loose objects; raises _Packed when one of them is not loose."""
    if len(head) != 40 or (git_dir / "commondir").exists():
        raise _Packed
    objects = git_dir / "objects"
    body = _object(objects, head, b"commit")
    if not body.startswith(b"tree "):
        raise _Packed
    oid = body[5:45].decode("ascii")
    parts = rel.encode("utf-8").split(b"/")
    for i, part in enumerate(parts):
        found = _entry(_object(objects, oid, b"tree"), part)
        if found is None:
            return None
        mode, oid = found
        last = i == len(parts) - 1
        if last:
            return oid if mode in (b"100644", b"100755") else None
        if mode != b"40000":
            return None
    return None


def blob_at_head(git: GitRepo, rel: str) -> str | None:
    """The blob id ``rel`` has in HEAD of ``git`` (a GitRepo); None when
    HEAD does not hold it (or there is no commit yet)."""
    head = git.head()
    if head is None:
        return None
    try:
        return loose_blob_at(git.git_dir, head, rel)
    except (_Packed, ValueError, UnicodeError):
        p = git.run("rev-parse", "-q", "--verify", f"{head}:{rel}", check=False)
        return p.stdout.strip() or None
