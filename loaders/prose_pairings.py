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

import logging
import re
from decimal import Decimal

from duikou.loaders.document import Document, Section, Span
from duikou.loaders.facts import Evidence, PairingFact, PlaceMention, level_from_name
from duikou.loaders.names import Name, names_in
from duikou.loaders.sides import EAST, WEST, Sides, is_typed_place, sides_of
from duikou.loaders.text import DASHES, clean_label, may_match

log = logging.getLogger(__name__)

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
    r"helped|assisted|funded|renovated|dug|introduced|formed|purchased)\b",
    re.I,
)
_ACTION_CUES = ("implemented", "built", "set up", "constructed", "established", "launched",
                "carried out", "promoted", "helped", "assisted", "funded", "renovated", "dug",
                "introduced", "formed", "purchased")  # fmt: skip
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
_LIST_GAP = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?\s*")
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
                actor = next((f.donor for f in found if _acts(f, sentence.span)), actor)
                facts.extend(found)
    return facts


def _acts(fact: PairingFact, span: Span) -> bool:
    """Whether *fact*'s donor acts in the sentence *span*, named there (for a later "It")."""
    if fact.evidence.rule == RULE_ACTION:
        return True
    named = span.start <= fact.donor.span.start < span.end
    return named and fact.evidence.rule in (RULE_SUPPORT, RULE_SIDED_SUPPORT, RULE_SIDED_MONEY)


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
        found.extend(_sided(doc, section, span, names, actor))
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


RULE_SIDED_SUPPORT = "sided-support"
RULE_SIDED_MONEY = "sided-money"
RULE_AGREEMENT = "sided-agreement"
RULE_JOINT = "sided-joint-subject"
RULE_ACTIVITY = "sided-activity-in"

_SIDED_CUE = re.compile(
    r"\b(?:(?:counterpart|pairing(?:-off)?|twinning)\s+(?:support|assistance|aid)\s+(?:for|to)|"
    r"support(?:s|ed|ing)?|assist(?:s|ed|ing)?|help(?:s|ed|ing)?|"
    r"(?:paired|twinned)\s+(?:up\s+)?with|pair(?:s|ed)?\s+up\s+with)\b",
    re.I,
)
"""A support phrase whose object, a west-side place, is the recipient."""
_SIDED_CUES = ("support", "assist", "help", "pair", "twinned", "aid")
_AID_FOR = re.compile(
    r"\b(?:provid(?:e|es|ed|ing)|g[ai]ve[sn]?|giving|allocat(?:e|es|ed|ing)|"
    r"arrang(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|donat(?:e|es|ed|ing)|offer(?:s|ed|ing)?|"
    r"grant(?:s|ed|ing)?|issu(?:e|es|ed|ing)|invest(?:s|ed|ing)?|introduc(?:e|es|ed|ing))"
    r"\b[^.;]{0,80}?\bfor\s+",
    re.I,
)
"""An aid verb, then "for X": "Sanya City donated 2 million yuan for Nang County"."""
_AID_FOR_CUES = ("provid", "gave", "give", "giving", "allocat", "arrang", "rais", "donat",
                 "offer", "grant", "issu", "invest", "introduc")  # fmt: skip
