"""Names of buildings and sites: the one rule for telling them from the bodies in them."""

from __future__ import annotations

from collections.abc import Callable

from builder.text.fold import fold
from builder.text.lexicon import GEOGRAPHIC_HEADS, LANDMARK_HEADS, ORG_HEADS


def is_site_name(name: str) -> bool:
    """A building, square or site named by its kind ("Northfield Stadium", "Liberty
    Square", "the Palace of Culture", "Union Station"), not a body that meets in one
    ("Supreme Court")."""
    words = fold(name).split()
    if len(words) < 2:
        return False
    if words[-1] in LANDMARK_HEADS:
        return True  # the kind ends the name: "State Farm Stadium", "Union Station"
    return any(w in LANDMARK_HEADS for w in words[1:]) and not any(w in ORG_HEADS for w in words)


def is_area_name(name: str, is_common: Callable[[str], bool]) -> bool:
    """An area named by its kind after its own name ("Northfield District", "Carrow
    Local Government Area"): a place, whatever a model calls it. Not when a common word
    names it ("Tourism Oversight District", "School District": bodies that run an area),
    nor "X State", which also names groups and bodies."""
    words = fold(name).split()
    if len(words) < 2 or words[-1] not in GEOGRAPHIC_HEADS or words[-1] == "state":
        return False
    own = words[:-3] if words[-3:-1] == ["local", "government"] else words[:-1]
    return bool(own) and not any(w in ORG_HEADS or is_common(w) for w in words[:-1] if w in own)
