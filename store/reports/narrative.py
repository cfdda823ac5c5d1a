"""Field-level history events in words, Chinese and English.

One place turns what a commit did to a record into sentences a client
reads: the record's title first (its id trailing), each field by its label,
before and after in words (a long text: only the sentences that changed),
list items added and removed, statuses and choices as words, dates with the
days moved, and the commit's ``Why:`` in brackets.  The summary, ``accord
diff``, the review pack, the requirements document and the progress report
all speak through it, so a change reads the same everywhere.

A sentence is rich text: ``{"runs": [[text, mark], ...]}`` with ``mark``
``None``, ``"ins"`` (inserted words) or ``"del"`` (removed words); the
renderers (store.reports.render, .docx) mark those, ``plain`` gives the text.
Never a hash, an e-mail address, a fingerprint or a stored English value.
"""
from __future__ import annotations

import difflib
import re

from ..records import jsonable
from ..schema import (
    DATE,
    ID,
    IDS,
    INT,
    KINDS,
    LIST,
    LONGTEXT,
    NUMBER,
    PROJECT_FIELD,
    TABLES,
)
from .common import LEVEL_WORDS, VIA_WORDS, as_date, ref, status_word

LONG = 60  # a text longer than this (or of several sentences) is told sentence by sentence
_SENTENCE = re.compile(r"[^。！？!?\n]*(?:[。！？!?]+|\n|$)|[^\n]+")
_TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.DOTALL)
_ID_IN_TEXT = re.compile(r"(?<![A-Za-z0-9-])([A-Z]{2,4}-\d+)(?![A-Za-z0-9-])")
PRIORITY_WORDS = {"must": ("must have", "必须"), "should": ("should have", "应该"),
                  "could": ("could have", "可以"), "wont": ("won't have", "不做")}
SIDE_WORDS = {"client": ("client", "甲方"), "vendor": ("vendor", "乙方"),
              "third-party": ("third party", "第三方")}


# --- rich text -----------------------------------------------------------------

def rich(*runs) -> dict:
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


def plain(x) -> str:
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


def label(ctx, kind: str, name: str) -> str:
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


def value_word(ctx, kind: str, name: str, v) -> str:
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
    return s


def with_titles(ctx, text: str) -> str:
    """Record ids in free text (a ``Why:``) followed by their titles."""
    def sub(m):
        rec = ctx.get(m.group(1))
        if rec is None or not rec.title:
            return m.group(0)
        return ctx.tr("“{t}” ({i})", "“{t}”（{i}）", t=rec.title, i=m.group(1))
    return _ID_IN_TEXT.sub(sub, text)


def _q(ctx, s) -> str:
    return f"“{s}”"


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


def field_change(ctx, kind: str, name: str, a, b, lab: str | None = None) -> list[dict]:
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
        return [rich(ctx.tr("{l} set to {b}", "{l}定为 {b}", l=lab,
                            b=value_word(ctx, kind, name, b)))]
    if ftype in (INT, NUMBER) or isinstance(a, (int, float)) or isinstance(b, (int, float)):
        return [rich(ctx.tr("{l} changed from {a} to {b}", "{l}由 {a} 改为 {b}", l=lab,
                            a=value_word(ctx, kind, name, a), b=value_word(ctx, kind, name, b)))]
    if f is not None and (f.choices or ftype == ID):
        return [rich(ctx.tr("{l} changed from {a} to {b}", "{l}由“{a}”改为“{b}”", l=lab,
                            a=value_word(ctx, kind, name, a), b=value_word(ctx, kind, name, b)))]
    if ftype == LONGTEXT or isinstance(a, str) or isinstance(b, str):
        return _text_change(ctx, lab, a, b)
    return [rich(ctx.tr("{l} changed", "{l}已修改", l=lab))]


# --- one event ------------------------------------------------------------------

def author_name(author) -> str:
    """``王五 <wang@example.com>`` -> ``王五``."""
    return str(author or "").split(" <")[0].strip()


def title_of(ctx, e: dict) -> str:
    if e.get("id") == "project":
        return ctx.name
    rec = ctx.get(e["id"])
    return ref(ctx.lang, rec.title if rec else e.get("title") or "", e["id"])


def signoff_phrase(ctx, by, on, via) -> str:
    """``甲方张伟于 2026-11-05 通过邮件确认`` / ``confirmed by 张伟 (client) by
    email on 2026-11-05``."""
    who = ctx.owner(by) if by else ctx.tr("the client", "甲方")
    on = str(on or "")[:10]
    if via:
        from .common import via_word
        return ctx.tr("confirmed by {b} via {v} on {o}", "{b}于 {o} 通过{v}确认",
                      b=who, v=via_word(ctx, via), o=on)
    return ctx.tr("confirmed by {b} on {o}", "{b}于 {o} 确认", b=who, o=on)


def bracket(ctx, parts: list[str]) -> str:
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return ctx.tr(" ({p})", "（{p}）", p=ctx.tr("; ", "；").join(parts))


def why_text(ctx, why) -> str:
    w = " ".join(str(why or "").split())
    return with_titles(ctx, w) if w else ""


def changes(ctx, kind: str, fields: dict, only=None) -> list[dict]:
    """The sentences of a ``{name: [before, after]}`` map (``only``: the
    field names, or their heads, to tell; others are left out)."""
    out = []
    for name, (a, b) in fields.items():
        if only is not None and name not in only and name.split(".")[0] not in only:
            continue
        if name.startswith("confirmation."):
            continue
        out.extend(field_change(ctx, kind, name, a, b))
    return out


