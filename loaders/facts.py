"""The fact model: every kind of fact the loaders extract, each carrying its evidence.

Facts are plain frozen dataclasses, all of them in this one module: the
extractors (listed in :mod:`duikou.loaders.extract`) produce them, the
gazetteer resolves their places, and ``duikou.graph`` turns them into triples.
Nothing here knows about RDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from duikou.gazetteer.normalize import level_from_name
from duikou.loaders.document import Span

__all__ = [
    "Evidence",
    "PlaceMention",
    "PairingFact",
    "TransferFact",
    "ActorFact",
    "ProgramFact",
    "PostMention",
    "PersonFact",
    "EventFact",
    "IndicatorFact",
    "PlaceMentionFact",
    "level_from_name",
    "LEVELS",
    "SCOPES",
    "KINDS",
    "STATUSES",
    "PURPOSES",
]

LEVELS = ("province", "prefecture", "county", "township", "village")
SCOPES = ("east-west", "intra-provincial", "other")
KINDS = ("fiscal_aid", "social_donation", "investment", "loan_subsidy", "trade", "other")
"""What sort of money a transfer is: aid from budgets, gifts, investment, loan interest
subsidies, the value of a signed deal or contract, or other."""
STATUSES = ("planned", "committed", "disbursed", "cumulative")
"""Where a flow stands: planned (a plan or target), committed (signed, agreed,
pledged), disbursed (provided, allocated, donated, actually invested), cumulative
(a total over several years)."""
PURPOSES = (
    "infrastructure", "roads", "industry", "agriculture", "education", "health", "training",
    "housing", "water", "disaster_relief", "culture", "livelihood", "other",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read, by which rule, how surely.

    ``span`` is the whole text unit the fact was read from and ``unit`` its
    kind (``"sentence"`` or ``"heading"``), so the graph can link the fact to
    that unit's node.
    """

    span: Span
    rule: str
    confidence: Decimal
    unit: str = "sentence"


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A place (or, with ``kind="organization"`` or ``"person"``, an organisation or a
    person) named as a party.

    ``span`` is where the name was read; for a party implied by the section
    heading (a bare "5 million yuan was allocated …") it is the heading's span.
    """

    name: str
    span: Span
    level: str | None = None
    kind: str = "region"


@dataclass(frozen=True, slots=True)
class PairingFact:
    """A donor place supports a recipient place (an n-ary relation in the graph)."""

    donor: PlaceMention
    recipient: PlaceMention
    scope: str
    evidence: Evidence
    year: int | None = None


@dataclass(frozen=True, slots=True)
class TransferFact:
    """An amount of money moving from a donor to a recipient.

    ``amount`` is in yuan. ``years`` is ``(first, last)``; both equal for one
    year. ``part_of`` names the total this amount is a part of ("of which …")
    by that total's ``(sentence start, sentence end, amount start)``.

    ``kind`` is one of :data:`KINDS` and ``status`` one of :data:`STATUSES` (the
    way of IATI's transaction types: a plan, a commitment, money that moved, or a
    total over several years); ``in_kind`` is true for goods given instead of money.
    ``restated`` holds the evidence of the other sentences that state the same flow:
    one flow is one fact. ``covered_by`` names, as ``part_of`` does, the section total
    this flow is an item of (:mod:`duikou.loaders.flows`).
    """

    donor: PlaceMention
    recipient: PlaceMention | None
    amount: Decimal
    amount_span: Span
    kind: str
    evidence: Evidence
    purposes: tuple[str, ...] = ()
    years: tuple[int, int] | None = None
    part_of: tuple[int, int, int] | None = None
    status: str = "disbursed"
    in_kind: bool = False
    restated: tuple[Evidence, ...] = ()
    covered_by: tuple[int, int, int] | None = None


@dataclass(frozen=True, slots=True)
class ActorFact:
    """An organisation named at ``span`` (``name`` is its exact text) of class ``kind``."""

    name: str
    span: Span
    kind: str
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class ProgramFact:
    """A programme or policy named at ``span`` (``name`` is its exact text)."""

    name: str
    span: Span
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class PostMention:
    """A post as written (``title`` is the exact text at ``span``), in a body or a place."""

    title: str
    span: Span
    org: str | None = None
    org_span: Span | None = None
    place: str | None = None
    place_span: Span | None = None


@dataclass(frozen=True, slots=True)
class PersonFact:
    """A person named at ``span`` (``name`` is its exact text) holding ``posts``."""

    name: str
    span: Span
    posts: tuple[PostMention, ...]
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class EventFact:
    """An event of ``kind`` (one of :data:`EVENT_KINDS`) triggered at ``trigger``.

    ``start``/``end`` are XSD lexical forms of ``datatype`` ("date",
    "gYearMonth", "gYear"); ``persons`` are ``(name, span)`` of people taking part.
    """

    kind: str
    trigger: Span
    evidence: Evidence
    name: str | None = None
    name_span: Span | None = None
    start: str | None = None
    end: str | None = None
    datatype: str | None = None
    location: PlaceMention | None = None
    leader: tuple[str, Span] | None = None
    persons: tuple[tuple[str, Span], ...] = ()
    participants: tuple[PlaceMention, ...] = ()
    parties: tuple[PlaceMention, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorFact:
    """A reported count or rate: ``value`` in ``unit``, measuring ``measures``."""

    value: Decimal
    unit: str
    value_span: Span
    evidence: Evidence
    measures: str | None = None
    about: PlaceMention | None = None
    year: int | None = None


@dataclass(frozen=True, slots=True)
class PlaceMentionFact:
    """A place named in a sentence (``place``), whether or not a relation uses it."""

    place: PlaceMention
    evidence: Evidence
