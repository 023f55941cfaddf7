"""Places are named as the articles write them, regions apart from their cities."""

from __future__ import annotations

from typing import Any


def _places(corpus: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in corpus["entities"] if e["kind"] == "place"}


def test_a_city_takes_the_spelling_the_articles_use(corpus: dict[str, Any]) -> None:
    places = _places(corpus)
    assert "Daraa" in places and "Dar'a" not in places  # GeoNames spells it Dar'a
    assert "Dar'a" in places["Daraa"]["aliases"]
    assert places["Daraa"]["place_type"] == "city"
    assert "Hasakeh" in places and "Sweida" in places


def test_a_region_named_like_a_city_says_what_it_is(corpus: dict[str, Any]) -> None:
    places = _places(corpus)
    regions = [p for p in places.values() if p["place_type"] == "region"]
    cities = {p["name"] for p in places.values() if p["place_type"] == "city"}
    assert regions, "the seeds name at least one Syrian province"
    for region in regions:
        assert region["name"] not in cities, region["name"]
    assert any(r["name"].startswith("Idlib ") and "Idlib" in r["aliases"] for r in regions)


def test_a_person_takes_the_full_name_the_articles_use_most(corpus: dict[str, Any]) -> None:
    from collections import Counter

    from builder.resolve.resolver import _person_name

    assert _person_name(Counter({"Roe": 9, "Jane Roe": 5, "Jane A. Roe": 1})) == "Jane Roe"
    assert _person_name(Counter({"President Jane Roe": 2, "Jane Ann Roe": 1})) == "Jane Roe"
    assert _person_name(Counter({"Roe": 3})) == "Roe"
    # The seeds write "Bashar Assad" six times and "Bashar al-Assad" once.
    assad = next(e for e in corpus["entities"] if "Assad" in e["aliases"])
    assert assad["name"] == "Bashar Assad" and "Bashar al-Assad" in assad["aliases"]
