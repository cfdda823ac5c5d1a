"""The index, tree and merge steps of a sync, an undo and a period, as
named methods of GitRepo (git CLI: each is one short command; the merge
steps run the repository's own merge machinery and hooks)."""
from __future__ import annotations

import subprocess


def _names(out: str, sep: str = "\0") -> list[str]:
    return [x for x in out.split(sep) if x]


class IndexOps:
    """Mixed into GitRepo (``self.run``, ``self.out``)."""

    # --- what the work tree, the index and trees hold -------------------------------
    def dirty(self, *paths: str) -> list[str]:
        """Tracked files under ``paths`` with changes not committed."""
        p = self.run("status", "--porcelain=v1", "-z", "--untracked-files=no",
                     "--", *paths)
        return [e[3:] for e in p.stdout.split("\0") if len(e) > 3]

    def unmerged(self) -> dict[str, dict[int, str]]:
        """{path: {stage: blob id}} of the unmerged index entries."""
        out: dict[str, dict[int, str]] = {}
        for entry in _names(self.out("ls-files", "-u", "-z")):
            meta, path = entry.split("\t", 1)
            _mode, sha, stage = meta.split()
            out.setdefault(path, {})[int(stage)] = sha
        return out

    def tree_paths(self, rev: str, prefix: str) -> set[str]:
        """Every file under ``prefix`` at ``rev``."""
        return set(_names(self.out("ls-tree", "-r", "--name-only", "-z", rev,
                                   "--", prefix)))

    def added_paths(self, base: str, rev: str, prefix: str) -> set[str]:
        """Files under ``prefix`` that ``rev`` has and ``base`` had not."""
        return set(_names(self.out("diff", "--name-only", "-z", "--no-renames",
                                   "--diff-filter=A", base, rev, "--", prefix)))

    def deleted_paths(self, revs: list[str], prefix: str) -> list[str]:
        """Files under ``prefix`` deleted (or renamed away) by a commit of
        ``revs`` (git revision syntax)."""
        p = self.run("log", "--format=", "--name-only", "--no-renames",
                     "--diff-filter=D", *revs, "--", prefix, check=False)
        return _names(p.stdout, "\n")

    def changed_files(self, commit: str) -> list[str]:
        """The files one commit changed (a rename: both names)."""
        return _names(self.out("diff-tree", "--no-commit-id", "--name-only", "-r",
                               "-z", "--no-renames", "--root", commit))

    def last_commit_by(self, email: str, folder: str) -> tuple[str, str, str] | None:
        """(id, subject, Accord-Record trailer) of the newest commit by the
        author ``email`` touching ``folder``, None when there is none."""
        out = self.out("log", "-1", "-F", f"--author=<{email}>",
                       "--format=%H%x00%s%x00"
                       "%(trailers:key=Accord-Record,valueonly,separator=)",
                       "HEAD", "--", folder)
        if not out.strip():
            return None
        sha, subject, record = (out.rstrip("\n").split("\0") + ["", ""])[:3]
        return sha, subject, record

    def commits_since(self, commit: str, paths: list[str]) -> list[tuple[str, str]]:
        """(short id, author name) of the commits after ``commit`` that touch
        ``paths``, newest first."""
        out = self.out("log", "--format=%h%x00%an", f"{commit}..HEAD", "--", *paths)
        return [tuple((line.split("\0") + [""])[:2]) for line in out.splitlines()]

    def commit_date(self, rev: str) -> str:
        """The author date of ``rev`` (ISO), "" when it is no commit."""
        return self.run("log", "-1", "--format=%aI", rev, "--",
                        check=False).stdout.strip()

    def first_commit_date(self, rev: str = "HEAD") -> str:
        """The author date of the oldest root commit of ``rev`` (ISO), ""
        when there is none."""
        p = self.run("log", "--reverse", "--format=%aI", "--max-parents=0", rev,
                     "--", check=False)
        return (p.stdout.split() or [""])[0]

    def merge_base(self, a: str, b: str) -> str | None:
        return self.run("merge-base", a, b, check=False).stdout.strip() or None

    def merge_bases(self, a: str, b: str) -> list[str]:
        return self.run("merge-base", "--all", a, b, check=False).stdout.split()

    def empty_tree(self) -> str:
        return self.out("hash-object", "-t", "tree", "/dev/null").strip()

    # --- the index ---------------------------------------------------------------------
    def add(self, *paths: str) -> None:
        self.run("add", "--", *paths)

    def add_updated(self, prefix: str) -> None:
        """Stage every change to tracked files under ``prefix``."""
        self.run("add", "-u", "--", prefix)

    def add_all(self, paths: list[str]) -> None:
        """Stage ``paths`` as they are in the work tree (gone: removed),
        names taken literally."""
        self.run("--literal-pathspecs", "add", "-A", "--pathspec-from-file=-",
                 "--pathspec-file-nul", input="\0".join(paths) + "\0")

    def rm_cached(self, *paths: str) -> None:
        self.run("rm", "-q", "--cached", "--ignore-unmatch", "--", *paths)

    def write_blob(self, text: str) -> str:
        """Store ``text`` as a blob; its id."""
        return self.out("hash-object", "-w", "--stdin", input=text).strip()

    def set_index(self, info: str) -> None:
        """``git update-index --index-info`` lines."""
        self.run("update-index", "--index-info", input=info)

    def checkout_conflict(self, rel: str) -> None:
        """Write ``rel`` with conflict markers from its unmerged stages."""
        self.run("--literal-pathspecs", "checkout", "-m", "--", rel, check=False)

    # --- merging ---------------------------------------------------------------------
    def merge_ff(self, rev: str) -> None:
        self.run("merge", "--ff-only", "-q", rev)

    def read_tree_merge(self, base: str, theirs: str) -> subprocess.CompletedProcess:
        """Three-way merge of ``base``, HEAD and ``theirs`` into the index and
        work tree (stages left for files changed on both sides)."""
        return self.run("read-tree", "-m", "-u", "--aggressive", base, "HEAD",
                        theirs, check=False)

    def merge_no_commit(self, theirs: str, message: str,
                        config: dict[str, str]) -> subprocess.CompletedProcess:
        """git's own merge of ``theirs``, stopped before the commit, with
        ``config`` (the merge driver) for this command only."""
        opts = [x for k, v in config.items() for x in ("-c", f"{k}={v}")]
        return self.run(*opts, "merge", "--no-ff", "--no-commit", "--no-edit",
                        "-m", message, theirs, check=False)

    def reset_merge(self) -> subprocess.CompletedProcess:
        return self.run("reset", "-q", "--merge", "HEAD", check=False)

    def commit_merge(self) -> subprocess.CompletedProcess:
        """Commit the merge in progress with its prepared message."""
        return self.run("commit", "--no-edit", "--cleanup=strip", check=False)
