"""What one line of scraped news text is: article text, or page furniture around it.

Helpers of the ingest stage. The patterns are generic shapes of web news pages
(bylines, photo credits, share buttons, copyright footers), never the names of
particular outlets, people or places. Every pattern runs only on lines of bounded
length, so a file that is one line of megabytes costs linear time.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache

from builder.infra.data import DATA_DIR, read_csv, read_names
from builder.infra.warm import cached
from builder.text.dates import MONTH, WEEKDAY_OR_SHORT, YEAR
from builder.text.fold import fold


class Kind(Enum):
    """What a line is. Everything but TEXT is kept out of the paragraphs."""

    BLANK = "blank"
    TEXT = "text"
    URL = "url"  # a bare web address: article metadata
    BYLINE = "byline"  # "By A and B": article metadata
    NO_AUTHOR = "no_author"  # "no author identified"
    DATE = "date"  # a line that gives the (publication) date, perhaps with the outlet
    SOURCE = "source"  # "Source: Agency", "Read the full article on X": the outlet
    COPYRIGHT = "copyright"  # "© 2017 Outlet": metadata, then dropped
    CAPTION = "caption"  # photo caption: kept apart in Article.captions
    END = "end"  # start of a trailing block of unrelated stories: cut from here
    DROP = "drop"  # share lines, credits, related links, lone markers


#: Lines longer than this are always text: no caption or footer is that long.
MAX_FURNITURE_LEN = 1000
#: Words a headline may have at most.
MAX_HEADLINE_WORDS = 30

#: A date that names day, month and year: "Tuesday, Nov. 21, 2017", "21 November 2017",
#: "2017-11-21". Partial dates ("Nov. 21", "in October") are deliberately not matched.
FULL_DATE = re.compile(
    rf"\b(?:{WEEKDAY_OR_SHORT},?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*|\s+){YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:,\s*|\s+){YEAR}"
    rf"|{YEAR}-[01]\d-[0-3]\d(?:T\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?)\b",
    re.IGNORECASE,
)
#: A date in figures as date lines print it: "2019/06/19", "19/06/2019", "19.06.2019",
#: "19-02-2021", "10/13/2025". Day and month are told apart only when one is over 12 or the year
#: comes first ("03/04/2025" is 3 April in one country and March 4 in another).
NUMERIC_DATE = re.compile(
    rf"\b(?:(?P<y1>{YEAR})[/.](?P<m1>[01]?\d)[/.](?P<d1>[0-3]?\d)"
    rf"|(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<y2>{YEAR}))\b"
)
#: A crawler's stamp before the first line of a file: "date 2019-07-15 Headline ...".
DATE_STAMP = re.compile(r"^[ \t]*date[ \t]+(?P<date>\d{4}-[01]\d-[0-3]\d)\b[ \t]*", re.I)
#: A clock time with its zone: "03:59:08", "9:43 am", "01:26:09 PM GMT-0430", "13:36 CET".
_TIME = re.compile(
    r"\b\d{1,2}[:.h]\d{2}(?:[:.]\d{2})?(?:\s*(?i:[ap]\.?\s?m)\b\.?)?"
    r"(?:\s*(?:GMT|UTC)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?)?(?:\s*\(?[A-Z]{1,4}T\)?(?![a-z]))?"
)
#: Words that label a date on a page: "Published on", "Last updated:".
_DATE_LABEL = re.compile(
    r"^(?:(?:this (?:article|story|report) (?:was |has been )?)?(?:first |last |originally )?"
    r"(?:published|posted|updated|modified|created)|date|on|at)\b[\s:]*",
    re.I,
)
#: "Source: Agency", "Editor: A. Name", "By A": fields a date line may carry.
_FIELD = re.compile(r"^(?P<field>source|editor|author|by|from|via)\b\s*:?\s*(?P<value>.+)$", re.I)
#: Words a date line may hold besides its date, its time and its outlet.
MAX_DATE_LINE_WORDS = 20

_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
#: A site's bare address alone on a line ("example.com", "news.example.org"): lowercase,
#: as pages print it; "Example.com" opening a sentence is not one.
_BARE_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?:/\S*)?$")

# "By A", "By A and B", "By A, B and C", "By A, Outlet" (name-like words only).
_NAME_WORD = r"(?:[A-Z][\w'\u2019.-]*|de|da|del|der|van|von|al|el|bin|ibn|le|la)"
_NAME = rf"[A-Z][\w'\u2019.-]*(?:\s+{_NAME_WORD})*"
BYLINE = re.compile(
    # "ByJane Roe": a scrape that lost the space after "By" (a name never starts "ByJ")
    rf"^(?:(?:By|BY|by):?\s+|By(?=[A-Z][a-z]))(?P<names>{_NAME}(?:\s*(?:,|&|\band\b)\s*{_NAME})*)"
    # "By A | Outlet", "By A for Outlet", "By A - Outlet": the outlet the author writes for
    r"(?:\s*(?:\||\bfor\b|\s[-\u2013\u2014])\s*"
    r"(?P<outlet>[A-Z][\w'\u2019.&-]*(?:\s+(?:[A-Z0-9][\w'\u2019.&-]*|of|the|and|&))*))?\.?$",
)
_NO_AUTHOR = re.compile(
    r"^(?:no author(?: identified| given| listed)?|author unknown|unknown author|no byline)\.?$",
    re.I,
)

#: "© 2017 Outlet", "(c) 2017 Outlet. All rights reserved.", "Copyright 2017 Outlet".
COPYRIGHT = re.compile(
    rf"^(?:©|\(c\)|copyright\b)\s*©?\s*(?P<year>{YEAR})?(?:\s*[-\u2013]\s*{YEAR})?[\s,.]*"
    r"(?P<owner>.*?)[\s,.]*(?:all rights reserved\.?)?$",
    re.I,
)

# A caption ends a sentence and then names the photographer or source in parentheses:
# "... in March. (Press office)", "... 2017. (Name/Agency/Agency)".
_CAPTION_CREDIT = re.compile(r"[.!?\u2019\u201d\"')]\s*\((?P<credit>[^()\n]{1,150})\)$")
_CREDIT_WORDS = re.compile(
    r"/|\b(?:photo|photos|photograph|image|images|pool|via|file|handout|courtesy|credit"
    r"|video|screenshot|still)\b",
    re.I,
)
_CAPTION_START = re.compile(
    r"^(?:file\s*(?:photo)?\s*[\u2014\u2013:-]|file photo\b|in this (?:file |undated |handout )?"
    r"(?:photo|image|picture|frame grab|video)\b|this (?:undated |handout )?(?:photo|image)\b"
    r"|(?:photo(?:graph)?s?|images?|pictures?|illustrations?|graphics?|credits?):|pictured:"
    r"|(?:image|media|video) (?:source|caption)\s*[,:])",
    re.I,
)
#: A caption marked as an old picture: its date is not the article's.
FILE_PHOTO = re.compile(r"\bfile\b", re.I)

# A trailing block of other stories, newsletter boxes and contact links: article over.
_END = re.compile(
    r"^(?:talk to us|more (?:in|from) [\w ,&'\u2019-]{1,40}|more stories|other stories"
    r"|support (?:local |independent |our )?journalism|most (?:read|popular|viewed|shared)"
    r"|recommended(?: for you| stories)?|you (?:may|might) also like|trending(?: now| stories)?"
    r"|latest (?:news|stories)|top stories|related (?:stories|articles|coverage|news)"
    r"|comments?(?: \(\d+\))?|leave a (?:comment|reply))$",
    re.I,
)

#: A breadcrumb's step ("World", "Middle East") and the marks between steps.
_CRUMB = r"[\w'\u2019&.-]+(?: [\w'\u2019&.-]+){0,2}"
_CRUMB_SEPARATOR = r"(?:\s*(?:>>?|\u203a|\u00bb)\s*|\s+/\s+)"

_DROP = [
    re.compile(p, re.I)
    for p in (
        # calls to action: join, follow, like, share, subscribe, download
        r"^join (?:us|our)\b",
        r"^(?:follow|like) (?:us|.{1,80}) on (?:facebook|twitter|x|instagram|linkedin"
        r"|tiktok|youtube|threads|bluesky|telegram|whatsapp)\b",
        r"^(?:subscribe|sign up|signup|register|download (?:our|the) app)\b.{0,150}$",
        r"^[\u2022\u00b7*|\s-]*(?:share|tweet|email|print|save|copy link)(?: (?:this|the))?"
        r"(?: (?:article|story|page|link))?(?: (?:on|via) \w+)?:?$",
        r"^(?:click|tap) here\b.{0,150}$",
        # distribution and copyright footers, reporting credits
        r"^distributed by\b",
        r"^visit (?:the |us )?.{1,80} (?:at|on)(?: \S+)?\.?$",
        r"^all rights reserved\.?$",
        r"^\(?(?:additional )?reporting by\b",
        r"^\(?(?:editing|edited|writing|compiled|produced) by\b.{0,200}$",
        r"\bcontributed(?: reporting)? to this (?:report|article|story)\b",
        r"^\(?[A-Z][\w'\u2019-]+(?: [A-Z][\w'\u2019-]+)? reported from [A-Z].{0,300}$",
        r"^this (?:article|story) (?:was |has been |first |originally ).{0,200}$",
        # related-story links and reading prompts
        r"^\[[^\[\]\n]{1,300}\]$",
        r"^(?:read more|related|see also|also read|read also|watch|listen|more)"
        r"\s*[:|\u00bb\u203a>]\s*.{1,200}$",
        r"^(?:read more|related|advertisement|story continues below(?: advertisement)?"
        r"|continue reading(?: the main story)?|skip to (?:main )?content)$",
        # an ad slot's own controls and labels, often printed twice in a row, which would
        # otherwise read as a headline printed twice and split the article there
        r"^(?:(?:hide|skip|close|remove) )?ads?(?:vertisement)?(?: feature)?$"
        r"|^sponsored(?: content| links?)?$",
        r"(?:\u2026|\.\.\.)\s*(?:continue|read) (?:reading|more)$",
        # site navigation a scrape keeps above the headline: breadcrumbs ("Home / World",
        # "Home>> World", "News › Region"), accessibility and skip links, tag and
        # category archive labels, lone section labels, browser and script notices
        rf"^{_CRUMB}(?:{_CRUMB_SEPARATOR}{_CRUMB}){{1,5}}$",
        r"^(?:accessibility links|skip (?:to|navigation)\b.{0,40}|jump to (?:main )?content)$",
        r"^(?:tag|category|monthly|daily|yearly|author)? ?archives?\s*:.{1,80}$",
        r"^(?:posts? )?tagged(?: with)?\s*:.{1,80}$",
        r"^(?:breaking(?: news)?|developing(?: story)?|just in|exclusive)$",
        r"^(?:sign in|log in|log out|sign out|my account|menu|main menu|open menu|close"
        r"|search|toggle navigation|navigation|newsletters?|subscribe now)$",
        # consent notices, reading aids and an archive's age warning
        r"^(?:we use cookies|(?:this|our) (?:web)?site uses cookies|by (?:continuing|using)"
        r" (?:to (?:use|browse) )?(?:this|our) (?:web)?site)\b",
        r"^(?:listen to (?:this )?(?:article|story)\b.{0,30}|\d+\s*min(?:ute)?s?\.? "
        r"(?:read|listen)|reading time\b.{0,30})$",
        r"^this (?:article|story|content) is more than \d+ (?:years?|months?) old\.?$",
        r"\b(?:browser|javascript)\b.{0,60}\b(?:not (?:supported|enabled)|outdated|disabled"
        r"|upgrade|update your)\b|\b(?:is|are) not supported\b.{0,80}\bbrowser\b",
        # lone markers: a few capitals ("TT") or only separator symbols ("***", "—");
        # emoji are not separators: a line of them can be a headline
        r"^(?-i:[A-Z]{1,3})$",
        r"^[-*#=_~.|/\\+\u2013\u2014\u2022\u00b7 ]{1,10}$",
    )
]
_DROP_SHORT = 400  # drop patterns only apply to lines up to this length
#: A list item's marker, which a scrape keeps on navigation ("1. Skip to content").
_LIST_MARKER = re.compile(r"^(?:\d{1,2}[.)]|[-*\u2022])\s+")

_SENTENCE_END = re.compile(r"[.!?\u2026\u3002\uff01\uff1f]['\"\u2019\u201d)\]\u300d]*$")
_HEADLINE_END = re.compile(r"[.,;:]['\"\u2019\u201d)\]]*$")


def classify(line: str) -> Kind:
    """The kind of one stripped line."""
    if not line:
        return Kind.BLANK
    if len(line) > MAX_FURNITURE_LEN:
        return Kind.TEXT
    if _URL.match(line) or _BARE_DOMAIN.match(line):
        return Kind.URL
    if BYLINE.match(line):
        return Kind.BYLINE
    if _NO_AUTHOR.match(line):
        return Kind.NO_AUTHOR
    if metadata_date(line) is not None:
        return Kind.DATE
    if source_line(line) is not None:
        return Kind.SOURCE
    if COPYRIGHT.match(line) and len(line) <= 200:
        return Kind.COPYRIGHT
    if is_caption(line):
        return Kind.CAPTION
    if _END.match(line):
        return Kind.END
    if len(line) <= _DROP_SHORT and any(
        p.search(bare) for bare in {line, _LIST_MARKER.sub("", line)} for p in _DROP
    ):
        return Kind.DROP
    return Kind.TEXT


def is_caption(line: str) -> bool:
    """A photo caption: starts like one, or is a sentence followed by a credit."""
    if _CAPTION_START.match(line) or _labelled_credit(line):
        return True
    match = _CAPTION_CREDIT.search(line)
    if not match or len(line[: match.start()].split()) < 4:
        return False
    credit = match.group("credit").strip()
    words = credit.split()
    if not words or len(words) > 15 or credit.endswith("."):
        return False
    if _CREDIT_WORDS.search(credit):
        return True
    # "(Presidency)", "(State media)": a short source named with a capital.
    return len(words) <= 4 and credit[0].isupper()


#: A credit after the caption's last sentence, set off by a label or a bar: "... on
#: Sunday. Picture: Jo Roe", "... on Sunday. | AGENCY". (A dash is not enough: "...
#: officials said. — AGENCY" is how wire copy closes its last paragraph.)
_LABELLED_CREDIT = re.compile(
    r"\S\s+(?:pictures?|photos?|photograph|image|credit)\s*:\s*(?P<label>[^:|\n]{2,80})$"
    r"|[.!?\u2019\u201d\"')]\s*\|\s*(?P<bar>[^|\n]{2,40})$",
    re.I,
)


def _labelled_credit(line: str) -> bool:
    """A sentence closed by a photo credit in a caption's own shapes (``_LABELLED_CREDIT``);
    after a bar, which also closes other lines, the credit must be a name."""
    match = _LABELLED_CREDIT.search(line)
    if match is None or len(line[: match.start()].split()) < 2:
        return False
    if match.group("label"):
        return not ends_sentence(match.group("label"))
    return is_outlet_name(match.group("bar").strip())


def date_line(line: str) -> str | None:
    """The date phrase of a line that gives a publication date (see ``metadata_date``)."""
    found = metadata_date(line)
    return found[0] if found else None


def metadata_date(line: str) -> tuple[str, str | None] | None:
    """(date phrase, outlet or None) of a short line that states a full date with
    nothing but page metadata around it, else None.

    The metadata lines of news pages: "Updated 13 October 2025", "2023-02-18 | 07:54",
    "Source: Agency| 2019-10-23 05:39:15|Editor: X", "Daily Outlet 2019-06-19 10:10:36",
    "Thursday, 29 June, 2017 - 05:42", "13:36, September 20, 2011". A sentence that
    contains a date ("He was born on March 3, 1950.") has other words and is not one.
    """
    if len(line.split()) > MAX_DATE_LINE_WORDS:
        return None
    match = FULL_DATE.search(line) or NUMERIC_DATE.search(line)
    if match is None or (match.re is NUMERIC_DATE and numeric_date(match.group(0)) is None):
        return None
    # Other dates ("First published ... (Updated ...)") and clock times are metadata too.
    before, after = _undated(line[: match.start()]), _undated(line[match.end() :])
    outlet = None
    for position, rest in (("before", before), ("after", after)):
        for part in re.split(r"\s*[|\u2022\u00b7]\s*|\s+[-\u2013\u2014]+\s+|\s*,\s+", rest):
            part = part.strip(" -\u2013\u2014,.;:()[]/")
            while (bare := _DATE_LABEL.sub("", part)) != part:
                part = bare.strip(" -\u2013\u2014,.;:()")
            if not part:
                continue
            if _RELATIVE_TIME.match(part):
                continue  # "Updated 5 years ago", "3 min read": metadata, no outlet
            named = _named_outlet(part, position == "before")
            if named is None:
                return None  # words that are not metadata: a sentence, not a date line
            outlet = outlet or named or None
    return match.group(0), outlet


def _undated(part: str) -> str:
    """A date line's text with its other dates and times cut out."""
    return _TIME.sub(" | ", NUMERIC_DATE.sub(" | ", FULL_DATE.sub(" | ", part)))


