"""Extraction speed against the bare spaCy model, in words per second, same texts, same run.

    python -m tests.bench.extract_speed --articles 200 --style realistic
    python -m tests.bench.extract_speed --seeds DIR

Generates a corpus (``tests.bench.make_corpus``; or reads ``--seeds``), ingests it, and in
this one process measures, alternately (A B, then B A, ...):

- **bare**: ``nlp.pipe`` over the articles' text paragraphs with the model exactly as
  the builder loads it (``load_extractor``: same package, same pipes enabled), minus
  the pipes the builder adds to it (the gazetteer's ``gazetteer_names`` components);
- **builder**: the build's extraction of the same ingested articles (``extract_all``,
  as ``builder.pipeline.run`` calls it) with one worker (``NEWS_EXPLORER_WORKERS=1``)
  and no extraction cache, i.e. cold.

Both count the same words (whitespace-separated, of the text paragraphs extraction
reads) and run single-process; the model is loaded and both paths warmed up on a few
texts before anything is timed. Words per second of wall time and per CPU-second are
printed for each run, and the ratio builder / bare: the target is at least 0.85.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from builder.extract import extract_all, load_extractor
from builder.ingest.reader import ingest
from builder.model import Article
from tests.bench.make_corpus import STYLES, Generated, describe, make_corpus

#: The factory of the components the builder adds to the model (``_add_gazetteer``).
BUILDER_FACTORY = "gazetteer_names"
#: Texts and articles run through each path, untimed, before measuring.
WARM_UP_TEXTS, WARM_UP_ARTICLES = 40, 2


def extracted_texts(articles: list[Article]) -> list[str]:
    """The texts extraction runs spaCy over: English articles' text paragraphs."""
    return [
        p.text for a in articles if a.language == "en" for p in a.paragraphs if p.kind == "text"
    ]


def timed(run: Callable[[], object]) -> tuple[float, float, object]:
    """(wall seconds, CPU seconds of this process, result)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return time.perf_counter() - wall, time.process_time() - cpu, result


def measure(articles: list[Article], repeats: int) -> list[tuple[int, str, float, float]]:
    """(round, "bare" or "builder", wall s, CPU s) for each run, alternating the order."""
    os.environ["NEWS_EXPLORER_WORKERS"] = "1"  # read by extract_all's worker count
    started = time.perf_counter()
    extractor = load_extractor("model")
    load_s = time.perf_counter() - started
    if extractor.info.name != "model":
        raise SystemExit("the spaCy model is not installed: nothing to compare")
    nlp = extractor.nlp
    added = [n for n in nlp.pipe_names if nlp.get_pipe_meta(n).factory == BUILDER_FACTORY]
    bare_pipes = [n for n in nlp.pipe_names if n not in added]
    print(f"model loaded in {load_s:.2f} s: {extractor.info.detail}")
    print(f"bare pipes: {', '.join(bare_pipes)} (batch size {nlp.batch_size})")
    print(f"builder pipes: {', '.join(nlp.pipe_names)}")
    texts = extracted_texts(articles)

    def bare(some: list[str] = texts) -> int:
        with nlp.select_pipes(disable=added):
            return sum(1 for _ in nlp.pipe(some))

    def builder(some: list[Article] = articles) -> int:
        results, _ = extract_all(some, "model", None, lambda _message: None)
        return sum(len(r.mentions) for r in results)

    bare(texts[:WARM_UP_TEXTS])
    builder(articles[:WARM_UP_ARTICLES])
    runs = []
    mentions = 0
    for number in range(1, repeats + 1):
        order = ("bare", "builder") if number % 2 else ("builder", "bare")
        for what in order:
            wall, cpu, result = timed(bare if what == "bare" else builder)
            runs.append((number, what, wall, cpu))
            if what == "builder":
                mentions = int(str(result))
        print(f"round {number} done ({' then '.join(order)})", flush=True)
    words = sum(len(t.split()) for t in texts)
    print(f"builder: {mentions} name mentions, {100 * mentions / words:.1f} per 100 words")
    return runs


def report(runs: list[tuple[int, str, float, float]], words: int) -> None:
    print()
    print("| round | measured | wall (s) | CPU (s) | words/s | words/CPU-s |")
    print("|---|---|---|---|---|---|")
    for number, what, wall, cpu in runs:
        print(
            f"| {number} | {what} | {wall:.2f} | {cpu:.2f} | {words / wall:,.0f} "
            f"| {words / cpu:,.0f} |"
        )
    speed = {
        what: [words / wall for _, w, wall, _ in runs if w == what] for what in ("bare", "builder")
    }
    per_cpu = {
        what: [words / cpu for _, w, _, cpu in runs if w == what] for what in ("bare", "builder")
    }
    rounds = sorted({number for number, *_ in runs})
    per_round = [
        next(words / wall for n, w, wall, _ in runs if n == number and w == "builder")
        / next(words / wall for n, w, wall, _ in runs if n == number and w == "bare")
        for number in rounds
    ]
    bare_s, builder_s = statistics.median(speed["bare"]), statistics.median(speed["builder"])
    print()
    print(f"bare model: median {bare_s:,.0f} words/s")
    print(f"builder extraction: median {builder_s:,.0f} words/s")
    print(
        f"ratio builder / bare: {builder_s / bare_s:.2f} (wall, medians; per round: "
        f"{', '.join(f'{r:.2f}' for r in per_round)}); "
        f"{statistics.median(per_cpu['builder']) / statistics.median(per_cpu['bare']):.2f} "
        f"per CPU-second (target: at least 0.85)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--style", choices=STYLES, default="realistic")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--seeds", type=Path, help="measure this folder instead of generating")
    parser.add_argument("--repeats", type=int, default=2, help="rounds of bare + builder")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.seeds
        if folder is None:
            folder = Path(tmp) / "corpus"
            stats: list[Generated] = []
            make_corpus(args.articles, folder, args.seed, args.style, stats)
            print(f"{args.articles} {args.style} articles (seed {args.seed})")
            print(describe(stats))
        articles = ingest(folder).articles
    texts = extracted_texts(articles)
    words = sum(len(t.split()) for t in texts)
    per_article = [
        sum(len(p.text.split()) for p in a.paragraphs if p.kind == "text") for a in articles
    ]
    print(
        f"ingested: {len(articles)} articles, {len(texts)} text paragraphs, {words:,} words "
        f"(median {statistics.median(per_article):g} per article's text paragraphs)"
    )
    runs = measure(articles, args.repeats)
    report(runs, words)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
