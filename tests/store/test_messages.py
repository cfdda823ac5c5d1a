"""The store's errors worded in English and Chinese from one table
(store.messages): the same code and params, the app's and the command
line's way out where they differ; str(e) stays the English line."""
from __future__ import annotations

import string

import pytest

from store.errors import TransitionRefused, ValidationFailed
from store.messages import MESSAGES, Problem, describe, toml_detail


def _fields(text: str) -> set[str]:
    return {name.split("!")[0] for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_code_has_both_languages_with_the_same_fields(code):
    entry = MESSAGES[code]
    assert entry["en"] and entry["zh"]
    derived = {"ok_en", "ok_zh", "tail_en", "tail_zh", "doing_zh"}
    en = _fields(entry["en"]) - derived
    for variant in ("zh", "en.app", "zh.app"):
        if variant in entry:
            # Chinese may name a status by its word, an error by its number,
            # a field or table by its Chinese label (``*_zh``)
            extra = _fields(entry[variant]) - derived - en - {"status", "errno"}
            assert all(f.endswith("_zh") for f in extra), (variant, extra)


def test_signoff_refusal_names_the_key_in_the_app_and_the_command_on_the_cli():
    err = TransitionRefused(code="signoff-required", rid="REQ-4", to="delivered",
                            ok=["in-progress"])
    assert str(err) == ("REQ-4 cannot move to delivered without a current client sign-off: "
                        "record it with `accord confirm REQ-4 --by NAME --via CHANNEL` "
                        "(allowed now: in-progress)")
    app = describe(err, "zh", "app")
    assert app == "REQ-4 没有当前有效的甲方确认，不能变为“已交付”：按 c 记录签认（现在可变为 进行中）"
    cli = describe(err, "zh", "cli")
    assert "accord confirm REQ-4" in cli and "按 c" not in cli
    assert "press c" in describe(err, "en", "app")


def test_a_field_problem_in_chinese_uses_the_fields_label(workspace):
    from store.errors import InvalidValue
    with pytest.raises(InvalidValue) as e:
        workspace.create("demo", "change", {"title": "加字段", "impact.cost": "2.5 万元"})
    assert describe(e.value, "en") == str(e.value) == "change: impact.cost: should be a number"
    assert describe(e.value, "zh") == "变更：影响.费用影响(元)：应为数字"
    from store.model.records import parse_value
    from store.model.schema import kind_named
    with pytest.raises(InvalidValue) as e:
        parse_value("impact.cost", kind_named("change").field("impact").sub("cost"), "2.5 万元")
    assert str(e.value) == "impact.cost: '2.5 万元' is not a number"
    assert describe(e.value, "zh") == "费用影响(元)：'2.5 万元' 不是数字"


def test_editor_text_problems_in_chinese(workspace):
    workspace.create("demo", "feedback", {"summary": "导出慢"})
    rec = workspace.read("demo", "FB-1")
    text = rec.path.read_text("utf-8") + "satisfaction = 9\n"
    with pytest.raises(ValidationFailed) as e:
        workspace.save_text("demo", "FB-1", text)
    assert str(e.value) == "FB-1: satisfaction: 9 is above 5"
    assert describe(e.value, "zh") == "FB-1：满意度(1-5)：9 大于上限 5"
    assert [describe(p, "zh") for p in e.value.problems] == ["满意度(1-5)：9 大于上限 5"]
    with pytest.raises(ValidationFailed) as e:
        workspace.save_text("demo", "FB-1", "summary = \n")
    assert describe(e.value, "zh") == "FB-1：不是有效的 TOML（第 1 行第 11 列：值无效）"


def test_toml_details_and_unknown_codes():
    assert toml_detail("Unclosed array (at line 3, column 9)") == "第 3 行第 9 列：数组没有闭合"
    assert toml_detail("Something new (at line 2, column 1)") == "第 2 行第 1 列：语法错误"
    assert describe(Problem("required"), "zh") == "必填，未填写"
    assert describe(ValueError("plain"), "zh") == "plain"


def test_a_project_row_without_its_name_says_so_in_the_apps_words():
    from store.errors import InvalidValue
    from store.model.project_settings import parse_row
    with pytest.raises(InvalidValue) as e:
        parse_row("milestones", [])
    assert str(e.value) == "a milestones row needs name: add name=VALUE"
    assert describe(e.value, "zh", "app") == "里程碑的每一行都需要填写 名称"
