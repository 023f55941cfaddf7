"""The one atomic file write: readers (parallel builds, workers, ``mkdocs serve``) never
see half a file, and a crash leaves the old file or the new one."""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import glob
import os
import shutil
import stat
import subprocess
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from builder.infra.parallel import can_fork, die_with_parent, syscalls_thread


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


@dataclass(frozen=True)
class Known:
    """A file's bytes known by their sha256 only, made by ``produce`` when needed: the
    builder's render keeps most pages from build to build, and the staging step needs
    their bytes only when the staged copy is not the one it wrote last."""

    digest: str
    produce: Callable[[], bytes] = field(compare=False)


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


#: renameat2(2) flag: swap two paths in one step (Linux 3.15+, glibc 2.28+).
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def replace_folder(new: Path, target: Path, old: Path | None = None) -> None:
    """Put the folder ``new`` at ``target``: the old folder or the new one is there at
    every moment, whatever kills the process (two renames left neither for an instant,
    and a kill there lost the site and the next change report's baseline).

    The replaced folder is deleted, or moved to ``old`` for ``remove_in_background`` to
    delete while the next build works (deleting 10,000 pages takes seconds).
    """
    if not target.exists():
        os.replace(new, target)
        return
    if _exchange(new, target):  # the old folder is now at ``new``
        if old is not None and not old.exists():
            os.replace(new, old)
        else:
            shutil.rmtree(new, ignore_errors=True)
        return
    aside = target.with_name(f".{target.name}.old")  # no renameat2: the best we can do
    shutil.rmtree(aside, ignore_errors=True)
    target.rename(aside)
    new.rename(target)
    if old is not None and not old.exists():
        os.replace(aside, old)
    else:
        shutil.rmtree(aside, ignore_errors=True)


class Removal:
    """A folder being deleted: by ``rm`` in a child process where there is one, else in a
    thread. ``join`` waits for it."""

    def __init__(self, paths: list[Path]) -> None:
        self._process: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        rm = shutil.which("rm")
        if rm is not None:
            # A process, not a thread: a thread's ``shutil.rmtree`` needs the GIL between
            # its 20,000 system calls, so it starved while the builder computed and was
            # still deleting, on the same disk, when MkDocs linked 8,000 pages into the
            # new site (those links took 2-7 s instead of 1-2); in ``mkdocs serve`` it
            # was half of each rebuild's time. Where threads run (``serve``), no Python
            # code may run in the child before ``rm``: there it may outlive this process,
            # which only finishes the deletion.
            parent = os.getpid()
            self._process = subprocess.Popen(
                [rm, "-rf", "--", *map(str, paths)],
                stdin=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # as ``ignore_errors``: the next build retries
                preexec_fn=(lambda: _die_with(parent)) if can_fork() else None,
            )
            return

        def remove() -> None:
            for path in paths:
                shutil.rmtree(path, ignore_errors=True)

        self._thread = syscalls_thread(remove, f"remove {paths[0].name}")
        self._thread.start()

    def join(self) -> None:
        """Wait until the folder is gone (or the deletion gave up: the next build retries)."""
        if self._process is not None:
            self._process.wait()
        if self._thread is not None:
            self._thread.join()


def _die_with(parent: int) -> None:
    """In the deleting child before ``rm`` starts: die with the build like extraction's
    workers (a half-deleted folder is removed by the next build). Not niced: a niced
    ``rm`` starved on a busy machine and still deleted while MkDocs wrote the site."""
    die_with_parent(parent)


def empty_in_background(folder: Path) -> Removal | None:
    """Empty ``folder`` as MkDocs' own clean does (hidden entries stay), beside this process.

    Its entries are moved at once into a hidden sibling, which ``remove_in_background``
    deletes: MkDocs' clean deleted a served site's 18,000 files before each rebuild began
    (17 s of a one-seed rebuild at 1,000 articles). What cannot be moved stays for
    MkDocs' clean to delete, as before.
    """
    try:
        entries = sorted(e.name for e in os.scandir(folder) if not e.name.startswith("."))
    except OSError:  # no folder yet
        return None
    prefix = f".{folder.name}.emptied"
    if entries:
        try:
            aside = Path(tempfile.mkdtemp(prefix=f"{prefix}.", dir=folder.parent))
            for name in entries:
                os.replace(folder / name, aside / name)
        except OSError:
            pass
    return remove_in_background(folder.with_name(prefix))


def remove_in_background(folder: Path) -> Removal | None:
    """Delete ``folder`` (and what a killed deletion left of it) beside this process.

    Renamed first, so its name is free at once; join the removal before the process ends.
    """
    doomed = sorted(folder.parent.glob(f"{glob.escape(folder.name)}*"))
    aside = []
    for path in doomed:
        target = path.with_name(f"{folder.name}.{os.getpid()}.{len(aside)}")
        with contextlib.suppress(OSError):
            os.replace(path, target)
            aside.append(target)
    if not aside:
        return None
    return Removal(aside)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with Linux's renameat2; False where it is missing."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if result == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EXDEV):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(b))


@contextlib.contextmanager
def waiting(lock: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold an exclusive lock on ``lock``, waiting for it; ``on_wait`` runs once first
    when another process holds it. The kernel releases it when the process dies."""
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class Busy(Exception):
    """Another process holds the lock."""


@contextlib.contextmanager
def exclusive(lock: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``lock`` (created if needed) or raise ``Busy`` at once.

    The kernel releases it when the process dies, however it dies.
    """
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as error:
            raise Busy(str(lock)) from error
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def place_file(
    kept: Path, target: Path, *, link: bool = True, there: tuple[int, int] | None = None
) -> None:
    """Put a kept file at ``target``: a hard link (no bytes copied), else a copy.

    A link shares the kept file's content: only for targets nothing writes in place
    (kept files themselves are replaced whole, by ``atomic_write``). The target's folder
    is made, and a file already there removed, only when the first try finds them so:
    most targets are new files in a folder the file before made (a system call fewer
    for each of 16,000 files at 1,000 articles). ``there`` is the (device, inode) of the
    file at ``target`` when the caller knows it from a walk of the folder: a link to the
    kept file already there then costs one ``stat`` of the kept file, not three calls.
    """
    if link and there is not None:
        try:
            found = os.stat(kept)
        except OSError:
            found = None
        if found is not None and (found.st_dev, found.st_ino) == there:
            return  # this very file is there already (an inode in use is never reused)
    if not link:  # the file there may be a link to a kept file: never copy into it
        target.unlink(missing_ok=True)
    try:
        _place(kept, target, link=link)
    except FileNotFoundError:
        target.parent.mkdir(parents=True, exist_ok=True)
        _place(kept, target, link=link)
    except FileExistsError:
        if link and os.path.samefile(kept, target):  # ``serve``'s site, written in place
            return
        target.unlink()
        _place(kept, target, link=link)


def _place(kept: Path, target: Path, *, link: bool) -> None:
    if link:
        try:
            os.link(kept, target)
            return
        except (FileNotFoundError, FileExistsError):
            raise
        except OSError:  # another file system, or links not allowed
            target.unlink(missing_ok=True)
    shutil.copyfile(kept, target)
