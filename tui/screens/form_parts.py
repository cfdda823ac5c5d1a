"""Pieces of the record form kept apart from the screen: the status
choice that greys refused moves, the id picker's order (the field's own
kind first) and the checks run before the why prompt."""
from __future__ import annotations

import copy

from textual.widgets import Select

from store.model import codec
from store.model.records import signoff_state, validate_record

from tui.i18n import t, word

# the kind an id field names, when it names one kind (ctrl+o lists it first)
FIELD_KIND = {"decisions": "decision", "decision": "decision", "actions": "action",
              "meeting": "meeting", "via": "meeting"}


def own_kind_first(entries: list, field: str) -> list:
    """``entries`` (app.entries()) with the records of the kind ``field``
    names first (a meeting's 决议 lists decisions first), order kept."""
    from store.model.schema import KINDS
    kind = KINDS.get(FIELD_KIND.get(field, ""))
    if kind is None:
        return entries
    prefix = kind.prefix + "-"
    return ([e for e in entries if e[0].startswith(prefix)]
            + [e for e in entries if not e[0].startswith(prefix)])


class StatusSelect(Select):
    """The status choice of a form: the moves allowed from the record's
    status, those that would be refused (a sign-off missing) shown greyed
    with the reason and not choosable -- what the ``m`` dialog does."""

    def __init__(self, options, blocked: dict, **kw):
        self.blocked = blocked
        super().__init__(options, **kw)

    def _setup_options_renderables(self) -> None:
        super()._setup_options_renderables()
        from textual.widgets._select import SelectOverlay
        overlay = self.query_one(SelectOverlay)
        for i, (_prompt, value) in enumerate(self._options):
            if value in self.blocked:
                overlay.disable_option_at_index(i)


def refusal(kind, rec, changes: dict, today) -> str | None:
    """What the store would refuse about a form's ``changes`` to ``rec``
    (None: a new record), checked before the why is asked: the record as
    it would be saved must be valid and a move needing the client's
    sign-off must have a current one."""
    data = copy.deepcopy(rec.data) if rec is not None else {}
    for name, value in changes.items():
        head, _, sub = name.partition(".")
        target = data.setdefault(head, {}) if sub else data
        key = sub or head
        if value is codec.REMOVE:
            target.pop(key, None)
        else:
            target[key] = value
    if kind.statuses:
        data.setdefault("status", kind.initial)
        new = data.get("status")
        old = rec.status if rec is not None else None
        if new != old and new in kind.needs_signoff and (
                signoff_state(kind, data) != "current"):
            return f"{word(new)}: {t('move.needs_signoff')}"
    if "created" not in data:
        data["created"] = today
    problems = validate_record(kind, data)
    return problems[0] if problems else None

