"""Curation: contributors' corrections and notes from the curated folder (``docs/``).

Two kinds of input, both plain files a contributor edits:

- one file per entity or event at the path of its generated page,
  ``actors/<id>.md``, ``places/<id>.md`` or ``events/<id>.md``: optional YAML front
  matter that corrects what extraction got wrong, and a Markdown body (notes) that the
  generated page shows;
- one file of site-wide rules, ``curation.yml``: names never to treat as entities
  (``ignore``) and names always to treat as one entity (``same``).

``load_curation`` reads and validates them (pure over the files' bytes); a ``Curator``
applies them to the resolved entities (then to the events) and records, per file, what
became of it, so the build can show every word a contributor wrote on some page or on
the curation report. A bad file never stops the build: it becomes a ``Problem``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz, process

from builder.infra.files import Unreadable, read_inside
from builder.ingest.decode import BIDI_CONTROLS, decode
from builder.model import (
    KINDS,
    CuratedFile,
    CurationReport,
    DatedValue,
    Entity,
    Event,
    Problem,
    Quote,
)
from builder.text.fold import fold
from builder.urls import Urls, source_of

RULES_FILE = "curation.yml"
ENTITY_SECTIONS = ("actors", "places")
SECTIONS = (*ENTITY_SECTIONS, "events")
#: Front matter each kind of curated file accepts (synonyms map to one meaning).
ENTITY_FIELDS = frozenset(
    {"name", "aliases", "kind", "description", "role", "lat", "lon", "coordinates"}
    | {"merge_into", "same_as", "hide"}
)
EVENT_FIELDS = frozenset({"title", "date", "merge_into", "same_as", "hide"})
RULE_FIELDS = frozenset({"ignore", "same"})
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: ``[[target]]`` or ``[[target|label]]``: a link to another generated page.
WIKILINK = re.compile(r"\[\[([^\[\]|\n]+)(?:\|([^\[\]\n]+))?\]\]")
_FENCE = re.compile(r"^(?:```|~~~).*?^(?:```|~~~)[^\n]*$|`[^`\n]+`", re.MULTILINE | re.DOTALL)


# reading ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Override:
    """One curated entity or event file, parsed and validated."""

    path: str  # relative to the curated folder, e.g. "actors/x.md"
    section: str  # actors, places or events
    id: str
    fields: dict[str, Any]  # valid fields only, normalised (see _validate)
    body: str
    text: str


@dataclass
class Curation:
    """Everything the curated folder asks for, before it meets the corpus."""

    folder: str = "docs"
    overrides: list[Override] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)
    same: list[list[str]] = field(default_factory=list)
    malformed: list[CuratedFile] = field(default_factory=list)
    rules: CuratedFile | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def consumed(self) -> set[str]:
        """Files the build reads itself: staging must not copy them as pages."""
        paths = {o.path for o in self.overrides} | {f.path for f in self.malformed}
        return paths | ({self.rules.path} if self.rules else set())


def curated_paths(files: dict[str, bytes]) -> list[str]:
    """The files of a curated folder that curation reads."""
    return sorted(
        rel
        for rel in files
        if rel == RULES_FILE
        or (
            rel.count("/") == 1
            and rel.split("/")[0] in SECTIONS
            and rel.endswith(".md")
            and rel.split("/")[1] != "index.md"
        )
    )


def load_curation(docs_dir: Path | None) -> Curation:
    """Read the curated folder (missing folder: nothing curated)."""
    if docs_dir is None or not docs_dir.is_dir():
        return Curation()
    project = docs_dir.resolve().parent  # links may point anywhere inside the project
    files = {}
    problems = []
    paths = [p for section in SECTIONS for p in sorted((docs_dir / section).glob("*.md"))]
    rules = docs_dir / RULES_FILE
    for path in [*paths, *([rules] if rules.exists() or rules.is_symlink() else [])]:
        rel = path.relative_to(docs_dir).as_posix()
        try:
            files[rel] = read_inside(path, project, where="the project")
        except Unreadable as why:
            problems.append(Problem(f"{docs_dir.name}/{rel}", why.reason, why.severity))  # type: ignore[arg-type]
    curation = parse_curation(files, docs_dir.name)
    curation.problems = problems + curation.problems
    return curation


def parse_curation(files: dict[str, bytes], folder: str = "docs") -> Curation:
    """Parse curated files given as bytes by relative path; pure."""
    curation = Curation(folder=folder)
    seen: dict[str, str] = {}
    for rel in curated_paths(files):
        where = f"{folder}/{rel}"
        # The seeds' decoder: a contributor's editor may save UTF-16 or Windows-1252,
        # and their words must be read, not dropped as undecodable.
        text, note = decode(files[rel])
        if not text and note:  # binary: shown as far as it is text, on the report
            shown = files[rel].decode("utf-8", errors="replace")
            _malformed(curation, rel, "", shown, note)
            continue
        text = text.removeprefix("\ufeff")
        if note:
            curation.problems.append(Problem(where, f"{note}: read, but save it as UTF-8", "info"))
        if rel == RULES_FILE:
            _parse_rules(curation, text, where)
            continue
        section, name = rel.split("/")
        ident = name[: -len(".md")]
        meta, body, error = split_front_matter(text)
        if error:
            _malformed(curation, rel, body, text, error)
            continue
        key = f"{section == 'events'}:{ident}"  # actors/ and places/ share one id space
        if key in seen:
            _malformed(curation, rel, body, text, f"{folder}/{seen[key]} curates the same id")
            continue
        seen[key] = rel
        allowed = EVENT_FIELDS if section == "events" else ENTITY_FIELDS
        fields, problems = _validate(meta, allowed)
        curation.problems += [Problem(where, p) for p in problems]
        curation.overrides.append(Override(rel, section, ident, fields, body, text))
    return curation


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str]:
    """(front matter, body, error): YAML between ``---`` lines at the top, if any."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return {}, text, ""
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            break
    else:
        return {}, text, "front matter opened with --- is never closed"
    body = "".join(lines[end + 1 :]).lstrip("\r\n")
    meta, error = load_yaml("".join(lines[1:end]), first_line=2)
    if error:
        return {}, body, f"front matter {error}"
    if meta is None:
        return {}, body, ""
    if not isinstance(meta, dict):
        return {}, body, "front matter must be a mapping of fields (name: value)"
    return meta, body, ""


