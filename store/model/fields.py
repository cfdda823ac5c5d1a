"""Field and Kind: what the table of kinds (store.model.schema) is written
with, and the fields every record has.

Field types:
  text      one line of text
  longtext  multi-line text (written as a TOML multi-line string)
  choice    one of ``choices``
  date      a TOML date
  time      "HH:MM" text
  int       an integer (``minimum``/``maximum`` bound it)
  number    an integer or a float
  list      a list of text items
  ids       a list of record ids
  id        one record id (or free text naming a meeting/email for ``via``)
  table     a nested table with its own ``fields``
  tables    a list of nested tables (array of tables)
"""
from __future__ import annotations

from dataclasses import dataclass, field as dc_field

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Iterable
    from typing import Any

TEXT, LONGTEXT, CHOICE, DATE, TIME = "text", "longtext", "choice", "date", "time"
INT, NUMBER, LIST, IDS, ID, TABLE, TABLES = (
    "int", "number", "list", "ids", "id", "table", "tables")
ID_VALUED = (ID, IDS)


@dataclass(frozen=True)
class Field:
    """One field of a kind (or of a nested table): its name, type, labels in
    both languages and the bounds validation checks."""
    name: str
    type: str = TEXT
    en: str = ""
    zh: str = ""
    required: bool = False
    choices: tuple[str, ...] = ()
    fields: tuple["Field", ...] = ()  # for table / tables
    minimum: int | None = None
    maximum: int | None = None
    # id-valued fields may also hold free text (e.g. decision.via = "email")
    free_text_ok: bool = False

    def label(self, lang: str = "en") -> str:
        return (self.zh if lang == "zh" else self.en) or self.name

    def sub(self, name: str) -> "Field | None":
        """The field ``name`` inside this table field, or None."""
        for f in self.fields:
            if f.name == name:
                return f
        return None


def field_in(fields: Iterable[Field], name: str) -> Field | None:
    """The field a name stands for among ``fields`` (a kind's, or
    PROJECT_FIELDS), dotted for one inside a table (``confirmation.by``)."""
    head, _, rest = name.partition(".")
    for f in fields:
        if f.name == head:
            if not rest:
                return f
            return f.sub(rest) if f.type == TABLE else None
    return None


def F(name: str, type: str = TEXT, en: str = "", zh: str = "",  # noqa: N802 - table syntax
      **kw: Any) -> Field:
    """A ``Field``, written short enough for the table below to read as one."""
    if "choices" in kw:
        kw["choices"] = tuple(kw["choices"])
    if "fields" in kw:
        kw["fields"] = tuple(kw["fields"])
    return Field(name, type, en, zh, **kw)


CONFIRMATION = F("confirmation", TABLE, "Client sign-off", "客户确认", fields=[
    F("by", TEXT, "Confirmed by", "确认人"),
    F("on", DATE, "Confirmed on", "确认日期"),
    F("via", TEXT, "Confirmed via", "确认方式"),
    F("fingerprint", TEXT, "Fingerprint", "指纹"),
])

# every record has these, after its own fields
COMMON = (
    F("created", DATE, "Created", "创建日期"),
    F("tags", LIST, "Tags", "标签"),
    F("links", IDS, "Links", "关联"),
)


@dataclass(frozen=True)
class Kind:
    """One record kind: its id prefix and folder, its fields, and the status
    machine (transitions, sign-off) the store enforces on save."""
    name: str
    prefix: str
    folder: str
    en: str
    zh: str
    own_fields: tuple[Field, ...]
    statuses: tuple[str, ...] = ()
    initial: str | None = None
    # status -> statuses reachable from it in one move
    transitions: dict[str, tuple[str, ...]] = dc_field(default_factory=dict)
    # the fields a client sign-off covers; empty: no sign-off for this kind
    agreed: tuple[str, ...] = ()
    # status a sign-off moves the record to, and the statuses that require one
    signoff_status: str | None = None
    needs_signoff: tuple[str, ...] = ()
    title_field: str = "title"
    date_field: str = "created"

    @property
    def fields(self) -> tuple[Field, ...]:
        """Every field of the kind in file order: title, status, own, common."""
        own = self.own_fields
        status = (F("status", CHOICE, "Status", "状态", choices=self.statuses,
                    required=True),) if self.statuses else ()
        # title first, then status, then the rest: the order a new file gets
        return own[:1] + status + own[1:] + COMMON

    def field(self, name: str) -> Field | None:
        """The field a (dotted) name stands for, or None."""
        return field_in(self.fields, name)

    def label(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en

    @property
    def has_signoff(self) -> bool:
        return bool(self.agreed)

    def moves_from(self, status: str) -> tuple[str, ...]:
        """The statuses a record may move to from ``status`` in one step."""
        return self.transitions.get(status, ())


def _chain(order, extra=None, back=None):
    """Transitions along ``order`` (skipping forward allowed), plus ``extra``
    edges from every non-final status and explicit ``back`` edges."""
    t: dict[str, list[str]] = {s: [] for s in order}
    for i, s in enumerate(order):
        t[s].extend(order[i + 1:])
    for src, dsts in (extra or {}).items():
        for s in (order if src == "*" else [src]):
            for d in dsts:
                if d != s and d not in t.setdefault(s, []):
                    t[s].append(d)
    for src, dsts in (back or {}).items():
        for d in dsts:
            t.setdefault(src, [])
            if d not in t[src]:
                t[src].append(d)
    return {k: tuple(v) for k, v in t.items()}
