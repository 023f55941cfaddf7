"""Relations stage: who is connected to whom, how strongly, and since when.

Two kinds of relation, both between resolved entities and both kept with their
evidence (article, paragraph, sentence and a date):

* ``co-occurrence``: two entities named in the same sentence (weight 1 a sentence),
  or only in the same paragraph (weight :data:`PARAGRAPH_WEIGHT` a paragraph, evidence
  without a sentence): weaker, since a paragraph often lists names that have nothing
  to do with each other.
* typed relations stated by a sentence (``met``, ``called``, ``supports``, ``opposes``,
  ``negotiates``, ``sanctions``, ``accuses``, ``praises``, ``mediates``; see
  ``builder.extract.relations``) between actors, with their direction, weighted by the
  number of sentences. Negated or hypothetical statements are left out. Events whose
  type is a meeting or a negotiation, and that happened, add their participants'
  ``met`` or ``negotiates`` relation, with as evidence only the event's sentences
  that name both, neither as who reports the event (people only, when people take part:
  see :func:`_event_pairs`).

The date of co-occurrence evidence is the date of the event that its sentence reports
when there is one, else the first explicit date in the sentence (a year, a month and
year, or a full date), else the article's publication date, else none. A stated
relation takes the date its own clause gives (read against the publication date:
"on Monday"), else that of an event of the same kind between the same two, else the
publication date. Evidence is sorted by date, so a relation reads as a history.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from builder.extract.relations import EVENT_NOUNS, SYMMETRIC
from builder.model import (
    ACTOR_KINDS,
    Article,
    DatedValue,
    Entity,
    Event,
    Evidence,
    ExtractedArticle,
    Mention,
    Relation,
    Sentence,
    StatedRelation,
)
from builder.text.dates import first_explicit_date, resolve_date

CO_OCCURRENCE = "co-occurrence"
#: Weight of one paragraph naming two entities in no common sentence (a sentence is 1).
PARAGRAPH_WEIGHT = 0.25

SentenceKey = tuple[str, int, int]


class _Dates:
    """The date of each sentence's evidence (see the module docstring)."""

    def __init__(
        self, articles: list[Article], extracted: list[ExtractedArticle], events: list[Event]
    ) -> None:
        self.articles = {a.id: a for a in articles}
        self.spans = {(s.article, s.paragraph, s.index): s for e in extracted for s in e.sentences}
        self.events: dict[SentenceKey, DatedValue] = {}
        self.dated_events: dict[SentenceKey, list[Event]] = defaultdict(list)
        #: Each sentence's first explicit date, read once: a sentence naming n actors is
        #: the evidence of n(n-1)/2 pairs.
        self._dates_stated: dict[SentenceKey, DatedValue | None] = {}
        for event in events:
            if event.date is None or event.date_basis in ("report", "estimated"):
                continue  # the publication date, which _published gives as such, or a guess
            for s in event.sources:
                key = (s.article, s.paragraph, s.index)
                self.events.setdefault(key, event.date)
                self.dated_events[key].append(event)

    def of(self, article: str, paragraph: int, sentence: int | None) -> Evidence:
        """Co-occurrence evidence: the sentence's event, else its first explicit date."""
        if sentence is not None:
            key = (article, paragraph, sentence)
            if key in self.events:
                return Evidence(article, paragraph, sentence, self.events[key], "event")
            found = self._stated(key)
            if found is not None:
                return Evidence(article, paragraph, sentence, found, "sentence")
        return self._published(article, paragraph, sentence)

    def stated(self, r: StatedRelation, ends: tuple[str, str]) -> Evidence:
        """A stated relation's evidence, dated by its own clause only.

        Another date in the sentence may belong to another clause ("X called Y ahead
        of a meeting scheduled Wednesday"): only the phrase that hangs from the
        relation's clause counts, then an event of the same kind between the same two
        (the same happening), then the publication date.
        """
        published = self.articles[r.article].date
        if r.date:
            found = resolve_date(r.date, published) or first_explicit_date(r.date)
            if found is not None:
                return Evidence(r.article, r.paragraph, r.sentence, found, "sentence")
        for event in self.dated_events.get((r.article, r.paragraph, r.sentence), []):
            if _event_kind(event) == r.type and set(ends) <= set(event.participants):
                return Evidence(r.article, r.paragraph, r.sentence, event.date, "event")
        return self._published(r.article, r.paragraph, r.sentence)

    def _published(self, article: str, paragraph: int, sentence: int | None) -> Evidence:
        published = self.articles[article].date
        return Evidence(article, paragraph, sentence, published, "article" if published else None)

    def _stated(self, key: SentenceKey) -> DatedValue | None:
        if key not in self._dates_stated:
            text = self.text(key)
            self._dates_stated[key] = first_explicit_date(text) if text else None
        return self._dates_stated[key]

    def text(self, key: SentenceKey) -> str:
        span = self.spans.get(key)
        article = self.articles.get(key[0])
        if span is None or article is None or not 0 < key[1] <= len(article.paragraphs):
            return ""
        return article.paragraphs[key[1] - 1].text[span.start : span.end]


