"""Markdown pages for articles, actors, places, the indexes and the home page.

Each function takes the corpus view and returns the text of one page. Pages are
Markdown with raw HTML blocks for anything that carries article text (see markup).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from builder.model import ACTOR_KINDS, Article, Corpus, Entity, Event, Mention, Quote, Sentence
from builder.relations.finder import CO_OCCURRENCE
from builder.render.curated import CuratedPages
from builder.render.describe import first_sentence, shorten
from builder.render.events import events_by_article, events_by_entity, events_section
from builder.render.incremental import Records
from builder.render.lead import Profile, infobox, lead
from builder.render.maps import embed, marker_of
from builder.render.markup import (
    esc,
    facts_list,
    front_matter,
    link,
    plural,
    rel,
    safe_title,
    search_facets,
    years_of,
)
from builder.render.network import RelationIndex, relations_section
from builder.urls import Urls, source_of

KIND_LABELS = {
    "person": ("Person", "People", "people/"),
    "organization": ("Organization", "Organizations", "organizations/"),
    "country": ("Country", "Countries", "countries/"),
    "group": ("Armed or political group", "Groups", "groups/"),
    "place": ("Place", "Places", "places/"),
}
#: Roles a person's page shows, the most often stated first.
MAX_ROLES = 5
#: Mentions an entity page shows unfolded; more are folded under one line.
OPEN_MENTIONS = 8
#: How many mention sentences an entity page shows before summarising the rest.
MAX_MENTIONS_SHOWN = 60
MAX_COMPANIONS = 15
SEARCH_EXCLUDE = "data-search-exclude"
TOP_WEIGHT = 'data-pagefind-weight="10"'


@dataclass
class SiteView:
    """Look-ups over the corpus that several pages need, computed once."""

    corpus: Corpus
    entity_of: dict[Mention, Entity] = field(init=False)
    articles: dict[str, Article] = field(init=False)
    entities: dict[str, Entity] = field(init=False)
    _profiles: dict[str, Profile] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.entity_of = {m: e for e in self.corpus.entities for m in e.mentions}
        self.articles = {a.id: a for a in self.corpus.articles}
        self.entities = {e.id: e for e in self.corpus.entities}

    @cached_property
    def records(self) -> Records:
        return Records(self.corpus)

    @cached_property
    def curated(self) -> CuratedPages:
        return CuratedPages(self.corpus)

    @cached_property
    def countries(self) -> dict[str, Entity]:
        return {e.country: e for e in self.corpus.entities if e.kind == "country" and e.country}

    @cached_property
    def sentences(self) -> dict[tuple[str, int], list[Sentence]]:
        found: dict[tuple[str, int], list[Sentence]] = defaultdict(list)
        for s in self.corpus.sentences:
            found[(s.article, s.paragraph)].append(s)
        return found

    @cached_property
    def mentions_in(self) -> dict[tuple[str, int], list[Mention]]:
        found: dict[tuple[str, int], list[Mention]] = defaultdict(list)
        for m in self.entity_of:
            found[(m.article, m.paragraph)].append(m)
        for ms in found.values():
            ms.sort(key=lambda m: (m.start, -m.end))
        return found

    @cached_property
    def companions(self) -> dict[str, Counter[str]]:
        """For each entity, the entities named in the same sentences, with counts."""
        by_sentence: dict[tuple[str, int, int], set[str]] = defaultdict(set)
        for m, e in self.entity_of.items():
            by_sentence[(m.article, m.paragraph, m.sentence)].add(e.id)
        together: dict[str, Counter[str]] = defaultdict(Counter)
        for ids in by_sentence.values():
            for a in ids:
                for b in ids:
                    if a != b:
                        together[a][b] += 1
        return together

    @cached_property
    def relation_index(self) -> RelationIndex:
        return RelationIndex(self.corpus)

    @cached_property
    def quotes_by(self) -> dict[str, list[Quote]]:
        found: dict[str, list[Quote]] = defaultdict(list)
        for q in self.corpus.quotes:
            if q.speaker:
                found[q.speaker].append(q)
        return found

    @cached_property
    def events_of_entity(self) -> dict[str, list[Event]]:
        return events_by_entity(self.corpus)

    @cached_property
    def events_of_article(self) -> dict[str, list[Event]]:
        return events_by_article(self.corpus)

    def profile(self, entity: Entity) -> Profile:
        """What the top of the entity's page and its previews say about it (made once)."""
        if entity.id not in self._profiles:
            self._profiles[entity.id] = self._profile(entity)
        return self._profiles[entity.id]

    def _profile(self, entity: Entity) -> Profile:
        country = self.countries.get(entity.country or "") if entity.kind == "place" else None
        return Profile(
            entity=entity,
            kind_label=KIND_LABELS[entity.kind][0],
            articles=[self.articles[a] for a in entity.articles],
            companions=[self.entities[i] for i, _ in _ranked(self.companions.get(entity.id, {}))],
            events=len(self.events_of_entity.get(entity.id, [])),
            quotes=len(self.quotes_by.get(entity.id, [])),
            country=country,
        )

    def sentence_text(self, m: Mention) -> tuple[str, int]:
        """The sentence around a mention and the mention's offset within it."""
        paragraph = self.articles[m.article].paragraphs[m.paragraph - 1].text
        for s in self.sentences.get((m.article, m.paragraph), []):
            if s.start <= m.start < s.end:
                return paragraph[s.start : s.end], s.start
        return paragraph, 0


