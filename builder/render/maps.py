"""The Folium maps: a full map of the corpus's places and a small map per place.

Pure functions from the corpus to marker data and to complete, self-hosted HTML
documents. Every map is a file of its own, shown in an ``<iframe>`` by the Markdown
pages, so links inside it carry ``target="_top"`` and relative hrefs computed from the
map file's own URL (MkDocs copies ``.html`` files verbatim, so ``map/places.html`` is
served at ``map/places.html``).

No CDN: Folium's default links to Leaflet, jQuery, Bootstrap, Font Awesome and
awesome-markers are replaced by relative links to copies of these vendored files,
written under ``assets/vendor/`` (see :func:`vendored_assets`):

=====================================  ===============================  =======
file                                   source package                   version
=====================================  ===============================  =======
``leaflet/leaflet.js``, ``.css``,      ``xstatic-leaflet``              1.9.3
``leaflet/images/*.png``
``markercluster/*.js``, ``*.css``      ``xstatic-leaflet-markercluster``  1.4.1
``jquery/jquery.min.js``               ``xstatic-jquery``               3.7.1
=====================================  ===============================  =======

(the versions actually copied are those installed; :data:`VENDORED` records them).
CircleMarkers need neither Bootstrap, Font Awesome nor awesome-markers, so those are
dropped; HTML popups need jQuery. The only external host a map contacts is the tile
server, :data:`TILES_URL`.

Output is deterministic: Folium names every element with a random id, which is
replaced here by a counter while a map is built and rendered.
"""

from __future__ import annotations

import html
import json
import math
import posixpath
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from builder import __version__
from builder.infra.cache import RenderCache, digest
from builder.infra.parallel import can_fork, cores, map_in_order
from builder.model import Corpus, Entity, Event
from builder.render.events import date_label
from builder.render.nearest import nearest

#: Tile server and its attribution (OpenStreetMap's tile usage policy asks for both).
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright" target="_blank" '
    'rel="noopener">OpenStreetMap</a> contributors'
)


@dataclass(frozen=True)
class Tiles:
    """The background tile layer: the one thing a map may load from outside the site."""

    url: str = TILES_URL
    attribution: str = TILES_ATTRIBUTION


DEFAULT_TILES = Tiles()


#: Where vendored files land in the staging folder (and so in the site).
VENDOR_DIR = "assets/vendor"
#: The full map, relative to the staging folder; ``map/index.md`` embeds it.
FULL_MAP = "map/places.html"
#: Country outlines under every map (``world_outlines``): the map still shows where
#: things are when no tile loads (offline, an intranet, the tile host down).
WORLD_SCRIPT = "assets/news-explorer/world.js"
#: Under Leaflet's tile pane (200): tiles cover the outlines once they load.
WORLD_PANE = "nx-world"
#: How many nearest corpus places a place's small map shows beside it.
NEIGHBOURS = 15
#: Fewer place maps than this are drawn in the calling process (forking costs ~0.1 s).
PARALLEL_MIN_MAPS = 200
MAP_KINDS = ("place", "country")

PLACE_COLOUR = "#2e7d32"
FOCUS_COLOUR = "#c62828"
COUNTRY_COLOUR = "#607d8b"
EVENT_COLOUR = "#ef6c00"
#: The outline of a place shown at another place's point: dotted, as its own is unknown.
APPROXIMATE_DASH = "2 4"
#: How many events one place's popup lists before "and N more".
MAX_EVENTS_IN_POPUP = 12


def _xstatic(module: str) -> tuple[Path, str]:
    import importlib

    pkg = importlib.import_module(f"xstatic.pkg.{module}")
    return Path(pkg.BASE_DIR), pkg.VERSION


