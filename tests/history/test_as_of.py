"""Documents as of their own point (issue 19), on the scripted report
history (reportws: "today" 2026-11-20) with commits added after it: the
closed week's report does not move, minutes show each item's state at
their issue date, versions come from kept reports, the weekly report and
the minutes agree, unreadable records are named, Markdown renders clean."""
from __future__ import annotations

from store import cache

import datetime as dt
import re
import subprocess

import pytest
from helpers import at, hand_commit, section_text
from markdown_it import MarkdownIt

from store import reports, snapshot
from store.errors import InvalidValue
from tui.cli.main import main

D = dt.date


def md(ws, kind, **kw):
    return reports.render(reports.build(ws, "crm", kind, **kw), "md")


def sec(doc, key):
    return next(s for s in doc["sections"] if s["key"] == key)


def later_commits(ws):
    """Edits after the week 11-16..11-20: an action reopened, a requirement
    renamed, an action done."""
    with at("2026-11-23T09:00:00+08:00"):
        ws.move("crm", "ACT-2", "open")
        ws.update("crm", "REQ-1", {"title": "扫码登录（十一月底改名）"})
    with at("2026-11-24T09:00:00+08:00"):
        ws.move("crm", "ACT-3", "done")


# --- one read of the records at a revision -------------------------------------------

def test_records_at_one_read_kept_by_tree(reportws):
    ws, c = reportws
    first = snapshot.records_at(ws, "crm", c["confirm"])
    assert first["REQ-1"][0] == "requirement" and first["REQ-1"][1]["status"] == "confirmed"
    assert first["project"][0] == "project" and "ISS-1" not in first   # not yet recorded
    assert snapshot.records_at(ws, "crm", c["confirm"]) is first       # kept by tree id
    tree = snapshot.tree_id(ws, "crm", c["confirm"])
    files = list(cache.cache_dir(ws, "crm").glob(f"tree-{tree}.asof"))
    assert len(files) == 1                                              # and on disk


# --- as of a date ---------------------------------------------------------------------

def test_closed_week_is_byte_identical_after_later_commits(reportws):
    ws, _ = reportws
    kw = dict(since="2026-11-16", until="2026-11-20", today=D(2026, 11, 27))
    before = md(ws, "progress", **kw)
    later_commits(ws)
    assert md(ws, "progress", **kw) == before
    assert "扫码登录（十一月底改名）" not in before
    # the same week as of now (explicit --as-of) does see the rename
    assert "扫码登录（十一月底改名）" in md(ws, "progress", as_of="2026-11-24", **kw)


def test_as_of_a_revision_and_a_date_before_the_project(reportws):
    ws, c = reportws
    doc = reports.build(ws, "crm", "requirements", as_of=c["confirm"], today=D(2026, 11, 27))
    assert doc["type"] == "requirements" and "TRAP" not in str(doc)
    assert "导出" not in reports.render(doc, "md")            # REQ-2 came later
    early = reports.build(ws, "crm", "requirements", as_of="2026-10-01",
                          today=D(2026, 11, 27))
    assert "扫码登录" not in reports.render(early, "md")


def test_minutes_show_states_at_their_issue_date(reportws):
    ws, _ = reportws
    later_commits(ws)
    doc = reports.build(ws, "crm", "minutes", meeting="MTG-1", today=D(2026, 11, 27))
    rows = sec(doc, "actions")["blocks"][0]["rows"]
    # as of the kickoff (11-03): both still open, neither overdue nor done
    assert [r[1:] for r in rows] == [
        ["提供工单流程文档（ACT-1）", "张伟（甲方）", "2026-11-12", "待处理"],
        ["提交实施计划（ACT-2）", "王磊（乙方）", "2026-11-10", "待处理"]]
    assert doc["as_of"] == "2026-11-03" and doc["control"]["issued"] == "2026-11-03"
    # 下次会议: the next meeting after this one by date, held or not, as of
    # the minutes' point (MTG-2 and MTG-3 were recorded later: as first
    # recorded), never as of today
    assert sec(doc, "next_meeting")["blocks"][0]["text"] == \
        "第 2 次周例会（MTG-2），2026-11-17，腾讯会议"
    doc2 = reports.build(ws, "crm", "minutes", meeting="MTG-2", today=D(2026, 11, 27))
    assert sec(doc2, "next_meeting")["blocks"][0]["text"] == \
        "第 3 次周例会（MTG-3），2026-11-24，腾讯会议"
    # ACT-3 (MTG-2, done 11-24) was open when the minutes of 11-17 were issued
    assert sec(doc2, "actions")["blocks"][0]["rows"][0][-1] == "待处理"


