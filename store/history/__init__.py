"""Commits -> per-record events (see events.py for what an event says).

History is read in bulk: one ``git log`` lists the commits of a range (the
list is kept and grows with new commits), the events of commits not kept
yet come from one streamed ``git log --raw`` and one ``git cat-file
--batch`` (reader.py), and are kept by commit id (cache.py).
"""
from __future__ import annotations

import gc
import json
from dataclasses import dataclass, field as dc_field

from store.model import ids
from store.history.baseline import (baseline_diff, baseline_tag, records_at,
                                    resolve_baseline)
from store.history.cache import EventCache
from store.history.events import (ACTIONS, PUBLIC_KEYS, Commit, Event, commit_events,
                                  parse_trailers, record_of_path)
from store.history.parallel import read_all
from store.history.reader import parsed_versions

__all__ = ["ACTIONS", "PUBLIC_KEYS", "Commit", "Event", "EventCache", "History",
           "baseline_diff", "baseline_tag", "commit_events", "events_of",
           "list_commits", "listed_already", "parse_trailers", "parsed_versions", "public",
           "public_json", "read_history", "record_events", "record_of_path",
           "records_at", "resolve_baseline", "short"]

COMMIT_LIST_CACHE_MIN = 2000  # shorter lists are listed by git again (cheap)
# more uncached commits than this: read only the commits that touched the
# record's file (and the files it was renumbered from) instead of them all
PATH_SCAN_ABOVE = 5000


@dataclass
class History:
    """The commits of a range (oldest first) and their events in order."""
    commits: list[Commit] = dc_field(default_factory=list)
    events: list[Event] = dc_field(default_factory=list)

    def of_project(self, project: str) -> list[Event]:
        return [e for e in self.events if e.project == project]

    def by_record(self, project: str) -> dict[str, list[Event]]:
        out: dict[str, list[Event]] = {}
        for e in self.events:
            if e.project == project:
                out.setdefault(e.id, []).append(e)
        return out


def public(event: Event) -> dict:
    """The event in the shape of cli.md (plus ``problem`` when set)."""
    return event.public()


_ENCODE = json.JSONEncoder(ensure_ascii=False, default=str).encode


def public_json(event: Event) -> str:
    """``public(event)`` as JSON text."""
    return _ENCODE(event.public())


def short(commit: str) -> str:
    return commit[:7]


def list_commits(ws, revs: list[str] | None = None,
                 only_kept: bool = False) -> list[Commit] | None:
    """Commits reachable from ``revs`` (default HEAD), oldest first.  The
    list of a range is kept by its revisions resolved to commit ids (one
    ``rev-parse`` instead of walking every commit again); a kept list of an
    ancestor grows by the new commits.  ``only_kept``: None instead of
    walking the history when no kept list gives the answer."""
    revs = list(revs or ["HEAD"])
    key = cache = None
    rows = None
    if all(r and not r.startswith("-") for r in revs) and ws.git.head():
        p = ws.git.run("rev-parse", "--revs-only", *revs, "--", check=False)
        if p.returncode == 0 and p.stdout.strip():
            key = " ".join(p.stdout.split())
            if _LISTED.get("key") == (str(ws.git.git_dir), key):
                return list(_LISTED["list"])  # listed already in this process
            cache = EventCache(ws.git.git_dir)
            kept = cache.commit_list(key)
            if kept is not None:
                return _remember(ws, key, [Commit(cid, list(parents), f"{an} <{ae}>", date,
                                                  subj)
                                           for cid, parents, an, ae, date, subj in kept])
            rows = _grown_list(ws, cache, key)
    if rows is None:
        if only_kept:
            return None
        rows = ws.git.commit_list(revs)
    if key is not None and len(rows) >= COMMIT_LIST_CACHE_MIN:
        same: dict = {}
        cache.put_commit_list(key, [(cid, tuple(parents), same.setdefault(an, an),
                                     same.setdefault(ae, ae), date, subj)
                                    for cid, parents, an, ae, date, subj in rows])
    listed = [Commit(cid, list(parents), f"{an} <{ae}>", date, subj)
              for cid, parents, an, ae, date, subj in rows]
    return _remember(ws, key, listed) if key is not None else listed


_LISTED: dict = {}  # the last list made, by repository and resolved revisions


def listed_already(ws, rev: str | None = None) -> list[Commit] | None:
    """The commits reachable from ``rev`` (a commit id; HEAD when None),
    oldest first, when this process listed them already (list_commits);
    else None.  Asks git nothing."""
    key = rev if rev is not None else ws.git.head()
    if key and _LISTED.get("key") == (str(ws.git.git_dir), key):
        return list(_LISTED["list"])
    return None


def _remember(ws, key: str, listed: list[Commit]) -> list[Commit]:
    _LISTED["key"], _LISTED["list"] = (str(ws.git.git_dir), key), listed
    return list(listed)


def _grown_list(ws, cache: EventCache, key: str):
    """The list for ``key`` (one commit id) made from the newest kept list
    of one of its ancestors, ``old``, plus git's list of ``old..key``; None
    when there is none.  Only when every new commit descends from ``old``:
    then git's full listing puts all of them after the old ones, in the
    order it lists ``old..key`` alone, so the result is exactly git's."""
    if " " in key or key.startswith("^"):
        return None
    old = next((k for k in reversed(cache.commit_list_keys())
                if k != key and " " not in k and not k.startswith("^")
                and ws.git.is_ancestor(k, key)), None)
    kept = cache.commit_list(old) if old else None
    if kept is None:
        return None
    new = ws.git.descendants(old, key)
    return None if new is None else list(kept) + new


