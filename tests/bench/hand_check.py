"""What the hand checks of relations and events share: the corpus they sample, a fixed-
seed sample, the file a judge fills in, and precision per part and per type."""

from __future__ import annotations

import argparse
import random
import tempfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from builder.model import Corpus
from tests.bench.score_dev import DEV, load_split

SEED = 16

Items = list[dict[str, Any]]


def build(folder: Path) -> Corpus:
    """The pipeline's corpus (as ``score_dev.build_corpus``, but keeping the sentences)."""
    from builder.pipeline import run

    with tempfile.TemporaryDirectory() as empty_docs:
        return run(folder, extractor="model", progress=lambda _: None, docs_dir=Path(empty_docs))


def sample(items: Items, count: int) -> Items:
    """``count`` items drawn with a fixed seed, in the input's order."""
    chosen = set(random.Random(SEED).sample(range(len(items)), min(count, len(items))))
    return [item for i, item in enumerate(items) if i in chosen]


def precision(verdicts: list[str]) -> str:
    right = verdicts.count("right")
    return f"{right / len(verdicts):.2f} ({right}/{len(verdicts)})" if verdicts else "-"


def score(path: Path, extra: Callable[[Items], None] | None = None) -> None:
    """Print precision per part and per type, then why the wrong ones are wrong."""
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    judged = [i for i in items if i.get("verdict") in ("right", "wrong")]
    groups: dict[str, list[str]] = {"part tune": [], "part test": [], "part all": []}
    for item in judged:
        for key in (f"part {item['part']}", "part all", f"type {item['type']}"):
            groups.setdefault(key, []).append(item["verdict"])
    parts = ["part tune", "part test", "part all"]
    for key in parts + sorted(k for k in groups if k not in parts):
        print(f"{key:<22} {precision(groups[key])}")
    if extra is not None:
        extra(judged)
    print(f"unjudged               {len(items) - len(judged)}")
    wrong = [i for i in judged if i["verdict"] == "wrong"]
    for why, n in Counter(str(i.get("why", "")).split(":")[0] for i in wrong).most_common():
        print(f"  {n:3d}  {why}")


def arguments(doc: str, default_out: Path) -> argparse.ArgumentParser:
    """The options every hand check takes: where to write a sample, how many, what to score."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument("--out", type=Path, default=default_out, help="write a sample to judge")
    parser.add_argument("--count", type=int, default=120)
    parser.add_argument("--score", type=Path, help="a judged file: print its precision")
    return parser


def main(
    doc: str,
    default_out: Path,
    header: str,
    what: str,
    candidates: Callable[[Corpus, dict[str, str]], Items],
    extra: Callable[[Items], None] | None = None,
) -> None:
    """The command line of a hand check: write a sample to judge, or score a judged one."""
    parser = arguments(doc, default_out)
    args = parser.parse_args()
    if args.score:
        score(args.score, extra)
        return
    if args.out.exists() and "verdict: right" in args.out.read_text(encoding="utf-8"):
        parser.error(f"{args.out} holds verdicts: judged by hand, not overwritten")
    items = candidates(build(DEV / "articles"), load_split())
    chosen = sample(items, args.count)
    note = f"# {len(chosen)} of {len(items)} {what}, seed {SEED}.\n"
    body = yaml.safe_dump(chosen, allow_unicode=True, sort_keys=False, width=100)
    args.out.write_text(header + note + body, encoding="utf-8")
    print(f"{args.out}: {len(chosen)} of {len(items)} {what}")
