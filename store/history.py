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
``.git/accord/events-v3/`` (outside the work tree).

``project.toml`` changes are events too, with ``id`` and ``kind``
``"project"``.
"""
from __future__ import annotations

import fcntl
import functools
import itertools
import json
import marshal
import os
import pickle
import queue
import re
import threading
import time
from dataclasses import dataclass, field as dc_field

from . import codec, ids
from . import locations
from .cache import write_file
from .records import flatten, jsonable
from .schema import BY_FOLDER, KINDS

ORPHAN_AGE = 3600  # seconds after which an unindexed cache file is a dead writer's
_SEGMENT_NO = itertools.count()
ACTIONS = ("create", "edit", "move", "confirm", "delete", "renumber")
PUBLIC_KEYS = ("commit", "author", "date", "action", "fields", "why")

_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]?(.*)$")


# --- small parsers -------------------------------------------------------------

def parse_trailers(message: str) -> dict:
    """Trailers of the message's last paragraph ({key: value}); a value
    folded over several lines (continuations indented) is unfolded with
    newlines.  A last paragraph that is not all trailers gives {}."""
    lines = message.rstrip().split("\n")
    i = len(lines)
    while i > 0 and lines[i - 1].strip():
        i -= 1
    if i == 0 or not any(ln.strip() for ln in lines[:i]):
        return {}  # only one paragraph: the subject (and body) has no trailers
    out: dict[str, str] = {}
    key = None
    for ln in lines[i:]:
        if ln[:1] in (" ", "\t") and key is not None:
            out[key] += "\n" + ln.strip()
            continue
        m = _TRAILER.match(ln)
        if not m:
            return {}
        key = m.group(1)
        out[key] = m.group(2).strip()
    return out


@functools.lru_cache(maxsize=1 << 16)
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
    k = KINDS.get(kind)
    v = data.get(k.title_field if k else "name")
    return v if isinstance(v, str) else ""


def _blob_id(raw: bytes) -> str:
    import hashlib
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def _flat_into(data: dict, prefix: str, out: dict) -> dict:
    for k, v in data.items():
        if type(v) is dict:
            _flat_into(v, prefix + k + ".", out)
        else:
            out[prefix + k] = v
    return out


_MISSING = object()


def _fields(before: dict | None, after: dict | None) -> dict:
    """{dotted name: [before, after]} with JSON-able values (the same as
    store.records.diff_fields, on the hot path of history reading)."""
    return _diff_flat(_flat_into(before, "", {}) if before else {},
                      _flat_into(after, "", {}) if after else {})


_PLAIN = frozenset((str, int, float, bool, type(None)))  # jsonable(v) is v


def _diff_flat(a: dict, b: dict) -> dict:
    """_fields of two flattened versions."""
    out = {}
    get = b.get
    plain = _PLAIN
    shared = 0  # names of ``a`` that ``b`` has too
    for k, va in a.items():
        vb = get(k, _MISSING)
        if vb is _MISSING:
            vb = None
        else:
            shared += 1
        if va == vb and type(va) is type(vb):
            continue
        out[k] = [va if type(va) in plain else jsonable(va),
                  vb if type(vb) in plain else jsonable(vb)]
    if shared != len(b):  # b has names a has not
        for k, vb in b.items():
            if k not in a:
                out[k] = [None, vb if type(vb) in plain else jsonable(vb)]
    return out


def _flat_of(hit) -> dict:
    """The flattened data of a parsed version, made once per version."""
    if hit is _NOTHING or hit[0] is None:
        return {}
    flat = hit[2]
    if flat is None:
        flat = hit[2] = _flat_into(hit[0], "", {})
    return flat


_NOTHING = (None, None, None)


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
    """Parsed blob contents through one cat-file process.

    Each blob is parsed once per run.  Commits are read newest first: the
    version a commit replaces is stored (``store``) and handed to the next
    commit read that changes that file, the older one that wrote it
    (``take``), then dropped once no pending use is left.  The feeder
    thread (_needed_blobs) keeps the same count, so it does not fetch a
    blob that will be in the memo when its turn comes."""

    MEMO = 200000

    def __init__(self, repo):
        self.reader = repo.blob_reader()
        self.lock = threading.Lock()  # one request stream at a time
        self.memo: dict[str, tuple] = {}
        self.refs: dict[str, int] = {}
        self.raws: dict[str, bytes | None] = {}

    def fetch(self, specs) -> dict:
        """Many blobs in one pipelined round (safe from another thread)."""
        with self.lock:
            return self.reader.get_many([s for s in specs if s])

    def use(self, raws: dict) -> None:
        self.raws = raws

    def prefetch(self, specs) -> None:
        self.use(self.fetch(specs))

    def raw(self, spec):
        if spec is None:
            return None
        if spec in self.raws:
            return self.raws[spec]
        with self.lock:
            return self.reader.get(spec)

    def _parse(self, blob):
        """[data or None, problem or None, flattened data (made on demand)]."""
        raw = self.raw(blob)
        if raw is None:
            return [None, "the file's contents are missing from the repository", None]
        try:
            return [codec.parse_bytes(raw), None, None]
        except (codec.TOMLDecodeError, UnicodeDecodeError) as e:
            return [None, codec.problem_of(e), None]

    def parsed(self, blob: str | None):
        """(data or None, problem or None), without touching the counts."""
        if blob is None:
            return None, None
        hit = self.memo.get(blob)
        if hit is None:
            hit = self._parse(blob)
        return hit[0], hit[1]

    def take(self, blob: str):
        """A version a newer change replaced, used up by this one (which
        wrote it); parsed now if it was not kept."""
        hit = self.memo.get(blob)
        if hit is None:
            return self._parse(blob)
        n = self.refs.get(blob, 1) - 1
        if n <= 0:
            del self.memo[blob]
            self.refs.pop(blob, None)
        else:
            self.refs[blob] = n
        return hit

    def store(self, blob: str):
        """A version this change replaces, kept for the older change that
        wrote it."""
        hit = self.memo.get(blob)
        if hit is None:
            hit = self._parse(blob)
            if len(self.memo) < self.MEMO:
                self.memo[blob] = hit
                self.refs[blob] = 1
        else:
            self.refs[blob] = self.refs.get(blob, 1) + 1
        return hit

    def close(self):
        self.reader.close()


def _uses(ch, old, new):
    """(earlier version used?, new version written?) of one raw change,
    for its record paths ``old``/``new`` (see commit_events)."""
    renumber = bool(ch.status in "RC" and old and new and old[:2] == new[:2]
                    and old[2] != new[2] and old[1] != "project")
    return (old is not None and ch.old_blob is not None
            and (renumber or ch.status != "C"),
            new is not None and ch.new_blob is not None)


def _event(rc, author, why, action, project, kind, rid, path, fields, title,
           old_blob, new_blob, problem=None, other_blob=None) -> tuple:
    """An event as the cache keeps it (see _EV_KEYS; _ev_dict makes the
    dict), with its ``public`` JSON encoded once."""
    pub = {"commit": rc.id, "author": author, "date": rc.date, "action": action,
           "fields": fields, "why": why}
    if problem:
        pub["problem"] = problem
    return (rc.id, author, rc.date, action, fields, why, rid, project, kind,
            title, path, old_blob, new_blob, problem or None, other_blob or None,
            _ENCODE(pub))


def _public_json(e: dict) -> str:
    """``public(e)`` as JSON text, encoded once when the event is made and
    cached with it: long outputs splice these instead of encoding again."""
    return _ENCODE(public(e))


def _make_encode():
    """json.dumps(x, ensure_ascii=False, default=str) for the acyclic dicts
    of events, without building an encoder per call: JSONEncoder.encode
    makes a new C encoder (and its circular-reference memo) on every call,
    which cost more than the encoding itself."""
    try:
        from json.encoder import c_make_encoder, encode_basestring
    except ImportError:  # pragma: no cover - no C accelerator
        c_make_encoder = None
    if c_make_encoder is None:  # pragma: no cover
        return json.JSONEncoder(ensure_ascii=False, default=str).encode
    enc = c_make_encoder(None, str, encode_basestring, None, ": ", ", ",
                         False, False, True)
    join = "".join

    def encode(obj):
        return join(enc(obj, 0))
    return encode


_ENCODE = _make_encode()


# an event as a tuple in the cache (marshal: fast to load); optional keys
# (problem, other_blob) are None when absent
_EV_KEYS = ("commit", "author", "date", "action", "fields", "why", "id", "project",
            "kind", "title", "path", "old_blob", "new_blob", "problem", "other_blob",
            "_json")


def _ev_dict(t: tuple) -> dict:
    (commit, author, date, action, fields, why, rid, project, kind, title, path,
     old_blob, new_blob, problem, other_blob, js) = t
    e = {"commit": commit, "author": author, "date": date, "action": action,
         "fields": fields, "why": why, "id": rid, "project": project,
         "kind": kind, "title": title, "path": path,
         "old_blob": old_blob, "new_blob": new_blob}
    if problem:
        e["problem"] = problem
    if other_blob:
        e["other_blob"] = other_blob
    e["_json"] = js
    return e


def commit_events(rc, blobs: _Blobs, same: dict | None = None) -> list[tuple]:
    """The events of one ``RawCommit``, as tuples (see _event).  Commits
    come newest first: the version a change replaces is kept for the next
    commit read (an older one, which wrote it), and the version it writes
    was kept by the previous (newer) one, which replaced it.  ``same``
    ({text: text}) makes one string object of each author, so that marshal
    writes it once per cache segment."""
    trailers = parse_trailers(rc.message)
    why = trailers.get("Why") or None
    t_action = trailers.get("Accord-Action")
    t_record = trailers.get("Accord-Record")
    t_project = trailers.get("Accord-Project")
    author = f"{rc.author_name} <{rc.author_email}>"
    if same is not None:
        author = same.setdefault(author, author)
    merge_other = rc.parents[1] if len(rc.parents) > 1 else None
    out: list[tuple] = []

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
        use_old, use_new = _uses(ch, old, new)
        parsed_new = blobs.take(ch.new_blob) if use_new else _NOTHING
        parsed_old = blobs.store(ch.old_blob) if use_old else _NOTHING
        for derived, o, n in pairs:
            ob = ch.old_blob if o else None
            nb = ch.new_blob if n else None
            where = n or o
            project, kind, rid = where
            path = ch.new_path if n else ch.old_path
            hit_old = parsed_old if ob else _NOTHING
            hit_new = parsed_new if nb else _NOTHING
            before, p1 = hit_old[0], hit_old[1]
            after, p2 = hit_new[0], hit_new[1]
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
                    other_blob = _blob_id(other_raw)
                    if (other_blob == nb if len(nb) == 40
                            else blobs.raw(nb) == other_raw):
                        continue  # the branch's own commits tell this change
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
                fields = _diff_flat(_flat_of(hit_old), _flat_of(hit_new))
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
    """Events per commit id in ``<cache folder>/events/``: segment files
    (marshalled ``{commit id: (event tuple, ...)}``, written whole and
    renamed into place) and ``index.pickle`` (``{commit id: segment
    name}``).  A reader loads the index and only the segments it needs.
    Writers take a flock on ``lock``; many small segments are merged once
    there are too many.  A lost or damaged file only means those commits
    are read from git again.  The commit lists of the last few ranges are
    kept one per file (``list-<hash of key>.marshal``, holding its key and
    rows), keyed by the resolved revisions (a moved branch is another key);
    ``lists.marshal`` names the kept keys, oldest first."""

    MAX_SEGMENTS = 48
    SEGMENT_SIZE = 5000
    COMMIT_LISTS = 4

    def __init__(self, git_dir):
        self.dir = locations.folder(git_dir, "events")
        self._index: dict[str, str] | None = None
        self._segments: dict[str, dict] = {}
        self._list_keys: list | None = None

    # --- reading -------------------------------------------------------------
    def _read_any(self, path):
        """A marshalled file's value, or None when missing or damaged."""
        try:
            with open(path, "rb") as fh:
                return marshal.loads(fh.read())  # load(fh) reads piecemeal: slow
        except (OSError, EOFError, ValueError, TypeError):
            return None

    def _read(self, path):
        data = self._read_any(path)
        return data if isinstance(data, dict) else None

    def index(self) -> dict:
        if self._index is None:
            try:
                with open(self.dir / "index.pickle", "rb") as fh:
                    index = pickle.loads(fh.read())
            except Exception:  # missing, damaged, foreign: read git again
                index = None
            self._index = index if isinstance(index, dict) else {}
        return self._index

    def get(self, cid: str) -> list[dict] | None:
        seg = self.index().get(cid)
        if seg is None:
            return None
        data = self._segments.get(seg)
        if data is None:
            data = self._read(self.dir / seg) or {}
            self._segments[seg] = data
        ev = data.get(cid)
        if type(ev) is not tuple:
            return None
        try:
            return [_ev_dict(t) for t in ev]
        except (TypeError, ValueError):
            return None

    def commit_list_keys(self) -> list:
        """The keys of the kept commit lists, oldest kept first."""
        if self._list_keys is None:
            keys = self._read_any(self.dir / "lists.marshal")
            self._list_keys = keys if isinstance(keys, list) else []
        return self._list_keys

    @staticmethod
    def _list_file(key: str) -> str:
        import hashlib
        return "list-" + hashlib.sha1(key.encode()).hexdigest()[:20] + ".marshal"

    def commit_list(self, key: str):
        if key not in self.commit_list_keys():
            return None
        kept = self._read_any(self.dir / self._list_file(key))
        if not (isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key
                and isinstance(kept[1], list)):
            return None
        return kept[1]

    # --- writing ---------------------------------------------------------------
    def _write(self, name: str, obj, dumps=marshal.dumps) -> None:
        write_file(self.dir / name, dumps(obj))

    def writable(self) -> bool:
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError:
            return False
        return os.access(self.dir, os.W_OK)

    def _locked(self):
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None  # a read-only .git: no cache, same answers
        fcntl.flock(fd, fcntl.LOCK_EX)
        return fd

    def put_commit_list(self, key: str, rows: list) -> None:
        fd = self._locked()
        if fd is None:
            return
        try:
            self._list_keys = None
            keys = [k for k in self.commit_list_keys() if k != key]
            while len(keys) >= self.COMMIT_LISTS:
                try:
                    os.unlink(self.dir / self._list_file(keys.pop(0)))
                except OSError:
                    pass
            self._write(self._list_file(key), (key, rows))
            keys.append(key)
            self._write("lists.marshal", keys)
            self._list_keys = keys
            try:
                os.unlink(self.dir / "commits.marshal")  # every list in one file (earlier builds)
            except OSError:
                pass
        except (OSError, ValueError):
            pass
        finally:
            os.close(fd)

    def put_many(self, items: list[tuple[str, tuple]]) -> None:
        """Cache the events of many commits, as _event makes them (segments
        of SEGMENT_SIZE commits, one index write)."""
        names = {}
        for i in range(0, len(items), self.SEGMENT_SIZE):
            chunk = items[i:i + self.SEGMENT_SIZE]
            name = self.write_segment(chunk)
            if name is None:
                return
            names[name] = [cid for cid, _ in chunk]
        self.index_segments(names)

    def write_segment(self, items: list[tuple[str, tuple]]) -> str | None:
        """Write one segment file (not yet in the index: see
        index_segments); its name, or None when it cannot be written."""
        if not items:
            return None
        name = f"seg-{time.time_ns()}-{os.getpid()}-{next(_SEGMENT_NO)}.marshal"
        seg = dict(items)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            self._write(name, seg)
        except (OSError, ValueError):
            return None
        self._segments[name] = seg
        return name

    def read_segment(self, name: str) -> dict | None:
        """``{commit id: events}`` of one segment file (as get gives them),
        None when it is missing or damaged."""
        data = self._read(self.dir / name)
        if data is None:
            return None
        out = {}
        try:
            for cid, ev in data.items():
                if type(ev) is tuple:
                    out[cid] = [_ev_dict(t) for t in ev]
        except (TypeError, ValueError):
            return None
        return out

    def index_segments(self, names: dict[str, list[str]], compact: bool = True) -> None:
        """Add written segments ({name: their commit ids}) to the index, in
        one locked write.  ``compact=False``: never merge segments now (a
        child whose announced segments the parent may still be reading)."""
        if not names:
            return
        fd = self._locked()
        if fd is None:
            return
        try:
            self._index = None
            index = self.index()  # as on disk now (another process may have added)
            for name, cids in names.items():
                for cid in cids:
                    index[cid] = name
            if compact and len(set(index.values())) > self.MAX_SEGMENTS:
                index = self._compact(index)
            self._write("index.pickle", index,
                        functools.partial(pickle.dumps, protocol=pickle.HIGHEST_PROTOCOL))
            self._index = index
        except (OSError, ValueError):
            pass
        finally:
            os.close(fd)

    def _compact(self, index: dict) -> dict:
        """Merge every segment into segments of SEGMENT_SIZE commits."""
        merged: dict[str, tuple] = {}
        for seg in sorted(set(index.values())):
            data = self._segments.get(seg) or self._read(self.dir / seg) or {}
            for cid, ev in data.items():
                if index.get(cid) == seg:
                    merged[cid] = ev
        new_index = {}
        items = list(merged.items())
        stamp = time.time_ns()
        self._segments = {}
        for i in range(0, len(items), self.SEGMENT_SIZE):
            name = f"seg-{stamp}-{os.getpid()}-c{i // self.SEGMENT_SIZE}.marshal"
            chunk = dict(items[i:i + self.SEGMENT_SIZE])
            self._write(name, chunk)
            self._segments[name] = chunk
            for cid in chunk:
                new_index[cid] = name
        # the merged segments go; so do files of writers that died before
        # indexing theirs (an hour old); a segment another process wrote
        # and has not indexed yet stays
        merged_from = set(index.values())
        keep = set(new_index.values()) | {"index.pickle", "lock", "lists.marshal"}
        old = time.time() - ORPHAN_AGE
        for p in self.dir.iterdir():
            if p.name in keep or p.name.startswith("list-"):
                continue
            try:
                if p.name in merged_from or p.stat().st_mtime < old:
                    p.unlink()
            except OSError:
                pass
        return new_index


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
    """Commits reachable from ``revs`` (default HEAD), oldest first.  The
    list of a range is cached by its revisions resolved to commit ids (one
    ``rev-parse`` instead of walking every commit again)."""
    return _list_commits_soon(ws, revs)()


