"""Documents as data -> a Word file (.docx), what Chinese clients sign and file.

The same blocks the Markdown and HTML renderers read (store.reports.render):
the title and section titles as real Word headings, tables with a repeated
header row, red/amber/green cells shaded, inserted and removed words of a
narrative sentence underlined and struck through, A4 pages with the page
number in the footer (a PAGE field), a Latin and a CJK font (``w:eastAsia``)
on every style used.  The file is byte-identical for the same document
(fixed times inside the zip).
"""
from __future__ import annotations

import io
import re
import zipfile

from store.reports.render import _NOBREAK, plain, rag_of, visible

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


LATIN_FONT = "Calibri"
CJK_FONT = "SimSun"  # 宋体: on every Chinese Windows; WPS and LibreOffice map it
RAG_FILL = {"red": "F4C7C3", "amber": "FCE8B2", "green": "B7E1CD"}
HEADER_FILL = "E7E6E6"
SIGN_LINE = "_" * 24
TEXT_CM = 16.6  # A4 width less the margins
_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
           "Table Grid", "Footer")


def preload() -> None:
    """Import python-docx (and lxml, a slow import) in a thread while the
    caller builds the document (mostly waiting on git): the render then
    finds it loaded."""
    import threading

    def load():
        import docx  # noqa: F401
    threading.Thread(target=load, name="accord-docx-import", daemon=True).start()


def _fonts(document) -> None:
    """Latin and CJK fonts on the styles used; the theme fonts of the
    template's headings would otherwise win over them."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor
    for name in _STYLES:
        try:
            style = document.styles[name]
        except KeyError:
            continue
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = rpr.makeelement(qn("w:rFonts"), {})
            rpr.insert(0, fonts)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)
        for attr in ("w:ascii", "w:hAnsi", "w:cs"):
            fonts.set(qn(attr), LATIN_FONT)
        fonts.set(qn("w:eastAsia"), CJK_FONT)
        if name.startswith("Heading") or name == "Title":
            style.font.color.rgb = RGBColor(0x1F, 0x1F, 0x1F)
    document.styles["Normal"].font.size = Pt(10.5)  # 五号


def _page(document, lang: str) -> None:
    """A4, margins, and ``第 N 页 / 共 M 页`` (``Page N of M``) in the footer."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm
    sec = document.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.2)
    sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.2)
    para = sec.footer.paragraphs[0]
    para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, middle, after = ("第 ", " 页 / 共 ", " 页") if lang == "zh" else \
        ("Page ", " of ", "")
    para.add_run(before)
    _field(para, "PAGE")
    para.add_run(middle)
    _field(para, "NUMPAGES")
    if after:
        para.add_run(after)


def _field(para, code: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) Word and LibreOffice update."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    for kind, text in (("begin", None), (None, f" {code} "), ("separate", None),
                       (None, "1"), ("end", None)):
        run = para.add_run()
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        elif text.strip() == code:
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        else:
            el = OxmlElement("w:t")
            el.text = text
        run._r.append(el)


def _cm(text: str) -> float:
    """The printed width of ``text`` at 10.5 pt (a CJK character is one em)."""
    return sum(0.38 if ord(ch) > 0x2E80 else 0.24 for ch in text) + 0.5


def _unbroken(text: str) -> str:
    """What of a cell must stay on one line: a date, an id, a short name."""
    if len(text) <= 12 and not any(ch.isspace() for ch in text):
        return text
    return max(_NOBREAK.findall(text) + [""], key=len)


def _widths(columns, rows) -> list[float]:
    """Column widths (cm): each column first gets room for what it must not
    break (dates, ids, short names, its heading's words), then the rest of
    the line goes in proportion to how much text a column holds."""
    needs, weights = [], []
    for i, c in enumerate(columns):
        cells = [plain(r[i]) if r[i] is not None else "" for r in rows[:200] if i < len(r)]
        need = max([_cm(_unbroken(x)) for x in cells] + [min(_cm(plain(c)), 2.4)])
        needs.append(need)
        # what the column would like beyond that: its longest text on one line
        weights.append(min(max([_cm(x) for x in cells] + [0.0]) - need, 12.0))
    spare = TEXT_CM - sum(needs)
    if spare <= 0:
        return [TEXT_CM * n / sum(needs) for n in needs]
    weights = [max(w, 0.0) for w in weights]
    total = sum(weights)
    if total <= spare:  # everything fits on one line: the rest in proportion
        grown = [n + w for n, w in zip(needs, weights)]
        return [TEXT_CM * g / sum(grown) for g in grown]
    return [n + spare * w / total for n, w in zip(needs, weights)]


