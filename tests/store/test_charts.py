"""The charts' figures (issue 20, 9) from a project's history."""
from __future__ import annotations

import datetime as dt

from store.charts import open_by_week, reply_times
from store.history import read_history


def test_open_by_week_replays_statuses(workspace):
    ws = workspace
    ws.create("demo", "requirement", {"title": "登录", "priority": "must"})
    ws.create("demo", "action", {"title": "测试账号"})
    ws.move("demo", "ACT-1", "done")
    events = read_history(ws, project="demo").of_project("demo")
    today = dt.date(2026, 11, 27)  # the commits are dated 2026-11-20
    ends, counts = open_by_week(events, today, weeks=3)
    assert ends[-1] == today and len(ends) == 3
    assert counts["requirement"] == [0, 1, 1]
    assert "action" not in counts  # done the day it was made


def test_reply_times(workspace):
    ws = workspace
    ws.create("demo", "feedback", {"summary": "慢", "received_on": dt.date(2026, 11, 1),
                                   "reply_due": dt.date(2026, 11, 4),
                                   "replied_on": dt.date(2026, 11, 6)})
    recs = ws.load("demo").records.values()
    assert reply_times(recs) == [("FB-1", 5, 3)]
