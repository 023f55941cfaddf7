"""Seeds folders of broken and hostile files, generated on the fly (no junk in the repo).

``write_broken`` lays out one file (or link, or folder) per case of bad input and
returns what the build must say about each; ``write_hostile`` writes articles whose
titles, bodies, names and quotes are full of markup that must never run.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from html.parser import HTMLParser
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


# --- what would run, if anything did ---------------------------------------------------------

_SCRIPT_URLS = ("javascript:", "data:text/html", "vbscript:")


class ActiveContent(HTMLParser):
    """Collects what could run: script bodies, event-handler attributes, script URLs.

    A ``<script type="application/json">`` never runs: its body is collected apart, as
    data, and must not be able to end its element (no raw ``<``).
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []
        self.data: list[str] = []
        self.handlers: list[str] = []
        self.script_urls: list[str] = []
        self._in_script = False
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        kind = dict(attrs).get("type") if tag == "script" else None
        self._in_data = kind == "application/json"
        self._in_script = tag == "script" and not self._in_data
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            url = (value or "").strip().lower()
            if name in ("href", "src", "action", "formaction") and url.startswith(_SCRIPT_URLS):
                self.script_urls.append(f"{tag} {name}={value}")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        elif self._in_data:
            self.data.append(data)


# --- the campaign's further kinds of seed file ----------------------------------------------

RUSSIAN = (
    "Правительство объявило в понедельник, что повысит налоги на импортные товары на десять "
    "процентов. Аналитики считают, что это может навредить малому бизнесу по всей стране, "
    "а министр сказал, что решение необходимо и будет пересмотрено в следующем году."
)
CHINESE = (
    "政府星期一宣布，将对进口商品征收百分之十的额外关税。分析人士说，这一举措可能会伤害全国各地的"
    "小企业。部长表示，这一决定是必要的，明年将重新审议，所得资金将用于较贫困地区的学校和医院。"
)
JAPANESE = (
    "政府は月曜日、輸入品に対する関税を十パーセント引き上げると発表した。アナリストは、この措置が全国の"
    "中小企業に打撃を与える可能性があると述べた。大臣は、この決定は必要であり来年見直すと語った。"
)
ARABIC = (
    "أعلنت الحكومة يوم الاثنين أنها سترفع الضرائب على السلع المستوردة بنسبة عشرة في المئة، "
    "وهي خطوة "
    "قال المحللون إنها قد تضر بالشركات الصغيرة في جميع أنحاء البلاد. وقال الوزير إن القرار ضروري."
)
FRENCH = (
    "Le gouvernement a annoncé lundi qu'il augmenterait de dix pour cent les taxes sur les "
    "produits importés, une mesure qui, selon les analystes, pourrait nuire aux petites "
    "entreprises de tout le pays. Le ministre a déclaré que la décision était nécessaire."
)


