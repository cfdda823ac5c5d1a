"""The team workflow over a real ssh server: an ``sshd`` on 127.0.0.1 that
these tests start (a temporary host key, config and authorized key) and
stop.  Skipped, with the reason, where OpenSSH's server is not installed
(.ci/run installs it from Debian's packages)."""
from __future__ import annotations

import getpass
import json
import os
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from store.team import sync

SSHD = "/usr/sbin/sshd"
ROOT = Path(__file__).resolve().parents[2]
START_WAIT = 15.0  # seconds sshd may take to listen

pytestmark = pytest.mark.skipif(
    not (os.access(SSHD, os.X_OK) and shutil.which("ssh") and shutil.which("ssh-keygen")),
    reason=f"OpenSSH is not installed ({SSHD}, ssh, ssh-keygen): "
           f"`apt-get install openssh-server openssh-client`")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _keygen(path: Path) -> Path:
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "accord-test",
                    "-f", str(path)], check=True, capture_output=True)
    return path


class Sshd:
    """A running sshd that lets this user in with ``key`` (the ssh command
    to use is ``ssh_command``); ``url(path)`` names a repository on it."""

    def __init__(self, tmp: Path):
        self.dir = tmp
        self.port = _free_port()
        self.user = getpass.getuser()
        host_key = _keygen(tmp / "host_key")
        self.key = _keygen(tmp / "client_key")
        self.wrong_key = _keygen(tmp / "wrong_key")
        (tmp / "authorized_keys").write_text((tmp / "client_key.pub").read_text())
        (tmp / "known_hosts").write_text(
            f"[127.0.0.1]:{self.port} {(tmp / 'host_key.pub').read_text()}")
        self.config = tmp / "sshd_config"
        self.config.write_text(
            f"Port {self.port}\nListenAddress 127.0.0.1\nHostKey {host_key}\n"
            f"AuthorizedKeysFile {tmp / 'authorized_keys'}\nPidFile {tmp / 'sshd.pid'}\n"
            "PermitRootLogin yes\nStrictModes no\nPasswordAuthentication no\n"
            "KbdInteractiveAuthentication no\nUsePAM no\nLogLevel ERROR\n")
        self.proc = None

    def start(self) -> None:
        try:  # the privilege separation folder a root sshd needs
            os.makedirs("/run/sshd", mode=0o755, exist_ok=True)
        except OSError:
            pass
        self.log = open(self.dir / "sshd.log", "wb")
        self.proc = subprocess.Popen([SSHD, "-D", "-e", "-f", str(self.config)],
                                     stdout=self.log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        # sshd -D gives no sign when it listens: connecting until it accepts
        # is the only one (START_WAIT only bounds an sshd that never does)
        deadline = time.monotonic() + START_WAIT
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                break
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        why = (self.dir / "sshd.log").read_text(errors="replace").strip()
        pytest.skip(f"sshd did not start: {why or 'no word from it'}")

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
            self.proc = None
            self.log.close()

    def ssh_command(self, key: Path | None = None) -> str:
        return (f"ssh -i {key or self.key} -o IdentitiesOnly=yes "
                f"-o UserKnownHostsFile={self.dir / 'known_hosts'} "
                f"-o StrictHostKeyChecking=yes -o IdentityAgent=none")

    def url(self, path: Path) -> str:
        return f"ssh://{self.user}@127.0.0.1:{self.port}{path}"


@pytest.fixture
def sshd(tmp_path, monkeypatch):
    d = tmp_path / "sshd"
    d.mkdir()
    server = Sshd(d)
    server.start()
    monkeypatch.setenv("GIT_SSH_COMMAND", server.ssh_command())
    yield server
    server.stop()


@pytest.fixture
def ssh_team(tmp_path, sshd):
    """Alice made the workspace and Bob cloned it; both reach the shared
    bare repository over ssh (set up through its path: each ssh connection
    costs a third of a second, and clone over ssh has its own test)."""
    from store.workspace import Workspace
    bare = tmp_path / "team.git"
    a = Workspace.init(tmp_path / "alice", name="团队", language="zh")
    a.new_project("demo", "客户关系管理系统", "某城市商业银行")
    sync.init_remote(a, str(bare))
    assert sync.sync(a).status == "pushed"
    b = sync.clone(str(bare), tmp_path / "bob")
    for ws in (a, b):
        subprocess.run(["git", "remote", "set-url", "origin", sshd.url(bare)],
                       cwd=ws.root, check=True)
    return a, b, bare


def accord(*args, cwd=None, env=None):
    """The real command; its lines in English (the team's workspace is
    Chinese; the Chinese wording is tests/team/test_zh_team_errors.py's)."""
    full = dict(os.environ, PYTHONPATH=str(ROOT), ACCORD_LANG="en")
    full.update(env or {})
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env=full,
                          capture_output=True, text=True, timeout=120)


