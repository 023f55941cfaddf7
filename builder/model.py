"""The data that moves between stages: plain dataclasses, no behaviour beyond views.

Every stage takes and returns these; nothing here imports MkDocs, spaCy or any
stage module, so the whole corpus can be built, exported and tested without them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from builder.urls import Urls

Severity = Literal["error", "warning", "info"]
ParagraphKind = Literal["text", "heading"]
DatePrecision = Literal["day", "month", "year"]
#: Where a build reports what it is doing (a logger's ``info``, ``print``).
Progress = Callable[[str], None]

#: Entity kinds. Countries are both actors and places.
Kind = Literal["person", "organization", "country", "group", "place"]
ACTOR_KINDS: tuple[Kind, ...] = ("person", "organization", "country", "group")
PLACE_KINDS: tuple[Kind, ...] = ("place",)
KINDS: tuple[Kind, ...] = ACTOR_KINDS + PLACE_KINDS
#: A reported event happened; a scheduled one is announced or expected, not yet a fact.
EventStatus = Literal["reported", "scheduled"]
DateBasis = Literal["text", "report", "estimated"]
#: What the build made of a curated file (see ``CuratedFile``).
CurationStatus = Literal["applied", "merged", "hidden", "orphan", "malformed", "rules"]


def printable(name: str) -> str:
    """A file name fit for a terminal and a log line: newlines, escape sequences and other
    controls shown escaped ("\\n", "\\x1b"), so a name can fake no line and no colour."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


@dataclass(frozen=True)
class Problem:
    """Something wrong with one input file; the build goes on without that part."""

    source: str
    message: str
    severity: Severity = "warning"

    def __str__(self) -> str:
        return f"{printable(self.source)}: {self.message}"


#: Worst last: a file's folded line takes the worst severity of its problems.
SEVERITIES: tuple[Severity, ...] = ("info", "warning", "error")


def one_line_per_file(problems: list[Problem]) -> list[Problem]:
    """The problems of each file folded into one, in the order files first appear.

    A file can be odd in several ways at once (an encoding, no headline, a language);
    the log gives it one line naming it, with every distinct message and the worst
    severity, rather than a line per fact.
    """
    folded: dict[str, list[Problem]] = {}
    for problem in problems:
        folded.setdefault(problem.source, []).append(problem)
    return [
        Problem(
            source,
            "; ".join(dict.fromkeys(p.message for p in group)),
            max((p.severity for p in group), key=SEVERITIES.index),
        )
        for source, group in folded.items()
    ]


@dataclass(frozen=True)
class Paragraph:
    """One numbered paragraph of cleaned article text (ids start at 1)."""

    id: int
    text: str
    kind: ParagraphKind = "text"


@dataclass(frozen=True)
class DatedValue:
    """A date found in the text, kept with the phrase that gave it."""

    value: str  # ISO 8601: YYYY, YYYY-MM or YYYY-MM-DD
    precision: DatePrecision
    evidence: str
    end: str | None = None  # last day, month or year of a range ("20-22 November")


@dataclass
class Article:
    """One article after ingest: metadata where the text gives it, numbered paragraphs."""

    id: str
    title: str
    paragraphs: list[Paragraph]
    sources: list[str]
    outlet: str | None = None
    authors: list[str] = field(default_factory=list)
    date: DatedValue | None = None
    url: str | None = None
    captions: list[str] = field(default_factory=list)
    language: str = "en"
    #: The dateline's place as written ("PORT ELLIS", "NORTHFIELD/CARROW"): it opens
    #: the first text paragraph.
    dateline: str | None = None
    #: No date stated: the latest full date the text mentions, never shown as published.
    estimated_date: DatedValue | None = None

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Sentence:
    """A sentence as a character span of one paragraph."""

    article: str
    paragraph: int
    index: int
    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    """A name found in a sentence, before resolution.

    ``label`` is the extractor's coarse class: PERSON, ORG, GROUP, COUNTRY, PLACE.
    ``canonical`` is set when the extractor already knows what the name stands for
    (a demonym for its country, a gazetteer key), else empty.
    """

    article: str
    paragraph: int
    sentence: int
    start: int
    end: int
    text: str
    label: str
    canonical: str = ""
    role: str = ""


@dataclass(frozen=True)
class Quote:
    """A direct quotation and, where the text names one, its speaker."""

    text: str
    article: str
    paragraph: int
    speaker_text: str = ""
    speaker: str | None = None  # entity id once resolved
    speaker_mention: Mention | None = field(default=None, compare=False, repr=False)


@dataclass(frozen=True)
class StatedRelation:
    """A relation one sentence states between two named mentions ("X met Y").

    ``negated`` ("refused to meet") and ``hypothetical`` ("willing to meet") relations
    are kept for inspection and never reported as the relation itself.
    """

    type: str
    source: Mention
    target: Mention
    article: str
    paragraph: int
    sentence: int
    trigger: str = ""
    negated: bool = False
    hypothetical: bool = False
    date: str = ""  # a date phrase the relation's own clause states, e.g. "In 2018"


