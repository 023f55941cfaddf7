"""Infrastructure: the one fingerprint of code and data, and the one atomic write."""

from __future__ import annotations

import functools
import gc
import os
import shutil
import subprocess
import sys
import threading
import weakref
from pathlib import Path

import pytest

import builder
from builder.extract import cache as extraction_cache
from builder.infra.cache import fingerprint
from builder.infra.data import KIND_MODEL_FILE
from builder.infra.files import (
    atomic_write,
    empty_in_background,
    place_file,
    remove_in_background,
    replace_folder,
)
from builder.infra.heap import LateCollection, settle
from builder.infra.parallel import can_fork, in_forks, syscalls_thread
from builder.mkdocs_plugin.site_folder import SiteInPlace


def test_fingerprint_changes_when_a_file_is_added_moved_or_edited(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.py").write_text("y = 2\n")
    seen = {fingerprint(tmp_path)}
    (tmp_path / "c.py").write_text("z = 3\n")  # added
    seen.add(fingerprint(tmp_path))
    (tmp_path / "sub" / "b.py").rename(tmp_path / "b.py")  # moved, same bytes
    seen.add(fingerprint(tmp_path))
    (tmp_path / "a.py").write_text("x = 2\n")  # edited
    seen.add(fingerprint(tmp_path))
    assert len(seen) == 4
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "a.pyc").write_bytes(b"\0")  # compiled files do not count
    assert fingerprint(tmp_path) in seen


@pytest.fixture
def package_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the builder's sources that the extraction fingerprint reads instead."""
    copy = tmp_path / "builder"
    shutil.copytree(Path(builder.__file__).parent, copy)
    monkeypatch.setattr(extraction_cache, "PACKAGE", copy)
    extraction_cache.extraction_fingerprint.cache_clear()
    yield copy
    extraction_cache.extraction_fingerprint.cache_clear()


def _refreshed() -> str:
    extraction_cache.extraction_fingerprint.cache_clear()
    return extraction_cache.extraction_fingerprint()


def test_extraction_cache_key_follows_every_extraction_file(package_copy: Path) -> None:
    before = _refreshed()
    # A new helper module whose name does not start with "extract" (the old glob missed it).
    (package_copy / "extract" / "helpers.py").write_text("RULE = 1\n")
    added = _refreshed()
    assert added != before
    (package_copy / "extract" / "helpers.py").rename(package_copy / "extract" / "moved.py")
    assert _refreshed() != added
    (package_copy / "text" / "lexicon.py").write_text("# edited\n", encoding="utf-8")
    assert _refreshed() not in (before, added)


