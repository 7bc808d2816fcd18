"""Who takes an amount of a sentence, when the sentence names the taker.

Tried in this order by :mod:`duikou.loaders.transfers`: the place the amount
is "worth" in ("22 projects in X worth …"), the first place after a
preposition behind the amount, a place just before it ("a project in X with
an investment of …"), one between giver and amount ("X supported Y with …"),
an unnamed collective ("for the twinned poor county"), the one west-side
place the sentence names, and the county the topic is about.
"""

from __future__ import annotations

import re

from duikou.gazetteer import load
from duikou.loaders.amounts import MoneyMention
from duikou.loaders.facts import PlaceMention
from duikou.loaders.names import Name
from duikou.loaders.sides import EAST, WEST, Sides
from duikou.loaders.text import clean_label
from duikou.loaders.transfer_cues import TRANSFER_VERBS
from duikou.loaders.transfer_givers import GIVER_CUE

__all__ = [
    "recipient_after",
    "recipient_before",
    "recipient_between",
    "recipient_phrase",
    "recipient_worth",
    "topic_county",
    "only_west_place",
    "the_two_sides",
]


_PREPOSITION = re.compile(r"\b(?:to|for|in|into|at|of|towards)\b", re.I)


_WORTH = re.compile(
    r"\s+(?:\w+\s+){0,2}?(?:worth|valued at|with (?:an?\s+|the\s+)?(?:total\s+)?investment of)"
    r"\s+(?:about\s+|nearly\s+|more than\s+|over\s+)?$",
    re.I,
)


"""Between a place and the amount that is its share: "22 projects in X worth …"."""


_IN_BEFORE = re.compile(r"\b(?:in|for|to)\s+(?:the\s+)?$", re.I)


def recipient_worth(text, chunk_start, amount, names) -> Name | None:
    """``… and 22 projects in Guangxi County worth 6 million yuan``: the place the amount is in."""
    for _, name in names.last_first(chunk_start, amount.start):
        if name.kind != "region" or not _WORTH.fullmatch(text, name.end, amount.start):
            return None
        if _IN_BEFORE.search(text, max(chunk_start, name.start - 12), name.start):
            return name
        return None
    return None


def recipient_after(text, amount, limit, names, donor) -> Name | None:
    """First place named after a preposition behind the amount (a place beats a facility)."""
    found = None
    for name in names.starting(amount.end, limit):
        if name.text == donor.name:
            continue
        gap = text[amount.end : name.start]
        if GIVER_CUE.search(gap):
            continue  # "… on behalf of X to Y": X gives
        if re.search(r"\band\s+$", gap) or TRANSFER_VERBS.match(text, name.end + 1):
            break  # the next clause's subject: "… for the county and Chaoyang City provided …"
        if re.search(r"\bfrom\s+(?:the\s+)?$", gap) or not _PREPOSITION.search(gap):
            continue
        if name.kind == "region":
            return name
        found = found or name
    return found


def recipient_before(text, chunk_start, amount, names, donor) -> Name | None:
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


def recipient_phrase(text: str, amount: MoneyMention, limit: int) -> Name | None:
    """``… 660,000 yuan of aid funds for the twinned poor county``: an unnamed recipient."""
    match = _COLLECTIVE_OBJECT.search(text, amount.end, limit)
    if not match or match.start() - amount.end > 40:
        return None
    return Name(match.group(1), match.start(1), match.end(1), "region", None)


def topic_county(counties: list[Name], amount: MoneyMention, donor) -> Name | None:
    """The county the topic is about so far (the last one named before the amount).

    Yearbook paragraphs name a county once ("Yiliang County … was hit by an
    earthquake") and then report the money without repeating it.
    """
    for county in reversed(counties):
        if county.end <= amount.start and clean_label(county.text) != donor.name:
            return county
    return None


