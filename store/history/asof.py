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
    from store.history import Commit, list_commits, listed_already
    if since_day is None:
        return list_commits(ws, [rev] if rev else None)
    known = listed_already(ws, rev)  # (the whole summary listed them just now)
    if known is not None:
        return [c for c in known if c.day >= since_day]
    rows = ws.git.commit_list([f"--since={since_day}T00:00:00+14:00", rev or "HEAD"])
    out = [Commit(cid, parents, f"{an} <{ae}>", date, subj)
           for cid, parents, an, ae, date, subj in rows]
    return [c for c in out if c.day >= since_day]


def count_at_most(ws, rev: str | None, since_day: str, limit: int) -> int:
    """How many commits ``commits_until(ws, rev, since_day)`` would list,
    counted only up to ``limit + 1``: git stops walking there, so asking
    whether a long history is short costs little."""
    out = ws.git.out("rev-list", f"--max-count={limit + 1}",
                     f"--since={since_day}T00:00:00+14:00", "--format=%aI",
                     rev or "HEAD", "--").split("\n")
    return sum(1 for ln in out if ln[:4].isdigit() and ln[:10] >= since_day)


def commit_on_or_before(ws, day) -> str | None:
    """The newest commit on the current branch whose author day (in its own
    offset) is on or before ``day`` (a date), as
    store.snapshot.commit_on_or_before answers, found by walking back from
    HEAD newest first (git's default order streams; ``--date-order`` would
    sort the whole history first) only as far as that day, not by listing
    the whole history."""
    import subprocess

    from store.git.run import popen
    if not ws.git.head():
        return None
    want = day.isoformat()
    proc = popen(["log", "--format=%H %aI", "HEAD", "--"], cwd=ws.git.root,
                 stderr=subprocess.DEVNULL)
    found = None
    try:
        for raw in proc.stdout:
            cid, _, when = raw.decode("ascii", "replace").strip().partition(" ")
            if when[:10] <= want:
                found = cid
                break
    finally:
        proc.stdout.close()
        proc.kill()
        proc.wait()
    return found


def history_between(ws, project: str | None, rev: str | None, since_day: str,
                    until_day: str | None = None):
    """store.history.History of the commits reachable from ``rev`` (HEAD when
    None) whose author day lies in ``since_day``..``until_day`` (both
    included), with their events (only ``project``'s when given): the
    period of a past document, listed back to its start only."""
    from store.history import History, events_of
    commits = commits_until(ws, rev, since_day)
    if until_day:
        commits = [c for c in commits if c.day <= until_day]
    by_commit = events_of(ws, commits)
    events = [e for c in commits for e in by_commit.get(c.id, ())
              if project is None or e["project"] == project]
    return History(commits, events)


def read(ws, project: str, period, rev: str | None):
    """The History a document whose point is ``rev`` (None: now) reads: a
    period that starts on a date is listed back to that date only and up to
    ``rev``; any other period (a range of revisions) as store.reports.periods reads it."""
    from store.reports import periods
    if rev == periods.EMPTY:  # a point before the first commit: no history yet
        from store.history import History
        return History()
    if period.since_date and list(period.revs) == ["HEAD"]:
        return history_between(ws, project, rev, period.since_date, period.until_date)
    return periods.read(ws, project, period)


def kind_history(ws, project: str, kind, rev: str | None):
    """The events of one kind of ``project``'s records (a store.model.schema.Kind)
    in the whole history up to ``rev`` (None: HEAD), as a History: the
    commit list and events the history keeps (a path-limited ``git log``
    diffed trees at every commit: 6.5 s on 50,000 commits, every time)."""
    from store.history import History, events_of, list_commits
    from store.history.cache import EventCache
    commits = list_commits(ws, [rev] if rev else None)
    # a kept commit that touched no record of the kind is not loaded
    kept, prefix = EventCache(ws.git.git_dir), kind.prefix + "-"
    by_commit = events_of(ws, [c for c in commits if (t := kept.touched(c.id)) is None
                               or any(x.startswith(prefix) for x in t)])
    events = [e for c in commits for e in by_commit.get(c.id, ())
              if e["project"] == project and e["kind"] == kind.name]
    return History(commits, events)


def series_at(ws, project: str, records, rev: str, today, lang: str = "en") -> dict:
    """store.history.charts.series of a past point (a document as of ``rev``, with
    ``today`` its day): the window's history and the requirement changes
    since the newest baseline reachable from ``rev``, both up to ``rev``
    only; kept per commit, day and language (one small file each)."""
    import json

    from store.history import charts
    from store import locations
    path = locations.folder(ws.git.git_dir, "charts-asof", project) / \
        f"{rev}-{today.isoformat()}-{lang}.json"
    if locations.enabled():
        try:
            kept = json.loads(path.read_text(encoding="utf-8"))
            if kept.get("format") == charts.FORMAT:
                return kept
        except (OSError, ValueError, AttributeError):
            pass
    since = charts.week_starts(today)[0].isoformat()
    events = history_between(ws, project, rev, since, today.isoformat()).events
    base, change_events = None, []
    line = ws.git.out("for-each-ref", f"--merged={rev}", "--sort=-creatordate", "--count=1",
                      "--format=%(refname)%09%(*objectname)%09%(objectname)",
                      f"refs/tags/accord/{project}/").strip()
    if line:
        name, peeled, obj = (line.split("\t") + ["", ""])[:3]
        base = name.rsplit("/", 1)[-1]
        rows = ws.git.commit_list([f"{peeled or obj}..{rev}"])
        from store.history import Commit, events_of
        commits = [Commit(cid, parents, f"{an} <{ae}>", date, subj)
                   for cid, parents, an, ae, date, subj in rows]
        by_commit = events_of(ws, commits)
        change_events = [e for c in commits for e in by_commit.get(c.id, ())
                         if e["project"] == project]
    out = charts.series(events, records, today, lang, charts.WEEKS, change_events, base)
    if locations.enabled():
        try:
            kept = sorted(path.parent.glob("*.json"), key=lambda f: f.stat().st_mtime_ns)
            for old in kept[:-8]:  # a few past points are kept
                old.unlink(missing_ok=True)
            locations.atomic_write(path, json.dumps(out, ensure_ascii=False).encode())
        except OSError:
            pass  # a read-only .git: computed again next time
    return out
