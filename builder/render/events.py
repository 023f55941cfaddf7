"""Event pages, the events index, the timeline and the event lists of other pages.

Every fact on an event page leads back to its sentences: each source sentence is
quoted and linked to its paragraph. The timeline is one static page; its filter is
a small vanilla script (``builder/assets/timeline.js``) working on data attributes,
so without JavaScript the page still lists everything.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from dataclasses import InitVar, dataclass, field
from datetime import date, timedelta

from builder.events.finder import TYPE_LABELS
from builder.model import Article, Corpus, DatedValue, Event, Sentence
from builder.render.curated import CuratedPages
from builder.render.describe import shorten
from builder.render.incremental import Records
from builder.render.markup import (
    esc,
    facts_list,
    front_matter,
    link,
    plural,
    safe_title,
)
from builder.text.dates import MONTH_NAMES
from builder.urls import source_of

EVENTS_INDEX = "events/index.md"
TIMELINE_PAGE = "timeline/index.md"
#: The timeline's filter script, relative to the staging folder.
TIMELINE_SCRIPT = "assets/news-explorer/timeline.js"
#: Characters of an event's source sentence the timeline shows under it.
SNIPPET = 140
MAX_RELATED = 8
#: Events this many days apart or less count as "nearby in time".
NEARBY_DAYS = 31


def type_name(kind: str) -> str:
    return TYPE_LABELS.get(kind, kind.capitalize())


def date_label(value: DatedValue | None) -> str:
    """ "20 November 2017", "November 2015", "2016", "2015 – 2016"; "date unknown"."""
    if value is None:
        return "date unknown"
    text = _one_date(value.value)
    if value.end:
        text += " – " + _one_date(value.end)
    return text


def _one_date(iso: str) -> str:
    parts = iso.split("-")
    try:
        if len(parts) == 3:
            return f"{int(parts[2])} {MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
        if len(parts) == 2:
            return f"{MONTH_NAMES[int(parts[1]) - 1]} {parts[0]}"
    except (ValueError, IndexError):
        pass
    return iso


def sentence_text(corpus_articles: dict, s: Sentence) -> str:
    paragraph = corpus_articles[s.article].paragraphs[s.paragraph - 1].text
    return paragraph[s.start : s.end]


# look-ups ------------------------------------------------------------------------------


def events_by_entity(corpus: Corpus) -> dict[str, list[Event]]:
    """The events each entity takes part in or hosts, in date order (undated last)."""
    found: dict[str, list[Event]] = defaultdict(list)
    for event in corpus.events:
        for entity_id in dict.fromkeys([*event.participants, event.place]):
            if entity_id:
                found[entity_id].append(event)
    return {k: sorted(v, key=_chronological) for k, v in found.items()}


def events_by_article(corpus: Corpus) -> dict[str, list[Event]]:
    found: dict[str, list[Event]] = defaultdict(list)
    for event in corpus.events:
        for article in dict.fromkeys(s.article for s in event.sources):
            found[article].append(event)
    return {k: sorted(v, key=_chronological) for k, v in found.items()}


def _chronological(event: Event) -> tuple[bool, str, str]:
    return (event.date is None, event.date.value if event.date else "", event.id)


# sections of other pages ---------------------------------------------------------------


def events_section(
    here: str, events: list[Event], heading: str = "Events", *, searchable: bool = False
) -> str:
    """A dated list of events for an actor, place or article page ("" when none).

    Event pages are not indexed (see ``event_page``): ``searchable`` marks the one list
    that indexes their titles instead, the article's that reports them; on actors' and
    places' pages the lists would only repeat it (and made search slow at scale).
    """
    if not events:
        return ""
    items = "".join(
        f'<li><span class="nx-evidence">{esc(date_label(e.date))}</span>{_basis_tag(e)} '
        f"{link(here, e.url, e.title)}{_status_tag(e)}</li>"
        for e in events
    )
    exclude = "" if searchable else " data-search-exclude"
    attributes = f" {{{exclude} }}" if exclude else ""
    return f'\n## {heading}{attributes}\n\n<ul class="nx-events"{exclude}>{items}</ul>\n'


def _basis_tag(event: Event) -> str:
    """ "reported" beside a date that is the report's, not the happening's own;
    "estimated" beside one read from the date estimated for an undated article."""
    mark = {"report": "reported", "estimated": "estimated"}.get(event.date_basis or "")
    if mark is None:
        return ""
    return f' <span class="nx-tag" title="{esc(_MARKS[mark])}">{mark}</span>'


def _status_tag(event: Event) -> str:
    if event.status == "scheduled":
        title = "announced or expected, not reported as done"
        return f' <span class="nx-tag" title="{title}">scheduled</span>'
    return ""


# event pages --------------------------------------------------------------------------


@dataclass
class EventView:
    """Look-ups every event page needs, built once per build (not once per page)."""

    corpus: Corpus
    names: dict[str, tuple[str, str]]
    articles: dict[str, Article] = field(init=False)
    events: dict[str, Event] = field(init=False)
    #: The ranks (places in date order) of the events of each participant ("p", id) and
    #: of each place ("l", id), ascending, and the same as sets.
    ranks_of: dict[tuple[str, str], list[int]] = field(init=False)
    rank_sets: dict[tuple[str, str], frozenset[int]] = field(init=False)
    rank: dict[str, int] = field(init=False)  # each event's place in date order
    days: list[date] = field(init=False)  # the days of the events dated to a day, in order
    day_ranks: list[int] = field(init=False)  # the ranks of those events, as ``days``
    day_of: dict[str, date | None] = field(init=False)
    curated: CuratedPages = field(init=False)
    records: Records = field(init=False)
    #: The entity and article pages' curated notes and record digests, when given: both
    #: views index the whole corpus, and building them twice cost a render 0.5 s.
    shared: InitVar[tuple[CuratedPages, Records] | None] = None

    def __post_init__(self, shared: tuple[CuratedPages, Records] | None) -> None:
        self.curated, self.records = shared or (CuratedPages(self.corpus), Records(self.corpus))
        self.articles = {a.id: a for a in self.corpus.articles}
        self.events = {e.id: e for e in self.corpus.events}
        self.ordered = sorted(self.corpus.events, key=_chronological)
        self.rank = {e.id: i for i, e in enumerate(self.ordered)}
        self.ranks_of = defaultdict(list)
        for i, event in enumerate(self.ordered):
            for key in _shared_keys(event):
                self.ranks_of[key].append(i)
        self.rank_sets = {key: frozenset(ranks) for key, ranks in self.ranks_of.items()}
        days = [(_day(e.date), e) for e in self.corpus.events]
        by_day = sorted(((d, e.id) for d, e in days if d))
        self.days = [d for d, _ in by_day]
        self.day_ranks = [self.rank[i] for _, i in by_day]
        self.day_of = {e.id: d for d, e in days}

    def related(self, event: Event) -> list[Event]:
        """Events sharing participants or the place, or close in time; the best
        ``MAX_RELATED`` (two points a shared participant, two for the place, one for
        falling within ``NEARBY_DAYS``; earlier first among equals), in date order.

        Taken tier by tier, with set operations: a popular participant has thousands of
        events and a month tens, and scoring each of them for each event was most of a
        one-seed render at 5,000 articles. An event in two of the lists scores at least
        4 and is scored exactly; one in a single list scores 3 within the days, else 2;
        one within the days alone scores 1. (Counting every candidate in a ``Counter``
        and sorting, checked first, halved the time where the tiers quarter it.)
        """
        me, keys = self.rank[event.id], [k for k in _shared_keys(event) if k in self.rank_sets]
        lists = [self.rank_sets[k] for k in keys]
        within: set[int] = set()
        day = self.day_of[event.id]
        if day is not None:
            lo = bisect_left(self.days, day - timedelta(days=NEARBY_DAYS))
            hi = bisect_right(self.days, day + timedelta(days=NEARBY_DAYS))
            within = set(self.day_ranks[lo:hi])
        taken = {me}
        several = set().union(*(a & b for i, a in enumerate(lists) for b in lists[i + 1 :]))
        several -= taken
        scored = ((-2 * sum(r in s for s in lists) - (r in within), r) for r in several)
        chosen = [r for _, r in heapq.nsmallest(MAX_RELATED, scored)]
        if len(chosen) < MAX_RELATED:
            taken |= several
            single = set().union(*lists) - taken
            chosen += sorted(single & within)[: MAX_RELATED - len(chosen)]
            taken |= single & within
        if len(chosen) < MAX_RELATED:  # the lists are in rank order: the first are best
            for r in heapq.merge(*(self.ranks_of[k] for k in keys)):
                if r not in taken:
                    taken.add(r)
                    chosen.append(r)
                    if len(chosen) == MAX_RELATED:
                        break
        if len(chosen) < MAX_RELATED:
            chosen += sorted(within - taken)[: MAX_RELATED - len(chosen)]
        return [self.ordered[r] for r in sorted(chosen)]


def _shared_keys(event: Event) -> list[tuple[str, str]]:
    """What ``related`` counts as shared: each participant once, and the place."""
    keys = [("p", entity_id) for entity_id in dict.fromkeys(event.participants)]
    return [*keys, ("l", event.place)] if event.place else keys


def _day(value: DatedValue | None) -> date | None:
    if value is None or value.precision != "day":
        return None
    try:
        return date.fromisoformat(value.value)
    except ValueError:
        return None


def event_page(view: EventView, event: Event) -> str:
    """One event: date, place, participants, each source sentence, related events."""
    here = event.url
    articles, names = view.articles, view.names
    reporting = list(dict.fromkeys(s.article for s in event.sources))
    summary = (
        f"{type_name(event.type)} · {date_label(event.date)} · reported in "
        f"{plural(len(event.sources), 'sentence')} of {plural(len(reporting), 'article')}"
    )
    facts = [("Type", esc(type_name(event.type)))]
    if event.date is not None and event.date_basis == "report":
        facts.append(
            (
                "Date",
                f"{esc(date_label(event.date))} "
                '<span class="nx-evidence">(the date of the earliest article reporting '
                "it: the text ties no date of its own to it)</span>",
            )
        )
    elif event.date is not None and event.date_basis == "estimated":
        facts.append(
            (
                "Date",
                f"{esc(date_label(event.date))} "
                '<span class="nx-evidence">(estimated: the article reporting it states '
                "no date, and this is read from the latest date its text gives)</span>",
            )
        )
    elif event.date is not None:
        facts.append(
            (
                "Date",
                f"{esc(date_label(event.date))} "
                f'<span class="nx-evidence">(precision: {esc(event.date.precision)}; '
                f"from “{esc(event.date.evidence)}”)</span>",
            )
        )
    elif all(articles[a].date is None for a in reporting):
        facts.append(
            (
                "Date",
                "unknown: the reporting articles give no publication date, so a relative "
                "date (“on Wednesday”, “last month”) cannot be resolved",
            )
        )
    else:
        facts.append(("Date", "unknown: the reports tie no date to it"))
    facts.append(
        (
            "Status",
            "scheduled or expected, not reported as done"
            if event.status == "scheduled"
            else "reported",
        )
    )
    if event.place and event.place in names:
        facts.append(("Place", _entity_link(here, event.place, names)))
    if event.participants:
        facts.append(
            (
                "Participants",
                ", ".join(_entity_link(here, p, names) for p in event.participants if p in names),
            )
        )
    facts.append(
        (
            "Sources",
            esc(f"{plural(len(reporting), 'article')}, {plural(len(event.sources), 'sentence')}"),
        )
    )
    parts = [
        # Not indexed: an event page repeats its sentences, which the reporting article's
        # page indexes with the event's title; left in, the 19,500 event pages of 5,000
        # articles doubled the page list every first query loads (BENCHMARKS.md).
        front_matter(
            {
                "title": safe_title(event.title),
                "description": safe_title(summary),
                "search": {"exclude": True},
            }
        ),
        f'<h1 class="nx-title">{esc(event.title)}</h1>\n',
        f'<p class="nx-summary">{esc(summary)}</p>\n',
        facts_list(facts, searchable=False),
        view.curated.notes(source_of(here)),
        "\n## Reported in { data-search-exclude }\n\n",  # the articles index these
        '<div class="nx-mentions">',
    ]
    for article_id in reporting:
        article = articles[article_id]
        published = article.date.value if article.date else "date unknown"
        parts.append(
            f'<h3 class="nx-source">{link(here, f"articles/{article.id}/", article.title)}'
            f' <span class="nx-evidence">{esc(published)}</span></h3><ul>'
        )
        for s in event.sources:
            if s.article != article_id:
                continue
            anchor = link(
                here, f"articles/{article.id}/#p{s.paragraph}", f"¶{s.paragraph}", "nx-plink"
            )
            parts.append(f"<li>“{esc(sentence_text(articles, s))}” {anchor}</li>")
        parts.append("</ul>")
    parts.append("</div>\n")
    related = view.related(event)
    if related:
        parts.append(events_section(here, related, "Related events"))
    parts.append(view.curated.hint(source_of(here)))
    return "\n".join(parts)


def event_inputs(view: EventView, event: Event) -> tuple[object, ...]:
    """Everything ``event_page`` reads, for its cache key (``builder.render.incremental``):
    the event, the names of its place and participants, its reports, its related events
    and its curated notes."""
    records, source = view.records, source_of(event.url)
    reporting = dict.fromkeys(s.article for s in event.sources)
    return (
        "event",
        records.event(event.id),
        tuple(view.names.get(i or "") for i in [event.place, *event.participants]),
        tuple(records.article(a) for a in reporting),
        tuple(records.event(e.id) for e in view.related(event)),
        view.curated.notes(source),
        view.curated.hint_inputs(source),
    )


def _entity_link(here: str, entity_id: str, names: dict[str, tuple[str, str]]) -> str:
    name, url = names[entity_id]
    return link(here, url, name)


# indexes ------------------------------------------------------------------------------


def events_index(corpus: Corpus) -> str:
    """``events/``: every event, dated ones in order, then the undated."""
    here = "events/"
    events = sorted(corpus.events, key=_chronological)
    dated = sum(1 for e in events if e.date is not None)
    parts = [
        front_matter(
            {
                "title": "Events",
                "description": safe_title(
                    f"{plural(len(events), 'event')} the articles report, with dates, "
                    "places, participants and sources"
                ),
            }
        ),
        "# Events\n",
        f"{plural(len(events), 'event')} found in the articles, {dated} of them dated "
        "(see the [timeline](../timeline/index.md)). Undated events come last: their "
        "articles give no date, or none the text ties to the event.\n",
        '<table class="nx-table nx-index" data-search-exclude><thead><tr><th>Date</th>'
        "<th>Event</th><th>Type</th><th>Sources</th></tr></thead><tbody>",
    ]
    for e in events:
        articles = len({s.article for s in e.sources})
        parts.append(
            f"<tr><td>{esc(date_label(e.date))}{_basis_tag(e)}</td>"
            f"<td>{link(here, e.url, e.title)}{_status_tag(e)}</td>"
            f"<td>{esc(type_name(e.type))}</td><td>{articles}</td></tr>"
        )
    parts.append("</tbody></table>\n")
    return "\n".join(parts)


def timeline_page(corpus: Corpus, names: dict[str, tuple[str, str]]) -> str:
    """``timeline/``: events grouped by year and month, with a filter and an axis.

    An event whose own date is not given stands at the date of the earliest article
    reporting it (published or estimated), marked as such.
    """
    here = "timeline/"
    articles = {a.id: a for a in corpus.articles}
    placed = _placed(corpus.events, articles)
    marks = Counter(mark for _, _, mark in placed)
    dated, by_report, estimated = marks[""], marks["reported"], marks["estimated"]
    unplaced = len(corpus.events) - len(placed)
    summary = f"{plural(dated, 'dated event')} in date order"
    if by_report:
        summary += (
            f"; {plural(by_report, 'event')} whose date is not given stand at the date "
            "of the article that reports them (marked “reported”)"
        )
    if estimated:
        summary += (
            f"; {plural(estimated, 'event')} from articles that state no date stand at "
            "the date estimated from their text (marked “estimated”)"
        )
    if unplaced:
        summary += (
            f"; {plural(unplaced, 'event')} with no date at all are on the "
            '<a href="../events/">events page</a>'
        )
    parts = [
        front_matter(
            {
                "title": "Timeline",
                "description": safe_title(
                    f"{plural(len(placed), 'event')} in date order, by year and month"
                ),
                "hide": ["navigation"],
                "search": {"exclude": True},  # a list of the event pages, which are indexed
            }
        ),
        "# Timeline\n",
        f'<p class="nx-summary">{summary}. Dates given only to the month or year come first '
        "in their month or year.</p>\n",
        _filters([e for _, e, _ in placed], names),
        # The axis script draws the events over time here: months to scale, zoomable.
        '<div class="nx-tl-axis" id="nx-tl-axis" data-search-exclude hidden>'
        '<div class="nx-tl-zoom"><button type="button" data-zoom="-1" aria-label="Zoom out">'
        '−</button><button type="button" data-zoom="1" aria-label="Zoom in">+</button></div>'
        '<div class="nx-tl-scroll"></div></div>\n',
    ]
    by_year: dict[str, dict[str, list[tuple[DatedValue, Event, str]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    for when, e, mark in placed:
        month = when.value[5:7] if when.precision != "year" else ""
        by_year[when.value[:4]][month].append((when, e, mark))
    parts.append('<div class="nx-timeline" id="nx-timeline">')
    for year in sorted(by_year):
        parts.append(
            f'<section class="nx-tl-year" data-year="{esc(year)}">'
            f'<h2 id="y{esc(year)}">{esc(year)}</h2>'
        )
        for month in sorted(by_year[year]):
            label = f"{MONTH_NAMES[int(month) - 1]} {year}" if month else f"{year}, month not given"
            anchor = f"m{year}-{month}" if month else f"m{year}"
            parts.append(f'<div class="nx-tl-month" id="{anchor}"><h3>{esc(label)}</h3><ul>')
            for when, e, mark in by_year[year][month]:
                parts.append(_timeline_item(here, e, names, articles, when, mark))
            parts.append("</ul></div>")
        parts.append("</section>")
    parts.append("</div>\n")
    parts.append('<p class="nx-tl-none" id="nx-tl-none" hidden>No event matches the filter.</p>\n')
    parts.append(f'<script src="../{TIMELINE_SCRIPT}"></script>\n')
    return "\n".join(parts)


def _placed(
    events: list[Event], articles: dict[str, Article]
) -> list[tuple[DatedValue, Event, str]]:
    """Each event with the date the timeline shows it at and how that date was found:
    "" (the event's own), "reported" (the earliest article reporting it) or "estimated"
    (that article states no date; the one estimated from its text). Events with none of
    these are left out."""
    placed = []
    for e in events:
        if e.date is not None:
            mark = {"report": "reported", "estimated": "estimated"}.get(e.date_basis or "", "")
            placed.append((e.date, e, mark))
            continue
        reports = [articles[s.article] for s in e.sources if s.article in articles]
        known = [(a.date, "reported") for a in reports if a.date is not None]
        known += [(a.estimated_date, "estimated") for a in reports if a.estimated_date]
        if known:
            when, mark = min(known, key=lambda k: (k[0].value, k[1]))
            placed.append((when, e, mark))
    placed.sort(key=lambda t: (t[0].value, bool(t[2]), t[1].id))
    return placed


#: What a timeline entry's mark says, by how its date was found (see ``_placed``).
_MARKS = {
    "reported": "The event’s own date is not given: this is the date of the article that "
    "reports it",
    "estimated": "Neither the event nor the article reporting it gives a date: this is "
    "the date estimated from the dates the article’s text mentions",
}


def _timeline_item(
    here: str,
    e: Event,
    names: dict[str, tuple[str, str]],
    articles: dict[str, Article],
    when: DatedValue,
    mark: str,
) -> str:
    who = ", ".join(names[p][0] for p in e.participants if p in names)
    where = names[e.place][0] if e.place in names else ""
    detail = " · ".join(x for x in (type_name(e.type), who, where) if x)
    sources = len({s.article for s in e.sources})
    snippet = shorten(sentence_text(articles, e.sources[0]), SNIPPET) if e.sources else ""
    tag = f' <span class="nx-tag" title="{esc(_MARKS[mark])}">{esc(mark)}</span>' if mark else ""
    return (
        f'<li class="nx-tl-item" data-type="{esc(e.type)}" '
        f'data-actors="{esc(" ".join(e.participants))}" data-place="{esc(e.place or "")}" '
        f'data-date="{esc(when.value)}"{" data-reported" if mark else ""}>'
        f'<span class="nx-tl-date">{esc(date_label(when))}</span>{tag} '
        f"{link(here, e.url, e.title)}{_status_tag(e)}"
        f'<br><span class="nx-evidence">{esc(detail)} · {plural(sources, "source")}</span>'
        + (f'<br><q class="nx-tl-snippet">{esc(snippet)}</q>' if snippet else "")
        + "</li>"
    )


def _filters(events: list[Event], names: dict[str, tuple[str, str]]) -> str:
    """Three selects; the script narrows the list, without it they do nothing."""
    actors = sorted(
        {p for e in events for p in e.participants if p in names},
        key=lambda i: (names[i][0].casefold(), i),
    )
    places = sorted(
        {e.place for e in events if e.place in names}, key=lambda i: (names[i][0].casefold(), i)
    )
    kinds = sorted({e.type for e in events}, key=type_name)

    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = "".join(f'<option value="{esc(v)}">{esc(t)}</option>' for v, t in options)
        return (
            f'<label>{esc(label)} <select id="nx-filter-{name}" data-filter="{name}">'
            f'<option value="">all</option>{opts}</select></label>'
        )

    return (
        '<form class="nx-tl-filter" id="nx-tl-filter" data-search-exclude>'
        + select("actor", "Actor", [(i, names[i][0]) for i in actors])
        + select("place", "Place", [(i, names[i][0]) for i in places])
        + select("type", "Type", [(k, type_name(k)) for k in kinds])
        + f' <output id="nx-tl-count">{plural(len(events), "event")}</output></form>\n'
    )
