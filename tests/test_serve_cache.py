"""``mkdocs serve`` rebuilds reuse unchanged pages' work and still give the same site.

The rebuilds run in this process, as ``mkdocs serve`` runs them: the plugin hears
``on_startup(command="serve")`` once, and every rebuild loads the configuration anew.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from builder.mkdocs_plugin import plugin
from tests.conftest import make_project


def rebuild(project: Path, site: str, command: str) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / site))
    config.plugins.on_startup(command=command, dirty=False)
    build(config)


def site_files(site: Path) -> dict[str, bytes]:
    files = sorted(p for p in site.rglob("*") if p.is_file())
    return {str(p.relative_to(site)): p.read_bytes() for p in files}


@pytest.fixture
def fresh_caches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts with empty caches and leaves the module's own untouched."""
    monkeypatch.setattr(plugin, "_CONVERTED", plugin.ConversionCache())
    monkeypatch.setattr(plugin, "_SEARCH_ENTRIES", plugin.SearchEntryCache())
    monkeypatch.setattr(plugin, "_SERVING", False)
    monkeypatch.setattr(plugin, "_REUSE", False)


@pytest.mark.usefixtures("fresh_caches")
def test_serve_rebuild_reuses_pages_and_matches_a_fresh_build(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    seed = sorted((project / "seeds").glob("*.txt"))[-1]
    rebuild(project, "served", "serve")
    first_hits = plugin._CONVERTED.hits
    # The fresh build starts from the same previous site, for the same What's new page.
    shutil.copytree(project / "served", project / "fresh")

    lines = seed.read_text(encoding="utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] += " The talks were described as useful by the envoy."
    seed.write_text("\n".join(lines), encoding="utf-8")
    rebuild(project, "served", "serve")
    reused_pages, reused_search = plugin._CONVERTED.hits, plugin._SEARCH_ENTRIES.hits

    rebuild(project, "fresh", "build")

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


@pytest.mark.usefixtures("fresh_caches")
def test_plain_builds_keep_nothing(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project")
    rebuild(project, "site", "build")
    rebuild(project, "site", "build")
    assert plugin._CONVERTED.hits == 0
    assert plugin._SEARCH_ENTRIES.hits == 0
