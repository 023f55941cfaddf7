"""Extraction and resolution on short sentences the seeds do not contain."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.extract.extractor import load_extractor
from builder.gazetteer import Gazetteer
from builder.model import Article, Entity, Paragraph
from builder.resolve import resolve
from builder.resolve.names import person_name, same_person


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


def test_a_capital_is_its_city_acting_or_not(extractor) -> None:
    acting = _labels(extractor, "Oslo said on Monday that the talks had failed.")
    assert acting["Oslo"][0] == "PLACE" and acting["Oslo"][1].startswith("geonames:")
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


def test_a_players_position_before_a_name_is_no_part_of_it(extractor) -> None:
    labels = _labels(extractor, "Winger Tavita Molenaar scored twice on Saturday.")
    assert labels.get("Tavita Molenaar", ("",))[0] == "PERSON"
    assert "Winger Tavita Molenaar" not in labels


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


# Entity-kind rules -------------------------------------------------------------------


def _entities(extractor, *paragraphs: str) -> dict[str, str]:
    article = _article(*paragraphs)
    entities, _ = resolve([article], extractor.extract_many([article]), Gazetteer.load())
    return {e.name: e.kind for e in entities}


def _hand_made(text: str, *names: tuple[str, str]) -> dict[str, object]:
    """Resolve mentions labelled by hand, for rules about labels the model gives rarely."""
    from builder.model import ExtractedArticle, Mention

    article = _article(text)
    mentions = [
        Mention("a", 1, 0, text.index(name), text.index(name) + len(name), name, label)
        for name, label in names
    ]
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    return {e.name: e for e in entities}


def test_a_city_name_after_the_is_not_that_city() -> None:
    # GeoNames has a town called White House; "the White House" is not it.
    found = _hand_made("Officials said the White House would respond.", ("White House", "PLACE"))
    assert found["White House"].kind == "organization" and found["White House"].lat is None
    # Without the article the gazetteer's town stands.
    town = _hand_made("Residents of Springfield met.", ("Springfield", "PLACE"))
    assert town["Springfield"].kind == "place" and town["Springfield"].lat is not None


def test_a_sea_and_a_range_the_text_names_are_places_with_coordinates(extractor) -> None:
    text = "Migrants crossed the Aegean on Sunday while snow closed passes in the Alps."
    article = _article(text)
    entities, _ = resolve([article], extractor.extract_many([article]), Gazetteer.load())
    places = {e.name: e for e in entities if e.kind == "place"}
    assert places["Aegean Sea"].lat is not None and 36 < places["Aegean Sea"].lat < 41
    assert places["Alps"].lat is not None and 44 < places["Alps"].lat < 48


def test_an_island_is_placed_in_its_own_country(extractor) -> None:
    text = "Firefighters battled a blaze on Crete as ferries waited off the coast."
    article = _article(text)
    entities, _ = resolve([article], extractor.extract_many([article]), Gazetteer.load())
    crete = next(e for e in entities if e.name == "Crete")
    assert crete.kind == "place" and crete.lat is not None and 34 < crete.lat < 36


def test_a_city_whose_name_has_the_article_stays_a_city(extractor) -> None:
    kinds = _entities(extractor, "The court in The Hague ruled on Monday.")
    assert kinds.get("The Hague") == "place"


def test_a_name_ending_in_an_organisation_noun_is_an_organisation(extractor) -> None:
    kinds = _entities(
        extractor, "Anna Berg met Natalia Kuznetsova, a fellow at Sobel House in Geneva."
    )
    assert kinds.get("Sobel House") == "organization"
    # The model calls "Brennan House's" a person here; the last word decides.
    from spacy.tokens import Span

    doc = extractor.nlp("A fellow with Brennan House's Europe programme said so.")
    span = Span(doc, 3, 6, label="PERSON")
    assert span.text == "Brennan House's"
    assert extractor._classify(span) == ("ORG", "")
    assert extractor._classify(Span(doc, 3, 4, label="PERSON"))[0] == "PERSON"


def test_a_country_and_its_mission_or_presidency_are_one_organisation(extractor) -> None:
    kinds = _entities(
        extractor,
        "Rebels stormed the Maltese Embassy in Oslo and the Norwegian Embassy on Monday.",
        "The Maltese Presidency condemned the militants.",
    )
    assert kinds.get("Maltese Embassy") == "organization"
    assert kinds.get("Norwegian Embassy") == "organization"
    assert kinds.get("Maltese Presidency") == "organization"


def test_bodies_named_by_their_kind_after_a_country_are_organisations(extractor) -> None:
    kinds = _entities(
        extractor,
        "The Maltese Football Federation welcomed the ruling.",
        "Flights by Norwegian Airlines resumed on Monday.",
    )
    assert kinds.get("Maltese Football Federation") == "organization"
    assert kinds.get("Norwegian Airlines") == "organization"


def test_armed_groups_named_without_a_group_word_are_groups() -> None:
    text = "Hamas and the Houthis fired rockets; a Houthi spokesman spoke in Ramallah."
    found = _hand_made(
        text, ("Hamas", "PLACE"), ("Houthis", "PERSON"), ("Houthi", "ORG"), ("Ramallah", "PLACE")
    )
    assert found["Hamas"].kind == "group" and found["Hamas"].lat is None
    assert found["Houthis"].kind == "group" and "Houthi" in found["Houthis"].aliases
    assert found["Ramallah"].kind == "place"


def test_parties_named_without_a_party_word_are_organisations() -> None:
    text = "Fine Gael and Likud lost seats; Jane Roe of Fine Gael spoke in Cork."
    found = _hand_made(text, ("Fine Gael", "PERSON"), ("Likud", "PLACE"), ("Cork", "PLACE"))
    assert found["Fine Gael"].kind == "organization"
    assert found["Likud"].kind == "organization" and found["Likud"].lat is None
    assert found["Cork"].kind == "place"


def test_given_name_and_surname_labelled_organisation_is_a_person() -> None:
    found = _hand_made("Its head, Karim Haddad, resigned.", ("Karim Haddad", "ORG"))
    assert found["Karim Haddad"].kind == "person"
    # Two given names are a firm's founders, not one person: the label stands.
    firm = _hand_made("Bankers at Morgan Stanley agreed.", ("Morgan Stanley", "ORG"))
    assert firm["Morgan Stanley"].kind == "organization"
    # A given name then a common noun's plural is a club's town and nickname.
    club = _hand_made("Fans of Austin Falcons cheered.", ("Austin Falcons", "ORG"))
    assert club["Austin Falcons"].kind == "organization"


def test_a_lone_nickname_labelled_a_place_is_a_team() -> None:
    # The model reads a team's nickname as a place now and then; no gazetteer knows it.
    text = "The Pelicans scored first against the Hornets on Sunday."
    found = _hand_made(text, ("Pelicans", "PLACE"), ("Hornets", "PLACE"))
    assert found["Pelicans"].kind == "organization"
    assert found["Hornets"].kind == "organization"


def test_unknown_initials_the_model_calls_a_place_are_a_body(extractor) -> None:
    # Made-up initials in a place's slot: no gazetteer knows them, so they name a body
    # (a party, a laboratory), not a place; initials a gazetteer knows stay places.
    moved = _labels(extractor, "He moved from QRTX to London.")
    assert moved["QRTX"] == ("ORG", "")
    listed = _labels(extractor, "Parties from Turkey, UBQ and Greece met.")
    assert listed["UBQ"] == ("ORG", "")
    assert _labels(extractor, "He moved from LA to London.")["LA"][0] == "PLACE"


def test_former_states_are_countries(extractor) -> None:
    found = _hand_made("Before the Soviet Union collapsed.", ("Soviet Union", "PLACE"))
    assert found["Soviet Union"].kind == "country"
    kinds = _entities(
        extractor, "Historians in Prague recalled the day Czechoslovakia split up in 1993."
    )
    assert kinds.get("Czechoslovakia") == "country"
    assert Gazetteer.load().resolve("USSR").name == "Soviet Union"


def test_title_words_adjectives_doctrines_and_programmes_are_not_entities(extractor) -> None:
    kinds = _entities(
        extractor,
        "Defense Secretary Lloyd Austin said the troops would stay in Germany.",
        "Kurdish fighters and their Kurdish allies held the town.",
        "The talks covered federalism, Baathism and sovereignty, said Omar Haddad.",
        "Anna Berg, a fellow with the Europe and Eurasia program at a think tank, agreed.",
    )
    assert kinds.get("Lloyd Austin") == "person" and kinds.get("Omar Haddad") == "person"
    assert not {"Defense", "Kurdish", "Baathism", "Eurasia"} & set(kinds)


def test_a_name_headed_by_an_office_is_a_post_not_a_body(extractor) -> None:
    kinds = _entities(
        extractor,
        "The Minister of Trade and Industry met the Minister of Health in Valletta.",
        "The Foreign Ministry and General Motors welcomed the deal.",
    )
    assert not {"Minister of Trade and Industry", "Minister of Health"} & set(kinds)
    assert kinds.get("Foreign Ministry") == "organization"
    assert kinds.get("General Motors") == "organization"


def test_the_field_before_a_ministers_title_is_no_body(extractor) -> None:
    from spacy.tokens import Span

    # The model labels these words an organisation now and then; they name a post's field.
    doc = extractor.nlp("Maltese National Security Advisor Jane Roe met UN Secretary Omar Haddad.")
    field = Span(doc, 1, 3, label="ORG")  # "National Security"
    body = Span(doc, 7, 8, label="ORG")  # "UN"
    assert (field.text, body.text) == ("National Security", "UN")
    assert extractor._classify(field) == ("", "")
    assert extractor._classify(body)[0] == "ORG"


def test_a_body_named_with_its_owner_is_two_names(extractor) -> None:
    from spacy.tokens import Span

    texts = {
        m.text: m.label
        for m in extractor.extract(
            _article("She heads Zubrava’s Environmental Protection Department now.")
        ).mentions
    }
    assert texts.get("Environmental Protection Department") == "ORG"
    doc = extractor.nlp("He went to the Carrow Senate’s Annex IV and the Workers’ Party office.")
    owner = extractor._possessor_split(Span(doc, 3, 9, label="ORG"))
    assert [s.text for s in owner] == ["the Carrow Senate"]  # Annex IV: a building
    party = Span(doc, 11, 14, label="ORG")
    assert party.text == "Workers’ Party"
    assert extractor._possessor_split(party) == [party]  # the owner is a common noun
    doc = extractor.nlp("She appeared in Carrow Magistrates’ Court on Monday.")
    court = Span(doc, 3, 7, label="ORG")
    assert court.text == "Carrow Magistrates’ Court"
    assert extractor._possessor_split(court) == [court]  # a plural owner is the name's own


def test_a_bodys_name_runs_on_over_a_glued_hyphen(extractor) -> None:
    from spacy.tokens import Span

    from builder.extract.extractor import _hyphened_names

    # The model ends a party's name at the hyphen of its wing: "ACP" for "ACP-Q".
    doc = extractor.nlp("The ACP-Q and the Carrow League-Nawaz met at the EU-Ruritania summit.")
    spans = [Span(doc, 1, 2, label="ORG"), Span(doc, 6, 8, label="ORG")]
    spans.append(Span(doc, 13, 14, label="ORG"))
    assert [s.text for s in spans] == ["ACP", "Carrow League", "EU"]
    doc.ents = [Span(doc, 15, 16, label="GPE")]  # the model's reading of "Ruritania"
    named = [s.text for s in _hyphened_names(spans)]
    assert named == ["ACP-Q", "Carrow League-Nawaz", "EU"]  # Ruritania: a place
    # Before a lower-case noun, initials and a word joined are two bodies and their pact.
    doc = extractor.nlp("The ACP-Zubrist coalition and the ACP-Zubrist met.")
    spans = [Span(doc, 1, 2, label="ORG"), Span(doc, 7, 8, label="ORG")]
    assert [s.text for s in _hyphened_names(spans)] == ["ACP", "ACP-Zubrist"]


def test_a_name_after_an_areas_kind_and_of_is_that_place(extractor) -> None:
    from spacy.tokens import Span

    # The model reads an unknown village's name as a person, a body or a people now and then.
    doc = extractor.nlp("Troops shelled the village of Mbaroke and the town of Kelundu.")
    assert (doc[5].text, doc[10].text) == ("Mbaroke", "Kelundu")
    assert extractor._classify(Span(doc, 5, 6, label="ORG")) == ("PLACE", "")
    assert extractor._classify(Span(doc, 10, 11, label="PERSON")) == ("PLACE", "")
    assert extractor._classify(Span(doc, 5, 6, label="NORP")) == ("PLACE", "")
    # Not a name after a capitalised kind, which may begin a body's name.
    doc = extractor.nlp("Officials of the City of Carrow Trust met Acme.")
    body = Span(doc, 5, 7, label="ORG")
    assert body.text == "Carrow Trust"
    assert extractor._classify(body)[0] == "ORG"


def test_a_storm_is_not_a_person(extractor) -> None:
    kinds = _entities(
        extractor, "Cyclone Zola struck Valletta on Monday, and Typhoon Marek followed."
    )
    assert not {"Cyclone Zola", "Typhoon Marek", "Zola", "Marek"} & set(kinds)


def test_plural_common_nouns_are_not_names(extractor) -> None:
    kinds = _entities(
        extractor, "In the contest of Emperors vs. Pharaohs, the Pharaohs won, said Lena Ortiz."
    )
    assert kinds.get("Lena Ortiz") == "person"
    assert "person" not in {kinds.get("Pharaohs"), kinds.get("Emperors")}
    found = _hand_made("Czars and Sultans met.", ("Czars", "ORG"), ("Sultans", "PERSON"))
    assert not found


def test_a_name_after_an_office_labelled_organisation_is_a_person() -> None:
    found = _hand_made(
        "Deputy Minister Dipuo Letsatsi-Mbeki spoke.", ("Dipuo Letsatsi-Mbeki", "ORG")
    )
    assert found["Dipuo Letsatsi-Mbeki"].kind == "person"
    # No office before it: the model's label stands for a name of unknown given names
    firm = _hand_made("Shares of Ajuri Ngolo rose.", ("Ajuri Ngolo", "ORG"))
    assert firm["Ajuri Ngolo"].kind == "organization"


def test_a_name_listed_among_people_labelled_organisation_is_a_person() -> None:
    text = "The squad named Tomas Verin, Ndoruba Okwarin and Lusa Mbeko for the final."
    found = _hand_made(
        text, ("Tomas Verin", "PERSON"), ("Ndoruba Okwarin", "ORG"), ("Lusa Mbeko", "PERSON")
    )
    assert found["Ndoruba Okwarin"].kind == "person"
    # "and" alone makes a list: "Tomas Verin (6) and Ndoruba Okwarin (7)"
    pair = _hand_made(
        "Tomas Verin (6) and Ndoruba Okwarin (7) held on.",
        ("Tomas Verin", "PERSON"),
        ("Ndoruba Okwarin", "ORG"),
    )
    assert pair["Ndoruba Okwarin"].kind == "person"
    # A comma alone sets off an apposition, not a list: the model's label stands
    apposed = _hand_made(
        "The head of the Ajuri Ngolo, Tomas Verin, resigned.",
        ("Ajuri Ngolo", "ORG"),
        ("Tomas Verin", "PERSON"),
    )
    assert apposed["Ajuri Ngolo"].kind == "organization"


def test_a_title_after_the_noun_for_its_kind_is_no_actor() -> None:
    found = _hand_made(
        "Jane Roe won a prize for her short film Northern Glass, and Acme bought it.",
        ("Northern Glass", "ORG"),
        ("Acme", "ORG"),
    )
    assert "Northern Glass" not in found
    assert found["Acme"].kind == "organization"
    quoted = _hand_made("Regulators cleared the drug “Alteva” on Monday.", ("Alteva", "ORG"))
    assert not quoted
    # "to book" is a verb: the name after it stands
    booked = _hand_made("Travellers rushed to book Velmar Air seats.", ("Velmar Air", "ORG"))
    assert booked["Velmar Air"].kind == "organization"


def test_a_name_before_of_and_a_bodys_initials_is_a_member() -> None:
    found = _hand_made(
        "The court dismissed the appeal by Ndoruba Okwarin of the ACP.",
        ("Ndoruba Okwarin", "ORG"),
        ("ACP", "ORG"),
    )
    assert found["Ndoruba Okwarin"].kind == "person"
    assert found["ACP"].kind == "organization"


def test_a_lone_first_word_of_a_surname_first_name_is_that_person() -> None:
    text = "Foreign Minister Li Peng met Jane Roe. Li said the talks went well."
    second = text.rindex("Li ")
    from builder.model import ExtractedArticle, Mention

    mentions = [
        Mention("a", 1, 0, text.index("Li Peng"), text.index("Li Peng") + 7, "Li Peng", "PERSON"),
        Mention("a", 1, 1, second, second + 2, "Li", "ORG"),
    ]
    entities, _ = resolve(
        [_article(text)], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load()
    )
    (person,) = [e for e in entities if e.kind == "person"]
    assert person.name == "Li Peng" and len(person.mentions) == 2
    assert not [e for e in entities if e.kind == "organization"]


def test_a_company_the_model_calls_a_person_keeps_its_own_name() -> None:
    text = "Acme KGaA made a bid. Acme raised it."
    from builder.model import ExtractedArticle, Mention

    mentions = [
        Mention("a", 1, 0, 0, 9, "Acme KGaA", "PERSON"),
        Mention("a", 1, 1, text.rindex("Acme"), text.rindex("Acme") + 4, "Acme", "ORG"),
    ]
    entities, _ = resolve(
        [_article(text)], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load()
    )
    assert {e.name: e.kind for e in entities}["Acme"] == "organization"


@pytest.mark.parametrize(
    ("name", "site", "area"),
    [
        ("State Farm Stadium", True, False),  # the kind ends the name
        ("Union Station", True, False),
        ("Supreme Court", False, False),
        ("Northfield District", False, True),
        ("Carrow Local Government Area", False, True),
        ("Northfield Improvement District", False, False),  # a body that runs an area
        ("Carrow School District", False, False),
        ("Rivers State", False, False),
    ],
)
def test_sites_and_areas_named_by_their_kind(name: str, site: bool, area: bool) -> None:
    from builder.text.sites import is_area_name, is_site_name

    gaz = Gazetteer.load()
    assert (is_site_name(name), is_area_name(name, gaz.is_common_word)) == (site, area)


def test_a_lone_noun_labelled_person_is_a_company() -> None:
    found = _hand_made("He said so in a statement on Twitter.", ("Twitter", "PERSON"))
    assert found["Twitter"].kind == "organization"
    # A lone word that is a given name stays a person.
    found = _hand_made("Later, Hazel said so.", ("Hazel", "PERSON"))
    assert found["Hazel"].kind == "person"
    # A word right after another capitalised word is the end of a split name.
    found = _hand_made("Its head, Omar Hijab, resigned.", ("Hijab", "PERSON"))
    assert found["Hijab"].kind == "person"


def test_a_short_organisation_name_joins_the_longer_name_it_begins(extractor) -> None:
    kinds = _entities(
        extractor,
        "Omar Haddad, a fellow at the Hudson Institute for Strategic Studies in Cairo, spoke.",
        "Haddad said the Hudson Institute had long argued for talks.",
    )
    assert kinds.get("Hudson Institute for Strategic Studies") == "organization"
    assert "Hudson Institute" not in kinds


def test_fighting_context_does_not_make_a_league_an_armed_group() -> None:
    found = _hand_made(
        "The Arab League condemned the militants and the rebels.", ("Arab League", "ORG")
    )
    assert found["Arab League"].kind == "organization"
    group = _hand_made("The Sawt Front fighters and militants attacked.", ("Sawt Front", "ORG"))
    assert group["Sawt Front"].kind == "group"


@given(
    a=st.text(alphabet="abcdeé -", max_size=14),
    b=st.text(alphabet="abcdeé -", max_size=14),
    cutoff=st.sampled_from([50.0, 75.0, 88.0, 95.0]),
)
def test_surname_lengths_skipped_cannot_reach_the_cutoff(a: str, b: str, cutoff: float) -> None:
    from rapidfuzz import fuzz

    from builder.resolve.index import ratio_lengths

    if fuzz.ratio(a, b) >= cutoff:
        assert len(b) in ratio_lengths(len(a), cutoff)


def test_a_lone_short_surname_one_letter_off_is_not_another_articles_person() -> None:
    from builder.model import ExtractedArticle, Mention

    def extracted(article_id: str, text: str, name: str) -> tuple[Article, ExtractedArticle]:
        start = text.index(name)
        mention = Mention(article_id, 1, 0, start, start + len(name), name, "PERSON")
        return _article(text, article_id=article_id), ExtractedArticle(
            article_id, [], [mention], []
        )

    pairs = [
        extracted("a", "Inspector Ravi Shah spoke on Monday.", "Ravi Shah"),
        extracted("b", "Shahi said the road was closed.", "Shahi"),
        extracted("c", "Rescuers found Zelenskyy near the road.", "Zelenskyy"),
        extracted("d", "Viktor Zelensky arrived on Friday.", "Viktor Zelensky"),
    ]
    entities, _ = resolve([a for a, _ in pairs], [e for _, e in pairs], Gazetteer.load())
    by_article = {a: {e.name for e in entities if a in e.articles} for a in "abcd"}
    # "Shahi" is another family than "Shah": a short surname must match exactly
    assert "Ravi Shah" not in by_article["b"]
    # a long one keeps its spelling variants across articles
    assert by_article["c"] == {"Viktor Zelensky"}


def test_a_title_and_first_name_is_the_person_of_the_article_with_that_name() -> None:
    text = "Prince Faisal called Jane Roe. Prince Faisal bin Farhan spoke later."
    found = _hand_made(text, ("Prince Faisal bin Farhan", "PERSON"), ("Prince Faisal", "PERSON"))
    assert [e.kind for e in found.values()] == ["person"]
    (person,) = found.values()
    assert len(person.mentions) == 2


def test_known_organisations_are_organisations_and_one_by_any_of_their_names(extractor) -> None:
    # "Google" is also a GeoNames alias of a city: the organisation wins an alias
    labels = _labels(extractor, "Epic Games sued Google and Huawei on Thursday.")
    assert labels["Google"][0] == "ORG" and labels["Huawei"][0] == "ORG"
    article = _article("The World Health Organization met in Geneva.", "The WHO said cases rose.")
    entities, _ = resolve([article], [extractor.extract(article)], Gazetteer.load())
    (who,) = [e for e in entities if e.kind == "organization"]
    assert who.name == "World Health Organization" and "WHO" in who.aliases


def test_a_short_country_name_is_the_country_the_article_names_at_length(extractor) -> None:
    article = _article(
        "Ebola spread in the Democratic Republic of the Congo on Monday.",
        "Congo's health ministry confirmed a case in Goma.",
    )
    entities, _ = resolve([article], [extractor.extract(article)], Gazetteer.load())
    countries = [e for e in entities if e.kind == "country"]
    assert [c.name for c in countries] == ["Democratic Republic of the Congo"], countries
    # Written alone, the short name stays the gazetteer's
    alone = _article("Congo's health ministry confirmed a case.", article_id="b")
    entities, _ = resolve([alone], [extractor.extract(alone)], Gazetteer.load())
    assert [e.name for e in entities if e.kind == "country"] == ["Republic of the Congo"]


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Israel Folau reached a settlement with the union on Monday.", "Israel Folau", "PERSON"),
        ("Troops from Israel Defense Forces moved north.", "Israel", None),
        ("Jordan King Abdullah met the envoy.", "Jordan", "COUNTRY"),
        ("Officials in Israel said so.", "Israel", "COUNTRY"),
    ],
)
def test_a_country_that_is_a_given_name_before_a_surname_is_a_person(
    extractor, text: str, name: str, kind: str | None
) -> None:
    labels = _labels(extractor, text)
    assert labels.get(name, (None,))[0] == kind, labels


def test_a_place_is_read_inside_the_state_the_article_names() -> None:
    text = "Storms hit Missouri on Monday, and roads into Springfield were closed."
    found = _hand_made(text, ("Missouri", "PLACE"), ("Springfield", "PLACE"))
    assert abs(found["Springfield"].lat - 37.2) < 0.2  # Springfield, Missouri
    alone = _hand_made("Roads into Springfield were closed.", ("Springfield", "PLACE"))
    assert abs(alone["Springfield"].lat - 37.2) > 1  # without the state: another one


def test_a_site_without_its_city_stands_in_the_one_city_the_article_names() -> None:
    text = "Fans filled Lyon before the final at Grand Northfield Stadium on Sunday."
    found = _hand_made(text, ("Lyon", "PLACE"), ("Grand Northfield Stadium", "PLACE"))
    site, city = found["Grand Northfield Stadium"], found["Lyon"]
    assert (site.lat, site.lon) == (city.lat, city.lon)
    assert site.source is not None and "the one city the article names" in site.source
    two = "Fans from Lyon and Lille met before the final at Grand Northfield Stadium."
    found = _hand_made(
        two, ("Lyon", "PLACE"), ("Lille", "PLACE"), ("Grand Northfield Stadium", "PLACE")
    )
    assert found["Grand Northfield Stadium"].lat is None  # which of the two: unknown


def test_an_unlisted_place_stands_at_the_place_the_text_sets_it_in() -> None:
    # After it ("in", "near", "south of") or before it with a possessive.
    for text in (
        "Protesters gathered at the Qarvello roundabout in Lyon on Monday.",
        "Shots were fired in Lyon's Qarvello roundabout.",
        "The militia held Qarvello, 20 km south of Lyon, for a week.",
    ):
        found = _hand_made(text, ("Lyon", "PLACE"), ("Qarvello", "PLACE"))
        site, city = found["Qarvello"], found["Lyon"]
        assert (site.lat, site.lon) == (city.lat, city.lon), text
        assert site.source is not None and "the place the text sets it in" in site.source
    # A comma that goes on as a list sets nothing: Qarvello is not in Lyon.
    listed = _hand_made(
        "Fire reached Qarvello, Lyon and Lille.",
        ("Qarvello", "PLACE"),
        ("Lyon", "PLACE"),
        ("Lille", "PLACE"),
    )
    assert listed["Qarvello"].lat is None


def _under_dateline(text: str, geonames: str, name: str) -> Entity:
    """The place ``name`` resolved in a one-paragraph article opened by a dateline (its
    first word, the GeoNames place ``geonames``), the model having found both."""
    from dataclasses import replace

    from builder.model import ExtractedArticle, Mention

    dateline = text.split()[0]
    start = text.index(name)
    mentions = [
        Mention("a", 1, 0, 0, len(dateline), dateline, "PLACE", geonames),
        Mention("a", 1, 0, start, start + len(name), name, "PLACE"),
    ]
    article = replace(_article(text), dateline=dateline)
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    return next(e for e in entities if e.name == name)


def test_an_unlisted_street_stands_in_the_articles_dateline_city() -> None:
    avenue = _under_dateline(
        "LYON - Police closed Qarvello Avenue after the clashes.",
        "geonames:2996944",
        "Qarvello Avenue",
    )
    assert abs(avenue.lat - 45.75) < 0.1 and avenue.place_type == "locality"
    assert avenue.approximate_at == "Lyon"  # the map's popup and the page say so
    assert avenue.source is not None and "the article's dateline city" in avenue.source


def test_an_unlisted_place_stands_in_the_city_the_article_names_most() -> None:
    from builder.model import ExtractedArticle, Mention

    text = "Lyon police met Lille police. Lyon officials closed Qarvello Avenue."
    names = (("Lyon", "PLACE"), ("Lille", "PLACE"), ("Qarvello Avenue", "PLACE"))
    spans = [(text.index("Lyon"), "Lyon"), (text.rindex("Lyon"), "Lyon")]
    spans += [(text.index(name), name) for name, _ in names[1:]]
    mentions = [Mention("a", 1, 0, at, at + len(name), name, "PLACE") for at, name in spans]
    article = _article(text)
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    found = {e.name: e for e in entities}
    avenue, lyon = found["Qarvello Avenue"], found["Lyon"]
    assert (avenue.lat, avenue.lon) == (lyon.lat, lyon.lon)
    assert avenue.source is not None and "the city the article names most" in avenue.source


def test_an_unlisted_place_set_in_a_country_stands_at_its_capital() -> None:
    from builder.model import ExtractedArticle, Mention

    gaz = Gazetteer.load()
    paris = gaz.capital(gaz.country("France"))
    assert paris is not None
    for text in (
        "The final was played at Qarvello Palace in France on Sunday.",
        "France's leaders met at Qarvello Palace on Sunday.",  # the article's one country
    ):
        palace, france = text.index("Qarvello"), text.index("France")
        mentions = [
            Mention("a", 1, 0, france, france + 6, "France", "COUNTRY", "country:FR"),
            Mention("a", 1, 0, palace, palace + 15, "Qarvello Palace", "PLACE"),
        ]
        article = _article(text)
        entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], gaz)
        site = next(e for e in entities if e.name == "Qarvello Palace")
        assert (site.lat, site.lon) == (paris.lat, paris.lon), text
        assert site.source is not None and "capital" in site.source


def test_an_unlisted_place_stands_in_the_one_state_an_article_names() -> None:
    # No city named: the article's one state, before its country's capital.
    text = "Fire crews in Texas reached Qarvello Lake on Sunday."
    found = _hand_made(text, ("Texas", "PLACE"), ("Qarvello Lake", "PLACE"))
    lake, texas = found["Qarvello Lake"], found["Texas"]
    assert (lake.lat, lake.lon) == (texas.lat, texas.lon)
    assert lake.source is not None and "the one state or province" in lake.source


def _in_country(text: str, country: str, code: str, *places: str) -> list[Entity]:
    """The entities of a one-paragraph article naming ``country`` (ISO ``code``) and
    ``places``, as the model found them, none of them in the gazetteer's hands yet."""
    from builder.model import ExtractedArticle, Mention

    def found(name: str, label: str, canonical: str = "") -> Mention:
        start = text.index(name)
        return Mention("a", 1, 0, start, start + len(name), name, label, canonical)

    mentions = [found(country, "COUNTRY", f"country:{code}")]
    mentions += [found(name, "PLACE") for name in places]
    extracted = [ExtractedArticle("a", [], mentions, [])]
    return resolve([_article(text)], extracted, Gazetteer.load())[0]


