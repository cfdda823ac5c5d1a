"""Changes in words (store.reports.narrative): one sentence per event, in
Chinese and English, for each kind of change a client reads about."""
from __future__ import annotations

import re

import pytest

from store import history
from store.reports.common import context
from store.reports.narrative import (
    event_sentence,
    plain,
    scope_changes,
    since_signoff,
    with_titles,
)


@pytest.fixture
def ctxs(reportws):
    ws, _ = reportws
    return ws, {lang: context(ws, "crm", lang) for lang in ("zh", "en")}


def _event(action="edit", rid="REQ-1", kind="requirement", why=None, **fields):
    return {"commit": "0" * 40, "author": "王五 <wang@example.com>",
            "date": "2026-11-19T09:00:00+08:00", "action": action, "id": rid, "kind": kind,
            "title": "", "why": why, "fields": {k: list(v) for k, v in fields.items()}}


def _say(ctx, e, **kw) -> str:
    return plain(event_sentence(ctx, e, **kw))


def test_short_text_changed_before_and_after_with_why(ctxs):
    _, c = ctxs
    e = _event(why="周例会（MTG-2）同意", title=["扫码登录", "企业微信扫码登录"])
    # the reason's own bracketed id becomes ID“title”: no bracket in a bracket
    assert _say(c["zh"], e) == ("扫码登录（REQ-1）：标题修改：由“扫码登录”改为“企业微信扫码登录”"
                                "（周例会 MTG-2“第 2 次周例会”同意；2026-11-19）")
    assert _say(c["en"], e) == ("扫码登录 (REQ-1): Title changed from “扫码登录” to “企业微信扫码登录” "
                                "(周例会 MTG-2 “第 2 次周例会”同意; 2026-11-19)")


NESTED = re.compile(r"（[^（）]*（|\([^()]*\(|（[^（）]*\(|\([^()]*（")


def test_a_why_with_bracketed_references_never_nests_brackets(ctxs):
    _, c = ctxs
    e = _event(why="李娜反馈（FB-1），回复时限改为 2 小时（见附件）",
               title=["扫码登录", "企业微信扫码登录"])
    zh, en = _say(c["zh"], e), _say(c["en"], e)
    assert zh == ("扫码登录（REQ-1）：标题修改：由“扫码登录”改为“企业微信扫码登录”"
                  "（李娜反馈 FB-1“SLA 应为 2 小时”，回复时限改为 2 小时，见附件；2026-11-19）")
    assert en == ("扫码登录 (REQ-1): Title changed from “扫码登录” to “企业微信扫码登录” "
                  "(李娜反馈 FB-1 “SLA 应为 2 小时”，回复时限改为 2 小时，见附件; 2026-11-19)")
    e = _event(why="per Li Na's feedback (FB-1), see FB-1 and XX-9 (attached)",
               title=["扫码登录", "企业微信扫码登录"])
    en = _say(c["en"], e)
    assert en == ("扫码登录 (REQ-1): Title changed from “扫码登录” to “企业微信扫码登录” "
                  "(per Li Na's feedback FB-1 “SLA 应为 2 小时”, see FB-1 “SLA 应为 2 小时” "
                  "and XX-9, attached; 2026-11-19)")
    assert not NESTED.search(zh) and not NESTED.search(en)


def test_long_text_tells_only_the_changed_sentence_with_words_marked(ctxs):
    _, c = ctxs
    before = "客户经理登录后看到客户的基本信息。查看明文须有权限。页面 3 秒内打开。"
    after = "客户经理登录后看到客户的基本信息。查看明文须二次确认并留痕。页面 3 秒内打开。"
    e = _event(statement=[before, after])
    s = event_sentence(c["zh"], e, when=False)
    assert plain(s) == ("扫码登录（REQ-1）：需求描述第 2 句改为：“查看明文须二次确认并留痕。”"
                        "（原：“查看明文须有权限。”）")
    marks = {(t, m) for t, m in s["runs"] if m}
    assert ("二次确认并留痕", "ins") in marks and ("有权限", "del") in marks
    assert plain(event_sentence(c["en"], e, when=False)) == (
        "扫码登录 (REQ-1): Statement, sentence 2 now reads: “查看明文须二次确认并留痕。” "
        "(was: “查看明文须有权限。”)")


