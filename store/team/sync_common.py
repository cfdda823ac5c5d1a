"""What every step of a sync shares: its errors and result, whether a merge
is stopped, the refusals that come before anything is done, the upstream
to sync with, and the validation that decides what may be pushed."""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

from store.team import syncmerge
from store.errors import AccordError, RepoStateError
from store.team.merge import Conflict


class SyncError(AccordError):
    """Sync cannot start or go on (exit 2)."""


class SyncStopped(AccordError):
    """The command ran and found problems (exit 1)."""
    exit_code = 1


@dataclass
class SyncResult:
    """What a sync did.  ``status``: ``pushed``, ``up-to-date`` (nothing to
    push or merge), ``conflict`` (stopped, merge in progress), ``invalid``
    (validation failed; nothing pushed), ``fetch-failed``, ``push-failed``
    (``error``: store.team.remote_errors.RemoteError.to_json(), the cause)."""
    status: str
    remote: str = ""
    branch: str = ""
    conflicts: list[Conflict] = dc_field(default_factory=list)
    problems: list[str] = dc_field(default_factory=list)
    renumbered: list[tuple[str, str, str]] = dc_field(default_factory=list)  # project, old, new
    warnings: list[str] = dc_field(default_factory=list)
    messages: list[str] = dc_field(default_factory=list)
    commit: str | None = None
    error: dict | None = None

    @property
    def exit_code(self) -> int:
        return 0 if self.status in ("pushed", "up-to-date") else 1

    def to_json(self) -> dict:
        return {"status": self.status, "remote": self.remote, "branch": self.branch,
                "conflicts": [c.to_json() for c in self.conflicts],
                "problems": self.problems,
                "renumbered": [{"project": p, "from": a, "to": b}
                               for p, a, b in self.renumbered],
                "warnings": self.warnings, "messages": self.messages,
                "commit": self.commit, "error": self.error}


# --- where a sync stands ------------------------------------------------------------

def in_progress(ws) -> bool:
    """A merge (by sync or by a plain git pull) is waiting to be finished."""
    return (ws.git.git_dir / "MERGE_HEAD").exists()


_WHAT_ZH = {"sync": "同步", "continue": "继续同步", "settle conflicts": "解决冲突"}


def refuse_other_operations(ws, what: str) -> None:
    """One line instead of a dead end when git is rebasing, or a sync was
    killed half-way."""
    from store.team.merge import git_operation
    op = git_operation(str(ws.root))
    if op == "rebase":
        raise SyncError(code="sync-rebase", what=what, what_zh=_WHAT_ZH.get(what, what))
    problem = syncmerge.interrupted(ws)
    if problem:
        raise SyncError(code=problem.code)


def cherry_picking(ws) -> bool:
    return (ws.git.git_dir / "CHERRY_PICK_HEAD").exists()


def upstream(ws) -> tuple[str, str]:
    """(remote, remote branch) to sync with."""
    branch = ws.git.branch()
    if branch is None:
        raise RepoStateError(code="head-detached")
    remote, merge = ws.git.upstream_config(branch)
    remotes = ws.git.remotes()
    if not remote or remote == ".":
        if "origin" in remotes:
            remote = "origin"
        elif len(remotes) == 1:
            remote = remotes[0]
        else:
            raise (SyncError(code="sync-no-remote") if not remotes else
                   SyncError(code="sync-many-remotes", names=list(remotes), branch=branch))
    rbranch = merge[len("refs/heads/"):] if merge.startswith("refs/heads/") else branch
    return remote, rbranch


# --- validation -----------------------------------------------------------------

def validate_tree(ws) -> list[str]:
    """``path: problem`` for every error ``doctor`` finds (TOML syntax,
    duplicate keys, the schema, file names that are not ids, ...): what
    would be invalid to push.  Its warnings do not stop a sync."""
    from store import doctor
    return [f"{p.path}: {p.message}" for p in doctor.check(ws)
            if p.severity == doctor.ERROR]
