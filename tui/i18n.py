"""Every string the app shows, in English and Chinese, in one catalog.

Field and kind labels are not here: they come from the schema table
(``Field.label(lang)``, ``Kind.label(lang)``).  ``t(key, **values)`` formats
with ``str.format``; the values are user data, so the result is plain text and
must be shown as such (never as markup).
"""
from __future__ import annotations

from store.model.schema import VALUE_WORDS
from tui.words import TEXTUAL_ZH, WORDS  # noqa: F401 - TEXTUAL_ZH: public here too
from tui.words_more import MORE_WORDS

_LANG = ["zh"]

# key: (en, zh), in two tables of a few hundred lines each (tui/words.py, tui/words_more.py)
CATALOG: dict[str, tuple[str, str]] = {**WORDS, **MORE_WORDS}

# Chinese words for the stored (English) values of statuses and choice
# fields, from the one vocabulary the schema owns (the documents use it
# too).  Only the display changes: files, filters by the stored value, the
# CLI and commits keep the English value.  A value not listed is shown as is.
VALUES: dict[str, str] = {k: zh for k, (_en, zh) in VALUE_WORDS.items()}


def word(value):
    """How a stored status or choice value is shown in the UI language:
    ``in-progress`` -> ``进行中`` in Chinese; anything else unchanged."""
    if _LANG[0] == "zh" and isinstance(value, str):
        return VALUES.get(value, value)
    return value


def set_language(lang: str) -> None:
    _LANG[0] = lang if lang in ("en", "zh") else "en"


def language() -> str:
    return _LANG[0]


def t(key: str, **values) -> str:
    en, zh = CATALOG.get(key, (key, key))
    text = zh if _LANG[0] == "zh" else en
    return text.format(**values) if values else text


def alert_words(group, clean=str) -> tuple[str, str]:
    """The words of one attention group (store.model.attention.Attention):
    (label, note); ``clean`` makes the user's cadence name safe to show."""
    if group.key == "cadence":
        note = t("dash.last", date=group.last.isoformat()) if group.last else t("dash.never")
        return t("dash.cadence", what=clean(group.what)), note
    return t(f"dash.{group.key}"), ""


def error_text(err) -> str:
    """A store error or problem line in the UI language, with the app's way
    out (its key, not a command): store.messages.describe."""
    from store.messages import describe
    return describe(err, _LANG[0], "app")


_SUBJECT = None


def subject_text(subject: str) -> str:
    """A commit subject Accord wrote (``REQ-3: edit title, priority``,
    ``REQ-4: move proposed -> confirmed``) in the UI language: the action
    and field names as words; titles, names and hand-written subjects as
    they are."""
    import re

    from store.model import ids
    from store.model.schema import PROJECT_FIELDS, field_in
    global _SUBJECT
    if _LANG[0] != "zh":
        return subject
    _SUBJECT = _SUBJECT or re.compile(
        r"^(\S+): (create|edit|move|confirm|delete|renumber)(?: (.*))?$", re.S)
    m = _SUBJECT.match(subject)
    if not m:
        return subject
    rid, action, rest = m.group(1), m.group(2), m.group(3) or ""
    head = f"{rid}：{t(f'action.{action}')}"
    if action == "move" and " -> " in rest:
        a, b = rest.split(" -> ", 1)
        return f"{head} {word(a)} → {word(b)}"
    if action == "confirm":
        return head + re.sub(r"\((.*) via (.*)\)$", r"（\1，\2）", rest)
    if action == "edit":
        if ids.is_id(rid):
            fields = ids.parse_id(rid)[0].field
        elif rest.startswith("project ("):
            rest = rest[len("project ("):-1]
            head = f"{rid}：{t('action.edit')} {t('phist.project_file')}"

            def fields(name):
                return field_in(PROJECT_FIELDS, name)
        else:
            return subject
        if rest == "layout":
            return f"{head} {t('subject.layout')}"

        def label(name):
            f = fields(name.split(".")[0])
            return f.label("zh") if f is not None else name
        more = re.search(r" \(\+(\d+)\)$", rest)
        names = rest[:more.start()] if more else rest
        shown = "、".join(label(n) for n in names.split(", ") if n)
        return f"{head} {shown}" + (f"（另 {more.group(1)} 项）" if more else "")
    rest = re.sub(r" \(from (\S+)\)$", r"（来自 \1）", rest)
    return f"{head} {rest}".rstrip()
