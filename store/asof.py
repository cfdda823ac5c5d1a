"""The history a document of a past point reads: only up to its as-of
revision, never past it, and only back to where it needs (issue 19).

Built on the public store.history API and one ``git log`` each: a document
as of 11-20 never tells an edit committed on 11-23, and a one-week document
does not list the whole history to find a few commits."""
from __future__ import annotations


def commits_until(ws, rev: str | None, since_day: str | None = None) -> list:
    """The commits reachable from ``rev`` (HEAD when None), oldest first, as
    store.history.Commit; with ``since_day`` (YYYY-MM-DD) only those whose
    author day is on or after it, and git stops walking about there (its
    ``--since``, by committer date, which is never before the author's,
    from the first moment that day begins in any time zone)."""
    from .history import Commit, list_commits
    if since_day is None:
        return list_commits(ws, [rev] if rev else None)
    rows = ws.git.commit_list([f"--since={since_day}T00:00:00+14:00", rev or "HEAD"])
    out = [Commit(cid, parents, f"{an} <{ae}>", date, subj)
           for cid, parents, an, ae, date, subj in rows]
    return [c for c in out if c.day >= since_day]