def _malformed(curation: Curation, rel: str, body: str, text: str, message: str) -> None:
    curation.problems.append(Problem(f"{curation.folder}/{rel}", message))
    curation.malformed.append(CuratedFile(rel, "malformed", None, body, text, message))


def load_yaml(text: str, first_line: int = 1) -> tuple[Any, str]:
    """(value, "") of a YAML text, or (None, why it cannot be read) for any text at all.

    YAML that parses but cannot become Python values (an impossible date such as
    2017-02-30 unquoted, a list nested thousands deep) raises more than ``YAMLError``;
    every one of them is a line in the report, never a traceback.
    """
    try:
        return yaml.safe_load(text), ""
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + first_line})" if mark is not None else ""
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return None, f"is not valid YAML{where}: {reason}"
    except RecursionError:
        return None, "is nested too deeply to read"
    except (ValueError, TypeError, OverflowError) as error:
        return None, f"holds a value that cannot be read: {error}"


def _parse_rules(curation: Curation, text: str, where: str) -> None:
    data, error = load_yaml(text)
    if error:
        _malformed(curation, RULES_FILE, "", text, error.removeprefix("is "))
        return
    data = data if data is not None else {}
    if not isinstance(data, dict):
        _malformed(curation, RULES_FILE, "", text, "must be a mapping with ignore: and same:")
        return
    notes = [
        f"unknown field {key!r} (known: ignore, same)" for key in data if key not in RULE_FIELDS
    ]
    ignore = data.get("ignore") or []
    if _strings(ignore):
        curation.ignore = [str(n) for n in ignore]
    else:
        notes.append("ignore: must be a list of names")
    for group in data.get("same") or []:
        if _strings(group) and len(group) >= 2:
            curation.same.append([str(n) for n in group])
        else:
            notes.append(f"same: each entry must list two names or more, not {group!r}")
    curation.problems += [Problem(where, n) for n in notes]
    curation.rules = CuratedFile(RULES_FILE, "rules", None, "", text, "; ".join(notes))


def _strings(value: Any) -> bool:
    return isinstance(value, list) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) and str(v).strip()
        for v in value
    )


