"""An rdflib graph copied into an in-memory Oxigraph store, so queries on it run fast.

rdflib's own SPARQL engine takes seconds where Oxigraph takes milliseconds on
the named queries (and fails two of them), so :func:`duikou.queries.run` copies
an rdflib ``Graph`` or ``Dataset`` into a ``pyoxigraph.Store`` and queries that.
A ``Dataset`` (or ``ConjunctiveGraph``) keeps its named graphs, its default
graph becomes the store's default graph; a plain ``Graph`` goes into the
default graph. Terms keep what makes them themselves: IRIs, literals with their
lexical form and language tag or datatype, blank nodes with their labels (a
label Oxigraph refuses gets a fresh blank node, the same one each time it
recurs). Copy once with :func:`to_oxigraph` to run many queries on one graph.

>>> from rdflib import BNode, Graph, Literal, URIRef
>>> g = Graph()
>>> _ = g.add((BNode("b1"), URIRef("http://example.org/p"), Literal("Lhasa", lang="en")))
>>> [str(q.object) for q in to_oxigraph(g)]
['"Lhasa"@en']
"""

from __future__ import annotations

__all__ = ["to_oxigraph", "Terms"]


def to_oxigraph(graph):
    """A new in-memory ``pyoxigraph.Store`` holding the quads of the rdflib *graph*.

    Raises ``ValueError`` for a statement Oxigraph cannot hold (a literal as
    subject, a variable as a term), naming it.
    """
    import pyoxigraph as ox
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, ConjunctiveGraph, Dataset

    node, default = Terms(), ox.DefaultGraph()
    if isinstance(graph, ConjunctiveGraph):  # a Dataset is one too
        defaults = {DATASET_DEFAULT_GRAPH_ID}
        if not isinstance(graph, Dataset):
            defaults.add(graph.default_context.identifier)
        statements = graph.quads((None, None, None, None))
    else:
        defaults = set()
        statements = ((s, p, o, None) for s, p, o in graph)
    quads = []
    for s, p, o, context in statements:
        name = getattr(context, "identifier", context)
        try:
            where = default if name is None or name in defaults else node(name)
            quads.append(ox.Quad(node(s), node(p), node(o), where))
        except (TypeError, ValueError) as exc:
            raise ValueError(
                f"cannot copy {s.n3()} {p.n3()} {o.n3()} into Oxigraph: {exc}"
            ) from None
    store = ox.Store()
    store.bulk_extend(quads)
    return store


class Terms:
    """Converts rdflib terms to pyoxigraph terms, the same blank node for the same label.

    >>> from rdflib import Literal, URIRef
    >>> Terms()(Literal("1.50", datatype=URIRef("http://www.w3.org/2001/XMLSchema#decimal")))
    <Literal value=1.50 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#decimal>>
    """

    def __init__(self) -> None:
        import pyoxigraph
        import rdflib

        self._ox, self._rdflib = pyoxigraph, rdflib
        self._named: dict = {}
        self._blank: dict = {}

    def __call__(self, term):
        ox, rdflib = self._ox, self._rdflib
        if isinstance(term, rdflib.URIRef):
            key = str(term)  # a plain str: compared in C, unlike rdflib's terms
            found = self._named.get(key)
            if found is None:
                found = self._named[key] = ox.NamedNode(key)
            return found
        if isinstance(term, rdflib.BNode):
            key = str(term)
            found = self._blank.get(key)
            if found is None:
                try:
                    found = ox.BlankNode(key)
                except ValueError:  # a label Oxigraph does not take: a fresh node
                    found = ox.BlankNode()
                self._blank[key] = found
            return found
        if isinstance(term, rdflib.Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype is not None:
                return ox.Literal(str(term), datatype=self(term.datatype))
            return ox.Literal(str(term))
        raise ValueError(f"Oxigraph cannot hold the term {term!r}")
