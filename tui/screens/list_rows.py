"""The rows of a record list: the columns each kind shows, and one ``Row``
per record built once (cells as plain text with a style, sort keys, the
lowercase key the filter searches), with past due dates marked.  Apart from
records.py, the screen that filters, sorts and shows them.
"""
from __future__ import annotations

import datetime as dt

from store.model.attention import FINAL_STATES
from store.model.ids import sort_key
from store.model.schema import CHOICE
from store.model.search import sort_value

from tui.i18n import word
from tui.widgets.common import SIGNOFF_MARK, STATUS_STYLE, plain_value
from tui.widgets.safe import safe_text

# extra columns per kind, after id / title / status / sign-off
EXTRA = {
    "requirement": ("priority", "owner"),
    "change": ("requested_on", "requested_by"),
    "decision": ("decided_on",),
    "feedback": ("from", "reply_due"),
    "meeting": ("date", "type"),
    "action": ("owner", "due"),
    "issue": ("type", "owner"),
    "report": ("type", "period_end"),
    "training": ("date", "format"),
    "ticket": ("severity", "reported_on"),
    "touchpoint": ("date", "with"),
    "lesson": ("category",),
}


# fields whose date, once past, is overdue while the record is still open
DUE_FIELDS = {"reply_due", "due"}
DONE_STATES = FINAL_STATES | {"replied", "delivered", "occurred"}


def overdue(rec, name: str, value, today) -> bool:
    """A due date passed on a record not yet answered, done or closed."""
    return (name in DUE_FIELDS and today is not None and isinstance(value, dt.date)
            and value < today and rec.status not in DONE_STATES
            and not rec.get("replied_on"))


class Row:
    __slots__ = ("rid", "cells", "key", "sorts")

    def __init__(self, rec, columns, lang, signoff=None, pinyin=None, today=None):
        """``signoff``: record -> state (the app remembers them per digest);
        ``pinyin``: a store.model.search.PinyinKeys (the filter finds pinyin and
        initials of the title); ``today``: past due dates are marked."""
        self.rid = rec.id
        cells, sorts, stored = [], [], []
        for name in columns:
            if name == "id":
                cells.append((rec.id, "bold"))
                sorts.append(sort_key(rec.id))
            elif name == "kind":
                cells.append((rec.kind.label(lang), ""))
                sorts.append(rec.kind.label(lang))
            elif name == "title":
                cells.append((safe_text(rec.title), ""))
                sorts.append(sort_value(None, rec.title))
            elif name == "status":
                st = rec.kind.statuses
                cells.append((safe_text(word(rec.status)) if st else "",
                              STATUS_STYLE.get(rec.status, "magenta")))
                sorts.append(st.index(rec.status) if rec.status in st else 99)
                if st and word(rec.status) != rec.status:
                    stored.append(safe_text(rec.status))
            elif name == "signoff":
                s = signoff(rec) if signoff else rec.signoff
                cells.append(SIGNOFF_MARK.get(s, ("", "")))
                sorts.append({"stale": 0, "none": 2, "current": 1}[s])
            else:
                v = rec.get(name)
                f = rec.kind.field(name)
                shown = word(v) if f is not None and f.type == CHOICE else v
                if shown is not v:
                    stored.append(safe_text(plain_value(v)))
                cells.append((safe_text(plain_value(shown)),
                              "bold red" if overdue(rec, name, v, today) else ""))
                sorts.append(sort_value(f, v))
        self.cells = tuple(cells)
        self.sorts = tuple(sorts)
        # the filter finds the words shown, the stored values and the
        # title's pinyin (store.model.search.Query)
        keys = pinyin.get(rec.title) if pinyin is not None else ("", "")
        self.key = (" ".join([c[0] for c in cells] + stored).lower()
                    + "\0" + keys[0] + "\0" + keys[1])
