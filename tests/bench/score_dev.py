"""Score the builder on the development corpus of real articles (``tests/bench/dev/``).

    python -m tests.bench.score_dev                 # the quality table: tune, test, seeds
    python -m tests.bench.score_dev --details tune  # what went wrong, tune part only
    python -m tests.bench.score_dev --json out.json

The corpus is built with the real pipeline (ingest to relations, no MkDocs) from the
article files, and each article is scored against its own hand-written gold file
(``dev/gold/<id>.yaml``, schema in ``dev/ANNOTATING.md``):

- metadata: title, publication date, outlet, for the articles whose text gives one (a
  date only the page's URL gives is not counted: the article files hold no URL);
  articles that state no date must not get one presented as their publication date;
  the dateline place must be a place entity of the article;
- entities, per article and per kind: an extracted entity with a mention in the article
  matches a gold entry when a name or alias equals a variant (``score_extraction``'s
  normalisation); a match of the wrong kind counts as wrong. Named actors are people,
  organisations, countries and groups;
- places: coordinates of matched places within 40 km of the gold (cities, landmarks,
  islands) or 250 km (regions, seas, other);
- quotes: for every gold quote found, whether the builder's speaker is the gold one;
- key events: each gold event with a date and a participant, whether an event of the
  article shares a participant and gives the date (a day either way, or the month or
  year at the gold's precision); and the share of the events the builder reports that
  match a gold key event that way (a gold event without a date: a shared participant).
  Gold lists only the 2-5 key events of an article, so this share is a floor on
  precision, not precision: an unmatched event may be a right but minor happening.

Details are printed only for the tune part: the test part is measured, never studied.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import sys
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

from tests.bench.score_extraction import (
    DEFAULT_GOLD,
    load_gold,
    normalise,
    parse_gold,
    score,
)

DEV = Path(__file__).with_name("dev")
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
ACTOR_KINDS = ("person", "organization", "country", "group")
KINDS = (*ACTOR_KINDS, "place")
#: Coordinates within this many km of the gold count as right, by gold place type.
TOLERANCE_KM = {"city": 40, "landmark": 40, "island": 40}
REGION_TOLERANCE_KM = 250


@dataclass
class Tally:
    """Counts for one part of the corpus."""

    articles: int = 0
    titles: list[int] = field(default_factory=lambda: [0, 0])  # right, stated
    dates: list[int] = field(default_factory=lambda: [0, 0])
    false_dates: list[int] = field(default_factory=lambda: [0, 0])  # dated, undated in gold
    outlets: list[int] = field(default_factory=lambda: [0, 0])
    false_outlets: list[int] = field(default_factory=lambda: [0, 0])  # given, none in gold
    datelines: list[int] = field(default_factory=lambda: [0, 0])
    #: per kind: [true positives, extracted (not neutral), gold found, gold required]
    kinds: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0, 0] for k in KINDS})
    coordinates: list[int] = field(default_factory=lambda: [0, 0, 0])  # right, matched, none
    #: gold quotes found: [found, attributed, right, wrong, found with a speaker the text
    #: names (gold speaker not null), those attributed]
    quotes: list[int] = field(default_factory=lambda: [0, 0, 0, 0, 0, 0])
    #: gold key events with a date and a participant: [found with both right, all]
    events: list[int] = field(default_factory=lambda: [0, 0])
    #: events the builder reports: [matching a gold key event, all]. Gold lists only the
    #: 2-5 key events, so an unmatched event may still be a right but minor happening:
    #: this is the share of reported events that are key events, not a precision.
    reported: list[int] = field(default_factory=lambda: [0, 0])
    problems: list[str] = field(default_factory=list)

    def add_kind(self, kind: str, values: tuple[int, int, int, int]) -> None:
        self.kinds[kind] = [a + b for a, b in zip(self.kinds[kind], values, strict=True)]


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def load_split() -> dict[str, str]:
    data = yaml.safe_load((DEV / "split.yaml").read_text(encoding="utf-8"))
    return {i: part for part in ("tune", "test") for i in data[part]}


def load_golds() -> dict[str, dict[str, Any]]:
    return {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
        for p in sorted((DEV / "gold").glob("*.yaml"))
    }


def build_corpus(folder: Path, extractor: str = "model") -> dict[str, Any]:
    """The corpus.json mapping the pipeline makes of a folder of articles."""
    from builder.pipeline import run
    from builder.render.data import corpus_to_dict

    # Extraction is cached by article text and extraction code, like the build's own.
    cache = Path(".cache/score_dev") / folder.name
    with tempfile.TemporaryDirectory() as empty_docs:
        corpus = run(
            folder,
            extractor=extractor,
            cache_dir=cache,
            progress=lambda _: None,
            docs_dir=Path(empty_docs),
        )
    return corpus_to_dict(corpus)


def _same_text(a: str | None, b: str | None) -> bool:
    return a is not None and b is not None and _squash(a) == _squash(b)


def _squash(text: str) -> str:
    return " ".join(normalise(text).replace('"', "").replace("'", "").split())


def _same_outlet(found: str | None, gold: str) -> bool:
    if not found:
        return False
    a, b = _squash(found), _squash(gold)
    initials = "".join(w[0] for w in b.split() if w not in ("of", "the", "and"))
    return a in (b, initials) or a in b.split() or b in a


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(min(1.0, math.sqrt(h)))


def _gold_entities(gold: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {k: list((gold.get("entities") or {}).get(k) or []) for k in KINDS}


def score_article(gold: dict[str, Any], corpus: dict[str, Any], tally: Tally) -> None:
    """Add one gold article's scores to ``tally``."""
    source = f"{gold['id']}.txt"
    articles = [a for a in corpus["articles"] if source in (a.get("sources") or [a["source"]])]
    if not articles:
        tally.problems.append(f"{gold['id']}: no article built")
        return
    tally.articles += 1
    first = articles[0]
    ids = {a["id"] for a in articles}
    _score_metadata(gold, first, tally)
    entities = [e for e in corpus["entities"] if ids & set(e.get("articles") or [])]
    _score_entities(gold, entities, tally)
    _score_dateline(gold, entities, tally)
    _score_coordinates(gold, entities, tally)
    _score_quotes(gold, [q for q in corpus["quotes"] if q["article"] in ids], corpus, tally)
    mine = [e for e in corpus["events"] if ids & {s["article"] for s in e["sources"]}]
    _score_events(gold, mine, corpus, tally)


