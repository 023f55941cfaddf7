"""Size of Material's search index and time to the first result in headless Chromium.

    python -m tests.bench.search_latency SITE_DIR [--query WORD ...]

Serves a built site on localhost, opens its home page, types each query as soon as the
page has loaded and measures the time from the page's load event to the first result
shown: the index download, the search worker building it, and the query. Prints the
index size (raw and gzipped, as a web server would send it) and one line per query.
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

from tests.browser import browser, serve


def index_stats(site: Path) -> tuple[int, int, int]:
    raw = (site / "search" / "search_index.json").read_bytes()
    docs = len(json.loads(raw)["docs"])
    return len(raw), len(gzip.compress(raw, 6)), docs


def first_result(page, base: str, query: str) -> float:
    """Seconds from the load event to the first search result for ``query``."""
    page.goto(base, wait_until="load")
    started = time.perf_counter()
    page.click("input.md-search__input")
    page.type("input.md-search__input", query)
    deadline = started + 120
    while time.perf_counter() < deadline:
        if page.query_selector(".md-search-result__item a") is not None:
            return time.perf_counter() - started
        # Material ignores input typed before its worker is ready: type the last key again.
        page.press("input.md-search__input", "Backspace")
        page.type("input.md-search__input", query[-1])
        page.wait_for_timeout(100)
    raise SystemExit(f"no result for {query!r} within 120 s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append", default=None)
    args = parser.parse_args(argv)
    raw, gz, docs = index_stats(args.site)
    print(f"search index: {raw / 1e6:.2f} MB raw, {gz / 1e6:.2f} MB gzipped, {docs} entries")
    queries = args.query or ["minister", "talks", "ceasefire"]  # in every generated corpus
    with serve(args.site) as base, browser() as chromium:
        for query in queries:
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            print(f"{query!r}: first result {first_result(page, base, query):.2f} s after load")
            page.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
