"""Run every extractor over a document and collect its facts in one list.

This is the single place that lists the extractors; the graph builder only
sees the facts they return (and finds each fact type's writer in
``duikou.graph.facts_graph.WRITERS``).
"""

from __future__ import annotations

from collections.abc import Callable

from duikou.loaders.document import Document
from duikou.loaders.heading_pairings import pairings_from_headings

__all__ = ["extract_facts", "EXTRACTORS"]

EXTRACTORS: list[Callable[[Document], list]] = [
    pairings_from_headings,
]
"""Each takes a Document and returns a list of fact dataclasses, in document order."""


def extract_facts(doc: Document) -> list:
    """All facts of *doc*: each extractor's facts in turn."""
    facts: list = []
    for extractor in EXTRACTORS:
        facts.extend(extractor(doc))
    return facts