def _vendored() -> dict[str, tuple[Path, str, str]]:
    """Relative path under VENDOR_DIR -> (source file, package, version)."""
    leaflet, leaflet_v = _xstatic("leaflet")
    cluster, cluster_v = _xstatic("leaflet_markercluster")
    jquery, jquery_v = _xstatic("jquery")
    files = {
        "leaflet/leaflet.js": (leaflet / "leaflet.js", "xstatic-leaflet", leaflet_v),
        "leaflet/leaflet.css": (leaflet / "leaflet.css", "xstatic-leaflet", leaflet_v),
    }
    for png in sorted((leaflet / "images").glob("*.png")):
        files[f"leaflet/images/{png.name}"] = (png, "xstatic-leaflet", leaflet_v)
    for name in ("leaflet.markercluster.js", "MarkerCluster.css", "MarkerCluster.Default.css"):
        files[f"markercluster/{name}"] = (
            cluster / name,
            "xstatic-leaflet-markercluster",
            cluster_v,
        )
    files["jquery/jquery.min.js"] = (jquery / "jquery.min.js", "xstatic-jquery", jquery_v)
    return files


#: Vendored files: path under VENDOR_DIR -> "package version".
VENDORED = {rel: f"{pkg} {version}" for rel, (_, pkg, version) in _vendored().items()}


def world_outlines() -> dict[str, bytes]:
    """Every country's outline as one script the maps load (``window.NX_WORLD``).

    The outlines are those the ``countryinfo`` package ships (MIT; low-resolution
    polygons of the world's countries, coastlines included), gathered into one GeoJSON
    collection sorted by country code, so the file is the same for the same package.
    Checked first: ``geodatasets`` and Cartopy download Natural Earth at run time;
    ``geopandas`` no longer ships it.
    """
    from countryinfo import all_countries

    features = []
    for country in all_countries():
        try:
            collection = country.geo_json()
        except (KeyError, ValueError):  # a territory without an outline
            continue
        features.extend(collection.get("features") or [])
    features.sort(key=lambda f: (str(f.get("id")), json.dumps(f, sort_keys=True)))
    data = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=True,
        separators=(",", ":"),
        sort_keys=True,
    )
    return {WORLD_SCRIPT: f"window.NX_WORLD={data};\n".encode()}


def vendored_assets() -> dict[str, bytes]:
    """The vendored Leaflet, MarkerCluster and jQuery files, by staging path."""
    return {f"{VENDOR_DIR}/{rel}": src.read_bytes() for rel, (src, _, _) in _vendored().items()}


# marker data ------------------------------------------------------------------------


@dataclass(frozen=True)
class MapMarker:
    """One place or country with coordinates, as the maps show it."""

    id: str
    name: str
    kind: str  # "place" or "country"
    place_type: str | None
    lat: float
    lon: float
    mentions: int
    articles: int
    url: str  # site-relative page URL, e.g. "places/aleppo/"
    #: The place whose point it shows, its own being unknown (``Entity.approximate_at``)
    approximate_at: str | None = None

    @property
    def map_file(self) -> str:
        """The small map of this place, relative to the staging folder."""
        return f"{self.url.rstrip('/')}.map.html"


def marker_of(e: Entity) -> MapMarker | None:
    """The marker of a place or country, or None when it has no coordinates."""
    if e.kind not in MAP_KINDS or e.lat is None or e.lon is None:
        return None
    return MapMarker(
        id=e.id,
        name=e.name,
        kind=e.kind,
        place_type=e.place_type,
        lat=e.lat,
        lon=e.lon,
        mentions=len(e.mentions),
        articles=len(e.articles),
        url=e.url,
        approximate_at=e.approximate_at,
    )


def markers(corpus: Corpus) -> list[MapMarker]:
    """Every place and country with coordinates, most mentioned first."""
    found = [m for m in map(marker_of, corpus.entities) if m is not None]
    return sorted(found, key=lambda m: (-m.mentions, m.name.casefold(), m.id))


def text(value: str) -> str:
    """Escape text for HTML that Folium puts inside a JavaScript template literal.

    ``html.escape`` makes ``<``, ``&`` and quotes literal; backticks, ``$`` and
    backslashes become character references too, so ``${...}`` or an escape sequence
    in a name can never be read by the template literal either. So do braces: Folium
    renders a popup's script a second time as a Jinja template, so ``{{ ... }}`` in a
    name would be evaluated at build time.
    """
    escaped = html.escape(" ".join(value.split()), quote=True)
    escaped = escaped.replace("{", "&#123;").replace("}", "&#125;")
    return escaped.replace("`", "&#96;").replace("$", "&#36;").replace("\\", "&#92;")


