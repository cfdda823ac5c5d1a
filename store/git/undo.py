"""Undo one's own last change: a revert of that commit, as one new commit.

The change undone is the newest commit in the project written by the
current git identity (its author e-mail).  It is refused, with one line,
when a later commit (someone else's: it is the user's newest) touched one
of its files, or when a file is not as that commit left it (an edit not
yet committed): reverting then would throw their work away.

The revert writes each file of that commit back as it was before it and
commits exactly those paths (``Workspace._commit_files``), with
``This reverts commit <id>.`` in the message as ``git revert`` writes it.
"""
from __future__ import annotations

from dataclasses import dataclass

from store.errors import AccordError
from store.model.records import digest_bytes
from store.workspace import commit_message


class UndoRefused(AccordError):
    """Nothing of the user's to undo, or undoing it would drop others' work.
    ``code`` names the case (undo-nothing, undo-changed-since,
    undo-changed-on-disk, undo-root), worded by store.messages."""
    exit_code = 1

    def __init__(self, code: str, **params):
        super().__init__(code=code, **params)


@dataclass
class Change:
    commit: str
    subject: str
    paths: list[str]
    record: str | None  # the Accord-Record trailer, when there is one


def last_own_change(ws, slug: str) -> Change | None:
    """The newest commit touching project ``slug`` by the current identity."""
    who = ws.git.identity()
    if who is None or ws.git.head() is None:
        return None
    folder = ws.rel(ws.project_dir(slug))
    found = ws.git.last_commit_by(who[1], folder)
    if found is None:
        return None
    sha, subject, record = found
    return Change(sha, subject, ws.git.changed_files(sha), record.strip() or None)


def undo_last(ws, slug: str, why: str | None = None) -> tuple[Change, str]:
    """Revert the user's last change in ``slug``; (what was undone, the new
    commit id).  Raises UndoRefused when it may not."""
    ws._ensure_writable()
    with ws._locked():
        change = last_own_change(ws, slug)
        if change is None:
            raise UndoRefused("undo-nothing")
        later = ws.git.commits_since(change.commit, change.paths)
        if later:
            short, author = later[0]
            raise UndoRefused("undo-changed-since", commit=change.commit[:8],
                              author=author, since=short)
        if ws.git.rev_parse(f"{change.commit}^") is None:
            raise UndoRefused("undo-root", commit=change.commit[:8])
        writes, expect = {}, {}
        for rel in change.paths:
            now = ws.git.show_bytes(change.commit, rel)
            have = (ws.root / rel).read_bytes() if (ws.root / rel).exists() else None
            if have != now:
                raise UndoRefused("undo-changed-on-disk", path=rel)
            before = ws.git.show_bytes(f"{change.commit}^", rel)
            writes[rel] = None if before is None else before.decode("utf-8")
            expect[rel] = None if now is None else digest_bytes(now)
        trailers = {"Accord-Project": slug, "Accord-Action": "undo"}
        if change.record:
            trailers["Accord-Record"] = change.record
        done = change.subject
        if change.record and done.startswith(change.record + ": "):
            done = done[len(change.record) + 2:]
        subject = f"{change.record + ': ' if change.record else ''}undo {done}"
        head, _, rest = commit_message(subject, None, why, trailers).partition("\n\n")
        message = f"{head}\n\nThis reverts commit {change.commit}.\n\n{rest}"
        commit = ws._commit_files(writes, subject, locked=True, expect=expect,
                                  message=message)
    return change, commit
