"""Events stage: event mentions become events with entities, dates and sources.

Extraction found event mentions sentence by sentence (``extract_events``). Here
their names become entity ids, their date phrases become dates read against each
article's own publication date (``dates``), and mentions of one happening are
clustered into one event: the same family of type, shared participants, compatible
dates and places. Reports from different articles are only joined when both carry
a date, or when the two articles were published the same day; an undated mention
otherwise stays with its own article.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from functools import cached_property

from builder.extract.events import (
    LEAD,
    NOUN_TRIGGERS,
    STATEMENT_VERBS,
    VERB_HEADLINED,
)
from builder.gazetteer import Gazetteer
from builder.ingest.parse import estimated_reading_date, reading_date
from builder.model import (
    ACTOR_KINDS,
    Article,
    DateBasis,
    DatedValue,
    Entity,
    Event,
    EventMention,
    ExtractedArticle,
    Sentence,
)
from builder.text.dates import PRECISION_RANK, clause_date
from builder.text.lexicon import GOVERNMENT_BODIES
from builder.urls import Slugs, slug

#: Display label of each event type, in the order that breaks ties between types.
TYPE_LABELS = {
    "meeting": "Meeting",
    "summit": "Summit",
    "talks": "Talks",
    "visit": "Visit",
    "phone call": "Phone call",
    "agreement": "Agreement",
    "ceasefire": "Ceasefire",
    "shoot-down": "Shoot-down",
    "attack": "Attack",
    "coup": "Coup attempt",
    "election": "Election",
    "resignation": "Resignation",
    "veto": "Veto",
    "sanctions": "Sanctions",
    "withdrawal": "Withdrawal",
    "ouster": "Fall from power",
    "inauguration": "Inauguration",
    "announcement": "Announcement",
    "accusation": "Accusation",
    "condemnation": "Condemnation",
    "rejection": "Rejection",
    "warning": "Warning",
    "lawsuit": "Lawsuit",
    "arrest": "Arrest",
    "verdict": "Verdict",
    "fine": "Fine",
    "victory": "Victory",
    "other": "Other happening",
}
#: Types that may name one happening: a visit to hold talks is also a meeting.
FAMILIES = {
    "meeting": "encounter",
    "talks": "encounter",
    "visit": "encounter",
    "agreement": "agreement",
    "ceasefire": "agreement",
    "shoot-down": "attack",
    "attack": "attack",
}
MAX_TITLE_NAMES = 3
#: Date phrases that place a saying in a span, not on a day: "last week", "this week".
VAGUE_DAY = re.compile(r"\bweek", re.IGNORECASE)
#: How a title joins the targets to the label when no agent is named: "Sanctions on X".
TARGET_WORDS = {"attack": "on", "sanctions": "on", "coup": "against", "ouster": "of"}


@dataclass
class _Report:
    """One event mention with its names and date resolved."""

    mention: EventMention
    sentence: Sentence
    published: DatedValue | None
    participants: list[str]
    place: str | None
    date: DatedValue | None
    targets: list[str] = field(default_factory=list)
    #: Date phrases that could not be resolved: a date the text gives but we cannot read.
    unread: tuple[str, ...] = ()
    #: For an article that states no publication date, the day it was written as far
    #: as its text stamps it (``reading_date``): what dates what it tells as done.
    stamped: DatedValue | None = None
    #: For an article whose text stamps no day either, the day estimated from the dates it
    #: states (``estimated_reading_date``): what its "on Monday" is read against and what
    #: dates what it tells as done, as estimates.
    estimate: DatedValue | None = None
    #: ``date`` was read against ``estimate``.
    estimated: bool = False


@dataclass(eq=False)
class _Cluster:
    """Reports of one happening. What is read from them is kept until they change:
    clustering a large corpus asks a popular participant's clusters a million times."""

    reports: list[_Report] = field(default_factory=list)
    #: Everyone the reports name, kept up as reports join (not read again from them all):
    #: what matching asks of every candidate cluster.
    named: set[str] = field(init=False)

    def __post_init__(self) -> None:
        self.named = {p for r in self.reports for p in r.participants}

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        self.named.update(report.participants)
        self._changed()

    def sort(self) -> None:
        self.reports.sort(key=_order)
        self._changed()

    def _changed(self) -> None:
        for name in _CLUSTER_READINGS:
            self.__dict__.pop(name, None)

    @cached_property
    def participants(self) -> list[str]:
        """Agents first, then those acted upon ("Russia", then "Ukraine")."""
        targets = self.targets
        named = list(dict.fromkeys(p for r in self.reports for p in r.participants))
        return [p for p in named if p not in targets] + [p for p in named if p in targets]

    @cached_property
    def targets(self) -> list[str]:
        """Participants only ever acted upon in the reports, never acting."""
        agents = {p for r in self.reports for p in r.participants if p not in r.targets}
        return list(dict.fromkeys(t for r in self.reports for t in r.targets if t not in agents))

    @cached_property
    def place(self) -> str | None:
        return next((r.place for r in self.reports if r.place), None)

    @cached_property
    def date(self) -> DatedValue | None:
        dated = [r.date for r in self.reports if r.date is not None]
        return max(dated, key=lambda d: PRECISION_RANK[d.precision]) if dated else None

    @cached_property
    def articles(self) -> frozenset[str]:
        return frozenset(r.mention.article for r in self.reports)

    @cached_property
    def types(self) -> frozenset[str]:
        return frozenset(r.mention.type for r in self.reports)

    @cached_property
    def unread(self) -> frozenset[str]:
        return frozenset(phrase for r in self.reports for phrase in r.unread)

    @cached_property
    def statuses(self) -> frozenset[str]:
        return frozenset(r.mention.status for r in self.reports)

    @cached_property
    def family(self) -> str:
        return _family(self.reports[0].mention.type)


