"""The command palette (ctrl+p): jump to any record by id or title, create
any kind, list any kind, switch project, open the dashboard, reports, help.

Record titles are user data: hits are built as ``Content`` from plain text
(Textual's ``Matcher.highlight`` would parse them as markup), and records
are matched by ``store.model.search.Query`` (words in any order, Chinese
characters in order, pinyin and initials) on keys made once per record.
"""
from __future__ import annotations

from functools import partial

from rich.align import Align
from rich.text import Text
from textual.app import ComposeResult
from textual.command import (CommandInput, CommandList, CommandPalette, DiscoveryHit, Hit,
                             Hits, Provider, SearchIcon)
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.markup import escape
from textual.widgets import Button, LoadingIndicator
from textual.widgets.option_list import Option

from store.model.schema import KINDS
from store.model.search import Query

from tui.i18n import t, word
from tui.widgets.safe import safe_text

MAX_RECORD_HITS = 40


def _display(text: str, offsets=()) -> Content:
    content = Content(text)
    for o in offsets:
        if o < len(text) and not text[o].isspace():
            content = content.stylize("bold reverse", o, o + 1)
    return content


def _import_sheet(app) -> None:
    from tui.screens.importer import open_import
    open_import(app)


def _project_history(app) -> None:
    from tui.screens.project_history import open_project_history
    open_project_history(app)


def jump(app, then) -> None:
    """Run ``then`` (which opens a screen) over the dashboard: the screens
    above it are closed first (asking about unsaved forms), so palette jumps
    replace one another instead of piling up."""
    from tui.screens.dashboard import DashboardScreen
    if app._unless_dirty(lambda: jump(app, then)):
        return
    while len(app.screen_stack) > 2 and not isinstance(app.screen, DashboardScreen):
        app.pop_screen()
    then()


class AccordCommands(Provider):

    def _commands(self):
        app = self.app
        out = [(t("palette.dashboard"), app.open_dashboard)]
        if app.project:
            for k in KINDS.values():
                out.append((t("palette.list", kind=k.label(app.lang)),
                            partial(jump, app, partial(app.open_list, k))))
            if not app.read_only:
                for k in KINDS.values():
                    out.append((t("palette.new", kind=k.label(app.lang)),
                                partial(jump, app, partial(app.open_form, k))))
            # each document by its own name: typing 周报, 纪要 or minutes
            # finds it, and 报告 / report lists them all
            from tui.screens.report import TYPES
            for k in TYPES:
                out.append((t("palette.report_type", type=t(f"report.type.{k}")),
                            partial(jump, app, partial(app.open_report, k))))
            out.append((t("palette.project_history"),
                        partial(jump, app, partial(_project_history, app))))
            if not app.read_only:
                out.append((t("palette.import"), partial(jump, app, partial(_import_sheet, app))))
        for slug in app.ws.projects():
            if slug != app.project:
                out.append((t("palette.project", slug=slug),
                            partial(app.switch_project, slug)))
        if not app.read_only:
            if app.project:
                out.append((t("pform.title"), partial(jump, app, app.open_project_form)))
            out.append((t("pform.new_title"),
                        partial(jump, app, partial(app.open_project_form, True))))
            out.append((t("palette.sync"), app.action_sync))
            out.append((t("palette.resolve"), app.open_resolve))  # settling writes
        out.append((t("palette.refresh"), app.action_refresh))
        out.append((t("palette.help"), app.action_help))
        return out

    async def discover(self) -> Hits:
        for text, cb in self._commands():
            yield DiscoveryHit(Content(text), cb, text=text)

    async def search(self, query: str) -> Hits:
        app = self.app
        matcher = self.matcher(query)
        prefix = query.strip().lower()
        for text, cb in self._commands():
            score, offsets = matcher.fuzzy_search.match(query, text)
            if score > 0 and prefix and text.lower().startswith(prefix):
                score += 1  # 报告 -> the reports before 列表：报告 (Chinese has
                # no word starts for Textual's matcher to favour)
            if score > 0:
                yield Hit(score, _display(text, offsets), cb, text=text)
        if not app.project:
            return
        q = Query(query)
        if not q:
            return
        n = 0
        index = app.index()
        for rid, title, key in app.entries():
            if not q.matches(key):
                continue
            shown = safe_text(f"{rid}  {title}")
            # id hits first, then whole-text hits, then words, then pinyin
            score = q.score(key)
            pos = shown.lower().find(q.text)
            marks = range(pos, pos + len(q.text)) if pos >= 0 else ()
            rec = index.records.get(rid)
            help_text = escape(safe_text(t(
                "palette.record_help", kind=rec.kind.label(app.lang),
                status=word(rec.status) or "-"))) if rec else None
            yield Hit(score, _display(shown, marks),
                      partial(jump, app, partial(app.open_record, rid)),
                      text=shown, help=help_text)
            n += 1
            if n >= MAX_RECORD_HITS:
                break


class _CommandList(CommandList):
    """The palette's list: Textual's "No matches found" in the UI language."""

    def add_option(self, option=None):
        if isinstance(option, Option) and option.id == AccordPalette.NO_MATCHES:
            option = Option(Align.center(Text(t("palette.no_matches"), style="not bold")),
                            disabled=True, id=option.id)
        return super().add_option(option)


class AccordPalette(CommandPalette):
    """Textual's command palette with its own words (placeholder, no
    matches) in the UI language; the rest is Textual's."""

    NO_MATCHES = "--no-matches"  # the id Textual gives its no-matches line

    def __init__(self, **kw):
        kw.setdefault("placeholder", t("palette.placeholder"))
        super().__init__(**kw)

    def compose(self) -> ComposeResult:  # Textual's, with _CommandList
        with Vertical(id="--container"):
            with Horizontal(id="--input"):
                yield SearchIcon()
                yield CommandInput(placeholder=self._placeholder, select_on_focus=False)
                if not self.run_on_select:
                    yield Button("\u25b6")
            with Vertical(id="--results"):
                yield _CommandList()
                yield LoadingIndicator()


class TextualWords:
    """Mixed into the app: what Textual itself would say, in the UI
    language (the command palette, the ctrl+c hint)."""

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(AccordPalette(id="--command-palette"))

    def action_help_quit(self) -> None:
        for active in self.active_bindings.values():
            if active.binding.action in ("quit", "app.quit"):
                self.notify(t("quit.how", keys=self.get_key_display(active.binding)),
                            title=t("quit.ask"), markup=False)
                return
