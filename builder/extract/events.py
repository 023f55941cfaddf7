"""Event mentions: happenings found in a parsed sentence, before entities are resolved.

A trigger lexicon of generic English verbs and nouns (lemmas) gives an event type;
the dependency parse gives the rest: participants from the trigger's subject,
object and "with"/"between"/"by" phrases (or, for a noun such as "talks", from the
verb that governs it: "the president began talks with the king"), a place from a phrase headed
by in/at/near, dates from date phrases attached to the same clause, and a status
("scheduled" when a modal, a verb of planning or a forward date governs it).

Precision over recall: a trigger counts only with a participant or a date, never
inside a quotation, never negated. Only the ``model`` extractor has a parser; the
``rules`` extractor finds no events (documented in the README).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from builder.extract.relations import is_hypothetical
from builder.extract.syntax import conjoined, has_negation, reporter_tokens
from builder.ingest.lines import dateline_end
from builder.model import EventMention, Mention
from builder.text.dates import find_date_phrases
from builder.text.lexicon import (
    GOVERNMENT_BODIES,
    PERSONAL_PRONOUNS,
    PLACE_LABELS,
    QUOTED_SPAN_RE,
    RELATIVE_PRONOUNS,
    REPORTING_VERBS,
    ROLE_WORDS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Verb lemmas that are events by themselves, by type.
VERB_TRIGGERS = {
    "meet": "meeting",
    "visit": "visit",
    "telephone": "phone call",
    "phone": "phone call",
    "call": "phone call",  # only with a person or country as object, see _accept
    "negotiate": "talks",
    "discuss": "talks",
    "sign": "agreement",
    "attack": "attack",
    "bomb": "attack",
    "shell": "attack",
    "invade": "attack",
    "raid": "attack",
    "rout": "attack",
    "shoot": "shoot-down",  # only with the particle "down"
    "elect": "election",
    "resign": "resignation",
    "quit": "resignation",
    "veto": "veto",
    "sanction": "sanctions",
    "withdraw": "withdrawal",
    "oust": "ouster",
    "overthrow": "ouster",
    "topple": "ouster",
    # What news indexes besides encounters and force: statements that take a side
    # (CAMEO's root codes 01, 11, 12 and 13, as in GDELT's event codebook), ACE 2005's
    # justice events and contests won. Their titles repeat the verb (``VERB_HEADLINED``):
    # "Northland accuses Southland", "Jane Roe sues Acme". Expulsions, summons, bans,
    # launches, deaths and arrivals were tried and found no key event of the held-out
    # articles (BENCHMARKS.md, session 9).
    "announce": "announcement",
    "declare": "announcement",
    "unveil": "announcement",
    "accuse": "accusation",
    "blame": "accusation",
    "condemn": "condemnation",
    "denounce": "condemnation",
    "criticize": "condemnation",
    "criticise": "condemnation",
    "deplore": "condemnation",
    "reject": "rejection",
    "warn": "warning",
    "threaten": "warning",
    "sue": "lawsuit",
    "arrest": "arrest",
    "detain": "arrest",
    "convict": "verdict",
    "sentence": "verdict",
    "acquit": "verdict",
    "jail": "verdict",
    "fine": "fine",
    "win": "victory",  # not "won the election": the noun is the event
    "beat": "victory",
    "defeat": "victory",
}
#: Dependents that stay in a short noun phrase: "the new sanctions", "Jane Roe's remarks".
NOUN_PHRASE_DEPS = frozenset({"det", "poss", "amod", "compound", "nummod", "case", "quantmod"})
#: Verbs that are an event only against a named opponent: "beat expectations" is not.
AGAINST_NAMED = frozenset({"beat", "defeat"})
#: Statements that take a side on what they name: "condemned the attack" is a
#: condemnation and an attack, where "negotiated a ceasefire" is only the ceasefire.
STANCES = frozenset({"accusation", "condemnation", "rejection", "warning"})
#: The type of a story's leading happening that no trigger names (``lead_event``).
LEAD = "other"
#: Main verbs that state or hold rather than happen: no lead event.
NOT_HAPPENINGS = frozenset(
    """be have become remain seem appear look feel continue expect want need hope plan
    face mark show make take give get do pay see speak score suffer""".split()
)
#: Adverbs that tell a pattern over time rather than one happening.
HABITUAL = frozenset(
    """long repeatedly often frequently regularly routinely always constantly habitually
    continually traditionally usually sometimes occasionally""".split()
)
#: Verbs whose direct object is whom one meets ("met the delegation", "received X").
MEETING_VERBS = frozenset({"meet", "call", "phone", "telephone", "visit", "receive", "host"})
#: Types titled with the verb the text uses (see ``VERB_TRIGGERS``).
VERB_HEADLINED = frozenset(
    """announcement accusation condemnation rejection warning lawsuit arrest verdict fine
    victory other""".split()
)
#: Noun lemmas (or lower-cased words) that are events, by type.
NOUN_TRIGGERS = {
    "meeting": "meeting",
    "encounter": "meeting",
    "visit": "visit",
    "trip": "visit",
    "call": "phone call",
    "phone call": "phone call",
    "conversation": "phone call",  # only "phone conversation": see _noun_names_event
    "talk": "talks",  # "talks" lemmatises to "talk"; singular "talk" is rejected below
    "negotiation": "talks",
    "consultation": "talks",
    "summit": "summit",
    "conference": "summit",
    "gathering": "meeting",
    "inauguration": "inauguration",
    "intervention": "attack",
    "campaign": "attack",  # only "air campaign", "military campaign": see _trigger
    "blitz": "attack",
    "agreement": "agreement",
    "deal": "agreement",
    "accord": "agreement",
    "treaty": "agreement",
    "pact": "agreement",
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "truce": "ceasefire",
    "armistice": "ceasefire",
    "strike": "attack",
    "airstrike": "attack",
    "attack": "attack",
    "offensive": "attack",
    "assault": "attack",
    "bombing": "attack",
    "raid": "attack",
    "invasion": "attack",
    "incursion": "attack",
    "shootdown": "shoot-down",
    "coup": "coup",
    "putsch": "coup",
    "election": "election",
    "referendum": "election",
    "resignation": "resignation",
    "veto": "veto",
    "sanction": "sanctions",
    "withdrawal": "withdrawal",
    "pullout": "withdrawal",
    "downfall": "ouster",
    "ouster": "ouster",
    "overthrow": "ouster",
    "demise": "ouster",
}
#: Verbs that only carry a trigger noun ("held talks", "reached a deal", "faced a coup"):
#: the noun is the event, the verb lends it a subject and a date.
SUPPORT_VERBS = frozenset(
    """hold have host launch begin start conduct reach sign strike seal broker negotiate
    impose announce carry stage attend join face order make resume agree call organize
    organise plan schedule set prepare lead mount win""".split()
)
#: Governing verbs and modifiers that make a happening expected rather than past.
PLANNING = frozenset(
    """plan schedule expect wait due intend aim prepare propose set hope want seek
    upcoming planned scheduled expected proposed future possible coming""".split()
)
FORWARD_DATE = re.compile(r"^(?:next|coming|tomorrow)", re.IGNORECASE)
PARTICIPANT_PREPS = frozenset({"with", "between", "by", "among", "against"})
PLACE_PREPS = frozenset({"in", "at", "near", "to", "outside", "inside"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GROUP", "COUNTRY"})
TRANSPARENT = frozenset({"round", "series", "resumption", "session", "start", "wave"})
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})
#: Words that make a following event noun a goal, not a happening: "fighting for the
#: president's ouster", "demanded the resignation", "calls for a ceasefire".
GOAL_WORDS = frozenset(
    """demand call push press seek aim urge want fight campaign lobby appeal bid goal
    advocate insist hope""".split()
)
#: Main verbs that give no lead event: states, light verbs, speech, aims.
NO_LEAD_VERBS = NOT_HAPPENINGS | REPORTING_VERBS | GOAL_WORDS
#: Objects that make a verb a part one plays, not a happening: "played a key role in".
ROLE_NOUNS = frozenset({"role", "part"})
#: Nouns that name a part of a period, through which a date still places a clause: "at
#: the end of the 2008 season", "at the start of 2020", "on Saturday night".
PERIOD_PARTS = frozenset(
    """end start beginning middle close turn height season year month week morning
    afternoon evening night""".split()
)
#: Verbs after which "for" introduces an expected happening, not an aim.
EXPECTING = frozenset({"wait", "prepare", "brace", "ready", "gear", "head"})
#: Encounters after "for" are the purpose of a trip that happened ("flew to Paris for
#: talks"); other types after "for" are aims ("fighting for his ouster").
ENCOUNTERS = frozenset({"meeting", "talks", "visit", "summit", "phone call"})
#: Types whose direct object or "of"/"on"/"against" phrase is the target, not an agent.
TARGETED = frozenset(
    """attack shoot-down sanctions coup ouster veto accusation condemnation rejection
    warning lawsuit arrest verdict fine victory other""".split()
)
#: Verbs of a relative or participial clause that place the event: "to be held in X".
HOLD_VERBS = frozenset({"hold", "host", "take", "stage", "convene", "set", "plan", "schedule"})
#: Common nouns that name a place: "an assault on the capital" says where, not whom.
PLACE_NOUNS = frozenset(
    """capital city town village region province area base port border stronghold
    district enclave""".split()
)
#: Participles that list who takes part: "talks involving A, B and C".
INVOLVING = frozenset({"involve", "include", "bring", "gather"})
#: Verbs that report an event rather than date it: "made public Tuesday".
ANNOUNCING = frozenset({"make", "announce", "report", "reveal", "disclose", "publish", "confirm"})
#: Prepositions whose noun is the setting of the main clause: "At the meeting, A told B".
SETTING_PREPS = frozenset({"at", "during"})
#: "After meeting the king, the envoy left": the participle shares the main subject.
TEMPORAL_PREPS = frozenset({"after", "before", "while", "since", "upon", "following"})
#: "a Northland-mediated deal", "a Southland-brokered ceasefire": the name before is the
#: mediator, not a party to what it mediated.
MEDIATING = frozenset({"mediate", "broker", "sponsor", "facilitate", "negotiate"})
#: Types whose object is a thing acted upon, never a participant: a veto's resolution
#: ("vetoed a UN Security Council resolution": the council is not who vetoed), what is
#: announced ("announced an order for 300 Acme aircraft": Acme announced nothing).
THING_OBJECTS = frozenset({"veto", "announcement"})


#: A sentence that takes back the one before it: "It never happened.", "The withdrawal
#: did not take place.", "None of this came about." The events of that sentence are not
#: reported as happening.
_HAPPEN = (
    r"(?:happen(?:ed)?|occur(?:red)?|t[ao]ke? place|taken place|took place|materiali[sz]ed?"
    r"|c[ao]me about|come to pass)"
)
RETRACTION = re.compile(
    r"^\W*(?:(?:it|that|this|the [\w-]+)\s+(?:(?:has|had|did|does)(?:n['\u2019]t| not| never)"
    rf"|(?:was |were )?never)\s+(?:(?:actually|really)\s+)?{_HAPPEN}"
    rf"|none of (?:it|this|that)\s+(?:ever\s+)?{_HAPPEN})\b",
    re.IGNORECASE,
)


def event_mentions(
    article: str, paragraph: int, doc: Doc, sents: list[Span], mentions: list[Mention]
) -> Iterator[EventMention]:
    """Every event mention in one parsed paragraph; ``mentions`` are its names."""
    quoted = [(m.start(), m.end()) for m in QUOTED_SPAN_RE.finditer(doc.text)]
    for index, sent in enumerate(sents):
        if _retracted(sents, index):
            continue  # "Jane Roe ordered a withdrawal. It never happened."
        here = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        dates = _date_spans(doc, sent)
        for token in sent:
            kind = _trigger(token)
            if kind is None or any(a <= token.idx < b for a, b in quoted):
                continue
            found = _event(article, paragraph, index, token, kind, here, dates, mentions)
            if found is not None:
                yield found


def _retracted(sents: list[Span], index: int) -> bool:
    """Whether the next sentence takes this one back ("It never happened.")."""
    return index + 1 < len(sents) and bool(RETRACTION.match(sents[index + 1].text))


def lead_event(
    article: str, paragraph: int, doc: Doc, sents: list[Span], mentions: list[Mention]
) -> EventMention | None:
    """The happening a news story's first sentence leads with, when no trigger names it:
    its main verb between a named actor and what it acts upon ("Workers at Acme began
    an open-ended strike", "Jane Roe sacked her chief of staff"). The lead is where news
    puts what happened; later sentences' verbs are background, so only the lead counts."""
    if not sents:
        return None
    sent = sents[0]
    verb = sent.root
    if verb.lemma_.lower() in REPORTING_VERBS:
        # "Jane Roe said on Monday that Acme had cut 500 jobs": what was said happened
        verb = next((c for c in verb.children if c.dep_ == "ccomp"), verb)
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() in NO_LEAD_VERBS
        or _trigger(verb) is not None
        or has_negation(verb)
    ):
        return None
    here = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
    # The actor is the subject itself ("Northland sent troops"), not a name inside it
    # ("floods in Northland killed 24").
    if not any(c.dep_ == "nsubj" and _agent_at(c, here) for c in verb.children):
        return None
    found = _event(article, paragraph, 0, verb, LEAD, here, _date_spans(doc, sent), mentions)
    # What it acts upon, in a short phrase or by name: "welcomed the May 10 ruling by
    # the court that ..." would title a welcome of the court.
    named_object = any(c.dep_ == "dobj" and _actor_at(c, here) for c in verb.children)
    return found if found is not None and (found.object or named_object) else None


