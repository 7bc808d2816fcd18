"""Split a paragraph into sentences without breaking on the genre's abbreviations.

A sentence ends at ``.``, ``!``, ``?`` or ``。`` (plus any closing quotes or
brackets) when blank space follows and the next word can start a sentence
(a capital, a digit, an opening quote or bracket). That alone keeps decimals
(``1.5``), ``No.2`` and ``1‰`` whole, because no space follows their period;
a short list of abbreviations covers the rest (``Mr. Wang``, ``No. 5``,
``Co., Ltd``). Rule-based on purpose: no model download, same result on every
machine.

>>> text = "Mr. Li of Foo Co., Ltd. visited. He gave 1.5 million yuan."
>>> [text[s:e] for s, e in split_sentences(text, 0, len(text))]
['Mr. Li of Foo Co., Ltd. visited.', 'He gave 1.5 million yuan.']
"""

from __future__ import annotations

import re

from duikou.loaders.text import BLANKS, strip_span

__all__ = ["split_sentences", "ABBREVIATIONS"]

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "jr",
        "sr",
        "no",
        "nos",
        "co",
        "corp",
        "inc",
        "dept",
        "gov",
        "govt",
        "univ",
        "assn",
        "vol",
        "vols",
        "fig",
        "figs",
        "art",
        "arts",
        "sec",
        "para",
        "approx",
        "ca",
        "cf",
        "vs",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
"""Words that end in a period without ending the sentence (compared lower-case)."""

_END = re.compile(r"[.!?。]+[\"'”’)\]】」』]*")
_OPENERS = "\"'“‘(【[「『"


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences inside ``text[start:end]``.

    Offsets are absolute (into *text*) and trimmed of blanks, so each slice is
    exactly one sentence's words.
    """
    spans: list[tuple[int, int]] = []
    sentence_start = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        if stop >= end or not _is_boundary(text, match.start(), stop, end):
            continue
        spans.append((sentence_start, stop))
        sentence_start = stop
    spans.append((sentence_start, end))
    trimmed = (strip_span(text, s, e) for s, e in spans)
    return [(s, e) for s, e in trimmed if e > s]


def _is_boundary(text: str, mark: int, stop: int, end: int) -> bool:
    """Decide whether the punctuation ``text[mark:stop]`` ends a sentence."""
    if text[stop] not in BLANKS:
        return False
    nxt = stop
    while nxt < end and text[nxt] in BLANKS:
        nxt += 1
    if nxt >= end:
        return False
    follower = text[nxt]
    if not (follower.isupper() or follower.isdigit() or follower in _OPENERS or _is_cjk(follower)):
        return False
    if text[mark] == ".":
        word = _word_before(text, mark)
        if word.lower() in ABBREVIATIONS:
            return False
        if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
            return False
        if _is_enumerator(text, mark):  # "provides: 1. Tianjin …  2. The two sides …"
            return False
    return True


def _is_enumerator(text: str, mark: int) -> bool:
    """True for the period of a list number such as ``2.`` after a sentence end or colon."""
    begin = mark
    while begin > 0 and text[begin - 1].isdigit():
        begin -= 1
    if not 1 <= mark - begin <= 2:
        return False
    before = begin
    while before > 0 and text[before - 1] in BLANKS:
        before -= 1
    if before == begin and before > 0:  # digits glued to a word: "up3."
        return False
    return before == 0 or text[before - 1] in ".:;!?。"


def _word_before(text: str, index: int) -> str:
    begin = index
    while begin > 0 and (text[begin - 1].isalpha() or text[begin - 1] == "."):
        begin -= 1
    return text[begin:index]


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"
