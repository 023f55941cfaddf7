"""``news-explorer`` plugin: build the staging folder, then let MkDocs render it.

MkDocs only ever sees the staging folder: ``on_config`` runs the builder and points
``docs_dir`` at it; ``on_serve`` watches the seeds and the curated folder instead.
Pages whose inputs did not change since the last build are not rendered again
(``page_cache``), and the built site is indexed with Pagefind (``search``).
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import os
import time
import zlib
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import InclusionLevel
from mkdocs.utils import get_build_timestamp, get_relative_url

from builder.build import STYLESHEET, TABLES_SCRIPT, build, staged_digests
from builder.extract.cluster import Executor, ExtractionFailed
from builder.infra.cache import hold_in_memory
from builder.infra.files import Removal, empty_in_background, place_file, waiting
from builder.infra.heap import LateCollection
from builder.mkdocs_plugin.config import NewsExplorerConfig
from builder.mkdocs_plugin.page_cache import UNREAD_LINKS, PageCache
from builder.mkdocs_plugin.raw_blocks import RAW_BLOCKS
from builder.mkdocs_plugin.search import BUNDLE, THEME_DIR, Planned, SiteIndex, mark_indexed
from builder.mkdocs_plugin.serve import TEMPLATE_BYTECODE, preload_in_background, release_loaded
from builder.mkdocs_plugin.site_folder import SiteInPlace, fresh_copy
from builder.model import one_line_per_file
from builder.publish.changes import (
    ChangeReport,
    compare,
    compared_with,
    load_previous,
    summary_line,
)
from builder.publish.feed import FEED_PATH, FEED_TYPE, FeedSite
from builder.publish.publisher import page_dates, publish_files
from builder.render.curated import applied_files, edit_link, new_file_template
from builder.render.maps import Tiles
from builder.render.previews import PREVIEW_SCRIPT
from builder.urls import source_of

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import File, Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)
#: Held by the build of a project while it uses the project's staging folder and caches.
BUILD_LOCK = "build.lock"
WAITING_MESSAGE = "waiting for another build of this project to finish"
#: ``serve``: seconds after a build before its leftovers are collected; the browser has
#: reloaded the page by then (the collection holds the interpreter while it runs).
COLLECTION_DELAY = 0.5
#: The theme's sitemap template (MkDocs' and Material's).
SITEMAP = "sitemap.xml"


class NewsExplorerPlugin(BasePlugin[NewsExplorerConfig]):
    """Runs the news-explorer pipeline before every build."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        # A plugin with ``on_startup`` is one instance for all of a process's rebuilds
        # (MkDocs keeps it): whether this is ``serve`` lives here.
        self.serving = False
        #: ``--dirty``: MkDocs writes over the site's files in place, so none may be a
        #: link to a kept file.
        self.dirty = False
        self.collection: LateCollection | None = None  # ``serve``: the heap freed between builds
        self.pages: PageCache | None = None  # the last build's pages, on disk
        self.files: Files | None = None
        self.search: SiteIndex | None = None  # this build's, fed as pages are written
        self.search_cache: Path | None = None  # the shards of the last build's index
        self.nav: Navigation | None = None
        #: The pages of the site, those MkDocs renders and those left out (``on_env``).
        self.site_pages: Sequence[File] | None = None
        #: Pages left out before MkDocs reads them, and their last output (``on_nav``).
        self.unread: dict[str, Path] = {}
        #: Converted pages' HTML, compressed, until MkDocs renders them (``_set_aside``).
        self.set_aside: dict[str, bytes] = {}
        self.curated_dir: Path | None = None
        self.seeds_dir: Path | None = None
        self.built = False  # the corpus itself is not kept: MkDocs needs only the tables
        self.page_names: dict[str, str] = {}  # generated entity and event pages -> name
        self.edit_files: dict[str, str] = {}  # generated page -> its existing curated file
        #: The last build's change report; the command line prints it.
        self.report: ChangeReport | None = None
        self.page_dates: dict[str, str] = {}
        self.newest_date: str | None = None
        #: Why the last build failed, when extraction failed.
        self.failures: list[str] = []
        #: The project's build lock while a build runs (see ``on_config``).
        self.held = contextlib.ExitStack()
        #: The last site's files, being deleted beside the build (``on_pre_build``).
        self.emptying: Removal | None = None
        #: ``serve``: the corpus of the last build that succeeded, and of this one.
        self.served: dict[str, Any] | None = None
        self.publishing: dict[str, Any] | None = None
        #: ``serve``: the site folder written over in place (``site_folder``).
        self.site = SiteInPlace()
        self.site_dir: Path | None = None
        self.in_place = False

    def _executor(self) -> Executor:
        """Where extraction runs: the environment overrides ``mkdocs.yml`` (for CI)."""
        kind = os.environ.get("NEWS_EXPLORER_EXECUTOR") or self.config.executor
        if kind not in ("local", "dask"):
            raise PluginError(f"NEWS_EXPLORER_EXECUTOR={kind!r}: expected 'local' or 'dask'")
        scheduler = os.environ.get("NEWS_EXPLORER_SCHEDULER") or self.config.scheduler
        return Executor(kind, scheduler or None)  # type: ignore[arg-type]

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember, for this process's every rebuild, whether it is ``mkdocs serve``."""
        self.serving = command == "serve"
        self.dirty = dirty
        hold_in_memory(self.serving)  # its rebuilds reuse kept pages, maps and shards
        self.collection = LateCollection(COLLECTION_DELAY) if self.serving else None
        self.served, self.site = None, SiteInPlace()

    @event_priority(100)  # first: every other plugin must see the staging folder
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Build the staging folder from the seeds and the curated docs; render that."""
        if not self.config.enabled:
            return config
        root = Path(config.config_file_path or ".").resolve().parent
        self.curated_dir = Path(config.docs_dir)
        self.seeds_dir = root / self.config.seeds_dir
        staging = root / self.config.staging_dir
        self.pages = PageCache(root / self.config.page_cache_dir)
        self.search_cache = root / self.config.search_cache_dir
        self.template_cache = root / self.config.template_cache_dir
        if str(THEME_DIR) not in config.theme.dirs:  # before Material's own templates
            config.theme.dirs.insert(0, str(THEME_DIR))
        if RAW_BLOCKS not in config.markdown_extensions:  # by name: its repr keys the cache
            config.markdown_extensions.append(RAW_BLOCKS)
        # Builds of one project share its staging folder and caches, whatever their site
        # folders: one at a time, the next waiting (released after the search index).
        self.held.close()
        self.held.enter_context(
            waiting(staging.parent / BUILD_LOCK, lambda: log.info(WAITING_MESSAGE))
        )
        try:
            corpus = build(
                self.seeds_dir,
                self.curated_dir,
                staging,
                extractor=self.config.extractor,
                cache_dir=root / self.config.cache_dir,
                render_cache_dir=root / self.config.render_cache_dir,
                tiles=Tiles(self.config.map_tiles, self.config.map_attribution),
                progress=log.info,
                publish=lambda data: self._publish(data, config),
                executor=self._executor(),
                fresh=self.collection is None or not self.collection.claim(),
            )
        except ExtractionFailed as error:
            self.failures = error.failures  # the command line prints them, one a line
            raise PluginError(str(error)) from error
        if not self.serving:
            release_loaded()  # lowers the peak while MkDocs renders
        for problem in one_line_per_file(corpus.problems):
            report = log.warning if problem.severity != "info" else log.info
            report(str(problem))
        self.built = True
        self.page_names = {source_of(e.url): e.name for e in corpus.entities}
        self.page_names.update({source_of(e.url): e.title for e in corpus.events})
        self.edit_files = applied_files(corpus)
        config.docs_dir = str(staging)
        if not config.repo_url:
            # An edit link needs a repository: without repo_url (a local build, a clone
            # with no remote) MkDocs would warn once per page about a relative edit_uri.
            config.edit_uri = None
        if STYLESHEET not in config.extra_css:
            config.extra_css.append(STYLESHEET)
        for script in (TABLES_SCRIPT, PREVIEW_SCRIPT):
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        return config

    @event_priority(-100)  # last: right before MkDocs cleans the site folder
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Hide the last site from MkDocs' clean, to be written over in place; else move
        its files aside, to be deleted while this build works."""
        self._emptied()
        self.site_dir = Path(config.site_dir)
        self.in_place = False
        if self.dirty:
            return
        if not (self.serving and self.built and self.site.written is not None):
            self.site.adopt(self.site_dir)  # a folder this process did not write: walked
        self.in_place = self.site.hide(self.site_dir)
        if not self.in_place:
            self.emptying = empty_in_background(self.site_dir)

    def _emptied(self) -> None:
        """Wait until the last site's files are gone."""
        if self.emptying is not None:
            self.emptying.join()
            self.emptying = None

    @event_priority(-100)  # last: the navigation as every other plugin left it
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Remember the navigation; leave out of reading the pages whose output holds."""
        self.nav = nav
        self.unread = {}
        if self.pages is not None and self.built:
            pages = [f.page for f in files.documentation_pages(inclusion=self._inclusion())]
            for page in pages:
                assert page is not None
                self.on_pre_page(page, config=config, files=files)
                self._edit_link(page, config)
            staged = staged_digests(Path(config.docs_dir))
            self.unread = self.pages.leave_out_unread(pages, nav, files, staged)  # type: ignore[arg-type]
            for file in files.documentation_pages(inclusion=lambda _: True):
                if file.src_uri in self.unread:
                    file.inclusion = InclusionLevel.EXCLUDED  # MkDocs reads it no more
        UNREAD_LINKS.left_out = set(self.unread)
        return nav

    def _template_bytecode(self) -> jinja2.BytecodeCache | None:
        """Jinja's own disk cache of compiled templates: Material's 120 templates were
        compiled from source by every build (0.5 s); keyed by name and source checksum."""
        if not self.config.enabled:
            return None
        try:
            self.template_cache.mkdir(parents=True, exist_ok=True)
        except OSError:
            return None  # compiled again, as MkDocs does
        return jinja2.FileSystemBytecodeCache(str(self.template_cache))

    def _inclusion(self) -> Callable[[InclusionLevel], bool]:
        return InclusionLevel.is_in_serve if self.serving else InclusionLevel.is_included

    @event_priority(-100)  # last: every page is converted, as every plugin left it
    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Leave unchanged pages out of rendering, their last output in their place; plan
        the search index; reuse compiled templates across builds."""
        env.bytecode_cache = TEMPLATE_BYTECODE if self.serving else self._template_bytecode()
        inclusion = self._inclusion()
        self.site_pages = [
            file
            for file in files.documentation_pages(inclusion=lambda _: True)
            if inclusion(file.inclusion) or file.src_uri in self.unread
        ]
        plan: list[Planned] = []
        for file in self.site_pages:
            page = file.page
            assert page is not None
            kept = key = None
            if file.src_uri in self.unread and self.pages is not None:
                kept, key = self.unread[file.src_uri], self.pages.output_key(page)
                place_file(
                    kept,
                    Path(file.abs_dest_path),
                    link=not self.dirty,
                    there=self.site.there(file.dest_uri),
                )
            elif self.pages is not None and self.nav is not None:
                self._edit_link(page, config)
                kept = self.pages.kept_output(page, self.nav)
                key = self.pages.output_key(page)
                if kept is not None:
                    file.inclusion = InclusionLevel.EXCLUDED  # MkDocs renders it no more
                    place_file(
                        kept,
                        Path(file.abs_dest_path),
                        link=not self.dirty,
                        there=self.site.there(file.dest_uri),
                    )
                    page.content = None
                    self.set_aside.pop(file.src_uri, None)
            plan.append(Planned(page.url, kept, key))
        if self.search is not None:
            self.search.plan(plan)
        return env

    def on_template_context(self, context, /, *, template_name: str, config: MkDocsConfig):
        """The sitemap lists the pages left out of rendering too."""
        if template_name == SITEMAP and self.site_pages is not None:
            context["pages"] = self.site_pages
        return context

    def _gzip_sitemap(self, site_dir: Path) -> None:
        """The sitemap's gzip copy as MkDocs makes it (``_build_theme_template``), dated by
        every page of the site, those left out of rendering too."""
        sitemap = site_dir / SITEMAP
        if self.site_pages is None or not sitemap.is_file():
            return
        pages = [f.page for f in self.site_pages if f.page is not None]
        gz = f"{sitemap}.gz"
        with (
            open(gz, "wb") as f,
            gzip.GzipFile(
                fileobj=f, filename=gz, mode="wb", mtime=get_build_timestamp(pages=pages)
            ) as zipped,
        ):
            zipped.write(sitemap.read_bytes())

    def _publish(self, data: dict[str, Any], config: MkDocsConfig) -> dict[str, str]:
        """Compare ``data`` (this build's ``corpus.json``) with the previous build's,
        then write What's new and the feed."""
        previous = self.config.previous_corpus or str(Path(config.site_dir) / "data/corpus.json")
        if self.serving and self.served is not None and not self.config.previous_corpus:
            # ``serve``: the last build's corpus is the one in the site; no need to read it
            baseline, note = self.served, compared_with(previous)
        else:
            baseline, note = load_previous(previous)
        self.publishing = data
        if baseline is None and self.serving and not self.config.previous_corpus:
            # ``serve`` builds into a new temporary folder: its first build has no past.
            note = "first build of this mkdocs serve: each rebuild is compared with the last"
        self.report = compare(baseline, data, note)
        log.info(summary_line(self.report))
        self.page_dates, self.newest_date = page_dates(data)
        site = FeedSite(config.site_name, config.site_description or "", config.site_url or None)
        return publish_files(data, self.report, site)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files) -> Page:
        """The sitemap's lastmod from the articles' dates, not the day of the build."""
        if self.config.enabled and self.newest_date:
            page.update_date = self.page_dates.get(page.file.src_uri, self.newest_date)
        return page

    @event_priority(-100)  # last: every plugin has added its files
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Start a build that reuses the unchanged pages of the last one."""
        if self.site_dir is not None:
            self.site.restore(self.site_dir)  # MkDocs' clean is over: the last site is back
        if self.pages is not None:
            self.pages.start(config, self)
            self.files = files
        if self.built and not self.dirty:
            link_static_files(files, config, self.site)
        if self.in_place:  # a linked file is placed by ``place_file``, which never copies in
            for file in files:
                copy = file.copy_file
                if not file.is_documentation_page() and getattr(copy, "func", None) != _link_file:
                    file.copy_file = functools.partial(  # type: ignore[method-assign]
                        fresh_copy, copy, file.abs_dest_path
                    )
        self.nav = None
        self.site_pages = None
        self.set_aside = {}
        self._stop_search()
        if self.config.enabled and self.config.search:
            self.search = SiteIndex(self.search_cache, link=not self.dirty)
        return files

    def _stop_search(self) -> None:
        if self.search is not None:
            self.search.close()
            self.search = None

    @event_priority(-100)  # last: the Markdown as every other plugin left it
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files):
        """Skip converting a page whose last conversion still holds."""
        return markdown if self.pages is None else self.pages.markdown(page, markdown, files)

    @event_priority(100)  # first: every other plugin must see the restored page
    def _restore_converted(self, html: str, /, *, page: Page, config: MkDocsConfig, files) -> str:
        """Put a skipped page's kept conversion back; remember a new one."""
        return html if self.pages is None else self.pages.content(page, html, files)

    @event_priority(-100)  # last: every other plugin has read the Markdown and HTML
    def _set_aside(self, html: str, /, *, page: Page, config: MkDocsConfig, files) -> str:
        """Drop the page's Markdown source; keep its HTML compressed until it is rendered.

        MkDocs converts every page before it renders any, so every page's HTML would sit
        in memory until the last is written: 600 MB of the render's peak at 35,000 pages,
        a quarter of it compressed (``_take_back``).
        """
        page.markdown = None
        if not self.config.enabled:
            return html
        self.set_aside[page.file.src_uri] = zlib.compress(html.encode(), 1)
        return ""

    on_page_content = CombinedEvent(_restore_converted, _set_aside)

    @event_priority(100)  # first: every other plugin must see the page's HTML
    def _take_back(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """The page's HTML, set aside since it was converted."""
        aside = self.set_aside.pop(page.file.src_uri, None)
        if aside is not None:
            page.content = zlib.decompress(aside).decode()
        return context

    @event_priority(-100)  # last: every other plugin has written its files
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Forget the pages the site no longer has; index the site for search."""
        if self.pages is not None and self.files is not None:
            pages = self.pages
            log.info(
                f"pages: {pages.converted_again} converted, {pages.rendered_again} rendered, "
                f"{len(self.unread)} left out unread, the rest kept from the last build"
            )
            pages.finish(self.files)
            self._gzip_sitemap(Path(config.site_dir))
        search_files: set[str] = set()
        if self.search is not None:
            started = time.perf_counter()
            search, self.search = self.search, None
            count = search.write(Path(config.site_dir), self.site.there)
            search_files = search.written
            log.info(
                f"search: {count} pages in the index, {search.indexed} indexed again; "
                f"written in {time.perf_counter() - started:.1f} s"
            )
        written_over = self.serving or self.in_place
        if written_over and self.site_dir is not None and self.files is not None:
            self.site.finish(self.site_dir, self._written(config, search_files))
        if self.serving:
            self.served = self.publishing
        if not self.serving:  # a served page waits for no deletion; the next build does
            self._emptied()
        self.held.close()
        if self.collection is not None:
            self.collection.later()

    def _written(self, config: MkDocsConfig, search_files: set[str]) -> set[str]:
        """The files this build put into the site folder: pages, static files, the
        theme's templates (and the sitemap's gzip copy), the search bundle."""
        assert self.files is not None
        inclusion = self._inclusion()
        written = {f.dest_uri for f in self.site_pages or ()}
        written.update(
            f.dest_uri
            for f in self.files
            if not f.is_documentation_page() and inclusion(f.inclusion)
        )
        templates = [*config.theme.static_templates, *config.extra_templates]
        written.update(templates)
        written.update(f"{name}.gz" for name in templates)
        return written | search_files

    def on_build_error(self, *, error: Exception) -> None:
        """Stop indexing; let the next build of this project start."""
        if self.site_dir is not None:
            self.site.restore(self.site_dir)
        self.site.forget()
        self.served = None  # the site may hold this build's corpus or the last one's
        self.set_aside = {}
        self._stop_search()
        self._emptied()
        self.held.close()

    def on_shutdown(self) -> None:
        """Stop indexing; let the next build of this project start."""
        self._stop_search()
        self._emptied()
        self.held.close()

    @event_priority(-100)  # last: other plugins have read the page's HTML by now
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Announce the feed in every page's head; mark what search indexes; keep the
        output for the next build; let go of the page's HTML once written."""
        page.content = None  # written and indexed: 30,000 pages of HTML need not stay
        if self.in_place:  # MkDocs writes into the file there: it may be a kept page's
            Path(page.file.abs_dest_path).unlink(missing_ok=True)
        if self.config.enabled and "</head>" in output:
            if self.search is not None:
                output = mark_indexed(output, page)
            if config.site_url:
                href = config.site_url.rstrip("/") + "/" + FEED_PATH
            else:
                href = get_relative_url(FEED_PATH, page.url)
            title = escape(config.site_name, quote=True)
            tag = f'<link rel="alternate" type="{FEED_TYPE}" title="{title}" href="{escape(href)}">'
            output = output.replace("</head>", f"{tag}\n</head>", 1)
        if self.search is not None:
            self.search.add(page.url, output)
        return output if self.pages is None else self.pages.output(page, output)

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

    def _edit_link_of(self, context, /, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """Set the edit link."""
        self._edit_link(page, config)
        return context

    on_page_context = CombinedEvent(_take_back, _edit_link_of)

    def _edit_link(self, page: Page, config: MkDocsConfig) -> None:
        """The edit button of a generated page opens (or creates) its curated file."""
        if not self.built or self.curated_dir is None:
            return
        src = page.file.src_uri
        if src in self.page_names:
            path = self.edit_files.get(src)
            exists = path is not None
            path = path or src
            template = new_file_template(self.page_names[src])
            page.edit_url = edit_link(config.repo_url, config.edit_uri, path, exists, template)
        elif not (self.curated_dir / src).is_file():
            page.edit_url = None  # generated from the seeds: no file in docs/ to edit


def link_static_files(files: Files, config: MkDocsConfig, site: SiteInPlace) -> None:
    """Have MkDocs hard-link the staging folder's static files into the site, not copy them.

    The builder stages 1,700 of them (the maps, scripts, outlines), and MkDocs copied
    every one on every build (0.5-2.6 s at 1,000 articles). A link shares the staged
    file's content, which is safe because the builder replaces staged files whole
    (``atomic_write``) and never writes into one. A file at a path that MkDocs or this
    plugin later writes over in place (a page, a theme template and the sitemap's gzip
    copy, the search bundle) keeps MkDocs' copy, or that write would reach the staged
    file. MkDocs 1.6's ``File`` has no option for links: its ``copy_file`` is the one
    place it copies a static file, so that method is replaced per file.
    """
    staging = config.docs_dir
    written = {f.dest_uri for f in files.documentation_pages(inclusion=lambda _: True)}
    templates = [*config.theme.static_templates, *config.extra_templates]
    written.update(templates)
    written.update(f"{name}.gz" for name in templates)  # the sitemap's gzip copy
    for file in files:
        if (
            file.src_dir == staging
            and file.abs_src_path is not None
            and not file.is_documentation_page()
            and file.dest_uri not in written
            and not file.dest_uri.startswith(f"{BUNDLE}/")
        ):
            file.copy_file = functools.partial(_link_file, file, site)  # type: ignore[method-assign]


def _link_file(file: File, site: SiteInPlace, dirty: bool = False) -> None:
    """``File.copy_file`` as a hard link (a copy where links are not possible)."""
    assert file.abs_src_path is not None
    place_file(Path(file.abs_src_path), Path(file.abs_dest_path), there=site.there(file.dest_uri))
