"""A small, fast, deterministic Turtle/TriG writer for duikou's graphs.

rdflib's pretty serialiser spent a second on one chapter and orders its
output by hash; this writer sorts subjects, predicates and objects, groups
the triples of a subject, abbreviates with duikou's prefixes (and the data
namespace as ``@base``), and does nothing else. So the same triples give the
same bytes in any process, and the text of each document's graph can be
written once and concatenated: the TriG ``duikou export rdf`` writes is the
ontology's block plus one block per document, each block written by
:func:`body` (:mod:`duikou.graph.union`).

>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import RDF
>>> dk = "https://w3id.org/duikou/ontology#"
>>> region = URIRef("https://w3id.org/duikou/id/region/150400")
>>> print(body([(region, RDF.type, URIRef(dk + "Region")),
...             (region, URIRef(dk + "divisionCode"), Literal("150400"))]), end="")
<region/150400> a dk:Region ;
    dk:divisionCode "150400" .
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, XSD

from duikou.ontology.namespace import DATA, PREFIXES

__all__ = [
    "header",
    "body",
    "statements",
    "body_of_statements",
    "trig_block",
    "trig_block_start",
    "BASE",
]

BASE = str(DATA)
"""Data IRIs are written relative to this base: ``<region/150400>``."""

_ALL_PREFIXES = {**PREFIXES, "rdf": str(RDF), "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
_ALL_PREFIXES.update(
    {"xsd": str(XSD), "owl": "http://www.w3.org/2002/07/owl#", "sh": "http://www.w3.org/ns/shacl#"}
)
_ALL_PREFIXES.pop("id", None)  # the data namespace is the @base instead
_BY_LENGTH = sorted(_ALL_PREFIXES.items(), key=lambda item: -len(item[1]))
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
_IRI_ESCAPE = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_STRING_ESCAPE = re.compile(r'[\\"\n\r\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f]')
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_RELATIVE = re.compile(r"[A-Za-z0-9_-][^:?#]*\Z")  # a path that cannot read as a scheme
_INTEGER = re.compile(r"-?(0|[1-9][0-9]*)\Z")
_BNODE_LABEL = re.compile(r"[^A-Za-z0-9_]")
# Looked up once: an attribute of rdflib's namespaces costs a closed-namespace check on
# every use, and the writer compares each triple's predicate and literal with these.
_RDF_TYPE = RDF.type
_XSD_INTEGER = XSD.integer
_XSD_STRING = XSD.string


def header() -> str:
    """The ``@base`` and ``@prefix`` lines every duikou Turtle or TriG file starts with."""
    lines = [f"@base <{BASE}> ."]
    lines += [f"@prefix {p}: <{ns}> ." for p, ns in sorted(_ALL_PREFIXES.items())]
    return "\n".join(lines) + "\n\n"


def body(triples: Iterable[tuple], indent: str = "") -> str:
    """The triples as Turtle statements, one block per subject, in sorted order."""
    by_subject: dict = {}
    term, predicate_of = _term, _predicate
    for s, p, o in triples:
        by_subject.setdefault(term(s), {}).setdefault(predicate_of(p), set()).add(term(o))
    out: list[str] = []
    joint = f" ;\n{indent}    "
    for subject in sorted(by_subject):
        predicates = by_subject[subject]
        parts = [
            f"{predicate} {', '.join(sorted(predicates[predicate]))}"
            for predicate in sorted(predicates, key=_predicate_order)
        ]
        out.append(f"{indent}{subject} {joint.join(parts)} .\n")
    return "".join(out)


def statements(triples: Iterable[tuple]) -> list[str]:
    r"""The triples as sorted lines ``subject TAB predicate TAB object`` (without repeats),
    in the order :func:`body` writes them; :func:`body_of_statements` makes them Turtle.

    Sorted lists of several parts of a graph merge (``heapq.merge``) into the sorted
    lines of the whole: a long document is written a few sections at a time. A written
    term holds no character below a space (those are escaped), so comparing lines
    compares subject, then predicate, then object. The predicate starts with ``0`` for
    ``a``, which comes first, and ``1`` for any other.

    >>> from rdflib import Literal, URIRef
    >>> from rdflib.namespace import RDF, RDFS
    >>> node = URIRef("https://w3id.org/duikou/id/region/150400")
    >>> lines = statements([(node, RDFS.label, Literal("Chifeng")), (node, RDF.type, RDFS.Class)])
    >>> lines
    ['<region/150400>\t0a\trdfs:Class', '<region/150400>\t1rdfs:label\t"Chifeng"']
    >>> "".join(body_of_statements(lines)) == body([(node, RDFS.label, Literal("Chifeng")),
    ...                                              (node, RDF.type, RDFS.Class)])
    True
    """
    lines = set()
    for s, p, o in triples:
        predicate = _predicate(p)
        order = "0" if predicate == "a" else "1"
        lines.add(f"{_term(s)}\t{order}{predicate}\t{_term(o)}")
    return sorted(lines)


def body_of_statements(lines: Iterable[str], indent: str = "") -> Iterator[str]:
    """:func:`body` of sorted :func:`statements` lines, one subject's block at a time
    (a line repeated, as two merged parts may have it, is written once)."""
    subject = None
    parts: list[str] = []
    predicate, objects = None, []
    joint = f" ;\n{indent}    "
    previous = None
    for line in lines:
        if line == previous:
            continue
        previous = line
        s, p, o = line.split("\t")
        if s != subject or p[1:] != predicate:
            if predicate is not None:
                parts.append(f"{predicate} {', '.join(objects)}")
            if s != subject:
                if subject is not None:
                    yield f"{indent}{subject} {joint.join(parts)} .\n"
                subject, parts = s, []
            predicate, objects = p[1:], []
        objects.append(o)
    if predicate is not None:
        parts.append(f"{predicate} {', '.join(objects)}")
        yield f"{indent}{subject} {joint.join(parts)} .\n"


def trig_block(graph_iri: URIRef, triples: Iterable[tuple]) -> str:
    """One named graph as a TriG block: ``<doc/…> { … }``."""
    return f"{_term(graph_iri)} {{\n{body(triples, indent='    ')}}}\n\n"


def trig_block_start(graph_iri: URIRef) -> bytes:
    """The opening line of a named graph's block; the block ends with ``}``."""
    return f"{_term(graph_iri)} {{\n".encode()


