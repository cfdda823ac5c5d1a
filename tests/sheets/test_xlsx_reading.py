"""An .xlsx reads to the very text openpyxl's read-only mode gives, whether
the sheet's XML is read directly (plain values) or by openpyxl (dates)."""
from __future__ import annotations

import datetime as dt
import zipfile

import openpyxl
import pytest
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont

from store.sheets.reading import cell_text, read_table


def openpyxl_text(path, sheet=0) -> list[list[str]]:
    """The reference: openpyxl read-only values as text, trailing blanks and
    empty rows cut."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[sheet]
    ws.reset_dimensions()
    rows = [[cell_text(v) for v in r] for r in ws.iter_rows(values_only=True)]
    wb.close()
    rows = [r[: max((i + 1 for i, c in enumerate(r) if c.strip()), default=0)] for r in rows]
    return [r for r in rows if r]  # read_table skips empty rows (and counts them)


def table_text(table) -> list[list[str]]:
    """read_table's header and rows, padded cells cut, as openpyxl_text."""
    cut = [c.rstrip() for c in table.headers]
    rows = [[c for c in cut]] + [r for _n, r in table.rows]
    return [r[: max((i + 1 for i, c in enumerate(r) if c.strip()), default=0)] for r in rows]


def test_every_plain_kind_of_cell(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "清单"
    ws.append(["编号", "需求名称", "数量", "比例", "完成", "备注"])
    ws.append([1, "客户视图", 3, 0.25, True, "  前后有空格  "])
    ws.append([2.0, CellRichText(["加粗", TextBlock(InlineFont(b=True), "部分")]), 1e20,
               -1.5, False, "第一行\n第二行"])
    ws.append([])  # an empty row inside the list
    ws.append(["X-3", "错误值", "#N/A", None, None, "x005F_x000D_"])
    ws["D3"].number_format = "0.00%"
    ws.cell(row=6, column=8, value="远处的单元格")
    path = tmp_path / "plain.xlsx"
    wb.save(path)
    table = read_table(path, "zh")
    assert table.sheet == "清单"
    assert table_text(table) == openpyxl_text(path)
    assert table.rows[1][1][1] == "加粗部分"
    assert table.skipped == 1


def test_a_date_cell_reads_as_openpyxl_reads_it(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["编号", "需求名称", "提出日期"])
    ws.append(["R-1", "报表", dt.datetime(2026, 3, 1)])
    ws.append(["R-2", "导出", dt.datetime(2026, 3, 2, 9, 30)])
    path = tmp_path / "dates.xlsx"
    wb.save(path)
    table = read_table(path, "zh")
    assert table_text(table) == openpyxl_text(path)
    assert [r[2] for _n, r in table.rows] == ["2026-03-01", "2026-03-02 09:30:00"]


SHEET = """<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<sheetData>
<row><c t="inlineStr"><is><t>编号</t></is></c><c t="s"><v>0</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><r><t>R-</t></r><r><t>1</t></r></is></c><c r="B3" t="s"><v>1</v></c></row>
<row r="3"><c r="A3" t="inlineStr"><is><t>given twice</t></is></c></row>
<row><c t="str"><v>R-2</v></c><c t="s"><v>2</v></c><c t="e"><v>#REF!</v></c></row>
</sheetData>
<mergeCells count="1"><mergeCell ref="C5:D6"/></mergeCells>
</worksheet>"""
STRINGS = """<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<si><t>需求名称</t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">客户 </t></r><r><t>视图</t></r><rPh sb="0" eb="1"><t>ke</t></rPh></si>
<si><t xml:space="preserve"> 报表 </t><rPh sb="0" eb="1"><t>bao</t></rPh></si>
</sst>"""


def handmade(path, sheet=SHEET, strings=STRINGS):
    """An .xlsx as another program writes it: no cell references in the
    first row, inline and rich strings, phonetic hints, a row given twice."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", """<?xml version="1.0"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>""")
        z.writestr("_rels/.rels", f"""<?xml version="1.0"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>""")
        z.writestr("xl/workbook.xml", f"""<?xml version="1.0"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{rel}">
<sheets><sheet name="甲方" sheetId="1" r:id="rId1"/></sheets></workbook>""")
        z.writestr("xl/_rels/workbook.xml.rels", f"""<?xml version="1.0"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{rel}/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>""")
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        z.writestr("xl/sharedStrings.xml", strings)
    return path


def test_a_sheet_another_program_wrote(tmp_path):
    path = handmade(tmp_path / "other.xlsx")
    table = read_table(path, "zh")
    assert table.sheet == "甲方"
    assert table_text(table) == openpyxl_text(path)
    assert table.rows == [(3, ["R-1", "客户 视图", ""]), (4, ["R-2", " 报表 ", "#REF!"])]


def test_merged_cells_found_in_the_xml(tmp_path):
    sheet = SHEET.replace('ref="C5:D6"', 'ref="A1:B1"')
    from store.sheets.reading import SheetError
    with pytest.raises(SheetError, match="A1:B1"):
        read_table(handmade(tmp_path / "merged.xlsx", sheet=sheet), "en")