_ACTIVITY_IN = re.compile(
    r"\bto\s+(?:\w+ly\s+)?(?:hold|carry\s+out|conduct|organi[sz]e|run|launch|implement)\b"
    r"[^.;]{0,100}?\bin\s+"
)
"""Places sent to act in a west-side place: "organized A, B and C recruitment groups to hold
job fairs … in X and Y"; the places before are the subject of the "to" verb."""
_MONEY_INTO = re.compile(
    r"\byuan\b[^.;]{0,60}?\b(?:was|were|has been|have been|had been)\s+(?:\w+ly\s+)?"
    r"(?:invested|issued|allocated|granted|provided|put|spent|used|given|donated|arranged|"
    r"earmarked|injected)\s+(?:in|into|for|to)\s+",
    re.I,
)
"""Money put into a place: "3 million yuan was invested in Nang County"."""
_OBJECT_LEAD = re.compile(
    r"^\s*(?:the\s+)?(?:(?:[\w’'-]+\s+){0,10}?(?:in|of|for|to|at)\s+(?:the\s+)?)?$", re.I
)
"""Between a cue and its recipient: nothing, "the", or a few words ending "in/of/for"."""
_NOT_OBJECT = re.compile(r"\b(?:from|by|with|and)\s+(?:the\s+)?$", re.I)
_OF = re.compile(r"\s*,?\s+(?:of|in)\s+(?:the\s+)?")
_SIGNED = re.compile(r"\bsign(?:ed|s|ing)?\b", re.I)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?", re.I)
_BETWEEN_CONTEXT = re.compile(
    r"\b(?:sign\w*|agreements?|pairing|twinn\w*|counterpart|exchanges?|cooperation)\b", re.I
)
_SIGNED_WITH = re.compile(r"\bsigned\b[^.;]{0,120}?\bwith\s+(?:the\s+)?", re.I)
_PRONOUN = re.compile(r"(?:^|[,;]\s*|\band\s+)(?:it|they)\s+(?:\w+ly\s+)?$", re.I)
_JOINT_CONTEXT = re.compile(
    r"\b(?:pairing|twinn\w*|counterpart|each other|mutual\w*|exchanges?|cooperation)\b", re.I
)
_JOINT_VERB = re.compile(r"\s+(?:\w+ly\s+)?(?:[a-z]+ed|sent|held|set|made|built|began)\b")
_FRONTED = re.compile(r"\s*In\s+(?:the\s+)?")
_WE_ACT = re.compile(
    r",\s+(?:we|it)\s+(?:\w+ly\s+)?(?:supported|assisted|helped|invested|built|implemented|"
    r"funded|launched|set up|carried out)\b"
)


def _sided(doc: Document, section: Section, span: Span, names: list[Name], actor=None):
    """Pairings read with the section's sides (:mod:`duikou.loaders.sides`).

    * a support phrase ("supported", "counterpart support for", "assisted", "helped",
      "paired with", "twinned with") or an aid verb's "for X", whose object is a list
      of west-side places ("… in Moyu County", "… in Xinle Town of Moyu County");
    * money put into a west-side place ("… yuan was invested in X County");
    * east-side places sent to act in west-side ones ("organized A and B recruitment
      groups to hold job fairs in X");
    * an agreement or exchange between (or signed with) east-side and west-side places;
    * an east-side and a west-side place acting together on their pairing
      ("Jinghu District and Lop County sent cadres to each other");
    * "In X County, we supported …": the reporting (east) side in a fronted west place.

    The donor is the sentence's east-side subject (the nearest east-side list before
    the cue), the paragraph's last acting place for "it"/"they", or the section's east
    side when the sentence names none before the cue and nothing else acts (a west-side
    place, an organisation). Direction comes from the sides, never from word order.
    A list of several donors and a list of as many recipients pair up in order, as
    with "respectively" (the translations often leave the word out: "Wuhu City and
    Hefei City supported Lop County and Moyu County"); lists of different lengths
    pair each with each, as the words say ("A, B and C … held job fairs in X and Y").
    """
    sides = sides_of(section)
    if sides is None:
        return []
    text = doc.text
    places = [n for n in names if _typed(n)]
    found: list[tuple[Name, Name, str]] = []
    cues = [(c, RULE_SIDED_SUPPORT) for c in _scan(_SIDED_CUE, doc, span, _SIDED_CUES)]
    cues += [(c, RULE_SIDED_SUPPORT) for c in _scan(_AID_FOR, doc, span, _AID_FOR_CUES)]
    cues += [(c, RULE_SIDED_MONEY) for c in _scan(_MONEY_INTO, doc, span, ("yuan",))]
    cues += [(c, RULE_ACTIVITY) for c in _scan(_ACTIVITY_IN, doc, span, ("to ",))]
    everyone = names_in(doc, span)
    for cue, rule in cues:
        if cue.group(0)[0].isupper() or _quoted(text, span.start, cue.start()):
            continue  # a title: "… Cases of Nantong’s Support for the Education in …"
        by = _BY.match(text, cue.end(), span.end)
        if by and rule == RULE_SIDED_SUPPORT:  # "Lop County was supported by Wuhu City"
            found.extend(_passive(text, places, sides, span.start, cue, by.end(), span.end))
            continue
        recipients = _west_object(text, places, sides, cue.end(), span.end)
        if not recipients:
            continue
        donors = _east_subject(text, everyone, sides, span.start, cue.start(), section, actor)
        if rule == RULE_ACTIVITY:  # the places sent must be named, not the section's default
            donors = [d for d in donors if span.start <= d.start < span.end]
        found.extend(_combine(text, donors, recipients, cue.end(), span.end, rule))
    if _BETWEEN_CONTEXT.search(doc.quote(span)):
        found.extend(_agreements(text, places, sides, span))
    if _JOINT_CONTEXT.search(doc.quote(span)):
        found.extend(_joint_subjects(text, places, sides, span))
    found.extend(_fronted(text, places, sides, span, section))
    found.extend(_clause_actions(text, places, sides, span))
    return found