_CLUSTER_READINGS = tuple(
    name for name, value in vars(_Cluster).items() if isinstance(value, cached_property)
)


def find_events(
    articles: list[Article],
    extracted: list[ExtractedArticle],
    entities: list[Entity],
    gazetteer: Gazetteer | None = None,
) -> list[Event]:
    """Every event the articles report, each with all the sentences that report it.
    With the ``gazetteer``, a capital named as acting stands for its country."""
    by_id = {e.id: e for e in entities}
    seats = _seats(entities, gazetteer) if gazetteer is not None else {}
    bodies = _state_bodies(entities, gazetteer) if gazetteer is not None else {}
    entity_at = {(m.article, m.paragraph, m.start): e for e in entities for m in e.mentions}
    # a capital named as a party acts as its government; named as where, it stays a place
    party_at = {k: by_id.get(seats.get(e.id, ""), e) for k, e in entity_at.items()}
    published = {a.id: a.date for a in articles}
    stamped = {a.id: reading_date(a) for a in articles if a.date is None}
    estimates = {a.id: estimated_reading_date(a) for a in articles if a.date is None}
    reports: list[_Report] = []
    for result in extracted:
        sentences = {(s.paragraph, s.index): s for s in result.sentences}
        for mention in result.event_mentions:
            sentence = sentences.get((mention.paragraph, mention.sentence))
            if sentence is not None:
                report = _report(
                    mention, sentence, published.get(mention.article), (entity_at, party_at)
                )
                report = replace(report, stamped=stamped.get(mention.article))
                reports.append(_estimated(report, estimates.get(mention.article)))
    placed_only = [r for r in reports if not r.participants and r.date is None and r.place]
    # A statement, a verdict, a victory: nothing to tell without who.
    reports = [
        r
        for r in reports
        if (r.participants or (r.date is not None and r.mention.type not in VERB_HEADLINED))
        # "looks forward to meeting", "Northland accuses Southland of ...": neither dated
        # nor told as done nor announced, a wish or a standing position, not a happening
        and (r.date is not None or r.mention.past or r.mention.status == "scheduled")
    ]
    reports = [r for r in reports if not _side_statement(r)]
    clusters = _cluster(reports, by_id)
    _attach_placed(placed_only, clusters, by_id)
    return _events(clusters, by_id, bodies)


def _estimated(report: _Report, estimate: DatedValue | None) -> _Report:
    """The report with its article's estimated day: the date phrases extraction could not
    read without a day ("on Monday") read against it, as an estimate."""
    if estimate is None:
        return report
    report = replace(report, estimate=estimate)
    mention = report.mention
    if report.date is not None or not mention.dates:
        return report
    phrases = [phrase for _, _, phrase in mention.dates]
    date = clause_date(phrases, estimate, future=mention.status == "scheduled")
    return report if date is None else replace(report, date=date, unread=(), estimated=True)


