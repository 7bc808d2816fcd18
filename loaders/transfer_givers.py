"""Who gives an amount of a sentence: the giver, and the section's sides that check it.

The giver of an amount is, in this order: a list of names after "from" behind
it; one party named after the money ("on behalf of X", "funded by X"); the
east-side place of a "between A and B"; else the subject of the clause
(:func:`subject`). Only typed mentions are parties: an organisation, or a
place the gazetteer knows or that ends in an admin word. Then
:func:`by_sides` puts giver and taker the way the section's two sides have
them: the east side gives, the west side takes.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_left, bisect_right

from duikou.loaders.actors import HEADS
from duikou.loaders.amounts import MoneyMention
from duikou.loaders.facts import PlaceMention
from duikou.loaders.names import Name
from duikou.loaders.sides import EAST, WEST, Sides, is_typed_place
from duikou.loaders.text import clean_label
from duikou.loaders.transfer_cues import TRANSFER_VERBS

__all__ = [
    "Names",
    "GIVER_CUE",
    "from_donors",
    "giver_named_after",
    "group",
    "named_between",
    "subject",
    "by_sides",
    "definite_giver",
    "person_giver",
    "collective_giver",
]


_FROM = re.compile(r"\s*\(?(?:[^;()]{0,50}?\s)?from\s+(?:the\s+)?", re.I)


_OBJECT_BEFORE = re.compile(r"\b(?:to|for|in|into|of|at|with|from|by|on)\s+(?:the\s+)?$", re.I)


log = logging.getLogger(__name__)


_BY_DONOR = re.compile(r"\b(?:funded|financed|sponsored|donated|provided|given|supported)\s+by\b|"
                       r"\bon behalf of\b", re.I)  # fmt: skip


"""Words that name the giver after the taker: the sentence itself turns a pair round."""


class Names(list):
    """The names of a sentence in text order, with the ones in a stretch found by bisection.

    A sentence can hold thousands of amounts and names (a table flattened into
    prose); looking at every name for every amount would make the sentence
    quadratic.
    """

    def __init__(self, names, text: str = "", start: int = 0, end: int = 0):
        super().__init__(names)
        self.starts = [n.start for n in self]
        self._text, self._span = text, (start, end)
        self._cues: dict[re.Pattern, list[int]] = {}

    def cue_ends(self, pattern: re.Pattern, lo: int, hi: int) -> list[int]:
        """Where the matches of *pattern* in the sentence end, those in ``[lo, hi]``
        (the sentence is read once per pattern)."""
        if pattern not in self._cues:
            found = pattern.finditer(self._text, *self._span)
            self._cues[pattern] = [m.end() for m in found]
        ends = self._cues[pattern]
        return ends[bisect_left(ends, lo) : bisect_right(ends, hi)]

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


def from_donors(text: str, amount: MoneyMention, limit: int, names: list[Name]) -> list[Name]:
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


def group(text: str, members: list[Name], kind: str = "region") -> Name:
    """One party standing for several named places ("Haikou and Sanya") or, with
    *kind* "organization", bodies that act together: "A Chamber of Commerce and B
    Chamber of Commerce invested …" are co-parties, not giver and taker."""
    start, end = members[0].start, members[-1].end
    return Name(text[start:end], start, end, kind, None)


