"""Article metadata as real pages print it: date lines, datelines, credits, page titles."""

from __future__ import annotations

import pytest

from builder.extract import load_extractor
from builder.ingest.lines import (
    Kind,
    agency_credit,
    classify,
    dateline,
    is_masthead,
    lead_credit,
    metadata_date,
    numeric_date,
    picture_credit,
    source_line,
)
from builder.ingest.parse import normalise_date, parse
from builder.model import Article, ExtractedArticle, Paragraph


def _extract(text: str) -> ExtractedArticle:
    """What the model pipeline extracts from a one-paragraph article."""
    return load_extractor("model").extract(Article("a", "T", [Paragraph(1, text)], ["a.txt"]))


@pytest.mark.parametrize(
    ("line", "date", "outlet"),
    [
        ("Source: Agency| 2019-10-23 05:39:15|Editor: Jo Bloggs", "2019-10-23", "Agency"),
        ("Daily Outlet 2019-06-19 10:10:36", "2019-06-19", "Daily Outlet"),
        ("2023-02-18 | 07:54", "2023-02-18", None),
        ("Thursday, 29 June, 2017 - 05:42", "Thursday, 29 June, 2017", None),
        ("13:36, September 20, 2011", "September 20, 2011", None),
        ("Posted March 4, 2024 9:43 am.", "March 4, 2024", None),
        ("Updated 13 October 2025", "13 October 2025", None),
        (
            "First published on Wed 18 Oct 2017 19.58 EDT (Updated Thu 19 Oct 2017 04.42 EDT)",
            "Wed 18 Oct 2017",
            None,
        ),
        ("December 14, 2019 - Final", "December 14, 2019", None),
    ],
)
def test_date_lines_give_the_date_and_the_masthead(line: str, date: str, outlet: str) -> None:
    assert metadata_date(line) == (date, outlet)


@pytest.mark.parametrize(
    "line",
    [
        "He was born on March 3, 1950, in a small town.",
        "Elections held on May 5, 2024 were peaceful, officials said",
        "The talks, which began on 2 June 2020, ended without a deal after two days",
    ],
)
def test_sentences_with_a_date_are_not_date_lines(line: str) -> None:
    assert metadata_date(line) is None


def test_datelines_give_place_region_date_and_agency() -> None:
    found = dateline("HARARE, Feb. 20, 2018 (Xinhua) -- The visiting chairperson said.")
    assert found is not None
    assert (found.place, found.date, found.agency) == ("HARARE", "Feb. 20, 2018", "Xinhua")
    found = dateline("CAPE CANAVERAL, Fla. — NASA has launched its next rover.")
    assert found is not None and (found.place, found.region) == ("CAPE CANAVERAL", "Fla.")
    found = dateline("PEDERNALES/PORTOVIEJO, Ecuador (Reuters) – The toll rose.")
    assert found is not None and (found.place, found.agency) == ("PEDERNALES/PORTOVIEJO", "Reuters")
    assert dateline("The minister — who spoke on Monday — said no.") is None
    assert dateline("A rally in the capital drew thousands.") is None


def test_a_reprinted_wire_dateline_may_set_a_comma_before_the_agency() -> None:
    found = dateline("PORT ELLIS, Ruritania, March 2, (AP): The council voted late on Saturday.")
    assert found is not None
    assert (found.place, found.region, found.day, found.agency) == (
        "PORT ELLIS",
        "Ruritania",
        "March 2",
        "AP",
    )
    found = dateline("CARROW, (AFP) – Three people were hurt.")
    assert found is not None and (found.place, found.agency) == ("CARROW", "AFP")
    assert dateline("Jane Roe, (Northland) - said no.") is None  # no agency's credit


@pytest.mark.parametrize(
    ("paragraph", "agency"),
    [
        ("CARROW (AP, AFP) - Two envoys met the general on Friday.", "AP, AFP"),  # merged
        ("CARROW, (XYZ/AFP) \u2013 Three people were hurt.", "XYZ/AFP"),  # a reprinting paper
        ("CARROW (Acme Corp, Ruritania) - Three people were hurt.", None),  # no agency
    ],
)
def test_a_datelines_credit_may_list_an_agency_with_others(paragraph: str, agency: str) -> None:
    found = dateline(paragraph)
    assert found is not None and (found.place, found.agency) == ("CARROW", agency)


