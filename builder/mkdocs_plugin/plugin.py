"""``news-explorer`` plugin: build the staging folder, then let MkDocs render it.

MkDocs only ever sees the staging folder: ``on_config`` runs the builder and points
``docs_dir`` at it; ``on_serve`` watches the seeds and the curated folder instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger

from builder.mkdocs_plugin.config import NewsExplorerConfig
from builder.render.maps import Tiles
from builder.staging import STYLESHEET, prepare
from builder.warm import TEMPLATE_BYTECODE, preload_in_background

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files

log = get_plugin_logger(__name__)


class NewsExplorerPlugin(BasePlugin[NewsExplorerConfig]):
    """Runs the news-explorer pipeline before every build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.curated_dir: Path | None = None
        self.seeds_dir: Path | None = None

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
        config.docs_dir = str(staging)
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        return config

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Reuse compiled theme templates across ``mkdocs serve`` rebuilds."""
        env.bytecode_cache = TEMPLATE_BYTECODE
        return env

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder
    ) -> LiveReloadServer:
        """Watch the seeds and curated docs, not the staging folder the builder rewrites."""
        if self.config.enabled and self.seeds_dir and self.curated_dir:
            server.unwatch(config.docs_dir)
            server.watch(str(self.seeds_dir))
            server.watch(str(self.curated_dir))
            preload_in_background(self.config.extractor)
        return server