def test_an_unlisted_site_named_after_a_town_stands_at_that_town() -> None:
    text = "Goods reach France from the Port of Marseille and the Lille Inland Depot."
    entities = _in_country(text, "France", "FR", "Port of Marseille", "Lille Inland Depot")
    found = {e.name: e for e in entities}
    assert abs(found["Lille Inland Depot"].lat - 50.6) < 0.1
    port = found["Port of Marseille"]
    assert abs(port.lat - 43.3) < 0.1 and abs(port.lon - 5.4) < 0.1
    assert port.source is not None and "the town it is named after" in port.source


def test_a_city_abroad_named_like_the_articles_person_is_that_person(extractor) -> None:
    text = (
        "Colombian minister Ana Lucia Santos met officials in Bogota on Monday. "
        "Later, Santos said Colombia would send a delegation."
    )
    article = _article(text)
    entities, _ = resolve([article], extractor.extract_many([article]), Gazetteer.load())
    santos = next(e for e in entities if e.name == "Ana Lucia Santos")
    assert santos.kind == "person" and "Santos" in {m.text for m in santos.mentions}
    assert not any(e.kind == "place" and e.name == "Santos" for e in entities)


def test_a_lone_first_name_the_model_calls_a_place_is_the_articles_person() -> None:
    from builder.model import ExtractedArticle, Mention

    text = "Opposition leader Tamsin Okorie toured the region. Later Tamsin said she would run."
    full, lone = text.index("Tamsin Okorie"), text.rindex("Tamsin")
    mentions = [
        Mention("a", 1, 0, full, full + 13, "Tamsin Okorie", "PERSON"),
        Mention("a", 1, 0, lone, lone + 6, "Tamsin", "PLACE"),
    ]
    article = _article(text)
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    assert [(e.name, e.kind, len(e.mentions)) for e in entities] == [("Tamsin Okorie", "person", 2)]