def _seats(entities: list[Entity], gazetteer: Gazetteer) -> dict[str, str]:
    """Capital city entity id -> its country's entity id, for the countries that are
    entities: "Port Ellis cut ties with Carrow" tells what Northland's government did,
    as news writes a capital for its government (metonymy). A capital only ever takes
    part as its government: where a sentence has it as the place something happened
    ("talks in Port Ellis"), extraction gives it as the place, not as a party."""
    countries = {e.country: e.id for e in entities if e.kind == "country" and e.country}
    seats: dict[str, str] = {}
    for entity in entities:
        if entity.kind != "place" or entity.place_type != "city" or entity.country is None:
            continue
        country = countries.get(entity.country)
        if country is None:
            continue
        if any(
            p.kind == "city"
            and p.country == entity.country
            and (seat := gazetteer.capital_country(p)) is not None
            and seat.country == entity.country
            for p in gazetteer.candidates(entity.name)
        ):
            seats[entity.id] = country
    return seats


def _state_bodies(entities: list[Entity], gazetteer: Gazetteer) -> dict[str, str]:
    """Government body entity id -> its country's entity id, where the body's name opens
    with the country's demonym ("the Northlandic Foreign Ministry", "the Northlandic
    Government"): what it does, its country does, as "Northland's foreign ministry
    said" already reads (``_acts_through`` in extraction)."""
    countries = {e.country: e.id for e in entities if e.kind == "country" and e.country}
    bodies: dict[str, str] = {}
    for entity in entities:
        words = entity.name.split()
        if entity.kind != "organization" or len(words) < 2:
            continue
        if not {w.lower() for w in words[1:]} & GOVERNMENT_BODIES:
            continue
        country = gazetteer.demonym(words[0])
        if country is not None and country.country in countries:
            bodies[entity.id] = countries[country.country]
    return bodies


def _side_statement(report: _Report) -> bool:
    """A saying that is not a happening the article dates: what was said on a day the
    text names ("the ministry said on Wednesday") is; what was
    said "last week" or "in January", or on a day that cannot be read, is background
    to the story, and an answer given to the reporter ("said by phone Tuesday", "said
    in an interview") is the story's sourcing."""
    mention = report.mention
    if mention.lemma not in STATEMENT_VERBS:
        return False
    if mention.lead and report.date is None:
        # The saying a story leads with is the news of its day, where the day is known.
        published = report.published
        return mention.to_reporter or published is None or published.precision != "day"
    date = report.date
    return (
        mention.to_reporter
        or date is None
        or date.precision != "day"
        or any(VAGUE_DAY.search(phrase) for _, _, phrase in mention.dates)
    )


def _attach_placed(
    reports: list[_Report], clusters: list[_Cluster], entities: dict[str, Entity]
) -> None:
    """ "At the unannounced meeting in the resort, ...", "a summit ... to be held in X":
    a report naming only a place joins the one dated event of its type reported in the
    same article or the same day's news whose place agrees; with none or several, it is
    dropped (too little to stand alone)."""
    # The clusters with a report from each article and of each day's news: a placed
    # report looks only among those (comparing it with every cluster is quadratic).
    by_news: dict[tuple[str, str], list[_Cluster]] = defaultdict(list)
    for cluster in clusters:
        for key in {k for r in cluster.reports for k in _news_keys(r)}:
            by_news[key].append(cluster)
    for report in reports:
        near = {id(c): c for key in _news_keys(report) for c in by_news[key]}
        candidates = [
            c
            for c in near.values()
            if c.date is not None  # an undated event is too vague to anchor it
            and report.mention.type in c.types
            and _places_agree(report.place, c.place, entities)
        ]
        if len(candidates) == 1:
            cluster = candidates[0]
            for key in set(_news_keys(report)) - {
                k for r in cluster.reports for k in _news_keys(r)
            }:
                by_news[key].append(cluster)
            cluster.add(report)
            cluster.sort()


def _news_keys(report: _Report) -> list[tuple[str, str]]:
    """What ``_same_news`` compares: the article, and the day it was published."""
    keys = [("article", report.mention.article)]
    published = report.published
    if published is not None and published.precision == "day":
        keys.append(("day", published.value))
    return keys


def _same_news(a: _Report, b: _Report) -> bool:
    """Reports from one article, or from articles published the same day."""
    if a.mention.article == b.mention.article:
        return True
    return (
        a.published is not None
        and b.published is not None
        and a.published.precision == "day"
        and a.published.value == b.published.value
    )


