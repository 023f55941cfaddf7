"""The search index built in shards: merged, it is the index Pagefind writes for the whole
site, and a rebuild indexes again only the shards whose pages changed.

Every bundle here is Pagefind's own (its binary indexes the pages); what is compared is
what a search reads from it: every page's fragment and word count, in order, every
word's pages and positions (forms with diacritics too), every filter value's pages.
"""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.infra.cache import digest
from builder.mkdocs_plugin import pagefind_bundle
from builder.mkdocs_plugin.pagefind_bundle import ENTRY, merge, pick, read, shard_index
from builder.mkdocs_plugin.search import INDEXED_TAG, Indexer, Planned, SiteIndex, shards

NAMES = ["Zürich", "Zurich", "Genève", "Geneva", "Ankara", "Türkiye", "Turkey", "Oslo"]


def page(number: int) -> str:
    """A page like the site's: an indexed article with metadata and filters; pages from
    the 40th on have no ``names`` field (as articles and events have none)."""
    place, other = NAMES[number % len(NAMES)], NAMES[(number * 3) % len(NAMES)]
    names = "" if number >= 40 else f'<span data-pagefind-meta="names:{place}|{other}"></span>'
    words = " ".join(f"word{(number * 7 + i) % 50}" for i in range(40))
    return (
        f"<html><body>{INDEXED_TAG}<h1 data-pagefind-meta='title'>Talks in {place} {number}</h1>"
        f'<span data-pagefind-filter="kind">{"Article" if number % 2 else "Place"}</span>'
        f'<span data-pagefind-filter="year">{2010 + number % 4}</span>{names}'
        f"<p>Ministers met in {place} and {other}. {words}</p></article></body></html>"
    )


def readable(files: dict[str, bytes]) -> dict[str, Any]:
    """What a search reads from a bundle, page numbers made absolute."""
    entry = json.loads(files[ENTRY])["languages"]["en"]
    meta = read(files[f"pagefind.{entry['hash']}.pf_meta"])

    def absolute(pages: list[list[Any]]) -> list[list[Any]]:
        number, out = 0, []
        for posting in pages:
            number += posting[0]
            out.append([number, *posting[1:]])
        return out

    words, ranges = {}, []
    for first, last, name in meta[2]:
        chunk = read(files[f"index/{name}.pf_index"])[0]
        ranges.append((first, last, [w[0] for w in chunk]))
        for word, postings, variants in chunk:
            forms = sorted((form, absolute(p)) for form, p in variants)
            words[word] = (absolute(postings), forms)
    filters = {}
    for _name, name in meta[3]:
        filter_name, values = read(files[f"filter/{name}.pf_filter"])
        filters[filter_name] = {value: sorted(pages) for value, pages in values}
    return {
        "count": entry["page_count"],
        "pages": [(files[f"fragment/{name}.pf_fragment"], count) for name, count in meta[1]],
        "words": words,
        "filters": filters,
        "fields": meta[5],
        "ranges": ranges,
    }


@pytest.fixture(scope="module")
def indexer():
    service = Indexer()
    yield service
    service.close()


def test_merged_shards_are_the_index_of_the_whole_site(
    indexer: Indexer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pagefind_bundle, "CHUNK_WEIGHT", 300)  # several word chunks
    pages = [(f"/page/{n}/", page(n)) for n in range(90)]
    whole = indexer.index(pages)
    runs = shards([Planned(url) for url, _html in pages], 16)
    assert len(runs) > 3
    html = dict(pages)
    parts, blobs = [], {}
    for run in runs:
        index, fragments = shard_index(indexer.index([(p.url, html[p.url]) for p in run]))
        parts.append(index)
        blobs.update(fragments)
    assert {tuple(p.fields) for p in parts} == {("title",), ("names", "title")}
    bundle = merge(parts, whole)
    merged = dict(bundle.files) | {path: blobs[d] for path, d in bundle.fragments.items()}

    expected, got = readable(whole), readable(merged)
    for field in ("count", "pages", "words", "filters", "fields"):
        assert got[field] == expected[field], field
    assert any(forms for _pages, forms in got["words"].values())  # "zurich" has "zürich"
    # Each word lies in the one chunk whose range its lookup falls in, chunks in order.
    assert len(got["ranges"]) > 3
    for (_f, last, _w), (first, _l, _words) in itertools.pairwise(got["ranges"]):
        assert last < first
    for first, last, words in got["ranges"]:
        assert all(first <= w[: len(first)] and w[: len(last)] <= last for w in words)


