"""Incremental rendering: a rebuild renders only changed pages and gives the cold build's site.

Every comparison is byte for byte, over the whole site folder (pages, search index,
feed, sitemap), between a rebuild that reuses ``.cache/plugin/news-explorer/pages`` and a
build of the same input that starts without it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from builder.mkdocs_plugin.page_cache import UNREAD, PageCache
from builder.mkdocs_plugin.plugin import NewsExplorerPlugin
from tests.conftest import SEEDS, make_project, run_build

PAGE_CACHE = ".cache/plugin/news-explorer/pages"
SEARCH_CACHE = ".cache/plugin/news-explorer/search"
TEMPLATE_CACHE = ".cache/plugin/news-explorer/templates"
#: Our render's kept pages of articles, entities and events (``builder.render.incremental``).
RENDER_PAGES = ".cache/plugin/news-explorer/render/pages"
#: The folder MkDocs renders: generated pages beside a copy of ``docs/``.
STAGING = ".cache/plugin/news-explorer/docs"


def site_files(site: Path) -> dict[str, bytes]:
    files = sorted(p for p in site.rglob("*") if p.is_file())
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in files}


def differences(a: Path, b: Path) -> list[str]:
    first, second = site_files(a), site_files(b)
    assert sorted(first) == sorted(second)
    return [name for name in first if first[name] != second[name]]


def edit_seed(project: Path, sentence: str) -> None:
    """Add a sentence to the longest paragraph of the first seed."""
    seed = sorted((project / "seeds").glob("*.txt"))[0]
    lines = seed.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += f" {sentence}"
    seed.write_text("\n".join(lines), encoding="utf-8")


def edit(project: Path) -> None:
    """Change a seed, add one, remove one; add a curated page and change a curated file."""
    edit_seed(project, "The talks were described as useful by the envoy.")
    seeds = sorted((project / "seeds").glob("*.txt"))
    seeds[-1].unlink()
    shutil.copy(SEEDS / seeds[-1].name, project / "seeds" / "999_copy.txt")
    (project / "docs/notes.md").write_text("# Notes\n\nA page a contributor added.\n")
    about = project / "docs/about/index.md"
    about.write_text(about.read_text(encoding="utf-8") + "\nOne more line of ours.\n")


def rendered(stderr: str) -> tuple[int, int]:
    found = re.search(r"pages: (\d+) converted, (\d+) rendered", stderr)
    assert found, stderr[-2000:]
    return int(found.group(1)), int(found.group(2))


def unread(stderr: str) -> int:
    """Pages left out before MkDocs read them."""
    found = re.search(r"(\d+) left out unread", stderr)
    assert found, stderr[-2000:]
    return int(found.group(1))


def indexed(stderr: str) -> tuple[int, int]:
    """Pages in the search index, and those Pagefind indexed again."""
    found = re.search(r"search: (\d+) pages in the index, (\d+) indexed again", stderr)
    assert found, stderr[-2000:]
    return int(found.group(1)), int(found.group(2))


def test_rebuild_renders_only_changed_pages_and_matches_a_cold_build(tmp_path: Path) -> None:
    warm = make_project(tmp_path / "warm")
    (warm / "docs/404.html").write_text("<p>A page of ours at a template's path.</p>")
    first = run_build(warm)
    assert first.returncode == 0, first.stderr[-3000:]
    # Staged static files are linked into the site, not copied; one at the path of a
    # template MkDocs writes over in place is copied, or the write would reach staging.
    staged, css = warm / STAGING, "assets/news-explorer/explorer.css"
    assert (warm / "site" / css).stat().st_ino == (staged / css).stat().st_ino
    assert (staged / "404.html").read_text() == "<p>A page of ours at a template's path.</p>"
    assert (warm / "site/404.html").stat().st_ino != (staged / "404.html").stat().st_ino
    pages = len([f for f in site_files(warm / "site") if f.endswith(".html")])
    assert rendered(first.stderr)[1] > pages // 2  # nothing to reuse yet
    # The theme's templates, compiled by Jinja once for the builds after.
    assert len(list((warm / TEMPLATE_CACHE).glob("__jinja2_*.cache"))) > 10
    # The same project, previous site and all, without the kept pages, search shards
    # and compiled templates.
    cold = tmp_path / "cold"
    shutil.copytree(warm, cold, symlinks=True)
    for kept in (PAGE_CACHE, SEARCH_CACHE, RENDER_PAGES, TEMPLATE_CACHE):
        shutil.rmtree(cold / kept)

    again = run_build(warm)  # nothing changed: nothing is converted or rendered
    assert again.returncode == 0, again.stderr[-3000:]
    assert rendered(again.stderr)[0] <= 1  # What's new now has a previous build

    # One seed changed: most pages are not even read (source, links, dates and
    # navigation held), and the site is the cold build's, although one kept output
    # went missing meanwhile (a cache restored in part): that page is read again.
    sorted((warm / PAGE_CACHE).glob("*.html"))[0].unlink()
    for project in (warm, cold):
        edit_seed(project, "Officials said the meeting would resume on Monday.")
    # The site the last build replaced is the folder this one writes over in place.
    replaced = (warm / ".site.replaced/actors").stat().st_ino
    incremental, fresh = run_build(warm), run_build(cold)
    assert incremental.returncode == 0 and fresh.returncode == 0, incremental.stderr[-3000:]
    assert unread(incremental.stderr) > pages // 3
    assert (warm / "site/actors").stat().st_ino == replaced
    assert differences(warm / "site", cold / "site") == []
    for kept in (PAGE_CACHE, SEARCH_CACHE, RENDER_PAGES, TEMPLATE_CACHE):
        shutil.rmtree(cold / kept)

    for project in (warm, cold):
        edit(project)
    incremental, fresh = run_build(warm), run_build(cold)
    assert incremental.returncode == 0 and fresh.returncode == 0, incremental.stderr[-3000:]
    converted, rerendered = rendered(incremental.stderr)
    assert rerendered < pages // 2 and converted < pages // 2, (converted, rerendered, pages)
    assert unread(again.stderr) > pages // 2 and unread(fresh.stderr) == 0
    assert rendered(fresh.stderr)[1] > pages // 2
    in_index, again_indexed = indexed(incremental.stderr)
    # on 200 pages the edits touch most shards of 48; test_pagefind_bundle has the detail
    assert 0 < again_indexed < in_index and indexed(fresh.stderr) == (in_index, in_index)
    assert differences(warm / "site", cold / "site") == []
    assert "A page a contributor added." in (warm / "site/notes/index.html").read_text()
    # Pages of the removed seed's entities are gone from the kept pages too.
    kept = {p.name for p in (warm / PAGE_CACHE).iterdir()} - {UNREAD}
    pages_in_staging = len(list((warm / ".cache/plugin/news-explorer/docs").rglob("*.md")))
    assert len(kept) == 2 * pages_in_staging  # a conversion and an HTML file each


def start(project: Path, command: str) -> None:
    """What ``mkdocs serve`` or ``build`` does once per process, before any build."""
    load_config(str(project / "mkdocs.yml")).plugins.on_startup(command=command, dirty=False)


def rebuild(project: Path, site: str) -> NewsExplorerPlugin:
    """One (re)build, with the configuration loaded anew as ``serve`` does each time."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / site))
    build(config)
    return config.plugins["news-explorer"]


