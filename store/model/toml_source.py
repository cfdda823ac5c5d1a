"""TOML source text of one value, as Accord writes it: strings that
round-trip exactly (CJK, quotes, backslashes, CR LF, control characters),
bare or quoted keys, lists wrapped past ``WRAP`` cells.  Apart from
``codec.py`` (parsing and tomlkit documents) so callers that only format a
value (the import's fast path, the command line's columns) need no tomlkit.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

WRAP = 76          # a list longer than this goes one item per line


# --- strings ---------------------------------------------------------------

_ESC = {"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r",
        '"': '\\"', "\\": "\\\\"}


def _ctrl(ch: str) -> bool:
    o = ord(ch)
    return o < 0x20 or o == 0x7F


def basic_string(s: str) -> str:
    """``s`` as a one-line TOML basic string (with its quotes)."""
    out = []
    for ch in s:
        if ch in _ESC and ch != "\t":
            out.append(_ESC[ch])
        elif ch != "\t" and _ctrl(ch):
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def multiline_string(s: str) -> str:
    """``s`` (holding LF but no CR) as a TOML multi-line basic string."""
    out = []
    quotes = 0
    for ch in s:
        if ch == '"':
            quotes += 1
            # never let three quotes meet: escape every third one
            out.append('\\"' if quotes % 3 == 0 else '"')
            continue
        quotes = 0
        if ch == "\\":
            out.append("\\\\")
        elif ch in "\n\t":
            out.append(ch)
        elif _ctrl(ch):
            out.append("\\u%04X" % ord(ch))
        else:
            out.append(ch)
    if out and out[-1] == '"':  # a quote right before the closing delimiter
        out[-1] = '\\"'
    return '"""\n' + "".join(out) + '"""'


def string_source(s: str, prefer_multiline: bool = False) -> str:
    """``s`` as TOML source: multi-line when it holds LF (or when preferred),
    else one line; exact round-trip either way."""
    if "\r" not in s and ("\n" in s or prefer_multiline and s):
        return multiline_string(s)
    return basic_string(s)


# --- values as TOML source --------------------------------------------------

def value_source(v: Any, multiline: bool = False, indent: str = "") -> str:
    """TOML source text for an inline value."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, str):
        return string_source(v, multiline)
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, _dt.datetime):
        return v.isoformat()
    if isinstance(v, (_dt.date, _dt.time)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        items = [value_source(x) for x in v]
        one_line = "[" + ", ".join(items) + "]"
        if width(one_line) + len(indent) <= WRAP and "\n" not in one_line:
            return one_line
        return "[\n" + "".join(f"{indent}    {x},\n" for x in items) + indent + "]"
    if isinstance(v, dict):
        return "{ " + ", ".join(f"{key_source(k)} = {value_source(x)}"
                                for k, x in v.items()) + " }"
    raise TypeError(f"cannot write {type(v).__name__} to TOML")


def width(s: str) -> int:
    """Terminal cells: East Asian wide and full-width characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)


def key_source(k: str) -> str:
    """A TOML key: bare when it may be, quoted otherwise."""
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else basic_string(k)