# article pages ----------------------------------------------------------------------


def article_page(view: SiteView, article: Article) -> str:
    here = Urls.article(article.id)
    meta = front_matter(
        {
            "title": safe_title(article.title),
            "description": safe_title(_describe_article(article)),
        }
    )
    rows = _article_facts(article)
    named_countries = {
        view.entity_of[m].name
        for p in article.paragraphs
        for m in view.mentions_in.get((article.id, p.id), [])
        if view.entity_of[m].kind == "country"
    }
    parts = [
        meta,
        search_facets(
            "Article",
            countries=named_countries,
            years=years_of([article]),
            outlets=[article.outlet or ""],
        ),
        f'<h1 class="nx-title">{esc(article.title)}</h1>\n',
        facts_list(rows),
    ]
    for paragraph in article.paragraphs:
        anchor = f"p{paragraph.id}"
        number = f'<a class="nx-pnum" href="#{anchor}" title="Paragraph {paragraph.id}">¶</a>'
        body = _linked(
            view, here, paragraph.text, view.mentions_in.get((article.id, paragraph.id), [])
        )
        if paragraph.kind == "heading":
            parts.append(f'<h3 class="nx-subhead" id="{anchor}">{body}</h3>\n')
        else:
            parts.append(f'<p class="nx-para" id="{anchor}">{body} {number}</p>\n')
    named = Counter(
        view.entity_of[m].id
        for p in article.paragraphs
        for m in view.mentions_in.get((article.id, p.id), [])
    )
    parts.append(
        events_section(
            here,
            view.events_of_article.get(article.id, []),
            "Events reported here",
            searchable=True,
        )
    )
    if named:
        parts.append("\n## Named in this article { data-search-exclude }\n\n")
        parts.append(
            _entity_table(
                view, here, [(view.entities[i], n) for i, n in _ranked(named)], "Mentions here"
            )
        )
    return "\n".join(parts)


def article_inputs(view: SiteView, article: Article) -> tuple[object, ...]:
    """Everything ``article_page`` reads, for its cache key (``builder.render.incremental``):
    the article, each mention with what its link shows, the events it reports."""
    mentions = tuple(
        (m, view.records.ref(view.entity_of[m]))
        for p in article.paragraphs
        for m in view.mentions_in.get((article.id, p.id), [])
    )
    events = view.events_of_article.get(article.id, [])
    return ("article", view.records.article(article.id), mentions, _events_read(view, events))


def _events_read(view: SiteView, events: list[Event]) -> tuple[str, ...]:
    return tuple(view.records.event(e.id) for e in events)


