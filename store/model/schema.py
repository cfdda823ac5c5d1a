"""The one table of record kinds.

Forms, the command line, validation and reports all read this table; adding a
field to a kind is one line here.  Labels are given in English and Chinese
because both the app and the generated reports show them.

Field types and the Field and Kind classes are in store/model/fields.py; the
words of stored values in store/model/value_words.py.
"""
from __future__ import annotations

from store.model.fields import (  # noqa: F401 - public here too
    CHOICE, COMMON, CONFIRMATION, DATE, ID, ID_VALUED, IDS, INT, LIST, LONGTEXT, NUMBER, TABLE,
    TABLES, TEXT, TIME, F, Field, Kind, _chain, field_in)
from store.model.value_words import VALUE_WORDS, value_word  # noqa: F401 - public here too


PRIORITIES = ("must", "should", "could", "wont")
SOURCES = ("interview", "survey", "workshop", "focus-group", "document",
           "feedback", "change")

REQ_ORDER = ("draft", "proposed", "confirmed", "in-progress", "delivered",
             "accepted")
REQUIREMENT = Kind(
    "requirement", "REQ", "requirements", "Requirement", "需求",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("statement", LONGTEXT, "Statement", "需求描述"),
        F("acceptance", LIST, "Acceptance criteria", "验收标准"),
        F("priority", CHOICE, "Priority", "优先级", choices=PRIORITIES),
        F("source", CHOICE, "Source", "来源", choices=SOURCES),
        F("source_ref", ID, "Source reference", "来源记录", free_text_ok=True),
        F("owner", TEXT, "Owner", "负责人"),
        F("client_contact", TEXT, "Client contact", "甲方联系人"),
        CONFIRMATION,
    ),
    statuses=REQ_ORDER + ("rejected", "withdrawn"),
    initial="draft",
    transitions=_chain(
        REQ_ORDER,
        extra={"draft": ["rejected", "withdrawn"],
               "proposed": ["rejected", "withdrawn"],
               "confirmed": ["withdrawn"], "in-progress": ["withdrawn"]},
        back={"proposed": ["draft"], "confirmed": ["proposed"],
              "delivered": ["in-progress"], "rejected": ["draft"],
              "withdrawn": ["draft"]}),
    agreed=("title", "statement", "acceptance", "priority"),
    signoff_status="confirmed",
    needs_signoff=("confirmed", "in-progress", "delivered", "accepted"),
)

CR_ORDER = ("raised", "analysing", "proposed", "approved", "implemented")
CHANGE = Kind(
    "change", "CR", "changes", "Change request", "变更",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("description", LONGTEXT, "Description", "变更内容"),
        F("requested_by", TEXT, "Requested by", "提出人"),
        F("requested_on", DATE, "Requested on", "提出日期"),
        F("reason", LONGTEXT, "Reason", "变更原因"),
        F("impact", TABLE, "Impact", "影响", fields=[
            F("scope", TEXT, "Scope", "范围影响"),
            F("schedule_days", INT, "Schedule (calendar days)", "工期影响(日历日)"),
            F("cost", NUMBER, "Cost (CNY)", "费用影响(元)"),
        ]),
        F("affects", IDS, "Affects", "影响记录"),
        F("decision", ID, "Decision", "决议"),
        CONFIRMATION,
    ),
    statuses=CR_ORDER[:4] + ("rejected",) + CR_ORDER[4:] + ("withdrawn",),
    initial="raised",
    transitions={
        "raised": ("analysing", "proposed", "withdrawn"),
        "analysing": ("proposed", "withdrawn", "raised"),
        "proposed": ("approved", "rejected", "withdrawn", "analysing"),
        "approved": ("implemented", "proposed"),
        "rejected": ("proposed",),
        "implemented": (),
        "withdrawn": ("raised",),
    },
    agreed=("title", "description", "impact"),
    signoff_status="approved",
)

DECISION = Kind(
    "decision", "DEC", "decisions", "Decision", "决议",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("context", LONGTEXT, "Context", "背景"),
        F("options", LIST, "Options", "备选方案"),
        F("outcome", LONGTEXT, "Outcome", "结论"),
        F("decided_by", LIST, "Decided by", "决定人"),
        F("decided_on", DATE, "Decided on", "决定日期"),
        F("via", ID, "Via", "决定方式", free_text_ok=True),
        F("affects", IDS, "Affects", "影响记录"),
    ),
    statuses=("proposed", "agreed", "superseded", "reverted"),
    initial="proposed",
    transitions={"proposed": ("agreed",), "agreed": ("superseded", "reverted"),
                 "superseded": (), "reverted": ("proposed",)},
)

