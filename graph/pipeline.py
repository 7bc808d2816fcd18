"""One document through the three stages of a build: extraction, resolution, writing.

:func:`document_graph` is what a build runs on each document (in a worker
process, into a plain :class:`~duikou.graph.triples.Triples`); tests and
notebooks call it with an rdflib ``Graph``. Each stage is timed for
``duikou build --timings``.
"""

from __future__ import annotations

from rdflib import Graph

from duikou.gazetteer.resolve import resolve_places
from duikou.graph.timing import stage
from duikou.graph.write_document import add_document
from duikou.graph.write_facts import WRITERS, place_mentions
from duikou.loaders.document import Document
from duikou.loaders.extract import extract_facts
from duikou.loaders.names import find_names
from duikou.loaders.years import report_year

__all__ = ["document_graph"]


def document_graph(doc: Document, graph: Graph | None = None) -> Graph:
    """The triples of one document: its structure and every fact extracted from it.

    Three stages, each timed: extraction (text -> facts), resolution (the facts'
    places -> official divisions) and graph writing (resolved facts -> triples).
    """
    graph = graph if graph is not None else Graph()
    with stage("extraction"):
        facts = extract_facts(doc)
    with stage("resolution"):
        places = resolve_places(
            doc, place_mentions(facts), year=report_year(doc), find_names=find_names
        )
    with stage("graph writing"):
        add_document(graph, doc)
        for fact in facts:
            writer = WRITERS.get(type(fact))
            if writer is None:  # a new fact type without a writer is a programming error
                raise TypeError(f"no graph writer for {type(fact).__name__}")
            writer(graph, doc, fact, places)
    return graph
