"""Write organisations, people with posts, programmes, events and indicators into RDF.

Programmes, events and indicators are facts: one node per mention, minted
from the sentence and the offset of what was read, with the provenance the
SHACL shapes require (``add_provenance``). Organisations, people and places
are things named in many sentences: one node per normalised name
(``organization_iri``, ``person_iri``, ``region_iri``) with exactly one label,
linked from each sentence that names it by ``schema:mentions``. A person's
post is a W3C ORG ``org:Post`` per mention (``?person org:holds ?post``,
``?post org:postIn ?org``), derived from its sentence; it carries no
``dk:rule``/``dk:confidence``, whose domain is the fact classes.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV, XSD

from duikou.graph.facts_graph import add_provenance, add_region, fact_node
from duikou.graph.iris import fact_iri, organization_iri, person_iri, run_iri, span_iri
from duikou.loaders.actors import ActorFact
from duikou.loaders.document import Document
from duikou.loaders.events import EventFact
from duikou.loaders.facts import PlaceMention
from duikou.loaders.indicators import IndicatorFact
from duikou.loaders.persons import PersonFact
from duikou.loaders.programs import ProgramFact
from duikou.loaders.text import clean_label
from duikou.ontology.namespace import DK, ORG, SCHEMA

__all__ = [
    "MORE_WRITERS",
    "add_actor",
    "add_person_post",
    "add_program",
    "add_event",
    "add_indicator",
    "ACTOR_CLASSES",
    "EVENT_CLASSES",
]

ACTOR_CLASSES = {
    "government": DK.GovernmentBody,
    "office": DK.Office,
    "enterprise": DK.Enterprise,
    "foundation": DK.Foundation,
    "hospital": DK.Hospital,
    "school": DK.School,
    "other": None,
}
EVENT_CLASSES = {
    "visit": DK.Visit,
    "agreement": DK.AgreementSigning,
    "training": DK.Training,
    "conference": DK.Conference,
    "fair": DK.Fair,
}
_DATATYPES = {"date": XSD.date, "gYearMonth": XSD.gYearMonth, "gYear": XSD.gYear}


def _label_once(graph: Graph, node: URIRef, text: str) -> None:
    """Label *node* unless it has a label already (shapes allow exactly one)."""
    if graph.value(node, RDFS.label) is None:
        graph.add((node, RDFS.label, Literal(clean_label(text))))


def _organization(graph: Graph, name: str, kind: str | None = None) -> URIRef:
    node = organization_iri(name)
    graph.add((node, RDF.type, DK.Organization))
    graph.add((node, RDF.type, ORG.Organization))
    if ACTOR_CLASSES.get(kind) is not None:
        graph.add((node, RDF.type, ACTOR_CLASSES[kind]))
    _label_once(graph, node, name)
    return node


def _person(graph: Graph, name: str) -> URIRef:
    node = person_iri(name)
    graph.add((node, RDF.type, DK.Person))
    _label_once(graph, node, name)
    return node


def _place(graph: Graph, doc: Document, place: PlaceMention) -> URIRef:
    """A region node (resolved to its division where the gazetteer knows it) or an organisation."""
    if place.kind == "organization":
        return _organization(graph, place.name)
    return add_region(graph, PlaceMention(clean_label(place.name), place.span, place.level), doc)


def _sentence(doc: Document, fact) -> URIRef:
    span = fact.evidence.span
    return span_iri(doc.id, fact.evidence.unit, span.start, span.end)


def add_actor(graph: Graph, doc: Document, fact: ActorFact) -> URIRef:
    node = _organization(graph, fact.name, fact.kind)
    graph.add((_sentence(doc, fact), SCHEMA.mentions, node))
    return node


def add_person_post(graph: Graph, doc: Document, fact: PersonFact) -> URIRef:
    person = _person(graph, fact.name)
    graph.add((_sentence(doc, fact), SCHEMA.mentions, person))
    sentence = fact.evidence.span
    for n, post in enumerate(fact.posts):
        node = fact_iri("post", doc.id, sentence.start, sentence.end, fact.span.start, n)
        graph.add((node, RDF.type, ORG.Post))
        graph.add((node, RDFS.label, Literal(clean_label(post.title))))
        graph.add((person, ORG.holds, node))
        if post.org:
            graph.add((node, ORG.postIn, _organization(graph, post.org)))
        graph.add((node, PROV.wasDerivedFrom, _sentence(doc, fact)))
        graph.add((node, PROV.wasGeneratedBy, run_iri(doc.id)))
    return person


def add_program(graph: Graph, doc: Document, fact: ProgramFact) -> URIRef:
    node = fact_node(graph, doc, "program", fact, fact.span.start, DK.Program)
    graph.add((node, RDFS.label, Literal(clean_label(fact.name))))
    add_provenance(graph, doc, node, fact.evidence)
    return node


def add_event(graph: Graph, doc: Document, fact: EventFact) -> URIRef:
    node = fact_node(graph, doc, "event", fact, fact.trigger.start, DK.Event)
    graph.add((node, RDF.type, EVENT_CLASSES[fact.kind]))
    if fact.name:
        graph.add((node, SCHEMA.name, Literal(clean_label(fact.name))))
    if fact.start:
        graph.add((node, SCHEMA.startDate, Literal(fact.start, datatype=_DATATYPES[fact.datatype])))
    if fact.end:
        graph.add((node, SCHEMA.endDate, Literal(fact.end, datatype=_DATATYPES[fact.datatype])))
    if fact.location is not None:
        graph.add((node, SCHEMA.location, _place(graph, doc, fact.location)))
    if fact.leader is not None:
        graph.add((node, DK.ledBy, _person(graph, fact.leader[0])))
    for name, _ in fact.persons:
        graph.add((node, DK.participant, _person(graph, name)))
    for place in fact.participants:
        graph.add((node, DK.participant, _place(graph, doc, place)))
    for place in fact.parties:
        graph.add((node, DK.party, _place(graph, doc, place)))
    add_provenance(graph, doc, node, fact.evidence)
    return node


def add_indicator(graph: Graph, doc: Document, fact: IndicatorFact) -> URIRef:
    node = fact_node(graph, doc, "indicator", fact, fact.value_span.start, DK.Indicator)
    if fact.value == fact.value.to_integral_value():
        value = Literal(int(fact.value), datatype=XSD.integer)
    else:
        value = Literal(fact.value, datatype=XSD.decimal)
    graph.add((node, SCHEMA.value, value))
    graph.add((node, SCHEMA.unitText, Literal(fact.unit)))
    if fact.measures:
        graph.add((node, DK.measures, Literal(fact.measures)))
    if fact.about is not None:
        graph.add((node, DK.about, _place(graph, doc, fact.about)))
    if fact.year is not None:
        graph.add((node, DK.year, Literal(str(fact.year), datatype=XSD.gYear)))
    add_provenance(graph, doc, node, fact.evidence)
    return node


MORE_WRITERS: dict[type, Callable[[Graph, Document, object], URIRef]] = {
    ActorFact: add_actor,
    PersonFact: add_person_post,
    ProgramFact: add_program,
    EventFact: add_event,
    IndicatorFact: add_indicator,
}
"""Fact type -> function writing it into a document's graph (looked up after ``WRITERS``)."""