def test_extraction_cache_key_ignores_data_only_resolve_reads(package_copy: Path) -> None:
    before = _refreshed()
    (package_copy / "data" / KIND_MODEL_FILE.name).write_text("{}\n")  # a model retrained
    assert _refreshed() == before
    with (package_copy / "data" / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    assert _refreshed() != before


def test_atomic_write_replaces_whole_files_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "file.txt"
    atomic_write(target, b"old")
    atomic_write(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in target.parent.iterdir()] == ["file.txt"]


def test_the_replaced_site_goes_while_the_next_build_works(tmp_path: Path) -> None:
    site, new, replaced = tmp_path / "site", tmp_path / ".site.new", tmp_path / ".site.replaced"
    for folder, text in ((site, "old"), (new, "new")):
        folder.mkdir()
        (folder / "page.html").write_text(text)
    replace_folder(new, site, old=replaced)
    assert (site / "page.html").read_text() == "new"
    assert (replaced / "page.html").read_text() == "old"  # kept for the next build to remove
    (tmp_path / ".site.replaced.99.0").mkdir()  # what a killed removal left
    removing = remove_in_background(replaced)
    assert removing is not None and not replaced.exists()  # the name is free at once
    removing.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert remove_in_background(replaced) is None


def test_a_site_folder_is_emptied_at_once_and_deleted_beside_the_build(tmp_path: Path) -> None:
    """As MkDocs' clean: every entry goes but the hidden ones (a ``.git`` of gh-pages)."""
    site = tmp_path / "site"
    (site / "a" / "b").mkdir(parents=True)
    (site / "a" / "b" / "index.html").write_text("old")
    (site / "index.html").write_text("old")
    (site / ".git").mkdir()
    (tmp_path / ".site.emptied.killed").mkdir()  # what a killed deletion left
    removing = empty_in_background(site)
    assert removing is not None
    assert sorted(p.name for p in site.iterdir()) == [".git"]  # emptied before it returns
    removing.join()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert empty_in_background(site) is None  # nothing left to delete
    assert empty_in_background(tmp_path / "missing") is None


def test_the_replaced_site_is_removed_by_a_process_of_its_own() -> None:
    _in_a_fresh_process("check_the_replaced_site_is_removed_by_a_process_of_its_own")


def check_the_replaced_site_is_removed_by_a_process_of_its_own() -> None:
    """No thread of this process deletes it: a thread needs the GIL between its system
    calls, so it starved while the builder computed and was still deleting when MkDocs
    linked the new site's pages. (In a fresh process: Dask leaves a thread in this one.)"""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        replaced = Path(folder) / ".site.replaced"
        for page in range(200):
            (replaced / f"p{page}").mkdir(parents=True)
            (replaced / f"p{page}" / "index.html").write_text("old")
        assert threading.enumerate() == [threading.current_thread()]
        removing = remove_in_background(replaced)
        assert removing is not None
        assert threading.enumerate() == [threading.current_thread()]
        assert can_fork()  # the render may still share its pages between forks meanwhile
        removing.join()
        assert list(Path(folder).iterdir()) == []

        # Where threads run (``mkdocs serve``: its server and watcher), still a process.
        (replaced / "p0").mkdir(parents=True)
        release = threading.Event()
        server = threading.Thread(target=release.wait)
        server.start()
        try:
            assert not can_fork()
            removing = remove_in_background(replaced)
            assert removing is not None
            assert threading.enumerate() == [threading.current_thread(), server]
            removing.join()
            assert list(Path(folder).iterdir()) == []
        finally:
            release.set()
            server.join()


def _pid_and(value: int) -> tuple[int, int]:
    return os.getpid(), value * value


def _die() -> int:
    if os.getpid() != PARENT:
        os._exit(3)  # a child killed before it answers
    return 7


PARENT = os.getpid()


def _in_a_fresh_process(check: str) -> None:
    """Run one of the checks below in a new interpreter: whether this one may fork
    depends on threads earlier tests left (Dask keeps one for the process's life)."""
    code = f"import tests.test_infra as t; t.PARENT = __import__('os').getpid(); t.{check}()"
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=Path(__file__).resolve().parent.parent,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]


def check_shares_come_back_in_order_from_other_processes() -> None:
    results = in_forks([functools.partial(_pid_and, n) for n in range(4)])
    assert [square for _, square in results] == [0, 1, 4, 9]
    pids = [pid for pid, _ in results]
    assert pids[0] == os.getpid() and len(set(pids)) == 4


def check_a_dead_childs_share_is_done_here() -> None:
    assert in_forks([lambda: 1, _die]) == [1, 7]


def check_no_fork_beside_a_thread_that_may_hold_a_lock() -> None:
    assert can_fork()
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert not can_fork()
        results = in_forks([functools.partial(_pid_and, 2), functools.partial(_pid_and, 3)])
        assert {pid for pid, _ in results} == {os.getpid()}
    finally:
        release.set()
        other.join()
    release.clear()
    deleting = syscalls_thread(release.wait, "test")
    deleting.start()
    try:
        assert can_fork()
    finally:
        release.set()
        deleting.join()


@pytest.mark.parametrize(
    "check",
    [
        "check_shares_come_back_in_order_from_other_processes",
        "check_a_dead_childs_share_is_done_here",
        "check_no_fork_beside_a_thread_that_may_hold_a_lock",
    ],
)
def test_in_forks(check: str) -> None:
    _in_a_fresh_process(check)


def test_a_kept_file_is_placed_by_a_link_or_by_a_copy(tmp_path: Path) -> None:
    kept = tmp_path / "kept.html"
    kept.write_text("<p>kept</p>")
    linked, copied = tmp_path / "site/a/index.html", tmp_path / "site/b/index.html"
    linked.parent.mkdir(parents=True)
    linked.write_text("the old page")
    place_file(kept, linked)
    place_file(kept, copied, link=False)
    assert linked.read_text() == copied.read_text() == "<p>kept</p>"
    assert linked.stat().st_ino == kept.stat().st_ino
    assert copied.stat().st_ino != kept.stat().st_ino
    atomic_write(kept, b"<p>newer</p>")  # kept files are replaced whole: links keep theirs
    assert linked.read_text() == "<p>kept</p>"
    place_file(kept, linked)  # a link over a file already there
    assert linked.stat().st_ino == kept.stat().st_ino
    other = tmp_path / "other.html"
    other.write_text("<p>other</p>")
    place_file(other, linked, link=False)  # a copy over a link never writes into its file
    assert linked.read_text() == "<p>other</p>" and kept.read_text() == "<p>newer</p>"


