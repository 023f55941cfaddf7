"""Hostile seeds: markup in titles, bodies, names and quotes never runs, on any page.

One site is built (``--strict``) from articles full of payloads (``tests/hostile_corpus``);
every page of it is checked statically and then visited in real headless Chromium.
The same project then serves to prove that builds are byte-identical and that a failed
build leaves the previous site in place.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from builder.model import Corpus, Entity, Mention
from builder.render.maps import FULL_MAP, map_files, vendored_assets
from tests.browser import HAS_RUN, browser, local_only, serve, visit
from tests.conftest import make_project, run_build
from tests.hostile_corpus import HOSTILE_TITLES, PAYLOADS, ActiveContent, write_hostile
from tests.maps import full_map_markers
from tests.pagefind_index import indexed_pages
from tests.test_browser_search import _search

#: What a payload that ran would leave behind.
RAN = "__pwned"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    seeds = tmp_path_factory.mktemp("hostile-seeds")
    write_hostile(seeds)
    project = make_project(tmp_path_factory.mktemp("hostile-project"), seeds)
    result = run_build(project, "--strict")
    assert result.returncode == 0, result.stderr[-4000:]
    return project


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def data(site: Path) -> dict[str, Any]:
    return json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))


def pages(site: Path) -> list[Path]:
    """Every HTML document of the site, vendored libraries aside."""
    return sorted(p for p in site.rglob("*.html") if "vendor" not in p.parts)


# --- the data keeps the text verbatim ---------------------------------------------------------


def test_corpus_json_keeps_payloads_verbatim(data: dict[str, Any]) -> None:
    assert sorted(a["title"] for a in data["articles"]) == sorted(HOSTILE_TITLES)
    text = "\n".join(p["text"] for a in data["articles"] for p in a["paragraphs"])
    for payload in PAYLOADS:
        assert payload in text, payload  # data, not stripped or escaped
    names = {e["name"] for e in data["entities"]}
    # The English model reads markup into names: those names must survive as data too.
    assert {"Karl{{Marx", "Acme&lt;script&gt"} <= names, names
    quotes = [q["text"] for q in data["quotes"]]
    assert any(PAYLOADS[0] in q for q in quotes), quotes


# --- static checks over every page --------------------------------------------------------------


def test_no_page_carries_active_payload(site: Path) -> None:
    found = pages(site)
    assert len(found) > 30
    for page in found:
        parser = ActiveContent()
        parser.feed(page.read_text(encoding="utf-8"))
        where = page.relative_to(site)
        assert not [s for s in parser.scripts if RAN in s or "alert(" in s], where
        assert not [d for d in parser.data if "<" in d], where  # cannot close its element
        assert not [h for h in parser.handlers if RAN in h or "alert" in h], where
        assert not parser.script_urls, (where, parser.script_urls)


def test_generated_markdown_has_no_template_syntax_or_tags_from_articles(project: Path) -> None:
    # Markdown syntax from articles is there as typed, but inside raw HTML blocks, which
    # Python-Markdown leaves alone; the page tests show it printed, never linked.
    staging = project / ".cache" / "plugin" / "news-explorer" / "docs"
    generated = [p for p in staging.rglob("*.md") if (p.parent / p.name).is_file()]
    assert generated
    for path in generated:
        text = path.read_text(encoding="utf-8")
        for token in ("{{", "{%", "{#", "<script>", "<img src=x", "<svg", 'src="javascript'):
            assert token not in text, (path.name, token)


def test_payload_text_is_escaped_in_article_pages(site: Path, data: dict[str, Any]) -> None:
    article = data["articles"][0]
    html = (site / article["page"] / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__pwned=1;alert(&#x27;script&#x27;)&lt;/script&gt;" in html
    assert "&amp;lt;script&amp;gt;" in html  # an entity in the text stays an entity, as text
    assert "&#123;&#123; config.site_name &#125;&#125;" in html
    assert "[click here](javascript:" in html  # Markdown link syntax printed as typed
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and "&lt;script&gt;" in title.group(1) and "<script>" not in title.group(1)


def test_search_index_holds_titles_as_typed(site: Path, data: dict[str, Any]) -> None:
    """Pagefind keeps text, not markup: the search box shows it as text (see below)."""
    titles = {page["meta"]["title"] for page in indexed_pages(site).values()}
    for article in data["articles"]:
        assert article["title"] in titles, article["title"]


# --- nothing is lost --------------------------------------------------------------------------


def test_same_hostile_input_gives_identical_site(project: Path, site: Path) -> None:
    again = project / "site-again"
    result = run_build(project, "--site-dir", str(again))
    assert result.returncode == 0, result.stderr[-2000:]
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []
    shutil.rmtree(again)


def test_failed_build_keeps_previous_site(project: Path, site: Path) -> None:
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    config = project / "mkdocs.yml"
    good = config.read_text(encoding="utf-8")
    (project / "seeds" / "broken.txt").symlink_to(project / "seeds" / "missing.txt")
    try:
        # --strict turns the unreadable file's error into a failed build.
        result = run_build(project, "--strict")
        assert result.returncode != 0
        assert "broken.txt: cannot read" in result.stderr
        (project / "seeds" / "broken.txt").unlink()
        config.write_text(good + "\nnav: [this is: {not valid\n", encoding="utf-8")
        result = run_build(project, "--strict")
        assert result.returncode != 0
        assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    finally:
        config.write_text(good, encoding="utf-8")
        (project / "seeds" / "broken.txt").unlink(missing_ok=True)
    after = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before
    assert not (project / ".site.new").exists()


# --- real Chromium: nothing runs, the text shows as typed -------------------------------------


@pytest.mark.browser
def test_every_page_in_chromium_runs_no_payload(site: Path, data: dict[str, Any]) -> None:
    urls = [p.relative_to(site).as_posix() for p in pages(site)]
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda route: local_only(route, base))
        for url in urls:
            visit(page, base + url.removesuffix("index.html"), dialogs)

        # The payloads are on the page as text, exactly as typed.
        article = data["articles"][0]
        visit(page, base + article["page"], dialogs)
        shown = page.locator("article").inner_text()
        for payload in (PAYLOADS[0], PAYLOADS[1], PAYLOADS[3], PAYLOADS[6], PAYLOADS[11]):
            assert payload in shown, payload
        assert page.locator("h1.nx-title").inner_text() == article["title"]
        assert page.title().startswith(article["title"])
        entity = next(e for e in data["entities"] if e["name"] == "Acme&lt;script&gt")
        visit(page, base + entity["url"], dialogs)
        assert page.locator("h1.nx-title").inner_text() == entity["name"]

        # Search results for payload words show titles and snippets as text.
        for query, expected in (
            ("Geneva", HOSTILE_TITLES[0]),
            ("onerror", HOSTILE_TITLES[2]),
            ("Acme", "Acme&lt;script&gt"),
        ):
            assert _search(page, base, query), query
            results = page.locator(".md-search-result").inner_text()
            assert expected in results, (query, results[:500])
            assert not page.evaluate(HAS_RUN) and not dialogs, query
            assert page.locator(".md-search-result script, .md-search-result img").count() == 0
        page.close()


HOSTILE_NAME = "<img src=x onerror=\"window.__pwned=1;alert('map')\">`${alert(2)}`&amp;</script>"


def _mapped_corpus() -> Corpus:
    def mention(n: int) -> Mention:
        return Mention("a", 1, n, 0, 1, "x", "PLACE")

    return Corpus(
        articles=[],
        entities=[
            Entity(
                id="hostile",
                name=HOSTILE_NAME,
                kind="place",
                place_type="city",
                lat=36.2,
                lon=37.15,
                mentions=[mention(0), mention(1)],
            ),
            Entity(
                id="other",
                name="{{ x }} <b>bold</b>",
                kind="country",
                lat=39.0,
                lon=35.0,
                country="TR",
                mentions=[mention(2)],
            ),
        ],
    )


@pytest.mark.browser
def test_map_popups_show_hostile_names_as_text(tmp_path: Path) -> None:
    files = map_files(_mapped_corpus())
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text, encoding="utf-8")
    for rel, blob in vendored_assets().items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(blob)
    with serve(tmp_path) as base, browser() as chromium:
        page = chromium.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.route("**/*", lambda route: local_only(route, base))
        for rel in sorted(files):
            visit(page, base + rel, dialogs)
            for entity_id, name in (("hostile", HOSTILE_NAME), ("other", "{{ x }} <b>bold</b>")):
                marker = page.locator(f"path.nx-id-{entity_id}")
                marker.wait_for(state="attached", timeout=10000)
                marker.dispatch_event("click")
                popup = page.locator(".leaflet-popup-content")
                popup.wait_for(timeout=5000)
                assert name in popup.inner_text(), (rel, popup.inner_text())
                assert popup.locator("img, b, script").count() == 0
                assert urlsplit(popup.locator("a").get_attribute("href") or "").scheme == ""
                page.locator(".leaflet-popup-close-button").click()
                page.wait_for_function("!document.querySelector('.leaflet-popup')")
            assert not page.evaluate(HAS_RUN) and not dialogs, rel
        page.close()


def test_map_names_are_not_evaluated_as_templates() -> None:
    # Folium renders popup scripts through Jinja twice: braces must never reach it.
    corpus = _mapped_corpus()
    corpus.entities[1].name = "{{ 7 * 7 }} {% if true %}yes{% endif %}"
    escaped = "&#123;&#123; 7 * 7 &#125;&#125; &#123;% if true %&#125;yes"
    for path, doc in map_files(corpus).items():
        # The full map's markers are JSON data: its popups and tooltips, decoded.
        shown = (
            [m["popup"] + m["tip"] for m in full_map_markers(doc)] if path == FULL_MAP else [doc]
        )
        assert any(escaped in text for text in shown), path
        assert not any("49 yes" in text for text in shown), path
