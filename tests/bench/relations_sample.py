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

from pathlib import Path
from typing import Any

from builder.extract.relations import EVENT_NOUNS, SYMMETRIC
from builder.model import Corpus
from tests.bench import hand_check
from tests.bench.score_dev import DEV

DEFAULT_OUT = DEV / "relations_check.yaml"
HEADER = """\
# Hand check of the typed relations the builder reports on the development corpus
# (issue 16). Made by `python -m tests.bench.relations_sample`; scored with `--score`.
# verdict: right | wrong (with why:)
"""


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


def _directions(judged: list[dict[str, Any]]) -> None:
    direction = sum("direction" in str(i.get("why", "")) for i in judged)
    print(f"direction errors       {direction}")


def main() -> None:
    hand_check.main(
        __doc__ or "",
        DEFAULT_OUT,
        HEADER,
        "typed (relation, sentence) pairs",
        candidates,
        _directions,
    )


if __name__ == "__main__":
    main()
