"""The dashboard of a project: what needs attention now, and counts per
kind.  Every line opens the records it counts."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.model.schema import KINDS, Kind

from tui.i18n import alert_words, error_text, t, word
from tui.widgets.common import SteadyOptionList
from tui.widgets.safe import safe_text
from tui.messages import ProjectLoaded
from tui.screens.base import AccordScreen

@dataclass
class Alert:
    key: str
    label: str
    rids: list = field(default_factory=list)
    kind: Kind | None = None
    note: str = ""


def sla_line(index, today: dt.date) -> Text:
    """Feedback response time and reply SLA in one line (store.model.figures)."""
    from store.model.figures import feedback_figures
    f = feedback_figures(index, today)
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append("    ")
    if f.average_days is None:
        line.append(t("dash.sla_none", late=len(f.overdue)), style="bright_black")
    else:
        line.append(t("dash.sla", avg=f"{f.average_days:.1f}", on=f.on_time,
                      n=f.due_replied, late=len(f.overdue)),
                    style="yellow" if f.overdue else "")
    return line


def attention(index, project: dict, today: dt.date, signoff=None) -> list[Alert]:
    """The store's attention groups (store.model.attention) in the UI's words."""
    from store.model.attention import attention as groups
    out = []
    for a in groups(index, project, today, signoff):
        label, note = alert_words(a, safe_text)
        out.append(Alert(a.key, label, list(a.ids),
                         KINDS[a.kind] if a.kind else None, note))
    return out


SNAPSHOT = "dashboard"


def _snapshot_key(app, slug: str) -> tuple:
    from store import locations
    return (slug, app.today.isoformat(), app.lang, locations.version())


def _plain(figures) -> tuple:
    """The figures as plain data (kinds by name, the SLA line as its text
    and style): what is kept between runs holds no Rich objects."""
    alerts, sla, counts = figures
    style = str(sla.spans[0].style) if sla.spans else ""
    return ([(a.key, a.label, list(a.rids), a.kind.name if a.kind else None, a.note)
             for a in alerts], (sla.plain, style), {k: tuple(v) for k, v in counts.items()})


def _sla_text(plain: str, style: str) -> Text:
    line = Text(no_wrap=True, overflow="ellipsis")
    line.append(plain[:4])
    line.append(plain[4:], style=style)
    return line


def early_figures(app, slug: str):
    """The dashboard's figures kept (store.snapshot) from an earlier run
    whose files had the stamp they have now, or None."""
    from store import snapshot
    stamp = app.session.stamp(slug)
    if stamp is None:
        return None
    kept = snapshot.read(app.ws, slug, SNAPSHOT, stamp, _snapshot_key(app, slug))
    if kept is None:
        return None
    try:
        alerts, sla, counts = kept
        return ([Alert(k, label, list(rids), KINDS[kn] if kn else None, note)
                 for k, label, rids, kn, note in alerts],
                _sla_text(*sla), dict(counts))
    except (TypeError, ValueError, KeyError):  # a kept file of another shape: a miss
        return None


def compute_figures(app, index, pdata: dict) -> tuple:
    """(alerts, SLA line, {kind name: [count, open]}) of ``index`` (also
    called from the thread that reads a large project)."""
    from store.model.attention import is_open
    alerts = attention(index, pdata, app.today, app.session.signoff)
    sla = sla_line(index, app.today)
    counts: dict[str, list] = {}
    for r in index.records.values():
        c = counts.get(r.kind.name)
        if c is None:
            c = counts[r.kind.name] = [0, 0]
        c[0] += 1
        if is_open(r):
            c[1] += 1
    return alerts, sla, counts


def figures_key(app) -> tuple:
    """What the figures depend on besides the index and the project data."""
    return (app.today, app.lang)


def keep_figures(app, slug: str, figures) -> None:
    """Keep ``figures`` for the next open when the index they come from was
    read after a stamp of its files (large projects only)."""
    stamp = app.session.stamp(slug)
    if stamp is not None:
        from store import snapshot
        snapshot.write(app.ws, slug, SNAPSHOT, stamp, _snapshot_key(app, slug),
                       _plain(figures))


class DashboardScreen(AccordScreen):
    BINDINGS = [
        Binding("j", "move(1)", "key.down", id="list.down", show=False),
        Binding("k", "move(-1)", "key.up", id="list.up", show=False),
        Binding("g", "edge(0)", "key.top", id="list.top", show=False),
        Binding("G", "edge(1)", "key.bottom", id="list.bottom", show=False),
        Binding("enter", "open", "key.open", id="open"),
        Binding("H", "project_history", "key.project_history",
                id="dash.project_history", show=False),
        Binding("S", "app.sync", "key.sync", id="dash.sync", show=False),
        Binding("C", "charts", "key.charts", id="dash.charts", show=False),
        *[Binding(str(i), f"kind({i - 1})", f"key.kind_n:{i}", id=f"kind.{i}",
                  show=False) for i in range(1, 10)],
        Binding("0", "kind(9)", "key.kind_n:10", id="kind.10", show=False),
        # [ and ] open the last and the first kind's list (then step there)
        Binding("left_square_bracket", "kind(-1)", "key.kind_prev",
                id="kind.prev", show=False),
        Binding("right_square_bracket", "kind(0)", "key.kind_next",
                id="kind.next", show=False),
    ]

    _shown = None  # what the lines were last built from

    def crumbs(self):
        return [t("dash.title")]

    def compose_body(self) -> ComposeResult:
        from tui.widgets.charts import ChartRow
        from tui.widgets.work_progress import WorkProgress
        yield WorkProgress(id="load-progress")  # a large project's first read
        yield SteadyOptionList(id="dash")
        yield ChartRow(id="charts")  # hidden until there is room (or C)

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_data()
        self.query_one(OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()  # cheap: the figures are kept per index version

    def disk_changed(self) -> None:
        self.refresh_data()

    def on_project_loaded(self, message: ProjectLoaded) -> None:
        """The app finished reading the project in the background (not yet
        mounted: on_mount shows it; closing: nothing to show)."""
        if self.is_mounted and self.query("#dash"):
            for bar in self.query("#load-progress"):
                bar.done()
            self.refresh_data()

    def _figures(self, pdata: dict):
        """(alerts, SLA line, {kind name: (count, open)}) of the loaded
        project, computed once per index version (the screen is refreshed
        on mount, on every resume and after each change); before a large
        project is read: its kept figures (early_figures) or None."""
        app = self.app
        slug = app.project
        session = app.session
        if not session.indexed(slug):
            early = session.early.get(slug)
            if early is not None:
                return early
            if app.loading() or app.load_in_background(slug):  # large: in a worker
                return None
        index = app.index()  # first: reading it moves the index version
        key = figures_key(app)
        figures = session.figures(slug, pdata, key)
        if figures is None:  # not worked out for this index yet (here or by its read)
            figures = compute_figures(app, index, pdata)
            keep_figures(app, slug, figures)
            session.keep_figures(slug, pdata, key, figures)
        return figures

    def refresh_data(self) -> None:
        app = self.app
        ol = self.query_one(OptionList)
        if not app.project:
            self._shown = None
            ol.clear_options()
            self._targets = {}
            ol.add_option(Option(Text(t("dash.no_project")), disabled=True))
            return
        pdata = app.project_data()
        figures = self._figures(pdata)
        stopped = self._sync_line()
        from tui.sync_worker import unpushed_now
        unpushed = None if app.read_only else unpushed_now(app)
        # the lines follow from these: when none changed (a resume, a
        # refresh right after mount) the list is left as it is
        shown = (app.project, app.today, app.lang,
                 stopped.plain if stopped is not None else None, unpushed)
        last = self._shown
        if (last is not None and last[0] == shown and last[1] is pdata
                and last[2] is figures and figures is not None):
            return
        self._shown = (shown, pdata, figures)  # held: compared by identity
        keep = ol.highlighted
        ol.clear_options()
        self._targets = {}
        self.update_crumbs()
        loading = figures is None
        head = Text(no_wrap=True, overflow="ellipsis")
        head.append(safe_text(pdata.get("client") or ""), style="bold")
        status = pdata.get("status")
        if status:
            head.append("  " + safe_text(word(status)), style="cyan")
        head.append("  " + t("dash.today", date=app.today.isoformat()),
                    style="bright_black")
        opts = [Option(head, disabled=True)]
        if stopped is not None:
            self._targets["sync"] = ("sync", None)
            opts.append(Option(stopped, id="sync"))
        elif unpushed:
            self._targets["push"] = ("push", None)
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{unpushed:>3} ", style="bold yellow")
            line.append(t("dash.unpushed", n=unpushed), style="yellow")
            opts.append(Option(line, id="push"))
        opts.append(Option(Text(t("dash.attention"), style="bold underline"),
                           disabled=True))
        if loading:
            # the first screen is up while the records are read: the kinds
            # can be opened already (the list waits for the load)
            alerts, counts = [], {}
            opts.append(Option(Text("    " + t("dash.loading"), style="bright_black"),
                               disabled=True))
        else:
            alerts, sla, counts = figures
        any_alert = False
        for i, a in enumerate(alerts):
            n = len(a.rids) if a.key != "cadence" else 1
            if a.key == "cadence":
                n = 1
            line = Text(no_wrap=True, overflow="ellipsis")
            bad = bool(a.rids) or a.key == "cadence"
            any_alert |= bad
            line.append(f"{(n if a.key != 'cadence' else '!'):>3} ",
                        style="bold red" if bad else "green")
            line.append(a.label, style="" if bad else "bright_black")
            tail = a.note or " ".join(safe_text(x) for x in a.rids[:8])
            if len(a.rids) > 8:
                tail += " …"
            if tail:
                line.append("  " + safe_text(tail), style="bright_black")
            oid = f"a{i}"
            self._targets[oid] = ("alert", a)
            opts.append(Option(line, id=oid, disabled=not a.rids and a.key != "cadence"))
        if not loading:
            if not any_alert:
                opts.append(Option(Text("    " + t("dash.all_clear"), style="green"),
                                   disabled=True))
            self._targets["sla"] = ("kind", KINDS["feedback"])
            opts.append(Option(sla, id="sla"))
        opts.append(Option(Text(""), disabled=True))
        opts.append(Option(Text(t("dash.kinds"), style="bold underline"), disabled=True))
        for n, k in enumerate(KINDS.values(), 1):
            total, open_n = counts.get(k.name, (0, 0))
            line = Text(no_wrap=True, overflow="ellipsis")
            line.append(f"{'…' if loading else total:>3} ", style="bold")
            line.append(k.label(app.lang))
            line.append(f"  {k.prefix}", style="bright_black")
            if k.statuses and open_n:
                line.append("  " + t("dash.count_open", n=open_n), style="yellow")
            if n <= 9:
                line.append(f"  [{n}]", style="bright_black")
            oid = f"k{k.name}"
            self._targets[oid] = ("kind", k)
            opts.append(Option(line, id=oid))
        ol.add_options(opts)
        if not loading:  # drawn after the screen, in a thread (widgets/charts)
            self.query_one("#charts").want((app.project, app.index_version,
                                            app.today, app.lang))
        if keep is not None and keep < ol.option_count:
            ol.highlighted = keep
        else:
            for i in range(ol.option_count):
                if not ol.get_option_at_index(i).disabled:
                    ol.highlighted = i
                    break

    def unpushed_changed(self) -> None:
        """The count of commits not yet pushed changed (tui.sync_worker)."""
        self.refresh_data()

    def _sync_line(self) -> Text | None:
        """"sync stopped: N conflicting fields" while a merge is in progress
        (one stat when none is; git is asked for the conflicts only then)."""
        ws = self.app.ws
        # sync.in_progress's own test, without importing the sync machinery
        # for the first screen
        if not (ws.git.git_dir / "MERGE_HEAD").exists():
            return None
        from store.team import sync
        try:
            if not sync.in_progress(ws):
                return None
            n = len(sync.conflicts(ws))
        except Exception as e:  # noqa: BLE001 - a broken merge must not hide the app
            n, problem = None, error_text(e)
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append("  ! ", style="bold red")
        if n is None:
            line.append(t("dash.sync_broken", problem=safe_text(problem)), style="bold red")
        elif n:
            line.append(t("dash.sync_stopped", n=n), style="bold red")
        else:
            line.append(t("dash.sync_settled"), style="bold yellow")
        return line

    def _open(self, oid) -> None:
        what, target = self._targets.get(oid, (None, None))
        if what == "sync":
            self.app.open_resolve()
        elif what == "push":
            self.app.action_sync()
        elif what == "kind":
            self.app.open_list(target)
        elif what == "alert":
            a = target
            if a.key == "broken":
                return
            if a.key == "cadence":
                self.app.open_list(a.kind)
                return
            kinds = {self.app.index().records[r].kind.name for r in a.rids
                     if r in self.app.index().records}
            kind = a.kind or (KINDS[next(iter(kinds))] if len(kinds) == 1 else None)
            self.app.open_list(kind, (a.label, frozenset(a.rids)))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._open(event.option.id)

    def action_open(self) -> None:
        ol = self.query_one(OptionList)
        if ol.highlighted is not None:
            self._open(ol.get_option_at_index(ol.highlighted).id)

    def action_move(self, d: int) -> None:
        ol = self.query_one(OptionList)
        ol.action_cursor_down() if d > 0 else ol.action_cursor_up()

    def action_edge(self, end: int) -> None:
        ol = self.query_one(OptionList)
        ol.action_last() if end else ol.action_first()

    def on_resize(self, event) -> None:
        self.query_one("#charts").fit(event.size.height)

    def action_charts(self) -> None:
        self.query_one("#charts").toggle()

    def action_project_history(self) -> None:
        from tui.screens.project_history import open_project_history
        open_project_history(self.app)

    def action_kind(self, i: int) -> None:
        kinds = list(KINDS.values())
        i = i % len(kinds)
        if i < len(kinds) and self.app.project:
            self.app.open_list(kinds[i])
