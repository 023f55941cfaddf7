"""Given names and their usual gender, from gender-guesser's 40,000-name dictionary: who a
lone first name can be, and which person "he" or "she" can stand for."""

from __future__ import annotations

from functools import cache


@cache
def _name_detector() -> object:
    import gender_guesser.detector

    return gender_guesser.detector.Detector()


def is_given_name(word: str) -> bool:
    """Whether a word is a first name in gender-guesser's 40,000-name dictionary."""
    return _name_detector().get_gender(word) != "unknown"  # type: ignore[attr-defined]


#: gender-guesser's answers for names mostly or only given to men, and to women.
_MALE = frozenset({"male", "mostly_male"})
_FEMALE = frozenset({"female", "mostly_female"})


def fits_pronoun(given: str, pronoun: str) -> bool:
    """Whether "he" or "she" can stand for a person of this given name (unknown and
    androgynous names fit both)."""
    gender = _name_detector().get_gender(given)  # type: ignore[attr-defined]
    if pronoun in ("he", "him", "his"):
        return gender not in _FEMALE
    if pronoun in ("she", "her", "hers"):
        return gender not in _MALE
    return True