def test_a_town_of_the_articles_country_the_model_calls_a_person_is_the_town() -> None:
    text = "Canada's growers met in Swift Current, where Swift Current officials spoke."
    from builder.model import ExtractedArticle, Mention

    second = text.rindex("Swift Current")

    mentions = [
        Mention("a", 1, 0, 0, 6, "Canada", "COUNTRY", "country:CA"),
        Mention("a", 1, 0, second, second + 13, "Swift Current", "PERSON"),
    ]
    article = _article(text)
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    town = next(e for e in entities if e.name == "Swift Current")
    assert town.kind == "place" and abs(town.lat - 50.3) < 0.2
    # Not in an article that names no country of such a town: the model's person stands.
    alone = _hand_made("Officials met Swift Current on Monday.", ("Swift Current", "PERSON"))
    assert alone["Swift Current"].kind == "person"


def test_a_name_followed_by_its_country_or_state_is_the_place_there() -> None:
    # Geneva, Illinois is no Swiss city, however more prominent Switzerland's is.
    geneva = _hand_made("Jane Roe grew up in Geneva, Illinois, she said.", ("Geneva", "PLACE"))
    assert geneva["Geneva"].kind == "place" and abs(geneva["Geneva"].lat - 41.9) < 0.2
    # A town the model calls a person, followed by its province's abbreviation.
    town = _hand_made("Staff at the Swift Current, Sask., plant left.", ("Swift Current", "PERSON"))
    assert town["Swift Current"].kind == "place" and abs(town["Swift Current"].lat - 50.3) < 0.2
    # A possessive makes the second name an apposition, not the town's state.
    roe = _hand_made("Swift Current, Saskatchewan's envoy, spoke.", ("Swift Current", "PERSON"))
    assert roe["Swift Current"].kind == "person"


