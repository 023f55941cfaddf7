"""Pagefind's bundle read and merged: the indexes of a site's shards as one index.

Pagefind has no incremental mode: it indexes a site of 8,000 pages whole (about 1.2 ms a
page here), though a changed article changes a handful of them. So the site is indexed in
shards, each kept by what it indexes (``search.ShardStore``), and their indexes are merged
here into the bundle one Pagefind run over the whole site would write: the same pages in
the same order with the same words, positions, filters and fragments, so ranking (which
reads every page's word count and every word's pages) and the bytes of a query are as
before. Checked first: Pagefind's ``mergeIndex`` merges bundles in the browser, but each
merged bundle brings its own metadata, word chunks and WebAssembly to every query, and
the ranking of one bundle's pages ignores the others.

The format is Pagefind 1.5's (``pagefind/src/index/mod.rs``): each file is gzip over a
signature and CBOR. The metadata lists the pages (fragment name, word count), the word
chunks (first word, last word, name), the filters (name, file) and the fields of the
pages' metadata; a word chunk lists words in code-point order, each with its pages
(page number, delta-encoded from the word's previous page; positions; metadata
positions, whose field markers index the metadata's field list) and the pages of its
forms with diacritics; a filter lists each value's page numbers.
"""

from __future__ import annotations

import gzip
import hashlib
import itertools
import json
from dataclasses import dataclass, field
from typing import Any

import cbor2

#: What starts every Pagefind index file, inside its gzip layer.
SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
#: The one language of the index (``force_language``): the pages are English.
LANGUAGE = "en"
#: Pagefind's own chunk size: postings plus positions, about 20 KB compressed a chunk.
CHUNK_WEIGHT = 20_000
#: Fields of the metadata file.
_VERSION, _PAGES, _CHUNKS, _FILTERS, _SORTS, _FIELDS = range(6)
_INDEX_FOLDERS = ("index/", "filter/", "fragment/")


