"""What one line of scraped news text is: article text, or page furniture around it.

Helpers of the ingest stage. The patterns are generic shapes of web news pages
(bylines, photo credits, share buttons, copyright footers), never the names of
particular outlets, people or places. Every pattern runs only on lines of bounded
length, so a file that is one line of megabytes costs linear time.
"""

from __future__ import annotations

import re
import unicodedata
from enum import Enum

from builder.text.dates import MONTH, WEEKDAY_OR_SHORT, YEAR


class Kind(Enum):
    """What a line is. Everything but TEXT is kept out of the paragraphs."""

    BLANK = "blank"
    TEXT = "text"
    URL = "url"  # a bare web address: article metadata
    BYLINE = "byline"  # "By A and B": article metadata
    NO_AUTHOR = "no_author"  # "no author identified"
    DATE = "date"  # a line that is only a (publication) date
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
    rf"\b(?:{WEEKDAY_OR_SHORT},?\s+)?(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{YEAR}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+{YEAR}"
    rf"|{YEAR}-[01]\d-[0-3]\d)\b",
    re.IGNORECASE,
)
_DATE_LINE = re.compile(
    rf"^(?:(?:published|posted|updated|last updated)(?: on)?:?\s*)?(?P<date>{FULL_DATE.pattern})"
    r"(?:,?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5})?)?\.?$",
    re.I,
)

_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)

# "By A", "By A and B", "By A, B and C", "By A, Outlet" (name-like words only).
_NAME_WORD = r"(?:[A-Z][\w'\u2019.-]*|de|da|del|der|van|von|al|el|bin|ibn|le|la)"
_NAME = rf"[A-Z][\w'\u2019.-]*(?:\s+{_NAME_WORD})*"
BYLINE = re.compile(
    rf"^(?:By|BY|by):?\s+(?P<names>{_NAME}(?:\s*(?:,|&|\band\b)\s*{_NAME})*)\.?$",
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
    r"|photo(?:graph)?:|image:|pictured:)",
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

_DROP = [
    re.compile(p, re.I)
    for p in (
        # calls to action: join, follow, like, share, subscribe, download
        r"^join (?:us|our)\b",
        r"^(?:follow|like) (?:us|.{1,80}) on (?:facebook|twitter|x|instagram|linkedin"
        r"|tiktok|youtube|threads|bluesky|telegram|whatsapp)\b",
        r"^(?:subscribe|sign up|signup|register|download (?:our|the) app)\b.{0,150}$",
        r"^(?:share|tweet|email|print|save|copy link)(?: (?:this|the))?"
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
        r"(?:\u2026|\.\.\.)\s*(?:continue|read) (?:reading|more)$",
        # lone markers: a few capitals ("TT") or only separator symbols ("***", "—");
        # emoji are not separators: a line of them can be a headline
        r"^(?-i:[A-Z]{1,3})$",
        r"^[-*#=_~.|/\\+\u2013\u2014\u2022\u00b7 ]{1,10}$",
    )
]
_DROP_SHORT = 400  # drop patterns only apply to lines up to this length

_SENTENCE_END = re.compile(r"[.!?\u2026]['\"\u2019\u201d)\]]*$")
_HEADLINE_END = re.compile(r"[.,;:]['\"\u2019\u201d)\]]*$")


def classify(line: str) -> Kind:
    """The kind of one stripped line."""
    if not line:
        return Kind.BLANK
    if len(line) > MAX_FURNITURE_LEN:
        return Kind.TEXT
    if _URL.match(line):
        return Kind.URL
    if BYLINE.match(line):
        return Kind.BYLINE
    if _NO_AUTHOR.match(line):
        return Kind.NO_AUTHOR
    if _DATE_LINE.match(line):
        return Kind.DATE
    if COPYRIGHT.match(line) and len(line) <= 200:
        return Kind.COPYRIGHT
    if is_caption(line):
        return Kind.CAPTION
    if _END.match(line):
        return Kind.END
    if len(line) <= _DROP_SHORT and any(p.search(line) for p in _DROP):
        return Kind.DROP
    return Kind.TEXT


def is_caption(line: str) -> bool:
    """A photo caption: starts like one, or is a sentence followed by a credit."""
    if _CAPTION_START.match(line):
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


def date_line(line: str) -> str | None:
    """The date phrase of a line that is only a date (optionally "Published ..."), else None."""
    match = _DATE_LINE.match(line)
    return match.group("date") if match else None


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
