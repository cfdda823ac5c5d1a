"""Minutes of one meeting (会议纪要): header, the previous meeting's open
actions, discussion, numbered decisions (proposed ones apart, as pending),
action table, next meeting and a confirmation block.

As of their issue date: the items are those linked to the meeting as last
recorded (also when recorded after the meeting), each with its state at
the issue date (the latest kept minutes report of the meeting, else the
meeting's date); an item recorded after that point shows its first
recorded state.  The next meeting is named likewise: chosen by its date
then, with its place and status then.  Minutes of a planned meeting are
refused; a cancelled meeting gives a cancellation notice."""
from __future__ import annotations

from store.errors import InvalidValue
from store.reports.common import (Ctx, agenda_item, as_date, control_section, d, doc,
                                  doc_control, h3, kv, meeting_record, p, section,
                                  status_word, table, ul)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any
    import datetime as dt

    from store.model.records import Record

CONFIRM_DAYS = 3
TYPE_WORDS = {"kickoff": ("kickoff meeting", "启动会"), "progress": ("progress meeting", "周例会"),
              "stage-review": ("stage review", "阶段评审会"), "workshop": ("workshop", "工作坊"),
              "acceptance": ("acceptance meeting", "验收会"),
              "retrospective": ("retrospective", "总结会"), "ad-hoc": ("meeting", "专题会")}


def kept(ctx: Ctx, mid: str) -> list[Record]:
    """The kept (sent) minutes reports of meeting ``mid``, oldest first:
    linked to it (``links``), as ``keep`` writes them."""
    out = [r for r in ctx.kept_reports() if r.status == "sent"
           and r.data.get("type") == "minutes" and mid in (r.data.get("links") or [])
           and as_date(r.data.get("sent_on"))]
    out.sort(key=lambda r: (as_date(r.data["sent_on"]), int(r.id.split("-")[1])))
    return out


def issue_date(ctx: Ctx, mid: str | None) -> dt.date | None:
    """The minutes' issue date: the latest kept minutes report's, else the
    meeting's date, else today."""
    if not mid:
        raise InvalidValue("which meeting? `accord report minutes MTG-n` "
                           "(`accord list meeting` shows them)")
    m = meeting_record(ctx, mid, f"minutes of {mid}")
    sent = kept(ctx, m.id)
    if sent:
        return as_date(sent[-1].data["sent_on"])
    return as_date(m.data.get("date")) or ctx.today


