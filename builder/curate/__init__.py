"""Curate: the contributors' files in ``docs/`` in, entities and events corrected by
them out (renames, aliases, kinds, coordinates, merges, hidden pages), with a report of
what each file did. Runs right after resolve and again after events.
"""

from builder.curate.curator import Curation, Curator, load_curation, parse_curation

__all__ = ["Curation", "Curator", "load_curation", "parse_curation"]
