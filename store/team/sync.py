"""Working as a team: ``sync`` (fetch, renumber colliding ids, merge field
by field in one process (``store.team.syncmerge``), validate, push), ``resolve``,
``sync --continue`` and ``sync --abort``.

The conflict state lives in git itself (the unmerged index entries: stage 1
the common ancestor, 2 ours, 3 theirs) plus ``.git/accord-sync`` (the phase,
which fields were settled and where to push), so a merge stopped by a plain
``git pull`` can be settled the same way, and a sync killed while it wrote
its merge is found and undone.  A git rebase (which swaps the sides) is
refused with the way out.

Every step refuses in a way the user can act on (``AccordError`` with one
line); nothing is pushed unless the whole workspace validates.  Its parts:
store/team/sync_common.py (result, refusals, upstream), sync_ids.py
(renumbering), sync_resolve.py (conflicts, resolve), sync_server.py
(init_remote, clone); every git command goes through ``ws.git``.
"""
from __future__ import annotations

from store.team import syncmerge
from store.team import remote as net
from store.team.remote_errors import RemoteError
from store.git.run import GitError, git_error_line
from store.team.merge import show
from store.progress_note import Progress
from store.team.sync_common import SyncError, SyncResult, SyncStopped, cherry_picking, in_progress, refuse_other_operations, upstream, validate_tree  # noqa: F401
from store.team.sync_ids import find_collisions, renumber
from store.team.sync_resolve import adopt_hand_fixes, conflict_lines, conflicts, resolve  # noqa: F401
from store.team.sync_server import check_remote, clone, init_remote


def _dirty(ws) -> list[str]:
    return ws.git.dirty("projects", "accord.toml", ".gitattributes")


# --- sync ----------------------------------------------------------------------

def _commit_attributes(ws) -> str | None:
    from store.git import setup as gitsetup
    if not gitsetup.write_attributes(ws):
        return None
    return ws.git.commit_paths(
        [gitsetup.ATTRIBUTES],
        "accord: send record files to the Accord merge and diff drivers\n\n"
        "Accord-Action: setup\n",
        [] if ws.git.is_tracked(gitsetup.ATTRIBUTES) else [gitsetup.ATTRIBUTES])


def _push(ws, res: SyncResult, progress=None) -> SyncResult:
    """Push what the remote lacks (the branch, annotated tags on its
    history), compared with what the fetch saw: no connection when it lacks
    nothing.  Every ref must be taken; a refused one (a tag too) makes the
    sync ``push-failed`` with the cause in ``res.error``."""
    plan = net.push_plan(ws, res.remote, res.branch)
    if not plan:
        return res
    try:
        net.push(ws, res.remote, plan, progress=progress)
    except RemoteError as e:
        res.status, res.error = "push-failed", e.to_json()
        return res
    tags = [r[len("refs/tags/"):] for r in plan if r.startswith("refs/tags/")]
    if tags:
        res.messages.append(f"pushed tag(s) {', '.join(tags)} to {res.remote}")
    if not any(r.startswith("HEAD:") for r in plan):
        return res  # the branch was up to date: only tags went
    branch = ws.git.branch()
    ws.git.set_upstream(res.remote, res.branch, branch)
    res.status = "pushed"
    res.messages.append(f"pushed {branch} to {res.remote}/{res.branch}")
    return res


def _stop_lines(res: SyncResult) -> None:
    res.messages.append("settle each field with `accord resolve ID FIELD "
                        "--mine|--theirs|--set VALUE`, then `accord sync --continue` "
                        "(or `accord sync --abort` to put everything back)")


def _fetch(ws, remote: str, res: SyncResult, progress=None) -> None:
    """Fetch; a baseline of the same name made in two clones is kept under
    two names (ours renamed, said in res.messages) and the fetch repeated."""
    try:
        net.fetch(ws, remote, progress=progress)
    except RemoteError as e:
        clash = syncmerge.clashing_tags(e.stderr)
        if not clash:
            raise
        res.messages += syncmerge.rename_baselines(ws, clash)
        net.fetch(ws, remote, progress=progress)


