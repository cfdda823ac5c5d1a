"""The cell values of an .xlsx sheet read straight from its XML, the way
openpyxl's read-only mode gives them (``values_only``, cached results of
formulas), in a fifth of its time and without importing it.

Only what a client's list holds is read here: text (shared, inline, rich
runs), numbers shown as plain numbers, booleans and errors.  A cell that
would need openpyxl's judgement (a number formatted as a date or with a
format of the file's own, an ISO date cell) or a workbook of an unusual
shape gives ``None``: the caller then reads the file with openpyxl."""
from __future__ import annotations

import io
import posixpath
import xml.etree.ElementTree as ET
import zipfile

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
# built-in number formats that show a number as a number (never a date or
# time): General, 0, 0.00, #,##0, currency, %, scientific, fractions, @
PLAIN_FORMATS = frozenset([*range(0, 14), *range(37, 45), 48, 49])
ROW, CELL, V, IS, T, R = (NS + t for t in ("row", "c", "v", "is", "t", "r"))


class NotPlain(Exception):
    """Something here is for openpyxl to read."""


def read_sheet(z: zipfile.ZipFile, sheet: str | None):
    """(rows of cell values, the sheet's title, its XML) or None.
    ``sheet``: a name or a 1-based number, or None for the first."""
    try:
        sheets, parts = _sheets(z)
        if sheet is None:
            title, part = sheets[0]
        else:
            by_name = dict(sheets)
            if sheet in by_name:
                title, part = sheet, by_name[sheet]
            elif sheet.isdigit() and 1 <= int(sheet) <= len(sheets):
                title, part = sheets[int(sheet) - 1]
            else:
                return None  # openpyxl's path says which sheets there are
        styles = _plain_styles(z, parts.get("styles"))
        strings = _shared_strings(z, parts.get("sharedStrings"))
        xml = z.read(part)
        return _rows(xml, strings, styles), title, xml
    except (NotPlain, KeyError, IndexError, ValueError, ET.ParseError,
            zipfile.BadZipFile, OSError):
        return None


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """{relationship id: (type's last word, target part)} of a part."""
    folder, name = posixpath.split(part)
    root = ET.fromstring(z.read(posixpath.join(folder, "_rels", name + ".rels")))
    out = {}
    for r in root.iter(PKG + "Relationship"):
        if r.get("TargetMode") == "External":
            continue
        target = r.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else \
            posixpath.normpath(posixpath.join(folder, target))
        out[r.get("Id")] = (r.get("Type", "").rsplit("/", 1)[-1], target)
    return out


def _workbook(z: zipfile.ZipFile) -> str:
    for kind, target in _rels(z, "").values():
        if kind == "officeDocument":
            return target
    raise NotPlain


def _sheets(z: zipfile.ZipFile) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """(title, part) of every sheet in the workbook's order, and the
    workbook's other parts by kind; any sheet that is not a worksheet (a
    chart sheet) leaves the file to openpyxl."""
    wb = _workbook(z)
    rels = _rels(z, wb)
    root = ET.fromstring(z.read(wb))
    if root.tag != NS + "workbook":
        raise NotPlain
    out = []
    for s in root.iter(NS + "sheet"):
        kind, part = rels[s.get(REL + "id")]
        if kind != "worksheet":
            raise NotPlain
        out.append((s.get("name"), part))
    if not out:
        raise NotPlain
    return out, {kind: part for kind, part in rels.values()}


def _plain_styles(z: zipfile.ZipFile, part: str | None) -> set[int]:
    """The style numbers whose number format is a plain one."""
    if not part:
        return {0}
    root = ET.fromstring(z.read(part))
    xfs = root.find(NS + "cellXfs")
    if xfs is None:
        return {0}
    return {i for i, xf in enumerate(xfs.iter(NS + "xf"))
            if int(xf.get("numFmtId", 0)) in PLAIN_FORMATS}


def _shared_strings(z: zipfile.ZipFile, part: str | None) -> list[str]:
    if not part:
        return []
    root = ET.fromstring(z.read(part))
    return [_text(si).replace("x005F_", "") for si in root.iter(NS + "si")]


def _text(node) -> str:
    """A string item's text: its own <t> and its runs' (never phonetics)."""
    if len(node) == 1 and node[0].tag == T:  # the usual: one plain text
        return node[0].text or ""
    t = node.find(T)
    out = [t.text or ""] if t is not None else []
    out.extend(r.findtext(T) or "" for r in node.iter(R))
    return "".join(out)


def _rows(xml: bytes, strings: list[str], plain: set[int]) -> list[list]:
    """Each row's values as openpyxl's read-only ``iter_rows`` gives them
    with no dimensions: a missing row is [], a row is as wide as its last
    cell."""
    out: list[list] = []
    n = 0  # the last row number given
    columns: dict[str, int] = {}  # a cell reference's letters -> column
    for _event, row in ET.iterparse(io.BytesIO(xml)):
        if row.tag != ROW:
            continue
        r = row.get("r")
        idx = int(float(r)) if r is not None else n + 1
        if idx <= n:
            continue  # openpyxl skips a row number given twice
        out.extend([] for _ in range(n + 1, idx))
        n = idx
        cells: dict[int, object] = {}
        col = last = 0
        for c in row.iter(CELL):
            ref = c.get("r")
            if ref:
                letters = ref.rstrip("0123456789")
                col = columns.get(letters) or columns.setdefault(letters, _column(letters))
            else:
                col += 1
            cells[col] = _value(c, strings, plain)
            last = col
        values = [None] * last
        for k, v in cells.items():
            if k <= last:
                values[k - 1] = v
        out.append(values)
        row.clear()  # a row read is dropped from the tree: a long sheet stays small
    if not out:
        raise NotPlain  # no row in this namespace (a strict OOXML file, say)
    return out


def _value(c, strings: list[str], plain: set[int]):
    t = c.get("t", "n")
    if t == "inlineStr":
        node = c.find(IS)
        return _text(node) if node is not None else None
    v = c.findtext(V) or None
    if v is None:
        return None
    if t == "n":
        if int(c.get("s", 0)) not in plain:
            raise NotPlain  # a date, a time, or a format of the file's own
        return float(v) if ("." in v or "E" in v or "e" in v) else int(v)
    if t == "s":
        return strings[int(v)]
    if t == "b":
        return bool(int(v))
    if t in ("str", "e"):
        return v
    raise NotPlain  # "d": an ISO date


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n
