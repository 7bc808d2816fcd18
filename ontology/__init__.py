"""The duikou ontology (OWL) and its SHACL shapes, shipped as package data."""

from __future__ import annotations

from importlib.resources import files

from rdflib import Graph, URIRef

from duikou.ontology.namespace import DK, DK_IRI

__all__ = ["DK", "DK_IRI", "ONTOLOGY_GRAPH", "ontology_text", "ontology_graph", "shapes_graph"]

ONTOLOGY_GRAPH = URIRef("https://w3id.org/duikou/ontology")
"""Name of the graph that holds the ontology in a built dataset."""


def ontology_text() -> str:
    return files(__name__).joinpath("duikou.ttl").read_text(encoding="utf-8")


def ontology_graph() -> Graph:
    """A fresh rdflib graph of ``duikou.ttl``."""
    return Graph().parse(data=ontology_text(), format="turtle")


def shapes_graph() -> Graph:
    """A fresh rdflib graph of ``shapes.ttl``."""
    text = files(__name__).joinpath("shapes.ttl").read_text(encoding="utf-8")
    return Graph().parse(data=text, format="turtle")
