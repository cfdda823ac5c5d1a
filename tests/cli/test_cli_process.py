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


def test_a_long_answer_is_written_whole_before_the_quick_exit(tmp_path):
    """A one-shot command ends with os._exit (no interpreter teardown):
    its output, piped or in a file, must still be complete, and a reader
    that stops early still gets the quiet exit code of a closed pipe."""
    assert accord("init", "ws", "--name", "长输出", cwd=tmp_path).returncode == 0
    ws = tmp_path / "ws"
    assert accord("project", "new", "crm", "--name", "客户关系", "--client", "银行",
                  cwd=ws).returncode == 0
    folder = ws / "projects/crm/requirements"
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(1, 401):  # written by hand, as users may
        (folder / f"REQ-{i}.toml").write_text(
            f'title = "需求 {i} [bold]"\nstatus = "draft"\npriority = "must"\n'
            f'statement = "{"很长的描述。" * 40}"\n', encoding="utf-8")
    subprocess.run(["git", "add", "-A"], cwd=ws, check=True)
    subprocess.run(["git", "commit", "-qm", "hand-written"], cwd=ws, check=True)
    p = accord("list", "requirement", "--format", "json", cwd=ws)
    assert p.returncode == 0, p.stderr.decode()
    assert len(p.stdout) > 200_000
    assert len(json.loads(p.stdout)) == 400
    with open(tmp_path / "out.json", "wb") as fh:
        assert accord("list", "requirement", "--format", "json", cwd=ws,
                      stdout=fh).returncode == 0
    assert len(json.loads((tmp_path / "out.json").read_bytes())) == 400
    head = subprocess.Popen([sys.executable, "-m", "tui", "list", "requirement",
                             "--format", "json"], cwd=ws, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE,
                            env=dict(os.environ, PYTHONPATH=str(ROOT)))
    head.stdout.read(100)
    head.stdout.close()
    assert head.wait(timeout=120) in (0, 141)
    assert b"Traceback" not in head.stderr.read()
