"""Opening fast: a large project is read in a thread after the first screen
is up (the dashboard says so, then fills in with exactly what a synchronous
open shows); sign-off states are computed once per record content; the
dashboard's figures once per index version."""
from __future__ import annotations

import asyncio

import store.model.records as records
import tui.app as tui_app
from tui.screens.dashboard import DashboardScreen


def _lines(app):
    ol = app.screen.query_one("#dash")
    return [str(ol.get_option_at_index(i).prompt) for i in range(ol.option_count)]


def _dashboard(make, background: bool, monkeypatch):
    monkeypatch.setattr(tui_app, "BACKGROUND_LOAD_AT", -1 if background else 10**9)
    seen = {}

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            seen["loaded_at_start"] = not app.loading()
            for _ in range(200):
                if not app.loading():
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            seen["lines"] = _lines(app)
            seen["records"] = sorted(app.index().records)
    asyncio.run(body())
    return seen


def test_background_load_shows_what_a_synchronous_open_shows(make, monkeypatch):
    sync = _dashboard(make, False, monkeypatch)
    assert sync["loaded_at_start"]
    bg = _dashboard(make, True, monkeypatch)
    assert bg["lines"] == sync["lines"]
    assert bg["records"] == sync["records"] == ["ACT-1", "FB-1", "REQ-1", "REQ-2"]


def test_index_waits_for_a_load_under_way(small, make, monkeypatch):
    monkeypatch.setattr(tui_app, "BACKGROUND_LOAD_AT", -1)

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            app.reload()                            # what the first screen read: gone
            assert app.load_in_background("demo")
            assert not app.load_in_background("demo")  # not started twice
            assert app.loading("demo")
            idx = app.index("demo")
            assert sorted(idx.records) == sorted(small.load("demo").records)
            assert not app.loading("demo")
    asyncio.run(body())


def test_dashboard_shows_loading_then_fills_in(make, monkeypatch):
    monkeypatch.setattr(tui_app, "BACKGROUND_LOAD_AT", -1)
    gate = __import__("threading").Event()
    real = tui_app.Workspace.load

    def slow_load(self, *a, **kw):
        gate.wait(10)
        return real(self, *a, **kw)
    monkeypatch.setattr(tui_app.Workspace, "load", slow_load)

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.loading()
            text = "\n".join(_lines(app))
            assert "正在读取记录" in text
            await pilot.press("j", "k")  # the screen answers keys meanwhile
            gate.set()
            for _ in range(200):
                if not app.loading():
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            text = "\n".join(_lines(app))
            assert "正在读取记录" not in text and "REQ-2" in text
    asyncio.run(body())


def test_a_background_read_shows_its_progress_on_the_dashboard(make, monkeypatch):
    """A large project's first read tells how far it is on a bar above the
    dashboard (store.progress_note's stages, in the UI's words); the bar
    goes when the records are in."""
    from store import progress_note
    from tui.widgets.work_progress import WorkProgress
    monkeypatch.setattr(tui_app, "BACKGROUND_LOAD_AT", -1)
    gate = __import__("threading").Event()
    real = tui_app.Workspace.load

    def held_load(self, *a, **kw):
        progress_note.current()(progress_note.READING_RECORDS, 3, 12)
        gate.wait(10)
        return real(self, *a, **kw)
    monkeypatch.setattr(tui_app.Workspace, "load", held_load)

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            bar = app.screen.query_one("#load-progress", WorkProgress)
            for _ in range(200):
                if bar.busy:
                    break
                await pilot.pause(0.02)
            assert bar.busy and bar.shown == (progress_note.READING_RECORDS, 3, 12)
            assert bar.stage == "读取记录"  # the app is in Chinese
            gate.set()
            for _ in range(200):
                if not app.loading() and not bar.busy:
                    break
                await pilot.pause(0.02)
            assert not bar.busy and "REQ-2" in "\n".join(_lines(app))
    asyncio.run(body())


def test_signoff_once_per_record_content(small, make, monkeypatch):
    small.confirm("demo", "REQ-2", by="王总", via="email")
    calls = []
    real = records.fingerprint

    def counting(kind, data):
        calls.append(1)
        return real(kind, data)
    monkeypatch.setattr(records, "fingerprint", counting)

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            first = len(calls)
            assert first >= 1
            for rec in app.index().records.values():
                assert app.signoff(rec) == records.signoff_state(rec.kind, rec.data)
            n = len(calls)
            app.screen.refresh_data()          # same index version: no work
            app.open_list(None)                # the list's sign-off column
            await pilot.pause()
            assert len(calls) == n
            app.reload()                       # re-read, same files
            app.pop_screen()
            await pilot.pause()
            assert len(calls) == n
    asyncio.run(body())


