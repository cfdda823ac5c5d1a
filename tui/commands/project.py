"""``accord project set``: change a project's settings (name, client,
status, dates, goals, stakeholders, communication cadence, milestones,
effort, payments) in one commit, as ``accord set`` does for a record.

    accord project set name=新名称 status=active
    accord project set --add stakeholders='{"name": "张伟", "side": "client"}'
    accord project set --set milestones='[{"name": "上线", "baseline": "2026-12-31"}]'
    accord project set --remove stakeholders=张伟     # the row with that name
"""
from __future__ import annotations

import json

from store.errors import InvalidValue
from store.project_rows import parse_rows_json, project_field, typed_row
from store.records import get_path, parse_item, parse_value
from store.schema import IDS, LIST, TABLES
from tui import cli


def register_set(psub, common) -> None:
    p = psub.add_parser("set", parents=[common.project, common.why],
                        help="change the project's settings (one commit)")
    p.add_argument("assignments", nargs="*", metavar="FIELD=VALUE",
                   help="same as --set FIELD=VALUE")
    p.add_argument("--set", "-s", dest="sets", action="append", default=[],
                   metavar="FIELD=VALUE", help="a value; rows as a JSON array of objects")
    p.add_argument("--add", dest="adds", action="append", default=[],
                   metavar="FIELD=VALUE", help="append an item (a row: a JSON object)")
    p.add_argument("--remove", dest="removes", action="append", default=[],
                   metavar="FIELD=VALUE", help="remove an item (a row: by its first column)")
    p.set_defaults(func=cmd_project_set)


def _split(text: str, option: str):
    name, eq, value = text.partition("=")
    if not eq or not name.strip():
        raise InvalidValue(f"{option} {text!r}: write FIELD=VALUE (e.g. {option} name=新名称)")
    return name.strip(), cli.read_value(value)


def changes_of(data: dict, sets, adds, removes) -> dict:
    """{dotted name: typed value or None} from the options."""
    changes: dict = {}
    for text in sets:
        name, value = _split(text, "--set")
        f = project_field(name)
        changes[name] = (parse_rows_json(name, f, value) or None) if f.type == TABLES \
            else parse_value(name, f, value)
    for option, items, adding in (("--add", adds, True), ("--remove", removes, False)):
        for text in items:
            name, value = _split(text, option)
            f = project_field(name)
            base = list(changes[name] if name in changes else get_path(data, name, None) or [])
            if f.type == TABLES:
                key = f.fields[0].name
                if adding:
                    try:
                        base.append(typed_row(name, f, json.loads(value)))
                    except ValueError:
                        raise InvalidValue(f"--add {name}: give the row as a JSON object "
                                           f"({{\"{key}\": \"...\"}})") from None
                else:
                    kept = [r for r in base if str(r.get(key)) != value]
                    if len(kept) == len(base):
                        raise InvalidValue(f"{name} has no row whose {key} is {value!r}")
                    base = kept
            elif f.type in (LIST, IDS):
                item = parse_item(name, f, value)
                if adding:
                    base.append(item)
                elif item in base:
                    base.remove(item)
                else:
                    raise InvalidValue(f"{name} has no item {item!r} to remove")
            else:
                raise InvalidValue(f"{option} {name}: not a list; use --set {name}=VALUE")
            changes[name] = base or None
    return changes


def cmd_project_set(args) -> int:
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    sets = list(args.assignments) + list(args.sets)
    if not (sets or args.adds or args.removes):
        raise InvalidValue("nothing to change: give FIELD=VALUE, --add or --remove")
    changes = changes_of(ws.project_data(slug), sets, args.adds, args.removes)
    commit = ws.update_project(slug, changes, why=args.why)
    cli.warn(f"{slug}: saved in commit {commit[:10]}" if commit else f"{slug}: nothing changed")
    return 0
