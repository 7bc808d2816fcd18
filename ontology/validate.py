"""Check a graph against the SHACL shapes (the contract of the graph).

pySHACL gets the ontology as ``ont_graph`` so the subclass axioms are there
when shapes target a class, and results come back as plain dicts that the CLI
prints one per line.

The shapes use SHACL Core only (a span's start before its end is
``sh:lessThanOrEquals``, not a SPARQL query per span), so pySHACL runs without
its advanced features and runs no SPARQL today. Should a SPARQL-based
constraint come back, the data graph is already a :class:`_PreparedGraph`,
which prepares each distinct query text once (pySHACL hands rdflib the same
text once per focus node, and parsing it anew each time was once two thirds of
``duikou validate``). pySHACL's constraint parameters are looked up by hash
(:class:`_ParameterList`). The ontology and shapes are parsed once per
process, and :func:`read_turtle` parses Turtle with Oxigraph's parser (three
times faster than rdflib's on a built folder's union) straight into that graph.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import lru_cache

import pyoxigraph as ox
import pyshacl
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery

from duikou.ontology import ontology_graph, shapes_graph
from duikou.ontology.namespace import compact

__all__ = ["ValidationResult", "read_turtle", "validate_graph"]


@dataclass
class ValidationResult:
    conforms: bool
    violations: list[dict[str, str]] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One readable line per violation: severity, focus node, path, message."""
        return [
            f"{v['severity']}: {v['focus']} {v['path']}: {v['message']}".replace("  ", " ")
            for v in self.violations
        ]


class _PreparedGraph(Graph):
    """An rdflib graph that parses and translates each distinct SPARQL text once.

    Only plain-text queries without ``initNs`` are cached (pySHACL's case): the
    prefixes then come from the graph's namespaces, fixed while it is validated.
    """

    def __init__(self):
        super().__init__()
        self._prepared: dict[tuple[str, str | None], object] = {}

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # fmt: skip  # noqa: N803
        if isinstance(query_object, str) and initNs is None and processor == "sparql":
            base = kwargs.get("base")
            key = (query_object, base)
            if key not in self._prepared:
                namespaces = dict(self.namespaces())
                self._prepared[key] = prepareQuery(query_object, initNs=namespaces, base=base)
            query_object = self._prepared[key]
        return super().query(
            query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs
        )


class _ParameterList(list):
    """pySHACL's list of constraint parameters, with membership by hash.

    For every shape and focus node pySHACL asks ``p in CONSTRAINT_PARAMETERS``
    of each predicate of the shape, a linear scan with rdflib's ``__eq__``:
    3.7 million comparisons, a sixth of ``duikou validate`` on the bundled
    chapter. pySHACL caches that list as ``pyshacl.shape.CONSTRAINT_PARAMS``
    the first time it needs it; :func:`_fast_parameter_lookup` puts this list
    there first. The same items in the same order, so the same constraints run;
    only ``in`` is faster. If pySHACL changes how it keeps them, nothing is
    patched and validation is just slower.
    """

    def __init__(self, items):
        super().__init__(items)
        self._set = frozenset(items)

    def __contains__(self, item) -> bool:
        return item in self._set


@lru_cache(maxsize=1)
def _fast_parameter_lookup() -> None:
    import pyshacl.shape as shape_module

    try:
        from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
    except ImportError:
        return
    if getattr(shape_module, "CONSTRAINT_PARAMS", None) is None and isinstance(
        ALL_CONSTRAINT_PARAMETERS, list
    ):
        fast = _ParameterList(ALL_CONSTRAINT_PARAMETERS)
        shape_module.CONSTRAINT_PARAMS = (fast, CONSTRAINT_PARAMETERS_MAP)


@lru_cache(maxsize=1)
def _shapes() -> Graph:
    return shapes_graph()


@lru_cache(maxsize=1)
def _ontology() -> Graph:
    return ontology_graph()


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value, datatype=None if datatype == _XSD_STRING else URIRef(datatype))


def read_turtle(source) -> Graph:
    """The triples of the Turtle in *source* (a file name or a binary file object, such as
    :func:`duikou.api.open_rdf` gives) as an rdflib graph ready for :func:`validate_graph`.

    Raises ``SyntaxError`` (Oxigraph's) on a file that is not Turtle, ``OSError``
    on one that cannot be read.
    """
    graph = _PreparedGraph()
    terms: dict = {}

    def term(node):
        found = terms.get(node)
        if found is None:
            found = terms[node] = _rdflib_term(node)
        return found

    if isinstance(source, (str, os.PathLike)):
        quads = ox.parse(path=str(source), format=ox.RdfFormat.TURTLE)
    else:
        quads = ox.parse(source, format=ox.RdfFormat.TURTLE)
    for quad in quads:
        graph.add((term(quad.subject), term(quad.predicate), term(quad.object)))
    return graph


def validate_graph(data: Graph) -> ValidationResult:
    """Validate *data* with ``ontology/shapes.ttl``; never raises on a non-conforming graph.

    A graph from :func:`read_turtle` is validated as it is (the ontology is mixed
    into it); any other is copied first, and stays unchanged.

    >>> validate_graph(Graph()).conforms
    True
    """
    if isinstance(data, _PreparedGraph):
        target = data
    else:
        target = _PreparedGraph()
        for prefix, namespace in data.namespaces():
            target.bind(prefix, namespace, override=True)
        target += data
    _fast_parameter_lookup()
    conforms, report, _ = pyshacl.validate(
        target,
        shacl_graph=_shapes(),
        ont_graph=_ontology(),
        inference="none",
        advanced=False,
        allow_warnings=True,
        inplace=True,
    )
    violations = []
    for result in report.subjects(SH.resultSeverity, None):
        severity = report.value(result, SH.resultSeverity)
        violations.append(
            {
                "severity": severity.split("#")[-1] if severity else "Violation",
                "focus": _short(report.value(result, SH.focusNode)),
                "path": _short(report.value(result, SH.resultPath)),
                "message": str(report.value(result, SH.resultMessage) or ""),
            }
        )
    violations.sort(key=lambda v: (v["focus"], v["path"], v["message"]))
    return ValidationResult(conforms=bool(conforms), violations=violations)


def _short(term) -> str:
    return "" if term is None else compact(str(term))
