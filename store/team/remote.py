"""Talking to a remote: every git command that goes over the network
(fetch, push, clone, ls-remote) runs through ``call``.

- git never reaches the terminal: stdin is /dev/null, the process has a
  session of its own (no controlling terminal: ssh cannot open /dev/tty),
  ``GIT_TERMINAL_PROMPT=0`` and ssh runs with ``BatchMode=yes``, so no
  passphrase, password or host-key question is ever asked (a key with a
  passphrase is loaded with ``ssh-add`` first);
- it has a timeout (``ACCORD_NET_TIMEOUT`` or ``[sync] timeout`` in
  accord.toml, seconds; ssh's ConnectTimeout and a hard limit on the
  process), and on a timeout, Ctrl+C or ``stop_all()`` its whole process
  group (git and ssh) is stopped;
- a failure is a ``RemoteError`` whose ``code`` says the cause, read from
  git's stderr by ``classify`` (both in ``remote_errors.py``);
  the words shown to the user are chosen by the caller;
- given a ``progress`` (store.progress_note), git runs with ``--progress``
  and its progress lines, read as they come, are parsed by GitPython's
  ``RemoteProgress`` (store.git.progress) and told to it.  The process
  stays this module's own (GitPython's ``Remote.fetch``/``push`` and
  ``Repo.clone_from`` start git in this process's session with
  ``LC_ALL=C``, which ssh sends to the server, and give no handle to stop
  it: see docs/architecture.md).
"""
from __future__ import annotations

import os
import shlex
import signal
import subprocess
import threading

from store.git import progress as git_progress
from store import progress_note
from store.errors import AccordError
from store.team.remote_errors import RemoteError, classify

DEFAULT_TIMEOUT = 60.0
TAGS_NS = "refs/accord/remote-tags"  # the remote's tags as last fetched

# --- the environment --------------------------------------------------------------

def timeout_of(ws=None) -> float:
    """Seconds a network command may take: ACCORD_NET_TIMEOUT, else
    ``[sync] timeout`` in the user's config.toml (the app's settings), else
    in accord.toml, else 60."""
    for value in (os.environ.get("ACCORD_NET_TIMEOUT"), _user_timeout(),
                  _config_timeout(ws)):
        try:
            if value is not None and float(value) > 0:
                return float(value)
        except (TypeError, ValueError):
            pass
    return DEFAULT_TIMEOUT


def _user_timeout():
    """``[sync] timeout`` of $XDG_CONFIG_HOME/accord/config.toml (the file
    tui.config reads; a broken one is reported there, ignored here)."""
    from store.model import codec
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(
        os.path.expanduser("~"), ".config")
    try:
        with open(os.path.join(base, "accord", "config.toml"), encoding="utf-8") as f:
            section = codec.parse(f.read()).get("sync")
    except (OSError, ValueError):
        return None
    return section.get("timeout") if isinstance(section, dict) else None


def _config_timeout(ws):
    if ws is None:
        return None
    try:
        section = ws.config.get("sync")
    except AccordError:
        return None
    return section.get("timeout") if isinstance(section, dict) else None


