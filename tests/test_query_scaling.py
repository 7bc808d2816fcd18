"""Every named query costs time linear in the data, not quadratic or worse.

The sample chapter's graph is loaded into an in-memory store (x1) and, next
to it, the same document graph copied four times under other IRIs (x4): every
IRI that belongs to the document (its id is in the IRI) gets a suffix per
copy, while the places, organisations and persons stay shared, as they are
when several chapters name them. So the data really grows fourfold, and each
shared node is described four times over, once per document graph, which is
what made the queries blow up (a join per fact over every copy of a place's
labels, levels and codes). A query that scales linearly takes about four times
as long at x4; one that does not takes 16 times (quadratic) or far more.

The bound is loose (12x, plus a constant for the fixed costs of a small
query), so noise does not fail it, while a quadratic query still does. Times
are the best of three runs. What this cannot see: a cost that grows with the
number of distinct places rather than with the data (the copies share their
places), such as top-recipients comparing each recipient's total with every
other one.
"""

from __future__ import annotations

import re
import time

import pyoxigraph as ox
import pytest

from duikou.queries import describe, query_names, run

from support import union_file

COPIES = 4
FACTOR = 12.0  # linear is ~COPIES; quadratic is ~COPIES**2
SLACK = 0.05  # seconds: parsing, planning and converting rows of a small query
ONTOLOGY = "https://w3id.org/duikou/ontology"
DOCUMENT = re.compile(r"^https://w3id\.org/duikou/id/doc/([0-9a-f]{16})$")


def _copy(term: object, key: str, suffix: str) -> object:
    """*term* with the document key in its IRI suffixed (other terms as they are)."""
    if isinstance(term, ox.NamedNode) and f"/{key}" in term.value:
        return ox.NamedNode(re.sub(f"/{key}(?=/|$)", f"/{key}{suffix}", term.value))
    return term


def _stores(trig: str, copies: int = COPIES) -> tuple[ox.Store, ox.Store]:
    one = ox.Store()
    one.bulk_load(path=trig, format=ox.RdfFormat.TRIG)
    quads = []
    for quad in one:
        graph = quad.graph_name
        match = DOCUMENT.match(graph.value) if isinstance(graph, ox.NamedNode) else None
        if match is None:  # the ontology graph: once
            quads.append(quad)
            continue
        key = match[1]
        for i in range(copies):
            suffix = f"x{i}" if i else ""
            quads.append(
                ox.Quad(
                    _copy(quad.subject, key, suffix),
                    quad.predicate,
                    _copy(quad.object, key, suffix),
                    _copy(graph, key, suffix),
                )
            )
    many = ox.Store()
    many.bulk_extend(quads)
    return one, many


@pytest.fixture(scope="module")
def stores(sample_build):
    one, many = _stores(str(union_file(sample_build, "trig")))
    documents = [g for g in one.named_graphs() if g.value != ONTOLOGY]
    assert len(documents) == 1
    ontology = sum(1 for _ in one.quads_for_pattern(None, None, None, ox.NamedNode(ONTOLOGY)))
    assert len(many) - ontology == COPIES * (len(one) - ontology)
    return one, many


def _params(name: str, store: ox.Store) -> dict:
    """A value for each required parameter (an IRI: the first transfer)."""
    params = {}
    for parameter in describe(name).parameters:
        if parameter.required:
            assert parameter.type == "iri", f"{name}: give a value for {parameter.name}"
            params[parameter.name] = _first_transfer(store)
    return params


def _first_transfer(store: ox.Store) -> str:
    query = (
        "SELECT ?t WHERE { ?t a <https://w3id.org/duikou/ontology#Transfer> } ORDER BY ?t LIMIT 1"
    )
    (solution,) = store.query(query, use_default_graph_as_union=True)
    return solution["t"].value


def _seconds(name: str, store: ox.Store, params: dict) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        run(name, store, timeout=0, **params)
        best = min(best, time.perf_counter() - start)
    return best


@pytest.mark.parametrize("name", query_names())
def test_query_cost_grows_linearly(name, stores):
    one, many = stores
    params = _params(name, one)
    run(name, one, timeout=0, **params)  # warm up (imports, caches)
    small = _seconds(name, one, params)
    large = _seconds(name, many, params)
    assert large < FACTOR * small + SLACK, (
        f"{name}: {large:.3f} s on {COPIES} copies of the sample against {small:.3f} s on one; "
        f"a linear query takes about {COPIES} times as long"
    )


def test_reconcile_reads_a_shared_place_once_not_once_per_document(sample_build):
    # Regression: reconcile joined each transfer with the division codes of its
    # section's heading places as the union of the documents' graphs gives them,
    # once per document naming the place: (documents) x (documents) rows per
    # transfer, which ran x100 out of memory. With 12 copies sharing their places
    # that is 144 times the rows of one copy: far more than linear.
    copies = 12
    one, many = _stores(str(union_file(sample_build, "trig")), copies)
    run("reconcile", one, timeout=0)  # warm up
    small = _seconds("reconcile", one, {})
    large = _seconds("reconcile", many, {})
    assert large < 2 * copies * small + SLACK, (
        f"reconcile: {large:.3f} s on {copies} copies of the sample against {small:.3f} s on one"
    )
