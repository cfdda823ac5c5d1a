"""Working as a team: ``sync`` (fetch, renumber colliding ids, merge field
by field in one process (``store.syncmerge``), validate, push), ``resolve``,
``sync --continue`` and ``sync --abort``.

The conflict state lives in git itself (the unmerged index entries: stage 1
the common ancestor, 2 ours, 3 theirs) plus ``.git/accord-sync`` (the phase,
which fields were settled and where to push), so a merge stopped by a plain
``git pull`` can be settled the same way, and a sync killed while it wrote
its merge is found and undone.  A git rebase (which swaps the sides) is
refused with the way out.

Every step refuses in a way the user can act on (``AccordError`` with one
line); nothing is pushed unless the whole workspace validates.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field as dc_field
from pathlib import Path, PurePosixPath

from . import codec, ids, syncmerge
from . import remote as net
from .errors import AccordError, InvalidValue, RepoStateError
from .gitrepo import GitError, git_error_line, run_git
from .merge import Conflict, kind_of_path, merge_texts, show
from .progress_note import Progress
from .records import parse_value, validate_record
from .schema import (BY_FOLDER, ID, IDS, LIST, LONGTEXT, PROJECT_FIELDS, TABLE,
                     TABLES, TEXT, Kind)

RECORD_RE = re.compile(r"^projects/([a-z0-9][a-z0-9-]*)/([a-z]+)/([A-Z]{2,4}-[1-9][0-9]*)\.toml$")


class SyncError(AccordError):
    """Sync cannot start or go on (exit 2)."""


class SyncStopped(AccordError):
    """The command ran and found problems (exit 1)."""
    exit_code = 1


@dataclass
class SyncResult:
    """What a sync did.  ``status``: ``pushed``, ``up-to-date`` (nothing to
    push or merge), ``conflict`` (stopped, merge in progress), ``invalid``
    (validation failed; nothing pushed), ``fetch-failed``, ``push-failed``
    (``error``: store.remote.RemoteError.to_json(), the cause)."""
    status: str
    remote: str = ""
    branch: str = ""
    conflicts: list[Conflict] = dc_field(default_factory=list)
    problems: list[str] = dc_field(default_factory=list)
    renumbered: list[tuple[str, str, str]] = dc_field(default_factory=list)  # project, old, new
    warnings: list[str] = dc_field(default_factory=list)
    messages: list[str] = dc_field(default_factory=list)
    commit: str | None = None
    error: dict | None = None

    @property
    def exit_code(self) -> int:
        return 0 if self.status in ("pushed", "up-to-date") else 1

    def to_json(self) -> dict:
        return {"status": self.status, "remote": self.remote, "branch": self.branch,
                "conflicts": [c.to_json() for c in self.conflicts],
                "problems": self.problems,
                "renumbered": [{"project": p, "from": a, "to": b}
                               for p, a, b in self.renumbered],
                "warnings": self.warnings, "messages": self.messages,
                "commit": self.commit, "error": self.error}


# --- state ----------------------------------------------------------------------
# .git/accord-sync (store.syncmerge): the phase, what was settled, where to push

def _load_state(ws) -> dict:
    return syncmerge.load_state(ws)


def _save_state(ws, state: dict) -> None:
    syncmerge.save_state(ws, state)


def _clear_state(ws) -> None:
    syncmerge.clear_state(ws)


def in_progress(ws) -> bool:
    """A merge (by sync or by a plain git pull) is waiting to be finished."""
    return (ws.git.git_dir / "MERGE_HEAD").exists()


def _refuse_other_operations(ws, what: str) -> None:
    """One line instead of a dead end when git is rebasing, or a sync was
    killed half-way."""
    from .merge import git_operation
    op = git_operation(str(ws.root))
    if op == "rebase":
        raise SyncError(f"a git rebase is in progress, in which git swaps your side and "
                        f"theirs: Accord does not {what} there; run `git rebase "
                        f"--abort`, then `accord sync` (it merges field by field)")
    problem = syncmerge.interrupted(ws)
    if problem:
        raise SyncError(problem)


# --- git helpers ----------------------------------------------------------------

def _git(ws, *args, check=True, **kw):
    return ws.git.run(*args, check=check, **kw)


def _upstream(ws) -> tuple[str, str]:
    """(remote, remote branch) to sync with."""
    branch = ws.git.branch()
    if branch is None:
        raise RepoStateError("HEAD is detached: check out a branch first "
                             "(e.g. `git switch main`)")
    remote = _git(ws, "config", f"branch.{branch}.remote", check=False).stdout.strip()
    merge = _git(ws, "config", f"branch.{branch}.merge", check=False).stdout.strip()
    remotes = _git(ws, "remote").stdout.split()
    if not remote or remote == ".":
        if "origin" in remotes:
            remote = "origin"
        elif len(remotes) == 1:
            remote = remotes[0]
        else:
            raise SyncError(
                "this workspace has no remote to sync with: add one with "
                "`git remote add origin URL` (a shared bare repository, e.g. "
                "`git init --bare /srv/git/team.git`)" if not remotes else
                f"several remotes ({', '.join(remotes)}) and no upstream: choose one "
                f"with `git branch --set-upstream-to REMOTE/{branch}`")
    rbranch = merge[len("refs/heads/"):] if merge.startswith("refs/heads/") else branch
    return remote, rbranch


def _dirty(ws) -> list[str]:
    p = _git(ws, "status", "--porcelain=v1", "-z", "--untracked-files=no", "--",
             "projects", "accord.toml", ".gitattributes")
    return [e[3:] for e in p.stdout.split("\0") if len(e) > 3]


def _unmerged(ws) -> dict[str, dict[int, str]]:
    """{path: {stage: blob id}} of the unmerged index entries."""
    return syncmerge.unmerged(ws)


def _stages(ws, rel: str) -> tuple:
    """(base, ours, theirs) texts of one unmerged file."""
    return syncmerge.stage_texts(ws, {rel: _unmerged(ws)[rel]})[rel]


def _is_ancestor(ws, a: str, b: str) -> bool:
    return _git(ws, "merge-base", "--is-ancestor", a, b, check=False).returncode == 0


# --- validation -----------------------------------------------------------------

def validate_tree(ws) -> list[str]:
    """``path: problem`` for every error ``doctor`` finds (TOML syntax,
    duplicate keys, the schema, file names that are not ids, ...): what
    would be invalid to push.  Its warnings do not stop a sync."""
    from . import doctor
    return [f"{p.path}: {p.message}" for p in doctor.check(ws)
            if p.severity == doctor.ERROR]


# --- id collisions ----------------------------------------------------------------

def _tree_paths(ws, rev: str) -> set[str]:
    p = _git(ws, "ls-tree", "-r", "--name-only", "-z", rev, "--", "projects")
    return {x for x in p.stdout.split("\0") if x}


def _id_fields(fields) -> list:
    return [f for f in fields if f.type in (ID, IDS, TABLE, TABLES)]


def _rewrite(fields, data: dict, mapping: dict, prefix: str = "") -> dict:
    """{dotted name: new value} for id-valued fields holding a renamed id."""
    changes = {}
    for f in _id_fields(fields):
        v = data.get(f.name)
        name = prefix + f.name
        if f.type == ID and isinstance(v, str) and v in mapping:
            changes[name] = mapping[v]
        elif f.type == IDS and isinstance(v, list) and any(x in mapping for x in v):
            changes[name] = [mapping.get(x, x) if isinstance(x, str) else x for x in v]
        elif f.type == TABLE and isinstance(v, dict):
            changes.update(_rewrite(f.fields, v, mapping, name + "."))
        elif f.type == TABLES and isinstance(v, list):
            rows, hit = [], False
            for row in v:
                if isinstance(row, dict):
                    sub = _rewrite(f.fields, row, mapping)
                    if sub:
                        hit = True
                        row = dict(row)
                        for k, x in sub.items():
                            row[k] = x
                rows.append(row)
            if hit:
                changes[name] = rows
    return changes


def _mentions(fields, data: dict, mapping: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(field, old id) for free-text fields that mention a renamed id."""
    out = []
    for f in fields:
        v = data.get(f.name)
        name = prefix + f.name
        texts = []
        if f.type in (TEXT, LONGTEXT) and isinstance(v, str):
            texts = [v]
        elif f.type == LIST and isinstance(v, list):
            texts = [x for x in v if isinstance(x, str)]
        elif f.type == ID and f.free_text_ok and isinstance(v, str) and v not in mapping:
            texts = [v]
        elif f.type == TABLE and isinstance(v, dict):
            out += _mentions(f.fields, v, mapping, name + ".")
        for old in mapping:
            pat = re.compile(r"(?<![A-Za-z0-9-])" + re.escape(old) + r"(?![0-9])")
            if any(pat.search(t) for t in texts):
                out.append((name, old))
    return out


