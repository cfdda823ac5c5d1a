"""Bad input: one clear line each, and nothing half-imported."""
from __future__ import annotations

import json
import os
import stat
import zipfile

from sheetfiles import HEADER, ROWS, git, heads, one_error, write_csv, write_xlsx


def _nothing_written(ws, before):
    assert heads(ws) == before
    assert git(ws, "status", "--porcelain", "--untracked-files=all") == ""


def test_not_a_spreadsheet(run, tmp_path):
    ws, before = run.ws, heads(run.ws)
    png = tmp_path / "photo.png"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200))
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    word_doc = tmp_path / "需求说明书.docx"  # a Word file is a zip too
    with zipfile.ZipFile(word_doc, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    a_zip = tmp_path / "renamed.xlsm"
    with zipfile.ZipFile(a_zip, "w") as z:
        z.writestr("hello.txt", "hi")
    text_as_xlsx = tmp_path / "list.xlsx"
    text_as_xlsx.write_text("编号,需求名称\n1,标题\n", "utf-8")
    for f, word in ((png, "不是电子表格"), (xls, "不是电子表格"), (broken, "无法作为 .xlsx 读取"),
                    (word_doc, "不是电子表格"), (a_zip, "无法作为 .xlsx 读取"),
                    (text_as_xlsx, "不是电子表格"),
                    (tmp_path / "missing.xlsx", "文件不存在"), (tmp_path, "不是电子表格")):
        rc, out, err = run("import", "requirements", f, "--apply")
        assert rc == 2 and word in one_error(err), (f, err)
        assert out == ""
    _nothing_written(ws, before)


def test_merged_header_cells(run, tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["编号", "需求名称", "", "优先级"])
    sheet.merge_cells("B1:C1")
    sheet.append(["R-1", "标题", "", "高"])
    wb.save(tmp_path / "m.xlsx")
    rc, _out, err = run("import", "requirements", tmp_path / "m.xlsx")
    line = one_error(err)
    assert rc == 2 and "B1:C1" in line and "合并" in line


def test_merged_title_above_the_header_is_fine(run, tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["江州银行 CRM 需求清单"])
    sheet.merge_cells("A1:D1")
    sheet.append(HEADER)
    sheet.append(ROWS[0])
    wb.save(tmp_path / "t.xlsx")
    rc, out, err = run("import", "requirements", tmp_path / "t.xlsx")
    assert rc == 0, err
    assert "表头在第 2 行" in out


def test_empty_rows_and_columns_are_skipped(run, tmp_path):
    header = ["", "编号", "", "需求名称", "优先级", ""]
    rows = [["", "R-1", "", "一", "高", ""], ["", "", "", "", "", ""],
            ["", "R-2", "", "二", "", ""], ["", "", "", "", "", ""]]
    f = write_xlsx(tmp_path / "gaps.xlsx", rows, header=header, before=[[], []])
    rc, out, err = run("import", "requirements", f, "--format", "json")
    assert rc == 0, err
    plan = json.loads(out)
    assert plan["header_row"] == 3 and plan["empty_rows_skipped"] == 1
    assert [(r["row"], r["title"]) for r in plan["rows"]] == [(4, "一"), (6, "二")]
    assert plan["mapping"]["ignored"] == []


def test_bad_rows_are_listed_and_nothing_is_applied(run, tmp_path):
    ws, before = run.ws, heads(run.ws)
    rows = [list(r) for r in ROWS] + [
        ["R-002", "重复的编号", "", "", "", "", "", ""],
        ["R-005", "", "没有标题", "", "", "", "", ""],
        ["R-006", "优先级不对", "", "紧急\n立刻", "", "", "", ""],
        ["", "没有编号", "", "", "", "", "", ""],
    ]
    f = write_xlsx(tmp_path / "bad.xlsx", rows)
    rc, out, err = run("import", "requirements", f)
    assert rc == 1 and err == ""
    assert "5   无法导入  -     R-002     客户编号 'R-002' 与第 3 行重复" in out
    assert "6   无法导入  -     R-005     标题为空" in out
    assert "标题为空" in out and "'紧急\\n立刻'" in out and "客户编号（编号）为空" in out
    rc, out, err = run("import", "requirements", f, "--apply")
    line = one_error(err)
    assert rc == 1 and "4 行无法导入" in line and "第 5 行" in line and "未写入任何内容" in line
    _nothing_written(ws, before)


def test_duplicate_rows_by_title_without_an_id_column(run, tmp_path):
    run.ws.create("demo", "requirement", {"title": "登录"})
    f = write_csv(tmp_path / "t.csv", [["登录", "高"], ["登录", "低"]],
                  header=["需求名称", "优先级"])
    rc, out, _ = run("import", "requirements", f)
    assert rc == 1 and "REQ-1 与第 2 行重复" in out
    assert "更新" in out and "(priority)" in out


def test_line_breaks_in_one_line_cells(run, tmp_path):
    f = write_xlsx(tmp_path / "nl.xlsx", [["R-\n1", "客户\n视图", "", "", " 一 \n\n 二 ", "", "", ""]])
    rc, _out, err = run("import", "requirements", f, "--apply")
    assert rc == 0, err
    d = run.ws.read("demo", "REQ-1").data
    assert (d["title"], d["source_ref"], d["acceptance"]) == ("客户 视图", "R- 1", ["一", "二"])


def test_a_failing_commit_leaves_everything_as_it_was(run, tmp_path):
    ws = run.ws
    f1 = write_xlsx(tmp_path / "v1.xlsx", ROWS[:1])
    assert run("import", "requirements", f1, "--apply")[0] == 0
    before, old = heads(ws), (ws.root / "projects/demo/requirements/REQ-1.toml").read_bytes()
    hook = ws.root / ".git/hooks/pre-commit"
    hook.write_text("#!/bin/sh\necho 'hook says no' >&2\nexit 1\n")
    hook.chmod(hook.stat().st_mode | stat.S_IEXEC)
    rows = [list(ROWS[0]), *ROWS[1:]]
    rows[0][1] = "改过的标题"
    rc, _out, err = run("import", "requirements", write_xlsx(tmp_path / "v2.xlsx", rows), "--apply")
    assert rc == 2 and "hook says no" in one_error(err)
    _nothing_written(ws, before)
    assert (ws.root / "projects/demo/requirements/REQ-1.toml").read_bytes() == old
    assert not (ws.root / "projects/demo/requirements/REQ-2.toml").exists()
    assert git(ws, "diff", "--cached", "--name-only") == ""
    os.unlink(hook)


def test_ten_thousand_rows_one_commit(run, tmp_path):
    ws = run.ws
    rows = [[f"XQ-{n:05d}", f"需求 {n}", f"第 {n} 条\n说明", "高中低"[n % 3], "验收一\n验收二",
             "张伟", "", ""] for n in range(1, 10_001)]
    f = write_csv(tmp_path / "big.csv", rows, encoding="utf-8-sig")
    before = heads(ws)
    rc, _out, err = run("import", "requirements", f, "--apply")
    assert rc == 0, err
    assert heads(ws) == before + 1
    assert git(ws, "log", "-1", "--format=%s") == "import: 10000 requirements from big.csv\n"
    assert len(git(ws, "show", "--name-only", "--format=", "HEAD").split()) == 10_000
    assert ws.read("demo", "REQ-10000").data["source_ref"] == "XQ-10000"
    assert git(ws, "status", "--porcelain") == ""


def test_merged_cells_below_the_header_give_each_row_the_value(run, tmp_path):
    import openpyxl
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.append(["编号", "需求名称", "优先级", "模块"])
    sheet.append(["R-1", "一", "高", "客户"])
    sheet.append(["R-2", "二", None, None])
    sheet.append(["R-3", "三", None, None])
    sheet.append([None, None, None, "小计：3 条"])  # text only where nothing is imported
    sheet.merge_cells("C2:C3")
    sheet.merge_cells("D2:D4")
    wb.save(tmp_path / "m.xlsx")
    rc, out, err = run("import", "requirements", tmp_path / "m.xlsx", "--format", "json")
    assert rc == 0, err
    plan = json.loads(out)
    assert plan["empty_rows_skipped"] == 1 and plan["counts"]["create"] == 3
    assert run("import", "requirements", tmp_path / "m.xlsx", "--apply")[0] == 0
    prio = [run.ws.read("demo", f"REQ-{n}").data.get("priority") for n in (1, 2, 3)]
    assert prio == ["must", "must", None]


def test_export_to_a_missing_folder(run, tmp_path):
    rc, _out, err = run("export", "requirements", "-o", tmp_path / "nope" / "m.xlsx")
    assert rc == 2 and "不存在" in one_error(err)


def test_a_csv_field_too_long_for_the_reader(run, tmp_path):
    f = tmp_path / "long.csv"
    f.write_text('编号,需求名称\n1,"' + "长" * 200_000 + '"\n', "utf-8")
    rc, _out, err = run("import", "requirements", f)
    assert rc == 2 and "无法作为 CSV 读取" in one_error(err)
