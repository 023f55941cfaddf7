"""Organisations news names by one word or a brand (``data/organizations.csv``): the one
owner of that table, for the extractor's name patterns and the resolver's merging."""

from __future__ import annotations

from functools import cache

from builder.infra.data import DATA_DIR, read_csv, read_names
from builder.text.fold import fold


def organization_key(written: str) -> str:
    """How a written name is looked up: acronyms as written ("WHO" is not "who"),
    other names folded ("Nestlé" is "Nestle")."""
    bare = " ".join(written.split())
    return bare if bare.isupper() else fold(bare)


@cache
def organizations() -> dict[str, str]:
    """Looked-up written name or alias -> the organisation's name."""
    return read_names(DATA_DIR / "organizations.csv", organization_key)


@cache
def organization_phrases() -> tuple[str, ...]:
    """Every name and alias as written, for the entity ruler (case matters)."""
    phrases: list[str] = []
    for row in read_csv(DATA_DIR / "organizations.csv"):
        phrases.extend(n.strip() for n in [row["name"], *row["aliases"].split("|")] if n.strip())
    return tuple(dict.fromkeys(phrases))