def find_collisions(ws, theirs: str, base: str | None) -> dict[str, dict[str, str]]:
    """{project: {old id: new id}} for our records created since ``base``
    whose id exists on ``theirs`` (or was used and deleted there)."""
    ours_paths = _tree_paths(ws, "HEAD")
    theirs_paths = _tree_paths(ws, theirs)
    if base:
        added = _git(ws, "diff", "--name-only", "-z", "--no-renames",
                     "--diff-filter=A", base, "HEAD", "--", "projects").stdout
        new_ours = {p for p in added.split("\0") if p}
        gone = _git(ws, "log", "--format=", "--name-only", "--no-renames",
                    "--diff-filter=D", f"{base}..{theirs}", "--", "projects").stdout
        used_theirs = theirs_paths | {p for p in gone.splitlines() if p}
    else:  # unrelated histories: every record of ours is new
        new_ours = set(ours_paths)
        used_theirs = set(theirs_paths)
    collide = []
    for rel in sorted(new_ours & used_theirs, key=lambda r: ids.sort_key(PurePosixPath(r).stem)):
        m = RECORD_RE.match(rel)
        if not m or m.group(2) not in BY_FOLDER:
            continue
        if rel in theirs_paths and ws.git.show_bytes("HEAD", rel) == ws.git.show_bytes(theirs, rel):
            continue  # the very same record on both sides
        collide.append((m.group(1), BY_FOLDER[m.group(2)], m.group(3), rel))
    if not collide:
        return {}
    # the highest number ever used in each folder, on either side
    deleted_all = _git(ws, "log", "--format=", "--name-only", "--no-renames",
                       "--diff-filter=D", "HEAD", theirs, "--", "projects").stdout
    every = ours_paths | theirs_paths | {p for p in deleted_all.splitlines() if p}
    highest: dict[tuple[str, str], int] = {}
    for rel in every:
        m = RECORD_RE.match(rel)
        if m and m.group(2) in BY_FOLDER:
            n = ids.number_of_file(PurePosixPath(rel).name, BY_FOLDER[m.group(2)])
            if n:
                key = (m.group(1), m.group(2))
                highest[key] = max(highest.get(key, 0), n)
    out: dict[str, dict[str, str]] = {}
    for slug, kind, old, _rel in collide:
        key = (slug, kind.folder)
        highest[key] = highest.get(key, 0) + 1
        out.setdefault(slug, {})[old] = ids.make_id(kind, highest[key])
    return out