def _score_metadata(gold: dict[str, Any], article: dict[str, Any], tally: Tally) -> None:
    where = gold["id"]
    if gold.get("title"):
        tally.titles[1] += 1
        if _same_text(article.get("title"), gold["title"]):
            tally.titles[0] += 1
        else:
            tally.problems.append(
                f"{where}: title {article.get('title')!r}, gold {gold['title']!r}"
            )
    found = article.get("date")
    if gold.get("date") and not _stated_in_text(gold):
        pass  # only the page's URL gives it, and the article file does not hold the URL
    elif gold.get("date"):
        tally.dates[1] += 1
        if found == str(gold["date"]):
            tally.dates[0] += 1
        else:
            tally.problems.append(f"{where}: date {found!r}, gold {gold['date']!r}")
    else:
        tally.false_dates[1] += 1
        if found:
            tally.false_dates[0] += 1
            tally.problems.append(f"{where}: date {found!r} but the text states none")
    if gold.get("outlet"):
        tally.outlets[1] += 1
        if _same_outlet(article.get("outlet"), gold["outlet"]):
            tally.outlets[0] += 1
        else:
            tally.problems.append(
                f"{where}: outlet {article.get('outlet')!r}, gold {gold['outlet']!r}"
            )
    else:
        tally.false_outlets[1] += 1
        if article.get("outlet"):
            tally.false_outlets[0] += 1
            tally.problems.append(f"{where}: outlet {article['outlet']!r} but the text names none")


