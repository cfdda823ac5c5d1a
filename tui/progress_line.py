"""Progress in words (zh/en), and the command line's one line of it.

The store tells progress as (stage code, done, total) (store.progress_note);
``describe`` words it for the app's bar and the command line alike.  On the
command line ``terminal_progress()`` gives a progress that keeps one line
on stderr up to date (``\\r``), cleared when the work ends, and only when
stderr is a terminal: piped or redirected, stderr gets nothing of it.
"""
from __future__ import annotations

import os
import sys
import unicodedata
from contextlib import contextmanager
from typing import Iterator

WORDS = {  # stage code: (en, zh)
    "reading-records": ("reading records", "读取记录"),
    "reading-history": ("reading history", "读取历史"),
    "writing": ("writing the document", "生成文档"),
    "connecting": ("connecting", "连接中"),
    "counting": ("counting objects", "清点对象"),
    "compressing": ("compressing objects", "压缩对象"),
    "receiving": ("receiving objects", "接收对象"),
    "resolving": ("resolving deltas", "处理增量"),
    "sending": ("sending objects", "发送对象"),
    "checking-out": ("checking out files", "检出文件"),
}


def language() -> str:
    """The command line speaks English unless ACCORD_LANG=zh."""
    return "zh" if os.environ.get("ACCORD_LANG") == "zh" else "en"


def stage_words(stage: str, lang: str) -> str:
    en, zh = WORDS.get(stage, (stage, stage))
    return zh if lang == "zh" else en


def describe(stage: str, done: int, total: int | None, lang: str) -> str:
    """``receiving objects 45% (123/300)``; without a total the stage alone
    (and the count when there is one)."""
    words = stage_words(stage, lang)
    if total:
        return f"{words} {min(100, done * 100 // total)}% ({done}/{total})"
    return f"{words} {done}…" if done else f"{words}…"


def _cells(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells: a wrapped line could not be redrawn."""
    while text and _cells(text) > width:
        text = text[:-1]
    return text


class TerminalLine:
    """A progress (store.progress_note) that redraws one line of
    ``stream`` in place; ``clear()`` leaves the line empty again."""

    def __init__(self, stream, lang: str | None = None):
        self.stream = stream
        self.lang = lang or language()
        self.shown = ""

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        try:
            width = os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError, AttributeError):
            width = 0
        width = width if width > 8 else 80  # a terminal that says no size
        text = _fit("accord: " + describe(stage, done, total, self.lang), width - 1)
        if text != self.shown:  # git repeats a line; a redraw only for news
            self.stream.write("\r" + text + "\x1b[K")
            self.stream.flush()
            self.shown = text

    def clear(self) -> None:
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = ""


@contextmanager
def terminal_progress(stream=None, lang: str | None = None) -> Iterator[TerminalLine | None]:
    """A TerminalLine on ``stream`` (default stderr) when it is a terminal,
    else None (nothing is shown); the line is cleared at the end, however
    the work ended."""
    stream = stream or sys.stderr
    try:
        tty = stream.isatty()
    except (AttributeError, ValueError):
        tty = False
    if not tty:
        yield None
        return
    line = TerminalLine(stream, lang)
    try:
        yield line
    finally:
        line.clear()
