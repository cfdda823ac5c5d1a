"""The review-meeting summary (评审会摘要, material for the minutes): what
changed in a period, read from the history, with commit ids as evidence."""
from __future__ import annotations

import json
import json.encoder

from store.reports.common import (Ctx, Doc, as_date, control_header, control_section,
                                  count_word, d, doc, doc_control, kv, open_issue,
                                  overdue_replies, p, section, table, ul)
from store.reports.narrative import author_name
from store.reports.summary_cache import SUMMARY_KEEP, render_cached, _head, _kept_for, _question, _files_key, _Racy, _keep_text  # noqa: F401 - its old import path
from store.reports.summary_lines import DROP_STATUSES, field_label, _signoff, _fields_text, ACTION_WORDS, action_word, _status_change, _stale, _title_of, _changed_line, signoff_stories, _confirm_line, _dropped_line, _impact, _decided_line, waiting_on_client  # noqa: F401 - their old import path

EVIDENCE_ROWS = 300  # rows of the "who changed what" table in the document
LIST_ITEMS = 100     # items of one list in the document (JSON "records" has all)


def records_touched(ctx: Ctx, folded, text_out: list | None = None) -> list[dict]:
    """One entry per record touched in the period (cli.md shape), from a
    summary_fold.Folded; its JSON text is appended to ``text_out`` when
    given.  (A fold read back from disk has the events only as that text.)"""
    from store.reports.summary_fold import joined
    out = []
    texts = []
    dumps = json.dumps
    enc = json.encoder.encode_basestring  # what dumps(ensure_ascii=False) uses
    publics = folded.publics
    for rid, (kind, etitle, evtexts) in folded.records.items():
        rec = ctx.get(rid)
        title = rec.title if rec else etitle
        if rid == "project":
            title = ctx.name
        signoff = _signoff(ctx, rec) if rec else "none"
        out.append({"id": rid, "kind": kind, "title": title, "signoff": signoff,
                    "events": publics.get(rid) if publics is not None else None})
        if type(rid) is str and type(kind) is str and type(title) is str \
                and type(signoff) is str:
            head = ('{"id": ' + enc(rid) + ', "kind": ' + enc(kind) + ', "title": '
                    + enc(title) + ', "signoff": ' + enc(signoff) + "}")
        else:
            head = dumps({"id": rid, "kind": kind, "title": title, "signoff": signoff},
                         ensure_ascii=False, default=str)
        texts.append(head[:-1] + ', "events": [' + joined(evtexts) + "]}")
    if text_out is not None:
        text_out.append("[" + ", ".join(texts) + "]")
    return out


