"""The one place a git process is started.

``run`` (a finished command) and ``popen`` (a streamed one: the log stream,
``cat-file --batch``) both start ``BASE`` plus the arguments; ``run`` refuses
a command that writes when asked read-only (``is_read``, an allow list), and
read-only calls take no optional locks.  ``run_git`` is for calls outside any
workspace (``init --bare``, global config).  ``store/team/remote.py`` runs the
network commands (clone, fetch, push) itself, with their own time-outs.
"""
from __future__ import annotations

import os
import subprocess

from store.errors import ReadOnlyError

# git settings that every call gets: readable paths, no pager, no colour
BASE = ["git", "-c", "core.quotepath=off", "-c", "color.ui=false",
        "-c", "core.pager=cat"]

# git commands that only read: all a read-only repository runs (an allow
# list, so a command added later is refused until it is known to be a read)
READ_COMMANDS = frozenset({
    "rev-parse", "cat-file", "log", "show", "diff", "diff-tree", "ls-files",
    "ls-tree", "merge-base", "status", "for-each-ref", "show-ref", "rev-list",
    "ls-remote", "describe", "name-rev", "check-attr", "var"})


def is_read(args) -> bool:
    """True when ``git *args`` only reads: a READ_COMMANDS command, or the
    listing forms of config, tag, remote and branch (git's own options
    before the command, such as ``-c key=value``, are looked past)."""
    args = [a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a)
            for a in args]
    while args and args[0].startswith("-"):  # git's own options come first
        args = args[2:] if args[0] in ("-c", "-C") else args[1:]
    if not args:
        return False
    cmd, rest = args[0], args[1:]
    opts = [a for a in rest if a.startswith("-")]
    plain = [a for a in rest if not a.startswith("-")]
    if cmd in READ_COMMANDS:
        return True
    if cmd == "config":  # `config KEY`, `--get*`, `--list`
        return (any(o.startswith("--get") or o in ("--list", "-l") for o in opts)
                or len(plain) <= 1 and not any(
                    o.startswith(("--unset", "--add", "--replace", "--rename",
                                  "--remove", "--edit", "-e")) for o in opts))
    if cmd == "tag":
        return not plain or any(o in ("--list", "-l") for o in opts)
    if cmd == "hash-object":  # -w writes the object
        return "-w" not in opts
    if cmd == "remote":
        return not plain or plain[0] in ("show", "get-url")
    if cmd == "branch":
        return not plain and not any(o.startswith(("-d", "-D", "-m", "-M", "-c", "-C",
                                                   "--delete", "--move", "--copy",
                                                   "--set-upstream", "-u", "--unset",
                                                   "--edit")) for o in opts)
    return False


def git_error_line(stderr: str | bytes | None, default: str = "") -> str:
    """The line(s) of git's stderr that say what failed: its ``fatal:`` and
    ``error:`` lines (prefix dropped, joined by "; "), else the last line
    that is not a ``hint:``, else ``default``.  git often ends with a hint
    ("and the repository exists."), which names no cause."""
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    lines = [x.strip() for x in (stderr or "").splitlines() if x.strip()]
    causes = []
    for x in lines:
        low = x.lower()
        for prefix in ("fatal:", "error:"):
            if low.startswith(prefix):
                what = x[len(prefix):].strip()
                if what and what not in causes:
                    causes.append(what)
    if causes:
        return "; ".join(causes)
    rest = [x for x in lines if not x.lower().startswith("hint:")]
    return rest[-1] if rest else default


class GitError(Exception):
    def __init__(self, args, code, stderr):
        self.code = code
        self.stderr = stderr
        shown = " ".join(a.decode("utf-8", "replace") if isinstance(a, bytes) else str(a)
                         for a in args)
        super().__init__(f"git {shown} failed ({code}): {git_error_line(stderr)}")


def _argv(args) -> list:
    return [a if isinstance(a, bytes) else str(a) for a in args]


def _env(env: dict | None, read_only: bool) -> dict | None:
    if not (env or read_only):
        return None
    full = dict(os.environ)
    full.update(env or {})
    if read_only:
        full["GIT_OPTIONAL_LOCKS"] = "0"
    return full


def run(args, cwd=None, input: bytes | str | None = None, check: bool = True,
        env: dict | None = None, read_only: bool = False,
        text: bool | None = None) -> subprocess.CompletedProcess:
    """``git`` with BASE settings and ``args`` (str or bytes) in ``cwd``.
    Text in and out unless ``input`` is bytes or ``text=False``; GitError
    when ``check`` and git fails; ReadOnlyError for a write when
    ``read_only``."""
    if read_only and not is_read(args):
        raise ReadOnlyError()
    if text is None:
        text = isinstance(input, str) or input is None
    p = subprocess.run(
        BASE + _argv(args), cwd=cwd, input=input, capture_output=True, text=text,
        encoding="utf-8" if text else None, errors="replace" if text else None,
        env=_env(env, read_only))
    if check and p.returncode != 0:
        raise GitError(args, p.returncode, p.stderr if text else
                       p.stderr.decode("utf-8", "replace"))
    return p


def popen(args, cwd=None, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE,
          env: dict | None = None) -> subprocess.Popen:
    """A streamed read (bytes on ``stdout``): the log stream and the
    ``cat-file --batch`` reader.  Only reads may stream."""
    if not is_read(args):
        raise ValueError(f"git {args[0]} does not stream: use run()")
    return subprocess.Popen(BASE + _argv(args), cwd=cwd, stdin=stdin,
                            stdout=subprocess.PIPE, stderr=stderr, env=env)


def run_git(args: list, cwd=None, text: bool = True,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run git outside any workspace (clone, init --bare, global config):
    the result is returned, not checked.  Arguments may be str or bytes;
    ``text=False`` gives bytes out.  No BASE settings: a plain ``git``."""
    return subprocess.run(
        ["git", *_argv(args)], cwd=cwd, capture_output=True, env=env,
        text=text, encoding="utf-8" if text else None,
        errors="replace" if text else None)
