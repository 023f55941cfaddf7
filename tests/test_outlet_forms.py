"""Where a page names its outlet, date and title: more general forms of news pages.

Every text here is made up; each test fails without the rule it names.
"""

from __future__ import annotations

import pytest

from builder.ingest.lines import (
    Kind,
    classify,
    dateline,
    metadata_date,
    picture_credit,
    source_line,
)
from builder.ingest.parse import normalise_date, parse

BODY = (
    "Thousands of people fled their homes in Port Ellis on Monday after the river burst "
    "its banks, officials said, and more rain is expected through the week.\n\n"
    "The army has sent boats to help with rescues in the town and nearby villages, and "
    "shelters have opened in schools across the northern districts of Northland.\n"
)
TITLE = "Floods hit Port Ellis\n\n"


def _one(text: str):  # type: ignore[no-untyped-def]
    (article,), _ = parse(text, "a.txt")
    return article


# --- outlet ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("credit", "outlet"),
    [("REUTERS, AFP", "Reuters, AFP"), ("AP and Reuters", "AP, Reuters"), ("AFP, Jane", None)],
)
def test_a_dateline_credits_two_agencies_that_pooled_the_story(
    credit: str, outlet: str | None
) -> None:
    found = dateline(f"PORT ELLIS ({credit}) - Rescuers searched the banks on Monday.")
    assert found is not None and found.agency == outlet


def test_a_note_on_the_author_names_the_outlet_but_a_note_on_anyone_else_does_not() -> None:
    note = "Jane Roe is a senior reporter at the Northland Monthly\n\n"
    assert _one(TITLE + "By Jane Roe\n\n" + note + BODY).outlet == "Northland Monthly"
    other = "John Doe is a senior reporter at the Northland Monthly\n\n"
    assert _one(TITLE + "By Jane Roe\n\n" + other + BODY).outlet is None


def test_a_byline_without_by_names_the_outlet_after_for() -> None:
    # on a date line, where any capitalised name signs
    line = "April 23, 2013   Kel Tam   for Northland Science News"
    assert metadata_date(line) == ("April 23, 2013", "Northland Science News")
    article = _one("Old bones tell a new story\n\n" + line + "\n\n" + BODY)
    assert (article.outlet, article.date and article.date.value) == (
        "Northland Science News",
        "2013-04-23",
    )
    # under the headline, where a known first name signs
    assert _one(TITLE + "Jane Roe for Northland Monthly\n\n" + BODY).outlet == "Northland Monthly"


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Agencies and Northland TV", "Northland TV"),
        ("Example Daily staff and agencies", "Example Daily"),
        ("Northland Monthly with AFP", "Northland Monthly"),
        ("Jane Roe with AFP", None),  # a person is no outlet
        ("Bread and Butter", None),
    ],
)
def test_a_newsroom_credited_beside_its_agencies_is_the_outlet(
    line: str, outlet: str | None
) -> None:
    assert source_line(line) == outlet


def test_a_brand_written_as_its_address_credits_the_site_over_the_url_host() -> None:
    assert source_line("ExNews.gov.nl") == "ExNews.gov.nl"
    assert classify("example.com") is Kind.URL  # lowercase: an address
    assert classify("St.Louis") is Kind.TEXT
    text = TITLE + BODY + "ExNews.gov.nl\nhttps://www.reposter.example/2018/07/10/floods/\n"
    assert _one(text).outlet == "ExNews.gov.nl"


def test_an_outlet_that_reported_the_story_and_was_told_things_is_the_outlet() -> None:
    lead = "The dam broke on Monday, flooding the valley, Valley Voice reported.\n\n"
    told = '"We lost everything," a farmer told Valley Voice.\n\n'
    assert _one(TITLE + lead + BODY + told).outlet == "Valley Voice"
    assert _one(TITLE + lead + BODY).outlet is None  # may cite another outlet's scoop


def test_a_photographer_credit_opening_a_caption_names_the_outlet() -> None:
    assert picture_credit("Jane Roe/Northlander Rescuers search the bank.") == "Northlander"
    assert picture_credit("Jane Roe/John Doe said") is None
    caption = "Jane Roe/Northlander Rescuers search the river bank in Port Ellis on Monday.\n\n"
    assert _one(TITLE + BODY + caption).outlet == "Northlander"


# --- date -----------------------------------------------------------------------------------


@pytest.mark.parametrize("count", ["0 comments", "12 Comments", "1.2k views", "No comments"])
def test_a_comment_count_beside_the_date_is_metadata(count: str) -> None:
    assert metadata_date(f"Jan 22, 2026 | {count}") == ("Jan 22, 2026", None)
    article = _one(TITLE + f"Jan 22, 2026 | {count}\n\n" + BODY)
    assert (article.title, article.date and article.date.value) == (
        "Floods hit Port Ellis",
        "2026-01-22",
    )


def test_a_compact_date_alone_on_a_line_dates_the_story() -> None:
    assert normalise_date("20091211") == "2009-12-11"
    assert metadata_date("20091341") is None  # no such month
    assert classify("12345678") is Kind.TEXT
    article = _one("20091211\nPORT ELLIS (AFP) - " + BODY)
    assert article.date is not None and article.date.value == "2009-12-11"


# --- title ----------------------------------------------------------------------------------


def test_a_caption_printed_twice_with_an_agency_credit_is_not_the_title() -> None:
    caption = "Rescuers carry a boat through the flooded streets of Port Ellis (AFP)\n"
    text = "Saturday 23 March 2019\n\n" + TITLE + caption + caption + "\nBy Jane Roe\n\n" + BODY
    assert _one(text).title == "Floods hit Port Ellis"


def test_a_section_word_between_a_kicker_and_the_headline_is_skipped() -> None:
    text = "Filed Under: Topnews\nNews\n\nFloods force thousands from Port Ellis\n\n\n" + BODY
    assert _one(text).title == "Floods force thousands from Port Ellis"
