"""One record: every field, its status and sign-off, and the workflow
actions (move, client sign-off, form, $EDITOR, history)."""
from __future__ import annotations


from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from store.errors import AccordError, ConflictError
from store.model.records import signoff_state

from tui.i18n import error_text, t, word
from tui.widgets.common import signoff_text, status_text, value_lines
from tui.widgets.safe import safe, safe_text
from tui.widgets.wrap import Wrapped
from tui.screens.base import AccordScreen
from tui.screens.dialogs import MoveDialog, SignoffDialog, WhyPrompt


def show_error(app, err: Exception) -> None:
    app.notify(safe_text(error_text(err)), severity="error", markup=False, timeout=8)


class DetailScreen(AccordScreen):
    BINDINGS = [
        # on a meeting's page first: what a meeting is mostly used for
        Binding("d", "add('decision')", "key.add_decision", id="meeting.add_decision"),
        Binding("a", "add('action')", "key.add_action", id="meeting.add_action"),
        Binding("e", "edit", "key.edit", id="edit"),
        Binding("E", "editor", "key.editor", id="editor"),
        Binding("m", "move", "key.move", id="detail.move"),
        Binding("c", "signoff", "key.signoff", id="detail.signoff"),
        Binding("h", "history", "key.history", id="history"),
        Binding("r", "minutes", "key.minutes", id="detail.minutes"),
        Binding("o", "links", "key.links", id="detail.links", show=False),
        Binding("D", "delete", "key.delete", id="delete", show=False),
        Binding("n", "new_from", "key.new_from", id="detail.new_from", show=False),
        Binding("j", "scroll(1)", "key.down", id="list.down", show=False),
        Binding("k", "scroll(-1)", "key.up", id="list.up", show=False),
        Binding("g", "edge(0)", "key.top", id="list.top", show=False),
        Binding("G", "edge(1)", "key.bottom", id="list.bottom", show=False),
    ]

    def __init__(self, rid: str):
        super().__init__()
        self.rid = rid

    def shown_kind(self):
        rec = self.record
        return rec.kind if rec else None

    @property
    def record(self):
        return self.app.index().records.get(self.rid)

    def crumbs(self):
        rec = self.record
        return [rec.kind.label(self.app.lang) if rec else "", self.rid]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="detail") as vs:
            vs.can_focus = True
            yield Static("", id="head", markup=False)
            yield Static("", id="fields", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_data()
        self.query_one("#detail").focus()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def disk_changed(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        rec = self.record
        if rec is None:
            try:
                rec = self.app.ws.read(self.app.project, self.rid)
                self.app.record_changed(self.rid, rec)
            except AccordError as e:
                self.query_one("#head", Static).update(safe(error_text(e)))
                self.query_one("#fields", Static).update("")
                return
        lang = self.app.lang
        kind = rec.kind
        head = Text(no_wrap=False)
        head.append(rec.id, style="bold")
        head.append("  ")
        head.append(safe_text(rec.title), style="bold")
        head.append("\n")
        if kind.statuses:
            head.append_text(status_text(rec.status))
            head.append("  ")
        if kind.has_signoff:
            head.append_text(signoff_text(rec.signoff, words=True))
        if kind.statuses:
            moves = kind.moves_from(rec.status)
            head.append("\n")
            head.append(t("detail.moves", moves=", ".join(word(m) for m in moves))
                        if moves
                        else t("detail.no_moves"), style="bright_black")
        self.query_one("#head", Static).update(Wrapped(head))

        table = Table.grid(padding=(0, 1))
        table.add_column(style="bright_black", no_wrap=True, max_width=16)
        table.add_column(ratio=1)
        known = set()
        for f in kind.fields:
            known.add(f.name)
            if f.name in ("status", kind.title_field):
                continue
            v = rec.data.get(f.name)
            if v is None and f.name not in ("created",):
                continue
            table.add_row(Text(f.label(lang)),
                          Wrapped(value_lines(f, v, self.app.title_of)))
        for k, v in rec.data.items():
            if k not in known:
                table.add_row(safe(k), Wrapped(value_lines(None, v)))
        back = self.backlinks()
        if back:
            lines = Text()
            for i, (other, name) in enumerate(back):
                if i:
                    lines.append("\n")
                lines.append("- ", style="bright_black")
                lines.append(other)
                okind = self.app.index().records[other].kind
                f = okind.field(name)
                lines.append(f" ({f.label(lang) if f else name})", style="bright_black")
                lines.append("  " + safe_text(self.app.title_of(other) or ""),
                             style="bright_black")
            table.add_row(Text(t("detail.backlinks")), Wrapped(lines))
        self.query_one("#fields", Static).update(table)
        self.update_crumbs()

    # --- actions -------------------------------------------------------------------
    def check_action(self, action, parameters):
        rec = self.record
        if action in ("edit", "editor", "move", "signoff", "delete") and self.app.read_only:
            return False
        if action == "signoff" and rec is not None and not rec.kind.has_signoff:
            return False
        if action == "move" and rec is not None and not rec.kind.statuses:
            return False
        if action in ("minutes", "add") and (rec is None or rec.kind.name != "meeting"):
            return False
        if action in ("add", "new_from") and self.app.read_only:
            return False
        return True

    def action_scroll(self, d: int) -> None:
        vs = self.query_one("#detail")
        vs.scroll_relative(y=d, animate=False)

    def action_edge(self, end: int) -> None:
        vs = self.query_one("#detail")
        vs.scroll_end(animate=False) if end else vs.scroll_home(animate=False)

    def action_minutes(self) -> None:
        """A meeting's minutes (会议纪要) on the report screen."""
        rec = self.record
        if rec:
            self.app.open_report("minutes", rec.id)

    def action_edit(self) -> None:
        rec = self.record
        if rec:
            self.app.open_form(rec.kind, rec.id)

    def action_editor(self) -> None:
        from tui.screens.editor import edit_in_editor
        edit_in_editor(self.app, self.rid)

    def action_history(self) -> None:
        self.app.open_history(self.rid)

    def action_delete(self) -> None:
        from tui.screens.changes import ask_delete
        ask_delete(self.app, self.rid, self.leave)

    def backlinks(self) -> list[tuple[str, str]]:
        """(id, field) of the records that name this one."""
        from store.model.links import backlinks
        return backlinks(self.app.index().records, self.rid)

    def action_add(self, what: str) -> None:
        from tui.screens.made_from import add_to_meeting
        add_to_meeting(self, what)

    def action_new_from(self) -> None:
        from tui.screens.made_from import new_from_record
        new_from_record(self)

    def linked_ids(self) -> list[str]:
        """Ids this record names (id / ids fields and links) that exist."""
        rec = self.record
        if not rec:
            return []
        from store.model.links import links_of
        known = self.app.index().records
        out = []
        for _field, x in links_of(rec):
            if x in known and x not in out:
                out.append(x)
        return out

    def action_links(self) -> None:
        from tui.screens.dialogs import PickerDialog
        linked = self.linked_ids()
        if not linked:
            return
        entries = [(rid, self.app.title_of(rid) or "", rid.lower()) for rid in linked]

        def chosen(rid):
            if rid:
                self.app.open_record(rid)
        self.app.push_screen(PickerDialog(entries), chosen)

    def action_move(self) -> None:
        rec = self.record
        if not rec or not rec.kind.statuses:
            return
        moves = rec.kind.moves_from(rec.status)
        if not moves:
            self.app.notify(t("move.none", id=rec.id, status=word(rec.status)),
                            severity="warning", markup=False)
            return
        blocked = {}
        if rec.kind.needs_signoff and signoff_state(rec.kind, rec.data) != "current":
            blocked = {m: t("move.needs_signoff") for m in moves
                       if m in rec.kind.needs_signoff}
        digest = rec.digest

        def chosen(status):
            if not status:
                return
            self._ask_why(lambda why: self._do_move(status, why, digest))
        self.app.push_screen(MoveDialog(rec.id, rec.status, moves, blocked), chosen)

    def _ask_why(self, then) -> None:
        def answered(why):
            if why is not None:
                then(why or None)
        self.app.push_screen(WhyPrompt(t("why.hint_cancel")), answered)

    def _save(self, call, done) -> None:
        """Run one store save for this record; a conflict or a refusal is
        shown, never overwritten; ``done(saved)`` gives the notice text."""
        try:
            saved = call()
        except ConflictError as e:
            self.app.record_changed(self.rid)
            show_error(self.app, e)
            self.refresh_data()
            return
        except AccordError as e:
            show_error(self.app, e)
            return
        self.app.record_changed(self.rid, saved.record)
        self.app.notify(done(saved), markup=False)
        self.refresh_data()

    def _do_move(self, status, why, digest) -> None:
        rec = self.record
        self._save(lambda: self.app.ws.move(self.app.project, self.rid, status,
                                            why=why, expect_digest=digest),
                   lambda saved: t("move.done", id=self.rid, a=word(rec.status),
                                   b=word(status)))

    def action_signoff(self) -> None:
        rec = self.record
        if not rec:
            return
        if not rec.kind.has_signoff:
            self.app.notify(t("signoff.not_kind", kind=rec.kind.label(self.app.lang)),
                            severity="warning", markup=False)
            return
        contact = rec.get("client_contact") or ""
        digest = rec.digest

        def got(answer):
            if not answer:
                return
            self._ask_why(lambda why: self._do_signoff(answer, why, digest))
        self.app.push_screen(SignoffDialog(rec.id, self.app.today,
                                           by=contact if isinstance(contact, str) else ""),
                             got)

    def _do_signoff(self, answer, why, digest) -> None:
        self._save(lambda: self.app.ws.confirm(
                       self.app.project, self.rid, by=answer["by"], via=answer["via"],
                       on=answer["on"], why=why, expect_digest=digest),
                   lambda saved: t("signoff.done", id=self.rid,
                                   commit=(saved.commit or "")[:8]))
