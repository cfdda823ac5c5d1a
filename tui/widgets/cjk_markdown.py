"""Textual's Markdown with paragraphs (and list items) wrapped the way
Chinese is (tui/widgets/wrap.py): between any two CJK characters, never
before a closing "。" or "，", every character kept.  Textual folds a
Chinese run at the cell where the line ends, so a line could start with
"。"; headings and tables are left as Textual draws them."""
from __future__ import annotations

from rich.text import Text
from textual.content import Content
from textual.style import Style
from textual.widgets import Markdown

from tui.widgets.wrap import Wrapped


def rich_text(content: Content) -> Text:
    """``content`` as a Rich Text with the same styles (bold, code, links'
    colour); no markup is read from it."""
    text = Text(end="")
    for piece, style in content.render(Style.null(), end=""):
        text.append(piece, style.rich_style if style else None)
    return text


class WrappedParagraph(Markdown.BLOCKS["paragraph_open"]):
    """A paragraph (Textual's, reached through the public ``BLOCKS`` table)
    drawn through ``Wrapped``."""

    def set_content(self, content: Content) -> None:
        self._content = content
        self.update(Wrapped(rich_text(content)))


class CJKMarkdown(Markdown):
    """``Markdown`` whose paragraphs wrap Chinese text properly."""

    BLOCKS = {**Markdown.BLOCKS, "paragraph_open": WrappedParagraph}
