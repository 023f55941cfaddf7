"""Score the entities of a built corpus against a hand-written gold file.

Usage::

    python tests/bench/score_extraction.py site/data/corpus.json
    python tests/bench/score_extraction.py site/data/corpus.json --gold tests/bench/gold_seeds.yaml
    python tests/bench/score_extraction.py site/data/corpus.json --json

Matching: an extracted entity matches a gold entry when its name or any alias equals the
gold name or any variant after normalisation (see :func:`normalise`).

Per kind K:

- precision = extracted entities of kind K matching a gold entry of kind K
  / extracted entities of kind K that are not *neutral*;
- recall = required gold entries of kind K matched by an extracted entity of kind K
  / required gold entries of kind K.

Gold entries marked ``optional: true`` are never counted in recall. An extracted entity
that matches no gold entry of its own kind but does match an optional entry of another
kind is *neutral*: neither a true nor a false positive. Kind-agnostic recall counts a
required gold entry as found when any extracted entity matches it, whatever its kind.

Also reported: misses, false positives, forbidden names that became entities, split
errors (one gold entry matched by 2+ extracted entities), merge errors (one extracted
entity matching 2+ gold entries) and mention counts below a gold entry's ``min_mentions``.

Importable: ``score(corpus, gold) -> Report``, ``load_gold(path)``, ``render_markdown``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_GOLD = Path(__file__).with_name("gold_seeds.yaml")

#: Top-level keys of the gold file that are not entity kinds.
NON_KIND_KEYS = frozenset({"forbidden", "notes"})

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_]+")
_LEADING = ("the ", "al ")


def normalise(text: str) -> str:
    """Fold a name for comparison.

    Casefold, strip diacritics, unify apostrophes, drop full stops ("U.S." == "US"),
    treat hyphens, dashes and runs of whitespace as one space, and strip a leading
    "the " or "al-" ("The Kremlin" == "Kremlin", "al-Hasakeh" == "Hasakeh").
    """
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    folded = folded.translate(_APOSTROPHES).replace(".", "")
    folded = _SEPARATORS.sub(" ", folded).strip()
    changed = True
    while changed:
        changed = False
        for prefix in _LEADING:
            if folded.startswith(prefix) and len(folded) > len(prefix):
                folded = folded[len(prefix) :].strip()
                changed = True
    return folded


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class GoldEntry:
    """One real-world thing the extractor should find."""

    key: int
    name: str
    kind: str
    variants: tuple[str, ...]
    optional: bool = False
    min_mentions: int | None = None

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(normalise(v) for v in (self.name, *self.variants))


@dataclass(frozen=True)
class Gold:
    """A parsed gold file."""

    entries: tuple[GoldEntry, ...]
    forbidden: tuple[str, ...]

    @property
    def kinds(self) -> list[str]:
        return sorted({e.kind for e in self.entries})


@dataclass(frozen=True)
class Extracted:
    """The fields of one corpus entity that scoring needs."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    mentions: int

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(normalise(v) for v in (self.name, *self.aliases) if v)


@dataclass
class KindScore:
    """Precision, recall and F1 for one kind (or all kinds, micro-averaged)."""

    kind: str
    gold: int  # required gold entries
    gold_optional: int
    extracted: int
    neutral: int
    true_positives: int  # extracted entities of this kind matching gold of this kind
    gold_found: int  # required gold entries matched by an entity of this kind
    precision: float
    recall: float
    f1: float


@dataclass
class Miss:
    """A required gold entry no extracted entity of its kind matches."""

    name: str
    kind: str
    found_as: list[str] = field(default_factory=list)  # "Name (kind)" of other-kind matches


@dataclass
class FalsePositive:
    """An extracted entity matching no gold entry of its kind."""

    id: str
    name: str
    kind: str
    gold_kind: list[str] = field(default_factory=list)  # gold entries it matches, other kinds


@dataclass
class ForbiddenHit:
    id: str
    name: str
    kind: str
    forbidden: str


@dataclass
class Split:
    """One gold entry matched by two or more extracted entities."""

    gold: str
    kind: str
    entities: list[str]


@dataclass
class Merge:
    """One extracted entity matching two or more gold entries."""

    id: str
    name: str
    kind: str
    gold: list[str]


@dataclass
class MentionShortfall:
    gold: str
    kind: str
    expected_at_least: int
    mentions: int


@dataclass
class Report:
    """Everything :func:`score` measures."""

    kinds: list[KindScore]
    overall: KindScore
    kind_agnostic_recall: float
    kind_agnostic_found: int
    misses: list[Miss]
    false_positives: list[FalsePositive]
    forbidden: list[ForbiddenHit]
    splits: list[Split]
    merges: list[Merge]
    mention_shortfalls: list[MentionShortfall]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- loading


def _as_str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise ValueError(f"{where}: expected a list of strings, got {value!r}")


