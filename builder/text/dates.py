"""Dates: find date phrases in a sentence and resolve them against a publication date.

dateparser normalises a phrase well once given ``RELATIVE_BASE``, but its
``search_dates`` finds false dates everywhere ("may", "now"), so phrases are found
here with a small pattern set (plus spaCy's DATE entities when the model runs) and
only then handed to dateparser. A few rules dateparser gets wrong for news are
applied first: a bare weekday equal to the article's own weekday is that day, a
month without a year is the latest such month not after publication (for past
events), and ranges keep both ends.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from functools import cache, lru_cache
from urllib.parse import urlsplit

from builder.model import DatedValue

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBR = r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
MONTH = rf"(?:{'|'.join(MONTHS)}|(?:{MONTH_ABBR})\.?)"
WEEKDAY = rf"(?:{'|'.join(WEEKDAYS)})"
YEAR = r"(?:1[89]\d\d|20\d\d)"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
#: A weekday in full or short ("Tuesday", "Tue.", "Tues"), as datelines write it.
WEEKDAY_OR_SHORT = rf"(?:{WEEKDAY}|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?)"
#: Month names as a page shows them.
MONTH_NAMES = tuple(m.capitalize() for m in MONTHS)

#: Parts of the publication day, and the night before it ("late last night").
PART_OF_DAY = r"(?:(?:late|early)\s+)?last\s+night|this\s+(?:morning|afternoon|evening)|tonight"
#: Date phrases, longest forms first so that alternation prefers them.
_PHRASES = [
    # "20-22 November 2017", "November 20-22, 2017"
    rf"{DAY}\s*[-–]\s*{DAY}\s+{MONTH}(?:\s*,?\s*{YEAR})?",
    rf"{MONTH}\s+{DAY}\s*[-–]\s*{DAY}(?:\s*,?\s*{YEAR})?",
    # "between 2015 and 2016", "from 2015 to 2016", "2015-2016"
    rf"between\s+{YEAR}\s+and\s+{YEAR}",
    rf"from\s+{YEAR}\s+(?:to|until|through)\s+{YEAR}",
    rf"{YEAR}\s*[-–]\s*(?:{YEAR}|\d\d)\b",
    # "Tuesday, Nov. 21, 2017", "Friday, Dec. 2"
    rf"{WEEKDAY},?\s+{MONTH}\s+{DAY}(?:\s*,?\s*{YEAR})?",
    rf"{WEEKDAY},?\s+{DAY}\s+{MONTH}(?:\s*,?\s*{YEAR})?",
    # "Nov. 20, 2017", "20 November 2017", "November 2015", "Nov. 20"
    rf"{MONTH}\s+{DAY}(?:\s*,?\s*{YEAR})?(?![\w])",
    rf"{DAY}\s+{MONTH}(?:\s*,?\s*{YEAR})?",
    rf"(?:early|mid|late|the\s+end\s+of|the\s+beginning\s+of)?[\s-]*{MONTH}(?:\s+(?:of\s+)?{YEAR})",
    # "last Monday", "next week", "last month", "this year"
    rf"(?:last|next|this|coming)\s+(?:{WEEKDAY}|week|month|year|weekend)",
    r"(?:the\s+)?(?:previous|following)\s+(?:week|month|year)",
    # "that same month", "the same day": a date of the text before, which this module
    # cannot read (``resolve_date`` gives None), so no one guesses it
    r"(?:that|the)\s+same\s+(?:day|week|month|year)",
    # "overnight Monday", "on Tuesday", "Wednesday"
    rf"(?:overnight\s+)?{WEEKDAY}",
    PART_OF_DAY,
    r"yesterday|today|tomorrow",
    # "in July" (a bare month needs a preposition: "may" is a verb, "March" a noun)
    rf"(?<=\bin\s)(?:early\s+|mid-|late\s+)?(?:{'|'.join(MONTHS)})",
    rf"(?<=\bsince\s){MONTH}",
    YEAR,
]
PHRASE_RE = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in _PHRASES) + r")\b", re.IGNORECASE)

_RANGE_RE = re.compile(
    rf"^(?:between\s+|from\s+)?(?P<a>{YEAR})\s*(?:[-–]|and|to|until|through)\s*(?P<b>{YEAR}|\d\d)$",
    re.IGNORECASE,
)
_DAY_RANGE_RE = re.compile(
    rf"^(?:(?P<d1>{DAY})\s*[-–]\s*(?P<d2>{DAY})\s+(?P<m1>{MONTH})"
    rf"|(?P<m2>{MONTH})\s+(?P<d3>{DAY})\s*[-–]\s*(?P<d4>{DAY}))(?:\s*,?\s*(?P<y>{YEAR}))?$",
    re.IGNORECASE,
)
_WEEKDAY_RE = re.compile(
    rf"^(?:(?P<rel>last|next|this|coming|overnight)\s+)?(?P<day>{WEEKDAY})$", re.IGNORECASE
)
_BARE_MONTH_RE = re.compile(
    rf"^(?:early\s+|mid-?\s*|late\s+|the\s+end\s+of\s+|the\s+beginning\s+of\s+)?(?P<m>{MONTH})$",
    re.IGNORECASE,
)
_DAY_MONTH_RE = re.compile(
    rf"^(?:(?P<m1>{MONTH})\s+(?P<d1>{DAY})|(?P<d2>{DAY})\s+(?P<m2>{MONTH}))$", re.IGNORECASE
)
#: A day and month without a year this many days after publication is still this
#: year's ("On Nov. 28, the UN is to host talks", written on 21 November).
NEAR_FUTURE_DAYS = 31
_YEAR_RE = re.compile(rf"\b{YEAR}\b")
_DATE_WORD_RE = re.compile(
    rf"\d|\b(?:{MONTH}|{WEEKDAY}|yesterday|today|tomorrow|week|month|year|weekend)\b",
    re.IGNORECASE,
)
_LEADING = re.compile(
    r"^(?:on|in|since|by|during|until|from|at|as\s+of|as\s+recently\s+as)\s+", re.IGNORECASE
)
_PART_OF_DAY = re.compile(rf"^(?:{PART_OF_DAY})$", re.IGNORECASE)
_PERIOD_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year"}


def find_date_phrases(text: str) -> list[tuple[int, int, str]]:
    """Character spans of date phrases in ``text``: (start, end, phrase)."""
    found = []
    for match in PHRASE_RE.finditer(text):
        phrase = match.group(0).strip(" -")
        if phrase:
            start = match.start() + match.group(0).index(phrase)
            found.append((start, start + len(phrase), phrase))
    return found


@lru_cache(maxsize=8192)  # pure, and dateparser takes ~1 ms: an article repeats its phrases
def resolve_date(
    phrase: str, published: DatedValue | None, *, future: bool = False
) -> DatedValue | None:
    """What date a phrase stands for, read from the publication date where needed.

    ``future`` says the sentence is about something scheduled or expected, so a
    weekday or month without a year points forward from the publication date.
    Returns None when the phrase is not a date, or is relative and the publication
    date is unknown (saying so is better than guessing).
    """
    text = " ".join(phrase.split())
    text = _LEADING.sub("", text).strip(" ,.")
    if not text or not re.search(r"\w", text):
        return None
    base = _base(published)
    ranged = _part_of_day(text, base) or _year_range(text) or _day_range(text, base, future)
    if ranged is not None:
        return _with_evidence(ranged, phrase)
    has_year = bool(_YEAR_RE.search(text))
    if base is None and not has_year:
        return None
    weekday = _WEEKDAY_RE.match(text)
    if weekday and base is not None:
        return DatedValue(_weekday(base, weekday, future).isoformat(), "day", phrase)
    day_month = _DAY_MONTH_RE.match(text)
    if day_month and base is not None:
        return _day_of_month(day_month, base, future, phrase)
    month = _BARE_MONTH_RE.match(text)
    if month and not month.group("m")[0].isupper():
        return None  # "may" the verb, "march" the walk
    if month and base is not None:
        number = month_number(month.group("m"))
        year = base.year
        if not future and number > base.month:
            year -= 1
        elif future and number < base.month:
            year += 1
        return DatedValue(f"{year:04d}-{number:02d}", "month", phrase)
    if re.fullmatch(YEAR, text):
        return DatedValue(text, "year", phrase)
    if not _DATE_WORD_RE.search(text):
        return None  # "now", "seven days": dateparser reads too much into them
    return _parse(text, phrase, base, future)


def _part_of_day(text: str, base: date | None) -> DatedValue | None:
    """ "this evening", "tonight": the publication day; "last night": the day before."""
    if base is None or not _PART_OF_DAY.match(text):
        return None
    offset = -1 if "last" in text.lower() else 0
    return DatedValue((base + timedelta(days=offset)).isoformat(), "day", text)


def _base(published: DatedValue | None) -> date | None:
    if published is None or published.precision != "day":
        return None
    try:
        return date.fromisoformat(published.value[:10])
    except ValueError:
        return None


def _with_evidence(value: DatedValue, phrase: str) -> DatedValue:
    return DatedValue(value.value, value.precision, phrase, value.end)


def _year_range(text: str) -> DatedValue | None:
    match = _RANGE_RE.match(text)
    if not match:
        return None
    first, second = match.group("a"), match.group("b")
    if len(second) == 2:
        second = first[:2] + second
    if int(second) <= int(first):
        return None
    return DatedValue(first, "year", text, second)


def _day_range(text: str, base: date | None, future: bool) -> DatedValue | None:
    match = _DAY_RANGE_RE.match(text)
    if not match:
        return None
    month = month_number(match.group("m1") or match.group("m2"))
    d1 = int(re.sub(r"\D", "", match.group("d1") or match.group("d3")))
    d2 = int(re.sub(r"\D", "", match.group("d2") or match.group("d4")))
    if match.group("y"):
        year = int(match.group("y"))
    elif base is not None:
        year = base.year + (1 if future and month < base.month else 0)
        year -= 1 if not future and month > base.month else 0
    else:
        return None
    try:
        first, last = date(year, month, d1), date(year, month, d2)
    except ValueError:
        return None
    if last <= first:
        return None
    return DatedValue(first.isoformat(), "day", text, last.isoformat())


def _day_of_month(match: re.Match[str], base: date, future: bool, phrase: str) -> DatedValue | None:
    """ "Nov. 28" without a year: the nearest such day that fits the tense."""
    month = month_number(match.group("m1") or match.group("m2"))
    day = int(re.sub(r"\D", "", match.group("d1") or match.group("d2")))
    try:
        this_year = date(base.year, month, day)
        candidates = [date(base.year + k, month, day) for k in (-1, 0, 1)]
    except ValueError:
        return None
    if future:
        when = next(c for c in candidates if c >= base)
    elif this_year <= base + timedelta(days=NEAR_FUTURE_DAYS):
        when = this_year
    else:
        when = candidates[0]
    return DatedValue(when.isoformat(), "day", phrase)


def _weekday(base: date, match: re.Match[str], future: bool) -> date:
    wanted = WEEKDAYS.index(match.group("day").lower())
    relation = (match.group("rel") or "").lower()
    if relation in ("next", "coming"):
        future = True
    elif relation in ("last", "overnight"):
        future = False
    if (relation == "" or relation == "overnight") and wanted == base.weekday():
        return base  # the article's own weekday is that very day
    if future:
        ahead = (wanted - base.weekday()) % 7 or 7
        return base + timedelta(days=ahead)
    back = (base.weekday() - wanted) % 7 or 7
    return base - timedelta(days=back)


def month_number(name: str) -> int:
    """1-12 for a month's name or abbreviation ("Sept.", "september")."""
    key = name.lower().rstrip(".")[:3]
    return [m[:3] for m in MONTHS].index(key) + 1


