"""The ``accord`` command line.

``main(argv)`` builds an argparse parser with the global options (``-C PATH``,
``--project``, ``--format``), lets every module in ``COMMAND_MODULES`` register
its subcommands (see ``tui/cli/__init__.py`` for the contract), runs the
chosen command and turns every user error into one line on stderr and an exit
code.  This module must stay cheap to import: no textual here; the app is
imported only when it is opened.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import json
import os
import sys
from pathlib import Path

from store.errors import AccordError, InvalidValue

COMMAND_MODULES = ["records", "project", "history", "team", "status", "sheets",
                   "edit"]

PROG = "accord"


# --- the parser ------------------------------------------------------------

class ArgumentParser(argparse.ArgumentParser):
    """Bad usage: one line naming the problem and where to look, exit 2."""

    def error(self, message):  # noqa: D401 - argparse API
        hint = f"see `{self.prog} --help`"
        sys.stderr.write(f"{PROG}: {message} ({hint})\n")
        raise SystemExit(2)


class Common:
    """Parent parsers shared by the subcommands (see tui/cli/__init__.py)."""

    def __init__(self):
        self.project = ArgumentParser(add_help=False)
        self.project.add_argument(
            "--project", metavar="SLUG", default=argparse.SUPPRESS,
            help="the project (may be omitted when the workspace has only one)")
        self.why = ArgumentParser(add_help=False)
        self.why.add_argument("-m", "--message", dest="why", metavar="WHY",
                              default=None, help="why: kept in the commit as a Why: trailer")

    def format(self, *choices: str, default: str | None = None) -> ArgumentParser:
        if not choices:
            raise ValueError("format() needs at least one choice")
        p = ArgumentParser(add_help=False)
        p.add_argument("--format", choices=choices, default=argparse.SUPPRESS,
                       help=f"output format (default {default or choices[0]})")
        p.set_defaults(_format_choices=tuple(choices),
                       _format_default=default or choices[0])
        return p


def build_parser() -> tuple[ArgumentParser, Common]:
    parser = ArgumentParser(
        prog=PROG,
        description="Keep every exchange with your client as TOML records in "
                    "git. Without a command: open the terminal app.")
    parser.add_argument("-C", dest="C", metavar="PATH", default=None,
                        help="run as if started in PATH (like git -C)")
    parser.add_argument("--project", metavar="SLUG", default=None,
                        help="the project (may be omitted when there is only one)")
    parser.add_argument("--format", default=None, metavar="FORMAT",
                        help="output format of the command (see its --help)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND",
                                parser_class=ArgumentParser)
    common = Common()
    for name in COMMAND_MODULES:
        mod = importlib.import_module(f"tui.cli.{name}")
        mod.register(sub, common)
    return parser, common


# --- helpers for commands -----------------------------------------------------

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
    from store.model.codec import value_source
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
                    raise BrokenRecord(code="list-not-list" if what == "not a list" else "list-mixed", name=name, what=what, value=_short(value_source(base)))  # noqa: E501
            base = list(base)
            if adding:
                base.append(item)
            else:
                if item not in base:
                    raise InvalidValue(code="no-item" if base else "no-item-empty", name=name, item=item, items=json.dumps(base, ensure_ascii=False))  # noqa: E501
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


# --- running --------------------------------------------------------------------

def _fill_format(args) -> None:
    choices = getattr(args, "_format_choices", None)
    if choices is None:
        return
    fmt = getattr(args, "format", None)
    if fmt is None:
        args.format = args._format_default
        out = getattr(args, "output", None)
        if out and args._format_default == "md":  # a document: its file's name says
            from store.reports import format_for
            if format_for(out) in choices:
                args.format = format_for(out)
    elif fmt not in choices:
        raise InvalidValue(f"--format {_short(fmt, 40)!r}: `accord {args.command}` gives "
                           f"{', '.join(choices)}")


def main(argv=None, exits_after: bool = False) -> int:
    """Run one command; its exit code.  ``exits_after``: the caller ends
    the process right after a one-shot command (``run``), so the cyclic
    collector stays off: turned back on, its first pass would walk every
    object the command still holds."""
    global _stdin_used, _one_shot
    _stdin_used = False
    _one_shot = False
    args = None
    try:
        _check_utf8(sys.argv[1:] if argv is None else argv)
        parser, _ = build_parser()
        # FIELD=VALUE words may come after options (`new req --project p a=b`),
        # which argparse alone does not take for a nargs="*" positional
        args, extra = parser.parse_known_args(argv)
        if extra:
            if isinstance(getattr(args, "assignments", None), list) and \
                    not any(e.startswith("-") and e != "-" for e in extra):
                args.assignments.extend(extra)
            else:
                parser.error(f"unrecognized arguments: {' '.join(extra)}")
        _fill_format(args)
        func = getattr(args, "func", None)
        if func is None:
            if args.command is None:
                return open_app(args)
            parser.error(f"{args.command} needs a subcommand")
        # a one-shot command: reference counting frees what it drops, and
        # the cyclic collector would only rescan, again and again, the 10^5-10^6
        # small containers a report or a history read keeps alive (0.4 s of
        # a whole-history summary).  The app (demo, serve) keeps it.
        gc_was = gc.isenabled()
        _one_shot = not getattr(args, "keeps_running", False)
        if _one_shot:
            gc.disable()
        try:
            code = func(args)
        finally:
            if gc_was and not (_one_shot and exits_after):
                gc.enable()
        sys.stdout.flush()  # a closed pipe shows here, not at interpreter exit
        return 0 if code is None else int(code)
    except AccordError as e:
        sys.stderr.write(f"{PROG}: {_one_line(error_line(e, args))}\n")
        return e.exit_code
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130
    except BrokenPipeError:
        # the reader went away (`accord list | head`): stop quietly
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        except (OSError, ValueError):
            pass
        return 141
    except SystemExit as e:  # argparse: --help (0) or bad usage (2)
        code = e.code
        return code if isinstance(code, int) else (0 if code is None else 2)
    except _git_error() as e:
        sys.stderr.write(f"{PROG}: {_one_line(str(e))}\n")
        return 1
    except OSError as e:
        # the file system said no where no command expected it (permissions,
        # a read-only or full disk): the path and the reason, one line
        where = e.filename if e.filename is not None else "accord"
        sys.stderr.write(f"{PROG}: {_one_line(_short(str(where), 200))}: "
                         f"{e.strerror or e}: fix that and try again\n")
        return 1


def language(args) -> str:
    """The language of what the command line says in words (its error
    lines): ``ACCORD_LANG`` (as the app), else the user's ``language``
    (config.toml), else the workspace's (as ``accord status``), else English."""
    from store.errors import AccordError
    from tui.config import load_config
    lang = os.environ.get("ACCORD_LANG")
    if lang in ("zh", "en"):
        return lang
    lang = load_config().language
    if lang:
        return lang
    try:
        from store.workspace import Workspace
        return Workspace.find(base_dir(args) if args is not None else None,
                              read_only=True).language
    except (AccordError, OSError, ValueError):
        return "en"