def _report(
    mention: EventMention,
    sentence: Sentence,
    published: DatedValue | None,
    at: tuple[dict[tuple[str, int, int], Entity], dict[tuple[str, int, int], Entity]],
) -> _Report:
    """The mention's names as entities: ``at`` gives the entity named at a position, as
    a place and as a party (a capital's country)."""
    entity_at, party_at = at
    participants: list[str] = []
    targets: list[str] = []
    target_starts = {start for start, _ in mention.targets}
    place: str | None = None
    if mention.place is not None:
        found = entity_at.get((mention.article, mention.paragraph, mention.place[0]))
        place = found.id if found is not None else None
    for start, _ in mention.participants:
        entity = party_at.get((mention.article, mention.paragraph, start))
        if entity is None or entity.id in participants or _names_event(entity, mention.type):
            continue
        if entity.kind in ACTOR_KINDS:
            participants.append(entity.id)
            if start in target_starts:
                targets.append(entity.id)
        else:
            # A place the clause names as who acts or the other side: a party ("the
            # Carrow Museum said", a team under its town's name) and where it happened.
            participants.append(entity.id)
            if place is None:
                place = entity.id
    date = mention.date  # read at extraction, against the article's publication date
    unread = () if date is not None else tuple(phrase for _, _, phrase in mention.dates)
    return _Report(mention, sentence, published, participants, place, date, targets, unread)


def _names_event(entity: Entity, kind: str) -> bool:
    """ "the Port Ellis Agreement", "the Carrow Summit": the happening itself, named like an
    organisation, not a party to it."""
    last = entity.name.split()[-1].lower() if entity.name else ""
    return NOUN_TRIGGERS.get(last) == kind or NOUN_TRIGGERS.get(last.rstrip("s")) == kind


def _family(kind: str) -> str:
    return FAMILIES.get(kind, kind)


def _cluster(reports: list[_Report], entities: dict[str, Entity]) -> list[_Cluster]:
    """Group reports of one happening: dated reports first, then the undated join them.

    Only clusters that could match are scored: those of the same family sharing a
    participant, or, for a report naming nobody, those of the same family and day.
    This keeps a large corpus from comparing every report with every cluster.
    """
    clusters: list[_Cluster] = []
    by_name: dict[tuple[str, str], set[int]] = defaultdict(set)
    by_day: dict[tuple[str, str], set[int]] = defaultdict(set)
    ordered = sorted(reports, key=lambda r: (r.date is None, _order(r)))
    for report in ordered:
        family = _family(report.mention.type)
        day = report.date.value if report.date and report.date.precision == "day" else ""
        if report.participants:
            candidates = _could_match(report, clusters, by_name, family)
        else:
            candidates = set(by_day[(family, day)]) if day else set()
        best, best_score = None, 0
        for index in sorted(candidates):  # creation order: ties go to the oldest
            score = _match(report, clusters[index], entities)
            if score > best_score:
                best, best_score = index, score
        if best is None:
            best = len(clusters)
            clusters.append(_Cluster([report]))
        else:
            clusters[best].add(report)
        for p in report.participants:
            by_name[(family, p)].add(best)
        if not report.participants and day:
            by_day[(family, day)].add(best)
    for cluster in clusters:
        cluster.sort()
    return clusters


def _could_match(
    report: _Report,
    clusters: list[_Cluster],
    by_name: dict[tuple[str, str], set[int]],
    family: str,
) -> set[int]:
    """The clusters sharing a participant that ``_match`` does not refuse at once: as many
    participants in common as it asks for, and no date against the report's. A popular
    participant's clusters number thousands, and ``_match`` on each of them was most of
    the events stage at 5,000 articles; these are two of its own refusals, counted over
    the index first (``by_name`` holds a cluster under each of its participants)."""
    shared = Counter(i for p in dict.fromkeys(report.participants) for i in by_name[(family, p)])
    named, date = len(report.participants), report.date
    return {
        i
        for i, count in shared.items()
        if count >= min(2, named, len(clusters[i].named))
        and (date is None or (other := clusters[i].date) is None or _dates_agree(date, other))
    }


def _order(report: _Report) -> tuple[str, int, int, int]:
    m = report.mention
    return (m.article, m.paragraph, m.sentence, m.start)


