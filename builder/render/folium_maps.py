"""The maps' documents, drawn with Folium: the full map and a small map per place.

Apart from ``builder.render.maps`` (marker data, pages, the cache) so that Folium and
branca, a third of a second to import, are loaded only when a map must be drawn: a
rebuild whose places did not move takes every map from the cache.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import posixpath
import threading
from collections.abc import Iterator

import folium
from branca.element import Element, MacroElement
from folium.plugins import MarkerCluster
from folium.vector_layers import path_options
from jinja2 import Template

from builder.render.folium_speed import literal_templates
from builder.render.maps import (
    APPROXIMATE_DASH,
    COUNTRY_COLOUR,
    DEFAULT_TILES,
    EVENT_COLOUR,
    FOCUS_COLOUR,
    FULL_MAP,
    NEIGHBOURS,
    PLACE_COLOUR,
    VENDOR_DIR,
    WORLD_PANE,
    WORLD_SCRIPT,
    EventPin,
    MapMarker,
    Tiles,
    bounds,
    distance,
    event_popup_html,
    popup_html,
    radius,
    text,
    zoom,
)
from builder.render.markup import inline_json


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
        self.pane = WORLD_PANE


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
            f'<i style="border:2px dotted {PLACE_COLOUR}"></i>Place at the point of one '
            "it is in (approximate)",
            '<i style="background:#f4f1ea;border:1px solid #8d8d8d;border-radius:0"></i>'
            "Country outlines (offline)",
        )
        self.html = json.dumps("<br>".join(rows))


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
    """A place's or country's circle: its size, colours and CSS classes; a place shown at
    another's point (its own unknown) is a dotted, nearly empty circle."""
    colour = FOCUS_COLOUR if focus else COUNTRY_COLOUR if m.kind == "country" else PLACE_COLOUR
    style: dict[str, object] = {
        "radius": radius(m) if m.kind != "country" else min(radius(m), 10),
        "color": colour,
        "weight": 3 if focus else 1 if m.kind == "country" else 2,
        "fill": True,
        "fill_color": colour,
        "fill_opacity": 0.25 if m.kind == "country" and not focus else 0.6,
        "class_name": f"nx-marker nx-{m.kind} nx-id-{m.id}",
    }
    if m.approximate_at:
        style.update(fill_opacity=0.15, dash_array=APPROXIMATE_DASH)
        style["class_name"] = f"{style['class_name']} nx-approximate"
    return style


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
            fmap.fit_bounds(bounds(points), padding=(20, 20))
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
            key=lambda m: (distance(focus, m), m.id),
        )[:NEIGHBOURS]
    with _deterministic_ids():
        fmap = _new_map(from_file, tiles, location=(focus.lat, focus.lon), zoom_start=zoom(focus))
        for m in sorted(near, key=lambda m: (m.kind != "country", -m.mentions, m.id)):
            _circle(m, from_file).add_to(fmap)
        _circle(focus, from_file, focus=True).add_to(fmap)
        return _render(fmap)


def place_map_job(job: tuple[MapMarker, tuple[MapMarker, ...], Tiles]) -> str:
    focus, near, tiles = job
    return place_map(focus, [], tiles, list(near))
