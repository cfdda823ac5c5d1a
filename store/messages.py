"""The words of the store's errors and validation problems, in English and
Chinese, in one table: code -> {"en": ..., "zh": ...}, with ``str.format``
fields filled from the error's params.  A code whose way out differs in the
app and on the command line holds both: ``"en.app"`` / ``"zh.app"`` are used
for ``surface="app"`` (the app names its key, the CLI its command).

``describe(err, lang, surface)`` words an AccordError (or a Problem line);
an error without a code (or with one not listed) is shown as ``str(err)``.
Params that are statuses or choice values are shown as words in Chinese;
params that are Problems are worded recursively.
"""
from __future__ import annotations

import re

from store.messages_table import MESSAGES

# params shown as the schema's words in Chinese (a status, a choice value)
WORD_PARAMS = frozenset({"status", "to", "src", "value_word"})
# params that are lists: joined with "、" in Chinese (their items as words)
LIST_PARAMS = frozenset({"allowed", "ok", "statuses", "choices", "kinds", "projects",
                         "subs", "prefixes", "tables", "names", "fields", "missing",
                         "missing_zh"})


class Problem(str):
    """One problem line (a validation finding): the English text, with
    ``code`` and ``params`` for describe() to word it in another language."""

    code: str
    params: dict

    def __new__(cls, code: str, **params):
        s = super().__new__(cls, render(code, params, "en"))
        s.code, s.params = code, params
        return s

    def __reduce__(self):  # kept in caches (pickle): as what it says
        return (str, (str(self),))


def _word(value, lang: str) -> str:
    from store.model.schema import value_word
    return value_word(value, lang) if lang == "zh" else str(value)


def _kind(value, lang: str) -> str:
    from store.model.schema import kind_named
    k = kind_named(str(value))
    return k.label(lang) if (k is not None and lang == "zh") else str(value)


def _param(name: str, value, lang: str, surface: str):
    if isinstance(value, Problem) or (hasattr(value, "code") and hasattr(value, "params")
                                      and isinstance(value, Exception)):
        return describe(value, lang, surface)
    if name in LIST_PARAMS and isinstance(value, (list, tuple)):
        words = [_word(v, lang) if name in ("allowed", "ok", "statuses", "choices")
                 else (_kind(v, lang) if name == "kinds" else str(v)) for v in value]
        return ("、" if lang == "zh" else ", ").join(words) or ("（无）" if lang == "zh" else "(none)")
    if name in WORD_PARAMS:
        return _word(value, lang)
    if name == "kind":
        return _kind(value, lang)
    if name == "toml" and lang == "zh":
        return toml_detail(str(value))
    return value


_DOING_ZH = {"read": "读取", "write": "写入"}


def _derived(params: dict, lang: str) -> dict:
    """Values some messages need besides their params: an optional tail."""
    out = {}
    if "ok" in params:
        ok = _param("ok", list(params["ok"]), lang, "cli") if params["ok"] else ""
        out["ok_en"] = f" (allowed now: {ok})" if ok else ""
        out["ok_zh"] = f"（现在可变为 {ok}）" if ok else ""
    if "op" in params and "where" in params:  # a network command (RemoteError)
        from store.messages_team import REMOTE_ACT
        act = REMOTE_ACT.get(params["op"], ("{where}", "{where}"))[lang == "zh"]
        out["act"] = act.format(where=params["where"])
    if "doing" in params:
        write = params["doing"] == "write"
        out["doing_zh"] = _DOING_ZH.get(params["doing"], params["doing"])
        out["tail_en"] = "; nothing was saved" if write else ""
        out["tail_zh"] = "；未保存任何内容" if write else ""
    return out


def render(code: str, params: dict, lang: str = "en", surface: str = "cli") -> str:
    """The message of ``code`` in ``lang`` with ``params`` filled in; an
    unknown code gives the params as ``code: k=v`` (never a KeyError)."""
    entry = MESSAGES.get(code)
    if entry is None:
        return code + (": " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")
    lang = lang if lang in ("en", "zh") else "en"
    text = entry.get(f"{lang}.{surface}") or entry[lang]
    values = {k: _param(k, v, lang, surface) for k, v in params.items()}
    values.update(_derived(params, lang))
    if lang != "en" and params.get("label"):  # a field: its label, not its name
        values["name"] = params["label"]
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        return entry["en"] if lang != "en" else code


def describe(err, lang: str = "en", surface: str = "cli") -> str:
    """An error or problem line in ``lang`` for ``surface`` ("cli"/"app")."""
    code = getattr(err, "code", "")
    if isinstance(code, str) and code in MESSAGES:
        return render(code, getattr(err, "params", {}) or {}, lang, surface)
    return str(err)


def problems_in(problems, lang: str, surface: str = "cli") -> list[str]:
    """Several problem lines (ValidationFailed.problems) in ``lang``."""
    return [describe(p, lang, surface) for p in problems]


# --- the TOML parser's own words (tomllib) ---------------------------------------

_AT = re.compile(r"^(.*?) \(at line (\d+), column (\d+)\)$")
_AT_END = re.compile(r"^(.*?) \(at end of document\)$")
TOML_ZH = {
    "Invalid value": "值无效",
    "Invalid statement": "语句无效",
    "Invalid key": "键名无效",
    "Invalid initial character for a key part": "键名的首字符无效",
    "Expected '=' after a key in a key/value pair": "键后面应为 '='",
    "Expected newline or end of document after a statement": "一条语句后应换行",
    "Unclosed array": "数组没有闭合",
    "Unclosed inline table": "内联表没有闭合",
    "Unterminated string": "字符串没有结束",
    "Cannot overwrite a value": "同一个值写了两次",
    "Cannot declare": "重复声明了表",
    "Illegal character": "含有不允许的字符",
    "Invalid date or datetime": "日期或时间无效",
    "Invalid hex value": "十六进制值无效",
    "Unescaped '\\' in a string": "字符串中有未转义的 '\\'",
    "Expected ']' at the end of a table declaration": "表声明末尾应为 ']'",
    "Expected ']]' at the end of an array declaration": "数组表声明末尾应为 ']]'",
}


def toml_detail(text: str) -> str:
    """tomllib's ``Invalid value (at line 3, column 9)`` in Chinese:
    ``第 3 行第 9 列：值无效``; a wording not known: its place only."""
    m = _AT.match(text)
    if m:
        what, line, col = m.groups()
        said = next((zh for en, zh in TOML_ZH.items() if what.startswith(en)), "语法错误")
        return f"第 {line} 行第 {col} 列：{said}"
    m = _AT_END.match(text)
    if m:
        said = next((zh for en, zh in TOML_ZH.items() if m.group(1).startswith(en)), "语法错误")
        return f"文件末尾：{said}"
    return "语法错误" if re.search(r"[A-Za-z]{2}", text) else text
