"""Events: detection in parsed sentences, clustering, and the events of the seeds' site."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from builder.events.finder import find_events
from builder.extract.extractor import with_date
from builder.ingest.parse import estimate_date, estimated_reading_date, reading_date
from builder.model import (
    Article,
    DatedValue,
    Entity,
    Event,
    EventMention,
    ExtractedArticle,
    Mention,
    Paragraph,
    Sentence,
)
from tests.conftest import find_entity, on_timeline
from tests.maps import full_map_markers

# the seeds' site (session fixtures) -------------------------------------------------


def _events_with(corpus: dict[str, Any], *names: str) -> list[dict[str, Any]]:
    ids = set()
    for name in names:
        entity = find_entity(corpus, name)
        assert entity is not None, name
        ids.add(entity["id"])
    return [e for e in corpus["events"] if ids <= set(e["participants"]) | {e["place"]}]


def test_sochi_meeting_is_one_event_with_two_sources(corpus: dict[str, Any]) -> None:
    sochi = find_entity(corpus, "Sochi")
    assert sochi is not None
    found = [
        e
        for e in _events_with(corpus, "Vladimir Putin", "Bashar al-Assad")
        if e["date"] == "2017-11-20"
    ]
    assert len(found) == 1, [e["id"] for e in found]
    meeting = found[0]
    assert meeting["type"] in ("meeting", "talks", "visit")
    assert meeting["date_precision"] == "day"
    assert meeting["status"] == "reported"
    assert meeting["place"] == sochi["id"]
    articles = {s["article"] for s in meeting["sources"]}
    assert len(articles) == 2
    sources = {a["id"]: a["source"] for a in corpus["articles"]}
    assert {sources[a][:3] for a in articles} == {"001", "002"}
    # Both seeds' sentences about it are there, and no other event claims that day's meeting.
    others = [
        e
        for e in corpus["events"]
        if e["id"] != meeting["id"] and e["date"] == "2017-11-20" and e["type"] == "meeting"
    ]
    assert not others


def test_shoot_down_and_coup_are_dated_to_the_month(corpus: dict[str, Any]) -> None:
    shoot = [e for e in corpus["events"] if e["type"] == "shoot-down"]
    assert [(e["date"], e["date_precision"]) for e in shoot] == [("2015-11", "month")]
    assert {find_entity(corpus, "Russia")["id"], find_entity(corpus, "Turkey")["id"]} <= set(
        shoot[0]["participants"]
    )
    coups = [e for e in corpus["events"] if e["type"] == "coup" and e["date"]]
    assert [(e["date"], e["date_precision"]) for e in coups] == [("2016-07", "month")]
    assert coups[0]["date_evidence"] == "July 2016"


def test_no_event_from_the_local_news_list(corpus: dict[str, Any]) -> None:
    # Seed 000 ends with a newspaper's list of local stories (Everett, Snohomish
    # County...); ingest drops it, so no event may quote it or be dated from it.
    local = re.compile(r"Everett|Snohomish|Sayre|Munoz|Puget|Skotdal|Herald", re.I)
    paragraphs = {
        (a["id"], p["id"]): p["text"] for a in corpus["articles"] for p in a["paragraphs"]
    }
    assert corpus["events"]
    for event in corpus["events"]:
        for source in event["sources"]:
            text = paragraphs[(source["article"], source["paragraph"])]
            assert not local.search(text), (event["id"], text)
        assert not (event["date"] or "").startswith(("2024", "2025")), event["id"]


def test_relative_dates_unknown_without_publication_date(corpus: dict[str, Any]) -> None:
    """Seeds 003 and 004 give no date: "on Wednesday" there cannot be resolved."""
    undated = {a["id"] for a in corpus["articles"] if a["date"] is None}
    assert undated
    for event in corpus["events"]:
        if event["date"] and all(s["article"] in undated for s in event["sources"]):
            assert re.search(r"\b(19|20)\d\d\b", event["date_evidence"]), event


def test_scheduled_summit_is_not_a_past_fact(corpus: dict[str, Any]) -> None:
    scheduled = [e for e in corpus["events"] if e["status"] == "scheduled"]
    assert any(e["type"] == "summit" and e["date"] == "2017-11-22" for e in scheduled), [
        (e["id"], e["date"]) for e in scheduled
    ]


def test_event_ids_unique_and_pages_exist(corpus: dict[str, Any], site: Path) -> None:
    ids = [e["id"] for e in corpus["events"]]
    assert len(ids) == len(set(ids))
    for event in corpus["events"]:
        assert event["url"] == f"events/{event['id']}/"
        assert (site / event["url"] / "index.html").is_file()
    assert (site / "timeline" / "index.html").is_file()
    assert (site / "events" / "index.html").is_file()


def test_event_page_links_sources_and_participants(corpus: dict[str, Any], site: Path) -> None:
    meeting = next(
        e for e in _events_with(corpus, "Vladimir Putin", "Bashar al-Assad") if e["date"]
    )
    html = (site / meeting["url"] / "index.html").read_text(encoding="utf-8")
    assert "20 November 2017" in html and "overnight Monday" in html
    for source in meeting["sources"]:
        assert f'href="../../articles/{source["article"]}/#p{source["paragraph"]}"' in html
    for name in ("Vladimir Putin", "Bashar al-Assad", "Sochi"):
        entity = find_entity(corpus, name)
        assert f'href="../../{entity["url"]}"' in html
    assert "Related events" in html


def test_actor_place_and_article_pages_list_events(corpus: dict[str, Any], site: Path) -> None:
    putin = find_entity(corpus, "Vladimir Putin")
    html = (site / putin["url"] / "index.html").read_text(encoding="utf-8")
    section = html.split('id="events"', 1)[1].split("<h2", 1)[0]
    listed = re.findall(r'href="../../events/([^/]+)/"', section)
    mine = [e for e in corpus["events"] if putin["id"] in e["participants"]]
    assert listed and set(listed) == {e["id"] for e in mine}
    dates = [next(e["date"] for e in mine if e["id"] == i) for i in listed]
    known = [d for d in dates if d]
    assert known == sorted(known) and dates[: len(known)] == known  # date order, undated last
    sochi = find_entity(corpus, "Sochi")
    assert "../../events/" in (site / sochi["url"] / "index.html").read_text(encoding="utf-8")
    article = next(a for a in corpus["articles"] if a["source"].startswith("002"))
    page = (site / article["page"] / "index.html").read_text(encoding="utf-8")
    meeting = next(
        e
        for e in corpus["events"]
        if e["type"] == "meeting" and e["sources"][0]["article"] == article["id"]
    )
    assert "Events reported here" in page and f"../../{meeting['url']}" in page


def test_timeline_groups_dated_events_in_order(corpus: dict[str, Any], site: Path) -> None:
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    items = re.findall(r'<li class="nx-tl-item"[^>]*>.*?href="../events/([^/]+)/"', html)
    dated = on_timeline(corpus)
    assert set(items) == {e["id"] for e in dated}
    assert len(dated) > len([e for e in corpus["events"] if e["date"]])  # some by report
    order = {e["id"]: e["when"] for e in dated}
    assert [order[i][:7] for i in items] == sorted(order[i][:7] for i in items)
    assert "<h2" in html and "November 2017" in html
    assert 'src="../assets/news-explorer/timeline.js"' in html
    assert (site / "assets" / "news-explorer" / "timeline.js").is_file()


def test_events_layer_on_the_map(corpus: dict[str, Any], site: Path) -> None:
    html = (site / "map" / "places.html").read_text(encoding="utf-8")
    sochi = next(e for e in corpus["events"] if e["place"] and e["date"] == "2017-11-20")
    # Popups leave the map's iframe for the event page, relative to map/places.html.
    rings = [m for m in full_map_markers(html) if m["layer"] == "events"]
    assert rings and all("nx-event-marker" in m["style"]["className"] for m in rings)
    assert any(f'href="../{sochi["url"]}" target="_top"' in m["popup"] for m in rings)


def test_feed_dates_events_by_their_reports(corpus: dict[str, Any], site: Path) -> None:
    import xml.etree.ElementTree as ET

    atom = "{http://www.w3.org/2005/Atom}"
    entries = {
        e.findtext(f"{atom}title"): e.findtext(f"{atom}updated")
        for e in ET.parse(site / "feed.xml").getroot().findall(f"{atom}entry")
    }
    sochi = next(e for e in corpus["events"] if e["place"] and e["date"] == "2017-11-20")
    assert entries[sochi["title"]].startswith("2017-11-21")  # when it was news
    shoot = next(e for e in corpus["events"] if e["type"] == "shoot-down")
    assert shoot["title"] not in entries  # reported only by an undated article


def test_quotes_on_actor_pages_and_in_corpus(corpus: dict[str, Any], site: Path) -> None:
    putin = find_entity(corpus, "Vladimir Putin")
    said = [q for q in corpus["quotes"] if q["speaker"] == putin["id"]]
    assert any("military operation" in q["text"] for q in said)
    html = (site / putin["url"] / "index.html").read_text(encoding="utf-8")
    assert "Quoted" in html
    quote = next(q for q in said if "military operation" in q["text"])
    assert f'#p{quote["paragraph"]}"' in html
    surkov = find_entity(corpus, "Nikolay Surkov")
    assert surkov is not None
    assert any(q["speaker"] == surkov["id"] for q in corpus["quotes"])


# clustering and dates, on hand-made extraction results (no model) ------------------


def _article(aid: str, text: str, published: DatedValue | None) -> Article:
    return Article(aid, aid, [Paragraph(1, text)], [f"{aid}.txt"], date=published)


def _mentions(aid: str, text: str, names: dict[str, str]) -> list[Mention]:
    out = []
    for name, label in names.items():
        start = text.index(name)
        out.append(Mention(aid, 1, 0, start, start + len(name), name, label))
    return out


def _extracted(
    aid: str, text: str, names: dict[str, str], kind: str, dates: list[str], status: str
) -> tuple[ExtractedArticle, list[Mention]]:
    mentions = _mentions(aid, text, names)
    place = next(((m.start, m.end) for m in mentions if m.label == "PLACE"), None)
    spans = tuple((m.start, m.end) for m in mentions if m.label != "PLACE")
    date_spans = tuple((text.index(d), text.index(d) + len(d), d) for d in dates)
    # Told as done ("met") unless scheduled, as extraction would read these texts.
    event = EventMention(
        aid, 1, 0, kind, "x", 0, 1, spans, place, date_spans, status, past=status == "reported"
    )
    sentence = Sentence(aid, 1, 0, 0, len(text))
    return ExtractedArticle(aid, [sentence], mentions, [], event_mentions=[event]), mentions


def find_dated(
    articles: list[Article], extracted: list[ExtractedArticle], entities: list[Entity]
) -> list[Any]:
    """``find_events`` after reading each mention's date, as extraction does."""
    published = {a.id: a.date for a in articles}
    for result in extracted:
        result.event_mentions = [with_date(m, published[m.article]) for m in result.event_mentions]
    return find_events(articles, extracted, entities)


