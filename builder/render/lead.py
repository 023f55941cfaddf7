"""The top of an entity page: a lead sentence and an infobox, both written from the data.

As an encyclopedia's article opens: one sentence that says who or what this is and how
the corpus knows it ("Jane Roe, Foreign Minister, is named in 6 articles from 2016 to
2024, most often with Port Ellis."), and a box of facts beside it. A curated
``description`` is the entity's first role, so it is what the lead says it is.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from builder.model import Article, Entity
from builder.render.markup import esc, link, plural
from builder.urls import Urls

#: Companions named in the lead and the infobox.
LEAD_COMPANIONS = 1
BOX_COMPANIONS = 3


@dataclass(frozen=True)
class Profile:
    """What the corpus says about one entity, as the top of its page tells it."""

    entity: Entity
    kind_label: str  # "Person", "Place"...
    articles: list[Article]  # naming it
    companions: list[Entity]  # named with it most often, best first
    events: int
    quotes: int
    country: Entity | None  # a place's country

    @property
    def dated(self) -> list[Article]:
        """Its dated articles, oldest first."""
        dated = [a for a in self.articles if a.date is not None]
        return sorted(dated, key=lambda a: (a.date.value if a.date else "", a.id))


Linker = Callable[[Entity], str]


def _what(profile: Profile, name: Linker) -> str:
    """The apposition after the name: a role, or a kind (and a place's country)."""
    entity = profile.entity
    if entity.kind == "place":
        kind = entity.place_type or "place"
        where = f" in {name(profile.country)}" if profile.country else ""
        return f", {_article(kind)} {esc(kind)}{where},"
    if entity.roles:
        return f", {esc(entity.roles[0])},"
    return f", {_article(profile.kind_label)} {esc(profile.kind_label.lower())},"


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def _span(dated: list[Article]) -> str:
    years = sorted({a.date.value[:4] for a in dated if a.date})
    if not years:
        return ""
    return f" in {years[0]}" if len(years) == 1 else f" from {years[0]} to {years[-1]}"


def _sentence(profile: Profile, name: Linker, title: str) -> str:
    text = (
        f"{title}{_what(profile, name)} is named in "
        f"{plural(len(profile.articles), 'article')}{_span(profile.dated)}"
    )
    # A place's country is already named: the next companion says more.
    best = [e for e in profile.companions if e is not profile.country][:LEAD_COMPANIONS]
    if best:
        text += ", most often with " + ", ".join(name(e) for e in best)
    counts = [
        plural(n, word) for n, word in ((profile.events, "event"), (profile.quotes, "quote")) if n
    ]
    return text + "." + (f" {' and '.join(counts).capitalize()}." if counts else "")


def lead(profile: Profile, here: str) -> str:
    """One sentence on who or what this is, how often and with whom the corpus names it."""
    title = f"<strong>{esc(profile.entity.name)}</strong>"
    text = _sentence(profile, lambda e: link(here, e.url, e.name), title)
    return f'<p class="nx-lead">{text}</p>\n'


def lead_text(profile: Profile) -> str:
    """The lead as plain text, for previews (which set it as text, never as HTML)."""
    return html.unescape(_sentence(profile, lambda e: esc(e.name), esc(profile.entity.name)))


def infobox(profile: Profile, here: str, rows: list[tuple[str, str]]) -> str:
    """The box of facts beside the lead: ``rows`` (kind, roles, coordinates...) and the
    corpus's own: first and last article naming it, its most frequent companions."""
    rows = list(rows)
    dated = profile.dated
    if dated:
        first, last = dated[0], dated[-1]
        rows.append(("First named", _dated_link(here, first)))
        if last is not first:
            rows.append(("Last named", _dated_link(here, last)))
    if profile.companions:
        rows.append(
            (
                "Named most with",
                "<br>".join(link(here, e.url, e.name) for e in profile.companions[:BOX_COMPANIONS]),
            )
        )
    cells = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    caption = esc(profile.kind_label)
    return (
        '<aside class="nx-infobox" data-search-exclude><table class="nx-box">'
        f"<caption>{caption}</caption><tbody>{cells}</tbody></table></aside>\n"
    )


def _dated_link(here: str, article: Article) -> str:
    date = esc(article.date.value) if article.date else ""
    title = link(here, Urls.article(article.id), article.title)
    return f'<span class="nx-nowrap">{date}</span><br>{title}'