def lead_statement(
    article: str,
    paragraph: int,
    doc: Doc,
    sents: list[Span],
    mentions: list[Mention],
    found: list[EventMention],
) -> EventMention | None:
    """What a named actor says in the story's first sentence, named before what is said
    and without a date of its own: "The Northland Election Commission says provisional
    results show ...", "Jane Roe said Acme would close". A lead tells the day's news,
    and a lead that is a saying makes the saying news; it is dated by the report. (A
    saying with its own date is a dated statement, ``dated_statements``; what is said at
    a meeting the sentence tells, "At the meeting, A told B that ...", is the meeting's.)
    ``found`` are the paragraph's other events."""
    if not sents or any(m.sentence == 0 and m.type in ENCOUNTERS for m in found):
        return None
    sent = sents[0]
    verb = sent.root
    # A lead that quotes ("'We will ...,' Jane Roe said") gives the quotation's source;
    # one that tells what was said in its own words tells news.
    quoted = any(
        m.start() < sent.end_char and m.end() > sent.start_char
        for m in QUOTED_SPAN_RE.finditer(doc.text)
    )
    if (
        quoted
        or verb.pos_ != "VERB"
        or verb.lemma_.lower() not in STATEMENT_VERBS
        or has_negation(verb)
    ):
        return None
    here = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
    if not any(c.dep_ == "nsubj" and _names_actor(c, here) for c in verb.children):
        return None
    # The speaker first ("Jane Roe says trade will suffer"): the saying is the news; what
    # was said first ("Trade will suffer, Jane Roe said"): the saying is its source.
    if any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children):
        return None
    if any(_dates_statement(d[3], verb) for d in _date_spans(doc, sent)):
        return None
    event = _event(article, paragraph, 0, verb, "announcement", here, [], mentions)
    if event is None or not event.participants:
        return None
    # "says" in a lead is the news's present: told as done on the day of the report
    return replace(event, past=True, lead=True, to_reporter=_to_reporter(verb))


def dated_events(
    article: str,
    paragraph: int,
    doc: Doc,
    sents: list[Span],
    mentions: list[Mention],
    found: list[EventMention],
) -> Iterator[EventMention]:
    """Happenings a clause dates with a date phrase of its own, where no trigger names
    them: "Northland cut ties with Southland in 2016", "Jane Roe co-founded the firm in
    2015", "Acme was fined in 2009". News tells its background this way: a past fact
    with its own time, told by its verb between a named actor and what it acts upon
    (or with the actor as the passive subject). ``found`` are the trigger events of the
    paragraph: a date one of them already has is not read twice."""
    quoted = [(m.start(), m.end()) for m in QUOTED_SPAN_RE.finditer(doc.text)]
    for index, sent, dates, taken, here in _dated_sentences(doc, sents, mentions, found):
        for verb in sent:
            own = [d for d in dates if _dates_clause(d[3], verb)]
            if (
                not own
                or not _dated_past_verb(verb, here)
                or any(a <= verb.idx < b for a, b in quoted)
            ):
                continue
            event = _event(article, paragraph, index, verb, LEAD, here, own, mentions)
            if event is None or not event.dates or taken & set(event.dates):
                continue
            if (
                event.object
                or event.passive
                or any(c.dep_ == "dobj" and _actor_at(c, here) for c in verb.children)
            ):
                yield event