def _entities(mentions: list[Mention]) -> list[Entity]:
    by_name: dict[str, Entity] = {}
    for m in mentions:
        kind = {"PERSON": "person", "PLACE": "place", "COUNTRY": "country"}[m.label]
        entity = by_name.setdefault(m.text, Entity(m.text.lower(), m.text, kind))
        entity.mentions.append(m)
    return list(by_name.values())


TUESDAY = DatedValue("2017-11-21", "day", "Nov. 21, 2017")
TEXT_A = "On Monday, Ann Lee met Bo Ray in Lyon."
TEXT_B = "Bo Ray met Ann Lee overnight Monday in Lyon."


@pytest.mark.parametrize(
    ("date_a", "date_b", "expected"),
    [
        (TUESDAY, TUESDAY, 1),  # same day, same people, same place: one event
        (TUESDAY, DatedValue("2017-11-28", "day", "x"), 2),  # a week apart: two meetings
        (None, None, 2),  # undated articles: "Monday" could be any week
    ],
)
def test_reports_cluster_only_when_dates_agree(
    date_a: DatedValue | None, date_b: DatedValue | None, expected: int
) -> None:
    names = {"Ann Lee": "PERSON", "Bo Ray": "PERSON", "Lyon": "PLACE"}
    ea, ma = _extracted("a", TEXT_A, names, "meeting", ["On Monday"], "reported")
    eb, mb = _extracted("b", TEXT_B, names, "meeting", ["overnight Monday"], "reported")
    articles = [_article("a", TEXT_A, date_a), _article("b", TEXT_B, date_b)]
    events = find_dated(articles, [ea, eb], _entities(ma + mb))
    assert len(events) == expected
    if expected == 1:
        (event,) = events
        assert event.date == DatedValue("2017-11-20", "day", "On Monday")
        assert event.title == "Ann Lee and Bo Ray meet in Lyon"
        assert event.id == "ann-lee-and-bo-ray-meet-in-lyon-2017-11-20"
        assert event.place == "lyon" and event.participants == ["ann lee", "bo ray"]
        assert [s.article for s in event.sources] == ["a", "b"]
    if date_a is None:
        assert all(e.date is None for e in events)


def test_scheduled_weekday_points_forward() -> None:
    text = "Ann Lee will visit Lyon on Wednesday."
    extracted, mentions = _extracted(
        "a", text, {"Ann Lee": "PERSON", "Lyon": "PLACE"}, "visit", ["Wednesday"], "scheduled"
    )
    (event,) = find_dated([_article("a", text, TUESDAY)], [extracted], _entities(mentions))
    assert event.status == "scheduled"
    assert event.date is not None and event.date.value == "2017-11-22"


def test_event_dated_after_publication_is_scheduled() -> None:
    # No modal in sight, but the date is still to come when the article appeared.
    text = "Ann Lee meets Bo Ray in Lyon on Nov. 28."
    extracted, mentions = _extracted(
        "a",
        text,
        {"Ann Lee": "PERSON", "Bo Ray": "PERSON", "Lyon": "PLACE"},
        "meeting",
        ["Nov. 28"],
        "reported",
    )
    (event,) = find_dated([_article("a", text, TUESDAY)], [extracted], _entities(mentions))
    assert event.date is not None and event.date.value == "2017-11-28"
    assert event.status == "scheduled"


def test_mention_without_participants_or_date_is_no_event() -> None:
    text = "There was a meeting."
    extracted, _ = _extracted("a", text, {}, "meeting", [], "reported")
    assert find_dated([_article("a", text, TUESDAY)], [extracted], []) == []


@pytest.mark.parametrize(
    ("text", "year", "published", "kept"),
    [
        # history the story recalls, naming no one: not indexed
        ("A treaty was signed in 2005.", "2005", TUESDAY, False),
        # the year of publication itself is the story's own time
        ("A treaty was signed in 2017.", "2017", TUESDAY, True),
        # an undated article: no telling whether 2005 is history
        ("A treaty was signed in 2005.", "2005", None, True),
    ],
)
def test_nameless_happening_of_an_earlier_year_is_background(
    text: str, year: str, published: DatedValue | None, kept: bool
) -> None:
    extracted, _ = _extracted("a", text, {}, "agreement", [year], "reported")
    events = find_dated([_article("a", text, published)], [extracted], [])
    assert [e.date.value for e in events if e.date] == ([year] if kept else [])


@pytest.mark.parametrize(
    ("text", "month", "kept"),
    [
        # a month before the month of publication: history the story recalls
        ("A treaty was signed in July.", "July", []),
        # the month of publication is the story's own time
        ("A treaty was signed in November.", "November", ["2017-11"]),
    ],
)
def test_nameless_happening_of_an_earlier_month_is_background(
    text: str, month: str, kept: list[str]
) -> None:
    extracted, _ = _extracted("a", text, {}, "agreement", [month], "reported")
    events = find_dated([_article("a", text, TUESDAY)], [extracted], [])
    assert [e.date.value for e in events if e.date] == kept


def test_nameless_happening_before_an_undated_articles_estimated_day_is_background() -> None:
    # no publication date, but the text's latest day, named by its weekday, dates it
    text = "A treaty was signed in 2005, the minister said on Tuesday, Nov. 21, 2017."
    extracted, _ = _extracted("a", text, {}, "agreement", ["2005"], "reported")
    article = Article("a", "a", [Paragraph(1, text)], ["a.txt"], estimated_date=TUESDAY)
    assert find_dated([article], [extracted], []) == []


def test_named_happening_of_an_earlier_year_is_kept() -> None:
    text = "Ann Lee signed a treaty in 2005."
    extracted, mentions = _extracted(
        "a", text, {"Ann Lee": "PERSON"}, "agreement", ["2005"], "reported"
    )
    (event,) = find_dated([_article("a", text, TUESDAY)], [extracted], _entities(mentions))
    assert event.date is not None and event.date.value == "2005"


# detection in parsed sentences (the spaCy model) -------------------------------------


@pytest.fixture(scope="module")
def detect() -> Any:
    from builder.extract.extractor import load_extractor

    extractor = load_extractor("model")
    if extractor.info.name != "model":
        pytest.skip("the spaCy model is not installed")

    def run(text: str) -> list[tuple[str, str, list[str], list[str]]]:
        result = extractor.extract(Article("t", "t", [Paragraph(1, text)], ["t.txt"]))
        return [
            (
                m.type,
                m.status,
                [text[a:b] for a, b in m.participants],
                [d[2] for d in m.dates],
            )
            for m in result.event_mentions
        ]

    return run


