"""Relations on the seeds, the network page and the actors' Relations sections."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import find_entity


def _relations(corpus: dict[str, Any], a: str, b: str) -> list[dict[str, Any]]:
    ids = {find_entity(corpus, a)["id"], find_entity(corpus, b)["id"]}
    return [r for r in corpus["relations"] if {r["source"], r["target"]} == ids]


def test_putin_and_assad_are_strongly_connected_and_met(corpus: dict[str, Any]) -> None:
    putin = find_entity(corpus, "Vladimir Putin")["id"]
    assad = find_entity(corpus, "Bashar al-Assad")["id"]
    between = {r["type"]: r for r in _relations(corpus, "Vladimir Putin", "Bashar al-Assad")}
    together = between["co-occurrence"]
    assert together["weight"] >= 10
    # Among Putin's strongest ties to other people.
    people = {e["id"] for e in corpus["entities"] if e["kind"] == "person"}
    ties = sorted(
        (
            r
            for r in corpus["relations"]
            if r["type"] == "co-occurrence" and putin in (r["source"], r["target"])
        ),
        key=lambda r: -r["weight"],
    )
    strongest_person = next(r for r in ties if ({r["source"], r["target"]} - {putin}) <= people)
    assert {strongest_person["source"], strongest_person["target"]} == {putin, assad}
    met = between["met"]
    assert len({e["article"] for e in met["evidence"]}) >= 2
    assert met["weight"] == len(met["evidence"])


def test_turkey_and_russia_over_more_than_one_year(corpus: dict[str, Any]) -> None:
    relations = _relations(corpus, "Türkiye", "Russia")
    assert relations, "Türkiye and Russia are connected"
    years = {e["date"][:4] for r in relations for e in r["evidence"] if e["date"]}
    assert len(years) > 1
    for r in relations:
        dates = [e["date"] for e in r["evidence"] if e["date"]]
        assert dates == sorted(dates), "evidence reads in date order"
        # Undated evidence comes last.
        assert all(e["date"] is None for e in r["evidence"][len(dates) :])
    # A relation stated in the text, not only shared sentences.
    assert {r["type"] for r in relations} - {"co-occurrence"}


def test_relations_point_at_entities_and_sentences(corpus: dict[str, Any]) -> None:
    entities = {e["id"] for e in corpus["entities"]}
    paragraphs = {a["id"]: len(a["paragraphs"]) for a in corpus["articles"]}
    for r in corpus["relations"]:
        assert {r["source"], r["target"]} <= entities
        for e in r["evidence"]:
            assert 1 <= e["paragraph"] <= paragraphs[e["article"]]


def test_actor_page_lists_relations_with_linked_evidence(
    site: Path, corpus: dict[str, Any]
) -> None:
    putin = find_entity(corpus, "Vladimir Putin")
    html = (site / putin["url"] / "index.html").read_text(encoding="utf-8")
    section = html.split('id="relations"', 1)[1]
    assert "nx-net-local" in section and "application/json" in section
    met = next(
        r for r in _relations(corpus, "Vladimir Putin", "Bashar al-Assad") if r["type"] == "met"
    )
    for e in met["evidence"]:
        assert f'href="../../articles/{e["article"]}/#p{e["paragraph"]}"' in section
    assert "met or talked with" in section
    assert "Named together most often" in section
    # The local graph's legend names the colours of the lines it draws.
    legend = section.split('class="nx-net-legend"', 1)[1].split("</p>", 1)[0]
    assert "met or talked with" in legend and "named together" in legend
    # Paragraph-only co-occurrences are counted apart, not shown as "0 sentences".
    table = section.split('class="nx-table"', 1)[1].split("</table>", 1)[0]
    assert "Same paragraph only" in table
    for row in re.findall(r"<tr><td>.*?</tr>", table):
        sentences, paragraphs, weight = re.findall(r"<td>([\d.]+)</td>", row)
        assert float(weight) == int(sentences) + 0.25 * int(paragraphs)


def test_graph_scripts_are_served_by_the_site(site: Path) -> None:
    html = (site / "network" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html)
    vis = [s for s in sources if "vis-network" in s]
    assert vis and not any(s.startswith(("http:", "https:", "//")) for s in sources)
    assert (site / "network" / vis[0]).resolve().is_file()
    assert "graph.json" in html
    data = json.loads((site / "network" / "graph.json").read_text(encoding="utf-8"))
    assert data["nodes"] and '"nodes":' not in html, "the data is a file, not inline"
    # Markdown left the tags as a block: no <link> or <script> wrapped in a paragraph.
    assert not re.search(r"<p>\s*<(link|script)", html)


def expected_nodes(data: dict[str, Any], kinds: set[str], limit: int, minimum: float = 1) -> int:
    """What ``network.js`` draws: the most-mentioned ``limit`` names with a passing edge."""
    kind = {n["id"]: n["kind"] for n in data["nodes"]}
    linked = {
        i
        for e in data["edges"]
        if e["weight"] >= minimum and kind[e["from"]] in kinds and kind[e["to"]] in kinds
        for i in (e["from"], e["to"])
    }
    return min(limit, len(linked))


def expected_edges(data: dict[str, Any], shown: set[str], ties: int | None) -> int:
    """Links ``network.js`` draws between ``shown`` names (actors, weight 1 and more):
    every stated relation, and the ``ties`` strongest "named together" links of each
    name (all of them when ``ties`` is None)."""
    between = [e for e in data["edges"] if e["from"] in shown and e["to"] in shown]
    between = [e for e in between if e["weight"] >= 1]
    together = [e for e in between if e["type"] == "co-occurrence"]
    if ties is None:
        return len(between)
    keep: set[int] = set()
    for name in shown:
        mine = [i for i, e in enumerate(together) if name in (e["from"], e["to"])]
        mine.sort(key=lambda i: -together[i]["weight"])  # stable, as Array.sort in V8
        keep.update(mine[:ties])
    return len(between) - len(together) + len(keep)


@pytest.mark.browser
def test_network_page_draws_filters_and_opens_pages(site: Path) -> None:
    from urllib.parse import parse_qs, urlsplit

    from tests.browser import browser, serve

    data = json.loads((site / "network" / "graph.json").read_text(encoding="utf-8"))
    actors = {"person", "organization", "country", "group"}
    with serve(site) as base, browser() as b:
        page = b.new_page(viewport={"width": 1280, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(base + "network/")
        ready = "window.nxNetwork && window.nxNetwork.ready"
        page.wait_for_function(ready, timeout=60_000)
        # It opens readable: the most-named few, not the whole graph.
        first = int(page.get_attribute(".nx-net-full", "data-first"))
        assert page.evaluate("window.nxNetwork.nodes.length") == first <= 30
        assert "show=30" in page.url  # the state is in the URL from the start
        # Each name keeps its strongest ties named together; all are a checkbox away.
        shown = set(page.evaluate("window.nxNetwork.nodes.getIds()"))
        ties = int(page.get_attribute(".nx-net-full", "data-ties"))
        backbone = page.evaluate("window.nxNetwork.edges.length")
        assert backbone == expected_edges(data, shown, ties)
        page.check('input[name="all"]')
        page.wait_for_function(ready, timeout=60_000)
        assert "links=all" in page.url
        assert page.evaluate("window.nxNetwork.edges.length") == expected_edges(data, shown, None)
        assert expected_edges(data, shown, None) > backbone
        page.uncheck('input[name="all"]')
        page.wait_for_function(ready, timeout=60_000)
        # More from the URL, as a shared link gives it.
        limit = 100
        page.goto(base + f"network/?show={limit}")
        page.wait_for_function(ready, timeout=60_000)
        drawn = page.evaluate("window.nxNetwork.nodes.length")
        assert drawn == expected_nodes(data, actors, limit) > first

        page.uncheck('input[name="kind"][value="person"]')
        page.wait_for_function(ready, timeout=60_000)
        fewer = page.evaluate("window.nxNetwork.nodes.length")
        assert fewer == expected_nodes(data, actors - {"person"}, limit) < drawn

        page.fill('input[name="min"]', "5")
        page.dispatch_event('input[name="min"]', "change")
        page.wait_for_function(ready, timeout=60_000)
        strong = page.evaluate("window.nxNetwork.nodes.length")
        assert strong == expected_nodes(data, actors - {"person"}, limit, 5) < fewer
        # The filters are in the URL: the same view opens from it.
        query = parse_qs(urlsplit(page.url).query)
        assert query["min"] == ["5"] and "person" not in query["kind"][0].split(",")
        page.goto(page.url)
        page.wait_for_function(ready, timeout=60_000)
        assert page.evaluate("window.nxNetwork.nodes.length") == strong
        assert not page.is_checked('input[name="kind"][value="person"]')

        page.fill('input[name="q"]', "Assad")
        page.press('input[name="q"]', "Enter")
        page.wait_for_function("window.nxNetwork.focused", timeout=30_000)
        assad = next(
            n["id"] for n in data["nodes"] if n["kind"] == "person" and "Assad" in n["label"]
        )
        assert page.evaluate("window.nxNetwork.focused") == assad
        page.wait_for_function(ready, timeout=60_000)
        # Assad is a person, filtered out: drawn because searched, and counted apart.
        assert page.evaluate("window.nxNetwork.nodes.length") == strong + 1
        status = page.text_content(".nx-net-status")
        assert f"Showing {strong} of " in status and "plus 1 found by search" in status
        assert f"({len(data['nodes'])} in all)" in status

        # New filters drop the searched name again: the numbers add up.
        page.fill('input[name="min"]', "6")
        page.dispatch_event('input[name="min"]', "change")
        page.wait_for_function(ready, timeout=60_000)
        stronger = expected_nodes(data, actors - {"person"}, limit, 6)
        assert page.evaluate("window.nxNetwork.nodes.length") == stronger
        status = page.text_content(".nx-net-status")
        assert status.startswith(f"Showing {stronger} of {stronger} names that match")

        page.click(".nx-net-reset")  # back to the opening view
        page.wait_for_function(ready, timeout=60_000)
        assert page.evaluate("window.nxNetwork.nodes.length") == first

        # Click the biggest circle, centred in the canvas and the canvas in the window;
        # the page of whatever node lies under the pointer must open.
        target = page.evaluate(
            """() => {
              const net = window.nxNetwork.network;
              const id = window.nxNetwork.nodes.getIds()[0];
              net.moveTo({position: net.getPositions([id])[id], scale: 1, animation: false});
              const canvas = document.querySelector('.nx-net-canvas');
              let box = canvas.getBoundingClientRect();
              window.scrollBy(0, box.top + box.height / 2 - window.innerHeight / 2);
              box = canvas.getBoundingClientRect();
              const dom = net.canvasToDOM(net.getPositions([id])[id]);
              return {id: net.getNodeAt(dom), x: box.left + dom.x, y: box.top + dom.y};
            }"""
        )
        assert target["id"]
        url = next(n["url"] for n in data["nodes"] if n["id"] == target["id"])
        page.mouse.click(target["x"], target["y"])
        page.wait_for_url(f"**/{url}", timeout=30_000)
        assert page.title().startswith(
            next(n["label"] for n in data["nodes"] if n["id"] == target["id"])
        )
        assert not errors


def test_names_are_text_in_the_relations_section() -> None:
    from builder.model import Article, Corpus, Entity, Evidence, Paragraph, Relation
    from builder.render.network import RelationIndex, relations_section

    evil = "<script>alert(1)</script> & </script>"
    article = Article("a", "T <b>", [Paragraph(1, f"{evil} met Bob.")], ["a.txt"])
    one, two = Entity("x", evil, "person"), Entity("bob", "Bob", "person")
    relation = Relation("bob", "x", "met", 1, [Evidence("a", 1, None)])
    corpus = Corpus([article], [one, two], relations=[relation])
    html = relations_section(RelationIndex(corpus), "actors/bob/", two)
    assert "<script>alert" not in html and "</script> &" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # the evidence sentence, escaped
    data = html.split('class="nx-net-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(data)["nodes"][1]["label"] == evil