def test_a_walked_site_keeps_the_links_already_there_and_replaces_the_rest(
    tmp_path: Path,
) -> None:
    """What the walk of the last site found at a path decides: the kept file itself is
    left as it is, another file (an older kept copy, a page) is replaced by a link."""
    site = tmp_path / "site"
    kept, older = tmp_path / "kept.html", tmp_path / "older.html"
    kept.write_text("<p>kept</p>")
    older.write_text("<p>older</p>")
    (site / "a").mkdir(parents=True)
    (site / "b").mkdir()
    os.link(kept, site / "a/index.html")
    os.link(older, site / "b/index.html")
    walked = SiteInPlace()
    walked.adopt(site)
    assert walked.written == {"a/index.html", "b/index.html"}
    for path in ("a/index.html", "b/index.html"):
        place_file(kept, site / path, there=walked.there(path))
        assert (site / path).stat().st_ino == kept.stat().st_ino, path
    assert older.read_text() == "<p>older</p>"  # replaced by unlinking, never written into
    atomic_write(kept, b"<p>newer</p>")  # a kept file made again is another file
    place_file(kept, site / "a/index.html", there=walked.there("a/index.html"))
    assert (site / "a/index.html").read_text() == "<p>newer</p>"


def test_a_serving_process_holds_kept_documents_in_memory() -> None:
    _in_a_fresh_process("check_a_serving_process_holds_kept_documents_in_memory")


def check_a_serving_process_holds_kept_documents_in_memory() -> None:
    """Once ``mkdocs serve`` asks, a build's kept documents are the next build's without
    a read from disk; a one-shot process (the default) reads them from disk."""
    import tempfile

    from builder.infra import cache

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        first = cache.PickleCache(folder, "code", remember=True)
        first.put("a", ("page a", [("x/", "x")]))
        assert cache.PickleCache(folder, "code", remember=True).held is None  # not asked
        cache.hold_in_memory(True)
        build = cache.PickleCache(folder, "code", remember=True)
        build.put("b", ("page b", []))
        assert build.get("a") == ("page a", [("x/", "x")])  # read from disk, now held
        build.prune()
        for path in folder.iterdir():
            path.unlink()  # what the next build gets, it gets from memory
        again = cache.PickleCache(folder, "code", remember=True)
        assert again.get("b") == ("page b", [])
        assert again.get("c") is None
        again.prune()  # "a" unused this time: let go
        last = cache.PickleCache(folder, "code", remember=True)
        assert last.get("a") is None and last.get("b") == ("page b", [])
        assert cache.PickleCache(folder, "code").held is None  # only caches that ask
        cache.hold_in_memory(False)  # a build in this process after serve's: from disk
        assert cache.PickleCache(folder, "code", remember=True).get("b") is None


class _Node:
    """An object that can be its own referrer: garbage only a cyclic collection frees."""

    self: _Node


def _frozen_cycle() -> weakref.ref[_Node]:
    """A cycle made garbage after ``settle`` froze it: only a fresh settle frees it."""
    cycle = _Node()
    cycle.self = cycle
    alive = weakref.ref(cycle)
    settle()
    del cycle
    return alive


def test_settle_keeps_what_is_alive_out_of_the_collectors_scans() -> None:
    """What a build holds is frozen; a fresh build first frees an earlier one's cycles."""
    try:
        alive = _frozen_cycle()
        assert gc.get_freeze_count() > 0
        gc.collect()
        assert alive() is not None  # frozen: a collection does not look at it
        settle(fresh=True)
        assert alive() is None  # the next build's start frees it
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_a_late_collection_frees_the_last_builds_cycles_unless_a_build_claims_it() -> None:
    """``serve``: the collection runs on a timer after a build; the next build is told it
    ran (and scans no more), or calls it off when it starts first."""
    try:
        alive = _frozen_cycle()
        collection = LateCollection(delay=0.0)
        collection.later()
        assert collection._timer is not None
        collection._timer.join(timeout=10)
        assert alive() is None  # freed while no build ran
        assert collection.claim() is True
        assert collection.claim() is False  # once: the build after it scans itself
        still = _frozen_cycle()
        slow = LateCollection(delay=60.0)
        slow.later()
        assert slow.claim() is False  # a build started first: called off, it scans itself
        assert slow._timer is not None
        slow._timer.join(timeout=10)
        assert not slow._timer.is_alive()  # called off, not left waiting a minute
        assert still() is not None  # and it did not run
    finally:
        gc.unfreeze()