def test_detects_meeting_with_participants_place_and_date(detect: Any) -> None:
    found = detect("The German chancellor Olaf Scholz met Emmanuel Macron in Paris on Monday.")
    assert ("meeting", "reported") in [(k, s) for k, s, _, _ in found]
    _, _, who, dates = next(f for f in found if f[0] == "meeting")
    assert {"Olaf Scholz", "Emmanuel Macron"} <= set(who) and dates == ["Monday"]


def test_detects_scheduled_and_skips_negated_and_quoted(detect: Any) -> None:
    assert detect("Joe Biden will visit Japan next week.")[0][:2] == ("visit", "scheduled")
    assert detect("Olaf Scholz did not meet Emmanuel Macron on Monday.") == []
    assert detect("“We will meet Emmanuel Macron on Monday,” Olaf Scholz said.") == []


def test_phone_call_needs_a_person(detect: Any) -> None:
    assert [k for k, *_ in detect("Vladimir Putin called Joe Biden on Tuesday.")] == ["phone call"]
    assert detect("Joe Biden called it a great day on Tuesday.") == []


# generic rules added after review (fix-ev) --------------------------------------------


@pytest.fixture(scope="module")
def roles() -> Any:
    """Detection with roles: type, participants, targets, place and date phrases."""
    from builder.extract.extractor import load_extractor

    extractor = load_extractor("model")
    if extractor.info.name != "model":
        pytest.skip("the spaCy model is not installed")

    def run(text: str) -> list[dict[str, Any]]:
        result = extractor.extract(Article("t", "t", [Paragraph(1, text)], ["t.txt"]))
        return [
            {
                "type": m.type,
                "who": [text[a:b] for a, b in m.participants],
                "targets": [text[a:b] for a, b in m.targets],
                "place": text[m.place[0] : m.place[1]] if m.place else None,
                "dates": [d[2] for d in m.dates],
            }
            for m in result.event_mentions
        ]

    return run


def test_goals_are_not_events(roles: Any) -> None:
    assert roles("Rebels in the north are fighting for Nicolas Maduro's ouster.") == []
    assert roles("Nicola Sturgeon demanded Boris Johnson's resignation.") == []
    # Talks after "for" are the purpose of a trip that happened.
    found = roles("Joe Biden flew to Paris on Monday for talks with Emmanuel Macron.")
    assert [f["type"] for f in found] == ["talks"]


def test_possessive_of_a_common_noun_is_not_a_participant(roles: Any) -> None:
    found = roles("Kamala Harris held talks with Xi Jinping's envoy in Geneva on Monday.")
    assert [f["who"] for f in found] == [["Kamala Harris"]]


def test_a_verb_during_a_call_is_the_call(roles: Any) -> None:
    found = roles(
        "Joe Biden and Andres Lopez discussed migration during an hourlong phone call on Friday."
    )
    assert [(f["type"], f["who"], f["dates"]) for f in found] == [
        ("phone call", ["Joe Biden", "Andres Lopez"], ["Friday"])
    ]


def test_a_phone_conversation_is_a_call(roles: Any) -> None:
    found = roles("Jane Roe had a phone conversation with Tom Hill on Tuesday.")
    assert [(f["type"], f["who"]) for f in found] == [("phone call", ["Jane Roe", "Tom Hill"])]
    assert roles("Jane Roe had a long conversation with Tom Hill on Tuesday.") == []


def test_a_meeting_dated_by_the_clause_that_holds_it(roles: Any) -> None:
    found = roles(
        "Mohammad Zarif was present at the meeting between Jane Roe and Ahmet Demir, "
        "which was held this evening."
    )
    assert [f["dates"] for f in found if f["type"] == "meeting"] == [["this evening"]]


def test_attack_records_agent_and_target(roles: Any) -> None:
    (found,) = roles("Vladimir Putin invaded Ukraine in 2022.")
    assert found["who"] == ["Vladimir Putin", "Ukraine"] and found["targets"] == ["Ukraine"]
    assert found["dates"] == ["2022"]


def test_pronoun_subject_is_the_person_named_before(roles: Any) -> None:
    text = (
        "Faced with protests, Boris Johnson apologized. "
        "Later, Joe Biden supported him when he faced an attempted coup in July 2016."
    )
    (coup,) = [f for f in roles(text) if f["type"] == "coup"]
    assert coup["who"] == ["Boris Johnson"] and coup["dates"] == ["July 2016"]


def test_sentence_opening_date_dates_a_joined_clause(roles: Any) -> None:
    (attack,) = roles("In 2020, Greece backed off when Azerbaijan routed Armenian forces.")
    assert attack["dates"] == ["2020"]
    assert attack["who"][0] == "Azerbaijan" and attack["targets"] == ["Armenian"]


def test_visit_is_placed_at_the_destination(roles: Any) -> None:
    (visit,) = roles("Top French officials visited British troops in northern Estonia.")
    assert visit["place"] == "Estonia"


def test_setting_phrase_takes_the_main_clause_people(roles: Any) -> None:
    text = (
        "At the secret meeting in Geneva, made public Tuesday, "
        "Joe Biden told Xi Jinping that trade would resume."
    )
    (meeting,) = roles(text)
    assert meeting["who"] == ["Joe Biden", "Xi Jinping"]
    assert meeting["place"] == "Geneva" and meeting["dates"] == []


def _undated(text: str, caption: str) -> Article:
    return Article("t", "t", [Paragraph(1, text)], ["t.txt"], captions=[caption])


def test_undated_story_reads_its_weekday_against_a_captions_day() -> None:
    text = "Jane Roe met Tom Hill in Carrow on Friday."
    caption = "Jane Roe and Tom Hill in Carrow, Northland, June 4, 2021. (Photo: Agency)"
    # 4 June 2021 was a Friday: the caption shows the story's day.
    assert reading_date(_undated(text, caption)) == DatedValue("2021-06-04", "day", "June 4, 2021")
    # A caption day the text's weekdays do not name may show an older picture.
    assert reading_date(_undated(text.replace("Friday", "Monday"), caption)) is None
    assert reading_date(_undated(text, caption.replace("Photo", "File photo"))) is None


def test_undated_story_dates_its_event_by_the_captions_day(roles: Any) -> None:
    from builder.extract.extractor import load_extractor

    text = "Jane Roe met Tom Hill in Carrow on Friday."
    caption = "Jane Roe and Tom Hill in Carrow, Northland, June 4, 2021. (Photo: Agency)"
    (meeting,) = load_extractor("model").extract(_undated(text, caption)).event_mentions
    assert meeting.date is not None and meeting.date.value == "2021-06-04"


def _wire_story(paragraphs: list[str], published: DatedValue | None) -> list[Any]:
    """The events of a made-up wire story whose second paragraph opens with its dateline."""
    from builder.extract.extractor import load_extractor

    article = Article(
        "w",
        "w",
        [Paragraph(i, text) for i, text in enumerate(paragraphs, 1)],
        ["w.txt"],
        date=published,
        dateline="CARROW",
    )
    extracted = load_extractor("model").extract(article)
    kinds = {"PERSON": "person", "ORG": "organization", "PLACE": "place", "COUNTRY": "country"}
    by_name: dict[str, Entity] = {}
    for m in extracted.mentions:
        entity = by_name.setdefault(m.text, Entity(m.text.lower(), m.text, kinds[m.label]))
        entity.mentions.append(m)
    return find_events([article], [extracted], list(by_name.values()))


def test_a_wire_leads_saying_is_the_news_of_its_day(roles: Any) -> None:
    caption = "Jane Roe, third left, greets supporters in Carrow."
    lead = "CARROW, Northland (AP) — The Northland Election Commission says Jane Roe won."
    day = DatedValue("2021-06-07", "day", "June 7, 2021")
    (said,) = [e for e in _wire_story([caption, lead], day) if e.type == "announcement"]
    assert said.date == day and said.date_basis == "report"
    # Without a publication day the saying is only the story's source.
    assert not [e for e in _wire_story([caption, lead], None) if e.type == "announcement"]


def _roled(
    aid: str, text: str, names: dict[str, str], kind: str, dates: list[str], targets: list[str]
) -> tuple[ExtractedArticle, list[Mention]]:
    extracted, mentions = _extracted(aid, text, names, kind, dates, "reported")
    (base,) = extracted.event_mentions
    spans = tuple((m.start, m.end) for m in mentions if m.text in targets)
    extracted.event_mentions = [replace(base, targets=spans)]
    return extracted, mentions