def parse_gold(data: Mapping[str, Any]) -> Gold:
    """Validate a gold mapping (the parsed YAML) and return it as :class:`Gold`.

    Raises ValueError when an entry is malformed, when two gold entries share a
    normalised variant, or when a forbidden name equals a gold variant.
    """
    if not isinstance(data, Mapping):
        raise ValueError("gold: top level must be a mapping of kind -> entries")
    entries: list[GoldEntry] = []
    for kind, items in data.items():
        if kind in NON_KIND_KEYS:
            continue
        if not isinstance(items, list):
            raise ValueError(f"gold: {kind!r} must be a list of entries")
        for i, item in enumerate(items):
            where = f"gold: {kind}[{i}]"
            if isinstance(item, str):
                item = {"name": item}
            if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
                raise ValueError(f"{where}: an entry needs a string 'name'")
            min_mentions = item.get("min_mentions")
            if min_mentions is not None and not isinstance(min_mentions, int):
                raise ValueError(f"{where}: min_mentions must be an integer")
            entries.append(
                GoldEntry(
                    key=len(entries),
                    name=item["name"],
                    kind=str(kind),
                    variants=_as_str_list(item.get("variants"), where),
                    optional=bool(item.get("optional", False)),
                    min_mentions=min_mentions,
                )
            )
    owner: dict[str, GoldEntry] = {}
    for entry in entries:
        for k in entry.keys:
            other = owner.setdefault(k, entry)
            if other is not entry:
                raise ValueError(
                    f"gold: variant {k!r} belongs to both {other.name!r} ({other.kind}) "
                    f"and {entry.name!r} ({entry.kind})"
                )
    forbidden = _as_str_list(data.get("forbidden"), "gold: forbidden")
    for name in forbidden:
        if normalise(name) in owner:
            clash = owner[normalise(name)]
            raise ValueError(f"gold: forbidden {name!r} is a variant of {clash.name!r}")
    return Gold(entries=tuple(entries), forbidden=forbidden)


def load_gold(path: str | Path = DEFAULT_GOLD) -> dict[str, Any]:
    """Read a gold YAML file (the raw mapping that :func:`score` takes)."""
    with open(path, encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    parse_gold(data)  # fail early on a malformed file
    return data


def _mention_count(value: Any) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, list | tuple):
        return len(value)
    return 0


def parse_entities(corpus: Mapping[str, Any]) -> list[Extracted]:
    """The entities of a corpus.json mapping."""
    raw = corpus.get("entities")
    if not isinstance(raw, list):
        raise ValueError("corpus: 'entities' must be a list")
    out: list[Extracted] = []
    for i, ent in enumerate(raw):
        if not isinstance(ent, Mapping) or not isinstance(ent.get("name"), str):
            raise ValueError(f"corpus: entities[{i}] needs a string 'name'")
        aliases = ent.get("aliases") or []
        out.append(
            Extracted(
                id=str(ent.get("id", f"#{i}")),
                name=ent["name"],
                kind=str(ent.get("kind", "")),
                aliases=tuple(a for a in aliases if isinstance(a, str)),
                mentions=_mention_count(ent.get("mentions", 0)),
            )
        )
    return out


# --------------------------------------------------------------------------- scoring


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _label(e: Extracted) -> str:
    return f"{e.name} ({e.kind})"