def renumber(ws, slug: str, mapping: dict[str, str], reason: str = "") -> tuple[str, list[str]]:
    """Rename our records ``mapping`` (old id -> new id) in project ``slug``,
    rewrite every reference in id-valued fields, and commit it all as one
    ``renumber`` commit (trailers ``Accord-Action: renumber`` and one
    ``Accord-Record: <new id>`` per renamed record).  Returns (commit,
    warnings about free-text mentions of the old ids)."""
    ws._ensure_writable()
    pdir = ws.project_dir(slug)
    writes: dict[str, str | None] = {}
    warnings: list[str] = []
    rewritten: list[str] = []
    with ws._locked():
        ws.git.check_writable()
        # records: renamed ones and every one that refers to them
        for kind_dir in sorted(p for p in pdir.iterdir() if p.is_dir() and p.name in BY_FOLDER):
            kind: Kind = BY_FOLDER[kind_dir.name]
            for path in sorted(kind_dir.glob("*.toml")):
                if ids.number_of_file(path.name, kind) is None or path.is_symlink():
                    continue
                rel = ws.rel(path)
                rid = path.stem
                text = path.read_bytes().decode("utf-8")
                try:
                    data = codec.parse(text)
                except codec.TOMLDecodeError:
                    warnings.append(f"{rel}: not valid TOML, its references were "
                                    f"not checked for {', '.join(mapping)}")
                    continue
                changes = _rewrite(kind.fields, data, mapping)
                new_text = codec.edit_document(text, changes) if changes else text
                new_id = mapping.get(rid, rid)
                if changes:
                    rewritten.append(f"{new_id} ({', '.join(changes)})")
                for fname, old in _mentions(kind.fields, data, mapping):
                    warnings.append(f"{new_id} {fname}: mentions {old} in its text, "
                                    f"which is now {mapping[old]}; check it")
                if rid in mapping:
                    new_rel = ws.rel(kind_dir / f"{new_id}.toml")
                    writes[rel] = None
                    writes[new_rel] = new_text
                elif new_text != text:
                    writes[rel] = new_text
        proj = pdir / "project.toml"
        if proj.is_file():
            text = proj.read_text("utf-8")
            try:
                changes = _rewrite(PROJECT_FIELDS, codec.parse(text), mapping)
            except codec.TOMLDecodeError:
                changes = {}
            if changes:
                writes[ws.rel(proj)] = codec.edit_document(text, changes)
                rewritten.append(f"project.toml ({', '.join(changes)})")
        olds = ", ".join(f"{a} -> {b}" for a, b in mapping.items())
        subject = f"{slug}: renumber {olds}" + (f" ({reason})" if reason else "")
        body = [f'id: "{a}" -> "{b}"' for a, b in mapping.items()]
        if rewritten:
            body.append("references rewritten in " + "; ".join(rewritten))
        trailers = [f"Accord-Project: {slug}", "Accord-Action: renumber"]
        trailers += [f"Accord-Record: {b}" for b in mapping.values()]
        message = subject + "\n\n" + "\n".join(body) + "\n\n" + "\n".join(trailers) + "\n"
        commit = ws._commit_files(writes, subject, message=message)
    return commit, warnings


