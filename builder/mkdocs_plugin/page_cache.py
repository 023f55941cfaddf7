"""Incremental rendering: a page whose inputs did not change is not rendered again.

MkDocs converts every page's Markdown and renders every page through the theme's
templates on every build, although a changed seed changes a handful of the thousands of
generated pages. Both steps are skipped for a page whose inputs are those of the last
build (records in ``.cache/plugin/news-explorer/pages/``, keyed by content, never by
clock):

- **the conversion** (HTML, table of contents, title) is put back when the page's
  Markdown and the pages its Markdown links resolve to are unchanged, and the Markdown
  settings are the same;
- **the whole page** is left out of MkDocs' rendering and its last output file is put
  in the site instead when, besides, everything the theme reads for the page is
  unchanged: its URL, title, front matter, dates and edit link, the navigation, the
  configuration and the theme's files (``theme_key``). The output kept is the file
  MkDocs wrote, after every plugin's ``on_post_page``, so it is byte-identical to a
  fresh one. Plugins that render pages too (``on_page_context``, ``on_post_page``) see
  every page: with one in ``mkdocs.yml``, no page is left out (``PageCache.start``).

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
import logging
import os
import pickle
import posixpath
import re
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.utils.meta import get_data

from builder.infra.cache import digest
from builder.infra.files import atomic_write

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents


def _put_back(page: Page, converted: Converted, config: MkDocsConfig, files: Files) -> None:
    """``Page.render`` of a page whose last conversion holds: put it back."""
    page.content = converted.restore(page, files)


#: Bump when a record's layout changes.
FORMAT = "4"
#: The events in which other plugins would expect to see every page rendered.
RENDERING_EVENTS = ("page_context", "post_page")
#: Every event that sees a page: with another plugin on one, no page is left out unread.
PAGE_EVENTS = (*RENDERING_EVENTS, "pre_page", "page_read_source", "page_markdown", "page_content")
#: What Material's navigation shows of a page's front matter.
NAV_META = ("title", "subtitle", "icon", "status")
#: The pages left out unread last time, in one file: page -> (unread key, output key,
#: digest of the staged bytes, whether they held a Markdown link).
UNREAD = f"unread-{FORMAT}.pickle"
#: The relative link targets of inline and reference-style Markdown links.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
#: The configuration the theme reads besides the page and the navigation.
_THEME_SETTINGS = (
    "site_name", "site_url", "site_description", "site_author", "copyright", "repo_url",
    "repo_name", "edit_uri", "extra", "extra_css", "extra_javascript", "use_directory_urls",
    "markdown_extensions", "mdx_configs",
)  # fmt: skip


class UnreadLinks(logging.Filter):
    """Drops MkDocs' note that a page links to a page "excluded from the built site" when
    that page was only left out of reading: the site has it, as its last output."""

    def __init__(self) -> None:
        super().__init__()
        self.left_out: set[str] = set()  # the pages' src_uri

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if not self.left_out or not message.endswith("which is excluded from the built site."):
            return True
        target = message.rsplit(" which is excluded", 1)[0].rsplit(" contains a link to ", 1)[-1]
        return target.strip("'") not in self.left_out


#: On the logger of MkDocs' link checks, for the whole process.
UNREAD_LINKS = UnreadLinks()
logging.getLogger("mkdocs.structure.pages").addFilter(UNREAD_LINKS)


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
    targets: list[tuple[str, str | None]] = []
    if "](" not in markdown and "]:" not in markdown:  # what every match holds; most
        return targets  # generated pages hold none, and the pattern scans slowly
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
    parts = [FORMAT, installed_version("mkdocs"), installed_version("mkdocs-material")]
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
    """The navigation as the templates show it: titles, URLs, nesting, and what
    Material shows of each page's front matter (an icon, a status)."""

    def walk(items: list[Any]) -> list[Any]:
        return [
            (
                type(i).__name__, str(i.title), getattr(i, "url", None),
                [(getattr(i, "meta", None) or {}).get(name) for name in NAV_META],
                walk(i.children or []),
            )
            for i in items
        ]  # fmt: skip

    return digest(repr(walk(nav.items)))


