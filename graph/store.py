"""The persistent Oxigraph store that later commands open without re-parsing."""

from __future__ import annotations

import time
from pathlib import Path

import pyoxigraph as ox

from duikou.errors import GraphError

__all__ = ["STORE_DIR", "GraphStore", "load_store", "open_store", "select", "query_rows"]

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


def select(store: ox.Store, query: str) -> list[dict[str, object]]:
    """Run a SELECT over the union of all graphs; rows map variable names to Python values."""
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    rows = []
    for solution in solutions:
        row = {}
        for name in names:
            term = solution[name]
            row[name] = None if term is None else _python(term)
        rows.append(row)
    return rows


def _python(term) -> object:
    if isinstance(term, ox.Literal):
        return _lexical(term.value, term.datatype.value)
    return term.value


def _lexical(value: str, datatype: str) -> object:
    if datatype.endswith(("#integer", "#int", "#long", "#nonNegativeInteger")):
        return int(value)
    return value


def query_rows(graph, query: str) -> list[dict[str, object]]:
    """Rows of a SELECT over a built folder or, given a URL or Endpoint, a remote endpoint."""
    from duikou.graph.endpoint import Endpoint, is_endpoint

    if is_endpoint(graph):
        endpoint = graph if isinstance(graph, Endpoint) else Endpoint(graph)
        columns, rows = endpoint.select(query)
        return [{c: None if row[c] is None else _lexical(*row[c]) for c in columns} for row in rows]
    return select(open_store(graph), query)
