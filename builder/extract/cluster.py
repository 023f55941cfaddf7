"""Extraction on a Dask cluster: the same pure ``extract_one`` per article, in input order.

Dask (``pip install 'news-explorer[dask]'``) maps ``extract_one`` over the articles with
``Client.map``: the articles travel to the workers (a worker reads nothing from the
client's disk), the results come back in input order, and the extraction cache stays on
the client, which only sends what it has no result for. A worker loads the spaCy
pipeline and the gazetteer once, when it joins (``worker_plugin.LoadPipeline``), not
per task. A task
whose worker dies is run again elsewhere by the scheduler, and ``retries`` re-runs one
that raised; an article that still fails is named in the error, and the build fails.

Without a scheduler address a ``LocalCluster`` of worker processes is started on this
machine, for tests and for trying it out.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from builder.extract.parallel import extract_one
from builder.infra.parallel import cores
from builder.model import Article, ExtractedArticle

if TYPE_CHECKING:
    from distributed import Client

ExecutorKind = Literal["local", "dask"]
#: Times Dask re-runs a task that raised before the article counts as failed.
RETRIES = 2
#: Articles per task: enough that the scheduler's ~1 ms a task stays small beside
#: ~0.1 s an article, few enough that a lost worker loses little work.
ARTICLES_PER_TASK = 8
#: Seconds to wait for a scheduler before the build fails with one line.
CONNECT_SECONDS = 10


@dataclass(frozen=True)
class Executor:
    """Where extraction runs: ``local`` (this machine's process pool) or ``dask``."""

    kind: ExecutorKind = "local"
    #: ``tcp://host:8786`` of a running scheduler; None starts a ``LocalCluster``.
    scheduler: str | None = None
    #: Worker processes of a ``LocalCluster`` (default: this machine's cores).
    workers: int | None = None


class ExtractionFailed(RuntimeError):
    """Articles a cluster could not extract, one line each."""

    def __init__(self, failures: list[str]) -> None:
        super().__init__("\n".join(failures))
        self.failures = failures


def require_dask() -> None:
    """Fail with one line when Dask's distributed scheduler is not installed."""
    try:
        import distributed  # noqa: F401
    except ImportError as error:
        raise ExtractionFailed(
            ["--executor dask needs Dask: pip install 'news-explorer[dask]'"]
        ) from error


def extract_batch(articles: list[Article], prefer: str) -> list[ExtractedArticle]:
    """One task: several articles, each by ``extract_one``."""
    return [extract_one(article, prefer) for article in articles]


@contextmanager
def connect(executor: Executor) -> Iterator[Client]:
    """A client of the executor's scheduler, or of a new ``LocalCluster``."""
    require_dask()
    from distributed import Client, LocalCluster

    if executor.scheduler:
        try:
            client = Client(executor.scheduler, timeout=CONNECT_SECONDS)
        except (OSError, TimeoutError) as error:
            raise ExtractionFailed(
                [f"{executor.scheduler}: cannot reach the Dask scheduler ({error})"]
            ) from error
        with client:
            yield client
        return
    workers = executor.workers or cores()
    with (
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,  # errors only: the build log says what matters
        ) as cluster,
        Client(cluster) as client,
    ):
        yield client


def extract_on_cluster(
    articles: list[Article], prefer: str, executor: Executor
) -> list[ExtractedArticle]:
    """Results for ``articles`` in their order; ``ExtractionFailed`` names the failures."""
    if not articles:
        return []
    batches = [
        articles[i : i + ARTICLES_PER_TASK] for i in range(0, len(articles), ARTICLES_PER_TASK)
    ]
    with connect(executor) as client:
        from builder.extract.worker_plugin import LoadPipeline  # imports Dask

        client.register_plugin(LoadPipeline(prefer))
        futures = client.map(extract_batch, batches, prefer=prefer, retries=RETRIES, pure=False)
        results: list[ExtractedArticle] = []
        failures: list[str] = []
        for batch, future in zip(batches, futures, strict=True):
            try:
                results.extend(future.result())
            except Exception as error:  # a task failed for good: name its articles
                failures.extend(
                    f"{a.sources[0] if a.sources else a.id}: extraction failed on the "
                    f"cluster ({type(error).__name__}: {error})"
                    for a in batch
                )
    if failures:
        raise ExtractionFailed(failures)
    return results
