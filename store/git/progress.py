"""git's progress lines, for store.team.remote: with ``--progress`` git writes
"Receiving objects:  45% (123/300)" lines (ended by ``\\r`` while they
update) to stderr; they are read as they come and parsed by GitPython's
``RemoteProgress``, which tells a store.progress_note progress the stage
and counts.  GitPython is imported here only, and only when progress is
shown and git prints some: never on a timed path."""
from __future__ import annotations

import os
import re
import subprocess
import threading

from store import progress_note


def feeder(progress):
    """A function taking git's stderr line by line that tells ``progress``
    what the progress lines among them say, or None when no progress is
    asked for.  GitPython (its import takes a few hundred ms) is imported
    at the first line, in the thread that reads them, while git works: a
    fetch with nothing new prints no line and imports nothing.  Without
    GitPython the lines are read and nothing is told."""
    if progress is None or progress is progress_note.nothing:
        return None
    tell = progress_note.safe(progress)
    parser: list = []

    def feed(line: str) -> None:
        if not parser:
            parser.append(_parser(tell))
        if parser[0] is not None:
            parser[0](line)
    return feed


def _parser(tell):
    """GitPython's RemoteProgress parser telling ``tell``, or None."""
    try:
        from git import RemoteProgress  # only here: never on a timed path
    except ImportError:
        return None
    stages = {RemoteProgress.COUNTING: progress_note.COUNTING,
              RemoteProgress.COMPRESSING: progress_note.COMPRESSING,
              RemoteProgress.RECEIVING: progress_note.RECEIVING,
              RemoteProgress.RESOLVING: progress_note.RESOLVING,
              RemoteProgress.WRITING: progress_note.SENDING,
              RemoteProgress.CHECKING_OUT: progress_note.CHECKING_OUT}

    class Forward(RemoteProgress):
        def update(self, op_code, cur_count, max_count=None, message=""):
            stage = stages.get(op_code & RemoteProgress.OP_MASK)
            if stage is not None:
                tell(stage, int(cur_count or 0), int(max_count) if max_count else None)
    return Forward().new_message_handler()


def read_as_it_comes(proc: subprocess.Popen, timeout: float, feed) -> tuple[bytes, bytes]:
    """``proc.communicate(timeout=...)``, with stderr read as git writes it:
    each piece between two ``\\r`` or ``\\n`` goes to ``feed`` (a failing
    ``feed`` is left, never the reading: a full pipe would stop git)."""
    out: list[bytes] = []
    err: list[bytes] = []

    def read_out():
        out.append(proc.stdout.read())

    def read_err():
        pending, fed = b"", True
        while chunk := os.read(proc.stderr.fileno(), 1 << 16):
            err.append(chunk)
            if not fed:
                continue
            *lines, pending = re.split(rb"[\r\n]", pending + chunk)
            try:
                for line in lines:
                    if line.strip():
                        feed(line.decode("utf-8", "replace"))
            except Exception:  # GitPython's parser on a line it did not expect
                fed = False
    readers = [threading.Thread(target=f, daemon=True) for f in (read_out, read_err)]
    for r in readers:
        r.start()
    proc.wait(timeout=timeout)
    for r in readers:
        r.join()
    proc.stdout.close()
    proc.stderr.close()
    return b"".join(out), b"".join(err)
