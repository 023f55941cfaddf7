"""A sample of the events the builder reports on the development corpus, for a hand
check of their precision (issue 16: key-event precision at least 0.85).

    python -m tests.bench.events_sample --out tests/bench/dev/events_check.yaml
    python -m tests.bench.events_sample --score tests/bench/dev/events_check.yaml

Every event that a development article reports is a candidate, once per article; a
deterministic sample of ``--count`` (all, when there are fewer) is written with its
title, type, date, participants and the article's sentences that report it, and an
empty ``verdict:``. A judge writes ``right`` only when the sentences report that
happening, the title says nothing they do not, every participant takes part in it or is
acted upon as the title says, and the date is the happening's (a day either way; a
``report`` date is the article's publication day, right when the sentences tell
something that happened that day or the day before) or absent; else ``wrong`` and a
``why:`` starting with one of "not a happening", "title", "participant", "date".
``--score`` prints precision per part and per type.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from builder.model import Corpus
from tests.bench.relations_sample import build, precision, sample
from tests.bench.score_dev import DEV, load_split

DEFAULT_OUT = DEV / "events_check.yaml"
HEADER = """\
# Hand check of the events the builder reports on the development corpus (issue 16).
# Made by `python -m tests.bench.events_sample`; scored with `--score`.
# verdict: right | wrong (with why: not a happening | title | participant | date ...)
"""


def candidates(corpus: Corpus, split: dict[str, str]) -> list[dict[str, Any]]:
    """Every (event, reporting article) pair, sorted."""
    names = {e.id: e.name for e in corpus.entities}
    articles = {a.id: a for a in corpus.articles}
    spans = {(s.article, s.paragraph, s.index): s for s in corpus.sentences}
    items = []
    for event in corpus.events:
        for article_id in dict.fromkeys(s.article for s in event.sources):
            article = articles[article_id]
            stem = Path(article.sources[0]).stem
            sentences = [
                article.paragraphs[s.paragraph - 1].text[span.start : span.end]
                for s in event.sources
                if s.article == article_id
                and (span := spans.get((s.article, s.paragraph, s.index))) is not None
            ]
            items.append(
                {
                    "part": split.get(stem, "?"),
                    "article": stem,
                    "published": article.date.value if article.date else None,
                    "title": event.title,
                    "type": event.type,
                    "status": event.status,
                    "date": event.date.value if event.date else None,
                    "date_basis": event.date_basis,
                    "participants": [names.get(p, p) for p in event.participants],
                    "place": names.get(event.place, event.place) if event.place else None,
                    "sentences": sentences,
                    "verdict": None,
                }
            )
    return sorted(items, key=lambda i: (i["article"], i["title"], str(i["date"])))


def score(path: Path) -> None:
    """Print precision per part and per type, and why the wrong ones are wrong."""
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    judged = [i for i in items if i.get("verdict") in ("right", "wrong")]
    groups: dict[str, list[str]] = {"part tune": [], "part test": [], "part all": []}
    for item in judged:
        for key in (f"part {item['part']}", "part all", f"type {item['type']}"):
            groups.setdefault(key, []).append(item["verdict"])
    parts = ["part tune", "part test", "part all"]
    for key in parts + sorted(k for k in groups if k not in parts):
        print(f"{key:<22} {precision(groups[key])}")
    print(f"unjudged               {len(items) - len(judged)}")
    reasons = Counter(
        str(i.get("why", "")).split(":")[0] for i in judged if i["verdict"] == "wrong"
    )
    for why, n in reasons.most_common():
        print(f"  {n:3d}  {why}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--score", type=Path, help="a judged file: print its precision")
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return
    if args.out.exists() and "verdict: right" in args.out.read_text(encoding="utf-8"):
        parser.error(f"{args.out} holds verdicts: judged by hand, not overwritten")
    items = candidates(build(DEV / "articles"), load_split())
    chosen = sample(items, args.count)
    note = f"# {len(chosen)} of {len(items)} (event, reporting article) pairs.\n"
    body = yaml.safe_dump(chosen, allow_unicode=True, sort_keys=False, width=100)
    args.out.write_text(HEADER + note + body, encoding="utf-8")
    print(f"{args.out}: {len(chosen)} of {len(items)} (event, article) pairs")


if __name__ == "__main__":
    main()
