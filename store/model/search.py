"""Finding records by id and title the way a Chinese team types.

A query is words in any order; each word must match the record:
- Chinese in the word: its characters appear in the text in that order,
  other text allowed between two Chinese characters (``客户视图`` finds
  ``客户 360 度统一视图``; ``第7组`` is found as typed);
- otherwise: a piece of the text (``req``, ``360``) or of the title's
  pinyin (``kehushitu``, ``shitu``), or letters found in order in its
  initials (``khst`` finds 客户 360 度统一视图, initials ``khdtyst``).

Pinyin comes from pypinyin's dictionaries, read directly (its phrase
segmentation is too slow for every title; docs/performance.md): each
character's usual reading, and
for a character with several the reading in the two-character word it is
in (``银行`` is ``yinhang``).  ``PinyinKeys`` computes a title's keys once
and keeps them in ``.git/accord/pinyin.marshal`` next to the parsed-record
cache.  Sorting text by pinyin uses the same readings.
"""
from __future__ import annotations

import itertools
import marshal
import re
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from store.model.records import Record
    from store.model.schema import Field

CACHE_NAME = "pinyin.marshal"
CACHE_VERSION = 1


def has_cjk(text: str) -> bool:
    """Whether ``text`` holds a CJK ideograph (then it gets pinyin keys)."""
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in text)


_char_memo: dict[str, tuple[str, bool]] = {}


def _char_pinyin(ch: str) -> tuple[str, bool]:
    """One character's most usual reading, toneless, and whether it has
    others (memoised: a few thousand distinct characters)."""
    got = _char_memo.get(ch)
    if got is None:
        from pypinyin.pinyin_dict import pinyin_dict
        readings = pinyin_dict.get(ord(ch))
        got = _char_memo[ch] = ((_toneless(readings.split(",")[0]), "," in readings)
                                if readings else ("", False))
    return got


def _toneless(syllable: str) -> str:
    from pypinyin.contrib.tone_convert import to_normal
    return to_normal(syllable).lower()


_phrase_memo: dict[str, tuple | None] = {}


def _phrase(two: str):
    """pypinyin's readings of a two-character word, or None."""
    if two not in _phrase_memo:
        from pypinyin.phrases_dict import phrases_dict
        got = phrases_dict.get(two)
        _phrase_memo[two] = (tuple(_toneless(r[0]) for r in got)
                             if got and len(got) == 2 else None)
    return _phrase_memo[two]


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def syllables(text: str) -> list[str]:
    """The pinyin of each Chinese character of ``text`` (other characters
    left out); a character with several readings takes the one of the
    two-character word it is in when pypinyin's dictionary has that word
    (银行 yinhang, 行业 hangye), else its most usual one."""
    out = []
    for i, ch in enumerate(text):
        if not _is_han(ch):
            continue
        py, several = _char_pinyin(ch)
        if several:
            before = _phrase(text[i - 1:i + 1]) if i else None
            after = _phrase(text[i:i + 2]) if i + 1 < len(text) else None
            if before:
                py = before[1]
            elif after:
                py = after[0]
        if py:
            out.append(py)
    return out


def pinyin_keys(text: str) -> tuple[str, str]:
    """(full pinyin, initials) of ``text``: ``khdtyst`` finds 客户 360 度统一视图."""
    syl = syllables(text)
    return "".join(syl), "".join(s[0] for s in syl)


class PinyinKeys:
    """Every title's (full pinyin, initials), computed once and kept on
    disk between runs: reading them back is much cheaper than computing them
    (docs/performance.md)."""

    def __init__(self, cache_dir: Path | None = None) -> None:
        self.path = cache_dir / CACHE_NAME if cache_dir else None
        self.known: dict[str, tuple[str, str]] = {}
        self.added = 0
        if self.path is not None:
            try:
                data = marshal.loads(self.path.read_bytes())
                if isinstance(data, dict) and data.get("v") == CACHE_VERSION:
                    self.known = data["keys"]
            except (OSError, ValueError, EOFError, TypeError, KeyError):
                self.known = {}

    def get(self, title: str) -> tuple[str, str]:
        """``title``'s (full pinyin, initials), computed when first met."""
        got = self.known.get(title)
        if got is None:
            got = self.known[title] = pinyin_keys(title) if has_cjk(title) else ("", "")
            self.added += 1
        return got

    def save(self) -> None:
        """Write the keys when new titles were met (a cache: a failure only
        means computing them again next time)."""
        if not self.added or self.path is None:
            return
        from store.cache import write_file
        try:
            write_file(self.path, marshal.dumps({"v": CACHE_VERSION, "keys": self.known}))
            self.added = 0
        except OSError:
            pass


# --- sorting --------------------------------------------------------------------