def _stated_in_text(gold: dict[str, Any]) -> bool:
    """Whether the gold date is stated in the article's text (not only in its URL)."""
    evidence = str(gold.get("date_evidence") or "").strip().lower()
    return not evidence.startswith("url")


def _score_entities(gold: dict[str, Any], entities: list[dict[str, Any]], tally: Tally) -> None:
    report = score({"entities": entities}, _gold_entities(gold))
    for k in report.kinds:
        if k.kind in tally.kinds:
            tally.add_kind(
                k.kind,
                (k.true_positives, k.extracted - k.neutral, k.gold_found, k.gold),
            )
    for kind in KINDS:  # kinds absent from gold still count their false positives
        if kind not in {k.kind for k in report.kinds}:
            extracted = [e for e in entities if e["kind"] == kind]
            tally.add_kind(kind, (0, len(extracted), 0, 0))
    for miss in report.misses:
        found = f" (found as {', '.join(miss.found_as)})" if miss.found_as else ""
        tally.problems.append(f"{gold['id']}: missed {miss.kind} {miss.name!r}{found}")
    for fp in report.false_positives:
        other = f" (gold: {', '.join(fp.gold_kind)})" if fp.gold_kind else ""
        tally.problems.append(f"{gold['id']}: wrong {fp.kind} {fp.name!r}{other}")


def _matching(entities: list[dict[str, Any]], entry: dict[str, Any]) -> list[dict[str, Any]]:
    keys = {normalise(v) for v in [entry["name"], *(entry.get("variants") or [])]}
    return [
        e for e in entities if keys & {normalise(n) for n in [e["name"], *(e.get("aliases") or [])]}
    ]


def _score_dateline(gold: dict[str, Any], entities: list[dict[str, Any]], tally: Tally) -> None:
    if not gold.get("dateline"):
        return
    tally.datelines[1] += 1
    places = [e for e in entities if e["kind"] in ("place", "country")]
    entry = next(
        (p for p in _gold_entities(gold)["place"] if _matching([{"name": gold["dateline"]}], p)),
        {"name": gold["dateline"]},
    )
    if _matching(places, entry):
        tally.datelines[0] += 1
    else:
        tally.problems.append(f"{gold['id']}: dateline {gold['dateline']!r} is no place entity")


def _score_coordinates(gold: dict[str, Any], entities: list[dict[str, Any]], tally: Tally) -> None:
    places = [e for e in entities if e["kind"] in ("place", "country")]
    for entry in _gold_entities(gold)["place"]:
        if entry.get("optional") or entry.get("lat") is None or entry.get("lon") is None:
            continue
        found = [e for e in _matching(places, entry) if e["kind"] == "place"]
        if not found:
            continue
        tally.coordinates[1] += 1
        place = found[0]
        if place.get("lat") is None:
            tally.coordinates[2] += 1
            tally.problems.append(f"{gold['id']}: no coordinates for {entry['name']!r}")
            continue
        limit = TOLERANCE_KM.get(entry.get("type") or "", REGION_TOLERANCE_KM)
        distance = _km(place["lat"], place["lon"], float(entry["lat"]), float(entry["lon"]))
        if distance <= limit:
            tally.coordinates[0] += 1
        else:
            tally.problems.append(
                f"{gold['id']}: {entry['name']!r} placed {distance:.0f} km off "
                f"({place['lat']:.2f}, {place['lon']:.2f})"
            )