@pytest.mark.parametrize(
    ("paragraph", "place", "agency"),
    [
        # a day before its month, in capitals, and a paper's name as the credit
        (
            "PORT ELLIS, 06 AUGUST 2018 (THE DAILY PLANET) \u2013 Two died.",
            "PORT ELLIS",
            "THE DAILY PLANET",
        ),
        ("Carrow (AFP) \u2013", "Carrow", "AFP"),  # a credited dateline set alone
        ("[Ruritania], Dec 17 (AP): The two countries agreed.", None, "AP"),  # country in brackets
    ],
)
def test_more_dateline_credit_forms(paragraph: str, place: str | None, agency: str) -> None:
    found = dateline(paragraph)
    assert found is not None and (found.place, found.agency) == (place, agency)


def test_a_line_alone_is_a_dateline_only_with_its_credit() -> None:
    assert dateline("UPDATE -") is None
    assert dateline("CARROW (Ruritania Today) -") is not None


def test_a_credited_dateline_set_alone_credits_the_story() -> None:
    text = f"Floods hit Port Ellis\n\nCarrow (AFP) \u2013\n\n{BODY}"
    (article,), _ = parse(text, "a.txt")
    assert (article.dateline, article.outlet) == ("Carrow", "AFP")


def test_a_wrapped_lead_opening_with_a_dateline_is_no_subheading() -> None:
    text = (
        "Floods hit Port Ellis\n\nPORT ELLIS, (XYZ/AFP) \u2013 The militants killed three\n"
        "police officers in an attack on a police station on Monday, officials said.\n"
        "A suicide car bomber and a gunman also died, as did two civilians,\n"
        "apparently shot by police responding to the attack on the station.\n"
    )
    (article,), _ = parse(text, "a.txt")
    assert article.paragraphs[0].kind == "text"
    assert (article.dateline, article.outlet) == ("PORT ELLIS", "XYZ/AFP")


def test_credit_lines_name_the_outlet() -> None:
    assert source_line("/ Source: The Associated Press") == "The Associated Press"
    assert source_line("Source: sportingnews.com") == "sportingnews.com"
    assert source_line("REUTERS") == "Reuters"
    assert agency_credit("— AFP") == "AFP"
    assert agency_credit("WORLD") is None


def test_a_crawler_date_stamp_dates_the_article_and_is_not_its_title() -> None:
    text = (
        " date 2023-06-19 Minister meets envoy in the capital\n\n"
        "The foreign minister met the envoy on Monday to discuss trade and security "
        "between the two countries, officials said after the meeting ended.\n"
    )
    (article,), _ = parse(text, "a.txt")
    assert article.date is not None and article.date.value == "2023-06-19"
    assert article.title == "Minister meets envoy in the capital"


def test_wire_copy_gets_its_agency_dateline_and_date() -> None:
    text = (
        "Floods force thousands from homes\n\n"
        "LONDON, Jan. 7, 2019 (Xinhua) -- About 71,000 people have been "
        "evacuated from their homes amid the worst flood in 50 years, officials said.\n\n"
        "Rains swelled the river and its tributaries, threatening towns downstream.\n"
    )
    (article,), _ = parse(text, "w.txt")
    assert article.title == "Floods force thousands from homes"
    assert article.outlet == "Xinhua"
    assert article.dateline == "LONDON"
    assert article.date is not None and article.date.value == "2019-01-07"


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("\u00a9 2019 The Daily Planet", "2019-01-07"),
        ("Rescuers in Port Ellis on Jan. 6, 2019. (Jane Roe/Example Wire)", "2019-01-07"),
        ("Rescuers in Port Ellis. (Jane Roe/Example Wire)", None),
    ],
)
def test_a_dateline_day_without_its_year_takes_the_year_the_page_stamps(
    stamp: str, date: str | None
) -> None:
    """ "PORT ELLIS, Jan. 7 (Agency) --" gives a day; the page's © line or the full date of
    its day's picture gives the year. Without either, no date."""
    text = (
        f"Floods force thousands from homes\n\n{stamp}\n\n"
        "PORT ELLIS, Jan. 7 (Xinhua) -- About 71,000 people have been "
        "evacuated from their homes amid the worst flood in 50 years, officials said.\n\n"
        "Rains swelled the river and its tributaries, threatening towns downstream.\n"
    )
    (article,), _ = parse(text, "w.txt")
    assert (article.date.value if article.date else None) == date


