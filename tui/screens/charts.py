"""Charts of the project (``C`` on the dashboard): open records by kind over
the last weeks, feedback reply times against the promised time, and the
requirements changed since the newest baseline.  Computed in a thread from
the history (its cache makes the next time quick) and drawn with
textual-plotext; the screen answers keys while they are computed."""
from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.containers import Grid
from textual.widgets import Static

from store.schema import KINDS

from ..i18n import t
from .base import AccordScreen

WEEKS = 8


def compute(app) -> dict:
    """Everything the charts draw (runs in a thread)."""
    from store.charts import baseline_changes, open_by_week, reply_times
    from store.history import read_history
    ws, slug = app.ws, app.project
    history = read_history(ws, project=slug)
    ends, opened = open_by_week(history.of_project(slug), app.today, WEEKS)
    base, changes = baseline_changes(ws, slug)
    return {"ends": ends, "open": opened,
            "replies": reply_times(app.index().records.values()),
            "baseline": base, "changes": changes}


class ChartsScreen(AccordScreen):
    def crumbs(self):
        return [t("charts.title")]

    def compose_body(self) -> ComposeResult:
        yield Static(t("charts.computing"), id="charts-status", markup=False)
        with Grid(id="charts"):
            pass

    def on_mount(self) -> None:
        super().on_mount()
        self._compute()

    @work(thread=True, exclusive=True)
    def _compute(self) -> None:
        try:
            figures = compute(self.app)
        except Exception as e:  # noqa: BLE001 - shown, the app goes on
            self.app.call_from_thread(self._show_problem, str(e))
            return
        self.app.call_from_thread(self._draw, figures)

    def _show_problem(self, problem: str) -> None:
        from ..widgets.safe import safe_text
        self.query_one("#charts-status", Static).update(
            t("charts.problem", problem=safe_text(problem)))

    def _draw(self, figures: dict) -> None:
        from textual_plotext import PlotextPlot
        lang = self.app.lang
        grid = self.query_one("#charts")
        self.query_one("#charts-status", Static).update(
            t("charts.note", weeks=WEEKS))
        weeks = [d.strftime("%m-%d") for d in figures["ends"]]

        opened = PlotextPlot(id="chart-open")
        grid.mount(opened)
        plt = opened.plt
        plt.title(t("charts.open"))
        for kind, row in sorted(figures["open"].items(), key=lambda kv: -max(kv[1]))[:5]:
            k = KINDS.get(kind)
            plt.plot(list(range(len(weeks))), row,
                     label=k.label(lang) if k else kind, marker="braille")
        plt.xticks(list(range(len(weeks))), weeks)

        replies = PlotextPlot(id="chart-replies")
        grid.mount(replies)
        plt = replies.plt
        plt.title(t("charts.replies"))
        rows = figures["replies"]
        if rows:
            names = [rid for rid, _a, _b in rows]
            plt.multiple_bar(names, [[a for _r, a, _b in rows],
                                     [b or 0 for _r, _a, b in rows]],
                             labels=[t("charts.taken"), t("charts.promised")])

        changes = PlotextPlot(id="chart-baseline")
        grid.mount(changes)
        plt = changes.plt
        if figures["baseline"]:
            plt.title(t("charts.baseline", name=figures["baseline"]))
            ch = figures["changes"]
            plt.bar([t(f"charts.{k}") for k in ("added", "changed", "removed")],
                    [ch.get(k, 0) for k in ("added", "changed", "removed")])
        else:
            plt.title(t("charts.no_baseline"))
