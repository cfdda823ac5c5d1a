"""The review-meeting summary as the reader sees it: the changed-since-
sign-off table names only what changed after the client signed, a
re-confirmation still names who signed, and stored values (statuses,
channels, event actions) are written in the report's language."""
from __future__ import annotations

import re

from helpers import at, section_text

from store import reports
from store.workspace import Workspace


def _ws(tmp_path):
    with at("2026-11-02T09:00:00+08:00"):
        ws = Workspace.init(tmp_path / "ws", name="测试", language="zh")
        ws.new_project("demo", "客户关系管理系统", "某银行")
    with at("2026-11-03T09:00:00+08:00"):
        ws.create("demo", "requirement", {"title": "扫码登录", "statement": "扫码登录",
                                          "acceptance": ["3 秒内完成"], "priority": "must"})
    with at("2026-11-04T09:00:00+08:00"):
        ws.move("demo", "REQ-1", "proposed")
    with at("2026-11-05T09:00:00+08:00"):
        ws.confirm("demo", "REQ-1", by="张伟", via="email")
    with at("2026-11-06T09:00:00+08:00"):
        ws.update("demo", "REQ-1", {"statement": "扫码或短信登录"})
    with at("2026-11-07T09:00:00+08:00"):
        ws.confirm("demo", "REQ-1", by="张伟", via="email")   # only `on` changes
    with at("2026-11-08T09:00:00+08:00"):
        ws.update("demo", "REQ-1", {"acceptance": ["2 秒内完成"]})
    return ws


def test_summary_in_chinese_names_what_changed_after_sign_off(tmp_path):
    ws = _ws(tmp_path)
    text = reports.render(reports.build(ws, "demo", "summary", today=None), "md")
    assert text.startswith("# 评审会摘要")
    stale = section_text(text, "签认后变更（需重新确认）")
    # only the acceptance criteria changed after the last sign-off (not the
    # title, statement or priority the create and the first edit touched)
    assert ("| 扫码登录（REQ-1） | 张伟 | 2026-11-07 | 验收标准第 1 项改为：“2 秒内完成”"
            "（原：“3 秒内完成”）（待张伟重新确认） |") in stale
    signed = section_text(text, "需求")
    assert "扫码登录（REQ-1）：张伟于 2026-11-05 通过邮件确认" in signed
    assert "扫码登录（REQ-1）：张伟于 2026-11-07 通过邮件确认" in signed
    assert "状态由“草稿”转为“待确认”" in signed
    assert "谁改了什么" not in text  # the evidence appendix only when asked
    text = reports.render(reports.build(ws, "demo", "summary", evidence=True), "md")
    evidence = section_text(text, "谁改了什么（依据）")
    assert "| 甲方确认 |" in evidence and "| 新建 |" in evidence
    for word in ("draft", "proposed", "email", "confirm", "create", "edit", "move"):
        assert not re.search(rf"\b{word}\b", text), word


def test_summary_in_english_has_no_plural_brackets(tmp_path):
    ws = _ws(tmp_path)
    text = reports.render(reports.build(ws, "demo", "summary", lang="en", evidence=True), "md")
    assert "(s)" not in text and "(ies)" not in text
    assert ": 2 records changed. Waiting on the client: 1;" in text
    assert "confirmed by 张伟 via email on 2026-11-07" in text
    assert "| signed off |" in text
