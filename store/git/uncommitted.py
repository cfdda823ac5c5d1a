"""A save's first step: the file it replaces must be what HEAD holds.

Otherwise the save's commit would hold a change its message does not
describe (a hand edit not yet committed, or what a save killed between its
write and its commit left on disk).  Such a change is committed first, on its
own and described field by field, when the record validates and its status
move is allowed (the transitions and the sign-off rule, as for any save);
otherwise the save is refused with one line naming the file and the ways out.
"""
from __future__ import annotations

from store.model import codec
from store.git import headtree
from store.errors import AccordError
from store.model.records import Record, diff_fields, signoff_state, validate_record
from store.model.schema import Kind

WHY = ("found on disk, not committed (a hand edit or an interrupted save); "
       "committed on its own before the next save")


class UncommittedEdit(AccordError):
    """The file differs from HEAD in a way that cannot be committed on its
    own (it does not validate, or its status move is not allowed)."""
    exit_code = 1


def settle(ws, slug: str, kind: Kind, rec: Record, raw: bytes) -> Record:
    """Compare ``raw`` (the file as the save read it, under the write lock)
    with HEAD; commit or refuse a change of fields (see the module).  A
    difference of layout only (a comment, spacing) rides along with the
    save.  Costs no git process while HEAD's trees are loose objects
    (store/git/headtree.py), as they are after a save."""
    head_id = headtree.blob_at_head(ws.git, rec.rel)
    if head_id is not None and head_id == headtree.blob_id(raw):
        return rec
    head_raw = ws.git.show_bytes("HEAD", rec.rel) if head_id else None
    before = None
    if head_raw is not None:
        try:
            before = codec.parse_bytes(head_raw)
        except (codec.TOMLDecodeError, UnicodeDecodeError):
            before = None
    fields = diff_fields(before or {}, rec.data)
    if before is not None and not fields:
        return rec
    ws.git.check_writable()  # a merge in progress says so first
    tracked = head_raw is not None
    problem = hand_edit_problem(kind, before, rec.data)
    if problem:
        way = (f"drop it with `git checkout -- {rec.rel}`" if tracked
               else f"move {rec.rel} away")
        way_zh = (f"用 `git checkout -- {rec.rel}` 放弃它" if tracked
                  else f"把 {rec.rel} 移走")
        raise UncommittedEdit(code="uncommitted-edit", path=rec.rel, problem=problem,
                              way=way, way_zh=way_zh)
    action = "move" if "status" in fields and tracked else (
        "edit" if tracked else "create")
    names = list(fields)
    shown = ", ".join(names[:4]) + (f" (+{len(names) - 4})" if len(names) > 4 else "")
    from store.workspace import commit_message
    message = commit_message(
        f"{rec.id}: hand edit: {shown}", fields, WHY,
        {"Accord-Project": slug, "Accord-Record": rec.id, "Accord-Action": action})
    with ws.write_lock():
        ws.git.commit_paths([rec.rel], message, [] if tracked else [rec.rel])
    return rec


def hand_edit_problem(kind: Kind, before: dict | None, after: dict) -> str | None:
    """Why a change found on disk may not be committed as it is: the
    record does not validate, or its status move is not allowed (the
    transitions and the sign-off rule, as for a save)."""
    problems = validate_record(kind, after)
    if problems:
        return problems[0]
    old = (before or {}).get("status")
    new = after.get("status")
    if not kind.statuses or new == old:
        return None
    if before is not None:
        allowed = kind.moves_from(old if isinstance(old, str) else "")
        if new not in allowed:
            return (f"status {old} -> {new} is not an allowed move"
                    + (f" (from {old}: {', '.join(allowed)})" if allowed else ""))
    if new in kind.needs_signoff and signoff_state(kind, after) != "current":
        return f"status {new} needs a current client sign-off (`accord confirm`)"
    return None
