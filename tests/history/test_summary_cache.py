"""The kept summary (store.reports.summary.render_cached): a second run with
nothing changed reads the same text back; any change builds it again."""
from __future__ import annotations

from store import locations

import os

import pytest

from helpers import at
from store import reports
from store.reports import render, summary


@pytest.fixture
def kept(reportws, monkeypatch):
    """The report workspace, with the "racily clean" wait off (the test's
    files are seconds old) and a counter of real builds."""
    ws, c = reportws
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    builds = []
    real = reports.build_with_context

    def counting(*a, **kw):
        builds.append(a[2] if len(a) > 2 else kw.get("kind"))
        return real(*a, **kw)
    monkeypatch.setattr(reports, "build_with_context", counting)
    return ws, builds


def kept_files(ws):
    d = locations.folder(ws.git.git_dir, "summary")
    return sorted(p.name for p in d.glob("*.txt")) if d.is_dir() else []


@pytest.mark.parametrize("fmt", ["json", "md", "html"])
def test_second_run_reads_the_same_text(kept, fmt):
    ws, builds = kept
    first = summary.render_cached(ws, "crm", fmt, since="2026-11-01")
    assert len(kept_files(ws)) == 1
    n = len(builds)
    again = summary.render_cached(ws, "crm", fmt, since="2026-11-01")
    assert again == first
    assert len(builds) == n  # read back, not built


def test_same_as_an_uncached_build(kept):
    ws, _ = kept
    for fmt in ("json", "md"):
        for since in ("2026-11-01", "kickoff", None):
            text = summary.render_cached(ws, "crm", fmt, since=since)
            assert summary.render_cached(ws, "crm", fmt, since=since) == text
            doc = reports.build(ws, "crm", "summary", since=since)
            assert render(doc, fmt) == text


def test_a_change_builds_again(kept):
    ws, builds = kept
    before = summary.render_cached(ws, "crm", "json", since="2026-11-01")
    with at("2026-11-19T10:00:00+08:00"):
        ws.update("crm", "REQ-1", {"statement": "改过的说法：只读 360 视图"})
    n = len(builds)
    after = summary.render_cached(ws, "crm", "json", since="2026-11-01")
    assert len(builds) == n + 1 and after != before
    assert "改过的说法" in after


