"""store/model/figures.py and cadence.py: cadence and service-level figures on a small workspace
with fixed dates."""
from __future__ import annotations

import datetime as dt

import pytest

from store.model import cadence as C
from store.model import figures as F

D = dt.date
TODAY = D(2026, 11, 27)  # a Friday


@pytest.fixture
def figws(workspace):
    ws = workspace
    c = ws.create
    # feedback: FB-1 replied in 2 days (due 11-05: on time), FB-2 in 5 (due
    # 11-08: late), FB-3 replied in 1 day (no due), FB-4 owed and past due,
    # FB-5 owed, due later, FB-6 status replied without a date (answered)
    c("demo", "feedback", {"summary": "a", "received_on": D(2026, 11, 1),
                           "reply_due": D(2026, 11, 5), "replied_on": D(2026, 11, 3)})
    c("demo", "feedback", {"summary": "b", "received_on": D(2026, 11, 1),
                           "reply_due": D(2026, 11, 4), "replied_on": D(2026, 11, 6)})
    c("demo", "feedback", {"summary": "c", "received_on": D(2026, 11, 10),
                           "replied_on": D(2026, 11, 11)})
    c("demo", "feedback", {"summary": "d", "received_on": D(2026, 11, 15),
                           "reply_due": D(2026, 11, 20)})
    c("demo", "feedback", {"summary": "e", "received_on": D(2026, 11, 25),
                           "reply_due": D(2026, 11, 30)})
    c("demo", "feedback", {"summary": "f", "reply_due": D(2026, 11, 1)})
    ws.move("demo", "FB-6", "replied")
    # actions: ACT-1 done on time (own done_on), ACT-2 done late (done date
    # from history), ACT-3 done undated, ACT-4 open overdue, ACT-5 open,
    # ACT-6 dropped
    c("demo", "action", {"title": "a1", "due": D(2026, 11, 10)})
    ws.move("demo", "ACT-1", "done", {"done_on": D(2026, 11, 9)})
    c("demo", "action", {"title": "a2", "due": D(2026, 11, 10)})
    ws.move("demo", "ACT-2", "done")
    c("demo", "action", {"title": "a3"})
    ws.move("demo", "ACT-3", "done")
    c("demo", "action", {"title": "a4", "due": D(2026, 11, 20)})
    c("demo", "action", {"title": "a5", "due": D(2026, 12, 20)})
    c("demo", "action", {"title": "a6", "due": D(2026, 11, 1)})
    ws.move("demo", "ACT-6", "dropped")
    # tickets: resolved in 2 and 4 days, one closed without dates, one open
    c("demo", "ticket", {"summary": "t1", "reported_on": D(2026, 11, 1),
                         "resolved_on": D(2026, 11, 3)})
    c("demo", "ticket", {"summary": "t2", "reported_on": D(2026, 11, 2),
                         "resolved_on": D(2026, 11, 6)})
    ws.move("demo", "SUP-2", "resolved")
    c("demo", "ticket", {"summary": "t3"})
    ws.move("demo", "SUP-3", "closed")
    c("demo", "ticket", {"summary": "t4", "reported_on": D(2026, 11, 20)})
    # cadence: progress meetings held 11-12 and 11-19, one planned 11-26
    # (not held); monthly report sent 2026-10-30
    c("demo", "meeting", {"title": "w1", "type": "progress", "date": D(2026, 11, 12)})
    ws.move("demo", "MTG-1", "held")
    c("demo", "meeting", {"title": "w2", "type": "progress", "date": D(2026, 11, 19)})
    ws.move("demo", "MTG-2", "held")
    c("demo", "meeting", {"title": "w3", "type": "progress", "date": D(2026, 11, 26)})
    c("demo", "meeting", {"title": "k", "type": "kickoff", "date": D(2026, 11, 25)})
    ws.move("demo", "MTG-4", "held")
    c("demo", "report", {"title": "十月月报", "type": "monthly",
                         "sent_on": D(2026, 10, 30)})
    ws.move("demo", "RPT-1", "sent")
    return ws


CADENCE = [
    {"what": "周例会", "every": "week", "day": "thu", "kind": "meeting", "type": "progress"},
    {"what": "启动会", "every": "month", "kind": "meeting", "type": "kickoff"},
    {"what": "月报", "every": "month", "day": "last-fri", "kind": "report", "type": "monthly"},
    {"what": "日报", "every": "day", "kind": "report", "type": "weekly"},
    {"every": "week"},          # no `what`: ignored
    "not a table",              # ignored
]


