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
from typing import TYPE_CHECKING

from builder.dates import find_date_phrases
from builder.model import EventMention, Mention

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
}
#: Noun lemmas (or lower-cased words) that are events, by type.
NOUN_TRIGGERS = {
    "meeting": "meeting",
    "encounter": "meeting",
    "visit": "visit",
    "trip": "visit",
    "call": "phone call",
    "phone call": "phone call",
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
    organise plan schedule set prepare lead mount""".split()
)
#: Governing verbs and modifiers that make a happening expected rather than past.
PLANNING = frozenset(
    """plan schedule expect due intend aim prepare propose set hope want seek
    upcoming planned scheduled expected proposed future possible coming""".split()
)
FORWARD_DATE = re.compile(r"^(?:next|coming|tomorrow)", re.IGNORECASE)
PARTICIPANT_PREPS = frozenset({"with", "between", "by", "among", "against"})
PLACE_PREPS = frozenset({"in", "at", "near", "to", "outside", "inside"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GROUP", "COUNTRY"})
PLACE_LABELS = frozenset({"PLACE", "COUNTRY"})
QUOTE_RE = re.compile(r"[“\"][^“”\"]*[”\"]")
TRANSPARENT = frozenset({"round", "series", "resumption", "session", "start", "wave"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
ARGUMENT_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr"})
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "parataxis"})


def event_mentions(
    article: str, paragraph: int, doc: Doc, sents: list[Span], mentions: list[Mention]
) -> Iterator[EventMention]:
    """Every event mention in one parsed paragraph; ``mentions`` are its names."""
    quoted = [(m.start(), m.end()) for m in QUOTE_RE.finditer(doc.text)]
    for index, sent in enumerate(sents):
        here = [m for m in mentions if sent.start_char <= m.start < sent.end_char]
        dates = _date_spans(doc, sent)
        for token in sent:
            kind = _trigger(token)
            if kind is None or any(a <= token.idx < b for a, b in quoted):
                continue
            found = _event(article, paragraph, index, token, kind, here, dates)
            if found is not None:
                yield found


def _trigger(token: Token) -> str | None:
    """The event type a token triggers, if any."""
    lemma = token.lemma_.lower()
    if token.pos_ == "VERB":
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
        if _object_trigger(token) is not None:
            return None  # "negotiated a ceasefire": the noun is the event
        return kind
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    if token.lower_ == "fire" and token.i >= 2 and token.nbor(-2).lower_ == "cease":
        return "ceasefire"
    if lemma == "talk" and token.lower_ != "talks":
        return None
    if lemma == "call" and not (
        any(c.lower_ in ("phone", "telephone") for c in token.lefts)
        or any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
    ):
        return None
    if lemma in ("strike", "campaign") and not any(
        c.lower_ in ("air", "missile", "drone", "military", "bombing") for c in token.lefts
    ):
        return None  # a labour strike, an election campaign: not attacks
    kind = NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(token.lower_)
    if kind and token.dep_ == "compound" and _trigger(token.head):
        return None  # "ceasefire deal", "peace talks": one event, named by the head
    return kind


def _modifier(mention: Mention, actors: list[Mention], doc: Doc) -> bool:
    """A country that only qualifies another participant: "French President Macron"."""
    if mention.label != "COUNTRY":
        return False
    token = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if token is None:
        return False
    root = token.root
    if root.dep_ not in ("amod", "compound", "poss", "nmod"):
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
            if NOUN_TRIGGERS.get(lemma) or NOUN_TRIGGERS.get(child.lower_):
                return child
    return None


def _event(
    article: str,
    paragraph: int,
    sentence: int,
    trigger: Token,
    kind: str,
    here: list[Mention],
    dates: list[tuple[int, int, str, Token]],
) -> EventMention | None:
    clause = _clause_verb(trigger)
    # "an eighth round of peace talks": the event stands where "round" stands.
    stand = _stand_in(trigger)
    # A noun borrows its clause's subject and dates only as the direct argument of a
    # support verb ("the king began talks", "he faced a coup in July 2016"), not from a
    # prepositional phrase ("after the election, the army resumed ...") or a verb
    # of its own ("the minister welcomed the resignations").
    support = (
        clause
        if clause is not None
        and (
            clause == trigger
            or (
                stand.head == clause
                and stand.dep_ in ARGUMENT_DEPS
                and clause.lemma_.lower() in SUPPORT_VERBS
            )
        )
        else None
    )
    # Only a negation of the event itself counts: "isn't waiting for the inauguration"
    # still reports an inauguration, "did not meet" reports no meeting.
    if _negated(trigger) or (support is not None and _negated(support)):
        return None
    arg_tokens: list[Token] = []
    place_tokens: list[Token] = []
    extra = [c for c in stand.children if c.dep_ == "prep"] if stand != trigger else []
    for child in [*trigger.children, *extra]:
        if child.dep_ == "dobj" and kind == "visit" and trigger.pos_ == "VERB":
            place_tokens.extend(_phrase(child))  # "will visit the UAE": where, not who
        elif child.dep_ in ("nsubj", "nsubjpass") and child.lower_ in RELATIVE_PRONOUNS:
            arg_tokens.extend(_antecedent(trigger))
        elif child.dep_ in ("nsubj", "nsubjpass", "dobj", "poss", "compound", "amod"):
            arg_tokens.extend(_phrase(child))
        elif child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in PARTICIPANT_PREPS):
            arg_tokens.extend(t for p in child.children for t in _phrase(p))
        elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS:
            place_tokens.extend(t for p in child.children for t in _phrase(p))
    if trigger.pos_ == "VERB" and not any(
        c.dep_ in ("nsubj", "nsubjpass") for c in trigger.children
    ):
        arg_tokens.extend(_borrowed_subject(trigger))
    if support is not None and support != trigger:
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in support.children):
            arg_tokens.extend(
                _borrowed_subject(support)
            )  # "the country prepares to hold elections"
        for child in support.children:
            if child.dep_ == "nsubj":
                arg_tokens.extend(_phrase(child))
            elif child.dep_ == "prep" and child.lower_ in PLACE_PREPS and child.lower_ != "to":
                place_tokens.extend(t for p in child.children for t in _phrase(p))
    actors = [m for m in _mentions_of(arg_tokens, here) if m.label in ACTOR_LABELS]
    participants = [(m.start, m.end) for m in actors if not _modifier(m, actors, trigger.doc)]
    places = [m for m in _mentions_of(place_tokens, here) if m.label in PLACE_LABELS]
    # "the Black Sea resort of Yalta": the last place named is the most specific.
    place = next((m for m in reversed(places) if m.label == "PLACE"), places[0] if places else None)
    participants = [p for p in participants if place is None or p != (place.start, place.end)]
    date_phrases = [
        (start, end, phrase)
        for start, end, phrase, root in dates
        if _governs(trigger, support, root)
    ]
    if not participants and not date_phrases:
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
    )


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


def _antecedent(verb: Token) -> list[Token]:
    """ "Jane Roe, who's met with the king": the noun a relative clause hangs from."""
    if verb.dep_ != "relcl":
        return []
    head = verb.head
    tokens = _phrase(head)
    if head.dep_ == "appos":  # "Suheir Atassi, a longtime member ... who resigned"
        tokens += [head.head, *(t for t in head.head.lefts if t.dep_ == "compound")]
    return tokens


def _borrowed_subject(verb: Token) -> list[Token]:
    """ "Macron telephoned Scholz and was expected to call Meloni": the subject upstream."""
    current = verb
    for _ in range(3):
        subject_control = current.dep_ == "xcomp" and current.head.lemma_.lower() in PLANNING
        if not (subject_control or current.dep_ == "conj") or current.head == current:
            return []  # "called on the president to resign": the object resigns
        current = current.head
        for child in current.children:
            if child.dep_ in ("nsubj", "nsubjpass"):
                return _phrase(child)
    return []


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


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
    """Date phrases of a sentence with the token each hangs from in the parse."""
    found: list[tuple[int, int, str, Token]] = []
    text = sent.text
    for start, end, phrase in find_date_phrases(text):
        span = doc.char_span(
            sent.start_char + start, sent.start_char + end, alignment_mode="expand"
        )
        if span is not None:
            found.append((sent.start_char + start, sent.start_char + end, phrase, span.root))
    taken = [(s, e) for s, e, _, _ in found]
    for ent in sent.ents:
        if (
            ent.label_ == "DATE"
            and not any(s < ent.end_char and ent.start_char < e for s, e in taken)
            and re.search(r"\b(1[89]\d\d|20\d\d)\b", ent.text)
        ):
            found.append((ent.start_char, ent.end_char, ent.text, ent.root))
    return sorted(found, key=lambda d: d[0])


def _governs(trigger: Token, clause: Token | None, root: Token) -> bool:
    """A date belongs to an event when it hangs from the trigger or the trigger's clause."""
    if root.i in (t.i for t in _phrase(trigger)):
        return True
    anchor = _clause_verb(root.head if root.head != root else root)
    if anchor is None:
        return False
    if anchor.dep_ == "acl" and anchor.head == trigger:
        return True  # "a summit scheduled for Wednesday"
    if clause is not None and clause.dep_ == "xcomp" and anchor == clause.head:
        return True  # "On Dec. 2, Russia is planning to host a gathering"
    return anchor in (trigger, clause)


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
            ):
                return True
            chain = chain.head
    return False