def _dated_sentences(
    doc: Doc, sents: list[Span], mentions: list[Mention], found: list[EventMention]
) -> Iterator[tuple[int, Span, list[tuple[int, int, str, Token]], set[str], list[Mention]]]:
    """Each sentence with date phrases and not retracted: its number, the sentence, its
    date phrases, the dates ``found`` events of it already have, and its mentions."""
    for index, sent in enumerate(sents):
        dates = _date_spans(doc, sent)
        if not dates or _retracted(sents, index):
            continue
        taken = {d for m in found if m.sentence == index for d in m.dates}
        here = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        yield index, sent, dates, taken, here


#: Verbs of saying that are a dated statement with a date phrase of their own: "the
#: ministry said on Wednesday", "Jane Roe told reporters Thursday", and the verbs of
#: making a fact public (CAMEO 01, "make public statement"): "the ministry confirmed the
#: first case late Sunday", "the spokesman disclosed this on Tuesday". ("announce" and
#: "declare" are announcement triggers in themselves, see ``VERB_TRIGGERS``.)
STATEMENT_VERBS = frozenset({"say", "tell", "state", "confirm", "disclose", "reveal"})
#: Nouns through which a date still places the saying: "said in a statement on Monday".
STATEMENT_NOUNS = frozenset({"statement", "interview", "briefing", "speech", "conference"})


def dated_statements(
    article: str,
    paragraph: int,
    doc: Doc,
    sents: list[Span],
    mentions: list[Mention],
    found: list[EventMention],
) -> Iterator[EventMention]:
    """Statements a named actor made on a day the sentence gives: "the Foreign Ministry
    said on Wednesday", "Jane Roe said in a statement on Monday". News reports what was
    said as what happened, and a statement with its own day is one the story dates; an
    undated "said" is only the source of a quote, and is not read. ``found`` are the
    paragraph's other events: a date one of them already has is not read twice."""
    quoted = [(m.start(), m.end()) for m in QUOTED_SPAN_RE.finditer(doc.text)]
    for index, sent, dates, taken, here in _dated_sentences(doc, sents, mentions, found):
        for verb in sent:
            if (
                verb.pos_ != "VERB"
                or verb.lemma_.lower() not in STATEMENT_VERBS
                or has_negation(verb)
                or not _told_as_past(verb)
                or any(a <= verb.idx < b for a, b in quoted)
            ):
                continue
            own = [d for d in dates if _dates_statement(d[3], verb)]
            if not own or not any(
                c.dep_ == "nsubj" and _names_actor(c, here) for c in verb.children
            ):
                continue
            event = _event(article, paragraph, index, verb, "announcement", here, own, mentions)
            if event is None or not event.dates or not event.participants:
                continue
            if not taken & set(event.dates):
                yield replace(event, to_reporter=_to_reporter(verb))


#: How a speaker answers the reporter rather than states in public: "said by phone",
#: "said in an interview", "said in a telephone interview".
TO_REPORTER = frozenset({"phone", "telephone", "interview"})


def _to_reporter(verb: Token) -> bool:
    """ "Jane Roe said by phone Tuesday": an answer to the story's reporter."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in ("by", "in", "over")
        and any(p.lemma_.lower() in TO_REPORTER for p in prep.children)
        for prep in verb.children
    )


def _dates_statement(root: Token, verb: Token) -> bool:
    """A date phrase of the saying itself: "said on Monday", "said Monday", "said in a
    statement on Monday"."""
    head = root.head
    if head.dep_ == "prep" and head.head.lemma_.lower() in STATEMENT_NOUNS:
        noun = head.head  # "in a statement on Monday": up to the preposition's verb
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head == verb:
            return True
    return _dates_clause(root, verb)


def _dates_clause(root: Token, verb: Token) -> bool:
    """A date phrase that places the verb's clause: a phrase of the verb's own ("in
    2016", "on Tuesday", "at the end of the 2008 season") or one between its subject and
    it ("Acme in 2021 challenged ..."); not one inside what it acts upon ("erased the
    loss in 2021", "outrage over the killing on Monday"), nor "since" a time (a state
    that lasts, not a happening)."""
    node, path = root, [root]
    while node.head != node and node.head != verb:
        node = node.head
        path.append(node)
        if node.pos_ in ("VERB", "AUX"):
            return False
    if node.head != verb or any(t.lower_ == "since" for t in path):
        return False
    nouns = [t for t in path[1:] if t.pos_ in ("NOUN", "PROPN")]
    if any(t.lemma_.lower() not in PERIOD_PARTS for t in nouns if t.dep_ == "pobj"):
        return False  # the date of another thing: "the killing on Monday"
    if node.dep_ in ("prep", "npadvmod"):
        return True
    return node.dep_ == "nsubj" and root.i < verb.i and any(t.dep_ == "prep" for t in path)


def _dated_past_verb(verb: Token, here: list[Mention]) -> bool:
    """A verb told as done whose subject is a named actor: not a state, a light verb,
    speech, an aim, a role ("played a key role"), or a verb the trigger lexicon already
    reads, in itself or in what it governs ("joined Northland in vetoing", "suspended a
    deal": the trigger is the event); nor a present perfect ("has erased the loss in
    2021"), which English does not date with a past time, so its date is another's."""
    if (
        verb.pos_ != "VERB"
        or verb.lemma_.lower() in NO_LEAD_VERBS
        or has_negation(verb)
        or not _told_as_past(verb)
        or any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children)
        or any(c.dep_ == "dobj" and c.lemma_.lower() in ROLE_NOUNS for c in verb.children)
        or _governs_trigger(verb)
    ):
        return False
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    return any(_agent_at(c, here) for c in subjects)


def _governs_trigger(verb: Token) -> bool:
    """ "suspended a deal", "joined Northland in vetoing": what the verb acts upon, or
    does it in, is a happening the lexicon names, and that one is the event."""
    objects = [c for c in verb.children if c.dep_ == "dobj"] + [
        p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
    ]
    return any(_trigger(t) is not None for t in objects)


def _actor_at(token: Token, here: list[Mention]) -> bool:
    """Whether the token is part of an actor's name."""
    return any(m.start <= token.idx < m.end and m.label in ACTOR_LABELS for m in here)


def _agent_at(subject: Token, here: list[Mention]) -> bool:
    """Whether a clause's subject names who acts: an actor, or a place named as acting
    ("Port Ellis cut ties with Carrow in 2016"), which news writes for the government
    seated there; the events stage keeps it as a party only when it is a capital
    (``builder.events.finder``), else as where it happened."""
    return _actor_at(subject, here) or _seat_at(subject, here)


def _seat_at(subject: Token, here: list[Mention]) -> bool:
    """A place's name as the subject of a verb: "Port Ellis announced"."""
    return (
        subject.dep_ in ("nsubj", "nsubjpass")
        and subject.head.pos_ == "VERB"
        and any(m.start <= subject.idx < m.end and m.label == "PLACE" for m in here)
    )


def _trigger(token: Token) -> str | None:
    """The event type a token triggers, if any."""
    if token.pos_ == "VERB":
        return _verb_trigger(token)
    if token.pos_ in ("NOUN", "PROPN"):
        return _noun_trigger(token)
    return None


