"""Which column of the client's sheet gives which requirement field.

By header (``words.HEADERS``: 编号/序号, 需求名称/标题, 需求描述, 优先级,
验收标准, 来源, 提出人/甲方联系人, 备注 and their English names), or given
with ``--map 'title=需求名称,statement=需求描述'`` (an empty column,
``source=``, leaves a field out).  When two columns name one field, the
header earlier in the list of names wins (编号 before 序号)."""
from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field

from store.sheets.reading import SheetError, Table
from store.sheets.words import (FIELDS, HEADERS, header_field, is_own_header, msg,
                                norm_header)


@dataclass
class Mapping:
    columns: dict[str, int]                     # field -> column index
    headers: dict[str, str]                     # field -> its header text
    ignored: list[str] = dc_field(default_factory=list)  # headers used for nothing

    def as_json(self) -> dict:
        return {"columns": dict(self.headers), "ignored": list(self.ignored)}


def parse_map(text: str | None, lang: str) -> dict[str, str]:
    """``title=需求名称,statement=需求描述`` -> {field: column name}."""
    out: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        field, eq, col = item.partition("=")
        field = field.strip()
        if not eq or field not in FIELDS:
            raise SheetError(msg(lang, "bad_map", item=item.strip(),
                                 fields=", ".join(FIELDS)))
        out[field] = " ".join(col.split())
    return out


def build_mapping(table: Table, lang: str, given: dict[str, str] | None = None) -> Mapping:
    given = given or {}
    columns: dict[str, int] = {}
    rank: dict[str, int] = {}
    for i, h in enumerate(table.headers):
        f = header_field(h) if h else None
        if f is None or f in given:
            continue
        r = _rank(f, h)
        if f not in columns or r < rank[f]:
            columns[f], rank[f] = i, r
    for f, col in given.items():
        if not col:
            columns.pop(f, None)
            continue
        i = _find(table.headers, col)
        if i is None:
            shown = ", ".join(h for h in table.headers if h)
            raise SheetError(msg(lang, "map_missing", field=f, col=col, cols=shown))
        columns[f] = i
    if "title" not in columns:
        raise SheetError(msg(lang, "no_title", file=table.file))
    used = set(columns.values())
    ignored = [h for i, h in enumerate(table.headers)
               if h and i not in used and not is_own_header(h)]
    order = {f: n for n, f in enumerate(FIELDS)}
    columns = dict(sorted(columns.items(), key=lambda kv: order[kv[0]]))
    return Mapping(columns, {f: table.headers[i] for f, i in columns.items()}, ignored)


def _rank(field: str, header: str) -> int:
    n = norm_header(header)
    names = [norm_header(x) for x in HEADERS[field]]
    return names.index(n) if n in names else len(names)


def _find(headers: list[str], col: str) -> int | None:
    for i, h in enumerate(headers):
        if h == col:
            return i
    want = norm_header(col)
    for i, h in enumerate(headers):
        if h and norm_header(h) == want:
            return i
    return None