def test_title_reads_agent_on_target() -> None:
    text = "In 2022, Russia invaded Ukraine."
    names = {"Russia": "COUNTRY", "Ukraine": "COUNTRY"}
    extracted, mentions = _roled("a", text, names, "attack", ["2022"], ["Ukraine"])
    (event,) = find_dated([_article("a", text, TUESDAY)], [extracted], _entities(mentions))
    assert event.title == "Russia attacks Ukraine"
    # Nobody named as acting: the title must not make the target the actor.
    extracted, mentions = _roled("a", text, {"Ukraine": "COUNTRY"}, "attack", ["2022"], ["Ukraine"])
    (event,) = find_dated([_article("a", text, TUESDAY)], [extracted], _entities(mentions))
    assert event.title == "Attack on Ukraine"


def _two_sentences(kind_b: str, dates_b: list[str]) -> list[Any]:
    """One article: a dated meeting of A and B, then another report naming A."""
    text = "On Monday, Ann Lee met Bo Ray. Later Ann Lee's visit was praised in March."
    names = {"Ann Lee": "PERSON", "Bo Ray": "PERSON"}
    first, mentions = _extracted("a", text, names, "meeting", ["On Monday"], "reported")
    second_start = text.index("Later")
    start = text.index("Ann Lee", second_start)
    ann = Mention("a", 1, 1, start, start + len("Ann Lee"), "Ann Lee", "PERSON")
    date_spans = tuple((text.index(d), text.index(d) + len(d), d) for d in dates_b)
    second = EventMention(
        "a",
        1,
        1,
        kind_b,
        "x",
        second_start,
        second_start + 1,
        ((ann.start, ann.end),),
        None,
        date_spans,
        past=True,  # "was praised"
    )
    first.event_mentions.append(second)
    first.sentences.append(Sentence("a", 1, 1, second_start, len(text)))
    return find_dated([_article("a", text, None)], [first], _entities([*mentions, ann]))


def test_undated_report_joins_the_same_family_in_its_article() -> None:
    assert len(_two_sentences("visit", [])) == 1
    # "in March" cannot be read in an undated article, but it is not "on Monday".
    assert len(_two_sentences("visit", ["in March"])) == 2
    assert len(_two_sentences("attack", [])) == 2  # another family


@pytest.mark.parametrize(
    ("when", "dates"),
    [
        # weeks before the story's day: another happening than the one it tells as news
        ("on Oct. 2", ["2017-10-02", "2017-11-21"]),
        # the day before: the same happening, told twice
        ("on Nov. 20", ["2017-11-20"]),
    ],
)
def test_undated_report_of_the_day_does_not_join_a_happening_weeks_before(
    when: str, dates: list[str]
) -> None:
    text = f"Ann Lee visited Lyon {when}. Ann Lee met Bo Ray."
    names = {"Ann Lee": "PERSON", "Lyon": "PLACE"}
    extracted, mentions = _extracted("a", text, names, "visit", [when], "reported")
    second = text.index("Ann Lee met")
    ann = Mention("a", 1, 1, second, second + len("Ann Lee"), "Ann Lee", "PERSON")
    bo_start = text.index("Bo Ray")
    bo = Mention("a", 1, 1, bo_start, bo_start + len("Bo Ray"), "Bo Ray", "PERSON")
    met = EventMention(
        "a",
        1,
        1,
        "meeting",
        "met",
        second + 8,
        second + 11,
        ((ann.start, ann.end), (bo.start, bo.end)),
        None,
        (),
        past=True,  # "met": told as done, undated
    )
    extracted.event_mentions.append(met)
    extracted.sentences.append(Sentence("a", 1, 1, second, len(text)))
    events = find_dated(
        [_article("a", text, TUESDAY)], [extracted], _entities([*mentions, ann, bo])
    )
    assert sorted(e.date.value for e in events if e.date) == dates


def test_means_relative_clause_and_involving(roles: Any) -> None:
    (sanctions,) = roles("The European Union responded with sanctions that barred Russia.")
    assert sanctions["type"] == "sanctions"
    assert sanctions["targets"] == ["Russia"]
    (talks,) = roles("The capital was due to host talks involving Turkey, Syria and Iran.")
    assert talks["who"] == ["Turkey", "Syria", "Iran"]


def test_purpose_infinitive_is_an_aim(roles: Any) -> None:
    assert roles("Vladimir Putin is moving decisively to oust rebels from Aleppo.") == []


def test_venue_clause_places_the_summit(roles: Any) -> None:
    (summit,) = roles("Officials announced a summit on trade that will be held in Doha.")
    assert summit["place"] == "Doha"


def test_place_only_report_joins_the_dated_event_of_the_same_news() -> None:
    names = {"Ann Lee": "PERSON", "Bo Ray": "PERSON"}
    text_a = "Ann Lee and Bo Ray will hold a summit on Wednesday."
    text_b = "The summit will be held in Lyon."
    ea, ma = _extracted("a", text_a, names, "summit", ["on Wednesday"], "scheduled")
    eb, mb = _extracted("b", text_b, {"Lyon": "PLACE"}, "summit", [], "scheduled")
    articles = [_article("a", text_a, TUESDAY), _article("b", text_b, TUESDAY)]
    (event,) = find_dated(articles, [ea, eb], _entities(ma + mb))
    assert event.place == "lyon" and len(event.sources) == 2
    # Published another day: the place alone is not enough to join.
    articles[1] = _article("b", text_b, DatedValue("2017-11-25", "day", "x"))
    (event,) = find_dated(articles, [ea, eb], _entities(ma + mb))
    assert event.place is None


@pytest.mark.parametrize(
    ("kind", "label", "parties"),
    [
        ("visit", "COUNTRY", ["northland"]),  # the country hosts the visit
        ("election", "PLACE", ["carrow"]),  # a place holds its election
        ("visit", "PLACE", []),  # a city where a visit went is no party to it
    ],
)
def test_an_event_naming_only_where_takes_that_polity_as_its_party(
    kind: str, label: str, parties: list[str]
) -> None:
    name = "Northland" if label == "COUNTRY" else "Carrow"
    text = f"The {kind} in {name} took place on Monday."
    mentions = _mentions("a", text, {name: label})
    place = (mentions[0].start, mentions[0].end)
    dates = (text.index("on Monday"), len(text) - 1, "on Monday")
    mention = EventMention("a", 1, 0, kind, kind, 4, 9, (), place, (dates,), "reported")
    result = ExtractedArticle("a", [Sentence("a", 1, 0, 0, len(text))], mentions, [])
    result.event_mentions = [mention]
    (event,) = find_dated([_article("a", text, TUESDAY)], [result], _entities(mentions))
    assert event.participants == parties and event.place == name.lower()
    assert event.title == f"{event.title.split()[0]} in {name}"  # still where, not who


@pytest.mark.parametrize(
    ("country", "parties"),
    [
        ("Northland is far.", ["northland"]),  # the country the city lies in
        ("Southland is far.", []),  # a country the article names is not the city's
    ],
)
def test_an_event_naming_only_a_city_takes_its_country_as_its_party(
    country: str, parties: list[str]
) -> None:
    text = f"The attack in Carrow took place on Monday. {country}"
    name = country.split()[0]
    mentions = _mentions("a", text, {"Carrow": "PLACE", name: "COUNTRY"})
    city, state = _entities(mentions)
    city.country, state.country = "NL", "NL" if name == "Northland" else "SL"
    place = (mentions[0].start, mentions[0].end)
    dates = (text.index("on Monday"), text.index("on Monday") + 9, "on Monday")
    mention = EventMention("a", 1, 0, "attack", "attack", 4, 10, (), place, (dates,), "reported")
    result = ExtractedArticle("a", [Sentence("a", 1, 0, 0, len(text))], mentions, [])
    result.event_mentions = [mention]
    (event,) = find_dated([_article("a", text, TUESDAY)], [result], [city, state])
    assert event.participants == parties and event.place == "carrow"
    assert event.title == "Attack in Carrow"  # still where, not who


@pytest.mark.parametrize(("when", "kept"), [("in 2005", False), ("in 2017", True)])
def test_a_happening_naming_only_where_is_background_in_an_earlier_year(
    when: str, kept: bool
) -> None:
    # its place's country takes part ("the attack in Carrow": Northland's), but the
    # text still names no one: an earlier year's is history told in passing
    text = f"An attack hit Carrow {when}. Northland is far."
    mentions = _mentions("a", text, {"Carrow": "PLACE", "Northland": "COUNTRY"})
    city, country = _entities(mentions)
    city.country = country.country = "NL"
    year = when.split()[1]
    dates = (text.index(year), text.index(year) + 4, year)
    place = (mentions[0].start, mentions[0].end)
    mention = EventMention("a", 1, 0, "attack", "attack", 3, 9, (), place, (dates,), "reported")
    result = ExtractedArticle("a", [Sentence("a", 1, 0, 0, len(text))], mentions, [])
    result.event_mentions = [mention]
    events = find_dated([_article("a", text, TUESDAY)], [result], [city, country])
    assert [e.participants for e in events] == ([["northland"]] if kept else [])


