"""rdflib graphs copied into Oxigraph (duikou.queries.to_oxigraph): every term as it was."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from duikou.queries import QueryError, run_text
from duikou.queries.to_oxigraph import to_oxigraph

EX = "http://example.org/"
P = URIRef(EX + "p")


def _quads(store: ox.Store) -> set[str]:
    return {str(q) for q in store}


def test_terms_keep_language_datatype_and_blank_nodes():
    g = rdflib.Graph()
    b = BNode("b1")
    g.add((URIRef(EX + "a"), P, Literal("Lhasa", lang="en")))
    g.add((URIRef(EX + "a"), P, Literal("拉萨", lang="zh-Hans")))
    g.add((URIRef(EX + "a"), P, Literal("1.50", datatype=XSD.decimal)))
    g.add((URIRef(EX + "a"), P, Literal("2015", datatype=XSD.gYear)))
    g.add((URIRef(EX + "a"), P, Literal("plain")))
    g.add((URIRef(EX + "a"), P, b))
    g.add((b, P, Literal("x")))
    assert _quads(to_oxigraph(g)) == {
        f'<{EX}a> <{EX}p> "Lhasa"@en',
        f'<{EX}a> <{EX}p> "拉萨"@zh-hans',
        f'<{EX}a> <{EX}p> "1.5"^^<{XSD}decimal>',  # the store keeps decimals canonical
        f'<{EX}a> <{EX}p> "2015"^^<{XSD}gYear>',
        f'<{EX}a> <{EX}p> "plain"',
        f"<{EX}a> <{EX}p> _:b1",
        f'_:b1 <{EX}p> "x"',
    }


def test_a_dataset_keeps_its_named_graphs_and_default_graph():
    d = rdflib.Dataset()
    d.add((URIRef(EX + "a"), P, Literal("default")))
    d.graph(URIRef(EX + "g1")).add((URIRef(EX + "a"), P, Literal("one")))
    d.graph(BNode("g2")).add((URIRef(EX + "a"), P, Literal("two")))
    store = to_oxigraph(d)
    assert _quads(store) == {
        f'<{EX}a> <{EX}p> "default"',
        f'<{EX}a> <{EX}p> "one" <{EX}g1>',
        f'<{EX}a> <{EX}p> "two" _:g2',
    }
    query = "SELECT ?g ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o"
    assert [r["o"] for r in run_text(query, d)] == ["one", "two"]
    union = "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o"
    assert [r["o"] for r in run_text(union, d)] == ["default", "one", "two"]


def test_rdflib_terms_bound_as_they_are():
    g = rdflib.Graph()
    g.add((URIRef(EX + "a"), P, Literal("x", lang="en")))
    query = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    assert run_text(query, g, s=URIRef(EX + "a")) == [{"s": EX + "a", "o": "x"}]
    assert run_text(query, g, s=URIRef(EX + "b")) == []


def test_what_oxigraph_cannot_hold_is_named():
    g = rdflib.Graph()
    g.add((Literal("subject"), P, Literal("x")))
    with pytest.raises(QueryError, match='engine="rdflib"'):
        run_text("SELECT * WHERE { ?s ?p ?o }", g)
