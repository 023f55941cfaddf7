"""A hostile-input campaign against the whole build, as a user runs it, with totals.

    python -m tests.campaign                       # the whole campaign (about 10 minutes)
    python -m tests.campaign --cycles 3 --random-kills 0 --stages 3 --no-big --no-browser

Every part runs ``python -m builder build`` in a project folder of its own:

1. **seed kinds**: one build of a seeds folder holding every kind of bad or odd seed
   file (``hostile_corpus``: broken files, links and pipes, every encoding, other
   languages and scripts, odd names and shapes, payloads). Each kind must give the
   one line it deserves, naming the file, and its article where it has one.
2. **curated kinds**: one build with every kind of curated file in ``docs/`` (broken
   YAML, values that cannot be values, wrong types, merges with words, pipes, folders,
   links out of the project, payloads, other encodings). Each must give its line, and
   every word a contributor wrote must be somewhere on the site.
3. **edit cycles**: random seed and curated edits (drawn from the same kinds), a
   rebuild after each; nothing written is lost, nothing is written into ``docs/``.
4. **kills**: ``kill -9`` of a build at every stage it prints, and at random moments;
   the site folder is then the old site or the new one, no worker outlives the build,
   and the next build gives the site a clean build gives.
5. **concurrent builds**: two builds into one site folder, and two builds of one
   project into two site folders, at the same moment; then **``mkdocs serve``** over
   every curated kind, with broken files written while it runs.
6. **live payloads**: every page of parts 1 and 2 in headless Chromium, against a
   control page whose payload does run.

The totals are printed at the end; the exit status is 1 when anything was lost,
leaked, hung or ran, or a kind did not get its line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.model import printable
from tests.conftest import ROOT, SEEDS, make_project
from tests.hostile_corpus import (
    BODY,
    BODY2,
    HOSTILE_TITLES,
    Case,
    write_broken,
    write_hostile,
    write_odd,
)

#: A build that takes longer than this is a hang (a cold build of the seeds takes ~10 s).
TIMEOUT = 600
#: Marks every process a campaign build starts, so that survivors can be found.
TAG = "NEWS_EXPLORER_CAMPAIGN"
#: Text of a file outside the project that a link in ``docs/`` or ``seeds/`` points to.
SECRET = "SECRETTOKENOUTSIDE"
#: Lines a build prints as it goes, in order: a kill right after each is a kill during
#: the next stage (the first is a kill before any line: during start-up and the lock).
STAGES = (
    "",
    "builder: ingest:",
    "builder: extract:",
    "builder: resolve:",
    "builder: changes:",
    "builder: render:",
    "Cleaning site directory",
    "Building documentation",
    "builder: pages:",
    "builder: search:",
    "Documentation built",
    "Change report",
    "site built",
)


# --- running builds ---------------------------------------------------------------------------


@dataclass
class Run:
    """What one build did."""

    code: int
    output: str  # stdout and stderr, interleaved
    seconds: float
    hung: bool = False

    @property
    def traceback(self) -> bool:
        return "Traceback (most recent call last)" in self.output


def _env(tag: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONPATH=str(ROOT))
    env[TAG] = tag
    return env


def build(project: Path, *args: str, tag: str = "build", workers: int | None = None) -> Run:
    """``python -m builder build`` in ``project``, killed (and called hung) after TIMEOUT."""
    env = _env(tag)
    if workers:
        env["NEWS_EXPLORER_WORKERS"] = str(workers)
    start = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "builder", "build", *args],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        output, _ = process.communicate(timeout=TIMEOUT)
        return Run(process.returncode, output, time.monotonic() - start)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return Run(-9, output, time.monotonic() - start, hung=True)


def survivors(tag: str) -> list[int]:
    """Processes still alive that a campaign build with ``tag`` started."""
    found = []
    marker = f"{TAG}={tag}".encode()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "status").read_text().split("State:")[1].split()[0]
        except (OSError, IndexError):
            continue
        if marker in environ.split(b"\0") and state != "Z":
            found.append(int(entry.name))
    return found


def tree(folder: Path) -> dict[str, str]:
    """Every file of a folder and the hash of its bytes."""
    if not folder.is_dir():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def site_text(site: Path) -> str:
    """All the HTML of a site, where a reader could see a word."""
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.html")))


def complete(site: Path) -> bool:
    """The parts of a site every build must leave: home, data, assets, search."""
    return all(
        (site / rel).is_file()
        for rel in ("index.html", "data/corpus.json", "sitemap.xml", "pagefind/pagefind.js")
    )


# --- the tally --------------------------------------------------------------------------------


@dataclass
class Totals:
    """What the campaign tried and what went wrong, part by part."""

    tried: Counter[str] = field(default_factory=Counter)
    clear: Counter[str] = field(default_factory=Counter)
    several_lines: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    builds: int = 0
    tracebacks: int = 0
    hangs: int = 0
    live: int = 0
    words_lost: int = 0
    leaked: int = 0
    survivors: int = 0
    pages_visited: int = 0
    control_ran: bool | None = None
    outcomes: Counter[str] = field(default_factory=Counter)
    logs: Path | None = None  # where the whole output of failed builds goes

    def fail(self, part: str, what: str) -> None:
        self.failures.append(f"{part}: {what}")

    def count(self, part: str, run: Run) -> None:
        self.builds += 1
        if self.logs is not None and (run.code or run.traceback):
            self.logs.mkdir(parents=True, exist_ok=True)
            (self.logs / f"build-{self.builds}.log").write_text(f"{part}\n{run.output}")
        if run.traceback:
            self.tracebacks += 1
            self.fail(part, f"traceback (build {self.builds}):\n" + run.output[-1500:])
        if run.hung:
            self.hangs += 1
            self.fail(part, f"no end after {TIMEOUT} s")

    @property
    def ok(self) -> bool:
        return not self.failures and self.control_ran is not False

    def table(self) -> str:
        rows = [
            ("seed kinds", "seeds"),
            ("curated kinds", "curated"),
            ("edit/rebuild cycles", "cycles"),
            ("kills (kill -9)", "kills"),
            ("concurrent builds", "concurrent"),
            ("serve, bad edits", "serve"),
        ]
        lines = ["part                  tried  as expected"]
        for label, key in rows:
            lines.append(f"{label:<20} {self.tried[key]:>6} {self.clear[key]:>12}")
        lines += [
            "",
            f"builds run            {self.builds}",
            f"tracebacks            {self.tracebacks}",
            f"hangs                 {self.hangs}",
            f"kinds with >1 line    {sum(self.several_lines.values())}",
            f"words lost            {self.words_lost}",
            f"outside text leaked   {self.leaked}",
            f"workers left alive    {self.survivors}",
            f"pages in Chromium     {self.pages_visited}",
            f"live payloads         {self.live}"
            + {None: " (not checked)", True: " (the control ran)", False: " (CONTROL DID NOT RUN)"}[
                self.control_ran
            ],
        ]
        if self.outcomes:
            lines.append(
                "after a kill          "
                + ", ".join(f"{k} {v}" for k, v in sorted(self.outcomes.items()))
            )
        return "\n".join(lines)


# --- 1. seed kinds ----------------------------------------------------------------------------

#: Files ``write_broken`` lays out that are ordinary input in an odd form: no line, an
#: article (or, for the hidden file, none at all).
QUIET = (
    Case("same-title-1.txt", "", "info", "Two stories share this title"),
    Case("same-title-2.txt", "", "info", "Two stories share this title"),
    Case("index-title.txt", "", "info", "Index"),
    Case("emoji-title.txt", "", "info", "🔥🔥 🚀"),
    Case("rtl-title.txt", "", "info", "الحكومة ترفع الضرائب"),
    Case("slash-title.txt", "", "info", "Tax/Spend: 2.0 or 2.5? Officials say…"),
    Case("sub/deeper/nested.txt", "", "info", "A story kept in a subfolder"),
    Case("markup.txt", "", "info", "Front matter inside an article"),
    Case("dup-a.txt", "", "info", "The same story in two files"),
)
#: Titles that must never reach the site: a hidden file, a file behind a link that
#: points out of the seeds folder, a file named by an entity in an HTML page.
NEVER_SHOWN = ("A hidden file is never read", "A file outside the seeds folder", "root:x:0:0")


def seed_kinds(work: Path, totals: Totals, *, big: bool) -> Path:
    """One build of every kind of seed file; returns the site."""
    seeds = work / "project" / "seeds"  # written in place: links and pipes do not copy
    cases = [*write_broken(seeds, work / "outside", big=big), *QUIET, *write_odd(seeds)]
    write_hostile(seeds)
    cases += [Case(f"hostile-{n}.txt", "", "info", t) for n, t in enumerate(HOSTILE_TITLES)]
    project = make_project(work / "project", seeds)
    run = build(project, tag="seeds")
    (work / "build.log").write_text(run.output, encoding="utf-8")
    totals.count("seeds", run)
    if run.code != 0:
        totals.fail("seeds", f"build failed:\n{run.output[-2000:]}")
        return project / "site"
    corpus = json.loads((project / "site/data/corpus.json").read_text(encoding="utf-8"))
    sources = {s: a["title"] for a in corpus["articles"] for s in a["sources"]}
    titles = {a["title"] for a in corpus["articles"]}
    lines = run.output.splitlines()
    for case in cases:
        totals.tried["seeds"] += 1
        name = printable(case.path)
        said = [ln for ln in lines if f"builder: {name}: " in ln]
        good = True
        if case.message and not any(case.message in ln for ln in said):
            totals.fail("seeds", f"{name}: no line saying {case.message!r}; said {said}")
            good = False
        if case.title and not any(case.title in title for title in titles):
            totals.fail("seeds", f"{name}: article {case.title!r} lost (found {sources.get(name)})")
            good = False
        if len(said) > 1:
            totals.several_lines["seeds"] += 1
        totals.clear["seeds"] += good
    text = site_text(project / "site")
    for words in NEVER_SHOWN:
        if words in text:
            totals.leaked += 1
            totals.fail("seeds", f"{words!r} is on the site")
    return project / "site"


# --- 2. curated kinds -------------------------------------------------------------------------


@dataclass(frozen=True)
class Curated:
    """One curated file as a contributor left it, and what the build must do with it."""

    path: str  # under docs/
    data: bytes | str | None  # None: a special file made by ``special``
    message: str = ""  # a fragment of the line naming the file ("" for none)
    words: tuple[str, ...] = ()  # words that must be on the site
    special: str = ""  # fifo, folder, dangling, outside, inside
    alone: bool = True  # False: one of a pair (a merge cycle), meaningless by itself


def curated_kinds(ids: dict[str, list[str]], token: Callable[[], str]) -> list[Curated]:
    """Every kind of curated file, on the entities ``ids`` lists by section.

    ``token`` makes a fresh word that must appear on the site.
    """
    actors, places, events = iter(ids["actors"]), iter(ids["places"]), iter(ids["events"])
    kinds: list[Curated] = []

    def add(path: str, make: Callable[[str], str | bytes], message: str = "", **extra: Any) -> None:
        """A file whose text ``make`` writes around a fresh word that must be shown."""
        word = token()
        kinds.append(Curated(path, make(word), message, (word,), **extra))

    def actor(front: str, message: str = "") -> None:
        """An actor's file with this front matter and a line of notes."""
        add(f"actors/{next(actors)}.md", lambda w: f"---\n{front}---\nNotes: {w}.\n", message)

    def special(path: str, kind: str, message: str) -> None:
        kinds.append(Curated(path, None, message, special=kind))

    add(f"actors/{next(actors)}.md", lambda w: f"Notes by a contributor: {w}.\n")
    name, alias, role = token(), token(), token()
    kinds.append(
        Curated(
            f"actors/{next(actors)}.md",
            f"---\nname: Renamed {name}\naliases: [Alias {alias}]\ndescription: {role}\n---\n",
            "",
            (name, alias, role),
        )
    )
    actor("name: [unclosed\n", "not valid YAML")
    actor("date: 2017-02-30\n", "value that cannot be read")
    actor("name: " + "[" * 5000 + "\n", "nested too deeply")
    actor("name: one\n\taliases: [two]\n", "YAML")
    actor("- a list\n- not a mapping\n", "front matter")
    actor("just a string\n", "front matter")
    actor("colour: red\n", "colour")
    actor("name: [a, list]\n", "name")
    actor("hide: yes please\n", "hide")
    actor("aliases: {a: b}\n", "aliases")
    actor("kind: spaceship\n", "kind")
    add(f"places/{next(places)}.md", lambda w: f"---\nlat: north\nlon: 999\n---\n{w}\n", "lat")
    target = next(actors)
    actor(f"hide: true\nmerge_into: {target}\n", "hide and merge_into together")
    desc, alias = token(), token()
    kinds.append(
        Curated(
            f"actors/{next(actors)}.md",
            f"---\nmerge_into: {target}\ndescription: {desc}\naliases: [Alias {alias}]\n---\n"
            f"Notes {(word := token())}.\n",
            "moved to",
            (desc, alias, word),
        )
    )
    actor("merge_into: no-such-entity-anywhere\n", "no-such-entity-anywhere")
    itself = next(actors)
    add(f"actors/{itself}.md", lambda w: f"---\nmerge_into: {itself}\n---\n{w}\n", "merge cycle")
    first, second = next(actors), next(actors)
    for one, other in ((first, second), (second, first)):
        add(f"actors/{one}.md", lambda w, o=other: f"---\nmerge_into: {o}\n---\n{w}\n",
            "merge cycle", alone=False)  # fmt: skip
    add("actors/no-such-entity-zz.md", lambda w: f"Notes {w}.\n", "no entity")
    add("actors/evil\nerror: fake.md", lambda w: f"Notes {w}.\n", "no entity")
    kinds.append(Curated("actors/binary.md", bytes(range(256)) * 4, "binary"))
    add(f"actors/{next(actors)}.md",
        lambda w: f"---\ndescription: {w}\n---\n".encode("utf-16"), "UTF-16")  # fmt: skip
    add(f"actors/{next(actors)}.md", lambda w: f"On the café {w}.\n".encode("cp1252"))
    kinds.append(Curated(f"actors/{next(actors)}.md", "", ""))
    add(f"actors/{next(actors)}.md", lambda w: f"---\ndescription: {w}\n---\n")
    add(f"actors/{next(actors)}.md", lambda w: f"---\nname: {w}\nno end to the front matter\n")
    add(f"actors/{next(actors)}.md", lambda w: f"\ufeff---\ndescription: {w}\n---\nNotes.\n")
    add(f"actors/{next(actors)}.md", lambda w: f"---\r\ndescription: {w}\r\n---\r\nNotes.\r\n")
    add(f"actors/{next(actors)}.md", lambda w: f"See [[Nobody Zq Anywhere]] {w}.\n")
    add(f"actors/{next(actors)}.md", lambda w: f"---\nname: \u202e{w}\n---\n")
    add(f"actors/{next(actors)}.md",
        lambda w: "---\ndescription: \"<script>window.__pwned=1</script>\"\naliases: ['<img "
        "src=x onerror=window.__pwned=1>']\n---\n<script>window.__pwned=1</script> <img src=x "
        "onerror=\"window.__pwned=1\"> [[<svg onload=window.__pwned=1>]] "
        f"[x](javascript:window.__pwned=1) {w}\n")  # fmt: skip
    add(f"actors/{next(actors)}.md",
        lambda w: f"{{{{ config.site_name }}}} {{% include 'x' %}} {{# c #}} {w}\n")  # fmt: skip
    add(f"actors/{next(actors)}.md",
        lambda w: f"Huge notes {w}.\n" + ("No play. " * 120 + "\n\n") * 6000)  # fmt: skip
    add(f"events/{next(events)}.md", lambda w: f"---\ntitle: Event {w}\ndate: '2017-02-30'\n---\n",
        "date")  # fmt: skip
    special("actors/pipe.md", "fifo", "named pipe")
    special("actors/folder.md", "folder", "a folder")
    special("actors/dangling.md", "dangling", "does not exist")
    special("actors/outside.md", "outside", "outside the project")
    special("leak.md", "outside", "outside the project")
    add(f"places/{next(places)}.md", lambda w: f"Shared notes {w}.\n", special="inside")
    add("notes/contributor-page.md", lambda w: f"# A page of our own\n\n{w}\n")
    add("notes/utf16-page.md", lambda w: f"# A page in UTF-16\n\n{w}\n".encode("utf-16"), "UTF-16")
    return kinds


