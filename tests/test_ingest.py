"""Tests of the ingest stage: the seed corpus, decoding, file rules, and properties."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.ingest import reader as ingest_module
from builder.ingest.decode import normalise
from builder.ingest.parse import prepare, split_byline
from builder.ingest.reader import IngestResult, decode, ingest, parse
from builder.model import Article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_000 = "000_ee2bf5860f8d726b.txt"
SEED_001 = "001_784da0c9cab41d92.txt"
SEED_002 = "002_275bc50fd10f4f4d.txt"
SEED_003 = "003_aa69ce883ff4fbed.txt"
SEED_004 = "004_12b8b79cbf2504a8.txt"

BODY = (
    "The government announced on Monday that it would raise taxes on imported goods by "
    "ten percent, a move that analysts said could hurt small businesses across the country. "
    "The minister said the decision was necessary and would be reviewed next year."
)


@pytest.fixture(scope="module")
def corpus() -> IngestResult:
    return ingest(SEEDS)


def from_seed(corpus: IngestResult, seed: str) -> list[Article]:
    return [a for a in corpus.articles if seed in a.sources]


def one(corpus: IngestResult, seed: str) -> Article:
    found = from_seed(corpus, seed)
    assert len(found) == 1
    return found[0]


def texts(article: Article) -> list[str]:
    return [p.text for p in article.paragraphs]


# --- the seed corpus -------------------------------------------------------------------------


def test_seeds_give_six_articles_from_five_files(corpus: IngestResult) -> None:
    assert len(corpus.articles) == 6
    assert sorted({s for a in corpus.articles for s in a.sources}) == sorted(
        p.name for p in SEEDS.glob("*.txt")
    )
    assert len({a.id for a in corpus.articles}) == 6
    assert not [p for p in corpus.problems if p.severity != "info"]


def test_paragraph_ids_start_at_one_and_are_consecutive(corpus: IngestResult) -> None:
    for article in corpus.articles:
        assert [p.id for p in article.paragraphs] == list(range(1, len(article.paragraphs) + 1))
        assert article.language == "en"


def test_seed_000_metadata_and_no_local_news(corpus: IngestResult) -> None:
    article = one(corpus, SEED_000)
    assert article.title == "Putin jumps on Trump’s Syria pivot to bolster Mideast hand"
    assert article.authors == ["Henry Meyer", "Ilya Arkhipov"]
    assert article.outlet == "Bloomberg"
    assert article.date is None  # "Friday, Dec. 2" has no year: never guessed
    assert article.url is None
    for paragraph in texts(article):
        for banned in ("Everett", "Snohomish", "Herald", "Talk to us", "In this photo"):
            assert banned not in paragraph
    assert not any("Everett" in c or "Herald" in c for c in article.captions)
    assert len(article.captions) == 1  # the caption printed twice is kept once
    assert texts(article)[0].startswith("Vladimir Putin is seizing")
    assert texts(article)[-1].endswith("will certainly increase.”")
    assert len(article.paragraphs) == 25


def test_seed_001_metadata_and_footers(corpus: IngestResult) -> None:
    article = one(corpus, SEED_001)
    assert article.title.startswith("Russia’s military role in Syria")
    assert article.outlet == "Los Angeles Times"
    assert article.authors == []
    assert article.date is not None
    assert (article.date.value, article.date.precision) == ("2017-11-21", "day")
    assert any(article.date.evidence in c for c in article.captions)
    for paragraph in texts(article):
        assert "Join our" not in paragraph
        assert "©" not in paragraph
        assert "Distributed by" not in paragraph
        assert "contributed to this report" not in paragraph
        assert "Visit the" not in paragraph
    assert len(article.paragraphs) == 32


def test_seed_002_url_date_and_trailing_links(corpus: IngestResult) -> None:
    article = one(corpus, SEED_002)
    assert article.title == "A Putin-Assad embrace launches Russia’s new peace bid for Syria"
    assert article.url is not None and article.url.startswith("https://www.washingtonpost.com/")
    assert article.date is not None
    assert (article.date.value, article.date.precision) == ("2017-11-21", "day")
    assert article.date.evidence in article.url
    assert article.authors == []
    assert article.outlet == "washingtonpost.com"
    assert len(article.captions) == 2
    for paragraph in texts(article):
        assert not paragraph.startswith("[")
        assert "on Facebook" not in paragraph
        assert "contributed to this report" not in paragraph
        assert "(Kremlin)" not in paragraph
    assert texts(article)[-1].startswith("The war is widely estimated")


def test_seed_003_heading_and_nbsp(corpus: IngestResult) -> None:
    article = one(corpus, SEED_003)
    assert article.title == "Putin Meets Assad as Russia Pushes for Syria-Turkey Accord"
    assert article.outlet is None and article.date is None and article.authors == []
    headings = [p.text for p in article.paragraphs if p.kind == "heading"]
    assert headings == ["Preparing ground"]
    assert not any("\u00a0" in p for p in texts(article))


def test_seed_004_holds_two_articles(corpus: IngestResult) -> None:
    first, second = from_seed(corpus, SEED_004)
    assert first.title.startswith("Putin’s Envoy, Syria’s Assad Hold ‘Secret Meeting’")
    assert second.title.startswith("Türkiye and Russia Engage in Delicate Maneuvers")
    for article in (first, second):
        assert "TT" not in texts(article)
        assert article.title not in texts(article)
        assert not set(article.captions) & set(texts(article))
        assert len(article.captions) == 1
        assert not any(p.endswith(")") for p in texts(article))
    # The second article's caption is dated but marked "File": not its date.
    assert "2024" in second.captions[0] and second.date is None
    assert first.date is None
    assert [p.text for p in first.paragraphs if p.kind == "heading"] == [
        "Converging views",
        "Military arrangements",
    ]
    assert [p.text for p in second.paragraphs if p.kind == "heading"] == [
        "Relations amid the war in Ukraine",
        "Moscow's new look at Syria",
    ]
    assert "Türkiye" in second.text
    assert len(second.paragraphs) == 37  # single-newline paragraphs, each its own


def test_ingest_is_deterministic(corpus: IngestResult) -> None:
    assert ingest(SEEDS) == corpus


# --- decode and normalise --------------------------------------------------------------------

SAMPLE = "Türkiye’s café said “yes” — naïve résumé.\nSecond line."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"])
def test_decode_unicode_encodings(encoding: str) -> None:
    text, _ = decode(SAMPLE.encode(encoding))
    assert text == SAMPLE


def test_decode_plain_utf8_has_no_problem() -> None:
    assert decode(SAMPLE.encode("utf-8")) == (SAMPLE, None)
    assert decode(SAMPLE.encode("utf-8-sig")) == (SAMPLE, None)


def test_decode_utf16_without_bom_is_reported() -> None:
    text, message = decode(SAMPLE.encode("utf-16-le"))
    assert text == SAMPLE and message and "UTF-16" in message


def test_decode_windows_1252() -> None:
    text, message = decode(SAMPLE.encode("cp1252"))
    assert text == SAMPLE
    assert message and "Windows-1252" in message


def test_decode_binary_and_nul_bytes() -> None:
    text, message = decode(bytes(range(256)) * 20)
    assert text == "" and message and "binary" in message
    text, message = decode(b"An ordinary line of text.\x00 Then more text follows here." * 10)
    assert message  # NUL bytes are always reported
    assert "\x00" not in text


def test_decode_file_cut_inside_a_character() -> None:
    data = "Türkiye".encode()
    text, message = decode(data + "é".encode()[:1])
    assert text == "Türkiye"
    assert message and "ends inside a UTF-8 character" in message


def test_normalise_typography() -> None:
    raw = "Tu\u0308rkiye\u00a0and\u200bRussia\r\nnext\u00a0line\u00a0\rlast"
    assert normalise(raw) == "Türkiye andRussia\nnext line\nlast"
    assert normalise("“Curly” ‘quotes’ stay — and dashes.") == "“Curly” ‘quotes’ stay — and dashes."


# --- parse: metadata, structure, furniture ---------------------------------------------------


def test_hard_wrapped_text_is_rejoined() -> None:
    text = (
        "Taxes rise on imported goods\n\nBy Jane Doe, Associated Press\n\n"
        "The government announced on Monday that it would raise taxes on\n"
        "imported goods by ten percent, a move that analysts said could\n"
        "hurt small businesses across the country in the coming months.\n\n"
        "Preparing the ground\n"
        "The minister said the decision was well-\n"
        "considered and necessary. Critics disagreed with that view and\n"
        "said so loudly in parliament this week during a long debate.\n"
    )
    (article,), _ = parse(text, "w.txt")
    assert article.authors == ["Jane Doe"]
    assert article.outlet == "Associated Press"
    assert [(p.kind, p.text[:25]) for p in article.paragraphs] == [
        ("text", "The government announced "),
        ("heading", "Preparing the ground"),
        ("text", "The minister said the dec"),
    ]
    assert "on imported goods" in article.paragraphs[0].text
    assert "well-considered" in article.paragraphs[2].text


@pytest.mark.parametrize(
    ("names", "authors", "affiliation"),
    [
        ("Henry Meyer and Ilya Arkhipov", ["Henry Meyer", "Ilya Arkhipov"], None),
        ("A One, B Two and C Three", ["A One", "B Two", "C Three"], None),
        ("A One and B Two, Wire Service", ["A One", "B Two"], "Wire Service"),
        ("A One, Staff Writer", ["A One"], None),
    ],
)
def test_split_byline(names: str, authors: list[str], affiliation: str | None) -> None:
    assert split_byline(names) == (authors, affiliation)


def test_no_author_identified_and_dated_line() -> None:
    text = f"A headline for the day\nno author identified\nPublished Nov. 3, 2021\n{BODY}\n"
    (article,), _ = parse(text, "d.txt")
    assert article.authors == []
    assert article.date is not None and article.date.value == "2021-11-03"
    assert texts(article) == [BODY]


def test_copyright_year_is_the_last_resort() -> None:
    (article,), _ = parse(f"A headline for the day\n\n{BODY}\n\n© 2019 Some Paper", "c.txt")
    assert article.date is not None
    assert (article.date.value, article.date.precision) == ("2019", "year")
    assert article.outlet == "Some Paper"


def test_file_photo_caption_gives_no_date() -> None:
    caption = "FILE — Officials meet in a capital city on June 1, 2020. (Jane Roe/Agency)"
    (article,), _ = parse(f"A headline for the day\n\n{caption}\n\n{BODY}", "f.txt")
    assert article.captions == [caption]
    assert article.date is None


def test_markup_inside_text_is_data() -> None:
    body = BODY + " <script>alert(1)</script> and **bold** {{ template }}."
    (article,), _ = parse(f"A headline for the day\n\n{body}", "m.txt")
    assert texts(article) == [body]


def test_html_page_is_reduced_to_visible_text() -> None:
    page = (
        "<!DOCTYPE html><html><head><title>x</title><script>var a = 1;</script></head>"
        f"<body><h1>A headline for the day</h1><p>{BODY} A &amp; B.</p></body></html>"
    )
    (article,), problems = parse(page, "p.html")
    assert article.title == "A headline for the day"
    assert texts(article) == [BODY + " A & B."]
    assert any("HTML" in p.message for p in problems)


def test_non_english_article_is_kept_with_its_language() -> None:
    german = (
        "Die Regierung hat am Montag angekündigt, dass sie die Steuern auf importierte Waren "
        "erhöhen wird. Das ist eine Maßnahme, die nach Ansicht von Analysten kleinen "
        "Unternehmen im ganzen Land in den kommenden Monaten schaden könnte."
    )
    (article,), problems = parse(f"Eine Überschrift für heute\n\n{german}", "de.txt")
    assert article.language == "de"
    assert any(p.severity == "info" and "English" in p.message for p in problems)


def test_two_articles_with_bylines_in_one_file() -> None:
    text = (
        f"First headline of the file\nBy Ann Example\n\n{BODY}\n\n"
        f"Second headline of the file\nBy Bob Example\n\n{BODY.replace('Monday', 'Friday')}\n"
    )
    articles, problems = parse(text, "two.txt")
    assert [a.title for a in articles] == [
        "First headline of the file",
        "Second headline of the file",
    ]
    assert [a.authors for a in articles] == [["Ann Example"], ["Bob Example"]]
    assert any("2 articles" in p.message for p in problems)


def test_subheading_after_blank_lines_does_not_split() -> None:
    text = f"A headline for the day\n\n{BODY}\n\n\n\nA subheading here\n\n{BODY} Again.\n"
    articles, _ = parse(text, "s.txt")
    assert len(articles) == 1


def test_an_ad_slots_controls_split_nothing_and_are_dropped() -> None:
    """An ad slot's labels printed twice ("Hide Ad" over "Hide Ad") are not a headline
    printed twice: the article stays whole and the labels are not text."""
    ad = "\n\nHide Ad\nHide Ad\n\n"
    text = f"A headline for the day\n\n{BODY}{ad}{BODY} More.{ad}{BODY} Again.\n\nAdvertisement\n"
    articles, problems = parse(text, "ads.txt")
    assert len(articles) == 1, [a.title for a in articles]
    assert not [p for p in problems if "holds" in p.message]
    assert texts(articles[0]) == [BODY, f"{BODY} More.", f"{BODY} Again."]


def test_same_article_twice_in_one_file_is_one_article() -> None:
    block = f"A headline for the day\nBy Ann Example\n\n{BODY}\n"
    articles, problems = parse(block + "\n\n\n" + block, "twice.txt")
    assert len(articles) == 1
    assert articles[0].sources == ["twice.txt"]
    assert any("same article" in p.message for p in problems)


def test_empty_and_furniture_only_texts() -> None:
    for text in ("", "  \n\n\t ", "Share this article\nTT\n© 2020 Some Paper\n"):
        articles, problems = parse(text, "e.txt")
        assert articles == []
        assert [p.message for p in problems] == ["no article text"]


# --- ingest: files, ids, duplicates ----------------------------------------------------------


def test_duplicate_across_two_files_is_one_article(tmp_path: Path) -> None:
    shutil.copy(SEEDS / SEED_003, tmp_path / "a.txt")
    (tmp_path / "b.txt").write_bytes((SEEDS / SEED_003).read_text().encode("utf-16"))
    result = ingest(tmp_path)
    assert len(result.articles) == 1
    assert result.articles[0].sources == ["a.txt", "b.txt"]
    assert any(p.source == "b.txt" and "same article" in p.message for p in result.problems)


def test_ids_are_unique_and_fall_back_to_a_hash(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"Same title here\n\n{BODY}")
    (tmp_path / "b.txt").write_text(f"Same title here\n\n{BODY} Different.")
    (tmp_path / "c.txt").write_text(f"🎉 🎉 🎉\n\n{BODY} Other.")
    ids = [a.id for a in ingest(tmp_path).articles]
    assert ids[:2] == ["same-title-here", "same-title-here-2"]
    assert re.fullmatch(r"article-[0-9a-f]{8}", ids[2])


def test_file_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(f"Outside headline\n\n{BODY}")
    seeds = tmp_path / "seeds"
    (seeds / "sub").mkdir(parents=True)
    (seeds / "sub" / "z.txt").write_text(f"Nested headline\n\n{BODY} Nested.")
    (seeds / "notes.md").write_text("not an article")
    (seeds / ".hidden.txt").write_text("ignored")
    (seeds / "empty.txt").write_text("  \n")
    (seeds / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (seeds / "big.txt").write_text(f"Big headline\n\n{BODY}\n" + "x" * 200)
    os.symlink(outside, seeds / "link.txt")
    os.symlink(seeds / "missing", seeds / "dangling.txt")
    monkeypatch.setattr(ingest_module, "MAX_BYTES", 300)
    result = ingest(seeds)
    assert [a.title for a in result.articles] == ["Big headline", "Nested headline"]
    assert result.articles[1].sources == ["sub/z.txt"]
    by_source = {(p.source, p.severity) for p in result.problems}
    assert ("notes.md", "info") in by_source
    assert ("link.txt", "warning") in by_source
    assert ("dangling.txt", "error") in by_source
    assert ("empty.txt", "warning") in by_source
    assert ("binary.txt", "warning") in by_source
    assert ("big.txt", "warning") in by_source
    assert not any(p.source == ".hidden.txt" for p in result.problems)


def test_missing_seeds_folder(tmp_path: Path) -> None:
    result = ingest(tmp_path / "nope")
    assert result.articles == [] and result.problems[0].severity == "error"


# --- properties ------------------------------------------------------------------------------


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_parse_never_raises_and_invents_nothing(text: str) -> None:
    articles, problems = parse(text, "random.txt")
    source = squeeze(prepare(text))
    for article in articles:
        assert squeeze(article.title) in source
        for paragraph in article.paragraphs:
            assert paragraph.text and squeeze(paragraph.text) in source
    assert all(p.source == "random.txt" for p in problems)


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüé", min_size=1, max_size=10)
_SENTENCE = st.lists(_WORD, min_size=3, max_size=25).map(lambda ws: " ".join(ws).capitalize() + ".")
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=4).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=12), st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
def test_body_paragraphs_are_preserved_verbatim(paragraphs: list[str], separator: str) -> None:
    text = "A plain headline for the test\n\n" + separator.join(paragraphs)
    (article,), _ = parse(text, "gen.txt")
    assert article.title == "A plain headline for the test"
    assert texts(article) == paragraphs


@pytest.mark.parametrize(
    "phrase",
    [
        "Tuesday, Nov. 21, 2017",
        "21 November 2017",
        "2017-11-21",
        "May 7, 2020",
        "3rd March 2019",
        "Sept. 4, 2016",
        "Tue., Nov. 21, 2017",
        "November 31, 2017",
        "Wednesday, 2 May 2018",
        "Nov 1st, 2020",
        "April 03,2025",  # no space after the comma, as some page templates print it
    ],
)
def test_date_line_days_agree_with_dateparser(phrase: str) -> None:
    import dateparser

    from builder.ingest.lines import date_line

    assert date_line(f"Published {phrase}") == phrase

    from builder.ingest.parse import normalise_date

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    assert normalise_date(phrase) == (parsed.date().isoformat() if parsed else None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "北京市政府周一宣布，将对进口商品征收百分之十的关税。分析人士表示，这一举措可能会在"
            "未来几个月内损害全国各地的小企业。部长表示，这一决定是必要的，明年将进行审查。",
            "zh",
        ),
        (
            "Правительство объявило в понедельник, что повысит налоги на импортные товары на "
            "десять процентов. По словам аналитиков, это может навредить малому бизнесу.",
            "ru",
        ),
        (
            "أعلنت الحكومة يوم الاثنين أنها سترفع الضرائب على السلع المستوردة بنسبة عشرة في "
            "المئة، وقال محللون إن هذه الخطوة قد تضر بالشركات الصغيرة في جميع أنحاء البلاد.",
            "ar",
        ),
    ],
)
def test_articles_in_other_scripts_are_kept_with_their_language(text: str, code: str) -> None:
    (article,), _ = parse(text, "other.txt")
    assert article.language == code
    assert article.paragraphs and article.paragraphs[0].text.startswith(text[:10])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("French President Emmanuel Macron met Angela Merkel in Berlin on Monday.", "en"),
        ("Il presidente Emmanuel Macron ha incontrato Angela Merkel a Berlino lunedì.", "it"),
        ("Le président Emmanuel Macron a rencontré Angela Merkel à Berlin lundi.", "fr"),
    ],
)
def test_a_one_sentence_article_is_read_in_its_language(text: str, code: str) -> None:
    """A sentence of names is too little for the classifier alone ("pcm" for English)."""
    (article,), _ = parse(f"Leaders meet\n\n{text}\n", "short.txt")
    assert article.language == code


def test_a_rebuild_parses_only_the_files_that_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for name in sorted(os.listdir(SEEDS))[:3]:
        shutil.copy(SEEDS / name, seeds / name)
    cache = tmp_path / "cache"
    first = ingest(seeds, cache)
    assert len(list(cache.iterdir())) == 3
    changed = sorted(seeds.iterdir())[1]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nOne more line.\n")
    parsed: list[str] = []
    real = ingest_module.parse
    monkeypatch.setattr(
        ingest_module, "parse", lambda text, rel: parsed.append(rel) or real(text, rel)
    )
    second = ingest(seeds, cache)
    assert parsed == [changed.name]
    assert second.articles == ingest(seeds).articles and second.articles != first.articles
    assert len(list(cache.iterdir())) == 3  # the changed file's old parse is gone


# --- where a page names its own outlet ----------------------------------------------------------


@pytest.mark.parametrize(
    "closing",
    [
        "Jane Roe is a senior reporter at the Daily Planet",
        "Follow The Daily Planet on Facebook",
        "Sign up for the Daily Planet's morning newsletter",
        "This article was first published on Daily Planet. Read the original article.",
    ],
)
def test_outlet_from_where_a_page_names_itself(closing: str) -> None:
    (article,), _ = parse(f"A headline for the day\n\n{BODY}\n\n{closing}\n", "o.txt")
    assert article.outlet is not None and article.outlet.endswith("Daily Planet")


@pytest.mark.parametrize("closing", ["Follow Jane Roe on Twitter", "Follow us on Facebook"])
def test_no_outlet_from_a_person_or_an_authority(closing: str) -> None:
    (article,), _ = parse(f"A headline for the day\n\n{BODY}\n\n{closing}\n", "o.txt")
    assert article.outlet is None


def test_logo_label_over_the_headline_names_the_outlet() -> None:
    (article,), _ = parse(f"Daily Planet logo\nA headline for the day\n\n{BODY}\n", "l.txt")
    assert (article.title, article.outlet) == ("A headline for the day", "Daily Planet")
