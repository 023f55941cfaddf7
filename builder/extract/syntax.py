"""Questions about a parsed sentence that more than one extractor asks, each under one
name: which words are conjoined with a word, whether a word is negated, and who reports
what a word says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from builder.text.lexicon import REPORTING_VERBS

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


def reporter_tokens(trigger: Token) -> set[int]:
    """The words naming whoever reports what the trigger says: the subject of a speech
    verb the trigger depends on ("the ministry said X met Y"), and "according to X"."""
    found: set[int] = set()
    for token in trigger.sent:
        if token.lower_ == "according":
            for to in token.children:
                found.update(t.i for c in to.children if c.dep_ == "pobj" for t in c.subtree)
    for ancestor in trigger.ancestors:
        if ancestor.lemma_.lower() in REPORTING_VERBS:
            for subject in ancestor.children:
                if subject.dep_ == "nsubj" and trigger not in subject.subtree:
                    found.update(t.i for t in subject.subtree)
    found.discard(trigger.i)
    return found
