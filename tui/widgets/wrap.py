"""Line breaking that knows Chinese.

Rich and Textual break lines only at spaces, so a Chinese sentence (no
spaces) is one long word: cut with "…" or folded in the middle of a
closing "。".  Here a line may break between any two wide (CJK) characters
and at spaces, never before closing punctuation nor after opening
punctuation, and a run longer than the width is folded.  ``Wrapped`` is a
Rich renderable that wraps a ``Text`` this way at whatever width it is
given (a Static, a table cell), keeping every character of it.
"""
from __future__ import annotations

import unicodedata

from rich.cells import cell_len, chop_cells
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text

# no line starts with these (closing punctuation, in Chinese and Latin)
NO_BREAK_BEFORE = frozenset(
    "，。、；：？！）」』》】〕〉〗〙〛｝］｠’”…‥·・ー々〜～ゝゞ％"
    ",.;:?!)]}%")
# no line ends with these (opening punctuation)
NO_BREAK_AFTER = frozenset("（「『《【〔〈〖〘〚｛［｟‘“([{")


def is_wide(ch: str) -> bool:
    """A character drawn two cells wide (CJK ideographs, kana, hangul,
    full-width forms): a line may break on either side of it."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def _may_break(prev: str, ch: str) -> bool:
    """May a line end between ``prev`` and ``ch``?"""
    if ch in NO_BREAK_BEFORE or prev in NO_BREAK_AFTER:
        return False
    if ch.isspace():
        return False  # spaces stay at the end of the line before
    if prev.isspace():
        return True
    return is_wide(prev) or is_wide(ch)


def units(line: str) -> list[tuple[int, int]]:
    """(start, end) of the pieces of ``line`` that a break may not split
    (a word with the spaces after it, one CJK character with the closing
    punctuation after it, ...)."""
    out, start = [], 0
    for i in range(1, len(line)):
        if _may_break(line[i - 1], line[i]):
            out.append((start, i))
            start = i
    if line:
        out.append((start, len(line)))
    return out


def break_offsets(line: str, width: int) -> list[int]:
    """Character offsets where ``line`` (no newlines) is broken to fit
    ``width`` cells: greedy, at allowed breaks, folding a piece wider than
    the whole width."""
    width = max(width, 2)
    offsets: list[int] = []
    used = 0
    for start, end in units(line):
        piece = line[start:end]
        need = cell_len(piece.rstrip())
        if used + need <= width:
            used += cell_len(piece)
            continue
        if need > width:  # fold it where it stands
            if used and start:
                offsets.append(start)
            pos = start
            parts = chop_cells(piece, width)
            for part in parts[:-1]:
                pos += len(part)
                offsets.append(pos)
            used = cell_len(parts[-1])
            continue
        if start:
            offsets.append(start)
        used = cell_len(piece)
    return offsets


def wrap_lines(text: Text, width: int) -> list[Text]:
    """``text`` as lines of at most ``width`` cells (styles kept, spaces at
    the ends of broken lines dropped)."""
    out: list[Text] = []
    for line in text.split("\n", allow_blank=True):
        offsets = break_offsets(line.plain, width)
        parts = line.divide(offsets) if offsets else [line]
        for i, part in enumerate(parts):
            if i < len(parts) - 1:
                part.rstrip()
            out.append(part)
    return out


class Wrapped:
    """A Text that wraps at CJK-aware breaks, never cut nor ellipsised."""

    def __init__(self, text: Text | str, style: str = ""):
        self.text = text if isinstance(text, Text) else Text(text, style=style)

    @property
    def plain(self) -> str:
        return self.text.plain

    def __rich_console__(self, console, options):
        width = options.max_width
        lines = wrap_lines(self.text, width)
        new_line = Segment.line()
        for line in lines:
            line.no_wrap = True
            line.overflow = "fold"
            yield from line.render(console, end="")
            yield new_line

    def __rich_measure__(self, console, options) -> Measurement:
        plain = self.text.plain
        longest = max((cell_len(x) for x in plain.split("\n")), default=0)
        widest = 0
        for line in plain.split("\n"):
            for s, e in units(line):
                widest = max(widest, cell_len(line[s:e].rstrip()))
        return Measurement(min(widest, longest), longest).clamp(None, options.max_width)
