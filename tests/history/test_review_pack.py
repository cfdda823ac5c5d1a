"""The review pack (评审会材料, `accord report review`) on a scripted history
with fixed dates: section order in zh and en (report-structures.md §2), the
RAG outcomes, what the client is asked to decide (options and the vendor's
recommendation from the records), the sentences of empty sections, no
Chinese in English, a stable JSON shape, keep-as-sent, and the CLI's exit
codes."""
from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from helpers import at
from test_cli_history import one_error

from store import reports
from store.errors import InvalidValue, UnknownRecord
from store.model.schema import KINDS
from store.workspace import Workspace
from tui.cli.main import main

D = dt.date
TODAY = D(2026, 11, 22)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
BOB = ("Bob Stone", "bob@vendor.example")

EN_SECTIONS = ["Document control", "1 Object and purpose of the review", "2 Agenda",
               "3 Stage objectives against actual", "4 Products under review", "5 Changes",
               "6 Risks and issues", "7 Decisions requested from the client",
               "8 Next-stage forecast", "9 Review conclusion"]
ZH_SECTIONS = ["文档控制", "1 评审对象与目的", "2 会议议程", "3 阶段目标与实际",
               "4 评审对象与交付物清单", "5 变更汇总", "6 风险与问题", "7 请甲方决策事项",
               "8 下阶段计划", "9 评审结论"]
KEYS = ["control", "object", "agenda", "stage", "products", "changes", "risks",
        "decisions", "next", "conclusion"]


def build_stage(tmp) -> Workspace:
    """A stage review passed on 2026-11-06; in the stage that follows a
    requirement is delivered and accepted, a change request with a proposed
    decision awaits the client, a dispute and a high risk are open, a
    training is held, a weekly report is sent, and a milestone forecast
    slips without an approved change.  The next stage review is planned
    for 2026-11-26."""
    with at("2026-11-02T09:00:00+01:00"):
        ws = Workspace.init(tmp / "rws", name="Reports", language="en")
        ws.new_project("shop", "Web shop", "Acme Bank", fields={
            "start": D(2026, 11, 2), "end": D(2027, 1, 29),
            "goals": ["Customers order online"], "in_scope": ["Catalogue", "Checkout"],
            "stakeholders": [
                {"name": "Alice Wong", "side": "client", "role": "Client project lead"},
                {"name": "Carol King", "side": "client", "role": "Head of sales"},
                {"name": "Bob Stone", "side": "vendor", "role": "Project manager"}],
            "milestones": [
                {"name": "Design signed off", "baseline": D(2026, 11, 6),
                 "forecast": D(2026, 11, 6), "done_on": D(2026, 11, 6)},
                {"name": "Integration done", "baseline": D(2026, 11, 27),
                 "forecast": D(2026, 11, 27)},
                {"name": "Go-live", "baseline": D(2026, 12, 18),
                 "forecast": D(2026, 12, 18)}]})
    with at("2026-11-03T09:00:00+01:00"):
        ws.create("shop", "requirement", {
            "title": "Log in with a QR code", "statement": "Staff log in by scanning a code.",
            "priority": "must", "acceptance": ["Log-in takes under 3 seconds"],
            "client_contact": "Alice Wong", "owner": "Bob Stone"})
        ws.move("shop", "REQ-1", "proposed")
        ws.confirm("shop", "REQ-1", by="Alice Wong", via="email")
        ws.create("shop", "requirement", {
            "title": "Export orders to Excel", "statement": "Sales export the day's orders.",
            "priority": "should", "client_contact": "Carol King", "owner": "Bob Stone"})
        ws.move("shop", "REQ-2", "proposed")
    with at("2026-11-06T17:00:00+01:00"):
        ws.create("shop", "meeting", {"title": "Design review", "type": "stage-review",
                                      "date": D(2026, 11, 6), "chair": "Alice Wong"})
        ws.move("shop", "MTG-1", "held", {"outcome": "pass"})
    # --- the stage under review: 2026-11-07 .. 2026-11-22 --------------------------
    with at("2026-11-09T09:00:00+01:00"):
        ws.move("shop", "REQ-1", "in-progress")
    with at("2026-11-11T09:00:00+01:00"):
        ws.create("shop", "decision", {
            "title": "Pay by bank transfer as well",
            "context": "Half of the bank's business customers pay by transfer.",
            "options": ["Cards only", "Cards and bank transfer"],
            "outcome": "Offer bank transfer too; it is what business customers use.",
            "decided_by": ["Alice Wong"]})
        ws.create("shop", "change", {
            "title": "Add bank transfer at checkout", "requested_by": "Carol King",
            "reason": "Business customers pay by transfer.", "decision": "DEC-1",
            "impact": {"schedule_days": 5, "cost": 5000}})
        ws.move("shop", "CR-1", "proposed")
    with at("2026-11-12T09:00:00+01:00"):
        ws.move("shop", "REQ-1", "delivered")
        ws.create("shop", "issue", {
            "title": "Who cleans the old customer data", "type": "dispute",
            "description": "Both sides read the migration clause differently.",
            "positions": ["Client: cleaning is part of the migration.",
                          "Vendor: cleaning is out of scope."],
            "mitigation": "Migrate what rules can clean; the client checks the rest.",
            "owner": "Bob Stone", "escalated_to": "Carol King"})
        ws.create("shop", "issue", {
            "title": "Payment gateway test account late", "type": "risk",
            "impact": "high", "probability": "medium", "owner": "Bob Stone",
            "mitigation": "Test against the gateway's sandbox", "due": D(2026, 11, 25)})
    with at("2026-11-13T17:00:00+01:00"):
        ws.create("shop", "training", {"topic": "Administrator training", "format": "online",
                                       "date": D(2026, 11, 13), "trainer": "Bob Stone"})
        ws.move("shop", "TRN-1", "held", {"attendance": 6})
    with at("2026-11-14T09:00:00+01:00"):
        ws.create("shop", "report", {"title": "Weekly report 2", "type": "weekly",
                                     "sent_on": D(2026, 11, 14), "sent_to": ["Alice Wong"]})
        ws.move("shop", "RPT-1", "sent")
    with at("2026-11-16T09:00:00+01:00"):
        ws.move("shop", "REQ-1", "accepted")
    with at("2026-11-17T09:00:00+01:00"):
        ms = ws.project_data("shop")["milestones"]
        ms = [dict(m) for m in ms]
        ms[1].update(forecast=D(2026, 12, 4), note="The test server arrived late")
        ws.update_project("shop", {"milestones": ms})
    with at("2026-11-18T09:00:00+01:00"):
        ws.create("shop", "meeting", {
            "title": "Integration stage review", "type": "stage-review",
            "date": D(2026, 11, 26), "start": "10:00", "end": "11:30", "place": "Room 4",
            "chair": "Alice Wong", "attendees_client": ["Alice Wong", "Carol King"],
            "attendees_vendor": ["Bob Stone"],
            "agenda": ["Stage results", "Change requests", "Conclusion"]})
    return ws


