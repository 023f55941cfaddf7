"""A build's core, without MkDocs: the pipeline's corpus rendered and published into the
staging folder MkDocs renders, generated files beside a copy of ``docs/``.

Files are written only when their bytes change, so ``mkdocs serve`` sees no change
after a rebuild that changed nothing, and unchanged pages keep their timestamps.
Generated files win over curated ones of the same path; files no longer produced are
removed. Nothing here ever writes into the curated folder.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from builder.extract.cache import LOCAL
from builder.extract.cluster import Executor
from builder.infra.files import Known, Unreadable, atomic_write, read_inside
from builder.infra.heap import settle
from builder.ingest.decode import decode
from builder.model import Corpus, CuratedFile, Problem, Progress
from builder.pipeline import run
from builder.render import render
from builder.render.curated import REPORT_PAGE, report_page
from builder.render.data import corpus_to_dict
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


#: Beside the staging folder: what ``write_tree`` last left in it.
MANIFEST_SUFFIX = ".manifest.pickle"


def write_tree(root: Path, files: dict[str, bytes | Known]) -> tuple[int, int]:
    """Make ``root`` hold exactly ``files``; returns (files written, files removed).

    A file is written only when its bytes change. Reading every staged file back to
    compare cost about 1 s at 1,000 articles (9,700 files); instead a manifest beside the
    folder keeps, per file, the digest of the bytes last written and the size and
    modification time they were left with: a file that still shows them holds them, and
    is not read. A file changed since by anything else shows another time or size and is
    compared as before. A file given as ``Known`` (its digest) is made only when it
    must be written.
    """
    root.mkdir(parents=True, exist_ok=True)
    manifest_path = root.with_name(root.name + MANIFEST_SUFFIX)
    last = _load_manifest(manifest_path)
    manifest: dict[str, tuple[str, int, int]] = {}
    written = 0
    for rel, value in files.items():
        path = root / rel
        known = isinstance(value, Known)
        digest = value.digest if known else hashlib.sha256(value).hexdigest()
        stamp = _stamp(path)
        if stamp is not None and last.get(rel) == (digest, *stamp):
            manifest[rel] = last[rel]
            continue
        data = value.produce() if known else value
        try:
            if stamp is not None and path.read_bytes() == data:
                manifest[rel] = (digest, *stamp)
                continue
        except OSError:
            pass
        if stamp is None:
            path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, data)
        written += 1
        stamp = _stamp(path)
        if stamp is not None:
            manifest[rel] = (digest, *stamp)
    removed = _remove_others(root, files)
    atomic_write(manifest_path, pickle.dumps(manifest, protocol=pickle.HIGHEST_PROTOCOL))
    return written, removed


def staged_digests(root: Path) -> dict[str, str]:
    """The sha256 of each file ``write_tree`` last left in ``root``, by relative path."""
    manifest = _load_manifest(root.with_name(root.name + MANIFEST_SUFFIX))
    return {rel: entry[0] for rel, entry in manifest.items()}


def _stamp(path: Path) -> tuple[int, int] | None:
    """A regular file's size and modification time (ns), or None."""
    try:
        found = path.stat()
    except OSError:
        return None
    return (found.st_size, found.st_mtime_ns) if stat.S_ISREG(found.st_mode) else None


def _load_manifest(path: Path) -> dict[str, tuple[str, int, int]]:
    try:
        manifest = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        return {}  # none yet, or unreadable: every file is compared
    return manifest if isinstance(manifest, dict) else {}


def _remove_others(root: Path, files: dict[str, bytes | Known]) -> int:
    """Remove the files under ``root`` that are not in ``files``, and emptied folders.

    Walked bottom-up with ``os.walk`` (whose listing gives each entry's kind without a
    ``stat``): a folder is empty when no file and no folder is left in it.
    """
    removed = 0
    gone: set[str] = set()
    for folder, folders, names in os.walk(root, topdown=False):
        rel_folder = os.path.relpath(folder, root)
        prefix = "" if rel_folder == "." else rel_folder.replace(os.sep, "/") + "/"
        left = 0
        for name in names:
            if prefix + name in files:
                left += 1
            else:
                os.unlink(os.path.join(folder, name))
                removed += 1
        left += sum(1 for name in folders if os.path.join(folder, name) not in gone)
        if not left and prefix:
            os.rmdir(folder)
            gone.add(folder)
    return removed


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
    publish: Callable[[dict[str, Any]], dict[str, str]] | None = None,
    executor: Executor = LOCAL,
    fresh: bool = True,
) -> Corpus:
    """Run the pipeline and lay out the staging folder: the core of every build.

    ``publish`` adds files that depend on more than the corpus (the What's new page,
    the feed: they need the previous build and the site's URL); it is given the corpus
    as ``corpus.json`` holds it, made once for both. ``fresh`` frees first what an
    earlier build in this process left (``serve`` may have done it already).
    """
    settle(fresh=fresh)
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
    settle()
    data = corpus_to_dict(corpus)
    rendered = render(corpus, tiles, render_cache_dir, progress, data)
    # Each page's text goes as its bytes come: the whole site's Markdown is not held twice.
    generated: dict[str, bytes | Known] = {
        rel: text if isinstance(text := rendered.pop(rel), Known) else text.encode()
        for rel in list(rendered)
    }
    generated[STYLESHEET] = (ASSETS / "explorer.css").read_bytes()
    generated[TIMELINE_SCRIPT] = (ASSETS / "timeline.js").read_bytes()
    generated[TABLES_SCRIPT] = (ASSETS / "tables.js").read_bytes()
    generated[PREVIEW_SCRIPT] = (ASSETS / "previews.js").read_bytes()
    generated.update(vendored_assets())  # Leaflet & co. for the maps: no CDN
    generated.update(world_outlines())  # the maps' offline base
    generated.update(vendored_network_assets())  # vis-network for the graphs: no CDN
    if publish is not None:
        generated.update({rel: text.encode() for rel, text in publish(data).items()})
    clashes = sorted(set(files) & set(generated))
    for rel in clashes:  # a hand-written page would be lost: report it, words and all
        message = "a generated page has this path, so this file is not published; move it"
        corpus.problems.append(Problem(f"{corpus.curation.folder}/{rel}", message))
        text = files[rel].decode("utf-8", errors="replace")
        corpus.curation.files.append(CuratedFile(rel, "malformed", None, "", text, message))
    if clashes:
        corpus.curation.files.sort(key=lambda f: f.path)
        generated[REPORT_PAGE] = report_page(corpus).encode()
    staged: dict[str, bytes | Known] = {**files, **generated}
    corpus.timings["render"] = time.perf_counter() - started
    started = time.perf_counter()
    written, removed = write_tree(staging_dir, staged)
    corpus.timings["staging"] = time.perf_counter() - started
    progress(f"render: {len(generated)} files generated, {written} written, {removed} removed")
    return corpus