def build(ctx: Ctx, hist, period, evidence: bool = False, folded=None) -> dict:
    """The summary of ``period``; ``evidence``: add the commits, authors and
    times behind it (an internal appendix, never in the default text).
    ``folded``: what summary_fold kept of the period's events (then
    ``hist.events`` is not read)."""
    from store.history import short
    from store.reports import summary_fold
    lang = ctx.lang
    tr = ctx.tr
    if folded is None:
        folded = summary_fold.of_events(ctx.project, hist.events)
    F = folded
    start, end = d(period.start), d(period.end)
    none = ctx.t("none_period")
    sections = []

    def capped(items, total=None):
        items = list(items)
        total = len(items) if total is None else total
        if total <= LIST_ITEMS:
            return items
        more = total - LIST_ITEMS
        return items[:LIST_ITEMS] + [tr("… and {n} more (every event is listed under "
                                        "\"records\" in --format json)",
                                        "……另有 {n} 项（--format json 的 records 列出全部）",
                                        n=more)]

    # --- previous meeting's actions --------------------------------------
    meeting = ctx.get(period.meeting) if period.meeting else None
    if meeting is None:
        held = [m for m in ctx.of("meeting") if m.status == "held"
                and as_date(m.data.get("date"))
                and (period.start is None or as_date(m.data.get("date")) <= period.start)]
        meeting = max(held, key=lambda m: as_date(m.data.get("date")), default=None)
    prev_rows = []
    if meeting is not None:
        wanted = set(meeting.data.get("actions") or [])
        for a in ctx.of("action"):
            if a.id in wanted or a.data.get("meeting") == meeting.id:
                due = as_date(a.data.get("due"))
                state = {"open": tr("open", "未完成"), "done": tr("done", "已完成"),
                         "dropped": tr("dropped", "已取消")}.get(a.status, a.status)
                if a.status == "open" and due and due < ctx.today:
                    state = tr("overdue", "已逾期")
                prev_rows.append([ctx.ref(a), ctx.owner(a.data.get("owner")),
                                  d(due) or ctx.t("no_date"), state])
    sections.append(section(
        "previous_actions", tr("Action items from the previous meeting",
                               "上次会议待办跟踪"),
        p(tr("From {m}, held {d}.", "来自{m}（{d}）。",
             m=ctx.ref(meeting), d=d(meeting.data.get("date")))) if meeting else None,
        table([tr("Action", "事项"), tr("Owner", "责任人"), tr("Due", "完成时间"),
               tr("State", "状态")], prev_rows,
              empty=none if meeting else tr("No meeting has been held yet.",
                                            "尚未召开过会议。"))))

    # --- requirements --------------------------------------------------------
    given = F.given

    def ttl(e):
        return _title_of(ctx, e)
    sections.append(section(
        "requirements", tr("Requirements", "需求"),
        {"type": "h3", "text": tr("Added", "新增")},
        ul(capped([f"{ttl(e)}（{e['date'][:10]}）" if lang == "zh" else f"{ttl(e)} ({e['date'][:10]})"
            for e in F.items("added")], F.count("added")), empty=none),
        {"type": "h3", "text": tr("Changed", "修改")},
        ul(capped([_changed_line(ctx, e) for e in F.items("changed")], F.count("changed")),
           empty=none),
        {"type": "h3", "text": tr("Confirmed by the client", "甲方确认")},
        ul(capped([_confirm_line(ctx, e, given) for e in F.items("confirmed")],
                  F.count("confirmed")), empty=none),
        {"type": "h3", "text": tr("Dropped", "删除/撤销")},
        ul(capped([_dropped_line(ctx, e) for e in F.items("dropped")], F.count("dropped")),
           empty=none)))

    # --- changed since sign-off -------------------------------------------
    stale = ctx.once(_stale)
    stale_rows = []
    told = signoff_stories(ctx, stale, confirms=({c.id for c in hist.commits}, F.confirms))
    for r in stale:
        conf = r.data.get("confirmation") or {}
        stale_rows.append([ctx.ref(r), str(conf.get("by") or ""),
                           d(conf.get("on")), told[r.id]])
    sections.append(section(
        "changed_since_signoff", tr("Changed since sign-off (needs re-confirmation)",
                                    "签认后变更（需重新确认）"),
        table([tr("Item", "事项"), tr("Signed by", "签认人"), tr("Signed on", "签认日期"),
               tr("Changed", "修改内容")], stale_rows, empty=tr("None.", "无。"))))

    # --- change requests -------------------------------------------------------
    sections.append(section(
        "changes", tr("Change requests", "变更请求"),
        {"type": "h3", "text": tr("Raised", "新提出")},
        ul([tr("{t} — {i}", "{t}——{i}", t=ttl(e), i=_impact(ctx, e["id"]))
            for e in F.raised], empty=none),
        {"type": "h3", "text": tr("Decided", "已决定")},
        ul(capped([_decided_line(ctx, e) for e in F.items("decided")], F.count("decided")),
           empty=none)))

    # --- decisions ---------------------------------------------------------------
    dec_items = []
    for e in F.items("decisions"):
        r = ctx.get(e["id"])
        out = str(r.data.get("outcome") or "") if r else ""
        dec_items.append(ttl(e) + (f"：{out}" if lang == "zh" and out else
                                   f": {out}" if out else ""))
    sections.append(section("decisions", tr("Decisions", "决议"),
                            ul(capped(dec_items, F.count("decisions")), ordered=True,
                               empty=none)))

    # --- feedback ---------------------------------------------------------------
    def reply_days(rid, replied_on):
        r = ctx.get(rid)
        rec_on = as_date(r.data.get("received_on")) if r else None
        rep_on = as_date(replied_on)
        return (rep_on - rec_on).days if (rec_on and rep_on) else None, rep_on
    times = [n for n, _ in (reply_days(*x) for x in F.replied) if n is not None]
    replied_items = []
    for e in F.items("fb_replied"):
        days, rep_on = reply_days(e["id"], e["fields"]["replied_on"][1])
        replied_items.append(ttl(e) + (tr(" — replied {d} after {n} days",
                                          "——{d} 答复，用时 {n} 天",
                                          d=d(rep_on), n=days) if days is not None else ""))
    late = ctx.once(overdue_replies)
    sections.append(section(
        "feedback", tr("Feedback", "客户反馈"),
        kv([[tr("Received", "收到"), str(F.count("fb_new"))],
            [tr("Replied", "已答复"), str(F.count("fb_replied"))],
            [tr("Average response time", "平均答复用时"),
             (tr("{n} days", "{n} 天", n=round(sum(times) / len(times), 1))
              if times else "—")],
            [tr("Overdue replies", "逾期未答复"), str(len(late))]]),
        {"type": "h3", "text": tr("Received", "本期收到")},
        ul(capped([ttl(e) for e in F.items("fb_new")], F.count("fb_new")), empty=none),
        {"type": "h3", "text": tr("Replied", "本期答复")},
        ul(capped(replied_items, F.count("fb_replied")), empty=none),
        {"type": "h3", "text": tr("Overdue replies", "逾期未答复")},
        ul([tr("{r} — reply was due {d}", "{r}——答复期限 {d}", r=ctx.ref(f),
               d=d(f.data.get("reply_due"))) for f in late],
           empty=tr("None.", "无。"))))

    # --- issues ---------------------------------------------------------------
    open_disputes = [i for i in ctx.of("issue") if open_issue(i)
                     and i.data.get("type") == "dispute"]
    sections.append(section(
        "issues", tr("Issues, risks and disputes", "风险、问题与争议"),
        {"type": "h3", "text": tr("Opened", "新增")},
        ul(capped([ttl(e) for e in F.items("opened")], F.count("opened")), empty=none),
        {"type": "h3", "text": tr("Closed", "关闭")},
        ul(capped([ttl(e) for e in F.items("closed")], F.count("closed")), empty=none),
        {"type": "h3", "text": tr("Open disputes", "未解决的争议")},
        ul([tr("{r} — {o}", "{r}——{o}", r=ctx.ref(i), o=ctx.owner(i.data.get("owner")))
            for i in open_disputes],
           empty=tr("None.", "无。"))))

    # --- waiting on the client ----------------------------------------------------
    waiting = ctx.once(waiting_on_client)
    sections.append(section(
        "waiting_on_client", tr("Waiting on the client", "等待甲方的事项"),
        ul([w["text"] for w in waiting], empty=tr("None.", "无。"))))

    # --- who changed what (only when asked: internal evidence) -------------------
    if evidence:
        rows = []
        for e in F.last_events():
            rows.append([short(e["commit"]), author_name(e["author"]),
                         e["date"][:16].replace("T", " "),
                         e["id"] if e["id"] != "project" else tr("project", "项目"),
                         action_word(lang, e["action"]),
                         _fields_text(e, lang) + (" ⚠ " + e["problem"]
                                                  if e.get("problem") else "")])
        sections.append(section(
            "evidence", tr("Who changed what (evidence)", "谁改了什么（依据）"),
            ul([tr("{a}: {n}", "{a}：{n} 次提交", a=a,
                   n=c if lang == "zh" else count_word("en", c, "commit", "commits"))
                for a, (c, _) in F.authors.items()], empty=none),
            p(tr("The latest {n} of {m} events; `--format json` lists every event under "
                 "\"records\".", "仅列出 {m} 个事件中最近的 {n} 个；`--format json` 的 records "
                 "列出全部。", n=EVIDENCE_ROWS, m=F.events))
            if F.events > EVIDENCE_ROWS else None,
            table([tr("Commit", "提交"), tr("Author", "作者"), tr("Date", "时间"),
                   tr("Record", "记录"), tr("Action", "动作"), tr("Fields", "字段")],
                  rows)))

    records_text: list[str] = []
    records = records_touched(ctx, F, records_text)
    n_attention = len(stale) + len(waiting) + len(late)
    overview = tr(
        "{s} to {e}: {r_en} changed. Waiting on the client: {w}; "
        "changed since sign-off: {st}; overdue feedback replies: {l}.",
        "{s} 至 {e} 共有 {r} 条记录发生变化。等待甲方 {w} 项，签认后又修改 {st} 项，"
        "反馈逾期未答复 {l} 条。",
        r=len(records), s=start, e=end, w=len(waiting),
        r_en=count_word("en", len(records), "record", "records"),
        st=len(stale), l=len(late))
    sections.insert(0, section("overview", tr("Overview", "概要"), p(overview)))
    title = tr("Review summary: {n} ({s} to {e})", "评审会摘要：{n}（{s} 至 {e}）",
               n=ctx.name, s=start, e=end)
    # document control: a summary is not kept as a report record, so it is
    # the first issue of its period, numbered by the period's end
    key = (end or d(ctx.today)).replace("-", "")
    control = doc_control(ctx, "summary", key, [], ctx.issued or ctx.today)
    sections.append(control_section(ctx, control))
    header = [[ctx.t("project"), ctx.name], [ctx.t("client_name"), ctx.client],
              [ctx.t("period"), f"{start}{ctx.t('to')}{end}"],
              *control_header(ctx, control)]
    out = doc("summary", ctx, title, header, sections, control=control,
              footer=[[ctx.t("date"), d(ctx.today)]],
               since=period.since, until=period.until,
               period=dict(period.to_json(), meeting=period.meeting,
                           baseline=period.baseline),
               commits=[c.id for c in hist.commits], records=records,
               attention=n_attention,
               waiting_on_client=[{k: v for k, v in w.items() if k != "text"}
                                  for w in waiting])
    out = Doc(out)
    out.raw_json = {"records": (records, records_text[0])}
    return out


