"""What Pagefind indexed: its fragment files read back, one record per page.

A fragment is gzip-compressed JSON after a ``pagefind_dcd`` signature, holding the page's
URL, indexed text, metadata and filters: what a search result shows and filters on.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def indexed_pages(site: Path) -> dict[str, dict[str, Any]]:
    """Every indexed page by its URL without the leading slash ("actors/x/")."""
    pages = {}
    for path in sorted((site / "pagefind" / "fragment").glob("*.pf_fragment")):
        raw = gzip.decompress(path.read_bytes())
        assert raw.startswith(SIGNATURE), path
        record = json.loads(raw[len(SIGNATURE) :])
        pages[record["url"].lstrip("/")] = record
    return pages
