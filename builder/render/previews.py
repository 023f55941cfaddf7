"""Hover previews: every page carries, as data, what its links lead to.

Pointing at (or tabbing to) a link to an entity, event or article shows its kind, name
and a line about it, as Quartz's popovers and Wikipedia's page previews do. The data
travels with the page (a JSON element, keyed by each link's ``href`` as written), so a
hover costs no request; ``assets/news-explorer/previews.js`` shows it.
"""

from __future__ import annotations

import posixpath
import re

from builder.model import Corpus
from builder.render.describe import first_sentence, shorten
from builder.render.events import type_name
from builder.render.lead import Profile, lead_text
from builder.render.markup import inline_json
from builder.urls import Urls, url_of

#: Where the script lands in the site (on every page).
PREVIEW_SCRIPT = "assets/news-explorer/previews.js"
#: A page linking to more pages than this carries no previews (an index of thousands).
MAX_PREVIEWS = 400
#: The relative links of a page's Markdown, anchor and query aside.
_HREF = re.compile(r'href="([^"#?:]*)(?:[#?][^"]*)?"')

Preview = dict[str, str]  # {"kind": ..., "name": ..., "text": ...}


def preview_table(corpus: Corpus, profiles: dict[str, Profile]) -> dict[str, Preview]:
    """The preview of every entity, event and article page, by its URL."""
    table: dict[str, Preview] = {}
    for profile in profiles.values():
        table[profile.entity.url] = {
            "kind": profile.kind_label,
            "name": profile.entity.name,
            "text": lead_text(profile),
        }
    for article in corpus.articles:
        known = [article.date.value if article.date else "", article.outlet or ""]
        opening = next((p.text for p in article.paragraphs if p.kind == "text"), "")
        table[Urls.article(article.id)] = {
            "kind": "Article",
            "name": article.title,
            "text": " · ".join([*(k for k in known if k), first_sentence(opening)]),
        }
    for event in corpus.events:
        when = event.date.value if event.date else "date unknown"
        table[event.url] = {
            "kind": "Event",
            "name": event.title,
            "text": shorten(f"{type_name(event.type)} · {when}"),
        }
    return table


def with_previews(source: str, markdown: str, table: dict[str, Preview]) -> str:
    """The page's Markdown with the previews of the pages it links to."""
    return markdown + previews_part(preview_links(source, markdown), table)


def preview_links(source: str, markdown: str) -> list[tuple[str, str]]:
    """Each link of the page (``href`` as written) and the site URL it leads to, but
    links to the page itself; a kept page keeps these beside its text."""
    here = url_of(source)
    found = []
    for href in sorted(set(_HREF.findall(markdown))):
        target = _resolve(here, href)
        if target != here:
            found.append((href, target))
    return found


def previews_used(links: list[tuple[str, str]], table: dict[str, Preview]) -> dict[str, Preview]:
    """The previews a page with these links carries, by ``href``."""
    return {href: table[target] for href, target in links if target in table}


def previews_part(links: list[tuple[str, str]], table: dict[str, Preview]) -> str:
    """What follows a page's Markdown: the previews of the pages it links to, or ""."""
    found = previews_used(links, table)
    if not found or len(found) > MAX_PREVIEWS:
        return ""
    return f'\n<script type="application/json" class="nx-previews">{inline_json(found)}</script>\n'


def _resolve(here: str, href: str) -> str:
    """The site URL ``href`` points to from the directory URL ``here``."""
    if not href:
        return here
    path = posixpath.normpath(posixpath.join(here, href))
    return "" if path == "." else path.lstrip("/") + "/"
