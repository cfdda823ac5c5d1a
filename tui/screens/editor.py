"""Editing a record's whole file in $VISUAL/$EDITOR: a copy in a temporary
folder, the app suspended while the editor runs, the text checked, a "why"
asked, then one save; a bad or unsaved edit offers to edit again.  Apart
from detail.py because it is a flow of its own (the list's key opens it too).
"""
from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from rich.text import Text

from store.errors import AccordError, ValidationFailed

from tui.i18n import error_text, t
from tui.widgets.safe import safe_text
from tui.screens.detail import show_error
from tui.screens.dialogs import ChoiceDialog, WhyPrompt


def editor_command() -> list[str]:
    cmd = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    try:
        return shlex.split(cmd)
    except ValueError:
        return [cmd]


def _run_editor(app, path: Path) -> str | None:
    """Run the editor on ``path``; None when it ran, else the problem."""
    from textual.app import SuspendNotSupported
    cmd = editor_command() + [str(path)]

    def run():
        try:
            subprocess.run(cmd, check=False)
        except OSError as e:
            return t("editor.cannot", cmd=" ".join(cmd[:-1]), err=e.strerror or str(e))
        return None
    try:
        with app.suspend():
            return run()
    except SuspendNotSupported:  # headless (tests): nothing to hand over
        return run()


def edit_in_editor(app, rid: str) -> None:
    if app.read_only:
        app.notify(t("err.readonly"), severity="error", markup=False)
        return
    _editor_flow(app, rid)


def _editor_worker(app, rid: str):
    async def flow():
        try:
            rec = app.ws.read(app.project, rid)
        except AccordError as e:
            show_error(app, e)
            return
        original = rec.path.read_text("utf-8")
        tmpdir = Path(tempfile.mkdtemp(prefix="accord-edit-"))
        path = tmpdir / f"{rid}.toml"
        path.write_text(original, "utf-8")
        try:
            while True:
                problem = _run_editor(app, path)
                if problem:
                    app.notify(safe_text(problem), severity="error", markup=False)
                    return
                text = path.read_text("utf-8", errors="replace")
                if text == original:
                    app.notify(t("editor.none_changed", id=rid), markup=False)
                    return
                try:
                    from store.model import codec
                    from store.model.records import validate_record
                    try:
                        problems = validate_record(rec.kind, codec.parse(text))
                    except codec.TOMLDecodeError as e:
                        problems = [codec.problem_of(e)]
                    if problems:
                        raise ValidationFailed(code="record-invalid", what=rid,
                                               problem=problems[0], problems=problems)
                    why = await app.push_screen_wait(
                        WhyPrompt(t("why.hint_editor")))
                    if why is None:  # escape: save nothing, as the hint says
                        if await _again(app, rid, t("editor.not_saved", id=rid),
                                        t("editor.not_saved_body")):
                            continue
                        return
                    saved = app.ws.save_text(app.project, rid, text, why=why or None,
                                             expect_digest=rec.digest)
                except ValidationFailed as e:
                    body = Text("\n".join(safe_text(error_text(p))
                                          for p in (e.problems or [e])))
                    if await _again(app, rid, t("editor.failed", id=rid), body):
                        continue
                    return
                except AccordError as e:
                    show_error(app, e)
                    return
                app.record_changed(rid, saved.record)
                if saved.commit:
                    app.notify(t("form.saved", id=rid, commit=saved.commit[:8]),
                               markup=False)
                app.refresh_screen()
                return
        finally:
            try:
                path.unlink(missing_ok=True)
                tmpdir.rmdir()
            except OSError:
                pass
    return flow


async def _again(app, rid: str, title, body) -> bool:
    """Ask whether to edit ``rid`` again (True) or discard the edit (False,
    said in a notice): after an escape at the why prompt, or a file the
    record's rules refuse."""
    answer = await app.push_screen_wait(ChoiceDialog(
        title, body, [("again", t("editor.again"), "primary"),
                      ("discard", t("editor.discard"), "default")],
        default="again"))
    if answer == "again":
        return True
    app.notify(t("editor.discarded", id=rid), markup=False)
    return False


def _editor_flow(app, rid: str) -> None:
    app.run_worker(_editor_worker(app, rid)(), exclusive=True, group="editor")
