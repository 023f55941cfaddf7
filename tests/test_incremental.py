"""A rebuild after one seed changes re-extracts that article only, and gives what a cold
build gives; the per-article cache keeps only what the last build used."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from builder.build import MANIFEST_SUFFIX, write_tree
from builder.extract.parallel import PARALLEL_MIN_ARTICLES
from builder.infra.files import Known
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


def test_a_few_articles_extracted_in_a_fork_match_the_process_pool(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A few articles go to one fork beside the cache's reading, many to the pool: the
    results and the pipeline's name are the same either way."""
    articles = ingest(SEEDS).articles
    said: list[str] = []
    forked, forked_by = extract_all(articles, "rules", None, said.append)
    assert "(1 process)" in said[-1]
    monkeypatch.setenv("NEWS_EXPLORER_WORKERS", "2")
    said.clear()
    pooled, pooled_by = extract_all(articles, "rules", None, said.append)
    assert "(2 processes)" in said[-1]
    assert forked == pooled and forked_by == pooled_by == "rules"


def test_many_articles_on_one_worker_are_not_sent_to_one_fork(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The fork is for a few changed articles: a cold build on one worker extracts here,
    reporting and caching as it goes."""
    seeds = ingest(SEEDS).articles
    articles = [dataclasses.replace(a, id=f"{a.id}-{n}") for n in range(3) for a in seeds]
    assert len(articles) >= PARALLEL_MIN_ARTICLES
    monkeypatch.setenv("NEWS_EXPLORER_WORKERS", "1")
    said: list[str] = []
    extract_all(articles, "rules", tmp_path, said.append)
    assert f"extract: {len(articles)} articles with" in said[0] and "(1 process)" in said[0]


def _texts(files: dict[str, str | Known]) -> dict[str, str]:
    """A render's files as text: a page given as ``Known`` made again, and checked to be
    the bytes its digest names."""
    texts = {}
    for path, value in files.items():
        if isinstance(value, Known):
            data = value.produce()
            assert hashlib.sha256(data).hexdigest() == value.digest, path
            texts[path] = data.decode()
        else:
            texts[path] = value
    return texts


def _pages(corpus: Corpus) -> dict[str, list[str]]:
    """The pages a change to the most named person must reach: theirs, one of their
    events, the home page and the people index."""
    person = max((e for e in corpus.entities if e.kind == "person"), key=lambda e: len(e.mentions))
    event = next(e for e in corpus.events if person.id in e.participants)
    return {"person": [person.name, source_of(person.url)], "event": [source_of(event.url)]}


def _corpus(seeds: Path, cache: Path) -> Corpus:
    return run(seeds, extractor="model", cache_dir=cache, progress=lambda _: None)


def test_a_build_whose_every_article_is_kept_never_imports_spacy(tmp_path: Path) -> None:
    """spaCy and its model are for articles to extract: a rebuild that extracts none
    (a curated page edited, nothing changed) starts without them. (A few articles to
    extract are extracted in a fork, so the first build does not import it here either.)"""
    code = (
        "import sys; from pathlib import Path; from builder.pipeline import run; "
        f"corpus = run(Path({str(SEEDS)!r}), cache_dir=Path({str(tmp_path)!r}), "
        "progress=lambda _: None); print(len(corpus.entities), 'spacy' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=False
        )
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr[-2000:]
    (entities, _cold), (again, kept) = (r.stdout.split()[-2:] for r in runs)
    assert kept == "False" and any(tmp_path.glob("*.pickle"))
    assert entities == again and int(entities) > 20


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
    assert not any(isinstance(value, Known) for value in first.values())
    again = render(before, cache_dir=kept)
    # Nothing changed: every page of an article, entity or event is known by its digest.
    assert sum(isinstance(value, Known) for value in again.values()) == total
    assert _texts(again) == first
    # Made again from the kept Markdown, or drawn where none is kept any more.
    shutil.rmtree(kept / "pages")
    assert _texts(again) == first

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
    warm = _texts(render(after, cache_dir=kept, progress=said.append))
    cold = render(after)
    assert warm == cold
    changed = {path for path in cold if cold[path] != first.get(path)}
    assert {person_page, event_page, "index.md", "people.md"} <= changed
    # Five articles share most names, so one changed article reaches most pages; the
    # pages of names it does not hold are kept.
    drawn = int(said[0].split()[1])
    assert 0 < drawn < len(after.articles) + len(after.entities) + len(after.events), said


def test_staging_writes_changed_files_and_trusts_only_what_it_left(tmp_path: Path) -> None:
    """The staging folder is not read back to compare: a file that shows the size and
    time ``write_tree`` left it with is taken as unchanged; any other is compared."""
    root = tmp_path / "docs"
    files = {"a/index.md": b"alpha", "b/c/index.md": b"beta", "map.html": b"<p>map</p>"}
    assert write_tree(root, files) == (3, 0)
    assert write_tree(root, files) == (0, 0)

    edited = root / "a/index.md"  # edited by hand: another size and time, compared
    edited.write_bytes(b"edited by hand")
    assert write_tree(root, files) == (1, 0) and edited.read_bytes() == b"alpha"

    # Same size and the time written back: the manifest's digest stands, nothing is read.
    left = edited.stat().st_mtime_ns
    edited.write_bytes(b"ALPHA")
    os.utime(edited, ns=(left, left))
    assert write_tree(root, files) == (0, 0) and edited.read_bytes() == b"ALPHA"

    # Changed, removed and added files, and a folder left empty, as before.
    changed = {"a/index.md": b"alpha 2", "map.html": b"<p>map</p>", "d/index.md": b"delta"}
    assert write_tree(root, changed) == (2, 1)
    assert not (root / "b").exists()
    staged = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*.*")}
    assert staged == changed

    # A lost or unreadable manifest costs a compare, never a stale file.
    root.with_name(root.name + MANIFEST_SUFFIX).write_bytes(b"not a pickle")
    (root / "map.html").write_bytes(b"<p>other</p>")
    assert write_tree(root, changed) == (1, 0) and (root / "map.html").read_bytes() == b"<p>map</p>"


def test_staging_makes_a_known_file_only_when_its_staged_copy_is_not_the_last_written(
    tmp_path: Path,
) -> None:
    root, made = tmp_path / "docs", []

    def known(data: bytes) -> Known:
        return Known(hashlib.sha256(data).hexdigest(), lambda: made.append(data) or data)

    assert write_tree(root, {"a.md": b"alpha", "b.md": known(b"beta")}) == (2, 0)
    assert made == [b"beta"] and (root / "b.md").read_bytes() == b"beta"
    made.clear()
    assert write_tree(root, {"a.md": b"alpha", "b.md": known(b"beta")}) == (0, 0)
    assert made == []  # the staged copy is the one written last: not made
    (root / "b.md").write_bytes(b"edited by hand")
    assert write_tree(root, {"a.md": b"alpha", "b.md": known(b"beta")}) == (1, 0)
    assert made == [b"beta"] and (root / "b.md").read_bytes() == b"beta"
