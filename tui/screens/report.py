"""The report screen: choose a document and its period (or baseline, or
meeting), preview it, write it to a file, keep it as a sent ``report``
record.

The desktop app writes into ``<workspace>/reports/`` (the box shows the
full path) and asks before replacing a file.  A read-only app (``accord
serve``) writes nothing: in the browser the report is a download
(``App.deliver_text``, handed to the browser by textual-serve), and the
write and keep keys are hidden.

The preview is the same Markdown the command line prints; every piece of
user text in it was escaped by the store's renderer, so it shows literally,
its paragraphs wrap Chinese text properly, and links are never opened.

A document is built in a worker thread (a long history takes seconds): the
screen keeps answering keys, a bar shows the stage (reading records,
reading history, writing), and only the last build asked for is shown."""
from __future__ import annotations

import io
from functools import partial
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Static
from textual.worker import get_current_worker

from store.errors import AccordError, ReadOnlyError
from store.git.repo import GitError

from tui.i18n import error_text, t
from tui.widgets.cjk_markdown import CJKMarkdown
from tui.widgets.safe import safe_text
from tui.widgets.work_progress import WorkProgress
from tui.screens.base import AccordScreen


TYPES = ("progress", "summary", "minutes", "review", "requirements", "final")
REPORTS = "reports"  # the desktop app's folder for written reports, in the workspace


