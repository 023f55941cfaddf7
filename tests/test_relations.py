"""Typed relations on short sentences, with the real model; relations built from them."""

from __future__ import annotations

import pytest

from builder.extract.extractor import load_extractor
from builder.model import Article, DatedValue, Entity, Paragraph
from builder.relations import find_relations
from builder.text.dates import first_explicit_date


def _extract(*texts: str):
    article = Article("a", "Test", [Paragraph(i + 1, t) for i, t in enumerate(texts)], ["t.txt"])
    return article, load_extractor("model").extract(article)


def stated(text: str) -> set[tuple[str, str, str, bool]]:
    """(type, source, target, reported) for every relation stated in ``text``."""
    _, extracted = _extract(text)
    return {
        (r.type, r.source.text, r.target.text, not (r.negated or r.hypothetical))
        for r in extracted.relations
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Joe Biden spoke with Emmanuel Macron by phone.", ("met", "Joe Biden", "Emmanuel Macron")),
        (
            "Emmanuel Macron called Joe Biden on Tuesday.",
            ("called", "Emmanuel Macron", "Joe Biden"),
        ),
        (
            "Joe Biden had a phone conversation with Emmanuel Macron.",
            ("called", "Joe Biden", "Emmanuel Macron"),
        ),
        ("Poland strongly supports Ukraine.", ("supports", "Poland", "Ukraine")),
        ("Ukraine is fighting Russia in the east.", ("opposes", "Ukraine", "Russia")),
        ("India negotiated a trade deal with Brazil.", ("negotiates", "India", "Brazil")),
        ("Japan sanctioned North Korea.", ("sanctions", "Japan", "North Korea")),
        ("The United States imposed sanctions on Iran.", ("sanctions", "United States", "Iran")),
        (
            "Joe Biden accused Vladimir Putin of war crimes.",
            ("accuses", "Joe Biden", "Vladimir Putin"),
        ),
        ("Joe Biden praised Emmanuel Macron.", ("praises", "Joe Biden", "Emmanuel Macron")),
        ("Qatar mediated between Israel and Egypt.", ("mediates", "Qatar", "Egypt")),
        ("Iran is a key backer of Syria.", ("supports", "Iran", "Syria")),
        (
            "The discussions between Tom Hill and Ann Lee lasted two hours.",
            ("met", "Tom Hill", "Ann Lee"),
        ),
        ("Jane Roe's rebuke of Tom Hill surprised many.", ("accuses", "Jane Roe", "Tom Hill")),
    ],
)
def test_each_type(text: str, expected: tuple[str, str, str]) -> None:
    assert (*expected, True) in stated(text)


def test_passive_voice_turns_the_agent_into_the_source() -> None:
    found = stated("Angela Merkel was criticised by Emmanuel Macron.")
    assert ("accuses", "Emmanuel Macron", "Angela Merkel", True) in found
    assert not any(s == "Angela Merkel" for _, s, _, _ in found)
    backed = stated("Ukraine was backed by Poland and Lithuania.")
    assert {
        ("supports", "Poland", "Ukraine", True),
        ("supports", "Lithuania", "Ukraine", True),
    } <= (backed)


def test_conjoined_subjects_make_a_symmetric_relation() -> None:
    assert ("met", "France", "Germany", True) in stated("France and Germany met in Paris.")
    assert ("met", "Germany", "France", True) in stated(
        "Germany and France held talks in Brussels."
    )
    pairs = stated("Talks between India, Brazil and Argentina resumed.")
    assert {t for t, *_ in pairs} == {"met"}
    assert len(pairs) == 3


