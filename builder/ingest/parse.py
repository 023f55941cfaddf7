"""One file's text to articles: split, strip page furniture, find metadata, paragraphs.

Helpers of the ingest stage; ``builder.ingest.reader`` documents the rules and re-exports
``parse``. Everything here is pure: text in, articles and problems out, never raising.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import pairwise
from urllib.parse import urlsplit

from builder.ingest.decode import html_to_text, is_html_page, normalise
from builder.ingest.lines import (
    BYLINE,
    COPYRIGHT,
    DATE_STAMP,
    FILE_PHOTO,
    FULL_DATE,
    MAX_HEADLINE_WORDS,
    MONTH,
    YEAR,
    Dateline,
    Kind,
    agency_credit,
    classify,
    dateline,
    ends_sentence,
    is_headline,
    is_masthead,
    is_outlet_name,
    is_person_name,
    is_subheading,
    lead_credit,
    metadata_date,
    numeric_date,
    picture_credit,
    reporting_credits,
    self_named_outlet,
    source_line,
)
from builder.model import Article, DatedValue, Paragraph, Problem
from builder.text.dates import WEEKDAY_OR_SHORT, WEEKDAYS, explicit_date, url_date
from builder.text.lexicon import FUNCTION_WORDS
from builder.urls import Slugs, slug

#: Body words each side of a split point: a split never makes an article of furniture.
MIN_BODY_WORDS = 40
#: Non-blank lines within which a repeated headline counts as the same page's header.
HEADLINE_REPEAT_WINDOW = 8
#: Captions looked at for a date: dateparser is slow, and the first few tell it.
MAX_DATED_CAPTIONS = 50
#: Longest slug, cut at a word boundary.
MAX_SLUG = 80
#: Longest paragraph. A longer one (a file that is one line of megabytes) is cut into
#: pieces at sentence ends: NLP libraries refuse or crawl on megabyte strings, and a
#: page of one endless paragraph helps no reader. No text is lost.
MAX_PARAGRAPH_CHARS = 20_000
#: Ids that an article must never take: the articles index lives at ``articles/index``.
#: Words looked at to guess the language; enough for a stable share.
LANGUAGE_SAMPLE_WORDS = 3000
#: Fewer words than this and English is not recognised by its common words alone.
LANGUAGE_MIN_WORDS = 30
#: Fewer characters than this and the language is not guessed at all.
LANGUAGE_MIN_CHARS = 40
#: Share of common English function words below which a text is called not English.
ENGLISH_MIN_SHARE = 0.12
#: Common English words a text shorter than ``LANGUAGE_MIN_WORDS`` needs to be English.
SHORT_ENGLISH_MIN_WORDS = 2

# The commonest English words: frequent in any English prose, rare in other languages.
_ENGLISH_WORDS = frozenset(
    (
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "with", "as", "was",
        "by", "at", "it", "from", "said", "has", "have", "be", "are", "his", "he", "an", "not",
        "but", "will", "its", "this", "which", "who", "were", "been", "their", "they", "had",
        "would", "after", "also", "more", "than", "or", "about", "her", "she", "we", "our",
        "into", "over", "there", "when", "what", "can", "could",
    )
)  # fmt: skip

# Byline affiliations that describe a role, not an outlet.
_ROLE = re.compile(r"\b(?:staff|writer|reporter|correspondent|contributor|editor|special)\b", re.I)


@dataclass(frozen=True)
class _Line:
    no: int  # 0-based line number in the prepared text
    text: str
    kind: Kind


# --- entry point ----------------------------------------------------------------------------


def parse(text: str, source: str) -> tuple[list[Article], list[Problem]]:
    """One file's text to its articles (ids unique within the file) and problems."""
    problems: list[Problem] = []
    text = normalise(text)
    if is_html_page(text):
        text = normalise(html_to_text(text))
        problems.append(Problem(source, "saved HTML page: reduced to its visible text", "info"))
    text = _split_date_stamp(text)
    lines = [_Line(no, t, classify(t)) for no, t in enumerate(text.split("\n"))]
    segments = split_articles(lines)
    if len(segments) > 1:
        starts = ", ".join(str(seg[0].no + 1) for seg in segments[1:])
        message = f"holds {len(segments)} articles (split before line {starts})"
        problems.append(Problem(source, message, "info"))
    articles: list[Article] = []
    for segment in segments:
        article, found = _build_article(segment, source)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    if not articles and not any(p.message.startswith("no article text") for p in problems):
        problems.append(Problem(source, "no article text", "warning"))
    articles, duplicates = merge_duplicates(articles)
    return assign_ids(articles), problems + duplicates


def prepare(text: str) -> str:
    """The text ``parse`` works on: normalised, HTML pages reduced. Paragraphs come from it."""
    text = normalise(text)
    return _split_date_stamp(normalise(html_to_text(text)) if is_html_page(text) else text)


def _split_date_stamp(text: str) -> str:
    """A crawler's "date 2019-07-15 " before the first line goes on a line of its own,
    where it reads as a date line; the rest of the line is read as any other."""
    match = DATE_STAMP.match(text)
    if match is None:
        return text
    return f"date {match.group('date')}\n{text[match.end() :]}"


# --- splitting a file into articles ---------------------------------------------------------


def _prose_words(line: _Line) -> int:
    """Words of body text on a line; headlines and furniture count for nothing."""
    if line.kind is not Kind.TEXT or is_headline(line.text):
        return 0
    return len(line.text.split())


def _next_nonblank(lines: list[_Line], start: int, count: int) -> list[_Line]:
    found: list[_Line] = []
    for k in range(start, len(lines)):  # no slice: it would copy the rest of a huge file
        line = lines[k]
        if line.kind is not Kind.BLANK:
            found.append(line)
            if len(found) == count:
                break
    return found


_HEADER_KINDS = frozenset({Kind.CAPTION, Kind.DROP, Kind.URL, Kind.DATE, Kind.SOURCE, Kind.BYLINE})


