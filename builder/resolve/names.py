"""The shape of a name, which identity depends on: people's given names, surname and
suffix; organisations' normalised key and acronym."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from builder.text.fold import fold
from builder.text.lexicon import (
    NAME_SUFFIXES,
    PARTICLES,
    TITLES,
)

#: rapidfuzz ratios: whole names with the same first given name, and surnames alone.
PERSON_FUZZ = 85


SURNAME_FUZZ = 88
#: Surnames shorter than this must match exactly: one letter more or less in a short
#: surname is another family ("Shah" and "Shahi", "Khan" and "Khani"), though it still
#: scores over ``SURNAME_FUZZ``; longer ones keep their spelling variants
#: ("Zelensky", "Zelenskyy").
FUZZY_SURNAME_LETTERS = 6


def near_surnames(a: str, b: str) -> bool:
    """The same surname, or a spelling variant of a long one."""
    return a == b or (
        min(len(a), len(b)) >= FUZZY_SURNAME_LETTERS and fuzz.ratio(a, b) >= SURNAME_FUZZ
    )


@dataclass(frozen=True)
class PersonName:
    """A person's name reduced to what identity depends on."""

    given: tuple[str, ...]
    surname: str
    suffix: str

    @property
    def full(self) -> bool:
        return bool(self.given)


def person_name(text: str) -> PersonName | None:
    """Parse "President Hafez al-Hakim Jr." into given names, surname and suffix."""
    words = [w for w in re.split(r"[\s\-‐]+", fold(text).replace(".", " ")) if w]
    words = [w.strip("’'`,") for w in words]
    words = [w for w in words if w]
    while words and words[0] in TITLES:
        words.pop(0)
    suffix = ""
    if len(words) > 1 and words[-1] in NAME_SUFFIXES:
        suffix = words.pop()
    words = [w for i, w in enumerate(words) if not (w in PARTICLES and i < len(words) - 1)]
    if not words:
        return None
    return PersonName(tuple(words[:-1]), words[-1], suffix)


def same_person(a: PersonName, b: PersonName) -> bool:
    """Two full names of one person: agreeing given names and surname, same suffix."""
    if a.suffix != b.suffix or not a.full or not b.full:
        return False
    if (
        a.given[0] == b.given[0]
        and fuzz.ratio(" ".join((*a.given, a.surname)), " ".join((*b.given, b.surname)))
        >= PERSON_FUZZ
    ):
        return True
    if not near_surnames(a.surname, b.surname):
        return False
    short, long = sorted((a.given, b.given), key=len)
    return all(any(fuzz.ratio(s, g) >= 80 for g in long) for s in short)


def org_key(text: str) -> str:
    """Normalised organisation name: folded, no article, no dots or possessive."""
    key = fold(text).replace(".", "")
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"[’']s$", "", key)
    return re.sub(r"[\s\-]+", " ", key).strip()


def is_acronym(text: str) -> bool:
    bare = text.replace(".", "")
    return 2 <= len(bare) <= 6 and bare.isupper() and bare.isalpha()


def acronym_of(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in ("of", "and", "for", "the"))
