"""Write link triples (Wikidata) into a built folder, in a named graph of their own, atomically.

The links become one more graph of the folder (:func:`replace_extra_graph`):
the folder is assembled again beside itself and swapped in, so a failure
leaves it as it was, and running the command twice replaces the links
instead of adding duplicates. ``build --update`` keeps them; a clean build
drops them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import OWL

from duikou.errors import GraphError, OutputError
from duikou.graph.output import replace_extra_graph
from duikou.graph.turtle import body
from duikou.ontology.namespace import DATA

__all__ = ["WIKIDATA_GRAPH", "write_wikidata_links", "default_cache"]

WIKIDATA_GRAPH = DATA["graph/wikidata"]


def default_cache() -> Path:
    """Where answers are kept between runs: ``$XDG_CACHE_HOME/duikou`` (``~/.cache/duikou``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "duikou" / "wikidata-p442.json"


def write_wikidata_links(
    graph_dir: str | Path, links: Iterable[tuple[str, str]], *, wait: bool = True, on_wait=None
) -> int:
    """Replace the Wikidata graph of *graph_dir* with ``region owl:sameAs item`` for each
    ``(region IRI, item IRI)`` of *links*; returns the number of links written."""
    triples = [(URIRef(region), OWL.sameAs, URIRef(item)) for region, item in links]
    try:
        replace_extra_graph(
            Path(graph_dir),
            str(WIKIDATA_GRAPH),
            body(triples),
            len(set(triples)),
            wait=wait,
            on_wait=on_wait,
        )
    except OutputError as error:
        raise GraphError(str(error)) from None
    return len(triples)
