"""Rendered documents kept on disk between builds, keyed by everything they are made of.

A place map takes Folium ~10 ms, and a corpus of 1,000 articles has 1,600 of them, yet
one changed seed changes a few. Each document is stored under a hash of its inputs'
``repr`` (frozen dataclasses of plain values, so equal inputs give equal text) and of the
code and library versions that draw it; a build keeps the documents it used and removes
the rest, so the folder never outgrows one site's worth.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


class RenderCache:
    """Text documents in ``folder`` by input; ``folder=None`` keeps nothing."""

    SUFFIX = ".html"

    def __init__(self, folder: Path | None, fingerprint: str) -> None:
        self.folder = folder
        self.fingerprint = fingerprint
        self.used: set[str] = set()
        self.hits = 0

    def key(self, inputs: object) -> str:
        return hashlib.sha256(f"{self.fingerprint}\0{inputs!r}".encode()).hexdigest()

    def get(self, key: str) -> str | None:
        """The kept document, or None."""
        self.used.add(key)
        if self.folder is None:
            return None
        try:
            text = (self.folder / f"{key}{self.SUFFIX}").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        self.hits += 1
        return text

    def put(self, key: str, text: str) -> None:
        """Keep a document; a folder that cannot be written only costs the next build time."""
        self.used.add(key)
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, tmp = tempfile.mkstemp(dir=self.folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            Path(tmp).replace(self.folder / f"{key}{self.SUFFIX}")
        except OSError:
            return

    def prune(self) -> int:
        """Remove what this build did not use; returns how many."""
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


def digest(*parts: str | Path) -> str:
    """sha256 of strings and of files' contents (source files, for a code fingerprint)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.read_bytes() if isinstance(part, Path) else part.encode()
        digest.update(data)
        digest.update(b"\0")
    return digest.hexdigest()