# --- the body as WordprocessingML text ---------------------------------------------
# python-docx's object API is slow per run and looks for the section
# properties among all the body's children on every paragraph (quadratic in
# the document's length; docs/performance.md).  The body is written as text
# and parsed once instead; the template, styles, page and footer stay
# python-docx's.

_BAD_XML = re.compile("[\ufffe\uffff\ud800-\udfff]")
EMU_PER_CM = 360000
TWIPS_PER_CM = 567


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _esc(text: str) -> str:
    if _CONTROL.search(text):
        text = visible(text)  # control characters as visible symbols
    s = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _BAD_XML.sub("\ufffd", s) if _BAD_XML.search(s) else s


def _t(text: str) -> str:
    """Runs' text elements; the hyphens of dates and ids non-breaking, so
    ``2026-12-02`` never breaks across lines."""
    out = []
    at = 0
    for m in _NOBREAK.finditer(text):
        if m.start() > at:
            out.append(f'<w:t xml:space="preserve">{_esc(text[at:m.start()])}</w:t>')
        out.append("<w:noBreakHyphen/>".join(
            f"<w:t>{_esc(part)}</w:t>" for part in m.group().split("-")))
        at = m.end()
    if at < len(text) or not out:
        out.append(f'<w:t xml:space="preserve">{_esc(text[at:])}</w:t>')
    return "".join(out)


_MARKS = {None: "", "ins": '<w:u w:val="single"/><w:highlight w:val="green"/>',
          "del": '<w:strike/><w:highlight w:val="magenta"/>'}


def _runs(text, bold: bool = False) -> str:
    """Plain text, or a narrative sentence with its marks, as runs."""
    pieces = text.get("runs") or () if isinstance(text, dict) else \
        [("" if text is None else str(text), None)]
    out = []
    for t, mark in pieces:
        props = ("<w:b/>" if bold else "") + _MARKS.get(mark, "")
        rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
        out.append(f"<w:r>{rpr}{_t(str(t))}</w:r>")
    return "".join(out)


def _p(content: str, style: str | None = None, ppr: str = "") -> str:
    st = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = f"<w:pPr>{st}{ppr}</w:pPr>" if (st or ppr) else ""
    return f"<w:p>{props}{content}</w:p>"


def _heading(text, level: int) -> str:
    return _p(_runs(plain(text)), "Title" if level == 0 else f"Heading{level}")


def _cell(value, width: int, bold: bool = False, fill: str | None = None) -> str:
    text = "—" if value in (None, "") else value
    colours = rag_of(text)
    fill = fill or (RAG_FILL[colours[-1]] if colours else None)
    shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    return (f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shd}</w:tcPr>'
            f"{_p(_runs(text, bold))}</w:tc>")


