"""Documents as data -> Markdown or a self-contained HTML page.

A document is a dict::

    {"type", "lang", "title", "header": [[label, value], ...],
     "sections": [{"key", "title", "blocks": [block, ...]}, ...],
     "footer": [[label, value], ...], ...machine data...}

blocks: ``{"type": "p", "text"}``, ``{"type": "list", "items", "ordered"}``,
``{"type": "table", "columns", "rows"}``, ``{"type": "kv", "items"}``,
``{"type": "h3", "text"}``, ``{"type": "h4", "text"}``, ``{"type": "chart", ...}``
(store/reports/svgchart.py: an inline SVG in HTML, left out of Markdown).  Every string in a block is plain text (user
text included): the renderers escape it, so nothing a user typed becomes
formatting, a link or a terminal escape.  A paragraph's text, a list item or
a table cell may instead be a sentence of store.reports.narrative
(``{"runs": [[text, mark], ...]}``): HTML and Word mark its inserted and
removed words, Markdown and plain text show the words alone.
"""
from __future__ import annotations

import html
import json
import os
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Literal

    Text = str | dict[str, Any]  # plain text, or a narrative sentence {"runs": [...]}

# control characters (but newline and tab) as visible symbols, C1 as "�"
_VISIBLE = {o: chr(0x2400 + o) for o in range(0x20) if o not in (0x09, 0x0A)}
_VISIBLE.update({0x1B: "␛", 0x7F: "␡"}, **{chr(o): "�" for o in range(0x80, 0xA0)})
_VISIBLE = str.maketrans(_VISIBLE)


def visible(text: object) -> str:
    """Control characters (except newline and tab) as visible symbols."""
    return ("" if text is None else str(text)).translate(_VISIBLE)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=]|(\d+)([.)]))")


def _unblock(m) -> str:
    """Escape what would start a block: ``\\#``, ``\\-``; a number's dot or
    parenthesis (``1\\.``: CommonMark escapes punctuation only, so ``\\1.``
    would show its backslash)."""
    if m.group(3):
        return m.group(1) + m.group(3) + "\\" + m.group(4)
    return m.group(1) + "\\" + m.group(2)


def plain(x: Text) -> str:
    """The text of a block string or a narrative sentence."""
    if isinstance(x, dict):
        return "".join(str(t) for t, _ in x.get("runs") or ())
    return x


