"""Every page's address and every page id: the one owner of both.

A page has a URL (``actors/bashar-al-assad/``, as MkDocs serves it with directory URLs)
and a source path in the staging folder (``actors/bashar-al-assad.md``); ``Urls`` gives
both for every kind of page, and ``source_of`` turns one into the other. Ids are slugs
from python-slugify, made unique by ``Slugs`` in one way for articles, entities and events.
"""

from __future__ import annotations

from collections.abc import Iterable

from slugify import slugify

#: Longest id, in characters, cut at a word boundary.
MAX_SLUG = 80
#: Ids a page may not have: ``<section>/index.md`` is the section's own index page.
RESERVED_IDS = frozenset({"index"})


class Urls:
    """Site-relative URLs (no leading slash) of every page the builder writes."""

    HOME = ""
    ARTICLES = "articles/"
    ACTORS = "actors/"
    PLACES = "places/"
    EVENTS = "events/"
    MAP = "map/"
    TIMELINE = "timeline/"
    NETWORK = "network/"
    DATA = "data/"
    WHATS_NEW = "whats-new/"
    CURATION = "curation/"
    CORPUS_JSON = "data/corpus.json"

    @staticmethod
    def section(kind: str) -> str:
        """The section of an entity kind: places are places, every other kind an actor."""
        return "places" if kind == "place" else "actors"

    @classmethod
    def article(cls, article_id: str) -> str:
        return f"{cls.ARTICLES}{article_id}/"

    @classmethod
    def entity(cls, kind: str, entity_id: str) -> str:
        return f"{cls.section(kind)}/{entity_id}/"

    @classmethod
    def event(cls, event_id: str) -> str:
        return f"{cls.EVENTS}{event_id}/"


def source_of(url: str) -> str:
    """The staging path of a page URL: ``actors/x/`` -> ``actors/x.md``, ``map/`` ->
    ``map/index.md`` for the section pages, ``""`` -> ``index.md``."""
    if url in ("", "/"):
        return "index.md"
    stem = url.rstrip("/")
    if "/" not in stem:
        return f"{stem}/index.md"
    return f"{stem}.md"


def url_of(source: str) -> str:
    """The URL of a staging path: ``actors/x.md`` -> ``actors/x/``, ``actors/index.md`` ->
    ``actors/`` (MkDocs' directory URLs)."""
    stem = source.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def slug(text: str) -> str:
    """The id a name or title gives, empty when it has no letters or digits to keep.

    Long ones keep their first whole words in order (``save_order``): python-slugify's
    plain ``word_boundary`` skips a word that does not fit and takes a later shorter one.
    """
    return slugify(text, max_length=MAX_SLUG, word_boundary=True, save_order=True)


class Slugs:
    """Unique ids for one set of pages, first come first served: ``x``, ``x-2``, ``x-3``.

    A candidate already taken, by another base or by a suffixed id, is never given out
    again, so two pages never share an id whatever their titles ("a", "a", "a 2").
    """

    def __init__(self, reserved: Iterable[str] = RESERVED_IDS) -> None:
        self.taken: set[str] = set(reserved)

    def unique(self, base: str) -> str:
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate
