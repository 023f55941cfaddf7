"""The seeds site, built for real with ``python -m builder build --strict``."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import ROOT, find_entity, make_project, run_build
from tests.links import broken_links
from tests.pagefind_index import indexed_pages

PEOPLE = ["Vladimir Putin", "Bashar al-Assad", "Recep Tayyip Erdogan"]
# name -> (lat, lon) within 0.5 degrees
PLACES = {
    "Sochi": (43.6, 39.73),
    "Aleppo": (36.2, 37.16),
    "Idlib": (35.93, 36.63),
    "Hasakeh": (36.5, 40.75),
    "Geneva": (46.2, 6.15),
}
LOCAL_NEWS = [
    "Everett",
    "Snohomish",
    "Kamiak High School",
    "Mukilteo",
    "Christian Sayre",
    "Kyle Parker",
    "Paine Field",
    "Craig Skotdal",
    "Emiliano Munoz",
]


@pytest.mark.parametrize("name", PEOPLE)
def test_people_have_pages(site: Path, corpus: dict[str, Any], name: str) -> None:
    entity = find_entity(corpus, name)
    assert entity is not None, name
    assert entity["kind"] == "person"
    assert entity["url"].startswith("actors/")
    page = (site / entity["url"] / "index.html").read_text(encoding="utf-8")
    assert name.split()[-1].replace("al-", "") in page


def test_assad_variants_are_one_person(corpus: dict[str, Any]) -> None:
    ids = {find_entity(corpus, n)["id"] for n in ("Assad", "Bashar Assad", "Bashar al-Assad")}
    assert len(ids) == 1


def test_trump_and_trump_jr_stay_apart(corpus: dict[str, Any]) -> None:
    senior, junior = find_entity(corpus, "Donald Trump"), find_entity(corpus, "Donald Trump Jr.")
    assert senior and junior and senior["id"] != junior["id"]


@pytest.mark.parametrize("name", sorted(PLACES))
def test_places_have_coordinates(site: Path, corpus: dict[str, Any], name: str) -> None:
    entity = find_entity(corpus, name)
    assert entity is not None, name
    assert entity["kind"] == "place"
    lat, lon = PLACES[name]
    assert abs(entity["lat"] - lat) < 0.5 and abs(entity["lon"] - lon) < 0.5, entity
    assert (site / entity["url"] / "index.html").is_file()


def test_turkey_and_turkiye_are_one_country(corpus: dict[str, Any]) -> None:
    turkey, turkiye = find_entity(corpus, "Turkey"), find_entity(corpus, "Türkiye")
    assert turkey is not None and turkey is turkiye
    assert turkey["kind"] == "country" and turkey["lat"] is not None


def test_seed_004_is_two_articles(corpus: dict[str, Any], site: Path) -> None:
    from_004 = [a for a in corpus["articles"] if a["source"].startswith("004_")]
    assert len(from_004) == 2
    assert len(corpus["articles"]) == 6
    for article in from_004:
        assert (site / article["page"] / "index.html").is_file()


@pytest.mark.parametrize("name", LOCAL_NEWS)
def test_no_page_for_local_news(corpus: dict[str, Any], site: Path, name: str) -> None:
    assert find_entity(corpus, name) is None
    texts = [p["text"] for a in corpus["articles"] for p in a["paragraphs"]]
    assert not any(name in t for t in texts)


def test_authors_are_metadata_not_actors(corpus: dict[str, Any]) -> None:
    article = next(a for a in corpus["articles"] if a["source"].startswith("000_"))
    assert article["authors"] == ["Henry Meyer", "Ilya Arkhipov"]
    assert find_entity(corpus, "Henry Meyer") is None


def test_corpus_matches_schema(corpus: dict[str, Any]) -> None:
    schema = json.loads((ROOT / "builder" / "data" / "corpus.schema.json").read_text())
    jsonschema.validate(corpus, schema)
    ids = [e["id"] for e in corpus["entities"]]
    assert len(ids) == len(set(ids))


def test_every_mention_count_matches_article_links(site: Path, corpus: dict[str, Any]) -> None:
    putin = find_entity(corpus, "Vladimir Putin")
    links = 0
    for article in putin["articles"]:
        html = (site / "articles" / article / "index.html").read_text(encoding="utf-8")
        links += len(re.findall(rf'href="\.\./\.\./{putin["url"]}" class="nx-m ', html))
    assert links == putin["mentions"]


def test_all_internal_links_resolve(site: Path) -> None:
    broken, pages = broken_links(site)
    assert not broken, broken[:20]
    assert pages > 50


def test_generated_pages_never_touch_docs(seeds_project: Path) -> None:
    generated = {
        p.relative_to(seeds_project / "docs").as_posix()
        for p in (seeds_project / "docs").rglob("*")
        if p.is_file()
    }
    tracked = {
        p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*") if p.is_file()
    }
    assert generated == tracked


def test_nav_lists_index_pages_only(site: Path) -> None:
    html = (site / "actors" / "vladimir-putin" / "index.html").read_text(encoding="utf-8")
    nav = html.split("md-nav--primary", 1)[1].split("</nav>", 1)[0]
    assert "vladimir-putin" not in nav
    assert nav.count("md-nav__link") < 40


def test_about_section_lists_every_page(site: Path) -> None:
    """The About tab opens the about page, and What's new keeps its own nav entry."""
    import re

    html = (site / "about" / "index.html").read_text(encoding="utf-8")
    entry = r'<a href="{}" class="md-nav__link[^"]*">\s*<span class="md-ellipsis">\s*{}'
    assert re.search(entry.format(r"\./", "About"), html)
    for href, label in [("whats-new", "What"), ("data", "Data"), ("curation", "Curation")]:
        assert re.search(entry.format(rf"\.\./{href}/", label), html), href


