"""One cache folder per version of Accord: other versions' caches are never
read and are dropped by `doctor --fix`/`sync`/`init`; one off switch."""
from __future__ import annotations

from store import cache, locations
from store.git.setup import configure


def test_every_cache_lives_in_one_versioned_folder(workspace, monkeypatch):
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    workspace.create("demo", "requirement", {"title": "扫码登录"})
    workspace.load("demo")
    root = locations.folder(workspace.git.git_dir)
    assert root.name == f"cache-{locations.version()}"
    assert list((root / "records" / "demo").glob("*.pickle"))
    assert locations.version().startswith(__import__("store").__version__ + "-")


def test_other_versions_are_dropped_and_ours_kept(workspace, monkeypatch):
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    workspace.create("demo", "requirement", {"title": "扫码登录"})
    workspace.load("demo")
    base = locations.base(workspace.git.git_dir)
    for old in ("cache", "events-v3", "summary-v2", "cache-0.0.1-deadbeef"):
        (base / old).mkdir(parents=True, exist_ok=True)
        (base / old / "x").write_text("old")
    configure(workspace)
    left = sorted(p.name for p in base.iterdir() if p.is_dir())
    assert left == [f"cache-{locations.version()}"]


def test_the_off_switch(workspace, monkeypatch):
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    assert not locations.enabled() and not cache.enabled()
    workspace.create("demo", "requirement", {"title": "扫码登录"})
    workspace.load("demo")
    assert not (locations.folder(workspace.git.git_dir) / "records").exists()


def test_atomic_write_leaves_nothing_when_it_fails(tmp_path):
    target = tmp_path / "not-a-dir"
    target.write_text("a file where the folder should be")
    try:
        locations.atomic_write(target / "x.bin", b"data")
    except OSError:
        pass
    else:
        raise AssertionError("wrote under a file")
    st = locations.atomic_write(tmp_path / "sub" / "x.bin", b"data")
    assert st.st_size == 4 and (tmp_path / "sub" / "x.bin").read_bytes() == b"data"
    assert [p.name for p in (tmp_path / "sub").iterdir()] == ["x.bin"]
