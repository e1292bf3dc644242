"""Work spread over the machine's cores by forked processes.

``fork_map(fn, items)`` is ``list(map(fn, items))``, computed by a pool of processes forked
from this one when there are enough items, more than one core and ``fork`` (Linux): the
workers inherit everything loaded so far (dictionaries, rules, indexes built just before
the call), so only the items and the results travel between processes.  Results come back
in the order of the items, so the output is the same whatever the number of processes.

``WORKERS`` caps the number of processes (None: one per core; 1: never fork), set by
``casebook convert --workers``.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")

WORKERS: int | None = None
MAX_WORKERS = 8


def cpus() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def workers() -> int:
    n = cpus() if WORKERS is None else WORKERS
    return max(1, min(n, MAX_WORKERS))


def can_fork() -> bool:
    return workers() > 1 and "fork" in multiprocessing.get_all_start_methods()


def fork_imap(fn: Callable[[T], R], items: list[T], min_items: int = 2, chunksize: int | None = None) -> Iterator[R]:
    """``map(fn, items)``, lazily, by forked workers when there are ``min_items`` or more."""
    if len(items) < max(2, min_items) or not can_fork():
        yield from map(fn, items)
        return
    n = workers()
    size = chunksize or max(1, min(64, len(items) // (8 * n)))
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as ex:
        yield from ex.map(fn, items, chunksize=size)


def fork_map(fn: Callable[[T], R], items: Iterable[T], min_items: int = 2, chunksize: int | None = None) -> list[R]:
    return list(fork_imap(fn, list(items), min_items, chunksize))


def ranges(n: int, parts: int) -> list[range]:
    """0..n cut into about ``parts`` consecutive ranges (at least one item each)."""
    step = max(1, -(-n // max(1, parts)))
    return [range(i, min(n, i + step)) for i in range(0, n, step)]


@contextlib.contextmanager
def limited(n: int | None):
    """``WORKERS = n`` inside the block (unchanged when n is None)."""
    global WORKERS
    before = WORKERS
    if n is not None:
        WORKERS = n
    try:
        yield
    finally:
        WORKERS = before
