"""What the client reads: the progress report's RAG per dimension with its
trend (上期 → 本期) on a scripted history with fixed dates, the monthly
extras, the acceptance criteria W1-W5 and M1-M5 one test each, and the
language of every report (no Chinese in English, no stored English values
in Chinese, empty sections say so)."""
from __future__ import annotations

import datetime as dt
import re

import pytest
from helpers import at, hand_commit, items, section_text

from store import reports
from store.errors import InvalidValue
from store.workspace import Workspace

D = dt.date
TODAY = D(2026, 11, 22)
ID_RE = re.compile(r"\b(?:REQ|CR|DEC|FB|MTG|ACT|ISS|RPT|TRN|SUP|LOG|LES)-\d+\b")
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
STORED = re.compile(r"\b(?:draft|proposed|confirmed|in-progress|delivered|accepted|rejected|"
                    r"withdrawn|raised|analysing|approved|implemented|agreed|superseded|"
                    r"received|acknowledged|replied|closed|planned|held|cancelled|open|done|"
                    r"dropped|mitigating|occurred|email|stage-review|conditional)\b")
BOB = ("Bob Stone", "bob@vendor.example")
MILESTONES = [
    {"name": "Design signed off", "baseline": D(2026, 11, 6), "forecast": D(2026, 11, 6),
     "done_on": D(2026, 11, 6)},
    {"name": "Integration done", "baseline": D(2026, 11, 27), "forecast": D(2026, 11, 27)},
    {"name": "Go-live", "baseline": D(2026, 12, 18), "forecast": D(2026, 12, 18)},
]


