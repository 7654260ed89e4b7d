"""litkit._forks.map_parts: a loop split over forks gives the loop's result, item for item, and its errors."""

from __future__ import annotations

import os
import sys

import pandas.testing as pdt
import pytest

import litkit
import litkit._forks as forks
from litkit.refs import distinct_references

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forks are used on Linux only")


@pytest.fixture
def three_processes(monkeypatch):
    """Three processes whatever the machine has (the split is what is tested, not the speed)."""
    monkeypatch.setattr(forks, "_workers", lambda: 3)


def _pid_and_square(part):
    return [(os.getpid(), x * x) for x in part]


def test_parts_joined_in_order_and_computed_by_forks(three_processes):
    items = list(range(1000))
    out = forks.map_parts(_pid_and_square, items, min_items=10)
    assert [square for _, square in out] == [x * x for x in items]
    pids = [pid for pid, _ in out]
    assert pids[0] == os.getpid()  # the first part here
    assert len(set(pids)) == 3 and os.getpid() not in pids[-333:]  # the others in two other processes
    assert pids == sorted(pids, key=lambda p: pids.index(p))  # each process one contiguous part


def test_few_items_stay_in_this_process(three_processes):
    out = forks.map_parts(_pid_and_square, list(range(50)), min_items=100)
    assert {pid for pid, _ in out} == {os.getpid()}


def test_one_worker_when_asked(monkeypatch):
    monkeypatch.setenv("LITKIT_WORKERS", "1")
    out = forks.map_parts(_pid_and_square, list(range(100)), min_items=1)
    assert {pid for pid, _ in out} == {os.getpid()}


def _fails_on_last(part):
    if 999 in part:
        raise ValueError("item 999 is bad")
    return list(part)


class _Unpicklable(Exception):
    def __reduce__(self):
        raise TypeError("cannot pickle")


def _fails_unpicklably(part):
    if 999 in part:
        raise _Unpicklable("no way back")
    return list(part)


def test_an_error_in_a_fork_is_raised_here(three_processes):
    with pytest.raises(ValueError, match="item 999 is bad"):
        forks.map_parts(_fails_on_last, list(range(1000)), min_items=10)
    with pytest.raises(RuntimeError, match="_Unpicklable: no way back"):
        forks.map_parts(_fails_unpicklably, list(range(1000)), min_items=10)


def test_distinct_references_on_forks_equal_one_process(shared_corpora, monkeypatch):
    """Parsing and keying the distinct references of real exports (every parser) in three processes."""
    df = litkit.read(
        [shared_corpora / "wos-plaintext-environment", shared_corpora / "cnki-refworks" / "CNKI.txt"], progress=False
    ).df
    monkeypatch.setenv("LITKIT_WORKERS", "1")
    expected = distinct_references(df)
    monkeypatch.delenv("LITKIT_WORKERS")
    monkeypatch.setattr(forks, "_workers", lambda: 3)
    monkeypatch.setattr(forks, "MIN_ITEMS", 100)
    got = distinct_references(df)
    assert len(expected[1]) > 10_000
    for want, have in zip(expected, got):
        pdt.assert_frame_equal(have, want, check_exact=True)


def test_no_fork_from_another_thread(monkeypatch):
    """A Dask worker runs tasks in threads: there each part stays in the process."""
    import threading

    monkeypatch.delenv("LITKIT_WORKERS", raising=False)
    out = []
    thread = threading.Thread(
        target=lambda: out.extend(forks.map_parts(_pid_and_square, list(range(100)), min_items=1))
    )
    thread.start()
    thread.join()
    assert len(out) == 100 and {pid for pid, _ in out} == {os.getpid()}


def test_fork_quietly_hides_only_the_threads_warning(monkeypatch):
    """Python 3.12 warns at every fork of a process with threads (a Jupyter kernel, Arrow's pool): not shown."""
    import warnings

    def warning_fork(message):
        def fork():
            warnings.warn(message, DeprecationWarning, stacklevel=2)
            return 12345

        return fork

    threads = "This process (pid=1) is multi-threaded, use of fork() may lead to deadlocks in the child."
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        monkeypatch.setattr(os, "fork", warning_fork(threads))
        assert forks.fork_quietly() == 12345
        monkeypatch.setattr(os, "fork", warning_fork("something else"))
        forks.fork_quietly()
    assert [str(w.message) for w in caught] == ["something else"]


class _NotRebuilt(Exception):
    def __init__(self, a, b):  # pickles (args = one string), cannot be rebuilt from it
        super().__init__(f"{a} and {b}")


def _fails_unrebuildably(part):
    if 999 in part:
        raise _NotRebuilt("this", "that")
    return list(part)


def test_an_exception_that_cannot_be_rebuilt_comes_back_as_text(three_processes):
    with pytest.raises(RuntimeError, match="_NotRebuilt: this and that"):
        forks.map_parts(_fails_unrebuildably, list(range(1000)), min_items=10)
