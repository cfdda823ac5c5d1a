"""The table of store.messages: code -> {"en", "zh"[, "en.app", "zh.app"]}.
The English text is also ``str(err)`` (logs, old callers); keep its words
as they were when a test or a script matches them."""
from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- the workspace -----------------------------------------------------------
    "read-only": {
        "en": "this workspace is open read-only: nothing is written here (no file, "
              "no commit, no tag); make changes in the desktop app or on the command line",
        "zh": "这个工作区以只读方式打开：这里不写入任何内容（文件、提交、标签都不会写）；"
              "请在终端应用或命令行中修改"},
    "path-missing": {"en": "{path} does not exist", "zh": "{path} 不存在"},
    "not-a-workspace": {
        "en": "{path} is not inside an Accord workspace (no {config} here or above): "
              "run `accord init` to create one, or use -C PATH",
        "zh": "{path} 不在 Accord 工作区内（此处及上级目录都没有 {config}）："
              "用 `accord init` 新建一个，或用 -C 路径 指定"},
    "init-not-folder": {
        "en": "{path} is a file, not a folder: give `accord init` a new or existing folder",
        "zh": "{path} 是文件而不是文件夹：请给 `accord init` 一个新的或已有的文件夹"},
    "init-exists": {
        "en": "{path} is already an Accord workspace ({config} is there): use it, "
              "or init another folder",
        "zh": "{path} 已经是 Accord 工作区（已有 {config}）：直接使用，或换一个文件夹初始化"},
    "bad-language": {"en": "language {value!r}: use en or zh",
                     "zh": "语言 {value!r} 不可用：请用 en 或 zh"},
    "config-unreadable": {
        "en": "{path}: cannot be read ({problem}); fix the file by hand",
        "zh": "{path} 无法读取（{problem}）；请手工修正该文件"},
    "format-newer": {
        "en": "{config} says format {shown}; this Accord writes format {format} only: "
              "upgrade Accord (nothing was changed)",
        "zh": "{config} 的格式版本是 {shown}，这个 Accord 只写格式 {format}：请升级 Accord（未做任何改动）"},
    "unknown-project": {
        "en": "no project {slug!r} in this workspace: projects are {projects}",
        "zh": "这个工作区没有项目 {slug!r}：已有的项目是 {projects}"},
    "unknown-project-none": {
        "en": "no project {slug!r} in this workspace: create one with `accord project new`",
        "zh": "这个工作区没有项目 {slug!r}：用 `accord project new` 新建",
        "zh.app": "这个工作区没有项目 {slug!r}：请先新建项目"},
    "no-project-yet": {
        "en": "this workspace has no project yet: create one with "
              "`accord project new SLUG --name NAME --client CLIENT`",
        "zh": "这个工作区还没有项目：用 `accord project new 代号 --name 名称 --client 客户` 新建",
        "en.app": "this workspace has no project yet: create one in the project form",
        "zh.app": "这个工作区还没有项目：请在项目表单中新建"},
    "many-projects": {
        "en": "this workspace has {n} projects: choose one with --project ({projects})",
        "zh": "这个工作区有 {n} 个项目：用 --project 选择一个（{projects}）"},
    "no-project": {"en": "no project {slug!r}", "zh": "没有项目 {slug!r}"},
    "project-exists": {"en": "project {slug!r} already exists",
                       "zh": "项目 {slug!r} 已存在"},
    "project-invalid": {"en": "project: {problem}", "zh": "项目：{problem}"},
    "bad-slug": {
        "en": "{value!r} is not a project slug: use lowercase letters, digits and '-' "
              "(e.g. crm-rollout)",
        "zh": "{value!r} 不是有效的项目代号：请用小写字母、数字和 '-'（例如 crm-rollout）"},
    "path-outside": {"en": "{path} lies outside the workspace; refused",
                     "zh": "{path} 在工作区之外；已拒绝"},
    "symlink-write": {
        "en": "{path} is a symbolic link: Accord never writes through links; "
              "replace it with a regular file",
        "zh": "{path} 是符号链接：Accord 不通过链接写入；请换成普通文件"},
    "symlink-refused": {"en": "{path} is a symbolic link; refused",
                        "zh": "{path} 是符号链接；已拒绝"},
    "symlink-read": {
        "en": "{path} is a symbolic link: Accord never reads through links; "
              "replace it with a regular file",
        "zh": "{path} 是符号链接：Accord 不通过链接读取；请换成文件本身"},
    # --- records -------------------------------------------------------------------
    "bad-id": {
        "en": "{value!r} is not a record id: ids look like REQ-7 (prefixes: {prefixes})",
        "zh": "{value!r} 不是记录编号：编号形如 REQ-7（前缀：{prefixes}）"},
    "unknown-record": {
        "en": "no record {rid} in project {slug}: `accord list {kind_name}` shows the ids",
        "zh": "项目 {slug} 中没有记录 {rid}：`accord list {kind_name}` 列出所有编号",
        "en.app": "no record {rid} in project {slug}",
        "zh.app": "项目 {slug} 中没有记录 {rid}"},
    "broken-record": {
        "en": "{path}: {problem}: fix it in an editor, or drop the change with "
              "`git checkout -- {path}`",
        "zh": "{path}：{problem}：请在编辑器中修正，或用 `git checkout -- {path}` 放弃改动"},
    "broken-file": {"en": "{path}: {problem}", "zh": "{path}：{problem}"},
    "toml-invalid": {"en": "not valid TOML ({toml})", "zh": "不是有效的 TOML（{toml}）"},
    "toml-refused": {"en": "not a record Accord reads ({detail})",
                     "zh": "不是 Accord 能读取的记录（{detail}）"},
    "not-utf8": {"en": "not UTF-8 text (byte {byte})",
                 "zh": "不是 UTF-8 文本（第 {byte} 个字节）"},
    "ids-exhausted": {
        "en": "every {kind} number up to {max} is used in {path}: start another project",
        "zh": "{path} 中 {kind} 的编号（到 {max}）已用完：请另建一个项目"},
    "unknown-kind": {"en": "unknown kind {value!r}: kinds are {kinds}",
                     "zh": "没有记录类型 {value!r}：类型有 {kinds}"},
    "not-a-status": {
        "en": "status {value!r} is not a {kind} status: use one of {statuses}",
        "zh": "{value!r} 不是{kind}的状态：可用 {statuses}"},
    "new-needs-signoff": {
        "en": "a new {kind} cannot start as {value!r}: it needs the client's sign-off "
              "first (`accord confirm`)",
        "zh": "新的{kind}不能以“{status}”开始：需要先有甲方确认（`accord confirm`）",
        "en.app": "a new {kind} cannot start as {value!r}: it needs the client's "
                  "sign-off first (key c on the record)",
        "zh.app": "新的{kind}不能以“{status}”开始：需要先有甲方确认（在记录上按 c）"},
    "new-needs-signoff-short": {
        "en": "a new {kind} cannot start as {value!r}",
        "zh": "新的{kind}不能以“{status}”开始"},
    "record-invalid": {"en": "{what}: {problem}", "zh": "{what}：{problem}"},
    "kind-invalid": {"en": "{kind}: {problem}", "zh": "{kind}：{problem}"},
    "move-refused": {
        "en": "{rid} cannot move from {src} to {to}: allowed from here: {allowed}",
        "zh": "{rid} 不能从“{src}”变为“{to}”：当前可变为 {allowed}"},
    "move-none": {
        "en": "{rid} cannot move from {src} to {to}: no moves are allowed from here",
        "zh": "{rid} 不能从“{src}”变为“{to}”：当前状态不能再变更"},
    "signoff-required": {
        "en": "{rid} cannot move to {to} without a current client sign-off: record it "
              "with `accord confirm {rid} --by NAME --via CHANNEL`{ok_en}",
        "zh": "{rid} 没有当前有效的甲方确认，不能变为“{to}”：用 "
              "`accord confirm {rid} --by 姓名 --via 方式` 记录确认{ok_zh}",
        "en.app": "{rid} cannot move to {to} without a current client sign-off: "
                  "press c to record it{ok_en}",
        "zh.app": "{rid} 没有当前有效的甲方确认，不能变为“{to}”：按 c 记录签认{ok_zh}"},
    "no-status": {"en": "a {kind} has no status to move", "zh": "{kind}没有状态可变更"},
    "already-status": {"en": "{rid} is already {status}", "zh": "{rid} 已经是“{status}”"},
    "no-signoff-kind": {
        "en": "a {kind} takes no client sign-off: only requirements and change "
              "requests do",
        "zh": "{kind}不需要甲方确认：只有需求和变更申请需要"},
    "confirm-needs-by": {
        "en": "confirm needs --by NAME and --via CHANNEL",
        "zh": "记录确认需要 --by 姓名 和 --via 方式",
        "en.app": "a sign-off needs who confirmed and how",
        "zh.app": "记录签认需要填写确认人和确认方式"},
    "reopen-first": {"en": "{rid} is {status}: re-open it before recording a sign-off",
                     "zh": "{rid} 已是“{status}”：请先重新打开再记录确认"},
    "edit-not-toml": {"en": "{rid}: not valid TOML ({toml})",
                      "zh": "{rid}：不是有效的 TOML（{toml}）"},
    "baseline-name": {
        "en": "baseline name {value!r}: use lowercase letters, digits and '-' "
              "(e.g. kickoff-scope)",
        "zh": "基线名 {value!r} 无效：请用小写字母、数字和 '-'（例如 kickoff-scope）"},
    "baseline-exists": {"en": "baseline {value!r} already exists: choose another name",
                        "zh": "基线 {value!r} 已存在：请换一个名字"},
    "baseline-empty": {"en": "nothing is committed yet to take a baseline of",
                       "zh": "还没有任何提交，无法建立基线"},
    "appeared-on-disk": {"en": "{rel} appeared on disk while saving; nothing was written",
                         "zh": "保存时磁盘上出现了 {rel}；未写入任何内容"},
    "changed-on-disk": {
        "en": "{rel} changed on disk since it was read: reload it and apply your "
              "change again",
        "zh": "{rel} 在读取后被改动过：请重新载入后再修改一次"},
    "no-id-list": {"en": "{rid} has no list of ids called {field}",
                   "zh": "{rid} 没有名为 {field} 的编号列表"},
    # --- values typed in -----------------------------------------------------------
    "not-a-date": {"en": "{name}: {value!r} is not a date: use YYYY-MM-DD (e.g. 2026-11-27)",
                   "zh": "{name}：{value!r} 不是日期：请用 YYYY-MM-DD（例如 2026-11-27）"},
    "not-a-date-short": {"en": "{value!r} is not a date: use YYYY-MM-DD",
                         "zh": "{value!r} 不是日期：请用 YYYY-MM-DD"},
    "list-json": {
        "en": "{name} is a list: give a JSON array ({name}='[\"a\", \"b\"]') or add/remove "
              "one item with --add {name}=VALUE / --remove {name}=VALUE",
        "zh": "{name} 是列表：请给 JSON 数组（{name}='[\"a\", \"b\"]'），或用 "
              "--add {name}=值 / --remove {name}=值 增删一项",
        "en.app": "{name} is a list: one item a line",
        "zh.app": "{name} 是列表：每行一项"},
    "table-field": {"en": "{name} is a table: set its parts ({subs})",
                    "zh": "{name} 是表：请分别设置其各项（{subs}）"},
    "not-a-time": {"en": "{name}: {value!r} is not a time: use HH:MM",
                   "zh": "{name}：{value!r} 不是时间：请用 HH:MM"},
    "not-whole": {"en": "{name}: {value!r} is not a whole number",
                  "zh": "{name}：{value!r} 不是整数"},
    "not-number": {"en": "{name}: {value!r} is not a number",
                   "zh": "{name}：{value!r} 不是数字"},
    "not-allowed": {"en": "{name}: {value!r} is not allowed: choose one of {choices}",
                    "zh": "{name}：不能填 {value!r}：请从 {choices} 中选择"},
    "not-a-list": {"en": "{name} is not a list: use --set {name}=VALUE",
                   "zh": "{name} 不是列表：请用 --set {name}=值"},
    "field": {"en": "{name}: {problem}", "zh": "{name}：{problem}"},
    # --- validation (one field's problem; "field" puts its name in front) ------------
    "required": {"en": "required, missing", "zh": "必填，未填写"},
    "should-text": {"en": "should be text", "zh": "应为文字"},
    "bad-time": {"en": "{value!r} is not a time (HH:MM)", "zh": "{value!r} 不是时间（HH:MM）"},
    "bad-choice": {"en": "{value!r} is not one of {choices}",
                   "zh": "{value!r} 不是可选值之一：{choices}"},
    "should-date": {"en": "should be a date (YYYY-MM-DD, without quotes)",
                    "zh": "应为日期（YYYY-MM-DD，不加引号）"},
    "should-int": {"en": "should be a whole number", "zh": "应为整数"},
    "int-range": {"en": "{value} is beyond the 64-bit integer range",
                  "zh": "{value} 超出 64 位整数范围"},
    "below": {"en": "{value} is below {limit}", "zh": "{value} 小于下限 {limit}"},
    "above": {"en": "{value} is above {limit}", "zh": "{value} 大于上限 {limit}"},
    "should-number": {"en": "should be a number", "zh": "应为数字"},
    "not-finite": {"en": "{value!r} is not a finite number", "zh": "{value!r} 不是有限的数字"},
    "should-list": {"en": "should be a list of text", "zh": "应为文字列表"},
    "not-id": {"en": "{value!r} is not a record id", "zh": "{value!r} 不是记录编号"},
    "should-id": {"en": "should be a record id", "zh": "应为记录编号"},
    "should-table": {"en": "should be a table", "zh": "应为表"},
    "should-tables": {"en": "should be an array of tables ([[...]])",
                      "zh": "应为表数组（[[...]]）"},
    # --- files -------------------------------------------------------------------
    "file-denied": {
        "en": "{path}: cannot {doing} ({why}): give your user permission on it (or on its "
              "folder){tail_en}",
        "zh": "{path}：无法{doing_zh}（没有权限）：请给当前用户该文件（或其文件夹）的权限{tail_zh}"},
    "file-read-only-fs": {
        "en": "{path}: cannot {doing} ({why}): the file system is mounted read-only: "
              "remount it read-write or work in a clone{tail_en}",
        "zh": "{path}：无法{doing_zh}（文件系统只读）：请以读写方式重新挂载，或在克隆中工作{tail_zh}"},
    "file-full": {
        "en": "{path}: cannot {doing} ({why}): free some disk space and try again{tail_en}",
        "zh": "{path}：无法{doing_zh}（磁盘已满）：请腾出磁盘空间后重试{tail_zh}"},
    "file-other": {
        "en": "{path}: cannot {doing} ({why}): fix that and try again{tail_en}",
        "zh": "{path}：无法{doing_zh}（错误号 {errno}）：请排除后重试{tail_zh}"},
    "folder-not-file": {
        "en": "{path} is a folder, not a record file: move it away (a record is a regular file)",
        "zh": "{path} 是文件夹而不是记录文件：请把它移走（记录是普通文件）"},
    "not-regular": {
        "en": "{path} is not a regular file (a pipe or a device): remove it (a record is a "
              "regular file)",
        "zh": "{path} 不是普通文件（管道或设备）：请删除它"},
    "too-big": {
        "en": "{path} is {mb} MB, too big for a record: check what wrote it (`accord doctor`)",
        "zh": "{path} 有 {mb} MB，作为记录太大：请检查是什么写了它（`accord doctor`）"},
    "grows": {"en": "{path} grows while read: check what writes it",
              "zh": "{path} 在读取时仍在变大：请检查是什么程序在写它"},
    # --- project settings (accord project set, the project form) ----------------------
    "project-no-table": {"en": "{value!r} is not a table of the project: tables are {tables}",
                         "zh": "{value!r} 不是项目的表：表有 {tables}"},
    "project-rows-broken": {
        "en": "project.toml: {path} is not a list of rows: fix the file "
              "(`accord doctor` names the problem)",
        "zh": "project.toml：{path} 不是行的列表：请修正该文件（`accord doctor` 会指出问题）"},
    "project-row-none": {"en": "{table}: no row is named {ref!r}: rows are {names}",
                         "zh": "{table}：没有名为 {ref!r} 的行：现有的行是 {names}"},
    "project-row-several": {"en": "{table}: several rows are named {ref!r}: rows are {names}",
                            "zh": "{table}：有多行名为 {ref!r}：现有的行是 {names}"},
    "project-row-no-field": {"en": "{table} rows have no field {value!r}: fields are {fields}",
                             "zh": "{table} 的行没有字段 {value!r}：字段有 {fields}"},
    "project-row-required": {"en": "{name} is required: remove the row instead",
                             "zh": "{name} 必填：不需要这一行就删除它"},
    "project-no-field": {"en": "the project has no field {value!r}: fields are {fields}",
                         "zh": "项目没有字段 {value!r}：字段有 {fields}"},
    "project-table-field": {
        "en": "{name} is a table of rows: change a row with {name}[ROW].FIELD=VALUE, "
              "or use add-row / remove-row",
        "zh": "{name} 是多行的表：用 {name}[行].字段=值 修改一行，或用 add-row / remove-row",
        "zh.app": "{name} 是多行的表：请在表格中逐行修改"},
    "project-required": {"en": "{name} is required and cannot be empty",
                         "zh": "{name} 必填，不能为空"},
    "project-list-json": {
        "en": "{name} is a list: give a JSON array, e.g. {name}='[\"first\", \"second\"]'",
        "zh": "{name} 是列表：请给 JSON 数组，例如 {name}='[\"first\", \"second\"]'",
        "en.app": "{name} is a list: one item a line",
        "zh.app": "{name} 是列表：每行一项"},
    "project-row-missing": {
        "en": "a {table} row needs {missing}: add {first}=VALUE",
        "zh": "{table_zh}的每一行都需要 {missing_zh}：请加上 {first}=值",
        "en.app": "a {table} row needs {missing}",
        "zh.app": "{table_zh}的每一行都需要填写 {missing_zh}"},
    "project-row-exists": {
        "en": "{table} already has a row named {value!r}: change it with "
              "'{table}[{value}].FIELD=VALUE'",
        "zh": "{table_zh}已有名为 {value!r} 的行：用 '{table}[{value}].字段=值' 修改它",
        "en.app": "{table} already has a row named {value!r}: change that row instead",
        "zh.app": "{table_zh}已有名为 {value!r} 的行：请改那一行"},
    # --- the user's config.toml (tui/config.py) --------------------------------------
    "config-ignored": {"en": "{path}: ignored ({problem})",
                       "zh": "{path}：已忽略（{problem}）"},
    "config-language": {"en": "{path}: language {value!r} ignored: use \"zh\" or \"en\"",
                        "zh": "{path}：语言 {value!r} 已忽略：请用 \"zh\" 或 \"en\""},
    "config-keys": {"en": "{path}: [keymap] {key} ignored: give keys as text",
                    "zh": "{path}：[keymap] {key} 已忽略：按键请写成文字"},
    "config-keymap": {"en": "{path}: [keymap] should be a table",
                      "zh": "{path}：[keymap] 应为表"},
    # --- the command line's own arguments ------------------------------------------
    "not-utf8-arg": {
        "en": "argument {n} ({value}) is not UTF-8 text: retype it, or convert it with iconv",
        "zh": "第 {n} 个参数（{value}）不是 UTF-8 文本：请重新输入，或用 iconv 转换"},
}

from store.messages_team import TEAM_MESSAGES  # noqa: E402  (git, sync, remotes, undo)

MESSAGES.update(TEAM_MESSAGES)
