"""Publishing: the files and dates a hosted site needs beyond the pages themselves.

The What's new page (from the change report), the Atom feed, and a date per page for
the sitemap's ``lastmod``: all taken from the corpus, never from the clock, so the same
input and the same previous build give the same bytes.
"""

from __future__ import annotations

from typing import Any

from builder.publish.changes import WHATS_NEW_PAGE, ChangeReport, whats_new_page
from builder.publish.feed import FEED_PATH, FeedSite, atom_feed, parse_date
from builder.urls import Urls, source_of


def publish_files(corpus: dict[str, Any], report: ChangeReport, site: FeedSite) -> dict[str, str]:
    """Generated files by staging path: the What's new page and the feed."""
    return {WHATS_NEW_PAGE: whats_new_page(report), FEED_PATH: atom_feed(corpus, site)}


def _day(value: Any) -> str | None:
    parsed = parse_date(value)
    return parsed.strftime("%Y-%m-%d") if parsed else None


def page_dates(corpus: dict[str, Any]) -> tuple[dict[str, str], str | None]:
    """Last-modified day of each generated page by staging path, and the corpus' newest day.

    An article page is as old as the article; an entity or event page as the newest
    article it draws on. Pages not listed (indexes, curated pages) change whenever the
    corpus does, so they take the newest day of all.
    """
    article_day = {a["id"]: _day(a.get("date")) for a in corpus.get("articles") or []}
    dates: dict[str, str] = {}
    for a in corpus.get("articles") or []:
        if article_day[a["id"]]:
            dates[source_of(a.get("page") or Urls.article(a["id"]))] = article_day[a["id"]]
    for e in corpus.get("entities") or []:
        days = [article_day.get(i) for i in e.get("articles") or []]
        newest = max((d for d in days if d), default=None)
        if newest and e.get("url"):
            dates[source_of(e["url"])] = newest
    for e in corpus.get("events") or []:
        days = [article_day.get(s.get("article")) for s in e.get("sources") or []]
        newest = max((d for d in days if d), default=_day(e.get("date")))
        if newest:
            dates[source_of(e.get("url") or Urls.event(e["id"]))] = newest
    return dates, max(article_day.values(), key=lambda d: d or "", default=None) or None
