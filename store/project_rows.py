"""Project settings as text, for the command line and the app's project
form: a ``tables`` field (stakeholders, cadence, milestones, effort,
payments) as rows, one per line, cells in the schema's order separated by
`` | ``; a row given as JSON in ``accord project set``.  Values are typed
by the schema (dates, numbers, choices) and checked by the same
validation as every save."""
from __future__ import annotations

import json

from .errors import InvalidValue
from .records import parse_value
from .schema import PROJECT_FIELDS, TABLE, TABLES, field_in

SEP = " | "


def project_field(name: str):
    """The project field a (dotted) name stands for, or InvalidValue
    naming the fields."""
    f = field_in(PROJECT_FIELDS, name)
    if f is None:
        names = []
        for top in PROJECT_FIELDS:
            if top.type == TABLE:
                names.extend(f"{top.name}.{s.name}" for s in top.fields)
            else:
                names.append(top.name)
        raise InvalidValue(f"a project has no field {name!r}: fields are {', '.join(names)}")
    return f


def typed_row(name: str, f, row: dict) -> dict:
    """A row's cells typed by the sub-fields (text from JSON or a line)."""
    if not isinstance(row, dict):
        raise InvalidValue(f"{name}: a row is an object like "
                           f"{{\"{f.fields[0].name}\": \"...\"}}")
    out = {}
    for key, value in row.items():
        sub = f.sub(key)
        if sub is None:
            raise InvalidValue(f"{name} rows have {', '.join(s.name for s in f.fields)}; "
                               f"not {key!r}")
        if isinstance(value, str):
            value = parse_value(f"{name}.{key}", sub, value.strip())
        if value is not None:
            out[key] = value
    return out


def parse_rows_json(name: str, f, text: str) -> list[dict]:
    try:
        v = json.loads(text)
    except ValueError:
        raise InvalidValue(f"{name} is a list of rows: give a JSON array of objects, "
                           f"or add one with --add {name}='{{...}}'") from None
    if not isinstance(v, list):
        raise InvalidValue(f"{name} is a list of rows: give a JSON array of objects")
    return [typed_row(name, f, r) for r in v]


def rows_to_text(f, rows) -> str:
    """Rows as lines of cells in the sub-fields' order."""
    lines = []
    for row in rows or []:
        cells = []
        for s in f.fields:
            v = row.get(s.name) if isinstance(row, dict) else None
            cells.append("" if v is None else (v.isoformat() if hasattr(v, "isoformat")
                                               else str(v)))
        while cells and not cells[-1]:
            cells.pop()
        lines.append(SEP.join(cells))
    return "\n".join(lines)


def rows_from_text(name: str, f, text: str) -> list[dict]:
    """Lines back to rows (an empty line is no row)."""
    rows = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split("|")]
        if len(cells) > len(f.fields):
            raise InvalidValue(f"{name} line {n}: {len(cells)} cells, at most "
                               f"{len(f.fields)} ({', '.join(s.name for s in f.fields)})")
        row = {s.name: c for s, c in zip(f.fields, cells) if c}
        rows.append(typed_row(f"{name} line {n}", f, row))
    return rows


def is_rows(f) -> bool:
    return f.type == TABLES
