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
from duikou.loaders.names import Name, names_in
from duikou.loaders.text import DASHES, clean_label, may_match

__all__ = [
    "pairings_from_prose",
    "scope_at",
    "enclosing_county",
    "orient",
    "RULE_SUPPORT",
    "RULE_PASSIVE",
    "RULE_INLINE",
]

RULE_SUPPORT = "support-phrase"
RULE_PASSIVE = "support-passive"
RULE_INLINE = "inline-pair"
RULE_ACTION = "action-in-place"

_ACTION = re.compile(
    r"\b(?:implemented|built|set up|constructed|established|launched|carried out|promoted|"
    r"helped|assisted|funded|renovated|dug|introduced|formed)\b",
    re.I,
)
_ACTION_CUES = ("implemented", "built", "set up", "constructed", "established", "launched",
                "carried out", "promoted", "helped", "assisted", "funded", "renovated", "dug",
                "introduced", "formed")  # fmt: skip
"""Words every :data:`_ACTION` match holds one of (in any case)."""
_IN_PLACE = re.compile(r"\b(?:in|for|at)\s+(?:the\s+)?$", re.I)

_SUPPORT = re.compile(
    r"\b(?:(?:to\s+)?(?:provide[sd]?|providing|give[sn]?|gave|offer(?:ed|s)?|extend(?:ed|s)?)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:support|assistance|aid|help)(?:\s+and\s+(?:support|assistance|aid))?"
    r"\s+(?:for|to)|"
    r"(?P<bare>support(?:ed|s)?|assist(?:ed|s)?|help(?:ed|s)?)|"
    r"(?:is|are|was|were)?\s*(?:paired|twinned)\s+(?:up\s+)?with|"
    r"pair(?:ed|s)?\s+up\s+with)\b",
    re.I,
)
_SUPPORT_CUES = ("support", "assist", "help", "aid", "pair", "twinned")
"""Words every :data:`_SUPPORT` match holds one of (in any case)."""
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
_BARE_GAP = re.compile(r"^\s*(?:(?:\w+ly|also|further|still|continued to|continue to)\s+)*$")
"""Between a subject and a bare "supported": only adverbs ("Hangzhou City actively assisted …")."""


def pairings_from_prose(doc: Document) -> list[PairingFact]:
    """Every pairing the prose of *doc* states, one per (donor, recipient, sentence)."""
    facts: list[PairingFact] = []
    for section in doc.sections:
        for paragraph in section.all_paragraphs():
            actor = None  # who "It" refers to: the last acting place of the paragraph
            for sentence in paragraph.sentences:
                found = _sentence_pairings(doc, section, sentence.span, actor)
                actor = next((f.donor for f in found if f.evidence.rule == RULE_ACTION), actor)
                facts.extend(found)
    return facts


def _sentence_pairings(
    doc: Document, section: Section, span: Span, actor: PlaceMention | None = None
) -> list[PairingFact]:
    text = doc.text
    names = [n for n in names_in(doc, span) if n.kind == "region"]
    found: list[tuple[Name, Name, str]] = []
    for cue in _scan(_SUPPORT, doc, span, _SUPPORT_CUES):
        bare = cue["bare"] is not None
        gap = _BARE_GAP if bare else _DONOR_GAP
        groups = _groups_before(text, span.start, cue.start())
        donors = groups or _list_ending_before(text, names, cue.start(), gap)
        recipients = _list_starting_after(
            text, names, cue.end(), span.end, reach=6 if bare else 40
        ) or _group_after(text, cue.end(), span.end)
        found.extend(_combine(text, donors, recipients, cue.end(), span.end, RULE_SUPPORT))
    if section.kind == "pairing":
        found.extend(_action_in_place(text, section, span, names, actor))
    if may_match(_NAMELY, doc.quote(span), ("namely",)):
        found.extend(_namely(text, span, names))
    for cue in _scan(_TWINNED_INTO, doc, span, ("twinned",)):
        donors = _list_ending_before(text, names, cue.start())
        recipients = _list_starting_after(text, names, cue.end(), span.end, reach=2)
        found.extend(_combine(text, donors, recipients, cue.end(), span.end, RULE_SUPPORT))
    for cue in _scan(_PASSIVE, doc, span, ("support", "assist", "aid")):
        recipients = _list_starting_after(text, names, cue.end(), span.end, reach=60)
        by = _PROVIDED_BY.search(text, cue.end(), span.end)
        if by and recipients:
            donors = _list_starting_after(text, names, by.end(), span.end, reach=2)
            found.extend((d, recipients[-1], RULE_PASSIVE) for d in donors)
    for left, right in zip(names, names[1:], strict=False):
        if _INLINE.match(text[left.end : right.start]) and _INLINE_TAIL.match(text[right.end :]):
            found.append((left, right, RULE_INLINE))  # oriented by the heading in _facts
    found = [(d, enclosing_county(text, r, names) or r, rule) for d, r, rule in found]
    return _facts(doc, section, span, found)


