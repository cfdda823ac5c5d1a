"""The report screen, driven with Textual's pilot."""
from __future__ import annotations

import asyncio
import datetime as dt
import threading

from textual.widgets import Input, Markdown, Select, Static


def run(coro):
    return asyncio.run(coro)


async def settle(pilot):
    """Until the document asked for is built (in a worker) and shown."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _app(ws):
    from tui.app import make_app
    return make_app(ws, "crm", today=dt.date(2026, 11, 20), no_blink=True)


def test_preview_write_and_keep(reportws, tmp_path):
    ws, c = reportws
    from tui.screens.report import ReportScreen

    async def go():
        app = _app(ws)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ReportScreen(ws, "crm"))
            await settle(pilot)
            scr = app.screen
            assert isinstance(scr, ReportScreen)
            assert scr.doc["type"] == "progress"
            assert "需甲方配合事项" in scr.text
            # user text stays literal in the preview source
            assert "\\<script\\>" in scr.text and "\x1b" not in scr.text
            # minutes of a chosen meeting
            scr.query_one("#report-type", Select).value = "minutes"
            await settle(pilot)
            scr.query_one("#report-param", Input).value = "MTG-2"
            scr.action_build()
            await settle(pilot)
            assert scr.doc["type"] == "minutes" and scr.doc["meeting"] == "MTG-2"
            # a bad meeting id: one line, no crash
            scr.query_one("#report-param", Input).value = "MTG-99"
            scr.action_build()
            await settle(pilot)
            assert scr.doc is None
            assert "MTG-99" in str(scr.query_one("#report-status", Static).render())
            scr.query_one("#report-param", Input).value = "MTG-2"
            scr.action_build()
            await settle(pilot)
            out = tmp_path / "minutes.md"
            scr.query_one("#report-path", Input).value = str(out)
            scr.action_write()
            await settle(pilot)
            assert out.read_text("utf-8") == scr.text
            html = tmp_path / "minutes.html"
            scr.query_one("#report-path", Input).value = str(html)
            scr.action_write()
            assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
            scr.action_keep()
            await settle(pilot)
            md = scr.query_one("#report-md", Markdown)
            assert md is not None
        return True

    assert run(go())
    rec = ws.read("crm", "RPT-1")
    assert rec.status == "sent" and rec.data["type"] == "minutes"
    assert rec.data["body"].startswith("# 零售 CRM 项目 周例会纪要")
    assert rec.data["sent_on"] == dt.date(2026, 11, 20)


def test_snapshot(reportws, snap_compare, monkeypatch):
    ws, c = reportws
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent/config")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    from tui.screens.report import ReportScreen
    app = _app(ws)

    async def open_reports(pilot):
        # a fixed folder: the box shows the full path, which must not
        # depend on where the test runs
        app.push_screen(ReportScreen(ws, "crm", folder="/home/pm/零售CRM/reports"))
        await settle(pilot)

    assert snap_compare(app, run_before=open_reports, terminal_size=(110, 36))


def test_suggested_file_name_follows_the_document(reportws):
    ws, c = reportws
    from tui.screens.report import ReportScreen

    async def go():
        app = _app(ws)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ReportScreen(ws, "crm"))
            await settle(pilot)
            scr = app.screen
            path = scr.query_one("#report-path", Input)
            # the full path in the workspace's reports folder, dated the day
            # of writing (the conftest fixes it), not the app's "today"
            reports = ws.root / "reports"
            assert path.value == str(reports / "progress-2026-11-20.md")
            scr.query_one("#report-type", Select).value = "summary"
            await settle(pilot)
            assert scr.doc["type"] == "summary"
            assert path.value == str(reports / "summary-2026-11-20.md")
            path.value = "给甲方的周报.md"             # the user's own name stays
            scr.query_one("#report-type", Select).value = "final"
            await settle(pilot)
            assert scr.doc["type"] == "final" and path.value == "给甲方的周报.md"
    run(go())


def test_suggested_name_is_dated_the_day_of_writing(reportws):
    """The demo freezes the app's "today"; a file written now is named by
    the day it is written (the conftest fixes it at 2026-11-20)."""
    ws, c = reportws
    from tui.app import make_app
    from tui.screens.report import ReportScreen

    async def go():
        app = make_app(ws, "crm", today=dt.date(2026, 11, 27), no_blink=True)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ReportScreen(ws, "crm"))
            await settle(pilot)
            return app.screen.query_one("#report-path", Input).value
    assert run(go()) == str(ws.root / "reports" / "progress-2026-11-20.md")


def _status(scr) -> str:
    return str(scr.query_one("#report-status", Static).render())


def test_desktop_writes_into_the_shown_folder_and_asks_before_replacing(reportws):
    ws, c = reportws
    from tui.screens.dialogs import ChoiceDialog
    from tui.screens.report import ReportScreen
    target = ws.root / "reports" / "progress-2026-11-20.md"

    async def go():
        app = _app(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ReportScreen(ws, "crm"))
            await settle(pilot)
            scr = app.screen
            assert not target.parent.exists()
            await pilot.press("ctrl+s")          # the folder is made, the file written
            await settle(pilot)
            assert target.read_text("utf-8") == scr.text
            assert str(target) in _status(scr)
            target.write_text("我的修改", encoding="utf-8")
            await pilot.press("ctrl+s")          # exists: asked, the default keeps it
            await settle(pilot)
            assert isinstance(app.screen, ChoiceDialog)
            body = app.screen.query_one(".dbody", Static).content  # what it shows
            assert str(target) in getattr(body, "plain", str(body))
            await pilot.press("enter")
            await settle(pilot)
            assert app.screen is scr
            assert target.read_text("utf-8") == "我的修改"
            assert "未写入" in _status(scr)
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.press("escape")          # escape keeps it too
            await settle(pilot)
            assert target.read_text("utf-8") == "我的修改"
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.click("#b-replace")
            await settle(pilot)
            assert target.read_text("utf-8") == scr.text
            # a bare name goes into the reports folder, not the launch folder
            scr.query_one("#report-path", Input).value = "给甲方的周报.md"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert (target.parent / "给甲方的周报.md").read_text("utf-8") == scr.text
            # a Word file by its suffix
            scr.query_one("#report-path", Input).value = "给甲方的周报.docx"
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert (target.parent / "给甲方的周报.docx").read_bytes()[:2] == b"PK"
    run(go())


def test_desktop_never_writes_a_report_over_a_record(reportws):
    ws, c = reportws
    from tui.screens.report import ReportScreen
    rec = next(iter(ws.load("crm").records.values()))
    before = rec.path.read_bytes()

    async def go():
        app = _app(ws)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ReportScreen(ws, "crm"))
            await settle(pilot)
            scr = app.screen
            for path in (str(rec.path), str(ws.root / "accord.toml"),
                         str(ws.root / ".git" / "HEAD")):
                scr.query_one("#report-path", Input).value = path
                await pilot.press("ctrl+s")
                await settle(pilot)
                if app.screen is not scr:        # asked to replace: say yes
                    await pilot.click("#b-replace")
                    await settle(pilot)
                line = _status(scr)
                assert "own files" in line and "\n" not in line.strip()
    run(go())
    assert rec.path.read_bytes() == before


def test_buttons_fit_at_80_columns(reportws):
    """At 80x24 every button shows its whole label (存为已发送 was cut)."""
    ws, c = reportws
    from rich.cells import cell_len
    from textual.widgets import Button

    from tui.screens.report import ReportScreen

    async def go():
        app = _app(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            app.push_screen(ReportScreen(ws, "crm"))
            await settle(pilot)
            buttons = list(app.screen.query(Button))
            assert len(buttons) == 3
            for b in buttons:
                label = str(b.label)
                assert b.region.right <= 80, label
                assert b.content_region.width >= cell_len(label), label
    run(go())


# --- building in a worker, with a bar --------------------------------------------

async def _until(pilot, cond, timeout: float = 20.0) -> bool:
    for _ in range(int(timeout / 0.05)):
        if cond():
            return True
        await pilot.pause(0.05)
    return cond()


def _held_at(stage: str, nth: int = 1):
    """A progress that holds the build at the ``nth`` call told ``stage``
    until the test lets it go (``gate.set()``); ``heard`` lists the calls."""
    gate = threading.Event()
    heard: list = []

    def progress(s, done, total):
        heard.append((s, done, total))
        if s == stage and sum(1 for h in heard if h[0] == stage) == nth:
            gate.wait(20)
    return progress, gate, heard


def test_the_screen_answers_keys_while_a_document_is_built(reportws):
    ws, c = reportws
    from tui.screens.report import ReportScreen
    from tui.widgets.work_progress import WorkProgress
    progress, gate, heard = _held_at("reading-history")

    async def go():
        app = _app(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            try:
                app.push_screen(ReportScreen(ws, "crm", progress=progress))
                assert await _until(pilot, lambda: ("reading-history", 0, None) in heard)
                scr = app.screen
                bar = scr.query_one(WorkProgress)
                assert await _until(pilot, lambda: bar.stage == "读取历史")
                assert scr.building and scr.doc is None
                # the keys work while the history is read
                scr.query_one("#report-param", Input).focus()
                await pilot.press("2", "0", "2", "6")
                assert scr.query_one("#report-param", Input).value == "2026"
                assert "读取历史" in _screen_text(app)
            finally:
                gate.set()
            assert await _until(pilot, lambda: scr.doc is not None)
            assert not bar.busy and not scr.building
            assert [h[0] for h in heard][-1] == "writing"
    run(go())


def _screen_text(app) -> str:
    return "\n".join(s.text for s in app.screen._compositor.render_strips())


def test_snapshot_while_building_80x24(reportws, snap_compare, monkeypatch):
    """The bar under the status line while the records are read (the
    fifth telling of a first load), at 80x24 with Chinese around it."""
    ws, c = reportws
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent/config")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    from store import cache
    from tui.screens.report import ReportScreen
    from tui.widgets.work_progress import WorkProgress
    cache.clear(ws)
    progress, gate, heard = _held_at("reading-records", nth=5)
    app = _app(ws)

    async def building(pilot):
        app.push_screen(ReportScreen(ws, "crm", folder="/home/pm/零售CRM/reports",
                                     progress=progress))
        assert await _until(pilot, lambda: len(heard) >= 5)
        bar = app.screen.query_one(WorkProgress)
        assert await _until(pilot, lambda: bar.shown == heard[4])
        await pilot.pause()
    try:
        assert snap_compare(app, run_before=building, terminal_size=(80, 24))
    finally:
        gate.set()


def test_a_build_asked_for_meanwhile_wins_over_the_one_running(reportws):
    ws, c = reportws
    from tui.screens.report import ReportScreen
    from tui.widgets.work_progress import WorkProgress
    progress, gate, heard = _held_at("reading-history")

    async def go():
        app = _app(ws)
        async with app.run_test(size=(80, 24)) as pilot:
            try:
                app.push_screen(ReportScreen(ws, "crm", progress=progress))
                assert await _until(pilot, lambda: ("reading-history", 0, None) in heard)
                scr = app.screen
                scr.query_one("#report-type", Select).value = "requirements"
                assert await _until(pilot, lambda: scr.doc is not None)
                assert scr.doc["type"] == "requirements"
            finally:
                gate.set()  # the progress report, held until now, ends unseen
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert scr.doc["type"] == "requirements" and "需求规格说明书" in scr.text
            assert not scr.query_one(WorkProgress).busy
    run(go())