#: How long ago or how long to read, as date lines add them.
_RELATIVE_TIME = re.compile(
    r"^(?:about |over )?(?:\d+|an?|one) (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?"
    r"|months?|years?) ago$|^\d+\s*min(?:ute)?s?\.? read$",
    re.I,
)


def numeric_date(phrase: str) -> str | None:
    """ISO day of a date in figures (``NUMERIC_DATE``) when it is unambiguous, else None."""
    match = NUMERIC_DATE.fullmatch(phrase.strip())
    if match is None:
        return None
    if match.group("y1"):
        year, month, day = match.group("y1", "m1", "d1")
    else:
        a, b, year = int(match.group("a")), int(match.group("b")), match.group("y2")
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            return None
    try:
        return date(int(year), int(month), int(day)).isoformat()
    except ValueError:
        return None


#: A byline beside the date that names the outlet the author writes for.
_SIGNED_FOR = re.compile(r"^(?:by\s+)?(?P<name>\S.*?)\s+for\s+(?P<outlet>\S.*)$", re.I)


def _named_outlet(part: str, masthead: bool) -> str | None:
    """The outlet a metadata fragment names, "" for one that names none ("Editor: X",
    "By X", "Final"), None when the fragment is not metadata. Only a name before the
    date is a masthead ("Daily Outlet 2019-06-19"); after it, a name is a label."""
    signed = _SIGNED_FOR.match(part)
    if signed and is_outlet_name(signed.group("name")) and is_outlet_name(signed.group("outlet")):
        return signed.group("outlet")  # "Jane Roe for The Daily Example": she writes for it
    field = _FIELD.match(part)
    if field:
        kind = field.group("field").lower()
        value = field.group("value").strip()
        if kind == "by":  # "Published 17.03.2019 by Agency": an agency signs, a person not
            return agency_credit(value) or ""
        return value if kind in ("source", "from", "via") and is_outlet_name(value) else ""
    if "/" in part:  # a credit, "Name / Agency": the agency
        last = part.rsplit("/", 1)[1].strip()
        return last if is_outlet_name(last) else None
    if is_outlet_name(part) and part.split()[-1][:1].isupper():
        # "Jane Roe | 13 October 2025": a byline beside the date names no outlet.
        if masthead:
            return "" if is_person_name(part) else part
        # After the date a name is a label ("Final"), unless shaped like a masthead.
        return part if is_masthead(part) else ""
    return None


