"""The benchmark's corpus generator is deterministic and writes articles ingest accepts."""

from __future__ import annotations

from pathlib import Path

import yaml

from builder.ingest.reader import ingest
from tests.bench.make_corpus import make_corpus


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_same_arguments_same_files(tmp_path: Path) -> None:
    make_corpus(12, tmp_path / "a")
    make_corpus(12, tmp_path / "b")
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    make_corpus(12, tmp_path / "c", seed=8)
    assert _files(tmp_path / "c") != _files(tmp_path / "a")


def test_articles_ingest_with_metadata_and_distinct_names(tmp_path: Path) -> None:
    make_corpus(30, tmp_path)
    result = ingest(tmp_path)
    assert len(result.articles) == 30
    assert not [p for p in result.problems if p.severity != "info"]
    for article in result.articles:
        assert article.date is not None and article.date.precision == "day"
        assert article.outlet and article.authors, article.title
        assert len([p for p in article.paragraphs if p.kind == "text"]) >= 5
    titles = {a.title for a in result.articles}
    assert len(titles) > 20  # not one article copied thirty times


def test_every_dev_gold_file_is_one_valid_annotation_of_one_article() -> None:
    """The development corpus the quality table is measured on: each article has one gold
    file whose entities the scorer accepts (one kind per name, no clashing variants), and
    each id is in exactly one part of the split."""
    from tests.bench.score_dev import DEV, _gold_entities, load_golds
    from tests.bench.score_extraction import parse_gold

    texts = {p.stem for p in (DEV / "articles").glob("*.txt")}
    golds = load_golds()
    assert set(golds) == texts
    problems = []
    for name, gold in golds.items():
        if gold.get("id") != name:
            problems.append(f"{name}: id {gold.get('id')!r}")
        try:
            parse_gold(_gold_entities(gold))
        except ValueError as error:
            problems.append(f"{name}: {error}")
    assert not problems, problems
    split = yaml.safe_load((DEV / "split.yaml").read_text(encoding="utf-8"))
    tune, test = split["tune"], split["test"]
    assert len(tune) == len(set(tune)) and len(test) == len(set(test))
    assert not set(tune) & set(test)
    assert set(tune) | set(test) == texts
