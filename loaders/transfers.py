"""Money transfers from yearbook prose: who gave how many yuan to whom, for what, when.

For each amount in a sentence (see :mod:`duikou.loaders.amounts`):

1. amounts that are not transfers (income, sales, output value, losses, a
   rate "per household") are skipped;
2. the donor is a name after "from" just behind the amount, else the subject
   of the clause (the last name before a giving verb that precedes the
   amount; "Binhai New Area of Tianjin" keeps the first name), else the
   section's donor from its heading;
3. the recipient is the first place named after a preposition behind the
   amount (a place beats a facility in it), else a name between donor and
   amount ("Nanjing City supported Shangluo City with …"), else the partner
   that the headings give the donor;
4. "respectively" hands a list of names to the amounts in order; "of which",
   "including" make the following amounts parts of the one before;
5. kind, purpose and year come from the clause's words.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right
from decimal import Decimal

from duikou.gazetteer import load
from duikou.loaders.actors import HEADS
from duikou.loaders.amounts import MoneyMention, find_amounts
from duikou.loaders.document import Document, Section, Span
from duikou.loaders.facts import (
    Evidence,
    PairingFact,
    PlaceMention,
    TransferFact,
    level_from_name,
)
from duikou.loaders.names import Name, find_names, names_in
from duikou.loaders.prose_pairings import enclosing_county, orient, scope_at
from duikou.loaders.sides import EAST, WEST, Sides, is_typed_place, sides_of
from duikou.loaders.text import clean_label, may_match
from duikou.loaders.transfer_cues import (
    NOT_TRANSFER,
    PER_UNIT,
    PROJECT_SIZE,
    TRANSFER_VERBS,
    kind_of,
    purposes_of,
)
from duikou.loaders.years import report_year, two_years_in, years_of_amount

__all__ = ["extract_transfers", "money_facts", "RULE", "RULE_PAIRING"]

RULE = "transfer-clause"
RULE_PAIRING = "transfer-parties"
_PART_CUE = re.compile(r"\b(?:of which|among which|among them|including|includes|included)\b", re.I)
_FROM = re.compile(r"\s*\(?(?:[^;()]{0,50}?\s)?from\s+(?:the\s+)?", re.I)
_OBJECT_BEFORE = re.compile(r"\b(?:to|for|in|into|of|at|with|from|by|on)\s+(?:the\s+)?$", re.I)
_CHUNK_END = re.compile(
    r",\s+and\b|;|,\s+(?:of which|among which|among them|including|while|but)\b"
)
log = logging.getLogger(__name__)

_BY_DONOR = re.compile(r"\b(?:funded|financed|sponsored|donated|provided|given|supported)\s+by\b|"
                       r"\bon behalf of\b", re.I)  # fmt: skip
"""Words that name the giver after the taker: the sentence itself turns a pair round."""
_PREPOSITION = re.compile(r"\b(?:to|for|in|into|at|of|towards)\b", re.I)


class _Names(list):
    """The names of a sentence in text order, with the ones in a stretch found by bisection.

    A sentence can hold thousands of amounts and names (a table flattened into
    prose); looking at every name for every amount would make the sentence
    quadratic.
    """

    def __init__(self, names):
        super().__init__(names)
        self.starts = [n.start for n in self]

    def between(self, lo: int, hi: int) -> list[Name]:
        """Names that start at or after *lo* and end at or before *hi*."""
        first = bisect_left(self.starts, lo)
        last = bisect_right(self.starts, hi)
        return [n for n in self[first:last] if n.end <= hi]

    def last_first(self, lo: int, hi: int):
        """``(index, name)`` of the names in ``[lo, hi]`` (as :meth:`between`), last first,
        one at a time: a caller that stops at the first fit reads only the names it needs."""
        for index in range(bisect_right(self.starts, hi) - 1, bisect_left(self.starts, lo) - 1, -1):
            if self[index].end <= hi:
                yield index, self[index]

    def starting(self, lo: int, hi: int) -> list[Name]:
        """Names that start in ``[lo, hi)``."""
        return self[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)]


def extract_transfers(doc: Document) -> list[TransferFact]:
    """Every transfer stated in *doc*, sentence by sentence."""
    return [fact for fact, _, _ in _transfers(doc)]


def money_facts(doc: Document) -> list[TransferFact | PairingFact]:
    """The transfers of *doc*, plus a pairing for each transfer between two places named in it.

    "Hedong District donated 100,000 yuan to … Minxian County" states that Hedong
    supports Minxian; a party taken from the heading or the paragraph does not count.
    """
    facts: list[TransferFact | PairingFact] = []
    pairs: set[tuple[str, str, int]] = set()
    transfers = _transfers(doc)
    givers: dict[int, set[str]] = {}
    for fact, _, _ in transfers:
        givers.setdefault(fact.evidence.span.start, set()).add(fact.donor.name.lower())
    for fact, named, donors in transfers:
        facts.append(fact)
        recipient = fact.recipient
        if not named or recipient is None or recipient.kind != "region":
            continue
        if any(_same_place(recipient.name.lower(), g) for g in givers[fact.evidence.span.start]):
            continue  # a place that gives in this sentence is on the donor side
        county = enclosing_county(doc.text, _as_name(recipient), names_in(doc, fact.evidence.span))
        if county is not None:  # money to "X Village of Y County": Y County is the paired county
            recipient = _mention(county)
        if not _one_place(recipient):
            continue  # a pairing needs two named places, not a group or "the poor areas"
        section = _section_at(doc, fact.evidence.span.start)
        scope = scope_at(doc, section, fact.evidence.span.start)
        for donor in _members(doc, fact.evidence.span, donors):
            key = (donor.name.lower(), recipient.name.lower(), fact.evidence.span.start)
            if not _one_place(donor) or key in pairs:
                continue
            oriented = orient(section, donor.name, recipient.name)
            if oriented is None:
                continue
            pairs.add(key)
            giver, taker = (donor, recipient) if oriented[0] == donor.name else (recipient, donor)
            evidence = Evidence(fact.evidence.span, RULE_PAIRING, Decimal("0.7"))
            facts.append(PairingFact(giver, taker, scope, evidence))
    return facts


def _members(doc: Document, span: Span, donors: list) -> list[PlaceMention]:
    """The donors one by one: a group ("Haikou and Sanya") stands for the places it names."""
    members: list[PlaceMention] = []
    for donor in donors:
        donor = donor if isinstance(donor, PlaceMention) else _mention(donor)
        inside = [
            n
            for n in names_in(doc, span)
            if donor.span.start <= n.start and n.end <= donor.span.end and n.kind == "region"
        ]
        members += [_mention(n) for n in inside] if len(inside) > 1 else [donor]
    return members


def _known_place(name: str) -> bool:
    """Whether the gazetteer knows *name* (a garbled run such as "… Co., Ltd for X County"
    ends in an admin word but names no division)."""
    return bool(load().lookup(clean_label(name)))


def _one_place(party: PlaceMention) -> bool:
    """A single typed place: not an organisation, a group ("A and B") or a collective phrase."""
    name = party.name
    return (
        party.kind == "region"
        and "," not in name
        and " and " not in name
        and is_typed_place(name, party.level)
    )


def _as_name(place: PlaceMention) -> Name:
    return Name(place.name, place.span.start, place.span.end, place.kind, place.level)


def _section_at(doc: Document, offset: int) -> Section:
    return next(s for s in doc.sections if s.span.start <= offset <= s.span.end)


def _transfers(doc: Document) -> list[tuple[TransferFact, bool]]:
    """Transfers, each with whether both parties were named in the sentence itself
    and the donor places behind it (several for "from Tianjin and Xiamen")."""
    year = report_year(doc)
    partners = _heading_partners(doc)
    facts: list[tuple[TransferFact, bool, list]] = []
    for section in doc.sections:
        for topic_start, paragraph in _topics(section):
            for sentence in paragraph.sentences:
                facts.extend(
                    _sentence_transfers(doc, section, sentence.span, year, partners, topic_start)
                )
    return facts


def _topics(section: Section):
    """``(topic start, paragraph)`` in reading order: a sub-section ("【Post-disaster
    reconstruction】 … in X County." then paragraphs about it) is one topic from its
    heading on; a paragraph outside sub-sections is a topic of its own."""
    for paragraph in section.paragraphs:
        yield paragraph.span.start, paragraph
    for sub in section.subsections:
        for paragraph in sub.paragraphs:
            yield sub.span.start, paragraph


def _heading_partners(doc: Document) -> dict[str, PlaceMention]:
    """Donor name (lower case) -> its recipient, as the section headings pair them."""
    partners = {}
    for section in doc.pairing_sections:
        partners.setdefault(section.donor.lower(), _mention_of_recipient(section))
    return partners


def _mention_of_donor(section: Section) -> PlaceMention:
    return PlaceMention(section.donor, section.donor_span, level_from_name(section.donor))


def _mention_of_recipient(section: Section) -> PlaceMention:
    return PlaceMention(
        section.recipient, section.recipient_span, level_from_name(section.recipient)
    )


def _mention(name: Name) -> PlaceMention:
    return PlaceMention(clean_label(name.text), Span(name.start, name.end), name.level, name.kind)


def _sentence_transfers(doc, section, span, year, partners, topic_start):
    text = doc.text
    amounts = find_amounts(text, span.start, span.end)
    if not amounts:
        return []
    names = _Names(names_in(doc, span))
    sides = sides_of(section)
    assigned = _respectively(text, span, names, amounts)
    sentence = text[span.start : span.end]
    two_years = two_years_in(sentence)
    amount_ends = [a.end for a in amounts]
    part_cues = (
        [m.end() for m in _PART_CUE.finditer(text, span.start, span.end)]
        if may_match(_PART_CUE, sentence, ("of which", "among", "includ"))
        else []
    )
    counties = [  # the counties the topic names before this sentence and in it
        n
        for n in find_names(text, topic_start, span.end)
        if n.kind == "region" and n.level == "county" and _known_place(n.text)
    ]
    facts: list[tuple[TransferFact, bool, list]] = []
    emitted: dict[int, TransferFact] = {}
    for index, amount in enumerate(amounts):
        clause_start, clause_end = _clause(text, span, amount.start)
        limit = _chunk_limit(text, amounts, index, clause_end)
        chunk_start = max(clause_start, amounts[index - 1].end if index else clause_start)
        if _not_a_transfer(text, amount, clause_start, clause_end):
            continue
        role, listed = assigned.get(amount.start, (None, None))
        donor_name = listed if role == "donor" else None
        members = [] if donor_name else _from_donors(text, amount, limit, names)
        if len(members) == 1:
            donor_name = members[0]
        elif members:
            donor_name = _group(text, members)
        partner_name = None
        donor_name = donor_name or _giver_named_after(text, clause_start, limit, names)
        if donor_name is None:
            donor_name, partner_name = _between(text, clause_start, amount, names, sides)
        if donor_name is None:
            donor_name, partner_name = _subject(text, amount, clause_start, names, section, sides)
        donor = _mention(donor_name) if donor_name else _default_donor(section, partners)
        if donor is None:
            continue
        recipient_name = listed if role == "recipient" else partner_name
        recipient_name = recipient_name or _recipient_worth(text, chunk_start, amount, names)
        recipient_name = recipient_name or _recipient_after(text, amount, limit, names, donor)
        recipient_name = recipient_name or _recipient_before(
            text, chunk_start, amount, names, donor
        )
        recipient_name = recipient_name or _recipient_between(text, donor_name, amount, names)
        recipient_name = recipient_name or _recipient_phrase(text, amount, limit)
        named = donor_name is not None and recipient_name is not None
        recipient_name = recipient_name or _topic_county(counties, amount, donor)
        if recipient_name is not None:
            recipient = _mention(recipient_name)
        else:
            recipient = _default_recipient(section, donor, partners)
        if recipient is not None and recipient.name.lower() == donor.name.lower():
            recipient = None
        context = text[chunk_start : min(limit, amount.end + 60)]
        kind = kind_of(context, donor.kind, donor.name)
        if kind == "investment" and _reversed_sides(section, donor, recipient):
            donor, recipient = recipient, donor  # "Gansu signed projects in Tianjin worth …"
        sided = _by_sides(sides, text, chunk_start, limit, amount, donor, recipient, kind)
        if sided is None:
            continue
        if sided[1] is None and recipient is not None:  # an east-side taker: the west side takes
            recipient_name, named = None, False
            sided = (sided[0], _default_recipient(section, sided[0], partners))
        donor, recipient = sided
        confidence = Decimal("0.9") - Decimal("0.1") * (donor_name is None)
        confidence -= Decimal("0.1") * (recipient_name is None)
        fact = TransferFact(
            donor=donor,
            recipient=recipient,
            amount=amount.value,
            amount_span=Span(amount.start, amount.end),
            kind=kind,
            evidence=Evidence(span, RULE, confidence),
            purposes=purposes_of(context),
            years=years_of_amount(
                sentence,
                amount.start - span.start,
                amount.end - span.start,
                year,
                two_years=two_years,
            ),
            part_of=_part_of(span, amounts, amount_ends, index, emitted, part_cues),
        )
        emitted[amount.start] = fact
        facts.append((fact, named, members if len(members) > 1 else [fact.donor]))
    return facts


def _clause(text: str, span: Span, position: int) -> tuple[int, int]:
    """The ';'-delimited clause of the sentence around *position*."""
    start = text.rfind(";", span.start, position)
    end = text.find(";", position, span.end)
    return (span.start if start == -1 else start + 1, span.end if end == -1 else end)


def _chunk_limit(text: str, amounts: list[MoneyMention], index: int, clause_end: int) -> int:
    """Where the words about amount *index* stop: the next amount, ", and", ";" or the clause end.

    An amount in brackets right behind ("700,000 yuan (300,000 yuan issued) of relief
    funds for …") does not stop it.
    """
    amount = amounts[index]
    limit = clause_end
    for later in amounts[index + 1 :]:
        if re.fullmatch(r"\s*\(\s*", text[amount.end : later.start]):
            continue
        limit = min(limit, later.start)
        break
    end = _CHUNK_END.search(text, amount.end, limit)
    return end.start() if end else limit


def _not_a_transfer(text: str, amount: MoneyMention, clause_start: int, clause_end: int) -> bool:
    before = " ".join(_last_words(text, clause_start, amount.start, 12))
    return bool(
        NOT_TRANSFER.search(before)
        or PROJECT_SIZE.search(before)
        or PER_UNIT.match(text[amount.end : clause_end])
    )


def _last_words(text: str, start: int, end: int, count: int) -> list[str]:
    """The last *count* words of ``text[start:end]``, reading no further back than needed.

    >>> _last_words("a b c d", 0, 7, 2)
    ['c', 'd']
    """
    window = 256
    while True:
        lo = max(start, end - window)
        words = text[lo:end].split()
        if len(words) > count or lo == start:  # a word cut at *lo* is not among the last
            return words[-count:] if count else []
        window *= 4


def _from_donors(text: str, amount: MoneyMention, limit: int, names: list[Name]) -> list[Name]:
    """``… 4 million yuan of relief funds from Xiqing District``; several for "from A, B and C"."""
    match = _FROM.match(text, amount.end, limit)
    if not match:
        return []
    first = names.starting(match.end(), match.end() + 3)
    if not first:
        return []
    donors = [first[0]]
    for name in names.starting(first[0].start + 1, limit):
        if not re.fullmatch(r"\s*(?:,|,?\s+and)\s+", text[donors[-1].end : name.start]):
            break
        donors.append(name)
    return donors


def _group(text: str, members: list[Name]) -> Name:
    """One party standing for several named places ("Tianjin and Xiamen")."""
    start, end = members[0].start, members[-1].end
    return Name(text[start:end], start, end, "region", None)


def _subject(
    text, amount, clause_start, names, section, sides: Sides | None = None
) -> tuple[Name | None, Name | None]:
    """The clause's subject: the last party before the amount that a giving verb follows.

    Only typed mentions are parties: an organisation, or a place the gazetteer
    knows or that ends in an admin word; another capitalised word ("Activity")
    is passed over. Names that are objects (after "to", "for", "with" …) are
    skipped. Returns ``(donor, partner)``: for "Beijing and Inner Mongolia signed …"
    the partner is the other side, and the section's donor decides which side
    gives. Two places of one side are not two sides: on the east side they are one
    party of several members ("Guangzhou and Dongguan donated …"), on the west side,
    which takes, they are passed over. A west-side place is the giver only when no
    party before it in the clause gives ("X provided … for A, B and C, signed …").
    A list "A, B and C" of parties that gives is one party; a clause that opens
    with a body of a place ("The education bureau of X donated …") has that body,
    an organisation, as its giver. Names in brackets are asides, never the giver.
    """
    first = bisect_left(names.starts, clause_start)
    skip_below, west = None, None
    for i, name in names.last_first(clause_start, amount.start):
        if skip_below is not None and i >= skip_below:
            continue
        if not TRANSFER_VERBS.search(text[name.end : amount.start]) or not _is_party(name):
            continue
        if _in_brackets(text, clause_start, name):
            continue  # "Guangdong (including A and B) donated …": an aside, not the giver
        preceding = text[max(clause_start, name.start - 30) : name.start]
        if i > first and re.fullmatch(r"\s+and\s+", text[names[i - 1].end : name.start]):
            other = names[i - 1]
            listed = _listed_before(text, names, first, i - 1)
            if listed and all(map(_is_party, listed)):  # "A, B and C donated …": one party
                members = [*listed, other, name]
                before_list = text[max(clause_start, listed[0].start - 30) : listed[0].start]
                if _OBJECT_BEFORE.search(before_list) or _any_west(sides, members):
                    skip_below = i - len(listed) - 1  # an object, or the side that takes
                    continue
                return _group(text, members), None
            side = _one_side(sides, other, name)
            if side is not None:
                before_other = text[max(clause_start, other.start - 30) : other.start]
                if side == WEST or _OBJECT_BEFORE.search(before_other):
                    skip_below = i - 1  # "cooperate with A and B, and signed": not the giver
                    continue
                return _group(text, [other, name]), None
            if _is_party(other):
                if section.donor and clean_label(name.text).lower() == section.donor.lower():
                    return name, other
                return other, name
        west_side = sides is not None and name.kind == "region" and sides.side(name.text) == WEST
        body = None if west_side else _body_of(text, clause_start, name)
        if body is not None:
            return body, None  # "The education bureau of Hangzhou donated …"
        if _OBJECT_BEFORE.search(preceding):
            continue
        if i > first and re.fullmatch(r"\s+of\s+(?:the\s+)?", text[names[i - 1].end : name.start]):
            return names[i - 1], None  # "Binhai New Area of Tianjin invested …"
        if west_side:
            if TRANSFER_VERBS.search(text, name.end, min(name.end + 40, amount.start)):
                west = west or name  # the giver only if no party of the east side gives before it
            continue
        return name, None
    return west, None


_HEAD_OF = re.compile(
    r"\s*(?:(?:In|On|During|By|From|Since)\b[^,]{0,40},\s*)?(?:[Tt]he\s+)?"
    r"(?P<head>(?:[a-z][\w’'-]*\s+){0,3}(?P<noun>[a-z][\w’'-]*))\s+of\s+(?:the\s+)?"
)
"""A clause that opens with a body of a place: "The livestock sector of …"."""
_BODIES = {
    *HEADS, "sector", "unit", "enterprise", "circle", "cadre", "member", "staff", "people",
    "departments", "bureaus", "offices", "companies", "universities", "societies",
}  # fmt: skip
"""Head nouns of a body that acts (singular, or plurals that do not end in a plain "s")."""


def _body_of(text: str, clause_start: int, name: Name) -> Name | None:
    """``The livestock sector of Jinan City donated …``: the body, an organisation of the place."""
    match = _HEAD_OF.fullmatch(text, clause_start, name.start)
    if not match:
        return None
    noun = match["noun"].lower()
    if noun not in _BODIES and noun.removesuffix("s") not in _BODIES:
        return None
    start = match.start("head")
    return Name(text[start : name.end], start, name.end, "organization", None)


def _any_west(sides: Sides | None, members: list[Name]) -> bool:
    return sides is not None and any(
        m.kind == "region" and sides.side(m.text) == WEST for m in members
    )


def _listed_before(text, names, first: int, index: int) -> list[Name]:
    """The names joined to ``names[index]`` by commas before it ("A, B" of "A, B and C")."""
    listed: list[Name] = []
    while index - 1 >= first and re.fullmatch(
        r"\s*,\s*", text[names[index - 1].end : names[index].start]
    ):
        index -= 1
        listed.insert(0, names[index])
    return listed


def _between(text, clause_start, amount, names, sides: Sides | None):
    """``… between Yantai City and Wushan County is planned to be …``: the east one gives,
    the west one takes (``(None, None)`` unless the sides tell them apart)."""
    if sides is None:
        return None, None
    for match in _BETWEEN.finditer(text, clause_start, amount.start):
        starting = names.starting(match.end(), match.end() + 1)
        if not starting:
            continue
        a = starting[0]
        after = names.starting(a.end, amount.start)
        if not after or not re.fullmatch(r"\s+and\s+(?:the\s+)?", text[a.end : after[0].start]):
            continue
        b = after[0]
        sides_ab = (sides.side(a.text), sides.side(b.text))
        if sides_ab == (EAST, WEST):
            return a, b
        if sides_ab == (WEST, EAST):
            return b, a
    return None, None


_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?", re.I)


def _one_side(sides: Sides | None, a: Name, b: Name) -> str | None:
    """The side two places share (``None`` if either is not a place, or they differ)."""
    if sides is None or a.kind != "region" or b.kind != "region":
        return None
    side = sides.side(a.text)
    return side if side is not None and side == sides.side(b.text) else None


_GIVER_CUE = re.compile(
    r"\b(?:(?:funded|financed|sponsored|donated|provided|given|granted|supported|allocated)"
    r"\s+by|on behalf of)\s+(?:the\s+)?$",
    re.I,
)


def _giver_named_after(text, clause_start, limit, names) -> Name | None:
    """The giver the sentence names after the money: "… funded by X", "… on behalf of X"."""
    for name in names.starting(clause_start, limit):
        if _is_party(name) and _GIVER_CUE.search(
            text, max(clause_start, name.start - 40), name.start
        ):
            return name
    return None


def _in_brackets(text: str, clause_start: int, name: Name) -> bool:
    """Whether *name* stands inside brackets opened after *clause_start* and not yet closed."""
    opened = text.rfind("(", clause_start, name.start)
    return opened != -1 and text.find(")", opened, name.start) == -1


def _is_party(name: Name) -> bool:
    """An organisation, or a place the gazetteer knows or that ends in an admin word."""
    return name.kind == "organization" or is_typed_place(name.text, name.level)


def _side(sides: Sides, party: PlaceMention) -> str | None:
    """The side of a place, or of an organisation named after one ("Jishishan County
    Ludao Kindergarten" is of the side of Jishishan County)."""
    if party.kind == "region":
        return sides.side(party.name)
    words = party.name.split()
    if re.search(r"\w[-–]\w", words[0]):  # "Fujian-Ningxia Industrial Park": both sides
        return None
    for size in range(min(4, len(words) - 1), 0, -1):
        side = sides.side(" ".join(words[:size]))
        if side is not None:
            return side
    return None


def _by_sides(sides: Sides | None, text: str, chunk_start: int, limit: int, amount, donor,
              recipient, kind):  # fmt: skip
    """Donor and recipient as the section's sides have them, or ``None`` to drop the amount.

    East gives, west takes. A pair that runs west → east is turned round where the
    sentence names the giver after the taker ("funded by", "on behalf of")
    or signs an investment the west side receives; otherwise it is dropped. Any
    other east-side taker is ``None``: the caller puts the section's west side there.
    """
    if sides is None or recipient is None:
        return donor, recipient
    east_west = [_side(sides, p) for p in (donor, recipient)]
    if east_west == [WEST, EAST]:
        if kind == "investment" or _BY_DONOR.search(text[chunk_start:limit]):
            return recipient, donor
        log.debug("dropped %s -> %s: west gives to east | %s", donor.name, recipient.name,
                  text[chunk_start : amount.end])  # fmt: skip
        return None
    if east_west[1] == EAST:  # the east side does not take
        return donor, None
    return donor, recipient


_WORTH = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:worth|valued at|with (?:an?\s+|the\s+)?(?:total\s+)?investment of)"
    r"\s+(?:about\s+|nearly\s+|more than\s+|over\s+)?$",
    re.I,
)
"""Between a place and the amount that is its share: "22 projects in X worth …"."""
_IN_BEFORE = re.compile(r"\b(?:in|for|to)\s+(?:the\s+)?$", re.I)


def _recipient_worth(text, chunk_start, amount, names) -> Name | None:
    """``… and 22 projects in Guangxi County worth 6 million yuan``: the place the amount is in."""
    for _, name in names.last_first(chunk_start, amount.start):
        if name.kind != "region" or not _WORTH.fullmatch(text, name.end, amount.start):
            return None
        if _IN_BEFORE.search(text, max(chunk_start, name.start - 12), name.start):
            return name
        return None
    return None


def _recipient_after(text, amount, limit, names, donor) -> Name | None:
    """First place named after a preposition behind the amount (a place beats a facility)."""
    found = None
    for name in names.starting(amount.end, limit):
        if name.text == donor.name:
            continue
        gap = text[amount.end : name.start]
        if _GIVER_CUE.search(gap):
            continue  # "… on behalf of X to Y": X gives
        if re.search(r"\band\s+$", gap) or TRANSFER_VERBS.match(text, name.end + 1):
            break  # the next clause's subject: "… for the county and Chaoyang City provided …"
        if re.search(r"\bfrom\s+(?:the\s+)?$", gap) or not _PREPOSITION.search(gap):
            continue
        if name.kind == "region":
            return name
        found = found or name
    return found


def _recipient_before(text, chunk_start, amount, names, donor) -> Name | None:
    """``one was a project in Yiliang County with an investment of 10.4 million yuan``."""
    for name in reversed(names.between(chunk_start, amount.start)):
        preceding = text[max(chunk_start, name.start - 12) : name.start]
        if (
            name.kind == "region"
            and clean_label(name.text) != donor.name
            and re.search(r"\b(?:in|for|to)\s+(?:the\s+)?$", preceding)
        ):
            return name
    return None


_COLLECTIVE_OBJECT = re.compile(
    r"\b(?:to|for)\s+(the\s+(?:[a-z’'\-]+\s+){0,4}?"
    r"(?:county|counties|villages?|townships?|areas?|regions?|households|students|schools?))\b"
)


def _recipient_phrase(text: str, amount: MoneyMention, limit: int) -> Name | None:
    """``… 660,000 yuan of aid funds for the twinned poor county``: an unnamed recipient."""
    match = _COLLECTIVE_OBJECT.search(text, amount.end, limit)
    if not match or match.start() - amount.end > 40:
        return None
    return Name(match.group(1), match.start(1), match.end(1), "region", None)


def _topic_county(counties: list[Name], amount: MoneyMention, donor) -> Name | None:
    """The county the topic is about so far (the last one named before the amount).

    Yearbook paragraphs name a county once ("Yiliang County … was hit by an
    earthquake") and then report the money without repeating it.
    """
    for county in reversed(counties):
        if county.end <= amount.start and clean_label(county.text) != donor.name:
            return county
    return None


def _recipient_between(text, donor_name, amount, names) -> Name | None:
    """``Nanjing City supported Shangluo City with 3 million yuan``."""
    if donor_name is None:
        return None
    between = names.between(donor_name.end + 1, amount.start)
    for name in between:
        gap = text[donor_name.end : name.start]
        if name.kind == "region" and TRANSFER_VERBS.search(gap) and len(gap) < 40:
            return name
    return None


def _reversed_sides(section: Section, donor, recipient) -> bool:
    """True when the section's recipient appears as donor and its donor as recipient."""
    if section.kind != "pairing" or recipient is None:
        return False
    return _same_place(donor.name, section.recipient) and _same_place(recipient.name, section.donor)


def _same_place(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a == b or a.startswith(b + " ") or b.startswith(a + " ")


def _default_donor(section: Section, partners) -> PlaceMention | None:
    return _mention_of_donor(section) if section.kind == "pairing" else None


def _default_recipient(section: Section, donor: PlaceMention, partners) -> PlaceMention | None:
    partner = partners.get(donor.name.lower())
    if partner is not None:
        return partner
    if section.kind == "pairing":
        return _mention_of_recipient(section)
    return None


def _respectively(text, span, names, amounts) -> dict[int, tuple[str, Name]]:
    """``Yunnan, Guizhou and Gansu received …, respectively 255 …, 156 … and 91 …``."""
    where = text.find("respectively", span.start, span.end)
    if where == -1:
        return {}
    after = [a for a in amounts if a.start > where]
    listed = _name_list_before(text, names, where)
    if len(listed) < 2 or len(listed) != len(after):
        return {}
    role = "recipient" if re.search(r"\breceiv", text[listed[-1].end : where]) else "donor"
    return {a.start: (role, n) for a, n in zip(after, listed, strict=True)}


def _name_list_before(text: str, names: list[Name], position: int) -> list[Name]:
    """The longest run ``A, B and C`` of names before *position*."""
    best: list[Name] = []
    run: list[Name] = []
    for name in (n for n in names if n.end <= position):
        if run and re.fullmatch(r"\s*(?:,|and|, and)\s*", text[run[-1].end : name.start]):
            run.append(name)
        else:
            run = [name]
        if len(run) >= len(best):
            best = list(run)
    return best


def _part_of(span, amounts, ends, index, emitted, cues) -> tuple[int, int, int] | None:
    """If an "of which" stands between an earlier amount and this one, that amount is the total.

    *ends* are the amounts' end offsets and *cues* those of the sentence's "of which"
    words, both in text order (amounts do not overlap).
    """
    before = bisect_right(cues, amounts[index].start)  # the cues that end before this amount
    if not before:
        return None
    total = bisect_right(ends, cues[before - 1], 0, index)  # the earlier amounts before that cue
    if not total or amounts[total - 1].start not in emitted:
        return None
    return (span.start, span.end, amounts[total - 1].start)
