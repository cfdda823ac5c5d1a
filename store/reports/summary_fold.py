"""What the review-meeting summary keeps of a period's events, grown commit
by commit.

The summary's lists show their first LIST_ITEMS items and a count, its
evidence the last EVIDENCE_ROWS events, its JSON every event of every
record.  ``Folded`` keeps exactly that (the first items, the counts, each
record's events as JSON text), built from the events in one pass; a later
run whose commit list extends the one it covered folds in only the new
commits' events instead of reading 50,000 again.  Everything that depends
on the records now (titles, sign-off states) is worked out at each build.
"""
from __future__ import annotations

import dataclasses
import hashlib
import marshal
import os
import pickle

from store import locations
from store.history import Event, History, events_of, list_commits, public_json
from store.reports.narrative import author_name
from store.reports.summary import DROP_STATUSES, EVIDENCE_ROWS, LIST_ITEMS

KEEP = 4  # kept folds (the newest)
FORMAT = 5  # of a kept fold: one of another format is folded anew
REWRITE = 0.5  # the added part grows to this share of the base: one base again


def status_to(e: Event) -> str | None:
    """The status an event moved its record to, or None."""
    st = e.fields.get("status")
    return st[1] if st and st[0] != st[1] else None


class Folded:
    """The summary's view of a project's events (see the module)."""

    def __init__(self, project: str):
        self.format = FORMAT
        self.project = project
        self.covered = 0       # commits folded in (a prefix of the period's list)
        self.last = None       # the last of them
        self.first: dict[str, list[Event]] = {}  # list name -> its first items
        self.counts: dict[str, int] = {}
        self.raised: list[Event] = []            # every change request raised
        self.replied: list[tuple] = []           # (id, replied_on) of every reply
        self.decided_ids: set = set()            # decisions listed once each
        self.confirmation: dict[str, dict] = {}  # id -> confirmation.* values so far
        self.given: dict[tuple, dict] = {}       # (commit, id) -> values a listed sign-off left
        self.evidence: list[Event] = []          # the last EVIDENCE_ROWS events
        self.authors: dict[str, list] = {}       # name -> [commits, last commit]
        self.events = 0
        self.records: dict[str, list] = {}       # id -> [kind, title, events' JSON]
        self.publics: dict[str, list] | None = {}  # id -> public events (not kept)
        self.confirms: dict[str, list[Event]] = {}  # id -> its sign-offs, oldest first
        self.stored = None  # how ``records`` is kept on disk (see keep)
        self.fresh: dict[str, list[str]] = {}    # id -> events' JSON added since (not kept)

    def __getstate__(self):
        state = dict(self.__dict__)  # ``records`` is kept apart (keep)
        state["publics"] = None
        state["records"] = None
        state["fresh"] = {}
        # events as plain tuples: a dataclass's own pickling is slower by far
        state["first"] = {k: [_tuple(e) for e in v] for k, v in self.first.items()}
        state["confirms"] = {k: [_tuple(e) for e in v] for k, v in self.confirms.items()}
        state["evidence"] = [_tuple(e) for e in self.evidence]
        state["raised"] = [_tuple(e) for e in self.raised]
        return state

    def __setstate__(self, state):
        state["first"] = {k: [Event(*t) for t in v] for k, v in state["first"].items()}
        state["confirms"] = {k: [Event(*t) for t in v] for k, v in state["confirms"].items()}
        state["evidence"] = [Event(*t) for t in state["evidence"]]
        state["raised"] = [Event(*t) for t in state["raised"]]
        self.__dict__.update(state)

    def _add(self, name: str, e: Event) -> bool:
        n = self.counts.get(name, 0)
        self.counts[name] = n + 1
        if n < LIST_ITEMS:
            self.first.setdefault(name, []).append(e)
            return True
        return False

    def fold(self, commits, events: list[Event]) -> None:
        """Fold in the events of ``commits`` (the next ones of the period,
        oldest first), in order."""
        for e in events:
            if e.project == self.project:
                self._one(e)
        if commits:
            self.covered += len(commits)
            self.last = commits[-1].id

    def _one(self, e: Event) -> None:
        kind, action = e.kind, e.action
        if action == "confirm":  # what the sign-off stories search for
            self.confirms.setdefault(e.id, []).append(e)
        if kind == "requirement":
            st = self.confirmation.setdefault(e.id, {})
            for name, change in e.fields.items():
                if name.startswith("confirmation."):
                    st[name[len("confirmation."):]] = change[1]
            if action == "create":
                self._add("added", e)
            if action == "confirm" and self._add("confirmed", e):
                self.given[(e.commit, e.id)] = dict(st)
            dropped = action == "delete" or status_to(e) in DROP_STATUSES
            if dropped:
                self._add("dropped", e)
            elif action in ("edit", "move", "renumber") and e.fields:
                self._add("changed", e)
        elif kind == "change":
            if action == "create":
                self.raised.append(e)
            if status_to(e) in ("approved", "rejected"):
                self._add("decided", e)
        elif kind == "decision":
            if (action == "create" or status_to(e) == "agreed") \
                    and e.id not in self.decided_ids:
                self.decided_ids.add(e.id)
                self._add("decisions", e)
        elif kind == "feedback":
            if action == "create":
                self._add("fb_new", e)
            replied = e.fields.get("replied_on")
            if replied and replied[1]:
                self.replied.append((e.id, replied[1]))
                self._add("fb_replied", e)
        elif kind == "issue":
            if action == "create":
                self._add("opened", e)
            if status_to(e) == "closed":
                self._add("closed", e)
        self.evidence.append(e)
        if len(self.evidence) > 2 * EVIDENCE_ROWS:
            del self.evidence[:-EVIDENCE_ROWS]
        name = author_name(e.author)
        a = self.authors.get(name)
        if a is None:
            self.authors[name] = [1, e.commit]
        elif a[1] != e.commit:  # a commit's events come together
            a[0] += 1
            a[1] = e.commit
        self.events += 1
        rec = self.records.get(e.id)
        if rec is None:
            rec = self.records[e.id] = [e.kind, "", []]
        rec[0] = e.kind
        if e.title:
            rec[1] = e.title
        if type(rec[2]) is str:  # kept from an earlier run
            rec[2] = [rec[2]]
        text = public_json(e)
        rec[2].append(text)
        self.fresh.setdefault(e.id, []).append(text)
        if self.publics is not None:
            self.publics.setdefault(e.id, []).append(e.public())

    def items(self, name: str) -> list[Event]:
        return self.first.get(name, [])

    def count(self, name: str) -> int:
        return self.counts.get(name, 0)

    def last_events(self) -> list[Event]:
        return self.evidence[-EVIDENCE_ROWS:]


