"""TOML in and out.

Reading uses rtoml (a Rust parser) when it gives tomli's answer, and tomli
(or the stdlib's tomllib, same API) otherwise: fast on the paths that read
thousands of files, and tomli's words for a bad file.  Writing an edit goes through tomlkit on the
file's existing document, key by key, so comments, unknown keys, key order and
the bytes of untouched fields survive.  Strings are serialised by our own
``toml_source.py`` rather than by tomlkit so that every text round-trips exactly
(CJK, emoji, quotes, backslashes, ``\"\"\"``, CR LF, tabs, control characters).
"""
from __future__ import annotations

import math
import re

from store.model.toml_source import WRAP, string_source, value_source, width

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Set as AbstractSet
    from typing import Any


# The parsers are imported when first used, each on its own (the app's
# first screen parses only project.toml, with rtoml): ``_fast`` (rtoml or
# None), ``_toml`` (tomli or the stdlib's tomllib), ``TOMLDecodeError`` and
# ``PARSER`` (which parsers' results the caches hold) are module attributes
# all the same.
_rtoml: list = []  # [rtoml or None] once imported
_tomli: list = []  # [tomli or tomllib] once imported


def _load_fast():
    if not _rtoml:
        try:  # the fast parser (docs/performance.md)
            import rtoml
        except ImportError:  # pragma: no cover - tomli alone
            rtoml = None
        _rtoml.append(rtoml)
    return _rtoml[0]


def _load_toml():
    if not _tomli:
        try:  # the compiled wheel, faster than the stdlib (docs/performance.md)
            import tomli
        except ImportError:  # pragma: no cover - stdlib fallback
            import tomllib as tomli
        _tomli.append(tomli)
    return _tomli[0]


def __getattr__(name: str) -> Any:
    if name == "_fast":
        return _load_fast()
    if name == "_toml":
        return _load_toml()
    if name == "TOMLDecodeError":
        return _load_toml().TOMLDecodeError
    if name == "PARSER":
        return " ".join(f"{m.__name__} {getattr(m, '__version__', '')}"
                        for m in (_load_fast(), _load_toml()) if m is not None)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


REMOVE = object()  # a change that deletes the key

# an offset date-time (``…:00+08:00``, ``…:00Z``): rtoml gives it a tzinfo
# of its own that cannot be pickled, tomli a datetime.timezone
_OFFSET = re.compile(r":[0-9][0-9](?:\.[0-9]+)?(?:[Zz]|[+-][0-9][0-9]:[0-9][0-9])")


def parse(text: str) -> dict[str, Any]:
    """The TOML document ``text`` as plain Python values, exactly as tomli
    reads it.  rtoml reads it when it gives the same result: not when the
    text has a CR (rtoml keeps CR LF inside multi-line strings, tomli makes
    it LF), a byte order mark (rtoml accepts it, tomli does not) or an
    offset date-time; and whatever rtoml rejects goes to tomli, which says
    what is wrong in its own words (and reads the floats rtoml refuses,
    such as 1e400).  tests/store/test_codec_parsers.py holds them to the
    same answers."""
    fast = _rtoml[0] if _rtoml else _load_fast()
    if fast is not None and "\r" not in text and not text.startswith("\ufeff") \
            and _OFFSET.search(text) is None:
        try:
            return fast.loads(text)
        except Exception:  # noqa: BLE001 - tomli decides, and words the error
            pass
    try:
        return (_tomli[0] if _tomli else _load_toml()).loads(text)
    except RecursionError:  # tomli's own limit (400 levels), or Python's
        raise _decode_error(f"values are nested more than {MAX_DEPTH} levels "
                            f"deep") from None


def parse_checked(text: str) -> dict[str, Any]:
    """``parse`` for the text of a file Accord keeps: a byte order mark
    (Windows editors write one) is read as nothing, and values a record
    must not hold (``odd_value``) are refused like bad TOML."""
    text = text.removeprefix("\ufeff")
    data = parse(text)
    if _SUSPECT.search(text) is not None or \
            text.count("[") + text.count("{") > MAX_DEPTH:
        problem = odd_value(data)
        if problem:
            raise _decode_error(problem)
    return data


