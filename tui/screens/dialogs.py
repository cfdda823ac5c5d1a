"""Modal dialogs.  Each returns its answer through ``dismiss``; escape
always means "no / back"; no dialog's default (focused) button changes or
overwrites anything."""
from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from store.model.search import Query

from tui.i18n import t, word
from tui.widgets.common import status_text
from tui.widgets.safe import safe, safe_text
from tui.widgets.wrap import Wrapped


class Dialog(ModalScreen):
    BINDINGS = [Binding("escape", "cancel", "key.back", id="dialog.cancel")]
    DEFAULT_CLASSES = "dialog"

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(Dialog):
    """A question with buttons; ``default`` is focused (never a destructive
    one).  Returns the chosen button id, or None on escape."""

    def __init__(self, title: str, body: Text | str, buttons, default: str):
        super().__init__()
        self._title, self._body = title, body
        self._buttons, self._default = buttons, default

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(safe(self._title, "bold"), classes="dtitle")
            body = self._body if isinstance(self._body, Text) else safe(
                self._body, multiline=True)
            yield Static(Wrapped(body), classes="dbody")
            with Horizontal(classes="buttons"):
                for bid, label, variant in self._buttons:
                    yield Button(Content(label), id=f"b-{bid}", variant=variant,
                                 compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#b-{self._default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id[2:])


class TextDialog(Dialog):
    """Scrollable read-only text (a difference, a list of problems)."""

    def __init__(self, title: str, text: Text):
        super().__init__()
        self._title, self._text = title, text

    def compose(self) -> ComposeResult:
        with Vertical(classes="box wide"):
            yield Static(safe(self._title, "bold"), classes="dtitle")
            with VerticalScroll(classes="dscroll") as vs:
                vs.can_focus = True
                yield Static(Wrapped(self._text))
            with Horizontal(classes="buttons"):
                yield Button(Content(t("close")), id="b-close", compact=True)

    def on_mount(self) -> None:
        self.query_one(".dscroll").focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)


class WhyPrompt(Dialog):
    """Optional reason for the commit: enter saves (empty = none), escape
    saves nothing and goes back.  Returns the text ("" for none) or None
    (escape: the caller must not save).  ``hint`` says where escape goes."""

    def __init__(self, hint: str | None = None):
        super().__init__()
        self._hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(t("why.title"), classes="dtitle", markup=False)
            yield Input(id="why", select_on_focus=False, compact=True)
            yield Static(self._hint or t("why.hint"), classes="hint", markup=False)

    def on_mount(self) -> None:
        inp = self.query_one(Input)
        if getattr(self.app, "no_blink", False):
            inp.cursor_blink = False
        inp.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())


