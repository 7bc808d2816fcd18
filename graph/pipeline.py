"""One document through the three stages of a build: extraction, resolution, writing.

:func:`document_graph` is what a build runs on each document (in a worker
process, into a plain :class:`~duikou.graph.triples.Triples`); tests and
notebooks call it with an rdflib ``Graph``. Each stage is timed for
``duikou build --timings``.

A long document (a whole yearbook in one file) goes through the same stages a
few sections at a time (:func:`document_parts`): the tokens, names and facts
of one part are dropped before the next is read, so memory follows the part,
not the document. What a part needs of the rest is read from the whole
document once: the year it reports on, the pairings its headings name, and
the places resolved so far (one resolver serves every part). Restatements of a
flow and a section's total (:mod:`duikou.loaders.flows`) are found within a
part, which ends where a chapter does when it can.
"""

from __future__ import annotations

from collections.abc import Iterator

from rdflib import Graph

from duikou.gazetteer.resolve import PlaceResolver, resolve_places
from duikou.graph.timing import stage
from duikou.graph.triples import Triples
from duikou.graph.write_document import add_document, add_document_node, add_sections
from duikou.graph.write_facts import WRITERS, place_mentions
from duikou.loaders.document import Document
from duikou.loaders.extract import extract_facts
from duikou.loaders.names import find_names
from duikou.loaders.transfers import heading_partners
from duikou.loaders.years import report_year

__all__ = ["document_graph", "document_parts", "in_parts", "PART_CHARS"]

PART_CHARS = 1 << 18
"""Characters of text (about 256 KB) a build reads at a time in a longer document."""


def document_graph(doc: Document, graph: Graph | None = None) -> Graph:
    """The triples of one document: its structure and every fact extracted from it.

    Three stages, each timed: extraction (text -> facts), resolution (the facts'
    places -> official divisions) and graph writing (resolved facts -> triples).
    """
    graph = graph if graph is not None else Graph()
    with stage("extraction"):
        facts = extract_facts(doc)
    with stage("resolution"):
        places = resolve_places(
            doc, place_mentions(facts), year=report_year(doc), find_names=find_names
        )
    with stage("graph writing"):
        add_document(graph, doc)
        _write_facts(graph, doc, facts, places)
    return graph


def document_parts(doc: Document, part_chars: int | None = None) -> Iterator[Triples]:
    """The triples of *doc* in parts, each of whole sections and about *part_chars*
    characters (default :data:`PART_CHARS`; the first part also holds the document's
    own triples).

    A triple may come in more than one part (a region named in several); a
    document shorter than *part_chars* is one part, :func:`document_graph`.
    """
    part_chars = part_chars or PART_CHARS
    if not in_parts(doc, part_chars):
        yield document_graph(doc, Triples())
        return
    year = report_year(doc)
    shared = {"report-year": year, "heading-partners": heading_partners(doc)}
    resolver = PlaceResolver(doc, year=year, find_names=find_names)
    first = True
    for start, stop in _parts(doc, part_chars):
        part = Document(
            id=doc.id,
            title=doc.title,
            source=doc.source,
            text=doc.text,
            sections=doc.sections[start:stop],
            title_span=doc.title_span,
            trailer=doc.trailer,
        )
        part.memo.update(shared)  # read from the whole document once
        graph = Triples()
        with stage("extraction"):
            facts = extract_facts(part)
        with stage("resolution"):
            mentions = place_mentions(facts)
            places = resolve_places(
                doc, mentions, year=year, find_names=find_names, resolver=resolver
            )
            resolver.forget_paragraphs()
        with stage("graph writing"):
            if first:
                add_document_node(graph, doc)
                first = False
            add_sections(graph, doc, start, stop)
            _write_facts(graph, doc, facts, places)
        del facts, places, part
        yield graph


def in_parts(doc: Document, part_chars: int | None = None) -> bool:
    """Whether :func:`document_parts` gives *doc* in more than one part."""
    return len(doc.text) > (part_chars or PART_CHARS) and len(doc.sections) > 1


def _parts(doc: Document, part_chars: int) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` of consecutive runs of whole sections, of at least *part_chars*
    characters each (the last aside). A part ends before an overview section (a new
    chapter's own opening) where it can, so that a chapter's restatements and totals
    are read with its sections; it ends anyway at four times *part_chars*."""
    start, size = 0, 0
    for index, section in enumerate(doc.sections):
        opens_chapter = section.kind == "overview"
        if index > start and size >= part_chars and (opens_chapter or size >= 4 * part_chars):
            yield start, index
            start, size = index, 0
        size += len(section.span)
    if start < len(doc.sections):
        yield start, len(doc.sections)


def _write_facts(graph, doc: Document, facts: list, places) -> None:
    for fact in facts:
        writer = WRITERS.get(type(fact))
        if writer is None:  # a new fact type without a writer is a programming error
            raise TypeError(f"no graph writer for {type(fact).__name__}")
        writer(graph, doc, fact, places)
