"""The measured work, each run in a fresh process so its memory is its own.

``python -m benchmarks.tasks TASK ARGS…`` prints one JSON object:

- ``build CORPUS OUT JOBS``: :func:`duikou.api.build`, with its stage timings;
- ``queries OUT``: every named query on the folder's Oxigraph store, timed;
- ``rdflib TRIG``: a folder's TriG (``duikou export rdf``) parsed into an rdflib
  Dataset, then every named query on it, timed (the in-memory store, for comparison);
- ``oxigraph TRIG``: the same TriG in an in-memory Oxigraph store;
- ``analyze OUT``: the pairing network and its analyses (``duikou analyze``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

__all__ = ["main"]

QUERY_LIMIT = 30.0
"""Seconds a named query may take on the built store before it is recorded as too slow."""
COMPARE_LIMIT = 10.0
"""The same for the in-memory comparison, where rdflib's engine is far slower."""


def build(corpus: str, out: str, jobs: str) -> dict:
    from duikou.api import build as build_graph

    result = build_graph([corpus], out, jobs=int(jobs), progress=False)
    return {
        "seconds": result.seconds,
        "stages": result.stages,
        "bytes_in": result.bytes_in,
        "quads": result.quads,
        "documents": len(result.documents),
    }


def queries(out: str) -> dict:
    from duikou.graph.store import open_store

    store = open_store(out)
    return {"queries": _time_queries(store, QUERY_LIMIT)}


def rdflib(trig: str) -> dict:
    from rdflib import Dataset

    started = time.perf_counter()
    dataset = Dataset(default_union=True)
    dataset.parse(Path(trig), format="trig")
    load = time.perf_counter() - started
    queries = _time_queries(dataset, COMPARE_LIMIT)
    return {"load_seconds": load, "quads": len(dataset), "queries": queries}


def oxigraph(trig: str) -> dict:
    """Load the TriG *trig* into an in-memory Oxigraph store: the same work as :func:`rdflib`."""
    import pyoxigraph as ox

    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    load = time.perf_counter() - started
    queries = _time_queries(store, COMPARE_LIMIT)
    return {"load_seconds": load, "quads": len(store), "queries": queries}


def analyze(out: str) -> dict:
    from duikou.queries.network import analyze as analyze_network
    from duikou.queries.network import pairing_network

    started = time.perf_counter()
    network = pairing_network(out)
    report = analyze_network(network)
    return {
        "seconds": time.perf_counter() - started,
        "nodes": network.number_of_nodes(),
        "edges": network.number_of_edges(),
        "sections": sorted(report),
    }


def _time_queries(graph, limit: float) -> dict:
    """Seconds per named query (required parameters get a value found in the graph).

    A query over *limit* seconds is recorded as ``{"over": limit}``.
    """
    from duikou.queries import QueryTimeout, describe, query_names, run

    values = _sample_values(graph)
    timings = {}
    for name in query_names():
        params = {}
        for parameter in describe(name).parameters:
            if parameter.required:
                params[parameter.name] = values.get(parameter.type, "")
        started = time.perf_counter()
        try:
            rows = run(name, graph, timeout=limit, **params)
        except QueryTimeout:
            timings[name] = {"over": limit}
            continue
        except Exception as exc:  # a query that one engine cannot run is a finding
            timings[name] = {"error": str(exc).splitlines()[0][:160]}
            continue
        timings[name] = {"seconds": time.perf_counter() - started, "rows": len(rows)}
    return timings


def _sample_values(graph) -> dict:
    from duikou.queries import run_text

    rows = run_text(
        "PREFIX dk: <https://w3id.org/duikou/ontology#> "
        "SELECT ?fact WHERE { ?fact a dk:Transfer } LIMIT 1",
        graph,
    )
    return {"iri": rows[0]["fact"] if rows else "https://w3id.org/duikou/id/none"}


TASKS = {"build": build, "queries": queries, "rdflib": rdflib, "oxigraph": oxigraph}
TASKS["analyze"] = analyze


def main(argv: list[str]) -> int:
    task, *args = argv
    print(json.dumps(TASKS[task](*args)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