# --- conflicts --------------------------------------------------------------------

def conflicts(ws) -> list[Conflict]:
    """The conflicts of the merge (or cherry-pick) in progress that are not
    settled yet."""
    if not (in_progress(ws) or _cherry_picking(ws)):
        return []
    return syncmerge.record_conflicts(ws, _load_state(ws).get("resolved", {}))


def _cherry_picking(ws) -> bool:
    return (ws.git.git_dir / "CHERRY_PICK_HEAD").exists()


def _line(c: Conflict) -> str:
    if c.type == "text":
        return f"{c.path}: {c.note}"
    return c.line()


def conflict_lines(cs: list[Conflict]) -> list[str]:
    return [_line(c) for c in cs]


def _find_conflict_path(ws, rid: str, project: str | None) -> str:
    paths = [rel for rel in _unmerged(ws) if PurePosixPath(rel).stem == rid
             and (project is None or rel.startswith(f"projects/{project}/"))]
    if not paths:
        left = sorted({c.record_id for c in conflicts(ws)})
        raise InvalidValue(f"{rid} has no conflict to resolve"
                           + (f": conflicts are in {', '.join(left)}" if left else
                              ": nothing is left; run `accord sync --continue`"))
    if len(paths) > 1:
        raise InvalidValue(f"{rid} is in conflict in several projects: choose one "
                           f"with --project")
    return paths[0]


def resolve(ws, rid: str, field: str, choice: str, value: str | None = None,
            project: str | None = None) -> list[Conflict]:
    """Settle one conflicting field of the merge in progress (``rid``
    ``project`` for a project.toml; ``field`` ``-`` for a record deleted on
    one side or created on both, ``*`` for a side that is not valid TOML):
    ``choice`` is ``mine``, ``theirs`` or ``set`` (``value`` is the text,
    parsed by the field's type).  Returns the conflicts still left.  When a
    file has none left it is staged."""
    ws._ensure_writable()
    _refuse_other_operations(ws, "settle conflicts")
    if not (in_progress(ws) or _cherry_picking(ws)):
        raise SyncError("no sync is stopped: there is nothing to resolve")
    if choice not in ("mine", "theirs", "set"):
        raise InvalidValue("choose --mine, --theirs or --set VALUE")
    if rid != "project":
        ids.parse_id(rid)
    with ws._locked():
        rel = _find_conflict_path(ws, rid, project)
        base, ours, theirs = _stages(ws, rel)
        result = merge_texts(base, ours, theirs, rel)
        state = _load_state(ws)
        settled = state.setdefault("resolved", {}).setdefault(rel, {})
        open_ = [c for c in result.conflicts if c.field not in settled]
        mine = [c for c in open_ if c.field == field]
        if not mine:
            names = ", ".join(c.field for c in open_) or "none left"
            raise InvalidValue(f"{rid} has no conflict in {field!r}: its conflicting "
                               f"fields are {names}")
        c = mine[0]
        path = ws.root / rel
        ws._check_path(path)
        if c.type in ("delete", "added", "parse"):
            if choice == "set":
                raise InvalidValue(f"{rid} {field}: a whole file is settled with "
                                   f"--mine or --theirs")
            _take_side(ws, rel, ours if choice == "mine" else theirs)
            settled[field] = choice
            _save_state(ws, state)
            if c.type == "parse":
                return _after_whole_file(ws, rel, rid)
            if path.exists():
                _git(ws, "add", "--", rel)
            return conflicts(ws)
        try:
            codec.parse((ws.root / rel).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, codec.TOMLDecodeError):
            # conflict markers of a pull without the driver: start from our
            # side with the other side's clean changes, as the driver writes
            _take_side(ws, rel, result.text)
        _set_field(ws, rel, rid, c, choice, value)
        settled[field] = choice
        _save_state(ws, state)
        if not [x for x in open_ if x is not c]:
            _check_and_stage(ws, rel, rid)
        return conflicts(ws)


