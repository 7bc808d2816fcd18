"""Which year a figure belongs to.

A yearbook reports on one year (the 2013 edition on 2012); that *report year*
is read from the text itself — the most frequent year in "In 20XX" phrases —
never assumed. Figures default to it; a few phrasings move a figure to the
year before ("from 30 million yuan to 36 million yuan", "than that in 2014
(41.5 million yuan)", "before 2015") or to a span ("over the past two years",
"in 2010 and 2011").
"""

from __future__ import annotations

import re
from collections import Counter

from duikou.loaders.document import Document
from duikou.loaders.text import may_match

__all__ = ["report_year", "years_of_amount", "two_years_in"]

_IN_YEAR = re.compile(r"\b[Ii]n (19[89]\d|20\d\d)\b")
_N_YEAR = re.compile(r"n (19[89]\d|20\d\d)\b")
"""The tail of :data:`_IN_YEAR`: starting with letters, it scans a chapter ten times faster."""
_YEAR = r"(19[89]\d|20\d\d)"
_TWO_YEARS = re.compile(r"\b(?:over|in) the (?:past|last) two years\b", re.I)


def report_year(doc: Document) -> int | None:
    """The year the document reports on: the most frequent "In YYYY" (ties: the later)."""
    return doc.memoized("report-year", lambda: _most_frequent_year(doc.text))


def _most_frequent_year(text: str) -> int | None:
    counts = Counter(
        int(m.group(1))
        for m in _N_YEAR.finditer(text)
        if m.start() and _IN_YEAR.match(text, m.start() - 1)  # the whole "In YYYY"
    )
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def two_years_in(sentence: str) -> bool:
    """Whether *sentence* speaks of "the past two years" (its amounts then cover two)."""
    return may_match(_TWO_YEARS, sentence, ("two years",)) and bool(_TWO_YEARS.search(sentence))


def years_of_amount(
    sentence: str, start: int, end: int, default: int | None, *, two_years: bool | None = None
):
    """``(first, last)`` years of the amount at ``sentence[start:end]`` (relative offsets).

    *two_years* is :func:`two_years_in` of the sentence, given by a caller that
    asks about many amounts of one sentence.

    >>> s = "Aid grew from 30 million yuan to 36 million yuan."
    >>> years_of_amount(s, 14, 29, 2015), years_of_amount(s, 33, 48, 2015)
    ((2014, 2014), (2015, 2015))
    >>> s = "It was 2 million yuan more than that in 2014 (41.5 million yuan)."
    >>> years_of_amount(s, 46, 63, 2015)
    (2014, 2014)
    """
    before = sentence[max(0, start - 80) : start]
    after = sentence[end : end + 40]
    if re.search(rf"\bin {_YEAR}\s*\($", before):
        year = int(re.search(rf"\bin {_YEAR}\s*\($", before).group(1))
        return (year, year)
    if default is None:
        return None
    if re.search(r"\bfrom\s+$", before) and re.match(r"\s*(?:\w+\s+){0,3}to\b", after):
        return (default - 1, default - 1)
    if re.match(rf"\s*(?:\w+\s+){{0,2}}before {default}\b", after):
        return (default - 1, default - 1)
    span = re.search(rf"\b(?:in|from) {_YEAR} (?:and|to) {_YEAR}\b", sentence[end : end + 60])
    if span:
        return (int(span.group(1)), int(span.group(2)))
    if two_years is None:
        two_years = two_years_in(sentence)
    if two_years:
        return (default - 1, default)
    return (default, default)