@pytest.mark.parametrize(
    ("kind", "parties"),
    [
        ("visit", ["jane roe", "northland"]),  # the host of the visit
        ("election", ["jane roe", "northland"]),  # the polity that votes
        ("meeting", ["jane roe"]),  # where people met is no party to it
    ],
)
def test_a_visit_or_election_takes_the_country_of_its_place_as_a_party(
    kind: str, parties: list[str]
) -> None:
    text = f"Jane Roe had a {kind} in Carrow on Monday. Northland is far."
    mentions = _mentions(
        "a", text, {"Jane Roe": "PERSON", "Carrow": "PLACE", "Northland": "COUNTRY"}
    )
    person, city, country = _entities(mentions)
    city.country = country.country = "NL"
    dates = (text.index("on Monday"), text.index("on Monday") + 9, "on Monday")
    place = (mentions[1].start, mentions[1].end)
    people = ((mentions[0].start, mentions[0].end),)
    mention = EventMention("a", 1, 0, kind, kind, 11, 16, people, place, (dates,), "reported")
    result = ExtractedArticle("a", [Sentence("a", 1, 0, 0, len(text))], mentions, [])
    result.event_mentions = [mention]
    articles = [_article("a", text, TUESDAY)]
    (event,) = find_dated(articles, [result], [person, city, country])
    assert event.participants == parties and event.place == "carrow"
    assert "Northland" not in event.title  # the title names who was named


def test_a_government_body_named_by_its_demonym_takes_part_with_its_country() -> None:
    from builder.gazetteer import Gazetteer

    text = "The Norwegian Foreign Ministry condemned the attack on Monday. Norway is far."
    names = {"Norwegian Foreign Ministry": "ORG", "Norway": "COUNTRY"}
    mentions = _mentions("a", text, names)
    ministry = Entity(
        "ministry", "Norwegian Foreign Ministry", "organization", mentions=[mentions[0]]
    )
    norway = Entity("norway", "Norway", "country", mentions=[mentions[1]], country="NO")
    dates = (text.index("on Monday"), text.index("on Monday") + 9, "on Monday")
    body = ((mentions[0].start, mentions[0].end),)
    mention = EventMention(
        "a",
        1,
        0,
        "condemnation",
        "condemned",
        31,
        40,
        body,
        None,
        (dates,),
        "reported",
        past=True,
        lemma="condemn",
    )
    result = ExtractedArticle("a", [Sentence("a", 1, 0, 0, len(text))], mentions, [])
    result.event_mentions = [with_date(mention, TUESDAY)]
    articles = [_article("a", text, TUESDAY)]
    (event,) = find_events(articles, [result], [ministry, norway], Gazetteer.load())
    assert event.participants == ["ministry", "norway"]
    # without the gazetteer (hand-made tests), the body alone
    (event,) = find_events(articles, [result], [ministry, norway])
    assert event.participants == ["ministry"]


def test_date_of_a_nearer_happening_is_not_borrowed(roles: Any) -> None:
    text = "Joe Biden is hosting a meeting ahead of the resumption of talks in Geneva next week."
    dated = {f["type"]: f["dates"] for f in roles(text)}
    assert dated.get("talks") == ["next week"] and dated.get("meeting", []) == []


def test_events_of_undated_articles_stand_at_their_estimate_marked(
    corpus: dict[str, Any], site: Path
) -> None:
    html = (site / "timeline" / "index.html").read_text(encoding="utf-8")
    articles = {a["id"]: a for a in corpus["articles"]}
    estimated = [
        e
        for e in corpus["events"]
        if not e["date"]
        and not any(articles[s["article"]]["date"] for s in e["sources"])
        and any(articles[s["article"]]["estimated_date"] for s in e["sources"])
    ]
    assert estimated  # the seeds have an undated article that names months
    items = dict(re.findall(r'(<li class="nx-tl-item".*?href="../events/([^/]+)/".*?</li>)', html))
    by_id = {ident: item for item, ident in items.items()}
    for event in estimated:
        assert ">estimated</span>" in by_id[event["id"]], event["id"]
    assert "marked “estimated”" in html


def test_titles_read_as_index_lines_and_claim_no_more_than_is_known() -> None:
    from builder.events.finder import _title

    def entity(ident: str, name: str, kind: str) -> Entity:
        return Entity(id=ident, name=name, kind=kind)

    known = {
        "jane": entity("jane", "Jane Roe", "person"),
        "john": entity("john", "John Doe", "person"),
        "north": entity("north", "Northland", "country"),
        "south": entity("south", "Southland", "country"),
        "port": entity("port", "Port Ellis", "place"),
    }
    assert (
        _title("meeting", ["jane", "john"], "port", known)
        == "Jane Roe and John Doe meet in Port Ellis"
    )
    assert _title("visit", ["jane"], "port", known) == "Jane Roe visits Port Ellis"
    assert (
        _title("phone call", ["jane", "john"], None, known)
        == "Jane Roe and John Doe speak by phone"
    )
    assert (
        _title("attack", ["north", "south"], None, known, ["south"])
        == "Northland attacks Southland"
    )
    assert _title("sanctions", ["south"], None, known, ["south"]) == "Sanctions on Southland"
    # Who tried a coup, or resigned, is not known from the names alone: no verb claims it.
    assert _title("coup", ["jane"], None, known) == "Coup attempt: Jane Roe"
    assert _title("agreement", [], None, known) == "Agreement"


@pytest.mark.parametrize("retraction", ["It never happened.", "None of this came about."])
def test_a_happening_the_next_sentence_takes_back_is_not_reported(retraction: str) -> None:
    from builder.extract import load_extractor

    text = f"In 2016, Jane Roe ordered a withdrawal from Northland. {retraction} Talks went on."
    published = DatedValue("2017-11-21", "day", "21 November 2017")
    article = Article("a", "T", [Paragraph(1, text)], ["a.txt"], date=published)
    found = load_extractor("model").extract(article).event_mentions
    assert "withdrawal" not in {e.type for e in found}
    kept = Article(
        "a", "T", [Paragraph(1, text.replace(retraction, ""))], ["a.txt"], date=published
    )
    assert "withdrawal" in {e.type for e in load_extractor("model").extract(kept).event_mentions}


def test_a_veto_is_filed_under_the_states_that_cast_it() -> None:
    from builder.extract import load_extractor

    text = (
        "On Monday, China joined Russia in vetoing a proposed UN Security Council "
        "resolution that demanded a truce."
    )
    published = DatedValue("2017-11-21", "day", "21 November 2017")
    article = Article("a", "T", [Paragraph(1, text)], ["a.txt"], date=published)
    (veto,) = [e for e in load_extractor("model").extract(article).event_mentions]
    assert veto.type == "veto"
    assert sorted(text[a:b] for a, b in veto.participants) == ["China", "Russia"]


def test_a_mediator_named_before_a_deal_is_no_party_to_it() -> None:
    from builder.extract import load_extractor

    text = "The envoy left a week after the China-mediated deal with Saudi Arabia to restore ties."
    published = DatedValue("2023-03-20", "day", "20 March 2023")
    article = Article("a", "T", [Paragraph(1, text)], ["a.txt"], date=published)
    found = load_extractor("model").extract(article).event_mentions
    (deal,) = [e for e in found if e.type == "agreement"]
    assert [text[a:b] for a, b in deal.participants] == ["Saudi Arabia"]


def test_related_events_rank_shared_participants_place_and_days() -> None:
    from builder.model import Corpus, Event
    from builder.render.events import MAX_RELATED, EventView

    def event(id_: str, day: str, who: list[str], place: str | None = None) -> Event:
        return Event(id_, id_, "meeting", DatedValue(day, "day", day), place, who, [])

    mine = event("mine", "2020-05-10", ["ann", "bob"], "paris")
    both = event("both", "2020-01-01", ["bob", "ann"])  # two shared participants: 4
    place = event("place", "2019-01-01", ["cy"], "paris")  # the place: 2
    one_late = event("one-late", "2021-01-01", ["ann"])  # one participant: 2, later
    near = event("near", "2020-05-11", ["dee"])  # the next day: 1
    crowd = [event(f"crowd-{i}", "2022-01-01", ["bob"]) for i in range(MAX_RELATED)]
    far = event("far", "2010-01-01", ["eve"])  # nothing shared: never related
    events = [mine, both, place, one_late, near, far, *crowd]
    view = EventView(Corpus(articles=[], entities=[], events=events), names={})
    related = view.related(mine)
    assert len(related) == MAX_RELATED and mine not in related and far not in related
    # The best 8: "both", then the 2-point events earliest first ("place", "one-late",
    # then the crowd's first five by id); "near" (1 point) is left out. Shown by date.
    best = {"both", "place", "one-late", *(f"crowd-{i}" for i in range(MAX_RELATED - 3))}
    assert {e.id for e in related} == best
    assert [e.id for e in related][:3] == ["place", "both", "one-late"]


