"""The codec: any text and any list of texts round-trip exactly, through a new
file and through an edit of an existing one, and an edit leaves everything
it did not change byte for byte as it was."""
from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings, strategies as st

from store.model import codec

# every Unicode scalar value (no surrogates), with the awkward ones boosted
AWKWARD = st.sampled_from(['"', '"""', "'''", "\\", "\r\n", "\r", "\n", "\t",
                           "\x00", "\x1b", "\x7f", "\b", "\f", "需求", "😀",
                           "[bold]", "  ", "\\n", "\\u0041", "#", "=", "\ufeff"])
TEXT = st.lists(st.one_of(st.text(max_size=8), AWKWARD), max_size=12).map("".join)
ITEMS = st.lists(TEXT, max_size=6)
SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

BASE = '''# 手写的注释: keep me
title = "原标题"   # trailing comment, odd spacing
zeta   =   1
status = "draft"
unknown_key = { a = 1, b = "x" }
acceptance = [
    "第一条",  # keep this comment
    "second",
]
created = 2026-10-12

[confirmation]
by = "张伟"
on = 2026-10-20
'''


@SETTINGS
@given(TEXT)
def test_new_document_round_trips_any_text(s):
    for multi in (frozenset(), frozenset({"statement"})):
        text = codec.new_document({"title": "t", "statement": s}, multi)
        assert codec.parse(text) == {"title": "t", "statement": s}
        assert "\r" not in text  # a CR is always escaped: files stay LF


@SETTINGS
@given(ITEMS)
def test_new_document_round_trips_lists(items):
    text = codec.new_document({"acceptance": items, "tags": ["a"]})
    assert codec.parse(text) == {"acceptance": items, "tags": ["a"]}


@SETTINGS
@given(TEXT, st.booleans())
def test_edit_round_trips_and_keeps_untouched_bytes(s, multi):
    keys = frozenset({"title"}) if multi else frozenset()
    new = codec.edit_document(BASE, {"title": s}, keys)
    data = codec.parse(new)
    before = codec.parse(BASE)
    assert data["title"] == s
    before["title"] = s
    assert data == before
    assert list(data) == list(before)  # key order kept
    # every line but the title's is byte for byte the same
    title_line = BASE.splitlines()[1]
    old_rest = BASE.replace(title_line + "\n", "")
    start = new.index("title = ")
    # the edited value ends before the next key
    end = new.index("\nzeta   =   1")
    assert new[:start] + new[end + 1:] == old_rest


@SETTINGS
@given(ITEMS)
def test_edit_list_round_trips(items):
    new = codec.edit_document(BASE, {"acceptance": items})
    data = codec.parse(new)
    assert data["acceptance"] == items
    assert "# 手写的注释: keep me" in new
    assert 'unknown_key = { a = 1, b = "x" }' in new
    assert new.endswith('[confirmation]\nby = "张伟"\non = 2026-10-20\n')


@SETTINGS
@given(TEXT)
def test_added_key_goes_before_sub_tables(s):
    new = codec.edit_document(BASE, {"statement": s}, frozenset({"statement"}))
    data = codec.parse(new)
    assert data["statement"] == s
    assert list(data)[-2:] == ["statement", "confirmation"]
    assert new.startswith(BASE.split("\n[confirmation]")[0])
    assert new.endswith('[confirmation]\nby = "张伟"\non = 2026-10-20\n')


@SETTINGS
@given(TEXT, TEXT)
def test_nested_edit_round_trips(a, b):
    new = codec.edit_document(BASE, {"confirmation.by": a, "impact.scope": b})
    data = codec.parse(new)
    assert data["confirmation"]["by"] == a
    assert data["confirmation"]["on"] == dt.date(2026, 10, 20)
    assert data["impact"] == {"scope": b}
    assert data["unknown_key"] == {"a": 1, "b": "x"}


def test_unchanged_value_keeps_every_byte():
    assert codec.edit_document(BASE, {"title": "原标题", "zeta": 1}) == BASE
    assert codec.edit_document(BASE, {"acceptance": ["第一条", "second"]}) == BASE


def test_remove_a_key_keeps_the_rest():
    new = codec.edit_document(BASE, {"zeta": codec.REMOVE})
    assert "zeta" not in new
    assert new == BASE.replace("zeta   =   1\n", "")


def test_crlf_value_is_a_basic_string_with_escapes():
    text = codec.new_document({"statement": "line 1\r\nline 2\r\n"},
                              frozenset({"statement"}))
    assert 'statement = "line 1\\r\\nline 2\\r\\n"' in text
    assert codec.parse(text)["statement"] == "line 1\r\nline 2\r\n"


def test_multiline_text_is_written_as_multiline_string():
    text = codec.new_document({"statement": "一\n二\n"}, frozenset({"statement"}))
    assert text == 'statement = """\n一\n二\n"""\n'


def test_rows_rewritten_mid_file_keep_their_blank_line():
    from store.model import codec as c
    doc = ('name = "x"\n\n[[effort]]\nperiod = "2026-10"\nplanned_days = 80\n\n'
           '[[payments]]\nname = "首付款"\namount = 10\n')
    rows = c.parse(doc)["effort"] + [{"period": "2026-11", "planned_days": 90}]
    out = c.edit_document(doc, {"effort": rows})
    assert out == ('name = "x"\n\n[[effort]]\nperiod = "2026-10"\nplanned_days = 80\n\n'
                   '[[effort]]\nperiod = "2026-11"\nplanned_days = 90\n\n'
                   '[[payments]]\nname = "首付款"\namount = 10\n')
    # the last rows of the file gain no blank line at the end
    pays = c.parse(out)["payments"] + [{"name": "尾款", "amount": 5}]
    assert c.edit_document(out, {"payments": pays}).endswith('amount = 10\n\n[[payments]]\n'
                                                             'name = "尾款"\namount = 5\n')
