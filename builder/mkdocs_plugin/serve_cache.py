"""Work kept across ``mkdocs serve`` rebuilds: pages' conversions and search entries.

MkDocs converts every page's Markdown and Material's search plugin parses every page's
HTML on every rebuild, although a changed seed changes a handful of pages. Those two are
most of a rebuild on our HTML-heavy generated pages, so under ``serve`` a page whose
input is unchanged gets the result of the last rebuild back:

- its conversion, when its Markdown, the set of files its links resolve against and the
  Markdown configuration are unchanged;
- its search entries, when its URL, title, front matter and HTML are unchanged.

``mkdocs build`` never uses this: it runs once, and the HTML of 30,000 pages would stay
in memory for nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from builder.infra.cache import digest

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents


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


def setting_key(config: MkDocsConfig, files: Files) -> str:
    """What every page's conversion depends on besides its own Markdown and path."""
    return digest(
        repr(config.markdown_extensions),
        repr(config.mdx_configs),
        repr(config.use_directory_urls),
        *sorted(f.src_uri for f in files),
    )


class ConversionCache:
    """Conversions of the last build by page; a build keeps only what it used."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], Converted] = {}
        self._next: dict[tuple[str, str], Converted] = {}
        self._setting = ""
        self._found: dict[str, Converted] = {}  # this build's hits, by src_uri
        self._wanted: dict[str, tuple[str, str]] = {}  # this build's misses, by src_uri
        self.hits = 0

    def start(self, setting: str) -> None:
        """A new build against ``setting_key``."""
        self._setting = setting
        self._next, self._found, self._wanted = {}, {}, {}
        self.hits = 0

    def _key(self, page: Page, markdown: str) -> tuple[str, str]:
        return page.file.src_uri, digest(self._setting, markdown)

    def markdown(self, page: Page, markdown: str) -> str:
        """The Markdown MkDocs should convert: nothing when the last conversion still holds."""
        key = self._key(page, markdown)
        found = self._kept.get(key)
        if found is None:
            self._wanted[page.file.src_uri] = key
            return markdown
        self._found[page.file.src_uri] = found
        self._next[key] = found
        self.hits += 1
        return ""

    def content(self, page: Page, html: str, files: Files) -> str:
        """The page's HTML: its kept conversion restored, or this one remembered."""
        found = self._found.pop(page.file.src_uri, None)
        if found is not None:
            return found.restore(page, files)
        key = self._wanted.pop(page.file.src_uri, None)
        if key is not None:
            self._next[key] = Converted.of(page, html)
        return html

    def finish(self) -> None:
        """Keep this build's conversions only."""
        self._kept, self._next = self._next, {}


class SearchEntryCache:
    """Material's search entries by page, from the last rebuild.

    Stands in for the search plugin's ``SearchIndex`` (``wrap``): a page whose entries
    would come out the same is not parsed again. Everything else goes to the real index.
    """

    def __init__(self) -> None:
        self._kept: dict[str, list[dict[str, Any]]] = {}
        self._next: dict[str, list[dict[str, Any]]] = {}
        self.index: Any = None
        self.hits = 0

    def wrap(self, index: Any) -> SearchEntryCache:
        """Start a rebuild that adds entries to ``index``."""
        self.index, self._next, self.hits = index, {}, 0
        return self

    def add_entry_from_context(self, page: Page) -> None:
        """Add the page's entries: the kept ones when its input is unchanged."""
        key = digest(page.url, str(page.title), repr(page.meta), page.content or "")
        entries = self._kept.get(key)
        if entries is None:
            start = len(self.index.entries)
            self.index.add_entry_from_context(page)
            entries = self.index.entries[start:]
        else:
            self.index.entries.extend(entries)
            self.hits += 1
        self._next[key] = entries

    def __getattr__(self, name: str) -> Any:
        return getattr(self.index, name)

    def finish(self) -> None:
        """Keep this rebuild's entries only."""
        self._kept, self._next, self.index = self._next, {}, None
