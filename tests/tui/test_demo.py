"""The demo replays the scenario into a workspace whose project equals the
committed sample project byte for byte, with one commit per step."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import git
from tui import demo_data
from tui.demo import build_demo

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "projects" / demo_data.PROJECT_SLUG


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
    built = _files(demo_ws.project_dir(demo_data.PROJECT_SLUG))
    assert SAMPLE.is_dir(), "projects/<slug>/ missing: python -m tui.demo --write-sample ."
    committed = _files(SAMPLE)
    assert sorted(built) == sorted(committed)
    for name in built:
        assert built[name] == committed[name], name


def test_history_has_one_commit_per_step_with_authors(demo_ws):
    log = git(demo_ws.root, "log", "--format=%an|%aI").splitlines()
    assert len(log) == len(demo_data.STEPS) - sum(
        1 for s in demo_data.STEPS if s["op"] == "baseline") + 2
    names = {line.split("|")[0] for line in log}
    assert {"王磊", "陈静", "刘洋"} <= names
    assert git(demo_ws.root, "tag", "--list").split() == [
        f"accord/{demo_data.PROJECT_SLUG}/{s['name']}"
        for s in demo_data.STEPS if s["op"] == "baseline"]
