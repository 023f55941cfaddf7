"""Small helpers that turn data into safe page text.

Article text is data, never markup: everything taken from an article goes through
``esc`` and into raw HTML blocks, which Python-Markdown passes through untouched, so
neither HTML nor Markdown nor template syntax in an article can take effect. Braces
become character references too, so no template engine (a macros plugin, Jinja over
page text) ever sees ``{{`` or ``{%`` from an article; browsers show them as braces.

Titles are the one place where text leaves our raw HTML: MkDocs and Material print a
page's front-matter ``title`` unescaped in ``<title>``, the header and the search
index (whose titles the search box renders as HTML), so ``safe_title`` escapes it the
same way. Material's templates never unescape ``page.meta.title`` (only ``striptags``
on ``page.title`` would, and that branch is not taken when the front matter has one).
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from builder.model import Article

#: libyaml's emitter when PyYAML was built with it: the same YAML, five times faster.
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


#: What ``esc`` changes; most names and URLs have none of it.
_SPECIAL = re.compile(r"[&<>\"'{}]")


def esc(text: str) -> str:
    """Escape text for HTML element content or a quoted attribute."""
    if _SPECIAL.search(text) is None:  # half the time of escaping a name that needs none
        return text
    # Braces become character references: shown as braces, never read as template
    # syntax. ``replace`` rather than ``translate``: ten times faster on long text.
    return html.escape(text, quote=True).replace("{", "&#123;").replace("}", "&#125;")


def safe_title(text: str) -> str:
    """A page title that templates may print without escaping: one line, escaped."""
    return esc(" ".join(text.split()))


def rel(src: str, dst: str) -> str:
    """Relative URL from one directory URL ("articles/x/") to another ("actors/y/#p3")."""
    target, _, anchor = dst.partition("#")
    if anchor and target == src:
        return f"#{anchor}"
    path = _relpath(target or ".", _base(src))
    if target.endswith("/") and not path.endswith("/"):
        path += "/"
    if path == "./":
        path = "./"
    return f"{path}#{anchor}" if anchor else path


@functools.lru_cache(maxsize=1 << 14)
def _base(src: str) -> str:
    """The directory a page's relative links start from."""
    return (posixpath.dirname(src.rstrip("/") + "/x") if src else ".") or "."


@functools.lru_cache(maxsize=1 << 16)
def _parts(path: str) -> tuple[str, ...]:
    return tuple(part for part in path.split("/") if part and part != ".")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for the site's relative paths, without its ``abspath`` calls.

    Pages link 100,000s of times on a large corpus, and ``relpath`` resolves both
    arguments against the working directory each time.
    """
    if ".." in path or ".." in start or path[:1] == "/" or start[:1] == "/":
        return posixpath.relpath(path, start)  # never in the site's own links
    to, here = _parts(path), _parts(start)
    common = 0
    for a, b in zip(to, here, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(here) - common) + list(to[common:])) or "."


def link(src: str, dst: str, text: str, cls: str = "") -> str:
    """An escaped link from page ``src`` to page ``dst``."""
    attr = f' class="{cls}"' if cls else ""
    return f'<a href="{esc(rel(src, dst))}"{attr}>{esc(text)}</a>'


def facts_list(rows: list[tuple[str, str]], *, searchable: bool = True) -> str:
    """A ``<dl>`` of label/value pairs (values already HTML).

    Newlines between the items keep words apart in the search index, which reads the
    text nodes one after another ("Outlet Reuters", not "OutletReuters").
    ``searchable=False`` keeps the list out of the index: on entity and event pages it
    repeats the summary line above it ("Kind Person", "Type Meeting", "Status
    reported"), and a country named there would make every city of it a hit.
    """
    items = "\n".join(f"<dt>{k}</dt>\n<dd>{v}</dd>" for k, v in rows)
    exclude = "" if searchable else " data-search-exclude"
    return f'<dl class="nx-facts"{exclude}>\n{items}\n</dl>\n'


def front_matter(meta: dict[str, Any]) -> str:
    """YAML front matter block; values are data, dumped safely."""
    body = yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return f"---\n{body}---\n\n"


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else (words or word + 's')}"


#: Between the names of the ``names`` facet (a name with it only loses the boost).
NAME_SEPARATOR = "|"


def years_of(articles: Iterable[Article]) -> list[int]:
    """The years the articles were published in, where they say."""
    return sorted({int(a.date.value[:4]) for a in articles if a.date is not None})


def search_facets(
    kind: str,
    *,
    names: Sequence[str] = (),
    countries: Iterable[str] = (),
    years: Iterable[int] = (),
    outlets: Iterable[str] = (),
) -> str:
    """The page's kind and facets for search, hidden and not indexed as text.

    Written as Pagefind reads them (``data-pagefind-filter``, ``data-pagefind-meta``)
    inside an element it does not index; any other renderer shows nothing. ``names``
    (an entity's name and aliases) let the search box put the page first when the query
    is one of them.
    """
    spans = [
        f'<span data-pagefind-meta="kind">{esc(kind)}</span>',
        f'<span data-pagefind-filter="kind">{esc(kind)}</span>',
    ]
    if names:
        spans.append(f'<span data-pagefind-meta="names">{esc(NAME_SEPARATOR.join(names))}</span>')
    for name, values in (("country", countries), ("year", years), ("outlet", outlets)):
        for value in sorted({str(v) for v in values if v}):
            spans.append(f'<span data-pagefind-filter="{name}">{esc(value)}</span>')
    return f'<div class="nx-facets" hidden data-pagefind-ignore>{"".join(spans)}</div>\n'


def inline_json(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script type="application/json">`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    # "{{", "{%", "{#" can only be inside strings (a JSON "{" is followed by '"' or "}"):
    # escaped there, no template engine over the page ever sees names as template syntax.
    text = re.sub(r"\{(?=[{%#])", r"\\u007b", text)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