def test_related_events_are_the_best_by_the_stated_points_on_random_corpora() -> None:
    """The tiers of ``related`` against the rule scored naively, pair by pair."""
    import random
    from datetime import date, timedelta

    from builder.model import Corpus, Event
    from builder.render.events import MAX_RELATED, NEARBY_DAYS, EventView

    for seed in range(20):
        rng = random.Random(seed)
        events = []
        for i in range(rng.randint(2, 120)):
            who = rng.sample(["ann", "bob", "cy", "dee", "eve", "fay"], rng.randint(0, 3))
            day = (date(2020, 1, 1) + timedelta(days=rng.randint(0, 200))).isoformat()
            dated = rng.choice([DatedValue(day, "day", day), DatedValue(day[:7], "month", day)])
            place = rng.choice([None, "paris", "rome"])
            events.append(Event(f"e{i}", f"e{i}", "meeting", dated, place, who, []))
        view = EventView(Corpus(articles=[], entities=[], events=events), names={})

        def points(a: Event, b: Event, days: dict[str, date | None]) -> int:
            shared = 2 * len(set(a.participants) & set(b.participants))
            shared += 2 if a.place and a.place == b.place else 0
            first, second = days[a.id], days[b.id]
            if first and second and abs((first - second).days) <= NEARBY_DAYS:
                shared += 1
            return shared

        for mine in events:
            scored = [
                (-points(mine, o, view.day_of), view.rank[o.id], o) for o in events if o is not mine
            ]
            best = sorted(t for t in scored if t[0] < 0)[:MAX_RELATED]
            expected = [o.id for _, _, o in sorted(best, key=lambda t: t[1])]
            assert [e.id for e in view.related(mine)] == expected


# dates from the report, through the real pipeline --------------------------------


def _pipeline_corpus(tmp_path: Path, body: str) -> dict[str, Any]:
    """corpus.json of one article dated Tuesday 21 November 2017 with ``body``."""
    from builder.pipeline import run
    from builder.render.data import corpus_to_dict

    seeds, docs = tmp_path / "seeds", tmp_path / "docs"
    seeds.mkdir()
    docs.mkdir()
    (seeds / "a.txt").write_text(
        f"Leaders meet in Port Ellis\n\nNovember 21, 2017\n\n{body}\n", encoding="utf-8"
    )
    return corpus_to_dict(run(seeds, cache_dir=None, progress=lambda _: None, docs_dir=docs))


def _pipeline_events(tmp_path: Path, body: str) -> list[dict[str, Any]]:
    return _pipeline_corpus(tmp_path, body)["events"]


def test_an_undated_happening_takes_the_reports_date_marked_as_such(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path,
        "Emmanuel Macron met Angela Merkel in Berlin. "
        "Theresa May visited Warsaw on Friday, November 17.",
    )
    by_type = {e["type"]: e for e in events}
    meeting, visit = by_type["meeting"], by_type["visit"]
    assert (meeting["date"], meeting["date_basis"]) == ("2017-11-21", "report"), meeting
    assert (visit["date"], visit["date_basis"]) == ("2017-11-17", "text"), visit


def test_a_vote_an_election_adjective_marks_is_an_election(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path, "Emmanuel Macron spoke in Paris.\n\nJane Doe won Sunday's presidential vote."
    )
    assert [(e["type"], e["date"], e["participants"]) for e in events] == [
        ("election", "2017-11-19", ["jane-doe"])
    ], events


def test_a_share_of_the_vote_is_no_election(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path, "Emmanuel Macron spoke in Paris.\n\nJane Doe won 40% of the vote on Sunday."
    )
    assert "election" not in {e["type"] for e in events}, events


def test_a_happening_told_as_earlier_takes_no_report_date(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path, "Emmanuel Macron had met Angela Merkel in Berlin before the vote."
    )
    meetings = [e for e in events if e["type"] == "meeting"]
    assert meetings and all(e["date"] is None and e["date_basis"] is None for e in meetings)


# statements, lawsuits and verdicts: titled with the text's own verb -------------------


@pytest.mark.parametrize(
    ("body", "kind", "title"),
    [
        (
            "Elon Musk sued OpenAI in a California court on Thursday.",
            "lawsuit",
            "Elon Musk sues OpenAI",
        ),
        (
            "Pakistan firmly rejected Subrahmanyam Jaishankar's remarks on Sunday.",
            "rejection",
            "Pakistan rejects Subrahmanyam Jaishankar's remarks",
        ),
        (
            "Bolivia declared a state of emergency.",
            "announcement",
            "Bolivia declares a state of emergency",
        ),
        ("Angela Merkel warned that talks could fail.", "warning", "Warning: Angela Merkel"),
    ],
)
def test_statements_and_lawsuits_are_events_titled_by_their_verb(
    tmp_path: Path, body: str, kind: str, title: str
) -> None:
    events = [e for e in _pipeline_events(tmp_path, body) if e["type"] == kind]
    assert [e["title"] for e in events] == [title], events
    assert events[0]["date"] is not None


@pytest.mark.parametrize("verb", ["confirmed", "disclosed", "revealed"])
def test_a_fact_made_public_on_a_named_day_is_a_dated_statement(tmp_path: Path, verb: str) -> None:
    body = f"Emmanuel Macron spoke in Paris.\n\nJane Doe {verb} the figures on Monday."
    events = [e for e in _pipeline_events(tmp_path, body) if e["type"] == "announcement"]
    assert [e["date"] for e in events] == ["2017-11-20"], events


@pytest.mark.parametrize("when", ["on Monday night", "on Monday morning", "late Monday evening"])
def test_a_statement_dated_by_a_part_of_its_day(tmp_path: Path, when: str) -> None:
    body = f"Emmanuel Macron spoke in Paris.\n\nJane Doe told supporters {when} that they won."
    events = [e for e in _pipeline_events(tmp_path, body) if e["type"] == "announcement"]
    assert [(e["date"], e["date_basis"]) for e in events] == [("2017-11-20", "text")], events


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("Trade will suffer, Germany's leader said on Monday.", "Germany"),
        ("Poland's foreign ministry said on Monday that it would respond.", "Poland"),
    ],
)
def test_a_country_speaks_through_its_leader_or_ministry(
    tmp_path: Path, body: str, speaker: str
) -> None:
    corpus = _pipeline_corpus(tmp_path, f"Emmanuel Macron spoke in Paris.\n\n{body}")
    names = {e["id"]: e["name"] for e in corpus["entities"]}
    said = [e for e in corpus["events"] if e["type"] == "announcement"]
    assert [[names[p] for p in e["participants"]] for e in said] == [[speaker]], said


def test_a_title_never_names_an_apposition_as_a_party(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path,
        "Egypt, the biggest recipient of American military aid after Israel, "
        "condemned the attack on Monday.",
    )
    (event,) = [e for e in events if e["type"] == "condemnation"]
    assert event["participants"] == ["egypt"], event
    assert event["title"] == "Egypt condemns the attack"


@pytest.mark.parametrize(
    ("lemma", "form"),
    [
        ("sue", "sues"),
        ("accuse", "accuses"),
        ("deny", "denies"),
        ("reach", "reaches"),
        ("play", "plays"),
        ("have", "has"),
    ],
)
def test_third_person(lemma: str, form: str) -> None:
    from builder.events.finder import third_person

    assert third_person(lemma) == form


def test_the_lead_sentence_tells_a_happening_no_trigger_names(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path,
        "Brazil sent 9,000 soldiers to Rio de Janeiro on Monday.\n\n"
        "Argentina sent 200 doctors to Bolivia.",
    )
    lead = [e for e in events if e["type"] == "other"]
    assert [(e["title"], e["date"]) for e in lead] == [
        ("Brazil sends 9,000 soldiers", "2017-11-20")
    ], events


@pytest.mark.parametrize(
    ("body", "title", "date"),
    [
        # background a clause dates with its own year, told by its verb
        (
            "Emmanuel Macron spoke in Paris.\n\nGermany cut ties with Iran in 2016.",
            "Germany cuts ties",
            "2016",
        ),
        (
            "Emmanuel Macron spoke in Paris.\n\n"
            "Notably, Pakistan was suspended for a similar violation in 2017.",
            "Pakistan suspended",
            "2017",
        ),
        (
            "Emmanuel Macron spoke in Paris. Ryanair in 2021 challenged the subsidies.",
            "Ryanair challenges the subsidies",
            "2021",
        ),
    ],
)
def test_a_later_clause_with_its_own_date_tells_a_happening(
    tmp_path: Path, body: str, title: str, date: str
) -> None:
    events = [e for e in _pipeline_events(tmp_path, body) if e["type"] == "other"]
    assert [(e["title"], e["date"]) for e in events] == [(title, date)], events


