"""Applying an import plan: every file written, then ONE commit of exactly
those paths (``import: N requirements from FILE``), or nothing at all.

Updates are edits of the record's TOML (its comments and layout kept); new
records are written in schema order, with the next free ids in row order.
The files and the commit go through ``batch.write_and_commit``."""
from __future__ import annotations

import functools
import re

from store.model import codec, ids, toml_source
from store.errors import ConflictError, InvalidValue
from store.model.records import digest_bytes
from store.model.schema import REQUIREMENT
from store.commit import commit_message
from store.saves import _now_date
from store.sheets.batch import write_and_commit
from store.sheets.plan import Plan
from store.sheets.words import msg

MULTILINE = frozenset(f.name for f in REQUIREMENT.fields if f.type == "longtext")


class BadRows(InvalidValue):
    """The plan has rows it cannot take: nothing is written (exit 1)."""
    exit_code = 1


def apply_plan(ws, slug: str, plan: Plan, why: str | None = None,
               lang: str | None = None) -> tuple[str | None, dict[int, str]]:
    """Write the plan's creates and updates and commit them once.  Returns
    (commit id or None when nothing changed, {row number: requirement id})."""
    lang = lang or ws.language
    ws._ensure_writable()
    bad = plan.bad
    if bad:
        raise BadRows(msg(lang, "bad_rows", file=plan.file, n=len(bad),
                          row=bad[0].row, why=bad[0].why))
    if not plan.writes:
        return None, {}
    pdir = ws.project_dir(slug)
    folder = pdir / REQUIREMENT.folder
    rel_folder = ws.rel(folder)
    with ws._locked():
        ws.git.check_writable()
        writes: dict[str, str] = {}
        expect: dict[str, str] = {}
        row_ids: dict[int, str] = {}
        lines: list[str] = []
        for row in plan.of("update"):
            path = folder / f"{row.rid}.toml"
            try:
                old = path.read_bytes()
            except FileNotFoundError:
                old = b""
            if digest_bytes(old) != row.digest:
                raise ConflictError(msg(lang, "changed_meanwhile", rid=row.rid), path=path)
            changes = {f: (codec.REMOVE if new is None else new)
                       for f, (_o, new) in row.changes.items()}
            writes[ws.rel(path)] = codec.edit_document(old.decode("utf-8"), changes, MULTILINE)
            expect[ws.rel(path)] = row.digest
            row_ids[row.row] = row.rid
            lines.append(f"{row.rid}{_ref(row.ref)}: {', '.join(row.changes)}")
        creates = plan.of("create")
        if creates:
            first = ids.parse_id(ws.next_id(slug, REQUIREMENT))[1]
            today = _now_date()
            for n, row in enumerate(creates):
                rid = ids.make_id(REQUIREMENT, first + n)
                data = {k: v for k, v in row.values.items() if v is not None}
                data["status"] = REQUIREMENT.initial
                data["created"] = today
                writes[f"{rel_folder}/{rid}.toml"] = document(_in_order(data))
                row_ids[row.row] = rid
            last = ids.make_id(REQUIREMENT, first + len(creates) - 1)
            span = ids.make_id(REQUIREMENT, first) + (f" … {last}" if len(creates) > 1 else "")
            lines.insert(0, f"created: {span} ({len(creates)})")
        subject = f"import: {plan.writes} requirements from {plan.file}"
        message = commit_message(subject, None, why, {
            "Accord-Project": slug, "Accord-Action": "import"})
        message = message.replace("\n\n", "\n\n" + "\n".join(lines) + "\n\n", 1) \
            if lines else message
        commit = write_and_commit(ws, writes, message, expect)
    return commit, row_ids


def _ref(ref: str) -> str:
    return f" ({' '.join(ref.split())})" if ref else ""


_POS = {f.name: n for n, f in enumerate(REQUIREMENT.fields)}


def _in_order(data: dict) -> dict:
    """A new requirement's values in schema order, empty ones left out (as
    the one-record save orders them; an import has no table fields)."""
    keys = sorted(data, key=lambda k: _POS.get(k, len(_POS)))
    return {k: data[k] for k in keys if data[k] not in (None, "", [])}


@functools.lru_cache(maxsize=256)
def _key(k: str) -> str:
    return toml_source.key_source(k)


def document(data: dict) -> str:
    """A new record file's text, as ``codec.new_document`` writes it for
    plain keys, without building a tomlkit document (a thousand times a
    second instead of a few hundred)."""
    return "".join(f"{_key(k)} = {_value(v, k in MULTILINE)}\n" for k, v in data.items())


_PLAIN = re.compile(r'[^\x00-\x1f\x7f"\\]*')        # no quote, backslash or control
_PLAIN_ML = re.compile(r'[^\x00-\x09\x0b-\x1f\x7f"\\]*')  # the same, LF allowed


def _value(v, multiline: bool) -> str:
    """``codec.value_source`` with a fast way for the usual text (no quote,
    backslash or control character), which is most of an import."""
    if isinstance(v, str):
        if "\n" in v or (multiline and v):
            if _PLAIN_ML.fullmatch(v):
                return '"""\n' + v + '"""'
        elif _PLAIN.fullmatch(v):
            return '"' + v + '"'
    elif isinstance(v, list) and all(isinstance(x, str) and _PLAIN.fullmatch(x) for x in v):
        items = ['"' + x + '"' for x in v]
        one_line = "[" + ", ".join(items) + "]"
        if 2 * len(one_line) <= toml_source.WRAP or toml_source.width(one_line) <= toml_source.WRAP:
            return one_line
        return "[\n" + "".join(f"    {x},\n" for x in items) + "]"
    return toml_source.value_source(v, multiline)