def test_an_unknown_place_named_like_a_person_is_a_person() -> None:
    text = "Tamsin Okorie told reporters the convoy reached Victoria Falls and Lake Carrow."
    found = _hand_made(
        text, ("Tamsin Okorie", "PLACE"), ("Victoria Falls", "PLACE"), ("Lake Carrow", "PLACE")
    )
    assert found["Tamsin Okorie"].kind == "person"
    assert found["Victoria Falls"].kind == "place"  # a known place, however named
    assert found["Lake Carrow"].kind == "place"  # a place word, not a given name


def test_a_dependent_territory_is_a_place_not_a_state(extractor) -> None:
    text = "Ferries to Gibraltar and Puerto Rico were cancelled, France said."
    found = _entities(extractor, text)
    assert found.get("Gibraltar") == "place" and found.get("Puerto Rico") == "place"
    assert found.get("France") == "country"


@pytest.mark.parametrize(
    ("text", "start", "end", "label", "club"),
    [
        ("Hamilton Wanderers signed him.", 0, 2, "PERSON", True),  # a club word after
        ("Dynamo Tampere lost.", 0, 2, "PERSON", True),  # a club word before
        ("Tourists flocked to Victoria Falls.", 3, 5, "PERSON", False),  # a place's own name
    ],
)
def test_a_towns_name_with_a_club_word_is_a_club(
    extractor, text: str, start: int, end: int, label: str, club: bool
) -> None:
    from spacy.tokens import Span

    span = Span(extractor.nlp(text), start, end, label=label)
    assert (extractor._classify(span)[0] == "ORG") is club


