"""``accord project``: create a project and edit its settings (project.toml):
fields, and the rows of its stakeholders, cadence, milestones, effort and
payments (store.model.project_settings says how a row is named)."""
from __future__ import annotations

from tui.cli import main as cli


def register(sub, common) -> None:
    p = sub.add_parser("project", help="create a project; show or edit its settings")
    psub = p.add_subparsers(dest="project_command", metavar="new|show|set|add-row|remove-row",
                            parser_class=cli.ArgumentParser)
    pn = psub.add_parser("new", parents=[common.why], help="create a project")
    pn.add_argument("slug", metavar="SLUG")
    pn.add_argument("--name", required=True)
    pn.add_argument("--client", required=True)
    pn.set_defaults(func=cmd_new)

    ps = psub.add_parser("show", parents=[common.project, common.format("toml", "json")],
                         help="print project.toml")
    ps.set_defaults(func=cmd_show)

    pe = psub.add_parser(
        "set", parents=[common.project, common.why],
        help="change fields: FIELD=VALUE, communication.channels='[...]', "
             "TABLE[ROW].FIELD=VALUE (ROW: its number or name)")
    pe.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    pe.set_defaults(func=cmd_set)

    pa = psub.add_parser("add-row", parents=[common.project, common.why],
                         help="add a row: stakeholders, cadence, milestones, effort, payments")
    pa.add_argument("table", metavar="TABLE")
    pa.add_argument("assignments", nargs="+", metavar="FIELD=VALUE")
    pa.set_defaults(func=cmd_add_row)

    pr = psub.add_parser("remove-row", parents=[common.project, common.why],
                         help="remove a row, named by its number or name")
    pr.add_argument("table", metavar="TABLE")
    pr.add_argument("row", metavar="ROW")
    pr.set_defaults(func=cmd_remove_row)


def _pairs(items) -> list[tuple[str, str]]:
    from store.errors import InvalidValue
    out = []
    for a in items:
        name, eq, text = a.partition("=")
        if not eq or not name:
            raise InvalidValue(f"{cli.visible(a[:60])!r}: write FIELD=VALUE")
        out.append((name.strip(), cli.read_value(text)))
    return out


def cmd_new(args) -> int:
    ws = cli.workspace(args)
    ws.new_project(args.slug, args.name, args.client, why=args.why)
    cli.out(args.slug)
    return 0


def cmd_show(args) -> int:
    ws = cli.workspace(args, read_only=True)
    slug = cli.project(args, ws)
    if args.format == "json":
        cli.print_json({"project": slug, **ws.project_data(slug)})
    else:
        path = ws.project_dir(slug) / "project.toml"
        cli.out(cli.visible(path.read_text("utf-8")).rstrip("\n"))
    return 0


def _save(args, change) -> int:
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    with ws.write_lock():  # read, change and save one version
        changes = change(ws.project_data(slug))
        commit = ws.update_project(slug, changes, why=args.why)
    if commit is None:
        cli.warn("accord: nothing changed")
    return 0


def cmd_set(args) -> int:
    from store.model.project_settings import set_changes
    pairs = _pairs(args.assignments)
    return _save(args, lambda pdata: set_changes(pdata, pairs))


def cmd_add_row(args) -> int:
    from store.model.project_settings import add_row
    pairs = _pairs(args.assignments)
    return _save(args, lambda pdata: add_row(pdata, args.table, pairs))


def cmd_remove_row(args) -> int:
    from store.model.project_settings import remove_row
    return _save(args, lambda pdata: remove_row(pdata, args.table, args.row))