@pytest.fixture(scope="module")
def stage(tmp_path_factory, module_git_home):
    return build_stage(tmp_path_factory.mktemp("review"))


@pytest.fixture(scope="module")
def en(stage):
    return reports.build(stage, "shop", "review", lang="en", today=TODAY)


@pytest.fixture(scope="module")
def zh(stage):
    return reports.build(stage, "shop", "review", lang="zh", today=TODAY)


def sec(doc, key):
    return next(s for s in doc["sections"] if s["key"] == key)


def text_of(section) -> str:
    return json.dumps(section, ensure_ascii=False)


def test_section_order_in_both_languages(en, zh):
    assert [s["key"] for s in en["sections"]] == KEYS
    assert [s["title"] for s in en["sections"]] == EN_SECTIONS
    assert [s["title"] for s in zh["sections"]] == ZH_SECTIONS
    md = reports.render(zh, "md")
    heads = [ln[3:] for ln in md.splitlines() if ln.startswith("## ")]
    assert heads == ZH_SECTIONS
    # document control on page 1, stage period, version
    labels = [k for k, _ in zh["header"]]
    assert labels == ["项目名称", "客户", "文档编号", "版本", "评审阶段", "编写", "审核", "批准",
                      "日期"]
    assert dict(zh["header"])["评审阶段"] == "2026-11-07 至 2026-11-22"
    assert dict(zh["header"])["编写"] == "Bob Stone（Project manager）"
    assert "修订记录" in text_of(sec(zh, "control")) and "分发" in text_of(sec(zh, "control"))