def _article_facts(article: Article) -> list[tuple[str, str]]:
    rows = []
    if article.outlet:
        rows.append(("Outlet", esc(article.outlet)))
    if article.authors:
        rows.append(("Authors", esc(", ".join(article.authors))))
    if article.date:
        rows.append(
            (
                "Published",
                f'{esc(article.date.value)} <span class="nx-evidence">'
                f"(from “{esc(article.date.evidence)}”)</span>",
            )
        )
    elif article.estimated_date:
        estimate = article.estimated_date
        rows.append(
            (
                "Published",
                f"unknown; estimated {esc(estimate.value)} or later "
                f'<span class="nx-evidence">(the latest date the text mentions: '
                f"“{esc(estimate.evidence)}”)</span>",
            )
        )
    else:
        rows.append(("Published", "unknown: the text gives no date"))
    if article.dateline:
        rows.append(("Dateline", esc(article.dateline)))
    if article.url:
        shown = esc(article.url)
        url = article.url if article.url.startswith(("https://", "http://")) else ""
        rows.append(
            (
                "Original",
                f'<a href="{esc(url)}" rel="nofollow noopener">{shown}</a>' if url else shown,
            )
        )
    rows.append(("Source file", esc(", ".join(article.sources))))
    if article.language != "en":
        rows.append(("Language", f"{esc(article.language)} (names not extracted)"))
    return rows


def _describe_article(article: Article) -> str:
    bits = [article.outlet or "", article.date.value if article.date else ""]
    lead = next((p.text for p in article.paragraphs if p.kind == "text"), "")
    prefix = " · ".join(b for b in bits if b)
    return shorten((f"{prefix}: " if prefix else "") + first_sentence(lead))


def _linked(view: SiteView, here: str, text: str, mentions: list[Mention]) -> str:
    """Paragraph text, escaped, with each resolved mention linked to its page."""
    out, pos = [], 0
    for m in mentions:
        if m.start < pos:
            continue
        entity = view.entity_of[m]
        out.append(esc(text[pos : m.start]))
        out.append(link(here, entity.url, text[m.start : m.end], f"nx-m nx-{entity.kind}"))
        pos = m.end
    out.append(esc(text[pos:]))
    return "".join(out)


# entity pages -----------------------------------------------------------------------


def entity_page(view: SiteView, entity: Entity) -> str:
    here = entity.url
    singular = KIND_LABELS[entity.kind][0]
    articles = entity.articles
    summary = (
        f"{singular} · {plural(len(entity.mentions), 'mention')} in "
        f"{plural(len(articles), 'article')}"
    )
    meta = front_matter(
        {
            "title": safe_title(entity.name),
            "description": safe_title(f"{entity.name}: {summary}"),
            "search": {"boost": 2},
        }
    )
    facts = [
        (
            "Kind",
            esc(
                singular
                if entity.kind != "place"
                else f"Place ({entity.place_type or 'unclassified'})"
            ),
        )
    ]
    if entity.roles:
        facts.append(("Described as", esc(" · ".join(entity.roles[:MAX_ROLES]))))
    if entity.lat is not None and entity.lon is not None:
        facts.append(
            (
                "Coordinates",
                ("approximate: " if entity.approximate_at else "")
                + f"{entity.lat:.4f}, {entity.lon:.4f} "
                f'<span class="nx-evidence">({esc(entity.source or "gazetteer")})</span>',
            )
        )
    elif entity.kind == "place":
        facts.append(("Coordinates", "not found in the gazetteer"))
    country = view.countries.get(entity.country or "") if entity.kind == "place" else None
    if entity.country and entity.kind == "place":
        facts.append(
            ("Country", link(here, country.url, country.name) if country else esc(entity.country))
        )
    facts.append(("Mentions", esc(summary.split(" · ", 1)[1])))
    reported_in = [view.articles[a] for a in articles]
    country_name = entity.name if entity.kind == "country" else country.name if country else ""
    events = view.events_of_entity.get(entity.id, [])
    quotes = view.quotes_by.get(entity.id, [])
    profile = view.profile(entity)
    parts = [
        meta,
        search_facets(
            singular,
            names=[entity.name, *entity.aliases],
            countries=[country_name],
            years=years_of(reported_in),
            outlets=[a.outlet or "" for a in reported_in],
        ),
        # The page's own names weigh most: "Northland" finds the country before the events
        # whose titles name it (Pagefind's weights run from 0 to 10; headings get 5 to 7).
        f'<h1 class="nx-title" {TOP_WEIGHT}>{esc(entity.name)}</h1>\n',
        infobox(profile, here, facts),
        lead(profile, here),
        f'<h2 class="nx-aka" id="names" {TOP_WEIGHT}>Also named '
        f"{esc(' · '.join(entity.aliases))}</h2>\n"
        if entity.aliases
        else "",
    ]
    parts.append(view.curated.notes(source_of(entity.url)))
    marker = marker_of(entity)
    if marker is not None:
        parts.append(embed(marker))
    parts.append(events_section(here, events))
    parts.append(_timeline_link(here, entity, events))
    if quotes:
        parts.append("\n## Quoted\n\n")
        parts.append(_quotes_block(view, here, quotes))
    if entity.kind in ACTOR_KINDS:  # relations, local graph and companions
        parts.append(relations_section(view.relation_index, here, entity))
    parts.append("\n## Mentions\n\n")
    mentions = _mentions_block(view, here, entity)
    if len(entity.mentions) > OPEN_MENTIONS:  # long: folded, the sections above come first
        summary_line = f"{plural(len(entity.mentions), 'mention')}, by article"
        mentions = (
            f'<details class="note nx-collapse"><summary>{summary_line}</summary>'
            f"{mentions}</details>\n"
        )
    parts.append(mentions)
    companions = view.companions.get(entity.id)
    if companions and entity.kind not in ACTOR_KINDS:
        parts.append("\n## Named in the same sentences { data-search-exclude }\n\n")
        ranked = [(view.entities[i], n) for i, n in _ranked(companions)[:MAX_COMPANIONS]]
        parts.append(_entity_table(view, here, ranked, "Sentences together"))
    parts.append(view.curated.hint(source_of(entity.url)))
    return "\n".join(parts)


