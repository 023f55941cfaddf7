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

import contextlib
import html
import itertools
import json
import math
import posixpath
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import folium
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from folium.vector_layers import path_options
from jinja2 import Template

from builder import __version__
from builder.infra.cache import RenderCache, digest
from builder.infra.parallel import can_fork, cores, map_in_order
from builder.model import Corpus, Entity, Event
from builder.render.events import date_label
from builder.render.folium_speed import literal_templates
from builder.render.markup import inline_json
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
_WORLD_PANE = "nx-world"
#: How many nearest corpus places a place's small map shows beside it.
NEIGHBOURS = 15
#: Fewer place maps than this are drawn in the calling process (forking costs ~0.1 s).
PARALLEL_MIN_MAPS = 200
MAP_KINDS = ("place", "country")

PLACE_COLOUR = "#2e7d32"
FOCUS_COLOUR = "#c62828"
COUNTRY_COLOUR = "#607d8b"
EVENT_COLOUR = "#ef6c00"
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


class _WorldOutline(MacroElement):
    """The outlines in a pane under the tiles, and the sea's colour behind them."""

    _template = Template(
        """{% macro header(this, kwargs) %}
<script src="{{ this.script }}"></script>
<style>.leaflet-container { background: #c9dbe6; }</style>
{% endmacro %}
{% macro script(this, kwargs) %}
{{ this._parent.get_name() }}.createPane("{{ this.pane }}").style.zIndex = 150;
if (window.NX_WORLD) {
  L.geoJSON(window.NX_WORLD, {pane: "{{ this.pane }}", interactive: false,
    style: {color: "#8d8d8d", weight: 0.7, fillColor: "#f4f1ea", fillOpacity: 1}
  }).addTo({{ this._parent.get_name() }});
}
{% endmacro %}"""
    )

    def __init__(self, script: str) -> None:
        super().__init__()
        self._name = "WorldOutline"
        self.script = script
        self.pane = _WORLD_PANE


