"""What the client receives: `accord diff` as a document (agreed changes
first), nothing internal in any document's default text (hashes, e-mail
addresses, fingerprints, stored English values), the evidence only when
asked, and every document as a Word file read back with python-docx."""
from __future__ import annotations

import io
import json
import re

import docx
import pytest
from docx.oxml.ns import qn
from helpers import git, section_text

from store import history, reports
from store.reports import diff as diff_doc
from store.reports.common import context
from tui.cli.main import main

DOCS = [("summary", {}), ("progress", {}), ("final", {}), ("requirements", {}),
        ("requirements", {"at": "kickoff"}), ("minutes", {"meeting": "MTG-2"}),
        ("review", {})]
STORED = re.compile(r"\b(draft|proposed|confirmed|in-progress|cancelled|planned|held|open|"
                    r"done|dropped|approved|rejected|raised|agreed|received|closed|must|"
                    r"should|email|high|medium|low|create|edit|move|confirm)\b")


def _all_docs(ws, lang):
    out = {}
    for kind, kw in DOCS:
        out[f"{kind}{kw}"] = reports.build(ws, "crm", kind, lang=lang, **kw)
    out["diff"] = diff_doc.build(context(ws, "crm", lang),
                                 history.baseline_diff(ws, "crm", "kickoff"))
    return out


# --- accord diff as a document --------------------------------------------------

def test_diff_tells_the_agreed_change_first_in_words(reportws):
    ws, c = reportws
    d = history.baseline_diff(ws, "crm", "kickoff")
    doc = diff_doc.build(context(ws, "crm", "zh"), d)
    assert [s["key"] for s in doc["sections"]] == ["overview", "agreed", "changed", "added",
                                                   "removed"]
    text = reports.render(doc, "md")
    agreed = section_text(text, "甲方已签认内容的变化")
    assert agreed.strip() == (
        "- 扫码登录（REQ-1）：需求描述修改：由“用企业微信扫码登录”改为“用企业微信或钉钉扫码登录”"
        "（待张伟重新确认）")
    # REQ-1's other change (its status) and the added records come after it
    assert text.index("甲方已签认内容的变化") < text.index("其他修改（按记录）") \
        < text.index("## 新增")
    added = section_text(text, "新增")
    assert "### 变更（1 条）" in added and "- 理财持仓接口（CR-1）——已批准" in added
    assert "{" not in text and "[" not in text.replace("\\[", "")
    assert c["confirm"][:7] not in text and d["commit"][:7] not in text
    en = reports.render(diff_doc.build(context(ws, "crm", "en"), d), "md")
    assert "## What the client agreed to that changed" in en
    assert "Statement changed from “用企业微信扫码登录” to “用企业微信或钉钉扫码登录” " \
           "(needs re-confirmation by 张伟)" in en
    with_ev = reports.render(diff_doc.build(context(ws, "crm", "zh"), d, evidence=True), "md")
    assert d["commit"] in with_ev


# --- nothing internal -----------------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_hash_email_fingerprint_or_stored_value_in_any_document(reportws, lang):
    ws, _ = reportws
    commits = git(ws.root, "log", "--all", "--format=%H").split()
    for name, doc in _all_docs(ws, lang).items():
        for fmt in ("md", "html"):
            text = reports.render(doc, fmt)
            assert "@" not in text.replace("@page", "").replace("@media", ""), (name, fmt)
            assert "sha256" not in text, (name, fmt)
            for cid in commits:
                assert cid[:7] not in text, (name, fmt, cid)
            if lang == "zh" and fmt == "md":
                found = STORED.findall(text)
                assert not found, (name, found)


def test_evidence_only_when_asked_and_always_in_json(reportws, tmp_path, capsys):
    ws, c = reportws

    def run(*args):
        rc = main(["-C", str(ws.root), *args])
        out, err = capsys.readouterr()
        assert rc == 0, err
        return out
    assert c["hand"][:7] not in run("summary")
    assert c["hand"][:7] in run("summary", "--evidence")
    data = json.loads(run("summary", "--format", "json"))
    assert any(s["key"] == "evidence" for s in data["sections"])
    assert c["hand"] in data["commits"]


def test_log_text_has_no_fingerprint(reportws, capsys):
    ws, _ = reportws
    assert main(["-C", str(ws.root), "log", "REQ-1"]) == 0
    out = capsys.readouterr().out
    assert "sha256" not in out and "confirmation.fingerprint: (set)" in out


# --- HTML -------------------------------------------------------------------------

def test_html_rag_chips_print_page_and_unbroken_dates(reportws):
    ws, _ = reportws
    html = reports.render(reports.build(ws, "crm", "progress"), "html")
    assert "@page{size:A4" in html and "@media print" in html
    assert re.search(r'<span class="rag rag-(red|amber|green)">[红黄绿]</span>', html)
    assert '<span class="nw">2026-11-25</span>' in html
    assert '<td class="nw">' in html


def test_html_marks_inserted_and_removed_words(reportws):
    ws, _ = reportws
    html = reports.render(reports.build(ws, "crm", "summary"), "html")
    assert "<ins>或钉钉</ins>" in html


# --- Word -------------------------------------------------------------------------

def _open(data: bytes):
    return docx.Document(io.BytesIO(data))


def _fill(cell) -> str | None:
    shd = cell._tc.tcPr.find(qn("w:shd")) if cell._tc.tcPr is not None else None
    return shd.get(qn("w:fill")) if shd is not None else None


def test_progress_report_as_word(reportws):
    ws, _ = reportws
    doc = reports.build(ws, "crm", "progress")
    data = reports.render(doc, "docx")
    assert data == reports.render(doc, "docx")  # the same document, the same bytes
    d = _open(data)
    heads = [(p.style.name, p.text) for p in d.paragraphs if p.style.name.startswith(("Heading",
                                                                                      "Title"))]
    assert heads[0] == ("Title", doc["title"])
    assert [t for s, t in heads if s == "Heading 1"] == [s["title"] for s in doc["sections"]]
    tables = [b for s in doc["sections"] for b in s["blocks"] if b["type"] == "table"]
    charts = [b for s in doc["sections"] for b in s["blocks"] if b["type"] == "chart"]
    # + the header (document control) table, + each chart's numbers
    assert len(d.tables) == len(tables) + 1 + len(charts) and len(d.inline_shapes) == 3
    first = d.tables[1]
    assert [c.text for c in first.rows[0].cells] == tables[0]["columns"]
    assert first.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    fills = {_fill(c) for t in d.tables for r in t.rows for c in r.cells}
    assert fills & {"F4C7C3", "FCE8B2", "B7E1CD"}  # red/amber/green cells shaded
    sec = d.sections[0]
    assert (round(sec.page_width.cm, 1), round(sec.page_height.cm, 1)) == (21.0, 29.7)
    instr = [e.text for e in sec.footer._element.iter(qn("w:instrText"))]
    assert " PAGE " in instr and " NUMPAGES " in instr
    fonts = d.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "SimSun" and fonts.get(qn("w:ascii")) == "Calibri"
    h1 = d.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert h1.get(qn("w:eastAsia")) == "SimSun" and h1.get(qn("w:asciiTheme")) is None


def test_minutes_as_word_keep_the_sign_off_block(reportws):
    ws, _ = reportws
    d = _open(reports.render(reports.build(ws, "crm", "minutes", meeting="MTG-2"), "docx"))
    text = "\n".join(p.text for p in d.paragraphs)
    assert "甲方代表（签字）/ 日期：________" in text


def test_every_document_as_word_through_the_cli(reportws, tmp_path, capsys):
    ws, _ = reportws
    runs = [["summary"], ["report", "progress"], ["report", "final"],
            ["report", "requirements"], ["report", "minutes", "MTG-2"], ["report", "review"],
            ["diff", "kickoff"]]
    for i, args in enumerate(runs):
        out = tmp_path / f"doc{i}.docx"
        rc = main(["-C", str(ws.root), *args, "--format", "docx", "-o", str(out)])
        err = capsys.readouterr().err
        assert rc == 0, err
        d = _open(out.read_bytes())
        assert d.paragraphs[0].style.name == "Title"
        assert any(p.style.name == "Heading 1" for p in d.paragraphs)


def test_word_marks_inserted_and_removed_words(reportws):
    ws, _ = reportws
    d = _open(reports.render(reports.build(ws, "crm", "summary"), "docx"))
    runs = [r for t in d.tables for row in t.rows for c in row.cells
            for p in c.paragraphs for r in p.runs]
    assert any(r.text == "或钉钉" and r.underline for r in runs)


def test_word_to_a_pipe(reportws, capsysbinary):
    ws, _ = reportws
    assert main(["-C", str(ws.root), "report", "final", "--format", "docx"]) == 0
    out = capsysbinary.readouterr().out
    assert out[:2] == b"PK" and _open(out).paragraphs[0].style.name == "Title"