def _list_commits_soon(ws, revs: list[str] | None = None):
    """``list_commits`` started: returns the function that gives the list;
    when git has to walk the commits, it walks while the caller works on."""
    revs = list(revs or ["HEAD"])
    key = None
    cache = None
    if all(r and not r.startswith("-") for r in revs) and ws.git.head():
        p = ws.git.run("rev-parse", "--revs-only", *revs, "--", check=False)
        if p.returncode == 0 and p.stdout.strip():
            key = " ".join(p.stdout.split())
            cache = EventCache(ws.git.git_dir)
            rows = cache.commit_list(key)
            if rows is not None:
                kept = [Commit(cid, list(parents), f"{an} <{ae}>", date, subj)
                        for cid, parents, an, ae, date, subj in rows]
                return lambda: kept
            rows = _grown_list(ws, cache, key)
            if rows is not None:
                revs = None  # listed: only the new commits were asked of git
    walk = ws.git.commit_list_soon(revs) if revs is not None else None

    def listed() -> list[Commit]:
        nonlocal rows
        if walk is not None:
            rows = walk()
        if key is not None and len(rows) >= COMMIT_LIST_CACHE_MIN:
            same: dict = {}
            cache.put_commit_list(key, [(cid, tuple(parents), same.setdefault(an, an),
                                         same.setdefault(ae, ae), date, subj)
                                        for cid, parents, an, ae, date, subj in rows])
        return [Commit(cid, parents, f"{an} <{ae}>", date, subj)
                for cid, parents, an, ae, date, subj in rows]
    return listed


