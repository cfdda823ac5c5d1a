"""Forms (issue 20, 3): the status choice offers the allowed moves with the
refused ones greyed and not choosable; every check runs before the why
prompt; the focused field is marked in 16 colours too; F1 is help and ?
is a typed character."""
from __future__ import annotations

from pilot_helpers import aio
from textual.widgets import Input
from textual.widgets._select import SelectOverlay

from tui.screens.dialogs import WhyPrompt
from tui.screens.form import FormScreen, StatusSelect
from tui.screens.help import HelpScreen

SIZE = (80, 24)


def _status(app) -> StatusSelect:
    return app.screen.query_one(StatusSelect)


@aio
async def test_status_offers_allowed_moves_and_greys_refused_ones(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(small.read("demo", "REQ-2").kind, "REQ-2")  # proposed, no sign-off
        await pilot.pause()
        sel = _status(app)
        overlay = sel.query_one(SelectOverlay)
        values = [v for _p, v in sel._options]
        assert values[:1] == ["proposed"] and "confirmed" in values
        disabled = {values[i] for i in range(overlay.option_count)
                    if overlay.get_option_at_index(i).disabled}
        kind = small.read("demo", "REQ-2").kind
        assert "confirmed" in disabled
        assert disabled == set(values) & set(kind.needs_signoff)
        assert len(disabled) < len(values) - 1  # some moves stay open
        assert "需要甲方有效确认" in str(sel._options[values.index("confirmed")][0])


@aio
async def test_a_refused_status_is_caught_before_the_why_prompt(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(small.read("demo", "REQ-2").kind, "REQ-2")
        await pilot.pause()
        _status(app).value = "confirmed"  # as a bunched key might leave it
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)  # no WhyPrompt
        assert not any(isinstance(s, WhyPrompt) for s in app.screen_stack)
        errors = [str(w.render()) for w in app.screen.query(".error") if w.display]
        assert any("需要甲方有效确认" in e for e in errors), errors
    assert small.read("demo", "REQ-2").status == "proposed"


@aio
async def test_a_new_record_invalid_as_a_whole_is_refused_before_why(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        from store.model.schema import KINDS
        app.open_form(KINDS["action"])
        await pilot.pause()
        app.screen.query_one(Input).value = "只填了标题"
        await pilot.press("ctrl+s")
        await pilot.pause()
        if any(isinstance(s, WhyPrompt) for s in app.screen_stack):
            # the store accepts it: then saving must succeed after the why
            await pilot.press("enter")
            await pilot.pause()
            assert "ACT-2" in app.index().records


@aio
async def test_focused_field_is_marked_in_16_colours(make, small):
    app = make()
    app.theme = "ansi-dark"
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(small.read("demo", "REQ-1").kind, "REQ-1")
        await pilot.pause()
        form = app.screen
        first, second = [s for s in form.slots if isinstance(s.widget, Input)][:2]
        assert first.widget.has_focus and first.label.has_class("-focus")
        assert not second.label.has_class("-focus")
        focused_bg = first.widget.styles.background
        other_bg = second.widget.styles.background
        assert focused_bg != other_bg and focused_bg.a > 0 and other_bg.a > 0
        first.widget.blur()
        second.widget.focus()
        await pilot.pause()
        assert second.label.has_class("-focus") and not first.label.has_class("-focus")


@aio
async def test_f1_is_help_in_a_form_and_question_mark_is_typed(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(small.read("demo", "REQ-1").kind, "REQ-1")
        await pilot.pause()
        inp = app.screen.focused
        assert isinstance(inp, Input)
        before = inp.value
        await pilot.press("question_mark")
        await pilot.pause()
        assert inp.value == before + "?" and isinstance(app.screen, FormScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@aio
async def test_f2_goes_to_a_field_by_its_label_in_pinyin(make, small):
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        from store.model.schema import KINDS
        app.open_form(KINDS["meeting"])
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        for ch in "jy":  # 决议
            await pilot.press(ch)
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, FormScreen)
        slot = next(s for s in form.slots if s.name == "decisions")
        assert slot.widget.has_focus and slot.label.has_class("-focus")


@aio
async def test_keys_typed_right_after_tab_go_to_the_next_field(make, small):
    from textual import events
    app = make()
    async with app.run_test(size=SIZE) as pilot:
        app.open_form(small.read("demo", "REQ-1").kind, "REQ-1")
        await pilot.pause()
        form = app.screen
        first = next(s for s in form.slots if isinstance(s.widget, Input))
        assert first.widget.has_focus
        # one read over SSH: Tab and the letters after it arrive together
        order = [s for s in form.slots if s.widget is not None]
        nxt = order[order.index(first) + 1]
        for key, ch in (("tab", None), ("x", "x"), ("y", "y")):
            app.post_message(events.Key(key, ch))
        await pilot.pause(0.3)
        assert first.widget.value == "登录支持企业微信扫码"
        assert nxt.widget.has_focus
