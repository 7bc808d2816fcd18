"""The vocabularies the graph writers use, with each term made once.

rdflib makes a new ``URIRef`` on every attribute access of a namespace
(``RDF.type``, ``SCHEMA.name``), checking a ``DefinedNamespace``'s declared
names each time; the writers ask for terms some 80,000 times per chapter. A
:class:`Terms` asks rdflib once per name and keeps the answer, so a misspelt
term still fails as rdflib fails, on first use.

>>> RDF.type is RDF.type, str(RDF.type)
(True, 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type')
>>> RDF.typo
Traceback (most recent call last):
...
AttributeError: term 'typo' not in namespace 'http://www.w3.org/1999/02/22-rdf-syntax-ns#'
"""

from __future__ import annotations

from rdflib import RDF as _RDF
from rdflib import RDFS as _RDFS
from rdflib.namespace import DCTERMS as _DCTERMS
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import SKOS as _SKOS
from rdflib.namespace import XSD as _XSD

from duikou.ontology import namespace as _ours

__all__ = ["Terms", "RDF", "RDFS", "XSD", "DCTERMS", "PROV", "SKOS", "ORG", "SCHEMA", "OA", "GEO"]


class Terms:
    """*namespace*'s terms by attribute, each looked up in rdflib once."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # later lookups find a plain attribute
        return term


RDF = Terms(_RDF)
RDFS = Terms(_RDFS)
XSD = Terms(_XSD)
DCTERMS = Terms(_DCTERMS)
PROV = Terms(_PROV)
SKOS = Terms(_SKOS)
ORG = Terms(_ours.ORG)
SCHEMA = Terms(_ours.SCHEMA)
OA = Terms(_ours.OA)
GEO = Terms(_ours.GEO)
