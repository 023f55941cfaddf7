"""Who said what: quote speakers on small made-up texts (model pipeline)."""

from __future__ import annotations

from spacy.tokens import Doc

from builder.extract import load_extractor
from builder.model import Article, Paragraph


def _said(paragraphs: list[str], width: int = 14) -> dict[str, str]:
    """Each quote's first ``width`` characters -> its speaker, from a model extraction."""
    article = Article("a", "T", [Paragraph(i, p) for i, p in enumerate(paragraphs, 1)], ["a"])
    quotes = load_extractor("model").extract(article).quotes
    return {q.text[:width]: q.speaker_text for q in quotes}


def test_it_said_is_never_a_person_named_before() -> None:
    said = _said(
        [
            "Northland's Foreign Minister Jane Roe met her Southland counterpart on Monday.",
            "The ministry issued a statement after the meeting. “The two sides agreed to "
            "reopen the border crossing next month,” it said.",
        ]
    )
    assert said["The two sides "] == ""  # a ministry or a statement, not Jane Roe


def test_a_surname_the_model_missed_is_the_person_named_before_in_full() -> None:
    said = _said(
        [
            "Senator Peter Okafor spoke in the capital on Monday about the floods in the north.",
            "“The violent floods in the northern districts are a disaster for farmers,” "
            "Okafor stated.",
        ]
    )
    # The surname alone is now a mention of that person, which resolves to Peter Okafor.
    assert said["The violent fl"] == "Okafor"


def test_a_surname_the_tagger_read_as_a_noun_is_the_person_named_before() -> None:
    said = _said(
        [
            "Prime Minister Tom Perkins met the visiting delegation in the capital on Monday.",
            'Perkins said the talks had been "open and useful for both of our countries".',
        ]
    )
    assert said["open and usefu"] == "Tom Perkins"


def test_an_appeal_called_for_is_the_words_of_who_calls() -> None:
    said = _said(
        [
            "Jane Roe met the leaders of the three opposition parties on Monday.",
            'She called on the parties to "work together with the other political forces" '
            "to form a government.",
            'Later, John Doe called for "an immediate end to the fighting in the north".',
        ]
    )
    assert said["work together "] == "Jane Roe"
    assert said["an immediate e"] == "John Doe"


def test_a_partial_quote_is_the_words_of_who_accuses_or_describes() -> None:
    said = _said(
        [
            "Jane Roe accused the government of “failing the farmers of the north” and "
            "described the new tax as “a burden nobody can carry”.",
        ]
    )
    assert said["failing the fa"] == "Jane Roe"
    assert said["a burden nobod"] == "Jane Roe"


def test_he_said_is_never_someone_only_acted_on_or_quoted() -> None:
    said = _said(
        [
            "Jane Roe arrived in the capital on Monday for talks on the river dam.",
            "The talks were held behind closed doors with the president, John Doe.",
            "The dam has divided the two countries for a decade.",
            "“We have never been closer to an agreement on the water,” she said.",
            "Two weeks ago, the talks collapsed after a visit by Peter Jones.",
            "“The river is shared and nobody can take it away,” she said.",
            "A poster in the square read “Mary Major will never sign the deal”.",
            "The rains usually come in early April.",
            "“We will sign it before the rains come,” she said.",
        ]
    )
    assert said["We have never "] == "Jane Roe"  # not John Doe, named last as an object
    assert said["The river is s"] == "Jane Roe"  # not Peter Jones
    assert said["We will sign i"] == "Jane Roe"  # not Mary Major, named in a quotation


def test_a_countrys_government_speaks_for_the_country() -> None:
    text = (
        "The Chilean government said the new port would “open the south to the world” "
        "once the road was finished."
    )
    article = Article("a", "T", [Paragraph(1, text)], ["a"])
    (quote,) = load_extractor("model").extract(article).quotes
    assert quote.speaker_mention is not None
    assert (quote.speaker_mention.text, quote.speaker_mention.label) == ("Chilean", "COUNTRY")


def test_the_ministry_said_is_the_ministry_named_before() -> None:
    said = _said(
        [
            "The Northland Ministry of Water Resources opened the new dam on Tuesday.",
            "“The reservoir will supply the whole valley within two years,” the ministry "
            "said in a statement.",
        ]
    )
    assert said["The reservoir "] == "Northland Ministry of Water Resources"