class ReportScreen(AccordScreen):
    DEFAULT_CSS = """
    ReportScreen #report-controls, ReportScreen #report-actions {
        height: 3;
    }
    ReportScreen #report-type { width: 30; }
    ReportScreen #report-param, ReportScreen #report-path { width: 1fr; }
    ReportScreen Button { width: auto; min-width: 0; }
    ReportScreen #report-readonly { height: 1; padding: 0 1; color: $warning; }
    ReportScreen #report-status { height: 1; padding: 0 1; }
    ReportScreen #report-preview { height: 1fr; border: round $secondary; }
    """
    BINDINGS = [
        Binding("ctrl+g", "build", "key.report_build", id="report.build"),
        Binding("ctrl+s", "write", "key.report_write", id="report.write"),
        # the same key in the browser view, where a report is a download
        Binding("ctrl+s", "download", "key.report_download", id="report.download"),
        Binding("ctrl+k", "keep", "key.report_keep", id="report.keep"),
    ]
    _param_kind: str | None = None  # the document the param field is set for

    def __init__(self, workspace, project: str | None, kind: str = "progress",
                 param: str = "", folder: Path | str | None = None, progress=None):
        """``kind``: the document shown first; ``param``: its period,
        baseline or meeting (empty: the document's default); ``folder``:
        where the desktop app writes (default ``<workspace>/reports``);
        ``progress`` (store.progress_note): hears each build's progress too,
        in the worker thread."""
        super().__init__()
        self.progress = progress
        self._builds = 0  # the number of the last build asked for
        self.first_param = param
        self.ws = workspace
        self.project = project
        self.first_kind = kind if kind in TYPES else "progress"
        self.folder = Path(folder) if folder else workspace.root / REPORTS
        self.doc: dict | None = None
        self.text: str = ""
        self._auto_path = ""

    @property
    def read_only(self) -> bool:
        return self.ws.read_only

    def check_action(self, action: str, parameters) -> bool | None:
        """Writing keys are hidden in a read-only view; the download key
        shows only there, and only in a browser (elsewhere it would save a
        file on this machine)."""
        if action in ("write", "keep"):
            return not self.read_only
        if action == "download":
            return self.read_only and self.app.is_web
        return True

    def crumbs(self):
        return [t("report.title")]

    def compose_body(self) -> ComposeResult:
        from textual.widgets import Select
        with Horizontal(id="report-controls"):
            yield Select([(t(f"report.type.{k}"), k) for k in TYPES], value=self.first_kind,
                         allow_blank=False, id="report-type")
            yield Input(placeholder=t("report.param.since"), id="report-param")
            yield Button(t("key.report_build"), id="report-build")
        yield Static("", id="report-status", markup=False)
        yield WorkProgress(id="report-progress")
        with VerticalScroll(id="report-preview"):
            yield CJKMarkdown("", id="report-md", open_links=False)
        if not self.read_only:
            with Horizontal(id="report-actions"):
                yield Input(placeholder=t("report.path"), id="report-path")
                yield Button(t("key.report_write"), id="report-write")
                yield Button(t("key.report_keep"), id="report-keep")
        elif self.app.is_web:
            with Horizontal(id="report-actions"):
                yield Input(placeholder=t("report.download_name"), id="report-path")
                yield Button(t("key.report_download"), id="report-download")
        else:
            yield Static(t("report.readonly"), id="report-readonly", markup=False)

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
    def on_select_changed(self, event: "Select.Changed") -> None:  # noqa: F821
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
         "report-keep": self.action_keep,
         "report-download": self.action_download}.get(event.button.id, lambda: None)()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "report-param":
            self.action_build()
        elif event.input.id == "report-path":
            (self.action_download if self.read_only else self.action_write)()

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

    @property
    def building(self) -> bool:
        """A build is under way (its bar shows)."""
        return self.query_one(WorkProgress).busy

    def action_build(self) -> None:
        """Build the document in a worker; a build asked for while one runs
        replaces it (the older one's result is dropped)."""
        kind = self.kind
        param = self.query_one("#report-param", Input).value.strip()
        kw = {"lang": getattr(self.app, "lang", None),
              "today": getattr(self.app, "today", None)}
        if kind in ("summary", "progress") and param:
            kw["since"] = param
        elif kind == "requirements" and param:
            kw["at"] = param
        elif kind in ("minutes", "review") and param:
            kw["meeting"] = param
        self._builds += 1
        bar = self.query_one(WorkProgress)
        bar.show("reading-records")
        self.run_worker(partial(self._build, self._builds, kind, kw,
                                bar.from_thread(self.progress)),
                        name="report-build", group="report-build", thread=True,
                        exclusive=True, exit_on_error=False)

    def _build(self, number: int, kind: str, kw: dict, progress) -> None:
        """(worker thread) The document and its Markdown, handed to ``_built``."""
        from store import reports
        doc = text = error = None
        try:
            project = self.ws.resolve_project(self.project)
            if kind == "minutes" and not kw.get("meeting"):
                kw["meeting"] = self._default_meeting(project)
            doc = reports.build(self.ws, project, kind, progress=progress, **kw)
            text = reports.render(doc, "md")
        except (AccordError, GitError, OSError) as e:  # said on the status line
            error = e
        if get_current_worker().is_cancelled and number != self._builds:
            return
        try:
            self.app.call_from_thread(self._built, number, kind, kw, doc, text, error)
        except RuntimeError:  # the app has ended meanwhile
            pass

    def _built(self, number: int, kind: str, kw: dict, doc, text, error) -> None:
        if number != self._builds or not self.is_mounted:
            return  # a newer build was asked for, or the screen is gone
        self.query_one(WorkProgress).done()
        if kind == "minutes" and kw.get("meeting"):
            param = self.query_one("#report-param", Input)
            if not param.value.strip():
                param.value = kw["meeting"]  # the meeting it chose
        if error is not None:
            self.doc = None
            self.text = ""
            self.query_one("#report-md").update("")
            self._status(error_text(error), error=True)
            return
        self.doc, self.text = doc, text
        self.query_one("#report-md").update(self.text)
        self._status(safe_text(self.doc.get("title") or ""))
        found = self.query("#report-path")
        if not found:
            return  # a read-only view outside a browser: nothing is saved
        path = found.first(Input)
        if not path.value or path.value == self._auto_path:
            # the suggested name follows the document; a name the user
            # typed stays.  Dated today (not the app's "today", which the
            # demo freezes): the file is written now.
            from store.reports.periods import today
            name = f"{self.doc.get('type')}-{today().isoformat()}.md"
            self._auto_path = name if self.read_only else str(self.folder / name)
            path.value = self._auto_path
            # a long folder: the file name is what shows
            self.call_after_refresh(lambda: path.scroll_to(
                x=path.max_scroll_x, animate=False, immediate=True))

    def _default_meeting(self, project: str) -> str:
        """(worker thread) The last meeting held, for minutes of no meeting."""
        from store.reports.periods import last_held_meeting
        m = last_held_meeting(self.ws.load(project))
        return m.id if m is not None else ""

    def _format(self, name: str) -> str:
        """md, html, json or docx (a Word file), by the name's suffix."""
        from store.reports import format_for
        return format_for(name)

    def _target(self) -> Path | None:
        """The file the box names: ``~`` expanded, a bare name in the
        reports folder (never the folder the app was started from)."""
        raw = self.query_one("#report-path", Input).value.strip()
        if not raw:
            return None
        p = Path(raw).expanduser()
        return (p if p.is_absolute() else self.folder / p).resolve()

    def action_write(self) -> None:
        """Write the document where the box says; ask before replacing."""
        if self.read_only:
            self._status(t("err.readonly"), error=True)
            return
        if self.doc is None:
            self._status(t("report.empty"), error=True)
            return
        path = self._target()
        if path is None:
            self._status(t("report.path"), error=True)
            return
        if not path.exists():
            self._write(path)
            return
        from tui.screens.dialogs import ChoiceDialog

        def answered(answer):
            if answer == "replace":
                self._write(path)
            else:
                self._status(t("report.not_written", path=str(path)), error=True)
        self.app.push_screen(ChoiceDialog(
            t("report.overwrite.title"), t("report.overwrite.body", path=str(path)),
            [("keep", t("report.overwrite.keep"), "primary"),
             ("replace", t("report.overwrite.replace"), "error")],
            default="keep"), answered)

    def _write(self, path: Path) -> None:
        from store import reports
        try:
            if path.parent == self.folder.resolve():
                self.ws.guard_write()
                path.parent.mkdir(parents=True, exist_ok=True)
            written = reports.write(self.ws, path,
                                    reports.render(self.doc, self._format(path.name)))
        except ReadOnlyError:
            self._status(t("err.readonly"), error=True)
            return
        except AccordError as e:
            self._status(error_text(e), error=True)
            return
        except OSError as e:  # the reports folder could not be made
            self._status(f"{path.parent}: {e.strerror}", error=True)
            return
        self._status(t("report.written", path=str(written)))

    def action_download(self) -> None:
        """The browser view: the document goes to the viewer's browser as a
        download; nothing is written on this machine."""
        if not (self.read_only and self.app.is_web):
            return
        if self.doc is None:
            self._status(t("report.empty"), error=True)
            return
        name = self.query_one("#report-path", Input).value.strip() or self._auto_path
        # a file name only: no folder, and nothing that would break out of
        # the download's Content-Disposition header
        if (not name or name in (".", "..") or not name.isprintable()
                or any(c in name for c in '/\\;"')):
            self._status(t("report.download_bad"), error=True)
            return
        from store import reports
        data = reports.render(self.doc, self._format(name))
        if isinstance(data, bytes):  # a Word file
            self.app.deliver_binary(io.BytesIO(data), save_filename=name)
        else:
            self.app.deliver_text(io.StringIO(data), save_filename=name,
                                  encoding="utf-8")
        self._status(t("report.downloading", name=name))

    def action_keep(self) -> None:
        from store import reports
        if self.read_only:
            self._status(t("err.readonly"), error=True)
            return
        if self.doc is None:
            self._status(t("report.empty"), error=True)
            return
        try:
            saved = reports.keep(self.ws, self.ws.resolve_project(self.project),
                                 self.doc, self.text,
                                 sent_on=getattr(self.app, "today", None))
        except ReadOnlyError:
            self._status(t("err.readonly"), error=True)
            return
        except AccordError as e:
            self._status(error_text(e), error=True)
            return
        self._status(t("report.kept", id=saved.record.id))
        changed = getattr(self.app, "record_changed", None)
        if callable(changed) and getattr(self.app, "project", None) == saved.record.project:
            changed(saved.record.id, saved.record)