def href(from_file: str, url: str) -> str:
    """Relative link from a file in the staging folder to a directory page URL."""
    path = posixpath.relpath(url.rstrip("/") or ".", posixpath.dirname(from_file) or ".")
    return path + "/" if url.endswith("/") else path


def kind_label(m: MapMarker) -> str:
    return "Country" if m.kind == "country" else f"Place ({m.place_type or 'unclassified'})"


def popup_html(m: MapMarker, from_file: str) -> str:
    """Popup content: escaped name, kind, counts and a link that leaves the iframe."""
    counts = (
        f"{m.mentions} mention{'' if m.mentions == 1 else 's'} in "
        f"{m.articles} article{'' if m.articles == 1 else 's'}"
    )
    where = f"Approximate: shown at {text(m.approximate_at)}<br>" if m.approximate_at else ""
    return (
        f'<div class="nx-popup"><strong>{text(m.name)}</strong><br>'
        f"{text(kind_label(m))}<br>{where}{text(counts)}<br>"
        f'<a href="{text(href(from_file, m.url))}" target="_top">Open the page</a></div>'
    )


@dataclass(frozen=True)
class EventPin:
    """The events that happened at one place with coordinates."""

    place: MapMarker
    events: tuple[tuple[str, str, str], ...]  # (date label, title, page URL)


def event_pins(corpus: Corpus) -> list[EventPin]:
    """One pin per place with coordinates where at least one event happened."""

    places = {e.id: e for e in corpus.entities}
    by_place: dict[str, list[Event]] = {}
    for event in corpus.events:
        if event.place in places:
            by_place.setdefault(event.place, []).append(event)
    pins = []
    for place_id in sorted(by_place):
        marker = marker_of(places[place_id])
        if marker is None:
            continue
        events = sorted(
            by_place[place_id], key=lambda e: (e.date is None, e.date.value if e.date else "", e.id)
        )
        pins.append(EventPin(marker, tuple((date_label(e.date), e.title, e.url) for e in events)))
    return pins


def event_popup_html(pin: EventPin, from_file: str) -> str:
    """Popup of an event pin: the place and its events, each linking out of the iframe."""
    items = "".join(
        f'<li>{text(when)}: <a href="{text(href(from_file, url))}" target="_top">'
        f"{text(title)}</a></li>"
        for when, title, url in pin.events[:MAX_EVENTS_IN_POPUP]
    )
    more = len(pin.events) - MAX_EVENTS_IN_POPUP
    tail = f"<br>and {more} more on the place's page" if more > 0 else ""
    return (
        f'<div class="nx-popup"><strong>Events in {text(pin.place.name)}</strong>'
        f'<ul style="padding-left:1.1em;margin:.3em 0">{items}</ul>{tail}</div>'
    )


def radius(m: MapMarker) -> float:
    """Circle radius in pixels, growing with the square root of the mention count."""
    return round(min(4 + 2.5 * math.sqrt(m.mentions), 22), 1)


def map_cache(folder: Path | None) -> RenderCache:
    """Maps kept between builds in ``folder``, invalidated by this code and Folium."""
    here = Path(__file__).parent
    code = (here / "maps.py", here / "folium_maps.py", here / "folium_speed.py")
    # Folium's version from its metadata: a build that draws no map never imports it.
    return RenderCache(folder, digest(*code, version("folium"), __version__), remember=True)


