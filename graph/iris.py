"""Mint stable IRIs from content, so the same input always gives the same graph.

Document IRIs come from the SHA-256 of the file's bytes; text units add their
kind and character offsets; places, organisations and persons use a slug of
their normalised name. No counters, clocks or random numbers.

>>> str(span_iri("ab" * 32, "sentence", 10, 42))
'https://w3id.org/duikou/id/doc/abababababababab/sentence/10-42'
"""

from __future__ import annotations

from rdflib import URIRef

from duikou.loaders.text import slugify
from duikou.ontology.namespace import DATA
from duikou.version import __version__

__all__ = [
    "doc_iri",
    "span_iri",
    "region_iri",
    "organization_iri",
    "person_iri",
    "pairing_iri",
    "fact_iri",
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


def fact_iri(kind: str, doc_id: str, start: int, end: int, *parts: str | int) -> URIRef:
    """IRI of a fact of *kind* read at ``[start, end)``, told apart from others there by *parts*.

    >>> str(fact_iri("transfer", "ab" * 32, 5, 90, 17, "Beijing"))
    'https://w3id.org/duikou/id/transfer/abababababababab/5-90/17/beijing'
    """
    tail = "".join(f"/{p}" if isinstance(p, int) else f"/{slugify(p)}" for p in parts)
    return DATA[f"{kind}/{_short(doc_id)}/{start}-{end}{tail}"]


def run_iri(doc_id: str) -> URIRef:
    """One run per document and duikou version; no timestamp, so builds stay reproducible."""
    return DATA[f"run/{_short(doc_id)}/{__version__}"]
