"""Assemble documents and their facts into one RDF dataset.

Each document gets its own named graph (named by the document IRI), so a
document can later be replaced or dropped without touching the others; the
ontology sits in a graph of its own.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Graph
from rdflib.compare import to_canonical_graph

from duikou.graph.document_graph import add_document
from duikou.graph.facts_graph import WRITERS
from duikou.graph.iris import doc_iri
from duikou.graph.more_facts_graph import MORE_WRITERS
from duikou.graph.timing import stage
from duikou.loaders.document import Document
from duikou.loaders.extract import extract_facts
from duikou.ontology import ONTOLOGY_GRAPH, ontology_graph
from duikou.ontology.namespace import PREFIXES

__all__ = ["document_graph", "new_dataset", "add_to_dataset", "build_dataset", "bind_prefixes"]


def bind_prefixes(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, replace=True)
    return graph


def document_graph(doc: Document, graph: Graph | None = None) -> Graph:
    """The triples of one document: its structure and every fact extracted from it."""
    graph = graph if graph is not None else Graph()
    with stage("extraction"):
        facts = extract_facts(doc)
    with stage("graph writing"):
        add_document(graph, doc)
        for fact in facts:
            writer = WRITERS.get(type(fact)) or MORE_WRITERS.get(type(fact))
            if writer is None:  # a new fact type without a writer is a programming error
                raise TypeError(f"no graph writer for {type(fact).__name__}")
            writer(graph, doc, fact)
    return graph


def new_dataset(*, with_ontology: bool = True) -> Dataset:
    """An empty dataset with the usual prefixes and, by default, the ontology's graph."""
    dataset = bind_prefixes(Dataset())
    if with_ontology:
        ontology = dataset.graph(ONTOLOGY_GRAPH)
        # Canonical blank-node labels (owl:unionOf lists): same build, same bytes.
        for triple in to_canonical_graph(ontology_graph()):
            ontology.add(triple)
    return dataset


def add_to_dataset(dataset: Dataset, doc: Document) -> Graph:
    """Write *doc* into its own named graph of *dataset* and return that graph."""
    return document_graph(doc, dataset.graph(doc_iri(doc.id)))


def build_dataset(docs: Iterable[Document], *, with_ontology: bool = True) -> Dataset:
    """A dataset with one named graph per document (plus the ontology's)."""
    dataset = new_dataset(with_ontology=with_ontology)
    for doc in docs:
        add_to_dataset(dataset, doc)
    return dataset
