"""The project's settings in a form: name, client, status, dates, goals and
scope, and the ``project.toml`` tables (stakeholders, cadence, milestones,
effort, payments) as editable rows -- one row a line, cells in the order
the hint names, separated by ``|``.  Saving is one commit
(``Workspace.update_project``), or the new project (``new_project``) when
the workspace has none yet (the first run opens this form)."""
from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Label, Select, Static, TextArea

from store import codec, ids
from store.errors import AccordError, InvalidValue
from store.project_rows import rows_from_text, rows_to_text
from store.schema import CHOICE, LIST, PROJECT_FIELDS, TABLE, TABLES

from ..i18n import t, word
from ..widgets.safe import safe_text
from .base import AccordScreen
from .detail import show_error
from .dialogs import WhyPrompt
from .form import from_text, to_text


def _slots():
    """(dotted name, field, parent label or None) of every editable field."""
    for f in PROJECT_FIELDS:
        if f.type == TABLE:
            for s in f.fields:
                yield f"{f.name}.{s.name}", s, f
        else:
            yield f.name, f, None


class ProjectFormScreen(AccordScreen):
    BINDINGS = [Binding("ctrl+s", "save", "key.save", id="form.save",  # noqa: RUF012
                        priority=True)]

    def __init__(self, new: bool = False):
        super().__init__()
        self.new = new
        self.widgets: dict[str, object] = {}
        self.start: dict[str, str] = {}
        self._saving = False

    def crumbs(self):
        return [t("project.form_new") if self.new else t("project.form_title")]

    def what(self) -> str:
        return self.crumbs()[0]

    def _data(self) -> dict:
        return {} if self.new else (self.app.project_data() or {})

    def compose_body(self) -> ComposeResult:
        lang = self.app.lang
        data = self._data()
        with VerticalScroll(id="form"):
            yield Static(t("project.form_hint"), classes="hint", markup=False)
            if self.new:
                yield Label(Text(t("project.slug") + " *"), classes="flabel")
                w = Input(id="p-slug", compact=True, placeholder="crm-rollout")
                self.widgets["slug"] = w
                self.start["slug"] = ""
                yield w
            for i, (name, f, parent) in enumerate(_slots()):
                label = f.label(lang)
                if parent is not None:
                    label = f"{parent.label(lang)} · {label}"
                if f.required:
                    label += " *"
                yield Label(Text(label), classes="flabel")
                value = codec_get(data, name)
                if f.type == TABLES:
                    text = rows_to_text(f, value)
                    w = TextArea(text, id=f"p-{i}", soft_wrap=True, compact=True)
                    hint = " | ".join(s.label(lang) for s in f.fields)
                elif f.type == LIST:
                    text = to_text(f, value)
                    w = TextArea(text, id=f"p-{i}", soft_wrap=True, compact=True)
                    hint = t("form.list_hint")
                elif f.type == CHOICE:
                    text = value or ""
                    w = Select([(word(c), c) for c in f.choices], id=f"p-{i}",
                               value=value if value in f.choices else Select.NULL,
                               compact=True, prompt=t("form.choose"))
                    hint = ""
                else:
                    text = to_text(f, value)
                    w = Input(text, id=f"p-{i}", compact=True, select_on_focus=False)
                    hint = ""
                self.widgets[name] = w
                self.start[name] = text
                yield w
                if hint:
                    yield Static(hint, classes="hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        first = next(iter(self.widgets.values()), None)
        if first is not None:
            first.focus()

    def _text(self, name: str) -> str:
        w = self.widgets[name]
        if isinstance(w, Select):
            return "" if w.value is Select.NULL else str(w.value)
        if isinstance(w, TextArea):
            return w.text
        return w.value

    def is_dirty(self) -> bool:
        return not self._saving and any(self._text(n) != s for n, s in self.start.items())

    def changes(self) -> dict:
        """{dotted name: value or codec.REMOVE} of what was changed; raises
        InvalidValue (one line) for what cannot be read."""
        out = {}
        for name, f, _parent in _slots():
            text = self._text(name)
            if text == self.start[name]:
                continue
            if f.type == TABLES:
                value = rows_from_text(name, f, text) or None
            else:
                value, problem = from_text(name, f, text)
                if problem:
                    raise InvalidValue(problem)
            out[name] = codec.REMOVE if value is None else value
        return out

    def action_save(self) -> None:
        try:
            changes = self.changes()
            slug = self._text("slug").strip() if self.new else None
            if self.new:
                ids.check_slug(slug)
                if not changes.get("name") or not changes.get("client"):
                    raise InvalidValue(t("project.need_name"))
        except AccordError as e:
            show_error(self.app, e)
            return
        if not changes:
            self.app.notify(t("form.nothing"), markup=False)
            self.app.pop_screen()
            return

        def answered(why):
            if why is not None:
                self._save(slug, changes, why or None)
        self.app.push_screen(WhyPrompt(), answered)

    def _save(self, slug, changes: dict, why) -> None:
        app = self.app
        try:
            if self.new:
                fields = {k: v for k, v in changes.items()
                          if v is not codec.REMOVE and k not in ("name", "client")}
                nested: dict = {}
                for k, v in fields.items():
                    head, _, sub = k.partition(".")
                    if sub:
                        nested.setdefault(head, {})[sub] = v
                    else:
                        nested[head] = v
                app.ws.new_project(slug, changes["name"], changes["client"],
                                   fields=nested, why=why)
            else:
                app.ws.update_project(app.project, changes, why=why)
        except AccordError as e:
            show_error(app, e)
            return
        self._saving = True
        app.reload()
        if self.new:
            app.project = slug
        app.notify(t("project.saved", name=safe_text(changes.get("name") or
                                                     app.project_data().get("name", ""))),
                   markup=False)
        app.open_dashboard()

    def action_back(self, quit_on_top: bool = False) -> None:
        if not self.is_dirty():
            if len(self.app.screen_stack) > 2:
                self.app.pop_screen()
            elif quit_on_top:
                self.app.call_later(self.app.action_quit)
            return
        from .dialogs import ChoiceDialog

        def answered(a):
            if a == "discard":
                self._saving = True
                self.action_back(quit_on_top)
        self.app.push_screen(ChoiceDialog(
            t("unsaved.title"), t("unsaved.body", what=self.what()),
            [("keep", t("unsaved.keep"), "primary"),
             ("discard", t("unsaved.discard"), "error")], default="keep"), answered)


def codec_get(data: dict, name: str):
    head, _, sub = name.partition(".")
    v = data.get(head)
    if sub:
        return v.get(sub) if isinstance(v, dict) else None
    return v