def test_minutes_next_meeting_as_of_their_point(reportws):
    # MTG-2's minutes kept on 11-19: MTG-3 (recorded 11-18) was then planned
    # for 11-24 at 腾讯会议; its later new place, date and cancellation
    # never reach the minutes issued before them
    ws, _ = reportws
    doc = reports.build(ws, "crm", "minutes", meeting="MTG-2", today=D(2026, 11, 19))
    with at("2026-11-19T18:00:00+08:00"):
        reports.keep(ws, "crm", doc, reports.render(doc, "md"), sent_on=D(2026, 11, 19))
    before = {(lang, fmt): reports.render(reports.build(ws, "crm", "minutes", meeting="MTG-2",
                                                        lang=lang, today=D(2026, 11, 27)), fmt)
              for lang in ("zh", "en") for fmt in ("md", "html")}
    assert "第 3 次周例会（MTG-3），2026-11-24，腾讯会议" in before["zh", "md"]
    with at("2026-11-21T09:00:00+08:00"):
        ws.update("crm", "MTG-3", {"place": "总行 12 楼", "date": D(2026, 11, 26)})
    with at("2026-11-23T09:00:00+08:00"):
        ws.move("crm", "MTG-3", "cancelled")
    for (lang, fmt), text in before.items():
        again = reports.build(ws, "crm", "minutes", meeting="MTG-2", lang=lang,
                              today=D(2026, 11, 27))
        assert reports.render(again, fmt) == text, (lang, fmt)
    assert "已取消" not in before["zh", "md"] and "cancelled" not in before["en", "md"]
    # MTG-1's point (11-03) is before MTG-3 was recorded: as first recorded
    first = reports.build(ws, "crm", "minutes", meeting="MTG-1", today=D(2026, 11, 27))
    assert sec(first, "next_meeting")["blocks"][0]["text"] == \
        "第 2 次周例会（MTG-2），2026-11-17，腾讯会议"
    # minutes as of now do see the cancellation
    now = reports.build(ws, "crm", "minutes", meeting="MTG-2", as_of="2026-11-27",
                        today=D(2026, 11, 27))
    assert sec(now, "next_meeting")["blocks"][0]["text"] == \
        "第 3 次周例会（MTG-3），2026-11-26，总行 12 楼（已取消）"


def test_a_cancellation_notice_names_the_next_meeting_as_of_its_point(reportws):
    ws, _ = reportws
    with at("2026-11-19T09:00:00+08:00"):
        ws.create("crm", "meeting", {"title": "需求澄清会", "type": "workshop",
                                     "date": D(2026, 11, 19)})
        ws.move("crm", "MTG-4", "cancelled")
    doc = reports.build(ws, "crm", "minutes", meeting="MTG-4", today=D(2026, 11, 27))
    assert "下次会议：第 3 次周例会（MTG-3），2026-11-24。" in reports.render(doc, "md")
    with at("2026-11-21T09:00:00+08:00"):
        ws.update("crm", "MTG-3", {"date": D(2026, 11, 26)})
    again = reports.build(ws, "crm", "minutes", meeting="MTG-4", today=D(2026, 11, 27))
    assert reports.render(again, "md") == reports.render(doc, "md")


def test_minutes_item_recorded_after_the_meeting_is_listed(reportws):
    ws, _ = reportws
    with at("2026-11-21T09:00:00+08:00"):
        ws.create("crm", "action", {"title": "补充会议材料", "owner": "王磊",
                                    "due": D(2026, 11, 28), "meeting": "MTG-2"})
    with at("2026-11-22T09:00:00+08:00"):
        ws.move("crm", "ACT-4", "done")
    # listed, with its first recorded state (it did not exist at the issue date)
    doc = reports.build(ws, "crm", "minutes", meeting="MTG-2", today=D(2026, 11, 27))
    rows = sec(doc, "actions")["blocks"][0]["rows"]
    assert ["2", "补充会议材料（ACT-4）", "王磊（乙方）", "2026-11-28", "待处理"] in rows


