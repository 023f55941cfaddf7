"""The stages in order, seeds folder to ``Corpus``: ingest, extract, resolve, curate,
events, relations. No MkDocs and no rendering here."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from builder.curate import Curator, load_curation
from builder.events import find_events
from builder.extract import extract_all
from builder.extract.cache import LOCAL
from builder.extract.cluster import Executor
from builder.gazetteer import Gazetteer
from builder.infra.heap import settle
from builder.ingest import ingest
from builder.model import Corpus, Progress
from builder.relations import find_relations
from builder.resolve import resolve

log = logging.getLogger(__name__)
#: The folder of ingest's cache inside the extraction cache's (which keeps only files).
INGEST_CACHE = "ingest"


def run(
    seeds_dir: Path,
    *,
    extractor: str = "model",
    cache_dir: Path | None = None,
    progress: Progress = log.info,
    docs_dir: Path | None = None,
    executor: Executor = LOCAL,
) -> Corpus:
    """Build the corpus from a seeds folder; ``cache_dir`` keeps extraction per article
    (and, in its ``ingest`` folder, each file's parse).

    ``docs_dir`` is the curated folder: contributors' corrections apply after resolve.
    """
    timings: dict[str, float] = {}
    started = time.perf_counter()
    ingested = ingest(seeds_dir, cache_dir and cache_dir / INGEST_CACHE)
    timings["ingest"] = time.perf_counter() - started
    progress(f"ingest: {len(ingested.articles)} articles, {len(ingested.problems)} notes")

    # Resolve needs the gazetteer even when every article comes from the cache, and
    # extraction (when it runs) shares it: a stage of its own, timed apart.
    started = time.perf_counter()
    gazetteer = Gazetteer.load()
    timings["gazetteer"] = time.perf_counter() - started
    settle()

    started = time.perf_counter()
    extracted, used = extract_all(ingested.articles, extractor, cache_dir, progress, executor)
    timings["extract"] = time.perf_counter() - started
    settle()

    started = time.perf_counter()
    entities, quotes = resolve(ingested.articles, extracted, gazetteer)
    curator = Curator(load_curation(docs_dir))
    entities, quotes = curator.entities(entities, quotes)
    timings["resolve"] = time.perf_counter() - started
    settle()

    started = time.perf_counter()
    events = find_events(ingested.articles, extracted, entities, gazetteer)
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