def _repeats_in_header(lines: list[_Line], i: int) -> bool:
    """The headline recurs a few lines on, with only captions and markers between.

    Web pages print the headline over the photo and again over the text; a scrape
    keeps both. Body text between the two means it is not this pattern.
    """
    for line in _next_nonblank(lines, i + 1, HEADLINE_REPEAT_WINDOW):
        if line.text == lines[i].text:
            return True
        if line.kind not in _HEADER_KINDS:
            return False
    return False


def _blank_gap_before(lines: list[_Line], i: int) -> int:
    gap = 0
    while i - gap - 1 >= 0 and lines[i - gap - 1].kind is Kind.BLANK:
        gap += 1
    return gap


def _starts_article(lines: list[_Line], i: int, titles: set[str]) -> bool:
    """Does an article start at line i? Needs a headline plus page-header evidence."""
    line = lines[i]
    if line.kind is Kind.URL:
        after = _next_nonblank(lines, i + 1, 1)
        return bool(after) and after[0].kind is Kind.TEXT and is_headline(after[0].text)
    if line.kind is not Kind.TEXT or not is_headline(line.text):
        return False
    if line.text in titles or _repeats_in_header(lines, i):
        return True
    after = _next_nonblank(lines, i + 1, 2)
    if any(a.kind in (Kind.BYLINE, Kind.NO_AUTHOR) for a in after):
        return True
    header = {Kind.CAPTION, Kind.BYLINE, Kind.DATE, Kind.NO_AUTHOR}
    return _blank_gap_before(lines, i) >= 2 and bool(after) and after[0].kind in header


def split_articles(lines: list[_Line]) -> list[list[_Line]]:
    """Cut a file into articles where a new headline with its page header begins.

    A split needs body text on both sides, so a subheading or a repeated headline at
    the top of a single article never splits it.
    """
    cumulative = [0]
    for line in lines:
        cumulative.append(cumulative[-1] + _prose_words(line))
    total = cumulative[-1]
    first_title = _header_title(lines)
    titles = {first_title} if first_title else set()
    starts = [0]
    for i in range(1, len(lines)):
        before = cumulative[i] - cumulative[starts[-1]]
        if before < MIN_BODY_WORDS or total - cumulative[i] < MIN_BODY_WORDS:
            continue
        if _starts_article(lines, i, titles):
            start = i
            # Captions printed just above the new headline belong to the new article.
            while start - 1 > starts[-1] and lines[start - 1].kind in (Kind.CAPTION, Kind.BLANK):
                start -= 1
            while lines[start].kind is Kind.BLANK:
                start += 1
            starts.append(start)
            titles.add(lines[i].text)
    return [lines[a:b] for a, b in pairwise([*starts, len(lines)])]


def _header_title(lines: list[_Line]) -> str | None:
    """The first headline-shaped line before any body text. A short line further down
    (a stray credit, a subheading) is not the file's headline: were it taken as one,
    the same line printed again would split the article there."""
    for line in lines:
        if _title_candidate(line):
            return line.text
        if _prose_words(line):
            return None
    return None


#: Non-blank lines at the top of an article looked at for a headline printed twice,
#: and the most words such a headline has (a caption printed twice has more).
HEADER_LINES = 20
REPEATED_HEADLINE_WORDS = 20


def _repeated_headline(segment: list[_Line]) -> str | None:
    """The first headline-shaped line of the header that the page prints twice."""
    header = [ln for ln in segment if ln.kind is not Kind.BLANK][:HEADER_LINES]
    texts = [
        ln.text
        for ln in header
        if _title_candidate(ln)
        and 3 <= len(ln.text.split()) <= REPEATED_HEADLINE_WORDS
        and ". " not in ln.text  # a caption printed twice has sentences; a headline none
    ]
    return next((text for text in texts if texts.count(text) >= 2), None)


#: Kinds of line that may stand between a headline and the byline or date line under it.
_BETWEEN_HEADLINE_AND_BYLINE = frozenset(
    {Kind.BLANK, Kind.CAPTION, Kind.DROP, Kind.COPYRIGHT, Kind.URL, Kind.SOURCE}
)
#: Most words of a label or navigation line above the headline ("Middle East").
MAX_LABEL_WORDS = 3


def _headline_under_label(segment: list[_Line], first: str | None) -> str | None:
    """The longer headline under the line first taken as the title, when that line is a
    short label (a kicker, a language menu): right under it, or right above the
    header's byline or date line. Headlines of three words or fewer are rare; a
    kicker over the headline is common. A longer first line is kept: it is the
    headline, the line under it a standfirst."""
    if first is None or len(first.split()) > MAX_LABEL_WORDS:
        return None
    return _headline_after(segment, first) or _headline_over_metadata(segment, first)


def _headline_after(segment: list[_Line], first: str) -> str | None:
    """The title candidate next after the line ``first``, with only furniture between."""
    lines = iter(segment)
    if not any(line.text == first for line in lines):
        return None
    return _longer_headline_next(lines, first)


def _headline_over_metadata(segment: list[_Line], first: str) -> str | None:
    """The headline-shaped line right above the header's byline or date line."""
    above: list[_Line] = []
    for line in segment:
        if line.kind in (Kind.BYLINE, Kind.DATE, Kind.NO_AUTHOR):
            break
        if line.kind is Kind.TEXT and not is_headline(line.text):
            return None  # body text came first: no header metadata to look above
        above.append(line)
    else:
        return None
    return _longer_headline_next(reversed(above), first)


def _longer_headline_next(lines: Iterator[_Line], first: str) -> str | None:
    """The next line past furniture, if it is a headline longer than ``first``."""
    for line in lines:
        if line.kind in _BETWEEN_HEADLINE_AND_BYLINE:
            continue
        if _title_candidate(line) and len(line.text.split()) > len(first.split()):
            return line.text
        return None
    return None


