"""The team's refusals in the user's language (the workspace's, Chinese
here): one line, the way out, the same exit code as in English; and every
error code the store uses is worded in both languages."""
from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from store.messages import render
from store.messages_table import MESSAGES
from tests.team.conftest import git
from tui.cli.main import main

STORE = Path(__file__).resolve().parents[2] / "store"


@pytest.fixture(autouse=True)
def _lang_of_the_workspace(monkeypatch, tmp_path):
    monkeypatch.delenv("ACCORD_LANG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "no-config"))


def _accord(capsys, ws, *args) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(["-C", str(ws.root), *args])
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("accord: "), err
    return rc, err[0]


def test_a_sync_in_a_rebase_says_so_in_chinese(team, capsys):
    (team.a.git.git_dir / "rebase-merge").mkdir()
    rc, line = _accord(capsys, team.a, "sync")
    assert rc == 2
    assert line.startswith("accord: git 正在 rebase，其中 git 会对调你和对方的版本："
                           "Accord 不在此时同步；请运行 `git rebase --abort`")


def test_a_detached_head_in_chinese(team, capsys):
    git(team.a.root, "checkout", "-q", "--detach")
    rc, line = _accord(capsys, team.a, "sync")
    assert rc == 2
    assert line == "accord: HEAD 处于分离状态：请先切换到一个分支（例如 `git switch main`）"


def test_a_merge_in_progress_in_chinese(team, capsys):
    head = git(team.a.root, "rev-parse", "HEAD").strip()
    (team.a.git.git_dir / "MERGE_HEAD").write_text(head + "\n", "utf-8")
    rc, line = _accord(capsys, team.a, "sync")
    assert rc == 2
    assert line.startswith("accord: 一次同步（或 git 合并）停在中途：用 `accord resolve`")


def test_a_remote_whose_hook_refuses_in_chinese_and_english(team, capsys, monkeypatch):
    hook = team.remote / "hooks" / "pre-receive"
    hook.write_text("#!/bin/sh\necho '需求评审未通过'\nexit 1\n", "utf-8")
    hook.chmod(0o755)
    team.a.create("demo", "requirement", {"title": "登录", "priority": "must"})
    rc, line = _accord(capsys, team.a, "sync")
    assert rc == 1
    assert line == ("accord: 无法推送到 origin：远程仓库的钩子拒绝了推送：需求评审未通过 "
                    "(refused: refs/heads/main)："
                    "按它说的处理后再运行 `accord sync`")
    monkeypatch.setenv("ACCORD_LANG", "en")
    rc, line = _accord(capsys, team.a, "sync")
    assert rc == 1 and line == ("accord: cannot push to origin: the remote's hook refused "
                                "it: 需求评审未通过 (refused: refs/heads/main): do what it says, then run "
                                "`accord sync` again")
    err = {"code": "hook", "op": "push to", "remote": "origin", "detail": "不行"}
    from tui.cli.team import remote_line
    assert remote_line(err, "zh", "app").endswith("按它说的处理后按 S 再同步")


def test_an_undo_of_a_file_someone_else_changed_in_chinese(team, capsys):
    a = team.a
    a.create("demo", "requirement", {"title": "登录", "priority": "must"})
    git(a.root, "config", "user.name", "李四")
    git(a.root, "config", "user.email", "li@example.com")
    a.update("demo", "REQ-1", {"priority": "could"})
    git(a.root, "config", "--unset", "user.name")
    git(a.root, "config", "--unset", "user.email")
    rc, line = _accord(capsys, a, "undo")
    assert rc == 1
    assert "未撤销：李四 之后改过这些文件" in line and "请直接编辑记录" in line


def _codes_used(tree) -> set[str]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "code" and isinstance(kw.value, ast.Constant):
                    out.add(kw.value.value)
                if kw.arg == "code" and isinstance(kw.value, ast.IfExp):
                    out |= {v.value for v in (kw.value.body, kw.value.orelse)
                            if isinstance(v, ast.Constant)}
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            if name in ("Problem", "UndoRefused") and len(node.args) == 1 and \
                    isinstance(node.args[0], ast.Constant):
                out.add(node.args[0].value)
    return {c for c in out if isinstance(c, str)}


def test_every_code_the_store_uses_is_worded_in_both_languages():
    used = set()
    for path in [*STORE.rglob("*.py"), *(STORE.parent / "tui" / "cli").glob("*.py")]:
        used |= _codes_used(ast.parse(path.read_text("utf-8")))
    assert {"head-detached", "sync-rebase", "undo-changed-since"} <= used
    missing = sorted(c for c in used if c not in MESSAGES)
    assert not missing, missing
    for code in used:
        assert {"en", "zh"} <= set(MESSAGES[code]), code
    for cause in ("auth", "hostkey", "unreachable", "no-repo", "permission", "hook",
                  "rejected", "tag-exists", "timeout", "stopped", "other"):
        entry = MESSAGES[f"remote-{cause}"]
        assert {"en", "zh"} <= set(entry)
        line = render(f"remote-{cause}", {"op": "fetch from", "where": "origin",
                                          "detail": "x", "seconds_zh": "5"}, "zh")
        assert "origin" in line and "{" not in line, cause


def test_the_teams_chinese_texts_have_no_english_words_but_commands():
    import re

    from store.messages_team import TEAM_MESSAGES
    for code, entry in TEAM_MESSAGES.items():
        for key in ("zh", "zh.app"):
            text = entry.get(key)
            if text is None:
                continue
            bare = re.sub(r"`[^`]*`|\{[^}]*\}|'[^']*'|--[a-z-]+|[A-Z_]+=?\S*|"
                          r"\S+\.toml|\S*/\S*|\[sync\]|ssh|https?|git|Accord|TOML|HEAD"
                          r"|rebase|cherry-pick|iconv|UTF-8|JSON|en|zh|e\.g\.", "", text)
            assert not re.search(r"[a-z]{3,}", bare), (code, key, text)


def test_the_english_lines_are_as_before():
    assert os.environ.get("ACCORD_LANG") is None
    assert render("head-detached", {}) == ("HEAD is detached: check out a branch first "
                                           "(e.g. `git switch main`)")
    assert render("commit-refused", {"err": "hook said no"}) == (
        "git refused the commit: hook said no (a hook may have failed); nothing was saved")


def test_a_timeout_is_worded_with_its_seconds_in_chinese():
    from store.messages import describe
    from store.team.remote_errors import RemoteError
    e = RemoteError("timeout", "no answer within 5 s", "fetch from", "origin")
    e.seconds = "5"
    assert str(e) == "cannot fetch from origin: no answer within 5 s"
    assert describe(e, "zh").startswith("无法从 origin 获取：5 秒内没有回应：请检查网络")
    assert e.to_json()["code"] == "timeout" and e.code == "remote-timeout"
