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

import re
import sys

from store.model import codec
from store.model.records import flatten
from store.team.merge_comments import comments_of, keep_comments, _same_flat  # noqa: F401 - public here too
from store.team.merge_values import (ABSENT, Conflict, MergeResult, kind_of_path, merge_lines, merge_list,  # noqa: F401 - public here too
                                     show, _ListConflict, _merge_rows, _merge_text,
                                     _multiline_keys, _rows, _same)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


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
