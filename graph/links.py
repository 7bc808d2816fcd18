"""Add link triples (Wikidata) to a built folder, in a named graph of their own, atomically.

The folder is copied beside itself, the link graph replaced in the copy's
Oxigraph store, ``graph.trig`` and ``graph.ttl`` written again from the
store, and the copy swapped in: a failure leaves the folder as it was, and
running the command twice replaces the links instead of adding duplicates.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL

from duikou.errors import GraphError
from duikou.graph.dataset import bind_prefixes
from duikou.graph.output import MANIFEST, swap_in
from duikou.graph.store import STORE_DIR, open_store, select
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
    if not (graph_dir / MANIFEST).is_file():
        raise GraphError(f"{graph_dir}: not a folder written by `duikou build`")
    tmp = Path(tempfile.mkdtemp(prefix=f".{graph_dir.name}.tmp-", dir=graph_dir.parent))
    try:
        copy = tmp / "copy"
        shutil.copytree(graph_dir, copy)
        store = ox.Store(str(copy / STORE_DIR))
        graph_name = ox.NamedNode(str(name))
        if store.contains_named_graph(graph_name):
            store.remove_graph(graph_name)
        store.extend(
            ox.Quad(ox.NamedNode(str(s)), ox.NamedNode(str(p)), ox.NamedNode(str(o)), graph_name)
            for s, p, o in triples
        )
        store.flush()
        trig = store.dump(format=ox.RdfFormat.N_QUADS)
        del store
        dataset = bind_prefixes(Dataset())
        dataset.parse(data=trig, format="nquads")
        dataset.serialize(destination=copy / "graph.trig", format="trig")
        union = bind_prefixes(Graph())
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        union.serialize(destination=copy / "graph.ttl", format="turtle")
        manifest = json.loads((copy / MANIFEST).read_text(encoding="utf-8"))
        manifest.setdefault("links", {})[str(name)] = len(triples)
        (copy / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        swap_in(copy, graph_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
