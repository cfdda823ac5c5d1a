"""The dashboard's chart row: open items by kind, feedback reply times
against the promised time, requirement changes since the baseline
(series from store.history.charts, drawn with textual-plotext).

The row costs the first screen nothing: it is hidden until there is room
(``ROOM`` lines, or ``C`` toggles it), and once shown the series are
computed and plotext is imported in a thread worker, after the screen is
drawn.  Titles and legends are Textual text (plotext does not measure
Chinese characters), user text (a baseline's name) is never markup.
"""
from __future__ import annotations

from rich.text import Text
from textual import work
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from tui.i18n import t
from tui.widgets.safe import safe_text

ROOM = 40      # terminal lines from which the row shows by itself
# the first drawing waits this long after the row is shown: the first
# screen settles (and answers keys) before the charts add their layout
FIRST_DELAY = 0.3
HEIGHT = 12    # the row's lines: a title and two legend lines above each plot
COLOURS = ("cyan", "yellow", "magenta", "green", "red", "blue")


class ChartRow(Horizontal):
    """Three charts side by side, or one line while they are computed."""

    DEFAULT_CSS = f"""
    ChartRow {{ height: {HEIGHT}; display: none; padding: 0 1; }}
    ChartRow > Vertical {{ width: 1fr; height: {HEIGHT}; padding-right: 1; }}
    ChartRow Static {{ height: 1; }}
    ChartRow Static.legend {{ height: 2; }}
    """

    def __init__(self, **kw) -> None:
        super().__init__(**kw)
        self.chosen: bool | None = None  # the user's C, over the size rule
        self._want = None   # (project, index version, today, lang) to show
        self._drawn = None  # the key of what is drawn or being computed
        self._timer = None  # the first drawing's FIRST_DELAY

    # --- when to show ----------------------------------------------------
    def fit(self, height: int) -> None:
        """Shown from ROOM lines unless the user chose with ``C``."""
        show = self.chosen if self.chosen is not None else height >= ROOM
        if show != self.display:
            self.display = show
        if show:
            self._soon()

    def toggle(self) -> None:
        self.chosen = not self.display
        self.fit(self.screen.size.height)

    def want(self, key) -> None:
        """The dashboard's data changed (``key``); computed when shown."""
        self._want = key
        if self.display:
            self._soon()

    def _soon(self) -> None:
        """``_start`` after the screen is drawn; the first time a moment
        later (FIRST_DELAY), so the first screen is not slower."""
        if self._drawn is None and not self.children:
            if self._timer is None:
                self._timer = self.set_timer(FIRST_DELAY, self._first)
        else:
            self.call_after_refresh(self._start)

    def _first(self) -> None:
        self._timer = None
        self._start()

    # --- computing and drawing --------------------------------------------
    def _start(self) -> None:
        app = self.app
        key = self._want
        if key is None or key == self._drawn or not self.display:
            return
        self._drawn = key
        if not self.children:
            self.mount(Static(Text(t("chart.loading"), style="bright_black"),
                              id="chart-wait"))
        self._compute(app.ws, app.project, app.index(), app.today, app.lang, key)

    @work(thread=True, exclusive=True, group="charts", exit_on_error=False)
    def _compute(self, ws, project, index, today, lang, key) -> None:
        from store.history.charts import project_series
        from store.errors import AccordError
        from store.git.repo import GitError
        import textual_plotext  # noqa: F401 - imported here, off the first screen
        try:
            data = project_series(ws, project, index, today, lang)
        except (AccordError, GitError, OSError) as e:  # the history cannot be read
            self.app.call_from_thread(self._failed, str(e), key)
            return
        self.app.call_from_thread(self._draw, data, key)

    def _failed(self, problem: str, key) -> None:
        if key != self._drawn or not self.is_mounted:
            return
        self._drawn = None  # tried again on the next refresh (R)
        self.remove_children()
        line = problem.strip().splitlines()[0] if problem.strip() else ""
        self.mount(Static(Text(t("chart.failed", problem=safe_text(line)),
                               style="bright_black")))

    def _draw(self, data: dict, key) -> None:
        if key != self._drawn or not self.is_mounted:
            return  # newer data is on its way
        from textual_plotext import PlotextPlot
        self.remove_children()
        panels = []
        for title, legend, plot in (_open_chart(data), _reply_chart(data),
                                    _change_chart(data)):
            widget = PlotextPlot()
            plot(widget.plt)
            panels.append(Vertical(Static(title), Static(legend, classes="legend"),
                                   widget))
        self.mount(*panels)


def _ticks(plt, weeks: list[str]) -> None:
    """Every other week's Monday under the x axis (they do not fit all)."""
    n = len(weeks)
    xs = [i for i in range(n) if (n - 1 - i) % 2 == 0]
    plt.xticks(xs, [weeks[i] for i in xs])
    plt.xlim(-0.5, n - 0.5)


def _title(key: str, **values) -> Text:
    return Text(t(key, **values), style="bold", no_wrap=True, overflow="ellipsis")


def _counts_axis(plt, *series) -> None:
    """Whole numbers on the y axis of a chart of counts."""
    top = max([max(s) for s in series if s] + [1])
    step = max(1, -(-top // 4))
    plt.yticks(list(range(0, top + step, step)))
    plt.ylim(0, top)


def _legend(pairs) -> Text:
    line = Text()  # wraps onto the second legend line
    for i, (label, colour) in enumerate(pairs):
        line.append(("  " if i else "") + "■", style=colour)  # no break after it
        line.append(safe_text(label))
    return line


def _open_chart(data: dict):
    weeks, opened, names = data["weeks"], data["open"], data["kinds"]
    kinds = list(opened)
    pairs = [(names.get(k, k), COLOURS[i % len(COLOURS)]) for i, k in enumerate(kinds)]

    def plot(plt):
        for (_, colour), k in zip(pairs, kinds):
            plt.plot(list(range(len(weeks))), opened[k], color=colour, marker="braille")
        _ticks(plt, weeks)
        _counts_axis(plt, *opened.values())
    legend = _legend(pairs) if kinds else Text(t("chart.none"), style="bright_black")
    return _title("chart.open"), legend, plot


def _reply_chart(data: dict):
    weeks, rep = data["weeks"], data["replies"]
    pairs = [(t("chart.days"), "cyan"), (t("chart.promised"), "yellow")]

    def plot(plt):
        for series, (_, colour) in zip((rep["days"], rep["promised"]), pairs):
            xs = [i for i, v in enumerate(series) if v is not None]
            if xs:
                plt.plot(xs, [series[i] for i in xs], color=colour, marker="dot")
                plt.scatter(xs, [series[i] for i in xs], color=colour, marker="●")
        _ticks(plt, weeks)
    if not any(rep["replied"]):
        legend = Text(t("chart.no_replies"), style="bright_black")
    else:
        legend = _legend(pairs)
    return _title("chart.replies"), legend, plot


def _change_chart(data: dict):
    weeks, ch = data["weeks"], data["changes"]

    def plot(plt):
        plt.bar(list(range(len(weeks))), ch["counts"], color="magenta", width=0.5)
        _ticks(plt, weeks)
        _counts_axis(plt, ch["counts"])
    if ch["baseline"] is None:
        legend = Text(t("chart.no_baseline"), style="bright_black")
    else:
        legend = Text(no_wrap=True, overflow="ellipsis")
        legend.append(t("chart.since", n=ch["total"]))
        legend.append(safe_text(ch["baseline"]), style="bold")
    return _title("chart.changes"), legend, plot
