"""The layers, read from the source: the store never imports Textual or the
app; the screens, widgets and messages never import the app module (the app
imports them), so nothing imports in a circle with tui/app.py."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it, as an absolute name."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")
            if node.level:
                base = base[:len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            out.add(name)
            out.update(f"{name}.{a.name}" for a in node.names)
    return out


def _files(*folders: str):
    for folder in folders:
        yield from sorted((ROOT / folder).rglob("*.py"))


def test_the_store_never_imports_textual_or_the_app():
    bad = {str(p.relative_to(ROOT)): sorted(m for m in _imports(p)
                                            if m.split(".")[0] in ("textual", "rich", "tui"))
           for p in _files("store")}
    assert {p: m for p, m in bad.items() if m} == {}


def test_screens_and_widgets_never_import_the_app():
    files = [*_files("tui/screens", "tui/widgets"), ROOT / "tui" / "messages.py"]
    bad = [str(p.relative_to(ROOT)) for p in files
           if {"tui.app", "tui.launch"} & _imports(p)]
    assert bad == []