#: Fewest words of a headline taken over the line first taken as the title because it
#: shares the lead's subject, and fewest subject words it must share (one is enough
#: when it is a name in both: "Marcos" over "President Ferdinand Marcos Jr. met ...").
LEAD_HEADLINE_WORDS = 4
LEAD_SHARED_WORDS = 2
#: Fewest words of the lead paragraph ("This story is over 5 years old." is furniture).
LEAD_WORDS = 15


def _headline_of_the_lead(
    segment: list[_Line], first: str | None, consumed: set[int]
) -> _Line | None:
    """The header's headline-shaped line that shares the lead paragraph's subject, when
    the line first taken as the title shares none of it.

    A headline names what its lead reports ("Police arrest 24 cartel members" over
    "Police have arrested two dozen members of the cartel ..."); a section name, a
    filter label or a menu over it ("Nation & World News", "Filtered By: Topstories")
    names nothing of it. A reader skips those to the line that does.
    """
    header: list[_Line] = []
    lead = None
    for line in segment:
        if line.no in consumed or line.kind is not Kind.TEXT:
            continue
        if not is_headline(line.text) and len(line.text.split()) >= LEAD_WORDS:
            lead = line.text
            break
        header.append(line)
    if lead is None:
        return None
    words = _subject_words(lead)
    if first is not None and _subject_words(first) & words:
        return None
    for line in header:
        if (
            line.text != first
            and _title_candidate(line)
            and len(line.text.split()) >= LEAD_HEADLINE_WORDS
            and _shares_subject(line.text, lead, words)
        ):
            return line
    return None


def _shares_subject(headline: str, lead: str, lead_words: set[str]) -> bool:
    shared = _subject_words(headline) & lead_words
    return len(shared) >= LEAD_SHARED_WORDS or bool(shared & _names(headline) & _names(lead))


def _names(text: str) -> set[str]:
    """The capitalised words of four letters or more, folded: names, mostly."""
    return {w.casefold() for w in re.findall(r"(?<![^\W\d_])[A-Z][^\W\d_]{3,}", text)}


def _subject_words(text: str) -> set[str]:
    """The words of four letters or more that say what a text is about."""
    found = {w.casefold() for w in re.findall(r"[^\W\d_]{4,}", text)}
    return found - FUNCTION_WORDS


def _title_candidate(line: _Line) -> bool:
    return line.kind is Kind.TEXT and is_headline(line.text) and len(line.text.split()) >= 2


# --- one article ----------------------------------------------------------------------------


@dataclass
class _Meta:
    title: str | None = None
    url: str | None = None
    authors: tuple[str, ...] = ()
    outlet_line: str | None = None
    affiliation: str | None = None
    copyright_year: str | None = None
    copyright_owner: str | None = None
    date_phrase: str | None = None
    masthead: str | None = None  # the outlet named on the date line
    source: str | None = None  # "Source: X"
    agency: str | None = None  # the dateline's "(Agency)"
    dateline_date: str | None = None  # the dateline's date, when it names its year
    site_name: str | None = None  # a masthead line over the headline, or its " - Site" end
    lead_credit: str | None = None  # "Outlet.com -- " opening the first paragraph
    reporter: str | None = None  # "told Agency", "Outlet understands that"
    picture_credit: str | None = None  # "Photo: Jane Roe/Outlet", "... (Agency)"
    self_named: str | None = None  # "Follow Outlet on", "Outlet logo", "Outlet's newsletter"


def _build_article(segment: list[_Line], source: str) -> tuple[Article | None, list[Problem]]:
    problems: list[Problem] = []
    segment, cut = _cut_trailing_block(segment)
    if cut:
        message = f"dropped a trailing block of other stories ({cut})"
        problems.append(Problem(source, message, "info"))
    meta = _Meta()
    consumed: set[int] = set()
    captions: dict[str, None] = {}  # insertion-ordered set: captions repeat on web pages
    _read_metadata(segment, meta, consumed, captions)
    repeated = _repeated_headline(segment) or _headline_under_label(segment, meta.title)
    of_the_lead = _headline_of_the_lead(segment, repeated or meta.title, consumed)
    if of_the_lead is not None:
        # What the page prints above its headline is furniture (menus, labels, notices).
        repeated = of_the_lead.text
        consumed.update(ln.no for ln in segment if ln.no < of_the_lead.no)
    if repeated is not None and repeated != meta.title:
        # Pages print the headline over the photo and again over the text, or right over
        # the byline and date; the line a scrape kept above (navigation, a section
        # label) is not the title.
        meta.title = repeated
        consumed.update(ln.no for ln in segment if ln.text == repeated)
    content = [ln for ln in segment if ln.no not in consumed]
    paragraphs = _paragraphs(content)
    long = [p for p in paragraphs if p.text.startswith(_CONTINUED)]
    if long:
        message = (
            f"text without a paragraph break for over {MAX_PARAGRAPH_CHARS:,} characters: "
            f"cut at sentence ends into {len(long)} more paragraph(s)"
        )
        problems.append(Problem(source, message, "warning"))
        paragraphs = [replace(p, text=p.text.removeprefix(_CONTINUED)) for p in paragraphs]
    if not any(p.kind == "text" for p in paragraphs):
        if meta.title or captions:
            problems.append(Problem(source, "no article text", "warning"))
        return None, problems
    if not _has_words(paragraphs):  # emoji, one endless token, symbols: not an article
        problems.append(Problem(source, "no article text: no words in any language", "warning"))
        return None, problems
    title = meta.title
    if title is not None and (ending := _site_ending(title)) is not None:
        title, meta.site_name = title[: -len(ending[0])].rstrip(), meta.site_name or ending[1]
    if title is None:
        title = _title_from_text(paragraphs)
        problems.append(Problem(source, f"no headline found; title from text: {title!r}", "info"))
    meta.source = meta.source or _closing_credit(paragraphs)
    meta.lead_credit = next((lead_credit(p.text) for p in paragraphs if p.kind == "text"), None)
    meta.reporter = _reporter(paragraphs)
    texts = [*captions, *(p.text for p in paragraphs)]
    meta.picture_credit = next((c for t in texts if (c := picture_credit(t))), None)
    wire = _dateline(paragraphs)
    if wire is not None:
        meta.agency = wire.agency
        meta.dateline_date = (
            wire.date
            or _with_stamped_year(wire.day, meta, list(captions))
            or _with_text_year(wire.day, paragraphs)
        )
    language = guess_language(" ".join(p.text for p in paragraphs))
    if language != "en":
        message = f"article {title!r} does not look like English; language set to {language!r}"
        problems.append(Problem(source, message, "info"))
    article = Article(
        id="",
        title=title,
        paragraphs=paragraphs,
        sources=[source],
        outlet=_outlet(meta),
        authors=list(meta.authors),
        date=(published := _date(meta, list(captions))),
        url=meta.url,
        captions=list(captions),
        language=language,
        dateline=wire.place if wire else None,
        estimated_date=None if published else estimate_date(paragraphs),
    )
    return article, problems


