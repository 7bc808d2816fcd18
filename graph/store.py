"""The persistent Oxigraph store of a built folder: made by a build, opened by readers.

A build fills it one document graph at a time (:class:`GraphStore`); every
reader opens it read-only with :func:`open_store` (the one thing
``duikou.queries`` takes from ``duikou.graph``) and queries it through
:mod:`duikou.queries.runner`, which bounds every query in time.
"""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from duikou.errors import GraphError

__all__ = ["STORE_DIR", "GraphStore", "load_store", "open_store"]

STORE_DIR = "store"


def load_store(store_path: Path, trig_path: Path) -> None:
    """Create an Oxigraph store at *store_path* holding the quads of *trig_path*."""
    store = ox.Store(str(store_path))
    store.bulk_load(path=str(trig_path), format=ox.RdfFormat.TRIG)
    store.flush()
    del store


class GraphStore:
    """A new Oxigraph store filled one named graph at a time, timing itself.

    A build adds each document's graph as soon as a worker returns it, so the
    loading overlaps the extraction of the next documents, and memory holds
    one graph's worth of buffers, not the corpus.
    """

    def __init__(self, path: Path):
        self._store = ox.Store(str(path))
        self.seconds = 0.0

    def add(self, graph_iri, turtle: bytes) -> None:
        """Load one graph written as Turtle (with its own ``@base`` and prefixes)."""
        started = time.perf_counter()
        graph = ox.NamedNode(str(graph_iri))
        self._store.bulk_load(turtle, format=ox.RdfFormat.TURTLE, to_graph=graph)
        self.seconds += time.perf_counter() - started

    def close(self) -> float:
        """Flush and compact the store; returns the seconds spent loading it."""
        started = time.perf_counter()
        self._store.flush()
        self._store.optimize()
        del self._store
        return self.seconds + time.perf_counter() - started


def open_store(graph_dir: str | Path) -> ox.Store:
    """Open the store of a built folder read-only (so a running build cannot be disturbed)."""
    path = Path(graph_dir) / STORE_DIR
    if not path.is_dir():
        raise GraphError(
            f"{graph_dir}: no built graph here (missing {STORE_DIR}/); "
            f"run `duikou build --out {graph_dir}` first"
        )
    try:
        return ox.Store.read_only(str(path))
    except OSError as exc:
        raise GraphError(f"{path}: cannot open the Oxigraph store ({exc})") from None
