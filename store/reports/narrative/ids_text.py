"""Record ids inside free text (a risk's description, a commit's ``Why:``)
told with their titles, in the writer's own brackets or, inside a
sentence's brackets, without any of their own (never ``（…（…）…）``)."""
from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from store.reports.common import Ctx

_ID_IN_TEXT = re.compile(r"(?<![A-Za-z0-9-])([A-Z]{2,4}-\d+)(?![A-Za-z0-9-])")


_BRACKETED_ID = re.compile(r"([（(])\s*([A-Z]{2,4}-\d+)\s*([）)])")


def with_titles(ctx: Ctx, text: str, inside: bool = False) -> str:
    """Record ids in free text (a risk's description) with their titles:
    ``（FB-6）`` becomes ``（“标题”，FB-6）`` in the writer's own brackets, a
    bare id ``“标题”（FB-6）``.

    ``inside``: the text goes inside the sentence's own brackets (a
    ``Why:``), so it keeps none of its own: an id, bracketed or bare,
    becomes ``FB-6“标题”`` / ``FB-6 “title”``, and any other bracketed
    words a clause (``需调整（见附件）`` -> ``需调整，见附件``), as ``noted``
    does — never ``（…（…）…）``."""
    def title(rid):
        rec = ctx.get(rid)
        return rec.title if rec is not None and rec.title else None

    if inside:
        return _without_brackets(ctx, text, title)

    def in_brackets(m):
        t = title(m.group(2))
        if t is None:
            return m.group(0)
        comma = "，" if m.group(1) == "（" else ", "
        return f"{m.group(1)}“{t}”{comma}{m.group(2)}{m.group(3)}"

    def bare(m):
        t = title(m.group(1))
        if t is None:
            return m.group(0)
        if _open_brackets(m.string[:m.start()]):  # （已在 REQ-5 中）: no bracket in it
            return ctx.tr("{i} “{t}”", "{i}“{t}”", t=t, i=m.group(1))
        return ctx.tr("“{t}” ({i})", "“{t}”（{i}）", t=t, i=m.group(1))
    text = _BRACKETED_ID.sub(in_brackets, text)
    return _ID_IN_TEXT.sub(lambda m: m.group(0) if _titled(m) else bare(m), text)


def _open_brackets(text: str) -> int:
    """How many round brackets (either width) are open at the end of ``text``."""
    depth = 0
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)" and depth:
            depth -= 1
    return depth


_SPACED_BRACKETED_ID = re.compile(r"\s*[（(]\s*([A-Z]{2,4}-\d+)\s*[）)]")


def _without_brackets(ctx: Ctx, text: str, title) -> str:
    """``with_titles(inside=True)``: the ids as ``ID“title”``, other
    brackets as clauses."""
    from store.reports.common import _INNER
    refs: list[str] = []

    def keep(rid):  # set aside: a quoted title's own brackets stay as written
        t = title(rid)
        refs.append(rid if t is None else ctx.tr("{i} “{t}”", "{i}“{t}”", i=rid, t=t))
        return f"\0{len(refs) - 1}\0"

    def bracketed(m):
        before = m.string[:m.start()]
        lead = " " if before and before[-1] not in "，,；;：:、（(“\"" else ""
        return lead + keep(m.group(1))
    text = _SPACED_BRACKETED_ID.sub(bracketed, text)
    text = _ID_IN_TEXT.sub(lambda m: keep(m.group(1)), text)
    # the comma of the writer's own script: （…） -> ，  (…) -> ,
    text = _INNER.sub(lambda m: ("" if not m.start() else "，" if "（" in m.group(0)
                                 else ", ") + m.group(1), text)
    return re.sub("\0(\\d+)\0", lambda m: refs[int(m.group(1))], text).strip()


def _titled(m) -> bool:
    """The id already follows its title (``“标题”，FB-6）``, from ``in_brackets``)."""
    before = m.string[max(0, m.start() - 2):m.start()]
    return before in ("”，", "”,") or m.string[max(0, m.start() - 3):m.start()] == "”, "
