"""A sample of the typed relations the builder reports on the development corpus, for a
hand check of their precision, direction included (issue 16).

    python -m tests.bench.relations_sample --out tests/bench/dev/relations_check.yaml
    python -m tests.bench.relations_sample --score tests/bench/dev/relations_check.yaml
    python -m tests.bench.relations_sample --update tests/bench/dev/relations_check.yaml

Every (relation, evidence sentence) pair whose type is not ``co-occurrence`` is a
candidate; a deterministic sample of ``--count`` of them (all, when there are fewer) is
written with the sentence and an empty ``verdict:``. A judge writes ``right`` only when
the sentence states that relation between exactly those two entities, the source acting
for a directional type; else ``wrong`` and a ``why:`` (starting "wrong direction" for a
direction error). ``via_event`` says an event of the relation's kind lists both ends in
that sentence: the relation may come from the events stage rather than the sentence's
grammar. ``--score`` prints precision per part and per type.

After the rules change, ``--update`` builds again and keeps every verdict as it was: a
judged pair the builder no longer states is marked ``stated: 'no'`` (and left out of
``--score``, which counts it apart), one stated again loses the mark, and every pair
not in the file yet is appended unjudged, for a judge to fill in.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from builder.extract.relations import EVENT_NOUNS, SYMMETRIC
from builder.model import Corpus
from tests.bench import hand_check
from tests.bench.score_dev import DEV, load_split

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


#: What names one judged pair across builds: its sentence by its words, since other
#: stages may number paragraphs anew (an ingest rule drops a line above it).
KEY_FIELDS = ("article", "sentence", "type", "source", "target")
#: Extraction is cached by article text and extraction code, as score_dev's own is.
CACHE = Path(".cache/relations_sample")


def _key(item: dict[str, Any]) -> tuple:
    """A symmetric pair's two ends in either order: their order follows entity ids."""
    key = [" ".join(str(item[f]).split()) for f in KEY_FIELDS]
    if item["directional"] == "no":
        key[-2:] = sorted(key[-2:])
    return tuple(key)


def _keyed(items: list[dict[str, Any]]) -> dict[tuple, dict[str, Any]]:
    """Items by key, a sentence an article repeats (a lead under its headline) counted
    as often as it is there: its first, second ... occurrence."""
    seen: Counter[tuple] = Counter()
    keyed = {}
    for item in items:
        key = _key(item)
        keyed[(*key, seen[key])] = item
        seen[key] += 1
    return keyed


def _build() -> Corpus:
    from builder.pipeline import run

    with tempfile.TemporaryDirectory() as empty_docs:
        return run(
            DEV / "articles",
            extractor="model",
            cache_dir=CACHE,
            progress=lambda _: None,
            docs_dir=Path(empty_docs),
        )


def _header(text: str) -> str:
    return "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))


def update(path: Path) -> None:
    """Mark judged pairs no longer stated, append the newly stated ones unjudged."""
    text = path.read_text(encoding="utf-8")
    items: list[dict[str, Any]] = yaml.safe_load(text) or []
    now = _keyed(candidates(_build(), load_split()))
    # A pair never judged and no longer stated holds nothing worth keeping.
    kept = _keyed(items)
    items = [i for k, i in kept.items() if i.get("verdict") is not None or k in now]
    for key, item in _keyed(items).items():
        if key in now:
            item.pop("stated", None)
        else:
            item["stated"] = "no"
    known = set(_keyed(items))
    new = [i for k, i in now.items() if k not in known]
    gone = sum(i.get("stated") == "no" for i in items)
    body = yaml.safe_dump(items + new, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(_header(text) + body, encoding="utf-8")
    print(f"{path}: {len(now)} stated, {gone} judged no longer stated, {len(new)} new unjudged")


def score(path: Path) -> None:
    """Precision over the pairs still stated; the ones no longer stated counted apart."""
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    stated = [i for i in items if i.get("stated") != "no"]
    gone = [i.get("verdict") for i in items if i.get("stated") == "no"]
    # hand_check scores a file: give it the pairs still stated as one.
    with tempfile.NamedTemporaryFile("w", suffix=".yaml", encoding="utf-8") as tmp:
        yaml.safe_dump(stated, tmp, allow_unicode=True, sort_keys=False)
        tmp.flush()
        hand_check.score(Path(tmp.name), _directions)
    print(
        f"no longer stated       {len(gone)} "
        f"(judged right {gone.count('right')}, wrong {gone.count('wrong')})"
    )


def write_sample(out: Path, count: int) -> None:
    """A fresh file to judge: ``count`` pairs drawn with hand_check's fixed seed."""
    items = candidates(_build(), load_split())
    chosen = hand_check.sample(items, count)
    what = "typed (relation, sentence) pairs"
    note = f"# {len(chosen)} of {len(items)} {what}, seed {hand_check.SEED}.\n"
    body = yaml.safe_dump(chosen, allow_unicode=True, sort_keys=False, width=100)
    out.write_text(HEADER + note + body, encoding="utf-8")
    print(f"{out}: {len(chosen)} of {len(items)} {what}")


def main() -> None:
    parser = hand_check.arguments(__doc__ or "", DEFAULT_OUT)
    parser.add_argument(
        "--update",
        type=Path,
        help="a judged file: mark pairs no longer stated, append new ones unjudged",
    )
    args = parser.parse_args()
    if args.score:
        score(args.score)
    elif args.update:
        update(args.update)
    elif args.out.exists() and "verdict: right" in args.out.read_text(encoding="utf-8"):
        parser.error(f"{args.out} holds verdicts: judged by hand, not overwritten (--update)")
    else:
        write_sample(args.out, args.count)


if __name__ == "__main__":
    main()