def entity_inputs(view: SiteView, entity: Entity) -> tuple[object, ...]:
    """Everything ``entity_page`` reads, for its cache key (``builder.render.incremental``):
    the entity, the articles naming or quoting it (titles, dates, sentences), its events,
    quotes, companions, relations and their other ends, its country, its curated notes."""
    records, profile = view.records, view.profile(entity)
    quotes = view.quotes_by.get(entity.id, [])
    relations = view.relation_index.by_entity.get(entity.id, [])
    ends = {i for r in relations for i in (r.source, r.target)}
    evidence = {e.article for r in relations if r.type != CO_OCCURRENCE for e in r.evidence}
    articles = sorted({*entity.articles, *(q.article for q in quotes), *evidence})
    source = source_of(entity.url)
    return (
        "entity",
        records.entity(entity.id),
        records.ref(profile.country) if profile.country else None,
        tuple(records.article(a) for a in articles),
        _events_read(view, view.events_of_entity.get(entity.id, [])),
        tuple(quotes),
        tuple(records.ref(e) for e in profile.companions),
        tuple(_ranked(view.companions.get(entity.id, Counter()))),
        tuple(records.relation(r) for r in relations),
        tuple((records.ref(o), len(o.mentions)) for o in (view.entities[i] for i in sorted(ends))),
        view.curated.notes(source),
        view.curated.hint_inputs(source),
    )


def _timeline_link(here: str, entity: Entity, events: list[Event]) -> str:
    """A link to the timeline narrowed to this entity, when it has dated events there."""
    dated = [e for e in events if e.date is not None]
    if any(entity.id in e.participants for e in dated):
        key = "actor"
    elif any(e.place == entity.id for e in dated):
        key = "place"
    else:
        return ""
    href = esc(f"{rel(here, 'timeline/')}?{key}={entity.id}")
    return f'<p class="nx-more"><a href="{href}">See these events on the timeline</a></p>\n'


def _mentions_block(view: SiteView, here: str, entity: Entity) -> str:
    by_article: dict[str, list[Mention]] = defaultdict(list)
    for m in entity.mentions:
        by_article[m.article].append(m)
    out, shown = [f'<div class="nx-mentions" {SEARCH_EXCLUDE}>'], 0
    for article_id in sorted(by_article, key=lambda a: _article_order(view.articles[a])):
        article = view.articles[article_id]
        out.append(
            f'<h3 class="nx-source">{link(here, Urls.article(article.id), article.title)}'
            f' <span class="nx-evidence">{esc(_date_label(article))}</span></h3><ul>'
        )
        seen: set[tuple[int, int]] = set()
        for m in by_article[article_id]:
            if (m.paragraph, m.sentence) in seen:
                continue
            seen.add((m.paragraph, m.sentence))
            if shown >= MAX_MENTIONS_SHOWN:
                break
            sentence, offset = view.sentence_text(m)
            a, b = m.start - offset, m.end - offset
            text = f"{esc(sentence[:a])}<mark>{esc(sentence[a:b])}</mark>{esc(sentence[b:])}"
            anchor = link(
                here, f"{Urls.article(article.id)}#p{m.paragraph}", f"¶{m.paragraph}", "nx-plink"
            )
            out.append(f"<li>{text} {anchor}</li>")
            shown += 1
        out.append("</ul>")
    hidden = len(entity.mentions) - shown
    if hidden > 0:
        out.append(
            f'<p class="nx-more">{plural(hidden, "more mention")} in the articles above '
            "are not listed here.</p>"
        )
    out.append("</div>\n")
    return "".join(out)


