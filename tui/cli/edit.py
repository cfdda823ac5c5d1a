"""Taking changes back: ``accord delete ID`` (asks first unless --yes;
one commit; the id is never given again) and ``accord undo`` (reverts
the user's own last change in the project, see store/git/undo.py)."""
from __future__ import annotations

import sys

from store.errors import InvalidValue
from tui.cli import main as cli


def register(sub, common) -> None:
    p = sub.add_parser("delete", parents=[common.project, common.why],
                       help="delete a record (one commit; its id is not reused)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--yes", "-y", action="store_true", help="do not ask first")
    p.set_defaults(func=cmd_delete)

    p = sub.add_parser("undo", parents=[common.project, common.why],
                       help="revert your own last change in the project "
                            "(refused if someone changed its files since)")
    p.set_defaults(func=cmd_undo)


def _ask(question: str) -> bool:
    """Ask on the terminal; an answer other than y/yes is no."""
    sys.stderr.write(question + " [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline()
    return answer.strip().lower() in ("y", "yes", "是")


def cmd_delete(args) -> int:
    from store.model import ids
    ids.parse_id(args.id)
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    rec = ws.read(slug, args.id)
    if not args.yes:
        if not sys.stdin.isatty():
            raise InvalidValue(f"{args.id} was not deleted: add --yes to delete "
                               f"without a question")
        if not _ask(f"delete {args.id} {cli.visible(rec.title)}?"):
            cli.warn(f"{args.id}: not deleted")
            return 1
    saved = ws.delete(slug, args.id, why=args.why, expect_digest=rec.digest)
    cli.warn(f"{args.id}: deleted in commit {saved.commit[:10]}")
    return 0


def cmd_undo(args) -> int:
    from store.git.undo import undo_last
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    change, commit = undo_last(ws, slug, why=args.why)
    cli.warn(f"undid {change.commit[:10]} {cli.visible(change.subject)} "
             f"in commit {commit[:10]}")
    return 0