_CLAUSE_VERB = re.compile(
    r"(?:,?\s+(?:\w+ly|also|further|has|have|had|continued to))*\s+"
    r"(?:implemented|built|set up|constructed|established|launched|carried out|funded|"
    r"renovated|rebuilt|dug|introduced|undertook|invested|donated|put in|supported|helped|"
    r"assisted|hardened)\b"
)
"""After a subject: adverbs, then a verb of acting ("Wuhu City also built …")."""


def _clause_actions(text, places, sides, span) -> list[tuple[Name, Name, str]]:
    """``Wuhu City built a school in Lop County, Bengbu City set up a clinic for Xinle Town
    of Moyu County``: each east-side subject with the first west-side place it acts in
    (a village or town stands for the county named after it), up to the next subject."""
    found = []
    for index, subject in enumerate(places):
        if sides.side(subject.text) != EAST:
            continue
        boundary = max(text.rfind(c, span.start, subject.start) for c in ",;")
        lead = text[max(boundary + 1, span.start) : subject.start].strip()
        if lead not in ("", "and"):
            continue
        verb = _CLAUSE_VERB.match(text, subject.end, span.end)
        if not verb:
            continue
        semicolon = text.find(";", verb.end(), span.end)
        stop = semicolon if semicolon != -1 else span.end
        for place in places[index + 1 :]:
            if place.start >= stop or sides.side(place.text) == EAST:
                break
            if place.start < verb.end():
                continue
            if not _acted_in(text, verb.end(), place):
                if sides.side(place.text) == WEST:
                    break  # a direct object: "Wuhu City supported Lop County to build …"
                continue
            where = enclosing_county(text, place, places) or place
            if sides.side(where.text) == WEST:
                if where is place:
                    listed = _side_list(text, places, sides, places.index(place), stop, WEST)
                else:
                    listed = [where]
                found.extend((subject, member, RULE_ACTION) for member in listed or [where])
            break
    return found


_BY = re.compile(r"\s+by\s+(?:the\s+)?")


def _passive(text, places, sides, start, cue, position, end) -> list[tuple[Name, Name, str]]:
    """``West was supported by East``: read in text order, West first; :func:`_direction`
    turns the pair round because the sentence says "supported by"."""
    givers = [n for n in places if n.start == position and n.end <= end]
    clause_start = max(text.rfind(";", start, cue.start()) + 1, start)
    before = [n for n in places if clause_start <= n.start and n.end <= cue.start()]
    if not givers or not before or sides.side(givers[0].text) != EAST:
        return []
    taker = before[-1]
    if sides.side(taker.text) != WEST or not _PASSIVE_GAP.fullmatch(text[taker.end : cue.start()]):
        return []
    return [(taker, givers[0], RULE_SIDED_SUPPORT)]


_PASSIVE_GAP = re.compile(r"\s+(?:was|were|is|are|has been|have been|had been)\s+(?:\w+ly\s+)?")


def _side_list(text, places, sides, index, end, side) -> list[Name]:
    """The places of *side* listed from ``places[index]`` on: ``A, B and the C``.

    A place's container right after it ("Xishui County of Zunyi City", "Moyu County
    of Hotan Prefecture") is not a member; the list goes on after it
    ("A of P City and B of Q City"). A village or town of a named county
    ("Xinle Town of Moyu County") stands for that county.
    """
    listed: list[Name] = []
    i, last_end = index, None
    while i < len(places) and places[i].end <= end:
        if last_end is not None and not _LIST_GAP.fullmatch(text[last_end : places[i].start]):
            break
        member, following = _member(text, places, i, end, sides)
        container = places[following - 1].text if places[following - 1] is not member else None
        if sides.side(member.text, within=container) != side:
            break
        if member not in listed:
            listed.append(member)
        i, last_end = following, places[following - 1].end
    return listed