_FIELDS = tuple(f.name for f in dataclasses.fields(Event))


def _tuple(e: Event) -> tuple:
    return tuple([getattr(e, n) for n in _FIELDS])


def joined(texts) -> str:
    """A record's events' JSON texts as one (comma-separated) text."""
    return texts if type(texts) is str else ", ".join(texts)


def of_events(project: str, events: list[Event]) -> Folded:
    f = Folded(project)
    f.fold((), events)
    return f


def read_folded(ws, project: str, period, kept: Folded | None) -> tuple[History, Folded]:
    """The period's commits, and ``kept`` with the events of the commits it
    lacks folded in (all of them when ``kept`` is None or covered a list
    the period's list does not extend)."""
    commits = _listed(ws, period)
    if period.since_date:
        commits = [c for c in commits if c.day >= period.since_date]
    if period.until_date:
        commits = [c for c in commits if c.day <= period.until_date]
    n = kept.covered if kept is not None else 0
    if kept is None or kept.project != project or n > len(commits) \
            or (n and commits[n - 1].id != kept.last):
        kept, n = Folded(project), 0
    new = commits[n:]
    by_commit = events_of(ws, new)
    kept.fold(new, [e for c in new for e in by_commit.get(c.id, ())])
    return History(commits, []), kept


SHORT = 2000  # commits since a period's first day listed by walking back to it


def _listed(ws, period) -> list:
    """The commits of ``period``'s revisions, oldest first: a period that
    starts on a day with few commits since is listed by walking back to
    that day only (a past week needs not the whole history listed) unless
    a kept commit list answers at once; any other from the kept commit list
    (store.history.list_commits)."""
    from store.history.asof import commits_until, count_at_most
    if period.since_date and list(period.revs) == ["HEAD"]:
        kept = list_commits(ws, period.revs, only_kept=True)
        if kept is not None:
            return kept
        if count_at_most(ws, None, period.since_date, SHORT) <= SHORT:
            return commits_until(ws, None, period.since_date)
    return list_commits(ws, period.revs)