FB_ORDER = ("received", "acknowledged", "in-progress", "replied", "closed")
FEEDBACK = Kind(
    "feedback", "FB", "feedback", "Feedback", "反馈",
    (
        F("summary", TEXT, "Summary", "摘要", required=True),
        F("detail", LONGTEXT, "Detail", "详情"),
        F("type", CHOICE, "Type", "类型",
          choices=("bug", "suggestion", "complaint", "praise", "question")),
        F("channel", CHOICE, "Channel", "渠道",
          choices=("survey", "review-meeting", "issue-tracker", "email",
                   "phone", "im", "support")),
        F("from", TEXT, "From", "反馈人"),
        F("received_on", DATE, "Received on", "收到日期"),
        F("reply_due", DATE, "Reply due", "答复期限"),
        F("reply", LONGTEXT, "Reply", "答复"),
        F("replied_on", DATE, "Replied on", "答复日期"),
        F("satisfaction", INT, "Satisfaction (1-5)", "满意度(1-5)",
          minimum=1, maximum=5),
    ),
    statuses=FB_ORDER,
    initial="received",
    transitions=_chain(FB_ORDER, back={"closed": ["in-progress"],
                                       "replied": ["in-progress"]}),
    title_field="summary",
)

MEETING = Kind(
    "meeting", "MTG", "meetings", "Meeting", "会议",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("type", CHOICE, "Type", "类型",
          choices=("kickoff", "progress", "stage-review", "workshop",
                   "acceptance", "retrospective", "ad-hoc")),
        F("date", DATE, "Date", "日期"),
        F("start", TIME, "Start", "开始时间"),
        F("end", TIME, "End", "结束时间"),
        F("place", TEXT, "Place", "地点"),
        F("chair", TEXT, "Chair", "主持人"),
        F("recorder", TEXT, "Minute-taker", "记录人"),
        F("attendees_client", LIST, "Attendees (client)", "参会人(甲方)"),
        F("attendees_vendor", LIST, "Attendees (vendor)", "参会人(乙方)"),
        F("absent", LIST, "Absent", "缺席"),
        F("agenda", LIST, "Agenda", "议程"),
        F("minutes", LONGTEXT, "Minutes", "会议记录"),
        F("decisions", IDS, "Decisions", "决议"),
        F("actions", IDS, "Actions", "待办"),
        F("outcome", CHOICE, "Outcome", "评审结论",
          choices=("pass", "conditional", "fail")),
    ),
    statuses=("planned", "held", "cancelled"),
    initial="planned",
    transitions={"planned": ("held", "cancelled"), "held": (),
                 "cancelled": ("planned",)},
    date_field="date",
)

ACTION = Kind(
    "action", "ACT", "actions", "Action item", "待办",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("owner", TEXT, "Owner", "责任人"),
        F("due", DATE, "Due", "完成期限"),
        F("meeting", ID, "Meeting", "来源会议"),
    ),
    statuses=("open", "done", "dropped"),
    initial="open",
    transitions={"open": ("done", "dropped"), "done": ("open",),
                 "dropped": ("open",)},
)

ISSUE = Kind(
    "issue", "ISS", "issues", "Risk / issue", "风险与问题",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("type", CHOICE, "Type", "类型", choices=("risk", "issue", "dispute")),
        F("description", LONGTEXT, "Description", "描述"),
        F("probability", CHOICE, "Probability", "可能性",
          choices=("low", "medium", "high")),
        F("impact", CHOICE, "Impact", "影响程度",
          choices=("low", "medium", "high")),
        F("mitigation", LONGTEXT, "Mitigation", "应对措施"),
        F("positions", LIST, "Positions", "各方立场"),
        F("resolution", LONGTEXT, "Resolution", "处理结果"),
        F("owner", TEXT, "Owner", "责任人"),
        F("raised_on", DATE, "Raised on", "提出日期"),
        F("due", DATE, "Respond by", "应对期限"),
        F("escalated_to", TEXT, "Escalated to", "升级至"),
    ),
    statuses=("open", "mitigating", "closed", "occurred"),
    initial="open",
    transitions={"open": ("mitigating", "closed", "occurred"),
                 "mitigating": ("closed", "occurred", "open"),
                 "occurred": ("mitigating", "closed"),
                 "closed": ("open",)},
)

