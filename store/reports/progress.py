"""The progress report (周报/月报) for the client: conclusion first, RAG per
dimension with its trend (上期 → 本期) and reason, milestones baseline
against forecast, done, next, changes, risks and what the client must
decide or provide; the monthly report adds effort against plan, payment
milestones, the month's figures and recommendations (GB 8567-88 月报).

Status rules (written down once, applied mechanically; see also
``common.rag`` for schedule, scope, risk and client answers):

* cost/resources: recorded effort (``[[effort]]`` in project.toml) more than
  25 % over plan: red; more than 10 % over plan, or a payment milestone
  (``[[payments]]``) past its due date and not paid: amber; neither
  recorded: not assessed (it says so; no figure is made up);
* quality: the latest held acceptance/stage review failed: red; it passed
  with conditions, or bugs reported by the client are still unanswered:
  amber.

The previous period's colours are worked out by the same rules from the
records as they were at the end of the previous period (the last commit
on or before that day) and with that day as "today".
"""
from __future__ import annotations

import datetime as dt

from ..errors import InvalidValue
from ..records import Record
from ..schema import KINDS
from .common import (Ctx, as_date, control_header, control_section, count_word, d, days,
                     doc, doc_control, money, money_text, h3, high, milestones, open_issue,
                     overdue_replies, p, rag as common_rag, rag_label, section,
                     status_word, table, ul, worst)
from .summary import _status_change, waiting_on_client

MAX_ITEMS = 7
GROUP_AT = 3     # done items of one sort merged into one line from this many
DIMENSIONS = ("schedule", "scope", "cost", "quality", "risk", "client")
# which dimension's reason explains the overall colour, first match wins
REASON_ORDER = ("schedule", "cost", "quality", "risk", "client", "scope")
RAG_KINDS = ("requirement", "change", "feedback", "meeting", "action", "issue")
OPEN_BUG = ("received", "acknowledged", "in-progress")


# --- status -----------------------------------------------------------------

def _num(v) -> float | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(str(v).replace(",", "").strip())
    except (TypeError, ValueError):
        return None


def _fmt(n: float | None) -> str:
    if n is None:
        return "—"
    return str(int(n)) if float(n).is_integer() else f"{n:.1f}"


def effort_rows(ctx: Ctx, end: dt.date) -> list[dict]:
    """``[[effort]]`` entries of project.toml up to ``end``'s month."""
    limit = f"{end.year:04d}-{end.month:02d}"
    out = []
    for e in ctx.pdata.get("effort") or []:
        if not isinstance(e, dict):
            continue
        period = str(e.get("period") or "").strip()
        if period and period[:7] > limit:
            continue
        out.append({"period": period, "planned": _num(e.get("planned_days")),
                    "actual": _num(e.get("actual_days")), "note": str(e.get("note") or "")})
    return out


def payment_rows(ctx: Ctx) -> list[dict]:
    out = []
    for x in ctx.pdata.get("payments") or []:
        if not isinstance(x, dict):
            continue
        due, paid = as_date(x.get("due")), as_date(x.get("paid_on"))
        late = (ctx.today - due).days if due and not paid and due < ctx.today else 0
        out.append({"name": str(x.get("name") or ""), "milestone": str(x.get("milestone") or ""),
                    "amount": money_text(ctx.lang, x.get("amount"))
                    if x.get("amount") is not None else "",
                    "due": due, "paid_on": paid, "late_days": late,
                    "note": str(x.get("note") or "")})
    return out


def _cost(ctx: Ctx) -> tuple[str | None, str]:
    tr = ctx.tr
    rows = [r for r in effort_rows(ctx, ctx.today)
            if r["planned"] is not None and r["actual"] is not None]
    pays = payment_rows(ctx)
    if not rows and not pays:
        return None, tr("Effort and payment milestones are not recorded in the project "
                        "records, so this dimension is not assessed.",
                        "项目记录中未登记工时与付款节点，本项不评估。")
    colour, reason = "green", tr("Effort is within plan and no payment is overdue.",
                                 "工时投入在计划范围内，无逾期付款。")
    if rows:
        plan = sum(r["planned"] for r in rows)
        actual = sum(r["actual"] for r in rows)
        over = (actual - plan) / plan if plan > 0 else 0.0
        if over > 0.10:
            colour = "red" if over > 0.25 else "amber"
            reason = tr("Effort to date is {a} person-days against {p} planned ({o:+.0%}).",
                        "累计投入 {a} 人天，计划 {p} 人天（超出 {o:.0%}）。",
                        a=_fmt(actual), p=_fmt(plan), o=over)
            return colour, reason
        if not pays:
            reason = tr("Effort to date is {a} person-days against {p} planned.",
                        "累计投入 {a} 人天，计划 {p} 人天，在计划范围内。",
                        a=_fmt(actual), p=_fmt(plan))
    late = [x for x in pays if x["late_days"] > 0]
    if late:
        x = late[0]
        return "amber", tr("Payment \"{n}\" was due {d} and is not received.",
                           "付款节点“{n}”应于 {d} 到账，尚未收到。", n=x["name"], d=d(x["due"]))
    return colour, reason


