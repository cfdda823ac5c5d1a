"""Reading a client's sheet: an .xlsx (the values Excel last computed, never
formulas: its XML read by ``xlsxread``, or openpyxl's read-only mode for dates
and odd workbooks) or a .csv (UTF-8 with or without BOM, or
GBK/GB18030 as Excel on a Chinese Windows writes it) into a ``Table``: the
header row and the non-empty rows as text, each with its row number as the
spreadsheet shows it.  Empty rows and empty columns are skipped."""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import zipfile
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path

from store.errors import InvalidValue
from store.sheets import xlsxread
from store.sheets.words import header_field, is_own_header, msg

HEADER_SCAN = 20  # rows searched for the header when --header-row is not given
# files people pick by mistake (an old binary .xls is refused by its header)
NOT_SHEETS = (".xls", ".ods", ".doc", ".docx", ".pptx", ".pdf", ".zip", ".png", ".jpg")


class SheetError(InvalidValue):
    """A file that cannot be read as the client's sheet (exit 2)."""


@dataclass
class Table:
    file: str                      # the name as given, for messages
    headers: list[str]             # header text per column ("" when blank)
    header_row: int                # 1-based, as the spreadsheet numbers it
    rows: list[tuple[int, list[str]]] = dc_field(default_factory=list)
    sheet: str | None = None       # the sheet's name (.xlsx)
    skipped: int = 0               # empty rows below the header


