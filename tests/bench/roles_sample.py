"""A sample of the roles the builder gives people ("Described as" on their pages), on the
development corpus and the seeds, for a hand check of their precision (issue 16).

    python -m tests.bench.roles_sample --out tests/bench/dev/roles_check.yaml
    python -m tests.bench.roles_sample --score tests/bench/dev/roles_check.yaml

Every (person, role) pair a page shows is a candidate (a page shows a person's first
five roles), with the first sentence whose mention carries it; a deterministic sample of
``--count`` of them per corpus (all, when there are fewer) is written with an empty
``verdict:``. A judge writes ``right`` only when the role is a title or a description of
that person as the sentence states it ("Turkish Foreign Minister", "a Middle East analyst
at the Moscow-based Institute of World Economy and International Relations"), whole;
else ``wrong`` with a ``why:`` starting "clause" (a clause or sentence fragment, not a
title), "cut" (a title cut mid-name or mid-phrase), "other person" (another person's
title) or "not a role" (a name, a place, a date). ``--score`` prints precision per part
(tune, test, seeds) and the reasons. A rule that changes a sampled role gets the new role
judged again by hand (marked ``rejudged``); a role no longer stated is marked
``stated: 'no'`` and left out of the score.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import yaml

from builder.model import Corpus
from builder.render.pages import MAX_ROLES
from tests.bench import hand_check
from tests.bench.score_dev import DEV, SEEDS, load_split

DEFAULT_OUT = DEV / "roles_check.yaml"
HEADER = """\
# Hand check of the roles the builder gives people, on the development corpus and the
# seeds (issue 16). Made by `python -m tests.bench.roles_sample`; scored with `--score`.
# verdict: right | wrong (with why: clause | cut | other person | not a role)
"""


def candidates(corpus: Corpus, split: dict[str, str], part: str | None = None) -> list[dict]:
    """Every (person, role) pair a page shows, with the first sentence stating it."""
    articles = {a.id: a for a in corpus.articles}
    spans = {(s.article, s.paragraph, s.index): s for s in corpus.sentences}
    items = []
    for entity in corpus.entities:
        for role in entity.roles[:MAX_ROLES]:
            mention = next(m for m in entity.mentions if m.role == role)
            article = articles[mention.article]
            span = spans[(mention.article, mention.paragraph, mention.sentence)]
            stem = Path(article.sources[0]).stem
            text = article.paragraphs[mention.paragraph - 1].text
            items.append(
                {
                    "part": part or split.get(stem, "?"),
                    "article": stem,
                    "person": entity.name,
                    "role": role,
                    "sentence": text[span.start : span.end],
                    "verdict": None,
                }
            )
    return sorted(items, key=lambda i: (i["article"], i["person"], i["role"]))


def _build(folder: Path) -> Corpus:
    from builder.pipeline import run

    with tempfile.TemporaryDirectory() as empty_docs:
        return run(folder, extractor="model", progress=lambda _: None, docs_dir=Path(empty_docs))


def write_sample(out: Path, count: int) -> None:
    """A fresh file to judge: ``count`` pairs of the development corpus and ``count`` of
    the seeds, each drawn with hand_check's fixed seed."""
    dev = candidates(_build(DEV / "articles"), load_split())
    seeds = candidates(_build(SEEDS), {}, part="seeds")
    chosen = hand_check.sample(dev, count) + hand_check.sample(seeds, count)
    note = (
        f"# {len(chosen)} (person, role) pairs: of {len(dev)} on the development corpus and"
        f" {len(seeds)} on the seeds, at most {count} each, seed {hand_check.SEED}.\n"
    )
    body = yaml.safe_dump(chosen, allow_unicode=True, sort_keys=False, width=100)
    out.write_text(HEADER + note + body, encoding="utf-8")
    print(f"{out}: {len(chosen)} pairs")


def score(path: Path) -> None:
    """Precision per part (tune, test, seeds), then why the wrong ones are wrong."""
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    gone = [i for i in items if i.get("stated") == "no"]  # the builder no longer states it
    items = [i for i in items if i.get("stated") != "no"]
    judged = [i for i in items if i.get("verdict") in ("right", "wrong")]
    for part in ("tune", "test", "seeds"):
        verdicts = [i["verdict"] for i in judged if i["part"] == part]
        print(f"part {part:<17} {hand_check.precision(verdicts)}")
    print(f"all                    {hand_check.precision([i['verdict'] for i in judged])}")
    print(f"unjudged               {len(items) - len(judged)}")
    print(f"no longer stated       {len(gone)}")
    wrong = [str(i.get("why", "")).split(":")[0].strip() for i in judged if i["verdict"] == "wrong"]
    for why in sorted(set(wrong), key=lambda w: (-wrong.count(w), w)):
        print(f"  {wrong.count(why):3d}  {why}")


def main() -> None:
    parser = hand_check.arguments(__doc__ or "", DEFAULT_OUT)
    args = parser.parse_args()
    if args.score:
        score(args.score)
        return
    if args.out.exists() and "verdict: right" in args.out.read_text(encoding="utf-8"):
        parser.error(f"{args.out} holds verdicts: judged by hand, not overwritten")
    write_sample(args.out, args.count)


if __name__ == "__main__":
    main()