def _quality(ctx: Ctx) -> tuple[str, str]:
    tr = ctx.tr
    reviews = [m for m in ctx.of("meeting") if m.status == "held"
               and m.data.get("type") in ("acceptance", "stage-review")
               and m.data.get("outcome") and as_date(m.data.get("date"))]
    reviews.sort(key=lambda m: as_date(m.data.get("date")))
    last = reviews[-1] if reviews else None
    if last is not None and last.data.get("outcome") == "fail":
        return "red", tr("The review {m} on {d} did not pass.", "评审{m}（{d}）未通过。",
                         m=ctx.ref(last), d=d(last.data.get("date")))
    if last is not None and last.data.get("outcome") == "conditional" \
            and not _conditions_met(ctx, last):
        return "amber", tr("The review {m} on {d} passed with conditions still to be met.",
                           "评审{m}（{d}）为有条件通过，整改项尚未全部完成。",
                           m=ctx.ref(last), d=d(last.data.get("date")))
    bugs = [f for f in ctx.of("feedback") if f.data.get("type") == "bug"
            and f.status in OPEN_BUG and not f.data.get("replied_on")]
    if bugs:
        return "amber", tr("{n} from the client not yet answered.",
                           "{n} 条甲方报告的缺陷尚未答复。",
                           n=count_word(ctx.lang, len(bugs), "bug report", "bug reports"))
    if last is not None:
        return "green", tr("The latest review ({m}) passed; no open bug reports.",
                           "最近一次评审（{m}）已通过，无未答复的缺陷。", m=ctx.ref(last))
    return "green", tr("No open bug reports from the client.", "无未答复的甲方缺陷报告。")


def _conditions_met(ctx: Ctx, meeting) -> bool:
    """A conditional pass is settled when every action of that meeting is
    done or dropped (and it had at least one)."""
    wanted = set(meeting.data.get("actions") or [])
    acts = [a for a in ctx.of("action") if a.id in wanted or a.data.get("meeting") == meeting.id]
    return bool(acts) and all(a.status in ("done", "dropped") for a in acts)


def status(ctx: Ctx) -> dict:
    """The proposed status per dimension and overall, each with its reason
    (a dimension without data has colour None and says so)."""
    base = common_rag(ctx)
    dims = {k: (v["rag"], v["reason"]) for k, v in base["dimensions"].items()}
    dims["cost"] = _cost(ctx)
    dims["quality"] = _quality(ctx)
    assessed = [k for k in REASON_ORDER if dims[k][0]]
    overall = worst(*(dims[k][0] for k in assessed))
    reason = next(dims[k][1] for k in assessed if dims[k][0] == overall)
    return {"overall": overall, "reason": reason,
            "dimensions": {k: {"rag": dims[k][0], "reason": dims[k][1]} for k in DIMENSIONS}}


def _label(lang: str, colour: str | None) -> str:
    if not colour:
        return "未评估" if lang == "zh" else "not assessed"
    return rag_label(lang, colour)


def with_titles(ctx: Ctx, text: str) -> str:
    """Ids in user text followed by their titles (h19b: narrative)."""
    from .narrative import with_titles as titled
    return titled(ctx, text)


def _scope_lines(ctx: Ctx, events, this_p: str) -> list:
    """What changed in agreed scope this period, in words (h19b: narrative)."""
    from .narrative import scope_changes
    lines = scope_changes(ctx, events)
    if not lines:
        return []
    return [h3(ctx.tr("Agreed scope changed {p}", "{p}已签认范围的变化", p=this_p)), ul(lines)]


# --- the state at the end of the previous period -------------------------------

def state_at(ctx: Ctx, rev: str, day: dt.date) -> Ctx:
    """The project's records (of the kinds the status reads) at ``rev``,
    with ``day`` as today: store.snapshot.records_at (one ls-tree, one
    cat-file round, kept by tree id).  An unreadable old version is left
    out of the status."""
    from ..snapshot import records_at
    project = ctx.project
    records, pdata = {}, {}
    for rid, (kind, data, problem, _blob) in records_at(ctx.ws, project, rev).items():
        if problem or data is None:
            continue
        if kind == "project":
            pdata = data
        elif kind in RAG_KINDS or kind == "report":
            k = KINDS[kind]
            rel = f"projects/{project}/{k.folder}/{rid}.toml"
            records[rid] = Record(rid, k, project, ctx.ws.root / rel, data, "", rel=rel)
    return Ctx(ctx.ws, project, ctx.lang, records, pdata, day, rev=rev)


