"""Pairings stated in the prose, below the province pairs of the section headings.

Three shapes of the genre:

* a support phrase between two groups of names — "Dalian, Ningbo, Qingdao and
  Shenzhen provide counterpart support for … Guizhou", "Erdos City to provide
  counterpart support for Xing’an League", "Zhenjiang City was designated to
  provide counterpart support for Weinan City", "Nanjing City supported
  Shangluo City", "… paired with …"; with "respectively" the lists pair up in order;
* the passive "counterpart support for Guizhou provided by Dalian, Qingdao …";
* an inline "Beijing – Chifeng Agreement", "the Shanghai – Yunnan pairing-off".

Pairings implied by money moving between two named places come from
:mod:`duikou.loaders.transfers`.
"""

from __future__ import annotations

import re
from decimal import Decimal

from duikou.loaders.document import Document, Section, Span
from duikou.loaders.facts import Evidence, PairingFact, PlaceMention
from duikou.loaders.names import Name, find_names
from duikou.loaders.text import DASHES, clean_label

__all__ = ["pairings_from_prose", "enclosing_county", "RULE_SUPPORT", "RULE_PASSIVE", "RULE_INLINE"]

RULE_SUPPORT = "support-phrase"
RULE_PASSIVE = "support-passive"
RULE_INLINE = "inline-pair"

_SUPPORT = re.compile(
    r"\b(?:(?:to\s+)?(?:provide[sd]?|providing|give[sn]?|gave|offer(?:ed|s)?|extend(?:ed|s)?)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:support|assistance|aid|help)(?:\s+and\s+(?:support|assistance|aid))?"
    r"\s+(?:for|to)|"
    r"support(?:ed|s)?|assist(?:ed|s)?|help(?:ed|s)?|"
    r"(?:is|are|was|were)?\s*(?:paired|twinned)\s+(?:up\s+)?with|"
    r"pair(?:ed|s)?\s+up\s+with)\b",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:counterpart|pairing(?:-off)?|twinning)\s+(?:support|assistance|aid)\s+(?:for|to)\s+",
    re.I,
)
_PROVIDED_BY = re.compile(r"\bprovided\s+by\s+", re.I)
_INLINE = re.compile(rf"^\s*[{re.escape(DASHES)}]\s*$")
_INLINE_TAIL = re.compile(
    r"^\s+(?:pairing|counterpart|twinning|cooperation|agreement|co-operation)", re.I
)
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)\s*")
_DONOR_GAP = re.compile(r"^[\s,]*(?:(?:[a-z]+|\(.*?\))\s+){0,5}$")


def pairings_from_prose(doc: Document) -> list[PairingFact]:
    """Every pairing the prose of *doc* states, one per (donor, recipient, sentence)."""
    facts: list[PairingFact] = []
    for section in doc.sections:
        for sentence in section.sentences():
            facts.extend(_sentence_pairings(doc, section, sentence.span))
    return facts


def _sentence_pairings(doc: Document, section: Section, span: Span) -> list[PairingFact]:
    text = doc.text
    names = [n for n in find_names(text, span.start, span.end) if n.kind == "region"]
    found: list[tuple[Name, Name, str]] = []
    for cue in _SUPPORT.finditer(text, span.start, span.end):
        donors = _list_ending_before(text, names, cue.start())
        recipients = _list_starting_after(text, names, cue.end(), span.end)
        found.extend(_combine(text, donors, recipients, cue.end(), span.end, RULE_SUPPORT))
    for cue in _PASSIVE.finditer(text, span.start, span.end):
        recipients = _list_starting_after(text, names, cue.end(), span.end, reach=60)
        by = _PROVIDED_BY.search(text, cue.end(), span.end)
        if by and recipients:
            donors = _list_starting_after(text, names, by.end(), span.end, reach=2)
            found.extend((d, recipients[-1], RULE_PASSIVE) for d in donors)
    for left, right in zip(names, names[1:], strict=False):
        if _INLINE.match(text[left.end : right.start]) and _INLINE_TAIL.match(text[right.end :]):
            if _is_heading_pair_reversed(section, left, right):
                # "Gansu – Tianjin cooperation" in the Tianjin – Gansu section
                left, right = right, left
            found.append((left, right, RULE_INLINE))
    found = [(d, enclosing_county(text, r, names) or r, rule) for d, r, rule in found]
    return _facts(doc, section, span, found)


def _is_heading_pair_reversed(section: Section, left: Name, right: Name) -> bool:
    if section.kind != "pairing":
        return False
    a, b = clean_label(left.text).lower(), clean_label(right.text).lower()
    return a.startswith(section.recipient.lower()) and b.startswith(section.donor.lower())


def enclosing_county(text: str, name: Name, names: list[Name]) -> Name | None:
    """For villages or towns "X, Y of Z County": the county they lie in, if named right after."""
    if name.level not in (None, "township", "village"):
        return None
    tail = re.match(
        r"(?:\s*,\s*[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*)*)*\s+(?:of|in)\s+", text[name.end :]
    )
    if not tail:
        return None
    start = name.end + tail.end()
    return next((n for n in names if n.start == start and n.level == "county"), None)


def _list_ending_before(text: str, names: list[Name], position: int) -> list[Name]:
    """The names ``A, B and C`` that end just before *position* (a few small words may follow)."""
    before = [n for n in names if n.end <= position]
    if not before or not _DONOR_GAP.match(text[before[-1].end : position]):
        return []
    listed = [before[-1]]
    for name in reversed(before[:-1]):
        if not _LIST_GAP.fullmatch(text[name.end : listed[0].start]):
            break
        listed.insert(0, name)
    return listed


def _list_starting_after(
    text: str, names: list[Name], position: int, end: int, reach: int = 40
) -> list[Name]:
    """The names ``A, B and C`` that start within *reach* characters after *position*."""
    after = [n for n in names if position <= n.start <= position + reach and n.end <= end]
    if not after or re.search(r"[.;]", text[position : after[0].start]):
        return []
    listed = [after[0]]
    for name in (n for n in names if n.start > after[0].start and n.end <= end):
        if not _LIST_GAP.fullmatch(text[listed[-1].end : name.start]):
            break
        listed.append(name)
    return listed


def _combine(text, donors, recipients, cue_end, end, rule) -> list[tuple[Name, Name, str]]:
    if not donors or not recipients:
        return []
    if len(donors) == len(recipients) > 1 and "respectively" in text[cue_end:end]:
        return [(d, r, rule) for d, r in zip(donors, recipients, strict=True)]
    return [(d, recipients[0], rule) for d in donors]


def _same_place(a: str, b: str) -> bool:
    """ "Xianyang" and "Xianyang City" are one place."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _facts(doc, section, span, found) -> list[PairingFact]:
    facts = []
    seen = set()
    scope = "east-west" if section.kind == "pairing" else "other"
    for donor, recipient, rule in found:
        donor_name, recipient_name = clean_label(donor.text), clean_label(recipient.text)
        key = (donor_name.lower(), recipient_name.lower())
        if key in seen or _same_place(*key):
            continue
        seen.add(key)
        facts.append(
            PairingFact(
                donor=PlaceMention(donor_name, Span(donor.start, donor.end), donor.level),
                recipient=PlaceMention(
                    recipient_name, Span(recipient.start, recipient.end), recipient.level
                ),
                scope=scope,
                evidence=Evidence(span, rule, Decimal("0.8")),
            )
        )
    return facts