def _match(report: _Report, cluster: _Cluster, entities: dict[str, Entity]) -> int:
    """How well a report fits a cluster: 0 for not at all, else shared participants."""
    if _family(report.mention.type) != cluster.family:
        return 0
    if not _places_agree(report.place, cluster.place, entities):
        return 0
    if _same_nameless_happening(report, cluster, entities):
        return 1
    shared = len(cluster.named.intersection(report.participants))
    # Two names in common when both sides have two: A calling B and A
    # calling C are two calls.
    if shared == 0 or shared < min(2, len(report.participants), len(cluster.named)):
        return 0
    same_article = report.mention.article in cluster.articles
    date = cluster.date
    if report.unread and (date is not None or cluster.unread - set(report.unread)):
        return 0  # "in November" we cannot place is still not "in 2020"
    if report.date is not None and date is not None:
        if not _dates_agree(report.date, date):
            return 0
        # A shared day is strong evidence; a shared month or year across articles
        # needs two shared participants.
        coarse = "day" not in (report.date.precision, date.precision)
        return 0 if coarse and not same_article and shared < 2 else shared
    if _news_of_its_day(report, date):
        return 0
    if same_article:
        # Within an article, the same family of happening with the same people and
        # no date against it is one happening told twice ("the envoy's visit" ...
        # "he met the president"); on one name only, not when one is still to come
        # and the other done ("is hosting meetings next week" after "met on Monday").
        return shared if shared >= 2 or report.mention.status in cluster.statuses else 0
    # Undated reports in different articles: only the same day's news, naming two
    # of the same participants or one and the same place, is safely one happening.
    same_day = any(_same_news(r, report) for r in cluster.reports)
    same_place = report.place is not None and report.place == cluster.place
    # The same type, the same people and nothing against it, in the same day's news,
    # or also the same place named in any article: one happening under one title.
    same_type = report.mention.type in cluster.types
    same_people = set(report.participants) == cluster.named
    if same_type and same_people and (same_day or same_place):
        return shared
    return shared if same_day and (shared >= 2 or same_place) else 0


#: Days a dated happening may lie before the report that tells, undated, of one done.
NEWS_DAYS = 7


def _news_of_its_day(report: _Report, date: DatedValue | None) -> bool:
    """An undated report told as done and not as before another ("met", not "had met")
    tells the news of its article's day (``_report_date``): it is not the happening a
    caption or a passage dates weeks before ("a visit on 18 October" in a story of
    10 November). A span ("last week") counts from its last day."""
    published = report.published
    if report.date is not None or date is None or date.precision != "day":
        return False
    if published is None or published.precision != "day" or report.unread:
        return False
    if not report.mention.past or report.mention.earlier:
        return False
    gap = dt.date.fromisoformat(published.value) - dt.date.fromisoformat(date.end or date.value)
    return gap.days > NEWS_DAYS


def _same_nameless_happening(
    report: _Report, cluster: _Cluster, entities: dict[str, Entity]
) -> bool:
    """Reports naming no participant join on type, the same day and an agreeing place.

    "A meeting scheduled Wednesday in Riyadh" and "a gathering in Riyadh, also on
    Wednesday", from two articles of the same day.
    """
    date = cluster.date
    return (
        not report.participants
        and not cluster.participants
        and report.date is not None
        and date is not None
        and report.date.precision == "day"
        and date.precision == "day"
        and report.date.value == date.value
        and any(r.mention.type == report.mention.type for r in cluster.reports)
        and (report.place is not None or cluster.place is not None)
        and _places_agree(report.place, cluster.place, entities)
    )


def _dates_agree(a: DatedValue, b: DatedValue) -> bool:
    """One date falls within the other's precision ("2017-11-20" within "2017-11")."""
    a_first, a_last = a.value, a.end or a.value
    b_first, b_last = b.value, b.end or b.value
    return (
        a_first.startswith(b_first)
        or b_first.startswith(a_first)
        or (a_first <= b_last and b_first <= a_last)
    )


def _places_agree(a: str | None, b: str | None, entities: dict[str, Entity]) -> bool:
    """Unknown agrees with anything; a city agrees with its own country."""
    if a is None or b is None or a == b:
        return True
    ea, eb = entities.get(a), entities.get(b)
    if ea is None or eb is None or not ea.country or ea.country != eb.country:
        return False
    return ea.kind == "country" or eb.kind == "country"


