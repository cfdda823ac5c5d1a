"""The report screen, driven with Textual's pilot."""
from __future__ import annotations

import asyncio
import datetime as dt

from textual.widgets import Input, Markdown, Select, Static


def run(coro):
    return asyncio.run(coro)


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
            await pilot.pause()
            scr = app.screen
            assert isinstance(scr, ReportScreen)
            assert scr.doc["type"] == "progress"
            assert "需甲方配合事项" in scr.text
            # user text stays literal in the preview source
            assert "\\<script\\>" in scr.text and "\x1b" not in scr.text
            # minutes of a chosen meeting
            scr.query_one("#report-type", Select).value = "minutes"
            await pilot.pause()
            scr.query_one("#report-param", Input).value = "MTG-2"
            scr.action_build()
            await pilot.pause()
            assert scr.doc["type"] == "minutes" and scr.doc["meeting"] == "MTG-2"
            # a bad meeting id: one line, no crash
            scr.query_one("#report-param", Input).value = "MTG-99"
            scr.action_build()
            await pilot.pause()
            assert scr.doc is None
            assert "MTG-99" in str(scr.query_one("#report-status", Static).render())
            scr.query_one("#report-param", Input).value = "MTG-2"
            scr.action_build()
            await pilot.pause()
            out = tmp_path / "minutes.md"
            scr.query_one("#report-path", Input).value = str(out)
            scr.action_write()
            await pilot.pause()
            assert out.read_text("utf-8") == scr.text
            html = tmp_path / "minutes.html"
            scr.query_one("#report-path", Input).value = str(html)
            scr.action_write()
            assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
            scr.action_keep()
            await pilot.pause()
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
        app.push_screen(ReportScreen(ws, "crm"))
        await pilot.pause()

    assert snap_compare(app, run_before=open_reports, terminal_size=(110, 36))


def test_suggested_file_name_follows_the_document(reportws):
    ws, c = reportws
    from tui.screens.report import ReportScreen

    async def go():
        app = _app(ws)
        async with app.run_test(size=(120, 40)) as pilot:
            app.push_screen(ReportScreen(ws, "crm"))
            await pilot.pause()
            scr = app.screen
            path = scr.query_one("#report-path", Input)
            assert path.value == "progress-2026-11-20.md"
            scr.query_one("#report-type", Select).value = "summary"
            await pilot.pause()
            assert scr.doc["type"] == "summary" and path.value == "summary-2026-11-20.md"
            path.value = "给甲方的周报.md"             # the user's own name stays
            scr.query_one("#report-type", Select).value = "final"
            await pilot.pause()
            assert scr.doc["type"] == "final" and path.value == "给甲方的周报.md"
    run(go())
