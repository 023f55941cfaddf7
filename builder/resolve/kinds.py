"""A second reading of each resolved actor's kind: a small learned decision.

The resolver proposes a name and a kind ("Acme Corp", organisation); a careful reader
would check it against what the text shows: the labels the model gave the mentions, the
name's last word ("Ministry", "Party", "Inc"), the words before the mentions ("Mr",
"the", "in"), a speech verb after them, whether a gazetteer knows the name as a place.
A logistic regression over such general features, trained on the development corpus's
tune part (``tests/bench/train_kinds.py``), gives the odds that the entity is a person,
an organisation, a group, a place, a country or no entity at all; the resolver acts only
where those odds are strong (``THRESHOLD``). Its weights are a data file, inference is a
dot product.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from builder.infra.data import KIND_MODEL_FILE
from builder.ingest.lines import is_given_name
from builder.model import Entity, Mention
from builder.resolve.names import is_acronym
from builder.text.fold import fold
from builder.text.lexicon import (
    AREA_KINDS,
    FUNCTION_WORDS,
    GEOGRAPHIC_HEADS,
    GROUP_HEADS,
    HONORIFICS,
    IMPERSONAL_PRONOUNS,
    LANDMARK_HEADS,
    ORG_WORDS,
    PARTICLES,
    PERSONAL_PRONOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    TITLES,
)
from builder.text.nouns import english_nouns

#: The kinds the decision judges and gives; places and countries are the gazetteer's,
#: armed groups the data file's and the context rules' (``resolver._is_group``).
JUDGED_KINDS = ("person", "organization")
#: What it may answer: a kind, or no entity at all.
CLASSES = ("none", "person", "organization", "group", "place", "country")
LABELS = ("PERSON", "ORG", "GROUP", "PLACE", "COUNTRY")

_WORD_BEFORE = re.compile(r"([A-Za-z][\w'\u2019.-]*)\W{0,2}$")
_WORD_AFTER = re.compile(r"^\W{0,2}([A-Za-z][\w'\u2019-]*)")
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "from", "outside", "across", "to"})
_FRAGMENT_JOINS = frozenset({"of", "for", "and", "on", "&"})
_IRREGULAR_SPEECH = frozenset({"said", "says", "told", "wrote", "tells", "spoke"})
_PLACE_HEADS = GEOGRAPHIC_HEADS | LANDMARK_HEADS | AREA_KINDS
_OPENING_QUOTES = ('"', "\u201c", "'", "\u2018")
_CLOSING_QUOTES = ('"', "\u201d", "'", "\u2019")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_WORDS = re.compile(r"[a-z]+")
_PRONOUNS = PERSONAL_PRONOUNS | IMPERSONAL_PRONOUNS | {"his", "its"}
_PERSONAL = PERSONAL_PRONOUNS | {"his"}
#: Words of address and office before a name, and those that are no mere capital.
_TITLE_WORDS = TITLES | HONORIFICS | ROLE_WORDS
_NOT_CAPITAL = TITLES | ROLE_WORDS
_MINOR_WORDS = FUNCTION_WORDS | PARTICLES
#: How much of the text after a mention the features read (``_pronoun_flags``).
AFTER_CHARS = 160


@cache
def _speech_forms() -> frozenset[str]:
    """ "said", "warns", "added", "noted": the inflected forms of the speech verbs."""
    forms = set(_IRREGULAR_SPEECH)
    for verb in SPEECH_VERBS:
        stem = verb[:-1] if verb.endswith("e") else verb
        forms |= {verb, f"{verb}s", f"{stem}ed", f"{verb}es"}
    return frozenset(forms)


@dataclass(frozen=True)
class Sighting:
    """One mention with the text on either side of it (a paragraph's)."""

    mention: Mention
    before: str
    after: str


def features(
    name: str,
    kind: str,
    sightings: Sequence[Sighting],
    people: dict[str, set[str]],
    is_place: Callable[[str], bool],
    is_country: Callable[[str], bool],
) -> dict[str, float]:
    """What a careful reader weighs to tell a person from a body, a place or no name."""
    words = name.split()
    folded = fold(name).split()
    out: dict[str, float] = {"bias": 1.0, f"kind={kind}": 1.0}
    out.update(_name_shape(name, words, folded))
    out["gazetteer place"] = float(is_place(name))
    out["gazetteer country"] = float(is_country(name))
    out.update(_context_shares(sightings))
    # "Roe" or "ROE Jane" where the article names Jane Roe: a person's name written
    # another way (by a person entity other than this one)
    own = set(folded) if kind == "person" else set()
    out["person's word"] = _share(
        sightings, lambda s: bool((set(folded) - own) & people.get(s.mention.article, set()))
    )
    out["log mentions"] = math.log1p(len(sightings))
    out["log articles"] = math.log1p(len({s.mention.article for s in sightings}))
    return out


def _name_shape(name: str, words: list[str], folded: list[str]) -> dict[str, float]:
    last = folded[-1] if folded else ""
    first = folded[0].rstrip(".") if folded else ""
    nouns = english_nouns()
    content = [w for w in folded if w not in FUNCTION_WORDS]
    return {
        f"tokens={min(len(words), 4)}": 1.0,
        "acronym": float(is_acronym(name)),
        "capitals word": float(
            len(words) > 1 and any(len(w) > 2 and w.isupper() and w.isalpha() for w in words)
        ),
        "lower word": float(any(w[:1].islower() and fold(w) not in _MINOR_WORDS for w in words)),
        "digit": float(any(c.isdigit() for c in name)),
        "joined": float(any(w in ("and", "&") for w in folded)),
        "of": float("of" in folded[1:]),
        "last org word": float(last in ORG_WORDS),
        "org word": float(any(w in ORG_WORDS for w in folded)),
        "last group head": float(last in GROUP_HEADS),
        "last place head": float(last in _PLACE_HEADS),
        "first given name": float(bool(words) and is_given_name(words[0])),
        "last given name": float(len(words) > 1 and is_given_name(words[-1])),
        "first title": float(first in _TITLE_WORDS),
        "common nouns": (sum(1 for w in content if w in nouns) / len(content) if content else 0.0),
        "plural": float(last.endswith("s") and not last.endswith("ss")),
    }


def _context_shares(sightings: Sequence[Sighting]) -> dict[str, float]:
    counts: dict[str, float] = {f"label={label}": 0.0 for label in LABELS}
    for key in (
        "after the",
        "after title",
        "after place word",
        "after capital",
        "after join",
        "before speech",
        "before capital",
        "possessive",
        "paragraph start",
        "quoted",
        "personal pronoun after",
        "impersonal pronoun after",
    ):
        counts[key] = 0.0
    for s in sightings:
        counts[f"label={s.mention.label}"] = counts.get(f"label={s.mention.label}", 0.0) + 1
        for key in _context_flags(s):
            counts[key] += 1
    n = max(1, len(sightings))
    return {k: v / n for k, v in counts.items()}


def _context_flags(s: Sighting) -> list[str]:
    flags = []
    before = _WORD_BEFORE.search(s.before[-40:])
    after = _WORD_AFTER.match(s.after[:40])
    prev = before.group(1) if before else ""
    nxt = after.group(1) if after else ""
    adjacent = s.before.endswith(" ") and not s.before.rstrip().endswith((",", ".", ";", ":"))
    if fold(prev) == "the":
        flags.append("after the")
    if fold(prev).rstrip(".") in _TITLE_WORDS:
        flags.append("after title")
    if fold(prev) in _PLACE_PREPOSITIONS:
        flags.append("after place word")
    if prev[:1].isupper() and adjacent and fold(prev) not in _NOT_CAPITAL:
        flags.append("after capital")
    if fold(prev) in _FRAGMENT_JOINS and adjacent:
        flags.append("after join")
    if fold(nxt) in _speech_forms():
        flags.append("before speech")
    if nxt[:1].isupper() and s.after.startswith(" "):
        flags.append("before capital")
    if s.after.startswith(("'s", "\u2019s")):
        flags.append("possessive")
    if not s.before.strip():
        flags.append("paragraph start")
    if s.before.endswith(_OPENING_QUOTES) and s.after.startswith(_CLOSING_QUOTES):
        flags.append("quoted")  # a title: a film, a book, a programme
    return flags + _pronoun_flags(s)


def _pronoun_flags(s: Sighting) -> list[str]:
    """ "Roe said he ...", "Acme said its ...": the pronoun that takes the name up next."""
    flags = []
    rest = _SENTENCE_END.split(s.after[:AFTER_CHARS], maxsplit=1)[0]
    pronouns = [w for w in _WORDS.findall(rest.lower()) if w in _PRONOUNS]
    if pronouns and pronouns[0] in _PERSONAL:
        flags.append("personal pronoun after")
    elif pronouns:
        flags.append("impersonal pronoun after")
    return flags


def _share(sightings: Sequence[Sighting], test: Callable[[Sighting], bool]) -> float:
    return sum(1 for s in sightings if test(s)) / len(sightings) if sightings else 0.0


def people_words(entities: Iterable[Entity]) -> dict[str, set[str]]:
    """Article -> the folded words of the names of the people it mentions."""
    found: dict[str, set[str]] = {}
    for e in entities:
        if e.kind != "person":
            continue
        words = {w for w in fold(e.name).split() if len(w) > 2}
        for article in {m.article for m in e.mentions}:
            found.setdefault(article, set()).update(words)
    return found


@dataclass(frozen=True)
class KindModel:
    """Softmax regression weights: class -> feature -> weight."""

    weights: dict[str, dict[str, float]]
    threshold: float

    def odds(self, feats: dict[str, float]) -> dict[str, float]:
        scores = {
            c: sum(w.get(f, 0.0) * v for f, v in feats.items()) for c, w in self.weights.items()
        }
        top = max(scores.values())
        exp = {c: math.exp(s - top) for c, s in scores.items()}
        total = sum(exp.values())
        return {c: e / total for c, e in exp.items()}

    def verdict(self, kind: str, feats: dict[str, float]) -> str | None:
        """Another class the entity is, when the odds for it are strong; None to keep it."""
        odds = self.odds(feats)
        best = max(odds, key=odds.__getitem__)
        if best in (kind, "group") or odds[best] < self.threshold:
            return None
        return best


@cache
def kind_model(path: Path = KIND_MODEL_FILE) -> KindModel | None:
    """The trained weights, None when no model was trained."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return KindModel(weights=data["weights"], threshold=float(data["threshold"]))
