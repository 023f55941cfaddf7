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

from pathlib import Path
from typing import Any

from builder.model import Corpus
from tests.bench import hand_check
from tests.bench.score_dev import DEV

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


def main() -> None:
    what = "(event, reporting article) pairs"
    hand_check.main(__doc__ or "", DEFAULT_OUT, HEADER, what, candidates)


if __name__ == "__main__":
    main()