def _events(
    clusters: list[_Cluster], entities: dict[str, Entity], bodies: dict[str, str] | None = None
) -> list[Event]:
    """The clusters as events; ``bodies`` gives the country a government body acts for
    (``_state_bodies``): it takes part with it."""
    events: list[Event] = []
    countries = {e.country: e.id for e in entities.values() if e.kind == "country" and e.country}
    for cluster in clusters:
        kind = _kind(cluster)
        place = _specific_place(cluster, entities)
        participants = cluster.participants
        unnamed = (
            "agent"
            if all(r.mention.unnamed_agent for r in cluster.reports)
            else "partner"
            if all(r.mention.unnamed_partner for r in cluster.reports)
            else ""
        )
        if kind in VERB_HEADLINED:
            title = _verb_title(cluster, kind, participants, entities)
        else:
            title = _title(kind, participants, place, entities, cluster.targets, unnamed)
        status = "scheduled" if _scheduled(cluster) else "reported"
        named = len(participants)
        participants = _with_host(kind, participants, place, entities, countries)
        states = [bodies[p] for p in participants if bodies and p in bodies]
        participants = list(dict.fromkeys([*participants, *states]))
        sources = list(dict.fromkeys(r.sentence for r in cluster.reports))
        date, basis = cluster.date, _text_basis(cluster)
        # naming no one, only where (its country a party by ``_with_host``), is still
        # naming no one
        if not named and _background_year(cluster):
            continue
        if date is None and status == "reported":
            date, basis = _report_date(cluster)
        events.append(
            Event(
                "",
                title,
                kind,
                date,
                place,
                participants,
                sources,
                status,
                date_basis=basis if date is not None else None,
                mutual=not _apart(kind, unnamed, named),
            )
        )
    return with_ids(sorted(events, key=_sort_key))


#: Types whose country of place is a party even beside those named: a visit's host, an
#: election's polity ("Jane Roe visits Northland": Northland receives her).
HOSTED = frozenset({"visit", "election"})


def _with_host(
    kind: str,
    participants: list[str],
    place: str | None,
    entities: dict[str, Entity],
    countries: dict[str, str],
) -> list[str]:
    """The participants, with the country a visit went to or an election was held in
    (the country itself, or the country of the city named), and for an event naming no
    one, the country it happened in (``_party_of_place``). ``countries``: ISO code ->
    the country entity's id."""
    if not participants:
        return _party_of_place(kind, place, entities, countries)
    where = entities.get(place) if place is not None else None
    if kind not in HOSTED or where is None or where.country is None:
        return participants
    host = where.id if where.kind == "country" else countries.get(where.country)
    return participants if host is None or host in participants else [*participants, host]


def _party_of_place(
    kind: str, place: str | None, entities: dict[str, Entity], countries: dict[str, str]
) -> list[str]:
    """An event that names no one but where it happened: the country it happened in is
    its party ("a visit to Northland": Northland hosts it; "the coup in Northland"; "the
    attack in Port Ellis": Northland's, where Port Ellis lies), as is any place that
    holds an election (its voters elect). Its title still names the place as where
    ("Visit in Northland"), not as who acted. ``countries``: ISO code -> the country
    entity's id."""
    entity = entities.get(place) if place is not None else None
    if entity is None:
        return []
    if entity.kind == "country" or kind == "election":
        return [entity.id]
    country = countries.get(entity.country) if entity.country else None
    return [country] if country is not None else []


def _apart(kind: str, unnamed: str, named: int) -> bool:
    """Whether an encounter's named participants did not meet one another: its host is
    unnamed ("the junta chief met A and B"), or the other side is and more than one is
    named on this one ("A and B negotiated with the government")."""
    return kind in HEADLINES and (unnamed == "agent" or (unnamed == "partner" and named > 1))


def _background_year(cluster: _Cluster) -> bool:
    """A happening dated only by a year or a month before the one every report was
    written in: "since the 2014 election", "a deal signed in 2005", "a deal reached in
    July" in a story of October. Naming no one, it is history the story recalls in
    passing, not a happening it reports: too little to index. An article that states no
    publication date is read against the day its text stamps or its estimated day."""
    date = cluster.date
    if date is None or date.precision not in ("year", "month"):
        return False
    width = 4 if date.precision == "year" else 7
    written = [r.published or r.stamped or r.estimate for r in cluster.reports]
    return all(
        w is not None
        and len(w.value) >= width
        and (date.end or date.value)[:width] < w.value[:width]
        for w in written
    )


def _text_basis(cluster: _Cluster) -> DateBasis:
    """ "estimated" when the cluster's date was read only against an estimated day."""
    date = cluster.date
    dating = [r for r in cluster.reports if date is not None and r.date == date]
    return "estimated" if dating and all(r.estimated for r in dating) else "text"