def previous(ctx: Ctx, start: dt.date, length: int = 7, cadence: str = "weekly") -> dict | None:
    """Status at the end of the previous period (the day before ``start``),
    or None when the project has no commit by then.  When the report of
    that period was kept as sent (the report screen's "keep as sent"), its
    overall colour is the one the client saw (``sent``: its id), even if it
    was set by hand or the rules would now say otherwise; the dimensions
    are worked out again."""
    day = start - dt.timedelta(days=1)
    from ..asof import commit_on_or_before
    rev = commit_on_or_before(ctx.ws, day)
    if rev is None:
        return None
    past = state_at(ctx, rev, day)
    if not past.pdata:
        return None
    out = status(past)
    out["as_of"] = d(day)
    out["commit"] = rev
    out["ctx"] = past
    out["sent"] = None
    sent = sent_status(ctx, day - dt.timedelta(days=length - 1), day, cadence)
    if sent is not None:
        out["overall"], out["sent"] = sent
    return out


def last_kept_end(ws, project: str, cadence: str) -> tuple[dt.date, str] | None:
    """(period end, id) of the latest kept (sent) ``cadence`` progress report."""
    best = None
    for r in ws.load(project, [KINDS["report"]]).records.values():
        end = as_date(r.data.get("period_end"))
        if r.status == "sent" and r.data.get("type") == cadence and end:
            if best is None or (end, r.id) > best:
                best = (end, r.id)
    return best


def default_period(ws, project: str, cadence: str | None, until: str | None,
                   today: dt.date):
    """(Period, cadence) of ``report progress`` without ``--since``: it
    starts the day after the last kept report of the same cadence (never
    overlapping one) and runs one week (one calendar month) from there,
    ending today at the latest; with none kept, a weekly report starts at
    the last held meeting (at most 7 days back), a monthly one on the
    first of the month."""
    from .. import periods
    cadence = cadence or "weekly"
    last = last_kept_end(ws, project, cadence)
    end = periods.resolve(ws, project, None, until, today=today).end or today
    if last is not None:
        start = last[0] + dt.timedelta(days=1)
        if start > end:
            raise InvalidValue(
                f"the {cadence} report up to {d(last[0])} is already kept ({last[1]}): "
                f"give --since/--until for another period")
        if cadence == "weekly":
            end = min(end, start + dt.timedelta(days=6))
        else:
            nxt = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
            end = min(end, nxt - dt.timedelta(days=1))
    elif cadence == "weekly":
        since = periods.resolve(ws, project, periods.LAST_MEETING, until, today=today)
        start = max(since.start or end, end - dt.timedelta(days=6))
    else:
        start = end.replace(day=1)
    if until and last is None:
        return periods.resolve(ws, project, d(start), until, today=today), cadence
    return periods.resolve(ws, project, d(start), d(end), today=today), cadence


def sent_status(ctx: Ctx, first: dt.date, last: dt.date, cadence: str):
    """(colour, report id) of the sent ``cadence`` progress report whose
    period ends between ``first`` and ``last`` (the latest), or None."""
    best = None
    for r in ctx.kept_reports():
        end = as_date(r.data.get("period_end"))
        colour = r.data.get("rag")
        if (r.status != "sent" or r.data.get("type") != cadence or end is None
                or colour not in ("red", "amber", "green") or not first <= end <= last):
            continue
        key = (end, as_date(r.data.get("sent_on")) or end, r.id)
        if best is None or key > best[0]:
            best = (key, colour, r.id)
    return (best[1], best[2]) if best else None


# --- helpers ---------------------------------------------------------------------

def _more(ctx, items: list[str], rest_out: list[str]) -> list[str]:
    if len(items) <= MAX_ITEMS:
        return items
    keep = items[:MAX_ITEMS - 1]
    rest_out.extend(items[MAX_ITEMS - 1:])
    return keep + [ctx.tr("… and {n} more (listed in the appendix)",
                          "……另有 {n} 项，见附件", n=len(items) - len(keep))]


def _join(ctx, xs) -> str:
    return ("、" if ctx.lang == "zh" else ", ").join(xs)


def figures_of(ctx: Ctx, end: dt.date) -> dict:
    reqs = [r for r in ctx.of("requirement") if r.status not in ("rejected", "withdrawn")]
    open_reqs = [r for r in reqs if r.status not in ("delivered", "accepted")]
    times = []
    for f in ctx.of("feedback"):
        a, b = as_date(f.data.get("received_on")), as_date(f.data.get("replied_on"))
        if a and b and b <= end:
            times.append((b - a).days)
    return {"requirements_open": len(open_reqs), "requirements": len(reqs),
            "signed_off_current": sum(1 for r in reqs if r.signoff == "current"),
            "changed_since_signoff": sum(1 for r in reqs if r.signoff == "stale"),
            "feedback_response_days": round(sum(times) / len(times), 1) if times else None,
            "overdue_replies": len(ctx.once(overdue_replies)),
            "open_risks_issues": sum(1 for i in ctx.of("issue") if open_issue(i))}