def parse_bytes(data: bytes) -> dict[str, Any]:
    """A file's bytes, read as ``parse_checked``."""
    return parse_checked(data.decode("utf-8"))


# Values TOML allows but a record must not hold: what the JSON output, the
# sign-off fingerprint and git's other readers cannot carry (non-finite
# floats, integers beyond 64 bits), and nesting deeper than any schema field
# (the recursive code that reads values would run out of stack).
MAX_DEPTH = 32
INT_RANGE = (-(2 ** 63), 2 ** 63 - 1)
# where such a value may be (checked on the parsed data only then): a bare
# nan/inf, or 19+ digits in a row
_SUSPECT = re.compile(r"(?<![A-Za-z0-9_.-])[+-]?(?:nan|inf)(?![A-Za-z0-9_-])|[0-9_]{19}")


def odd_value(data: Any) -> str | None:
    """The first value of ``data`` a record must not hold, as ``name: problem``
    (None: none).  Walks without recursion, so any depth is safe."""
    stack = [(data, "", 0)]
    while stack:
        v, name, depth = stack.pop()
        if depth > MAX_DEPTH:
            return f"{name or 'a value'}: nested more than {MAX_DEPTH} levels deep"
        if isinstance(v, dict):
            stack.extend((x, f"{name}.{k}" if name else str(k), depth + 1)
                         for k, x in v.items())
        elif isinstance(v, list):
            stack.extend((x, name, depth + 1) for x in v)
        elif isinstance(v, float) and not math.isfinite(v):
            return f"{name}: {v!r} is not a number Accord keeps (nan and inf are refused)"
        elif isinstance(v, int) and not isinstance(v, bool) and \
                not INT_RANGE[0] <= v <= INT_RANGE[1]:
            return f"{name}: {v} is beyond the 64-bit integer range"
    return None


_REFUSED: list = []  # the ValueRefused class, made once the parser is loaded


def _decode_error(message: str):
    """A TOMLDecodeError saying ``message`` (a subclass, ``ValueRefused``):
    every reader that catches a bad file catches these too."""
    if not _REFUSED:
        base = _load_toml().TOMLDecodeError

        class ValueRefused(base):
            def __init__(self, msg: str):  # the parser's own init wants doc, pos
                ValueError.__init__(self, msg)
                self.msg, self.doc, self.pos, self.lineno, self.colno = msg, "", 0, 1, 1
        _REFUSED.append(ValueRefused)
    return _REFUSED[0](message)


def problem_of(err: Exception) -> str:
    """What is wrong with a file that did not parse, for a one-line message:
    ``not valid TOML (…)``, or the refused value (valid TOML Accord does not
    keep)."""
    from store.messages import Problem
    if _REFUSED and isinstance(err, _REFUSED[0]):
        return Problem("toml-refused", detail=str(err))
    if isinstance(err, UnicodeDecodeError):
        return Problem("not-utf8", byte=err.start + 1)
    return Problem("toml-invalid", toml=str(err))


def _item(v, multiline: bool = False):
    """A tomlkit item for ``v`` whose text is exactly ``value_source(v)``."""
    import tomlkit
    from tomlkit.items import String, StringType, Trivia
    if isinstance(v, str):
        src = string_source(v, multiline)
        if src.startswith('"""'):
            return String(StringType.MLB, v, src[3:-3], Trivia())
        return String(StringType.SLB, v, src[1:-1], Trivia())
    if isinstance(v, (list, tuple)) and not (v and isinstance(v[0], dict)):
        return tomlkit.item(v) if not v else _array(v)
    return tomlkit.item(v)


def _array(v):
    import tomlkit
    arr = tomlkit.array()
    for x in v:
        arr.append(_item(x))
    src = value_source(list(v))
    if width(src) > WRAP or "\n" in src:
        arr.multiline(True)
    return arr


