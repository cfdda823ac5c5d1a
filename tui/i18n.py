"""Every string the app shows, in English and Chinese, in one catalog.

Field and kind labels are not here: they come from the schema table
(``Field.label(lang)``, ``Kind.label(lang)``).  ``t(key, **values)`` formats
with ``str.format``; the values are user data, so the result is plain text and
must be shown as such (never as markup).
"""
from __future__ import annotations

from store.model.schema import VALUE_WORDS

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
    "key.sync": ("Sync", "同步"),
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
    "dash.to_agree": ("Client asks without an agreed date", "甲方事项未约定答复日期"),
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
    "dash.unpushed": ("{n} commit(s) not yet pushed (S: sync)",
                      "{n} 个提交尚未推送（按 S 同步）"),
    "sync.started": ("Syncing with the remote…", "正在与远程仓库同步…"),
    "sync.running": ("A sync is already under way.", "同步正在进行中。"),
    "sync.pushed": ("Synced: pushed to {remote}/{branch}.",
                    "同步完成：已推送到 {remote}/{branch}。"),
    "sync.uptodate": ("Synced: up to date with {remote}/{branch}.",
                      "同步完成：与 {remote}/{branch} 一致。"),
    "sync.conflict": ("Sync stopped: {n} conflicting field(s); settle them from "
                      "the dashboard.", "同步已暂停：{n} 个冲突字段，请在总览中解决。"),
    "sync.invalid": ("Nothing was pushed: {problem}", "未推送：{problem}"),
    "sync.failed": ("Sync failed: {problem}", "同步失败：{problem}"),
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
    "form.hint": ("ctrl+s save · esc back · ctrl+o pick a record for id fields · "
                  "F2 go to a field · F1 keys",
                  "ctrl+s 保存 · esc 返回 · 编号字段按 ctrl+o 选择记录 · F2 跳到字段 · F1 按键"),
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
                      "打开表单后它被改动了（另一个终端、同步拉取或手工编辑）。"
                      "没有写入任何内容。"),
    "conflict.reload": ("Reload (drop my edits)", "重新载入（放弃我的修改）"),
    "conflict.diff": ("Show difference", "查看差异"),
    "conflict.keep": ("Keep editing", "继续编辑"),
    "watch.form_changed": ("{id} changed on disk while you edit it (another "
                           "terminal, a pull or a hand edit): saving will offer "
                           "to reload or show the difference.",
                           "{id} 在你编辑时已在磁盘上被改动（另一个终端、同步拉取"
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
                    "确认方式（邮件、会议编号等）"),
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
    # --- the dashboard's charts (tui/widgets/charts.py) -------------------------
    "key.charts": ("Charts", "图表"),
    "chart.loading": ("Drawing the charts…", "正在绘制图表……"),
    "chart.failed": ("No charts: the history cannot be read ({problem}); R reloads.",
                     "无法绘制图表：读不了历史（{problem}）；按 R 重新读取。"),
    "chart.open": ("Open items by kind, per week", "各类未关闭事项（按周）"),
    "chart.replies": ("Feedback reply days vs promised", "反馈答复天数与承诺天数"),
    "chart.changes": ("Requirement changes since the baseline", "基线后的需求变更（按周）"),
    "chart.days": ("days taken", "实际天数"),
    "chart.promised": ("days promised", "承诺天数"),
    "chart.none": ("No open items in these weeks.", "这几周没有未关闭事项。"),
    "chart.no_replies": ("No feedback replied in these weeks.", "这几周没有答复反馈。"),
    "chart.no_baseline": ("No baseline taken yet.", "尚未建立需求基线。"),
    "chart.since": ("{n} changes since baseline ", "基线后共 {n} 次变更 · 基线 "),
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
    "palette.placeholder": ("Search for commands and records…", "搜索命令和记录…"),
    "diff.opened": ("opened", "打开时"),
    "subject.layout": ("layout", "排版"),
    "diff.on_disk": ("on disk", "磁盘上"),
    "palette.no_matches": ("No matches found", "没有找到匹配项"),
    "quit.how": ("Press {keys} to quit the app", "按 {keys} 退出应用"),
    "quit.ask": ("Do you want to quit?", "要退出吗？"),
    "palette.report_type": ("Report: {type}", "报告：{type}"),
    "palette.help": ("Keys in effect", "当前可用按键"),
    "palette.resolve": ("Resolve sync conflicts", "解决同步冲突"),
    "palette.sync": ("Sync with the remote (fetch, merge, push)",
                     "与远程仓库同步（获取、合并、推送）"),
    "palette.refresh": ("Reload from disk", "从磁盘重新载入"),
    "palette.record_help": ("{kind} · {status}", "{kind} · {status}"),
    # --- the project settings form (tui/screens/project_form.py) -----------
    "pform.title": ("Project settings", "项目设置"),
    "pform.new_title": ("New project", "新建项目"),
    "pform.slug": ("Short name (letters, digits, -)", "项目代号（小写字母、数字、-）"),
    "pform.lines": ("one per line", "每行一项"),
    "pform.rows_hint": ("a: add row · enter: edit · x: remove",
                        "a 添加一行 · enter 编辑 · x 删除"),
    "pform.saved": ("Project settings saved", "项目设置已保存"),
    "pform.created": ("Project {slug} created", "已创建项目 {slug}"),
    "pform.nothing": ("Nothing changed", "没有改动"),
    "pform.row_title": ("{table}: a row", "{table}：一行"),
    "pform.ok": ("OK", "确定"),
    "pform.cancel": ("Cancel", "取消"),
    "key.add_row": ("Add row", "添加一行"),
    "key.remove_row": ("Remove row", "删除一行"),
    "key.project_form": ("Project settings", "项目设置"),
    # --- the spreadsheet import screen (tui/screens/importer.py) -------------
    "palette.import": ("Import requirements from a spreadsheet (.xlsx/.csv)",
                       "从电子表格导入需求（.xlsx/.csv）"),
    "import.title": ("Import requirements", "导入需求"),
    "import.path": ("the client's sheet (.xlsx or .csv); enter: dry run",
                    "甲方需求表（.xlsx 或 .csv）；回车预演"),
    "import.hint": ("Give the sheet's path and press enter: nothing is written "
                    "before you import (ctrl+s).",
                    "输入表格路径后回车预演：按 ctrl+s 导入之前不会写入任何内容。"),
    "import.confirm": ("Import {n} requirements?", "导入 {n} 条需求？"),
    "import.confirm_body": ("{create} new, {update} updated, as one commit.",
                            "新建 {create} 条，更新 {update} 条，作为一次提交。"),
    "import.do": ("Import", "导入"),
    "import.reading": ("Reading the sheet…", "正在读取表格……"),
    "import.writing": ("Importing…", "正在导入……"),
    "import.cancel": ("Cancel", "取消"),
    "import.nothing": ("Nothing to import: run a dry run first.",
                       "没有可导入的内容：请先预演。"),
    "key.import_plan": ("Dry run", "预演"),
    "key.import_apply": ("Import", "导入"),
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
    # --- delete and undo (tui/screens/changes.py) --------------------------
    "delete.title": ("Delete {id}?", "删除 {id}？"),
    "delete.body": ("{id} {title} is deleted in one commit; its id is never "
                    "given again. The history keeps it.",
                    "{id} {title} 将以一次提交删除，编号不再复用；历史中仍可查到。"),
    "delete.keep": ("Keep it", "保留"),
    "delete.yes": ("Delete", "删除"),
    "delete.done": ("Deleted {id} ({commit}).", "已删除 {id}（{commit}）。"),
    "undo.title": ("Undo your last change?", "撤销你的上一次改动？"),
    "undo.body": ("{commit} {subject}\nis reverted by a new commit.",
                  "{commit} {subject}\n将由一次新提交撤回。"),
    "undo.keep": ("Keep it", "保留"),
    "undo.yes": ("Undo", "撤销"),
    "undo.done": ("Undid {commit} ({new}).", "已撤销 {commit}（{new}）。"),
    "undo.refused.nothing": ("You have no change in this project to undo.",
                             "本项目中没有你可撤销的改动。"),
    "undo.refused.changed_since": (
        "Not undone: {author} changed those files since ({since}); edit the record instead.",
        "未撤销：{author} 之后改过这些文件（{since}），请直接编辑记录。"),
    "undo.refused.changed_on_disk": (
        "Not undone: {path} has an edit not committed; save or drop it first.",
        "未撤销：{path} 有未提交的改动，请先保存或放弃。"),
    "undo.refused.root": ("Not undone: {commit} is the first commit.",
                          "未撤销：{commit} 是第一次提交。"),
    "key.delete": ("Delete", "删除"),
    "key.jump_field": ("Go to field", "跳到字段"),
    "form.jump_title": ("Go to a field: type part of its name (pinyin too)",
                        "跳到字段：输入字段名的一部分（可用拼音）"),
    "merge.title": ("{id} changed on disk: the same fields", "{id} 在磁盘上被改动：同一字段"),
    "merge.body": ("Both you and the other change set these fields; the rest "
                   "is merged.\n{fields}",
                   "你和对方都改了下列字段，其余改动已合并。\n{fields}"),
    "merge.mine": ("mine", "我的"),
    "merge.theirs": ("theirs", "对方"),
    "merge.use_mine": ("Keep mine", "用我的"),
    "merge.use_theirs": ("Take theirs", "用对方的"),
    "merge.other": ("Other choices", "其他选择"),
    "merge.done": ("Saved {id}, merged with the change on disk ({commit}).",
                   "已保存 {id}，并与磁盘上的改动合并（{commit}）。"),
    "project.form_title": ("Project settings", "项目设置"),
    "project.form_new": ("New project", "新建项目"),
    "project.form_hint": ("ctrl+s save · esc back · tables: one row a line, cells "
                          "separated by | in the order shown under them",
                          "ctrl+s 保存 · esc 返回 · 表格：每行一条，按下方列出的顺序用 | 分隔"),
    "project.slug": ("Short name (letters, digits, -)", "项目代号（小写字母、数字、-）"),
    "project.need_name": ("A project needs a name and a client.", "项目需要名称和客户。"),
    "project.saved": ("Saved the project {name}.", "已保存项目 {name}。"),
    "history.fingerprint_changed": ("signed-off content changed", "签认内容变更"),
    "history.fingerprint_set": ("signed-off content recorded", "记录签认内容"),
    "history.fingerprint_removed": ("sign-off fingerprint removed", "签认指纹已移除"),
    "quick.title": ("Title", "标题"),
    "quick.save": ("Create and link", "创建并关联"),
    "quick.need_title": ("Give it a title.", "请填写标题。"),
    "quick.decision": ("New decision of {id}", "{id} 的新决议"),
    "quick.action": ("New action of {id}", "{id} 的新待办"),
    "quick.done": ("Created {id} and linked it to {parent} ({commit}).",
                   "已创建 {id} 并关联到 {parent}（{commit}）。"),
    "key.add_decision": ("Add decision", "加决议"),
    "key.add_action": ("Add action", "加待办"),
    "key.new_from": ("New linked", "新建关联记录"),
    "detail.backlinks": ("Linked from", "被引用"),
    "key.undo": ("Undo mine", "撤销我的改动"),
    "key.home": ("Dashboard", "总览"),
    "keymap.unknown": ("[keymap] unknown binding id {ids}", "[keymap] 没有这个按键名：{ids}"),
    "keymap.clash": ("[keymap] {k} is given to both {a} and {b}",
                     "[keymap] {k} 同时给了 {a} 和 {b}"),
    "keymap.problems": ("{problems} (in {path}; ? lists the ids)",
                        "{problems}（{path}；按 ? 查看按键名）"),
    "config.problem": ("{problem}", "{problem}"),
    "project.switched": ("Project: {name}", "项目：{name}"),
}

