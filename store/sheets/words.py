"""The words of the client's spreadsheets: column headers in Chinese and
English, the usual ways a sheet writes a priority or a source, and the
messages the import and export give (en, zh), picked by the workspace's
language.  ``msg(lang, key, **values)`` formats one message."""
from __future__ import annotations

import re

# field -> the headers a client's sheet uses for it (compared after
# normalising: lower case, no spaces, no brackets or "*" marks)
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("accord编号", "accordid"),
    "source_ref": ("编号", "序号", "需求编号", "需求序号", "客户编号", "甲方编号",
                   "需求id", "id", "no", "no.", "ref", "reference", "clientid",
                   "requirementid", "req.id", "reqid", "#"),
    "title": ("需求名称", "标题", "名称", "需求标题", "需求", "title", "name",
              "requirement", "summary"),
    "statement": ("需求描述", "描述", "需求说明", "说明", "详细描述", "内容",
                  "statement", "description", "detail", "details"),
    "priority": ("优先级", "重要程度", "priority", "moscow"),
    "acceptance": ("验收标准", "验收条件", "验收准则", "acceptance",
                   "acceptancecriteria", "criteria"),
    "source": ("来源", "需求来源", "source"),
    "client_contact": ("提出人", "甲方联系人", "联系人", "需求提出人", "提出部门",
                       "requestedby", "contact", "clientcontact", "requester"),
    "notes": ("备注", "注释", "notes", "note", "remarks", "comment", "comments"),
}
# headers of the exported matrix that are Accord's own (status, sign-off,
# change requests): read back as known, never written by an import
OWN_HEADERS = ("状态", "status", "确认人", "signedoffby", "确认日期", "signedoffon",
               "确认状态", "sign-off", "signoff", "关联变更", "changerequests",
               "变更状态", "changestate", "crstatus")
FIELDS = tuple(HEADERS)

# the export's headers, in column order: (field, en, zh)
MATRIX = (
    ("id", "Accord ID", "Accord 编号"),
    ("source_ref", "Client ID", "客户编号"),
    ("title", "Title", "需求名称"),
    ("statement", "Statement", "需求描述"),
    ("priority", "Priority", "优先级"),
    ("status", "Status", "状态"),
    ("signoff_by", "Signed off by", "确认人"),
    ("signoff_on", "Signed off on", "确认日期"),
    ("signoff", "Sign-off", "确认状态"),
    ("acceptance", "Acceptance criteria", "验收标准"),
    ("changes", "Change requests", "关联变更"),
    ("change_state", "Change state", "变更状态"),
    ("source", "Source", "来源"),
    ("client_contact", "Client contact", "甲方联系人"),
)

PRIORITY_IN = {
    "must": "must", "必须": "must", "高": "must", "high": "must", "m": "must",
    "p1": "must", "1": "must", "必需": "must", "必要": "must",
    "should": "should", "应该": "should", "中": "should", "medium": "should",
    "s": "should", "p2": "should", "2": "should", "应当": "should",
    "could": "could", "可以": "could", "低": "could", "low": "could", "c": "could",
    "p3": "could", "3": "could", "可选": "could",
    "wont": "wont", "won't": "wont", "不做": "wont", "暂不": "wont", "w": "wont",
}
PRIORITY_OUT = {"must": ("Must", "必须"), "should": ("Should", "应该"),
                "could": ("Could", "可以"), "wont": ("Won't", "不做")}
SOURCE_OUT = {"interview": ("Interview", "访谈"), "survey": ("Survey", "问卷"),
              "workshop": ("Workshop", "研讨会"), "focus-group": ("Focus group", "焦点小组"),
              "document": ("Document", "文档"), "feedback": ("Feedback", "反馈"),
              "change": ("Change", "变更")}
SOURCE_IN = {"调研": "survey", "调查": "survey", "需求调研": "survey",
             "工作坊": "workshop", "会议": "workshop", "文件": "document",
             "招标文件": "document", "合同": "document", "需求变更": "change"}
for _v, (_en, _zh) in SOURCE_OUT.items():
    SOURCE_IN[_v] = SOURCE_IN[_en.lower()] = SOURCE_IN[_zh] = _v
SIGNOFF_OUT = {"none": ("not signed", "未确认"), "current": ("current", "有效"),
               "stale": ("changed since sign-off", "确认后已改动")}

