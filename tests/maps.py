"""The full map's markers, read back from the built page."""

from __future__ import annotations

import json
import re
from typing import Any

#: The end of the markers' loop: ``})({layers}, {data});`` on a line of its own.
_DATA = re.compile(r"^\}\)\(\{[^}]*\}, (\{.*\})\);$", re.MULTILINE)


def full_map_markers(doc: str) -> list[dict[str, Any]]:
    """The full map's markers: the data its one loop turns into Leaflet circles."""
    found = _DATA.search(doc)
    assert found, "no marker data in the full map"
    return json.loads(found.group(1))["markers"]
