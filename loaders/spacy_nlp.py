"""One blank English spaCy pipeline per process, and sentence tokens with absolute offsets.

The prose extractors only need a tokenizer: no model can be downloaded, and the
genre's names have shapes (capitalised runs, head words, titles) that rules
read better than a statistical tagger trained on news. Building a ``Language``
is the slow part, so it is built once, lazily, on first use (nothing happens
on import). Several extractors look at the same sentence, so tokenised
sentences are cached by their text.

Tokens are re-merged where the tokenizer splits words the genre writes as one:
``Secretary-General``, ``People's``, ``person-times``, ``Hainan-Tibet``.
:func:`sentence_tokens` returns them with offsets into ``doc.text``.

>>> [t.text for t in sentence_tokens("The Vice Secretary-General of People's Bank", 0)]
['The', 'Vice', 'Secretary-General', 'of', "People's", 'Bank']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from duikou.loaders.document import Document, Sentence

__all__ = [
    "Token",
    "get_nlp",
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


@dataclass(frozen=True, slots=True)
class Token:
    """A word of a sentence: its text and absolute ``[start, end)`` in the document."""

    text: str
    start: int
    end: int
    space_after: bool

    @property
    def lower(self) -> str:
        return self.text.lower()


@lru_cache(maxsize=1)
def get_nlp() -> Language:
    """The process-wide blank English pipeline (tokenizer only)."""
    import spacy

    return spacy.blank("en")


_HYPHENS = ("-", "\u2010", "\u2011")


def _glues(doc: Doc, i: int) -> bool:
    """Token *i* is written against token ``i - 1`` and is part of the same word."""
    prev, tok = doc[i - 1], doc[i]
    if prev.whitespace_:
        return False
    if tok.text in ("'", "\u2019"):
        return prev.text.endswith("s")
    return tok.text in _GLUE or (prev.text in _HYPHENS and not tok.is_punct)


@lru_cache(maxsize=8192)
def _merged_doc(text: str) -> Doc:
    doc = get_nlp().make_doc(text)
    spans, start = [], 0
    for i in range(1, len(doc) + 1):
        if i < len(doc) and _glues(doc, i):
            continue
        if i - start > 1:
            spans.append(doc[start:i])
        start = i
    with doc.retokenize() as retokenizer:
        for span in spans:
            retokenizer.merge(span)
    return doc


def tokens_of(text: str, offset: int) -> list[Token]:
    """Tokens of *text*, shifted so offsets index the document *text* was cut from."""
    return [
        Token(t.text, offset + t.idx, offset + t.idx + len(t.text), bool(t.whitespace_))
        for t in _merged_doc(text)
    ]


def sentence_tokens(text_or_doc: str | Document, sentence: Sentence | int) -> list[Token]:
    """Tokens of a sentence of a document (or of a bare string starting at an offset)."""
    if isinstance(text_or_doc, Document):
        span = sentence.span
        return tokens_of(text_or_doc.quote(span), span.start)
    return tokens_of(text_or_doc, int(sentence))


def is_cap(token: Token) -> bool:
    """Starts with a capital letter (``Hainan``, ``CPC``, ``No.7``, ``People's``)."""
    return token.text[:1].isupper()


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
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w[1:].islower() for w in words):
        return False
    surname, *given = (w.lower() for w in words)
    if not (_ONE.fullmatch(surname) or surname in _COMPOUND_SURNAMES):
        return False
    if len(given) == 2:
        return all(_ONE.fullmatch(g) for g in given)
    return bool(_ONE_OR_TWO.fullmatch(given[0]))


def is_pinyin_word(text: str) -> bool:
    """A capitalised word of one or two pinyin syllables ("Weiguo", "Hainan")."""
    return text[:1].isupper() and text[1:].islower() and bool(_ONE_OR_TWO.fullmatch(text.lower()))