def _member(text, places, i, end, sides) -> tuple[Name, int]:
    """``(place, next index)`` for the list member at ``places[i]``, past its container."""
    name = places[i]
    nxt = places[i + 1] if i + 1 < len(places) and places[i + 1].end <= end else None
    if nxt is None or not _OF.fullmatch(text[name.end : nxt.start]):
        return name, i + 1
    if name.level in ("township", "village"):
        return nxt, i + 2  # "Xinle Town of Moyu County": the county
    return name, i + 2  # "Moyu County of Hotan Prefecture": the county, past its container


def _west_object(text, places, sides, position, end) -> list[Name]:
    """The west-side places right after *position* (``A, B and the C``) in one clause."""
    for index, name in enumerate(places):
        if name.start < position < name.end:
            return []  # the cue lies inside a name read as one: "… Company for X County"
        if name.start < position or name.end > end:
            continue
        lead = text[position : name.start]
        if not _OBJECT_LEAD.match(lead) or _NOT_OBJECT.search(lead):
            return []
        return _side_list(text, places, sides, index, end, WEST)
    return []


def _quoted(text: str, start: int, position: int) -> bool:
    """Whether *position* lies inside a “quoted” title opened after *start*."""
    segment = text[start:position]
    return segment.count("“") > segment.count("”")


def _east_subject(text, names, sides, start, position, section, actor=None) -> list[Name]:
    """The east-side list nearest before *position* in its clause, or the section's east side.

    ``[]`` when the place nearest before the cue in its clause is not on the east side, or
    when an organisation acts there ("Businesses of … Chamber of Commerce invested …"):
    an organisation giving is not a pairing of places. "It" or "they" before the cue is
    the paragraph's last acting place (*actor*), if there is one.
    """
    clause_start = max(text.rfind(";", start, position) + 1, start)
    places = [n for n in names if n.kind == "region" and _typed(n) and n.start >= start]
    before = [n for n in places if clause_start <= n.start and n.end <= position]
    if before:
        last = before[-1]
        if sides.side(last.text) != EAST:
            return []
        listed = [last]
        for other in reversed(before[:-1]):
            gap = text[other.end : listed[0].start]
            if not _LIST_GAP.fullmatch(gap) or not _listed_on(sides, other, EAST):
                break
            listed.insert(0, other)
        return listed
    bodies = [n for n in names if n.kind == "organization" and clause_start <= n.start <= position]
    if bodies:
        place = _government_place(bodies[-1])
        if place is not None and sides.side(place.text) == EAST:
            return [place]
        return []
    if _PRONOUN.search(text, clause_start, position) or re.match(
        r"\s*(?:it|they)\b", text[clause_start:position], re.I
    ):
        if actor is None or sides.side(actor.name) != EAST:
            return []
        return [Name(actor.name, actor.span.start, actor.span.end, "region", actor.level)]
    if any(sides.side(n.text) == EAST for n in places if n.start >= position):
        return []  # "Through supporting … in X County, Wuhu City helped …": named later
    start_, end_ = section.donor_span.start, section.donor_span.end
    return [Name(section.donor, start_, end_, "region", level_from_name(section.donor))]


_GOVERNMENT_HEADS = {"bureau", "department", "office", "commission", "government", "committee"}
_PLACE_PREFIX = re.compile(
    r"[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,2}?\s(?:City|County|District|Prefecture|Province|"
    r"League|Banner)\b"
)


def _listed_on(sides: Sides, name: Name, side: str) -> bool:
    """Whether *name*, listed with places of *side*, is on that side: it is, or it may be
    ("Xiamen, Anxi County and Quanzhou City": Anxi County is also a county of Gansu, but
    listed with two cities of Fujian it is the county of Fujian)."""
    found = sides.side(name.text)
    return found == side or (found is None and sides.may_be(name.text, side))


