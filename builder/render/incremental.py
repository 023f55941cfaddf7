"""Pages of articles, entities and events rendered again only when what they read changed.

One changed seed at 1,000 articles changes a few dozen of the 6,000 such pages, yet
rendering all of them was most of our render step. Each of the three page functions has
a twin that lists its inputs (``article_inputs`` beside ``article_page``,
``entity_inputs`` beside ``entity_page``, ``event_inputs`` beside ``event_page``): the
records the page reads, as digests of their ``repr`` (a changed paragraph, mention or
date changes the digest), the names and URLs of what it links to, and, as text, the few
parts that depend on the whole corpus (curated notes, whose ``[[...]]`` links resolve
against every name). A page's Markdown is kept in a ``RenderCache`` under the digest of
those inputs and of the builder's code, never by clock; hover previews are added after,
from this build's table, so a neighbour's new lead changes no kept page.

Hand-written: build-system memoisers (Salsa-style query caches, ``joblib.Memory``) key a
call by its arguments, and here the arguments are a view of the whole corpus: hashing it
per page would cost more than the render. The inputs functions pick the records instead.
"""

from __future__ import annotations

import pickle
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import version
from pathlib import Path

from builder.infra.cache import PickleCache, fingerprint, value_digest
from builder.infra.files import atomic_write
from builder.model import Article, Corpus, Entity, Event, Relation, Sentence

#: The builder's package: any change to its code or data renders every page again.
PACKAGE = Path(__file__).resolve().parent.parent
#: Libraries whose output a page holds (curated notes: Markdown and nh3; front matter: YAML).
LIBRARIES = ("markdown", "nh3", "pyyaml")


#: Beside the kept pages: what each page of the last render was (``StagedPages``).
STAGED_PAGES = "pages-staged.pickle"
#: Bump when ``Staged`` or the file's layout changes: another layout is not read.
STAGED_FORMAT = "2"


@dataclass(frozen=True)
class Staged:
    """A page as a render gave it: its key, the URLs of the pages it links to (whose
    previews it carries) and the sha256 of its bytes."""

    key: str
    targets: tuple[str, ...]
    digest: str


class StagedPages:
    """What each page of the last render was, and of this one, with the previews of the
    pages linked to: a page whose key is unchanged and none of whose linked pages'
    previews changed is not read from the cache, sent between processes nor hashed
    again (reading 8,000 kept pages was a second of a one-seed rebuild)."""

    def __init__(self, path: Path | None, previews: dict[str, str]) -> None:
        self.path = path
        self.previews = previews
        self.now: dict[str, Staged] = {}
        self.last: dict[str, Staged] = {}
        last_previews: dict[str, str] = {}
        try:
            kept = pickle.loads(path.read_bytes()) if path is not None else None
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            kept = None  # none yet, or unreadable: every page is read
        if isinstance(kept, tuple) and len(kept) == 3 and kept[0] == STAGED_FORMAT:
            _format, self.last, last_previews = kept
        self.changed_previews = {
            url for url in previews.keys() | last_previews.keys()
            if previews.get(url) != last_previews.get(url)
        }  # fmt: skip

    def save(self) -> None:
        if self.path is not None:
            kept = (STAGED_FORMAT, dict(sorted(self.now.items())), self.previews)
            atomic_write(self.path, pickle.dumps(kept, protocol=pickle.HIGHEST_PROTOCOL))


def preview_digests(table: Mapping[str, object]) -> dict[str, str]:
    """A short digest of each page's hover preview, by its URL."""
    return {url: value_digest(preview)[:16] for url, preview in table.items()}


def page_cache(folder: Path | None) -> PickleCache:
    """Pages kept between builds in ``folder``, invalidated by any builder change."""
    versions = [f"{name} {version(name)}" for name in LIBRARIES]
    return PickleCache(folder, fingerprint(PACKAGE, *versions), remember=True)


class Records:
    """Digests of the corpus's records, each computed once per process and build."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self._articles: dict[str, str] = {}
        self._entities: dict[str, str] = {}
        self._events: dict[str, str] = {}
        self._relations: dict[int, str] = {}
        self._refs: dict[str, tuple[str, str, str, str]] = {}

    @cached_property
    def _article_of(self) -> dict[str, Article]:
        return {a.id: a for a in self.corpus.articles}

    @cached_property
    def _entity_of(self) -> dict[str, Entity]:
        return {e.id: e for e in self.corpus.entities}

    @cached_property
    def _event_of(self) -> dict[str, Event]:
        return {e.id: e for e in self.corpus.events}

    @cached_property
    def _sentences(self) -> dict[str, list[Sentence]]:
        found: dict[str, list[Sentence]] = defaultdict(list)
        for s in self.corpus.sentences:
            found[s.article].append(s)
        return found

    def article(self, article_id: str) -> str:
        """An article with its sentence bounds (pages quote sentences by them)."""
        if article_id not in self._articles:
            article = self._article_of[article_id]
            self._articles[article_id] = value_digest(article, self._sentences.get(article_id, []))
        return self._articles[article_id]

    def entity(self, entity_id: str) -> str:
        if entity_id not in self._entities:
            self._entities[entity_id] = value_digest(self._entity_of[entity_id])
        return self._entities[entity_id]

    def event(self, event_id: str) -> str:
        if event_id not in self._events:
            self._events[event_id] = value_digest(self._event_of[event_id])
        return self._events[event_id]

    def ref(self, entity: Entity) -> tuple[str, str, str, str]:
        """What a link to an entity shows: its id, name, URL and kind."""
        found = self._refs.get(entity.id)
        if found is None:
            found = self._refs[entity.id] = (entity.id, entity.name, entity.url, entity.kind)
        return found

    def relation(self, relation: Relation) -> str:
        key = id(relation)  # relations live as long as the corpus this view holds
        if key not in self._relations:
            self._relations[key] = value_digest(relation)
        return self._relations[key]