def bundle_files(site: Path) -> dict[str, bytes]:
    folder = site / "pagefind"
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.pf_*")} | {
        ENTRY: (folder / ENTRY).read_bytes()
    }


def build_index(
    plan: list[Planned], cache: Path, site: Path, rendered: dict[str, str]
) -> SiteIndex:
    """One build's index: kept pages read from their files, the others added as MkDocs
    would add them while it renders."""
    index = SiteIndex(cache, shard_pages=8)
    index.plan(plan)
    for url, html in rendered.items():
        index.add(url, html)
    shutil.rmtree(site, ignore_errors=True)
    site.mkdir(parents=True)
    index.write(site)
    return index


def test_a_rebuild_indexes_changed_shards_only_and_matches_a_cold_build(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.mkdir()
    html = {f"page/{n}/": page(n) for n in range(60)}
    for number, text in enumerate(html.values()):
        (kept / f"{number}.html").write_text(text, encoding="utf-8")

    def plan(changed: str | None = None) -> list[Planned]:
        return [
            Planned(url, None, "new")
            if url == changed
            else Planned(url, kept / f"{n}.html", f"key{n}")
            for n, url in enumerate(html)
        ]

    cache = tmp_path / "cache"
    first = build_index(plan(), cache, tmp_path / "first", {})
    assert first.count == first.indexed == 60

    changed = "page/31/"
    html[changed] = page(31).replace("Ministers met", "Ministers met the envoy")
    again = build_index(plan(changed), cache, tmp_path / "again", {changed: html[changed]})
    cold = build_index(
        plan(changed), tmp_path / "cold-cache", tmp_path / "cold", {changed: html[changed]}
    )
    assert again.count == cold.count == 60
    assert again.indexed == 1 and cold.indexed == 60  # the changed page alone
    assert bundle_files(tmp_path / "again") == bundle_files(tmp_path / "cold")
    assert "envoy" in readable(bundle_files(tmp_path / "again"))["words"]
    # the site's fragments are the cache's files, linked, and the cache keeps no others
    shutil.rmtree(tmp_path / "first")
    fragments = list((tmp_path / "again/pagefind/fragment").iterdir())
    assert len(fragments) == 60 and all(f.stat().st_nlink == 2 for f in fragments)
    assert len(list((cache / "fragments").iterdir())) == 60


def test_pages_picked_from_shards_are_the_index_of_those_pages(indexer: Indexer) -> None:
    html = {f"/page/{n}/": page(n) for n in range(36, 48)}  # some with ``names``, some not
    urls = list(html)
    first, first_blobs = shard_index(indexer.index([(u, html[u]) for u in urls[:6]]))
    second, second_blobs = shard_index(indexer.index([(u, html[u]) for u in urls[6:]]))
    order = [7, 0, 3, 11, 5, 8]  # across both shards, out of their order
    chosen = [(first, n) if n < 6 else (second, n - 6) for n in order]
    together = indexer.index([(urls[n], html[urls[n]]) for n in order])
    picked = pick(chosen)
    assert picked.fields == shard_index(together)[0].fields == ["names", "title"]

    blobs = first_blobs | second_blobs
    bundle = merge([picked], together)
    merged = dict(bundle.files) | {path: blobs[d] for path, d in bundle.fragments.items()}
    expected, got = readable(together), readable(merged)
    for field in ("count", "pages", "words", "filters", "fields"):
        assert got[field] == expected[field], field


def test_a_rebuild_with_pages_added_removed_and_changed_matches_a_cold_build(
    tmp_path: Path,
) -> None:
    html = {f"page/{n}/": page(n) for n in range(50)}

    def plan(pages: dict[str, str], version: str) -> list[Planned]:
        return [Planned(url, None, digest(version, text)) for url, text in pages.items()]

    cache = tmp_path / "cache"
    build_index(plan(html, "a"), cache, tmp_path / "first", html)
    html = {url: text for url, text in html.items() if url != "page/12/"}
    html["page/7/"] = page(7).replace("Ministers met", "Ministers met the envoy")
    html = dict(sorted((html | {"page/25b/": page(60)}).items()))
    again = build_index(plan(html, "a"), cache, tmp_path / "again", html)
    cold = build_index(plan(html, "a"), tmp_path / "cold-cache", tmp_path / "cold", html)
    assert again.count == cold.count == 50
    assert again.indexed == 2  # the changed page and the added one
    assert bundle_files(tmp_path / "again") == bundle_files(tmp_path / "cold")
    words = readable(bundle_files(tmp_path / "again"))["words"]
    assert "envoy" in words