def test_clone_and_sync_over_ssh_one_connection_per_direction(ssh_team, sshd, tmp_path,
                                                              monkeypatch):
    a, b, bare = ssh_team
    log = tmp_path / "ssh-calls.log"
    counting = tmp_path / "counting-ssh"
    counting.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec {sshd.ssh_command()} "$@"\n')
    counting.chmod(counting.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("GIT_SSH_COMMAND", str(counting))
    monkeypatch.setenv("GIT_SSH_VARIANT", "ssh")

    def calls() -> list[str]:
        lines = log.read_text().splitlines() if log.exists() else []
        log.unlink(missing_ok=True)
        return [x.rsplit(" ", 2)[-2].strip("'") for x in lines]  # git-upload-pack / -receive-pack

    carol = sync.clone(sshd.url(bare), tmp_path / "carol")
    assert (carol.root / "projects" / "demo" / "project.toml").is_file()
    assert calls() == ["git-upload-pack"]
    b.new_project("more", "第二个项目", "客户")
    assert sync.sync(b).status == "pushed"
    assert calls() == ["git-upload-pack", "git-receive-pack"]
    assert sync.sync(a).status == "up-to-date"
    assert (a.root / "projects" / "more").is_dir()
    assert calls() == ["git-upload-pack"]
    assert sync.sync(a).status == "up-to-date"
    assert calls() == ["git-upload-pack"]  # nothing to push: no second connection


def test_wrong_key_is_auth_refused_naming_ssh_add(ssh_team, sshd):
    _a, b, _bare = ssh_team
    env = {"GIT_SSH_COMMAND": sshd.ssh_command(sshd.wrong_key)}
    p = accord("sync", cwd=b.root, env=env)
    assert p.returncode == 1
    assert "refused the ssh key" in p.stderr and "Permission denied (publickey)" in p.stderr
    assert "ssh-add" in p.stderr and len(p.stderr.strip().splitlines()) == 1
    p = accord("sync", "--format", "json", cwd=b.root, env=env)
    assert p.returncode == 1 and json.loads(p.stdout)["error"]["code"] == "auth"
    p = accord("clone", sshd.url(_bare), "c2", cwd=b.root.parent, env=env)
    assert p.returncode == 1 and "ssh-add" in p.stderr
    assert not (b.root.parent / "c2").exists()


def test_sshd_down_and_a_closed_port_are_unreachable(ssh_team, sshd):
    _a, b, bare = ssh_team
    sshd.stop()
    p = accord("sync", cwd=b.root)
    assert p.returncode == 1 and "cannot be reached" in p.stderr
    assert "Connection refused" in p.stderr
    url = sshd.url(bare).replace(f":{sshd.port}/", f":{_free_port()}/")
    p = accord("clone", url, "c3", "--format", "json", cwd=b.root.parent)
    assert p.returncode == 1 and json.loads(p.stdout)["error"]["code"] == "unreachable"
    p = accord("init", "c4", "--remote", url, cwd=b.root.parent)
    assert p.returncode == 1 and "cannot be reached" in p.stderr
    assert not (b.root.parent / "c4").exists()


def test_missing_remote_path_is_no_such_repository(ssh_team, sshd, tmp_path):
    _a, b, _bare = ssh_team
    missing = sshd.url(tmp_path / "nowhere.git")
    subprocess.run(["git", "remote", "set-url", "origin", missing], cwd=b.root, check=True)
    p = accord("sync", cwd=b.root)
    assert p.returncode == 1 and "no such repository" in p.stderr
    assert "nowhere.git" in p.stderr
    p = accord("clone", missing, "c5", cwd=tmp_path)
    assert p.returncode == 1 and "no such repository" in p.stderr


def test_hook_refusal_over_ssh_shows_the_hooks_message(ssh_team, sshd):
    a, b, bare = ssh_team
    hook = bare / "hooks" / "pre-receive"
    hook.write_text('#!/bin/sh\necho "pushes are closed for the release (王芳)" >&2\nexit 1\n')
    hook.chmod(0o755)
    b.baseline("demo", "kickoff")
    p = accord("sync", cwd=b.root)
    assert p.returncode == 1
    assert "pushes are closed for the release (王芳)" in p.stderr
    assert "accord/demo/kickoff" in p.stderr  # the refused tag is named


def test_permission_denied_on_the_remote_path_over_ssh(ssh_team, sshd, unwritable_dir):
    """Tests run as root, whom no file mode stops: the remote's object store
    is put where nobody may write (a place of the kernel's)."""
    a, b, bare = ssh_team
    target = unwritable_dir
    shutil.rmtree(bare / "objects")
    (bare / "objects").symlink_to(target)
    b.new_project("more", "第二个项目", "客户")
    p = accord("sync", cwd=b.root)
    assert p.returncode == 1 and "permission denied on the remote" in p.stderr


def test_a_key_with_a_passphrase_is_refused_naming_ssh_add_and_ssh_add_works(
        ssh_team, sshd, tmp_path):
    """No prompt ever: the sync stops with one line naming ssh-add; once the
    key is in an agent (as that line says) the same sync works."""
    _a, b, _bare = ssh_team
    locked = tmp_path / "locked_key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "s3cret pass", "-f",
                    str(locked)], check=True, capture_output=True)
    with open(sshd.dir / "authorized_keys", "a") as f:
        f.write(Path(f"{locked}.pub").read_text())
    command = (f"ssh -i {locked} -o IdentitiesOnly=yes "
               f"-o UserKnownHostsFile={sshd.dir / 'known_hosts'}")
    env = {"GIT_SSH_COMMAND": command, "SSH_AUTH_SOCK": ""}
    b.new_project("more", "第二个项目", "客户")
    p = accord("sync", cwd=b.root, env=env)
    assert p.returncode == 1 and "ssh-add" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    agent = subprocess.run(["ssh-agent", "-s"], capture_output=True, text=True, check=True)
    found = dict(x.split("=", 1) for x in agent.stdout.replace(";", "\n").split()
                 if x.startswith("SSH_") and "=" in x)
    try:
        askpass = tmp_path / "askpass"
        askpass.write_text("#!/bin/sh\necho 's3cret pass'\n")
        askpass.chmod(0o755)
        subprocess.run(["ssh-add", str(locked)], check=True, capture_output=True,
                       stdin=subprocess.DEVNULL,
                       env=dict(os.environ, SSH_AUTH_SOCK=found["SSH_AUTH_SOCK"],
                                SSH_ASKPASS=str(askpass), SSH_ASKPASS_REQUIRE="force",
                                DISPLAY=":0"))
        p = accord("sync", cwd=b.root, env=dict(env, SSH_AUTH_SOCK=found["SSH_AUTH_SOCK"]))
        assert p.returncode == 0, p.stderr
        assert "pushed" in p.stderr
    finally:
        subprocess.run(["kill", found["SSH_AGENT_PID"]], check=False)


def test_an_unknown_host_key_is_refused_naming_how_to_accept_it(ssh_team, sshd, tmp_path):
    _a, b, _bare = ssh_team
    (tmp_path / "empty_known_hosts").write_text("")
    command = sshd.ssh_command().replace(str(sshd.dir / "known_hosts"),
                                         str(tmp_path / "empty_known_hosts"))
    p = accord("sync", "--format", "json", cwd=b.root, env={"GIT_SSH_COMMAND": command})
    assert p.returncode == 1
    err = json.loads(p.stdout)["error"]
    assert err["code"] == "hostkey" and "`ssh HOST`" in err["message"]