class _Legend(MacroElement):
    """What the full map's marks mean, in a corner of the map (fixed text, no data)."""

    _template = Template(
        """{% macro header(this, kwargs) %}
<style>
.nx-legend { padding: 6px 8px; font: 12px/1.5 sans-serif; background: rgba(255,255,255,.9);
  border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.nx-legend i { display: inline-block; width: 11px; height: 11px; margin-right: 6px;
  border-radius: 50%; vertical-align: -1px; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var legend = L.control({position: "bottomleft"});
  legend.onAdd = function () {
    var box = L.DomUtil.create("div", "nx-legend");
    box.innerHTML = {{ this.html }};
    return box;
  };
  legend.addTo({{ this._parent.get_name() }});
})();
{% endmacro %}"""
    )

    def __init__(self) -> None:
        super().__init__()
        self._name = "Legend"
        rows = (
            f'<i style="background:{COUNTRY_COLOUR};opacity:.5"></i>Country',
            f'<i style="background:{PLACE_COLOUR}"></i>Place (size: mentions)',
            f'<i style="border:2px dashed {EVENT_COLOUR}"></i>Place of events',
            '<i style="background:#f4f1ea;border:1px solid #8d8d8d;border-radius:0"></i>'
            "Country outlines (offline)",
        )
        self.html = json.dumps("<br>".join(rows))


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
    return (
        f'<div class="nx-popup"><strong>{text(m.name)}</strong><br>'
        f"{text(kind_label(m))}<br>{text(counts)}<br>"
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


def _event_marker(pin: EventPin, from_file: str) -> dict[str, object]:
    """A dashed ring around the place's own circle, as data for ``_Markers``."""
    m = pin.place
    count = len(pin.events)
    style = path_options(
        line=False,
        radius=min(radius(m) + 4 + count, 26),
        color=EVENT_COLOUR,
        weight=3,
        fill=False,
        dash_array="4 3",
        class_name=f"nx-event-marker nx-event-{m.id}",
    )
    return {
        "at": [m.lat, m.lon],
        "style": style,
        "popup": event_popup_html(pin, from_file),
        "width": 320,
        "tip": text(f"{count} event{'' if count == 1 else 's'} in {m.name}"),
        "layer": "events",
    }


def radius(m: MapMarker) -> float:
    """Circle radius in pixels, growing with the square root of the mention count."""
    return round(min(4 + 2.5 * math.sqrt(m.mentions), 22), 1)


# folium documents ---------------------------------------------------------------------

_ids_lock = threading.Lock()


@contextlib.contextmanager
def _deterministic_ids() -> Iterator[None]:
    """Name Folium elements by a counter instead of ``os.urandom`` while building one map."""
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    with _ids_lock, literal_templates():
        Element._generate_id = classmethod(lambda cls: f"{next(counter):06d}")  # type: ignore[method-assign]
        try:
            yield
        finally:
            Element._generate_id = original  # type: ignore[method-assign]


class _Markers(MacroElement):
    """Circle markers as data and one loop: ``L.circleMarker`` each, with its popup and
    tooltip, into its layer. Folium writes some forty lines of script per marker (2.9 MB
    for the 1,600 places of 1,000 articles) and took a second of every build to render
    them; the markers, popups and tooltips are the same."""

    _template = Template(
        """{% macro script(this, kwargs) %}
(function (layers, data) {
  data.markers.forEach(function (m) {
    L.circleMarker(m.at, m.style)
      .bindPopup('<div style="width: 100.0%; height: 100.0%;">' + m.popup + "</div>",
        {maxWidth: m.width})
      .bindTooltip("<div>" + m.tip + "</div>", {sticky: true})
      .addTo(layers[m.layer]);
  });
})({{ this.layers }}, {{ this.data }});
{% endmacro %}"""
    )

    def __init__(self, layers: dict[str, Element], markers: list[dict[str, object]]) -> None:
        super().__init__()
        self._name = "Markers"
        self.layers = "{" + ",".join(f'"{k}":{v.get_name()}' for k, v in layers.items()) + "}"
        self.data = inline_json({"markers": markers})


def _asset(from_file: str, rel: str) -> str:
    return posixpath.relpath(f"{VENDOR_DIR}/{rel}", posixpath.dirname(from_file) or ".")


def _new_map(from_file: str, tiles: Tiles, **kwargs: object) -> folium.Map:
    fmap = folium.Map(tiles=None, control_scale=True, **kwargs)
    # Instance attributes: never mutate Folium's class-level lists of CDN links.
    fmap.default_js = [
        ("leaflet", _asset(from_file, "leaflet/leaflet.js")),
        ("jquery", _asset(from_file, "jquery/jquery.min.js")),
    ]
    fmap.default_css = [("leaflet_css", _asset(from_file, "leaflet/leaflet.css"))]
    # The map is a page of its own in an iframe: without an icon of its own, browsers ask
    # the server for /favicon.ico, which a site under a sub-path does not have.
    fmap.get_root().header.add_child(Element('<link rel="icon" href="data:,">'), name="icon")
    _WorldOutline(posixpath.relpath(WORLD_SCRIPT, posixpath.dirname(from_file) or ".")).add_to(fmap)
    folium.TileLayer(
        tiles=tiles.url, attr=tiles.attribution, name="Background", control=False
    ).add_to(fmap)
    return fmap


def _cluster(from_file: str, name: str) -> MarkerCluster:
    cluster = MarkerCluster(name=name, show=True)
    cluster.default_js = [
        ("markerclusterjs", _asset(from_file, "markercluster/leaflet.markercluster.js"))
    ]
    cluster.default_css = [
        ("markerclustercss", _asset(from_file, "markercluster/MarkerCluster.css")),
        ("markerclusterdefaultcss", _asset(from_file, "markercluster/MarkerCluster.Default.css")),
    ]
    return cluster


def _circle_style(m: MapMarker, *, focus: bool = False) -> dict[str, object]:
    """A place's or country's circle: its size, colours and CSS classes."""
    colour = FOCUS_COLOUR if focus else COUNTRY_COLOUR if m.kind == "country" else PLACE_COLOUR
    return {
        "radius": radius(m) if m.kind != "country" else min(radius(m), 10),
        "color": colour,
        "weight": 3 if focus else 1 if m.kind == "country" else 2,
        "fill": True,
        "fill_color": colour,
        "fill_opacity": 0.25 if m.kind == "country" and not focus else 0.6,
        "class_name": f"nx-marker nx-{m.kind} nx-id-{m.id}",
    }


def _circle(m: MapMarker, from_file: str, *, focus: bool = False) -> folium.CircleMarker:
    return folium.CircleMarker(
        location=(m.lat, m.lon),
        popup=folium.Popup(popup_html(m, from_file), parse_html=False, max_width=260),
        tooltip=folium.Tooltip(text(m.name)),
        **_circle_style(m, focus=focus),
    )


def _circle_data(m: MapMarker, from_file: str, layer: str) -> dict[str, object]:
    """The same circle as ``_circle``, as data for ``_Markers``."""
    style = _circle_style(m)
    return {
        "at": [m.lat, m.lon],
        "style": path_options(line=False, **style),
        "popup": popup_html(m, from_file),
        "width": 260,
        "tip": text(m.name),
        "layer": layer,
    }


def _render(fmap: folium.Map) -> str:
    return fmap.get_root().render() + "\n"


def full_map(
    points: list[MapMarker],
    from_file: str = FULL_MAP,
    tiles: Tiles = DEFAULT_TILES,
    pins: list[EventPin] | None = None,
) -> str:
    """The whole corpus: clustered places, muted unclustered countries, a layer switch."""
    with _deterministic_ids():
        fmap = _new_map(from_file, tiles, location=(20, 0), zoom_start=2)
        layers: dict[str, Element] = {
            "countries": folium.FeatureGroup(name="Countries", show=True),
            "places": _cluster(from_file, "Places"),
        }
        # Countries first: their muted circles lie under the places' markers.
        ordered = sorted(points, key=lambda m: (m.kind != "country", -m.mentions, m.id))
        data = [
            _circle_data(m, from_file, "countries" if m.kind == "country" else "places")
            for m in ordered
        ]
        if pins:
            # Events: a layer of their own, above the places, one dashed ring per place.
            layers["events"] = folium.FeatureGroup(name="Events", show=True)
            data += [_event_marker(pin, from_file) for pin in pins]
        for layer in layers.values():
            layer.add_to(fmap)
        _Markers(layers, data).add_to(fmap)
        folium.LayerControl(collapsed=False).add_to(fmap)
        _Legend().add_to(fmap)
        if points:
            fmap.fit_bounds(_bounds(points), padding=(20, 20))
        return _render(fmap)


def place_map(
    focus: MapMarker,
    points: list[MapMarker],
    tiles: Tiles = DEFAULT_TILES,
    near: list[MapMarker] | None = None,
) -> str:
    """A small map centred on one place, with its nearest corpus neighbours."""
    from_file = focus.map_file
    if near is None:
        near = sorted(
            (m for m in points if m.url != focus.url),
            key=lambda m: (_distance(focus, m), m.id),
        )[:NEIGHBOURS]
    with _deterministic_ids():
        fmap = _new_map(from_file, tiles, location=(focus.lat, focus.lon), zoom_start=_zoom(focus))
        for m in sorted(near, key=lambda m: (m.kind != "country", -m.mentions, m.id)):
            _circle(m, from_file).add_to(fmap)
        _circle(focus, from_file, focus=True).add_to(fmap)
        return _render(fmap)


def map_cache(folder: Path | None) -> RenderCache:
    """Maps kept between builds in ``folder``, invalidated by this code and Folium."""
    here = Path(__file__).parent
    code = (here / "maps.py", here / "folium_speed.py", folium.__version__, __version__)
    return RenderCache(folder, digest(*code), remember=True)


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
    drawn = map_in_order(_place_map_job, [job for job, _ in todo], workers)
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
    second of every build at 1,000 articles."""
    key = cache.key(("nearest", NEIGHBOURS, [(p.lat, p.lon, p.url, p.id) for p in points]))
    kept = cache.get(key)
    if kept is None:
        found = nearest(points, NEIGHBOURS, _distance)
        index = {id(p): i for i, p in enumerate(points)}
        kept = json.dumps([[index[id(m)] for m in found[i]] for i in range(len(points))])
        cache.put(key, kept)
    return {i: [points[j] for j in row] for i, row in enumerate(json.loads(kept))}


def _place_map_job(job: tuple[MapMarker, tuple[MapMarker, ...], Tiles]) -> str:
    focus, near, tiles = job
    return place_map(focus, [], tiles, list(near))


def _bounds(points: list[MapMarker]) -> list[list[float]]:
    lats = [m.lat for m in points]
    lons = [m.lon for m in points]
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def _zoom(m: MapMarker) -> int:
    kind = "country" if m.kind == "country" else (m.place_type or "")
    return {"continent": 3, "country": 5, "sea": 5, "region": 7}.get(kind, 7)


def _distance(a: MapMarker, b: MapMarker) -> float:
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
        "with the number of mentions; dashed rings mark places where events happened. "
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
