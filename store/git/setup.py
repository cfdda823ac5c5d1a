"""git set-up of a workspace: the merge driver, readable diffs, ownership.

- ``.gitattributes`` (committed by ``init``) sends ``projects/**/*.toml``
  through Accord's field-wise merge driver (``merge=accord``) and a diff
  driver (``diff=accord-toml``).
- The local git config (``.git/config`` is never shared, so every clone needs
  it: ``init``, ``sync`` and ``doctor --fix`` call :func:`configure`):
  ``core.quotepath=off`` (file names in CJK shown as they are),
  ``diff.accord-toml.wordRegex`` (``git diff --word-diff`` splits CJK text per
  character, ASCII per word), ``diff.accord-toml.xfuncname`` (hunk headers
  show the TOML table or the multi-line field), and ``merge.accord.driver``
  with the absolute path of this Python and of ``store/team/merge.py`` so that a
  plain ``git pull`` from any shell uses it.
- :func:`check_owner` refuses a workspace that belongs to another Unix user
  unless git's ``safe.directory`` lists it (its hooks and config would run
  as you).

Config is read and written through the repository's git layer
(store/git/config.py).  ``store.doctor`` turns :func:`check` into warnings.
"""
from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

from store.errors import AccordError
from store.model.files import atomic_write
from store.git.config import safe_directories
from store.git.repo import GitRepo, git_error_line

ATTRIBUTES = ".gitattributes"
ATTR_LINES = (
    "projects/**/*.toml merge=accord diff=accord-toml",
    "accord.toml diff=accord-toml",
)
DRIVER_NAME = "Accord field-wise record merge"
# ASCII words, each UTF-8 multi-byte character on its own (CJK per
# character), any other single non-space byte.  git compiles this on bytes in
# every locale, so the byte ranges are written as raw bytes.
WORD_REGEX = b"[A-Za-z0-9_]+|[\xc0-\xff][\x80-\xbf]+|[^[:space:]]"
# hunk headers: a [table] / [[array]] header, or the key of a multi-line
# string or list the hunk is inside
XFUNCNAME = r'^(\[.*\]|[A-Za-z0-9_-]+[ \t]*=[ \t]*("""|\[)).*$'
MERGE_SCRIPT = Path(__file__).resolve().parent.parent / "team" / "merge.py"


class ForeignOwner(AccordError):
    """The workspace belongs to another Unix user (exit 2)."""


def driver_command(python: str | None = None) -> str:
    """The shell command git runs to merge a record file."""
    py = python or sys.executable or "python3"
    return (f"{shlex.quote(str(Path(py).absolute()))} "
            f"{shlex.quote(str(MERGE_SCRIPT))} %O %A %B %P")


def _settings() -> list[tuple[str, bytes]]:
    return [
        ("core.quotepath", b"off"),
        ("diff.accord-toml.wordRegex", WORD_REGEX),
        ("diff.accord-toml.xfuncname", XFUNCNAME.encode()),
        ("merge.accord.name", DRIVER_NAME.encode()),
        ("merge.accord.driver", driver_command().encode()),
    ]


def _repo(ws) -> GitRepo:
    """The workspace's repository (a bare path: a repository for it)."""
    git = getattr(ws, "git", None)
    return git if isinstance(git, GitRepo) else GitRepo(Path(getattr(ws, "root", ws)))


def _root(ws) -> Path:
    return Path(getattr(ws, "root", ws))


def _guard(ws) -> None:
    """A read-only workspace refuses (a bare path has no such state)."""
    guard = getattr(ws, "guard_write", None)
    if guard is not None:
        guard()


def attributes_text(current: str = "") -> str:
    """``current`` (the existing .gitattributes) with Accord's lines added
    where missing; other lines are kept as they are."""
    have = {" ".join(line.split()) for line in current.splitlines()}
    missing = [line for line in ATTR_LINES if line not in have]
    if not missing:
        return current
    text = current
    if text and not text.endswith("\n"):
        text += "\n"
    return text + "".join(line + "\n" for line in missing)