def build_en(tmp) -> Workspace:
    """An English project.  Up to 2026-11-15 everything is on plan (every
    dimension green); in the week 2026-11-16..22 a milestone forecast slips
    without a change, a signed-off requirement is edited by hand, a stage
    review passes with conditions, effort runs 15 % over plan and the
    client's action goes overdue."""
    with at("2026-11-02T09:00:00+01:00"):
        ws = Workspace.init(tmp / "ews", name="Reports", language="en")
        ws.new_project("shop", "Web shop", "Acme Bank", fields={
            "start": D(2026, 11, 2), "end": D(2027, 1, 29),
            "goals": ["Customers order online"], "in_scope": ["Catalogue", "Checkout"],
            "out_of_scope": ["Mobile app"],
            "stakeholders": [
                {"name": "Alice Wong", "side": "client", "role": "Client project lead"},
                {"name": "Carol King", "side": "client", "role": "Head of sales"},
                {"name": "Bob Stone", "side": "vendor", "role": "Project manager"}],
            "milestones": MILESTONES,
            "effort": [{"period": "2026-11", "planned_days": 40, "actual_days": 20}],
            "payments": [{"name": "First payment (30%)", "milestone": "Design signed off",
                          "amount": "USD 30,000", "due": D(2026, 11, 15)}]})
    with at("2026-11-03T09:00:00+01:00"):
        ws.create("shop", "requirement", {
            "title": "Log in with a QR code", "statement": "Staff log in by scanning a code.",
            "priority": "must", "acceptance": ["Log-in takes under 3 seconds"],
            "source": "workshop", "client_contact": "Alice Wong", "owner": "Bob Stone"})
        ws.move("shop", "REQ-1", "proposed")
        ws.confirm("shop", "REQ-1", by="Alice Wong", via="email")
    with at("2026-11-04T09:00:00+01:00"):
        ws.create("shop", "action", {"title": "Send the test data", "owner": "Alice Wong",
                                     "due": D(2026, 11, 20)})
        ws.create("shop", "action", {"title": "Write the install guide", "owner": "Bob Stone",
                                     "due": D(2026, 11, 25)})
        ws.create("shop", "issue", {"title": "Test server may arrive late", "type": "risk",
                                    "impact": "medium", "probability": "medium",
                                    "description": "The server is ordered by the client.",
                                    "mitigation": "Use a cloud machine meanwhile",
                                    "owner": "Bob Stone", "due": D(2026, 11, 30)})
    with at("2026-11-09T17:00:00+01:00"):
        ws.create("shop", "meeting", {
            "title": "Weekly meeting 1", "type": "progress", "date": D(2026, 11, 9),
            "start": "14:00", "end": "15:00", "place": "Room 4", "chair": "Bob Stone",
            "recorder": "Bob Stone"})
        ws.move("shop", "MTG-1", "held", {"attendees_client": ["Alice Wong"],
                                          "attendees_vendor": ["Bob Stone"],
                                          "absent": ["Carol King"]})
        ws.create("shop", "action", {"title": "Book the training room", "owner": "Carol King",
                                     "due": D(2026, 11, 13), "meeting": "MTG-1"})
    with at("2026-11-13T09:00:00+01:00"):
        ws.move("shop", "ACT-3", "done")
    # --- the reporting week --------------------------------------------------------
    with at("2026-11-17T09:00:00+01:00"):
        ms = [dict(m) for m in MILESTONES]
        ms[1].update(forecast=D(2026, 12, 4), note="The test server arrived late")
        ws.update_project("shop", {"milestones": ms})
    with at("2026-11-18T09:00:00+01:00", BOB):
        p = ws.root / "projects/shop/requirements/REQ-1.toml"
        p.write_text(p.read_text().replace("by scanning a code", "by scanning a QR code"))
        hand_commit(ws.root, "REQ-1: QR", "projects/shop/requirements/REQ-1.toml")
    with at("2026-11-19T17:00:00+01:00"):
        ws.create("shop", "meeting", {
            "title": "Design stage review", "type": "stage-review", "date": D(2026, 11, 19),
            "start": "10:00", "end": "11:30", "place": "Video call", "chair": "Alice Wong",
            "recorder": "Bob Stone"})
        ws.create("shop", "decision", {"title": "Use the bank's single sign-on",
                                       "outcome": "Staff sign on with the bank's SSO.",
                                       "decided_by": ["Alice Wong"], "via": "MTG-2"})
        ws.move("shop", "DEC-1", "agreed")
        ws.create("shop", "action", {"title": "Add the load test plan", "owner": "Bob Stone",
                                     "due": D(2026, 11, 28), "meeting": "MTG-2"})
        ws.move("shop", "MTG-2", "held", {"attendees_client": ["Alice Wong", "Carol King"],
                                          "attendees_vendor": ["Bob Stone"],
                                          "outcome": "conditional", "actions": ["ACT-4"],
                                          "decisions": ["DEC-1"]})
    with at("2026-11-20T09:00:00+01:00"):
        ws.update_project("shop", {"effort": [{"period": "2026-11", "planned_days": 40,
                                               "actual_days": 46}]})
    with at("2026-11-21T09:00:00+01:00"):
        ws.move("shop", "ACT-2", "done")
    return ws


@pytest.fixture
def enws(tmp_path):
    return build_en(tmp_path)


def week(ws, lang="en", **kw):
    kw.setdefault("since", "2026-11-16")
    return reports.build(ws, "shop", "progress", lang=lang, today=kw.pop("today", TODAY), **kw)


def md(doc) -> str:
    return reports.render(doc, "md")


def cells(row: str) -> list[str]:
    return [c.strip() for c in row.strip().strip("|").split("|")]


# --- RAG per dimension with its trend ---------------------------------------------

def test_rag_trend_previous_period_from_its_own_state(enws):
    doc = week(enws)
    prev = doc["rag"]["previous"]
    assert prev["as_of"] == "2026-11-15"
    assert prev["overall"] == "green"
    assert prev["dimensions"] == {"schedule": "green", "scope": "green", "cost": "green",
                                  "quality": "green", "risk": "green", "client": "green"}
    now = {k: v["rag"] for k, v in doc["rag"]["proposed"]["dimensions"].items()}
    assert now == {"schedule": "amber", "scope": "amber", "cost": "amber",
                   "quality": "amber", "risk": "green", "client": "amber"}
    assert list(now) == ["schedule", "scope", "cost", "quality", "risk", "client"]
    text = md(doc)
    block = section_text(text, "Status summary")
    rows = {cells(r)[0]: cells(r) for r in items(block)}
    assert rows["Overall"][1] == "GREEN → AMBER"
    assert rows["Schedule"][1] == "GREEN → AMBER"
    assert "Integration done" in rows["Schedule"][2]
    assert rows["Cost / resources"][1] == "GREEN → AMBER"
    assert "46 person-days against 40 planned" in rows["Cost / resources"][2]
    assert rows["Quality"][1] == "GREEN → AMBER"
    assert rows["Risk"][1] == "GREEN → GREEN"
    assert "Overall status moved from GREEN last period to AMBER" in block
    # the figures carry the previous period beside this one
    figs = section_text(text, "Figures")
    assert "| Changed since sign-off | 0 | 1 |" in figs


