"""Remotes as they are in the field, against local bare remotes: every
failure reported by its cause (exit 1, text and JSON), refused tags, one
connection per direction, timeouts and Ctrl+C that leave no git or ssh
behind, git kept away from the terminal, ``init --remote`` that checks
first.  (The same against a real sshd: test_remote_ssh.py.)"""
from __future__ import annotations

import json
import os
import select
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store.team import remote, remote_errors, sync

ROOT = Path(__file__).resolve().parents[2]


def accord(*args, cwd=None, env=None, **kw):
    # the team's workspace speaks Chinese; these lines are checked in English
    full = dict(os.environ, PYTHONPATH=str(ROOT), ACCORD_LANG="en")
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, **kw)


def git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True).stdout


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body, "utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return path


def count_connections(ws, log: Path) -> None:
    """Log each connection ``ws`` makes to origin (its upload-pack for a
    fetch, receive-pack for a push) in ``log``."""
    for what in ("upload-pack", "receive-pack"):
        wrapper = script(log.parent / f"log-{what}",
                         f'echo {what} >> "{log}"\nexec git {what} "$@"\n')
        git(ws.root, "config", f"remote.origin.{what.replace('-', '')}", str(wrapper))


def connections(log: Path) -> list[str]:
    lines = log.read_text().split() if log.exists() else []
    log.unlink(missing_ok=True)
    return lines


def hook(team, body: str) -> None:
    script(team.remote / "hooks" / "pre-receive", body)


def alive(pid: int) -> bool:
    """A process that runs (a zombie nobody reaped has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def signalled(fifo: Path, limit: float = 60.0) -> None:
    """Wait until a process writes into the FIFO (made before it starts):
    the kernel says when, nothing is polled; ``limit`` only ends a test
    whose process never comes."""
    fd = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # no writer yet: not readable
    try:
        if not select.select([fd], [], [], limit)[0]:
            raise AssertionError(f"nothing wrote to {fifo}")
    finally:
        os.close(fd)


def ended(pid: int, limit: float = 10.0) -> bool:
    """Whether the process has ended, or ends within ``limit``: waits on a
    pidfd, which the kernel makes readable when the process exits."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        return bool(select.select([fd], [], [], limit)[0])
    finally:
        os.close(fd)


# --- the cause, from git's words ----------------------------------------------------

@pytest.mark.parametrize("stderr, code, says", [
    ("git@h: Permission denied (publickey).\nfatal: Could not read from remote "
     "repository.\n\nPlease make sure you have the correct access rights\nand the "
     "repository exists.\n", "auth", "Permission denied (publickey)"),
    ("ssh: connect to host h port 22: Connection refused\nfatal: Could not read from "
     "remote repository.\n\nPlease make sure you have the correct access rights\n"
     "and the repository exists.\n", "unreachable", "Connection refused"),
    ("ssh: Could not resolve hostname nohost: Name or service not known\n",
     "unreachable", "Could not resolve hostname"),
    ("fatal: '/srv/x.git' does not appear to be a git repository\nfatal: Could not "
     "read from remote repository.\n", "no-repo", "/srv/x.git"),
    ("remote: Repository not found.\nfatal: repository 'https://h/x.git/' not found\n",
     "no-repo", "not found"),
    ("fatal: unable to access 'https://h/x.git/': The requested URL returned error: 403\n",
     "permission", "403"),
    ("fatal: unable to access 'https://h/x.git/': Could not resolve host: h\n",
     "unreachable", "Could not resolve host"),
    ("Host key verification failed.\nfatal: Could not read from remote repository.\n",
     "hostkey", "Host key verification failed"),
    ("error: remote unpack failed: unable to create temporary object directory\n",
     "permission", "temporary object directory"),
    ("remote: only the PM may tag        \nremote: ask Li Lei        \n"
     "To h:x.git\n ! [remote rejected] v1 -> v1 (pre-receive hook declined)\n",
     "hook", "only the PM may tag / ask Li Lei"),
    ("To h:x.git\n ! [rejected]        main -> main (fetch first)\nhint: Updates were "
     "rejected\n", "rejected", "main -> main (fetch first)"),
])
def test_classify_names_the_cause_not_the_hint(stderr, code, says):
    got, detail = remote_errors.classify(stderr)
    assert got == code and says in detail
    assert "and the repository exists" not in detail and not detail.startswith("fatal")


