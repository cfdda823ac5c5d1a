"""The report screen: choose a document and its period (or baseline, or
meeting), preview it, write it to a file, keep it as a sent ``report``
record.

The preview is the same Markdown the command line prints; every piece of
user text in it was escaped by the store's renderer, so it shows literally,
and links are never opened."""
from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static

from store.errors import AccordError

from ..i18n import t
from ..widgets.safe import safe_text
from .base import AccordScreen


TYPES = ("progress", "summary", "minutes", "review", "requirements", "final")


class ReportScreen(AccordScreen):
    DEFAULT_CSS = """
    ReportScreen #report-controls, ReportScreen #report-actions {
        height: 3;
    }
    ReportScreen #report-type { width: 30; }
    ReportScreen #report-param, ReportScreen #report-path { width: 1fr; }
    ReportScreen Button { width: auto; min-width: 10; }
    ReportScreen #report-status { height: 1; padding: 0 1; }
    ReportScreen #report-preview { height: 1fr; border: round $secondary; }
    """
    BINDINGS = [
        Binding("ctrl+g", "build", "key.report_build", id="report.build"),
        Binding("ctrl+s", "write", "key.report_write", id="report.write"),
        Binding("ctrl+k", "keep", "key.report_keep", id="report.keep"),
    ]
    _param_kind: str | None = None  # the document the param field is set for

    def __init__(self, workspace, project: str | None, kind: str = "progress",
                 param: str = ""):
        """``kind``: the document shown first; ``param``: its period,
        baseline or meeting (empty: the document's default)."""
        super().__init__()
        self.first_param = param
        self.ws = workspace
        self.project = project
        self.first_kind = kind if kind in TYPES else "progress"
        self.doc: dict | None = None
        self.text: str = ""
        self._auto_path = ""

    def crumbs(self):
        return [t("report.title")]

    def compose_body(self) -> ComposeResult:
        from textual.widgets import Markdown, Select
        with Horizontal(id="report-controls"):
            yield Select([(t(f"report.type.{k}"), k) for k in TYPES], value=self.first_kind,
                         allow_blank=False, id="report-type")
            yield Input(placeholder=t("report.param.since"), id="report-param")
            yield Button(t("key.report_build"), id="report-build")
        yield Static("", id="report-status", markup=False)
        with VerticalScroll(id="report-preview"):
            yield Markdown("", id="report-md", open_links=False)
        with Horizontal(id="report-actions"):
            yield Input(placeholder=t("report.path"), id="report-path")
            yield Button(t("key.report_write"), id="report-write")
            yield Button(t("key.report_keep"), id="report-keep")

    def on_mount(self) -> None:
        super().on_mount()
        self._param_for(self.first_kind)
        self.query_one("#report-param", Input).value = self.first_param
        self.action_build()

    def disk_changed(self) -> None:
        """Records changed while a preview is shown: say so rather than
        rebuild under the reader's eyes (a long document keeps its scroll)."""
        if self.doc is not None:
            self._status(t("report.stale"), error=True)

    # --- events -------------------------------------------------------------
    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "report-type":
            return
        kind = event.value
        if kind == self._param_kind:
            return  # the value it opened with
        self.query_one("#report-param", Input).value = ""
        self._param_for(kind)
        if kind != "minutes":
            self.action_build()

    def _param_for(self, kind: str) -> None:
        """The period / baseline / meeting field as the document needs it."""
        self._param_kind = kind
        param = self.query_one("#report-param", Input)
        param.placeholder = t({"requirements": "report.param.at",
                               "minutes": "report.param.meeting",
                               "review": "report.param.review",
                               "final": "report.param.none"}.get(kind, "report.param.since"))
        param.disabled = kind == "final"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        {"report-build": self.action_build, "report-write": self.action_write,
         "report-keep": self.action_keep}.get(event.button.id, lambda: None)()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "report-param":
            self.action_build()
        elif event.input.id == "report-path":
            self.action_write()

    def on_markdown_link_clicked(self, event) -> None:
        event.prevent_default()  # never open links
        event.stop()

    # --- actions --------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.query_one("#report-type").value

    def _status(self, text: str, error: bool = False) -> None:
        self.query_one("#report-status", Static).update(
            Text(safe_text(text), style="red" if error else "green"))

    def action_build(self) -> None:
        from store import reports
        kind = self.kind
        param = self.query_one("#report-param", Input).value.strip()
        lang = getattr(self.app, "lang", None)
        kw = {"lang": lang, "today": getattr(self.app, "today", None)}
        if kind in ("summary", "progress") and param:
            kw["since"] = param
        elif kind == "requirements" and param:
            kw["at"] = param
        elif kind == "minutes":
            kw["meeting"] = param or self._default_meeting()
        elif kind == "review" and param:
            kw["meeting"] = param
        try:
            self.doc = reports.build(self.ws, self.ws.resolve_project(self.project),
                                     kind, **kw)
        except AccordError as e:
            self.doc = None
            self.text = ""
            self.query_one("#report-md").update("")
            self._status(str(e), error=True)
            return
        self.text = reports.render(self.doc, "md")
        self.query_one("#report-md").update(self.text)
        self._status(safe_text(self.doc.get("title") or ""))
        path = self.query_one("#report-path", Input)
        if not path.value or path.value == self._auto_path:
            # the suggested name follows the document; a name the user
            # typed stays
            day = getattr(self.app, "today", None) or dt.date.today()
            self._auto_path = f"{self.doc.get('type')}-{day.isoformat()}.md"
            path.value = self._auto_path

    def _default_meeting(self) -> str:
        from store.periods import last_held_meeting
        try:
            m = last_held_meeting(self.ws.load(self.ws.resolve_project(self.project)))
        except AccordError:
            return ""
        if m is not None:
            self.query_one("#report-param", Input).value = m.id
            return m.id
        return ""

    def action_write(self) -> None:
        from store import reports
        if self.doc is None:
            self._status(t("report.empty"), error=True)
            return
        raw = self.query_one("#report-path", Input).value.strip()
        if not raw:
            self._status(t("report.path"), error=True)
            return
        fmt = "html" if raw.endswith((".html", ".htm")) else \
            "json" if raw.endswith(".json") else "md"
        try:
            path = reports.write(raw, reports.render(self.doc, fmt))
        except AccordError as e:
            self._status(str(e), error=True)
            return
        self._status(t("report.written", path=str(path)))

    def action_keep(self) -> None:
        from store import reports
        if self.doc is None:
            self._status(t("report.empty"), error=True)
            return
        try:
            saved = reports.keep(self.ws, self.ws.resolve_project(self.project),
                                 self.doc, self.text,
                                 sent_on=getattr(self.app, "today", None))
        except AccordError as e:
            self._status(str(e), error=True)
            return
        self._status(t("report.kept", id=saved.record.id))
        changed = getattr(self.app, "record_changed", None)
        if callable(changed) and getattr(self.app, "project", None) == saved.record.project:
            changed(saved.record.id, saved.record)