def _verb_trigger(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    kind = VERB_TRIGGERS.get(lemma)
    if kind == "shoot-down" and not any(
        c.dep_ == "prt" and c.lower_ == "down" for c in token.children
    ):
        return None
    if lemma == "call" and not any(
        c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "COUNTRY", "GPE") for c in token.children
    ):
        return None  # "called it a great call", "called for": not a phone call
    if lemma in ("talk", "speak") and any(
        c.dep_ == "prep" and any(g.lemma_ in ("phone", "telephone") for g in c.children)
        for c in token.children
    ):
        return "phone call"  # "talked on the phone with"
    if (
        lemma == "meet"
        and any(c.dep_ == "auxpass" for c in token.children)
        and any(
            c.dep_ == "prep" and c.lower_ == "with" and any(p.pos_ == "NOUN" for p in c.children)
            for c in token.children
        )
        and not any(c.dep_ == "agent" for c in token.children)
    ):
        return None  # "the sentence was met with objections": an idiom, not a meeting
    if lemma in AGAINST_NAMED and not any(
        c.dep_ == "dobj" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for c in token.children
    ):
        return None
    if kind not in STANCES and _object_trigger(token) is not None:
        return None  # "negotiated a ceasefire": the noun is the event
    if _during_encounter(token):
        return None  # "discussed trade during a phone call": the call is the event
    return kind


def _during_encounter(verb: Token) -> bool:
    """Whether a verb happens "during" a meeting, call or visit that is the event."""
    return any(
        prep.dep_ == "prep"
        and prep.lower_ == "during"
        and any(p.dep_ == "pobj" and _noun_trigger(p) in ENCOUNTERS for p in prep.children)
        for prep in verb.children
    )


def _noun_trigger(token: Token) -> str | None:
    lemma = token.lemma_.lower()
    if token.lower_ == "fire" and token.i >= 2 and token.nbor(-2).lower_ == "cease":
        return "ceasefire"
    if _electoral_vote(token):
        return "election"
    if not _noun_names_event(token, lemma):
        return None
    kind = NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(token.lower_)
    if kind and token.dep_ == "compound" and _trigger(token.head):
        return None  # "ceasefire deal", "peace talks": one event, named by the head
    return kind


#: What makes a vote or a poll an election: "the presidential vote", "a run-off vote",
#: "Sunday's parliamentary polls"; a bare "vote" is as often a share of it ("won 40% of
#: the vote") or a motion's ("the vote on the bill").
ELECTORAL = frozenset(
    """presidential parliamentary legislative general runoff run-off municipal local
    regional provincial snap midterm congressional gubernatorial governorship mayoral
    senate""".split()
)


def _electoral_vote(token: Token) -> bool:
    """ "the presidential vote", "a run-off vote": an election named as a vote or poll."""
    return token.lemma_.lower() in ("vote", "poll") and any(
        c.dep_ in ("amod", "compound") and c.lower_ in ELECTORAL for c in token.lefts
    )


def _noun_names_event(token: Token, lemma: str) -> bool:
    """Whether a trigger noun names the happening here, not its everyday sense."""
    if lemma == "talk" and token.lower_ != "talks":
        return False
    if lemma == "conversation":
        return any(c.lower_ in ("phone", "telephone") for c in token.lefts)
    if lemma == "call" and not (
        any(c.lower_ in ("phone", "telephone") for c in token.lefts)
        or any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
    ):
        return False
    if lemma == "conference" and any(c.lower_ in ("news", "press") for c in token.lefts):
        return False  # a press conference is where things are said, not a summit
    # A labour strike, an election campaign, a company's intervention: not attacks.
    return not (
        lemma in ("strike", "campaign", "intervention")
        and not any(
            c.lower_ in ("air", "missile", "drone", "military", "armed", "bombing")
            for c in token.lefts
        )
    )


def _root_of(mention: Mention, label: str, doc: Doc) -> Token | None:
    """The syntactic head of a mention of this label, else None."""
    if mention.label != label:
        return None
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return None if span is None else span.root


def _modifier(mention: Mention, actors: list[Mention], doc: Doc) -> bool:
    """A country that only qualifies another participant: "French President Macron"."""
    root = _root_of(mention, "COUNTRY", doc)
    if root is None or root.dep_ not in ("amod", "compound", "poss", "nmod"):
        return False
    head = root.head
    for _ in range(3):  # "French President Emmanuel Macron": up to the name it qualifies
        if head.dep_ not in ("amod", "compound", "nmod") or head.head == head:
            break
        head = head.head
    subtree = range(head.left_edge.idx, head.right_edge.idx + 1)
    return any(
        other is not mention and other.label in ("PERSON", "ORG") and other.start in subtree
        for other in actors
    )