# --- fetch, push, clone: the cause, exit 1, text and JSON -------------------------------

def test_missing_remote_is_no_such_repository_exit_1_text_and_json(team):
    git(team.b.root, "remote", "set-url", "origin", str(team.tmp / "gone.git"))
    res = sync.sync(team.b)
    assert res.status == "fetch-failed" and res.exit_code == 1
    assert res.error["code"] == "no-repo" and "gone.git" in res.error["detail"]
    p = accord("sync", cwd=team.b.root)
    assert p.returncode == 1
    assert "no such repository" in p.stderr and "gone.git" in p.stderr
    assert "and the repository exists" not in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    p = accord("sync", "--format", "json", cwd=team.b.root)
    assert p.returncode == 1
    out = json.loads(p.stdout)
    assert out["status"] == "fetch-failed" and out["error"]["code"] == "no-repo"
    assert "no such repository" in out["error"]["message"]
    p = accord("sync", cwd=team.b.root, env={"ACCORD_LANG": "zh"})
    assert p.returncode == 1 and "没有这个仓库" in p.stderr


def test_clone_of_a_missing_remote_exit_1_and_leaves_nothing(tmp_path):
    p = accord("clone", str(tmp_path / "gone.git"), "c", cwd=tmp_path)
    assert p.returncode == 1 and "no such repository" in p.stderr
    assert not (tmp_path / "c").exists()
    p = accord("clone", str(tmp_path / "gone.git"), "c", "--format", "json", cwd=tmp_path)
    assert p.returncode == 1 and json.loads(p.stdout)["error"]["code"] == "no-repo"


def test_hook_refusing_a_push_shows_its_own_message(team):
    hook(team, 'echo "main is frozen until the review (李雷)" >&2\nexit 1\n')
    team.b.new_project("more", "另一个项目", "客户")
    res = sync.sync(team.b)
    assert res.status == "push-failed" and res.exit_code == 1
    assert res.error["code"] == "hook"
    assert "main is frozen until the review (李雷)" in res.error["detail"]
    p = accord("sync", cwd=team.b.root)
    assert p.returncode == 1
    assert "main is frozen until the review (李雷)" in p.stderr
    assert "pushed meanwhile" not in p.stderr


def test_tag_refused_by_a_hook_is_a_failure(team):
    hook(team, 'while read old new ref; do case "$ref" in refs/tags/*)\n'
               '  echo "no tags: baselines are made on the server" >&2; exit 1;;\n'
               'esac; done\nexit 0\n')
    team.a.baseline("demo", "kickoff")
    res = sync.sync(team.a)
    assert res.status == "push-failed" and res.exit_code == 1
    assert res.error["code"] == "hook"
    assert res.error["refused"] == ["refs/tags/accord/demo/kickoff"]
    assert "no tags: baselines are made on the server" in res.error["detail"]
    assert "accord/demo/kickoff" not in git(team.remote, "tag")
    p = accord("sync", "--format", "json", cwd=team.a.root)
    assert p.returncode == 1
    assert json.loads(p.stdout)["error"]["refused"] == ["refs/tags/accord/demo/kickoff"]


def test_permission_denied_on_the_remote_path(team, unwritable_dir):
    # root may write anywhere a mode allows nothing: the remote's object
    # store is put where nobody may write (a place of the kernel's)
    target = unwritable_dir
    objects = team.remote / "objects"
    subprocess.run(["rm", "-rf", str(objects)], check=True)
    objects.symlink_to(target)
    team.b.new_project("more", "另一个项目", "客户")
    res = sync.sync(team.b)
    assert res.status == "push-failed" and res.error["code"] == "permission"
    p = accord("sync", cwd=team.b.root)
    assert p.returncode == 1 and "permission denied on the remote" in p.stderr


