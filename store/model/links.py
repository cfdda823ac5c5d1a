"""Links between records, both ways.

``backlinks`` answers "what names this record?" (a requirement is named by
the change requests that affect it, a meeting by its actions), from the
id-valued fields of the records read.  ``create_linked`` makes a record
from another one -- a meeting's decision or action -- and writes the link
on both sides (the new record names the meeting; the meeting lists the new
id) in one commit, so one undo takes both back.
"""
from __future__ import annotations

from store.model import codec, ids
from store import saves as savesmod, workspace as wsmod
from store.commit import _short, _trailers
from store.errors import InvalidValue, TransitionRefused
from store.model.records import Record, digest_bytes, validate_record
from store.model.schema import ID, IDS, Kind

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def links_of(rec: Record) -> list[tuple[str, str]]:
    """(field name, id) of each id ``rec`` names in its id-valued fields."""
    out = []
    for f in rec.kind.fields:
        if f.type not in (ID, IDS):
            continue
        v = rec.data.get(f.name)
        for x in (v if isinstance(v, list) else [v]):
            if isinstance(x, str) and ids.is_id(x):
                out.append((f.name, x))
    return out


def backlinks(records: dict[str, Record], rid: str) -> list[tuple[str, str]]:
    """(id, field name) of every record in ``records`` ({id: Record}) that
    names ``rid``, in id order."""
    out = []
    for other in records.values():
        if other.id == rid:
            continue
        for name, target in links_of(other):
            if target == rid:
                out.append((other.id, name))
    out.sort(key=lambda x: (ids.sort_key(x[0]), x[1]))
    return out


def create_linked(ws: wsmod.Workspace, slug: str, kind: Kind, fields: dict[str, Any],
                  parent: str, list_field: str,
                  why: str | None = None) -> tuple[wsmod.Saved, Record]:
    """Create a ``kind`` record with ``fields`` and add its id to the list
    field ``list_field`` of record ``parent``, in one commit.  Returns
    ``(Saved of the new record, the parent Record as saved)``."""
    ws._ensure_writable()
    slug = ws.resolve_project(slug)
    data = savesmod._nest(fields)
    if kind.statuses:
        data.setdefault("status", kind.initial)
        if data["status"] in kind.needs_signoff:
            raise TransitionRefused(code="new-needs-signoff-short", kind=kind.name,
                                    value=data["status"], status=data["status"])
    data.setdefault("created", savesmod._now_date())
    data = savesmod._schema_order(kind, data)
    problems = validate_record(kind, data)
    if problems:
        raise InvalidValue(code="kind-invalid", kind=kind.name, problem=problems[0])
    with ws._locked():
        prec = ws.read(slug, parent)
        pfield = prec.kind.field(list_field)
        if pfield is None or pfield.type != IDS:
            raise InvalidValue(code="no-id-list", rid=parent, field=list_field)
        rid = ws.next_id(slug, kind)
        path = ws.record_path(slug, rid)
        text = codec.new_document(data, ws._multiline_keys(kind))
        current = prec.data.get(list_field) or []
        new_list = list(current) + [rid]
        ptext_old = prec.path.read_bytes().decode("utf-8")
        ptext = codec.edit_document(ptext_old, {list_field: new_list},
                                    ws._multiline_keys(prec.kind))
        msg_fields = {k: [None, v] for k, v in savesmod._flat(data).items()}
        msg_fields[f"{parent}.{list_field}"] = [current, new_list]
        title = data.get(kind.title_field, "")
        commit = ws._commit_files(
            {ws.rel(path): text, prec.rel: ptext},
            f"{rid}: create {_short(title)} (from {parent})",
            fields=msg_fields, why=why, trailers=_trailers(slug, rid, "create"),
            locked=True, expect={ws.rel(path): None, prec.rel: prec.digest})
        rec = Record(rid, kind, slug, path, codec.parse(text),
                     digest_bytes(text.encode("utf-8")), rel=ws.rel(path))
        new_parent = Record(parent, prec.kind, slug, prec.path, codec.parse(ptext),
                            digest_bytes(ptext.encode("utf-8")), rel=prec.rel)
    return wsmod.Saved(rec, commit, msg_fields), new_parent


# a record made from another names it: {kind made from: {new kind: field}}
NEW_FROM = {
    "requirement": {"change": "affects", "decision": "affects", "issue": "links",
                    "feedback": "links", "ticket": "links"},
    "change": {"decision": "affects", "requirement": "source_ref", "action": "links"},
    "decision": {"change": "decision", "requirement": "source_ref", "action": "links"},
    "meeting": {"decision": "via", "action": "meeting", "requirement": "source_ref",
                "issue": "links"},
    "feedback": {"requirement": "source_ref", "change": "links", "ticket": "links",
                 "action": "links"},
}
DEFAULT_NEW_FROM = {"action": "links", "issue": "links"}


def new_from(kind_name: str) -> dict[str, str]:
    """{new kind: the field that names the record it is made from}."""
    return NEW_FROM.get(kind_name, DEFAULT_NEW_FROM)
