"""The site folder written over in place, from one build to the next.

MkDocs empties the site folder before every build (``clean_directory``: every entry but
the hidden ones) and writes every file again. After one changed seed at 1,000 articles a
rebuild changes a few dozen of 26,000 files, yet deleting the others and making 8,000
folders again was most of a served rebuild's time and a second of a one-shot build. So
the last site is hidden from the clean, in a hidden folder inside the site folder (the
clean keeps hidden entries), and put back before MkDocs writes anything; a file is then
replaced only where this build writes it, and ``finish`` deletes what the last build
wrote and this one did not. ``mkdocs serve`` knows what its last build wrote; a one-shot
build finds it by walking the folder (``adopt``): ``mkdocs build`` the live site,
``python -m builder build`` the site it replaced last time, which it renders into and
swaps in.

No file is written into in place: a page MkDocs renders, or a static file it copies, may
stand where the last build put a hard link to a kept file, so the plugin unlinks it
first (``fresh_copy``, and ``on_post_page``).
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

#: Where the last site waits, inside the site folder, while MkDocs cleans the folder.
HIDDEN = ".news-explorer-last-site"


class SiteInPlace:
    """What the last build wrote into the site folder (relative paths), and whether the
    folder's entries are hidden from MkDocs' clean right now."""

    def __init__(self) -> None:
        self.written: set[str] | None = None
        self.hidden: Path | None = None
        #: What ``adopt``'s walk found at each path: the device and inode of the file.
        self.found: dict[str, tuple[int, int]] = {}

    def there(self, path: str) -> tuple[int, int] | None:
        """The (device, inode) of the file the last site holds at ``path``, if walked."""
        return self.found.get(path)

    def adopt(self, site: Path) -> None:
        """Take what ``site`` holds as the last build's files: its hidden entries, which
        MkDocs' clean keeps, are not; links are files (never followed out of the site).
        When the folder is missing or unreadable MkDocs' clean goes as before."""
        found: dict[str, tuple[int, int]] = {}
        folders = [""]
        try:
            device = os.stat(site).st_dev
            while folders:
                folder = folders.pop()
                with os.scandir(site / folder) as entries:
                    for entry in entries:
                        if not folder and entry.name.startswith("."):
                            continue
                        path = f"{folder}/{entry.name}" if folder else entry.name
                        if entry.is_dir(follow_symlinks=False):
                            folders.append(path)
                        else:  # the inode comes with the folder's entries: no stat
                            found[path] = (device, entry.inode())
        except OSError:
            self.written, self.found = None, {}
            return
        self.written, self.found = set(found), found

    def hide(self, site: Path) -> bool:
        """Move the last site into the hidden folder; False when there is none to keep
        (the first build, or the last one failed): MkDocs' clean then goes as usual."""
        if self.written is None:
            return False
        hidden = site / HIDDEN
        shutil.rmtree(hidden, ignore_errors=True)  # what a build killed in between left
        try:
            hidden.mkdir()
        except OSError:
            self.written = None
            return False
        self.hidden = hidden
        try:
            for entry in sorted(os.scandir(site), key=lambda e: e.name):
                if not entry.name.startswith("."):
                    os.replace(entry.path, hidden / entry.name)
        except OSError:
            self.restore(site)
            self.written = None
            return False
        return True

    def restore(self, site: Path) -> None:
        """Put the last site back, before MkDocs writes into the folder."""
        if self.hidden is None:
            return
        for entry in sorted(os.scandir(self.hidden), key=lambda e: e.name):
            os.replace(entry.path, site / entry.name)
        self.hidden.rmdir()
        self.hidden = None

    def finish(self, site: Path, written: set[str]) -> None:
        """Delete what the last build wrote and this one did not; remember this build's."""
        self.found = {}  # this build replaced some: the next one walks or links anew
        for path in sorted((self.written or set()) - written, reverse=True):
            target = site / path
            target.unlink(missing_ok=True)
            for folder in target.parents:  # folders it leaves empty go too
                if folder == site or not folder.is_relative_to(site):
                    break
                with contextlib.suppress(OSError):  # not empty: another file is there
                    folder.rmdir()
                    continue
                break
        self.written = written

    def forget(self) -> None:
        """After a failed build: what the site holds is unknown; the next one cleans."""
        self.written, self.found = None, {}


def fresh_copy(copy: Callable[[bool], None], dest: str, dirty: bool = False) -> None:
    """``File.copy_file`` into a new file: the one there may be a link to a kept file."""
    Path(dest).unlink(missing_ok=True)
    copy(dirty)
