"""Dates as the yearbook writes them, turned into XSD lexical forms.

The genre dates events loosely: "On March 14, 2015", "From June 2 to 5,
2015", "From September 28 to October 2, 2015", "In May 2015", "On April 9" (no
year: the report year is meant), "In 2015". Each becomes an xsd:date,
xsd:gYearMonth or xsd:gYear value, so precision is kept instead of invented.
A date without a year takes the document's report year, which is read from
the document itself (the commonest year in "In 20XX" phrases), never assumed.

>>> dates = find_dates("From September 28 to October 2, 2015, it rained.")
>>> [(d.start, d.end, d.datatype) for d in dates]
[('2015-09-28', '2015-10-02', 'date')]
>>> [(d.start, d.datatype) for d in find_dates("On May 9, they met.", default_year=2015)]
[('2015-05-09', 'date')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from duikou.loaders.document import Span

__all__ = ["DateMention", "find_dates", "MONTHS"]

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}  # fmt: skip

_M = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?)"
)
_MONTH_STEMS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""How every month's name in :data:`_M` starts."""
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
_Y = r"((?:19|20)\d{2})"
_TO = r"\s*(?:to|until|through|-|\u2013|\u2014)\s*"

# Most specific first; later patterns only fill text the earlier ones left.
_PATTERNS = [
    ("days2", re.compile(rf"\b({_M})\s+{_D}{_TO}({_M})\s+{_D}(?:,?\s*{_Y})?")),
    ("days1", re.compile(rf"\b({_M})\s+{_D}{_TO}{_D}(?:,?\s*{_Y})?")),
    ("day", re.compile(rf"\b({_M})\s+{_D}\b(?:,?\s*{_Y})?")),
    ("day-first", re.compile(rf"\b{_D}\s+({_M}),?\s+{_Y}")),
    ("months", re.compile(rf"\b({_M}),?\s+{_Y}{_TO}({_M}),?\s+{_Y}")),
    ("month", re.compile(rf"\b({_M}),?\s+{_Y}")),
    ("bare-month", re.compile(rf"\b(?:[Ii]n|[Ee]arly|[Ll]ate|[Mm]id-)\s+({_M})\b(?![\s,]*\d)")),
    ("year", re.compile(rf"\b(?:[Ii]n|[Dd]uring)\s+(?:the\s+year\s+)?{_Y}\b(?!\s*[-\u2013])")),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date or date range read at ``span``; ``start``/``end`` are XSD lexical forms."""

    start: str
    end: str | None
    datatype: str  # "date", "gYearMonth" or "gYear"
    span: Span


def _month(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _day(year: int | None, month: int, day: int) -> str | None:
    if year is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _convert(kind: str, g: tuple, default_year: int | None) -> tuple[str | None, str | None, str]:
    if kind == "days2":
        year = int(g[4]) if g[4] else default_year
        return _day(year, _month(g[0]), int(g[1])), _day(year, _month(g[2]), int(g[3])), "date"
    if kind == "days1":
        year = int(g[3]) if g[3] else default_year
        month = _month(g[0])
        return _day(year, month, int(g[1])), _day(year, month, int(g[2])), "date"
    if kind == "day":
        year = int(g[2]) if g[2] else default_year
        return _day(year, _month(g[0]), int(g[1])), None, "date"
    if kind == "day-first":  # "22 November 2015"
        return _day(int(g[2]), _month(g[1]), int(g[0])), None, "date"
    if kind == "months":
        first, last = f"{g[1]}-{_month(g[0]):02d}", f"{g[3]}-{_month(g[2]):02d}"
        return first, last, "gYearMonth"
    if kind == "month":
        return f"{g[1]}-{_month(g[0]):02d}", None, "gYearMonth"
    if kind == "bare-month":
        if default_year is None:
            return None, None, "gYearMonth"
        return f"{default_year}-{_month(g[0]):02d}", None, "gYearMonth"
    return g[0], None, "gYear"


def find_dates(text: str, offset: int = 0, default_year: int | None = None) -> list[DateMention]:
    """Every date in *text* (offsets shifted by *offset*), in reading order.

    Dates without a year get *default_year*; when that is ``None`` they are skipped.
    """
    taken: list[tuple[int, int]] = []
    found = []
    months = any(stem in text for stem in _MONTH_STEMS)
    for kind, pattern in _PATTERNS:
        if kind != "year" and not months:
            continue  # every other pattern needs a month's name
        for match in pattern.finditer(text):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            start, end, datatype = _convert(kind, match.groups(), default_year)
            if start is None or (end is not None and end < start):
                continue
            taken.append((s, e))
            found.append(DateMention(start, end, datatype, Span(offset + s, offset + e)))
    return sorted(found, key=lambda d: d.span.start)