def write_curated(docs: Path, kind: Curated, outside: Path) -> None:
    """Lay one curated file out as a contributor (or an attacker) would."""
    path = docs / kind.path
    path.parent.mkdir(parents=True, exist_ok=True)
    if kind.special == "fifo":
        os.mkfifo(path)
    elif kind.special == "folder":
        path.mkdir()
    elif kind.special == "dangling":
        path.symlink_to(path.with_name("nothing-here.md"))
    elif kind.special == "outside":
        secret = outside / "secret.md"
        secret.parent.mkdir(parents=True, exist_ok=True)
        secret.write_text(f"---\ndescription: {SECRET}\n---\n{SECRET}\n")
        path.symlink_to(secret)
    else:
        data = kind.data.encode() if isinstance(kind.data, str) else kind.data or b""
        if kind.special == "inside":
            shared = docs / "shared" / f"{path.stem}.md.txt"
            shared.parent.mkdir(parents=True, exist_ok=True)
            shared.write_bytes(data)
            path.symlink_to(shared)
        else:
            path.write_bytes(data)


def entity_ids(site: Path) -> dict[str, list[str]]:
    """Ids of a built site's entities by section, the most mentioned first."""
    corpus = json.loads((site / "data/corpus.json").read_text(encoding="utf-8"))
    ranked = sorted(corpus["entities"], key=lambda e: (-e["mentions"], e["id"]))
    return {
        "actors": [e["id"] for e in ranked if e["kind"] != "place"],
        "places": [e["id"] for e in ranked if e["kind"] == "place"],
        "events": sorted(e["id"] for e in corpus.get("events", [])),
    }


