"""The comments the other side added, kept in a merged record file (each
before the key it stood by there).  Used by ``store.team.merge``.
"""
from __future__ import annotations

import re

from store.model import codec
from store.model.records import flatten
from store.team.merge_values import _same

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def comments_of(text: str) -> list[str]:
    """The comments of a TOML text (whole-line and trailing), in order."""
    import tomlkit
    from tomlkit.items import AoT, Comment, Table, Whitespace
    out: list[str] = []

    def walk(container):
        for _key, item in container.body:
            if isinstance(item, Whitespace):
                continue
            if isinstance(item, Comment):
                out.append(item.as_string().strip())
                continue
            if item.trivia.comment:
                out.append(item.trivia.comment.strip())
            if isinstance(item, Table):
                walk(item.value)
            elif isinstance(item, AoT):
                for row in item.body:
                    if row.trivia.comment:
                        out.append(row.trivia.comment.strip())
                    walk(row.value)
    try:
        walk(tomlkit.parse(text))
    except (ValueError, tomlkit.exceptions.TOMLKitError):
        return []  # not TOML: no comments to keep
    return out


_KEY = re.compile(r"^\s*(\[\[?[^\]]*\]\]?|[A-Za-z0-9_.\"'-]+\s*=)")


def keep_comments(text: str, theirs: str, base: str, data: dict[str, Any]) -> str:
    """``text`` (our file with the merged fields) plus the comments the
    other side added that it lacks, each put before the line of the key it
    stood before (or after) there, else at the end.  Never changes a value:
    the result must read back to ``data``."""
    here = set(text.splitlines())
    if not any("#" in x and x not in here for x in theirs.splitlines()):
        return text  # every line of theirs with a # in it is here already
    have = set(comments_of(text))
    old = set(comments_of(base)) if base else set()
    missing = [c for c in dict.fromkeys(comments_of(theirs)) if c not in have and c not in old]
    if not missing:
        return text
    tlines = theirs.splitlines()
    lines = text.splitlines()
    tail: list[str] = []
    for c in missing:
        at = next((i for i, x in enumerate(tlines) if c in x), None)
        anchor, whole = None, True
        if at is not None:
            whole = tlines[at].strip() == c
            for x in (tlines[at + 1:] if whole else [tlines[at]]):
                m = _KEY.match(x)
                if m:
                    anchor = m.group(1).replace(" ", "")
                    break
                if x.strip() and not x.strip().startswith("#"):
                    break
        where = None
        if anchor is not None:
            where = next((i for i, x in enumerate(lines)
                          if (m := _KEY.match(x)) and m.group(1).replace(" ", "") == anchor),
                         None)
        if where is None:
            tail.append(c)
        elif not whole and tlines[at].startswith(lines[where].rstrip()) and "#" not in lines[where]:
            lines[where] = tlines[at]  # the same line, with its trailing comment
        else:
            lines.insert(where, c)
    for candidate in ("\n".join(lines + tail) + "\n",
                      text.rstrip("\n") + "\n" + "".join(c + "\n" for c in missing)):
        try:
            if _same_flat(flatten(codec.parse(candidate)), flatten(data)):
                return candidate
        except (codec.TOMLDecodeError, ValueError):
            continue
    return text


def _same_flat(a: dict, b: dict) -> bool:
    return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