def _score_quotes(
    gold: dict[str, Any], quotes: list[dict[str, Any]], corpus: dict[str, Any], tally: Tally
) -> None:
    names = {
        e["id"]: {normalise(n) for n in [e["name"], *(e.get("aliases") or [])]}
        for e in corpus["entities"]
    }
    gold_names = {
        normalise(v): entry["name"]
        for kind in KINDS
        for entry in _gold_entities(gold)[kind]
        for v in [entry["name"], *(entry.get("variants") or [])]
    }
    for q in gold.get("quotes") or []:
        start = _squash(q.get("start") or "")
        found = next((x for x in quotes if start and start in _squash(x["text"])), None)
        if found is None:
            continue
        tally.quotes[0] += 1
        tally.quotes[4] += bool(q.get("speaker"))
        if not found.get("speaker"):
            if q.get("speaker"):
                tally.problems.append(f"{gold['id']}: no speaker for {q['start']!r}")
            continue
        tally.quotes[1] += 1
        tally.quotes[5] += bool(q.get("speaker"))
        said = names.get(found["speaker"], set())
        speaker = q.get("speaker")
        if speaker and (normalise(speaker) in said or speaker in {gold_names.get(n) for n in said}):
            tally.quotes[2] += 1
        else:
            tally.quotes[3] += 1
            tally.problems.append(
                f"{gold['id']}: quote {q['start']!r} given to {found.get('speaker_name')!r}, "
                f"gold {q.get('speaker')!r}"
            )


def _score_events(
    gold: dict[str, Any], events: list[dict[str, Any]], corpus: dict[str, Any], tally: Tally
) -> None:
    """Key events (issue 16): a gold event with a date and a participant is found when an
    extracted event of the article shares a participant and gives its date (within a day,
    or the right month or year at the gold's precision)."""
    names = {
        e["id"]: {normalise(n) for n in [e["name"], *(e.get("aliases") or [])]}
        for e in corpus["entities"]
    }
    for key in gold.get("events") or []:
        if not key.get("date") or not key.get("participants"):
            continue
        tally.events[1] += 1
        wanted = {normalise(str(p)) for p in key["participants"]}
        found = any(
            any(names.get(p, set()) & wanted for p in e["participants"])
            and _same_date(e.get("date"), str(key["date"]), key.get("precision") or "day")
            for e in events
        )
        tally.events[0] += found
        if not found:
            tally.problems.append(f"{gold['id']}: key event missed: {key.get('summary')!r}")
    keys = gold.get("events") or []
    for e in events:
        tally.reported[1] += 1
        tally.reported[0] += any(_is_key_event(e, key, names) for key in keys)


def _is_key_event(event: dict[str, Any], key: dict[str, Any], names: dict[str, set[str]]) -> bool:
    """An event of the article shares a participant with a gold key event and, where the
    gold gives a date, gives it too (as ``_score_events`` counts a key event found)."""
    wanted = {normalise(str(p)) for p in key.get("participants") or []}
    if not any(names.get(p, set()) & wanted for p in event["participants"]):
        return False
    if not key.get("date"):
        return True
    return _same_date(event.get("date"), str(key["date"]), key.get("precision") or "day")


def _same_date(found: str | None, gold: str, precision: str) -> bool:
    if not found:
        return False
    if precision == "day" and len(found) == len(gold) == 10:
        return abs((dt.date.fromisoformat(found) - dt.date.fromisoformat(gold)).days) <= 1
    width = {"day": 10, "month": 7}.get(precision, 4)
    return found[:width] == gold[:width]


def seeds_tally(extractor: str) -> Tally:
    """Entities of the seeds against their own gold (no metadata gold there)."""
    corpus = build_corpus(SEEDS, extractor)
    report = score(corpus, parse_gold(load_gold(DEFAULT_GOLD)))
    tally = Tally(articles=len(corpus["articles"]))
    for k in report.kinds:
        if k.kind in tally.kinds:
            tally.add_kind(
                k.kind, (k.true_positives, k.extracted - k.neutral, k.gold_found, k.gold)
            )
    return tally


