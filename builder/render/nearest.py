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


def haversine_row(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle distances in km from one point to many (radians in, as maps does)."""
    p1 = np.radians(lat)
    p2 = np.radians(lats)
    dp = p2 - p1
    dl = np.radians(lons - lon)
    h = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 12742 * np.arcsin(np.minimum(1.0, np.sqrt(h)))


def nearest(points: Sequence[M], k: int, distance: Callable[[M, M], float]) -> dict[int, list[M]]:
    """For each index in ``points``: its ``k`` nearest others (other url), nearest first."""
    lats = np.array([p.lat for p in points], dtype=float)
    lons = np.array([p.lon for p in points], dtype=float)
    urls = np.array([p.url for p in points], dtype=object)
    out: dict[int, list[M]] = {}
    for i, focus in enumerate(points):
        row = haversine_row(focus.lat, focus.lon, lats, lons)
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