REPORT = Kind(
    "report", "RPT", "reports", "Report", "报告",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("type", CHOICE, "Type", "类型",
          choices=("weekly", "monthly", "stage", "final", "minutes",
                   "requirements", "review")),
        F("period_start", DATE, "Period start", "开始日期"),
        F("period_end", DATE, "Period end", "结束日期"),
        F("body", LONGTEXT, "Body (Markdown)", "正文"),
        F("sent_on", DATE, "Sent on", "发送日期"),
        F("sent_to", LIST, "Sent to", "发送对象"),
        # a progress report's overall status as sent: the next report's
        # "last period" shows this colour, not one worked out again
        F("rag", CHOICE, "Overall status as sent", "报送的总体状态",
          choices=("red", "amber", "green")),
    ),
    statuses=("draft", "sent"),
    initial="draft",
    transitions={"draft": ("sent",), "sent": ("draft",)},
)

TRAINING = Kind(
    "training", "TRN", "trainings", "Training", "培训",
    (
        F("topic", TEXT, "Topic", "主题", required=True),
        F("format", CHOICE, "Format", "形式",
          choices=("on-site", "online", "manual")),
        F("date", DATE, "Date", "日期"),
        F("audience", TEXT, "Audience", "对象"),
        F("trainer", TEXT, "Trainer", "讲师"),
        F("materials", LIST, "Materials", "材料"),
        F("attendance", INT, "Attendance", "参加人数", minimum=0),
        F("score", NUMBER, "Score", "评分"),
    ),
    statuses=("planned", "held", "cancelled"),
    initial="planned",
    transitions={"planned": ("held", "cancelled"), "held": (),
                 "cancelled": ("planned",)},
    title_field="topic",
    date_field="date",
)

TICKET = Kind(
    "ticket", "SUP", "tickets", "Support ticket", "工单",
    (
        F("summary", TEXT, "Summary", "摘要", required=True),
        F("reported_by", TEXT, "Reported by", "报告人"),
        F("channel", CHOICE, "Channel", "渠道",
          choices=("hotline", "online", "email", "im")),
        F("reported_on", DATE, "Reported on", "报告日期"),
        F("severity", CHOICE, "Severity", "严重程度",
          choices=("low", "medium", "high", "critical")),
        F("resolution", LONGTEXT, "Resolution", "处理结果"),
        F("resolved_on", DATE, "Resolved on", "解决日期"),
    ),
    statuses=("new", "in-progress", "resolved", "closed"),
    initial="new",
    transitions=_chain(("new", "in-progress", "resolved", "closed"),
                       back={"resolved": ["in-progress"],
                             "closed": ["in-progress"]}),
    title_field="summary",
)

TOUCHPOINT = Kind(
    "touchpoint", "LOG", "touchpoints", "Touchpoint", "客户接触",
    (
        F("summary", TEXT, "Summary", "摘要", required=True),
        F("date", DATE, "Date", "日期"),
        F("with", TEXT, "With", "对象"),
        F("channel", TEXT, "Channel", "方式"),
        F("follow_up_on", DATE, "Follow up on", "跟进日期"),
    ),
    title_field="summary",
    date_field="date",
)

LESSON = Kind(
    "lesson", "LES", "lessons", "Lesson learned", "经验教训",
    (
        F("title", TEXT, "Title", "标题", required=True),
        F("what_happened", LONGTEXT, "What happened", "经过"),
        F("lesson", LONGTEXT, "Lesson", "教训"),
        F("recommendation", LONGTEXT, "Recommendation", "建议"),
        F("category", CHOICE, "Category", "类别",
          choices=("went-well", "to-improve", "recommendation")),
    ),
)

KINDS: dict[str, Kind] = {k.name: k for k in (
    REQUIREMENT, CHANGE, DECISION, FEEDBACK, MEETING, ACTION, ISSUE, REPORT,
    TRAINING, TICKET, TOUCHPOINT, LESSON)}
