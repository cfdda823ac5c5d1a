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
import gc
import importlib
import os
import sys

from store.errors import AccordError, InvalidValue
from tui.cli import helpers
from tui.cli.helpers import (  # noqa: F401 - the commands' helpers: public here too
    MAX_VALUE_BYTES, base_dir, date_arg, field_changes, kind, out, parse_field_value,
    print_json, project, read_value, visible, warn, workspace, _short)

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
    global _one_shot
    helpers._stdin_used = False
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
