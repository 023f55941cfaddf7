"""Events stage: happenings with dates, places and participants.

Event detection is not built yet; the stage exists so the data flow and the
``events`` field of ``corpus.json`` are in place.
"""

from __future__ import annotations

from builder.model import Article, Entity, Event, ExtractedArticle


def find_events(
    articles: list[Article], extracted: list[ExtractedArticle], entities: list[Entity]
) -> list[Event]:
    """No events yet: an empty, well-typed result."""
    return []
