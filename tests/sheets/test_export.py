"""`accord export requirements`: the tracking matrix as a real spreadsheet
that imports back unchanged."""
from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from sheetfiles import ROWS, heads, one_error, write_xlsx


@pytest.fixture
def matrix_ws(run, tmp_path):
    """Imported requirements, one signed then changed, one hand-made one, a
    change request affecting REQ-1, and text that looks like a formula."""
    ws = run.ws
    assert run("import", "requirements", write_xlsx(tmp_path / "v1.xlsx", ROWS), "--apply")[0] == 0
    ws.confirm("demo", "REQ-1", by="张伟", via="email", on=dt.date(2026, 11, 18))
    ws.confirm("demo", "REQ-2", by="李娜", via="meeting", on=dt.date(2026, 11, 19))
    ws.update("demo", "REQ-1", {"acceptance": ["3 秒内打开", "支持导出", "支持打印"]})
    ws.create("demo", "requirement", {"title": "=SUM(A1:A3) 不是公式", "priority": "wont",
                                      "source": "workshop", "statement": "+1 也不是"})
    ws.create("demo", "change", {"title": "增加打印", "affects": ["REQ-1"]})
    return ws


def test_xlsx_matrix_is_a_real_spreadsheet(run, matrix_ws, tmp_path):
    out = tmp_path / "矩阵.xlsx"
    rc, stdout, err = run("export", "requirements", "--format", "xlsx", "-o", out)
    assert (rc, err) == (0, "")
    wb = openpyxl.load_workbook(out)
    sh = wb.active
    assert sh.title == "需求跟踪矩阵"
    assert sh.freeze_panes == "A2"
    assert sh.auto_filter.ref == "A1:N5"
    head = [c.value for c in sh[1]]
    assert head[:6] == ["Accord 编号", "客户编号", "需求名称", "需求描述", "优先级", "状态"]
    assert sh["A1"].font.b and sh["A1"].fill.fgColor.rgb.endswith("305496")
    assert sh.column_dimensions["C"].width == 32
    rows = {r[0].value: [c.value for c in r] for r in sh.iter_rows(min_row=2)}
    r1 = dict(zip(head, rows["REQ-1"]))
    assert r1["优先级"] == "必须" and r1["状态"] == "已确认"
    assert r1["确认人"] == "张伟" and r1["确认日期"] == dt.datetime(2026, 11, 18)
    assert sh.cell(row=2, column=8).number_format == "yyyy-mm-dd"
    assert r1["确认状态"] == "确认后已改动" and r1["验收标准"].split("\n")[-1] == "支持打印"
    assert r1["关联变更"] == "CR-1" and r1["变更状态"] == "已提出"
    r2 = dict(zip(head, rows["REQ-2"]))
    assert r2["确认状态"] == "有效" and r2["优先级"] == "应该"
    r4 = dict(zip(head, rows["REQ-4"]))
    assert r4["需求名称"] == "=SUM(A1:A3) 不是公式" and r4["来源"] == "研讨会"
    assert sh.cell(row=5, column=3).data_type == "s"
    # and it imports back unchanged
    rc, stdout, err = run("import", "requirements", out, "--format", "json")
    plan = json.loads(stdout)
    assert rc == 0, err
    assert plan["counts"] == {"create": 0, "update": 0, "same": 4, "bad": 0}
    assert plan["gone"] == [] and plan["mapping"]["ignored"] == []


def test_english_headers_and_csv_with_bom(run, matrix_ws, tmp_path):
    out = tmp_path / "m.csv"
    rc, _, err = run("export", "requirements", "--format", "csv", "-o", out, "--lang", "en")
    assert rc == 0, err
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfAccord ID,Client ID,Title,")
    text = data.decode("utf-8-sig")
    assert "REQ-1,R-001," in text and ",Must," in text and "changed since sign-off" in text
    assert "'=SUM(A1:A3)" in text  # Excel would run it as a formula
    before = heads(matrix_ws)
    rc, stdout, err = run("import", "requirements", out, "--apply")
    assert (rc, heads(matrix_ws)) == (0, before), err
    assert "无需导入" in stdout
    rc, stdout, _ = run("export", "requirements", "--format", "csv")
    assert rc == 0 and "Accord 编号" in stdout


def test_en_xlsx_round_trip_after_the_client_edits(run, matrix_ws, tmp_path):
    out = tmp_path / "m.xlsx"
    assert run("export", "requirements", "-o", out, "--lang", "en")[0] == 0
    wb = openpyxl.load_workbook(out)
    sh = wb.active
    sh["E3"] = "Could"   # REQ-2's priority, changed by the client
    wb.save(out)
    rc, stdout, err = run("import", "requirements", out, "--format", "json")
    assert rc == 0, err
    plan = json.loads(stdout)
    assert plan["counts"]["update"] == 1
    assert plan["rows"][0]["changes"] == {"priority": ["should", "could"]}


def test_export_bad_output(run, matrix_ws, tmp_path):
    rc, _, err = run("export", "requirements", "--format", "xlsx")
    assert rc == 2 and "-o" in one_error(err)
    rc, _, err = run("export", "requirements", "--format", "csv", "-o", tmp_path / "x.xlsx")
    assert rc == 2 and "csv" in one_error(err)
    rc, _, err = run("export", "requirements", "-o", tmp_path)
    assert rc == 2 and "目录" in one_error(err)