def recipient_between(text, donor_name, amount, names) -> Name | None:
    """``Nanjing City supported Shangluo City with 3 million yuan``."""
    if donor_name is None:
        return None
    between = names.between(donor_name.end + 1, amount.start)
    for name in between:
        gap = text[donor_name.end : name.start]
        if name.kind == "region" and TRANSFER_VERBS.search(gap) and len(gap) < 40:
            return name
    return None


_EVENT_AFTER = re.compile(
    r"(?:[ \u00a0]+(?:[A-Z][\w’'-]*|on|of|and|for))*?[ \u00a0]+"
    r"(?:Conference|Fair|Forum|Expo|Festival|Exhibition|Seminar|Meeting|Summit|Symposium)\b"
)
"""A place that opens an event's name ("Nyingchi City Conference on Investment …") is its venue."""


def only_west_place(
    text: str, places: list[PlaceMention], names, sides: Sides | None, donor
) -> Name | None:
    """The one west-side place of *places* (those the sentence names before the amount)
    below the section's west side, if there is one.

    "… sent a delegation to Nang County of Nyingchi City, and signed three projects
    with investment of 20 million yuan": the money goes where the sentence is,
    Nang County; a container named with it ("of Nyingchi City") is not a second place.
    Two or more distinct places, or none, name no one taker. A place's name
    inside a programme's title counts: the title says whom the programme is for;
    one that opens an event's name is where the event was held, and one that
    opens an organisation's name stands for that organisation (*names*).
    """
    if sides is None:
        return None
    place = _one_of_side(text, places, sides, WEST, donor.name)
    if place is None:
        return None
    for name in names.between(place.span.start - 200, place.span.end + 200):
        if name.kind == "organization" and name.start <= place.span.start < name.end:
            return name  # "Nyingchi County Hope School received …": the school
    return _name(place)


_TWO_SIDES = re.compile(r"\b(?:[Tt]he\s+two\s+sides|[Bb]oth\s+sides)\s+(?:\w+ly\s+)?(?=[a-z])")


def the_two_sides(
    text: str, chunk_start: int, amount, before: list[PlaceMention], sides: Sides | None
) -> tuple[Name, Name] | None:
    """``… officials of Sanya City and representatives of Nang County held a forum. The
    two sides made clear the allocation of 10 million yuan …``: the one east-side and the
    one west-side place of the sentence before (*before*), below the section's provinces.

    ``None`` when the clause does not open with "the two sides" or "both sides", or the
    sentence before does not name one place of each side: then the two sides are the
    section's, its default parties.
    """
    if sides is None or not _TWO_SIDES.search(text, chunk_start, amount.start):
        return None
    east = _one_of_side(text, before, sides, EAST, "")
    west = _one_of_side(text, before, sides, WEST, "")
    if east is None or west is None:
        return None
    return _name(east), _name(west)


def _one_of_side(text, places, sides: Sides, side: str, other: str) -> PlaceMention | None:
    """The one place of *side* among *places* below the section's provinces, not *other*,
    events' venues and the containers of other places left out (see :func:`only_west_place`)."""
    found: dict[str, PlaceMention] = {}
    for place in places:
        label = clean_label(place.name)
        if label == other or sides.side(label) != side:
            continue
        if _EVENT_AFTER.match(text, place.span.end):
            continue
        if _is_province(label):
            continue  # the section's own sides are the defaults, not named parties
        found.setdefault(label.lower().removesuffix(" county").removesuffix(" city"), place)
    inner = [p for p in found.values() if not any(_contains(p, o) for o in found.values())]
    return inner[0] if len(inner) == 1 else None


def _name(place: PlaceMention) -> Name:
    return Name(place.name, place.span.start, place.span.end, "region", place.level)


def _is_province(name: str) -> bool:
    found = load().lookup(name)
    return bool(found) and found[0].level == "province"


def _contains(outer: PlaceMention, inner: PlaceMention) -> bool:
    """Whether *outer* is a division that holds *inner* ("Yunyang County of Chongqing")."""
    if outer is inner:
        return False
    return bool(load().lookup(clean_label(inner.name), within=clean_label(outer.name)))
