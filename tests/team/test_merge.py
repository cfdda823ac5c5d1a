"""The field-wise three-way merge of one record file, and its git driver."""
from __future__ import annotations

import subprocess
import sys

from store.model import codec
from store.team.merge import main, merge_lines, merge_list, merge_texts

P = "projects/demo/requirements/REQ-1.toml"

BASE = '''# 来自需求研讨会 (a comment of the author)
title = "登录支持企业微信扫码"
status = "proposed"
priority = "should"
statement = """
用户可以使用企业微信扫码登录系统。
"""
acceptance = [
    "扫码后 3 秒内完成登录",
    "未绑定的账号给出明确提示",
]
links = ["CR-2"]  # trailing comment
created = 2026-10-12

[confirmation]
by = "张伟"
on = 2026-10-20
via = "email"
'''


def test_different_fields_merge_and_keep_comments():
    ours = BASE.replace('priority = "should"', 'priority = "must"')
    theirs = BASE.replace("登录系统。", "登录系统,无需输入密码。")
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean
    assert "# 来自需求研讨会 (a comment of the author)" in r.text
    assert 'links = ["CR-2"]  # trailing comment' in r.text
    d = codec.parse(r.text)
    assert d["priority"] == "must"
    assert d["statement"] == "用户可以使用企业微信扫码登录系统,无需输入密码。\n"
    # untouched lines keep their bytes
    assert r.text.replace('priority = "must"', 'priority = "should"').replace(
        "登录系统,无需输入密码。", "登录系统。") == BASE


def test_same_field_is_a_conflict_holding_ours():
    ours = BASE.replace('status = "proposed"', 'status = "confirmed"')
    theirs = BASE.replace('status = "proposed"', 'status = "rejected"')
    r = merge_texts(BASE, ours, theirs, P)
    assert [c.field for c in r.conflicts] == ["status"]
    assert r.text == ours
    assert r.conflicts[0].line() == 'REQ-1 status: mine "confirmed" | theirs "rejected"'


def test_same_change_on_both_sides_is_clean():
    ours = theirs = BASE.replace('"should"', '"must"')
    assert merge_texts(BASE, ours, theirs, P).clean


def test_nested_fields_merge_separately():
    ours = BASE.replace('by = "张伟"', 'by = "李娜"')
    theirs = BASE.replace('via = "email"', 'via = "meeting"')
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean
    assert r.data["confirmation"] == {"by": "李娜", "on": __import__("datetime").date(2026, 10, 20),
                                      "via": "meeting"}


def test_table_removed_on_their_side():
    theirs = BASE.split("\n\n[confirmation]")[0] + "\n"
    ours = BASE.replace('"should"', '"must"')
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean and "confirmation" not in r.data and "[confirmation]" not in r.text
    assert r.text.endswith('created = 2026-10-12\n')


def test_list_item_wise():
    assert merge_list(["a", "b"], ["a", "x", "b"], ["a", "b", "y"]) == ["a", "x", "b", "y"]
    assert merge_list(["a", "b", "c"], ["a", "c"], ["a", "b", "c", "d"]) == ["a", "c", "d"]
    assert merge_list(["a", "b"], ["a", "b", "x"], ["a", "b", "y"]) == ["a", "b", "x", "y"]
    ours = BASE.replace('"扫码后 3 秒内完成登录",', '"扫码后 2 秒内完成登录",')
    theirs = BASE.replace('"未绑定的账号给出明确提示",',
                          '"未绑定的账号给出明确提示",\n    "支持退出登录",')
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean
    assert r.data["acceptance"] == ["扫码后 2 秒内完成登录", "未绑定的账号给出明确提示",
                                    "支持退出登录"]


def test_list_same_item_edited_both_sides_conflicts():
    ours = BASE.replace("3 秒", "2 秒")
    theirs = BASE.replace("3 秒", "5 秒")
    r = merge_texts(BASE, ours, theirs, P)
    assert [c.field for c in r.conflicts] == ["acceptance"]
    assert codec.parse(r.text)["acceptance"][0] == "扫码后 2 秒内完成登录"


def test_delete_versus_edit():
    theirs = BASE.replace('"should"', '"must"')
    r = merge_texts(BASE, None, theirs, P)
    assert r.conflicts[0].type == "delete" and r.conflicts[0].field == "-"
    assert "mine deleted" in r.conflicts[0].line()
    r = merge_texts(BASE, theirs, None, P)
    assert r.text == theirs and "theirs deleted" in r.conflicts[0].line()