@cache
def _parser(base: date | None, future: bool):
    from dateparser.date import DateDataParser

    settings: dict[str, object] = {
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": False,
        "PREFER_DAY_OF_MONTH": "first",
    }
    if base is not None:
        settings["RELATIVE_BASE"] = datetime(base.year, base.month, base.day)
    return DateDataParser(languages=["en"], settings=settings)


#: Shapes of a date that names its own year, once weekday, ordinals and punctuation go.
_EXPLICIT_LAYOUTS = (
    ("%Y-%m-%d", "day"),
    ("%B %d %Y", "day"),
    ("%b %d %Y", "day"),
    ("%d %B %Y", "day"),
    ("%d %b %Y", "day"),
    ("%B %Y", "month"),
    ("%b %Y", "month"),
)
_EXPLICIT_NOISE = re.compile(r"^[A-Za-z]+day\b|(?<=\d)(?:st|nd|rd|th)\b|[.,]")


def explicit_date(text: str, phrase: str | None = None) -> DatedValue | None:
    """A date that names its day or month and year ("Nov. 20, 2017", "March 2019"), by strptime;
    None for any other shape. ``phrase`` is the evidence to keep (default: ``text``).

    dateparser reads these the same way, but takes 1-2 ms a phrase and 0.4 s to compile
    its English data in each process: most of re-extracting one article, and of ingest.
    """
    phrase = text if phrase is None else phrase
    plain = " ".join(_EXPLICIT_NOISE.sub(" ", text).split())
    for layout, precision in _EXPLICIT_LAYOUTS:
        try:
            when = datetime.strptime(plain, layout)
        except ValueError:
            continue
        value = when.date().isoformat() if precision == "day" else f"{when:%Y-%m}"
        return DatedValue(value, precision, phrase)
    return None


