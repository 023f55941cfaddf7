"""Page ids and addresses: one slug rule and one allocator for articles, entities, events."""

from __future__ import annotations

from builder.events.finder import with_ids
from builder.ingest.parse import assign_ids
from builder.model import Article, Event, Paragraph
from builder.urls import Slugs, Urls, slug, source_of


def _event(title: str) -> Event:
    return Event("", title, "sanctions", None, None, [], [])


def test_event_ids_never_collide_with_a_suffixed_id() -> None:
    # Two undated "Sanctions on Nord Stream" and one "Sanctions on Nord Stream 2": the
    # old counter gave the second and the third the same id, and one page overwrote the other.
    titles = ["Sanctions on Nord Stream", "Sanctions on Nord Stream", "Sanctions on Nord Stream 2"]
    ids = [e.id for e in with_ids([_event(t) for t in titles])]
    assert len(set(ids)) == 3, ids
    assert ids[0] == "sanctions-on-nord-stream"


def test_index_is_never_an_id_of_any_kind() -> None:
    assert [e.id for e in with_ids([_event("Index")])] == ["index-2"]
    article = Article("", "Index", None, [], None, [Paragraph(1, "Text.")], "a.txt")
    assert assign_ids([article])[0].id == "index-2"


def test_slugs_are_unique_whatever_the_order_of_bases() -> None:
    slugs = Slugs()
    got = [slugs.unique(b) for b in ["a-2", "a", "a", "a", "a-2"]]
    assert got == ["a-2", "a", "a-3", "a-4", "a-2-2"]


def test_slug_cuts_long_titles_at_a_word_boundary() -> None:
    title = "Meeting: " + " ".join(["Alexandria Ocasio-Cortez"] * 6) + " 2019-01-01"
    made = slug(title)
    assert 40 <= len(made) <= 80
    # The first whole words, in order: never a word cut in two, none skipped.
    assert (title.lower().replace(":", "").replace(" ", "-") + "-").startswith(made + "-")


def test_urls_and_their_staging_sources_agree() -> None:
    assert Urls.entity("place", "aleppo") == "places/aleppo/"
    assert Urls.entity("person", "x") == "actors/x/"
    assert source_of(Urls.entity("person", "x")) == "actors/x.md"
    assert source_of(Urls.article("a")) == "articles/a.md"
    assert source_of(Urls.event("e")) == "events/e.md"
    assert source_of(Urls.MAP) == "map/index.md"
    assert source_of(Urls.HOME) == "index.md"