def _report_date(cluster: _Cluster) -> tuple[DatedValue | None, DateBasis]:
    """The publication day of the earliest report, for a happening no report dates,
    that one tells as done ("met", "has met"), none as before another ("had met") and
    none with a date phrase we could not read. An article that states no publication
    date counts with the day its text stamps ("Jan 22, 2026 | 0 comments", a caption
    of the day's picture its weekdays name: ``reading_date``); else with the latest
    date it mentions where its weekdays agree (``estimated_reading_date``), an estimate
    and said so ("estimated"); a latest date alone never counts."""
    if any(r.mention.earlier or r.unread for r in cluster.reports):
        return None, "report"
    if not any(r.mention.past for r in cluster.reports):
        return None, "report"
    days: list[tuple[str, int, DatedValue, DateBasis]] = []
    for r in cluster.reports:
        day = r.published or r.stamped
        if day is not None and day.precision == "day":
            days.append((day.value, 0, day, "report"))
        elif r.estimate is not None:
            days.append((r.estimate.value, 1, r.estimate, "estimated"))
    if not days:
        return None, "report"
    _, _, day, basis = min(days, key=lambda d: (d[0], d[1]))
    return day, basis


def with_ids(events: list[Event]) -> list[Event]:
    """The events, in this order, with unique ids from their titles and dates."""
    ids = Slugs()
    return [
        replace(event, id=ids.unique(slug(f"{event.title} {_day(event)}") or "event"))
        for event in events
    ]


def _day(event: Event) -> str:
    return event.date.value if event.date else ""


def _scheduled(cluster: _Cluster) -> bool:
    """Expected rather than done: every report says so, or its date is still to come."""
    if all(r.mention.status == "scheduled" for r in cluster.reports):
        return True
    date = cluster.date
    published = [r.published for r in cluster.reports]
    if (
        date is None
        or date.precision != "day"
        or any(p is None or p.precision != "day" for p in published)
    ):
        return False
    return date.value > max(p.value for p in published if p is not None)


def _sort_key(event: Event) -> tuple[bool, str, str, str]:
    date = event.date
    first = min(event.sources, key=lambda s: (s.article, s.paragraph, s.index))
    where = f"{first.article}/{first.paragraph:05d}/{first.index:03d}"
    return (date is None, date.value if date else "", event.title, where)


def _kind(cluster: _Cluster) -> str:
    counts = Counter(r.mention.type for r in cluster.reports)
    order = list(TYPE_LABELS)
    return min(counts, key=lambda k: (-counts[k], order.index(k) if k in order else len(order)))


def _specific_place(cluster: _Cluster, entities: dict[str, Entity]) -> str | None:
    """The most specific place the reports give: a city over its country."""
    places = [r.place for r in cluster.reports if r.place]
    non_country = [p for p in places if p in entities and entities[p].kind != "country"]
    return (non_country or places or [None])[0]


#: Index-line titles, as a newspaper's index writes them: (more than one actor, one
#: actor). Only where the title claims nothing the extraction does not know: everyone in
#: a meeting, talks or a call takes part alike; an attack or sanctions name who acts only
#: when the text also says upon whom (``HEADLINES_UPON``). Any other event is "Label:
#: names": "Coup attempt: Jane Roe" does not say who tried it, and "Agreement: A and B"
#: does not say that A, rather than a mediator named with them, signed.
HEADLINES = {
    "meeting": ("{who} meet", "{who} holds a meeting"),
    "summit": ("{who} hold a summit", "{who} holds a summit"),
    "talks": ("{who} hold talks", "{who} holds talks"),
    "visit": ("{who} visit {where}", "{who} visits {where}"),
    "phone call": ("{who} speak by phone", "{who} makes a phone call"),
}
#: Titles for events whose text says whom the actors act upon (``{whom}``).
HEADLINES_UPON = {
    "attack": ("{who} attack {whom}", "{who} attacks {whom}"),
    "coup": ("{who} attempt a coup against {whom}", "{who} attempts a coup against {whom}"),
    "sanctions": ("{who} impose sanctions on {whom}", "{who} imposes sanctions on {whom}"),
    "ouster": ("{who} oust {whom}", "{who} ousts {whom}"),
}


