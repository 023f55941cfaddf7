"""Search as a reader meets it: time to the first result and bytes fetched, in Chromium.

    python -m tests.bench.search_latency SITE_DIR [--query WORD ...]

Serves a built site on localhost, opens a page, waits until it has loaded (nothing of
search is fetched before the reader opens it), then for each query types it into the
header's search box and measures:

- the time from the last key until the first result is on screen;
- the bytes the browser fetched for it from the first key (Pagefind's script, WebAssembly
  and metadata on the first query of a page; only index chunks and result fragments
  afterwards).

The first query is measured on a fresh page; the others on the same page, one after the
other, as a reader refines a search. Prints the bundle's size and one line per query.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from tests.browser import browser, serve

QUERIES = ("Putin", "Geneva talks", "ministry", "Turkey")


def bundle_stats(site: Path) -> tuple[int, int]:
    """Files and bytes of the Pagefind bundle."""
    files = [p for p in (site / "pagefind").rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


#: Times the last key in the page itself: from its ``keydown`` to the frame after the first
#: result is in the list (the harness's own round trips to the browser left out).
IN_PAGE_TIMER = """() => {
  const input = document.querySelector("input.md-search__input");
  const list = document.querySelector(".md-search-result__list");
  window.__nxTimes = {};
  input.addEventListener("keydown", () => { window.__nxTimes.key = performance.now(); },
    {once: true});
  new MutationObserver((changes, observer) => {
    const shown = list.querySelector(".md-search-result__item a");
    if (window.__nxTimes.key === undefined || !shown) return;
    observer.disconnect();
    requestAnimationFrame(() => { window.__nxTimes.shown = performance.now(); });
  }).observe(list, {childList: true, subtree: true});
}"""


def measure(page: Any, query: str, fetched: list[int], first: bool) -> tuple[float, float, int]:
    """Seconds to the first result as the harness sees it and as the page does, and
    bytes fetched meanwhile."""
    if not first:
        page.fill("input.md-search__input", "")
        page.wait_for_timeout(200)  # let the emptied box settle
    fetched.clear()
    if first:  # opening the box is what loads Pagefind: count its bytes
        page.click("input.md-search__input")
    page.type("input.md-search__input", query[:-1], delay=30)
    page.evaluate(IN_PAGE_TIMER)
    started = time.perf_counter()
    page.type("input.md-search__input", query[-1])
    page.wait_for_selector(".md-search-result__item a", state="attached", timeout=60000)
    took = time.perf_counter() - started
    page.wait_for_function("() => window.__nxTimes.shown !== undefined", timeout=60000)
    times = page.evaluate("() => window.__nxTimes")
    page.wait_for_timeout(500)  # the rest of the first page of results
    return took, (times["shown"] - times["key"]) / 1000, sum(fetched)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--query", action="append", default=None)
    args = parser.parse_args(argv)
    queries = args.query or list(QUERIES)
    files, size = bundle_stats(args.site)
    print(f"Pagefind bundle: {files} files, {size / 1e6:.1f} MB on disk")
    print("| query | first result, harness (ms) | first result, in the page (ms) | fetched (KB) |")
    print("|---|---|---|---|")
    with serve(args.site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        fetched: list[int] = []

        def finished(request: Any) -> None:
            sizes = request.sizes()
            fetched.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

        page.on("requestfinished", finished)
        page.goto(base + "articles/", wait_until="networkidle")
        for number, query in enumerate(queries):
            took, in_page, size = measure(page, query, fetched, first=number == 0)
            label = f"{query} (first on the page)" if number == 0 else query
            print(f"| {label} | {took * 1000:.0f} | {in_page * 1000:.0f} | {size / 1000:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
