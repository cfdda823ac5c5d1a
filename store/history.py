"""Commits -> per-record events.

An event says what one commit did to one record::

    {"commit", "author", "date", "action", "fields", "why",   # the cli.md shape
     "id", "project", "kind", "title", "path",                # where
     "old_blob", "new_blob"}                                  # version chain

``action`` is ``create``, ``edit``, ``move``, ``confirm``, ``delete`` or
``renumber``.  It comes from Accord's trailers (``Accord-Action``,
``Accord-Record``, ``Accord-Project``) when the commit has them; a commit made
by hand is ``create`` / ``edit`` / ``delete`` from the diff, and a file renamed
to another id of the same kind is ``renumber``.  ``fields`` always comes from
comparing the parsed TOML before and after (``{dotted name: [before,
after]}``, JSON-able values), so hand edits are as precise as Accord's own.
A version that is not valid TOML gives an event with ``fields`` ``{}`` and a
``problem`` saying so.

History is read in bulk: one ``git log`` lists the commits of a range, one
streamed ``git log --no-walk --stdin --raw`` reads the ones not yet cached,
and every blob comes through one ``git cat-file --batch`` process.  A merge
is diffed against its first parent, keeping only what differs from the second
parent too (the branch's own commits already tell the rest).  The events of a
commit never change, so they are cached by commit id in
``.git/accord/events-v1.jsonl`` (outside the work tree).

``project.toml`` changes are events too, with ``id`` and ``kind``
``"project"``.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import re
from dataclasses import dataclass, field as dc_field

from . import codec, ids
from .records import diff_fields, flatten, jsonable
from .schema import BY_FOLDER

CACHE_NAME = "events-v1.jsonl"
ACTIONS = ("create", "edit", "move", "confirm", "delete", "renumber")
PUBLIC_KEYS = ("commit", "author", "date", "action", "fields", "why")

_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]?(.*)$")


# --- small parsers -------------------------------------------------------------

def parse_trailers(message: str) -> dict:
    """Trailers of the message's last paragraph ({key: value}); a value
    folded over several lines (continuations indented) is unfolded with
    newlines.  A last paragraph that is not all trailers gives {}."""
    paras = [p for p in re.split(r"\n[ \t]*\n", message.strip("\n")) if p.strip()]
    if len(paras) < 2:
        return {}
    lines = paras[-1].split("\n")
    out: dict[str, str] = {}
    key = None
    for ln in lines:
        if ln[:1] in (" ", "\t") and key is not None:
            out[key] += "\n" + ln.strip()
            continue
        m = _TRAILER.match(ln)
        if not m:
            return {}
        key = m.group(1)
        if key in out:  # a repeated key: keep the last
            pass
        out[key] = m.group(2).strip()
    return out


def record_of_path(path: str | None):
    """``(project, kind name, id)`` for a record or project file path, or
    None for anything else."""
    if not path:
        return None
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "projects" and parts[2] == "project.toml":
        if ids.SLUG_RE.match(parts[1]):
            return parts[1], "project", "project"
        return None
    if len(parts) != 4 or parts[0] != "projects" or not parts[3].endswith(".toml"):
        return None
    kind = BY_FOLDER.get(parts[2])
    if kind is None or not ids.SLUG_RE.match(parts[1]):
        return None
    if ids.number_of_file(parts[3], kind) is None:
        return None
    return parts[1], kind.name, parts[3][:-5]


def _title(kind: str, data: dict | None) -> str:
    if not isinstance(data, dict):
        return ""
    from .schema import KINDS
    k = KINDS.get(kind)
    v = data.get(k.title_field if k else "name")
    return v if isinstance(v, str) else ""


def _blob_id(raw: bytes) -> str:
    import hashlib
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def _fields(before: dict | None, after: dict | None) -> dict:
    return {k: [jsonable(a), jsonable(b)]
            for k, (a, b) in diff_fields(before, after).items()}


# --- commits -> events ------------------------------------------------------------

@dataclass
class Commit:
    id: str
    parents: list[str]
    author: str
    date: str  # author date, ISO 8601 with the commit's own offset
    subject: str = ""

    @property
    def day(self) -> str:
        """The author date's calendar day in the commit's own offset."""
        return self.date[:10]


class _Blobs:
    """Parsed blob contents through one cat-file process, memoised."""

    def __init__(self, repo):
        self.reader = repo.blob_reader()
        self.memo: dict[str, tuple] = {}

    def raw(self, spec):
        return None if spec is None else self.reader.get(spec)

    def parsed(self, blob: str | None):
        """(data or None, problem or None)."""
        if blob is None:
            return None, None
        hit = self.memo.get(blob)
        if hit is None:
            raw = self.reader.get(blob)
            if raw is None:
                hit = (None, "the file's contents are missing from the repository")
            else:
                try:
                    hit = (codec.parse_bytes(raw), None)
                except (codec.TOMLDecodeError, UnicodeDecodeError) as e:
                    hit = (None, f"not valid TOML ({e})")
            if len(self.memo) > 4096:
                self.memo.clear()
            self.memo[blob] = hit
        return hit

    def close(self):
        self.reader.close()


def _event(rc, author, why, action, project, kind, rid, path, fields, title,
           old_blob, new_blob, problem=None, other_blob=None) -> dict:
    e = {"commit": rc.id, "author": author, "date": rc.date, "action": action,
         "fields": fields, "why": why, "id": rid, "project": project,
         "kind": kind, "title": title, "path": path,
         "old_blob": old_blob, "new_blob": new_blob}
    if problem:
        e["problem"] = problem
    if other_blob:
        e["other_blob"] = other_blob
    return e


def commit_events(rc, blobs: _Blobs) -> list[dict]:
    """The events of one ``RawCommit``."""
    trailers = parse_trailers(rc.message)
    why = trailers.get("Why") or None
    t_action = trailers.get("Accord-Action")
    t_record = trailers.get("Accord-Record")
    t_project = trailers.get("Accord-Project")
    author = f"{rc.author_name} <{rc.author_email}>"
    merge_other = rc.parents[1] if len(rc.parents) > 1 else None
    out: list[dict] = []

    def trailer_action(project, rid, derived):
        if t_action not in ACTIONS:
            return derived
        if t_project and t_project != project:
            return derived
        if t_action == "renumber" and derived == "renumber":
            return "renumber"
        if t_record:
            return t_action if t_record == rid else derived
        return t_action if rid == "project" else derived

    for ch in rc.changes:
        old = record_of_path(ch.old_path)
        new = record_of_path(ch.new_path)
        if old is None and new is None:
            continue
        if ch.status in "RC" and old and new and old[:2] == new[:2] \
                and old[2] != new[2] and old[1] != "project":
            pairs = [("renumber", old, new)]
        elif ch.status == "C":
            pairs = [("create", None, new)] if new else []
        elif ch.status == "R" and old != new:
            pairs = []
            if old:
                pairs.append(("delete", old, None))
            if new:
                pairs.append(("create", None, new))
        else:
            pairs = [(None, old, new)]
        for derived, o, n in pairs:
            ob = ch.old_blob if o else None
            nb = ch.new_blob if n else None
            where = n or o
            project, kind, rid = where
            path = ch.new_path if n else ch.old_path
            before, p1 = blobs.parsed(ob)
            after, p2 = blobs.parsed(nb)
            if derived is None:
                derived = "create" if ob is None else "delete" if nb is None else "edit"
            action = trailer_action(project, rid, derived)
            if derived == "renumber" and action != "renumber":
                action = "renumber"
            theirs = None
            other_blob = None
            if merge_other:
                other_raw = blobs.raw(f"{merge_other}:{path}")
                if nb is None and other_raw is None:
                    continue  # deleted on the merged branch
                if nb is not None and other_raw is not None:
                    if blobs.raw(nb) == other_raw:
                        continue  # the branch's own commits tell this change
                    other_blob = _blob_id(other_raw)
                    try:
                        theirs = {k: jsonable(v) for k, v in
                                  flatten(codec.parse_bytes(other_raw)).items()}
                    except (codec.TOMLDecodeError, UnicodeDecodeError):
                        theirs = None
            problem = p1 or p2
            if problem:
                which = "earlier" if p1 else "new"
                problem = (f"{path}: the {which} version is {problem}; "
                           f"its field changes are not known")
                fields = {}
            else:
                fields = _fields(before, after)
                if theirs is not None:
                    # keep only what the merge itself decided
                    fields = {k: v for k, v in fields.items()
                              if theirs.get(k) != v[1]}
                    if not fields:
                        continue
            if derived == "renumber" or action == "renumber":
                fields = {"id": [o[2], n[2]], **fields}
            title = _title(kind, after) or _title(kind, before)
            out.append(_event(rc, author, why, action, project, kind, rid, path,
                              fields, title, ob, nb, problem, other_blob))
    return out


# --- the cache ------------------------------------------------------------------

class EventCache:
    """``.git/accord/events-v1.jsonl``: one line per commit,
    ``{"c": id, "e": [events]}``; append-only, last line wins."""

    def __init__(self, git_dir):
        self.dir = git_dir / "accord"
        self.path = self.dir / CACHE_NAME
        self._index: dict[str, str] | None = None

    def _load_index(self):
        idx: dict[str, str] = {}
        try:
            with open(self.path, "r", encoding="utf-8") as fh:
                for line in fh:
                    if line.startswith('{"c": "') and len(line) > 48:
                        idx[line[7:47]] = line
        except OSError:
            pass
        self._index = idx

    def get(self, cid: str) -> list[dict] | None:
        if self._index is None:
            self._load_index()
        line = self._index.get(cid)
        if line is None:
            return None
        try:
            return json.loads(line)["e"]
        except (ValueError, KeyError):
            return None

    def has(self, cid: str) -> bool:
        if self._index is None:
            self._load_index()
        return cid in self._index

    def put_many(self, items: list[tuple[str, list]]):
        if not items:
            return
        lines = []
        for cid, events in items:
            line = json.dumps({"c": cid, "e": events}, ensure_ascii=False,
                              separators=(", ", ": ")) + "\n"
            lines.append(line)
            if self._index is not None:
                self._index[cid] = line
        try:
            self.dir.mkdir(exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                os.write(fd, "".join(lines).encode("utf-8"))
            finally:
                os.close(fd)
        except OSError:
            pass  # a read-only .git: no cache, same answers


# --- bulk reading -------------------------------------------------------------------

@dataclass
class History:
    """The commits of a range (oldest first) and their events in order."""
    commits: list[Commit] = dc_field(default_factory=list)
    events: list[dict] = dc_field(default_factory=list)

    def of_project(self, project: str) -> list[dict]:
        return [e for e in self.events if e["project"] == project]

    def by_record(self, project: str) -> dict[str, list[dict]]:
        out: dict[str, list[dict]] = {}
        for e in self.events:
            if e["project"] == project:
                out.setdefault(e["id"], []).append(e)
        return out


def list_commits(ws, revs: list[str] | None = None) -> list[Commit]:
    """Commits reachable from ``revs`` (default HEAD), oldest first."""
    rows = ws.git.commit_list(list(revs or ["HEAD"]))
    return [Commit(cid, parents, f"{an} <{ae}>", date, subj)
            for cid, parents, an, ae, date, subj in rows]


def events_of(ws, commits: list[Commit]) -> dict[str, list[dict]]:
    """{commit id: events} for ``commits``: from the cache, else read in
    bulk (one log process, one cat-file process) and cached."""
    cache = EventCache(ws.git.git_dir)
    found: dict[str, list[dict]] = {}
    missing = []
    for c in commits:
        ev = cache.get(c.id)
        if ev is None:
            missing.append(c.id)
        else:
            found[c.id] = ev
    if missing:
        blobs = _Blobs(ws.git)
        fresh = []
        try:
            for rc in ws.git.raw_log(missing):
                ev = commit_events(rc, blobs)
                found[rc.id] = ev
                fresh.append((rc.id, ev))
                if len(fresh) >= 2000:
                    cache.put_many(fresh)
                    fresh = []
        finally:
            blobs.close()
            cache.put_many(fresh)
    return found


def read_history(ws, revs: list[str] | None = None, since_date: str | None = None,
                 until_date: str | None = None, project: str | None = None) -> History:
    """The commits reachable from ``revs`` (default HEAD; ``["R..HEAD"]`` for
    a range), optionally only those whose author day (in the commit's own
    offset) lies in ``since_date``..``until_date`` (both included,
    YYYY-MM-DD), with their events (only ``project``'s when given)."""
    commits = list_commits(ws, revs)
    if since_date:
        commits = [c for c in commits if c.day >= since_date]
    if until_date:
        commits = [c for c in commits if c.day <= until_date]
    by_commit = events_of(ws, commits)
    events = []
    for c in commits:
        for e in by_commit.get(c.id, ()):
            if project is None or e["project"] == project:
                events.append(e)
    return History(commits, events)


def record_events(ws, project: str, rid: str) -> list[dict]:
    """Every event of one record, oldest first, following renumbers back to
    the record's earlier id (along the chain of its file versions)."""
    hist = read_history(ws, project=project)
    picked = []
    # id -> the file versions (blob ids) still to be explained; None: any
    wanted: dict[str, set | None] = {rid: None}
    for e in reversed(hist.events):
        want = wanted.get(e["id"], False)
        if want is False:
            continue
        if want is not None and e["new_blob"] not in want:
            continue
        picked.append(e)
        if want is not None:
            want.discard(e["new_blob"])
            want.update(b for b in (e["old_blob"], e.get("other_blob")) if b)
        if e["action"] == "renumber" and "id" in e["fields"]:
            old_id = e["fields"]["id"][0]
            if old_id != e["id"] and e["old_blob"]:
                wanted.setdefault(old_id, set())
                if wanted[old_id] is not None:
                    wanted[old_id].add(e["old_blob"])
        elif e["action"] == "create" and e["id"] == rid and want is None:
            wanted[rid] = set()  # an earlier life of the same id ended here
    picked.reverse()
    return picked


def public(event: dict) -> dict:
    """The event in the shape of cli.md (plus ``problem`` when set)."""
    out = {k: event[k] for k in PUBLIC_KEYS}
    if event.get("problem"):
        out["problem"] = event["problem"]
    return out


def short(commit: str) -> str:
    return commit[:7]


def parse_when_date(text: str) -> dt.date | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text or ""):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


