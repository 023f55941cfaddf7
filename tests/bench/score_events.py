"""Score the events of a built corpus against the hand-made gold list.

Usage::

    python tests/bench/score_events.py site/data/corpus.json
    python tests/bench/score_events.py site/data/corpus.json --gold tests/bench/gold_events.yaml
    python tests/bench/score_events.py site/data/corpus.json --json

An extracted event matches a gold event when

- its type is one of the gold entry's accepted types,
- one of its source articles is one the gold entry lists (by seed file prefix), and
- it shares a participant with the gold entry (names and aliases compared case- and
  accent-insensitively), or, when it has no participants, names the gold place or
  gives the gold date;
- and, when both carry a date, the dates agree (one is a prefix of the other).

Each extracted event counts for its best gold match only (most shared participants,
then the same place), so a gold event matched by several extracted events is split.

precision = extracted events matching some gold event / extracted events;
recall = gold events matched by some extracted event / gold events.
Also reported: among matched gold events, how many get the exact date and precision
(or, for gold events without a date, no date), how many are split over several
extracted events, and the scheduled/reported status agreement.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_GOLD = Path(__file__).with_name("gold_events.yaml")


def fold(text: str) -> str:
    text = text.replace("\u2019", "'")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold().strip()


@dataclass
class Report:
    extracted: int = 0
    gold: int = 0
    true_positives: int = 0
    matched_gold: int = 0
    exact_dates: int = 0
    status_agree: int = 0
    split: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    false_positives: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.true_positives / self.extracted if self.extracted else 0.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 0.0


def load_gold(path: Path) -> list[dict[str, Any]]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["events"]


def _names(corpus: dict[str, Any]) -> dict[str, set[str]]:
    """Entity id -> folded names and aliases."""
    return {e["id"]: {fold(n) for n in [e["name"], *e["aliases"]]} for e in corpus["entities"]}


def _matches(event: dict[str, Any], gold: dict[str, Any], names, prefix) -> int:
    """0 for no match, else a score: shared participants, then the same place."""
    if event["type"] not in gold["type"]:
        return 0
    if not {prefix[s["article"]] for s in event["sources"]} & set(gold["articles"]):
        return 0
    wanted = {fold(n) for n in gold.get("participants", [])}
    shared = sum(1 for p in event["participants"] if names.get(p, set()) & wanted)
    place = gold.get("place")
    at_place = bool(place and event["place"] and fold(place) in names.get(event["place"], set()))
    date, gold_date = event["date"], gold.get("date")
    if date and gold_date and not (date.startswith(gold_date) or gold_date.startswith(date)):
        return 0
    same_dating = bool(date) == bool(gold_date)  # breaks ties between gold events
    if shared:
        return 4 * shared + 2 * at_place + same_dating
    if not event["participants"] and (at_place or (date and gold_date)):
        return 2 + same_dating
    return 0


def score(corpus: dict[str, Any], gold: list[dict[str, Any]]) -> Report:
    names = _names(corpus)
    prefix = {a["id"]: a["source"][:3] for a in corpus["articles"]}
    report = Report(extracted=len(corpus["events"]), gold=len(gold))
    matched_by: dict[str, list[dict[str, Any]]] = {g["id"]: [] for g in gold}
    for event in corpus["events"]:
        scored = [(_matches(event, g, names, prefix), i) for i, g in enumerate(gold)]
        best, index = max(scored, default=(0, -1), key=lambda t: (t[0], -t[1]))
        if best:
            report.true_positives += 1
            matched_by[gold[index]["id"]].append(event)
        else:
            report.false_positives.append(event["id"])
    for g in gold:
        events = matched_by[g["id"]]
        if not events:
            report.missed.append(g["id"])
            continue
        report.matched_gold += 1
        if len(events) > 1:
            report.split.append(f"{g['id']}: {', '.join(e['id'] for e in events)}")
        best = max(events, key=lambda e: len(e["sources"]))
        exact = best["date"] == g.get("date") and (
            g.get("date") is None or best["date_precision"] == g.get("precision")
        )
        if exact:
            report.exact_dates += 1
        else:
            report.wrong_dates.append(f"{g['id']}: {best['date']} (gold {g.get('date')})")
        if best["status"] == g.get("status", "reported"):
            report.status_agree += 1
    return report


def render_markdown(report: Report) -> str:
    lines = [
        f"- extracted events: {report.extracted}; gold events: {report.gold}",
        f"- precision {report.precision:.2f} ({report.true_positives}/{report.extracted}), "
        f"recall {report.recall:.2f} ({report.matched_gold}/{report.gold})",
        f"- matched gold events with the exact date and precision: "
        f"{report.exact_dates}/{report.matched_gold}; status agrees: "
        f"{report.status_agree}/{report.matched_gold}",
        f"- gold events split over several extracted events: {len(report.split)}",
    ]
    for title, items in (
        ("missed", report.missed),
        ("false positives", report.false_positives),
        ("split", report.split),
        ("date differs", report.wrong_dates),
    ):
        if items:
            lines.append(f"- {title}: " + "; ".join(items))
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    corpus = json.loads(args.corpus.read_text(encoding="utf-8"))
    report = score(corpus, load_gold(args.gold))
    if args.json:
        out = asdict(report) | {"precision": report.precision, "recall": report.recall}
        json.dump(out, sys.stdout, indent=1)
        print()
    else:
        sys.stdout.write(render_markdown(report))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