def read(data: bytes) -> Any:
    """One Pagefind index file's value."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind index file")
    return cbor2.loads(raw[len(SIGNATURE) :])


def encode(value: Any) -> bytes:
    """A Pagefind index file holding ``value``."""
    return _file(cbor2.dumps(value))


def _head(major: int, length: int) -> bytes:
    """A CBOR head: the major type and a length (RFC 8949, section 3)."""
    if length < 24:
        return bytes([major << 5 | length])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if length < 1 << (8 * size):
            return bytes([major << 5 | info]) + length.to_bytes(size, "big")
    raise ValueError(f"{length}: too long for CBOR")


def _text(text: str) -> bytes:
    data = text.encode()
    return _head(3, len(data)) + data


@dataclass(frozen=True)
class Postings:
    """A word's pages in one shard, kept encoded but for the first page, whose delta (from
    the page before it) is the only one that changes when shards are put together."""

    first: list[Any]
    #: The CBOR of the other pages, one after another.
    rest: bytes
    count: int
    #: The number of the last page, within the shard.
    last: int
    #: What the pages weigh in Pagefind's cutting of chunks.
    weight: int
    #: Whether any page has positions in the page's metadata (a title, a name).
    in_meta: bool

    @classmethod
    def of(cls, pages: list[list[Any]]) -> Postings:
        rest = cbor2.dumps(pages[1:])  # one array; its items are kept without its head
        return cls(
            first=pages[0],
            rest=rest[len(_head(4, len(pages) - 1)) :],
            count=len(pages),
            last=sum(page[0] for page in pages),
            weight=sum(len(p[1]) + (len(p[2]) if len(p) > 2 else 0) + 1 for p in pages),
            in_meta=any(len(p) > 2 and p[2] for p in pages),
        )

    def pages(self) -> list[list[Any]]:
        return [self.first, *cbor2.loads(_head(4, self.count - 1) + self.rest)]


#: A word's postings in a shard, and those of its forms with diacritics, by form.
Word = tuple["Postings | None", dict[str, Postings]]


@dataclass
class ShardIndex:
    """What Pagefind indexed of one shard, ready to merge."""

    #: (fragment name, word count) of each indexed page, in the site's order.
    pages: list[list[Any]] = field(default_factory=list)
    words: dict[str, Word] = field(default_factory=dict)
    #: Filter -> value -> page numbers within the shard.
    filters: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    #: The metadata fields the words' metadata positions point into.
    fields: list[str] = field(default_factory=list)
    #: The digest of each fragment file's content, by the fragment's name.
    fragments: dict[str, str] = field(default_factory=dict)
    #: The metadata fields each page has (its fragment's ``meta``), by page number.
    page_fields: list[tuple[str, ...]] = field(default_factory=list)
    #: The words each page has (with forms of its own or not), by page number.
    page_words: list[frozenset[str]] = field(default_factory=list)


def is_index_file(path: str) -> bool:
    """Whether a bundle file belongs to one index, not to every bundle of the version."""
    return path == ENTRY or path.endswith(".pf_meta") or path.startswith(_INDEX_FOLDERS)


def _word(packed: list[Any]) -> Word:
    if len(packed) != 3:
        raise ValueError(f"unknown Pagefind word layout: {len(packed)} fields")
    _word, pages, variants = packed
    forms = {form: Postings.of(form_pages) for form, form_pages in variants if form_pages}
    return (Postings.of(pages) if pages else None), forms


def shard_index(files: dict[str, bytes]) -> tuple[ShardIndex, dict[str, bytes]]:
    """Read the bundle Pagefind wrote for one shard (``GetFiles``: path -> bytes); and
    its fragment files, by the digest of their content."""
    languages = json.loads(files[ENTRY])["languages"]
    if not languages:
        return ShardIndex(), {}
    if set(languages) != {LANGUAGE}:
        raise ValueError(f"expected one index in {LANGUAGE!r}, got {sorted(languages)}")
    meta = read(files[f"pagefind.{languages[LANGUAGE]['hash']}.pf_meta"])
    if meta[_SORTS]:
        raise ValueError("pages with data-pagefind-sort cannot be merged")
    words = {}
    for _first, _last, name in meta[_CHUNKS]:
        for packed in read(files[f"index/{name}.pf_index"])[0]:
            words[packed[0]] = _word(packed)
    filters = {}
    for _filter, name in meta[_FILTERS]:
        filter_name, values = read(files[f"filter/{name}.pf_filter"])
        filters[filter_name] = dict(values)
    fragments, blobs, page_fields = {}, {}, []
    for name, _count in meta[_PAGES]:
        data = files[f"fragment/{name}.pf_fragment"]
        fragments[name] = content_digest(data)
        blobs[fragments[name]] = data
        page_fields.append(_fragment_fields(data))
    index = ShardIndex(meta[_PAGES], words, filters, list(meta[_FIELDS]), fragments, page_fields)
    index.page_words = _page_words(words, len(meta[_PAGES]))
    return index, blobs


def _page_words(words: dict[str, Word], count: int) -> list[frozenset[str]]:
    found: list[set[str]] = [set() for _ in range(count)]
    for word, (postings, forms) in words.items():
        for each in (postings, *forms.values()):
            for page in _absolute(each) if each is not None else ():
                found[page[0]].add(word)
    return [frozenset(words) for words in found]


def _fragment_fields(data: bytes) -> tuple[str, ...]:
    """The metadata fields of a page's fragment (a gzipped, signed JSON document)."""
    raw = gzip.decompress(data)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind fragment")
    return tuple(sorted(json.loads(raw[len(SIGNATURE) :]).get("meta", {})))


def _absolute(postings: Postings) -> list[list[Any]]:
    """A word's pages with their page numbers counted from the shard's first page."""
    number, pages = 0, []
    for page in postings.pages():
        number += page[0]
        pages.append([number, *page[1:]])
    return pages


def _relative(pages: list[list[Any]]) -> Postings:
    """Postings of pages numbered from the shard's first page, delta-encoded again."""
    last, out = 0, []
    for page in pages:
        out.append([page[0] - last, *page[1:]])
        last = page[0]
    return Postings.of(out)


#: Pages of words being put together: a word's pages and its forms' pages, numbered anew.
_Loose = dict[str, tuple[list[list[Any]], dict[str, list[list[Any]]]]]