def docs_files(docs: Path) -> dict[str, bytes]:
    """Every regular file under ``docs/`` (links resolved), as a contributor left it."""
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and (not p.is_symlink() or p.resolve().is_relative_to(docs.resolve()))
    }


def check_curated(
    part: str, run: Run, kinds: list[Curated], site: Path, totals: Totals, *, count: bool
) -> None:
    """Each kind got its line; every word written is on the site; no outside text is."""
    text = site_text(site)
    lines = run.output.splitlines()
    for kind in kinds:
        name = printable(f"docs/{kind.path}")
        said = [ln for ln in lines if f"{name}: " in ln]
        good = True
        if kind.message and not any(kind.message.lower() in ln.lower() for ln in said):
            totals.fail(part, f"{name}: no line saying {kind.message!r}; said {said}")
            good = False
        for word in kind.words:
            if word not in text:
                totals.words_lost += 1
                totals.fail(part, f"{name}: the words {word!r} are on no page")
                good = False
        if count:
            totals.tried[part] += 1
            totals.clear[part] += good
            totals.several_lines[part] += len(said) > 1
    if SECRET in text:
        totals.leaked += 1
        totals.fail(part, "text from outside the project is on the site")


def curated_part(work: Path, totals: Totals) -> Path:
    """One build with every kind of curated file; returns the site."""
    project = make_project(work / "project")
    first = build(project, tag="curated")  # the model's extraction: events to curate
    totals.count("curated", first)
    tokens = iter(f"cword{n:03d}q" for n in range(1000))
    kinds = curated_kinds(entity_ids(project / "site"), lambda: next(tokens))
    docs = project / "docs"
    for kind in kinds:
        write_curated(docs, kind, work / "outside")
    before = docs_files(docs)
    run = build(project, tag="curated")
    totals.count("curated", run)
    if run.code != 0:
        totals.fail("curated", f"build failed:\n{run.output[-2000:]}")
        return project / "site"
    check_curated("curated", run, kinds, project / "site", totals, count=True)
    if docs_files(docs) != before:
        totals.fail("curated", "the build changed a file in docs/")
    return project / "site"


