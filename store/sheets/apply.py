"""Applying an import plan: every file written, then ONE commit of exactly
those paths (``import: N requirements from FILE``), or nothing at all.

Thousands of rows are written as one batch, not through the one-record save:
the files go to temporary names, one ``os.sync`` makes them durable, they
are renamed into place, and one ``git add`` and one ``git commit --only``
(paths passed on stdin / a file, not the command line) record them.  Any
failure puts every file back as it was and leaves the index as it was."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .. import codec, ids
from ..errors import CommitFailed, ConflictError, InvalidValue
from ..records import digest_bytes
from ..schema import REQUIREMENT
from ..workspace import TMP_MARK, _now_date, _schema_order, commit_message
from .plan import Plan
from .words import msg

MULTILINE = frozenset(f.name for f in REQUIREMENT.fields if f.type == "longtext")


class BadRows(InvalidValue):
    """The plan has rows it cannot take: nothing is written (exit 1)."""
    exit_code = 1


def apply_plan(ws, slug: str, plan: Plan, why: str | None = None,
               lang: str | None = None) -> tuple[str | None, dict[int, str]]:
    """Write the plan's creates and updates and commit them once.  Returns
    (commit id or None when nothing changed, {row number: requirement id})."""
    lang = lang or ws.language
    ws._ensure_writable()
    bad = plan.bad
    if bad:
        raise BadRows(msg(lang, "bad_rows", file=plan.file, n=len(bad),
                          row=bad[0].row, why=bad[0].why))
    if not plan.writes:
        return None, {}
    pdir = ws.project_dir(slug)
    folder = pdir / REQUIREMENT.folder
    with ws._locked():
        ws.git.check_writable()
        writes: dict[str, str] = {}
        expect: dict[str, str] = {}
        created: dict[int, str] = {}
        lines: list[str] = []
        for row in plan.of("update"):
            path = folder / f"{row.rid}.toml"
            try:
                old = path.read_bytes()
            except FileNotFoundError:
                old = b""
            if digest_bytes(old) != row.digest:
                raise ConflictError(msg(lang, "changed_meanwhile", rid=row.rid), path=path)
            changes = {f: (codec.REMOVE if new is None else new)
                       for f, (_o, new) in row.changes.items()}
            writes[ws.rel(path)] = codec.edit_document(old.decode("utf-8"), changes, MULTILINE)
            expect[ws.rel(path)] = row.digest
            created[row.row] = row.rid
            lines.append(f"{row.rid}{_ref(row.ref)}: {', '.join(row.changes)}")
        creates = plan.of("create")
        if creates:
            first = ids.parse_id(ws.next_id(slug, REQUIREMENT))[1]
            today = _now_date()
            for n, row in enumerate(creates):
                rid = ids.make_id(REQUIREMENT, first + n)
                data = {k: v for k, v in row.values.items() if v is not None}
                data["status"] = REQUIREMENT.initial
                data["created"] = today
                writes[ws.rel(folder / f"{rid}.toml")] = document(
                    _schema_order(REQUIREMENT, data))
                created[row.row] = rid
            last = ids.make_id(REQUIREMENT, first + len(creates) - 1)
            span = ids.make_id(REQUIREMENT, first) + (f" … {last}" if len(creates) > 1 else "")
            lines.insert(0, f"created: {span} ({len(creates)})")
        subject = f"import: {plan.writes} requirements from {plan.file}"
        message = commit_message(subject, None, why, {
            "Accord-Project": slug, "Accord-Action": "import"})
        message = message.replace("\n\n", "\n\n" + "\n".join(lines) + "\n\n", 1) \
            if lines else message
        commit = write_and_commit(ws, writes, message, expect)
    return commit, created


def _ref(ref: str) -> str:
    return f" ({' '.join(ref.split())})" if ref else ""


def document(data: dict) -> str:
    """A new record file's text, as ``codec.new_document`` writes it for
    plain keys, without building a tomlkit document (a thousand times a
    second instead of a few hundred)."""
    return "".join(f"{codec.key_source(k)} = {codec.value_source(v, k in MULTILINE)}\n"
                   for k, v in data.items())


def write_and_commit(ws, writes: dict[str, str], message: str,
                     expect: dict[str, str]) -> str:
    """Write ``{relative path: text}`` and commit exactly those paths; on
    any failure every file is back as it was.  Call with the write lock."""
    root: Path = ws.root
    backups: dict[str, bytes | None] = {}
    for rel in writes:
        path = root / rel
        ws._check_path(path)
        try:
            old = path.read_bytes()
        except FileNotFoundError:
            old = None
        want = expect.get(rel)
        if (old is None) != (want is None) or (want and digest_bytes(old) != want):
            raise ConflictError(f"{rel} changed on disk while importing; nothing "
                                f"was written: run the import again", path=path)
        backups[rel] = old
    new_paths = [rel for rel, old in backups.items() if old is None]
    temps: list[tuple[str, Path]] = []
    added = False
    try:
        for rel, text in writes.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}{TMP_MARK}")
            with os.fdopen(fd, "wb") as fh:
                fh.write(text.encode("utf-8"))
            os.chmod(tmp, 0o644 & ~_umask())
            temps.append((rel, Path(tmp)))
        os.sync()  # one flush for the whole batch, before any file is replaced
        for rel, tmp in temps:
            os.replace(tmp, root / rel)
        temps = []
        if new_paths:
            added = True
            ws.git.run("add", "--pathspec-from-file=-", "--pathspec-file-nul",
                       input=_nul(new_paths))
        return _commit(ws, list(writes), message)
    except BaseException:
        for _rel, tmp in temps:
            tmp.unlink(missing_ok=True)
        if added:
            ws.git.run("rm", "--cached", "-q", "--force", "--ignore-unmatch",
                       "--pathspec-from-file=-", "--pathspec-file-nul",
                       input=_nul(new_paths), check=False)
        for rel, old in backups.items():
            path = root / rel
            if old is None:
                path.unlink(missing_ok=True)
            elif path.read_bytes() != old:
                from ..workspace import atomic_write
                atomic_write(path, old)
        raise


def _commit(ws, paths: list[str], message: str) -> str:
    d = ws.git.git_dir / "accord"
    d.mkdir(exist_ok=True)
    fd, msg_file = tempfile.mkstemp(dir=d, prefix="import-msg-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(message)
    try:
        p = ws.git.run("commit", "-q", "--only", "--no-status", "--cleanup=verbatim",
                       "-F", msg_file, "--pathspec-from-file=-", "--pathspec-file-nul",
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


_UMASK: list[int] = []


def _umask() -> int:
    if not _UMASK:
        m = os.umask(0o022)
        os.umask(m)
        _UMASK.append(m)
    return _UMASK[0]
