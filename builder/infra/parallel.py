"""A process pool that keeps results in input order; the one place that picks fork or spawn."""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


#: Starts the name of a thread that only makes system calls (deleting a folder): it holds
#: no lock a forked child could wait on, so a fork beside it is safe.
_SYSCALLS_ONLY = "syscalls only: "


def syscalls_thread(target: Callable[[], object], name: str) -> threading.Thread:
    """A daemon thread for work that is only system calls; forking stays allowed."""
    return threading.Thread(target=target, name=_SYSCALLS_ONLY + name, daemon=True)


def can_fork() -> bool:
    """Whether this process may fork: no thread runs but this one and system-call threads.

    A child inherits the locks other threads hold at that moment and would wait on them
    forever (``mkdocs serve`` loads the language model in a thread meanwhile).
    """
    here = threading.current_thread()
    return hasattr(os, "fork") and all(
        thread is here or thread.name.startswith(_SYSCALLS_ONLY) for thread in threading.enumerate()
    )


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
    # fork is cheap and inherits what the parent loaded; where forking is unsafe, the
    # workers pay for fresh interpreters instead.
    method = "fork" if can_fork() else "spawn"
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


def in_forks(jobs: Sequence[Callable[[], R]]) -> list[R]:
    """Each job's result, in order: all but the first in forked children, the first here.

    For work on data already in memory (the corpus a render reads): a fork shares it
    without pickling, and only the results come back. Where forking is unsafe (a
    process with threads: ``mkdocs serve``) or a child fails, the jobs run here.
    """
    if len(jobs) <= 1 or not can_fork():
        return [job() for job in jobs]
    context = multiprocessing.get_context("fork")
    for stream in (sys.stdout, sys.stderr):  # or a child would print the parent's buffer too
        stream.flush()
    children = []
    for job in jobs[1:]:
        receiving, sending = context.Pipe(duplex=False)
        child = context.Process(target=_send_result, args=(job, sending, os.getpid()))
        child.start()
        sending.close()
        children.append((child, receiving, job))
    results = [jobs[0]()]
    for child, receiving, job in children:
        try:
            results.append(receiving.recv())
        except EOFError:  # the child died before sending: do its share here
            results.append(job())
        finally:
            receiving.close()
            child.join()
    return results


def _send_result(
    job: Callable[[], R], sending: multiprocessing.connection.Connection, parent: int
) -> None:
    die_with_parent(parent)
    sending.send(job())
    sending.close()
