"""Substance and one vocabulary (issue 19): the requirements document's
GB/T 8567 sections from project.toml (placeholders in drafts only), a
rejected change shown as rejected in its traceability, and the words of
every stored value the same in the app and in the documents."""
from __future__ import annotations

import datetime as dt
import re

from helpers import at

from store import reports
from store.reports.common import money, money_text, status_word
from store.model.schema import KINDS, VALUE_WORDS

D = dt.date


def sec(doc, key):
    return next(s for s in doc["sections"] if s["key"] == key)


def texts(section) -> list[str]:
    out = []
    for b in section["blocks"]:
        out += [b.get("text", "")] + [str(x) for x in b.get("items", [])]
    return [x for x in out if x]


def test_gbt_sections_from_project_toml_and_placeholders_in_drafts_only(reportws):
    ws, _ = reportws
    draft = reports.build(ws, "crm", "requirements", today=D(2026, 11, 20))
    intro = texts(sec(draft, "introduction"))
    assert "1.1 项目背景" in intro
    # what to fill and where, in Chinese (the key as project.toml spells it)
    assert "【待补充，发出前完成：在 project.toml 中填写 background 字段" \
        "（项目背景：项目缘起与要解决的业务问题）】" in intro
    assert "【待补充，发出前完成：在 project.toml 中填写 qualification 字段" \
        "（合格性规定：验收时如何逐条验证需求）】" in texts(sec(draft, "qualification"))
    assert draft["draft"] is True
    en = reports.build(ws, "crm", "requirements", lang="en", today=D(2026, 11, 20))
    assert "[To be completed before issue: fill in background in project.toml (the " \
        "project's background: why it was started and the business problem it solves)]" \
        in texts(sec(en, "introduction"))
    assert "[To be completed before issue: fill in definitions in project.toml (the terms " \
        "and abbreviations used, one per item as “term: meaning”)]" \
        in texts(sec(en, "introduction"))
    # every placeholder says it in the document's language, and only in a draft
    # (zh: no English but the file's and the key's names)
    for doc, mark, foreign in ((draft, "【待补充", re.compile(r"[A-Za-z()]")),
                               (en, "[To be completed", re.compile(r"[\u4e00-\u9fff（]"))):
        holes = [x for s in doc["sections"] for x in texts(s) if x.startswith(mark)]
        assert len(holes) == 7, holes
        for x in holes:
            assert not foreign.search(re.sub(r"project\.toml|[a-z]+ 字段", "", x)), x
    for lang in ("zh", "en"):
        issued = reports.build(ws, "crm", "requirements", at="kickoff", lang=lang,
                               today=D(2026, 11, 20))
        assert not any("【待补充" in x or "[To be completed" in x or "project.toml" in x
                       for s in issued["sections"] for x in texts(s)), lang
    issued = reports.build(ws, "crm", "requirements", at="kickoff", today=D(2026, 11, 20))
    assert "1.1 项目背景" not in texts(sec(issued, "introduction"))
    with at("2026-11-20T09:00:00+08:00"):
        ws.update_project("crm", {
            "background": "江州银行零售条线客户信息分散在 6 个系统中。",
            "definitions": ["客户 360 视图：一屏看全客户信息"],
            "references": ["《零售 CRM 项目合同》"], "users": ["客户经理：熟悉柜面业务"],
            "assumptions": ["甲方于 12 月前提供 CTI 接口文档"],
            "environment": ["服务器：麒麟 V10，4 台"],
            "qualification": "按验收测试用例逐条验证，由甲方出具验收报告。"})
    doc = reports.build(ws, "crm", "requirements", today=D(2026, 11, 20))
    intro = texts(sec(doc, "introduction"))
    assert "江州银行零售条线客户信息分散在 6 个系统中。" in intro
    assert "客户 360 视图：一屏看全客户信息" in intro
    assert "甲方于 12 月前提供 CTI 接口文档" in texts(sec(doc, "overview"))
    assert "服务器：麒麟 V10，4 台" in texts(sec(doc, "requirements"))
    assert "按验收测试用例逐条验证，由甲方出具验收报告。" in texts(sec(doc, "qualification"))
    assert not any("【待补充" in x for s in doc["sections"] for x in texts(s))
    # document control on it
    assert doc["control"]["number"] == "CRM-SRS-WIP" and doc["control"]["version"] == "1.0"