MESSAGES: dict[str, tuple[str, str]] = {
    "not_found": ("{file}: no such file", "{file}：文件不存在"),
    "not_sheet": ("{file}: not a spreadsheet (give an .xlsx or a .csv file)",
                  "{file}：不是电子表格（请给出 .xlsx 或 .csv 文件）"),
    "bad_xlsx": ("{file}: cannot be read as .xlsx ({why}); save it again from Excel as .xlsx",
                 "{file}：无法作为 .xlsx 读取（{why}）；请用 Excel 重新另存为 .xlsx"),
    "bad_csv": ("{file}: cannot be read as CSV ({why}); save it again from Excel as "
                "CSV UTF-8 or .xlsx", "{file}：无法作为 CSV 读取（{why}）；请用 Excel 重新另存为 "
                "CSV UTF-8 或 .xlsx"),
    "bad_encoding": ("{file}: not {enc} text; name the encoding with --encoding (e.g. gb18030)",
                     "{file}：不是 {enc} 编码的文本；请用 --encoding 指定编码（如 gb18030）"),
    "unknown_encoding": ("--encoding {enc}: no such encoding (e.g. utf-8, gb18030)",
                         "--encoding {enc}：没有这种编码（如 utf-8、gb18030）"),
    "no_sheet": ("{file}: no sheet {sheet!r}; sheets are {sheets}",
                 "{file}：没有工作表 {sheet!r}；现有工作表：{sheets}"),
    "empty": ("{file}: the sheet is empty", "{file}：工作表是空的"),
    "no_header": ("{file}: no header row with a title column (需求名称/标题/Title) in "
                  "the first {n} rows; give --header-row N or --map title=COLUMN",
                  "{file}：前 {n} 行中找不到含标题列（需求名称/标题/Title）的表头；"
                  "请用 --header-row N 或 --map title=列名 指定"),
    "header_beyond": ("--header-row {n}: the sheet has only {rows} rows",
                      "--header-row {n}：工作表只有 {rows} 行"),
    "merged": ("{file}: header cells {ref} are merged; unmerge them so each column "
               "has its own header, or give --header-row N",
               "{file}：表头单元格 {ref} 是合并单元格；请取消合并，使每列各有表头，"
               "或用 --header-row N 指定表头行"),
    "bad_map": ("--map {item!r}: write FIELD=COLUMN, FIELD one of {fields}",
                "--map {item!r}：请写成 字段=列名，字段可为 {fields}"),
    "map_missing": ("--map {field}={col}: no column {col!r}; columns are {cols}",
                    "--map {field}={col}：没有列 {col!r}；现有列：{cols}"),
    "no_title": ("{file}: no title column (需求名称/标题/Title); name it with "
                 "--map title=COLUMN", "{file}：没有标题列（需求名称/标题/Title）；"
                 "请用 --map title=列名 指定"),
    "dup_column": ("{file}: columns {a!r} and {b!r} both give {field}; choose one "
                   "with --map {field}=COLUMN", "{file}：列 {a!r} 和 {b!r} 都对应 {field}；"
                   "请用 --map {field}=列名 选定一列"),
    "row_no_title": ("the title is empty", "标题为空"),
    "row_no_ref": ("the client's id ({col}) is empty", "客户编号（{col}）为空"),
    "row_dup": ("the client's id {ref!r} is also on row {other}",
                "客户编号 {ref!r} 与第 {other} 行重复"),
    "row_dup_id": ("{rid} is also on row {other}", "{rid} 与第 {other} 行重复"),
    "row_priority": ("priority {value!r} is not one of 必须/应该/可以/不做 or 高/中/低 "
                     "(must/should/could/wont)",
                     "优先级 {value!r} 不是 必须/应该/可以/不做 或 高/中/低 之一"),
    "row_source": ("source {value!r} is not one of {words}",
                   "来源 {value!r} 不是以下之一：{words}"),
    "row_unknown_id": ("{rid}: no such requirement in this project",
                       "{rid}：本项目没有这条需求"),
    "row_not_req": ("{rid} is not a requirement id (REQ-n)", "{rid} 不是需求编号（REQ-n）"),
    "row_ref_taken": ("the client's id {ref!r} belongs to {other}, not {rid}",
                      "客户编号 {ref!r} 属于 {other}，不是 {rid}"),
    "row_invalid": ("{problem}", "{problem}"),
    "bad_rows": ("{file}: {n} row(s) cannot be imported (first: row {row}: {why}); "
                 "nothing was written: fix them and run again",
                 "{file}：{n} 行无法导入（第一处：第 {row} 行：{why}）；未写入任何内容，"
                 "请修正后重新运行"),
    "changed_meanwhile": ("{rid} changed on disk since the import was planned; nothing "
                          "was written: run the import again",
                          "{rid} 在计划导入后被改动；未写入任何内容，请重新运行导入"),
    "out_exists": ("-o {file}: is a directory", "-o {file}：是一个目录"),
    "out_dir": ("-o {file}: no such directory {dir}", "-o {file}：目录 {dir} 不存在"),
    "out_format": ("-o {file}: the name ends in {ext} but --format is {fmt}",
                   "-o {file}：文件名以 {ext} 结尾，但 --format 是 {fmt}"),
    "no_output": ("--format xlsx writes a file: give -o FILE.xlsx",
                  "--format xlsx 需要写入文件：请用 -o 文件.xlsx"),
    "nothing": ("nothing to import: the sheet and the records agree",
                "无需导入：表格与记录一致"),
    # the dry-run table and what an apply says
    "t.file": ("{file}{sheet}, header on row {row}", "{file}{sheet}，表头在第 {row} 行"),
    "t.sheet": (", sheet {name}", "，工作表 {name}"),
    "t.columns": ("columns: {pairs}", "列对应：{pairs}"),
    "t.ignored": ("not imported: {cols}", "未导入的列：{cols}"),
    "t.head": ("row|action|id|client id|title / why",
               "行|操作|编号|客户编号|标题 / 原因"),
    "t.create": ("create", "新建"), "t.update": ("update", "更新"),
    "t.bad": ("cannot", "无法导入"), "t.same": ("same", "不变"),
    "t.gone": ("not in this sheet any more (kept, not deleted): {n}",
               "表格中已没有（保留，未删除）：{n} 条"),
    "t.gone_short": ("not in sheet", "表中已无"),
    "t.counts": ("{create} to create, {update} to update, {same} unchanged, "
                 "{bad} cannot be imported; {skipped} empty rows skipped",
                 "新建 {create} 条，更新 {update} 条，不变 {same} 条，无法导入 {bad} 条；"
                 "跳过空行 {skipped} 行"),
    "t.dry": ("dry run: nothing written; add --apply to import",
              "预演：未写入任何内容；加 --apply 执行导入"),
    "t.applied": ("imported {n} requirements ({create} new, {update} updated) in {commit}",
                  "已导入 {n} 条需求（新建 {create}，更新 {update}），提交 {commit}"),
    "t.exported": ("wrote {file}: {n} requirements", "已写入 {file}：{n} 条需求"),
}


