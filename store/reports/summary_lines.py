"""The summary's words for events and records: field labels, status changes,
sign-offs as given, what changed since sign-off, dropped and decided items,
and what waits on the client (the review pack and the requirements
document say them the same way)."""
from __future__ import annotations

import functools

from store.model.schema import KINDS
from store.reports.common import Ctx, as_date, d, days, money, status_word
from store.reports.narrative import (author_name, compose, event_sentence,
                                     signed_histories, signoff_phrase, since_signoff,
                                     why_text)

DROP_STATUSES = ("rejected", "withdrawn")


@functools.lru_cache(maxsize=4096)
def field_label(kind_name: str, name: str, lang: str) -> str:
    k = KINDS.get(kind_name)
    if name == "id":
        return "编号" if lang == "zh" else "id"
    if k is None:
        from store.model.schema import PROJECT_FIELD
        f = PROJECT_FIELD.get(name.split(".")[0])
        return f.label(lang) if f else name
    f = k.field(name)
    if f is None:
        return name
    head = name.split(".")[0]
    if "." in name:
        top = k.field(head)
        return f"{top.label(lang)}·{f.label(lang)}" if top else f.label(lang)
    return f.label(lang)


def _signoff(ctx: Ctx, r) -> str:
    """``r.signoff``, worked out once per record for this report (each is a
    hash of the agreed fields)."""
    memo = ctx.__dict__.setdefault("_signoff", {})
    v = memo.get(r.id)
    if v is None or v[0] is not r:
        v = memo[r.id] = (r, r.signoff)
    return v[1]


def _fields_text(e: dict, lang: str) -> str:
    names = list(dict.fromkeys(  # rows of one table (cadence.0, .1, ...) once
        field_label(e["kind"], n, lang) for n in e["fields"]
        if not n.startswith("confirmation.fingerprint")))
    return "、".join(names) if lang == "zh" else ", ".join(names)


ACTION_WORDS = {"create": ("created", "新建"), "edit": ("edited", "修改"),
                "move": ("status moved", "状态变更"), "confirm": ("signed off", "甲方确认"),
                "delete": ("deleted", "删除"), "renumber": ("renumbered", "重新编号")}


def action_word(lang: str, action: str) -> str:
    en, zh = ACTION_WORDS.get(action, (action, action))
    return zh if lang == "zh" else en


def _status_change(e):
    st = e["fields"].get("status")
    return st if st and st[0] != st[1] else None


def _stale(ctx: Ctx) -> list:
    """Requirements and change requests changed since the client signed."""
    return [r for r in ctx.of("requirement") + ctx.of("change")
            if _signoff(ctx, r) == "stale" and r.status not in DROP_STATUSES]


def _title_of(ctx, e) -> str:
    rec = ctx.get(e["id"])
    title = rec.title if rec else e.get("title") or ""
    from store.reports.common import ref
    return ref(ctx.lang, title, e["id"])


def _changed_line(ctx, e) -> dict:
    """One change in words (store.reports.narrative), with who and when."""
    return event_sentence(ctx, e, who=True)


def signoff_stories(ctx: Ctx, recs, head: bool | str = False, confirms=None) -> dict:
    """{id: what changed in the agreed fields since the client signed, in
    words} for records whose sign-off went stale (one history read for all:
    narrative.signed_histories)."""
    told = signed_histories(ctx, recs, confirms)
    return {r.id: since_signoff(ctx, r, told.get(r.id, []), head=head) for r in recs}


def _confirm_line(ctx, e, given: dict) -> dict:
    """A sign-off in words (narrative), with the values this very sign-off
    left (a later one may have changed them) and the commit's reason."""
    rec = ctx.get(e["id"])
    now = (rec.data.get("confirmation") if rec else None) or {}
    conf = given.get((e["commit"], e["id"]), {})

    def val(name):
        v = conf.get(name)
        return v if v not in (None, "") else now.get(name)
    on = d(val("on")) or e["date"][:10]
    said = signoff_phrase(ctx, val("by"), on, val("via")) if val("by") else ctx.tr(
        "confirmed on {o} (no name recorded)", "{o} 确认（未记录确认人）", o=on)
    return compose(ctx, _title_of(ctx, e), [said], [why_text(ctx, e.get("why"))])


