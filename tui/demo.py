"""The demo: replay the sample scenario (tui/demo_scenario.toml) into a fresh
workspace through the store API, one commit per step, with each step's
author and date; then open the app on it.

Replaying takes seconds (hundreds of git processes), so the result is kept
as a bare repository in the user's cache,
``~/.cache/accord/demo-<hash of the scenario and store source>.git`` (built
once, atomically), and each ``accord demo`` clones it into a fresh temporary
folder.  The commits are deterministic (fixed authors and dates), so the
clone has exactly the commits a fresh replay makes.

    python -m tui.demo                       open the app on a fresh copy
    python -m tui.demo --write-sample DIR    write DIR/projects/<slug>/ (the
                                             final state, as committed in
                                             this repository's projects/)
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import shutil
import sys
import tempfile
from pathlib import Path

from store.model import codec
from store.model.schema import DATE, PROJECT_FIELDS, TABLE, TABLES, Field, kind_named
from store.model.ids import parse_id
from store.workspace import Workspace

SCENARIO = Path(__file__).with_name("demo_scenario.toml")


@functools.cache
def scenario() -> dict:
    """The sample project's scenario (tui/demo_scenario.toml): [workspace],
    [project], [authors] and the [[steps]] replayed one commit each."""
    import tomllib
    with open(SCENARIO, "rb") as fh:
        return tomllib.load(fh)


def project_slug() -> str:
    return scenario()["workspace"]["project"]

DEMO_TODAY = dt.date(2026, 11, 27)
def _as(who: str, at: str):
    """The git author/committer and dates of one step."""
    from store.git.plain import dated
    author = tuple(scenario()["authors"][who])
    return dated(at, author=author, committer=author)


def _typed(f: Field | None, v):
    """Turn the scenario's "YYYY-MM-DD" strings into dates where the schema
    says date, recursively through tables."""
    if f is None or v is None:
        return v
    if f.type == DATE and isinstance(v, str):
        return dt.date.fromisoformat(v)
    if f.type == TABLE and isinstance(v, dict):
        return {k: _typed(f.sub(k), x) for k, x in v.items()}
    if f.type == TABLES and isinstance(v, list):
        return [{k: _typed(f.sub(k), x) for k, x in row.items()} for row in v]
    return v


def _fields(kind, fields: dict | None) -> dict:
    return {k: _typed(kind.field(k), v) for k, v in (fields or {}).items()}


def _project_fields(data: dict) -> dict:
    by = {f.name: f for f in PROJECT_FIELDS}
    return {k: _typed(by.get(k), v) for k, v in data.items()}


def _apply(ws: Workspace, slug: str, step: dict) -> None:
    from store.git import plain as plaingit
    op = step["op"]
    why = step.get("why")
    if op == "create":
        kind = kind_named(step["kind"])
        ws.create(slug, kind, _fields(kind, step["fields"]), why=why)
    elif op == "set":
        kind, _ = parse_id(step["id"])
        ws.update(slug, step["id"], _fields(kind, step["fields"]), why=why)
    elif op == "move":
        kind, _ = parse_id(step["id"])
        ws.move(slug, step["id"], step["status"],
                _fields(kind, step.get("fields")), why=why)
    elif op == "confirm":
        on = step.get("on")
        ws.confirm(slug, step["id"], by=step["sign_by"], via=step["via"],
                   on=dt.date.fromisoformat(on) if on else None, why=why)
    elif op == "hand-edit":
        kind, _ = parse_id(step["id"])
        path = ws.record_path(slug, step["id"])
        old = path.read_text("utf-8")
        new = codec.edit_document(old, _fields(kind, step["fields"]),
                                  Workspace._multiline_keys(kind))
        plaingit.commit_by_hand(ws, ws.rel(path), new, step["message"])
    elif op == "delete":
        ws.delete(slug, step["id"], why=why)
    elif op == "baseline":
        ws.baseline(slug, step["name"], step.get("note"))
    elif op == "project":
        ws.update_project(slug, _project_fields(step["fields"]), why=why)
    else:  # pragma: no cover - the scenario's test refuses these
        raise ValueError(f"unknown demo step {op!r}")


def build_demo(dest: Path, progress=None) -> Workspace:
    """Replay the scenario into ``dest`` (created; must not be a workspace
    yet) and return the workspace.  ``progress(done, total)`` is called
    after each step."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    sc = scenario()
    steps, slug = sc["steps"], project_slug()
    first = steps[0]
    start = first["at"][:10] + "T09:00:00" + first["at"][19:]
    with _as(first["by"], start):
        ws = Workspace.init(dest, name=sc["workspace"]["name"],
                            language=sc["workspace"]["language"])
        data = dict(sc["project"])
        name, client = data.pop("name"), data.pop("client")
        ws.new_project(slug, name, client, _project_fields(data))
    total = len(steps)
    for i, step in enumerate(steps, 1):
        with _as(step["by"], step["at"]):
            _apply(ws, slug, step)
        if progress:
            progress(i, total)
    return ws


