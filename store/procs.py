"""A second process for work that would leave a core idle.

The command line reads long histories and cold record folders in a forked
child as well as in its own process (two cores, and no interpreter lock
shared between them), and the app's first scan of a project's files runs
in one while Textual imports.  A child hands its results over through
Accord's caches under ``.git/accord/``, naming each part through a pipe
as soon as it is written (``Messages``: a history child its event
segments, a record-load child its folder caches; the scan sends its small
answer through a pipe of its own); the two processes share their work
through a ``WorkQueue`` and, where one must tell the other where to stop,
``SharedInts``.

A one-shot command (``tui.cli.run``) also ends by ``os._exit``, without
freeing what it built; ``outlive`` lets it skip the freeing before its
answer is printed as well.
"""
from __future__ import annotations

import mmap
import os
import struct
import sys
import threading


def may_fork() -> bool:
    """Whether forking is safe here: a single thread and no running event
    loop (the command line; never the app, whose threads and loop a fork
    would copy half-way)."""
    if not hasattr(os, "fork") or threading.active_count() != 1:
        return False
    aio = sys.modules.get("asyncio")
    if aio is not None:
        try:
            aio.get_running_loop()
            return False
        except RuntimeError:
            pass
    return True


def in_child(work):
    """Run ``work()`` in a forked child (call only when ``may_fork()``);
    returns a function that waits for the child and says whether ``work``
    finished without an exception.  The child leaves by ``os._exit``: no
    flush of buffers it shares with this process, no atexit handlers."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (its results are tested)
        code = 1
        try:
            work()
            code = 0
        finally:
            os._exit(code)
    done: list = []

    def finish() -> bool:
        if not done:
            _, status = os.waitpid(pid, 0)
            done.append(os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0)
        return done[0]
    return finish


class WorkQueue:
    """Items 0..n-1 that the two processes of a later fork take from, each
    item exactly once: a pipe holding one byte per item (a read of one byte
    is atomic, and the write end is closed, so an empty queue reads as its
    end).  Iterating takes items until none is left, then closes this
    process's end."""

    def __init__(self, n: int):
        if not 0 <= n < 256:
            raise ValueError("a WorkQueue holds at most 255 items")
        self._r, w = os.pipe()
        try:
            os.write(w, bytes(range(n)))  # far below the pipe's buffer
        finally:
            os.close(w)

    def __iter__(self):
        try:
            while b := os.read(self._r, 1):
                yield b[0]
        finally:
            os.close(self._r)


class Messages:
    """Short messages a forked child sends this process while it works: a
    pipe made before the fork.  The child calls ``child_side()`` first,
    then ``send`` (one line under PIPE_BUF: one write, never split or
    interleaved); this process calls ``parent_side()`` right after
    forking, then takes the lines with ``received`` as they come, until
    the child has ended (its end of the pipe closes with it)."""

    def __init__(self):
        self._r, self._w = os.pipe()
        self._rest, self.ended = b"", False  # a part of a line; the child's end

    def child_side(self) -> None:
        """(in the child) Only this process reads: once it stops, a send
        fails at once instead of waiting."""
        os.close(self._r)

    def send(self, line: bytes) -> None:
        """(in the child) One message, without a newline in it."""
        os.write(self._w, line + b"\n")

    def parent_side(self) -> None:
        """(here, after the fork) Only the child writes from now on."""
        os.close(self._w)

    def received(self, block: bool = True):
        """The messages that arrived, in order; with ``block``, all of them
        up to the child's end, else only those there now."""
        if self.ended:
            return
        os.set_blocking(self._r, block)
        while True:
            try:
                chunk = os.read(self._r, 4096)
            except BlockingIOError:
                return
            if not chunk:
                self.close()
                return
            *lines, self._rest = (self._rest + chunk).split(b"\n")
            yield from lines

    def close(self) -> None:
        """Stop listening (the child's sends then fail; it ends)."""
        if not self.ended:
            os.close(self._r)
            self.ended = True


class SharedInts:
    """A few integers both processes of a later fork read and write (one
    anonymous shared page; an aligned 8-byte store is never seen half
    done).  Each number has one writer."""

    def __init__(self, n: int):
        self._m = mmap.mmap(-1, 8 * n)  # MAP_SHARED: the fork shares it

    def __getitem__(self, i: int) -> int:
        return struct.unpack_from("q", self._m, 8 * i)[0]

    def __setitem__(self, i: int, value: int) -> None:
        struct.pack_into("q", self._m, 8 * i, value)


# --- a one-shot process ---------------------------------------------------------

_kept: list = []
_one_shot = False


def one_shot(on: bool) -> None:
    """Say whether this process runs a one-shot command, which ends by
    ``os._exit`` (tui.cli).  Lets go of what an earlier command kept (tests
    run many commands in one process)."""
    global _one_shot
    _one_shot = on
    _kept.clear()


def outlive(*objs) -> None:
    """Keep ``objs`` until the process exits, in a one-shot command.  A
    report dropped when its function returns is freed object by object
    before the answer is printed: 0.04 s for the 8,000 records of a short
    summary, 0.3 s for a whole-history summary's 10^6 objects, which the
    exit never needs freed.  Elsewhere (the app) it does nothing."""
    if _one_shot:
        _kept.extend(objs)