def test_with_phrase_and_possessive_noun() -> None:
    assert ("met", "Putin", "Assad", True) in stated(
        "After Putin’s meeting with Assad, the Russian president spent Tuesday on the phone."
    )
    assert ("met", "Assad", "Putin", True) in stated("Assad had met with Putin overnight Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "Emmanuel Macron did not meet Joe Biden in Berlin.",
        "Emmanuel Macron refused to meet Joe Biden.",
        "Joe Biden declined to criticise Emmanuel Macron.",
        "Canada and Mexico did not negotiate.",
        "Emmanuel Macron will meet Joe Biden next week.",
    ],
)
def test_negated_or_planned_relations_are_never_reported(text: str) -> None:
    found = stated(text)
    assert found, "the relation is found, and flagged"
    assert not any(reported for *_, reported in found)


def test_not_a_call_and_no_relation_across_a_contrast() -> None:
    assert stated("Egypt called for a ceasefire.") == set()
    assert ("supports", "Poland", "Hungary", True) not in stated(
        "Poland supports Ukraine but Hungary opposes it."
    )


def test_rules_pipeline_states_no_typed_relations() -> None:
    """The rules pipeline (blank English, no parser) gives no typed relations."""
    import spacy

    from builder.extract.relations import stated_relations
    from builder.model import Mention

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp("Poland strongly supports Ukraine.")
    names = [
        Mention("a", 1, 0, 0, 6, "Poland", "COUNTRY"),
        Mention("a", 1, 0, 25, 32, "Ukraine", "COUNTRY"),
    ]
    assert stated_relations("a", 1, doc, list(doc.sents), names) == []


def test_explicit_dates() -> None:
    assert first_explicit_date("a jet shot down a warplane in November 2015, soon after").value == (
        "2015-11"
    )
    assert first_explicit_date("The war started in 2011.").value == "2011"
    assert first_explicit_date("On July 3, 2024, they met.").value == "2024-07-03"
    assert first_explicit_date("About 2,000 people and 1990s music.") is None


def _entities(extracted) -> list[Entity]:
    """One entity per distinct mention text, as resolve would do for these sentences."""
    by_text: dict[str, Entity] = {}
    for m in extracted.mentions:
        kind = {"PERSON": "person", "COUNTRY": "country", "ORG": "organization"}.get(
            m.label, "place"
        )
        entity = by_text.setdefault(m.text, Entity(m.text.lower().replace(" ", "-"), m.text, kind))
        entity.mentions.append(m)
    return list(by_text.values())


def test_find_relations_weights_directions_and_dates() -> None:
    article, extracted = _extract(
        "Poland backed Ukraine in 2014. Poland and Ukraine signed a deal.",
        "Emmanuel Macron did not meet Joe Biden.",
        "Poland again supported Ukraine on Monday.",
    )
    article.date = DatedValue("2022-03-01", "day", "March 1, 2022")
    relations = find_relations([article], [extracted], _entities(extracted), [])
    by_key = {(r.source, r.target, r.type): r for r in relations}
    support = by_key[("poland", "ukraine", "supports")]
    assert support.weight == 2
    # "on Monday" is read against the publication date (Tuesday 1 March 2022).
    assert [e.date.value for e in support.evidence] == ["2014", "2022-02-28"]
    assert [e.date_source for e in support.evidence] == ["sentence", "sentence"]
    together = by_key[("poland", "ukraine", "co-occurrence")]
    assert together.weight == 3  # three sentences name both
    assert not any(r.type == "met" for r in relations)
    paragraph_only = by_key[("emmanuel-macron", "joe-biden", "co-occurrence")]
    assert paragraph_only.weight == 1


def test_a_relation_takes_the_date_of_its_own_clause() -> None:
    _, extracted = _extract(
        "In 2018, Russia and Turkey negotiated a ceasefire.",
        "After Putin’s meeting with Assad, the Russian president sought support for "
        "proposals that would parlay Russia’s intervention in 2015 into a victory.",
    )
    dates = {r.type: r.date for r in extracted.relations if not r.negated}
    assert dates == {"negotiates": "2018", "met": ""}


