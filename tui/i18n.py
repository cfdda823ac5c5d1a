"""Every string the app shows, in English and Chinese, in one catalog.

Field and kind labels are not here: they come from the schema table
(``Field.label(lang)``, ``Kind.label(lang)``).  ``t(key, **values)`` formats
with ``str.format``; the values are user data, so the result is plain text and
must be shown as such (never as markup).
"""
from __future__ import annotations

_LANG = ["zh"]

CATALOG: dict[str, tuple[str, str]] = {
    # key: (en, zh)
    # --- binding descriptions (the key bar and the help screen) -------------
    "key.quit": ("Quit", "退出"),
    "key.help": ("Keys", "按键"),
    "key.palette": ("Commands", "命令"),
    "key.back": ("Back", "返回"),
    "key.back_q": ("Back / quit", "返回/退出"),
    "key.down": ("Down", "下移"),
    "key.up": ("Up", "上移"),
    "key.top": ("First", "首行"),
    "key.page_up": ("Page up", "上一页"),
    "key.page_down": ("Page down", "下一页"),
    "key.bottom": ("Last", "末行"),
    "key.open": ("Open", "打开"),
    "key.filter": ("Filter", "筛选"),
    "key.sort": ("Sort", "排序"),
    "key.sort_reverse": ("Reverse", "倒序"),
    "key.new": ("New", "新建"),
    "key.edit": ("Edit", "编辑"),
    "key.editor": ("$EDITOR", "外部编辑"),
    "key.history": ("History", "历史"),
    "key.minutes": ("Minutes", "会议纪要"),
    "key.save": ("Save", "保存"),
    "key.kind_n": ("Kind {n}", "类型 {n}"),
    "key.kind_prev": ("Prev kind", "上一类型"),
    "key.kind_next": ("Next kind", "下一类型"),
    "key.move": ("Move", "变更状态"),
    "key.signoff": ("Sign-off", "客户确认"),
    "key.refresh": ("Reload", "刷新"),
    "key.dashboard": ("Dashboard", "总览"),
    "key.pick": ("Pick record", "选择记录"),
    "key.links": ("Open a linked record", "打开关联记录"),
    "key.diff": ("Fields/diff", "字段/差异"),
    "key.next_field": ("Next field", "下一字段"),
    # --- screens ---------------------------------------------------------------
    "app.title": ("Accord", "Accord"),
    "dash.title": ("Dashboard", "总览"),
    "dash.attention": ("Needs attention", "需要处理"),
    "dash.kinds": ("Records", "记录"),
    "dash.awaiting": ("Awaiting client sign-off", "待甲方确认"),
    "dash.stale": ("Changed since sign-off", "确认后又改动"),
    "dash.fb_overdue": ("Feedback past its reply date", "反馈逾期未答复"),
    "dash.act_overdue": ("Actions past due", "待办已逾期"),
    "dash.cadence": ("Overdue: {what}", "未按节奏：{what}"),
    "dash.disputes": ("Open disputes", "未解决的分歧"),
    "dash.broken": ("Files that cannot be read", "无法读取的文件"),
    "dash.all_clear": ("Nothing needs attention.", "没有需要处理的事项。"),
    "dash.count_open": ("{n} open", "未完成 {n}"),
    "dash.today": ("today {date}", "今天 {date}"),
    "dash.last": ("last {date}", "上次 {date}"),
    "dash.never": ("none yet", "尚无"),
    "dash.sync_stopped": ("sync stopped: {n} conflicting fields (enter: resolve)",
                          "同步已暂停：{n} 个冲突字段（回车去解决）"),
    "dash.sync_settled": ("sync stopped: no conflict left (enter: finish the sync)",
                          "同步已暂停：冲突已全部解决（回车完成同步）"),
    "dash.sync_broken": ("sync stopped: {problem}", "同步已暂停：{problem}"),
    "dash.no_project": ("This workspace has no project yet: create one with "
                        "`accord project new SLUG --name NAME --client CLIENT`.",
                        "这个工作区还没有项目：用 `accord project new SLUG --name "
                        "名称 --client 客户` 创建。"),
    "list.title": ("{kind}", "{kind}"),
    "list.filtered": ("{shown} of {total}", "{shown} / {total}"),
    "list.filter_prompt": ("filter: id, title, status, any column",
                           "筛选：编号、标题、状态或任一列"),
    "list.empty": ("No records. Press n to create one.",
                   "没有记录。按 n 新建。"),
    "list.sorted": ("sorted by {col}{rev}", "按{col}排序{rev}"),
    "list.reversed": (", reversed", "（倒序）"),
    "list.mixed": ("{label}", "{label}"),
    "col.id": ("ID", "编号"),
    "col.title": ("Title", "标题"),
    "col.status": ("Status", "状态"),
    "col.signoff": ("OK", "确认"),
    "col.kind": ("Kind", "类型"),
    "signoff.current": ("signed off", "已确认"),
    "signoff.stale": ("changed since sign-off", "确认后又改动"),
    "signoff.none": ("not signed off", "未确认"),
    "detail.moves": ("Moves from here: {moves}", "可变更为：{moves}"),
    "detail.no_moves": ("No moves from here.", "当前状态不能再变更。"),
    "detail.unknown": ("Not in the schema (kept as is)", "不在字段表中（原样保留）"),
    "detail.problems": ("Problems", "问题"),
    "detail.missing_link": ("(no such record)", "（无此记录）"),
    "form.new_title": ("New {kind}", "新建{kind}"),
    "form.edit_title": ("Edit {id}", "编辑 {id}"),
    "form.hint": ("ctrl+s save · esc back · ctrl+o pick a record for id fields",
                  "ctrl+s 保存 · esc 返回 · 编号字段按 ctrl+o 选择记录"),
    "form.list_hint": ("one item per line", "每行一项"),
    "form.choose": ("(none)", "（未选）"),
    "form.ids_hint": ("ids separated by commas, ctrl+o to pick",
                      "编号以逗号分隔，ctrl+o 选择"),
    "form.date_hint": ("YYYY-MM-DD", "YYYY-MM-DD"),
    "form.time_hint": ("HH:MM", "HH:MM"),
    "form.readonly_ctrl": ("contains control characters: shown, not editable "
                           "here; press E to edit the file",
                           "含控制字符：此处只显示不编辑，按 E 在编辑器中修改"),
    "form.required": ("required", "必填"),
    "form.not_id": ("{v!r} is not a record id (e.g. REQ-3)",
                    "“{v}”不是记录编号（例如 REQ-3）"),
    "form.invalid": ("Fix the marked fields first ({n}).",
                     "请先修正标记的字段（{n} 处）。"),
    "form.nothing": ("Nothing changed.", "没有改动。"),
    "form.saved": ("Saved {id} ({commit}).", "已保存 {id}（{commit}）。"),
    "form.created": ("Created {id} ({commit}).", "已创建 {id}（{commit}）。"),
    "form.signoff_note": ("Client sign-off is recorded from the record view (c).",
                          "客户确认在记录页按 c 记录。"),
    "form.blank": ("(none)", "（无）"),
    "why.title": ("Why? (optional, goes into the commit)",
                  "原因？（可不填，写入提交说明）"),
    "why.hint": ("enter: save · escape: back to the form",
                 "enter 保存 · escape 返回表单"),
    "why.hint_cancel": ("enter: save · escape: cancel, nothing is saved",
                        "enter 保存 · escape 取消，不保存"),
    "why.hint_editor": ("enter: save · escape: do not save (edit again or discard)",
                        "enter 保存 · escape 不保存（可重新编辑或放弃）"),
    "unsaved.title": ("Unsaved changes", "有未保存的改动"),
    "unsaved.body": ("{what} has changes that are not saved.",
                     "{what} 有未保存的改动。"),
    "unsaved.keep": ("Keep editing", "继续编辑"),
    "unsaved.discard": ("Discard changes", "放弃改动"),
    "quit.title": ("Quit with unsaved changes?", "有未保存的改动，仍要退出？"),
    "quit.keep": ("Stay", "不退出"),
    "quit.quit": ("Quit, discard changes", "退出并放弃改动"),
    "conflict.title": ("{id} changed on disk", "{id} 在磁盘上已被改动"),
    "conflict.body": ("It changed since this form was opened (another terminal, "
                      "a pull or a hand edit). Nothing was written.",
                      "打开表单后它被改动了（另一个终端、pull 或手工编辑）。"
                      "没有写入任何内容。"),
    "conflict.reload": ("Reload (drop my edits)", "重新载入（放弃我的修改）"),
    "conflict.diff": ("Show difference", "查看差异"),
    "conflict.keep": ("Keep editing", "继续编辑"),
    "watch.form_changed": ("{id} changed on disk while you edit it (another "
                           "terminal, a pull or a hand edit): saving will offer "
                           "to reload or show the difference.",
                           "{id} 在你编辑时已在磁盘上被改动（另一个终端、pull "
                           "或手工编辑）：保存时可选择重新载入或查看差异。"),
    "watch.form_deleted": ("{id} was deleted on disk while you edit it.",
                           "{id} 在你编辑时已在磁盘上被删除。"),
    "diff.title": ("Opened version → now on disk", "打开时的版本 → 磁盘上的当前版本"),
    "diff.none": ("(no difference in the text)", "（文本没有差异）"),
    "close": ("Close", "关闭"),
    "cancel": ("Cancel", "取消"),
    "ok": ("OK", "确定"),
    "move.title": ("Move {id} from {status} to", "将 {id} 从 {status} 变更为"),
    "move.none": ("{id}: no moves are allowed from {status}.",
                  "{id}：当前状态 {status} 不能再变更。"),
    "move.done": ("{id}: {a} → {b}", "{id}：{a} → {b}"),
    "move.needs_signoff": ("needs a current client sign-off", "需要甲方有效确认"),
    "signoff.title": ("Record the client's sign-off of {id}",
                      "记录甲方对 {id} 的确认"),
    "signoff.by": ("Confirmed by (client)", "确认人（甲方）"),
    "signoff.via": ("Confirmed via (email, meeting id, …)",
                    "确认方式（email、会议编号等）"),
    "signoff.on": ("Confirmed on (YYYY-MM-DD)", "确认日期（YYYY-MM-DD）"),
    "signoff.save": ("Record sign-off", "记录确认"),
    "signoff.not_kind": ("A {kind} takes no client sign-off.", "{kind}不需要甲方确认。"),
    "signoff.need": ("Give who confirmed and how.", "请填写确认人和确认方式。"),
    "signoff.done": ("{id}: sign-off recorded ({commit}).", "{id}：已记录确认（{commit}）。"),
    "editor.none_changed": ("{id}: the editor made no change.", "{id}：编辑器中没有改动。"),
    "editor.failed": ("The edited {id} is not valid", "编辑后的 {id} 不合规"),
    "editor.again": ("Edit again", "重新编辑"),
    "editor.discard": ("Discard my edit", "放弃这次编辑"),
    "editor.cannot": ("Cannot start the editor {cmd!r}: {err}. Set $VISUAL or $EDITOR.",
                      "无法启动编辑器 {cmd!r}：{err}。请设置 $VISUAL 或 $EDITOR。"),
    "editor.not_saved": ("{id} was not saved", "{id} 没有保存"),
    "editor.not_saved_body": ("Your edit is kept until you choose: edit it again, "
                              "or discard it.",
                              "你的修改还在：可以重新编辑，或放弃。"),
    "editor.discarded": ("{id}: your edit was discarded; the record is unchanged.",
                         "{id}：已放弃编辑，记录未改动。"),
    "history.title": ("History of {id}", "{id} 的历史"),
    "history.none": ("No commits touched this record yet.", "还没有提交改动过这条记录。"),
    "history.raw": ("Raw diff (git log -p)", "原始差异（git log -p）"),
    "history.fallback": ("Field-level history is not available here: showing the "
                         "raw diff.", "暂不能显示字段级历史：以下是原始差异。"),
    "history.why": ("why: {why}", "原因：{why}"),
    "history.deleted": ("(this record was deleted)", "（这条记录已被删除）"),
    # --- project history (tui/screens/project_history.py) ----------------------
    "key.more": ("More", "更多"),
    "key.period": ("Period", "时段"),
    "key.project_history": ("Project history", "项目历史"),
    "phist.title": ("Project history", "项目历史"),
    "phist.loading": ("Reading the history…", "正在读取历史……"),
    "dash.loading": ("Reading the records…", "正在读取记录……"),
    "phist.count": ("{n} commits, newest first", "{n} 次提交，最新在前"),
    "phist.more": ("older ones: m shows {n} more", "更早的：按 m 再显示 {n} 条"),
    "phist.since": ("since {since}", "自 {since}"),
    "phist.period_prompt": ("since: YYYY-MM-DD, a baseline, a revision or "
                            "last-meeting; empty: all history",
                            "起点：日期 YYYY-MM-DD、基线名、版本或 last-meeting；"
                            "留空为全部历史"),
    "phist.none": ("No commit touched this project in this period.",
                   "此时段内没有涉及本项目的提交。"),
    "phist.project_file": ("project settings", "项目信息"),
    "phist.more_records": ("+{n}", "+{n}"),
    "phist.commit": ("Commit {commit}", "提交 {commit}"),
    "phist.records": ("{n} records", "{n} 条记录"),
    "phist.author": ("Author: {author}", "作者：{author}"),
    "phist.date": ("Date: {date}", "日期：{date}"),
    "col.date": ("Date", "日期"),
    "col.author": ("Author", "作者"),
    "col.action": ("Action", "操作"),
    "col.record": ("Record", "记录"),
    "col.why": ("Why", "原因"),
    "action.create": ("create", "新建"),
    "action.edit": ("edit", "修改"),
    "action.move": ("move", "变更状态"),
    "action.confirm": ("confirm", "客户确认"),
    "action.delete": ("delete", "删除"),
    "action.renumber": ("renumber", "重新编号"),
    "palette.project_history": ("Project history", "项目历史"),
    "dash.sla": ("Feedback replied in {avg} days on average · on time {on}/{n} "
                 "· overdue unanswered {late}",
                 "反馈平均 {avg} 天答复 · 按期 {on}/{n} · 逾期未答 {late}"),
    "dash.sla_none": ("Feedback: none replied yet · overdue unanswered {late}",
                      "反馈：尚无答复 · 逾期未答 {late}"),
    "help.title": ("Keys in effect", "当前可用按键"),
    "help.hint": ("Remap any key in {path} under [keymap] with the id shown.",
                  "可在 {path} 的 [keymap] 中按下列编号重设按键。"),
    "help.statuses": ("Statuses of a {kind}: colour, word, stored value",
                      "{kind}的状态：颜色、名称、存储值"),
    "help.col_keys": ("Keys", "按键"),
    "help.col_what": ("Does", "作用"),
    "help.col_id": ("Binding id", "编号"),
    "pick.title": ("Pick a record (type an id or words of a title)",
                   "选择记录（输入编号或标题中的字）"),
    "palette.open": ("Open {id}", "打开 {id}"),
    "palette.new": ("New {kind}", "新建{kind}"),
    "palette.list": ("List: {kind}", "列表：{kind}"),
    "palette.project": ("Switch to project {slug}", "切换到项目 {slug}"),
    "palette.dashboard": ("Dashboard", "总览"),
    "palette.report_type": ("Report: {type}", "报告：{type}"),
    "palette.help": ("Keys in effect", "当前可用按键"),
    "palette.resolve": ("Resolve sync conflicts", "解决同步冲突"),
    "palette.refresh": ("Reload from disk", "从磁盘重新载入"),
    "palette.record_help": ("{kind} · {status}", "{kind} · {status}"),
    # --- the report screen ---------------------------------------------------
    "key.report_build": ("Generate", "生成"),
    "key.report_write": ("Write file", "写入文件"),
    "key.report_keep": ("Keep as sent", "存为已发送"),
    "key.report_download": ("Download", "下载"),
    "report.title": ("Reports", "报告"),
    "report.type.summary": ("Review summary", "评审会摘要"),
    "report.type.progress": ("Progress report", "项目周报/月报"),
    "report.type.final": ("Project summary", "项目总结"),
    "report.type.requirements": ("Requirements document", "需求规格说明书"),
    "report.type.minutes": ("Meeting minutes", "会议纪要"),
    "report.type.review": ("Review pack (stage review)", "阶段评审会材料"),
    "report.param.since": ("since: YYYY-MM-DD, revision, baseline or last-meeting",
                           "起点：日期、修订、基线名或 last-meeting"),
    "report.param.at": ("as of baseline (empty: now)", "基线名（空：当前）"),
    "report.param.meeting": ("meeting id, e.g. MTG-3", "会议编号，如 MTG-3"),
    "report.param.review": ("review meeting id (empty: the next planned review)",
                            "评审会议编号（空：下一次计划的评审会）"),
    "report.param.none": ("(whole history)", "（全部历史）"),
    "report.path": ("file to write", "写入的文件"),
    "report.download_name": ("file name of the download", "下载的文件名"),
    "report.download_bad": ("Give a file name only (no folder): the report goes to "
                            "your browser's downloads.",
                            "只填文件名（不含文件夹）：报告会下载到你的浏览器。"),
    "report.downloading": ("Sent to your browser as {name}.", "已发送到浏览器：{name}"),
    "report.readonly": ("Read-only view: reports are previewed here, not saved.",
                        "只读视图：这里只预览报告，不保存。"),
    "report.overwrite.title": ("Replace the existing file?", "覆盖已有文件？"),
    "report.overwrite.body": ("{path} already exists.", "{path} 已存在。"),
    "report.overwrite.keep": ("Keep it", "不覆盖"),
    "report.overwrite.replace": ("Replace", "覆盖"),
    "report.not_written": ("Not written: {path} is as it was.", "未写入：{path} 保持原样。"),
    "report.written": ("Written: {path}", "已写入：{path}"),
    "report.kept": ("Kept as {id}", "已保存为 {id}"),
    "report.empty": ("Generate a report first.", "请先生成报告。"),
    "report.stale": ("Records changed since this preview: ctrl+g generates it again.",
                     "预览生成后记录有变动：按 ctrl+g 重新生成。"),
    "err.readonly": ("This workspace is open read-only: nothing is written here; make "
                     "changes in the desktop app or on the command line.",
                     "工作区以只读方式打开：这里不写入任何内容；请在桌面应用或命令行中修改。"),
    "readonly.mark": ("READ-ONLY", "只读"),
    "err.gone": ("{id} no longer exists on disk.", "{id} 已不在磁盘上。"),
    "err.broken": ("{path}: {problem}", "{path}：{problem}"),
    "reloaded": ("Reloaded from disk.", "已从磁盘重新载入。"),
    "config.problem": ("{problem}", "{problem}"),
    "project.switched": ("Project: {name}", "项目：{name}"),
}

