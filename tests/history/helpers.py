"""Scripted histories with fixed dates for the history and report tests."""
from __future__ import annotations

import os
import subprocess
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def at(when: str, author: tuple[str, str] | None = None):
    """Commits made inside carry author/committer date ``when`` (and the
    given author)."""
    keys = ("GIT_AUTHOR_DATE", "GIT_COMMITTER_DATE", "GIT_AUTHOR_NAME",
            "GIT_AUTHOR_EMAIL")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ["GIT_AUTHOR_DATE"] = when
    os.environ["GIT_COMMITTER_DATE"] = when
    if author:
        os.environ["GIT_AUTHOR_NAME"], os.environ["GIT_AUTHOR_EMAIL"] = author
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def git(root: Path, *args: str, check: bool = True) -> str:
    p = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if check and p.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {p.stderr}")
    return p.stdout


def head(root: Path) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def hand_commit(root: Path, message: str, *paths: str) -> str:
    git(root, "add", "-A", "--", *paths, check=False)
    git(root, "commit", "-q", "-m", message)
    return head(root)
