"""How the relations stage and the network page cope with a corpus of thousands of articles.

Usage::

    python tests/bench/network_scale.py SITE_DIR [--articles 5000]

SITE_DIR is a built site (``python -m builder build``). The script

1. makes a synthetic corpus of ``--articles`` articles (20 sentences each, names drawn
   with a skewed distribution from a pool that grows with the corpus), times
   ``find_relations`` and ``graph_data`` on it and reports the size of ``graph.json``;
2. writes that ``graph.json`` into a copy of SITE_DIR and times, in headless Chromium,
   the network page from navigation until the first layout is done, then one filter
   change and one "Show more".

Numbers are printed, never asserted: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from builder.relations.finder.finder import find_relations  # noqa: E402

from builder.model import (  # noqa: E402
    Article,
    Corpus,
    Entity,
    ExtractedArticle,
    Mention,
    Paragraph,
    Sentence,
    StatedRelation,
)
from builder.render.network import graph_data  # noqa: E402

KINDS = ("person", "person", "organization", "country", "group", "place", "place")
TYPES = ("met", "supports", "opposes", "accuses", "called", "negotiates")


def synthetic(n_articles: int, seed: int = 1) -> tuple[list, list, list]:
    rng = random.Random(seed)
    pool = max(200, n_articles * 2)
    entities = [Entity(f"e{i}", f"Name {i}", KINDS[i % len(KINDS)]) for i in range(pool)]
    articles, extracted = [], []
    for a in range(n_articles):
        aid = f"a{a}"
        text = ". ".join(f"Sentence {s} of article {a}" for s in range(4)) + "."
        paragraphs = [Paragraph(p + 1, text) for p in range(5)]
        sentences, mentions, relations = [], [], []
        # Half the names are the corpus's usual suspects, half its long tail.
        cast = [
            entities[
                rng.randrange(pool)
                if rng.random() < 0.5
                else min(pool - 1, int(rng.paretovariate(1.1)) - 1)
            ]
            for _ in range(12)
        ]
        for p in range(1, 6):
            for s in range(4):
                sentences.append(Sentence(aid, p, s, 0, 10))
                named = rng.sample(cast, 3)
                here = []
                for k, e in enumerate(named):
                    m = Mention(aid, p, s, s * 100 + k * 10, s * 100 + k * 10 + 5, e.name, "X")
                    e.mentions.append(m)
                    here.append(m)
                if rng.random() < 0.1:
                    relations.append(StatedRelation(rng.choice(TYPES), here[0], here[1], aid, p, s))
                mentions.extend(here)
        articles.append(Article(aid, f"Article {a}", paragraphs, [f"{aid}.txt"]))
        extracted.append(ExtractedArticle(aid, sentences, mentions, [], relations))
    return articles, extracted, [e for e in entities if e.mentions]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("site", type=Path)
    parser.add_argument("--articles", type=int, default=5000)
    args = parser.parse_args()

    articles, extracted, entities = synthetic(args.articles)
    started = time.perf_counter()
    relations = find_relations(articles, extracted, entities, [])
    t_relations = time.perf_counter() - started
    corpus = Corpus(articles, entities, relations=relations)
    started = time.perf_counter()
    data = graph_data(corpus)
    t_graph = time.perf_counter() - started
    text = json.dumps(data, separators=(",", ":"), sort_keys=True)
    print(f"articles {len(articles)}, entities {len(entities)}, relations {len(relations)}")
    print(f"find_relations {t_relations:.2f} s, graph_data {t_graph:.2f} s")
    print(
        f"graph.json: {len(data['nodes'])} nodes, {len(data['edges'])} edges, "
        f"{len(text) / 1e6:.1f} MB"
    )

    from tests.browser import browser, serve

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        shutil.copytree(args.site, site)
        (site / "network" / "graph.json").write_text(text)
        with serve(site) as base, browser() as b:
            page = b.new_page(viewport={"width": 1280, "height": 900})
            ready = "window.nxNetwork && window.nxNetwork.ready"
            started = time.perf_counter()
            page.goto(base + "network/")
            page.wait_for_function(ready, timeout=300_000)
            t_first = time.perf_counter() - started
            shown = page.evaluate("window.nxNetwork.nodes.length")
            started = time.perf_counter()
            page.uncheck('input[name="kind"][value="person"]')
            page.wait_for_function(ready, timeout=300_000)
            t_filter = time.perf_counter() - started
            started = time.perf_counter()
            page.click(".nx-net-more")
            page.wait_for_function(ready, timeout=300_000)
            t_more = time.perf_counter() - started
            more = page.evaluate("window.nxNetwork.nodes.length")
    print(f"network page: first layout {t_first:.1f} s ({shown} nodes drawn)")
    print(f"filter change {t_filter:.1f} s, show more {t_more:.1f} s ({more} nodes)")


if __name__ == "__main__":
    main()
