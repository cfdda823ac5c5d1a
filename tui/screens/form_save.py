"""Saving a record's form: its changes against what it opened with, the
store's refusals, the optional "why", create or update, and the answer to a
record changed on disk (merge field by field, else keep / difference /
reload).  A mixin of ``FormScreen`` (form.py), which builds the editors.
"""
from __future__ import annotations

from store.errors import AccordError, ConflictError
from store.model import codec

from tui.i18n import t
from tui.widgets.safe import safe_text
from tui.screens.detail import show_error
from tui.screens.dialogs import ChoiceDialog, TextDialog, WhyPrompt
from tui.screens.form_fields import from_text
from tui.screens.form_merge import diff_text
from tui.screens.form_parts import refusal


class FormSaving:
    """ctrl+s and what follows it; uses the form's ``kind``, ``rid``,
    ``slots``, ``digest``, ``opened_text`` and ``_check``."""

    def _changes(self):
        """({name: value}, problems) against what the form opened with."""
        changes, problems = {}, []
        for i, s in enumerate(self.slots):
            if s.widget is None:
                continue
            self._check(i, s)
            if s.error:
                problems.append((i, s))
                continue
            value, _ = from_text(s.name, s.f, s.text())
            if s.text() == s.start_text:
                continue
            if value == s.original and type(value) is type(s.original):
                continue
            changes[s.name] = codec.REMOVE if value is None else value
        return changes, problems

    def action_save(self) -> None:
        if self.app.read_only:
            self.app.notify(t("err.readonly"), severity="error", markup=False)
            return
        changes, problems = self._changes()
        if problems:
            self.app.notify(t("form.invalid", n=len(problems)), severity="error",
                            markup=False)
            problems[0][1].widget.focus()
            return
        if not changes:
            self.app.notify(t("form.nothing"), markup=False)
            self.app.pop_screen()
            return
        refused = self._refusal(changes)
        if refused:
            self.app.notify(safe_text(refused), severity="error", markup=False, timeout=8)
            return

        def answered(why):
            if why is not None:
                self._save(changes, why or None)
        self.app.push_screen(WhyPrompt(), answered)

    def _refusal(self, changes: dict) -> str | None:
        rec = self.app.index().records.get(self.rid) if self.rid else None
        return refusal(self.kind, rec, changes, self.app.today)

    def _save(self, changes: dict, why) -> None:
        app = self.app
        try:
            if self.rid:
                saved = app.ws.update(app.project, self.rid, changes, why=why,
                                      expect_digest=self.digest)
            else:
                fields = {k: v for k, v in changes.items() if v is not codec.REMOVE}
                # dated the day the app shows as today (the demo's too)
                fields.setdefault("created", app.today)
                saved = app.ws.create(app.project, self.kind, fields, why=why)
        except ConflictError as e:
            # merged field by field with the other change when possible
            from tui.screens.form_merge import try_merge
            try_merge(self, changes, why, lambda err=e: self._conflict(err))
            return
        except AccordError as e:
            show_error(app, e)
            return
        self._saving = True
        rid = saved.record.id if saved.record else self.rid
        app.record_changed(rid, saved.record)
        if self.rid:
            app.notify(t("form.saved", id=rid, commit=(saved.commit or "")[:8]),
                       markup=False)
            app.pop_screen()
        else:
            app.notify(t("form.created", id=rid, commit=(saved.commit or "")[:8]),
                       markup=False)
            for screen in app.screen_stack:  # the list below selects it
                if hasattr(screen, "select_rid"):
                    screen.select_rid = rid
            from tui.screens.detail import DetailScreen
            app.switch_screen(DetailScreen(rid))

    def _conflict_dialog(self, err) -> None:
        self._conflict(err or ConflictError(t("conflict.body"), current_text=None))

    def _conflict(self, err: ConflictError) -> None:
        app = self.app

        def answered(a):
            if a == "reload":
                self._saving = True
                app.record_changed(self.rid)
                app.switch_screen(type(self)(self.kind, self.rid))
            elif a == "diff":
                now = err.current_text
                if now is None:
                    try:
                        now = app.ws.record_path(app.project, self.rid).read_text("utf-8")
                    except OSError:
                        now = ""
                app.push_screen(TextDialog(t("diff.title"),
                                           diff_text(self.opened_text or "", now)),
                                lambda _: self._conflict(err))
        app.push_screen(ChoiceDialog(
            t("conflict.title", id=self.rid), t("conflict.body"),
            [("keep", t("conflict.keep"), "primary"),
             ("diff", t("conflict.diff"), "default"),
             ("reload", t("conflict.reload"), "warning")], default="keep"), answered)