def test_a_countrys_ministry_speaks_for_the_country() -> None:
    text = (
        "Chile's foreign ministry said the decision was based on “false and absurd "
        "pretexts” and recalled its ambassador."
    )
    article = Article("a", "T", [Paragraph(1, text)], ["a"])
    (quote,) = load_extractor("model").extract(article).quotes
    assert quote.speaker_mention is not None
    assert (quote.speaker_mention.text, quote.speaker_mention.label) == ("Chile", "COUNTRY")


def test_it_said_and_the_statement_said_are_the_body_quoted_before() -> None:
    said = _said(
        [
            "“The talks were frank and useful,” the Northland Water Authority said on "
            "Monday. “Both sides will meet again in May,” it said.",
            "“A joint committee will draft the treaty,” the statement added.",
        ]
    )
    assert said["Both sides wil"] == "Northland Water Authority"
    assert said["A joint commit"] == "Northland Water Authority"


def test_a_release_that_reads_is_its_authors() -> None:
    said = _said(
        [
            "“Three new cases of cholera were recorded in the capital this week,” a press "
            "release from the Northland Health Authority reads.",
        ]
    )
    assert said["Three new case"] == "Northland Health Authority"


def test_the_italian_said_is_a_person_not_the_country() -> None:
    said = _said(
        [
            "Jane Roe, who leads the Socialist group, said the old arrangement would end.",
            "Speaking at a news conference, the Italian said the coalition “is over and "
            "cannot be saved by anyone”.",
        ]
    )
    assert said["is over and ca"] == "Jane Roe"


def test_a_quotation_paragraph_is_who_the_paragraph_before_ends_saying_speaks() -> None:
    said = _said(
        [
            "The Northland Football Association said on Wednesday that it had suspended "
            "the club until further notice.",
            "“The club broke the rules of the league several times this season.”",
        ]
    )
    assert said["The club broke"] == "Northland Football Association"


def test_a_quotation_left_open_runs_on_into_the_next_paragraph() -> None:
    said = _said(
        [
            "The talks in the capital ended on Tuesday.",
            "Speaking to reporters, Jane Roe said, “The coalition is over and I cannot see it "
            "coming back.",
            "“To be honest, I never liked the coalition at all.”",
        ]
    )
    assert said["The coalition "] == "Jane Roe"
    assert said["To be honest, "] == "Jane Roe"


def test_a_name_the_parser_tied_to_the_quote_before_said_is_who_speaks() -> None:
    # The model reads "Jane Roe" as an apposition inside the quotation and "said" as a
    # verb joined to the quoted one, which leaves "said" with no subject of its own.
    said = _said(
        [
            "Talks with the small parties ended on Tuesday.",
            "“We will not continue this circus and these sham consultations,” Jane Roe, "
            "leader of the Green Party, said on Radio Alta.",
        ]
    )
    assert said["We will not co"] == "Jane Roe"


def test_who_said_is_the_person_the_relative_clause_qualifies() -> None:
    said = _said(
        [
            "Talks ended on Tuesday.",
            "The plan was rejected by Jane Roe, who said it was “a betrayal of every voter "
            "in the north”.",
        ]
    )
    assert said["a betrayal of "] == "Jane Roe"


def test_a_relative_pronoun_beside_another_subject_of_the_verb_is_dropped() -> None:
    from builder.extract.extractor import _antecedents

    # "the council, which he said will act": the model may make both "which" and "he"
    # subjects of "said"; he speaks, not the council.
    words = ["the", "council", ",", "which", "he", "said", "will", "act"]
    pos = ["DET", "NOUN", "PUNCT", "PRON", "PRON", "VERB", "AUX", "VERB"]
    heads = [1, 1, 1, 5, 5, 1, 7, 5]
    deps = ["det", "ROOT", "punct", "nsubj", "nsubj", "relcl", "aux", "ccomp"]
    doc = _parsed(words, pos, heads, deps)
    assert [t.text for t in _antecedents([doc[3], doc[4]])] == ["he"]
    assert [t.text for t in _antecedents([doc[3]])] == ["council"]


