"""Names of buildings and sites: the one rule for telling them from the bodies in them."""

from __future__ import annotations

from builder.text.fold import fold
from builder.text.lexicon import LANDMARK_HEADS, ORG_HEADS


def is_site_name(name: str) -> bool:
    """A building, square or site named by its kind ("Northfield Stadium", "Liberty
    Square", "the Palace of Culture"), not a body that meets in one ("Supreme Court")."""
    words = fold(name).split()
    return (
        len(words) >= 2
        and any(w in LANDMARK_HEADS for w in words[1:])
        and not any(w in ORG_HEADS for w in words)
    )
