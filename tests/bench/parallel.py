"""Break-even of parallel extraction: one process against two, on generated articles.

    python -m tests.bench.parallel [--sizes 4,8,16,32,64]

Prints, for each number of articles, the extraction time in this process and with
two worker processes (forked after the pipeline is loaded, as ``extract_all`` does),
and checks that both give the same results in the same order.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from builder.extract.extractor import load_extractor
from builder.extract.parallel import extract_in_order
from builder.ingest.reader import ingest
from tests.bench.make_corpus import make_corpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="4,8,16,32,64")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        make_corpus(max(sizes), Path(tmp))
        articles = ingest(Path(tmp)).articles
    load_extractor("model")
    print(f"| articles | 1 process (s) | {args.workers} processes (s) | speed-up |")
    print("|---|---|---|---|")
    for size in sizes:
        todo = articles[:size]
        started = time.perf_counter()
        one = list(extract_in_order(todo, "model", 1))
        single = time.perf_counter() - started
        started = time.perf_counter()
        many = list(extract_in_order(todo, "model", args.workers))
        multi = time.perf_counter() - started
        assert one == many, "parallel extraction changed the results"
        print(f"| {size} | {single:.2f} | {multi:.2f} | {single / multi:.2f}x |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