def test_a_last_paragraph_opening_a_quotation_never_closed_is_one_quotation() -> None:
    # An excerpt cut inside a quotation: the last paragraph opens one and ends.
    said = _said(
        [
            "The talks in the capital ended on Tuesday.",
            "“The coalition is over,” Jane Roe said after the meeting.",
            "“To be honest, I never liked the coalition at all and I cannot see it",
        ]
    )
    assert said["To be honest, "] == "Jane Roe"
    # Not a paragraph that opens with words of its own.
    said = _said(["The talks ended on Tuesday.", "Jane Roe spoke of “a coalition that is"])
    assert said == {}


def test_she_added_is_the_person_quoted_just_before() -> None:
    said = _said(
        [
            "John Doe, the Northland ambassador, was ordered to leave the country on Monday.",
            "“We regret the decision to expel the ambassador,” the council's spokeswoman, "
            "Jane Roe, said in a statement. “We hope the decision can be reconsidered "
            "soon,” she added.",
        ]
    )
    assert said["We hope the de"] == "Jane Roe"  # not John Doe, the paragraph before's topic


def test_according_to_names_the_source_but_not_a_news_agency() -> None:
    said = _said(
        [
            "Fighting resumed in the north on Sunday.",
            "The rebels have said they “reserve the right to defend their positions,” "
            "according to Jane Roe, a spokeswoman for the rebels.",
            "The army “pushed back the attackers well before dawn,” according to Reuters.",
        ]
    )
    assert said["reserve the ri"] == "Jane Roe"
    assert said["pushed back th"] == ""  # an agency reports, it does not speak


def test_a_name_in_apposition_to_the_subject_is_who_speaks() -> None:
    said = _said(
        [
            "Shelling hit the border village of Northfield on Sunday, and two houses burned.",
            'Her husband, Peter Okafor, told reporters the soldiers "fired without any '
            'warning at all" for about ten minutes.',
        ]
    )
    assert said["fired without "] == "Peter Okafor"


def test_words_that_name_a_thing_are_the_words_of_who_calls_it_so() -> None:
    said = _said(
        [
            "The council approved the new road through the valley on Monday.",
            'Jane Roe called the plan "a disaster for every farmer in the valley" and '
            "left the meeting.",
        ]
    )
    assert said["a disaster for"] == "Jane Roe"


def test_the_company_said_is_the_body_the_text_is_about() -> None:
    said = _said(
        [
            "Northfield Airways welcomed the court ruling on state aid on Monday.",
            "The judges found that the subsidies had broken the rules of the single market.",
            "“The ruling ends years of unfair subsidies for our larger rivals,” the airline said.",
        ]
    )
    assert said["The ruling end"] == "Northfield Airways"


def test_it_said_with_no_one_quoted_before_is_the_body_the_text_is_about() -> None:
    said = _said(
        [
            "The Northfield Copper Company closed its largest mine on Tuesday.",
            "The mine had employed 400 people for thirty years. “The decision was taken "
            "after years of falling prices for copper,” it said.",
        ]
    )
    assert said["The decision w"] == "Northfield Copper Company"


def test_a_surname_read_as_a_place_or_missed_is_the_person_named_in_full() -> None:
    # The model reads the surname alone as a city (or finds no name in it): "he said"
    # must still reach that person, not the other one who acted a paragraph before.
    said = _said(
        [
            "Government spokesman Tunde Kaduna spoke to reporters in the capital on Monday.",
            "Union leader John Roe walked out of the talks on Friday evening.",
            "Kaduna asserted further that the union was playing politics by other means.",
            "“It is saddening that the union could go to this extreme before the talks,” he said.",
        ]
    )
    assert said["It is saddenin"] == "Kaduna"
    said = _said(
        [
            "Commission chairperson Moussa Faki Ndjamena arrived in the capital on Monday "
            "for a three-day visit.",
            "Former President John Roe resigned in November after a military intervention.",
            "Ndjamena hailed the peaceful transition and said the commission would help the "
            "country.",
            "“The transition was supported by the people, so we are here to support it,” he said.",
        ]
    )
    assert said["The transition"] == "Ndjamena"


