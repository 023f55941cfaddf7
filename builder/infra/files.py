"""The one atomic file write: readers (parallel builds, workers, ``mkdocs serve``) never
see half a file, and a crash leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary name is unique per process and thread, so concurrent writers of the same
    path never share it; it ends in ``.tmp`` so cache pruning can find leftovers.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
