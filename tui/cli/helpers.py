"""What the commands of the ``accord`` command line use (``from tui.cli import
main as cli`` reaches them through main too): the workspace and project of
the arguments, kinds and dates, values from text, a file or stdin (``@path``,
``-``), the field changes of ``FIELD=VALUE`` words, and output (plain lines,
JSON, control characters made visible).  No textual here.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

from store.errors import InvalidValue


def base_dir(args) -> Path:
    """The directory the command runs in: -C PATH or the current one."""
    c = getattr(args, "C", None)
    if c:
        p = Path(c).expanduser()
        if not p.is_dir():
            raise InvalidValue(f"-C {_short(c, 200)}: no such directory")
        return p.resolve()
    return Path.cwd()


def workspace(args, read_only: bool = False):
    from store.workspace import Workspace
    return Workspace.find(base_dir(args), read_only=read_only)


def project(args, ws) -> str:
    return ws.resolve_project(getattr(args, "project", None))


def kind(name: str):
    from store.model.schema import KINDS, kind_named
    k = kind_named(name or "")
    if k is None:
        raise InvalidValue(f"unknown kind {_short(name, 40)!r}: kinds are {', '.join(KINDS)} "
                           f"(or their prefixes, e.g. req, cr)")
    return k


def date_arg(text: str, what: str = "date") -> dt.date:
    from store.model.records import parse_date
    return parse_date(text, what)


_stdin_used = False
MAX_VALUE_BYTES = 1 << 20  # one field's text: a megabyte is far beyond any record


def read_value(text: str) -> str:
    """The value syntax: ``@path`` reads the file byte for byte (CR LF and a
    trailing newline kept), ``-`` reads stdin, ``@@x`` is the literal ``@x``.
    Only a regular file is read (``@/dev/zero`` would never end), and at
    most MAX_VALUE_BYTES of anything."""
    global _stdin_used
    if text == "-":
        if _stdin_used:
            raise InvalidValue("only one value can be read from stdin (-)")
        _stdin_used = True
        if hasattr(sys.stdin, "buffer"):
            data = sys.stdin.buffer.read(MAX_VALUE_BYTES + 1)
        else:
            data = sys.stdin.read(MAX_VALUE_BYTES + 1).encode("utf-8")
        _check_size(data, "stdin")
        return _decode(data, "stdin")
    if text.startswith("@@"):
        return text[1:]
    if text.startswith("@"):
        path = text[1:]
        if not path:
            raise InvalidValue("@ needs a file name (@path), or write @@ for a literal @")
        return _decode(_read_file(path), _short(path))
    return text


def _read_file(path: str) -> bytes:
    """The bytes of the regular file ``path`` (for ``@path``), bounded."""
    import stat
    shown = _short(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise InvalidValue(f"{shown}: no such file (write @@ for a value "
                           f"that starts with a literal @)") from None
    except OSError as e:
        raise InvalidValue(f"{shown}: cannot be read ({e.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InvalidValue(f"{shown}: is a directory, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise InvalidValue(f"{shown}: not a regular file (a device or a pipe): "
                               f"give a file, or pipe it in with -")
        data = os.read(fd, MAX_VALUE_BYTES + 1)
        while len(data) <= MAX_VALUE_BYTES and (more := os.read(fd, MAX_VALUE_BYTES + 1 - len(data))):
            data += more
    except OSError as e:
        raise InvalidValue(f"{shown}: cannot be read ({e.strerror})") from None
    finally:
        os.close(fd)
    _check_size(data, shown)
    return data


def _check_size(data: bytes, where: str) -> None:
    if len(data) > MAX_VALUE_BYTES:
        raise InvalidValue(f"{where}: more than {MAX_VALUE_BYTES >> 20} MB, too "
                           f"long for a field: keep big documents as files and "
                           f"refer to them")


def _short(text: str, n: int = 60) -> str:
    """``text`` cut to ``n`` characters for a message (a value a user gave
    may be 100 KB long; the message names it, it does not repeat it)."""
    text = str(text)
    return text if len(text) <= n else f"{text[:n - 1]}…({len(text)} characters)"


def _decode(data: bytes, where: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidValue(f"{where}: not UTF-8 text") from None


def _split(assignment: str, option: str) -> tuple[str, str]:
    name, eq, value = assignment.partition("=")
    if not eq or not name:
        raise InvalidValue(f"{option} {assignment!r}: write FIELD=VALUE "
                           f"(e.g. {option} title=登录)")
    return name.strip(), value


def _field(k, name: str):
    from store.model.schema import TABLE
    f = k.field(name)
    if f is None:
        head = name.split(".")[0]
        top = k.field(head)
        if top is not None and top.type == TABLE:
            subs = ", ".join(f"{head}.{s.name}" for s in top.fields)
            raise InvalidValue(f"{k.name} has no field {name!r}: {head} has {subs}")
        names = []
        for fl in k.fields:
            if fl.name == "confirmation":
                continue
            if fl.type == TABLE:
                names.extend(f"{fl.name}.{s.name}" for s in fl.fields)
            else:
                names.append(fl.name)
        raise InvalidValue(f"{k.name} has no field {name!r}: fields are "
                           f"{', '.join(names)}")
    if name.split(".")[0] == "confirmation":
        raise InvalidValue(f"{name} is written by `accord confirm ID --by NAME "
                           f"--via CHANNEL`, not set by hand")
    return f


def parse_field_value(k, name: str, text: str):
    """One FIELD's text (value syntax already applied) -> its typed value
    (None: remove the field)."""
    from store.model.records import parse_value
    return parse_value(name, _field(k, name), text)


def field_changes(k, sets=(), adds=(), removes=(), current: dict | None = None) -> dict:
    """``--set/--add/--remove FIELD=VALUE`` lists -> {dotted name: typed value
    or None}; ``current`` is the record's data (for --add/--remove)."""
    from store.model.toml_source import value_source
    from store.model.records import get_path, parse_item
    changes: dict = {}
    for a in sets or ():
        name, text = _split(a, "--set")
        changes[name] = parse_field_value(k, name, read_value(text))
    for option, items, adding in (("--add", adds, True), ("--remove", removes, False)):
        for a in items or ():
            name, text = _split(a, option)
            f = _field(k, name)
            item = parse_item(name, f, read_value(text))
            if name in changes:
                base = changes[name] or []
            else:
                base = get_path(current or {}, name, None) or []
                if not isinstance(base, list) or not all(isinstance(x, str) for x in base):
                    from store.workspace import BrokenRecord  # a problem found: exit 1
                    what = "not a list" if not isinstance(base, list) else "a list holding more than text"
                    raise BrokenRecord(code="list-not-list" if what == "not a list" else "list-mixed",
                                       name=name, what=what, value=_short(value_source(base)))
            base = list(base)
            if adding:
                base.append(item)
            else:
                if item not in base:
                    raise InvalidValue(code="no-item" if base else "no-item-empty", name=name,
                                       item=item, items=json.dumps(base, ensure_ascii=False))
                base.remove(item)
            changes[name] = base
    return changes


