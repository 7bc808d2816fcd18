"""Recognise the line types of the genre: pairing headings, sub-headings, attributions.

These are shapes of yearbook layout, not facts of any one chapter:

* ``Dalian – Guizhou Pairing-off Poverty Alleviation`` — any dash, any spacing;
* ``【Investment of anti-poverty funds】 In 2012, …`` — or ``Labor cooperation】 …``
  when the opening bracket was lost in conversion;
* ``(Wang Jing, Liaoning Provincial Office of Economic Cooperation)`` — the
  section's reporting office, sometimes with the author, brackets not always balanced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from duikou.loaders.sides import is_known_place
from duikou.loaders.text import DASHES, clean_label

__all__ = [
    "PairingHeading",
    "SubHeading",
    "AttributionParts",
    "match_pairing_heading",
    "match_broken_heading",
    "match_subheading",
    "match_attribution",
    "looks_like_title",
]

_D = re.escape(DASHES)
_KEYWORD = (
    rf"(?:(?:East[\s{_D}]*West\s+)?(?:Pairing(?:[\s{_D}]*off)?|Counterpart|Twinning)\b"
    r"|(?P<cooperation>Cooperation\s+(?:on|in|for)\s+Poverty\b))"
)
"""What names a pairing section ("[East-West] Pairing-off", "Cooperation on Poverty")."""
_TAIL_WORDS = r"(?:\s+(?:[A-Z][\w'’]*|in|on|for|of|and|the)){0,6}\s*$"
"""The rest of the heading: capitalised words and the small words between them."""
_PAIRING_HEADING = re.compile(
    rf"""^(?P<donor>[^{_D}\s][^{_D}]*?)(?:\s*[{_D}]\s*|(?P<conjunction>\s+and\s+))(?P<recipient>\S.*?)\s+
    {_KEYWORD}{_TAIL_WORDS}""",
    re.VERBOSE,
)
_BETWEEN_HEADING = re.compile(
    rf"""^(?:[A-Z][\w'’]*\s+)*?{_KEYWORD}(?:\s+[A-Z][\w'’]*)*\s+between\s+
    (?P<donor>[A-Z].*?)\s+(?P<conjunction>and)\s+(?P<recipient>[A-Z].*?)\s*$""",
    re.VERBOSE,
)
"""``Pairing-off Poverty Alleviation between Beijing and Inner Mongolia``."""
_HEADING_TAIL = re.compile(
    rf"(?<!\S)(?:Pairing(?:[\s{_D}]*off)?|Counterpart|Twinning)\b(?:\s+[A-Z][\w'’]*){{0,4}}\s*$"
)
_NAME_WORDS = re.compile(r"^(?:[A-Z][\w'’]*\s+){0,5}[A-Z][\w'’]*$")
_COMPASS = {"east", "eastern", "west", "western", "central"}
_NOT_PLACES = _COMPASS | {"national", "overall", "general", "overview", "the", "new"}
_OPENING = "(（【[「『"
_CLOSING = ")）】]」』"
_SUBHEADING = re.compile(r"^【(?P<title>[^【】\n]{1,160})】")
_LOST_BRACKET_SUBHEADING = re.compile(r"^(?P<title>[A-Z0-9][^【】\n.。]{0,160}?)】")
_ATTRIBUTION = re.compile(r"^[(（](?P<body>[^\n]{3,300}?)[)）]*$")
_NAME_TOKEN = re.compile(r"^[A-Z][a-z]+(?:-[a-z]+)?$")
_ORG_WORDS = {
    "office", "department", "bureau", "commission", "government", "committee",
    "group", "center", "centre", "division", "association", "council", "ministry",
    "agency", "administration", "leading", "provincial", "municipal", "city",
    "province", "people's", "team", "institute", "foundation", "federation",
}  # fmt: skip


@dataclass(frozen=True)
class PairingHeading:
    """Offsets are relative to the matched line."""

    donor: str
    donor_span: tuple[int, int]
    recipient: str
    recipient_span: tuple[int, int]


@dataclass(frozen=True)
class SubHeading:
    title: str
    title_span: tuple[int, int]
    end: int  # offset just after the closing bracket


@dataclass(frozen=True)
class AttributionParts:
    organization: str | None
    author: str | None


def match_pairing_heading(line: str) -> PairingHeading | None:
    """Parse ``Donor – Recipient Pairing-off …`` (also ``Donor and Recipient …``,
    ``… Pairing-off … between Donor and Recipient``, ``Donor – Recipient Cooperation on
    Poverty …``); ``None`` for anything else.

    Without a dash both sides must be places the gazetteer knows.

    >>> heading = match_pairing_heading("Hainan and Tibet Pairing-off Cooperation for Poverty")
    >>> heading.donor, heading.recipient
    ('Hainan', 'Tibet')
    >>> match_pairing_heading("Labor and Trade Cooperation on Poverty Alleviation") is None
    True
    """
    if len(line) > 200 or line.rstrip().endswith((".", "。")):
        return None
    m = _PAIRING_HEADING.match(line) or _BETWEEN_HEADING.match(line)
    if not m or m["donor"].strip().lower() in _COMPASS:
        return None
    if (m["conjunction"] or m["cooperation"]) and not (
        is_known_place(m["donor"]) and is_known_place(m["recipient"])
    ):
        return None  # "Labor and Trade Cooperation on Poverty …": no dash, so both must be places
    donor_span = _trim_brackets(line, *m.span("donor"))
    recipient_span = _trim_brackets(line, *m.span("recipient"))
    if donor_span[0] == donor_span[1] or recipient_span[0] == recipient_span[1]:
        return None
    return PairingHeading(
        donor=clean_label(line[slice(*donor_span)]),
        donor_span=donor_span,
        recipient=clean_label(line[slice(*recipient_span)]),
        recipient_span=recipient_span,
    )


def match_broken_heading(line: str) -> str | None:
    """What is missing from a line shaped like a pairing heading that names no pair.

    ``None`` for a full heading and for anything not shaped like one.

    >>> match_broken_heading("– Inner Mongolia Pairing-off Poverty Alleviation")
    'no donor'
    >>> match_broken_heading("Beijing – Pairing-off Poverty Alleviation")
    'no recipient'
    >>> match_broken_heading("Inner Mongolia Pairing-off Poverty Alleviation")
    'no dash between donor and recipient'
    >>> match_broken_heading("East-West Pairing-off Poverty Alleviation") is None
    True
    """
    line = line.strip()
    if len(line) > 200 or line.endswith((".", "。")) or match_pairing_heading(line):
        return None
    tail = _HEADING_TAIL.search(line)
    if tail is None or any(ch in line for ch in "【】") or line.startswith(("(", "（")):
        return None
    before = line[: tail.start()].strip().strip(_OPENING + _CLOSING).strip()
    if not before:
        return "no donor or recipient"
    if before[0] in DASHES:
        return "no donor"
    if before[-1] in DASHES:
        return "no recipient"
    first = re.split(rf"[\s{_D}]+", before)[0].lower()
    if first in _NOT_PLACES or any(ch in before for ch in DASHES) or not _NAME_WORDS.match(before):
        return None
    return "no dash between donor and recipient"


def _trim_brackets(line: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``line[start:end]`` past blanks and brackets left open or closed at its edges.

    ``(Beijing`` gives ``Beijing``; a balanced ``Corps (XPCC)`` is kept whole.
    """
    while True:
        text = line[start:end]
        stripped = text.strip()
        start += len(text) - len(text.lstrip())
        end = start + len(stripped)
        if not stripped:
            return start, start
        if stripped[0] in _OPENING and _CLOSING[_OPENING.index(stripped[0])] not in stripped[1:]:
            start += 1
        elif stripped[-1] in _CLOSING and _OPENING[_CLOSING.index(stripped[-1])] not in stripped:
            end -= 1
        else:
            return start, end