def sort_text(text: str) -> str:
    """``text`` for sorting: each Chinese character as its pinyin (its usual
    reading), the rest in lowercase, so 陈 < 李 < 王 as a dictionary has it."""
    return "".join(_char_pinyin(c)[0] + " " if _is_han(c) else c.lower() for c in text)


def sort_value(field: Field | None, value: Any) -> tuple[int, int, str]:
    """A sort key of a field's value: a choice by its rank in the schema
    (must < should < could, not the words), text by pinyin, dates and
    numbers as such; empty values last (in either direction)."""
    import datetime as dt
    if value is None or value == "" or value == []:
        return (1, 0, "")
    choices = getattr(field, "choices", None)
    if choices and isinstance(value, str) and value in choices:
        return (0, 0, f"{choices.index(value):04d}")
    if isinstance(value, bool):
        return (0, 1, str(int(value)))
    if isinstance(value, (int, float)):
        return (0, 1, f"{value:024.6f}")
    if isinstance(value, (dt.date, dt.time)):
        return (0, 1, value.isoformat())
    if isinstance(value, list):
        value = ", ".join(str(x) for x in value)
    return (0, 2, sort_text(str(value)))


def sort_records(recs: list[Record], name: str, reverse: bool = False) -> list[Record]:
    """``recs`` sorted by field ``name`` (``sort_value``; ``status`` by its
    place in the kind's workflow, ``id`` by number, ``title`` by pinyin),
    stable, empty values last.  InvalidValue when no record's kind has it."""
    from store.errors import InvalidValue
    from store.model.ids import sort_key
    if name == "id":
        return sorted(recs, key=lambda r: sort_key(r.id), reverse=reverse)
    kinds = {r.kind.name: r.kind for r in recs}
    if name not in ("title", "status") and kinds and not any(
            k.field(name) for k in kinds.values()):
        names = sorted({f.name for k in kinds.values() for f in k.fields})
        raise InvalidValue(f"--sort {name}: no such field here; use one of "
                           f"id, {', '.join(names)}")

    def key(r):
        if name == "title":
            return sort_value(None, r.title)
        if name == "status":
            st = r.kind.statuses
            return (0, 0, f"{st.index(r.status):04d}") if r.status in st else (1, 0, "")
        return sort_value(r.kind.field(name), r.data.get(name))
    full = [r for r in recs if key(r)[0] == 0]
    empty = [r for r in recs if key(r)[0] != 0]
    return sorted(full, key=key, reverse=reverse) + empty


# --- matching -------------------------------------------------------------------

def search_key(rid: str, title: str, keys: tuple[str, str]) -> str:
    """The text a query is matched against: id and title in lowercase,
    then the pinyin and the initials, separated by NUL."""
    return f"{rid} {title}".lower() + "\0" + keys[0] + "\0" + keys[1]


class Query:
    """A typed query, compiled once per keystroke."""

    def __init__(self, text: str) -> None:
        self.text = text.strip().lower()
        self.words = self.text.split()
        self._tests = []
        for w in self.words:
            if has_cjk(w):
                # a gap may fall between two Chinese characters of the word,
                # not next to a digit or a letter (第7组 stays 第7组)
                pattern = re.escape(w[0])
                for a, b in itertools.pairwise(w):
                    gap = ".*?" if _is_han(a) and _is_han(b) else ""
                    pattern += gap + re.escape(b)
                self._tests.append(("seq", re.compile(pattern)))
            elif len(w) > 2 and w.isascii() and w.isalpha():
                # a piece of the text or pinyin, or (3 letters or more: fewer
                # match too much) the initials in order
                # (khst finds 客户 360 度统一视图: kh-dty-st)
                self._tests.append(("in|ini", (w, re.compile(".*?".join(w)))))
            else:
                self._tests.append(("in", w))

    def __bool__(self) -> bool:
        return bool(self.words)

    def matches(self, key: str) -> bool:
        """Does a ``search_key`` match every word?"""
        end = -1
        for how, test in self._tests:
            if how == "in":
                if test not in key:
                    return False
            elif how == "in|ini":
                if test[0] not in key and test[1].search(key, key.rfind("\0") + 1) is None:
                    return False
            else:
                if end < 0:
                    end = key.find("\0")
                    end = len(key) if end < 0 else end
                if test.search(key, 0, end) is None:
                    return False
        return True

    def score(self, key: str) -> float:
        """How well a matching key fits, in (0, 1]: the query as typed at
        the start of the id first, then found whole in the text, then
        words found in the text, then pinyin-only matches."""
        text = key.split("\0", 1)[0]
        if text.startswith(self.text):
            return 1.0
        pos = text.find(self.text)
        if pos >= 0:
            return 0.9 - min(pos, 80) / 400
        found = sum(1 for w in self.words if w in text)
        return 0.5 + 0.2 * found / max(len(self.words), 1)