def write_attributes(ws) -> bool:
    """Add Accord's lines to the work tree's .gitattributes; True when the
    file changed (the caller commits it)."""
    _guard(ws)
    path = _root(ws) / ATTRIBUTES
    try:
        current = path.read_text("utf-8")
    except FileNotFoundError:
        current = ""
    new = attributes_text(current)
    if new == current:
        return False
    if path.is_symlink():
        raise AccordError(code="attributes-symlink", path=ATTRIBUTES)
    atomic_write(path, new.encode("utf-8"))
    return True


def configure_git(ws) -> list[str]:
    """Write the local git config; returns the keys that changed."""
    _guard(ws)
    repo = _repo(ws)
    changed = []
    for key, value in _settings():
        if repo.config_get(key, local=True) != value:
            p = repo.config_set(key, value)
            if p.returncode != 0:
                err = git_error_line(p.stderr, "git config failed")
                raise AccordError(code="git-config-write", key=key, err=err)
            changed.append(key)
    return changed


def configure(ws) -> list[str]:
    """Local git config and .gitattributes (written, not committed);
    returns what changed, for ``doctor --fix`` to report.  Caches other
    versions of Accord left behind are dropped on the way."""
    from store import locations
    locations.prune_other_versions(ws.git.git_dir)
    changed = configure_git(ws)
    if write_attributes(ws):
        changed.append(ATTRIBUTES)
    return changed


def check(ws) -> list[str]:
    """Problems of the git set-up, one ``path: problem`` line each (warnings
    for ``doctor``: git then falls back to a line merge that can produce
    duplicate keys, and diffs of Chinese text are hard to read)."""
    root = _root(ws)
    repo = _repo(ws)
    out = []
    fix = "run `accord doctor --fix` (or `accord sync`)"
    driver = repo.config_get("merge.accord.driver", local=True)
    if driver is None:
        out.append(f".git/config: the Accord merge driver is not registered, so "
                   f"git merges records line by line (duplicate keys): {fix}")
    else:
        try:
            words = shlex.split(driver.decode("utf-8", "replace"))
        except ValueError:
            words = []
        prog = words[0] if words else ""
        script = words[1] if len(words) > 1 else ""
        if not (prog and os.path.isfile(prog) and os.access(prog, os.X_OK)):
            out.append(f".git/config: merge.accord.driver points to {prog or '(nothing)'}, "
                       f"which is not an executable program: {fix}")
        elif script.endswith(".py") and not os.path.isfile(script):
            out.append(f".git/config: merge.accord.driver runs {script}, which "
                       f"does not exist: {fix}")
    for key, value in _settings():
        if key in ("merge.accord.driver",):
            continue
        if repo.config_get(key, local=True) != value:
            out.append(f".git/config: {key} is not set for readable diffs of "
                       f"Chinese text: {fix}")
            break
    try:
        text = (root / ATTRIBUTES).read_text("utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        text = ""
    if attributes_text(text) != text:
        out.append(f"{ATTRIBUTES}: does not send record files to the Accord merge "
                   f"and diff drivers: {fix}, then commit {ATTRIBUTES}")
    return out


# --- ownership ------------------------------------------------------------------

def _owner_uid(path: Path) -> int:
    return os.stat(path).st_uid


def _my_uid() -> int:
    return os.geteuid()


def _user_name(uid: int) -> str:
    try:
        import pwd
        return pwd.getpwuid(uid).pw_name
    except (KeyError, ImportError):
        return f"uid {uid}"


def _listed(root: Path, values: list[str]) -> bool:
    want = {str(root), str(root.resolve())}
    for v in values:
        if v == "*":
            return True
        v = os.path.expanduser(v)
        if v.endswith("/*"):
            prefix = v[:-1]
            if any(w.startswith(prefix) or w + "/" == prefix for w in want):
                return True
            continue
        if v.rstrip("/") in want or os.path.realpath(v) in want:
            return True
    return False


def check_owner(root: Path | str) -> None:
    """Refuse (exit 2) a workspace whose root or .git belongs to another Unix
    user, unless git's safe.directory lists it."""
    root = Path(root)
    me = _my_uid()
    for path in (root, root / ".git"):
        try:
            uid = _owner_uid(path)
        except FileNotFoundError:
            continue
        if uid == me:
            continue
        if _listed(root, safe_directories()):
            return
        raise ForeignOwner(code="foreign-owner", path=str(path), user=_user_name(uid),
                           root=str(root))
