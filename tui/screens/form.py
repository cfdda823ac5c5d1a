"""The form of a record, generated from the schema table: one editor per
field (Input for short values, Select for choices, TextArea for long text and
lists, id fields with completion and a picker).  Values are checked as you
type with the store's own parsing; ctrl+s asks for an optional "why" and
saves through the store, refusing to overwrite a record that changed on disk
(form_save.py).
"""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from store.model.records import signoff_state
from store.model.schema import (CHOICE, DATE, ID, IDS, LIST, LONGTEXT, TABLE,
                                TABLES, TIME, Kind)

from tui.i18n import t, word
from tui.widgets.safe import safe, safe_text
from tui.widgets.wrap import Wrapped
from tui.screens.base import AccordScreen
from tui.screens.dialogs import ChoiceDialog, PickerDialog
from tui.screens.form_fields import IdSuggester, Slot, from_text, to_text
from tui.screens.form_parts import StatusSelect, own_kind_first
from tui.screens.form_save import FormSaving

SKIP = {"confirmation"}  # recorded through the sign-off action


class FormScreen(FormSaving, AccordScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save", priority=True),
        Binding("ctrl+o", "pick", "key.pick", id="form.pick"),
        Binding("f2", "jump", "key.jump_field", id="form.jump"),
    ]

    def __init__(self, kind: Kind, rid: str | None = None, prefill: dict | None = None):
        """``prefill``: {field: value} a new record starts with (a record
        made from another names it)."""
        super().__init__()
        self.kind, self.rid = kind, rid
        self.prefill = prefill or {}
        self.digest = None
        self.opened_text = None
        self.slots: list[Slot] = []
        self._saving = False
        self._warned = False  # digest last warned about (disk_changed_under)

    # --- building --------------------------------------------------------------
    def crumbs(self):
        if self.rid:
            return [self.kind.label(self.app.lang), t("form.edit_title", id=self.rid)]
        return [t("form.new_title", kind=self.kind.label(self.app.lang))]

    def shown_kind(self):
        return self.kind

    def what(self) -> str:
        return self.rid or t("form.new_title", kind=self.kind.label(self.app.lang))

    def _load(self):
        data = {}
        if self.rid:
            rec = self.app.ws.read(self.app.project, self.rid)
            self.app.record_changed(self.rid, rec)
            self.digest = rec.digest
            self.opened_text = rec.path.read_text("utf-8")
            data = rec.data
        self.slots = []
        for f in self.kind.fields:
            if f.name in SKIP or f.type == TABLES:
                continue
            if f.name == "created" and not self.rid:
                continue
            if f.type == TABLE:
                sub = data.get(f.name) if isinstance(data.get(f.name), dict) else {}
                for s in f.fields:
                    self.slots.append(Slot(f"{f.name}.{s.name}", s, sub.get(s.name)))
                continue
            orig = data.get(f.name)
            if f.name == "status" and not self.rid:
                orig = self.kind.initial
            self.slots.append(Slot(f.name, f, orig))

    def compose_body(self) -> ComposeResult:
        self._load()
        lang = self.app.lang
        with VerticalScroll(id="form"):
            yield Static(t("form.hint"), classes="hint", markup=False)
            for i, s in enumerate(self.slots):
                label = s.f.label(lang)
                if "." in s.name:
                    parent = self.kind.field(s.name.split(".")[0])
                    label = f"{parent.label(lang)} · {label}"
                if s.f.required:
                    label += " *"
                s.label = Label(Text(label), classes="flabel")
                s.label_text = label.rstrip(" *")
                yield s.label
                w = self._widget(i, s)
                s.widget = w
                if w is None:
                    yield Static(Wrapped(safe(s.start_text, multiline=True)),
                                 classes="readonly")
                    yield Static(t("form.readonly_ctrl"), classes="hint", markup=False)
                else:
                    yield w
                hint = self._hint(s)
                if hint:
                    yield Static(hint, classes="hint", markup=False)
                err = Static("", id=f"err-{i}", classes="error", markup=False)
                err.display = False
                yield err

    def _hint(self, s: Slot) -> str:
        return {LIST: t("form.list_hint"), IDS: t("form.ids_hint"),
                DATE: t("form.date_hint"), TIME: t("form.time_hint")}.get(s.f.type, "")

    def _widget(self, i: int, s: Slot):
        if s.readonly:
            return None
        f = s.f
        wid = f"f-{i}"
        if f.type == CHOICE:
            choices = list(f.choices)
            if s.name == "status":
                blocked = self._blocked_moves()
                if self.rid:
                    cur = s.original
                    choices = [cur] + [m for m in self.kind.moves_from(cur)] if cur else choices
                blocked = {k: v for k, v in blocked.items() if k != s.original}
                opts = [(Text.assemble(word(c), ("  " + blocked[c], "bright_black"))
                         if c in blocked else word(c), c) for c in choices]
                value = s.original if s.original in choices else Select.NULL
                return StatusSelect(opts, blocked, value=value,
                                    allow_blank=not f.required, id=wid, compact=True,
                                    prompt=t("form.choose"))
            opts = [(word(c), c) for c in choices]  # shown in the UI language
            value = s.original if s.original in choices else Select.NULL
            return Select(opts, value=value, allow_blank=not f.required, id=wid,
                          compact=True, prompt=t("form.choose"))
        if f.type in (LONGTEXT, LIST):
            ta = TextArea(s.start_text, id=wid, soft_wrap=True, compact=True,
                          classes=f"ta-{f.type}")
            return ta
        sugg = IdSuggester(self.app) if f.type in (ID, IDS) else None
        return Input(s.start_text, id=wid, suggester=sugg, compact=True,
                     select_on_focus=False)

    def _blocked_moves(self) -> dict:
        """{status: why it is refused now} among the kind's statuses (a
        sign-off missing or out of date), as MoveDialog shows them."""
        kind = self.kind
        if not kind.needs_signoff:
            return {}
        rec = self.app.index().records.get(self.rid) if self.rid else None
        data = rec.data if rec is not None else {}
        if rec is not None and signoff_state(kind, data) == "current":
            return {}
        return {m: t("move.needs_signoff") for m in kind.needs_signoff}

    def on_descendant_focus(self, event) -> None:
        """The focused field's label is marked (not only the cursor)."""
        for s in self.slots:
            label = getattr(s, "label", None)
            if label is not None:
                label.set_class(s.widget is not None and (
                    s.widget is event.widget or event.widget in s.widget.ancestors),
                    "-focus")

    def on_mount(self) -> None:
        super().on_mount()
        for s in self.slots:
            if s.name in self.prefill and isinstance(s.widget, Input) and not self.rid:
                v = self.prefill[s.name]
                s.widget.value = to_text(s.f, [v] if s.f.type == IDS else v)
        for s in self.slots:
            if s.widget is not None:
                s.widget.focus()
                if isinstance(s.widget, Input):
                    s.widget.cursor_position = len(s.widget.value)
                break

    def disk_changed_under(self, path) -> None:
        """The app saw this form's record file change: say so now (once per
        new content); saving will still bring up the conflict dialog."""
        if not self.rid or self._saving:
            return
        from store.model.records import digest_bytes
        try:
            now = digest_bytes(path.read_bytes())
        except OSError:
            now = None
        if now == self.digest or now == self._warned:
            return
        self._warned = now
        key = "watch.form_deleted" if now is None else "watch.form_changed"
        self.app.notify(t(key, id=self.rid), severity="warning", markup=False,
                        timeout=10)

    # --- validation as you type --------------------------------------------------
    def _slot_of(self, widget):
        for i, s in enumerate(self.slots):
            if s.widget is widget:
                return i, s
        return None, None

    def _check(self, i: int, s: Slot) -> None:
        text = s.text()
        value, problem = from_text(s.name, s.f, text)
        if problem is None and s.f.required and value is None:
            problem = t("form.required")
        if problem is None and isinstance(s.widget, StatusSelect) and value in s.widget.blocked:
            problem = s.widget.blocked[value]
        s.error = problem
        err = self.query_one(f"#err-{i}", Static)
        err.update(safe_text(problem) if problem else "")
        err.display = bool(problem)
        if s.widget is not None:
            s.widget.set_class(bool(problem), "invalid")

    def on_input_changed(self, event: Input.Changed) -> None:
        i, s = self._slot_of(event.input)
        if s:
            self._check(i, s)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        i, s = self._slot_of(event.text_area)
        if s:
            self._check(i, s)

    def on_select_changed(self, event: Select.Changed) -> None:
        i, s = self._slot_of(event.select)
        if s:
            self._check(i, s)

    # --- dirty / leaving ---------------------------------------------------------
    def is_dirty(self) -> bool:
        if self._saving:
            return False
        for s in self.slots:
            if s.widget is not None and s.text() != s.start_text:
                return True
        return False

    def action_back(self, quit_on_top: bool = False) -> None:
        if not self.is_dirty():
            self.app.pop_screen()
            return

        def answered(a):
            if a == "discard":
                self.app.pop_screen()
        self.app.push_screen(ChoiceDialog(
            t("unsaved.title"), t("unsaved.body", what=self.what()),
            [("keep", t("unsaved.keep"), "primary"),
             ("discard", t("unsaved.discard"), "error")], default="keep"), answered)

    # --- going to a field by its label (F2: type a few letters, pinyin too) ---
    def action_jump(self) -> None:
        from store.model.search import PinyinKeys, search_key
        keys = PinyinKeys()
        entries = []
        for s in self.slots:
            if s.widget is None:
                continue
            label = getattr(s, "label_text", s.name)
            entries.append((s.name, label, search_key("", label, keys.get(label))))

        def chosen(name):
            for s in self.slots:
                if s.name == name and s.widget is not None:
                    s.widget.focus()
                    s.widget.scroll_visible(animate=False)
        self.app.push_screen(PickerDialog(entries, title=t("form.jump_title"),
                                          show_ids=False), chosen)

    # --- picking ids ---------------------------------------------------------------
    def action_pick(self) -> None:
        i, s = self._slot_of(self.focused)
        if not s or s.f.type not in (ID, IDS) or not isinstance(s.widget, Input):
            return
        inp = s.widget

        def chosen(rid):
            if not rid:
                return
            if s.f.type == ID:
                inp.value = rid
            else:
                cur = [x.strip() for x in inp.value.split(",") if x.strip()]
                if rid not in cur:
                    cur.append(rid)
                inp.value = ", ".join(cur)
            inp.focus()
        self.app.push_screen(PickerDialog(own_kind_first(self.app.entries(), s.name)),
                             chosen)
