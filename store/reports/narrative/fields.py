"""One field's change in words: labels, values as words (statuses,
choices, ids with titles), texts before/after with the changed words marked,
list items added/removed/reworded, dates with the days moved.  The rich-text
sentence shape (``{"runs": [[text, mark], ...]}``) lives here too."""
from __future__ import annotations

import difflib
import re

from store.model.schema import (DATE, ID, IDS, INT, KINDS, LIST, LONGTEXT, NUMBER,
                                PROJECT_FIELD, TABLES)
from store.reports.common import LEVEL_WORDS, VIA_WORDS, as_date, status_word

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from store.reports.common import Ctx

    Sentence = dict[str, Any]  # {"runs": [[text, None | "ins" | "del"], ...]}

LONG = 60  # a text longer than this (or of several sentences) is told sentence by sentence
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+|\n|$)|[^\n]+")
_TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)
PRIORITY_WORDS = {"must": ("must have", "必须"), "should": ("should have", "应该"),
                  "could": ("could have", "可以"), "wont": ("won't have", "不做")}
SIDE_WORDS = {"client": ("client", "甲方"), "vendor": ("vendor", "乙方"),
              "third-party": ("third party", "第三方")}


# --- rich text -----------------------------------------------------------------

def rich(*runs: str | Sequence[str | None]) -> Sentence:
    """A sentence from runs: plain strings or (text, mark) pairs."""
    out: list[list] = []
    for r in runs:
        text, mark = (r, None) if isinstance(r, str) else (r[0], r[1])
        if not text:
            continue
        if out and out[-1][1] == mark:
            out[-1][0] += text
        else:
            out.append([text, mark])
    return {"runs": out}


def plain(x: Sentence | str | None) -> str:
    """The text of a sentence (a plain string passes through)."""
    if isinstance(x, dict) and "runs" in x:
        return "".join(t for t, _ in x["runs"])
    return "" if x is None else str(x)


def _join(parts: list, sep: str) -> list:
    out: list = []
    for i, p in enumerate(parts):
        if i:
            out.append(sep)
        out.extend(p["runs"] if isinstance(p, dict) else [p])
    return out


# --- values in words -----------------------------------------------------------

def _field(kind: str, name: str):
    if kind == "project":
        head, _, rest = name.partition(".")
        f = PROJECT_FIELD.get(head)
        return f.sub(rest) if (f and rest) else f
    k = KINDS.get(kind)
    return k.field(name) if k else None


def label(ctx: Ctx, kind: str, name: str) -> str:
    """A field's label in the document's language (``影响·费用影响`` for a
    field inside a table)."""
    if name == "id":
        return ctx.tr("id", "编号")
    f = _field(kind, name)
    if f is None:
        return name
    head = name.split(".")[0]
    if "." in name:
        top = _field(kind, head)
        if top:
            return f"{top.label(ctx.lang)}·{f.label(ctx.lang)}"
    return f.label(ctx.lang)


def value_word(ctx: Ctx, kind: str, name: str, v: Any) -> str:
    """A stored value as the client reads it: statuses, priorities, levels,
    channels and sides as words, ids with their titles, dates as dates."""
    if v is None or v == "" or v == []:
        return "—"
    if isinstance(v, bool):
        return ctx.tr("yes", "是") if v else ctx.tr("no", "否")
    s = str(v)
    last = name.split(".")[-1]
    if last == "status":
        return status_word(ctx.lang, s, kind)
    for words in (PRIORITY_WORDS, LEVEL_WORDS, SIDE_WORDS, VIA_WORDS):
        if s in words and last in ("priority", "impact", "probability", "severity", "side",
                                   "via", "level"):
            en, zh = words[s]
            return zh if ctx.lang == "zh" else en
    f = _field(kind, name)
    if f is not None and f.type in (ID, IDS) and ctx.get(s) is not None:
        return ctx.ref(s)
    if f is not None and s in f.choices:  # any other choice: a word, never the stored value
        if s in CHOICE_ZH or s in VIA_WORDS:
            zh = CHOICE_ZH.get(s) or VIA_WORDS[s][1]
            return zh if ctx.lang == "zh" else s.replace("-", " ")
        return s.replace("-", " ")
    return s


# Chinese words of the other choice values (types, sources, channels).  The
# app's words are in tui/i18n.VALUES, which store/ cannot import; when the
# schema owns one vocabulary, value_word should read that instead.
CHOICE_ZH = {
    "acceptance": "验收", "ad-hoc": "临时", "bug": "缺陷", "complaint": "投诉",
    "dispute": "分歧", "issue": "问题", "kickoff": "启动", "progress": "进度",
    "question": "咨询", "retrospective": "回顾", "review": "评审", "risk": "风险",
    "stage-review": "阶段评审", "suggestion": "建议", "praise": "表扬", "weekly": "每周",
    "monthly": "每月", "stage": "阶段", "final": "最终", "minutes": "纪要",
    "requirements": "需求", "change": "变更", "document": "文档", "feedback": "反馈",
    "focus-group": "焦点小组", "interview": "访谈", "survey": "问卷", "workshop": "研讨会",
    "hotline": "热线", "issue-tracker": "问题跟踪系统", "review-meeting": "评审会",
    "support": "支持渠道", "manual": "手册", "pass": "通过", "fail": "不通过",
    "conditional": "有条件通过", "planning": "规划中", "active": "进行中",
    "maintenance": "维护中", "closed": "已关闭",
}