def _scan(pattern: re.Pattern, doc: Document, span: Span, cues: tuple[str, ...]):
    """``pattern.finditer`` over *span*, skipped if it holds none of *cues* (:func:`may_match`)."""
    if may_match(pattern, doc.quote(span), cues):
        return pattern.finditer(doc.text, span.start, span.end)
    return ()


_TWINNED_INTO = re.compile(r"\btwinned\b[^.;]{0,150}?\b(?:into|to)\s+(?=[A-Z])")
"""``Beijing adjusted the twinned … counties … into Chifeng and Ulanqab``."""
_NAMELY = re.compile(r"\bnamely\s+", re.I)
_SUPPORT_FOR = re.compile(r"\b(?:counterpart|pairing(?:-off)?|twinning)\s+support\s+for\s+", re.I)


def _namely(text: str, span: Span, names: list[Name]) -> list[tuple[Name, Name, str]]:
    """``… four cities for the pairing-off, namely A, B, C and D, … counterpart support for X``."""
    found = []
    for cue in _NAMELY.finditer(text, span.start, span.end):
        if not re.search(r"pairing|counterpart|twinn", text[span.start : cue.start()], re.I):
            continue
        donors = _list_starting_after(text, names, cue.end(), span.end, reach=2)
        target = _SUPPORT_FOR.search(text, cue.end(), span.end)
        if len(donors) < 2 or not target:
            continue
        recipients = _list_starting_after(text, names, target.end(), span.end, reach=2)
        found.extend((d, r, RULE_SUPPORT) for d in donors for r in recipients[:1])
    return found


def _action_in_place(text: str, section: Section, span: Span, names: list[Name], actor=None):
    """``Wuxi City implemented … project in Luochuan County`` inside a pairing section.

    The subject must be a named place that is not the section's recipient side,
    the place acted in must carry an admin word and not be the donor side. A
    sentence that starts with "It" acts for the paragraph's last acting place.
    """
    if re.match(r"It\s", text[span.start : span.start + 3]) and actor is not None:
        subject = Name(actor.name, actor.span.start, actor.span.end, "region", actor.level)
        places = names
    elif names:
        subject, places = names[0], names[1:]
    else:
        return []
    lead = text[span.start : subject.start] if subject.start >= span.start else ""
    if len(lead.split()) > 4 or _on_side(subject, section.recipient) or subject.level is None:
        return []
    if not may_match(_ACTION, text[span.start : span.end], _ACTION_CUES):
        return []
    action = _ACTION.search(text, max(subject.end, span.start), span.end)
    if not action or action.start() - max(subject.end, span.start) > 60:
        return []
    for place in places:
        if place.start < action.end() or place.level is None or _on_side(place, section.donor):
            continue
        before = text[max(0, place.start - 12) : place.start]
        if place.level in ("county", "prefecture") and _IN_PLACE.search(before):
            return [(subject, place, RULE_ACTION)]
    return []


def _on_side(name: Name, heading_name: str | None) -> bool:
    return bool(heading_name) and clean_label(name.text).lower().startswith(heading_name.lower())


_WITHIN_PROVINCE = re.compile(
    r"\b(?:provincial|regional|intra-provincial)\s+pairing|\bwithin the (?:province|region)\b|"
    r"\bin the province\b|\bits own (?:cities|counties)\b",
    re.I,
)


def scope_at(doc: Document, section: Section, offset: int) -> str:
    """``east-west`` in a pairing section; in the overview, ``intra-provincial`` where the
    paragraph speaks of provinces pairing their own places ("provincial pairing-off"), else
    ``other``."""
    if section.kind == "pairing":
        return "east-west"
    paragraph = next(
        (p for p in section.all_paragraphs() if p.span.start <= offset <= p.span.end), None
    )
    if paragraph is not None and _WITHIN_PROVINCE.search(doc.quote(paragraph.span)):
        return "intra-provincial"
    return "other"


def orient(section: Section, donor: str, recipient: str) -> tuple[str, str] | None:
    """Put a pair the way the section heading says, or drop it.

    In the Tianjin – Gansu section, "Gansu – Tianjin cooperation" is Tianjin → Gansu,
    and a pair that makes Tianjin (or a place named after it) receive is dropped.
    """
    if section.kind != "pairing":
        return donor, recipient
    a, b = clean_label(donor).lower(), clean_label(recipient).lower()
    if a.startswith(section.recipient.lower()) and b.startswith(section.donor.lower()):
        return recipient, donor
    if b.startswith(section.donor.lower()):
        return None
    return donor, recipient


