"""`accord serve`: the read-only browser view answers on loopback."""
from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp  # textual-serve's own web library: installed with it, a dependency


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_answers_on_loopback(workspace):
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", "-C", str(workspace.root), "serve",
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
    try:
        body = None
        # accord serve is another process that says nothing when it listens:
        # asking until its page answers is the only sign (60 s only bounds a
        # server that never comes up on a loaded CI machine)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2) as r:
                    assert r.status == 200
                    body = r.read().decode("utf-8", "replace")
                    break
            except OSError:
                time.sleep(0.2)
        assert body is not None, proc.stderr.read().decode() if proc.poll() is not None else "no answer"
        assert "测试工作区" in body  # the page title names the workspace
        assert "(只读)" in body  # and says it is read-only
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_command_runs_the_app_read_only(workspace):
    from tui.cli.team import serve_command
    cmd = serve_command(workspace.root)
    assert "--app" in cmd and str(workspace.root) in cmd


def test_serve_refuses_a_bad_port(workspace, capsys):
    from tui.cli.main import main
    assert main(["-C", str(workspace.root), "serve", "--port", "70000"]) == 2
    assert "port" in capsys.readouterr().err


# --- end to end: the browser's protocol against the real server ---------------

# a click in the report screen's file box (SGR mouse press and release at
# column 6 of row 28 of a 100x30 page: the row above the key bar)
PATH_BOX = "\x1b[<0;6;28M\x1b[<0;6;28m"
# what the view answers to a save: a refusal, or a download (never "written")
REFUSED, SENT = "只填文件名", "已发送到浏览器："
KEYS = {"tab": "\t", "enter": "\r", "ctrl+s": "\x13", "ctrl+p": "\x10",
        "ctrl+k": "\x0b", "ctrl+g": "\x07", "home": "\x01", "escape": "\x1b",
        "f1": "\x1bOP"}
ESC_PAUSE = 0.3  # after a lone escape: longer than Textual's ESCDELAY (see Browser.send)


def _state(root: Path, home: Path):
    """Every file and folder of the work tree and of HOME, every ref,
    HEAD and the local git config: what a write would change."""
    def git(*args):
        return subprocess.run(["git", *args], cwd=root, capture_output=True,
                              text=True).stdout
    files = {}  # and folders: a folder made on the server is a write too
    for base in (root, home):
        for p in sorted(base.rglob("*")):
            if ".git" in p.relative_to(base).parts:
                continue
            files[str(p)] = (hashlib.sha256(p.read_bytes()).hexdigest()
                             if p.is_file() else "folder")
    return (git("rev-parse", "HEAD"), git("for-each-ref"),
            (root / ".git" / "config").read_bytes(), files)


def _plain(drawn: str) -> str:
    """The terminal's output without its escape sequences."""
    return re.sub(r"\x1b\[[0-9;?<]*[A-Za-z]", "", drawn)