def _activity(ctx: Ctx, events: list[dict]) -> dict:
    """What happened in the period, counted from its history."""
    def moved(e, to):
        st = _status_change(e)
        return bool(st and st[1] in to)
    count = {"req_added": set(), "req_changed": set(), "req_confirmed": set(),
             "cr_raised": set(), "cr_decided": set(), "fb_received": set(),
             "fb_replied": set(), "iss_opened": set(), "iss_closed": set()}
    for e in events:
        k, rid, a = e["kind"], e["id"], e["action"]
        if k == "requirement":
            if a == "create":
                count["req_added"].add(rid)
            elif a == "confirm":
                count["req_confirmed"].add(rid)
            elif a == "edit":
                count["req_changed"].add(rid)
        elif k == "change":
            if a == "create":
                count["cr_raised"].add(rid)
            if moved(e, ("approved", "rejected")):
                count["cr_decided"].add(rid)
        elif k == "feedback":
            if a == "create":
                count["fb_received"].add(rid)
            if moved(e, ("replied",)):
                count["fb_replied"].add(rid)
        elif k == "issue":
            if a == "create":
                count["iss_opened"].add(rid)
            if moved(e, ("closed",)):
                count["iss_closed"].add(rid)
    return {k: len(v) for k, v in count.items()}


# --- pieces shared with the review pack (store.reports.review) -------------------

def plan_items(ctx: Ctx, end: dt.date, horizon: dt.date) -> list[tuple[dt.date, str]]:
    """(date, line) for what falls due after ``end`` up to ``horizon``:
    milestones not reached, open actions, planned meetings; by date."""
    tr = ctx.tr
    plan = []
    for m in milestones(ctx):
        when = as_date(m["forecast"]) or as_date(m["baseline"])
        if not m["done_on"] and when and end < when <= horizon:
            plan.append((when, tr("Milestone: {n} — {d}", "里程碑：{n}——{d}",
                                  n=m["name"], d=d(when))))
    for a in ctx.of("action"):
        due = as_date(a.data.get("due"))
        if a.status == "open" and due and end < due <= horizon:
            plan.append((due, tr("{t} — {o}, {d}", "{t}——{o}，{d}", t=ctx.ref(a),
                                 o=ctx.owner(a.data.get("owner")), d=d(due))))
    for mt in ctx.of("meeting"):
        md = as_date(mt.data.get("date"))
        if mt.status == "planned" and md and end < md <= horizon:
            plan.append((md, tr("{t} — chaired by {o}, {d}", "{t}——主持人 {o}，{d}",
                                t=ctx.ref(mt), o=ctx.owner(mt.data.get("chair")), d=d(md))))
    plan.sort(key=lambda x: x[0])
    return plan


def milestone_columns(ctx: Ctx) -> list[str]:
    tr = ctx.tr
    return [tr("Milestone", "里程碑"), tr("Baseline", "基线日期"),
            tr("Forecast / actual", "预测/实际日期"), tr("Variance (calendar days)", "偏差（日历日）"),
            tr("Note", "说明")]


def milestone_rows(ctx: Ctx) -> list[list[str]]:
    """The milestone table: baseline, forecast/actual, variance, and for a
    slip its cause and whether an approved change covers it."""
    tr = ctx.tr
    zh = ctx.lang == "zh"
    ms_rows = []
    state_word = {"done": tr("done on time", "按期完成"),
                  "done-late": tr("done late", "延期完成"),
                  "on-track": tr("on track", "按计划"),
                  "slipped": tr("forecast late", "预计推迟"),
                  "missed": tr("baseline missed", "已逾基线")}
    for m in milestones(ctx):
        parts = [state_word[m["state"]]]
        if m["state"] in ("slipped", "missed", "done-late"):
            parts.append(tr("cause: {c}", "原因：{c}", c=m["note"]) if m["note"] else
                         tr("cause not recorded — to be explained", "原因未记录，须补充说明"))
            parts.append(tr("covered by the approved change {c}", "已由批准的变更{c}调整",
                            c=ctx.ref(m["change"])) if m["change_approved"] else
                         tr("no approved change", "无批准的变更"))
        elif m["note"]:
            parts.append(m["note"])
        ms_rows.append([m["name"], m["baseline"], m["done_on"] or m["forecast"],
                        (f"+{m['slip_days']}" if m["slip_days"] > 0 else str(m["slip_days"])),
                        ("；" if zh else "; ").join(parts)])
    return ms_rows


def change_columns(ctx: Ctx) -> list[str]:
    tr = ctx.tr
    return [tr("Change", "变更"), tr("Schedule impact", "工期影响"),
            tr("Cost impact", "费用影响"), tr("Status", "状态"), tr("Date", "日期")]


