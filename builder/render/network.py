"""The network: ``network/`` (the whole graph) and each actor's relations and local graph.

The graph is drawn in the browser by vis-network, whose standalone build is vendored in
``builder/assets/vendor/vis-network/`` (with its licence) and copied under
``assets/vendor/vis-network/`` at staging time, like Leaflet for the maps: no CDN.

The whole graph's data is a JSON file beside the page (``network/graph.json``), not
inline, and the page draws only the strongest part first: the :data:`FIRST_NODES`
most-mentioned nodes that have a relation passing the filters, "Show more" adds
:data:`FIRST_NODES` more. To keep that file small for a corpus of thousands of
articles, it keeps every typed relation but only each node's :data:`TOP_CO_OCCURRENCES`
strongest co-occurrences of weight 1 or more (all of them are in ``corpus.json``).

Names reach the page as data: vis-network draws labels on a canvas, and every other
piece of text the script shows is set with ``textContent``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from builder.model import ACTOR_KINDS, KINDS, Corpus, Entity, Evidence, Relation
from builder.relations.finder import CO_OCCURRENCE, PARAGRAPH_WEIGHT
from builder.render.markup import esc, front_matter, inline_json, link, plural

NETWORK_PAGE = "network/index.md"
GRAPH_JSON = "network/graph.json"
VENDOR = "assets/vendor/vis-network"
SCRIPT = "assets/news-explorer/network.js"
STYLE = "assets/news-explorer/network.css"
ASSETS = Path(__file__).resolve().parent.parent / "assets"

#: Nodes drawn at first on ``network/``, and added by each "Show more".
FIRST_NODES = 30
#: "Named together" links each name keeps in the opening view (all: a checkbox away).
STRONGEST_TIES = 3
#: Co-occurrences kept per node in ``graph.json`` (typed relations are all kept).
TOP_CO_OCCURRENCES = 15
#: Neighbours in an actor page's local graph.
LOCAL_NEIGHBOURS = 20
#: Typed relations and co-occurrences listed on an actor page.
MAX_RELATIONS_SHOWN = 40
MAX_EVIDENCE_SHOWN = 8
MAX_CO_OCCURRENCES = 15

KIND_STYLES = {
    "person": ("#1e88e5", "People"),
    "organization": ("#8e24aa", "Organizations"),
    "country": ("#546e7a", "Countries"),
    "group": ("#e53935", "Groups"),
    "place": ("#2e7d32", "Places"),
}
SINGULAR = {
    "person": "Person",
    "organization": "Organization",
    "country": "Country",
    "group": "Group",
    "place": "Place",
}
#: Relation type -> (colour, dash pattern or None, directed, label for the legend).
TYPE_STYLES: dict[str, tuple[str, list[int] | None, bool, str]] = {
    CO_OCCURRENCE: ("#b0bec5", None, False, "named together"),
    "met": ("#1565c0", None, False, "met or talked with"),
    "called": ("#00838f", [2, 4], True, "called"),
    "supports": ("#2e7d32", None, True, "backs or supports"),
    "opposes": ("#c62828", None, True, "opposes or fights"),
    "negotiates": ("#6a1b9a", [10, 4], False, "negotiates with"),
    "sanctions": ("#ef6c00", [10, 4], True, "sanctions"),
    "accuses": ("#ad1457", [4, 4], True, "accuses or criticises"),
    "praises": ("#9e9d24", [2, 4], True, "praises"),
    "mediates": ("#5d4037", [10, 3, 2, 3], True, "mediates between"),
}
#: How an actor page words a typed relation, from the actor's side and the other's.
PHRASES = {
    "met": ("met or talked with", "met or talked with"),
    "called": ("called", "was called by"),
    "supports": ("backs or supports", "is backed or supported by"),
    "opposes": ("opposes or fights", "is opposed or fought by"),
    "negotiates": ("negotiates with", "negotiates with"),
    "sanctions": ("sanctions", "is sanctioned by"),
    "accuses": ("accuses or criticises", "is accused or criticised by"),
    "praises": ("praises", "is praised by"),
    "mediates": ("mediates for", "has as mediator"),
}


def vendored_network_assets() -> dict[str, bytes]:
    """vis-network's standalone build, as vendored with its licence."""
    folder = ASSETS / "vendor" / "vis-network"
    return {
        f"{VENDOR}/{name}": (folder / name).read_bytes()
        for name in ("vis-network.min.js", "vis-network.css")
    }


# data ---------------------------------------------------------------------------------


