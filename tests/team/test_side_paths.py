"""Team side paths that must never lose work silently: plain git pulls and
rebases, files that do not parse, a killed sync, clashing baselines, and
project.toml conflicts (issue 18)."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from store.model import codec
from store import doctor
from store.team import sync
from store.errors import AccordError
from store.git.repo import git_error_line

ROOT = Path(__file__).resolve().parents[2]
REQ1 = "projects/demo/requirements/REQ-1.toml"
REQ2 = "projects/demo/requirements/REQ-2.toml"
PLAIN = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}  # a fresh shell


def git(root, *args, check=True):
    return subprocess.run(["git", *args], cwd=root, check=check, capture_output=True,
                          text=True, env=PLAIN)


def accord(*args, cwd=None, env=None):
    env = dict(env or os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "tui", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def shared(team, **fields):
    data = {"title": "登录支持企业微信扫码", "statement": "第一行\n第二行\n",
            "acceptance": ["扫码后 3 秒内完成登录", "未绑定的账号给出提示"]}
    data.update(fields)
    team.a.create("demo", "requirement", data)
    assert sync.sync(team.a).status == "pushed"
    assert sync.sync(team.b).status == "up-to-date"


def commit_by_hand(ws, rel, text, message="hand edit"):
    (ws.root / rel).write_text(text, "utf-8")
    git(ws.root, "add", "--", rel)
    git(ws.root, "commit", "-q", "-m", message)


# --- records created apart ------------------------------------------------------------

def test_plain_git_pull_never_fuses_two_records_created_apart(team):
    shared(team)
    team.a.create("demo", "requirement", {"title": "甲的新需求", "priority": "must"})
    team.b.create("demo", "requirement", {"title": "乙的新需求", "owner": "王芳"})
    sync.sync(team.a)
    p = git(team.b.root, "pull", "--no-rebase", "--no-edit", check=False)
    assert p.returncode != 0
    said = p.stdout + p.stderr
    assert "REQ-2 -: both sides created this id" in said and "accord sync" in said
    # the work tree holds b's own record, unfused
    data = codec.parse((team.b.root / REQ2).read_text("utf-8"))
    assert data["title"] == "乙的新需求" and "priority" not in data
    assert [c.type for c in sync.conflicts(team.b)] == ["added"]
    # the way out it names
    git(team.b.root, "merge", "--abort")
    r = sync.sync(team.b)
    assert r.status == "pushed" and r.renumbered == [("demo", "REQ-2", "REQ-3")]
    titles = {rid: rec.data["title"] for rid, rec in team.b.load("demo").records.items()}
    assert titles["REQ-2"] == "甲的新需求" and titles["REQ-3"] == "乙的新需求"


# --- rebase and cherry-pick -------------------------------------------------------------

def test_pull_rebase_keeps_the_users_side_and_accord_refuses_with_the_way_out(team):
    shared(team)
    team.a.update("demo", "REQ-1", {"title": "甲的标题"})
    team.b.update("demo", "REQ-1", {"title": "乙的标题"})
    sync.sync(team.a)
    p = git(team.b.root, "pull", "--rebase", check=False)
    assert p.returncode != 0
    said = p.stdout + p.stderr
    assert 'REQ-1 title: mine "乙的标题" | theirs "甲的标题"' in said
    assert "git rebase --abort" in said
    # the file holds the user's value, never the other's under "yours"
    assert codec.parse((team.b.root / REQ1).read_text("utf-8"))["title"] == "乙的标题"
    for call in (lambda: sync.resolve(team.b, "REQ-1", "title", "mine"),
                 lambda: sync.sync_continue(team.b), lambda: sync.sync(team.b)):
        with pytest.raises(AccordError, match=r"git rebase --abort.*accord sync"):
            call()
    p = accord("-C", str(team.b.root), "resolve", "REQ-1", "title", "--mine")
    assert p.returncode == 2 and len(p.stderr.strip().splitlines()) == 1
    assert "git rebase --abort" in p.stderr
    git(team.b.root, "rebase", "--abort")
    r = sync.sync(team.b)
    assert r.status == "conflict"
    assert sync.conflict_lines(r.conflicts) == ['REQ-1 title: mine "乙的标题" | theirs "甲的标题"']
    sync.resolve(team.b, "REQ-1", "title", "mine")
    assert sync.sync_continue(team.b).status == "pushed"
    assert codec.parse(team.remote_file(REQ1))["title"] == "乙的标题"


def test_cherry_pick_conflict_resolves_with_the_users_side_as_mine(team):
    shared(team)
    team.a.update("demo", "REQ-1", {"priority": "must"})
    sync.sync(team.a)
    picked = team.a.git.head()
    git(team.b.root, "fetch", "-q")
    team.b.update("demo", "REQ-1", {"priority": "could"})
    p = git(team.b.root, "cherry-pick", picked, check=False)
    assert p.returncode != 0
    assert 'REQ-1 priority: mine "could" | theirs "must"' in p.stdout + p.stderr
    (c,) = sync.conflicts(team.b)
    assert (c.mine, c.theirs) == ("could", "must")
    assert sync.resolve(team.b, "REQ-1", "priority", "theirs") == []
    with pytest.raises(AccordError, match="git cherry-pick --continue"):
        sync.sync_continue(team.b)
    git(team.b.root, "-c", "core.editor=true", "cherry-pick", "--continue")
    assert team.b.read("demo", "REQ-1").data["priority"] == "must"


# --- lists, rows, comments ---------------------------------------------------------------

def test_item_removed_on_one_side_and_edited_on_the_other_is_a_conflict(team):
    shared(team)
    team.a.update("demo", "REQ-1", {"acceptance": ["扫码后 3 秒内完成登录"]})
    team.b.update("demo", "REQ-1", {"acceptance": ["扫码后 3 秒内完成登录",
                                                   "未绑定的账号给出提示并引导绑定"]})
    sync.sync(team.a)
    r = sync.sync(team.b)
    assert r.status == "conflict" and [c.field for c in r.conflicts] == ["acceptance"]


def test_project_row_removed_and_edited_conflicts_and_resolve_project_field(team):
    team.a.update_project("demo", {"milestones": [
        {"name": "需求确认", "baseline": dt.date(2026, 11, 1)},
        {"name": "上线", "baseline": dt.date(2027, 1, 15)}]})
    sync.sync(team.a)
    sync.sync(team.b)
    rows = team.a.project_data("demo")["milestones"]
    team.a.update_project("demo", {"milestones": rows[:1], "name": "甲的项目名"})
    edited = [dict(rows[0]), dict(rows[1], baseline=dt.date(2027, 2, 1))]
    team.b.update_project("demo", {"milestones": edited, "name": "乙的项目名"})
    sync.sync(team.a)
    r = sync.sync(team.b)
    assert r.status == "conflict"
    assert sorted(c.field for c in r.conflicts) == ["milestones", "name"]
    assert any(x.startswith("project name: ") for x in sync.conflict_lines(r.conflicts))
    b = str(team.b.root)
    p = accord("-C", b, "resolve", "project", "name", "--set", "丙的项目名")
    assert p.returncode == 0, p.stderr
    p = accord("-C", b, "resolve", "project", "milestones", "--theirs")
    assert p.returncode == 0, p.stderr
    assert "sync --continue" in p.stderr
    assert accord("-C", b, "sync", "--continue").returncode == 0
    data = codec.parse(team.remote_file("projects/demo/project.toml"))
    assert data["name"] == "丙的项目名" and [m["name"] for m in data["milestones"]] == ["需求确认"]


def test_both_sides_comments_survive_a_sync(team):
    shared(team)
    text = (team.a.root / REQ1).read_text("utf-8")
    commit_by_hand(team.a, REQ1, text.replace('title = ', '# 客户 10-25 电话确认的标题\ntitle = ')
                   .replace('title = "登录支持企业微信扫码"', 'title = "登录支持企业微信扫码（一期）"'))
    mine = (team.b.root / REQ1).read_text("utf-8")
    commit_by_hand(team.b, REQ1, "# 乙的备注: 需与 IT 部确认\n" + mine.replace(
        "statement = ", 'owner = "王芳"\nstatement = ', 1))
    sync.sync(team.a)
    assert sync.sync(team.b).status == "pushed"
    merged = team.remote_file(REQ1)
    assert "# 客户 10-25 电话确认的标题" in merged and "# 乙的备注: 需与 IT 部确认" in merged
    d = codec.parse(merged)
    assert d["title"] == "登录支持企业微信扫码（一期）" and d["owner"] == "王芳"


# --- a side that does not parse ------------------------------------------------------------

BROKEN = 'title = "缺了引号\nstatus = "draft"\n'


def test_their_broken_file_stops_the_sync_beside_ours_and_mine_settles_it(team):
    shared(team)
    commit_by_hand(team.a, REQ1, BROKEN)
    git(team.a.root, "push", "-q", "origin", "main")
    team.b.update("demo", "REQ-1", {"priority": "must"})
    r = sync.sync(team.b)
    assert r.status == "conflict"
    (line,) = sync.conflict_lines(r.conflicts)
    assert line.startswith("REQ-1 *: theirs is not valid TOML")
    beside = team.b.root / (REQ1 + ".theirs")
    assert beside.read_text("utf-8") == BROKEN
    assert any(".theirs" in m for m in r.messages)
    p = accord("-C", str(team.b.root), "resolve", "REQ-1", "*", "--mine")
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr and not beside.exists()
    r = sync.sync_continue(team.b)
    assert r.status == "pushed", r.to_json()
    assert codec.parse(team.remote_file(REQ1))["priority"] == "must"


def test_our_broken_file_fixed_by_hand_still_takes_their_change(team):
    shared(team)
    team.a.update("demo", "REQ-1", {"owner": "王芳"})
    sync.sync(team.a)
    good = (team.b.root / REQ1).read_text("utf-8")
    commit_by_hand(team.b, REQ1, good.replace('title = "登录支持企业微信扫码"',
                                               'title = "登录支持企业微信扫码'))
    r = sync.sync(team.b)
    assert r.status == "conflict" and r.conflicts[0].field == "*"
    assert "mine is not valid TOML" in r.conflicts[0].note
    theirs_file = team.b.root / (REQ1 + ".theirs")
    assert codec.parse(theirs_file.read_text("utf-8"))["owner"] == "王芳"  # in view
    # fixed by hand, with a change of b's own; continuing merges a's edit in
    (team.b.root / REQ1).write_text(good.replace('title = "登录支持企业微信扫码"',
                                                 'title = "乙修好了"'), "utf-8")
    r = sync.sync_continue(team.b)
    assert r.status == "pushed", r.to_json()
    d = codec.parse(team.remote_file(REQ1))
    assert d["title"] == "乙修好了" and d["owner"] == "王芳"
    assert not theirs_file.exists()


def test_theirs_chosen_for_a_broken_side_asks_for_a_hand_fix(team):
    shared(team)
    commit_by_hand(team.a, REQ1, BROKEN)
    git(team.a.root, "push", "-q", "origin", "main")
    team.b.update("demo", "REQ-1", {"priority": "must"})
    assert sync.sync(team.b).status == "conflict"
    with pytest.raises(AccordError, match="not valid TOML.*fix .* by hand"):
        sync.resolve(team.b, "REQ-1", "*", "theirs")
    assert (team.b.root / REQ1).read_text("utf-8") == BROKEN
    assert sync.sync_continue(team.b).status == "invalid"  # never pushes it
    (team.b.root / REQ1).write_text(BROKEN.replace("缺了引号", '缺了引号"'), "utf-8")
    assert sync.sync_continue(team.b).status == "pushed"
    assert codec.parse(team.remote_file(REQ1))["title"] == "缺了引号"


# --- a sync killed mid-merge ------------------------------------------------------------------

def test_a_sync_killed_mid_merge_is_found_aborted_and_synced_again(team, tmp_path):
    shared(team)
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.a.create("demo", "issue", {"title": "风险"})
    team.b.update("demo", "REQ-1", {"owner": "王芳"})
    sync.sync(team.a)
    head, text = team.b.git.head(), (team.b.root / REQ1).read_bytes()
    # a git that kills accord (kill -9) when it stages the merged files
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "git").write_text(
        "#!/bin/sh\nfor a in \"$@\"; do\n  [ \"$a\" = --pathspec-from-file=- ] && "
        f"kill -9 $PPID && exit 1\ndone\nexec {shutil.which('git')} \"$@\"\n")
    (fake / "git").chmod(0o755)
    env = dict(os.environ, PATH=f"{fake}{os.pathsep}{os.environ['PATH']}")
    p = accord("-C", str(team.b.root), "sync", env=env)
    assert p.returncode == -9, p.stderr
    assert git(team.b.root, "ls-files", "-u").stdout  # half merged, no merge state
    assert not sync.in_progress(team.b)
    problems = [str(x) for x in doctor.check(team.b)]
    assert any("interrupted" in x and "accord sync --abort" in x for x in problems)
    p = accord("-C", str(team.b.root), "doctor")
    assert p.returncode != 0 and "accord sync --abort" in p.stdout + p.stderr
    with pytest.raises(AccordError, match="accord sync --abort"):
        sync.sync(team.b)
    with pytest.raises(AccordError, match="accord sync --abort"):
        sync.sync_continue(team.b)
    with pytest.raises(AccordError, match="accord sync --abort"):
        team.b.update("demo", "REQ-1", {"tags": ["x"]})  # no save on a half merge
    p = accord("-C", str(team.b.root), "sync", "--abort")
    assert p.returncode == 0, p.stderr
    assert team.b.git.head() == head and (team.b.root / REQ1).read_bytes() == text
    assert git(team.b.root, "status", "--porcelain", "--untracked-files=no").stdout == ""
    assert not any("interrupted" in str(x) for x in doctor.check(team.b))
    assert sync.sync(team.b).status == "pushed"
    d = team.b.read("demo", "REQ-1").data
    assert (d["priority"], d["owner"]) == ("must", "王芳")


# --- baselines of one name from two clones -----------------------------------------------------

def test_same_baseline_name_in_two_clones_keeps_both(team):
    shared(team)
    team.a.baseline("demo", "kickoff", "甲的基线")
    sync.sync(team.a)
    team.b.update("demo", "REQ-1", {"priority": "must"})
    team.b.baseline("demo", "kickoff", "乙的基线")
    mine = git(team.b.root, "rev-parse", "accord/demo/kickoff^{}").stdout
    r = sync.sync(team.b)
    assert r.status == "pushed", r.to_json()
    said = [m for m in r.messages if "kickoff" in m and not m.startswith("pushed")]
    assert "pushed tag(s) accord/demo/kickoff-2 to origin" in r.messages
    assert said == ["baseline kickoff of demo was also made in another clone: "
                    "yours is now kickoff-2 (theirs keeps kickoff)"]
    assert git(team.b.root, "rev-parse", "accord/demo/kickoff-2^{}").stdout == mine
    assert git(team.b.root, "tag", "-l", "--format=%(contents)",
               "accord/demo/kickoff-2").stdout.strip() == "乙的基线"
    remote_tags = git(team.remote, "tag").stdout.split()
    assert {"accord/demo/kickoff", "accord/demo/kickoff-2"} <= set(remote_tags)
    assert sync.sync(team.a).exit_code == 0  # and later syncs go on
    assert "accord/demo/kickoff-2" in git(team.a.root, "tag").stdout


# --- git's own words ------------------------------------------------------------------------

def test_git_error_line_picks_the_cause_not_the_hint():
    err = ("fatal: 'origin' does not appear to be a git repository\n"
           "fatal: Could not read from remote repository.\n\n"
           "Please make sure you have the correct access rights\n"
           "and the repository exists.\n")
    assert git_error_line(err) == ("'origin' does not appear to be a git repository; "
                                   "Could not read from remote repository.")
    assert git_error_line("hint: use --force\nsomething failed\nhint: x\n") == "something failed"
    assert git_error_line("", "git failed") == "git failed"


def test_a_merge_git_refuses_names_its_reason(team):
    shared(team)
    team.a.create("demo", "issue", {"title": "风险"})
    sync.sync(team.a)
    team.b.update("demo", "REQ-1", {"owner": "王芳"})
    (team.b.root / "projects/demo/issues").mkdir(exist_ok=True)
    (team.b.root / "projects/demo/issues/ISS-1.toml").write_text('title = "x"\n', "utf-8")
    with pytest.raises(AccordError, match="would be overwritten by merge") as e:
        sync.sync(team.b)
    assert "hint" not in str(e.value)
    assert not sync.in_progress(team.b)
    assert git(team.b.root, "ls-files", "-u").stdout == ""


def test_plain_git_pull_of_a_broken_file_keeps_theirs_beside_and_resolve_works(team):
    shared(team)
    commit_by_hand(team.a, REQ1, BROKEN)
    git(team.a.root, "push", "-q", "origin", "main")
    team.b.update("demo", "REQ-1", {"priority": "must"})
    p = git(team.b.root, "pull", "--no-rebase", "--no-edit", check=False)
    assert p.returncode != 0
    assert "REQ-1.toml.theirs" in p.stdout + p.stderr
    assert (team.b.root / (REQ1 + ".theirs")).read_text("utf-8") == BROKEN
    assert [c.field for c in sync.conflicts(team.b)] == ["*"]
    assert sync.resolve(team.b, "REQ-1", "*", "mine") == []
    assert not (team.b.root / (REQ1 + ".theirs")).exists()
    assert sync.sync_continue(team.b).status == "pushed"
    assert codec.parse(team.remote_file(REQ1))["priority"] == "must"


def test_resolve_after_a_pull_without_the_driver_starts_from_valid_toml(team):
    shared(team)
    team.a.update("demo", "REQ-1", {"title": "甲", "owner": "王芳"})
    team.b.update("demo", "REQ-1", {"title": "乙"})
    sync.sync(team.a)
    # git's own line merge: conflict markers in the file
    git(team.b.root, "config", "--remove-section", "merge.accord")
    assert git(team.b.root, "pull", "--no-rebase", "--no-edit", check=False).returncode
    assert "<<<<<<<" in (team.b.root / REQ1).read_text("utf-8")
    assert [c.field for c in sync.conflicts(team.b)] == ["title"]
    assert sync.resolve(team.b, "REQ-1", "title", "theirs") == []
    d = codec.parse((team.b.root / REQ1).read_text("utf-8"))
    assert (d["title"], d["owner"]) == ("甲", "王芳")


def test_criss_cross_history_keeps_a_change_taken_back(team):
    # a and b merged each other's work directly (two merge bases); then a
    # takes its own change back: the sync must not bring it back silently
    shared(team, priority="should")
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.b.update("demo", "REQ-1", {"owner": "王芳"})
    a1, b1 = team.a.git.head(), team.b.git.head()
    git(team.a.root, "fetch", "-q", str(team.b.root), "main")
    git(team.b.root, "fetch", "-q", str(team.a.root), "main")
    git(team.a.root, "merge", "-q", "--no-edit", b1)
    git(team.b.root, "merge", "-q", "--no-edit", a1)
    git(team.b.root, "fetch", "-q", str(team.a.root), "main")
    assert len(git(team.b.root, "merge-base", "--all", "HEAD",
                   "FETCH_HEAD").stdout.split()) == 2
    team.a.update("demo", "REQ-1", {"priority": "should"})
    team.b.update("demo", "REQ-1", {"tags": ["一期"]})
    assert sync.sync(team.a).status == "pushed"
    r = sync.sync(team.b)
    assert r.status == "pushed", r.to_json()
    d = team.b.read("demo", "REQ-1").data
    assert (d["priority"], d["owner"], d["tags"]) == ("should", "王芳", ["一期"])