def nav_signature(nav: Navigation) -> str:
    """Everything the navigation shows, known before any page is read: each page's
    title from the configuration, else what its source says (its front matter's title,
    else its first heading: the source itself stands for it)."""

    def walk(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            entry = [type(item).__name__, item.title, getattr(item, "url", None)]
            file = getattr(item, "file", None)
            if file is not None:
                source = file.content_bytes
                _markdown, meta = get_data(source.decode("utf-8", errors="replace"))
                entry += [[meta.get(name) for name in NAV_META]]
                if item.title is None and "title" not in meta:
                    entry.append(digest(source.decode("utf-8", errors="replace")))
            out.append([*entry, walk(item.children or [])])
        return out

    return digest(repr(walk(nav.items)))


def installed_version(distribution: str) -> str:
    """An installed distribution's version, "-" if it is not installed."""
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
    """The pages of the last build, on disk: per page, its conversion (``.conv``, with the
    key it was made from) and the output file MkDocs wrote (``.KEY.html``: named by the
    key of everything it was made from, so a build that stops half-way leaves no file
    that a later build could take for another key's).

    Two files, not one: every page's conversion is needed while MkDocs converts all pages,
    but its output only when the page is left out of rendering, and then only on disk.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.theme = ""
        self.nav = ""
        self.converted_again = 0
        self.rendered_again = 0
        #: Whether whole pages may be left out: no other plugin renders pages.
        self.leaving_out = True
        self._source: dict[str, str] = {}  # this build's conversion key, by page
        self._kept: set[str] = set()  # pages whose kept conversion holds
        self._context: dict[str, str] = {}  # this build's output key, by page
        # this build's unread key, staged digest and whether it links, by page
        self._unread: dict[str, tuple[str, str, bool]] = {}
        #: Whether pages may be left out before they are read: no other plugin sees pages.
        self.leaving_out_unread = True

    def start(self, config: MkDocsConfig, owner: object) -> None:
        """A new build; ``owner`` is the plugin whose page events these are."""
        self.theme, self.nav = theme_key(config), ""
        self.converted_again = self.rendered_again = 0
        self._source, self._kept, self._context = {}, set(), {}
        self._unread = {}

        def only_owner(events: tuple[str, ...]) -> bool:
            methods = (m for event in events for m in config.plugins.events[event])
            return all(getattr(method, "__self__", None) is owner for method in methods)

        self.leaving_out = only_owner(RENDERING_EVENTS)
        self.leaving_out_unread = only_owner(PAGE_EVENTS)

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
        """The page's HTML; a new conversion is kept for the next build."""
        src = page.file.src_uri
        if src not in self._kept:
            # Now, not once the page is rendered: MkDocs converts every page before it
            # renders any, and holding each conversion until then held the HTML twice.
            self.folder.mkdir(parents=True, exist_ok=True)
            self._keep(src, ".conv", self._source[src], Converted.of(page, html))
        return html

    def leave_out_unread(
        self, pages: list[Page], nav: Navigation, files: Files, staged: dict[str, str]
    ) -> dict[str, Path]:
        """The pages whose last output holds, found before MkDocs reads any: by page, the
        output file to put in the site.

        MkDocs reads, parses and converts every page before it renders any (a kept page
        costs about 0.5 ms there), although whether a page's output holds is known from
        its source bytes, the URLs its links resolve to and what the theme shows around
        it: the navigation (``nav_signature``), the settings and theme files, the page's
        URL, dates and edit link (set on ``pages`` before this call). Pages in the
        navigation are read as ever: the others' output shows their titles. ``staged``
        holds the digest of each page's bytes as the builder wrote them: a page whose
        bytes are the last build's and held no Markdown link is not even read here.
        """
        in_nav = {page.file.src_uri for page in nav.pages}
        if not self.leaving_out_unread:
            return {}
        signature = nav_signature(nav)
        try:
            last = pickle.loads((self.folder / UNREAD).read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            last = {}
        found = {}
        kept = self._kept_names()
        for page in pages:
            src = page.file.src_uri
            if src in in_nav:
                continue
            unread_key, output, source, linked = last.get(src, ("", "", "", True))
            now = staged.get(src)
            targets: list[tuple[str, str | None]] = []
            if now is None or now != source or linked:
                text = page.file.content_bytes.decode("utf-8", errors="replace")
                targets = link_targets(src, text, files)
                now, linked = now or digest(text), bool(targets)
            source = now
            key = digest(
                FORMAT, self.theme, signature, src, page.url, source, repr(targets),
                repr(page.update_date), repr(page.edit_url), repr(page.canonical_url),
            )  # fmt: skip
            self._unread[src] = (key, source, linked)
            if unread_key == key:
                self._context[src] = output
                name = self._output_name(digest(src), src)
                if name in kept:
                    found[src] = self.folder / name
                else:
                    del self._context[src]
        return found

    def _kept_names(self) -> set[str]:
        """The names of the kept output files: one listing of the folder, where asking
        for each of 8,000 pages' files was a third of a second of every build."""
        try:
            return {entry.name for entry in os.scandir(self.folder) if entry.is_file()}
        except OSError:
            return set()

    def kept_output(self, page: Page, nav: Navigation) -> Path | None:
        """The output file the last build wrote for the page, if its inputs are the same.

        Call once every page is converted (the navigation's titles are final), with the
        page's edit link set.
        """
        src = page.file.src_uri
        if not self.nav:
            self.nav = nav_key(nav)
        key = digest(
            self._source.get(src, ""), self.nav, page.url, str(page.title), repr(page.meta),
            repr(page.update_date), repr(page.edit_url), repr(page.canonical_url),
        )  # fmt: skip
        self._context[src] = key
        if not self.leaving_out or src not in self._kept:
            return None
        path = self._output_path(src)
        return path if path.is_file() else None

    def output_key(self, page: Page) -> str | None:
        """The key of everything the page's output is made from (after ``kept_output``);
        None when another plugin renders pages too, as its output may then hold more."""
        return self._context.get(page.file.src_uri) if self.leaving_out else None

    def _output_path(self, src_uri: str) -> Path:
        return self.folder / self._output_name(digest(src_uri), src_uri)

    def _output_name(self, name: str, src_uri: str) -> str:
        """The kept output file's name: the page's, and the key of what it was made of."""
        return f"{name}.{self._context[src_uri][:32]}.html"

    def output(self, page: Page, html: str) -> str:
        """Keep a newly rendered page's output file for the next build."""
        src = page.file.src_uri
        self.rendered_again += 1
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.leaving_out and src in self._context:
            # The bytes MkDocs writes (``mkdocs.commands.build._build_page``).
            data = html.encode("utf-8", errors="xmlcharrefreplace")
            atomic_write(self._output_path(src), data)
        return html

    def finish(self, files: Files) -> None:
        """Forget the pages this build no longer has, and their outputs of other keys."""
        pages = {f.src_uri for f in files.documentation_pages(inclusion=lambda _: True)}
        try:  # listed once: 16,000 look-ups of single files cost seconds a build
            present = set(os.listdir(self.folder))
        except OSError:
            present = set()
        names = {src: digest(src) for src in pages}
        keep = {f"{names[src]}.conv" for src in pages}
        outputs = {src: self._output_name(names[src], src) for src in pages if src in self._context}
        keep.update(outputs.values())
        if self.leaving_out_unread:
            unread = {
                src: (key, self._context[src], source, linked)
                for src, (key, source, linked) in self._unread.items()
                if src in outputs and outputs[src] in present
            }
            atomic_write(self.folder / UNREAD, pickle.dumps(unread))
            keep.add(UNREAD)
        for name in present - keep:
            with contextlib.suppress(OSError):
                (self.folder / name).unlink(missing_ok=True)
