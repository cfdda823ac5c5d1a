"""Plain-git helpers for the terminal app and the demo replayer.

``commit_by_hand`` commits a file the way a person using vim and plain git
would (no Accord trailers), so scripted histories can contain hand edits.
``record_patch_log`` is the raw ``git log -p`` of one record, used by the
history screen (and as its fallback when store/history.py is not available).
The app itself never runs git: it calls these.
"""
from __future__ import annotations

from .workspace import Workspace, atomic_write


def commit_by_hand(ws: Workspace, rel: str, text: str, message: str) -> str:
    """Write ``rel`` and commit exactly it with ``message`` and no trailers."""
    ws._ensure_writable()
    path = ws.root / rel
    ws._check_path(path)
    with ws._locked():
        ws.git.check_writable()
        atomic_write(path, text.encode("utf-8"))
        ws.git.run("add", "--", rel)
        ws.git.run("commit", "-q", "--only", "--cleanup=verbatim", "-F", "-",
                   "--", rel, input=message if message.endswith("\n")
                   else message + "\n")
        return ws.git.out("rev-parse", "HEAD").strip()


def record_patch_log(ws: Workspace, project: str, rid: str,
                     limit: int = 200) -> str:
    """``git log -p`` of one record's file (newest first), as text."""
    rel = ws.rel(ws.record_path(project, rid))
    p = ws.git.run("log", f"-n{limit}", "-p", "--no-color",
                   "--format=commit %H%nAuthor: %an <%ae>%nDate:   %aI%n%n%B",
                   "--", rel, check=False)
    return p.stdout
