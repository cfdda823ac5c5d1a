"""Record commands: init, new, set, move, confirm, show, list,
doctor, and the app entry points (demo)."""
from __future__ import annotations

import sys

from store.errors import InvalidValue
from tui.cli import main as cli


def register(sub, common) -> None:
    p = sub.add_parser("init", help="create a workspace (git init when needed)")
    p.add_argument("path", nargs="?", default=None, metavar="PATH")
    p.add_argument("--name", default=None, help="the workspace's name")
    p.add_argument("--language", "--lang", dest="language", default="en",
                   choices=("en", "zh"), help="language of labels and reports")
    p.set_defaults(func=cmd_init)

    values = cli.ArgumentParser(add_help=False)
    values.add_argument("--set", "-s", dest="sets", action="append", default=[],
                        metavar="FIELD=VALUE",
                        help="set a field; VALUE may be @file, - (stdin), @@literal; "
                             "lists as a JSON array")
    values.add_argument("--add", dest="adds", action="append", default=[],
                        metavar="FIELD=VALUE", help="append one item to a list field")
    values.add_argument("--remove", dest="removes", action="append", default=[],
                        metavar="FIELD=VALUE", help="remove one item from a list field")

    p = sub.add_parser("new", parents=[common.project, values, common.why],
                       help="create a record; prints its id")
    p.add_argument("kind", metavar="KIND")
    p.add_argument("assignments", nargs="*", metavar="FIELD=VALUE",
                   help="same as --set FIELD=VALUE")
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("set", parents=[common.project, values, common.why],
                       help="change fields of a record")
    p.add_argument("id", metavar="ID")
    p.add_argument("assignments", nargs="*", metavar="FIELD=VALUE",
                   help="same as --set FIELD=VALUE")
    p.set_defaults(func=cmd_set)

    p = sub.add_parser("move", parents=[common.project, values, common.why],
                       help="change a record's status along an allowed transition")
    p.add_argument("id", metavar="ID")
    p.add_argument("status", metavar="STATUS")
    p.set_defaults(func=cmd_move)

    p = sub.add_parser("confirm", parents=[common.project, common.why],
                       help="record the client's sign-off")
    p.add_argument("id", metavar="ID")
    p.add_argument("--by", required=True, metavar="NAME")
    p.add_argument("--via", required=True, metavar="CHANNEL")
    p.add_argument("--on", default=None, metavar="DATE", help="YYYY-MM-DD (default today)")
    p.set_defaults(func=cmd_confirm)

    p = sub.add_parser("show", parents=[common.project, common.format("toml", "json")],
                       help="print one record")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("list", parents=[common.project, common.format("table", "json")],
                       help="list records")
    p.add_argument("kind", nargs="?", default=None, metavar="KIND")
    p.add_argument("--status", default=None, metavar="STATUS")
    p.add_argument("--sort", default=None, metavar="FIELD",
                   help="sort by a field: choices by their rank (priority "
                        "must, should, could), text by pinyin; --sort=-FIELD reverses")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("doctor", parents=[common.format("text", "json")],
                       help="validate every file and the repository")
    p.add_argument("--fix", action="store_true",
                   help="register the merge driver and diff settings in .git/config "
                        "and commit .gitattributes, then check")
    p.set_defaults(func=cmd_doctor)

    p = sub.add_parser("demo", help="open the app on a fresh copy of the sample project")
    p.set_defaults(func=cmd_demo, keeps_running=True)


# --- commands ----------------------------------------------------------------

def cmd_init(args) -> int:
    from store.workspace import Workspace
    base = cli.base_dir(args)
    path = (base / args.path) if args.path else base
    ws = Workspace.init(path, name=args.name, language=args.language)
    if ws.language == "zh":
        cli.warn(f"已在 {ws.root} 创建 Accord 工作区：下一步，"
                 f"`accord project new 代号 --name 名称 --client 客户`")
    else:
        cli.warn(f"created an Accord workspace in {ws.root}: next, "
                 f"`accord project new SLUG --name NAME --client CLIENT`")
    return 0


