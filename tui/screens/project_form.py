"""The project's settings as a form: name, client, status and dates, goals
and scope (one item per line), the communication plan, and the tables of
stakeholders, cadence, milestones, effort and payments as rows to add, edit
and remove.  Typing and checking come from store.model.project_settings, so the
form accepts exactly what ``accord project set`` does.  With ``new=True``
it creates a project (the first run in an empty workspace opens it)."""
from __future__ import annotations

import datetime as dt

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, DataTable, Input, Label, Select, Static, TextArea

from store.errors import AccordError
from store.model.project_settings import ROW_TABLES, parse_row, rows_of, table_of
from store.model.schema import PROJECT_FIELDS, field_in

from tui.i18n import error_text, t, word
from tui.widgets.safe import safe, safe_text
from tui.screens.base import AccordScreen
from tui.screens.dialogs import Dialog


SCALARS = ("name", "client", "status", "start", "end")
LISTS = ("goals", "in_scope", "out_of_scope", "communication.channels",
         "communication.escalation")


def _text(v) -> str:
    if v is None:
        return ""
    return v.isoformat() if isinstance(v, dt.date) else str(v)


def _get(data: dict, dotted: str):
    for part in dotted.split("."):
        data = data.get(part) if isinstance(data, dict) else None
    return data


