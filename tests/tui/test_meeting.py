"""A meeting in one place (issue 20, 4): decisions and actions made from
the meeting and linked both ways in one commit; ctrl+o lists the field's
own kind first; backlinks in the app and `accord show`; a record made from
a record names it."""
from __future__ import annotations

import datetime as dt
import json

from pilot_helpers import aio
from textual.widgets import Input

from store.model.schema import KINDS
from tui.cli.main import main
from tui.screens.detail import DetailScreen
from tui.screens.dialogs import ChoiceDialog, PickerDialog, QuickAddDialog
from tui.screens.form import FormScreen

SIZE = (80, 24)


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


def _meeting(ws):
    ws.create("demo", "meeting", {"title": "需求评审会", "date": dt.date(2026, 11, 26)})
    return "MTG-1"


async def _type(pilot, text):
    for ch in text:
        await pilot.press(ch if ch != " " else "space")


@aio
async def test_a_decision_and_an_action_from_the_meeting(make, small):
    mid = _meeting(small)
    commits = int(small.git.out("rev-list", "--count", "HEAD"))
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.open_record(mid)
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, QuickAddDialog)
        assert app.screen.query_one("#q-date", Input).value == "2026-11-26"
        await _type(pilot, "采用企业微信登录")
        await pilot.press("enter")
        await _type(pilot, "张伟")
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        await pilot.press("a")
        await pilot.pause()
        await _type(pilot, "提供测试环境")
        await pilot.press("enter")
        await _type(pilot, "赵强")
        await pilot.press("enter")
        await _type(pilot, "2026-12-01")
        await pilot.press("enter")
        await pilot.pause()
        assert "DEC-1" in _text(app) and "ACT-2" in _text(app)
    meeting = small.read("demo", mid)
    assert meeting.data["decisions"] == ["DEC-1"] and meeting.data["actions"] == ["ACT-2"]
    dec, act = small.read("demo", "DEC-1"), small.read("demo", "ACT-2")
    assert dec.data["via"] == mid and dec.data["decided_by"] == ["张伟"]
    assert dec.data["decided_on"] == dt.date(2026, 11, 26)
    assert act.data["meeting"] == mid and act.data["owner"] == "赵强"
    assert act.data["due"] == dt.date(2026, 12, 1)
    # each made in one commit with the meeting's new link
    assert int(small.git.out("rev-list", "--count", "HEAD")) == commits + 2
    files = small.git.out("show", "--name-only", "--format=", "HEAD").split()
    assert len(files) == 2


@aio
async def test_ctrl_o_lists_the_fields_own_kind_first(make, small):
    mid = _meeting(small)
    small.create("demo", "decision", {"title": "采用扫码"})
    app = make()
    async with app.run_test(size=(100, 40)) as pilot:
        app.open_form(KINDS["meeting"], mid)
        await pilot.pause()
        form = app.screen
        slot = next(s for s in form.slots if s.name == "decisions")
        slot.widget.focus()
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, PickerDialog)
        ol = app.screen.query_one("#hits")
        assert ol.get_option_at_index(0).id == "DEC-1"


@aio
async def test_backlinks_and_a_change_made_from_a_requirement(make, small):
    app = make()
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_record("REQ-1")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.dismiss("change")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        slot = next(s for s in app.screen.slots if s.name == "affects")
        assert slot.widget.value == "REQ-1"
        app.screen.slots[0].widget.value = "扫码改为短信验证码"
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")  # no why
        await pilot.pause()
        app.open_record("REQ-1")
        await pilot.pause()
        assert "被引用" in _text(app) and "CR-1" in _text(app)
    assert small.read("demo", "CR-1").data["affects"] == ["REQ-1"]


def test_accord_show_lists_backlinks(small, capsys):
    small.create("demo", "change", {"title": "改", "affects": ["REQ-1"]})
    assert main(["-C", str(small.root), "show", "REQ-1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["backlinks"] == [{"id": "CR-1", "field": "affects"}]
    assert main(["-C", str(small.root), "show", "REQ-1"]) == 0
    out = capsys.readouterr().out
    assert out.rstrip().endswith("# linked from: CR-1 (affects)")
