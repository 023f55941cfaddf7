"""Change report: what one build's corpus holds that the previous build's did not.

Both sides are ``data/corpus.json`` documents (plain dicts), so a build can compare
itself with a local site, a file, or the published site's copy fetched over HTTP.
``compare`` is pure; ``load_previous`` does the reading and never raises: a missing or
broken previous corpus gives a one-line note and a report with no baseline.
"""

from __future__ import annotations

import hashlib
import json
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.render.markup import esc, front_matter, plural, rel
from builder.text.fold import fold

#: Where the What's new page lives in the site.
WHATS_NEW_PAGE = "whats-new/index.md"
WHATS_NEW_URL = "whats-new/"
#: Longest list a section of the page or the printed report shows before "and N more".
MAX_LISTED = 100
FETCH_TIMEOUT = 30


@dataclass(frozen=True)
class Item:
    """An article, entity or event as the report names it."""

    id: str
    label: str  # title or name
    url: str  # site-relative page URL ("articles/x/")
    detail: str = ""  # kind of an entity, date of an article or event


@dataclass(frozen=True)
class Merge:
    """An entity that disappeared because its names now belong to another one.

    ``renamed``: the other one is new too, so the same thing got another name and id
    (its preferred name changed), rather than joining an entity that was there before.
    """

    old: Item
    into: Item
    renamed: bool = False

    @property
    def verb(self) -> str:
        return "is now" if self.renamed else "is now part of"


@dataclass
class ChangeReport:
    """Differences between two corpora; ``baseline`` is False when there was none."""

    baseline: bool
    note: str = ""
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)  # kind -> (before, after)
    articles_added: list[Item] = field(default_factory=list)
    articles_changed: list[Item] = field(default_factory=list)
    articles_removed: list[Item] = field(default_factory=list)
    entities_appeared: list[Item] = field(default_factory=list)
    entities_disappeared: list[Item] = field(default_factory=list)
    events_appeared: list[Item] = field(default_factory=list)
    events_disappeared: list[Item] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.merges and not any(items for _, items in self.sections())

    def sections(self) -> list[tuple[str, list[Item]]]:
        """Titled lists in the order every rendering shows them."""
        return [
            ("Articles added", self.articles_added),
            ("Articles changed", self.articles_changed),
            ("Articles removed", self.articles_removed),
            ("Entities that appeared", self.entities_appeared),
            ("Entities that disappeared", self.entities_disappeared),
            ("Events that appeared", self.events_appeared),
            ("Events that disappeared", self.events_disappeared),
        ]


def _gone(title: str) -> bool:
    """Sections of things no longer in the site: listed without links."""
    return title.endswith(("removed", "disappeared"))


def _marker(title: str) -> str:
    return "-" if _gone(title) else "~" if title.endswith("changed") else "+"


# loading ----------------------------------------------------------------------------


def load_previous(source: str | Path | None) -> tuple[dict[str, Any] | None, str]:
    """The previous corpus and a note saying where it came from or why there is none."""
    if source is None or str(source) == "":
        return None, "no previous build given"
    text = str(source)
    try:
        if text.startswith(("http://", "https://")):
            with urllib.request.urlopen(text, timeout=FETCH_TIMEOUT) as response:
                raw = response.read()
        else:
            path = Path(text)
            if not path.is_file():
                return None, f"no previous build: {text} does not exist"
            raw = path.read_bytes()
        data = json.loads(raw.decode("utf-8"))
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        return None, f"no previous build: could not read {text}: {reason}"
    if not isinstance(data, dict) or not isinstance(data.get("articles"), list):
        return None, f"no previous build: {text} is not a corpus.json"
    return data, compared_with(text)


def compared_with(source: str) -> str:
    """The note of a comparison with the corpus at ``source``."""
    return f"compared with {source}"


# comparing --------------------------------------------------------------------------


