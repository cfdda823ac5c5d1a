"""What an open workspace has loaded: the app's data session.

``ProjectSession`` owns, per project, the parsed records (``Index``), the
project data, the search entries, sign-off states, the stamp of the files an
index was read from (store.snapshot), figures worked out alongside a read,
and what a background read has under way; and the last look at the disk.
It knows nothing of screens or threads: the app runs ``read`` in a worker
and calls everything else from its own thread.
"""
from __future__ import annotations

import gc
import os
import threading
from pathlib import Path

from store.errors import AccordError
from store.model.ids import sort_key
from store.model.schema import KINDS
from store.workspace import Index, Workspace

# a project with more record files than this is "large": the app reads it
# after its first screen is up (see ProjectSession.large)
LARGE_AT = 2000


def keep_long_lived() -> None:
    """Move every object alive now out of the cyclic collector's sight.

    A loaded project is ~10^5 small containers that live until the next
    reload; each full collection would scan them all, and one falls sooner
    or later on a keystroke.  Frozen objects are still freed by reference
    counting (records hold no cycles); the app unfreezes on its end."""
    gc.freeze()


class Read:
    """A background read of one project: filled by ``ProjectSession.read``
    in another thread, installed by ``finish_load`` or a waiting ``index``
    (which reads it itself if that thread has not started yet)."""
    __slots__ = ("slug", "done", "index", "extra", "error", "stamp", "_claim", "_claimed")

    def claim(self) -> bool:
        """True for the first caller only: that one reads."""
        with self._claim:
            first, self._claimed = not self._claimed, True
            return first

    def __init__(self, slug: str, stamp: bool):
        self.slug = slug
        self.stamp = stamp  # take the files' stamp before reading
        self.done = threading.Event()
        self._claim = threading.Lock()
        self._claimed = False
        self.index: Index | None = None
        self.extra = None
        self.error: BaseException | None = None