def test_traceability_shows_a_rejected_change_as_rejected(reportws):
    ws, _ = reportws
    with at("2026-11-20T09:00:00+08:00"):
        ws.create("crm", "change", {"title": "短信登录", "requested_by": "张伟",
                                    "affects": ["REQ-1"]})
        ws.move("crm", "CR-2", "proposed")
        ws.move("crm", "CR-2", "rejected")
    doc = reports.build(ws, "crm", "requirements", today=D(2026, 11, 20))
    row = next(r for r in sec(doc, "traceability")["blocks"][0]["rows"] if "REQ-1" in r[0])
    assert "短信登录（CR-2）——已拒绝，未生效" in row[2]
    assert "理财持仓接口（CR-1）" in row[2] and "理财持仓接口（CR-1）——" not in row[2]
    # open items: owner and date only as recorded
    tbd = sec(doc, "tbd")["blocks"][0]["rows"]
    assert all(r[3] == "未约定" for r in tbd)


def test_app_and_documents_use_one_vocabulary():
    from tui import i18n
    i18n.set_language("zh")
    try:
        for kind in KINDS.values():
            for value in kind.statuses:
                assert i18n.word(value) == status_word("zh", value, kind.name), value
                assert value in VALUE_WORDS, value
        for value in ("open", "dropped", "critical"):
            assert i18n.word(value) == status_word("zh", value) == VALUE_WORDS[value][1]
    finally:
        i18n.set_language("en")


def test_money_in_one_format():
    assert money("zh", 68000) == "68,000 元" and money("en", 68000) == "CNY 68,000"
    assert money("zh", 12000.5) == "12,000.5 元"
    assert money("zh", "USD 30,000") == "USD 30,000"      # typed with its unit: as typed
    # a typed amount in yuan, in the same format as a recorded cost
    assert money_text("zh", "85.8 万元") == "858,000 元" == money("zh", 858000)
    assert money_text("en", "¥68000") == "CNY 68,000"
    assert money_text("zh", "USD 30,000") == "USD 30,000"


def test_an_ask_without_a_date_is_not_agreed_in_the_report_and_to_agree_on_the_dashboard(
        reportws):
    from tui.screens.dashboard import attention
    ws, _ = reportws
    with at("2026-11-20T09:00:00+08:00"):
        ws.create("crm", "action", {"title": "提供测试账号", "owner": "李娜"})
    week = reports.build(ws, "crm", "progress", today=D(2026, 11, 20))
    row = next(r for r in sec(week, "client_asks")["blocks"][0]["rows"] if "ACT-4" in r[0])
    assert row[1:3] == ["李娜（甲方）", "未约定"]
    alerts = {a.key: a.rids for a in attention(ws.load("crm"), ws.project_data("crm"),
                                               D(2026, 11, 20))}
    assert alerts["to_agree"] == ["ACT-4"]


def test_the_same_ask_has_the_same_owner_and_date_in_every_document(reportws):
    ws, _ = reportws
    with at("2026-11-19T10:00:00+08:00"):
        ws.create("crm", "requirement", {"title": "坐席工作台", "statement": "一屏处理工单",
                                         "acceptance": ["3 秒内打开"], "client_contact": "李娜"})
        ws.move("crm", "REQ-3", "proposed")
        ws.confirm("crm", "REQ-3", by="张伟", via="email")
    with at("2026-11-20T10:00:00+08:00"):
        ws.update("crm", "REQ-3", {"statement": "一屏处理工单和回访"})
    week = reports.build(ws, "crm", "progress", today=D(2026, 11, 20))
    srs = reports.build(ws, "crm", "requirements", today=D(2026, 11, 20))
    ask = next(r for r in sec(week, "client_asks")["blocks"][0]["rows"] if "REQ-3" in r[0])
    tbd = next(r for r in sec(srs, "tbd")["blocks"][0]["rows"] if "REQ-3" in r[0])
    # who signed it re-confirms it, by no date the code made up
    assert ask[1:3] == tbd[2:4] == ["张伟（甲方）", "未约定"]
