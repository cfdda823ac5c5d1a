""""Since sign-off" as of a document's own point (issue 19): the review
pack's re-confirmation requests, the requirements document's changed-since-
sign-off list, the progress report's scope line, the summary and the
project summary read the history only up to their as-of revision.

reportws: REQ-1 signed 11-05, edited by hand 11-19 (钉钉); here a later
commit (11-23) edits it again (飞书, with a Why:) — documents as of 11-20
never mention it, and a closed week's documents stay byte-identical."""
from __future__ import annotations

import datetime as dt

from helpers import at

from store import reports

D = dt.date
LATER = "飞书"
LATER_WHY = "甲方十一月底追加飞书"


def later_signoff_edit(ws):
    """After 11-20: REQ-1's agreed statement and acceptance change again."""
    with at("2026-11-23T10:00:00+08:00"):
        ws.update("crm", "REQ-1", {"statement": "用企业微信、钉钉或飞书扫码登录",
                                   "acceptance": ["3 秒内完成登录", "支持飞书"]},
                  why=LATER_WHY)
        ws.create("crm", "change", {"title": "飞书登录接入", "requested_by": "张伟",
                                    "requested_on": D(2026, 11, 23)})
        ws.move("crm", "DEC-1", "superseded")


def md(ws, kind, lang="zh", **kw):
    return reports.render(reports.build(ws, "crm", kind, lang=lang, **kw), "md")


DOCS = {
    "requirements": dict(as_of="2026-11-20"),
    "review": dict(as_of="2026-11-20"),
    "summary": dict(since="2026-11-16", until="2026-11-20"),
    "progress": dict(since="2026-11-16", until="2026-11-20"),
    "final": dict(as_of="2026-11-20"),
}


def test_since_signoff_reads_history_only_up_to_the_as_of_point(reportws):
    ws, _ = reportws
    later_signoff_edit(ws)
    for lang in ("zh", "en"):
        for kind, kw in DOCS.items():
            text = md(ws, kind, lang=lang, today=D(2026, 11, 27), **kw)
            assert LATER not in text and LATER_WHY not in text, (kind, lang)
    # the edit before the point is told, in the document as of that point
    req = md(ws, "requirements", today=D(2026, 11, 27), as_of="2026-11-20")
    assert "钉钉" in req and "签认后的修改" in req
    review = reports.build(ws, "crm", "review", today=D(2026, 11, 27), as_of="2026-11-20")
    asks = [a for a in review["decisions"] if a["what"] == "reconfirm"]
    assert [a["id"] for a in asks] == ["REQ-1"]
    told = reports.render(review, "md")
    assert "钉钉" in told and LATER not in told


def test_since_signoff_now_does_see_the_later_edit(reportws):
    ws, _ = reportws
    later_signoff_edit(ws)
    req = md(ws, "requirements", today=D(2026, 11, 27))
    assert LATER in req and LATER_WHY in req


def test_closed_week_documents_are_byte_identical_after_later_signoff_edits(reportws):
    ws, _ = reportws
    before = {(kind, lang): md(ws, kind, lang=lang, today=D(2026, 11, 27), **kw)
              for kind, kw in DOCS.items() for lang in ("zh", "en")}
    later_signoff_edit(ws)
    with at("2026-11-24T09:00:00+08:00"):
        ws.move("crm", "ACT-3", "done")
    for (kind, lang), text in before.items():
        assert md(ws, kind, lang=lang, today=D(2026, 11, 27), **DOCS[kind]) == text, (kind, lang)


def test_closed_week_report_in_html_with_its_charts_is_byte_identical(reportws):
    ws, _ = reportws
    kw = dict(lang="zh", today=D(2026, 11, 27), **DOCS["progress"])
    before = reports.render(reports.build(ws, "crm", "progress", **kw), "html")
    assert "<svg" in before
    later_signoff_edit(ws)
    with at("2026-11-24T09:00:00+08:00"):
        ws.move("crm", "ACT-3", "done")
        ws.baseline("crm", "late", "之后的基线")
    assert reports.render(reports.build(ws, "crm", "progress", **kw), "html") == before


def test_the_commit_of_a_day_walks_back_only_as_needed(reportws):
    from store.history import asof
    from store import snapshot
    ws, c = reportws
    for day in (D(2026, 10, 1), D(2026, 11, 5), D(2026, 11, 18), D(2026, 11, 19),
                D(2026, 12, 1)):
        assert asof.commit_on_or_before(ws, day) == snapshot.commit_on_or_before(ws, day)
    assert asof.commit_on_or_before(ws, D(2026, 11, 19)) == c["hand"]
    week = asof.history_between(ws, "crm", None, "2026-11-17", "2026-11-18")
    assert {c.day for c in week.commits} == {"2026-11-17", "2026-11-18"}
    assert {e["id"] for e in week.events} >= {"MTG-2", "DEC-1", "FB-1", "MTG-3"}


def test_documents_of_a_point_before_the_first_commit(reportws):
    ws, _ = reportws
    for kind in ("progress", "summary"):
        doc = reports.build(ws, "crm", kind, since="2026-10-01", until="2026-10-05",
                            today=D(2026, 11, 27))
        assert "扫码登录" not in reports.render(doc, "md")
    for kind in ("review", "final", "requirements"):
        doc = reports.build(ws, "crm", kind, as_of="2026-10-01", today=D(2026, 11, 27))
        assert "扫码登录" not in reports.render(doc, "md"), kind
