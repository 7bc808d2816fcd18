"""Run every extractor over a document and collect its facts in one list.

This is the single place that lists the extractors; the graph builder only
sees the facts they return (and finds each fact type's writer in
``duikou.graph.write_facts.WRITERS``).
"""

from __future__ import annotations

from collections.abc import Callable

from duikou.loaders.actors import extract_actors
from duikou.loaders.document import Document
from duikou.loaders.events import extract_events
from duikou.loaders.facts import PairingFact
from duikou.loaders.heading_pairings import pairings_from_headings
from duikou.loaders.indicators import extract_indicators
from duikou.loaders.persons import extract_persons
from duikou.loaders.place_mentions import extract_place_mentions
from duikou.loaders.programs import extract_programs
from duikou.loaders.prose_pairings import pairings_from_prose
from duikou.loaders.text import slugify
from duikou.loaders.transfers import money_facts

__all__ = ["extract_facts", "EXTRACTORS"]

EXTRACTORS: list[Callable[[Document], list]] = [
    pairings_from_headings,
    pairings_from_prose,
    money_facts,
    extract_actors,
    extract_persons,
    extract_programs,
    extract_events,
    extract_indicators,
    extract_place_mentions,
]
"""Each takes a Document and returns a list of fact dataclasses, in document order."""


def extract_facts(doc: Document) -> list:
    """All facts of *doc*: each extractor's facts in turn.

    A pairing that two extractors read from the same sentence is kept once,
    from the first extractor in :data:`EXTRACTORS` (one fact, one rule).
    """
    facts: list = []
    pairs: set[tuple[int, int, str, str]] = set()
    for extractor in EXTRACTORS:
        for fact in extractor(doc):
            if isinstance(fact, PairingFact):
                span = fact.evidence.span
                key = (span.start, span.end, slugify(fact.donor.name), slugify(fact.recipient.name))
                if key in pairs:
                    continue
                pairs.add(key)
            facts.append(fact)
    return facts