def test_dashboard_figures_once_per_index_version(make, monkeypatch):
    import tui.screens.dashboard as dash
    calls = []
    real = dash.attention

    def counting(*a, **kw):
        calls.append(1)
        return real(*a, **kw)
    monkeypatch.setattr(dash, "attention", counting)

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert len(calls) == 1          # mount and first resume: once
            app.open_list(None)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
            assert len(calls) == 1          # back on the dashboard: kept
            app.record_changed("REQ-1")
            app.screen.refresh_data()
            assert len(calls) == 2          # a change: computed again
    asyncio.run(body())


# --- kept dashboard figures (store.snapshot) -----------------------------------

def test_project_stamp_sees_every_change(small, monkeypatch):
    import os

    from store import snapshot
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    ws = small
    s0 = snapshot.project_stamp(ws, "demo")
    assert s0 and s0 == snapshot.project_stamp(ws, "demo")
    path = ws.project_dir("demo") / "requirements" / "REQ-1.toml"
    st = os.stat(path)
    # same mtime, and the ctime moves: touched until the file system's clock
    # (coarser than a nanosecond) has passed the ctime it had
    while os.stat(path).st_ctime_ns == st.st_ctime_ns:
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    s1 = snapshot.project_stamp(ws, "demo")
    assert s1 != s0
    (ws.project_dir("demo") / "requirements" / "REQ-9.toml").write_text('title = "x"\n')
    s2 = snapshot.project_stamp(ws, "demo")
    assert s2 not in (s0, s1)
    (ws.project_dir("demo") / "requirements" / "REQ-9.toml").unlink()
    assert snapshot.project_stamp(ws, "demo") not in (s0, s2)
    pt = ws.project_dir("demo") / "project.toml"
    before = snapshot.project_stamp(ws, "demo")
    pt.write_text(pt.read_text("utf-8") + "\n", "utf-8")
    assert snapshot.project_stamp(ws, "demo") != before
    monkeypatch.setattr("store.locations.RACY_NS", 10**12)  # every file "just changed"
    assert snapshot.project_stamp(ws, "demo") is None
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    assert snapshot.project_stamp(ws, "demo") is None


def test_snapshot_read_write(small, monkeypatch):
    from store import cache, snapshot
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    stamp = snapshot.project_stamp(small, "demo")
    snapshot.write(small, "demo", "t", stamp, ("k", 1), {"v": [1, 2]})
    assert snapshot.read(small, "demo", "t", stamp, ("k", 1)) == {"v": [1, 2]}
    assert snapshot.read(small, "demo", "t", stamp, ("k", 2)) is None
    assert snapshot.read(small, "demo", "t", "other", ("k", 1)) is None
    assert snapshot.read(small, "demo", "t", None, ("k", 1)) is None
    path = cache.cache_dir(small, "demo") / "t.snapshot"
    path.write_bytes(b"not a pickle")
    assert snapshot.read(small, "demo", "t", stamp, ("k", 1)) is None
    snapshot.write(small, "demo", "t", None, ("k", 1), 1)  # no stamp: nothing
    assert path.read_bytes() == b"not a pickle"


def test_kept_figures_show_before_the_records_are_read(small, make, monkeypatch):
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    monkeypatch.setattr(tui_app, "BACKGROUND_LOAD_AT", -1)
    monkeypatch.setattr(tui_app, "PREFETCH_AFTER", 600)  # not during the test
    small.confirm("demo", "REQ-2", by="王总", via="email")
    seen = []

    async def run(expect_early):
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert (app.session.early.get("demo") is not None) == expect_early
            if expect_early:
                assert not app.indexed()
            for _ in range(200):
                if not app.loading():
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            seen.append(_lines(app))
            if expect_early:
                await pilot.press("1")          # a list waits for the records
                await pilot.pause()
                assert app.indexed() and len(app.screen.shown) == 2
    asyncio.run(run(False))      # computed from the records, kept
    asyncio.run(run(True))       # shown from what was kept
    assert seen[1] == seen[0]
    small.update("demo", "ACT-1", {"owner": "李雷"})  # a file changed: not kept
    asyncio.run(run(False))


