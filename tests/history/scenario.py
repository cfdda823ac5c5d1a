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


TRAP = "导出<script>alert(1)</script> [点我](http://evil.example) *粗* \x1b[31m红"


def build_reports(tmp: Path) -> tuple[Workspace, dict]:
    """A small project with everything the reports read: stakeholders,
    milestones (one slipped without a change, one covered by an approved
    change), meetings, actions, a decision, a high risk, overdue feedback,
    a stale sign-off and a baseline.  "Today" is 2026-11-20."""
    D = dt.date
    c: dict[str, str] = {}
    with at("2026-11-02T09:00:00+08:00"):
        ws = Workspace.init(tmp / "rws", name="报告测试", language="zh")
        ws.new_project("crm", "零售 CRM 项目", "江州银行", fields={
            "start": D(2026, 11, 2), "end": D(2027, 1, 29),
            "goals": ["客户 360 视图"], "in_scope": ["客户视图", "工单"],
            "out_of_scope": ["移动 App"],
            "stakeholders": [
                {"name": "张伟", "side": "client", "role": "甲方项目负责人"},
                {"name": "李娜", "side": "client", "role": "客服中心主任"},
                {"name": "王磊", "side": "vendor", "role": "项目经理"},
                {"name": "陈静", "side": "vendor", "role": "业务分析师"}],
            "milestones": [
                {"name": "需求确认", "baseline": D(2026, 11, 10), "forecast": D(2026, 11, 10),
                 "done_on": D(2026, 11, 10)},
                {"name": "联调完成", "baseline": D(2026, 11, 25), "forecast": D(2026, 12, 2),
                 "note": "接口文档晚到"},
                {"name": "试点上线", "baseline": D(2026, 12, 18), "forecast": D(2026, 12, 25),
                 "change": "CR-1", "note": "理财接口顺延"}]})
    with at("2026-11-03T17:00:00+08:00"):
        ws.create("crm", "meeting", {
            "title": "项目启动会", "type": "kickoff", "date": D(2026, 11, 3),
            "start": "14:00", "end": "16:00", "place": "总行 12 楼", "chair": "张伟",
            "recorder": "陈静", "status": "planned"})
        ws.move("crm", "MTG-1", "held", {"attendees_client": ["张伟", "李娜"],
                                         "attendees_vendor": ["王磊", "陈静"],
                                         "absent": ["赵强"]})
        ws.create("crm", "action", {"title": "提供工单流程文档", "owner": "张伟",
                                    "due": D(2026, 11, 12), "meeting": "MTG-1"})
        ws.create("crm", "action", {"title": "提交实施计划", "owner": "王磊",
                                    "due": D(2026, 11, 10), "meeting": "MTG-1"})
    with at("2026-11-04T09:00:00+08:00"):
        ws.create("crm", "requirement", {
            "title": "扫码登录", "statement": "用企业微信扫码登录", "priority": "must",
            "acceptance": ["3 秒内完成登录"], "source": "workshop", "source_ref": "MTG-1",
            "client_contact": "张伟", "owner": "陈静"})
        ws.move("crm", "REQ-1", "proposed")
    with at("2026-11-05T09:00:00+08:00"):
        c["confirm"] = ws.confirm("crm", "REQ-1", by="张伟", via="email").commit
        c["baseline"] = ws.baseline("crm", "kickoff", "需求 v1.0")
    with at("2026-11-06T09:00:00+08:00"):
        ws.create("crm", "change", {"title": "理财持仓接口", "requested_by": "张伟",
                                    "requested_on": D(2026, 11, 6),
                                    "impact.schedule_days": 7, "impact.cost": 20000,
                                    "impact.scope": "新增理财持仓展示",
                                    "affects": ["REQ-1"]})
    with at("2026-11-09T09:00:00+08:00"):
        ws.confirm("crm", "CR-1", by="张伟", via="email")
    with at("2026-11-10T18:00:00+08:00"):
        ws.move("crm", "ACT-2", "done")
    with at("2026-11-12T09:00:00+08:00"):
        ws.create("crm", "requirement", {"title": TRAP, "priority": "should",
                                         "client_contact": "李娜"})
        ws.move("crm", "REQ-2", "proposed")
        ws.create("crm", "issue", {"title": "CTI 接口文档晚到", "type": "risk",
                                   "impact": "high", "probability": "high",
                                   "description": "第三方文档未到", "mitigation": "先用模拟事件",
                                   "owner": "王磊", "due": D(2026, 11, 30)})
    with at("2026-11-17T17:00:00+08:00"):
        ws.create("crm", "meeting", {
            "title": "第 2 次周例会", "type": "progress", "date": D(2026, 11, 17),
            "start": "14:30", "end": "16:00", "place": "腾讯会议", "chair": "王磊",
            "recorder": "陈静"})
        ws.create("crm", "decision", {"title": "UAT 使用脱敏数据",
                                      "outcome": "UAT 使用脱敏后的生产数据。",
                                      "decided_by": ["张伟"], "decided_on": D(2026, 11, 17),
                                      "via": "MTG-2"})
        ws.move("crm", "DEC-1", "agreed")
        ws.create("crm", "action", {"title": "确认试点支行名单", "owner": "李娜",
                                    "due": D(2026, 11, 24), "meeting": "MTG-2"})
        ws.move("crm", "MTG-2", "held", {"attendees_client": ["张伟"],
                                         "attendees_vendor": ["王磊", "陈静"],
                                         "decisions": ["DEC-1"], "actions": ["ACT-3"]})
    with at("2026-11-18T09:00:00+08:00"):
        ws.create("crm", "feedback", {"summary": "SLA 应为 2 小时", "from": "李娜",
                                      "received_on": D(2026, 11, 18),
                                      "reply_due": D(2026, 11, 19)})
        ws.create("crm", "meeting", {"title": "第 3 次周例会", "type": "progress",
                                     "date": D(2026, 11, 24), "place": "腾讯会议",
                                     "chair": "王磊"})
    with at("2026-11-19T09:00:00+08:00", WANG):
        p = ws.root / "projects/crm/requirements/REQ-1.toml"
        p.write_text(p.read_text().replace("用企业微信扫码登录", "用企业微信或钉钉扫码登录"))
        c["hand"] = hand_commit(ws.root, "REQ-1: 加钉钉", "projects/crm/requirements/REQ-1.toml")
    return ws, c
