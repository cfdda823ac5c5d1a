"""Tags: a project's baselines are annotated tags ``accord/<slug>/<name>``.

Through GitPython (imported when a tag is asked for): it reads the tag refs
and objects itself and writes with ``git tag``.  The one tag read made while
the app opens (the dashboard's chart row: the newest baseline) is one
``git for-each-ref`` instead, so opening never imports GitPython.  A
read-only repository refuses a write here, before GitPython runs anything.
"""
from __future__ import annotations

import contextlib
import fnmatch
from typing import NamedTuple

from store.errors import ReadOnlyError
from store.git.run import GitError


class Baseline(NamedTuple):
    """One baseline tag: its short name, full tag name, the commit it marks,
    when it was made (seconds, and git's ``+0800`` zone) and its note."""
    name: str
    tag: str
    commit: str
    date: int
    zone: str
    message: str


@contextlib.contextmanager
def _gitpython(repo, write: bool = False):
    """The GitPython repository of ``repo`` (closed after use: GitPython
    keeps ``cat-file`` processes open); GitError for a failed command."""
    if write and repo.read_only:
        raise ReadOnlyError()
    import git  # GitPython: only when a tag is asked for
    try:
        with git.Repo(repo.root) as gp:
            yield gp
    except git.GitCommandError as e:
        raise GitError(e.command[1:] if isinstance(e.command, list) else [str(e.command)],
                       e.status, e.stderr) from None
    except (git.exc.GitError, ValueError) as e:  # no repository, a broken ref
        raise GitError(["tag"], -1, f"fatal: {e}") from None


def _baseline(ref) -> Baseline:
    from git.objects.util import altz_to_utctz_str
    obj = ref.tag  # the tag object; None for a lightweight tag
    commit = ref.commit
    if obj is not None:
        date, zone, message = obj.tagged_date, obj.tagger_tz_offset, obj.message
    else:
        date, zone, message = commit.committed_date, commit.committer_tz_offset, ""
    path = ref.path[len("refs/tags/"):]
    return Baseline(path.rsplit("/", 1)[-1], path, commit.hexsha, date,
                    altz_to_utctz_str(zone), message)


class Tags:
    """The tag methods of GitRepo."""

    def tag(self, name: str, message: str, rev: str = "HEAD",
            date: str | None = None) -> None:
        """An annotated tag ``name`` on ``rev`` (``date``: the tagger date
        to keep, git's raw ``<seconds> <zone>``)."""
        with _gitpython(self, write=True) as gp:
            env = {"GIT_COMMITTER_DATE": date} if date else {}
            with gp.git.custom_environment(**env):
                gp.create_tag(name, ref=rev, message=message)

    def delete_tag(self, name: str) -> None:
        with _gitpython(self, write=True) as gp:
            gp.delete_tag(gp.tag(f"refs/tags/{name}"))

    def tags(self, pattern: str) -> list[str]:
        """Tag names matching the glob ``pattern``, sorted."""
        with _gitpython(self) as gp:
            names = [t.path[len("refs/tags/"):] for t in gp.tags]
        return sorted(n for n in names if fnmatch.fnmatchcase(n, pattern))

    def baselines(self, project: str) -> list[Baseline]:
        """The project's baselines, oldest first (by the date each was
        made, then name)."""
        prefix = f"refs/tags/accord/{project}/"
        with _gitpython(self) as gp:
            found = [_baseline(t) for t in gp.tags if t.path.startswith(prefix)
                     and "/" not in t.path[len(prefix):]]
        return sorted(found, key=lambda b: (b.date, b.name))

    def newest_baseline(self, project: str) -> tuple[str, str] | None:
        """(name, commit) of the project's newest baseline, None when it has
        none: one ``git for-each-ref``, no GitPython (the dashboard asks)."""
        line = self.out("for-each-ref", "--sort=-creatordate", "--count=1",
                        "--format=%(refname)%09%(*objectname)%09%(objectname)",
                        f"refs/tags/accord/{project}/").strip()
        if not line:
            return None
        ref, peeled, obj = (line.split("\t") + ["", ""])[:3]
        return ref.rsplit("/", 1)[-1], peeled or obj

    def baseline(self, project: str, name: str) -> Baseline | None:
        """The baseline ``name`` of ``project``, None when there is none."""
        tag = f"accord/{project}/{name}"
        with _gitpython(self) as gp:
            ref = gp.tag(f"refs/tags/{tag}")
            if not ref.is_valid():
                return None
            return _baseline(ref)
