"""Read a built folder's graph back into rdflib (for validation and small analyses)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from duikou.errors import GraphError

__all__ = ["read_union"]


def read_union(graph_dir: str | Path) -> Graph:
    """The union of all graphs of a built folder, parsed from its ``graph.ttl``."""
    path = Path(graph_dir) / "graph.ttl"
    if not path.is_file():
        raise GraphError(
            f"{graph_dir}: no built graph here (missing graph.ttl); "
            f"run `duikou build --out {graph_dir}` first"
        )
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises several parser exception types
        raise GraphError(f"{path}: not readable Turtle ({exc})") from None
