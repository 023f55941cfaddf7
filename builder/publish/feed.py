"""Atom feed of the corpus' articles and events (``feed.xml``), made with feedgen.

Written from the ``corpus.json`` document, not from MkDocs pages: the generated pages
have no dates MkDocs knows of, and the feed must not depend on the renderer.

Rules (documented in the README):
- the newest ``FEED_ENTRIES`` dated articles and events are its entries (a feed says
  what is new; the site is the archive); ``updated`` and ``published`` are the date
  (month or year precision: its first day), 00:00 UTC. An event is an entry dated by
  when it was reported, the newest date of its source articles (as in the sitemap),
  not by when it happened: a 2015 shoot-down reported in 2024 is 2024 news, and a
  summit announced for next week is not tomorrow's news. Undated items are left out:
  Atom requires a date, and a made-up one would sort them wrongly in readers.
- the feed's own ``updated`` is the newest entry's date, never the clock, so the same
  corpus gives the same bytes.
- with ``site_url`` links and ids are absolute page URLs; without it links are relative
  to the feed (fine for a feed opened from the site, not for a feed reader), and ids
  are ``urn:uuid:`` names derived from the item's id.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

from builder import __version__
from builder.render.describe import first_sentence, shorten
from builder.urls import Urls

FEED_PATH = "feed.xml"
FEED_TYPE = "application/atom+xml"
#: Entries in the feed, newest first. Feed readers fetch the whole file at every poll,
#: and a corpus of 1,000 articles made a feed of 4,890 entries (2.2 MB; most of a
#: second of every build). Checked: jekyll-feed keeps 10 posts, mkdocs-rss-plugin 20,
#: WordPress 10; a corpus may gain a hundred articles between two polls.
FEED_ENTRIES = 100
#: Epoch of a feed with no dated entries: fixed, so the output stays deterministic.
NO_DATE = datetime(1970, 1, 1, tzinfo=UTC)
#: Characters XML 1.0 cannot carry at all; lxml refuses them, so drop them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_UUID_NAMESPACE = uuid.UUID("6f0c4a9e-0d55-4c9f-9a51-7d1f3a0e8b21")  # this project's own


@dataclass(frozen=True)
class FeedSite:
    """What the feed says about the site itself."""

    name: str
    description: str = ""
    url: str | None = None  # site_url; None for a site of relative links only


@dataclass(frozen=True)
class _Entry:
    key: str  # "article:<id>" or "event:<id>": unique across kinds
    kind: str
    title: str
    url: str
    date: datetime
    summary: str
    authors: tuple[str, ...] = ()


def parse_date(value: Any) -> datetime | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` as midnight UTC of its first day."""
    if not isinstance(value, str):
        return None
    match = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    if not match:
        return None
    year, month, day = (int(g) if g else 1 for g in match.groups())
    try:
        return datetime(year, month, day, tzinfo=UTC)
    except ValueError:
        return None


def _clean(text: Any) -> str:
    return _NOT_XML.sub("", str(text or ""))


def _entries(corpus: dict[str, Any]) -> list[_Entry]:
    """The feed's entries: the newest ``FEED_ENTRIES`` dated articles and events."""
    found = []
    for a in corpus.get("articles") or []:
        date = parse_date(a.get("date"))
        if date is None:
            continue
        lead = next(
            (p.get("text", "") for p in a.get("paragraphs") or [] if p.get("kind") == "text"), ""
        )
        outlet = a.get("outlet") or ""
        summary = f"{outlet}: {first_sentence(lead)}" if outlet else first_sentence(lead)
        found.append(
            _Entry(
                key=f"article:{a['id']}",
                kind="article",
                title=a.get("title") or str(a["id"]),
                url=a.get("page") or Urls.article(a["id"]),
                date=date,
                summary=summary,
                authors=tuple(a.get("authors") or ()),
            )
        )
    published = {a.get("id"): parse_date(a.get("date")) for a in corpus.get("articles") or []}
    for e in corpus.get("events") or []:
        reported = [published.get(s.get("article")) for s in e.get("sources") or []]
        date = max((d for d in reported if d is not None), default=None)
        if date is None or not e.get("date"):
            continue
        sources = len(e.get("sources") or [])
        summary = f"{e.get('type') or 'event'}, {e['date']}" + (
            f", reported in {sources} source{'s' if sources != 1 else ''}" if sources else ""
        )
        found.append(
            _Entry(
                key=f"event:{e['id']}",
                kind="event",
                title=e.get("title") or str(e["id"]),
                url=e.get("url") or Urls.event(e["id"]),
                date=date,
                summary=summary,
            )
        )
    # Newest first, as readers expect; ties in a fixed order.
    return sorted(found, key=lambda x: (-x.date.timestamp(), x.key))[:FEED_ENTRIES]


def atom_feed(corpus: dict[str, Any], site: FeedSite) -> str:
    """The Atom document for ``corpus`` (a corpus.json dict)."""
    base = site.url.rstrip("/") + "/" if site.url else ""
    entries = _entries(corpus)
    feed = FeedGenerator()
    feed.id(base + FEED_PATH if base else _urn("feed", site.name))
    feed.title(_clean(site.name) or "News explorer")
    if site.description:
        feed.subtitle(_clean(site.description))
    feed.author({"name": _clean(site.name) or "News explorer"})
    feed.link(href=base or "./", rel="alternate", type="text/html")
    feed.link(href=base + FEED_PATH, rel="self", type=FEED_TYPE)
    feed.generator("news-explorer", version=__version__)
    feed.updated(entries[0].date if entries else NO_DATE)
    for item in entries:
        entry = feed.add_entry(order="append")
        entry.id(base + item.url if base else _urn(item.key, site.name))
        entry.title(_clean(item.title))
        entry.link(href=base + item.url, rel="alternate", type="text/html")
        entry.updated(item.date)
        entry.published(item.date)
        entry.summary(_clean(shorten(item.summary)))
        entry.category(term=item.kind)
        for name in item.authors:
            if _clean(name).strip():
                entry.author({"name": _clean(name)})
    return feed.atom_str(pretty=True, encoding="UTF-8").decode("utf-8")


def _urn(key: str, site_name: str) -> str:
    """A stable Atom id when there is no site URL to derive one from."""
    name = uuid.uuid5(_UUID_NAMESPACE, site_name + "\n" + key)
    return f"urn:uuid:{name}"
