"""The sample project's documents read as the client would (issue 19): no
name with its role in brackets inside brackets, a pending decision's title
said once, and the other fixes of the zh/en re-reading."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from store import reports
from store.reports.common import noted

D = dt.date
NESTED = re.compile(r"（[^（）]*（|\([^()]*\(")


@pytest.fixture(scope="module")
def sample(tmp_path_factory):
    from tui.demo import build_demo
    return build_demo(tmp_path_factory.mktemp("sample") / "ws")


def test_a_note_with_brackets_becomes_a_clause():
    assert noted("zh", "张伟", "零售银行部副总经理（甲方项目负责人）") == \
        "张伟（零售银行部副总经理，甲方项目负责人）"
    assert noted("en", "Zhang Wei", "Deputy GM (client lead)") == \
        "Zhang Wei (Deputy GM, client lead)"
    assert noted("zh", "李娜", "客服中心主任") == "李娜（客服中心主任）"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_minutes_attendees_never_nest_brackets(sample, lang):
    doc = reports.build(sample, "crm-rollout", "minutes", meeting="MTG-7", lang=lang,
                        today=D(2026, 12, 7))
    people = [v for k, v in doc["header"] if k in ("参会人（甲方）", "参会人（乙方）",
                                                   "Attendees (client)", "Attendees (vendor)")]
    assert len(people) == 2 and not any(NESTED.search(v) for v in people), people
    assert ("零售银行部副总经理，甲方项目负责人" if lang == "zh"
            else "零售银行部副总经理, 甲方项目负责人") in people[0]


def test_a_document_file_takes_the_format_its_name_says(sample, tmp_path, capsys):
    from tui.cli.main import main
    heads = {"m.docx": b"PK", "m.html": b"<!DOCTYPE", "m.json": b"{", "m.md": b"# "}
    for name, head in heads.items():
        assert main(["-C", str(sample.root), "report", "minutes", "MTG-7",
                     "-o", str(tmp_path / name)]) == 0
        assert (tmp_path / name).read_bytes().startswith(head), name
    # an explicit --format still wins
    assert main(["-C", str(sample.root), "summary", "--format", "md",
                 "-o", str(tmp_path / "s.html")]) == 0
    assert (tmp_path / "s.html").read_bytes().startswith(b"# ")
    capsys.readouterr()


def _nested(text: str) -> list[str]:
    """The lines of ``text`` with a round bracket (either width) opened
    inside another."""
    out = []
    for ln in text.splitlines():
        depth = 0
        for ch in ln:
            if ch in "（(":
                depth += 1
                if depth > 1:
                    out.append(ln)
                    break
            elif ch in "）)" and depth:
                depth -= 1
    return out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_document_of_the_sample_nests_brackets(sample, lang):
    # a reason with a bracketed id, a decision's title after who decided, a
    # role with its own note, who signed, an id in a risk's bracketed
    # mitigation: each reads ID“title”, 甲方张伟 or a clause inside the bracket
    kinds = [("summary", {}), ("progress", {}), ("progress", {"cadence": "monthly"}),
             ("final", {}), ("requirements", {}), ("review", {})]
    kinds += [("minutes", {"meeting": f"MTG-{n}"}) for n in range(1, 9)]
    for kind, kw in kinds:
        doc = reports.build(sample, "crm-rollout", kind, lang=lang, today=D(2026, 12, 7), **kw)
        assert _nested(reports.render(doc, "md")) == [], (kind, kw)
