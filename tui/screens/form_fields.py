"""A record form's fields: one ``Slot`` per field (its editor, the text it
started with), a value as the text of its editor and back (checked with the
store's own parsing), and id completion in id fields."""
from __future__ import annotations

import datetime as dt

from textual.suggester import Suggester
from textual.widgets import Select, TextArea

from store.model import ids
from store.errors import AccordError
from store.model.records import check_value, parse_value
from store.model.schema import IDS, INT, LIST, LONGTEXT, TEXT, Field

from tui.i18n import error_text, t
from tui.widgets.common import plain_value
from tui.widgets.safe import has_controls


class IdSuggester(Suggester):
    """Completes the last id typed in an id / ids field."""

    def __init__(self, app):
        super().__init__(use_cache=False, case_sensitive=True)
        self._app = app

    async def get_suggestion(self, value: str) -> str | None:
        token = value.split(",")[-1].strip()
        if not token:
            return None
        low = token.lower()
        for rid, _title, _key in self._app.entries():
            if rid.lower().startswith(low) and len(rid) > len(token):
                return value + rid[len(token):]
        return None


def to_text(f: Field, v) -> str:
    if v is None:
        return ""
    if f.type == LIST and isinstance(v, list):
        return "\n".join(str(x) for x in v)
    if f.type == IDS and isinstance(v, list):
        return ", ".join(str(x) for x in v)
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v) if not isinstance(v, (list, dict)) else plain_value(v)


def from_text(name: str, f: Field, text: str):
    """(value, problem) for the text in a field's editor; value None means
    empty (the key is removed / not written)."""
    if f.type == LIST:
        items = [ln.strip() for ln in text.splitlines() if ln.strip()]
        return (items or None), None
    if f.type == IDS:
        items = [x for x in (p.strip() for p in text.replace("\n", ",").split(",")) if x]
        bad = [x for x in items if not ids.is_id(x)]
        if bad:
            return None, t("form.not_id", v=bad[0])
        return (items or None), None
    if f.type == LONGTEXT:
        return (text if text.strip() else None), None
    try:
        v = parse_value(name, f, text.strip() if f.type != TEXT else text)
    except AccordError as e:
        return None, error_text(e)
    if v is not None and f.type in (INT,):
        p = check_value(name, f, v)
        if p:
            return None, error_text(p)
    return v, None


class Slot:
    """One field of the form: its name (dotted for nested), schema field,
    editor widget (None when shown read-only) and the text it started with."""

    def __init__(self, name: str, f: Field, original):
        self.name, self.f, self.original = name, f, original
        self.start_text = to_text(f, original)
        self.widget = None
        self.error = None
        self.readonly = has_controls(self.start_text) or (
            isinstance(original, (dict, list)) and f.type not in (LIST, IDS))

    def text(self) -> str:
        w = self.widget
        if w is None:
            return self.start_text
        if isinstance(w, Select):
            return "" if w.value is Select.NULL else str(w.value)
        if isinstance(w, TextArea):
            return w.text
        return w.value
