"""`accord import requirements`: .xlsx and CSV (UTF-8, with BOM, GBK), the
dry run, the one commit of an apply, re-imports as field changes."""
from __future__ import annotations

import datetime as dt
import json

import pytest
from sheetfiles import HEADER, ROWS, git, heads, one_error, write_csv, write_xlsx

from store.model import codec
from store.sheets.apply import document


def test_xlsx_dry_run_then_apply_is_one_commit(run, tmp_path):
    ws = run.ws
    f = write_xlsx(tmp_path / "需求清单.xlsx", ROWS)
    before = heads(ws)
    rc, out, err = run("import", "requirements", f)
    assert (rc, err) == (0, "")
    assert "编号 → source_ref" in out and "未导入的列：模块" in out
    assert "[bold]报表[/] 导出" in out and "新建 3 条" in out
    assert heads(ws) == before  # a dry run writes nothing
    assert not (ws.root / "projects/demo/requirements").exists()

    rc, out, err = run("import", "requirements", f, "--apply", "-m", "甲方第一版")
    assert rc == 0, err
    assert heads(ws) == before + 1
    assert git(ws, "log", "-1", "--format=%s") == "import: 3 requirements from 需求清单.xlsx\n"
    names = git(ws, "show", "--name-only", "--format=", "HEAD").split()
    assert names == [f"projects/demo/requirements/REQ-{n}.toml" for n in (1, 2, 3)]
    assert git(ws, "status", "--porcelain") == ""
    r1 = ws.read("demo", "REQ-1").data
    assert r1["source_ref"] == "R-001" and r1["priority"] == "must"
    assert r1["acceptance"] == ["3 秒内打开", "支持导出"]
    assert r1["statement"] == "展示客户的全部信息\n包括资产与负债\n\n备注：二期细化"
    assert r1["client_contact"] == "张伟" and r1["status"] == "draft"
    assert ws.read("demo", "REQ-2").data["priority"] == "should"
    assert ws.read("demo", "REQ-3").data["title"] == "[bold]报表[/] 导出"
    # the same sheet again: nothing to change, no commit
    rc, out, _ = run("import", "requirements", f, "--apply")
    assert rc == 0 and "无需导入" in out and heads(ws) == before + 1


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk"])
def test_csv_encodings_are_detected(run, tmp_path, encoding):
    f = write_csv(tmp_path / "list.csv", ROWS, encoding=encoding)
    rc, out, err = run("import", "requirements", f, "--format", "json")
    assert rc == 0, err
    plan = json.loads(out)
    assert [r["title"] for r in plan["rows"]] == [r[1] for r in ROWS]
    assert plan["mapping"]["columns"]["title"] == "需求名称"  # no BOM in the header
    rc, _, err = run("import", "requirements", f, "--apply")
    assert rc == 0, err
    assert run.ws.read("demo", "REQ-1").data["statement"].startswith("展示客户的全部信息\n包括")


def test_csv_encoding_named_or_wrong(run, tmp_path):
    f = write_csv(tmp_path / "list.csv", ROWS, encoding="gbk")
    assert run("import", "requirements", f, "--encoding", "gb18030")[0] == 0
    rc, _, err = run("import", "requirements", f, "--encoding", "utf-8")
    assert rc == 2 and "--encoding" in one_error(err)
    rc, _, err = run("import", "requirements", f, "--encoding", "nope-42")
    assert rc == 2 and "nope-42" in one_error(err)


def test_reimport_updates_as_field_changes_in_log(run, tmp_path):
    ws = run.ws
    v1 = write_xlsx(tmp_path / "v1.xlsx", ROWS)
    assert run("import", "requirements", v1, "--apply")[0] == 0
    assert run("confirm", "REQ-1", "--by", "张伟", "--via", "email")[0] == 0
    assert run("baseline", "v1")[0] == 0
    rows = [list(r) for r in ROWS[:2]] + [["R-004", "移动端审批", "", "高", "", "", "", ""]]
    rows[0][1] = "客户 360 度全景视图"
    rows[0][4] = "3 秒内打开\n支持导出\n支持打印"
    rows[1][3] = "高"
    v2 = write_xlsx(tmp_path / "v2.xlsx", rows)
    rc, out, _ = run("import", "requirements", v2)
    assert rc == 0
    assert "REQ-1" in out and "(title, acceptance)" in out and "(priority)" in out
    assert "表格中已没有（保留，未删除）：1 条" in out and "REQ-3  R-003" in out
    rc, out, err = run("import", "requirements", v2, "--apply")
    assert rc == 0, err
    assert ws.read("demo", "REQ-3").data["title"] == "[bold]报表[/] 导出"  # kept
    assert ws.read("demo", "REQ-4").data["source_ref"] == "R-004"
    rc, out, _ = run("log", "REQ-1", "--format", "json")
    last = json.loads(out)["events"][-1]
    assert last["action"] == "edit"
    assert last["fields"]["title"] == ["客户 360 度视图", "客户 360 度全景视图"]
    assert last["fields"]["acceptance"][1][-1] == "支持打印"
    rc, out, _ = run("log", "REQ-1")
    assert 'title: "客户 360 度视图" -> "客户 360 度全景视图"' in out
    rc, out, _ = run("show", "REQ-1", "--format", "json")
    assert json.loads(out)["signoff"] == "stale"
    rc, out, _ = run("diff", "v1", "--format", "json")
    changed = {r["id"]: r for r in json.loads(out)["records"]}
    assert changed["REQ-1"]["signoff"] == "stale" and "title" in changed["REQ-1"]["fields"]
    assert changed["REQ-4"]["change"] == "added" and "REQ-3" not in changed
    rc, out, _ = run("summary", "--since", "2026-01-01", "--format", "json")
    req1 = next(r for r in json.loads(out)["records"] if r["id"] == "REQ-1")
    changed_fields = {f for e in req1["events"] for f in e["fields"]}
    assert {"title", "acceptance"} <= changed_fields and req1["signoff"] == "stale"
    rc, out, _ = run("summary", "--since", "2026-01-01")
    assert "客户 360 度全景视图" in out and "REQ-1" in out
    rc, out, _ = run("log", "REQ-2", "--format", "json")
    assert json.loads(out)["events"][-1]["fields"] == {"priority": ["should", "must"]}


