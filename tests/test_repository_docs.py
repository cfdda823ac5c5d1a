"""The repository's own documents: the README's two set-up commands are the
ones CI runs, and no link leaves the repository or points at nothing."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent


def _tracked(pattern: str) -> list[Path]:
    out = subprocess.run(["git", "ls-files", "-z", pattern], cwd=ROOT,
                         capture_output=True, check=True).stdout.decode()
    return [ROOT / p for p in out.split("\0") if p]


def _set_up_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [t.content.strip() for t in MarkdownIt().parse(section) if t.type == "fence"]


def test_readme_has_two_set_up_commands_and_ci_runs_the_second():
    demo, tests = _set_up_commands()
    assert "accord demo" in demo and "pip install" in demo
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert tests in [line.strip() for line in ci]


def test_no_file_links_outside_the_repository():
    for path in _tracked("*.md") + _tracked("*.py") + _tracked("*.toml"):
        assert "../" + "shared" not in path.read_text(encoding="utf-8"), path


def test_every_relative_link_in_the_docs_exists():
    for md in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        tokens = MarkdownIt().parse(md.read_text(encoding="utf-8"))
        links = [c.attrs.get("href") or c.attrs.get("src")
                 for t in tokens for c in (t.children or [])
                 if c.type in ("link_open", "image")]
        for link in links:
            if re.match(r"[a-z]+:|#", link):
                continue
            target = (md.parent / unquote(link.split("#")[0])).resolve()
            assert target.exists(), f"{md.name}: {link}"
            assert target.is_relative_to(ROOT), f"{md.name}: {link}"
