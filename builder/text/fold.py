"""How names compare: the one owner of name folding.

Two foldings, for two jobs:

- ``fold``: what a reader would call the same spelling: no case, no accents, one space
  between words ("Gökçe" == "gokce"). Used to match names written by people
  (curated files, reports, aliases).
- ``ascii_key``: a gazetteer look-up key: transliterated to ASCII by text-unidecode,
  apostrophes and full stops dropped, every other run of non-alphanumerics one space
  ("Carrow's" -> "carrows", "N'Dolo" -> "ndolo", "al-Qadira" -> "al qadira").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from text_unidecode import unidecode

_DROP = re.compile(r"['`.\u2018\u2019\u02bb\u02bc]")
_SEPARATORS = re.compile(r"[^a-z0-9]+")


#: The resolver folds the same few thousand names again for every mention (480,000 calls
#: at 5,000 articles): a folded name is kept, as many as a large corpus names.
FOLDED_KEPT = 1 << 17


@lru_cache(maxsize=FOLDED_KEPT)
def fold(text: str) -> str:
    """Case- and accent-insensitive form of a name, with single spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


def ascii_key(text: str) -> str:
    """Case-, diacritics- and punctuation-insensitive ASCII key of a name."""
    ascii_text = text if text.isascii() else unidecode(text)
    lowered = _DROP.sub("", ascii_text.lower())
    return _SEPARATORS.sub(" ", lowered).strip()