def _table(columns, rows, header: bool = True, widths=None) -> str:
    cm = widths or _widths(columns, rows)
    tw = [round(w * TWIPS_PER_CM) for w in cm]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in tw)
    out = [(f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
            f'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>")]
    if header:
        out.append('<w:tr><w:trPr><w:tblHeader/></w:trPr>' + "".join(
            _cell(c, w, bold=True, fill=HEADER_FILL) for c, w in zip(columns, tw)) + "</w:tr>")
    for r in rows:
        cells = list(r) + [""] * (len(columns) - len(r))
        out.append("<w:tr>" + "".join(_cell(c, w) for c, w in zip(cells, tw)) + "</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _kv_table(items) -> str:
    """Label/value pairs (the document control header) as a two-column table."""
    widths = [4.0, TEXT_CM - 4.0]
    tw = [round(w * TWIPS_PER_CM) for w in widths]
    rows = "".join("<w:tr>" + _cell(k, tw[0], bold=True, fill=HEADER_FILL) + _cell(v, tw[1])
                   + "</w:tr>" for k, v in items)
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in tw)
    return (f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/>'
            f'<w:tblW w:w="{sum(tw)}" w:type="dxa"/><w:tblLayout w:type="fixed"/></w:tblPr>'
            f"<w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>")


_HANG = '<w:ind w:left="425" w:hanging="425"/>'


def _block(b: dict, sep: str) -> str:
    t = b["type"]
    if t == "p":
        return "".join(_p(_runs(line)) for line in _lines(b["text"]))
    if t in ("h3", "h4"):
        return _heading(b["text"], 2 if t == "h3" else 3)
    if t == "list" and b.get("ordered"):
        # numbered by hand: Word's list numbering would run on from the last list
        return "".join(_p(f'<w:r><w:t xml:space="preserve">{i}.</w:t><w:tab/></w:r>'
                          + _runs(x), ppr=_HANG)
                       for i, x in enumerate(b.get("items") or [], 1))
    if t == "list":
        return "".join(_p(_runs(x), "ListBullet") for x in b.get("items") or [])
    if t == "kv":
        return "".join(_p(_runs(f"{k}{sep}", bold=True)
                          + _runs(v if v not in (None, "") else SIGN_LINE))  # a blank to sign
                       for k, v in b.get("items") or [])
    if t == "table":
        return _table(b["columns"], b.get("rows") or [])
    return ""


def _lines(text):
    """A plain paragraph's lines (kept as Word paragraphs); a sentence whole."""
    if isinstance(text, dict):
        return [text]
    return str(text or "").replace("\r\n", "\n").split("\n")


def _chart(b: dict, rid: str, n: int) -> str:
    """A chart block: its title, the picture (store/reports/pngchart.py,
    added to the package as ``rid``; no text in it), the numbers by week
    in a table, its note."""
    from store.reports.pngchart import H, W
    cx = round(TEXT_CM * EMU_PER_CM)
    cy = round(cx * H / W)
    a = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    pic = (f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">'
           f'<wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{n}" name="Chart {n}"/>'
           f'<wp:cNvGraphicFramePr><a:graphicFrameLocks {a} noChangeAspect="1"/>'
           f'</wp:cNvGraphicFramePr><a:graphic {a}><a:graphicData '
           f'uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
           f'<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">'
           f'<pic:nvPicPr><pic:cNvPr id="{n}" name="chart{n}.png"/><pic:cNvPicPr/>'
           f'</pic:nvPicPr><pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/>'
           f'</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/>'
           f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
           f'</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline>'
           f'</w:drawing></w:r>')
    out = [_p(_runs(b.get("title") or "", bold=True)), _p(pic)]
    rows = [[s.get("name") or ""] + ["—" if v is None else
                                     (str(int(v)) if float(v).is_integer() else f"{v:.1f}")
                                     for v in s.get("values") or []]
            for s in b.get("series") or [] if s.get("values")]
    if rows:
        out.append(_table([b.get("axis") or ""] + list(b.get("labels") or []), rows))
    if b.get("note"):
        out.append(_p(_runs(b["note"])))
    return "".join(out)


def _pictures(document, doc: dict) -> dict:
    """{id(chart block): relationship id} of each chart's PNG, added to the
    package before it is saved."""
    from store.reports.pngchart import png
    out = {}
    for sec in doc.get("sections", []):
        for b in sec.get("blocks", []):
            if b["type"] == "chart":
                out[id(b)] = document.part.get_or_add_image(io.BytesIO(png(b)))[0]
    return out


def _body(doc: dict, sep: str, pics: dict | None = None) -> str:
    pics = pics or {}
    parts = [_heading(doc["title"], 0)]
    if doc.get("header"):
        parts.append(_kv_table(doc["header"]))
    for sec in doc.get("sections", []):
        parts.append(_heading(sec["title"], 1))
        parts.extend(_chart(b, pics[id(b)], 1 + list(pics).index(id(b)))
                     if id(b) in pics else _block(b, sep)
                     for b in sec.get("blocks", []))
    footer = doc.get("footer") or []
    if footer:
        parts.append(_p(""))
        parts.extend(_p(_runs(f"{k}{sep}", bold=True) + _runs(v)) for k, v in footer)
    return "".join(parts)


def to_docx(doc: dict[str, Any]) -> bytes:
    """The document as the bytes of a .docx file."""
    import docx
    lang = doc.get("lang", "en")
    sep = "：" if lang == "zh" else ": "
    document = docx.Document()
    _fonts(document)
    _page(document, lang)
    props = document.core_properties
    props.title = plain(doc.get("title") or "")
    props.author = props.last_modified_by = "Accord"
    pics = _pictures(document, doc)
    out = io.BytesIO()
    document.save(out)
    # the body's text goes in as text, before the section properties (parsing
    # it into python-docx's tree and writing it out again doubles the time)
    return _steady(out.getvalue(), {"word/document.xml": _body(doc, sep, pics).encode("utf-8")})


def _steady(data: bytes, body: dict[str, bytes]) -> bytes:
    """The same zip with fixed entry times (the same document, the same
    bytes), ``body[name]`` put in before that part's last ``<w:sectPr``."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            raw = src.read(info.filename)
            if info.filename in body:
                at = raw.rindex(b"<w:sectPr")
                raw = raw[:at] + body[info.filename] + raw[at:]
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, raw)
    return out.getvalue()
