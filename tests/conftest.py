"""Shared fixtures: a real site built from the seeds, once per test session."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def make_project(target: Path, seeds: Path = SEEDS) -> Path:
    """A copy of the project's configuration and curated docs with the given seeds."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs", dirs_exist_ok=True)
    if seeds != target / "seeds":
        shutil.copytree(seeds, target / "seeds", dirs_exist_ok=True)
    return target


def run_build(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``python -m builder build`` exactly as a user runs it, inside ``project``."""
    return subprocess.run(
        [sys.executable, "-m", "builder", "build", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


@pytest.fixture(scope="session")
def seeds_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_project(tmp_path_factory.mktemp("seeds-project"))
    result = run_build(project, "--strict")
    assert result.returncode == 0, result.stderr[-4000:]
    return project


@pytest.fixture(scope="session")
def site(seeds_project: Path) -> Path:
    return seeds_project / "site"


@pytest.fixture(scope="session")
def corpus(site: Path) -> dict[str, Any]:
    return json.loads((site / "data" / "corpus.json").read_text(encoding="utf-8"))


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def find_entity(corpus: dict[str, Any], name: str) -> dict[str, Any] | None:
    """The entity whose name or alias is ``name`` (case and accents ignored)."""
    wanted = fold(name)
    for entity in corpus["entities"]:
        if wanted in {fold(n) for n in [entity["name"], *entity["aliases"]]}:
            return entity
    return None


def on_timeline(corpus: dict[str, Any]) -> list[dict[str, Any]]:
    """The events the timeline shows, each with ``when``: its own date, else the earliest
    date (published or estimated) of the articles reporting it; events with neither are
    not on it."""
    articles = {a["id"]: a for a in corpus["articles"]}
    shown = []
    for event in corpus["events"]:
        reports = [articles[s["article"]] for s in event["sources"] if s["article"] in articles]
        known = [d for a in reports if (d := a["date"] or a["estimated_date"])]
        when = event["date"] or (min(known) if known else None)
        if when:
            shown.append({**event, "when": when})
    return shown
