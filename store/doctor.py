"""``accord doctor``: validate every file of the workspace and the repository.

``check(ws)`` returns a list of ``Problem(path, message, severity)`` with
``severity`` ``"error"`` or ``"warning"``.  Errors: bad TOML, schema problems,
bad file names or ids, a record in the wrong folder, duplicate ids, dangling
links, leftovers of an interrupted save or sync, symbolic links, a missing
git identity.  Warnings: stale sign-offs, overdue items, a repository state in
which saves are refused (detached HEAD, merge in progress).

The git set-up (merge driver, diff settings, ownership) is checked by
``store.git.setup.check`` (as warnings).  More checks can be added by appending
``callable(ws) -> list[Problem]`` to ``EXTRA_CHECKS``; ``check`` runs them
after its own (an exception in one is reported as an error problem rather
than stopping the others).
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from store.model import codec, ids
from store.model.records import signoff_state, validate, validate_record
from store.model.schema import (BY_FOLDER, BY_PREFIX, ID, IDS, KINDS, PROJECT_FIELDS,
                                TABLE, TABLES)
from store.model.files import TMP_MARK
from store.git.repo import find_repository
from store.git.setup import check as git_setup_check
from store.saves import _now_date
from store.workspace import CONFIG, PROJECTS

ERROR, WARNING = "error", "warning"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{prefix}{self.path}: {self.message}"


EXTRA_CHECKS: list[Callable] = []

# statuses in which a due date no longer matters
_DONE = {"done", "dropped", "closed", "replied", "resolved", "cancelled"}
# kind -> the date field that makes an item overdue
_DUE = {"action": "due", "feedback": "reply_due", "issue": "due"}


def check(ws) -> list[Problem]:
    out: list[Problem] = []
    out += _check_config(ws)
    out += _check_leftovers(ws)
    for slug in _project_dirs(ws, out):
        out += _check_project(ws, slug)
    out += _check_git(ws)
    for extra in [_check_git_setup, *EXTRA_CHECKS]:
        try:
            out += list(extra(ws) or [])
        except Exception as e:  # one broken check never hides the others
            out.append(Problem(".", f"check {getattr(extra, '__name__', extra)} "
                                    f"failed: {e}", ERROR))
    return out


# --- the workspace -------------------------------------------------------------

def _check_config(ws) -> list[Problem]:
    path = ws.root / CONFIG
    try:
        data = codec.parse_bytes(path.read_bytes())
    except (OSError, UnicodeDecodeError, codec.TOMLDecodeError) as e:
        return [Problem(CONFIG, codec.problem_of(e))]
    out = []
    if data.get("format") != 1:
        out.append(Problem(CONFIG, f"format: {data.get('format')!r} is not a "
                                   f"format this Accord reads (1)"))
    if data.get("language", "en") not in ("en", "zh"):
        out.append(Problem(CONFIG, f"language: {data.get('language')!r} is not "
                                   f"one of en, zh"))
    return out


def _check_leftovers(ws) -> list[Problem]:
    """Temp files of an interrupted save, at the root and under projects/."""
    out = []
    base = ws.root / PROJECTS
    tops = [(ws.root, [], [e.name for e in os.scandir(ws.root) if e.is_file()])]
    walk = os.walk(base) if base.is_dir() else []
    for dirpath, _dirs, files in [*tops, *walk]:
        for name in files:
            if name.startswith(".") and TMP_MARK in name:
                rel = ws.rel(os.path.join(dirpath, name))
                out.append(Problem(rel, "leftover of an interrupted save: "
                                        "delete it (the record itself is intact)"))
    return out


def _project_dirs(ws, out: list[Problem]) -> list[str]:
    base = ws.root / PROJECTS
    if not base.is_dir():
        out.append(Problem(PROJECTS, "missing: a workspace keeps its projects "
                                     "in projects/"))
        return []
    slugs = []
    for e in sorted(os.scandir(base), key=lambda e: e.name):
        rel = f"{PROJECTS}/{e.name}"
        if e.name.startswith("."):
            continue
        if e.is_symlink():
            out.append(Problem(rel, "is a symbolic link: Accord never writes "
                                    "through links; replace it with a folder"))
            continue
        if not e.is_dir():
            continue
        if not ids.SLUG_RE.match(e.name):
            out.append(Problem(rel, "not a project slug (lowercase letters, "
                                    "digits and '-'): rename the folder"))
            continue
        if not (base / e.name / "project.toml").is_file():
            out.append(Problem(rel, "no project.toml: not a project"))
            continue
        slugs.append(e.name)
    return slugs


# --- one project ------------------------------------------------------------------

def _check_project(ws, slug: str) -> list[Problem]:
    out: list[Problem] = []
    pdir = ws.root / PROJECTS / slug
    prel = f"{PROJECTS}/{slug}"
    project = None
    ptoml = pdir / "project.toml"
    if ptoml.is_symlink():
        out.append(Problem(f"{prel}/project.toml", "is a symbolic link; "
                                                   "replace it with a regular file"))
    try:
        project = codec.parse_bytes(ptoml.read_bytes())
    except (OSError, UnicodeDecodeError, codec.TOMLDecodeError) as e:
        out.append(Problem(f"{prel}/project.toml", codec.problem_of(e)))
    if project is not None:
        for msg in validate(PROJECT_FIELDS, project):
            out.append(Problem(f"{prel}/project.toml", msg))

    # every .toml file under the project's folders: id -> [(rel, kind, data)]
    found: dict[str, list[tuple[str, object, dict | None]]] = {}
    for e in sorted(os.scandir(pdir), key=lambda e: e.name):
        if e.name.startswith(".") or not e.is_dir(follow_symlinks=False):
            if e.is_symlink():
                out.append(Problem(f"{prel}/{e.name}", "is a symbolic link: "
                                   "replace it with a regular folder"))
            continue
        folder_kind = BY_FOLDER.get(e.name)
        frel = f"{prel}/{e.name}"
        if folder_kind is None:
            out.append(Problem(frel, "not a record folder: folders are "
                                     + ", ".join(k.folder for k in KINDS.values()),
                               WARNING))
            continue
        for f in sorted(os.scandir(e.path), key=lambda f: f.name):
            name = f.name
            rel = f"{frel}/{name}"
            if name.startswith(".") or not name.endswith(".toml"):
                continue  # .gitkeep, leftovers (reported above), notes
            if f.is_symlink():
                out.append(Problem(rel, "is a symbolic link: Accord never writes "
                                        "through links; replace it with a regular file"))
                continue
            if not f.is_file():
                out.append(Problem(rel, "not a regular file (a folder, a pipe or "
                                        "a device): move it away; a record is a "
                                        "regular file"))
                continue
            rid = name[:-5]
            m = ids.ID_RE.match(rid)
            if not m or m.group(1) not in BY_PREFIX:
                out.append(Problem(rel, f"file name is not a record id: name it "
                                        f"{folder_kind.prefix}-n.toml"))
                continue
            kind = BY_PREFIX[m.group(1)]
            if kind is not folder_kind:
                out.append(Problem(rel, f"a {kind.name} in the {e.name}/ folder: "
                                        f"move it to {prel}/{kind.folder}/"))
            data = None
            try:
                data = codec.parse_bytes(open(f.path, "rb").read())
            except (UnicodeDecodeError, codec.TOMLDecodeError) as err:
                out.append(Problem(rel, codec.problem_of(err)))
            except OSError as err:
                out.append(Problem(rel, f"cannot be read ({err.strerror})"))
            found.setdefault(rid, []).append((rel, kind, data))

    for rid, entries in found.items():
        if len(entries) > 1:
            paths = ", ".join(e[0] for e in entries)
            for rel, _k, _d in entries:
                out.append(Problem(rel, f"duplicate id {rid} (files: {paths}): "
                                        f"keep one"))

    today = _now_date()
    for rid, entries in sorted(found.items(), key=lambda x: ids.sort_key(x[0])):
        for rel, kind, data in entries:
            if data is None:
                continue
            for msg in validate_record(kind, data):
                out.append(Problem(rel, msg))
            out += _links(rel, kind, data, found)
            out += _warnings(rel, rid, kind, data, today)
    if project is not None:
        for i, m in enumerate(project.get("milestones") or []):
            ref = m.get("change") if isinstance(m, dict) else None
            if isinstance(ref, str) and ids.is_id(ref) and ref not in found:
                out.append(Problem(f"{prel}/project.toml",
                                   f"milestones[{i + 1}].change: {ref} does not exist"))
    return out


def _links(rel, kind, data, found) -> list[Problem]:
    out = []

    def one(name, f, v):
        if f.type == IDS and isinstance(v, list):
            targets = [x for x in v if isinstance(x, str) and ids.is_id(x)]
        elif f.type == ID and isinstance(v, str) and ids.is_id(v):
            targets = [v]  # free text (via = "email") is not a link
        else:
            return
        for t in targets:
            if t not in found:
                out.append(Problem(rel, f"{name}: {t} does not exist in this "
                                        f"project (a dangling link)"))

    for f in kind.fields:
        v = data.get(f.name)
        if v is None:
            continue
        if f.type == TABLE and isinstance(v, dict):
            for s in f.fields:
                if s.name in v:
                    one(f"{f.name}.{s.name}", s, v[s.name])
        elif f.type == TABLES:
            continue
        else:
            one(f.name, f, v)
    return out


def _warnings(rel, rid, kind, data, today) -> list[Problem]:
    out = []
    if kind.has_signoff and signoff_state(kind, data) == "stale":
        conf = data.get("confirmation") or {}
        who = conf.get("by") or "the client"
        out.append(Problem(rel, f"sign-off is stale: agreed fields changed since "
                                f"{who} signed; confirm again with `accord confirm "
                                f"{rid} --by NAME --via CHANNEL`", WARNING))
    field = _DUE.get(kind.name)
    if field:
        due = data.get(field)
        status = data.get("status")
        if hasattr(due, "isoformat") and due < today and status not in _DONE:
            out.append(Problem(rel, f"overdue: {field} was {due.isoformat()} and "
                                    f"it is still {status}", WARNING))
    return out


# --- git ------------------------------------------------------------------------

def _check_git_setup(ws) -> list[Problem]:
    """The merge driver, diff settings and .gitattributes (store.git.setup),
    as warnings."""
    out = []
    for line in git_setup_check(ws):
        path, _, message = line.partition(": ")
        out.append(Problem(path, message, WARNING))
    return out


def _check_git(ws) -> list[Problem]:
    git = ws.git
    if find_repository(ws.root) is None:
        return [Problem(".git", "not a git repository: run `git init` here "
                                "(or `accord init`)")]
    out = []
    if git.identity() is None:
        out.append(Problem("git", "no git identity, so nothing can be saved: set "
                                  "`git config --global user.name \"Your Name\"` and "
                                  "`git config --global user.email you@example.com`"))
    try:
        if git.branch() is None:
            out.append(Problem("git", "HEAD is detached: saves are refused until "
                                      "you check out a branch", WARNING))
    except OSError:
        pass
    from store.team.syncmerge import STATE_NAME, interrupted
    half = interrupted(ws)
    if half:
        out.append(Problem(f".git/{STATE_NAME}", half))
    op = git.operation_in_progress()
    if op:
        out.append(Problem("git", f"{op} is in progress: saves are refused until "
                                  f"it is finished or aborted", WARNING))
    lock = git.git_dir / "index.lock"
    if lock.exists():
        out.append(Problem(ws.rel(lock) if str(lock).startswith(str(ws.root)) else str(lock),
                           "exists: if no git command is running, remove it",
                           WARNING))
    return out
