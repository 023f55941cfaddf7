"""Rendered documents kept on disk between builds, keyed by everything they are made of.

A place map takes Folium ~10 ms, and a corpus of 1,000 articles has 1,600 of them, yet
one changed seed changes a few. Each document is stored under a hash of its inputs
(``value_digest``: dataclasses of plain values, so equal inputs give equal bytes) and of
the code and library versions that draw it; a build keeps the documents it used and removes
the rest, so the folder never outgrows one site's worth. ``PickleCache`` keeps objects
the same way (a file's parse, a search shard).
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TYPE_CHECKING, Any

import msgspec

from builder.infra.files import atomic_write

if TYPE_CHECKING:
    from collections.abc import Collection

#: Kept documents this process also holds in memory, by folder and key, for caches made
#: with ``remember=True`` while ``hold_in_memory(True)`` is in force: ``mkdocs serve``
#: builds again and again in one process, and reading its 8,000 kept pages back from
#: disk and unpickling them was 7 s of each rebuild at 1,000 articles. Keys are digests
#: of the inputs, so a document held is never stale; ``prune`` lets go of the unused.
_HELD: dict[Path, dict[str, Any]] | None = None


def hold_in_memory(enabled: bool) -> None:
    """Hold kept documents in memory from now on, for this process's next builds; or not
    (and let go of those held)."""
    global _HELD
    if not enabled:
        _HELD = None
    elif _HELD is None:
        _HELD = {}


class RenderCache:
    """Text documents in ``folder`` by input; ``folder=None`` keeps nothing.

    ``remember``: the documents are never changed once made (text, tuples of text),
    so this process may hand the same object to its next build (``hold_in_memory``).
    """

    SUFFIX = ".html"

    def __init__(self, folder: Path | None, fingerprint: str, *, remember: bool = False) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.used: set[str] = set()
        self.hits = 0
        self.held = (
            _HELD.setdefault(folder, {}) if remember and folder and _HELD is not None else None
        )

    def key(self, inputs: object) -> str:
        return value_digest(self.fingerprint, inputs)

    def get(self, key: str) -> Any:
        """The kept document, or None."""
        self.used.add(key)
        if self.folder is None:
            return None
        if self.held is not None and key in self.held:
            self.hits += 1
            return self.held[key]
        try:
            value = self._decode((self.folder / f"{key}{self.SUFFIX}").read_bytes())
        except (OSError, ValueError, EOFError, AttributeError, TypeError, pickle.PickleError):
            return None  # none yet, or written by another version: make it again
        self.hits += 1
        if self.held is not None:
            self.held[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        """Keep a document; a folder that cannot be written only costs the next build time."""
        self.used.add(key)
        if self.folder is None:
            return
        if self.held is not None:
            self.held[key] = value
        try:
            atomic_write(self.folder / f"{key}{self.SUFFIX}", self._encode(value))
        except OSError:
            return

    @staticmethod
    def _encode(text: Any) -> bytes:
        return text.encode("utf-8")

    @staticmethod
    def _decode(data: bytes) -> Any:
        return data.decode("utf-8")

    def prune(self) -> int:
        """Remove what this build did not use; returns how many."""
        if self.held is not None:
            for key in self.held.keys() - self.used:
                del self.held[key]
        if self.folder is None or not self.folder.is_dir():
            return 0
        removed = 0
        for path in self.folder.iterdir():
            if path.name.endswith(".tmp") or (
                path.suffix == self.SUFFIX and path.stem not in self.used
            ):
                path.unlink(missing_ok=True)
                removed += 1
        return removed


class PickleCache(RenderCache):
    """Objects in ``folder`` by input, pickled; ``folder=None`` keeps nothing."""

    SUFFIX = ".pickle"

    @staticmethod
    def _encode(value: Any) -> bytes:
        return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def _decode(data: bytes) -> Any:
        return pickle.loads(data)


def _encode_other(value: object) -> object:
    return repr(value)  # what MessagePack has no type for (a Path, a Counter's subclass...)


#: MessagePack of plain values and dataclasses (fields in order, dicts in insertion
#: order). Checked: ``repr`` of the same records was 2-3 times slower, ``pickle`` varies
#: with which equal strings happen to be one object, ``orjson`` has no tuples as keys.
_ENCODER = msgspec.msgpack.Encoder(enc_hook=_encode_other)


def value_digest(*values: object) -> str:
    """sha256 of plain values, dataclasses of them, and containers of both: the one key
    of a record or of a kept document's inputs. No sets: their order varies by process."""
    return hashlib.sha256(_ENCODER.encode(values)).hexdigest()


def digest(*parts: str | Path) -> str:
    """sha256 of strings and of files' contents."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part.encode()
        digest.update(data)
        digest.update(b"\0")
    return digest.hexdigest()


def fingerprint(*parts: str | Path, ignore: Collection[Path] = ()) -> str:
    """sha256 of strings, files and whole folders: the one way code and data are keyed.

    A folder counts with every file under it (but ``__pycache__`` and the files in
    ``ignore``), by relative path and content, so adding, removing, moving or editing a
    module changes the fingerprint; lists of file names did not, and served stale
    results after a file moved.
    """
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, Path) and part.is_dir():
            files = sorted(
                p
                for p in part.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p not in ignore
            )
            for path in files:
                digest.update(path.relative_to(part).as_posix().encode() + b"\0")
                digest.update(path.read_bytes() + b"\0")
        elif isinstance(part, Path):
            digest.update(part.name.encode() + b"\0" + part.read_bytes() + b"\0")
        else:
            digest.update(part.encode() + b"\0")
    return digest.hexdigest()