# Chinese words for the stored (English) values of statuses and choice
# fields, from the one vocabulary the schema owns (the documents use it
# too).  Only the display changes: files, filters by the stored value, the
# CLI and commits keep the English value.  A value not listed is shown as is.
VALUES: dict[str, str] = {k: zh for k, (_en, zh) in VALUE_WORDS.items()}


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
    "Go to bottom": "到末尾", "Go to top": "到开头", "Next command": "下一条命令",
    "Previous command": "上一条命令", "Exit the command palette": "关闭命令面板",
    "Next page": "下一页", "Previous page": "上一页", "Toggle collapsible": "展开/收起",
    "Cursor to parent": "到上一级", "Cursor to next ancestor": "到下一个上级",
    "Cursor to previous sibling": "到上一个同级", "Cursor to next sibling": "到下一个同级",
    "Expand or collapse all": "全部展开/收起", "Cursor Up": "光标上移",
    "Cursor Down": "光标下移", "Open link": "打开链接", "Next option": "下一选项",
    "Previous option": "上一选项", "Dismiss menu": "收起选项", "Toggle option": "切换选项",
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
    """The words of one attention group (store.model.attention.Attention):
    (label, note); ``clean`` makes the user's cadence name safe to show."""
    if group.key == "cadence":
        note = t("dash.last", date=group.last.isoformat()) if group.last else t("dash.never")
        return t("dash.cadence", what=clean(group.what)), note
    return t(f"dash.{group.key}"), ""


