"""Scripted histories with fixed dates for the history and report tests."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from store.git.plain import dated


def at(when: str, author: tuple[str, str] | None = None):
    """Commits made inside carry author/committer date ``when`` (and the
    given author)."""
    return dated(when, author=author)


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


# --- reading a rendered Markdown document ---------------------------------------

def section_text(text: str, title: str) -> str:
    """The body of the ``## title`` section."""
    m = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert m, f"no section {title}"
    return m.group(1)


def items(block: str) -> list[str]:
    """List items and table body rows of a section."""
    out = [ln[2:] for ln in block.splitlines() if ln.startswith("- ")]
    rows = [ln for ln in block.splitlines() if ln.startswith("| ")]
    out += rows[1:]  # skip the header row (the separator starts with "|-")
    return out
