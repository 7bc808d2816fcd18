"""Read a built folder's graph back into rdflib (for small analyses and tests)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from duikou.graph.store import open_store

__all__ = ["read_union"]


def read_union(graph_dir: str | Path) -> Graph:
    """The union of all graphs of a built folder, read from its store.

    Raises :class:`~duikou.errors.GraphError` if *graph_dir* holds no built graph.
    """
    store = open_store(graph_dir)
    graph = Graph()
    for name in [ox.DefaultGraph(), *sorted(store.named_graphs(), key=str)]:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=name)
        if data:
            graph.parse(data=data.decode("utf-8"), format="nt")
    return graph
