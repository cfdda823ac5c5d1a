"""`accord status`: the dashboard's attention list on the command line."""
from __future__ import annotations

import datetime as dt
import json

from tui.cli.main import main


def _setup(ws):
    ws.create("demo", "requirement", {"title": "扫码登录 [bold]", "status": "proposed"})
    ws.create("demo", "feedback", {"summary": "报表太慢", "reply_due": dt.date(2026, 11, 1)})
    ws.create("demo", "action", {"title": "提供测试数据", "status": "open",
                                 "due": dt.date(2026, 11, 10)})
    ws.create("demo", "action", {"title": "还没到期", "status": "open",
                                 "due": dt.date(2026, 12, 30)})


def test_status_lists_what_needs_attention_in_the_users_words(workspace, capsys):
    _setup(workspace)
    rc = main(["-C", str(workspace.root), "status", "--today", "2026-11-20"])
    out = capsys.readouterr().out
    assert rc == 1
    assert "待甲方确认 (1)\n  REQ-1  扫码登录 [bold]\n" in out
    assert "反馈逾期未答复 (1)\n  FB-1  报表太慢\n" in out
    assert "待办已逾期 (1)\n  ACT-1  提供测试数据\n" in out
    assert "ACT-2" not in out
    rc = main(["-C", str(workspace.root), "status", "--today", "2026-11-20", "--lang", "en"])
    assert "Actions past due (1)" in capsys.readouterr().out


def test_status_json_for_scripts(workspace, capsys):
    _setup(workspace)
    rc = main(["-C", str(workspace.root), "status", "--today", "2026-11-20",
               "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    assert rc == 1 and data["today"] == "2026-11-20"
    by_key = {g["key"]: g for g in data["attention"]}
    assert by_key["act_overdue"]["records"] == [{"id": "ACT-1", "title": "提供测试数据"}]
    assert by_key["act_overdue"]["kind"] == "action"
    assert "stale" not in by_key  # empty groups are left out


def test_status_all_clear_exits_0(workspace, capsys):
    rc = main(["-C", str(workspace.root), "status", "--today", "2026-11-20"])
    assert (rc, capsys.readouterr().out) == (0, "没有需要处理的事项。\n")
    assert main(["-C", str(workspace.root), "status", "--today", "11/20"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
