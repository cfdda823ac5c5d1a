"""The bulk history reads: one streamed ``git log`` and one ``git cat-file
--batch`` process each, however long the history, read as they stream.
The git CLI, not GitPython: these are already one process each
(docs/architecture.md, "Git: which calls use which").
"""
from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

from store.git.run import GitError, popen

RAW_FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%B%x00"
LIST_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%s"


class RawChange:
    """One entry of ``git log --raw``: status letter (A, M, D, R, C, T),
    old and new blob ids (None for the null id) and paths."""
    __slots__ = ("status", "old_blob", "new_blob", "old_path", "new_path")

    def __init__(self, status, old_blob, new_blob, old_path, new_path):
        self.status = status
        self.old_blob = old_blob
        self.new_blob = new_blob
        self.old_path = old_path
        self.new_path = new_path

    def __repr__(self):  # pragma: no cover - debugging aid
        return (f"RawChange({self.status} {self.old_path} -> {self.new_path})")


class RawCommit:
    __slots__ = ("id", "parents", "author_name", "author_email", "date",
                 "message", "changes")

    def __init__(self, id, parents, author_name, author_email, date, message,
                 changes):
        self.id = id
        self.parents = parents
        self.author_name = author_name
        self.author_email = author_email
        self.date = date
        self.message = message
        self.changes = changes


_NULL = "0" * 40


def _parse_raw_chunk(chunk: bytes) -> RawCommit | None:
    text = chunk.decode("utf-8", "replace")
    parts = text.split("\0", 6)
    if len(parts) < 6:
        return None
    cid, parents, an, ae, date, body = parts[:6]
    rest = parts[6] if len(parts) > 6 else ""
    tokens = rest.lstrip("\0\n").split("\0")
    changes = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        i += 1
        if not tok.startswith(":"):
            continue
        meta = tok[1:].split()
        if len(meta) < 5:
            continue
        old_blob = None if meta[2] == _NULL else meta[2]
        new_blob = None if meta[3] == _NULL else meta[3]
        status = meta[4][:1]
        p1 = tokens[i] if i < n else ""
        i += 1
        if status == "R" or status == "C":
            p2 = tokens[i] if i < n else ""
            i += 1
            changes.append(RawChange(status, old_blob, new_blob, p1, p2))
        elif status == "A":
            changes.append(RawChange(status, None, new_blob, None, p1))
        elif status == "D":
            changes.append(RawChange(status, old_blob, None, p1, None))
        else:
            changes.append(RawChange(status, old_blob, new_blob, p1, p1))
    return RawCommit(cid, parents.split(), an, ae, date, body, changes)


def _log_env() -> dict:
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C")
    return env


def _iter_stream(proc, sep: bytes):
    buf = b""
    while True:
        data = proc.stdout.read(1 << 16)
        if not data:
            break
        buf += data
        pieces = buf.split(sep)
        buf = pieces.pop()
        for piece in pieces:
            if piece:
                yield piece
    if buf:
        yield buf


# bulk-read methods of GitRepo (StreamReads, at the end)
def commit_list(self, revs: list[str], paths: list[str] = ()) -> list[tuple]:
    """Commits reachable from ``revs`` (git revision syntax, e.g.
    ``["abc..HEAD"]``), oldest first, parents before children, as
    ``(id, parents, author name, author email, author date ISO, subject)``.
    One process, no diffs: cheap even for tens of thousands of commits."""
    if self.head() is None:
        return []
    proc = popen(["log", "--reverse", "--date-order", "-z",
                  f"--format={LIST_FORMAT}", *revs, "--", *paths], cwd=self.root)
    out_b, err_b = proc.communicate()
    if proc.returncode != 0:
        raise GitError(["log", *revs], proc.returncode, err_b.decode("utf-8", "replace"))
    return _commit_rows(out_b.decode("utf-8", "replace"))


def _commit_rows(text: str) -> list[tuple]:
    out = []
    fields = text.split("\0")
    for j in range(0, len(fields) - 5, 6):
        cid = fields[j].lstrip("\n")
        out.append((cid, fields[j + 1].split(), fields[j + 2],
                    fields[j + 3], fields[j + 4], fields[j + 5]))
    return out


def descendants(self, old: str, new: str) -> list[tuple] | None:
    """``commit_list(["old..new"])`` when every commit in it descends from
    ``old`` (then git's whole listing of ``new`` puts them after ``old``'s,
    in this order, so a kept list of ``old`` grows by them exactly); None
    when a merge brought in a branch that does not."""
    rows = self.commit_list([f"{old}..{new}"])
    seen = {old}
    for cid, parents, *_ in rows:
        if not any(p in seen for p in parents):
            return None
        seen.add(cid)
    return rows


def is_ancestor(self, old: str, new: str) -> bool:
    """Whether commit ``old`` is ``new`` or one of its ancestors."""
    return self.run("merge-base", "--is-ancestor", old, new,
                    check=False).returncode == 0