#: What a merged entity's file may still say: it goes to the kept entity.
CARRIED_FIELDS = ("name", "aliases", "description")


def _validate(meta: dict[str, Any], allowed: frozenset[str]) -> tuple[dict[str, Any], list[str]]:
    """Keep the fields that are known and well-typed; one message per other field."""
    fields: dict[str, Any] = {}
    problems = []
    for key, value in meta.items():
        if key not in allowed:
            problems.append(f"unknown field {key!r} (known: {', '.join(sorted(allowed))})")
            continue
        try:
            name, normal = _field(str(key), value)
        except ValueError as error:
            problems.append(f"field {key!r}: {error}")
            continue
        fields[name] = normal
    if ("lat" in fields) != ("lon" in fields):
        fields.pop("lat", None), fields.pop("lon", None)
        problems.append("give both lat and lon (or coordinates: [lat, lon])")
    if "merge_into" in fields:
        if fields.pop("hide", None) is not None:
            problems.append("hide and merge_into together: merged, not hidden; keep one")
        extra = sorted(set(fields) - {"merge_into", *CARRIED_FIELDS})
        if extra:
            problems.append(
                f"{', '.join(extra)} ignored: the entity is merged; curate the kept one"
            )
        fields = {k: v for k, v in fields.items() if k == "merge_into" or k in CARRIED_FIELDS}
    return fields, problems


def _field(key: str, value: Any) -> tuple[str, Any]:
    """(canonical field name, normalised value); ValueError says what is wrong."""
    reader = _FIELD_READERS.get(key)
    if reader is None:
        raise ValueError("unknown")
    return reader(key, value)


def _text_field(key: str, value: Any) -> tuple[str, Any]:
    if not isinstance(value, str | int | float) or isinstance(value, bool):
        raise ValueError("must be text")
    if not str(value).strip():
        raise ValueError("must not be empty")
    return ("description" if key == "role" else key), _plain(str(value))


def _plain(text: str) -> str:
    """One line of text without bidirectional controls, which would display it reversed."""
    return " ".join(BIDI_CONTROLS.sub("", text).split())


def _aliases_field(key: str, value: Any) -> tuple[str, Any]:
    names = [value] if isinstance(value, str) else value
    if not _strings(names):
        raise ValueError("must be a name or a list of names")
    return key, [_plain(str(n)) for n in names]


def _kind_field(key: str, value: Any) -> tuple[str, Any]:
    if value not in KINDS:
        raise ValueError(f"must be one of {', '.join(KINDS)}")
    return key, value


def _degrees_field(key: str, value: Any) -> tuple[str, Any]:
    return key, _number(value, 90 if key == "lat" else 180)


def _coordinates_field(key: str, value: Any) -> tuple[str, Any]:
    parts = value.replace(",", " ").split() if isinstance(value, str) else value
    if not isinstance(parts, list) or len(parts) != 2:
        raise ValueError("must be [lat, lon]")
    return "coordinates", (_number(parts[0], 90), _number(parts[1], 180))


def _merge_field(key: str, value: Any) -> tuple[str, Any]:
    if not isinstance(value, str) or not value.strip():
        raise ValueError("must be the id of another page, e.g. actors/some-id")
    target = value.strip().strip("/").removesuffix(".md").removesuffix("/index")
    return "merge_into", target.split("/")[-1]


def _hide_field(key: str, value: Any) -> tuple[str, Any]:
    if not isinstance(value, bool):
        raise ValueError("must be true or false")
    return key, value


def _date_field(key: str, value: Any) -> tuple[str, Any]:
    text = value.isoformat() if isinstance(value, dt.date) else str(value).strip()
    if isinstance(value, bool) or not _DATE.match(text):
        raise ValueError("must be YYYY-MM-DD, YYYY-MM or YYYY")
    try:
        dt.date.fromisoformat(text + "-01" * (2 - text.count("-")))
    except ValueError as error:
        raise ValueError(f"{text} is not a date") from error
    precision = ("year", "month", "day")[text.count("-")]
    return key, DatedValue(text, precision, "curated")


