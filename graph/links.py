"""Add link triples (Wikidata) to a built folder, in a named graph of their own, atomically.

The links become one more graph of the folder (:func:`replace_extra_graph`):
the folder is assembled again beside itself and swapped in, so a failure
leaves it as it was, and running the command twice replaces the links
instead of adding duplicates. ``build --update`` keeps them; a clean build
drops them.
"""

from __future__ import annotations

import os
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import OWL

from duikou.errors import GraphError, OutputError
from duikou.graph.output import replace_extra_graph
from duikou.graph.store import open_store, select
from duikou.graph.turtle import body
from duikou.graph.wikidata import WIKIDATA_ENDPOINT, lookup_codes
from duikou.ontology.namespace import DATA

__all__ = ["WIKIDATA_GRAPH", "link_wikidata", "default_cache"]

WIKIDATA_GRAPH = DATA["graph/wikidata"]
_CODES = """PREFIX dk: <https://w3id.org/duikou/ontology#>
SELECT DISTINCT ?region ?code WHERE { ?region dk:divisionCode ?code } ORDER BY ?code"""


def default_cache() -> Path:
    """Where answers are kept between runs: ``$XDG_CACHE_HOME/duikou`` (``~/.cache/duikou``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "duikou" / "wikidata-p442.json"


def link_wikidata(
    graph_dir: str | Path, *, endpoint: str = WIKIDATA_ENDPOINT, cache: Path | None = None
) -> int:
    """Look up every division code of *graph_dir* on *endpoint*; write ``owl:sameAs`` links.

    Returns the number of regions linked. Raises :class:`~duikou.graph.wikidata.EndpointError`
    before touching the folder when the endpoint cannot be reached.
    """
    graph_dir = Path(graph_dir)
    rows = select(open_store(graph_dir), _CODES)
    links = lookup_codes((r["code"] for r in rows), endpoint=endpoint, cache=cache)
    triples = [
        (URIRef(r["region"]), OWL.sameAs, URIRef(links[r["code"]]))
        for r in rows
        if links.get(r["code"])
    ]
    _replace_graph(graph_dir, WIKIDATA_GRAPH, triples)
    return len(triples)


def _replace_graph(graph_dir: Path, name: URIRef, triples) -> None:
    try:
        replace_extra_graph(graph_dir, str(name), body(triples), len(set(triples)))
    except OutputError as error:
        raise GraphError(str(error)) from None
