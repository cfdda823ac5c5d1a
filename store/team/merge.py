"""Field-wise three-way merge of one record file.

``merge_texts(base, ours, theirs)`` compares the parsed TOML of the three
versions field by field (nested tables as dotted names):

- a field changed on one side only takes that side's value;
- the same field changed to the same value on both sides is no conflict;
- a list of text changed on both sides merges item-wise when that is
  unambiguous (items removed by either side go, additions of both sides are
  kept in their places; an item (or ``[[row]]``) removed on one side and
  edited on the other, the same base item edited or removed on both sides
  while both add, or items reordered, is a conflict);
- anything else changed differently on both sides is a conflict, and the
  result keeps OUR value for it;
- a file created on both sides with different content (no common ancestor)
  is never fused: it is a conflict (``accord sync`` renumbers such records
  before it merges).

When the two sides touched different lines, a plain line merge (diff3) is
taken when it reads back to exactly the field-wise result: it keeps both
sides' layout and comments.  Otherwise the result text is OUR file with the
other side's clean changes applied through tomlkit (our comments, unknown
keys and layout survive, untouched fields keep their bytes), plus the
comments the other side added.  The result is always valid TOML.

As a git merge driver (registered by ``store.git.setup``)::

    python /path/to/store/merge.py %O %A %B %P

writes the result to %A, exits 0 when clean and 1 on a conflict (git then
keeps the file unmerged and ``accord resolve`` settles it).  In a rebase,
where git swaps the sides, it keeps the user's values (see ``main``).
``accord sync`` does not run it: it calls ``merge_texts`` in-process
(``store.team.syncmerge``).  This module does not import textual.
"""
from __future__ import annotations

if __name__ == "__main__" and not __package__:  # run as a script by git
    import os as _os
    import sys as _sys
    _here = _os.path.dirname(_os.path.abspath(__file__))
    _sys.path[:] = [p for p in _sys.path if _os.path.abspath(p or ".") != _here]
    _sys.path.insert(0, _os.path.dirname(_os.path.dirname(_here)))  # the checkout
    from store.team.merge import main as _main
    _sys.exit(_main())

import datetime as dt
import difflib
import json
import re
import sys
from dataclasses import dataclass, field as dc_field
from pathlib import PurePosixPath

from store.model import codec
from store.model.records import flatten
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


# --- documents -----------------------------------------------------------------

def _parse(text: str | None, label: str):
    if text is None:
        return None, None
    try:
        return codec.parse(text), None
    except (codec.TOMLDecodeError, ValueError) as e:
        return None, f"{label} is not valid TOML ({e})"


def merge_data(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
               path: str = "") -> tuple[dict[str, Any], list[Conflict]]:
    """(merged flat dict, conflicts) of three parsed documents."""
    fb, fo, ft = flatten(base), flatten(ours), flatten(theirs)
    names = list(fo) + [k for k in ft if k not in fo] + \
        [k for k in fb if k not in fo and k not in ft]
    merged: dict = {}
    conflicts: list[Conflict] = []
    for name in names:
        b, o, t = fb.get(name), fo.get(name), ft.get(name)
        if _same(o, t):
            v = o
        elif _same(o, b):
            v = t
        elif _same(t, b):
            v = o
        elif isinstance(o, list) and isinstance(t, list) and \
                isinstance(b if b is not None else [], list):
            try:
                v = _merge_rows(b or [], o, t) if _rows(o, t, b or []) \
                    else merge_list(b or [], o, t)
            except _ListConflict:
                conflicts.append(Conflict(path, name, b, o, t))
                v = o
        elif (v := _merge_text(b, o, t)) is not None:
            pass
        else:
            conflicts.append(Conflict(path, name, b, o, t))
            v = o
        if v is not None:
            merged[name] = v
    return merged, conflicts


def _apply(ours_text: str, ours: dict, merged_flat: dict, path: str) -> str:
    """Our text with the changes that turn ``ours`` into ``merged_flat``."""
    fo = flatten(ours)
    changes: dict = {}
    for name, v in merged_flat.items():
        if not _same(fo.get(name), v):
            changes[name] = v
    removed = [n for n in fo if n not in merged_flat]
    # a table whose every field goes: remove the table itself
    gone_tables = set()
    for top, val in ours.items():
        if isinstance(val, dict) and not any(
                n == top or n.startswith(top + ".") for n in merged_flat):
            gone_tables.add(top)
    for n in removed:
        top = n.split(".", 1)[0]
        if top in gone_tables:
            changes[top] = codec.REMOVE
        else:
            changes[n] = codec.REMOVE
    for top in gone_tables:
        if not isinstance(ours.get(top), dict) or ours[top]:
            continue
        changes[top] = codec.REMOVE  # an empty table that theirs dropped
    if not changes:
        return ours_text
    text = codec.edit_document(ours_text, changes, _multiline_keys(path))
    if gone_tables:  # a removed last table leaves its blank lines behind
        text = text.rstrip("\n") + "\n"
    return text