# --- 3. random edit/rebuild cycles ------------------------------------------------------------


def cycles_part(work: Path, totals: Totals, cycles: int, rng: random.Random) -> None:
    """Random seed and curated edits from the same kinds, a rebuild after each step."""
    odd = work / "odd"
    cases = write_odd(odd)
    project = make_project(work / "project")
    totals.count("cycles", build(project, "--extractor", "rules", tag="cycles"))
    seeds, docs = project / "seeds", project / "docs"
    tokens = iter(f"eword{n:04d}q" for n in range(100_000))
    written: dict[str, Curated] = {}
    for step in range(cycles):
        history = []
        # Seeds: add an odd file, remove one, or append a paragraph naming someone new.
        for _ in range(rng.randint(1, 2)):
            choice = rng.choice(["add", "add", "remove", "append"])
            added = sorted(p for p in seeds.iterdir() if not p.name[:3].isdigit())
            if choice == "remove" and added:
                victim = rng.choice(added)
                (victim.unlink if not victim.is_dir() else lambda v=victim: shutil.rmtree(v))()
                history.append(f"remove {victim.name!r}")
            elif choice == "append":
                seed = rng.choice(sorted(p for p in seeds.glob("0*.txt")))
                with seed.open("a", encoding="utf-8") as handle:
                    handle.write(f"\n\nOfficials said Zorblat Quen{step} met envoys in Geneva.\n")
                history.append(f"append to {seed.name}")
            else:
                case = rng.choice(cases)
                source = odd / case.path
                if source.is_file() and not source.is_symlink():
                    shutil.copy(source, seeds / case.path)
                    history.append(f"add {case.path!r}")
        # Curated: write two or three files of random kinds, or delete one.
        ids = entity_ids(project / "site") if (project / "site").is_dir() else {}
        for _ in range(rng.randint(2, 3)):
            if written and rng.random() < 0.25:
                path = rng.choice(sorted(written))
                target = docs / path
                if target.is_dir() and not target.is_symlink():
                    shutil.rmtree(target)
                else:
                    target.unlink(missing_ok=True)
                del written[path]
                history.append(f"delete docs/{path!r}")
                continue
            shuffled = {
                k: rng.sample(v, len(v)) + [f"nobody-{step}-{k}"] * 60 for k, v in ids.items()
            }
            kind = rng.choice([k for k in curated_kinds(shuffled, lambda: next(tokens)) if k.alone])
            if (
                kind.path in written
                or (docs / kind.path).exists()
                or (docs / kind.path).is_symlink()
            ):
                continue
            write_curated(docs, kind, work / "outside")
            written[kind.path] = kind
            history.append(f"write docs/{kind.path!r} ({kind.message or 'plain'})")
        before = docs_files(docs)
        run = build(project, "--extractor", "rules", tag="cycles")
        totals.count("cycles", run)
        totals.tried["cycles"] += 1
        part = f"cycle {step} ({'; '.join(history)})"
        if run.code != 0:
            totals.fail(part, f"build failed:\n{run.output[-2000:]}")
            continue
        failures = len(totals.failures)
        check_curated(part, run, list(written.values()), project / "site", totals, count=False)
        if docs_files(docs) != before:
            totals.fail(part, "the build changed a file in docs/")
        if not complete(project / "site"):
            totals.fail(part, "the site is incomplete")
        totals.clear["cycles"] += len(totals.failures) == failures