def raw_log(self, commits: list[str] | None, paths: list[str] = (),
            walk: tuple[list[str], int] | None = None):
    """Stream ``RawCommit`` for exactly ``commits`` (ids, in the order
    given): message, author, and the files changed against the first
    parent (renames found with -M; a merge is diffed against its first
    parent).  One ``git log --no-walk --stdin`` process.  ``walk``
    (revisions, n) instead: the first n commits of git's own walk from
    those revisions (newest first), without a list of ids to give."""
    if walk is not None:
        revs, n = walk
        if self.head() is None or n <= 0:
            return
        where = ["-n", str(n), *revs]
    elif not commits:
        return
    else:
        where = ["--no-walk=unsorted", "--stdin"]
    args = ["log", *where, "-z", "--raw",
                   "--no-abbrev", "-M", "--diff-merges=first-parent",
                   "--no-color", f"--format={RAW_FORMAT}", "--", *paths]
    proc = popen(args, cwd=self.root,
                 stdin=subprocess.DEVNULL if walk else subprocess.PIPE, env=_log_env())
    def feed():
        try:
            proc.stdin.write(("\n".join(commits) + "\n").encode())
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    t = None
    if walk is None:
        t = threading.Thread(target=feed, daemon=True)
        t.start()
    try:
        for chunk in _iter_stream(proc, b"\x01"):
            rc = _parse_raw_chunk(chunk)
            if rc is not None:
                yield rc
    finally:
        if t is not None:
            t.join()
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        code = proc.wait()
    if code != 0:
        raise GitError(["log", *where[:2]], code,
                       err.decode("utf-8", "replace"))


def patch_log(self, rel: str, limit: int = 200) -> str:
    """``git log -p`` of one file (newest first), as text."""
    return self.run("log", f"-n{limit}", "-p", "--no-color",
                    "--format=commit %H%nAuthor: %an <%ae>%nDate:   %aI%n%n%B",
                    "--", rel, check=False).stdout


def tree_blobs(self, rev: str, prefix: str) -> dict[str, str]:
    """{path: blob id} of every file under ``prefix`` at ``rev`` (one
    ``git ls-tree -r -z``)."""
    p = self.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", prefix,
                 check=False)
    out = {}
    for entry in p.stdout.split("\0"):
        meta, tab, path = entry.partition("\t")
        parts = meta.split()
        if tab and len(parts) == 3 and parts[1] == "blob":
            out[path] = parts[2]
    return out


def blob_reader(self) -> "BlobReader":
    return BlobReader(self.root)


class BlobReader:
    """Objects through one ``git cat-file --batch`` process.  ``get(spec)``
    takes a blob id or ``rev:path`` and returns the bytes, or None when the
    object does not exist.  Use as a context manager."""

    def __init__(self, root: Path):
        self.root = root
        self.proc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _start(self):
        self.proc = popen(["cat-file", "--batch"], cwd=self.root,
                          stdin=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          env=_log_env())

    def get(self, spec: str) -> bytes | None:
        if "\n" in spec:
            return None
        if self.proc is None:
            self._start()
        self.proc.stdin.write(spec.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline()
        if not header:
            raise GitError(["cat-file", "--batch"], -1, "git cat-file ended")
        parts = header.split()
        if len(parts) < 3 or parts[-1] == b"missing" or parts[1] == b"missing":
            return None
        if parts[1] == b"ambiguous":
            return None
        size = int(parts[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)  # the newline after the contents
        return data if parts[1] == b"blob" else None

    def get_many(self, specs: list[str]) -> dict[str, bytes | None]:
        """Many objects in one pipelined round: every request is written (by
        a feeder thread) while the answers are read, in order."""
        specs = [s for s in dict.fromkeys(specs) if s and "\n" not in s]
        if not specs:
            return {}
        if self.proc is None:
            self._start()
        payload = "".join(s + "\n" for s in specs).encode("utf-8")
        proc = self.proc

        def feed():
            try:
                proc.stdin.write(payload)
                proc.stdin.flush()
            except (BrokenPipeError, OSError):
                pass

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        out: dict[str, bytes | None] = {}
        rd = proc.stdout
        try:
            for spec in specs:
                header = rd.readline()
                if not header:
                    raise GitError(["cat-file", "--batch"], -1, "git cat-file ended")
                parts = header.split()
                if len(parts) < 3 or parts[1] in (b"missing", b"ambiguous") \
                        or parts[-1] == b"missing":
                    out[spec] = None
                    continue
                size = int(parts[2])
                data = rd.read(size)
                rd.read(1)
                out[spec] = data if parts[1] == b"blob" else None
        finally:
            t.join()
        return out

    def close(self):
        if self.proc is not None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            self.proc.stdout.close()
            self.proc.wait()
            self.proc = None


class StreamReads:
    """The bulk reads, mixed into GitRepo (``self.root``, ``self.run``,
    ``self.head``)."""
    commit_list = commit_list
    raw_log = raw_log
    descendants = descendants
    is_ancestor = is_ancestor
    blob_reader = blob_reader
    tree_blobs = tree_blobs
    patch_log = patch_log