def subject(
    text, amount, clause_start, names, section, sides: Sides | None = None
) -> tuple[Name | None, Name | None]:
    """The clause's subject: the last party before the amount that a giving verb follows.

    Only typed mentions are parties: an organisation, or a place the gazetteer
    knows or that ends in an admin word; another capitalised word ("Activity")
    is passed over. Names that are objects (after "to", "for", "with" …) are
    skipped. Returns ``(donor, partner)``: for "Beijing and Inner Mongolia signed …"
    the partner is the other side, and the section's donor decides which side
    gives. Two places of one side are not two sides: on the east side they are one
    party of several members ("Haikou and Sanya donated …"), on the west side,
    which takes, they are passed over. Two organisations joined by "and" are
    co-parties that give together, never giver and taker of each other. A west-side
    place is the giver only when no party before it in the clause gives ("X provided
    … for A, B and C, signed …").
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
                return group(text, members), None
            side = _one_side(sides, other, name)
            if side is not None:
                before_other = text[max(clause_start, other.start - 30) : other.start]
                if side == WEST or _OBJECT_BEFORE.search(before_other):
                    skip_below = i - 1  # "cooperate with A and B, and signed": not the giver
                    continue
                return group(text, [other, name]), None
            if _is_party(other):
                if name.kind == "organization" and other.kind == "organization":
                    return group(text, [other, name], "organization"), None  # co-signers
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
            return names[i - 1], None  # "Jiangdong New Area of Haikou invested …"
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
    """``The livestock sector of Sanya City donated …``: the body, an organisation of the place."""
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


def named_between(text, clause_start, amount, names, sides: Sides | None):
    """``… between Sanya City and Nang County is planned to be …``: the east one gives,
    the west one takes (``(None, None)`` unless the sides tell them apart)."""
    if sides is None:
        return None, None
    for end in names.cue_ends(_BETWEEN, clause_start, amount.start):
        starting = names.starting(end, end + 1)
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


GIVER_CUE = re.compile(
    r"\b(?:(?:funded|financed|sponsored|donated|provided|given|granted|supported|allocated)"
    r"\s+by|on behalf of)\s+(?:the\s+)?$",
    re.I,
)


_GIVER_CUE_AT = re.compile(GIVER_CUE.pattern.removesuffix("$"), re.I)


_DEFINITE = re.compile(
    r"\b[Tt]he\s+(?P<head>company|group|enterprise|corporation|foundation|association|"
    r"chamber|bank|hospital|school|university|website)\s+(?:(?:\w+ly|also|then|further)\s+)*"
)


"""A body named before, taken up again by its head noun: "… and the company donated"."""


_SAME_HEAD = {
    **dict.fromkeys(("company", "group", "enterprise", "corporation"),
                    {"company", "co", "ltd", "limited", "corporation", "group", "enterprise"}),
    "website": {"com", "cn", "net", "org"},
}  # fmt: skip


"""Heads a definite noun may take up besides its own: a group is a company; "the website"."""


def definite_giver(text: str, chunk_start: int, amount, names: Names) -> Name | None:
    """``Manager of Sanya Tianya Group Li Ming donated …, and the company donated 50,000
    yuan …``: "the company" gives, and it is the last organisation named before it whose
    head word fits (a company, group or corporation for "the company")."""
    for match in _DEFINITE.finditer(text, chunk_start, amount.start):
        if not TRANSFER_VERBS.match(text, match.end()):
            continue
        head = match["head"]
        fits = _SAME_HEAD.get(head, set()) | {head}
        for _, name in names.last_first(names[0].start if names else 0, match.start()):
            last = re.split(r"[\s.,]+", name.text.rstrip(".,").lower())[-1]
            if name.kind == "organization" and last in fits:
                return Name(name.text, name.start, name.end, name.kind, name.level)
        return None
    return None


_NEW_SUBJECT = re.compile(r"(?:,|;)\s*(?:and\s+|while\s+)?(?:the\s+)?$")


def person_giver(text: str, persons, clause_start: int, amount, names: Names) -> Name | None:
    """A person the clause names with a post who gives: "Vice Chairman … Wang Jianguo led
    a group of entrepreneurs to Nang County and donated 2.4 million yuan for the county".

    Asked only when no place or organisation gives. The person is the subject: the
    clause's last person before the amount, not after "by", "to", "with" … , with a
    giving verb after the name, and no new clause with a subject of its own between
    them ("Director X visited Y, and Sanya City donated …").
    """
    for person in reversed(persons):
        start = min([person.span.start, *(p.span.start for p in person.posts)])
        if person.span.end > amount.start or start < clause_start:
            continue
        if _OBJECT_BEFORE.search(text, max(clause_start, start - 12), start):
            return None
        verb = TRANSFER_VERBS.search(text, person.span.end, amount.start)
        if verb is None:
            return None
        for name in names.between(person.span.end, verb.start()):
            if _is_party(name) and _NEW_SUBJECT.search(text, person.span.end, name.start):
                return None  # "…, and Sanya City donated": another subject gives
        return Name(person.name, person.span.start, person.span.end, "person", None)
    return None


_COLLECTIVE = re.compile(
    r"(?:^|(?<=[,;]\s)|(?<=\d{4},\s))(?P<np>the\s+(?:\d+\s+)?(?:[a-z][a-z-]*\s+){0,3}?"
    r"(?:provinces|municipalities|regions|cities|prefectures|counties|districts)"
    r"(?:(?:\s*,\s*|\s+and\s+)(?:autonomous\s+regions|municipalities|provinces|cities))*)"
    r"(?=\s+(?:\w+ly\s+|also\s+)*(?:[a-z]+ed|gave|paid|sent|raised|spent)\b)",
    re.I,
)
"""A group of places as a clause's subject: "the eastern provinces and municipalities
provided …", "the 18 eastern provinces donated …"."""


def collective_giver(text: str, sentence_start: int, amount) -> Name | None:
    """The group of places a sentence opens with as its subject ("In 2012, according to
    statistics, the eastern provinces and municipalities provided a total of …"): a typed
    Collective mention. Asked only where no section names a donor (the national overview),
    and only for the subject of the sentence, which governs its ';'-clauses too."""
    lead = text[sentence_start : amount.start]
    opening = re.match(r"\s*(?:In\s+\d{4},\s*)?(?:according to [a-z ]+,\s*)?", lead, re.I)
    match = _COLLECTIVE.match(lead, opening.end() if opening else 0)
    if match is None:
        return None
    start = sentence_start + match.start("np")
    return Name(match["np"], start, sentence_start + match.end("np"), "region", None)


def giver_named_after(clause_start, limit, names: Names) -> Name | None:
    """The giver the sentence names after the money: "… funded by X", "… on behalf of X"."""
    for end in names.cue_ends(_GIVER_CUE_AT, clause_start, limit):
        after = names.starting(end, end + 1)
        if after and _is_party(after[0]):
            return after[0]
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


def by_sides(sides: Sides | None, text: str, chunk_start: int, limit: int, amount, donor,
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
