"""store.procs: the forked second process and the queue the two share."""
from __future__ import annotations

import os

import pytest

from store import procs


def test_two_processes_take_every_item_exactly_once(tmp_path):
    queue = procs.WorkQueue(200)
    out = tmp_path / "child.txt"

    def child():
        got = []
        for i in queue:
            got.append(i)
            os.sched_yield()  # let the other process take some
        out.write_text(" ".join(map(str, got)))
    finish = procs.in_child(child)
    mine = []
    for i in queue:
        mine.append(i)
        os.sched_yield()
    assert finish() is True
    theirs = [int(x) for x in out.read_text().split()]
    assert sorted(mine + theirs) == list(range(200))
    assert mine == sorted(mine) and theirs == sorted(theirs)  # taken in order


def test_an_empty_queue_and_one_iterated_alone():
    assert list(procs.WorkQueue(0)) == []
    assert list(procs.WorkQueue(5)) == [0, 1, 2, 3, 4]
    with pytest.raises(ValueError):
        procs.WorkQueue(256)


def test_a_failing_child_is_reported():
    def child():
        raise RuntimeError("boom")
    assert procs.in_child(child)() is False


def test_shared_ints_are_seen_by_both_sides_of_a_fork():
    nums = procs.SharedInts(2)
    nums[1] = 7
    pid = os.fork()
    if pid == 0:  # the child: reads the parent's number, writes its own
        nums[0] = nums[1] * 6 if nums[1] == 7 else -1
        os._exit(0)
    os.waitpid(pid, 0)
    assert (nums[0], nums[1]) == (42, 7)
    nums[0] = -2 ** 63  # the whole range of a signed 8-byte number
    assert nums[0] == -2 ** 63


def test_a_child_s_messages_arrive_in_order_until_it_ends():
    messages = procs.Messages()

    def child():
        messages.child_side()
        for i in range(3000):  # more than a pipe holds: sent as they are read
            messages.send(f"段 {i}".encode())
    finish = procs.in_child(child)
    messages.parent_side()
    got = [line.decode() for line in messages.received()]
    assert finish() is True and messages.ended
    assert got == [f"段 {i}" for i in range(3000)]
    assert list(messages.received()) == []


def test_a_child_s_send_fails_once_this_process_stops_listening():
    messages = procs.Messages()

    def child():
        messages.child_side()
        while True:  # ends by the failed send, never by blocking
            messages.send(b"x" * 100)
    finish = procs.in_child(child)
    messages.parent_side()
    assert next(iter(messages.received())) == b"x" * 100
    messages.close()
    assert finish() is False