#: Fewer words than this (runs of 1-100 letters in any script: Thai and Chinese write
#: phrases without spaces) and a text is no article.
MIN_ARTICLE_WORDS = 3
_WORD = re.compile(r"(?<![^\W\d_])[^\W\d_]{1,100}(?![^\W\d_])")


def _has_words(paragraphs: list[Paragraph]) -> bool:
    found = 0
    for paragraph in paragraphs:
        for _ in _WORD.finditer(paragraph.text):
            found += 1
            if found >= MIN_ARTICLE_WORDS:
                return True
    return False


#: Text paragraphs looked at for a dateline: captions and page notices may come first.
DATELINE_PARAGRAPHS = 4


def _dateline(paragraphs: list[Paragraph]) -> Dateline | None:
    """The dateline opening one of the first text paragraphs."""
    counted = 0
    for paragraph in paragraphs:
        if paragraph.kind != "text":
            continue
        found = dateline(paragraph.text)
        if found is not None:
            return found
        counted += 1
        if counted == DATELINE_PARAGRAPHS:
            return None
    return None


#: An agency's credit closing the story's last paragraph: "... on Monday. — Agency",
#: "... on Monday.-Agency", "... on Monday. (Agency)".
_CLOSING_CREDIT = re.compile(
    r"[.!?\"\u201d\u2019]\s*(?:(?:--|[-\u2013\u2014])\s*(?P<dash>[^\s()\-\u2013\u2014][^()]{0,39})"
    r"|\((?P<paren>[^()]{2,40})\))$"
)


def _reporter(paragraphs: list[Paragraph]) -> str | None:
    """The outlet the text says it reports for: named once in a way that settles it
    ("Outlet understands", "Outlet's request for comment") or told things twice."""
    credits = [c for p in paragraphs if p.kind == "text" for c in reporting_credits(p.text)]
    told = Counter(name for name, _ in credits)
    return next((name for name, settled in credits if settled or told[name] >= 2), None)


def _closing_credit(paragraphs: list[Paragraph]) -> str | None:
    """The news agency credited at the end of the last paragraph, else None."""
    return _agency_closing(paragraphs[-1].text) if paragraphs else None


def _agency_closing(text: str) -> str | None:
    """The news agency a paragraph's closing credit names ("... said. — Agency")."""
    match = _CLOSING_CREDIT.search(text[-60:])
    return agency_credit(match.group("dash") or match.group("paren")) if match else None


def _cut_trailing_block(segment: list[_Line]) -> tuple[list[_Line], str]:
    """Cut at the first "Talk to us" / "More in Local News" style line after the body."""
    words = 0
    for i, line in enumerate(segment):
        if line.kind is Kind.END and words >= MIN_BODY_WORDS:
            return segment[:i], f"from line {line.no + 1}, {line.text!r}"
        words += _prose_words(line)
    return segment, ""


def _read_metadata(
    segment: list[_Line], meta: _Meta, consumed: set[int], captions: dict[str, None]
) -> None:
    """Take metadata and furniture lines out of the segment, noting what they say."""
    body_started = False
    pending_title: list[_Line] = []  # short lines above the headline: kickers, nav
    for index, line in enumerate(segment):
        kind = line.kind
        if line.no in consumed:
            continue
        if kind in (Kind.TEXT, Kind.DROP) and meta.self_named is None:
            meta.self_named = self_named_outlet(line.text)
        if kind is Kind.TEXT:
            body_started = _read_text_line(line, meta, consumed, pending_title, body_started)
            continue
        if kind is not Kind.BLANK:
            consumed.add(line.no)
        if kind is Kind.URL and meta.url is None:
            meta.url = line.text if "://" in line.text else "https://" + line.text
        elif kind is Kind.BYLINE and not meta.authors:
            _read_byline(segment, index, meta, consumed)
        elif kind is Kind.DATE:
            # The first date line dates the story; a later one may still name the outlet
            phrase, masthead = metadata_date(line.text) or (None, None)
            meta.date_phrase = meta.date_phrase or phrase
            meta.masthead = meta.masthead or masthead
        elif kind is Kind.SOURCE:
            meta.source = meta.source or source_line(line.text)
        elif kind is Kind.COPYRIGHT:
            _read_copyright(line.text, meta)
        elif kind is Kind.CAPTION:
            captions[line.text] = None


