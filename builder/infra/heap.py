"""The data a build keeps alive, out of the cyclic garbage collector's scans.

A build holds a few million long-lived objects (the language model, the gazetteer, every
article's extraction, the corpus). CPython's collector scans all of them again at each of
its full collections, which the build's own allocations keep triggering: at 1,000
articles a one-seed rebuild spent 4.4 of 26 s of CPU there (``gc.callbacks``, measured),
for almost no garbage. ``gc.freeze`` moves what is alive now out of those scans; objects
made later are collected as before, and a frozen object whose count of references falls
to zero is still freed at once. Only garbage in cycles among frozen objects waits, until
the next build starts (``settle(fresh=True)``), which matters for ``mkdocs serve``.
"""

from __future__ import annotations

import gc
import threading


def settle(*, fresh: bool = False) -> None:
    """Keep every object alive now out of later collections; ``fresh`` first frees what
    an earlier build in this process left (call it where a build starts)."""
    if fresh:
        gc.unfreeze()
        gc.collect()
    gc.freeze()


class LateCollection:
    """``mkdocs serve``: the last build's garbage freed a moment after a build is served,
    while the reader looks at the page, not when the next edit's build starts.

    ``settle(fresh=True)`` scans the whole heap, which ``serve`` keeps large (the corpus,
    kept pages and search shards held between rebuilds): about 0.9 s at 1,000 articles,
    every rebuild, before anything else. ``later`` runs it on a timer thread instead;
    ``claim`` (as a build starts) stops a pending one and says whether it ran since the
    last build, so that build need not scan again.
    """

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._pending = self._done = False

    def later(self) -> None:
        """Collect after ``delay`` seconds, unless a build claims it first."""
        with self._lock:
            self._pending = True
        self._timer = threading.Timer(self.delay, self._collect)
        self._timer.daemon = True
        self._timer.start()

    def _collect(self) -> None:
        with self._lock:
            if self._pending:  # not claimed meanwhile by a build that started
                self._pending = False
                settle(fresh=True)
                self._done = True

    def claim(self) -> bool:
        """Whether the heap was collected since the last build; a pending collection is
        called off, a running one waited for."""
        if self._timer is not None:
            self._timer.cancel()
        with self._lock:
            done, self._pending, self._done = self._done, False, False
        return done
