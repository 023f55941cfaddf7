"""A process pool that keeps results in input order; the one place that picks fork or spawn."""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def configured_workers() -> int | None:
    """``$NEWS_EXPLORER_WORKERS`` when it is a positive number, else None."""
    configured = os.environ.get("NEWS_EXPLORER_WORKERS", "")
    return int(configured) if configured.isdigit() and int(configured) > 0 else None


def cores() -> int:
    """CPUs this process may use, or ``$NEWS_EXPLORER_WORKERS`` when set."""
    configured = configured_workers()
    if configured is not None:
        return configured
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def map_in_order(
    function: Callable[..., R], items: Sequence[T], workers: int, *extra: object
) -> Iterator[R]:
    """``function(item, *extra)`` for each item, in order, over ``workers`` processes.

    ``function`` must be a module-level function (it is pickled by name).
    """
    if workers <= 1:
        for item in items:
            yield function(item, *extra)
        return
    # fork is cheap and inherits what the parent loaded; a process with threads
    # (mkdocs serve) must not fork, so it pays for fresh interpreters instead.
    method = "fork" if threading.active_count() == 1 else "spawn"
    context = multiprocessing.get_context(method)
    chunk = max(1, min(8, len(items) // (workers * 8)))
    columns = [repeat(value) for value in extra]
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(function, items, *columns, chunksize=chunk)


#: prctl(2) option: the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Worker initializer: on Linux the kernel kills this worker when the build that
    started it dies, even by ``kill -9`` (workers left behind held hundreds of MB each
    and ignored SIGTERM); elsewhere a no-op."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # it died before the line above took effect
        os._exit(1)
