"""The team commands through the command line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


from store.model import codec

ROOT = Path(__file__).resolve().parents[2]


def accord(*args, cwd=None, input=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, input=input)


def git(root, *args):
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def test_init_remote_clone_sync_conflict_resolve_continue(tmp_path):
    remote = tmp_path / "shared.git"
    p = accord("init", str(tmp_path / "a"), "--remote", str(remote), "--language", "zh")
    assert p.returncode == 0, p.stderr
    assert remote.is_dir() and git(remote, "rev-parse", "main")
    a = tmp_path / "a"
    assert accord("-C", str(a), "project", "new", "demo", "--name", "项目",
                  "--client", "客户").returncode == 0
    assert accord("-C", str(a), "new", "req", "title=登录").stdout.strip() == "REQ-1"
    p = accord("-C", str(a), "sync")
    assert p.returncode == 0, p.stderr
    p = accord("clone", str(remote), str(tmp_path / "b"))
    assert p.returncode == 0, p.stderr
    b = tmp_path / "b"
    assert "store/team/merge.py" in git(b, "config", "merge.accord.driver")
    assert accord("-C", str(a), "set", "REQ-1", "title=甲").returncode == 0
    assert accord("-C", str(b), "set", "REQ-1", "title=乙", "priority=must").returncode == 0
    assert accord("-C", str(a), "sync").returncode == 0
    p = accord("-C", str(b), "sync")
    assert p.returncode == 1
    assert p.stdout.splitlines() == ['REQ-1 title: mine "乙" | theirs "甲"']
    assert "accord resolve" in p.stderr and "Traceback" not in p.stderr
    # saves refused meanwhile (exit 2, one line)
    p = accord("-C", str(b), "set", "REQ-1", "owner=x")
    assert p.returncode == 2 and "git 正在进行合并" in p.stderr
    p = accord("-C", str(b), "resolve", "REQ-1", "owner", "--mine")
    assert p.returncode == 2 and "title" in p.stderr
    p = accord("-C", str(b), "resolve", "REQ-1", "title", "--set", "丙")
    assert p.returncode == 0, p.stderr
    assert "sync --continue" in p.stderr
    p = accord("-C", str(b), "sync", "--continue")
    assert p.returncode == 0, p.stderr
    assert accord("-C", str(a), "sync").returncode == 0
    rec = codec.parse((a / "projects/demo/requirements/REQ-1.toml").read_text("utf-8"))
    assert rec["title"] == "丙" and rec["priority"] == "must"


def test_sync_abort_and_json(tmp_path):
    remote = tmp_path / "r.git"
    assert accord("init", str(tmp_path / "a"), "--remote", str(remote)).returncode == 0
    a, b = tmp_path / "a", tmp_path / "b"
    accord("-C", str(a), "project", "new", "demo", "--name", "n", "--client", "c")
    accord("-C", str(a), "new", "req", "title=t")
    accord("-C", str(a), "sync")
    accord("clone", str(remote), str(b))
    accord("-C", str(a), "set", "REQ-1", "priority=must")
    accord("-C", str(b), "set", "REQ-1", "priority=could")
    accord("-C", str(a), "sync")
    p = accord("-C", str(b), "sync", "--format", "json")
    assert p.returncode == 1
    import json
    out = json.loads(p.stdout)
    assert out["status"] == "conflict"
    assert out["conflicts"][0]["field"] == "priority"
    assert out["conflicts"][0]["mine"] == "could" and out["conflicts"][0]["theirs"] == "must"
    p = accord("-C", str(b), "sync", "--abort")
    assert p.returncode == 0, p.stderr
    assert not (b / ".git/MERGE_HEAD").exists()
    p = accord("-C", str(b), "sync", "--abort")
    assert p.returncode == 2 and "nothing to abort" in p.stderr


def test_doctor_fix_registers_driver(workspace):
    git(workspace.root, "config", "--unset", "merge.accord.driver")
    p = accord("-C", str(workspace.root), "doctor")
    assert "merge driver" in p.stdout + p.stderr
    p = accord("-C", str(workspace.root), "doctor", "--fix")
    assert "merge.accord.driver" in p.stderr
    assert "store/team/merge.py" in git(workspace.root, "config", "merge.accord.driver")


def test_sync_without_remote_is_exit_2(workspace):
    p = accord("-C", str(workspace.root), "sync")
    assert p.returncode == 2 and "git remote add" in p.stderr


def test_serve_binds_loopback_read_only(workspace, monkeypatch):
    from tui.cli import main as cli
    seen = {}

    class FakeServer:
        def __init__(self, command, host, port, title=None):
            seen.update(command=command, host=host, port=port)

        def serve(self):
            seen["served"] = True

    import textual_serve.server
    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    assert cli.main(["-C", str(workspace.root), "serve"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["served"]
    assert "--app" in seen["command"] and str(workspace.root) in seen["command"]


def test_app_entry_is_read_only(workspace, monkeypatch):
    from tui.cli import team
    import tui.app
    made = {}

    class Fake:
        def run(self):
            made["ran"] = True

    def fake_make_app(ws, project=None, read_only=False, **kw):
        made.update(ws=ws, read_only=read_only)
        return Fake()

    monkeypatch.setattr(tui.app, "make_app", fake_make_app)
    assert team._app_main(["--app", str(workspace.root)]) == 0
    assert made["read_only"] and made["ws"].read_only and made["ran"]


def test_init_remote_refuses_a_remote_that_has_a_workspace(tmp_path):
    remote = tmp_path / "r.git"
    assert accord("init", str(tmp_path / "a"), "--remote", str(remote)).returncode == 0
    p = accord("init", str(tmp_path / "b"), "--remote", str(remote))
    assert p.returncode == 2 and "accord clone" in p.stderr
