"""Counts per class of a built graph, read from its Oxigraph store."""

from __future__ import annotations

from pathlib import Path

from duikou.graph.store import open_store, select
from duikou.queries import query_text

__all__ = ["class_counts"]


def class_counts(graph_dir: str | Path) -> list[tuple[str, int]]:
    """``(class IRI, number of instances)`` for every class used in the data graphs."""
    store = open_store(graph_dir)
    return [(row["class"], row["count"]) for row in select(store, query_text("class-counts"))]