def setup_git(ws) -> list[str]:
    """Register Accord's merge and diff drivers in .git/config and commit
    .gitattributes (one commit holding only that file); returns what changed."""
    from store.git import setup as gitsetup
    ws._ensure_writable()  # read-only, or a format this Accord does not write
    changed = gitsetup.configure_git(ws)
    attrs = gitsetup.ATTRIBUTES
    if gitsetup.write_attributes(ws):
        changed.append(attrs)
    tracked = ws.git.is_tracked(attrs)
    committed = ws.git.show_bytes("HEAD", attrs)
    if (ws.root / attrs).read_bytes() != committed:
        with ws._locked():
            ws.git.check_writable()
            ws.git.commit_paths(
                [attrs], "accord: send record files to the Accord merge and diff "
                         "drivers\n\nAccord-Action: setup\n",
                [] if tracked else [attrs])
    return changed


def _sets(args) -> list[str]:
    return list(getattr(args, "assignments", None) or []) + list(args.sets or [])


def cmd_new(args) -> int:
    ws = cli.workspace(args)
    k = cli.kind(args.kind)
    slug = cli.project(args, ws)
    changes = cli.field_changes(k, _sets(args), args.adds, args.removes)
    missing = [f.name for f in k.fields
               if f.required and f.name != "status" and changes.get(f.name) in (None, "", [])]
    if missing:
        raise InvalidValue(f"a {k.name} needs {', '.join(missing)}: "
                           f"add --set {missing[0]}=VALUE")
    saved = ws.create(slug, k, changes, why=args.why)
    cli.out(saved.record.id)
    return 0


def _id(text: str):
    from store.model import ids
    return ids.parse_id(text)[0]


def _report(saved, rid: str) -> None:
    if saved.commit:
        cli.warn(f"{rid}: saved in commit {saved.commit[:10]}")
    else:
        cli.warn(f"{rid}: nothing changed")


def cmd_set(args) -> int:
    k = _id(args.id)
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    # read, change and save under the write lock: saves of one record by
    # many processes land one after the other (--add of each kept)
    with ws.write_lock():
        rec = ws.read(slug, args.id)
        changes = cli.field_changes(k, _sets(args), args.adds, args.removes, rec.data)
        if not changes:
            raise InvalidValue(f"nothing to set: give FIELD=VALUE "
                               f"(e.g. accord set {args.id} --set title=...)")
        saved = ws.update(slug, args.id, changes, why=args.why,
                          expect_digest=rec.digest)
    _report(saved, args.id)
    return 0


def cmd_move(args) -> int:
    k = _id(args.id)
    if not k.statuses:
        raise InvalidValue(f"a {k.name} has no status to move")
    if args.status not in k.statuses:
        raise InvalidValue(f"{args.status!r} is not a {k.name} status: use one "
                           f"of {', '.join(k.statuses)}")
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    with ws.write_lock():  # as in cmd_set: concurrent saves queue
        rec = ws.read(slug, args.id)
        changes = cli.field_changes(k, args.sets, args.adds, args.removes, rec.data)
        changes.pop("status", None)
        saved = ws.move(slug, args.id, args.status, changes, why=args.why,
                        expect_digest=rec.digest)
    _report(saved, args.id)
    return 0


def cmd_confirm(args) -> int:
    k = _id(args.id)
    if not k.has_signoff:
        raise InvalidValue(f"a {k.name} takes no client sign-off: only "
                           f"requirements and change requests do")
    on = cli.date_arg(args.on, "--on") if args.on else None
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    saved = ws.confirm(slug, args.id, args.by, args.via, on=on, why=args.why)
    _report(saved, args.id)
    return 0


