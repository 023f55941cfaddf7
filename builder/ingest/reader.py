"""Ingest: a folder of news text files to numbered, cleaned articles with metadata.

File rules
----------
- Read: every regular file under the seeds folder whose name ends in ``.txt``,
  ``.text``, ``.htm`` or ``.html`` (any case), recursively, in sorted order of the
  relative POSIX path, so the same folder always gives the same articles and ids.
- Skipped with an info problem: files with any other extension (README.md, images...).
  Hidden files and folders (name starting with ".") are ignored silently, like
  version-control and editor droppings.
- Symbolic links: a link whose target lies outside the seeds folder is skipped with a
  warning (the corpus must not read arbitrary files); a link to a folder is not
  followed (info), which also rules out loops; a link to a file inside is read.
- Unreadable files (permissions, dangling links, link loops, I/O errors): error
  problem, the rest goes on. Anything that is not a regular file (a named pipe, a
  socket, a device) is skipped with a warning before it is opened: reading a pipe
  would block the build forever.
- Size cap: at most ``MAX_BYTES`` (5 MB) are read per file; a longer file is read up
  to the cap with a warning. All later work is linear in the text, so a huge file or
  a single line of megabytes stays bounded in memory and time. A paragraph longer than
  ``MAX_PARAGRAPH_CHARS`` (20,000) characters is cut at sentence ends into several,
  with a warning.
- Encoding: see ``builder.ingest.decode.decode`` (UTF-8 with or without BOM, UTF-16/32,
  Windows-1252 and others guessed by charset-normalizer); anything but plain UTF-8
  gives an info problem, binary data a warning and no article.
- A file that is empty, only whitespace or only page furniture gives a warning
  "no article text" and no article.
- A whole saved HTML page (starts with ``<!DOCTYPE html`` or ``<html``) is reduced to
  its visible text (info problem). Any other markup inside article text is data and
  is kept verbatim: it is never stripped or interpreted here.

Text rules (``parse``, pure, per file)
--------------------------------------
- Normalise: LF line ends, Unicode NFC, non-breaking and other odd spaces to plain
  spaces, zero-width spaces and soft hyphens removed, lines stripped. Letters and
  curly quotes are never changed.
- Every line is classified (``builder.ingest.lines``): article text, bare URL, byline,
  "no author identified", date line, copyright footer, photo caption, start of a
  trailing block of other stories, or droppable furniture (share/subscribe/join
  lines, "Like ... on Facebook", "Distributed by", "Visit the ... at", reporting
  credits "... contributed to this report", bracketed related links "[...]", lone
  markers such as "TT").
- Split: a file holds several articles when a headline-like line (short, capitalised,
  no closing period) starts a new page header: it recurs within a few lines with only
  captions/markers between (the scraped "headline over photo, headline over text"
  pattern), or a byline follows it, or it follows two or more blank lines and is
  followed by a caption/byline/date, or it repeats an earlier article's headline, or a
  bare URL line precedes it. Each side must carry ``MIN_BODY_WORDS`` words of body
  text, so a subheading never splits an article.
- Trailing blocks: from a line like "Talk to us", "More in Local News", "Most read",
  "Recommended for you" (after some body text) everything to the end of the article is
  dropped: it lists other stories. Trailing paragraphs without sentence punctuation
  (related headlines) are dropped too.
- Title: the first headline-like line of two or more words before the body (shorter
  lines above it are kickers and are dropped; repeats of it are dropped). Without one,
  the article's first sentence (cut at 80 characters), with an info problem.
- Authors: "By A and B" / "By A, B and C" -> names; "By A, Outlet" -> A plus an
  affiliation; "no author identified" -> no authors. Never guessed from credit lines.
- Outlet, in order of trust: a short proper-noun line right under the byline, the
  byline affiliation, the owner in a "© YEAR Owner" footer, the URL host name.
- Date, in order of trust: a /YYYY/MM/DD/ (or /YYYY/MM/) URL path; a line that is only
  a date ("Published Nov. 21, 2017"); the latest full date (day, month and year) in a
  caption not marked as a file photo; the copyright year (year precision). Phrases
  are found with our own regex and normalised with dateparser. Unknown stays None.
- Captions are kept out of the paragraphs, deduplicated, in ``Article.captions``.
- Paragraphs: blocks of adjacent lines; a hard-wrapped block (lines near one width of
  at most 120 characters, breaking mid-sentence) is re-joined, otherwise each line is
  a paragraph. A short single line without sentence punctuation is a heading. Ids
  start at 1.
- Language: share of common English function words; below the threshold the article
  stays, with language "und" and an info problem.

Cache
-----
``parse`` is a pure function of a file's text and relative path: with a ``cache_dir``,
its result is kept per file under the key of both and of the ingest code and data
(``ingest_fingerprint``), so a rebuild after one seed changed parses one file.

Corpus rules (``ingest``)
-------------------------
- The same article twice (same text after folding case, spaces and quote style), in
  one file or in two, is one article listing every source, with an info problem.
- Ids: python-slugify of the title (at most 80 characters, cut at a word boundary),
  made unique in corpus order with -2, -3... (never "index", the index page's name);
  a title that slugs to nothing (emoji)
  gets "article-" and 8 hex digits of a hash of its text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from builder import __version__
from builder.infra.cache import PickleCache, fingerprint
from builder.infra.files import Unreadable, read_inside
from builder.ingest.decode import decode
from builder.ingest.parse import assign_ids, merge_duplicates, parse
from builder.model import Article, Problem

PACKAGE = Path(__file__).parent.parent

__all__ = ["MAX_BYTES", "SUFFIXES", "IngestResult", "decode", "ingest", "parse"]

#: Bytes read per file at most.
MAX_BYTES = 5 * 1024 * 1024
#: File name endings that are read (compared in lower case).
SUFFIXES = (".txt", ".text", ".htm", ".html")


@dataclass
class IngestResult:
    articles: list[Article]
    problems: list[Problem] = field(default_factory=list)


def ingest(seeds_dir: Path, cache_dir: Path | None = None) -> IngestResult:
    """Read every article file under seeds_dir, in sorted relative-path order;
    ``cache_dir`` keeps each file's parse (``ParseCache``)."""
    seeds_dir = Path(seeds_dir)
    problems: list[Problem] = []
    if not seeds_dir.is_dir():
        problems.append(Problem(str(seeds_dir), "seeds folder not found", "error"))
        return IngestResult([], problems)
    articles: list[Article] = []
    parsed = ParseCache(cache_dir)
    for path, relative in _candidate_files(seeds_dir, problems):
        data, problem = _read(path, relative, seeds_dir)
        if problem:
            problems.append(problem)
        if data is None:
            continue
        text, message = decode(data)
        if message:
            severity = "warning" if not text else "info"
            problems.append(Problem(relative, message, severity))
        if not text and message:
            continue  # binary: already reported
        found, found_problems = parsed.parse(text, relative)
        articles.extend(found)
        problems.extend(found_problems)
    parsed.prune()
    articles, duplicates = merge_duplicates(articles)
    return IngestResult(assign_ids(articles), problems + duplicates)


