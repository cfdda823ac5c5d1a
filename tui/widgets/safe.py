"""Showing user text safely.

User text is data: it is never parsed as markup, and control characters
(C0, DEL, C1 -- ESC among them) never reach the terminal.  ``safe_text`` maps
each of them to a visible symbol (``\\x1b`` -> ``␛``); ``safe`` wraps the
result in a ``rich.text.Text`` so widgets do not read it as markup.
"""
from __future__ import annotations

from rich.text import Text

_C1_MARK = "\u2426"  # ␦: C1 controls have no symbols of their own


def _table(keep_newline: bool) -> dict[int, str]:
    t = {c: chr(0x2400 + c) for c in range(0x20)}
    t[0x7F] = "\u2421"  # ␡
    for c in range(0x80, 0xA0):
        t[c] = _C1_MARK
    if keep_newline:
        del t[0x0A]
        t[0x09] = "    "
    return t


_ONE_LINE = _table(False)
_MULTI = _table(True)


def safe_text(value, multiline: bool = False) -> str:
    """``value`` as text with every control character shown as a visible
    symbol; with ``multiline`` newlines are kept and tabs become spaces."""
    if value is None:
        return ""
    s = value if isinstance(value, str) else str(value)
    return s.translate(_MULTI if multiline else _ONE_LINE)


def safe(value, style: str = "", multiline: bool = False) -> Text:
    """A Text that shows ``value`` literally (no markup, no control chars)."""
    return Text(safe_text(value, multiline), style=style, no_wrap=not multiline,
                overflow="ellipsis" if not multiline else "fold")


def has_controls(value) -> bool:
    """True when ``value`` holds a character that ``safe_text`` would replace
    (tabs and newlines excepted): such text is shown, not edited in place."""
    if not isinstance(value, str):
        return False
    return any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) < 0xA0
               for c in value)
