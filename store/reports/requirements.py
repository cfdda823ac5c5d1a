"""The requirements document (需求规格说明书) the client reads and signs, as of
now, a date or a baseline: GB 8567-88-shaped body with the GB/T 8567
sections (项目背景, 定义, 参考资料, 用户特点, 假定和约束, 运行环境, 合格性规定)
from project.toml where recorded — in a draft (no baseline) a section not
recorded is a marked placeholder, in an issued baseline it is left out —
a traceability table (a rejected change shown as rejected), the open (TBD)
items with owner and date only as recorded, a sign-off sheet and document
control."""
from __future__ import annotations

from store.model.schema import PRIORITIES
from store.reports.common import (Ctx, control_header, control_section, d, days, doc,
                                  doc_control, h3, h4, kv, p, section, status_word,
                                  table, ul, via_word)
from store.reports.summary import signoff_stories

PRIORITY_WORDS = {"must": ("Must have", "必须实现"), "should": ("Should have", "应当实现"),
                  "could": ("Could have", "可以实现"), "wont": ("Not this time", "本期不实现"),
                  None: ("Priority not set", "未定优先级")}
SOURCE_WORDS = {"interview": ("interview", "访谈"), "survey": ("survey", "问卷"),
                "workshop": ("workshop", "工作坊"), "focus-group": ("focus group", "焦点小组"),
                "document": ("document", "文档"), "feedback": ("feedback", "客户反馈"),
                "change": ("change request", "变更")}
DROPPED = ("rejected", "withdrawn")
# what a draft's placeholder asks for, per GB/T 8567 section (project.toml field)
TO_FILL = {
    "background": ("the project's background: why it was started and the business "
                   "problem it solves", "项目背景：项目缘起与要解决的业务问题"),
    "definitions": ("the terms and abbreviations used, one per item as “term: meaning”",
                    "文中术语与缩写的定义，每条写成“术语：释义”"),
    "references": ("the documents this one rests on, such as the contract, the tender "
                   "and standards, one per item", "所依据的资料，如合同、招标文件、相关标准，每条一项"),
    "users": ("who will use the system: their roles, numbers and skills, one group "
              "per item", "用户特点：各类用户的岗位、人数与熟练程度，每类一项"),
    "assumptions": ("assumptions and constraints: schedule, budget, technology, what the "
                    "client provides, one per item",
                    "假定和约束：进度、经费、技术条件及甲方须提供的条件，每条一项"),
    "environment": ("the operating environment: hardware, operating system, database, "
                    "network and interfaces, one per item",
                    "运行环境：硬件、操作系统、数据库、网络与接口，每条一项"),
    "qualification": ("how each requirement will be verified at acceptance",
                      "合格性规定：验收时如何逐条验证需求"),
}


def _w(ctx, table_, key):
    en, zh = table_.get(key, (str(key), str(key)))
    return zh if ctx.lang == "zh" else en