# --- connections ------------------------------------------------------------------

def test_one_connection_per_direction_and_none_to_push_when_nothing_to(team):
    log = team.tmp / "connections.log"
    count_connections(team.b, log)
    assert sync.sync(team.b).status == "up-to-date"
    assert connections(log) == ["upload-pack"]  # nothing to push: no push
    team.b.new_project("more", "另一个项目", "客户")
    assert sync.sync(team.b).status == "pushed"
    assert connections(log) == ["upload-pack", "receive-pack"]
    team.b.baseline("more", "kickoff")  # a tag only
    assert sync.sync(team.b).status == "up-to-date"
    assert connections(log) == ["upload-pack", "receive-pack"]
    assert "accord/more/kickoff" in git(team.remote, "tag")
    assert sync.sync(team.b).status == "up-to-date"
    assert connections(log) == ["upload-pack"]
    # the other side's changes: fetched and fast-forwarded, nothing sent back
    team.a.new_project("third", "第三个", "客户")
    sync.sync(team.a)
    assert sync.sync(team.b).status == "up-to-date"
    assert connections(log) == ["upload-pack"]
    assert (team.b.root / "projects" / "third").is_dir()


# --- no terminal, a timeout, Ctrl+C ----------------------------------------------------

def _hanging_ssh(tmp: Path, log: Path) -> dict:
    """An ssh that never answers: logs its pid, session, arguments and the
    environment git gave it (and says so through ``LOG.started`` when that
    is a FIFO), then waits."""
    wrapper = script(tmp / "hang-ssh",
                     f'{{ echo "pid $$"; echo "sid $(ps -o sid= -p $$)";\n'
                     f'  echo "args $*"; echo "prompt $GIT_TERMINAL_PROMPT";\n'
                     f'  if [ -t 0 ]; then echo "stdin tty"; else echo "stdin none"; fi;\n'
                     f'}} > "{log}.tmp"; mv "{log}.tmp" "{log}"\n'
                     f'if [ -p "{log}.started" ]; then echo > "{log}.started"; fi\n'
                     f'exec sleep 600\n')
    return {"GIT_SSH_COMMAND": str(wrapper), "GIT_SSH_VARIANT": "ssh"}


def _fields(log: Path) -> dict:
    return dict(line.split(" ", 1) for line in log.read_text().splitlines())


def test_a_hanging_remote_times_out_and_leaves_no_process(team, monkeypatch):
    log = team.tmp / "ssh.log"
    env = _hanging_ssh(team.tmp, log)
    git(team.b.root, "remote", "set-url", "origin", "ssh://git@example.invalid/team.git")
    p = accord("sync", cwd=team.b.root, env=dict(env, ACCORD_NET_TIMEOUT="1"),
               timeout=60)
    assert p.returncode == 1
    assert "no answer within 1 s" in p.stderr and "ACCORD_NET_TIMEOUT" in p.stderr
    f = _fields(log)
    assert not alive(int(f["pid"]))
    # git and ssh never had the terminal: no prompt, batch mode, own session
    assert f["prompt"] == "0" and f["stdin"] == "none"
    assert "BatchMode=yes" in f["args"] and "ConnectTimeout=" in f["args"]
    assert int(f["sid"]) != os.getsid(0)


def test_timeout_is_configurable(workspace, monkeypatch):
    monkeypatch.delenv("ACCORD_NET_TIMEOUT", raising=False)
    assert remote.timeout_of(workspace) == remote.DEFAULT_TIMEOUT
    cfg = workspace.root / "accord.toml"
    cfg.write_text(cfg.read_text("utf-8") + "\n[sync]\ntimeout = 7\n", "utf-8")
    workspace._config = None
    assert remote.timeout_of(workspace) == 7
    user = Path(os.environ["XDG_CONFIG_HOME"]) / "accord" / "config.toml"
    user.parent.mkdir(parents=True, exist_ok=True)
    user.write_text("[sync]\ntimeout = 5\n", "utf-8")
    assert remote.timeout_of(workspace) == 5  # the user's own setting first
    monkeypatch.setenv("ACCORD_NET_TIMEOUT", "3")
    assert remote.timeout_of(workspace) == 3