def _object_trigger(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("dobj", "nsubjpass") and child.pos_ in ("NOUN", "PROPN"):
            lemma = child.lemma_.lower()
            if (
                NOUN_TRIGGERS.get(lemma)
                or NOUN_TRIGGERS.get(child.lower_)
                or _electoral_vote(child)
            ):
                return child
    return None


@dataclass
class _Arguments:
    """The tokens an event's clause gives for its agents, targets and place."""

    agents: list[Token] = field(default_factory=list)
    targets: list[Token] = field(default_factory=list)
    place: list[Token] = field(default_factory=list)


def _event(
    article: str,
    paragraph: int,
    sentence: int,
    trigger: Token,
    kind: str,
    here: list[Mention],
    dates: list[tuple[int, int, str, Token]],
    before: list[Mention] | None = None,
) -> EventMention | None:
    """The event a trigger names, with its participants, place and dates; None when the
    sentence names an aim, a negated or an unplaceable happening rather than an event."""
    clause = _clause_verb(trigger)
    # "an eighth round of peace talks": the event stands where "round" stands.
    stand = _stand_in(trigger)
    if not _happening(trigger, stand, kind):
        return None
    support = _support(trigger, stand, clause, kind)
    # Only a negation of the event itself counts: "isn't waiting for the inauguration"
    # still reports an inauguration, "did not meet" reports no meeting.
    if has_negation(trigger) or (support is not None and has_negation(support)):
        return None
    context = before if before is not None else here
    args = _Arguments()
    _read_trigger(args, trigger, stand, kind, here, context)
    for venue in _venue_clauses(trigger):
        # "a summit ... that is to be held in the capital"
        args.place.extend(_prepositional(venue, ("in", "at")))
    if trigger.pos_ == "VERB" and not _has_subject(trigger):
        args.agents.extend(_borrowed_subject(trigger, context))
        args.agents.extend(_joined(trigger))
    if support is not None and support != trigger:
        _read_support(args, support, context)
    setting = _setting_clause(stand) if kind in ENCOUNTERS else None
    if setting is not None:
        _read_setting(args, setting, context)
    participants, place, targets = _named(args, trigger, here, context)
    date_phrases = _event_dates(trigger, support, clause, dates)
    if date_phrases is None:
        return None
    if not date_phrases and stand.lemma_.lower() in ("series", "wave"):
        return None  # "a series of meetings": several happenings, none told apart
    if not participants and not date_phrases and (place is None or kind not in ENCOUNTERS):
        return None
    main = trigger if trigger.pos_ == "VERB" else support or clause
    if _not_one_happening(trigger, stand, kind, main):
        return None
    status = "scheduled" if _scheduled(trigger, support, date_phrases) else "reported"
    return EventMention(
        article=article,
        paragraph=paragraph,
        sentence=sentence,
        type=kind,
        trigger=trigger.text,
        start=trigger.idx,
        end=trigger.idx + len(trigger.text),
        participants=tuple(participants),
        place=(place.start, place.end) if place else None,
        dates=tuple(date_phrases),
        status=status,
        targets=tuple(p for p in participants if p in targets),
        reporters=_reporters(trigger, here),
        earlier=_told_earlier(main),
        past=_after_prep(stand) or _told_as_past(main),
        unnamed_agent=kind in ENCOUNTERS and _unnamed_subject(main, here, context),
        unnamed_partner=kind in ENCOUNTERS and _unnamed_partner(trigger, main, here),
        lemma=trigger.lemma_.lower(),
        object=_object_phrase(trigger, here) if kind in VERB_HEADLINED else "",
        passive=trigger.pos_ == "VERB" and any(c.dep_ == "nsubjpass" for c in trigger.children),
    )


def _object_phrase(verb: Token, here: list[Mention]) -> str:
    """The short noun phrase a verb acts upon, for a title: "the sanctions", "Jane Roe's
    remarks"; "" when there is none or it runs long (a clause, a list)."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None or obj.pos_ == "PRON" or obj.lower_ in ("latter", "former"):
        return ""  # "beat him", "warned the latter": the title would not say whom
    if _actor_at(obj, here):
        return ""  # "sued Acme": the actor, whose name the title gives as the entity's
    words = [obj]
    todo = [obj]
    while todo:
        head = todo.pop()
        for child in head.children:
            # "a state of emergency", "the breaking of relations": the of-phrase is the thing
            of_phrase = child.dep_ == "prep" and child.lower_ == "of" and head == obj
            if child.dep_ in NOUN_PHRASE_DEPS or of_phrase or head.dep_ == "prep":
                words.append(child)
                todo.append(child)
    words.sort(key=lambda t: t.i)
    if len(words) > 7 or words[-1].i - words[0].i + 1 != len(words):
        return ""
    if any(w.pos_ == "PRON" for w in words):
        return ""  # "declared its support": whose, the title could not say
    return verb.doc[words[0].i : words[-1].i + 1].text


def _not_one_happening(trigger: Token, stand: Token, kind: str, main: Token | None) -> bool:
    """A statement not made ("will probably win"), a happening told before ("This was
    his first visit"), or a pattern ("have long accused", "repeatedly met")."""
    return (
        (kind in VERB_HEADLINED and is_hypothetical(trigger))
        or _anaphoric(stand)
        or _habitual(main)
    )


def _anaphoric(noun: Token) -> bool:
    """ "This was his first visit to the country", "It was the third meeting this year":
    a copula whose subject points back at a happening already told, not a new one."""
    head = noun.head
    return (
        noun.pos_ == "NOUN"
        and noun.dep_ == "attr"
        and head.lemma_ == "be"
        and any(c.dep_ == "nsubj" and c.lower_ in ("this", "that", "it") for c in head.children)
    )


def _habitual(verb: Token | None) -> bool:
    """ "have long accused each other", "has repeatedly met", "often visits": told as a
    pattern over time, not as one happening."""
    return verb is not None and any(
        c.dep_ == "advmod" and c.lower_ in HABITUAL for c in verb.children
    )


def _unnamed_subject(verb: Token | None, here: list[Mention], context: list[Mention]) -> bool:
    """ "The junta chief met A and B", "he met A and B" with no one for "he": the one
    acting is not named, so A and B did not meet each other."""
    if verb is None:
        return False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return False
    if subject.lower_ in PERSONAL_PRONOUNS:
        return not _resolve_pronoun(subject, context)
    if subject.pos_ == "PRON":
        return False
    return not _names_actor(subject, here)


def _unnamed_partner(trigger: Token, verb: Token | None, here: list[Mention]) -> bool:
    """ "A and B have been negotiating with the government", "A met the delegation": the
    other side is not named, so A and B did not meet each other. (What is discussed,
    "discussed ways to ...", is no side.)"""
    heads = [t for t in (trigger, verb) if t is not None]
    partners = [
        c
        for c in (verb.children if verb is not None else ())
        if c.dep_ == "dobj" and c != trigger and verb.lemma_.lower() in MEETING_VERBS
    ] + [
        p
        for head in heads
        for c in head.children
        if c.dep_ == "prep" and c.lower_ == "with"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    return any(p.pos_ == "NOUN" and not _names_actor(p, here) for p in partners)


def _names_actor(phrase: Token, here: list[Mention]) -> bool:
    words = range(phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge.text))
    return any(m.start in words and m.label in ACTOR_LABELS for m in here)


def _after_prep(noun: Token) -> bool:
    """ "a week after the deal", "following talks with X", "since the coup": a
    happening the sentence tells as already past."""
    return noun.dep_ == "pobj" and noun.head.lower_ in ("after", "following", "since")


def _told_as_past(verb: Token | None) -> bool:
    """ "met", "has met", "was held", "have been negotiating", "are holding": told as
    done or going on, where "looks forward to meeting" and "meets next week" are not. A
    participle without an auxiliary takes its clause's tense: "echoed Jane Roe in accusing
    Northland", "joined Southland in vetoing", "both blaming their neighbours"."""
    for _ in range(4):
        if verb is None:
            return False
        if verb.tag_ == "VBD":
            return True
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxiliaries):
            return False
        if any(a.lower_ == "been" for a in auxiliaries):
            return True  # "has been meeting", "who's been involved in talks"
        if auxiliaries:
            if verb.tag_ == "VBG":
                return any(a.lemma_ in ("be", "have") for a in auxiliaries)
            return verb.tag_ == "VBN" and any(
                a.tag_ == "VBD" or a.lemma_ == "have" for a in auxiliaries
            )
        if verb.tag_ not in ("VBG", "VBN") or verb.head == verb:
            return False
        verb = verb.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head != verb:
            verb = verb.head  # "in accusing": up from the preposition to its verb
    return False


def _told_earlier(verb: Token | None) -> bool:
    """ "had met", "would have signed": told as before another past happening."""
    if verb is None:
        return False
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("had", "'d") for a in auxiliaries):
        return True
    return any(a.tag_ == "MD" for a in auxiliaries) and any(a.lemma_ == "have" for a in auxiliaries)


def _reporters(trigger: Token, here: list[Mention]) -> tuple[tuple[int, int], ...]:
    """The names in the reporting clause around the trigger ("X said that ...")."""
    doc = trigger.doc
    words = {doc[i].idx for i in reporter_tokens(trigger)}
    return tuple((m.start, m.end) for m in here if m.start in words)


def _happening(trigger: Token, stand: Token, kind: str) -> bool:
    """Not an aim: "fighting for his ouster", "is moving to oust the rebels"."""
    if trigger.pos_ != "VERB":
        return not (_goal(stand, kind) or _abstract(stand))
    return not _purpose(trigger)


def _support(trigger: Token, stand: Token, clause: Token | None, kind: str) -> Token | None:
    """The verb whose subject and dates the event takes.

    A noun borrows its clause's subject and dates only as the direct argument of a
    support verb ("the king began talks", "he faced a coup in July 2016"), not from a
    prepositional phrase ("after the election, the army resumed ...") or a verb of its
    own ("the minister welcomed the resignations").
    """
    if clause is None:
        return None
    if (
        clause == trigger
        or (
            stand.head == clause
            and stand.dep_ in ARGUMENT_DEPS
            and clause.lemma_.lower() in SUPPORT_VERBS
        )
        or _means(stand, kind, clause)
    ):
        return clause
    return None


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _prepositional(head: Token, preps: tuple[str, ...]) -> list[Token]:
    """The phrases of ``head``'s prepositions among ``preps`` ("held in the capital")."""
    return [
        t
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for p in prep.children
        for t in _phrase(p)
    ]


def _objects(prep: Token) -> list[Token]:
    """The names a preposition's objects stand for."""
    return [t for p in prep.children for t in _argument(p)]


def _read_trigger(
    args: _Arguments,
    trigger: Token,
    stand: Token,
    kind: str,
    here: list[Mention],
    context: list[Mention],
) -> None:
    """Agents, targets and place from the trigger's own dependents (and its stand-in's
    prepositions: "a round of talks in the capital")."""
    targeted = kind in TARGETED
    # "vetoed a UN Security Council resolution": a veto's object is no participant
    object_deps = () if kind in THING_OBJECTS else ("dobj", "nsubjpass")
    extra = [c for c in stand.children if c.dep_ == "prep"] if stand != trigger else []
    for child in [*trigger.children, *extra]:
        if child.dep_ == "dobj" and kind == "visit" and trigger.pos_ == "VERB":
            _read_visited(args, child, here)
        elif child.dep_ in ("nsubj", "nsubjpass") and (
            child.lower_ in RELATIVE_PRONOUNS or child.lower_ in PERSONAL_PRONOUNS
        ):
            args.agents.extend(_pronoun_subject(child, trigger, here, context))
        elif child.dep_ in ("nsubj", "poss", "compound") or (
            child.dep_ == "amod" and child.lemma_.lower() not in MEDIATING
        ):
            args.agents.extend(_argument(child))
        elif child.dep_ in object_deps:
            (args.targets if targeted else args.agents).extend(_argument(child))
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in ("by",)):
            args.agents.extend(_objects(child))
        elif child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS:
            against = targeted and child.lower_ == "against"
            (args.targets if against else args.agents).extend(_objects(child))
        elif child.dep_ == "prep" and targeted and child.lower_ in ("of", "on"):
            _read_target_prep(args, child, here)
        elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            args.place.extend(t for p in child.children for t in _phrase(p))
        elif child.dep_ == "acl" and child.lemma_.lower() in INVOLVING:
            # "four-way talks involving A, B and C"
            args.agents.extend(_direct_objects(child))
        elif child.dep_ == "relcl" and targeted:
            # "sanctions that barred Russia", "sanctions that halted Turkish imports"
            args.targets.extend(_direct_objects(child))


