"""What a reader sees first: leads and infoboxes, previews, sorted tables, folded lists."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.browser import browser, serve
from tests.conftest import find_entity, on_timeline


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_entity_page_opens_with_a_lead_and_an_infobox(site: Path, corpus: dict[str, Any]) -> None:
    erdogan = find_entity(corpus, "Recep Tayyip Erdogan")
    assert erdogan is not None
    page = _html(site, erdogan["url"])
    lead = re.search(r'<p class="nx-lead">(.*?)</p>', page, re.S)
    assert lead, "no lead"
    articles = erdogan["articles"]
    text = re.sub(r"<[^>]+>", "", lead.group(1))
    assert text.startswith(f"{erdogan['name']}, {erdogan['roles'][0]}, is named in")
    assert f"{len(articles)} articles" in text and "most often with" in text
    box = re.search(r'<aside class="nx-infobox".*?</aside>', page, re.S)
    assert box and "First named" in box.group(0) and "Named most with" in box.group(0)
    assert page.index('class="nx-infobox"') < page.index('id="events"')  # at the top


def test_a_place_lead_says_what_and_where(site: Path, corpus: dict[str, Any]) -> None:
    place = next(e for e in corpus["entities"] if e["kind"] == "place" and e.get("country"))
    text = re.sub(
        r"<[^>]+>",
        "",
        re.search(r'<p class="nx-lead">(.*?)</p>', _html(site, place["url"]), re.S).group(1),
    )  # type: ignore[union-attr]
    assert re.match(rf"{re.escape(place['name'])}, an? [\w ]+ in [\w ]+, is named in", text), text
    country = re.match(r".*?, an? [\w ]+ in ([\w ]+), is named in", text).group(1)  # type: ignore[union-attr]
    assert text.count(country) == 1, text  # not again as the companion


def test_long_mention_lists_are_folded_and_come_last(site: Path, corpus: dict[str, Any]) -> None:
    busy = max(corpus["entities"], key=lambda e: e["mentions"])
    quiet = min(corpus["entities"], key=lambda e: e["mentions"])
    busy_page, quiet_page = _html(site, busy["url"]), _html(site, quiet["url"])
    assert '<details class="note nx-collapse">' in busy_page
    assert busy_page.index('id="mentions"') > busy_page.index('id="relations"')
    assert "nx-collapse" not in quiet_page


def test_pages_carry_previews_of_their_links(site: Path, corpus: dict[str, Any]) -> None:
    erdogan = find_entity(corpus, "Recep Tayyip Erdogan")
    putin = find_entity(corpus, "Vladimir Putin")
    assert erdogan is not None and putin is not None
    page = _html(site, erdogan["url"])
    data = json.loads(re.search(r'class="nx-previews">(.*?)</script>', page, re.S).group(1))  # type: ignore[union-attr]
    preview = data["../vladimir-putin/"]
    assert preview["kind"] == "Person" and preview["name"] == "Vladimir Putin"
    assert preview["text"].startswith("Vladimir Putin, ")


def test_articles_index_lists_newest_first(site: Path) -> None:
    page = _html(site, "articles")
    dates = re.findall(r"<tr><td>(\d{4}-\d{2}-\d{2}|date unknown)</td>", page)
    dated = [d for d in dates if d != "date unknown"]
    assert dated == sorted(dated, reverse=True) and dated
    assert dates[: len(dated)] == dated  # undated last


def test_counts_are_plural_where_they_should_be(site: Path) -> None:
    page = _html(site, "countries")
    assert re.search(r"\d+ countries, most mentioned first", page)
    assert "countrys" not in page


@pytest.mark.browser
def test_previews_show_on_hover_and_focus_in_light_and_dark(
    site: Path, corpus: dict[str, Any]
) -> None:
    erdogan = find_entity(corpus, "Recep Tayyip Erdogan")
    assert erdogan is not None
    with serve(site) as base, browser() as chromium:
        for scheme in ("light", "dark"):
            page = chromium.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            page.goto(base + erdogan["url"], wait_until="networkidle")
            link = page.locator(".nx-lead a").first
            target = link.inner_text()
            link.hover()
            page.wait_for_selector("#nx-preview:not([hidden])", timeout=3000)
            assert target in page.inner_text("#nx-preview")
            page.screenshot(path=str(_output(f"preview-{scheme}.png")))
            page.keyboard.press("Escape")
            assert page.is_hidden("#nx-preview")
            link.focus()  # the keyboard gets the same preview
            assert target in page.inner_text("#nx-preview")
            page.close()


@pytest.mark.browser
def test_index_tables_sort_by_a_clicked_column(site: Path) -> None:
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "people/", wait_until="networkidle")
        header = page.locator("table.nx-index th", has_text="Mentions")

        def column() -> list[int]:
            index = page.eval_on_selector_all(
                "table.nx-index thead th", "ths => ths.findIndex(t => t.textContent === 'Mentions')"
            )
            cells = page.eval_on_selector_all(
                "table.nx-index tbody tr", f"rows => rows.map(r => r.cells[{index}].textContent)"
            )
            return [int(c) for c in cells]

        header.click()
        assert column() == sorted(column()) and header.get_attribute("aria-sort") == "ascending"
        header.click()
        assert column() == sorted(column(), reverse=True)
        page.close()


@pytest.mark.browser
def test_local_graph_follows_dark_mode(site: Path, corpus: dict[str, Any]) -> None:
    erdogan = find_entity(corpus, "Recep Tayyip Erdogan")
    assert erdogan is not None
    background = "getComputedStyle(document.querySelector('.nx-net-canvas')).backgroundColor"
    with serve(site) as base, browser() as chromium:
        colours = {}
        for scheme in ("light", "dark"):
            page = chromium.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
            page.goto(base + erdogan["url"], wait_until="networkidle")
            page.wait_for_selector(".nx-net-canvas canvas", state="attached", timeout=10000)
            colours[scheme] = page.evaluate(background)
            page.close()
    assert colours["light"] == "rgb(255, 255, 255)"
    assert colours["dark"] != colours["light"]


@pytest.mark.browser
def test_maps_draw_country_outlines_without_a_tile_server(site: Path) -> None:
    """Every request off the site refused, as offline or on an intranet: the map still
    shows the world's outlines under the markers, and the legend says what marks mean."""
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        refused: list[str] = []

        def local_only(route: Any) -> None:
            if route.request.url.startswith(base):
                route.continue_()
            else:
                refused.append(route.request.url)
                route.abort()

        page.route("**/*", local_only)
        for url in ("map/places.html", "places/moscow.map.html"):
            page.goto(base + url, wait_until="networkidle")
            outlines = page.eval_on_selector_all(".leaflet-nx-world-pane path", "p => p.length")
            assert outlines > 150, (url, outlines)
        page.goto(base + "map/places.html", wait_until="networkidle")
        legend = page.inner_text(".nx-legend")
        assert "Country" in legend and "Place of events" in legend
        page.screenshot(path=str(_output("map-offline.png")))
        assert refused and all("tile.openstreetmap.org" in url for url in refused)
        page.close()