def _quotes_block(view: SiteView, here: str, quotes: list[Quote]) -> str:
    out = [f'<div class="nx-quotes" {SEARCH_EXCLUDE}>']  # indexed on the article pages
    for q in quotes[:MAX_MENTIONS_SHOWN]:
        article = view.articles[q.article]
        source = link(
            here, f"{Urls.article(article.id)}#p{q.paragraph}", f"{article.title}, ¶{q.paragraph}"
        )
        out.append(f"<blockquote><p>“{esc(q.text)}”</p><footer>{source}</footer></blockquote>")
    out.append("</div>\n")
    return "".join(out)


def _entity_table(view: SiteView, here: str, rows: list[tuple[Entity, int]], count: str) -> str:
    out = [
        f'<table class="nx-table" {SEARCH_EXCLUDE}><thead><tr><th>Name</th><th>Kind</th>'
        f"<th>{esc(count)}"
        "</th></tr></thead><tbody>"
    ]
    for entity, n in rows:
        out.append(
            f"<tr><td>{link(here, entity.url, entity.name)}</td>"
            f"<td>{esc(KIND_LABELS[entity.kind][0])}</td><td>{n}</td></tr>"
        )
    out.append("</tbody></table>\n")
    return "".join(out)


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


def _article_order(article: Article) -> tuple[str, str]:
    return (article.date.value if article.date else "9999", article.id)


def newest_first(articles: Iterable[Article]) -> list[Article]:
    """Dated articles, newest first, then the undated ones: the order readers expect."""
    dated = sorted(
        (a for a in articles if a.date is not None),
        key=lambda a: (a.date.value if a.date else "", a.id),
        reverse=True,
    )
    return dated + sorted((a for a in articles if a.date is None), key=lambda a: a.id)


def _date_label(article: Article) -> str:
    return article.date.value if article.date else "date unknown"


# indexes ----------------------------------------------------------------------------


def kind_index(view: SiteView, kind: str) -> str:
    singular, title, here = KIND_LABELS[kind]
    if kind == "place":
        here = Urls.PLACES
    entities = sorted(
        (e for e in view.corpus.entities if e.kind == kind),
        key=lambda e: (-len(e.mentions), e.name.casefold(), e.id),
    )
    described = f"{plural(len(entities), singular.lower(), title.lower())} named in the articles"
    parts = [
        front_matter({"title": title, "description": f"{described}, most mentioned first."}),
        f"# {title}\n",
        f"{plural(len(entities), singular.lower(), title.lower())}, most mentioned first.\n",
    ]
    parts.append(_index_table(view, here, entities, kind))
    return "\n".join(parts)


def _index_table(view: SiteView, here: str, entities: list[Entity], kind: str) -> str:
    extra = "Coordinates" if kind in ("place", "country") else "Described as"
    out = [
        f'<table class="nx-table nx-index" {SEARCH_EXCLUDE}><thead><tr><th>Name</th>'
        f"<th>Mentions</th><th>Articles</th><th>{extra}</th></tr></thead><tbody>"
    ]
    for e in entities:
        if kind in ("place", "country"):
            detail = f"{e.lat:.2f}, {e.lon:.2f}" if e.lat is not None else "—"
            if kind == "place" and e.place_type:
                detail = f"{e.place_type} · {detail}"
        else:
            detail = e.roles[0] if e.roles else ""
        out.append(
            f"<tr><td>{link(here, e.url, e.name)}</td><td>{len(e.mentions)}</td>"
            f"<td>{len(e.articles)}</td><td>{esc(detail)}</td></tr>"
        )
    out.append("</tbody></table>\n")
    return "".join(out)


