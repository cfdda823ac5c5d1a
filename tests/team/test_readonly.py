"""A read-only workspace (accord serve) refuses every write path in the store,
at one guard, with one line; the read-only app says so and hides its
writing keys."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from store.git import setup as gitsetup, plain as plaingit
from store import reports
from store.team import sync
from store.errors import READ_ONLY, ReadOnlyError
from store.git.repo import is_read
from store.sheets.export import export_matrix
from store.workspace import Workspace


def _snapshot(root):
    """HEAD, every ref, the local git config and every work-tree file."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=root, capture_output=True,
                              text=True).stdout
    files = {p.relative_to(root).as_posix(): p.read_bytes()
             for p in root.rglob("*") if p.is_file() and ".git" not in p.parts}
    config = (Path(root) / ".git" / "config").read_bytes()
    return git("rev-parse", "HEAD"), git("for-each-ref"), config, files


def _home_file() -> Path:
    return Path(os.environ["HOME"]) / "notes.txt"


def _locked(ws):
    with ws.git.write_lock():
        pass


WRITES = {
    "create": lambda ws: ws.create("demo", "requirement", {"title": "新"}),
    "update": lambda ws: ws.update("demo", "REQ-1", {"title": "改"}),
    "move": lambda ws: ws.move("demo", "REQ-1", "proposed"),
    "confirm": lambda ws: ws.confirm("demo", "REQ-1", by="张伟", via="email"),
    "delete": lambda ws: ws.delete("demo", "REQ-1"),
    "save_text": lambda ws: ws.save_text("demo", "REQ-1", 'title = "x"\nstatus = "draft"\n'),
    "baseline": lambda ws: ws.baseline("demo", "kickoff"),
    "new_project": lambda ws: ws.new_project("other", "名", "客户"),
    "update_project": lambda ws: ws.update_project("demo", {"status": "active"}),
    "commit_files": lambda ws: ws._commit_files({"x.txt": "x"}, "x"),
    "sync": lambda ws: sync.sync(ws),
    "sync_continue": lambda ws: sync.sync_continue(ws),
    "sync_abort": lambda ws: sync.sync_abort(ws),
    "resolve": lambda ws: sync.resolve(ws, "REQ-1", "title", "mine"),
    "renumber": lambda ws: sync.renumber(ws, "demo", {"REQ-1": "REQ-2"}),
    "init_remote": lambda ws: sync.init_remote(ws, str(ws.root.parent / "remote.git")),
    "commit_by_hand": lambda ws: plaingit.commit_by_hand(ws, "x.txt", "x", "x"),
    # a report: over a record, in HOME, in the reports folder
    "report_over_record": lambda ws: reports.write(
        ws, ws.record_path("demo", "REQ-1"), "# 周报\n"),
    "report_in_home": lambda ws: reports.write(ws, _home_file(), "# 周报\n"),
    "report_by_tilde": lambda ws: reports.write(ws, "~/notes.txt", "# 周报\n"),
    "report_in_reports": lambda ws: reports.write(
        ws, ws.root / "reports" / "周报.md", "# 周报\n"),
    "export_matrix": lambda ws: export_matrix(ws, "demo", "csv", out=_home_file()),
    "configure_git": lambda ws: gitsetup.configure_git(ws),
    "write_attributes": lambda ws: gitsetup.write_attributes(ws),
    # the git layer itself, whoever calls it
    "git_commit_paths": lambda ws: ws.git.commit_paths(["accord.toml"], "x\n"),
    "git_tag": lambda ws: ws.git.tag("accord/demo/x", "x"),
    "git_update_ref": lambda ws: ws.git.run("update-ref", "refs/heads/x", "HEAD"),
    "git_config_set": lambda ws: ws.git.run("config", "user.name", "x"),
    "git_branch": lambda ws: ws.git.run("branch", "x"),
    "git_write_lock": _locked,
}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_read_only_refuses(workspace, name):
    workspace.create("demo", "requirement", {"title": "需求"})
    _home_file().write_text("mine", encoding="utf-8")
    ro = Workspace.find(workspace.root, read_only=True)
    before = _snapshot(workspace.root)
    with pytest.raises(ReadOnlyError) as e:
        WRITES[name](ro)
    assert str(e.value) == READ_ONLY and "\n" not in READ_ONLY  # one line, the way out
    assert "read-only" in READ_ONLY and "command line" in READ_ONLY
    assert _snapshot(workspace.root) == before
    assert _home_file().read_text("utf-8") == "mine"
    assert not (workspace.root.parent / "remote.git").exists()


def test_the_same_writes_pass_when_writable(workspace):
    """The guard is what refuses: a writable workspace does the same."""
    workspace.create("demo", "requirement", {"title": "需求"})
    reports.write(workspace, _home_file(), "# 周报\n")
    assert _home_file().read_text("utf-8") == "# 周报\n"
    workspace.git.tag("accord/demo/x", "x")
    _locked(workspace)