def _read_text_line(
    line: _Line, meta: _Meta, consumed: set[int], pending_title: list[_Line], body_started: bool
) -> bool:
    """The headline, a repeat of it, a kicker above it, or body text; whether the body
    has started after this line."""
    if (
        meta.title is None
        and not body_started
        and meta.site_name is None
        and is_masthead(line.text)
    ):
        meta.site_name = line.text  # "The Northland Herald" over the headline
        consumed.add(line.no)
    elif meta.title is None and not body_started and _title_candidate(line):
        meta.title = line.text
        consumed.add(line.no)
        consumed.update(ln.no for ln in pending_title)
    elif meta.title is not None and line.text == meta.title:
        consumed.add(line.no)  # the headline printed twice
    elif (
        meta.title is not None
        and not body_started
        and meta.site_name is None
        and is_masthead(line.text)
        and not is_person_name(line.text)
    ):
        meta.site_name = line.text  # "Port Ellis News" under the headline, over the text
        consumed.add(line.no)
    elif (
        meta.title is not None
        and not body_started
        and not meta.authors
        and (signed := _signature(line.text))
    ):
        # "Jane Roe, The Daily Example" under the headline: a byline without "By"
        meta.authors, meta.affiliation = (signed[0],), meta.affiliation or signed[1]
        consumed.add(line.no)
    elif meta.title is None and not body_started and is_headline(line.text):
        pending_title.append(line)
    elif meta.title is None and not body_started and _is_label(line.text):
        consumed.add(line.no)  # "Posts:", "Topics:": a page's label over the headline
    elif not is_headline(line.text):
        return True
    return body_started


def _is_label(line: str) -> bool:
    """A short label ending in a colon, as pages print over lists and headlines."""
    return line.endswith(":") and len(line.split()) <= MAX_LABEL_WORDS


def _signature(line: str) -> tuple[str, str] | None:
    """(author, outlet) of a "Jane Roe, The Daily Example" line, else None: a person's
    name and a masthead-shaped name, nothing else."""
    name, comma, outlet = line.partition(", ")
    if not comma or not is_person_name(name.strip()) or not is_masthead(outlet.strip()):
        return None
    return name.strip(), outlet.strip()


def _read_byline(segment: list[_Line], index: int, meta: _Meta, consumed: set[int]) -> None:
    match = BYLINE.match(segment[index].text)
    if not match:
        return
    agency = _leading_agency(match.group("names"))
    if agency is not None:
        meta.affiliation = agency  # "By Agency Name in Port Ellis": the agency signs
        return
    if is_masthead(match.group("names")) and not is_person_name(match.group("names")):
        meta.affiliation = match.group("names")  # "By The Daily Example": the paper signs
        return
    authors, affiliation = split_byline(match.group("names"))
    outlet = match.group("outlet")
    if outlet and not _ROLE.search(outlet):
        affiliation = outlet  # "By Jane Roe | The Daily Example"
    if len(authors) == 1 and " " not in authors[0] and affiliation is None:
        meta.affiliation = authors[0]  # "By Outlet": no person signs with one word
        return
    meta.authors = tuple(authors)
    meta.affiliation = affiliation
    # A short proper-noun line right under the byline names the outlet ("Wire News").
    after = _next_nonblank(segment, index + 1, 1)
    if after and after[0].kind is Kind.TEXT and is_outlet_name(after[0].text):
        meta.outlet_line = after[0].text
        consumed.add(after[0].no)


def _leading_agency(names: str) -> str | None:
    """The news agency a byline starts with ("Agency Name in Port Ellis"), else None."""
    words = names.split()
    for n in range(min(4, len(words)), 0, -1):
        found = agency_credit(" ".join(words[:n]))
        if found:
            return found
    return None


def split_byline(names: str) -> tuple[list[str], str | None]:
    """ "A and B" -> [A, B]; "A, B and C" -> [A, B, C]; "A, Outlet" -> [A] and "Outlet".

    A last comma part without "and" after a part with "and" (or a lone "A, X") is an
    affiliation, not a co-author: that is how agencies sign ("By A, Outlet").
    """
    parts = [p.strip() for p in names.split(",") if p.strip()]
    affiliation = None
    joined = [bool(re.search(r"\band\b|&", p)) for p in parts]
    outlet = next((i for i, p in enumerate(parts) if i and _signs_as_outlet(p)), None)
    if outlet is not None and outlet < len(parts) - 1:
        # "By A, The Daily Example, Carrow": the masthead, then where the author files
        # from; no co-author follows an outlet's name.
        affiliation, parts, joined = parts[outlet], parts[:outlet], joined[:outlet]
    if len(parts) >= 2 and not joined[-1] and (len(parts) == 2 or any(joined[:-1])):
        # "By A and B, Outlet, Outlet Wire": every part after the last "and" signs
        last = max((i for i, j in enumerate(joined) if j), default=len(parts) - 2)
        affiliation = ", ".join(parts[last + 1 :])
        parts = parts[: last + 1]
    authors: list[str] = []
    for part in parts:
        authors.extend(n.strip() for n in re.split(r"\s+(?:and|&)\s+|\s*&\s*", part) if n.strip())
    if affiliation and _ROLE.search(affiliation):
        affiliation = None
    return authors, affiliation


def _signs_as_outlet(part: str) -> bool:
    """A byline part that is an outlet's name, not a co-author's: a masthead or agency."""
    return is_masthead(part) and not is_person_name(part)


def _read_copyright(line: str, meta: _Meta) -> None:
    match = COPYRIGHT.match(line)
    if not match:
        return
    if match.group("year") and meta.copyright_year is None:
        meta.copyright_year = match.group("year")
    # "© 2025 Outlet Ltd. All Rights Reserved. This material may not be ...": the owner
    # is the first sentence.
    owner = re.split(r"\.\s", match.group("owner"), maxsplit=1)[0].strip(" .,")
    brand = owner.isalpha() and len(owner) >= 4  # "Copyright © africanews"
    if owner and (is_outlet_name(owner) or brand) and meta.copyright_owner is None:
        meta.copyright_owner = owner


# --- paragraphs ------------------------------------------------------------------------------


def _credited_dateline(text: str) -> str | None:
    """The agency of a credited dateline opening a line ("CARROW (Agency) - The"): a
    wrapped lead's first line or a dateline set alone, never a subheading. An uncredited
    capital ("TOUCHDOWN - HOME TEAM") may be a live blog's heading."""
    found = dateline(text)
    return found.agency if found is not None else None