# --- 4. kills ---------------------------------------------------------------------------------


def _kill_at(project: Path, marker: str, delay: float | None, tag: str) -> None:
    """Start a build and ``kill -9`` it when ``marker`` is printed, or after ``delay`` s."""
    env = _env(tag)
    env["NEWS_EXPLORER_WORKERS"] = "2"
    process = subprocess.Popen(
        [sys.executable, "-u", "-m", "builder", "build"],
        cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    assert process.stdout is not None
    if delay is not None or not marker:
        time.sleep(delay or 0.3)
    else:
        deadline = time.monotonic() + TIMEOUT
        for line in process.stdout:
            if marker in line or time.monotonic() > deadline:
                break
    process.send_signal(signal.SIGKILL)  # the build only: its workers must follow it
    process.wait()


def kills_part(
    work: Path, totals: Totals, stages: int, random_kills: int, rng: random.Random
) -> None:
    """``kill -9`` at every stage and at random moments; old or new site, nothing left."""
    from tests.bench.make_corpus import make_corpus

    seeds = work / "seeds"
    shutil.copytree(SEEDS, seeds)
    make_corpus(24, seeds / "generated", seed=11, style="realistic")
    project = make_project(work / "project", seeds)
    totals.count("kills", build(project, tag="kills"))
    old_site = work / "old-site"
    shutil.copytree(project / "site", old_site)
    old = tree(old_site)
    # The new input: one article more, one edited, one gone.
    (project / "seeds" / "added.txt").write_text(f"Envoys meet again\n\n{BODY}\n{BODY2}\n")
    edited = sorted((project / "seeds" / "generated").glob("*.txt"))
    with edited[0].open("a", encoding="utf-8") as handle:
        handle.write("\n\nOfficials said the talks would resume on Friday in Geneva.\n")
    edited[-1].unlink()
    reference = work / "reference"
    shutil.copytree(project, reference, symlinks=True)
    totals.count("kills", build(reference, tag="kills-reference"))
    new = tree(reference / "site")
    cache = project / ".cache"
    saved_cache = work / "saved-cache"
    shutil.copytree(cache, saved_cache, symlinks=True)
    plan: list[tuple[str, float | None]] = [(m, None) for m in STAGES[:stages]]
    plan += [("", rng.uniform(0.2, 20.0)) for _ in range(random_kills)]
    for n, (marker, delay) in enumerate(plan):
        # Each kill starts from the old site and the cache the old build left.
        for folder, saved in ((project / "site", old_site), (cache, saved_cache)):
            shutil.rmtree(folder, ignore_errors=True)
            shutil.copytree(saved, folder, symlinks=True)
        if marker == "builder: ingest:":  # a cold extraction: workers are running
            shutil.rmtree(cache / "plugin" / "news-explorer" / "extract", ignore_errors=True)
        tag = f"kill-{n}"
        _kill_at(project, marker, delay, tag)
        where = f"kill {n} ({'after ' + repr(marker) if marker else f'at {delay or 0.3:.1f} s'})"
        totals.tried["kills"] += 1
        failures = len(totals.failures)
        time.sleep(0.5)
        left = survivors(tag)
        if left:
            totals.survivors += len(left)
            totals.fail(where, f"{len(left)} process(es) outlived the build")
            for pid in left:
                os.kill(pid, signal.SIGKILL)
        after = tree(project / "site")
        outcome = "old site" if after == old else "new site" if after == new else "broken site"
        totals.outcomes[outcome] += 1
        if outcome == "broken site":
            totals.fail(where, "the site folder is neither the old site nor the new one")
        run = build(project, tag=f"after-{tag}")
        totals.count(where, run)
        if run.code != 0:
            totals.fail(where, f"the next build failed:\n{run.output[-2000:]}")
        elif outcome == "old site" and tree(project / "site") != new:
            diff = sorted(k for k in set(new) | set(tree(project / "site"))
                          if new.get(k) != tree(project / "site").get(k))  # fmt: skip
            totals.fail(where, f"the next build differs from a clean one: {diff[:8]}")
        elif not complete(project / "site"):
            totals.fail(where, "the next build left an incomplete site")
        totals.clear["kills"] += len(totals.failures) == failures


# --- 5. concurrent builds ---------------------------------------------------------------------


#: What a build writes from the previous build of its own site folder: the change report
#: (two site folders have two baselines) and the search index that holds it.
_FROM_PREVIOUS = ("whats-new/", "pagefind/")


def _same_input(site: Path) -> dict[str, str]:
    """The site's files that depend only on the input, not on its previous build."""
    return {k: v for k, v in tree(site).items() if not k.startswith(_FROM_PREVIOUS)}


def _start(project: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "builder", "build", *args],
        cwd=project, env=_env("concurrent"), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True,
    )  # fmt: skip


