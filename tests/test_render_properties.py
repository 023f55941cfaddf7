"""Property test: random text full of markup, through ingest and every page renderer.

Invariants: nothing raises; once Python-Markdown has turned a generated page into HTML
(as MkDocs does), no element the input's markup would make is there (no ``<img>``,
``<b>``, ``<svg>``, ``<style>``, no script but our own, no event handler, no link to
``javascript:`` or to the input's ``href=x``); no template syntax reaches MkDocs or the
maps; titles are escaped; and the text of every paragraph is recoverable from its
article page, exactly as ingest produced it.
"""

from __future__ import annotations

import json
import posixpath
import re
from html.parser import HTMLParser

import markdown
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.ingest.reader import parse
from builder.model import Corpus, Entity, Mention, Quote, Sentence
from builder.render import render

#: Snippets of every markup language an article could carry by accident or malice.
MARKUP = (
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</p>", "</div>", "<b>",
    "<!--", "-->", "<![CDATA[", "&amp;", "&lt;", "&#60;", "&", "<", ">", '"', "'", "`", "$",
    "\\", "${x}", "{{ x }}", "{%", "%}", "{#", "[a](javascript:alert(1))", "![i](x)",
    "**", "__", "*", "_", "~~", "==", "^^", "++", "|", "#", "##", "!!!", "???", ":smile:",
    "[^1]", "{ .cls }", "{: #id }", "---", "***", "```", "\\n", "%", "<svg/onload=1>",
    "javascript:", "<a href=x>", "</a>", "<style>", "<iframe>", "<textarea>", "&#x3C;",
)  # fmt: skip
WORDS = (
    "the", "council", "said", "on", "monday", "that", "it", "would", "meet", "again", "and",
    "a", "spokesman", "added", "in", "of", "to", "Geneva", "Karl", "Maria", "Smith", "café",
    "Türkiye", "東京", "القاهرة", "🔥",
)  # fmt: skip
OPENERS = ("The", "Officials", "Leaders", "Maria", "Its", "Some")

_token = st.one_of(st.sampled_from(WORDS), st.sampled_from(MARKUP))
_sentence = st.tuples(st.sampled_from(OPENERS), st.lists(_token, min_size=6, max_size=30)).map(
    lambda t: " ".join((t[0], *t[1])).replace("  ", " ").strip() + "."
)
_title = st.tuples(st.sampled_from(OPENERS), st.lists(_token, min_size=2, max_size=10)).map(
    lambda t: " ".join((t[0], *t[1])).replace("  ", " ").strip().rstrip(".,;:") + " now"
)

#: Elements the input's markup would make; no renderer writes them.
FOREIGN_TAGS = {"img", "b", "svg", "style", "textarea", "object", "embed"}


def _foreign(tag: str, values: dict[str, str | None]) -> str | None:
    """Why an element cannot be the renderers' own, or None."""
    if tag in FOREIGN_TAGS:
        return tag
    # The network page's own form carries onsubmit="return false"; nothing else may.
    if [k for k, v in values.items() if k.startswith("on") and v != "return false"]:
        return f"{tag} with an event handler"
    url = values.get("href") or values.get("src") or ""
    if url.strip().lower().startswith(("javascript:", "data:", "vbscript:")) or url == "x":
        return f"{tag} to {url}"
    if tag == "script" and not values.get("src") and values.get("type") != "application/json":
        return "inline script"
    if tag == "iframe" and "nx-map" not in (values.get("class") or ""):
        return "iframe"
    return None