@dataclass
class RelationIndex:
    """The corpus's relations by entity, computed once for all actor pages."""

    corpus: Corpus

    @cached_property
    def entities(self) -> dict[str, Entity]:
        return {e.id: e for e in self.corpus.entities}

    @cached_property
    def by_entity(self) -> dict[str, list[Relation]]:
        found: dict[str, list[Relation]] = defaultdict(list)
        for r in self.corpus.relations:
            found[r.source].append(r)
            found[r.target].append(r)
        return found

    @cached_property
    def sentences(self) -> dict[tuple[str, int, int], tuple[int, int]]:
        return {(s.article, s.paragraph, s.index): (s.start, s.end) for s in self.corpus.sentences}

    @cached_property
    def articles(self) -> dict[str, Any]:
        return {a.id: a for a in self.corpus.articles}

    def sentence(self, e: Evidence) -> str:
        article = self.articles[e.article]
        text = article.paragraphs[e.paragraph - 1].text
        if e.sentence is None:
            return text
        start, end = self.sentences.get((e.article, e.paragraph, e.sentence), (0, len(text)))
        return text[start:end]


def graph_data(corpus: Corpus) -> dict[str, Any]:
    """The data ``network/graph.json`` holds: nodes, edges and their styles."""
    keep: list[Relation] = [r for r in corpus.relations if r.type != CO_OCCURRENCE]
    strongest: dict[str, list[Relation]] = defaultdict(list)
    for r in corpus.relations:
        if r.type == CO_OCCURRENCE and r.weight >= 1:
            strongest[r.source].append(r)
            strongest[r.target].append(r)
    chosen: set[int] = set()
    for rels in strongest.values():
        rels.sort(key=lambda r: (-r.weight, r.source, r.target))
        chosen.update(id(r) for r in rels[:TOP_CO_OCCURRENCES])
    keep += [r for r in corpus.relations if id(r) in chosen]
    entities = {e.id: e for e in corpus.entities}
    used = {i for r in keep for i in (r.source, r.target)}
    nodes = [
        _node(e)
        for e in sorted(
            (entities[i] for i in used if i in entities),
            key=lambda e: (-len(e.mentions), e.id),
        )
    ]
    edges = [
        _edge(r)
        for r in sorted(keep, key=lambda r: (-r.weight, r.type, r.source, r.target))
        if r.source in entities and r.target in entities
    ]
    return {"nodes": nodes, "edges": edges, **_styles()}


def _node(e: Entity) -> dict[str, Any]:
    return {"id": e.id, "label": e.name, "kind": e.kind, "mentions": len(e.mentions), "url": e.url}


def _edge(r: Relation) -> dict[str, Any]:
    return {"from": r.source, "to": r.target, "type": r.type, "weight": r.weight}


def _styles() -> dict[str, Any]:
    return {
        "kinds": {k: {"color": c, "label": label} for k, (c, label) in KIND_STYLES.items()},
        "types": {
            t: {"color": c, "dashes": d or False, "directed": directed, "label": label}
            for t, (c, d, directed, label) in TYPE_STYLES.items()
        },
    }


def local_graph_data(index: RelationIndex, entity: Entity) -> dict[str, Any]:
    """An actor's direct neighbours, strongest first, and the edges to them."""
    strength: dict[str, float] = defaultdict(float)
    for r in index.by_entity.get(entity.id, []):
        other = r.target if r.source == entity.id else r.source
        # A stated relation says more than any number of shared sentences.
        strength[other] += r.weight * (1 if r.type == CO_OCCURRENCE else 3)
    near = sorted(strength, key=lambda i: (-strength[i], i))[:LOCAL_NEIGHBOURS]
    shown = {entity.id, *near}
    nodes = [_node(e) for e in [entity, *(index.entities[i] for i in near)]]
    edges = [
        _edge(r)
        for r in index.by_entity.get(entity.id, [])
        if r.source in shown and r.target in shown
    ]
    return {"nodes": nodes, "edges": edges, "focus": entity.id, **_styles()}


# pages --------------------------------------------------------------------------------


def _head(from_dir: str) -> str:
    """The graph's stylesheets and scripts as one block of raw HTML.

    Inside a ``<div>`` with blank lines around it, Markdown leaves the tags alone
    (bare ``<link>`` tags are inline HTML to it, and it would wrap them in a ``<p>``).
    """
    root = "../" * from_dir.strip("/").count("/") + "../"
    return (
        '\n<div class="nx-net-assets">\n'
        f'<link rel="stylesheet" href="{root}{VENDOR}/vis-network.css">\n'
        f'<link rel="stylesheet" href="{root}{STYLE}">\n'
        f'<script src="{root}{VENDOR}/vis-network.min.js" defer></script>\n'
        f'<script src="{root}{SCRIPT}" defer></script>\n'
        "</div>\n\n"
    )


