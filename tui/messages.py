"""The messages the app sends its screens about the data they show.

The app posts one of each to every screen on its stack; ``AccordScreen``
(tui/screens/base.py) turns ``ProjectChanged`` into its declared hooks, a
screen that waits for a background read handles ``ProjectLoaded``.
"""
from __future__ import annotations

from pathlib import Path

from textual.message import Message


class ProjectLoaded(Message):
    """The records of ``slug`` were read in a worker: the app installs them
    in its session, then screens learn that ``app.index()`` returns at once."""

    bubble = False

    def __init__(self, slug: str):
        super().__init__()
        self.slug = slug


class ProjectChanged(Message):
    """``slug`` changed on disk (another instance, a hand edit, a pull) and
    the session forgot what it had read.  ``files``: id -> path of the open
    records whose file changed (or was not looked at before)."""

    bubble = False

    def __init__(self, slug: str, files: dict[str, Path]):
        super().__init__()
        self.slug = slug
        self.files = files


class LoadProgress(Message):
    """How far the worker reading ``slug`` is (store.progress_note: stage,
    done, total): the dashboard's bar shows it until ``ProjectLoaded``."""

    bubble = False

    def __init__(self, slug: str, stage: str, done: int, total: int | None):
        super().__init__()
        self.slug, self.stage, self.done, self.total = slug, stage, done, total
