"""Property-style: random seed edits and curated edits, a rebuild after each step.

After every rebuild, each curated file is byte-identical to what the "contributor"
(this test) wrote, and its words are on the page the report says shows them, which
is the right one, or on the curation report. Plain ``random`` with a fixed seed rather
than Hypothesis: every example is a full site build (about 8 s with two seeds and the
rules extractor), so the test runs one fixed sequence of STEPS rebuilds, each with one
seed edit and two or three curated edits (every kind of edit occurs), and prints the
sequence when it fails.
"""

from __future__ import annotations

import json
import random
import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import SEEDS, make_project, run_build

STEPS = 4
RANDOM_SEED = 20261121
SEED_FILES = ("002_275bc50fd10f4f4d.txt", "003_aa69ce883ff4fbed.txt")
#: Ids the first step may curate before any build has been seen: some exist, some not.
KNOWN_IDS = ("bashar-assad", "moscow", "putin", "dmitry-peskov", "iran", "zorblat-quenmore")
ADDED_PARAGRAPH = "\n\nOfficials said Zorblat Quenmore met Hamid Varesh in Geneva on Monday.\n"
#: One row of the report's file table: path, outcome, the page that shows it (or —).
ROW = re.compile(
    r"<tr><td><code>docs/([^<]+)</code></td><td>([^<]+)</td>"
    r'<td>(?:<a href="[^"]*">([^<]+)</a>|—)</td>'
)


SEED_EDITS = ["append", "restore", "rename", "drop", "bring back"]
CURATED_EDITS = ["notes", "fields", "hide", "merge", "malformed", "kind", "delete"]


def _seed_edit(choice: str, seeds: Path) -> str:
    second, third = seeds / SEED_FILES[0], seeds / SEED_FILES[1]
    original = (SEEDS / SEED_FILES[1]).read_text(encoding="utf-8")
    if choice == "append":
        third.write_text(third.read_text(encoding="utf-8") + ADDED_PARAGRAPH, encoding="utf-8")
    elif choice == "restore":
        third.write_text(original, encoding="utf-8")
    elif choice == "rename":  # the person's id changes: a curated file may lose its entity
        text = third.read_text(encoding="utf-8")
        third.write_text(text.replace("Dmitry Peskov", "Dmitri Peskov"), encoding="utf-8")
    elif choice == "drop":
        second.unlink(missing_ok=True)
    else:
        shutil.copy(SEEDS / SEED_FILES[0], second)
    return f"seeds: {choice}"


def _curated_edit(
    rng: random.Random, kind: str, written: dict[str, bytes], ids: list[str], token: str
) -> str:
    ident = rng.choice(ids)
    section = rng.choice(["actors", "places"])
    if kind == "delete" and written:
        path = rng.choice(sorted(written))
        del written[path]
        return f"delete {path}"
    kind = "notes" if kind == "delete" else kind
    same_id = [p for p in written if p.split("/")[-1] == f"{ident}.md"]
    path = same_id[0] if same_id else f"{section}/{ident}.md"  # one file per id
    body = f"Words {token} by a contributor, with a link to [[{rng.choice(ids)}]].\n"
    front = {
        "notes": "",
        "fields": f"name: Renamed {token}\naliases: [Alias {token}]\ndescription: curated\n",
        "hide": "hide: true\n",
        "merge": f"merge_into: {rng.choice([*ids, 'missing-target'])}\n",
        "malformed": "name: [unclosed\n",
        "kind": f"kind: {rng.choice(['person', 'organization', 'place', 'group'])}\n",
    }[kind]
    text = (f"---\n{front}---\n\n" if front else "") + body
    written[path] = text.encode("utf-8")
    return f"{kind} {path}"


def _front(text: str) -> tuple[dict | None, bool]:
    """(front matter, well-formed) as the contributor wrote it."""
    if not text.startswith("---\n"):
        return {}, True
    try:
        return yaml.safe_load(text.split("---\n")[1]) or {}, True
    except yaml.YAMLError:
        return None, False


def _sync_docs(docs: Path, base: dict[str, bytes], written: dict[str, bytes]) -> None:
    for section in ("actors", "places"):
        shutil.rmtree(docs / section, ignore_errors=True)
    for rel, data in {**base, **written}.items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_bytes(data)


@pytest.mark.parametrize("random_seed", [RANDOM_SEED])
def test_random_edits_never_lose_a_word(tmp_path: Path, random_seed: int) -> None:
    rng = random.Random(random_seed)
    seeds = tmp_path / "seeds-src"
    seeds.mkdir()
    for name in SEED_FILES:
        shutil.copy(SEEDS / name, seeds / name)
    project = make_project(tmp_path / "project", seeds)
    seeds, docs = project / "seeds", project / "docs"
    base = {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}
    written: dict[str, bytes] = {}
    ids = list(KNOWN_IDS)
    history: list[str] = []
    # Shuffled decks rather than independent draws: every kind of edit happens.
    seed_edits = rng.sample(SEED_EDITS, STEPS)
    curated_edits = rng.sample(CURATED_EDITS, len(CURATED_EDITS)) + rng.choices(CURATED_EDITS, k=5)
    if curated_edits[0] == "delete":  # nothing to delete yet
        curated_edits.append(curated_edits.pop(0))
    for step in range(STEPS):
        history.append(_seed_edit(seed_edits[step], seeds))
        for n in range(rng.randint(2, 3)):
            kind = curated_edits.pop(0)
            history.append(_curated_edit(rng, kind, written, ids, f"tok{step}x{n}q"))
        _sync_docs(docs, base, written)
        result = run_build(project, "--extractor", "rules")
        assert result.returncode == 0, (history, result.stderr[-3000:])
        where = f"after {history}"
        print(f"step {step}: {history}")  # shown by pytest when the test fails

        # 1. every curated file is byte-identical; the build added nothing to docs/
        found = {
            p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()
        }
        assert found == {**base, **written}, where

        # 2. its words are on the page the report names, and that page is the right one
        site = project / "site"
        corpus = json.loads((site / "data/corpus.json").read_text(encoding="utf-8"))
        urls = {e["id"]: e["url"] for e in corpus["entities"]}
        report = (site / "curation/index.html").read_text(encoding="utf-8")
        claimed = {path: (status, page) for path, status, page in ROW.findall(report)}
        for path, data in written.items():
            text = data.decode("utf-8")
            token = re.search(r"tok\d+x\d+q", text).group(0)
            ident = path.split("/")[-1].removesuffix(".md")
            assert path in claimed, (path, where)
            status, page = claimed[path]
            shown = (site / page / "index.html") if page else site / "curation/index.html"
            assert token in shown.read_text(encoding="utf-8"), (path, status, page, where)
            front, well_formed = _front(text)
            if not well_formed:
                assert not page, (path, where)
            elif front.get("hide"):
                assert not page and ident not in urls, (path, where)
            elif "merge_into" in front:
                assert not page or (ident not in urls and page in urls.values()), (path, where)
            elif ident in urls:
                assert page == urls[ident], (path, page, where)
            else:
                assert not page and status.startswith("no such entity"), (path, where)
        ids = sorted(set(urls) | {"zorblat-quenmore", "no-one"})
