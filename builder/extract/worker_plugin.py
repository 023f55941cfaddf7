"""The Dask worker plugin of ``cluster``: its own module, because it imports Dask."""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from builder.extract.extractor import load_extractor


class LoadPipeline(WorkerPlugin):
    """Load the extraction pipeline (and the gazetteer) when a worker starts, so that
    no task pays for it; ``load_extractor`` keeps it for the worker's life."""

    name = "news-explorer-pipeline"

    def __init__(self, prefer: str) -> None:
        self.prefer = prefer

    def setup(self, worker: Any) -> None:
        load_extractor(self.prefer)