def concurrent_part(work: Path, totals: Totals) -> None:
    """Two builds at the same moment: into one site folder, and into two."""
    project = make_project(work / "project")
    totals.count("concurrent", build(project, "--extractor", "rules", tag="concurrent"))
    (project / "seeds" / "added.txt").write_text(f"Envoys meet again\n\n{BODY}\n{BODY2}\n")
    for sites in (("site", "site"), ("site", "site-two")):
        started = [_start(project, "--extractor", "rules", "--site-dir", name) for name in sites]
        runs = [Run(p.wait(TIMEOUT), p.stdout.read() if p.stdout else "", 0.0) for p in started]
        where = f"two builds into {' and '.join(sites)}"
        totals.tried["concurrent"] += 1
        failures = len(totals.failures)
        for run in runs:
            totals.count(where, run)
        codes = sorted(r.code for r in runs)
        refused = [r for r in runs if r.code != 0]
        for run in refused:
            errors = [ln for ln in run.output.splitlines() if ln.startswith("error:")]
            if len(errors) != 1 or "another build" not in errors[0]:
                totals.fail(where, f"a build failed without one clear line:\n{run.output[-1500:]}")
        if codes == [0, 0] and sites[0] == sites[1]:
            totals.fail(where, "both builds wrote the same site folder")
        if 0 not in codes:
            totals.fail(where, "no build succeeded")
        for name in set(sites):
            if not complete(project / name):
                totals.fail(where, f"{name}/ is incomplete")
        if codes == [0, 0] and _same_input(project / sites[0]) != _same_input(project / sites[1]):
            totals.fail(where, "the two sites differ beyond their change reports")
        totals.clear["concurrent"] += len(totals.failures) == failures