def test_mediation_parties_come_from_the_between_phrase() -> None:
    found = stated(
        "It comes after China brokered a diplomatic detente between Iran and U.S. ally "
        "Saudi Arabia, demonstrating its new-found weight in the region."
    )
    assert {(s, t) for kind, s, t, ok in found if kind == "mediates" and ok} == {
        ("China", "Iran"),
        ("China", "Saudi Arabia"),
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sergei Lavrov met UN envoy Geir Pedersen in Geneva.", ("Sergei Lavrov", "Geir Pedersen")),
        (
            "The United Nations envoy to Syria, Geir Pedersen, met Sergei Lavrov.",
            ("Geir Pedersen", "Sergei Lavrov"),
        ),
        (
            "The Kremlin's special envoy for Syria Alexander Lavrentiev met Bashar Assad.",
            ("Alexander Lavrentiev", "Bashar Assad"),
        ),
        ("Syria's foreign minister met Sergei Lavrov.", None),
        ("The Kremlin's envoy met Bashar Assad.", None),
    ],
)
def test_an_office_s_modifiers_are_not_parties(text: str, expected: tuple | None) -> None:
    """ "UN envoy X", "Syria's foreign minister": only the person holding the office acts."""
    pairs = {(s, t) for kind, s, t, ok in stated(text) if kind == "met" and ok}
    assert pairs == ({expected} if expected else set())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Kremlin said Alexander Lavrentiev met Bashar Assad.", True),
        ("Alexander Lavrentiev met Bashar Assad, the Kremlin said.", True),
        ("According to the Kremlin, Alexander Lavrentiev met Bashar Assad.", True),
        ("The Kremlin announced talks with Bashar Assad.", False),
    ],
)
def test_who_reports_a_relation_is_not_a_party(text: str, expected: bool) -> None:
    found = stated(text)
    assert (("met", "Alexander Lavrentiev", "Bashar Assad", True) in found) == expected
    assert not any("Kremlin" in (s, t) for _, s, t, _ in found)


def test_a_purpose_or_an_agreement_to_meet_is_no_meeting() -> None:
    found = stated("Jane Roe arrived in Port Ellis to negotiate with Tom Hill.")
    assert ("negotiates", "Jane Roe", "Tom Hill", True) not in found
    found = stated("Northland and Southland agreed to hold talks with Tom Hill.")
    assert not any(reported for *_, reported in found)
    # a trip and what happened on it are facts
    assert ("met", "Jane Roe", "Tom Hill", True) in stated(
        "Jane Roe travelled to Port Ellis and met Tom Hill."
    )


def test_he_in_a_reported_clause_is_the_reporter_or_no_one() -> None:
    _, extracted = _extract(
        "Tom Hill was in the room.",
        "The agency chief said that he commended Northland for its effort.",
    )
    assert not any(r.type == "praises" for r in extracted.relations)


def test_a_speaker_s_own_pronoun_still_counts() -> None:
    assert ("met", "Sergei Lavrov", "Bashar Assad", True) in stated(
        "Sergei Lavrov said he met Bashar Assad."
    )


def test_the_date_comes_from_the_relation_s_own_clause_or_the_article() -> None:
    article, extracted = _extract(
        "Emmanuel Macron called Joe Biden ahead of a summit scheduled Wednesday.",
        "Emmanuel Macron met Joe Biden on Monday.",
    )
    article.date = DatedValue("2017-11-21", "day", "November 21, 2017")
    relations = find_relations([article], [extracted], _entities(extracted), [])
    by_type = {r.type: r for r in relations}
    call = by_type["called"].evidence[0]
    assert (call.date.value, call.date_source) == ("2017-11-21", "article")
    meeting = by_type["met"].evidence[0]
    assert (meeting.date.value, meeting.date_source) == ("2017-11-20", "sentence")


