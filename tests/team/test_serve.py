"""`accord serve`: the read-only browser view answers on loopback."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("textual_serve")


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
        deadline = time.monotonic() + 60  # a loaded CI machine starts slowly
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
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_command_runs_the_app_read_only(workspace):
    from tui.commands.team import serve_command
    cmd = serve_command(workspace.root)
    assert "--app" in cmd and str(workspace.root) in cmd


def test_serve_refuses_a_bad_port(workspace, capsys):
    from tui.cli import main
    assert main(["-C", str(workspace.root), "serve", "--port", "70000"]) == 2
    assert "port" in capsys.readouterr().err
