"""Indexes that keep the resolve stage linear in the corpus.

Resolution asks, for every name, "which known person could this be?" and "which
entities does this article already name?". Answered by scanning every person and every
bound mention, that was quadratic: 35 s of a 1,000-article build and hours at 5,000.
These indexes return a superset of the answers in the same order, and ``resolve`` keeps
its own tests (``same_person``, fuzzy surname ratios) on that small superset, so the
results are the ones the full scans gave.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from builder.model import Mention
from builder.resolve.names import FUZZY_SURNAME_LETTERS

if TYPE_CHECKING:
    from builder.resolve.names import PersonName


class Bindings(dict[Mention, str]):
    """Mention -> entity key, also indexed by article and counted by entity."""

    def __init__(self) -> None:
        super().__init__()
        self.by_article: dict[str, dict[Mention, None]] = defaultdict(dict)
        self.counts: Counter[str] = Counter()

    def __setitem__(self, mention: Mention, key: str) -> None:
        old = self.get(mention)
        if old is not None:
            self.counts[old] -= 1
        super().__setitem__(mention, key)
        self.counts[key] += 1
        self.by_article[mention.article][mention] = None

    def in_article(self, article: str) -> Iterator[Mention]:
        """The bound mentions of one article, in binding order."""
        return iter(self.by_article.get(article, {}))


def ratio_lengths(length: int, cutoff: float) -> range:
    """Lengths of the strings whose ``fuzz.ratio`` with one of ``length`` can be >= cutoff.

    The ratio is ``100 * (1 - indel / (a + b))`` and the indel distance is at least
    ``|a - b|``, so a length outside ``|a - b| <= (1 - cutoff / 100) * (a + b)`` scores
    below the cutoff whatever its letters.
    """
    slack = 1 - cutoff / 100
    low = math.ceil(length * (1 - slack) / (1 + slack) - 1e-9)
    high = math.floor(length * (1 + slack) / (1 - slack) + 1e-9) if slack < 1 else 10**6
    return range(max(low, 0), high + 1)


class PersonIndex:
    """People's names by first given name and by surname, for candidate look-ups."""

    def __init__(self) -> None:
        self.order: dict[str, int] = {}  # person key -> order of first appearance
        self.by_given: dict[str, set[str]] = defaultdict(set)
        self.by_surname: dict[str, set[str]] = defaultdict(set)
        #: Distinct surnames by length, for rapidfuzz's batch scoring of the lengths that
        #: can reach a cutoff at all.
        self.surnames: dict[int, list[str]] = defaultdict(list)
        #: ``near_surname``'s answers until the next ``add``: once the corpus's people are
        #: clustered, every mention of a surname asks again (2.5 s at 5,000 articles).
        self._near: dict[tuple[str, float], frozenset[str]] = {}

    def add(self, key: str, name: PersonName) -> None:
        self._near.clear()
        self.order.setdefault(key, len(self.order))
        if name.given:
            self.by_given[name.given[0]].add(key)
        if name.surname not in self.by_surname:
            self.surnames[len(name.surname)].append(name.surname)
        self.by_surname[name.surname].add(key)

    def near_surname(self, surname: str, cutoff: float) -> set[str]:
        """Keys with a surname equal to ``surname`` or, both long enough to have spelling
        variants (``names.near_surnames``), of ``fuzz.ratio`` >= ``cutoff``."""
        known = self._near.get((surname, cutoff))
        if known is None:
            keys = set(self.by_surname.get(surname, ()))
            reach = ratio_lengths(len(surname), cutoff)
            if len(surname) < FUZZY_SURNAME_LETTERS:
                reach = range(0)
            for length in range(max(reach.start, FUZZY_SURNAME_LETTERS), reach.stop):
                for found, _, _ in process.extract(
                    surname,
                    self.surnames.get(length, ()),
                    scorer=fuzz.ratio,
                    score_cutoff=cutoff,
                    limit=None,
                ):
                    keys |= self.by_surname[found]
            known = self._near[surname, cutoff] = frozenset(keys)
        return set(known)

    def candidates(self, name: PersonName, surname_cutoff: float) -> list[str]:
        """Every key ``same_person`` could accept for a full ``name``, in key order.

        ``same_person`` needs the same first given name or surnames within the cutoff.
        """
        keys = self.near_surname(name.surname, surname_cutoff)
        if name.given:
            keys |= self.by_given.get(name.given[0], set())
        return sorted(keys, key=self.order.__getitem__)
