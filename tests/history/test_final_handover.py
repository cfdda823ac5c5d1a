"""The project summary hands over to operations (report-structures §3, 6):
the training held and its material, the support tickets still open."""
from __future__ import annotations

import datetime as dt

from helpers import at, section_text

from store import reports


def test_handover_lists_training_material_and_open_tickets(workspace):
    ws = workspace
    with at("2026-11-10T09:00:00+08:00"):
        ws.create("demo", "training", {"topic": "管理员培训", "date": dt.date(2026, 11, 18),
                                       "audience": "信息科技部", "attendance": 6,
                                       "materials": ["《管理员手册》v1.0", "演示视频"]})
        ws.move("demo", "TRN-1", "held")
        ws.create("demo", "training", {"topic": "坐席培训", "date": dt.date(2026, 12, 1)})
        ws.create("demo", "ticket", {"summary": "登录报 502", "severity": "high",
                                     "reported_on": dt.date(2026, 11, 18)})
        ws.create("demo", "ticket", {"summary": "导入模板说明不清", "severity": "low",
                                     "reported_on": dt.date(2026, 11, 20)})
        ws.move("demo", "SUP-2", "in-progress")
        ws.move("demo", "SUP-2", "resolved")
    zh = reports.render(reports.build(ws, "demo", "final"), "md")
    part = section_text(zh, "6 遗留问题与后续建议").split("### 运维移交", 1)[1]
    assert "支持工单：共 2 张，已解决 1 张，1 张未结移交运维。" in part
    assert "| 管理员培训（TRN-1） | 2026-11-18 | 信息科技部 | 6 |" in part
    assert "坐席培训" not in part                      # planned, not held
    assert "- 《管理员手册》v1.0\n- 演示视频" in part
    assert "| 登录报 502（SUP-1） | 高 | 2026-11-18 | 新建 |" in part
    assert "导入模板说明不清" not in part              # resolved: not handed over
    en = reports.render(reports.build(ws, "demo", "final", lang="en"), "md")
    assert "### Handover to operations" in en
    assert "Support tickets: 2 raised, 1 resolved, 1 handed over open." in en
    assert "| 登录报 502 (SUP-1) | high | 2026-11-18 | new |" in en


def test_handover_says_when_there_is_nothing(workspace):
    text = reports.render(reports.build(workspace, "demo", "final"), "md")
    part = text.split("### 运维移交", 1)[1]
    for line in ("尚未举办培训。", "未登记培训材料。", "无未结工单。"):
        assert line in part