def merge_texts(base: str | None, ours: str | None, theirs: str | None,
                path: str = "") -> MergeResult:
    """Merge three versions of a record file (None: the file is absent on
    that side; an empty base means both sides added the file)."""
    if ours is None and theirs is None:
        return MergeResult("", [])
    if ours == theirs:
        return MergeResult(ours, [])
    if base is not None and ours == base and theirs is not None:
        return MergeResult(theirs, [])
    if base is not None and theirs == base and ours is not None:
        return MergeResult(ours, [])
    bd, berr = _parse(base, "the common ancestor")
    od, oerr = _parse(ours, "mine")
    td, terr = _parse(theirs, "theirs")
    if oerr or terr or berr:
        note = oerr or terr or berr
        return MergeResult(ours if ours is not None else "",
                           [Conflict(path, "*", type="parse", note=note)])
    if not base and ours is not None and theirs is not None:
        # created on both sides: two different records, never fused
        what = ("both sides created this id: `accord sync` renumbers yours"
                if kind_of_path(path) else "both sides created this file")
        return MergeResult(ours, [Conflict(path, "-", None, od, td, type="added",
                                           note=f"{what} (mine | theirs differ)")])
    if ours is None or theirs is None:
        # deleted on one side; the other side changed it (else git would
        # not have asked)
        if ours is None and (base is None or _same(td, bd)):
            return MergeResult("", [])
        if theirs is None and (base is None or _same(od, bd)):
            return MergeResult("", [])
        edited = td if ours is None else od
        changed = sorted(k for k in set(flatten(edited)) | set(flatten(bd or {}))
                         if not _same(flatten(edited).get(k), flatten(bd or {}).get(k)))
        what = ", ".join(changed[:4]) + (" …" if len(changed) > 4 else "")
        note = ("mine deleted | theirs edited" if ours is None
                else "mine edited | theirs deleted") + (f" ({what})" if what else "")
        return MergeResult(ours if ours is not None else "",
                           [Conflict(path, "-", None, od, td, type="delete",
                                     note=note)])
    merged, conflicts = merge_data(bd or {}, od, td, path)
    if not conflicts and base:
        # a plain line merge, when it reads back to exactly the field-wise
        # result, keeps both sides' layout and comments (and is cheap)
        lines = merge_lines(base, ours, theirs)
        if lines is not None:
            try:
                ldata = codec.parse(lines)
            except (codec.TOMLDecodeError, ValueError):
                ldata = None  # e.g. a key both sides added: the field merge holds
            if ldata is not None and _same_flat(flatten(ldata), merged):
                return MergeResult(lines, [], ldata)
    text = _apply(ours, od, merged, path)
    try:
        data = codec.parse(text)
    except codec.TOMLDecodeError as e:  # pragma: no cover - defensive
        return MergeResult(ours, [Conflict(path, "*", type="parse",
                                           note=f"merged text is not valid TOML ({e})")])
    if flatten(data) != merged and not conflicts:  # pragma: no cover - defensive
        return MergeResult(ours, [Conflict(path, "*", type="parse",
                                           note="the merge could not be written exactly")])
    text = keep_comments(text, theirs, base or "", data)
    return MergeResult(text, conflicts, data)


def comments_of(text: str) -> list[str]:
    """The comments of a TOML text (whole-line and trailing), in order."""
    import tomlkit
    from tomlkit.items import AoT, Comment, Table, Whitespace
    out: list[str] = []

    def walk(container):
        for _key, item in container.body:
            if isinstance(item, Whitespace):
                continue
            if isinstance(item, Comment):
                out.append(item.as_string().strip())
                continue
            if item.trivia.comment:
                out.append(item.trivia.comment.strip())
            if isinstance(item, Table):
                walk(item.value)
            elif isinstance(item, AoT):
                for row in item.body:
                    if row.trivia.comment:
                        out.append(row.trivia.comment.strip())
                    walk(row.value)
    try:
        walk(tomlkit.parse(text))
    except (ValueError, tomlkit.exceptions.TOMLKitError):
        return []  # not TOML: no comments to keep
    return out


_KEY = re.compile(r"^\s*(\[\[?[^\]]*\]\]?|[A-Za-z0-9_.\"'-]+\s*=)")


