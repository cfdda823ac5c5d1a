"""The merge step of ``accord sync``, in one process, and its state file.

:func:`merge_tree` does what ``git merge --no-commit`` does, without one
merge-driver process per file changed on both sides:

1. ``.git/accord-sync`` records that a merge is being written (phase
   ``merging``) before anything is touched, so that a sync killed half-way
   is seen (:func:`interrupted`, ``doctor``) and :func:`abort` puts it back;
2. ``git read-tree -m -u --aggressive BASE HEAD THEIRS`` merges every file
   changed on one side only (index and work tree) and leaves the files
   changed on both sides unmerged (index stages 1, 2, 3);
3. the three versions of every unmerged file are read through one
   ``git cat-file --batch``; record files merge field-wise in this process
   (``store.team.merge``), other text files line by line; results are written and
   the clean ones staged with one ``git add``;
4. ``MERGE_HEAD``/``MERGE_MSG``/``MERGE_MODE`` are written as git writes them,
   so ``git commit``, ``git status`` and ``git merge --abort`` see an
   ordinary merge in progress; the phase becomes ``stopped``.

The merge driver (``store/team/merge.py``) stays registered for plain ``git pull``.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from store.errors import AccordError
from store.git.repo import git_error_line
from store.team.merge import Conflict, merge_lines, merge_texts

STATE_NAME = "accord-sync"
BESIDE = ".theirs"  # the other side's unreadable version, next to the file


class MergeFailed(AccordError):
    """git could not start the merge (exit 1: the command ran)."""
    exit_code = 1


# --- state ----------------------------------------------------------------------

def state_path(ws) -> Path:
    return ws.git.git_dir / STATE_NAME


def load_state(ws) -> dict:
    try:
        return json.loads(state_path(ws).read_text("utf-8"))
    except (OSError, ValueError):
        return {}


def save_state(ws, state: dict) -> None:
    from store.workspace import atomic_write
    atomic_write(state_path(ws), json.dumps(state, ensure_ascii=False, indent=1)
                 .encode("utf-8"))


def clear_state(ws) -> None:
    for rel in load_state(ws).get("beside", []):
        (ws.root / rel).unlink(missing_ok=True)
    state_path(ws).unlink(missing_ok=True)


def interrupted(ws) -> str | None:
    """A one-line problem when a sync was killed while writing its merge."""
    if not ws.git.sync_interrupted():
        return None
    from store.messages import Problem
    return Problem("sync-interrupted")


# --- reading the stages -------------------------------------------------------------

def unmerged(ws) -> dict[str, dict[int, str]]:
    """{path: {stage: blob id}} of the unmerged index entries."""
    return ws.git.unmerged()


def stage_texts(ws, entries: dict[str, dict[int, str]]) -> dict[str, tuple]:
    """{path: (base, ours, theirs)} as text (None: absent on that side; a
    version that is not UTF-8 reads with replacement characters), all
    read through one ``git cat-file --batch``."""
    shas = [sha for stages in entries.values() for sha in stages.values()]
    with ws.git.blob_reader() as reader:
        blobs = reader.get_many(shas)

    def text(sha):
        data = blobs.get(sha) if sha else None
        return None if data is None else data.decode("utf-8", "replace")
    return {rel: tuple(text(stages.get(i)) for i in (1, 2, 3))
            for rel, stages in entries.items()}


def is_record_path(rel: str) -> bool:
    return rel.startswith("projects/") and rel.endswith(".toml")


# --- the merge ----------------------------------------------------------------------

def _write(path: Path, data: bytes) -> None:
    """Write through a temp file and a rename, without fsync (as git writes
    the work tree in a merge: until it is committed, every version is kept
    in the index stages, so a crash loses nothing)."""
    import os
    from store.workspace import TMP_MARK
    if path.is_symlink():
        raise AccordError(code="symlink-refused", path=str(path))
    tmp = path.with_name(f".{path.name}{TMP_MARK}merge")  # we hold the lock
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def merge_tree(ws, base: str | None, theirs: str, label: str, state: dict) -> None:
    """Merge ``theirs`` into the work tree and index (see the module
    docstring).  ``state`` (remote, branch, renumbered, ...) is saved with
    the phase.  Raises :class:`MergeFailed` with git's own line when git
    refuses to start (e.g. an untracked file would be overwritten)."""
    head = ws.git.head()
    state = dict(state, phase="merging", theirs=theirs, orig_head=head,
                 resolved={}, beside=[])
    save_state(ws, state)
    bases = ws.git.merge_bases("HEAD", theirs)
    if len(bases) > 1:
        return _merge_criss_cross(ws, theirs, label, state)
    p = ws.git.read_tree_merge(base or ws.git.empty_tree(), theirs)
    if p.returncode != 0:
        ws.git.reset_merge()
        clear_state(ws)
        raise MergeFailed(code="merge-failed", label=label,
                          err=git_error_line(p.stderr, 'git read-tree failed'))
    entries = unmerged(ws)
    texts = stage_texts(ws, entries)
    stage, markers = [], []
    for rel, (b, o, t) in texts.items():
        path = ws.root / rel
        ws._check_path(path)
        if is_record_path(rel):
            result = merge_texts(b, o, t, rel)
            current = path.read_bytes() if path.exists() else None
            if o is not None and current != result.text.encode("utf-8"):
                _write(path, result.text.encode("utf-8"))
            if result.clean:
                if o is None:
                    path.unlink(missing_ok=True)
                stage.append(rel)
            elif t is not None and any(c.type == "parse" for c in result.conflicts):
                _write(path.with_name(path.name + BESIDE), t.encode("utf-8"))
                state["beside"].append(rel + BESIDE)
        elif b is not None and o is not None and t is not None:
            lines = merge_lines(b, o, t)
            if lines is None:
                markers.append(rel)
            else:
                _write(path, lines.encode("utf-8"))
                stage.append(rel)
    if stage:
        ws.git.add_all(stage)
    for rel in markers:  # conflict markers, as git would write them
        ws.git.checkout_conflict(rel)
    g = ws.git.git_dir
    (g / "ORIG_HEAD").write_text(head + "\n")
    (g / "MERGE_MSG").write_text(f"Merge {label}\n", "utf-8")
    (g / "MERGE_MODE").write_text("no-ff")
    (g / "MERGE_HEAD").write_text(theirs + "\n")
    state["phase"] = "stopped"
    save_state(ws, state)


def _merge_criss_cross(ws, theirs: str, label: str, state: dict) -> None:
    """Several merge bases (the two sides merged each other before): a
    single base could take a change back silently, so git's own merge
    builds the common ancestor, with the merge driver for each record file
    changed on both sides (a process per file; this is rare)."""
    from store.git import setup as gitsetup
    p = ws.git.merge_no_commit(theirs, f"Merge {label}",
                               {"merge.accord.driver": gitsetup.driver_command(),
                                "merge.accord.name": gitsetup.DRIVER_NAME})
    if not (ws.git.git_dir / "MERGE_HEAD").exists():
        ws.git.reset_merge()
        clear_state(ws)
        raise MergeFailed(code="merge-failed", label=label,
                          err=git_error_line(p.stderr or p.stdout, 'git merge failed'))
    state["phase"] = "stopped"
    save_state(ws, state)


def abort(ws) -> None:
    """Put the work tree and index back as they were before the merge (a
    stopped one, or one a killed sync left half-written)."""
    p = ws.git.reset_merge()
    if p.returncode != 0:
        raise MergeFailed(code="merge-undo-failed",
                          err=git_error_line(p.stderr, 'git reset --merge failed'))
    for name in ("MERGE_HEAD", "MERGE_MSG", "MERGE_MODE"):
        (ws.git.git_dir / name).unlink(missing_ok=True)
    clear_state(ws)


def record_conflicts(ws, settled: dict) -> list[Conflict]:
    """The open conflicts of the unmerged files (``settled``: {path: {field:
    choice}} already decided)."""
    entries = unmerged(ws)
    out: list[Conflict] = []
    texts = stage_texts(ws, {r: s for r, s in entries.items() if is_record_path(r)})
    for rel in sorted(entries):
        if rel not in texts:
            out.append(Conflict(rel, "*", type="text",
                                note="conflicting changes outside the records: edit "
                                     f"the file, then `git add {rel}`"))
            continue
        b, o, t = texts[rel]
        done = settled.get(rel, {})
        out += [c for c in merge_texts(b, o, t, rel).conflicts if c.field not in done]
    return out


# --- baselines of the same name made in two clones ------------------------------------

_CLOBBER = re.compile(r"^\s*!\s*\[rejected\]\s+(\S+)\s+->\s+(\S+)\s+\(would clobber existing tag\)")


def clashing_tags(stderr: str) -> list[str] | None:
    """The tags a ``git fetch --tags`` refused because a tag of that name
    already exists here, pointing elsewhere; None when the fetch failed for
    any other reason too."""
    tags, other = [], False
    for line in (stderr or "").splitlines():
        m = _CLOBBER.match(line)
        if m:
            tags.append(m.group(2))
        elif line.lower().startswith(("fatal:", "error:")) or "[rejected]" in line:
            other = True
    return None if other or not tags else tags


def rename_baselines(ws, tags: list[str]) -> list[str]:
    """Give our baseline under each of ``tags`` (``accord/<slug>/<name>``)
    the first free name ``<name>-2``, ``<name>-3``, …, keeping its commit,
    note and date, so the other clone's baseline of that name can arrive.
    Returns one line per baseline renamed."""
    lines = []
    for tag in tags:
        parts = tag.split("/")
        if len(parts) != 3 or parts[0] != "accord":
            continue
        slug, name = parts[1], parts[2]
        ours = ws.git.baseline(slug, name)
        if ours is None:
            continue
        n = 2
        while ws.git.baseline(slug, f"{name}-{n}"):
            n += 1
        new = f"{name}-{n}"
        message = ours.message.rstrip("\n")
        if message == f"baseline {name} of {slug}":
            message = f"baseline {new} of {slug}"
        ws.git.tag(f"accord/{slug}/{new}", message, ours.commit,
                   date=f"{ours.date} {ours.zone}")
        ws.git.delete_tag(tag)
        lines.append(f"baseline {name} of {slug} was also made in another clone: "
                     f"yours is now {new} (theirs keeps {name})")
    return lines
