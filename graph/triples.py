"""A plain set of triples with the three graph methods the fact writers use.

The writers only ``add``, ``set`` and look up one ``value``; rdflib's Graph
does the same through a general store with three indexes and context
bookkeeping, which cost more than extraction itself on a large corpus. A
build writes each document into a :class:`Triples` and hands it to the Turtle
writer; tests and notebooks still get an rdflib Graph from
:func:`duikou.graph.pipeline.document_graph`.

>>> from rdflib import Literal, URIRef
>>> t = Triples()
>>> s, p = URIRef("urn:s"), URIRef("urn:p")
>>> t.add((s, p, Literal("a"))).add((s, p, Literal("b")))
<...Triples of 2>
>>> t.set((s, p, Literal("c"))).value(s, p)
rdflib.term.Literal('c')
"""

from __future__ import annotations

from collections.abc import Iterator

__all__ = ["Triples"]


class Triples:
    """Triples indexed by (subject, predicate): the part of rdflib's Graph API writers use."""

    def __init__(self) -> None:
        self._objects: dict[tuple, set] = {}

    def add(self, triple: tuple) -> Triples:
        subject, predicate, obj = triple
        objects = self._objects.get((subject, predicate))
        if objects is None:
            self._objects[(subject, predicate)] = {obj}
        else:
            objects.add(obj)
        return self

    def set(self, triple: tuple) -> Triples:
        """Replace every object of (subject, predicate) by this one, as ``Graph.set`` does."""
        subject, predicate, obj = triple
        self._objects[(subject, predicate)] = {obj}
        return self

    def value(self, subject, predicate, default=None):
        objects = self._objects.get((subject, predicate))
        return next(iter(objects)) if objects else default

    def bind(self, *args, **kwargs) -> None:
        """Prefixes are the Turtle writer's business; accepted and ignored."""

    def __iter__(self) -> Iterator[tuple]:
        for (subject, predicate), objects in self._objects.items():
            for obj in objects:
                yield subject, predicate, obj

    def __len__(self) -> int:
        return sum(len(objects) for objects in self._objects.values())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {len(self)}>"
