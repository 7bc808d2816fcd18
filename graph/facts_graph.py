"""Write extracted facts into RDF, each with its provenance.

Every fact node gets ``prov:wasDerivedFrom`` (the text span it was read from),
``prov:wasGeneratedBy`` (the document's extraction run), ``dk:rule`` and
``dk:confidence`` — the SHACL shapes require all four.
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, XSD

from duikou.graph.iris import (
    fact_iri,
    organization_iri,
    pairing_iri,
    region_iri,
    run_iri,
    span_iri,
)
from duikou.graph.region_graph import add_place, place_level
from duikou.loaders.document import Document
from duikou.loaders.facts import Evidence, PairingFact, PlaceMention, TransferFact
from duikou.ontology.namespace import DK, ORG, SCHEMA

__all__ = [
    "WRITERS",
    "add_pairing",
    "add_transfer",
    "KIND_CONCEPTS",
    "PURPOSE_CONCEPTS",
    "add_region",
    "add_provenance",
    "fact_node",
    "LEVEL_CONCEPTS",
    "SCOPE_CONCEPTS",
]

LEVEL_CONCEPTS = {
    "province": DK.LevelProvince,
    "prefecture": DK.LevelPrefecture,
    "county": DK.LevelCounty,
    "township": DK.LevelTownship,
    "village": DK.LevelVillage,
}
SCOPE_CONCEPTS = {
    "east-west": DK.ScopeEastWest,
    "intra-provincial": DK.ScopeIntraProvincial,
    "other": DK.ScopeOther,
}


KIND_CONCEPTS = {
    "fiscal_aid": DK.KindFiscalAid,
    "social_donation": DK.KindSocialDonation,
    "investment": DK.KindInvestment,
    "loan_subsidy": DK.KindLoanSubsidy,
    "other": DK.KindOther,
}
PURPOSE_CONCEPTS = {
    "infrastructure": DK.PurposeInfrastructure,
    "roads": DK.PurposeRoads,
    "industry": DK.PurposeIndustry,
    "agriculture": DK.PurposeAgriculture,
    "education": DK.PurposeEducation,
    "health": DK.PurposeHealth,
    "training": DK.PurposeTraining,
    "housing": DK.PurposeHousing,
    "water": DK.PurposeWater,
    "disaster_relief": DK.PurposeDisasterRelief,
    "culture": DK.PurposeCulture,
    "livelihood": DK.PurposeLivelihood,
    "other": DK.PurposeOther,
}


def add_region(graph: Graph, place: PlaceMention, doc: Document | None = None) -> URIRef:
    """The node of a place (``dk:Region``) or, for ``kind="organization"``, an organisation.

    With the *doc* it was read from, a place is resolved to its official division
    (:func:`duikou.graph.region_graph.add_place`); without, it is a node of its name.
    """
    if place.kind == "organization":
        node = organization_iri(place.name)
        graph.add((node, RDF.type, DK.Organization))
        graph.add((node, RDF.type, ORG.Organization))
        graph.add((node, RDFS.label, Literal(place.name)))
        return node
    if doc is not None:
        return add_place(graph, doc, place)
    node = region_iri(place.name)
    graph.add((node, RDF.type, DK.Region))
    graph.add((node, RDFS.label, Literal(place.name)))
    if place.level:
        graph.add((node, DK.adminLevel, LEVEL_CONCEPTS[place.level]))
    return node


def add_provenance(graph: Graph, doc: Document, node: URIRef, evidence: Evidence) -> None:
    """Link *node* to the text unit it was read from, its run, rule and confidence."""
    span = span_iri(doc.id, evidence.unit, evidence.span.start, evidence.span.end)
    graph.add((node, PROV.wasDerivedFrom, span))
    graph.add((node, PROV.wasGeneratedBy, run_iri(doc.id)))
    graph.add((node, DK.rule, Literal(evidence.rule)))
    graph.add((node, DK.confidence, Literal(evidence.confidence, datatype=XSD.decimal)))


def add_pairing(graph: Graph, doc: Document, fact: PairingFact) -> URIRef:
    node = pairing_iri(
        doc.id,
        fact.evidence.span.start,
        fact.evidence.span.end,
        fact.donor.name,
        fact.recipient.name,
    )
    graph.add((node, RDF.type, DK.Pairing))
    graph.add((node, DK.donor, add_region(graph, fact.donor, doc)))
    graph.add((node, DK.recipient, add_region(graph, fact.recipient, doc)))
    graph.add((node, DK.donorName, Literal(fact.donor.name)))
    graph.add((node, DK.recipientName, Literal(fact.recipient.name)))
    graph.add((node, DK.scope, SCOPE_CONCEPTS[fact.scope]))
    donor_level, recipient_level = place_level(doc, fact.donor), place_level(doc, fact.recipient)
    if donor_level:
        graph.add((node, DK.donorLevel, LEVEL_CONCEPTS[donor_level]))
    if recipient_level:
        graph.add((node, DK.recipientLevel, LEVEL_CONCEPTS[recipient_level]))
    if fact.year is not None:
        graph.add((node, DK.year, Literal(str(fact.year), datatype=XSD.gYear)))
    add_provenance(graph, doc, node, fact.evidence)
    return node


def fact_node(graph: Graph, doc: Document, kind: str, fact, anchor: int, cls: URIRef) -> URIRef:
    """The node of a fact of *kind* read at offset *anchor* of its evidence, typed *cls*."""
    sentence = fact.evidence.span
    node = fact_iri(kind, doc.id, sentence.start, sentence.end, anchor)
    graph.add((node, RDF.type, cls))
    return node


def add_transfer(graph: Graph, doc: Document, fact: TransferFact) -> URIRef:
    node = fact_node(graph, doc, "transfer", fact, fact.amount_span.start, DK.Transfer)
    graph.add((node, DK.donor, add_region(graph, fact.donor, doc)))
    graph.add((node, DK.donorName, Literal(fact.donor.name)))
    if fact.recipient is not None:
        graph.add((node, DK.recipient, add_region(graph, fact.recipient, doc)))
        graph.add((node, DK.recipientName, Literal(fact.recipient.name)))
    amount = URIRef(f"{node}/amount")
    graph.add((node, SCHEMA.amount, amount))
    graph.add((amount, RDF.type, SCHEMA.MonetaryAmount))
    graph.add((amount, SCHEMA.value, Literal(fact.amount, datatype=XSD.decimal)))
    graph.add((amount, SCHEMA.currency, Literal("CNY")))
    graph.add((node, DK.transferKind, KIND_CONCEPTS[fact.kind]))
    for purpose in fact.purposes:
        graph.add((node, DK.purpose, PURPOSE_CONCEPTS[purpose]))
    if fact.years is not None:
        first, last = fact.years
        if first == last:
            graph.add((node, DK.year, Literal(str(first), datatype=XSD.gYear)))
        else:
            graph.add((node, DK.startYear, Literal(str(first), datatype=XSD.gYear)))
            graph.add((node, DK.endYear, Literal(str(last), datatype=XSD.gYear)))
    if fact.part_of is not None:
        graph.add((node, DCTERMS.isPartOf, fact_iri("transfer", doc.id, *fact.part_of)))
    add_provenance(graph, doc, node, fact.evidence)
    return node


WRITERS: dict[type, Callable[[Graph, Document, object], URIRef]] = {
    PairingFact: add_pairing,
    TransferFact: add_transfer,
}
"""Fact type -> function writing it into a document's graph."""
