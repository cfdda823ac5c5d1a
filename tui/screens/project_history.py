"""The history of a whole project: its commits newest first (date, author,
action, record and title, why); ``enter`` shows one commit's field-level
changes per record (rendered as the record history screen renders them).

The history is read in a worker thread, so the screen opens at once even on
50,000 commits; only the newest ``PAGE`` commits of the project are read and
shown, ``m`` reads the next ``PAGE``.  ``p`` limits it to a period: since a
date, a baseline, a revision or the last held meeting (``store.reports.periods``).
"""
from __future__ import annotations

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Input, Static

from tui.i18n import error_text, subject_text, t
from tui.widgets.rowlist import HeaderLine, RecordTable
from tui.widgets.safe import safe_text
from tui.screens.base import AccordScreen
from tui.screens.history import action_word, author_name, events_text

PAGE = 500
CHUNK = 250  # commits read per step while looking for the project's own


class ProjectCommits:
    """The project's commits of a range, newest first, read page by page.

    ``commits`` is every commit of the range (cheap: one cached ``git
    log``); ``next_page`` reads events for the next commits until ``limit``
    more of them touched the project.  No textual here: runs in a thread."""

    def __init__(self, ws, project: str, revs=None, since_date=None, until_date=None):
        from store.history import list_commits
        self.ws, self.project = ws, project
        commits = list_commits(ws, revs)
        if since_date:
            commits = [c for c in commits if c.day >= since_date]
        if until_date:
            commits = [c for c in commits if c.day <= until_date]
        self.commits = commits[::-1]
        self.pos = 0
        self.found: list[tuple] = []  # (Commit, [events of the project])

    @property
    def exhausted(self) -> bool:
        return self.pos >= len(self.commits)

    def next_page(self, limit: int = PAGE) -> list[tuple]:
        from store.history import events_of
        got: list[tuple] = []
        while len(got) < limit and not self.exhausted:
            chunk = self.commits[self.pos:self.pos + CHUNK]
            by_commit = events_of(self.ws, chunk)
            for i, c in enumerate(chunk):
                evs = [e for e in by_commit.get(c.id, ())
                       if e["project"] == self.project]
                if evs:
                    got.append((c, evs))
                    if len(got) >= limit:
                        self.pos += i + 1
                        break
            else:
                self.pos += len(chunk)
        self.found.extend(got)
        return got


def _tell(app, fn, *args) -> None:
    """Run ``fn`` on the app's thread, unless the app has stopped meanwhile."""
    try:
        app.call_from_thread(fn, *args)
    except RuntimeError:
        pass


class CommitRow:
    __slots__ = ("commit", "events", "cells")

    def __init__(self, commit, events):
        self.commit = commit
        self.events = events
        first = events[0]
        rid = first.get("id") or ""
        title = first.get("title") or ""
        if first.get("kind") == "project":
            label = t("phist.project_file")
        else:
            label = f"{rid}  {title}" if title else rid
        ids_ = {e.get("id") for e in events}
        if len(ids_) > 1:
            label += "  " + t("phist.more_records", n=len(ids_) - 1)
        actions = []
        for e in events:
            w = action_word(e.get("action") or "")
            if w not in actions:
                actions.append(w)
        why = next((e.get("why") for e in events if e.get("why")), "")
        if not why and not commit.subject.startswith(f"{rid}: "):
            why = commit.subject  # a hand commit: its message says why
        self.cells = (
            (commit.date[:10], "cyan"),
            (safe_text(author_name(commit.author)), "bright_black"),
            (safe_text("/".join(actions)), "bold"),
            (safe_text(label), ""),
            (safe_text(why), "italic" if any(e.get("why") for e in events)
             else "bright_black"),
        )


def commit_text(commit, events) -> Group:
    """One commit: its header, then per record the field changes."""
    out = Text()
    out.append(t("phist.commit", commit=commit.id), style="yellow")
    out.append("\n")
    out.append(t("phist.author", author=safe_text(commit.author)) + "\n",
               style="bright_black")
    out.append(t("phist.date", date=safe_text(commit.date)) + "\n", style="bright_black")
    out.append(safe_text(subject_text(commit.subject)) + "\n", style="bold")
    parts = [out]
    for e in events:
        rid = Text()
        if e.get("kind") == "project":
            rid.append(t("phist.project_file"), style="bold underline")
        else:
            rid.append(safe_text(e.get("id") or ""), style="bold underline")
            if e.get("title"):
                rid.append("  " + safe_text(e["title"]), style="bold")
        parts += [Text(""), rid, events_text([e])]
    return Group(*parts)