def test_feedback(figws):
    f = F.feedback_figures(figws.load("demo"), TODAY)
    assert f.total == 6 and f.replied == 3 and f.timed == 3
    assert f.median_days == 2 and f.average_days == pytest.approx(8 / 3)
    assert (f.due_replied, f.on_time, f.late) == (2, 1, ["FB-2"])
    assert f.unanswered == ["FB-4", "FB-5"]
    assert f.overdue == ["FB-4"]


def test_actions_with_and_without_history(figws):
    idx = figws.load("demo")
    a = F.action_figures(idx, TODAY)
    assert (a.total, a.done, a.open, a.dropped) == (6, 3, 2, 1)
    assert a.on_time == ["ACT-1"] and a.late == []
    assert a.undated == ["ACT-2", "ACT-3"] and a.overdue == ["ACT-4"]
    # done dates from the history: every commit of the fixture is dated 11-20
    from store.history import read_history
    done = F.done_dates(read_history(figws, project="demo").events)
    assert done == {"ACT-1": D(2026, 11, 20), "ACT-2": D(2026, 11, 20),
                    "ACT-3": D(2026, 11, 20)}
    a = F.action_figures(idx, TODAY, done)
    assert a.on_time == ["ACT-1"]  # its own done_on wins
    assert a.late == ["ACT-2"] and a.undated == ["ACT-3"]


def test_tickets(figws):
    t = F.ticket_figures(figws.load("demo"), TODAY)
    assert (t.total, t.resolved, t.timed) == (4, 3, 2)
    assert t.median_days == 3 and t.average_days == 3
    assert t.open == ["SUP-4"]


def test_cadence(figws):
    st = C.cadence_status(figws.load("demo"), CADENCE, TODAY)
    assert [s.what for s in st] == ["周例会", "启动会", "月报", "日报"]
    week, kick, month, day = st
    # this week began Monday 11-23; Thursday 11-26's meeting was not held
    assert (week.start, week.due, week.last, week.last_id) == (
        D(2026, 11, 23), D(2026, 11, 26), D(2026, 11, 19), "MTG-2")
    assert week.this_period == [] and week.overdue
    # the kickoff held this month, due at month end
    assert kick.this_period == ["MTG-4"] and kick.due == D(2026, 11, 30)
    assert not kick.overdue
    # November's report due on its last Friday (today): not overdue yet
    assert month.due == D(2026, 11, 27) and month.last == D(2026, 10, 30)
    assert not month.overdue
    assert C.cadence_status(figws.load("demo"), CADENCE[2:3], D(2026, 11, 28))[0].overdue
    # never done: due today, not late yet
    assert day.last is None and not day.overdue
    assert C.cadence_status([], CADENCE[3:4], TODAY)[0].to_json()["last"] is None


def test_cadence_periods():
    assert C.period_start("two-weeks", D(2026, 11, 27)) == (D(2026, 11, 16), D(2026, 11, 2))
    assert C.period_start("quarter", D(2026, 2, 3)) == (D(2026, 1, 1), D(2025, 10, 1))
    assert C.period_start("month", D(2026, 1, 15)) == (D(2026, 1, 1), D(2025, 12, 1))
    assert C.due_in_period("month", "31", D(2026, 2, 1)) == D(2026, 2, 28)
    assert C.due_in_period("quarter", "", D(2026, 1, 1)) == D(2026, 3, 31)
    assert C.due_in_period("two-weeks", "tue", D(2026, 11, 16)) == D(2026, 11, 24)


def test_figures_all_at_once_and_json(figws):
    pdata = {"communication": {"cadence": CADENCE}}
    fig = F.figures(figws.load("demo"), pdata, TODAY)
    js = fig.to_json()
    import json
    json.dumps(js)
    assert js["feedback"]["overdue"] == ["FB-4"]
    assert [c["what"] for c in js["cadence"]] == ["周例会", "启动会", "月报", "日报"]
    assert F.figures([], None, TODAY).cadence == []
    assert C.project_cadence({"communication": {"cadence": "x"}}) == []


def test_empty_and_odd_values(workspace):
    f = F.feedback_figures(workspace.load("demo"), TODAY)
    assert f.median_days is None and f.average_days is None and f.overdue == []
    # a reply dated before receipt is no response time; strings count as dates
    class R:
        def __init__(self, data, status="replied"):
            self.kind, self.id, self.data, self.status = (
                F.KINDS["feedback"], "FB-9", data, status)

        def get(self, k, default=None):
            return self.data.get(k, default)
    f = F.feedback_figures([R({"received_on": "2026-11-05", "replied_on": "2026-11-01"})],
                           TODAY)
    assert f.replied == 1 and f.timed == 0
    f = F.feedback_figures([R({"received_on": "2026-11-01", "replied_on": "2026-11-04"})],
                           TODAY)
    assert f.median_days == 3