def _parse(text: str, phrase: str, base: date | None, future: bool) -> DatedValue | None:
    """dateparser for the rest ("last month", "next week", "the fall of 2015")."""
    return explicit_date(text, phrase) or _dateparser(text, phrase, base, future)


def _dateparser(text: str, phrase: str, base: date | None, future: bool) -> DatedValue | None:
    data = _parser(base, future).get_date_data(text)
    when, period = data.date_obj, data.period
    if when is None:
        # "the fall of 2015", "early 2016": the year is all that is sure.
        years = _YEAR_RE.findall(text)
        return DatedValue(years[0], "year", phrase) if len(years) == 1 else None
    if period == "week":
        monday = when.date() - timedelta(days=when.weekday())
        return DatedValue(
            monday.isoformat(), "day", phrase, (monday + timedelta(days=6)).isoformat()
        )
    precision = _PERIOD_PRECISION.get(period or "day", "day")
    if precision == "year":
        return DatedValue(f"{when.year:04d}", "year", phrase)
    if precision == "month":
        return DatedValue(f"{when.year:04d}-{when.month:02d}", "month", phrase)
    return DatedValue(when.date().isoformat(), "day", phrase)


#: Day beats month beats year when one clause gives several dates.
PRECISION_RANK = {"day": 3, "month": 2, "year": 1}


