"""The git layer: ``GitRepo``, the one object the store talks to git through.

Its parts: this module (state read from .git/ without a process, the
save's ``git commit --only``, the write lock), store/git/config.py (identity,
config, remotes), store/git/tags.py (baselines, through GitPython),
store/git/index.py (the index and merge steps of a sync),
store/git/stream.py (the log stream and ``cat-file --batch``); every process
starts in store/git/run.py.  ``git commit --only`` runs the repository's
hooks and commits exactly the named paths, leaving the user's other staged
and unstaged work alone.  Paths are always passed after ``--``.
"""
from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
import subprocess
import time
from pathlib import Path

from store.git import run as gitrun
from store.errors import CommitFailed, ReadOnlyError, RepoStateError
from store.git.config import Config
from store.git.index import IndexOps
from store.git.run import BASE, READ_COMMANDS, GitError, git_error_line, is_read, run_git  # noqa: F401
from store.git.stream import BlobReader, RawChange, RawCommit, StreamReads  # noqa: F401
from store.git.tags import Baseline, Tags  # noqa: F401

LOCK_NAME = "accord.lock"
INDEX_LOCK_WAIT = 1.5  # seconds a live git process may hold index.lock
WRITE_LOCK_WAIT = 60.0  # seconds a save waits for other saves

_HEX = re.compile(rb"[0-9a-f]+")


# operation_in_progress()'s words in Chinese (RepoStateError "git-operation")
_OP_ZH = {"a merge": "合并", "a rebase": " rebase", "a rebase or am": " rebase 或 am",
          "a cherry-pick": " cherry-pick", "a revert": " revert"}

