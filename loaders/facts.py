"""Facts extracted from a document, each carrying the evidence it came from.

Facts are plain frozen dataclasses: the loaders produce them, ``duikou.graph``
turns them into triples. Nothing here knows about RDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from duikou.loaders.document import Span

__all__ = [
    "Evidence",
    "PlaceMention",
    "PairingFact",
    "TransferFact",
    "level_from_name",
    "LEVELS",
    "SCOPES",
    "KINDS",
    "PURPOSES",
]

LEVELS = ("province", "prefecture", "county", "township", "village")
SCOPES = ("east-west", "intra-provincial", "other")
KINDS = ("fiscal_aid", "social_donation", "investment", "loan_subsidy", "other")
PURPOSES = (
    "infrastructure", "roads", "industry", "agriculture", "education", "health", "training",
    "housing", "water", "disaster_relief", "culture", "livelihood", "other",
)  # fmt: skip

# Admin words at the end of a name and the level they imply. Order matters:
# "Autonomous Prefecture" must win over a bare "Prefecture" check of a shorter word.
_LEVEL_SUFFIXES = [
    (re.compile(r"\b(?:Autonomous Region|Province|Municipality)$", re.I), "province"),
    (re.compile(r"\b(?:Autonomous Prefecture|Prefecture|League)$", re.I), "prefecture"),
    (re.compile(r"\b(?:Autonomous County|County|Banner|District|Special Zone)$", re.I), "county"),
    (re.compile(r"\b(?:Township|Town)$", re.I), "township"),
    (re.compile(r"\bVillage$", re.I), "village"),
]


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
    """A place (or, with ``kind="organization"``, an organisation) named as a party.

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


def level_from_name(name: str) -> str | None:
    """Administrative level implied by the admin word a name ends with, if any.

    >>> level_from_name("Ningxia Hui Autonomous Region")
    'province'
    >>> level_from_name("Liangshan Yi Autonomous Prefecture")
    'prefecture'
    >>> level_from_name("Guizhou") is None
    True
    """
    for pattern, level in _LEVEL_SUFFIXES:
        if pattern.search(name):
            return level
    return None
