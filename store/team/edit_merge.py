"""A form's edit saved over a record that changed on disk meanwhile: merged
field by field with the other change, by the merge driver's rules
(``store.team.merge.merge_texts``: the common version is the text the form was
opened with).  Only fields both sides changed differently are conflicts;
the caller asks about those and nothing else."""
from __future__ import annotations

from store.model import codec
from store.team.merge import MergeResult, merge_texts
from store.model.records import digest_bytes

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

    from store.workspace import Saved, Workspace


def merge_edit(ws: Workspace, slug: str, rid: str, opened_text: str,
               changes: dict[str, Any],
               theirs_wins: Iterable[str] = ()) -> tuple[MergeResult, str] | None:
    """(the merge of my ``changes`` to ``opened_text`` with the file as it
    is now, the digest the file has now), or None when the file is gone
    or unreadable.  Fields in ``theirs_wins`` keep the other side's value.
    The merged text of fields in conflict holds mine."""
    path = ws.record_path(slug, rid)
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    now = raw.decode("utf-8", "replace")
    kind = ws.read(slug, rid).kind
    mine = {k: v for k, v in changes.items() if k not in set(theirs_wins)}
    ours = codec.edit_document(opened_text, mine, ws._multiline_keys(kind))
    return merge_texts(opened_text, ours, now, ws.rel(path)), digest_bytes(raw)


def save_merged(ws: Workspace, slug: str, rid: str, result: MergeResult, digest: str,
                why: str | None = None) -> Saved:
    """Save a merged text (one commit) if the file is still as merged with."""
    return ws.save_text(slug, rid, result.text, why=why, expect_digest=digest)