@dataclass(frozen=True)
class EventMention:
    """A happening named in one sentence, before entities and dates are resolved.

    Offsets are characters of the paragraph: the trigger word, the participants' and
    the place's name mentions, and the date phrases found in the trigger's clause.
    """

    article: str
    paragraph: int
    sentence: int
    type: str
    trigger: str
    start: int
    end: int
    participants: tuple[tuple[int, int], ...] = ()
    place: tuple[int, int] | None = None
    dates: tuple[tuple[int, int, str], ...] = ()
    status: EventStatus = "reported"
    #: What ``dates`` say against the article's publication date (``dates.clause_date``).
    date: DatedValue | None = None
    #: The participants acted upon, a subset of ``participants``: the object of "invaded
    #: Ruritania", "sanctions on Ruritania", "the invasion of Ruritania". The rest are agents.
    targets: tuple[tuple[int, int], ...] = ()
    #: Names of whoever reports the event, not a party to it: "Jane Roe said that their
    #: talks with John Doe went well" (``builder.extract.syntax.reporter_tokens``).
    reporters: tuple[tuple[int, int], ...] = ()
    #: Told as before another past happening ("had met", "would have signed"): the
    #: report's own date does not date it.
    earlier: bool = False
    #: Told as done ("met", "has met", "was held"): what the report's date may date.
    past: bool = False
    #: An encounter whose subject names no one ("the junta chief met A and B"), or whose
    #: other side names no one ("A and B negotiated with the government").
    unnamed_agent: bool = False
    unnamed_partner: bool = False
    #: The trigger's lemma and, for types titled by their verb, the short phrase it acts
    #: upon ("sued" and "the company"): what the title says.
    lemma: str = ""
    object: str = ""
    #: The trigger is a passive verb ("Acme was fined"): its subject is acted upon, and
    #: a title says so with the participle ("Acme fined").
    passive: bool = False
    #: a statement made to the reporter ("said by phone", "said in an interview")
    to_reporter: bool = False
    #: the statement the story leads with ("The ministry says ..."): the day's news
    lead: bool = False


@dataclass
class ExtractedArticle:
    """What extraction found in one article: sentences, names and quotes."""

    article: str
    sentences: list[Sentence]
    mentions: list[Mention]
    quotes: list[Quote]
    relations: list[StatedRelation] = field(default_factory=list)
    event_mentions: list[EventMention] = field(default_factory=list)


@dataclass
class Entity:
    """One real-world thing, with every mention that refers to it."""

    id: str
    name: str
    kind: Kind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None
    place_type: str | None = None  # city, region, sea, base, country, ...
    country: str | None = None  # ISO 3166-1 alpha-2 where known
    source: str | None = None  # gazetteer reference for coordinates
    #: The place whose point the coordinates are, when the entity's own are unknown
    approximate_at: str | None = None

    @property
    def section(self) -> str:
        return Urls.section(self.kind)

    @property
    def url(self) -> str:
        return Urls.entity(self.kind, self.id)

    @property
    def articles(self) -> list[str]:
        return sorted({m.article for m in self.mentions})


@dataclass
class Event:
    """A happening reported by one or more articles."""

    id: str
    title: str
    type: str
    date: DatedValue | None
    place: str | None
    participants: list[str]
    sources: list[Sentence]
    status: EventStatus = "reported"
    #: Where ``date`` comes from: the text ("on Tuesday", "in 2015") or, for a happening
    #: the text ties no date to, the publication date of the earliest report (GDELT's
    #: practice): news tells what just happened; or, in an article that states no
    #: publication date, the date estimated from its text ("estimated": what "on Monday"
    #: is read against, or the day itself, ``ingest.parse.estimated_reading_date``).
    date_basis: DateBasis | None = None
    #: Whether the participants took part with one another: not when the text leaves a
    #: side unnamed ("the junta chief met A and B": A did not meet B).
    mutual: bool = True

    @property
    def url(self) -> str:
        return Urls.event(self.id)


@dataclass(frozen=True)
class CuratedFile:
    """A contributor's file under the curated folder and what the build made of it.

    ``status``: applied (shown on ``page``), merged (merged into another entity, body
    shown on ``page``), hidden, orphan (its entity no longer exists), malformed, rules.
    """

    path: str  # relative to the curated folder, posix
    status: CurationStatus
    page: str | None  # the page (e.g. "actors/x.md") that shows ``body``, if any
    body: str  # the Markdown body as written (front matter removed)
    text: str  # the whole file as written, shown on the report when no page shows it
    message: str = ""


@dataclass
class CurationReport:
    """What the curated folder changed: per-file outcome and redirects of merged pages."""

    folder: str = "docs"
    files: list[CuratedFile] = field(default_factory=list)
    redirects: dict[str, str] = field(default_factory=dict)  # old page -> new page (.md)


@dataclass(frozen=True)
class Evidence:
    """One sentence (or, for paragraph co-occurrence, one paragraph) behind a relation."""

    article: str
    paragraph: int
    sentence: int | None
    date: DatedValue | None = None
    date_source: str | None = None  # "event", "sentence" or "article"


@dataclass
class Relation:
    """Two entities connected across the corpus, with the sentences that say so.

    ``type`` is ``co-occurrence`` or a stated type (see ``builder.extract.relations``);
    symmetric types order ``source`` and ``target`` by id. Evidence is sorted by date.
    """

    source: str
    target: str
    type: str
    weight: float
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Corpus:
    """Everything one build knows: the single input of every renderer."""

    articles: list[Article]
    entities: list[Entity]
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    extractor: str = ""
    curation: CurationReport = field(default_factory=CurationReport)
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    relations: list[Relation] = field(default_factory=list)