@pytest.mark.parametrize(
    ("sentence", "date"),
    [
        ("The river first rose on January 3, 2019, officials said.", "2019-01-07"),
        ("The dam was finished in January 2019.", "2019-01-07"),
        # the day in the latest date's year would come before that date: no year is safe
        ("The river last flooded on March 12, 2019, officials said.", None),
        ("The river has flooded twice since 2011.", None),  # a bare year dates nothing
    ],
)
def test_a_dateline_day_takes_the_year_of_the_latest_date_the_text_states(
    sentence: str, date: str | None
) -> None:
    text = (
        "Floods force thousands from homes\n\n"
        "PORT ELLIS, Jan. 7 (Xinhua) -- About 71,000 people have been "
        "evacuated from their homes amid the worst flood in 50 years, officials said.\n\n"
        f"Rains swelled the river and its tributaries. {sentence}\n"
    )
    (article,), _ = parse(text, "w.txt")
    assert (article.date.value if article.date else None) == date


def test_an_undated_article_gets_an_estimate_never_a_publication_date() -> None:
    text = (
        "Court rules on appeal\n\nThe court heard the case on March 3, 2021 and ruled "
        "on April 9, 2021, lawyers for both sides said on Tuesday.\n"
    )
    (article,), _ = parse(text, "u.txt")
    assert article.date is None
    assert article.estimated_date is not None
    assert article.estimated_date.value == "2021-04-09"


def test_a_quote_speaker_is_never_a_name_inside_an_apposition() -> None:
    quotes = _extract(
        "“The court has been clear about this case,” Jane Roe, a professor "
        "at Northfield Law School, said on Monday."
    ).quotes
    said = {q.text[:10]: q.speaker_text for q in quotes}
    assert said["The court "] == "Jane Roe"


def _said(paragraphs: list[str], width: int) -> dict[str, str]:
    """Each quote's first ``width`` characters -> its speaker, from a model extraction."""
    article = Article("a", "T", [Paragraph(i, p) for i, p in enumerate(paragraphs, 1)], ["a"])
    quotes = load_extractor("model").extract(article).quotes
    return {q.text[:width]: q.speaker_text for q in quotes}


def test_an_unattributed_quote_continues_the_speaker_before_it() -> None:
    paragraphs = [
        "“We will reopen the port within a week,” Jane Roe told reporters on Monday. "
        "“The cranes are already being repaired by the crews.”",
        "“Shipping lines have been told to expect delays until the end of the month.”",
        "The harbour was busy on Tuesday.",
        "“Nobody has said when the ferries will be back on their normal routes.”",
    ]
    said = _said(paragraphs, 14)
    assert said["We will reopen"] == "Jane Roe"
    assert said["The cranes are"] == "Jane Roe"  # same paragraph, after an attributed one
    assert said["Shipping lines"] == "Jane Roe"  # a paragraph of its own, right after
    assert said["Nobody has sai"] == ""  # a paragraph of narration came between


def test_the_speech_verb_of_the_quotes_own_sentence_comes_first() -> None:
    said = _said(
        [
            "Jane Roe said during the campaign that the city has “bigger problems than John "
            "Doe” and that as mayor she would “fix the roads first” in every district. She "
            "said she would work with Mary Major, something the council has refused to do.",
            "In 2016, Anna Berg ordered a withdrawal from the port, saying “all the tasks "
            "have been accomplished.” In January, Peter Jones said the ships were leaving.",
        ],
        14,
    )
    assert said["bigger problem"] == "Jane Roe"
    assert said["fix the roads "] == "Jane Roe"  # not "she said" in the next sentence
    assert said["all the tasks "] == "Anna Berg"  # "saying": the subject of "ordered"


