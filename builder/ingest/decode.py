"""Bytes to clean text: encoding detection, typography normalisation, saved HTML pages.

Helpers of the ingest stage (see ``builder.ingest.reader`` for the file rules). Every function
here is pure and never raises on bad input: trouble comes back as a message.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser

#: Share of NUL bytes above which a file without a UTF-16 pattern is called binary.
_BINARY_NUL_SHARE = 0.01
#: Share of C0 control bytes (other than tab/newline/CR/form feed) that marks binary data.
_BINARY_CONTROL_SHARE = 0.05
#: How many leading bytes the binary and UTF-16 sniffers look at; bounded work per file.
_SNIFF_BYTES = 64 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Unicode ranges (charset-normalizer "alphabets") that a Western single-byte code page
# can produce. If a guess decodes to nothing else, Windows-1252 is the better bet: it is
# what English web text that is not UTF-8 nearly always is, and charset-normalizer tends
# to pick a neighbour (cp1250, cp775) that turns "ï" into "ď" on short English texts.
_LATIN_ALPHABET_WORDS = (
    "Latin", "Punctuation", "Currency", "Symbols", "Number", "Control", "Spacing Modifier",
    "Combining",
)  # fmt: skip


def decode(data: bytes) -> tuple[str, str | None]:
    """Decode one file's bytes: the text and a problem message, or None if all was well.

    UTF-8 (with or without BOM) and UTF-16/32 with a BOM are read exactly; UTF-16
    without a BOM is recognised by its NUL-byte pattern; anything else is guessed
    with charset-normalizer, preferring Windows-1252 for Latin-script text. Binary
    data (NUL or control bytes) gives an empty text and a message.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text, message = _decode_exact(data[len(bom) :], encoding)
            if encoding != "utf-8" and message is None:
                # Read exactly, but worth a line: tools downstream may expect UTF-8.
                message = f"{encoding.upper()} with byte-order mark"
            return text, message
    utf32 = _sniff_utf32(data)
    if utf32:
        text, _ = _decode_exact(data[: len(data) - len(data) % 4], utf32)
        return text, f"UTF-32 without byte-order mark, read as {utf32}"
    utf16 = _sniff_utf16(data)
    if utf16:
        text, _ = _decode_exact(data, utf16)
        return text, f"UTF-16 without byte-order mark, read as {utf16}"
    if _looks_binary(data):
        return "", "binary data (NUL or control bytes), not text"
    nuls = data.count(0)
    note = f"{nuls} NUL byte(s) removed" if nuls else None
    data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8"), note
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data" and err.start >= len(data) - 3:
            # A file cut inside its last character (e.g. by the size cap).
            cut = "ends inside a UTF-8 character: the incomplete last bytes were dropped"
            return data[: err.start].decode("utf-8"), "; ".join(m for m in (note, cut) if m)
    mixed = _decode_mixed(data)
    if mixed is not None:
        return mixed[0], "; ".join(m for m in (note, mixed[1]) if m)
    text, message = _guess(data)
    return text, "; ".join(m for m in (note, message) if m)


def _decode_mixed(data: bytes) -> tuple[str, str] | None:
    """Text whose lines are UTF-8 but for some in Windows-1252 (a quote pasted from an
    old editor): each line in its own encoding, where guessing one encoding for the
    whole file would garble every UTF-8 line. None when no line is UTF-8 beyond ASCII."""
    lines = data.split(b"\n")
    read: list[str | None] = []
    for line in lines:
        try:
            read.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            read.append(None)
    wide = sum(1 for line, text in zip(lines, read, strict=True) if text and not line.isascii())
    legacy = [i for i, text in enumerate(read) if text is None]
    if not wide or not legacy:
        return None
    text = "\n".join(
        t if t is not None else line.decode("cp1252", errors="replace")
        for line, t in zip(lines, read, strict=True)
    )
    return text, f"mixed encodings: {len(legacy)} line(s) read as Windows-1252, the rest UTF-8"


def _decode_exact(data: bytes, encoding: str) -> tuple[str, str | None]:
    """Decode with a known encoding; undecodable bytes become U+FFFD with a message."""
    if encoding.startswith("utf-16") and len(data) % 2:
        data = data[:-1]  # truncated in the middle of a code unit
    try:
        return data.decode(encoding), None
    except UnicodeDecodeError:
        text = data.decode(encoding, errors="replace")
        return text, f"invalid {encoding} bytes replaced by U+FFFD"