def test_invalid_side_is_a_conflict_keeping_ours():
    theirs = 'title = "dup"\n' + BASE  # duplicate key
    ours = BASE.replace('"should"', '"must"')
    r = merge_texts(BASE, ours, theirs, P)
    assert r.text == ours and r.conflicts[0].type == "parse"


def test_both_added_same_file_empty_base():
    ours = 'title = "a"\nstatus = "draft"\n'
    theirs = 'title = "b"\nstatus = "draft"\n'
    r = merge_texts("", ours, theirs, P)
    # two records created apart are never fused field by field
    assert [(c.field, c.type) for c in r.conflicts] == [("-", "added")]
    assert r.text == ours and "accord sync" in r.conflicts[0].line()
    assert merge_texts(None, ours, theirs, P).conflicts[0].type == "added"
    assert merge_texts("", ours, ours, P).clean  # the very same file


def test_driver_writes_result_and_exit_codes(tmp_path):
    o, a, b = tmp_path / "o", tmp_path / "a", tmp_path / "b"
    o.write_text(BASE, "utf-8")
    a.write_text(BASE.replace('"should"', '"must"'), "utf-8")
    b.write_text(BASE.replace('via = "email"', 'via = "meeting"'), "utf-8")
    assert main([str(o), str(a), str(b), P]) == 0
    assert 'priority = "must"' in a.read_text("utf-8") and 'via = "meeting"' in a.read_text("utf-8")
    # run as git runs it: the script path, no textual imported
    a.write_text(BASE.replace('"should"', '"could"'), "utf-8")
    b.write_text(BASE.replace('"should"', '"wont"'), "utf-8")
    from store.git.setup import MERGE_SCRIPT
    p = subprocess.run([sys.executable, "-c",
                        "import runpy,sys; sys.argv=sys.argv[1:]; "
                        "runpy.run_path(sys.argv[0], run_name='__main__')",
                        str(MERGE_SCRIPT), str(o), str(a), str(b), P],
                       capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 1, p.stderr
    assert 'REQ-1 priority: mine "could" | theirs "wont"' in p.stderr
    assert a.read_text("utf-8") == BASE.replace('"should"', '"could"')
    p = subprocess.run([sys.executable, str(MERGE_SCRIPT), str(o), str(a), str(b), P],
                       capture_output=True, text=True, cwd=tmp_path)
    assert p.returncode == 1 and "textual" not in p.stderr
    chk = subprocess.run([sys.executable, "-c",
                          "import sys, store.team.merge; print('textual' in sys.modules)"],
                         capture_output=True, text=True,
                         cwd=str(MERGE_SCRIPT.parents[2]))
    assert chk.stdout.strip() == "False"


PROJECT = '''name = "客户关系管理系统"
client = "某城市商业银行"

[[milestones]]
name = "需求确认"
baseline = 2026-11-01

[[milestones]]
name = "上线"
baseline = 2027-01-15
'''


def test_array_of_tables_merges_row_wise():
    ours = PROJECT.replace("baseline = 2026-11-01", "baseline = 2026-11-01\nforecast = 2026-11-08")
    theirs = PROJECT + '\n[[milestones]]\nname = "验收"\nbaseline = 2027-02-01\n'
    r = merge_texts(PROJECT, ours, theirs, "projects/demo/project.toml")
    assert r.clean, r.conflicts
    assert [m["name"] for m in r.data["milestones"]] == ["需求确认", "上线", "验收"]
    assert str(r.data["milestones"][0]["forecast"]) == "2026-11-08"
    same_row = PROJECT.replace("2027-01-15", "2027-01-20")
    other = PROJECT.replace("2027-01-15", "2027-01-30")
    r = merge_texts(PROJECT, same_row, other, "projects/demo/project.toml")
    assert [c.field for c in r.conflicts] == ["milestones"]


from hypothesis import given, settings, strategies as st  # noqa: E402

_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(title=_text, statement=_text, owner=_text, items=st.lists(_text, max_size=4, unique=True))
def test_disjoint_changes_always_merge_exactly(title, statement, owner, items):
    base = codec.new_document({"title": "t", "status": "draft", "statement": "s\n",
                               "acceptance": ["a"], "owner": "o"}, {"statement"})
    ours = codec.edit_document(base, {"title": title or "x", "statement": statement},
                               {"statement"})
    theirs = codec.edit_document(base, {"owner": owner or "y",
                                        "acceptance": items or ["a"]}, {"statement"})
    r = merge_texts(base, ours, theirs, P)
    assert r.clean
    d = codec.parse(r.text)
    assert d["title"] == (title or "x") and d["statement"] == statement
    assert d["owner"] == (owner or "y") and d["acceptance"] == (items or ["a"])


def test_comments_added_on_either_side_are_kept():
    # each side edits a different field and adds its own comment line
    ours = BASE.replace('priority = "should"', '# 客户 10-25 电话里提高了优先级\npriority = "must"')
    theirs = BASE.replace('created = 2026-10-12',
                          'created = 2026-10-12\n# 对方补充: 需与 IT 部确认\nowner = "李娜"')
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean
    assert "# 客户 10-25 电话里提高了优先级" in r.text
    assert "# 对方补充: 需与 IT 部确认" in r.text
    d = codec.parse(r.text)
    assert (d["priority"], d["owner"]) == ("must", "李娜")
    assert r.data == d


def test_line_merge_never_decides_a_value_the_field_merge_would_not():
    # both sides add the same new key with different values on different
    # lines: a line merge would be "clean" but invalid (duplicate key); the
    # field merge reports the conflict and keeps ours
    ours = BASE.replace('created = 2026-10-12', 'owner = "王强"\ncreated = 2026-10-12')
    theirs = BASE + '\n[extra]\nowner = "x"\n'
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean and "[extra]" in r.text and 'owner = "王强"' in r.text
    ours2 = BASE.replace('links = ["CR-2"]', 'owner = "王强"\nlinks = ["CR-2"]')
    theirs2 = BASE.replace('created = 2026-10-12', 'created = 2026-10-12\nowner = "李娜"')
    r2 = merge_texts(BASE, ours2, theirs2, P)
    assert [c.field for c in r2.conflicts] == ["owner"]
    assert r2.text == ours2


TEXT_BASE = BASE.replace('statement = """\n用户可以使用企业微信扫码登录系统。\n"""',
                         'statement = """\n第一行：扫码登录。\n第二行：三秒内完成。\n'
                         '第三行：失败时提示原因。\n"""')


def test_a_text_edited_on_different_lines_merges_line_by_line():
    ours = TEXT_BASE.replace("第一行：扫码登录。", "第一行：企业微信扫码登录。")
    theirs = TEXT_BASE.replace("第三行：失败时提示原因。", "第三行：失败时提示原因并记录日志。")
    r = merge_texts(TEXT_BASE, ours, theirs, P)
    assert r.clean
    assert codec.parse(r.text)["statement"] == (
        "第一行：企业微信扫码登录。\n第二行：三秒内完成。\n第三行：失败时提示原因并记录日志。\n")


def test_a_text_edited_on_the_same_or_next_line_is_a_conflict():
    ours = TEXT_BASE.replace("第一行：扫码登录。", "第一行：企业微信扫码登录。")
    for theirs in (TEXT_BASE.replace("第一行：扫码登录。", "第一行：钉钉扫码登录。"),
                   TEXT_BASE.replace("第二行：三秒内完成。", "第二行：两秒内完成。")):
        r = merge_texts(TEXT_BASE, ours, theirs, P)
        assert [c.field for c in r.conflicts] == ["statement"]
        assert r.text == ours


def test_one_line_texts_never_merge_by_words():
    ours = BASE.replace('title = "登录支持企业微信扫码"', 'title = "登录支持企业微信扫码（一期）"')
    theirs = BASE.replace('title = "登录支持企业微信扫码"', 'title = "登录支持钉钉扫码"')
    assert [c.field for c in merge_texts(BASE, ours, theirs, P).conflicts] == ["title"]


def test_list_item_removed_on_one_side_edited_on_the_other_conflicts():
    removed = BASE.replace('    "未绑定的账号给出明确提示",\n', "")
    edited = BASE.replace("未绑定的账号给出明确提示", "未绑定的账号给出提示并引导绑定")
    for ours, theirs in ((removed, edited), (edited, removed)):
        r = merge_texts(BASE, ours, theirs, P)
        assert [c.field for c in r.conflicts] == ["acceptance"], r.text
        assert r.text == ours
    # removed on one side, another item edited on the other: both happen
    other = BASE.replace("3 秒", "2 秒")
    r = merge_texts(BASE, removed, other, P)
    assert r.clean and r.data["acceptance"] == ["扫码后 2 秒内完成登录"]


def test_row_removed_on_one_side_edited_on_the_other_conflicts():
    removed = PROJECT.replace('\n[[milestones]]\nname = "上线"\nbaseline = 2027-01-15\n', "")
    edited = PROJECT.replace("2027-01-15", "2027-01-20")
    assert "上线" not in removed
    for ours, theirs in ((removed, edited), (edited, removed)):
        r = merge_texts(PROJECT, ours, theirs, "projects/demo/project.toml")
        assert [c.field for c in r.conflicts] == ["milestones"]


def test_their_comments_are_kept_when_the_line_merge_fails():
    # adjacent lines changed: no line merge, so the field merge writes the
    # result; the comment the other side wrote must survive
    ours = BASE.replace('status = "proposed"', 'status = "confirmed"')
    theirs = BASE.replace('priority = "should"',
                          '# 客户在 10-25 的电话里要求提高\npriority = "must"  # 张伟确认')
    assert merge_lines(BASE, ours, theirs) is None
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean
    assert "# 客户在 10-25 的电话里要求提高" in r.text and "# 张伟确认" in r.text
    assert "# 来自需求研讨会 (a comment of the author)" in r.text
    d = codec.parse(r.text)
    assert (d["status"], d["priority"]) == ("confirmed", "must")
    lines = r.text.splitlines()
    assert lines.index("# 客户在 10-25 的电话里要求提高") + 1 == \
        next(i for i, x in enumerate(lines) if x.startswith("priority"))
    # and with a conflict in another field too
    ours2 = ours.replace('title = "登录支持企业微信扫码"', 'title = "甲"')
    theirs2 = theirs.replace('title = "登录支持企业微信扫码"', 'title = "乙"')
    r2 = merge_texts(BASE, ours2, theirs2, P)
    assert [c.field for c in r2.conflicts] == ["title"]
    assert "# 客户在 10-25 的电话里要求提高" in r2.text


def test_a_comment_like_line_inside_a_text_is_not_taken_for_a_comment():
    ours = BASE.replace('status = "proposed"', 'status = "confirmed"')
    theirs = BASE.replace("用户可以使用企业微信扫码登录系统。",
                          "用户可以使用企业微信扫码登录系统。\n# 这一行是文字").replace(
        'priority = "should"', 'priority = "must"')
    r = merge_texts(BASE, ours, theirs, P)
    assert r.clean and r.text.count("# 这一行是文字") == 1
    assert codec.parse(r.text)["statement"].endswith("# 这一行是文字\n")


def _run_driver(tmp_path, base, ours, theirs, rel=P, cwd=None):
    from store.git.setup import MERGE_SCRIPT
    files = []
    for name, text in (("o", base), ("a", ours), ("b", theirs)):
        f = tmp_path / name
        f.write_text(text, "utf-8")
        files.append(str(f))
    p = subprocess.run([sys.executable, str(MERGE_SCRIPT), *files, rel],
                       capture_output=True, text=True, cwd=cwd or tmp_path)
    return p, (tmp_path / "a").read_text("utf-8")


def test_driver_refuses_two_files_created_apart(tmp_path):
    p, out = _run_driver(tmp_path, "", 'title = "甲的"\n', 'title = "乙的"\n')
    assert p.returncode == 1
    assert "accord sync" in p.stderr and out == 'title = "甲的"\n'


def test_driver_in_a_rebase_keeps_and_names_the_users_side(tmp_path):
    (tmp_path / ".git" / "rebase-merge").mkdir(parents=True)
    upstream = BASE.replace('"should"', '"must"')
    mine = BASE.replace('"should"', '"could"')
    # in a rebase %A is upstream and %B the user's commit
    p, out = _run_driver(tmp_path, BASE, upstream, mine)
    assert p.returncode == 1
    assert 'REQ-1 priority: mine "could" | theirs "must"' in p.stderr
    assert "git rebase --abort" in p.stderr and "accord sync" in p.stderr
    assert codec.parse(out)["priority"] == "could"
    # clean changes of both sides merge whichever way round
    p, out = _run_driver(tmp_path, BASE, upstream, BASE.replace('via = "email"', 'via = "x"'))
    assert p.returncode == 0
    assert (codec.parse(out)["priority"], codec.parse(out)["confirmation"]["via"]) == ("must", "x")