def msg(lang: str, key: str, **values) -> str:
    en, zh = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**values)


def word(lang: str, table: dict, value) -> str:
    """A stored value in the reader's words (``must`` -> 必须)."""
    pair = table.get(value)
    if pair is None:
        return "" if value is None else str(value)
    return pair[1] if lang == "zh" else pair[0]


_NORM = re.compile(r"[\s\*（）()\[\]【】:：_\-]+")


def norm_header(text: str) -> str:
    """A header compared loosely: ``需求名称*``, ``需求 名称`` and ``需求名称：``
    are the same column; ``Acceptance criteria`` is ``acceptancecriteria``."""
    return _NORM.sub("", str(text)).lower()


def header_field(text: str) -> str | None:
    """The field a header names, None when it names none."""
    n = norm_header(text)
    for field, names in _NORMED.items():
        if n in names:
            return field
    return None


def is_own_header(text: str) -> bool:
    return norm_header(text) in _OWN


_NORMED = {f: frozenset(norm_header(n) for n in names) for f, names in HEADERS.items()}
for _f, _en, _zh in MATRIX:
    if _f in _NORMED:
        _NORMED[_f] = _NORMED[_f] | {norm_header(_en), norm_header(_zh)}
_OWN = frozenset(norm_header(n) for n in OWN_HEADERS) | frozenset(
    norm_header(x) for f, en, zh in MATRIX if f not in HEADERS for x in (en, zh))
