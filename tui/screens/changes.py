"""Deleting a record and undoing one's own last change, from the app.

Both ask first (the default button keeps everything) and go through the
store: ``Workspace.delete`` (one commit; the id is never given again) and
``store.git.undo.undo_last`` (a revert of the user's last commit in the
project, refused when someone changed its files since)."""
from __future__ import annotations

from store.errors import AccordError
from store.git.undo import UndoRefused, last_own_change, undo_last

from tui.i18n import error_text, subject_text, t
from tui.widgets.safe import safe_text
from tui.screens.dialogs import ChoiceDialog


def _error(app, err: Exception) -> None:
    app.notify(safe_text(error_text(err)), severity="error", markup=False, timeout=8)


def ask_delete(app, rid: str, done=None) -> None:
    """Confirm, then delete ``rid``; ``done()`` runs after a delete."""
    if app.read_only:
        app.notify(t("err.readonly"), severity="error", markup=False)
        return
    rec = app.index().records.get(rid)
    if rec is None:
        app.notify(t("err.gone", id=rid), severity="error", markup=False)
        return
    digest = rec.digest

    def answered(answer):
        if answer != "delete":
            return
        try:
            saved = app.ws.delete(app.project, rid, expect_digest=digest)
        except AccordError as e:
            _error(app, e)
            return
        app.record_changed(rid)
        app.notify(t("delete.done", id=rid, commit=(saved.commit or "")[:8]), markup=False)
        if done:
            done()
    app.push_screen(ChoiceDialog(
        t("delete.title", id=rid), t("delete.body", id=rid, title=safe_text(rec.title)),
        [("keep", t("delete.keep"), "primary"), ("delete", t("delete.yes"), "error")],
        default="keep"), answered)


def undo_message(err: UndoRefused) -> str:
    """A refused undo in the UI language."""
    return error_text(err)


def ask_undo(app) -> None:
    """Show the user's last change, then revert it on "undo"."""
    if app.read_only or not app.project:
        app.notify(t("err.readonly"), severity="error", markup=False)
        return
    try:
        change = last_own_change(app.ws, app.project)
    except AccordError as e:
        _error(app, e)
        return
    if change is None:
        app.notify(t("undo.refused.nothing"), severity="warning", markup=False)
        return

    def answered(answer):
        if answer != "undo":
            return
        try:
            undone, commit = undo_last(app.ws, app.project)
        except UndoRefused as e:
            app.notify(undo_message(e), severity="error", markup=False, timeout=8)
            return
        except AccordError as e:
            _error(app, e)
            return
        app.reload()
        app.notify(t("undo.done", commit=undone.commit[:8], new=commit[:8]), markup=False)
        app.refresh_screen()
    app.push_screen(ChoiceDialog(
        t("undo.title"), t("undo.body", commit=change.commit[:8],
                           subject=safe_text(subject_text(change.subject))),
        [("keep", t("undo.keep"), "primary"), ("undo", t("undo.yes"), "error")],
        default="keep"), answered)
