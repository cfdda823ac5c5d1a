"""Records: a typed view of one file, validation against the schema, value
parsing from text (the command line and the forms), sign-off fingerprints and
field-level differences."""
from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field as dc_field
from pathlib import Path

from store.model import ids
from store.errors import InvalidValue
from store.messages import Problem
from store.model.schema import (CHOICE, DATE, ID, IDS, INT, LIST, LONGTEXT, NUMBER,
                                TABLE, TABLES, TEXT, TIME, Field, Kind)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any, Literal

    SignoffState = Literal["none", "current", "stale"]

TIME_RE = re.compile(r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
INT_MIN, INT_MAX = -(2 ** 63), 2 ** 63 - 1  # what TOML (and git's readers) keep


def _cut(v) -> str:
    s = str(v)
    return s if len(s) <= 30 else s[:27] + "..."


@dataclass
class Record:
    """One record file as read: its id, kind and parsed fields, the digest a
    save checks the file against, and any problems validation found."""
    id: str
    kind: Kind
    project: str
    path: Path
    data: dict[str, Any]
    digest: str  # sha256 of the file's bytes when read: detects changes on disk
    rel: str = ""  # path relative to the workspace root
    problems: list[str] = dc_field(default_factory=list)
    # signoff_state of ``data``, worked out once (a hash of the agreed
    # fields); a load may hand it in from the parsed-record cache
    signoff_known: SignoffState | None = dc_field(default=None, repr=False, compare=False)

    @property
    def title(self) -> str:
        v = self.data.get(self.kind.title_field)
        return v if isinstance(v, str) else ""

    @property
    def status(self) -> str:
        v = self.data.get("status")
        return v if isinstance(v, str) else ""

    @property
    def signoff(self) -> SignoffState:
        """``none``, ``current`` or ``stale`` (see signoff_state).  A
        record's data is never changed in place (a save makes a new
        Record), so it is worked out once."""
        s = self.signoff_known
        if s is None:
            s = self.signoff_known = signoff_state(self.kind, self.data)
        return s

    def get(self, name: str, default: Any = None) -> Any:
        """The value of a (dotted) field, or ``default``."""
        return get_path(self.data, name, default)

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready fields (dates as ISO text), for the CLI."""
        out = {"id": self.id, "kind": self.kind.name, "project": self.project,
               "path": self.rel, "signoff": self.signoff}
        for k, v in self.data.items():
            if k not in out:
                out[k] = jsonable(v)
        return out


def digest_bytes(data: bytes) -> str:
    """The sha256 of a file's bytes: how a save notices a change on disk."""
    import hashlib  # here: the app's first screen needs neither it nor json
    return hashlib.sha256(data).hexdigest()


def get_path(data: dict[str, Any], name: str, default: Any = None) -> Any:
    """``data``'s value at a dotted name (``confirmation.by``), or ``default``."""
    cur = data
    for part in name.split("."):
        if not isinstance(cur, dict) or part not in cur:
            return default
        cur = cur[part]
    return cur


def jsonable(v: Any) -> Any:
    """``v`` with dates and times as ISO text, so json can write it."""
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [jsonable(x) for x in v]
    return v


# --- sign-off ----------------------------------------------------------------

_FP_ENCODE: list = []  # json.dumps with options builds an encoder per call: one


def fingerprint(kind: Kind, data: dict[str, Any]) -> str:
    """A hash of the agreed fields: what a client sign-off records, so a
    later change to them shows as a stale sign-off."""
    import hashlib
    if not _FP_ENCODE:
        import json
        _FP_ENCODE.append(json.JSONEncoder(sort_keys=True, ensure_ascii=False,
                                           separators=(",", ":")).encode)
    agreed = {f: jsonable(data.get(f)) for f in kind.agreed}
    blob = _FP_ENCODE[0](agreed)
    return "sha256:" + hashlib.sha256(blob.encode("utf-8")).hexdigest()


def signoff_state(kind: Kind, data: dict[str, Any]) -> SignoffState:
    """``none``, ``current`` or ``stale``: stale when an agreed field changed
    since the client signed.  Nothing but a new sign-off clears it."""
    if not kind.agreed:
        return "none"
    conf = data.get("confirmation")
    fp = conf.get("fingerprint") if isinstance(conf, dict) else None
    if not fp:
        return "none"
    return "current" if fp == fingerprint(kind, data) else "stale"


# --- differences ---------------------------------------------------------------

def flatten(data: dict[str, Any], prefix: str = "",
            out: dict[str, Any] | None = None) -> dict[str, Any]:
    """Nested tables as dotted names; lists and scalars as they are."""
    if out is None:
        out = {}
    for k, v in data.items():
        if isinstance(v, dict):
            flatten(v, prefix + k + ".", out)
        else:
            out[prefix + k] = v
    return out


_MISSING = object()
_PLAIN = frozenset((str, int, float, bool, type(None)))  # jsonable(v) is v


def diff_flat(a: dict[str, Any], b: dict[str, Any],
              as_json: bool = False) -> dict[str, list[Any]]:
    """``diff_fields`` of two flattened versions: names of ``a`` first, then
    those only ``b`` has; ``as_json`` gives the values as JSON-able ones
    (dates as ISO text).  On the hot path of reading history."""
    out = {}
    get = b.get
    plain = _PLAIN if as_json else None
    shared = 0  # names of ``a`` that ``b`` has too
    for k, va in a.items():
        vb = get(k, _MISSING)
        if vb is _MISSING:
            vb = None
        else:
            shared += 1
        if va == vb and type(va) is type(vb):
            continue
        if plain is None:
            out[k] = [va, vb]
        else:
            out[k] = [va if type(va) in plain else jsonable(va),
                      vb if type(vb) in plain else jsonable(vb)]
    if shared != len(b):  # b has names a has not
        for k, vb in b.items():
            if k not in a:
                out[k] = [None, vb if plain is None or type(vb) in plain else jsonable(vb)]
    return out


def diff_fields(before: dict[str, Any] | None, after: dict[str, Any] | None,
                as_json: bool = False) -> dict[str, list[Any]]:
    """{dotted name: [before, after]} for every field that differs; a missing
    field is None."""
    return diff_flat(flatten(before) if before else {},
                     flatten(after) if after else {}, as_json)


# --- values from text ------------------------------------------------------------

def parse_date(text: str, what: str = "date", label: str = "") -> dt.date:
    """A YYYY-MM-DD date a user typed; InvalidValue naming ``what`` if not."""
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidValue(code="not-a-date", name=what, label=label or what,
                           value=ids.shown(text)) from None


def _json_list(name: str, text: str, label: str = "") -> list:
    import json
    try:
        v = json.loads(text)
    except ValueError:
        v = None
    if not isinstance(v, list):
        raise InvalidValue(code="list-json", name=name, label=label or name)
    return v


def parse_value(name: str, f: Field, text: str) -> Any:
    """Turn the text a user typed into the field's value (None: remove)."""
    t = f.type
    if t in (TABLE, TABLES):
        raise InvalidValue(code="table-field", name=name, label=f.label("zh"),
                           subs=[f"{name}.{s.name}" for s in f.fields])
    if text == "" and t != LONGTEXT:
        return None
    if t in (TEXT, LONGTEXT):
        return text
    if t == DATE:
        return parse_date(text, name, f.label("zh"))
    if t == TIME:
        if not TIME_RE.match(text):
            raise InvalidValue(code="not-a-time", name=name, label=f.label("zh"), value=text)
        return text
    if t == INT:
        try:
            v = int(text)
        except ValueError:
            raise InvalidValue(code="not-whole", name=name, label=f.label("zh"), value=ids.shown(text)) from None
        check_value(name, f, v, raise_=True)
        return v
    if t == NUMBER:
        try:
            v = int(text)
            check_value(name, f, v, raise_=True)
            return v
        except ValueError:
            try:
                v = float(text)
            except ValueError:
                raise InvalidValue(code="not-number", name=name, label=f.label("zh"),
                                   value=ids.shown(text)) from None
            if v != v or v in (float("inf"), float("-inf")):
                raise InvalidValue(code="not-number", name=name, label=f.label("zh"),
                                   value=ids.shown(text)) from None
            return v
    if t == CHOICE:
        if text not in f.choices:
            raise InvalidValue(code="not-allowed", name=name, label=f.label("zh"), value=ids.shown(text),
                               choices=list(f.choices))
        return text
    if t == ID:
        if not f.free_text_ok:
            ids.parse_id(text)
        return text
    if t in (LIST, IDS):
        v = _json_list(name, text, f.label("zh"))
        check_value(name, f, v, raise_=True)
        return v
    return text


def parse_item(name: str, f: Field, text: str) -> str:
    """One item of a list field (for --add / --remove)."""
    if f.type not in (LIST, IDS):
        raise InvalidValue(code="not-a-list", name=name, label=f.label("zh"))
    if f.type == IDS:
        ids.parse_id(text)
    return text


# --- validation ------------------------------------------------------------

def _type_ok(f: Field, v) -> str | None:
    t = f.type
    if t in (TEXT, LONGTEXT, TIME):
        if not isinstance(v, str):
            return Problem("should-text")
        if t == TIME and not TIME_RE.match(v):
            return Problem("bad-time", value=v)
        return None
    if t == CHOICE:
        if not isinstance(v, str) or v not in f.choices:
            return Problem("bad-choice", value=v, choices=list(f.choices))
        return None
    if t == DATE:
        if not isinstance(v, dt.date) or isinstance(v, dt.datetime):
            return Problem("should-date")
        return None
    if t == INT:
        if not isinstance(v, int) or isinstance(v, bool):
            return Problem("should-int")
        if not INT_MIN <= v <= INT_MAX:
            return Problem("int-range", value=_cut(v))
        if f.minimum is not None and v < f.minimum:
            return Problem("below", value=v, limit=f.minimum)
        if f.maximum is not None and v > f.maximum:
            return Problem("above", value=v, limit=f.maximum)
        return None
    if t == NUMBER:
        if not isinstance(v, (int, float)) or isinstance(v, bool):
            return Problem("should-number")
        if isinstance(v, float) and not math.isfinite(v):
            return Problem("not-finite", value=v)
        if isinstance(v, int) and not INT_MIN <= v <= INT_MAX:
            return Problem("int-range", value=_cut(v))
        return None
    if t in (LIST, IDS):
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            return Problem("should-list")
        if t == IDS:
            bad = [x for x in v if not ids.is_id(x)]
            if bad:
                return Problem("not-id", value=bad[0])
        return None
    if t == ID:
        if not isinstance(v, str):
            return Problem("should-id")
        if not f.free_text_ok and not ids.is_id(v):
            return Problem("not-id", value=v)
        return None
    if t == TABLE:
        if not isinstance(v, dict):
            return Problem("should-table")
        return None
    if t == TABLES:
        if not isinstance(v, list) or not all(isinstance(x, dict) for x in v):
            return Problem("should-tables")
        return None
    return None


def check_value(name: str, f: Field, v: Any, raise_: bool = False) -> str | None:
    """The problem of ``v`` as a value of ``f`` (None: fine); with
    ``raise_`` the problem is raised as InvalidValue instead."""
    problem = _type_ok(f, v)
    if problem and raise_:
        raise InvalidValue(code="field", name=name, label=f.label("zh"), problem=problem)
    return problem


def validate(kind_fields: Iterable[Field], data: dict[str, Any],
             statuses: Iterable[str] = ()) -> list[str]:
    """Problems of ``data`` against a list of fields, as ``field: problem``."""
    out = []
    for f in kind_fields:
        v = data.get(f.name)
        if v is None or v == "" or v == []:
            if f.required:
                out.append(Problem("field", name=f.name, label=f.label("zh"),
                                   problem=Problem("required")))
            continue
        problem = _type_ok(f, v)
        if problem:
            out.append(Problem("field", name=f.name, label=f.label("zh"), problem=problem))
            continue
        if f.type == TABLE:
            for sub in validate(f.fields, v):
                out.append(_under(f, ".", sub))
        elif f.type == TABLES:
            for i, row in enumerate(v):
                for sub in validate(f.fields, row):
                    out.append(_under(f, f"[{i + 1}].", sub))
    return out


def _under(f: Field, sep: str, sub: Problem) -> Problem:
    """A sub-field's problem under its table's name (``impact.cost: …``)."""
    p = sub.params
    return Problem("field", name=f.name + sep + p["name"],
                   label=f.label("zh") + sep + (p.get("label") or p["name"]),
                   problem=p["problem"])


def validate_record(kind: Kind, data: dict[str, Any]) -> list[str]:
    """Problems of a record's data against its kind's fields."""
    problems = validate(kind.fields, data)
    if kind.statuses and "status" not in data:
        pass  # reported by `required` above
    return problems