def _sniff_utf32(data: bytes) -> str | None:
    """UTF-32 without BOM: three NULs in every four bytes of Latin-script text."""
    head = data[: _SNIFF_BYTES - _SNIFF_BYTES % 4]
    if len(head) < 8:
        return None
    quarter = len(head) // 4
    nuls = [head[k::4].count(0) / quarter for k in range(4)]
    if nuls[0] < 0.05 and min(nuls[1:]) > 0.9:
        return "utf-32-le"
    if nuls[3] < 0.05 and min(nuls[:3]) > 0.9:
        return "utf-32-be"
    return None


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: English text has a NUL in every other byte."""
    head = data[:_SNIFF_BYTES]
    if len(head) < 4:
        return None
    half = len(head) // 2
    even_nuls = head[0::2].count(0) / half
    odd_nuls = head[1::2].count(0) / half
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES]
    if not head:
        return False
    if head.count(0) / len(head) > _BINARY_NUL_SHARE:
        return True
    controls = sum(head.count(b) for b in range(32) if b not in (9, 10, 12, 13))
    return controls / len(head) > _BINARY_CONTROL_SHARE


#: Below this many non-ASCII bytes, and under a quarter of the letters, a legacy-encoded
#: file is read as Windows-1252.
FEW_LEGACY_BYTES = 16


def _letters(data: bytes) -> int:
    return sum(1 for b in data if b > 0x7F or 65 <= b <= 90 or 97 <= b <= 122)


def _guess(data: bytes) -> tuple[str, str | None]:
    from charset_normalizer import from_bytes  # imported late: only non-UTF-8 files need it

    cp1252 = _try_decode(data, "cp1252")
    legacy = sum(b > 0x7F for b in data)
    if cp1252 is not None and legacy < FEW_LEGACY_BYTES and legacy * 4 < _letters(data):
        # A few accented letters in ASCII text: too little for charset-normalizer to
        # tell encodings apart (it reads "café" as Urdu), and Western text by far the
        # likeliest; Cyrillic, Greek or Arabic text is non-ASCII in nearly every letter.
        return cp1252, "not UTF-8; read as Windows-1252"
    best = from_bytes(data).best()
    latin_only = best is None or all(
        any(word in alphabet for word in _LATIN_ALPHABET_WORDS) for alphabet in best.alphabets
    )
    if cp1252 is not None and latin_only:
        return cp1252, "not UTF-8; read as Windows-1252"
    if best is not None:
        return str(best), f"not UTF-8; read as {best.encoding} (guessed)"
    text = data.decode("cp1252", errors="replace")
    return text, "not UTF-8 and no encoding fits; read as Windows-1252 with replacements"


def _try_decode(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# --- typography -------------------------------------------------------------------------

# Spaces that are not plain spaces: NBSP, narrow NBSP, figure space, the en/em spaces...
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]")
# Invisible characters that only break matching: zero-width space, word joiner, BOM,
# soft hyphen. ZWJ/ZWNJ are kept: they carry meaning in emoji and some scripts.
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
#: Bidirectional embeddings, overrides and isolates: they display text reversed ("a
#: spoofing vector" in names and titles) and right-to-left scripts need none of them.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Remaining C0/C1 controls (tab and newline were handled before), never article text.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_RUNS_OF_SPACES = re.compile(r" {2,}")


def normalise(text: str) -> str:
    """One clean form of any text: LF line ends, NFC, plain spaces, no invisibles.

    Curly quotes and dashes stay as they are: they are the article's own characters.
    Lines are stripped and runs of spaces collapsed; letters are never changed (NFC
    only composes, so "Zürich" typed with a combining diaeresis becomes the same
    string as the precomposed one).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = _SPACES.sub(" ", text)
    text = _INVISIBLE.sub("", text)
    text = BIDI_CONTROLS.sub("", text)
    text = _CONTROLS.sub("", text)
    text = unicodedata.normalize("NFC", text)
    lines = (_RUNS_OF_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(lines).strip("\n")


# --- saved HTML pages ---------------------------------------------------------------------

#: Any doctype: one with an internal subset (``<!DOCTYPE x [<!ENTITY ...>]>``) is still a
#: page, and its entities are never expanded (``html.parser`` knows only HTML's own).
_HTML_START = re.compile(
    r"\A\s*(?:<!--.*?-->\s*)*<(?:!doctype\b|(?:html|head|body)[\s>])", re.I | re.S
)

# Elements whose content is never visible text.
_HIDDEN_TAGS = frozenset(
    {"script", "style", "noscript", "template", "head", "svg", "iframe", "nav", "form", "button"}
)
# Elements that end a line of visible text.
_BLOCK_TAGS = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
        "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "td", "th",
        "tr", "ul",
    }
)  # fmt: skip


def is_html_page(text: str) -> bool:
    """True for a whole saved web page (starts with a doctype, <html>, <head> or <body>)."""
    return bool(_HTML_START.match(text[:4096]))


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN_TAGS:
            self._hidden_depth = max(0, self._hidden_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden_depth:
            # Inside a block, source line breaks are just spaces, as a browser shows them.
            self.parts.append(re.sub(r"\s+", " ", data))


#: A doctype's internal subset (entity declarations): ``html.parser`` would end the
#: doctype at the first ``>`` inside it and show the rest as text.
_INTERNAL_SUBSET = re.compile(r"<!doctype[^\[>]*\[.*?\]\s*>", re.I | re.S)


def html_to_text(page: str) -> str:
    """The visible text of an HTML page, one block element per paragraph."""
    parser = _VisibleText()
    try:
        parser.feed(_INTERNAL_SUBSET.sub("", page, count=1))
        parser.close()
    except Exception:  # html.parser is lenient, but a page must never stop the build
        pass
    text = "".join(parser.parts)
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