def test_a_party_named_like_a_militia_is_an_organisation() -> None:
    party = _hand_made(
        "The opposition Carrow Freedom Front won 12 seats in the election on Sunday.",
        ("Carrow Freedom Front", "ORG"),
    )
    assert party["Carrow Freedom Front"].kind == "organization"
    militia = _hand_made(
        "The Carrow Freedom Front shelled the town, and rebels held the road.",
        ("Carrow Freedom Front", "ORG"),
    )
    assert militia["Carrow Freedom Front"].kind == "group"


def test_a_given_name_and_surname_read_as_an_unknown_place_is_a_person() -> None:
    found = _hand_made(
        "The committee led by Tomasz Wielgorski was removed.", ("Tomasz Wielgorski", "PLACE")
    )
    assert found["Tomasz Wielgorski"].kind == "person"
    # A place the gazetteer knows stays a place, whatever its first word.
    known = _hand_made("Flights to Santa Cruz resumed.", ("Santa Cruz", "PLACE"))
    assert known["Santa Cruz"].kind == "place"


@pytest.mark.parametrize("apostrophe", ["'", "\u2019", "\u2018"])
def test_a_persons_name_ends_at_its_possessive(extractor, apostrophe: str) -> None:
    from spacy.tokens import Span

    doc = extractor.nlp.make_doc(f"President Jane Roe{apostrophe}s Special Adviser spoke.")
    words = [t.text for t in doc]
    span = Span(doc, 1, words.index("Special") + 1, label="PERSON")  # the model's cut
    mention = extractor._mention("a", 1, 0, span)
    assert mention is not None and mention.text == "Jane Roe"