def test_a_verb_that_only_continues_is_no_speech() -> None:
    said = _said(
        [
            "Northland, meanwhile, continues to escalate its campaign against the "
            "“unfair fishing quotas” of its neighbours.",
        ],
        14,
    )
    assert said["unfair fishing"] == ""  # nobody speaks: "continues to" is no speech


def test_he_said_is_who_the_sentences_before_were_about() -> None:
    paragraphs = [
        "Mary Smith, who replaces John Doe as chief executive in May, is confident the "
        "airline can do better. “We expect earnings to keep growing next year,” she said.",
        "The minister’s widow, Anna Berg, was in Paris with Peter Jones when the news came.",
        "“I did not believe it when I was told about the crash,” she told reporters.",
    ]
    said = _said(paragraphs, 14)
    assert said["We expect earn"] == "Mary Smith"  # not John Doe, named last
    assert said["I did not beli"] == "Anna Berg"  # not Peter Jones, named last


def test_an_office_as_subject_is_the_person_who_holds_it() -> None:
    paragraphs = [
        "Northland Foreign Minister Jane Roe met the Southland Agency chief, John Doe.",
        "The Northland foreign minister said the talks had been “open and very useful "
        "for both sides.”",
        "The Southland Agency's director said the deal was “a good day for the region.”",
        "The leader of the Progress Party, Mary Major, said: “We will vote against the "
        "deal next week.”",
    ]
    said = _said(paragraphs, 14)
    assert said["open and very "] == "Jane Roe"
    assert said["a good day for"] == ""  # no one was named as director: not the agency
    assert said["We will vote a"] == "Mary Major"  # not the party


def test_a_headline_printed_twice_is_the_title_over_a_label_above_it() -> None:
    text = (
        "World News Today\n\nFloods force thousands from their homes\n\n"
        "Rescue workers carry a child through the water. Picture: Jo Roe / Agency\n\n"
        "Floods force thousands from their homes\n\n"
        "About 71,000 people have been evacuated from their homes amid the worst flood "
        "in 50 years, officials said on Tuesday as the river kept rising.\n"
    )
    (article,), _ = parse(text, "twice.txt")
    assert article.title == "Floods force thousands from their homes"
    assert all("Floods force" not in p.text for p in article.paragraphs)


def test_generic_acronyms_name_no_one() -> None:
    text = "An NGO in Lagos said the LGA results were late, and the CEO of Acme Holdings agreed."
    names = {m.text for m in _extract(text).mentions}
    assert not names & {"NGO", "LGA", "CEO"}
    assert "Lagos" in names


# --- page furniture, credits and headers of real pages (invented text) -----------------------

BODY = (
    "Thousands of people fled their homes in Port Ellis on Monday after the river burst "
    "its banks, officials said, and more rain is expected through the week.\n\n"
    "The army has sent boats to help with rescues in the town and nearby villages, and "
    "shelters have opened in schools across the northern districts of Northland.\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "Home / World",
        "Home>> World",
        "News › Africa › Northland",
        "Accessibility links",
        "Skip to main content",
        "Tag Archives: Northland",
        "Category Archives: World",
        "Breaking News",
        "Internet Explorer is not supported. Please open this page in another browser.",
        "• Share",
        "Sign in",
        "We use cookies to give you the best experience on our site.",
        "5 min read",
        "Listen to this article",
        "This article is more than 5 years old",
    ],
)
def test_navigation_notices_and_labels_are_furniture(line: str) -> None:
    assert classify(line) is Kind.DROP


@pytest.mark.parametrize(
    "line",
    [
        "Voters queue at a polling station in Port Ellis on Sunday. | EXAMPLE-WIRE",
        "Jane Roe arrives at the court. Picture: John Doe",
        "Image caption, Voters queue in Port Ellis",
    ],
)
def test_captions_with_a_labelled_or_barred_credit(line: str) -> None:
    assert classify(line) is Kind.CAPTION