def _title(
    kind: str,
    participants: list[str],
    place: str | None,
    entities: dict[str, Entity],
    targets: list[str] | None = None,
    unnamed: str = "",
) -> str:
    """An index line: "Jane Roe and John Doe meet in Port Ellis", "Northland attacks
    Southland", "Sanctions on Northland", "Resignation: Jane Roe"; at most three names.
    ``unnamed`` says which side of an encounter the text leaves unnamed ("agent" or
    "partner"), so that the names are not paired as meeting each other."""
    label = TYPE_LABELS.get(kind, kind.capitalize())
    word = TARGET_WORDS.get(kind)
    acted = [p for p in (targets or []) if p in entities] if word else []
    agents = [entities[p].name for p in participants if p in entities and p not in acted]
    objects = _names([entities[p].name for p in acted], MAX_TITLE_NAMES - min(len(agents), 2))
    where = entities[place].name if place in entities and place not in participants else None
    who = _names(agents, MAX_TITLE_NAMES - min(len(acted), 1))
    templates = (HEADLINES_UPON if objects else HEADLINES).get(kind)
    if templates is None or not agents:
        title = f"{label}: {who}" if who else label
        title = f"{label} {word} {objects}" if objects else title  # "Sanctions on Northland"
        return f"{title} in {where}" if where else title
    if _apart(kind, unnamed, len(agents)):
        # "The junta chief met A and B", "A and B negotiated with the government": A and
        # B did not meet each other
        title = f"{label} with {who}" if unnamed == "agent" else f"{label}: {who}"
        return f"{title} in {where}" if where else title
    template = templates[0] if len(agents) > 1 else templates[1]
    if "{where}" in template and where is None:
        template = template.replace(" {where}", "")
    elif where is not None and "{where}" not in template:
        template += " in {where}"
    return template.format(who=who, whom=objects, where=where)


#: How a verb-titled event's label joins those acted upon when no one acting is named.
VERB_UPON = {"accusation": "against", "lawsuit": "against", "verdict": "against", "fine": "on"}


def _verb_title(
    cluster: _Cluster, kind: str, participants: list[str], entities: dict[str, Entity]
) -> str:
    """The text's own verb between who acts and upon what: "Northland accuses
    Southland", "Jane Roe sues the company"; "Warning: Jane Roe" when the text names no
    one acting or nothing acted upon."""
    reports = [r for r in cluster.reports if r.mention.type == kind]
    lemma = Counter(r.mention.lemma for r in reports).most_common(1)[0][0]
    acted = [entities[p].name for p in cluster.targets if p in entities]
    agents = [entities[p].name for p in participants if p in entities and p not in cluster.targets]
    # "rejected Jane Roe's remarks": the phrase, which the names in it do not say
    upon = next((r.mention.object for r in reports if r.mention.object), "") or _names(
        acted, MAX_TITLE_NAMES - 1
    )
    label = TYPE_LABELS.get(kind, kind.capitalize())
    passive = next((r.mention.trigger for r in reports if r.mention.passive), "")
    if kind == LEAD and not agents and acted and passive:
        # "Acme was fined in 2009": "Acme fined", as an index line puts it
        return f"{_names(acted, MAX_TITLE_NAMES)} {passive.lower()}"
    if not agents and acted:
        # "Arrest of John Doe": the text names no one acting, and never "Arrest: John Doe"
        return f"{label} {VERB_UPON.get(kind, 'of')} {_names(acted, MAX_TITLE_NAMES)}"
    if not upon:
        return f"{label}: {_names(agents, MAX_TITLE_NAMES)}"  # "Warning: Jane Roe"
    verb = lemma if len(agents) > 1 else third_person(lemma)
    return " ".join(w for w in (_names(agents, MAX_TITLE_NAMES - 1), verb, upon) if w)


def third_person(lemma: str) -> str:
    """ "sue" -> "sues", "accuse" -> "accuses", "deny" -> "denies"; English's present
    third person is regular but for "be" and "have" (lemminflect was checked: a
    dependency and its data for what four rules do)."""
    if lemma in ("be", "have"):
        return {"be": "is", "have": "has"}[lemma]
    if lemma.endswith(("s", "sh", "ch", "x", "z", "o")):
        return lemma + "es"
    if lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        return lemma[:-1] + "ies"
    return lemma + "s"


def _names(names: list[str], limit: int) -> str:
    """ "A", "A and B", "A, B and C", "A, B and others" within ``limit`` names."""
    shown = names[: max(limit, 1)]
    if len(names) > len(shown):
        return ", ".join(shown) + " and others"
    if len(shown) > 1:
        return ", ".join(shown[:-1]) + " and " + shown[-1]
    return "".join(shown)
