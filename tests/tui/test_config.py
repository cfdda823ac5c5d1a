"""The user's config file (tui/config.py): read with the records' parser,
and a file that cannot be used is ignored with one line saying why."""
from __future__ import annotations

from tui.config import load_config


def test_a_missing_file_is_no_problem(tmp_path):
    cfg = load_config(tmp_path / "config.toml")
    assert cfg.problem is None and cfg.language is None and cfg.keymap == {}


def test_language_and_keys_are_read(tmp_path):
    p = tmp_path / "config.toml"
    p.write_text('language = "en"\n[keymap]\n"list.down" = "ctrl+n"\n'
                 '"list.up" = ["ctrl+p", " up"]\n', "utf-8")
    cfg = load_config(p)
    assert cfg.problem is None and cfg.language == "en"
    assert cfg.keymap == {"list.down": "ctrl+n", "list.up": "ctrl+p,up"}


def test_a_file_that_is_not_toml_or_not_utf8_is_ignored_with_a_reason(tmp_path):
    p = tmp_path / "config.toml"
    p.write_text("language = [\n", "utf-8")
    cfg = load_config(p)
    assert cfg.problem.startswith(f"{p}: ignored (") and "\n" not in cfg.problem
    assert cfg.language is None
    p.write_bytes(b'language = "\xff"\n')
    cfg = load_config(p)
    assert cfg.problem.startswith(f"{p}: ignored (") and cfg.language is None
