"""The form's answer to "changed on disk while you edited": merge my fields
with the other change (store/team/edit_merge.py) and save; ask only about
fields both changed -- keep mine or take theirs -- else fall back to the
usual keep editing / difference / reload dialog (``diff_text``: the
difference shown)."""
from __future__ import annotations

import difflib

from rich.text import Text

from store.team.edit_merge import merge_edit, save_merged
from store.errors import AccordError, ConflictError

from tui.i18n import t
from tui.widgets.common import plain_value
from tui.widgets.safe import safe_text
from tui.screens.detail import show_error
from tui.screens.dialogs import ChoiceDialog


def try_merge(form, changes: dict, why, fallback) -> None:
    """Merge ``changes`` with the file as it is now; ``fallback()`` shows
    the old dialog when merging is not possible (file gone, unreadable)."""
    app = form.app
    if not form.rid or form.opened_text is None:
        fallback()
        return
    try:
        got = merge_edit(app.ws, app.project, form.rid, form.opened_text, changes)
    except AccordError:
        got = None
    if got is None or any(c.type != "field" for c in got[0].conflicts):
        fallback()
        return
    result, digest = got
    if result.clean:
        _save(form, result, digest, why, [])
        return
    names = [c.field for c in result.conflicts]
    lines = "\n".join(
        f"{_label(form, c.field)}: {t('merge.mine')} {safe_text(plain_value(c.mine))}"
        f" | {t('merge.theirs')} {safe_text(plain_value(c.theirs))}"
        for c in result.conflicts)

    def answered(a):
        if a == "mine":
            _save(form, result, digest, why, names)
        elif a == "theirs":
            again = merge_edit(app.ws, app.project, form.rid, form.opened_text,
                               changes, theirs_wins=names)
            if again is None or again[0].conflicts:
                fallback()
            else:
                _save(form, again[0], again[1], why, [])
        elif a == "other":
            fallback()
    app.push_screen(ChoiceDialog(
        t("merge.title", id=form.rid), t("merge.body", fields=lines),
        [("mine", t("merge.use_mine"), "primary"), ("theirs", t("merge.use_theirs"), "default"),
         ("other", t("merge.other"), "default")], default="mine"), answered)


def _label(form, name: str) -> str:
    f = form.kind.field(name)
    return f.label(form.app.lang) if f is not None else name


def _save(form, result, digest, why, kept_mine) -> None:
    app = form.app
    try:
        saved = save_merged(app.ws, app.project, form.rid, result, digest, why)
    except ConflictError:
        app.record_changed(form.rid)
        form._conflict_dialog(None)
        return
    except AccordError as e:
        show_error(app, e)
        return
    form._saving = True
    app.record_changed(form.rid, saved.record)
    app.notify(t("merge.done", id=form.rid, commit=(saved.commit or "")[:8]),
               markup=False)
    app.pop_screen()


def diff_text(a: str, b: str) -> Text:
    out = Text()
    lines = list(difflib.unified_diff(a.splitlines(), b.splitlines(), t("diff.opened"),
                                      t("diff.on_disk"), lineterm="", n=2))
    if not lines:
        out.append(t("diff.none"), style="bright_black")
    for ln in lines:
        style = ("green" if ln.startswith("+") else "red" if ln.startswith("-")
                 else "cyan" if ln.startswith("@@") else "")
        out.append(safe_text(ln) + "\n", style=style)
    return out
