"""Ingest: a folder of text files in, numbered and cleaned ``Article`` records out.

``reader`` walks the folder and reports bad files; ``decode`` turns bytes of any encoding
(or a saved HTML page) into text; ``lines`` classifies lines (bylines, dates, furniture);
``parse`` splits a file into articles and finds their title, outlet, authors and date.
"""

from builder.ingest.reader import IngestResult, ingest

__all__ = ["IngestResult", "ingest"]
