"""Team commands: sync [--continue|--abort], resolve, clone, serve; and two
additions to commands registered by ``records``: ``init --remote URL`` and
``doctor --fix`` (the git set-up every fresh clone lacks).

``python -m tui.cli.team --app ROOT [--project P]`` runs the app
read-only (what ``accord serve`` starts in the browser session)."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from store.errors import AccordError, InvalidValue
from tui.cli import main as cli
from tui.progress_line import terminal_progress


def register(sub, common) -> None:
    p = sub.add_parser("sync", parents=[common.format("text", "json")],
                       help="fetch, merge field-wise, renumber colliding ids, "
                            "validate, push (tags too)")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--continue", dest="cont", action="store_true",
                   help="commit the settled merge and push")
    g.add_argument("--abort", action="store_true",
                   help="put everything back as before the stopped sync")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("resolve", parents=[common.project],
                       help="settle one conflicting field of a stopped sync")
    p.add_argument("id", metavar="ID", help="the record id, or `project` for project.toml")
    p.add_argument("field", metavar="FIELD",
                   help="the field (dotted for nested ones); - for a record deleted "
                        "on one side or created on both; * for a side that is not "
                        "valid TOML")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--mine", action="store_const", const="mine", dest="choice",
                   help="keep your value")
    g.add_argument("--theirs", action="store_const", const="theirs", dest="choice",
                   help="take the remote's value")
    g.add_argument("--set", dest="value", metavar="VALUE", default=None,
                   help="a new value (@file, - for stdin, @@literal; lists as JSON)")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("clone", parents=[common.format("text", "json")],
                       help="clone a shared workspace and set up the merge driver")
    p.add_argument("url", metavar="URL")
    p.add_argument("path", nargs="?", default=None, metavar="PATH")
    p.set_defaults(func=cmd_clone)

    p = sub.add_parser("serve", parents=[common.project],
                       help="show the workspace read-only in a browser (textual-serve)")
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: only this machine)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.set_defaults(func=cmd_serve, keeps_running=True)

    # git calls this too when it is registered as the merge driver command
    p = sub.add_parser("merge-driver")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_merge_driver)

    _extend_init(sub)
    _extend_doctor(sub)


# --- additions to other modules' commands -------------------------------------

def _extend_init(sub) -> None:
    p = sub.choices.get("init")
    if p is None or any("--remote" in a.option_strings for a in p._actions):
        return
    p.add_argument("--remote", default=None, metavar="URL",
                   help="a shared bare repository (created when a local path that "
                        "does not exist); checked before anything is created, and "
                        "the first commit is pushed there")
    if not any("--format" in a.option_strings for a in p._actions):
        p.add_argument("--format", choices=("text", "json"), default=argparse.SUPPRESS,
                       help="output format (default text)")
        p.set_defaults(_format_choices=("text", "json"), _format_default="text")
    original = p.get_default("func")

    def cmd_init_remote(args) -> int:
        if not args.remote:
            return original(args)
        from store.team import sync
        from store.team.remote_errors import RemoteError
        from store.workspace import Workspace
        base = cli.base_dir(args)
        try:  # the remote first: a remote that cannot be used leaves nothing behind
            url = sync.check_remote(args.remote, base)
        except RemoteError as e:
            return _remote_failed(e, args)
        code = original(args)
        if code:
            return code
        ws = Workspace.find((base / args.path) if args.path else base)
        sync.init_remote(ws, url, checked=True)
        with terminal_progress() as line:
            res = sync.sync(ws, progress=line)
        _report(res, args)
        return res.exit_code

    p.set_defaults(func=cmd_init_remote)


def _extend_doctor(sub) -> None:
    p = sub.choices.get("doctor")
    if p is None or any("--fix" in a.option_strings for a in p._actions):
        return
    p.add_argument("--fix", action="store_true",
                   help="register the merge driver and diff settings in .git/config "
                        "and commit .gitattributes")
    original = p.get_default("func")

    def cmd_doctor_fix(args) -> int:
        if args.fix:
            fix_setup(cli.workspace(args))
        return original(args)

    p.set_defaults(func=cmd_doctor_fix)


def fix_setup(ws) -> list[str]:
    """``doctor --fix``: local git config and a committed .gitattributes."""
    from store.git import setup as gitsetup
    changed = gitsetup.configure(ws)
    if gitsetup.ATTRIBUTES in changed:
        try:
            text = (ws.root / gitsetup.ATTRIBUTES).read_text("utf-8")
            ws._commit_files({gitsetup.ATTRIBUTES: text},
                             "accord: send record files to the Accord merge and diff drivers",
                             trailers={"Accord-Action": "setup"})
        except AccordError as e:
            cli.warn(f"accord: {gitsetup.ATTRIBUTES} was written but not committed: {e}")
    for what in changed:
        cli.warn(f"fixed: {what}")
    return changed


# --- commands ---------------------------------------------------------------------

def remote_line(error: dict, lang: str = "en", surface: str = "cli") -> str:
    """One line for a failed network command (store.team.remote_errors.RemoteError's
    ``to_json()``) in ``lang``: the cause and the way out (store.messages,
    ``remote-`` + its cause; the app names its key)."""
    from store.messages import MESSAGES, render
    code = f"remote-{error.get('code')}"
    return render(code if code in MESSAGES else "remote-other",
                  {"op": error.get("op", ""), "where": error.get("remote", ""),
                   "detail": error.get("detail", ""),
                   "seconds_zh": error.get("seconds", "")}, lang, surface)


def cli_language(args=None) -> str:
    """The language of the command line's lines: the rule of its error lines
    (ACCORD_LANG, else config.toml's language, else the workspace's)."""
    try:
        return cli.language(args)
    except (OSError, ValueError):
        return "en"


def _remote_failed(e, args) -> int:
    """A network command failed: one line (and the JSON object), exit 1."""
    fmt = getattr(args, "format", "text")
    err = e.to_json()
    err["message"] = remote_line(err, cli_language(args))
    if fmt == "json":
        cli.print_json({"status": "failed", "error": err})
    cli.warn(f"accord: {cli.visible(err['message'])}")
    return e.exit_code


def _report(res, args) -> None:
    fmt = getattr(args, "format", "text")
    if res.error:
        res.error["message"] = remote_line(res.error, cli_language(args))
    if fmt == "json":
        cli.print_json(res.to_json())
        if res.error:
            cli.warn(f"accord: {cli.visible(res.error['message'])}")
        return
    for slug, old, new in res.renumbered:
        cli.warn(f"renumbered {old} -> {new} in {slug}: {old} was taken on "
                 f"{res.remote}/{res.branch}")
    for w in res.warnings:
        cli.warn(f"warning: {cli.visible(w)}")
    from store.team.sync import conflict_lines
    for line in conflict_lines(res.conflicts):
        cli.out(cli.visible(line))
    for p in res.problems:
        cli.out(cli.visible(p))
    for m in res.messages:
        cli.warn(m)
    if res.error:
        cli.warn(f"accord: {cli.visible(res.error['message'])}")


def cmd_sync(args) -> int:
    from store.team import sync
    ws = cli.workspace(args)
    if args.abort:
        sync.sync_abort(ws)
        cli.warn("the stopped sync was aborted: everything is as before it "
                 "(ids renumbered before the merge stay renumbered)")
        return 0
    with terminal_progress() as line:
        res = (sync.sync_continue if args.cont else sync.sync)(ws, progress=line)
    _report(res, args)
    return res.exit_code


def cmd_resolve(args) -> int:
    from store.team import sync
    ws = cli.workspace(args)
    choice = args.choice or "set"
    value = cli.read_value(args.value) if choice == "set" else None
    project = getattr(args, "project", None)
    left = sync.resolve(ws, args.id, args.field, choice, value, project=project)
    for line in sync.conflict_lines(left):
        cli.out(cli.visible(line))
    if left:
        cli.warn(f"{len(left)} conflict(s) left: settle them with `accord resolve`")
    else:
        cli.warn("no conflict left: run `accord sync --continue` to commit the "
                 "merge and push")
    return 0


def cmd_clone(args) -> int:
    from store.team import sync
    from store.team.remote_errors import RemoteError
    base = cli.base_dir(args)
    path = (base / args.path) if args.path else None
    if path is None:
        name = args.url.rstrip("/").rsplit("/", 1)[-1]
        path = base / (name[:-4] if name.endswith(".git") else name)
    try:
        with terminal_progress() as line:
            ws = sync.clone(args.url, path, progress=line)
    except RemoteError as e:
        return _remote_failed(e, args)
    cli.warn(f"cloned into {ws.root}; the Accord merge driver is registered")
    if args.format == "json":
        cli.print_json({"status": "cloned", "path": str(ws.root)})
    else:
        cli.out(str(ws.root))
    return 0


def cmd_merge_driver(args) -> int:
    from store.team.merge import main
    return main(args.files)


PKG_ROOT = Path(__file__).resolve().parents[2]


def serve_command(root: Path, project: str | None = None) -> str:
    import shlex
    cmd = [sys.executable, "-m", "tui.cli.team", "--app", str(root)]
    if project:
        cmd += ["--project", project]
    return " ".join(shlex.quote(c) for c in cmd)


def cmd_serve(args) -> int:
    ws = cli.workspace(args, read_only=True)
    project = getattr(args, "project", None)
    if project:
        ws.resolve_project(project)
    try:
        from textual_serve.server import Server
    except ImportError:
        raise AccordError("accord serve needs textual-serve: "
                          "`python -m pip install textual-serve`") from None
    if not (1 <= args.port <= 65535):
        raise InvalidValue(f"--port {args.port}: use a port between 1 and 65535")
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(PKG_ROOT)] + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p])
    zh = cli.language(args) == "zh"
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        cli.warn(f"注意：正在监听 {args.host}：能访问它的人都能查看这个工作区（只读，但不私密）"
                 if zh else f"warning: listening on {args.host}: anyone who can reach it "
                 f"can read this workspace (it is read-only, but not private)")
    cli.warn(f"正在以只读方式提供 {ws.root}：http://{args.host}:{args.port}（Ctrl+C 停止）"
             if zh else f"serving {ws.root} read-only on http://{args.host}:{args.port} "
             f"(Ctrl+C stops)")
    Server(serve_command(ws.root, project), host=args.host, port=args.port,
           title=f"Accord – {ws.name} ({'只读' if ws.language == 'zh' else 'read-only'})"
           ).serve()
    return 0


def _app_main(argv: list[str] | None = None) -> int:
    """The read-only app that ``serve`` runs per browser session."""
    ap = argparse.ArgumentParser(prog="accord-view")
    ap.add_argument("--app", required=True, metavar="ROOT")
    ap.add_argument("--project", default=None)
    a = ap.parse_args(argv)
    try:
        from store.workspace import Workspace
        ws = Workspace.find(Path(a.app), read_only=True)
        from tui.app import make_app
        app = make_app(ws, a.project, read_only=True)
    except AccordError as e:
        sys.stderr.write(f"accord: {cli.error_line(e)}\n")
        return e.exit_code
    app.run()
    return 0


if __name__ == "__main__":
    sys.exit(_app_main())
