"""The sample project's scenario, as plain data.

华信科技 (the vendor, 乙方) rolls out a retail CRM and customer-service
platform for 江州市商业银行 (the client, 甲方), from the kickoff on
2026-10-12 to the day before "today" (2026-11-27).  A replayer turns PROJECT
into ``project.toml`` and every entry of STEPS into one commit, authored by
AUTHORS[step["by"]] at step["at"].

Step shapes (see the module's self-check at the bottom):

  create     {"at", "by", "op": "create", "kind", "fields", "why"}
             gets the next id of that kind (REQ-1, REQ-2, ... per kind)
  set        {"at", "by", "op": "set", "id", "fields", "why"}   dotted names
             for nested fields ("impact.cost")
  move       {"at", "by", "op": "move", "id", "status", "fields"?, "why"}
  confirm    {"at", "by", "op": "confirm", "id", "sign_by", "via", "on", "why"}
  hand-edit  {"at", "by", "op": "hand-edit", "id", "fields", "message"}
             an edit made in vim and committed with plain git (no trailers)
  delete     {"at", "by", "op": "delete", "id", "why"}
  baseline   {"at", "by", "op": "baseline", "name", "note"}
  project    {"at", "by", "op": "project", "fields", "why"}   fields of
             project.toml (whole values: the effort and payments lists)

Dates inside fields are "YYYY-MM-DD" strings, times "HH:MM".  Nothing here
imports anything: the self-check below imports store.schema only.

What the data demonstrates on 2026-11-27:
  changed since sign-off   REQ-2 (hand edit), REQ-4 (SLA changed); REQ-1 was
                           changed by CR-1 and re-confirmed
  overdue feedback replies FB-7, FB-8
  overdue open actions     ACT-7, ACT-9, ACT-10
  open dispute             ISS-5 (escalated)
  slipped milestones       "试点支行上线" (with approved CR-1),
                           "CTI 来电弹屏联调完成" (no approved change)
  cadence overdue          last progress meeting held 2026-11-19; the one of
                           2026-11-26 (MTG-8) was cancelled
  cost / resources         effort 176 person-days against 170 planned
                           (+3.5 %, within plan); first payment received,
                           the second (due 2026-11-30) in the client's approval
"""

WORKSPACE_NAME = "华信科技 客户项目"
LANGUAGE = "zh"
PROJECT_SLUG = "crm-rollout"

PROJECT = {
    "name": "江州银行零售 CRM 与智能客服平台建设项目",
    "client": "江州市商业银行",
    "status": "active",
    "start": "2026-10-12",
    "end": "2027-01-29",
    "goals": [
        "客户经理与客服坐席在一个页面看到客户全貌（客户 360 视图）",
        "客服工单全流程线上流转，投诉类工单 SLA 达成率不低于 95%",
        "2026 年 12 月在 2 家试点支行和客服中心上线试运行",
        "2027 年 1 月底前完成全行推广准备并通过终验",
    ],
    "in_scope": [
        "客户 360 视图（核心、信用卡、客服系统数据整合）",
        "客服工单：创建、派发、升级、SLA 跟踪",
        "来电弹屏与通话记录关联（对接讯联通信 CTI）",
        "客户标签、客群筛选与营销活动名单",
        "数据权限与敏感信息脱敏",
        "旧 CRM 客户资料与近 2 年工单迁移",
        "系统管理员与坐席培训、操作手册",
    ],
    "out_of_scope": [
        "移动展业 App（由移动展业项目另行建设）",
        "微信客服渠道（二期）",
        "自定义报表设计器（二期评估）",
        "CTI 与录音系统本身的改造",
        "历史数据的人工清洗与去重",
    ],
    "stakeholders": [
        {"name": "周明", "side": "client", "role": "分管副行长（项目发起人）",
         "contact": "办公室 0571-8800 6001"},
        {"name": "张伟", "side": "client",
         "role": "零售银行部副总经理（甲方项目负责人）",
         "contact": "zhangwei@jzbank.example / 139 0000 1201"},
        {"name": "李娜", "side": "client", "role": "客服中心主任",
         "contact": "lina@jzbank.example / 分机 6210"},
        {"name": "孙丽", "side": "client",
         "role": "零售银行部客户经营科科长（业务骨干）",
         "contact": "sunli@jzbank.example / 分机 6135"},
        {"name": "赵强", "side": "client", "role": "信息科技部架构师（技术对接）",
         "contact": "zhaoqiang@jzbank.example / 分机 6302"},
        {"name": "王磊", "side": "vendor", "role": "项目经理",
         "contact": "wanglei@hx-tech.cn / 138 0000 2231"},
        {"name": "陈静", "side": "vendor", "role": "业务分析师",
         "contact": "chenjing@hx-tech.cn"},
        {"name": "刘洋", "side": "vendor", "role": "技术负责人",
         "contact": "liuyang@hx-tech.cn"},
        {"name": "黄涛", "side": "vendor", "role": "客户总监",
         "contact": "huangtao@hx-tech.cn"},
        {"name": "郑凯", "side": "third-party",
         "role": "讯联通信 CTI 实施工程师", "contact": "zhengkai@xunlian.example"},
    ],
    "communication": {
        "channels": [
            "企业微信项目群：日常沟通，当天回复",
            "电子邮件：需求确认、变更审批、周报与月报",
            "周例会：每周四 14:30，总行 12 楼第三会议室，腾讯会议同步",
            "紧急问题：先电话王磊（138 0000 2231），再补邮件",
        ],
        "escalation": [
            "项目经理 王磊 ↔ 甲方项目负责人 张伟：当天响应",
            "乙方客户总监 黄涛 ↔ 零售银行部总经理：2 个工作日内",
            "乙方分管副总 ↔ 分管副行长 周明：重大分歧，3 个工作日内",
        ],
        "cadence": [
            {"what": "周例会", "every": "week", "day": "thu",
             "kind": "meeting", "type": "progress"},
            {"what": "月度阶段汇报", "every": "month", "day": "last-fri",
             "kind": "report", "type": "monthly"},
        ],
    },
    "milestones": [
        {"name": "需求规格说明书确认", "baseline": "2026-10-30",
         "forecast": "2026-10-30", "done_on": "2026-10-30",
         "note": "甲方 10 月 29–30 日确认，基线 kickoff-scope"},
        {"name": "CTI 来电弹屏联调完成", "baseline": "2026-11-27",
         "forecast": "2026-12-04",
         "note": "讯联通信接口文档 11 月 18 日才交付，联调顺延"},
        {"name": "试点支行上线", "baseline": "2026-12-18",
         "forecast": "2026-12-25", "change": "CR-1",
         "note": "理财与基金持仓接口（CR-1）顺延 7 天，甲方 11 月 9 日邮件批准"},
        {"name": "项目终验", "baseline": "2027-01-29",
         "forecast": "2027-01-29"},
    ],
}

# the contract's payment milestones and the monthly effort (person-days),
# recorded in project.toml by the "project" steps below
PAY_FIRST = {"name": "首付款（合同额 30%）", "milestone": "合同签订",
             "amount": "85.8 万元", "due": "2026-10-23",
             "note": "合同签订后 10 个工作日内支付"}
PAY_SRS = {"name": "需求确认款（合同额 20%）", "milestone": "需求规格说明书确认",
           "amount": "57.2 万元", "due": "2026-11-30",
           "note": "需求规格说明书确认后 20 个工作日内支付"}
PAY_PILOT = {"name": "试点上线款（合同额 30%）", "milestone": "试点支行上线",
             "amount": "85.8 万元", "due": "2027-01-15",
             "note": "试点上线满 15 天且无一级缺陷后支付"}
PAY_FINAL = {"name": "终验款（合同额 20%）", "milestone": "项目终验",
             "amount": "57.2 万元", "due": "2027-02-26",
             "note": "终验通过后 20 个工作日内支付"}
PAY_SRS_ASKED = dict(PAY_SRS, note="需求确认单与付款申请已于 11 月 3 日提交甲方财务")
EFFORT_OCT = {"period": "2026-10", "planned_days": 60, "actual_days": 58,
              "note": "启动、需求调研与规格说明书；调研比计划少用 2 人天"}
EFFORT_NOV = {"period": "2026-11", "planned_days": 110,
              "note": "设计与开发：6 人，CTI 联调 3 人周"}

AUTHORS = {
    "wang": ("王磊", "wanglei@hx-tech.cn"),
    "chen": ("陈静", "chenjing@hx-tech.cn"),
    "liu": ("刘洋", "liuyang@hx-tech.cn"),
}