COMMIT_LIST_CACHE_MIN = 2000  # shorter lists are listed by git again (cheap)


def _grown_list(ws, cache: "EventCache", key: str):
    """The list for ``key`` (one commit id) made from the newest kept list
    of one of its ancestors, ``old``, plus git's list of ``old..key``; None
    when there is none.  Only when every new commit descends from ``old``:
    then a full listing puts all of them after all of the old ones (parents
    first), in the order git lists ``old..key`` alone, so the result is
    exactly git's.  A merged side branch (commits that do not descend from
    ``old``) is listed whole again."""
    if " " in key or key.startswith("^"):
        return None
    old = next((k for k in reversed(cache.commit_list_keys())
                if k != key and " " not in k and not k.startswith("^")
                and ws.git.is_ancestor(k, key)), None)
    kept = cache.commit_list(old) if old else None
    if kept is None:
        return None
    new = ws.git.commit_list([f"{old}..{key}"])
    descends = {old}
    for cid, parents, *_ in new:
        if not any(p in descends for p in parents):
            return None
        descends.add(cid)
    return list(kept) + new


def events_of(ws, commits: list[Commit]) -> dict[str, list[dict]]:
    """{commit id: events} for ``commits``: from the cache, else read in
    bulk (one log process, one cat-file process) and cached."""
    return _events_soon(ws, commits, now=True)()


