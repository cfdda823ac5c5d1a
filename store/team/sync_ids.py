"""Ids taken on both sides: our new records whose id the other side has (or
used) are renumbered before the merge, in one ``renumber`` commit that also
rewrites every reference to them."""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from store.model import codec, ids
from store.model.schema import (BY_FOLDER, ID, IDS, LIST, LONGTEXT, PROJECT_FIELDS,
                                TABLE, TABLES, TEXT, Kind)

RECORD_RE = re.compile(r"^projects/([a-z0-9][a-z0-9-]*)/([a-z]+)/([A-Z]{2,4}-[1-9][0-9]*)\.toml$")


def _id_fields(fields) -> list:
    return [f for f in fields if f.type in (ID, IDS, TABLE, TABLES)]


def _rewrite(fields, data: dict, mapping: dict, prefix: str = "") -> dict:
    """{dotted name: new value} for id-valued fields holding a renamed id."""
    changes = {}
    for f in _id_fields(fields):
        v = data.get(f.name)
        name = prefix + f.name
        if f.type == ID and isinstance(v, str) and v in mapping:
            changes[name] = mapping[v]
        elif f.type == IDS and isinstance(v, list) and any(x in mapping for x in v):
            changes[name] = [mapping.get(x, x) if isinstance(x, str) else x for x in v]
        elif f.type == TABLE and isinstance(v, dict):
            changes.update(_rewrite(f.fields, v, mapping, name + "."))
        elif f.type == TABLES and isinstance(v, list):
            rows, hit = [], False
            for row in v:
                if isinstance(row, dict):
                    sub = _rewrite(f.fields, row, mapping)
                    if sub:
                        hit = True
                        row = dict(row)
                        for k, x in sub.items():
                            row[k] = x
                rows.append(row)
            if hit:
                changes[name] = rows
    return changes


def _mentions(fields, data: dict, mapping: dict, prefix: str = "") -> list[tuple[str, str]]:
    """(field, old id) for free-text fields that mention a renamed id."""
    out = []
    for f in fields:
        v = data.get(f.name)
        name = prefix + f.name
        texts = []
        if f.type in (TEXT, LONGTEXT) and isinstance(v, str):
            texts = [v]
        elif f.type == LIST and isinstance(v, list):
            texts = [x for x in v if isinstance(x, str)]
        elif f.type == ID and f.free_text_ok and isinstance(v, str) and v not in mapping:
            texts = [v]
        elif f.type == TABLE and isinstance(v, dict):
            out += _mentions(f.fields, v, mapping, name + ".")
        for old in mapping:
            pat = re.compile(r"(?<![A-Za-z0-9-])" + re.escape(old) + r"(?![0-9])")
            if any(pat.search(t) for t in texts):
                out.append((name, old))
    return out


def find_collisions(ws, theirs: str, base: str | None) -> dict[str, dict[str, str]]:
    """{project: {old id: new id}} for our records created since ``base``
    whose id exists on ``theirs`` (or was used and deleted there)."""
    ours_paths = ws.git.tree_paths("HEAD", "projects")
    theirs_paths = ws.git.tree_paths(theirs, "projects")
    if base:
        new_ours = ws.git.added_paths(base, "HEAD", "projects")
        used_theirs = theirs_paths | set(ws.git.deleted_paths([f"{base}..{theirs}"],
                                                              "projects"))
    else:  # unrelated histories: every record of ours is new
        new_ours = set(ours_paths)
        used_theirs = set(theirs_paths)
    collide = []
    for rel in sorted(new_ours & used_theirs, key=lambda r: ids.sort_key(PurePosixPath(r).stem)):
        m = RECORD_RE.match(rel)
        if not m or m.group(2) not in BY_FOLDER:
            continue
        if rel in theirs_paths and ws.git.show_bytes("HEAD", rel) == ws.git.show_bytes(theirs, rel):
            continue  # the very same record on both sides
        collide.append((m.group(1), BY_FOLDER[m.group(2)], m.group(3), rel))
    if not collide:
        return {}
    # the highest number ever used in each folder, on either side
    every = ours_paths | theirs_paths | set(ws.git.deleted_paths(["HEAD", theirs],
                                                                 "projects"))
    highest: dict[tuple[str, str], int] = {}
    for rel in every:
        m = RECORD_RE.match(rel)
        if m and m.group(2) in BY_FOLDER:
            n = ids.number_of_file(PurePosixPath(rel).name, BY_FOLDER[m.group(2)])
            if n:
                key = (m.group(1), m.group(2))
                highest[key] = max(highest.get(key, 0), n)
    out: dict[str, dict[str, str]] = {}
    for slug, kind, old, _rel in collide:
        key = (slug, kind.folder)
        highest[key] = highest.get(key, 0) + 1
        out.setdefault(slug, {})[old] = ids.make_id(kind, highest[key])
    return out


