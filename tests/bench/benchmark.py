"""Scale benchmark: build generated corpora and print one table of times, memory, sizes.

    python -m tests.bench.benchmark --sizes 5,100,1000,5000 [--work /tmp/ne-bench]

Size 5 is the seeds folder; other sizes come from ``tests.bench.make_corpus``. For each
size, in a fresh temporary project (copy of ``mkdocs.yml`` and ``docs/``):

1. cold build (no extraction cache) with ``python -m builder build`` in a subprocess:
   the builder's stage times, the MkDocs render (the rest of the wall time), peak RSS;
2. the floor: plain ``mkdocs build`` of the staging folder the builder wrote, same
   theme and Markdown extensions, without our plugin;
3. incremental: one seed file changed, rebuilt with the extraction cache.

Times are wall-clock seconds on whatever else the machine is doing: compare ratios
within one run. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from tests.bench.make_corpus import make_corpus

ROOT = Path(__file__).resolve().parents[2]
STAGING = ".cache/plugin/news-explorer/docs"


@dataclass
class Build:
    wall: float
    builder: float
    stages: dict[str, float]
    rss_mb: float
    worker_rss_mb: float
    search: float = 0.0
    articles: int = 0
    entities: int = 0

    @property
    def mkdocs(self) -> float:
        return self.wall - self.builder


@dataclass
class Row:
    size: int
    cold: Build
    floor: float
    incremental: Build
    pages: int
    site_mb: float
    index_kb: float
    #: Extraction time of every incremental round, fastest first.
    incremental_extracts: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def make_project(target: Path, seeds: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(seeds, target / "seeds")
    return target


def timed_build(project: Path, extractor: str = "model") -> Build:
    started = time.perf_counter()
    result = subprocess.run(
        [
            *(sys.executable, "-m", "tests.bench.run_build"),
            *("--seeds", "seeds", "--site-dir", "site", "--extractor", extractor),
        ],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": f"{ROOT}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"},
        check=False,
    )
    wall = time.perf_counter() - started
    lines = [ln for ln in result.stdout.splitlines() if ln.startswith("BENCH ")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"build failed in {project}:\n{result.stderr[-3000:]}")
    record = json.loads(lines[-1][len("BENCH ") :])
    return Build(
        wall=wall,
        builder=record["builder"],
        stages=record["stages"],
        rss_mb=record["rss_mb"],
        worker_rss_mb=record["worker_rss_mb"],
        search=record.get("search", 0.0),
        articles=record["articles"],
        entities=record["entities"],
    )


def floor_build(project: Path) -> float:
    """Plain ``mkdocs build`` of the generated Markdown: same theme, Material's own search
    (lunr), no news-explorer."""
    with (project / "mkdocs.yml").open("rb") as handle:
        config = yaml_load(handle)  # MkDocs' loader: resolves !ENV and !relative tags
    config["plugins"] = [
        p for p in config.get("plugins", []) if not (isinstance(p, dict) and "news-explorer" in p)
    ] + ["search"]
    config["docs_dir"] = STAGING
    config["site_dir"] = "site-floor"
    config.setdefault("extra_css", []).append("assets/news-explorer/explorer.css")
    floor = project / "mkdocs-floor.yml"
    floor.write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(floor)],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"floor build failed:\n{result.stderr[-3000:]}")
    return time.perf_counter() - started


def change_one_seed(project: Path) -> None:
    """Add a sentence to the longest line (a body paragraph) of the first seed file."""
    first = sorted((project / "seeds").glob("*.txt"))[0]
    lines = first.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += " Officials in Geneva said more talks were planned."
    first.write_text("\n".join(lines), encoding="utf-8")


def site_stats(site: Path) -> tuple[int, float, float]:
    files = [p for p in site.rglob("*") if p.is_file()]
    pages = sum(1 for p in files if p.suffix == ".html")
    size = sum(p.stat().st_size for p in files) / 1e6
    bundle = sum(p.stat().st_size for p in (site / "pagefind").rglob("*") if p.is_file())
    return pages, size, bundle / 1e3


def measure(
    size: int, work: Path, log, rounds: int = 1, extractor: str = "model", style: str = "short"
) -> Row:
    if size == 5:
        seeds = ROOT / "seeds"
    else:
        seeds = work / f"corpus-{style}-{size}"
        make_corpus(size, seeds, style=style)
    project = make_project(work / f"project-{size}", seeds)
    log(f"[{size}] cold build ...")
    cold = timed_build(project, extractor)
    pages, site_mb, index_kb = site_stats(project / "site")
    log(f"[{size}] cold {cold.wall:.1f}s; floor build ...")
    floor = floor_build(project)
    builds = []
    for round_ in range(1, rounds + 1):
        log(f"[{size}] incremental build {round_}/{rounds} ...")
        change_one_seed(project)
        builds.append(timed_build(project, extractor))
        log(f"[{size}] incremental {builds[-1].wall:.1f}s")
    # The median round by extraction time: one build's fixed costs swing with the load.
    builds.sort(key=lambda b: b.stages.get("extract", 0))
    incremental = builds[len(builds) // 2]
    extracts = [round(b.stages.get("extract", 0), 2) for b in builds]
    return Row(size, cold, floor, incremental, pages, site_mb, index_kb, extracts)


def stage_names(rows: list[Row]) -> list[str]:
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row.cold.stages))
    return list(names)


#: The gazetteer is its own stage (resolve needs it too); this row counts it as extraction.
LOAD_AND_EXTRACT = ("gazetteer", "extract")


def speed_up(row: Row, stages: tuple[str, ...]) -> str:
    cold = sum(row.cold.stages.get(s, 0) for s in stages)
    incremental = sum(row.incremental.stages.get(s, 0) for s in stages)
    return f"{cold / max(incremental, 1e-3):.0f}x"


def table(rows: list[Row]) -> str:
    """Markdown table: one column per corpus size."""
    stages = stage_names(rows)
    head = "| | " + " | ".join(f"{r.size:,} ({r.cold.articles:,} art.)" for r in rows) + " |"
    lines = [head, "|---" * (len(rows) + 1) + "|"]

    def add(label: str, values: list[str]) -> None:
        lines.append(f"| {label} | " + " | ".join(values) + " |")

    for stage in stages:
        add(f"cold: {stage} (s)", [f"{r.cold.stages.get(stage, 0):.2f}" for r in rows])
    add("cold: builder total (s)", [f"{r.cold.builder:.1f}" for r in rows])
    add("cold: search index, Pagefind (s)", [f"{r.cold.search:.1f}" for r in rows])
    add("cold: MkDocs render + search + start-up (s)", [f"{r.cold.mkdocs:.1f}" for r in rows])
    add("cold: total wall (s)", [f"{r.cold.wall:.1f}" for r in rows])
    add("floor: plain mkdocs build, Material search (s)", [f"{r.floor:.1f}" for r in rows])
    add("cold: builder / render", [f"{r.cold.builder / r.cold.mkdocs:.2f}" for r in rows])
    add("cold: total / floor", [f"{r.cold.wall / r.floor:.2f}" for r in rows])
    add("incr.: extract (s)", [f"{r.incremental.stages.get('extract', 0):.2f}" for r in rows])
    if any(len(r.incremental_extracts) > 1 for r in rows):
        rounds = [" / ".join(map(str, r.incremental_extracts)) for r in rows]
        add("incr.: extract, every round (s)", rounds)
    for label, parts in (("extract", ("extract",)), ("gazetteer + extract", LOAD_AND_EXTRACT)):
        add(f"incr.: {label} speed-up vs cold", [speed_up(r, parts) for r in rows])
    add("incr.: builder total (s)", [f"{r.incremental.builder:.1f}" for r in rows])
    add("incr.: search index (s)", [f"{r.incremental.search:.1f}" for r in rows])
    add(
        "incr.: MkDocs render + start-up, without search (s)",
        [f"{r.incremental.mkdocs - r.incremental.search:.1f}" for r in rows],
    )
    add("incr.: total wall (s)", [f"{r.incremental.wall:.1f}" for r in rows])
    add(
        "incr.: builder / render",
        [f"{r.incremental.builder / r.incremental.mkdocs:.2f}" for r in rows],
    )
    add("peak RSS, build process (MB)", [f"{r.cold.rss_mb:.0f}" for r in rows])
    add("peak RSS, one extract worker (MB)", [f"{r.cold.worker_rss_mb:.0f}" for r in rows])
    add("entities", [f"{r.cold.entities:,}" for r in rows])
    add("HTML pages", [f"{r.pages:,}" for r in rows])
    add("site size (MB)", [f"{r.site_mb:.1f}" for r in rows])
    add("search bundle, Pagefind (KB)", [f"{r.index_kb:,.0f}" for r in rows])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sizes", default="5,100,1000,5000")
    parser.add_argument("--work", type=Path, default=None, help="default: a temp folder")
    parser.add_argument("--json", type=Path, default=None, help="also write raw numbers here")
    parser.add_argument(
        "--extractor",
        choices=("model", "rules"),
        default="model",
        help="the extraction pipeline to build with (the floor has none)",
    )
    parser.add_argument(
        "--incremental-rounds",
        type=int,
        default=1,
        help="incremental builds per size, each after another seed edit; the median is shown",
    )
    parser.add_argument(
        "--style",
        choices=("short", "realistic"),
        default="short",
        help="generated articles: short (about 150 words) or realistic (600-800 words)",
    )
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    work = (
        args.work or Path(os.environ.get("TMPDIR", "/tmp")) / f"news-explorer-bench-{os.getpid()}"
    )
    work.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    rows = []

    def log(message: str) -> None:
        print(f"{time.perf_counter() - began:7.1f}s {message}", file=sys.stderr, flush=True)

    for size in sizes:
        rows.append(measure(size, work, log, args.incremental_rounds, args.extractor, args.style))
        print(table(rows), file=sys.stderr, flush=True)  # so far, in case of a stop
    print(table(rows), flush=True)
    if args.json:
        args.json.write_text(json.dumps([_raw(r) for r in rows], indent=1), encoding="utf-8")
    log(f"done; work folder {work}")
    return 0


def _raw(row: Row) -> dict:
    from dataclasses import asdict

    return asdict(row)


if __name__ == "__main__":
    raise SystemExit(main())