class Browser:
    """What textual-serve's page does: one websocket; keys go out as
    ["stdin", text]; the terminal's bytes come back as binary frames and
    its announcements (a download) as JSON text frames."""

    def __init__(self, ws):
        self.ws = ws
        self.screen = ""       # everything drawn so far, escapes and all
        self.notes: list = []  # JSON messages from the server
        self.arrived = asyncio.Event()  # set by every frame (and the end)
        self.reader = asyncio.create_task(self._read())

    async def _read(self):
        try:
            async for msg in self.ws:
                if msg.type == aiohttp.WSMsgType.BINARY:
                    self.screen += msg.data.decode("utf-8", "replace")
                elif msg.type == aiohttp.WSMsgType.TEXT:
                    self.notes.append(json.loads(msg.data))
                self.arrived.set()
        finally:
            self.arrived.set()

    async def wait_for(self, cond, what: str, timeout: float = 60.0):
        """Until ``cond()`` holds, looked at again after each frame from the
        server (``timeout`` only ends a view that never shows it)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not cond():
            self.arrived.clear()
            try:
                if self.reader.done():
                    raise TimeoutError
                await asyncio.wait_for(self.arrived.wait(), deadline - loop.time())
            except TimeoutError:
                raise AssertionError(f"the browser view never showed {what}; it "
                                     f"ends with: {_plain(self.screen)[-1500:]}") from None

    async def drawn(self, text: str, since: int = 0):
        await self.wait_for(lambda: text in _plain(self.screen[since:]), repr(text))

    async def send(self, *keys: str):
        for k in keys:
            await self.ws.send_json(["stdin", KEYS.get(k, k)])
            # Not a wait for the app: the terminal protocol needs a pause.
            # ESC is also the first byte of every escape sequence (f1 is
            # ESC O P), and Textual reads an ESC followed within ESCDELAY
            # (100 ms) by another byte as one key with it (alt+n, not
            # escape then n); only the pause after a lone ESC makes it
            # escape.  Other keys are typed, not pasted, a little apart.
            await asyncio.sleep(ESC_PAUSE if k == "escape" else 0.05)


def _serve(root: Path, port: int, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tui", "-C", str(root), "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=log.open("wb"), env=dict(os.environ))


async def _drive(port: int, targets: list[str]):
    url = f"http://127.0.0.1:{port}"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30)) as http:
        # another process, silent when it listens: up when its page answers
        for _ in range(600):
            try:
                async with http.get(url + "/") as r:
                    if r.status == 200:
                        break
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
        else:
            raise AssertionError("accord serve never answered")
        async with http.ws_connect(url + "/ws?width=100&height=30") as ws:
            b = Browser(ws)
            await b.drawn("只读")                      # the view says it is read-only
            mark = len(b.screen)
            await b.send("ctrl+p")
            await b.drawn("列表：", mark)              # the palette's commands
            mark = len(b.screen)
            await b.send("报告：项目周报")
            await b.drawn("报告：项目周报/月报", mark)  # the hit for what was typed
            mark = len(b.screen)
            await b.send("enter")
            await b.drawn("下载", mark)                 # the report screen, download key
            await b.wait_for(lambda: "progress-" in b.screen[mark:], "the file name")
            # the report goes to the browser as a download, never onto the server
            await b.send("ctrl+s")
            await b.wait_for(lambda: any(n[0] == "deliver_file_start" for n in b.notes),
                             "a download")
            key = next(n[1] for n in b.notes if n[0] == "deliver_file_start")
            async with http.get(f"{url}/download/{key}") as r:
                assert r.status == 200
                assert r.headers["Content-Disposition"].startswith("attachment")
                assert "progress-" in r.headers["Content-Disposition"]
                body = await r.text()
            assert body.startswith("# ") and "客户关系管理系统" in body
            # a hostile viewer: the file box (clicked once, as with a mouse:
            # one click, so no double-click selects a word), a record, HOME,
            # ~, a relative path; ctrl+s and enter on each.  Focus moves when
            # the screen handles the click: the keys wait for the key bar of
            # a focused box (no "q 返回" any more).
            mark = len(b.screen)
            await b.send(PATH_BOX)
            await b.wait_for(lambda: re.search(r"(?<!返回/退出  )\^g 生成",
                                               _plain(b.screen[mark:])), "the box focused")
            for i, target in enumerate(targets):
                # each path between two downloads by a bare name, so that
                # every answer changes the status line and is drawn anew
                for typed in (target, f"周报-{i}.{'docx' if i % 2 else 'md'}"):
                    mark = len(b.screen)
                    await b.send("home", "ctrl+k", typed)  # the box keeps the focus
                    await b.wait_for(lambda typed=typed, mark=mark: typed[-10:] in _plain(b.screen[mark:]),
                                     f"{typed!r} typed")
                    mark = len(b.screen)
                    await b.send("ctrl+s")
                    # a path (or a header trick) is refused; a bare name is a
                    # download by that name
                    refused = any(c in typed for c in '/;"')
                    await b.drawn(REFUSED if refused else f"{SENT}{typed}", mark)
                    await b.send("enter")
            # a Word file arrives as one too
            keys = [n[1] for n in b.notes if n[0] == "deliver_file_start"]
            word = []
            for key in keys[1:]:
                async with http.get(f"{url}/download/{key}") as r:
                    if ".docx" in r.headers["Content-Disposition"]:
                        word.append(await r.read())
            assert word and all(w[:2] == b"PK" for w in word)
            # the keys that would write elsewhere, and the palette's "new"
            # (the read-only view offers none: its answer is "no matches")
            mark = len(b.screen)
            await b.send("escape", "ctrl+p", "新建")
            await b.drawn("没有找到匹配项", mark)
            mark = len(b.screen)
            await b.send("enter", "escape", "n", "e", "E", "m", "c", "f1")
            # keys are handled in order: once the help that f1 opens is
            # drawn, every key before it has had its effect
            await b.drawn("当前可用按键", mark)
            b.reader.cancel()
            return body


def test_browser_view_writes_nothing_through_the_real_server(workspace, tmp_path):
    workspace.create("demo", "requirement", {"title": "需求"})
    workspace.baseline("demo", "kickoff")
    home = Path(os.environ["HOME"])
    (home / "notes.txt").write_text("mine", encoding="utf-8")
    record = workspace.record_path("demo", "REQ-1")
    targets = [str(record), "projects/demo/requirements/REQ-1.toml",
               "../projects/demo/requirements/REQ-1.toml", "~/notes.txt",
               str(home / "notes.txt"), str(home / "new.md"), "report.md",
               '周报.md";filename=../REQ-1.toml']  # no way out of the header
    before = _state(workspace.root, home)
    port = _free_port()
    log = tmp_path / "serve.log"
    proc = _serve(workspace.root, port, log)
    try:
        asyncio.run(asyncio.wait_for(_drive(port, targets), timeout=240))
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=15)
    assert _state(workspace.root, home) == before, log.read_text("utf-8", "replace")