def fold_key(ws, project: str, period, extra) -> str:
    """What a fold depends on besides its commits: the project, the range
    and days of the period, and ``extra``."""
    key = repr((project, period.revs, period.since_date, period.until_date,
                str(ws.git.git_dir), extra))
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest()


def load(ws, key: str) -> Folded | None:
    """The fold kept under ``key``, or None (missing, damaged, another
    version's, or its parts not the ones it was kept with)."""
    base = _path(ws, key)
    try:
        with open(base.with_suffix(".pickle"), "rb") as fh:
            kept = pickle.load(fh)
        if not isinstance(kept, Folded) or getattr(kept, "format", None) != FORMAT:
            return None
        token, sizes, digest, _ = kept.stored
        with open(base.with_suffix(".base"), "rb") as fh:
            data = fh.read()
        if hashlib.sha1(data).hexdigest() != token:
            return None
        records = {rid: [kind, title, text]
                   for rid, (kind, title, text) in marshal.loads(data).items()}
        with open(base.with_suffix(".add"), "rb") as fh:
            added = fh.read(sum(sizes))
        at, chain = 0, token
        for n in sizes:
            chunk = added[at:at + n]
            at += n
            chain = hashlib.sha1((chain + hashlib.sha1(chunk).hexdigest()).encode()).hexdigest()
            for rid, kind, title, text in marshal.loads(chunk):
                rec = records.get(rid)
                if rec is None:
                    records[rid] = [kind, title, text]
                else:
                    rec[0], rec[1], rec[2] = kind, title, rec[2] + ", " + text
        if chain != digest:
            return None
    except Exception:  # missing, damaged, another version's: fold anew
        return None
    kept.records, kept.publics, kept.fresh = records, None, {}
    return kept


def keep(ws, key: str, folded: Folded) -> None:
    """Keep ``folded`` (best effort), and only the newest KEEP folds.  Its
    records' events (most of it) are a base written once and the events
    added since appended to it, so that one new commit does not rewrite
    them all; the rest is one small pickle naming the base and chunks it
    was kept with, written last."""
    path = _path(ws, key)
    try:
        stored = folded.stored
        chunk = marshal.dumps([(rid, *folded.records[rid][:2], ", ".join(texts))
                               for rid, texts in folded.fresh.items()])
        if stored is not None and sum(stored[1]) + len(chunk) <= REWRITE * stored[3]:
            token, sizes, digest, size = stored
            with open(path.with_suffix(".add"), "r+b") as fh:
                fh.truncate(sum(sizes))  # (a run that stopped half-way)
                fh.seek(sum(sizes))
                fh.write(chunk)
            digest = hashlib.sha1((digest + hashlib.sha1(chunk).hexdigest())
                                  .encode()).hexdigest()
            folded.stored = (token, [*sizes, len(chunk)], digest, size)
        else:
            data = marshal.dumps({rid: (kind, title, joined(texts))
                                  for rid, (kind, title, texts) in folded.records.items()})
            token = hashlib.sha1(data).hexdigest()
            locations.atomic_write(path.with_suffix(".add"), b"")
            locations.atomic_write(path.with_suffix(".base"), data)
            folded.stored = (token, [], token, len(data))
        folded.fresh = {}
        small = pickle.dumps(folded, protocol=pickle.HIGHEST_PROTOCOL)
        locations.atomic_write(path.with_suffix(".pickle"), small)
        kept = sorted((e for e in os.scandir(path.parent)
                       if e.name.startswith("fold-") and e.name.endswith(".pickle")),
                      key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for e in kept[KEEP:]:
            for suffix in (".pickle", ".base", ".add"):
                try:
                    os.unlink(e.path[:-len(".pickle")] + suffix)
                except FileNotFoundError:
                    pass
    except (OSError, pickle.PicklingError, ValueError):
        pass


def _path(ws, key: str):
    """The kept fold's files: this path with .pickle, .base and .add."""
    return locations.folder(ws.git.git_dir, "summary") / f"fold-{key}.x"