def _predicate_order(text: str) -> tuple[int, str]:
    return (0 if text == "a" else 1, text)


def _predicate(term) -> str:
    return "a" if term == _RDF_TYPE else _term(term)


def _term(term) -> str:
    kind = type(term)
    if kind is URIRef:  # most terms: no isinstance chain
        return _iri(str(term))
    if kind is Literal:
        return _literal(term)
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        return _literal(term)
    if isinstance(term, BNode):
        return "_:" + _BNODE_LABEL.sub("_", str(term))
    raise TypeError(f"cannot write {term!r} as Turtle")


@lru_cache(maxsize=1 << 16)  # the same IRIs recur thousands of times in a chapter
def _iri(iri: str) -> str:
    rest = iri[len(BASE) :] if iri.startswith(BASE) else ""
    if _RELATIVE.match(rest) and not _IRI_ESCAPE.search(rest):
        return f"<{rest}>"
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and _LOCAL.match(iri, len(namespace)):
            return f"{prefix}:{iri[len(namespace) :]}"
    return "<" + _IRI_ESCAPE.sub(lambda m: f"\\u{ord(m.group()):04X}", iri) + ">"


def _literal(term: Literal) -> str:
    datatype = term.datatype
    if datatype == _XSD_INTEGER and _INTEGER.match(term):
        return str(term)  # canonical integers are written bare: oa:start 102827
    text = str(term)
    if _STRING_ESCAPE.search(text):
        text = _STRING_ESCAPE.sub(_escape_char, text)
    text = f'"{text}"'
    if term.language:
        return f"{text}@{term.language}"
    if datatype is not None and datatype != _XSD_STRING:
        return f"{text}^^{_iri(str(datatype))}"
    return text


def _escape_char(match: re.Match) -> str:
    char = match.group()
    return _STRING_ESCAPES.get(char) or f"\\u{ord(char):04X}"
