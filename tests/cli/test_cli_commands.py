"""The command line, in-process: exit codes, one-line messages, value syntax,
machine output."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tui.cli.main import main


@pytest.fixture(autouse=True)
def english_lines(monkeypatch):
    """These tests match the command line's English lines; the workspace is
    Chinese, so ACCORD_LANG chooses English (tests/cli/test_zh_errors.py
    reads the Chinese ones)."""
    monkeypatch.setenv("ACCORD_LANG", "en")


def heads(ws) -> int:
    return int(subprocess.run(["git", "rev-list", "--count", "HEAD"], cwd=ws.root,
                              capture_output=True, text=True).stdout)


def one_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("accord: ")
    assert "Traceback" not in err
    return lines[0]


# --- init and projects -----------------------------------------------------------

def test_init_and_project_new(tmp_path, capsys):
    assert main(["-C", str(tmp_path), "init", "ws", "--name", "工作区", "--lang", "zh"]) == 0
    ws = tmp_path / "ws"
    assert (ws / "accord.toml").is_file() and (ws / ".git").is_dir()
    assert main(["-C", str(ws), "project", "new", "crm", "--name", "客户关系",
                 "--client", "银行"]) == 0
    assert (ws / "projects/crm/project.toml").is_file()
    capsys.readouterr()
    assert main(["-C", str(ws), "init"]) == 2
    assert "already" in one_error(capsys.readouterr().err)
    assert main(["-C", str(ws), "project", "new", "Bad_Slug", "--name", "x",
                 "--client", "y"]) == 2
    assert "slug" in one_error(capsys.readouterr().err)
    assert main(["-C", str(ws), "project"]) == 2
    one_error(capsys.readouterr().err)


def test_outside_a_workspace(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for args in (["list"], ["show", "REQ-1"], ["new", "req", "title=x"], ["doctor"],
                 []):
        assert main(args) == 2
        msg = one_error(capsys.readouterr().err)
        assert "not inside an Accord workspace" in msg and "accord init" in msg
    assert main(["-C", str(tmp_path / "nope"), "list"]) == 2
    assert "no such directory" in one_error(capsys.readouterr().err)


# --- new / set / show --------------------------------------------------------------

def test_new_prints_the_id_and_commits(run):
    rc, out, err = run("new", "requirement", "--set", "title=登录", "--set",
                       "priority=must", "-m", "from the workshop")
    assert (rc, out) == (0, "REQ-1\n")
    rc, out, _ = run("new", "req", "title=第二个")
    assert (rc, out) == (0, "REQ-2\n")
    rec = run.ws.read("demo", "REQ-2")
    assert rec.title == "第二个" and rec.status == "draft"


@pytest.mark.parametrize("args,needle", [
    (["new", "bogus", "title=x"], "unknown kind 'bogus': kinds are requirement"),
    (["new", "req", "title=x", "colour=red"], "no field 'colour': fields are title"),
    (["new", "req", "title=x", "priority=urgent"], "choose one of must, should"),
    (["new", "req", "title=x", "created=2026-13-01"], "not a date: use YYYY-MM-DD"),
    (["new", "req", "title=x", "created=next week"], "not a date"),
    (["new", "req", "priority=must"], "needs title"),
    (["new", "req", "title=x", "acceptance=one"], "JSON array"),
    (["new", "req", "title=x", "links=[\"../x\"]"], "not a record id"),
    (["new", "cr", "title=x", "impact.schedule_days=soon"], "not a whole number"),
    (["new", "cr", "title=x", "impact.colour=red"], "impact has impact.scope"),
    (["new", "req", "title=x", "confirmation.by=me"], "accord confirm"),
    (["new", "req", "title=x", "status=confirmed"], "sign-off"),
    (["new", "req", "title=x", "status=nope"], "draft, proposed"),
    (["new", "req", "justtext"], "FIELD=VALUE"),
    (["new", "req", "--project", "nope", "title=x"], "no project 'nope'"),
    (["new", "req", "--project", "../x", "title=x"], "not a project slug"),
    (["show", "../x"], "not a record id"),
    (["show", "REQ-1/.."], "not a record id"),
    (["show", "--", "--output=/tmp/x"], "not a record id"),
    (["show", "REQ-01"], "not a record id"),
    (["show", "REQ-0"], "not a record id"),
    (["show", "REQ-9"], "no record REQ-9"),
    (["set", "REQ-9", "title=x"], "no record REQ-9"),
    (["show", "REQ-1", "--format", "yaml"], "invalid choice"),
    (["--format", "yaml", "show", "REQ-1"], "toml, json"),
    (["list", "--status", "nope"], "not a status"),
    (["list", "req", "--status", "open"], "not a requirement status: use one of draft"),
    (["list", "widgets"], "unknown kind"),
    (["confirm", "REQ-1", "--by", "张", "--via", "email", "--on", "20261120"],
     "not a date"),
    (["confirm", "DEC-1", "--by", "张", "--via", "email"], "no client sign-off"),
    (["confirm", "REQ-1", "--via", "email"], "--by"),
    (["move", "REQ-1", "nope"], "not a requirement status: use one of draft"),
    (["move", "REQ-1", "accepted"], "allowed now: proposed, rejected, withdrawn"),
    (["set", "REQ-1", "--remove", "acceptance=absent"], "no item 'absent'"),
    (["set", "REQ-1", "--add", "priority=must"], "not a list"),
    (["set", "REQ-1", "title=@/nonexistent/file"], "no such file"),
    (["set", "REQ-1"], "nothing to set"),
    (["frobnicate"], "invalid choice"),
])
def test_bad_input_exits_2_with_one_line(run, args, needle):
    run("new", "req", "title=登录")
    n = heads(run.ws)
    before = (run.ws.root / "projects/demo/requirements/REQ-1.toml").read_bytes()
    rc, out, err = run(*args)
    assert rc == 2, (out, err)
    assert needle in one_error(err)
    assert out == ""
    assert heads(run.ws) == n
    assert (run.ws.root / "projects/demo/requirements/REQ-1.toml").read_bytes() == before


def test_requirement_to_confirmed_without_signoff_names_the_moves(run):
    run("new", "req", "title=登录")
    rc, _, err = run("move", "REQ-1", "confirmed")
    assert rc == 2
    msg = one_error(err)
    assert "without a current client sign-off" in msg
    assert "accord confirm REQ-1" in msg and "proposed, rejected, withdrawn" in msg
    assert run("move", "REQ-1", "proposed", "-m", "sent to client")[0] == 0
    assert run("confirm", "REQ-1", "--by", "张伟", "--via", "email",
               "--on", "2026-11-20")[0] == 0
    rec = run.ws.read("demo", "REQ-1")
    assert rec.status == "confirmed" and rec.signoff == "current"
    assert str(rec.data["confirmation"]["on"]) == "2026-11-20"
    assert run("move", "REQ-1", "in-progress")[0] == 0


def test_set_nothing_changed_makes_no_commit(run):
    run("new", "req", "title=登录", "priority=must")
    n = heads(run.ws)
    rc, out, err = run("set", "REQ-1", "--set", "title=登录", "priority=must")
    assert rc == 0 and out == "" and "nothing changed" in err
    assert heads(run.ws) == n
    rc, _, _ = run("set", "REQ-1", "priority=could", "-m", "客户降级")
    assert rc == 0 and heads(run.ws) == n + 1


def test_values_from_files_stdin_and_escapes(run, tmp_path):
    run("new", "req", "title=登录")
    crlf = "第一行\r\n第二行 \"quoted\" \\ tab\t\r\n".encode("utf-8")
    (tmp_path / "statement.txt").write_bytes(crlf)
    assert run("set", "REQ-1", f"statement=@{tmp_path / 'statement.txt'}")[0] == 0
    assert run.ws.read("demo", "REQ-1").data["statement"] == crlf.decode("utf-8")
    assert run("set", "REQ-1", "--set", "owner=-", stdin="张三\n".encode())[0] == 0
    assert run.ws.read("demo", "REQ-1").data["owner"] == "张三\n"
    assert run("set", "REQ-1", "owner=@@weibo")[0] == 0
    assert run.ws.read("demo", "REQ-1").data["owner"] == "@weibo"
    rc, _, err = run("set", "REQ-1", "owner=-", "title=-", stdin=b"x")
    assert rc == 2 and "only one value" in one_error(err)


def test_list_values_add_remove_and_dotted_names(run, tmp_path):
    run("new", "req", "title=登录", 'acceptance=["一", "二"]')
    assert run("set", "REQ-1", "--add", "acceptance=三", "--add", "acceptance=四",
               "--remove", "acceptance=一")[0] == 0
    assert run.ws.read("demo", "REQ-1").data["acceptance"] == ["二", "三", "四"]
    (tmp_path / "list.json").write_text('["A", "B"]')
    assert run("set", "REQ-1", f"acceptance=@{tmp_path / 'list.json'}")[0] == 0
    assert run.ws.read("demo", "REQ-1").data["acceptance"] == ["A", "B"]
    assert run("new", "cr", "title=加字段", "impact.schedule_days=5",
               "impact.cost=1200.5", "--add", "affects=REQ-1")[0] == 0
    cr = run.ws.read("demo", "CR-1").data
    assert cr["impact"] == {"schedule_days": 5, "cost": 1200.5}
    assert cr["affects"] == ["REQ-1"]
    assert run("set", "CR-1", "impact.schedule_days=")[0] == 0  # empty removes
    assert run.ws.read("demo", "CR-1").data["impact"] == {"cost": 1200.5}


def test_show_toml_is_the_file_and_json_has_the_shape(run):
    run("new", "req", "title=登录 \"😀\"", "priority=must", 'acceptance=["a"]')
    rc, out, _ = run("show", "REQ-1")
    assert rc == 0
    assert out == (run.ws.root / "projects/demo/requirements/REQ-1.toml").read_text("utf-8")
    rc, out, _ = run("show", "REQ-1", "--format", "json")
    data = json.loads(out)
    assert list(data)[:5] == ["id", "kind", "project", "path", "signoff"]
    assert data["id"] == "REQ-1" and data["kind"] == "requirement"
    assert data["project"] == "demo" and data["signoff"] == "none"
    assert data["path"] == "projects/demo/requirements/REQ-1.toml"
    assert data["title"] == "登录 \"😀\"" and data["acceptance"] == ["a"]
    assert data["created"] == "2026-11-20"
    run("confirm", "REQ-1", "--by", "张伟", "--via", "email")
    data = json.loads(run("--format", "json", "show", "REQ-1")[1])
    assert data["signoff"] == "current"
    assert data["confirmation"]["on"] == "2026-11-20"
    assert data["confirmation"]["by"] == "张伟"


def test_list_table_json_and_broken_file(run):
    run("new", "req", "title=登录")
    run("new", "req", "title=很长的中文标题", "status=proposed")
    run("new", "fb", "summary=\x1b[31mred\x1b[0m")
    broken = run.ws.root / "projects/demo/requirements/REQ-7.toml"
    broken.write_text("title = \n")
    rc, out, err = run("list")
    assert rc == 0
    assert err.strip() == ("projects/demo/requirements/REQ-7.toml: not valid TOML "
                           + err.split("not valid TOML ", 1)[1].strip())
    lines = out.splitlines()
    assert [ln.split()[0] for ln in lines] == ["REQ-1", "REQ-2", "FB-1"]
    assert "\x1b" not in out and "␛[31mred␛[0m" in out
    from store.model.toml_source import width
    title_col = {width(ln[: ln.index(t)]) for ln, t in
                 zip(lines, ["登录", "很长的中文标题", "␛"])}
    assert len(title_col) == 1  # titles line up
    rc, out, err = run("list", "req", "--status", "proposed", "--format", "json")
    assert rc == 0 and "REQ-7" in err
    data = json.loads(out)
    assert [d["id"] for d in data] == ["REQ-2"]
    assert data[0]["signoff"] == "none" and data[0]["status"] == "proposed"
    rc, out, _ = run("list", "feedback", "--format", "json")
    assert [d["id"] for d in json.loads(out)] == ["FB-1"]
    rc, out, _ = run("list", "decision")
    assert (rc, out) == (0, "")


def test_project_choice_with_several_projects(run):
    run.ws.new_project("second", "第二个项目", "客户")
    rc, _, err = run("new", "req", "title=x")
    assert rc == 2 and "--project" in one_error(err)
    assert run("new", "req", "--project", "second", "title=x")[0] == 0
    assert run("--project", "second", "show", "REQ-1")[0] == 0
    assert run("show", "REQ-1", "--project", "demo")[0] == 2


def test_help_and_app_entry_points(run, monkeypatch):
    rc, out, _ = run("--help")
    assert rc == 0 and "init" in out and "doctor" in out
    rc, out, _ = run("set", "--help")
    assert rc == 0 and "FIELD=VALUE" in out
    # the app and the demo: missing modules give exit 2 and one line
    import importlib.util
    if importlib.util.find_spec("tui.app") is None:
        rc, _, err = run()
        assert rc == 2 and "tui/app.py" in one_error(err)
    if importlib.util.find_spec("tui.demo") is None:
        rc, _, err = run("demo")
        assert rc == 2 and "tui/demo.py" in one_error(err)


def test_app_is_called_with_the_workspace(run, monkeypatch):
    import types
    calls = []
    fake = types.ModuleType("tui.app")
    fake.run_app = lambda ws, project=None, scan=None: calls.append((ws.root, project)) or 0
    monkeypatch.setitem(sys.modules, "tui.app", fake)
    assert run()[0] == 0
    assert run("--project", "demo")[0] == 0
    assert calls == [(run.ws.root, None), (run.ws.root, "demo")]
    import gc
    # held for the app's start (tui.launch): back on when no app gave it back
    assert gc.isenabled()


def test_move_outside_the_transitions_names_the_allowed_moves(run):
    run("new", "dec", "title=用企业微信")
    rc, _, err = run("move", "DEC-1", "superseded")
    assert rc == 2
    assert one_error(err).endswith("DEC-1 cannot move from proposed to superseded: "
                                   "allowed from here: agreed")
    run("new", "mtg", "title=周会")
    assert run("move", "MTG-1", "held")[0] == 0
    rc, _, err = run("move", "MTG-1", "planned")
    assert rc == 2 and "no moves are allowed from here" in one_error(err)
    rc, _, err = run("move", "MTG-1", "held")
    assert rc == 2 and "already held" in one_error(err)
    run("new", "lesson", "title=早沟通")
    rc, _, err = run("move", "LES-1", "done")
    assert rc == 2 and "no status" in one_error(err)


def test_list_json_is_each_records_to_json_one_per_line(run):
    """`list --format json` writes the records' own values (dates and nested
    tables included) exactly as Record.to_json gives them, one per line."""
    run("new", "req", "title=登录", "status=proposed")
    run("new", "act", "title=发邮件", "due=2026-03-01", "owner=张伟")
    assert run("confirm", "REQ-1", "--by", "王总", "--via", "email")[0] == 0
    rc, out, _ = run("list", "--format", "json")
    assert rc == 0
    index = run.ws.load("demo")
    want = [index.records[i].to_json() for i in ("REQ-1", "ACT-1")]
    assert json.loads(out) == want
    lines = out.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert [json.loads(ln.rstrip(",")) for ln in lines[1:-1]] == want
    assert '"due": "2026-03-01"' in out and "confirmation" in out
    rc, out, _ = run("list", "decision", "--format", "json")
    assert (rc, out) == (0, "[\n]\n")


# --- the cyclic collector ------------------------------------------------------------

def test_one_shot_commands_run_without_the_cyclic_collector(run, monkeypatch):
    """A report keeps ~10^6 small containers alive, which the collector
    would rescan again and again; the app (demo, serve) keeps it on, and it is
    on again after any command."""
    import gc

    import tui.demo
    from store.reports import summary
    seen = {}
    real = summary.render_cached

    def spy(*a, **kw):
        seen["summary"] = gc.isenabled()
        return real(*a, **kw)
    monkeypatch.setattr(summary, "render_cached", spy)
    monkeypatch.setattr(tui.demo, "run_demo", lambda: seen.update(demo=gc.isenabled()))
    assert gc.isenabled()
    rc, out, err = run("summary", "--format", "json")
    assert rc == 0 and seen["summary"] is False and gc.isenabled()
    assert run("demo")[0] == 0 and seen["demo"] is True and gc.isenabled()


def test_a_one_shot_command_exits_without_a_collection(run, monkeypatch):
    """``run()`` (the program) leaves the cyclic collector off after a
    one-shot command: it exits at once, and a collection would walk all
    the command built."""
    import gc

    import tui.cli.main
    try:
        assert main(["-C", str(run.ws.root), "list", "requirement"], exits_after=True) == 0
        assert not gc.isenabled()  # the caller exits now: no collection first
    finally:
        gc.enable()
    ran = []
    monkeypatch.setattr(tui.cli.main, "main", lambda exits_after=False: ran.append(
        exits_after) or 0)
    monkeypatch.setattr(tui.cli.main, "_one_shot", False)
    with pytest.raises(SystemExit):
        tui.cli.main.run()
    assert ran == [True]
