"""Date phrases resolved against a publication date (builder/dates.py)."""

from __future__ import annotations

from datetime import date

import pytest

from builder.model import DatedValue
from builder.text.dates import find_date_phrases, resolve_date

# Tuesday 21 November 2017, the date of two seed articles.
TUESDAY = DatedValue("2017-11-21", "day", "Nov. 21, 2017")


def when(phrase: str, published: DatedValue | None = TUESDAY, **kw: bool) -> tuple:
    value = resolve_date(phrase, published, **kw)
    return None if value is None else (value.value, value.precision, value.end)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Monday", "2017-11-20"),  # the day before
        ("Wednesday", "2017-11-15"),  # past tense: the last Wednesday before
        ("Sunday", "2017-11-19"),
        ("on Tuesday", "2017-11-21"),  # the article's own weekday is that very day
        ("overnight Monday", "2017-11-20"),
        ("last Tuesday", "2017-11-14"),
    ],
)
def test_weekdays_before_publication(phrase: str, expected: str) -> None:
    assert when(phrase) == (expected, "day", None)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Wednesday", "2017-11-22"),  # "a summit scheduled for Wednesday"
        ("on Monday", "2017-11-27"),
        ("Tuesday", "2017-11-21"),
        ("next Friday", "2017-11-24"),
    ],
)
def test_weekdays_after_publication_when_scheduled(phrase: str, expected: str) -> None:
    assert when(phrase, future=True) == (expected, "day", None)


def test_next_weekday_points_forward_even_in_past_tense() -> None:
    assert when("next Monday") == ("2017-11-27", "day", None)


@pytest.mark.parametrize(
    ("phrase", "future", "expected"),
    [
        ("in July", False, "2017-07"),
        ("in December", False, "2016-12"),  # after November: last year's December
        ("November", False, "2017-11"),
        ("in December", True, "2017-12"),
        ("in March", True, "2018-03"),  # "elections in March", seen from November
        ("in May", False, "2017-05"),
    ],
)
def test_month_without_year(phrase: str, future: bool, expected: str) -> None:
    assert when(phrase, future=future) == (expected, "month", None)


@pytest.mark.parametrize(
    ("phrase", "future", "expected"),
    [
        ("Nov. 20", False, "2017-11-20"),
        ("Nov. 28", False, "2017-11-28"),  # a week ahead: still this year's
        ("Dec. 30", False, "2016-12-30"),  # weeks ahead in a past sentence: last year's
        ("Dec. 2", True, "2017-12-02"),
        ("Jan. 20", True, "2018-01-20"),
        ("3 March", False, "2017-03-03"),
    ],
)
def test_day_and_month_without_year(phrase: str, future: bool, expected: str) -> None:
    assert when(phrase, future=future) == (expected, "day", None)


def test_relative_periods() -> None:
    assert when("last month") == ("2017-10", "month", None)
    assert when("this month") == ("2017-11", "month", None)
    assert when("next week") == ("2017-11-27", "day", "2017-12-03")
    assert when("yesterday") == ("2017-11-20", "day", None)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("this evening", "2017-11-21"),
        ("this morning", "2017-11-21"),
        ("tonight", "2017-11-21"),
        ("last night", "2017-11-20"),
        ("late last night", "2017-11-20"),
    ],
)
def test_parts_of_the_publication_day(phrase: str, expected: str) -> None:
    assert when(phrase) == (expected, "day", None)
    assert [p for *_, p in find_date_phrases(f"The talks were held {phrase}.")] == [phrase]
    assert when(phrase, None) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("in November 2015", ("2015-11", "month", None)),
        ("July 2016", ("2016-07", "month", None)),
        ("Nov. 20, 2017", ("2017-11-20", "day", None)),
        ("20 November 2017", ("2017-11-20", "day", None)),
        ("in 2018", ("2018", "year", None)),
        ("the fall of 2015", ("2015", "year", None)),
    ],
)
def test_explicit_dates_need_no_publication_date(phrase: str, expected: tuple) -> None:
    assert when(phrase, None) == expected
    assert when(phrase) == expected


@pytest.mark.parametrize(
    "phrase", ["on Monday", "last month", "in July", "next week", "yesterday", "Nov. 20"]
)
def test_relative_dates_unknown_without_publication_date(phrase: str) -> None:
    assert resolve_date(phrase, None) is None


def test_year_only_publication_date_is_not_a_base_for_weekdays() -> None:
    assert resolve_date("on Monday", DatedValue("2017", "year", "© 2017")) is None


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("20-22 November 2017", ("2017-11-20", "day", "2017-11-22")),
        ("November 20-22, 2017", ("2017-11-20", "day", "2017-11-22")),
        ("between 2015 and 2016", ("2015", "year", "2016")),
        ("from 2011 to 2014", ("2011", "year", "2014")),
        ("2015-16", ("2015", "year", "2016")),
    ],
)
def test_ranges(phrase: str, expected: tuple) -> None:
    assert when(phrase, None) == expected


def test_evidence_is_the_phrase() -> None:
    value = resolve_date("on Monday", TUESDAY)
    assert value is not None and value.evidence == "on Monday"


@pytest.mark.parametrize("phrase", ["may", "now", "the talks", "", "seven days"])
def test_non_dates(phrase: str) -> None:
    assert resolve_date(phrase, TUESDAY) is None


def test_find_date_phrases() -> None:
    text = (
        "On Monday, Putin met Assad; a Turkish jet shot down a warplane in November 2015. "
        "Talks may resume next week, and elections are due in May. The truce of "
        "20-22 November 2017 held between 2015 and 2016."
    )
    phrases = [p for _, _, p in find_date_phrases(text)]
    assert phrases == [
        "Monday",
        "November 2015",
        "next week",
        "May",
        "20-22 November 2017",
        "between 2015 and 2016",
    ]
    for start, end, phrase in find_date_phrases(text):
        assert text[start:end] == phrase


@pytest.mark.parametrize(
    "phrase",
    [
        "Nov. 20, 2017",
        "November 20, 2017",
        "20 November 2017",
        "Tuesday, Nov. 21, 2017",
        "1st March 2019",
        "Dec 31 2019",
        "March 2019",
        "Mar. 2019",
        "May 2020",
    ],
)
def test_dates_naming_their_year_read_as_dateparser_reads_them(phrase: str) -> None:
    from builder.text.dates import _dateparser, explicit_date

    fast = explicit_date(phrase)
    assert fast is not None
    assert fast == _dateparser(phrase, phrase, date(2017, 11, 21), False)


def test_a_date_of_the_text_before_is_found_and_never_guessed() -> None:
    from builder.model import DatedValue
    from builder.text.dates import find_date_phrases, resolve_date

    text = "That same month, the government was heavily criticized."
    assert find_date_phrases(text) == [(0, 15, "That same month")]
    assert resolve_date("That same month", DatedValue("2020-01-24", "day", "x")) is None