def md_inline(text: Text, lead: bool = False) -> str:
    """One line of plain text, safe in Markdown (also inside table cells);
    ``lead``: the text starts a line (or a list item), where ``#``, ``-``,
    ``1.`` would start a block."""
    s = visible(plain(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    s = " ".join(part.strip() for part in s.split("\n") if part.strip()) \
        if "\n" in s else s
    s = _MD_SPECIAL.sub(r"\\\1", s)
    if lead:
        s = _MD_LINE_START.sub(_unblock, s)
    return s.replace("http://", "http\u200b://").replace("https://", "https\u200b://")


def md_block(text: Text) -> str:
    """Multi-line plain text as Markdown lines (hard line breaks kept)."""
    s = visible(plain(text)).replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    lines = [md_inline(ln, lead=True) if ln.strip() else "" for ln in s.split("\n")]
    out = []
    for i, ln in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        out.append(ln + ("  " if ln and nxt else ""))
    return "\n".join(out)


def _sep(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def to_markdown(doc: dict[str, Any]) -> str:
    """The document as Markdown: every user text escaped, charts left out."""
    lang = doc.get("lang", "en")
    sep = _sep(lang)
    out = [f"# {md_inline(doc['title'])}", ""]
    header = doc.get("header") or []
    for i, (k, v) in enumerate(header):
        tail = "  " if i + 1 < len(header) else ""
        out.append(f"**{md_inline(k)}**{sep}{md_inline(v)}{tail}")
    if header:
        out.append("")
    for sec in doc.get("sections", []):
        out.append(f"## {md_inline(sec['title'])}")
        out.append("")
        for b in sec.get("blocks", []):
            if b["type"] == "chart":
                continue  # a picture: HTML only
            out.extend(_md_block(b, sep))
            out.append("")
    footer = doc.get("footer") or []
    if footer:
        out.append("---")
        out.append("")
        for i, (k, v) in enumerate(footer):
            tail = "  " if i + 1 < len(footer) else ""
            out.append(f"{md_inline(k)}{sep}{md_inline(v)}{tail}")
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _md_block(b: dict, sep: str) -> list[str]:
    t = b["type"]
    if t == "p":
        return [md_block(b["text"])]
    if t == "h3":
        return [f"### {md_inline(b['text'])}"]
    if t == "h4":
        return [f"#### {md_inline(b['text'])}"]
    if t == "list":
        items = b.get("items") or []
        if b.get("ordered"):
            return [f"{i}. {md_inline(x, lead=True)}" for i, x in enumerate(items, 1)]
        return [f"- {md_inline(x, lead=True)}" for x in items]
    if t == "kv":
        items = b.get("items") or []
        return [f"**{md_inline(k)}**{sep}{md_inline(v)}" + ("  " if i + 1 < len(items) else "")
                for i, (k, v) in enumerate(items)]
    if t == "table":
        cols = b["columns"]
        rows = b.get("rows") or []
        lines = ["| " + " | ".join(md_inline(c) for c in cols) + " |",
                 "|" + "|".join("---" for _ in cols) + "|"]
        for r in rows:
            cells = [md_inline(c) if c not in (None, "") else "—" for c in r]
            lines.append("| " + " | ".join(cells) + " |")
        return lines
    return []


_CSS = """
body{font-family:-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif;
max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#222}
h1{font-size:1.6rem;border-bottom:2px solid #444;padding-bottom:.3rem}
h2{font-size:1.25rem;margin-top:1.8rem;border-bottom:1px solid #ccc}
h3{font-size:1.05rem}h4{font-size:1rem;margin-bottom:.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}
th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f0f0f0;white-space:nowrap}
.kv{margin:.2rem 0}.kv b{display:inline-block;min-width:7rem}
p{white-space:pre-wrap}
.nw{white-space:nowrap}
.rag{display:inline-block;padding:0 .5em;border-radius:.7em;font-weight:600;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
.rag-red{background:#f8d7da;color:#842029}.rag-amber{background:#fff3cd;color:#664d03}
.rag-green{background:#d1e7dd;color:#0f5132}
ins{background:#d1e7dd;text-decoration:underline}del{background:#f8d7da;color:#842029}
footer{margin-top:2rem;border-top:1px solid #444;padding-top:.5rem}
figure.chart{margin:1rem 0}figure.chart figcaption{font-weight:bold}
@page{size:A4;margin:18mm 16mm 20mm}
@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt;line-height:1.45}
h1,h2,h3,h4{break-after:avoid}tr,li{break-inside:avoid}thead{display:table-header-group}
th{background:#eee;-webkit-print-color-adjust:exact;print-color-adjust:exact}}
"""

# what never breaks inside a line: dates (and date ranges' dates), ids, times
_NOBREAK = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?|\b[A-Z]{2,5}-\d+\b|\d{1,2}:\d{2}")
_SHORT = 12  # a table cell this short (no space) is a name or a word: never broken
RAG_WORDS = {"红": "red", "黄": "amber", "绿": "green", "RED": "red", "AMBER": "amber",
             "GREEN": "green"}
_RAG_CELL = re.compile(r"^(红|黄|绿|RED|AMBER|GREEN)((?:\s*→\s*(?:红|黄|绿|RED|AMBER|GREEN))*)"
                       r"((?:\s+—\s+.*)?)$", re.DOTALL)


def rag_of(text: Text | None) -> list[str]:
    """The red/amber/green words a cell or header value starts with (``黄 →
    红`` gives both), or none."""
    m = _RAG_CELL.match(plain(text) if text is not None else "")
    if not m:
        return []
    return [RAG_WORDS[w] for w in re.findall(r"红|黄|绿|RED|AMBER|GREEN", m.group(1) + m.group(2))]


def _h(text) -> str:
    return html.escape(visible(text), quote=True)


def _ht(text) -> str:
    """Escaped text (a narrative sentence with its marks), dates and ids
    kept on one line."""
    if isinstance(text, dict):
        out = []
        for t, mark in text.get("runs") or ():
            e = _NOBREAK.sub(r'<span class="nw">\g<0></span>', _h(t))
            out.append(f"<{mark}>{e}</{mark}>" if mark in ("ins", "del") else e)
        return "".join(out)
    return _NOBREAK.sub(r'<span class="nw">\g<0></span>', _h(text))


def _chips(text) -> str | None:
    """A RAG cell/value with its colour words as chips, or None."""
    colours = rag_of(text)
    if not colours:
        return None
    m = _RAG_CELL.match(plain(text))
    words = re.findall(r"红|黄|绿|RED|AMBER|GREEN", m.group(1) + m.group(2))
    chips = " → ".join(f'<span class="rag rag-{RAG_WORDS[w]}">{w}</span>' for w in words)
    return chips + _ht(m.group(3))


def _cell(c) -> str:
    if c in (None, ""):
        return "<td>—</td>"
    chips = _chips(c)
    if chips is not None:
        return f'<td class="nw">{chips}</td>'
    text = plain(c)
    short = len(text) <= _SHORT and not any(ch.isspace() for ch in text)
    return f'<td class="nw">{_ht(c)}</td>' if short else f"<td>{_ht(c)}</td>"


def _kv(k, v, sep) -> str:
    chips = _chips(v)
    return f'<div class="kv"><b>{_h(k)}{sep}</b>{chips if chips is not None else _ht(v)}</div>'


def to_html(doc: dict[str, Any]) -> str:
    """The document as one self-contained HTML page (its CSS and charts
    inline), every user text escaped."""
    lang = doc.get("lang", "en")
    sep = _sep(lang)
    parts = ["<!DOCTYPE html>",
             f'<html lang="{"zh-CN" if lang == "zh" else "en"}">',
             "<head>", '<meta charset="utf-8">',
             '<meta name="viewport" content="width=device-width, initial-scale=1">',
             f"<title>{_h(doc['title'])}</title>",
             f"<style>{_CSS}</style>", "</head>", "<body>",
             f"<h1>{_h(doc['title'])}</h1>"]
    for k, v in doc.get("header") or []:
        parts.append(_kv(k, v, sep))
    for sec in doc.get("sections", []):
        parts.append(f"<section><h2>{_h(sec['title'])}</h2>")
        for b in sec.get("blocks", []):
            parts.append(_html_block(b, sep))
        parts.append("</section>")
    footer = doc.get("footer") or []
    if footer:
        parts.append("<footer>")
        for k, v in footer:
            parts.append(_kv(k, v, sep))
        parts.append("</footer>")
    parts += ["</body>", "</html>"]
    return "\n".join(parts) + "\n"


def _html_block(b: dict, sep: str) -> str:
    t = b["type"]
    if t == "chart":
        from store.reports.svgchart import svg
        return svg(b)
    if t == "p":
        return f"<p>{_ht(b['text'])}</p>"
    if t in ("h3", "h4"):
        return f"<{t}>{_h(b['text'])}</{t}>"
    if t == "list":
        tag = "ol" if b.get("ordered") else "ul"
        return f"<{tag}>" + "".join(f"<li>{_ht(x)}</li>" for x in b.get("items") or []) \
            + f"</{tag}>"
    if t == "kv":
        return "".join(_kv(k, v, sep) for k, v in b.get("items") or [])
    if t == "table":
        head = "".join(f"<th>{_h(c)}</th>" for c in b["columns"])
        rows = "".join("<tr>" + "".join(_cell(c) for c in r) + "</tr>"
                       for r in b.get("rows") or [])
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"
    return ""


def to_json(doc: dict[str, Any]) -> str:
    """Compact JSON (one line): the C encoder, fast on large documents;
    values with a ready JSON text (``Doc.raw_json``) are spliced in."""
    raw = getattr(doc, "raw_json", None)
    if raw:
        shallow = dict(doc)
        subs = []
        for key, (value, text) in raw.items():
            if key in shallow and shallow[key] is value:
                token = f"accord-raw-{os.urandom(16).hex()}"  # (not uuid: an import)
                shallow[key] = token
                subs.append((json.dumps(token), text))
        out = json.dumps(shallow, ensure_ascii=False, default=str)
        # one join: a whole history's text is large, and every copy of it costs
        parts, at = [], 0
        for pos, token, text in sorted((out.find(token), token, text)
                                       for token, text in subs):
            parts += (out[at:pos], text)
            at = pos + len(token)
        parts += (out[at:], "\n")
        return "".join(parts)
    return json.dumps(doc, ensure_ascii=False, default=str) + "\n"


def render(doc: dict[str, Any],
           fmt: Literal["md", "html", "json", "docx"] = "md") -> str | bytes:
    """The document as text (``md``, ``html``, ``json``) or, for ``docx``, as
    the bytes of a Word file."""
    if fmt == "docx":
        from store.reports.docx import to_docx
        return to_docx(doc)
    if fmt == "json":
        return to_json(doc)
    if fmt == "html":
        return to_html(doc)
    return to_markdown(doc)
