"""Resolve stage: one entity per real-world thing.

Places and countries are keyed by the gazetteer. People are clustered by their name's
shape: full names merge when their surnames match and their given names agree
(spelling variants tolerated), a lone surname joins the person of that surname the
same article (or else the corpus) names most, and a generational suffix ("Jr.") keeps
two people apart. Organisations merge by normalised name, by acronym and by a unique
longer name ending in the same words. A name the model labelled inconsistently is
decided by what it resolves to, not by its labels.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from builder.gazetteer import KIND_CITY, KIND_COUNTRY, KIND_REGION, Gazetteer, Place
from builder.infra.data import DATA_DIR, read_names
from builder.ingest.lines import is_given_name
from builder.ingest.parse import DATELINE_PARAGRAPHS
from builder.model import Article, Entity, ExtractedArticle, Mention, Quote
from builder.resolve.index import Bindings, PersonIndex
from builder.resolve.kinds import (
    AFTER_CHARS,
    JUDGED_KINDS,
    KindModel,
    Sighting,
    features,
    kind_model,
    people_words,
)
from builder.resolve.names import (
    SURNAME_FUZZ,
    PersonName,
    acronym_of,
    is_acronym,
    near_surnames,
    org_key,
    person_name,
    same_person,
)
from builder.text.fold import fold
from builder.text.lexicon import (
    AREA_KINDS,
    CLUB_PREFIXES,
    GENERIC_PLACES,
    GEOGRAPHIC_HEADS,
    GROUP_CONTEXT,
    GROUP_HEADS,
    LANDMARK_HEADS,
    NAMED_BODY_KINDS,
    NON_GROUP_HEADS,
    NOT_TEAM_PLURALS,
    ORG_WORDS,
    PARTY_CONTEXT,
    PORTFOLIO_TITLES,
    ROLE_WORDS,
    SPORT_WORDS,
    TEAM_AFTER,
    TEAM_BEFORE,
    TITLES,
    WORK_NOUNS,
)
from builder.text.nouns import english_nouns, is_plural_noun
from builder.text.organizations import organization_key, organizations
from builder.text.sites import is_site_name
from builder.urls import Slugs, slug

#: "the state of X", "province of X", "X province": the text names a region.
_REGION_WORDS = r"(?:state|province|region|governorate|prefecture|county|district|department)"
_REGION_BEFORE = re.compile(rf"\b{_REGION_WORDS} of\s+$", re.IGNORECASE)
_REGION_AFTER = re.compile(rf"^\s+{_REGION_WORDS}\b")
#: Distinct words of ``SPORT_WORDS`` that make an article a sports report.
SPORT_MIN_WORDS = 3
#: The country or state written after a place and a comma: "Alta, Northland", "Alta,
#: Nth.-based"; not a possessive ("Alta, Northland's capital").
_STATED = re.compile(r"\s*,\s*([A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,3})")
_POSSESSIVE_AFTER = re.compile(r"['\u2019]s\b")
#: Between an unlisted place and the place the text sets it in: "Oak Hall in Carrow",
#: "Oak roundabout near Alta", "Oak, 30 km south of Alta", "Oak, Carrow".
_SET_IN = re.compile(
    r"(?:\s+[a-z]+){0,2}\s*,?\s+(?:(?:in|at|near|outside|of)\s+(?:the\s+)?"
    r"|(?:\d+\s*(?:km|kilometres|kilometers|miles)\s+)?"
    r"(?:north|south|east|west)(?:-?(?:east|west))?\s+of\s+(?:the\s+)?)"
    r"|\s*,\s*"
)
#: A list goes on after a place ("Oak, Carrow and Alta"): the comma before it set
#: nothing in it.
_LIST_GOES_ON = re.compile(r"\s*(?:,|and\b|or\b|&)")
#: Between a place and an unlisted one it holds: "Carrow's Oak Street".
_POSSESSOR = re.compile(r"['\u2019]s\s+")


#: A company chief's title right after a name: "Alta CEO", "Alta chief executive".
_COMPANY_CHIEF = re.compile(
    r"\s+(?:CEO|CFO|chief executive|founder|co-founder|chairman|chairwoman|boss)\b"
)
#: A minister's title right before a name: "Minister for ", "Secretary of ".
_PORTFOLIO_BEFORE = re.compile(
    rf"\b(?:{'|'.join(sorted(PORTFOLIO_TITLES))})\s+(?:of|for)\s+$", re.IGNORECASE
)
#: The lower-case word right before a name: "firms " in "oil firms Alta".
_LAST_WORD = re.compile(r"\b([a-z]+)\s+$")
#: Initials, a body's: "ACP", "ACP-Q".
_INITIALS = re.compile(r"[A-Z][A-Z0-9-]{1,7}")
#: Between two names of one list: ", ", " and ", after a parenthesis on the first
#: ("Jane Roe (6), Joan Doe").
_LIST_JOIN = re.compile(r"(?:\s*\([^()]{0,40}\))?\s*(?:,\s*(?:and\s+)?|\s+and\s+)$")
#: A member's name before the body they belong to: "Jane Roe of the ACP".
_MEMBER_OF = re.compile(r"\s+of\s+(?:the\s+)?$")
#: The noun for a work's or a product's kind right before its title: "the film ", "her
#: novel “", "German film " (not "to book ", a verb).
_WORK_BEFORE = re.compile(
    rf"(?:^|[^\w\s]|\b(?!to\b)[A-Za-z’']+)\s+(?:{'|'.join(sorted(WORK_NOUNS))})\s+[\"“‘']?$"
)


class Resolver:
    """Groups mentions into entities. One instance per build."""

    def __init__(
        self, gazetteer: Gazetteer, articles: dict[str, Article], judge: bool = True
    ) -> None:
        self.gaz = gazetteer
        #: whether the learned decision may drop or re-kind an actor (off to train it)
        self.judge = judge
        self.articles = articles
        self.key_of = Bindings()  # Mention -> entity key, indexed (see resolve_index)
        self.places: dict[str, Place] = {}
        self.kinds: dict[str, str] = {}
        self.person_names: dict[str, list[PersonName]] = defaultdict(list)
        self.people = PersonIndex()
        self.surnames: set[str] = set()
        self.in_paragraph: dict[tuple[str, int], list[Mention]] = {}
        self.texts: dict[str, str] = {}
        #: article -> ISO 3166-2 codes of the states and provinces it names
        self.regions: dict[str, frozenset[str]] = {}
        #: ``_stated_within``'s answers: three steps of a run ask it of the same mention
        self._stated: dict[Mention, Place | None] = {}
        #: place key -> the area names written for it that no gazetteer holds ("Alta
        #: City" for Alta): names of that place all the same (``_area_of_town``)
        self.area_names: dict[str, set[str]] = defaultdict(set)
        #: (article, name) -> where ``_unlisted`` puts a place no gazetteer holds
        self._unlisted_at: dict[tuple[str, str], Place | None] = {}
        #: article -> how often it names each country (ISO code), demonyms included
        self.country_counts: dict[str, Counter[str]] = {}
        #: article -> the names of two words or more the model calls people
        self.person_texts: dict[str, set[str]] = defaultdict(set)

    def run(self, extracted: list[ExtractedArticle]) -> tuple[list[Entity], list[Quote]]:
        mentions = [m for e in extracted for m in e.mentions]
        mentions = self._longer_country_names(mentions)
        contexts = self._article_countries(mentions)
        self.country_counts = self._country_counts(mentions)
        self.regions = self._article_regions(mentions, contexts)
        for m in mentions:
            self.in_paragraph.setdefault((m.article, m.paragraph), []).append(m)
            if m.label == "PERSON" and " " in m.text:
                self.person_texts[m.article].add(m.text)
        deferred: list[Mention] = []
        groups, parties = armed_groups(), political_parties()
        teams = self._teams(mentions)
        for m in mentions:
            if (m.article, m.text) in teams and not self._after_in(m):
                self._bind(m, f"org:{org_key(self._club_name(m))}", "organization")
            elif (group := groups.get(fold(m.text))) is not None:
                self._bind(m, f"group:{group}", "group")  # "Hamas", "the Houthis"
            elif (party := parties.get(fold(m.text))) is not None:
                self._bind(m, f"party:{party}", "organization")  # a party the data file lists
            elif (known := organizations().get(organization_key(m.text))) is not None and not (
                m.label in ("COUNTRY", "PLACE") and m.canonical
            ):
                # "WHO" and "World Health Organization", "Exxon" and "ExxonMobil": one body
                self._bind(m, f"org:{org_key(known)}", "organization")
            elif m.label in ("COUNTRY", "PLACE") and m.canonical:
                self._assign_place(m, self._in_context(m, contexts.get(m.article, set())))
            else:
                deferred.append(m)
        self._cluster_people(
            [
                m
                for m in deferred
                if (m.label == "PERSON" or self._looks_personal(m) or self._person_not_place(m))
                and not self._home_town(m, contexts.get(m.article, set()))
                and self._stated_within(m) is None
            ]
        )
        self._surnames_over_places(mentions, contexts)
        deferred = [m for m in deferred if not self._names_people(m)]
        not_places: set[Mention] = set()
        for m in deferred:
            if m not in self.key_of and not self._resolve_name(m, contexts):
                not_places.add(m)
        self._cluster_orgs(
            [
                m
                for m in deferred
                if m not in self.key_of
                and (m.label == "ORG" or m in not_places)
                and not self._is_word(m)
                and not self._portfolio(m)
                and not self._names_a_work(m)
            ]
        )
        entities = self._entities(mentions)
        quotes = self._quotes(extracted, {e_key: e.id for e_key, e in entities.items()})
        return sorted(entities.values(), key=lambda e: e.id), quotes

    def _resolve_name(self, m: Mention, contexts: dict[str, set[str]]) -> bool:
        """A known person, a place or a lone surname; False for a name the organisation
        rules should have (a company named like a word, "the Executive House")."""
        context = contexts.get(m.article, set())
        person = self._known_person(m)
        if self._stated_within(m) is not None:
            self._resolve_place(m, context)  # "Carrow, Northland": a place, whatever its label
        elif person:
            self.key_of[m] = person
        elif self._is_word(m):
            return True
        elif self._nickname(m):
            return False  # "the Falcons": a team or a band, for the organisation rules
        elif (m.label == "PLACE" or self._local_place(m, context)) and not self._not_a_city(
            m, context
        ):
            self._resolve_place(m, context)
        elif m.label == "PERSON" and self._is_brand(m):
            return False  # a company, not a person
        elif m.label == "PERSON":
            self._lone_person(m)
        elif m.label == "PLACE":
            return False  # let the organisation rules have it
        return True

    def _teams(self, mentions: list[Mention]) -> set[tuple[str, str]]:
        """(article, name) of the towns a sports report names as players: right before
        "boss", "fans" or "victory", right after "beat", "against" or "v" ("Alta beat
        Carrow", "Carrow boss Jane Roe"). A town that plays is its club."""
        out: set[tuple[str, str]] = set()
        sporting: dict[str, bool] = {}
        for m in mentions:
            if m.label != "PLACE" or not m.canonical.startswith("geonames:"):
                continue
            if m.article not in sporting:
                words = set(re.findall(r"[a-z-]+", self._text(m.article).lower()))
                sporting[m.article] = len(words & SPORT_WORDS) >= SPORT_MIN_WORDS
            if not sporting[m.article]:
                continue
            text = self.articles[m.article].paragraphs[m.paragraph - 1].text
            if TEAM_AFTER.match(text[m.end : m.end + 30]) or TEAM_BEFORE.search(
                text[max(0, m.start - 30) : m.start]
            ):
                out.add((m.article, m.text))
        return out

    def _club_name(self, m: Mention) -> str:
        """The club a town's name stands for: the town's name, or with the word before
        it that opens a club's name ("Real Alta", "Inter Carrow"), where the model
        found the town alone."""
        text = self.articles[m.article].paragraphs[m.paragraph - 1].text
        before = re.search(r"(\w+)\s+$", text[max(0, m.start - 20) : m.start])
        if before and fold(before.group(1)) in CLUB_PREFIXES:
            return f"{before.group(1)} {m.text}"
        return m.text

    def _after_in(self, m: Mention) -> bool:
        """ "in Carrow", "at Alta": where a match is played, the town itself."""
        text = self.articles[m.article].paragraphs[m.paragraph - 1].text
        return bool(re.search(r"\b(?:in|at|near)\s+$", text[max(0, m.start - 10) : m.start]))

    def _nickname(self, m: Mention) -> bool:
        """A lone plural of a common noun the model calls a place and no gazetteer knows
        ("the Falcons beat the Hawks"): a team's nickname, not a landform's name ("the
        Highlands", "the Falls"), which places of that kind are called."""
        return (
            m.label == "PLACE"
            and not m.canonical
            and " " not in m.text
            and fold(m.text) not in NOT_TEAM_PLURALS
            and is_plural_noun(m.text)
            and not self.gaz.candidates(m.text)
        )

    def _bind(self, m: Mention, key: str, kind: str) -> None:
        """Record that a mention names the entity ``key`` of the given kind."""
        self.key_of[m] = key
        self.kinds[key] = kind

    # places -------------------------------------------------------------------------

    def _longer_country_names(self, mentions: list[Mention]) -> list[Mention]:
        """ "Congo" in an article that names the Democratic Republic of the Congo (as
        such or as "DRC") and never the Republic of the Congo by its full name: the
        short name is the country the article names at length, not the one a gazetteer
        gives it alone (two countries of similar names are not one)."""
        by_article: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
        for m in mentions:
            if m.label == "COUNTRY" and m.canonical.startswith("country:"):
                by_article[m.article][m.canonical].add(fold(m.text))
        out = []
        for m in mentions:
            named = by_article.get(m.article, {})
            other = self._named_at_length(m, named) if m.label == "COUNTRY" else None
            out.append(replace(m, canonical=other) if other else m)
        return out

    def _named_at_length(self, m: Mention, named: dict[str, set[str]]) -> str | None:
        """The other country of the article whose full name holds this short name."""
        own = self._place(m.canonical, m.text)
        words = set(fold(m.text).split())
        if own is None or fold(own.name) in named.get(m.canonical, set()):
            return None  # the article writes this country's own full name too
        longer = [
            key
            for key in named
            if key != m.canonical
            and (place := self._place(key, m.text)) is not None
            and words < set(fold(place.name).replace(",", " ").split())
        ]
        return longer[0] if len(longer) == 1 else None

    def _article_countries(self, mentions: Iterable[Mention]) -> dict[str, set[str]]:
        found: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.label == "COUNTRY" and m.canonical:
                place = self._place(m.canonical, m.text)
                if place and place.country:
                    found[m.article].add(place.country)
        return found

    def _country_counts(self, mentions: Iterable[Mention]) -> dict[str, Counter[str]]:
        """How often each article names each country, by name or demonym: the one it
        names most is the one it is about (``_main_country``)."""
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for m in mentions:
            if m.label == "COUNTRY" and m.canonical:
                place = self._place(m.canonical, m.text)
                if place and place.country:
                    counts[m.article][place.country] += 1
        return counts

    def _article_regions(
        self, mentions: Iterable[Mention], contexts: dict[str, set[str]]
    ) -> dict[str, frozenset[str]]:
        """The states and provinces each article names ("Northland State", "Carrow Province"):
        a careful reader places the article's smaller names inside them."""
        found: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.label != "PLACE":
                continue
            place = self.gaz.resolve(
                m.text, contexts.get(m.article, set()), region=self._says_region(m)
            )
            if place is not None and place.kind == KIND_REGION and place.region:
                found[m.article].add(place.region)
        return {article: frozenset(codes) for article, codes in found.items()}

    def _place(self, key: str, text: str) -> Place | None:
        if key not in self.places:
            found = next((p for p in self.gaz.candidates(text) if p.key == key), None)
            if found is None and key.startswith("country:"):
                found = self.gaz.country_by_code(key.split(":", 1)[1])
            if found is None:
                return None
            self.places[key] = found
        return self.places[key]

    def _in_context(self, m: Mention, context: set[str]) -> str:
        """A gazetteer name's place read again with the article's countries and what the
        text says of it ("the state of X", "X province"); the extractor read it alone."""
        if m.label != "PLACE" or not m.canonical.startswith(("geonames:", "region:")):
            return m.canonical
        if (stated := self._stated_within(m)) is not None:
            self.places.setdefault(stated.key, stated)
            return stated.key
        place = self.gaz.resolve(
            m.text,
            context,
            region=self._says_region(m),
            regions=self.regions.get(m.article, frozenset()),
        )
        if place is None or place.kind not in (KIND_CITY, KIND_REGION):
            return m.canonical
        self.places.setdefault(place.key, place)
        return place.key

    def _stated_within(self, m: Mention) -> Place | None:
        """The place of a name that the text follows with its country or state ("Alta,
        Northland", "Carrow, Nth.-based"), taken inside that country or state; None when
        no such name follows or no place of the name lies there ("Carrow, Northland's
        envoy" is no place: the possessive makes the second name an apposition)."""
        if m not in self._stated:
            self._stated[m] = self._place_stated_within(m)
        return self._stated[m]

    def _place_stated_within(self, m: Mention) -> Place | None:
        text = self.articles[m.article].paragraphs[m.paragraph - 1].text
        found = _STATED.match(text, m.end)
        if found is None or _POSSESSIVE_AFTER.match(text, found.end()):
            return None
        words = found.group(1).split()
        for size in range(len(words), 0, -1):
            for outer in self.gaz.candidates(" ".join(words[:size])):
                if outer.kind not in (KIND_COUNTRY, KIND_REGION) or outer.country is None:
                    continue
                region = outer.region if outer.kind == KIND_REGION else None
                if (place := self.gaz.resolve_within(m.text, outer.country, region)) is not None:
                    return place
        return None

    def _says_region(self, m: Mention) -> bool:
        text = self.articles[m.article].paragraphs[m.paragraph - 1].text
        return bool(
            _REGION_BEFORE.search(text[max(0, m.start - 30) : m.start])
            or _REGION_AFTER.match(text[m.end : m.end + 30])
        )

    def _assign_place(self, m: Mention, key: str) -> None:
        place = self._place(key, m.text)
        if place is None:
            place = self.gaz.country(m.text) or self.gaz.demonym(m.text)
            if place is None:
                return
            key = place.key
            self.places[key] = place
        state = place.kind == KIND_COUNTRY and not self.gaz.is_territory(place)
        self._bind(m, key, "country" if state else "place")

    def _not_a_city(self, m: Mention, context: set[str]) -> bool:
        """ "the White House", "the Kremlin": cities take no article, so a name that only a
        city of the gazetteer answers to, written after "the", is a building or a body."""
        before = self.articles[m.article].paragraphs[m.paragraph - 1].text[: m.start]
        if not re.search(r"(?:^|\W)the\s+$", before, re.IGNORECASE):
            return False
        place = self.gaz.resolve(m.text, context)
        return (
            place is not None
            and place.kind == KIND_CITY
            and not any(fold(n).startswith("the ") for n in place.names)
        )

    def _resolve_place(self, m: Mention, context: set[str]) -> None:
        if fold(m.text) in GENERIC_PLACES:
            return
        regions = self.regions.get(m.article, frozenset())
        home = self._home_countries(m.article, context, regions)
        place = (
            self._stated_within(m)
            or self.gaz.resolve_at_home(m.text, home, regions=regions)
            or self._area_of_town(m, home)
            or self._unlisted(m, home)
        )
        if place is not None:
            self.places[place.key] = place
            self._assign_place(m, place.key)
            return
        self._bind(m, f"place:{org_key(m.text)}", "place")

    def _home_countries(self, article: str, context: set[str], regions: frozenset[str]) -> set[str]:
        """The article's countries, those of the states and provinces it names and that
        of its dateline's city: a reader places a village of a story datelined Carrow,
        or about Northland State, in that country even where the story never names it."""
        home = context | {code.split("-")[0] for code in regions}
        city = self._dateline_city(article)
        return home | {city.country} if city is not None and city.country else home

    def _area_of_town(self, m: Mention, context: set[str]) -> Place | None:
        """An area named by its kind after its town that no gazetteer holds ("Alta
        County", "Carrow District", "Carrow Local Government Area"), placed at that town
        of the article's countries, as its seat lies inside it; "Alta City" is the town
        itself, as Chinese and Philippine news write it."""
        own, kind = _area_parts(m.text)
        if not own or self.gaz.is_common_word(own):
            return None
        regions = self.regions.get(m.article, frozenset())
        town = self.gaz.resolve_at_home(own, context, regions=regions)
        if town is None or town.kind != KIND_CITY or town.country not in context:
            return None
        if kind == "city":
            self.area_names[town.key].add(m.text)
            return town
        why = f"located at the town it is named after, {town.name} ({town.source})"
        return replace(_placed_at(m.text, "area", KIND_REGION, town, why), region=town.region)

    def _unlisted(self, m: Mention, home: set[str]) -> Place | None:
        """A place no gazetteer holds, placed where a careful reader would put it, and
        saying so (only that place is known): the place the text sets it in ("the Oak
        roundabout in Carrow", "Carrow's Oak Street", "a village south of Alta"); the
        town its name is made of ("Port of Carrow", "Alta Container Depot"); else the
        article's dateline city or the one city it names, where a story's streets,
        neighbourhoods and sites are. A dateline or lone city the text contradicts (the
        site "in Northland", the city elsewhere) gives way to the country or state the
        text names."""
        key = (m.article, m.text)
        if key not in self._unlisted_at:
            self._unlisted_at[key] = self._locate_unlisted(m, home)
        return self._unlisted_at[key]

    def _locate_unlisted(self, m: Mention, home: set[str]) -> Place | None:
        outer = self._stated_container(m)
        found: tuple[Place, str] | None = None
        if outer is not None and outer.kind not in (KIND_COUNTRY, KIND_REGION):
            found = outer, "the place the text sets it in"
        elif (town := self._town_in_name(m, home)) is not None:
            found = town, "the town it is named after"
        else:
            for city, why in (
                (self._dateline_city(m.article), "the article's dateline city"),
                (self._only_city(m.article), "the one city the article names"),
                (self._main_city(m.article), "the city the article names most"),
                (self._main_country_city(m.article), "the one city of the country it names most"),
            ):
                if city is not None and _inside(city, outer):
                    found = city, why
                    break
            else:
                if outer is not None and (capital := self.gaz.capital(outer)) is not None:
                    found = capital, "the capital of the country the text sets it in"
                elif outer is not None:
                    found = outer, "the country or state the text sets it in"
                elif (region := self._only_region(m.article)) is not None:
                    found = region, "the one state or province the article names"
                elif len(home) == 1 and (capital := self._home_capital(home)) is not None:
                    found = capital, "the capital of the article's one country"
                elif (main := self._main_country(m.article)) is not None and (
                    capital := self._home_capital({main})
                ) is not None:
                    found = capital, "the capital of the country the article names most"
        if found is None:
            return None
        at, why = found
        # A site ("Oak Stadium") or a locality (a street, a neighbourhood, a village)
        kind = "landmark" if is_site_name(m.text) else "locality"
        return _placed_at(m.text, kind, kind, at, _at(at, why))

    def _only_region(self, article_id: str) -> Place | None:
        """The one state or province an article names: where its unlisted places lie
        when it names no city."""
        regions = {
            key
            for o in self.key_of.in_article(article_id)
            if (key := self.key_of[o]) in self.places and self.places[key].kind == KIND_REGION
        }
        return self.places[regions.pop()] if len(regions) == 1 else None

    def _home_capital(self, home: set[str]) -> Place | None:
        """The capital of an article's one country."""
        (code,) = home
        country = self.gaz.country_by_code(code)
        return self.gaz.capital(country) if country is not None else None

    def _stated_container(self, m: Mention) -> Place | None:
        """The place the text sets an unlisted one in at any of its mentions in the
        article: named right after it ("Oak Hall in Carrow", "Oak, near Alta", "Oak,
        30 km south of Alta") or right before it with a possessive ("Carrow's Oak Hall");
        a town or site before a state or country."""
        found: list[Place] = []
        for paragraph in self.articles[m.article].paragraphs:
            others = self.in_paragraph.get((m.article, paragraph.id), ())
            for own in (o for o in others if o.text == m.text):
                text = paragraph.text
                for other in others:
                    between = text[own.end : other.start] if other.start >= own.end else None
                    if between is not None and _SET_IN.fullmatch(between):
                        if between.strip() == "," and _LIST_GOES_ON.match(text, other.end):
                            continue  # "Oak, Carrow and Alta": a list, not a setting
                    elif not (
                        other.end <= own.start and _POSSESSOR.fullmatch(text[other.end : own.start])
                    ):
                        continue
                    place = self._bound_place(other)
                    if place is not None:
                        found.append(place)
        found.sort(key=lambda p: p.kind in (KIND_COUNTRY, KIND_REGION))
        return found[0] if found else None

    def _bound_place(self, m: Mention) -> Place | None:
        """The gazetteer place a mention was resolved to, if any."""
        key = self.key_of.get(m) or m.canonical
        place = self.places.get(key) if key else None
        if place is None and m.canonical:
            place = self._place(m.canonical, m.text)
        return place

    def _town_in_name(self, m: Mention, home: set[str]) -> Place | None:
        """A town of the article's countries that a name of several words is made of
        ("Port of Carrow", "Alta Inland Depot", "Alta-Carrow"): its longest such part."""
        words = re.split(r"[\s-]+", m.text)
        if len(words) < 2 or not home:
            return None
        regions = self.regions.get(m.article, frozenset())
        for size in range(len(words) - 1, 0, -1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                if not part[:1].isupper() or self.gaz.is_common_word(part):
                    continue
                town = self.gaz.resolve_at_home(part, home, regions=regions)
                if town is not None and town.kind == KIND_CITY and town.country in home:
                    return town
        return None

    def _only_city(self, article_id: str) -> Place | None:
        """The one city an article names, where a site it names without a city stands:
        "the stadium" of a story set in one city is that city's."""
        cities = {
            key
            for o in self.key_of.in_article(article_id)
            if (key := self.key_of[o]) in self.places and self.places[key].kind == KIND_CITY
        }
        return self.places[cities.pop()] if len(cities) == 1 else None

    def _main_city(self, article_id: str) -> Place | None:
        """The city an article names more often than any other (twice at least): where
        a story that names several is set."""
        counts = Counter(
            key
            for o in self.key_of.in_article(article_id)
            if (key := self.key_of[o]) in self.places and self.places[key].kind == KIND_CITY
        ).most_common(2)
        if not counts or counts[0][1] < 2 or (len(counts) > 1 and counts[1][1] == counts[0][1]):
            return None
        return self.places[counts[0][0]]

    def _main_country(self, article_id: str) -> str | None:
        """The country an article names most (strictly more often than any other)."""
        counts = self.country_counts.get(article_id, Counter()).most_common(2)
        if not counts or (len(counts) > 1 and counts[1][1] == counts[0][1]):
            return None
        return counts[0][0]

    def _main_country_city(self, article_id: str) -> Place | None:
        """The one city an article names in the country it names most: a story about
        Northland that also names a city abroad sets its unlisted places in its one
        Northland city."""
        main = self._main_country(article_id)
        if main is None:
            return None
        cities = {
            key
            for o in self.key_of.in_article(article_id)
            if (key := self.key_of[o]) in self.places
            and self.places[key].kind == KIND_CITY
            and self.places[key].country == main
        }
        return self.places[cities.pop()] if len(cities) == 1 else None

    def _dateline_city(self, article_id: str) -> Place | None:
        """The city of the article's dateline: where its sites are, unless it says else."""
        article = self.articles[article_id]
        if not article.dateline:
            return None
        first = article.dateline.split("/")[0]
        for paragraph in article.paragraphs[:DATELINE_PARAGRAPHS]:
            for other in self.in_paragraph.get((article_id, paragraph.id), ()):
                if other.start == 0 and other.text == first and other.canonical:
                    city = self._place(other.canonical, other.text)
                    return city if city is not None and city.kind == KIND_CITY else None
        return None

    # people -------------------------------------------------------------------------

    def _cluster_people(self, mentions: list[Mention]) -> None:
        full: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            name = person_name(m.text)
            if name and name.full:
                full[m.text].append(m)
        clusters: dict[str, list[PersonName]] = {}
        people = PersonIndex()
        # Longest and most frequent forms first, so each cluster is named by its fullest form.
        for text in sorted(full, key=lambda t: (-len(t.split()), -len(full[t]), t)):
            name = person_name(text)
            assert name is not None
            key = next(
                (
                    k
                    for k in people.candidates(name, SURNAME_FUZZ)
                    if any(same_person(name, o) for o in clusters[k])
                ),
                f"person:{' '.join((*name.given, name.surname, name.suffix)).strip()}",
            )
            clusters.setdefault(key, []).append(name)
            people.add(key, name)
            for m in full[text]:
                self._bind(m, key, "person")
        self.person_names.update(clusters)
        for key, names in self.person_names.items():
            for n in names:
                self.people.add(key, n)
        self.surnames = {n.surname for names in self.person_names.values() for n in names}

    def _home_town(self, m: Mention, context: set[str]) -> bool:
        """A name of two words or more the model calls a person that is the very name
        of a town or village in the article's own countries, and starts with no given
        name ("Carrow Falls", "Villa de Alta"): the town."""
        words = m.text.split()
        if len(words) < 2 or not context:
            return False
        place = self.gaz.resolve(m.text, context)
        if place is None or place.kind != KIND_CITY or place.country not in context:
            place = self.gaz.local_town(m.text, context)  # a village of those countries
        return (
            place is not None
            and place.kind == KIND_CITY
            and place.country in context
            and fold(place.name) == fold(m.text)
            and not is_given_name(words[0])  # last: the name dictionary loads on first use
        )

    def _surnames_over_places(self, mentions: list[Mention], contexts: dict[str, set[str]]) -> None:
        """ "Lemos said" after "Ana Paula Lemos": a one-word city abroad that is the
        surname of the one person the article names in full with it is that person."""
        for m in mentions:
            key = self.key_of.get(m)
            place = self.places.get(key or "")
            if (
                place is None
                or place.kind != KIND_CITY
                or " " in m.text
                or place.country in contexts.get(m.article, set())
            ):
                continue
            surname = fold(m.text)
            people = {
                k
                for o in self.key_of.in_article(m.article)
                if (k := self.key_of[o]) in self.person_names
                and any(n.full and n.surname == surname for n in self.person_names[k])
            }
            if len(people) == 1:
                self._bind(m, people.pop(), "person")

    def _is_word(self, m: Mention) -> bool:
        """A lone capitalised common word the model took for a name ("Defense", "Czars")."""
        if " " in m.text or "-" in m.text or is_acronym(m.text):
            return False
        word = m.text.rstrip("s") if m.text.endswith("s") else m.text
        if self.gaz.is_common_word(m.text) or self.gaz.is_common_word(word):
            return not self._used_as_name(m)
        # "Sultans", "Czars": the plural of an English common noun names no one.
        return m.label in ("PERSON", "ORG") and is_plural_noun(m.text)

    def _portfolio(self, m: Mention) -> bool:
        """ "Minister of Trade and Industry", "Cabinet Secretary for Home Affairs": the
        words after a minister's title name an office's field, no body; the ministry is
        "the Ministry of ...". A body named after the title takes "the" ("Secretary of the
        Acme Council")."""
        before = self.articles[m.article].paragraphs[m.paragraph - 1].text[: m.start]
        return bool(_PORTFOLIO_BEFORE.search(before[-40:]))

    def _used_as_name(self, m: Mention) -> bool:
        """A common word the article writes as a name: capitalised inside sentences at
        least twice and never in lower case (a brand named with a common noun), unlike
        "Defense"; or once as a company's, after a noun for its kind ("oil firms Alta")
        or before its chief's title ("Alta CEO Jane Roe")."""
        paragraph = self.articles[m.article].paragraphs[m.paragraph - 1].text
        if _COMPANY_CHIEF.match(paragraph, m.end) or (
            (before := _LAST_WORD.search(paragraph[: m.start])) is not None
            and before.group(1) in NAMED_BODY_KINDS
        ):
            return True
        text = self._text(m.article)
        inside = re.findall(rf"[a-z,;]\s+{re.escape(m.text)}\b", text)
        return len(inside) >= 2 and not re.search(rf"\b{re.escape(m.text.lower())}\b", text)

    def _text(self, article_id: str) -> str:
        """An article's whole text, joined once (``Article.text`` joins on every call)."""
        if article_id not in self.texts:
            self.texts[article_id] = self.articles[article_id].text
        return self.texts[article_id]

    def _is_brand(self, m: Mention) -> bool:
        """A lone word labelled a person that is an English noun and no one's given name,
        and that no full name in the corpus ends with ("Twitter", "Amazon"): people are
        introduced by full name, companies by one word."""
        before = self.articles[m.article].paragraphs[m.paragraph - 1].text[: m.start]
        if re.search(r"[A-Z][\w’'-]*\s+$", before):
            return False  # "Omar Haddad" split by a place match: part of a longer name
        return (
            " " not in m.text
            and m.text.isalpha()
            and m.text[1:].islower()
            and fold(m.text) in english_nouns()
            and not is_given_name(m.text)
        )

    def _looks_personal(self, m: Mention) -> bool:
        """A person's name labelled an organisation, or a place no gazetteer knows ("led
        by Omar Haddad"): "Omar Haddad" (a known given name followed by a word that is
        neither a given name, a common word nor an organisation noun), or two to four
        name words right after an office or a title ("Foreign Minister Tariq Zeydan
        Qadiri", "spokesperson Jane Roe")."""
        words = m.text.split()
        unknown_place = m.label == "PLACE" and not m.canonical
        if not (m.label == "ORG" or unknown_place) or not 2 <= len(words) <= 4:
            return False
        if not all(_NAME_WORD.fullmatch(w) for w in words) or any(
            fold(w) in ORG_WORDS for w in words
        ):
            return False
        if self.gaz.candidates(m.text) or any(
            self.gaz.country(w) or self.gaz.demonym(w) or self.gaz.is_common_word(w) for w in words
        ):
            return False
        if self._after_role(m) or self._listed_with_people(m) or self._member_of_body(m):
            return True
        first, last = words[0], words[-1]
        # Not when the second word is a common noun's plural: a club's nickname after its
        # town, which is often a given name too ("Carrow Falcons", "Alta Bulls").
        return (
            len(words) == 2
            and first.isalpha()
            and last.isalpha()
            and not is_plural_noun(last)
            and is_given_name(first)
            and not is_given_name(last)
        )

    def _person_not_place(self, m: Mention) -> bool:
        """A name the model calls a place that no gazetteer knows and that reads as a
        person's: a known given name and one or two more name words, none a place word,
        a country, a demonym or a common word ("Tamsin Okorie" labelled a place)."""
        words = m.text.split()
        if m.label != "PLACE" or m.canonical or not 2 <= len(words) <= 3:
            return False
        if not all(_NAME_WORD.fullmatch(w) for w in words) or self.gaz.candidates(m.text):
            return False
        if any(
            fold(w) in ORG_WORDS | GEOGRAPHIC_HEADS | LANDMARK_HEADS
            or self.gaz.country(w)
            or self.gaz.demonym(w)
            or self.gaz.is_common_word(w)
            for w in words
        ):
            return False
        return is_given_name(words[0])  # last: the name dictionary loads on first use

    def _after_role(self, m: Mention) -> bool:
        """The word before a name is an office or a title: "Minister X", "Mr X"."""
        before = self.articles[m.article].paragraphs[m.paragraph - 1].text[: m.start]
        words = before.split()
        return bool(words) and fold(words[-1]).strip(".,") in ROLE_WORDS | TITLES

    def _names_a_work(self, m: Mention) -> bool:
        """A title after the noun for its kind ("the film Northern Lights", "the app
        Carrow", "the drug Alteva"): a work or a product, no actor."""
        before = self.articles[m.article].paragraphs[m.paragraph - 1].text[: m.start]
        return bool(_WORK_BEFORE.search(before[-40:]))

    def _listed_with_people(self, m: Mention) -> bool:
        """A name in a list of people's full names ("Jane Roe, Ama Mensah and Joan
        Doe", "Jane Roe (6) and Ama Mensah (7)"): a person like them, whatever the model
        read in it. A list has a name on either side or an "and"; a comma alone may set
        off an apposition ("the Acme Group, Jane Roe, said")."""
        text = self.articles[m.article].paragraphs[m.paragraph - 1].text
        others = self.in_paragraph.get((m.article, m.paragraph), [])
        before = [o for o in others if o.end <= m.start]
        after = [o for o in others if o.start >= m.end]
        joins = []
        if before and self._full_person(prev := max(before, key=lambda o: o.end)):
            joins.append(text[prev.end : m.start])
        if after and self._full_person(nxt := min(after, key=lambda o: o.start)):
            joins.append(text[m.end : nxt.start])
        joins = [j for j in joins if _LIST_JOIN.fullmatch(j)]
        return len(joins) == 2 or any(re.search(r"\band\b", j) for j in joins)

    def _full_person(self, m: Mention) -> bool:
        """A mention the model reads as a person's full name: two name words or more,
        none a common word ("Smiths Falls" is a town's)."""
        words = m.text.split()
        return (
            m.label == "PERSON"
            and len(words) >= 2
            and not any(self.gaz.is_common_word(w) for w in words)
        )

    def _member_of_body(self, m: Mention) -> bool:
        """ "Jane Roe of the ACP", "Ama Mensah of ACP-Q": a name right before "of" and a
        body's initials is a member's (a body's own name holds its noun: "Bank of ...")."""
        text = self.articles[m.article].paragraphs[m.paragraph - 1].text
        others = self.in_paragraph.get((m.article, m.paragraph), [])
        return any(
            o.start > m.end
            and o.label == "ORG"
            and _INITIALS.fullmatch(o.text)
            and _MEMBER_OF.fullmatch(text[m.end : o.start])
            for o in others
        )

    def _names_people(self, m: Mention) -> bool:
        """ "the Smith-Jones talks": a compound of known surnames is not an organisation."""
        parts = m.text.split("-")
        if m.label != "ORG" or len(parts) < 2:
            return False
        return all(
            (p := person_name(part)) is not None and p.surname in self.surnames for part in parts
        )

    def _local_place(self, m: Mention, context: set[str]) -> bool:
        """A name the model called an organisation or person that is a place of the
        article's own countries, or a table place: a provincial town in a story about its
        country, or a village of theirs (the small-town list) by its very name: not a lone
        word the model calls a person (a surname as often as a village's name), nor a
        word of a person's name the article writes in full."""
        if any(w in ORG_WORDS for w in fold(m.text).split()) or is_acronym(m.text):
            return False
        place = self.gaz.resolve(m.text, context)
        if place is not None and (place.key.startswith("table:") or place.country in context):
            return True
        words = set(fold(m.text).split())
        if m.label == "PERSON" and len(words) == 1:
            return False  # "Doe said": a lone surname, whatever village shares it
        if any(
            text != m.text and words & set(fold(text).split())
            for text in self.person_texts.get(m.article, ())
        ):
            return False  # "Doe" beside "Jane Doe": a person's name, not a village's
        village = self.gaz.local_town(m.text, context)
        return village is not None and fold(village.name) == fold(m.text)

    def _known_person(self, m: Mention) -> str | None:
        """The person a name refers to when that person is already known by full name."""
        if (m.label == "PLACE" and m.canonical) or m.label == "COUNTRY" or is_acronym(m.text):
            return None
        name = person_name(m.text)
        if name is None:
            return None
        if name.full:
            return self._same_full_name(name)
        matches = self._same_surname(m, name)
        if not matches:
            return None
        if not name.suffix:  # a bare surname is the father, not "Jr.", when both are known
            matches = [k for k in matches if not self._suffixed(k)] or matches
        in_article = Counter(
            self.key_of[o] for o in self.key_of.in_article(m.article) if self.key_of[o] in matches
        )
        if in_article:
            return min(in_article, key=lambda k: (-in_article[k], self._suffixed(k), k))
        overall = self.key_of.counts
        return min(matches, key=lambda k: (self._suffixed(k), -overall[k], k))

    def _same_full_name(self, name: PersonName) -> str | None:
        return next(
            (
                key
                for key in self.people.candidates(name, SURNAME_FUZZ)
                if any(same_person(name, n) for n in self.person_names[key])
            ),
            None,
        )

    def _same_surname(self, m: Mention, name: PersonName) -> list[str]:
        """The people known by this surname, or, for a lone given name ("Omar's
        brother", "Wang" for "Wang Yi"), the one person of this article with that first
        name word."""
        near = self.people.near_surname(name.surname, SURNAME_FUZZ)
        matches = [
            key
            for key in sorted(near, key=self.people.order.__getitem__)
            if any(
                near_surnames(n.surname, name.surname)
                and (not name.suffix or n.suffix == name.suffix)
                for n in self.person_names[key]
            )
        ]
        # A lone word the model called an organisation may still be a person's first
        # name word: surname first, as Chinese and Korean names are written ("Wang" for
        # "Wang Yi", whose parse takes "Yi" for the surname).
        lone_word = " " not in m.text and not is_acronym(m.text)
        # ... and so may a lone word the model calls a place that no gazetteer knows
        # ("Tamsin" after "Tamsin Okorie").
        unknown_place = (
            m.label == "PLACE" and lone_word and not m.canonical and not self.gaz.candidates(m.text)
        )
        if matches or not (
            m.label == "PERSON" or (m.label == "ORG" and lone_word) or unknown_place
        ):
            return matches
        bound = self.key_of.in_article(m.article)
        # "Vantor" is not "Vantor KGaA", which the model took for a person: an organisation's
        # word joins only a name written as a person's
        written = {
            self.key_of[o] for o in bound if m.label == "PERSON" or _written_as_person(o.text)
        }
        given = [
            key
            for key in written
            if key in self.person_names
            and any(n.given and n.given[0] == name.surname for n in self.person_names[key])
        ]
        return given if len(given) == 1 else []

    def _suffixed(self, key: str) -> bool:
        return any(n.suffix for n in self.person_names.get(key, []))

    def _lone_person(self, m: Mention) -> None:
        name = person_name(m.text)
        if name is None:
            return
        self._bind(m, f"person:{name.surname}", "person")

    # organisations ------------------------------------------------------------------

    def _cluster_orgs(self, mentions: list[Mention]) -> None:
        by_key: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            by_key[org_key(m.text)].append(m)
        names = sorted(by_key, key=lambda k: (-len(k), k))
        longer_names = _OrgNameIndex(names)
        target: dict[str, str] = {}
        for key in names:
            if is_acronym(by_key[key][0].text):
                expansions = longer_names.expanding(key)
                if len(expansions) == 1:
                    target[key] = expansions[0]
                    continue
            words = tuple(key.split())
            longer = longer_names.ending_with(words)
            if len(words) >= 2 and len(longer) == 1:
                target[key] = longer[0]
                continue
            # "Washington Institute" for "Washington Institute for Near East Policy": a
            # name ending in its organisation noun that begins exactly one longer name.
            extended = longer_names.starting_with(words)
            if len(words) >= 2 and words[-1] in ORG_WORDS and len(extended) == 1:
                target[key] = extended[0]
        for key, ms in by_key.items():
            final = key
            while final in target:
                final = target[final]
            for m in ms:
                self._bind(m, f"org:{final}", "organization")

    # assembly -----------------------------------------------------------------------

    def _entities(self, mentions: list[Mention]) -> dict[str, Entity]:
        grouped: dict[str, list[Mention]] = defaultdict(list)
        for m in mentions:
            key = self.key_of.get(m)
            if key:
                grouped[key].append(m)
        drafts = {key: self._draft(key, ms) for key, ms in grouped.items()}
        self._tell_regions_apart(drafts)
        model = kind_model() if self.judge else None
        if model is not None:
            drafts = self._judged(drafts, model)
        slugs = Slugs()
        ids = {
            key: slugs.unique(slug(drafts[key].name) or "entity")
            for key in sorted(drafts, key=lambda k: (drafts[k].name.casefold(), k))
        }
        return {key: replace(draft, id=ids[key]) for key, draft in drafts.items()}

    def _judged(self, drafts: dict[str, Entity], model: KindModel) -> dict[str, Entity]:
        """The actors the learned decision keeps, of the kind it gives them: a person or
        organisation it is confident is the other takes that kind; an organisation it is
        confident is a place or no entity is dropped (a place the gazetteer did not
        resolve would have no coordinates). People are never dropped: the person rules
        that made them ("Zayd Tamir" split in two) know more than a lone word shows."""
        kept = {}
        people = people_words(drafts.values())
        for key, draft in drafts.items():
            verdict = (
                model.verdict(draft.kind, self.kind_features(draft, people))
                if draft.kind in JUDGED_KINDS and key not in self.places
                else None
            )
            if verdict in JUDGED_KINDS:
                draft.kind = verdict
            elif verdict is not None and draft.kind == "organization":
                continue
            kept[key] = draft
        return kept

    def kind_features(self, draft: Entity, people: dict[str, set[str]]) -> dict[str, float]:
        """The learned decision's view of an actor (``builder.resolve.kinds``);
        ``people``: each article's words of its people's names (``people_words``)."""
        sightings = []
        for m in draft.mentions:
            text = self.articles[m.article].paragraphs[m.paragraph - 1].text
            after = text[m.end : m.end + AFTER_CHARS]
            sightings.append(Sighting(m, text[max(0, m.start - 60) : m.start], after))
        return features(
            draft.name,
            draft.kind,
            sightings,
            people,
            lambda name: bool(self.gaz.candidates(name)),
            lambda name: self.gaz.country(name) is not None or self.gaz.demonym(name) is not None,
        )

    def _tell_regions_apart(self, drafts: dict[str, Entity]) -> None:
        """A state or province named like a city of the corpus takes its type into its
        name ("Qadira Governorate" beside the city of Qadira), as Wikipedia names them."""
        cities = {d.name for k, d in drafts.items() if self._kind_of_place(k) == KIND_CITY}
        for key, draft in drafts.items():
            place = self.places.get(key)
            if place is None or place.kind != KIND_REGION or draft.name not in cities:
                continue
            typed = next((n for n in place.names if n.startswith(f"{draft.name} ")), None)
            if typed:
                draft.aliases = sorted({*draft.aliases, draft.name} - {typed})
                draft.name = typed

    def _kind_of_place(self, key: str) -> str | None:
        place = self.places.get(key)
        return place.kind if place is not None else None

    def _draft(self, key: str, mentions: list[Mention]) -> Entity:
        kind = self.kinds.get(key, "organization")
        texts = Counter(m.text for m in mentions)
        place = self.places.get(key)
        if place is not None:
            written = {t: n for t, n in texts.items() if self._names_place(t, place)}
            name = _written_name(place, written)
            aliases = sorted((set(written) | {place.name}) - {name})
        elif kind == "person":
            name = _person_name(texts)
            aliases = sorted(set(texts) - {name})
        else:
            name = max(texts, key=lambda t: (len(t.split()), len(t), texts[t], t))
            aliases = sorted(set(texts) - {name})
        if kind == "organization" and _is_group(name, [self._context(m) for m in mentions]):
            kind = "group"
        roles = Counter(m.role for m in mentions if m.role)
        entity = Entity(
            id="",
            name=name,
            kind=kind,
            aliases=aliases,
            roles=[r for r, _ in sorted(roles.items(), key=lambda r: (-r[1], r[0]))],
            mentions=sorted(mentions, key=lambda m: (m.article, m.paragraph, m.start)),
        )
        if place is not None:
            entity.lat, entity.lon = place.lat, place.lon
            entity.place_type, entity.country, entity.source = (
                place.kind,
                place.country,
                place.source,
            )
            entity.approximate_at = place.stands_in
        return entity

    def _context(self, m: Mention) -> str:
        """The words around a mention, for kind votes."""
        text = self.articles[m.article].paragraphs[m.paragraph - 1].text
        return text[max(0, m.start - 60) : m.end + 60]

    def _names_place(self, text: str, place: Place) -> bool:
        """Whether a mention's text is a name of the place (not a demonym or metonym).

        A country also answers to the names its mentions resolved to by context
        (a short name shared by two countries, read by the article's context).
        """
        candidates = self.gaz.candidates(text)
        if any(p.key == place.key for p in candidates) or text in self.area_names[place.key]:
            return True
        country = self.gaz.country(text)
        if country is not None:
            return country.key == place.key or place.kind == KIND_COUNTRY
        if self.gaz.demonym(text) is not None:
            return False
        return place.kind == KIND_COUNTRY and not any(p.kind == KIND_CITY for p in candidates)

    def _quotes(self, extracted: list[ExtractedArticle], ids: dict[str, str]) -> list[Quote]:
        quotes = []
        for article in extracted:
            for q in article.quotes:
                key = self.key_of.get(q.speaker_mention) if q.speaker_mention else None
                quotes.append(replace(q, speaker=ids.get(key) if key else None))
        return quotes


#: One word of a person's name: capitalised, perhaps hyphenated or with an apostrophe
#: ("Letsatsi-Duba", "O'Neill", "Sing'oei").
_NAME_WORD = re.compile(r"[A-Z][a-z]*(?:['\u2019-][A-Za-z][a-z]*)*[a-z]")


def _area_parts(name: str) -> tuple[str, str]:
    """("Alta", "county") for "Alta County", ("Carrow", "area") for "Carrow Local
    Government Area": a name and the kind of area it ends with; ("", "") when it ends with
    none, or with "state", which also closes the names of groups and bodies."""
    words = name.split()
    if len(words) >= 4 and fold(" ".join(words[-3:])) == "local government area":
        return " ".join(words[:-3]), "area"
    kind = fold(words[-1]) if len(words) >= 2 else ""
    if kind not in AREA_KINDS or kind == "state":
        return "", ""
    return " ".join(words[:-1]), kind


def _at(place: Place, why: str) -> str:
    """The source of a place put at another: which one, and why."""
    return f"located at {why}, {place.name} ({place.source}); none of its own"


def _inside(city: Place, outer: Place | None) -> bool:
    """Does a city lie in the country or state the text names (or the text names none)?"""
    if outer is None:
        return True
    if outer.kind == KIND_REGION and city.region and outer.region:
        return city.region == outer.region
    return city.country == outer.country


def _placed_at(name: str, prefix: str, kind: str, at: Place, source: str) -> Place:
    """A place the gazetteer lacks, at the coordinates of the place ``at``, saying so."""
    return Place(
        key=f"{prefix}:{org_key(name)}:{at.key}",
        name=name,
        kind=kind,
        country=at.country,
        lat=at.lat,
        lon=at.lon,
        population=0,
        names=(name,),
        source=source,
        stands_in=at.name,
    )


def _written_as_person(name: str) -> bool:
    """Name words and short particles only: "Zayd bin Tamir", not "Vantor KGaA"."""
    return all(_NAME_WORD.fullmatch(w) or (w.islower() and len(w) <= 3) for w in name.split())


def _written_name(place: Place, written: dict[str, int]) -> str:
    """A city or region as the articles write it most ("Qadira" for a gazetteer's "Qadi'a"),
    the gazetteer's spelling otherwise: for countries (their official short names), and
    where no article form beats it. Capitals-only datelines ("PORT ELLIS") never name it."""
    if place.kind not in (KIND_CITY, KIND_REGION):
        return place.name
    words = set(fold(place.name).split())
    forms = {
        t: n
        for t, n in written.items()
        if not t.isupper() and not set(fold(t).split()) <= words  # "Hague": a shortening
    }
    own = written.get(place.name, 0)
    best = max(forms, key=lambda t: (forms[t], t), default=None)
    return best if best is not None and forms[best] > own else place.name


def _person_name(texts: Counter[str]) -> str:
    """A person's name as the articles write it: their most common full form (first and
    last name, titles off: "Jane Roe" six times beats "Jane A. Roe" once), else the
    longest form they use."""
    forms: Counter[str] = Counter()
    for text, count in texts.items():
        forms[_strip_titles(text)] += count
    full = [f for f in forms if len(f.split()) >= 2] or list(forms)
    return max(full, key=lambda f: (forms[f], len(f.split()), len(f), f))


@cache
def armed_groups() -> dict[str, str]:
    """Folded name or alias -> the group's name (``data/armed_groups.csv``)."""
    return read_names(DATA_DIR / "armed_groups.csv", fold)


@cache
def political_parties() -> dict[str, str]:
    """Folded name or alias -> the party's name (``data/parties.csv``)."""
    return read_names(DATA_DIR / "parties.csv", fold)


def _strip_titles(name: str) -> str:
    words = name.split()
    while len(words) > 2 and fold(words[0]).rstrip(".") in TITLES:
        words.pop(0)
    return " ".join(words)


def _is_group(name: str, contexts: list[str]) -> bool:
    """Armed or political groups: a fighting noun heads the name or surrounds its mentions."""
    words = fold(name).split()
    if len(words) > 1 and words[-1] in GROUP_HEADS:
        # "the Northland Freedom Front won 9% of the vote": a party, named like a militia.
        return not _is_party(contexts)
    if words and words[-1] in NON_GROUP_HEADS:
        return False
    votes = sum(1 for text in contexts if GROUP_CONTEXT.search(text))
    return votes > 0 and votes * 3 >= len(contexts)


def _is_party(contexts: list[str]) -> bool:
    """Mentions that speak of parties and votes more than of fighting, a third of them
    at least (the share that makes a name an armed group): a political party or
    alliance ("the opposition Freedom Front", "the left-wing alliance Popular Front",
    "the Forces party")."""
    political = sum(1 for text in contexts if PARTY_CONTEXT.search(text))
    fighting = sum(1 for text in contexts if GROUP_CONTEXT.search(text))
    return political > fighting and political * 3 >= len(contexts)


class _OrgNameIndex:
    """Organisation keys by acronym and by their proper word prefixes and suffixes.

    Answers "which longer names end (or begin) with these words?" without comparing
    every name with every other: on 5,000 articles that scan was 7 s of resolve.
    """

    def __init__(self, names: list[str]) -> None:
        self._acronyms: dict[str, list[str]] = defaultdict(list)
        self._endings: dict[tuple[str, ...], list[str]] = defaultdict(list)
        self._beginnings: dict[tuple[str, ...], list[str]] = defaultdict(list)
        for name in names:
            self._acronyms[acronym_of(name)].append(name)
            words = tuple(name.split())
            for n in range(1, len(words)):
                self._endings[words[-n:]].append(name)
                self._beginnings[words[:n]].append(name)

    def expanding(self, acronym: str) -> list[str]:
        return [k for k in self._acronyms.get(acronym, ()) if k != acronym]

    def ending_with(self, words: tuple[str, ...]) -> list[str]:
        return self._endings.get(words, [])

    def starting_with(self, words: tuple[str, ...]) -> list[str]:
        return self._beginnings.get(words, [])


def resolve(
    articles: list[Article], extracted: list[ExtractedArticle], gazetteer: Gazetteer
) -> tuple[list[Entity], list[Quote]]:
    """Entities with their mentions, and quotes with resolved speakers."""
    return Resolver(gazetteer, {a.id: a for a in articles}).run(extracted)