def _government_place(body: Name) -> Name | None:
    """``Shaoxing City Education Bureau``: the place a government body belongs to.

    Only government bodies (bureau, department, office, commission, government,
    committee) stand for their place; a hospital, school, company or chamber of
    commerce does not (institutions are not pairings).
    """
    if body.text.split()[-1].lower().rstrip(".") not in _GOVERNMENT_HEADS:
        return None
    prefix = _PLACE_PREFIX.match(body.text)
    if prefix is None:
        return None
    name = prefix.group(0)
    return Name(name, body.start, body.start + len(name), "region", level_from_name(name))


def _agreements(text, places, sides, span) -> list[tuple[Name, Name, str]]:
    """``… signed … between X County and Y District``, ``the exchange between A and B of P
    and C``, ``X signed … with Y``: each east-side member with each west-side one."""
    found = []
    for cue in _BETWEEN.finditer(text, span.start, span.end):
        index = next((i for i, n in enumerate(places) if n.start == cue.end()), None)
        if index is None:
            continue
        first = sides.side(places[index].text)
        if first is None:
            continue
        one = _side_list(text, places, sides, index, span.end, first)
        after = [i for i, n in enumerate(places) if n.start > one[-1].end and n.end <= span.end]
        gap_start = one[-1].end
        if after and _OF.fullmatch(text[gap_start : places[after[0]].start]):
            gap_start = places[after[0]].end  # past the container: "… of Xiamen and …"
            after = after[1:]
        if not after or not re.fullmatch(
            r"\s+and\s+(?:the\s+)?", text[gap_start : places[after[0]].start]
        ):
            continue
        other = _side_list(text, places, sides, after[0], span.end, WEST if first == EAST else EAST)
        east, west = (one, other) if first == EAST else (other, one)
        if east and west and (len(east) == 1 or len(west) == 1):
            found.extend((d, r, RULE_AGREEMENT) for d in east for r in west)
    for cue in _SIGNED_WITH.finditer(text, span.start, span.end):
        after = [n for n in places if n.start == cue.end()]
        clause_start = max(text.rfind(";", span.start, cue.start()) + 1, span.start)
        before = [n for n in places if clause_start <= n.start and n.end <= cue.start()]
        if after and before:
            a, b = before[-1], after[0]
            side_a, side_b = sides.side(a.text), sides.side(b.text)
            if {side_a, side_b} == {EAST, WEST}:
                found.append((a, b, RULE_AGREEMENT) if side_a == EAST else (b, a, RULE_AGREEMENT))
    return found


def _joint_subjects(text, places, sides, span) -> list[tuple[Name, Name, str]]:
    """``Jinghu District and Lop County sent cadres to each other``: an east-side and a
    west-side place as one subject, in a sentence about their pairing."""
    found = []
    for a, b in zip(places, places[1:], strict=False):
        if not re.fullmatch(r"\s+and\s+", text[a.end : b.start]):
            continue
        boundary = max(text.rfind(c, span.start, a.start) for c in ",;")
        if text[max(boundary + 1, span.start) : a.start].strip():
            continue  # not the subject of the sentence or clause
        if not _JOINT_VERB.match(text, b.end):
            continue
        side_a, side_b = sides.side(a.text), sides.side(b.text)
        if {side_a, side_b} == {EAST, WEST} and a.level != "province" and b.level != "province":
            found.append((a, b, RULE_JOINT) if side_a == EAST else (b, a, RULE_JOINT))
    return found


def _fronted(text, places, sides, span, section) -> list[tuple[Name, Name, str]]:
    """``In Longde County, we supported …``: the reporting side acts in a fronted west place."""
    found = []
    for name in places:
        clause_start = max(text.rfind(";", span.start, name.start) + 1, span.start)
        if not _FRONTED.fullmatch(text[clause_start : name.start]):
            continue
        if sides.side(name.text) != WEST or not _WE_ACT.match(text, name.end):
            continue
        donor = Name(
            section.donor,
            section.donor_span.start,
            section.donor_span.end,
            "region",
            level_from_name(section.donor),
        )
        found.append((donor, name, RULE_SIDED_SUPPORT))
    return found


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
    if _IT.match(text, span.start, span.end) and actor is not None:
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
    sides = sides_of(section)
    stop = next(
        (
            p.start
            for p in places
            if p.start > action.end() and sides and sides.side(p.text) == EAST
        ),
        span.end,
    )  # another east-side place acts from there on: "…, Rizhao City set up … for …"
    for place in places:
        if place.start < action.end() or place.level is None or _on_side(place, section.donor):
            continue
        if place.start >= stop:
            break
        if place.level in ("county", "prefecture") and _acted_in(text, action.end(), place):
            if sides is not None and sides.side(place.text) == WEST:
                index = places.index(place)
                listed = _side_list(text, places, sides, index, min(stop, span.end), WEST)
                return [(subject, member, RULE_ACTION) for member in listed or [place]]
            return [(subject, place, RULE_ACTION)]
    return []


