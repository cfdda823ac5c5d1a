"""The whole app in Chinese: every screen and dialog of the sample project is
opened in zh and the text on screen (the picture Textual exports, toasts
included) may hold no ASCII word but user data, key names, record ids, file
names and the few words allowed below.  A leak is reported with its screen
and line."""
from __future__ import annotations

import html
import os
import re
import subprocess

import pytest

from store.model import codec
from store.model.schema import KINDS, VALUE_WORDS

from pilot_helpers import aio, palette_results, until

WORD = re.compile(r"[A-Za-z]{2,}")
PREFIXES = {k.prefix for k in KINDS.values()}
_TEXT = re.compile(r'<text[^>]*?\bx="([\d.]+)"[^>]*?textLength="([\d.]+)"[^>]*?-line-(\d+)\)"'
                   r'[^>]*>(.*?)</text>', re.S)

# key names as the key bar, the help screen and the hints show them
KEYS = {"ctrl", "shift", "alt", "esc", "escape", "tab", "enter", "space", "up", "down",
        "left", "right", "home", "end", "pgup", "pgdn", "backspace", "delete", "del",
        "ins", "insert", "pageup", "pagedown", "question", "mark", "slash",
        "left_square_bracket", "right_square_bracket", "square", "bracket"}
ALLOWED = {
    "Accord",                  # the product's name (title bar, help)
    "TOML", "JSON", "CSV", "HTML", "Markdown", "Word", "Excel", "UTF", "SVG", "PNG",
    "xlsx", "csv", "md", "html", "docx", "json", "toml",  # formats by their names
    "git",                     # the tool the history lives in, named as such
    "YYYY", "MM", "DD", "HH",  # the date and time formats the fields take
    "EDITOR",                  # the environment variable $EDITOR, named as such
    "keymap", "config",        # the config file's table and file name
}


def _lines(svg: str) -> list[str]:
    """The screen's lines from the exported picture: each piece of text at
    its column (the picture leaves out runs of blanks)."""
    from rich.cells import cell_len
    rows: dict[int, list[tuple[int, str]]] = {}
    cell = None
    for x, width, line, text in _TEXT.findall(svg):
        text = html.unescape(text).replace("\xa0", " ")
        if cell is None and cell_len(text):
            cell = float(width) / cell_len(text)
        rows.setdefault(int(line), []).append((float(x), text))
    out = []
    for _, pieces in sorted(rows.items()):
        line = ""
        for x, text in sorted(pieces):
            col = round(x / cell) if cell else len(line)
            line = line + " " * max(0, col - cell_len(line)) + text
        out.append(line)
    return out


def _strings(value, out: set) -> None:
    if isinstance(value, str):
        if value not in VALUE_WORDS:  # a stored status or choice is shown as a word
            out.update(WORD.findall(value))
    elif isinstance(value, dict):
        for v in value.values():
            _strings(v, out)
    elif isinstance(value, list):
        for v in value:
            _strings(v, out)


def user_words(root) -> set[str]:
    """ASCII words the users wrote: record and project values, the whys and
    authors of the history (the demo's commits)."""
    out: set[str] = set()
    for path in (root / "projects").rglob("*.toml"):
        _strings(codec.parse(path.read_text("utf-8")), out)
    _strings(codec.parse((root / "accord.toml").read_text("utf-8")), out)
    log = subprocess.run(["git", "log", "--format=%an%n%b"], cwd=root,
                         capture_output=True, text=True).stdout
    for line in log.splitlines():  # the authors and the whys, not Accord's own lines
        if line.startswith("Why: ") or not re.match(r"[\w.-]+: ", line):
            out.update(WORD.findall(line))
    return out


def leaks(lines: list[str], allowed: set[str]) -> list[str]:
    found = []
    for line in lines:
        if re.search(r"[│ ][-+ ]\s?[a-z_]+ = ", line):
            continue  # the difference dialog shows the file itself: its keys and values
        line = line.replace("last-meeting", "")  # a word the period field takes as typed
        # a project.toml key the text points the user to ("project.toml 的 background 字段",
        # "在 project.toml 中填写 background 字段")
        line = re.sub(r"project\.toml 的 [a-z_]+|project\.toml 中填写 [a-z_]+", "", line)
        for token in line.split():
            if "/" in token or re.search(r"\.[a-z]{2,4}\b", token):
                continue  # a path or a file name
            if re.fullmatch(r"[a-z]+\.[a-z_0-9]+", token):
                continue  # a binding id, as the [keymap] table takes it (help lists them)
            token = re.sub(r"\b[A-Z]{2,4}-\d+\b", "", token)  # record ids
            token = re.sub(r"\b[0-9a-f]{7,40}\b", "", token)  # commit ids
            if token in PREFIXES:
                continue  # a kind's id prefix (the dashboard's column of kinds)
            # a document number: the project's code, the document's, its period
            token = re.sub(r"\b[A-Z]+(-[A-Z0-9]+)+\b", "", token)
            for w in WORD.findall(token):
                if w not in allowed and w.lower() not in KEYS:
                    found.append(f"{w!r} in {line.strip()!r}")
    return found


