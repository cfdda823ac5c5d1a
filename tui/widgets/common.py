"""Small pieces shared by the screens: the top bar, the key bar, status
badges and the plain-text rendering of field values."""
from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import events
from textual.widgets import OptionList, Static

from store.model.schema import CHOICE, ID, IDS, LONGTEXT, TABLE, Field

from tui.i18n import TEXTUAL_ZH, language, t, word
from tui.widgets.safe import safe_text

# one colour per status, named ANSI colours so 16-colour terminals show them
STATUS_STYLE = {
    "draft": "bright_black", "proposed": "yellow", "confirmed": "green",
    "in-progress": "cyan", "delivered": "blue", "accepted": "bold green",
    "rejected": "red", "withdrawn": "bright_black",
    "raised": "yellow", "analysing": "cyan", "approved": "green",
    "implemented": "bold green",
    "agreed": "green", "superseded": "bright_black", "reverted": "red",
    "received": "yellow", "acknowledged": "cyan", "replied": "green",
    "closed": "bright_black",
    "planned": "cyan", "held": "green", "cancelled": "bright_black",
    "open": "yellow", "done": "green", "dropped": "bright_black",
    "mitigating": "cyan", "occurred": "bold red",
    "sent": "green", "new": "yellow", "resolved": "green",
}
SIGNOFF_MARK = {"current": ("✓", "green"), "stale": ("!", "bold red"),
                "none": ("", "")}


def status_text(status: str) -> Text:
    """A status as its colour and its word in the UI language."""
    return Text(safe_text(word(status)) or "-",
                style=STATUS_STYLE.get(status, "magenta"))


def signoff_text(state: str, words: bool = False) -> Text:
    mark, style = SIGNOFF_MARK.get(state, ("", ""))
    if words:
        if state == "none":
            return Text(t("signoff.none"), style="bright_black")
        return Text(f"{mark} {t('signoff.' + state)}", style=style)
    return Text(mark, style=style)


def plain_value(v) -> str:
    """A value as one line of text (for table cells)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    if isinstance(v, list):
        return ", ".join(plain_value(x) for x in v)
    if isinstance(v, dict):
        return ", ".join(f"{k}={plain_value(x)}" for k, x in v.items())
    return str(v)


def choice_word(f: Field | None, v):
    """A stored value as the UI shows it: a choice (and the usual channels
    a sign-off or decision came by, free text) in the UI language."""
    if isinstance(v, str) and f is not None and (f.type == CHOICE or f.name == "via"):
        return word(v)
    return v


def short_fingerprint(v):
    if isinstance(v, str) and v.startswith("sha256:") and len(v) > 19:
        return v[:19] + "…"
    return v


def value_lines(f: Field | None, v, titles=None) -> Text:
    """A field value for the detail view: lists one item per line; ids with
    the title of the record they name (``titles``: id -> title or None)."""
    out = Text()
    if v is None or v == "" or v == []:
        out.append("-", style="bright_black")
        return out
    ftype = f.type if f else None
    if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
        for i, row in enumerate(v):
            if i:
                out.append("\n")
            out.append(safe_text(plain_value(row)))
        return out
    if isinstance(v, list):
        for i, x in enumerate(v):
            if i:
                out.append("\n")
            out.append("- ", style="bright_black")
            out.append(safe_text(plain_value(x)))
            if ftype == IDS and titles is not None:
                _id_title(out, x, titles)
        return out
    if isinstance(v, dict):
        for i, (k, x) in enumerate(v.items()):
            if i:
                out.append("\n")
            sub = f.sub(k) if f and f.type == TABLE else None
            out.append((sub.label(language()) if sub else safe_text(k)) + ": ",
                       style="bright_black")
            if k == "fingerprint":
                x = short_fingerprint(x)
            x = choice_word(sub, x)
            out.append(safe_text(plain_value(x)))
        return out
    if ftype == LONGTEXT or (isinstance(v, str) and "\n" in v):
        out.append(safe_text(v.rstrip("\n"), multiline=True))
        return out
    out.append(safe_text(plain_value(choice_word(f, v))))
    if ftype == ID and titles is not None:
        _id_title(out, v, titles)
    return out


def _id_title(out: Text, rid, titles) -> None:
    title = titles(rid) if callable(titles) else titles.get(rid)
    if title is None:
        from store.model.ids import is_id
        if is_id(rid):
            out.append("  " + t("detail.missing_link"), style="red")
        return
    out.append("  " + safe_text(title), style="bright_black")


class TopBar(Static):
    """One line: where you are.  Built from Text: user data stays literal."""

    DEFAULT_CSS = ""

    def __init__(self, *parts, mark: str = "", **kw):
        """``mark``: a word shown first, apart from the path (the
        read-only view's 只读)."""
        super().__init__("", markup=False, **kw)
        self.mark = mark
        self.set_parts(*parts)

    def set_parts(self, *parts) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        if self.mark:
            text.append(f" {self.mark} ", style="bold reverse")
            text.append(" ")
        for i, p in enumerate(p for p in parts if p):
            if i:
                text.append(" › ", style="bright_black")
            if isinstance(p, Text):
                text.append_text(p)
            else:
                text.append(safe_text(p), style="bold" if i == 0 else "")
        self.update(text)


class SteadyOptionList(OptionList):
    """An OptionList that keeps its drawn options through a resize that
    leaves its width as it was.  Textual's drops them on every Resize, and
    the first one arrives after the first frame, so every option of a
    screen that opens with one was drawn twice (~15 ms for the
    dashboard's Chinese lines).  A frame drawn at a new width before its
    Resize arrives drops them itself."""

    _drawn_width: int | None = None

    def render_lines(self, crop):
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            if self._drawn_width is not None:
                self._clear_caches()  # drawn for another width
            self._drawn_width = width
        return super().render_lines(crop)

    def _on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width == self._drawn_width:
            event.prevent_default()  # OptionList's own handler: nothing is stale
            self.refresh()


class KeyBar(Static):
    """The keys shown at the bottom: the screen's active bindings with
    ``show=True``, translated, with the keys in effect (remapped ones too)."""

    def __init__(self, **kw):
        super().__init__("", markup=False, **kw)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._changed)
        self._changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _changed(self, screen) -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        seen = set()
        actives = list(screen.active_bindings.items())
        # help first: the one key a narrow terminal must still show
        actives.sort(key=lambda kv: kv[1].binding.action != "help")
        for _key, active in actives:
            b = active.binding
            if not b.show or not active.enabled or b.action in seen:
                continue
            seen.add(b.action)
            if len(text):
                text.append("  ")
            text.append(self.app.get_key_display(b), style="bold reverse")
            text.append(" " + describe(b.description))
        self.update(text)


def describe(description: str) -> str:
    """Binding descriptions are catalog keys (``key.*``); Textual's own
    widgets' descriptions are translated too."""
    if description.startswith("key."):
        head, _, n = description.partition(":")
        return t(head, n=n) if n else t(head)
    if language() == "zh":
        return TEXTUAL_ZH.get(description, description)
    return description
