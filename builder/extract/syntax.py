"""Questions about a parsed sentence that more than one extractor asks, each under one
name: which words are conjoined with a word, and whether a word is negated."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

#: Coordinators that contrast rather than join ("X but Y", "neither X nor Y").
CONTRASTING = frozenset({"but", "nor", "yet"})


def conjoined(token: Token) -> list[Token]:
    """Every word conjoined with ``token`` below it ("A, B and C" from A: B, C), not itself."""
    out = []
    for child in token.children:
        if child.dep_ == "conj":
            out.extend([child, *conjoined(child)])
    return out


def coordinated(token: Token) -> list[Token]:
    """``token`` and the words conjoined with it, but not across a contrast ("X but Y")."""
    out = [token]
    if any(c.dep_ == "cc" and c.lower_ in CONTRASTING for c in token.children):
        return out
    for child in token.children:
        if child.dep_ == "conj":
            out.extend(coordinated(child))
    return out


def has_negation(token: Token) -> bool:
    """A negation attached to the word itself ("did not meet")."""
    return any(c.dep_ == "neg" for c in token.children)
