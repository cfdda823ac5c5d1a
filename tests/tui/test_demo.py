"""The demo replays the scenario into a workspace whose project equals the
committed sample project byte for byte, with one commit per step."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import git
from tui.demo import build_demo, project_slug, scenario

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "projects" / project_slug()


@pytest.fixture(scope="module")
def demo_ws(tmp_path_factory):
    import os
    saved = dict(os.environ)
    try:
        home = tmp_path_factory.mktemp("demohome")
        os.environ["HOME"] = str(home)
        os.environ["GIT_CONFIG_NOSYSTEM"] = "1"
        return build_demo(tmp_path_factory.mktemp("demo") / "ws")
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def test_replay_reproduces_sample_project(demo_ws):
    built = _files(demo_ws.project_dir(project_slug()))
    assert SAMPLE.is_dir(), "projects/<slug>/ missing: python -m tui.demo --write-sample ."
    committed = _files(SAMPLE)
    assert sorted(built) == sorted(committed)
    for name in built:
        assert built[name] == committed[name], name


def test_history_has_one_commit_per_step_with_authors(demo_ws):
    log = git(demo_ws.root, "log", "--format=%an|%aI").splitlines()
    assert len(log) == len(scenario()["steps"]) - sum(
        1 for s in scenario()["steps"] if s["op"] == "baseline") + 2
    names = {line.split("|")[0] for line in log}
    assert {"王磊", "陈静", "刘洋"} <= names
    assert git(demo_ws.root, "tag", "--list").split() == [
        f"accord/{project_slug()}/{s['name']}"
        for s in scenario()["steps"] if s["op"] == "baseline"]


def _head(root) -> str:
    return git(root, "rev-parse", "HEAD").strip()


def test_cached_demo_clones_equal_a_fresh_replay(demo_ws, tmp_path, monkeypatch):
    import io

    import tui.demo as demo
    cache = tmp_path / "cache"
    out = io.StringIO()
    first = demo.demo_workspace(tmp_path / "one", cache=cache, progress=demo._Progress(out))
    assert "building the sample project once" in out.getvalue()
    n = len(scenario()["steps"])
    assert f"{n}/{n}" in out.getvalue()
    assert [p.name for p in cache.iterdir()] == [f"demo-{demo.demo_key()}.git"]

    # a second run never replays: it clones the cache
    def no_replay(*a, **kw):
        raise AssertionError("replayed although the cache is there")
    monkeypatch.setattr(demo, "build_demo", no_replay)
    second = demo.demo_workspace(tmp_path / "two", cache=cache)
    for ws in (first, second):
        assert _head(ws.root) == _head(demo_ws.root)
        assert git(ws.root, "tag", "--list") == git(demo_ws.root, "tag", "--list")
        assert git(ws.root, "remote").strip() == ""       # nothing to push back to
        assert git(ws.root, "status", "--porcelain") == ""
        assert git(ws.root, "config", "--get", "merge.accord.driver").strip()
        assert _files(ws.project_dir(project_slug())) == _files(SAMPLE)
    assert second.root != first.root


def test_a_stale_cache_is_replaced_and_an_unusable_one_falls_back(tmp_path, monkeypatch):
    import tui.demo as demo
    cache = tmp_path / "cache"
    (cache / "demo-0000000000000000.git").mkdir(parents=True)
    calls = []
    real_build = demo.build_demo

    def counted(dest, progress=None):
        calls.append(dest)
        return real_build(dest, progress)
    monkeypatch.setattr(demo, "build_demo", counted)
    monkeypatch.setattr(demo, "demo_key", lambda: "feedfacefeedface")
    ws = demo.demo_workspace(tmp_path / "a", cache=cache)
    assert [p.name for p in cache.iterdir()] == ["demo-feedfacefeedface.git"]
    assert len(calls) == 1 and (ws.root / "accord.toml").is_file()
    # a cache folder that is a file: replay straight into the destination
    blocked = tmp_path / "blocked"
    blocked.write_text("")
    ws2 = demo.demo_workspace(tmp_path / "b", cache=blocked)
    assert len(calls) == 2 and _head(ws2.root) == _head(ws.root)


def test_demo_copy_commits_without_a_git_identity(workspace, tmp_path, monkeypatch, capsys):
    # the tour on a fresh machine: no identity anywhere; saves still work
    # in the throwaway copy (a real workspace keeps refusing, see
    # tests/store), and the user is told who the copy commits as
    from tui import demo
    monkeypatch.setattr(demo, "demo_workspace", lambda root, progress=None: workspace)
    opened = []
    monkeypatch.setattr("tui.app.run_app", lambda ws, slug, today=None: opened.append(ws))
    empty = tmp_path / "nohome"
    empty.mkdir()
    monkeypatch.setenv("HOME", str(empty))
    assert workspace.git.identity() is None
    demo.run_demo()
    assert opened == [workspace]
    assert workspace.git.identity() == demo.DEMO_IDENTITY
    assert "演示用户" in capsys.readouterr().err
    workspace.create("demo", "lesson", {"title": "先对齐再动手"})


@pytest.fixture
def tour(demo_ws, tmp_path, monkeypatch):
    """``run_demo`` with its copy made under tmp_path (a clone of the
    replayed demo) and the app replaced by ``tour.app(ws)``."""
    import tempfile

    from store.git.plain import clone_copy
    from tui import demo
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    monkeypatch.setattr(demo, "demo_workspace",
                        lambda dest, progress=None: clone_copy(demo_ws.root, dest))

    class Tour:
        app = staticmethod(lambda ws: 0)
        copies = staticmethod(lambda: sorted(temp.iterdir()))
    monkeypatch.setattr("tui.app.run_app",
                        lambda ws, slug, today=None: Tour.app(ws))
    return Tour


def test_a_tour_that_changes_nothing_leaves_nothing_behind(tour, capsys):
    from tui import demo
    seen = []
    tour.app = lambda ws: seen.append(ws.root.is_dir()) or 0
    assert demo.run_demo() == 0
    assert seen == [True]
    assert tour.copies() == []
    assert "removed when you quit" in capsys.readouterr().err


@pytest.mark.parametrize("change", ["commit", "file"])
def test_a_tour_that_changed_something_keeps_its_copy(tour, change, capsys):
    from tui import demo
    kept = []

    def app(ws):
        kept.append(ws.root)
        if change == "commit":
            ws.create(project_slug(), "lesson", {"title": "先对齐再动手"})
        else:
            (ws.root / "笔记.txt").write_text("回去再看", "utf-8")
        return 0
    tour.app = app
    assert demo.run_demo() == 0
    assert tour.copies() == [kept[0].parent] and kept[0].is_dir()
    assert f"stays in {kept[0]}" in capsys.readouterr().err


def test_a_tour_whose_app_fails_still_cleans_up(tour):
    from tui import demo

    def app(ws):
        raise RuntimeError("the app broke")
    tour.app = app
    with pytest.raises(RuntimeError):
        demo.run_demo()
    assert tour.copies() == []


def test_a_copy_that_cannot_be_made_leaves_no_folder(tour, monkeypatch):
    from store.errors import AccordError
    from tui import demo

    def fail(dest, progress=None):
        Path(dest).mkdir()
        raise AccordError("git clone failed")
    monkeypatch.setattr(demo, "demo_workspace", fail)
    with pytest.raises(AccordError):
        demo.run_demo()
    assert tour.copies() == []
