"""Helpers for the app's pilot tests: a small Chinese workspace built
through the store, and an app on it with a fixed today and no cursor blink."""
from __future__ import annotations

import datetime as dt
import os

import pytest

TODAY = dt.date(2026, 11, 27)
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def small(workspace):
    """The `workspace` fixture plus a few records of several kinds."""
    ws = workspace
    ws.create("demo", "requirement", {
        "title": "登录支持企业微信扫码", "priority": "must",
        "statement": "用户可以使用企业微信扫码登录系统。\n",
        "acceptance": ["扫码后 3 秒内完成登录", "未绑定账号给出明确提示"]})
    ws.create("demo", "requirement", {"title": "客户 360 视图", "priority": "should"})
    ws.move("demo", "REQ-2", "proposed")
    ws.create("demo", "feedback", {"summary": "导出报表太慢", "reply_due": dt.date(2026, 11, 20)})
    ws.create("demo", "action", {"title": "提供测试账号", "owner": "赵强",
                                 "due": dt.date(2026, 11, 25)})
    return ws


@pytest.fixture
def make(small):
    from tui.app import make_app

    def _make(ws=None, **kw):
        kw.setdefault("today", TODAY)
        kw.setdefault("no_blink", True)
        return make_app(ws or small, "demo", **kw)
    return _make


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory):
    """The sample project, built once per module with its own HOME."""
    from tui.demo import build_demo
    saved = dict(os.environ)
    try:
        os.environ["HOME"] = str(tmp_path_factory.mktemp("snaphome"))
        os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
        return build_demo(tmp_path_factory.mktemp("snapdemo") / "ws").root
    finally:
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture
def app_for(demo_root, monkeypatch):
    """``app_for()``: the app on the sample project, deterministic for
    snapshots (the demo's today, no blink, no animations, no user config)."""
    monkeypatch.setenv("XDG_CONFIG_HOME", "/nonexistent/config")
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    from tui.app import make_app
    from tui.demo import DEMO_TODAY

    def _app():
        return make_app(demo_root, "crm-rollout", today=DEMO_TODAY, no_blink=True)
    return _app