#: "Source: Agency", "/ Source: The Agency", "Via: Outlet"; and syndication credits:
#: "Read the full article on Outlet", "Edited translation from Outlet", "This article
#: first appeared on Outlet", "Originally published by Outlet".
_SOURCE_LINE = re.compile(
    r"^[/(\s]*(?:(?:source|sources|via)\s*:"
    r"|read (?:the )?(?:full|original|complete|whole) (?:article|story) (?:on|at)"
    r"|(?:an? )?(?:edited )?translation from|translated from"
    r"|(?:this (?:article|story) )?(?:was )?(?:first|originally) (?:published|appeared)"
    r" (?:on|in|by|at))"
    # a closing sentence may follow the name: "... on Outlet. Read the original article."
    r"\s*(?P<outlet>[^|:()]{2,60}?)[.)\s]*(?:\.\s+[A-Z][^|]{0,150})?$",
    re.I,
)
DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.I)


def source_line(line: str) -> str | None:
    """The outlet a "Source: X" or lone agency credit ("AGENCY", "— AGENCY") line names,
    else None."""
    match = _SOURCE_LINE.match(line)
    if match is None:
        return agency_credit(line)
    outlet = match.group("outlet").strip()
    return outlet if is_outlet_name(outlet) or DOMAIN.match(outlet) else None