def out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def warn(text: str) -> None:
    sys.stderr.write(text + "\n")


def print_json(obj) -> None:
    """JSON on stdout: one object indented; a list of objects one per line
    (Python's indenting encoder is ~4x slower than the compact C one, which
    matters for `list` over thousands of records)."""
    from store.model.records import jsonable
    if isinstance(obj, list):
        # one encoder for every line (json.dumps with options builds one
        # per call); dates and times become ISO strings in _json_default
        encode = json.JSONEncoder(ensure_ascii=False, default=_json_default,
                                  allow_nan=False).encode
        out = sys.stdout
        out.write("[\n")
        if obj:
            out.write(",\n".join(map(encode, obj)))
            out.write("\n")
        out.write("]\n")
        return
    sys.stdout.write(json.dumps(jsonable(obj), ensure_ascii=False, indent=2,
                                allow_nan=False) + "\n")


def _json_default(v):
    if isinstance(v, (dt.date, dt.time)):  # datetime too: what jsonable gives
        return v.isoformat()
    from store.model.records import jsonable
    j = jsonable(v)
    if j is v:
        raise TypeError(f"{type(v).__name__} is not JSON serialisable")
    return j


def visible(text: str) -> str:
    """Control characters as visible symbols (␛, ␉ ...), never sent raw."""
    outs = []
    for ch in str(text):
        o = ord(ch)
        if o < 0x20:
            outs.append(chr(0x2400 + o))
        elif o == 0x7F:
            outs.append("␡")
        elif 0x80 <= o < 0xA0:
            outs.append(f"\\x{o:02x}")
        else:
            outs.append(ch)
    return "".join(outs)