def _events_soon(ws, commits: list[Commit], now: bool = False, between=None):
    """``events_of`` started: returns a function that waits for the answer.
    Cached commits are looked up here.  A long read of uncached ones is
    split with a forked child (_read_missing_soon): this process reads its
    part now, the child's part is taken when the answer is asked for.  A
    shorter one, unless ``now``, goes to a child on the command line and
    to a thread in the app.  Either way the caller does its own work
    (loading the records) while git and the child read.  ``between``
    (see _read_missing_soon) runs between this process's chunks of a
    split read."""
    cache = EventCache(ws.git.git_dir)
    found: dict[str, list[dict]] = {}
    missing = []
    for c in commits:
        ev = cache.get(c.id)
        if ev is None:
            missing.append(c.id)
        else:
            found[c.id] = ev

    def no_gc(fn):
        def run():
            import gc
            was = gc.isenabled()
            gc.disable()  # many small containers and no cycles
            try:
                return fn()
            finally:
                if was:
                    gc.enable()
        return run
    if not missing:
        return lambda: found
    if now or len(missing) >= SPLIT_MIN or _may_fork(cache):
        # a short read started for a caller with work of its own: a child
        # starts on it (a thread would take turns with the caller's Python)
        # and this process helps once the caller asks for the answer
        later = not (now or len(missing) >= SPLIT_MIN)
        finish = no_gc(lambda: _read_missing_soon(ws, missing, cache, found,
                                                  later, between))()
        if now:
            no_gc(finish)()
            return lambda: found
        done: list = []

        def wait():  # the caller's own work went on while the child read
            if not done:
                no_gc(finish)()
                done.append(True)
            return found
        return wait

    def read_all():
        _read_missing(ws, missing, cache, found)
        return found
    return _in_thread(no_gc(read_all))


