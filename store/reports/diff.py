"""``accord diff BASELINE`` as a document the client can read: what changed
since a baseline, in words (store.reports.narrative).  What the client
agreed to comes first (the agreed fields of signed requirements and change
requests), then the other changes record by record, then what was added
and removed, by kind.  No JSON, no stored values, no commit ids (those only
with ``evidence``, and in ``--format json``)."""
from __future__ import annotations

from store.model.schema import KINDS
from store.reports.common import Ctx, doc, h3, p, ref, section, table, ul
from store.reports.narrative import changes, compose, rich, value_word, why_text

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    Entry = dict[str, Any]  # one record of the diff: id, kind, change, fields, ...


def _head(ctx: Ctx, r: dict) -> str:
    return ctx.name if r["id"] == "project" else ref(ctx.lang, r["title"], r["id"])


def _agreed(r: dict) -> tuple[str, ...]:
    k = KINDS.get(r["kind"])
    return k.agreed if k else ()


def _was_signed(r: dict) -> bool:
    """Signed at the baseline, or signed now (and so agreed at some point)."""
    if r["signoff"] in ("stale", "current"):
        return True
    by = r["fields"].get("confirmation.by")
    return bool(by and by[0])


def split(diff: dict[str, Any]) -> tuple[list[Entry], list[Entry], list[Entry], list[Entry]]:
    """(agreed changes, other changes, added, removed): each a list of the
    diff's record entries; an agreed change's record also appears in the
    other changes when its other fields changed too."""
    agreed, other, added, removed = [], [], [], []
    for r in diff["records"]:
        if r["change"] == "added":
            added.append(r)
        elif r["change"] == "removed":
            removed.append(r)
        else:
            heads = {n.split(".")[0] for n in r["fields"]}
            if _agreed(r) and _was_signed(r) and heads & set(_agreed(r)):
                agreed.append(r)
            if heads - set(_agreed(r) if _was_signed(r) else ()) - {"confirmation"}:
                other.append(r)
    return agreed, other, added, removed


def _by_kind(ctx: Ctx, entries: list, line) -> list:
    blocks = []
    kinds: dict[str, list] = {}
    for r in entries:
        kinds.setdefault(r["kind"], []).append(r)
    for kind, rs in kinds.items():
        k = KINDS.get(kind)
        name = k.label(ctx.lang) if k else ctx.tr("Project", "项目")
        blocks += [h3(ctx.tr("{k} ({n})", "{k}（{n} 条）", k=name, n=len(rs))),
                   ul([line(r) for r in rs])]
    return blocks


def _baseline_time(ctx: Ctx, commit: str):
    import datetime as dt
    try:
        return dt.datetime.fromisoformat(ctx.ws.git.commit_date(commit))
    except ValueError:
        return None


def _whys(ctx: Ctx, r: dict, since) -> list[str]:
    """The reasons (``Why:``) of the commits since the baseline that changed
    the record's agreed fields."""
    import datetime as dt

    from store.history import record_events
    if since is None or r["id"] == "project":
        return []
    out = []
    for e in record_events(ctx.ws, ctx.project, r["id"]):
        if dt.datetime.fromisoformat(e["date"]) <= since:
            continue
        if not any(n.split(".")[0] in _agreed(r) for n in e["fields"]):
            continue
        w = why_text(ctx, e.get("why"))
        if w and w not in out:
            out.append(w)
    return out


def build(ctx: Ctx, diff: dict[str, Any], evidence: bool = False) -> dict[str, Any]:
    """The document of ``diff`` (``history.baseline_diff``: a baseline
    against now); ``evidence`` adds the baseline's commit."""
    tr = ctx.tr
    agreed, other, added, removed = split(diff)
    changed = sum(1 for r in diff["records"] if r["change"] == "changed")
    sections = [section("overview", tr("Overview", "概要"), p(tr(
        "Since baseline {b}: {a} added, {m} changed, {r} removed; what the client signed "
        "changed in {g}.",
        "自基线 {b} 以来：新增 {a} 条，修改 {m} 条，删除 {r} 条；其中甲方已签认的内容有 {g} 条发生变化。",
        b=diff["baseline"], a=len(added), m=changed, r=len(removed), g=len(agreed))))]

    items = []
    since = _baseline_time(ctx, diff["commit"])
    agreed.sort(key=lambda r: r["signoff"] != "stale")  # awaiting the client first
    for r in agreed:
        body = changes(ctx, r["kind"], r["fields"], only=_agreed(r))
        rec = ctx.get(r["id"])
        by = r["fields"].get("confirmation.by", [None, None])
        who = by[1] or by[0] or str(((rec.data.get("confirmation") if rec else None)
                                     or {}).get("by") or "")
        if r["signoff"] == "stale":
            tail = [tr("needs re-confirmation by {b}", "待{b}重新确认",
                       b=who or tr("the client", "甲方"))]
        elif r["signoff"] == "current":
            tail = [tr("confirmed again by {b}", "{b}已重新确认", b=who or tr("the client", "甲方"))]
        else:
            tail = [tr("sign-off withdrawn", "签认已撤销")]
        tail = _whys(ctx, r, since) + tail
        items.append(compose(ctx, _head(ctx, r), body, tail))
    sections.append(section(
        "agreed", tr("What the client agreed to that changed", "甲方已签认内容的变化"),
        ul(items, empty=tr("Nothing the client signed has changed.", "甲方签认的内容没有变化。"))))

    lines = []
    for r in other:
        skip = set(_agreed(r)) if r in agreed else set()
        fields = {n: v for n, v in r["fields"].items() if n.split(".")[0] not in skip}
        body = changes(ctx, r["kind"], fields)
        if body:
            lines.append(compose(ctx, _head(ctx, r), body))
        if r.get("problem"):
            lines.append(rich(_head(ctx, r), tr(": ", "："), r["problem"]))
    sections.append(section("changed", tr("Other changes, record by record", "其他修改（按记录）"),
                            ul(lines, empty=tr("None.", "无。"))))

    def added_line(r):
        st = r["fields"].get("status", [None, None])[1]
        text = _head(ctx, r)
        return text + (tr(" — {s}", "——{s}", s=value_word(ctx, r["kind"], "status", st))
                       if st else "")
    sections.append(section("added", tr("Added", "新增"),
                            *(_by_kind(ctx, added, added_line) or [p(tr("None.", "无。"))])))
    sections.append(section("removed", tr("Removed", "删除"),
                            *(_by_kind(ctx, removed, lambda r: _head(ctx, r))
                              or [p(tr("None.", "无。"))])))
    if evidence:
        sections.append(section("evidence", tr("Evidence", "依据"), table(
            [tr("Baseline", "基线"), tr("Commit", "提交")],
            [[diff["baseline"], diff["commit"]]])))
    t = tr("Changes since baseline {b} — {n}", "{n}：基线 {b} 以来的变化",
           b=diff["baseline"], n=ctx.name)
    header = [[ctx.t("project"), ctx.name], [ctx.t("client_name"), ctx.client],
              [tr("Baseline", "基线"), diff["baseline"]]]
    return doc("diff", ctx, t, header, sections, **diff)