def compare(
    previous: dict[str, Any] | None, current: dict[str, Any], note: str = ""
) -> ChangeReport:
    """What changed from ``previous`` to ``current`` (both corpus.json documents)."""
    counts = {
        kind: (len(previous.get(kind) or []) if previous else 0, len(current.get(kind) or []))
        for kind in ("articles", "entities", "events")
    }
    report = ChangeReport(baseline=previous is not None, note=note, counts=counts)
    if previous is None:
        return report
    old_articles, new_articles = _by_id(previous, "articles"), _by_id(current, "articles")
    report.articles_added = [_article(new_articles[i]) for i in _sorted(new_articles, old_articles)]
    report.articles_removed = [
        _article(old_articles[i]) for i in _sorted(old_articles, new_articles)
    ]
    report.articles_changed = [
        _article(new_articles[i])
        for i in sorted(old_articles.keys() & new_articles.keys())
        if _content_hash(old_articles[i]) != _content_hash(new_articles[i])
    ]

    old_entities, new_entities = _by_id(previous, "entities"), _by_id(current, "entities")
    report.entities_appeared = [
        _entity(new_entities[i]) for i in _sorted(new_entities, old_entities)
    ]
    owner = _name_owners(new_entities.values())
    appeared = {item.id for item in report.entities_appeared}
    for old_id in _sorted(old_entities, new_entities):
        gone = old_entities[old_id]
        survivor = _survivor(gone, owner)
        if survivor is None:
            report.entities_disappeared.append(_entity(gone))
        else:
            merge = Merge(_entity(gone), _entity(new_entities[survivor]), survivor in appeared)
            report.merges.append(merge)
    renamed_to = {m.into.id for m in report.merges if m.renamed}
    report.entities_appeared = [i for i in report.entities_appeared if i.id not in renamed_to]

    old_events, new_events = _by_id(previous, "events"), _by_id(current, "events")
    report.events_appeared = [_event(new_events[i]) for i in _sorted(new_events, old_events)]
    report.events_disappeared = [_event(old_events[i]) for i in _sorted(old_events, new_events)]
    return report


