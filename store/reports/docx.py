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

from .render import _NOBREAK, plain, rag_of, visible

LATIN_FONT = "Calibri"
CJK_FONT = "SimSun"  # 宋体: on every Chinese Windows; WPS and LibreOffice map it
RAG_FILL = {"red": "F4C7C3", "amber": "FCE8B2", "green": "B7E1CD"}
HEADER_FILL = "E7E6E6"
SIGN_LINE = "_" * 24
TEXT_CM = 16.6  # A4 width less the margins
_HYPHEN = object()
_STYLES = ("Normal", "Title", "Heading 1", "Heading 2", "Heading 3", "List Bullet",
           "Table Grid", "Footer")


def preload() -> None:
    """Import python-docx (and lxml, ~0.3 s) in a thread while the caller
    builds the document (mostly waiting on git): the render then finds it
    loaded."""
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


def _styled(document, style_id: str | None = None):
    """A new paragraph with a style given by id: python-docx's lookup by
    name scans every style of the template on each call (most of the time
    of a long document)."""
    para = document.add_paragraph()
    if style_id:
        para._p.get_or_add_pPr().style = style_id
    return para


def _heading(document, text: str, level: int) -> None:
    _runs(_styled(document, "Title" if level == 0 else f"Heading{level}"), text)


def _text(run, text: str) -> None:
    """Put ``text`` in ``run``; the hyphens of dates and ids as Word's
    non-breaking hyphen, so ``2026-12-02`` never breaks across lines."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    at = 0
    pieces = []
    for m in _NOBREAK.finditer(text):
        pieces.append(text[at:m.start()])
        pieces.extend(_HYPHEN if i % 2 else part
                      for i, part in enumerate(re.split(r"(-)", m.group())))
        at = m.end()
    pieces.append(text[at:])
    for piece in pieces:
        if piece is _HYPHEN:
            run._r.append(OxmlElement("w:noBreakHyphen"))
        elif piece:
            t = OxmlElement("w:t")
            t.set(qn("xml:space"), "preserve")
            t.text = piece
            run._r.append(t)


def _runs(para, text, bold: bool = False) -> None:
    """Plain text, or a narrative sentence with its marks."""
    from docx.enum.text import WD_COLOR_INDEX
    if isinstance(text, dict):
        for t, mark in text.get("runs") or ():
            run = para.add_run()
            _text(run, visible(t))
            run.bold = bold or None
            if mark == "ins":
                run.underline = True
                run.font.highlight_color = WD_COLOR_INDEX.BRIGHT_GREEN
            elif mark == "del":
                run.font.strike = True
                run.font.highlight_color = WD_COLOR_INDEX.PINK
        return
    run = para.add_run()
    _text(run, visible("" if text is None else text))
    if bold:
        run.bold = True


def _shade(cell, fill: str) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    tcpr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tcpr.append(shd)


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    trpr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    trpr.append(el)


def _fill(cell, value, bold: bool = False) -> None:
    para = cell.paragraphs[0]
    text = "—" if value in (None, "") else value
    _runs(para, text, bold)
    colours = rag_of(text)
    if colours:
        _shade(cell, RAG_FILL[colours[-1]])


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


def _table(document, columns, rows) -> None:
    from docx.shared import Cm
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table._tbl.tblPr.style = "TableGrid"
    table.autofit = False
    widths = [Cm(w) for w in _widths(columns, rows)]
    for col, w in zip(table.columns, widths):
        col.width = w
    all_rows = table.rows
    head = all_rows[0]
    _repeat_header(head)
    for cell, c, w in zip(head.cells, columns, widths):
        cell.width = w
        _fill(cell, c, bold=True)
        _shade(cell, HEADER_FILL)
    for row, values in zip(all_rows[1:], rows):
        for cell, c, w in zip(row.cells, values, widths):
            cell.width = w
            _fill(cell, c)


def _kv_table(document, items) -> None:
    """Label/value pairs (the document control header) as a two-column table."""
    table = document.add_table(rows=len(items), cols=2)
    table._tbl.tblPr.style = "TableGrid"
    for row, (k, v) in zip(table.rows, items):
        label, value = row.cells
        _fill(label, k, bold=True)
        _shade(label, HEADER_FILL)
        _fill(value, v)


def _block(document, b: dict, sep: str) -> None:
    t = b["type"]
    if t == "p":
        for line in _lines(b["text"]):
            _runs(_styled(document), line)
    elif t == "h3":
        _heading(document, b["text"], 2)
    elif t == "h4":
        _heading(document, b["text"], 3)
    elif t == "list" and b.get("ordered"):
        # numbered by hand: Word's list numbering would run on from the last list
        from docx.shared import Cm
        for i, x in enumerate(b.get("items") or [], 1):
            para = _styled(document)
            para.paragraph_format.left_indent = Cm(0.75)
            para.paragraph_format.first_line_indent = Cm(-0.75)
            para.add_run(f"{i}.\t")
            _runs(para, x)
    elif t == "list":
        for x in b.get("items") or []:
            _runs(_styled(document, "ListBullet"), x)
    elif t == "kv":
        for k, v in b.get("items") or []:
            para = document.add_paragraph()
            _runs(para, f"{k}{sep}", bold=True)
            _runs(para, v if v not in (None, "") else SIGN_LINE)  # a blank to sign on
    elif t == "table":
        _table(document, b["columns"], b.get("rows") or [])
    elif t == "chart":
        _chart(document, b)


def _chart(document, b: dict) -> None:
    """A chart block: its title, the picture (store/reports/pngchart.py,
    no text in it), the numbers by week in a table, its note."""
    from docx.shared import Cm

    from .pngchart import png
    _runs(_styled(document), b.get("title") or "", bold=True)
    document.add_picture(io.BytesIO(png(b)), width=Cm(TEXT_CM))
    labels = list(b.get("labels") or [])
    rows = [[s.get("name") or ""] + ["—" if v is None else
                                     (str(int(v)) if float(v).is_integer() else f"{v:.1f}")
                                     for v in s.get("values") or []]
            for s in b.get("series") or [] if s.get("values")]
    if rows:
        _table(document, [b.get("axis") or ""] + labels, rows)
    if b.get("note"):
        _runs(_styled(document), b["note"])


def _lines(text):
    """A plain paragraph's lines (kept as Word paragraphs); a sentence whole."""
    if isinstance(text, dict):
        return [text]
    return str(text or "").replace("\r\n", "\n").split("\n")


def to_docx(doc: dict) -> bytes:
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
    _heading(document, doc["title"], 0)
    if doc.get("header"):
        _kv_table(document, doc["header"])
    for sec in doc.get("sections", []):
        _heading(document, sec["title"], 1)
        for b in sec.get("blocks", []):
            _block(document, b, sep)
    footer = doc.get("footer") or []
    if footer:
        document.add_paragraph()
        for k, v in footer:
            para = document.add_paragraph()
            _runs(para, f"{k}{sep}", bold=True)
            _runs(para, v)
    out = io.BytesIO()
    document.save(out)
    return _steady(out.getvalue())


def _steady(data: bytes) -> bytes:
    """The same zip with fixed entry times: the same document, the same bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
