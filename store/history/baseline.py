"""The project's records at a revision, baselines (tags) and what changed
since one."""
from __future__ import annotations

from store.model import ids
from store.model.records import diff_fields
from store.history.events import record_of_path, title_of
from store.history.reader import Versions


def records_at(ws, project: str, rev: str) -> dict:
    """{id: (kind name, data or None, problem or None, blob id)} of the
    project's records at ``rev``, plus ``"project"`` for project.toml.  One
    ls-tree, one cat-file."""
    tree = ws.git.tree_blobs(rev, f"projects/{project}/")
    wanted = {}
    for path, blob in sorted(tree.items()):
        where = record_of_path(path)
        if where is not None and where[0] == project:
            wanted[where[2]] = (where[1], blob)
    out = {}
    with Versions(ws.git) as versions:
        versions.fetch([blob for _, blob in wanted.values()])
        for rid, (kind, blob) in wanted.items():
            data, problem = versions.parsed(blob)
            out[rid] = (kind, data, problem, blob)
    return out


def baseline_tag(project: str, name: str) -> str:
    return f"accord/{project}/{name}"


def resolve_baseline(ws, project: str, name: str) -> str:
    """The commit of baseline ``name`` (or of any revision given instead)."""
    from store.errors import InvalidValue
    sha = None
    if ids.SLUG_RE.match(name or ""):
        sha = ws.git.rev_parse(f"refs/tags/{baseline_tag(project, name)}")
    if sha is None:
        known = [t.split("/", 2)[2] for t in ws.git.tags(f"accord/{project}/*")]
        raise InvalidValue(
            f"no baseline {name!r} in project {project}: "
            + (f"baselines are {', '.join(known)}" if known else
               "take one with `accord baseline NAME`"))
    return sha


def baseline_diff(ws, project: str, name: str, rev: str = "HEAD") -> dict:
    """Field-level changes of the project's records between baseline
    ``name`` and ``rev`` (default HEAD, not the work tree), in the shape of
    ``accord diff --format json``."""
    from store.model.records import signoff_state
    from store.model.schema import KINDS
    base = resolve_baseline(ws, project, name)
    before = records_at(ws, project, base)
    after = records_at(ws, project, rev)
    out = []
    for rid in sorted(set(before) | set(after), key=_record_sort):
        b = before.get(rid)
        a = after.get(rid)
        if b and a and b[3] == a[3]:
            continue
        kind = (a or b)[0]
        bdata = b[1] if b else None
        adata = a[1] if a else None
        change = "added" if b is None else "removed" if a is None else "changed"
        fields = diff_fields(bdata, adata, as_json=True)
        if change == "changed" and not fields and not (a[2] or b[2]):
            continue
        k = KINDS.get(kind)
        entry = {"id": rid, "kind": kind,
                 "title": title_of(kind, adata) or title_of(kind, bdata),
                 "change": change,
                 "signoff": signoff_state(k, adata) if (k and adata) else "none",
                 "fields": fields}
        problem = (a and a[2]) or (b and b[2])
        if problem:
            entry["problem"] = problem
        out.append(entry)
    return {"project": project, "baseline": name, "commit": base,
            "records": out}


def _record_sort(rid: str):
    if rid == "project":
        return ("", 0)
    return ids.sort_key(rid)