def _take_side(ws, rel: str, text: str | None) -> None:
    """The work tree file becomes one side's whole version (None: absent)."""
    from .workspace import atomic_write
    path = ws.root / rel
    if text is None:
        _git(ws, "rm", "-q", "--cached", "--ignore-unmatch", "--", rel)
        path.unlink(missing_ok=True)
    else:
        atomic_write(path, text.encode("utf-8"))
    (ws.root / (rel + syncmerge.BESIDE)).unlink(missing_ok=True)


def _after_whole_file(ws, rel: str, rid: str) -> list[Conflict]:
    """After ``'*' --mine|--theirs``: staged when the version kept reads as
    TOML; else the user fixes it by hand (``sync --continue`` checks)."""
    path = ws.root / rel
    if path.exists():
        try:
            codec.parse(path.read_text("utf-8"))
        except (codec.TOMLDecodeError, UnicodeDecodeError) as e:
            raise SyncStopped(f"{rid}: the version kept is not valid TOML ({e}): "
                              f"fix {rel} by hand, then `accord sync --continue`") from None
        _git(ws, "add", "--", rel)
    return conflicts(ws)


def _set_field(ws, rel, rid, c: Conflict, choice: str, value) -> None:
    from .workspace import atomic_write
    path = ws.root / rel
    kind = kind_of_path(rel)
    if choice == "mine":
        new_value = c.mine
    elif choice == "theirs":
        new_value = c.theirs
    else:
        from .schema import PROJECT_FIELD
        f = kind.field(c.field) if kind else PROJECT_FIELD.get(c.field)
        if f is None:
            raise InvalidValue(f"{rid}: {c.field} cannot be set from text; "
                               f"use --mine or --theirs")
        new_value = parse_value(c.field, f, value if value is not None else "")
    multiline = frozenset(x.name for x in kind.fields if x.type == LONGTEXT) \
        if kind else frozenset()
    current = path.read_text("utf-8")
    new_text = codec.edit_document(
        current, {c.field: codec.REMOVE if new_value is None else new_value}, multiline)
    if new_text != current:
        codec.parse(new_text)
        atomic_write(path, new_text.encode("utf-8"))


def _check_and_stage(ws, rel: str, rid: str) -> None:
    """Every field of the file settled: stage it if it is valid."""
    from .records import validate
    data = codec.parse((ws.root / rel).read_text("utf-8"))
    kind = kind_of_path(rel)
    problems = validate_record(kind, data) if kind else validate(PROJECT_FIELDS, data)
    if problems:
        raise SyncStopped(f"{rid}: all fields settled but the file is not valid: "
                          f"{problems[0]}; fix it with `accord resolve {rid} FIELD "
                          f"--set VALUE`")
    _git(ws, "add", "--", rel)