class CommitScreen(AccordScreen):
    """What one commit did, record by record."""

    BINDINGS = [
        Binding("j", "scroll(1)", "key.down", id="list.down", show=False),
        Binding("k", "scroll(-1)", "key.up", id="list.up", show=False),
        Binding("g", "edge(0)", "key.top", id="list.top", show=False),
        Binding("G", "edge(1)", "key.bottom", id="list.bottom", show=False),
    ]

    def __init__(self, commit, events):
        super().__init__()
        self.commit = commit
        self.events = events

    def crumbs(self):
        return [t("phist.title"), self.commit.id[:8]]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="history") as vs:
            vs.can_focus = True
            yield Static(commit_text(self.commit, self.events), id="hist", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#history").focus()

    def action_scroll(self, d: int) -> None:
        self.query_one("#history").scroll_relative(y=d, animate=False)

    def action_edge(self, end: int) -> None:
        vs = self.query_one("#history")
        vs.scroll_end(animate=False) if end else vs.scroll_home(animate=False)


class ProjectHistoryScreen(AccordScreen):
    DEFAULT_CSS = """
    ProjectHistoryScreen #phist-period { height: 1; border: none; padding: 0 1; }
    ProjectHistoryScreen #phist-status { height: 1; padding: 0 1; }
    """
    BINDINGS = [
        Binding("m", "more", "key.more", id="phist.more"),
        Binding("p", "period", "key.period", id="phist.period"),
        Binding("j", "move(1)", "key.down", id="list.down", show=False),
        Binding("k", "move(-1)", "key.up", id="list.up", show=False),
        Binding("g", "edge(0)", "key.top", id="list.top", show=False),
        Binding("G", "edge(1)", "key.bottom", id="list.bottom", show=False),
    ]

    def __init__(self, since: str | None = None, page: int = PAGE):
        super().__init__()
        self.since = since
        self.page = page
        self.source: ProjectCommits | None = None
        self.rows: list[CommitRow] = []
        self.loading = False
        self.problem: str | None = None
        self._token = 0

    def crumbs(self):
        return [t("phist.title")]

    def compose_body(self) -> ComposeResult:
        yield HeaderLine(id="thead")
        yield RecordTable(id="table")
        yield Static("", id="phist-status", markup=False)
        yield Input(placeholder=t("phist.period_prompt"), id="phist-period")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#phist-period").display = False
        self._layout()
        self.query_one(RecordTable).focus()
        self.reload()

    def disk_changed(self) -> None:
        self.reload()

    def refresh_data(self) -> None:
        self.reload()

    # --- loading --------------------------------------------------------------
    def reload(self) -> None:
        """Read the newest page again (the period kept)."""
        self._token += 1
        self.source = None
        self.loading = True
        self.problem = None
        self._status()
        app = self.app
        index = app.index() if self.since else None
        self.run_worker(self._work_first(self._token, self.since, index),
                        thread=True, exclusive=True, group="phist")

    def _work_first(self, token, since, index):
        app = self.app
        ws, project, today, page = app.ws, app.project, app.today, self.page

        def work():
            try:
                revs = since_date = until_date = None
                if since:
                    from store.reports.periods import resolve
                    per = resolve(ws, project, since=since, index=index, today=today)
                    revs, since_date, until_date = per.revs, per.since_date, per.until_date
                src = ProjectCommits(ws, project, revs, since_date, until_date)
                got = src.next_page(page)
            except Exception as e:  # noqa: BLE001 - one line, never a crash
                _tell(app, self._failed, token, error_text(e))
                return
            _tell(app, self._loaded, token, src, got, True)
        return work

    def _work_more(self, token, src):
        app, page = self.app, self.page

        def work():
            try:
                got = src.next_page(page)
            except Exception as e:  # noqa: BLE001 - one line, never a crash
                _tell(app, self._failed, token, error_text(e))
                return
            _tell(app, self._loaded, token, src, got, False)
        return work

    def on_unmount(self) -> None:
        self._token += 1  # a load still running finds no screen to fill

    def _failed(self, token, problem: str) -> None:
        if token != self._token or not self.is_attached:
            return
        self.loading = False
        self.problem = problem
        self._status()

    def _loaded(self, token, src, got, fresh: bool) -> None:
        if token != self._token or not self.is_attached:
            return  # a newer load replaced this one, or the screen is gone
        self.loading = False
        self.source = src
        table = self.query_one(RecordTable)
        new = [CommitRow(c, evs) for c, evs in got]
        if fresh:
            # a reload (changed on disk) keeps the cursor on its commit
            was = self.rows[table.cursor].commit.id if self.rows else None
            self.rows = new
            at = next((i for i, r in enumerate(new) if r.commit.id == was), 0)
            table.set_rows(self.rows, at)
        else:
            cursor = table.cursor
            self.rows = self.rows + new
            table.set_rows(self.rows, cursor)
        self._status()

    def action_more(self) -> None:
        if self.loading or self.source is None or self.source.exhausted:
            return
        self.loading = True
        self._status()
        self.run_worker(self._work_more(self._token, self.source),
                        thread=True, exclusive=True, group="phist")

    # --- period ---------------------------------------------------------------
    def action_period(self) -> None:
        inp = self.query_one("#phist-period", Input)
        inp.value = self.since or ""
        inp.display = True
        inp.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inp = self.query_one("#phist-period", Input)
        self.since = inp.value.strip() or None
        inp.display = False
        self.query_one(RecordTable).focus()
        self.rows = []
        self.query_one(RecordTable).set_rows([], 0)
        self.reload()

    def action_back(self, quit_on_top: bool = False) -> None:
        inp = self.query_one("#phist-period", Input)
        if inp.display:
            inp.display = False
            self.query_one(RecordTable).focus()
            return
        super().action_back(quit_on_top)

    # --- showing --------------------------------------------------------------
    def _labels(self):
        return [t("col.date"), t("col.author"), t("col.action"), t("col.record"),
                t("col.why")]

    def _layout(self) -> None:
        width = max(self.size.width or self.app.size.width, 40)
        fixed = [10, 8, 8]
        # gaps, a margin and the vertical scrollbar (history is long)
        rest = max(width - sum(fixed) - 2 * 5 - 4, 20)
        rec = max(12, rest * 3 // 5)
        widths = fixed + [rec, max(8, rest - rec)]
        self.query_one(HeaderLine).set(self._labels(), widths)
        self.query_one(RecordTable).set_widths(widths)

    def on_resize(self, event) -> None:
        self._layout()

    def _status(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis")
        if self.problem:
            line.append(safe_text(self.problem), style="bold red")
        elif self.loading:
            if self.rows:
                line.append(t("phist.count", n=len(self.rows)) + "  ")
            line.append(t("phist.loading"), style="yellow")
        elif not self.rows:
            line.append(t("phist.none"), style="bright_black")
        else:
            line.append(t("phist.count", n=len(self.rows)))
            if self.source is not None and not self.source.exhausted:
                line.append("  " + t("phist.more", n=self.page), style="bright_black")
        if self.since:
            line.append("  " + t("phist.since", since=safe_text(self.since)),
                        style="bold yellow")
        self.query_one("#phist-status", Static).update(line)

    def on_record_table_selected(self, event: RecordTable.Selected) -> None:
        event.stop()
        if 0 <= event.index < len(self.rows):
            row = self.rows[event.index]
            self.app.push_screen(CommitScreen(row.commit, row.events))

    def action_move(self, d: int) -> None:
        self.query_one(RecordTable).action_move(d)

    def action_edge(self, end: int) -> None:
        self.query_one(RecordTable).action_edge(end)


def open_project_history(app) -> None:
    """Open the project's history (the palette's and the dashboard's way in)."""
    if not app.project:
        return
    if not isinstance(app.screen, ProjectHistoryScreen):
        app.push_screen(ProjectHistoryScreen())
