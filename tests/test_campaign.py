"""A short run of the hostile-input campaign (``python -m tests.campaign`` runs it all)."""

from __future__ import annotations

from pathlib import Path

from tests.campaign import run_campaign


def test_a_short_campaign_loses_leaks_and_hangs_nothing(tmp_path: Path) -> None:
    totals = run_campaign(tmp_path, cycles=2, stages=2, random_kills=0, big=False, browser=False)
    assert totals.failures == [], "\n".join(totals.failures)
    assert totals.tried["seeds"] >= 60 and totals.tried["curated"] >= 30
    assert totals.clear["seeds"] == totals.tried["seeds"]
    assert totals.clear["curated"] == totals.tried["curated"]
    assert totals.tried["kills"] == 2 and totals.tried["concurrent"] == 2
    assert totals.clear["serve"] == totals.tried["serve"] == 3
    assert (totals.words_lost, totals.leaked, totals.survivors, totals.hangs) == (0, 0, 0, 0)