_IT = re.compile(r"(?:[A-Z]\w+,\s+)?[Ii]t\s")
"""A sentence whose subject is "It" ("It built …", "Meanwhile, it purchased …")."""
_IN_NAMED = re.compile(r"\b(?:in|for|at)\s+(?P<part>(?:[A-Z][\w’'-]*\s+){1,4})(?:of|in)\s+$")
"""``for Panlong Subdistrict of ``: a place the reader cannot type, inside the next one."""


def _acted_in(text: str, start: int, place: Name) -> bool:
    """Whether *place* is where the action happens: "in X", "for X", "in Y Subdistrict of X"."""
    before = text[max(start, place.start - 60) : place.start]
    if _IN_PLACE.search(before[-12:]):
        return True
    part = _IN_NAMED.search(before)
    return bool(part) and not is_typed_place(part["part"].strip())


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


_LIES_IN = re.compile(
    r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)[A-Z][\w’'\-]*(?:\s[A-Z][\w’'\-]*)*)*\s+(?:of|in)\s+"
)
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
    if len(donors) > 1 and len(donors) == len(recipients):  # "respectively", said or not
        return [(d, r, rule) for d, r in zip(donors, recipients, strict=True)]
    return [(d, r, rule) for d in donors for r in recipients]  # each with each


def _same_place(a: str, b: str) -> bool:
    """ "Xianyang" and "Xianyang City" are one place."""
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


_BY_PASSIVE = re.compile(
    r"\b(?:funded|financed|provided|supported|assisted|aided|sponsored|donated|built|"
    r"constructed|invested|offered|given)\s+by\b",
    re.I,
)
"""A sentence that says the giver comes after: "… provided by Sanya City"."""


def _direction(
    sides: Sides | None, donor: Name, recipient: Name, rule: str, sentence: str
) -> tuple[Name, Name] | None:
    """The pair as the section's sides say: east gives, west receives; ``None`` to drop it.

    A pair running west → east is turned round only where the sentence says the giver
    comes after ("funded by", "provided by") or the pair is a name pair like
    "Tibet – Hainan cooperation"; otherwise it is dropped (logged at debug level).
    """
    if sides is None:
        return donor, recipient
    d_side, r_side = sides.side(donor.text), sides.side(recipient.text)
    if d_side is None and r_side is None:
        return donor, recipient
    if d_side != WEST and r_side != EAST:
        return donor, recipient
    if d_side != EAST and r_side != WEST:
        if rule in (RULE_PASSIVE, RULE_INLINE) or _BY_PASSIVE.search(sentence):
            return recipient, donor
        reason = "runs west to east and the sentence does not say so"
    else:
        reason = "both parties are on one side"
    log.debug("dropped pairing %s -> %s: %s (%r)", donor.text, recipient.text, reason, sentence)
    return None


def _typed(name: Name) -> bool:
    """A party must be a typed place: known to the gazetteer, an admin-word name, or a
    counted group of places ("157 counties …")."""
    return is_typed_place(name.text, name.level) or _is_place_group(name.text)


def _facts(doc, section, span, found) -> list[PairingFact]:
    facts = []
    seen = set()
    scope = scope_at(doc, section, span.start)
    sides = sides_of(section)
    sentence = doc.quote(span)
    for donor, recipient, rule in found:
        if not (_typed(donor) and _typed(recipient)):
            log.debug("dropped pairing %s -> %s: not a typed place", donor.text, recipient.text)
            continue
        directed = _direction(sides, donor, recipient, rule, sentence)
        if directed is None:
            continue
        donor, recipient = directed
        if sides is None or (sides.side(donor.text), sides.side(recipient.text)) == (None, None):
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
