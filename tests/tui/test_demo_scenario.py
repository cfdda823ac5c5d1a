"""The sample scenario (tui/demo_scenario.toml) tells a consistent story:
ids exist before they are used, dates are dates, moves are allowed, and the
situations the demo shows on 2026-11-27 are all there."""
from __future__ import annotations

from tui.demo import scenario


def test_the_demo_scenario_holds_together():
    sc = scenario()
    authors = {k: tuple(v) for k, v in sc["authors"].items()}
    assert problems_of(sc["steps"], sc["project"], authors) == []


def test_a_broken_step_is_found():
    sc = scenario()
    steps = [dict(s) for s in sc["steps"]]
    steps[1] = dict(steps[1], id="MTG-99")
    assert problems_of(steps, sc["project"], sc["authors"])


def problems_of(STEPS, PROJECT, AUTHORS) -> list[str]:  # noqa: C901 - one walk
    """Every inconsistency of the story, as one line each."""
    import datetime as dt
    import re

    from store.model import schema

    today = dt.date(2026, 11, 27)
    id_re = re.compile(r"^([A-Z]{2,4})-([1-9][0-9]*)$")
    date_re = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    time_re = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
    # which prefix an id-valued field must point at
    want_prefix = {"meeting": "MTG", "decision": "DEC", "decisions": "DEC",
                   "actions": "ACT", "change": "CR"}
    # dates that record something that already happened
    past_only = {"received_on", "replied_on", "decided_on", "requested_on",
                 "raised_on", "sent_on", "resolved_on", "reported_on", "paid_on"}

    recs: dict[str, dict] = {}     # id -> {kind, status, fields, signed, deleted}
    counters: dict[str, int] = {}
    baselines = []
    problems: list[str] = []

    def fail(i, msg):
        problems.append(f"step {i}: {msg}")

    def as_date(i, name, value):
        if not isinstance(value, str) or not date_re.match(value):
            fail(i, f"{name}: {value!r} is not YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            fail(i, f"{name}: {value!r} is not a date")
            return None

    def live(rid):
        r = recs.get(rid)
        return r is not None and not r["deleted"]

    def check_ref(i, name, rid, free_ok=False):
        if not isinstance(rid, str):
            fail(i, f"{name}: {rid!r} is not text")
            return
        m = id_re.match(rid)
        if not m:
            if not free_ok:
                fail(i, f"{name}: {rid!r} is not an id")
            return
        if not live(rid):
            fail(i, f"{name}: {rid} does not exist at this point")
        head = name.split(".")[-1]
        if head in want_prefix and m.group(1) != want_prefix[head]:
            fail(i, f"{name}: {rid} should be a {want_prefix[head]} id")

    def check_value(i, f, name, value, when):
        t = f.type
        if t == schema.TEXT:
            if not isinstance(value, str) or "\n" in value:
                fail(i, f"{name}: one line of text expected")
        elif t == schema.LONGTEXT:
            if not isinstance(value, str):
                fail(i, f"{name}: text expected")
        elif t == schema.CHOICE:
            if value not in f.choices:
                fail(i, f"{name}: {value!r} not in {f.choices}")
        elif t == schema.DATE:
            d = as_date(i, name, value)
            if d and name.split(".")[-1] in past_only and d > when:
                fail(i, f"{name}: {value} is after the step's date {when}")
        elif t == schema.TIME:
            if not isinstance(value, str) or not time_re.match(value):
                fail(i, f"{name}: {value!r} is not HH:MM")
        elif t == schema.INT:
            if not isinstance(value, int) or isinstance(value, bool):
                fail(i, f"{name}: integer expected")
            else:
                if f.minimum is not None and value < f.minimum:
                    fail(i, f"{name}: {value} < {f.minimum}")
                if f.maximum is not None and value > f.maximum:
                    fail(i, f"{name}: {value} > {f.maximum}")
        elif t == schema.NUMBER:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                fail(i, f"{name}: number expected")
        elif t == schema.LIST:
            if not isinstance(value, list) or not all(
                    isinstance(x, str) for x in value):
                fail(i, f"{name}: list of text expected")
        elif t == schema.IDS:
            if not isinstance(value, list):
                fail(i, f"{name}: list of ids expected")
            else:
                for x in value:
                    check_ref(i, name, x)
        elif t == schema.ID:
            check_ref(i, name, value, free_ok=f.free_text_ok)
        elif t == schema.TABLE:
            if not isinstance(value, dict):
                fail(i, f"{name}: table expected")
            else:
                for k, v in value.items():
                    sub = f.sub(k)
                    if sub is None:
                        fail(i, f"{name}.{k}: unknown field")
                    else:
                        check_value(i, sub, f"{name}.{k}", v, when)
        elif t == schema.TABLES:
            if not isinstance(value, list):
                fail(i, f"{name}: list of tables expected")
            else:
                for row in value:
                    check_value(i, schema.Field(name, schema.TABLE,
                                                fields=f.fields),
                                name, row, when)
                    for sub in f.fields:
                        if sub.required and sub.name not in row:
                            fail(i, f"{name}: row without {sub.name}")
        else:
            fail(i, f"{name}: unknown field type {t}")

    def check_fields(i, kind, fields, when):
        if not isinstance(fields, dict):
            fail(i, "fields must be a dict")
            return
        for name, value in fields.items():
            if name in ("status", "created") or name.startswith("confirmation"):
                fail(i, f"{name}: set by the store, not by a step")
                continue
            f = kind.field(name)
            if f is None:
                fail(i, f"{name}: not a field of {kind.name}")
                continue
            check_value(i, f, name, value, when)

    def apply(rec, fields):
        for name, value in fields.items():
            head, _, rest = name.partition(".")
            if rest:
                rec["fields"].setdefault(head, {})[rest] = value
            elif isinstance(value, dict):
                rec["fields"].setdefault(head, {}).update(value)
            else:
                rec["fields"][head] = value

    def agreed(rec):
        kind = schema.KINDS[rec["kind"]]
        return {a: rec["fields"].get(a) for a in kind.agreed}

    def signoff(rec):
        if rec["signed"] is None:
            return "none"
        return "current" if rec["signed"] == agreed(rec) else "stale"

    def move(i, rid, rec, target):
        kind = schema.KINDS[rec["kind"]]
        if target not in kind.moves_from(rec["status"]):
            fail(i, f"{rid}: {rec['status']} -> {target} not allowed "
                    f"(allowed: {kind.moves_from(rec['status'])})")
        if target in kind.needs_signoff and signoff(rec) != "current":
            fail(i, f"{rid}: {target} needs a current client sign-off")
        rec["status"] = target
        rec["history"].append(target)

    prev_at = None
    for i, step in enumerate(STEPS):
        at_text = step.get("at", "")
        try:
            at = dt.datetime.fromisoformat(at_text)
        except ValueError:
            fail(i, f"at: {at_text!r} is not ISO 8601")
            continue
        if at.utcoffset() != dt.timedelta(hours=8):
            fail(i, "at: not in +08:00")
        if at.weekday() >= 5 or not (8 <= at.hour < 20):
            fail(i, f"at: {at_text} is not a working day and hour")
        if prev_at is not None and at <= prev_at:
            fail(i, f"at: {at_text} not after the previous step")
        if at.date() >= today or at.date() < dt.date(2026, 10, 12):
            fail(i, f"at: {at_text} outside 2026-10-12 .. 2026-11-26")
        prev_at = at
        when = at.date()
        if step.get("by") not in AUTHORS:
            fail(i, f"by: {step.get('by')!r} is not an author")
        op = step.get("op")
        if "why" in step and not (isinstance(step["why"], str) and step["why"].strip()):
            fail(i, "why: leave it out for none, never empty")

        if op == "create":
            kind = schema.KINDS.get(step.get("kind"))
            if kind is None:
                fail(i, f"kind: {step.get('kind')!r} unknown")
                continue
            fields = step.get("fields", {})
            check_fields(i, kind, fields, when)
            for f in kind.own_fields:
                if f.required and not fields.get(f.name):
                    fail(i, f"{f.name} is required for {kind.name}")
            n = counters.get(kind.prefix, 0) + 1
            counters[kind.prefix] = n
            rid = f"{kind.prefix}-{n}"
            recs[rid] = {"kind": kind.name, "status": kind.initial,
                         "fields": {}, "signed": None, "deleted": False,
                         "created": when, "confirms": 0,
                         "history": [kind.initial], "stale_before_confirm":
                         False}
            apply(recs[rid], fields)
        elif op in ("set", "hand-edit", "move", "confirm", "delete"):
            rid = step.get("id")
            if not live(rid):
                fail(i, f"{rid!r} does not exist at this point")
                continue
            rec = recs[rid]
            kind = schema.KINDS[rec["kind"]]
            if op == "hand-edit":
                msg = step.get("message")
                if not isinstance(msg, str) or not msg.strip():
                    fail(i, "hand-edit needs a commit message")
                if "why" in step:
                    fail(i, "a hand edit has no why (no trailers)")
            if op in ("set", "hand-edit"):
                check_fields(i, kind, step.get("fields", {}), when)
                apply(rec, step.get("fields", {}))
            elif op == "move":
                target = step.get("status")
                if target not in kind.statuses:
                    fail(i, f"status {target!r} not a {kind.name} status")
                    continue
                check_fields(i, kind, step.get("fields", {}), when)
                apply(rec, step.get("fields", {}))
                move(i, rid, rec, target)
            elif op == "confirm":
                if not kind.has_signoff:
                    fail(i, f"{rid}: {kind.name} has no client sign-off")
                    continue
                if not step.get("sign_by") or not step.get("via"):
                    fail(i, "confirm needs sign_by and via")
                on = as_date(i, "on", step.get("on"))
                if on and on > when:
                    fail(i, "on: sign-off dated after the step")
                if signoff(rec) == "stale":
                    rec["stale_before_confirm"] = True
                rec["signed"] = agreed(rec)
                rec["confirms"] += 1
                order = kind.statuses
                if order.index(rec["status"]) < order.index(
                        kind.signoff_status):
                    move(i, rid, rec, kind.signoff_status)
            elif op == "delete":
                rec["deleted"] = True
                for oid, other in recs.items():
                    if not other["deleted"] and rid in repr(other["fields"]):
                        fail(i, f"{rid} deleted while {oid} refers to it")
        elif op == "project":
            fields = step.get("fields")
            if not isinstance(fields, dict) or not fields:
                fail(i, "project: fields must be a non-empty dict")
                continue
            for name, value in fields.items():
                f = schema.PROJECT_FIELD.get(name)
                if f is None or name in ("name", "client"):
                    fail(i, f"project.{name}: not a field a step may set")
                else:
                    check_value(i, f, name, value, when)
        elif op == "baseline":
            name = step.get("name", "")
            if not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
                fail(i, f"baseline name {name!r} is not a slug")
            baselines.append(name)
        else:
            fail(i, f"op {op!r} unknown")

    # project.toml
    for name, value in PROJECT.items():
        f = schema.PROJECT_FIELD.get(name)
        if f is None:
            problems.append(f"PROJECT.{name}: unknown field")
            continue
        check_value("PROJECT", f, name, value, today)
    for f in schema.PROJECT_FIELDS:
        if f.required and not PROJECT.get(f.name):
            problems.append(f"PROJECT.{f.name} is required")

    # --- what the demo must show on 2026-11-27 ---------------------------
    alive = {rid: r for rid, r in recs.items() if not r["deleted"]}

    def of(kind):
        return {rid: r for rid, r in alive.items() if r["kind"] == kind}

    def need(cond, what):
        if not cond:
            problems.append(f"scenario: {what}")

    for k in schema.KINDS:
        need(of(k), f"no {k} record")
    need(120 <= len(STEPS) <= 190, f"{len(STEPS)} steps, want 120..190")
    need("kickoff-scope" in baselines, "no kickoff-scope baseline")
    need(any(s["op"] == "delete" for s in STEPS), "no deletion")
    need(sum(s["op"] == "hand-edit" for s in STEPS) >= 2, "< 2 hand edits")

    reqs = of("requirement")
    stale = sorted(r for r, x in reqs.items() if signoff(x) == "stale")
    reconfirmed = sorted(r for r, x in reqs.items()
                         if x["stale_before_confirm"] and signoff(x) == "current")
    need(len(stale) >= 2, f"changed since sign-off: {stale}")
    need(reconfirmed, "no requirement re-confirmed after a change")
    need(any(x["status"] in ("rejected", "withdrawn") for x in reqs.values()),
         "no rejected/withdrawn requirement")

    crs = of("change")
    cr_status = {r: x["status"] for r, x in crs.items()}
    for s in ("approved", "rejected", "proposed"):
        need(s in cr_status.values(), f"no change request {s}")
    for r, x in crs.items():
        if x["status"] in ("proposed", "approved", "rejected"):
            imp = x["fields"].get("impact", {})
            need({"scope", "schedule_days", "cost"} <= set(imp),
                 f"{r}: impact incomplete")

    fbs = of("feedback")
    overdue_fb = sorted(
        r for r, x in fbs.items()
        if x["fields"].get("reply_due")
        and dt.date.fromisoformat(x["fields"]["reply_due"]) < today
        and not x["fields"].get("replied_on")
        and x["status"] not in ("replied", "closed"))
    need(len(overdue_fb) >= 2, f"overdue feedback replies: {overdue_fb}")
    for r, x in fbs.items():
        if x["status"] in ("replied", "closed"):
            need(x["fields"].get("replied_on") and x["fields"].get("reply"),
                 f"{r} replied without reply/replied_on")

    acts = of("action")
    overdue_act = sorted(
        r for r, x in acts.items() if x["status"] == "open"
        and dt.date.fromisoformat(x["fields"]["due"]) < today)
    need(len(overdue_act) >= 2, f"overdue actions: {overdue_act}")
    need(any(x["status"] == "done" for x in acts.values()), "no done action")

    disputes = sorted(
        r for r, x in of("issue").items()
        if x["fields"].get("type") == "dispute"
        and x["status"] in ("open", "mitigating")
        and len(x["fields"].get("positions", [])) >= 2)
    need(disputes, "no open dispute with two positions")
    need(any(x["status"] == "occurred" for x in of("issue").values()),
         "no occurred issue")

    mtgs = of("meeting")
    held_progress = sorted(
        dt.date.fromisoformat(x["fields"]["date"]) for x in mtgs.values()
        if x["status"] == "held" and x["fields"].get("type") == "progress")
    monday = today - dt.timedelta(days=today.weekday())
    need(held_progress and held_progress[-1] in (
        dt.date(2026, 11, 19), dt.date(2026, 11, 20)),
        f"last held progress meeting {held_progress[-1:]}")
    need(not any(d >= monday for d in held_progress),
         "a progress meeting was held this week")
    need(any(x["fields"].get("type") == "stage-review"
             and x["fields"].get("outcome") for x in mtgs.values()),
         "no stage review with an outcome")
    for r, x in mtgs.items():
        if x["status"] == "held":
            need(dt.date.fromisoformat(x["fields"]["date"]) <= today,
                 f"{r} held in the future")

    need(any(x["status"] == "sent" and x["fields"].get("type") == "weekly"
             for x in of("report").values()), "no weekly report sent")

    slipped = []
    for m in PROJECT["milestones"]:
        if m.get("forecast") and m["forecast"] > m["baseline"]:
            ch = m.get("change")
            if ch:
                need(ch in crs and crs[ch]["status"] in ("approved",
                                                         "implemented"),
                     f"milestone {m['name']}: {ch} is not an approved change")
            slipped.append((m["name"], ch))
    need(any(c for _, c in slipped), "no slipped milestone with a change")
    need(any(not c for _, c in slipped), "no slipped milestone without one")

    # tricky text
    titles = [x["fields"].get(schema.KINDS[x["kind"]].title_field, "")
              for x in alive.values()]
    need(any("[bold]" in t or "[/]" in t for t in titles), "no [bold] title")
    need(any(any(ord(c) > 0xFFFF for c in t) for t in titles), "no emoji")

    return problems
