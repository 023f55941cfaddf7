"""What one page of each kind costs our render stage, on a built project.

    python -m tests.bench.render_scale PROJECT [--pages 1500]

Runs the pipeline on ``PROJECT/seeds`` (extraction from the project's cache, so build
it once first), then times the render of a sample of entity, event and article pages
(every n-th of each, Markdown and previews, one process) and prints the milliseconds a
page of each kind takes. Comparing two corpus sizes shows what grows faster than the
corpus: a page should cost about the same at 1,000 and at 20,000 articles.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

from builder.pipeline import run
from builder.render.events import EventView, event_page
from builder.render.pages import SiteView, article_page, entity_page
from builder.render.previews import preview_table, with_previews
from builder.urls import Urls, source_of


def _every(items: list, count: int) -> list:
    return items[:: max(1, len(items) // count)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--pages", type=int, default=1500, help="pages of each kind")
    args = parser.parse_args(argv)
    root = args.project
    started = time.perf_counter()
    corpus = run(
        root / "seeds",
        cache_dir=root / ".cache/plugin/news-explorer/extract",
        progress=lambda _: None,
        docs_dir=root / "docs",
    )
    print(f"pipeline: {time.perf_counter() - started:.1f} s, {len(corpus.articles)} articles")
    view = SiteView(corpus)
    events = EventView(corpus, {e.id: (e.name, e.url) for e in corpus.entities})
    table = preview_table(corpus, {e.id: view.profile(e) for e in corpus.entities})
    kinds: dict[str, list[tuple[str, Callable[[], str]]]] = {
        "entity": [
            (source_of(e.url), lambda e=e: entity_page(view, e))
            for e in _every(corpus.entities, args.pages)
        ],
        "event": [
            (source_of(e.url), lambda e=e: event_page(events, e))
            for e in _every(corpus.events, args.pages)
        ],
        "article": [
            (source_of(Urls.article(a.id)), lambda a=a: article_page(view, a))
            for a in _every(corpus.articles, args.pages)
        ],
    }
    for kind, pages in kinds.items():
        started = time.perf_counter()
        for path, make in pages:
            with_previews(path, make(), table)
        elapsed = time.perf_counter() - started
        print(f"{kind}: {1000 * elapsed / max(1, len(pages)):.2f} ms a page ({len(pages)} pages)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