def sync(ws, progress: Progress | None = None) -> SyncResult:
    """Fetch, renumber colliding new ids, merge with the field-wise driver,
    validate, push (tags too).  Stops (merge in progress, nothing pushed) on
    a conflict or an invalid file."""
    from store.git import setup as gitsetup
    ws._ensure_writable()
    refuse_other_operations(ws, "sync")
    if in_progress(ws):
        raise SyncError(code="sync-stopped")
    ws.git.check_writable()
    syncmerge.clear_state(ws)  # of a merge aborted or committed with plain git
    remote, rbranch = upstream(ws)
    res = SyncResult("up-to-date", remote, rbranch)
    # the fetch touches only remote refs and tags: it runs before the write
    # lock, so saves (the app's too) never wait on the network for it
    try:
        _fetch(ws, remote, res, progress)
    except RemoteError as e:
        res.status, res.error = "fetch-failed", e.to_json()
        return res
    with ws._locked():
        gitsetup.configure_git(ws)
        dirty = _dirty(ws)
        if dirty:
            raise SyncError(code="sync-dirty", path=dirty[0])
        if _commit_attributes(ws):
            res.messages.append("committed .gitattributes (record merge driver)")
        theirs = ws.git.rev_parse(f"refs/remotes/{remote}/{rbranch}")
        head = ws.git.head()
        if theirs and head is None:
            raise SyncError(code="sync-no-commit")
        if theirs is None or ws.git.is_ancestor(theirs, head):
            # the remote has nothing we lack: validate and push
            res.problems = validate_tree(ws)
            if res.problems:
                res.status = "invalid"
                res.messages.append("nothing was pushed: fix the files above and "
                                    "run `accord sync` again")
                return res
            if theirs == head:
                res.messages.append(f"already up to date with {remote}/{rbranch}")
            return _push(ws, res, progress)  # tags only when up to date; none: no connection
        if ws.git.is_ancestor(head, theirs):
            ws.git.merge_ff(theirs)
            res.messages.append(f"fast-forwarded to {remote}/{rbranch}")
            res.problems = validate_tree(ws)
            if res.problems:
                res.status = "invalid"
                res.messages.append(f"{remote}/{rbranch} holds invalid files: "
                                    f"fix them, commit, and run `accord sync` again")
                return res
            return _push(ws, res, progress)  # our new tags, if any
        base = ws.git.merge_base("HEAD", theirs)
        for slug, mapping in find_collisions(ws, theirs, base).items():
            if not ws.project_dir(slug).is_dir():
                continue
            _commit, warnings = renumber(ws, slug, mapping,
                                         f"ids taken on {remote}/{rbranch}")
            res.renumbered += [(slug, a, b) for a, b in mapping.items()]
            res.warnings += warnings
        try:
            syncmerge.merge_tree(ws, base, theirs, f"remote-tracking branch "
                                 f"'{remote}/{rbranch}'",
                                 {"remote": remote, "branch": rbranch,
                                  "renumbered": res.renumbered,
                                  "warnings": res.warnings})
        except syncmerge.MergeFailed as e:
            raise SyncError(code=e.code, **e.params) from None
        return _after_merge(ws, res, progress)


def _after_merge(ws, res: SyncResult, progress=None) -> SyncResult:
    res.conflicts = conflicts(ws)
    if res.conflicts:
        res.status = "conflict"
        beside = syncmerge.load_state(ws).get("beside", [])
        if beside:
            res.messages.append("the other side's version of a file that is not "
                                "valid TOML is beside it: " + ", ".join(beside))
        _stop_lines(res)
        return res
    return _finish(ws, res, progress)


def _finish(ws, res: SyncResult, progress=None) -> SyncResult:
    res.problems = validate_tree(ws)
    if res.problems:
        res.status = "invalid"
        res.messages.append("the merge is stopped and nothing was pushed: fix the "
                            "files above, then `accord sync --continue` (or "
                            "`accord sync --abort`)")
        return res
    ws.git.add_updated("projects")
    p = ws.git.commit_merge()
    if p.returncode != 0:
        res.status = "invalid"
        why = git_error_line(p.stderr or p.stdout, "a hook may have failed")
        res.problems.append(f"git refused the merge commit ({why})")
        return res
    res.commit = ws.git.head()
    syncmerge.clear_state(ws)
    res.messages.append(f"merged {res.remote}/{res.branch}")
    return _push(ws, res, progress)


def sync_continue(ws, progress: Progress | None = None) -> SyncResult:
    """Commit the settled merge and push."""
    ws._ensure_writable()
    refuse_other_operations(ws, "continue")
    if cherry_picking(ws):
        raise SyncError(code="sync-cherry-pick")
    if not in_progress(ws):
        raise SyncError(code="sync-none-stopped")
    state = syncmerge.load_state(ws)
    if state.get("remote"):
        remote, rbranch = state["remote"], state["branch"]
    else:
        remote, rbranch = upstream(ws)
    res = SyncResult("conflict", remote, rbranch,
                     renumbered=[tuple(x) for x in state.get("renumbered", [])],
                     warnings=list(state.get("warnings", [])))
    with ws._locked():
        adopt_hand_fixes(ws)
        res.conflicts = conflicts(ws)
        if res.conflicts:
            _stop_lines(res)
            return res
        return _finish(ws, res, progress)


def sync_abort(ws) -> str:
    """Put everything back as it was before the merge (a stopped one, or one
    a killed sync left half-written)."""
    ws._ensure_writable()
    from store.team.merge import git_operation
    if git_operation(str(ws.root)) == "rebase":
        raise SyncError(code="sync-rebase-abort")
    interrupted = syncmerge.interrupted(ws) is not None
    if not in_progress(ws) and not interrupted:
        syncmerge.clear_state(ws)
        raise SyncError(code="sync-nothing-to-abort")
    with ws._locked():
        try:
            syncmerge.abort(ws)
        except syncmerge.MergeFailed as e:
            raise SyncError(code=e.code, **e.params) from None
    return ws.git.head()


__all__ = ["SyncResult", "SyncError", "SyncStopped", "sync", "sync_continue",
           "sync_abort", "resolve", "conflicts", "conflict_lines", "in_progress",
           "validate_tree", "find_collisions", "renumber", "init_remote", "clone",
           "check_remote",
           "show", "GitError"]
