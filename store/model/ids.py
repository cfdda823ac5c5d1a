"""Record ids: ``PREFIX-n``, n a positive integer without padding.

Anything else is refused before it reaches the file system."""
from __future__ import annotations

import re

from store.errors import InvalidValue
from store.model.schema import BY_PREFIX, Kind

MAX_NUMBER = 999_999_999  # nine digits: ids past it are not ids (see next_number)
ID_RE = re.compile(r"^([A-Z]{2,4})-([1-9][0-9]{0,8})\Z")
FILE_RE = re.compile(r"^([A-Z]{2,4})-([1-9][0-9]{0,8})\.toml\Z")
SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}\Z")


def parse_id(text: str) -> tuple[Kind, int]:
    """Return (kind, number) or raise InvalidValue with a one-line reason."""
    m = ID_RE.match(text or "")
    if not m or m.group(1) not in BY_PREFIX:
        raise InvalidValue(code="bad-id", value=shown(text), prefixes=sorted(BY_PREFIX))
    return BY_PREFIX[m.group(1)], int(m.group(2))


def is_id(text: object) -> bool:
    """Whether ``text`` is a well-formed id of a known kind."""
    if not isinstance(text, str):
        return False
    m = ID_RE.match(text)
    return bool(m) and m.group(1) in BY_PREFIX


def make_id(kind: Kind, n: int) -> str:
    """The id of record number ``n`` of ``kind`` (``REQ-7``)."""
    return f"{kind.prefix}-{n}"


def number_of_file(name: str, kind: Kind) -> int | None:
    """The number of a record file of ``kind`` (``REQ-7.toml`` -> 7), or None."""
    m = FILE_RE.match(name)
    if m and m.group(1) == kind.prefix:
        return int(m.group(2))
    return None


def shown(text: object, n: int = 40) -> str:
    """A value a user gave, cut for a one-line message (it may be very long)."""
    text = str(text or "")
    return text if len(text) < n else text[:n - 3] + "..."


def next_number(used: set[int], highest: int) -> int | None:
    """The number of a new record: one past the highest ever used; once
    that would pass MAX_NUMBER (a file once numbered 999999999), the lowest
    number never used, so ``new`` keeps working; None when none is left."""
    if highest < MAX_NUMBER:
        return highest + 1
    n = 1
    while n in used:
        n += 1
    return n if n <= MAX_NUMBER else None


def check_slug(slug: str) -> str:
    """``slug`` when it is a valid project slug (it names a folder), else
    InvalidValue."""
    if not SLUG_RE.match(slug or ""):
        raise InvalidValue(code="bad-slug", value=shown(slug))
    return slug


def sort_key(rid: str) -> tuple[str, int]:
    """(prefix, number) of an id, (text, 0) of anything else: ids in
    number order (REQ-2 before REQ-10).  The usual shape is checked without
    the regex: lists sort thousands of ids."""
    prefix, dash, num = rid.partition("-")
    if (dash and 2 <= len(prefix) <= 4 and prefix.isascii() and prefix.isalpha()
            and prefix.isupper() and 1 <= len(num) <= 9 and num.isascii()
            and num.isdigit() and num[0] != "0"):
        return (prefix, int(num))
    m = ID_RE.match(rid)
    return (m.group(1), int(m.group(2))) if m else (rid, 0)
