"""Character-level helpers shared by the loaders.

Yearbook text comes with non-breaking and full-width spaces, a byte-order
mark, curly quotes and several kinds of dash. Offsets always refer to the raw
text; these helpers only produce *labels* (names written into the graph) and
tell the segmenter which characters count as blank.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "BLANKS",
    "DASHES",
    "is_blank",
    "strip_span",
    "clean_label",
    "slugify",
    "cjk_ratio",
    "tail_start",
    "may_match",
]

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


def tail_start(text: str, end: int, runs: int) -> int:
    """Where the last *runs* runs of non-blanks before ``text[end]`` start.

    A pattern that must end at *end* (``$`` searched with ``endpos=end``) and whose
    match holds at most *runs* such runs finds the same match when searched from
    here, without scanning all the text before.

    >>> text = "signed before the  May 3"
    >>> text[tail_start(text, 19, 2) : 19]
    'before the  '
    """
    i = end
    for _ in range(runs):
        while i > 0 and text[i - 1].isspace():
            i -= 1
        while i > 0 and not text[i - 1].isspace():
            i -= 1
    return i


_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
"""Letters ``re.IGNORECASE`` takes for an ASCII letter that ``str.lower`` does not lower to it."""
_FOLDED = tuple(chr(code) for code in _FOLD)
_IGNORECASE = int(re.IGNORECASE)


def may_match(pattern: re.Pattern, text: str, cues: tuple[str, ...]) -> bool:
    """*text* holds one of *cues*, words that every match of *pattern* holds.

    A cheap test that lets a slow *pattern* skip a text it cannot match. For a
    pattern compiled with ``re.IGNORECASE`` (*cues* then in lower case) letters
    compare as that flag compares them.

    >>> may_match(re.compile("support", re.I), "Hainan SUPPORTED Tibet", ("support",))
    True
    >>> may_match(re.compile("support"), "Hainan SUPPORTED Tibet", ("support",))
    False
    """
    if pattern.flags & _IGNORECASE:
        if not text.isascii() and any(ch in text for ch in _FOLDED):
            text = text.translate(_FOLD)
        text = text.lower()
    return any(map(text.__contains__, cues))


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