def test_a_hand_edit_of_the_same_size_builds_again(kept):
    ws, builds = kept
    path = ws.root / "projects" / "crm" / "requirements" / "REQ-1.toml"
    before = summary.render_cached(ws, "crm", "md", since="2026-11-01")
    text = path.read_text("utf-8")
    st = os.stat(path)
    # same size, the old mtime put back: the ctime (and inode) still move
    path.write_text(text.replace('status = "', 'status = "', 1), "utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    n = len(builds)
    summary.render_cached(ws, "crm", "md", since="2026-11-01")
    assert len(builds) == n + 1
    assert summary.render_cached(ws, "crm", "md", since="2026-11-01") == before


def test_other_questions_are_other_texts(kept):
    ws, _ = kept
    a = summary.render_cached(ws, "crm", "json", since="2026-11-01")
    b = summary.render_cached(ws, "crm", "json", since="2026-11-01", lang="en")
    c = summary.render_cached(ws, "crm", "md", since="2026-11-01")
    d = summary.render_cached(ws, "crm", "json", since="kickoff")
    assert len({a, b, c, d}) == 4
    assert len(kept_files(ws)) == summary.SUMMARY_KEEP  # the oldest dropped


def test_fresh_files_and_no_cache_keep_nothing(reportws, monkeypatch):
    ws, _ = reportws
    # a file changed a moment ago: racily clean, not kept
    os.utime(ws.root / "projects" / "crm" / "requirements" / "REQ-1.toml")
    summary.render_cached(ws, "crm", "json", since="2026-11-01")
    assert kept_files(ws) == []
    monkeypatch.setattr("store.locations.RACY_NS", 0)
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    summary.render_cached(ws, "crm", "json", since="2026-11-01")
    assert kept_files(ws) == []


def test_a_bad_period_is_the_builds_error(kept):
    from store.errors import InvalidValue
    ws, _ = kept
    with pytest.raises(InvalidValue):
        summary.render_cached(ws, "crm", "json", since="2026-13-01")


def test_nothing_kept_yet_means_no_stamping_before_the_build(kept, monkeypatch):
    """With no text kept for the question, the files are not stamped ahead
    of the build: the text is kept under the stats the record load took
    before reading, and the next run finds it by stamping the files."""
    from store import cache
    ws, builds = kept
    scans = []
    real = cache.scan_stamps
    monkeypatch.setattr(cache, "scan_stamps", lambda *a: scans.append(1) or real(*a))
    first = summary.render_cached(ws, "crm", "json", since="2026-11-01")
    assert scans == [] and len(builds) == 1 and len(kept_files(ws)) == 1
    assert summary.render_cached(ws, "crm", "json", since="2026-11-01") == first
    assert scans == [1] and len(builds) == 1


def test_a_file_changed_during_the_build_is_never_read_back_stale(kept, monkeypatch):
    """The load's stats are taken before each file is read, so a change
    after the read leaves the kept text under the old stats: the next run
    does not find it and builds again."""
    ws, builds = kept
    path = ws.root / "projects" / "crm" / "requirements" / "REQ-1.toml"
    real = reports.build_with_context

    def then_edit(*a, **kw):
        out = real(*a, **kw)
        path.write_text(path.read_text("utf-8").replace(
            'title = "', 'title = "改于生成时：', 1), "utf-8")
        return out
    monkeypatch.setattr(reports, "build_with_context", then_edit)
    summary.render_cached(ws, "crm", "json", since="2026-11-01")
    monkeypatch.setattr(reports, "build_with_context", real)
    n = len(kept_files(ws))
    fresh = summary.render_cached(ws, "crm", "json", since="2026-11-01")
    assert fresh == render(reports.build(ws, "crm", "summary", since="2026-11-01"), "json")
    assert len(kept_files(ws)) == n + 1  # built again, kept under the new stats


def test_head_moving_during_the_build_keeps_nothing(kept, monkeypatch):
    """A commit during the build (here to a kind the summary's files do not
    cover) leaves the text unkept: it may or may not hold that commit."""
    ws, _ = kept
    real = reports.build_with_context

    def then_commit(*a, **kw):
        out = real(*a, **kw)
        with at("2026-11-19T11:00:00+08:00"):
            ws.create("crm", "lesson", {"title": "生成时写下的经验"})
        return out
    monkeypatch.setattr(reports, "build_with_context", then_commit)
    summary.render_cached(ws, "crm", "json", since="2026-11-01")
    assert kept_files(ws) == []


@pytest.mark.parametrize("fmt,evidence,long", [("json", True, False), ("md", False, False),
                                               ("json", False, True)])
def test_after_new_commits_the_kept_fold_gives_a_cold_build_s_text(kept, fmt, evidence,
                                                                    long, monkeypatch):
    """After new commits the summary folds only their events into what the
    last run kept; the text is exactly a build with nothing kept.  ``long``:
    as on a long history, the sign-off stories search the days after each
    sign-off (in the sign-offs the fold keeps)."""
    import shutil
    ws, _ = kept
    if long:
        monkeypatch.setattr("store.reports.narrative.events.RECENT_COMMITS", 0)
    summary.render_cached(ws, "crm", fmt, since="2000-01-01", evidence=evidence)
    folds = locations.folder(ws.git.git_dir, "summary")
    assert list(folds.glob("fold-*.pickle"))
    with at("2026-12-01T09:00:00+08:00"):
        ws.update("crm", "REQ-1", {"priority": "could"})
    with at("2026-12-01T10:00:00+08:00"):
        ws.create("crm", "requirement", {"title": "新的需求"})
        ws.confirm("crm", "REQ-2", by="张伟", via="邮件")
    folded = summary.render_cached(ws, "crm", fmt, since="2000-01-01", evidence=evidence)
    shutil.rmtree(locations.folder(ws.git.git_dir))
    cold = render(reports.build(ws, "crm", "summary", since="2000-01-01",
                                evidence=evidence), fmt)
    assert folded == cold
    assert "新的需求" in folded


def test_a_fold_grown_twice_or_damaged_still_gives_a_cold_build_s_text(kept):
    """The kept fold's records grow by appended parts, run after run; a
    part cut or changed behind its back is never read as the fold."""
    import shutil
    ws, _ = kept
    summary.render_cached(ws, "crm", "json", since="2000-01-01")
    folds = locations.folder(ws.git.git_dir, "summary")
    for n, hour in enumerate(("09", "10")):
        with at(f"2026-12-01T{hour}:00:00+08:00"):
            ws.create("crm", "requirement", {"title": f"新的需求 {n}"})
        folded = summary.render_cached(ws, "crm", "json", since="2000-01-01")
        assert folded == render(reports.build(ws, "crm", "summary", since="2000-01-01"),
                                "json")
    (add,) = folds.glob("fold-*.add")
    assert add.stat().st_size > 0
    with open(add, "r+b") as fh:  # a part changed behind the fold's back
        fh.write(b"x")
    with at("2026-12-01T11:00:00+08:00"):
        ws.update("crm", "REQ-1", {"priority": "could"})
    again = summary.render_cached(ws, "crm", "json", since="2000-01-01")
    shutil.rmtree(locations.folder(ws.git.git_dir))
    assert "新的需求 1" in folded and "新的需求 1" in again
    assert again == render(reports.build(ws, "crm", "summary", since="2000-01-01"), "json")