def _dropped_line(ctx, e) -> str:
    if e["action"] == "delete":
        return ctx.tr("{t} — file deleted by {a} on {d}", "{t}——{a} 于 {d} 删除",
                      t=_title_of(ctx, e), a=author_name(e["author"]), d=e["date"][:10])
    st = _status_change(e)
    return ctx.tr("{t} — {s} on {d}", "{t}——{d} {s}", t=_title_of(ctx, e),
                  s=status_word(ctx.lang, st[1], e["kind"]), d=e["date"][:10])


def _impact(ctx, rid) -> str:
    r = ctx.get(rid)
    if r is None:
        return ctx.tr("impact unknown (record deleted)", "影响未知（记录已删除）")
    imp = r.data.get("impact") or {}
    parts = []
    if imp.get("schedule_days") is not None:
        parts.append(ctx.tr("schedule {n}", "工期 {n}", n=days(ctx.lang, imp["schedule_days"])))
    if imp.get("cost") is not None:
        parts.append(ctx.tr("cost {n}", "费用 {n}", n=money(ctx.lang, imp["cost"])))
    if imp.get("scope"):
        parts.append(ctx.tr("scope: {s}", "范围：{s}", s=imp["scope"]))
    if not parts:
        return ctx.tr("impact not assessed yet", "影响尚未评估")
    return ("；" if ctx.lang == "zh" else "; ").join(parts)


def _decided_line(ctx, e) -> str:
    st = _status_change(e)
    word = {"approved": ctx.tr("approved", "批准"),
            "rejected": ctx.tr("rejected", "拒绝")}[st[1]]
    return ctx.tr("{t} — {w} on {d}; {i}", "{t}——{d} {w}；{i}", t=_title_of(ctx, e),
                  w=word, d=e["date"][:10], i=_impact(ctx, e["id"]))


def waiting_on_client(ctx: Ctx) -> list[dict]:
    """What the client must sign, decide or provide, each with an owner and
    a date (the item's own date when it has one)."""
    out = []
    for r in ctx.of("requirement"):
        if r.status == "proposed" and _signoff(ctx, r) != "current":
            out.append({"id": r.id, "what": "signoff", "owner":
                        str(r.data.get("client_contact") or ""),
                        "text": ctx.tr("Sign off requirement {t}", "确认需求：{t}",
                                       t=ctx.ref(r))})
    for r in ctx.of("requirement") + ctx.of("change"):
        if _signoff(ctx, r) == "stale" and r.status not in DROP_STATUSES:
            conf = r.data.get("confirmation") or {}
            out.append({"id": r.id, "what": "reconfirm", "owner": str(conf.get("by") or ""),
                        "text": ctx.tr("Re-confirm {t} (changed after {b} signed it)",
                                       "重新确认：{t}（{b} 签认后又有修改）",
                                       t=ctx.ref(r), b=conf.get("by") or "")})
    for c in ctx.of("change"):
        if c.status == "proposed":
            out.append({"id": c.id, "what": "decide", "owner": str(c.data.get("requested_by") or ""),
                        "text": ctx.tr("Decide change request {t}", "决定变更：{t}",
                                       t=ctx.ref(c))})
    for a in ctx.of("action"):
        if a.status == "open" and ctx.side(a.data.get("owner")) == "client":
            due = as_date(a.data.get("due"))
            out.append({"id": a.id, "what": "action", "owner": str(a.data.get("owner")),
                        "due": d(due),
                        "text": ctx.tr("{t} — {o}, due {d}", "{t}——{o}，{d} 前",
                                       t=ctx.ref(a), o=ctx.owner(a.data.get("owner")),
                                       d=d(due) or ctx.t("no_date"))})
    return out
