"""The data export: the whole corpus as one JSON document (``data/corpus.json``).

Readers download it; tests read it to see what was extracted. The schema is
documented in the README and on the site's Data page; bump ``SCHEMA_VERSION`` when a
field changes meaning or disappears.
"""

from __future__ import annotations

from typing import Any

import msgspec

from builder import __version__
from builder.model import Article, Corpus, DatedValue, Entity, Event, Quote, Relation
from builder.urls import Urls

SCHEMA_VERSION = 1
_JSON = msgspec.json.Encoder()


def corpus_to_dict(corpus: Corpus) -> dict[str, Any]:
    """Plain, ordered data for ``corpus.json``."""
    return {
        "schema_version": SCHEMA_VERSION,
        "generator": f"news-explorer {__version__}",
        "extractor": corpus.extractor,
        "articles": [_article(a) for a in corpus.articles],
        "entities": [_entity(e) for e in corpus.entities],
        "events": [_event(e) for e in corpus.events],
        "quotes": [_quote(q) for q in corpus.quotes],
        "relations": [_relation(r) for r in corpus.relations],
        "problems": [
            {"source": p.source, "severity": p.severity, "message": p.message}
            for p in corpus.problems
        ],
    }


def corpus_to_json(corpus: Corpus, data: dict[str, Any] | None = None) -> str:
    """Deterministic JSON text: same corpus, same bytes. ``data``: the corpus's
    ``corpus_to_dict``, when the caller has it already.

    One record per line: as easy to grep and diff as an indented file, and written by
    msgspec's encoder (compact, UTF-8 as is), ten times faster than ``json.dumps`` here
    (whose C encoder ``indent`` turns off).
    """
    fields = []
    for key, value in (data or corpus_to_dict(corpus)).items():
        if isinstance(value, list) and value:
            records = b",\n".join(_JSON.encode(v) for v in value)
            fields.append(_JSON.encode(key) + b": [\n" + records + b"\n]")
        else:
            fields.append(_JSON.encode(key) + b": " + _JSON.encode(value))
    return (b"{\n" + b",\n".join(fields) + b"\n}\n").decode()


def _date(value: DatedValue | None) -> dict[str, Any]:
    if value is None:
        return {"date": None, "date_precision": None, "date_evidence": None}
    return {
        "date": value.value,
        "date_precision": value.precision,
        "date_evidence": value.evidence,
    }


def _article(a: Article) -> dict[str, Any]:
    return {
        "id": a.id,
        "title": a.title,
        "outlet": a.outlet,
        "authors": a.authors,
        **_date(a.date),
        "estimated_date": a.estimated_date.value if a.estimated_date else None,
        "estimated_date_evidence": a.estimated_date.evidence if a.estimated_date else None,
        "dateline": a.dateline,
        "url": a.url,
        "source": a.sources[0] if a.sources else None,
        "sources": a.sources,
        "language": a.language,
        "page": Urls.article(a.id),
        "paragraphs": [{"id": p.id, "kind": p.kind, "text": p.text} for p in a.paragraphs],
    }


def _entity(e: Entity) -> dict[str, Any]:
    return {
        "id": e.id,
        "name": e.name,
        "kind": e.kind,
        "aliases": e.aliases,
        "roles": e.roles,
        "lat": e.lat,
        "lon": e.lon,
        "place_type": e.place_type,
        "country": e.country,
        "coordinates_source": e.source,
        "coordinates_approximate_at": e.approximate_at,
        "mentions": len(e.mentions),
        "articles": e.articles,
        "url": e.url,
    }


def _event(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "title": e.title,
        "type": e.type,
        "status": e.status,
        **_date(e.date),
        "date_end": e.date.end if e.date else None,
        "date_basis": e.date_basis,
        "place": e.place,
        "participants": e.participants,
        "sources": [
            {
                "article": s.article,
                "paragraph": s.paragraph,
                "sentence": s.index,
                "url": f"{Urls.article(s.article)}#p{s.paragraph}",
            }
            for s in e.sources
        ],
        "url": e.url,
    }


def _quote(q: Quote) -> dict[str, Any]:
    return {
        "speaker": q.speaker,
        "speaker_name": q.speaker_text or None,
        "text": q.text,
        "article": q.article,
        "paragraph": q.paragraph,
    }


def _relation(r: Relation) -> dict[str, Any]:
    return {
        "source": r.source,
        "target": r.target,
        "type": r.type,
        "weight": r.weight,
        "evidence": [
            {
                "article": e.article,
                "paragraph": e.paragraph,
                "sentence": e.sentence,
                "date": e.date.value if e.date else None,
                "date_precision": e.date.precision if e.date else None,
                "date_source": e.date_source,
            }
            for e in r.evidence
        ],
    }