def test_meeting_stage_and_agenda(en):
    assert en["meeting"] == "MTG-2"
    assert en["stage"] == {"start": "2026-11-07", "end": "2026-11-22"}
    agenda = sec(en, "agenda")
    kvs = dict(agenda["blocks"][0]["items"])
    assert kvs["Time"] == "2026-11-26 10:00–11:30"
    assert kvs["Chair"] == "Alice Wong (client)"
    assert agenda["blocks"][1] == {"type": "list", "ordered": True,
                                   "items": ["Stage results", "Change requests", "Conclusion"]}
    # conclusion first: status and what the client must do, with the meeting date
    lead = sec(en, "object")["blocks"][0]["text"]
    assert lead.startswith("Overall status of the stage 2026-11-07 to 2026-11-22: AMBER")
    assert "at the meeting on 2026-11-26 to decide 3 items (section 7)" in lead


@pytest.mark.parametrize("text,want", [
    ("设计方案 | 30 分钟 | 刘洋", ("设计方案", 30, ["刘洋"])),
    ("Design｜Alice｜45 min", ("Design", 45, ["Alice"])),
    ("Wrap-up | 10", ("Wrap-up", 10, [])),
    ("Q&A | Alice | Bob", ("Q&A", None, ["Alice", "Bob"])),
    ("变更汇总（理财持仓）", ("变更汇总（理财持仓）", None, [])),
    ("[bold] | [/]", ("[bold]", None, ["[/]"])),
])
def test_agenda_line_with_time_and_presenter(text, want):
    from store.reports.common import agenda_item
    assert agenda_item(text) == want


def test_agenda_with_times_and_presenters_is_a_table(tmp_path):
    ws = build_stage(tmp_path)
    with at("2026-11-19T09:00:00+01:00"):
        ws.update("shop", "MTG-2", {"agenda": ["Stage results | 30 min | Bob Stone",
                                               "Change requests | 20 min", "Conclusion"]})
    agenda = sec(reports.build(ws, "shop", "review", lang="en", today=TODAY), "agenda")
    assert agenda["blocks"][1]["type"] == "table"
    assert agenda["blocks"][1]["rows"] == [
        ["1", "Stage results", "30 min", "Bob Stone (vendor)"],
        ["2", "Change requests", "20 min", "—"],
        ["3", "Conclusion", "—", "—"]]
    zh = sec(reports.build(ws, "shop", "review", lang="zh", today=TODAY), "agenda")
    assert zh["blocks"][1]["rows"][0] == ["1", "Stage results", "30 分钟", "Bob Stone（乙方）"]
    # the minutes (once the meeting is held: issue 19) list the same items
    with at("2026-11-20T09:00:00+01:00"):
        ws.move("shop", "MTG-2", "held")
    minutes = reports.build(ws, "shop", "minutes", lang="en", meeting="MTG-2", today=TODAY)
    assert sec(minutes, "agenda")["blocks"][0]["items"] == [
        "Stage results (Bob Stone, 30 min)", "Change requests (20 min)", "Conclusion"]


def test_rag_outcomes(en):
    dims = {k: v["rag"] for k, v in en["rag"]["dimensions"].items()}
    assert en["rag"]["overall"] == "amber"
    assert dims["schedule"] == "amber"     # forecast later than baseline, no change
    assert dims["scope"] == "amber"        # a change request awaits the client
    assert dims["quality"] == "green"      # the last review passed, no open bug
    assert dims["risk"] == "amber"         # a high risk is open
    assert dims["cost"] is None            # not recorded: not assessed
    assert en["rag"]["previous"]["as_of"] == "2026-11-06"
    assert en["rag"]["previous"]["dimensions"]["schedule"] == "green"
    rows = sec(en, "stage")["blocks"][1]["rows"]
    assert [r[0] for r in rows] == ["Schedule", "Scope", "Quality"]
    assert rows[0][3] == "GREEN → AMBER"
    assert rows[2][3] == "GREEN → GREEN"
    assert "Integration done" in rows[0][4]
    other = sec(en, "stage")["blocks"][-1]["rows"]
    assert other[0][:2] == ["Cost / resources", "not assessed → not assessed"]


def test_products_and_changes(en):
    assert en["products"] == {"requirements": ["REQ-1"], "reports": ["RPT-1"],
                              "trainings": ["TRN-1"]}
    rows = sec(en, "products")["blocks"][1]["rows"]
    assert rows == [["Log in with a QR code (REQ-1)", "accepted", "2026-11-12", "2026-11-16",
                     "Bob Stone (vendor)"]]
    trn = sec(en, "products")["blocks"][5]["rows"][0]
    assert trn[:4] == ["Administrator training (TRN-1)", "online", "2026-11-13",
                       "Bob Stone (vendor)"]
    assert en["changes"] == ["CR-1"]
    cr = sec(en, "changes")["blocks"][0]["rows"]
    assert cr == [["Add bank transfer at checkout (CR-1)", "5 calendar days", "CNY 5,000",
                   "awaiting sign-off", "2026-11-11"]]


