"""Every internal link and anchor of a built site, checked the way a browser follows them."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag in ("a", "link", "iframe", "script", "img"):
            target = values.get("href") or values.get("src")
            if target:
                self.hrefs.append(target)


def _links(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def broken_links(site: Path) -> tuple[list[str], int]:
    """Links (and #anchors) that lead nowhere, and how many pages were read.

    404.html is served for any missing path, so its links are root-absolute by design
    and it is left out.
    """
    pages = {p: _links(p) for p in site.rglob("*.html") if p.name != "404.html"}
    broken = []
    for page, parsed in pages.items():
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {href}")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else _links(target).ids
                if parts.fragment not in ids:
                    broken.append(f"{page.relative_to(site)} -> {href} (no anchor)")
    return broken, len(pages)