def _pronoun_subject(
    pronoun: Token, trigger: Token, here: list[Mention], context: list[Mention]
) -> list[Token]:
    """ "the envoy, who met ...": the antecedent; "he met ...": whom the pronoun stands for."""
    if pronoun.lower_ in RELATIVE_PRONOUNS:
        return _antecedent(trigger, here)
    return _resolve_pronoun(pronoun, context)


def _direct_objects(verb: Token) -> list[Token]:
    return [t for c in verb.children if c.dep_ == "dobj" for t in _argument(c)]


def _read_visited(args: _Arguments, obj: Token, here: list[Mention]) -> None:
    """ "will visit the UAE": where; "visited troops in the north": whom, and where."""
    if _is_place(obj, here):
        args.place.extend(_phrase(obj))
        return
    args.targets.extend(_argument(obj))
    args.place.extend(
        t
        for prep in obj.subtree
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at", "near")
        for p in prep.children
        for t in _phrase(p)
    )


def _read_target_prep(args: _Arguments, prep: Token, here: list[Mention]) -> None:
    """ "the invasion of Ruritania", "an assault on the city": the target, or where."""
    for p in prep.children:
        if prep.lower_ == "on" and (_is_place(p, here) or p.lemma_.lower() in PLACE_NOUNS):
            # "an assault on the country's commercial capital": where
            args.place.extend(_phrase(p))
        else:
            args.targets.extend(_argument(p))


def _read_support(args: _Arguments, support: Token, context: list[Mention]) -> None:
    """The support verb's subject and place: "the country prepares to hold elections"."""
    if not _has_subject(support):
        args.agents.extend(_borrowed_subject(support, context))
    for child in support.children:
        if child.dep_ == "nsubj" and child.lower_ in PERSONAL_PRONOUNS:
            args.agents.extend(_resolve_pronoun(child, context))
        elif child.dep_ == "nsubj":
            args.agents.extend(_argument(child))
        elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS and child.lower_ != "to":
            args.place.extend(t for p in child.children for t in _phrase(p))


def _read_setting(args: _Arguments, setting: Token, context: list[Mention]) -> None:
    """ "At the unannounced meeting in the resort, the president told his guest ...":
    the main clause's subject and object are the meeting's participants."""
    for child in setting.children:
        if child.dep_ == "nsubj" and child.lower_ in PERSONAL_PRONOUNS:
            args.agents.extend(_resolve_pronoun(child, context))
        elif child.dep_ in ("nsubj", "dobj", "dative"):
            args.agents.extend(_argument(child))


def _named(
    args: _Arguments, trigger: Token, here: list[Mention], context: list[Mention]
) -> tuple[list[tuple[int, int]], Mention | None, set[tuple[int, int]]]:
    """The argument tokens as name mentions: participants, place, and the targets' spans."""
    doc = trigger.doc
    agent_mentions = [
        m
        for m in _mentions_of(args.agents, context)
        if m.label in ACTOR_LABELS or _person_like(m, doc) or _seat_like(m, doc)
    ]
    target_mentions = [
        m
        for m in _mentions_of(args.targets, context)
        if m.label in ACTOR_LABELS and m not in agent_mentions
    ]
    actors = agent_mentions + target_mentions
    participants = [(m.start, m.end) for m in actors if not _modifier(m, actors, doc)]
    places = [m for m in _mentions_of(args.place, here) if m.label in PLACE_LABELS]
    # "the Black Sea resort of Yalta": the last place named is the most specific.
    place = next((m for m in reversed(places) if m.label == "PLACE"), places[0] if places else None)
    participants = [p for p in participants if place is None or p != (place.start, place.end)]
    return participants, place, {(m.start, m.end) for m in target_mentions}


def _event_dates(
    trigger: Token,
    support: Token | None,
    clause: Token | None,
    dates: list[tuple[int, int, str, Token]],
) -> list[tuple[int, int, str]] | None:
    """The date phrases the trigger's clause governs; None when an undated weak
    possessive ("his election") says no event happened in this sentence."""
    date_phrases = [
        (start, end, phrase)
        for start, end, phrase, root in dates
        if _governs(trigger, support, root)
    ]
    main = trigger if trigger.pos_ == "VERB" else support
    if not date_phrases and main is not None and _main_level(main):
        # "In 2020, Moscow backed off when its ally routed ...": a date opening the
        # sentence sets the time of every clause that gives none of its own.
        date_phrases = [(s, e, phrase) for s, e, phrase, root in dates if _opening(root)]
    host = _host_clause(main) if not date_phrases and main is not None else None
    if host is not None:
        # "tensions soared on Monday as Northland imposed sanctions": told at its time
        date_phrases = [(s, e, p) for s, e, p, root in dates if _governs(host, None, root)]
    if not date_phrases and _weak_possessive(trigger, clause):
        return None
    return date_phrases


#: Words that join a clause told at the time of the clause it depends on: "protesters
#: stormed the embassy in 2016 when police fired", "on arrival on Friday, upon meeting
#: the chief". ("after" and "before" do not: a sequence may cross a month or a year;
#: "since", "because", "if" and "until": a span, a cause, a condition.)
AT_THE_TIME = frozenset({"when", "as", "while", "upon"})


def _host_clause(verb: Token) -> Token | None:
    """The verb whose clause a dateless subordinate happening is told within, where the
    time of the one is the time of the other: a clause of the same time ("when", "as"),
    a participle ("..., winning 312 seats"), or one after "upon" ("upon meeting the
    chief"); None for a clause told as still to come or as before the host."""
    if any(c.dep_ == "aux" and (c.tag_ == "MD" or c.lower_ == "to") for c in verb.children):
        return None  # "will meet", "to meet": not yet, whenever the host happened
    if _told_earlier(verb):
        return None  # "after they had met": before the host's time
    head = verb.head
    if verb.dep_ == "advcl" and head.pos_ in ("VERB", "AUX"):
        marks = [c.lower_ for c in verb.children if c.dep_ in ("mark", "advmod") and c.i < verb.i]
        participle = not marks and verb.tag_ == "VBG"
        return head if participle or any(m in AT_THE_TIME for m in marks) else None
    prep = head
    if verb.dep_ == "pcomp" and prep.lower_ in AT_THE_TIME and prep.head.pos_ in ("VERB", "AUX"):
        return prep.head
    return None


def _goal(stand: Token, kind: str) -> bool:
    """ "for the president's ouster", "demanded a ceasefire", "calls for talks": an aim."""
    head = stand.head
    if stand.dep_ == "pobj" and head.dep_ == "prep":
        if head.lower_ == "for" and kind not in ENCOUNTERS:
            # "waiting for the inauguration": expected, not wished for
            return head.head.lemma_.lower() not in EXPECTING
        if head.lower_ in ("for", "at", "toward", "towards"):
            head = head.head
    elif stand.dep_ not in ("dobj", "xcomp", "attr"):
        return False
    return head.lemma_.lower() in GOAL_WORDS and head != stand


def _venue_clauses(trigger: Token) -> list[Token]:
    """Clauses that say where a happening is held: "a summit to be held in X",
    "a summit ... that is also to be held in X" (the parser may hang that clause on
    the noun "the eve of a summit" depends on)."""
    # The clause may hang on any noun of the trigger's phrase ("a summit on trade that
    # will be held in X") or on the noun the trigger is "of".
    hosts = [t for t in _phrase(trigger) if t.pos_ in ("NOUN", "PROPN")]
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of":
        hosts.append(trigger.head.head)
    out = []
    for host in hosts:
        for clause in host.children:
            if clause.dep_ not in ("acl", "relcl") or clause.i < trigger.i:
                continue
            if clause.lemma_.lower() in HOLD_VERBS:
                out.append(clause)
            elif clause.lemma_.lower() == "be":
                out.extend(
                    c
                    for c in clause.children
                    if c.dep_ == "xcomp" and c.lemma_.lower() in HOLD_VERBS
                )
    return out


