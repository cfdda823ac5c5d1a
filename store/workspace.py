"""The workspace: find or create it, load its records, and save changes.

A save is: take the write lock, check the repository may be written, check the
file did not change on disk since it was read (by content hash), write the new
bytes atomically (temp file in the same folder, fsync, rename), and commit
exactly that path.  If the commit is refused (a hook failed) the file is put
back as it was.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from store.model import codec, ids
from store.model.files import NO_LINKS, TMP_MARK, BrokenRecord, FileProblem, atomic_write, file_problem, keep_link, put_back, read_regular, unlink_quietly  # noqa: F401
from store.git.uncommitted import UncommittedEdit  # noqa: F401 - raised by saves
from store.errors import (ConflictError, InvalidValue, NotAWorkspace, ReadOnlyError,
                          RepoStateError, TransitionRefused, UnknownRecord)
from store.git.repo import GitRepo
from store.model.records import (Record, diff_fields, digest_bytes, fingerprint,
                                 signoff_state, validate, validate_record)
from store.model.schema import KINDS, LONGTEXT, PROJECT_FIELDS, TABLE, Kind, kind_named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager
    from typing import Any

CONFIG = "accord.toml"
PROJECTS = "projects"
FORMAT = 1


@dataclass
class Index:
    """The records of one project as read from disk, and the files that could
    not be read (``(relative path, problem)``)."""
    project: str
    records: dict[str, Record] = dc_field(default_factory=dict)
    problems: list[tuple[str, str]] = dc_field(default_factory=list)
    # {folder: stats taken before reading} (store.cache.scan_stamps)
    stamps: dict = dc_field(default_factory=dict)

    def of_kind(self, kind: Kind) -> list[Record]:
        """The records of one kind, in the order they were read."""
        return [r for r in self.records.values() if r.kind is kind]


@dataclass
class Saved:
    """What a save did: the record as now on disk and the commit id (None
    when nothing changed)."""
    record: Record | None
    commit: str | None
    changes: dict[str, list[Any]]


def _now_date() -> dt.date:
    """Today, or the day of GIT_AUTHOR_DATE when it is set (scripted
    histories and tests), so a record's dates agree with its commit."""
    env = os.environ.get("GIT_AUTHOR_DATE", "")
    try:
        return dt.datetime.fromisoformat(env.strip()).date()
    except ValueError:
        return dt.date.today()


