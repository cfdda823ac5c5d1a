"""codec.parse reads TOML with rtoml where rtoml gives tomli's answer and
with tomli otherwise: the results (values, types, errors) are tomli's on
every input, including the ones the two parsers read differently."""
from __future__ import annotations

import datetime as dt
import pickle

import pytest
import tomli
from hypothesis import HealthCheck, given, settings, strategies as st

from store.model import codec

SETTINGS = settings(max_examples=300, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def tomli_answer(text):
    try:
        return ("ok", tomli.loads(text))
    except tomli.TOMLDecodeError as e:
        return ("error", str(e))


def codec_answer(text):
    try:
        return ("ok", codec.parse(text))
    except codec.TOMLDecodeError as e:
        return ("error", str(e))


def same_types(a, b):
    """Equal, and of the same types all the way down (a tz-aware datetime
    compares equal across tzinfo classes, so its tzinfo class is checked)."""
    assert type(a) is type(b), (a, b)
    if isinstance(a, dict):
        assert a.keys() == b.keys()
        for k in a:
            same_types(a[k], b[k])
    elif isinstance(a, list):
        assert len(a) == len(b)
        for x, y in zip(a, b):
            same_types(x, y)
    else:
        assert a == b or (a != a and b != b)  # nan
        if isinstance(a, (dt.datetime, dt.time)):
            assert type(a.tzinfo) is type(b.tzinfo)


DIFFERENT_IN_RTOML = [
    # offset date-times: rtoml's own tzinfo class (cannot be pickled)
    "a = 1979-05-27T07:32:00+08:00",
    "a = 1979-05-27T07:32:00Z",
    "a = 1979-05-27 07:32:00.5z",
    "a = 1979-05-27T00:32:00.999999-07:00",
    "[m]\nat = [1979-05-27T07:32:00+08:00]",
    # CR LF inside a multi-line string: rtoml keeps the CR
    'a = """\r\nline1\r\nline2"""\r\n',
    "a = '''\r\nraw\r\n'''",
    # a float beyond range: tomli reads inf, rtoml refuses
    "a = 1e400",
    # integers beyond 64 bits: tomli reads them
    "a = 99999999999999999999",
    "a = -9223372036854775809",
]

SAME_IN_BOTH = [
    'title = "需求"\nstatus = "draft"\nacceptance = ["第一条", "second"]\n',
    "a = 1979-05-27T07:32:00\nb = 1979-05-27\nc = 07:32:00.999999\n",
    "a = nan\nb = -inf\nc = +1.5e-3\nd = 0x10\ne = 0o17\nf = 0b11\ng = 1_000\n",
    'a = "x\\u00e9\\U0001F600\\t\\b\\f"\nb = """\\\n   trimmed"""\n',
    '"quoted key" = 1\na.b.c = 2\n[[t]]\nx = 1\n[[t]]\nx = 2\n',
    "a = {b = 1, c = [1, 2]}\n[d]\ne = true\n",
    "x = 1 # comment\n\n[b]\n\n[[c]]\nd = []\n",
    'note = "会议 10:30Z 开始"\n',  # looks like an offset: tomli reads it
    'a = "\\e"\n',  # TOML 1.1's escape: both read it
]

INVALID = [
    "a = 1\na = 2", 'a = "unterminated', "[a]\nb=1\n[a]\nc=2", 'a = "\x7f"',
    'a = "\x00"', 'key = "value" b = 1', 'a = "line\r"', 'a = """a\rb"""',
    "a = 2021-02-30", "a = 1__0", "a = 01", "a = .5", "a = [,]",
    "a.b=1\n[a]\nc=1", "\ufeffa = 1",  # a byte order mark: rtoml accepts it
    'a = "\\uD800"', "a = 0b102",
]


@pytest.mark.parametrize("text", DIFFERENT_IN_RTOML + SAME_IN_BOTH)
def test_values_are_tomli_s(text):
    kind, want = tomli_answer(text)
    assert kind == "ok"
    got = codec.parse(text)
    same_types(got, want)
    same_types(pickle.loads(pickle.dumps(got)), want)  # the record cache pickles


@pytest.mark.parametrize("text", INVALID)
def test_invalid_documents_fail_with_tomli_s_message(text):
    assert codec_answer(text) == tomli_answer(text)
    assert codec_answer(text)[0] == "error"


def test_bytes_go_the_same_way():
    text = DIFFERENT_IN_RTOML[0] + "\n" + SAME_IN_BOTH[0]
    same_types(codec.parse_bytes(text.encode("utf-8")), tomli.loads(text))


@pytest.mark.skipif(codec._fast is None, reason="rtoml is not installed")
def test_the_fast_parser_is_used_for_plain_records():
    assert "rtoml" in codec.PARSER
    text = SAME_IN_BOTH[0]
    assert codec._fast.loads(text) == codec.parse(text)


# documents made of awkward pieces: wherever rtoml answers, it answers as tomli
PIECES = st.sampled_from([
    "a = 1\n", 'b = "需求"\n', "c = 1979-05-27\n", "d = 1979-05-27T07:32:00",
    "Z", "+08:00", "\n", "\r\n", "\r", '"""', "'''", "[t]\n", "[[u]]\n",
    "e = [1, 2]\n", "f = {g = 1}\n", "\\", "\\u0041", "#", "=", " ", "\t",
    "\ufeff", "h = ", "1e400", "nan", "'x'", '"x"', "\x00", "\x7f", "😀",
    "[bold]", ".", ",", "k.l = 2\n",
])


@SETTINGS
@given(st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=14).map("".join))
def test_any_document_gets_tomli_s_answer(text):
    want = tomli_answer(text)
    got = codec_answer(text)
    assert got[0] == want[0]
    if want[0] == "ok":
        same_types(got[1], want[1])
    else:
        assert got == want