def test_decisions_requested(en, zh):
    asks = en["decisions"]
    assert [(a["id"], a["what"]) for a in asks] == [("CR-1", "decide"), ("REQ-2", "signoff"),
                                                    ("ISS-1", "dispute")]
    cr = asks[0]
    # options and recommendation come from the change's proposed decision
    assert cr["options"] == ["Cards only", "Cards and bank transfer"]
    assert cr["recommendation"] == "Offer bank transfer too; it is what business customers use."
    assert cr["owner"] == "Carol King (client)" and cr["answer_by"] == "2026-11-26"
    assert asks[1]["owner"] == "Carol King (client)"
    dispute = asks[2]
    assert dispute["options"] == ["Client: cleaning is part of the migration.",
                                  "Vendor: cleaning is out of scope."]
    assert dispute["recommendation"].startswith("Migrate what rules can clean")
    assert dispute["owner"] == "Carol King (client)"   # escalated to her
    md = reports.render(zh, "md")
    assert "#### 7.1 决定变更申请：Add bank transfer at checkout（CR-1）" in md
    assert "**选项**：（1）Cards only；（2）Cards and bank transfer" in md
    assert "**乙方建议**：Offer bank transfer too" in md
    assert "#### 7.2 确认需求：Export orders to Excel（REQ-2）" in md
    assert "#### 7.3 裁定争议：Who cleans the old customer data（ISS-1）" in md
    assert "**最晚答复日期**：2026-11-26" in md


def test_conclusion_and_next_stage(en, zh):
    md = reports.render(zh, "md")
    assert "- ☐ 通过\n- ☐ 有条件通过（附整改项）\n- ☐ 不通过" in md
    assert en["conclusion"] == {"options": ["pass", "conditional", "fail"], "outcome": None}
    plan = sec(en, "next")["blocks"][-1]["items"]
    assert plan[0] == "Integration stage review (MTG-2) — chaired by Alice Wong (client), " \
                      "2026-11-26"
    assert "Milestone: Integration done — 2026-12-04" in plan


def test_held_review_ticks_its_outcome(stage):
    doc = reports.build(stage, "shop", "review", lang="en", today=TODAY, meeting="MTG-1")
    assert doc["meeting"] == "MTG-1" and doc["conclusion"]["outcome"] == "pass"
    assert doc["stage"]["start"] == "2026-11-02"        # no review before it: the start
    assert "☑ Passed" in reports.render(doc, "md")


def test_no_chinese_in_english(en):
    for fmt in ("md", "html", "json"):
        text = reports.render(en, fmt)
        assert not CJK.search(text), CJK.search(text)


def test_json_shape_is_stable(en):
    data = json.loads(reports.render(en, "json"))
    assert list(data) == ["type", "lang", "project", "title", "header", "sections", "footer",
                          "number", "version", "since", "until", "stage", "meeting", "rag",
                          "products", "changes", "decisions", "conclusion", "commits"]
    assert data["type"] == "review" and data["version"] == "V1.0"
    assert data["number"] == "SHOP-REV-20261122"
    assert set(data["rag"]) == {"overall", "reason", "dimensions", "previous"}
    assert all(set(a) == {"id", "kind", "what", "title", "options", "recommendation",
                          "owner", "answer_by"} for a in data["decisions"])
    assert all(set(s) == {"key", "title", "blocks"} for s in data["sections"])


def test_keep_as_sent_and_next_version(tmp_path):
    ws = build_stage(tmp_path)
    doc = reports.build(ws, "shop", "review", lang="zh", today=TODAY)
    with at("2026-11-22T18:00:00+01:00"):
        saved = reports.keep(ws, "shop", doc, reports.render(doc, "md"), sent_on=TODAY)
    rec = saved.record
    assert rec.data["type"] == "review" and rec.status == "sent"
    assert (rec.data["period_start"], rec.data["period_end"]) == (D(2026, 11, 7), TODAY)
    again = reports.build(ws, "shop", "review", lang="zh", today=TODAY)
    assert again["version"] == "V1.1"
    rows = sec(again, "control")["blocks"][1]["rows"]
    assert [r[0] for r in rows] == ["V1.0", "V1.1"]
    assert rows[0][2] == f"已发送甲方（{rec.id}）"


