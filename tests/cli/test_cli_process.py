"""The command line as a user runs it: `python -m tui` in a real process."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def accord(*args, cwd, input: bytes | None = None, stdout=subprocess.PIPE):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd,
                          input=input, stdout=stdout, stderr=subprocess.PIPE,
                          env=env, timeout=120)


def test_a_new_users_session(tmp_path):
    p = accord("init", "ws", "--name", "试用", cwd=tmp_path)
    assert p.returncode == 0, p.stderr.decode()
    ws = tmp_path / "ws"
    sub = ws / "projects"  # commands work from a folder inside the workspace
    assert accord("project", "new", "crm", "--name", "客户关系", "--client", "银行",
                  cwd=sub).returncode == 0
    p = accord("new", "req", "--set", "title=扫码登录", "--set", "statement=-",
               cwd=sub, input="第一行\r\n第二行\n".encode())
    assert (p.returncode, p.stdout) == (0, b"REQ-1\n"), p.stderr.decode()
    p = accord("show", "REQ-1", "--format", "json", cwd=sub)
    data = json.loads(p.stdout)
    assert data["statement"] == "第一行\r\n第二行\n" and data["signoff"] == "none"
    p = accord("set", "../x", "title=x", cwd=sub)
    assert p.returncode == 2 and p.stdout == b""
    err = p.stderr.decode()
    assert err.count("\n") == 1 and err.startswith("accord: '../x' is not a record id")
    p = accord("move", "REQ-1", "confirmed", cwd=sub)
    assert p.returncode == 2 and b"Traceback" not in p.stderr
    assert "allowed now: proposed" in p.stderr.decode()
    p = accord("doctor", cwd=ws)
    assert p.returncode == 0, p.stdout.decode()


def test_outside_a_workspace(tmp_path):
    p = accord("list", cwd=tmp_path)
    assert p.returncode == 2
    err = p.stderr.decode()
    assert err.count("\n") == 1 and "accord init" in err


def test_bad_usage_is_one_line(tmp_path):
    p = accord("show", cwd=tmp_path)
    assert p.returncode == 2
    err = p.stderr.decode()
    assert err.count("\n") == 1 and "required" in err and "accord show --help" in err


def test_help_is_fast_and_never_loads_textual(tmp_path):
    code = ("import sys, runpy\n"
            "sys.argv = ['accord', '--help']\n"
            "try:\n    runpy.run_module('tui', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "print('TEXTUAL' if any(m.split('.')[0] == 'textual' for m in sys.modules) else 'OK',"
            " file=sys.stderr)\n")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       env=env, cwd=tmp_path)
    assert p.stderr.strip().endswith("OK"), p.stderr
    assert "usage: accord" in p.stdout


def test_broken_pipe_is_quiet(workspace):
    for i in range(40):
        workspace.create("demo", "touchpoint", {"summary": f"电话 {i} " + "x" * 4000})
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    p = subprocess.run(f"'{sys.executable}' -m tui list --format json | head -c 10",
                       shell=True, cwd=workspace.root, env=env, capture_output=True)
    assert p.stderr == b""
    assert len(p.stdout) == 10