def _paragraphs(content: list[_Line]) -> list[Paragraph]:
    """Blocks of consecutive text lines become paragraphs; see ``_block_paragraphs``."""
    blocks: list[list[str]] = [[]]
    previous = None
    for line in content:
        adjacent = previous is not None and line.no == previous + 1
        if line.kind is not Kind.TEXT or not adjacent:
            blocks.append([])  # blank lines and removed lines both end a block
        if line.kind is Kind.TEXT:
            blocks[-1].append(line.text)
        previous = line.no
    pieces: list[tuple[str, bool]] = []
    for block in blocks:
        for text, single in _block_paragraphs(block):
            cut = split_long(text)
            pieces.append((cut[0], single and len(cut) == 1))
            pieces.extend((_CONTINUED + rest, False) for rest in cut[1:])
    # Related headlines and link lists trail the article without sentence punctuation;
    # long text without a final period is still text (a file cut by the size cap).
    while (
        pieces
        and not ends_sentence(pieces[-1][0])
        and _short(pieces[-1][0])
        and _agency_closing(pieces[-1][0]) is None  # "... said. — Agency" is text
        and not pieces[-1][0].startswith(_CONTINUED)
    ):
        pieces.pop()
    paragraphs = []
    for number, (text, single) in enumerate(pieces, start=1):
        heading = (
            single
            and is_subheading(text)
            and not ends_sentence(text)
            and _agency_closing(text) is None
            and _credited_dateline(text) is None  # a lead's first line: "CARROW (Agency) - The"
        )
        paragraphs.append(Paragraph(number, text, "heading" if heading else "text"))
    return paragraphs


# Marks a paragraph cut from a longer one until _build_article has reported it.
_CONTINUED = "\x00"
_BREAK = re.compile(r"[.!?\u2026]['\"\u2019\u201d)\]]*\s")


