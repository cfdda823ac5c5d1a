"""accord sync between clones of a bare remote."""
from __future__ import annotations

import subprocess

import pytest

from store.model import codec
from store.team import sync
from store.errors import AccordError, RepoStateError
from store.workspace import Workspace



def git(root, *args) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True,
                          capture_output=True, text=True).stdout

REQ1 = "projects/demo/requirements/REQ-1.toml"


def _shared_req(team, **fields):
    data = {"title": "登录支持企业微信扫码", "statement": "第一行\n第二行\n",
            "acceptance": ["扫码后 3 秒内完成登录", "未绑定的账号给出提示"]}
    data.update(fields)
    team.a.create("demo", "requirement", data)
    assert sync.sync(team.a).status == "pushed"
    assert sync.sync(team.b).status == "up-to-date"
    return "REQ-1"


def test_different_fields_merge_and_both_converge(team):
    _shared_req(team)
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.b.update("demo", "REQ-1", {"owner": "王芳"})
    assert sync.sync(team.a).status == "pushed"
    r = sync.sync(team.b)
    assert r.status == "pushed", r.to_json()
    assert team.remote_head() == team.b.git.head()
    assert sync.sync(team.a).status == "up-to-date"
    rec = team.a.read("demo", "REQ-1")
    assert rec.data["priority"] == "must" and rec.data["owner"] == "王芳"
    assert (team.a.root / REQ1).read_bytes() == (team.b.root / REQ1).read_bytes()


def test_list_field_merges_item_wise(team):
    _shared_req(team)
    team.a.update("demo", "REQ-1", {"acceptance": ["扫码后 2 秒内完成登录", "未绑定的账号给出提示"]})
    team.b.update("demo", "REQ-1", {"acceptance": ["扫码后 3 秒内完成登录", "未绑定的账号给出提示",
                                                   "支持退出"]})
    sync.sync(team.a)
    assert sync.sync(team.b).status == "pushed"
    assert team.b.read("demo", "REQ-1").data["acceptance"] == [
        "扫码后 2 秒内完成登录", "未绑定的账号给出提示", "支持退出"]


def test_same_field_conflict_resolve_and_continue(team):
    _shared_req(team)
    team.a.update("demo", "REQ-1", {"title": "甲的标题", "priority": "must"})
    team.b.update("demo", "REQ-1", {"title": "乙的标题", "owner": "王芳"})
    sync.sync(team.a)
    before = team.remote_head()
    ours_text = (team.b.root / REQ1).read_text("utf-8")
    r = sync.sync(team.b)
    assert r.status == "conflict" and r.exit_code == 1
    assert sync.conflict_lines(r.conflicts) == ['REQ-1 title: mine "乙的标题" | theirs "甲的标题"']
    assert team.remote_head() == before  # nothing pushed
    data = codec.parse((team.b.root / REQ1).read_text("utf-8"))  # valid TOML
    assert data["title"] == "乙的标题" and data["priority"] == "must"  # ours + clean merge
    assert "<<<<<<<" not in (team.b.root / REQ1).read_text("utf-8")
    # other saves stay refused while the merge is in progress
    with pytest.raises(RepoStateError):
        team.b.update("demo", "REQ-1", {"owner": "x"})
    with pytest.raises(AccordError):
        sync.sync(team.b)
    # continue refuses while something is open
    assert sync.sync_continue(team.b).status == "conflict"
    with pytest.raises(AccordError, match="conflicting fields are title"):
        sync.resolve(team.b, "REQ-1", "owner", "mine")
    left = sync.resolve(team.b, "REQ-1", "title", "theirs")
    assert left == []
    r = sync.sync_continue(team.b)
    assert r.status == "pushed", r.to_json()
    assert team.remote_head() == team.b.git.head()
    assert team.b.read("demo", "REQ-1").data["title"] == "甲的标题"
    assert ours_text != (team.b.root / REQ1).read_text("utf-8")
    sync.sync(team.a)
    assert team.a.read("demo", "REQ-1").data["owner"] == "王芳"


def test_resolve_set_value(team):
    _shared_req(team)
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.b.update("demo", "REQ-1", {"priority": "could"})
    sync.sync(team.a)
    assert sync.sync(team.b).status == "conflict"
    with pytest.raises(AccordError):
        sync.resolve(team.b, "REQ-1", "priority", "set", "urgent")
    sync.resolve(team.b, "REQ-1", "priority", "set", "should")
    assert sync.sync_continue(team.b).status == "pushed"
    assert team.b.read("demo", "REQ-1").data["priority"] == "should"


def test_abort_restores(team):
    _shared_req(team)
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.b.update("demo", "REQ-1", {"priority": "could"})
    sync.sync(team.a)
    head = team.b.git.head()
    text = (team.b.root / REQ1).read_bytes()
    assert sync.sync(team.b).status == "conflict"
    sync.sync_abort(team.b)
    assert not sync.in_progress(team.b)
    assert team.b.git.head() == head and (team.b.root / REQ1).read_bytes() == text
    team.b.update("demo", "REQ-1", {"owner": "x"})  # saves work again