@pytest.mark.parametrize(
    ("text", "start", "end", "actor"),
    [
        ("They signed the Carrow Agreement in May.", 3, 5, False),  # a document
        ("Leaders met at Northfield Expo 2031 on Monday.", 3, 6, False),  # an event's year
        ("Delegates left the Alta Summit early.", 3, 5, False),
        ("Leaders attended the NATO Summit in Carrow.", 3, 5, True),  # the body's acronym
        ("The Carrow Agreement Authority met.", 1, 4, True),  # a body named after one
        ("The Data Retention Regulation took effect.", 1, 4, False),  # a law
        ("He signed an Executive Order on Monday.", 3, 5, False),
        ("They met at the second Carrow Conference on Alta.", 5, 7, False),  # a meeting
    ],
)
def test_a_document_or_meeting_is_no_actor(
    extractor, text: str, start: int, end: int, actor: bool
) -> None:
    from spacy.tokens import Span

    span = Span(extractor.nlp(text), start, end, label="ORG")
    assert (extractor._classify(span)[0] == "ORG") is actor


@pytest.mark.parametrize(
    ("text", "credit"),
    [
        ("A voting station during the election in Port Ellis on May 29, 2031. \u2014 AFP", "AFP"),
        ("The president casts his vote in the capital.Reuters", "Reuters"),
        ("Fans cheer in Carrow - JANE ROE/AFP via Acme Pictures", "Acme Pictures"),
        ("John Roe/Copyright 2031 The AP. All rights reserved.", "AP"),
    ],
)
def test_a_credit_closing_a_caption_names_no_actor(extractor, text: str, credit: str) -> None:
    names = {m.text for m in extractor.extract(_article(text)).mentions}
    assert credit not in names


def test_an_agency_or_a_copyright_the_story_tells_of_is_an_actor(extractor) -> None:
    text = "Acme Corp sued the Daily Planet over copyright last year, Jane Roe told Reuters."
    names = {m.text for m in extractor.extract(_article(text)).mentions}
    assert {"Acme Corp", "Reuters"} <= names


def test_a_body_named_after_its_country_is_one_name(extractor) -> None:
    text = "The Supreme Court of Kenya ruled, and the Carrow Commission of Kenya's unions met."
    names = {m.text: m.label for m in extractor.extract(_article(text)).mentions}
    assert names.get("Supreme Court of Kenya") == "ORG"
    assert names.get("Kenya") == "COUNTRY"  # before a possessive, the country is its own


def test_a_time_zone_names_no_one(extractor) -> None:
    text = (
        "The quake struck Carrow at 2:28 p.m. Beijing Time on Monday, or 0628 GMT, "
        "and the Northland Mining Company said its staff were safe."
    )
    names = {m.text for m in extractor.extract(_article(text)).mentions}
    assert not names & {"Beijing Time", "GMT", "Time"}
    assert "Northland Mining Company" in names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The centrist group LIAN said it would abstain.", "LIAN"),  # the model: no name
        ("He told the French daily Le Nord that he would run again.", "Le Nord"),  # a person
        ("The state mining company Bravoco, the largest producer of tin, cut output.", "Bravoco"),
    ],
)
def test_a_name_after_a_noun_for_a_kind_of_body_is_that_body(
    extractor, text: str, name: str
) -> None:
    assert _labels(extractor, text)[name][0] == "ORG"


def test_a_noun_for_a_kind_of_body_makes_no_office_or_day_a_body(extractor) -> None:
    labels = _labels(extractor, "The company CEO Jane Roe spoke to the agency on Monday.")
    assert labels.get("Jane Roe", ("",))[0] == "PERSON"
    assert "CEO" not in labels and "Monday" not in labels


def test_a_common_word_written_as_a_companys_name_is_that_company() -> None:
    # Once after a noun for its kind, or before its chief's title: a company's name.
    found = _hand_made("Investors such as oil firms Shell left.", ("Shell", "ORG"))
    assert found["Shell"].kind == "organization"
    found = _hand_made("Orange CEO Jane Roe spoke.", ("Orange", "ORG"))
    assert found["Orange"].kind == "organization"
    # Once and nowhere such, a common word is no one's name.
    assert "Shell" not in _hand_made("A Shell was found.", ("Shell", "ORG"))


def test_an_organisations_name_ends_before_the_lower_case_nouns_after_it(extractor) -> None:
    # The model runs a party's name on into the noun "party" now and then.
    assert _labels(extractor, "The ruling Alta-PF party won the vote.")["Alta-PF"][0] == "ORG"
    # A creed's adjective and "party" name no party.
    labels = _labels(extractor, "The Christian party and its leader Jane Roe spoke.")
    assert not any("Christian" in name for name in labels)


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("Airstrikes hit two buses in the Qarrow Tal area on Monday.", 6, 8, ""),
        ("Ballots were counted at Oyelaro ward in the city.", 4, 5, ""),
        ("Shelling reached the Valletta area overnight.", 3, 4, "PLACE"),  # one the map knows
        ("The ACME area manager resigned.", 1, 2, "ORG"),  # a body's initials
        ("The Carrow Council area office closed.", 1, 3, "ORG"),  # a body's own word
    ],
)
def test_a_name_before_a_lower_case_area_noun_is_that_area_and_no_actor(
    extractor, text: str, start: int, end: int, label: str
) -> None:
    from spacy.tokens import Span

    span = Span(extractor.nlp(text), start, end, label="PERSON" if label == "" else "ORG")
    assert extractor._classify(span)[0] == label


def test_a_known_bodys_name_that_begins_a_longer_bodys_name_is_that_body(extractor) -> None:
    # "WHO" is a known organisation; the council, commission or forum it begins is another
    labels = _labels(extractor, "The delegates asked the WHO Executive Council to meet.")
    assert labels["WHO Executive Council"][0] == "ORG" and "WHO" not in labels
    labels = _labels(extractor, "Delegates of the WHO Regional Forum met in Valletta.")
    assert "WHO Regional Forum" in labels
    # but not over an office after it, nor a name alone
    labels = _labels(extractor, "Officials told the WHO Secretary Jane Roe that cases rose.")
    assert labels["WHO"][0] == "ORG" and labels["Jane Roe"][0] == "PERSON"
    assert (
        _labels(extractor, "Officials told the WHO on Monday that cases rose.")["WHO"][0] == "ORG"
    )


@pytest.mark.parametrize(
    ("text", "cut", "whole"),
    [
        # the model's two names for one person, with nothing between them
        (
            "Minister Mariam Sadiq al-Qarrow called for talks.",
            [(1, 3), (3, 6)],
            "Mariam Sadiq al-Qarrow",
        ),
        # a surname the model left unlabelled, and a hyphen and what it joins
        ("Minister Omar Abdel Qaty kicked off a visit.", [(1, 3)], "Omar Abdel Qaty"),
        ("President Kim Soo-yeon left for the summit.", [(1, 3)], "Kim Soo-yeon"),
        # a one-word town right after the name is the name's last word
        ("Minister Jane Ali Carrow met her counterpart.", [(1, 3), (3, 4)], "Jane Ali Carrow"),
    ],
)
def test_a_persons_name_cut_short_is_made_whole(
    extractor, text: str, cut: list[tuple[int, int]], whole: str
) -> None:
    from spacy.tokens import Span

    from builder.extract.extractor import _whole_person_names

    doc = extractor.nlp(text)
    labels = ["PERSON", "GPE" if len(cut) == 2 and cut[1][1] - cut[1][0] == 1 else "PERSON"]
    spans = [Span(doc, a, b, label=label) for (a, b), label in zip(cut, labels, strict=False)]
    doc.set_ents(spans, default="outside")  # as the model left them
    names = _whole_person_names(list(doc.ents))
    assert [s.text for s in names] == [whole] and names[0].label_ == "PERSON"