# --- one field ------------------------------------------------------------------

def _marked(a: str, b: str) -> tuple[list, list]:
    """Runs of ``a`` with removed words marked and of ``b`` with inserted
    words marked (characters for Chinese, words for English)."""
    ta, tb = _TOKEN.findall(a), _TOKEN.findall(b)
    old: list = []
    new: list = []
    sm = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            old.append("".join(ta[i1:i2]))
            new.append("".join(tb[j1:j2]))
        else:
            if i2 > i1:
                old.append(("".join(ta[i1:i2]), "del"))
            if j2 > j1:
                new.append(("".join(tb[j1:j2]), "ins"))
    return old, new


def _quoted(runs: list) -> list:
    return ["“", *runs, "”"]


def sentences_of(text: str) -> list[str]:
    """``text`` cut into sentences (Chinese or Western end marks, or lines)."""
    return [s.strip() for s in _SENTENCE.findall(text or "") if s.strip()]


def _text_change(ctx, lab: str, a, b) -> list[dict]:
    a = "" if a is None else str(a).strip()
    b = "" if b is None else str(b).strip()
    if not a:
        return [rich(ctx.tr("{l} set to ", "{l}填写为", l=lab), *_quoted([b]))]
    if not b:
        return [rich(ctx.tr("{l} cleared (was ", "{l}已清空（原为", l=lab), *_quoted([a]),
                     ctx.tr(")", "）"))]
    sa, sb = sentences_of(a), sentences_of(b)
    if len(a) <= LONG and len(b) <= LONG and len(sa) <= 1 and len(sb) <= 1:
        old, new = _marked(a, b)
        return [rich(ctx.tr("{l} changed from ", "{l}修改：由", l=lab), *_quoted(old),
                     ctx.tr(" to ", "改为"), *_quoted(new))]
    out = []
    sm = difflib.SequenceMatcher(None, sa, sb, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        pairs = list(zip(range(i1, i2), range(j1, j2))) if op == "replace" else []
        for i, j in pairs:
            old, new = _marked(sa[i], sb[j])
            out.append(rich(ctx.tr("{l}, sentence {n} now reads: ", "{l}第 {n} 句改为：",
                                   l=lab, n=j + 1), *_quoted(new),
                            ctx.tr(" (was: ", "（原："), *_quoted(old), ctx.tr(")", "）")))
        added = "".join(sb[j1 + len(pairs):j2])
        removed = "".join(sa[i1 + len(pairs):i2])
        if added:
            out.append(rich(ctx.tr("{l}: added ", "{l}新增：", l=lab), *_quoted([(added, "ins")])))
        if removed:
            out.append(rich(ctx.tr("{l}: removed ", "{l}删除：", l=lab),
                            *_quoted([(removed, "del")])))
    return out or [rich(ctx.tr("{l}: line breaks changed", "{l}调整了分行", l=lab))]


def _items(ctx, kind, name, v) -> list[str]:
    if not isinstance(v, list):
        return [] if v in (None, "") else [str(v)]
    return [value_word(ctx, kind, name, x) if not isinstance(x, dict) else str(x) for x in v]


def _list_change(ctx, kind, name, lab, a, b) -> list[dict]:
    """Items added and removed; an item reworded (most of it kept) as
    ``第 n 项改为`` with the words marked."""
    ia, ib = _items(ctx, kind, name, a), _items(ctx, kind, name, b)
    f = _field(kind, name)
    ids = f is not None and f.type == IDS
    sep = ctx.tr(", ", "、")
    added, removed, reworded = [], [], []
    sm = difflib.SequenceMatcher(None, ia, ib, autojunk=False)
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            continue
        olds, news = ia[i1:i2], ib[j1:j2]
        if op == "replace" and not ids:
            for k, (x, y) in enumerate(zip(olds, news)):
                if x not in ib and y not in ia and \
                        difflib.SequenceMatcher(None, x, y, autojunk=False).ratio() >= 0.5:
                    reworded.append((j1 + k, x, y))
            done = {(x, y) for _, x, y in reworded}
            olds = [x for x in olds if not any(x == d[0] for d in done)]
            news = [y for y in news if not any(y == d[1] for d in done)]
        added += [y for y in news if y not in ia]
        removed += [x for x in olds if x not in ib]
    out = []
    for j, x, y in reworded:
        old, new = _marked(x, y)
        out.append(rich(ctx.tr("{l}, item {n} now reads: ", "{l}第 {n} 项改为：", l=lab, n=j + 1),
                        *_quoted(new), ctx.tr(" (was: ", "（原："), *_quoted(old),
                        ctx.tr(")", "）")))
    parts = []
    if added:
        parts.append([ctx.tr("added ", "新增：")] + _join(
            [rich(x) if ids else rich("“", (x, "ins"), "”") for x in added], sep))
    if removed:
        parts.append([ctx.tr("removed ", "删除：")] + _join(
            [rich(x) if ids else rich("“", (x, "del"), "”") for x in removed], sep))
    if parts:
        runs = [ctx.tr("{l}: ", "{l}", l=lab)]
        for i, part in enumerate(parts):
            runs += ([ctx.tr("; ", "；")] if i else []) + part
        out.append(rich(*runs))
    if not out and ia != ib:
        out.append(rich(ctx.tr("{l}: order changed", "{l}调整了顺序", l=lab)))
    return out


def _row_key(row: dict) -> str:
    for k in ("name", "period", "what"):
        if row.get(k):
            return str(row[k])
    return str(next(iter(row.values()), ""))


def _tables_change(ctx, kind, name, lab, a, b) -> list[dict]:
    ra = {_row_key(r): r for r in a or [] if isinstance(r, dict)}
    rb = {_row_key(r): r for r in b or [] if isinstance(r, dict)}
    out = []
    for key, row in rb.items():
        if key not in ra:
            out.append(rich(ctx.tr("{l}: added ", "{l}新增：", l=lab), f"“{key}”"))
            continue
        old = ra[key]
        for sub in dict.fromkeys([*old, *row]):
            if old.get(sub) != row.get(sub):
                inner = field_change(ctx, kind, f"{name}.{sub}", old.get(sub), row.get(sub),
                                     lab=label(ctx, kind, f"{name}.{sub}").split("·")[-1])
                for s in inner:
                    out.append(rich(ctx.tr("{l} “{k}”: ", "{l}“{k}”", l=lab, k=key), *s["runs"]))
    for key in ra:
        if key not in rb:
            out.append(rich(ctx.tr("{l}: removed ", "{l}删除：", l=lab), f"“{key}”"))
    return out


def _days(a, b) -> int | None:
    da, db = as_date(a), as_date(b)
    return (db - da).days if (da and db) else None


def field_change(ctx: Ctx, kind: str, name: str, a: Any, b: Any,
                 lab: str | None = None) -> list[Sentence]:
    """The sentences (without the record's title) for one field going from
    ``a`` to ``b``; none for a fingerprint."""
    if name.endswith("fingerprint") or a == b:
        return []
    f = _field(kind, name)
    lab = lab or label(ctx, kind, name)
    ftype = f.type if f is not None else None
    if name == "status" or name.endswith(".status"):
        return [rich(ctx.tr("moved from {a} to {b}", "状态由“{a}”转为“{b}”",
                            a=value_word(ctx, kind, name, a), b=value_word(ctx, kind, name, b)))]
    if ftype == TABLES or (isinstance(a, list) and a and isinstance(a[0], dict)) \
            or (isinstance(b, list) and b and isinstance(b[0], dict)):
        return _tables_change(ctx, kind, name, lab, a, b)
    if ftype in (LIST, IDS) or isinstance(a, list) or isinstance(b, list):
        return _list_change(ctx, kind, name, lab, a, b)
    if ftype == DATE or (as_date(a) and as_date(b) and len(str(a)) == 10):
        if a in (None, ""):
            return [rich(ctx.tr("{l} set to {b}", "{l}定为 {b}", l=lab, b=str(b)[:10]))]
        if b in (None, ""):
            return [rich(ctx.tr("{l} cleared (was {a})", "{l}已清空（原为 {a}）",
                                l=lab, a=str(a)[:10]))]
        n = _days(a, b)
        moved = "" if not n else ctx.tr(
            " ({n} calendar days {w})", "（{w} {n} 个日历日）", n=abs(n),
            w=ctx.tr("later", "推迟") if n > 0 else ctx.tr("earlier", "提前"))
        return [rich(ctx.tr("{l} moved from {a} to {b}", "{l}由 {a} 改为 {b}",
                            l=lab, a=str(a)[:10], b=str(b)[:10]) + moved)]
    if a in (None, "") and b not in (None, "") and ftype not in (None, "text", LONGTEXT):
        number = ftype in (INT, NUMBER)
        return [rich(ctx.tr("{l} set to {b}", "{l}定为 {b}" if number else "{l}定为“{b}”",
                            l=lab, b=value_word(ctx, kind, name, b)))]
    if ftype in (INT, NUMBER) or isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return [rich(ctx.tr("{l} changed from {a} to {b}", "{l}由 {a} 改为 {b}", l=lab,
                            a=value_word(ctx, kind, name, a), b=value_word(ctx, kind, name, b)))]
    if f is not None and (f.choices or ftype == ID):
        return [rich(ctx.tr("{l} changed from {a} to {b}", "{l}由“{a}”改为“{b}”", l=lab,
                            a=value_word(ctx, kind, name, a), b=value_word(ctx, kind, name, b)))]
    if ftype == LONGTEXT or isinstance(a, str) or isinstance(b, str):
        return _text_change(ctx, lab, a, b)
    return [rich(ctx.tr("{l} changed", "{l}已修改", l=lab))]
