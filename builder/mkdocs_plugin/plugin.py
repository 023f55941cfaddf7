"""``news-explorer`` plugin: build the staging folder, then let MkDocs render it.

MkDocs only ever sees the staging folder: ``on_config`` runs the builder and points
``docs_dir`` at it; ``on_serve`` watches the seeds and the curated folder instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from builder.curate import event_page, page_of
from builder.mkdocs_plugin.config import NewsExplorerConfig
from builder.model import Corpus
from builder.render.curated import applied_files, edit_link, new_file_template
from builder.render.maps import Tiles
from builder.staging import STYLESHEET, prepare

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)


class NewsExplorerPlugin(BasePlugin[NewsExplorerConfig]):
    """Runs the news-explorer pipeline before every build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.curated_dir: Path | None = None
        self.seeds_dir: Path | None = None
        self.corpus: Corpus | None = None
        self.page_names: dict[str, str] = {}  # generated entity and event pages -> name
        self.edit_files: dict[str, str] = {}  # generated page -> its existing curated file

    @event_priority(100)  # first: every other plugin must see the staging folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Build the staging folder from the seeds and the curated docs; render that."""
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        self.curated_dir = Path(config.docs_dir)
        self.seeds_dir = root / self.config.seeds_dir
        staging = root / self.config.staging_dir
        corpus = prepare(
            self.seeds_dir,
            self.curated_dir,
            staging,
            extractor=self.config.extractor,
            cache_dir=root / self.config.cache_dir,
            tiles=Tiles(self.config.map_tiles, self.config.map_attribution),
            progress=log.info,
        )
        for problem in corpus.problems:
            report = log.warning if problem.severity != "info" else log.info
            report(str(problem))
        self.corpus = corpus
        self.page_names = {page_of(e): e.name for e in corpus.entities}
        self.page_names.update({event_page(e): e.title for e in corpus.events})
        self.edit_files = applied_files(corpus)
        self._redirect(config, corpus)
        config.docs_dir = str(staging)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        """Watch the seeds and curated docs, not the staging folder the builder rewrites."""
        if self.config.enabled and self.seeds_dir and self.curated_dir:
            server.unwatch(config.docs_dir)
            server.watch(str(self.seeds_dir))
            server.watch(str(self.curated_dir))
        return server

    def _redirect(self, config: MkDocsConfig, corpus: Corpus) -> None:
        """Old pages of merged entities redirect to the kept one (mkdocs-redirects)."""
        moved = dict(corpus.curation.redirects)
        redirects = config.plugins.get("redirects")
        if redirects is not None:
            redirects.config["redirect_maps"] = {**moved, **redirects.config["redirect_maps"]}
        elif moved:
            log.warning(
                f"{len(moved)} merged page(s) have no redirect: "
                "add the redirects plugin (mkdocs-redirects) to mkdocs.yml"
            )

    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """The edit button of a generated page opens (or creates) its curated file."""
        if self.corpus is None or self.curated_dir is None:
            return context
        src = page.file.src_uri
        if src in self.page_names:
            path = self.edit_files.get(src)
            exists = path is not None
            path = path or src
            template = new_file_template(self.page_names[src])
            page.edit_url = edit_link(config.repo_url, config.edit_uri, path, exists, template)
        elif not (self.curated_dir / src).is_file():
            page.edit_url = None  # generated from the seeds: no file in docs/ to edit
        return context