def error_line(err: AccordError, args=None) -> str:
    """A store error in the command line's language (store.messages)."""
    from store.messages import describe
    try:
        lang = language(args)
    except (OSError, ValueError):
        lang = "en"
    return describe(err, lang, "cli")


def _check_utf8(argv) -> None:
    """An argument that is not UTF-8 (a stray byte from another encoding)
    would end up in a file or a commit message: refused, exit 2."""
    for i, arg in enumerate(argv, 1):
        if isinstance(arg, str):
            try:
                arg.encode("utf-8")
            except UnicodeEncodeError:
                shown = arg.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                raise InvalidValue(f"argument {i} ({_short(visible(shown))}) is not "
                                   f"UTF-8 text: retype it, or convert it with iconv") from None


_one_shot = False  # main() ran a command that does not keep running


def run() -> None:
    """The ``accord`` program: ``main()``, then, after a one-shot command,
    exit at once instead of tearing the interpreter down.  Teardown frees
    every object one by one: after a whole-history report, a million of
    them, 0.3 s spent after the answer is out.  Only when nothing else
    runs (no thread could be writing a file) and everything written is
    flushed; otherwise the ordinary exit."""
    code = main(exits_after=True)
    if _one_shot:
        import threading
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (OSError, ValueError):
            sys.exit(code)
        if threading.active_count() == 1:
            os._exit(code)
    sys.exit(code)


def _git_error():
    from store.git.repo import GitError
    return GitError


def _one_line(msg: str) -> str:
    line = " ".join(visible(x) for x in msg.splitlines()) if "\n" in msg else visible(msg)
    if len(line) > MAX_MESSAGE:  # a long value quoted somewhere inside
        line = line[:MAX_MESSAGE - 200] + " … " + line[-200:]
    return line


MAX_MESSAGE = 1000


def open_app(args) -> int:
    """``accord`` without a command: the terminal app on this workspace."""
    ws = workspace(args)
    slug = getattr(args, "project", None)
    if slug:
        slug = ws.resolve_project(slug)
    from tui.app import run_app
    code = run_app(ws, project=slug)
    return 0 if code is None else int(code)


if __name__ == "__main__":  # pragma: no cover
    run()