# Chinese words for the stored (English) values of statuses and choice
# fields.  Only the display changes: files, filters by the stored value, the
# CLI and commits keep the English value.  A value not listed is shown as is.
VALUES: dict[str, str] = {
    # statuses
    "draft": "草稿", "proposed": "待确认", "confirmed": "已确认",
    "in-progress": "进行中", "delivered": "已交付", "accepted": "已验收",
    "rejected": "已拒绝", "withdrawn": "已撤回", "raised": "已提出",
    "analysing": "分析中", "approved": "已批准", "implemented": "已实施",
    "agreed": "已商定", "superseded": "已取代", "reverted": "已撤销",
    "received": "已收到", "acknowledged": "已受理", "replied": "已答复",
    "closed": "已关闭", "planned": "计划中", "held": "已召开",
    "cancelled": "已取消", "open": "待处理", "done": "已完成",
    "dropped": "已放弃", "mitigating": "缓解中", "occurred": "已发生",
    "sent": "已发送", "new": "新建", "resolved": "已解决",
    # project status
    "planning": "规划中", "active": "进行中", "maintenance": "维护中",
    # priority
    "must": "必须", "should": "应该", "could": "可以", "wont": "不做",
    # source, channel, format
    "change": "变更", "document": "文档", "feedback": "反馈",
    "focus-group": "焦点小组", "interview": "访谈", "survey": "问卷",
    # sign-off channels (confirmation.via, decision.via: free text, the
    # usual ones in words)
    "meeting": "会议", "letter": "书面函件", "signature": "签字文件", "wechat": "微信",
    "workshop": "研讨会", "email": "邮件", "hotline": "热线",
    "im": "即时消息", "issue-tracker": "问题跟踪系统", "online": "线上",
    "phone": "电话", "review-meeting": "评审会", "support": "支持渠道",
    "manual": "手册", "on-site": "现场",
    # types
    "acceptance": "验收", "ad-hoc": "临时", "bug": "缺陷", "complaint": "投诉",
    "dispute": "分歧", "final": "最终", "issue": "问题", "kickoff": "启动",
    "minutes": "纪要", "monthly": "每月", "praise": "表扬", "progress": "进度",
    "question": "咨询", "requirements": "需求", "retrospective": "回顾",
    "review": "评审材料", "risk": "风险", "stage": "阶段", "stage-review": "阶段评审",
    "suggestion": "建议", "weekly": "每周",
    # outcome, levels, lesson category
    "pass": "通过", "fail": "不通过", "conditional": "有条件通过",
    "low": "低", "medium": "中", "high": "高", "critical": "严重",
    "red": "红", "amber": "黄", "green": "绿",
    "recommendation": "建议", "to-improve": "待改进", "went-well": "做得好",
}


