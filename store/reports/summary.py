"""The review-meeting summary (评审会摘要, material for the minutes): what
changed in a period, read from the history, with commit ids as evidence."""
from __future__ import annotations

import functools
import json
import json.encoder

from ..schema import KINDS
from .common import (WORK_KINDS, Ctx, Doc, as_date, control_header, control_section,
                     count_word, d, days, doc, doc_control, kv, money, open_issue,
                     overdue_replies, p, section, status_word, table, ul)
from .narrative import (author_name, compose, event_sentence, signed_histories,
                        signoff_phrase, since_signoff, why_text)

DROP_STATUSES = ("rejected", "withdrawn")
EVIDENCE_ROWS = 300  # rows of the "who changed what" table in the document
LIST_ITEMS = 100     # items of one list in the document (JSON "records" has all)


@functools.lru_cache(maxsize=4096)
def field_label(kind_name: str, name: str, lang: str) -> str:
    k = KINDS.get(kind_name)
    if name == "id":
        return "编号" if lang == "zh" else "id"
    if k is None:
        from ..schema import PROJECT_FIELD
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


def records_touched(ctx: Ctx, folded, text_out: list | None = None) -> list[dict]:
    """One entry per record touched in the period (cli.md shape), from a
    summary_fold.Folded; its JSON text is appended to ``text_out`` when
    given.  (A fold read back from disk has the events only as that text.)"""
    from .summary_fold import joined
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
    from ..history import short
    from . import summary_fold
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
    told = signoff_stories(ctx, stale)
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


def _stale(ctx: Ctx) -> list:
    """Requirements and change requests changed since the client signed."""
    return [r for r in ctx.of("requirement") + ctx.of("change")
            if _signoff(ctx, r) == "stale" and r.status not in DROP_STATUSES]


def _title_of(ctx, e) -> str:
    rec = ctx.get(e["id"])
    title = rec.title if rec else e.get("title") or ""
    from .common import ref
    return ref(ctx.lang, title, e["id"])


def _changed_line(ctx, e) -> dict:
    """One change in words (store.reports.narrative), with who and when."""
    return event_sentence(ctx, e, who=True)


def signoff_stories(ctx: Ctx, recs, head: bool | str = False) -> dict:
    """{id: what changed in the agreed fields since the client signed, in
    words} for records whose sign-off went stale (one history read for all:
    narrative.signed_histories)."""
    told = signed_histories(ctx, recs)
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


# --- a finished summary, kept for the same question -------------------------------

SUMMARY_KEEP = 4          # rendered summaries kept (the newest)


def render_cached(ws, project: str, fmt: str, since: str | None = None,
                  until: str | None = None, lang: str | None = None,
                  evidence: bool = False, problems: list | None = None):
    """The summary of ``project`` rendered as ``fmt``, exactly as
    ``render(reports.build(ws, project, "summary", ...), fmt)`` gives it.

    The text is kept in ``<cache folder>/summary/`` (outside the work tree)
    as ``<question>-<files>.txt``.  The question is everything asked: the
    period resolved to commit ids (and HEAD), today's date, the language,
    the format and Accord's version.  The files part is the
    size/mtime/ctime/inode of every record file the summary reads (and of
    ``project.toml`` and ``accord.toml``).  Only when a text is kept for
    this question are the files stamped before the build, to look for it;
    otherwise the build goes first and the text is kept under the stats
    its record load took before reading each file, if HEAD did not move
    meanwhile.  A file changed within two seconds of the start keeps
    nothing (a change in the same clock tick could keep every stamp
    equal); ``ACCORD_NO_CACHE=1`` turns this off.  ``problems`` (a list)
    receives the records that could not be read, as (path, problem); a
    summary missing one is never kept."""
    import time

    from .. import cache as record_cache, locations, periods
    from ..errors import AccordError
    from . import build_with_context, render
    started = time.time_ns()
    today = periods.today()
    period = question = None
    if record_cache.enabled() and fmt != "docx":  # (a Word file: bytes, not kept)
        try:
            period = periods.resolve(ws, project, since or periods.LAST_MEETING, until,
                                     today=today)
        except AccordError:
            period = None  # the build says what is wrong, in its own order
        if period is not None:
            question = _question(ws, project, fmt, lang, period, today, evidence)
    folder = locations.folder(ws.git.git_dir, "summary")
    if question is not None and _kept_for(folder, question[0]):
        files = _files_key(ws, project, record_cache.scan_stamps(
            ws.project_dir(project), [KINDS[k] for k in WORK_KINDS]),
            time.time_ns() - locations.RACY_NS)
        if files is not None:
            try:
                with open(folder / f"{question[0]}-{files}.txt", "rb") as fh:
                    return fh.read().decode("utf-8")
            except (OSError, UnicodeDecodeError):
                pass
    from . import summary_fold
    fold = fkey = None
    if question is not None:  # what an earlier run kept of the events, if any
        fkey = summary_fold.fold_key(ws, project, period, None)
        fold = {"kept": summary_fold.load(ws, fkey)}
    doc, ctx = build_with_context(ws, project, "summary", since=since, until=until,
                                  lang=lang, today=today, period=period, evidence=evidence,
                                  fold=fold)
    if fold is not None and fold["kept"] is not None and _head(ws) == question[1]:
        summary_fold.keep(ws, fkey, fold["kept"])
    keyed = [_files_key(ws, project, ctx.stamps, started - locations.RACY_NS)
             if question is not None and ctx.stamps is not None else None]
    from . import note_problems
    found = note_problems(doc, ctx)  # named in the draft, and to the caller
    if problems is not None:
        problems.extend(found)
    text = render(doc, fmt)
    # a summary missing a record is never kept: a kept text is a whole one
    if not found and keyed and keyed[0] is not None and _head(ws) == question[1]:
        _keep_text(folder / f"{question[0]}-{keyed[0]}.txt", text)
    return text


