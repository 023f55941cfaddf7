"""Our own sourced data files (``builder/data/``): tables a library lacks, each citing
its source in its header comment."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

DATA_DIR = Path(__file__).parent.parent / "data"
#: The learned kind decision's weights: read by resolve only, so no part of what
#: extraction's results are keyed by (a retrained model re-extracts nothing).
KIND_MODEL_FILE = DATA_DIR / "kind_model.json"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(line for line in handle if not line.startswith("#"))
        rows = list(reader)
    for row in rows:
        if None in row or None in row.values():  # too many or too few fields
            raise ValueError(f"{path.name}: malformed row {row}")
    return [{k: v.strip() for k, v in row.items()} for row in rows]


def read_words(path: Path) -> frozenset[str]:
    with path.open(encoding="utf-8") as handle:
        return frozenset(
            line.strip() for line in handle if line.strip() and not line.startswith("#")
        )


def read_names(path: Path, key: Callable[[str], str]) -> dict[str, str]:
    """``key(name or alias)`` -> name, from a table with ``name`` and ``aliases`` columns
    (aliases pipe-separated)."""
    table: dict[str, str] = {}
    for row in read_csv(path):
        for name in [row["name"], *row["aliases"].split("|")]:
            if name:
                table[key(name)] = row["name"]
    return table