def build(ctx: Ctx, mid: str | None, at_ctx: Ctx | None = None) -> dict[str, Any]:
    """``ctx``: the records now (which items belong to the meeting);
    ``at_ctx``: the records at the issue date (their states then)."""
    if not mid:
        raise InvalidValue("which meeting? `accord report minutes MTG-n` "
                           "(`accord list meeting` shows them)")
    m = meeting_record(ctx, mid, f"minutes of {mid}")
    at_ctx = at_ctx or ctx
    if m.status == "planned":
        raise InvalidValue(f"{m.id} is planned, not held: minutes are written once it is "
                           f"held (`accord move {m.id} held`)")
    if m.status == "cancelled":
        return _cancelled(ctx, m, at_ctx)
    states = _States(ctx, at_ctx)
    tr = ctx.tr
    lang = ctx.lang
    data = m.data
    sep = "、" if lang == "zh" else ", "
    typ = TYPE_WORDS.get(data.get("type"), ("meeting", "会议"))
    title = tr("{n} — {t} minutes", "{n} {t}纪要", n=ctx.name,
               t=typ[1] if lang == "zh" else typ[0])
    date = as_date(data.get("date"))
    time = d(date) or ctx.t("no_date")
    if data.get("start") or data.get("end"):
        time += f" {data.get('start') or '?'}–{data.get('end') or '?'}"
    none = tr("None.", "无。")
    header = [[tr("Meeting", "会议"), ctx.ref(m)],
              [tr("Time", "时间"), time],
              [tr("Place", "地点"), str(data.get("place") or "—")],
              [tr("Chair", "主持人"), ctx.owner(data.get("chair")) if data.get("chair") else "—"],
              [tr("Minute-taker", "记录人"),
               ctx.owner(data.get("recorder")) if data.get("recorder") else "—"],
              [tr("Attendees (client)", "参会人（甲方）"),
               sep.join(_role(ctx, x) for x in data.get("attendees_client") or []) or "—"],
              [tr("Attendees (vendor)", "参会人（乙方）"),
               sep.join(_role(ctx, x) for x in data.get("attendees_vendor") or []) or "—"],
              [tr("Apologies", "缺席"), sep.join(data.get("absent") or []) or none]]
    sections = []
    agenda = []
    for topic, mins, who in (agenda_item(str(x)) for x in data.get("agenda") or []):
        extra = [tr(", ", "、").join(who)] if who else []
        if mins is not None:
            extra.append(tr("{n} min", "{n} 分钟", n=mins))
        agenda.append(topic + (tr(" ({x})", "（{x}）", x=tr(", ", "，").join(extra))
                               if extra else ""))
    sections.append(section("agenda", tr("1 Agenda", "一、会议议题"),
                            ul(agenda, ordered=True, empty=none)))

    # the previous held meeting and its actions still open (or closed since)
    prev = None
    for o in ctx.of("meeting"):
        od = as_date(o.data.get("date"))
        if o.id != m.id and o.status == "held" and od and date and od < date:
            if prev is None or od >= as_date(prev.data.get("date")):
                prev = o
    rows = []
    if prev:
        wanted = set(prev.data.get("actions") or [])
        for a in ctx.of("action"):
            if a.id in wanted or a.data.get("meeting") == prev.id:
                rows.append(_action_row(at_ctx, states.get(a)))
    sections.append(section(
        "matters_arising", tr("2 Matters arising (previous meeting's actions)", "二、上次会议待办跟踪"),
        p(tr("From {m}.", "来自{m}。", m=ctx.ref(prev) + f"（{d(prev.data.get('date'))}）"
             if lang == "zh" else f"{ctx.ref(prev)}, {d(prev.data.get('date'))}")) if prev else None,
        table([tr("Action", "事项"), tr("Owner", "责任人（单位）"), tr("Due", "完成时间"),
               tr("Status", "状态")], rows,
              empty=tr("No actions were recorded at that meeting.", "上次会议未留下待办事项。")
              if prev else tr("This is the first meeting.", "本次为首次会议。"))))
    sections.append(section("discussion", tr("3 Discussion", "三、讨论要点"),
                            p(str(data.get("minutes"))) if data.get("minutes") else
                            p(tr("No discussion notes were recorded.", "未记录讨论要点。"))))

    decs, pending = [], []
    listed = list(data.get("decisions") or [])
    for x in ctx.of("decision"):
        if x.data.get("via") == m.id and x.id not in listed:
            listed.append(x.id)
    for did in listed:
        x = ctx.get(did)
        if x is None:
            continue
        x = states.get(x)
        outcome = " ".join(str(x.data.get("outcome") or x.title).split())
        by = sep.join(x.data.get("decided_by") or []) or tr("the meeting", "会议")
        # the title once: an outcome that says it already is followed by the id
        # alone; else id then title, as it stands in the bracket (no （…（DEC-1）））
        told = x.id if " ".join(x.title.split()) in outcome else ctx.ref_inside(x)
        if x.status == "proposed":
            pending.append(tr("{o} (awaiting {b}; {t})", "{o}（待{b}决定；{t}）",
                              o=outcome.rstrip("。."), b=by, t=told))
            continue
        line = tr("{o} (decided by {b}; {t})", "{o}（决定方：{b}；{t}）",
                  o=outcome.rstrip("。."), b=by, t=told)
        if x.status in ("superseded", "reverted"):
            line += tr(" — since {s}", "——现{s}", s=status_word(lang, x.status, "decision"))
        decs.append(line)
    sections.append(section("decisions", tr("4 Decisions", "四、会议决议"),
                            ul(decs, ordered=True,
                               empty=tr("No decisions were taken at this meeting.",
                                        "本次会议未形成决议。")),
                            h3(tr("Pending (proposed, not yet decided)", "待决事项"))
                            if pending else None,
                            ul(pending) if pending else None))

    act_ids = list(data.get("actions") or [])
    for a in ctx.of("action"):
        if a.data.get("meeting") == m.id and a.id not in act_ids:
            act_ids.append(a.id)
    arows = []
    for i, aid in enumerate(act_ids, 1):
        a = ctx.get(aid)
        if a is not None:
            arows.append([str(i)] + _action_row(at_ctx, states.get(a)))
    sections.append(section(
        "actions", tr("5 Action items", "五、待办事项"),
        table([tr("No.", "编号"), tr("Action", "事项"), tr("Owner", "责任人（单位）"),
               tr("Due", "完成时间"), tr("Status", "状态")], arows,
              empty=tr("No actions were agreed at this meeting.", "本次会议未布置待办事项。"))))

    # as of the minutes' point, like everything else in them: its date,
    # place and status then (or as first recorded, if recorded later)
    nxt = next_meeting(ctx, m, states)
    if nxt is None:
        nxt_text = tr("Not scheduled yet.", "尚未安排。")
    else:
        nxt_text = tr("{t}, {d}, {p}", "{t}，{d}，{p}", t=ctx.ref(nxt),
                      d=d(nxt.data.get("date")), p=nxt.data.get("place") or "—")
        if nxt.status == "cancelled":
            nxt_text += tr(" (cancelled)", "（已取消）")
    sections.append(section("next_meeting", tr("6 Next meeting", "六、下次会议"),
                            p(nxt_text)))
    chair = str(data.get("chair") or "—")
    recorder = str(data.get("recorder") or "—")
    sections.append(section(
        "confirmation", tr("Confirmation", "确认"),
        p(tr("Unless a participant objects in writing within {n} working days of issue, "
             "these minutes stand as confirmed by both parties.",
             "本纪要发出后 {n} 个工作日内无书面异议，视为双方确认。", n=CONFIRM_DAYS)),
        kv([[tr("Client representative / date", "甲方代表（签字）/ 日期"), ""],
            [tr("Vendor representative / date", "乙方代表（签字）/ 日期"), ""]])))
    control = doc_control(ctx, "minutes", m.id, kept(ctx, m.id), at_ctx.issued or at_ctx.today)
    footer = [[tr("Minute-taker", "记录人"), recorder], [tr("Reviewed by", "审核人（主持人）"), chair],
              [tr("Issued", "发出日期"), control["issued"]],
              [ctx.t("version"), control["version"]]]
    sections.append(control_section(ctx, control))
    return doc("minutes", ctx, title, header, sections, footer=footer, meeting=m.id,
               decisions=listed, actions=act_ids, as_of=d(at_ctx.today),
               control=control, pending=[x for x in listed
                                         if ctx.get(x) and states.get(ctx.get(x)).status
                                         == "proposed"])