@pytest.mark.parametrize(
    "body",
    [
        # a state since a time, a present perfect, a date of what is acted upon, a role,
        # a happening taken back, a trigger governed: no background happening
        "Emmanuel Macron spoke in Paris.\n\nGermany has been embroiled in a feud since 2014.",
        "Emmanuel Macron spoke in Paris.\n\nAcme has erased the loss in 2021.",
        "Emmanuel Macron spoke in Paris.\n\nGermany recalled the protests of March 2015.",
        "Emmanuel Macron spoke in Paris.\n\nAngela Merkel played a key role in 2015.",
        "Emmanuel Macron spoke in Paris.\n\nIn 2016, Germany ordered troops home. It never "
        "happened.",
    ],
)
def test_a_dated_clause_that_tells_no_happening_gives_none(tmp_path: Path, body: str) -> None:
    events = [e for e in _pipeline_events(tmp_path, body) if e["type"] == "other"]
    assert events == [], events


@pytest.mark.parametrize(
    "body",
    [
        "Emmanuel Macron looks forward to meeting Angela Merkel in Berlin.",
        "Since his election, Emmanuel Macron has been eager to meet Angela Merkel.",
        "Emmanuel Macron meets Angela Merkel in Berlin regularly.",
    ],
)
def test_only_a_happening_told_as_done_takes_the_reports_date(tmp_path: Path, body: str) -> None:
    events = _pipeline_events(tmp_path, body)
    assert all(e["date_basis"] != "report" for e in events), events


@pytest.mark.parametrize(
    ("body", "kind", "status"),
    [
        ("On Monday, China joined Russia in vetoing a proposal.", "veto", "reported"),
        ("Moscow was due to host talks involving Turkey, Syria and Iran.", "talks", "scheduled"),
        (
            "Iran will reopen its embassy a week after the deal with Saudi Arabia.",
            "agreement",
            "reported",
        ),
    ],
)
def test_participles_and_plans_keep_their_events(
    tmp_path: Path, body: str, kind: str, status: str
) -> None:
    events = [e for e in _pipeline_events(tmp_path, body) if e["type"] == kind]
    assert [e["status"] for e in events] == [status], events


@pytest.mark.parametrize(
    ("body", "kind", "title"),
    [
        (
            "The military chief met Emmanuel Macron and Angela Merkel in Paris on Friday.",
            "meeting",
            "Meeting with Emmanuel Macron and Angela Merkel in Paris",
        ),
        (
            "Emmanuel Macron and Angela Merkel negotiated with the rebels on Monday.",
            "talks",
            "Talks: Emmanuel Macron and Angela Merkel",
        ),
    ],
)
def test_an_unnamed_other_side_is_named_in_the_title_not_paired(
    tmp_path: Path, body: str, kind: str, title: str
) -> None:
    events = _pipeline_events(tmp_path, body)
    assert [e["title"] for e in events if e["type"] == kind] == [title], events


def test_what_is_announced_is_no_party_to_the_announcement(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path, "Wilbur Ross announced tariffs on Canadian lumber on Tuesday."
    )
    (event,) = [e for e in events if e["type"] == "announcement"]
    assert event["participants"] == ["wilbur-ross"], event
    assert event["title"] == "Wilbur Ross announces tariffs"


def test_guests_of_an_unnamed_host_are_not_related_as_having_met(tmp_path: Path) -> None:
    corpus = _pipeline_corpus(
        tmp_path,
        "The military chief met Emmanuel Macron and Angela Merkel in Paris on Friday.\n\n"
        "Emmanuel Macron held talks with Angela Merkel in Berlin on Monday.",
    )
    met = [r for r in corpus["relations"] if r["type"] in ("met", "negotiates")]
    paragraphs = {e["paragraph"] for r in met for e in r["evidence"]}
    assert paragraphs == {2}, met  # the talks of the second paragraph, not the first's guests


def test_being_met_with_objections_is_no_meeting(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path,
        "The ruling was met with objections from Emmanuel Macron on Wednesday. "
        "Angela Merkel, who has met with Theresa May in London, said little.",
    )
    assert [e["participants"] for e in events if e["type"] == "meeting"] == [
        ["angela-merkel", "theresa-may"]
    ], events


def test_an_agreement_named_like_an_organisation_is_no_party_to_itself(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path, "Ethiopia and Eritrea signed the Jeddah Agreement on Sunday."
    )
    assert [e["participants"] for e in events if e["type"] == "agreement"] == [
        ["ethiopia", "eritrea"]
    ], events


def test_a_report_date_is_marked_wherever_the_event_is_listed(
    corpus: dict[str, Any], site: Path
) -> None:
    reported = [e for e in corpus["events"] if e["date_basis"] == "report"]
    assert reported, "the seeds' phone calls of 21 November 2017 are dated by their report"
    index = (site / "events" / "index.html").read_text(encoding="utf-8")
    for event in reported:
        row = next(r for r in index.split("<tr>") if f"{event['url'].split('/')[1]}/" in r)
        assert ">reported</span>" in row, row
    page = (site / event["url"] / "index.html").read_text(encoding="utf-8")
    assert "the date of the earliest article reporting it" in page


def test_the_possessor_of_a_relative_clauses_antecedent_is_no_party(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path,
        "The ANC's key rival Democratic Alliance party, which won the vote on Sunday, said little.",
    )
    assert [(e["title"], e["participants"]) for e in events if e["type"] == "victory"] == [
        ("Democratic Alliance wins the vote", ["democratic-alliance"])
    ], events


def test_a_happening_pointed_back_at_is_not_told_again(tmp_path: Path) -> None:
    events = _pipeline_events(
        tmp_path,
        "Cyril Ramaphosa visited Kinshasa on Friday.\n\n"
        "This was Cyril Ramaphosa's first visit to the Congo since his inauguration.",
    )
    visits = [e for e in events if e["type"] == "visit"]
    assert [(e["date"], len(e["sources"])) for e in visits] == [("2017-11-17", 1)], events


#: Texts that tell no happening of these types (None: of any type), and why.
NO_HAPPENING = [
    (
        "It is widely expected that Vladimir Putin will seek and probably win a fourth term.",
        {"victory"},
    ),  # not asserted
    ("Emmanuel Macron is seeking to declare the failure of the committee.", {"announcement"}),
    ("Elon Musk threatened to sue OpenAI.", {"lawsuit"}),
    ("Elon Musk did not sue OpenAI.", {"lawsuit"}),
    ("Floods in Indonesia killed 24 people on Monday.", {"other"}),  # the actor is no subject
    ("Brazil is a large country.", {"other"}),
    (
        "Ryanair has welcomed the May 10 ruling by the European Union General Court that "
        "the European Commission was wrong to approve German state aid.",
        {"other"},
    ),
    ("Donald Trump said he looks forward to meeting Xi Jinping in Osaka.", None),  # a wish
    ("Rwanda accuses Uganda of backing the rebels, a claim Uganda denies.", None),  # a stance
    ("Egypt condemns Iran's interference in the affairs of its neighbours.", None),
    (
        "Algeria and Morocco have long accused each other of backing separatists.",
        {"accusation"},
    ),  # a pattern
    ("Emmanuel Macron has repeatedly met Angela Merkel in Berlin.", {"meeting"}),
    ("The intervention by Microsoft restored Sam Altman as chief executive on Friday.", {"attack"}),
]


@pytest.mark.parametrize(("body", "kinds"), NO_HAPPENING)
def test_texts_that_tell_no_happening(tmp_path: Path, body: str, kinds: set[str] | None) -> None:
    events = _pipeline_events(tmp_path, body)
    assert not [e for e in events if kinds is None or e["type"] in kinds], events


@pytest.mark.parametrize(
    ("body", "who", "date"),
    [
        (
            "Trade will suffer, the Northland Foreign Ministry said on Wednesday.",
            "Northland Foreign Ministry",
            "2017-11-15",
        ),
        (
            '"We are ready," Jane Roe said in a statement on Monday.',
            "Jane Roe",
            "2017-11-20",
        ),
    ],
)
def test_a_statement_with_its_own_day_is_an_announcement(
    tmp_path: Path, body: str, who: str, date: str
) -> None:
    corpus = _pipeline_corpus(tmp_path, body)
    events = [e for e in corpus["events"] if e["type"] == "announcement"]
    assert [(e["date"], e["date_basis"]) for e in events] == [(date, "text")], events
    names = {e["id"]: e["name"] for e in corpus["entities"]}
    assert [names[p] for p in events[0]["participants"]] == [who], events