def _in_thread(fn):
    """Run ``fn`` in a thread; returns a function that waits and gives its
    result (or raises its exception)."""
    box: list = []

    def run():
        try:
            box.append((True, fn()))
        except BaseException as e:  # noqa: BLE001 - raised in the waiter
            box.append((False, e))
    t = threading.Thread(target=run, name="accord-history-read", daemon=True)
    t.start()

    def wait():
        t.join()
        ok, value = box[0]
        if not ok:
            raise value
        return value
    return wait


SPLIT_MIN = 8000  # uncached commits worth a second process

def _read_missing(ws, missing: list[str], cache: "EventCache", found: dict) -> None:
    """Events of ``missing`` from git, into ``found``."""
    _read_missing_soon(ws, missing, cache, found)()


def _may_fork(cache: "EventCache") -> bool:
    """Whether a child process may read history (procs.may_fork: never in
    the app) and hand its events over through the cache."""
    from . import procs
    return procs.may_fork() and cache.writable()


def _read_missing_soon(ws, missing: list[str], cache: "EventCache", found: dict,
                       later: bool = False, between=None):
    """``_read_missing`` started; returns the function that finishes it.
    A long list is read by two processes when this one has no other thread
    (the command line, not the app): this process and a forked child take
    chunks of it (newest first, smaller towards the end) from one queue
    until none is left, so neither idles however busy its core is.  Each
    chunk has its own git log and cat-file, so git's diffing and Python's
    parsing share the machine's cores.  The child caches its events in
    segments and names each through a pipe as it is written; finishing
    takes them over (most while the child still reads), then indexes this
    process's own segments.  The caller may load its records before it
    finishes.

    ``later`` (a read of any length started for a caller with work of its
    own): the child starts alone, at a lower priority so that the
    caller's work comes first on a busy machine, and this process takes
    the chunks still left only when finishing.

    ``between()``, when given, runs after each chunk this process reads
    (it takes over another reader's work meanwhile)."""
    if (not later and len(missing) < SPLIT_MIN) or not _may_fork(cache):
        _read_serial(ws, missing, cache, found)
        return lambda: None
    from . import procs
    chunks = _chunks(missing, SHORT_CHUNK_MIN if later else CHUNK_MIN)
    work = procs.WorkQueue(len(chunks))

    def child_reads(announce, mine, written):
        if later:
            os.nice(LATER_NICE)  # its git processes inherit it
        for i in work:
            _read_serial(ws, chunks[i], mine, {}, announce, written)
    child = _ChildReader(ws, child_reads)
    own: dict = {}

    def take_chunks():
        try:
            for i in work:
                _read_serial(ws, chunks[i], cache, found, None, own)
                if between is not None:
                    between()
        except BaseException:
            child.close()
            child.wait()
            raise
    if not later:
        take_chunks()

    def finish() -> None:
        if later:
            take_chunks()
        child.take(found)
        child.wait()
        cache.index_segments(own)
        rest = [cid for cid in missing if cid not in found]
        if rest:  # the child failed or could not write: read here
            _read_serial(ws, rest, cache, found)
    return finish