def events_of(ws, commits: list[Commit], records=None) -> dict[str, list[Event]]:
    """{commit id: events} for ``commits``: kept ones from the cache, the
    others read in bulk from git and kept.  ``records`` (a set of ids): only
    their events are wanted; a kept commit that touched none of them gives
    [] without its events being loaded."""
    cache = EventCache(ws.git.git_dir)
    found: dict[str, list[Event]] = {}
    missing = []
    for c in commits:
        if records is not None:
            touched = cache.touched(c.id)
            if touched is not None and records.isdisjoint(touched):
                found[c.id] = []
                continue
        ev = cache.get(c.id)
        if ev is None:
            missing.append(c.id)
        else:
            found[c.id] = ev
    if missing:
        was = gc.isenabled()
        gc.disable()  # ~10^5 small containers and no cycles
        try:
            fresh = read_all(ws.git, missing)
        finally:
            if was:
                gc.enable()
        found.update(fresh)
        cache.put_many(fresh)
    return found


def read_history(ws, revs: list[str] | None = None, since_date: str | None = None,
                 until_date: str | None = None, project: str | None = None) -> History:
    """The commits reachable from ``revs`` (default HEAD; ``["R..HEAD"]`` for
    a range), optionally only those whose author day (in the commit's own
    offset) lies in ``since_date``..``until_date`` (both included,
    YYYY-MM-DD), with their events (only ``project``'s when given)."""
    commits = list_commits(ws, revs)
    if since_date:
        commits = [c for c in commits if c.day >= since_date]
    if until_date:
        commits = [c for c in commits if c.day <= until_date]
    by_commit = events_of(ws, commits)
    events = [e for c in commits for e in by_commit.get(c.id, ())
              if project is None or e.project == project]
    return History(commits, events)


def record_events(ws, project: str, rid: str) -> list[Event]:
    """Every event of one record, oldest first.

    The record is followed along the chain of its file versions (blob ids),
    from its file at HEAD (or, when deleted, from its last deletion) back to
    its creation, through renumbers and renames to earlier ids and both
    sides of merges; so a record that took over an id another record held
    on another branch (a renumber after a sync) gets only its own events."""
    kind = ids.parse_id(rid)[0] if ids.is_id(rid) else None
    path = (f"projects/{project}/{kind.folder}/{rid}.toml" if kind
            else f"projects/{project}/project.toml")
    commits = list_commits(ws)
    index = EventCache(ws.git.git_dir).index()
    if sum(1 for c in commits if c.id not in index) > PATH_SCAN_ABOVE:
        hist = _path_history(ws, project, path)
    else:
        by_commit = events_of(ws, commits)
        hist = History(commits, [e for c in commits for e in by_commit.get(c.id, ())
                                 if e.project == project])
    p = ws.git.run("rev-parse", "-q", "--verify", f"HEAD:{path}", check=False)
    head_blob = p.stdout.strip() or None
    picked = []
    # id -> the file versions (blob ids) still to be explained;
    # _DELETED: start from the record's last deletion
    wanted: dict[str, object] = {rid: {head_blob} if head_blob else _DELETED}
    for e in reversed(hist.events):
        want = wanted.get(e.id)
        if want is None:
            continue
        if want is _DELETED:
            if e.action != "delete":
                continue
            want = wanted[e.id] = set()
        elif e.new_blob not in want:
            continue
        else:
            want.discard(e.new_blob)
        picked.append(e)
        want.update(b for b in (e.old_blob, e.other_blob) if b)
        if e.action == "renumber" and "id" in e.fields:
            old_id = e.fields["id"][0]
            if old_id != e.id and e.old_blob:
                want.discard(e.old_blob)
                prev = wanted.setdefault(old_id, set())
                if isinstance(prev, set):
                    prev.add(e.old_blob)
    picked.reverse()
    return picked


_DELETED = object()


def _path_history(ws, project: str, path: str) -> History:
    """The commits that touched ``path`` or a file later renamed to it,
    with their events: a few path-limited logs instead of the whole
    history (the cold case on a large repository)."""
    paths = [path]
    while True:
        rows = ws.git.commit_list(["--full-history", "HEAD"], paths)
        commits = [Commit(cid, parents, f"{an} <{ae}>", date, subj)
                   for cid, parents, an, ae, date, subj in rows]
        by_commit = events_of(ws, commits)
        events = [e for c in commits for e in by_commit.get(c.id, ())
                  if e.project == project]
        more = []
        for e in events:
            if e.action == "renumber" and "id" in e.fields and e.path in paths:
                old_id = e.fields["id"][0]
                kind = ids.parse_id(old_id)[0] if ids.is_id(old_id) else None
                if kind:
                    old = f"projects/{project}/{kind.folder}/{old_id}.toml"
                    if old not in paths and old not in more:
                        more.append(old)
        if not more:
            return History(commits, events)
        paths.extend(more)