def test_last_period_shows_the_colour_as_sent(enws):
    """Last week's report was sent RED by hand and kept; worked out again
    from the records as they were, last week was green.  This week's report
    shows RED as last period's colour, says where it comes from, and works
    the dimensions out again."""
    last = reports.build(enws, "shop", "progress", lang="en", since="2026-11-09",
                         until="2026-11-15", today=D(2026, 11, 15), rag="red",
                         reason="The integration partner has not confirmed the test slot.")
    with at("2026-11-16T09:00:00+08:00"):
        rid = reports.keep(enws, "shop", last, md(last), sent_on=D(2026, 11, 16)).record.id
    assert enws.read("shop", rid).data["rag"] == "red"
    doc = week(enws)
    prev = doc["rag"]["previous"]
    assert (prev["overall"], prev["sent"]) == ("red", rid)
    assert set(prev["dimensions"].values()) == {"green"}
    text = md(doc)
    rows = {cells(r)[0]: cells(r) for r in items(section_text(text, "Status summary"))}
    assert rows["Overall"][1] == f"RED (as sent in {rid}) → AMBER"
    assert rows["Schedule"][1] == "GREEN → AMBER"
    assert "Overall status moved from RED last period to AMBER" in text
    zh = {cells(r)[0]: cells(r)
          for r in items(section_text(md(week(enws, "zh")), "总体状态"))}
    assert zh["总体"][1].startswith(f"红（{rid} 所报）")


def test_rag_rules_red_and_covered(enws):
    # past the baseline, not done, no approved change: red, and the trend shows it
    doc = week(enws, since="2026-11-23", today=D(2026, 11, 28))
    assert doc["rag"]["proposed"]["dimensions"]["schedule"]["rag"] == "red"
    assert doc["rag"]["overall"] == "red"
    assert doc["rag"]["previous"]["dimensions"]["schedule"] == "amber"
    # an approved change covering the slip: not red, and schedule green
    with at("2026-11-23T09:00:00+01:00"):
        enws.create("shop", "change", {"title": "Move integration by a week",
                                       "requested_by": "Alice Wong",
                                       "impact.schedule_days": 7})
        enws.confirm("shop", "CR-1", by="Alice Wong", via="email")
        ms = [dict(m) for m in MILESTONES]
        ms[1].update(forecast=D(2026, 12, 4), change="CR-1", note="The test server arrived late")
        enws.update_project("shop", {"milestones": ms})
    doc = week(enws, since="2026-11-23", today=D(2026, 11, 28))
    assert doc["rag"]["proposed"]["dimensions"]["schedule"]["rag"] == "green"


def test_cost_not_assessed_without_records(enws):
    with at("2026-11-21T10:00:00+01:00"):
        enws.update_project("shop", {"effort": [], "payments": []})
    doc = week(enws)
    cost = doc["rag"]["proposed"]["dimensions"]["cost"]
    assert cost["rag"] is None and "not recorded" in cost["reason"]
    row = next(r for r in items(section_text(md(doc), "Status summary"))
               if r.startswith("| Cost"))
    assert cells(row)[1] == "GREEN → not assessed"


def test_quality_fail_is_red_and_settled_conditions_green(enws):
    with at("2026-11-21T11:00:00+01:00"):
        enws.move("shop", "ACT-4", "done")
    assert week(enws)["rag"]["proposed"]["dimensions"]["quality"]["rag"] == "green"
    with at("2026-11-21T12:00:00+01:00"):
        enws.update("shop", "MTG-2", {"outcome": "fail"})
    q = week(enws)["rag"]["proposed"]["dimensions"]["quality"]
    assert q["rag"] == "red" and "Design stage review (MTG-2)" in q["reason"]


