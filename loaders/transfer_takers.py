"""Who takes an amount of a sentence, when the sentence names the taker.

Tried in this order by :mod:`duikou.loaders.transfers`: the place the amount
is "worth" in ("22 projects in X worth …"), the first place after a
preposition behind the amount, a place just before it ("a project in X with
an investment of …"), one between giver and amount ("X supported Y with …"),
an unnamed collective ("for the twinned poor county"), and the county the
topic is about.
"""

from __future__ import annotations

import re

from duikou.loaders.amounts import MoneyMention
from duikou.loaders.names import Name
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