def _purpose(verb: Token) -> bool:
    """ "moving to oust the rebels": an infinitive of purpose names an aim."""
    return verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _means(stand: Token, kind: str, clause: Token | None) -> bool:
    """ "responded with sanctions", "reclaimed the region in a one-day blitz": an attack
    or sanctions named as the means of the clause's action share its subject and date."""
    return (
        kind in TARGETED
        and clause is not None
        and stand.dep_ == "pobj"
        and stand.head.lower_ in ("in", "with")
        and stand.head.head == clause
        and clause.pos_ == "VERB"
    )


def _abstract(stand: Token) -> bool:
    """ "her hand in negotiations", "talks with them are not working": the noun names a
    process someone comments on, not a happening the sentence reports."""
    head = stand.head
    if stand.dep_ == "pobj" and head.lower_ == "in":
        owner = head.head
        if owner.pos_ == "NOUN":
            return True
        # "strengthening her hand in negotiations": the phrase qualifies the object
        if owner.pos_ == "VERB" and any(
            c.dep_ == "dobj" and any(g.dep_ == "poss" for g in c.children) for c in owner.children
        ):
            return True
    return stand.dep_ in ("nsubj", "nsubjpass") and has_negation(head)


def _weak_possessive(trigger: Token, clause: Token | None) -> bool:
    """ "The regime's demise opens a chapter": a possessive noun in a present-tense
    clause, with no date, names a state of affairs more often than a happening."""
    if trigger.pos_ == "VERB" or not any(c.dep_ == "poss" for c in trigger.children):
        return False
    if clause is None:
        return True
    past = clause.tag_ in ("VBD", "VBN") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBN") for c in clause.children
    )
    return not past


def _is_place(token: Token, here: list[Mention]) -> bool:
    """The token is (the head word of) a place's name."""
    return (
        any(m.start <= token.idx < m.end and m.label in PLACE_LABELS for m in here)
        and token.pos_ == "PROPN"
    )


def _argument(token: Token) -> list[Token]:
    """The tokens of an argument that name who takes part.

    "the premier's envoy", "the ally's army": a possessive of a common noun names whom the
    head belongs to, not the participant. "The Turkish-backed opposition": a name in a
    participle modifier qualifies, it does not act. In a phrase that names a person,
    organisations and countries in its modifiers ("the UN envoy to Syria, Jane Roe")
    qualify that person.
    """
    tokens = _phrase(token)
    drop: set[int] = set()
    if token.ent_type_:
        # "Northland, the largest buyer of Southland's grain, declared ...": the names
        # of an apposition that describes a name are not parties; "the envoy, Jane Roe"
        # keeps its apposition, the name itself.
        for appos in token.children:
            if appos.dep_ == "appos" and not appos.ent_type_:
                drop.update(x.i for x in appos.subtree)
    for t in tokens[1:]:  # the argument itself may be a possessive: "the king's visit"
        if t.dep_ == "poss" and t.head.pos_ == "NOUN" and not _acts_through(t):
            drop.update(x.i for x in t.subtree)
        if t.dep_ == "amod" and t.tag_ == "VBN" and t.head.pos_ == "NOUN":
            drop.update(x.i for x in t.subtree if x.i != t.head.i)
    kept = [t for t in tokens if t.i not in drop]
    if any(t.ent_type_ == "PERSON" for t in kept):
        core = {token.i, *(c.i for c in conjoined(token))}
        kept = [
            t
            for t in kept
            if t.ent_type_ in ("PERSON", "")
            or t.i in core
            or (t.head.i in core and t.dep_ in ("compound", "nmod"))
        ]
    return kept


def _acts_through(possessor: Token) -> bool:
    """ "Northland's leader said", "Northland's foreign ministry said": a country acts
    through its office holder or its government body, where "the ally's army" or "the
    premier's envoy" only say whose."""
    head = possessor.head.lemma_.lower()
    return possessor.ent_type_ == "COUNTRY" and (head in ROLE_WORDS or head in GOVERNMENT_BODIES)


def _resolve_pronoun(pronoun: Token, before: list[Mention]) -> list[Token]:
    """ "he met with the president": the last person named before the pronoun.

    The subject of the clause a pronoun's clause depends on is skipped when that clause
    has a pronoun object: in "A supported him when he faced a coup", he is not A.
    """
    doc = pronoun.doc
    skip: set[int] = set()
    governing = pronoun.head
    while governing.dep_ in ("advcl", "ccomp", "xcomp", "conj") and governing.head != governing:
        governing = governing.head
        if any(c.dep_ == "dobj" and c.lower_ in PERSONAL_PRONOUNS for c in governing.children):
            for c in governing.children:
                if c.dep_ == "nsubj":
                    skip.update(x.idx for x in c.subtree)
            break
    people = [
        m for m in before if m.start < pronoun.idx and m.start not in skip and _person_like(m, doc)
    ]
    if not people:
        return []
    span = doc.char_span(people[-1].start, people[-1].end, alignment_mode="expand")
    return list(span) if span is not None else []


def _person_like(mention: Mention, doc: Doc) -> bool:
    """A person's name, or a one-word name acting as the subject of a verb: a surname
    the paragraph's tagger mistook for a place ("Okafor headed to Lagos")."""
    if mention.label == "PERSON":
        return True
    if mention.label != "PLACE":
        return False
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    token = span.root
    # "Okafor and Jane Roe held talks" may parse the surname as a modifier of the
    # person it is coordinated with.
    return (token.dep_ == "nsubj" and token.head.pos_ == "VERB") or (
        token.dep_ in ("conj", "nmod") and token.head.ent_type_ == "PERSON"
    )


def _seat_like(mention: Mention, doc: Doc) -> bool:
    """A place's name as the subject of a verb ("New Carrow imposed sanctions") or as
    the one dealt with ("cut ties with New Carrow", "talks between Carrow and Port
    Ellis"): the government seated there, if it is a capital (``_agent_at``)."""
    head = _root_of(mention, "PLACE", doc)
    if head is None:
        return False
    root = head
    while root.dep_ == "conj":
        root = root.head  # "between Carrow and Port Ellis"
    dealt_with = root.dep_ == "pobj" and root.head.lower_ in ("with", "between", "against")
    return dealt_with or _seat_at(head, [mention])


def _setting_clause(stand: Token) -> Token | None:
    """ "At the meeting, A told B": the main verb a sentence-opening setting belongs to."""
    prep = stand.head
    if stand.dep_ != "pobj" or prep.lower_ not in SETTING_PREPS or prep.dep_ != "prep":
        return None
    verb = prep.head
    # "At the meeting, made public Tuesday, A told B": a subjectless clause before the
    # main verb is a parenthesis, the setting belongs to the main verb.
    while (
        verb.dep_ != "ROOT"
        and verb.i < verb.head.i
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    ):
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX") or verb.dep_ != "ROOT":
        return None
    # "A and B discussed trade during a phone call": after the verb, only "during" sets
    # the scene, and only for a subject that acts ("A was arrested during the visit").
    if prep.i > verb.i and not (
        prep.lower_ == "during" and any(c.dep_ == "nsubj" for c in verb.children)
    ):
        return None
    return verb


def _main_level(verb: Token) -> bool:
    """The sentence's main verb, or a clause joined to it ("..., when B routed C")."""
    return verb.dep_ == "ROOT" or (verb.dep_ in ("advcl", "conj") and verb.head.dep_ == "ROOT")


def _opening(root: Token) -> bool:
    """A date phrase that opens its sentence ("In 2020, ...") and hangs from the root."""
    sent = root.sent
    head = root.head if root.head != root else root
    anchor = head.head if head.dep_ == "prep" else head
    return root.i - sent.start <= 2 and anchor.dep_ == "ROOT"