def test_dashboard_lines_rebuilt_only_when_something_changed(small, make):
    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            ol = app.screen.query_one("#dash")
            first = ol.get_option_at_index(0)
            app.screen.refresh_data()
            assert ol.get_option_at_index(0) is first      # same figures: kept
            app.open_list(None)
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
            assert ol.get_option_at_index(0) is first      # resumed: kept
            saved = small.update("demo", "REQ-1", {"priority": "should"})
            app.record_changed("REQ-1", saved.record)
            app.screen.refresh_data()
            assert ol.get_option_at_index(0) is not first  # a change: rebuilt
    asyncio.run(body())


def test_reload_of_a_large_project_reads_in_the_background(make, monkeypatch):
    import threading
    monkeypatch.setattr(tui_app, "BACKGROUND_LOAD_AT", -1)

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            for _ in range(200):
                if app.indexed():
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            gate = threading.Event()
            real = tui_app.Workspace.load

            def slow_load(self, *a, **kw):
                gate.wait(10)
                return real(self, *a, **kw)
            monkeypatch.setattr(tui_app.Workspace, "load", slow_load)
            app.reload()                       # e.g. a change seen on disk
            app.screen.refresh_data()          # returns: the read is in a thread
            assert app.loading()
            assert "正在读取记录" in "\n".join(_lines(app))
            gate.set()
            for _ in range(200):
                if app.indexed():
                    break
                await pilot.pause(0.02)
            await pilot.pause()
            assert "REQ-2" in "\n".join(_lines(app))
    asyncio.run(body())


def test_quitting_during_a_background_read_keeps_its_work(small, make, monkeypatch):
    import threading

    from store import cache
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    monkeypatch.setattr(tui_app, "BACKGROUND_LOAD_AT", -1)
    gate = threading.Event()
    real = tui_app.Workspace.load

    def slow_load(self, *a, **kw):
        gate.wait(10)
        return real(self, *a, **kw)
    monkeypatch.setattr(tui_app.Workspace, "load", slow_load)
    kept = cache.cache_dir(small, "demo") / "dashboard.snapshot"

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.loading()
            threading.Timer(0.2, gate.set).start()  # finishes while quitting
    asyncio.run(body())
    assert kept.exists()
    monkeypatch.setattr(tui_app.Workspace, "load", real)

    async def again():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert app.session.early.get("demo") is not None
    asyncio.run(again())


def test_project_scan_counts_and_stamps_in_one_listing(small, monkeypatch):
    import os

    from store import snapshot
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    pdir = small.project_dir("demo")
    n = sum(len(os.listdir(pdir / k)) for k in os.listdir(pdir) if (pdir / k).is_dir())
    stamp, count = snapshot.project_scan(small, "demo")
    assert count == n and stamp == snapshot.project_stamp(small, "demo")
    assert snapshot.project_scan(small, "demo", stamp_above=n) == (None, n)  # small: no stats
    assert snapshot.project_scan(small, "demo", stamp_above=n - 1) == (stamp, n)
    monkeypatch.setattr("store.locations.RACY_NS", 10**12)
    assert snapshot.project_scan(small, "demo") == (None, n)  # too young: counted only


def test_the_dashboard_draws_its_lines_once_on_opening(make, monkeypatch):
    """Textual's OptionList drops every drawn option on each Resize, and
    the first one arrives after the first frame; the dashboard's list
    keeps them while its width is unchanged, and draws again at a new
    width."""
    from textual.widgets import OptionList
    drawn = []
    real = OptionList._get_option_render

    def counting(self, option, style):
        padding = self.get_component_styles("option-list--option").padding
        if self._option_render_cache.get((option, style, padding)) is None:
            drawn.append(str(option.prompt))
        return real(self, option, style)
    monkeypatch.setattr(OptionList, "_get_option_render", counting)

    async def body():
        app = make()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.pause(0.05)
            lines = _lines(app)
            assert any("需要处理" in line for line in lines)
            assert sorted(drawn) == sorted(lines)  # each line drawn once
            drawn.clear()
            await pilot.resize_terminal(90, 30)
            await pilot.pause()
            await pilot.pause(0.05)
            assert sorted(drawn) == sorted(lines)  # a new width: all again
    asyncio.run(body())


def test_the_app_starts_without_modules_its_first_screen_never_uses():
    """Textual loads none of these; the app, its first screen's modules and
    a parse of project.toml (with rtoml) must not either: each costs the
    warm open 3-5 ms.  In a fresh interpreter, as `accord` starts."""
    import subprocess
    import sys
    code = ("import sys, tui.app, tui.screens.dashboard\n"
            "from store.model import codec\n"
            "assert codec.parse('name = \"客户\"') == {'name': '客户'}\n"
            "print(sorted(m for m in ('json', 'hashlib', 'tomli', 'tomllib')"
            " if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
