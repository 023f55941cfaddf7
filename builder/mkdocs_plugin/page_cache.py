"""Incremental rendering: a page whose inputs did not change is not rendered again.

MkDocs converts every page's Markdown and renders every page through the theme's
templates on every build, although a changed seed changes a handful of the thousands of
generated pages. Both steps are skipped for a page whose inputs are those of the last
build, and its HTML comes back from ``.cache/plugin/news-explorer/pages/`` (one record
per page, keyed by content, never by clock):

- **the conversion** (HTML, table of contents, title) when its Markdown and the pages its
  Markdown links resolve to are unchanged, and the Markdown settings are the same;
- **the template's output** when, besides, everything the theme reads for the page is
  unchanged: its URL, title, front matter, dates and edit link, the navigation, the
  configuration and the theme's files (``theme_key``).

What plugins do after the template (``on_post_page``: the feed link, the search marker)
runs on every page as before, so a kept page comes out byte-identical to a fresh one.
Plugins that put other per-page values into the template context are not seen: this
site uses none (``mkdocs.yml``); one that does must be added to ``theme_key``.

Checked first: MkDocs' ``--dirty`` rebuilds only pages whose source file is newer than
their output, which misses every page whose links, navigation or template changed, and
mkdocs-material's own caches (``.cache/plugin/<name>``) cover its social cards and
blog, not page rendering; no plugin on PyPI keeps rendered pages by content.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.metadata
import importlib.util
import pickle
import posixpath
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.infra.cache import digest
from builder.infra.files import atomic_write

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents

#: The template every page is given, which renders the page's own template or puts the
#: kept output back (``theme/news-explorer/page.html``).
WRAPPER = "news-explorer/page.html"
#: Stands for "the page names no template of its own".
_ABSENT = object()


def _put_back(page: Page, converted: Converted, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` of a page whose last conversion holds: put it back."""
    page.content = converted.restore(page, files)


#: Bump when a record's layout changes.
FORMAT = "2"
#: The relative link targets of inline and reference-style Markdown links.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
#: The configuration the theme reads besides the page and the navigation.
_THEME_SETTINGS = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
    "repo_name", "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls",
    "markdown_extensions", "mdx_configs",
)  # fmt: skip


@dataclass(frozen=True)
class Converted:
    """What ``Page.render`` leaves on a page, kept by value (no ``File`` objects)."""

    content: str
    toc: TableOfContents
    title: str | None
    anchor_ids: frozenset[str] | None
    #: ``Page.links_to_anchors`` with each linked file named by its ``src_uri``.
    links_to_anchors: dict[str, dict[str, str]] | None

    @classmethod
    def of(cls, page: Page, html: str) -> Converted:
        links = page.links_to_anchors
        return cls(
            content=html,
            toc=page.toc,
            title=page._title_from_render,
            anchor_ids=frozenset(page.present_anchor_ids or ()),
            links_to_anchors=None if links is None else {f.src_uri: a for f, a in links.items()},
        )

    def restore(self, page: Page, files: Files) -> str:
        """Put the conversion back on ``page``; returns its HTML."""
        page.toc = self.toc
        page._title_from_render = self.title
        page.present_anchor_ids = None if self.anchor_ids is None else set(self.anchor_ids)
        if self.links_to_anchors is not None:
            page.links_to_anchors = {
                linked: anchors
                for uri, anchors in self.links_to_anchors.items()
                if (linked := files.get_file_from_path(uri)) is not None
            }
        return self.content


@dataclass(frozen=True)
class Kept:
    """One file of the cache: what a key produced last time."""

    key: str
    value: Any  # a ``Converted``, or the template's output


def link_targets(src_uri: str, markdown: str, files: Files) -> list[tuple[str, str | None]]:
    """Each relative link target of the Markdown with the URL it resolves to now."""
    targets = []
    for inline, reference in _LINK.findall(markdown):
        target = (inline or reference).split("#", 1)[0].split("?", 1)[0]
        if not target or "://" in target or target.startswith(("/", "mailto:")):
            continue
        path = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), target))
        linked = files.get_file_from_path(path)
        targets.append((path, None if linked is None else linked.url))
    return sorted(set(targets))


def theme_key(config: MkDocsConfig) -> str:
    """Everything the templates read that is neither the page nor the navigation."""
    parts = [FORMAT, _version("mkdocs"), _version("mkdocs-material")]
    parts += [repr(config.get(name)) for name in _THEME_SETTINGS]
    parts += [repr(sorted(config.theme.items())), repr(list(config.plugins))]
    for folder in config.theme.dirs:
        if _installed(Path(folder)):
            parts.append(folder)  # the versions above stand for their files
            continue
        for path in sorted(Path(folder).rglob("*")):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix(), digest(path)]
    return digest(*parts)


def nav_key(nav: Navigation) -> str:
    """The navigation as the templates show it: titles, URLs and nesting."""

    def walk(items: list[Any]) -> list[Any]:
        return [
            (type(i).__name__, str(i.title), getattr(i, "url", None), walk(i.children or []))
            for i in items
        ]

    return digest(repr(walk(nav.items)))


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "-"