def demo_key() -> str:
    """Names the cached demo: a hash of everything that decides its commits
    (the scenario, this replayer, the store's source)."""
    root = Path(__file__).resolve().parent.parent
    files = [root / "tui" / "demo_scenario.toml", root / "tui" / "demo.py",
             *sorted((root / "store").rglob("*.py"))]
    h = hashlib.sha256()
    for f in files:
        h.update(f.relative_to(root).as_posix().encode() + b"\0")
        try:
            h.update(f.read_bytes())
        except OSError:
            pass
        h.update(b"\0")
    return h.hexdigest()[:16]


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(
        os.path.expanduser("~"), ".cache")
    return Path(base) / "accord"


def cached_demo(cache: Path | None = None, progress=None) -> Path:
    """The bare repository of the replayed demo in ``cache`` (default
    ``cache_dir()``), built first when missing: replayed in a private
    folder and renamed into place, so a reader never sees half of it and
    two first runs at once both end with one good copy.  Older copies
    (another hash) are removed."""
    from store.git.plain import bare_copy
    cache = Path(cache) if cache is not None else cache_dir()
    repo = cache / f"demo-{demo_key()}.git"
    if (repo / "HEAD").is_file():
        return repo
    cache.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".build-", dir=cache))
    try:
        ws = build_demo(work / "ws", progress)
        bare_copy(ws, work / "demo.git")
        try:
            os.rename(work / "demo.git", repo)
        except OSError:
            if not (repo / "HEAD").is_file():  # not a lost race: a real problem
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    for old in cache.glob("demo-*.git"):
        if old != repo:
            shutil.rmtree(old, ignore_errors=True)
    return repo


def demo_workspace(dest: Path, cache: Path | None = None, progress=None) -> Workspace:
    """A fresh demo workspace at ``dest``: a clone of the cached demo (built
    on first use), or a direct replay when the cache cannot be used."""
    from store.errors import AccordError
    from store.git.plain import clone_copy
    dest = Path(dest)
    try:
        repo = cached_demo(cache, progress)
        return clone_copy(repo, dest)
    except (OSError, AccordError):
        shutil.rmtree(dest, ignore_errors=True)
        return build_demo(dest, progress)


def write_sample(dest: Path) -> Path:
    """Write the scenario's final ``projects/<slug>/`` under ``dest``."""
    with tempfile.TemporaryDirectory(prefix="accord-sample-") as tmp:
        ws = build_demo(Path(tmp) / "ws")
        src = ws.project_dir(project_slug())
        out = Path(dest) / "projects" / project_slug()
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(src, out)
    return out


DEMO_IDENTITY = ("演示用户", "demo@accord.invalid")


def run_demo() -> int:
    """Build the demo in a fresh temporary directory and open the app on it.
    The copy is removed when the app ends, unless the tour committed or left
    something in it: then it stays, and the user is told where."""
    from tui.app import run_app
    tmp = Path(tempfile.mkdtemp(prefix="accord-demo-"))
    try:
        ws = demo_workspace(tmp / "demo", progress=_Progress(sys.stderr))
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    print(f"accord demo: a fresh copy of the sample project in {ws.root} "
          f"(removed when you quit, unless you change something)", file=sys.stderr)
    if ws.git.identity() is None:
        # a throwaway copy: saves in the tour work on a machine with no git
        # identity yet (a real workspace still refuses until one is set)
        ws.git.run("config", "--local", "user.name", DEMO_IDENTITY[0])
        ws.git.run("config", "--local", "user.email", DEMO_IDENTITY[1])
        print(f"accord demo: no git identity is set, so this copy commits as "
              f"{DEMO_IDENTITY[0]} <{DEMO_IDENTITY[1]}>", file=sys.stderr)
    start = ws.git.head()
    try:
        return run_app(ws, project_slug(), today=DEMO_TODAY)
    finally:
        _leave(ws, tmp, start)


def _leave(ws: Workspace, tmp: Path, start: str | None) -> None:
    """After the tour: remove the copy if it is as it was cloned; keep it,
    and say where, if anything was committed or changed in it."""
    from store.errors import AccordError
    try:
        changed = (ws.git.head() != start
                   or ws.git.out("status", "--porcelain", "--untracked-files=all") != "")
    except (AccordError, OSError):  # cannot tell: keep it rather than lose work
        changed = True
    if changed:
        print(f"accord demo: the copy with your changes stays in {ws.root} "
              f"(delete the folder {tmp} when you are done)", file=sys.stderr)
    else:
        shutil.rmtree(tmp, ignore_errors=True)


class _Progress:
    """Shown on stderr while the demo is replayed (the first run only): a
    counter redrawn in place on a terminal, a line every 20% otherwise."""

    def __init__(self, stream):
        self.stream = stream
        self.tty = getattr(stream, "isatty", lambda: False)()
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        if self.shown < 0:
            self.stream.write("accord demo: building the sample project once "
                              "(later runs reuse it)\n")
        pct = done * 100 // total
        if self.tty:
            self.stream.write(f"\r  step {done}/{total} ({pct}%)")
            if done == total:
                self.stream.write("\n")
        elif pct // 20 != self.shown // 20 or done == total:
            self.stream.write(f"  step {done}/{total} ({pct}%)\n")
        self.shown = pct
        self.stream.flush()


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--write-sample"] and len(argv) == 2:
        out = write_sample(Path(argv[1]))
        print(out)
        return 0
    if argv:
        print("usage: python -m tui.demo [--write-sample DIR]", file=sys.stderr)
        return 2
    return run_demo()


if __name__ == "__main__":
    raise SystemExit(main())
