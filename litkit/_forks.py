"""A pure-Python loop over many items on every core: the items split in parts, parts after the first in forks.

Parsing and keying the distinct cited references of 100,000 records (80,000 strings, 1.3 s of Python) is one
loop that holds the GIL, while the machine's other cores idle.  :func:`map_parts` runs it on each core in a
``fork`` of this process (which shares the corpus already in memory, copy-on-write) and joins the parts in
order, so the result is the list the loop gives in one process, item for item.

Forks are used only where they are safe and pay: on Linux, from the main thread, with more than one core
available, for at least ``min_items`` items, and never inside a fork.  ``$LITKIT_WORKERS`` caps the processes (``1``: none forked).
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

T = TypeVar("T")

#: Fewer items than this are done in this process: a fork and the transfer of its results back cost tens of ms.
MIN_ITEMS = 20_000

_IN_FORK = False  # set in a child: a fork never forks again


def map_parts(function: Callable[[Sequence], list[T]], items: Sequence, *, min_items: int | None = None) -> list[T]:
    """``function(items)``, computed in parts on every core: ``function`` maps a sequence to one result per item.

    Parameters
    ----------
    function : callable
        Takes a slice of ``items`` and returns a list with one result per item of the slice, each
        depending on its item alone (so that the parts joined equal ``function(items)``).  Results must
        pickle: those of the forks come back through a pipe.
    items : sequence
    min_items : int, optional
        Below this many items everything is done in this process (default :data:`MIN_ITEMS`).

    Returns
    -------
    list
        ``function(items)``, the parts joined in order.

    Raises
    ------
    Exception
        What ``function`` raised in this process or in a fork (the fork's exception, when it pickles).

    Examples
    --------
    >>> map_parts(lambda part: [len(s) for s in part], ["a", "bb", "ccc"])
    [1, 2, 3]
    """
    workers = min(_workers(), len(items))
    if workers < 2 or len(items) < (MIN_ITEMS if min_items is None else min_items):
        return list(function(items))
    bounds = [len(items) * i // workers for i in range(workers + 1)]
    children = []
    try:
        for start, end in zip(bounds[1:-1], bounds[2:]):
            child = start_child(partial(function, items[start:end]))
            if child is None:  # no fork possible: the rest here
                return [*function(items[: bounds[1]]), *_join(children), *function(items[start:])]
            children.append(child)
        first = function(items[: bounds[1]])
        return [*first, *_join(children)]
    finally:
        for pid, read_end in children:  # an error above: no child left behind
            _reap(pid, read_end)


def _workers() -> int:
    import threading

    # Only the main thread forks: a Dask worker runs tasks in threads (its cluster already has a process
    # per core), and a fork copies one thread of a process whose other threads may hold locks.
    if _IN_FORK or not hasattr(os, "fork") or not sys.platform.startswith("linux"):
        return 1
    if threading.current_thread() is not threading.main_thread():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    cap = os.environ.get("LITKIT_WORKERS", "").strip()
    return max(1, min(cores, int(cap))) if cap else cores


def start_child(task: Callable[[], Any]) -> tuple[int, int] | None:
    """Fork a child that runs ``task()`` and sends back its outcome; ``(pid, pipe's read end)``, None if fork fails.

    The child writes ``pickle((True, result))``, or ``(False, exception)`` (the exception's text when it
    does not pickle), and leaves with ``os._exit`` (status 1 after an exception), never running the
    parent's exit handlers.  :func:`child_outcome` reads it.  Used by :func:`map_parts` and by
    :func:`litkit.plot.style.background_saving`.
    """
    import gc

    global _IN_FORK
    read_end, write_end = os.pipe()
    try:
        pid = fork_quietly()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:  # the child: compute, send, and leave without running the parent's exit handlers
        code = 0
        try:
            _IN_FORK = True
            os.close(read_end)
            gc.disable()  # a collection would touch (and so copy) every object of the parent
            try:
                message = pickle.dumps((True, task()), protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException as exc:  # noqa: BLE001 - every failure goes back to the parent
                code = 1
                try:  # loaded here too: some exception classes pickle but cannot be rebuilt
                    message = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
                    pickle.loads(message)
                except BaseException:  # noqa: BLE001 - an exception that does not pickle: its text
                    message = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(message)
        finally:
            os._exit(code)
    os.close(write_end)
    return pid, read_end


def child_outcome(pid: int, read_end: int) -> tuple[bool, Any] | None:
    """``(ok, result or exception or its text)`` of a :func:`start_child` child, its pipe read to the end and the
    child reaped; None when it ended without sending anything (killed, or out of memory)."""
    with os.fdopen(read_end, "rb") as pipe:
        data = pipe.read()
    os.waitpid(pid, 0)
    return pickle.loads(data) if data else None


def fork_quietly() -> int:
    """``os.fork()`` without Python 3.12's DeprecationWarning about forking a process that has threads.

    The warning is about a child that takes a lock another thread held at the fork; litkit's children
    (here and :func:`litkit.plot.style.background_saving`) run their own Python code and leave with
    ``os._exit``, and the threads of a Jupyter kernel or of Arrow's pool would make every call warn.
    """
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r".*fork\(\) may lead to deadlocks", category=DeprecationWarning)
        return os.fork()


def _join(children: list[tuple[int, int]]) -> list:
    """The children's results in order (each child's pipe read to its end, the child reaped)."""
    out: list[Any] = []
    while children:
        outcome = child_outcome(*children.pop(0))
        if outcome is None:
            raise RuntimeError("a worker process ended without a result (killed, or out of memory?)")
        ok, value = outcome
        if not ok:
            raise value if isinstance(value, BaseException) else RuntimeError(value)
        out.extend(value)
    return out


def _reap(pid: int, read_end: int) -> None:
    try:
        os.close(read_end)
    except OSError:
        pass
    try:
        os.kill(pid, 9)
        os.waitpid(pid, 0)
    except (OSError, ChildProcessError):
        pass