def test_map_sheet_and_header_row(run, tmp_path):
    header = ["Ref", "需求", "Module", "What exactly"]
    f = write_xlsx(tmp_path / "x.xlsx", [["A1", "一", "m", "说明一"], ["A2", "二", "m", ""]],
                   header=header, before=[["某银行需求清单 2026 版"], []], sheet="第二版")
    rc, out, err = run("import", "requirements", f, "--map",
                       "statement=What exactly,source_ref=Ref", "--sheet", "第二版")
    assert rc == 0, err
    assert "表头在第 3 行" in out and "What exactly → statement" in out
    rc, out, err = run("import", "requirements", f, "--header-row", "3", "--apply")
    assert rc == 0, err
    assert run.ws.read("demo", "REQ-1").data == {**run.ws.read("demo", "REQ-1").data,
                                                 "title": "一", "source_ref": "A1"}
    rc, _, err = run("import", "requirements", f, "--map", "colour=Ref")
    assert rc == 2 and "colour" in one_error(err)
    rc, _, err = run("import", "requirements", f, "--map", "title=没有这列")
    assert rc == 2 and "没有这列" in one_error(err)
    rc, _, err = run("import", "requirements", f, "--sheet", "第九版")
    assert rc == 2 and "第二版" in one_error(err)


def test_english_headers_and_words(run, tmp_path):
    f = write_csv(tmp_path / "en.csv", [["7", "Login by QR", "must", "workshop"],
                                        ["8", "Reports", "Low", "访谈"]],
                  header=["ID", "Title", "Priority", "Source"])
    rc, _out, err = run("import", "requirements", f, "--apply")
    assert rc == 0, err
    a, b = run.ws.read("demo", "REQ-1").data, run.ws.read("demo", "REQ-2").data
    assert (a["source_ref"], a["priority"], a["source"]) == ("7", "must", "workshop")
    assert (b["priority"], b["source"]) == ("could", "interview")


@pytest.mark.parametrize("data", [
    {"title": "客户 \"视图\"", "status": "draft", "statement": "两行\n文字 [bold]",
     "acceptance": ["一", "二" * 60], "priority": "must", "source_ref": "R-1",
     "created": dt.date(2026, 1, 2)},
    {"title": "tab\there \\ back", "statement": "one line", "acceptance": ["a", "b\"c"],
     "client_contact": "张伟"},
    {"title": "列表", "acceptance": ["验收标准" * 3] * 3, "statement": "ends with quote\""},
    {"title": "x", "acceptance": [], "statement": "控制\x1b字符\n第二行"},
])
def test_document_matches_the_codec(data):
    assert document(data) == codec.new_document(data, frozenset({"statement"}))


def test_header_aliases_rank(run, tmp_path):
    """序号 (a running number) and 编号 (the client's id) both present: 编号 wins."""
    f = write_csv(tmp_path / "s.csv", [["1", "XQ-9", "标题"]], header=["序号", "编号", "需求名称"])
    rc, out, _ = run("import", "requirements", f, "--format", "json")
    assert rc == 0
    plan = json.loads(out)
    assert plan["mapping"]["columns"]["source_ref"] == "编号"
    assert plan["rows"][0]["client_id"] == "XQ-9"
    assert HEADER[0] == "编号"


def test_formulas_give_the_value_excel_computed(run, tmp_path):
    """A formula cell is read as the value Excel last computed (stored next
    to the formula), never as the formula's text."""
    import zipfile

    import openpyxl
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["编号", "需求名称", "优先级"])
    sheet.append(["=ROW()*7", "公式算出的编号", '=IF(1,"高","低")'])
    wb.save(tmp_path / "raw.xlsx")
    with zipfile.ZipFile(tmp_path / "raw.xlsx") as src, \
            zipfile.ZipFile(tmp_path / "f.xlsx", "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":  # as Excel saves it
                data = data.replace(b"<f>ROW()*7</f><v></v>", b"<f>ROW()*7</f><v>14</v>")
                data = data.replace(b'<c r="C2">', b'<c r="C2" t="str">').replace(
                    b'&#20302;")</f><v></v>', '&#20302;")</f><v>高</v>'.encode())
            dst.writestr(item, data)
    rc, out, err = run("import", "requirements", tmp_path / "f.xlsx", "--apply")
    assert rc == 0, err + out
    d = run.ws.read("demo", "REQ-1").data
    assert (d["source_ref"], d["priority"]) == ("14", "must")


def test_an_english_workspace_is_answered_in_english(tmp_path, capsys):
    from store.workspace import Workspace
    from tui.cli.main import main
    ws = Workspace.init(tmp_path / "en", name="en", language="en")
    ws.new_project("demo", "CRM", "Bank")
    f = write_csv(tmp_path / "l.csv", [["R-1", "", "x", "", "", "", "", ""]])
    assert main(["-C", str(ws.root), "import", "requirements", str(f)]) == 1
    out = capsys.readouterr().out
    assert "row|" not in out and "the title is empty" in out and "dry run: nothing written" in out
    assert main(["-C", str(ws.root), "import", "requirements", str(f), "--apply"]) == 1
    err = capsys.readouterr().err
    assert "1 row(s) cannot be imported (first: row 2: the title is empty)" in err