def find_relations(
    articles: list[Article],
    extracted: list[ExtractedArticle],
    entities: list[Entity],
    events: list[Event],
) -> list[Relation]:
    """Every co-occurrence and typed relation of the corpus, strongest first per type."""
    entity_of: dict[Mention, Entity] = {m: e for e in entities for m in e.mentions}
    dates = _Dates(articles, extracted, events)
    found = _Found()
    for kind, a, b, evidence in _co_occurrences(extracted, entity_of, dates):
        found.add(kind, a, b, evidence)
    denied: set[tuple[SentenceKey, frozenset[str]]] = set()
    parsed: set[tuple[SentenceKey, str]] = set()  # sentences whose grammar gave the pairs
    for kind, a, b, evidence in _stated(extracted, entity_of, dates, denied):
        found.add(kind, a, b, evidence)
        parsed.add(((evidence.article, evidence.paragraph, evidence.sentence), kind))
    kinds = {e.id: e.kind for e in entities}
    named = _named_in_sentences(extracted, entity_of)
    reporting = _reporting_in_sentences(extracted, entity_of)
    one_side = _one_sided_sentences(extracted)
    names = _Names(entities)
    for kind, ids, sentence in _event_relations(events):
        key = (sentence.article, sentence.paragraph, sentence.index)
        if key in one_side:
            # "The junta chief met A and B" told beside "C met A": the event is mutual,
            # but this sentence names only one side of its encounter.
            continue
        if (key, kind) in parsed:
            # "X met A, B and C": the grammar pairs X with each; every pair of the
            # event's participants would have A meet B.
            continue
        text = dates.text(key)
        here = named.get(key, set()) | {i for i in ids if names(text, i)}
        for a, b in _event_pairs(ids, here - reporting.get(key, set()), kinds):
            if (key, frozenset((a, b))) not in denied:
                found.add(kind, a, b, dates.of(*key))
    return found.relations()


class _Found:
    """Evidence by (source, target, type), one piece per sentence."""

    def __init__(self) -> None:
        self.evidence: dict[tuple[str, str, str], dict[tuple[str, int, int | None], Evidence]]
        self.evidence = defaultdict(dict)

    def add(self, kind: str, a: str, b: str, evidence: Evidence) -> None:
        if a == b:
            return
        if kind in SYMMETRIC or kind == CO_OCCURRENCE:
            a, b = sorted((a, b))
        self.evidence[(a, b, kind)].setdefault(
            (evidence.article, evidence.paragraph, evidence.sentence), evidence
        )

    def relations(self) -> list[Relation]:
        relations = []
        for (source, target, kind), evidence in self.evidence.items():
            ordered = sorted(evidence.values(), key=_evidence_order)
            if kind == CO_OCCURRENCE:
                weight = sum(1 if e.sentence is not None else PARAGRAPH_WEIGHT for e in ordered)
            else:
                weight = len(ordered)
            relations.append(Relation(source, target, kind, weight, ordered))
        return sorted(
            relations,
            key=lambda r: (r.type != CO_OCCURRENCE, r.type, -r.weight, r.source, r.target),
        )


def _stated(
    extracted: list[ExtractedArticle],
    entity_of: dict[Mention, Entity],
    dates: _Dates,
    denied: set[tuple[SentenceKey, frozenset[str]]],
) -> Iterable[tuple[str, str, str, Evidence]]:
    """Relations the sentences state between two actors; denied ones go to ``denied``."""
    for result in extracted:
        for r in result.relations:
            source, target = entity_of.get(r.source), entity_of.get(r.target)
            if source is None or target is None or not _actors(source, target):
                continue
            if r.negated or r.hypothetical:
                # "refused to meet" is never reported as a meeting, nor is the same
                # sentence taken as a meeting's evidence by way of an event.
                denied.add(
                    ((r.article, r.paragraph, r.sentence), frozenset((source.id, target.id)))
                )
                continue
            yield r.type, source.id, target.id, dates.stated(r, (source.id, target.id))


def _co_occurrences(
    extracted: list[ExtractedArticle], entity_of: dict[Mention, Entity], dates: _Dates
) -> Iterable[tuple[str, str, str, Evidence]]:
    for result in extracted:
        by_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
        for m in result.mentions:
            entity = entity_of.get(m)
            if entity is not None:
                by_sentence[(m.paragraph, m.sentence)].add(entity.id)
        by_paragraph: dict[int, list[set[str]]] = defaultdict(list)
        for (paragraph, sentence), ids in sorted(by_sentence.items()):
            by_paragraph[paragraph].append(ids)
            if len(ids) > 1:
                evidence = dates.of(result.article, paragraph, sentence)
                for a, b in _pairs(ids):
                    yield CO_OCCURRENCE, a, b, evidence
        for paragraph, groups in sorted(by_paragraph.items()):
            together = {pair for ids in groups for pair in _pairs(ids)}
            named = set().union(*groups)
            apart = [pair for pair in _pairs(named) if pair not in together]
            if apart:
                evidence = dates.of(result.article, paragraph, None)
                for a, b in apart:
                    yield CO_OCCURRENCE, a, b, evidence


