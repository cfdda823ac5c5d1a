"""log, summary, report, baseline and diff through tui.cli.main.main."""
from __future__ import annotations

import json

import pytest

from tui.cli.main import main


@pytest.fixture
def run(reportws, capsys):
    ws, c = reportws

    def _run(*args):
        rc = main(["-C", str(ws.root), *args])
        out, err = capsys.readouterr()
        return rc, out, err
    _run.ws, _run.c = ws, c
    return _run


def one_error(err):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("accord: "), err
    assert "Traceback" not in err
    return lines[0]


def test_log_json_and_text(run):
    rc, out, err = run("log", "REQ-1", "--format", "json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["id"] == "REQ-1" and data["kind"] == "requirement"
    acts = [e["action"] for e in data["events"]]
    assert acts == ["create", "move", "confirm", "edit"]
    assert all(set(e) == {"commit", "author", "date", "action", "fields", "why"}
               for e in data["events"])
    assert data["events"][2]["fields"]["confirmation.on"] == [None, "2026-11-05"]
    assert data["events"][3]["author"] == "王五 <wang@example.com>"
    assert data["events"][3]["date"] == "2026-11-19T09:00:00+08:00"
    rc, out, err = run("log", "REQ-1")
    assert rc == 0
    assert "王五 <wang@example.com>  edit" in out
    assert 'statement: "用企业微信扫码登录" -> "用企业微信或钉钉扫码登录"' in out


def test_log_errors(run):
    rc, out, err = run("log", "REQ-99")
    assert rc == 2 and "REQ-99" in one_error(err)
    rc, out, err = run("log", "../x")
    assert rc == 2 and one_error(err)


def test_summary_json_shape(run):
    rc, out, err = run("summary", "--format", "json")
    assert rc == 0, err
    data = json.loads(out)
    assert data["project"] == "crm"
    assert data["since"] == "2026-11-17" and data["until"] == "2026-11-20"
    assert data["commits"][-1] == run.c["hand"]
    rec = {r["id"]: r for r in data["records"]}
    assert set(rec["REQ-1"]) == {"id", "kind", "title", "signoff", "events"}
    rc, out, err = run("summary", "--since", "kickoff")
    assert rc == 0 and out.startswith("# 评审会摘要")
    rc, out, err = run("summary", "--since", "2026-13-01")
    assert rc == 2 and one_error(err)


def test_report_commands(run, tmp_path):
    rc, out, err = run("report", "progress")
    assert rc == 0, err
    assert "总体状态" in out.splitlines()[3]
    rc, out, err = run("report", "progress", "--lang", "en", "--rag", "red",
                       "--reason", "Client data is three weeks late.")
    assert rc == 0 and "RED — Client data is three weeks late." in out
    rc, out, err = run("report", "progress", "--rag", "red")
    assert rc == 2 and "--reason" in one_error(err)
    rc, out, err = run("report", "minutes", "MTG-2", "--format", "html")
    assert rc == 0 and out.startswith("<!DOCTYPE html>")
    rc, out, err = run("report", "minutes")
    assert rc == 2 and one_error(err)
    rc, out, err = run("report", "requirements", "--at", "kickoff", "--format", "json")
    assert rc == 0
    data = json.loads(out)
    assert data["baseline"] == "kickoff" and [r["id"] for r in data["requirements"]] == ["REQ-1"]
    rc, out, err = run("report", "requirements", "--at", "nope")
    assert rc == 2 and "kickoff" in one_error(err)
    rc, out, err = run("report", "final", "-o", str(tmp_path / "final.md"))
    assert rc == 0 and (tmp_path / "final.md").read_text("utf-8").startswith("# ")
    rc, out, err = run("report", "weekly")
    assert rc == 2 and one_error(err)


def test_output_to_a_file_is_whole_or_refused(run, tmp_path):
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out_file = tmp_path / "summary.json"
    rc, out, err = run("summary", "--format", "json", "-o", str(out_file))
    assert rc == 0 and out == "" and err.startswith("wrote ") and str(out_file) in err
    rc, out, _ = run("summary", "--format", "json")
    assert out_file.read_text("utf-8") == out
    rc, out, err = run("summary", "-o", str(tmp_path))  # a folder
    assert rc == 2 and "give a file name" in one_error(err)
    rc, out, err = run("report", "final", "-o", str(tmp_path / "no" / "final.md"))
    assert rc == 2 and "no such folder" in one_error(err)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["summary.json"]  # nothing half-written


def test_baseline_and_diff(run):
    rc, out, err = run("baseline", "after-review", "-m", "评审后")
    assert rc == 0 and out.strip() == "accord/crm/after-review"
    rc, out, err = run("baseline", "after-review")
    assert rc == 2 and one_error(err)
    rc, out, err = run("diff", "after-review", "--format", "json")
    assert rc == 0 and json.loads(out)["records"] == []
    rc, out, err = run("diff", "kickoff", "--format", "json")
    data = json.loads(out)
    assert set(data) == {"project", "baseline", "commit", "records"}
    by = {r["id"]: r for r in data["records"]}
    assert by["REQ-1"]["change"] == "changed" and by["REQ-2"]["change"] == "added"
    rc, out, err = run("diff", "kickoff")
    assert rc == 0 and "用企业微信或钉钉扫码登录" in out
    rc, out, err = run("diff", "nope")
    assert rc == 2 and one_error(err)