def test_a_dash_credit_is_not_a_caption_and_names_the_agency_at_the_end() -> None:
    assert classify("The ministry said more boats would come. — AFP") is Kind.TEXT
    text = "Floods hit Port Ellis\n\n" + BODY + "\nMore rain is due, the ministry said. — AFP\n"
    (article,), _ = parse(text, "a.txt")
    assert article.outlet == "AFP"
    assert article.paragraphs[-1].text.endswith("— AFP")  # not cut as a trailing link


def test_a_source_line_in_parentheses_names_the_outlet() -> None:
    assert source_line("(Source: Example News)") == "Example News"


def test_a_byline_names_the_outlet_after_a_bar_or_for() -> None:
    for byline in (
        "By Jane Roe | The Daily Example",
        "By Jane Roe for The Daily Example",
        "By Jane Roe, The Daily Example, Port Ellis",  # the masthead, then where she files
        "April 23, 2013 Jane Roe for The Daily Example",  # a date line that signs
    ):
        (article,), _ = parse(f"Floods hit Port Ellis\n\n{byline}\n\n{BODY}", "a.txt")
        assert article.outlet == "The Daily Example"
        assert article.authors == ([] if byline.startswith("April") else ["Jane Roe"])


def test_an_agency_that_signs_the_date_line_or_the_lead_is_the_outlet() -> None:
    assert metadata_date("Published on 17.03.2019 at 21h54 by AFP") == ("17.03.2019", "AFP")
    assert metadata_date("2019-11-05 by Jane Roe") == ("2019-11-05", None)  # a person signs
    assert lead_credit("By Reuters CARROW - The council voted on Monday.") == "Reuters"
    assert lead_credit("By Jane Roe CARROW - The council voted on Monday.") is None


def test_a_paper_that_signs_its_byline_is_the_outlet_not_an_author() -> None:
    text = f"Floods hit Port Ellis\n\nBy The Northland Times\n\n{BODY}Rain fell. (AP)\n"
    (article,), _ = parse(text, "a.txt")
    assert (article.authors, article.outlet) == ([], "The Northland Times")


@pytest.mark.parametrize(
    ("line", "date", "outlet"),
    [
        ("2025-10-13T10:00:00Z", "2025-10-13", None),
        ("Posted on 10/13/2025", "2025-10-13", None),
        ("Date: 13/10/2025 10:00", "2025-10-13", None),
        ("2019/06/19", "2019-06-19", None),
        ("October 13, 2025 / 10:00 AM / Updated 5 years ago", "2025-10-13", None),
        ("Published: 10:39 AM ET, Monday, Feb 4, 2019", "2019-02-04", None),
        ("Jane Roe | October 13, 2025", "2025-10-13", None),  # a byline, not a masthead
        ("13 October 2025 | Example News", "2025-10-13", "Example News"),
    ],
)
def test_more_date_lines(line: str, date: str, outlet: str | None) -> None:
    found = metadata_date(line)
    assert found is not None and normalise_date(found[0]) == date and found[1] == outlet


def test_a_date_in_figures_that_could_be_either_order_is_no_date() -> None:
    assert metadata_date("03/04/2025") is None
    assert numeric_date("03/04/2025") is None


def test_title_case_datelines_with_an_agency_and_agency_only_datelines() -> None:
    found = dateline("Port Ellis, Northland (AFP) - The toll rose on Monday.")
    assert found is not None and (found.place, found.region, found.agency) == (
        "Port Ellis",
        "Northland",
        "AFP",
    )
    assert dateline("Jane Roe (Northland) - said no.") is None  # no agency's credit
    found = dateline("(Reuters) - The toll rose on Monday.")
    assert found is not None and (found.place, found.agency) == (None, "Reuters")


def test_a_short_line_in_the_body_never_splits_an_article() -> None:
    text = (BODY + "\nNorthland Daily\n\n" + BODY).replace("Thousands", "Many", 1)
    articles, _ = parse(text, "a.txt")
    assert len(articles) == 1