def _clause_verb(token: Token) -> Token | None:
    """The verb whose clause a token sits in (itself for a verb)."""
    current = token
    for _ in range(8):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head == current:
            return None
        if current.dep_ in ("conj",) and current.head.pos_ in ("NOUN", "PROPN"):
            current = current.head
            continue
        current = current.head
    return None


def _stand_in(trigger: Token) -> Token:
    """The noun a trigger is "a round of", "a series of", "the resumption of"."""
    of = trigger.head
    if trigger.dep_ == "pobj" and of.lower_ == "of" and of.head.lemma_.lower() in TRANSPARENT:
        return of.head
    return trigger


def _antecedent(verb: Token, here: list[Mention]) -> list[Token]:
    """ "Jane Roe, who's met with the king": the noun a relative clause hangs from.

    "Jane Roe, a member of the body who resigned": a common noun without a name
    climbs through "of" and apposition to the name it describes.
    """
    if verb.dep_ != "relcl":
        return []
    head = verb.head
    for _ in range(3):
        named = any(m.start <= t.idx < m.end for t in _phrase(head) for m in here)
        if (named and head.pos_ == "PROPN") or head.dep_ not in ("pobj", "appos"):
            break
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            head = head.head.head
        elif head.dep_ == "appos":
            head = head.head
        else:
            break
    tokens = _argument(head)  # "Northland's rival Southland, which won": Southland
    if head.dep_ == "appos":  # "Jane Roe, a longtime member ... who resigned"
        tokens += [head.head, *(t for t in head.head.lefts if t.dep_ == "compound")]
    return tokens


def _joined(verb: Token) -> list[Token]:
    """ "A joined B in vetoing the resolution": both act, the one who joins and the one
    joined."""
    prep = verb.head
    if verb.dep_ != "pcomp" or prep.lower_ != "in" or prep.head.lemma_.lower() != "join":
        return []
    return [t for c in prep.head.children if c.dep_ in ("nsubj", "dobj") for t in _argument(c)]


def _borrowed_subject(verb: Token, before: list[Mention] | None = None) -> list[Token]:
    """ "Macron telephoned Scholz and was expected to call Meloni": the subject upstream.

    Also "After meeting the king, the envoy headed home": a participle clause without
    a subject of its own takes the subject of the clause it modifies.
    """
    current = verb
    for _ in range(3):
        subject_control = current.dep_ == "xcomp" and current.head.lemma_.lower() in PLANNING
        participle = current.tag_ in ("VBG", "VBN") and (
            current.dep_ == "advcl"
            or (current.dep_ == "pcomp" and current.head.lower_ in TEMPORAL_PREPS)
        )
        # "pooled efforts with the UN to broker a deal": the purpose shares the subject
        purpose = current.dep_ in ("advcl", "acl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in current.children
        )
        if (
            not (subject_control or participle or purpose or current.dep_ == "conj")
            or current.head == current
        ):
            return []  # "called on the president to resign": the object resigns
        current = current.head
        if current.dep_ == "prep" or (purpose and current.pos_ == "NOUN"):
            current = current.head  # "pooled efforts ... to broker": up to "pooled"
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                if child.lower_ in PERSONAL_PRONOUNS and before is not None:
                    return _resolve_pronoun(child, before)
                return _argument(child)
    return []


def _phrase(token: Token) -> list[Token]:
    """A token's subtree without the clauses hanging off it."""
    out = [token]
    for child in token.children:
        if child.dep_ not in CLAUSE_DEPS:
            out.extend(_phrase(child))
    return out


def _mentions_of(tokens: list[Token], here: list[Mention]) -> list[Mention]:
    found = []
    for mention in here:
        if any(mention.start <= t.idx < mention.end for t in tokens) and mention not in found:
            found.append(mention)
    return found


def _spans(
    tokens: list[Token], here: list[Mention], labels: frozenset[str]
) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in _mentions_of(tokens, here) if m.label in labels]


def _date_spans(doc: Doc, sent: Span) -> list[tuple[int, int, str, Token]]:
    """Date phrases of a sentence with the token each hangs from in the parse; read once
    per sentence (the triggers, the lead and the dated clauses all ask), kept on the doc."""
    known = doc.user_data.setdefault("news_explorer_date_spans", {})
    if sent.start not in known:
        known[sent.start] = _find_date_spans(doc, sent)
    return known[sent.start]


def _find_date_spans(doc: Doc, sent: Span) -> list[tuple[int, int, str, Token]]:
    found: list[tuple[int, int, str, Token]] = []
    text = sent.text
    # the day a dateline gives ("CARROW, Feb. 20 (Agency) --") is when the story was
    # filed, read as the article's date, not the date of what the sentence tells
    wire = dateline_end(doc.text) - sent.start_char
    for start, end, phrase in find_date_phrases(text):
        if start < wire:
            continue
        span = doc.char_span(
            sent.start_char + start, sent.start_char + end, alignment_mode="expand"
        )
        if span is not None:
            found.append((sent.start_char + start, sent.start_char + end, phrase, span.root))
    taken = [(s, e) for s, e, _, _ in found]
    for ent in sent.ents:
        if (
            ent.label_ == "DATE"
            and ent.start_char - sent.start_char >= wire
            and not any(s < ent.end_char and ent.start_char < e for s, e in taken)
            and re.search(r"\b(1[89]\d\d|20\d\d)\b", ent.text)
        ):
            found.append((ent.start_char, ent.end_char, ent.text, ent.root))
    return sorted(found, key=lambda d: d[0])


def _governs(trigger: Token, clause: Token | None, root: Token) -> bool:
    """A date belongs to an event when it hangs from the trigger or the trigger's clause."""
    if root.i in (t.i for t in _phrase(trigger)):
        return root == trigger or not _nearer_event(root, trigger, trigger)
    if (
        trigger.pos_ != "VERB"
        and root.head.dep_ == "prep"
        and root.head.i == trigger.right_edge.i + 1
        and root.head.head == _clause_verb(trigger)
    ):
        return True  # "parlay its intervention in 2015 into ...": attached one level up
    anchor = _clause_verb(root.head if root.head != root else root)
    if anchor is None:
        return False
    if anchor.dep_ == "acl" and anchor.head == trigger:
        # "a summit scheduled for Wednesday", but not "the meeting, made public Tuesday"
        return anchor.lemma_.lower() not in ANNOUNCING
    if anchor.dep_ == "relcl" and anchor in _venue_clauses(trigger):
        return True  # "the meeting between A and B, which was held this evening"
    if clause is not None and clause.dep_ == "xcomp" and anchor == clause.head:
        return True  # "On Dec. 2, Russia is planning to host a gathering"
    return anchor in (trigger, clause) and not _nearer_event(root, anchor, trigger)


def _nearer_event(root: Token, anchor: Token, trigger: Token) -> bool:
    """ "hosting meetings ahead of the resumption of talks next week": the date hangs
    from another happening on its way up to the clause, so it is that one's."""
    node = root.head
    for _ in range(8):
        if node in (anchor, trigger) or node.head == node:
            return False
        if node.pos_ == "NOUN" and (_trigger(node) is not None or _stand_in_of(node) is not None):
            return True
        node = node.head
    return False


def _stand_in_of(noun: Token) -> Token | None:
    """ "the resumption of talks": the trigger a transparent noun stands in for."""
    if noun.lemma_.lower() not in TRANSPARENT:
        return None
    for prep in noun.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for obj in prep.children:
                if obj.dep_ == "pobj" and _trigger(obj) is not None:
                    return obj
    return None


def _scheduled(trigger: Token, clause: Token | None, dates: list[tuple[int, int, str]]) -> bool:
    if any(FORWARD_DATE.match(phrase) for _, _, phrase in dates):
        return True
    for head in {trigger, clause} - {None}:
        for child in head.children:
            if child.dep_ in ("aux", "amod", "acl") and child.lemma_.lower() in (
                PLANNING | {"will", "shall"}
            ):
                return True
        chain = head
        for _ in range(3):
            if chain.dep_ in ("xcomp", "acl", "pobj", "dobj", "attr", "prep") and (
                chain.head.lemma_.lower() in PLANNING
                # "was due to host talks": the plan is the copula's complement
                or any(
                    c.dep_ == "acomp" and c.lemma_.lower() in PLANNING for c in chain.head.children
                )
            ):
                return True
            chain = chain.head
    return False
