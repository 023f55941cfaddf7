"""Resolve: every article's mentions in, one ``Entity`` per real-world thing out, with
places given coordinates by the gazetteer, and quotes given their speaker's entity.

``resolver`` decides which names are the same thing; ``index`` keeps the person and
organisation name indexes that keep that near-linear.
"""

from builder.resolve.resolver import resolve

__all__ = ["resolve"]
