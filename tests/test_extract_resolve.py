"""Extraction and resolution on short sentences the seeds do not contain."""

from __future__ import annotations

import pytest

from builder.extract import load_extractor
from builder.gazetteer import Gazetteer
from builder.model import Article, Paragraph
from builder.resolve import person_name, resolve, same_person


def _article(*paragraphs: str, article_id: str = "a") -> Article:
    return Article(
        id=article_id,
        title="Test",
        paragraphs=[Paragraph(i, text) for i, text in enumerate(paragraphs, 1)],
        sources=["test.txt"],
    )


@pytest.fixture(scope="module")
def extractor():
    return load_extractor("model")


def _labels(extractor, text: str) -> dict[str, tuple[str, str]]:
    result = extractor.extract(_article(text))
    return {m.text: (m.label, m.canonical) for m in result.mentions}


def test_demonym_counts_for_its_country(extractor) -> None:
    labels = _labels(extractor, "Norwegian officials met Maltese diplomats in Valletta.")
    assert labels["Norwegian"] == ("COUNTRY", "country:NO")
    assert labels["Maltese"] == ("COUNTRY", "country:MT")
    assert labels["Valletta"][0] == "PLACE"


def test_capital_acting_is_its_country_but_a_capital_as_location_is_a_city(extractor) -> None:
    acting = _labels(extractor, "Oslo said on Monday that the talks had failed.")
    assert acting["Oslo"] == ("COUNTRY", "country:NO")
    located = _labels(extractor, "The delegates arrived in Oslo on Monday for the talks.")
    assert located["Oslo"][0] == "PLACE"


def test_city_names_inside_person_names_stay_people(extractor) -> None:
    labels = _labels(extractor, "Vladimir Smirnov and George W. Bush spoke with Hassan Diab.")
    assert labels.get("Vladimir Smirnov", ("",))[0] == "PERSON"
    assert labels.get("George W. Bush", ("",))[0] == "PERSON"
    assert "Vladimir" not in labels and "George" not in labels


def test_role_from_title_and_apposition(extractor) -> None:
    result = extractor.extract(
        _article(
            "Norwegian Prime Minister Jonas Gahr Store arrived on Monday.",
            "“We will keep talking,” said Anna Berg, a senior analyst at the Nordic Institute.",
        )
    )
    roles = {m.text: m.role for m in result.mentions if m.label == "PERSON"}
    assert "Prime Minister" in roles["Jonas Gahr Store"]
    assert "analyst" in roles["Anna Berg"]
    assert result.quotes[0].speaker_text == "Anna Berg"


def test_person_names_parse_titles_particles_and_suffixes() -> None:
    assert person_name("President Hafez al-Hakim") == person_name("Hafez Hakim")
    junior = person_name("Donald Trump Jr.")
    assert junior is not None and junior.suffix == "jr"
    assert not same_person(junior, person_name("Donald Trump"))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Khalifa Haftar", "Khalifa Hifter", True),
        ("Tayyip Erdogan", "Recep Tayyip Erdogan", True),
        ("Recep Tayyib Erdogan", "Recep Tayyip Erdogan", True),
        ("Abdel-Fattah El-Sisi", "Abdel Fatah al-Sissi", True),
        ("Bashar Assad", "Maher Assad", False),
        ("Vladimir Putin", "Vladimir Medinsky", False),
    ],
)
def test_same_person(a: str, b: str, same: bool) -> None:
    assert same_person(person_name(a), person_name(b)) is same


def test_resolution_merges_variants_and_keeps_people_apart(extractor) -> None:
    article = _article(
        "Omar al-Hakim met Donald Trump Jr. in Valletta on Monday.",
        "Hakim later said the meeting with Trump Jr. was useful. Omar Hakim flew home.",
        "Donald Trump did not attend. Trump was in Oslo.",
    )
    entities, _ = resolve([article], extractor.extract_many([article]), Gazetteer.load())
    people = {e.name: e for e in entities if e.kind == "person"}
    hakim = next(e for name, e in people.items() if "Hakim" in name)
    assert {"Hakim", "Omar Hakim"} <= {m.text for m in hakim.mentions}
    assert "Donald Trump" in people and any("Jr" in name for name in people)
    senior = people["Donald Trump"]
    assert {m.text for m in senior.mentions} == {"Donald Trump", "Trump"}