def score(corpus: Mapping[str, Any], gold: Mapping[str, Any] | Gold) -> Report:
    """Score the entities of ``corpus`` (parsed corpus.json) against ``gold``."""
    g = gold if isinstance(gold, Gold) else parse_gold(gold)
    entities = parse_entities(corpus)

    by_key: dict[str, GoldEntry] = {k: e for e in g.entries for k in e.keys}
    matches: dict[int, list[GoldEntry]] = {}  # index in entities -> gold entries matched
    matched_by: dict[int, list[Extracted]] = {e.key: [] for e in g.entries}
    for i, ent in enumerate(entities):
        found = {by_key[k].key: by_key[k] for k in ent.keys if k in by_key}
        matches[i] = sorted(found.values(), key=lambda e: e.key)
        for entry in matches[i]:
            matched_by[entry.key].append(ent)

    kinds = sorted({*g.kinds, *(e.kind for e in entities)})
    rows: list[KindScore] = []
    false_positives: list[FalsePositive] = []
    tot = dict(gold=0, opt=0, ext=0, neu=0, tp=0, found=0)
    for kind in kinds:
        required = [e for e in g.entries if e.kind == kind and not e.optional]
        optional = [e for e in g.entries if e.kind == kind and e.optional]
        mine = [i for i, e in enumerate(entities) if e.kind == kind]
        tp = neutral = 0
        for i in mine:
            ms = matches[i]
            if any(m.kind == kind for m in ms):
                tp += 1
            elif ms and all(m.optional for m in ms):
                neutral += 1
            else:
                ent = entities[i]
                false_positives.append(
                    FalsePositive(
                        id=ent.id,
                        name=ent.name,
                        kind=kind,
                        gold_kind=[f"{m.name} ({m.kind})" for m in ms],
                    )
                )
        found = sum(1 for e in required if any(x.kind == kind for x in matched_by[e.key]))
        p = _ratio(tp, len(mine) - neutral)
        r = _ratio(found, len(required))
        rows.append(
            KindScore(
                kind, len(required), len(optional), len(mine), neutral, tp, found, p, r, _f1(p, r)
            )
        )
        for name, value in (
            ("gold", len(required)),
            ("opt", len(optional)),
            ("ext", len(mine)),
            ("neu", neutral),
            ("tp", tp),
            ("found", found),
        ):
            tot[name] += value
    p = _ratio(tot["tp"], tot["ext"] - tot["neu"])
    r = _ratio(tot["found"], tot["gold"])
    overall = KindScore(
        "all",
        tot["gold"],
        tot["opt"],
        tot["ext"],
        tot["neu"],
        tot["tp"],
        tot["found"],
        p,
        r,
        _f1(p, r),
    )

    required_all = [e for e in g.entries if not e.optional]
    agnostic = sum(1 for e in required_all if matched_by[e.key])
    misses = [
        Miss(e.name, e.kind, [_label(x) for x in matched_by[e.key]])
        for e in required_all
        if not any(x.kind == e.kind for x in matched_by[e.key])
    ]
    splits = [
        Split(e.name, e.kind, [_label(x) for x in matched_by[e.key]])
        for e in g.entries
        if len(matched_by[e.key]) > 1
    ]
    merges = [
        Merge(ent.id, ent.name, ent.kind, [f"{m.name} ({m.kind})" for m in matches[i]])
        for i, ent in enumerate(entities)
        if len(matches[i]) > 1
    ]
    forbidden_keys = {normalise(f): f for f in g.forbidden}
    forbidden_hits = [
        ForbiddenHit(ent.id, ent.name, ent.kind, forbidden_keys[k])
        for ent in entities
        for k in sorted(ent.keys)
        if k in forbidden_keys
    ]
    shortfalls: list[MentionShortfall] = []
    for e in g.entries:
        if e.min_mentions is None:
            continue
        same_kind = [x for x in matched_by[e.key] if x.kind == e.kind]
        if not same_kind:
            continue  # already a miss
        count = sum(x.mentions for x in same_kind)
        if count < e.min_mentions:
            shortfalls.append(MentionShortfall(e.name, e.kind, e.min_mentions, count))

    return Report(
        kinds=rows,
        overall=overall,
        kind_agnostic_recall=_ratio(agnostic, len(required_all)),
        kind_agnostic_found=agnostic,
        misses=misses,
        false_positives=false_positives,
        forbidden=forbidden_hits,
        splits=splits,
        merges=merges,
        mention_shortfalls=shortfalls,
    )


# --------------------------------------------------------------------------- output


def _bullets(lines: Iterable[str]) -> list[str]:
    out = [f"- {line}" for line in lines]
    return out or ["- none"]


def render_markdown(report: Report) -> str:
    """The report as Markdown: a table per kind, then the error lists."""
    head = "| kind | gold | optional | extracted | neutral | TP | found | P | R | F1 |"
    lines = [
        "# Extraction score",
        "",
        head,
        "|" + "|".join(["---"] * 10) + "|",
    ]
    for row in [*report.kinds, report.overall]:
        name = f"**{row.kind}**" if row.kind == "all" else row.kind
        lines.append(
            f"| {name} | {row.gold} | {row.gold_optional} | {row.extracted} | {row.neutral} "
            f"| {row.true_positives} | {row.gold_found} | {row.precision:.2f} "
            f"| {row.recall:.2f} | {row.f1:.2f} |"
        )
    lines += [
        "",
        f"Kind-agnostic recall: {report.kind_agnostic_recall:.2f} "
        f"({report.kind_agnostic_found}/{report.overall.gold})",
        "",
        f"## Misses ({len(report.misses)})",
        *_bullets(
            f"{m.name} ({m.kind})" + (f": found as {', '.join(m.found_as)}" if m.found_as else "")
            for m in report.misses
        ),
        "",
        f"## False positives ({len(report.false_positives)})",
        *_bullets(
            f"{f.name} ({f.kind})"
            + (f": gold says {', '.join(f.gold_kind)}" if f.gold_kind else "")
            for f in report.false_positives
        ),
        "",
        f"## Forbidden names ({len(report.forbidden)})",
        *_bullets(f"{h.name} ({h.kind}) matches {h.forbidden!r}" for h in report.forbidden),
        "",
        f"## Splits ({len(report.splits)})",
        *_bullets(f"{s.gold} ({s.kind}): {'; '.join(s.entities)}" for s in report.splits),
        "",
        f"## Merges ({len(report.merges)})",
        *_bullets(f"{m.name} ({m.kind}): {'; '.join(m.gold)}" for m in report.merges),
        "",
        f"## Mention counts below min_mentions ({len(report.mention_shortfalls)})",
        *_bullets(
            f"{s.gold} ({s.kind}): {s.mentions} < {s.expected_at_least}"
            for s in report.mention_shortfalls
        ),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="path to a built site's data/corpus.json")
    parser.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold YAML file")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    try:
        corpus = json.loads(args.corpus.read_text(encoding="utf-8"))
        gold = load_gold(args.gold)
        report = score(corpus, gold)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        print(f"score_extraction: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render_markdown(report), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