def _met_evidence(kind: str, date: DatedValue | None, parties: set[str], *texts: str):
    """The ``met`` relations found when one event of ``kind`` has every sentence of
    ``texts`` as a source and the entities named ``parties`` as participants."""
    from builder.model import Event

    article, extracted = _extract(*texts)
    entities = _entities(extracted)
    event = Event(
        kind,
        kind.title(),
        kind,
        date,
        None,
        [e.id for e in entities if e.id in parties],
        list(extracted.sentences),
    )
    relations = find_relations([article], [extracted], entities, [event])
    return {(r.source, r.target): r for r in relations if r.type == "met"}


def test_one_who_meets_several_does_not_make_them_meet_each_other() -> None:
    met = _met_evidence(
        "meeting",
        DatedValue("2017-11-20", "day", "Monday"),
        {"jane-roe", "tom-hill", "ann-lee", "bob-stone"},
        "Jane Roe met Tom Hill, Ann Lee and Bob Stone in Port Ellis on Monday.",
    )
    pairs = {frozenset(pair) for pair in met}
    assert pairs == {frozenset(("jane-roe", o)) for o in ("tom-hill", "ann-lee", "bob-stone")}


def test_a_sentence_naming_one_side_of_an_encounter_pairs_no_one() -> None:
    """The event is mutual (Jane Roe and Tom Hill met), but the sentence where an unnamed
    chief met Tom Hill and Ann Lee does not make those two meet."""
    met = _met_evidence(
        "meeting",
        DatedValue("2017-11-20", "day", "Monday"),
        {"jane-roe", "tom-hill", "ann-lee"},
        "Jane Roe met Tom Hill in Port Ellis on Monday.",
        "The junta chief met Tom Hill and Ann Lee in Port Ellis on Monday.",
    )
    assert {frozenset(pair) for pair in met} == {frozenset(("jane-roe", "tom-hill"))}


def test_an_event_s_sentences_are_evidence_only_where_both_are_named() -> None:
    met = _met_evidence(
        "summit",
        DatedValue("2017-11-20", "day", "Monday"),
        {"emmanuel-macron", "joe-biden", "france", "jean-dupont"},
        "Emmanuel Macron and Joe Biden held a summit in Paris.",
        "The summit came as French envoy Jean Dupont arrived in Paris.",
        "Joe Biden's visit to France came as talks stalled.",
    )
    assert set(met) == {("emmanuel-macron", "joe-biden")}
    assert [e.paragraph for e in met[("emmanuel-macron", "joe-biden")].evidence] == [1]


def test_who_reports_an_event_is_not_a_party_to_it() -> None:
    met = _met_evidence(
        "meeting",
        None,
        {"emmanuel-macron", "joe-biden"},
        "Emmanuel Macron met Joe Biden in Paris.",
        "Emmanuel Macron said that Jean Dupont and Marie Curie described their talks with "
        "Joe Biden as candid.",
    )
    assert [e.paragraph for e in met[("emmanuel-macron", "joe-biden")].evidence] == [1]


@pytest.mark.parametrize(
    ("text", "kept", "dropped"),
    [
        (
            "On Tuesday, Poland assisted a Norwegian chemical tanker in the Baltic Sea.",
            None,
            ("supports", "Poland", "Norwegian"),
        ),
        (
            "Brazil supports Venezuela's right-wing opposition.",
            None,
            ("supports", "Brazil", "Venezuela"),
        ),
        ("Ghana supports the SADC Member States.", None, ("supports", "Ghana", "SADC")),
        (
            "Japan strongly condemned North Korea's test-firing of a missile.",
            ("accuses", "Japan", "North Korea"),
            None,
        ),
        ("Turkish troops attacked Syria.", ("opposes", "Turkish", "Syria"), None),
    ],
)
def test_a_name_that_only_describes_a_thing_is_no_party(
    text: str, kept: tuple | None, dropped: tuple | None
) -> None:
    """ "a Norwegian tanker" is no act of Norway; "Turkish troops" and "North Korea's
    test-firing" still stand for their country."""
    found = {(kind, s, t) for kind, s, t, ok in stated(text) if ok}
    if kept:
        assert kept in found
    if dropped:
        assert dropped not in found
