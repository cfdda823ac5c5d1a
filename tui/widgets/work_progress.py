"""A one-line progress bar for long work (a report's build, a sync): the
stage in words and Textual's ProgressBar, shown only while the work runs.

The work runs in a worker thread and tells its progress as the store does
(store.progress_note: stage, done, total); ``from_thread()`` gives the
callable to hand it, which posts a message to the bar (thread-safe, never
waits for the UI) only when what the bar shows would change.
"""
from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import ProgressBar, Static

from tui.i18n import language
from tui.progress_line import stage_words


class WorkProgress(Horizontal):
    """Hidden until ``show``; ``done`` hides it again."""

    DEFAULT_CSS = """
    WorkProgress { height: 1; padding: 0 1; display: none; }
    WorkProgress.-busy { display: block; }
    WorkProgress > .stage { width: auto; margin-right: 1; color: $text-muted; }
    WorkProgress > ProgressBar { width: 1fr; }
    """

    class Told(Message):
        """Progress from a worker thread."""

        def __init__(self, stage: str, done: int, total: int | None) -> None:
            super().__init__()
            self.stage, self.done, self.total = stage, done, total

    def compose(self) -> ComposeResult:
        yield Static("", classes="stage", markup=False)
        yield ProgressBar(total=None, show_eta=False)

    _state: tuple | None = None  # (stage, done, total) shown
    _work = 0  # the number of the last from_thread: only its news shows
    _ready = False  # composed: the label and the bar are there

    def on_mount(self) -> None:
        self._ready = True
        if self._state is not None:
            self._apply()

    @property
    def busy(self) -> bool:
        return self.has_class("-busy")

    @property
    def shown(self) -> tuple | None:
        """(stage code, done, total) last shown, None before the first."""
        return self._state

    @property
    def stage(self) -> str:
        """The stage shown, in words (empty when hidden)."""
        return stage_words(self._state[0], language()) if self.busy and self._state else ""

    def show(self, stage: str, done: int = 0, total: int | None = None) -> None:
        self._state = (stage, done, total)
        self.add_class("-busy")
        if self._ready:
            self._apply()

    def _apply(self) -> None:
        stage, done, total = self._state
        self.query_one(".stage", Static).update(stage_words(stage, language()))
        self.query_one(ProgressBar).update(total=total if total else None,
                                           progress=done if total else 0)

    def done(self) -> None:
        self.remove_class("-busy")

    def on_work_progress_told(self, event: Told) -> None:
        event.stop()
        self.show(event.stage, event.done, event.total)

    def from_thread(self, also=None):
        """A progress callable for a worker thread; ``also``: another one
        that hears every call too (in that thread, after the bar)."""
        last: list = [None]
        self._work += 1
        work = self._work  # a newer piece of work takes the bar over

        def told(stage: str, done: int, total: int | None) -> None:
            seen = (stage, done * 100 // total if total else None)
            if seen != last[0] and work == self._work:  # a bar of 100 steps: news only
                last[0] = seen
                self.post_message(self.Told(stage, done, total))
            if also is not None:
                also(stage, done, total)
        return told