def actors_index(view: SiteView) -> str:
    parts = [
        front_matter(
            {
                "title": "Actors",
                "description": "People, organizations, countries and groups the articles "
                f"name: {len([e for e in view.corpus.entities if e.kind in ACTOR_KINDS])} in all.",
            }
        ),
        "# Actors\n",
        "People, organizations, countries and armed or political groups the articles "
        "name. Each kind has an index of its own:\n",
    ]
    for kind in ACTOR_KINDS:
        _, title, url = KIND_LABELS[kind]
        count = sum(1 for e in view.corpus.entities if e.kind == kind)
        parts.append(f"- [{title}](../{url.rstrip('/')}.md): {count}")
    for kind in ACTOR_KINDS:
        top = sorted(
            (e for e in view.corpus.entities if e.kind == kind),
            key=lambda e: (-len(e.mentions), e.name.casefold()),
        )[:10]
        if top:
            parts.append(f"\n## {KIND_LABELS[kind][1]}: most mentioned\n")
            parts.append(_index_table(view, Urls.ACTORS, top, kind))
    return "\n".join(parts)


def articles_index(view: SiteView) -> str:
    articles = newest_first(view.corpus.articles)
    parts = [
        front_matter(
            {
                "title": "Articles",
                "description": f"{plural(len(articles), 'article')} with their names linked, "
                "newest first.",
            }
        ),
        "# Articles\n",
        f"{plural(len(articles), 'article')}, newest first; undated last.\n",
        f'<table class="nx-table nx-index" {SEARCH_EXCLUDE}><thead><tr><th>Date</th><th>Title</th>'
        "<th>Outlet</th><th>Paragraphs</th></tr></thead><tbody>",
    ]
    for a in articles:
        parts.append(
            f"<tr><td>{esc(_date_label(a))}</td>"
            f"<td>{link(Urls.ARTICLES, Urls.article(a.id), a.title)}</td>"
            f"<td>{esc(a.outlet or '')}</td><td>{len(a.paragraphs)}</td></tr>"
        )
    parts.append("</tbody></table>\n")
    return "\n".join(parts)


def home_page(view: SiteView) -> str:
    corpus = view.corpus
    counts = Counter(e.kind for e in corpus.entities)
    parts = [
        front_matter(
            {
                "title": "Home",
                "description": f"{plural(len(corpus.articles), 'news article')} and the "
                f"{plural(len(corpus.entities), 'actor or place', 'actors and places')} "
                "they name, cross-linked to the sentences that name them.",
                "hide": ["navigation"],
            }
        ),
        "# News explorer\n",
        f"This site holds **{plural(len(corpus.articles), 'article')}** and what they name: "
        + ", ".join(
            f"[{plural(counts[k], KIND_LABELS[k][0].lower(), KIND_LABELS[k][1].lower())}]"
            f"({KIND_LABELS[k][2].rstrip('/') + ('/index' if k == 'place' else '')}.md)"
            for k in ("person", "organization", "country", "group", "place")
        )
        + ". Every name links to a page that quotes each sentence naming it, and every "
        "sentence links back to its paragraph. Download everything as "
        "[corpus.json](data/corpus.json). See [what changed](whats-new/index.md) in the "
        "last build, or follow new articles and events with the [Atom feed](feed.xml).\n",
    ]
    for kind_set, title in (
        (("person", "organization", "group", "country"), "Most mentioned actors"),
        (("place",), "Most mentioned places"),
    ):
        top = sorted(
            (e for e in corpus.entities if e.kind in kind_set),
            key=lambda e: (-len(e.mentions), e.name.casefold()),
        )[:12]
        if top:
            parts.append(f"\n## {title}\n")
            parts.append(_entity_table(view, "", [(e, len(e.mentions)) for e in top], "Mentions"))
    parts.append("\n## Latest articles\n")
    # An undated article is not "latest": dated ones only come first.
    latest = newest_first(corpus.articles)[:10]
    parts.append(
        "<ul>"
        + "".join(
            f'<li>{link("", Urls.article(a.id), a.title)} <span class="nx-evidence">'
            f"{esc(' · '.join(x for x in (a.outlet or '', _date_label(a)) if x))}</span></li>"
            for a in latest
        )
        + "</ul>\n"
    )
    return "\n".join(parts)