def keep_comments(text: str, theirs: str, base: str, data: dict[str, Any]) -> str:
    """``text`` (our file with the merged fields) plus the comments the
    other side added that it lacks, each put before the line of the key it
    stood before (or after) there, else at the end.  Never changes a value:
    the result must read back to ``data``."""
    here = set(text.splitlines())
    if not any("#" in x and x not in here for x in theirs.splitlines()):
        return text  # every line of theirs with a # in it is here already
    have = set(comments_of(text))
    old = set(comments_of(base)) if base else set()
    missing = [c for c in dict.fromkeys(comments_of(theirs)) if c not in have and c not in old]
    if not missing:
        return text
    tlines = theirs.splitlines()
    lines = text.splitlines()
    tail: list[str] = []
    for c in missing:
        at = next((i for i, x in enumerate(tlines) if c in x), None)
        anchor, whole = None, True
        if at is not None:
            whole = tlines[at].strip() == c
            for x in (tlines[at + 1:] if whole else [tlines[at]]):
                m = _KEY.match(x)
                if m:
                    anchor = m.group(1).replace(" ", "")
                    break
                if x.strip() and not x.strip().startswith("#"):
                    break
        where = None
        if anchor is not None:
            where = next((i for i, x in enumerate(lines)
                          if (m := _KEY.match(x)) and m.group(1).replace(" ", "") == anchor),
                         None)
        if where is None:
            tail.append(c)
        elif not whole and tlines[at].startswith(lines[where].rstrip()) and "#" not in lines[where]:
            lines[where] = tlines[at]  # the same line, with its trailing comment
        else:
            lines.insert(where, c)
    for candidate in ("\n".join(lines + tail) + "\n",
                      text.rstrip("\n") + "\n" + "".join(c + "\n" for c in missing)):
        try:
            if _same_flat(flatten(codec.parse(candidate)), flatten(data)):
                return candidate
        except (codec.TOMLDecodeError, ValueError):
            continue
    return text


def _same_flat(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)


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


# --- git merge driver ----------------------------------------------------------

def _read(path: str) -> str:
    with open(path, "rb") as fh:
        return fh.read().decode("utf-8")


def git_operation(start: str = ".") -> str | None:
    """``rebase``, ``cherry-pick``, ``revert``, ``merge`` or None: what git is
    doing in the repository around ``start`` (read from its files: a merge
    driver is run from the top of the work tree)."""
    import os
    d = os.path.abspath(start)
    while True:
        dot = os.path.join(d, ".git")
        if os.path.isfile(dot):
            with open(dot, encoding="utf-8") as fh:
                line = fh.readline().strip()
            if line.startswith("gitdir:"):
                dot = os.path.join(d, line[len("gitdir:"):].strip())
        if os.path.isdir(dot):
            break
        up = os.path.dirname(d)
        if up == d:
            return None
        d = up
    for name, what in (("rebase-merge", "rebase"), ("rebase-apply", "rebase"),
                       ("REBASE_HEAD", "rebase"), ("CHERRY_PICK_HEAD", "cherry-pick"),
                       ("REVERT_HEAD", "revert"), ("MERGE_HEAD", "merge")):
        if os.path.exists(os.path.join(dot, name)):
            return what
    return None


def main(argv: list[str] | None = None) -> int:
    """``merge.py BASE OURS THEIRS [PATHNAME]``: git's %O %A %B %P.

    In a rebase git swaps the sides (%A is the branch being rebased onto,
    %B your commit being replayed): the merge then keeps YOUR values, and
    says to abort and use ``accord sync`` instead."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if len(argv) not in (3, 4):
        print("usage: python -m store.team.merge BASE OURS THEIRS [PATH]  "
              "(git merge driver: %O %A %B %P)", file=sys.stderr)
        return 2
    base_f, ours_f, theirs_f = argv[:3]
    path = argv[3] if len(argv) == 4 else ours_f
    try:
        base, ours, theirs = _read(base_f), _read(ours_f), _read(theirs_f)
    except (OSError, UnicodeDecodeError) as e:
        print(f"accord merge: {path}: cannot read ({e}); "
              f"merge it by hand", file=sys.stderr)
        return 1
    rebase = git_operation() == "rebase"
    mine, other = (theirs, ours) if rebase else (ours, theirs)
    # git gives an empty base when both sides added the file
    result = merge_texts(base or None, mine, other, path)
    if result.text != ours:
        with open(ours_f, "wb") as fh:
            fh.write(result.text.encode("utf-8"))
    for c in result.conflicts:
        print(f"accord merge: {path}: {_visible(c.line())}", file=sys.stderr)
    if not result.conflicts:
        return 0
    if any(c.type == "parse" for c in result.conflicts) and len(argv) == 4:
        try:
            with open(path + ".theirs", "wb") as fh:
                fh.write(other.encode("utf-8"))
            print(f"accord merge: {path}: the other side's version is in "
                  f"{path}.theirs", file=sys.stderr)
        except OSError:
            pass
    if rebase:
        print(f"accord merge: {path}: a rebase replays your commits on top of "
              f"theirs and Accord cannot settle it there; the file holds your "
              f"values: run `git rebase --abort`, then `accord sync`",
              file=sys.stderr)
    elif any(c.type == "added" for c in result.conflicts):
        print(f"accord merge: {path}: both sides created this file with different "
              f"content, which is never merged: `git merge --abort`, then "
              f"`accord sync` (it renumbers your new records)", file=sys.stderr)
    else:
        print(f"accord merge: {path} keeps your values for the fields above: "
              f"settle them with `accord resolve ID FIELD --mine|--theirs|--set VALUE`",
              file=sys.stderr)
    return 1


_CTRL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def _visible(s: str) -> str:
    return _CTRL.sub(lambda m: "␛" if m.group() == "\x1b" else
                     "\\x%02x" % ord(m.group()), s)


if __name__ == "__main__":
    sys.exit(main())