def renumber(ws, slug: str, mapping: dict[str, str], reason: str = "") -> tuple[str, list[str]]:
    """Rename our records ``mapping`` (old id -> new id) in project ``slug``,
    rewrite every reference in id-valued fields, and commit it all as one
    ``renumber`` commit (trailers ``Accord-Action: renumber`` and one
    ``Accord-Record: <new id>`` per renamed record).  Returns (commit,
    warnings about free-text mentions of the old ids)."""
    ws._ensure_writable()
    pdir = ws.project_dir(slug)
    writes: dict[str, str | None] = {}
    warnings: list[str] = []
    rewritten: list[str] = []
    with ws._locked():
        ws.git.check_writable()
        # records: renamed ones and every one that refers to them
        for kind_dir in sorted(p for p in pdir.iterdir() if p.is_dir() and p.name in BY_FOLDER):
            kind: Kind = BY_FOLDER[kind_dir.name]
            for path in sorted(kind_dir.glob("*.toml")):
                if ids.number_of_file(path.name, kind) is None or path.is_symlink():
                    continue
                rel = ws.rel(path)
                rid = path.stem
                text = path.read_bytes().decode("utf-8")
                try:
                    data = codec.parse(text)
                except codec.TOMLDecodeError:
                    warnings.append(f"{rel}: not valid TOML, its references were "
                                    f"not checked for {', '.join(mapping)}")
                    continue
                changes = _rewrite(kind.fields, data, mapping)
                new_text = codec.edit_document(text, changes) if changes else text
                new_id = mapping.get(rid, rid)
                if changes:
                    rewritten.append(f"{new_id} ({', '.join(changes)})")
                for fname, old in _mentions(kind.fields, data, mapping):
                    warnings.append(f"{new_id} {fname}: mentions {old} in its text, "
                                    f"which is now {mapping[old]}; check it")
                if rid in mapping:
                    new_rel = ws.rel(kind_dir / f"{new_id}.toml")
                    writes[rel] = None
                    writes[new_rel] = new_text
                elif new_text != text:
                    writes[rel] = new_text
        proj = pdir / "project.toml"
        if proj.is_file():
            text = proj.read_text("utf-8")
            try:
                changes = _rewrite(PROJECT_FIELDS, codec.parse(text), mapping)
            except codec.TOMLDecodeError:
                changes = {}
            if changes:
                writes[ws.rel(proj)] = codec.edit_document(text, changes)
                rewritten.append(f"project.toml ({', '.join(changes)})")
        olds = ", ".join(f"{a} -> {b}" for a, b in mapping.items())
        subject = f"{slug}: renumber {olds}" + (f" ({reason})" if reason else "")
        body = [f'id: "{a}" -> "{b}"' for a, b in mapping.items()]
        if rewritten:
            body.append("references rewritten in " + "; ".join(rewritten))
        trailers = [f"Accord-Project: {slug}", "Accord-Action: renumber"]
        trailers += [f"Accord-Record: {b}" for b in mapping.values()]
        message = subject + "\n\n" + "\n".join(body) + "\n\n" + "\n".join(trailers) + "\n"
        commit = ws._commit_files(writes, subject, message=message)
    return commit, warnings
