"""A sample of the typed relations the builder reports on the development corpus, for a
hand check of their precision, direction included (issue 16).

    python -m tests.bench.relations_sample --out tests/bench/dev/relations_check.yaml
    python -m tests.bench.relations_sample --score tests/bench/dev/relations_check.yaml

Every (relation, evidence sentence) pair whose type is not ``co-occurrence`` is a
candidate; a deterministic sample of ``--count`` of them (all, when there are fewer) is
written with the sentence and an empty ``verdict:``. A judge writes ``right`` only when
the sentence states that relation between exactly those two entities, the source acting
for a directional type; else ``wrong`` and a ``why:`` (starting "wrong direction" for a
direction error). ``via_event`` says an event of the relation's kind lists both ends in
that sentence: the relation may come from the events stage rather than the sentence's
grammar. ``--score`` prints precision per part and per type.
"""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from builder.extract.relations import EVENT_NOUNS, SYMMETRIC
from builder.model import Corpus
from tests.bench.score_dev import DEV, load_split

DEFAULT_OUT = DEV / "relations_check.yaml"
SEED = 16
HEADER = """\
# Hand check of the typed relations the builder reports on the development corpus
# (issue 16). Made by `python -m tests.bench.relations_sample`; scored with `--score`.
# verdict: right | wrong (with why:)
"""


def build(folder: Path) -> Corpus:
    """The pipeline's corpus (as ``score_dev.build_corpus``, but keeping the sentences)."""
    from builder.pipeline import run

    with tempfile.TemporaryDirectory() as empty_docs:
        return run(folder, extractor="model", progress=lambda _: None, docs_dir=Path(empty_docs))


def _kind(event_type: str) -> str:
    """The relation type an event's type word names ("Meeting" -> met), else ""."""
    word = event_type.lower().split()[-1] if event_type else ""
    return EVENT_NOUNS.get(word) or EVENT_NOUNS.get(word.rstrip("s"), "")


def candidates(corpus: Corpus, split: dict[str, str]) -> list[dict[str, Any]]:
    """Every typed (relation, evidence sentence) pair, sorted."""
    names = {e.id: e.name for e in corpus.entities}
    articles = {a.id: a for a in corpus.articles}
    spans = {(s.article, s.paragraph, s.index): s for s in corpus.sentences}
    events = {
        (s.article, s.paragraph, s.index, _kind(e.type), frozenset(e.participants))
        for e in corpus.events
        if e.status == "reported"
        for s in e.sources
    }
    items = []
    for r in corpus.relations:
        if r.type == "co-occurrence":
            continue
        for ev in r.evidence:
            if ev.sentence is None:
                continue
            article = articles[ev.article]
            span = spans[(ev.article, ev.paragraph, ev.sentence)]
            stem = Path(article.sources[0]).stem
            via_event = any(
                k[:4] == (ev.article, ev.paragraph, ev.sentence, r.type)
                and {r.source, r.target} <= k[4]
                for k in events
            )
            items.append(
                {
                    "part": split.get(stem, "?"),
                    "article": stem,
                    "paragraph": ev.paragraph,
                    "sentence_index": ev.sentence,
                    "type": r.type,
                    "source": names[r.source],
                    "target": names[r.target],
                    "directional": "no" if r.type in SYMMETRIC else "yes",
                    "via_event": "yes" if via_event else "no",
                    "sentence": article.paragraphs[ev.paragraph - 1].text[span.start : span.end],
                    "verdict": None,
                }
            )
    return sorted(items, key=lambda i: tuple(str(v) for v in i.values()))


def sample(items: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """``count`` items drawn with a fixed seed, in the input's order."""
    chosen = set(random.Random(SEED).sample(range(len(items)), min(count, len(items))))
    return [item for i, item in enumerate(items) if i in chosen]


def write(out: Path, items: list[dict[str, Any]], total: int) -> None:
    note = f"# {len(items)} of {total} typed (relation, sentence) pairs, seed {SEED}.\n"
    body = yaml.safe_dump(items, allow_unicode=True, sort_keys=False, width=100)
    out.write_text(HEADER + note + body, encoding="utf-8")


def precision(verdicts: list[str]) -> str:
    right = verdicts.count("right")
    return f"{right / len(verdicts):.2f} ({right}/{len(verdicts)})" if verdicts else "-"


def score(path: Path) -> None:
    """Print precision per part, per type, and the direction errors."""
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    judged = [i for i in items if i.get("verdict") in ("right", "wrong")]
    groups: dict[str, list[str]] = {"part tune": [], "part test": [], "part all": []}
    for item in judged:
        for key in (f"part {item['part']}", "part all", f"type {item['type']}"):
            groups.setdefault(key, []).append(item["verdict"])
    parts = ["part tune", "part test", "part all"]
    for key in parts + sorted(k for k in groups if k not in parts):
        print(f"{key:<20} {precision(groups[key])}")
    direction = sum("direction" in str(i.get("why", "")) for i in judged)
    print(f"direction errors     {direction}")
    print(f"unjudged             {len(items) - len(judged)}")
    wrong = [i for i in judged if i["verdict"] == "wrong"]
    reasons = Counter(str(i.get("why", "")).split(":")[0] for i in wrong)
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
    write(args.out, chosen, len(items))
    print(f"{args.out}: {len(chosen)} of {len(items)} typed (relation, sentence) pairs")


if __name__ == "__main__":
    main()