def _legend(data: dict[str, Any]) -> str:
    """The colours of the circles and lines a local graph draws, as on ``network/``."""
    kinds = {n["kind"] for n in data["nodes"]}
    types = {e["type"] for e in data["edges"]}
    items = [
        f'<span class="nx-net-key"><span class="nx-net-swatch" style="background:{c}">'
        f"</span>{esc(SINGULAR[k])}</span>"
        for k, (c, _) in KIND_STYLES.items()
        if k in kinds
    ] + [
        f'<span class="nx-net-key"><span class="nx-net-line" style="border-top-color:{c};'
        f'border-top-style:{"dashed" if d else "solid"}"></span>{esc(label)}</span>'
        for t, (c, d, _, label) in TYPE_STYLES.items()
        if t in types
    ]
    return f'<p class="nx-net-legend">{" ".join(items)}</p>'


def network_page(corpus: Corpus, data: dict[str, Any]) -> str:
    """``network/``: the filters, the canvas and the legend; the script draws the rest."""
    kinds_present = {n["kind"] for n in data["nodes"]}
    types_present = {e["type"] for e in data["edges"]}
    kind_boxes = "".join(
        f'<label><input type="checkbox" name="kind" value="{k}"'
        f"{' checked' if k in ACTOR_KINDS else ''}>"
        f'<span class="nx-net-swatch" style="background:{KIND_STYLES[k][0]}"></span>'
        f"{esc(KIND_STYLES[k][1])}</label>"
        for k in KINDS
        if k in kinds_present
    )
    type_boxes = "".join(
        f'<label><input type="checkbox" name="type" value="{t}" checked>'
        f'<span class="nx-net-line" style="border-top-color:{c};'
        f'border-top-style:{"dashed" if d else "solid"}"></span>{esc(label)}</label>'
        for t, (c, d, _, label) in TYPE_STYLES.items()
        if t in types_present
    )
    typed = sum(1 for r in corpus.relations if r.type != CO_OCCURRENCE)
    return (
        front_matter(
            {
                "title": "Network",
                "description": "Who is connected to whom: the actors and places the articles "
                "name together, and the relations they state.",
                "hide": ["navigation", "toc"],
            }
        )
        + _head("network/")
        + "# Network\n\n"
        + f'<p class="nx-summary">{plural(len(data["nodes"]), "name")} connected by '
        f"{plural(typed, 'stated relation')} and by being named in the same sentences. "
        "Bigger circles are named more often, thicker lines are stronger ties; arrows "
        "point from the actor who acts. Click a circle to open its page.</p>\n\n"
        f'<div class="nx-net nx-net-full" data-graph="graph.json" data-root="../" '
        f'data-first="{FIRST_NODES}" data-ties="{STRONGEST_TIES}" '
        f'data-together="{CO_OCCURRENCE}" data-search-exclude>'
        '<form class="nx-net-controls" onsubmit="return false">'
        f'<fieldset class="nx-net-kinds"><legend>Show</legend>{kind_boxes}</fieldset>'
        f'<fieldset class="nx-net-types"><legend>Relations</legend>{type_boxes}</fieldset>'
        '<fieldset class="nx-net-more-box"><legend>Strength and names</legend>'
        '<label>Minimum weight <input type="number" name="min" value="1" min="0" '
        'step="0.25"></label> '
        "<label title=\"Off: each name's strongest ties named together, and every stated "
        'relation"><input type="checkbox" name="all"> All links</label> '
        '<label>Find <input type="search" name="q" list="nx-net-names" '
        'placeholder="a name" autocomplete="off"></label>'
        '<datalist id="nx-net-names"></datalist> '
        '<button type="button" class="md-button nx-net-more">Show more</button> '
        '<button type="button" class="md-button nx-net-reset">Reset filters</button> '
        '<span class="nx-net-status" aria-live="polite"></span></fieldset></form>'
        '<div class="nx-net-canvas nx-net-canvas-full"></div></div>\n'
        '\n<p class="nx-evidence">The graph\'s data: <a href="graph.json">graph.json</a> '
        "(each name's strongest co-occurrences and every stated relation); all relations "
        'with their evidence are in <a href="../data/corpus.json">corpus.json</a>.</p>\n'
    )


