"""Run every extractor over a document and collect its facts in one list.

This is the single place that knows which extractors exist; the graph
builder only sees the facts they return.
"""

from __future__ import annotations

from duikou.loaders.document import Document
from duikou.loaders.facts import PairingFact
from duikou.loaders.heading_pairings import pairings_from_headings

__all__ = ["extract_facts"]


def extract_facts(doc: Document) -> list[PairingFact]:
    """All facts of *doc*, in document order within each extractor."""
    return pairings_from_headings(doc)