def pick(chosen: list[tuple[ShardIndex, int]]) -> ShardIndex:
    """The index of these pages of other shards' indexes (shard, page number), in this
    order: what Pagefind writes for them indexed together.

    A page's words, positions, filters and metadata are its own (Pagefind reads each
    page alone), so a shard one of whose pages changed is made of its other pages'
    indexes and the changed page's, instead of indexing every page again.
    """
    fields = sorted({name for shard, number in chosen for name in shard.page_fields[number]})
    picked = ShardIndex(fields=fields)
    new_number: dict[int, dict[int, int]] = {}  # by id(shard): its page -> the new page
    shards: dict[int, ShardIndex] = {}
    for position, (shard, number) in enumerate(chosen):
        shards[id(shard)] = shard
        new_number.setdefault(id(shard), {})[number] = position
        picked.pages.append(shard.pages[number])
        picked.page_fields.append(shard.page_fields[number])
        picked.page_words.append(shard.page_words[number])
        name = shard.pages[number][0]
        picked.fragments[name] = shard.fragments[name]
    loose: _Loose = {}
    whole: dict[str, list[Word]] = {}  # words kept as they are: numbers and fields unmoved
    for key, shard in shards.items():
        _take_words(shard, new_number[key], fields, loose, whole)
        _take_filters(shard, new_number[key], picked.filters)
    picked.words = _put_together(loose, whole)
    return picked


def _take_words(
    shard: ShardIndex,
    renumber: dict[int, int],
    fields: list[str],
    loose: _Loose,
    whole: dict[str, list[Word]],
) -> None:
    """The words of a shard's pages in ``renumber``: kept whole where they can be."""
    moved = [fields.index(name) if name in fields else -1 for name in shard.fields]
    # Most pages keep their number (a page changed in place): a word none of the pages
    # left out has is kept encoded, not read and written again.
    unmoved = moved == list(range(len(moved))) and all(a == b for a, b in renumber.items())
    left_out = [shard.page_words[n] for n in range(len(shard.pages)) if n not in renumber]
    touched = frozenset().union(*left_out) if unmoved else frozenset()
    for word, (postings, forms) in shard.words.items():
        if unmoved and word not in touched:
            whole.setdefault(word, []).append((postings, forms))
            continue
        pages = _taken(postings, renumber, moved) if postings is not None else []
        form_pages = {form: got for form, p in forms.items() if (got := _taken(p, renumber, moved))}
        if pages or form_pages:
            merged_pages, merged_forms = loose.setdefault(word, ([], {}))
            merged_pages += pages
            for form, got in form_pages.items():
                merged_forms.setdefault(form, []).extend(got)


def _take_filters(
    shard: ShardIndex, renumber: dict[int, int], filters: dict[str, dict[str, list[int]]]
) -> None:
    for name, values in shard.filters.items():
        for value, numbers in values.items():
            if kept := [renumber[n] for n in numbers if n in renumber]:
                pages = filters.setdefault(name, {}).setdefault(value, [])
                pages += kept
                pages.sort()


def _put_together(loose: _Loose, whole: dict[str, list[Word]]) -> dict[str, Word]:
    """Each word's postings: kept whole if only one shard had it, else encoded anew."""
    words: dict[str, Word] = {}
    for word, kept in whole.items():
        if len(kept) == 1 and word not in loose:
            words[word] = kept[0]
            continue
        pages, forms = loose.setdefault(word, ([], {}))
        for postings, its_forms in kept:
            pages += _absolute(postings) if postings is not None else []
            for form, form_postings in its_forms.items():
                forms.setdefault(form, []).extend(_absolute(form_postings))
    for word, (pages, forms) in loose.items():
        words[word] = (
            _relative(sorted(pages, key=_number)) if pages else None,
            {form: _relative(sorted(got, key=_number)) for form, got in sorted(forms.items())},
        )
    return words


def _number(page: list[Any]) -> int:
    return page[0]


def _taken(postings: Postings, renumber: dict[int, int], moved: list[int]) -> list[list[Any]]:
    """The postings of the pages in ``renumber``, numbered anew, fields moved."""
    return [
        _moved_fields([renumber[page[0]], *page[1:]], moved)
        for page in _absolute(postings)
        if page[0] in renumber
    ]


def _moved_fields(page: list[Any], moved: list[int]) -> list[Any]:
    """A page's postings whose metadata positions point at the new field list."""
    if len(page) > 2 and page[2]:
        meta = [-(moved[-m - 1] + 1) if m < 0 else m for m in page[2]]
        return [page[0], page[1], meta, *page[3:]]
    return page


