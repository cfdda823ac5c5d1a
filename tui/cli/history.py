"""History commands: log, summary, baseline, diff, report."""
from __future__ import annotations

import json
import sys

from store.model import ids
from store.errors import InvalidValue, UnknownRecord
from tui.cli import main as cli
from tui.progress_line import terminal_progress

REPORTS = ("summary", "progress", "final", "requirements", "minutes", "review")


def register(sub, common) -> None:
    lang = cli.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=("zh", "en"), default=None,
                      help="language of the document (default: the workspace's)")
    period = cli.ArgumentParser(add_help=False)
    period.add_argument("--since", metavar="WHEN", default=None,
                        help="a date YYYY-MM-DD, a revision, a baseline name or "
                             "last-meeting (the default)")
    period.add_argument("--until", metavar="WHEN", default=None,
                        help="a date, a revision or a baseline name (default: now)")
    period.add_argument("--as-of", dest="as_of", metavar="DATE|REV", default=None,
                        help="build the document from the records as they were then "
                             "(default: its own point: the period's end, the minutes' "
                             "issue date, today)")
    output = cli.ArgumentParser(add_help=False)
    output.add_argument("-o", "--output", metavar="FILE", default=None,
                        help="write the document to FILE instead of stdout")
    output.add_argument("--evidence", action="store_true",
                        help="add the commits, authors and times behind the document "
                             "(always in --format json)")

    p = sub.add_parser("log", parents=[common.project, common.format("text", "json")],
                       help="a record's history: commit, author, date, field changes")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("summary", parents=[common.project, period, lang, output,
                                           common.format("md", "json", "html", "docx")],
                       help="review-meeting summary of a period")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("report", parents=[common.project, period, lang, output,
                                          common.format("md", "json", "html", "docx")],
                       help="progress | final | requirements | minutes MTG-n | review "
                            "[--meeting MTG-n] (the pack sent before a stage review)")
    p.add_argument("type", metavar="TYPE", help=", ".join(REPORTS))
    p.add_argument("meeting", metavar="MTG-n", nargs="?", default=None,
                   help="the meeting (minutes only)")
    p.add_argument("--meeting", dest="review_meeting", metavar="MTG-n", default=None,
                   help="review only: the review meeting the pack is for (default: the "
                        "next planned stage review or acceptance meeting)")
    p.add_argument("--at", metavar="BASELINE", default=None,
                   help="the requirements document as of a baseline")
    p.add_argument("--rag", choices=("red", "amber", "green"), default=None,
                   help="override the proposed overall status (needs --reason)")
    p.add_argument("--reason", metavar="TEXT", default=None,
                   help="one sentence: why this status")
    cadence = p.add_mutually_exclusive_group()
    cadence.add_argument("--weekly", dest="cadence", action="store_const", const="weekly",
                         help="progress only: a weekly report (the default)")
    cadence.add_argument("--monthly", dest="cadence", action="store_const", const="monthly",
                         help="progress only: a monthly report")
    p.set_defaults(func=cmd_report)

    p = sub.add_parser("baseline", parents=[common.project],
                       help="tag the project's current state (accord/<project>/<name>)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("-m", "--message", dest="note", metavar="NOTE", default=None)
    p.set_defaults(func=cmd_baseline)

    p = sub.add_parser("diff", parents=[common.project, lang, output,
                                        common.format("md", "json", "html", "docx")],
                       help="field-level changes of the project since a baseline")
    p.add_argument("baseline", metavar="BASELINE")
    p.set_defaults(func=cmd_diff)


# --- log ----------------------------------------------------------------------

def _value(v) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    return json.dumps(v, ensure_ascii=False)


def cmd_log(args) -> int:
    from store import history
    ws = cli.workspace(args, read_only=True)
    slug = cli.project(args, ws)
    kind, _ = ids.parse_id(args.id)
    events = history.record_events(ws, slug, args.id)
    if not events:
        raise UnknownRecord(f"no history of {args.id} in project {slug}: "
                            f"`accord list {kind.name}` shows the ids")
    if args.format == "json":
        cli.print_json({"id": args.id, "kind": kind.name,
                        "events": [history.public(e) for e in events]})
        return 0
    for e in events:
        line = f"{e['commit'][:7]}  {e['date']}  {cli.visible(e['author'])}  {e['action']}"
        if e["id"] != args.id:
            line += f"  ({e['id']})"
        cli.out(line)
        if e.get("why"):
            for i, w in enumerate(str(e["why"]).splitlines()):
                cli.out(("    why: " if i == 0 else "         ") + cli.visible(w))
        if e.get("problem"):
            cli.out("    ! " + cli.visible(e["problem"]))
        for name, (a, b) in e["fields"].items():
            if name.endswith("fingerprint"):
                # a hash of the agreed fields: noise to a reader (--format json has it)
                cli.out(f"    {name}: " + ("(set)" if b and not a else
                                           "(cleared)" if a and not b else "(changed)"))
                continue
            cli.out(f"    {name}: {cli.visible(_value(a))} -> {cli.visible(_value(b))}")
    return 0


# --- documents ------------------------------------------------------------------

def _emit(args, ws, doc: dict, problems=()) -> int:
    """Write the document; a record that could not be read is named on
    stderr as ``path: problem`` (and in the draft) and the exit code is 1."""
    from store.reports import render
    code = _emit_text(args, ws, render(doc, args.format))
    for path, problem in problems:
        cli.warn(f"{path}: {cli.visible(problem)}")
    return 1 if problems else code


def _document_workspace(args):
    """Read-only unless the document goes to a file (-o)."""
    return cli.workspace(args, read_only=not getattr(args, "output", None))


def _emit_text(args, ws, text) -> int:
    if getattr(args, "output", None):
        from store.reports import write
        # atomically: a failed write leaves the file as it was, never half of it
        cli.warn(f"wrote {write(ws, args.output, text)}")
        return 0
    if isinstance(text, bytes):  # a Word file
        if sys.stdout.isatty():
            raise InvalidValue("a Word file is not for the terminal: add -o FILE.docx")
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return 0
    if text.endswith("\n") and not text.endswith("\n\n"):
        sys.stdout.write(text)  # as cli.out(text.rstrip("\n")), without two copies
    else:
        cli.out(text.rstrip("\n"))
    return 0


def cmd_summary(args) -> int:
    from store.reports import summary
    _preload(args)
    ws = _document_workspace(args)
    slug = cli.project(args, ws)
    if args.as_of:
        from store import reports
        with terminal_progress() as line:
            doc, ctx = reports.build_with_context(
                ws, slug, "summary", since=args.since, until=args.until, lang=args.lang,
                as_of=args.as_of, evidence=_evidence(args), progress=line)
        return _emit(args, ws, doc, reports.note_problems(doc, ctx))
    # the rendered text, kept for the same question (store.reports.summary);
    # its build (when nothing is kept) tells the line through reporting()
    from store.progress_note import reporting
    problems: list = []
    with terminal_progress() as line, reporting(line):
        text = summary.render_cached(ws, slug, args.format, since=args.since,
                                     until=args.until, lang=args.lang,
                                     evidence=_evidence(args), problems=problems)
    code = _emit_text(args, ws, text)
    for path, problem in problems:
        cli.warn(f"{path}: {cli.visible(problem)}")
    return 1 if problems else code


def _preload(args) -> None:
    if args.format == "docx":
        from store.reports.docx import preload
        preload()


def _evidence(args) -> bool:
    """The internal appendix: asked for, or always in JSON."""
    return bool(getattr(args, "evidence", False) or args.format == "json")


def cmd_report(args) -> int:
    from store import reports
    _preload(args)
    ws = _document_workspace(args)
    slug = cli.project(args, ws)
    kind = args.type
    if kind not in REPORTS:
        raise InvalidValue(f"unknown report {kind!r}: use progress, final, requirements, "
                           f"minutes MTG-n or review")
    if kind == "minutes" and not args.meeting:
        raise InvalidValue("minutes of which meeting? `accord report minutes MTG-n`")
    if kind != "minutes" and args.meeting:
        raise InvalidValue(f"{args.meeting!r}: only `report minutes` takes a meeting id"
                           + (" here; use `report review --meeting MTG-n`"
                              if kind == "review" else ""))
    if args.review_meeting and kind != "review":
        raise InvalidValue("--meeting MTG-n is for `report review` only"
                           + ("; minutes take the id directly: `report minutes MTG-n`"
                              if kind == "minutes" else ""))
    if args.at and kind != "requirements":
        raise InvalidValue("--at BASELINE is for `report requirements` only")
    if (args.rag or args.reason) and kind != "progress":
        raise InvalidValue("--rag/--reason are for `report progress` only")
    if args.rag and not (args.reason and args.reason.strip()):
        raise InvalidValue("--rag needs --reason TEXT: one sentence saying why")
    if args.reason and not args.rag:
        raise InvalidValue("--reason goes with --rag red|amber|green")
    if args.cadence and kind != "progress":
        raise InvalidValue("--weekly/--monthly are for `report progress` only")
    if args.as_of and args.at:
        raise InvalidValue("give --at BASELINE or --as-of DATE|REV, not both")
    with terminal_progress() as line:
        doc, ctx = reports.build_with_context(
            ws, slug, kind, since=args.since, until=args.until, at=args.at,
            lang=args.lang, meeting=args.meeting or args.review_meeting, rag=args.rag,
            reason=args.reason, as_of=args.as_of, cadence=args.cadence,
            evidence=_evidence(args), progress=line)
    return _emit(args, ws, doc, reports.note_problems(doc, ctx))


def cmd_baseline(args) -> int:
    ws = cli.workspace(args)
    slug = cli.project(args, ws)
    tag = ws.baseline(slug, args.name, args.note)
    cli.out(tag)
    return 0


def cmd_diff(args) -> int:
    from store import history
    from store.reports import diff as diff_doc, render
    from store.reports.common import context
    _preload(args)
    ws = _document_workspace(args)
    slug = cli.project(args, ws)
    d = history.baseline_diff(ws, slug, args.baseline)
    if args.format == "json" and not args.output:
        cli.print_json(d)
        return 0
    doc = diff_doc.build(context(ws, slug, args.lang), d, evidence=_evidence(args))
    return _emit_text(args, ws, render(doc, args.format))