@aio
async def test_every_screen_in_chinese_has_no_english_word(app_for, demo_root):
    from textual.widgets import Input

    from store.errors import AccordError
    from tui.screens.detail import show_error
    from tui.screens.importer import open_import
    from tui.screens.project_history import open_project_history
    from tui.screens.report import TYPES

    typed = {"qqxz"}  # what the test types into the palette: user input
    allowed = ALLOWED | typed | user_words(demo_root)
    app = app_for()
    problems: dict[str, list[str]] = {}
    # toasts are not in the exported picture: what the app says through
    # notify() is read on the way (title and message)
    told: list[str] = []
    shown = app.notify

    def notify(message, *a, **kw):
        told.append(f"{kw.get('title') or ''} {message}")
        return shown(message, *a, **kw)
    app.notify = notify
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.lang == "zh"

        async def look(name: str, settle: float = 0.2):
            await pilot.pause(settle)
            lines = _lines(app.export_screenshot()) + told
            told.clear()
            if os.environ.get("ZH_SCREENS_SHOW"):
                print(f"=== {name}", *lines, sep="\n")
            found = leaks(lines, allowed)
            if found:
                problems[name] = found

        async def on_top(selector: str):
            """Wait until the screen on top shows ``selector`` (a dialog is
            composed a few frames after it is pushed)."""
            for _ in range(200):
                if app.screen.query(selector):
                    return app.screen.query_one(selector)
                await pilot.pause(0.02)
            raise AssertionError(f"{selector} never shown on {app.screen!r}")

        async def back_to_dashboard():
            app.clear_notifications()
            while len(app.screen_stack) > 2:
                app.pop_screen()
            await pilot.pause()

        async def key(name: str, *keys: str, settle: float = 0.2):
            for k in keys:
                await pilot.press(k)
            await look(name, settle)
            await pilot.press("escape")
            await pilot.pause()

        await look("dashboard", 0.5)
        index = app.index()
        first = {}
        for rid, rec in sorted(index.records.items()):
            first.setdefault(rec.kind.name, rid)
        for k in KINDS.values():
            app.open_list(k)
            await look(f"list {k.name}")
            await back_to_dashboard()
            app.open_form(k)
            await look(f"new {k.name}")
            await back_to_dashboard()
            rid = first.get(k.name)
            if rid:
                app.open_record(rid)
                await look(f"detail {rid}")
                await back_to_dashboard()
        # the dialogs of a requirement and of a meeting
        req, mtg = first["requirement"], first["meeting"]
        app.open_record(req)
        await pilot.pause()
        for name, keys in [("move", "m"), ("sign-off", "c"), ("delete", "D"),
                           ("new linked", "n"), ("links", "o")]:
            await key(f"{name} {req}", *keys)
        await pilot.press("h")
        await look(f"history {req}", 0.5)
        await pilot.press("d")
        await look(f"history diff {req}", 0.3)
        await back_to_dashboard()
        app.open_record(mtg)
        await pilot.pause()
        for name, keys in [("add decision", "d"), ("add action", "a")]:
            await key(f"{name} {mtg}", *keys)
        await back_to_dashboard()
        app.open_form(KINDS["requirement"], req)
        await pilot.pause()
        await look(f"edit {req}")
        await key("pick a record", "ctrl+o")
        await key("jump to a field", "f2")
        await key("help in a form", "f1")
        await back_to_dashboard()
        # changed on disk while editing: the why, the merge, the conflict, the diff
        app.open_record("REQ-3")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("甲")
        app.ws.update(app.project, "REQ-3", {"title": "另一位同事改的标题"})
        await pilot.press("ctrl+s")
        await look("why prompt")
        await pilot.press("enter")
        await look("merge dialog")
        (await on_top("#b-other")).press()
        await look("conflict dialog")
        (await on_top("#b-diff")).press()
        await look("difference")
        await back_to_dashboard()
        await key("help", "question_mark")
        await key("undo", "z")  # the change just made on disk is the user's own
        # a refusal from the store, shown as the app shows it
        with pytest.raises(AccordError) as refused:  # REQ-4: changed since sign-off
            app.ws.move(app.project, "REQ-4", "delivered")
        show_error(app, refused.value)
        assert "按 c 记录签认" in told[-1]
        await look("a refused move")
        app.clear_notifications()
        open_project_history(app)
        await look("project history", 1.0)
        await pilot.press("enter")
        await look("a commit of the project history", 0.5)
        await back_to_dashboard()
        for kind in TYPES:
            app.open_report(kind)
            await look(f"report {kind}", 0.5)
            await back_to_dashboard()
        open_import(app)
        await look("import")
        await back_to_dashboard()
        app.open_project_form()
        await look("project form")
        await back_to_dashboard()
        app.open_project_form(True)
        await look("new project form")
        await back_to_dashboard()
        app.open_resolve()
        await look("resolve")
        await back_to_dashboard()
        # the command palette: empty, then a search that finds nothing
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one(Input).cursor_blink = False
        await look("palette")
        for ch in "qqxz":
            await pilot.press(ch)
        await palette_results(pilot)
        assert await until(pilot, lambda: "没有找到匹配项" in "".join(
            _lines(app.export_screenshot())))
        await look("palette, no match")
        await pilot.press("escape")
        await pilot.press("ctrl+c")
        await look("ctrl+c")
    assert not problems, "\n".join(f"{k}: {v}" for k, v in problems.items())
