"""The import screen: the path of the client's requirement list, then a dry
run (which column gives which field, what each row would do, the rows that
cannot be taken and why, the requirements no longer in the sheet), then the
import itself on ctrl+s after a confirmation: one commit, or nothing.

Opened from the command palette; not offered on a read-only workspace.
Every cell is the client's text: shown literally through RecordTable."""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widgets import Button, Input, Static

from store.errors import AccordError
from store.model.schema import REQUIREMENT

from tui.i18n import error_text, t
from tui.widgets.rowlist import HeaderLine, RecordTable
from tui.widgets.safe import safe_text
from tui.screens.base import AccordScreen

STYLE = {"create": "green", "update": "yellow", "bad": "bold red"}


class Line(NamedTuple):
    cells: tuple


class ImportScreen(AccordScreen):
    DEFAULT_CSS = """
    ImportScreen #import-controls { height: 3; }
    ImportScreen #import-path { width: 1fr; }
    ImportScreen Button { width: auto; min-width: 8; }
    ImportScreen #import-info { height: auto; max-height: 4; padding: 0 1; }
    ImportScreen #import-status { height: auto; max-height: 2; padding: 0 1; }
    ImportScreen HeaderLine { padding: 0 1; }
    ImportScreen RecordTable { padding: 0 1; }
    """
    BINDINGS = [
        Binding("ctrl+g", "plan", "key.import_plan", id="import.plan"),
        Binding("ctrl+s", "apply", "key.import_apply", id="import.apply"),
    ]

    def __init__(self, workspace, project: str, path: str = ""):
        super().__init__()
        self.ws = workspace
        self.project = project
        self.first_path = path
        self.plan = None
        self.busy = False  # a dry run or an import is running in a thread

    def crumbs(self):
        return [t("import.title")]

    @property
    def lang(self) -> str:
        return getattr(self.app, "lang", None) or self.ws.language

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="import-controls"):
            yield Input(value=self.first_path, placeholder=t("import.path"), id="import-path")
            yield Button(t("key.import_plan"), id="import-plan", compact=True)
            yield Button(t("key.import_apply"), id="import-apply", compact=True)
        yield Static(Text(t("import.hint")), id="import-info")
        yield HeaderLine(id="import-head")
        yield RecordTable(id="import-rows")
        yield Static("", id="import-status", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#import-path", Input).focus()
        if self.first_path:
            self.action_plan()

    # --- events -----------------------------------------------------------------
    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_plan()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        {"import-plan": self.action_plan,
         "import-apply": self.action_apply}.get(event.button.id, lambda: None)()

    # --- the dry run ----------------------------------------------------------------
    def action_plan(self) -> None:
        text = self.query_one("#import-path", Input).value.strip()
        if self.busy:
            return
        self.plan = None
        self._show_rows([])
        if not text:
            self._info(t("import.hint"))
            self._status("")
            return
        self._info("")
        self._work(self._plan_work(Path(text).expanduser()), t("import.reading"))

    def _plan_work(self, path):
        from store.sheets import plan_import
        ws, project, lang = self.ws, self.project, self.lang

        def work():
            return plan_import(ws, project, path, lang=lang)
        return work, self._show_plan

    def _work(self, job, busy_text: str) -> None:
        """Run ``job`` = (work, done) in a thread (a 10,000-row sheet takes
        seconds); ``done(result)`` runs on the app's thread, a user error
        becomes the status line."""
        work, done = job
        app = self.app
        self.busy = True
        self._status(busy_text)

        def run():
            try:
                result = work()
            except AccordError as e:
                app.call_from_thread(self._finish, None, error_text(e))
                return
            app.call_from_thread(self._finish, lambda: done(result), None)
        self.run_worker(run, thread=True, exclusive=True, group="import")

    def _finish(self, then, error: str | None) -> None:
        self.busy = False
        if not self.is_attached:
            return  # the screen was left meanwhile
        if error is not None:
            self._status(error, error=True)
        else:
            then()

    def _show_plan(self, plan) -> None:
        from store.sheets.words import msg
        self.plan = plan
        lang = self.lang
        tb = plan.table
        sheet = msg(lang, "t.sheet", name=tb.sheet) if tb.sheet else ""
        lines = [msg(lang, "t.file", file=plan.file, sheet=sheet, row=tb.header_row)]
        pairs = ", ".join(f"{h} → {_label(f, lang)}" for f, h in plan.mapping.headers.items())
        lines.append(msg(lang, "t.columns", pairs=pairs))
        if plan.mapping.ignored:
            lines.append(msg(lang, "t.ignored", cols=", ".join(plan.mapping.ignored)))
        self._info("\n".join(lines))
        rows = []
        for r in plan.rows:
            if r.action == "same":
                continue
            what = r.why if r.action == "bad" else r.title
            if r.action == "update":
                what += f"  ({', '.join(_label(f, lang) for f in r.changes)})"
            style = STYLE.get(r.action, "")
            rows.append(Line((
                (str(r.row), ""), (msg(lang, f"t.{r.action}"), style),
                (r.rid or "-", ""), (safe_text(r.ref or "-"), ""),
                (safe_text(what), "red" if r.action == "bad" else ""))))
        for rid, ref, title in plan.gone:
            rows.append(Line((("-", ""), (msg(lang, "t.gone_short"), "dim"),
                              (rid, ""), (safe_text(ref), ""), (safe_text(title), "dim"))))
        self._show_rows(rows)
        counts = {a: len(plan.of(a)) for a in ("create", "update", "same", "bad")}
        self._status(msg(lang, "t.counts", skipped=tb.skipped, **counts),
                     error=bool(plan.bad))

    def _show_rows(self, rows) -> None:
        head = self.query_one(HeaderLine)
        table = self.query_one(RecordTable)
        labels = t_head(self.lang)
        width = max(self.size.width - 2, 40)
        widths = [5, 8, 9, 10]
        widths.append(max(width - sum(widths) - 2 * len(widths), 10))
        head.set(labels if rows else [], widths)
        table.set_widths(widths)
        table.set_rows(rows, 0)

    # --- the import -------------------------------------------------------------------
    def action_apply(self) -> None:
        from store.sheets.words import msg
        plan = self.plan
        if self.busy:
            return
        if plan is None:
            self._status(t("import.nothing"), error=True)
            return
        if plan.bad:
            b = plan.bad[0]
            self._status(msg(self.lang, "bad_rows", file=plan.file, n=len(plan.bad),
                             row=b.row, why=b.why), error=True)
            return
        if not plan.writes:
            self._status(msg(self.lang, "nothing"))
            return
        from tui.screens.dialogs import ChoiceDialog
        n_new, n_upd = len(plan.of("create")), len(plan.of("update"))

        def answered(answer) -> None:
            if answer == "apply":
                self._apply(plan)

        self.app.push_screen(ChoiceDialog(
            t("import.confirm", n=n_new + n_upd),
            t("import.confirm_body", create=n_new, update=n_upd),
            [("apply", t("import.do"), "primary"), ("cancel", t("import.cancel"), "default")],
            default="cancel"), answered)

    def _apply(self, plan) -> None:
        from store.sheets import apply_plan
        from store.sheets.words import msg
        ws, project, lang = self.ws, self.project, self.lang
        n_new, n_upd = len(plan.of("create")), len(plan.of("update"))

        def work():
            return apply_plan(ws, project, plan, lang=lang)[0]

        def done(commit) -> None:
            text = msg(lang, "t.applied", n=n_new + n_upd, create=n_new, update=n_upd,
                       commit=(commit or "")[:10])
            self.plan = None
            self.app.reload()
            self._status(text)
            self.app.notify(safe_text(text), markup=False)
        self._work((work, done), t("import.writing"))

    # --- helpers ------------------------------------------------------------------------
    def _info(self, text: str) -> None:
        self.query_one("#import-info", Static).update(Text(safe_text(text, multiline=True)))

    def _status(self, text: str, error: bool = False) -> None:
        self.query_one("#import-status", Static).update(
            Text(safe_text(text), style="bold red" if error else ""))


def t_head(lang: str) -> list[str]:
    from store.sheets.words import msg
    return msg(lang, "t.head").split("|")


def _label(field: str, lang: str) -> str:
    """A field as the user reads it (标题, 优先级); the Accord id and the
    notes column by their own words."""
    if field == "id":
        return "Accord 编号" if lang == "zh" else "Accord ID"
    if field == "source_ref":
        return "客户编号" if lang == "zh" else "client ID"
    if field == "notes":
        return "并入需求描述" if lang == "zh" else "appended to the statement"
    f = REQUIREMENT.field(field)
    return f.label(lang) if f else field


def open_import(app) -> None:
    """The palette's entry: the import screen on the current project."""
    if app.read_only or not app.project:
        return
    app.push_screen(ImportScreen(app.ws, app.project))