def write_odd(seeds: Path) -> list[Case]:
    """Further kinds of seed file a newsroom's folder meets: every encoding the README
    promises, other languages and scripts, odd names, odd shapes of text and of HTML.

    Each case names the line the build must print (``message``, empty when the file is
    ordinary input that must simply give its article) and the article it must give.
    """
    seeds.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []

    def add(name: str, data: bytes | str, message: str, severity: str, title: str | None) -> None:
        path = seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        cases.append(Case(name, message, severity, title))

    # Encodings: every one the README promises, with and without a byte-order mark.
    for name, codec, title in (
        ("utf8-bom.txt", "utf-8-sig", "A file that opens with a UTF-8 mark"),
        ("utf32-bom.txt", "utf-32", "A file in UTF-32 with a mark"),
        ("utf32le-nobom.txt", "utf-32-le", "A file in UTF-32 little end first"),
        ("utf32be-nobom.txt", "utf-32-be", "A file in UTF-32 big end first"),
        ("utf16be-nobom.txt", "utf-16-be", "A file in UTF-16 big end first"),
    ):
        add(name, article(title, BODY2 + f" {codec}.").encode(codec), "", "info", title)
    add(
        "latin1.txt",
        article("Señor Núñez opens the año’s fair", BODY + " Niño, façade.").encode("cp1252"),
        "read as Windows-1252",
        "info",
        "Señor Núñez opens the año’s fair",
    )
    add(
        "mixed-encodings.txt",
        "Council backs the café plan\n\n".encode()
        + BODY.encode()
        + "\nThe café’s owner said: “fine”.\n".encode("cp1252"),
        "mixed encodings",
        "info",
        "Council backs the café plan",
    )
    # Other languages, in their own scripts and legacy encodings: kept, nothing invented.
    add("russian-koi8.txt", f"Налоги растут\n\n{RUSSIAN}\n".encode("koi8-r"), "'ru'", "info",
        "Налоги растут")  # fmt: skip
    add("russian.txt", f"Налоги растут снова\n\n{RUSSIAN} Снова.\n", "'ru'", "info",
        "Налоги растут снова")  # fmt: skip
    add("chinese-gb18030.txt", f"政府提高关税\n\n{CHINESE}\n".encode("gb18030"), "'zh'", "info",
        "政府提高关税")  # fmt: skip
    add("chinese.txt", f"政府再次提高关税\n\n{CHINESE}再次。\n", "'zh'", "info",
        "政府再次提高关税")  # fmt: skip
    add("japanese-sjis.txt", f"関税引き上げ\n\n{JAPANESE}\n".encode("shift_jis"), "'ja'", "info",
        "関税引き上げ")  # fmt: skip
    add("arabic.txt", f"الحكومة ترفع الضرائب مجددا\n\n{ARABIC}\n", "'ar'", "info",
        "الحكومة ترفع الضرائب مجددا")  # fmt: skip
    add("french.txt", f"Les taxes augmentent\n\n{FRENCH}\n", "'fr'", "info", "Les taxes augmentent")
    # Names of files: controls, escapes, other scripts, the longest a file system allows.
    add("name-with\nnewline.txt", article("A file whose name holds a newline"), "", "info",
        "A file whose name holds a newline")  # fmt: skip
    add("escape-\x1b[31mred.txt", article("A file whose name holds an escape"), "", "info",
        "A file whose name holds an escape")  # fmt: skip
    add("статья-記事.txt", article("A file named in two other scripts", BODY2), "", "info",
        "A file named in two other scripts")  # fmt: skip
    add("n" * 250 + ".txt", article("A file with the longest name", BODY2 + " Long."), "", "info",
        "A file with the longest name")  # fmt: skip
    add("\u202eevil-txt.exe.txt", article("A file name with a direction override"), "", "info",
        "A file name with a direction override")  # fmt: skip
    add("UPPER.TXT", article("A file with a capital extension", BODY2 + " Upper."), "", "info",
        "A file with a capital extension")  # fmt: skip
    add("plain.text", article("A file ending in dot text", BODY2 + " Text."), "", "info",
        "A file ending in dot text")  # fmt: skip
    # Shapes of text.
    add("separators.txt", "Sections split by rules\n\n" + BODY + "\n---\n***\n===\n" + BODY2
        + "\n", "", "info", "Sections split by rules")  # fmt: skip
    add("title-only.txt", "Nothing but a headline\n", "no article text", "warning", None)
    add("one-word.txt", "x" * 200_000 + "\n", "no article text", "warning", None)
    add("cr-only.txt", article("Old Mac line ends", BODY2).replace("\n", "\r"), "", "info",
        "Old Mac line ends")  # fmt: skip
    add("form-feeds.txt", article("Form feeds and tabs\f", BODY.replace(" ", "\t", 5) + "\v"),
        "", "info", "Form feeds and tabs")  # fmt: skip
    add("html-fragment.txt", f"A fragment of markup\n\n<p>{BODY}</p><div onclick=x>{BODY2}"
        "</div>\n", "", "info", "A fragment of markup")  # fmt: skip
    add("rss.txt", '<?xml version="1.0"?><rss><channel><title>Feed</title><item><title>'
        f"Item</title><description>{BODY}</description></item></channel></rss>\n", "", "info",
        None)  # fmt: skip
    add("data.txt", '{"title": "Not an article", "items": [1, 2, 3], "ok": true}\n',
        "no article text", "warning", None)  # fmt: skip
    add("table.txt", "id,name,value\n" + "".join(f"{n},row {n},{n * 7}\n" for n in range(300)),
        "does not look like English", "info", None)  # fmt: skip
    add("many-lines.txt", "Many short lines\n\n" + "word\n" * 20_000, "", "info", None)
    add("deep.html", "<html><body><h1>Deep markup headline</h1>" + "<div>" * 20_000
        + f"<p>{BODY}</p>" + "</div>" * 20_000 + "</body></html>", "reduced to its visible",
        "info", "Deep markup headline")  # fmt: skip
    add("entities.html", "<html><body><h1>Odd character references</h1><p>" + BODY
        + " &#99999999; &#0; &#xD800; &bogus; &amp</p></body></html>", "reduced to its visible",
        "info", "Odd character references")  # fmt: skip
    add("entity-file.html", '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f"<html><body><h1>An entity that names a file</h1><p>&xxe; {BODY}</p></body></html>",
        "reduced to its visible", "info", "An entity that names a file")  # fmt: skip
    broken = article("Broken bytes inside").encode() + b"\xed\xa0\x80 \xc0\xaf\xff\n"
    add("invalid-utf8.txt", broken, "", "info", "Broken bytes inside")
    add("emoji-only.txt", "🔥🚀🎉\n\n" + "😀 " * 300 + "\n", "no article text", "warning", None)
    add("long-title.txt", "Headline " * 600 + "\n\n" + BODY + "\n", "", "info", None)
    add("zalgo.txt", article("Z\u0336\u0337a\u0335l\u0334g\u0338o names", BODY2 + " Zalgo."),
        "", "info", None)  # fmt: skip
    add("homoglyph.txt", article("Paypal and Pаypal (a Cyrillic a)", BODY + " Homoglyph."),
        "", "info", "Paypal and Pаypal (a Cyrillic a)")  # fmt: skip
    add("bad-dates.txt", "Dates that cannot be\n30 February 2017\n\n" + BODY
        + " It happened on 31 April 2019, in the year 99999, on 2017-13-45.\n", "", "info",
        "Dates that cannot be")  # fmt: skip
    names = ", ".join(f"Name{chr(65 + n % 26)}{n} Person{n}" for n in range(1500))
    add("many-names.txt", article("A list of fifteen hundred names", f"{BODY} {names}."),
        "", "info", "A list of fifteen hundred names")  # fmt: skip
    for name, title in (
        ("index.txt", "Pagefind"),
        ("404.txt", "404"),
        ("assets.txt", "Assets"),
        ("sitemap.txt", "Sitemap"),
        ("dots.txt", "../../etc/passwd"),
    ):
        add(name, article(title, BODY2 + f" {name}."), "", "info", title)  # fmt: skip
    add("gzip.txt", b"\x1f\x8b\x08\x00" + bytes(range(256)) * 8, "binary data", "warning", None)
    add("pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\n" + bytes(600),
        "binary data", "warning", None)  # fmt: skip
    add("nul-only.txt", bytes(4096), "binary data", "warning", None)
    add("bom-only.txt", b"\xef\xbb\xbf", "no article text", "warning", None)
    add("empty.html", b"", "no article text", "warning", None)
    add("script-only.html", "<html><head><script>window.__pwned=1</script><style>p{}</style>"
        "</head><body></body></html>", "no article text", "warning", None)  # fmt: skip
    add("quotes-storm.txt", article("Unbalanced quotation marks", "“" * 500 + BODY + "”" * 3),
        "", "info", "Unbalanced quotation marks")  # fmt: skip
    # Stories joined into one file, each with its date line: the shape that splits (a
    # bare headline over a wide gap is as often a subheading, and splits nothing).
    many = "\n\n\n".join(
        f"Story number {n} of a bundle\n\n{n % 28 + 1} March 2024\n\n{BODY2} Story {n} ends."
        for n in range(40)
    )
    add("bundle.txt", many, "holds 40 articles", "info", "Story number 0 of a bundle")
    add("dup-utf16.txt", article("The same story in two files", BODY2).encode("utf-16"),
        "same article as in dup-a.txt", "info", None)  # fmt: skip
    os.symlink("utf8-bom.txt", seeds / "link-one.txt")
    os.symlink("link-one.txt", seeds / "link-two.txt")
    cases.append(Case("link-two.txt", "same article as in", "info", None))
    add("spaces and tabs\t.txt", article("A name with spaces and a tab", BODY2 + " Tab."), "",
        "info", "A name with spaces and a tab")  # fmt: skip
    return cases