def cmd_show(args) -> int:
    _id(args.id)
    ws = cli.workspace(args, read_only=True)
    slug = cli.project(args, ws)
    rec, raw = ws.read_raw(slug, args.id)
    from store.model.links import backlinks
    back = backlinks(ws.load(slug).records, rec.id)  # what names this record
    if args.format == "json":
        cli.print_json({**rec.to_json(),
                        "backlinks": [{"id": i, "field": f} for i, f in back]})
    else:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None)
        if out is not None:
            out.write(raw)
            out.flush()
        else:
            sys.stdout.write(raw.decode("utf-8"))
        if back:  # a TOML comment: the output stays the record's TOML
            cli.out("# linked from: " + ", ".join(f"{i} ({f})" for i, f in back))
    return 0


def _order(rec):
    from store.model.schema import KINDS
    return (list(KINDS).index(rec.kind.name), int(rec.id.rsplit("-", 1)[1]))


MARK = {"current": "✓", "stale": "!", "none": ""}


def _json_fields(rec) -> dict:
    """``rec.to_json()`` with its values as parsed: the encoder turns dates
    and times into the same ISO strings (print_json's default) while it
    writes, instead of a copy of every record made first."""
    out = {"id": rec.id, "kind": rec.kind.name, "project": rec.project,
           "path": rec.rel, "signoff": rec.signoff}
    for k, v in rec.data.items():
        if k not in out:
            out[k] = v
    return out


def cmd_list(args) -> int:
    from store.model.toml_source import width
    from store.model.schema import KINDS
    ws = cli.workspace(args, read_only=True)
    slug = cli.project(args, ws)
    kinds = [cli.kind(args.kind)] if args.kind else None
    if args.status:
        allowed = kinds[0].statuses if kinds else sorted(
            {s for k in KINDS.values() for s in k.statuses})
        if args.status not in allowed:
            what = f"a {kinds[0].name} status" if kinds else "a status"
            raise InvalidValue(f"{args.status!r} is not {what}: use one of "
                               f"{', '.join(allowed)}" if allowed else
                               f"a {kinds[0].name} has no status")
    index = ws.load(slug, kinds)
    for path, problem in index.problems:
        cli.warn(f"{path}: {cli.visible(problem)}")
    recs = sorted(index.records.values(), key=_order)
    if args.status:
        recs = [r for r in recs if r.status == args.status]
    if getattr(args, "sort", None):
        from store.model.search import sort_records
        name = args.sort.lstrip("-")
        recs = sort_records(recs, name, reverse=args.sort.startswith("-"))
    if args.format == "json":
        cli.print_json([_json_fields(r) for r in recs])
        return 0
    rows = [(r.id, r.status, MARK.get(r.signoff, ""), cli.visible(r.title))
            for r in recs]
    if not rows:
        return 0
    widths = [max(width(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        cells = [c + " " * (w - width(c)) for c, w in zip(row[:3], widths)]
        cli.out("  ".join(cells + [row[3]]).rstrip())
    return 0


def cmd_doctor(args) -> int:
    from store import doctor
    if args.fix:
        ws = cli.workspace(args)
        for what in setup_git(ws):
            cli.warn(f"fixed: {what}")
    else:
        ws = cli.workspace(args, read_only=True)
    problems = doctor.check(ws)
    if args.format == "json":
        cli.print_json([{"path": p.path, "severity": p.severity,
                         "message": p.message} for p in problems])
    else:
        for p in problems:
            prefix = "warning: " if p.severity == "warning" else ""
            cli.out(f"{prefix}{p.path}: {cli.visible(p.message)}")
    errors = sum(1 for p in problems if p.severity == "error")
    warnings = len(problems) - errors
    if args.format != "json":
        if problems:
            cli.warn(f"{errors} error(s), {warnings} warning(s)")
        else:
            cli.warn("no problems found")
    return 1 if errors else 0


def cmd_demo(args) -> int:
    from tui.demo import run_demo
    code = run_demo()
    return 0 if code is None else int(code)