def match_subheading(line: str) -> SubHeading | None:
    """Parse ``【Title】 rest`` or ``Title】 rest`` (opening bracket lost)."""
    m = _SUBHEADING.match(line) or _LOST_BRACKET_SUBHEADING.match(line)
    if not m or not m["title"].strip():
        return None
    return SubHeading(title=clean_label(m["title"]), title_span=m.span("title"), end=m.end())


def match_attribution(line: str) -> AttributionParts | None:
    """Parse a closing ``(Author, Office)`` line; ``None`` if the line is prose."""
    if len(line) > 400:  # longer than any attribution; also keeps the regex from backtracking
        return None
    m = _ATTRIBUTION.match(line)
    if not m:
        return None
    body = clean_label(m["body"].replace("(", " ").replace("（", " "))
    body = body.strip(" ,;)）")
    if not body or body.endswith(".") or ". " in body:
        return None
    first, _, rest = body.partition(",")
    first, rest = first.strip(), rest.strip()
    if rest and _is_person_name(first):
        return AttributionParts(organization=rest, author=first)
    return AttributionParts(organization=body, author=None)


def _is_person_name(text: str) -> bool:
    tokens = text.split()
    return (
        2 <= len(tokens) <= 4
        and all(_NAME_TOKEN.match(t) for t in tokens)
        and not any(t.lower() in _ORG_WORDS for t in tokens)
    )


def looks_like_title(line: str) -> bool:
    """A short line without closing punctuation: a chapter title or a bare heading."""
    stripped = line.strip()
    return (
        0 < len(stripped) <= 160
        and not stripped.endswith((".", "。", ",", ";", ":"))
        and stripped[0].isupper()
        and "【" not in stripped
        and "】" not in stripped
    )
