"""Raw HTML blocks handed to Python-Markdown's stash whole, without parsing them.

Generated pages are nearly all raw HTML (tables, lists, timelines: 99% of their bytes),
and Python-Markdown finds where a raw block ends by feeding it, character by character,
to ``html.parser``: most of the cost of converting a page (a 1.6 MB timeline takes a
second). A block that plainly ends where it starts, one paragraph that opens and closes
the same block-level element, is stashed as it is, which is all Python-Markdown would
have done with it after parsing: the page's HTML comes out byte for byte the same
(``tests/test_raw_blocks.py`` converts every page of a built site both ways).

Checked first: Python-Markdown has no switch to trust raw HTML (its ``html_block``
preprocessor always parses), and ``pymdownx`` and ``md_in_html`` parse the same way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from markdown import Extension
from markdown.preprocessors import Preprocessor

#: The extension's name, as ``markdown_extensions`` lists it.
RAW_BLOCKS = __name__
#: A paragraph's first tag, and its closing tag at the paragraph's very end.
_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)[\s>]")
#: Fenced code: raw HTML inside it is text to show.
_FENCE = re.compile(r"^\s*(```|~~~)")


class RawBlocks(Preprocessor):
    """Stash each paragraph of whole block-level elements, before parsing."""

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        paragraph: list[str] = []
        fenced = False
        trusted = True  # no paragraph before may have left an element open
        for line in [*lines, ""]:
            if _FENCE.match(line):
                fenced = not fenced
            if line.strip() or fenced:
                paragraph.append(line)
                continue
            if trusted and paragraph and _whole_elements(paragraph, self.md.is_block_level):
                # With the newline Python-Markdown keeps when a blank line follows a block.
                out.append(self.md.htmlStash.store("\n".join(paragraph) + "\n"))
            else:
                # Anything else with a tag may open an element that spans blank lines,
                # which only Python-Markdown's parser follows: it reads the rest.
                trusted = trusted and not any("<" in part for part in paragraph)
                out.extend(paragraph)
            out.append(line)
            paragraph = []
        return out[:-1]


def _whole_elements(paragraph: list[str], block_level: Callable[[str], bool]) -> bool:
    """Whether the paragraph is block-level elements one after another, each whole.

    Each opens at the start of a line and is closed at the end of a line, by the first
    closing tag of its name that brings its depth back to nothing; no text between them,
    nothing inside for ``md_in_html`` to convert (``markdown=``).
    """
    text = "\n".join(paragraph).rstrip()
    if "markdown=" in text:
        return False
    start = 0
    while start < len(text):
        match = _OPENING.match(text, start)
        if match is None or not block_level(match.group(1).lower()):
            return False
        end = _closing(text, match.group(1), start)
        if end is None or (end < len(text) and text[end] != "\n"):
            return False
        start = end + 1
    return True


def _closing(text: str, tag: str, start: int) -> int | None:
    """Where the element that opens at ``start`` ends (after its closing tag)."""
    depth = 0
    for tags in re.compile(rf"<(/?){tag}[\s>]").finditer(text, start):
        depth += -1 if tags.group(1) else 1
        if depth == 0:
            return tags.end()
    return None


class RawBlocksExtension(Extension):
    """Register ``RawBlocks`` ahead of the ``html_block`` preprocessor (priority 20)."""

    def extendMarkdown(self, md) -> None:
        md.preprocessors.register(RawBlocks(md), "nx_raw_blocks", 25)


def makeExtension(**kwargs) -> RawBlocksExtension:
    return RawBlocksExtension(**kwargs)