def test_empty_sections_say_so(tmp_path):
    with at("2026-11-02T09:00:00+01:00"):
        ws = Workspace.init(tmp_path / "empty", name="E", language="zh")
        ws.new_project("p", "空项目", "某银行", fields={"start": D(2026, 11, 2)})
    doc = reports.build(ws, "p", "review", today=TODAY)
    assert doc["meeting"] is None
    expect = {
        "agenda": "目前尚未安排阶段评审会或验收会；会议安排确定后，议程按本材料第 3 至 9 节进行。",
        "changes": "本阶段没有新提出或已决定的变更。",
        "risks": "目前没有未关闭的风险与问题。",
        "decisions": "本阶段没有需要甲方决定的事项。",
        "next": "下阶段尚未登记里程碑、待办或会议。",
    }
    for key, sentence in expect.items():
        blocks = sec(doc, key)["blocks"]
        assert {"type": "p", "text": sentence} in blocks, (key, blocks)
    products = text_of(sec(doc, "products"))
    for sentence in ("本阶段没有交付或验收的需求。", "本阶段没有向甲方发送报告。", "本阶段没有培训。"):
        assert sentence in products
    lead = sec(doc, "object")["blocks"][0]["text"]
    assert "目前没有待甲方决定的事项" in lead
    en = reports.render(reports.build(ws, "p", "review", lang="en", today=TODAY), "md")
    assert "No stage review or acceptance meeting is planned yet" in en


def test_bad_meeting_is_refused(stage):
    with pytest.raises(UnknownRecord, match="MTG-9"):
        reports.build(stage, "shop", "review", today=TODAY, meeting="MTG-9")
    with pytest.raises(InvalidValue, match="not a meeting"):
        reports.build(stage, "shop", "review", today=TODAY, meeting="REQ-1")


# --- the command line -----------------------------------------------------------------

@pytest.fixture
def run(stage, capsys, monkeypatch):
    monkeypatch.setenv("GIT_AUTHOR_DATE", "2026-11-22T12:00:00+01:00")

    def _run(*args):
        rc = main(["-C", str(stage.root), *args])
        out, err = capsys.readouterr()
        return rc, out, err
    return _run


def test_cli_review(run):
    rc, out, err = run("report", "review", "--lang", "en")
    assert rc == 0, err
    assert out.startswith("# Review pack — Web shop: Integration stage review\n")
    rc, out, err = run("report", "review", "--meeting", "MTG-1", "--format", "json")
    assert rc == 0, err
    assert json.loads(out)["meeting"] == "MTG-1"
    rc, out, err = run("report", "review", "--format", "html", "--lang", "zh")
    assert rc == 0 and out.startswith("<!DOCTYPE html>")


@pytest.mark.parametrize("args, word", [
    (("report", "review", "--meeting", "MTG-99"), "MTG-99"),
    (("report", "review", "--meeting", "nonsense"), "not a record id"),
    (("report", "review", "--meeting", "REQ-1"), "not a meeting"),
    (("report", "review", "MTG-1"), "--meeting"),
    (("report", "progress", "--meeting", "MTG-1"), "report review"),
])
def test_cli_review_errors(run, args, word):
    rc, out, err = run(*args)
    assert rc == 2 and out == ""
    assert word in one_error(err)


# --- the app's report screen ------------------------------------------------------------

def test_report_screen_builds_and_keeps_the_review_pack(tmp_path):
    import asyncio

    from textual.widgets import Input, Select

    from tui.app import make_app
    from tui.screens.report import TYPES, ReportScreen
    assert "review" in TYPES
    ws = build_stage(tmp_path)

    async def go():
        app = make_app(ws, "shop", today=TODAY, no_blink=True)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ReportScreen(ws, "shop"))
            await pilot.pause()
            scr = app.screen
            scr.query_one("#report-type", Select).value = "review"
            await pilot.pause()
            await app.workers.wait_for_complete()  # built in a worker
            await pilot.pause()
            assert scr.doc["type"] == "review" and scr.doc["meeting"] == "MTG-2"
            assert "7 Decisions requested from the client" in scr.text
            scr.query_one("#report-param", Input).value = "MTG-1"
            scr.action_build()
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert scr.doc["meeting"] == "MTG-1"
            with at("2026-11-22T18:00:00+01:00"):
                scr.action_keep()
            await pilot.pause()
    asyncio.run(go())
    kept = [r for r in ws.load("shop").of_kind(KINDS["report"])
            if r.data.get("type") == "review"]
    assert len(kept) == 1 and kept[0].status == "sent"
