"""The realistic benchmark corpus: deterministic, shaped like wire copy, read by ingest."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from builder.ingest.reader import ingest
from tests.bench.make_corpus import Generated, make_corpus

ARTICLES = 40
HEADER_LINES = 4  # headline, byline, outlet, date line, in some order


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _sentences(paragraph: str) -> list[str]:
    return re.split(r"(?:(?<=[.!?])|(?<=[.!?]”))\s+(?=[“A-Z])", paragraph)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Generated]]:
    folder = tmp_path_factory.mktemp("realistic")
    stats: list[Generated] = []
    make_corpus(ARTICLES, folder, style="realistic", stats=stats)
    return folder, stats


def test_same_arguments_same_files(tmp_path: Path) -> None:
    make_corpus(10, tmp_path / "a", style="realistic")
    make_corpus(10, tmp_path / "b", style="realistic")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    make_corpus(10, tmp_path / "c", seed=8, style="realistic")
    assert _files(tmp_path / "c") != _files(tmp_path / "a")
    make_corpus(10, tmp_path / "d")  # the default style is still the short one
    assert _files(tmp_path / "d") != _files(tmp_path / "a")


def test_length_paragraphs_and_names_like_news(corpus: tuple[Path, list[Generated]]) -> None:
    _, stats = corpus
    assert 600 <= statistics.median(a.words for a in stats) <= 800
    assert all(12 <= a.paragraphs <= 25 for a in stats)
    density = statistics.median(100 * a.names / a.words for a in stats)
    assert 3 <= density <= 6, density
    paragraphs = [p for a in stats for p in a.text.strip().split("\n\n")[HEADER_LINES:]]
    assert all(1 <= len(_sentences(p)) <= 3 for p in paragraphs)
    # Varied text: no sentence twice in an article, few paragraphs twice in the corpus.
    for article in stats:
        body = article.text.split("\n\n")[HEADER_LINES:]
        counts = Counter(s for p in body for s in _sentences(p))
        assert counts.most_common(1)[0][1] == 1, counts.most_common(1)
    assert len(set(paragraphs)) >= 0.85 * len(paragraphs)


def test_ingest_reads_every_article(corpus: tuple[Path, list[Generated]]) -> None:
    folder, _ = corpus
    result = ingest(folder)
    assert len(result.articles) == ARTICLES
    assert not [p for p in result.problems if p.severity != "info"]
    headlines = {p.read_text(encoding="utf-8").split("\n", 1)[0] for p in folder.iterdir()}
    for article in result.articles:
        assert article.title in headlines
        assert article.date is not None and article.date.precision == "day", article.title
        assert article.outlet and article.authors, article.title
        assert 12 <= len([p for p in article.paragraphs if p.kind == "text"]) <= 25
    datelines = sum(a.dateline is not None for a in result.articles)
    assert 0 < datelines < ARTICLES  # some wire datelines ("CITY (Agency) —"), not all
