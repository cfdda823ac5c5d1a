"""The middle of the progress report (周报/月报): what the period did and did
not do (outcomes grouped per sort, milestones reached or missed) and what
the client is asked to do, with owner, date and the effect of a delay.
Apart from ``progress.py``, which puts these lines in the report's order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from store.reports.common import Ctx, as_date, d, milestones
from store.reports.summary import _status_change, waiting_on_client

GROUP_AT = 3     # done items of one sort merged into one line from this many


def _join(ctx, xs) -> str:
    return ("、" if ctx.lang == "zh" else ", ").join(xs)


@dataclass
class Done:
    """What a period did: ``lines`` (grouped per sort), ``not_done`` (open
    actions and milestones that were due in it), ``headline`` (the main
    outcome, for the summary's sentence) and ``count`` (outcomes plus
    milestones reached)."""
    lines: list[str]
    not_done: list[str]
    headline: str | None
    count: int


def done_in_period(ctx: Ctx, events: list, start: dt.date, end: dt.date) -> Done:
    """The outcomes of ``events`` (status changes to delivered, accepted,
    signed off, ...) and the milestones reached between ``start`` and ``end``."""
    tr = ctx.tr
    zh = ctx.lang == "zh"
    sorts = [  # (key, en one, zh label)
        ("delivered", "Delivered", "已交付"),
        ("accepted", "Accepted by the client", "甲方验收通过"),
        ("signed", "Signed off by the client", "甲方确认需求"),
        ("implemented", "Change implemented", "变更已实施"),
        ("agreed", "Agreed", "达成决议"),
        ("done", "Done", "完成"),
        ("replied", "Replied to the client's feedback", "已答复客户反馈"),
        ("held", "Meeting held", "召开会议"),
    ]
    got: dict[str, list] = {k: [] for k, *_ in sorts}
    seen = set()
    for e in events:
        st = _status_change(e)
        target = st[1] if st else None
        key = None
        if e["kind"] == "requirement" and target in ("delivered", "accepted"):
            key = target
        elif e["kind"] == "action" and target == "done":
            key = "done"
        elif e["kind"] == "change" and target == "implemented":
            key = "implemented"
        elif e["kind"] == "requirement" and e["action"] == "confirm":
            key = "signed"
        elif e["kind"] == "decision" and target == "agreed":
            key = "agreed"
        elif e["kind"] == "feedback" and target == "replied":
            key = "replied"
        elif e["kind"] == "meeting" and target == "held":
            key = "held"
        if not key or (e["id"], key) in seen:
            continue
        seen.add((e["id"], key))
        rec = ctx.get(e["id"])
        names = []
        if rec is not None:
            one = rec.data.get("owner") or rec.data.get("chair")
            names = [one] if one else [str(x) for x in rec.data.get("decided_by") or [] if x]
        owners = [ctx.owner(n) for n in names] or [e["author"].split(" <")[0]]
        got[key].append({"ref": ctx.ref(rec) if rec else e["title"],
                         "owners": owners, "owner": _join(ctx, owners),
                         "date": e["date"][:10]})
    done = []
    headline = None
    for m in milestones(ctx):
        dn = as_date(m["done_on"])
        if dn and start <= dn <= end:
            done.append(tr("Milestone reached: {n} ({d})", "里程碑达成：{n}（{d}）",
                           n=m["name"], d=m["done_on"]))
            headline = headline or tr("milestone \"{n}\" reached", "里程碑“{n}”达成",
                                      n=m["name"])
    heads = {"delivered": ("delivered {t}", "交付{t}"),
             "accepted": ("the client accepted {t}", "甲方验收通过{t}"),
             "signed": ("the client signed off {t}", "甲方确认需求{t}"),
             "implemented": ("change {t} implemented", "实施变更{t}"),
             "agreed": ("agreed {t}", "达成决议{t}"), "done": ("{t}", "完成{t}"),
             "replied": ("replied to {t}", "答复客户反馈{t}"), "held": ("held {t}", "召开{t}")}
    for key, *_ in sorts:
        if headline is None and got[key]:
            headline = tr(*heads[key], t=got[key][0]["ref"])
    for key, en, zl in sorts:
        xs = got[key]
        label = zl if zh else en
        if len(xs) >= GROUP_AT:
            names = [x["ref"] for x in xs[:3]]
            more = len(xs) - len(names)
            owners = list(dict.fromkeys(o for x in xs for o in x["owners"]))
            first, last = min(x["date"] for x in xs), max(x["date"] for x in xs)
            text = tr("{l}: {n} items — {t}{m} ({o}, {a} to {b})",
                      "{l} {n} 项：{t}{m}（{o}，{a} 至 {b}）",
                      l=label, n=len(xs), t=_join(ctx, names),
                      m=tr(" and {k} more", "等", k=more) if more else "",
                      o=_join(ctx, owners[:3]) + (tr(" and others", "等") if len(owners) > 3 else ""),
                      a=first, b=last)
            done.append(text)
        else:
            for x in xs:
                done.append(tr("{l}: {t} — {o}, {d}", "{l}：{t}——{o}，{d}",
                               l=label, t=x["ref"], o=x["owner"], d=x["date"]))
    not_done = []
    for a in ctx.of("action"):
        due = as_date(a.data.get("due"))
        if a.status == "open" and due and start <= due <= end:
            not_done.append(tr("{t} — {o}, was due {d}; still open", "{t}——{o}，原定 {d}，尚未完成",
                               t=ctx.ref(a), o=ctx.owner(a.data.get("owner")), d=d(due)))
    for m in milestones(ctx):
        base = as_date(m["baseline"])
        if not m["done_on"] and base and start <= base <= end:
            not_done.append(tr("Milestone {n} — baseline {d}, not reached; cause: {c}",
                               "里程碑“{n}”——基线 {d}，未达成；原因：{c}",
                               n=m["name"], d=d(base),
                               c=m["note"] or tr("not recorded", "未记录")))
    reached = sum(1 for m in milestones(ctx)
                  if as_date(m["done_on"]) and start <= as_date(m["done_on"]) <= end)
    return Done(done, not_done, headline, sum(len(v) for v in got.values()) + reached)


@dataclass
class Asks:
    """What the client is asked to do: table ``rows`` (what, owner, date,
    effect of a delay) by date, the first agreed date and how many are late."""
    rows: list[list[str]]
    first_due: str | None
    late: int


def client_asks(ctx: Ctx) -> Asks:
    """What waits on the client, its owner and date only as a record holds
    them ("not agreed" otherwise), and what a delay holds up."""
    tr = ctx.tr
    asks = []
    ms_next = next((m for m in milestones(ctx) if not m["done_on"]), None)
    tail = tr("; milestone \"{m}\" may slip", "，里程碑“{m}”可能推迟",
              m=ms_next["name"]) if ms_next else ""
    effects = {
        "signoff": tr("development of it cannot start", "该需求无法进入开发") + tail,
        "reconfirm": tr("what is built may differ from what was agreed",
                        "开发内容可能与已签认内容不一致") + tail,
        "decide": tr("the change cannot be planned or started", "变更无法排期实施") + tail,
        "action": tr("the work that depends on it waits", "依赖该事项的工作无法推进") + tail,
    }
    wording = {
        "signoff": ("Sign off the requirement {t}", "确认需求：{t}"),
        "reconfirm": ("Re-confirm {t}, changed after it was signed off",
                      "重新确认签认后修改的内容：{t}"),
        "decide": ("Decide the change request {t}", "决定变更申请：{t}"),
        "action": ("{t}", "{t}"),
    }
    # owner and date only as a record holds them: "not agreed" otherwise
    not_agreed = ctx.t("not_agreed")
    dated_asks = []
    for w in ctx.once(waiting_on_client):
        due = w.get("due") or ""
        owner = ctx.owner(w["owner"]) if w["owner"] else not_agreed
        en_w, zh_w = wording.get(w["what"], wording["action"])
        effect = effects.get(w["what"], effects["action"])
        late = as_date(due)
        if late and late < ctx.today:
            effect = tr("already {n} days overdue: ", "已逾期 {n} 天：",
                        n=(ctx.today - late).days) + effect
        dated_asks.append((due or "9999", [tr(en_w, zh_w, t=ctx.ref(w["id"])), owner,
                                          due or not_agreed, effect]))
    dated_asks.sort(key=lambda a: a[0])
    asks = [a for _, a in dated_asks]
    first_due = next((k for k, _ in dated_asks if k != "9999"), None)
    late_n = sum(1 for k, _ in dated_asks if k < d(ctx.today))
    return Asks(asks, first_due, late_n)