def test_a_persons_name_ends_at_a_break_or_a_kinds_word(extractor) -> None:
    from spacy.tokens import Span

    from builder.extract.extractor import _whole_person_names

    doc = extractor.nlp(
        "Jane Roe Foundation staff met Jane Roe, John Doe and Mary Major on Monday."
    )
    spans = [Span(doc, 0, 2, label="PERSON"), Span(doc, 5, 7, label="PERSON")]
    spans += [Span(doc, 8, 10, label="PERSON"), Span(doc, 11, 13, label="PERSON")]
    doc.set_ents(spans, default="outside")
    assert [s.text for s in _whole_person_names(list(doc.ents))] == [
        "Jane Roe",
        "Jane Roe",
        "John Doe",
        "Mary Major",
    ]


def test_a_photographer_credited_after_a_picture_label_is_no_actor(extractor) -> None:
    labels = _labels(
        extractor, "Divers measure coral loss on the northern reef. Photo: Tamsin Okorie."
    )
    assert "Tamsin Okorie" not in labels
    glued = _labels(extractor, "Voters queue in Northfield, October 13, 2019Image source, Jane Roe")
    assert "Jane Roe" not in glued
    # The same name in the story's prose is a person.
    said = _labels(extractor, "Tamsin Okorie said the photo showed coral loss on the reef.")
    assert said.get("Tamsin Okorie", ("",))[0] == "PERSON"


def test_a_photographer_closing_a_caption_is_no_actor(extractor) -> None:
    after_slash = _labels(
        extractor, "Mourners gather in Northfield on Monday. Agency/Tamsin Okorie"
    )
    assert "Tamsin Okorie" not in after_slash
    parenthesis = _labels(extractor, "Jane Roe speaks to the media after the talks (John Doe)")
    assert "John Doe" not in parenthesis and "Jane Roe" in parenthesis
    # A name given to an office just named is that office's holder, no credit.
    holder = _labels(extractor, "The deal was signed by the minister (Jane Roe).")
    assert holder.get("Jane Roe", ("",))[0] == "PERSON"


def test_a_name_with_a_digit_is_no_persons(extractor) -> None:
    # The model reads a device's model name and a law's clause as people.
    labels = _labels(extractor, "Acme also showed the Zeta Fold3 and Nova Book3 at the event.")
    assert "Nova Book3" not in labels
    clause = _labels(extractor, "Under Paragraphs 18(1) the court ruled for Jane Roe.")
    assert not any(c.isdigit() for name in clause for c in name)
    assert clause.get("Jane Roe", ("",))[0] == "PERSON"


def test_a_demonym_after_a_compass_word_is_a_continents_part_not_a_country(extractor) -> None:
    labels = _labels(
        extractor,
        "The film got a North American release, and Latin American envoys met South "
        "African and North Korean officials with American diplomats.",
    )
    assert labels.get("South African") == ("COUNTRY", "country:ZA")
    assert labels.get("North Korean") == ("COUNTRY", "country:KP")
    assert labels.get("American") == ("COUNTRY", "country:US")  # the diplomats
    result = extractor.extract(_article("The film got a North American release."))
    assert not [m for m in result.mentions if m.label == "COUNTRY"]


def test_a_country_closing_a_bodys_name_is_no_country_mention(extractor) -> None:
    labels = _labels(
        extractor,
        "Jane Roe, a former Air New Zealand chief, spoke to Turkish Cypriot media "
        "while President Omar Haddad of Kenya met officials from Japan.",
    )
    assert labels.get("Air New Zealand", ("",))[0] == "ORG"
    assert "New Zealand" not in labels
    # A demonym after a demonym, and a country after an office or "of", stay countries.
    assert labels.get("Turkish", ("",))[0] == "COUNTRY"
    assert labels.get("Kenya", ("",))[0] == "COUNTRY"
    assert labels.get("Japan", ("",))[0] == "COUNTRY"
    titled = _labels(
        extractor, "Talks soured, Prime Minister Japan said, and Former Bolivian envoys left."
    )
    assert titled.get("Japan", ("",))[0] == "COUNTRY"


def _sighting(text: str, name: str, label: str):
    from builder.model import Mention
    from builder.resolve.kinds import Sighting

    start = text.index(name)
    mention = Mention("a", 1, 0, start, start + len(name), name, label)
    return Sighting(mention, text[:start], text[start + len(name) :])


def test_the_kind_features_read_the_name_and_the_words_around_it() -> None:
    from builder.resolve.kinds import features

    text = "Mr Jane Roe said she would stay, and Acme Holdings said its profit rose."
    person = features(
        "Jane Roe",
        "organization",
        [_sighting(text, "Jane Roe", "ORG")],
        {},
        lambda _: False,
        lambda _: False,
    )
    assert person["first given name"] == 1.0 and person["after title"] == 1.0
    assert person["before speech"] == 1.0 and person["personal pronoun after"] == 1.0
    assert person["label=ORG"] == 1.0 and person["kind=organization"] == 1.0
    body = features(
        "Acme Holdings",
        "organization",
        [_sighting(text, "Acme Holdings", "ORG")],
        {"a": {"roe"}},
        lambda _: False,
        lambda _: False,
    )
    assert body["impersonal pronoun after"] == 1.0 and body["personal pronoun after"] == 0.0
    assert body["person's word"] == 0.0 and body["tokens=2"] == 1.0
    place = features(
        "Carrow Valley",
        "organization",
        [_sighting("Floods hit villages in Carrow Valley on Monday.", "Carrow Valley", "ORG")],
        {},
        lambda _: True,
        lambda _: False,
    )
    assert place["after place word"] == 1.0 and place["gazetteer place"] == 1.0
    assert place["last place head"] == 1.0


def test_the_kind_decision_acts_only_when_confident_and_never_makes_a_group() -> None:
    from builder.resolve.kinds import KindModel

    model = KindModel(
        {
            "person": {"first given name": 4.0},
            "organization": {"bias": 1.0},
            "group": {"fighters": 9.0},
            "none": {"quoted": 4.0},
        },
        threshold=0.8,
    )
    assert model.verdict("organization", {"bias": 1.0, "first given name": 1.0}) == "person"
    assert model.verdict("organization", {"bias": 1.0, "quoted": 1.0}) == "none"
    assert model.verdict("organization", {"bias": 1.0, "first given name": 0.3}) is None
    assert model.verdict("organization", {"bias": 1.0, "fighters": 1.0}) is None


def test_the_resolver_drops_or_rekinds_what_the_kind_decision_rejects(monkeypatch) -> None:
    from builder.resolve import resolver
    from builder.resolve.kinds import KindModel

    model = KindModel({"organization": {"bias": 1.0}, "none": {"quoted": 9.0}}, 0.9)
    monkeypatch.setattr(resolver, "kind_model", lambda: model)
    text = 'Acme Corp screened "Silver Harbour" to the press.'
    found = _hand_made(text, ("Acme Corp", "ORG"), ("Silver Harbour", "ORG"))
    assert found["Acme Corp"].kind == "organization"
    assert "Silver Harbour" not in found  # a film's title, no body
    rekind = KindModel({"organization": {"bias": 1.0}, "person": {"before speech": 9.0}}, 0.9)
    monkeypatch.setattr(resolver, "kind_model", lambda: rekind)
    found = _hand_made("Okonkwo said the plan had failed.", ("Okonkwo", "ORG"))
    assert found["Okonkwo"].kind == "person"