@pytest.mark.parametrize("who_deletes", ["mine", "theirs"])
def test_delete_versus_edit(team, who_deletes):
    _shared_req(team)
    deleter, editor = (team.b, team.a) if who_deletes == "mine" else (team.a, team.b)
    deleter.delete("demo", "REQ-1")
    editor.update("demo", "REQ-1", {"priority": "must"})
    first = team.a
    sync.sync(first)
    r = sync.sync(team.b)
    assert r.status == "conflict"
    (line,) = sync.conflict_lines(r.conflicts)
    assert line.startswith("REQ-1 -: ")
    assert ("mine deleted" in line) == (who_deletes == "mine")
    # the work tree holds our side
    assert (team.b.root / REQ1).exists() == (who_deletes != "mine")
    sync.resolve(team.b, "REQ-1", "-", "theirs")
    assert sync.sync_continue(team.b).status == "pushed"
    assert (team.b.root / REQ1).exists() == (who_deletes == "mine")
    assert (team.remote_file(REQ1) is not None) == (who_deletes == "mine")


def test_both_create_same_id_renumbers_ours_and_references(team):
    _shared_req(team)
    team.a.create("demo", "requirement", {"title": "甲的新需求"})           # REQ-2 on a
    b2 = team.b.create("demo", "requirement", {"title": "乙的新需求",
                                               "statement": "与 REQ-2 有关\n"}).record  # REQ-2 on b
    team.b.create("demo", "change", {"title": "变更", "affects": ["REQ-2"]})
    team.b.create("demo", "meeting", {"title": "评审会", "decisions": ["DEC-1"],
                                      "minutes": "讨论了 REQ-2。\n"})
    team.b.create("demo", "decision", {"title": "决议", "affects": ["REQ-2", "REQ-1"]})
    team.b.update("demo", "REQ-1", {"links": ["REQ-2"]})
    assert b2.id == "REQ-2"
    sync.sync(team.a)
    r = sync.sync(team.b)
    assert r.status == "pushed", r.to_json()
    assert r.renumbered == [("demo", "REQ-2", "REQ-3")]
    warned = "\n".join(r.warnings)
    assert "REQ-3 statement: mentions REQ-2" in warned
    assert "MTG-1 minutes: mentions REQ-2" in warned
    idx = team.b.load("demo")
    assert idx.records["REQ-2"].data["title"] == "甲的新需求"
    assert idx.records["REQ-3"].data["title"] == "乙的新需求"
    assert idx.records["CR-1"].data["affects"] == ["REQ-3"]
    assert idx.records["DEC-1"].data["affects"] == ["REQ-3", "REQ-1"]
    assert idx.records["REQ-1"].data["links"] == ["REQ-3"]
    # one renumber commit with trailers the history reader understands
    log = git(team.b.root, "log", "--format=%B%x00", "--grep=renumber")
    msg = [m for m in log.split("\0") if "Accord-Action: renumber" in m][0]
    assert 'id: "REQ-2" -> "REQ-3"' in msg
    assert "Accord-Record: REQ-3" in msg and "Accord-Project: demo" in msg
    trailers = subprocess.run(["git", "interpret-trailers", "--parse"], input=msg.strip(),
                              capture_output=True, text=True).stdout
    assert "Accord-Action: renumber" in trailers
    # the other side gets both
    sync.sync(team.a)
    assert set(team.a.load("demo").records) >= {"REQ-1", "REQ-2", "REQ-3", "CR-1"}
    assert team.a.next_id("demo", team.a.load("demo").records["REQ-1"].kind) == "REQ-4"


def test_merge_touching_confirmed_requirement_leaves_it_stale(team):
    _shared_req(team, status="proposed")
    team.a.confirm("demo", "REQ-1", by="张伟", via="email")
    team.b.update("demo", "REQ-1", {"title": "乙改了标题"})
    assert team.a.read("demo", "REQ-1").signoff == "current"
    sync.sync(team.a)
    assert sync.sync(team.b).status == "pushed"
    rec = team.b.read("demo", "REQ-1")
    assert rec.status == "confirmed" and rec.data["title"] == "乙改了标题"
    assert rec.signoff == "stale"
    # and the other way round: b confirmed, a edits an agreed field
    team.b.update("demo", "REQ-1", {"status": "proposed"})
    sync.sync(team.b)
    sync.sync(team.a)
    team.b.confirm("demo", "REQ-1", by="张伟", via="meeting")
    team.a.update("demo", "REQ-1", {"acceptance": ["新的验收标准"]})
    sync.sync(team.b)
    assert sync.sync(team.a).status == "pushed"
    assert team.a.read("demo", "REQ-1").signoff == "stale"