def _head(ws):
    from ..errors import AccordError
    try:
        return ws.git.head()
    except AccordError:
        return False


def _kept_for(folder, question: str) -> bool:
    import os
    try:
        return any(n.startswith(question + "-") for n in os.listdir(folder))
    except OSError:
        return False


def _question(ws, project, fmt, lang, period, today,
              evidence=False) -> tuple[str, str] | None:
    """(key of the question asked, HEAD), or None when nothing may be kept."""
    import hashlib
    import sys

    from .. import codec
    head = _head(ws)
    if head is False:
        return None
    key = repr((fmt, evidence, lang, ws.language, project, head, today.isoformat(),
                repr(period), sys.version, codec.PARSER))
    return hashlib.sha1(key.encode("utf-8", "surrogateescape")).hexdigest(), head


def _files_key(ws, project, stamps: dict, limit: int) -> str | None:
    """The key (hex) of the files the summary reads, from ``stamps`` of the
    record folders (store.cache.scan_stamps or a load's Index.stamps), or
    None when one changed at or after ``limit`` (ns) or cannot be stat'ed."""
    import hashlib
    import os
    import pickle

    from ..errors import AccordError
    from ..workspace import CONFIG
    rows: list = []
    add = rows.append

    def add_all(seen):
        for name, st in seen:
            if st is None:
                add((name, None))
                continue
            m, c = st.st_mtime_ns, st.st_ctime_ns
            if m >= limit or c >= limit:
                raise _Racy  # a change in the same clock tick could hide
            # no mode: a chmod moves the ctime, a new file type the inode
            add((name, st.st_size, m, c, st.st_ino))
    try:
        pdir = ws.project_dir(project)
        for p in (ws.root / CONFIG, pdir / "project.toml"):
            try:
                st = os.stat(p, follow_symlinks=False)
            except FileNotFoundError:
                st = None
            add_all([(str(p), st)])
        for k in WORK_KINDS:
            folder = KINDS[k].folder
            seen = stamps.get(folder, ())
            add((folder, seen is None))
            if seen:
                add_all(sorted(seen, key=lambda e: e[0]))
    except (_Racy, AccordError, OSError):
        return None
    return hashlib.sha1(pickle.dumps(rows, protocol=5)).hexdigest()


class _Racy(Exception):
    pass


def _keep_text(path, text: str) -> None:
    """Write the text atomically and keep only the newest SUMMARY_KEEP (best
    effort: a read-only .git keeps nothing)."""
    import os

    from ..cache import write_file
    try:
        write_file(path, text.encode("utf-8"))
        kept = sorted((e for e in os.scandir(path.parent)
                       if e.name.endswith(".txt")),
                      key=lambda e: e.stat().st_mtime_ns, reverse=True)
        for e in kept[SUMMARY_KEEP:]:
            try:
                os.unlink(e.path)
            except OSError:
                pass
    except (OSError, UnicodeError):
        pass
