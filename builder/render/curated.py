"""Curated content on generated pages: notes, the "edit" hint and the curation report.

Curated bodies are contributors' Markdown, kept as written (admonitions, images,
links); ``[[...]]`` links are replaced, by links relative to the page that shows them,
and the HTML the Markdown makes is sanitized: notes can format, never run script.
Every file the build read is accounted for on the report page, so a file whose entity
disappeared still shows its words somewhere.
"""

from __future__ import annotations

import re

import markdown
import nh3

from builder.curate.curator import link_table, resolve_links
from builder.model import Corpus, CuratedFile
from builder.render.markup import esc, front_matter, link, plural, rel
from builder.urls import url_of

REPORT_PAGE = "curation/index.md"
HOW_TO_PAGE = "how-to-curate/"
STATUS_LABELS = {
    "applied": "applied",
    "merged": "merged into another entity",
    "hidden": "hidden",
    "orphan": "no such entity in this build",
    "malformed": "not applied: see the problem",
    "rules": "site-wide rules file",
}


class CuratedPages:
    """Curated content of generated pages, indexed once per render (thousands of pages)."""

    def __init__(self, corpus: Corpus) -> None:
        self.folder = corpus.curation.folder
        self.table = link_table(corpus.entities, corpus.events, corpus.curation.redirects)
        self.files = applied_files(corpus)
        self.shown: dict[str, list[CuratedFile]] = {}
        for f in corpus.curation.files:
            if f.page and f.body.strip():
                self.shown.setdefault(f.page, []).append(f)
        for files in self.shown.values():  # the page's own file first, then merged ones
            files.sort(key=lambda f: (f.status != "applied", f.path))

    def body_html(self, here: str, body: str) -> str:
        """A curated body for the page at URL ``here``, with ``[[...]]`` links resolved."""

        def one(page: str | None, label: str) -> str:
            if page is None:
                return f'<span class="nx-unlinked">{esc(label)}</span>'
            return link(here, url_of(page), label)

        notes = notes_html(resolve_links(body, self.table, one))
        return f'<div class="nx-notes">\n{notes}\n</div>\n'

    def notes(self, page: str) -> str:
        """The "Notes" section of a generated page (``actors/x.md``), or nothing."""
        shown = self.shown.get(page)
        if not shown:
            return ""
        parts = ["\n## Notes { #notes }\n"]
        for f in shown:
            if f.status != "applied":
                parts.append(
                    f'<p class="nx-evidence">From <code>{esc(self.folder)}/{esc(f.path)}</code>, '
                    "merged into this page:</p>\n"
                )
            parts.append(self.body_html(url_of(page), f.body))
        return "\n".join(parts) + "\n"

    def hint_inputs(self, page: str) -> tuple[str, str, str | None]:
        """What ``hint`` reads, for a page's cache key: drawing the hint of every page to
        key it cost more than the few pages a one-seed rebuild draws."""
        return (self.folder, page, self.files.get(page))

    def hint(self, page: str) -> str:
        """Where a contributor corrects this page; works without a repository URL."""
        path = self.files.get(page)
        shown = f"<code>{esc(self.folder)}/{esc(path or page)}</code>"
        how = link(url_of(page), HOW_TO_PAGE, "How to curate")
        if path:
            text = f"Notes and corrections for this page come from {shown}; edit that file."
        else:
            text = f"To add notes or correct this page, create {shown}."
        return f'\n<p class="nx-curate" data-search-exclude>{text} {how}</p>\n'


#: What notes keep of HTML: Ammonia's safe tags and attributes (nh3; bleach, the other
#: choice, is deprecated), classes and titles (admonitions), and links to pages of the
#: site or the web, never ``javascript:``.
_NOTE_ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES, "*": {"class", "title"}}
_NOTE_SCHEMES = {"http", "https", "mailto"}
#: The Markdown extensions ``mkdocs.yml`` gives pages, bar the table of contents.
_NOTE_EXTENSIONS = ["admonition", "attr_list", "md_in_html", "tables"]


def notes_html(text: str) -> str:
    """A contributor's Markdown as HTML that can format but never run: no script, no
    event handler, no ``javascript:`` link, whatever the Markdown or its raw HTML says."""
    html = markdown.markdown(text, extensions=_NOTE_EXTENSIONS)
    return nh3.clean(html, attributes=_NOTE_ATTRIBUTES, url_schemes=_NOTE_SCHEMES, link_rel=None)


