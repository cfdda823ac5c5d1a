"""Settling a stopped merge: the conflicts left, ``resolve`` (one field,
or a whole file, at a time), and files the user fixed by hand."""
from __future__ import annotations

from pathlib import PurePosixPath

from store.model import codec, ids
from store.team import syncmerge
from store.errors import InvalidValue
from store.model.files import atomic_write
from store.team.merge import Conflict, kind_of_path, merge_texts
from store.model.records import parse_value, validate, validate_record
from store.model.schema import LONGTEXT, PROJECT_FIELD, PROJECT_FIELDS
from store.team.sync_common import (SyncError, SyncStopped, cherry_picking,
                                    in_progress, refuse_other_operations)


def conflicts(ws) -> list[Conflict]:
    """The conflicts of the merge (or cherry-pick) in progress that are not
    settled yet."""
    if not (in_progress(ws) or cherry_picking(ws)):
        return []
    return syncmerge.record_conflicts(ws, syncmerge.load_state(ws).get("resolved", {}))


def _line(c: Conflict) -> str:
    if c.type == "text":
        return f"{c.path}: {c.note}"
    return c.line()


def conflict_lines(cs: list[Conflict]) -> list[str]:
    return [_line(c) for c in cs]


def _find_conflict_path(ws, rid: str, project: str | None) -> str:
    paths = [rel for rel in ws.git.unmerged() if PurePosixPath(rel).stem == rid
             and (project is None or rel.startswith(f"projects/{project}/"))]
    if not paths:
        left = sorted({c.record_id for c in conflicts(ws)})
        raise (InvalidValue(code="resolve-no-conflict", rid=rid, names=left) if left
               else InvalidValue(code="resolve-none-left", rid=rid))
    if len(paths) > 1:
        raise InvalidValue(code="resolve-many-projects", rid=rid)
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
    refuse_other_operations(ws, "settle conflicts")
    if not (in_progress(ws) or cherry_picking(ws)):
        raise SyncError(code="resolve-nothing")
    if choice not in ("mine", "theirs", "set"):
        raise InvalidValue(code="resolve-choice")
    if rid != "project":
        ids.parse_id(rid)
    with ws._locked():
        rel = _find_conflict_path(ws, rid, project)
        base, ours, theirs = _stages(ws, rel)
        result = merge_texts(base, ours, theirs, rel)
        state = syncmerge.load_state(ws)
        settled = state.setdefault("resolved", {}).setdefault(rel, {})
        open_ = [c for c in result.conflicts if c.field not in settled]
        mine = [c for c in open_ if c.field == field]
        if not mine:
            raise (InvalidValue(code="resolve-no-field", rid=rid, field=field,
                                names=[c.field for c in open_]) if open_ else
                   InvalidValue(code="resolve-no-field-left", rid=rid, field=field))
        c = mine[0]
        path = ws.root / rel
        ws._check_path(path)
        if c.type in ("delete", "added", "parse"):
            if choice == "set":
                raise InvalidValue(code="resolve-whole-file", rid=rid, field=field)
            _take_side(ws, rel, ours if choice == "mine" else theirs)
            settled[field] = choice
            syncmerge.save_state(ws, state)
            if c.type == "parse":
                return _after_whole_file(ws, rel, rid)
            if path.exists():
                ws.git.add(rel)
            return conflicts(ws)
        try:
            codec.parse((ws.root / rel).read_text("utf-8"))
        except (OSError, UnicodeDecodeError, codec.TOMLDecodeError):
            # conflict markers of a pull without the driver: start from our
            # side with the other side's clean changes, as the driver writes
            _take_side(ws, rel, result.text)
        _set_field(ws, rel, rid, c, choice, value)
        settled[field] = choice
        syncmerge.save_state(ws, state)
        if not [x for x in open_ if x is not c]:
            _check_and_stage(ws, rel, rid)
        return conflicts(ws)


def _take_side(ws, rel: str, text: str | None) -> None:
    """The work tree file becomes one side's whole version (None: absent)."""
    path = ws.root / rel
    if text is None:
        ws.git.rm_cached(rel)
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
            raise SyncStopped(code="resolve-bad-toml", rid=rid, toml=str(e),
                              path=rel) from None
        ws.git.add(rel)
    return conflicts(ws)


def _set_field(ws, rel, rid, c: Conflict, choice: str, value) -> None:
    path = ws.root / rel
    kind = kind_of_path(rel)
    if choice == "mine":
        new_value = c.mine
    elif choice == "theirs":
        new_value = c.theirs
    else:
        f = kind.field(c.field) if kind else PROJECT_FIELD.get(c.field)
        if f is None:
            raise InvalidValue(code="resolve-no-text", rid=rid, field=c.field)
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
    data = codec.parse((ws.root / rel).read_text("utf-8"))
    kind = kind_of_path(rel)
    problems = validate_record(kind, data) if kind else validate(PROJECT_FIELDS, data)
    if problems:
        raise SyncStopped(code="resolve-invalid", rid=rid, problem=problems[0])
    ws.git.add(rel)


def adopt_hand_fixes(ws) -> list[str]:
    """A file whose own version (stage 2) was not valid TOML and that the
    user has fixed by hand becomes our side of the merge, so the other
    side's changes are merged into it (or shown as conflicts) instead of
    being dropped.  Returns the paths adopted."""
    entries = ws.git.unmerged()
    texts = syncmerge.stage_texts(ws, {r: s for r, s in entries.items()
                                       if syncmerge.is_record_path(r) and 2 in s})
    done = []
    settled = syncmerge.load_state(ws).get("resolved", {})
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
        sha = ws.git.write_blob(fixed)
        mode = "100644"
        info = f"0 {'0' * len(sha)}\t{rel}\n"
        for stage, blob in ((1, entries[rel].get(1)), (2, sha), (3, entries[rel].get(3))):
            if blob:
                info += f"{mode} {blob} {stage}\t{rel}\n"
        ws.git.set_index(info)
        result = merge_texts(b, fixed, t, rel)
        if result.text != fixed:
            atomic_write(path, result.text.encode("utf-8"))
        if result.clean:
            ws.git.add(rel)
        (ws.root / (rel + syncmerge.BESIDE)).unlink(missing_ok=True)
        done.append(rel)
    return done


def _stages(ws, rel: str) -> tuple:
    """(base, ours, theirs) texts of one unmerged file."""
    return syncmerge.stage_texts(ws, {rel: ws.git.unmerged()[rel]})[rel]
