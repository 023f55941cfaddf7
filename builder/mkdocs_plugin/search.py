"""Search: the built site indexed by Pagefind, answered from Material's header box.

Pagefind (``pagefind[bin]`` from PyPI: the binary ships in the wheel, nothing is
downloaded) splits its index into small chunks a query loads on demand, where Material's
lunr index is one file every visitor downloads whole (13.6 MB at 5,000 articles).

What is indexed: the article element of every page whose front matter does not say
``search: exclude: true`` (Material's own switch, which the render stage already sets on
lists and overviews), minus elements marked ``data-search-exclude`` (repeated tables,
maps, networks). Pagefind folds diacritics itself ("Zurich" finds "Zürich").
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from builder.infra.cache import PickleCache, digest
from builder.infra.files import atomic_write, place_file
from builder.infra.heap import settle
from builder.mkdocs_plugin.page_cache import installed_version
from builder.mkdocs_plugin.pagefind_bundle import (
    ENTRY,
    Merger,
    ShardIndex,
    is_index_file,
    pick,
    shard_index,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from mkdocs.structure.pages import Page

#: Templates and assets laid over Material's: the header box that Pagefind answers.
THEME_DIR = Path(__file__).parent / "theme"
#: Where the bundle goes, inside the site folder; the search partial loads it from here.
BUNDLE = "pagefind"
#: The element Material puts a page's content in; Pagefind indexes only inside it.
ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
INDEXED_TAG = '<article class="md-content__inner md-typeset" data-pagefind-body>'
#: Marked by the render stage on what a reader does not search for; and the "¶" of
#: every heading's permanent link, which snippets showed as "Quoted¶".
EXCLUDED = ("[data-search-exclude]", ".headerlink")
#: Pagefind's settings: one language, as the pages are English whatever the article
#: (Pagefind would otherwise split the index by each page's <html lang>).
CONFIG = {"exclude_selectors": list(EXCLUDED), "force_language": "en"}
#: Bump when a kept shard's layout changes.
FORMAT = "3"


def excluded(page: Page) -> bool:
    """Whether the page's front matter keeps it out of search, as Material reads it."""
    search = page.meta.get("search")
    return isinstance(search, dict) and bool(search.get("exclude"))


def mark_indexed(html: str, page: Page) -> str:
    """Mark the page's article as Pagefind's body, unless the page is excluded.

    Only the marked article is indexed: the header, the navigation and the footer of
    every page stay out of the index.
    """
    if excluded(page):
        return html
    return html.replace(ARTICLE_TAG, INDEXED_TAG, 1)


class Indexer:
    """A Pagefind indexing service (``pagefind --service``), one index per shard.

    The Python API adds pages one by one but polls for each answer every 0.1 s (20 s
    for 200 pages), so this speaks the same protocol (base64 JSON, comma-terminated)
    itself and waits on each answer instead.
    """

    def __init__(self) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise FileNotFoundError("the pagefind binary is missing: pip install 'pagefind[bin]'")
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self._sent = 0
        self._buffer = bytearray()

    def _send(self, payload: dict[str, object]) -> int:
        assert self._process.stdin is not None
        self._sent += 1
        message = json.dumps({"message_id": self._sent, "payload": payload}).encode()
        self._process.stdin.write(base64.b64encode(message) + b",")
        return self._sent

    def _answer(self, message_id: int) -> dict[str, Any]:
        """Read answers up to the one to ``message_id``; raise on any error among them."""
        assert self._process.stdin is not None and self._process.stdout is not None
        self._process.stdin.flush()
        while True:
            while (comma := self._buffer.find(b",")) < 0:
                chunk = self._process.stdout.read1(1 << 16)
                if not chunk:
                    raise RuntimeError("pagefind: the indexing service stopped")
                self._buffer += chunk
            answer = json.loads(base64.b64decode(self._buffer[:comma]))
            del self._buffer[: comma + 1]
            payload = (answer or {}).get("payload") or {}
            if payload.get("type") == "Error":
                raise RuntimeError(f"pagefind: {payload.get('message')}")
            if answer and answer.get("message_id") == message_id:
                return payload

    def index(self, pages: list[tuple[str, str]]) -> dict[str, bytes]:
        """The bundle of these pages (URL, HTML), in this order: path -> bytes.

        One page at a time: the service indexes pages it is sent together concurrently,
        and numbers them in the order they finish (measured: the bundle then differs from
        one build of the same site to the next). The bundle is asked for in memory
        (``GetFiles``): the service's own ``WriteFiles`` answers before its writes are
        done (measured: files left empty or cut on a busy machine).
        """
        new = self._answer(self._send({"type": "NewIndex", "config": CONFIG}))
        index = new["index_id"]
        for url, html in pages:
            add = {"type": "AddFile", "index_id": index, "url": url, "file_contents": html}
            self._answer(self._send(add))
        answer = self._answer(self._send({"type": "GetFiles", "index_id": index}))
        self._answer(self._send({"type": "DeleteIndex", "index_id": index}))
        return {file["path"]: base64.b64decode(file["content"]) for file in answer["files"]}

    def close(self) -> None:
        if self._process.stdin is not None and not self._process.stdin.closed:
            self._process.stdin.close()
        self._process.wait()


