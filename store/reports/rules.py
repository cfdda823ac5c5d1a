"""The written rules every report applies: milestones and their slip, open
and high risks, overdue answers either way, and the proposed red/amber/green
status with its one-sentence reason."""
from __future__ import annotations

from store.model.records import Record
from store.reports.common import Ctx, as_date, d, days, t, tr


def approved_change(ctx: Ctx, cr_id) -> bool:
    rec = ctx.get(str(cr_id or ""))
    return bool(rec and rec.kind.name == "change"
                and rec.status in ("approved", "implemented"))


def milestones(ctx: Ctx) -> list[dict]:
    """Each milestone of project.toml with its slip worked out:
    ``slip`` days (actual/forecast against baseline), ``state`` one of
    done, done-late, on-track, slipped (forecast later), missed (baseline
    passed, not done), and whether an approved change covers it."""
    out = []
    for m in ctx.pdata.get("milestones") or []:
        if not isinstance(m, dict):
            continue
        base = as_date(m.get("baseline"))
        fc = as_date(m.get("forecast"))
        done = as_date(m.get("done_on"))
        if done:
            slip = (done - base).days if base else 0
            state = "done-late" if slip > 0 else "done"
        elif base and ctx.today > base:
            state = "missed"
            slip = max((fc - base).days if fc else 0, (ctx.today - base).days)
        elif base and fc and fc > base:
            state = "slipped"
            slip = (fc - base).days
        else:
            state = "on-track"
            slip = (fc - base).days if (fc and base) else 0
        covered = approved_change(ctx, m.get("change"))
        out.append({"name": str(m.get("name") or ""), "baseline": d(base),
                    "forecast": d(fc), "done_on": d(done), "slip_days": slip,
                    "state": state, "change": m.get("change") or None,
                    "change_approved": covered,
                    "note": str(m.get("note") or "")})
    return out


RAG_ORDER = {"green": 0, "amber": 1, "red": 2}


def worst(*colours) -> str:
    return max(colours, key=lambda c: RAG_ORDER[c]) if colours else "green"


def open_issue(rec: Record) -> bool:
    return rec.status in ("open", "mitigating", "occurred")


def high(rec: Record) -> bool:
    return rec.data.get("impact") == "high" or (
        rec.data.get("probability") == "high" and rec.data.get("impact") == "medium")


def is_client(ctx: Ctx, name) -> bool:
    return ctx.side(name) == "client"


def overdue_client_actions(ctx: Ctx) -> list[Record]:
    return [a for a in ctx.of("action")
            if a.status == "open" and is_client(ctx, a.data.get("owner"))
            and as_date(a.data.get("due")) and as_date(a.data.get("due")) < ctx.today]


def overdue_replies(ctx: Ctx) -> list[Record]:
    out = []
    for f in ctx.of("feedback"):
        due = as_date(f.data.get("reply_due"))
        if due and due < ctx.today and not f.data.get("replied_on") \
                and f.status in ("received", "acknowledged", "in-progress"):
            out.append(f)
    return out


def rag(ctx: Ctx) -> dict:
    """The proposed status from the written rules, per dimension, each with
    its one-sentence reason:

    * schedule: a milestone past its baseline and not done, without an
      approved change: red; a forecast later than the baseline without an
      approved change: amber (never green);
    * scope: sign-offs that went stale or change requests awaiting the
      client: amber;
    * risk: an open high risk/issue or an open dispute: amber;
    * client: an overdue answer from the client (their action past due) or
      an overdue reply of ours: amber.
    """
    lang = ctx.lang
    dims = {}
    ms = milestones(ctx)
    missed = [m for m in ms if m["state"] == "missed" and not m["change_approved"]]
    slipped = [m for m in ms if m["state"] in ("slipped", "done-late")
               and not m["change_approved"]]
    if missed:
        m = missed[0]
        dims["schedule"] = ("red", tr(
            lang, "Milestone \"{n}\" passed its baseline date {b} without being "
                  "done, and no approved change covers it.",
            "里程碑“{n}”已过基线日期 {b} 仍未完成，且没有批准的变更。",
            n=m["name"], b=m["baseline"]))
    elif slipped:
        m = slipped[0]
        dims["schedule"] = ("amber", tr(
            lang, "Milestone \"{n}\" is {s} later than its baseline {b} "
                  "without an approved change.",
            "里程碑“{n}”比基线 {b} 推迟 {s}，尚无批准的变更。",
            n=m["name"], b=m["baseline"], s=days(lang, m["slip_days"])))
    else:
        dims["schedule"] = ("green", tr(lang, "Milestones are on their agreed dates.",
                                        "各里程碑按约定日期推进。"))
    stale = [r for r in ctx.of("requirement") + ctx.of("change")
             if r.signoff == "stale" and r.status not in ("rejected", "withdrawn")]
    pending_cr = [c for c in ctx.of("change") if c.status == "proposed"]
    if stale:
        dims["scope"] = ("amber", tr(
            lang, "Signed-off items changed since sign-off, awaiting the client's "
                  "re-confirmation: {n}.",
            "{n} 项已签认内容在签认后被修改，需甲方重新确认。", n=len(stale)))
    elif pending_cr:
        dims["scope"] = ("amber", tr(
            lang, "Change requests awaiting the client's decision: {n}.",
            "{n} 项变更等待甲方决定。", n=len(pending_cr)))
    else:
        dims["scope"] = ("green", tr(lang, "The agreed scope is unchanged.",
                                     "约定范围无未决变化。"))
    issues = [i for i in ctx.of("issue") if open_issue(i)]
    hi = [i for i in issues if high(i) and i.data.get("type") != "dispute"]
    disputes = [i for i in issues if i.data.get("type") == "dispute"]
    if hi:
        dims["risk"] = ("amber", tr(lang, "High risk open: {r}.", "存在高风险：{r}。",
                                    r=ctx.ref(hi[0])))
    elif disputes:
        dims["risk"] = ("amber", tr(lang, "Open dispute: {r}.", "存在未解决的争议：{r}。",
                                    r=ctx.ref(disputes[0])))
    else:
        dims["risk"] = ("green", tr(lang, "No open high risk.", "无未关闭的高风险。"))
    late_client = overdue_client_actions(ctx)
    late_ours = ctx.once(overdue_replies)
    if late_client:
        a = late_client[0]
        dims["client"] = ("amber", tr(
            lang, "The client's answer on \"{t}\" was due {d}.",
            "甲方事项“{t}”已超过答复期限 {d}。", t=a.title, d=d(a.data.get("due"))))
    elif late_ours:
        dims["client"] = ("amber", tr(
            lang, "Overdue replies to the client's feedback: {n}.",
            "{n} 条客户反馈超期未答复。", n=len(late_ours)))
    else:
        dims["client"] = ("green", tr(lang, "No overdue answers either way.",
                                      "双方均无逾期未答复事项。"))
    order = ("schedule", "risk", "client", "scope")
    overall = worst(*(dims[k][0] for k in order))
    reason = next(dims[k][1] for k in order if dims[k][0] == overall)
    return {"overall": overall, "reason": reason,
            "dimensions": {k: {"rag": c, "reason": r} for k, (c, r) in dims.items()}}


def rag_label(lang: str, colour: str) -> str:
    return t(lang, f"rag.{colour}")