class _Page(HTMLParser):
    """Tags and attributes used, and the text of each numbered paragraph."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.foreign: list[str] = []
        self.json_scripts: list[str] = []
        self._in_json = False
        self.paragraphs: dict[str, list[str]] = {}
        self._current: list[str] | None = None
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        reason = _foreign(tag, values)
        if reason:
            self.foreign.append(reason)
        self._in_json = tag == "script" and values.get("type") == "application/json"
        if self._current is not None:
            self._depth += 1
        elif tag in ("p", "h3") and re.fullmatch(r"p\d+", values.get("id") or ""):
            self._current = self.paragraphs.setdefault(values["id"] or "", [])
            self._depth = 0

    def handle_endtag(self, tag: str) -> None:
        self._in_json = False
        if self._current is not None:
            if self._depth == 0:
                self._current = None
            else:
                self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_json:
            self.json_scripts.append(data)
        if self._current is not None:
            self._current.append(data)


def _markdown_to_html(page: str) -> tuple[dict, str]:
    """What MkDocs does with a page: front matter off, Markdown with our extensions."""
    assert page.startswith("---\n")
    _, meta, body = page.split("---\n", 2)
    converter = markdown.Markdown(
        extensions=["admonition", "attr_list", "md_in_html", "tables", "toc"]
    )
    return yaml.safe_load(meta) or {}, converter.convert(body)


def _corpus(text: str, picks: list[tuple[int, int, int]]) -> Corpus:
    """Parse the text; make entities of random spans of its paragraphs, with quotes."""
    articles, _ = parse(text, "fuzz.txt")
    entities: list[Entity] = []
    sentences: list[Sentence] = []
    quotes: list[Quote] = []
    kinds = ("person", "organization", "country", "group", "place")
    for n, (which, start, length) in enumerate(picks):
        if not articles:
            break
        article = articles[which % len(articles)]
        paragraph = article.paragraphs[which % len(article.paragraphs)]
        a = start % len(paragraph.text)
        b = min(len(paragraph.text), a + 1 + length)
        name = paragraph.text[a:b]
        if not name.strip():
            continue
        kind = kinds[n % len(kinds)]
        mention = Mention(article.id, paragraph.id, 0, a, b, name, kind.upper())
        entity = Entity(id=f"e{n}", name=name, kind=kind, aliases=[name[::-1]], roles=[name])
        entity.mentions.append(mention)
        if kind in ("place", "country") and n < 4:
            entity.lat, entity.lon = 10.0 + n, 20.0 + n
        entities.append(entity)
        quotes.append(Quote(paragraph.text, article.id, paragraph.id, name, entity.id))
    for article in articles:
        for p in article.paragraphs:
            sentences.append(Sentence(article.id, p.id, 0, 0, len(p.text)))
    return Corpus(articles, entities, quotes=quotes, sentences=sentences)


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    title=_title,
    paragraphs=st.lists(st.lists(_sentence, min_size=1, max_size=3).map(" ".join), max_size=5),
    picks=st.lists(
        st.tuples(st.integers(0, 50), st.integers(0, 400), st.integers(0, 40)), max_size=6
    ),
)
def test_markup_in_text_stays_text_on_every_page(
    title: str, paragraphs: list[str], picks: list[tuple[int, int, int]]
) -> None:
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    corpus = _corpus(text, picks)
    if paragraphs:
        (article,) = corpus.articles
        assert article.title == title
        assert [p.text for p in article.paragraphs] == paragraphs

    files = render(corpus)
    data = json.loads(files["data/corpus.json"])
    assert [[p["text"] for p in a["paragraphs"]] for a in data["articles"]] == [
        [p.text for p in a.paragraphs] for a in corpus.articles
    ]
    for path, page in files.items():
        if path.endswith(".html"):  # maps: Folium documents with our escaped strings
            for token in ("{{", "{%", "<script>alert", "<img src=x", "<svg/", "<b>"):
                assert token not in page, (path, token)
            continue
        if not path.endswith(".md"):
            continue
        for token in ("{{", "{%", "{#"):
            assert token not in page, (path, token)
        meta, html = _markdown_to_html(page)
        for key in ("title", "description"):
            value = str(meta.get(key, ""))
            assert "<" not in value and ">" not in value and "{" not in value, value
        parsed = _Page()
        parsed.feed(html)
        assert not parsed.foreign, (path, parsed.foreign)
        for data in parsed.json_scripts:  # inline data: "<" would end the script element
            assert "<" not in data and json.loads(data) is not None
        if path.startswith("articles/") and path != "articles/index.md":
            article = next(a for a in corpus.articles if path == f"articles/{a.id}.md")
            for p in article.paragraphs:
                shown = "".join(parsed.paragraphs[f"p{p.id}"]).removesuffix(" ¶")
                assert shown == p.text, (shown, p.text)


_SEGMENT = st.sampled_from(["", ".", "a", "b", "actors", "index.md", "x-1", "é"])
_PATH = st.lists(_SEGMENT, max_size=4).map("/".join)


@given(path=_PATH, start=_PATH)
def test_relative_paths_agree_with_posixpath(path: str, start: str) -> None:
    from builder.render.markup import _relpath

    path, start = path or ".", start or "."
    assert _relpath(path, start) == posixpath.relpath(path, start)