class MoveDialog(Dialog):
    """Choose one of the allowed next statuses."""

    def __init__(self, rid: str, status: str, moves, blocked: dict):
        super().__init__()
        self.rid, self.status, self.moves, self.blocked = rid, status, moves, blocked

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(safe(t("move.title", id=self.rid, status=word(self.status)), "bold"),
                         classes="dtitle")
            opts = []
            for m in self.moves:
                label = status_text(m)
                if m in self.blocked:
                    label = Text.assemble(label, ("  " + self.blocked[m], "bright_black"))
                opts.append(Option(label, id=m, disabled=m in self.blocked))
            yield OptionList(*opts, id="moves")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class FieldsDialog(Dialog):
    """A dialog of a few inputs: the first is focused, enter moves on and on
    the last submits; the save button submits, the other one cancels."""
    FIRST = LAST = ""

    def on_mount(self) -> None:
        if getattr(self.app, "no_blink", False):
            for inp in self.query(Input):
                inp.cursor_blink = False
        self.query_one(f"#{self.FIRST}", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == self.LAST:
            self.action_submit()
        else:
            self.focus_next()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "b-save":
            self.action_submit()
        else:
            self.dismiss(None)


class SignoffDialog(FieldsDialog):
    """Who on the client side confirmed, how, and when."""
    FIRST, LAST = "by", "on"

    BINDINGS = [Binding("ctrl+s", "submit", "key.save", id="signoff.save")]

    def __init__(self, rid: str, today: dt.date, by: str = "", via: str = ""):
        super().__init__()
        self.rid, self.today, self._by, self._via = rid, today, by, via

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(safe(t("signoff.title", id=self.rid), "bold"), classes="dtitle")
            yield Label(t("signoff.by"), markup=False)
            yield Input(self._by, id="by", compact=True)
            yield Label(t("signoff.via"), markup=False)
            yield Input(self._via, id="via", compact=True)
            yield Label(t("signoff.on"), markup=False)
            yield Input(self.today.isoformat(), id="on", compact=True)
            yield Static("", id="problem", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(Content(t("signoff.save")), id="b-save",
                             variant="primary", compact=True)
                yield Button(Content(t("cancel")), id="b-cancel", compact=True)

    def action_submit(self) -> None:
        by = self.query_one("#by", Input).value.strip()
        via = self.query_one("#via", Input).value.strip()
        on_text = self.query_one("#on", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not by or not via:
            problem.update(t("signoff.need"))
            return
        try:
            on = dt.date.fromisoformat(on_text) if on_text else self.today
        except ValueError:
            problem.update(safe_text(f"{on_text!r}: YYYY-MM-DD"))
            return
        self.dismiss({"by": by, "via": via, "on": on})


class PickerDialog(Dialog):
    """Pick a record by id or by words of its title.  ``entries`` is a list
    of (id, title, lowercase search key)."""

    LIMIT = 200

    def __init__(self, entries, title: str | None = None, show_ids: bool = True):
        super().__init__()
        self.entries = entries
        self._title = title
        self.show_ids = show_ids

    def compose(self) -> ComposeResult:
        with Vertical(classes="box wide"):
            yield Static(self._title or t("pick.title"), classes="dtitle", markup=False)
            yield Input(id="q", compact=True)
            yield OptionList(id="hits")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, q: str) -> None:
        query = Query(q)
        ol = self.query_one(OptionList)
        ol.clear_options()
        opts = []
        for rid, title, key in self.entries:
            if not query or query.matches(key):
                shown = (Text.assemble((rid, "bold"), "  ", safe(title)) if self.show_ids
                         else safe(title))
                opts.append(Option(shown, id=rid))
                if len(opts) >= self.LIMIT:
                    break
        ol.add_options(opts)
        if opts:
            ol.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        ol = self.query_one(OptionList)
        if ol.highlighted is not None and ol.option_count:
            self.dismiss(ol.get_option_at_index(ol.highlighted).id)

    def on_key(self, event) -> None:
        if event.key in ("down", "up") and self.focused is self.query_one(Input):
            ol = self.query_one(OptionList)
            if ol.option_count:
                cur = ol.highlighted or 0
                ol.highlighted = max(0, min(ol.option_count - 1,
                                            cur + (1 if event.key == "down" else -1)))
            event.stop()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class QuickAddDialog(FieldsDialog):
    """A decision or an action made from a meeting in one dialog: its
    title, who (owner / decided by) and a date.  Returns
    ``{"title", "who", "date"}`` (date a ``datetime.date`` or None), or
    None on escape."""
    FIRST, LAST = "q-title", "q-date"

    BINDINGS = [Binding("ctrl+s", "submit", "key.save", id="quick.save")]

    def __init__(self, heading: str, who_label: str, date_label: str,
                 date: dt.date | None = None, who: str = ""):
        super().__init__()
        self._heading, self._who_label, self._date_label = heading, who_label, date_label
        self._date, self._who = date, who

    def compose(self) -> ComposeResult:
        with Vertical(classes="box"):
            yield Static(safe(self._heading, "bold"), classes="dtitle")
            yield Label(t("quick.title"), markup=False)
            yield Input(id="q-title", compact=True)
            yield Label(self._who_label, markup=False)
            yield Input(self._who, id="q-who", compact=True)
            yield Label(self._date_label, markup=False)
            yield Input(self._date.isoformat() if self._date else "", id="q-date",
                        placeholder="YYYY-MM-DD", compact=True)
            yield Static("", id="problem", classes="error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button(Content(t("quick.save")), id="b-save",
                             variant="primary", compact=True)
                yield Button(Content(t("cancel")), id="b-cancel", compact=True)

    def action_submit(self) -> None:
        title = self.query_one("#q-title", Input).value.strip()
        who = self.query_one("#q-who", Input).value.strip()
        text = self.query_one("#q-date", Input).value.strip()
        problem = self.query_one("#problem", Static)
        if not title:
            problem.update(t("quick.need_title"))
            return
        try:
            date = dt.date.fromisoformat(text) if text else None
        except ValueError:
            problem.update(safe_text(f"{text!r}: YYYY-MM-DD"))
            return
        self.dismiss({"title": title, "who": who, "date": date})