def enclosing_county(text: str, name: Name, names: list[Name]) -> Name | None:
    """For villages or towns "X, Y of Z County": the county they lie in, if named right after."""
    if name.level not in (None, "township", "village"):
        return None
    tail = _LIES_IN.match(text, name.end)
    if not tail:
        return None
    start = tail.end()
    return next((n for n in names if n.start == start and n.level == "county"), None)


_LIES_IN = re.compile(r"(?:\s*,\s*[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*)*)*\s+(?:of|in)\s+")
"""What comes between a village or town and the county it lies in: ", Y of "."""


_COUNTED = (
    r"(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"[a-z]+teen|[a-z]+ty)"
)
_PLACE_GROUP = re.compile(
    rf"^(?:the\s+)?{_COUNTED}\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:cities|city|counties|county|districts|district|banners|prefectures|villages|towns|"
    r"townships|divisions|provinces|regions|municipalities|leagues|areas)\b"
    r"(?=\s*(?:$|\(|,|\b(?:in|of|and|across|under)\b))",
    re.I,
)
"""A counted group of places: "157 counties …", "five economically strong divisions …"."""
_GROUP_HEAD = re.compile(rf"(?:the\s+)?{_COUNTED}\s+", re.I)
"""How every :data:`_PLACE_GROUP` starts."""
_LEAD = re.compile(
    r"(?:^|[,;]\s+|\b(?:organized|arranged|designated|mobilized|assigned|asked|required|had)\s+)",
    re.I,
)
_GROUP_TAIL = re.compile(
    r"(?:\s+(?:were|was|are|is)\s+(?:designated|organized|arranged|assigned|asked|required))?"
    r"(?:\s+to)?\s*$",
    re.I,
)
_GROUP_END = re.compile(
    r"[,;.]|\s(?:to|in order|and (?:implemented|promoted|carried)|with)\s|$", re.I
)


def _groups_before(text: str, start: int, position: int) -> list[Name]:
    """Counted groups of places just before a support phrase: "157 counties (…) of 66 …".

    A coordination of two counted groups ("seven cities and 37 counties in …") is two donors.
    """
    segment = _without_brackets(text[start:position])
    for lead in reversed(list(_LEAD.finditer(segment))):
        group_start = lead.end()
        if not _GROUP_HEAD.match(text, start + group_start):
            continue  # no count: not a group, whatever its tail
        tail = _GROUP_TAIL.search(segment, group_start)
        group_text = text[start + group_start : start + tail.start()]
        if _is_place_group(group_text):
            break
    else:
        return []
    names, offset = [], start + group_start
    for part in re.split(rf"\s+and\s+(?={_COUNTED}\s)", group_text):
        begin = text.index(part, offset)
        if _is_place_group(part):
            names.append(Name(part, begin, begin + len(part), "region", None))
        offset = begin + len(part)
    return names


def _group_after(text: str, position: int, end: int) -> list[Name]:
    """A counted group of places right after a support phrase: "… for 179 banners (…) in …"."""
    rest = _without_brackets(text[position:end])
    lead = len(rest) - len(rest.lstrip())
    stop = _GROUP_END.search(rest, lead)
    group_text = text[position + lead : position + stop.start()]
    if not _is_place_group(group_text):
        return []
    begin = position + lead
    return [Name(group_text, begin, begin + len(group_text), "region", None)]


def _is_place_group(phrase: str) -> bool:
    return (
        0 < len(phrase.split()) <= 14
        and "yuan" not in phrase.lower()
        and bool(_PLACE_GROUP.match(phrase))
    )


def _without_brackets(segment: str) -> str:
    """Blank out bracketed parts (same length: offsets hold), so their commas cut no group."""
    return re.sub(r"\([^()]*\)", lambda m: " " * len(m.group(0)), segment)


def _list_ending_before(
    text: str, names: list[Name], position: int, gap: re.Pattern = _DONOR_GAP
) -> list[Name]:
    """The names ``A, B and C`` that end just before *position* (*gap* says what may follow)."""
    before = [n for n in names if n.end <= position]
    if not before or not gap.match(text[before[-1].end : position]):
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
    return [(d, r, rule) for d in donors for r in recipients]


def _same_place(a: str, b: str) -> bool:
    """ "Xianyang" and "Xianyang City" are one place."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _facts(doc, section, span, found) -> list[PairingFact]:
    facts = []
    seen = set()
    scope = scope_at(doc, section, span.start)
    for donor, recipient, rule in found:
        oriented = orient(section, donor.text, recipient.text)
        if oriented is None:
            continue
        if oriented[0] != donor.text:
            donor, recipient = recipient, donor
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