def test_a_report_is_never_written_over_the_workspace_files(workspace):
    from store.errors import InvalidValue
    workspace.create("demo", "requirement", {"title": "需求"})
    before = _snapshot(workspace.root)
    for path in (workspace.record_path("demo", "REQ-1"), workspace.root / "accord.toml",
                 workspace.root / ".git" / "config", workspace.root / ".gitattributes"):
        with pytest.raises(InvalidValue, match="own files"):
            reports.write(workspace, path, "# 周报\n")
    assert _snapshot(workspace.root) == before


@pytest.mark.parametrize("args,read", [
    (("rev-parse", "HEAD"), True), (("log", "-1"), True), (("cat-file", "blob", "x"), True),
    (("config", "-z", "--get-regexp", "^user"), True), (("config", "branch.main.remote"), True),
    (("tag", "--list", "accord/*"), True), (("remote",), True), (("status",), True),
    (("config", "user.name", "x"), False), (("config", "--unset", "user.name"), False),
    (("tag", "-a", "x", "-m", "x"), False), (("remote", "add", "o", "u"), False),
    (("branch", "x"), False), (("branch", "--set-upstream-to=o/main", "main"), False),
    (("commit", "-m", "x"), False), (("add", "x"), False), (("update-ref", "x", "y"), False),
    (("push",), False), (("fetch",), False), (("merge", "x"), False), (("gc",), False),
    (("reset", "--hard"), False), (("checkout", "x"), False), ((), False),
    (("--literal-pathspecs", "log", "--", "x"), True),
    (("--literal-pathspecs", "add", "-A", "x"), False),
    (("-c", "merge.accord.driver=x", "merge", "y"), False),
    (("-c", "core.quotepath=off", "log"), True), (("-c",), False),
    (("hash-object", "-t", "tree", "/dev/null"), True),
    (("hash-object", "-w", "--stdin"), False), (("fast-import",), False),
    (("read-tree", "x"), False), (("update-index", "--add"), False),
])
def test_which_git_commands_read(args, read):
    assert is_read(args) is read


def test_read_only_git_still_reads(workspace):
    workspace.create("demo", "requirement", {"title": "需求"})
    ro = Workspace(workspace.root, read_only=True)
    assert ro.git.identity() is not None             # config --get-regexp
    assert ro.git.rev_parse("HEAD") == workspace.git.head()
    assert ro.git.tags("accord/*") == []
    ro.read_only = False                              # the git layer follows
    assert ro.git.read_only is False


def test_read_only_still_reads(workspace):
    workspace.create("demo", "requirement", {"title": "需求"})
    ro = Workspace(workspace.root, read_only=True)
    assert ro.read("demo", "REQ-1").title == "需求"
    assert list(ro.load("demo").records) == ["REQ-1"]


# --- the read-only app ----------------------------------------------------------

def _actions(screen) -> set[str]:
    """The actions the key bar can show: a hidden key (check_action False)
    is not among them."""
    return {a.binding.action for a in screen.active_bindings.values()}


def _top(screen) -> str:
    return str(screen.query_one("#topbar").render())


def test_read_only_app_says_so_and_hides_its_writing_keys(workspace):
    import asyncio
    import datetime as dt

    from textual.command import CommandList

    from tui.app import make_app
    from tui.screens.report import ReportScreen
    workspace.create("demo", "requirement", {"title": "需求"})
    before = _snapshot(workspace.root)

    async def go():
        app = make_app(workspace.root, "demo", read_only=True,
                       today=dt.date(2026, 11, 20), no_blink=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            assert "只读" in _top(app.screen)                       # the dashboard
            app.open_list(workspace.load("demo").records["REQ-1"].kind)
            await pilot.pause()
            assert "只读" in _top(app.screen)
            assert not {"new", "edit", "editor"} & _actions(app.screen)
            keybar = str(app.screen.query_one("#keybar").render())
            assert "新建" not in keybar and "编辑" not in keybar
            app.open_record("REQ-1")
            await pilot.pause()
            assert "只读" in _top(app.screen)
            assert not {"edit", "editor", "move", "signoff"} & _actions(app.screen)
            for key in ("e", "E", "m", "c"):                      # and they do nothing
                await pilot.press(key)
                await pilot.pause()
            app.push_screen(ReportScreen(app.ws, "demo"))
            await pilot.pause()
            scr = app.screen
            assert "只读" in _top(scr)
            # no write, no keep, and no download outside a browser
            assert not {"write", "keep", "download"} & _actions(scr)
            assert not scr.query("#report-path") and not scr.query("#report-keep")
            for key in ("ctrl+s", "ctrl+k"):
                await pilot.press(key)
                await pilot.pause()
            await pilot.press("ctrl+p")
            for _ in range(100):
                await pilot.pause(0.05)
                lists = app.screen.query(CommandList)
                if lists and lists.first().option_count:
                    break
            found = lists.first()
            prompts = [str(found.get_option_at_index(i).prompt)
                       for i in range(found.option_count)]
            assert prompts and not any("新建" in p or "冲突" in p for p in prompts)
    asyncio.run(go())
    assert _snapshot(workspace.root) == before


def test_desktop_app_has_no_read_only_mark(workspace):
    import asyncio
    import datetime as dt

    from tui.app import make_app

    async def go():
        app = make_app(workspace, "demo", today=dt.date(2026, 11, 20), no_blink=True)
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            return _top(app.screen)
    assert "只读" not in asyncio.run(go())