def next_meeting(ctx: Ctx, m: Record, states: _States | None = None) -> Record | None:
    """The next meeting after ``m`` by date (whatever its status; ties: the
    lower id), or None.  With ``states``, each meeting as it was at the
    minutes' point (one recorded later: as first recorded), so a later
    move, cancellation or new date never changes minutes already issued."""
    date = as_date(m.data.get("date"))
    best = None
    others = [o for o in ctx.of("meeting") if o.id != m.id]
    for o in states.many(others) if states is not None else others:
        od = as_date(o.data.get("date"))
        if not (od and date and od > date):
            continue
        if best is None or od < as_date(best.data.get("date")):
            best = o
    return best


def _cancelled(ctx: Ctx, m, at_ctx: Ctx) -> dict:
    """A cancellation notice instead of minutes: no empty sections."""
    tr = ctx.tr
    typ = TYPE_WORDS.get(m.data.get("type"), ("meeting", "会议"))
    title = tr("{n} — {t} cancelled", "{n} {t}取消通知", n=ctx.name,
               t=typ[1] if ctx.lang == "zh" else typ[0])
    nxt = next_meeting(ctx, m, _States(ctx, at_ctx))
    header = [[tr("Meeting", "会议"), ctx.ref(m)],
              [tr("Planned for", "原定时间"), d(m.data.get("date")) or ctx.t("no_date")],
              [tr("Place", "地点"), str(m.data.get("place") or "—")]]
    body = [p(tr("This meeting did not take place; no minutes are issued for it.",
                 "本次会议已取消，不出具会议纪要。"))]
    if nxt is not None:
        body.append(p(tr("Next meeting: {t}, {d}.", "下次会议：{t}，{d}。", t=ctx.ref(nxt),
                         d=d(nxt.data.get("date")))))
    control = doc_control(ctx, "minutes", m.id, kept(ctx, m.id), at_ctx.issued or at_ctx.today)
    return doc("minutes", ctx, title, header,
               [section("notice", tr("Notice", "通知"), *body), control_section(ctx, control)],
               footer=[[tr("Issued", "发出日期"), control["issued"]],
                       [ctx.t("version"), control["version"]]],
               meeting=m.id, cancelled=True, decisions=[], actions=[], control=control)


