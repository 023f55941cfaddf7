"""Extraction speed on this machine's process pool and on a Dask cluster, side by side.

    python -m tests.bench.executors --articles 1000 --workers 2

The articles are the development corpus's real ones (tests/bench/dev/articles, about 300
words each, news of every kind), repeated under new ids up to ``--articles``: real text
at real length, unlike the generated benchmark corpus. Prints articles per second with
the local pool and with a ``LocalCluster`` of the same number of worker processes (its
start and the workers' model loading timed apart), the scheduler's overhead per task
measured with a task that does nothing, and how many workers extract 100,000 articles in
under an hour at the measured per-worker rate.
"""

from __future__ import annotations

import argparse
import math
import time
from dataclasses import replace
from pathlib import Path

from builder.extract.cluster import ARTICLES_PER_TASK, Executor, connect, extract_batch
from builder.extract.extractor import load_extractor
from builder.extract.parallel import extract_in_order
from builder.ingest import ingest
from builder.model import Article

DEV = Path(__file__).with_name("dev") / "articles"


def articles(count: int) -> list[Article]:
    found = ingest(DEV).articles
    return [
        replace(found[i % len(found)], id=f"{found[i % len(found)].id}-{i}") for i in range(count)
    ]


def _noop(batch: list[Article]) -> int:
    return len(batch)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    todo = articles(args.articles)
    words = sum(len(a.text.split()) for a in todo)
    print(f"{len(todo)} articles, {words / len(todo):.0f} words each on average")

    load_extractor("model")  # loaded before forking, as a build does
    started = time.perf_counter()
    local = list(extract_in_order(todo, "model", args.workers))
    local_seconds = time.perf_counter() - started
    print(f"local pool, {args.workers} processes: {local_seconds:.1f} s, "
          f"{len(todo) / local_seconds:.1f} articles/s")  # fmt: skip

    started = time.perf_counter()
    with connect(Executor("dask", workers=args.workers)) as client:
        from builder.extract.worker_plugin import LoadPipeline

        client.register_plugin(LoadPipeline("model"))
        client.gather(client.map(extract_batch, [todo[:2]] * args.workers, prefer="model"))
        ready = time.perf_counter() - started
        batches = [todo[i : i + ARTICLES_PER_TASK] for i in range(0, len(todo), ARTICLES_PER_TASK)]
        started = time.perf_counter()
        futures = client.map(extract_batch, batches, prefer="model", pure=False)
        on_cluster = [r for batch in client.gather(futures) for r in batch]
        dask_seconds = time.perf_counter() - started
        singles = [[a] for a in todo]
        started = time.perf_counter()
        client.gather(client.map(_noop, singles, pure=False))
        overhead = (time.perf_counter() - started) / len(singles)
    assert [r.article for r in on_cluster] == [r.article for r in local]
    print(f"Dask LocalCluster, {args.workers} workers: start and model load {ready:.1f} s, "
          f"then {dask_seconds:.1f} s, {len(todo) / dask_seconds:.1f} articles/s "
          f"({ARTICLES_PER_TASK} articles a task)")  # fmt: skip
    print(f"scheduler overhead: {overhead * 1000:.2f} ms a task (a task that does nothing)")
    per_worker = len(todo) / dask_seconds / args.workers
    needed = math.ceil(100_000 / (3600 * per_worker))
    print(f"100,000 articles in under an hour: {needed} workers at {per_worker:.1f} "
          f"articles/s each")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
