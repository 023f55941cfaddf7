"""Short descriptions of pages: what ``<meta name="description">`` and feeds show.

A description is plain text (templates escape it); it is cut on a word boundary so a
shared link never shows half a word.
"""

from __future__ import annotations

import re

#: Search engines and link previews show about this many characters.
DESCRIPTION_LIMIT = 200
#: A sentence end: punctuation, space, then something that can start a sentence.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")
#: Shorter "sentences" are usually abbreviations ("U.S.", "Gen.") cut off too early.
_MIN_SENTENCE = 40


def first_sentence(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """The first sentence of ``text``, at most ``limit`` characters."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        if match.start() >= _MIN_SENTENCE:
            text = text[: match.start()].rstrip()
            break
    return shorten(text, limit)


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` cut on a word boundary to at most ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:-") + "…"
