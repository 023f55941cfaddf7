"""The extraction cache: each article's result on disk, keyed by its text and by the
extraction code and data, so a rebuild re-extracts only what changed."""

from __future__ import annotations

import hashlib
import logging
import pickle
from collections.abc import Callable, Iterable
from functools import cache, partial
from pathlib import Path

from builder import __version__
from builder.extract.cluster import Executor, extract_on_cluster
from builder.extract.extractor import ExtractorInfo, load_extractor
from builder.extract.parallel import PARALLEL_MIN_ARTICLES, extract_in_order, worker_count
from builder.infra.cache import fingerprint
from builder.infra.data import KIND_MODEL_FILE
from builder.infra.files import atomic_write
from builder.infra.parallel import in_forks
from builder.infra.warm import gc_paused
from builder.model import Article, ExtractedArticle, Progress

log = logging.getLogger(__name__)

PACKAGE = Path(__file__).parent.parent
#: Extraction on this machine's process pool.
LOCAL = Executor()


def extract_all(
    articles: list[Article],
    prefer: str,
    cache_dir: Path | None,
    progress: Progress,
    executor: Executor = LOCAL,
) -> tuple[list[ExtractedArticle], str]:
    """Extract every article, reusing cached results for articles whose text is unchanged;
    the rest on this machine's process pool or on a Dask cluster (``executor``)."""
    keys = {a.id: _cache_key(a, prefer) for a in articles}
    kept = {a.id for a in articles if cache_dir and (cache_dir / f"{keys[a.id]}.pickle").exists()}
    new = [a for a in articles if a.id not in kept]
    jobs: list[Callable[[], tuple[dict[str, ExtractedArticle], ExtractorInfo | None]]] = [
        partial(_read_all, cache_dir, keys, kept)
    ]
    # A few changed articles (a rebuild after an edit) are extracted in a fork while
    # this process reads the cache: the build's own process never holds the model (125
    # MB less for the render's forks at 1,000 articles), and its import and load overlap
    # the reading. Many go to the pool below, which reports and caches as it goes.
    few = 0 < len(new) < PARALLEL_MIN_ARTICLES and worker_count(len(new)) <= 1
    if few and executor.kind == "local":
        jobs.append(partial(_extract_here, new, prefer))
    results: dict[str, ExtractedArticle] = {}
    ran: ExtractorInfo | None = None
    for found, info in in_forks(jobs):
        results.update(found)
        ran = info or ran
    used = ran.name if ran else prefer
    for article in new:
        if cache_dir is not None and article.id in results:
            _write_cache(cache_dir, keys[article.id], results[article.id])
    todo = [a for a in articles if a.id not in results]
    if todo:
        used = _extract_rest(todo, prefer, keys, cache_dir, progress, executor, results)
    elif not new:
        progress(f"extract: all {len(articles)} articles from cache")
    elif ran is not None:
        progress(f"extract: {len(new)} of {len(articles)} articles with {ran.detail} (1 process)")
    if cache_dir is not None:
        _prune_cache(cache_dir, set(keys.values()))
    return [results[a.id] for a in articles], used


def _read_all(
    cache_dir: Path | None, keys: dict[str, str], ids: set[str]
) -> tuple[dict[str, ExtractedArticle], None]:
    """The cached results of ``ids`` that could be read (a damaged file is left out);
    no pipeline, as none ran."""
    found = {}
    if cache_dir is not None:
        with gc_paused():
            for article_id in sorted(ids):
                cached = _read_cache(cache_dir, keys[article_id])
                if cached is not None:
                    found[article_id] = cached
    return found, None


def _extract_here(
    articles: list[Article], prefer: str
) -> tuple[dict[str, ExtractedArticle], ExtractorInfo]:
    """``articles`` extracted in this process, and the pipeline that did it."""
    with gc_paused():  # a one-off heap of model objects, like the cache's
        extractor = load_extractor(prefer)
    # One at a time, as ``extract_one`` does in the pool: the same results either way.
    return {a.id: extractor.extract(a) for a in articles}, extractor.info


def _extract_rest(
    todo: list[Article],
    prefer: str,
    keys: dict[str, str],
    cache_dir: Path | None,
    progress: Progress,
    executor: Executor,
    results: dict[str, ExtractedArticle],
) -> str:
    """Extract ``todo`` into ``results`` (and the cache) on the process pool or on Dask;
    returns the pipeline's name."""
    with gc_paused():  # a one-off heap of model objects, like the cache's
        extractor = load_extractor(prefer)
    used = extractor.info.name
    if executor.kind == "dask":
        where = executor.scheduler or "a local Dask cluster"
        progress(f"extract: {len(todo)} articles on {where}")
        done_all: Iterable[ExtractedArticle] = extract_on_cluster(todo, used, executor)
    else:
        workers = worker_count(len(todo))
        progress(
            f"extract: {len(todo)} articles with {extractor.info.detail}"
            f" ({workers} process{'es' if workers > 1 else ''})"
        )
        done_all = extract_in_order(todo, used, workers)
    step = max(1, len(todo) // 10)
    for done, (article, result) in enumerate(zip(todo, done_all, strict=True), 1):
        results[article.id] = result
        if cache_dir is not None:
            _write_cache(cache_dir, keys[article.id], result)
        if done % step == 0 and len(todo) >= 50:
            progress(f"extract: {done}/{len(todo)}")
    return used


@cache
def extraction_fingerprint() -> str:
    """What extraction results depend on besides the article: its code and its data."""
    return fingerprint(
        __version__,
        PACKAGE / "extract",
        PACKAGE / "text",
        PACKAGE / "ingest",  # the datelines, credits and caption days extraction reads
        PACKAGE / "model.py",  # the shapes of the pickled results
        PACKAGE / "gazetteer.py",
        PACKAGE / "data",
        ignore={PACKAGE / "data" / KIND_MODEL_FILE.name},  # resolve's alone
    )


def _cache_key(article: Article, prefer: str) -> str:
    # The dataclasses' repr names every field and value, like asdict but 10x faster.
    payload = repr((extraction_fingerprint(), prefer, article)).encode()
    return hashlib.sha256(payload).hexdigest()


def _read_cache(cache_dir: Path, key: str) -> ExtractedArticle | None:
    path = cache_dir / f"{key}.pickle"
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        return None


def _prune_cache(cache_dir: Path, keep: set[str]) -> None:
    """Remove results no article of this build uses: older texts, older builder versions.

    Without it the folder grows with every edit and every upgrade (and CI restores it).
    """
    for path in cache_dir.glob("*"):
        if path.suffix in (".pickle", ".tmp") and path.stem not in keep:
            path.unlink(missing_ok=True)


def _write_cache(cache_dir: Path, key: str, value: ExtractedArticle) -> None:
    """Atomic, and never fatal: a folder that cannot be written costs the next build time."""
    try:
        atomic_write(cache_dir / f"{key}.pickle", pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
    except OSError as error:
        log.warning("extract: cannot cache %s in %s (%s)", key, cache_dir, error)