# Textual's own key descriptions (its widgets' bindings, shown on the help
# screen when such a widget has the focus), in Chinese
TEXTUAL_ZH = {
    "Bottom": "末行", "Top": "首行", "Home": "行首", "End": "行尾",
    "First": "首项", "Last": "末项", "Up": "上移", "Down": "下移",
    "Cursor up": "光标上移", "Cursor down": "光标下移",
    "Cursor left": "光标左移", "Cursor right": "光标右移",
    "Cursor up select": "向上选择", "Cursor down select": "向下选择",
    "Cursor left select": "向左选择", "Cursor right select": "向右选择",
    "Cursor left word select": "向左选择一个词", "Cursor right word select": "向右选择一个词",
    "Cursor word left": "左移一个词", "Cursor word right": "右移一个词",
    "Cursor line start": "到行首", "Cursor line end": "到行尾",
    "Cursor line start select": "选择到行首", "Cursor line end select": "选择到行尾",
    "Cursor page up": "光标上翻一页", "Cursor page down": "光标下翻一页",
    "Page up": "上翻一页", "Page down": "下翻一页",
    "Page Up": "上翻一页", "Page Down": "下翻一页",
    "Page Left": "左翻一页", "Page Right": "右翻一页",
    "Scroll Up": "向上滚动", "Scroll Down": "向下滚动",
    "Scroll Left": "向左滚动", "Scroll Right": "向右滚动",
    "Scroll Home": "滚到开头", "Scroll End": "滚到末尾",
    "Copy": "复制", "Cut": "剪切", "Paste": "粘贴", "Undo": "撤销", "Redo": "重做",
    "Copy selected text": "复制所选文字", "Cut selected text": "剪切所选文字",
    "Paste text from the clipboard": "从剪贴板粘贴",
    "Delete all to the left": "删除左侧全部", "Delete all to the right": "删除右侧全部",
    "Delete character left": "删除左侧一字", "Delete character right": "删除右侧一字",
    "Delete left to start of word": "删除左侧一个词",
    "Delete right to start of word": "删除右侧一个词",
    "Delete line": "删除整行", "Delete to line end": "删除到行尾",
    "Delete to line start": "删除到行首",
    "Go to start": "到开头", "Go to end": "到末尾",
    "Move cursor left": "光标左移", "Move cursor left a word": "左移一个词",
    "Move cursor left and select": "向左选择",
    "Move cursor left a word and select": "向左选择一个词",
    "Move cursor right and select": "向右选择",
    "Move cursor right a word": "右移一个词",
    "Move cursor right a word and select": "向右选择一个词",
    "Move cursor right or accept the completion suggestion": "光标右移或接受补全",
    "Select": "选择", "Select all": "全选", "Select line": "选择整行",
    "Select line start": "选择到行首", "Select line end": "选择到行尾",
    "Show menu": "展开选项", "Submit": "提交", "Toggle": "切换",
    "Press button": "按下按钮", "Focus Next": "下一个输入项",
    "Focus Previous": "上一个输入项", "Next tab": "下一页签", "Previous tab": "上一页签",
    "Quit": "退出",
}

def word(value):
    """How a stored status or choice value is shown in the UI language:
    ``in-progress`` -> ``进行中`` in Chinese; anything else unchanged."""
    if _LANG[0] == "zh" and isinstance(value, str):
        return VALUES.get(value, value)
    return value


def set_language(lang: str) -> None:
    _LANG[0] = lang if lang in ("en", "zh") else "en"


def language() -> str:
    return _LANG[0]


def t(key: str, **values) -> str:
    en, zh = CATALOG.get(key, (key, key))
    text = zh if _LANG[0] == "zh" else en
    return text.format(**values) if values else text


def alert_words(group, clean=str) -> tuple[str, str]:
    """The words of one attention group (store.attention.Attention):
    (label, note); ``clean`` makes the user's cadence name safe to show."""
    if group.key == "cadence":
        note = t("dash.last", date=group.last.isoformat()) if group.last else t("dash.never")
        return t("dash.cadence", what=clean(group.what)), note
    return t(f"dash.{group.key}"), ""