def error_text(err) -> str:
    """A store error or problem line in the UI language, with the app's way
    out (its key, not a command): store.messages.describe."""
    from store.messages import describe
    return describe(err, _LANG[0], "app")


_SUBJECT = None


def subject_text(subject: str) -> str:
    """A commit subject Accord wrote (``REQ-3: edit title, priority``,
    ``REQ-4: move proposed -> confirmed``) in the UI language: the action
    and field names as words; titles, names and hand-written subjects as
    they are."""
    import re

    from store.model import ids
    from store.model.schema import PROJECT_FIELDS, field_in
    global _SUBJECT
    if _LANG[0] != "zh":
        return subject
    _SUBJECT = _SUBJECT or re.compile(
        r"^(\S+): (create|edit|move|confirm|delete|renumber)(?: (.*))?$", re.S)
    m = _SUBJECT.match(subject)
    if not m:
        return subject
    rid, action, rest = m.group(1), m.group(2), m.group(3) or ""
    head = f"{rid}：{t(f'action.{action}')}"
    if action == "move" and " -> " in rest:
        a, b = rest.split(" -> ", 1)
        return f"{head} {word(a)} → {word(b)}"
    if action == "confirm":
        return head + re.sub(r"\((.*) via (.*)\)$", r"（\1，\2）", rest)
    if action == "edit":
        if ids.is_id(rid):
            fields = ids.parse_id(rid)[0].field
        elif rest.startswith("project ("):
            rest = rest[len("project ("):-1]
            head = f"{rid}：{t('action.edit')} {t('phist.project_file')}"

            def fields(name):
                return field_in(PROJECT_FIELDS, name)
        else:
            return subject
        if rest == "layout":
            return f"{head} {t('subject.layout')}"

        def label(name):
            f = fields(name.split(".")[0])
            return f.label("zh") if f is not None else name
        more = re.search(r" \(\+(\d+)\)$", rest)
        names = rest[:more.start()] if more else rest
        shown = "、".join(label(n) for n in names.split(", ") if n)
        return f"{head} {shown}" + (f"（另 {more.group(1)} 项）" if more else "")
    rest = re.sub(r" \(from (\S+)\)$", r"（来自 \1）", rest)
    return f"{head} {rest}".rstrip()