def _table(d: dict):
    import tomlkit
    t = tomlkit.table()
    for k, x in d.items():
        if x is None or x is REMOVE:
            continue
        if isinstance(x, dict):
            t.add(k, _table(x))
        else:
            t.add(k, _item(x, _is_long(x)))
    return t


def _aot(rows: list):
    import tomlkit
    a = tomlkit.aot()
    for row in rows:
        a.append(_table(row))
    return a


def _is_long(v) -> bool:
    return isinstance(v, str) and "\n" in v


def _is_aot(v) -> bool:
    return isinstance(v, list) and bool(v) and all(isinstance(x, dict) for x in v)


def _to_item(v, multiline=False):
    if isinstance(v, dict):
        return _table(v)
    if _is_aot(v):
        return _aot(v)
    return _item(v, multiline)


# --- documents ---------------------------------------------------------------

def new_document(data: dict[str, Any],
                 multiline_keys: AbstractSet[str] = frozenset()) -> str:
    """Text of a new file holding ``data`` in the given key order (plain keys
    first, then tables, then arrays of tables)."""
    import tomlkit
    doc = tomlkit.document()
    plain = [(k, v) for k, v in data.items()
             if not isinstance(v, dict) and not _is_aot(v) and v is not None]
    tables = [(k, v) for k, v in data.items() if isinstance(v, dict)]
    aots = [(k, v) for k, v in data.items() if _is_aot(v)]
    for k, v in plain:
        doc.add(k, _item(v, k in multiline_keys))
    for k, v in tables + aots:
        doc.add(k, _to_item(v))
    return _finish(tomlkit.dumps(doc))


def _finish(text: str) -> str:
    if not text.endswith("\n"):
        text += "\n"
    return text


def edit_document(text: str, changes: dict[str, Any],
                  multiline_keys: AbstractSet[str] = frozenset()) -> str:
    """Apply ``changes`` ({dotted name: value or REMOVE}) to the document
    ``text`` and return the new text.  Keys whose value did not change keep
    their bytes; new top-level keys go at the end of the top-level table,
    before any sub-table."""
    import tomlkit
    doc = tomlkit.parse(text)
    for name, value in changes.items():
        path = name.split(".")
        container = doc
        for part in path[:-1]:
            if part not in container:
                if value is REMOVE:
                    container = None
                    break
                container.add(part, tomlkit.table())
            container = container[part]
        if container is None:
            continue
        key = path[-1]
        if value is REMOVE or value is None:
            if key in container:
                del container[key]
            continue
        if key in container and _unwrap(container[key]) == value:
            continue
        item = _to_item(value, key in multiline_keys)
        if key in container:
            if _is_aot(value) and container[key].as_string().endswith("\n\n"):
                # rows rewritten in the middle of the file keep the blank
                # line that separated them from what follows
                item[-1].add(tomlkit.nl())
            container[key] = item
        else:
            _add_plain(container, key, item)
    return _finish(tomlkit.dumps(doc))


def edit_keeping_form(text: str, changes: dict[str, Any],
                      multiline_keys: AbstractSet[str] = frozenset()) -> str:
    """``edit_document``, keeping the file's form: a byte order mark stays
    at the start, and a file whose lines all end in CR LF keeps CR LF on
    every line, new ones included (tomlkit would write LF inside it)."""
    bom = text.startswith("\ufeff")
    body = text[1:] if bom else text
    crlf = "\r\n" in body and body.count("\n") == body.count("\r\n")
    if crlf:
        body = body.replace("\r\n", "\n")
    new = edit_document(body, changes, multiline_keys)
    if new == body:
        return text
    if crlf:  # values never hold a raw CR (string_source escapes it)
        new = new.replace("\n", "\r\n")
    return ("\ufeff" if bom else "") + new


def _add_plain(container, key, item):
    """Add ``key``; tomlkit puts a plain value after the last plain key and
    before the first sub-table, which is what the format asks."""
    container.add(key, item)


def _unwrap(item):
    return item.unwrap() if hasattr(item, "unwrap") else item
