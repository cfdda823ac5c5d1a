"""The command line's error lines in the user's language: ACCORD_LANG,
else ``language`` in the user's config, else the workspace's (Chinese
here); one line, the same exit code as in English."""
from __future__ import annotations

from tui.cli.main import main


def _one(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("accord: "), err
    return lines[0]


def test_signoff_refusal_in_chinese_names_the_command(run):
    run("new", "req", "title=登录")
    rc, out, err = run("move", "REQ-1", "confirmed")
    assert rc == 2 and out == ""
    assert _one(err) == ("accord: REQ-1 没有当前有效的甲方确认，不能变为“已确认”：用 "
                         "`accord confirm REQ-1 --by 姓名 --via 方式` 记录确认"
                         "（现在可变为 待确认、已拒绝、已撤回）")


def test_a_bad_value_and_an_unknown_record_in_chinese(run):
    run("new", "cr", "title=加字段")
    rc, _, err = run("set", "CR-1", "impact.cost=2.5 万元")
    assert rc == 2
    assert _one(err) == "accord: 费用影响(元)：'2.5 万元' 不是数字"
    rc, _, err = run("show", "REQ-9")
    assert rc == 2
    assert _one(err) == "accord: 项目 demo 中没有记录 REQ-9：`accord list requirement` 列出所有编号"


def test_the_users_config_and_accord_lang_choose_the_language(run, monkeypatch, tmp_path):
    cfg = tmp_path / "cfg"
    (cfg / "accord").mkdir(parents=True)
    (cfg / "accord" / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(cfg))
    rc, _, err = run("show", "REQ-9")
    assert rc == 2 and "no record REQ-9 in project demo" in _one(err)
    monkeypatch.setenv("ACCORD_LANG", "zh")
    assert "没有记录 REQ-9" in _one(run("show", "REQ-9")[2])


def test_init_in_chinese_says_what_next_in_chinese(tmp_path, capsys):
    assert main(["-C", str(tmp_path), "init", "ws", "--lang", "zh"]) == 0
    err = capsys.readouterr().err
    assert "已在" in err and "创建 Accord 工作区" in err and "下一步" in err
    assert "created" not in err


def test_removing_an_item_that_is_not_there_in_chinese(run):
    run("new", "req", "title=登录")
    rc, _, err = run("set", "REQ-1", "--remove", "acceptance=不存在")
    assert rc == 2
    assert _one(err) == "accord: acceptance 中没有可删除的项 '不存在'：它是空的"
    run("set", "REQ-1", "--add", "acceptance=能登录")
    rc, _, err = run("set", "REQ-1", "--remove", "acceptance=不存在")
    assert rc == 2
    assert _one(err) == "accord: acceptance 中没有可删除的项 '不存在'：现有的项是 [\"能登录\"]"
