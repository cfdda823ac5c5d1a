"""Saves queue (issue 17, item 4): the command line reads, changes and saves
a record under the write lock, so N processes changing one record give N
commits and lose nothing.  A form's save of an older version (what the app
does, with the digest it opened) is still refused."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.errors import ConflictError

ROOT = Path(__file__).resolve().parents[2]
N = 20


def git(ws, *args) -> str:
    return subprocess.run(["git", *args], cwd=ws.root, check=True,
                          capture_output=True, text=True).stdout


def test_twenty_processes_adding_to_one_record_all_land(workspace):
    ws = workspace
    for i in (1, 2, 3):
        ws.create("demo", "requirement", {"title": f"需求 {i}"})
    before = int(git(ws, "rev-list", "--count", "HEAD"))
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    procs = [subprocess.Popen(
        [sys.executable, "-m", "tui", "-C", str(ws.root), "set", "REQ-3",
         "--add", f"acceptance=条件 {i}"], env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE) for i in range(N)]
    try:
        results = [(p.wait(timeout=240), p.stderr.read().decode()) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
        for p in procs:
            p.stdout.close()
            p.stderr.close()
    assert [rc for rc, _ in results] == [0] * N, [err for _, err in results]
    assert int(git(ws, "rev-list", "--count", "HEAD")) == before + N
    assert sorted(ws.read("demo", "REQ-3").data["acceptance"]) == \
        sorted(f"条件 {i}" for i in range(N))
    # each commit adds one item and says so
    for c in git(ws, "rev-list", f"-{N}", "HEAD").split():
        body = git(ws, "log", "-1", "--format=%B", c)
        assert body.startswith("REQ-3: edit acceptance\n"), body
    assert git(ws, "status", "--porcelain") == ""


def test_a_form_saving_an_older_version_is_still_refused(workspace):
    """The app's form passes the digest of the version it opened: a save
    landed since (another process) makes its save a conflict, never a
    silent overwrite."""
    ws = workspace
    opened = ws.create("demo", "requirement", {"title": "登录"}).record
    ws.update("demo", "REQ-1", {"owner": "另一个终端"})
    with pytest.raises(ConflictError, match="changed on disk since it was opened"):
        ws.update("demo", "REQ-1", {"title": "表单"}, expect_digest=opened.digest)
    assert ws.read("demo", "REQ-1").data["owner"] == "另一个终端"
