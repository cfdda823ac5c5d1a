"""One commit -> the typed events it holds (pure: git is read elsewhere).

An event says what one commit did to one record.  ``action`` is ``create``,
``edit``, ``move``, ``confirm``, ``delete`` or ``renumber``: from Accord's
trailers (``Accord-Action``, ``Accord-Record``, ``Accord-Project``) when the
commit has them, else from the diff (a file renamed to another id of the
same kind is ``renumber``).  ``fields`` always comes from comparing the
parsed versions (``{dotted name: [before, after]}``, JSON-able values), so
hand edits are as precise as Accord's own.  A version that is not valid TOML
gives an event with ``fields`` ``{}`` and a ``problem``.  A merge keeps only
what differs from its second parent too.  ``project.toml`` changes are
events with ``id`` and ``kind`` ``"project"``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from store.model import codec, ids
from store.model.records import diff_flat, flatten, jsonable
from store.model.schema import BY_FOLDER, KINDS

ACTIONS = ("create", "edit", "move", "confirm", "delete", "renumber")
PUBLIC_KEYS = ("commit", "author", "date", "action", "fields", "why")

_TRAILER = re.compile(r"^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]?(.*)$")


@dataclass(frozen=True, slots=True)
class Event:
    """What one commit did to one record.  It also reads like the dict
    events used to be (``e["id"]``, ``e.get("problem")``, ``dict(e)``), so
    code written against those keeps working."""
    commit: str
    author: str
    date: str  # author date, ISO 8601 with the commit's own offset
    action: str
    fields: dict
    why: str | None
    id: str
    project: str
    kind: str
    title: str
    path: str
    old_blob: str | None
    new_blob: str | None
    problem: str | None = None
    other_blob: str | None = None  # a merge: the version on the merged branch

    def __getitem__(self, name: str):
        if name in _OPTIONAL and getattr(self, name) is None:
            raise KeyError(name)
        try:
            return getattr(self, name)
        except AttributeError:
            raise KeyError(name) from None

    def get(self, name: str, default=None):
        v = getattr(self, name, default)
        return default if v is None else v

    def __contains__(self, name: str) -> bool:
        return name in _KEYS and (name not in _OPTIONAL or getattr(self, name) is not None)

    def keys(self) -> list[str]:
        return [k for k in _KEYS if k not in _OPTIONAL or getattr(self, k) is not None]

    def public(self) -> dict:
        """The event in the shape of cli.md (plus ``problem`` when set)."""
        out = {"commit": self.commit, "author": self.author, "date": self.date,
               "action": self.action, "fields": self.fields, "why": self.why}
        if self.problem:
            out["problem"] = self.problem
        return out


_KEYS = Event.__dataclass_fields__.keys()
_OPTIONAL = ("problem", "other_blob")


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


def title_of(kind: str, data: dict | None) -> str:
    if not isinstance(data, dict):
        return ""
    k = KINDS.get(kind)
    v = data.get(k.title_field if k else "name")
    return v if isinstance(v, str) else ""


def blob_id(raw: bytes) -> str:
    import hashlib
    return hashlib.sha1(b"blob %d\0" % len(raw) + raw).hexdigest()


def parse_version(raw: bytes | None) -> list:
    """[data or None, problem or None, flattened data (made on demand)]."""
    if raw is None:
        return [None, "the file's contents are missing from the repository", None]
    try:
        return [codec.parse_bytes(raw), None, None]
    except (codec.TOMLDecodeError, UnicodeDecodeError) as e:
        return [None, codec.problem_of(e), None]


NOTHING = (None, None, None)


def _flat(hit) -> dict:
    """The flattened data of a parsed version, made once per version."""
    if hit[0] is None:
        return {}
    if hit[2] is None:
        hit[2] = flatten(hit[0])
    return hit[2]


def renumbered(ch, old, new) -> bool:
    return bool(ch.status in "RC" and old and new and old[:2] == new[:2]
                and old[2] != new[2] and old[1] != "project")


def uses(ch, old, new) -> tuple[bool, bool]:
    """(earlier version used?, new version written?) of one raw change, for
    its record paths ``old``/``new`` (see commit_events)."""
    return (old is not None and ch.old_blob is not None
            and (renumbered(ch, old, new) or ch.status != "C"),
            new is not None and ch.new_blob is not None)


def commit_events(rc, versions, same: dict | None = None) -> list[Event]:
    """The events of one ``RawCommit`` (store.git.repo).  ``versions`` gives
    the parsed file versions (reader.Versions: ``take`` the version this
    change wrote, ``store`` the one it replaced, ``raw`` any ``rev:path``);
    commits come newest first.  ``same`` ({text: text}) makes one string
    object of each author."""
    trailers = parse_trailers(rc.message)
    why = trailers.get("Why") or None
    t_action = trailers.get("Accord-Action")
    t_record = trailers.get("Accord-Record")
    t_project = trailers.get("Accord-Project")
    author = f"{rc.author_name} <{rc.author_email}>"
    if same is not None:
        author = same.setdefault(author, author)
    merge_other = rc.parents[1] if len(rc.parents) > 1 else None
    out: list[Event] = []

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
        if renumbered(ch, old, new):
            pairs = [("renumber", old, new)]
        elif ch.status == "C":
            pairs = [("create", None, new)] if new else []
        elif ch.status == "R" and old != new:
            pairs = ([("delete", old, None)] if old else []) \
                + ([("create", None, new)] if new else [])
        else:
            pairs = [(None, old, new)]
        use_old, use_new = uses(ch, old, new)
        parsed_new = versions.take(ch.new_blob) if use_new else NOTHING
        parsed_old = versions.store(ch.old_blob) if use_old else NOTHING
        for derived, o, n in pairs:
            ob = ch.old_blob if o else None
            nb = ch.new_blob if n else None
            project, kind, rid = n or o
            path = ch.new_path if n else ch.old_path
            hit_old = parsed_old if ob else NOTHING
            hit_new = parsed_new if nb else NOTHING
            before, p1 = hit_old[0], hit_old[1]
            after, p2 = hit_new[0], hit_new[1]
            if derived is None:
                derived = "create" if ob is None else "delete" if nb is None else "edit"
            action = trailer_action(project, rid, derived)
            if derived == "renumber":
                action = "renumber"
            theirs = None
            other_blob = None
            if merge_other:
                other_raw = versions.raw(f"{merge_other}:{path}")
                if nb is None and other_raw is None:
                    continue  # deleted on the merged branch
                if nb is not None and other_raw is not None:
                    other_blob = blob_id(other_raw)
                    if (other_blob == nb if len(nb) == 40
                            else versions.raw(nb) == other_raw):
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
                fields = diff_flat(_flat(hit_old), _flat(hit_new), as_json=True)
                if theirs is not None:  # keep only what the merge itself decided
                    fields = {k: v for k, v in fields.items() if theirs.get(k) != v[1]}
                    if not fields:
                        continue
            if action == "renumber":
                fields = {"id": [o[2], n[2]], **fields}
            title = title_of(kind, after) or title_of(kind, before)
            out.append(Event(rc.id, author, rc.date, action, fields, why, rid, project,
                             kind, title, path, ob, nb, problem or None, other_blob))
    return out