class _Pages:
    """A word's (or form's) pages in the merged index, encoded as its shards come.

    Each shard's postings are encoded into the word's bytes when the shard is added and
    the shard let go of: holding every shard's postings until all were rendered took a
    gigabyte at 35,000 pages. Postings with metadata positions wait (decoded at the end),
    as those positions point into a field list known only once every shard is in.
    """

    __slots__ = ("count", "last", "parts", "weight")

    def __init__(self) -> None:
        self.count = 0
        self.last = 0  # the number of the last page, in the merged index
        self.weight = 0
        #: Encoded pages, and pages whose metadata positions are still the shard's:
        #: (first page, the others' CBOR, their count, the shard's fields).
        self.parts: list[bytearray | tuple[list[Any], bytes, int, tuple[str, ...]]] = []

    def add(self, postings: Postings, offset: int, fields: tuple[str, ...]) -> None:
        """A shard's postings; ``offset``: the number of pages before the shard."""
        first = [postings.first[0] + offset - self.last, *postings.first[1:]]
        if postings.in_meta:
            self.parts.append((first, postings.rest, postings.count - 1, fields))
        elif self.parts and isinstance(self.parts[-1], bytearray):
            self.parts[-1] += cbor2.dumps(first) + postings.rest
        else:
            self.parts.append(bytearray(cbor2.dumps(first) + postings.rest))
        self.count += postings.count
        self.last = postings.last + offset
        self.weight += postings.weight

    def encoded(self, fields: list[str]) -> bytes:
        """One CBOR array of every shard's pages, metadata positions in ``fields``."""
        out: list[bytes | bytearray] = [_head(4, self.count)]
        for part in self.parts:
            if isinstance(part, bytearray):
                out.append(part)
                continue
            first, rest, count, shard_fields = part
            moved = [fields.index(name) for name in shard_fields]
            if moved == list(range(len(moved))):
                out += [cbor2.dumps(first), rest]
                continue
            pages = [first, *cbor2.loads(_head(4, count) + rest)]
            out += [cbor2.dumps(_moved_fields(page, moved)) for page in pages]
        return b"".join(out)


class Merger:
    """Shards' indexes added in the site's order, merged as they come; ``bundle`` writes
    what one Pagefind run over all their pages would."""

    def __init__(self) -> None:
        #: (fragment name, word count) of each page, fragments named anew where shards
        #: gave one name to two pages.
        self.pages: list[list[Any]] = []
        self.fields: set[str] = set()
        self.words: dict[str, tuple[_Pages, dict[str, _Pages]]] = {}
        self.filters: dict[str, dict[str, list[int]]] = {}
        self.fragments: dict[str, str] = {}  # the merged fragments' digests, by name

    def add(self, shard: ShardIndex) -> None:
        offset = len(self.pages)
        renamed = {
            name: _fragment_name(name, digest, self.fragments)
            for name, digest in shard.fragments.items()
        }
        self.pages.extend([renamed[name], count] for name, count in shard.pages)
        fields = tuple(shard.fields)
        self.fields.update(fields)
        for word, (postings, forms) in shard.words.items():
            if (entry := self.words.get(word)) is None:
                entry = self.words[word] = (_Pages(), {})
            pages, merged_forms = entry
            if postings is not None:
                pages.add(postings, offset, fields)
            for form, form_postings in forms.items():
                merged_forms.setdefault(form, _Pages()).add(form_postings, offset, fields)
        for name, values in shard.filters.items():
            merged_values = self.filters.setdefault(name, {})
            for value, numbers in values.items():
                merged_values.setdefault(value, []).extend(n + offset for n in numbers)

    def bundle(self, static: dict[str, bytes]) -> Bundle:
        """The bundle of every page added; ``static`` holds the files every bundle of
        this Pagefind version has (scripts, WebAssembly, the entry)."""
        files = {path: data for path, data in static.items() if not is_index_file(path)}
        fragments = {f"fragment/{n}.pf_fragment": d for n, d in self.fragments.items()}
        bundle = Bundle(files, fragments)
        entry = json.loads(static[ENTRY])
        if not self.pages:
            entry["languages"] = {}
            files[ENTRY] = json.dumps(entry, separators=(",", ":")).encode()
            return bundle
        taken: dict[str, str] = {}

        def add(path: str, data: bytes, digits: int = 7) -> str:
            name = _unique(content_digest(data), taken, digits=digits)
            files[path.format(name)] = data
            return name

        fields = sorted(self.fields)
        chunks = self._chunks(fields)
        chunk_meta = [
            [first, last, add("index/{}.pf_index", data)]
            for (first, last), (_f, _l, data) in zip(_chunk_ranges(chunks), chunks, strict=True)
        ]
        filter_meta = []
        for filter_name in sorted(self.filters):
            # Pagefind writes values in its hash map's order, which changes from run to
            # run (its issue #638): sorted, the bundle is the same for the same site.
            values = sorted(self.filters[filter_name].items())
            data = encode([filter_name, [list(value) for value in values]])
            filter_meta.append([filter_name, add("filter/{}.pf_filter", data)])
        meta = encode([entry["version"], self.pages, chunk_meta, filter_meta, [], fields])
        meta_name = add("pagefind.{}.pf_meta", meta, 10)
        entry["languages"] = {
            LANGUAGE: {"hash": meta_name, "wasm": LANGUAGE, "page_count": len(self.pages)}
        }
        files[ENTRY] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode()
        return bundle

    def _encoded_word(self, word: str, fields: list[str]) -> bytes:
        """The word as Pagefind packs it: [word, pages, [[form, pages], ...]]."""
        pages, forms = self.words[word]
        out = [_head(4, 3), _text(word), pages.encoded(fields), _head(4, len(forms))]
        # Sorted: Pagefind's order of forms is its hash map's, and shards put together
        # would list them in the order each first appears.
        for form, form_pages in sorted(forms.items()):
            out += [_head(4, 2), _text(form), form_pages.encoded(fields)]
        return b"".join(out)

    def _chunks(self, fields: list[str]) -> list[tuple[str, str, bytes]]:
        """Words in code-point order, cut as Pagefind cuts them (``chunk_index``): each
        chunk's first and last word and its file."""
        chunks = []
        words: list[bytes] = []
        first = word = ""
        weight = 0
        for word in sorted(self.words):
            if not words:
                first = word
            words.append(self._encoded_word(word, fields))
            weight += self.words[word][0].weight
            if weight >= CHUNK_WEIGHT:
                chunks.append((first, word, _index_file(words)))
                words, weight = [], 0
        if words:
            chunks.append((first, word, _index_file(words)))
        return chunks


