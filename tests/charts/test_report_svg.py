"""The progress report's HTML carries the charts as inline SVG
(store/reports/svgchart.py); Markdown leaves them out."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from scripted import TODAY

from store import reports
from store.reports.render import render
from store.reports.svgchart import svg

NS = "{http://www.w3.org/2000/svg}"


def _svgs(html: str) -> list:
    return [ET.fromstring(s) for s in re.findall(r"<svg.*?</svg>", html, re.S)]


def test_progress_html_has_the_three_charts(chartws):
    ws, _ = chartws
    doc = reports.build(ws, "crm", "progress", today=TODAY)
    html = render(doc, "html")
    opened, replies, changes = _svgs(html)  # well-formed XML, three of them
    assert opened.get("aria-label") == "各类未关闭事项（按周）"
    # one line per kind with open items, its legend named in Chinese
    assert len(opened.findall(f"{NS}polyline")) == 5
    legend = [t.text for t in opened.iter(f"{NS}text")]
    assert {"需求", "变更", "反馈", "风险与问题", "待办"} <= set(legend)
    assert "11-16" in legend and "09-28" in legend
    # reply days: a point per replied week for taken and for promised
    tips = [c.find(f"{NS}title").text for c in replies.iter(f"{NS}circle")]
    assert tips == ["实际天数: 4", "实际天数: 1", "承诺天数: 2", "承诺天数: 1"]
    # requirement changes since the baseline: bars of 2 and 1
    bars = [r.find(f"{NS}title").text for r in changes.iter(f"{NS}rect")
            if r.find(f"{NS}title") is not None]
    assert bars == ["变更次数: 2", "变更次数: 1"]
    assert "基线 kickoff 之后共 3 次变更。" in html
    # the Markdown is the report it was: no picture, no chart words
    md = render(doc, "md")
    assert "<svg" not in md and "各类未关闭事项" not in md


def test_english_report_words_the_charts_in_english(chartws):
    ws, _ = chartws
    html = render(reports.build(ws, "crm", "progress", today=TODAY, lang="en"), "html")
    assert html.count("<svg") == 3
    assert "Open items by kind, per week" in html and "days promised" in html
    assert "3 changes since baseline kickoff." in html


def test_svg_text_is_escaped_and_gaps_stay_gaps():
    trap = "<b>[bold]</b> & \x1b[31m"
    out = svg({"type": "chart", "chart": "lines", "title": trap, "labels": ["a", "b", "c"],
               "series": [{"name": trap, "values": [1, None, 3]}], "note": trap})
    assert "<b>" not in out and "&lt;b&gt;[bold]&lt;/b&gt; &amp; ␛[31m" in out
    root = ET.fromstring(re.search(r"<svg.*?</svg>", out, re.S).group(0))
    # two points and no line across the missing middle week
    assert len(root.findall(f"{NS}circle")) == 2
    assert root.findall(f"{NS}polyline") == []


# --- Word: the same charts as pictures ------------------------------------------------

def test_progress_docx_has_the_charts_as_pictures_and_numbers(chartws):
    import io
    import struct

    import docx

    from store.reports.pngchart import png
    ws, _ = chartws
    doc = reports.build(ws, "crm", "progress", today=TODAY)
    data = render(doc, "docx")
    assert data == render(doc, "docx")  # the same document, the same bytes
    word = docx.Document(io.BytesIO(data))
    assert len(word.inline_shapes) == 3
    texts = [p.text for p in word.paragraphs]
    assert {"各类未关闭事项（按周）", "反馈答复天数与承诺天数", "基线后的需求变更（按周）"} <= set(texts)
    assert "基线 kickoff 之后共 3 次变更。" in texts
    # the numbers under each picture: weeks across, one row per series
    rows = {tuple(c.text for c in r.cells) for t in word.tables for r in t.rows}
    assert ("周起始日", "09-28", "10-05", "10-12", "10-19", "10-26", "11-02", "11-09", "11-16") in rows
    assert ("待办", "0", "0", "0", "0", "0", "2", "1", "2") in rows
    assert ("实际天数", "—", "—", "—", "—", "—", "—", "4", "1") in rows
    assert ("变更次数", "0", "0", "0", "0", "0", "0", "2", "1") in rows
    # a picture is a well-formed PNG of the chart's size
    block = next(b for s in doc["sections"] for b in s["blocks"] if b["type"] == "chart")
    pic = png(block)
    assert pic[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", pic[16:24]) == (600, 200)