def change_rows(ctx: Ctx, events: list[dict]) -> list[list[str]]:
    """Change requests raised or decided in ``events``: one row each, with
    the latest such event's date."""
    latest = {}
    for e in events:
        if e["kind"] != "change":
            continue
        st = _status_change(e)
        if e["action"] == "create" or (st and st[1] in ("approved", "rejected",
                                                        "implemented", "withdrawn")):
            rec = ctx.get(e["id"])
            if rec is None:
                continue
            imp = rec.data.get("impact") or {}
            latest[rec.id] = [ctx.ref(rec),
                              days(ctx.lang, imp["schedule_days"])
                              if imp.get("schedule_days") is not None else "—",
                              money(ctx.lang, imp["cost"]) if imp.get("cost") is not None
                              else "—",
                              status_word(ctx.lang, rec.status, "change"), e["date"][:10]]
    return list(latest.values())


def risk_columns(ctx: Ctx) -> list[str]:
    tr = ctx.tr
    return [tr("Item", "事项"), tr("Impact", "影响"), tr("Level", "等级"),
            tr("Response", "应对"), tr("Owner", "责任人"), tr("By", "期限")]


def risk_table_rows(ctx: Ctx) -> list[list[str]]:
    """Open risks, issues and disputes, high first."""
    tr = ctx.tr
    zh = ctx.lang == "zh"
    risk_rows = []
    for i in ctx.of("issue"):
        if not open_issue(i):
            continue
        level = i.data.get("impact") or ""
        typ = {"risk": tr("risk", "风险"), "issue": tr("issue", "问题"),
               "dispute": tr("dispute", "争议")}.get(i.data.get("type"), "")
        risk_rows.append([ctx.ref(i) + (f"［{typ}］" if zh and typ else
                                        f" [{typ}]" if typ else ""),
                          with_titles(ctx, str(i.data.get("description") or "—")),
                          {"high": tr("high", "高"), "medium": tr("medium", "中"),
                           "low": tr("low", "低")}.get(level, tr("not rated", "未评级")),
                          with_titles(ctx, str(i.data.get("mitigation") or tr(
                              "response to be agreed", "应对措施待商定"))),
                          ctx.owner(i.data.get("owner")),
                          d(i.data.get("due")) or ctx.t("no_date")])
    rank = {tr("high", "高"): 0, tr("medium", "中"): 1}
    risk_rows.sort(key=lambda r: rank.get(r[2], 2))
    return risk_rows



# --- the report ---------------------------------------------------------------------