def agency_credit(line: str) -> str | None:
    """The news agency a line credits when it holds nothing but the agency's name."""
    bare = line.strip(" \t-\u2013\u2014()[]*")
    return news_agencies().get(fold(bare)) if 2 <= len(bare) <= 40 else None


#: Words that label a picture's credit rather than name anyone: "AP Photo", "Photo:".
_PICTURE_WORDS = re.compile(
    r"\b(?:photos?|pictures?|images?|illustrations?|graphics?|videos?|credits?)\b\s*:?", re.I
)
#: Where a credit sits: a line that is nothing but a credit ("Photo: Jane Roe/Outlet",
#: "Jane Roe/Outlet/Agency", "Credit: Agency"), or the parenthesis closing a caption or
#: a paragraph ("... in the capital (Agency)", "... on Monday. (Agency/Jane Roe)").
_CREDIT_PLACE = re.compile(
    r"^(?:(?:photos?|pictures?|images?|illustrations?|graphics?|credits?)\s*:\s*)?"
    r"(?P<slash>[^\s:()/][^:()/\n]{1,60}(?:\s*/\s*[^:()/\n]{2,60}){1,3})$"
    r"|^(?:photos?|pictures?|images?|illustrations?|credits?)\s*:\s*(?P<label>[^:()\n]{2,60})$"
    r"|\((?P<paren>[^()\n]{2,80})\)$",
    re.I,
)


