"""Records made from another record's page: a meeting's decision or action
(``d`` / ``a``: made and linked both ways in one commit, store/model/links.py),
and any record whose link field names the page's record (``n``)."""
from __future__ import annotations

from store.errors import AccordError

from tui.i18n import t
from tui.screens.detail import show_error


def add_to_meeting(screen, what: str) -> None:
    """A decision or an action of this meeting, made and linked both
    ways in one commit, who and when asked in the same dialog."""
    from store.model.links import create_linked
    from store.model.schema import KINDS

    from tui.screens.dialogs import QuickAddDialog
    rec = screen.record
    if rec is None:
        return
    kind = KINDS[what]
    date = rec.get("date") if what == "decision" else None
    who_field = "decided_by" if what == "decision" else "owner"
    date_field = "decided_on" if what == "decision" else "due"
    lang = screen.app.lang

    def made(answer):
        if not answer:
            return
        fields = {kind.title_field: answer["title"]}
        if answer["who"]:
            fields[who_field] = ([answer["who"]] if what == "decision"
                                 else answer["who"])
        if answer["date"]:
            fields[date_field] = answer["date"]
        fields["via" if what == "decision" else "meeting"] = rec.id
        fields["created"] = screen.app.today
        try:
            saved, parent = create_linked(
                screen.app.ws, screen.app.project, kind, fields, rec.id,
                "decisions" if what == "decision" else "actions")
        except AccordError as e:
            show_error(screen.app, e)
            return
        screen.app.record_changed(saved.record.id, saved.record)
        screen.app.record_changed(rec.id, parent)
        screen.app.notify(t("quick.done", id=saved.record.id, parent=rec.id,
                          commit=(saved.commit or "")[:8]), markup=False)
        screen.refresh_data()
    screen.app.push_screen(QuickAddDialog(
        t(f"quick.{what}", id=rec.id), kind.field(who_field).label(lang),
        kind.field(date_field).label(lang), date=date), made)


def new_from_record(screen) -> None:
    """A new record whose links name this one (a change request from a
    requirement affects it; a decision from a meeting came via it)."""
    from tui.screens.dialogs import ChoiceDialog
    rec = screen.record
    if rec is None:
        return
    from store.model.links import new_from
    from store.model.schema import KINDS

    from tui.screens.form import FormScreen
    targets = new_from(rec.kind.name)

    def chosen(name):
        if name:
            screen.app.push_screen(FormScreen(KINDS[name], prefill={targets[name]: rec.id}))
    screen.app.push_screen(ChoiceDialog(
        t("key.new_from"), rec.id,
        [(k, KINDS[k].label(screen.app.lang), "default") for k in targets],
        default=next(iter(targets))), chosen)
