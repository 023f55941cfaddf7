"""Configuration of the ``news-explorer`` MkDocs plugin."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from builder.render.maps import TILES_ATTRIBUTION, TILES_URL


class NewsExplorerConfig(base.Config):
    """Options under ``plugins: - news-explorer:`` in ``mkdocs.yml``."""

    enabled = c.Type(bool, default=True)
    """Run the builder; ``false`` renders the staging folder as it is."""

    seeds_dir = c.Type(str, default="seeds")
    """Folder of article files, relative to ``mkdocs.yml``."""

    staging_dir = c.Type(str, default=".cache/plugin/news-explorer/docs")
    """Untracked folder the builder writes and MkDocs renders, relative to ``mkdocs.yml``."""

    cache_dir = c.Type(str, default=".cache/plugin/news-explorer/extract")
    """Per-article extraction cache, keyed by content hash and builder version."""

    render_cache_dir = c.Type(str, default=".cache/plugin/news-explorer/render")
    """Drawn maps kept between builds, keyed by their inputs and the drawing code."""

    page_cache_dir = c.Type(str, default=".cache/plugin/news-explorer/pages")
    """Every page's last conversion and HTML, reused while its inputs are unchanged."""

    search_cache_dir = c.Type(str, default=".cache/plugin/news-explorer/search")
    """The search index's shards, reused while their pages are unchanged."""

    template_cache_dir = c.Type(str, default=".cache/plugin/news-explorer/templates")
    """The theme's templates compiled by Jinja, reused while their source is unchanged."""

    search = c.Type(bool, default=True)
    """Index the built site with Pagefind and answer the header's search box from it."""

    extractor = c.Choice(("model", "rules"), default="model")
    """``model``: spaCy's English model with gazetteer rules; ``rules``: no model, faster."""

    executor = c.Choice(("local", "dask"), default="local")
    """Where extraction runs: ``local`` (this machine's processes) or ``dask`` (a Dask
    cluster; needs ``pip install 'news-explorer[dask]'``). ``$NEWS_EXPLORER_EXECUTOR``
    overrides it."""

    scheduler = c.Type(str, default="")
    """Address of the Dask scheduler (``tcp://host:8786``); empty: a ``LocalCluster`` on
    this machine. ``$NEWS_EXPLORER_SCHEDULER`` overrides it."""

    map_tiles = c.Type(str, default=TILES_URL)
    """Tile URL template of the maps' background; the only thing maps load from outside."""

    map_attribution = c.Type(str, default=TILES_ATTRIBUTION)
    """Attribution the tile provider requires, shown on every map (HTML allowed)."""

    previous_corpus = c.Type(str, default="")
    """Path or URL of the previous build's ``corpus.json`` for the change report (What's
    new page); empty: ``data/corpus.json`` in ``site_dir`` before it is rebuilt."""
