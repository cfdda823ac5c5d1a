"""Field values in a record merge: the conflict and result types, and how
two sides' changes of one value combine (lists of text item-wise, ``[[row]]``
tables by row, long text by lines through the plain three-way line merge,
diff3, that ``merge_texts`` also tries on whole files).  Used by
``store.team.merge``; this module does not import textual.
"""
from __future__ import annotations

import datetime as dt
import difflib
import json
from dataclasses import dataclass, field as dc_field
from pathlib import PurePosixPath

from store.model.schema import BY_FOLDER, LONGTEXT, Kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal

ABSENT = None  # a missing field reads as None after flatten().get()


@dataclass
class Conflict:
    """One field both sides changed differently (``field`` dotted), or a
    whole record deleted on one side and edited on the other or created on
    both (``field`` is ``-``), or a side that is not valid TOML (``field`` is ``*``)."""
    path: str
    field: str
    base: object = None
    mine: object = None
    theirs: object = None
    # "field", "delete" (one side deleted the record), "added" (both sides
    # created it, differently), "parse"
    type: Literal["field", "delete", "added", "parse"] = "field"
    note: str = ""

    @property
    def record_id(self) -> str:
        """The record's id, from its file name."""
        return PurePosixPath(self.path).stem

    def line(self) -> str:
        """One line for the user: the record, the field, both values."""
        rid = self.record_id
        if self.type in ("delete", "added"):
            return f"{rid} -: {self.note}"
        if self.type == "parse":
            return f"{rid} *: {self.note}"
        return f"{rid} {self.field}: mine {show(self.mine)} | theirs {show(self.theirs)}"

    def to_json(self) -> dict[str, Any]:
        """The conflict as JSON-ready fields (``accord sync --format json``)."""
        return {"path": self.path, "id": self.record_id, "field": self.field,
                "type": self.type, "base": _jsonable(self.base),
                "mine": _jsonable(self.mine), "theirs": _jsonable(self.theirs),
                "note": self.note}


@dataclass
class MergeResult:
    """The merged text (always valid TOML), the conflicts left in it (their
    fields hold our value), and the merged data when the text parsed."""
    text: str
    conflicts: list[Conflict] = dc_field(default_factory=list)
    data: dict[str, Any] | None = None

    @property
    def clean(self) -> bool:
        return not self.conflicts


def _jsonable(v):
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: _jsonable(x) for k, x in v.items()}
    if isinstance(v, list):
        return [_jsonable(x) for x in v]
    return v


def show(v: Any, limit: int = 60) -> str:
    """A value as one visible line: JSON-ish, control characters escaped,
    long values shortened."""
    if v is None:
        return "(absent)"
    s = json.dumps(_jsonable(v), ensure_ascii=False)
    if len(s) > limit:
        s = s[: limit - 1] + "…"
    return s


def kind_of_path(path: str | None) -> Kind | None:
    """The record kind of ``projects/<slug>/<folder>/<ID>.toml``."""
    if not path:
        return None
    parts = PurePosixPath(path).parts
    if len(parts) >= 2 and parts[-2] in BY_FOLDER:
        return BY_FOLDER[parts[-2]]
    return None


def _multiline_keys(path: str | None) -> frozenset:
    kind = kind_of_path(path)
    if kind is None:
        return frozenset()
    return frozenset(f.name for f in kind.fields if f.type == LONGTEXT)


# --- values -------------------------------------------------------------------

def _same(a, b) -> bool:
    return a == b and type(a) is type(b)


class _ListConflict(Exception):
    pass