@pytest.mark.browser
def test_timeline_axis_draws_months_to_scale_and_follows_the_filters(
    site: Path, corpus: dict[str, Any]
) -> None:
    def bars(page: Any) -> dict[str, int]:
        titles = page.eval_on_selector_all(
            ".nx-tl-bar", "bars => bars.map(b => [b.dataset.target, b.textContent])"
        )
        return {target: int(text.split()[0]) for target, text in titles}

    dated = [{**e, "date": e["when"]} for e in on_timeline(corpus)]
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + "timeline/", wait_until="networkidle")
        shown = bars(page)
        assert sum(shown.values()) == len(dated)  # every dated event is on the axis once
        month = next(e["date"][:7] for e in dated if len(e["date"]) >= 7)
        assert shown[f"m{month}"] == sum(1 for e in dated if e["date"][:7] == month)
        width = page.evaluate("document.querySelector('.nx-tl-scroll svg').width.baseVal.value")
        page.click("[data-zoom='1']")
        wider = page.evaluate("document.querySelector('.nx-tl-scroll svg').width.baseVal.value")
        assert wider > width
        # The filters narrow the axis as they narrow the list.
        actor = next(p for e in dated for p in e["participants"])
        page.select_option("select[data-filter=actor]", actor)
        narrowed = bars(page)
        assert sum(narrowed.values()) == sum(1 for e in dated if actor in e["participants"])
        # A bar leads to its month in the list.
        target = sorted(narrowed)[-1]
        page.click(f".nx-tl-bar[data-target='{target}']")
        page.wait_for_timeout(800)
        top = page.evaluate(f"document.getElementById('{target}').getBoundingClientRect().top")
        assert 0 <= top < 900
        page.close()


def _output(name: str) -> Path:
    out = Path(__file__).resolve().parent.parent / "test-output"
    out.mkdir(exist_ok=True)
    return out / name