def clause_date(
    phrases: Iterable[str], published: DatedValue | None, *, future: bool = False
) -> DatedValue | None:
    """The most precise date among the date phrases of one clause."""
    values = [resolve_date(phrase, published, future=future) for phrase in phrases]
    values = [v for v in values if v is not None]
    if not values:
        return None
    best = max(PRECISION_RANK[v.precision] for v in values)
    top = [v for v in values if PRECISION_RANK[v.precision] == best]
    first, last = min(top, key=lambda v: v.value), max(top, key=lambda v: v.end or v.value)
    if first is last or (last.end or last.value) == first.value:
        return first
    # "on Wednesday and Thursday": one happening over both days.
    evidence = " and ".join(dict.fromkeys(v.evidence for v in top))
    return DatedValue(first.value, first.precision, evidence, last.end or last.value)


#: A year that is not a decade ("1990s") or a possessive ("2015's").
_YEAR_ALONE = rf"({YEAR})(?!\d|s\b|’s|'s)"
#: "July 3, 2024", "3 July 2024", "November 2015", "2015", tried in that order.
_EXPLICIT_RES = (
    ("day", re.compile(rf"\b({MONTH})\s+(\d{{1,2}}),?\s+{_YEAR_ALONE}", re.IGNORECASE)),
    ("day_first", re.compile(rf"\b(\d{{1,2}})\s+({MONTH})\s+{_YEAR_ALONE}", re.IGNORECASE)),
    ("month", re.compile(rf"\b({MONTH})\s+(?:of\s+)?{_YEAR_ALONE}", re.IGNORECASE)),
    ("year", re.compile(rf"(?<![\d,.])\b{_YEAR_ALONE}")),
)


def first_explicit_date(text: str) -> DatedValue | None:
    """The first explicit date a sentence gives: a full date, a month and year, or a year."""
    found: list[tuple[int, DatedValue]] = []
    for kind, pattern in _EXPLICIT_RES:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groups()
        if kind == "day":
            month, day, year = month_number(groups[0]), int(groups[1]), groups[2]
        elif kind == "day_first":
            day, month, year = int(groups[0]), month_number(groups[1]), groups[2]
        elif kind == "month":
            month, day, year = month_number(groups[0]), 0, groups[1]
        else:
            month, day, year = 0, 0, groups[0]
        if day > 31:
            continue
        value = year + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")
        precision = "day" if day else "month" if month else "year"
        found.append((match.start(), DatedValue(value, precision, match.group(0))))
        if kind != "year":
            break  # the most precise match at its place wins
    if not found:
        return None
    return min(found, key=lambda f: f[0])[1]


_URL_DATE = re.compile(r"/((?:19|20)\d\d)/(0?[1-9]|1[0-2])(?:/(0?[1-9]|[12]\d|3[01]))?(?:/|$)")


def url_date(url: str) -> DatedValue | None:
    """ "/2017/11/21/" in a URL path gives a day; "/2017/11/" a month."""
    path = urlsplit(url).path
    match = _URL_DATE.search(path)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    if match.group(3) is None:
        return DatedValue(f"{year:04d}-{month:02d}", "month", match.group(0))
    try:
        value = date(year, month, int(match.group(3))).isoformat()
    except ValueError:  # /2017/02/30/: not a date, so no date
        return None
    return DatedValue(value, "day", match.group(0))
