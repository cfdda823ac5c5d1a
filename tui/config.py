"""The user's own settings: ``$XDG_CONFIG_HOME/accord/config.toml``
(``~/.config/accord/config.toml`` by default).

    language = "zh"            # or "en"; overrides accord.toml's language

    [keymap]                   # binding id -> keys (comma separated)
    "list.down" = "j,down"
    "nav.back" = "escape,backspace"

The help screen (``?``) lists every binding id with the keys in effect.
A broken file never stops the app: it is reported and ignored.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from store.model import codec
from store.messages import Problem


@dataclass
class UserConfig:
    language: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    problem: str | None = None  # one line (a store.messages.Problem) when the file could not be used
    path: Path | None = None


def config_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "accord" / "config.toml"


def load_config(path: Path | None = None) -> UserConfig:
    path = path or config_path()
    cfg = UserConfig(path=path)
    try:
        data = codec.parse(path.read_text("utf-8"))
    except FileNotFoundError:
        return cfg
    except (OSError, ValueError) as e:  # not UTF-8, not TOML (TOMLDecodeError)
        why = codec.problem_of(e) if isinstance(e, ValueError) else (e.strerror or str(e))
        cfg.problem = Problem("config-ignored", path=str(path), problem=why)
        return cfg
    lang = data.get("language")
    if lang in ("zh", "en"):
        cfg.language = lang
    elif lang is not None:
        cfg.problem = Problem("config-language", path=str(path), value=lang)
    km = data.get("keymap", {})
    if isinstance(km, dict):
        for k, v in km.items():
            if isinstance(v, str) and v.strip():
                cfg.keymap[str(k)] = v.replace(" ", "")
            elif isinstance(v, list) and all(isinstance(x, str) for x in v):
                cfg.keymap[str(k)] = ",".join(x.strip() for x in v)
            else:
                cfg.problem = Problem("config-keys", path=str(path), key=str(k))
    else:
        cfg.problem = Problem("config-keymap", path=str(path))
    return cfg