def _event_kind(event: Event) -> str | None:
    word = event.type.lower().split()[-1] if event.type else ""
    return EVENT_NOUNS.get(word) or EVENT_NOUNS.get(word.rstrip("s"))


def _event_relations(events: list[Event]) -> Iterable[tuple[str, list[str], Sentence]]:
    """Meetings and negotiations that the events stage found, with their sources.

    Only what happened: a meeting announced or expected is not a meeting.
    """
    for event in events:
        kind = _event_kind(event)
        if kind not in SYMMETRIC or event.status != "reported" or not event.mutual:
            continue  # "the junta chief met A and B": A did not meet B
        for sentence in event.sources:
            yield kind, event.participants, sentence


def _event_pairs(
    participants: list[str], named: set[str], kinds: dict[str, str]
) -> list[tuple[str, str]]:
    """The pairs of an event's participants that one of its sentences can vouch for.

    Both must be named in that sentence (an event's sources are sentences about it,
    not each a list of who took part). When people take part, they are the parties:
    the countries and organisations named beside them are mostly whom they serve
    ("UN envoy X", "Chile's foreign minister", "X's visit to Y").
    """
    actors = {i for i in participants if i in named and kinds.get(i) in ACTOR_KINDS}
    people = {i for i in actors if kinds[i] == "person"}
    return _pairs(people or actors)


class _Names:
    """Whether a sentence names an entity by one of the forms the corpus uses for it
    (extraction may have read a name as something else in that very sentence).

    One pattern per entity, made on first use: a country has thousands of mentions but a
    handful of forms, and its events' sentences are asked about it thousands of times.
    """

    def __init__(self, entities: list[Entity]) -> None:
        self.entities = {e.id: e for e in entities}
        self.patterns: dict[str, re.Pattern[str] | None] = {}

    def __call__(self, text: str, entity_id: str) -> bool:
        if entity_id not in self.patterns:
            self.patterns[entity_id] = self._pattern(entity_id)
        pattern = self.patterns[entity_id]
        return pattern is not None and pattern.search(text) is not None

    def _pattern(self, entity_id: str) -> re.Pattern[str] | None:
        entity = self.entities.get(entity_id)
        if entity is None:
            return None
        forms = {entity.name, *(m.text for m in entity.mentions)}
        forms = sorted((f for f in forms if len(f) > 2), key=lambda f: (-len(f), f))
        if not forms:
            return None
        return re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, forms))})(?!\w)")


def _named_in_sentences(
    extracted: list[ExtractedArticle], entity_of: dict[Mention, Entity]
) -> dict[SentenceKey, set[str]]:
    named: dict[SentenceKey, set[str]] = defaultdict(set)
    for result in extracted:
        for m in result.mentions:
            entity = entity_of.get(m)
            if entity is not None:
                named[(result.article, m.paragraph, m.sentence)].add(entity.id)
    return named


def _reporting_in_sentences(
    extracted: list[ExtractedArticle], entity_of: dict[Mention, Entity]
) -> dict[SentenceKey, set[str]]:
    """Who reports the events each sentence tells of ("X said that ... talks with Y"):
    named there, but not a party to them."""
    reporting: dict[SentenceKey, set[str]] = defaultdict(set)
    for result in extracted:
        at = {(m.paragraph, m.start): m for m in result.mentions}
        for event in result.event_mentions:
            for start, _ in event.reporters:
                mention = at.get((event.paragraph, start))
                entity = entity_of.get(mention) if mention is not None else None
                if entity is not None:
                    reporting[(result.article, event.paragraph, event.sentence)].add(entity.id)
    return reporting


def _one_sided_sentences(extracted: list[ExtractedArticle]) -> set[SentenceKey]:
    """Sentences telling an encounter whose named participants are all on one side: its
    subject names no one ("the junta chief met A and B") or its other side is no one
    named ("A and B negotiated with the government"). A and B did not meet each other
    there, whatever other sentences about the same event say."""
    return {
        (result.article, m.paragraph, m.sentence)
        for result in extracted
        for m in result.event_mentions
        if m.unnamed_agent or m.unnamed_partner
    }


def _pairs(ids: set[str]) -> list[tuple[str, str]]:
    ordered = sorted(ids)
    return [(a, b) for i, a in enumerate(ordered) for b in ordered[i + 1 :]]


def _actors(a: Entity, b: Entity) -> bool:
    return a.kind in ACTOR_KINDS and b.kind in ACTOR_KINDS


def _evidence_order(e: Evidence) -> tuple:
    return (
        e.date is None,
        e.date.value if e.date else "",
        e.article,
        e.paragraph,
        -1 if e.sentence is None else e.sentence,
    )
