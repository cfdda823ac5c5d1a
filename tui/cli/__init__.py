"""Subcommands of the ``accord`` command line, one module per area.

``tui/cli/main.py`` (the parser, the exit codes) imports each module named in
``tui.cli.main.COMMAND_MODULES``.  A module must define::

    def register(subparsers, common) -> None:
        p = subparsers.add_parser("log", parents=[common.project, common.format("text", "json")],
                                  help="a record's history")
        p.add_argument("id")
        p.set_defaults(func=cmd_log)

    def cmd_log(args) -> int:            # the exit code
        ws = cli.workspace(args)          # from -C PATH or the current directory
        slug = cli.project(args, ws)      # --project, or the only project
        ...
        return 0

``subparsers`` is argparse's sub-parser action (``add_parser`` as usual; the
parsers it makes print a one-line error and exit 2 on bad usage).
``common`` (a ``tui.cli.main.Common``) gives parent parsers to pass in ``parents=[...]``:

  common.project            ``--project SLUG``  -> ``args.project`` (None when not given)
  common.why                ``-m/--message WHY`` -> ``args.why`` (None when not given)
  common.format(*choices, default=choices[0])
                            ``--format {choices}`` -> ``args.format``, always set to one
                            of the choices by the time ``func`` runs (the first choice
                            unless given; a global ``accord --format X cmd`` is checked
                            against the choices too)

Helpers to reuse from ``tui.cli.main`` (defined in ``tui/cli/helpers.py``; import main
as ``from tui.cli import main as cli``; neither imports textual):

  cli.workspace(args, read_only=False) -> store.workspace.Workspace
  cli.project(args, ws) -> str                       resolved project slug
  cli.base_dir(args) -> Path                         -C PATH or the current directory
  cli.kind(name) -> Kind                             kind by name/prefix/alias, exit 2 naming them
  cli.read_value(text) -> str                        @path / - / @@ value syntax
  cli.field_changes(kind, sets, adds=(), removes=(), current=None) -> dict
                            {dotted name: typed value or None}, ready for Workspace.update
  cli.parse_field_value(kind, name, text)            one FIELD's text -> typed value
  cli.print_json(obj)                                JSON on stdout (UTF-8, indented)
  cli.out(text) / cli.warn(text)                     a line to stdout / stderr
  cli.visible(text) -> str                           control chars shown as ␛ etc.
  cli.date_arg(text, what) -> date                   YYYY-MM-DD or exit 2

Raise ``store.errors.AccordError`` (or a subclass) for every user error: main()
prints ``accord: <message>`` on stderr and exits with its ``exit_code`` (2 unless
the class says otherwise; ValidationFailed is 1).  Never print tracebacks, never
call sys.exit from a command: return the exit code.
"""