STEPS = [
    # ---------------------------------------------------------------- week 1
    {"at": "2026-10-12T09:30:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "项目启动会",
         "type": "kickoff",
         "date": "2026-10-12", "start": "14:00", "end": "16:30",
         "place": "江州银行总行 12 楼第三会议室",
         "chair": "张伟", "recorder": "陈静",
         "agenda": [
             "项目背景与目标（张伟）",
             "实施方法、里程碑与团队介绍（王磊）",
             "沟通机制与升级路径",
             "部署方式与环境准备",
         ],
     }, "why": None},
    {"at": "2026-10-12T16:50:00+08:00", "by": "wang", "op": "move",
     "id": "MTG-1", "status": "held", "fields": {
         "attendees_client": ["周明", "张伟", "李娜", "孙丽", "赵强"],
         "attendees_vendor": ["黄涛", "王磊", "陈静", "刘洋"],
         "absent": [],
         "minutes": (
             "1. 周明致辞：零售客户信息分散在核心、信用卡、客服三套系统，"
             "客户经理和坐席看不到客户全貌，希望年底前在试点支行用起来。\n"
             "2. 王磊介绍实施计划：10 月 30 日前完成需求确认，12 月 18 日试点支行上线，"
             "2027 年 1 月 29 日终验。\n"
             "3. 双方确认沟通机制：每周四下午周例会，月末月度汇报，"
             "紧急问题先电话再补邮件；需求与变更一律邮件确认。\n"
             "4. 赵强提出系统须部署在行内数据中心，不接受公有云，双方同意。\n"
         ),
     }, "why": "启动会已召开"},
    {"at": "2026-10-12T17:05:00+08:00", "by": "wang", "op": "create",
     "kind": "decision", "fields": {
         "title": "系统私有化部署在行内数据中心",
         "context": "客户信息属于敏感个人信息，行内制度要求不出行内网络。",
         "options": ["乙方公有云 SaaS", "行内数据中心私有化部署"],
         "outcome": "采用私有化部署；服务器与数据库由信息科技部提供，乙方负责安装与运维手册。",
         "decided_by": ["周明", "张伟", "赵强"],
         "decided_on": "2026-10-12",
         "via": "MTG-1",
     }, "why": None},
    {"at": "2026-10-12T17:06:00+08:00", "by": "wang", "op": "move",
     "id": "DEC-1", "status": "agreed", "why": "启动会上甲方当场确认"},
    {"at": "2026-10-12T17:15:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "提供客服中心现有工单流程与 SLA 制度文档",
         "owner": "李娜", "due": "2026-10-16", "meeting": "MTG-1",
     }, "why": None},
    {"at": "2026-10-12T17:18:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "提供开发测试环境服务器与 VPN 账号",
         "owner": "赵强", "due": "2026-10-21", "meeting": "MTG-1",
     }, "why": None},
    {"at": "2026-10-12T17:22:00+08:00", "by": "wang", "op": "set",
     "id": "MTG-1", "fields": {
         "decisions": ["DEC-1"], "actions": ["ACT-1", "ACT-2"],
     }, "why": None},

    {"at": "2026-10-13T09:40:00+08:00", "by": "chen", "op": "create",
     "kind": "meeting", "fields": {
         "title": "需求调研工作坊：客服中心与零售条线",
         "type": "workshop",
         "date": "2026-10-14", "start": "09:30", "end": "17:00",
         "place": "客服中心培训室",
         "chair": "陈静", "recorder": "陈静",
         "agenda": [
             "上午：客服坐席一天的工作（现场观摩 + 访谈）",
             "下午：工单流转、来电弹屏、营销名单",
             "CTI 对接方式讨论（讯联通信列席）",
         ],
     }, "why": None},
    {"at": "2026-10-13T10:20:00+08:00", "by": "wang", "op": "create",
     "kind": "issue", "fields": {
         "title": "CTI 接口文档由讯联通信提供，交付时间不受我方控制",
         "type": "risk",
         "description": (
             "来电弹屏依赖讯联通信的 CTI 中间件接口。讯联通信与我方没有合同关系，"
             "接口文档和测试账号需由甲方协调。文档晚到会直接推迟 CTI 联调。\n"
         ),
         "probability": "medium", "impact": "high",
         "mitigation": "请张伟以甲方名义发函讯联通信，约定 11 月 6 日前交付；我方先按通用 CTI 事件模型开发适配层。",
         "owner": "王磊", "raised_on": "2026-10-13", "due": "2026-11-06",
     }, "why": None},
    {"at": "2026-10-13T11:05:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "客户 360 度统一视图",
         "statement": (
             "客户经理和客服坐席在一个页面看到客户的全部信息：\n"
             "- 基本信息与联系方式（按权限脱敏）\n"
             "- 持有产品：存款、贷款、信用卡\n"
             "- 最近 12 个月的交易概况、来电记录与工单\n"
             "- 客户标签与参加过的营销活动\n"
             "数据来自核心、信用卡和客服系统，T+1 同步；来电与工单实时可见。\n"
         ),
         "acceptance": [
             "按客户号、证件号或手机号检索，3 秒内打开视图",
             "展示字段与《客户视图字段清单》v1.2 一致",
             "来电与工单记录在发生后 1 分钟内可见",
         ],
         "priority": "must", "source": "interview",
         "source_ref": "访谈纪要 2026-10-13（张伟、孙丽）",
         "owner": "陈静", "client_contact": "孙丽",
     }, "why": None},
    {"at": "2026-10-13T15:30:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "数据权限按机构层级隔离",
         "statement": (
             "总行用户可查看全行客户；分行用户只能查看本分行及下辖支行的客户；"
             "支行用户只能查看本支行客户。\n"
         ),
         "acceptance": [
             "支行客户经理检索他行客户时提示“无权查看”，不返回任何字段",
             "机构调整后权限在次日生效",
             "越权访问尝试写入审计日志",
         ],
         "priority": "must", "source": "document",
         "source_ref": "《江州银行客户信息管理办法》第十二条",
         "owner": "刘洋", "client_contact": "赵强",
     }, "why": None},
    {"at": "2026-10-13T15:55:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "客户敏感信息脱敏展示",
         "statement": "证件号、手机号、银行卡号默认脱敏显示；查看明文须有权限并留痕。\n",
         "acceptance": [
             "证件号显示前 3 后 4 位，手机号显示前 3 后 4 位",
             "点击“查看明文”需二次确认，并记录查看人、时间、客户号",
             "导出文件中的敏感字段同样脱敏",
         ],
         "priority": "must", "source": "document",
         "source_ref": "《个人金融信息保护技术规范》JR/T 0171-2020",
         "owner": "刘洋", "client_contact": "赵强",
     }, "why": None},

    {"at": "2026-10-13T17:30:00+08:00", "by": "wang", "op": "project",
     "fields": {"payments": [PAY_FIRST, PAY_SRS, PAY_PILOT, PAY_FINAL]},
     "why": "按合同第五条登记四个付款节点"},
    {"at": "2026-10-14T17:40:00+08:00", "by": "chen", "op": "move",
     "id": "MTG-2", "status": "held", "fields": {
         "attendees_client": ["张伟", "李娜", "孙丽", "赵强"],
         "attendees_vendor": ["陈静", "刘洋"],
         "absent": ["王磊"],
         "minutes": (
             "上午观摩 6 名坐席接听来电，平均一通电话要切换 4 个系统查客户信息。\n"
             "下午讨论工单流转：普通咨询 4 小时内回复，投诉升级到主管。\n"
             "讯联通信郑凯列席，说明其 CTI 中间件提供标准来电事件接口，"
             "建议直接对接，不做二次开发。赵强同意。\n"
             "孙丽提出营销名单下发后需要客户经理回填执行结果。\n"
         ),
     }, "why": None},
    {"at": "2026-10-14T17:55:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "客服工单创建、派发与 SLA 跟踪",
         "statement": (
             "坐席在通话中即可创建工单，按业务类型自动派发到处理部门；"
             "系统按 SLA 计时，超时自动提醒并升级到科室主管。\n"
         ),
         "acceptance": [
             "工单从创建到派发不超过 1 分钟",
             "普通工单 4 小时内回复，超时自动升级",
             "工单列表可按状态、处理部门、剩余时限筛选",
         ],
         "priority": "must", "source": "workshop", "source_ref": "MTG-2",
         "owner": "陈静", "client_contact": "李娜",
     }, "why": None},
    {"at": "2026-10-14T18:05:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "来电弹屏与通话记录关联",
         "statement": "客户来电时按主叫号码自动弹出客户 360 视图；通话结束后通话记录（含录音编号）自动关联到客户和工单。\n",
         "acceptance": [
             "振铃后 2 秒内弹屏",
             "一个号码对应多个客户时列出候选，由坐席选择",
             "通话记录包含录音编号，可跳转到录音系统",
         ],
         "priority": "must", "source": "workshop", "source_ref": "MTG-2",
         "owner": "刘洋", "client_contact": "李娜",
     }, "why": None},

    {"at": "2026-10-15T09:20:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "客户标签与客群筛选",
         "statement": "按规则给客户打标签（如“代发工资”“房贷客户”“理财到期”），并可组合标签筛选客群。\n",
         "acceptance": [
             "首批预置 30 个标签，每日凌晨批量计算",
             "组合 5 个标签筛选 100 万客户，10 秒内出结果",
             "客群可导出为营销名单",
         ],
         "priority": "should", "source": "workshop", "source_ref": "MTG-2",
         "owner": "陈静", "client_contact": "孙丽",
     }, "why": None},
    {"at": "2026-10-15T09:45:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "营销活动名单下发与执行反馈",
         "statement": "总行把营销名单按客户归属下发到客户经理，客户经理回填联系结果，总行看执行进度。\n",
         "acceptance": [
             "名单按客户主办客户经理自动分配",
             "客户经理可回填：已联系 / 无人接听 / 拒绝 / 已成交",
             "总行可按支行查看执行率",
         ],
         "priority": "should", "source": "workshop", "source_ref": "MTG-2",
         "owner": "陈静", "client_contact": "孙丽",
     }, "why": None},
    {"at": "2026-10-15T10:30:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "微信客服渠道接入",
         "statement": "客户在江州银行公众号留言时，消息进入坐席工作台，与电话工单统一处理。\n",
         "acceptance": [
             "公众号消息 5 秒内出现在坐席工作台",
             "会话可转为工单",
         ],
         "priority": "should", "source": "workshop", "source_ref": "MTG-2",
         "owner": "刘洋", "client_contact": "李娜",
     }, "why": None},
    {"at": "2026-10-15T11:10:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "坐席工作量与 SLA 达成率日报",
         "statement": "每天早上 8 点前生成前一日各坐席接听量、工单量、SLA 达成率日报，发送给客服中心主任。\n",
         "acceptance": [
             "日报 8:00 前生成并邮件发送",
             "数据与工单明细可对平",
         ],
         "priority": "should", "source": "workshop", "source_ref": "MTG-2",
         "owner": "陈静", "client_contact": "李娜",
     }, "why": None},
    {"at": "2026-10-15T14:10:00+08:00", "by": "wang", "op": "move",
     "id": "ACT-1", "status": "done", "why": "李娜已邮件发送流程文档和 SLA 制度"},
    {"at": "2026-10-15T15:00:00+08:00", "by": "liu", "op": "create",
     "kind": "decision", "fields": {
         "title": "来电弹屏直接对接讯联通信标准 CTI 接口",
         "context": "讯联通信 CTI 中间件提供标准来电事件接口；二次开发需讯联通信另行报价。",
         "options": ["对接标准 CTI 事件接口", "委托讯联通信二次开发专用接口"],
         "outcome": "对接标准接口，不做二次开发；接口文档与测试账号由甲方协调讯联通信提供。",
         "decided_by": ["张伟", "赵强"],
         "decided_on": "2026-10-14",
         "via": "MTG-2",
         "affects": ["REQ-5"],
     }, "why": None},
    {"at": "2026-10-15T15:02:00+08:00", "by": "liu", "op": "move",
     "id": "DEC-2", "status": "agreed", "why": None},
    {"at": "2026-10-15T15:05:00+08:00", "by": "liu", "op": "set",
     "id": "MTG-2", "fields": {"decisions": ["DEC-2"]}, "why": None},

    {"at": "2026-10-16T10:00:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "客户生日提醒 🎂 自动生成关怀任务",
         "statement": "客户生日前 3 天，系统给主办客户经理生成关怀任务，并可一键发送祝福短信。\n",
         "acceptance": [
             "每天 7:00 生成当日任务",
             "短信模板可由总行维护",
             "同一客户一年只发一次",
         ],
         "priority": "could", "source": "survey",
         "source_ref": "客户经理问卷（回收 38 份）",
         "owner": "陈静", "client_contact": "孙丽",
     }, "why": None},
    {"at": "2026-10-16T10:20:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "客户经理外勤签到（移动 App）",
         "statement": "客户经理上门拜访时用手机签到定位，拜访记录自动挂到客户名下。\n",
         "acceptance": ["签到定位误差不超过 100 米"],
         "priority": "could", "source": "survey",
         "source_ref": "客户经理问卷（回收 38 份）",
         "owner": "陈静", "client_contact": "孙丽",
     }, "why": None},
    {"at": "2026-10-16T11:00:00+08:00", "by": "liu", "op": "create",
     "kind": "requirement", "fields": {
         "title": "历史备注迁移后 [bold]、[/] 等标记按原文显示",
         "statement": (
             "旧 CRM 的富文本插件让客户经理在备注里手写了类似 [bold]重要客户[/]、"
             "[red]勿电联[/red] 的标记，约 12 万条。\n"
             "迁移到新系统后这些字符必须原样保存、原样显示：既不能渲染成粗体或颜色，"
             "也不能被当作非法字符删除。\n"
         ),
         "acceptance": [
             "抽查 200 条含 [bold] 或 [/] 的备注，迁移前后逐字一致",
             "页面、打印和导出 Excel 均按原文显示方括号内容",
             "含反斜杠 \\ 和双引号 \" 的备注同样逐字保留",
         ],
         "priority": "should", "source": "interview",
         "source_ref": "访谈纪要 2026-10-16（赵强）",
         "owner": "刘洋", "client_contact": "赵强",
     }, "why": None},
    {"at": "2026-10-16T13:40:00+08:00", "by": "wang", "op": "create",
     "kind": "touchpoint", "fields": {
         "summary": "与张伟工作午餐：行领导最关心试点上线日期和客服投诉率",
         "date": "2026-10-16", "with": "张伟", "channel": "面谈",
         "follow_up_on": "2026-10-23",
     }, "why": None},

    # ---------------------------------------------------------------- week 2
    {"at": "2026-10-19T10:10:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-2", "status": "proposed",
     "why": "合规类需求先行发赵强、张伟邮件确认"},
    {"at": "2026-10-19T10:12:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-3", "status": "proposed",
     "why": "合规类需求先行发赵强、张伟邮件确认"},
    {"at": "2026-10-19T10:40:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "第 1 次周例会",
         "type": "progress",
         "date": "2026-10-22", "start": "14:30", "end": "16:00",
         "place": "总行 12 楼第三会议室 / 腾讯会议",
         "chair": "王磊", "recorder": "陈静",
         "agenda": [
             "上周待办跟踪",
             "客户 360 视图原型演示",
             "环境准备情况",
             "CTI 接口文档协调",
         ],
     }, "why": None},
    {"at": "2026-10-20T14:00:00+08:00", "by": "chen", "op": "set",
     "id": "REQ-1", "fields": {"acceptance": [
         "按客户号、证件号、手机号或银行卡号检索，3 秒内打开视图",
         "展示字段与《客户视图字段清单》v1.2 一致",
         "来电与工单记录在发生后 1 分钟内可见",
     ]}, "why": "孙丽：柜面常用卡号查客户，检索条件加上银行卡号"},

    {"at": "2026-10-21T10:15:00+08:00", "by": "wang", "op": "project",
     "fields": {"payments": [dict(PAY_FIRST, paid_on="2026-10-21"),
                             PAY_SRS, PAY_PILOT, PAY_FINAL]},
     "why": "财务确认首付款已于 10 月 21 日到账"},
    {"at": "2026-10-22T16:40:00+08:00", "by": "wang", "op": "move",
     "id": "MTG-3", "status": "held", "fields": {
         "attendees_client": ["张伟", "孙丽", "赵强"],
         "attendees_vendor": ["王磊", "陈静", "刘洋"],
         "absent": ["李娜"],
         "minutes": (
             "1. 客户 360 视图原型 v0.2 演示，孙丽认为信息太密，希望分页签展示。\n"
             "2. 测试环境服务器已到位，VPN 账号尚未开通（原定 10 月 21 日）。\n"
             "3. CTI 接口文档：讯联通信口头答应两周内提供，张伟负责发函确认日期。\n"
             "4. 《需求规格说明书》v1.0 下周二发出，10 月 29 日例会上评审。\n"
         ),
     }, "why": None},
    {"at": "2026-10-22T16:55:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "360 视图原型信息太密，希望按页签分组展示",
         "detail": "一屏同时显示 40 多个字段，坐席找不到重点。建议按“基本信息 / 持有产品 / 交易 / 服务记录”分页签。\n",
         "type": "suggestion", "channel": "review-meeting", "from": "孙丽",
         "received_on": "2026-10-22", "reply_due": "2026-10-27",
         "links": ["REQ-1"],
     }, "why": None},
    {"at": "2026-10-22T17:00:00+08:00", "by": "chen", "op": "move",
     "id": "FB-1", "status": "acknowledged", "why": "会上已答应下周给出新版原型"},
    {"at": "2026-10-22T17:10:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "输出《需求规格说明书》v1.0 并发甲方评审",
         "owner": "陈静", "due": "2026-10-27", "meeting": "MTG-3",
     }, "why": None},
    {"at": "2026-10-22T17:12:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "协调讯联通信提供 CTI 接口文档与测试账号",
         "owner": "张伟", "due": "2026-11-06", "meeting": "MTG-3",
         "links": ["ISS-1"],
     }, "why": None},
    {"at": "2026-10-22T17:15:00+08:00", "by": "wang", "op": "set",
     "id": "MTG-3", "fields": {"actions": ["ACT-3", "ACT-4"]}, "why": None},

    {"at": "2026-10-23T09:30:00+08:00", "by": "wang", "op": "move",
     "id": "ACT-2", "status": "done", "why": "赵强 10 月 23 日开通 VPN，比约定晚 2 天"},
    {"at": "2026-10-23T11:00:00+08:00", "by": "wang", "op": "confirm",
     "id": "REQ-2", "sign_by": "张伟", "via": "email", "on": "2026-10-23",
     "why": "张伟邮件回复“同意”，抄送赵强"},
    {"at": "2026-10-23T11:02:00+08:00", "by": "wang", "op": "confirm",
     "id": "REQ-3", "sign_by": "张伟", "via": "email", "on": "2026-10-23",
     "why": "张伟邮件回复“同意”，抄送赵强"},

    # ---------------------------------------------------------------- week 3
    {"at": "2026-10-26T10:15:00+08:00", "by": "liu", "op": "create",
     "kind": "ticket", "fields": {
         "summary": "支行网络下无法连接原型环境 VPN",
         "reported_by": "孙丽", "channel": "im",
         "reported_on": "2026-10-26", "severity": "medium",
     }, "why": None},
    {"at": "2026-10-26T11:40:00+08:00", "by": "liu", "op": "move",
     "id": "SUP-1", "status": "resolved", "fields": {
         "resolution": "支行出口防火墙未放行 UDP 1194；赵强协调网络组开通后恢复。",
         "resolved_on": "2026-10-26",
     }, "why": None},
    {"at": "2026-10-26T15:20:00+08:00", "by": "chen", "op": "move",
     "id": "FB-1", "status": "replied", "fields": {
         "reply": "已按四个页签重新布局，首屏只保留 12 个关键字段，见原型 v0.3。",
         "replied_on": "2026-10-26", "satisfaction": 4,
     }, "why": None},
    {"at": "2026-10-27T09:50:00+08:00", "by": "liu", "op": "move",
     "id": "SUP-1", "status": "closed", "why": "孙丽确认已可访问"},
    {"at": "2026-10-27T16:30:00+08:00", "by": "chen", "op": "move",
     "id": "ACT-3", "status": "done", "why": "v1.0 已邮件发送张伟、李娜、孙丽、赵强"},
    {"at": "2026-10-27T16:40:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-1", "status": "proposed", "why": "随《需求规格说明书》v1.0 提交甲方"},
    {"at": "2026-10-27T16:41:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-4", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:42:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-5", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:43:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-6", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:44:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-7", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:45:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-8", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:46:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-9", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:47:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-10", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:48:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-11", "status": "proposed", "why": None},
    {"at": "2026-10-27T16:49:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-12", "status": "proposed", "why": None},
    {"at": "2026-10-28T10:30:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "第 2 次周例会暨需求规格说明书评审",
         "type": "progress",
         "date": "2026-10-29", "start": "14:30", "end": "17:00",
         "place": "总行 12 楼第三会议室",
         "chair": "张伟", "recorder": "陈静",
         "agenda": [
             "上周待办跟踪",
             "《需求规格说明书》v1.0 逐条评审",
             "范围外事项确认",
             "风险：年底业务高峰与 UAT 人员安排",
         ],
     }, "why": None},

    {"at": "2026-10-29T10:30:00+08:00", "by": "wang", "op": "create",
     "kind": "issue", "fields": {
         "title": "年底业务高峰，甲方关键用户 UAT 投入可能不足",
         "type": "risk",
         "description": "12 月是存款冲刺期，客户经理和坐席都很忙；UAT 计划需要 8 名业务人员投入 10 个工作日。\n",
         "probability": "medium", "impact": "high",
         "mitigation": "请张伟 11 月底前确定 UAT 人员名单和排班；测试用例提前一周发给业务人员。",
         "owner": "王磊", "raised_on": "2026-10-29", "due": "2026-11-27",
     }, "why": None},
    {"at": "2026-10-29T17:05:00+08:00", "by": "wang", "op": "move",
     "id": "MTG-4", "status": "held", "fields": {
         "attendees_client": ["张伟", "李娜", "孙丽", "赵强"],
         "attendees_vendor": ["王磊", "陈静", "刘洋"],
         "absent": [],
         "minutes": (
             "1. 《需求规格说明书》v1.0 逐条评审：客户 360 视图、工单、来电弹屏、标签、"
             "营销名单、日报等 6 项当场确认；生日提醒和备注迁移两项张伟会后邮件确认。\n"
             "2. 外勤签到属于移动展业项目，不纳入本项目。\n"
             "3. 微信客服渠道暂不确认，待张伟向行领导汇报后决定。\n"
             "4. 王磊提出年底 UAT 人员投入风险，张伟答应 11 月底前给出名单。\n"
         ),
     }, "why": None},
    {"at": "2026-10-29T17:10:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-1", "sign_by": "张伟", "via": "meeting", "on": "2026-10-29",
     "why": "需求评审会逐条确认"},
    {"at": "2026-10-29T17:11:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-4", "sign_by": "张伟", "via": "meeting", "on": "2026-10-29",
     "why": "需求评审会逐条确认"},
    {"at": "2026-10-29T17:12:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-5", "sign_by": "张伟", "via": "meeting", "on": "2026-10-29",
     "why": "需求评审会逐条确认"},
    {"at": "2026-10-29T17:13:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-6", "sign_by": "张伟", "via": "meeting", "on": "2026-10-29",
     "why": "需求评审会逐条确认"},
    {"at": "2026-10-29T17:14:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-7", "sign_by": "张伟", "via": "meeting", "on": "2026-10-29",
     "why": "需求评审会逐条确认"},
    {"at": "2026-10-29T17:15:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-9", "sign_by": "张伟", "via": "meeting", "on": "2026-10-29",
     "why": "需求评审会逐条确认"},
    {"at": "2026-10-29T17:20:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-11", "status": "rejected",
     "why": "外勤签到属于移动展业项目范围，张伟在评审会上确认不纳入本项目"},
    {"at": "2026-10-29T17:25:00+08:00", "by": "chen", "op": "move",
     "id": "FB-1", "status": "closed", "why": "孙丽在评审会上认可原型 v0.3"},

    {"at": "2026-10-30T09:45:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-10", "sign_by": "张伟", "via": "email", "on": "2026-10-30",
     "why": None},
    {"at": "2026-10-30T09:47:00+08:00", "by": "chen", "op": "confirm",
     "id": "REQ-12", "sign_by": "张伟", "via": "email", "on": "2026-10-30",
     "why": "张伟邮件确认，赵强补充了抽查比例"},
    {"at": "2026-10-30T11:30:00+08:00", "by": "wang", "op": "create",
     "kind": "report", "fields": {
         "title": "10 月项目月报",
         "type": "monthly",
         "period_start": "2026-10-12", "period_end": "2026-10-30",
         "body": (
             "# 江州银行零售 CRM 与智能客服平台 · 10 月月报\n"
             "\n"
             "**总体状态：绿** —— 《需求规格说明书》已获甲方确认，进度符合计划。\n"
             "\n"
             "## 本月完成\n"
             "- 项目启动会（10 月 12 日）、客服中心需求工作坊（10 月 14 日）\n"
             "- 《需求规格说明书》v1.0 评审，甲方确认 10 项需求\n"
             "- 开发测试环境就绪（10 月 23 日）\n"
             "\n"
             "## 里程碑\n"
             "| 里程碑 | 基线日期 | 预测日期 | 说明 |\n"
             "|---|---|---|---|\n"
             "| 需求规格说明书确认 | 2026-10-30 | 2026-10-30 | 已完成 |\n"
             "| CTI 来电弹屏联调完成 | 2026-11-27 | 2026-11-27 | 依赖讯联通信接口文档 |\n"
             "| 试点支行上线 | 2026-12-18 | 2026-12-18 | |\n"
             "\n"
             "## 风险与问题\n"
             "- CTI 接口文档尚未交付（张伟，11 月 6 日前）\n"
             "- 年底业务高峰，UAT 人员投入可能不足（王磊，11 月 27 日前落实名单）\n"
             "\n"
             "## 下月计划\n"
             "- 客户 360 视图、工单、权限与脱敏模块开发（刘洋，11 月 27 日）\n"
             "- 需求与设计阶段评审（王磊，11 月 11 日）\n"
             "\n"
             "## 需甲方配合事项\n"
             "- 提供 CTI 接口文档与测试账号（张伟，最晚 11 月 6 日；逾期将推迟 CTI 联调）\n"
             "- 微信客服渠道是否纳入本期（张伟，最晚 11 月 5 日）\n"
         ),
     }, "why": None},
    {"at": "2026-10-30T14:00:00+08:00", "by": "wang", "op": "move",
     "id": "RPT-1", "status": "sent", "fields": {
         "sent_on": "2026-10-30", "sent_to": ["周明", "张伟", "李娜", "赵强"],
     }, "why": None},
    {"at": "2026-10-30T17:30:00+08:00", "by": "wang", "op": "baseline",
     "name": "kickoff-scope",
     "note": "《需求规格说明书》v1.0 甲方确认：REQ-1~7、9、10、12 已签认，微信客服待定，外勤签到不纳入"},

    # ---------------------------------------------------------------- week 4
    {"at": "2026-11-02T09:30:00+08:00", "by": "liu", "op": "move",
     "id": "REQ-1", "status": "in-progress", "why": "第一个迭代开始"},
    {"at": "2026-11-02T09:31:00+08:00", "by": "liu", "op": "move",
     "id": "REQ-2", "status": "in-progress", "why": None},
    {"at": "2026-11-02T09:32:00+08:00", "by": "liu", "op": "move",
     "id": "REQ-3", "status": "in-progress", "why": None},
    {"at": "2026-11-02T09:33:00+08:00", "by": "liu", "op": "move",
     "id": "REQ-4", "status": "in-progress", "why": None},
    {"at": "2026-11-02T14:20:00+08:00", "by": "wang", "op": "create",
     "kind": "change", "fields": {
         "title": "客户 360 视图增加理财与基金持仓",
         "description": "在客户 360 视图新增“理财与基金”页签，展示客户在行内购买的理财、基金持仓、市值和到期日。\n",
         "requested_by": "张伟", "requested_on": "2026-11-02",
         "reason": "周明副行长在 11 月 2 日零售条线会议上要求：客户经理做资产配置时必须看到理财持仓。\n",
         "affects": ["REQ-1"],
     }, "why": "张伟电话提出，随后邮件补充"},
    {"at": "2026-11-02T15:00:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "第 3 次周例会",
         "type": "progress",
         "date": "2026-11-05", "start": "14:30", "end": "16:00",
         "place": "总行 12 楼第三会议室 / 腾讯会议",
         "chair": "王磊", "recorder": "陈静",
         "agenda": [
             "上周待办跟踪",
             "第一个迭代进展",
             "理财持仓变更的影响评估",
             "微信客服渠道的决定",
         ],
     }, "why": None},
    {"at": "2026-11-03T09:40:00+08:00", "by": "liu", "op": "move",
     "id": "CR-1", "status": "analysing", "why": None},
    {"at": "2026-11-03T09:50:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "评估理财持仓接口工作量与对试点上线的影响",
         "owner": "刘洋", "due": "2026-11-05", "links": ["CR-1"],
     }, "why": None},
    {"at": "2026-11-03T15:00:00+08:00", "by": "wang", "op": "project",
     "fields": {"payments": [dict(PAY_FIRST, paid_on="2026-10-21"), PAY_SRS_ASKED,
                             PAY_PILOT, PAY_FINAL]},
     "why": "需求规格说明书已确认，需求确认款付款申请提交甲方财务"},
    {"at": "2026-11-03T17:30:00+08:00", "by": "wang", "op": "project",
     "fields": {"effort": [EFFORT_OCT, EFFORT_NOV]},
     "why": "登记 10 月实际工时和 11 月工时计划"},
    {"at": "2026-11-04T10:20:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "测试环境打开客户 360 视图要 8 秒以上",
         "detail": "赵强在测试环境用 50 万客户数据压测，检索后打开视图平均 8.4 秒，远超 3 秒的验收标准。\n",
         "type": "bug", "channel": "issue-tracker", "from": "赵强",
         "received_on": "2026-11-04", "reply_due": "2026-11-06",
         "links": ["REQ-1"],
     }, "why": None},
    {"at": "2026-11-04T10:25:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "360 视图打开很慢（邮件）",
         "type": "bug", "channel": "email", "from": "赵强",
         "received_on": "2026-11-04", "reply_due": "2026-11-06",
     }, "why": None},
    {"at": "2026-11-04T10:40:00+08:00", "by": "liu", "op": "create",
     "kind": "issue", "fields": {
         "title": "测试环境性能不达标，360 视图响应超过 8 秒",
         "type": "issue",
         "description": "测试环境只有 4C8G，且交易明细表缺少客户号索引。\n",
         "impact": "high",
         "mitigation": "申请扩容到 8C32G；补索引；交易概况改为预汇总。",
         "owner": "刘洋", "raised_on": "2026-11-04", "due": "2026-11-10",
         "links": ["FB-2"],
     }, "why": None},
    {"at": "2026-11-04T11:00:00+08:00", "by": "liu", "op": "move",
     "id": "FB-2", "status": "in-progress", "why": None},
    {"at": "2026-11-04T15:30:00+08:00", "by": "liu", "op": "move",
     "id": "ISS-3", "status": "mitigating", "why": "赵强已提交扩容申请"},
    {"at": "2026-11-05T09:15:00+08:00", "by": "chen", "op": "delete",
     "id": "FB-3", "why": "与 FB-2 重复：同一问题赵强又发了邮件，录重了"},
    {"at": "2026-11-05T10:30:00+08:00", "by": "liu", "op": "move",
     "id": "ACT-5", "status": "done", "why": "评估结果：接口 1 个、页面 1 个，约 7 个工作日"},
    {"at": "2026-11-05T11:00:00+08:00", "by": "liu", "op": "set",
     "id": "CR-1", "fields": {
         "impact.scope": "新增理财销售系统（TA）持仓查询接口 1 个；360 视图增加“理财与基金”页签",
         "impact.schedule_days": 7,
         "impact.cost": 68000,
     }, "why": "按 ACT-5 评估结果填写影响"},
    {"at": "2026-11-05T11:05:00+08:00", "by": "wang", "op": "move",
     "id": "CR-1", "status": "proposed", "why": "变更申请单已邮件发张伟，请 11 月 9 日前答复"},
    {"at": "2026-11-05T16:50:00+08:00", "by": "wang", "op": "move",
     "id": "MTG-5", "status": "held", "fields": {
         "attendees_client": ["张伟", "李娜", "赵强"],
         "attendees_vendor": ["王磊", "陈静", "刘洋"],
         "absent": ["孙丽"],
         "minutes": (
             "1. 第一个迭代：权限、脱敏、工单基础功能已在开发环境联调。\n"
             "2. 测试环境性能问题：信息科技部同意扩容，预计 11 月 9 日完成。\n"
             "3. 理财持仓变更：工期 +7 天、费用 6.8 万元，张伟需向周明副行长汇报后书面答复。\n"
             "4. 微信客服：行领导意见为一期先稳住电话渠道，微信客服移至二期。\n"
             "5. CTI 接口文档仍未收到，张伟再次催讯联通信。\n"
         ),
     }, "why": None},
    {"at": "2026-11-05T17:00:00+08:00", "by": "wang", "op": "create",
     "kind": "decision", "fields": {
         "title": "微信客服渠道移至二期",
         "context": "一期工期紧，CTI 对接尚未开始；行领导要求先保证电话渠道上线质量。",
         "options": ["一期实施", "移至二期"],
         "outcome": "移至二期，一期范围不含微信客服；二期启动时重新评估。",
         "decided_by": ["张伟"],
         "decided_on": "2026-11-05",
         "via": "MTG-5",
         "affects": ["REQ-8"],
     }, "why": None},
    {"at": "2026-11-05T17:01:00+08:00", "by": "wang", "op": "move",
     "id": "DEC-3", "status": "agreed", "why": None},
    {"at": "2026-11-05T17:05:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-8", "status": "withdrawn", "why": "按例会决议，微信客服渠道移至二期"},
    {"at": "2026-11-05T17:10:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "组织甲方参观同业 CRM 上线案例",
         "owner": "王磊", "due": "2026-11-13", "meeting": "MTG-5",
     }, "why": None},
    {"at": "2026-11-05T17:15:00+08:00", "by": "wang", "op": "set",
     "id": "MTG-5", "fields": {"decisions": ["DEC-3"], "actions": ["ACT-6"]},
     "why": None},
    {"at": "2026-11-06T10:00:00+08:00", "by": "liu", "op": "move",
     "id": "FB-2", "status": "replied", "fields": {
         "reply": "原因是测试环境配置低且缺索引。已补索引并把交易概况改为预汇总，扩容完成后复测；目前平均 2.9 秒。",
         "replied_on": "2026-11-06", "satisfaction": 3,
     }, "why": None},
    {"at": "2026-11-06T11:20:00+08:00", "by": "chen", "op": "create",
     "kind": "change", "fields": {
         "title": "新增自定义报表设计器",
         "description": "业务人员可拖拽字段自行设计报表并保存为模板，无需乙方开发。\n",
         "requested_by": "孙丽", "requested_on": "2026-11-06",
         "reason": "零售条线每月有 10 多张临时报表需求，希望业务自助。\n",
         "affects": ["REQ-9"],
     }, "why": None},
    {"at": "2026-11-06T14:00:00+08:00", "by": "liu", "op": "create",
     "kind": "issue", "fields": {
         "title": "旧 CRM 客户手机号重复率约 7%，影响来电弹屏准确性",
         "type": "risk",
         "description": "抽样 10 万客户，约 7% 的手机号对应两个以上客户号，多为家庭共用号码和销户未清理。\n",
         "probability": "medium", "impact": "medium",
         "mitigation": "弹屏时列出候选客户由坐席选择（已在 REQ-5 验收标准中）；建议甲方启动数据治理。",
         "owner": "刘洋", "raised_on": "2026-11-06", "due": "2026-12-04",
         "links": ["REQ-5"],
     }, "why": None},
    {"at": "2026-11-06T15:00:00+08:00", "by": "wang", "op": "set",
     "id": "ISS-1", "fields": {"probability": "high"},
     "why": "ACT-4 今天到期，讯联通信仍未给出接口文档"},

    # ---------------------------------------------------------------- week 5
    {"at": "2026-11-09T09:30:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "需求与设计阶段评审会",
         "type": "stage-review",
         "date": "2026-11-11", "start": "09:30", "end": "12:00",
         "place": "总行 12 楼第一会议室",
         "chair": "张伟", "recorder": "陈静",
         "agenda": [
             "阶段目标与实际：进度、范围、质量 | 30 分钟 | 王磊",
             "概要设计与数据迁移方案 | 45 分钟 | 刘洋",
             "变更汇总：理财持仓、自定义报表设计器 | 30 分钟 | 王磊",
             "风险与问题 | 20 分钟 | 王磊",
             "评审结论 | 25 分钟 | 张伟",
         ],
     }, "why": "本周例会与阶段评审会合并"},
    {"at": "2026-11-09T10:40:00+08:00", "by": "wang", "op": "confirm",
     "id": "CR-1", "sign_by": "张伟", "via": "email", "on": "2026-11-09",
     "why": "张伟邮件：周明副行长同意工期顺延 7 天、费用 6.8 万元"},
    {"at": "2026-11-09T10:50:00+08:00", "by": "wang", "op": "create",
     "kind": "decision", "fields": {
         "title": "批准客户 360 视图增加理财与基金持仓",
         "context": "理财持仓接口需 7 个工作日，试点上线将从 12 月 18 日顺延到 12 月 25 日。",
         "options": ["本期实施，试点顺延 7 天", "二期实施，试点按期"],
         "outcome": "本期实施；试点支行上线顺延至 2026-12-25，费用 6.8 万元按变更结算。",
         "decided_by": ["周明", "张伟"],
         "decided_on": "2026-11-09",
         "via": "email",
         "affects": ["CR-1", "REQ-1"],
     }, "why": None},
    {"at": "2026-11-09T10:51:00+08:00", "by": "wang", "op": "move",
     "id": "DEC-4", "status": "agreed", "why": None},
    {"at": "2026-11-09T10:55:00+08:00", "by": "wang", "op": "set",
     "id": "CR-1", "fields": {"decision": "DEC-4"}, "why": None},
    {"at": "2026-11-09T14:10:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "希望周报增加风险热力图，一眼看出高风险",
         "type": "suggestion", "channel": "email", "from": "张伟",
         "received_on": "2026-11-09", "reply_due": "2026-11-13",
     }, "why": None},
    {"at": "2026-11-09T15:00:00+08:00", "by": "chen", "op": "set",
     "id": "REQ-1", "fields": {
         "statement": (
             "客户经理和客服坐席在一个页面看到客户的全部信息：\n"
             "- 基本信息与联系方式（按权限脱敏）\n"
             "- 持有产品：存款、贷款、信用卡、理财与基金\n"
             "- 最近 12 个月的交易概况、来电记录与工单\n"
             "- 客户标签与参加过的营销活动\n"
             "数据来自核心、信用卡、理财销售（TA）和客服系统，T+1 同步；来电与工单实时可见。\n"
         ),
         "acceptance": [
             "按客户号、证件号、手机号或银行卡号检索，3 秒内打开视图",
             "展示字段与《客户视图字段清单》v1.3 一致",
             "来电与工单记录在发生后 1 分钟内可见",
             "理财与基金持仓展示产品名称、份额、市值和到期日，与 TA 系统日终数据一致",
         ],
     }, "why": "按已批准的 CR-1 更新，待张伟重新确认"},
    {"at": "2026-11-10T09:30:00+08:00", "by": "liu", "op": "move",
     "id": "ISS-3", "status": "closed", "fields": {
         "resolution": "11 月 9 日扩容到 8C32G，补索引并预汇总后，50 万客户数据下平均 1.6 秒。",
     }, "why": None},
    {"at": "2026-11-10T09:35:00+08:00", "by": "liu", "op": "move",
     "id": "FB-2", "status": "closed", "why": "赵强复测通过"},
    {"at": "2026-11-10T10:00:00+08:00", "by": "liu", "op": "set",
     "id": "CR-2", "fields": {
         "impact": {
             "scope": "新增报表设计器模块（拖拽设计、模板管理、权限）",
             "schedule_days": 20,
             "cost": 150000,
         },
     }, "why": None},
    {"at": "2026-11-10T10:05:00+08:00", "by": "liu", "op": "move",
     "id": "CR-2", "status": "proposed", "why": "提交阶段评审会讨论"},
    {"at": "2026-11-10T11:00:00+08:00", "by": "wang", "op": "create",
     "kind": "touchpoint", "fields": {
         "summary": "周明副行长来电：关心理财持仓变更后的试点日期，希望不晚于元旦",
         "date": "2026-11-10", "with": "周明", "channel": "电话",
         "follow_up_on": "2026-11-20",
     }, "why": None},
    {"at": "2026-11-10T14:00:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-6", "status": "in-progress", "why": None},

    {"at": "2026-11-11T12:30:00+08:00", "by": "wang", "op": "move",
     "id": "MTG-6", "status": "held", "fields": {
         "attendees_client": ["周明", "张伟", "李娜", "孙丽", "赵强"],
         "attendees_vendor": ["黄涛", "王磊", "陈静", "刘洋"],
         "absent": [],
         "minutes": (
             "1. 进度：需求阶段按期完成；开发完成约 35%，与计划一致。\n"
             "2. 范围：理财持仓变更已批准，试点上线顺延至 12 月 25 日。\n"
             "3. 自定义报表设计器：工期 20 天、费用 15 万元，周明认为一期不宜再加范围，不采纳。\n"
             "4. 质量：赵强要求补充性能测试方案，作为有条件通过的整改项。\n"
             "5. 评审结论：有条件通过。整改项完成后由赵强书面确认。\n"
         ),
         "outcome": "conditional",
     }, "why": None},
    {"at": "2026-11-11T14:00:00+08:00", "by": "wang", "op": "create",
     "kind": "decision", "fields": {
         "title": "自定义报表设计器不纳入本期，二期再评估",
         "context": "变更需 20 个工作日、15 万元；试点已因理财持仓顺延 7 天。",
         "options": ["本期实施", "二期评估", "不实施，由乙方按需开发固定报表"],
         "outcome": "本期不实施；二期启动时重新评估。一期的临时报表需求由乙方按工单处理。",
         "decided_by": ["周明", "张伟"],
         "decided_on": "2026-11-11",
         "via": "MTG-6",
         "affects": ["CR-2"],
     }, "why": None},
    {"at": "2026-11-11T14:01:00+08:00", "by": "wang", "op": "move",
     "id": "DEC-5", "status": "agreed", "why": None},
    {"at": "2026-11-11T14:05:00+08:00", "by": "wang", "op": "move",
     "id": "CR-2", "status": "rejected", "fields": {"decision": "DEC-5"},
     "why": "阶段评审会上周明副行长决定一期不再增加范围"},
    {"at": "2026-11-11T14:20:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "确认两家试点支行名单及试点坐席人数",
         "owner": "张伟", "due": "2026-11-20", "meeting": "MTG-6",
     }, "why": None},
    {"at": "2026-11-11T14:22:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "补充性能测试方案（阶段评审整改项）",
         "owner": "刘洋", "due": "2026-11-18", "meeting": "MTG-6",
     }, "why": None},
    {"at": "2026-11-11T14:24:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "提供脱敏后的测试数据（10 万客户样本）",
         "owner": "赵强", "due": "2026-11-18", "meeting": "MTG-6",
     }, "why": None},
    {"at": "2026-11-11T14:30:00+08:00", "by": "wang", "op": "move",
     "id": "ACT-6", "status": "dropped", "why": "甲方年底时间排不开，张伟表示不需要参观"},
    {"at": "2026-11-11T14:35:00+08:00", "by": "wang", "op": "set",
     "id": "MTG-6", "fields": {
         "decisions": ["DEC-5"], "actions": ["ACT-7", "ACT-8", "ACT-9"],
     }, "why": None},
    {"at": "2026-11-12T11:00:00+08:00", "by": "chen", "op": "move",
     "id": "FB-4", "status": "replied", "fields": {
         "reply": "从下期周报起，“风险与问题”一节增加按可能性 × 影响排列的热力图。",
         "replied_on": "2026-11-12", "satisfaction": 5,
     }, "why": None},
    {"at": "2026-11-13T10:00:00+08:00", "by": "wang", "op": "confirm",
     "id": "REQ-1", "sign_by": "张伟", "via": "email", "on": "2026-11-13",
     "why": "按 CR-1 更新后的 360 视图需求，张伟邮件重新确认"},
    {"at": "2026-11-13T14:30:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "客服中心问卷：需求调研很细致 👍",
         "detail": (
             "客服中心满意度问卷回收 12 份，平均 4.5 分。\n"
             "多名坐席提到“第一次有乙方坐下来看我们接电话”。\n"
             "另有 3 份希望在系统里直接抽检通话录音。\n"
         ),
         "type": "praise", "channel": "survey", "from": "客服中心（12 份问卷）",
         "received_on": "2026-11-13", "reply_due": "2026-11-20",
     }, "why": None},
    {"at": "2026-11-13T15:00:00+08:00", "by": "chen", "op": "move",
     "id": "FB-4", "status": "closed", "why": None},

    # ---------------------------------------------------------------- week 6
    {"at": "2026-11-16T09:30:00+08:00", "by": "wang", "op": "move",
     "id": "ISS-1", "status": "occurred", "fields": {
         "mitigation": (
             "已发生：接口文档仍未到位，CTI 联调无法开始。\n"
             "里程碑“CTI 来电弹屏联调完成”预测从 11 月 27 日推迟到 12 月 4 日。\n"
             "我方先用模拟事件完成弹屏页面；张伟已升级到讯联通信区域经理。\n"
         ),
     }, "why": "讯联通信接口文档逾期 6 个工作日"},
    {"at": "2026-11-16T10:15:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "投诉类工单 SLA 应为 2 小时，不是 4 小时",
         "detail": "银保监投诉管理要求收紧，客服中心内部已把投诉类工单回复时限改为 2 小时，普通工单仍为 4 小时。\n",
         "type": "suggestion", "channel": "email", "from": "李娜",
         "received_on": "2026-11-16", "reply_due": "2026-11-19",
         "links": ["REQ-4"],
     }, "why": None},
    {"at": "2026-11-16T10:20:00+08:00", "by": "chen", "op": "move",
     "id": "FB-6", "status": "acknowledged", "why": None},
    {"at": "2026-11-16T11:00:00+08:00", "by": "chen", "op": "move",
     "id": "FB-5", "status": "replied", "fields": {
         "reply": "感谢客服中心的认可！录音抽检的建议已整理为新需求，提交张伟确认。",
         "replied_on": "2026-11-16", "satisfaction": 5,
     }, "why": None},
    {"at": "2026-11-16T14:00:00+08:00", "by": "chen", "op": "create",
     "kind": "requirement", "fields": {
         "title": "在工单页面直接抽检通话录音",
         "statement": "质检员在工单页面按条件随机抽取通话录音并打分，抽检结果计入坐席日报。\n",
         "acceptance": [
             "可按坐席、日期、业务类型随机抽取",
             "评分表可配置",
             "抽检结果次日出现在坐席日报中",
         ],
         "priority": "could", "source": "feedback", "source_ref": "FB-5",
         "owner": "陈静", "client_contact": "李娜",
     }, "why": None},
    {"at": "2026-11-16T14:30:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "第 4 次周例会",
         "type": "progress",
         "date": "2026-11-19", "start": "14:30", "end": "16:30",
         "place": "总行 12 楼第三会议室 / 腾讯会议",
         "chair": "王磊", "recorder": "陈静",
         "agenda": [
             "上次待办跟踪（试点支行名单、脱敏测试数据）",
             "CTI 联调计划",
             "投诉类工单 SLA 调整",
             "演示环境登录故障",
             "UAT 数据方案",
         ],
     }, "why": None},
    {"at": "2026-11-16T16:00:00+08:00", "by": "liu", "op": "move",
     "id": "REQ-3", "status": "delivered", "why": "脱敏规则已部署测试环境，赵强抽查通过"},
    {"at": "2026-11-16T16:10:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-7", "status": "in-progress", "why": None},
    {"at": "2026-11-16T16:20:00+08:00", "by": "liu", "op": "move",
     "id": "REQ-12", "status": "in-progress", "why": None},
    {"at": "2026-11-17T10:30:00+08:00", "by": "liu", "op": "hand-edit",
     "id": "REQ-2", "fields": {
         "statement": (
             "总行用户可查看全行客户；分行用户只能查看本分行及下辖支行的客户；"
             "支行用户只能查看本支行客户。\n"
             "网点柜员只能查看本网点客户；跨网点客户按主办行归属。\n"
         ),
         "acceptance": [
             "支行客户经理检索他行客户时提示“无权查看”，不返回任何字段",
             "网点柜员检索他网点客户时提示“无权查看”",
             "机构调整后权限在次日生效",
             "越权访问尝试写入审计日志",
         ],
     }, "message": (
         "REQ-2: add outlet-level permission\n"
         "\n"
         "Zhao Qiang's mail of 11-16: tellers may only see customers of their\n"
         "own outlet, cross-outlet customers belong to the home branch.\n"
         "Needs Zhang Wei's sign-off again.\n"
     )},
    {"at": "2026-11-17T15:00:00+08:00", "by": "liu", "op": "move",
     "id": "ACT-8", "status": "done", "why": "性能测试方案 v1.0 已发赵强"},
    {"at": "2026-11-18T09:30:00+08:00", "by": "wang", "op": "move",
     "id": "ACT-4", "status": "done",
     "why": "讯联通信 11 月 18 日交付接口文档 v0.9，比约定晚 8 个工作日"},
    {"at": "2026-11-18T10:00:00+08:00", "by": "liu", "op": "create",
     "kind": "training", "fields": {
         "topic": "系统管理员培训：用户、机构与权限配置",
         "format": "online",
         "date": "2026-11-18",
         "audience": "信息科技部系统管理员",
         "trainer": "刘洋",
         "materials": ["《系统管理员手册》v0.8", "权限配置演示视频（35 分钟）"],
     }, "why": None},
    {"at": "2026-11-18T11:00:00+08:00", "by": "liu", "op": "create",
     "kind": "ticket", "fields": {
         "summary": "演示环境登录后报 502 错误",
         "reported_by": "李娜", "channel": "hotline",
         "reported_on": "2026-11-18", "severity": "high",
     }, "why": None},
    {"at": "2026-11-18T11:05:00+08:00", "by": "liu", "op": "move",
     "id": "SUP-2", "status": "in-progress", "why": None},
    {"at": "2026-11-18T14:20:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "客户标签规则能否由业务人员自行配置？",
         "detail": "孙丽希望新增或调整标签规则时不用等乙方发版，例如“理财到期 30 天内”。\n",
         "type": "question", "channel": "im", "from": "孙丽",
         "received_on": "2026-11-18", "reply_due": "2026-11-23",
         "links": ["REQ-6"],
     }, "why": None},
    {"at": "2026-11-18T14:25:00+08:00", "by": "chen", "op": "move",
     "id": "FB-7", "status": "acknowledged", "why": "需刘洋评估规则引擎可配置范围"},
    {"at": "2026-11-18T16:00:00+08:00", "by": "wang", "op": "create",
     "kind": "change", "fields": {
         "title": "投诉工单升级对接行内 OA 审批流程",
         "description": "投诉类工单升级到分行时，自动在行内 OA 发起审批，审批结果回写工单。\n",
         "requested_by": "李娜", "requested_on": "2026-11-18",
         "reason": "投诉升级目前靠线下签字，客服中心希望全流程留痕。\n",
         "affects": ["REQ-4"],
     }, "why": None},
    {"at": "2026-11-18T17:00:00+08:00", "by": "liu", "op": "move",
     "id": "TRN-1", "status": "held", "fields": {
         "attendance": 6, "score": 4.6,
     }, "why": None},
    {"at": "2026-11-19T09:40:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "演示环境上周三次无法登录，影响坐席培训准备",
         "detail": "11 月 12、16、18 日客服中心准备培训材料时均无法登录演示环境，李娜电话表达不满，要求说明原因和保障措施。\n",
         "type": "complaint", "channel": "phone", "from": "李娜",
         "received_on": "2026-11-19", "reply_due": "2026-11-24",
         "links": ["SUP-2"],
     }, "why": None},
    {"at": "2026-11-19T09:45:00+08:00", "by": "chen", "op": "move",
     "id": "FB-8", "status": "acknowledged", "why": None},
    {"at": "2026-11-19T10:30:00+08:00", "by": "liu", "op": "move",
     "id": "CR-3", "status": "analysing", "why": None},
    {"at": "2026-11-19T11:00:00+08:00", "by": "wang", "op": "move",
     "id": "ISS-2", "status": "mitigating", "fields": {
         "mitigation": "张伟同意 UAT 分两批：12 月 14–18 日客服中心 4 人，12 月 21–25 日试点支行 4 人；名单 11 月 27 日前给出。",
     }, "why": None},
    {"at": "2026-11-19T16:50:00+08:00", "by": "wang", "op": "move",
     "id": "MTG-7", "status": "held", "fields": {
         "attendees_client": ["张伟", "李纳", "赵强"],
         "attendees_vendor": ["王磊", "陈静", "刘洋"],
         "absent": ["孙丽"],
         "minutes": (
             "1. 待办跟踪：试点支行名单和脱敏测试数据均未完成，张伟、赵强承诺下周给出。\n"
             "2. CTI：接口文档 11 月 18 日才到，联调从 11 月 23 日开始，预计 12 月 4 日完成，"
             "比基线晚 5 个工作日。王磊提醒此推迟尚无变更批准。\n"
             "3. 投诉类工单 SLA 改为 2 小时：双方同意修改验收标准，乙方会后发邮件请张伟确认。\n"
             "4. 演示环境登录故障：刘洋排查中，初步怀疑会话存储满，11 月 24 日前给出原因。\n"
             "5. UAT 数据：乙方建议使用脱敏后的生产数据，赵强需报合规部门审批。\n"
             "6. 投诉升级对接 OA（李娜提出）：乙方评估后出变更申请。\n"
         ),
     }, "why": None},
    {"at": "2026-11-19T17:00:00+08:00", "by": "wang", "op": "create",
     "kind": "decision", "fields": {
         "title": "UAT 使用脱敏后的生产数据",
         "context": "造数无法覆盖手机号重复、跨机构客户等真实情况；UAT 需要接近生产的数据。",
         "options": ["乙方造数", "脱敏后的生产数据", "生产数据（不脱敏）"],
         "outcome": "建议使用脱敏后的生产数据，待信息科技部合规审批。",
         "decided_by": ["张伟", "赵强"],
         "via": "MTG-7",
         "affects": ["ISS-2"],
     }, "why": "会上原则同意，等合规审批后再定"},
    {"at": "2026-11-19T17:05:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "排查演示环境登录故障并向李娜提交原因说明",
         "owner": "刘洋", "due": "2026-11-24", "meeting": "MTG-7",
         "links": ["SUP-2", "FB-8"],
     }, "why": None},
    {"at": "2026-11-19T17:07:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "编写客服坐席操作手册初稿",
         "owner": "陈静", "due": "2026-12-04", "meeting": "MTG-7",
     }, "why": None},
    {"at": "2026-11-19T17:09:00+08:00", "by": "wang", "op": "create",
     "kind": "action", "fields": {
         "title": "评估投诉升级对接 OA 的工作量并提交变更申请",
         "owner": "王磊", "due": "2026-11-25", "meeting": "MTG-7",
         "links": ["CR-3"],
     }, "why": None},
    {"at": "2026-11-19T17:15:00+08:00", "by": "wang", "op": "set",
     "id": "MTG-7", "fields": {
         "decisions": ["DEC-6"], "actions": ["ACT-10", "ACT-11", "ACT-12"],
     }, "why": None},
    {"at": "2026-11-19T17:30:00+08:00", "by": "chen", "op": "set",
     "id": "REQ-4", "fields": {"acceptance": [
         "工单从创建到派发不超过 1 分钟",
         "投诉类工单 2 小时内回复，普通工单 4 小时内回复，超时自动升级",
         "工单列表可按状态、处理部门、剩余时限筛选",
     ]}, "why": "李娜反馈（FB-6），周例会同意修改；已发邮件请张伟重新确认"},
    {"at": "2026-11-19T17:40:00+08:00", "by": "chen", "op": "move",
     "id": "FB-6", "status": "replied", "fields": {
         "reply": "已按 2 小时修改工单需求的验收标准，并发邮件请张伟确认；计时规则下一迭代上线。",
         "replied_on": "2026-11-19", "satisfaction": 4,
     }, "why": None},

    {"at": "2026-11-20T09:30:00+08:00", "by": "wang", "op": "hand-edit",
     "id": "MTG-7", "fields": {
         "attendees_client": ["张伟", "李娜", "赵强"],
     }, "message": "MTG-7: fix typo in attendee name (李娜)\n"},
    {"at": "2026-11-20T10:00:00+08:00", "by": "wang", "op": "create",
     "kind": "issue", "fields": {
         "title": "历史客户数据清洗去重由谁承担",
         "type": "dispute",
         "description": (
             "迁移前需合并约 38 万条重复手机号和疑似重复客户。"
             "双方对这部分工作是否属于合同中的“数据迁移”理解不一致。\n"
         ),
         "positions": [
             "甲方（赵强）：合同写明乙方负责数据迁移，清洗去重是迁移的一部分，应由乙方完成，不另收费。",
             "乙方（王磊）：合同附件三只约定格式转换与导入，“人工清洗与去重”已列入范围外；"
             "约 15 人天的人工核对工作应走变更。",
         ],
         "mitigation": "先迁移去重规则能自动判断的部分；需人工核对的清单交甲方确认，不阻塞试点。",
         "owner": "王磊", "raised_on": "2026-11-20", "due": "2026-12-02",
         "links": ["ISS-4"],
     }, "why": None},
    {"at": "2026-11-20T10:30:00+08:00", "by": "liu", "op": "move",
     "id": "FB-8", "status": "in-progress", "why": None},
    {"at": "2026-11-20T11:00:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-13", "status": "proposed", "why": "已发张伟、李娜确认"},
    {"at": "2026-11-20T14:00:00+08:00", "by": "wang", "op": "create",
     "kind": "report", "fields": {
         "title": "项目周报（2026-11-16 至 11-20）",
         "type": "weekly",
         "period_start": "2026-11-16", "period_end": "2026-11-20",
         "body": (
             "# 江州银行零售 CRM 与智能客服平台 · 周报（11 月 16 日至 20 日）\n"
             "\n"
             "**总体状态：黄** —— CTI 联调里程碑预计推迟 5 个工作日，尚无批准的变更；"
             "请张伟 11 月 27 日前确认试点支行名单。\n"
             "\n"
             "## 里程碑\n"
             "| 里程碑 | 基线日期 | 预测日期 | 偏差 | 说明 |\n"
             "|---|---|---|---|---|\n"
             "| CTI 来电弹屏联调完成 | 2026-11-27 | 2026-12-04 | +5 个工作日 | 接口文档晚到 |\n"
             "| 试点支行上线 | 2026-12-18 | 2026-12-25 | +7 天 | 理财持仓变更，已批准 |\n"
             "\n"
             "## 本周完成\n"
             "- 脱敏展示已部署测试环境并通过赵强抽查\n"
             "- 系统管理员培训（11 月 18 日，6 人，评分 4.6）\n"
             "- 性能测试方案提交（阶段评审整改项）\n"
             "\n"
             "## 下周计划\n"
             "- CTI 联调启动（刘洋，11 月 23 日）\n"
             "- 演示环境登录故障原因说明（刘洋，11 月 24 日）\n"
             "- 投诉升级对接 OA 的变更评估（王磊，11 月 25 日）\n"
             "\n"
             "## 风险与问题\n"
             "- 讯联通信接口文档晚到，CTI 联调推迟（已发生，张伟）\n"
             "- 年底 UAT 人员投入（高影响，王磊，名单 11 月 27 日前）\n"
             "- 历史数据清洗归属存在分歧（王磊，12 月 2 日前）\n"
             "\n"
             "## 需甲方配合事项\n"
             "- 试点支行名单（张伟，原定 11 月 20 日，已逾期）\n"
             "- 脱敏测试数据（赵强，原定 11 月 18 日，已逾期）\n"
             "- 投诉类工单 SLA 修改的书面确认（张伟，11 月 25 日前）\n"
         ),
     }, "why": None},
    {"at": "2026-11-20T16:30:00+08:00", "by": "wang", "op": "move",
     "id": "RPT-2", "status": "sent", "fields": {
         "sent_on": "2026-11-20", "sent_to": ["张伟", "李娜", "孙丽", "赵强"],
     }, "why": None},
    {"at": "2026-11-20T16:45:00+08:00", "by": "chen", "op": "move",
     "id": "FB-5", "status": "closed", "why": None},

    # ---------------------------------------------------------------- week 7
    {"at": "2026-11-23T10:30:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "第 5 次周例会",
         "type": "progress",
         "date": "2026-11-26", "start": "14:30", "end": "16:00",
         "place": "总行 12 楼第三会议室 / 腾讯会议",
         "chair": "王磊", "recorder": "陈静",
         "agenda": [
             "上次待办跟踪",
             "CTI 联调进展",
             "数据清洗分歧",
             "投诉升级对接 OA 变更",
         ],
     }, "why": None},
    {"at": "2026-11-23T15:00:00+08:00", "by": "liu", "op": "set",
     "id": "ISS-4", "fields": {
         "description": (
             "抽样 10 万客户，约 7% 的手机号对应两个以上客户号，多为家庭共用号码和销户未清理。\n"
             "全量统计：约 38 万条手机号对应多个客户号。\n"
         ),
     }, "why": "全量统计结果出来了"},
    {"at": "2026-11-24T10:00:00+08:00", "by": "liu", "op": "create",
     "kind": "ticket", "fields": {
         "summary": "批量导入模板中“客户类型”字段的取值说明不清",
         "reported_by": "孙丽", "channel": "email",
         "reported_on": "2026-11-24", "severity": "low",
     }, "why": None},
    {"at": "2026-11-24T15:30:00+08:00", "by": "wang", "op": "create",
     "kind": "touchpoint", "fields": {
         "summary": "与李娜微信沟通演示环境故障，致歉并说明排查进展",
         "date": "2026-11-24", "with": "李娜", "channel": "企业微信",
         "follow_up_on": "2026-12-01",
     }, "why": None},
    {"at": "2026-11-25T09:40:00+08:00", "by": "chen", "op": "create",
     "kind": "feedback", "fields": {
         "summary": "工单导出的 CSV 用 Excel 打开中文乱码",
         "detail": "导出文件“工单导出_20261125.csv”用 Excel 2016 直接打开，中文全部显示为乱码；用 WPS 打开正常。\n",
         "type": "bug", "channel": "issue-tracker", "from": "赵强",
         "received_on": "2026-11-25", "reply_due": "2026-11-30",
     }, "why": None},
    {"at": "2026-11-25T10:30:00+08:00", "by": "wang", "op": "set",
     "id": "CR-3", "fields": {
         "impact.scope": "新增 OA 审批发起与回调接口各 1 个；工单增加“审批中”状态",
         "impact.schedule_days": 5,
         "impact.cost": 36000,
     }, "why": None},
    {"at": "2026-11-25T10:35:00+08:00", "by": "wang", "op": "move",
     "id": "CR-3", "status": "proposed",
     "why": "变更申请单已邮件发张伟，请 12 月 2 日前答复"},
    {"at": "2026-11-25T10:40:00+08:00", "by": "wang", "op": "move",
     "id": "ACT-12", "status": "done", "why": None},
    {"at": "2026-11-25T11:00:00+08:00", "by": "chen", "op": "move",
     "id": "REQ-6", "status": "delivered", "why": "标签与客群筛选已部署测试环境"},
    {"at": "2026-11-25T14:00:00+08:00", "by": "wang", "op": "move",
     "id": "MTG-8", "status": "cancelled",
     "why": "张伟、李娜参加总行年终经营分析会，本周例会取消，议题顺延到 12 月 3 日"},
    {"at": "2026-11-25T14:10:00+08:00", "by": "wang", "op": "create",
     "kind": "meeting", "fields": {
         "title": "第 5 次周例会（顺延）",
         "type": "progress",
         "date": "2026-12-03", "start": "14:30", "end": "16:30",
         "place": "总行 12 楼第三会议室 / 腾讯会议",
         "chair": "王磊", "recorder": "陈静",
         "agenda": [
             "上次待办跟踪",
             "CTI 联调进展",
             "数据清洗分歧",
             "投诉升级对接 OA 变更",
             "UAT 人员名单",
         ],
     }, "why": None},
    {"at": "2026-11-25T16:00:00+08:00", "by": "liu", "op": "create",
     "kind": "change", "fields": {
         "title": "历史工单迁移范围由近 2 年扩大到近 5 年",
         "description": "迁移 2021 年以来的全部历史工单（约 160 万条），而不是合同约定的近 2 年（约 60 万条）。\n",
         "requested_by": "赵强", "requested_on": "2026-11-24",
         "reason": "审计要求投诉类工单保存 5 年，旧 CRM 计划明年下线。\n",
     }, "why": None},
    {"at": "2026-11-26T10:00:00+08:00", "by": "liu", "op": "move",
     "id": "CR-4", "status": "analysing", "why": "正在评估迁移批次与停机窗口"},
    {"at": "2026-11-26T11:00:00+08:00", "by": "wang", "op": "set",
     "id": "ISS-5", "fields": {
         "escalated_to": "周明（甲方分管副行长）、黄涛（乙方客户总监）",
     }, "why": "两次沟通未达成一致，按沟通计划升级"},
    {"at": "2026-11-26T14:00:00+08:00", "by": "chen", "op": "create",
     "kind": "training", "fields": {
         "topic": "客服坐席操作培训（第一批）",
         "format": "on-site",
         "date": "2026-12-10",
         "audience": "客服中心试点坐席 20 人",
         "trainer": "陈静",
         "materials": ["《客服坐席操作手册》初稿", "练习环境账号清单"],
     }, "why": None},
    {"at": "2026-11-26T15:00:00+08:00", "by": "wang", "op": "create",
     "kind": "lesson", "fields": {
         "title": "启动前完成关键干系人访谈，需求评审一次通过",
         "what_happened": "启动会前后一周内访谈了张伟、孙丽、赵强，并在客服中心现场观摩一天；10 项需求在评审会上一次确认。\n",
         "lesson": "现场观摩比会议室访谈更能发现真实痛点（坐席切换 4 个系统）。\n",
         "recommendation": "后续项目在需求阶段安排至少半天现场观摩，并在启动会前完成关键干系人访谈。\n",
         "category": "went-well",
     }, "why": None},
    {"at": "2026-11-26T15:20:00+08:00", "by": "wang", "op": "create",
     "kind": "lesson", "fields": {
         "title": "第三方接口的交付日期没有写进三方约定",
         "what_happened": "CTI 接口文档由讯联通信提供，只有口头承诺，实际晚到 8 个工作日，CTI 联调里程碑推迟。\n",
         "lesson": "依赖第三方的交付物必须有书面日期和甲方担保，否则风险无人承担。\n",
         "recommendation": "签约时把第三方交付物及日期列入合同附件，并在启动会上请甲方书面确认。\n",
         "category": "to-improve",
     }, "why": None},
    {"at": "2026-11-26T17:30:00+08:00", "by": "wang", "op": "project",
     "fields": {"effort": [EFFORT_OCT,
                           dict(EFFORT_NOV, actual_days=118,
                                note="设计与开发；CTI 接口文档晚到，先用模拟事件做弹屏，"
                                     "多投入 8 人天")]},
     "why": "登记 11 月实际工时（截至 11 月 26 日）"},
]


