"""The import plan: what each row of the client's sheet would do.

A row is matched to a requirement by its Accord id column when the sheet
has one (an exported matrix), else by the client's own id, kept in the
requirement's ``source_ref``, else (a sheet with no id column) by its exact
title.  A matched row whose mapped cells differ from the record is an
update of those fields only; an empty cell removes an optional field.
Rows that cannot be taken are ``bad``, with why.  Requirements that came
from the client's list (a ``source_ref`` that is not an Accord id) and have
no row any more are ``gone``: listed, never deleted."""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path

from store.model import ids
from store.model.records import validate_record
from store.model.schema import REQUIREMENT
from store.sheets.mapping import Mapping, build_mapping, parse_map
from store.sheets.reading import Table, read_table
from store.sheets.words import PRIORITY_IN, SOURCE_IN, SOURCE_OUT, msg

ONE_LINE = ("title", "source_ref", "client_contact", "id")


@dataclass
class Row:
    row: int                  # the spreadsheet's row number
    action: str               # create | update | same | bad
    title: str = ""
    ref: str = ""             # the client's id
    rid: str | None = None    # the requirement it updates
    values: dict = dc_field(default_factory=dict)   # field -> typed value (None: empty)
    changes: dict = dc_field(default_factory=dict)  # field -> [before, after]
    why: str = ""             # for a bad row
    digest: str | None = None  # the file's digest when planned (updates)

    def as_json(self) -> dict:
        out = {"row": self.row, "action": self.action, "id": self.rid,
               "client_id": self.ref or None, "title": self.title}
        if self.action == "update":
            out["changes"] = {k: list(v) for k, v in self.changes.items()}
        if self.action == "bad":
            out["why"] = self.why
        return out


@dataclass
class Plan:
    file: str
    table: Table
    mapping: Mapping
    rows: list[Row]
    gone: list[tuple[str, str, str]]   # (id, client id, title)

    def of(self, action: str) -> list[Row]:
        return [r for r in self.rows if r.action == action]

    @property
    def bad(self) -> list[Row]:
        return self.of("bad")

    @property
    def writes(self) -> int:
        return sum(1 for r in self.rows if r.action in ("create", "update"))

    def as_json(self) -> dict:
        counts = {a: len(self.of(a)) for a in ("create", "update", "same", "bad")}
        return {"file": self.file, "sheet": self.table.sheet,
                "header_row": self.table.header_row,
                "mapping": self.mapping.as_json(), "counts": counts,
                "empty_rows_skipped": self.table.skipped,
                "rows": [r.as_json() for r in self.rows if r.action != "same"],
                "gone": [{"id": a, "client_id": b, "title": c} for a, b, c in self.gone]}


def plan_import(ws, slug: str, path, sheet: str | None = None,
                header_row: int | None = None, encoding: str | None = None,
                mapping: str | None = None, lang: str | None = None) -> Plan:
    """Read the sheet at ``path`` and work out every row against the
    project's requirements (nothing is written)."""
    lang = lang or ws.language
    given = parse_map(mapping, lang)
    table = read_table(path, lang, sheet, header_row, encoding,
                       named=tuple(c for c in given.values() if c))
    m = build_mapping(table, lang, given)
    records = ws.load(slug, [REQUIREMENT]).of_kind(REQUIREMENT)
    return make_plan(str(path), table, m, records, lang)


def make_plan(file: str, table: Table, m: Mapping, records, lang: str) -> Plan:
    by_id = {r.id: r for r in records}
    by_ref: dict[str, object] = {}
    by_title: dict[str, list] = {}
    for r in records:
        ref = r.data.get("source_ref")
        if isinstance(ref, str) and ref and not ids.is_id(ref):
            by_ref.setdefault(ref, r)
        by_title.setdefault(r.data.get("title") or "", []).append(r)
    seen_ref: dict[str, int] = {}
    seen_id: dict[str, int] = {}
    matched: dict[str, int] = {}
    rows = []
    for n, cells in table.rows:
        vals = {f: cells[i] for f, i in m.columns.items()}
        if not any(v.strip() for v in vals.values()):
            table.skipped += 1  # text only in columns not imported
            continue
        row = _row(n, vals, m, lang)
        if row.action != "bad":
            _match(row, vals.get("id", ""), m, by_id, by_ref, by_title, seen_ref,
                   seen_id, lang)
        if row.rid and row.rid in matched:
            _bad(row, msg(lang, "row_dup_id", rid=row.rid, other=matched[row.rid]))
        elif row.rid:
            matched[row.rid] = n
        rows.append(row)
    gone = []
    if "source_ref" in m.columns or "id" in m.columns:
        gone = [(r.id, ref, r.data.get("title") or "") for ref, r in by_ref.items()
                if r.id not in matched]
        gone.sort(key=lambda g: ids.sort_key(g[0]))
    return Plan(Path(file).name if file else file, table, m, rows, gone)