def score_parts(extractor: str) -> dict[str, Tally]:
    split, golds = load_split(), load_golds()
    corpus = build_corpus(DEV / "articles", extractor)
    parts = {"tune": Tally(), "test": Tally()}
    for ident, gold in golds.items():
        if ident not in split:
            # A batch being annotated joins the split once, when it is complete.
            print(f"not in split.yaml, not scored: {ident}", file=sys.stderr)
            continue
        score_article(gold, corpus, parts[split[ident]])
    return parts


def _cell(pair: list[int] | tuple[int, int]) -> str:
    ratio = _ratio(pair[0], pair[1])
    return "–" if ratio is None else f"{ratio:.2f} ({pair[0]}/{pair[1]})"


def _kind_cells(t: Tally, kinds: tuple[str, ...]) -> tuple[str, str]:
    tp = sum(t.kinds[k][0] for k in kinds)
    extracted = sum(t.kinds[k][1] for k in kinds)
    found = sum(t.kinds[k][2] for k in kinds)
    required = sum(t.kinds[k][3] for k in kinds)
    return _cell((tp, extracted)), _cell((found, required))


def table(parts: dict[str, Tally]) -> str:
    """The quality table, one column per part, as Markdown."""
    names = list(parts)
    rows = [
        "| measure | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
        "| articles | " + " | ".join(str(parts[n].articles) for n in names) + " |",
    ]

    def row(label: str, cells: list[str]) -> None:
        rows.append(f"| {label} | " + " | ".join(cells) + " |")

    row("title right", [_cell(parts[n].titles) for n in names])
    row("publication date right", [_cell(parts[n].dates) for n in names])
    row("date given to an undated article", [_cell(parts[n].false_dates) for n in names])
    row("outlet right (where named)", [_cell(parts[n].outlets) for n in names])
    row("outlet given where the text names none", [_cell(parts[n].false_outlets) for n in names])
    row("dateline place found", [_cell(parts[n].datelines) for n in names])
    for label, kinds in (("named actors", ACTOR_KINDS), *((k, (k,)) for k in KINDS)):
        cells = [_kind_cells(parts[n], kinds) for n in names]
        row(f"{label}: precision", [c[0] for c in cells])
        row(f"{label}: recall", [c[1] for c in cells])
    row("place coordinates right", [_cell(parts[n].coordinates[:2]) for n in names])
    row("quote speaker right (of attributed)", [_cell(parts[n].quotes[2:0:-1]) for n in names])
    row("quote attributed (of found)", [_cell(parts[n].quotes[1::-1]) for n in names])
    # The measure: a quote whose speaker the text does not name (gold null) is
    # right to stay unattributed, so it is left out of this denominator.
    row(
        "quote attributed (of found whose speaker the text names)",
        [_cell(parts[n].quotes[5:3:-1]) for n in names],
    )
    # Any speaker other than the gold one, including one given where the text names none.
    row(
        "quote given to a wrong speaker (of found)",
        [_cell((parts[n].quotes[3], parts[n].quotes[0])) for n in names],
    )
    row("key events: right date and participant", [_cell(parts[n].events) for n in names])
    row("reported events that are a gold key event", [_cell(parts[n].reported) for n in names])
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extractor", choices=("model", "rules"), default="model")
    parser.add_argument("--details", choices=("tune",), help="list what went wrong (tune only)")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seeds column")
    parser.add_argument("--json", type=Path, help="also write the counts here")
    args = parser.parse_args(argv)
    parts = score_parts(args.extractor)
    if not args.no_seeds:
        parts["seeds"] = seeds_tally(args.extractor)
    print(table(parts))
    if args.details:
        kinds = Counter(p.split(": ", 1)[1].split(" ", 1)[0] for p in parts["tune"].problems)
        print(f"\n{len(parts['tune'].problems)} problems in the tune part: {dict(kinds)}")
        for problem in parts["tune"].problems:
            print(" ", problem)
    if args.json:
        args.json.write_text(json.dumps({k: asdict(v) for k, v in parts.items()}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