def test_list_items_added_removed_and_reworded(ctxs):
    _, c = ctxs
    e = _event(acceptance=[["3 秒内完成登录", "支持导出 PDF"],
                           ["3 秒内完成登录", "投诉类工单 2 小时内回复"]])
    assert _say(c["zh"], e, when=False) == (
        "扫码登录（REQ-1）：验收标准新增：“投诉类工单 2 小时内回复”；删除：“支持导出 PDF”")
    assert _say(c["en"], e, when=False) == (
        "扫码登录 (REQ-1): Acceptance criteria: added “投诉类工单 2 小时内回复”; "
        "removed “支持导出 PDF”")
    e = _event(acceptance=[["普通工单 4 小时内回复"], ["投诉类工单 2 小时内回复，普通工单 4 小时内回复"]])
    assert _say(c["zh"], e, when=False) == (
        "扫码登录（REQ-1）：验收标准第 1 项改为：“投诉类工单 2 小时内回复，普通工单 4 小时内回复”"
        "（原：“普通工单 4 小时内回复”）")


def test_status_move_and_choice_in_words(ctxs):
    _, c = ctxs
    e = _event(action="move", status=["confirmed", "in-progress"], priority=["must", "should"])
    assert _say(c["zh"], e, when=False) == (
        "扫码登录（REQ-1）：状态由“已确认”转为“进行中”；优先级由“必须”改为“应该”")
    assert _say(c["en"], e, when=False) == (
        "扫码登录 (REQ-1): moved from confirmed to in progress; "
        "Priority changed from must have to should have")


def test_sign_off_recorded(ctxs):
    _, c = ctxs
    e = _event(action="confirm", **{"status": ["proposed", "confirmed"],
                                    "confirmation.by": [None, "张伟"],
                                    "confirmation.on": [None, "2026-11-05"],
                                    "confirmation.via": [None, "email"],
                                    "confirmation.fingerprint": [None, "sha256:abc"]})
    assert _say(c["zh"], e, when=False) == "扫码登录（REQ-1）：张伟（甲方）于 2026-11-05 通过邮件确认"
    assert _say(c["en"], e, when=False) == (
        "扫码登录 (REQ-1): confirmed by 张伟 (client) via email on 2026-11-05")


def test_date_moved_in_calendar_days_and_author_by_name(ctxs):
    _, c = ctxs
    e = _event(rid="ACT-1", kind="action", due=["2026-11-27", "2026-12-04"])
    assert _say(c["zh"], e, who=True) == (
        "提供工单流程文档（ACT-1）：完成期限由 2026-11-27 改为 2026-12-04（推迟 7 个日历日）"
        "（王五；2026-11-19）")
    assert _say(c["en"], e, who=True) == (
        "提供工单流程文档 (ACT-1): Due moved from 2026-11-27 to 2026-12-04 "
        "(7 calendar days later) (王五; 2026-11-19)")


def test_never_internal(ctxs):
    _, c = ctxs
    e = _event(**{"confirmation.fingerprint": ["sha256:aaa", "sha256:bbb"],
                  "status": ["draft", "proposed"]})
    for ctx in c.values():
        text = _say(ctx, e, who=True)
        assert "sha256" not in text and "@" not in text and "0000000" not in text
    assert "draft" not in _say(c["zh"], e) and "proposed" not in _say(c["en"], e)