def relations_section(index: RelationIndex, here: str, entity: Entity) -> str:
    """An actor page's "Relations": local graph, stated relations, strongest companions."""
    relations = index.by_entity.get(entity.id, [])
    if not relations:
        return ""
    depth = here.strip("/").count("/") + 1
    root = "../" * depth
    local = local_graph_data(index, entity)
    parts = [
        "\n## Relations { data-search-exclude }\n\n",
        _head(here),
        f'<div class="nx-net nx-net-local" data-root="{root}" data-search-exclude>'
        f'<script type="application/json" class="nx-net-data">'
        f"{inline_json(local)}</script>"
        '<div class="nx-net-canvas nx-net-canvas-local"></div>'
        f"{_legend(local)}"
        f'<p class="nx-evidence">{link(here, "network/", "Open the whole network")}</p></div>\n',
    ]
    typed = [r for r in relations if r.type != CO_OCCURRENCE]
    typed.sort(key=lambda r: (-r.weight, r.type, r.source, r.target))
    if typed:
        parts.append('<div class="nx-relations" data-search-exclude><ul>')
        for r in typed[:MAX_RELATIONS_SHOWN]:
            parts.append(_relation_item(index, here, entity, r))
        parts.append("</ul></div>\n")
        if len(typed) > MAX_RELATIONS_SHOWN:
            parts.append(
                f'<p class="nx-more">{plural(len(typed) - MAX_RELATIONS_SHOWN, "more relation")}'
                " in corpus.json.</p>\n"
            )
    together = sorted(
        (r for r in relations if r.type == CO_OCCURRENCE),
        key=lambda r: (-r.weight, r.source, r.target),
    )[:MAX_CO_OCCURRENCES]
    if together:
        parts.append("\n### Named together most often { data-search-exclude }\n\n")
        parts.append(
            '<table class="nx-table" data-search-exclude><thead><tr><th>Name</th><th>Kind</th>'
            "<th>Same sentence</th><th>Same paragraph only</th><th>Weight</th></tr>"
            "</thead><tbody>"
        )
        for r in together:
            other = index.entities[r.target if r.source == entity.id else r.source]
            sentences = sum(1 for e in r.evidence if e.sentence is not None)
            parts.append(
                f"<tr><td>{link(here, other.url, other.name)}</td>"
                f"<td>{esc(SINGULAR[other.kind])}</td><td>{sentences}</td>"
                f"<td>{len(r.evidence) - sentences}</td><td>{_weight(r.weight)}</td></tr>"
            )
        parts.append("</tbody></table>\n")
        parts.append(
            '<p class="nx-evidence" data-search-exclude>Weight: 1 for each sentence naming both, '
            f"{_weight(PARAGRAPH_WEIGHT)} for each paragraph naming both only in different "
            "sentences.</p>\n"
        )
    return "".join(parts)


def _relation_item(index: RelationIndex, here: str, entity: Entity, r: Relation) -> str:
    outgoing = r.source == entity.id
    other = index.entities[r.target if outgoing else r.source]
    verb = PHRASES[r.type][0 if outgoing or r.type in ("met", "negotiates") else 1]
    years = sorted({e.date.value[:4] for e in r.evidence if e.date})
    span = f" ({years[0]}–{years[-1]})" if len(years) > 1 else f" ({years[0]})" if years else ""
    colour = TYPE_STYLES[r.type][0]
    out = [
        f'<li class="nx-relation nx-rel-{r.type}"><span class="nx-net-swatch" '
        f'style="background:{colour}"></span>{esc(entity.name)} {esc(verb)} '
        f"{link(here, other.url, other.name)}"
        f' <span class="nx-evidence">{plural(len(r.evidence), "sentence")}{esc(span)}</span><ul>'
    ]
    for e in r.evidence[:MAX_EVIDENCE_SHOWN]:
        article = index.articles[e.article]
        date = e.date.value if e.date else "date unknown"
        anchor = link(
            here, f"articles/{e.article}/#p{e.paragraph}", f"{article.title}, ¶{e.paragraph}"
        )
        out.append(
            f'<li><span class="nx-date">{esc(date)}</span> “{esc(index.sentence(e))}” '
            f'<span class="nx-evidence">{anchor}</span></li>'
        )
    if len(r.evidence) > MAX_EVIDENCE_SHOWN:
        out.append(f"<li>{plural(len(r.evidence) - MAX_EVIDENCE_SHOWN, 'more sentence')}</li>")
    out.append("</ul></li>")
    return "".join(out)


def _weight(w: float) -> str:
    return f"{w:g}"


def network_files(corpus: Corpus) -> dict[str, str]:
    """``network/`` and its data, the script and its stylesheet, by staging path."""
    data = graph_data(corpus)
    return {
        NETWORK_PAGE: network_page(corpus, data),
        GRAPH_JSON: json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        + "\n",
        SCRIPT: (ASSETS / "network.js").read_text(encoding="utf-8"),
        STYLE: (ASSETS / "network.css").read_text(encoding="utf-8"),
    }
