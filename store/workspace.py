"""The workspace: find or create it, load its records, and save changes.

A save is: take the write lock, check the repository may be written, check the
file did not change on disk since it was read (by content hash), write the new
bytes atomically (temp file in the same folder, fsync, rename), and commit
exactly that path.  If the commit is refused (a hook failed) the file is put
back as it was.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from store.model import codec, ids
from store.model.files import NO_LINKS, TMP_MARK, BrokenRecord, FileProblem, atomic_write, file_problem, keep_link, put_back, read_regular, unlink_quietly  # noqa: F401
from store.git.uncommitted import UncommittedEdit  # noqa: F401 - raised by saves
from store.errors import (InvalidValue, NotAWorkspace, ReadOnlyError,
                          RepoStateError, UnknownRecord)
from store.git.repo import GitRepo
from store.commit import CommitFiles, commit_message  # noqa: F401 - commit_message: public here too
from store.saves import RecordSaves, Saved  # noqa: F401 - Saved: public here too
from store.model.records import (Record, diff_fields, digest_bytes, validate)
from store.model.schema import PROJECT_FIELDS, Kind

TYPE_CHECKING = False
if TYPE_CHECKING:
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


class Workspace(RecordSaves, CommitFiles):
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