class _States:
    """Each linked record as it was at the issue date (``at_ctx``); one
    recorded later shows its first recorded version."""

    def __init__(self, ctx: Ctx, at_ctx: Ctx):
        self.ctx, self.at = ctx, at_ctx
        self.first: dict = {}

    def get(self, rec):
        if self.at is self.ctx:
            return rec
        then = self.at.get(rec.id)
        if then is not None:
            return then
        if rec.id not in self.first:
            self.first.update(_first_versions(self.ctx, [rec], self.at.rev))
            self.first.setdefault(rec.id, rec)
        return self.first[rec.id]

    def many(self, recs: list) -> list:
        """``get`` of each, the ones recorded later looked up together
        (one search of the commit list, not one per record)."""
        if self.at is not self.ctx:
            later = [r for r in recs if self.at.get(r.id) is None and r.id not in self.first]
            if later:
                found = _first_versions(self.ctx, later, self.at.rev)
                for r in later:
                    self.first[r.id] = found.get(r.id, r)
        return [self.get(r) for r in recs]


def _first_versions(ctx: Ctx, recs: list, after: str | None) -> dict:
    """{id: Record as first committed} of ``recs`` (absent at commit
    ``after``, present now): a binary search of the kept commit list
    (store.history.list_commits) for the first commit holding each file,
    one ``cat-file --batch-check`` round per step: no walk of the history."""
    from store.model.codec import TOMLDecodeError, parse_bytes
    from store.history import list_commits
    from store.model.records import Record
    from store.history.asof import commits_until
    ws = ctx.ws
    commits = []
    if after:  # only what came after the point: listed back to its day, no further
        day = ws.git.out("log", "-1", "--format=%aI", after, "--", check=False)[:10]
        commits = [c.id for c in commits_until(ws, None, day)] if day else []
    if after not in commits:
        commits = [c.id for c in list_commits(ws)]
    lo0 = commits.index(after) + 1 if after in commits else 0
    span = {r.id: [lo0, len(commits) - 1] for r in recs if r.rel}
    by_id = {r.id: r for r in recs}
    while any(lo < hi for lo, hi in span.values()):
        probe = {rid: (lo + hi) // 2 for rid, (lo, hi) in span.items() if lo < hi}
        specs = [f"{commits[i]}:{by_id[rid].rel}" for rid, i in probe.items()]
        out = ws.git.run("cat-file", "--batch-check", input="\n".join(specs) + "\n",
                         check=False).stdout.splitlines()
        for (rid, i), line in zip(probe.items(), out):
            if line.endswith(" missing"):
                span[rid][0] = i + 1
            else:
                span[rid][1] = i
    found = {}
    with ws.git.blob_reader() as reader:
        raws = reader.get_many([f"{commits[lo]}:{by_id[rid].rel}"
                                for rid, (lo, _) in span.items() if commits])
    for rid, (lo, _) in span.items():
        raw = raws.get(f"{commits[lo]}:{by_id[rid].rel}") if commits else None
        if raw is None:
            continue
        try:
            data = parse_bytes(raw)
        except (TOMLDecodeError, UnicodeDecodeError):
            continue
        now = by_id[rid]
        found[rid] = Record(rid, now.kind, ctx.project, now.path, data, "", rel=now.rel)
    return found


def _role(ctx, name) -> str:
    s = ctx.people().get(str(name))
    if s and s.get("role"):
        from store.reports.common import noted
        return noted(ctx.lang, name, s["role"])
    return str(name)


def _action_row(ctx, a) -> list[str]:
    """An action's row with its state at ``ctx.today`` (the issue date)."""
    due = as_date(a.data.get("due"))
    state = status_word(ctx.lang, a.status, "action")
    if a.status == "open" and due and due < ctx.today:
        state = ctx.tr("overdue", "已逾期")
    return [ctx.ref(a), ctx.owner(a.data.get("owner")),
            d(due) or ctx.tr("date not set — to be fixed", "未定日期，须补充"), state]