def test_changed_since_signoff_from_the_records_history(ctxs):
    """REQ-1 was signed on 11-05 and edited by hand on 11-19."""
    ws, c = ctxs
    events = history.record_events(ws, "crm", "REQ-1")
    zh = plain(since_signoff(c["zh"], c["zh"].get("REQ-1"), events))
    # who signed, inside the bracket, without one of its own: 甲方张伟, not 张伟（甲方）
    assert zh == ("扫码登录（REQ-1）：签认后修改（甲方张伟于 2026-11-05 通过邮件确认的版本）："
                  "需求描述修改：由“用企业微信扫码登录”改为“用企业微信或钉钉扫码登录”（待张伟重新确认）")
    assert plain(since_signoff(c["en"], c["en"].get("REQ-1"), events)) == (
        "扫码登录 (REQ-1): changed after sign-off (the version confirmed by client 张伟 via "
        "email on 2026-11-05): Statement changed from “用企业微信扫码登录” to "
        "“用企业微信或钉钉扫码登录” (needs re-confirmation by 张伟)")
    en = plain(since_signoff(c["en"], c["en"].get("REQ-1"), events, head=False))
    assert en == ("Statement changed from “用企业微信扫码登录” to “用企业微信或钉钉扫码登录” "
                  "(needs re-confirmation by 张伟)")
    scope = [plain(s) for s in scope_changes(c["zh"], events)]
    assert scope == [("扫码登录（REQ-1）：需求描述修改：由“用企业微信扫码登录”改为“用企业微信或钉钉扫码登录”"
                     "（2026-11-19；待张伟重新确认）")]


def test_ids_in_free_text_get_their_titles(ctxs):
    _, c = ctxs
    assert with_titles(c["zh"], "见 CR-1 与 XX-99") == "见 “理财持仓接口”（CR-1） 与 XX-99"
    assert with_titles(c["en"], "see CR-1 (DEC-1)") == (
        "see “理财持仓接口” (CR-1) (“UAT 使用脱敏数据”, DEC-1)")
    # a bare id inside the writer's own brackets: id then title, no bracket in them
    assert with_titles(c["zh"], "先用模拟事件（已在 REQ-1 验收标准中）") == \
        "先用模拟事件（已在 REQ-1“扫码登录” 验收标准中）"
    assert with_titles(c["en"], "mock events (see REQ-1)") == \
        "mock events (see REQ-1 “扫码登录”)"


def test_on_a_long_history_the_signed_version_is_found_near_its_date(ctxs, monkeypatch):
    """Past RECENT_COMMITS commits since the oldest sign-off, a record's
    story compares its signed version (found in the days after the date its
    sign-off records) with today's: the same words, without the reasons."""
    from store.reports.narrative import events
    _, c = ctxs
    rec = c["zh"].get("REQ-1")
    whole = events.signed_histories(c["zh"], [rec])
    monkeypatch.setattr(events, "RECENT_COMMITS", 0)
    near = events.signed_histories(c["zh"], [rec])
    assert [e["action"] for e in near["REQ-1"]] == ["confirm", "edit"]
    assert len(whole["REQ-1"]) > len(near["REQ-1"])
    assert plain(since_signoff(c["zh"], rec, near["REQ-1"])) == \
        plain(since_signoff(c["zh"], rec, whole["REQ-1"]))
    assert plain(since_signoff(c["zh"], rec, near["REQ-1"], head=False)) == (
        "需求描述修改：由“用企业微信扫码登录”改为“用企业微信或钉钉扫码登录”（待张伟重新确认）")


def test_the_sign_offs_the_summary_s_fold_keeps_give_the_same_stories(ctxs, monkeypatch):
    """On a long history the sign-offs the summary's fold kept stand in
    for reading the events near each sign-off: the same stories; a fold
    that lacks some of the commits searched is not used."""
    from store import history
    from store.reports import summary_fold
    from store.reports.narrative import events
    ws, c = ctxs
    monkeypatch.setattr(events, "RECENT_COMMITS", 0)
    recs = [r for r in c["zh"].of("requirement") if r.data.get("confirmation")]
    assert recs
    hist = history.read_history(ws, project="crm")
    fold = summary_fold.of_events("crm", hist.events)
    read = events.signed_histories(c["zh"], recs)
    kept = events.signed_histories(c["zh"], recs, ({x.id for x in hist.commits},
                                                   fold.confirms))
    assert kept == read and any(read.values())
    partial = events.signed_histories(c["zh"], recs, (set(), {}))
    assert partial == read


def test_other_choices_in_words(ctxs):
    _, c = ctxs
    e = _event(rid="ISS-1", kind="issue", type=["risk", "issue"])
    assert _say(c["zh"], e, when=False) == "CTI 接口文档晚到（ISS-1）：类型由“风险”改为“问题”"
    assert _say(c["en"], e, when=False) == "CTI 接口文档晚到 (ISS-1): Type changed from risk to issue"