def _index_file(words: list[bytes]) -> bytes:
    return _file(_head(4, 1) + _head(4, len(words)) + b"".join(words))


def _file(cbor: bytes) -> bytes:
    return gzip.compress(SIGNATURE + cbor, compresslevel=6, mtime=0)


def _prefixes(a: str, b: str) -> tuple[str, str]:
    """The shortest prefixes of two neighbouring chunks' edge words that tell them apart."""
    common = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        common += 1
    return a[: common + 1], b[: common + 1]


def _chunk_ranges(chunks: list[tuple[str, str, bytes]]) -> list[list[str]]:
    """Each chunk's [from, to] as Pagefind names them (``chunk_meta``)."""
    ranges = [[first, last] for first, last, _data in chunks]
    for before, after in itertools.pairwise(ranges):
        to, start = _prefixes(before[1], after[0])
        if to >= before[0]:
            before[1] = to
        after[0] = start
    return ranges


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _unique(
    digest: str, taken: dict[str, str], prefix: str = f"{LANGUAGE}_", digits: int = 7
) -> str:
    """A file's name from its content's digest, longer where another content has the
    shorter name (Pagefind names files by 7 digits of a hash, and extends them so)."""
    while (name := prefix + digest[:digits]) in taken and taken[name] != digest:
        digits += 1
    taken[name] = digest
    return name


def _fragment_name(name: str, digest: str, taken: dict[str, str]) -> str:
    """A fragment's name in the merged bundle: its own, unless another shard gave that
    name to another page."""
    if taken.setdefault(name, digest) == digest:
        return name
    return _unique(digest, taken, f"{name}_", 8)


@dataclass
class Bundle:
    """A Pagefind bundle: its files by path, but the fragments, by the digest of theirs."""

    files: dict[str, bytes]
    fragments: dict[str, str]


def merge(shards: list[ShardIndex], static: dict[str, bytes]) -> Bundle:
    """The bundle of the shards' pages, in order (see ``Merger``)."""
    merger = Merger()
    for shard in shards:
        merger.add(shard)
    return merger.bundle(static)
