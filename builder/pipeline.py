"""The stages in order: ingest, extract, resolve, events. No MkDocs here."""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
import time
from collections.abc import Callable
from functools import cache
from pathlib import Path

from builder import __version__
from builder.curate import Curator, load_curation
from builder.events import find_events
from builder.extract import load_extractor
from builder.extract_parallel import extract_in_order, worker_count
from builder.gazetteer import Gazetteer
from builder.ingest import ingest
from builder.model import Article, Corpus, ExtractedArticle
from builder.relations import find_relations
from builder.resolve import resolve
from builder.warm import gc_paused

log = logging.getLogger(__name__)

Progress = Callable[[str], None]


def run(
    seeds_dir: Path,
    *,
    extractor: str = "model",
    cache_dir: Path | None = None,
    progress: Progress = log.info,
    docs_dir: Path | None = None,
) -> Corpus:
    """Build the corpus from a seeds folder; ``cache_dir`` keeps extraction per article.

    ``docs_dir`` is the curated folder: contributors' corrections apply after resolve.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    ingested = ingest(seeds_dir)
    timings["ingest"] = time.perf_counter() - started
    progress(f"ingest: {len(ingested.articles)} articles, {len(ingested.problems)} notes")

    # Resolve needs the gazetteer even when every article comes from the cache, and
    # extraction (when it runs) shares it: a stage of its own, timed apart.
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    timings["gazetteer"] = time.perf_counter() - started

    started = time.perf_counter()
    extracted, used = extract_all(ingested.articles, extractor, cache_dir, progress)
    timings["extract"] = time.perf_counter() - started

    started = time.perf_counter()
    entities, quotes = resolve(ingested.articles, extracted, gazetteer)
    curator = Curator(load_curation(docs_dir))
    entities, quotes = curator.entities(entities, quotes)
    timings["resolve"] = time.perf_counter() - started

    started = time.perf_counter()
    events = find_events(ingested.articles, extracted, entities)
    events = curator.events(events)
    timings["events"] = time.perf_counter() - started
    started = time.perf_counter()
    relations = find_relations(ingested.articles, extracted, entities, events)
    timings["relations"] = time.perf_counter() - started
    progress(
        f"resolve: {len(entities)} entities, {len(quotes)} quotes, {len(events)} events "
        f"({', '.join(f'{k} {v:.2f}s' for k, v in timings.items())})"
    )
    return Corpus(
        articles=ingested.articles,
        entities=entities,
        events=events,
        quotes=quotes,
        sentences=[s for e in extracted for s in e.sentences],
        problems=ingested.problems + curator.problems,
        extractor=used,
        curation=curator.report(),
        timings=timings,
        relations=relations,
    )


def extract_all(
    articles: list[Article], prefer: str, cache_dir: Path | None, progress: Progress
) -> tuple[list[ExtractedArticle], str]:
    """Extract every article, reusing cached results for articles whose text is unchanged."""
    results: dict[str, ExtractedArticle] = {}
    keys = {a.id: _cache_key(a, prefer) for a in articles}
    if cache_dir is not None:
        with gc_paused():
            for article in articles:
                cached = _read_cache(cache_dir, keys[article.id])
                if cached is not None:
                    results[article.id] = cached
    todo = [a for a in articles if a.id not in results]
    used = prefer
    if todo:
        with gc_paused():  # a one-off heap of model objects, like the cache's
            extractor = load_extractor(prefer)
        used = extractor.info.name
        workers = worker_count(len(todo))
        progress(
            f"extract: {len(todo)} of {len(articles)} articles with {extractor.info.detail}"
            f" ({workers} process{'es' if workers > 1 else ''})"
        )
        step = max(1, len(todo) // 10)
        done_all = extract_in_order(todo, used, workers)
        for done, (article, result) in enumerate(zip(todo, done_all, strict=True), 1):
            results[article.id] = result
            if cache_dir is not None:
                _write_cache(cache_dir, keys[article.id], results[article.id])
            if done % step == 0 and len(todo) >= 50:
                progress(f"extract: {done}/{len(todo)}")
    else:
        progress(f"extract: all {len(articles)} articles from cache")
    if cache_dir is not None:
        _prune_cache(cache_dir, set(keys.values()))
    return [results[a.id] for a in articles], used


@cache
def extraction_fingerprint() -> str:
    """What extraction results depend on besides the article: its code and its data."""
    package = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(
        [
            *package.glob("extract*.py"),
            package / "dates.py",
            package / "model.py",  # the shapes of the pickled results
            package / "gazetteer.py",
            *(package / "data").glob("*"),
        ]
    ):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


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
        cache_dir.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=cache_dir, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
        Path(tmp).replace(cache_dir / f"{key}.pickle")
    except OSError as error:
        log.warning("extract: cannot cache %s in %s (%s)", key, cache_dir, error)