def picture_credit(line: str) -> str | None:
    """The outlet a picture's credit names, else None: the name after the photographer
    ("Photo: Jane Roe/Outlet", "Jane Roe/Outlet/Agency": staff photographers sign with
    their outlet) or a known news agency ("(Agency)", "Agency Photo/Jane Roe"). A
    credit naming neither (a ministry, a stock library, "Supplied") names no outlet."""
    match = _CREDIT_PLACE.search(line[-200:])
    if match is None:
        return None
    credit = match.group("slash") or match.group("label") or match.group("paren")
    parts = [p.strip(" :-") for p in credit.split("/") if p.strip(" :-")]
    for before, part in zip([None, *parts], parts, strict=False):
        agency = agency_credit(_PICTURE_WORDS.sub(" ", part))
        if agency is not None:
            return agency
        if (
            before
            and is_person_name(before)
            and is_outlet_name(part)
            and not _PICTURE_WORDS.search(part)  # "Stock Images": a picture library
            and not is_person_name(part.removeprefix("The "))  # a second photographer
        ):
            return part
    return None


@cache
def news_agencies() -> dict[str, str]:
    """Folded name or alias -> the agency's signing name (``data/news_agencies.csv``)."""
    return read_names(DATA_DIR / "news_agencies.csv", fold)


