"""Search (Pagefind, in Material's header box), in real headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import browser, serve
from tests.conftest import ROOT, find_entity

pytestmark = pytest.mark.browser


def _search(page: Any, base: str, query: str) -> list[str]:
    page.goto(base, wait_until="networkidle")
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    try:
        page.wait_for_selector(".md-search-result__item a", state="attached", timeout=5000)
    except PlaywrightTimeout:  # typed before the script listened: type the last letter again
        page.press("input.md-search__input", "Backspace")
        page.type("input.md-search__input", query[-1])
        page.wait_for_selector(".md-search-result__item a", state="attached", timeout=15000)
    # Results render as the index answers; read them once two looks agree.
    previous: list[str] = []
    for _ in range(20):
        hrefs = page.eval_on_selector_all(
            ".md-search-result__item a", "els => els.map(e => e.href)"
        )
        if hrefs == previous:
            break
        previous = hrefs
        page.wait_for_timeout(300)
    return list(dict.fromkeys(urlsplit(h).path for h in previous))


@pytest.mark.parametrize(
    ("query", "name"),
    [("Erdogan", "Recep Tayyip Erdogan"), ("Türkiye", "Turkey"), ("Turkey", "Turkey")],
)
def test_search_offers_entity_page(
    site: Path, corpus: dict[str, Any], query: str, name: str
) -> None:
    entity = find_entity(corpus, name)
    assert entity is not None
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        hrefs = _search(page, base, query)
        page.screenshot(path=str(_output(f"search-{entity['id']}.png")))
        assert f"/{entity['url']}" in hrefs[:3], hrefs
        page.close()


def _output(name: str) -> Path:
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    return out / name


def _results(page: Any) -> list[tuple[str, str]]:
    """(path, kind label) of each page shown (not its sections), once two looks agree."""
    previous: list[tuple[str, str]] = []
    for _ in range(20):
        shown = page.eval_on_selector_all(
            ".md-search-result__item > a:first-child",
            "els => els.map(e => [e.href, e.querySelector('.nx-search-kind')?.textContent])",
        )
        if shown == previous:
            break
        previous = shown
        page.wait_for_timeout(300)
    return [(urlsplit(href).path, kind) for href, kind in previous]


def test_keyboard_opens_search_and_filters_narrow_it(site: Path, corpus: dict[str, Any]) -> None:
    turkey = find_entity(corpus, "Turkey")
    assert turkey is not None
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "articles/", wait_until="networkidle")
        page.keyboard.press("/")  # Material's shortcut
        assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
        page.keyboard.type("Turkey")
        page.wait_for_selector(".md-search-result__item a", state="attached", timeout=15000)
        everything = _results(page)
        assert everything[0] == (f"/{turkey['url']}", "Country")
        kinds = {kind for _, kind in everything}
        assert "Article" in kinds and "Event" not in kinds  # events: on their articles' pages
        page.click(".nx-search-filter-open")  # the filters' index loads on demand
        page.select_option("select.nx-search-filter[name=kind]", "Article")
        page.wait_for_timeout(300)
        articles = _results(page)
        assert articles and {kind for _, kind in articles} == {"Article"}
        page.screenshot(path=str(_output("search-filtered.png")))
        page.keyboard.press("Escape")
        assert not page.evaluate("document.getElementById('__search').checked")
        page.close()


def test_an_event_is_found_in_the_events_section_of_its_article(
    site: Path, corpus: dict[str, Any]
) -> None:
    """Event pages are not indexed: the query of an event's title lists the reporting
    article with its "Events reported here" section as a result of its own."""
    event = max(corpus["events"], key=lambda e: (len(e["title"].split()), e["id"]))
    articles = {a["id"]: a["page"] for a in corpus["articles"]}
    reporting = {f"/{articles[s['article']]}" for s in event["sources"]}
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        _search(page, base + "articles/", event["title"])
        sections = [
            urlsplit(href)
            for href in page.eval_on_selector_all(
                ".md-search-result__item a", "els => els.map(e => e.href)"
            )
            if urlsplit(href).fragment == "events-reported-here"
        ]
        assert sections and {s.path for s in sections} <= reporting, (event["title"], sections)
        assert (
            page.eval_on_selector_all(
                ".md-search-result__item a[href$='#events-reported-here'] h2",
                "els => els.map(e => e.textContent)",
            )[0]
            == "Events reported here"
        )
        page.close()


def test_search_works_under_a_subpath(site: Path, corpus: dict[str, Any], tmp_path: Path) -> None:
    """Hosted at https://host/sub/path/: the bundle and the result links keep the prefix."""
    root = tmp_path / "www"
    shutil.copytree(site, root / "sub" / "path")
    erdogan = find_entity(corpus, "Recep Tayyip Erdogan")
    assert erdogan is not None
    with serve(root) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        hrefs = _search(page, base + "sub/path/places/", "Erdoğan")
        assert hrefs[0] == f"/sub/path/{erdogan['url']}", hrefs
        page.close()