def test_same_input_gives_identical_site(
    site: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    again = make_project(tmp_path_factory.mktemp("again"))
    result = run_build(again)
    assert result.returncode == 0, result.stderr[-2000:]
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {
        p.relative_to(again / "site"): p.read_bytes()
        for p in (again / "site").rglob("*")
        if p.is_file()
    }
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_search_indexes_article_facts_but_not_repeated_entity_and_event_facts(
    site: Path, corpus: dict[str, Any]
) -> None:
    pages = indexed_pages(site)
    # event pages repeat their articles' sentences: not indexed; each event's title is,
    # on the page of every article reporting it, beside the sentences themselves
    assert corpus["events"] and not [e for e in corpus["events"] if e["url"] in pages]
    articles = {a["id"]: a for a in corpus["articles"]}
    for event in corpus["events"]:
        for article_id in {s["article"] for s in event["sources"]}:
            text = pages[articles[article_id]["page"]]["content"]
            assert event["title"] in text, (event["title"], article_id)
    person = next(e for e in corpus["entities"] if e["kind"] == "person")
    assert "Kind" not in pages[person["url"]]["content"]
    article = corpus["articles"][0]
    assert article["outlet"] and article["outlet"] in pages[article["page"]]["content"]
    # no navigation chrome, no repeated tables
    for page in pages.values():
        assert "Skip to content" not in page["content"] and "Made with" not in page["content"]
        assert "NameKind" not in page["content"], page["url"]
        # nor the headings' permanent links ("Quoted¶"; a source's " ¶10" stays) or the
        # weights' legend
        assert not re.search(r"\w\u00b6", page["content"]), page["url"]
        assert "Weight: 1" not in page["content"], page["url"]


def test_search_facets_come_from_the_data(site: Path, corpus: dict[str, Any]) -> None:
    pages = indexed_pages(site)
    country = find_entity(corpus, "Turkey")
    assert country is not None
    record = pages[country["url"]]
    assert record["filters"]["kind"] == ["Country"] and record["filters"]["country"] == ["Turkey"]
    assert "Türkiye" in record["meta"]["names"].split("|")
    article = next(a for a in corpus["articles"] if a["date"] and a["outlet"])
    filters = pages[article["page"]]["filters"]
    assert filters["kind"] == ["Article"] and filters["outlet"] == [article["outlet"]]
    assert filters["year"] == [article["date"][:4]]
    # lists of pages are not results, the pages themselves are: an index keeps its intro only
    assert "timeline/" not in pages and "curation/" not in pages
    assert not [e for e in corpus["events"] if e["title"] in pages["events/"]["content"]]


def test_corpus_json_has_one_record_per_line(site: Path, corpus: dict[str, Any]) -> None:
    lines = (site / "data" / "corpus.json").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line.rstrip(",")) for line in lines if line.startswith('{"')]
    for kind in ("articles", "entities", "events", "quotes", "relations"):
        assert corpus[kind], kind
        for record in corpus[kind]:
            assert record in records, (kind, record)