def test_reissued_minutes_are_version_1_1_with_a_revision_line(reportws):
    ws, _ = reportws
    doc = reports.build(ws, "crm", "minutes", meeting="MTG-2", today=D(2026, 11, 18))
    with at("2026-11-18T09:00:00+08:00"):
        reports.keep(ws, "crm", doc, reports.render(doc, "md"), sent_on=D(2026, 11, 18))
    with at("2026-11-22T09:00:00+08:00"):
        reports.keep(ws, "crm", doc, reports.render(doc, "md"), sent_on=D(2026, 11, 22))
    again = reports.build(ws, "crm", "minutes", meeting="MTG-2", today=D(2026, 11, 27))
    control = again["control"]
    assert control["version"] == "1.1" and control["issued"] == "2026-11-22"
    assert [r[:3] for r in control["revisions"]] == [["1.0", "2026-11-18", "首次发出"],
                                                     ["1.1", "2026-11-22", "重新发出"]]
    foot = dict(again["footer"])
    assert foot["发出日期"] == "2026-11-22" and foot["版本"] == "1.1"


# --- defaults a PM expects -----------------------------------------------------------

def test_proposed_decision_is_pending_not_a_resolution(reportws):
    ws, _ = reportws
    with at("2026-11-17T18:00:00+08:00"):
        ws.create("crm", "decision", {"title": "试点延后一周", "outcome": "试点延后一周。",
                                      "decided_by": ["张伟"], "via": "MTG-2"})
    doc = reports.build(ws, "crm", "minutes", meeting="MTG-2", today=D(2026, 11, 20))
    blocks = sec(doc, "decisions")["blocks"]
    assert [x for x in blocks[0]["items"] if "试点延后" in x] == []
    assert blocks[1] == {"type": "h3", "text": "待决事项"}
    assert blocks[2]["items"] == ["试点延后一周（待张伟决定；DEC-2）"]
    assert doc["pending"] == ["DEC-2"]


def test_minutes_of_a_meeting_not_held(reportws):
    ws, _ = reportws
    with pytest.raises(InvalidValue, match="MTG-3 is planned, not held"):
        reports.build(ws, "crm", "minutes", meeting="MTG-3", today=D(2026, 11, 20))
    with at("2026-11-20T09:00:00+08:00"):
        ws.move("crm", "MTG-3", "cancelled")
    doc = reports.build(ws, "crm", "minutes", meeting="MTG-3", today=D(2026, 11, 27))
    assert doc["cancelled"] and doc["title"] == "零售 CRM 项目 周例会取消通知"
    assert [s["key"] for s in doc["sections"]] == ["notice", "control"]
    assert "cancelled" not in reports.render(doc, "md")


def test_progress_weekly_by_default_and_after_the_last_kept_report(reportws):
    ws, _ = reportws
    doc = reports.build(ws, "crm", "progress", today=D(2026, 11, 20))
    assert doc["cadence"] == "weekly" and dict(doc["header"])["报告期"] == \
        "2026-11-17 至 2026-11-20"
    with at("2026-11-20T18:00:00+08:00"):
        reports.keep(ws, "crm", doc, reports.render(doc, "md"), sent_on=D(2026, 11, 20))
    # 17 days later: the next unreported week, never overlapping the kept one
    nxt = reports.build(ws, "crm", "progress", today=D(2026, 12, 7))
    assert dict(nxt["header"])["报告期"] == "2026-11-21 至 2026-11-27"
    assert nxt["cadence"] == "weekly"
    monthly = reports.build(ws, "crm", "progress", cadence="monthly", today=D(2026, 12, 7))
    assert monthly["cadence"] == "monthly"
    assert dict(monthly["header"])["报告期"] == "2026-12-01 至 2026-12-07"


def test_progress_names_the_weeks_cancelled_meeting(reportws):
    ws, _ = reportws
    with at("2026-11-19T09:00:00+08:00"):
        ws.create("crm", "meeting", {"title": "需求澄清会", "type": "workshop",
                                     "date": D(2026, 11, 19)})
        ws.move("crm", "MTG-4", "cancelled")
    text = md(ws, "progress", today=D(2026, 11, 20))
    assert "已取消：需求澄清会（MTG-4），2026-11-19" in section_text(text, "附件")


# --- one truth ------------------------------------------------------------------------