def test_a_word_of_a_longer_name_or_an_acronym_is_no_surname() -> None:
    from builder.extract.extractor import _stands_alone

    nlp = load_extractor("model").nlp
    doc = nlp("Mr Kaduna met leaders of Fine Gael in Dublin.")
    assert _stands_alone(doc[1])  # after a title
    assert not _stands_alone(doc[6])  # "Gael" of "Fine Gael"


def test_a_surname_of_a_full_name_the_model_read_as_an_organisation() -> None:
    # The model labels the full name an organisation; a known first name opens it, so
    # its surname alone is still a person for "he said".
    said = _said(
        [
            "The visiting Commission chairperson Ibrahim Faki Tombal on Tuesday concluded "
            "his visit.",
            "Former President John Roe resigned in November after a military intervention.",
            "Tombal hailed the peaceful transition and said the commission would help the country.",
            "“The transition was supported by the people, so we are here to support it,” he said.",
        ]
    )
    assert said["The transition"] == "Tombal"


def test_a_bare_office_is_the_person_the_text_is_about() -> None:
    said = _said(
        [
            "Jane Roe rejected the offer of the ruling party on Monday.",
            "The Green League leader said the plan was “a betrayal of every voter in the north”.",
        ]
    )
    assert said["a betrayal of "] == "Jane Roe"


def test_a_bare_office_is_not_a_person_of_another_office() -> None:
    said = _said(
        [
            "Prime Minister Jane Roe rejected the offer of the opposition on Monday.",
            "The president said the plan was “a betrayal of every voter in the north”.",
        ]
    )
    assert said["a betrayal of "] == ""


def test_an_unnamed_spokesperson_is_not_the_person_the_text_is_about() -> None:
    said = _said(
        [
            "Jane Roe rejected the offer of the ruling party on Monday.",
            "A ministry spokesperson said the plan was “a betrayal of every voter in the north”.",
        ]
    )
    assert said["a betrayal of "] == ""


def _parsed(words: list[str], pos: list[str], heads: list[int], deps: list[str]) -> Doc:
    """A Doc with the parse given, to reproduce a misparse the model makes on real text."""

    nlp = load_extractor("model").nlp
    lemmas = ["say" if w == "said" else w.lower() for w in words]
    return Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps, lemmas=lemmas)


def test_a_verb_after_the_quote_left_without_subject_is_the_name_after_it() -> None:
    from builder.extract.extractor import _name_beside, _speech_subjects

    # "'We sent doses,' said WRO chief Jane Roe." with "WRO" read as a pronoun and
    # "chief" as a verb, so that "said" has no subject.
    words = ["“", "We", "sent", "doses", ",", "”", "said", "WRO", "chief", "Jane", "Roe", "."]
    pos = ["PUNCT", "PRON", "VERB", "NOUN", "PUNCT", "PUNCT"]
    pos += ["VERB", "PRON", "VERB", "PROPN", "PROPN", "PUNCT"]
    heads = [6, 2, 6, 2, 6, 6, 6, 8, 6, 10, 8, 6]
    deps = ["punct", "nsubj", "ccomp", "dobj", "punct", "punct"]
    deps += ["ROOT", "nsubj", "ccomp", "compound", "dobj", "punct"]
    doc = _parsed(words, pos, heads, deps)
    quote = (0, doc[5].idx + 1)
    assert _name_beside(doc[6], quote).text == "Roe"
    assert [t.text for t in _speech_subjects(doc, quote, 0)] == ["Roe"]
    # "said Jane Roe's spokesman": the name does not close the phrase, no one is found.
    words = ["“", "We", "sent", "doses", ",", "”", "said", "Jane", "Roe", "'s", "aide", "."]
    pos = ["PUNCT", "PRON", "VERB", "NOUN", "PUNCT", "PUNCT"]
    pos += ["VERB", "PROPN", "PROPN", "PART", "NOUN", "PUNCT"]
    heads = [6, 2, 6, 2, 6, 6, 6, 8, 10, 8, 6, 6]
    deps = ["punct", "nsubj", "ccomp", "dobj", "punct", "punct"]
    deps += ["ROOT", "compound", "poss", "case", "dobj", "punct"]
    doc = _parsed(words, pos, heads, deps)
    assert _name_beside(doc[6], (0, doc[5].idx + 1)) is None


