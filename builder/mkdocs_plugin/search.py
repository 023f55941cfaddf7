"""Search: the built site indexed by Pagefind, answered from Material's header box.

Pagefind (``pagefind[bin]`` from PyPI: the binary ships in the wheel, nothing is
downloaded) splits its index into small chunks a query loads on demand, where Material's
lunr index is one file every visitor downloads whole (13.6 MB at 5,000 articles).

What is indexed: the article element of every page whose front matter does not say
``search: exclude: true`` (Material's own switch, which the render stage already sets on
lists and overviews), minus elements marked ``data-search-exclude`` (repeated tables,
maps, networks). Pagefind folds diacritics itself ("Turkiye" finds "Türkiye").
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

#: Templates and assets laid over Material's: the header box that Pagefind answers.
THEME_DIR = Path(__file__).parent / "theme"
#: Where the bundle goes, inside the site folder; the search partial loads it from here.
BUNDLE = "pagefind"
#: The element Material puts a page's content in; Pagefind indexes only inside it.
ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
INDEXED_TAG = '<article class="md-content__inner md-typeset" data-pagefind-body>'
#: Marked by the render stage on what a reader does not search for.
EXCLUDED = ("[data-search-exclude]",)


def excluded(page: Page) -> bool:
    """Whether the page's front matter keeps it out of search, as Material reads it."""
    search = page.meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def mark_indexed(html: str, page: Page) -> str:
    """Mark the page's article as Pagefind's body, unless the page is excluded.

    Once any page has ``data-pagefind-body``, Pagefind skips pages without it: so the
    header, the navigation and the footer of every page stay out of the index.
    """
    if excluded(page):
        return html
    return html.replace(ARTICLE_TAG, INDEXED_TAG, 1)


async def _index(site_dir: Path) -> int:
    from pagefind.index import IndexConfig, PagefindIndex

    config = IndexConfig(
        exclude_selectors=list(EXCLUDED),
        # One language: the pages are English whatever the article; Pagefind would
        # otherwise split the index by each page's <html lang>.
        force_language="en",
        output_path=str(site_dir / BUNDLE),
    )
    async with PagefindIndex(config=config) as index:
        result = await index.add_directory(str(site_dir))
    return int(result["page_count"])


def index_site(site_dir: Path) -> int:
    """Index the built site in ``site_dir``; returns the number of pages indexed."""
    return asyncio.run(_index(site_dir))
