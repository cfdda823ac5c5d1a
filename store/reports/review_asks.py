"""What a review pack asks the client to decide (change requests, proposed
decisions, sign-offs, re-confirmations, disputes), and the small words the
pack uses for people, times and moves."""
from __future__ import annotations

from store.reports.common import Ctx, as_date, d
from store.reports.rules import open_issue
from store.reports.summary_lines import (_impact, _status_change, signoff_stories,
                                         waiting_on_client)


def _join(ctx, xs) -> str:
    return ("、" if ctx.lang == "zh" else ", ").join(x for x in xs if x)


def _rag_word(ctx, colour) -> str:
    from store.reports.progress import _label
    return _label(ctx.lang, colour)


def _person(ctx, name) -> str:
    """``王磊（项目经理）`` / ``Bob Stone (Project manager)``."""
    name = " ".join(str(name or "").split())
    role = str((ctx.people().get(name) or {}).get("role") or "")
    if not role:
        return ctx.owner(name)
    from store.reports.common import noted
    return noted(ctx.lang, name, role)


def _meeting_time(ctx, m) -> str:
    when = d(as_date(m.data.get("date"))) or ctx.t("no_date")
    if m.data.get("start") or m.data.get("end"):
        when += f" {m.data.get('start') or '?'}–{m.data.get('end') or '?'}"
    return when


def _moved(events, kind, to) -> dict[str, str]:
    """id -> date of its (last) move into status ``to`` in ``events``."""
    out = {}
    for e in events:
        st = _status_change(e)
        if e["kind"] == kind and st and st[1] == to:
            out[e["id"]] = e["date"][:10]
    return out


def _decider(ctx, name) -> str:
    """The client person who decides: ``name`` when on the client's side,
    else the client's project lead as project.toml names them (the first
    client stakeholder whose role says project lead, else the first)."""
    name = " ".join(str(name or "").split())
    if name and ctx.side(name) == "client":
        return ctx.owner(name)
    client = [(n, str(s.get("role") or "")) for n, s in ctx.people().items()
              if s.get("side") == "client"]
    lead = next((n for n, r in client if "项目负责人" in r or "project lead" in r.lower()),
                client[0][0] if client else None)
    return ctx.owner(lead) if lead else ctx.tr("client project lead", "甲方项目负责人")


def decisions_requested(ctx: Ctx, answer_by: str) -> list[dict]:
    """What the client is asked to decide at the review: change requests
    awaiting the client, proposed decisions, sign-offs and re-confirmations
    awaiting the client, open disputes.  Each with its options and the
    vendor's recommendation when the records hold them."""
    tr = ctx.tr
    out: list[dict] = []
    seen_dec: set = set()
    for c in ctx.of("change"):
        if c.status != "proposed":
            continue
        dec = ctx.get(str(c.data.get("decision") or ""))
        options, rec = [], None
        if dec is not None and dec.kind.name == "decision":
            seen_dec.add(dec.id)
            options = [str(x) for x in dec.data.get("options") or [] if str(x).strip()]
            rec = str(dec.data.get("outcome") or "").strip() or None
        if not options:
            options = [tr("Approve, accepting the impact above", "批准，接受上述影响"),
                       tr("Reject: scope and plan stay as agreed", "不批准，范围与计划保持不变")]
        why = str(c.data.get("reason") or c.data.get("description") or "").strip()
        out.append({"id": c.id, "kind": "change", "what": "decide",
                    "title": tr("Decide the change request {t}", "决定变更申请：{t}",
                                t=ctx.ref(c)),
                    "background": why, "impact": _impact(ctx, c.id),
                    "options": options, "recommendation": rec,
                    "owner": _decider(ctx, c.data.get("requested_by")),
                    "answer_by": answer_by})
    for dcs in ctx.of("decision"):
        if dcs.status != "proposed" or dcs.id in seen_dec:
            continue
        who = [x for x in dcs.data.get("decided_by") or [] if ctx.side(x) == "client"]
        out.append({"id": dcs.id, "kind": "decision", "what": "decide",
                    "title": tr("Decide: {t}", "决定：{t}", t=ctx.ref(dcs)),
                    "background": str(dcs.data.get("context") or "").strip(),
                    "impact": None,
                    "options": [str(x) for x in dcs.data.get("options") or [] if str(x).strip()],
                    "recommendation": str(dcs.data.get("outcome") or "").strip() or None,
                    "owner": _join(ctx, [ctx.owner(x) for x in who]) or _decider(ctx, None),
                    "answer_by": answer_by})
    waiting = waiting_on_client(ctx)
    # what changed since each sign-off, in words (store.reports.narrative): one
    # read of the history for all of them, not one per record
    told = signoff_stories(ctx, [ctx.get(w["id"]) for w in waiting if w["what"] == "reconfirm"],
                           head="signed")
    for w in waiting:
        if w["what"] not in ("signoff", "reconfirm"):
            continue
        r = ctx.get(w["id"])
        if w["what"] == "signoff":
            title = tr("Sign off the requirement {t}", "确认需求：{t}", t=ctx.ref(r))
            bg = str(r.data.get("statement") or "").strip()
        else:
            title = tr("Re-confirm {t}, changed after it was signed off",
                       "重新确认签认后修改的内容：{t}", t=ctx.ref(r))
            bg = told[r.id]
        out.append({"id": r.id, "kind": r.kind.name, "what": w["what"], "title": title,
                    "background": bg, "impact": None,
                    "options": [tr("Confirm as written", "按现有内容确认"),
                                tr("Return with the changes wanted", "退回并说明修改意见")],
                    "recommendation": None,
                    "owner": _decider(ctx, w["owner"]), "answer_by": answer_by})
    for i in ctx.of("issue"):
        if i.data.get("type") != "dispute" or not open_issue(i):
            continue
        out.append({"id": i.id, "kind": "issue", "what": "dispute",
                    "title": tr("Settle the dispute {t}", "裁定争议：{t}", t=ctx.ref(i)),
                    "background": str(i.data.get("description") or "").strip(),
                    "impact": None,
                    "options": [str(x) for x in i.data.get("positions") or [] if str(x).strip()],
                    "recommendation": str(i.data.get("mitigation") or "").strip() or None,
                    "owner": _decider(ctx, i.data.get("escalated_to")),
                    "answer_by": answer_by})
    return out