@pytest.mark.parametrize(
    "header",
    [
        "Middle East\n\nFloods force thousands from their homes in Port Ellis\n\n",
        "EN FR ES\n\nFloods force thousands from their homes in Port Ellis\n\n13 October 2025\n\n",
        "Home / World\n\nFloods force thousands from their homes in Port Ellis\n\n",
        "1. Skip to content\n  2. Skip to main menu\n\n"
        "Floods force thousands from their homes in Port Ellis\n\n",
    ],
)
def test_the_headline_under_a_label_or_menu_is_the_title(header: str) -> None:
    (article,), _ = parse(header + BODY, "a.txt")
    assert article.title == "Floods force thousands from their homes in Port Ellis"


@pytest.mark.parametrize(
    "header",
    [
        "The Northland Herald\n\nFloods force thousands from their homes in Port Ellis\n\n",
        "Floods force thousands from their homes in Port Ellis \u2013 The Northland Herald\n\n",
        "Floods force thousands from their homes in Port Ellis | The Northland Herald\n\n",
    ],
)
def test_the_site_name_over_or_after_the_headline_is_the_outlet(header: str) -> None:
    (article,), _ = parse(header + BODY, "a.txt")
    assert article.title == "Floods force thousands from their homes in Port Ellis"
    assert article.outlet == "The Northland Herald"


def test_a_headline_ending_in_other_words_keeps_them() -> None:
    (article,), _ = parse("Floods in Port Ellis \u2013 what we know so far\n\n" + BODY, "a.txt")
    assert article.title == "Floods in Port Ellis \u2013 what we know so far"


def test_a_section_label_is_no_masthead() -> None:
    assert is_masthead("The Northland Herald") and is_masthead("NewsExample")
    assert not is_masthead("World News")


def test_only_a_caption_dated_with_its_weekday_dates_the_article() -> None:
    caption = "Rescuers search the rubble in Port Ellis on {}. (Jane Roe/Example Wire)"
    for day, dated in (("Tuesday, Nov. 21, 2017", True), ("June 22, 2022", False)):
        text = f"Quake hits Port Ellis\n\n{caption.format(day)}\n\n{BODY}"
        (article,), _ = parse(text, "a.txt")
        assert (article.date is not None) is dated


def test_a_copyright_owner_is_the_first_sentence_and_a_bare_address_a_url() -> None:
    footer = (
        "Copyright © 2025 Example Media Group. All Rights Reserved. This material may not "
        "be published, broadcast, rewritten or redistributed."
    )
    (article,), _ = parse(f"Floods hit Port Ellis\n\n{BODY}\n{footer}\n", "a.txt")
    assert article.outlet == "Example Media Group"
    assert classify("example.com") is Kind.URL
    assert classify("Example.com said") is Kind.TEXT


def test_an_undated_article_that_names_only_months_gets_a_month_estimate() -> None:
    text = (
        "Talks drag on\n\nThe war began in 2011. A jet was shot down in November 2015, "
        "and in September 2023 the envoys met again, officials said on Tuesday.\n"
    )
    (article,), _ = parse(text, "u.txt")
    assert article.date is None and article.estimated_date is not None
    assert (article.estimated_date.value, article.estimated_date.precision) == ("2023-09", "month")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        (
            "After the talks with Jane Roe, the foreign minister spent much of Tuesday on "
            "the phone with regional leaders.",
            "",  # a clause with a finite verb, not an apposition
        ),
        (
            "John Doe, a senior analyst at the Northland Institute of World Economy and "
            "International Relations and Strategic Studies of the Port Ellis Academy of "
            "Sciences and Letters, said so.",
            "",  # no end within reach: never a role cut mid-name
        ),
        (
            "Jane Roe, the newly elected mayor of Port Ellis, said so.",
            "the newly elected mayor of Port Ellis",
        ),
    ],
)
def test_an_apposition_role_is_a_whole_noun_phrase(text: str, role: str) -> None:
    found = {m.text: m.role for m in _extract(text).mentions if m.label == "PERSON"}
    assert found[next(iter(found))] == role, found


