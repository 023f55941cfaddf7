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


def settle(*, fresh: bool = False) -> None:
    """Keep every object alive now out of later collections; ``fresh`` first frees what
    an earlier build in this process left (call it where a build starts)."""
    if fresh:
        gc.unfreeze()
        gc.collect()
    gc.freeze()