_REDIRECT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="{href}">
<meta http-equiv="refresh" content="0; url={href}">
<script>location.replace("{href}" + location.hash)</script>
</head>
<body><p>This page moved to <a href="{href}">{href}</a>.</p></body>
</html>
"""


def redirect_pages(corpus: Corpus) -> dict[str, str]:
    """An HTML page at each merged or moved entity's old URL that sends to the new one.

    Written here rather than by mkdocs-redirects: the same few lines of HTML, without a
    dependency that prints a banner on every run and knows nothing of our pages.
    """
    pages = {}
    for old, new in sorted(corpus.curation.redirects.items()):
        old_url = url_of(old)
        href = esc(rel(old_url, url_of(new)))
        pages[f"{old_url}index.html"] = _REDIRECT.format(href=href)
    return pages


def applied_files(corpus: Corpus) -> dict[str, str]:
    """Generated page -> the curated file that curates it (relative to the curated
    folder); a page without one is curated by a file at its own path, once created."""
    return {f.page: f.path for f in corpus.curation.files if f.page and f.status == "applied"}


def _fenced(text: str) -> str:
    """Text shown verbatim as a code block, whatever fences it contains itself."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text.rstrip()}\n{fence}\n"


def report_page(corpus: Corpus) -> str:
    """``curation/``: what every curated file did, and the words no page shows."""
    folder = corpus.curation.folder
    files = corpus.curation.files
    counts = {s: sum(1 for f in files if f.status == s) for s in STATUS_LABELS}
    parts = [
        front_matter(
            {
                "title": "Curation report",
                "description": "What each curated file did to the site, and the text of "
                "those no page shows.",
                "search": {"exclude": True},
            }
        ),
        "# Curation report\n",
        f"The build read {plural(len(files), 'curated file')} in `{folder}/`: "
        + ", ".join(f"{n} {STATUS_LABELS[s]}" for s, n in counts.items() if n)
        + (". " if files else "")
        + f"See {link('curation/', HOW_TO_PAGE, 'How to curate')}.\n",
    ]
    problems = [p for p in corpus.problems if p.source.startswith(f"{folder}/")]
    if problems:
        parts.append("\n## Problems\n")
        parts.append(
            "<ul>"
            + "".join(
                f"<li><strong>{esc(p.severity)}</strong> <code>{esc(p.source)}</code>: "
                f"{esc(p.message)}</li>"
                for p in problems
            )
            + "</ul>\n"
        )
    if files:
        parts.append("\n## Files\n")
        parts.append(_files_table(folder, files))
    # A rules file applies everywhere and shows nowhere by design: it is not lost.
    unshown = [f for f in files if f.page is None and f.status != "rules"]
    if unshown:
        parts.append("\n## Not shown on any page\n")
        parts.append(
            "Files no generated page shows, kept word for word here until someone moves "
            "or fixes them.\n"
        )
        for f in unshown:
            parts.append(f"\n### {folder}/{f.path}\n")
            parts.append(f"{esc(STATUS_LABELS[f.status])}. {esc(f.message)}\n")
            parts.append(_fenced(f.text))
    return "\n".join(parts)


def _files_table(folder: str, files: list[CuratedFile]) -> str:
    rows = []
    for f in files:
        page = link("curation/", url_of(f.page), url_of(f.page)) if f.page else "—"
        rows.append(
            f"<tr><td><code>{esc(folder)}/{esc(f.path)}</code></td>"
            f"<td>{esc(STATUS_LABELS[f.status])}</td><td>{page}</td>"
            f"<td>{esc(f.message)}</td></tr>"
        )
    return (
        '<table class="nx-table"><thead><tr><th>File</th><th>Outcome</th><th>Shown on</th>'
        "<th>Note</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>\n"
    )


def new_file_template(name: str) -> str:
    """What a new curated file starts with: every field commented out."""
    return (
        "---\n"
        f"# Corrections for {name}; every field is optional (see How to curate).\n"
        "# name: \n# aliases: []\n# description: \n# merge_into: \n# hide: true\n"
        "---\n\n"
        f"Notes about {name}.\n"
    )


def edit_link(
    repo_url: str | None, edit_uri: str | None, path: str, exists: bool, template: str
) -> str | None:
    """The repository URL that edits ``path`` (relative to the curated folder), or that
    creates it prefilled with ``template`` (GitHub's new-file form); None without one."""
    from urllib.parse import quote, urlencode

    if not repo_url or not edit_uri:
        return None
    base = edit_uri if "://" in edit_uri else repo_url.rstrip("/") + "/" + edit_uri.lstrip("/")
    base = base.rstrip("/") + "/"
    if exists:
        return base + quote(path)
    if "github.com" not in base or "/edit/" not in base:
        return None
    folder, _, name = path.rpartition("/")
    new = base.replace("/edit/", "/new/", 1) + quote(folder)
    return f"{new}?{urlencode({'filename': name, 'value': template})}"