def test_override_cannot_paint_a_slipped_milestone_green(enws):
    with pytest.raises(InvalidValue, match="never green"):
        week(enws, rag="green", reason="All fine.")
    doc = week(enws, rag="red", reason="The client asked us to stop.")
    assert doc["rag"]["overall"] == "red" and doc["rag"]["overridden"]
    assert doc["rag"]["proposed"]["overall"] == "amber"


# --- monthly extras ------------------------------------------------------------------

def test_monthly_report_adds_resources_payments_figures_recommendations(enws):
    doc = week(enws, since="2026-11-01")
    assert doc["cadence"] == "monthly"
    keys = [s["key"] for s in doc["sections"]]
    assert keys == ["status", "milestones", "done", "next", "changes", "risks", "client_asks",
                    "figures", "resources", "payments", "month_figures", "recommendations",
                    "appendix", "control"]
    text = md(doc)
    assert "(No. 1)" in text.splitlines()[0] and "Monthly progress report" in text
    assert "## Completed this month" in text and "## Next month" in text
    res = section_text(text, "Resources and effort")
    assert "| 2026-11 | 40 | 46 | +6 |" in res and "| Total | 40 | 46 | +6 |" in res
    pay = section_text(text, "Payments and milestone acceptance")
    assert "| First payment (30%) | Design signed off | USD 30,000 | 2026-11-15 | " \
           "7 days overdue |" in pay
    fig = section_text(text, "This month in figures")
    assert "| Requirements added | 1 |" in fig and "| Requirements signed off | 1 |" in fig
    rec = section_text(text, "Recommendations")
    assert len(items(rec)) == 5          # one per amber dimension, none made up
    assert doc["figures"]["month"]["req_added"] == 1
    # nothing recorded: the report says so instead of inventing figures
    with at("2026-11-21T10:00:00+01:00"):
        enws.update_project("shop", {"effort": [], "payments": []})
    text = md(week(enws, since="2026-11-01"))
    assert "Effort against plan is not recorded" in section_text(text, "Resources and effort")
    assert "No payment milestones are recorded" in section_text(
        text, "Payments and milestone acceptance")


# --- W1-W5 ---------------------------------------------------------------------------

def test_w1_first_five_lines(enws):
    first = [ln for ln in md(week(enws)).splitlines() if ln.strip()][:5]
    head = "\n".join(first)
    assert "Web shop" in first[0] and "(No. 3)" in first[0]
    assert "**Reporting period**: 2026-11-16 to 2026-11-22" in head
    m = re.search(r"\*\*Overall status\*\*: (RED|AMBER|GREEN) — ([^\n]+)", head)
    assert m and m.group(1) == "AMBER"
    reason = m.group(2).strip()
    assert reason.endswith(".") and reason.count(". ") == 0     # one sentence


def test_w2_titles_owners_dates_no_bare_ids(enws):
    text = md(week(enws))
    for title in ("Completed this week", "Next week", "Key risks and issues",
                  "Decisions and support needed from the client"):
        for it in items(section_text(text, title)):
            assert re.search(r"[A-Za-z]{3,}", ID_RE.sub("", it)), it    # a plain title
            if title != "Completed this week":
                # an ask's date only as a record holds it (issue 19)
                assert DATE_RE.search(it) or "| not agreed |" in it, it
                assert "(client)" in it or "(vendor)" in it, it
    for m in ID_RE.finditer(text):
        assert text[m.start() - 1] == "(", text[m.start() - 30:m.end()]
    shas = enws.git.run("log", "--format=%H").stdout.split()
    assert not any(s[:7] in text for s in shas)


