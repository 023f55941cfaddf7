"""A rebuild after one seed changes re-extracts that article only, and gives what a cold
build gives; the per-article cache keeps only what the last build used."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from builder.ingest.reader import ingest
from builder.model import Article, Corpus
from builder.pipeline import extract_all, run
from builder.render import render
from builder.urls import source_of
from tests.conftest import SEEDS


def _edited(article: Article) -> Article:
    last = article.paragraphs[-1]
    text = last.text + " The envoy met the minister in Geneva on Monday."
    return dataclasses.replace(
        article, paragraphs=[*article.paragraphs[:-1], dataclasses.replace(last, text=text)]
    )


def test_one_changed_article_is_extracted_again_and_old_results_go(tmp_path: Path) -> None:
    articles = ingest(SEEDS).articles
    cache = tmp_path / "extract"
    said: list[str] = []

    cold, _ = extract_all(articles, "rules", cache, said.append)
    assert f"extract: {len(articles)} of {len(articles)} articles" in said[0]
    assert len(list(cache.glob("*.pickle"))) == len(articles)

    said.clear()
    again, _ = extract_all(articles, "rules", cache, said.append)
    assert said == [f"extract: all {len(articles)} articles from cache"]
    assert again == cold

    changed = [*articles[:-1], _edited(articles[-1])]
    said.clear()
    warm, _ = extract_all(changed, "rules", cache, said.append)
    assert f"extract: 1 of {len(articles)} articles" in said[0]
    fresh, _ = extract_all(changed, "rules", None, lambda _: None)
    assert warm == fresh
    assert warm[:-1] == cold[:-1] and warm[-1] != cold[-1]
    # The edited article's old result is not kept beside the new one.
    assert len(list(cache.glob("*.pickle"))) == len(articles)


def _pages(corpus: Corpus) -> dict[str, list[str]]:
    """The pages a change to the most named person must reach: theirs, one of their
    events, the home page and the people index."""
    person = max((e for e in corpus.entities if e.kind == "person"), key=lambda e: len(e.mentions))
    event = next(e for e in corpus.events if person.id in e.participants)
    return {"person": [person.name, source_of(person.url)], "event": [source_of(event.url)]}


def _corpus(seeds: Path, cache: Path) -> Corpus:
    return run(seeds, extractor="model", cache_dir=cache, progress=lambda _: None)


def test_a_render_that_keeps_pages_gives_the_cold_render(tmp_path: Path) -> None:
    """Pages of articles, entities and events are kept by their inputs; after a seed
    changes, the kept and redrawn pages are byte for byte what a render without them
    gives, although the change reaches an entity's page, its event, the home page and
    an index."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    extract, kept = tmp_path / "extract", tmp_path / "render"
    before = _corpus(seeds, extract)
    said: list[str] = []
    first = render(before, cache_dir=kept, progress=said.append)
    total = len(before.articles) + len(before.entities) + len(before.events)
    assert said == [f"render: {total} of {total} pages of articles, entities and events drawn"]
    assert render(before, cache_dir=kept) == first

    # The most named person now meets a country in a new sentence of the first seed:
    # their page, an event's page, the home page's counts and the people index change.
    (name, person_page), (event_page,) = _pages(before).values()
    country = max((e for e in before.entities if e.kind == "country"), key=lambda e: e.id)
    seed = sorted(seeds.glob("*.txt"))[0]
    lines = seed.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += f" {name} met the leaders of {country.name} on Monday."
    seed.write_text("\n".join(lines), encoding="utf-8")
    after = _corpus(seeds, extract)
    said.clear()
    warm = render(after, cache_dir=kept, progress=said.append)
    cold = render(after)
    assert warm == cold
    changed = {path for path in cold if cold[path] != first.get(path)}
    assert {person_page, event_page, "index.md", "people.md"} <= changed
    # Five articles share most names, so one changed article reaches most pages; the
    # pages of names it does not hold are kept.
    drawn = int(said[0].split()[1])
    assert 0 < drawn < len(after.articles) + len(after.entities) + len(after.events), said
