"""Extraction on a Dask cluster: the same corpus as a local build, failures named."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from builder.extract.cluster import Executor, ExtractionFailed, extract_on_cluster, require_dask
from builder.model import Article, Paragraph
from builder.pipeline import run
from builder.render.data import corpus_to_json
from tests.conftest import make_project

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A two-worker cluster of its own processes, reached by address as a remote one is."""
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


def _corpus_json(executor: Executor) -> str:
    corpus = run(SEEDS, cache_dir=None, progress=lambda _: None, executor=executor)
    return corpus_to_json(corpus)


def test_a_dask_build_is_byte_identical_to_a_local_one(scheduler: str) -> None:
    on_cluster = _corpus_json(Executor("dask", scheduler))
    assert on_cluster == _corpus_json(Executor("local"))
    assert '"articles"' in on_cluster and "Bashar al-Assad" in on_cluster


def test_an_article_that_cannot_be_extracted_is_named(scheduler: str) -> None:
    good = Article("good", "Talks", [Paragraph(1, "Leaders met in Geneva on Monday.")], ["g.txt"])
    broken = Article("broken", "Broken", [Paragraph(1, None)], ["broken.txt"])  # type: ignore[arg-type]
    with pytest.raises(ExtractionFailed) as failed:
        extract_on_cluster([good, broken], "model", Executor("dask", scheduler))
    assert any(line.startswith("broken.txt: extraction failed") for line in failed.value.failures)


def test_results_come_back_in_input_order(scheduler: str) -> None:
    articles = [
        Article(f"a{i}", f"T{i}", [Paragraph(1, f"Minister {name} spoke in Paris.")], [f"{i}.txt"])
        for i, name in enumerate(["Ana Lopez", "Ben Okafor", "Chen Wei", "Dana Levi"] * 5)
    ]
    results = extract_on_cluster(articles, "model", Executor("dask", scheduler))
    assert [r.article for r in results] == [a.id for a in articles]


def test_asking_for_dask_without_it_says_so_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ExtractionFailed) as failed:
        require_dask()
    assert failed.value.failures == [
        "--executor dask needs Dask: pip install 'news-explorer[dask]'"
    ]


def test_an_unreachable_scheduler_fails_the_build_with_one_line(tmp_path: Path) -> None:
    import subprocess

    # A fresh project: with every article in the extraction cache nothing would be sent.
    project = make_project(tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "builder", "build", "--site-dir", str(tmp_path / "site"),
         "--scheduler", "tcp://127.0.0.1:9"],
        cwd=project, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors and "cannot reach the Dask scheduler" in errors[0]
    assert not (tmp_path / "site").exists()  # nothing half-built left behind
