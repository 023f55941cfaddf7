"""The Folium maps: marker data, escaping, determinism, no CDN, and the map in Chromium."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from builder.model import Corpus, Entity, Mention
from builder.render.maps import (
    APPROXIMATE_DASH,
    FULL_MAP,
    Tiles,
    map_cache,
    map_files,
    marker_of,
    markers,
    popup_html,
    vendored_assets,
    world_outlines,
)
from tests.browser import browser, serve
from tests.conftest import ROOT
from tests.maps import full_map_markers

HOSTILE = "<img src=x onerror=alert(1)>&\"'`${alert(2)}"


def _mention(article: str, n: int) -> Mention:
    return Mention(article, 1, n, 0, 1, "x", "PLACE")


def _corpus() -> Corpus:
    return Corpus(
        articles=[],
        entities=[
            Entity(
                id="hostile",
                name=HOSTILE,
                kind="place",
                place_type="city",
                lat=36.2,
                lon=37.15,
                mentions=[_mention("a", 0), _mention("b", 1), _mention("b", 2)],
            ),
            Entity(id="tr", name="Turkey", kind="country", lat=39.0, lon=35.0, country="TR"),
            Entity(id="nowhere", name="Nowhere", kind="place"),
            Entity(id="someone", name="Someone", kind="person", lat=1.0, lon=1.0),
        ],
    )


def test_one_marker_per_place_or_country_with_coordinates() -> None:
    found = {m.id: m for m in markers(_corpus())}
    assert set(found) == {"hostile", "tr"}
    hostile = found["hostile"]
    assert (hostile.kind, hostile.place_type, hostile.lat, hostile.lon) == (
        "place",
        "city",
        36.2,
        37.15,
    )
    assert (hostile.mentions, hostile.articles, hostile.url) == (3, 2, "places/hostile/")
    assert found["tr"].url == "actors/tr/"
    assert hostile.map_file == "places/hostile.map.html"


def test_map_files_and_hostile_names_are_literal() -> None:
    files = map_files(_corpus())
    assert set(files) == {FULL_MAP, "places/hostile.map.html", "actors/tr.map.html"}
    escaped = "&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#x27;&#96;&#36;&#123;alert(2)&#125;"
    for doc in files.values():
        assert "<img" not in doc and "${alert" not in doc and "onerror=alert(1)>" not in doc
    for doc in (files["places/hostile.map.html"], files["actors/tr.map.html"]):
        assert escaped in doc
    # The full map's markers are data (JSON with "<" and "&" escaped): their popups and
    # tooltips, once decoded, are the same escaped text.
    marks = {m["style"]["className"]: m for m in full_map_markers(files[FULL_MAP])}
    hostile = marks["nx-marker nx-place nx-id-hostile"]
    assert hostile["tip"] == escaped and escaped in hostile["popup"]
    assert 'href="../places/hostile/" target="_top"' in hostile["popup"]
    assert marks["nx-marker nx-country nx-id-tr"]["layer"] == "countries"
    assert 'href="../actors/tr/" target="_top"' in files["places/hostile.map.html"]
    assert 'href="tr/" target="_top"' in files["actors/tr.map.html"]


def test_maps_reference_no_host_but_the_tiles() -> None:
    for doc in map_files(_corpus()).values():
        hosts = set(re.findall(r"https?://([^/\"'\s]+)", doc))
        assert hosts <= {"tile.openstreetmap.org", "www.openstreetmap.org"}, hosts
        srcs = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', doc)
        assert srcs and all(s.startswith("../assets/") for s in srcs), srcs
    served = {**vendored_assets(), **world_outlines()}
    for doc_path, doc in map_files(_corpus()).items():
        for src in re.findall(r'(?:src|href)="(\.\./assets/[^"]+)"', doc):
            assert src.removeprefix("../") in served, (doc_path, src)


def test_a_place_shown_at_another_says_so_in_its_popup_and_circle() -> None:
    street = Entity(
        id="oak",
        name="Oak Street",
        kind="place",
        place_type="locality",
        lat=45.75,
        lon=4.85,
        mentions=[_mention("a", 0)],
        approximate_at=HOSTILE,
    )
    marker = marker_of(street)
    assert marker is not None
    popup = popup_html(marker, "map/index.html")
    assert "Approximate: shown at &lt;img" in popup and "<img" not in popup
    city = marker_of(dataclasses.replace(street, approximate_at=None))
    assert city is not None and "Approximate" not in popup_html(city, "map/index.html")
    # and its circle is dotted on the full map, the city's is not
    corpus = Corpus(
        articles=[],
        entities=[
            street,
            dataclasses.replace(
                street, id="lyon", name="Lyon", place_type="city", approximate_at=None
            ),
        ],
    )
    full = map_files(corpus)[FULL_MAP]
    assert '"className":"nx-marker nx-place nx-id-oak nx-approximate"' in full
    assert '"className":"nx-marker nx-place nx-id-lyon"' in full
    assert full.count(f'"dashArray":"{APPROXIMATE_DASH}"') == 1
    assert "(approximate)" in full  # the legend says what a dotted circle is


def test_maps_ask_for_no_favicon() -> None:
    for doc in map_files(_corpus()).values():
        assert doc.count('<link rel="icon" href="data:,">') == 1


def test_same_corpus_gives_identical_maps() -> None:
    first, second = map_files(_corpus()), map_files(_corpus())
    assert first == second
    assert not re.search(r"_[0-9a-f]{32}\b", first[FULL_MAP])


def test_kept_maps_are_reused_until_their_inputs_change(tmp_path: Path) -> None:
    drawn = map_files(_corpus(), cache=map_cache(tmp_path))
    # Every map, and the markers' nearest neighbours, kept.
    assert len(list(tmp_path.glob("*.html"))) == len(drawn) + 1

    again = map_cache(tmp_path)
    assert map_files(_corpus(), cache=again) == drawn
    assert again.hits == len(drawn) + 1

    moved = _corpus()
    moved.entities[1] = dataclasses.replace(moved.entities[1], lat=40.0)  # Turkey moves
    changed = map_cache(tmp_path)
    redrawn = map_files(moved, cache=changed)
    assert redrawn == map_files(moved)  # what a build without the cache draws
    # Turkey is on every map here: none could be reused, and the old ones are gone.
    assert changed.hits == 0
    assert redrawn[FULL_MAP] != drawn[FULL_MAP]
    assert len(list(tmp_path.glob("*.html"))) == len(drawn) + 1

    # A place named less often, where it was: the neighbours are kept, and the maps are
    # what a build without the cache draws.
    quieter = _corpus()
    quieter.entities[1] = moved.entities[1]
    quieter.entities[0] = dataclasses.replace(
        quieter.entities[0], mentions=quieter.entities[0].mentions[:1]
    )
    kept = map_cache(tmp_path)
    assert map_files(quieter, cache=kept) == map_files(quieter) != redrawn
    assert kept.hits >= 1

    # Turkey named more often than the other place: the markers' order flips and every
    # map shows a changed count, but the neighbours are found in the last build's cache.
    map_files(_corpus(), cache=map_cache(tmp_path))
    louder = _corpus()
    louder.entities[1] = dataclasses.replace(
        louder.entities[1], mentions=[_mention(a, n) for a in "cde" for n in range(3)]
    )
    reordered = map_cache(tmp_path)
    assert map_files(louder, cache=reordered) == map_files(louder)
    assert reordered.hits == 1


def test_kept_maps_need_no_folium(tmp_path: Path) -> None:
    """Folium is imported only to draw: a render whose maps are all kept never loads it."""
    code = (
        "import sys; from pathlib import Path; from tests.test_map import _corpus; "
        "from builder.render.maps import map_cache, map_files; "
        f"files = map_files(_corpus(), cache=map_cache(Path({str(tmp_path)!r}))); "
        "print(len(files), 'folium' in sys.modules)"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
        )
        for _ in range(2)
    ]
    assert all(r.returncode == 0 for r in runs), runs[-1].stderr[-2000:]
    (drawn, cold), (kept, warm) = (r.stdout.split() for r in runs)
    assert drawn == kept and int(drawn) >= 2
    assert (cold, warm) == ("True", "False")


def test_tile_provider_is_configurable() -> None:
    tiles = Tiles("https://tiles.example.org/{z}/{x}/{y}.png", "© Example tiles")
    files = map_files(_corpus(), tiles)
    assert all("tiles.example.org" in text for text in files.values())
    assert all("openstreetmap" not in text for text in files.values())
    assert "Example tiles" in files[FULL_MAP]


# in Chromium ------------------------------------------------------------------------


def _mapped(corpus: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e
        for e in corpus["entities"]
        if e["kind"] in ("place", "country") and e["lat"] is not None and e["lon"] is not None
    ]


@pytest.mark.browser
def test_full_map_self_hosted_counts_and_links(site: Path, corpus: dict[str, Any]) -> None:
    mapped = _mapped(corpus)
    countries = sorted(
        (e for e in mapped if e["kind"] == "country"), key=lambda e: (-e["mentions"], e["id"])
    )
    assert mapped and countries
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        requests: list[tuple[str, str]] = []
        page.on("request", lambda r: requests.append((r.resource_type, r.url)))
        page.goto(base + "map/", wait_until="load")
        frame = page.frame_locator("iframe.nx-map-full")
        frame.locator("path.nx-marker").first.wait_for(state="attached", timeout=15000)
        page.wait_for_timeout(500)  # clusters settle after fitBounds
        clusters = frame.locator(".marker-cluster span").all_inner_texts()
        shown = frame.locator("path.nx-marker").count()
        assert sum(int(n) for n in clusters) + shown == len(mapped), (clusters, shown)
        layers = frame.locator(".leaflet-control-layers-overlays label").all_inner_texts()
        assert [x.strip() for x in layers] == ["Countries", "Places", "Events"]
        page.screenshot(path=str(_output("map.png")))

        local = urlsplit(base).hostname
        foreign = [
            url
            for kind, url in requests
            if kind in ("script", "stylesheet", "font", "document")
            and urlsplit(url).hostname != local
        ]
        assert not foreign, foreign
        assert any(urlsplit(u).path == "/assets/vendor/leaflet/leaflet.js" for _, u in requests)

        target = countries[0]
        frame.locator(f"path.nx-id-{target['id']}").dispatch_event("click")
        popup = frame.locator(".leaflet-popup-content a")
        assert target["name"] in frame.locator(".leaflet-popup-content").inner_text()
        popup.click()
        page.wait_for_url(base + target["url"], timeout=10000)
        assert page.locator("h1.nx-title").inner_text() == target["name"]
        page.close()


@pytest.mark.browser
def test_place_page_shows_small_map(site: Path, corpus: dict[str, Any]) -> None:
    places = sorted(
        (e for e in _mapped(corpus) if e["kind"] == "place"),
        key=lambda e: (-e["mentions"], e["id"]),
    )
    assert places
    place = places[0]
    with serve(site) as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1280, "height": 900})
        page.goto(base + place["url"], wait_until="load")
        frame = page.frame_locator("iframe.nx-map-small")
        mine = frame.locator(f"path.nx-id-{place['id']}")
        mine.wait_for(state="attached", timeout=15000)
        assert frame.locator("path.nx-marker").count() > 1  # neighbours too
        neighbour = frame.locator(f"path.nx-marker:not(.nx-id-{place['id']})").last
        cls = neighbour.get_attribute("class") or ""
        other = re.search(r"nx-id-(\S+)", cls)
        assert other
        neighbour.dispatch_event("click")
        frame.locator(".leaflet-popup-content a").click()
        page.wait_for_url(re.compile(rf"/(places|actors)/{re.escape(other.group(1))}/$"))
        page.close()


def _output(name: str) -> Path:
    out = ROOT / "test-output"
    out.mkdir(exist_ok=True)
    return out / name
