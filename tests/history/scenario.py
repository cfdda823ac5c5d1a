"""One scripted history used by the history and report tests.

Dates are fixed per commit; the commits mix Accord saves (through
Workspace), hand edits, a hand deletion, a hand rename, a broken file fixed
later, an Accord renumber commit and two merges (one clean, one with a
hand-resolved conflict)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import at, git, hand_commit, head

from store.workspace import Workspace

WANG = ("王五", "wang@example.com")
REQ = "projects/demo/requirements"


def build(tmp: Path) -> tuple[Workspace, dict]:
    c: dict[str, str] = {}
    with at("2026-11-01T09:00:00+08:00"):
        ws = Workspace.init(tmp / "ws", name="测试工作区", language="zh")
        c["project"] = ws.new_project(
            "demo", "客户关系管理系统", "某城市商业银行",
            fields={"goals": ["上线客户 360 视图"], "in_scope": ["客户视图"],
                    "out_of_scope": ["移动 App"]})
    with at("2026-11-02T09:00:00+08:00"):
        c["req1"] = ws.create("demo", "requirement", {
            "title": "登录", "statement": "扫码登录", "priority": "must"},
            why="kickoff").commit
    with at("2026-11-03T09:00:00+08:00"):
        c["req1_edit"] = ws.update("demo", "REQ-1", {"statement": "扫码登录\n3 秒内"},
                                   why="line one\nline two").commit
    with at("2026-11-04T09:00:00+08:00"):
        c["req1_confirm"] = ws.confirm("demo", "REQ-1", by="张伟", via="email").commit
    with at("2026-11-05T23:30:00-05:00", WANG):
        p = ws.root / REQ / "REQ-1.toml"
        p.write_text(p.read_text().replace('title = "登录"', 'title = "扫码登录"'))
        c["req1_hand"] = hand_commit(ws.root, "fix title", f"{REQ}/REQ-1.toml")
    with at("2026-11-06T09:00:00+08:00"):
        c["req2"] = ws.create("demo", "requirement", {"title": "导出报表",
                                                      "priority": "should"}).commit
    with at("2026-11-07T09:00:00+08:00", WANG):
        git(ws.root, "mv", f"{REQ}/REQ-2.toml", f"{REQ}/REQ-3.toml")
        c["rename"] = hand_commit(ws.root, "rename REQ-2 to REQ-3",
                                  f"{REQ}/REQ-2.toml", f"{REQ}/REQ-3.toml")
    with at("2026-11-08T09:00:00+08:00", WANG):
        git(ws.root, "rm", "-q", f"{REQ}/REQ-1.toml")
        c["hand_delete"] = hand_commit(ws.root, "drop REQ-1", f"{REQ}/REQ-1.toml")
    with at("2026-11-09T09:00:00+08:00", WANG):
        (ws.root / REQ / "REQ-4.toml").write_text('title = "坏文件\nstatus = "draft"\n')
        c["broken"] = hand_commit(ws.root, "add REQ-4", f"{REQ}/REQ-4.toml")
    with at("2026-11-10T09:00:00+08:00", WANG):
        (ws.root / REQ / "REQ-4.toml").write_text(
            'title = "修好的文件"\nstatus = "draft"\ncreated = 2026-11-09\n')
        c["fixed"] = hand_commit(ws.root, "fix REQ-4", f"{REQ}/REQ-4.toml")
    # a side branch with a new feedback record, merged without conflict
    git(ws.root, "switch", "-q", "-c", "side")
    with at("2026-11-11T09:00:00+08:00"):
        c["fb1"] = ws.create("demo", "feedback", {"summary": "希望支持导出",
                                                  "received_on": dt.date(2026, 11, 11)}).commit
    git(ws.root, "switch", "-q", "main")
    with at("2026-11-12T09:00:00+08:00"):
        c["req3_edit"] = ws.update("demo", "REQ-3", {"priority": "must"}).commit
    with at("2026-11-13T09:00:00+08:00"):
        git(ws.root, "merge", "-q", "--no-ff", "-m", "merge side", "side")
        c["merge1"] = head(ws.root)
    # a conflicting edit of REQ-3's title, resolved by hand to a third value
    git(ws.root, "switch", "-q", "-c", "side2", c["merge1"])
    with at("2026-11-14T09:00:00+08:00", WANG):
        c["side2"] = ws.update("demo", "REQ-3", {"title": "导出 Excel 报表"}).commit
    git(ws.root, "switch", "-q", "main")
    with at("2026-11-14T10:00:00+08:00"):
        c["main2"] = ws.update("demo", "REQ-3", {"title": "导出 PDF 报表"}).commit
    with at("2026-11-15T09:00:00+08:00"):
        git(ws.root, "merge", "-q", "side2", check=False)
        p = ws.root / REQ / "REQ-3.toml"
        text = git(ws.root, "show", f"{c['main2']}:{REQ}/REQ-3.toml")
        p.write_text(text.replace("导出 PDF 报表", "导出 PDF 和 Excel 报表"))
        git(ws.root, "add", "--", f"{REQ}/REQ-3.toml")
        git(ws.root, "commit", "-q", "--no-edit")
        c["merge2"] = head(ws.root)
    # an Accord renumber commit (as `accord sync` writes it)
    with at("2026-11-16T09:00:00+08:00"):
        git(ws.root, "mv", f"{REQ}/REQ-3.toml", f"{REQ}/REQ-5.toml")
        git(ws.root, "commit", "-q", "-m",
            "REQ-3: renumber to REQ-5\n\nAccord-Project: demo\n"
            "Accord-Record: REQ-5\nAccord-Action: renumber")
        c["renumber"] = head(ws.root)
    return ws, c