def _by_id(corpus: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {
        str(item["id"]): item
        for item in corpus.get(key) or []
        if isinstance(item, dict) and "id" in item
    }


def _sorted(ours: dict[str, Any], theirs: dict[str, Any]) -> list[str]:
    """Ids in ``ours`` and not in ``theirs``, in a stable order."""
    return sorted(ours.keys() - theirs.keys())


def _content_hash(article: dict[str, Any]) -> str:
    """What a reader sees of an article: title and paragraph texts."""
    paragraphs = [p.get("text", "") for p in article.get("paragraphs") or []]
    payload = json.dumps([article.get("title"), paragraphs], ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def _names(entity: dict[str, Any]) -> set[str]:
    return {fold(n) for n in [entity.get("name") or "", *(entity.get("aliases") or [])] if n}


def _name_owners(entities: Any) -> dict[str, str]:
    """Folded name or alias -> id of the current entity that carries it (first by id)."""
    owner: dict[str, str] = {}
    for entity in sorted(entities, key=lambda e: str(e["id"])):
        for name in sorted(_names(entity)):
            owner.setdefault(name, str(entity["id"]))
    return owner


def _survivor(gone: dict[str, Any], owner: dict[str, str]) -> str | None:
    """The current entity that now carries one of a vanished entity's names, if any."""
    found = sorted({owner[n] for n in _names(gone) if n in owner})
    return found[0] if found else None


def _article(a: dict[str, Any]) -> Item:
    return Item(
        str(a["id"]), a.get("title") or str(a["id"]), _page(a, "articles"), a.get("date") or ""
    )


def _entity(e: dict[str, Any]) -> Item:
    section = "places" if e.get("kind") == "place" else "actors"
    return Item(str(e["id"]), e.get("name") or str(e["id"]), _page(e, section), e.get("kind") or "")


def _event(e: dict[str, Any]) -> Item:
    return Item(
        str(e["id"]), e.get("title") or str(e["id"]), _page(e, "events"), e.get("date") or ""
    )


def _page(item: dict[str, Any], section: str) -> str:
    url = item.get("url") if section != "articles" else item.get("page")
    return url if isinstance(url, str) and url else f"{section}/{item['id']}/"


# rendering --------------------------------------------------------------------------


def summary_line(report: ChangeReport) -> str:
    """One line for a build log."""
    if not report.baseline:
        return f"changes: {report.note or 'no previous build'}"
    return f"changes: {_what_changed(report)}"


def _what_changed(report: ChangeReport) -> str:
    """The counts of each kind of change, without saying where the baseline came from."""
    if not report.baseline:
        return "first build, nothing to compare with"
    if report.empty:
        return "nothing changed since the previous build"
    parts = [_counted(len(items), title) for title, items in report.sections() if items]
    if report.merges:
        parts.append(plural(len(report.merges), "merge or rename", "merges or renames"))
    return ", ".join(parts)


#: The nouns of the sections' titles, one and many.
_ONE = {"articles": "article", "entities": "entity", "events": "event"}


def _counted(n: int, title: str) -> str:
    """'1 article changed', '3 entities that appeared'."""
    noun, rest = title.lower().split(" ", 1)
    return f"{n} {_ONE[noun] if n == 1 else noun} {rest}"


def _counts_line(report: ChangeReport) -> str:
    bits = []
    for kind, (before, after) in report.counts.items():
        bits.append(f"{after} {kind}" + (f" (was {before})" if report.baseline else ""))
    return ", ".join(bits)


def _plain(item: Item) -> str:
    return f"{item.label} ({item.detail})" if item.detail else item.label


def report_text(report: ChangeReport) -> str:
    """The report as plain text, for the terminal."""
    lines = [
        "Change report",
        f"  {report.note}" if report.note else "",
        f"  {_counts_line(report)}",
    ]
    lines = [line for line in lines if line]
    if report.baseline and report.empty:
        lines.append("  Nothing changed since the previous build.")
    for title, items in report.sections():
        if items:
            lines.append(f"{title} ({len(items)}):")
            lines += [f"  {_marker(title)} {_plain(i)}" for i in items[:MAX_LISTED]]
            if len(items) > MAX_LISTED:
                lines.append(f"  ... and {len(items) - MAX_LISTED} more")
    if report.merges:
        lines.append(f"Merges and renames ({len(report.merges)}):")
        lines += [
            f"  {_plain(m.old)} {m.verb} {_plain(m.into)}" for m in report.merges[:MAX_LISTED]
        ]
    return "\n".join(lines) + "\n"


def _md_text(text: str) -> str:
    """Text for a Markdown list item: escaped HTML, no Markdown syntax taking effect."""
    return (
        esc(text)
        .replace("[", "&#91;")
        .replace("]", "&#93;")
        .replace("*", "&#42;")
        .replace("_", "&#95;")
        .replace("`", "&#96;")
    )


def report_markdown(report: ChangeReport, site_url: str | None = None) -> str:
    """The report as Markdown for a CI job summary; links are absolute when site_url is known."""
    base = (site_url or "").rstrip("/") + "/" if site_url else ""

    def entry(item: Item) -> str:
        label = _md_text(_plain(item))
        return f"- [{label}]({base}{item.url})" if base else f"- {label}"

    lines = ["## Change report", "", _md_text(report.note), "", _md_text(_counts_line(report)), ""]
    if report.baseline and report.empty:
        lines += ["Nothing changed since the previous build.", ""]
    for title, items in report.sections():
        if items:
            lines += [f"### {title} ({len(items)})", ""]
            lines += [entry(i) for i in items[:MAX_LISTED]]
            if len(items) > MAX_LISTED:
                lines.append(f"- ... and {len(items) - MAX_LISTED} more")
            lines.append("")
    if report.merges:
        lines += [f"### Merges and renames ({len(report.merges)})", ""]
        lines += [
            f"{entry(m.old)} {m.verb} {entry(m.into)[2:]}" for m in report.merges[:MAX_LISTED]
        ]
        lines.append("")
    return "\n".join(lines)


def whats_new_page(report: ChangeReport) -> str:
    """The site's What's new page: raw HTML blocks, every label escaped."""
    here = WHATS_NEW_URL

    def entry(item: Item, gone: bool) -> str:
        label = esc(item.label)
        shown = label if gone else f'<a href="{esc(rel(here, item.url))}">{label}</a>'
        detail = f' <span class="nx-evidence">{esc(item.detail)}</span>' if item.detail else ""
        return f"<li>{shown}{detail}</li>"

    parts = [
        front_matter(
            {
                "title": "What's new",
                "description": f"What changed in the corpus: {_what_changed(report)}.",
            }
        ),
        "# What's new\n",
    ]
    counts = ", ".join(
        f"{plural(after, kind.rstrip('s'))}"
        + (f" (previously {before})" if report.baseline and before != after else "")
        for kind, (before, after) in report.counts.items()
    )
    # The page never names where the baseline came from: a local path or a URL would
    # make two builds of the same input differ.
    if not report.baseline:
        parts.append(
            f"<p>This build had no earlier build to compare with. It holds {esc(counts)}.</p>\n"
        )
        return "\n".join(parts)
    parts.append(f"<p>Compared with the previous build, the site now holds {esc(counts)}.</p>\n")
    if report.empty:
        parts.append("<p>Nothing changed since the previous build.</p>\n")
    for title, items in report.sections():
        if not items:
            continue
        gone = _gone(title)
        parts.append(f"## {title}\n")
        shown = "".join(entry(i, gone) for i in items[:MAX_LISTED])
        more = f"<li>and {len(items) - MAX_LISTED} more</li>" if len(items) > MAX_LISTED else ""
        parts.append(f"<ul>{shown}{more}</ul>\n")
    if report.merges:
        parts.append("## Merges and renames\n")
        rows = "".join(
            f"<li>{esc(m.old.label)} {m.verb} "
            f'<a href="{esc(rel(here, m.into.url))}">{esc(m.into.label)}</a></li>'
            for m in report.merges[:MAX_LISTED]
        )
        parts.append(f"<ul>{rows}</ul>\n")
    return "\n".join(parts)
