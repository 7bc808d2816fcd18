"""Mint stable IRIs from content, so the same input always gives the same graph.

Document IRIs come from the SHA-256 of the file's bytes; text units add their
kind and character offsets; places, organisations and persons use a slug of
their normalised name. No counters, clocks or random numbers.

>>> str(span_iri("ab" * 32, "sentence", 10, 42))
'https://w3id.org/duikou/id/doc/abababababababab/sentence/10-42'
"""

from __future__ import annotations

from rdflib import URIRef

from duikou import __version__
from duikou.loaders.text import slugify
from duikou.ontology.namespace import DATA

__all__ = [
    "doc_iri",
    "span_iri",
    "region_iri",
    "organization_iri",
    "person_iri",
    "pairing_iri",
    "run_iri",
    "SOFTWARE",
]

SOFTWARE = DATA["software/duikou"]


def _short(doc_id: str) -> str:
    return doc_id[:16]


def doc_iri(doc_id: str) -> URIRef:
    return DATA[f"doc/{_short(doc_id)}"]


def span_iri(doc_id: str, kind: str, start: int, end: int) -> URIRef:
    return DATA[f"doc/{_short(doc_id)}/{kind}/{start}-{end}"]


def region_iri(name: str) -> URIRef:
    return DATA[f"region/{slugify(name)}"]


def organization_iri(name: str) -> URIRef:
    return DATA[f"org/{slugify(name)}"]


def person_iri(name: str) -> URIRef:
    return DATA[f"person/{slugify(name)}"]


def pairing_iri(doc_id: str, start: int, end: int, donor: str, recipient: str) -> URIRef:
    return DATA[f"pairing/{_short(doc_id)}/{start}-{end}/{slugify(donor)}--{slugify(recipient)}"]


def run_iri(doc_id: str) -> URIRef:
    """One run per document and duikou version; no timestamp, so builds stay reproducible."""
    return DATA[f"run/{_short(doc_id)}/{__version__}"]
