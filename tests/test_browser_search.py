"""Material's search, in real headless Chromium, finds entities by any of their names."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser import browser, serve
from tests.conftest import ROOT, find_entity

pytestmark = pytest.mark.browser


def _search(page: Any, base: str, query: str) -> list[str]:
    page.goto(base, wait_until="networkidle")  # the search worker has loaded its index
    page.click("input.md-search__input")
    page.fill("input.md-search__input", query)
    try:
        page.wait_for_selector(".md-search-result__item a", state="attached", timeout=5000)
    except PlaywrightTimeout:  # typed before the worker listened: type the last letter again
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