def _row(n: int, vals: dict, m: Mapping, lang: str) -> Row:
    """The typed values of one row (or a bad row saying why)."""
    v: dict = {}
    for f in ONE_LINE:
        if f in vals:
            v[f] = " ".join(vals[f].split())
    title = v.get("title", "")
    row = Row(n, "create", title=title, ref=v.get("source_ref", ""))
    if not title:
        return _bad(row, msg(lang, "row_no_title"))
    out = {"title": title}
    if "source_ref" in vals:
        out["source_ref"] = v["source_ref"] or None
    if "client_contact" in vals:
        out["client_contact"] = v["client_contact"] or None
    if "statement" in vals or "notes" in vals:
        text = long_text(vals.get("statement", ""))
        note = long_text(vals.get("notes", ""))
        if note:
            label = m.headers.get("notes", "")
            sep = "：" if any(ord(c) > 0x2e80 for c in label) else ": "
            text = (text + "\n\n" if text else "") + f"{label}{sep}{note}"
        out["statement"] = text or None
    if "priority" in vals:
        p = vals["priority"].strip()
        if p and p.lower() not in PRIORITY_IN:
            return _bad(row, msg(lang, "row_priority", value=p))
        out["priority"] = PRIORITY_IN.get(p.lower()) if p else None
    if "source" in vals:
        s = " ".join(vals["source"].split())
        if s and s.lower() not in SOURCE_IN:
            words = "/".join(w[1] if lang == "zh" else w[0] for w in SOURCE_OUT.values())
            return _bad(row, msg(lang, "row_source", value=s, words=words))
        out["source"] = SOURCE_IN.get(s.lower()) if s else None
    if "acceptance" in vals:
        items = [ln.strip() for ln in long_text(vals["acceptance"]).split("\n")]
        out["acceptance"] = [x for x in items if x] or None
    row.values = out
    return row


def _match(row: Row, rid: str, m, by_id, by_ref, by_title, seen_ref, seen_id,
           lang) -> None:
    rid = rid.strip()
    ref = row.ref
    if rid:
        if not ids.is_id(rid) or ids.parse_id(rid)[0] is not REQUIREMENT:
            return _bad(row, msg(lang, "row_not_req", rid=rid))
        if rid in seen_id:
            return _bad(row, msg(lang, "row_dup_id", rid=rid, other=seen_id[rid]))
        seen_id[rid] = row.row
        rec = by_id.get(rid)
        if rec is None:
            return _bad(row, msg(lang, "row_unknown_id", rid=rid))
        other = by_ref.get(ref) if ref else None
        if other is not None and other.id != rid:
            return _bad(row, msg(lang, "row_ref_taken", ref=ref, other=other.id, rid=rid))
    elif "source_ref" in m.columns:
        if not ref:
            return _bad(row, msg(lang, "row_no_ref", col=m.headers["source_ref"]))
        rec = by_ref.get(ref)
    else:
        same = by_title.get(row.title, [])
        rec = same[0] if len(same) == 1 else None
    if ref:
        if ref in seen_ref:
            return _bad(row, msg(lang, "row_dup", ref=ref, other=seen_ref[ref]))
        seen_ref[ref] = row.row
    if rec is None:
        problems = validate_record(REQUIREMENT, {"status": REQUIREMENT.initial,
                                                 **{k: v for k, v in row.values.items()
                                                    if v is not None}})
        if problems:
            return _bad(row, msg(lang, "row_invalid", problem=problems[0]))
        return
    row.rid, row.digest = rec.id, rec.digest
    changes = {}
    for f, new in row.values.items():
        old = rec.data.get(f)
        if _same(f, old, new):
            continue
        changes[f] = [old, new]
    if not changes:
        row.action = "same"
        return
    data = dict(rec.data)
    data.update({f: new for f, (_o, new) in changes.items()})
    problems = validate_record(REQUIREMENT, {k: v for k, v in data.items() if v is not None})
    if problems:
        return _bad(row, msg(lang, "row_invalid", problem=problems[0]))
    row.action, row.changes = "update", changes


def _same(field: str, old, new) -> bool:
    if old in (None, "", []):
        return new is None
    if new is None:
        return False
    if field == "statement" and isinstance(old, str):
        return long_text(old) == new
    if field == "acceptance" and isinstance(old, list):
        return [str(x).strip() for x in old if str(x).strip()] == new
    if field in ONE_LINE and isinstance(old, str):
        return " ".join(old.split()) == new
    return old == new


def long_text(text: str) -> str:
    """Multi-line text as compared and stored: LF line ends, no trailing
    spaces on a line, no blank lines around it."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "\n".join(ln.rstrip() for ln in text.split("\n")).strip("\n")


def _bad(row: Row, why: str) -> Row:
    row.action, row.why, row.rid = "bad", why, None
    return row
