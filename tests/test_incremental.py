"""A rebuild after one seed changes re-extracts that article only, and gives what a cold
build gives; the per-article cache keeps only what the last build used."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from builder.ingest.reader import ingest
from builder.model import Article
from builder.pipeline import extract_all
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
