"""Sheets written by openpyxl and CSVs in the encodings Excel writes, and
small git probes, for the spreadsheet tests."""
from __future__ import annotations

import csv
import io
import subprocess

HEADER = ["编号", "需求名称", "需求描述", "优先级", "验收标准", "提出人", "备注", "模块"]
ROWS = [
    ["R-001", "客户 360 度视图", "展示客户的全部信息\n包括资产与负债", "必须",
     "3 秒内打开\n支持导出", "张伟", "二期细化", "客户"],
    ["R-002", "营销活动管理", "", "中", "", "李娜", "", "营销"],
    ["R-003", "[bold]报表[/] 导出", "每日生成", "低", "支持 Excel", "", "", "报表"],
]


def write_xlsx(path, rows, header=HEADER, before=(), sheet="需求清单"):
    """An .xlsx written by openpyxl: ``before`` rows above the header."""
    import openpyxl
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for r in before:
        ws.append(list(r))
    ws.append(list(header))
    for r in rows:
        ws.append([None if c == "" else c for c in r])
    wb.save(path)
    return path


def write_csv(path, rows, header=HEADER, encoding="utf-8"):
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def heads(ws) -> int:
    return int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=ws.root,
                              capture_output=True, text=True, check=True).stdout)


def git(ws, *args) -> str:
    return subprocess.run(["git", *args], cwd=ws.root, capture_output=True,
                          text=True, check=True).stdout


def one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("accord: ") and "Traceback" not in err
    return lines[0]
