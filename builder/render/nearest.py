"""Nearest neighbours of every map marker without a Python loop over all pairs.

Each place's small map shows its nearest corpus neighbours. Sorting every marker by
distance for every place is quadratic in Python: at 5,000 generated articles (about
3,000 places) that is millions of ``math`` haversines. Here numpy computes one row of
distances at a time and keeps a few more candidates than needed; the exact order
(great-circle distance as ``maps._distance`` computes it, then id) is then decided in
Python among those candidates only, so the result is the one a full sort would give.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

import numpy as np

from builder.gazetteer import haversine_km

#: Candidates kept beyond ``k``: margin for ties and for the last-bit differences
#: between numpy's and ``math``'s trigonometry.
SLACK_KM = 0.001


class Located(Protocol):
    @property
    def lat(self) -> float: ...
    @property
    def lon(self) -> float: ...
    @property
    def url(self) -> str: ...
    @property
    def id(self) -> str: ...


M = TypeVar("M", bound=Located)


def nearest(points: Sequence[M], k: int, distance: Callable[[M, M], float]) -> dict[int, list[M]]:
    """For each index in ``points``: its ``k`` nearest others (other url), nearest first."""
    lats = np.array([p.lat for p in points], dtype=float)
    lons = np.array([p.lon for p in points], dtype=float)
    urls = np.array([p.url for p in points], dtype=object)
    out: dict[int, list[M]] = {}
    for i, focus in enumerate(points):
        row = haversine_km(focus.lat, focus.lon, lats, lons)
        row[urls == focus.url] = np.inf
        others = int(np.count_nonzero(np.isfinite(row)))
        if others > k:
            bound = np.partition(row, k - 1)[k - 1] + SLACK_KM
            chosen = np.flatnonzero(row <= bound)
        else:
            chosen = np.flatnonzero(np.isfinite(row))
        candidates = [points[j] for j in chosen]
        out[i] = sorted(candidates, key=lambda m: (distance(focus, m), m.id))[:k]
    return out