@pytest.mark.parametrize(
    ("text", "role"),
    [
        # a hyphened title is one word; the name's form of address is the name's
        (
            "The former Northland Governor-General Sir Jeremy Aldine opened the bridge.",
            "Northland Governor-General",
        ),
        ("Northland Prime Minister Sir Tom Alder said the talks would go on.", "Prime Minister"),
        ("The envoy met Foreign Minister H E Sheikh Tom Alder in Carrow.", "Foreign Minister"),
        # a sentence's first word opens the title only when it can be part of one
        ("Earlier Northland President Jane Roe spoke to the envoy by phone.", "President"),
        # a dateline's credit runs into the title: the title starts after it
        (
            "Carrow, Nov. 14 (Nord Press)–Northland Vice Foreign Minister Tom Alder met her.",
            "Northland Vice Foreign Minister",
        ),
    ],
)
def test_a_title_before_a_name_is_the_whole_office_alone(text: str, role: str) -> None:
    found = {m.text: m.role for m in _extract(text).mentions if m.label == "PERSON"}
    roles = [r for r in found.values() if r]
    assert roles and roles[0].endswith(role) and "Sir" not in roles[0], found
    assert not roles[0].startswith(("Earlier", "Press", ")")), found


@pytest.mark.parametrize("verb", ["asserted", "emphasised", "tweeted", "conceded", "urged"])
def test_news_attribution_verbs_name_the_speaker(verb: str) -> None:
    text = f"“The attacks on the embassy are unacceptable,” Jim Risch {verb} on Monday."
    (quote,) = _extract(text).quotes
    assert quote.speaker_text == "Jim Risch", (verb, quote)


@pytest.mark.parametrize(
    ("header", "body_start", "outlet"),
    [
        # the site's name under the headline, over the text
        ("Floods hit Port Ellis\n\nPort Ellis News\n\n", "", "Port Ellis News"),
        # a byline without "By", and one whose space after "By" a scrape lost
        ("Floods hit Port Ellis\n\nJane Roe, The Daily Example\n\n", "", "The Daily Example"),
        (
            "Floods hit Port Ellis\n\nByJane Roe and John Doe, ENN, ENN Wire\n\n",
            "",
            "ENN, ENN Wire",
        ),
        # a web outlet's credit opening the text
        ("Floods hit Port Ellis\n\n", "NewsExample - ", "NewsExample"),
        ("Floods hit Port Ellis\n\n", "Example.com -- ", "Example.com"),
        # title-case datelines as agencies' web copy prints them
        ("Floods hit Port Ellis\n\n", "Port Ellis, Nov 10 (EFE).- ", "EFE"),
        ("Floods hit Port Ellis\n\n", "Carrow/Alta, 7 December 2023 (dpa/XYZ) - ", "dpa/XYZ"),
        # a syndication credit and a date line that names the agency before a second date
        ("Floods hit Port Ellis\n\nRead the full article on Mongoose\n\n", "", "Mongoose"),
        (
            "Floods hit Port Ellis\n\nPTI | Port Ellis | Updated: 19-02-2021 22:26 IST | "
            "Created: 19-02-2021 22:23 IST\n\n",
            "",
            "PTI",
        ),
    ],
)
def test_more_places_where_a_page_names_its_outlet(
    header: str, body_start: str, outlet: str
) -> None:
    (article,), _ = parse(header + body_start + BODY, "a.txt")
    assert article.outlet == outlet
    assert article.title == "Floods hit Port Ellis"


@pytest.mark.parametrize(
    ("body", "outlet"),
    [
        # an outlet that speaks of itself, or is asked for comment
        ("Example News understands that the dam will hold.\n\n", "Example News"),
        ("The ministry did not respond to NBX's request for comment.\n\n", "NBX"),
        # an agency told things twice; once could be another outlet's interview
        ("A witness told AFP the water rose.\n\nA farmer told AFP by phone it rose.\n\n", "AFP"),
        ("A witness told AFP the water rose.\n\n", None),
        # not outlets: a body, a person, the police
        ("The minister told Parliament on Monday that it rose.\n\n", None),
        ("Police reported that the water rose.\n\n", None),
        ("A witness told Jane Roe that it rose.\n\nA farmer told Jane Roe so.\n\n", None),
    ],
)
def test_the_text_names_the_outlet_it_reports_for(body: str, outlet: str | None) -> None:
    (article,), _ = parse("Floods hit Port Ellis\n\n" + BODY + body, "a.txt")
    assert article.outlet == outlet