def test_the_field_after_a_ministers_title_is_no_body() -> None:
    text = "Jane Roe, Minister for Trade and Industry, met the Secretary of the Acme Council."
    found = _hand_made(text, ("Trade and Industry", "ORG"), ("Acme Council", "ORG"))
    assert "Trade and Industry" not in found
    assert found["Acme Council"].kind == "organization"
    ministry = "The Ministry of Trade and Industry said so."
    assert "Trade and Industry" in _hand_made(ministry, ("Trade and Industry", "ORG"))


def test_an_area_named_after_its_town_is_placed_at_the_town() -> None:
    text = "Canada's floods reached Swift Current District and Swift Current City."
    entities = _in_country(text, "Canada", "CA", "Swift Current District", "Swift Current City")
    area = next(e for e in entities if e.name == "Swift Current District")
    town = next(e for e in entities if "Swift Current City" in {e.name, *e.aliases})
    assert area.kind == "place" and (area.lat, area.lon) == (town.lat, town.lon)
    assert area.source is not None and "the town it is named after" in area.source
    # "Alta City" is the town itself, one entity with the town's own name
    assert {"Swift Current", "Swift Current City"} <= {town.name, *town.aliases}
    # Only a town of the article's countries: alone, a district's town is anyone's guess.
    alone = _hand_made(
        "Floods reached Swift Current District.", ("Swift Current District", "PLACE")
    )
    assert alone["Swift Current District"].lat is None


def test_a_town_that_plays_in_a_sports_report_is_its_club() -> None:
    from builder.model import ExtractedArticle, Mention

    text = (
        "In the league final, Lyon beat Lille after a late goal, and the season ended "
        "in Lyon. Lyon boss Jane Roe praised the striker; Real Lille fans wept. "
        "Real Lille had led."
    )

    def at(name: str, nth: int) -> Mention:
        start = -1
        for _ in range(nth):
            start = text.index(name, start + 1)
        return Mention("a", 1, 0, start, start + len(name), name, "PLACE", "geonames:2996944")

    lille = text.index("Lille", text.index("Real"))
    mentions = [
        at("Lyon", 1),
        at("Lyon", 2),
        at("Lyon", 3),
        Mention("a", 1, 0, lille, lille + 5, "Lille", "PLACE", "geonames:2998324"),
        Mention("a", 1, 0, text.rindex("Real"), len(text) - 9, "Real Lille", "ORG"),
    ]
    article = _article(text)
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    kinds = {(e.name, e.kind): len(e.mentions) for e in entities}
    # "Lyon beat", "Lyon boss": the club; "in Lyon": where the season ended, the city
    assert kinds[("Lyon", "organization")] == 2 and kinds[("Lyon", "place")] == 1
    # "Real Lille fans": the club the model found only the town of
    assert kinds[("Real Lille", "organization")] == 2
    # Not in a report about anything else: "beat" is no match there.
    war = _hand_made("Protesters beat drums in Lyon as Lyon officials met.", ("Lyon", "PLACE"))
    assert war["Lyon"].kind == "place"


def test_a_village_is_read_in_the_country_of_the_articles_dateline() -> None:
    creek = _under_dateline(
        "REGINA - Crews reached Maple Creek after the storm.", "geonames:6119109", "Maple Creek"
    )
    assert creek.country == "CA" and abs(creek.lat - 49.9) < 0.1
    # Without the dateline nothing says which country's village it is.
    alone = _hand_made("Crews reached Maple Creek after the storm.", ("Maple Creek", "PLACE"))
    assert alone["Maple Creek"].lat is None


def _in_spain(text: str, *names: tuple[str, str]) -> dict[str, Entity]:
    """A one-paragraph article naming Spain, with ``names`` labelled by hand."""
    from builder.model import ExtractedArticle, Mention

    spain = text.index("Spain")
    mentions = [Mention("a", 1, 0, spain, spain + 5, "Spain", "COUNTRY", "country:ES")]
    mentions += [
        Mention("a", 1, 0, text.index(name), text.index(name) + len(name), name, label)
        for name, label in names
    ]
    article = _article(text)
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    return {e.name: e for e in entities}


def test_a_village_of_the_articles_country_the_model_calls_a_body_is_that_village() -> None:
    # Villages of a few hundred people (the small-town list), by their very names.
    found = _in_spain(
        "Fire in Spain reached Zucaina and Puebla de San Miguel overnight.",
        ("Zucaina", "ORG"),
        ("Puebla de San Miguel", "PERSON"),
    )
    for name in ("Zucaina", "Puebla de San Miguel"):
        assert found[name].kind == "place" and found[name].country == "ES", name
        assert found[name].lat is not None and 39.5 < found[name].lat < 40.5
    # A lone word the model calls a person stays one, and so does a word of a person's
    # name the article writes in full.
    people = _in_spain(
        "Cirat officials met Ludiente and Jane Cirat in Spain.",
        ("Ludiente", "PERSON"),
        ("Jane Cirat", "PERSON"),
        ("Cirat", "ORG"),
    )
    assert people["Ludiente"].kind == "person"
    assert "Cirat" not in people or people["Cirat"].kind != "place"


def _named(text: str, *names: tuple[str, str, str]) -> dict[str, Entity]:
    """A one-paragraph article with ``names`` (text, label, canonical) at their every
    occurrence, as the model found them."""
    import re

    from builder.model import ExtractedArticle, Mention

    mentions = [
        Mention("a", 1, 0, hit.start(), hit.end(), name, label, canonical)
        for name, label, canonical in names
        for hit in re.finditer(rf"\b{re.escape(name)}\b", text)
    ]
    article = _article(text)
    entities, _ = resolve([article], [ExtractedArticle("a", [], mentions, [])], Gazetteer.load())
    return {e.name: e for e in entities}


def test_an_unlisted_place_stands_in_the_country_the_article_names_most() -> None:
    countries = (("France", "COUNTRY", "country:FR"), ("Germany", "COUNTRY", "country:DE"))
    # Its one city there, though the article names a city abroad too.
    found = _named(
        "France and Germany met in Berlin. France closed Qarvello Avenue. Lyon police agreed.",
        *countries,
        ("Berlin", "PLACE", "geonames:2950159"),
        ("Lyon", "PLACE", "geonames:2996944"),
        ("Qarvello Avenue", "PLACE", ""),
    )
    avenue, lyon = found["Qarvello Avenue"], found["Lyon"]
    assert (avenue.lat, avenue.lon) == (lyon.lat, lyon.lon)
    assert avenue.source is not None and "the country it names most" in avenue.source
    # No city of its own: that country's capital.
    found = _named(
        "France and Germany talked. France said fire reached Qarvello Lake.",
        *countries,
        ("Qarvello Lake", "PLACE", ""),
    )
    lake, paris = (
        found["Qarvello Lake"],
        Gazetteer.load().capital(Gazetteer.load().country("France")),
    )
    assert paris is not None and (lake.lat, lake.lon) == (paris.lat, paris.lon)
    assert lake.source is not None and "the country the article names most" in lake.source
