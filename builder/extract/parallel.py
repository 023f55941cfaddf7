"""Extraction over several processes: the same pure per-article function, in input order.

``extract_one`` is the unit of work: a pure function of an article and the pipeline's
name (the spaCy pipeline is loaded once per process and cached), so the same function
runs in a local process pool here and, for a corpus too large for one machine, on a
distributed engine (see README, "Corpora larger than one machine").
"""

from __future__ import annotations

from collections.abc import Iterator

from builder.extract.extractor import load_extractor
from builder.infra.parallel import configured_workers, cores, map_in_order
from builder.model import Article, ExtractedArticle

#: Fewer articles than this are extracted in the calling process: forking two workers
#: costs about 0.1 s, a parsed article 0.1-0.3 s, so a few articles already pay for it;
#: the threshold leaves a margin (``python -m tests.bench.parallel`` measures it).
PARALLEL_MIN_ARTICLES = 16


def extract_one(article: Article, prefer: str = "model") -> ExtractedArticle:
    """Sentences, mentions and quotes of one article; pure (same input, same output)."""
    return load_extractor(prefer).extract(article)


def worker_count(todo: int) -> int:
    """Processes to use for ``todo`` articles: ``$NEWS_EXPLORER_WORKERS`` or the cores."""
    configured = configured_workers()
    if configured is not None:
        return min(configured, max(todo, 1))
    if todo < PARALLEL_MIN_ARTICLES:
        return 1
    return max(1, min(cores(), todo // 4))


def extract_in_order(
    articles: list[Article], prefer: str, workers: int
) -> Iterator[ExtractedArticle]:
    """Results for ``articles`` in their order, computed by ``workers`` processes."""
    if workers <= 1:
        for article in articles:
            yield extract_one(article, prefer)
        return
    # Load before forking: the children inherit the pipeline instead of loading it each.
    load_extractor(prefer)
    yield from map_in_order(extract_one, articles, workers, prefer)