class _ChildReader:
    """A forked child that reads history into the event cache and names
    each segment to this process through a pipe as soon as it is written;
    ``take`` adds the events handed over so far (or, waiting for the
    child's end, all of them) to a dict; ``wait`` waits for the child and
    says whether it finished well (procs.in_child)."""

    def __init__(self, ws, reads):
        """``reads(announce, cache, written)``: the child's work, as
        _read_serial's arguments of those names."""
        from . import procs
        self.ws = ws
        self.names = procs.Messages()

        def child():
            self.names.child_side()
            mine = EventCache(ws.git.git_dir)
            written: dict = {}
            reads(lambda name: self.names.send(name.encode("ascii")), mine, written)
            mine.index_segments(written, compact=False)
        try:
            self.wait = procs.in_child(child)
        except BaseException:
            self.names.close()
            raise
        finally:
            self.names.parent_side()

    def take(self, into: dict, block: bool = True) -> None:
        taken = EventCache(self.ws.git.git_dir)
        for name in self.names.received(block):
            into.update(taken.read_segment(name.decode("ascii")) or {})

    def close(self) -> None:
        """Stop listening (the child's writes then fail; it ends)."""
        self.names.close()


CHUNK_MIN = 2500  # commits: the last chunks of a split read (a git log each)
# the same for a read started for a caller (see later).  Each chunk costs
# a git log and a cat-file of its own (~30 ms of CPU, and git's caches of
# trees start empty): the last 1,000 commits as 4 chunks took 7-12 % longer
# than as one, with the records to load or cached (interleaved runs)
SHORT_CHUNK_MIN = 1000
LATER_NICE = 5  # how much a child reading for a busy caller yields to it


