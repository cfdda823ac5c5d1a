"""The save primitive and the commit message of a save.

``_commit_files`` writes each path atomically under the write lock and
commits exactly those paths; when the commit fails the old bytes are put
back.  ``commit_message`` writes the subject, the changed fields, the why
and the ``Accord-`` trailers.  Workspace inherits ``CommitFiles``.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from store.errors import ConflictError
from store.model.files import NO_LINKS, atomic_write, file_problem, keep_link, put_back, read_regular, unlink_quietly
from store.model.records import Record, digest_bytes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


class CommitFiles:
    """The save primitive of Workspace (a mixin: it uses the workspace's
    ``root``, ``git``, ``_ensure_writable`` and ``_check_path``)."""

    # --- the save primitive ------------------------------------------------------
    def _conflict(self, rec: Record) -> ConflictError:
        return ConflictError(
            f"{rec.id} changed on disk since it was opened (another terminal, a "
            f"pull or a hand edit): reload it and apply your change again",
            path=rec.path, current_text=rec.path.read_text("utf-8"))

    class _Lock:
        def __init__(self, ws):
            self.ws = ws
            self.cm = None

        def __enter__(self):
            if getattr(self.ws, "_lock_depth", 0) == 0:
                self.cm = self.ws.git.write_lock()
                try:
                    self.cm.__enter__()
                except OSError as e:  # .git/ on a read-only or full disk
                    self.cm = None
                    raise file_problem(e.filename or ".git", e) from None
            self.ws._lock_depth = getattr(self.ws, "_lock_depth", 0) + 1

        def __exit__(self, *exc):
            self.ws._lock_depth -= 1
            if self.cm is not None:
                self.cm.__exit__(*exc)

    def _locked(self):
        return CommitFiles._Lock(self)

    def _commit_files(self, writes: dict, subject: str, fields: dict | None = None,
                      why: str | None = None, trailers: dict | None = None,
                      locked: bool = False, expect: dict | None = None,
                      message: str | None = None) -> str:
        """Write each ``{relative path: text or None (delete)}`` atomically and
        commit exactly those paths.  ``expect`` maps a path to the digest it
        must still have (None: must not exist).  ``message``, when given,
        is the whole commit message (renumbering writes its own trailers).
        The old bytes are kept by a hard link (``keep``), so that putting
        them back after a failure needs neither free space nor a write."""
        self._ensure_writable()
        with self._locked():
            self.git.check_writable()
            backups: dict[str, bytes | None] = {}
            keeps: dict[str, Path] = {}
            new_paths = []
            for rel, text in writes.items():
                path = self.root / rel
                self._check_path(path)
                try:
                    old = read_regular(path, rel)
                except FileNotFoundError:
                    old = None
                if expect and rel in expect:
                    want = expect[rel]
                    have = None if old is None else digest_bytes(old)
                    if want != have:
                        if want is None:
                            raise ConflictError(code="appeared-on-disk", path=path,
                                                rel=rel)
                        raise ConflictError(
                            code="changed-on-disk", rel=rel, path=path,
                            current_text=None if old is None else old.decode("utf-8", "replace"))
                backups[rel] = old
                if old is None:  # tracked? asked only if the commit fails
                    if text is not None:
                        new_paths.append(rel)
            try:
                for rel, text in writes.items():
                    path = self.root / rel
                    if backups[rel] is not None:
                        try:
                            keeps[rel] = keep_link(path)
                        except OSError as e:
                            if e.errno not in NO_LINKS:
                                raise file_problem(rel, e) from None
                    try:
                        if text is None:
                            path.unlink(missing_ok=True)
                        else:
                            atomic_write(path, text.encode("utf-8"))
                    except OSError as e:
                        raise file_problem(rel, e) from None
                if message is None:
                    message = commit_message(subject, fields, why, trailers)
                commit = self.git.commit_paths(list(writes), message, new_paths)
            except BaseException:
                for rel, old in backups.items():
                    put_back(self.root / rel, old, keeps.get(rel))
                raise
            for keep in keeps.values():
                unlink_quietly(keep)
            return commit


def _short(text, n: int = 50) -> str:
    text = " ".join(str(text or "").split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _subject(rid: str, action: str, fields: dict) -> str:
    if action == "move" and "status" in fields:
        a, b = fields["status"]
        return f"{rid}: move {a} -> {b}"
    names = list(fields)
    shown = ", ".join(names[:4]) + (f" (+{len(names) - 4})" if len(names) > 4 else "")
    return f"{rid}: {action} {shown}"


def _trailers(slug: str, rid: str, action: str) -> dict:
    return {"Accord-Project": slug, "Accord-Record": rid, "Accord-Action": action}


def _show(v) -> str:
    import json
    if v is None:
        return '""'
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    s = json.dumps(v if not isinstance(v, dict) else {k: str(x) for k, x in v.items()},
                   ensure_ascii=False, default=str)
    return s if len(s) <= 72 else s[:70] + "…"


def commit_message(subject: str, fields: dict[str, Any] | None, why: str | None,
                   trailers: dict[str, str] | None) -> str:
    """Subject, the changed fields (``name: before -> after``), then the
    trailers; a multi-line why is folded with one-space indents so
    ``git interpret-trailers --parse`` reads it whole."""
    subject = " ".join(subject.split())
    parts = [subject]
    if fields:
        parts.append("\n".join(f"{k}: {_show(a)} -> {_show(b)}"
                               for k, (a, b) in fields.items()))
    lines = []
    if why and why.strip():
        why_lines = [ln.rstrip() for ln in why.strip().splitlines() if ln.strip()]
        lines.append("Why: " + why_lines[0])
        lines.extend(" " + ln for ln in why_lines[1:])
    for k, v in (trailers or {}).items():
        lines.append(f"{k}: {v}")
    if lines:
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"