class Workspace:
    """One Accord workspace (a git work tree with ``accord.toml``): the only
    way the app and the CLI read and write records and project settings."""

    def __init__(self, root: Path, read_only: bool = False) -> None:
        self.root = Path(root).resolve()
        self.git = GitRepo(self.root)
        self.read_only = read_only
        self._config: dict | None = None

    @property
    def read_only(self) -> bool:
        """Open read-only (``accord serve``): every file write and every git
        write through this workspace is refused (``guard_write``); the
        git repository object refuses its write commands too."""
        return self._read_only

    @read_only.setter
    def read_only(self, value: bool) -> None:
        self._read_only = bool(value)
        self.git.read_only = self._read_only

    def guard_write(self) -> None:
        """The one guard every write of the store passes first (records,
        reports, git config and attributes, commits, tags, sync)."""
        if self._read_only:
            raise ReadOnlyError()

    # --- finding and creating --------------------------------------------------
    @classmethod
    def find(cls, start: Path | str | None = None, read_only: bool = False) -> Workspace:
        """The workspace holding ``start`` (default: the current folder),
        looked for upwards as git does; NotAWorkspace when there is none."""
        here = Path(start or os.getcwd()).resolve()
        if not here.exists():
            raise NotAWorkspace(code="path-missing", path=str(here))
        for d in [here, *here.parents]:
            if (d / CONFIG).is_file():
                from store.git.setup import check_owner
                check_owner(d)  # another user's clone: refused unless safe.directory
                return cls(d, read_only=read_only)
        raise NotAWorkspace(code="not-a-workspace", path=str(here), config=CONFIG)

    @classmethod
    def init(cls, path: Path | str, name: str | None = None,
             language: str = "en") -> Workspace:
        """Make ``path`` a new workspace (a git repository too, when it is
        not one yet) with its first commit."""
        path = Path(path).resolve()
        if path.exists() and not path.is_dir():
            raise InvalidValue(code="init-not-folder", path=str(path))
        if (path / CONFIG).exists() or (path / CONFIG).is_symlink():
            raise InvalidValue(code="init-exists", path=str(path), config=CONFIG)
        if language not in ("en", "zh"):
            raise InvalidValue(code="bad-language", value=language)
        if not (path / ".git").exists():
            GitRepo.init(path)
        ws = cls(path)
        cfg = codec.new_document({"format": FORMAT,
                                  "name": name or path.name,
                                  "language": language})
        (path / PROJECTS).mkdir(exist_ok=True)
        writes = {CONFIG: cfg}
        if not any((path / PROJECTS).iterdir()):
            writes[f"{PROJECTS}/.gitkeep"] = ""
        from store.git import setup as gitsetup  # merge driver and readable diffs of records
        try:
            attrs = (path / gitsetup.ATTRIBUTES).read_text("utf-8")
        except FileNotFoundError:
            attrs = ""
        writes[gitsetup.ATTRIBUTES] = gitsetup.attributes_text(attrs)
        gitsetup.configure_git(ws)
        ws._commit_files(writes, f"accord: init workspace {name or path.name}",
                         trailers={"Accord-Action": "init"})
        return ws

    # --- configuration -----------------------------------------------------
    @property
    def config(self) -> dict[str, Any]:
        """accord.toml, read once; NotAWorkspace when it cannot be read."""
        if self._config is None:
            try:
                self._config = codec.parse_checked((self.root / CONFIG).read_text("utf-8"))
            except (OSError, UnicodeDecodeError, codec.TOMLDecodeError) as e:
                raise NotAWorkspace(code="config-unreadable", path=str(self.root / CONFIG),
                                    problem=codec.problem_of(e)) from None
        return self._config

    @property
    def language(self) -> str:
        """The language of the workspace's words and documents (``en`` or ``zh``)."""
        lang = self.config.get("language")
        return lang if lang in ("en", "zh") else "en"

    @property
    def name(self) -> str:
        return str(self.config.get("name") or self.root.name)

    # --- projects ------------------------------------------------------------
    def projects(self) -> list[str]:
        """The slugs of the projects in this workspace, sorted."""
        base = self.root / PROJECTS
        if not base.is_dir():
            return []
        return sorted(p.name for p in base.iterdir()
                      if p.is_dir() and ids.SLUG_RE.match(p.name)
                      and (p / "project.toml").is_file())

    def resolve_project(self, slug: str | None) -> str:
        """The project a command means: ``slug`` when it exists, else the only
        project there is; InvalidValue naming the choices otherwise."""
        if slug:
            ids.check_slug(slug)
            if slug not in self.projects():
                raise InvalidValue(code="unknown-project", slug=ids.shown(slug),
                                   projects=self.projects()) if self.projects() else \
                    InvalidValue(code="unknown-project-none", slug=ids.shown(slug))
            return slug
        found = self.projects()
        if len(found) == 1:
            return found[0]
        if not found:
            raise InvalidValue(code="no-project-yet")
        raise InvalidValue(code="many-projects", n=len(found), projects=found)

    def project_dir(self, slug: str) -> Path:
        return self.root / PROJECTS / ids.check_slug(slug)

    def project_data(self, slug: str) -> dict[str, Any]:
        """The project's project.toml as data."""
        path = self.project_dir(slug) / "project.toml"
        try:
            return codec.parse_checked(path.read_text("utf-8"))
        except FileNotFoundError:
            raise InvalidValue(code="no-project", slug=slug) from None
        except (codec.TOMLDecodeError, UnicodeDecodeError) as e:
            raise BrokenRecord(code="broken-file", path=self.rel(path),
                               problem=codec.problem_of(e)) from None

    def new_project(self, slug: str, name: str, client: str,
                    fields: dict[str, Any] | None = None, why: str | None = None) -> str:
        """Create ``projects/<slug>/project.toml`` and commit it; the commit id."""
        ids.check_slug(slug)
        if (self.root / PROJECTS / slug).exists():
            raise InvalidValue(code="project-exists", slug=slug)
        data = {"name": name, "client": client, "status": "planning"}
        data.update(fields or {})
        problems = validate(PROJECT_FIELDS, data)
        if problems:
            raise InvalidValue(code="project-invalid", problem=problems[0])
        order = [f.name for f in PROJECT_FIELDS]
        data = {k: data[k] for k in order if k in data} | {
            k: v for k, v in data.items() if k not in order}
        rel = f"{PROJECTS}/{slug}/project.toml"
        return self._commit_files(
            {rel: codec.new_document(data)},
            f"{slug}: new project {name}", why=why,
            trailers={"Accord-Project": slug, "Accord-Action": "create"})

    def update_project(self, slug: str, changes: dict[str, Any],
                       why: str | None = None) -> str | None:
        """Edit project.toml keeping its layout and commit it; the commit id,
        or None when nothing changed."""
        path = self.project_dir(slug) / "project.toml"
        old = read_regular(path, self.rel(path))
        new = codec.edit_keeping_form(old.decode("utf-8"), changes)
        if new.encode("utf-8") == old:
            return None
        after = codec.parse_checked(new)
        problems = validate(PROJECT_FIELDS, after)
        if problems:
            raise InvalidValue(code="project-invalid", problem=problems[0])
        from store.model.records import diff_fields
        fields = diff_fields(codec.parse_checked(old.decode("utf-8")), after)
        names = ", ".join(dict.fromkeys(k.split(".")[0] for k in fields))
        return self._commit_files({self.rel(path): new}, f"{slug}: edit project ({names})",
                                  fields=fields,
                                  why=why, trailers={"Accord-Project": slug,
                                                     "Accord-Action": "edit"},
                                  expect={self.rel(path): digest_bytes(old)})

    # --- paths ---------------------------------------------------------------
    def rel(self, path: Path) -> str:
        return Path(path).relative_to(self.root).as_posix()

    def record_path(self, slug: str, rid: str) -> Path:
        """Where record ``rid`` of the project lives (whether or not it exists)."""
        kind, _ = ids.parse_id(rid)
        return self.project_dir(slug) / kind.folder / f"{rid}.toml"

    def _check_path(self, path: Path) -> None:
        """Refuse a path that is a symbolic link, passes through one, or lies
        outside the workspace."""
        try:
            path.relative_to(self.root)
        except ValueError:
            raise InvalidValue(code="path-outside", path=str(path)) from None
        cur = path
        while cur != self.root:
            if cur.is_symlink():
                raise InvalidValue(code="symlink-write", path=self.rel(cur))
            cur = cur.parent

    # --- reading -------------------------------------------------------------
    def read(self, slug: str, rid: str) -> Record:
        """One record as on disk now; UnknownRecord when there is none."""
        return self.read_raw(slug, rid)[0]

    def read_raw(self, slug: str, rid: str) -> tuple[Record, bytes]:
        """The record and the bytes it was parsed from (one read: a save
        edits exactly the version it checked)."""
        kind, _ = ids.parse_id(rid)
        path = self.record_path(slug, rid)
        try:
            raw = read_regular(path, self.rel(path))
        except FileNotFoundError:
            raise UnknownRecord(code="unknown-record", rid=rid, slug=slug,
                                kind_name=kind.name) from None
        return self._record_from_bytes(slug, kind, rid, path, raw), raw

    def _record_from_bytes(self, slug, kind, rid, path, raw) -> Record:
        try:
            data = codec.parse_bytes(raw)
        except (codec.TOMLDecodeError, UnicodeDecodeError) as e:
            rel = self.rel(path)
            raise BrokenRecord(code="broken-record", path=rel,
                               problem=codec.problem_of(e)) from None
        return Record(rid, kind, slug, path, data, digest_bytes(raw),
                      rel=self.rel(path))

    def load(self, slug: str, kinds: list[Kind] | None = None) -> Index:
        """Every record of the project (or of ``kinds``).  A file that cannot
        be read is listed in ``problems`` and never stops the others.  Parses
        of unchanged files come from the cache in .git/accord/cache/ (see
        store/cache.py): one stat per file, the same result as a full parse."""
        from store.cache import load_index
        return load_index(self, slug, kinds)

    # --- ids -----------------------------------------------------------------
    def next_id(self, slug: str, kind: Kind) -> str:
        """The id a new record of ``kind`` gets: never one used before, also
        by a record since deleted (a deleted id's history stays its own)."""
        folder = self.project_dir(slug) / kind.folder
        highest = 0
        try:
            for name in os.listdir(folder):
                n = ids.number_of_file(name, kind)
                if n and n > highest:
                    highest = n
        except FileNotFoundError:
            pass
        highest = max(highest, self._deleted_max(self.rel(folder), kind))
        if highest < ids.MAX_NUMBER:
            return ids.make_id(kind, highest + 1)
        # the numbers ran out at the top (a file once named PREFIX-999999999):
        # the lowest one never used, in the folder or in its history
        used = set()
        for name in [*os.listdir(folder), *self.git.deleted_names(self.rel(folder))]:
            n = ids.number_of_file(name, kind)
            if n:
                used.add(n)
        n = ids.next_number(used, highest)
        if n is None:
            raise InvalidValue(code="ids-exhausted", kind=kind.name, max=ids.MAX_NUMBER,
                               path=self.rel(folder))
        return ids.make_id(kind, n)

    def _cache_dir(self) -> Path:
        from store import locations
        d = locations.folder(self.git.git_dir)
        d.mkdir(parents=True, exist_ok=True)
        return d

    def _deleted_max(self, rel_folder: str, kind: Kind) -> int:
        """The highest id ever deleted from the folder on this branch, from
        history; cached by HEAD in the cache folder's ids.json."""
        import json  # here: the app's first screen does not need it
        head = self.git.head()
        if head is None:
            return 0
        cache_file = self._cache_dir() / "ids.json"
        try:
            cache = json.loads(cache_file.read_text())
        except (OSError, ValueError):
            cache = {}
        entry = cache.get(rel_folder)
        if entry and entry.get("head") == head:
            return entry["max"]
        since = entry["head"] if entry and self.git.rev_parse(entry["head"]) else None
        best = entry["max"] if since else 0
        for name in self.git.deleted_names(rel_folder, since):
            n = ids.number_of_file(name, kind)
            if n and n > best:
                best = n
        cache[rel_folder] = {"head": head, "max": best}
        self._write_cache(cache_file, json.dumps(cache))
        return best

    @staticmethod
    def _write_cache(path: Path, text: str) -> None:
        from store.cache import write_file
        write_file(path, text.encode("utf-8"))

    # --- writing records -------------------------------------------------------
    def _ensure_writable(self):
        self.guard_write()
        self._check_format()

    def _check_format(self) -> None:
        """A workspace written by a newer Accord (another ``format`` in
        accord.toml) is never written by this one."""
        if self._config is None and not (self.root / CONFIG).exists():
            return  # `accord init` is writing it
        fmt = self.config.get("format", FORMAT)
        if fmt != FORMAT or isinstance(fmt, bool):
            shown = repr(fmt)
            shown = shown if len(shown) <= 20 else shown[:19] + "…"
            raise RepoStateError(code="format-newer", config=CONFIG, shown=shown,
                                 format=FORMAT)

    def write_lock(self) -> AbstractContextManager[None]:
        """The lock every save of every Accord process on this clone takes
        (re-entrant within this Workspace): a read-modify-write done under
        it cannot lose another process's save."""
        return self._locked()

    @staticmethod
    def _multiline_keys(kind: Kind) -> frozenset:
        return frozenset(f.name for f in kind.fields if f.type == LONGTEXT)

    def create(self, slug: str, kind: Kind | str, fields: dict[str, Any],
               why: str | None = None) -> Saved:
        """Create a record of ``kind`` with ``fields`` (typed values, dotted
        names allowed) and commit it."""
        self._ensure_writable()
        if isinstance(kind, str):
            k = kind_named(kind)
            if k is None:
                raise InvalidValue(code="unknown-kind", value=kind, kinds=list(KINDS))
            kind = k
        slug = self.resolve_project(slug)
        data = _nest(fields)
        if kind.statuses:
            st = data.get("status") or kind.initial
            if st not in kind.statuses:
                raise InvalidValue(code="not-a-status", value=st, kind=kind.name,
                                   statuses=list(kind.statuses))
            if st in kind.needs_signoff:
                raise TransitionRefused(code="new-needs-signoff", kind=kind.name,
                                        value=st, status=st)
            data["status"] = st
        data.setdefault("created", _now_date())
        data = _schema_order(kind, data)
        problems = validate_record(kind, data)
        if problems:
            raise InvalidValue(code="kind-invalid", kind=kind.name, problem=problems[0])
        with self._locked():
            rid = self.next_id(slug, kind)
            path = self.record_path(slug, rid)
            text = codec.new_document(data, self._multiline_keys(kind))
            msg_fields = {k: [None, v] for k, v in _flat(data).items()}
            title = data.get(kind.title_field, "")
            commit = self._commit_files(
                {self.rel(path): text},
                f"{rid}: create {_short(title)}", fields=msg_fields, why=why,
                trailers=_trailers(slug, rid, "create"), locked=True,
                expect={self.rel(path): None})
            rec = Record(rid, kind, slug, path, codec.parse(text),
                         digest_bytes(text.encode("utf-8")), rel=self.rel(path))
        return Saved(rec, commit, msg_fields)

    def update(self, slug: str, rid: str, changes: dict[str, Any], why: str | None = None,
               expect_digest: str | None = None, action: str = "edit",
               subject: str | None = None,
               _check: Callable[[Record, dict[str, Any]], object] | None = None) -> Saved:
        """Change fields of a record ({dotted name: value, or codec.REMOVE /
        None to remove}) and commit.  Nothing changed: no commit."""
        self._ensure_writable()
        kind, _ = ids.parse_id(rid)
        for name, value in changes.items():
            problem = codec.odd_value(value)
            if problem:
                raise InvalidValue(code="field", name=name,
                                   problem=problem.split(": ", 1)[-1])
        with self._locked():
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            if "status" in changes and action == "edit":
                new = changes["status"]
                if new != rec.status:
                    action = "move"
                    self._check_move(kind, rec, new, changes)
            old_text = raw.decode("utf-8")
            new_text = codec.edit_keeping_form(old_text, changes,
                                               self._multiline_keys(kind))
            if new_text == old_text:
                return Saved(rec, None, {})
            new_data = codec.parse_checked(new_text)
            problems = validate_record(kind, new_data)
            if problems:
                raise InvalidValue(code="record-invalid", what=rid, problem=problems[0])
            if _check:
                _check(rec, new_data)
            fields = diff_fields(rec.data, new_data)
            if not fields:
                return Saved(rec, None, {})
            if subject is None:
                subject = _subject(rid, action, fields)
            commit = self._commit_files(
                {rec.rel: new_text}, subject, fields=fields, why=why,
                trailers=_trailers(slug, rid, action), locked=True,
                expect={rec.rel: rec.digest})
            new_rec = Record(rid, kind, slug, rec.path, new_data,
                             digest_bytes(new_text.encode("utf-8")), rel=rec.rel)
        return Saved(new_rec, commit, fields)

    def _check_move(self, kind: Kind, rec: Record, new: str, changes: dict):
        if new not in kind.statuses:
            raise InvalidValue(code="not-a-status", value=new, kind=kind.name,
                               statuses=list(kind.statuses))
        allowed = kind.moves_from(rec.status)
        if new not in allowed:
            raise TransitionRefused(code="move-refused" if allowed else "move-none",
                                    rid=rec.id, src=rec.status or "(none)", to=new,
                                    allowed=list(allowed))
        if new in kind.needs_signoff:
            data = dict(rec.data)
            data.update(_nest({k: v for k, v in changes.items() if k != "status"}))
            if signoff_state(kind, data) != "current":
                ok = [s for s in allowed if s not in kind.needs_signoff]
                raise TransitionRefused(code="signoff-required", rid=rec.id, to=new, ok=ok)

    def move(self, slug: str, rid: str, status: str, changes: dict[str, Any] | None = None,
             why: str | None = None, expect_digest: str | None = None) -> Saved:
        """Move a record to ``status`` along its kind's transitions (with
        ``changes`` in the same commit); a move that needs a current
        sign-off is refused without one."""
        ch = dict(changes or {})
        ch["status"] = status
        kind, _ = ids.parse_id(rid)
        if kind.statuses == ():
            raise InvalidValue(code="no-status", kind=kind.name)
        self._ensure_writable()
        with self._locked():  # the status checked is the one saved over
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            if rec.status == status:
                raise TransitionRefused(code="already-status", rid=rid, status=status)
            self._check_move(kind, rec, status, ch)
            return self.update(slug, rid, ch, why=why, expect_digest=rec.digest,
                               action="move",
                               subject=f"{rid}: move {rec.status} -> {status}")

    def confirm(self, slug: str, rid: str, by: str, via: str,
                on: dt.date | None = None, why: str | None = None,
                expect_digest: str | None = None) -> Saved:
        """Record the client's sign-off of the agreed fields as they are now."""
        kind, _ = ids.parse_id(rid)
        if not kind.has_signoff:
            raise InvalidValue(code="no-signoff-kind", kind=kind.name)
        if not by.strip() or not via.strip():
            raise InvalidValue(code="confirm-needs-by")
        self._ensure_writable()
        with self._locked():  # the fingerprint is of the version saved over
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            return self._confirm(slug, rid, kind, rec, by, via, on, why)

    def _confirm(self, slug, rid, kind, rec, by, via, on, why) -> Saved:
        on = on or _now_date()
        changes = {"confirmation": {"by": by, "on": on, "via": via,
                                    "fingerprint": fingerprint(kind, rec.data)}}
        order = kind.statuses
        target = kind.signoff_status
        if target and rec.status in order and order.index(rec.status) < order.index(target) \
                and rec.status not in ("rejected", "withdrawn"):
            changes["status"] = target
        elif rec.status in ("rejected", "withdrawn", "implemented"):
            raise TransitionRefused(code="reopen-first", rid=rid, status=rec.status)
        return self.update(slug, rid, changes, why=why, expect_digest=rec.digest,
                           action="confirm",
                           subject=f"{rid}: confirm ({by} via {via})")

    def delete(self, slug: str, rid: str, why: str | None = None,
               expect_digest: str | None = None) -> Saved:
        """Delete a record's file and commit it (history keeps every version)."""
        self._ensure_writable()
        with self._locked():
            rec, raw = self._saved_over(slug, rid, ids.parse_id(rid)[0], expect_digest)
            fields = {k: [v, None] for k, v in _flat(rec.data).items()}
            commit = self._commit_files(
                {rec.rel: None}, f"{rid}: delete {_short(rec.title)}",
                fields=fields, why=why, trailers=_trailers(slug, rid, "delete"),
                locked=True, expect={rec.rel: rec.digest})
        return Saved(None, commit, fields)

    def save_text(self, slug: str, rid: str, text: str, why: str | None = None,
                  expect_digest: str | None = None) -> Saved:
        """Save a whole new text of a record (edited in $EDITOR): it must be
        valid TOML that passes validation; status moves are checked too."""
        from store.errors import ValidationFailed
        from store.messages import Problem
        self._ensure_writable()
        kind, _ = ids.parse_id(rid)
        try:
            new_data = codec.parse_checked(text)
        except codec.TOMLDecodeError as e:
            raise ValidationFailed(code="edit-not-toml", rid=rid, toml=str(e),
                                   problems=[Problem("toml-invalid", toml=str(e))]) from None
        problems = validate_record(kind, new_data)
        if problems:
            raise ValidationFailed(code="record-invalid", what=rid, problem=problems[0],
                                   problems=problems)
        if not text.endswith("\n"):
            text += "\n"
        with self._locked():
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            if new_data.get("status") != rec.data.get("status") and kind.statuses:
                self._check_move(kind, rec, new_data.get("status"),
                                 {k: v for k, v in new_data.items()})
            fields = diff_fields(rec.data, new_data)
            if text.encode("utf-8") == raw:
                return Saved(rec, None, {})
            action = "move" if "status" in fields else "edit"
            commit = self._commit_files(
                {rec.rel: text}, _subject(rid, action, fields) if fields
                else f"{rid}: edit layout", fields=fields, why=why,
                trailers=_trailers(slug, rid, action), locked=True,
                expect={rec.rel: rec.digest})
            new_rec = Record(rid, kind, slug, rec.path, new_data,
                             digest_bytes(text.encode("utf-8")), rel=rec.rel)
        return Saved(new_rec, commit, fields)

    def baseline(self, slug: str, name: str, note: str | None = None) -> str:
        """Tag HEAD as a named baseline of the project (``accord/<slug>/<name>``),
        what scope reports compare against; returns the tag."""
        self._ensure_writable()
        slug = self.resolve_project(slug)
        if not ids.SLUG_RE.match(name):
            raise InvalidValue(code="baseline-name", value=name)
        tag = f"accord/{slug}/{name}"
        if self.git.rev_parse(f"refs/tags/{tag}"):
            raise InvalidValue(code="baseline-exists", value=name)
        if self.git.head() is None:
            raise InvalidValue(code="baseline-empty")
        self.git.check_writable()
        self.git.tag(tag, note or f"baseline {name} of {slug}")
        return tag

    # --- what HEAD holds ------------------------------------------------------------
    def _saved_over(self, slug: str, rid: str, kind: Kind,
                    expect_digest: str | None) -> tuple[Record, bytes]:
        """Under the lock: the version a save replaces and its bytes, refused
        when it is not the one the caller opened (``expect_digest``), with an
        uncommitted change of the file settled first (``_settle``)."""
        rec, raw = self.read_raw(slug, rid)
        if expect_digest is not None and rec.digest != expect_digest:
            raise self._conflict(rec)
        return self._settle(slug, kind, rec, raw), raw

    def _settle(self, slug: str, kind: Kind, rec: Record, raw: bytes) -> Record:
        """An uncommitted change of the file committed on its own first, or
        the save refused (store/git/uncommitted.py)."""
        from store.git.uncommitted import settle
        return settle(self, slug, kind, rec, raw)

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
        return Workspace._Lock(self)

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


# --- helpers ------------------------------------------------------------------

def _nest(fields: dict) -> dict:
    """{"impact.scope": x} -> {"impact": {"scope": x}}; None values dropped."""
    out: dict = {}
    for k, v in fields.items():
        if v is None or v is codec.REMOVE:
            continue
        parts = k.split(".")
        cur = out
        for p in parts[:-1]:
            cur = cur.setdefault(p, {})
        cur[parts[-1]] = v
    return out


def _flat(data: dict) -> dict:
    from store.model.records import flatten
    return flatten(data)


def _schema_order(kind: Kind, data: dict) -> dict:
    out = {}
    for f in kind.fields:
        if f.name in data and data[f.name] not in (None, "", []):
            v = data[f.name]
            if f.type == TABLE and isinstance(v, dict):
                order = [s.name for s in f.fields]
                v = {k: v[k] for k in order if k in v} | {
                    k: x for k, x in v.items() if k not in order}
            out[f.name] = v
    for k, v in data.items():
        if k not in out and v not in (None, "", []):
            out[k] = v
    return out


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
