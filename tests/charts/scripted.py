"""The history tests' report project (tests/history/scenario.py) with two
feedback replies at fixed dates: one late, one on time."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import at
from scenario import build_reports

TODAY = dt.date(2026, 11, 20)


def build(tmp: Path):
    ws, c = build_reports(tmp)
    D = dt.date
    with at("2026-11-13T09:00:00+08:00"):
        # received 11-09, promised 2 days, replied after 4
        ws.create("crm", "feedback", {"summary": "工单导出太慢", "from": "李娜",
                                      "received_on": D(2026, 11, 9),
                                      "reply_due": D(2026, 11, 11),
                                      "replied_on": D(2026, 11, 13),
                                      "reply": "已优化查询"})
    with at("2026-11-19T15:00:00+08:00"):
        # FB-1: received 11-18, promised 1 day, replied after 1
        ws.update("crm", "FB-1", {"replied_on": D(2026, 11, 19), "reply": "同意"})
    return ws, c