def adopt_hand_fixes(ws) -> list[str]:
    """A file whose own version (stage 2) was not valid TOML and that the
    user has fixed by hand becomes our side of the merge, so the other
    side's changes are merged into it (or shown as conflicts) instead of
    being dropped.  Returns the paths adopted."""
    from .workspace import atomic_write
    entries = _unmerged(ws)
    texts = syncmerge.stage_texts(ws, {r: s for r, s in entries.items()
                                       if syncmerge.is_record_path(r) and 2 in s})
    done = []
    settled = _load_state(ws).get("resolved", {})
    for rel, (b, o, t) in texts.items():
        if "*" in settled.get(rel, {}):
            continue
        path = ws.root / rel
        try:
            codec.parse(o)
            continue  # our side reads fine: nothing to adopt
        except (codec.TOMLDecodeError, ValueError):
            pass
        try:
            fixed = path.read_text("utf-8")
            codec.parse(fixed)
        except (OSError, ValueError, codec.TOMLDecodeError):
            continue  # not fixed yet (UnicodeDecodeError is a ValueError)
        sha = _git(ws, "hash-object", "-w", "--stdin", input=fixed).stdout.strip()
        mode = "100644"
        info = f"0 {'0' * len(sha)}\t{rel}\n"
        for stage, blob in ((1, entries[rel].get(1)), (2, sha), (3, entries[rel].get(3))):
            if blob:
                info += f"{mode} {blob} {stage}\t{rel}\n"
        _git(ws, "update-index", "--index-info", input=info)
        result = merge_texts(b, fixed, t, rel)
        if result.text != fixed:
            atomic_write(path, result.text.encode("utf-8"))
        if result.clean:
            _git(ws, "add", "--", rel)
        (ws.root / (rel + syncmerge.BESIDE)).unlink(missing_ok=True)
        done.append(rel)
    return done


# --- sync ----------------------------------------------------------------------

def _commit_attributes(ws) -> str | None:
    from . import gitsetup
    if not gitsetup.write_attributes(ws):
        return None
    return ws.git.commit_paths(
        [gitsetup.ATTRIBUTES],
        "accord: send record files to the Accord merge and diff drivers\n\n"
        "Accord-Action: setup\n",
        [] if ws.git.is_tracked(gitsetup.ATTRIBUTES) else [gitsetup.ATTRIBUTES])


def _push(ws, res: SyncResult, progress=None) -> SyncResult:
    """Push what the remote lacks (the branch, annotated tags on its
    history), compared with what the fetch saw: no connection when it lacks
    nothing.  Every ref must be taken; a refused one (a tag too) makes the
    sync ``push-failed`` with the cause in ``res.error``."""
    plan = net.push_plan(ws, res.remote, res.branch)
    if not plan:
        return res
    try:
        net.push(ws, res.remote, plan, progress=progress)
    except net.RemoteError as e:
        res.status, res.error = "push-failed", e.to_json()
        return res
    tags = [r[len("refs/tags/"):] for r in plan if r.startswith("refs/tags/")]
    if tags:
        res.messages.append(f"pushed tag(s) {', '.join(tags)} to {res.remote}")
    if not any(r.startswith("HEAD:") for r in plan):
        return res  # the branch was up to date: only tags went
    branch = ws.git.branch()
    _git(ws, "branch", f"--set-upstream-to={res.remote}/{res.branch}", branch,
         check=False)
    res.status = "pushed"
    res.messages.append(f"pushed {branch} to {res.remote}/{res.branch}")
    return res


def _stop_lines(res: SyncResult) -> None:
    res.messages.append("settle each field with `accord resolve ID FIELD "
                        "--mine|--theirs|--set VALUE`, then `accord sync --continue` "
                        "(or `accord sync --abort` to put everything back)")


def _fetch(ws, remote: str, res: SyncResult, progress=None) -> None:
    """Fetch; a baseline of the same name made in two clones is kept under
    two names (ours renamed, said in res.messages) and the fetch repeated."""
    try:
        net.fetch(ws, remote, progress=progress)
    except net.RemoteError as e:
        clash = syncmerge.clashing_tags(e.stderr)
        if not clash:
            raise
        res.messages += syncmerge.rename_baselines(ws, clash)
        net.fetch(ws, remote, progress=progress)


