"""``mkdocs serve`` rebuilds reuse unchanged pages' work and still give the same site.

The rebuilds run in this process, as ``mkdocs serve`` runs them: the plugin hears
``on_startup(command="serve")`` once, and every rebuild loads the configuration anew.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config

from builder.mkdocs_plugin.plugin import NewsExplorerPlugin
from tests.conftest import make_project


def start(project: Path, command: str) -> None:
    """What ``mkdocs serve`` or ``build`` does once per process, before any build."""
    load_config(str(project / "mkdocs.yml")).plugins.on_startup(command=command, dirty=False)


def rebuild(project: Path, site: str) -> NewsExplorerPlugin:
    """One (re)build, with the configuration loaded anew as ``serve`` does each time."""
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / site))
    build(config)
    return config.plugins["news-explorer"]


def site_files(site: Path) -> dict[str, bytes]:
    files = sorted(p for p in site.rglob("*") if p.is_file())
    return {str(p.relative_to(site)): p.read_bytes() for p in files}


def test_serve_rebuild_reuses_pages_and_matches_a_fresh_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    seed = sorted((project / "seeds").glob("*.txt"))[-1]
    start(project, "serve")
    first_hits = rebuild(project, "served").converted.hits
    # The fresh build starts from the same previous site, for the same What's new page.
    shutil.copytree(project / "served", project / "fresh")

    lines = seed.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += " The talks were described as useful by the envoy."
    seed.write_text("\n".join(lines), encoding="utf-8")
    served_by = rebuild(project, "served")
    reused_pages, reused_search = served_by.converted.hits, served_by.search_entries.hits

    start(project, "build")
    rebuild(project, "fresh")

    served, fresh = site_files(project / "served"), site_files(project / "fresh")
    assert first_hits == 0
    # Most pages did not change, so most were neither converted nor parsed again...
    assert reused_pages > len([f for f in fresh if f.endswith(".html")]) // 2
    assert reused_search > 0
    # ...and the changed article's page did change.
    assert b"described as useful by the envoy" in served["search/search_index.json"]
    # Everything the rebuild wrote is what a fresh build writes, byte for byte.
    assert sorted(served) == sorted(fresh)
    assert [name for name in fresh if served[name] != fresh[name]] == []


def test_plain_builds_keep_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    start(project, "build")
    rebuild(project, "site")
    built_by = rebuild(project, "site")
    assert built_by.converted.hits == 0 and built_by.search_entries.hits == 0
    # Nothing is held for a next build: a build's pages are not kept in memory.
    assert not built_by.converted._kept and not built_by.search_entries._kept