def _chunks(missing: list[str], minimum: int = CHUNK_MIN) -> list[list[str]]:
    """``missing`` (oldest first) as chunks for two readers, the newest
    first, each a quarter of what is left (never under ``minimum``): early
    chunks are long (few git processes, whose caches of trees and deltas
    serve consecutive commits), the last ones short (the two readers
    finish close together)."""
    out = []
    end = len(missing)
    while end > 0:
        n = min(end, max(minimum, end // 4))
        out.append(missing[end - n:end])
        end -= n
    return out


def _read_serial(ws, missing: list[str], cache: "EventCache", found: dict,
                 announce=None, written: dict | None = None, ahead=None) -> None:
    """Events of ``missing`` commits (oldest first) from git, into
    ``found`` and the cache.  With ``written``, the cache's segments are
    written but left for the caller to index (their names and commits go
    into ``written``).  With ``announce`` (the forked child), the events
    go only to the cache, in segments of HANDOVER commits as they are
    read, each name passed to ``announce`` once written.  A feeder
    thread reads the log and fetches the next batch's blobs while this
    thread parses the current one (git and Python work at the same time).
    Git is asked for the commits newest first, the order it walks in:
    its caches of trees and deltas then serve consecutive commits (git log
    --raw over 50,000 commits: 4.65 s of CPU against 5.37 s oldest first).
    ``ahead`` (a _ReadAhead, in its child): instead of ``missing``, the
    commits of git's own walk of its revisions, newest first, until the
    limit its parent sets is reached."""
    order = missing[::-1]
    blobs = _Blobs(ws.git)
    q: queue.Queue = queue.Queue(maxsize=2)
    stop = threading.Event()

    def produce():
        pending: dict = {}
        try:
            batch = []
            source = (ws.git.raw_log(order) if ahead is None else
                      ws.git.raw_log(None, walk=(ahead.revs, READ_AHEAD_MAX)))
            for rc in source:
                batch.append(rc)
                if len(batch) >= BATCH:
                    q.put((batch, blobs.fetch(_needed_blobs(batch, pending))))
                    batch = []
                    if stop.is_set():
                        return
            if batch:
                q.put((batch, blobs.fetch(_needed_blobs(batch, pending))))
            q.put(None)
        except BaseException as e:  # noqa: BLE001 - handed to the reader
            q.put(e)

    feeder = threading.Thread(target=produce, name="accord-history", daemon=True)
    feeder.start()
    fresh = []
    same: dict = {}
    segment = HANDOVER if announce is not None else EventCache.SEGMENT_SIZE

    def hand_over():
        name = cache.write_segment(fresh)
        if name is not None:
            written[name] = [cid for cid, _ in fresh]
            if announce is not None:
                announce(name)
        fresh.clear()
    try:
        while True:
            item = q.get()
            if item is None:
                break
            if isinstance(item, BaseException):
                raise item
            batch, raws = item
            blobs.use(raws)
            for rc in batch:
                if ahead is not None and rc.id in ahead.cached:
                    if ahead.read_one():
                        return
                    continue
                ev = tuple(commit_events(rc, blobs, same))
                if announce is None:
                    found[rc.id] = [_ev_dict(t) for t in ev]
                fresh.append((rc.id, ev))
                if len(fresh) >= segment and written is not None:
                    hand_over()
                if ahead is not None and ahead.read_one():
                    return  # the parent's share begins here
    finally:
        stop.set()
        while feeder.is_alive():
            try:
                q.get(timeout=0.05)
            except queue.Empty:
                pass
        blobs.close()
        if written is None:
            cache.put_many(fresh)
        else:
            hand_over()


class _ReadAhead:
    """A forked child that reads the newest commits of ``revs`` in git's
    own walk while its parent waits for git's list of them all (a whole
    history's list takes git ~1 s, with the other core idle).  When the
    list is there, ``share`` tells the child where to stop and gives the
    commits left to the parent; ``take`` adds what the child read.  The
    child hands its events over as _read_missing_soon's does (a
    _ChildReader) and passes over commits whose events are cached
    already.  The child's walk and the parent's list agree on
    which commits are the newest in a history without merges; a commit
    the child was thought to read and did not is read by the parent after
    ``take`` (a commit both read costs only time)."""

    READ, LIMIT = 0, 1  # the shared numbers: commits read by the child; where it stops

    def __init__(self, ws, revs: list[str]):
        self.ws, self.revs = ws, list(revs)
        self.parent = os.getpid()
        self.cached = frozenset(EventCache(ws.git.git_dir).index())
        from . import procs
        self.counts = procs.SharedInts(2)
        self.done = 0  # (in the child) commits read
        self.found: dict = {}  # events taken over from the child
        self.reader = _ChildReader(ws, lambda announce, mine, written: _read_serial(
            ws, [], mine, {}, announce, written, ahead=self))

    def read_one(self) -> bool:
        """(in the child) One more commit read; whether to stop now: at
        the limit, or when the parent is gone (it failed before asking)."""
        self.done += 1
        self.counts[self.READ] = self.done
        limit = self.counts[self.LIMIT]
        return self.done >= (limit or READ_AHEAD_MAX) or os.getppid() != self.parent

    def share(self, commits: list["Commit"]) -> list["Commit"]:
        """Set the child's stop from its progress and the whole list
        (oldest first): it reads its part of the rest, the newest, while
        this process (with a second child when its part is long, see
        _read_missing_soon) reads the older part, which is returned."""
        n = len(commits)
        done = min(self.counts[self.READ], n)
        rest = n - done
        stop = done + int(rest * READ_AHEAD_SHARE)
        if n - stop < SPLIT_MIN:  # this process reads the rest alone
            stop = done + rest // 2
        stop = min(max(stop, done), READ_AHEAD_MAX)
        self.counts[self.LIMIT] = max(stop, 1)
        return commits[:n - stop]

    def take_ready(self) -> None:
        """Take the segments the child has handed over so far, without
        waiting for more (between this process's own chunks: the child,
        given the newest third, is done before the others)."""
        self.reader.take(self.found, block=False)

    def take(self, found: dict) -> None:
        """Wait for the child; add the events it handed over to ``found``."""
        self.reader.take(self.found)
        self.reader.wait()
        found.update(self.found)


READ_AHEAD_MAX = 25000  # commits a read-ahead child reads at most
READ_AHEAD_SHARE = 0.3  # of what is left when the list is there (two others read the rest)

BATCH = 400  # commits whose blobs are read in one pipelined cat-file round
HANDOVER = 2000  # commits per segment a child hands over while it reads


def _needed_blobs(batch, pending: dict | None = None) -> list[str]:
    """The blobs ``batch`` (newest first) needs from git.  ``pending``
    ({blob: uses left}, kept across batches) follows _Blobs' memo: a
    version a newer commit replaced is parsed already and not fetched
    again."""
    if pending is None:
        pending = {}
    specs = []

    def take(b):
        n = pending.get(b)
        if n:
            if n <= 1:
                del pending[b]
            else:
                pending[b] = n - 1
        else:
            specs.append(b)

    def keep(b):
        n = pending.get(b)
        if n:
            pending[b] = n + 1
        else:
            specs.append(b)
            if len(pending) < _Blobs.MEMO:
                pending[b] = 1

    for rc in batch:
        other = rc.parents[1] if len(rc.parents) > 1 else None
        for ch in rc.changes:
            old = record_of_path(ch.old_path)
            new = record_of_path(ch.new_path)
            if old is None and new is None:
                continue
            use_old, use_new = _uses(ch, old, new)
            if use_new:
                take(ch.new_blob)
            if use_old:
                keep(ch.old_blob)
            if other:
                specs.append(f"{other}:{ch.new_path or ch.old_path}")
    return specs


def read_history(ws, revs: list[str] | None = None, since_date: str | None = None,
                 until_date: str | None = None, project: str | None = None) -> History:
    """The commits reachable from ``revs`` (default HEAD; ``["R..HEAD"]`` for
    a range), optionally only those whose author day (in the commit's own
    offset) lies in ``since_date``..``until_date`` (both included,
    YYYY-MM-DD), with their events (only ``project``'s when given)."""
    return read_history_soon(ws, revs, since_date, until_date, project, now=True)()


def read_history_soon(ws, revs: list[str] | None = None, since_date: str | None = None,
                      until_date: str | None = None, project: str | None = None,
                      now: bool = False):
    """``read_history`` started: returns a function that waits for the
    History (see _events_soon: the caller may load records meanwhile)."""
    listing = _list_commits_soon(ws, revs)

    def listed() -> list[Commit]:
        commits = listing()
        if since_date:
            commits = [c for c in commits if c.day >= since_date]
        if until_date:
            commits = [c for c in commits if c.day <= until_date]
        return commits
    if not now and _long_and_cold(ws, revs):
        # git lists the whole history while the caller loads its records
        # and a child reads the newest commits; the rest of the read, two
        # processes busy on both cores, comes after
        ahead = _ReadAhead(ws, list(revs or ["HEAD"]))
        box: list = []

        def pending():
            try:
                box.append(listed())
                found = _events_soon(ws, ahead.share(box[0]), now=True,
                                     between=ahead.take_ready)()
            except BaseException:
                ahead.counts[ahead.LIMIT] = 1  # stop at the next commit
                ahead.take({})
                raise
            ahead.take(found)
            missed = [c for c in box[0] if c.id not in found]
            if missed:  # the child's walk and the list disagreed (merges)
                found.update(_events_soon(ws, missed, now=True)())
            return found

        def commits_of():
            return box[0]
    else:
        commits = listed()
        pending = _events_soon(ws, commits, now)

        def commits_of():
            return commits

    def history() -> History:
        by_commit = pending()
        commits = commits_of()
        events = []
        for c in commits:
            for e in by_commit.get(c.id, ()):
                if project is None or e["project"] == project:
                    events.append(e)
        return History(commits, events)
    return history


def _long_and_cold(ws, revs) -> bool:
    """Whether a history read is likely long and uncached, on the command
    line (where it is read by two processes): the whole history (plain
    revisions, no range), no kept commit list, few cached events.  Decided
    before listing, so a guess: a small history only loses the overlap of
    its (short) read with the caller's work."""
    revs = list(revs or ["HEAD"])
    if any(not r or r[0] in "-^" or ".." in r or "@{" in r for r in revs):
        return False
    cache = EventCache(ws.git.git_dir)
    return _may_fork(cache) and not cache.commit_list_keys() \
        and len(cache.index()) < SPLIT_MIN


def record_events(ws, project: str, rid: str) -> list[dict]:
    """Every event of one record, oldest first.

    The record is followed along the chain of its file versions (blob ids),
    from its file at HEAD (or, when deleted, from its last deletion) back to
    its creation, through renumbers and renames to earlier ids and both
    sides of merges; so a record that took over an id another record held
    on another branch (a renumber after a sync) gets only its own events."""
    kind = ids.parse_id(rid)[0] if ids.is_id(rid) else None
    path = (f"projects/{project}/{kind.folder}/{rid}.toml" if kind
            else f"projects/{project}/project.toml")
    commits = list_commits(ws)
    cache = EventCache(ws.git.git_dir)
    index = cache.index()
    if sum(1 for c in commits if c.id not in index) > PATH_SCAN_ABOVE:
        hist = _path_history(ws, project, path)
    else:
        by_commit = events_of(ws, commits)
        hist = History(commits, [e for c in commits for e in by_commit.get(c.id, ())
                                 if e["project"] == project])
    p = ws.git.run("rev-parse", "-q", "--verify", f"HEAD:{path}", check=False)
    head_blob = p.stdout.strip() or None
    picked = []
    # id -> the file versions (blob ids) still to be explained;
    # DELETED: start from the record's last deletion
    wanted: dict[str, object] = {rid: {head_blob} if head_blob else _DELETED}
    for e in reversed(hist.events):
        want = wanted.get(e["id"])
        if want is None:
            continue
        if want is _DELETED:
            if e["action"] != "delete":
                continue
            want = wanted[e["id"]] = set()
        elif e["new_blob"] not in want:
            continue
        else:
            want.discard(e["new_blob"])
        picked.append(e)
        want.update(b for b in (e["old_blob"], e.get("other_blob")) if b)
        if e["action"] == "renumber" and "id" in e["fields"]:
            old_id = e["fields"]["id"][0]
            if old_id != e["id"] and e["old_blob"]:
                want.discard(e["old_blob"])
                prev = wanted.setdefault(old_id, set())
                if isinstance(prev, set):
                    prev.add(e["old_blob"])
    picked.reverse()
    return picked


_DELETED = object()
# more uncached commits than this: read only the commits that touched the
# record's file (and the files it was renumbered from) instead of them all
PATH_SCAN_ABOVE = 5000


def _path_history(ws, project: str, path: str) -> History:
    """The commits that touched ``path`` or a file later renamed to it,
    with their events: a few path-limited logs instead of the whole
    history (the cold case on a large repository)."""
    paths = [path]
    while True:
        rows = ws.git.commit_list(["--full-history", "HEAD"], paths)
        commits = [Commit(cid, parents, f"{an} <{ae}>", date, subj)
                   for cid, parents, an, ae, date, subj in rows]
        by_commit = events_of(ws, commits)
        events = [e for c in commits for e in by_commit.get(c.id, ())
                  if e["project"] == project]
        more = []
        for e in events:
            if e["action"] == "renumber" and "id" in e["fields"] and e["path"] in paths:
                old_id = e["fields"]["id"][0]
                kind = ids.parse_id(old_id)[0] if ids.is_id(old_id) else None
                if kind:
                    old = f"projects/{project}/{kind.folder}/{old_id}.toml"
                    if old not in paths and old not in more:
                        more.append(old)
        if not more:
            return History(commits, events)
        paths.extend(more)


def public(event: dict) -> dict:
    """The event in the shape of cli.md (plus ``problem`` when set)."""
    out = {"commit": event["commit"], "author": event["author"],
           "date": event["date"], "action": event["action"],
           "fields": event["fields"], "why": event["why"]}
    if event.get("problem"):
        out["problem"] = event["problem"]
    return out


def short(commit: str) -> str:
    return commit[:7]


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