@pytest.mark.parametrize(
    "body",
    [
        # an undated saying is the source of a quote, a negated one no statement, and
        # one with no named speaker is no one's
        "Trade will suffer, Jane Roe said.",
        "Jane Roe did not say on Monday whether trade would suffer.",
        "Trade will suffer, an official said on Monday.",
        # said in a span, not on a day; an answer to the reporter: background, sourcing
        "Trade will suffer, Jane Roe said last week.",
        "In January, Jane Roe said trade would suffer.",
        '"Trade will suffer," Jane Roe said by phone on Monday.',
    ],
)
def test_a_saying_without_a_day_or_a_name_is_no_announcement(tmp_path: Path, body: str) -> None:
    events = [e for e in _pipeline_events(tmp_path, body) if e["type"] == "announcement"]
    assert events == [], events


def test_a_datelines_place_and_day_are_not_the_events(roles: Any) -> None:
    found = roles("LISBON, March 7 (AP) -- Jane Roe met John Doe in Porto on Thursday.")
    meetings = [f for f in found if f["type"] == "meeting"]
    assert [(m["who"], m["dates"]) for m in meetings] == [(["Jane Roe", "John Doe"], ["Thursday"])]
    found = roles("Lisbon, Nov 10 (EFE).- The emir of Northland, Jane Roe, visited Porto Friday.")
    visits = [f for f in found if f["type"] == "visit"]
    assert visits and all("Lisbon" not in v["who"] and v["dates"] == ["Friday"] for v in visits)


def test_a_clause_told_at_the_time_of_its_host_takes_its_date(roles: Any) -> None:
    found = roles("The talks collapsed on Monday as Northland imposed sanctions on Southland.")
    assert [(f["type"], f["dates"]) for f in found] == [("sanctions", ["Monday"])]
    # "after" tells a sequence, which may cross the host's month or year: no date
    found = roles("Jane Roe resigned in 2019 after Northland invaded Southland.")
    assert [(f["type"], f["dates"]) for f in found] == [
        ("resignation", ["2019"]),
        ("attack", []),
    ]


def test_undated_story_reads_its_weekday_against_a_stamped_day() -> None:
    def story(*texts: str) -> Article:
        return Article("t", "t", [Paragraph(i, t) for i, t in enumerate(texts, 1)], ["t.txt"])

    stamp = "Mar 4, 2026 | 2 comments"
    text = "On Tuesday, Jane Roe announced a tariff on Northland's imports."
    assert reading_date(story(stamp, text)) == DatedValue("2026-03-04", "day", "Mar 4, 2026")
    # A day that is the time of a clause is no stamp of when the page was written: a
    # deadline, a past happening.
    assert reading_date(story(text, "Jane Roe wants a deal by 1 September 2029.")) is None
    assert reading_date(story(text, "The vase was stolen on 28 January 2011.")) is None


def test_undated_story_dates_what_it_tells_as_done_by_its_stamp() -> None:
    text = "Ann Lee met Bo Ray in Lyon."
    names = {"Ann Lee": "PERSON", "Bo Ray": "PERSON", "Lyon": "PLACE"}
    stamp = Paragraph(2, "Mar 4, 2026 | 2 comments")
    extracted, mentions = _extracted("a", text, names, "meeting", [], "reported")
    article = Article("a", "a", [Paragraph(1, text), stamp], ["a.txt"])
    (event,) = find_dated([article], [extracted], _entities(mentions))
    assert event.date == DatedValue("2026-03-04", "day", "Mar 4, 2026")
    assert event.date_basis == "report"
    # With no stamp, an undated story's happening stays undated.
    extracted, mentions = _extracted("a", text, names, "meeting", [], "reported")
    (event,) = find_dated([_article("a", text, None)], [extracted], _entities(mentions))
    assert event.date is None


def _estimated_story(*texts: str) -> Article:
    """An article that states no publication date, with its date estimated as parsing does."""
    paragraphs = [Paragraph(i, t) for i, t in enumerate(texts, 1)]
    return Article("a", "a", paragraphs, ["a.txt"], estimated_date=estimate_date(paragraphs))


def test_an_undated_story_reads_its_weekdays_against_an_estimate_they_agree_with() -> None:
    text = "Jane Roe spoke in Carrow on Friday. The talks had ended on March 8, 2024."
    # 8 March 2024 was a Friday: the story tells its day by that weekday
    assert estimated_reading_date(_estimated_story(text)) == DatedValue(
        "2024-03-08", "day", "March 8, 2024"
    )
    # a latest date no weekday of the text agrees with: a deadline, the story's past
    deadline = "On Monday, Jane Roe called for a deal by 1 September 2029."
    assert estimated_reading_date(_estimated_story(deadline)) is None
    assert estimated_reading_date(_estimated_story("Jane Roe spoke on March 8, 2024.")) is None


def test_an_undated_storys_weekday_dates_its_event_as_an_estimate() -> None:
    stamp = "The talks had ended on March 8, 2024, a Friday."
    text = "Ann Lee met Bo Ray in Lyon on Thursday."
    names = {"Ann Lee": "PERSON", "Bo Ray": "PERSON", "Lyon": "PLACE"}
    extracted, mentions = _extracted("a", text, names, "meeting", ["on Thursday"], "reported")
    article = replace(_estimated_story(stamp), paragraphs=[Paragraph(1, text), Paragraph(2, stamp)])
    (event,) = find_dated([article], [extracted], _entities(mentions))
    assert event.date is not None and event.date.value == "2024-03-07"
    assert event.date_basis == "estimated"
    # told as done without a date: the estimated day itself, as an estimate
    extracted, mentions = _extracted("a", text, names, "meeting", [], "reported")
    (event,) = find_dated([article], [extracted], _entities(mentions))
    assert event.date is not None and event.date.value == "2024-03-08"
    assert event.date_basis == "estimated"


def test_a_capital_named_as_acting_is_its_government(tmp_path: Path) -> None:
    corpus = _pipeline_corpus(
        tmp_path,
        "Norway and Chile held talks in Oslo on Monday.\n\n"
        "Oslo cut diplomatic ties with Chile in 2019.\n\n"
        "Peru signed a trade agreement with Oslo in 2015.",
    )
    norway, oslo = find_entity(corpus, "Norway"), find_entity(corpus, "Oslo")
    assert norway is not None and oslo is not None
    recall = [e for e in corpus["events"] if e["date"] == "2019"]
    assert [e["participants"][0] for e in recall] == [norway["id"]], corpus["events"]
    assert oslo["id"] not in recall[0]["participants"]
    # dealt with, as well as acting
    (deal,) = [e for e in corpus["events"] if e["date"] == "2015"]
    assert norway["id"] in deal["participants"] and oslo["id"] not in deal["participants"]
    # named as where, the capital stays a place and no party
    (talks,) = [e for e in corpus["events"] if e["type"] == "talks"]
    assert talks["place"] == oslo["id"] and oslo["id"] not in talks["participants"]


def test_a_place_named_as_a_party_takes_part_and_is_where() -> None:
    """ "the Carrow Museum said", "Ann Lee's team played Port Ellis": a place the clause
    names as who acts, or as the other side, is a party (an institution, a team under
    its town's name) and, with no other place named, where it happened."""
    text = "On Monday, the Carrow Museum said Ann Lee would lead it."
    mentions = _mentions("a", text, {"Carrow Museum": "PLACE", "Ann Lee": "PERSON"})
    spans = tuple((m.start, m.end) for m in mentions)
    monday = (text.index("Monday"), text.index("Monday") + 6, "Monday")
    said = EventMention(
        "a", 1, 0, "announcement", "said", 0, 1, spans, None, (monday,), "reported", past=True
    )
    extracted = ExtractedArticle(
        "a", [Sentence("a", 1, 0, 0, len(text))], mentions, [], event_mentions=[said]
    )
    (event,) = find_dated([_article("a", text, TUESDAY)], [extracted], _entities(mentions))
    assert event.participants == ["carrow museum", "ann lee"]
    assert event.place == "carrow museum"


@pytest.mark.parametrize(
    ("basis", "mark"), [("report", "reported"), ("estimated", "estimated"), ("text", None)]
)
def test_a_date_not_the_events_own_is_marked_how_it_was_found(basis: str, mark: str | None) -> None:
    from builder.render.events import _basis_tag

    day = DatedValue("2024-03-08", "day", "March 8, 2024")
    event = Event("e", "Meeting", "meeting", day, None, [], [], date_basis=basis)  # type: ignore[arg-type]
    tag = _basis_tag(event)
    assert (f">{mark}</span>" in tag) if mark else tag == ""
