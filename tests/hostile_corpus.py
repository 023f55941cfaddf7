"""Seeds folders of broken and hostile files, generated on the fly (no junk in the repo).

``write_broken`` lays out one file (or link, or folder) per case of bad input and
returns what the build must say about each; ``write_hostile`` writes articles whose
titles, bodies, names and quotes are full of markup that must never run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: An ordinary English body: enough words for a real article, no names in it.
BODY = (
    "The government announced on Monday that it would raise taxes on imported goods by "
    "ten percent, a move that analysts said could hurt small businesses across the country. "
    "The minister said the decision was necessary and would be reviewed next year, and "
    "that the money would go to schools and hospitals in the poorer regions."
)
BODY2 = (
    "Farmers in the north gathered outside the regional council on Friday to protest "
    "against a plan to close three rural clinics, saying that the nearest hospital would "
    "then be more than two hours away by road. Officials said the plan was not final."
)
GERMAN = (
    "Die Regierung hat am Montag angekündigt, dass sie die Steuern auf importierte Waren "
    "erhöhen wird. Das ist eine Maßnahme, die nach Ansicht von Analysten kleinen "
    "Unternehmen im ganzen Land in den kommenden Monaten schaden könnte. Der Minister "
    "sagte, die Entscheidung sei notwendig und werde im nächsten Jahr überprüft."
)

#: Sizes of the two big-file cases: above the 5 MB cap, small enough for CI.
HUGE_BYTES = 24 * 1024 * 1024
LONG_LINE_BYTES = 3 * 1024 * 1024


def article(title: str, body: str = BODY) -> str:
    """A file of one article. The title goes into the body too: bodies are what make
    two articles the same, and every case here must stay an article of its own."""
    return f"{title}\n\n{body} This report is about {title.lower()}.\n"


@dataclass(frozen=True)
class Case:
    """One bad input: where it is, and what the build must print about it."""

    path: str  # relative to the seeds folder, as the message names it
    message: str  # a fragment of the one-line message
    severity: str  # error, warning or info
    title: str | None = None  # the article it still yields, if any


MARKUP_BODY = (
    "The council met on Monday. Its statement read **bold claims** and _emphasis_ with a "
    "[link](https://example.org/x) and an ![image](https://example.org/i.png), then "
    "{{ config.site_name }} and {% include 'x.html' %} and {# note #} as typed, plus "
    "!!! note and ==marked== and ++ctrl+alt++ and ~~struck~~ and :smile: and [^1] and "
    "*[HTML]: Hyper Text in the middle of the sentence, which readers must see as written."
)


#: The cases that cost time in a full build (megabytes of text to extract and render).
BIG = ("huge.txt", "long-line.txt")


def write_broken(seeds: Path, outside: Path, *, big: bool = True) -> list[Case]:
    """One file per case of broken input under ``seeds``; ``outside`` is a sibling folder.

    ``big=False`` leaves out the two multi-megabyte files (see ``BIG``).
    """
    seeds.mkdir(parents=True, exist_ok=True)
    outside.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def put(name: str, data: bytes | str) -> Path:
        path = seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    put("empty.txt", b"")
    cases.append(Case("empty.txt", "no article text", "warning"))
    put("whitespace.txt", " \n\t\n\r\n   \n")
    cases.append(Case("whitespace.txt", "no article text", "warning"))
    put(
        "boilerplate.txt",
        "Share this article\nSubscribe to our newsletter\nTT\n"
        "Follow us on Twitter\n© 2020 Some Paper. All rights reserved.\n",
    )
    cases.append(Case("boilerplate.txt", "no article text", "warning"))

    put("binary.txt", bytes(range(256)) * 64)
    cases.append(Case("binary.txt", "binary data (NUL or control bytes), not text", "warning"))
    put("nul.txt", article("Nul bytes inside the text", BODY.replace(" by ", " by\x00 ")))
    cases.append(Case("nul.txt", "NUL byte(s) removed", "info", "Nul bytes inside the text"))
    put("truncated.txt", article("Cut short in the middle", BODY).encode() + "Café".encode()[:-1])
    cases.append(
        Case("truncated.txt", "ends inside a UTF-8 character", "info", "Cut short in the middle")
    )

    utf16 = article("Written as UTF-16 with a mark", BODY2)
    put("utf16-bom.txt", utf16.encode("utf-16"))
    cases.append(
        Case("utf16-bom.txt", "UTF-16-LE with byte-order mark", "info", utf16.split("\n")[0])
    )
    put("utf16-nobom.txt", article("Written as UTF-16 without a mark").encode("utf-16-le"))
    cases.append(
        Case(
            "utf16-nobom.txt",
            "UTF-16 without byte-order mark, read as utf-16-le",
            "info",
            "Written as UTF-16 without a mark",
        )
    )
    put(
        "cp1252.txt",
        article("Café owners fear the “new” rules", BODY + " Naïve résumés — ok.").encode("cp1252"),
    )
    cases.append(
        Case(
            "cp1252.txt",
            "not UTF-8; read as Windows-1252",
            "info",
            "Café owners fear the “new” rules",
        )
    )

    # Tens of MB: only the first 5 MB are read. Paragraphs of one sentence repeated.
    sentence = "Rain fell again on the coast and the road stayed closed for the day. "
    if big:
        cases.extend(_write_big(seeds, sentence))
    put(
        "saved-page.html",
        "<!DOCTYPE html>\n<html><head><title>Saved</title>"
        "<script>window.__pwned = 1</script><style>p{}</style></head>"
        "<body><nav>Home | News</nav><h1>A saved web page headline</h1>"
        f"<p>{BODY2} A &amp; B &lt;tag&gt;.</p></body></html>\n",
    )
    cases.append(
        Case(
            "saved-page.html",
            "saved HTML page: reduced to its visible text",
            "info",
            "A saved web page headline",
        )
    )
    put(
        "markup.txt",
        "---\ntitle: Front matter inside an article\nhide: [navigation]\n---\n\n"
        "Markup inside the text {{ title }}\n\n"
        f"{MARKUP_BODY}\n\n```\n{{% raw %}}\n```\n\n# Not a heading, a line of the text.\n",
    )

    dup = article("The same story in two files", BODY2)
    put("dup-a.txt", dup)
    put("dup-b.txt", dup.replace("\n", "\r\n"))
    cases.append(
        Case("dup-b.txt", "same article as in dup-a.txt", "info", "The same story in two files")
    )
    twice = f"The same story twice in one file\nBy Ann Example\n\n{BODY} Twice.\n"
    put("twice.txt", twice + "\n\n\n" + twice)
    cases.append(
        Case(
            "twice.txt", "same article as in twice.txt", "info", "The same story twice in one file"
        )
    )
    put("same-title-1.txt", article("Two stories share this title", BODY))
    put("same-title-2.txt", article("Two stories share this title", BODY2))
    put("index-title.txt", article("Index", BODY + " Index."))
    put("emoji-title.txt", article("🔥🔥 🚀", BODY2 + " Emoji."))
    put("rtl-title.txt", article("الحكومة ترفع الضرائب", BODY + " Arabic title."))
    put("slash-title.txt", article("Tax/Spend: 2.0 or 2.5? Officials say…", BODY2 + " Slash."))

    put("german.txt", article("Eine Überschrift für heute", GERMAN))
    cases.append(
        Case(
            "german.txt",
            "does not look like English; language set to 'de'",
            "info",
            "Eine Überschrift für heute",
        )
    )

    put("notes.md", "# not an article\n")
    cases.append(Case("notes.md", "skipped: not an article file", "info"))
    put("photo.jpg", b"\xff\xd8\xff\xe0" + bytes(200))
    cases.append(Case("photo.jpg", "skipped: not an article file", "info"))
    put("sub/deeper/nested.txt", article("A story kept in a subfolder", BODY2 + " Nested."))
    put(".hidden.txt", article("A hidden file is never read", BODY))

    secret = outside / "secret.txt"
    secret.write_text(article("A file outside the seeds folder", BODY))
    os.symlink(secret, seeds / "link-outside.txt")
    cases.append(Case("link-outside.txt", "link pointing outside the seeds folder", "warning"))
    os.symlink(outside, seeds / "linked-folder")
    cases.append(Case("linked-folder", "link to a folder: not followed", "info"))
    os.symlink(seeds / "does-not-exist.txt", seeds / "dangling.txt")
    cases.append(Case("dangling.txt", "cannot read: link to a file that does not exist", "error"))
    os.symlink("loop-b.txt", seeds / "loop-a.txt")
    os.symlink("loop-a.txt", seeds / "loop-b.txt")
    cases.append(Case("loop-a.txt", "cannot read: link loop", "error"))
    os.mkfifo(seeds / "pipe.txt")
    cases.append(Case("pipe.txt", "not a regular file", "warning"))
    (seeds / "folder.txt").mkdir()
    put("folder.txt/inside.txt", article("A story in a folder named like a file", BODY2 + " In."))
    return cases


# --- hostile payloads ----------------------------------------------------------------------

#: Markup that would run script if any page let it through. Each one sets
#: ``window.__pwned`` or opens a dialog, which the browser test listens for.
PAYLOADS = (
    "<script>window.__pwned=1;alert('script')</script>",
    "<img src=x onerror=\"window.__pwned=1;alert('img')\">",
    "<svg onload=\"window.__pwned=1;alert('svg')\">",
    "[click here](javascript:window.__pwned=1;alert('mdlink'))",
    "![pic](javascript:alert('mdimg'))",
    "<a href=\"javascript:window.__pwned=1;alert('href')\">a link</a>",
    "&lt;script&gt;alert('entity')&lt;/script&gt; &amp; &#60;b&#62;",
    "\"><script>window.__pwned=1;alert('attr')</script>",
    "'><img src=x onerror=alert('quote')>",
    "${alert('template')} `backtick` \\u003cscript\\u003e",
    "</p></div><iframe src=\"javascript:alert('iframe')\"></iframe>",
    "{{ config.site_name }} {% include 'x.html' %} {# comment #}",
    "<!-- --><style>body{display:none}</style>",
)

HOSTILE_TITLES = (
    "Ministers <script>window.__pwned=1;alert('t1')</script> meet in Geneva {{ page.title }}",
    "Talks on {% raw %} trade resume in Berlin ![x](javascript:alert('t2')) &amp; more",
    "Leaders \"><img src=x onerror=alert('t3')> gather in Paris `${alert('t4')}`",
)


def hostile_article(n: int) -> str:
    """An English article whose title, body, names and quotes all carry payloads."""
    p = PAYLOADS
    title = HOSTILE_TITLES[n]
    paragraphs = [
        f"The talks in Geneva began on Monday, said John <b>Smith</b>, a spokesman for "
        f"the Foreign Ministry, who added that {p[1]} was not on the agenda of meeting {n}.",
        f"“We will not accept {p[0]} or any {p[3]} from them,” said Maria "
        f"<i>Lopez</i>{p[8]}, the foreign minister of Spain, in a statement on Tuesday.",
        f"Officials from the United Nations said the meeting in Paris would continue "
        f"{p[6]} and that Ahmed &amp; Sons had sent a letter to President Peter "
        f"O'Neil{p[2]} about it.",
        f"A statement from the Acme{p[7]} Corporation said it would send food to Lyon "
        f"next week, and {p[9]} was printed on every box, according to Robert "
        f"[Jones](javascript:alert('name')).",
        f"“The {p[10]} matters,” said Helen Park. Reporters saw {p[11]} and {p[12]} and "
        f"{p[4]} and {p[5]} on the screen in Berlin.",
        # Shapes the English model reads as names with the markup inside them.
        "The deal was signed by Karl{{Marx}} Weber and the Acme&lt;script&gt; Group on "
        "Monday, said Omar &lt;b&gt;Haddad, a spokesman.",
        "Officials of the Evil<script>window.__pwned=1</script>Corp Company said on Friday "
        "that Tom O'Hara{% raw %} had agreed, and The Bank of {{ config.site_name }} said "
        "that Dmitri &quot;Ivanov&quot; had resigned.",
    ]
    return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_hostile(seeds: Path) -> None:
    """A seeds folder of articles full of payloads; each file is clean input otherwise."""
    seeds.mkdir(parents=True, exist_ok=True)
    for n in range(len(HOSTILE_TITLES)):
        (seeds / f"hostile-{n}.txt").write_text(hostile_article(n), encoding="utf-8")


def _write_big(seeds: Path, sentence: str) -> list[Case]:
    """A file of tens of MB and a file that is one line of megabytes."""
    cases: list[Case] = []
    block = (sentence * 6 + "\n\n").encode()
    head = b"A very large file of weather notes\n\n"
    (seeds / "huge.txt").write_bytes(head + block * ((HUGE_BYTES - len(head)) // len(block) + 1))
    cases.append(
        Case(
            "huge.txt",
            "larger than 5 MB: only the first part was read",
            "warning",
            "A very large file of weather notes",
        )
    )
    long_line = (sentence * (LONG_LINE_BYTES // len(sentence))).strip()
    (seeds / "long-line.txt").write_text(f"One line of megabytes\n\n{long_line}\n")
    cases.append(
        Case(
            "long-line.txt",
            "text without a paragraph break for over 20,000 characters: cut at sentence ends",
            "warning",
            "One line of megabytes",
        )
    )

    return cases