def sync(ws, progress: Progress | None = None) -> SyncResult:
    """Fetch, renumber colliding new ids, merge with the field-wise driver,
    validate, push (tags too).  Stops (merge in progress, nothing pushed) on
    a conflict or an invalid file.  ``progress`` (store.progress_note):
    the fetch's and the push's."""
    from . import gitsetup
    ws._ensure_writable()
    _refuse_other_operations(ws, "sync")
    if in_progress(ws):
        raise SyncError("a sync (or git merge) is stopped: settle it with "
                        "`accord resolve`, then `accord sync --continue`, or "
                        "`accord sync --abort`")
    ws.git.check_writable()
    _clear_state(ws)  # of a merge aborted or committed with plain git
    remote, rbranch = _upstream(ws)
    res = SyncResult("up-to-date", remote, rbranch)
    # the fetch touches only remote refs and tags: it runs before the write
    # lock, so saves (the app's too) never wait on the network for it
    try:
        _fetch(ws, remote, res, progress)
    except net.RemoteError as e:
        res.status, res.error = "fetch-failed", e.to_json()
        return res
    with ws._locked():
        gitsetup.configure_git(ws)
        dirty = _dirty(ws)
        if dirty:
            raise SyncError(f"{dirty[0]} has changes that are not committed: save "
                            f"them (or `git commit`/`git restore` them) before syncing")
        if _commit_attributes(ws):
            res.messages.append("committed .gitattributes (record merge driver)")
        theirs = ws.git.rev_parse(f"refs/remotes/{remote}/{rbranch}")
        head = ws.git.head()
        if theirs and head is None:
            raise SyncError("this clone has no commit yet: clone the remote "
                            "with `accord clone URL` instead")
        if theirs is None or _is_ancestor(ws, theirs, head):
            # the remote has nothing we lack: validate and push
            res.problems = validate_tree(ws)
            if res.problems:
                res.status = "invalid"
                res.messages.append("nothing was pushed: fix the files above and "
                                    "run `accord sync` again")
                return res
            if theirs == head:
                res.messages.append(f"already up to date with {remote}/{rbranch}")
            return _push(ws, res, progress)  # tags only when up to date; none: no connection
        if _is_ancestor(ws, head, theirs):
            _git(ws, "merge", "--ff-only", "-q", theirs)
            res.messages.append(f"fast-forwarded to {remote}/{rbranch}")
            res.problems = validate_tree(ws)
            if res.problems:
                res.status = "invalid"
                res.messages.append(f"{remote}/{rbranch} holds invalid files: "
                                    f"fix them, commit, and run `accord sync` again")
                return res
            return _push(ws, res, progress)  # our new tags, if any
        base = _git(ws, "merge-base", "HEAD", theirs, check=False).stdout.strip() or None
        for slug, mapping in find_collisions(ws, theirs, base).items():
            if not ws.project_dir(slug).is_dir():
                continue
            _commit, warnings = renumber(ws, slug, mapping,
                                         f"ids taken on {remote}/{rbranch}")
            res.renumbered += [(slug, a, b) for a, b in mapping.items()]
            res.warnings += warnings
        try:
            syncmerge.merge_tree(ws, base, theirs, f"remote-tracking branch "
                                 f"'{remote}/{rbranch}'",
                                 {"remote": remote, "branch": rbranch,
                                  "renumbered": res.renumbered,
                                  "warnings": res.warnings})
        except syncmerge.MergeFailed as e:
            raise SyncError(str(e)) from None
        return _after_merge(ws, res, progress)


def _after_merge(ws, res: SyncResult, progress=None) -> SyncResult:
    res.conflicts = conflicts(ws)
    if res.conflicts:
        res.status = "conflict"
        beside = _load_state(ws).get("beside", [])
        if beside:
            res.messages.append("the other side's version of a file that is not "
                                "valid TOML is beside it: " + ", ".join(beside))
        _stop_lines(res)
        return res
    return _finish(ws, res, progress)


def _finish(ws, res: SyncResult, progress=None) -> SyncResult:
    res.problems = validate_tree(ws)
    if res.problems:
        res.status = "invalid"
        res.messages.append("the merge is stopped and nothing was pushed: fix the "
                            "files above, then `accord sync --continue` (or "
                            "`accord sync --abort`)")
        return res
    _git(ws, "add", "-u", "--", "projects")
    p = _git(ws, "commit", "--no-edit", "--cleanup=strip", check=False)
    if p.returncode != 0:
        res.status = "invalid"
        why = git_error_line(p.stderr or p.stdout, "a hook may have failed")
        res.problems.append(f"git refused the merge commit ({why})")
        return res
    res.commit = ws.git.head()
    _clear_state(ws)
    res.messages.append(f"merged {res.remote}/{res.branch}")
    return _push(ws, res, progress)


def sync_continue(ws, progress: Progress | None = None) -> SyncResult:
    """Commit the settled merge and push (``progress``: the push's)."""
    ws._ensure_writable()
    _refuse_other_operations(ws, "continue")
    if _cherry_picking(ws):
        raise SyncError("a git cherry-pick is stopped, not a sync: when `accord "
                        "resolve` has settled it, finish it with `git cherry-pick "
                        "--continue`")
    if not in_progress(ws):
        raise SyncError("no sync is stopped: run `accord sync`")
    state = _load_state(ws)
    if state.get("remote"):
        remote, rbranch = state["remote"], state["branch"]
    else:
        remote, rbranch = _upstream(ws)
    res = SyncResult("conflict", remote, rbranch,
                     renumbered=[tuple(x) for x in state.get("renumbered", [])],
                     warnings=list(state.get("warnings", [])))
    with ws._locked():
        adopt_hand_fixes(ws)
        res.conflicts = conflicts(ws)
        if res.conflicts:
            _stop_lines(res)
            return res
        return _finish(ws, res, progress)