def test_a_capitalised_office_is_the_person_named_with_it_not_the_body() -> None:
    said = _said(
        [
            "PORT ELLIS, May 15: Acme Corp will open its 101st plant on May 18, its Chairman "
            "John Doe announced on Thursday.",
            "“We successfully opened the hundredth plant in the north in January,” the "
            "Chairman of the Northland Space Research Organisation said.",
        ]
    )
    assert said["We successfull"] == "John Doe"


def test_mentioning_assuring_and_saluting_are_speech() -> None:
    said = _said(
        [
            "Coach Jane Roe remained calm as she mentioned “We knew it would be a hard first "
            "match against them,” before the second half.",
            "Mr. John Doe assured that he had seen reports that “the border will reopen soon”.",
            "Captain Mary Major saluted her coach as a “great, great man” after the final.",
            "Jim Risch branded the new tax “a burden nobody can carry” on Monday.",
        ]
    )
    assert said["We knew it wou"] == "Jane Roe"
    assert said["the border wil"] == "John Doe"
    assert said["great, great m"] == "Mary Major"
    assert said["a burden nobod"] == "Jim Risch"


def test_a_titled_or_first_named_speaker_the_model_missed_is_a_person() -> None:
    # The model reads no name in "King Aldo VI" (so the country's possessive spoke) and
    # a work of art in "Hayden Morrow": the subject of a speech verb opened by a title
    # or a known first name is a person, named with the text's own words.
    said = _said(
        [
            "Late last month, Ruritania's King Aldo VI deplored the tensions between the two "
            'countries, and invited the president of Borduria "to make wisdom prevail" '
            "between them.",
            'After her death, the painter became "first a legend, then a myth and now a cult '
            'figure," Hayden Morrow wrote in a biography.',
        ]
    )
    assert said["to make wisdom"] == "Aldo VI"
    assert said["first a legend"] == "Hayden Morrow"


def test_a_title_opens_a_speaker_name_and_a_body_is_no_person() -> None:
    from builder.extract.extractor import _titled_name

    nlp = load_extractor("model").nlp

    def subject_name(text: str) -> tuple[str, str] | None:
        doc = nlp(text)
        found = _titled_name(doc, next(t for t in doc if t.dep_ == "nsubj"))
        return found and (found[0], " ".join(t.text for t in found[1]))

    assert subject_name("Prime Minister Fetu Naomi Tavita said the talks had failed.") == (
        "Prime Minister",
        "Fetu Naomi Tavita",
    )
    assert subject_name("Professor Ondrapi said the reef had recovered.") == (
        "Professor",
        "Ondrapi",
    )
    assert subject_name("Northwind said the talks had failed.") is None  # no title, no first name


def test_a_name_and_a_colon_before_a_quotation_is_who_speaks() -> None:
    said = _said(
        [
            "Northfield Rovers beat Southport City 2-1 in the cup final on Saturday.",
            "Rovers coach Jane Roe: “We suffered a lot in the first half but deserved it.”",
            "What the fans are saying: “This was the best final we have seen in years.”",
        ]
    )
    assert said["We suffered a "] == "Jane Roe"
    # a verb before the colon makes it a sentence that names no speaker
    assert said["This was the b"] == ""


def test_a_paragraph_opening_with_whole_quoted_sentences_goes_on_with_the_speaker() -> None:
    said = _said(
        [
            "“It is an honour to have made all these people happy,” Jane Roe said.",
            "“We have achieved something that our club has never achieved before.” "
            "Thousands of fans filled the streets of the capital after the final.",
        ]
    )
    assert said["We have achiev"] == "Jane Roe"


def test_a_body_that_reports_a_figure_is_who_speaks() -> None:
    said = _said(
        [
            "An air strike hit a residential building in Northfield on Sunday, the "
            "Ruritanian Observatory for Human Rights said.",
            "The Northland Defence Ministry reported a provisional death toll of five, "
            "“including two soldiers and a child”, and 15 wounded.",
        ]
    )
    assert said["including two "] == "Northland Defence Ministry"