class GitRepo(Config, Tags, IndexOps, StreamReads):
    """One repository: every git command Accord runs on it goes through
    ``run`` (or the streamed reads of store/git/stream.py)."""

    def __init__(self, root: Path, read_only: bool = False):
        self.root = Path(root)
        self._git_dir: Path | None = None
        # set by the Workspace: only reads (is_read) run, and no optional
        # locks (git status would otherwise refresh the index)
        self.read_only = read_only

    # --- plumbing -------------------------------------------------------
    def run(self, *args, input: bytes | str | None = None, check: bool = True,
            env: dict | None = None, text: bool | None = None
            ) -> subprocess.CompletedProcess:
        """``git *args`` in the work tree (store.git.run.run): refused when
        read-only and it writes."""
        return gitrun.run(args, cwd=self.root, input=input, check=check, env=env,
                          read_only=self.read_only, text=text)

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
        gitrun.run(["init", "-q", str(path)])
        return GitRepo(path)

    # --- state ----------------------------------------------------------
    def branch(self) -> str | None:
        """The current branch name, or None on a detached HEAD."""
        head = (self.git_dir / "HEAD").read_text().strip()
        if head.startswith("ref: refs/heads/"):
            return head[len("ref: refs/heads/"):]
        return None

    def head(self) -> str | None:
        """The commit id of HEAD, None on an unborn branch."""
        sha = self._head_from_files()
        if sha:
            return sha
        p = self.run("rev-parse", "-q", "--verify", "HEAD", check=False)
        return p.stdout.strip() or None

    def _head_from_files(self) -> str | None:
        """HEAD read as git reads it first: ``.git/HEAD``, then the loose ref
        it names (a loose ref is authoritative over packed-refs; refs are
        replaced by rename, so a read never sees half of one).  None (ask
        git) for anything else: a packed ref, a linked worktree, reftable,
        a symbolic ref to a symbolic ref.  Saves a process per call."""
        g = self.git_dir
        try:
            head = (g / "HEAD").read_bytes().strip()
            if head.startswith(b"ref: refs/"):
                if (g / "commondir").exists():  # a linked worktree
                    return None
                head = (g / head[5:].decode("ascii")).read_bytes().strip()
        except (OSError, UnicodeError, ValueError):
            return None
        if len(head) in (40, 64) and _HEX.fullmatch(head):
            return head.decode("ascii")
        return None

    def operation_in_progress(self) -> str | None:
        """What git is doing, in words ("a merge", "a rebase", ...) or None."""
        g = self.git_dir
        for name, what in (("MERGE_HEAD", "a merge"),
                           ("rebase-merge", "a rebase"),
                           ("rebase-apply", "a rebase or am"),
                           ("CHERRY_PICK_HEAD", "a cherry-pick"),
                           ("REVERT_HEAD", "a revert")):
            if (g / name).exists():
                return what
        return None

    def check_writable(self) -> None:
        """Refuse, before anything is written, the states in which a commit
        would be wrong or would fail."""
        if self.identity() is None:
            raise RepoStateError(code="git-no-identity")
        if self.branch() is None:
            raise RepoStateError(code="head-detached")
        op = self.operation_in_progress()
        if op:
            raise RepoStateError(code="git-operation", op=op, op_zh=_OP_ZH.get(op, op))
        if self.sync_interrupted():
            raise RepoStateError(code="sync-interrupted-save")
        self.wait_index_lock()

    def sync_interrupted(self) -> bool:
        """``accord sync`` was killed while writing its merge (its state file,
        ``.git/accord-sync``, still says ``merging``; see store.team.syncmerge)."""
        try:
            text = (self.git_dir / "accord-sync").read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        return '"phase": "merging"' in text

    def wait_index_lock(self) -> None:
        lock = self.git_dir / "index.lock"
        deadline = time.monotonic() + INDEX_LOCK_WAIT
        while lock.exists():
            if time.monotonic() > deadline:
                raise RepoStateError(code="index-lock", path=str(lock))
            time.sleep(0.02)

    # --- the write lock ---------------------------------------------------
    @contextlib.contextmanager
    def write_lock(self, wait: float = WRITE_LOCK_WAIT):
        """A lock in .git/ that serialises saves of every Accord process on
        this clone.  flock is released by the kernel when a process dies, so
        a crashed save never leaves a stale lock behind.  Every save takes
        it, so a read-only repository refuses here too."""
        if self.read_only:
            raise ReadOnlyError()
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
                        raise RepoStateError(code="write-lock", path=str(path),
                                             wait=wait) from None
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
        new_paths = list(new_paths)
        if new_paths:
            self.run("add", "--", *new_paths)
        p = self._commit_only(paths, message)
        if p.returncode != 0:
            # a file that exists but git does not know yet (made by hand): git
            # refuses it before any hook runs; add it and try once more.  Only
            # asked on failure, so a save costs one git process, not two.
            untracked = [x for x in paths if x not in new_paths
                         and (self.root / x).exists() and not self.is_tracked(x)]
            if untracked:
                self.run("add", "--", *untracked)
                new_paths += untracked
                p = self._commit_only(paths, message)
        if p.returncode != 0:
            if new_paths:  # leave the index as it was
                self.run("rm", "--cached", "-q", "--force", "--ignore-unmatch",
                         "--", *new_paths, check=False)
            err = git_error_line(p.stderr or p.stdout)
            raise (CommitFailed(code="commit-refused", err=err) if err else
                   CommitFailed(code="commit-refused-bare"))
        return self._head_after_commit()

    def _commit_only(self, paths, message):
        return self.run("commit", "-q", "--only", "--no-status", "--cleanup=verbatim",
                        "-F", "-", "--", *paths, input=message, check=False)

    def _head_after_commit(self) -> str:
        """The new commit's id, read from the loose ref the commit just wrote
        (no process); ``rev-parse`` when the ref is elsewhere (worktrees,
        packed or symbolic refs)."""
        g = self.git_dir
        try:
            head = (g / "HEAD").read_text().strip()
            if head.startswith("ref: refs/heads/") and not (g / "commondir").exists():
                oid = (g / head[5:]).read_text().strip()
                if len(oid) in (40, 64) and all(c in "0123456789abcdef" for c in oid):
                    return oid
        except (OSError, UnicodeDecodeError):
            pass
        return self.out("rev-parse", "HEAD").strip()

    # --- reads ------------------------------------------------------------
    def show_bytes(self, rev: str, rel: str) -> bytes | None:
        p = self.run("cat-file", "blob", f"{rev}:{rel}", check=False,
                     input=b"")
        return p.stdout if p.returncode == 0 else None

    def deleted_names(self, folder: str, since: str | None = None) -> list[str]:
        """Names of files under ``folder`` that commits on this branch deleted
        (or renamed away), optionally only in ``since..HEAD``."""
        rng = [f"{since}..HEAD"] if since else ["HEAD"]
        return [Path(line).name for line in self.deleted_paths(rng, folder)]

    def rev_parse(self, rev: str) -> str | None:
        p = self.run("rev-parse", "-q", "--verify", f"{rev}^{{commit}}",
                     check=False)
        return p.stdout.strip() or None


def find_repository(path: Path) -> Path | None:
    """The work tree of the git repository holding ``path`` (it or a folder
    above), None when there is none.  GitPython's discovery: for ``doctor``,
    not for every command (importing GitPython costs more than the search
    each command makes by reading .git/)."""
    import git  # GitPython
    try:
        with git.Repo(path, search_parent_directories=True) as repo:
            return Path(repo.working_tree_dir) if repo.working_tree_dir else None
    except (git.exc.InvalidGitRepositoryError, git.exc.NoSuchPathError):
        return None