@pytest.mark.parametrize(
    ("paragraph", "place"),
    [
        ("PORT ELLIS \u2022 Island leaders agreed on Monday to meet again.", "PORT ELLIS"),
        ("CARROW, April 26 The prime minister spoke to the king on Monday.", "CARROW"),
    ],
)
def test_datelines_with_a_bullet_or_no_mark_after_their_day(paragraph: str, place: str) -> None:
    found = dateline(paragraph)
    assert found is not None and found.place == place


def test_a_capitalised_word_and_a_number_is_no_dateline() -> None:
    assert dateline("NATO 2024 summit ends with a pledge.") is None


@pytest.mark.parametrize(
    "header",
    [
        " date 2025-05-26 Nation & World News\nThousands flee floods in Port Ellis\n\n",
        "Filtered By: Topstories\nNews\n\nThousands flee floods in Port Ellis\n\n",
        "FYI.\n\nThis story is over 5 years old.\n\nNews\n\n"
        "Thousands flee floods in Port Ellis\n\n",
    ],
)
def test_the_headline_is_the_header_line_that_names_the_leads_subject(header: str) -> None:
    (article,), _ = parse(header + BODY, "a.txt")
    assert article.title == "Thousands flee floods in Port Ellis"
    assert article.paragraphs[0].text.startswith("Thousands of people fled")


def test_one_shared_word_makes_the_headline_only_when_it_is_a_name_in_both() -> None:
    text = "Our digest for the weekend\n\nNotes on the river and more\n\n" + BODY
    (article,), _ = parse(text, "a.txt")
    assert article.title == "Our digest for the weekend"  # "river": a word, not a name
    text = "Our digest for the weekend\n\nEllis mayor speaks out tonight\n\n" + BODY
    (article,), _ = parse(text, "a.txt")
    assert article.title == "Ellis mayor speaks out tonight"


def test_a_headline_sharing_no_word_with_its_lead_stays_the_title() -> None:
    text = "A river runs through it\n\nThe week in pictures\n\n" + BODY
    (article,), _ = parse(text, "a.txt")
    assert article.title == "A river runs through it"


def test_a_label_over_the_headline_is_not_the_title() -> None:
    (article,), _ = parse("Posts:\n\nFloods hit Port Ellis\n\n" + BODY, "a.txt")
    assert article.title == "Floods hit Port Ellis"


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Illustration: Jane Roe/Example Daily", "Example Daily"),
        ("Jane Roe/The Northland Herald/AFP", "The Northland Herald"),
        ("The mayor visits the shelter in Port Ellis (AP)", "AP"),
        ("Rescuers search the river bank. (Xinhua/Jane Roe)", "Xinhua"),
        ("Photo: Jane Roe/Getty Images", None),  # a picture library
        ("Jane Roe/John Doe", None),  # two photographers
        ("Photo: Northland Ministry of Health", None),  # a handout
        ("Turnout rose in the north (46.7%)", None),
    ],
)
def test_a_pictures_credit_names_an_outlet_or_agency(line: str, outlet: str | None) -> None:
    assert picture_credit(line) == outlet


def test_a_picture_credit_is_the_last_resort_for_the_outlet_and_never_the_title() -> None:
    text = "Photo: Jane Roe/Example Daily\n\nFloods hit Port Ellis\n\n" + BODY
    (article,), _ = parse(text, "a.txt")
    assert (article.title, article.outlet) == ("Floods hit Port Ellis", "Example Daily")
    (article,), _ = parse(text + "\nSource: Northland Wire\n", "a.txt")
    assert article.outlet == "Northland Wire"


@pytest.mark.parametrize(
    "name",
    ["The Northland Star", "Port Ellis Sun", "The Carrow Nation", "Ruritania Today",
     "Voice of Ruritania", "Acme Insider", "Northland Broadcasting Corporation",
     "Carrow News Channel", "The Port Ellis Citizen", "Acme Magazine"],
)  # fmt: skip
def test_more_masthead_words(name: str) -> None:
    assert is_masthead(name)
    assert not is_masthead("Sport Today")  # a section label is never a masthead