#: A wire dateline opening the first paragraph: "PORT ELLIS (Agency) —", "NORTH
#: FIELD, Fla. —", "CARROW, Feb. 20 (Agency) --", "ALTA/BRAVO, Ruritania (Agency) –".
#: The place is in capitals; a region, a day and the agency may follow, the agency
#: after a comma too, as papers that reprint wire copy set it ("CARROW, (Agency) –",
#: "CARROW, Ruritania, March 2, (Agency):").
DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][A-Z'\u2019.-]+(?:[ /][A-Z][A-Z'\u2019.-]+){0,4})"
    r"(?P<region>(?:,\s*[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){0,3}){0,2}?)"
    rf"(?:,\s*(?P<date>(?i:{MONTH})\s+\d{{1,2}}(?:,\s*{YEAR})?"
    rf"|\d{{1,2}}\s+(?i:{MONTH})\.?,?\s+{YEAR}))?)?"
    r"(?:,?\s*\((?P<agency>[^()\n]{2,40})\))?"
    # "SYDNEY \u2022 Leaders ...", and after a day no mark at all: "OTTAWA, April 26 Canadian";
    # a credited dateline may stand alone, its story in the next paragraph: "CARROW (AP) -"
    r"(?:\s*(?:--|[\u2014\u2013:\u2022-])\s*(?=\S)|(?<=\d)\s+(?=[A-Z])"
    r"|(?<=\))\s*(?:--|[\u2014\u2013:-])\s*$)"
)


@dataclass(frozen=True)
class Dateline:
    """The dateline opening a wire story: "CARROW, Feb. 20, 2018 (Agency) --"."""

    place: str | None  # as written, in capitals
    region: str | None
    date: str | None  # the date phrase, when it names its year
    agency: str | None
    day: str | None = None  # the date phrase without its year ("Feb. 20")


#: The same in title case, which agencies' web copy also uses ("Port Ellis, Northland
#: (Agency) -"): only with a known agency's credit, which tells it from a sentence.
_TITLE_CASE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][a-z'\u2019.]+(?:[ /-][A-Z][a-z'\u2019.]+){0,3})?"
    # the country in brackets, as some agencies set it: "Port Ellis [Northland], May 2"
    r"(?:\s*\[[A-Z][\w .'\u2019-]{1,30}\])?"
    r"(?P<region>(?:,\s*[A-Z][\w.'\u2019-]*(?:\s[A-Z][\w.'\u2019-]*){0,3}){0,2}?)"
    rf"(?:,\s*(?P<date>(?i:{MONTH})\.?\s+\d{{1,2}}(?:,\s*{YEAR})?"
    rf"|\d{{1,2}}\s+(?i:{MONTH})\.?,?\s+{YEAR}))?"
    r",?\s*\((?P<agency>[^()\n]{2,40})\)\.?\s*(?:--|[\u2014\u2013:-])\s*(?:(?=\S)|$)"
)


def dateline(paragraph: str) -> Dateline | None:
    """The dateline opening a paragraph, else None."""
    match = _dateline_match(paragraph)
    if match is None:
        return None
    place, agency = match.group("place"), match.group("agency")
    if agency and not _credits_an_agency(agency):
        agency = None
    phrase = match.group("date")
    date = phrase if phrase and re.search(YEAR, phrase) else None
    region = (match.group("region") or "").strip(" ,") or None  # no place, no region
    return Dateline(place, region, date, agency, None if date else phrase)


def dateline_end(paragraph: str) -> int:
    """Where the dateline opening a paragraph ends ("CARROW, Feb. 20 (Agency) -- "), 0
    when there is none: what follows is the story's first sentence."""
    match = _dateline_match(paragraph)
    return match.end() if match is not None else 0


def _credits_an_agency(credit: str) -> bool:
    """A dateline's parenthesis names who reports: an outlet-shaped name ("(Agency)"), or
    a list with a known agency in it, kept as written: "(dpa/Partner)" (an agency that
    signs in lower case), "(Paper/Agency)" (the paper that reprints the agency's copy),
    "(AGENCY, AGENCY)" (two agencies' copy merged)."""
    return is_outlet_name(credit) or _names_an_agency(credit)


def _names_an_agency(credit: str) -> bool:
    """Whether a credit, or one name of a credit's list ("A/B", "A, B"), is a known agency."""
    return any(agency_credit(p) for p in re.split(r"[/,]", credit) if p.strip())


