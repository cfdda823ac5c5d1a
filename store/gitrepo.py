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
import re
import subprocess
import time
from pathlib import Path

from .errors import CommitFailed, ReadOnlyError, RepoStateError

# git settings that every call gets: readable paths, no pager, no colour
BASE = ["git", "-c", "core.quotepath=off", "-c", "color.ui=false",
        "-c", "core.pager=cat"]
LOCK_NAME = "accord.lock"
INDEX_LOCK_WAIT = 1.5  # seconds a live git process may hold index.lock
WRITE_LOCK_WAIT = 60.0  # seconds a save waits for other saves


def run_git(args: list, cwd=None, text: bool = True,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run git outside any workspace (clone, init --bare, global config):
    the result is returned, not checked.  Arguments may be str or bytes;
    ``text=False`` gives bytes out."""
    return subprocess.run(
        [a if isinstance(a, bytes) else str(a) for a in ("git", *args)],
        cwd=cwd, capture_output=True, env=env,
        text=text, encoding="utf-8" if text else None,
        errors="replace" if text else None)


_HEX = re.compile(rb"[0-9a-f]+")

# git commands that only read: all a read-only repository runs (an allow
# list, so a command added later is refused until it is known to be a read)
READ_COMMANDS = frozenset({
    "rev-parse", "cat-file", "log", "show", "diff", "diff-tree", "ls-files",
    "ls-tree", "merge-base", "status", "for-each-ref", "show-ref", "rev-list",
    "ls-remote", "describe", "name-rev", "check-attr", "var"})


def is_read(args) -> bool:
    """True when ``git *args`` only reads: a READ_COMMANDS command, or the
    listing forms of config, tag, remote and branch (git's own options
    before the command, such as ``-c key=value``, are looked past)."""
    args = [str(a) for a in args]
    while args and args[0].startswith("-"):  # git's own options come first
        args = args[2:] if args[0] in ("-c", "-C") else args[1:]
    if not args:
        return False
    cmd, rest = args[0], args[1:]
    opts = [a for a in rest if a.startswith("-")]
    plain = [a for a in rest if not a.startswith("-")]
    if cmd in READ_COMMANDS:
        return True
    if cmd == "config":  # `config KEY`, `--get*`, `--list`
        return (any(o.startswith("--get") or o in ("--list", "-l") for o in opts)
                or len(plain) <= 1 and not any(
                    o.startswith(("--unset", "--add", "--replace", "--rename",
                                  "--remove", "--edit", "-e")) for o in opts))
    if cmd == "tag":
        return not plain or any(o in ("--list", "-l") for o in opts)
    if cmd == "hash-object":  # -w writes the object
        return "-w" not in opts
    if cmd == "remote":
        return not plain or plain[0] in ("show", "get-url")
    if cmd == "branch":
        return not plain and not any(o.startswith(("-d", "-D", "-m", "-M", "-c", "-C",
                                                   "--delete", "--move", "--copy",
                                                   "--set-upstream", "-u", "--unset",
                                                   "--edit")) for o in opts)
    return False


def git_error_line(stderr: str | bytes | None, default: str = "") -> str:
    """The line(s) of git's stderr that say what failed: its ``fatal:`` and
    ``error:`` lines (prefix dropped, joined by "; "), else the last line
    that is not a ``hint:``, else ``default``.  git often ends with a hint
    ("and the repository exists."), which names no cause."""
    if isinstance(stderr, bytes):
        stderr = stderr.decode("utf-8", "replace")
    lines = [x.strip() for x in (stderr or "").splitlines() if x.strip()]
    causes = []
    for x in lines:
        low = x.lower()
        for prefix in ("fatal:", "error:"):
            if low.startswith(prefix):
                what = x[len(prefix):].strip()
                if what and what not in causes:
                    causes.append(what)
    if causes:
        return "; ".join(causes)
    rest = [x for x in lines if not x.lower().startswith("hint:")]
    return rest[-1] if rest else default


class GitError(Exception):
    def __init__(self, args, code, stderr):
        self.code = code
        self.stderr = stderr
        super().__init__(f"git {' '.join(args)} failed ({code}): "
                         f"{git_error_line(stderr)}")


class GitRepo:
    def __init__(self, root: Path, read_only: bool = False):
        self.root = Path(root)
        self._git_dir: Path | None = None
        # set by the Workspace: only reads (is_read) run, and no optional
        # locks (git status would otherwise refresh the index)
        self.read_only = read_only

    # --- plumbing -------------------------------------------------------
    def run(self, *args: str, input: bytes | str | None = None,
            check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
        if self.read_only and not is_read(args):
            raise ReadOnlyError()
        text = isinstance(input, str) or input is None
        full_env = None
        if env or self.read_only:
            full_env = dict(os.environ)
            full_env.update(env or {})
            if self.read_only:
                full_env["GIT_OPTIONAL_LOCKS"] = "0"
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
            key = self._config_key()
            cfg = self.__dict__.get("_identity_memo", {}).get(key)
            if cfg is None:
                p = self.run("config", "-z", "--get-regexp", r"^user\.(name|email)$",
                             check=False)
                cfg = {}
                for entry in p.stdout.split("\0"):
                    if "\n" in entry:
                        k, v = entry.split("\n", 1)
                        cfg[k] = v
                if key and cfg.get("user.name") and cfg.get("user.email"):
                    self._identity_memo = {key: cfg}  # found: reuse while no config changes
            name = name or cfg.get("user.name")
            email = email or cfg.get("user.email")
        if not (name and name.strip() and email and email.strip()):
            return None
        return name, email

    def _config_key(self) -> tuple | None:
        """What git's identity depends on: the GIT_* environment and the
        stat of each config file (saves a `git config` process per save; an
        identity found is reused only while none of these changed)."""
        env = os.environ
        if (self.git_dir / "commondir").exists():
            return None  # a worktree: more config files than these
        home = env.get("HOME", "")
        xdg = env.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        files = (env.get("GIT_CONFIG_GLOBAL") or os.path.join(home, ".gitconfig"),
                 os.path.join(xdg, "git", "config"),
                 env.get("GIT_CONFIG_SYSTEM") or "/etc/gitconfig",
                 str(self.git_dir / "config"))
        key: list = [tuple(sorted((k, v) for k, v in env.items() if k.startswith("GIT_")))]
        for f in files:
            try:
                st = os.stat(f)
                key.append((f, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
            except OSError:
                key.append((f, None))
        return tuple(key)

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
        if self.sync_interrupted():
            raise RepoStateError(
                "a sync was interrupted while it merged: run `accord sync "
                "--abort`, then `accord sync`, before saving")
        self.wait_index_lock()

    def sync_interrupted(self) -> bool:
        """``accord sync`` was killed while writing its merge (its state file,
        ``.git/accord-sync``, still says ``merging``; see store.syncmerge)."""
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
                raise RepoStateError(
                    f"{lock} exists and no git process released it: if no git "
                    f"command is running, a crashed one left it; remove the file")
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
                        raise RepoStateError(
                            f"another Accord save has held {path} for "
                            f"{wait:.0f} s: wait for it, or stop that process") from None
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
            raise CommitFailed(
                "git refused the commit"
                + (f": {err}" if err else "")
                + " (a hook may have failed); nothing was saved")
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


# --- bulk history reads (one streamed log, one cat-file --batch) ---------------

RAW_FORMAT = "%x01%H%x00%P%x00%an%x00%ae%x00%aI%x00%B%x00"
LIST_FORMAT = "%H%x00%P%x00%an%x00%ae%x00%aI%x00%s"


class RawChange:
    """One entry of ``git log --raw``: status letter (A, M, D, R, C, T),
    old and new blob ids (None for the null id) and paths."""
    __slots__ = ("status", "old_blob", "new_blob", "old_path", "new_path")

    def __init__(self, status, old_blob, new_blob, old_path, new_path):
        self.status = status
        self.old_blob = old_blob
        self.new_blob = new_blob
        self.old_path = old_path
        self.new_path = new_path

    def __repr__(self):  # pragma: no cover - debugging aid
        return (f"RawChange({self.status} {self.old_path} -> {self.new_path})")


class RawCommit:
    __slots__ = ("id", "parents", "author_name", "author_email", "date",
                 "message", "changes")

    def __init__(self, id, parents, author_name, author_email, date, message,
                 changes):
        self.id = id
        self.parents = parents
        self.author_name = author_name
        self.author_email = author_email
        self.date = date
        self.message = message
        self.changes = changes


_NULL = "0" * 40


def _parse_raw_chunk(chunk: bytes) -> RawCommit | None:
    text = chunk.decode("utf-8", "replace")
    parts = text.split("\0", 6)
    if len(parts) < 6:
        return None
    cid, parents, an, ae, date, body = parts[:6]
    rest = parts[6] if len(parts) > 6 else ""
    tokens = rest.lstrip("\0\n").split("\0")
    changes = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        i += 1
        if not tok.startswith(":"):
            continue
        meta = tok[1:].split()
        if len(meta) < 5:
            continue
        old_blob = None if meta[2] == _NULL else meta[2]
        new_blob = None if meta[3] == _NULL else meta[3]
        status = meta[4][:1]
        p1 = tokens[i] if i < n else ""
        i += 1
        if status == "R" or status == "C":
            p2 = tokens[i] if i < n else ""
            i += 1
            changes.append(RawChange(status, old_blob, new_blob, p1, p2))
        elif status == "A":
            changes.append(RawChange(status, None, new_blob, None, p1))
        elif status == "D":
            changes.append(RawChange(status, old_blob, None, p1, None))
        else:
            changes.append(RawChange(status, old_blob, new_blob, p1, p1))
    return RawCommit(cid, parents.split(), an, ae, date, body, changes)


def _log_env() -> dict:
    env = dict(os.environ)
    env.setdefault("LC_ALL", "C")
    return env


def _iter_stream(proc, sep: bytes):
    buf = b""
    while True:
        data = proc.stdout.read(1 << 16)
        if not data:
            break
        buf += data
        pieces = buf.split(sep)
        buf = pieces.pop()
        for piece in pieces:
            if piece:
                yield piece
    if buf:
        yield buf


# bulk-read methods, attached to GitRepo at the end of the module (additive)
def commit_list(self, revs: list[str], paths: list[str] = ()) -> list[tuple]:
    """Commits reachable from ``revs`` (git revision syntax, e.g.
    ``["abc..HEAD"]``), oldest first, parents before children, as
    ``(id, parents, author name, author email, author date ISO, subject)``.
    One process, no diffs: cheap even for tens of thousands of commits."""
    return commit_list_soon(self, revs, paths)()


def commit_list_soon(self, revs: list[str], paths: list[str] = ()):
    """``commit_list`` started: git walks while the caller works on; the
    function returned waits for it and gives the list."""
    if self.head() is None:
        return lambda: []
    proc = subprocess.Popen(BASE + ["log", "--reverse", "--date-order", "-z",
                                    f"--format={LIST_FORMAT}", *revs, "--", *paths],
                            cwd=self.root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)

    def collect() -> list[tuple]:
        out_b, err_b = proc.communicate()
        if proc.returncode != 0:
            raise GitError(["log", *revs], proc.returncode,
                           err_b.decode("utf-8", "replace"))
        return _commit_rows(out_b.decode("utf-8", "replace"))
    return collect


def _commit_rows(text: str) -> list[tuple]:
    out = []
    fields = text.split("\0")
    for j in range(0, len(fields) - 5, 6):
        cid = fields[j].lstrip("\n")
        out.append((cid, fields[j + 1].split(), fields[j + 2],
                    fields[j + 3], fields[j + 4], fields[j + 5]))
    return out


def is_ancestor(self, old: str, new: str) -> bool:
    """Whether commit ``old`` is ``new`` or one of its ancestors."""
    return self.run("merge-base", "--is-ancestor", old, new,
                    check=False).returncode == 0


def raw_log(self, commits: list[str] | None, paths: list[str] = (),
            walk: tuple[list[str], int] | None = None):
    """Stream ``RawCommit`` for exactly ``commits`` (ids, in the order
    given): message, author, and the files changed against the first
    parent (renames found with -M; a merge is diffed against its first
    parent).  One ``git log --no-walk --stdin`` process.  ``walk``
    (revisions, n) instead: the first n commits of git's own walk from
    those revisions (newest first), without a list of ids to give."""
    if walk is not None:
        revs, n = walk
        if self.head() is None or n <= 0:
            return
        where = ["-n", str(n), *revs]
    elif not commits:
        return
    else:
        where = ["--no-walk=unsorted", "--stdin"]
    args = BASE + ["log", *where, "-z", "--raw",
                   "--no-abbrev", "-M", "--diff-merges=first-parent",
                   "--no-color", f"--format={RAW_FORMAT}", "--", *paths]
    proc = subprocess.Popen(args, cwd=self.root,
                            stdin=subprocess.DEVNULL if walk else subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=_log_env())
    import threading

    def feed():
        try:
            proc.stdin.write(("\n".join(commits) + "\n").encode())
            proc.stdin.close()
        except (BrokenPipeError, OSError):
            pass

    t = None
    if walk is None:
        t = threading.Thread(target=feed, daemon=True)
        t.start()
    try:
        for chunk in _iter_stream(proc, b"\x01"):
            rc = _parse_raw_chunk(chunk)
            if rc is not None:
                yield rc
    finally:
        if t is not None:
            t.join()
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        code = proc.wait()
    if code != 0:
        raise GitError(["log", *where[:2]], code,
                       err.decode("utf-8", "replace"))

def tree_blobs(self, rev: str, prefix: str) -> dict[str, str]:
    """{path: blob id} of every file under ``prefix`` at ``rev`` (one
    ``git ls-tree -r -z``)."""
    p = self.run("ls-tree", "-r", "-z", "--full-tree", rev, "--", prefix,
                 check=False)
    out = {}
    for entry in p.stdout.split("\0"):
        meta, tab, path = entry.partition("\t")
        parts = meta.split()
        if tab and len(parts) == 3 and parts[1] == "blob":
            out[path] = parts[2]
    return out


def blob_reader(self) -> "BlobReader":
    return BlobReader(self.root)


class BlobReader:
    """Objects through one ``git cat-file --batch`` process.  ``get(spec)``
    takes a blob id or ``rev:path`` and returns the bytes, or None when the
    object does not exist.  Use as a context manager."""

    def __init__(self, root: Path):
        self.root = root
        self.proc = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _start(self):
        self.proc = subprocess.Popen(
            BASE + ["cat-file", "--batch"], cwd=self.root,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, env=_log_env())

    def get(self, spec: str) -> bytes | None:
        if "\n" in spec:
            return None
        if self.proc is None:
            self._start()
        self.proc.stdin.write(spec.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        header = self.proc.stdout.readline()
        if not header:
            raise GitError(["cat-file", "--batch"], -1, "git cat-file ended")
        parts = header.split()
        if len(parts) < 3 or parts[-1] == b"missing" or parts[1] == b"missing":
            return None
        if parts[1] == b"ambiguous":
            return None
        size = int(parts[2])
        data = self.proc.stdout.read(size)
        self.proc.stdout.read(1)  # the newline after the contents
        return data if parts[1] == b"blob" else None

    def get_many(self, specs: list[str]) -> dict[str, bytes | None]:
        """Many objects in one pipelined round: every request is written (by
        a feeder thread) while the answers are read, in order."""
        specs = [s for s in dict.fromkeys(specs) if s and "\n" not in s]
        if not specs:
            return {}
        if self.proc is None:
            self._start()
        import threading
        payload = "".join(s + "\n" for s in specs).encode("utf-8")
        proc = self.proc

        def feed():
            try:
                proc.stdin.write(payload)
                proc.stdin.flush()
            except (BrokenPipeError, OSError):
                pass

        t = threading.Thread(target=feed, daemon=True)
        t.start()
        out: dict[str, bytes | None] = {}
        rd = proc.stdout
        try:
            for spec in specs:
                header = rd.readline()
                if not header:
                    raise GitError(["cat-file", "--batch"], -1, "git cat-file ended")
                parts = header.split()
                if len(parts) < 3 or parts[1] in (b"missing", b"ambiguous") \
                        or parts[-1] == b"missing":
                    out[spec] = None
                    continue
                size = int(parts[2])
                data = rd.read(size)
                rd.read(1)
                out[spec] = data if parts[1] == b"blob" else None
        finally:
            t.join()
        return out

    def close(self):
        if self.proc is not None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            self.proc.stdout.close()
            self.proc.wait()
            self.proc = None


GitRepo.commit_list = commit_list
GitRepo.commit_list_soon = commit_list_soon
GitRepo.raw_log = raw_log
GitRepo.is_ancestor = is_ancestor
GitRepo.blob_reader = blob_reader
GitRepo.tree_blobs = tree_blobs
