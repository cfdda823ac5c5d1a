"""store.model.ids: the id rules, and the sort order of ids."""
from __future__ import annotations

from hypothesis import given, strategies as st

from store.model import ids


def _by_regex(rid):
    m = ids.ID_RE.match(rid)
    return (m.group(1), int(m.group(2))) if m else (rid, 0)


def test_ids_sort_by_number():
    got = sorted(["REQ-10", "REQ-2", "CR-1", "notes", "REQ-1"], key=ids.sort_key)
    assert got == ["CR-1", "REQ-1", "REQ-2", "REQ-10", "notes"]


def test_near_ids_sort_as_text():
    for text in ("REQ-01", "req-1", "RÉQ-1", "REQ-١", "REQ-1\n", "A-1", "ABCDE-1",
                 "REQ-", "-1", "REQ-1-2", "", "REQ-²", "ＲＥＱ-1", "CR-1234567890"):
        assert ids.sort_key(text) == (text, 0), text


@given(st.text(alphabet="ABCRQÉa-0129²١\n ", max_size=10))
def test_sort_key_is_the_id_regex(text):
    assert ids.sort_key(text) == _by_regex(text)


def test_the_id_shape_sort_key_mirrors():
    """sort_key checks this shape without the regex: change both together."""
    assert ids.ID_RE.pattern == r"^([A-Z]{2,4})-([1-9][0-9]{0,8})\Z"
