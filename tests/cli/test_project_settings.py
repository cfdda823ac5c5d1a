"""`accord project set / add-row / remove-row / show`: the project's
settings edited field by field and row by row, one commit each."""
from __future__ import annotations

import datetime as dt
import json
import subprocess

import pytest

from tui.cli.main import main


@pytest.fixture(autouse=True)
def english_lines(monkeypatch):
    """These tests match the command line's English lines; the workspace is
    Chinese, so ACCORD_LANG chooses English (tests/cli/test_zh_errors.py
    reads the Chinese ones)."""
    monkeypatch.setenv("ACCORD_LANG", "en")


def _log(ws) -> list[str]:
    return subprocess.run(["git", "log", "--format=%s"], cwd=ws.root, check=True,
                          capture_output=True, text=True).stdout.splitlines()


def test_fields_and_rows_each_one_commit(workspace, capsys):
    root = str(workspace.root)
    assert main(["-C", root, "project", "set", "end=2027-01-29", "status=active",
                 'goals=["试点上线", "终验"]', "-m", "启动会确认"]) == 0
    assert main(["-C", root, "project", "add-row", "milestones",
                 "name=试点支行上线", "baseline=2026-12-18"]) == 0
    assert main(["-C", root, "project", "set", "milestones[试点支行上线].forecast=2026-12-25"]) == 0
    assert main(["-C", root, "project", "add-row", "cadence", "what=周例会",
                 "every=week", "day=thu", "kind=meeting"]) == 0
    assert main(["-C", root, "project", "add-row", "stakeholders", "name=张伟",
                 "side=client", "role=甲方项目负责人"]) == 0
    data = workspace.project_data("demo")
    assert data["end"] == dt.date(2027, 1, 29) and data["goals"] == ["试点上线", "终验"]
    assert data["milestones"] == [{"name": "试点支行上线", "baseline": dt.date(2026, 12, 18),
                                   "forecast": dt.date(2026, 12, 25)}]
    assert data["communication"]["cadence"][0]["what"] == "周例会"
    log = _log(workspace)
    assert log[:5] == ["demo: edit project (stakeholders)",
                       "demo: edit project (communication)",
                       "demo: edit project (milestones)",
                       "demo: edit project (milestones)",
                       "demo: edit project (status, end, goals)"]
    body = subprocess.run(["git", "log", "-1", "--format=%B", "HEAD~4"], cwd=workspace.root,
                          check=True, capture_output=True, text=True).stdout
    assert "Why: 启动会确认" in body and 'end: "" -> 2027-01-29' in body
    assert main(["-C", root, "project", "remove-row", "milestones", "1"]) == 0
    assert "milestones" not in workspace.project_data("demo")
    capsys.readouterr()
    assert main(["-C", root, "project", "show", "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["project"] == "demo" and shown["stakeholders"][0]["name"] == "张伟"


def test_bad_input_one_line_exit_2_nothing_written(workspace, capsys):
    root = str(workspace.root)
    main(["-C", root, "project", "add-row", "milestones", "name=试点", "baseline=2026-12-18"])
    before = _log(workspace)
    capsys.readouterr()
    for args, needle in [
        (["set", "nope=1"], "has no field 'nope'"),
        (["set", "milestones[9].forecast=2026-12-25"], "no row is named '9'"),
        (["set", "milestones[1].forecast=2026-12-45"], "is not a date"),
        (["set", "milestones=x"], "is a table of rows"),
        (["set", "goals=一个"], "give a JSON array"),
        (["set", "name="], "is required"),
        (["add-row", "milestones", "baseline=2026-12-18"], "needs name"),
        (["add-row", "milestones", "name=试点"], "already has a row named"),
        (["add-row", "risks", "name=x"], "is not a table of the project"),
        (["remove-row", "payments", "首付款"], "no row is named"),
    ]:
        assert main(["-C", root, "project", *args]) == 2, args
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and needle in err and "Traceback" not in err, (args, err)
    assert _log(workspace) == before