def map_files(
    corpus: Corpus, tiles: Tiles = DEFAULT_TILES, cache: RenderCache | None = None
) -> dict[str, str]:
    """Every map document by its path relative to the staging folder.

    With a ``cache``, only maps whose markers, neighbours or tiles changed are drawn.
    """
    cache = cache or map_cache(None)
    points = markers(corpus)
    pins = event_pins(corpus)
    full_key = cache.key(("full", points, pins, tiles))
    full = cache.get(full_key)
    if full is None:
        from builder.render.folium_maps import full_map

        full = full_map(points, tiles=tiles, pins=pins)
        cache.put(full_key, full)
    files = {FULL_MAP: full}
    near = _neighbours(points, cache)
    jobs = [
        (points[i], tuple(near[i]), tiles)
        for i in sorted(range(len(points)), key=lambda i: points[i].map_file)
    ]
    keys = [cache.key(job) for job in jobs]
    kept = {key: doc for key in keys if (doc := cache.get(key)) is not None}
    todo = [(job, key) for job, key in zip(jobs, keys, strict=True) if key not in kept]
    # Folium takes ~10 ms a map: many maps to draw go to every core, unless serving
    # (a process with threads must not fork; the cache leaves it few maps to draw).
    workers = cores() if len(todo) >= PARALLEL_MIN_MAPS and can_fork() else 1
    if todo:
        from builder.render.folium_maps import place_map_job

        drawn = map_in_order(place_map_job, [job for job, _ in todo], workers)
        for (_, key), doc in zip(todo, drawn, strict=True):
            cache.put(key, doc)
            kept[key] = doc
    for job, key in zip(jobs, keys, strict=True):
        files[job[0].map_file] = kept[key]
    cache.prune()
    return files


def _neighbours(points: list[MapMarker], cache: RenderCache) -> dict[int, list[MapMarker]]:
    """Each marker's nearest others (``builder.render.nearest``, all at once), kept by the
    places' positions: a changed seed seldom moves one, and finding them was half a
    second of every build at 1,000 articles. Found and kept in the markers' id order, as
    the neighbours do not depend on it: ``points`` come most mentioned first, an order
    one more mention of a place changes."""
    by_id = sorted(range(len(points)), key=lambda i: points[i].id)
    located = [points[i] for i in by_id]
    key = cache.key(("nearest", NEIGHBOURS, [(p.lat, p.lon, p.url, p.id) for p in located]))
    kept = cache.get(key)
    if kept is None:
        found = nearest(located, NEIGHBOURS, distance)
        index = {id(p): i for i, p in enumerate(located)}
        kept = json.dumps([[index[id(m)] for m in found[i]] for i in range(len(located))])
        cache.put(key, kept)
    return {by_id[i]: [located[j] for j in row] for i, row in enumerate(json.loads(kept))}


def bounds(points: list[MapMarker]) -> list[list[float]]:
    lats = [m.lat for m in points]
    lons = [m.lon for m in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def zoom(m: MapMarker) -> int:
    kind = "country" if m.kind == "country" else (m.place_type or "")
    return {"continent": 3, "country": 5, "sea": 5, "region": 7}.get(kind, 7)


def distance(a: MapMarker, b: MapMarker) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


# pages ------------------------------------------------------------------------------

MAP_PAGE = "map/index.md"


def map_page(points: list[MapMarker]) -> str:
    """``map/``: the full map in an iframe that fills the content area."""
    places = sum(1 for m in points if m.kind == "place")
    countries = len(points) - places
    src = posixpath.relpath(FULL_MAP, "map")
    return (
        "---\ntitle: Map\ndescription: Every place and country the articles name, on one map.\n"
        "hide:\n  - navigation\n  - toc\n---\n\n# Map\n\n"
        f'<p class="nx-summary">{places} place{"" if places == 1 else "s"} and '
        f"{countries} countr{'y' if countries == 1 else 'ies'} with coordinates; circles grow "
        "with the number of mentions; dashed rings mark places where events happened, dotted "
        "circles places shown at the point of a place they are in (their own is not known). "
        "Click one for its page or its events; switch layers at the top right.</p>\n\n"
        f'<iframe class="nx-map nx-map-full" src="{html.escape(src)}" '
        'title="Map of the places and countries the articles name"></iframe>\n'
    )


def embed(m: MapMarker) -> str:
    """The small map of a place, as HTML for the place's own page (``<section>/<id>/``)."""
    src = posixpath.relpath(m.map_file, m.url.rstrip("/"))
    full = href(m.url + "x", "map/")
    return (
        f'<div class="nx-map-box" data-search-exclude><iframe class="nx-map nx-map-small" '
        f'src="{html.escape(src)}" title="Map around {text(m.name)}" loading="lazy"></iframe>'
        f'<p class="nx-evidence"><a href="{html.escape(full)}">Open the full map</a></p></div>\n'
    )
