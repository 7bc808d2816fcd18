"""Pairings stated by section headings: ``Dalian – Guizhou Pairing-off …`` means Dalian → Guizhou.

The chapter is about East-West pairing, so a section heading pairs an eastern
donor with a western recipient; its scope is ``east-west`` by the genre.
Finer pairings stated in the prose are the job of the prose extractors.
"""

from __future__ import annotations

from decimal import Decimal

from duikou.loaders.document import Document
from duikou.loaders.facts import Evidence, PairingFact, PlaceMention, level_from_name

__all__ = ["pairings_from_headings", "RULE"]

RULE = "section-heading"


def pairings_from_headings(doc: Document) -> list[PairingFact]:
    """One :class:`PairingFact` per pairing section heading, in document order."""
    facts = []
    for section in doc.pairing_sections:
        donor = PlaceMention(section.donor, section.donor_span, level_from_name(section.donor))
        recipient = PlaceMention(
            section.recipient, section.recipient_span, level_from_name(section.recipient)
        )
        evidence = Evidence(section.heading, RULE, Decimal("1.0"), unit="heading")
        facts.append(PairingFact(donor, recipient, "east-west", evidence))
    return facts