def _dateline_match(paragraph: str) -> re.Match[str] | None:
    match = DATELINE.match(paragraph)
    if match is None:
        match = _TITLE_CASE_DATELINE.match(paragraph)
        if match is None or not _names_an_agency(match.group("agency")):
            return None  # "(Agency)", "(Agency/Partner)": a known agency signs
    place, agency = match.group("place"), match.group("agency")
    if agency and not _credits_an_agency(agency):
        agency = None
    if place is None and agency is None:
        return None
    if agency is None and not paragraph[match.end() :].strip():
        return None  # a line alone ("UPDATE -") is a dateline only with its credit
    if place is not None and not any(len(w) >= 3 for w in re.split(r"[ /]", place)):
        return None
    if (
        place is not None
        and paragraph[match.end("place") :].lstrip().startswith(":")
        and (len(place) < 4)
    ):
        return None  # "UN: the council ..." is a label, not a place
    return match


#: A web outlet's credit opening its story: "Outlet.com -- The ministry said ...",
#: "NewsBrand - A director won ...". Only a name shaped like a masthead counts
#: (``is_masthead``): "Jane Roe - the minister" or a place in title case does not.
_LEAD_CREDIT = re.compile(
    r"^(?P<name>[A-Z][\w.&'\u2019-]*(?:\s[A-Z][\w.&'\u2019-]*){0,3})"
    r"\s+(?:--|[-\u2013\u2014])\s+(?=[A-Z\"\u201c])"
)


#: An agency's byline that a scrape ran into the story's first paragraph: "By Agency
#: CARROW - The council ...".
_LEAD_BYLINE = re.compile(r"^By\s+(?P<words>(?:\S+\s+){1,4})(?=[A-Z])")


def lead_credit(paragraph: str) -> str | None:
    """The outlet credited at the start of a story's first paragraph, else None."""
    byline = _LEAD_BYLINE.match(paragraph[:80])
    if byline is not None:
        words = byline.group("words").split()
        for n in range(len(words), 0, -1):  # the longest name: "Agence Example Presse"
            if agency := agency_credit(" ".join(words[:n])):
                return agency
    match = _LEAD_CREDIT.match(paragraph[:80])
    if match is None or not is_masthead(match.group("name")):
        return None
    return match.group("name")


_OUTLET = r"(?:[Tt]he\s)?[A-Z][\w.&'\u2019-]*(?:\s[A-Z][\w.&'\u2019-]*){0,3}"
#: How a story names the outlet that reports it, inside its own text: someone "told
#: Agency", "did not respond to Outlet's request for comment", "Outlet understands that".
_TOLD = re.compile(rf"\btold\s(?P<name>{_OUTLET})(?=[\s,.;])")
_REQUEST = re.compile(
    rf"\b(?:to|declined)\s(?P<name>{_OUTLET})['\u2019]s\srequests?\sfor\s(?:comment|an\sinterview)"
)
_SELF = re.compile(
    rf"^(?P<name>{_OUTLET})\s(?:understands|has\slearn[te]d?|can\s(?:reveal|confirm)"
    r"|reports|reported|gathered)\s(?:that\b)?"
)


def reporting_credits(paragraph: str) -> list[tuple[str, bool]]:
    """The outlets a paragraph says the story is told to or by, each with whether the
    paragraph alone settles it: a news agency or a masthead-shaped name someone "told"
    (not alone: a story may quote another outlet's interview), a name someone did not
    answer "for comment", or a masthead-shaped name opening a paragraph with "understands"
    or "reports". A name the shape does not mark as an outlet ("told Parliament",
    "Police reported that") is none."""
    found: list[tuple[str, bool]] = []
    for pattern in (_SELF, _TOLD, _REQUEST):
        for match in pattern.finditer(paragraph):
            name = match.group("name")
            outlet = agency_credit(name) or (name if is_masthead(name) else None)
            if outlet is None and pattern is _REQUEST:
                # only an outlet asks for comment
                outlet = name if is_outlet_name(name) and not is_person_name(name) else None
            if outlet is not None:
                found.append((outlet, pattern is not _TOLD))
    return found


