"""Saving records: create, update, move, confirm, delete, save a whole text.

Each save checks the values against the schema, takes the write lock, reads
the version it replaces (refused when it is not the one the caller opened),
and commits one file through the save primitive (store/commit.py).
Workspace inherits ``RecordSaves``.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass

from store.commit import _short, _subject, _trailers
from store.errors import InvalidValue, TransitionRefused
from store.model import codec, ids
from store.model.records import (Record, diff_fields, digest_bytes, fingerprint,
                                 signoff_state, validate_record)
from store.model.schema import KINDS, LONGTEXT, TABLE, Kind, kind_named

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any


@dataclass
class Saved:
    """What a save did: the record as now on disk and the commit id (None
    when nothing changed)."""
    record: Record | None
    commit: str | None
    changes: dict[str, list[Any]]



def _now_date() -> dt.date:
    """Today, or the day of GIT_AUTHOR_DATE when it is set (scripted
    histories and tests), so a record's dates agree with its commit."""
    env = os.environ.get("GIT_AUTHOR_DATE", "")
    try:
        return dt.datetime.fromisoformat(env.strip()).date()
    except ValueError:
        return dt.date.today()


class RecordSaves:
    """The record saves of Workspace (a mixin: it uses the workspace's
    reading, ``_ensure_writable``, ``_locked`` and ``_commit_files``)."""

    @staticmethod
    def _multiline_keys(kind: Kind) -> frozenset:
        return frozenset(f.name for f in kind.fields if f.type == LONGTEXT)

    def create(self, slug: str, kind: Kind | str, fields: dict[str, Any],
               why: str | None = None) -> Saved:
        """Create a record of ``kind`` with ``fields`` (typed values, dotted
        names allowed) and commit it."""
        self._ensure_writable()
        if isinstance(kind, str):
            k = kind_named(kind)
            if k is None:
                raise InvalidValue(code="unknown-kind", value=kind, kinds=list(KINDS))
            kind = k
        slug = self.resolve_project(slug)
        data = _nest(fields)
        if kind.statuses:
            st = data.get("status") or kind.initial
            if st not in kind.statuses:
                raise InvalidValue(code="not-a-status", value=st, kind=kind.name,
                                   statuses=list(kind.statuses))
            if st in kind.needs_signoff:
                raise TransitionRefused(code="new-needs-signoff", kind=kind.name,
                                        value=st, status=st)
            data["status"] = st
        data.setdefault("created", _now_date())
        data = _schema_order(kind, data)
        problems = validate_record(kind, data)
        if problems:
            raise InvalidValue(code="kind-invalid", kind=kind.name, problem=problems[0])
        with self._locked():
            rid = self.next_id(slug, kind)
            path = self.record_path(slug, rid)
            text = codec.new_document(data, self._multiline_keys(kind))
            msg_fields = {k: [None, v] for k, v in _flat(data).items()}
            title = data.get(kind.title_field, "")
            commit = self._commit_files(
                {self.rel(path): text},
                f"{rid}: create {_short(title)}", fields=msg_fields, why=why,
                trailers=_trailers(slug, rid, "create"), locked=True,
                expect={self.rel(path): None})
            rec = Record(rid, kind, slug, path, codec.parse(text),
                         digest_bytes(text.encode("utf-8")), rel=self.rel(path))
        return Saved(rec, commit, msg_fields)

    def update(self, slug: str, rid: str, changes: dict[str, Any], why: str | None = None,
               expect_digest: str | None = None, action: str = "edit",
               subject: str | None = None,
               _check: Callable[[Record, dict[str, Any]], object] | None = None) -> Saved:
        """Change fields of a record ({dotted name: value, or codec.REMOVE /
        None to remove}) and commit.  Nothing changed: no commit."""
        self._ensure_writable()
        kind, _ = ids.parse_id(rid)
        for name, value in changes.items():
            problem = codec.odd_value(value)
            if problem:
                raise InvalidValue(code="field", name=name,
                                   problem=problem.split(": ", 1)[-1])
        with self._locked():
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            if "status" in changes and action == "edit":
                new = changes["status"]
                if new != rec.status:
                    action = "move"
                    self._check_move(kind, rec, new, changes)
            old_text = raw.decode("utf-8")
            new_text = codec.edit_keeping_form(old_text, changes,
                                               self._multiline_keys(kind))
            if new_text == old_text:
                return Saved(rec, None, {})
            new_data = codec.parse_checked(new_text)
            problems = validate_record(kind, new_data)
            if problems:
                raise InvalidValue(code="record-invalid", what=rid, problem=problems[0])
            if _check:
                _check(rec, new_data)
            fields = diff_fields(rec.data, new_data)
            if not fields:
                return Saved(rec, None, {})
            if subject is None:
                subject = _subject(rid, action, fields)
            commit = self._commit_files(
                {rec.rel: new_text}, subject, fields=fields, why=why,
                trailers=_trailers(slug, rid, action), locked=True,
                expect={rec.rel: rec.digest})
            new_rec = Record(rid, kind, slug, rec.path, new_data,
                             digest_bytes(new_text.encode("utf-8")), rel=rec.rel)
        return Saved(new_rec, commit, fields)

    def _check_move(self, kind: Kind, rec: Record, new: str, changes: dict):
        if new not in kind.statuses:
            raise InvalidValue(code="not-a-status", value=new, kind=kind.name,
                               statuses=list(kind.statuses))
        allowed = kind.moves_from(rec.status)
        if new not in allowed:
            raise TransitionRefused(code="move-refused" if allowed else "move-none",
                                    rid=rec.id, src=rec.status or "(none)", to=new,
                                    allowed=list(allowed))
        if new in kind.needs_signoff:
            data = dict(rec.data)
            data.update(_nest({k: v for k, v in changes.items() if k != "status"}))
            if signoff_state(kind, data) != "current":
                ok = [s for s in allowed if s not in kind.needs_signoff]
                raise TransitionRefused(code="signoff-required", rid=rec.id, to=new, ok=ok)

    def move(self, slug: str, rid: str, status: str, changes: dict[str, Any] | None = None,
             why: str | None = None, expect_digest: str | None = None) -> Saved:
        """Move a record to ``status`` along its kind's transitions (with
        ``changes`` in the same commit); a move that needs a current
        sign-off is refused without one."""
        ch = dict(changes or {})
        ch["status"] = status
        kind, _ = ids.parse_id(rid)
        if kind.statuses == ():
            raise InvalidValue(code="no-status", kind=kind.name)
        self._ensure_writable()
        with self._locked():  # the status checked is the one saved over
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            if rec.status == status:
                raise TransitionRefused(code="already-status", rid=rid, status=status)
            self._check_move(kind, rec, status, ch)
            return self.update(slug, rid, ch, why=why, expect_digest=rec.digest,
                               action="move",
                               subject=f"{rid}: move {rec.status} -> {status}")

    def confirm(self, slug: str, rid: str, by: str, via: str,
                on: dt.date | None = None, why: str | None = None,
                expect_digest: str | None = None) -> Saved:
        """Record the client's sign-off of the agreed fields as they are now."""
        kind, _ = ids.parse_id(rid)
        if not kind.has_signoff:
            raise InvalidValue(code="no-signoff-kind", kind=kind.name)
        if not by.strip() or not via.strip():
            raise InvalidValue(code="confirm-needs-by")
        self._ensure_writable()
        with self._locked():  # the fingerprint is of the version saved over
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            return self._confirm(slug, rid, kind, rec, by, via, on, why)

    def _confirm(self, slug, rid, kind, rec, by, via, on, why) -> Saved:
        on = on or _now_date()
        changes = {"confirmation": {"by": by, "on": on, "via": via,
                                    "fingerprint": fingerprint(kind, rec.data)}}
        order = kind.statuses
        target = kind.signoff_status
        if target and rec.status in order and order.index(rec.status) < order.index(target) \
                and rec.status not in ("rejected", "withdrawn"):
            changes["status"] = target
        elif rec.status in ("rejected", "withdrawn", "implemented"):
            raise TransitionRefused(code="reopen-first", rid=rid, status=rec.status)
        return self.update(slug, rid, changes, why=why, expect_digest=rec.digest,
                           action="confirm",
                           subject=f"{rid}: confirm ({by} via {via})")

    def delete(self, slug: str, rid: str, why: str | None = None,
               expect_digest: str | None = None) -> Saved:
        """Delete a record's file and commit it (history keeps every version)."""
        self._ensure_writable()
        with self._locked():
            rec, raw = self._saved_over(slug, rid, ids.parse_id(rid)[0], expect_digest)
            fields = {k: [v, None] for k, v in _flat(rec.data).items()}
            commit = self._commit_files(
                {rec.rel: None}, f"{rid}: delete {_short(rec.title)}",
                fields=fields, why=why, trailers=_trailers(slug, rid, "delete"),
                locked=True, expect={rec.rel: rec.digest})
        return Saved(None, commit, fields)

    def save_text(self, slug: str, rid: str, text: str, why: str | None = None,
                  expect_digest: str | None = None) -> Saved:
        """Save a whole new text of a record (edited in $EDITOR): it must be
        valid TOML that passes validation; status moves are checked too."""
        from store.errors import ValidationFailed
        from store.messages import Problem
        self._ensure_writable()
        kind, _ = ids.parse_id(rid)
        try:
            new_data = codec.parse_checked(text)
        except codec.TOMLDecodeError as e:
            raise ValidationFailed(code="edit-not-toml", rid=rid, toml=str(e),
                                   problems=[Problem("toml-invalid", toml=str(e))]) from None
        problems = validate_record(kind, new_data)
        if problems:
            raise ValidationFailed(code="record-invalid", what=rid, problem=problems[0],
                                   problems=problems)
        if not text.endswith("\n"):
            text += "\n"
        with self._locked():
            rec, raw = self._saved_over(slug, rid, kind, expect_digest)
            if new_data.get("status") != rec.data.get("status") and kind.statuses:
                self._check_move(kind, rec, new_data.get("status"),
                                 {k: v for k, v in new_data.items()})
            fields = diff_fields(rec.data, new_data)
            if text.encode("utf-8") == raw:
                return Saved(rec, None, {})
            action = "move" if "status" in fields else "edit"
            commit = self._commit_files(
                {rec.rel: text}, _subject(rid, action, fields) if fields
                else f"{rid}: edit layout", fields=fields, why=why,
                trailers=_trailers(slug, rid, action), locked=True,
                expect={rec.rel: rec.digest})
            new_rec = Record(rid, kind, slug, rec.path, new_data,
                             digest_bytes(text.encode("utf-8")), rel=rec.rel)
        return Saved(new_rec, commit, fields)

    # --- what HEAD holds ------------------------------------------------------------
    def _saved_over(self, slug: str, rid: str, kind: Kind,
                    expect_digest: str | None) -> tuple[Record, bytes]:
        """Under the lock: the version a save replaces and its bytes, refused
        when it is not the one the caller opened (``expect_digest``), with an
        uncommitted change of the file settled first (``_settle``)."""
        rec, raw = self.read_raw(slug, rid)
        if expect_digest is not None and rec.digest != expect_digest:
            raise self._conflict(rec)
        return self._settle(slug, kind, rec, raw), raw

    def _settle(self, slug: str, kind: Kind, rec: Record, raw: bytes) -> Record:
        """An uncommitted change of the file committed on its own first, or
        the save refused (store/git/uncommitted.py)."""
        from store.git.uncommitted import settle
        return settle(self, slug, kind, rec, raw)


def _nest(fields: dict) -> dict:
    """{"impact.scope": x} -> {"impact": {"scope": x}}; None values dropped."""
    out: dict = {}
    for k, v in fields.items():
        if v is None or v is codec.REMOVE:
            continue
        parts = k.split(".")
        cur = out
        for p in parts[:-1]:
            cur = cur.setdefault(p, {})
        cur[parts[-1]] = v
    return out


def _flat(data: dict) -> dict:
    from store.model.records import flatten
    return flatten(data)


def _schema_order(kind: Kind, data: dict) -> dict:
    out = {}
    for f in kind.fields:
        if f.name in data and data[f.name] not in (None, "", []):
            v = data[f.name]
            if f.type == TABLE and isinstance(v, dict):
                order = [s.name for s in f.fields]
                v = {k: v[k] for k in order if k in v} | {
                    k: x for k, x in v.items() if k not in order}
            out[f.name] = v
    for k, v in data.items():
        if k not in out and v not in (None, "", []):
            out[k] = v
    return out