def indexed_part(html: str) -> str | None:
    """The part of a page Pagefind indexes: its marked article, or None if unmarked.

    Sending only that part (not the header, navigation and scripts around it) makes the
    service parse a tenth of each page.
    """
    start = html.find(INDEXED_TAG)
    if start < 0:
        return None
    end = html.find("</article>", start)
    return f"<html><body>{html[start : end + len('</article>')]}</body></html>"


@dataclass(frozen=True)
class Planned:
    """A page of the site, in the order pages are indexed."""

    url: str
    #: The last build's output file standing in for the page; None: MkDocs renders it.
    kept: Path | None = None
    #: What the page's output is made from (the page cache's key); None: not known.
    key: str | None = None


def shards(pages: list[Planned], size: int) -> list[list[Planned]]:
    """The pages in runs of about ``size``: a run of at least half that ends after a page
    whose URL's hash says so, or at twice that.

    Cut by URL, not by count: a page added or removed changes its own run (and the next
    few at most), not every run after it, so the other runs' indexes are kept.
    """
    half = max(1, size // 2)
    runs: list[list[Planned]] = [[]]
    for page in pages:
        runs[-1].append(page)
        cut = int(hashlib.sha256(page.url.encode()).hexdigest()[:8], 16) % half == 0
        if (cut and len(runs[-1]) >= half) or len(runs[-1]) >= 2 * size:
            runs.append([])
    return [run for run in runs if run]


class ShardStore:
    """The shards' indexes of the last build, on disk, by what each indexed; their pages'
    fragment files beside them, by content, put into the site as hard links."""

    FRAGMENTS = "fragments"

    def __init__(self, folder: Path | None, fingerprint: str, *, link: bool = True) -> None:
        self.folder = folder
        self.link = link
        # The merge reads shards and never changes one: ``serve`` may hold them in memory.
        self.kept = PickleCache(folder, fingerprint, remember=True)
        self._blobs: dict[str, bytes] = {}  # fragments of this build, without a folder
        self._listed: set[str] | None = None

    def _fragment(self, digest: str) -> Path:
        assert self.folder is not None
        return self.folder / self.FRAGMENTS / f"{digest}.pf_fragment"

    def get(self, key: str) -> Any:
        """What ``put`` kept under ``key``, or None; a shard only with its fragments."""
        value = self.kept.get(key)
        fragments = value.fragments.values() if isinstance(value, ShardIndex) else ()
        if not all(f"{d}.pf_fragment" in self._stored() for d in fragments):
            return None  # a fragment file was removed: index the shard again
        return value

    def _stored(self) -> set[str]:
        """The names of the kept fragment files, listed once (8,000 look-ups a build)."""
        if self._listed is None:
            try:
                self._listed = (
                    set(os.listdir(self.folder / self.FRAGMENTS)) if self.folder else set()
                )
            except OSError:
                self._listed = set()
        return self._listed

    def put(self, key: str, value: object) -> None:
        self.kept.put(key, value)

    def put_fragments(self, blobs: dict[str, bytes]) -> None:
        """Keep fragment files by the digest of their content."""
        if self.folder is None:
            self._blobs.update(blobs)
            return
        if self._listed is not None:
            self._listed.update(f"{name}.pf_fragment" for name in blobs)
        for name, data in blobs.items():
            path = self._fragment(name)
            if not path.is_file():
                atomic_write(path, data)

    def place_fragment(
        self, digest: str, target: Path, there: tuple[int, int] | None = None
    ) -> None:
        if self.folder is None:
            target.write_bytes(self._blobs[digest])
        else:
            place_file(self._fragment(digest), target, link=self.link, there=there)

    def prune(self, fragments: set[str]) -> None:
        """Forget the shards this build did not use, and fragments not in ``fragments``."""
        self.kept.prune()
        if self.folder is None:
            return
        with contextlib.suppress(OSError):
            for path in (self.folder / self.FRAGMENTS).iterdir():
                if path.stem not in fragments:
                    path.unlink(missing_ok=True)


class SiteIndex:
    """The site's search index, fed each page as MkDocs writes it, built in shards.

    Pages are taken in the site's order (``plan``), whether MkDocs renders a page or the
    last build's output file stands in for it, and cut into shards (``shards``). A shard
    whose pages are those of a kept shard (same URLs, same page keys) is not indexed
    again; the others go to Pagefind, in a thread of their own so that indexing runs on
    the second core while MkDocs renders. Each shard is merged as it is made
    (``Merger``); ``write`` writes the one bundle.
    """

    #: Pages rendered ahead of the indexer that may wait for it, at most.
    WAITING = 2048
    #: Pages a shard holds on average: fewer re-index less after a change, more cost a
    #: little more each (every shard's bundle brings Pagefind's scripts along).
    SHARD_PAGES = 48

    def __init__(
        self, cache_dir: Path | None = None, *, shard_pages: int = SHARD_PAGES, link: bool = True
    ) -> None:
        """``link``: the site's fragment files may be hard links to the cache's."""
        self.count = 0
        self.indexed = 0  # pages sent to Pagefind by this build
        self.shard_pages = shard_pages
        #: What every kept shard also depends on: this layout, Pagefind and its settings.
        fingerprint = digest(FORMAT, installed_version("pagefind_bin"), json.dumps(CONFIG))
        self._store = ShardStore(cache_dir, fingerprint, link=link)
        self._static_key = self._store.kept.key("static")
        self._static: dict[str, bytes] | None = None
        self._indexer: Indexer | None = None
        #: The shards indexed so far, merged as each is made (and then let go of).
        self._merger = Merger()
        self._placement_key = self._store.kept.key("placement")
        #: Where each page (URL and key) of the last build, and of this one, was indexed:
        #: its shard's key and number there, or None for a page kept out of search.
        self._last_placed: dict[str, tuple[str, int] | None] = {}
        self._placed: dict[str, tuple[str, int] | None] = {}
        self._ready: dict[str, str | None] = {}  # rendered pages' indexed parts, by URL
        self._turn = threading.Condition()
        self._stopped = False
        self._rendered = False  # MkDocs has rendered every page it renders
        self._failed: BaseException | None = None
        self._feeder: threading.Thread | None = None
        #: The bundle's files in the site folder (relative paths), once written.
        self.written: set[str] = set()

    def plan(self, pages: list[Planned]) -> None:
        """Index these pages, in this order."""
        self._feeder = threading.Thread(target=self._feed, args=(pages,), daemon=True)
        self._feeder.name = "pagefind"
        self._feeder.start()

    def add(self, url: str, html: str) -> None:
        """A page MkDocs rendered: indexed if it has a marked article."""
        part = indexed_part(html)
        with self._turn:
            self._turn.wait_for(lambda: len(self._ready) < self.WAITING or self._stopped)
            self._ready[url] = part
            self._turn.notify_all()

    def _rendered_part(self, url: str) -> str | None:
        with self._turn:
            self._turn.wait_for(lambda: url in self._ready or self._stopped or self._rendered)
            part = self._ready.pop(url, None)
            self._turn.notify_all()
            return part

    def _feed(self, pages: list[Planned]) -> None:
        try:
            self._static = self._store.get(self._static_key)
            if self._static is not None:
                self._last_placed = self._store.get(self._placement_key) or {}
            for shard in shards(pages, self.shard_pages):
                parts = {p.url: self._rendered_part(p.url) for p in shard if p.kept is None}
                if self._stopped:
                    return
                self._merger.add(self._shard(shard, parts))
                settle()  # the merged words live until the bundle is written
        except BaseException as error:  # raised again by ``write``
            self._failed = error
            self._stop_feeding()

    def _shard(self, shard: list[Planned], parts: dict[str, str | None]) -> ShardIndex:
        """The shard's index: the kept one if its pages are unchanged, else made of the
        last build's indexes of its unchanged pages and Pagefind's of the others."""
        keys = [f"{page.url}\0{page.key or digest(parts.get(page.url) or '')}" for page in shard]
        key = self._store.kept.key(keys)
        kept = self._store.get(key)
        if (
            isinstance(kept, ShardIndex)
            and self._static is not None
            and all(k in self._last_placed for k in keys)
        ):
            self._placed.update((k, self._last_placed[k]) for k in keys)
            self.count += len(kept.pages)
            return kept
        chosen: list[tuple[str, tuple[ShardIndex, int] | Planned]] = []
        sources: dict[str, object] = {}  # the last build's shards, read once each
        for page, page_key in zip(shard, keys, strict=True):
            place = self._last_placed.get(page_key, ("", -1))
            if place and place[0] and place[0] not in sources:
                sources[place[0]] = self._store.get(place[0])
            source = sources.get(place[0]) if place else None
            if place is None:
                self._placed[page_key] = None  # kept out of search, as last time
            elif isinstance(source, ShardIndex) and place[1] < len(source.pages):
                chosen.append((page_key, (source, place[1])))
            else:
                chosen.append((page_key, page))
        fresh = [page for _key, page in chosen if isinstance(page, Planned)]
        for page in fresh:
            if page.kept is not None:
                parts[page.url] = indexed_part(page.kept.read_text(encoding="utf-8"))
        indexed = [("/" + p.url, part) for p in fresh if (part := parts.get(p.url)) is not None]
        new = self._index(indexed)
        numbers = iter(range(len(indexed)))
        picked: list[tuple[ShardIndex, int]] = []
        for page_key, page in chosen:
            if not isinstance(page, Planned):
                picked.append(page)
            elif parts.get(page.url) is None:
                self._placed[page_key] = None
                continue
            else:
                picked.append((new, next(numbers)))
            self._placed[page_key] = (key, len(picked) - 1)
        index = new if len(indexed) == len(picked) else pick(picked)
        self.indexed += len(indexed)
        self.count += len(picked)
        self._store.put(key, index)
        return index

    def _index(self, pages: list[tuple[str, str]]) -> ShardIndex:
        """Pagefind's index of these pages (URL, indexed part), their fragments kept."""
        if not pages:
            return ShardIndex()
        if self._indexer is None:
            self._indexer = Indexer()
        files = self._indexer.index(pages)
        index, blobs = shard_index(files)
        self._store.put_fragments(blobs)
        if self._static is None:
            self._static = {p: data for p, data in files.items() if not is_index_file(p)}
            self._static[ENTRY] = files[ENTRY]
            self._store.put(self._static_key, self._static)
        return index

    def _stop_feeding(self) -> None:
        with self._turn:
            self._stopped = True
            self._turn.notify_all()

    def write(
        self, site_dir: Path, there: Callable[[str], tuple[int, int] | None] | None = None
    ) -> int:
        """Write the bundle into the site, once every planned page is indexed; returns the
        number of pages indexed. ``there`` tells what file a site path holds, if known."""
        with self._turn:
            self._rendered = True  # a planned page MkDocs did not render is not waited for
            self._turn.notify_all()
        if self._feeder is not None:
            self._feeder.join()
        self._close_indexer()
        if self._failed is not None:
            raise self._failed
        if self._static is None:  # no page to index: an empty site
            self._static = self._empty_bundle()
        bundle, self._merger = self._merger.bundle(self._static), Merger()
        folder = site_dir / BUNDLE
        for path, data in sorted(bundle.files.items()):
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        (folder / "fragment").mkdir(parents=True, exist_ok=True)
        for path, content in sorted(bundle.fragments.items()):
            found = there(f"{BUNDLE}/{path}") if there is not None else None
            self._store.place_fragment(content, folder / path, found)
        self.written = {f"{BUNDLE}/{path}" for path in (*bundle.files, *bundle.fragments)}
        self._store.put(self._placement_key, self._placed)
        self._store.prune(set(bundle.fragments.values()))
        return self.count

    @staticmethod
    def _empty_bundle() -> dict[str, bytes]:
        indexer = Indexer()
        try:
            return indexer.index([])
        finally:
            indexer.close()

    def _close_indexer(self) -> None:
        if self._indexer is not None:
            self._indexer.close()
            self._indexer = None

    def close(self) -> None:
        """Stop without writing (the build failed)."""
        self._stop_feeding()
        if self._feeder is not None:
            self._feeder.join()
        self._close_indexer()
