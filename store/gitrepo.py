"""The one module that talks to git.

Porcelain ``git`` subprocesses are used for writes (``git commit --only`` runs
the repository's hooks and commits exactly the named paths, leaving the user's
other staged and unstaged work alone) and for bulk reads (one streamed
``git log``, blobs through one ``git cat-file --batch``).  Paths are always
passed after ``--``.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import subprocess
import time
from pathlib import Path

from .errors import CommitFailed, RepoStateError

# git settings that every call gets: readable paths, no pager, no colour
BASE = ["git", "-c", "core.quotepath=off", "-c", "color.ui=false",
        "-c", "core.pager=cat"]
LOCK_NAME = "accord.lock"
INDEX_LOCK_WAIT = 1.5  # seconds a live git process may hold index.lock
WRITE_LOCK_WAIT = 60.0  # seconds a save waits for other saves


class GitError(Exception):
    def __init__(self, args, code, stderr):
        self.code = code
        self.stderr = stderr
        super().__init__(f"git {' '.join(args)} failed ({code}): "
                         f"{stderr.strip().splitlines()[-1] if stderr.strip() else ''}")


class GitRepo:
    def __init__(self, root: Path):
        self.root = Path(root)
        self._git_dir: Path | None = None

    # --- plumbing -------------------------------------------------------
    def run(self, *args: str, input: bytes | str | None = None,
            check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
        text = isinstance(input, str) or input is None
        full_env = None
        if env:
            full_env = dict(os.environ)
            full_env.update(env)
        p = subprocess.run(
            BASE + list(args), cwd=self.root, input=input,
            capture_output=True, text=text,
            encoding="utf-8" if text else None,
            errors="replace" if text else None, env=full_env)
        if check and p.returncode != 0:
            raise GitError(args, p.returncode, p.stderr if text else
                           p.stderr.decode("utf-8", "replace"))
        return p

    def out(self, *args: str, **kw) -> str:
        return self.run(*args, **kw).stdout

    @property
    def git_dir(self) -> Path:
        if self._git_dir is None:
            dot = self.root / ".git"
            if dot.is_dir():
                self._git_dir = dot
            else:
                gd = self.out("rev-parse", "--git-dir").strip()
                self._git_dir = (self.root / gd).resolve()
        return self._git_dir

    @staticmethod
    def init(path: Path) -> "GitRepo":
        path.mkdir(parents=True, exist_ok=True)
        subprocess.run(["git", "init", "-q", str(path)], check=True,
                       capture_output=True)
        return GitRepo(path)

    # --- state ----------------------------------------------------------
    def branch(self) -> str | None:
        """The current branch name, or None on a detached HEAD."""
        head = (self.git_dir / "HEAD").read_text().strip()
        if head.startswith("ref: refs/heads/"):
            return head[len("ref: refs/heads/"):]
        return None

    def head(self) -> str | None:
        p = self.run("rev-parse", "-q", "--verify", "HEAD", check=False)
        return p.stdout.strip() or None

    def operation_in_progress(self) -> str | None:
        g = self.git_dir
        for name, what in (("MERGE_HEAD", "a merge"),
                           ("rebase-merge", "a rebase"),
                           ("rebase-apply", "a rebase or am"),
                           ("CHERRY_PICK_HEAD", "a cherry-pick"),
                           ("REVERT_HEAD", "a revert")):
            if (g / name).exists():
                return what
        return None

    def identity(self) -> tuple[str, str] | None:
        """(name, email) from the environment or git config; None if either
        is missing.  Accord never invents an identity."""
        name = os.environ.get("GIT_AUTHOR_NAME")
        email = os.environ.get("GIT_AUTHOR_EMAIL")
        if not (name and email):
            p = self.run("config", "-z", "--get-regexp", r"^user\.(name|email)$",
                         check=False)
            cfg = {}
            for entry in p.stdout.split("\0"):
                if "\n" in entry:
                    k, v = entry.split("\n", 1)
                    cfg[k] = v
            name = name or cfg.get("user.name")
            email = email or cfg.get("user.email")
        if not (name and name.strip() and email and email.strip()):
            return None
        return name, email

    def check_writable(self) -> None:
        """Refuse, before anything is written, the states in which a commit
        would be wrong or would fail."""
        if self.identity() is None:
            raise RepoStateError(
                "no git identity: set one with `git config --global user.name "
                "\"Your Name\"` and `git config --global user.email you@example.com`")
        if self.branch() is None:
            raise RepoStateError(
                "HEAD is detached: check out a branch first "
                "(e.g. `git switch main`)")
        op = self.operation_in_progress()
        if op:
            raise RepoStateError(
                f"{op} is in progress: finish it or abort it with git "
                f"before saving (e.g. `git merge --abort`, `git rebase --abort`)")
        self.wait_index_lock()

    def wait_index_lock(self) -> None:
        lock = self.git_dir / "index.lock"
        deadline = time.monotonic() + INDEX_LOCK_WAIT
        while lock.exists():
            if time.monotonic() > deadline:
                raise RepoStateError(
                    f"{lock} exists and no git process released it: if no git "
                    f"command is running, a crashed one left it; remove the file")
            time.sleep(0.02)

    # --- the write lock ---------------------------------------------------
    @contextlib.contextmanager
    def write_lock(self, wait: float = WRITE_LOCK_WAIT):
        """A lock in .git/ that serialises saves of every Accord process on
        this clone.  flock is released by the kernel when a process dies, so
        a crashed save never leaves a stale lock behind."""
        path = self.git_dir / LOCK_NAME
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o664)
        try:
            deadline = time.monotonic() + wait
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EACCES):
                        raise
                    if time.monotonic() > deadline:
                        raise RepoStateError(
                            f"another Accord save has held {path} for "
                            f"{wait:.0f} s: wait for it, or stop that process")
                    time.sleep(0.01)
            yield
        finally:
            os.close(fd)  # closing the descriptor releases the flock

    # --- writes -----------------------------------------------------------
    def is_tracked(self, rel: str) -> bool:
        p = self.run("ls-files", "--error-unmatch", "--", rel, check=False)
        return p.returncode == 0

    def commit_paths(self, paths: list[str], message: str,
                     new_paths: list[str] = ()) -> str:
        """Commit exactly ``paths`` (relative to the root) as they are in the
        work tree, whatever else is staged.  ``new_paths`` are not yet known
        to git and are added first.  Returns the new commit id."""
        if new_paths:
            self.run("add", "--", *new_paths)
        p = self.run("commit", "--only", "--no-status", "--cleanup=verbatim",
                     "-F", "-", "--", *paths, input=message, check=False)
        if p.returncode != 0:
            if new_paths:  # leave the index as it was
                self.run("rm", "--cached", "-q", "--force", "--ignore-unmatch",
                         "--", *new_paths, check=False)
            err = (p.stderr or p.stdout).strip().splitlines()
            raise CommitFailed(
                "git refused the commit"
                + (f": {err[-1]}" if err else "")
                + " (a hook may have failed); nothing was saved")
        # "[main 1a2b3c4] subject" - ask for the full id
        return self.out("rev-parse", "HEAD").strip()

    def tag(self, name: str, message: str, rev: str = "HEAD") -> None:
        self.run("tag", "-a", name, "-m", message, rev)

    def tags(self, pattern: str) -> list[str]:
        return self.out("tag", "--list", pattern).split()

    # --- reads ------------------------------------------------------------
    def show_bytes(self, rev: str, rel: str) -> bytes | None:
        p = self.run("cat-file", "blob", f"{rev}:{rel}", check=False,
                     input=b"")
        return p.stdout if p.returncode == 0 else None

    def deleted_names(self, folder: str, since: str | None = None) -> list[str]:
        """Names of files under ``folder`` that commits on this branch deleted
        (or renamed away), optionally only in ``since..HEAD``."""
        rng = [f"{since}..HEAD"] if since else ["HEAD"]
        p = self.run("log", "--format=", "--name-only", "--no-renames",
                     "--diff-filter=D", *rng, "--", folder, check=False)
        return [Path(line).name for line in p.stdout.splitlines() if line]

    def rev_parse(self, rev: str) -> str | None:
        p = self.run("rev-parse", "-q", "--verify", f"{rev}^{{commit}}",
                     check=False)
        return p.stdout.strip() or None