def test_serve_rebuild_reuses_pages_and_matches_a_fresh_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    start(project, "serve")
    first = rebuild(project, "served").pages
    assert first is not None and first.converted_again > 0
    shutil.copytree(project / "served", project / "fresh")  # the same previous site
    folders = {p: p.stat().st_ino for p in (project / "served").rglob("*") if p.is_dir()}

    edit(project)
    again = rebuild(project, "served").pages
    # The served site is written over in place, not deleted and made again: its
    # folders are the same folders (those of the removed seed's pages are gone).
    kept = [p for p in folders if p.is_dir() and p.stat().st_ino == folders[p]]
    assert len(kept) > len(folders) * 9 // 10, (len(kept), len(folders))
    assert again is not None
    shutil.rmtree(project / PAGE_CACHE)
    start(project, "build")
    fresh = rebuild(project, "fresh").pages
    assert fresh is not None
    assert again.rendered_again < fresh.rendered_again // 2
    assert differences(project / "served", project / "fresh") == []
    # The last site's files were moved aside and deleted beside the build, not by
    # MkDocs' clean before it; a one-shot build waits until they are gone.
    assert not list(project.glob(".fresh.emptied*"))


def test_pages_are_left_out_only_when_no_other_plugin_renders_pages(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    alone = load_config(str(project / "mkdocs.yml"))
    plugin = alone.plugins["news-explorer"]
    cache = PageCache(tmp_path / "pages")
    cache.start(alone, plugin)
    assert cache.leaving_out
    # MkDocs' own search plugin reads every page's context: it must see every page.
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(text.replace("plugins:\n", "plugins:\n  - search\n", 1))
    shared = load_config(str(project / "mkdocs.yml"))
    cache.start(shared, shared.plugins["news-explorer"])
    assert not cache.leaving_out
