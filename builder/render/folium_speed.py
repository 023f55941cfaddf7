"""Folium without its per-element Jinja compilations: the same bytes, several times faster.

While rendering, branca wraps every element's already-rendered output in a new
``Element(text)``, and ``Element.__init__`` compiles that text as a Jinja template
(``Template(text)``) only to render it back unchanged later. Profiled on 100 generated
articles (378 place maps), those compilations were 70% of the builder's render stage.

Text without Jinja syntax (``{{``, ``{%``, ``{#``; JavaScript braces are text)
renders to itself, minus one trailing newline (Jinja's ``keep_trailing_newline`` is
off); that is what ``LiteralTemplate`` returns (text with ``\\r``, which Jinja would
normalise, goes to Jinja too). Anything with Jinja syntax still goes to Jinja.

Two smaller costs go the same way: branca recomputes an element's JavaScript name from
its class name (``_camelify``) for every reference, and Folium asks xyzservices to match
the tile URL against its 300+ providers (``query_name``, a miss for a URL) for every
map. Both are pure functions of their strings, so they are memoised while rendering.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator

import branca.element
import xyzservices.lib
from jinja2 import Template


class LiteralTemplate:
    """A stand-in for ``jinja2.Template`` of a text without template syntax."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, *args: object, **kwargs: object) -> str:
        return self.text


def template(source: str) -> Template | LiteralTemplate:
    """``Template(source)``, skipping the compiler when ``source`` is plain text."""
    if "{{" in source or "{%" in source or "{#" in source or "\r" in source:
        return Template(source)
    return LiteralTemplate(source)


_camelify = functools.lru_cache(maxsize=1024)(branca.element._camelify)
_query_name = xyzservices.lib.Bunch.query_name


_queried: dict[tuple[int, str], object] = {}


def _cached_query_name(self: xyzservices.lib.Bunch, name: str) -> object:
    key = (id(self), name)  # a Bunch is a dict: unhashable; the providers are a singleton
    if key not in _queried:
        try:
            _queried[key] = _query_name(self, name)
        except ValueError as error:
            _queried[key] = error
    found = _queried[key]
    if isinstance(found, ValueError):
        raise ValueError(*found.args)
    return found


@contextlib.contextmanager
def literal_templates() -> Iterator[None]:
    """Make branca build ``LiteralTemplate``s for plain text; callers hold a lock."""
    patches = [
        (branca.element, "Template", template),
        (branca.element, "_camelify", _camelify),
        (xyzservices.lib.Bunch, "query_name", _cached_query_name),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)
    try:
        yield
    finally:
        for owner, name, value in originals:
            setattr(owner, name, value)