# --- state at a revision, and baselines -----------------------------------------

def records_at(ws, project: str, rev: str) -> dict:
    """{id: (kind name, data or None, problem or None)} of the project's
    records at ``rev``, plus ``"project"`` for project.toml.  One ls-tree,
    one cat-file."""
    tree = ws.git.tree_blobs(rev, f"projects/{project}/")
    out = {}
    blobs = _Blobs(ws.git)
    try:
        for path, blob in sorted(tree.items()):
            where = record_of_path(path)
            if where is None or where[0] != project:
                continue
            data, problem = blobs.parsed(blob)
            out[where[2]] = (where[1], data, problem, blob)
    finally:
        blobs.close()
    return out


def baseline_tag(project: str, name: str) -> str:
    return f"accord/{project}/{name}"


def resolve_baseline(ws, project: str, name: str) -> str:
    """The commit of baseline ``name`` (or of any revision given instead)."""
    from .errors import InvalidValue
    sha = None
    if ids.SLUG_RE.match(name or ""):
        sha = ws.git.rev_parse(f"refs/tags/{baseline_tag(project, name)}")
    if sha is None:
        known = [t.split("/", 2)[2] for t in ws.git.tags(f"accord/{project}/*")]
        raise InvalidValue(
            f"no baseline {name!r} in project {project}: "
            + (f"baselines are {', '.join(known)}" if known else
               "take one with `accord baseline NAME`"))
    return sha


