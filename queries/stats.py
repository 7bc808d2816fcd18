"""Counts per class of a built graph (``duikou stats``)."""

from __future__ import annotations

from duikou.queries.runner import run

__all__ = ["class_counts"]


def class_counts(graph, *, timeout: float | None = None) -> list[tuple[str, int]]:
    """``(class IRI, number of instances)`` for every class used in the data graphs of *graph*
    (a built folder, a store, an rdflib graph or an endpoint)."""
    return [(row["class"], row["count"]) for row in run("class-counts", graph, timeout=timeout)]
