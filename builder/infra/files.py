"""The one atomic file write: readers (parallel builds, workers, ``mkdocs serve``) never
see half a file, and a crash leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import os
import stat
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


class Unreadable(Exception):
    """Why a file is not read, in words fit for a one-line problem report."""

    def __init__(self, reason: str, severity: str = "warning") -> None:
        super().__init__(reason)
        self.reason = reason
        self.severity = severity


def read_inside(path: Path, root: Path, limit: int | None = None, *, where: str = "") -> bytes:
    """The bytes of a regular file that lies under ``root`` (at most ``limit`` + 1 of
    them, so the caller can tell it was longer); ``Unreadable`` says why not.

    Never opens what could block or leak: a named pipe would hang the build on open(),
    a device never ends, and a link out of ``root`` (``where`` names it) could publish
    any file of the machine.
    """
    try:
        if path.is_symlink() and not path.resolve().is_relative_to(root.resolve()):
            raise Unreadable(f"link pointing outside {where or 'the project'}: skipped")
        if not stat.S_ISREG(path.stat().st_mode):
            kind = "a folder" if path.is_dir() else "named pipe, socket or device"
            raise Unreadable(f"not a regular file ({kind}): skipped")
        with path.open("rb") as handle:
            return handle.read() if limit is None else handle.read(limit + 1)
    except FileNotFoundError as error:
        gone = "link to a file that does not exist" if path.is_symlink() else "file vanished"
        raise Unreadable(f"cannot read: {gone}", "error") from error
    except RuntimeError as error:  # resolve() on a link loop
        raise Unreadable("cannot read: link loop", "error") from error
    except OSError as error:  # permissions, I/O errors; the message names no absolute path
        raise Unreadable(f"cannot read: {error.strerror or error}", "error") from error