class RowDialog(Dialog):
    """One row of a project table, one input per field; returns the typed
    row (store.model.project_settings.parse_row) or None."""
    BINDINGS = [Binding("ctrl+s", "submit", "key.save", id="row.save")]

    def __init__(self, table: str, row: dict | None = None):
        super().__init__()
        self.table, self.row = table, row or {}
        self.tf = table_of(table)[2]

    def compose(self) -> ComposeResult:
        lang = self.app.lang
        with Vertical(classes="box"):
            yield Static(safe(t("pform.row_title", table=self.tf.label(lang)), "bold"),
                         classes="dtitle")
            with VerticalScroll(classes="dbody"):
                for f in self.tf.fields:
                    hint = f" ({'/'.join(word(c) for c in f.choices)})" if f.choices else ""
                    yield Label(safe_text(f.label(lang) + hint + (" *" if f.required else "")))
                    yield Input(_text(self.row.get(f.name)), id=f"r-{f.name}", compact=True)
            yield Static("", id="row-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(t("pform.ok"), id="b-ok", variant="primary", compact=True)
                yield Button(t("pform.cancel"), id="b-cancel", compact=True)

    def on_mount(self) -> None:
        self.query(Input).first().focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "b-ok":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_submit(self) -> None:
        pairs = [(f.name, self.query_one(f"#r-{f.name}", Input).value.strip())
                 for f in self.tf.fields]
        try:
            self.dismiss(parse_row(self.table, pairs))
        except AccordError as e:
            self.query_one("#row-error", Static).update(safe_text(error_text(e)))


class ProjectFormScreen(AccordScreen):
    DEFAULT_CSS = """
    ProjectFormScreen #pform { padding: 0 1; }
    ProjectFormScreen #pform Label { color: $text-muted; }
    ProjectFormScreen .plines { height: 5; }
    ProjectFormScreen .prows { height: auto; max-height: 8; }
    """
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="form.save"),
        Binding("a", "add_row", "key.add_row", id="pform.add_row"),
        Binding("x", "remove_row", "key.remove_row", id="pform.remove_row"),
    ]

    def __init__(self, new: bool = False):
        super().__init__()
        self.new = new
        self.rows: dict[str, list[dict]] = {}

    def crumbs(self):
        return [t("pform.new_title" if self.new else "pform.title")]

    def _pdata(self) -> dict:
        return {} if self.new else self.app.project_data()

    def compose_body(self) -> ComposeResult:
        lang, pdata = self.app.lang, self._pdata()
        with VerticalScroll(id="pform"):
            if self.new:
                yield Label(t("pform.slug"))
                yield Input("", id="f-slug", compact=True)
            for name in SCALARS:
                f = field_in(PROJECT_FIELDS, name)
                yield Label(safe_text(f.label(lang)))
                value = _text(_get(pdata, name))
                if f.choices:
                    yield Select([(word(c), c) for c in f.choices], id=f"f-{name}",
                                 value=value if value in f.choices else Select.NULL,
                                 allow_blank=True, compact=True, prompt=t("form.choose"))
                else:
                    yield Input(value, id=f"f-{name}", compact=True)
            for name in LISTS:
                f = field_in(PROJECT_FIELDS, name)
                yield Label(safe_text(f"{f.label(lang)}（{t('pform.lines')}）"))
                items = _get(pdata, name) or []
                yield TextArea("\n".join(str(x) for x in items), id=f"l-{name.replace('.', '-')}",
                               classes="plines", compact=True)
            for short in ROW_TABLES:
                tf = table_of(short)[2]
                yield Label(safe_text(f"{tf.label(lang)} · {t('pform.rows_hint')}"))
                yield DataTable(id=f"t-{short}", cursor_type="row", classes="prows")

    def on_mount(self) -> None:
        super().on_mount()
        pdata = self._pdata()
        for short in ROW_TABLES:
            try:
                self.rows[short] = rows_of(pdata, short)
            except AccordError:  # not a list of rows: shown empty, saved only when edited
                self.rows[short] = []
            self._fill(short)
        self.query("Input, Select").first().focus()

    def _fill(self, short: str) -> None:
        table = self.query_one(f"#t-{short}", DataTable)
        tf = table_of(short)[2]
        table.clear(columns=True)
        for f in tf.fields:
            table.add_column(f.label(self.app.lang), key=f.name)
        for row in self.rows[short]:
            table.add_row(*[safe_text(_text(row.get(f.name))) for f in tf.fields])

    def _focused_table(self) -> str | None:
        w = self.focused
        if isinstance(w, DataTable) and w.id and w.id.startswith("t-"):
            return w.id[2:]
        return None

    def check_action(self, action: str, parameters) -> bool | None:
        if action in ("add_row", "remove_row"):
            return True if self._focused_table() else None
        return True

    def on_descendant_focus(self, event) -> None:
        self.refresh_bindings()

    def action_add_row(self) -> None:
        self._edit_row(self._focused_table(), None)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        short = event.data_table.id[2:]
        self._edit_row(short, event.cursor_row)

    def _edit_row(self, short: str | None, index: int | None) -> None:
        if short is None:
            return
        rows = self.rows[short]
        current = rows[index] if index is not None and index < len(rows) else None

        def done(row):
            if row is None:
                return
            if current is None:
                rows.append(row)
            else:
                rows[index] = row
            self._fill(short)
        self.app.push_screen(RowDialog(short, current), done)

    def action_remove_row(self) -> None:
        short = self._focused_table()
        if short is None:
            return
        table = self.query_one(f"#t-{short}", DataTable)
        if 0 <= table.cursor_row < len(self.rows[short]):
            del self.rows[short][table.cursor_row]
            self._fill(short)

    def changes(self) -> dict:
        """What the form changes, ready for ``Workspace.update_project``."""
        from store.model.project_settings import set_changes
        pdata = self._pdata()
        pairs = []
        for name in SCALARS:
            w = self.query_one(f"#f-{name}")
            value = w.value
            text = "" if value is Select.NULL or value is None else str(value).strip()
            if text != _text(_get(pdata, name)):
                pairs.append((name, text))
        out = set_changes(pdata, pairs)
        for name in LISTS:
            area = self.query_one(f"#l-{name.replace('.', '-')}", TextArea)
            items = [ln.strip() for ln in area.text.splitlines() if ln.strip()]
            if items != (_get(pdata, name) or []):
                out[name] = items or None
        for short, rows in self.rows.items():
            path = table_of(short)[0]
            if rows != (_get(pdata, path) or []):
                out[path] = rows or None
        return out

    def action_save(self) -> None:
        app = self.app
        try:
            changes = self.changes()
            if self.new:
                slug = self.query_one("#f-slug", Input).value.strip()
                name, client = changes.pop("name", None), changes.pop("client", None)
                fields = {k: v for k, v in changes.items() if v is not None and "." not in k}
                comm = {k.split(".", 1)[1]: v for k, v in changes.items()
                        if v is not None and k.startswith("communication.")}
                if comm:
                    fields["communication"] = comm
                app.ws.new_project(slug, name or "", client or "", fields)
            elif changes:
                app.ws.update_project(app.project, changes)
        except AccordError as e:
            app.notify(safe_text(error_text(e)), severity="error", markup=False)
            return
        app.reload()
        if self.new:
            app.notify(t("pform.created", slug=safe_text(slug)), markup=False)
            app.project = slug
            app.open_dashboard()
            return
        app.notify(t("pform.saved" if changes else "pform.nothing"), markup=False)
        self.leave()
