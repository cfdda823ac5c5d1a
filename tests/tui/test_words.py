"""In the Chinese UI statuses and choice values are shown as Chinese words
(colour kept), while files keep the English value; filtering finds both."""
from __future__ import annotations


from tui.i18n import CATALOG, VALUES
from tui.screens.detail import DetailScreen
from tui.screens.form import FormScreen
from tui.screens.records import ListScreen
from tui.widgets.common import STATUS_STYLE
from pilot_helpers import aio

SIZE = (100, 30)


def _text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


def test_every_status_and_choice_has_a_word():
    from store.model.schema import CHOICE, KINDS, PROJECT_FIELDS
    values = set()
    for k in KINDS.values():
        values.update(k.statuses)
        stack = list(k.fields)
        while stack:
            f = stack.pop()
            stack.extend(getattr(f, "fields", ()) or ())
            if f.type == CHOICE:
                values.update(f.choices)
    values.update(c for f in PROJECT_FIELDS if f.type == CHOICE for c in f.choices)
    assert sorted(v for v in values if v not in VALUES) == []
    assert set(STATUS_STYLE) <= set(VALUES)
    assert "in-progress" in VALUES and VALUES["in-progress"] == "进行中"
    assert not any(k.startswith("value.") for k in CATALOG)


@aio
async def test_zh_list_detail_form_and_help_show_words(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, ListScreen)
        text = _text(app)
        assert "草稿" in text and "待确认" in text and "必须" in text
        assert "draft" not in text and "proposed" not in text
        # the colour goes with the status, not the word
        row = app.screen.shown[1]
        assert row.cells[2] == ("待确认", STATUS_STYLE["proposed"])
        # filter by the stored value or by the word
        await pilot.press("slash", *"proposed", "enter")
        await pilot.pause()
        assert [r.rid for r in app.screen.shown] == ["REQ-2"]
        await pilot.press("escape")
        await pilot.press("slash", "草", "稿", "enter")
        await pilot.pause()
        assert [r.rid for r in app.screen.shown] == ["REQ-1"]
        await pilot.press("escape")
        await pilot.press("question_mark")
        await pilot.pause()
        app.screen.query_one("#help").scroll_end(animate=False)
        await pilot.pause()
        help_text = _text(app)
        assert "需求的状态" in help_text and "进行中" in help_text
        await pilot.press("escape")
        await pilot.pause()
        app.open_record("REQ-2")
        await pilot.pause()
        assert isinstance(app.screen, DetailScreen)
        text = _text(app)
        assert "待确认" in text and "应该" in text  # status and priority
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        assert "待确认" in _text(app)
        # the form keeps the stored value behind the word
        status = next(s for s in app.screen.slots if s.name == "status")
        assert status.text() == "proposed"
    assert 'status = "proposed"' in small.record_path("demo", "REQ-2").read_text("utf-8")


@aio
async def test_english_ui_shows_stored_values(make):
    app = make(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("1")
        await pilot.pause()
        text = _text(app)
        assert "proposed" in text and "must" in text and "待确认" not in text


def test_every_key_textual_adds_to_accords_screens_has_a_word():
    # the help screen lists the focused widget's own keys (Textual's
    # descriptions, in English); a Textual upgrade that adds one shows here
    from textual.app import App
    from textual.binding import Binding
    from textual.containers import VerticalScroll
    from textual.screen import Screen
    from textual.widgets import Button, Input, Markdown, OptionList, Select, TextArea

    from tui.i18n import TEXTUAL_ZH
    missing = set()
    for cls in (App, Screen, VerticalScroll, Input, OptionList, TextArea, Select,
                Markdown, Button):
        for klass in cls.__mro__:
            for b in getattr(klass, "BINDINGS", None) or ():
                if (isinstance(b, Binding) and b.description and not b.system
                        and b.description not in TEXTUAL_ZH):
                    missing.add(b.description)
    assert not missing, sorted(missing)