def _candidate_files(root: Path, problems: list[Problem]) -> list[tuple[Path, str]]:
    """(path, relative posix path) of the files to read, sorted by relative path."""
    found: list[tuple[Path, str]] = []

    def unreadable(error: OSError) -> None:
        # os.walk skips a folder it cannot list without a word unless told: say so.
        where = Path(error.filename or root)
        relative = where.relative_to(root).as_posix() if where.is_relative_to(root) else "."
        reason = error.strerror or str(error)
        problems.append(Problem(relative, f"cannot read folder: {reason}", "error"))

    for dirpath, dirnames, filenames in os.walk(root, followlinks=False, onerror=unreadable):
        here = Path(dirpath)
        for name in list(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (here / name).is_symlink():
                relative = (here / name).relative_to(root).as_posix()
                problems.append(Problem(relative, "link to a folder: not followed", "info"))
        for name in filenames:
            if name.startswith("."):
                continue
            path = here / name
            relative = path.relative_to(root).as_posix()
            if not name.lower().endswith(SUFFIXES):
                message = f"skipped: not an article file ({', '.join(SUFFIXES)})"
                problems.append(Problem(relative, message, "info"))
                continue
            found.append((path, relative))
    problems.sort(key=lambda p: p.source)
    return sorted(found, key=lambda item: item[1])


def _read(path: Path, relative: str, root: Path) -> tuple[bytes | None, Problem | None]:
    """The file's first MAX_BYTES bytes, or None with the problem that stopped it."""
    try:
        data = read_inside(path, root, MAX_BYTES, where="the seeds folder")
    except Unreadable as why:
        return None, Problem(relative, why.reason, why.severity)  # type: ignore[arg-type]
    if len(data) > MAX_BYTES:
        message = f"larger than {MAX_BYTES // (1024 * 1024)} MB: only the first part was read"
        return data[:MAX_BYTES], Problem(relative, message, "warning")
    return data, None


@cache
def ingest_fingerprint() -> str:
    """What a file's parse depends on besides its text: the ingest code and data."""
    return fingerprint(
        __version__, PACKAGE / "ingest", PACKAGE / "text", PACKAGE / "model.py", PACKAGE / "data"
    )


class ParseCache:
    """Each file's ``parse`` on disk, by its text, its path and ``ingest_fingerprint``;
    ``folder=None`` keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.kept = PickleCache(folder, ingest_fingerprint() if folder else "")

    def parse(self, text: str, relative: str) -> tuple[list[Article], list[Problem]]:
        key = self.kept.key((relative, text))
        result = self.kept.get(key)
        if result is None:
            result = parse(text, relative)
            self.kept.put(key, result)
        return result

    def prune(self) -> None:
        """Forget the parses of files this build no longer has."""
        self.kept.prune()
