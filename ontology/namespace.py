"""The duikou ontology as a closed rdflib namespace.

Every term the code writes into a graph comes from :class:`DK`. Because the
namespace is a ``DefinedNamespace`` with ``_fail = True``, a misspelt term
raises ``AttributeError`` at the line that uses it instead of silently minting
an IRI nobody declared. ``tests/test_ontology.py`` checks that each term listed
here is declared, labelled and commented in ``ontology/duikou.ttl``.

>>> DK.Pairing
rdflib.term.URIRef('https://w3id.org/duikou/ontology#Pairing')
"""

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

__all__ = ["DK", "DK_IRI", "DATA", "OA", "ORG", "SCHEMA", "GEO", "PREFIXES", "compact"]

DK_IRI = "https://w3id.org/duikou/ontology#"
DATA = Namespace("https://w3id.org/duikou/id/")
"""Base of the IRIs minted for data (documents, spans, regions, facts)."""

OA = Namespace("http://www.w3.org/ns/oa#")
ORG = Namespace("http://www.w3.org/ns/org#")
SCHEMA = Namespace("https://schema.org/")
GEO = Namespace("http://www.opengis.net/ont/geosparql#")


class DK(DefinedNamespace):
    """Classes, properties and SKOS concepts of the duikou ontology."""

    _fail = True
    _NS = Namespace(DK_IRI)

    # --- text and provenance -------------------------------------------------
    Document: URIRef
    TextSpan: URIRef
    Section: URIRef
    OverviewSection: URIRef
    PairingSection: URIRef
    SubSection: URIRef
    Paragraph: URIRef
    Sentence: URIRef
    Heading: URIRef
    AttributionLine: URIRef
    ExtractionRun: URIRef

    sha256: URIRef
    fileName: URIRef
    inDocument: URIRef
    position: URIRef
    heading: URIRef
    attribution: URIRef
    reportedBy: URIRef
    author: URIRef
    rule: URIRef
    confidence: URIRef
    softwareVersion: URIRef

    # --- places and actors ---------------------------------------------------
    Region: URIRef
    Actor: URIRef
    Party: URIRef
    Organization: URIRef
    GovernmentBody: URIRef
    Office: URIRef
    Enterprise: URIRef
    Foundation: URIRef
    Hospital: URIRef
    School: URIRef
    Person: URIRef

    adminLevel: URIRef
    macroRegion: URIRef
    divisionCode: URIRef
    resolution: URIRef

    # --- facts ---------------------------------------------------------------
    Pairing: URIRef
    Transfer: URIRef
    Program: URIRef
    Event: URIRef
    Visit: URIRef
    AgreementSigning: URIRef
    Training: URIRef
    Conference: URIRef
    Fair: URIRef
    Indicator: URIRef

    donor: URIRef
    recipient: URIRef
    donorName: URIRef
    recipientName: URIRef
    donorLevel: URIRef
    recipientLevel: URIRef
    scope: URIRef
    year: URIRef
    startYear: URIRef
    endYear: URIRef
    transferKind: URIRef
    transferStatus: URIRef
    inKind: URIRef
    restatedIn: URIRef
    coveredBy: URIRef
    purpose: URIRef
    participant: URIRef
    ledBy: URIRef
    party: URIRef
    measures: URIRef
    about: URIRef

    # --- SKOS concept schemes and their concepts -----------------------------
    AdminLevelScheme: URIRef
    LevelProvince: URIRef
    LevelPrefecture: URIRef
    LevelCounty: URIRef
    LevelTownship: URIRef
    LevelVillage: URIRef

    MacroRegionScheme: URIRef
    MacroEast: URIRef
    MacroCentral: URIRef
    MacroWest: URIRef

    ScopeScheme: URIRef
    ScopeEastWest: URIRef
    ScopeIntraProvincial: URIRef
    ScopeOther: URIRef

    TransferKindScheme: URIRef
    KindFiscalAid: URIRef
    KindSocialDonation: URIRef
    KindInvestment: URIRef
    KindLoanSubsidy: URIRef
    KindTrade: URIRef
    KindOther: URIRef

    TransferStatusScheme: URIRef
    StatusPlanned: URIRef
    StatusCommitted: URIRef
    StatusDisbursed: URIRef
    StatusCumulative: URIRef

    PurposeScheme: URIRef
    PurposeInfrastructure: URIRef
    PurposeRoads: URIRef
    PurposeIndustry: URIRef
    PurposeAgriculture: URIRef
    PurposeEducation: URIRef
    PurposeHealth: URIRef
    PurposeTraining: URIRef
    PurposeHousing: URIRef
    PurposeWater: URIRef
    PurposeDisasterRelief: URIRef
    PurposeCulture: URIRef
    PurposeLivelihood: URIRef
    PurposeOther: URIRef


# DefinedNamespace looks each term up through __getattr__ and a check against
# the declared names on every access; the graph writers use terms tens of
# thousands of times per chapter, so the declared terms become plain class
# attributes (8x faster). Undeclared names still fail.
for _name in DK.__annotations__:
    type.__setattr__(DK, _name, DK._NS[_name])
del _name


PREFIXES = {
    "dk": DK_IRI,
    "id": str(DATA),
    "oa": str(OA),
    "org": str(ORG),
    "schema": str(SCHEMA),
    "geo": str(GEO),
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
}
"""The prefixes duikou writes in Turtle and uses to print IRIs short."""


def compact(iri: str) -> str:
    """``prefix:local`` for an IRI in a known namespace, else the IRI itself.

    >>> compact("https://w3id.org/duikou/ontology#Pairing"), compact("urn:x")
    ('dk:Pairing', 'urn:x')
    """
    for prefix, base in PREFIXES.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base) :]}"
    return iri
