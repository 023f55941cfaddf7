"""Render stage: the corpus as a tree of Markdown pages, data and assets."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from builder.infra.parallel import cores, in_forks
from builder.model import ACTOR_KINDS, Corpus
from builder.render.curated import REPORT_PAGE, redirect_pages, report_page
from builder.render.data import corpus_to_json
from builder.render.events import (
    EVENTS_INDEX,
    TIMELINE_PAGE,
    EventView,
    event_page,
    events_index,
    timeline_page,
)
from builder.render.maps import (
    DEFAULT_TILES,
    MAP_PAGE,
    Tiles,
    map_cache,
    map_files,
    map_page,
    markers,
)
from builder.render.network import NETWORK_PAGE, network_files
from builder.render.pages import (
    KIND_LABELS,
    SiteView,
    actors_index,
    article_page,
    articles_index,
    entity_page,
    home_page,
    kind_index,
)
from builder.render.previews import Preview, preview_table, with_previews
from builder.urls import Urls, source_of

#: Fewer pages than this are rendered in this process alone: a fork would cost more.
PARALLEL_MIN_PAGES = 400
#: Pages the builder always writes; ``mkdocs.yml``'s nav may point at any of them.
FIXED_PAGES = (
    "index.md",
    "articles/index.md",
    "actors/index.md",
    "places/index.md",
    MAP_PAGE,
    EVENTS_INDEX,
    TIMELINE_PAGE,
    REPORT_PAGE,
    NETWORK_PAGE,
)


def render(
    corpus: Corpus, tiles: Tiles = DEFAULT_TILES, cache_dir: Path | None = None
) -> dict[str, str]:
    """Every generated file, by its path relative to the staging folder.

    ``cache_dir`` keeps the maps between builds (``builder.infra.cache``).
    """
    view = SiteView(corpus)
    files = {
        "index.md": home_page(view),
        "articles/index.md": articles_index(view),
        "actors/index.md": actors_index(view),
        "places/index.md": kind_index(view, "place"),
        MAP_PAGE: map_page(markers(corpus)),
        "data/corpus.json": corpus_to_json(corpus),
        REPORT_PAGE: report_page(corpus),
    }
    for kind in ACTOR_KINDS:
        files[KIND_LABELS[kind][2].rstrip("/") + ".md"] = kind_index(view, kind)
    names = {e.id: (e.name, e.url) for e in corpus.entities}
    files[EVENTS_INDEX] = events_index(corpus)
    files[TIMELINE_PAGE] = timeline_page(corpus, names)
    files.update(map_files(corpus, tiles, map_cache(cache_dir and cache_dir / "maps")))
    files.update(network_files(corpus))
    table = preview_table(corpus, {e.id: view.profile(e) for e in corpus.entities})
    for path, text in files.items():
        if path.endswith(".md"):
            files[path] = with_previews(path, text, table)
    event_view = EventView(corpus, names)
    pages: list[tuple[str, Callable[[], str]]] = [
        (source_of(Urls.article(a.id)), partial(article_page, view, a)) for a in corpus.articles
    ]
    pages += [(source_of(e.url), partial(entity_page, view, e)) for e in corpus.entities]
    pages += [(source_of(e.url), partial(event_page, event_view, e)) for e in corpus.events]
    # The pages of articles, entities and events are most of the work: shared between
    # the cores, whose forks read the corpus where it is and send back only the pages.
    workers = cores() if len(pages) >= PARALLEL_MIN_PAGES else 1
    shares = [partial(_with_previews, pages[i::workers], table) for i in range(workers)]
    for share in in_forks(shares):
        files.update(share)
    files.update(redirect_pages(corpus))
    return files


def _with_previews(
    pages: list[tuple[str, Callable[[], str]]], table: dict[str, Preview]
) -> dict[str, str]:
    return {path: with_previews(path, make(), table) for path, make in pages}