def compose(ctx, head: str, body: list, tail=()) -> dict:
    """``{head}：{sentence}；{sentence}（{tail}；{tail}）`` as one sentence."""
    return rich(head, ctx.tr(": ", "："), *_join(body, ctx.tr("; ", "；")),
                bracket(ctx, list(tail)))


def event_sentence(ctx, e: dict, *, who: bool = False, when: bool = True,
                   extra: list[str] = ()) -> dict:
    """One sentence for one event: ``{title}：{changes}（{why}；{date}）``."""
    head = title_of(ctx, e)
    act = e.get("action")
    kind = e.get("kind") or ""
    if act == "create":
        body = [rich(ctx.tr("created", "新建"))]
    elif act == "delete":
        body = [rich(ctx.tr("deleted", "删除"))]
    elif act == "renumber" and "id" in e.get("fields", {}):
        a, b = e["fields"]["id"]
        body = [rich(ctx.tr("renumbered from {a} to {b}", "编号由 {a} 改为 {b}", a=a, b=b))]
    elif act == "confirm":
        f = e.get("fields") or {}
        rec = ctx.get(e["id"])
        conf = (rec.data.get("confirmation") if rec else None) or {}

        def val(n):
            v = (f.get(f"confirmation.{n}") or [None, None])[1]
            return v if v not in (None, "") else conf.get(n)
        body = [rich(signoff_phrase(ctx, val("by"), val("on") or e.get("date", "")[:10],
                                    val("via")))]
    else:
        body = changes(ctx, kind, e.get("fields") or {})
        if not body:
            body = [rich(ctx.tr("edited", "已修改"))]
    tail = [why_text(ctx, e.get("why"))]
    if who:
        tail.append(author_name(e.get("author")))
    if when:
        tail.append(str(e.get("date") or "")[:10])
    tail.extend(extra)
    return compose(ctx, head, body, tail)


# --- what changed since the client signed ---------------------------------------

def since_signoff(ctx, rec, events: list[dict], head: bool | str = True) -> dict:
    """What changed in ``rec``'s agreed fields after the client's last
    sign-off, from its events (store.history.record_events, oldest first):
    the signed value against today's, with the commits' reasons and who must
    confirm again.  ``head=False``: without the title and the sign-off (a
    table row that has them in its own columns); ``"signed"``: without the
    title (an item already titled)."""
    last = max((i for i, e in enumerate(events) if e["action"] == "confirm"), default=-1)
    agreed = rec.kind.agreed
    first: dict[str, object] = {}
    whys: list[str] = []
    for e in events[last + 1:]:
        hit = False
        for name, (a, _b) in (e.get("fields") or {}).items():
            if name.split(".")[0] in agreed:
                first.setdefault(name, a)
                hit = True
        w = why_text(ctx, e.get("why"))
        if hit and w and w not in whys:
            whys.append(w)
    flat = {}
    for name, was in first.items():
        v: object = rec.data
        for part in name.split("."):
            v = v.get(part) if isinstance(v, dict) else None
        flat[name] = [was, jsonable(v)]
    conf = rec.data.get("confirmation") or {}
    body = changes(ctx, rec.kind.name, flat)
    if not body:
        body = [rich(ctx.tr("agreed fields changed", "签认内容已修改"))]
    by = conf.get("by")
    pending = ctx.tr("needs re-confirmation by {b}", "待{b}重新确认",
                     b=by or ctx.tr("the client", "甲方"))
    if not head:
        return rich(*_join(body, ctx.tr("; ", "；")), bracket(ctx, [*whys, pending]))
    signed = signoff_phrase(ctx, by, conf.get("on"), conf.get("via"))
    head = ctx.tr("Changed after sign-off (the version {s}): ", "签认后修改（{s}的版本）：",
                  s=signed) if head == "signed" else ctx.tr(
        "{t}: changed after sign-off (the version {s}): ", "{t}：签认后修改（{s}的版本）：",
        t=ctx.ref(rec), s=signed)
    return rich(head, *_join(body, ctx.tr("; ", "；")), bracket(ctx, [*whys, pending]))



def scope_changes(ctx, events: list[dict]) -> list[dict]:
    """The period's changes to what the client agreed (the agreed fields of
    signed requirements and change requests), one sentence per event,
    oldest first; a record whose sign-off went stale says who must confirm
    again."""
    out = []
    for e in events:
        k = KINDS.get(e.get("kind") or "")
        if not k or not k.agreed or e.get("action") not in ("edit", "move"):
            continue
        rec = ctx.get(e["id"])
        if rec is None or rec.signoff == "none":
            continue  # never signed: not (yet) agreed scope
        body = changes(ctx, k.name, e.get("fields") or {}, only=k.agreed)
        if not body:
            continue
        tail = [why_text(ctx, e.get("why")), str(e.get("date") or "")[:10]]
        if rec.signoff == "stale":
            by = (rec.data.get("confirmation") or {}).get("by")
            tail.append(ctx.tr("needs re-confirmation by {b}", "待{b}重新确认",
                               b=by or ctx.tr("the client", "甲方")))
        out.append(compose(ctx, title_of(ctx, e), body, tail))
    return out