def merge_list(base: list[str], ours: list[str], theirs: list[str]) -> list[str]:
    """Item-wise merge of lists of text; raises _ListConflict when ambiguous."""
    if not all(isinstance(x, str) for x in [*base, *ours, *theirs]):
        raise _ListConflict
    for lst in (base, ours, theirs):
        if len(set(lst)) != len(lst):
            raise _ListConflict  # duplicates: positions are ambiguous
    sb, so, st = set(base), set(ours), set(theirs)
    removed_o, removed_t = sb - so, sb - st
    added_o, added_t = so - sb, st - sb
    if (removed_o & removed_t) and added_o and added_t:
        raise _ListConflict  # the same item edited (or dropped) on both sides
    gaps_o, gaps_t = _gaps(base, ours, removed_o), _gaps(base, theirs, removed_t)
    for x in removed_o & removed_t:
        if gaps_o[x] != gaps_t[x]:
            raise _ListConflict  # removed on one side, edited on the other
    removed = removed_o | removed_t
    common = [x for x in base if x not in removed]
    for side in (ours, theirs):
        if [x for x in side if x in sb and x not in removed] != common:
            raise _ListConflict  # reordered
    result = [x for x in ours if x not in removed]
    prev = None
    for x in theirs:
        if x in removed:
            continue
        if x in result:
            prev = x
            continue
        i = result.index(prev) + 1 if prev is not None else 0
        while i < len(result) and result[i] in added_o and result[i] not in st:
            i += 1  # our own additions at this place come first
        result.insert(i, x)
        prev = x
    return result


def _gaps(base: list, side: list, removed: set) -> dict:
    """{base item this side removed: the items this side added in its
    place (between the kept neighbours)}: an item edited is an item removed
    with its new version added where it was."""
    pos = {x: i for i, x in enumerate(side)}
    kept = [x for x in base if x not in removed]
    out = {}
    for i, x in enumerate(base):
        if x not in removed:
            continue
        prev = next((y for y in reversed(base[:i]) if y not in removed), None)
        nxt = next((y for y in base[i + 1:] if y not in removed), None)
        lo = pos[prev] + 1 if prev in pos else 0
        hi = pos[nxt] if nxt in pos else len(side)
        out[x] = [y for y in side[lo:hi] if y not in kept]
    return out


def _rows(*lists) -> bool:
    """Lists of tables (``[[milestones]]``)."""
    items = [x for lst in lists for x in lst]
    return bool(items) and all(isinstance(x, dict) for x in items)


def _merge_rows(base: list, ours: list, theirs: list) -> list:
    """Arrays of tables merge row-wise like lists of text: a row changed on
    one side is that row removed and its new version added."""
    if not _rows(base, ours, theirs) and any(not isinstance(x, dict)
                                             for x in [*base, *ours, *theirs]):
        raise _ListConflict
    by_key: dict[str, dict] = {}

    def keys(rows):
        out = []
        for r in rows:
            k = json.dumps(_jsonable(r), sort_keys=True, ensure_ascii=False)
            by_key.setdefault(k, r)
            out.append(k)
        return out
    merged = merge_list(keys(base), keys(ours), keys(theirs))
    return [by_key[k] for k in merged]


def _merge_text(base, ours, theirs) -> str | None:
    """A text of several lines both sides edited: merged line by line when
    they changed different lines (with an unchanged line between, as git
    asks), else None (a conflict).  Single-line texts never merge."""
    if not (type(base) is str and type(ours) is str and type(theirs) is str):
        return None
    if "\n" not in base or "\n" not in ours or "\n" not in theirs:
        return None
    return merge_lines(base, ours, theirs)


def merge_lines(base: str, ours: str, theirs: str) -> str | None:
    """A plain three-way line merge (diff3): None when both sides changed
    the same stretch of lines differently.  Only taken when it parses to
    exactly the field-wise result, so it never decides a value by itself."""
    b, o, t = (x.splitlines(keepends=True) for x in (base, ours, theirs))

    def matched(side):
        sm = difflib.SequenceMatcher(None, b, side, autojunk=False)
        return {blk.a + k: blk.b + k for blk in sm.get_matching_blocks()
                for k in range(blk.size)}
    mo, mt = matched(o), matched(t)
    out: list[str] = []
    i = io = it = 0
    while True:
        j = next((k for k in range(i, len(b)) if k in mo and k in mt), None)
        eb, eo, et = (len(b), len(o), len(t)) if j is None else (j, mo[j], mt[j])
        cb, co, ct = b[i:eb], o[io:eo], t[it:et]
        if co == cb:
            out += ct
        elif ct == cb or co == ct:
            out += co
        else:
            return None
        if j is None:
            return "".join(out)
        out.append(b[j])
        i, io, it = j + 1, mo[j] + 1, mt[j] + 1
