"""Typed relations stated in a sentence: who met, called, backs, opposes, ... whom.

Runs inside extraction while the spaCy ``Doc`` of a paragraph exists, over the
dependency parse, so it needs the ``model`` pipeline; the ``rules`` pipeline has no
parse and states no typed relations (co-occurrence still works from its names).

The rules are a generic English lexicon, never a list of actors:

* a **verb** whose lemma names a relation ("met", "backs", "was criticised by"), with
  its subject as the source and its object (direct object, or a "with", "to",
  "against", "between" phrase) as the target; in the passive the "by" agent is the
  source. A verb without a subject of its own borrows one from the verb it depends on
  ("X refused to meet Y", "X met Y and praised Z"), and a relative pronoun stands for
  the noun it describes ("Iran, which backs Z").
* a **noun** naming a relation ("X's meeting with Y", "talks between X and Y",
  "X began talks with Y", "X is a backer of Y").

Arguments are widened over conjunctions ("X and Y met" is a meeting of X with Y,
"between X, Y and Z" pairs all three) and, when the argument is a common noun, to the
names modifying it ("Dutch troops" stands for the Netherlands). A relation the text negates
("did not meet", "refused to meet", "no talks with") is kept with ``negated`` set, and
one it only wishes or plans ("willing to meet", "will support") with ``hypothetical``:
neither is ever reported as the relation itself.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

from builder.extract.syntax import coordinated, has_negation, reporter_tokens
from builder.model import Mention, StatedRelation
from builder.text.lexicon import (
    PERSONAL_PRONOUNS,
    RELATIVE_PRONOUNS,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Relation types; symmetric ones have no direction (source and target are ordered).
SYMMETRIC = frozenset({"met", "negotiates"})
TYPES = (
    "met",
    "called",
    "supports",
    "opposes",
    "negotiates",
    "sanctions",
    "accuses",
    "praises",
    "mediates",
)

#: Verb lemma -> relation type.
VERBS = {
    **dict.fromkeys(
        ["meet", "talk", "speak", "confer", "host", "embrace", "hug", "visit", "discuss"], "met"
    ),
    **dict.fromkeys(["call", "phone", "telephone", "ring"], "called"),
    **dict.fromkeys(
        ["support", "back", "endorse", "arm", "fund", "finance", "aid", "assist", "help"],
        "supports",
    ),
    **dict.fromkeys(
        ["oppose", "fight", "attack", "bomb", "battle", "combat", "confront", "resist", "invade"],
        "opposes",
    ),
    **dict.fromkeys(["negotiate", "bargain"], "negotiates"),
    **dict.fromkeys(["sanction", "embargo", "blacklist"], "sanctions"),
    **dict.fromkeys(
        [
            "accuse",
            "criticise",
            "criticize",
            "condemn",
            "blame",
            "denounce",
            "slam",
            "rebuke",
            "censure",
            "decry",
            "chide",
        ],
        "accuses",
    ),
    **dict.fromkeys(
        ["praise", "thank", "commend", "hail", "laud", "applaud", "congratulate"], "praises"
    ),
    **dict.fromkeys(["mediate", "broker"], "mediates"),
}
#: Nouns for a happening between the parties: "X's meeting with Y", "talks between X and Y".
EVENT_NOUNS = {
    **dict.fromkeys(
        [
            "meeting",
            "talk",
            "summit",
            "visit",
            "conversation",
            "encounter",
            "consultation",
            "discussion",
        ],
        "met",
    ),
    **dict.fromkeys(["call", "phone"], "called"),
    **dict.fromkeys(["negotiation"], "negotiates"),
    **dict.fromkeys(["support", "backing", "aid"], "supports"),
    **dict.fromkeys(["sanction", "embargo"], "sanctions"),
    **dict.fromkeys(
        ["criticism", "condemnation", "accusation", "denunciation", "rebuke"], "accuses"
    ),
    **dict.fromkeys(["praise"], "praises"),
    **dict.fromkeys(["mediation"], "mediates"),
}
#: Nouns for one party's role towards another: "X is a backer of Y", "Y's ally X".
AGENT_NOUNS = {
    **dict.fromkeys(["backer", "supporter", "sponsor", "ally", "patron"], "supports"),
    **dict.fromkeys(["enemy", "foe", "opponent", "adversary", "rival"], "opposes"),
    **dict.fromkeys(["critic"], "accuses"),
    **dict.fromkeys(["mediator", "broker"], "mediates"),
}
#: Prepositions that introduce the other party, by relation type (any type: "with").
TARGET_PREPS = {
    "met": {"with", "to"},
    "called": {"with", "to"},
    "supports": {"for", "of", "to"},
    "opposes": {"against", "with", "of", "to"},
    "negotiates": {"with"},
    "sanctions": {"on", "against", "of"},
    "accuses": {"of", "against", "on"},
    "praises": {"for", "of"},
    "mediates": {"between", "for"},
}
#: Verbs that deny the act of the verb they govern ("refused to meet").
NEGATING = frozenset(
    """refuse decline reject deny fail avoid cancel stop cease halt abandon postpone
    rule""".split()
)
#: Verbs and adjectives that make the act they govern a plan or a wish, not a fact.
HYPOTHETICAL = frozenset(
    """want hope plan expect intend seek try aim propose offer wish consider threaten
    prepare schedule willing ready able likely set due eager keen agree pledge promise
    vow decide""".split()
)
#: Verbs of going somewhere, whose "to" clause is the trip's purpose, not a fact.
MOTION_VERBS = frozenset("""arrive come go travel fly head land return leave visit""".split())
MODAL_AUX = frozenset({"will", "would", "could", "might", "may", "should", "shall", "can"})
#: A verb's own subject, or the one its clause borrows from the verb it depends on.
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Light verbs whose object noun is the act: "X held talks with Y".
LIGHT_VERBS = frozenset(
    """hold begin have start conduct open resume host launch join attend continue impose
    announce slap levy extend place""".split()
)
#: Dependents of a common noun whose names stand for it ("Turkish troops", "the envoy Y").
NAME_MODIFIERS = ("compound", "amod", "poss", "nmod", "appos")
#: Common nouns a name only describes: their names do not stand for them. A vessel or a
#: thing is no act of its flag ("a Norwegian tanker"); the people, firms and opposition
#: of a country are not its state ("Venezuela's opposition", "Kenyan citizens"); the
#: members of a bloc or a region are not the bloc ("SADC member states", "Latin
#: American countries"). Acts and agents still are: "Turkish troops", "US pressures",
#: "North Korea's test-firing".
DESCRIBED_NOUNS = frozenset(
    """tanker ship vessel boat freighter carrier ferry yacht trawler barge cargo
    opposition citizen national resident people population civilian company firm
    business corporation fisherman worker student tourist journalist media newspaper
    broadcaster club member state country nation economy market""".split()
)
#: Nouns for one person's office or role: "UN envoy X", "Chile's foreign minister X",
#: "U.S. ally X". The names modifying them say whom the person serves, not who acts:
#: the noun stands only for the name it introduces, never for its modifiers.
ROLE_NOUNS = frozenset(
    """envoy minister president leader ally official spokesman spokeswoman spokesperson
    ambassador diplomat counterpart chief head secretary king queen prince emir sultan
    premier chancellor governor commander general representative negotiator adviser
    advisor aide senator lawmaker deputy director mediator emissary delegate delegation
    prime foreign defense defence""".split()
)
#: Meeting verbs that take their other party with "to": "X talked to Y".
TALK_VERBS = frozenset({"talk", "speak", "confer"})


def stated_relations(
    article: str,
    paragraph: int,
    doc: Doc,
    sents: list[Span],
    mentions: list[Mention],
    earlier: Iterable[Mention] = (),
) -> list[StatedRelation]:
    """Typed relations stated in one parsed paragraph, between its named ``mentions``.

    ``earlier`` are the article's mentions before this paragraph: "he" is taken to be
    the last person named before it (coreference by recency, as for quote speakers).
    """
    if not doc.has_annotation("DEP") or not mentions:
        return []
    finder = _Finder(doc, mentions, [m for m in earlier if m.label == "PERSON"])
    sentence_of = {}
    for index, sent in enumerate(sents):
        for token in sent:
            sentence_of[token.i] = index
    found: dict[tuple, StatedRelation] = {}
    for token in doc:
        for kind, sources, targets, trigger in finder.relations_at(token):
            negated = _negated_in_clause(trigger)
            hypothetical = not negated and is_hypothetical(trigger)
            date = _date_phrase(trigger, doc)
            for source in sources:
                for target in targets:
                    if source == target or (source.start, source.end) == (target.start, target.end):
                        continue
                    a, b = source, target
                    if kind in SYMMETRIC and (b.start, b.end) < (a.start, a.end):
                        a, b = b, a
                    relation = StatedRelation(
                        date=date,
                        type=kind,
                        source=a,
                        target=b,
                        article=article,
                        paragraph=paragraph,
                        sentence=sentence_of[trigger.i],
                        trigger=trigger.text,
                        negated=negated,
                        hypothetical=hypothetical,
                    )
                    key = (kind, a.start, a.end, b.start, b.end)
                    found.setdefault(key, relation)
    return list(found.values())


class _Finder:
    """Argument look-ups over one paragraph's parse."""

    def __init__(self, doc: Doc, mentions: list[Mention], people_before: list[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.by_token: dict[int, Mention] = {}
        starts = [token.idx for token in doc]
        for m in mentions:
            for i in range(bisect_left(starts, m.start), bisect_left(starts, m.end)):
                self.by_token[i] = m
        self.people_before = people_before
        self.blocked: set[int] = set()

    # relations ---------------------------------------------------------------------

    def relations_at(self, token: Token) -> Iterator[tuple[str, list, list, Token]]:
        """Relations stated at this word, if it is a relation's verb or noun."""
        reading = self._reading(token)
        if reading is None:
            return
        read, kind = reading
        # Who reports a relation is not a party to it ("the ministry said X met Y"); a
        # pronoun of the reported clause may still stand for them ("X said he met Y").
        self.blocked = reporter_tokens(token)
        yield from read(token, kind)

    def _reading(self, token: Token) -> tuple[Callable[[Token, str], Iterator], str] | None:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX"):
            return (self._verbal, VERBS[lemma]) if lemma in VERBS else None
        if token.pos_ not in ("NOUN", "PROPN") or token.i in self.by_token:
            return None
        if lemma in EVENT_NOUNS:
            kind = EVENT_NOUNS[lemma]
            if kind == "met" and any(c.lower_ in ("phone", "telephone") for c in token.lefts):
                kind = "called"  # "a phone conversation with", "telephone talks"
            return self._nominal, kind
        if lemma in AGENT_NOUNS:
            return self._agent_noun, AGENT_NOUNS[lemma]
        return None

    def _verbal(self, verb: Token, kind: str) -> Iterator[tuple[str, list, list, Token]]:
        if kind == "called" and _not_a_call(verb):
            return
        if kind == "met" and verb.lemma_.lower() in ("visit", "host") and not self._people(verb):
            return  # "X visited Y", "X hosted Y": a meeting only with a person, not a place
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if passive:
            sources = self._args(_prep_objects(verb, {"by"}))
            targets = self._args([c for c in verb.children if c.dep_ == "nsubjpass"])
            if verb.dep_ == "acl" and not targets:  # "a group backed by X"
                targets = self._args([verb.head])
        else:
            sources = self._args(self._subjects(verb))
            objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            if verb.lemma_.lower() == "discuss":
                # "X discussed trade (with Y)": the object is the topic, and the other
                # party may hang from it ("discuss aspects of cooperation with Y").
                objects = [p for o in objects for p in _prep_objects(o, {"with"})]
            preps = TARGET_PREPS[kind] | {"with"}
            if kind == "met" and verb.lemma_.lower() not in TALK_VERBS:
                preps = preps - {"to"}  # "talked to X", but "met the envoy to Z": Z is the office's
            objects += _prep_objects(verb, preps)
            targets = self._args(objects)
        if kind in SYMMETRIC and not targets and len(sources) > 1:
            # "X and Y met": every pair of the conjoined subjects.
            for i, a in enumerate(sources):
                yield kind, [a], sources[i + 1 :], verb
            return
        if kind == "mediates":
            yield from self._mediation(verb, sources, targets)
            return
        if sources and targets:
            yield kind, sources, targets, verb

    def _nominal(self, noun: Token, kind: str) -> Iterator[tuple[str, list, list, Token]]:
        between = self._args(_prep_objects(noun, {"between", "among"}))
        if kind in SYMMETRIC or kind == "called":
            others = self._args(_prep_objects(noun, TARGET_PREPS[kind] | {"with"}))
        else:
            others = self._args(_prep_objects(noun, TARGET_PREPS[kind]))
        owners = self._args(
            [c for c in noun.children if c.dep_ == "poss"] + _prep_objects(noun, {"by"})
        )
        if noun.lemma_.lower() == "visit" and not any(m.label == "PERSON" for m in others):
            others = []  # "X's visit to Y": a meeting only with a person, not a place
        verb = noun.head
        if not owners and noun.dep_ == "dobj" and verb.lemma_.lower() in LIGHT_VERBS:
            owners = self._args(self._subjects(verb))  # "X held talks with Y"
        if (
            kind in SYMMETRIC
            and not others
            and len(between or owners) > 1
            and not (between and owners)
        ):
            # "talks between X and Y", "X and Y held talks": every pair of the parties.
            parties = between or owners
            for i, a in enumerate(parties):
                yield kind, [a], parties[i + 1 :], noun
            return
        if kind == "mediates":
            yield from self._mediation(noun, owners, others or between)
            return
        targets = others or between
        if owners and targets:
            yield kind, owners, targets, noun

    def _agent_noun(self, noun: Token, kind: str) -> Iterator[tuple[str, list, list, Token]]:
        """ "X is a backer of Y", "Y's backer X", "X, an ally of Y"."""
        targets = self._args(
            [c for c in noun.children if c.dep_ == "poss"] + _prep_objects(noun, {"of", "to"})
        )
        sources: list[Mention] = []
        if noun.dep_ == "attr":
            sources = self._args(self._subjects(noun.head))
        elif noun.dep_ == "appos":
            sources = self._args([noun.head])
        if not sources:
            sources = self._args([c for c in noun.children if c.dep_ in ("appos", "compound")])
        if kind == "mediates":
            yield from self._mediation(noun, sources, self._args(_prep_objects(noun, {"between"})))
            return
        if sources and targets:
            yield kind, sources, targets, noun

    def _mediation(
        self, trigger: Token, mediators: list[Mention], parties: list[Mention]
    ) -> Iterator[tuple[str, list, list, Token]]:
        """ "X mediated between Y and Z", "X brokered a deal between Y and Z"."""
        if not parties:
            deals = [c for c in trigger.children if c.dep_ == "dobj"]
            parties = self._args(p for d in deals for p in _prep_objects(d, {"between"}))
        parties = [p for p in parties if p not in mediators]
        if mediators and parties:
            yield "mediates", mediators, parties, trigger

    # arguments ---------------------------------------------------------------------

    def _subjects(self, verb: Token) -> list[Token]:
        """The verb's subject, climbing to the governing verb when it has none."""
        current = verb
        for _ in range(6):
            subjects = [c for c in current.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                return subjects
            if current.dep_ in ("xcomp", "conj", "advcl", "acomp") and current.head is not current:
                current = current.head
            elif current.dep_ in ("acl", "relcl") and current.head is not current:
                return [current.head]
            else:
                return []
        return []

    def _args(self, tokens: Iterable[Token]) -> list[Mention]:
        """The named mentions an argument stands for, widened over conjunctions."""
        found: list[Mention] = []
        for token in tokens:
            for part in coordinated(token):
                for m in self._names(part):
                    if m not in found:
                        found.append(m)
        return found

    def _names(self, token: Token, depth: int = 0) -> list[Mention]:
        if token.i in self.blocked:
            return []
        if token.i in self.by_token:
            return [self.by_token[token.i]]
        if depth > 2:
            return []
        lower = token.lower_
        if lower in RELATIVE_PRONOUNS and token.head.dep_ == "relcl":
            return self._names(token.head.head, depth + 1)
        if lower in PERSONAL_PRONOUNS:
            return self._person(token)
        if token.pos_ not in ("NOUN", "PROPN"):
            return []
        # "his counterpart, Wang Yi": the apposition names it; else "Turkish troops".
        found = [
            m
            for child in token.children
            if child.dep_ == "appos"
            for c in coordinated(child)
            for m in self._names(c, depth + 1)
        ]
        if not found and token.lemma_.lower() in ROLE_NOUNS:
            return self._role_holder(token)
        if not found and not _described(token):
            found = [
                self.by_token[c.i]
                for c in token.children
                if c.dep_ in NAME_MODIFIERS and c.i in self.by_token
            ]
        if not found:
            # "countries including X, Y and Z", "groups such as X"
            for pobj in _prep_objects(token, {"including", "like", "as"}):
                found.extend(m for c in coordinated(pobj) for m in self._names(c, depth + 1))
        return found

    def _person(self, pronoun: Token) -> list[Mention]:
        """Who "he" is: whoever reports the pronoun's clause ("Jane Roe said he met ..."),
        no one when that is an unnamed office ("the agency chief said that he ..."), else
        the last person named before it (coreference by recency)."""
        reporter = _reporting_subject(pronoun)
        if reporter is not None:
            named = self.by_token.get(reporter.i)
            if named is None:
                return []
            if named.label == "PERSON":
                return [named]
        before = [m for m in self.mentions if m.label == "PERSON" and m.end <= pronoun.idx]
        people = self.people_before + before
        return [people[-1]] if people else []

    def _role_holder(self, noun: Token) -> list[Mention]:
        """Who holds an office: the name right after it ("ally Japan"), else the
        first person named after it in its phrase ("envoy to the region, Jane Doe")."""
        following = self.doc[noun.i + 1] if noun.i + 1 < len(self.doc) else None
        if following is not None and following.i in self.by_token:
            return [self.by_token[following.i]]
        for token in noun.subtree:
            m = self.by_token.get(token.i)
            if token.i > noun.i and m is not None and m.label == "PERSON":
                return [m]
        return []

    def _people(self, verb: Token) -> bool:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        return any(m.label == "PERSON" for m in self._args(objects))


def _described(noun: Token) -> bool:
    """A noun its names only describe (``DESCRIBED_NOUNS``); a capitalised plural such
    as "Member States" keeps its own form as the model's lemma."""
    lemma = noun.lemma_.lower()
    return lemma in DESCRIBED_NOUNS or (lemma.endswith("s") and lemma[:-1] in DESCRIBED_NOUNS)


def _prep_objects(head: Token, preps: set[str]) -> list[Token]:
    out = []
    for child in head.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ == "such":  # "such as X"
            for grand in child.children:
                if grand.lower_ == "as":
                    out.extend(c for c in grand.children if c.dep_ == "pobj")
    return out


def _not_a_call(verb: Token) -> bool:
    """ "called for", "called on X to", "called X a liar": not a phone call."""
    for child in verb.children:
        if child.dep_ in ("oprd", "ccomp", "attr") or (
            child.dep_ in ("prep", "prt")
            and child.lower_ in ("for", "on", "off", "up", "out")
            and child.i == verb.i + 1
        ):
            return True
    return verb.dep_ == "auxpass" or any(c.dep_ == "nsubjpass" for c in verb.children)


def _chain(trigger: Token) -> Iterator[Token]:
    """The trigger and the words it hangs from, up to its clause's own verb."""
    current = trigger
    yield current
    for _ in range(6):
        if current.dep_ in ("dobj", "pobj", "prep", "attr", "xcomp", "acomp", "ccomp") or (
            current.dep_ == "conj" and current.pos_ == "VERB"
        ):
            current = current.head
        else:
            return
        yield current


def _negated_in_clause(trigger: Token) -> bool:
    """A negation on the trigger or the words it hangs from ("never held talks")."""
    for token in _chain(trigger):
        if has_negation(token):
            return True
        if token.pos_ in ("NOUN",) and any(c.lower_ in ("no", "without") for c in token.children):
            return True
        if token is not trigger and token.lemma_.lower() in NEGATING:
            return True
        if token.dep_ == "pobj" and token.head.lower_ == "without":
            return True
    return False


def _reporting_subject(pronoun: Token) -> Token | None:
    """The subject of the verb that reports the pronoun's clause ("X said that he met
    Y"): who "he" is, by the grammar rather than by recency."""
    clause = pronoun.head
    if pronoun.dep_ != "nsubj" or clause.dep_ != "ccomp":
        return None
    subjects = [c for c in clause.head.children if c.dep_ == "nsubj"]
    if not subjects or subjects[0].lower_ in PERSONAL_PRONOUNS:
        return None
    return subjects[0]


def is_hypothetical(trigger: Token) -> bool:
    """A plan, a wish or a condition rather than a fact: "wants to meet", "will sign",
    "if they meet", "arrived in the capital to negotiate"."""
    if any(c.dep_ == "acl" and c.lemma_.lower() in HYPOTHETICAL for c in trigger.children):
        return True  # "a summit scheduled for Wednesday", "talks planned for May"
    for token in _chain(trigger):
        if token is not trigger and token.lemma_.lower() in HYPOTHETICAL:
            return True
        if any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in token.children):
            return True
        if token.dep_ == "advcl" and any(
            c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children
        ):
            return True
        if (
            token.dep_ == "advcl"
            and token.head.lemma_.lower() in MOTION_VERBS
            and any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)
        ):
            return True  # "arrived in the capital to negotiate with Y": a purpose
    return False


def _date_phrase(trigger: Token, doc: Doc) -> str:
    """A date phrase that the trigger's own clause states ("In 2018, X met Y", "X called
    Y on Tuesday"); relations.py reads it against the publication date.

    The date must hang from the trigger or the verb governing it without crossing
    another verb, so "X met Y to discuss the war that began in 2011" and "X called Y
    ahead of a meeting scheduled Wednesday" give no date.
    """
    # "X held talks with Y on Monday": the light verb's date is the talks' date; but
    # "after X's meeting with Y, Z spent Tuesday ..." dates Z's day, not the meeting.
    clause = trigger.head if trigger.pos_ != "VERB" and trigger.dep_ == "dobj" else trigger
    anchors = {trigger.i, clause.i}
    for ent in doc.ents:
        if ent.label_ != "DATE" or ent.sent != trigger.sent:
            continue
        token = ent.root
        for _ in range(8):
            if token.i in anchors:
                return ent.text
            if token.head == token or (token.pos_ in ("VERB", "AUX") and token.i not in anchors):
                break
            token = token.head
    return ""
