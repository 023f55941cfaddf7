"""Raw HTML blocks stashed whole give exactly the HTML Python-Markdown's parser gives."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
import yaml

from builder.mkdocs_plugin.raw_blocks import RAW_BLOCKS, RawBlocks

ROOT = Path(__file__).resolve().parent.parent


def _converters() -> tuple[markdown.Markdown, markdown.Markdown]:
    """The project's Markdown settings, without and with the extension."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    names, settings = [], {}
    for entry in config["markdown_extensions"]:
        name = next(iter(entry)) if isinstance(entry, dict) else entry
        names.append(name)
        if isinstance(entry, dict) and isinstance(entry[name], dict):
            settings[name] = entry[name]
    settings.get("toc", {}).update(permalink=True)
    plain = markdown.Markdown(extensions=names, extension_configs=settings)
    fast = markdown.Markdown(extensions=[*names, RAW_BLOCKS], extension_configs=settings)
    return plain, fast


def _body(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text.split("---\n", 2)[2] if text.startswith("---\n") else text


def test_every_generated_page_converts_to_the_same_html(seeds_project: Path) -> None:
    plain, fast = _converters()
    staging = seeds_project / ".cache/plugin/news-explorer/docs"
    pages = sorted(staging.rglob("*.md"))
    assert len(pages) > 150
    stashed = 0
    for page in pages:
        body = _body(page)
        expected = plain.reset().convert(body)
        got = fast.reset().convert(body)
        assert got == expected, page.relative_to(staging)
        stashed += len(fast.htmlStash.rawHtmlBlocks)
    assert stashed > 5 * len(pages)  # the pages' tables and lists did go the fast way


TRICKY = [
    "<div>x</div>\n*md*\n<div>y</div>",  # Markdown between two elements
    "<div>x</div>\n# Heading\n<div>y</div>",
    "<div>x</div> *tail*\n<div>y</div>",
    "<div>\n\n<p>x</p>\n\n</div>",  # an element across blank lines
    "text\n<div>\n\n<p>x</p>\n\n</div>",
    "<div><div>x</div>\n\n</div>",
    "<div title='</div>'>x</div>",
    "<div><!-- <div> -->x</div>",
    '<div markdown="1">\n*converted*\n</div>',
    "```\n<div>x</div>\n\n<div>y</div>\n```\n",  # code to show
    "~~~\n<div>x</div>\n~~~\n\n<div>y</div>",
    "    <div>indented code</div>\n",
    "!!! note\n\n    <div>x</div>\n",
    "- item\n\n<div>z</div>\n\n- item2",
    "<a href='x'>inline, not a block</a>\n",
    "<DIV>x</DIV>",
    "<div>a</div><div>b</div>\n",
    "<div>a</div>\n<span>b</span>\n",
    "<div>a</div>\n<p>b</p>\n<table><tr><td>c</td></tr></table>\n\n## H\n",
    "<div>a</div>\n\n<div>b",
    "<p>a</p>\r\n\r\n<p>b</p>",
    "<script>if (a<b) {}</script>\n",
    "<div>[ref]</div>\n\n[ref]: https://example.org\n",
]


@pytest.mark.parametrize("text", TRICKY)
def test_contributor_markdown_converts_to_the_same_html(text: str) -> None:
    plain, fast = _converters()
    assert fast.convert(text) == plain.convert(text)


def test_a_whole_element_is_stashed_and_markdown_beside_it_is_not() -> None:
    _, fast = _converters()
    fast.convert("<div>*kept as is*</div>\n\n*converted*\n")
    assert fast.htmlStash.rawHtmlBlocks == ["<div>*kept as is*</div>\n"]
    assert isinstance(fast.preprocessors["nx_raw_blocks"], RawBlocks)