BY_PREFIX: dict[str, Kind] = {k.prefix: k for k in KINDS.values()}
BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS.values()}

# short names people type: `accord new req`, `accord list cr`
ALIASES: dict[str, str] = {}
for _k in KINDS.values():
    ALIASES[_k.name] = _k.name
    ALIASES[_k.prefix.lower()] = _k.name
    ALIASES[_k.folder] = _k.name
ALIASES.update({"risk": "issue", "cr": "change", "req": "requirement"})


def kind_named(name: str) -> Kind | None:
    """The kind a user means by ``name`` (its name or an alias), or None."""
    return KINDS.get(ALIASES.get(name.lower(), ""))


PROJECT_FIELDS: tuple[Field, ...] = (
    F("name", TEXT, "Name", "项目名称", required=True),
    F("client", TEXT, "Client", "客户", required=True),
    F("status", CHOICE, "Status", "状态",
      choices=("planning", "active", "closed", "maintenance")),
    F("start", DATE, "Start", "开始日期"),
    F("end", DATE, "End", "结束日期"),
    F("goals", LIST, "Goals", "项目目标"),
    F("in_scope", LIST, "In scope", "范围内"),
    F("out_of_scope", LIST, "Out of scope", "范围外"),
    F("stakeholders", TABLES, "Stakeholders", "干系人", fields=[
        F("name", TEXT, "Name", "姓名", required=True),
        F("side", CHOICE, "Side", "所属",
          choices=("client", "vendor", "third-party")),
        F("role", TEXT, "Role", "角色"),
        F("contact", TEXT, "Contact", "联系方式"),
    ]),
    F("communication", TABLE, "Communication plan", "沟通计划", fields=[
        F("channels", LIST, "Channels", "沟通渠道"),
        F("escalation", LIST, "Escalation path", "升级路径"),
        F("cadence", TABLES, "Cadence", "沟通节奏", fields=[
            F("what", TEXT, "What", "内容", required=True),
            F("every", CHOICE, "Every", "频率",
              choices=("day", "week", "two-weeks", "month", "quarter")),
            F("day", TEXT, "Day", "日"),
            F("kind", TEXT, "Record kind", "记录类型"),
            F("type", TEXT, "Record type", "记录子类型"),
        ]),
    ]),
    F("milestones", TABLES, "Milestones", "里程碑", fields=[
        F("name", TEXT, "Name", "名称", required=True),
        F("baseline", DATE, "Baseline date", "基线日期"),
        F("forecast", DATE, "Forecast date", "预测日期"),
        F("done_on", DATE, "Done on", "完成日期"),
        F("change", ID, "Approved change", "批准的变更"),
        F("note", TEXT, "Note", "说明"),
    ]),
    # optional, read by the requirements document (GB/T 8567 sections); a
    # section not recorded is a marked placeholder in drafts only
    F("background", LONGTEXT, "Background", "项目背景"),
    F("definitions", LIST, "Definitions (term: meaning)", "定义"),
    F("references", LIST, "References", "参考资料"),
    F("users", LIST, "User characteristics", "用户特点"),
    F("assumptions", LIST, "Assumptions and constraints", "假定和约束"),
    F("environment", LIST, "Operating environment", "运行环境"),
    F("qualification", LONGTEXT, "Qualification provisions", "合格性规定"),
    # optional, read by the monthly report (cost/resources status): effort
    # against plan per month, and the contract's payment milestones
    F("effort", TABLES, "Effort against plan", "工时投入", fields=[
        F("period", TEXT, "Month (YYYY-MM)", "月份", required=True),
        F("planned_days", NUMBER, "Planned (person-days)", "计划人天"),
        F("actual_days", NUMBER, "Actual (person-days)", "实际人天"),
        F("note", TEXT, "Note", "说明"),
    ]),
    F("payments", TABLES, "Payment milestones", "付款节点", fields=[
        F("name", TEXT, "Name", "名称", required=True),
        F("milestone", TEXT, "Milestone", "对应里程碑"),
        F("amount", TEXT, "Amount", "金额"),
        F("due", DATE, "Due", "应付日期"),
        F("paid_on", DATE, "Paid on", "到账日期"),
        F("note", TEXT, "Note", "说明"),
    ]),
)
PROJECT_FIELD = {f.name: f for f in PROJECT_FIELDS}
