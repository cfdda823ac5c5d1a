"""A finished summary kept for the same question (the same records, history,
format, language and day): ``render_cached`` answers it without building it
again."""
from __future__ import annotations

from store.model.schema import KINDS
from store.reports.common import WORK_KINDS


SUMMARY_KEEP = 4          # rendered summaries kept (the newest)


def render_cached(ws, project: str, fmt: str, since: str | None = None,
                  until: str | None = None, lang: str | None = None,
                  evidence: bool = False, problems: list | None = None):
    """The summary of ``project`` rendered as ``fmt``, exactly as
    ``render(reports.build(ws, project, "summary", ...), fmt)`` gives it.

    The text is kept in ``<cache folder>/summary/`` (outside the work tree)
    as ``<question>-<files>.txt``.  The question is everything asked: the
    period resolved to commit ids (and HEAD), today's date, the language,
    the format and Accord's version.  The files part is the
    size/mtime/ctime/inode of every record file the summary reads (and of
    ``project.toml`` and ``accord.toml``).  Only when a text is kept for
    this question are the files stamped before the build, to look for it;
    otherwise the build goes first and the text is kept under the stats
    its record load took before reading each file, if HEAD did not move
    meanwhile.  A file changed within two seconds of the start keeps
    nothing (a change in the same clock tick could keep every stamp
    equal); ``ACCORD_NO_CACHE=1`` turns this off.  ``problems`` (a list)
    receives the records that could not be read, as (path, problem); a
    summary missing one is never kept."""
    import time

    from store import cache as record_cache, locations
    from store.reports import periods
    from store.errors import AccordError
    from store.reports import build_with_context, render
    started = time.time_ns()
    today = periods.today()
    period = question = None
    if record_cache.enabled() and fmt != "docx":  # (a Word file: bytes, not kept)
        try:
            period = periods.resolve(ws, project, since or periods.LAST_MEETING, until,
                                     today=today)
        except AccordError:
            period = None  # the build says what is wrong, in its own order
        if period is not None:
            question = _question(ws, project, fmt, lang, period, today, evidence)
    folder = locations.folder(ws.git.git_dir, "summary")
    if question is not None and _kept_for(folder, question[0]):
        files = _files_key(ws, project, record_cache.scan_stamps(
            ws.project_dir(project), [KINDS[k] for k in WORK_KINDS]),
            time.time_ns() - locations.RACY_NS)
        if files is not None:
            try:
                with open(folder / f"{question[0]}-{files}.txt", "rb") as fh:
                    return fh.read().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                pass
    from store.reports import summary_fold
    fold = fkey = None
    if question is not None:  # what an earlier run kept of the events, if any
        fkey = summary_fold.fold_key(ws, project, period, None)
        fold = {"kept": summary_fold.load(ws, fkey)}
    doc, ctx = build_with_context(ws, project, "summary", since=since, until=until,
                                  lang=lang, today=today, period=period, evidence=evidence,
                                  fold=fold)
    if fold is not None and fold["kept"] is not None and _head(ws) == question[1]:
        summary_fold.keep(ws, fkey, fold["kept"])
    keyed = [_files_key(ws, project, ctx.stamps, started - locations.RACY_NS)
             if question is not None and ctx.stamps is not None else None]
    from store.reports import note_problems
    found = note_problems(doc, ctx)  # named in the draft, and to the caller
    if problems is not None:
        problems.extend(found)
    text = render(doc, fmt)
    # a summary missing a record is never kept: a kept text is a whole one
    if not found and keyed and keyed[0] is not None and _head(ws) == question[1]:
        _keep_text(folder / f"{question[0]}-{keyed[0]}.txt", text)
    return text


def _head(ws):
    from store.errors import AccordError
    try:
        return ws.git.head()
    except AccordError:
        return False


def _kept_for(folder, question: str) -> bool:
    import os
    try:
        return any(n.startswith(question + "-") for n in os.listdir(folder))
    except OSError:
        return False


def _question(ws, project, fmt, lang, period, today,
              evidence=False) -> tuple[str, str] | None:
    """(key of the question asked, HEAD), or None when nothing may be kept."""
    import hashlib
    import sys

    from store.model import codec
    head = _head(ws)
    if head is False:
        return None
    key = repr((fmt, evidence, lang, ws.language, project, head, today.isoformat(),
                repr(period), sys.version, codec.PARSER))
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest(), head


def _files_key(ws, project, stamps: dict, limit: int) -> str | None:
    """The key (hex) of the files the summary reads, from ``stamps`` of the
    record folders (store.cache.scan_stamps or a load's Index.stamps), or
    None when one changed at or after ``limit`` (ns) or cannot be stat'ed."""
    import hashlib
    import os
    import pickle

    from store.errors import AccordError
    from store.workspace import CONFIG
    rows: list = []
    add = rows.append

    def add_all(seen):
        for name, st in seen:
            if st is None:
                add((name, None))
                continue
            m, c = st.st_mtime_ns, st.st_ctime_ns
            if m >= limit or c >= limit:
                raise _Racy  # a change in the same clock tick could hide
            # no mode: a chmod moves the ctime, a new file type the inode
            add((name, st.st_size, m, c, st.st_ino))
    try:
        pdir = ws.project_dir(project)
        for p in (ws.root / CONFIG, pdir / "project.toml"):
            try:
                st = os.stat(p, follow_symlinks=False)
            except FileNotFoundError:
                st = None
            add_all([(str(p), st)])
        for k in WORK_KINDS:
            folder = KINDS[k].folder
            seen = stamps.get(folder, ())
            add((folder, seen is None))
            if seen:
                add_all(sorted(seen, key=lambda e: e[0]))
    except (_Racy, AccordError, OSError):
        return None
    return hashlib.sha1(pickle.dumps(rows, protocol=5)).hexdigest()


class _Racy(Exception):
    pass


def _keep_text(path, text: str) -> None:
    """Write the text atomically and keep only the newest SUMMARY_KEEP (best
    effort: a read-only .git keeps nothing)."""
    import os

    from store.cache import write_file
    try:
        write_file(path, text.encode("utf-8"))
        kept = sorted((e for e in os.scandir(path.parent)
                       if e.name.endswith(".txt")),
                      key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for e in kept[SUMMARY_KEEP:]:
            try:
                os.unlink(e.path)
            except OSError:
                pass
    except (OSError, UnicodeError):
        pass
