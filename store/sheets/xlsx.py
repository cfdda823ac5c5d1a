"""A one-sheet .xlsx written straight as its XML parts: a styled, frozen
header row with filters, set column widths, wrapped multi-line cells and
dates as real dates.

openpyxl builds a cell object, binds and styles it for every value (6 s
for a 10,000-row matrix on the development machine, ~3 s without any
style); the matrix needs four cell styles and inline text, which are a
few string joins.  tests/sheets/ reads every file back with openpyxl."""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "application/vnd.openxmlformats-officedocument.spreadsheetml"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# cell styles (cellXfs): 0 plain, 1 header, 2 wrapped text, 3 date
STYLES = HEAD + f"""<styleSheet xmlns="{MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>
<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill>
<fill><patternFill patternType="gray125"/></fill>
<fill><patternFill patternType="solid"><fgColor rgb="FF305496"/><bgColor indexed="64"/></patternFill></fill></fills>
<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>
<border><left/><right/><top/><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # not allowed in XML 1.0
EPOCH = dt.date(1899, 12, 30)


def col(n: int) -> str:
    """Column letters of the 1-based column ``n`` (1 -> A, 27 -> AA)."""
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def _text(ref: str, v: str, style: int) -> str:
    v = _BAD.sub("", v)
    space = ' xml:space="preserve"' if v[:1].isspace() or v[-1:].isspace() or "\n" in v else ""
    s = f' s="{style}"' if style else ""
    return f'<c r="{ref}" t="inlineStr"{s}><is><t{space}>{escape(v)}</t></is></c>'


def sheet_xml(header: list[str], rows: list[list], widths: list[int],
              wrapped: set[int]) -> str:
    """The worksheet: ``rows`` of text or dates under ``header``; columns in
    ``wrapped`` (0-based) wrap their text."""
    letters = [col(i + 1) for i in range(len(header))]
    last = f"{letters[-1]}{len(rows) + 1}"
    out = [HEAD, f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">',
           f'<dimension ref="A1:{last}"/>',
           '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
           'activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" '
           'activeCell="A2" sqref="A2"/></sheetView></sheetViews>',
           '<sheetFormatPr defaultRowHeight="15"/><cols>']
    out += [f'<col min="{i}" max="{i}" width="{w}" customWidth="1"/>'
            for i, w in enumerate(widths, 1)]
    out.append('</cols><sheetData><row r="1">')
    out += [_text(f"{c}1", h, 1) for c, h in zip(letters, header)]
    out.append("</row>")
    for n, row in enumerate(rows, 2):
        cells = []
        for i, v in enumerate(row):
            if isinstance(v, dt.date):
                cells.append(f'<c r="{letters[i]}{n}" s="3"><v>{(v - EPOCH).days}</v></c>')
            elif v:
                cells.append(_text(f"{letters[i]}{n}", v, 2 if i in wrapped and "\n" in v else 0))
        out.append(f'<row r="{n}">{"".join(cells)}</row>')
    out.append(f'</sheetData><autoFilter ref="A1:{last}"/></worksheet>')
    return "".join(out)


def workbook_bytes(sheet_name: str, header: list[str], rows: list[list],
                   widths: list[int], wrapped: set[int]) -> bytes:
    """The whole .xlsx package of one sheet."""
    name = sheet_name[:31]
    last = f"${col(len(header))}${len(rows) + 1}"
    quoted = "'" + name.replace("'", "''") + "'"
    parts = {
        "[Content_Types].xml": HEAD + (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-'
            'package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{CT}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{CT}.worksheet+xml"/>'
            f'<Override PartName="/xl/styles.xml" ContentType="{CT}.styles+xml"/></Types>'),
        "_rels/.rels": HEAD + (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": HEAD + (
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><bookViews><workbookView/></bookViews>'
            f'<sheets><sheet name={quoteattr(name)} sheetId="1" r:id="rId1"/></sheets>'
            '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" '
            f'hidden="1">{escape(quoted)}!$A$1:{last}</definedName></definedNames></workbook>'),
        "xl/_rels/workbook.xml.rels": HEAD + (
            f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/worksheet" '
            'Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{REL}/styles" Target="styles.xml"/></Relationships>'),
        "xl/styles.xml": STYLES,
        "xl/worksheets/sheet1.xml": sheet_xml(header, rows, widths, wrapped),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for part, text in parts.items():
            z.writestr(part, text.encode("utf-8"))
    return buf.getvalue()
