"""Progress of long store work, told to whoever shows it (no Textual here).

A long operation (a first record load, a report, clone, fetch, push) takes
an optional ``progress`` callable and calls it as ``progress(stage, done,
total)``: ``stage`` is one of the codes below (the caller words it in its
language), ``done`` how far that stage is, ``total`` its end or None when
unknown.  The app draws a bar from it, the command line one line on a
terminal; ``nothing`` is the default that shows nothing.

``reporting(progress)`` sets the progress for the work done inside it on
this thread, so a step deep inside (the record load a report starts) can
report without every layer passing the argument on (``current()``).
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from typing import Callable, Iterator

Progress = Callable[[str, int, "int | None"], None]

# the stages: a report's, a record load's, and network git's
READING_RECORDS = "reading-records"
READING_HISTORY = "reading-history"
WRITING = "writing"          # a document is put together
CONNECTING = "connecting"    # before git's first progress line
COUNTING = "counting"        # git: objects counted, compressed, sent ...
COMPRESSING = "compressing"
RECEIVING = "receiving"
RESOLVING = "resolving"
SENDING = "sending"
CHECKING_OUT = "checking-out"
STAGES = (READING_RECORDS, READING_HISTORY, WRITING, CONNECTING, COUNTING,
          COMPRESSING, RECEIVING, RESOLVING, SENDING, CHECKING_OUT)


def nothing(stage: str, done: int, total: int | None) -> None:
    """The progress that shows nothing."""


_current: ContextVar[Progress | None] = ContextVar("accord_progress", default=None)


def current() -> Progress:
    """The progress set by ``reporting`` for this thread, else ``nothing``."""
    return _current.get() or nothing


@contextmanager
def reporting(progress: Progress | None) -> Iterator[Progress]:
    """Work inside reports to ``progress`` (None: to the one already set)."""
    if progress is None:
        yield current()
        return
    progress = safe(progress)
    token = _current.set(progress)  # (``nothing``: quiet inside)
    try:
        yield progress
    finally:
        _current.reset(token)


def safe(progress: Progress | None) -> Progress:
    """``progress`` made harmless: a display that fails (an app that has
    ended) never stops the work it shows; it is then called no more."""
    if progress is None or progress is nothing:
        return nothing
    broken: list = []

    def call(stage: str, done: int, total: int | None) -> None:
        if broken:
            return
        try:
            progress(stage, done, total)
        except Exception:  # the display's failure, not the work's
            broken.append(True)
    return call
