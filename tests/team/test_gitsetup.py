"""git set-up: attributes, local config, readable CJK diffs, doctor checks,
and refusing another user's workspace."""
from __future__ import annotations

import os
import subprocess

import pytest

from store import doctor
from store.git import setup as gitsetup
from store.errors import AccordError
from store.workspace import Workspace


def git(root, *args, env=None) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                          text=True, env=env).stdout


def test_init_commits_attributes_and_registers_driver(workspace):
    root = workspace.root
    assert ".gitattributes" in git(root, "ls-files")
    attrs = (root / ".gitattributes").read_text("utf-8")
    assert "projects/**/*.toml merge=accord diff=accord-toml" in attrs
    assert git(root, "check-attr", "merge", "diff", "--",
               "projects/demo/requirements/REQ-1.toml").split() == [
        "projects/demo/requirements/REQ-1.toml:", "merge:", "accord",
        "projects/demo/requirements/REQ-1.toml:", "diff:", "accord-toml"]
    driver = git(root, "config", "merge.accord.driver").strip()
    assert driver.startswith(str(__import__("sys").executable))
    assert str(gitsetup.MERGE_SCRIPT) in driver and driver.endswith("%O %A %B %P")
    assert git(root, "config", "core.quotepath").strip() == "off"
    assert gitsetup.check(workspace) == []


def test_check_warns_when_driver_missing_or_points_nowhere(workspace):
    root = workspace.root
    git(root, "config", "--unset", "merge.accord.driver")
    probs = gitsetup.check(workspace)
    assert any("not registered" in p for p in probs)
    # doctor shows it as a warning (it alone does not fail)
    found = [p for p in doctor.check(workspace) if "merge driver" in p.message]
    assert found and all(p.severity == doctor.WARNING for p in found)
    git(root, "config", "merge.accord.driver", "/nonexistent/python /x/merge.py %O %A %B %P")
    assert any("not an executable" in p for p in gitsetup.check(workspace))
    changed = gitsetup.configure(workspace)
    assert "merge.accord.driver" in changed
    assert gitsetup.check(workspace) == []
    assert gitsetup.configure(workspace) == []  # idempotent


def test_attributes_text_keeps_other_lines():
    assert gitsetup.attributes_text("*.png binary") == (
        "*.png binary\n" + "\n".join(gitsetup.ATTR_LINES) + "\n")
    full = "\n".join(gitsetup.ATTR_LINES) + "\n"
    assert gitsetup.attributes_text(full) == full


@pytest.mark.parametrize("lang", ["C.UTF-8", "C"])
def test_word_diff_splits_cjk_per_character(workspace, lang):
    rec = workspace.create("demo", "requirement", {"title": "登录支持企业微信扫码"}).record
    workspace.update("demo", rec.id, {"title": "登录支持钉钉扫码"})
    env = dict(os.environ, LANG=lang, LC_ALL=lang)
    out = git(workspace.root, "diff", "--word-diff=plain", "HEAD~1", "HEAD", env=env)
    assert 'title = "登录支持[-企业微信-]{+钉钉+}扫码"' in out
    assert "projects/demo/requirements/REQ-1.toml" in out  # quotepath off: not octal


def test_hunk_header_shows_table(workspace):
    rec = workspace.create("demo", "requirement", {
        "title": "t", "status": "proposed", "statement": "一\n二\n三\n四\n五\n六\n"}).record
    workspace.confirm("demo", rec.id, by="张伟", via="email")
    text = (workspace.root / rec.rel).read_text("utf-8")
    (workspace.root / rec.rel).write_text(text.replace('via = "email"', 'via = "meeting"'),
                                          "utf-8")
    out = git(workspace.root, "diff", "-U1")
    assert "@@ [confirmation]" in out


def test_foreign_owner_refused_unless_safe_directory(workspace, monkeypatch, git_home):
    root = workspace.root
    real = gitsetup._owner_uid
    monkeypatch.setattr(gitsetup, "_owner_uid",
                        lambda p: 4242 if os.path.samefile(p, root / ".git") else real(p))
    with pytest.raises(gitsetup.ForeignOwner) as e:
        Workspace.find(root / "projects")
    msg = str(e.value)
    assert e.value.exit_code == 2
    assert "safe.directory" in msg and str(root) in msg and ".git" in msg
    assert "\n" not in msg
    subprocess.run(["git", "config", "--global", "--add", "safe.directory", str(root)],
                   check=True)
    assert Workspace.find(root).root == root
    subprocess.run(["git", "config", "--global", "--unset-all", "safe.directory"], check=True)
    with pytest.raises(AccordError):
        Workspace.find(root)
    subprocess.run(["git", "config", "--global", "--add", "safe.directory", "*"], check=True)
    Workspace.find(root)