#: How each front-matter field is read (``role`` is an old name of ``description``,
#: ``same_as`` of ``merge_into``).
_FIELD_READERS: dict[str, Callable[[str, Any], tuple[str, Any]]] = {
    "name": _text_field,
    "title": _text_field,
    "description": _text_field,
    "role": _text_field,
    "aliases": _aliases_field,
    "kind": _kind_field,
    "lat": _degrees_field,
    "lon": _degrees_field,
    "coordinates": _coordinates_field,
    "merge_into": _merge_field,
    "same_as": _merge_field,
    "hide": _hide_field,
    "date": _date_field,
}


def _number(value: Any, limit: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{value!r} is not a number") from error
    if isinstance(value, bool) or not -limit <= number <= limit:
        raise ValueError(f"{value!r} is out of range (±{limit})")
    return number


# applying ---------------------------------------------------------------------------


@dataclass
class Curator:
    """Applies one build's curation: entities after resolve, events after detection."""

    curation: Curation
    problems: list[Problem] = field(default_factory=list)
    files: dict[str, CuratedFile] = field(default_factory=dict)
    merged: dict[str, str] = field(default_factory=dict)  # entity id -> kept id
    redirects: dict[str, str] = field(default_factory=dict)
    removed: set[str] = field(default_factory=set)  # hidden or ignored entity ids
    entity_list: list[Entity] = field(default_factory=list)
    event_list: list[Event] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.problems = list(self.curation.problems)
        for bad in self.curation.malformed:
            self.files[bad.path] = bad

    def where(self, path: str) -> str:
        return f"{self.curation.folder}/{path}"

    # entities -----------------------------------------------------------------------

    def entities(
        self, entities: list[Entity], quotes: list[Quote]
    ) -> tuple[list[Entity], list[Quote]]:
        """Apply rules and entity files; returns the entities and the re-attributed quotes."""
        by_id = {e.id: replace(e, aliases=list(e.aliases), roles=list(e.roles)) for e in entities}
        before = {i: source_of(e.url) for i, e in by_id.items()}
        self._ignore(by_id)
        self._same(by_id)
        overrides = [o for o in self.curation.overrides if o.section != "events"]
        hidden = {o.id for o in overrides if o.fields.get("hide") and o.id in by_id}
        for ident in sorted(hidden):
            by_id.pop(ident)
            self.removed.add(ident)
        self._merge_files(by_id, [o for o in overrides if "merge_into" in o.fields], hidden)
        for o in overrides:
            if o.path in self.files:
                continue
            ident = self._target(o.id)
            if o.id in hidden:
                self._record(o, "hidden", None, "entity hidden: no page, mentions left as text")
            elif ident not in by_id or o.fields.get("hide"):
                self._orphan(o, by_id)
            else:
                self._override(by_id[ident], o)
        for old, page in before.items():
            kept = by_id.get(self._target(old))
            if kept is not None and source_of(kept.url) != page:
                self.redirects[page] = source_of(kept.url)
        self.entity_list = sorted(by_id.values(), key=lambda e: e.id)
        for page in [source_of(e.url) for e in self.entity_list]:
            self.redirects.pop(page, None)
        return self.entity_list, [self._quote(q) for q in quotes]

    def _target(self, ident: str) -> str:
        seen = set()
        while ident in self.merged and ident not in seen:
            seen.add(ident)
            ident = self.merged[ident]
        return ident

    def _ignore(self, by_id: dict[str, Entity]) -> None:
        names = {fold(n) for n in self.curation.ignore}
        if not names:
            return
        used: set[str] = set()
        for ident, e in list(by_id.items()):
            kept = [m for m in e.mentions if fold(m.text) not in names]
            used |= {fold(m.text) for m in e.mentions} & names
            if not kept:
                by_id.pop(ident)
                self.removed.add(ident)
                continue
            e.mentions = kept
            e.aliases = [a for a in e.aliases if fold(a) not in names]
            if fold(e.name) in names:  # the name itself is ignored: the commonest left
                texts = Counter(m.text for m in kept)
                e.name = max(sorted(texts), key=lambda t: texts[t])
                e.aliases = [a for a in e.aliases if a != e.name]
        for name in sorted(names - used):
            self.problems.append(
                Problem(self.where(RULES_FILE), f"ignore: no mention of {name!r}", "info")
            )

    def _same(self, by_id: dict[str, Entity]) -> None:
        if not self.curation.same:
            return
        named: dict[str, list[str]] = {}  # folded name -> ids, most mentioned first
        for e in sorted(by_id.values(), key=lambda e: (-len(e.mentions), e.id)):
            for n in {fold(n) for n in [e.name, *e.aliases]}:
                named.setdefault(n, []).append(e.id)
        for group in self.curation.same:
            found: list[Entity] = []
            for name in group:  # in the rule's order: the first name found is kept
                for ident in named.get(fold(name), []):
                    e = by_id.get(self._target(ident))  # earlier rules may have merged it
                    if e is not None and all(e is not f for f in found):
                        found.append(e)
            if len(found) < 2:
                self.problems.append(
                    Problem(
                        self.where(RULES_FILE),
                        f"same: {' = '.join(group)} matches {len(found)} entity(ies): "
                        "nothing to merge",
                        "info",
                    )
                )
                continue
            kept = found[0]
            for other in found[1:]:
                self._absorb(by_id, kept, other)

    def _carry(self, o: Override, kept: Entity) -> None:
        """A merged file's name, aliases and description go to the kept entity: words a
        contributor wrote are shown, never dropped."""
        names = [o.fields.get("name", ""), *o.fields.get("aliases", [])]
        kept.aliases = sorted({*kept.aliases, *(n for n in names if n and n != kept.name)})
        description = o.fields.get("description")
        if description and description not in kept.roles:
            kept.roles = [*kept.roles, description]
        moved = [k for k in CARRIED_FIELDS if k in o.fields]
        if moved:
            message = f"{', '.join(moved)} moved to {source_of(kept.url)}"
            self.problems.append(Problem(self.where(o.path), message, "info"))

    def _absorb(self, by_id: dict[str, Entity], kept: Entity, other: Entity) -> None:
        """Move everything of ``other`` to ``kept``: mentions, names, roles."""
        kept.mentions = sorted(
            kept.mentions + other.mentions, key=lambda m: (m.article, m.paragraph, m.start)
        )
        names = [*kept.aliases, other.name, *other.aliases]
        kept.aliases = sorted({n for n in names if n != kept.name})
        kept.roles = list(dict.fromkeys(kept.roles + other.roles))
        if kept.lat is None and other.lat is not None and kept.kind in ("place", "country"):
            kept.lat, kept.lon, kept.source = other.lat, other.lon, other.source
            kept.approximate_at = other.approximate_at
        by_id.pop(other.id, None)
        self.merged[other.id] = kept.id

    def _merge_files(
        self, by_id: dict[str, Entity], merges: list[Override], hidden: set[str]
    ) -> None:
        wants = {o.id: o.fields["merge_into"] for o in merges if o.id not in hidden}
        for o in sorted(merges, key=lambda o: o.path):
            if o.id not in hidden:
                self._check_merge(o, wants, by_id, hidden)
        for o in sorted(merges, key=lambda o: o.path):
            if o.path in self.files or o.id in hidden:
                continue
            source, target = self._target(o.id), self._target(wants[o.id])
            if source not in by_id:
                self._orphan(o, by_id)
                continue
            if source != target:
                self._absorb(by_id, by_id[target], by_id[source])
            self._carry(o, by_id[target])
        for o in sorted(merges, key=lambda o: o.path):
            if o.path not in self.files and o.id not in hidden:
                kept = by_id[self._target(o.id)]
                self._record(o, "merged", source_of(kept.url), f"merged into {kept.id}")

    def _check_merge(
        self, o: Override, wants: dict[str, str], by_id: dict[str, Entity], hidden: set[str]
    ) -> None:
        """A merge must end at a shown entity, without a cycle."""
        chain, ident = [o.id], wants[o.id]
        while ident in wants and ident not in chain:
            chain.append(ident)
            ident = wants[ident]
        if ident in chain:
            self._bad(o, f"merge cycle: {' → '.join([*chain, ident])}")
        elif ident in hidden or self._target(ident) in self.removed:
            self._bad(o, f"merge_into: {ident} is hidden or ignored")
        elif self._target(ident) not in by_id:
            self._bad(o, f"merge_into: no entity {ident!r} (the target's page id)")

    def _override(self, e: Entity, o: Override) -> None:
        f = o.fields
        if "name" in f and f["name"] != e.name:
            e.aliases = [a for a in e.aliases if a != f["name"]] + [e.name]
            e.name = f["name"]
        for alias in f.get("aliases", []):
            if alias != e.name and alias not in e.aliases:
                e.aliases.append(alias)
        e.aliases = sorted(e.aliases)
        if "kind" in f:
            e.kind = f["kind"]
        if "description" in f:
            e.roles = [f["description"], *(r for r in e.roles if r != f["description"])]
        coordinates = f.get("coordinates") or (
            (f["lat"], f["lon"]) if "lat" in f and "lon" in f else None
        )
        if coordinates:
            e.lat, e.lon = coordinates
            e.source = f"curated in {self.where(o.path)}"
            e.approximate_at = None  # a contributor's own point for it
        note = "" if o.id == e.id else f"{o.id} was merged into {e.id}: applied there"
        self._record(o, "applied", source_of(e.url), note)

    def _quote(self, q: Quote) -> Quote:
        if q.speaker is None:
            return q
        speaker = self._target(q.speaker)
        return replace(q, speaker=None if speaker in self.removed else speaker)

    # events -------------------------------------------------------------------------

    def events(self, events: list[Event]) -> list[Event]:
        """Event files (title, date, merge, hide); participants follow entity merges."""
        alive = {e.id for e in self.entity_list} if self.entity_list else None
        by_id = {ev.id: self._followed(ev, alive) for ev in events}
        overrides = [o for o in self.curation.overrides if o.section == "events"]
        for o in overrides:
            if o.id not in by_id and o.fields.get("hide") is not True:
                self._orphan(o, by_id)
        for o in overrides:
            if o.fields.get("hide") and o.id in by_id:
                by_id.pop(o.id)
                self._record(o, "hidden", None, "event hidden")
            elif o.fields.get("hide"):
                self._orphan(o, by_id)
        self._merge_events(by_id, overrides)
        for o in overrides:
            if o.path in self.files:
                continue
            ev = by_id[o.id]
            if "title" in o.fields:
                ev.title = o.fields["title"]
            if "date" in o.fields:
                ev.date = o.fields["date"]
            self._record(o, "applied", source_of(ev.url))
        self.event_list = sorted(by_id.values(), key=lambda e: e.id)
        self._check_links()
        return self.event_list

    def _followed(self, ev: Event, alive: set[str] | None) -> Event:
        """The event with its participants and place after entity merges and removals."""
        participants = [
            p
            for p in dict.fromkeys(self._target(p) for p in ev.participants)
            if p not in self.removed and (alive is None or p in alive)
        ]
        place = self._target(ev.place) if ev.place else None
        return replace(
            ev, participants=participants, place=None if place in self.removed else place
        )

    def _merge_events(self, by_id: dict[str, Event], overrides: list[Override]) -> None:
        merged: dict[str, str] = {}
        for o in overrides:
            if o.path in self.files or "merge_into" not in o.fields:
                continue
            target = o.fields["merge_into"]
            while target in merged:
                target = merged[target]
            if target == o.id or target not in by_id:
                self._bad(o, f"merge_into: no event {o.fields['merge_into']!r} to merge into")
                continue
            kept, gone = by_id[target], by_id.pop(o.id)
            kept.participants = list(dict.fromkeys(kept.participants + gone.participants))
            kept.sources = sorted(
                set(kept.sources) | set(gone.sources),
                key=lambda s: (s.article, s.paragraph, s.index),
            )
            merged[o.id] = target
            self.redirects[source_of(Urls.event(o.id))] = source_of(Urls.event(target))
            self._record(o, "merged", source_of(Urls.event(target)), f"merged into {target}")

    def _check_links(self) -> None:
        """Every ``[[...]]`` in a body some page shows must name a page (after all stages)."""
        table = link_table(self.entity_list, self.event_list, self.redirects)
        for f in sorted(self.files.values(), key=lambda f: f.path):
            if f.page is None:
                continue
            for target in unknown_links(f.body, table):
                self.problems.append(
                    Problem(self.where(f.path), f"link [[{target}]] names no page of this site")
                )

    # outcome ------------------------------------------------------------------------

    def _record(self, o: Override, status: str, page: str | None, message: str = "") -> None:
        self.files[o.path] = CuratedFile(o.path, status, page, o.body, o.text, message)

    def _bad(self, o: Override, message: str) -> None:
        self.problems.append(Problem(self.where(o.path), message))
        self._record(o, "malformed", None, message)

    def _orphan(self, o: Override, alive: dict[str, Entity] | dict[str, Event]) -> None:
        if o.path in self.files:
            return
        what = "event" if o.section == "events" else "entity"
        pages = {i: source_of(x.url) for i, x in alive.items()}
        # A renamed entity usually keeps a similar id: point the contributor at it.
        near = process.extractOne(o.id, sorted(pages), scorer=fuzz.ratio, score_cutoff=80)
        hint = f"; rename it to {self.where(pages[near[0]])}?" if near else ""
        message = (
            f"no {what} {o.id!r} in this build (renamed, merged or no longer mentioned): "
            f"the file is kept and shown on the curation report{hint}"
        )
        self.problems.append(Problem(self.where(o.path), message))
        self._record(o, "orphan", None, message)

    def report(self) -> CurationReport:
        """Per-file outcome and redirects, for the pages and the report."""
        rules = [self.curation.rules] if self.curation.rules else []
        return CurationReport(
            folder=self.curation.folder,
            files=sorted([*self.files.values(), *rules], key=lambda f: f.path),
            redirects=dict(sorted(self.redirects.items())),
        )


# links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkTarget:
    page: str  # "actors/x.md"
    label: str


def link_table(
    entities: list[Entity], events: list[Event], redirects: dict[str, str] | None = None
) -> dict[str, LinkTarget]:
    """What ``[[...]]`` may name: ids, section/id paths, names, aliases, event titles."""
    table: dict[str, LinkTarget] = {}
    ranked = sorted(entities, key=lambda e: (-len(e.mentions), e.id))
    for e in reversed(ranked):  # most mentioned last: it wins a shared alias
        for alias in e.aliases:
            table[fold(alias)] = LinkTarget(source_of(e.url), alias)
    for e in reversed(ranked):
        table[fold(e.name)] = LinkTarget(source_of(e.url), e.name)
    for ev in sorted(events, key=lambda e: e.id, reverse=True):
        table.setdefault(fold(ev.title), LinkTarget(source_of(ev.url), ev.title))
        table[Urls.event(ev.id).rstrip("/")] = LinkTarget(source_of(ev.url), ev.title)
    for e in ranked:
        target = LinkTarget(source_of(e.url), e.name)
        table[e.id] = table[f"{e.section}/{e.id}"] = target
        table[f"{'places' if e.section == 'actors' else 'actors'}/{e.id}"] = target
    for old, new in (redirects or {}).items():
        key = old.removesuffix(".md")
        found = next((t for t in table.values() if t.page == new), None)
        if found and key not in table:
            table[key] = found
            table.setdefault(key.split("/")[-1], found)
    return table


def _lookup(target: str, table: dict[str, LinkTarget]) -> LinkTarget | None:
    key = target.strip().strip("/").removesuffix(".md")
    return table.get(key) or table.get(fold(key))


def _outside_code(body: str) -> list[tuple[bool, str]]:
    """The body split into (is code, text) runs: links inside code stay as written."""
    out, pos = [], 0
    for match in _FENCE.finditer(body):
        out.append((False, body[pos : match.start()]))
        out.append((True, match.group(0)))
        pos = match.end()
    out.append((False, body[pos:]))
    return out


def unknown_links(body: str, table: dict[str, LinkTarget]) -> list[str]:
    return [
        m.group(1).strip()
        for code, text in _outside_code(body)
        if not code
        for m in WIKILINK.finditer(text)
        if _lookup(m.group(1), table) is None
    ]


def resolve_links(body: str, table: dict[str, LinkTarget], link) -> str:
    """Replace ``[[target|label]]`` by ``link(page, label)``; unknown targets by their text."""

    def one(match: re.Match[str]) -> str:
        found = _lookup(match.group(1), table)
        label = (match.group(2) or (found.label if found else match.group(1))).strip()
        return link(found.page, label) if found else link(None, label)

    return "".join(text if code else WIKILINK.sub(one, text) for code, text in _outside_code(body))
