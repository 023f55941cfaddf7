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
import gzip
import hashlib
import json
import subprocess
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import cbor2

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

#: Templates and assets laid over Material's: the header box that Pagefind answers.
THEME_DIR = Path(__file__).parent / "theme"
#: Where the bundle goes, inside the site folder; the search partial loads it from here.
BUNDLE = "pagefind"
#: The element Material puts a page's content in; Pagefind indexes only inside it.
ARTICLE_TAG = '<article class="md-content__inner md-typeset">'
INDEXED_TAG = '<article class="md-content__inner md-typeset" data-pagefind-body>'
#: What starts every Pagefind index file, inside its gzip layer.
SIGNATURE = b"pagefind_dcd"
#: Where a Pagefind metadata file lists its filter files (name, hash).
FILTERS = 3
#: Marked by the render stage on what a reader does not search for.
EXCLUDED = ("[data-search-exclude]",)


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
    """A Pagefind indexing service, given the pages in our order.

    Pagefind numbers pages in the order it reads them, and the order of its own walk of a
    folder (``pagefind --site``, ``PagefindIndex.add_directory``) is the file system's,
    which differs between two folders holding the same files: the bundle would differ
    between a cold and an incremental build. The Python API adds pages one by one but
    polls for each answer every 0.1 s (20 s for 200 pages), so this speaks the same
    service protocol (``pagefind --service``: base64 JSON, comma-terminated) itself and
    waits on each answer instead.
    """

    def __init__(self, config: dict[str, object]) -> None:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary is None:
            raise FileNotFoundError("the pagefind binary is missing: pip install 'pagefind[bin]'")
        self._process = subprocess.Popen(
            [str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self._sent = 0
        self._buffer = bytearray()
        self._index = self._answer(self._send({"type": "NewIndex", "config": config}))["index_id"]

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

    def add(self, url: str, html: str) -> None:
        """Index one page, found at ``url``.

        One page at a time: the service indexes pages it is sent together concurrently,
        and numbers them in the order they finish (measured: the bundle then differs from
        one build of the same site to the next).
        """
        self._answer(
            self._send(
                {"type": "AddFile", "index_id": self._index, "url": url, "file_contents": html}
            )
        )

    def write(self, folder: Path) -> None:
        """Write the bundle into ``folder``; stop the service.

        The service's own ``WriteFiles`` answers before its writes are done, and files it
        has not finished when it stops stay empty or cut (measured: pagefind-entry.json
        empty in 11 of 120 runs on a busy machine), so the bundle is asked for in memory
        (``GetFiles``) and written here, whole.
        """
        answer = self._answer(self._send({"type": "GetFiles", "index_id": self._index}))
        self.close()
        for file in sorted(answer["files"], key=lambda f: f["path"]):
            path = folder / file["path"]
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(base64.b64decode(file["content"]))

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


def _read_pagefind(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind index file")
    return cbor2.loads(raw[len(SIGNATURE) :])


def _write_pagefind(folder: Path, prefix: str, suffix: str, value: Any, digits: int) -> str:
    """Write ``value`` as Pagefind does, named by its content; returns the name's hash."""
    data = gzip.compress(SIGNATURE + cbor2.dumps(value), mtime=0)
    name = f"{prefix}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{name}{suffix}").write_bytes(data)
    return name


def canonical_bundle(bundle: Path) -> None:
    """Write Pagefind's filter indexes in a fixed order, and rename what names them.

    Pagefind writes each filter's values in its hash map's order, which changes from
    one run to the next (Pagefind issue #638: the fragments are stable since 1.3, the
    filter and metadata files are not). The values are sorted here; the filter files,
    the metadata file that lists them and the entry file that names it follow.
    """
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read_pagefind(meta_path)
        filters = []
        for name, digest in meta[FILTERS]:
            path = bundle / "filter" / f"{digest}.pf_filter"
            filter_name, values = _read_pagefind(path)
            path.unlink()
            canonical = [filter_name, sorted(values, key=lambda value: value[0])]
            filters.append(
                [name, _write_pagefind(path.parent, language, ".pf_filter", canonical, 7)]
            )
        meta[FILTERS] = sorted(filters)
        meta_path.unlink()
        info["hash"] = _write_pagefind(bundle, f"pagefind.{language}", ".pf_meta", meta, 10)
        info["hash"] = info["hash"].removeprefix("pagefind.")
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")))


class SiteIndex:
    """The site's search index, fed each page as MkDocs writes it.

    Pagefind indexes in a process of its own: fed from a thread while MkDocs renders and
    writes the rest, it works on the second core instead of after the build. Pages go to
    it one at a time in the site's order (``plan``), which the input alone decides,
    whether MkDocs renders a page or the last build's output file stands in for it.
    """

    #: Pages rendered ahead of the indexer that may wait for it, at most.
    WAITING = 2048

    def __init__(self) -> None:
        self.count = 0
        self._indexer = Indexer(
            {
                "exclude_selectors": list(EXCLUDED),
                # One language: the pages are English whatever the article; Pagefind
                # would otherwise split the index by each page's <html lang>.
                "force_language": "en",
            }
        )
        self._ready: dict[str, str | None] = {}  # rendered pages' indexed parts, by URL
        self._turn = threading.Condition()
        self._stopped = False
        self._rendered = False  # MkDocs has rendered every page it renders
        self._failed: BaseException | None = None
        self._feeder: threading.Thread | None = None

    def plan(self, pages: list[tuple[str, Path | None]]) -> None:
        """Index these pages, in this order: (site-relative URL, the kept output file that
        stands in for the page, or None when MkDocs renders it and ``add`` brings it)."""
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

    def _next(self, url: str, kept: Path | None) -> str | None:
        if kept is not None:
            return indexed_part(kept.read_text(encoding="utf-8"))
        with self._turn:
            self._turn.wait_for(lambda: url in self._ready or self._stopped or self._rendered)
            part = self._ready.pop(url, None)
            self._turn.notify_all()
            return part

    def _feed(self, pages: list[tuple[str, Path | None]]) -> None:
        try:
            for url, kept in pages:
                part = self._next(url, kept)
                if self._stopped:
                    return
                if part is not None:
                    self._indexer.add("/" + url, part)
                    self.count += 1
        except BaseException as error:  # raised again by ``write``
            self._failed = error
            self._stop_feeding()

    def _stop_feeding(self) -> None:
        with self._turn:
            self._stopped = True
            self._turn.notify_all()

    def write(self, site_dir: Path) -> int:
        """Write the bundle into the site, once every planned page is indexed; returns the
        number of pages indexed."""
        with self._turn:
            self._rendered = True  # a planned page MkDocs did not render is not waited for
            self._turn.notify_all()
        if self._feeder is not None:
            self._feeder.join()
        if self._failed is not None:
            self._indexer.close()
            raise self._failed
        try:
            self._indexer.write(site_dir / BUNDLE)
        finally:
            self._indexer.close()
        canonical_bundle(site_dir / BUNDLE)
        return self.count

    def close(self) -> None:
        """Stop without writing (the build failed)."""
        self._stop_feeding()
        if self._feeder is not None:
            self._feeder.join()
        self._indexer.close()
