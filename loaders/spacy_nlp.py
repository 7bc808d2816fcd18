"""One English tokenizer per process, and sentence tokens with absolute offsets.

The prose extractors only need a tokenizer: no model can be downloaded, and the
genre's names have shapes (capitalised runs, head words, titles) that rules
read better than a statistical tagger trained on news. The tokens are those of
``spacy.blank("en").tokenizer``, made by
:mod:`~duikou.loaders.english_tokenizer` from spaCy's rules without importing
spaCy (half a second of a cold build); the tokenizer is made once, lazily, on
first use (nothing happens on import). Several extractors look at the same
sentence, so a sentence is tokenised once per document and its tokens shared
(:meth:`Document.memoized <duikou.loaders.document.Document.memoized>`).

Tokens are re-merged where the tokenizer splits words the genre writes as one:
``Secretary-General``, ``People's``, ``person-times``, ``Hainan-Tibet``.
:func:`sentence_tokens` returns them with offsets into ``doc.text``.

>>> [t.text for t in sentence_tokens("The Vice Secretary-General of People's Bank", 0)]
['The', 'Vice', 'Secretary-General', 'of', "People's", 'Bank']
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from duikou.loaders.document import Document, Sentence
from duikou.loaders.english_tokenizer import EnglishTokenizer, is_punct

__all__ = [
    "Token",
    "get_tokenizer",
    "sentence_tokens",
    "tokens_of",
    "is_cap",
    "is_pinyin_name",
    "is_pinyin_word",
    "CONNECTORS",
]

_GLUE = {"-", "\u2010", "\u2011", "'s", "\u2019s", "'", "\u2019"}
"""Pieces that belong to the word before them when written without a space."""

CONNECTORS = {"of", "and", "for", "the", "&"}
"""Small words allowed inside a capitalised name ("Bureau of Poverty Alleviation and ...")."""


class Token(NamedTuple):
    """A word of a sentence: its text and absolute ``[start, end)`` in the document.

    ``lower`` (the text lower-cased) and ``cap`` (:func:`is_cap`) are worked out
    once, when the sentence is tokenised: the extractors ask them of every word.
    """

    text: str
    start: int
    end: int
    space_after: bool
    lower: str
    cap: bool


def get_tokenizer() -> EnglishTokenizer:
    """The process-wide English tokenizer: ``spacy.blank("en").tokenizer``'s tokens,
    made by :mod:`~duikou.loaders.english_tokenizer` from spaCy's rules without
    importing spaCy (made once, on first use)."""
    return EnglishTokenizer.packaged()


_HYPHENS = ("-", "\u2010", "\u2011")


def tokens_of(text: str, offset: int) -> list[Token]:
    """Tokens of *text*, shifted so offsets index the document *text* was cut from.

    spaCy's tokens, with the pieces glued to the token before them merged into
    it: ``'s``, a hyphen and what follows it, a possessive ``'``, when written
    against that token. A run of more than :data:`LONGEST_CHUNK` characters
    without a space (``((((…``, ``【【【…``: never a word) is tokenised
    :data:`LONGEST_CHUNK` characters at a time.

    >>> [t.text for t in tokens_of("Hainan’s (" + "(" * 1000 + " aid", 10)][:3]
    ['Hainan’s', '(', '(']
    >>> len(tokens_of("a " + "【" * 1000 + " b", 0))
    1002
    """
    tokenizer = get_tokenizer()
    words: list[tuple[str, int, int]] = []
    for piece_start, piece_end in _pieces(text):
        if piece_start == 0 and piece_end == len(text):
            words = tokenizer(text)
        else:
            words += [
                (w, piece_start + s, piece_start + e)
                for w, s, e in tokenizer(text[piece_start:piece_end])
            ]
    # A doc's text is its tokens, each followed by one space or none: a space follows
    # a token when the next one starts after its end.
    afters = [start for _, start, _ in words[1:]]
    if words:
        afters.append(len(text))
    new = tuple.__new__  # Token._make without its length check: every row has six fields
    tokens: list[Token] = []
    prev, prev_space = "", True
    for (piece, start, end), after in zip(words, afters, strict=True):
        space = after > end
        if prev_space:
            glued = False
        elif piece in ("'", "\u2019"):
            glued = prev.endswith("s")
        else:
            glued = piece in _GLUE or (prev in _HYPHENS and not is_punct(piece))
        if glued:
            first = tokens[-1].start
            word = text[first - offset : end]
            row = (word, first, offset + end, space, word.lower(), tokens[-1].cap)
            tokens[-1] = new(Token, row)
        else:
            row = (piece, offset + start, offset + end, space, piece.lower(), piece[:1].isupper())
            tokens.append(new(Token, row))
        prev, prev_space = piece, space
    return tokens


LONGEST_CHUNK = 100
"""Longest run of characters without a space that spaCy's tokenizer is given at once.

The tokenizer splits a punctuation mark off such a run, then looks again at what is
left (its suffix rules search the whole of it, and it hashes it anew), so a run of
n brackets costs n² steps: 12,000 ``【`` took 12 s. No word is this long."""
_LONG_CHUNK = re.compile(rf"\S{{{LONGEST_CHUNK + 1},}}")


def _pieces(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the parts of *text* to tokenise one by one: the whole text,
    unless it holds a run longer than :data:`LONGEST_CHUNK` without a space; such a run
    is cut into pieces of that length."""
    pieces: list[tuple[int, int]] = []
    start = 0
    for run in _LONG_CHUNK.finditer(text):
        cut = run.start()
        while run.end() - cut > LONGEST_CHUNK:
            cut += LONGEST_CHUNK
            pieces.append((start, cut))
            start = cut
    pieces.append((start, len(text)))
    return pieces


def sentence_tokens(text_or_doc: str | Document, sentence: Sentence | int) -> list[Token]:
    """Tokens of a sentence of a document (or of a bare string starting at an offset).

    A document's sentence is tokenised once; later calls share the tokens.
    """
    if isinstance(text_or_doc, Document):
        span = sentence.span
        key = ("tokens", span.start, span.end)
        doc = text_or_doc
        return list(doc.memoized(key, lambda: tuple(tokens_of(doc.quote(span), span.start))))
    return tokens_of(text_or_doc, int(sentence))


def is_cap(token: Token) -> bool:
    """Starts with a capital letter (``Hainan``, ``CPC``, ``No.7``, ``People's``)."""
    return token.cap


# Romanised Chinese names are told from English words by their syllables, not by a list of
# names: a one-syllable surname and a given name of one or two pinyin syllables.
_INITIAL = "zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]"
_FINAL = (
    "iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|"
    "ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v"
)
_SYLLABLE = f"(?:(?:{_INITIAL})(?:{_FINAL})|a|ai|an|ang|ao|e|ei|en|eng|er|o|ou)"
_ONE = re.compile(_SYLLABLE)
_ONE_OR_TWO = re.compile(f"(?:{_SYLLABLE}){{1,2}}")
_COMPOUND_SURNAMES = {"ouyang", "sima", "zhuge", "shangguan", "situ", "huangfu", "duanmu", "murong"}


def is_pinyin_name(words: list[str]) -> bool:
    """Two or three words shaped like a romanised Chinese name.

    >>> is_pinyin_name(["Zhang", "Weiguo"]), is_pinyin_name(["Upper", "Valley"])
    (True, False)
    >>> is_pinyin_name(["Hainan", "Province"]), is_pinyin_name(["Li", "Chang", "Ping"])
    (False, True)
    """
    return _is_pinyin_name(tuple(words))


@lru_cache(maxsize=4096)
def _is_pinyin_name(words: tuple[str, ...]) -> bool:
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    surname, *given = (w.lower() for w in words)
    if not (_ONE.fullmatch(surname) or surname in _COMPOUND_SURNAMES):
        return False
    if len(given) == 2:
        return all(_ONE.fullmatch(g) for g in given)
    return bool(_ONE_OR_TWO.fullmatch(given[0]))


@lru_cache(maxsize=8192)
def is_pinyin_word(text: str) -> bool:
    """A capitalised word of one or two pinyin syllables ("Weiguo", "Hainan")."""
    return text[:1].isupper() and text[1:].islower() and bool(_ONE_OR_TWO.fullmatch(text.lower()))
