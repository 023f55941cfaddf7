"""Curated pages: files in docs/ correct and enrich the generated site, and no rebuild
loses a word of them.

The site tests build one small project (two seeds, the rules extractor for speed) with
many overrides at once; the unit tests drive ``builder.curate.curator`` on hand-made entities.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.curate.curator import Curator, parse_curation
from builder.model import DatedValue, Entity, Event, Mention, Quote, Sentence
from tests.conftest import SEEDS, make_project, run_build
from tests.pagefind_index import indexed_pages

SMALL_SEEDS = ("002_275bc50fd10f4f4d.txt", "003_aa69ce883ff4fbed.txt")
REPO = "https://github.com/example/news-explorer"


# unit tests: parsing and applying ----------------------------------------------------


def _mention(text: str, article: str = "a", start: int = 0) -> Mention:
    return Mention(article, 1, 0, start, start + len(text), text, "PERSON")


def _entity(ident: str, name: str, kind: str = "person", n: int = 1) -> Entity:
    return Entity(ident, name, kind, mentions=[_mention(name, start=i * 100) for i in range(n)])


def _curate(files: dict[str, str], entities: list[Entity], quotes=(), events=()):
    curation = parse_curation({k: v.encode() for k, v in files.items()})
    curator = Curator(curation)
    kept, quotes = curator.entities(entities, list(quotes))
    events = curator.events(list(events))
    return kept, quotes, events, curator


def test_fields_are_validated_and_named_in_problems() -> None:
    curation = parse_curation(
        {
            "actors/a.md": b"---\nname: A\nalises: [x]\nlat: 200\nkind: wizard\n---\nbody\n",
            "actors/b.md": b"---\nname: [unclosed\n---\nwords\n",
            "places/a.md": b"same id as actors/a.md\n",
            "actors/c.md": b"caf\xe9 notes",
            "curation.yml": b"ignore: [X]\nsame: [[only-one]]\nextra: 1\n",
            "actors/index.md": b"not a curated entity file",
        }
    )
    messages = sorted(str(p) for p in curation.problems)
    assert any("docs/actors/a.md: unknown field 'alises'" in m for m in messages)
    assert any("docs/actors/a.md: field 'lat'" in m for m in messages)
    assert any("docs/actors/a.md: field 'kind'" in m for m in messages)
    assert any(m.startswith("docs/actors/b.md: front matter is not valid YAML") for m in messages)
    assert any(m.startswith("docs/places/a.md: docs/actors/a.md curates") for m in messages)
    assert any(m.startswith("docs/actors/c.md: not UTF-8; read as Windows-1252") for m in messages)
    assert any("docs/curation.yml: unknown field 'extra'" in m for m in messages)
    assert any("docs/curation.yml: same:" in m for m in messages)
    a, c = curation.overrides
    assert a.fields == {"name": "A"}  # the valid field still applies
    assert c.body == "café notes"
    assert curation.ignore == ["X"]
    assert {f.path for f in curation.malformed} == {"actors/b.md", "places/a.md"}  # c.md is read
    assert "actors/index.md" not in curation.consumed


@pytest.mark.parametrize(
    ("page", "url"),
    [
        ("actors/x.md", "actors/x/"),
        ("actors/consumer-price-index.md", "actors/consumer-price-index/"),
        ("actors/index.md", "actors/"),
        ("index.md", ""),
    ],
)
def test_curated_page_urls(page: str, url: str) -> None:
    from builder.urls import url_of

    assert url_of(page) == url


def test_merge_chain_cycle_missing_target_and_hide() -> None:
    entities = [_entity(i, i.title(), n=2) for i in ("a", "b", "c", "d", "e", "f", "g")]
    quotes = [Quote("words", "a", 1, "A", speaker="a"), Quote("more", "a", 1, "G", speaker="g")]
    event = Event("ev", "A meets G", "meeting", None, "c", ["a", "g", "b"], [])
    files = {
        "actors/a.md": "---\nmerge_into: b\n---\nnotes of a\n",
        "actors/b.md": "---\nmerge_into: actors/c\n---\n",
        "actors/d.md": "---\nmerge_into: e\n---\n",
        "actors/e.md": "---\nmerge_into: d\n---\n",
        "actors/f.md": "---\nmerge_into: nowhere\n---\n",
        "actors/g.md": "---\nhide: true\n---\nnot a person\n",
    }
    kept, quotes, events, curator = _curate(files, entities, quotes, [event])
    ids = {e.id: e for e in kept}
    assert sorted(ids) == ["c", "d", "e", "f"]
    assert len(ids["c"].mentions) == 6 and {"A", "B"} <= set(ids["c"].aliases)
    assert [q.speaker for q in quotes] == ["c", None]  # hidden speaker: plain text
    assert events[0].participants == ["c"]
    report = {f.path: f for f in curator.report().files}
    assert report["actors/a.md"].status == "merged" and report["actors/a.md"].page == "actors/c.md"
    assert {report[p].status for p in ("actors/d.md", "actors/e.md", "actors/f.md")} == {
        "malformed"
    }
    assert report["actors/g.md"].status == "hidden" and report["actors/g.md"].page is None
    assert curator.report().redirects == {
        "actors/a.md": "actors/c.md",
        "actors/b.md": "actors/c.md",
    }
    problems = " | ".join(str(p) for p in curator.problems)
    assert "docs/actors/d.md: merge cycle: d → e → d" in problems
    assert "docs/actors/f.md: merge_into: no entity 'nowhere'" in problems


def test_rules_overrides_orphans_and_events() -> None:
    entities = [
        _entity("moscow", "Moscow", "place"),
        _entity("kremlin", "Kremlin", "person", 3),
        _entity("hnc", "High Negotiations Committee", "organization", 2),
        _entity("hnc-2", "High Negotiations Council", "organization"),
        _entity("dmitri-peskov", "Dmitri Peskov"),
    ]
    events = [
        Event(
            "talks",
            "Talks",
            "meeting",
            None,
            "moscow",
            ["hnc-2", "kremlin"],
            [Sentence("a", 1, 0, 0, 5)],
        ),
        Event(
            "talks-2", "Talks again", "meeting", None, None, ["hnc"], [Sentence("a", 2, 0, 0, 5)]
        ),
    ]
    files = {
        "curation.yml": (
            "ignore: [kremlin, Nobody]\n"
            "same:\n  - [High Negotiations Council, High Negotiations Committee]\n"
        ),
        "places/moscow.md": (
            "---\nname: Moskva\naliases: Moscow city\ncoordinates: '55.75, 37.6'\n"
            "kind: place\ndescription: capital\n---\nSee [[hnc]] and [[Nowhere]].\n"
        ),
        "actors/gone.md": "words nobody will lose\n",
        "actors/dmitry-peskov.md": "notes written before the seeds changed the spelling\n",
        "events/talks.md": "---\ntitle: Moscow talks\ndate: 2023-05-10\n---\nnotes\n",
        "events/talks-2.md": "---\nmerge_into: talks\n---\n",
        "events/old.md": "---\ntitle: Gone\n---\n",
    }
    kept, _, events, curator = _curate(files, entities, events=events)
    ids = {e.id: e for e in kept}
    assert sorted(ids) == [
        "dmitri-peskov",
        "hnc-2",
        "moscow",
    ]  # kremlin ignored; hnc merged into the council
    moscow = ids["moscow"]
    assert (moscow.name, moscow.aliases, moscow.roles) == (
        "Moskva",
        ["Moscow", "Moscow city"],
        ["capital"],
    )
    assert (moscow.lat, moscow.lon) == (55.75, 37.6)
    (talks,) = events
    assert (talks.title, talks.date) == ("Moscow talks", DatedValue("2023-05-10", "day", "curated"))
    assert talks.participants == ["hnc-2"] and len(talks.sources) == 2
    report = curator.report()
    statuses = {f.path: f.status for f in report.files}
    assert statuses == {
        "actors/dmitry-peskov.md": "orphan",
        "actors/gone.md": "orphan",
        "curation.yml": "rules",
        "events/old.md": "orphan",
        "events/talks-2.md": "merged",
        "events/talks.md": "applied",
        "places/moscow.md": "applied",
    }
    assert report.redirects == {
        "actors/hnc.md": "actors/hnc-2.md",
        "events/talks-2.md": "events/talks.md",
    }
    problems = [str(p) for p in curator.problems]
    assert "docs/places/moscow.md: link [[Nowhere]] names no page of this site" in problems
    assert not any("[[hnc]]" in p for p in problems)  # an old id follows its redirect
    assert any(p.startswith("docs/actors/gone.md: no entity 'gone'") for p in problems)
    assert any(  # a renamed entity: the report says where the notes probably belong
        p.startswith("docs/actors/dmitry-peskov.md: no entity")
        and p.endswith("rename it to docs/actors/dmitri-peskov.md?")
        for p in problems
    )


# one site with every override kind ---------------------------------------------------

CURATED = {
    # rename, aliases, description, notes with an admonition and [[links]]
    "actors/bashar-assad.md": (
        "---\nname: Bashar al-Assad\naliases: [The Syrian Leader]\n"
        "description: President of Syria (curated)\n---\n\n"
        '!!! note "Curated context"\n    Allied with [[Russia]] and [[places/moscow|the capital]];'
        " see [[Nobody Known]].\n\nTOKEN-ASSAD-NOTES\n"
    ),
    # merge: the old URL must redirect, the notes move to the kept page
    "actors/president-bashar.md": "---\nmerge_into: actors/bashar-assad\n---\nTOKEN-MERGED-NOTES\n",
    # hide a place that is on the map
    "places/white-house.md": "---\nhide: true\n---\nTOKEN-HIDDEN-NOTES\n",
    # kind change: the page moves to places/, the old URL redirects
    "actors/united-nations.md": "---\nkind: organization\n---\nTOKEN-UN\n",
    "actors/kurdish.md": "---\nkind: place\ncoordinates: [36.5, 43.5]\n---\n",
    # coordinates, and an unknown field that is reported but does not stop the rest
    "places/geneva.md": "---\nlat: 10.5\nlon: 20.25\ncolour: red\n---\nTOKEN-GENEVA\n",
    # malformed: reported, the page still builds, the words are on the report
    "actors/rouhani.md": "---\nname: [unclosed\n---\nTOKEN-MALFORMED\n",
    # orphan: no such entity
    "actors/no-such-person.md": "TOKEN-ORPHAN words a contributor wrote\n",
    # site-wide rules
    "curation.yml": "ignore: [Kremlin]\nsame:\n  - [Sissi, Abdel Fatah]\n",
    # a hand-written page where a generated one goes: reported, words kept
    "articles/index.md": "TOKEN-CLASH an index of my own\n",
    # a whole page of one's own that links to generated pages
    "essay.md": "# An essay\n\nTOKEN-ESSAY about [Moscow](places/moscow.md).\n",
}


def _tree(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _small_project(target: Path, seeds: tuple[str, ...] = SMALL_SEEDS) -> Path:
    seeds_dir = target.parent / f"{target.name}-seeds"
    seeds_dir.mkdir(parents=True)
    for name in seeds:
        shutil.copy(SEEDS / name, seeds_dir / name)
    return make_project(target, seeds_dir)


@pytest.fixture(scope="module")
def curated(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    project = _small_project(tmp_path_factory.mktemp("curated") / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    for key, value in (("repo_url", REPO), ("edit_uri", "edit/main/docs/")):
        config, found = re.subn(rf"^{key}:.*$", f"{key}: {value}", config, flags=re.MULTILINE)
        config += "" if found else f"\n{key}: {value}\n"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for rel, text in CURATED.items():
        (project / "docs" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / "docs" / rel).write_text(text, encoding="utf-8")
    before = {"docs": _tree(project / "docs"), "seeds": _tree(project / "seeds")}
    before["mkdocs.yml"] = (project / "mkdocs.yml").read_bytes()
    result = run_build(project, "--extractor", "rules")
    assert result.returncode == 0, result.stderr[-3000:]
    site = project / "site"
    return {
        "project": project,
        "site": site,
        "log": result.stderr,
        "before": before,
        "corpus": json.loads((site / "data/corpus.json").read_text(encoding="utf-8")),
    }


def _page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_build_never_touches_curated_or_tracked_files(curated: dict[str, Any]) -> None:
    project = curated["project"]
    assert _tree(project / "docs") == curated["before"]["docs"]
    assert _tree(project / "seeds") == curated["before"]["seeds"]
    assert (project / "mkdocs.yml").read_bytes() == curated["before"]["mkdocs.yml"]


def test_overrides_change_the_site(curated: dict[str, Any]) -> None:
    site, corpus = curated["site"], curated["corpus"]
    entities = {e["id"]: e for e in corpus["entities"]}
    assad = entities["bashar-assad"]
    assert assad["name"] == "Bashar al-Assad"
    assert {"The Syrian Leader", "Bashar Assad", "President Bashar"} <= set(assad["aliases"])
    assert assad["roles"][0] == "President of Syria (curated)"
    page = _page(site, "actors/bashar-assad")
    assert re.search(r'<h1 class="nx-title"[^>]*>Bashar al-Assad</h1>', page)
    assert 'class="admonition note"' in page and "Curated context" in page
    assert '<a href="../russia/">Russia</a>' in page
    assert '<a href="../../places/moscow/">the capital</a>' in page
    assert "Nobody Known" in page and "TOKEN-ASSAD-NOTES" in page
    assert page.index('id="notes"') < page.index('id="mentions"')  # notes near the top
    # merge: mentions moved, notes shown on the kept page, old URL redirects there
    assert "president-bashar" not in entities and "TOKEN-MERGED-NOTES" in page
    redirect = _page(site, "actors/president-bashar")
    assert 'http-equiv="refresh" content="0; url=../bashar-assad/"' in redirect
    # kind changes: the page moves and the old URL redirects
    assert entities["united-nations"]["kind"] == "organization"
    assert (
        entities["kurdish"]["kind"] == "place" and entities["kurdish"]["url"] == "places/kurdish/"
    )
    assert "url=../../places/kurdish/" in _page(site, "actors/kurdish")
    assert "TOKEN-UN" in _page(site, "actors/united-nations")
    # coordinates reach the page and the map; the unknown field is reported
    assert (entities["geneva"]["lat"], entities["geneva"]["lon"]) == (10.5, 20.25)
    assert "10.5000, 20.2500" in _page(site, "places/geneva")
    assert "TOKEN-GENEVA" in _page(site, "places/geneva")
    assert re.search(r"\[10\.5, ?20\.25\]", (site / "map/places.html").read_text())
    # site-wide rules: an ignored name is no entity; two names made one
    assert "kremlin" not in entities
    assert "abdel-fatah" not in entities and "Abdel Fatah" in entities["sissi"]["aliases"]
    assert "url=../sissi/" in _page(site, "actors/abdel-fatah")
    # a page of one's own, linking to a generated page
    essay = _page(site, "essay")
    assert "TOKEN-ESSAY" in essay and 'href="../places/moscow/"' in essay


def test_hidden_entity_leaves_no_trace(curated: dict[str, Any]) -> None:
    site, corpus = curated["site"], curated["corpus"]
    assert not (site / "places/white-house").exists()
    assert all(e["id"] != "white-house" for e in corpus["entities"])
    assert "white-house" not in json.dumps([corpus["entities"], corpus["events"], corpus["quotes"]])
    search = indexed_pages(site)
    assert not [url for url in search if "white-house" in url]
    assert not [p for p in search.values() if p["meta"]["title"] == "White House"]
    assert not [url for url in search if url.startswith("curation/")]
    for path in [*site.rglob("*.html"), *site.rglob("*.json")]:
        if path.parent.name != "curation":  # the report names the file that hid it
            assert "white-house" not in path.read_text(encoding="utf-8"), path
    # the sentences that named it are still there, as plain text
    assert "White House" in json.dumps(corpus["articles"])


def test_problems_are_reported_and_words_kept(curated: dict[str, Any]) -> None:
    log, site = curated["log"], curated["site"]
    for line in (
        "docs/actors/rouhani.md: front matter is not valid YAML",
        "docs/places/geneva.md: unknown field 'colour'",
        "docs/actors/no-such-person.md: no entity 'no-such-person'",
        "docs/actors/bashar-assad.md: link [[Nobody Known]] names no page",
        "docs/articles/index.md: a generated page has this path",
    ):
        assert re.search(rf"WARNING\s+-\s+builder: {re.escape(line)}", log), line
    report = _page(site, "curation")
    for token in (
        "TOKEN-MALFORMED",
        "TOKEN-ORPHAN words a contributor wrote",
        "TOKEN-HIDDEN",
        "TOKEN-CLASH",
    ):
        assert token in report
    assert "TOKEN-ASSAD-NOTES" not in report  # shown on its page, not repeated here
    assert "Rouhani" in _page(site, "actors/hassan-rouhani")  # the rest of the site builds
    assert "TOKEN-MALFORMED" not in _page(site, "actors/hassan-rouhani")


def test_strict_fails_on_curation_warnings(curated: dict[str, Any]) -> None:
    result = run_build(
        curated["project"], "--extractor", "rules", "--strict", "--site-dir", "strict"
    )
    assert result.returncode != 0
    assert "docs/actors/rouhani.md" in result.stderr
    assert not (curated["project"] / "strict").exists()


def test_edit_links_point_at_the_curated_file(curated: dict[str, Any]) -> None:
    site = curated["site"]
    button = re.compile(r'<a href="([^"]+)" title="Edit this page" class="md-content__button')
    assad = button.search(_page(site, "actors/bashar-assad"))
    assert assad and assad.group(1) == f"{REPO}/edit/main/docs/actors/bashar-assad.md"
    moscow = button.search(_page(site, "places/moscow"))
    assert moscow and moscow.group(1).startswith(
        f"{REPO}/new/main/docs/places?filename=moscow.md&value="
    )
    assert "create <code>docs/places/moscow.md</code>" in _page(site, "places/moscow")
    article = next((site / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    assert not button.search(article)  # generated from a seed: nothing in docs/ to edit
    assert button.search(_page(site, "how-to-curate"))


@pytest.mark.browser
def test_browser_edit_link_and_redirect(curated: dict[str, Any]) -> None:
    """In Chromium: the edit button opens the page's curated file (or the form that
    creates it), and a merged entity's old URL lands on the kept page."""
    from urllib.parse import parse_qs, urlsplit

    from tests.browser import browser, serve

    edit = 'a.md-content__button[title="Edit this page"]'
    with serve(curated["site"]) as base, browser() as chromium:
        page = chromium.new_page()
        page.goto(base + "actors/bashar-assad/")
        assert page.is_visible(edit)
        assert page.get_attribute(edit, "href") == f"{REPO}/edit/main/docs/actors/bashar-assad.md"
        page.goto(base + "places/moscow/")
        new = urlsplit(page.get_attribute(edit, "href"))
        assert f"{new.scheme}://{new.netloc}{new.path}" == f"{REPO}/new/main/docs/places"
        query = parse_qs(new.query)
        assert query["filename"] == ["moscow.md"] and "Notes about Moscow." in query["value"][0]
        page.goto(base + "actors/president-bashar/")
        page.wait_for_url(base + "actors/bashar-assad/")
        assert page.inner_text("h1") == "Bashar al-Assad"
        page.close()


def test_event_page_shows_its_curated_notes_and_title() -> None:
    from builder.model import Article, Corpus, Paragraph
    from builder.render import render

    event = Event("talks", "Talks", "meeting", None, None, [], [Sentence("a", 1, 0, 0, 12)])
    files = {"events/talks.md": "---\ntitle: Harbour talks\n---\nTOKEN-EVENT-NOTES\n"}
    kept, _, events, curator = _curate(files, [], events=[event])
    article = Article("a", "A report", [Paragraph(1, "Talks began.")], ["a.txt"])
    corpus = Corpus([article], kept, events=events, curation=curator.report())
    page = render(corpus)["events/talks.md"]
    assert '<h1 class="nx-title">Harbour talks</h1>' in page
    assert page.index("TOKEN-EVENT-NOTES") < page.index("Reported in")
