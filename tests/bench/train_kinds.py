"""Train the resolver's learned kind decision (``builder/resolve/kinds.py``) on the tune
part of the development corpus only.

    python -m tests.bench.train_kinds            # train, choose the threshold, write weights
    python -m tests.bench.train_kinds --report   # cross-validated counts only, write nothing

The tune articles alone are built (ingest, cached extraction, resolve with the decision
off); each person, organisation or group the resolver proposes is labelled, for every
tune article it appears in, by that article's gold: its own kind, another kind, or no
entity ("none"). A softmax regression (plain numpy, L2) learns those classes from the
general features of ``kinds.features``; the threshold is chosen on five folds of tune
articles (each fold predicted by a model trained on the other four): the one that fixes
the most wrong entities, a right one lost weighing four wrong ones dropped. Test
articles and test gold are never read; numpy (spaCy's) is the only training tool.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from builder.extract import extract_all
from builder.gazetteer import Gazetteer
from builder.infra.data import KIND_MODEL_FILE
from builder.ingest import ingest
from builder.pipeline import INGEST_CACHE
from builder.resolve.kinds import CLASSES, JUDGED_KINDS, KindModel, people_words
from builder.resolve.resolver import Resolver
from tests.bench.score_dev import DEV, load_golds, load_split
from tests.bench.score_extraction import normalise, parse_gold

CACHE = Path(".cache/score_dev/articles")
SOURCE = (
    "trained by tests/bench/train_kinds.py on the tune part of tests/bench/dev (gold annotation)"
)
THRESHOLDS = (0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)


Row = tuple[str, str, dict[str, float], str, str]


def tune_rows() -> list[Row]:
    """(article file, proposed kind, features, gold class, name) for each actor in each tune
    article; actors whose only gold match is optional are left out (neutral)."""
    split, golds = load_split(), load_golds()
    tune = sorted(i for i, part in split.items() if part == "tune")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for ident in tune:
            shutil.copy(DEV / "articles" / f"{ident}.txt", folder)
        ingested = ingest(folder, CACHE / INGEST_CACHE)
        gaz = Gazetteer.load()
        extracted, _ = extract_all(ingested.articles, "model", CACHE, print)
    articles = {a.id: a for a in ingested.articles}
    resolver = Resolver(gaz, articles, judge=False)
    entities, _ = resolver.run(extracted)
    rows = []
    people = people_words(entities)
    for e in entities:
        if e.kind not in JUDGED_KINDS or e.place_type:
            continue
        feats = resolver.kind_features(e, people)
        keys = {normalise(n) for n in [e.name, *e.aliases] if n}
        for article in sorted({m.article for m in e.mentions}):
            for source in articles[article].sources:
                ident = Path(source).stem
                label = _gold_class(e.kind, keys, golds[ident])
                if label is not None:
                    rows.append((ident, e.kind, feats, label, e.name))
    return rows


def _gold_class(kind: str, keys: set[str], gold: dict[str, Any]) -> str | None:
    entries = parse_gold(gold.get("entities") or {}).entries
    matched = [g for g in entries if g.keys & keys]
    if any(g.kind == kind for g in matched):
        return kind
    if matched and all(g.optional for g in matched):
        return None
    other = [g.kind for g in matched if not g.optional]
    return other[0] if other and other[0] in CLASSES else "none"


def fit(
    feats: list[dict[str, float]], labels: list[str], l2: float = 1.0, steps: int = 3000
) -> dict[str, dict[str, float]]:
    """Softmax regression by gradient descent: class -> feature -> weight."""
    names = sorted({f for row in feats for f in row})
    x = np.array([[row.get(f, 0.0) for f in names] for row in feats])
    y = np.zeros((len(labels), len(CLASSES)))
    for i, label in enumerate(labels):
        y[i, CLASSES.index(label)] = 1.0
    w = np.zeros((len(names), len(CLASSES)))
    for _ in range(steps):
        scores = x @ w
        scores -= scores.max(axis=1, keepdims=True)
        p = np.exp(scores)
        p /= p.sum(axis=1, keepdims=True)
        grad = x.T @ (p - y) / len(labels) + l2 * w / len(labels)
        w -= 0.5 * grad
    return {
        c: {f: round(float(w[j, k]), 4) for j, f in enumerate(names)} for k, c in enumerate(CLASSES)
    }


def outcomes(rows: list[Row], threshold: float) -> Counter:
    """Five folds by article: what the decision would do to each held-out row."""
    idents = sorted({r[0] for r in rows})
    folds = {ident: i % 5 for i, ident in enumerate(idents)}
    tally: Counter = Counter()
    for fold in range(5):
        train = [r for r in rows if folds[r[0]] != fold]
        model = KindModel(fit([r[2] for r in train], [r[3] for r in train]), threshold)
        for _, kind, feats, label, _ in (r for r in rows if folds[r[0]] == fold):
            verdict = model.verdict(kind, feats)
            if verdict is None or (verdict not in JUDGED_KINDS and kind == "person"):
                continue  # kept: the resolver drops no person (``Resolver._judged``)
            tally[_effect(kind, verdict, label)] += 1
    return tally


def _effect(kind: str, verdict: str, label: str) -> str:
    """What a verdict does to the scored counts."""
    if label == kind:
        return "right lost"
    if verdict in JUDGED_KINDS and verdict == label:
        return "wrong made right"
    if verdict in JUDGED_KINDS:
        return "wrong stays wrong"
    return "wrong dropped"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--report", action="store_true", help="write nothing")
    parser.add_argument("--threshold", type=float, help="instead of the chosen one")
    args = parser.parse_args(argv)
    rows = tune_rows()
    print(f"{len(rows)} rows: {dict(Counter((r[1], r[3]) for r in rows))}")
    best, best_gain = THRESHOLDS[-1], 0
    for threshold in THRESHOLDS:
        tally = outcomes(rows, threshold)
        # A right entity lost costs recall and precision both: it weighs four wrong ones
        # dropped; a tie goes to the higher, more cautious threshold.
        gain = tally["wrong dropped"] + 2 * tally["wrong made right"] - 4 * tally["right lost"]
        print(f"threshold {threshold:.2f}: {dict(tally)}")
        if gain >= best_gain and gain > 0:
            best, best_gain = threshold, gain
    threshold = args.threshold or best
    print(f"threshold chosen: {threshold}")
    if not args.report:
        weights = fit([r[2] for r in rows], [r[3] for r in rows])
        KIND_MODEL_FILE.write_text(
            json.dumps(
                {"source": SOURCE, "threshold": threshold, "weights": weights},
                indent=1,
                sort_keys=True,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
