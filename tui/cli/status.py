"""``accord status``: the dashboard's "needs attention" list for scripts and
cron, in the user's language or as JSON (store.model.attention holds the rules)."""
from __future__ import annotations

from tui.cli import main as cli


def register(sub, common) -> None:
    p = sub.add_parser("status", parents=[common.project, common.format("text", "json")],
                       help="what needs attention now (the dashboard's list)")
    p.add_argument("--lang", choices=("zh", "en"), default=None,
                   help="language of the text (default: yours, else the workspace's)")
    p.add_argument("--today", default=None, metavar="YYYY-MM-DD",
                   help="judge due dates as of this day (default: today)")
    p.set_defaults(func=cmd_status)


def _lang(args, ws) -> str:
    if args.lang:
        return args.lang
    from tui.config import load_config
    return load_config().language or ws.language


def cmd_status(args) -> int:
    """Exit 0 when nothing needs attention, 1 when something does (so a
    cron job can mail only then)."""
    import datetime as dt

    from store.model.attention import attention
    from tui import i18n
    ws = cli.workspace(args, read_only=True)
    slug = cli.project(args, ws)
    today = cli.date_arg(args.today, "--today") if args.today else dt.date.today()
    index = ws.load(slug)
    groups = [g for g in attention(index, ws.project_data(slug), today)
              if g.ids or g.key == "cadence"]
    titles = {rid: (r.title or "") for rid, r in index.records.items()}
    if args.format == "json":
        cli.print_json({"project": slug, "today": today.isoformat(), "attention": [
            {"key": g.key, "kind": g.kind, "what": g.what or None,
             "last": g.last.isoformat() if g.last else None,
             "records": [{"id": i, "title": titles.get(i)} for i in g.ids]}
            for g in groups]})
        return 1 if groups else 0
    i18n.set_language(_lang(args, ws))
    if not groups:
        cli.out(i18n.t("dash.all_clear"))
        return 0
    for g in groups:
        label, note = i18n.alert_words(g)
        cli.out(cli.visible(f"{label} ({len(g.ids)})" + (f" · {note}" if note else "")))
        for rid in (() if g.key == "cadence" else g.ids):
            title = titles.get(rid)
            cli.out(cli.visible(f"  {rid}  {title}" if title else f"  {rid}"))
    return 1