def _get(url: str, timeout: float) -> tuple[int, str]:
    """(status, body) of one request; status 0 when it failed or took too long."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return answer.status, answer.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return 0, ""


def serve_part(work: Path, totals: Totals) -> None:
    """``mkdocs serve`` over every curated kind, then bad edits while it runs: every
    request answers, and each edit shows on the site."""
    import socket

    project = make_project(work / "project")
    tokens = iter(f"sword{n:03d}q" for n in range(1000))
    totals.count("serve", build(project, tag="serve"))  # to learn the entities' ids
    ids = entity_ids(project / "site")
    for kind in curated_kinds(ids, lambda: next(tokens)):
        write_curated(project / "docs", kind, work / "outside")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=_env("serve"), stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}/"
    try:
        steps = [
            ("start", None, "curation/", None),
            ("an impossible date", "actors/after-start.md", "curation/", "date: 2017-02-30"),
            ("nesting", "actors/nested-later.md", "curation/", "[[[["),
        ]
        marker: str | None
        for label, path, page, marker in steps:
            totals.tried["serve"] += 1
            word = next(tokens)
            if path is not None:
                front = "date: 2017-02-30\n" if "date" in label else "name: " + "[" * 5000 + "\n"
                (project / "docs" / path).write_text(f"---\n{front}---\nNotes {word}.\n")
                marker = word
            deadline = time.monotonic() + TIMEOUT
            seen = False
            while time.monotonic() < deadline and not seen:
                status, body = _get(base + page, timeout=30)
                if status == 0 and server.poll() is not None:
                    break
                seen = status == 200 and (marker is None or marker in body)
                if not seen:
                    time.sleep(1)
            where = f"mkdocs serve, {label}"
            if not seen:
                totals.fail(where, f"{page} did not show {marker!r} within {TIMEOUT} s")
                continue
            slow = [u for u in ("", "actors/", page) if _get(base + u, timeout=10)[0] != 200]
            if slow:
                totals.fail(where, f"no answer within 10 s for {slow}")
                continue
            totals.clear["serve"] += 1
    finally:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


# --- 6. live payloads -------------------------------------------------------------------------


def _page(chromium: Any, base: str) -> tuple[Any, list[str]]:
    """A new tab that records dialogs and reaches only the local server."""
    from tests.browser import local_only

    page = chromium.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("**/*", lambda route: local_only(route, base))
    return page, dialogs


def browser_part(sites: list[Path], work: Path, totals: Totals) -> None:
    """Every page in Chromium; a control page proves a payload that runs is seen."""
    from tests.browser import HAS_RUN, browser, serve

    control = work / "control"
    control.mkdir()
    (control / "index.html").write_text('<img src=x onerror="window.__pwned=1">')
    with browser() as chromium:
        for root in [control, *sites]:
            pages = sorted(p for p in root.rglob("*.html") if "vendor" not in p.parts)
            with serve(root) as base:
                page, dialogs = _page(chromium, base)
                for path in pages:
                    url = base + path.relative_to(root).as_posix().removesuffix("index.html")
                    page.goto(url, wait_until="load")
                    page.wait_for_timeout(30)
                    ran = bool(page.evaluate(HAS_RUN)) or bool(dialogs)
                    dialogs.clear()
                    if root == control:
                        totals.control_ran = ran
                        continue
                    totals.pages_visited += 1
                    if ran:
                        totals.live += 1
                        totals.fail("browser", f"a payload ran on {url}")
                        page.close()
                        page, dialogs = _page(chromium, base)
                page.close()


# --- the campaign -----------------------------------------------------------------------------


def run_campaign(
    work: Path,
    *,
    cycles: int = 20,
    stages: int = len(STAGES),
    random_kills: int = 4,
    big: bool = True,
    browser: bool = True,
    seed: int = 20261206,
    only: tuple[str, ...] = (),
) -> Totals:
    """Run every part in folders under ``work``; the totals."""
    totals = Totals(logs=work / "failed-builds")
    rng = random.Random(seed)
    parts: list[tuple[str, Callable[[Path], object]]] = [
        ("seeds", lambda w: seed_kinds(w, totals, big=big)),
        ("curated", lambda w: curated_part(w, totals)),
        ("cycles", lambda w: cycles_part(w, totals, cycles, rng)),
        ("kills", lambda w: kills_part(w, totals, stages, random_kills, rng)),
        ("concurrent", lambda w: concurrent_part(w, totals)),
        ("serve", lambda w: serve_part(w, totals)),
    ]
    sites: list[Path] = []
    for name, part in parts:
        if only and name not in only:
            continue
        start = time.monotonic()
        result = part(work / name)
        if isinstance(result, Path):
            sites.append(result)
        print(f"{name}: done in {time.monotonic() - start:.0f} s", file=sys.stderr)
    if browser:
        browser_part([s for s in sites if s.is_dir()], work, totals)
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cycles", type=int, default=20, help="random edit/rebuild cycles")
    parser.add_argument("--stages", type=int, default=len(STAGES), help="stages to kill at")
    parser.add_argument("--random-kills", type=int, default=4, help="kills at random moments")
    parser.add_argument("--no-big", action="store_true", help="leave out the multi-MB files")
    parser.add_argument("--no-browser", action="store_true", help="no Chromium visit")
    parser.add_argument("--seed", type=int, default=20261206)
    parser.add_argument("--only", default="", help="comma-separated parts, e.g. seeds,kills")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="campaign-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        totals = run_campaign(
            work,
            cycles=args.cycles,
            stages=args.stages,
            random_kills=args.random_kills,
            big=not args.no_big,
            browser=not args.no_browser,
            seed=args.seed,
            only=tuple(filter(None, args.only.split(","))),
        )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    for failure in totals.failures:
        print(f"FAILED {failure}")
    print(totals.table())
    return 0 if totals.ok else 1


if __name__ == "__main__":
    sys.exit(main())