def test_ctrl_c_stops_git_and_ssh(team):
    log = team.tmp / "ssh.log"
    env = _hanging_ssh(team.tmp, log)
    git(team.b.root, "remote", "set-url", "origin", "ssh://git@example.invalid/team.git")
    full = dict(os.environ, PYTHONPATH=str(ROOT), **env)
    os.mkfifo(f"{log}.started")
    proc = subprocess.Popen([sys.executable, "-m", "tui", "sync"], cwd=team.b.root,
                            env=full, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        signalled(Path(f"{log}.started"))  # ssh runs, its log written
        pid = int(_fields(log)["pid"])
        assert alive(pid)
        proc.send_signal(signal.SIGINT)
        proc.wait(30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode == 130
    assert ended(pid)  # killed with its group (it may still be on its way out)


# --- init --remote checks first ------------------------------------------------------

def test_init_remote_checks_before_creating_anything(tmp_path):
    p = accord("init", "a", "--remote", "ssh://git@127.0.0.1:1/team.git", cwd=tmp_path)
    assert p.returncode == 1 and "cannot be reached" in p.stderr
    assert not (tmp_path / "a").exists()
    p = accord("init", "a", "--remote", str(tmp_path / "not-a-repo"), "--format", "json",
               cwd=tmp_path)
    assert p.returncode == 0, p.stderr  # a local path that does not exist is created
    assert (tmp_path / "not-a-repo" / "HEAD").is_file()
    # a remote that already holds a workspace: refused, nothing made, and the
    # advice given works
    p = accord("init", "b", "--remote", str(tmp_path / "not-a-repo"), cwd=tmp_path)
    assert p.returncode == 2 and "accord clone" in p.stderr
    assert not (tmp_path / "b").exists()
    advice = p.stderr.split("`")[1].replace("PATH", "b").split()
    p = accord(*advice[1:], cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    assert (tmp_path / "b" / "accord.toml").is_file()
    # a folder that is not a repository: nothing made either
    (tmp_path / "plain").mkdir()
    p = accord("init", "c", "--remote", str(tmp_path / "plain"), cwd=tmp_path)
    assert p.returncode == 1 and "no such repository" in p.stderr
    assert not (tmp_path / "c").exists()


def test_unpushed_counts_the_commits_the_remote_lacks(team, workspace):
    assert remote.unpushed(workspace) is None  # no remote: no count (and no process)
    assert remote.unpushed(team.b) == 0
    team.b.new_project("more", "另一个项目", "客户")
    team.b.baseline("more", "kickoff")
    assert remote.unpushed(team.b) == 1
    sync.sync(team.b)
    assert remote.unpushed(team.b) == 0
    fresh = type(workspace).init(team.tmp / "fresh", name="新", language="zh")
    sync.init_remote(fresh, str(team.tmp / "fresh.git"))
    assert remote.unpushed(fresh) == 1  # before the first push: all of them


def test_the_users_core_sshcommand_is_kept_in_batch_mode(team, monkeypatch):
    monkeypatch.delenv("GIT_SSH_COMMAND", raising=False)
    monkeypatch.delenv("GIT_SSH", raising=False)
    monkeypatch.setenv("GIT_SSH_VARIANT", "ssh")
    log = team.tmp / "own-ssh.log"
    own = script(team.tmp / "own-ssh",
                 f'echo "$*" > "{log}"\necho "ssh: connect to host h port 22: '
                 f'Connection refused" >&2\nexit 255\n')
    git(team.b.root, "config", "core.sshCommand", str(own))
    git(team.b.root, "remote", "set-url", "origin", "ssh://git@h/team.git")
    res = sync.sync(team.b)
    assert res.status == "fetch-failed" and res.error["code"] == "unreachable"
    assert "BatchMode=yes" in log.read_text()