def test_weekly_report_and_minutes_of_the_week_agree(reportws):
    ws, _ = reportws
    week = reports.build(ws, "crm", "progress", since="2026-11-16", until="2026-11-20",
                         today=D(2026, 11, 20))
    minutes = reports.build(ws, "crm", "minutes", meeting="MTG-2", today=D(2026, 11, 20))
    asks = {r[0]: r[1:3] for r in sec(week, "client_asks")["blocks"][0]["rows"]}
    # the client's action from the meeting: same owner, same date in both
    act = next(r for r in sec(minutes, "actions")["blocks"][0]["rows"] if "ACT-3" in r[1])
    assert asks["确认试点支行名单（ACT-3）"] == [act[2], act[3]] == ["李娜（甲方）", "2026-11-24"]
    # the previous meeting's open client action too
    prev = next(r for r in sec(minutes, "matters_arising")["blocks"][1]["rows"]
                if "ACT-1" in r[0])
    assert asks["提供工单流程文档（ACT-1）"] == prev[1:3]
    # every ask not held by a record says so, with no invented date
    for item, (_who, due) in asks.items():
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}|未约定", due), item


# --- never silently incomplete ------------------------------------------------------------

def test_unreadable_record_is_named_and_exits_1(reportws, capsys):
    ws, _ = reportws

    def run(*args):
        rc = main(["-C", str(ws.root), *args])
        out, err = capsys.readouterr()
        return subprocess.CompletedProcess(args, rc, out, err)

    path = "projects/crm/requirements/REQ-9.toml"
    with at("2026-11-20T09:00:00+08:00"):
        (ws.root / path).write_text('title = "坏\n')
        hand_commit(ws.root, "REQ-9", path)
    p = run("report", "requirements")
    assert p.returncode == 1, p.stderr
    assert re.search(rf"^{re.escape(path)}: ", p.stderr, re.M)
    assert "无法读取的记录" in p.stdout and path in p.stdout
    p = run("report", "requirements", "--as-of", "2026-11-19")
    assert p.returncode == 0 and path not in p.stderr       # not there yet then
    p = run("report", "minutes", "MTG-3")
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1


# --- Markdown any viewer renders ---------------------------------------------------------

def _text(tokens):
    for t in tokens:
        if t.type == "inline":
            yield from (c.content for c in t.children or [] if c.type == "text")


def test_markdown_has_no_stray_backslash_and_tables_hold(reportws):
    ws, _ = reportws
    with at("2026-11-20T09:00:00+08:00"):
        ws.update("crm", "MTG-2", {"minutes": "1. 先做登录\n2) 再做导出\n- 其余下周"})
    parser = MarkdownIt("commonmark").enable("table")
    for kind, kw in (("progress", {}), ("minutes", {"meeting": "MTG-2"}),
                     ("requirements", {}), ("final", {}), ("review", {})):
        text = md(ws, kind, today=D(2026, 11, 20), **kw)
        tokens = parser.parse(text)
        shown = "\n".join(_text(tokens))
        assert "\\" not in shown, (kind, [ln for ln in shown.splitlines() if "\\" in ln])
        tables = sum(1 for ln in text.splitlines() if re.match(r"^\|---", ln))
        assert sum(1 for t in tokens if t.type == "table_open") == tables, kind
    shown = "\n".join(_text(parser.parse(md(ws, "minutes", meeting="MTG-2",
                                            today=D(2026, 11, 20)))))
    assert "1. 先做登录" in shown and "2) 再做导出" in shown


def test_review_pack_of_a_past_meeting_is_as_of_that_meeting(tmp_path):
    from test_review_pack import build_stage
    ws = build_stage(tmp_path)
    doc = reports.build(ws, "shop", "review", lang="en", meeting="MTG-1", today=D(2026, 11, 22))
    head = dict(doc["header"])
    assert head["Date"] == "2026-11-06"          # the meeting's day, not the day it is made
    assert all(a["answer_by"] in ("2026-11-06", "not agreed") for a in doc["decisions"])


def test_command_line_as_of_and_cadence(reportws, capsys):
    ws, _ = reportws

    def run(*args):
        rc = main(["-C", str(ws.root), *args])
        out, err = capsys.readouterr()
        return rc, out, err
    rc, out, err = run("report", "progress", "--monthly", "--format", "json")
    assert rc == 0 and '"cadence": "monthly"' in out
    rc, out, err = run("summary", "--as-of", "2026-11-18", "--since", "2026-11-16")
    assert rc == 0 and out.startswith("# ")
    rc, out, err = run("report", "minutes", "MTG-2", "--monthly")
    assert rc == 2 and "--weekly/--monthly are for `report progress` only" in err
    rc, out, err = run("report", "requirements", "--as-of", "no-such-thing")
    assert rc == 2 and len(err.strip().splitlines()) == 1
