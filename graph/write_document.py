"""Write a :class:`Document`'s structure into RDF: the text units facts point at.

Each unit is a ``dk:TextSpan`` (an ``oa:TextPositionSelector``) with
``oa:start``/``oa:end`` into the document text; sentences, headings and
attribution lines also carry ``oa:exact``, so a fact's evidence can be read
without the source file. Paragraph and section text is not repeated: it is
the concatenation of their sentences.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef

from duikou.graph.iris import (
    SOFTWARE,
    doc_iri,
    organization_iri,
    person_iri,
    run_iri,
    span_iri,
)
from duikou.graph.terms import DCTERMS, OA, ORG, PROV, RDF, RDFS
from duikou.loaders.document import Document, Paragraph, Section, Span
from duikou.ontology.namespace import DK
from duikou.version import __version__

__all__ = ["add_document", "add_document_node", "add_sections"]

_SECTION_CLASS = {"overview": DK.OverviewSection, "pairing": DK.PairingSection}


def add_document(graph: Graph, doc: Document) -> URIRef:
    """Add the document, its units and its extraction run to *graph*; return the document IRI."""
    doc_node = add_document_node(graph, doc)
    add_sections(graph, doc)
    return doc_node


def add_document_node(graph: Graph, doc: Document) -> URIRef:
    """Add the document and its extraction run, not its units; return the document IRI."""
    doc_node = doc_iri(doc.id)
    graph.add((doc_node, RDF.type, DK.Document))
    graph.add((doc_node, DK.sha256, Literal(doc.id)))
    graph.add((doc_node, DK.fileName, Literal(_file_name(doc.source))))
    graph.add((doc_node, DCTERMS.title, Literal(doc.title)))
    graph.add((doc_node, RDFS.label, Literal(doc.title)))

    run = run_iri(doc.id)
    graph.add((run, RDF.type, DK.ExtractionRun))
    graph.add((run, PROV.used, doc_node))
    graph.add((run, PROV.wasAssociatedWith, SOFTWARE))
    graph.add((run, DK.softwareVersion, Literal(__version__)))
    graph.add((SOFTWARE, RDF.type, PROV.SoftwareAgent))
    graph.add((SOFTWARE, RDFS.label, Literal("duikou")))

    return doc_node


def add_sections(graph: Graph, doc: Document, start: int = 0, stop: int | None = None) -> None:
    """Add the sections ``doc.sections[start:stop]`` and their units (a long document is
    written a few sections at a time); positions count from the document's first section."""
    doc_node = doc_iri(doc.id)
    stop = len(doc.sections) if stop is None else stop
    for position in range(start, stop):
        _add_section(graph, doc, doc_node, position, doc.sections[position])


def _file_name(source: str) -> str:
    return source.replace("\\", "/").rsplit("/", 1)[-1] or "untitled"


def _span(graph: Graph, doc: Document, kind: str, span: Span, cls: URIRef, exact: bool) -> URIRef:
    node = span_iri(doc.id, kind, span.start, span.end)
    graph.add((node, RDF.type, cls))
    graph.add((node, DK.inDocument, doc_iri(doc.id)))
    graph.add((node, OA.start, Literal(span.start)))
    graph.add((node, OA.end, Literal(span.end)))
    if exact:
        graph.add((node, OA.exact, Literal(doc.quote(span))))
    return node


def _add_section(graph: Graph, doc: Document, doc_node: URIRef, position: int, section: Section):
    node = _span(graph, doc, "section", section.span, DK.Section, exact=False)
    graph.add((node, RDF.type, _SECTION_CLASS[section.kind]))
    graph.add((node, DCTERMS.isPartOf, doc_node))
    graph.add((node, DK.position, Literal(position)))
    graph.add((node, RDFS.label, Literal(section.title)))
    if section.heading is not None:
        heading = _span(graph, doc, "heading", section.heading, DK.Heading, exact=True)
        graph.add((node, DK.heading, heading))
    if section.attribution is not None:
        _add_attribution(graph, doc, node, section)
    for index, paragraph in enumerate(section.paragraphs):
        _add_paragraph(graph, doc, node, index, paragraph)
    for sub_position, sub in enumerate(section.subsections):
        sub_node = _span(graph, doc, "subsection", sub.span, DK.SubSection, exact=False)
        graph.add((sub_node, DCTERMS.isPartOf, node))
        graph.add((sub_node, DK.position, Literal(sub_position)))
        graph.add((sub_node, RDFS.label, Literal(sub.title)))
        heading = _span(graph, doc, "heading", sub.heading, DK.Heading, exact=True)
        graph.add((sub_node, DK.heading, heading))
        for index, paragraph in enumerate(sub.paragraphs):
            _add_paragraph(graph, doc, sub_node, index, paragraph)


def _add_attribution(graph: Graph, doc: Document, section_node: URIRef, section: Section):
    attribution = section.attribution
    line = _span(graph, doc, "attribution", attribution.span, DK.AttributionLine, exact=True)
    graph.add((section_node, DK.attribution, line))
    if attribution.organization:
        org = organization_iri(attribution.organization)
        graph.add((org, RDF.type, DK.Organization))
        graph.add((org, RDF.type, ORG.Organization))
        graph.add((org, RDFS.label, Literal(attribution.organization)))
        graph.add((section_node, DK.reportedBy, org))
    if attribution.author:
        person = person_iri(attribution.author)
        graph.add((person, RDF.type, DK.Person))
        graph.add((person, RDFS.label, Literal(attribution.author)))
        graph.add((section_node, DK.author, person))
        if attribution.organization:
            graph.add((person, ORG.memberOf, organization_iri(attribution.organization)))


def _add_paragraph(
    graph: Graph, doc: Document, parent: URIRef, position: int, paragraph: Paragraph
):
    node = _span(graph, doc, "paragraph", paragraph.span, DK.Paragraph, exact=False)
    graph.add((node, DCTERMS.isPartOf, parent))
    graph.add((node, DK.position, Literal(position)))
    for index, sentence in enumerate(paragraph.sentences):
        sent = _span(graph, doc, "sentence", sentence.span, DK.Sentence, exact=True)
        graph.add((sent, DCTERMS.isPartOf, node))
        graph.add((sent, DK.position, Literal(index)))
