"""The one vocabulary of stored values: how each status and choice value
reads in English and Chinese (re-exported by store.model.schema)."""
from __future__ import annotations

# How each stored status and choice value reads, (English, Chinese): the app
# (tui.i18n.word) and every generated document (store.reports.common) take
# their words from here, so the two never disagree.  Files, filters, the CLI
# and commits keep the stored value; a value not listed is shown as is.
VALUE_WORDS: dict[str, tuple[str, str]] = {
    "draft": ("draft", "草稿"), "proposed": ("awaiting sign-off", "待确认"),
    "confirmed": ("confirmed", "已确认"), "in-progress": ("in progress", "进行中"),
    "delivered": ("delivered", "已交付"), "accepted": ("accepted", "已验收"),
    "rejected": ("rejected", "已拒绝"), "withdrawn": ("withdrawn", "已撤回"),
    "raised": ("raised", "已提出"), "analysing": ("under analysis", "分析中"),
    "approved": ("approved", "已批准"), "implemented": ("implemented", "已实施"),
    "agreed": ("agreed", "已商定"), "superseded": ("superseded", "已取代"),
    "reverted": ("reverted", "已撤销"), "received": ("received", "已收到"),
    "acknowledged": ("acknowledged", "已受理"), "replied": ("replied", "已答复"),
    "closed": ("closed", "已关闭"), "planned": ("planned", "计划中"),
    "held": ("held", "已召开"), "cancelled": ("cancelled", "已取消"),
    "open": ("open", "待处理"), "done": ("done", "已完成"), "dropped": ("dropped", "已放弃"),
    "mitigating": ("being mitigated", "缓解中"), "occurred": ("occurred", "已发生"),
    "sent": ("sent", "已发送"), "new": ("new", "新建"), "resolved": ("resolved", "已解决"),
    "planning": ("planning", "规划中"), "active": ("active", "进行中"),
    "maintenance": ("maintenance", "维护中"), "must": ("must", "必须"),
    "should": ("should", "应该"), "could": ("could", "可以"), "wont": ("wont", "不做"),
    "change": ("change", "变更"), "document": ("document", "文档"),
    "feedback": ("feedback", "反馈"), "focus-group": ("focus group", "焦点小组"),
    "interview": ("interview", "访谈"), "survey": ("survey", "问卷"),
    "meeting": ("meeting", "会议"), "letter": ("letter", "书面函件"),
    "signature": ("signed document", "签字文件"), "wechat": ("WeChat", "微信"),
    "workshop": ("workshop", "研讨会"), "email": ("email", "邮件"),
    "hotline": ("hotline", "热线"), "im": ("instant message", "即时消息"),
    "issue-tracker": ("issue tracker", "问题跟踪系统"), "online": ("online", "线上"),
    "phone": ("phone", "电话"), "review-meeting": ("review meeting", "评审会"),
    "support": ("support", "支持渠道"), "manual": ("manual", "手册"),
    "on-site": ("on site", "现场"), "acceptance": ("acceptance", "验收"),
    "ad-hoc": ("ad hoc", "临时"), "bug": ("bug", "缺陷"), "complaint": ("complaint", "投诉"),
    "dispute": ("dispute", "分歧"), "final": ("final", "最终"), "issue": ("issue", "问题"),
    "kickoff": ("kickoff", "启动"), "minutes": ("minutes", "纪要"),
    "monthly": ("monthly", "每月"), "praise": ("praise", "表扬"),
    "progress": ("progress", "进度"), "question": ("question", "咨询"),
    "requirements": ("requirements", "需求"), "retrospective": ("retrospective", "回顾"),
    "review": ("review", "评审材料"), "risk": ("risk", "风险"), "stage": ("stage", "阶段"),
    "stage-review": ("stage review", "阶段评审"), "suggestion": ("suggestion", "建议"),
    "weekly": ("weekly", "每周"), "pass": ("pass", "通过"), "fail": ("fail", "不通过"),
    "conditional": ("conditional", "有条件通过"), "low": ("low", "低"),
    "medium": ("medium", "中"), "high": ("high", "高"), "critical": ("critical", "严重"),
    "red": ("red", "红"), "amber": ("amber", "黄"), "green": ("green", "绿"),
    "recommendation": ("recommendation", "建议"), "to-improve": ("to improve", "待改进"),
    "went-well": ("went well", "做得好"),
}


def value_word(value: object, lang: str) -> str:
    """A stored status or choice value in words (``lang`` zh or en)."""
    v = str(value or "")
    en, zh = VALUE_WORDS.get(v, (v, v))
    return zh if lang == "zh" else en