def cell_text(v) -> str:
    """A cell's value as text: whole numbers without ``.0``, dates as
    YYYY-MM-DD, line breaks as LF."""
    if v is None:
        return ""
    if isinstance(v, str):
        return v.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time() else v.isoformat(" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def read_table(path, lang: str = "en", sheet: str | None = None,
               header_row: int | None = None, encoding: str | None = None,
               named: tuple[str, ...] = ()) -> Table:
    """The sheet at ``path`` as a Table.  ``named``: column names given with
    --map, which also mark the header row when it is looked for."""
    p = Path(path)
    name = str(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise SheetError(msg(lang, "not_found", file=name)) from None
    except IsADirectoryError:
        raise SheetError(msg(lang, "not_sheet", file=name)) from None
    suffix = p.suffix.lower()
    if head.startswith(b"\xd0\xcf\x11\xe0") or suffix in NOT_SHEETS or (
            suffix in (".xlsx", ".xlsm") and not head.startswith(b"PK\x03\x04")):
        raise SheetError(msg(lang, "not_sheet", file=name))
    if head.startswith(b"PK\x03\x04"):
        raw, sheet_name, merges = _xlsx_rows(p, name, lang, sheet)
    else:
        raw, sheet_name, merges = _csv_rows(p, name, lang, encoding), None, []
    return _table(raw, name, lang, sheet_name, merges, header_row, named)


def _table(raw, name, lang, sheet_name, merges, header_row, named) -> Table:
    if not any(any(c.strip() for c in r) for r in raw):
        raise SheetError(msg(lang, "empty", file=name))
    if header_row is not None:
        if header_row < 1 or header_row > len(raw):
            raise SheetError(msg(lang, "header_beyond", n=header_row, rows=len(raw)))
        hr = header_row
    else:
        hr = _find_header(raw, named)
        if hr is None:
            raise SheetError(msg(lang, "no_header", file=name, n=HEADER_SCAN))
    for (r1, c1, r2, c2) in merges:
        if r1 <= hr <= r2 and (c2 > c1 or r2 > r1):
            raise SheetError(msg(lang, "merged", file=name,
                                 ref=f"{_col(c1)}{r1}:{_col(c2)}{r2}"))
    for (r1, c1, r2, c2) in merges:
        if r1 > hr:
            _fill(raw, r1, c1, r2, c2)
    width = max(len(r) for r in raw)
    headers = [" ".join(c.split()) for c in raw[hr - 1]] + [""] * (width - len(raw[hr - 1]))
    rows, skipped = [], 0
    for n, r in enumerate(raw[hr:], start=hr + 1):
        if any(c.strip() for c in r):
            rows.append((n, r + [""] * (width - len(r))))
        else:
            skipped += 1
    return Table(name, headers, hr, rows, sheet_name, skipped)


def _fill(raw, r1, c1, r2, c2) -> None:
    """Cells merged below the header all show the first cell's value (a
    module or a priority merged over its rows): each row gets it."""
    if r1 > len(raw) or c1 > len(raw[r1 - 1]):
        return
    value = raw[r1 - 1][c1 - 1]
    for r in range(r1, min(r2, len(raw)) + 1):
        row = raw[r - 1]
        if len(row) < c2:
            row.extend([""] * (c2 - len(row)))
        for c in range(c1, c2 + 1):
            row[c - 1] = value


def _find_header(raw, named) -> int | None:
    """The first row naming the title column or two known columns."""
    wanted = {" ".join(x.split()) for x in named}
    for i, r in enumerate(raw[:HEADER_SCAN]):
        cells = [" ".join(c.split()) for c in r if c.strip()]
        fields = [header_field(c) for c in cells]
        known = sum(1 for c, f in zip(cells, fields)
                    if f or is_own_header(c) or c in wanted)
        if "title" in fields or known >= 2:
            return i + 1
    return None


def _col(n: int) -> str:
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


# --- .xlsx ------------------------------------------------------------------------

def _xlsx_rows(p: Path, name: str, lang: str, sheet: str | None):
    """(rows as text, the sheet's title, its merged ranges): read from the
    XML by ``xlsxread`` when the sheet holds only plain values, else (and
    for every error message) by openpyxl."""
    try:
        with zipfile.ZipFile(p) as z:
            fast = xlsxread.read_sheet(z, sheet)
    except (zipfile.BadZipFile, OSError):
        fast = None
    if fast is not None:
        values, title, xml = fast
        raw = [[cell_text(v) for v in row] for row in values]
        return _trim(raw), title, merged_ranges(xml)
    return _openpyxl_rows(p, name, lang, sheet)


def _openpyxl_rows(p: Path, name: str, lang: str, sheet: str | None):
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException
    try:
        wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as e:
        why = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise SheetError(msg(lang, "bad_xlsx", file=name, why=why)) from None
    try:
        names = wb.sheetnames
        if sheet is None:
            ws = wb.worksheets[0]
        elif sheet in names:
            ws = wb[sheet]
        elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
            ws = wb.worksheets[int(sheet) - 1]
        else:
            raise SheetError(msg(lang, "no_sheet", file=name, sheet=sheet,
                                 sheets=", ".join(names)))
        ws.reset_dimensions()  # a writer's wrong <dimension> must not cut rows off
        raw = [[cell_text(v) for v in row] for row in ws.iter_rows(values_only=True)]
        merges = _merges(p, getattr(ws, "_worksheet_path", None))
        return _trim(raw), ws.title, merges
    finally:
        wb.close()


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell [^>]*ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _merges(p: Path, part: str | None) -> list[tuple[int, int, int, int]]:
    """Merged ranges (row1, col1, row2, col2) of the sheet: read-only mode
    does not give them, so they come from the sheet's XML part."""
    if not part:
        return []
    with zipfile.ZipFile(p) as z:
        try:
            xml = z.read(part.lstrip("/"))
        except KeyError:
            return []
    return merged_ranges(xml)


def merged_ranges(xml: bytes) -> list[tuple[int, int, int, int]]:
    if b"mergeCell" not in xml:
        return []
    return [(int(r1), _colnum(c1), int(r2), _colnum(c2))
            for c1, r1, c2, r2 in _MERGE.findall(xml)]


def _colnum(letters: bytes) -> int:
    n = 0
    for ch in letters.decode():
        n = n * 26 + ord(ch) - 64
    return n


def _trim(raw: list[list[str]]) -> list[list[str]]:
    """Trailing empty cells and rows dropped; empty columns kept as they
    are (they only give blank headers, which map to nothing)."""
    out = [r[: _last(r)] for r in raw]
    while out and not any(c.strip() for c in out[-1]):
        out.pop()
    return out


def _last(r) -> int:
    i = len(r)
    while i and not r[i - 1].strip():
        i -= 1
    return i


# --- .csv ------------------------------------------------------------------------

def _csv_rows(p: Path, name: str, lang: str, encoding: str | None):
    data = p.read_bytes()
    if b"\x00" in data[:4096]:
        raise SheetError(msg(lang, "not_sheet", file=name))
    text = decode(data, name, lang, encoding)
    first = next((ln for ln in text.splitlines() if ln.strip()), "")
    delim = max(",\t;", key=first.count)  # the header line's separator
    try:
        raw = [[cell_text(unguard(c)) for c in r]
               for r in csv.reader(io.StringIO(text, newline=""), delimiter=delim)]
    except csv.Error as e:
        raise SheetError(msg(lang, "bad_csv", file=name, why=str(e))) from None
    return _trim(raw)


def decode(data: bytes, name: str, lang: str, encoding: str | None) -> str:
    """UTF-8 (a BOM is dropped), else GB18030 (which reads GBK); or the
    encoding named."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise SheetError(msg(lang, "unknown_encoding", enc=encoding)) from None
        try:
            return data.decode(encoding).lstrip("\ufeff")
        except UnicodeDecodeError:
            raise SheetError(msg(lang, "bad_encoding", file=name, enc=encoding)) from None
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[3:].decode("utf-8")
        except UnicodeDecodeError:
            raise SheetError(msg(lang, "bad_encoding", file=name, enc="UTF-8")) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise SheetError(msg(lang, "bad_encoding", file=name,
                             enc="UTF-8/GB18030")) from None


_GUARDED = ("'=", "'+", "'-", "'@")


def guard(text: str) -> str:
    """A CSV cell Excel would run as a formula (``=``, ``+``, ``-``, ``@``
    first) gets a leading apostrophe, which ``unguard`` takes off again."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def unguard(text: str) -> str:
    return text[1:] if text[:2] in _GUARDED else text
