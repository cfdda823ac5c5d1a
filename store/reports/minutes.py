"""Minutes of one meeting (会议纪要): header, the previous meeting's open
actions, discussion, numbered decisions, action table, next meeting and a
confirmation block."""
from __future__ import annotations

from ..errors import InvalidValue
from .common import (Ctx, agenda_item, as_date, d, doc, kv, meeting_record, p, section,
                     table, ul)

CONFIRM_DAYS = 3
TYPE_WORDS = {"kickoff": ("kickoff meeting", "启动会"), "progress": ("progress meeting", "周例会"),
              "stage-review": ("stage review", "阶段评审会"), "workshop": ("workshop", "工作坊"),
              "acceptance": ("acceptance meeting", "验收会"),
              "retrospective": ("retrospective", "总结会"), "ad-hoc": ("meeting", "专题会")}


def build(ctx: Ctx, mid: str | None) -> dict:
    tr = ctx.tr
    lang = ctx.lang
    if not mid:
        raise InvalidValue("which meeting? `accord report minutes MTG-n` "
                           "(`accord list meeting` shows them)")
    m = meeting_record(ctx, mid, f"minutes of {mid}")
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
    if m.status != "held":
        header.append([tr("Note", "说明"),
                       tr("this meeting is {s}, not held", "本会议状态为“{s}”，尚未召开",
                          s=m.status)])
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
                rows.append(_action_row(ctx, a))
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

    decs = []
    listed = list(data.get("decisions") or [])
    for x in ctx.of("decision"):
        if x.data.get("via") == m.id and x.id not in listed:
            listed.append(x.id)
    for did in listed:
        x = ctx.get(did)
        if x is None:
            continue
        outcome = " ".join(str(x.data.get("outcome") or x.title).split())
        by = sep.join(x.data.get("decided_by") or []) or tr("the meeting", "会议")
        decs.append(tr("{o} (decided by {b}; {t})", "{o}（决定方：{b}；{t}）",
                       o=outcome.rstrip("。."), b=by, t=ctx.ref(x)))
    sections.append(section("decisions", tr("4 Decisions", "四、会议决议"),
                            ul(decs, ordered=True,
                               empty=tr("No decisions were taken at this meeting.",
                                        "本次会议未形成决议。"))))

    act_ids = list(data.get("actions") or [])
    for a in ctx.of("action"):
        if a.data.get("meeting") == m.id and a.id not in act_ids:
            act_ids.append(a.id)
    arows = []
    for i, aid in enumerate(act_ids, 1):
        a = ctx.get(aid)
        if a is not None:
            arows.append([str(i)] + _action_row(ctx, a))
    sections.append(section(
        "actions", tr("5 Action items", "五、待办事项"),
        table([tr("No.", "编号"), tr("Action", "事项"), tr("Owner", "责任人（单位）"),
               tr("Due", "完成时间"), tr("Status", "状态")], arows,
              empty=tr("No actions were agreed at this meeting.", "本次会议未布置待办事项。"))))

    nxt = None
    for o in ctx.of("meeting"):
        od = as_date(o.data.get("date"))
        if o.status == "planned" and od and date and od > date:
            if nxt is None or od < as_date(nxt.data.get("date")):
                nxt = o
    sections.append(section(
        "next_meeting", tr("6 Next meeting", "六、下次会议"),
        p(tr("{t}, {d}, {p}", "{t}，{d}，{p}", t=ctx.ref(nxt), d=d(nxt.data.get("date")),
             p=nxt.data.get("place") or "—")) if nxt else
        p(tr("Not scheduled yet.", "尚未安排。"))))
    chair = str(data.get("chair") or "—")
    recorder = str(data.get("recorder") or "—")
    sections.append(section(
        "confirmation", tr("Confirmation", "确认"),
        p(tr("Unless a participant objects in writing within {n} working days of issue, "
             "these minutes stand as confirmed by both parties.",
             "本纪要发出后 {n} 个工作日内无书面异议，视为双方确认。", n=CONFIRM_DAYS)),
        kv([[tr("Client representative / date", "甲方代表（签字）/ 日期"), ""],
            [tr("Vendor representative / date", "乙方代表（签字）/ 日期"), ""]])))
    footer = [[tr("Minute-taker", "记录人"), recorder], [tr("Reviewed by", "审核人（主持人）"), chair],
              [tr("Issued", "发出日期"), d(ctx.today)], [ctx.t("version"), "1.0"]]
    return doc("minutes", ctx, title, header, sections, footer=footer, meeting=m.id,
               decisions=listed, actions=act_ids)


def _role(ctx, name) -> str:
    s = ctx.people().get(str(name))
    if s and s.get("role"):
        return f"{name}（{s['role']}）" if ctx.lang == "zh" else f"{name} ({s['role']})"
    return str(name)


def _action_row(ctx, a) -> list[str]:
    due = as_date(a.data.get("due"))
    state = {"open": ctx.tr("open", "进行中"), "done": ctx.tr("done", "已完成"),
             "dropped": ctx.tr("dropped", "已取消")}.get(a.status, a.status)
    if a.status == "open" and due and due < ctx.today:
        state = ctx.tr("overdue", "已逾期")
    return [ctx.ref(a), ctx.owner(a.data.get("owner")),
            d(due) or ctx.tr("date not set — to be fixed", "未定日期，须补充"), state]
