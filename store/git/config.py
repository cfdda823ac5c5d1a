"""git config: the identity a save commits as, keys Accord sets (merge and
diff drivers), remotes and upstreams, ``safe.directory``.

Read and written with ``git config`` itself, not GitPython: GitPython's
config parser decodes every line as UTF-8 and fails on the byte ranges of
the diff driver's word regex (store/git/setup.py), which git stores as they
are.  git applies ``[include]`` and ``[includeIf]`` itself; the identity is
remembered while no file it came from (included ones too) has changed.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from store.git import run as gitrun


def _stat(path: str) -> tuple:
    try:
        st = os.stat(path)
        return (path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    except OSError:
        return (path, None)


def _parse_list(out: str, root: Path) -> tuple[dict, list[str]]:
    """``git config -z --show-origin --list`` → ({key: last value}, every
    file named: the files values came from and the files ``include.path``
    and ``includeIf.*.path`` point to)."""
    values: dict[str, str] = {}
    files: list[str] = []
    parts = out.split("\0")
    for i in range(0, len(parts) - 1, 2):
        origin, entry = parts[i], parts[i + 1]
        key, _, value = entry.partition("\n")
        path = origin[5:] if origin.startswith("file:") else None
        if path is not None:
            path = str(root / path) if not os.path.isabs(path) else path
            files.append(path)
        values[key] = value
        low = key.lower()
        if path and low.endswith(".path") and (low.startswith("include.")
                                               or low.startswith("includeif.")):
            inc = os.path.expanduser(value)
            files.append(inc if os.path.isabs(inc)
                         else os.path.join(os.path.dirname(path), inc))
    return values, sorted(set(files))


class Config:
    """The config methods of GitRepo (``self.run``, ``self.git_dir``,
    ``self.branch``)."""

    def identity(self) -> tuple[str, str] | None:
        """(name, email) from the environment or git config; None if either
        is missing.  Accord never invents an identity."""
        name = os.environ.get("GIT_AUTHOR_NAME")
        email = os.environ.get("GIT_AUTHOR_EMAIL")
        if not (name and email):
            cfg = self._identity_config()
            name = name or cfg.get("user.name")
            email = email or cfg.get("user.email")
        if not (name and name.strip() and email and email.strip()):
            return None
        return name, email

    def _identity_config(self) -> dict:
        """user.name and user.email as git sees them, remembered (a save
        then starts no `git config` process) while the environment, the
        branch (``includeIf "onbranch:"``) and every config file read,
        included ones too, are as they were."""
        key = self._config_key()
        memo = self.__dict__.get("_identity_memo")
        if memo is not None:
            was, files, cfg, stats = memo
            if was == key and [_stat(f) for f in files] == stats:
                return cfg
        p = self.run("config", "-z", "--show-origin", "--list", check=False)
        values, files = _parse_list(p.stdout, self.root)
        cfg = {k: values[k] for k in ("user.name", "user.email") if k in values}
        if cfg.get("user.name") and cfg.get("user.email"):
            self._identity_memo = (key, files, cfg, [_stat(f) for f in files])
        else:
            self._identity_memo = None
        return cfg

    def _config_key(self) -> tuple:
        """What git's config depends on besides the files it names: the
        GIT_* environment, HOME and XDG_CONFIG_HOME, the standard files
        (one may appear), the branch."""
        env = os.environ
        home = env.get("HOME", "")
        xdg = env.get("XDG_CONFIG_HOME") or os.path.join(home, ".config")
        files = (env.get("GIT_CONFIG_GLOBAL") or os.path.join(home, ".gitconfig"),
                 os.path.join(xdg, "git", "config"),
                 env.get("GIT_CONFIG_SYSTEM") or "/etc/gitconfig",
                 str(self.git_dir / "config"),
                 str(self.git_dir / "config.worktree"),
                 str(self.git_dir / "commondir"))
        try:
            branch = self.branch()
        except OSError:
            branch = None
        return (tuple(sorted((k, v) for k, v in env.items() if k.startswith("GIT_"))),
                home, xdg, branch, tuple(_stat(f) for f in files))

    # --- single keys ----------------------------------------------------------
    def config_get(self, key: str, local: bool = False) -> bytes | None:
        """The value of ``key`` as bytes (``local``: from .git/config only),
        None when unset."""
        args = ["config", *(["--local"] if local else []), "--get", key]
        p = self.run(*args, check=False, text=False)
        return p.stdout.rstrip(b"\n") if p.returncode == 0 else None

    def config_set(self, key: str, value: bytes | str) -> subprocess.CompletedProcess:
        """Write ``key`` to .git/config; the result, not checked."""
        return self.run("config", "--local", key, value, check=False, text=False)

    def remotes(self) -> list[str]:
        return self.out("remote").split()

    def set_remote(self, name: str, url: str) -> None:
        """Add remote ``name`` or point it at ``url``."""
        if name in self.remotes():
            self.run("remote", "set-url", name, url)
        else:
            self.run("remote", "add", name, url)

    def upstream_config(self, branch: str) -> tuple[str, str]:
        """(``branch.<b>.remote``, ``branch.<b>.merge``), "" when unset."""
        got = [self.run("config", f"branch.{branch}.{k}", check=False).stdout.strip()
               for k in ("remote", "merge")]
        return got[0], got[1]

    def set_upstream(self, remote: str, rbranch: str, branch: str) -> None:
        self.run("branch", f"--set-upstream-to={remote}/{rbranch}", branch, check=False)


def safe_directories() -> list[str]:
    """``safe.directory`` values from the system and global git config (git
    ignores the repository's own config for this setting)."""
    home = os.path.expanduser("~")
    p = gitrun.run_git(["config", "--get-all", "safe.directory"],
                       cwd=home if os.path.isdir(home) else "/",
                       env={k: v for k, v in os.environ.items()
                            if k not in ("GIT_DIR", "GIT_WORK_TREE")})
    values: list[str] = []
    for v in p.stdout.splitlines():
        if v == "":
            values = []  # an empty value resets the list
        else:
            values.append(v)
    return values