# ---------------------------------------------------------------------------
# self-check: python -m tui.demo_data
# ---------------------------------------------------------------------------

def _check():  # noqa: C901 - one linear walk over the scenario
    import datetime as dt
    import re

    from store import schema

    today = dt.date(2026, 11, 27)
    id_re = re.compile(r"^([A-Z]{2,4})-([1-9][0-9]*)$")
    date_re = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    time_re = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
    # which prefix an id-valued field must point at
    want_prefix = {"meeting": "MTG", "decision": "DEC", "decisions": "DEC",
                   "actions": "ACT", "change": "CR"}
    # dates that record something that already happened
    past_only = {"received_on", "replied_on", "decided_on", "requested_on",
                 "raised_on", "sent_on", "resolved_on", "reported_on", "paid_on"}

    recs: dict[str, dict] = {}     # id -> {kind, status, fields, signed, deleted}
    counters: dict[str, int] = {}
    baselines = []
    problems: list[str] = []

    def fail(i, msg):
        problems.append(f"step {i}: {msg}")

    def as_date(i, name, value):
        if not isinstance(value, str) or not date_re.match(value):
            fail(i, f"{name}: {value!r} is not YYYY-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            fail(i, f"{name}: {value!r} is not a date")
            return None

    def live(rid):
        r = recs.get(rid)
        return r is not None and not r["deleted"]

    def check_ref(i, name, rid, free_ok=False):
        if not isinstance(rid, str):
            fail(i, f"{name}: {rid!r} is not text")
            return
        m = id_re.match(rid)
        if not m:
            if not free_ok:
                fail(i, f"{name}: {rid!r} is not an id")
            return
        if not live(rid):
            fail(i, f"{name}: {rid} does not exist at this point")
        head = name.split(".")[-1]
        if head in want_prefix and m.group(1) != want_prefix[head]:
            fail(i, f"{name}: {rid} should be a {want_prefix[head]} id")

    def check_value(i, f, name, value, when):
        t = f.type
        if t == schema.TEXT:
            if not isinstance(value, str) or "\n" in value:
                fail(i, f"{name}: one line of text expected")
        elif t == schema.LONGTEXT:
            if not isinstance(value, str):
                fail(i, f"{name}: text expected")
        elif t == schema.CHOICE:
            if value not in f.choices:
                fail(i, f"{name}: {value!r} not in {f.choices}")
        elif t == schema.DATE:
            d = as_date(i, name, value)
            if d and name.split(".")[-1] in past_only and d > when:
                fail(i, f"{name}: {value} is after the step's date {when}")
        elif t == schema.TIME:
            if not isinstance(value, str) or not time_re.match(value):
                fail(i, f"{name}: {value!r} is not HH:MM")
        elif t == schema.INT:
            if not isinstance(value, int) or isinstance(value, bool):
                fail(i, f"{name}: integer expected")
            else:
                if f.minimum is not None and value < f.minimum:
                    fail(i, f"{name}: {value} < {f.minimum}")
                if f.maximum is not None and value > f.maximum:
                    fail(i, f"{name}: {value} > {f.maximum}")
        elif t == schema.NUMBER:
            if not isinstance(value, (int, float)) or isinstance(value, bool):
                fail(i, f"{name}: number expected")
        elif t == schema.LIST:
            if not isinstance(value, list) or not all(
                    isinstance(x, str) for x in value):
                fail(i, f"{name}: list of text expected")
        elif t == schema.IDS:
            if not isinstance(value, list):
                fail(i, f"{name}: list of ids expected")
            else:
                for x in value:
                    check_ref(i, name, x)
        elif t == schema.ID:
            check_ref(i, name, value, free_ok=f.free_text_ok)
        elif t == schema.TABLE:
            if not isinstance(value, dict):
                fail(i, f"{name}: table expected")
            else:
                for k, v in value.items():
                    sub = f.sub(k)
                    if sub is None:
                        fail(i, f"{name}.{k}: unknown field")
                    else:
                        check_value(i, sub, f"{name}.{k}", v, when)
        elif t == schema.TABLES:
            if not isinstance(value, list):
                fail(i, f"{name}: list of tables expected")
            else:
                for row in value:
                    check_value(i, schema.Field(name, schema.TABLE,
                                                fields=f.fields),
                                name, row, when)
                    for sub in f.fields:
                        if sub.required and sub.name not in row:
                            fail(i, f"{name}: row without {sub.name}")
        else:
            fail(i, f"{name}: unknown field type {t}")

    def check_fields(i, kind, fields, when):
        if not isinstance(fields, dict):
            fail(i, "fields must be a dict")
            return
        for name, value in fields.items():
            if name in ("status", "created") or name.startswith("confirmation"):
                fail(i, f"{name}: set by the store, not by a step")
                continue
            f = kind.field(name)
            if f is None:
                fail(i, f"{name}: not a field of {kind.name}")
                continue
            check_value(i, f, name, value, when)

    def apply(rec, fields):
        for name, value in fields.items():
            head, _, rest = name.partition(".")
            if rest:
                rec["fields"].setdefault(head, {})[rest] = value
            elif isinstance(value, dict):
                rec["fields"].setdefault(head, {}).update(value)
            else:
                rec["fields"][head] = value

    def agreed(rec):
        kind = schema.KINDS[rec["kind"]]
        return {a: rec["fields"].get(a) for a in kind.agreed}

    def signoff(rec):
        if rec["signed"] is None:
            return "none"
        return "current" if rec["signed"] == agreed(rec) else "stale"

    def move(i, rid, rec, target):
        kind = schema.KINDS[rec["kind"]]
        if target not in kind.moves_from(rec["status"]):
            fail(i, f"{rid}: {rec['status']} -> {target} not allowed "
                    f"(allowed: {kind.moves_from(rec['status'])})")
        if target in kind.needs_signoff and signoff(rec) != "current":
            fail(i, f"{rid}: {target} needs a current client sign-off")
        rec["status"] = target
        rec["history"].append(target)

    prev_at = None
    for i, step in enumerate(STEPS):
        at_text = step.get("at", "")
        try:
            at = dt.datetime.fromisoformat(at_text)
        except ValueError:
            fail(i, f"at: {at_text!r} is not ISO 8601")
            continue
        if at.utcoffset() != dt.timedelta(hours=8):
            fail(i, "at: not in +08:00")
        if at.weekday() >= 5 or not (8 <= at.hour < 20):
            fail(i, f"at: {at_text} is not a working day and hour")
        if prev_at is not None and at <= prev_at:
            fail(i, f"at: {at_text} not after the previous step")
        if at.date() >= today or at.date() < dt.date(2026, 10, 12):
            fail(i, f"at: {at_text} outside 2026-10-12 .. 2026-11-26")
        prev_at = at
        when = at.date()
        if step.get("by") not in AUTHORS:
            fail(i, f"by: {step.get('by')!r} is not an author")
        op = step.get("op")
        if op in ("create", "set", "move", "confirm", "delete") \
                and "why" not in step:
            fail(i, "why missing (use None for none)")

        if op == "create":
            kind = schema.KINDS.get(step.get("kind"))
            if kind is None:
                fail(i, f"kind: {step.get('kind')!r} unknown")
                continue
            fields = step.get("fields", {})
            check_fields(i, kind, fields, when)
            for f in kind.own_fields:
                if f.required and not fields.get(f.name):
                    fail(i, f"{f.name} is required for {kind.name}")
            n = counters.get(kind.prefix, 0) + 1
            counters[kind.prefix] = n
            rid = f"{kind.prefix}-{n}"
            recs[rid] = {"kind": kind.name, "status": kind.initial,
                         "fields": {}, "signed": None, "deleted": False,
                         "created": when, "confirms": 0,
                         "history": [kind.initial], "stale_before_confirm":
                         False}
            apply(recs[rid], fields)
        elif op in ("set", "hand-edit", "move", "confirm", "delete"):
            rid = step.get("id")
            if not live(rid):
                fail(i, f"{rid!r} does not exist at this point")
                continue
            rec = recs[rid]
            kind = schema.KINDS[rec["kind"]]
            if op == "hand-edit":
                msg = step.get("message")
                if not isinstance(msg, str) or not msg.strip():
                    fail(i, "hand-edit needs a commit message")
                if "why" in step:
                    fail(i, "a hand edit has no why (no trailers)")
            if op in ("set", "hand-edit"):
                check_fields(i, kind, step.get("fields", {}), when)
                apply(rec, step.get("fields", {}))
            elif op == "move":
                target = step.get("status")
                if target not in kind.statuses:
                    fail(i, f"status {target!r} not a {kind.name} status")
                    continue
                check_fields(i, kind, step.get("fields", {}), when)
                apply(rec, step.get("fields", {}))
                move(i, rid, rec, target)
            elif op == "confirm":
                if not kind.has_signoff:
                    fail(i, f"{rid}: {kind.name} has no client sign-off")
                    continue
                if not step.get("sign_by") or not step.get("via"):
                    fail(i, "confirm needs sign_by and via")
                on = as_date(i, "on", step.get("on"))
                if on and on > when:
                    fail(i, "on: sign-off dated after the step")
                if signoff(rec) == "stale":
                    rec["stale_before_confirm"] = True
                rec["signed"] = agreed(rec)
                rec["confirms"] += 1
                order = kind.statuses
                if order.index(rec["status"]) < order.index(
                        kind.signoff_status):
                    move(i, rid, rec, kind.signoff_status)
            elif op == "delete":
                rec["deleted"] = True
                for oid, other in recs.items():
                    if not other["deleted"] and rid in repr(other["fields"]):
                        fail(i, f"{rid} deleted while {oid} refers to it")
        elif op == "project":
            fields = step.get("fields")
            if not isinstance(fields, dict) or not fields:
                fail(i, "project: fields must be a non-empty dict")
                continue
            for name, value in fields.items():
                f = schema.PROJECT_FIELD.get(name)
                if f is None or name in ("name", "client"):
                    fail(i, f"project.{name}: not a field a step may set")
                else:
                    check_value(i, f, name, value, when)
        elif op == "baseline":
            name = step.get("name", "")
            if not re.match(r"^[a-z0-9][a-z0-9-]*$", name):
                fail(i, f"baseline name {name!r} is not a slug")
            baselines.append(name)
        else:
            fail(i, f"op {op!r} unknown")

    # project.toml
    for name, value in PROJECT.items():
        f = schema.PROJECT_FIELD.get(name)
        if f is None:
            problems.append(f"PROJECT.{name}: unknown field")
            continue
        check_value("PROJECT", f, name, value, today)
    for f in schema.PROJECT_FIELDS:
        if f.required and not PROJECT.get(f.name):
            problems.append(f"PROJECT.{f.name} is required")

    # --- what the demo must show on 2026-11-27 ---------------------------
    alive = {rid: r for rid, r in recs.items() if not r["deleted"]}

    def of(kind):
        return {rid: r for rid, r in alive.items() if r["kind"] == kind}

    def need(cond, what):
        if not cond:
            problems.append(f"scenario: {what}")

    for k in schema.KINDS:
        need(of(k), f"no {k} record")
    need(120 <= len(STEPS) <= 190, f"{len(STEPS)} steps, want 120..190")
    need("kickoff-scope" in baselines, "no kickoff-scope baseline")
    need(any(s["op"] == "delete" for s in STEPS), "no deletion")
    need(sum(s["op"] == "hand-edit" for s in STEPS) >= 2, "< 2 hand edits")

    reqs = of("requirement")
    stale = sorted(r for r, x in reqs.items() if signoff(x) == "stale")
    reconfirmed = sorted(r for r, x in reqs.items()
                         if x["stale_before_confirm"] and signoff(x) == "current")
    need(len(stale) >= 2, f"changed since sign-off: {stale}")
    need(reconfirmed, "no requirement re-confirmed after a change")
    need(any(x["status"] in ("rejected", "withdrawn") for x in reqs.values()),
         "no rejected/withdrawn requirement")
    awaiting = sorted(r for r, x in reqs.items() if x["status"] == "proposed")

    crs = of("change")
    cr_status = {r: x["status"] for r, x in crs.items()}
    for s in ("approved", "rejected", "proposed"):
        need(s in cr_status.values(), f"no change request {s}")
    for r, x in crs.items():
        if x["status"] in ("proposed", "approved", "rejected"):
            imp = x["fields"].get("impact", {})
            need({"scope", "schedule_days", "cost"} <= set(imp),
                 f"{r}: impact incomplete")

    fbs = of("feedback")
    overdue_fb = sorted(
        r for r, x in fbs.items()
        if x["fields"].get("reply_due")
        and dt.date.fromisoformat(x["fields"]["reply_due"]) < today
        and not x["fields"].get("replied_on")
        and x["status"] not in ("replied", "closed"))
    need(len(overdue_fb) >= 2, f"overdue feedback replies: {overdue_fb}")
    for r, x in fbs.items():
        if x["status"] in ("replied", "closed"):
            need(x["fields"].get("replied_on") and x["fields"].get("reply"),
                 f"{r} replied without reply/replied_on")

    acts = of("action")
    overdue_act = sorted(
        r for r, x in acts.items() if x["status"] == "open"
        and dt.date.fromisoformat(x["fields"]["due"]) < today)
    need(len(overdue_act) >= 2, f"overdue actions: {overdue_act}")
    need(any(x["status"] == "done" for x in acts.values()), "no done action")

    disputes = sorted(
        r for r, x in of("issue").items()
        if x["fields"].get("type") == "dispute"
        and x["status"] in ("open", "mitigating")
        and len(x["fields"].get("positions", [])) >= 2)
    need(disputes, "no open dispute with two positions")
    need(any(x["status"] == "occurred" for x in of("issue").values()),
         "no occurred issue")

    mtgs = of("meeting")
    held_progress = sorted(
        dt.date.fromisoformat(x["fields"]["date"]) for x in mtgs.values()
        if x["status"] == "held" and x["fields"].get("type") == "progress")
    monday = today - dt.timedelta(days=today.weekday())
    need(held_progress and held_progress[-1] in (
        dt.date(2026, 11, 19), dt.date(2026, 11, 20)),
        f"last held progress meeting {held_progress[-1:]}")
    need(not any(d >= monday for d in held_progress),
         "a progress meeting was held this week")
    need(any(x["fields"].get("type") == "stage-review"
             and x["fields"].get("outcome") for x in mtgs.values()),
         "no stage review with an outcome")
    for r, x in mtgs.items():
        if x["status"] == "held":
            need(dt.date.fromisoformat(x["fields"]["date"]) <= today,
                 f"{r} held in the future")

    need(any(x["status"] == "sent" and x["fields"].get("type") == "weekly"
             for x in of("report").values()), "no weekly report sent")

    slipped = []
    for m in PROJECT["milestones"]:
        if m.get("forecast") and m["forecast"] > m["baseline"]:
            ch = m.get("change")
            if ch:
                need(ch in crs and crs[ch]["status"] in ("approved",
                                                         "implemented"),
                     f"milestone {m['name']}: {ch} is not an approved change")
            slipped.append((m["name"], ch))
    need(any(c for _, c in slipped), "no slipped milestone with a change")
    need(any(not c for _, c in slipped), "no slipped milestone without one")

    # tricky text
    titles = [x["fields"].get(schema.KINDS[x["kind"]].title_field, "")
              for x in alive.values()]
    need(any("[bold]" in t or "[/]" in t for t in titles), "no [bold] title")
    need(any(any(ord(c) > 0xFFFF for c in t) for t in titles), "no emoji")

    if problems:
        raise SystemExit("demo_data: %d problem(s)\n  " % len(problems)
                         + "\n  ".join(problems))

    counts = {k: len(of(k)) for k in schema.KINDS}
    print(f"demo_data OK: {len(STEPS)} steps, project {PROJECT_SLUG}")
    print("  records:", ", ".join(f"{k} {n}" for k, n in counts.items()))
    print("  changed since sign-off:", ", ".join(stale))
    print("  re-confirmed after a change:", ", ".join(reconfirmed))
    print("  awaiting sign-off:", ", ".join(awaiting))
    print("  change requests:", ", ".join(f"{r} {s}"
                                           for r, s in cr_status.items()))
    print("  overdue feedback replies:", ", ".join(overdue_fb))
    print("  overdue open actions:", ", ".join(overdue_act))
    print("  open disputes:", ", ".join(disputes))
    print("  slipped milestones:", "; ".join(
        f"{n} ({c or 'no approved change'})" for n, c in slipped))
    print("  last held progress meeting:", held_progress[-1])
    print("  baselines:", ", ".join(baselines))


if __name__ == "__main__":
    _check()