def sync_abort(ws) -> str:
    """Put everything back as it was before the merge (a stopped one, or one
    a killed sync left half-written)."""
    ws._ensure_writable()
    from .merge import git_operation
    if git_operation(str(ws.root)) == "rebase":
        raise SyncError("a git rebase is in progress, not a sync: stop it with "
                        "`git rebase --abort`")
    interrupted = syncmerge.interrupted(ws) is not None
    if not in_progress(ws) and not interrupted:
        _clear_state(ws)
        raise SyncError("no sync is stopped: there is nothing to abort")
    with ws._locked():
        try:
            syncmerge.abort(ws)
        except syncmerge.MergeFailed as e:
            raise SyncError(str(e)) from None
    return ws.git.head()


# --- shared-server helpers -------------------------------------------------------

def _local_path(url: str) -> Path | None:
    """The folder a remote URL names on this machine, or None (ssh, https)."""
    if url.startswith("file://"):
        return Path(url[len("file://"):])
    if "://" in url or ":" in url.split("/")[0]:
        return None
    return Path(url).expanduser()


def check_remote(url: str, base: Path | None = None) -> str:
    """Before anything is created: that ``url`` can take a new workspace
    (reachable and empty; a local path that does not exist must have a
    writable parent, it is created later).  Returns the URL to use (a
    local path made absolute against ``base``).  RemoteError (exit 1) when
    it cannot be used, SyncError when it already holds a workspace."""
    local = _local_path(url)
    if local is not None:
        local = (Path(base or ".") / local).resolve()
        url = str(local)
        if not local.exists():
            parent = next(p for p in local.parents if p.exists())
            if not os.access(parent, os.W_OK | os.X_OK):
                raise net.RemoteError("permission", f"{parent} is not writable",
                                      "create", url)
            return url
    heads = net.ls_remote(url, cwd=base)
    if heads.strip():
        raise SyncError(f"{url} already holds a workspace: clone it with "
                        f"`accord clone {url} PATH` instead")
    return url


def init_remote(ws, url: str, name: str = "origin", checked: bool = False) -> None:
    """Point the workspace at a shared remote (a bare repository), creating
    the bare repository when ``url`` is a local path that does not exist.
    ``checked``: ``check_remote`` already said it can be used (one
    connection, not two)."""
    ws.guard_write()
    if not checked:
        url = check_remote(url, ws.root)
    local = _local_path(url)
    if local is not None and not local.exists():
        p = run_git(["init", "-q", "--bare", str(local)])
        if p.returncode != 0:
            raise net.failed(p, "create", url)
    remotes = _git(ws, "remote").stdout.split()
    if name in remotes:
        _git(ws, "remote", "set-url", name, url)
    else:
        _git(ws, "remote", "add", name, url)


def clone(url: str, path: str | os.PathLike | None = None,
          progress: Progress | None = None):
    """``git clone`` then set up the merge driver; returns the Workspace.
    A failed clone (RemoteError, exit 1) leaves nothing behind.
    ``progress`` (store.progress_note): the clone's."""
    from . import gitsetup
    from .workspace import Workspace
    if path is None:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        path = name[:-4] if name.endswith(".git") else name
    path = Path(path).resolve()
    if path.exists() and any(path.iterdir()):
        raise InvalidValue(f"{path} exists and is not empty: choose another folder")
    net.clone(url, path, progress=progress)
    if not (path / "accord.toml").is_file():
        raise InvalidValue(f"{url} is not an Accord workspace (no accord.toml); the "
                           f"clone is in {path}")
    ws = Workspace(path)
    gitsetup.configure_git(ws)
    return ws


__all__ = ["SyncResult", "SyncError", "SyncStopped", "sync", "sync_continue",
           "sync_abort", "resolve", "conflicts", "conflict_lines", "in_progress",
           "validate_tree", "find_collisions", "renumber", "init_remote", "clone",
           "check_remote",
           "show", "GitError"]