def env_for(timeout: float, ssh_command: str | None = None) -> dict:
    """The environment of a network git command: no terminal prompt, ssh in
    batch mode with a connect timeout and keep-alives.  ``ssh_command``:
    the command the user configured (core.sshCommand); GIT_SSH_COMMAND and
    GIT_SSH win over it as they do in git."""
    env = dict(os.environ)
    base = (env.get("GIT_SSH_COMMAND")
            or (shlex.quote(env["GIT_SSH"]) if env.get("GIT_SSH") else None)
            or ssh_command or "ssh")
    connect = max(1, min(30, int(timeout // 2)))
    alive = max(1, min(15, int(timeout // 4)))
    env["GIT_SSH_COMMAND"] = (f"{base} -o BatchMode=yes -o ConnectTimeout={connect} "
                              f"-o ServerAliveInterval={alive} -o ServerAliveCountMax=3")
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["SSH_ASKPASS_REQUIRE"] = "never"
    # git's own words in English (classify reads them); LANGUAGE, not
    # LC_ALL: ssh sends LC_* to the server, whose hooks keep their locale
    env["LANGUAGE"] = "en"
    env.pop("GIT_ASKPASS", None)
    return env


# --- running ------------------------------------------------------------------------

_live: dict[int, subprocess.Popen] = {}
_stopped: set[int] = set()
_lock = threading.Lock()


def _kill_group(proc: subprocess.Popen) -> None:
    """Stop git and everything it started (ssh): TERM, then KILL.  The
    group is git's own (start_new_session) and git is not yet waited for,
    so its id cannot have been reused."""
    for sig, wait in ((signal.SIGTERM, 2.0), (signal.SIGKILL, None)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(wait)
            if sig == signal.SIGTERM:
                os.killpg(proc.pid, signal.SIGKILL)  # ssh, if git left it
            return
        except subprocess.TimeoutExpired:
            continue
        except ProcessLookupError:
            return


def stop_all() -> None:
    """Stop every network command under way (the app quitting)."""
    with _lock:
        procs = list(_live.values())
        _stopped.update(p.pid for p in procs)
    for p in procs:
        try:
            os.killpg(p.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass


def call(args: list[str], cwd=None, op: str = "", where: str = "",
         timeout: float = DEFAULT_TIMEOUT, ssh_command: str | None = None,
         progress: progress_note.Progress | None = None) -> subprocess.CompletedProcess:
    """Run ``git ARGS`` as a network command (see the module's docstring);
    the result is returned whatever git's exit code.  Raises RemoteError
    ``timeout`` or ``stopped``; on Ctrl+C git and ssh are stopped before
    KeyboardInterrupt goes on.  ``progress``: git's progress goes there
    (``--progress`` is added after the subcommand)."""
    feed = git_progress.feeder(progress)
    if feed is not None:
        progress_note.safe(progress)(progress_note.CONNECTING, 0, None)
        args = [args[0], "--progress", *args[1:]]
    proc = subprocess.Popen(
        ["git", "-c", "core.quotepath=off", "-c", "color.ui=false", *args],
        cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, env=env_for(timeout, ssh_command),
        start_new_session=True)
    with _lock:
        _live[proc.pid] = proc
    try:
        if feed is None:
            out, err = proc.communicate(timeout=timeout)
        else:
            out, err = git_progress.read_as_it_comes(proc, timeout, feed)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        if feed is None:
            proc.communicate()
        err = RemoteError("timeout", f"no answer within {timeout:g} s", op, where)
        err.seconds = f"{timeout:g}"
        raise err from None
    except BaseException:  # Ctrl+C (KeyboardInterrupt) or the thread's end
        _kill_group(proc)
        raise
    finally:
        with _lock:
            _live.pop(proc.pid, None)
            stopped = proc.pid in _stopped
            _stopped.discard(proc.pid)
    if stopped:
        raise RemoteError("stopped", "stopped before it finished", op, where)
    return subprocess.CompletedProcess(
        proc.args, proc.returncode, out.decode("utf-8", "replace"),
        err.decode("utf-8", "replace"))


def failed(p: subprocess.CompletedProcess, op: str, where: str) -> RemoteError:
    cause, detail = classify(p.stderr or p.stdout or "")
    e = RemoteError(cause, detail or f"git {op} failed", op, where)
    e.stderr = p.stderr or ""
    return e


# --- the operations ------------------------------------------------------------------

def _ssh_command(repo) -> str | None:
    if os.environ.get("GIT_SSH_COMMAND") or os.environ.get("GIT_SSH"):
        return None  # they win over the config anyway
    p = repo.run("config", "--get", "core.sshCommand", check=False)
    return p.stdout.strip() or None


def fetch(ws, remote: str, progress: progress_note.Progress | None = None) -> None:
    """One connection: the remote's branches into refs/remotes/REMOTE/, its
    tags into refs/tags/ (as ``git fetch --tags``) and, to know later which
    of ours it lacks, into refs/accord/remote-tags/REMOTE/ (pruned)."""
    repo = ws.git
    p = call(["fetch", "--prune", "--tags", remote,
              f"+refs/heads/*:refs/remotes/{remote}/*",
              f"+refs/tags/*:{TAGS_NS}/{remote}/*"],
             cwd=repo.root, op="fetch from", where=remote,
             timeout=timeout_of(ws), ssh_command=_ssh_command(repo), progress=progress)
    if p.returncode != 0:
        raise failed(p, "fetch from", remote)


def push_plan(ws, remote: str, branch: str) -> list[str]:
    """What a push must send: the branch when HEAD is not what the remote
    has (as last fetched), and each annotated tag on HEAD's history that
    the remote lacks (what ``--follow-tags`` would send).  Empty: nothing
    to push, no connection."""
    repo = ws.git
    head = repo.head()
    if head is None:
        return []
    out = []
    if head != repo.rev_parse(f"refs/remotes/{remote}/{branch}"):
        out.append(f"HEAD:refs/heads/{branch}")
    ns = f"{TAGS_NS}/{remote}/"
    theirs = set(repo.out("for-each-ref", "--format=%(refname)", ns).split())
    for line in repo.out("for-each-ref", "--merged", "HEAD",
                         "--format=%(objecttype) %(refname)", "refs/tags").splitlines():
        kind, _, ref = line.partition(" ")
        if kind == "tag" and ns + ref[len("refs/tags/"):] not in theirs:
            out.append(ref)
    return out


def push(ws, remote: str, refspecs: list[str],
         progress: progress_note.Progress | None = None) -> list[tuple[str, str, str]]:
    """``git push --porcelain -u REMOTE REFSPECS`` (one connection); the
    rows (flag, ref, summary) when every ref was taken, else RemoteError
    (a refused tag is a failure like a refused branch)."""
    repo = ws.git
    p = call(["push", "--porcelain", "-u", remote, *refspecs], cwd=repo.root,
             op="push to", where=remote, timeout=timeout_of(ws),
             ssh_command=_ssh_command(repo), progress=progress)
    rows = []
    for line in p.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) >= 3 and len(parts[0]) == 1:
            rows.append((parts[0], parts[1].split(":")[-1], parts[2]))
    refused = [r for r in rows if r[0] == "!"]
    if p.returncode == 0 and not refused:
        return rows
    err = failed(subprocess.CompletedProcess(
        p.args, p.returncode, "", (p.stderr or "") + "\n" + "\n".join(
            f"{r[1]} {r[2]}" for r in refused)), "push to", remote)
    if refused:
        err.detail += " (refused: " + ", ".join(r[1] for r in refused) + ")"
        err.refused = [r[1] for r in refused]
    raise err


def ls_remote(url: str, ws=None, cwd=None) -> str:
    """The heads of ``url`` (``git ls-remote --heads``): that it is there,
    reachable and a git repository."""
    p = call(["ls-remote", "--heads", url], cwd=cwd or (ws.root if ws else None),
             op="reach", where=url, timeout=timeout_of(ws),
             ssh_command=_ssh_command(ws.git) if ws else None)
    if p.returncode != 0:
        raise failed(p, "reach", url)
    return p.stdout


def clone(url: str, path, progress: progress_note.Progress | None = None) -> None:
    """``git clone -q URL PATH`` (not quiet with a ``progress``); what a
    failed or stopped clone left is removed when PATH did not exist before."""
    import shutil
    existed = os.path.exists(path)
    quiet = [] if progress else ["-q"]
    try:
        p = call(["clone", *quiet, url, str(path)], op="clone", where=url,
                 timeout=timeout_of(None), progress=progress)
        if p.returncode != 0:
            raise failed(p, "clone", url)
    except BaseException:
        if not existed:
            shutil.rmtree(path, ignore_errors=True)
        raise


def unpushed(ws) -> int | None:
    """How many commits on HEAD the remote lacks, as last fetched (all of
    them before a first push); None when the workspace has no remote (seen
    in .git/config: no process then) or no branch."""
    repo = ws.git
    try:
        if '[remote "' not in (repo.git_dir / "config").read_text("utf-8", "replace"):
            return None
    except OSError:
        return None
    branch = repo.branch()
    if branch is None or repo.head() is None:
        return None
    p = repo.run("rev-list", "--count", "@{upstream}..HEAD", check=False)
    if p.returncode == 0:
        return int(p.stdout.strip() or 0)
    remotes = repo.out("remote").split()
    if not remotes:
        return None
    ref = f"refs/remotes/{'origin' if 'origin' in remotes else remotes[0]}/{branch}"
    rng = f"{ref}..HEAD" if repo.rev_parse(ref) else "HEAD"
    return int(repo.out("rev-list", "--count", rng).strip() or 0)
