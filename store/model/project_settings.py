"""Editing ``project.toml`` field by field and row by row.

The project's settings (name, client, dates, goals and scope, the
communication plan, and the tables of stakeholders, cadence, milestones,
effort and payments) drive the dashboard and every document header.  These
functions turn what a user typed into changes for ``Workspace.update_project``:
plain fields by name (``end``, ``communication.channels``), a field of one row
as ``TABLE[ROW].FIELD`` where ROW is the row's number (from 1) or its name,
and whole rows added or removed.  Nothing here writes.
"""
from __future__ import annotations

import re

from store.errors import InvalidValue
from store.model.records import parse_value
from store.model.schema import LIST, PROJECT_FIELDS, TABLE, TABLES, Field, field_in

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# Each table of rows, by the name a user types, with the field naming a row.
ROW_TABLES: dict[str, tuple[str, str]] = {
    "stakeholders": ("stakeholders", "name"),
    "milestones": ("milestones", "name"),
    "effort": ("effort", "period"),
    "payments": ("payments", "name"),
    "cadence": ("communication.cadence", "what"),
}

_ROW_REF = re.compile(r"^([a-z_.]+)\[([^\]]+)\]\.([a-z_]+)$")


def table_of(name: str) -> tuple[str, str, Field]:
    """(dotted path, key field, Field) of a table of rows, by its short
    name (``cadence``) or path (``communication.cadence``)."""
    for short, (path, key) in ROW_TABLES.items():
        if name in (short, path):
            return path, key, field_in(PROJECT_FIELDS, path)
    raise InvalidValue(code="project-no-table", value=name, tables=list(ROW_TABLES))


def _rows(pdata: dict, path: str) -> list[dict]:
    value = pdata
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        raise InvalidValue(code="project-rows-broken", path=path)
    return [dict(r) for r in value]


def row_index(rows: list[dict[str, Any]], key: str, ref: str, table: str) -> int:
    """The index of the row ``ref`` names: its number from 1, or the value
    of its key field."""
    if ref.isdigit() and 1 <= int(ref) <= len(rows):
        return int(ref) - 1
    hits = [i for i, r in enumerate(rows) if str(r.get(key, "")) == ref]
    if len(hits) == 1:
        return hits[0]
    names = [f"{i + 1} {r.get(key, '')}" for i, r in enumerate(rows)]
    raise InvalidValue(code="project-row-several" if hits else "project-row-none",
                       table=table, ref=ref, names=names)


def _sub(table_field: Field, table: str, name: str) -> Field:
    f = table_field.sub(name)
    if f is None:
        raise InvalidValue(code="project-row-no-field", table=table, value=name,
                           fields=[s.name for s in table_field.fields])
    return f


def set_changes(pdata: dict[str, Any],
                assignments: list[tuple[str, str]]) -> dict[str, Any]:
    """``[(name, text), ...]`` -> changes for ``update_project``.  A name is
    a field (dotted inside ``communication``) or ``TABLE[ROW].FIELD``; an
    empty text removes the field."""
    changes: dict = {}
    tables: dict[str, list[dict]] = {}
    for name, text in assignments:
        m = _ROW_REF.match(name)
        if m:
            path, key, tf = table_of(m.group(1))
            rows = tables.setdefault(path, _rows(pdata, path))
            i = row_index(rows, key, m.group(2), m.group(1))
            f = _sub(tf, m.group(1), m.group(3))
            value = parse_value(name, f, text)
            if value is None:
                if f.required:
                    raise InvalidValue(code="project-row-required", name=name,
                                       label=f.label("zh"))
                rows[i].pop(f.name, None)
            else:
                rows[i][f.name] = value
            continue
        f = field_in(PROJECT_FIELDS, name)
        if f is None:
            raise InvalidValue(code="project-no-field", value=name, fields=_settable())
        if f.type == TABLES:
            raise InvalidValue(code="project-table-field", name=name, label=f.label("zh"))
        if f.type == LIST:
            changes[name] = _list_value(name, text)
        else:
            changes[name] = parse_value(name, f, text)
        if f.required and changes[name] is None:
            raise InvalidValue(code="project-required", name=name, label=f.label("zh"))
    changes.update(tables)
    return changes


def _list_value(name: str, text: str):
    import json
    if text == "":
        return None
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise InvalidValue(code="project-list-json", name=name)
    return value


def _settable() -> list[str]:
    out = []
    for f in PROJECT_FIELDS:
        if f.type == TABLE:
            out.extend(f"{f.name}.{s.name}" for s in f.fields if s.type != TABLES)
        elif f.type != TABLES:
            out.append(f.name)
    return out


def parse_row(table: str, assignments: list[tuple[str, str]]) -> dict[str, Any]:
    """One row of ``table`` from ``FIELD=VALUE`` texts, typed and checked
    (empty texts are left out), in the schema's field order."""
    _, _, tf = table_of(table)
    row = {}
    for name, text in assignments:
        f = _sub(tf, table, name)
        value = parse_value(f"{table}.{name}", f, text)
        if value is not None:
            row[f.name] = value
    missing = [s.name for s in tf.fields if s.required and s.name not in row]
    if missing:
        raise InvalidValue(code="project-row-missing", table=table, missing=missing,
                           first=missing[0], table_zh=tf.label("zh"),
                           missing_zh=[tf.sub(m).label("zh") for m in missing])
    return {s.name: row[s.name] for s in tf.fields if s.name in row}


def add_row(pdata: dict[str, Any], table: str,
            assignments: list[tuple[str, str]]) -> dict[str, Any]:
    """The change that appends one row to ``table``, from ``FIELD=VALUE``s."""
    path, key, _ = table_of(table)
    row = parse_row(table, assignments)
    rows = _rows(pdata, path)
    if any(str(r.get(key, "")) == str(row[key]) for r in rows):
        raise InvalidValue(code="project-row-exists", table=table, value=row[key],
                           table_zh=field_in(PROJECT_FIELDS, path).label("zh"))
    return {path: [*rows, row]}


def rows_of(pdata: dict[str, Any], table: str) -> list[dict[str, Any]]:
    """The rows ``table`` holds now (copies)."""
    return _rows(pdata, table_of(table)[0])


def remove_row(pdata: dict[str, Any], table: str, ref: str) -> dict[str, Any]:
    """The change that removes the row ``ref`` names from ``table``."""
    path, key, _ = table_of(table)
    rows = _rows(pdata, path)
    del rows[row_index(rows, key, ref, table)]
    return {path: rows or None}
