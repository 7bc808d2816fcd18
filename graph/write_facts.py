"""Write extracted facts into RDF: one table of writers, one per fact type.

Every fact node gets ``prov:wasDerivedFrom`` (the text span it was read from),
``prov:wasGeneratedBy`` (the document's extraction run), ``dk:rule`` and
``dk:confidence`` — the SHACL shapes require all four.

Pairings, transfers, programmes, events and indicators are facts: one node per
mention, minted from the sentence and the offset of what was read.
Organisations, people and places are things named in many sentences: one node
per normalised name (``organization_iri``, ``person_iri``, or the division's
code for a resolved place) with exactly one label, linked from each sentence
that names it by ``schema:mentions``. A person's post is a W3C ORG
``org:Post`` per mention (``?person org:holds ?post``, ``?post org:postIn
?org``), derived from its sentence; it carries no ``dk:rule``/``dk:confidence``,
whose domain is the fact classes.

Places were resolved before writing (:func:`place_mentions` lists them in the
order the writers use them; :mod:`duikou.gazetteer.resolve` resolves them):
a writer only looks their resolution up in the ``places`` it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from rdflib import Graph, Literal, URIRef

from duikou.gazetteer.resolve import ResolvedPlaces
from duikou.graph.iris import (
    fact_iri,
    organization_iri,
    pairing_iri,
    person_iri,
    region_iri,
    run_iri,
    span_iri,
)
from duikou.graph.terms import DCTERMS, ORG, PROV, RDF, RDFS, SCHEMA, XSD
from duikou.graph.write_regions import add_place, place_level
from duikou.loaders.document import Document
from duikou.loaders.facts import (
    ActorFact,
    EventFact,
    Evidence,
    IndicatorFact,
    PairingFact,
    PersonFact,
    PlaceMention,
    PlaceMentionFact,
    ProgramFact,
    TransferFact,
)
from duikou.loaders.text import clean_label
from duikou.ontology.namespace import DK

__all__ = [
    "WRITERS",
    "Writer",
    "place_mentions",
    "add_region",
    "add_provenance",
    "fact_node",
    "LEVEL_CONCEPTS",
    "SCOPE_CONCEPTS",
    "KIND_CONCEPTS",
    "STATUS_CONCEPTS",
    "PURPOSE_CONCEPTS",
    "ACTOR_CLASSES",
    "EVENT_CLASSES",
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
    "trade": DK.KindTrade,
    "other": DK.KindOther,
}
STATUS_CONCEPTS = {
    "planned": DK.StatusPlanned,
    "committed": DK.StatusCommitted,
    "disbursed": DK.StatusDisbursed,
    "cumulative": DK.StatusCumulative,
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


def add_region(graph: Graph, place: PlaceMention, places: ResolvedPlaces | None = None) -> URIRef:
    """The node of a place (``dk:Region``) or, for ``kind="organization"`` or ``"person"``,
    an organisation or a person.

    With the document's resolved *places*, a place becomes the node of its official
    division (:func:`duikou.graph.write_regions.add_place`); without, a node of its name.
    """
    if place.kind == "organization":
        return _organization(graph, place.name)  # one label, however the text cases it
    if place.kind == "person":
        return _person(graph, place.name)
    if places is not None:
        return add_place(graph, place, places)
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


def add_pairing(graph: Graph, doc: Document, fact: PairingFact, places: ResolvedPlaces) -> URIRef:
    node = pairing_iri(
        doc.id,
        fact.evidence.span.start,
        fact.evidence.span.end,
        fact.donor.name,
        fact.recipient.name,
    )
    graph.add((node, RDF.type, DK.Pairing))
    graph.add((node, DK.donor, add_region(graph, fact.donor, places)))
    graph.add((node, DK.recipient, add_region(graph, fact.recipient, places)))
    graph.add((node, DK.donorName, Literal(fact.donor.name)))
    graph.add((node, DK.recipientName, Literal(fact.recipient.name)))
    graph.add((node, DK.scope, SCOPE_CONCEPTS[fact.scope]))
    donor_level, recipient_level = (
        place_level(places, fact.donor),
        place_level(places, fact.recipient),
    )
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


def add_transfer(graph: Graph, doc: Document, fact: TransferFact, places: ResolvedPlaces) -> URIRef:
    node = fact_node(graph, doc, "transfer", fact, fact.amount_span.start, DK.Transfer)
    graph.add((node, DK.donor, add_region(graph, fact.donor, places)))
    graph.add((node, DK.donorName, Literal(fact.donor.name)))
    if fact.recipient is not None:
        graph.add((node, DK.recipient, add_region(graph, fact.recipient, places)))
        graph.add((node, DK.recipientName, Literal(fact.recipient.name)))
    amount = URIRef(f"{node}/amount")
    graph.add((node, SCHEMA.amount, amount))
    graph.add((amount, RDF.type, SCHEMA.MonetaryAmount))
    graph.add((amount, SCHEMA.value, Literal(fact.amount, datatype=XSD.decimal)))
    graph.add((amount, SCHEMA.currency, Literal("CNY")))
    graph.add((node, DK.transferKind, KIND_CONCEPTS[fact.kind]))
    graph.add((node, DK.transferStatus, STATUS_CONCEPTS[fact.status]))
    if fact.in_kind:
        graph.add((node, DK.inKind, Literal(True)))
    for evidence in fact.restated:  # the same flow stated again: one fact, more evidence
        span = span_iri(doc.id, evidence.unit, evidence.span.start, evidence.span.end)
        graph.add((node, DK.restatedIn, span))
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
    if fact.covered_by is not None:
        graph.add((node, DK.coveredBy, fact_iri("transfer", doc.id, *fact.covered_by)))
    add_provenance(graph, doc, node, fact.evidence)
    return node


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


def _place(graph: Graph, places: ResolvedPlaces, place: PlaceMention) -> URIRef:
    """A region node (resolved to its division where the gazetteer knows it), an organisation
    or a person."""
    if place.kind == "organization":
        return _organization(graph, place.name)
    if place.kind == "person":
        return _person(graph, place.name)
    return add_region(graph, PlaceMention(clean_label(place.name), place.span, place.level), places)


def _sentence(doc: Document, fact) -> URIRef:
    span = fact.evidence.span
    return span_iri(doc.id, fact.evidence.unit, span.start, span.end)


def add_actor(graph: Graph, doc: Document, fact: ActorFact, places: ResolvedPlaces) -> URIRef:
    node = _organization(graph, fact.name, fact.kind)
    graph.add((_sentence(doc, fact), SCHEMA.mentions, node))
    return node


def add_person_post(
    graph: Graph, doc: Document, fact: PersonFact, places: ResolvedPlaces
) -> URIRef:
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


def add_program(graph: Graph, doc: Document, fact: ProgramFact, places: ResolvedPlaces) -> URIRef:
    node = fact_node(graph, doc, "program", fact, fact.span.start, DK.Program)
    graph.add((node, RDFS.label, Literal(clean_label(fact.name))))
    add_provenance(graph, doc, node, fact.evidence)
    return node


def add_event(graph: Graph, doc: Document, fact: EventFact, places: ResolvedPlaces) -> URIRef:
    node = fact_node(graph, doc, "event", fact, fact.trigger.start, DK.Event)
    graph.add((node, RDF.type, EVENT_CLASSES[fact.kind]))
    if fact.name:
        graph.add((node, SCHEMA.name, Literal(clean_label(fact.name))))
    if fact.start:
        graph.add((node, SCHEMA.startDate, Literal(fact.start, datatype=_DATATYPES[fact.datatype])))
    if fact.end:
        graph.add((node, SCHEMA.endDate, Literal(fact.end, datatype=_DATATYPES[fact.datatype])))
    if fact.location is not None:
        graph.add((node, SCHEMA.location, _place(graph, places, fact.location)))
    if fact.leader is not None:
        graph.add((node, DK.ledBy, _person(graph, fact.leader[0])))
    for name, _ in fact.persons:
        graph.add((node, DK.participant, _person(graph, name)))
    for place in fact.participants:
        graph.add((node, DK.participant, _place(graph, places, place)))
    for place in fact.parties:
        graph.add((node, DK.party, _place(graph, places, place)))
    add_provenance(graph, doc, node, fact.evidence)
    return node


def add_indicator(
    graph: Graph, doc: Document, fact: IndicatorFact, places: ResolvedPlaces
) -> URIRef:
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
        graph.add((node, DK.about, _place(graph, places, fact.about)))
    if fact.year is not None:
        graph.add((node, DK.year, Literal(str(fact.year), datatype=XSD.gYear)))
    add_provenance(graph, doc, node, fact.evidence)
    return node


_NOT_REGIONS = ("not-a-place", "collective")
"""Resolutions that write no mention: a word or facility, or a list (its members are mentions).
A bare name that stays unresolved is left out too (see :func:`add_place_mention`)."""


def add_place_mention(
    graph: Graph, doc: Document, fact: PlaceMentionFact, places: ResolvedPlaces
) -> URIRef:
    """``?sentence schema:mentions ?region``: the place as it resolved, with its code if any."""
    sentence = _sentence(doc, fact)
    status = places[fact.place].status
    if status in _NOT_REGIONS or (status == "unresolved" and not _admin_worded(fact.place)):
        return sentence
    graph.add((sentence, SCHEMA.mentions, add_region(graph, fact.place, places)))
    return sentence


def _admin_worded(place: PlaceMention) -> bool:
    """Whether *place* says it is a place ("… County"): a bare name is one only because the
    gazetteer knows the word, so one that resolves nowhere in its context is left out."""
    return place.level is not None


Writer = Callable[[Graph, Document, object, ResolvedPlaces], URIRef]

WRITERS: dict[type, Writer] = {
    PairingFact: add_pairing,
    TransferFact: add_transfer,
    ActorFact: add_actor,
    PersonFact: add_person_post,
    ProgramFact: add_program,
    EventFact: add_event,
    IndicatorFact: add_indicator,
    PlaceMentionFact: add_place_mention,
}
"""Fact type -> the function writing it into a document's graph."""

_CLEANED = (EventFact, IndicatorFact)
"""Fact types whose places are written under their cleaned label (see ``_place``)."""


def place_mentions(facts) -> Iterator[PlaceMention]:
    """The place mentions of *facts* as the writers will look them up, in that order.

    A writer uses a fact's places in the order its fields are declared, and
    organisations and persons are not places; events and indicators name a place by its
    cleaned label.
    """
    for fact in facts:
        for value in (getattr(fact, name) for name in fact.__slots__):
            for place in value if isinstance(value, tuple) else (value,):
                if not isinstance(place, PlaceMention) or place.kind != "region":
                    continue
                if isinstance(fact, _CLEANED):
                    place = PlaceMention(clean_label(place.name), place.span, place.level)
                yield place