def split_long(text: str, limit: int = MAX_PARAGRAPH_CHARS) -> list[str]:
    """Pieces of at most ``limit`` characters, cut after a sentence end, else at a space.

    Joined with single spaces they give the text back; linear in its length.
    """
    pieces: list[str] = []
    while len(text) > limit:
        window = text[: limit + 1]
        ends = [m.end() for m in _BREAK.finditer(window, limit // 2)]
        cut = ends[-1] if ends else window.rfind(" ") + 1 or limit
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    return [*pieces, text] if text or not pieces else pieces


def _short(text: str) -> bool:
    return len(text) <= 250 and len(text.split()) <= MAX_HEADLINE_WORDS


def _block_paragraphs(block: list[str]) -> list[tuple[str, bool]]:
    """(text, was a single line) for each paragraph of a block of adjacent lines.

    A hard-wrapped block (most lines close to one width of at most 120 characters, and
    breaking mid-sentence) is re-joined, a short line ending a paragraph. Otherwise
    every line is a paragraph of its own, as in files that use single newlines.
    """
    if not _is_wrapped(block):
        return [(line, True) for line in block]
    width = max(len(line) for line in block)
    out: list[tuple[str, bool]] = []
    current: list[str] = []
    for line in block:
        current.append(line)
        if len(line) < 0.6 * width:
            out.append((_join(current), len(current) == 1))
            current = []
    if current:
        out.append((_join(current), len(current) == 1))
    return out


def _is_wrapped(block: list[str]) -> bool:
    if len(block) < 2:
        return False
    width = max(len(line) for line in block)
    if width > 120:
        return False
    inner = block[:-1]
    full = sum(1 for line in inner if len(line) >= 0.6 * width)
    open_ended = sum(1 for line in inner if not ends_sentence(line))
    return full * 2 >= len(inner) and open_ended * 2 >= len(inner)


def _join(lines: list[str]) -> str:
    """Re-join wrapped lines; a line-final hyphen is kept and glued ("well-" + "known")."""
    text = lines[0]
    for line in lines[1:]:
        text += line if text.endswith("-") else " " + line
    return text


# --- title, outlet, date, language ---------------------------------------------------------------


def _title_from_text(paragraphs: list[Paragraph]) -> str:
    """No headline: the first sentence, cut at a word boundary, verbatim from the text."""
    first = paragraphs[0].text
    sentence = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    if len(sentence) <= MAX_SLUG:
        return sentence
    cut = sentence[:MAX_SLUG].rsplit(" ", 1)[0]
    return cut or sentence[:MAX_SLUG]


#: The site's name after a headline, as pages print it in their title bar:
#: "Floods force thousands from homes - The Northland Herald".
_SITE_ENDING = re.compile(r"\s+[-\u2013\u2014|]\s+([^-\u2013\u2014|]{2,50})$")


def _site_ending(title: str) -> tuple[str, str] | None:
    """(" - Site Name", "Site Name") when a headline ends with a masthead's name."""
    match = _SITE_ENDING.search(title)
    if match is None or not is_masthead(match.group(1).strip()):
        return None
    return match.group(0), match.group(1).strip()


def _outlet(meta: _Meta) -> str | None:
    """Outlet by trust: the line under the byline, the byline's affiliation, a "Source:"
    line, the dateline's agency, a credit opening the text, the date line's masthead,
    the © owner, the site's name over or after the headline, the URL's host, the name
    the page calls itself by (``self_named_outlet``), the outlet
    the text says it reports for ("told Agency", "Outlet understands"), a picture's
    credit."""
    candidates = (
        meta.outlet_line,
        meta.affiliation,
        meta.source,
        meta.agency,
        meta.lead_credit,
        meta.masthead,
        meta.copyright_owner,
        meta.site_name,
    )
    for candidate in candidates:
        if candidate:
            return candidate
    if meta.url:
        host = urlsplit(meta.url).hostname or ""
        host = host.removeprefix("www.")
        if host:
            return host
    if meta.self_named:
        return meta.self_named
    # Last, as the weakest: a picture's credit names the photographer's employer, which
    # is the outlet only as often as its staff take its pictures.
    return meta.reporter or meta.picture_credit


def _with_stamped_year(day: str | None, meta: _Meta, captions: list[str]) -> str | None:
    """A dateline's day without its year ("CARROW, Feb. 20 (Agency) --") with the year the
    page stamps elsewhere: its © year, else the one year its captions' full dates give
    (the day's pictures). None when no single year is stamped."""
    if not day:
        return None
    years = {d.value[:4] for d in _caption_days(captions)}
    year = meta.copyright_year or (years.pop() if len(years) == 1 else None)
    return f"{day}, {year}" if year else None


def _with_text_year(day: str | None, paragraphs: list[Paragraph]) -> str | None:
    """A dateline's day with the year of the latest date the text states to the day or
    month ("on March 3, 2020", "in September 2023"), when that is not after the day."""
    if not day:
        return None
    latest = estimate_date(paragraphs)
    if latest is None:
        return None
    phrase = f"{day}, {latest.value[:4]}"
    found = normalise_date(phrase)
    return phrase if found and found >= latest.value[:10] else None


#: Agency captions date a picture of the day with its weekday ("on Tuesday, Nov. 21,
#: 2017"); a date without one ("on June 22, 2022", "in this Oct. 5, 2016 photo") is as
#: often an older picture, so only the first kind dates the article.
_WEEKDAY_FIRST = re.compile(WEEKDAY_OR_SHORT, re.I)


def _date(meta: _Meta, captions: list[str]) -> DatedValue | None:
    """Date by trust: URL path, a date line, a caption dated with its weekday (not a file
    photo), © year."""
    if meta.url:
        found = url_date(meta.url)
        if found:
            return found
    for phrase in (meta.date_phrase, meta.dateline_date):
        day = normalise_date(phrase) if phrase else None
        if day:
            return DatedValue(day, "day", phrase)
    # Only a date given with its weekday: see _WEEKDAY_FIRST.
    dated = [d for d in _caption_days(captions) if _WEEKDAY_FIRST.match(d.evidence)]
    if dated:
        # A photo is never later than its article: the latest one is the best bound.
        return max(dated, key=lambda d: d.value)
    if meta.copyright_year:
        return DatedValue(meta.copyright_year, "year", f"© {meta.copyright_year}")
    return None


#: Dates before this are history, not the time of writing.
ESTIMATE_MIN_YEAR = 1990
#: "September 2023", "Sept. 2023": a month named with its year.
MONTH_YEAR = re.compile(rf"\b(?i:{MONTH})\.?\s+{YEAR}\b")


def estimate_date(paragraphs: list[Paragraph]) -> DatedValue | None:
    """The latest date the text states, to the day ("3 March 2020") or to the month ("in
    September 2023"): a lower bound of when it was written. A bare year is too often
    background ("since 2011") to date the article by.

    For an article that states no publication date; shown as an estimate, never as
    the publication date.
    """
    days: list[DatedValue] = []
    months: list[DatedValue] = []
    for paragraph in paragraphs:
        for match in FULL_DATE.finditer(paragraph.text):
            day = normalise_date(match.group(0))
            if day and day[:4] >= str(ESTIMATE_MIN_YEAR):
                days.append(DatedValue(day, "day", match.group(0)))
        for match in MONTH_YEAR.finditer(paragraph.text):
            month = explicit_date(match.group(0))
            if month is not None and month.value[:4] >= str(ESTIMATE_MIN_YEAR):
                months.append(month)
    found = days + months  # "2020-03-15" sorts after "2020-03": the finer of a month
    return max(found, key=lambda d: d.value) if found else None


#: A weekday the text names on its own ("on Friday", "Saturday's vote"), not one counted
#: from another day ("last Friday", "next Monday").
_BARE_WEEKDAY = re.compile(
    rf"(?<!last )(?<!next )(?<!this )(?<!coming )\b({'|'.join(WEEKDAYS)})\b", re.I
)


def reading_date(article: Article) -> DatedValue | None:
    """The day the text's relative dates ("on Friday", "June 4") are read against.

    The publication date; or, for an article that states none to the day, the day a
    photo caption gives ("..., June 4, 2021") when the text names that day's weekday ("on
    Friday"): the picture shows the story's day, and the story tells it by its weekday.
    Never shown as the publication date: a caption without that agreement may show an
    older picture, and an archive picture ("file photo") never counts.
    """
    published = article.date
    if published is not None and published.precision == "day":
        return published
    named = _named_weekdays(article)
    days = [
        d
        for d in _caption_days(article.captions)
        if WEEKDAYS[date.fromisoformat(d.value).weekday()] in named
        and (published is None or d.value.startswith(published.value))
    ]
    # A photo is never later than its story: the latest one is the nearest.
    if days:
        return max(days, key=lambda d: d.value)
    return published or _stamped_day(article.paragraphs)


def estimated_reading_date(article: Article) -> DatedValue | None:
    """For an article whose text stamps no day to read it by (``reading_date`` is None):
    its estimated date (the latest full date its text states, ``estimate_date``) when
    the text names that day's weekday on its own ("on Tuesday"). The story then tells
    its day by its weekday, and the latest day it states is that day: what it dates by
    the weekday or from the day ("on Monday", "last week") can be read against it, as
    an estimate too. A latest date no weekday agrees with is as often a deadline ("in
    place by 1 September 2027") or a date in the story's past, and reads nothing."""
    estimate = article.estimated_date
    if article.date is not None or estimate is None or estimate.precision != "day":
        return None
    if reading_date(article) is not None:
        return None
    weekday = WEEKDAYS[date.fromisoformat(estimate.value).weekday()]
    return estimate if weekday in _named_weekdays(article) else None


def _named_weekdays(article: Article) -> set[str]:
    """The weekdays the text names on their own ("on Friday"), lower case."""
    return {m.group(1).lower() for p in article.paragraphs for m in _BARE_WEEKDAY.finditer(p.text)}


#: Words that make a date the time of a clause ("stolen on 28 January 2011", "in place
#: by 1 September 2027"), not a stamp of when the page was written.
_CLAUSE_DATE = re.compile(
    r"\b(?:on|by|in|since|until|till|from|before|after|of|to|through|between|and|than)\W*$",
    re.IGNORECASE,
)


def _stamped_day(paragraphs: list[Paragraph]) -> DatedValue | None:
    """The latest full date a text gives as a stamp rather than as the time of a clause:
    "Jan 22, 2026 | 0 comments", "..., in Carrow, Northland, April 9, 2011" closing a
    caption, a date before the byline. Such a stamp tells the day the page, or its
    picture, was made; for an article that states no publication date, what its "on
    Wednesday" is read against (never shown as its publication date)."""
    days = [
        DatedValue(day, "day", match.group(0))
        for paragraph in paragraphs
        for match in FULL_DATE.finditer(paragraph.text)
        if not _CLAUSE_DATE.search(paragraph.text[max(0, match.start() - 12) : match.start()])
        and (day := normalise_date(match.group(0)))
        and day[:4] >= str(ESTIMATE_MIN_YEAR)
    ]
    return max(days, key=lambda d: d.value) if days else None


def _caption_days(captions: list[str]) -> list[DatedValue]:
    """The full dates of the captions of the day's pictures, not of archive pictures
    ("file photo"), which show an older happening."""
    return [
        DatedValue(day, "day", match.group(0))
        for caption in captions[:MAX_DATED_CAPTIONS]
        if not (FILE_PHOTO.search(_credit_part(caption)) or caption.lower().startswith("file"))
        for match in FULL_DATE.finditer(caption)
        if (day := normalise_date(match.group(0)))
    ]


def _credit_part(caption: str) -> str:
    """The closing parenthesis of a caption, where agencies mark file photos."""
    start = caption.rfind("(")
    return caption[start:] if start >= 0 else ""


@lru_cache(maxsize=1024)
def normalise_date(phrase: str) -> str | None:
    """ISO day of a full date phrase found by our own regex.

    The common shapes are read by ``builder.text.dates.explicit_date``; the rest, and
    anything it refuses, by dateparser.
    """
    found = explicit_date(phrase)
    if found is not None and found.precision == "day":
        return found.value
    if (figures := numeric_date(phrase)) is not None:
        return figures
    if "T" in phrase and (iso := explicit_date(phrase.split("T")[0])) is not None:
        return iso.value  # "2019-06-19T10:10:36Z": the day before the clock time
    import dateparser  # imported late: slow to import, needed only for dated text

    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    except Exception:  # dateparser can fail on odd input: then there is no date
        return None
    return parsed.date().isoformat() if parsed else None


def guess_language(text: str) -> str:
    """The ISO 639-1 code of the text's language ("en", "ru", "zh").

    English by its commonest words first (a long English text always has them); else
    py3langid's classifier (langid.py's model, shipped in the wheel, deterministic), so
    that an article in another language is never taken for English and run through
    English extraction, which would invent names from it.
    """
    words = re.findall(r"[^\W\d_]+", text[: LANGUAGE_SAMPLE_WORDS * 12].lower())
    words = words[:LANGUAGE_SAMPLE_WORDS]
    english = sum(w in _ENGLISH_WORDS for w in words)
    # A long text by its share alone; a short one needs a few such words too: a sentence
    # of names ("President Jane Roe met John Doe in Port Ellis on Monday") is too little
    # for the classifier, which takes it for an English creole.
    if (
        words
        and english / len(words) >= ENGLISH_MIN_SHARE
        and (len(words) >= LANGUAGE_MIN_WORDS or english >= SHORT_ENGLISH_MIN_WORDS)
    ):
        return "en"
    sample = text[: LANGUAGE_SAMPLE_WORDS * 12]
    if len(sample.strip()) < LANGUAGE_MIN_CHARS:
        return "en"  # too little to tell; English is the corpus's language
    import py3langid  # loads its model on first use; only for text that is not English

    return str(py3langid.classify(sample)[0])


# --- identity: duplicates and ids -------------------------------------------------------------


def content_key(article: Article) -> str:
    """The text two copies of one article share, whatever their spacing or quote style."""
    text = " ".join(p.text for p in article.paragraphs)
    text = text.translate(str.maketrans("\u2018\u2019\u201c\u201d", "''\"\""))
    return " ".join(text.casefold().split())


def merge_duplicates(articles: list[Article]) -> tuple[list[Article], list[Problem]]:
    """One article per text: later copies add their sources, captions and missing metadata."""
    kept: dict[str, Article] = {}
    problems: list[Problem] = []
    for article in articles:
        key = content_key(article)
        first = kept.get(key)
        if first is None:
            kept[key] = article
            continue
        for source in article.sources:
            message = f"same article as in {first.sources[0]} ({first.title!r}): merged"
            problems.append(Problem(source, message, "info"))
            if source not in first.sources:
                first.sources.append(source)
        first.captions = list(dict.fromkeys(first.captions + article.captions))
        first.outlet = first.outlet or article.outlet
        first.authors = first.authors or article.authors
        first.date = first.date or article.date
        first.url = first.url or article.url
    return list(kept.values()), problems


def assign_ids(articles: list[Article]) -> list[Article]:
    """Slug of the title, unique in the given order (-2, -3, ...); hash when it slugs to nothing."""
    ids = Slugs()
    out = []
    for article in articles:
        base = slug(article.title)
        if not base:
            digest = hashlib.sha256(content_key(article).encode("utf-8")).hexdigest()
            base = f"article-{digest[:8]}"
        out.append(replace(article, id=ids.unique(base)))
    return out
