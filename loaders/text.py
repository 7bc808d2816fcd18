"""Character-level helpers shared by the loaders.

Yearbook text comes with non-breaking and full-width spaces, a byte-order
mark, curly quotes and several kinds of dash. Offsets always refer to the raw
text; these helpers only produce *labels* (names written into the graph) and
tell the segmenter which characters count as blank.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["BLANKS", "DASHES", "is_blank", "strip_span", "clean_label", "slugify", "cjk_ratio"]

BLANKS = " \t\r\n\f\v\u00a0\u3000\ufeff\u2002\u2003\u2009\u200b"
"""Characters treated as blank: ASCII whitespace, NBSP, ideographic space, BOM, thin spaces."""

DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uff0d"
"""Hyphen-minus, hyphen, non-breaking hyphen, figure/en/em dash, bar, minus, full-width."""

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00b4": "'"})
_SPACES = re.compile(f"[{re.escape(BLANKS)}]+")


def is_blank(text: str) -> bool:
    return not text.strip(BLANKS)


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` so it neither starts nor ends with a blank."""
    while start < end and text[start] in BLANKS:
        start += 1
    while end > start and text[end - 1] in BLANKS:
        end -= 1
    return start, end


def clean_label(text: str) -> str:
    """A tidy one-line label: straight quotes, single spaces, NFC, no edge blanks."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip()


def slugify(text: str) -> str:
    """ASCII slug for IRIs: ``"Xing’an League"`` -> ``"xing-an-league"``."""
    text = unicodedata.normalize("NFKD", clean_label(text))
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "x"


def cjk_ratio(text: str) -> float:
    """Share of the letters in *text* that are CJK ideographs (digits and punctuation ignored)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for ch in letters if "\u3400" <= ch <= "\u9fff") / len(letters)
