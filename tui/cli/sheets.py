"""The client's spreadsheets: ``accord import requirements FILE`` (a dry run
unless ``--apply``) and ``accord export requirements --format xlsx -o FILE``
(the tracking matrix; ``--format csv`` too)."""
from __future__ import annotations

from pathlib import Path

from store.errors import InvalidValue
from tui.cli import main as cli

WHAT = ("requirements", "requirement", "req")


def register(sub, common) -> None:
    p = sub.add_parser(
        "import", parents=[common.project, common.why, common.format("text", "json")],
        help="import the client's requirement list (.xlsx or .csv); a dry run "
             "unless --apply")
    p.add_argument("what", metavar="requirements", choices=WHAT)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--apply", action="store_true",
                   help="write it: one commit, or nothing when any row is bad")
    p.add_argument("--sheet", metavar="NAME", default=None,
                   help="the sheet (name or number; default the first)")
    p.add_argument("--header-row", type=int, metavar="N", default=None,
                   help="the row holding the column names (default: found)")
    p.add_argument("--encoding", metavar="ENC", default=None,
                   help="a CSV's encoding (default: UTF-8, else GB18030/GBK)")
    p.add_argument("--map", metavar="FIELD=COLUMN,...", default=None,
                   help="columns by name, e.g. 'title=需求名称,statement=需求描述'; "
                        "fields: id source_ref title statement priority acceptance "
                        "source client_contact notes")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("export", parents=[common.project, common.format("xlsx", "csv")],
                       help="the requirement tracking matrix as a spreadsheet")
    p.add_argument("what", metavar="requirements", choices=WHAT)
    p.add_argument("-o", "--output", metavar="FILE", default=None,
                   help="the file to write (csv: stdout when not given)")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the headers and words (default: the workspace's)")
    p.set_defaults(func=cmd_export)


def cmd_import(args) -> int:
    from store.sheets import apply_plan, plan_import
    from store.sheets.words import msg
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    lang = ws.language
    plan = plan_import(ws, slug, args.file, sheet=args.sheet, header_row=args.header_row,
                       encoding=args.encoding, mapping=args.map, lang=lang)
    if args.format == "json" and not args.apply:
        cli.print_json(plan.as_json())
        return 1 if plan.bad else 0
    if not args.apply or plan.bad:
        for line in plan_lines(plan, lang, dry=not args.apply):
            cli.out(line)
    if not args.apply:
        return 1 if plan.bad else 0
    commit, _ids = apply_plan(ws, slug, plan, why=args.why, lang=lang)
    if commit is None:
        cli.out(msg(lang, "nothing"))
        return 0
    n_new, n_upd = len(plan.of("create")), len(plan.of("update"))
    done = msg(lang, "t.applied", n=n_new + n_upd, create=n_new, update=n_upd,
               commit=commit[:10])
    if args.format == "json":
        cli.print_json({"commit": commit, "created": n_new, "updated": n_upd,
                        "ids": {str(k): v for k, v in _ids.items()}})
    else:
        cli.out(done)
    return 0


def plan_lines(plan, lang: str, dry: bool = True) -> list[str]:
    """The dry-run report: where the header is, the mapping, one line per
    row that would change or cannot be taken, the rows gone, the counts."""
    from store.sheets.words import FIELDS, msg
    t = plan.table
    sheet = msg(lang, "t.sheet", name=t.sheet) if t.sheet else ""
    out = [msg(lang, "t.file", file=plan.file, sheet=sheet, row=t.header_row)]
    pairs = ", ".join(f"{h} → {f}" for f, h in plan.mapping.headers.items() if f in FIELDS)
    out.append(msg(lang, "t.columns", pairs=pairs))
    if plan.mapping.ignored:
        out.append(msg(lang, "t.ignored", cols=", ".join(plan.mapping.ignored)))
    shown = [r for r in plan.rows if r.action != "same"]
    if shown:
        out.append("")
        head = msg(lang, "t.head").split("|")
        table = [head]
        for r in shown:
            what = r.why if r.action == "bad" else r.title
            if r.action == "update":
                what += f"  ({', '.join(r.changes)})"
            table.append([str(r.row), msg(lang, f"t.{r.action}"), r.rid or "-",
                          r.ref or "-", what])
        out.extend(_columns(table))
    if plan.gone:
        out.append("")
        out.append(msg(lang, "t.gone", n=len(plan.gone)))
        out.extend(f"  {rid}  {ref}  {title}" for rid, ref, title in plan.gone)
    out.append("")
    counts = {a: len(plan.of(a)) for a in ("create", "update", "same", "bad")}
    out.append(msg(lang, "t.counts", skipped=t.skipped, **counts))
    if dry:
        out.append(msg(lang, "t.dry"))
    return [cli.visible(x) for x in out]


def _columns(rows: list[list[str]]) -> list[str]:
    from store.model.toml_source import width
    rows = [[_clip(" ".join(c.split()), 60) for c in r] for r in rows]
    widths = [max(width(r[i]) for r in rows) for i in range(len(rows[0]) - 1)]
    return ["  ".join(c + " " * (w - width(c)) for c, w in zip(r, widths)) + "  " + r[-1]
            for r in rows]


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def cmd_export(args) -> int:
    from store.sheets.export import export_matrix
    from store.sheets.words import msg
    ws = cli.workspace(args, read_only=not args.output)  # -o writes a file
    slug = cli.project(args, ws)
    lang = args.lang or ws.language
    out = args.output
    if args.format == "xlsx" and not out:
        raise InvalidValue(msg(lang, "no_output"))
    if out:
        path = Path(out)
        if path.is_dir():
            raise InvalidValue(msg(lang, "out_exists", file=out))
        ext = path.suffix.lower()
        if ext in (".xlsx", ".csv") and ext != f".{args.format}":
            raise InvalidValue(msg(lang, "out_format", file=out, ext=ext, fmt=args.format))
        if not path.parent.is_dir():
            raise InvalidValue(msg(lang, "out_dir", file=out, dir=path.parent))
    data = export_matrix(ws, slug, args.format, lang=lang, out=out)
    if data is not None:
        import sys
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        return 0
    return 0
