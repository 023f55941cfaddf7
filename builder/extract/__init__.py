"""Extract: one ``Article`` in, one ``ExtractedArticle`` out (sentences, mentions, quotes,
stated relations and event mentions), a pure function of the article.

``extractor`` holds the spaCy (or rules-only) pipeline and the name rules; ``events`` and
``relations`` read event and relation mentions off the parsed sentences (``syntax``
holds the questions both ask); ``parallel`` maps the extraction over this machine's
processes and ``cluster`` over a Dask cluster; ``cache`` keeps each result on disk.
"""

from builder.extract.cache import extract_all
from builder.extract.extractor import Extractor, load_extractor
from builder.extract.parallel import extract_one

__all__ = ["Extractor", "extract_all", "extract_one", "load_extractor"]