def test_w3_milestones_baseline_forecast_cause_and_no_watermelon(enws):
    doc = week(enws)
    block = section_text(md(doc), "Milestones")
    assert "| Milestone | Baseline | Forecast / actual | Variance (calendar days) | Note |" in block
    assert "| Integration done | 2026-11-27 | 2026-12-04 | +7 | forecast late; cause: The test " \
           "server arrived late; no approved change |" in block
    assert doc["rag"]["overall"] != "green"
    # a slip without a recorded cause says the cause is missing
    with at("2026-11-21T10:00:00+01:00"):
        ms = [dict(m) for m in MILESTONES]
        ms[1].update(forecast=D(2026, 12, 4))
        enws.update_project("shop", {"milestones": ms})
    block = section_text(md(week(enws)), "Milestones")
    assert "cause not recorded — to be explained" in block


def test_w4_client_asks_with_deadline_and_effect(enws):
    text = md(week(enws))
    rows = items(section_text(text, "Decisions and support needed from the client"))
    assert rows
    for r in rows:
        c = cells(r)
        assert (DATE_RE.fullmatch(c[2]) or c[2] == "not agreed") and len(c[3]) > 10, r
    late = next(r for r in rows if "Send the test data" in r)
    assert "already 2 days overdue" in late
    # nothing asked: one line saying so
    with at("2026-11-21T10:00:00+01:00"):
        enws.move("shop", "ACT-1", "done")
        enws.confirm("shop", "REQ-1", by="Alice Wong", via="email")
    block = section_text(md(week(enws)), "Decisions and support needed from the client")
    assert block.strip() == "None this period."


def test_w5_length(enws, reportws):
    text = md(week(enws))
    body = "\n".join(ln for ln in text.splitlines() if not ln.startswith("|"))
    assert len(re.findall(r"[A-Za-z]+", body)) <= 600
    ws, c = reportws
    zh = md(reports.build(ws, "crm", "progress"))
    body = "\n".join(ln for ln in zh.splitlines() if not ln.startswith("|"))
    assert len(re.findall(r"[\u4e00-\u9fff]", body)) <= 1200


# --- M1-M5 -----------------------------------------------------------------------------

def minutes(ws, mid="MTG-2", lang="en"):
    return md(reports.build(ws, "shop", "minutes", meeting=mid, lang=lang, today=TODAY))


def test_m1_header(enws):
    head = minutes(enws).split("## ")[0]
    for label in ("**Time**: 2026-11-19 10:00–11:30", "**Place**: Video call",
                  "**Chair**: Alice Wong (client)", "**Minute-taker**: Bob Stone (vendor)",
                  "**Attendees (client)**: Alice Wong (Client project lead), Carol King "
                  "(Head of sales)", "**Attendees (vendor)**: Bob Stone (Project manager)",
                  "**Apologies**: None."):
        assert label in head, label


def test_m2_decisions_numbered_sentences_apart_from_discussion(enws):
    text = minutes(enws)
    dec = section_text(text, "4 Decisions")
    # the decision's title in the bracket as id then title: no bracket in a bracket
    assert re.search(r"^1\. Staff sign on with the bank's SSO \(decided by Alice Wong; "
                     r"DEC-1 “Use the bank's single sign-on”\)$", dec, re.M)
    assert "SSO" not in section_text(text, "3 Discussion")
    titles = re.findall(r"^## (.+)$", text, re.M)
    assert titles == ["1 Agenda", "2 Matters arising (previous meeting's actions)",
                      "3 Discussion", "4 Decisions", "5 Action items", "6 Next meeting",
                      "Confirmation", "Document control"]


def test_m3_actions_named_owner_and_absolute_date(enws):
    rows = items(section_text(minutes(enws), "5 Action items"))
    assert rows == ["| 1 | Add the load test plan (ACT-4) | Bob Stone (vendor) | 2026-11-28 "
                    "| open |"]
    # an action without owner or date says what is missing, never "TBD"
    with at("2026-11-21T10:00:00+01:00"):
        enws.create("shop", "action", {"title": "Agree the go-live date", "meeting": "MTG-2"})
    block = section_text(minutes(enws), "5 Action items")
    assert "owner not named yet" in block and "date not set — to be fixed" in block
    assert "TBD" not in block and "待定" not in block


def test_m4_previous_meetings_actions_with_status(enws):
    block = section_text(minutes(enws), "2 Matters arising (previous meeting's actions)")
    assert "From Weekly meeting 1 (MTG-1), 2026-11-09." in block
    assert "| Book the training room (ACT-3) | Carol King (client) | 2026-11-13 | done |" in block
    first = section_text(minutes(enws, "MTG-1"), "2 Matters arising (previous meeting's actions)")
    assert first.strip() == "This is the first meeting."