def build(ctx: Ctx, baseline: str | None = None, rev: str | None = None) -> dict:
    tr = ctx.tr
    lang = ctx.lang
    sep = "；" if lang == "zh" else "; "
    reqs = ctx.of("requirement")
    live = [r for r in reqs if r.status not in ("rejected", "withdrawn")]
    dropped = [r for r in reqs if r.status in ("rejected", "withdrawn")]
    version = baseline or ctx.today.isoformat()
    draft = baseline is None
    title = tr("Software requirements specification — {n}", "{n} 需求规格说明书",
               n=ctx.name)
    kept = [r for r in ctx.kept_reports() if r.status == "sent"
            and r.data.get("type") == "requirements" and r.data.get("sent_on")]
    kept.sort(key=lambda r: (d(r.data["sent_on"]), int(r.id.split("-")[1])))
    control = doc_control(ctx, "requirements", (baseline or "WIP").upper(), kept,
                          ctx.issued or ctx.today)
    header = [[ctx.t("project"), ctx.name], [ctx.t("client_name"), ctx.client],
              *control_header(ctx, control),
              [tr("Edition", "版次"), tr("baseline {b}", "基线 {b}", b=baseline) if baseline
               else tr("working copy of {d}", "{d} 工作版本", d=version)],
              [ctx.t("date"), d(ctx.today)],
              [tr("Status", "文档状态"),
               tr("{c} of {n} requirements signed off and current",
                  "{n} 条需求中 {c} 条已确认且有效",
                  c=sum(1 for r in live if r.signoff == "current"), n=len(live))]]
    sections = []
    none = tr("None recorded.", "未记录。")

    def recorded(field: str, heading: str) -> list:
        """A GB/T 8567 section from project.toml's ``field``: its text or
        list; not recorded: a marked placeholder in a draft, else nothing."""
        v = ctx.pdata.get(field)
        items = [str(x) for x in v] if isinstance(v, list) else []
        text = str(v).strip() if isinstance(v, str) else ""
        if items or text:
            return [h3(heading), ul(items) if items else p(text)]
        if not draft:
            return []
        # what to write and where, in the document's language (the key as is)
        en, zh = TO_FILL.get(field, (field, field))
        return [h3(heading), p(tr("[To be completed before issue: fill in {f} in "
                                  "project.toml ({w})]",
                                  "【待补充，发出前完成：在 project.toml 中填写 {f} 字段（{w}）】",
                                  f=field, w=zh if lang == "zh" else en))]
    sections.append(section(
        "introduction", tr("1 Introduction", "1 引言"),
        kv([[tr("Purpose", "编写目的"),
             tr("States what {c} and the vendor agreed the system must do, as the "
                "basis for development, acceptance and change control.",
                "明确{c}与乙方约定的系统需求，作为开发、验收和变更控制的依据。", c=ctx.client)],
            [tr("Baseline", "基线"), baseline or tr("none (current records)", "无（当前记录）")]]),
        *recorded("background", tr("1.1 Background", "1.1 项目背景")),
        *recorded("definitions", tr("1.2 Definitions", "1.2 定义")),
        *recorded("references", tr("1.3 References", "1.3 参考资料"))))
    goals = [str(x) for x in ctx.pdata.get("goals") or []]
    ins = [str(x) for x in ctx.pdata.get("in_scope") or []]
    outs = [str(x) for x in ctx.pdata.get("out_of_scope") or []]
    sections.append(section(
        "overview", tr("2 Overview", "2 任务概述"),
        h3(tr("2.1 Goals", "2.1 目标")), ul(goals, empty=none),
        h3(tr("2.2 In scope", "2.2 范围内")), ul(ins, empty=none),
        h3(tr("2.3 Out of scope", "2.3 范围外")), ul(outs, empty=none),
        *recorded("users", tr("2.4 User characteristics", "2.4 用户特点")),
        *recorded("assumptions", tr("2.5 Assumptions and constraints", "2.5 假定和约束"))))

    blocks = []
    n = 0
    for prio in list(PRIORITIES) + [None]:
        group = [r for r in live if (r.data.get("priority") or None) == prio
                 or (prio is None and r.data.get("priority") not in PRIORITIES)]
        if not group:
            continue
        n += 1
        blocks.append({"type": "h3", "text": f"3.{n} {_w(ctx, PRIORITY_WORDS, prio)}"})
        for r in group:
            blocks.append(h4(ctx.ref(r)))
            src = _w(ctx, SOURCE_WORDS, r.data.get("source")) if r.data.get("source") else ""
            ref = r.data.get("source_ref")
            if ref:
                ref_rec = ctx.get(str(ref))
                src += ("：" if lang == "zh" else ": ") if src else ""
                src += ctx.ref(ref_rec) if ref_rec else str(ref)
            if r.data.get("client_contact"):
                src += (sep if src else "") + tr("raised by {c}", "提出人：{c}",
                                                 c=r.data["client_contact"])
            blocks.append(kv([[tr("Status", "状态"), status_word(lang, r.status)],
                              [tr("Source", "来源"), src or tr("not recorded", "未记录")],
                              [tr("Sign-off", "确认"), _signoff(ctx, r)]]))
            blocks.append(p(tr("Statement:", "描述：")))
            blocks.append(p(str(r.data.get("statement") or tr("To be written.", "待补充。"))))
            acc = [str(x) for x in r.data.get("acceptance") or []]
            blocks.append(p(tr("Acceptance criteria:", "验收标准：")))
            blocks.append(ul(acc, ordered=True) if acc else p(tr("To be agreed.", "待约定。")))
    if not blocks:
        blocks.append(p(tr("No requirements yet.", "尚无需求。")))
    sections.append(section("requirements", tr("3 Requirements", "3 需求规定"), *blocks))

    # traceability: requirement -> source -> decisions / changes
    rows = []
    affecting: dict[str, list] = {}  # requirement id -> decisions, then changes
    for x in [*ctx.of("decision"), *ctx.of("change")]:
        aff = x.data.get("affects") or []
        for rid in dict.fromkeys(str(a) for a in ([aff] if isinstance(aff, str) else aff)):
            affecting.setdefault(rid, []).append(x)
    for r in live:
        src = r.data.get("source_ref") or ""
        linked = []
        for x in affecting.get(r.id, ()):
            # a change the client rejected (or that was withdrawn) never applied
            linked.append(ctx.ref(x) + (tr(" — {s}, not applied", "——{s}，未生效",
                                           s=status_word(lang, x.status))
                                        if x.status in DROPPED + ("reverted",) else ""))
        rows.append([ctx.ref(r), ctx.ref(str(src)) if src else "—",
                     ("、" if lang == "zh" else ", ").join(linked) or "—"])
    sections.append(section(
        "traceability", tr("4 Traceability", "4 需求可追踪性"),
        table([tr("Requirement", "需求"), tr("Source", "来源"),
               tr("Decisions / changes", "决议/变更")], rows, empty=none)))

    env = recorded("environment", tr("Operating environment", "运行环境规定"))
    if env:
        # the operating environment (GB 8567-88 §4), under the requirements
        next(x for x in sections if x["key"] == "requirements")["blocks"] += env
    qual = recorded("qualification", tr("Agreed method", "约定的验收方式"))
    sections.append(section(
        "qualification", tr("5 Acceptance method", "5 合格性规定"),
        p(tr("Each requirement is accepted against its acceptance criteria above, "
             "by test or demonstration with the client's representative.",
             "每条需求按上文的验收标准，由甲方代表通过测试或演示逐条验收。")), *qual))

    changes = [c for c in ctx.of("change") if c.status in ("approved", "implemented")]
    crow = []
    for c in changes:
        imp = c.data.get("impact") or {}
        conf = c.data.get("confirmation") or {}
        crow.append([ctx.ref(c), str(imp.get("scope") or "—"),
                     days(ctx.lang, imp["schedule_days"])
                     if imp.get("schedule_days") is not None else "—",
                     tr("approved by {b} on {o}", "{b} 于 {o} 批准", b=conf.get("by") or "—",
                        o=d(conf.get("on")) or "—")])
    sections.append(section(
        "changes", tr("6 Changes to the scope", "6 范围变更"),
        table([tr("Change", "变更"), tr("Scope", "范围影响"), tr("Schedule", "工期影响"),
               tr("Approval", "审批")], crow, empty=tr("None.", "无。")),
        ul([tr("{t} — {s}", "{t}——{s}", t=ctx.ref(r), s=status_word(lang, r.status))
            for r in dropped]) if dropped else None))

    tbd = []
    not_agreed = ctx.t("not_agreed")
    # the same ask, owner and date as the progress report and minutes give it
    from store.reports.summary import waiting_on_client
    asks = {w["id"]: w for w in ctx.once(waiting_on_client)}
    for r in live:
        why = []
        if not r.data.get("statement"):
            why.append(tr("statement missing", "缺少描述"))
        if not r.data.get("acceptance"):
            why.append(tr("acceptance criteria missing", "缺少验收标准"))
        if r.signoff == "stale":
            why.append(tr("changed after sign-off", "确认后又有修改"))
        elif r.signoff == "none":
            why.append(tr("not signed off", "尚未确认"))
        if why:
            # who and by when only as recorded: no date made up
            ask = asks.get(r.id) or {}
            who = ask.get("owner") or r.data.get("client_contact") or r.data.get("owner")
            tbd.append([ctx.ref(r), sep.join(why), ctx.owner(who) if who else not_agreed,
                        ask.get("due") or not_agreed])
    # what changed after sign-off, in words (store.reports.narrative; now only:
    # a baseline's document is the version the client had)
    stale = [] if rev else [r for r in live if r.signoff == "stale"]
    told = signoff_stories(ctx, stale, head=True)
    sections.append(section(
        "tbd", tr("7 Open items (TBD)", "7 待定事项"),
        table([tr("Requirement", "需求"), tr("Why open", "原因"), tr("Resolved by", "负责确认"),
               tr("By", "最晚日期")],
              tbd, empty=tr("None.", "无。")),
        h3(tr("Changed since sign-off", "签认后的修改")) if stale else None,
        ul([told[r.id] for r in stale]) if stale else None))

    ids_ = ("、" if lang == "zh" else ", ").join(ctx.ref(r) for r in live) or "—"
    sections.append(section(
        "signoff", tr("8 Sign-off sheet", "8 需求确认单"),
        kv([[tr("Document", "文档"), f"{title} ({version})"],
            [tr("Requirements covered", "确认范围"), ids_],
            [tr("Open items", "未决事项"), str(len(tbd))],
            [tr("Rule", "约定"), tr("After sign-off, every change goes through a change request.",
                                  "确认后的任何修改均通过变更单办理。")],
            [tr("Client's comments", "甲方意见"), ""],
            [tr("Client representative / date", "甲方代表（签字/盖章）/ 日期"), ""],
            [tr("Vendor representative / date", "乙方代表（签字/盖章）/ 日期"), ""]])))
    data = [{"id": r.id, "title": r.title, "priority": r.data.get("priority"),
             "status": r.status, "signoff": r.signoff} for r in reqs]
    sections.append(control_section(ctx, control))
    return doc("requirements", ctx, title, header, sections,
               footer=[[ctx.t("date"), d(ctx.today)]],
               baseline=baseline, commit=rev, requirements=data, control=control,
               draft=draft)


def _signoff(ctx, r) -> str:
    conf = r.data.get("confirmation") or {}
    if r.signoff == "none":
        return ctx.tr("not signed off yet", "尚未确认")
    text = ctx.tr("signed by {b} on {o} via {v}", "{b} 于 {o} 通过{v}确认",
                  b=conf.get("by") or "—", o=d(conf.get("on")) or "—",
                  v=via_word(ctx, conf.get("via")))
    if r.signoff == "stale":
        text += ctx.tr(" — CHANGED SINCE SIGN-OFF, needs re-confirmation",
                       "——⚠ 确认后已修改，需重新确认")
    return text