class ProjectSession:
    """The records and figures loaded for the open workspace ``ws``."""

    def __init__(self, ws: Workspace, large_at: int = LARGE_AT):
        self.ws = ws
        self.large_at = large_at
        self.version = 0  # bumped whenever an index changes
        self.early: dict[str, object] = {}  # kept figures shown before a read
        self._indexes: dict[str, Index] = {}
        self._entries: dict[str, list] = {}
        self._project_data: dict[str, dict] = {}
        self._reads: dict[str, Read] = {}  # background reads under way
        self._signoffs: dict[tuple[str, str], str] = {}  # (id, digest) -> state
        # the stamp of a large project's files taken before its index was
        # read; dropped when that index changes in memory
        self._stamps: dict[str, str | None] = {}
        self._large: dict[str, bool] = {}
        self._figures: dict[str, tuple] = {}  # slug -> (version, pdata, key, figures)
        self._pinyin = None
        self._disk = None  # store.watch.disk_stamp at the last look
        self._open_files: dict = {}  # path of an open record -> its file_stamp

    # --- reading ---------------------------------------------------------------
    def index(self, slug: str) -> Index:
        """``slug``'s records: read now, or waited for if a read is under way."""
        if slug not in self._indexes:
            pending = self._reads.pop(slug, None)
            if self.large(slug):
                self.stamp_before_read(slug)
            if pending is not None and not pending.claim():
                pending.done.wait()  # its thread is reading
                self._take(pending)
            else:
                self._install(slug, self.ws.load(slug))
        return self._indexes[slug]

    def indexed(self, slug: str) -> bool:
        """True when ``slug``'s records are read (``index`` returns at once)."""
        return slug in self._indexes

    def loading(self, slug: str) -> bool:
        """True while ``slug``'s records are read in the background."""
        return slug not in self._indexes and slug in self._reads

    def start_load(self, slug: str | None) -> Read | None:
        """A background read of ``slug`` when it is large and neither read nor
        under way (None otherwise: ``index`` reads it when asked).  The
        caller runs ``read`` with it in another thread."""
        if not slug or slug in self._indexes or slug in self._reads:
            return None
        if not self.large(slug):
            return None
        pending = self._reads[slug] = Read(slug, slug not in self._stamps)
        return pending

    def read(self, pending: Read, then=None) -> Read:
        """(another thread) Read what ``start_load`` asked for; ``then(slug,
        index)`` runs there too and its answer comes back from ``figures``
        (the app works out the dashboard's figures with it).  Never raises:
        an error is raised by ``index`` or ``finish_load``."""
        if not pending.claim():
            return pending  # ``index`` read it meanwhile
        try:
            if pending.stamp:
                self.take_stamp(pending.slug)  # before reading: a later change misses
            pending.index = self.ws.load(pending.slug)
            if then is not None:
                pending.extra = then(pending.slug, pending.index)
        except BaseException as e:  # noqa: BLE001 - handed to the UI thread
            pending.error = e
        finally:
            pending.done.set()
        return pending

    def finish_load(self, slug: str) -> bool:
        """Install ``slug``'s background read once it is done (a reload drops
        a read, ``index`` may have taken it already; a newer read under way
        is left).  True if installed."""
        pending = self._reads.get(slug)
        if pending is None or not pending.done.is_set():
            return False
        del self._reads[slug]
        self._take(pending)
        return True

    def _take(self, pending: Read) -> None:
        if pending.error is not None:
            raise pending.error
        self._install(pending.slug, pending.index)
        if pending.extra is not None:
            pdata, key, figures = pending.extra
            self.keep_figures(pending.slug, pdata, key, figures)

    def _install(self, slug: str, index: Index) -> None:
        self.version += 1
        self._indexes[slug] = index
        self._entries.pop(slug, None)
        self._figures.pop(slug, None)
        if self.large(slug):
            keep_long_lived()

    def large(self, slug: str) -> bool:
        """More than ``large_at`` record files (counted once a session; the
        count's scan also stamps the files of a large project)."""
        if slug not in self._large:
            n = None
            if slug not in self._stamps and slug not in self._indexes:
                from store import snapshot
                try:
                    stamp, n = snapshot.project_scan(self.ws, slug, self.large_at)
                except (OSError, AccordError):
                    n = None
                else:
                    if n > self.large_at:  # taken before reading
                        self._stamps[slug] = stamp
            if n is None:
                n = self._record_files(slug)
            self._large[slug] = n > self.large_at
        return self._large[slug]

    def _record_files(self, slug: str) -> int:
        """How many entries the kind folders hold (names only, no stat)."""
        try:
            pdir = self.ws.project_dir(slug)
        except AccordError:
            return 0
        n = 0
        for kind in KINDS.values():
            try:
                n += len(os.listdir(pdir / kind.folder))
            except OSError:
                pass
        return n

    # --- stamps and figures ------------------------------------------------------
    def stamp(self, slug: str) -> str | None:
        """The stamp (store.snapshot) of the files ``slug``'s index is read
        from, taken before reading, while that index is unchanged in memory;
        None for a small project, after a change or a reload."""
        return self._stamps.get(slug)

    def stamp_before_read(self, slug: str) -> None:
        """Stamp ``slug``'s files unless that was done since its index last
        changed: taken before reading, so a change made meanwhile misses."""
        if slug not in self._stamps:
            self.take_stamp(slug)

    def take_stamp(self, slug: str) -> str | None:
        """Stamp ``slug``'s files now (unless its index is read already)."""
        from store import snapshot
        if slug in self._indexes:
            return self._stamps.get(slug)
        try:
            self._stamps[slug] = snapshot.project_stamp(self.ws, slug)
        except (OSError, AccordError):
            self._stamps[slug] = None
        return self._stamps[slug]

    def figures(self, slug: str, pdata: dict, key=None):
        """Figures kept by ``keep_figures`` for the index now loaded, this very
        project data and ``key``; None when anything changed since."""
        kept = self._figures.get(slug)
        if kept and kept[0] == self.version and kept[1] is pdata and kept[2] == key:
            return kept[3]
        return None

    def keep_figures(self, slug: str, pdata: dict, key, figures) -> None:
        """Keep ``figures`` worked out from the index now loaded (see figures)."""
        self._figures[slug] = (self.version, pdata, key, figures)

    # --- values of records -------------------------------------------------------
    def signoff(self, rec) -> str:
        """``rec.signoff``, computed once per record content (json and sha256
        of the agreed fields) and remembered by id and file digest."""
        key = (rec.id, rec.digest)
        state = self._signoffs.get(key)
        if state is None:
            state = self._signoffs[key] = rec.signoff
        return state

    def project_data(self, slug: str) -> dict:
        """project.toml's fields, read once ({} when unreadable)."""
        if slug not in self._project_data:
            try:
                self._project_data[slug] = self.ws.project_data(slug)
            except AccordError:
                self._project_data[slug] = {}
        return self._project_data[slug]

    def title_of(self, slug: str, rid) -> str | None:
        r = self.index(slug).records.get(rid) if isinstance(rid, str) else None
        return r.title if r else None

    def entries(self, slug: str) -> list[tuple[str, str, str]]:
        """(id, title, search key: store.model.search.search_key) of every
        record, kind order."""
        from store.model.search import search_key
        if slug not in self._entries:
            order = {k.name: i for i, k in enumerate(KINDS.values())}
            recs = sorted(self.index(slug).records.values(),
                          key=lambda r: (order[r.kind.name], sort_key(r.id)))
            keys = self.pinyin_keys()
            self._entries[slug] = [(r.id, r.title, search_key(r.id, r.title, keys.get(r.title)))
                                   for r in recs]
            self.save_pinyin()
        return self._entries[slug]

    def pinyin_keys(self):
        """The titles' pinyin (store.model.search.PinyinKeys), read once a session."""
        if self._pinyin is None:
            from store.model.search import PinyinKeys
            try:
                cache = self.ws.git.git_dir / "accord"
            except (OSError, AccordError):
                cache = None
            self._pinyin = PinyinKeys(cache if not self.ws.read_only else None)
        return self._pinyin

    def save_pinyin(self) -> None:
        """Keep the pinyin of titles met for the first time (the next run reads it)."""
        if not self.ws.read_only:
            self.pinyin_keys().save()

    # --- changes -------------------------------------------------------------------
    def reload(self) -> None:
        """Forget everything read (after a sync, an undo, a change on disk):
        read again when asked.  A read under way is dropped: it reads the
        old files."""
        self.version += 1
        self._indexes.clear()
        self._reads.clear()
        self._stamps.clear()
        self.early.clear()
        self._entries.clear()
        self._project_data.clear()

    def record_changed(self, slug: str, rid: str, record=None) -> None:
        """Keep ``slug``'s index in step after a save of ``rid`` (``record``
        None: deleted, or to be read again from its file)."""
        self.version += 1
        self._stamps.pop(slug, None)  # no longer what the files were
        self.early.pop(slug, None)
        idx = self.index(slug)
        if record is None:
            try:
                record = self.ws.read(slug, rid)
            except AccordError:
                idx.records.pop(rid, None)
                record = None
        if record is not None:
            idx.records[rid] = record
        self._entries.pop(slug, None)

    def look(self, slug: str, paths: list[Path]) -> tuple[bool, list[Path]]:
        """Look at the disk (store.watch: a few stats, no parsing): (whether
        ``slug`` changed since the last look, which of ``paths`` — files of
        open records — changed or were not looked at before).  The first
        look only records what is there.  OSError and AccordError pass."""
        from store.watch import disk_stamp, file_stamp
        stamp = disk_stamp(self.ws, slug)
        files = {p: file_stamp(p) for p in paths}
        old, old_files = self._disk, self._open_files
        self._disk, self._open_files = stamp, files
        if old is None:
            return False, []
        moved = [p for p, k in files.items() if old_files.get(p, k) != k]
        changed = stamp != old or bool(moved)
        new = [p for p in files if p not in old_files]
        return changed, (moved + new if changed else [])

    def looked(self) -> bool:
        """True once the disk was looked at."""
        return self._disk is not None
