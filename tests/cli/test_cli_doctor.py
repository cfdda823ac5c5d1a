"""`accord doctor` and store.doctor: each kind of problem is found, printed as
`path: problem`, and errors (not warnings) exit 1."""
from __future__ import annotations

import json
import os
import subprocess

import pytest

from store import doctor
from tui.cli.main import main

P = "projects/demo"


@pytest.fixture
def ws(workspace):
    workspace.create("demo", "requirement", {"title": "登录", "priority": "must"})
    workspace.create("demo", "change", {"title": "加字段", "affects": ["REQ-1"]})
    workspace.create("demo", "meeting", {"title": "周会"})
    return workspace


def run_doctor(ws, capsys, *extra):
    rc = main(["-C", str(ws.root), "doctor", *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return rc, out, err


def test_clean_workspace_has_no_problems(ws, capsys):
    assert doctor.check(ws) == []
    rc, out, err = run_doctor(ws, capsys)
    assert (rc, out) == (0, "") and "no problems" in err


def write(ws, rel, text):
    path = ws.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


CASES = [
    # (what to do, expected path, expected text in the message)
    (lambda ws: write(ws, f"{P}/requirements/REQ-1.toml", "title = \n"),
     f"{P}/requirements/REQ-1.toml", "not valid TOML"),
    (lambda ws: write(ws, f"{P}/requirements/REQ-2.toml",
                      'title = "x"\nstatus = "flying"\n'),
     f"{P}/requirements/REQ-2.toml", "status: 'flying' is not one of draft"),
    (lambda ws: write(ws, f"{P}/requirements/REQ-2.toml",
                      'status = "draft"\npriority = 3\n'),
     f"{P}/requirements/REQ-2.toml", "title: required, missing"),
    (lambda ws: write(ws, f"{P}/requirements/REQ-2.toml",
                      'title = "x"\nstatus = "draft"\ncreated = "yesterday"\n'),
     f"{P}/requirements/REQ-2.toml", "created: should be a date"),
    (lambda ws: write(ws, f"{P}/requirements/req-2.toml", 'title = "x"\n'),
     f"{P}/requirements/req-2.toml", "file name is not a record id"),
    (lambda ws: write(ws, f"{P}/requirements/REQ-02.toml", 'title = "x"\n'),
     f"{P}/requirements/REQ-02.toml", "file name is not a record id"),
    (lambda ws: write(ws, f"{P}/changes/REQ-5.toml",
                      'title = "x"\nstatus = "draft"\n'),
     f"{P}/changes/REQ-5.toml", "move it to projects/demo/requirements/"),
    (lambda ws: write(ws, f"{P}/changes/REQ-1.toml",
                      'title = "x"\nstatus = "draft"\n'),
     f"{P}/requirements/REQ-1.toml", "duplicate id REQ-1"),
    (lambda ws: ws.update("demo", "REQ-1", {"links": ["CR-1", "FB-9"]}),
     f"{P}/requirements/REQ-1.toml", "links: FB-9 does not exist"),
    (lambda ws: ws.update("demo", "CR-1", {"affects": ["REQ-1", "REQ-8"],
                                          "decision": "DEC-4"}),
     f"{P}/changes/CR-1.toml", "affects: REQ-8 does not exist"),
    (lambda ws: ws.update("demo", "CR-1", {"decision": "DEC-4"}),
     f"{P}/changes/CR-1.toml", "decision: DEC-4 does not exist"),
    (lambda ws: ws.update("demo", "REQ-1", {"source_ref": "MTG-7"}),
     f"{P}/requirements/REQ-1.toml", "source_ref: MTG-7 does not exist"),
    (lambda ws: ws.update("demo", "MTG-1", {"decisions": ["DEC-1"],
                                           "actions": ["ACT-2"]}),
     f"{P}/meetings/MTG-1.toml", "decisions: DEC-1 does not exist"),
    (lambda ws: ws.create("demo", "action", {"title": "发纪要", "meeting": "MTG-3"}),
     f"{P}/actions/ACT-1.toml", "meeting: MTG-3 does not exist"),
    (lambda ws: write(ws, f"{P}/requirements/.REQ-1.toml.accord-tmp-abc123", "t"),
     f"{P}/requirements/.REQ-1.toml.accord-tmp-abc123", "interrupted save"),
    (lambda ws: write(ws, ".accord.toml.accord-tmp-x", ""),
     ".accord.toml.accord-tmp-x", "interrupted save"),
    (lambda ws: os.symlink(ws.root / f"{P}/requirements/REQ-1.toml",
                           ws.root / f"{P}/requirements/REQ-3.toml"),
     f"{P}/requirements/REQ-3.toml", "symbolic link"),
    (lambda ws: write(ws, f"{P}/project.toml", 'name = "x"\n'),
     f"{P}/project.toml", "client: required, missing"),
    (lambda ws: write(ws, "accord.toml", "format = 1\nname = \n"),
     "accord.toml", "not valid TOML"),
]


@pytest.mark.parametrize("make,path,needle", CASES)
def test_doctor_finds_each_problem(ws, capsys, make, path, needle):
    make(ws)
    problems = doctor.check(ws)
    assert any(p.path == path and needle in p.message and p.severity == "error"
               for p in problems), problems
    rc, out, err = run_doctor(ws, capsys)
    assert rc == 1
    assert any(line.startswith(f"{path}: ") and needle in line
               for line in out.splitlines()), out


def test_free_text_via_and_source_ref_are_not_links(ws, capsys):
    ws.update("demo", "REQ-1", {"source_ref": "kick-off workshop notes"})
    ws.create("demo", "decision", {"title": "用企业微信", "via": "email"})
    assert doctor.check(ws) == []


def test_a_broken_file_never_stops_the_others(ws, capsys):
    write(ws, f"{P}/requirements/REQ-1.toml", "title = \n")
    ws.update("demo", "CR-1", {"affects": ["REQ-1"], "title": "x"})
    problems = doctor.check(ws)
    # REQ-1 exists (only broken): the link is not reported as dangling
    assert [p.path for p in problems] == [f"{P}/requirements/REQ-1.toml"]


def test_warnings_alone_do_not_fail(ws, capsys):
    ws.confirm("demo", "REQ-1", "张伟", "email")
    ws.update("demo", "REQ-1", {"title": "改了标题"})
    ws.create("demo", "action", {"title": "发纪要", "due": __import__("datetime").date(2026, 11, 1)})
    ws.create("demo", "action", {"title": "已完成", "status": "done",
                                 "due": __import__("datetime").date(2026, 11, 1)})
    ws.create("demo", "feedback", {"summary": "慢", "reply_due":
                                   __import__("datetime").date(2026, 11, 2)})
    problems = doctor.check(ws)
    assert {(p.path, p.severity) for p in problems} == {
        (f"{P}/requirements/REQ-1.toml", "warning"),
        (f"{P}/actions/ACT-1.toml", "warning"),
        (f"{P}/feedback/FB-1.toml", "warning")}
    rc, out, _ = run_doctor(ws, capsys)
    assert rc == 0
    assert f"warning: {P}/requirements/REQ-1.toml: sign-off is stale" in out
    assert f"warning: {P}/actions/ACT-1.toml: overdue: due was 2026-11-01" in out
    rc, out, _ = run_doctor(ws, capsys, "--format", "json")
    data = json.loads(out)
    assert rc == 0 and {d["severity"] for d in data} == {"warning"}
    assert set(data[0]) == {"path", "severity", "message"}


def test_git_identity_missing_is_an_error(ws, capsys, git_home):
    (git_home / ".gitconfig").write_text("[init]\n\tdefaultBranch = main\n")
    rc, out, _ = run_doctor(ws, capsys)
    assert rc == 1
    assert "git: no git identity" in out and "user.name" in out and "user.email" in out


def test_repo_states_are_warnings(ws, capsys):
    subprocess.run(["git", "checkout", "-q", "--detach"], cwd=ws.root, check=True)
    (ws.git.git_dir / "index.lock").write_text("")
    rc, out, _ = run_doctor(ws, capsys)
    assert rc == 0
    assert "warning: git: HEAD is detached" in out
    assert "warning: .git/index.lock: exists" in out


def test_extra_checks_hook(ws, capsys, monkeypatch):
    def merge_driver(w):
        return [doctor.Problem(".git/config", "merge driver not registered",
                               doctor.WARNING)]

    def broken(w):
        raise RuntimeError("boom")

    monkeypatch.setattr(doctor, "EXTRA_CHECKS", [merge_driver, broken])
    problems = doctor.check(ws)
    assert problems[0] == doctor.Problem(".git/config", "merge driver not registered",
                                         "warning")
    assert problems[1].severity == "error" and "boom" in problems[1].message
    assert str(problems[0]) == "warning: .git/config: merge driver not registered"


def test_doctor_fix_registers_the_merge_driver(ws, capsys):
    from store.git import setup as gitsetup
    subprocess.run(["git", "config", "--local", "--unset", "merge.accord.driver"],
                   cwd=ws.root, check=True)
    rc, out, _ = run_doctor(ws, capsys)
    assert rc == 0 and "warning: .git/config: the Accord merge driver" in out
    rc, out, err = run_doctor(ws, capsys, "--fix")
    assert rc == 0 and out == "" and "fixed: merge.accord.driver" in err
    assert gitsetup.check(ws) == []
    st = subprocess.run(["git", "status", "--porcelain"], cwd=ws.root,
                        capture_output=True, text=True).stdout
    assert st == ""