def test_invalid_file_present_nothing_pushed(team):
    _shared_req(team)
    bad = team.b.root / "projects/demo/requirements/REQ-9.toml"
    bad.write_text('title = "x"\ntitle = "y"\n', "utf-8")
    git(team.b.root, "add", "--", str(bad))
    git(team.b.root, "commit", "-q", "-m", "hand edit")
    before = team.remote_head()
    r = sync.sync(team.b)
    assert r.status == "invalid" and r.exit_code == 1
    assert any(p.startswith("projects/demo/requirements/REQ-9.toml: not valid TOML")
               for p in r.problems)
    assert team.remote_head() == before
    # with a merge to do as well: stopped, nothing pushed
    team.a.update("demo", "REQ-1", {"priority": "must"})
    sync.sync(team.a)
    before = team.remote_head()
    r = sync.sync(team.b)
    assert r.status == "invalid" and team.remote_head() == before
    assert sync.in_progress(team.b)
    bad.write_text('title = "x"\nstatus = "draft"\n', "utf-8")
    assert sync.sync_continue(team.b).status == "pushed"
    assert codec.parse(team.remote_file("projects/demo/requirements/REQ-9.toml"))["title"] == "x"


def test_plain_git_pull_uses_the_registered_driver(team):
    _shared_req(team)
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.b.update("demo", "REQ-1", {"owner": "王芳"})
    sync.sync(team.a)
    # a fresh shell: no PYTHONPATH, plain git
    env = {k: v for k, v in __import__("os").environ.items() if k != "PYTHONPATH"}
    p = subprocess.run(["git", "pull", "--no-rebase", "--no-edit", "-q"], cwd=team.b.root,
                       capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    data = codec.parse((team.b.root / REQ1).read_text("utf-8"))
    assert data["priority"] == "must" and data["owner"] == "王芳"
    # a conflicting pull leaves valid TOML with our side, and resolve works on it
    team.a.update("demo", "REQ-1", {"title": "甲"})
    team.b.update("demo", "REQ-1", {"title": "乙"})
    sync.sync(team.a)
    p = subprocess.run(["git", "pull", "--no-rebase", "--no-edit"], cwd=team.b.root,
                       capture_output=True, text=True, env=env)
    assert p.returncode != 0
    assert 'REQ-1 title: mine "乙" | theirs "甲"' in p.stderr + p.stdout
    assert codec.parse((team.b.root / REQ1).read_text("utf-8"))["title"] == "乙"
    assert [c.field for c in sync.conflicts(team.b)] == ["title"]
    sync.resolve(team.b, "REQ-1", "title", "mine")
    assert sync.sync_continue(team.b).status == "pushed"


def test_three_clones(team):
    _shared_req(team)
    c = team.clone("carol")
    team.a.update("demo", "REQ-1", {"priority": "must"})
    team.b.update("demo", "REQ-1", {"owner": "王芳"})
    c.create("demo", "issue", {"title": "风险"})
    for ws in (team.a, team.b, c, team.a, team.b):
        assert sync.sync(ws).exit_code == 0
    texts = {(ws.root / REQ1).read_text("utf-8") for ws in (team.a, team.b, c)}
    assert len(texts) == 1


def test_sync_without_remote_refuses(tmp_path):
    ws = Workspace.init(tmp_path / "solo")
    with pytest.raises(AccordError, match="git remote add origin"):
        sync.sync(ws)


def test_sync_refuses_uncommitted_record_edits(team):
    _shared_req(team)
    p = team.b.root / REQ1
    p.write_text(p.read_text("utf-8").replace("登录", "登陆"), "utf-8")
    with pytest.raises(AccordError, match="not committed"):
        sync.sync(team.b)


def test_baseline_tags_travel(team):
    _shared_req(team)
    team.a.baseline("demo", "kickoff")
    assert sync.sync(team.a).status == "up-to-date"
    assert "accord/demo/kickoff" in git(team.remote, "tag")
    team.b.update("demo", "REQ-1", {"priority": "must"})
    sync.sync(team.b)
    assert "accord/demo/kickoff" in git(team.b.root, "tag")
    team.b.baseline("demo", "signed")
    team.a.update("demo", "REQ-1", {"owner": "王芳"})
    sync.sync(team.a)
    assert sync.sync(team.b).status == "up-to-date"  # a fast-forward
    assert "accord/demo/signed" in git(team.remote, "tag")


def test_history_shows_renumber(team):
    from store import history
    _shared_req(team)
    team.a.create("demo", "requirement", {"title": "甲的新需求"})
    team.b.create("demo", "requirement", {"title": "乙的新需求", "links": ["REQ-1"]})
    team.b.update("demo", "REQ-1", {"links": ["REQ-2"]})
    sync.sync(team.a)
    assert sync.sync(team.b).renumbered == [("demo", "REQ-2", "REQ-3")]
    events = history.record_events(team.b, "demo", "REQ-3")
    actions = [e["action"] for e in events]
    assert "renumber" in actions, events
    ren = [e for e in events if e["action"] == "renumber"][0]
    assert ren["fields"] == {"id": ["REQ-2", "REQ-3"]}
    last = history.record_events(team.b, "demo", "REQ-1")[-1]
    assert last["action"] == "edit" and last["fields"] == {"links": [["REQ-2"], ["REQ-3"]]}