def build(ctx: Ctx, hist, period, rag: str | None = None,
          reason: str | None = None, cadence: str | None = None) -> dict:
    tr = ctx.tr
    lang = ctx.lang
    zh = lang == "zh"
    events = [e for e in hist.events if e["project"] == ctx.project]
    start = period.start or ctx.today
    end = period.end or ctx.today
    length = (end - start).days + 1
    monthly = cadence == "monthly" if cadence else length > 16
    none = ctx.t("none_period")
    appendix_more: list[str] = []

    proposed = status(ctx)
    if rag:
        if rag not in ("red", "amber", "green"):
            raise InvalidValue(f"--rag {rag!r}: use red, amber or green")
        if not (reason and reason.strip()):
            raise InvalidValue("--rag needs --reason TEXT: one sentence saying why")
        sched = proposed["dimensions"]["schedule"]
        if rag == "green" and sched["rag"] != "green":
            raise InvalidValue(
                "--rag green: a milestone slipped without an approved change and is "
                "never green (" + sched["reason"] + "); use amber or red, or record "
                "the approved change in project.toml")
        overall, why = rag, " ".join(reason.split())
    else:
        overall, why = proposed["overall"], proposed["reason"]
    before = previous(ctx, start, length, "monthly" if monthly else "weekly")

    # period number: weeks (or months) since the project started
    pstart = as_date(ctx.pdata.get("start")) or start
    if monthly:
        number = (end.year - pstart.year) * 12 + end.month - pstart.month + 1
    else:
        number = max(1, (end - pstart).days // 7 + 1)

    kind_word = tr("Monthly progress report", "项目月报") if monthly else \
        tr("Weekly progress report", "项目周报")
    title = tr("{k} — {n} (No. {i})", "{n} {k}（第 {i} 期）", k=kind_word,
               n=ctx.name, i=number)
    this_p = tr("this month", "本月") if monthly else tr("this week", "本周")

    # --- what was done: outcomes, one line per sort when there are many -----
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

    # --- next period, milestones, changes, risks (shared with the review pack) ---
    horizon = end + dt.timedelta(days=31 if monthly else 7)
    plan = plan_items(ctx, end, horizon)
    ms_rows = milestone_rows(ctx)
    cr_rows = change_rows(ctx, events)
    risk_rows = risk_table_rows(ctx)

    # --- what the client must do ------------------------------------------------
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

    # --- figures, with the previous period beside them -----------------------------
    now_f = figures_of(ctx, end)
    prev_f = figures_of(before["ctx"], start - dt.timedelta(days=1)) if before else None
    fig_names = [
        ("requirements_open", tr("Requirements not yet delivered", "未交付需求")),
        ("requirements", tr("Requirements in scope", "范围内需求")),
        ("signed_off_current", tr("Signed off, current", "已签认且有效")),
        ("changed_since_signoff", tr("Changed since sign-off", "签认后被修改")),
        ("open_risks_issues", tr("Open risks and issues", "未关闭风险与问题")),
        ("feedback_response_days", tr("Average feedback response (days)", "反馈平均答复用时（天）")),
        ("overdue_replies", tr("Overdue feedback replies", "逾期未答复反馈")),
    ]
    fig_rows = [[n, _fmt(prev_f[k]) if prev_f else "—", _fmt(now_f[k])] for k, n in fig_names]
    prev_col = tr("Previous period (to {d})", "上期（截至 {d}）",
                  d=d(start - dt.timedelta(days=1)))
    now_col = tr("This period (to {d})", "本期（截至 {d}）", d=d(end))

    # --- status summary (conclusion first) --------------------------------------
    dims = proposed["dimensions"]
    biggest = next((i for i in ctx.of("issue") if open_issue(i) and high(i)), None)
    sentences = []
    if before and before["overall"] != overall:
        sentences.append(tr("Overall status moved from {a} last period to {b}: {r}",
                            "总体状态由上期的{a}转为{b}：{r}",
                            a=rag_label(lang, before["overall"]),
                            b=rag_label(lang, overall), r=why))
    else:
        sentences.append(tr("Overall status {b}: {r}", "总体状态为{b}：{r}",
                            b=rag_label(lang, overall), r=why))
    n_done = sum(len(v) for v in got.values()) + sum(
        1 for m in milestones(ctx) if as_date(m["done_on"]) and start <= as_date(m["done_on"]) <= end)
    if n_done:
        sentences.append(tr("{n} {v} completed {p}; the main one: {f}.",
                            "{p}完成 {n} 项，主要是{f}。",
                            n=n_done if zh else count_word(lang, n_done, "item", "items"),
                            v="was" if n_done == 1 else "were", p=this_p,
                            f=headline))
    else:
        sentences.append(tr("Nothing was completed {p}.", "{p}无完成事项。", p=this_p))
    if biggest:
        sentences.append(tr("Biggest risk: {r}.", "最大风险：{r}。", r=ctx.ref(biggest)))
    if asks:
        late_n = sum(1 for k, _ in dated_asks if k < d(ctx.today))
        sentences.append(tr("The client is asked to act on {k} (see \"Decisions and "
                            "support needed from the client\"), {l} already overdue.",
                            "请甲方处理 {n} 项事项（见“需甲方配合事项”），其中 {l} 项已逾期。",
                            n=len(asks), k=count_word(lang, len(asks), "item", "items"),
                            l=late_n) if late_n else
                         tr("The client is asked to act on {k}, the first by {d}.",
                            "请甲方处理 {n} 项事项，最早须于 {d} 前答复。",
                            n=len(asks), k=count_word(lang, len(asks), "item", "items"),
                            d=first_due) if first_due else
                         tr("The client is asked to act on {k}; no answer date is agreed "
                            "yet.", "请甲方处理 {n} 项事项，答复日期尚未约定。",
                            n=len(asks), k=count_word(lang, len(asks), "item", "items")))
    else:
        sentences.append(tr("Nothing is needed from the client {p}.", "{p}无需甲方配合事项。",
                            p=this_p))
    for i, s in enumerate(sentences):
        if not s.endswith(("。", ".")):
            sentences[i] = s + ("。" if zh else ".")
    dim_names = {"schedule": tr("Schedule", "进度"), "scope": tr("Scope", "范围"),
                 "cost": tr("Cost / resources", "成本/资源"), "quality": tr("Quality", "质量"),
                 "risk": tr("Risk", "风险"), "client": tr("Client answers", "双方响应")}
    arrow = " → "

    def trend(prev_colour, colour) -> str:
        return (_label(lang, prev_colour) if before else tr("no previous period", "无上期")) \
            + arrow + _label(lang, colour)
    overall_trend = trend(before["overall"] if before else None, overall)
    if before and before.get("sent"):
        # the colour the client was sent last time, which may differ from the rules
        overall_trend = overall_trend.replace(
            _label(lang, before["overall"]) + arrow,
            _label(lang, before["overall"]) + tr(" (as sent in {r})", "（{r} 所报）",
                                                 r=before["sent"]) + arrow, 1)
    dim_rows = [[tr("Overall", "总体"), overall_trend, why]]
    for k in DIMENSIONS:
        dim_rows.append([dim_names[k],
                         trend(before["dimensions"][k]["rag"] if before else None,
                               dims[k]["rag"]), dims[k]["reason"]])

    next_title = tr("Next month", "下月计划") if monthly else tr("Next week", "下周计划")
    done_title = tr("Completed this month", "本月完成") if monthly else \
        tr("Completed this week", "本周完成")
    sections = [
        section("status", tr("Status summary", "总体状态"),
                p(" ".join(sentences) if not zh else "".join(sentences)),
                table([tr("Dimension", "维度"),
                       tr("Previous → this period", "上期 → 本期"), tr("Reason", "理由")],
                      dim_rows)),
        section("milestones", tr("Milestones", "里程碑"),
                table(milestone_columns(ctx), ms_rows,
                      empty=tr("No milestones are recorded for this project yet.",
                               "本项目尚未登记里程碑。"))),
        section("done", done_title,
                ul(_more(ctx, done, appendix_more), empty=none),
                h3(tr("Planned but not completed", "计划未完成及原因")),
                ul(_more(ctx, not_done, appendix_more), empty=none)),
        section("next", next_title,
                ul(_more(ctx, [x for _, x in plan], appendix_more), empty=none)),
        section("changes", tr("Change requests", "需求与变更"),
                table(change_columns(ctx), cr_rows,
                      empty=tr("No change request was raised or decided {p}.",
                               "{p}无新提出或已决定的变更。", p=this_p)),
                *_scope_lines(ctx, events, this_p)),
        section("risks", tr("Key risks and issues", "风险与问题"),
                table(risk_columns(ctx), risk_rows, empty=tr("No open risks or issues.", "无未关闭的风险与问题。"))),
        section("client_asks", tr("Decisions and support needed from the client",
                                  "需甲方配合事项"),
                table([tr("Item", "事项"), tr("Who", "责任人"), tr("Answer by", "最晚答复日期"),
                       tr("If late", "逾期影响")], asks, empty=none)),
        section("figures", tr("Figures", "关键数据"), table(
            [tr("Figure", "指标"), prev_col, now_col], fig_rows), *_charts(ctx)),
    ]
    extra = {}
    if monthly:
        extra = _monthly(ctx, events, end, dims, sections)
    held = [m for m in ctx.of("meeting") if m.status == "held"
            and as_date(m.data.get("date")) and start <= as_date(m.data.get("date")) <= end]
    appendix = [tr("Minutes: {t}, {d}", "会议纪要：{t}，{d}", t=ctx.ref(m),
                   d=d(m.data.get("date"))) for m in held]
    # a meeting of the period that did not take place is named, not left out
    appendix += [tr("Cancelled: {t}, {d}", "已取消：{t}，{d}", t=ctx.ref(m), d=d(m.data.get("date")))
                 for m in ctx.of("meeting") if m.status == "cancelled"
                 and as_date(m.data.get("date")) and start <= as_date(m.data["date"]) <= end]
    blocks = [ul(appendix, empty=tr("No meeting was held {p}.", "{p}未召开会议。", p=this_p))]
    if appendix_more:
        blocks += [h3(tr("Further items", "其余事项")), ul(appendix_more)]
    sections.append(section("appendix", tr("Appendix", "附件"), *blocks))
    vendor = ctx.side_people("vendor")
    client = ctx.side_people("client")
    cad = "monthly" if monthly else "weekly"
    kept = [r for r in ctx.kept_reports() if r.status == "sent" and r.data.get("type") == cad
            and as_date(r.data.get("period_end")) == end and r.data.get("sent_on")]
    kept.sort(key=lambda r: (d(r.data["sent_on"]), int(r.id.split("-")[1])))
    control = doc_control(ctx, "progress", f"{cad[0].upper()}{number:02d}", kept,
                          ctx.issued or ctx.today)
    sections.append(control_section(ctx, control))   # last, after the appendix
    header = [
        [ctx.t("period"), f"{d(start)}{ctx.t('to')}{d(end)}"],
        [ctx.t("overall"), f"{rag_label(lang, overall)} — {why}"],
        [ctx.t("client_name"), ctx.client],
        [ctx.t("prepared_by"), vendor[0] if vendor else "—"],
        [ctx.t("sent_to"), _join(ctx, client[:3]) or "—"],
        *control_header(ctx, control),
    ]
    prev_json = None
    if before:
        prev_json = {"as_of": before["as_of"], "commit": before["commit"],
                     "overall": before["overall"], "sent": before["sent"],
                     "dimensions": {k: v["rag"] for k, v in before["dimensions"].items()}}
    return doc("progress", ctx, title, header, sections,
               footer=[[ctx.t("date"), control["issued"]]], control=control,
               since=period.since, until=period.until, number=number,
               cadence="monthly" if monthly else "weekly",
               rag={"overall": overall, "reason": why, "proposed": proposed,
                    "overridden": bool(rag), "previous": prev_json},
               figures={"previous": prev_f, "current": now_f, **extra},
               commits=[c.id for c in hist.commits])


def _charts(ctx: Ctx) -> list[dict]:
    """The dashboard's charts as ``chart`` blocks (store.charts; an inline
    SVG in the HTML page, left out of Markdown)."""
    from ..charts import project_series, report_blocks
    from ..periods import EMPTY
    if ctx.rev is not None and ctx.rev != EMPTY:  # a past point: its history only
        from ..asof import series_at
        data = series_at(ctx.ws, ctx.project, ctx.records, ctx.rev, ctx.today, ctx.lang)
    else:
        data = project_series(ctx.ws, ctx.project, ctx.records, ctx.today, ctx.lang)
    return report_blocks(data, ctx.tr)


def _monthly(ctx: Ctx, events, end: dt.date, dims: dict, sections: list) -> dict:
    """The monthly report's extra sections (GB 8567-88 月报): effort
    against plan, payment milestones, the month's figures, recommendations."""
    tr = ctx.tr
    lang = ctx.lang
    zh = lang == "zh"
    rows = effort_rows(ctx, end)
    if rows:
        body = []
        tp = ta = 0.0
        for r in rows:
            var = (r["actual"] - r["planned"]) if None not in (r["actual"], r["planned"]) else None
            tp += r["planned"] or 0
            ta += r["actual"] or 0
            body.append([r["period"] or "—", _fmt(r["planned"]), _fmt(r["actual"]),
                         (("+" if var > 0 else "") + _fmt(var)) if var is not None else "—",
                         r["note"]])
        body.append([tr("Total", "累计"), _fmt(tp), _fmt(ta),
                     ("+" if ta - tp > 0 else "") + _fmt(ta - tp), ""])
        effort = table([tr("Month", "月份"), tr("Planned (person-days)", "计划（人天）"),
                        tr("Actual (person-days)", "实际（人天）"), tr("Variance", "偏差"),
                        tr("Note", "说明")], body)
    else:
        effort = p(tr("Effort against plan is not recorded for this project, so it is "
                      "not compared here.",
                      "本项目未登记工时计划与实际投入，本报告不作比较。"))
    sections.append(section("resources", tr("Resources and effort", "资源与工时投入"), effort))
    pays = payment_rows(ctx)
    if pays:
        body = []
        for x in pays:
            if x["paid_on"]:
                state = tr("received {d}", "已于 {d} 到账", d=d(x["paid_on"]))
            elif x["late_days"]:
                state = tr("{n} days overdue", "已逾期 {n} 天", n=x["late_days"])
            else:
                state = tr("not yet due", "未到期")
            body.append([x["name"], x["milestone"] or "—", x["amount"] or "—",
                         d(x["due"]) or ctx.t("no_date"),
                         state + ((("；" if zh else "; ") + x["note"]) if x["note"] else "")])
        pay = table([tr("Payment", "付款节点"), tr("Milestone", "对应里程碑"),
                     tr("Amount", "金额"), tr("Due", "应付日期"), tr("State", "状态")], body)
    else:
        pay = p(tr("No payment milestones are recorded for this project.",
                   "本项目未登记合同付款节点。"))
    sections.append(section("payments", tr("Payments and milestone acceptance", "经费与付款节点"),
                            pay))
    act = _activity(ctx, events)
    names = [("req_added", tr("Requirements added", "新增需求")),
             ("req_changed", tr("Requirements changed", "修改需求")),
             ("req_confirmed", tr("Requirements signed off", "签认需求")),
             ("cr_raised", tr("Change requests raised", "新提变更")),
             ("cr_decided", tr("Change requests decided", "已决定变更")),
             ("fb_received", tr("Feedback received", "收到反馈")),
             ("fb_replied", tr("Feedback replied", "答复反馈")),
             ("iss_opened", tr("Risks and issues raised", "新增风险与问题")),
             ("iss_closed", tr("Risks and issues closed", "关闭风险与问题"))]
    sections.append(section("month_figures", tr("This month in figures", "本月数据"),
                            table([tr("Figure", "指标"), tr("This month", "本月")],
                                  [[n, str(act[k])] for k, n in names])))
    recs = []
    for k, (en, zl) in (("schedule", ("Agree a recovery plan or a change request for the "
                                      "slipped milestone with the client.",
                                      "建议就推迟的里程碑与甲方商定追赶计划或提出变更申请。")),
                        ("scope", ("Hold a re-confirmation session for the items changed after "
                                   "sign-off and decide the open change requests.",
                                   "建议安排一次需求重新确认，并就待决变更作出决定。")),
                        ("cost", ("Review effort and payments against the contract with the "
                                  "client.", "建议双方对照合同复核工时投入与付款进度。")),
                        ("quality", ("Close the open review conditions and bug reports before "
                                     "the next milestone.", "建议在下一里程碑前关闭评审整改项和缺陷反馈。")),
                        ("risk", ("Review the high risks and their responses at the next "
                                  "progress meeting.", "建议在下次例会上逐项检查高风险及应对措施。")),
                        ("client", ("Go through the overdue items of both sides at the next "
                                    "progress meeting.", "建议在下次例会上逐项核对双方逾期事项。"))):
        if dims[k]["rag"] in ("amber", "red"):
            recs.append(tr(en, zl))
    sections.append(section("recommendations", tr("Recommendations", "建议"),
                            ul(recs, empty=tr("None this month.", "本月无。"))))
    return {"month": act}