def baseline_diff(ws, project: str, name: str, rev: str = "HEAD") -> dict:
    """Field-level changes of the project's records between baseline
    ``name`` and ``rev`` (default HEAD, not the work tree), in the shape of
    ``accord diff --format json``."""
    from .records import signoff_state
    from .schema import KINDS
    base = resolve_baseline(ws, project, name)
    before = records_at(ws, project, base)
    after = records_at(ws, project, rev)
    out = []
    for rid in sorted(set(before) | set(after), key=_record_sort):
        b = before.get(rid)
        a = after.get(rid)
        if b and a and b[3] == a[3]:
            continue
        kind = (a or b)[0]
        bdata = b[1] if b else None
        adata = a[1] if a else None
        change = "added" if b is None else "removed" if a is None else "changed"
        fields = _fields(bdata, adata)
        if change == "changed" and not fields and not (a[2] or b[2]):
            continue
        k = KINDS.get(kind)
        entry = {"id": rid, "kind": kind,
                 "title": _title(kind, adata) or _title(kind, bdata),
                 "change": change,
                 "signoff": signoff_state(k, adata) if (k and adata) else "none",
                 "fields": fields}
        problem = (a and a[2]) or (b and b[2])
        if problem:
            entry["problem"] = problem
        out.append(entry)
    return {"project": project, "baseline": name, "commit": base,
            "records": out}


def _record_sort(rid: str):
    if rid == "project":
        return ("", 0)
    return ids.sort_key(rid)