#: Lines in which a page names itself: its logo's label ("Daily Planet logo"), its
#: greeting ("Welcome to the Daily Planet"), its calls to follow or subscribe ("Follow
#: The Daily Planet on Facebook", "Sign up for the Daily Planet's newsletter") and an
#: author's note ("Jane Roe is a senior reporter at the Daily Planet").
_SELF_NAMING = re.compile(
    rf"^(?P<logo>{_OUTLET})\s(?i:logo)$"
    rf"|^(?i:welcome\sto)\s(?:the\s)?(?P<welcome>{_OUTLET})[.!]?$"
    rf"|^(?i:follow|like)\s(?P<follow>{_OUTLET})\s(?i:on)\s(?i:facebook|twitter|x|instagram"
    r"|linkedin|tiktok|youtube|threads|bluesky|telegram|whatsapp|google news)\b"
    rf"|^(?i:subscribe|sign\sup)\s(?i:to|for)\s(?:the\s)?(?P<subscribe>{_OUTLET})(?=['\u2019]s\s|\s|$)"
    rf"|(?P<newsletter>{_OUTLET})['\u2019]s\s(?:\w+\s){{0,2}}newsletters?\b"
    r"|^(?:[A-Z][\w'\u2019.-]*\s){1,4}is\san?\s(?:[\w-]+\s){0,3}(?:reporter|correspondent"
    r"|writer|editor|journalist|columnist|producer|contributor)(?:\s[\w-]+){0,2}"
    rf"\s(?:at|for|with)\s(?:the\s)?(?P<staff>{_OUTLET})\.?$"
)


def self_named_outlet(line: str) -> str | None:
    """The outlet a page's line names as the page's own (``_SELF_NAMING``), else None.
    Only a name shaped as an outlet's counts, never a person's ("Follow Jane Roe on X")."""
    if len(line) > 300:
        return None
    match = _SELF_NAMING.search(line)
    if match is None:
        return None
    name = next(n for n in match.groups() if n).strip(" .").removeprefix("the ")
    name = re.sub(r"['\u2019]s$", "", name)  # "Sign up for Outlet's newsletter"
    if agency := agency_credit(name):
        return agency
    if not is_outlet_name(name) or is_person_name(name):
        return None
    return name


@cache
def _masthead_words() -> dict[str, str]:
    """Folded word -> "masthead" or "section" (``data/masthead_words.csv``)."""
    return {fold(row["word"]): row["kind"] for row in read_csv(DATA_DIR / "masthead_words.csv")}


_CAMEL_CASE = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")


def is_masthead(name: str) -> bool:
    """A news outlet's name by its shape: a news agency, a web domain, a brand written in
    CamelCase ("NewsExample"), or a name with a masthead word and no section label
    ("The Northland Herald", "Port Ellis Post", but not "World News")."""
    name = name.strip()
    if agency_credit(name) or DOMAIN.match(name):
        return True
    if not is_outlet_name(name):
        return False
    words = name.split()
    if len(words) == 1:
        return bool(_CAMEL_CASE.fullmatch(name))
    kinds = {_masthead_words().get(fold(w)) for w in words}
    return "masthead" in kinds and "section" not in kinds


@cache
def _name_detector() -> object:
    """gender-guesser's detector, from the warm cache: parsing its 40,000-name file was
    0.4 s of every build that read a new article."""
    import gender_guesser.detector  # loaded on first use

    return cached("given-names", "", gender_guesser.detector.Detector)


def is_given_name(word: str) -> bool:
    """Whether a word is a first name in gender-guesser's 40,000-name dictionary."""
    return _name_detector().get_gender(word) != "unknown"  # type: ignore[attr-defined]


def is_person_name(name: str) -> bool:
    """Two to four capitalised words opening with a known first name ("Jane Roe")."""
    words = name.split()
    if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
        return False
    return is_given_name(words[0]) and not is_masthead(name)


_OUTLET_WORD = re.compile(r"^(?:[A-Z0-9][\w'\u2019.&-]*|of|the|and|&|for|on|in|de|du|el|al)$")


def is_outlet_name(line: str) -> bool:
    """A short proper-noun line: 1-5 capitalised words, no sentence punctuation."""
    words = line.split()
    if not 1 <= len(words) <= 5 or len(line) > 50 or ends_sentence(line):
        return False
    return words[0][0].isupper() and all(_OUTLET_WORD.match(w) for w in words)


def is_headline(line: str) -> bool:
    """Shaped like a headline: short, starts with a capital, no closing period or comma."""
    words = line.split()
    if not words or len(words) > MAX_HEADLINE_WORDS or len(line) > 250:
        return False
    first = line.lstrip("\u2018\u201c'\"(")[:1]
    # Capitalised, a digit, a letter of a script without case (Arabic), or an emoji.
    if not first or first.islower() or not (first.isalnum() or unicodedata.category(first) == "So"):
        return False
    return not _HEADLINE_END.search(line)


def ends_sentence(text: str) -> bool:
    """Ends with sentence punctuation (closing quotes and brackets allowed after it)."""
    return bool(_SENTENCE_END.search(text))


def is_subheading(line: str) -> bool:
    """A short headline-like line inside the body: "Converging views"."""
    return is_headline(line) and len(line.split()) <= 10 and len(line) <= 80