def _installed(folder: Path) -> bool:
    """Whether ``folder`` is inside MkDocs' or Material's package (their version says it)."""
    for package in ("mkdocs", "material"):
        spec = importlib.util.find_spec(package)
        if spec and spec.origin and folder.resolve().is_relative_to(Path(spec.origin).parent):
            return True
    return False


class PageCache:
    """The pages of the last build, on disk: per page, its conversion (``.conv``) and its
    rendered HTML (``.html``), each with the key it was made from.

    Two files, not one: every page's conversion is needed while MkDocs converts all pages,
    but its HTML only when that page is rendered, so thousands of pages' HTML never sit in
    memory at once.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.theme = ""
        self.nav = ""
        self.converted_again = 0
        self.rendered_again = 0
        self._source: dict[str, str] = {}  # this build's conversion key, by page
        self._kept: set[str] = set()  # pages whose kept conversion holds
        self._converted: dict[str, Converted] = {}  # new conversions, until written
        self._context: dict[str, str] = {}  # this build's template key, by page
        self._rendered: set[str] = set()  # pages whose kept HTML holds
        self._template: dict[str, object] = {}  # the page's own template, by page

    def start(self, config: MkDocsConfig) -> None:
        """A new build."""
        self.theme, self.nav = theme_key(config), ""
        self.converted_again = self.rendered_again = 0
        self._source, self._kept, self._converted = {}, set(), {}
        self._context, self._rendered, self._template = {}, set(), {}

    def _path(self, src_uri: str, suffix: str) -> Path:
        return self.folder / f"{digest(src_uri)}{suffix}"

    def _load(self, src_uri: str, suffix: str, key: str) -> Any:
        """What ``key`` made last time, or None."""
        try:
            kept = pickle.loads(zlib.decompress(self._path(src_uri, suffix).read_bytes()))
        except (OSError, zlib.error, pickle.UnpicklingError, EOFError, AttributeError):
            return None  # none yet, or written by another version: make it again
        return kept.value if isinstance(kept, Kept) and kept.key == key else None

    def _keep(self, src_uri: str, suffix: str, key: str, value: object) -> None:
        data = zlib.compress(pickle.dumps(Kept(key, value)), 1)
        atomic_write(self._path(src_uri, suffix), data)

    def markdown(self, page: Page, markdown: str, files: Files) -> str:
        """The Markdown MkDocs should convert: nothing when the last conversion holds."""
        src = page.file.src_uri
        self._template[src] = page.meta.get("template", _ABSENT)
        page.meta["template"] = WRAPPER
        source = digest(src, markdown, repr(link_targets(src, markdown, files)), self.theme)
        self._source[src] = source
        converted = self._load(src, ".conv", source)
        if isinstance(converted, Converted):
            # Nothing to convert: the kept conversion stands in for ``Page.render``, which
            # would build a Markdown instance for nothing (a third of a kept page's cost).
            page.render = functools.partial(_put_back, page, converted)  # type: ignore[method-assign]
            self._kept.add(src)
            return ""
        self.converted_again += 1
        return markdown

    def content(self, page: Page, html: str, files: Files) -> str:
        """The page's HTML; a new conversion is remembered, to be kept once rendered."""
        src = page.file.src_uri
        if src not in self._kept:
            self._converted[src] = Converted.of(page, html)
        return html

    def context(self, context: dict[str, Any], page: Page, nav: Navigation) -> dict[str, Any]:
        """The template context, with the kept output when the page's inputs hold."""
        src = page.file.src_uri
        template = self._template.pop(src, _ABSENT)
        if template is _ABSENT:
            page.meta.pop("template", None)
            template = "main.html"
        else:
            page.meta["template"] = template
        context["nx_template"] = template
        if not self.nav:  # every page is converted now: the navigation's titles are final
            self.nav = nav_key(nav)
        key = digest(
            self._source.get(src, ""), self.nav, page.url, str(page.title), repr(page.meta),
            repr(page.update_date), repr(page.edit_url), repr(page.canonical_url),
        )  # fmt: skip
        self._context[src] = key
        output = self._load(src, ".html", key) if src in self._kept else None
        if isinstance(output, str):
            context["nx_kept"] = output
            self._rendered.add(src)
        else:
            self.rendered_again += 1
        return context

    def output(self, page: Page, html: str) -> str:
        """Keep a newly converted or rendered page for the next build."""
        src = page.file.src_uri
        self.folder.mkdir(parents=True, exist_ok=True)
        converted = self._converted.pop(src, None)
        if converted is not None:
            self._keep(src, ".conv", self._source[src], converted)
        if src not in self._rendered:
            self._keep(src, ".html", self._context.pop(src, ""), html)
        return html

    def finish(self, files: Files) -> None:
        """Forget the pages this build no longer has."""
        keep = {
            self._path(f.src_uri, suffix).name
            for f in files.documentation_pages()
            for suffix in (".conv", ".html")
        }
        with contextlib.suppress(OSError):
            for path in self.folder.iterdir():
                if path.name not in keep:
                    path.unlink(missing_ok=True)
