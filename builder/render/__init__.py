"""Render stage: the corpus as a tree of Markdown pages, data and assets."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from hashlib import sha256
from pathlib import Path
from sys import intern
from typing import Any

from builder.infra.cache import RenderCache, digest
from builder.infra.files import Known
from builder.infra.parallel import cores, in_forks
from builder.model import ACTOR_KINDS, Corpus, Progress
from builder.render.curated import REPORT_PAGE, redirect_pages, report_page
from builder.render.data import corpus_to_json
from builder.render.events import (
    EVENTS_INDEX,
    TIMELINE_PAGE,
    EventView,
    event_inputs,
    event_page,
    events_index,
    timeline_page,
)
from builder.render.incremental import (
    STAGED_PAGES,
    Staged,
    StagedPages,
    page_cache,
    preview_digests,
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
    article_inputs,
    article_page,
    articles_index,
    entity_inputs,
    entity_page,
    home_page,
    kind_index,
)
from builder.render.previews import (
    Preview,
    preview_links,
    preview_table,
    previews_part,
    with_previews,
)
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


#: A page of an article, entity or event: its path, its inputs (for its key) and its text.
Page = tuple[str, Callable[[], object], Callable[[], str]]


def render(
    corpus: Corpus,
    tiles: Tiles = DEFAULT_TILES,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
    data: dict[str, Any] | None = None,
) -> dict[str, str | Known]:
    """Every generated file, by its path relative to the staging folder; ``data`` is
    the corpus's ``corpus_to_dict`` when the caller has made it.

    ``cache_dir`` keeps the maps and the pages of articles, entities and events between
    builds (``builder.infra.cache``, ``builder.render.incremental``); a page the last
    render gave alike comes as ``Known``: its digest, made again only if asked.
    """
    view = SiteView(corpus)
    files: dict[str, str | Known] = {
        "index.md": home_page(view),
        "articles/index.md": articles_index(view),
        "actors/index.md": actors_index(view),
        "places/index.md": kind_index(view, "place"),
        MAP_PAGE: map_page(markers(corpus)),
        "data/corpus.json": corpus_to_json(corpus, data),
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
    event_view = EventView(corpus, names, (view.curated, view.records))
    pages: list[Page] = [
        (
            source_of(Urls.article(a.id)),
            partial(article_inputs, view, a),
            partial(article_page, view, a),
        )
        for a in corpus.articles
    ]
    pages += [
        (source_of(e.url), partial(entity_inputs, view, e), partial(entity_page, view, e))
        for e in corpus.entities
    ]
    pages += [
        (source_of(e.url), partial(event_inputs, event_view, e), partial(event_page, event_view, e))
        for e in corpus.events
    ]
    # The pages of articles, entities and events are most of the work: shared between
    # the cores, whose forks read the corpus where it is and send back only the pages;
    # each renders only the pages whose inputs changed since they were kept.
    cache = page_cache(cache_dir and cache_dir / "pages")
    staged = StagedPages(cache_dir and cache_dir / STAGED_PAGES, preview_digests(table))
    workers = cores() if len(pages) >= PARALLEL_MIN_PAGES else 1
    shares = [
        partial(_render_share, pages[i::workers], table, cache, staged) for i in range(workers)
    ]
    drawn = 0
    for share, used, made, entries in in_forks(shares):
        files.update(share)
        cache.used |= used
        drawn += made
        staged.now.update((p, e or staged.last[p]) for p, e in entries.items())
    cache.prune()
    staged.save()
    makers = {path: make for path, _inputs, make in pages}
    for path, entry in staged.now.items():
        if path not in files:  # as the last render gave it
            make = partial(_page_bytes, path, entry.key, cache, makers[path], table)
            files[path] = Known(entry.digest, make)
    if progress is not None:
        progress(f"render: {drawn} of {len(pages)} pages of articles, entities and events drawn")
    files.update(redirect_pages(corpus))
    return files


def _render_share(
    pages: list[Page], table: dict[str, Preview], cache: RenderCache, staged: StagedPages
) -> tuple[dict[str, str], set[str], int, dict[str, Staged | None]]:
    """The pages' texts with their previews (but those the last render gave alike),
    the cache keys used, how many were drawn, and what each page now is.

    A kept page holds its Markdown, its links and its previews part with the digest of
    the previews it was made from: only a page whose linked pages' previews changed
    makes that part again. A page whose key is the last render's, and none of whose
    linked pages' previews changed, is not read at all.
    """
    files: dict[str, str] = {}
    entries: dict[str, Staged | None] = {}
    drawn, changed = 0, staged.changed_previews
    for path, inputs, make in pages:
        key = cache.key(inputs())
        before = staged.last.get(path)
        if before is not None and before.key == key and changed.isdisjoint(before.targets):
            cache.used.add(key)
            entries[path] = None  # as before: the parent has it, no need to send it
            continue
        kept = cache.get(key)
        if kept is None:
            text = make()
            kept = (text, preview_links(path, text), "", "")
            drawn += 1
        text, links, before_part, part = kept
        now = digest(*(f"{href}\0{staged.previews.get(target, '-')}" for href, target in links))
        if now != before_part:
            part = previews_part(links, table)
            cache.put(key, (text, links, now, part))
        files[path] = text + part
        targets = tuple(intern(target) for _href, target in links)  # pickled once each
        entries[path] = Staged(key, targets, sha256(files[path].encode()).hexdigest())
    return files, cache.used, drawn, entries


def _page_bytes(
    path: str, key: str, cache: RenderCache, make: Callable[[], str], table: dict[str, Preview]
) -> bytes:
    """A kept page's bytes again, when the staged copy is not the one last written: its
    Markdown from the cache where it is kept (a staging folder deleted costs no render),
    else drawn."""
    kept = cache.get(key)
    return with_previews(path, make() if kept is None else kept[0], table).encode()
