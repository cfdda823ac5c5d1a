"""The commits a sign-off can come from (store.history.confirms): found by
their trailers, kept per revision, grown by the new commits only, and the
same whether or not anything was kept."""
from __future__ import annotations

from helpers import at, hand_commit

from store.history.confirms import confirm_commits


def _ids(commits):
    return [c.id for c in commits]


def test_the_sign_off_commits_of_the_records_asked_for(reportws):
    ws, c = reportws
    found = _ids(confirm_commits(ws, None, "2026-01-01", {"REQ-1"}))
    assert c["confirm"] in found
    assert _ids(confirm_commits(ws, None, "2026-01-01", {"REQ-404"})) == []
    # only on or after the day asked for, and never past the revision asked for
    assert _ids(confirm_commits(ws, None, "2099-01-01", {"REQ-1"})) == []
    assert c["confirm"] not in _ids(confirm_commits(ws, f"{c['confirm']}~1", "2026-01-01",
                                                    {"REQ-1"}))


def test_a_new_sign_off_grows_the_kept_list_as_a_fresh_search_finds_it(reportws, monkeypatch):
    ws, _ = reportws
    before = _ids(confirm_commits(ws, None, "2026-01-01", {"REQ-1", "REQ-2"}))
    with at("2026-11-21T10:00:00+08:00"):
        new = ws.confirm("crm", "REQ-2", by="张伟", via="meeting").commit
    with at("2026-11-21T11:00:00+08:00"):
        ws.update("crm", "REQ-2", {"owner": "李娜"})
    grown = _ids(confirm_commits(ws, None, "2026-01-01", {"REQ-1", "REQ-2"}))
    assert grown == before + [new]
    monkeypatch.setenv("ACCORD_NO_CACHE", "1")
    assert _ids(confirm_commits(ws, None, "2026-01-01", {"REQ-1", "REQ-2"})) == grown


def test_a_plain_git_commit_without_the_trailers_is_no_sign_off(reportws):
    """A hand edit committed with plain git tells no confirm event, so the
    search does not list it either."""
    ws, c = reportws
    path = ws.root / "projects" / "crm" / "requirements" / "REQ-1.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("张伟", "张伟 "),
                    encoding="utf-8")
    with at("2026-11-21T09:00:00+08:00"):
        hand_commit(ws.root, "REQ-1: confirm (by hand)")
    found = _ids(confirm_commits(ws, None, "2026-01-01", {"REQ-1"}))
    assert ws.git.head() not in found and c["confirm"] in found
