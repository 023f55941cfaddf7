"""A build's core, without MkDocs: the pipeline's corpus rendered and published into the
staging folder MkDocs renders, generated files beside a copy of ``docs/``.

Files are written only when their bytes change, so ``mkdocs serve`` sees no change
after a rebuild that changed nothing, and unchanged pages keep their timestamps.
Generated files win over curated ones of the same path; files no longer produced are
removed. Nothing here ever writes into the curated folder.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from builder.extract.cache import LOCAL
from builder.extract.cluster import Executor
from builder.infra.files import Unreadable, atomic_write, read_inside
from builder.ingest.decode import decode
from builder.model import Corpus, CuratedFile, Problem, Progress
from builder.pipeline import run
from builder.render import render
from builder.render.curated import REPORT_PAGE, report_page
from builder.render.events import TIMELINE_SCRIPT
from builder.render.maps import DEFAULT_TILES, Tiles, vendored_assets, world_outlines
from builder.render.network import vendored_network_assets
from builder.render.previews import PREVIEW_SCRIPT


def collect_curated(
    docs_dir: Path, skip: frozenset[str] = frozenset(), problems: list[Problem] | None = None
) -> dict[str, bytes]:
    """Every file under the curated folder, by relative posix path, but those in ``skip``
    (curated entity files and rules: the generated pages show them). A file that cannot
    be published (a link out of the project, a named pipe) goes to ``problems``."""
    if not docs_dir.is_dir():
        return {}
    project = docs_dir.resolve().parent
    found = {}
    for path in sorted(docs_dir.rglob("*")):
        rel = path.relative_to(docs_dir)
        hidden = any(part.startswith(".") for part in rel.parts)
        if hidden or rel.as_posix() in skip or (path.is_dir() and not path.is_symlink()):
            continue
        source = f"{docs_dir.name}/{rel.as_posix()}"
        try:
            data = read_inside(path, project, where="the project")
        except Unreadable as why:
            if problems is not None:
                problems.append(Problem(source, why.reason, why.severity))  # type: ignore[arg-type]
            continue
        if path.suffix == ".md":
            data, problem = _markdown_as_utf8(data, source)
            if problem is not None and problems is not None:
                problems.append(problem)
            if data is None:
                continue
        found[rel.as_posix()] = data
    return found


def _markdown_as_utf8(data: bytes, source: str) -> tuple[bytes | None, Problem | None]:
    """A contributor's page as the UTF-8 MkDocs reads (it stops the whole build on any
    other encoding): decoded as seeds are, or left out with a line if it is binary."""
    text, note = decode(data)
    if not note:
        return data, None
    if not text:
        return None, Problem(source, f"{note}: not published")
    return text.encode(), Problem(source, f"{note}: published as UTF-8", "info")


def write_tree(root: Path, files: dict[str, bytes]) -> tuple[int, int]:
    """Make ``root`` hold exactly ``files``; returns (files written, files removed)."""
    root.mkdir(parents=True, exist_ok=True)
    written = 0
    for rel, data in files.items():
        path = root / rel
        try:
            if path.read_bytes() == data:
                continue
        except OSError:
            path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        written += 1
    removed = 0
    for path in sorted(root.rglob("*"), reverse=True):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            shutil.rmtree(path)
    return written, removed


ASSETS = Path(__file__).parent / "assets"
#: Where the builder's own stylesheet lands in the site.
STYLESHEET = "assets/news-explorer/explorer.css"
#: The script that sorts index tables, on every page.
TABLES_SCRIPT = "assets/news-explorer/tables.js"


def build(
    seeds_dir: Path,
    docs_dir: Path,
    staging_dir: Path,
    *,
    extractor: str = "model",
    cache_dir: Path | None = None,
    render_cache_dir: Path | None = None,
    tiles: Tiles = DEFAULT_TILES,
    progress: Progress = print,
    publish: Callable[[Corpus], dict[str, str]] | None = None,
    executor: Executor = LOCAL,
) -> Corpus:
    """Run the pipeline and lay out the staging folder: the core of every build.

    ``publish`` adds files that depend on more than the corpus (the What's new page,
    the feed: they need the previous build and the site's URL).
    """
    corpus = run(
        seeds_dir,
        extractor=extractor,
        cache_dir=cache_dir,
        progress=progress,
        docs_dir=docs_dir,
        executor=executor,
    )
    started = time.perf_counter()
    unpublished: list[Problem] = []
    files = collect_curated(docs_dir, frozenset(f.path for f in corpus.curation.files), unpublished)
    reported = {p.source for p in corpus.problems}
    corpus.problems.extend(p for p in unpublished if p.source not in reported)
    rendered = render(corpus, tiles, render_cache_dir, progress)
    # Each page's text goes as its bytes come: the whole site's Markdown is not held twice.
    generated = {rel: rendered.pop(rel).encode() for rel in list(rendered)}
    generated[STYLESHEET] = (ASSETS / "explorer.css").read_bytes()
    generated[TIMELINE_SCRIPT] = (ASSETS / "timeline.js").read_bytes()
    generated[TABLES_SCRIPT] = (ASSETS / "tables.js").read_bytes()
    generated[PREVIEW_SCRIPT] = (ASSETS / "previews.js").read_bytes()
    generated.update(vendored_assets())  # Leaflet & co. for the maps: no CDN
    generated.update(world_outlines())  # the maps' offline base
    generated.update(vendored_network_assets())  # vis-network for the graphs: no CDN
    if publish is not None:
        generated.update({rel: text.encode() for rel, text in publish(corpus).items()})
    clashes = sorted(set(files) & set(generated))
    for rel in clashes:  # a hand-written page would be lost: report it, words and all
        message = "a generated page has this path, so this file is not published; move it"
        corpus.problems.append(Problem(f"{corpus.curation.folder}/{rel}", message))
        text = files[rel].decode("utf-8", errors="replace")
        corpus.curation.files.append(CuratedFile(rel, "malformed", None, "", text, message))
    if clashes:
        corpus.curation.files.sort(key=lambda f: f.path)
        generated[REPORT_PAGE] = report_page(corpus).encode()
    files.update(generated)
    corpus.timings["render"] = time.perf_counter() - started
    started = time.perf_counter()
    written, removed = write_tree(staging_dir, files)
    corpus.timings["staging"] = time.perf_counter() - started
    progress(f"render: {len(generated)} files generated, {written} written, {removed} removed")
    return corpus