def test_m5_footer_sign_off_rule_issue_date_version(enws):
    text = minutes(enws)
    conf = section_text(text, "Confirmation")
    assert "within 3 working days of issue" in conf
    assert "**Client representative / date**" in conf and "**Vendor representative / date**" in conf
    foot = text.split("\n---\n")[-1]
    assert "Issued: 2026-11-19" in foot and "Version: 1.0" in foot  # the meeting's date
    assert "Reviewed by: Alice Wong" in foot and "Minute-taker: Bob Stone" in foot


# --- language and empty sections ----------------------------------------------------------

def all_docs(ws, lang):
    out = {"weekly": week(ws, lang), "monthly": week(ws, lang, since="2026-11-01")}
    for kind in ("final", "requirements"):
        out[kind] = reports.build(ws, "shop", kind, lang=lang, today=TODAY)
    out["minutes"] = reports.build(ws, "shop", "minutes", meeting="MTG-2", lang=lang,
                                   today=TODAY)
    return out


def test_english_reports_have_no_chinese(enws):
    for name, doc in all_docs(enws, "en").items():
        for fmt in ("md", "html"):
            text = reports.render(doc, fmt)
            m = CJK.search(text)
            assert m is None, f"{name} {fmt}: {text[max(0, m.start() - 60):m.end() + 20]!r}"


def test_chinese_reports_have_no_stored_english_values(reportws):
    ws, c = reportws
    docs = {"progress": reports.build(ws, "crm", "progress"),
            "monthly": reports.build(ws, "crm", "progress", since="2026-11-01"),
            "final": reports.build(ws, "crm", "final"),
            "requirements": reports.build(ws, "crm", "requirements"),
            "minutes": reports.build(ws, "crm", "minutes", meeting="MTG-2")}
    for name, doc in docs.items():
        text = md(doc)
        m = STORED.search(text)
        assert m is None, f"{name}: {text[max(0, m.start() - 60):m.end() + 20]!r}"


def test_empty_sections_say_so_in_one_line(tmp_path):
    with at("2026-11-02T09:00:00+01:00"):
        ws = Workspace.init(tmp_path / "empty", name="Empty", language="en")
        ws.new_project("shop", "Web shop", "Acme Bank")
        ws.create("shop", "meeting", {"title": "Kick-off", "date": D(2026, 11, 5)})
    for lang in ("en", "zh"):
        docs = [reports.build(ws, "shop", k, lang=lang, today=D(2026, 11, 3))
                for k in ("progress", "final", "requirements")]
        docs.append(reports.build(ws, "shop", "progress", since="2026-10-01", lang=lang,
                                  today=D(2026, 11, 3)))
        # a meeting not held yet has no minutes (issue 19): refused in one line
        with pytest.raises(InvalidValue, match="MTG-1 is planned, not held"):
            reports.build(ws, "shop", "minutes", meeting="MTG-1", lang=lang,
                          today=D(2026, 11, 3))
        for doc in docs:
            for sec in doc["sections"]:
                assert sec["blocks"], (doc["type"], sec["title"])    # never a bare header
                last = sec["blocks"][-1]
                assert last["type"] != "h3", (doc["type"], sec["title"])
            text = md(doc)
            assert "\n## " in text and not re.search(r"^## .+\n\n(?=## |\Z)", text, re.M)
            if lang == "en":
                assert not CJK.search(text), doc["type"]


def test_previous_state_ignores_uncommitted_edits(enws):
    """The previous period's state comes from git, not from the work tree:
    an uncommitted edit of a record changes this period only."""
    p = enws.root / "projects/shop/issues/ISS-1.toml"
    p.write_text(p.read_text().replace('impact = "medium"', 'impact = "high"'))
    doc = week(enws)
    assert doc["rag"]["proposed"]["dimensions"]["risk"]["rag"] == "amber"
    assert doc["rag"]["previous"]["dimensions"]["risk"] == "green"
