"""Named programmes, policies and campaigns, recognised by how the yearbook writes names.

Titles of plans and policy documents are quoted and capitalised ("Outline for
… (2015-2020)", "Circular on …"); campaigns are often lower-case slogans in
quotes followed or preceded by what they are ("the “three farewell”
projects", "the special program of “warmth delivery”"); a few programmes are
named bare ("the … Plan"). Quoted agreements, conferences and fairs are
events, not programmes, and are left to :mod:`duikou.loaders.events`; quoted
requirements and slogans that are neither titles nor named campaigns are
skipped.

No programme names are listed here: only the nouns that say a name is one.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from duikou.loaders.document import Document, Sentence, Span
from duikou.loaders.facts import Evidence, ProgramFact
from duikou.loaders.spacy_nlp import CONNECTORS, sentence_tokens

__all__ = ["ProgramFact", "extract_programs", "programs_in_sentence", "quotes", "EVENT_WORDS"]

RULE_TITLE = "program-quoted-title"
RULE_CAMPAIGN = "program-quoted-campaign"
RULE_BARE = "program-capitalised-name"

_PROGRAM_WORDS = {"plan", "planning", "program", "programme", "outline", "action", "project",
                  "initiative", "strategy", "opinions", "circular", "notice", "decision",
                  "guideline", "guidelines", "measures", "scheme", "campaign"}  # fmt: skip
_BARE_HEADS = {"plan", "program", "programme", "outline", "action", "initiative"}
_CAMPAIGN_NOUNS = {"work", "project", "projects", "program", "programme", "programs", "activity",
                   "activities", "campaign", "campaigns", "plan", "action", "initiative",
                   "strategy", "model", "policy", "mode", "guideline"}  # fmt: skip
_NAMING = {"program", "programme", "activity", "campaign", "project", "plan", "initiative",
           "action", "strategy"}  # fmt: skip
"""Nouns that name a campaign after "of": "the special program of “…”"."""
AGREEMENT_WORDS = {"agreement", "agreements", "memorandum", "mou", "contract", "protocol"}
EVENT_WORDS = {"seminar", "forum", "conference", "meeting", "symposium", "summit", "fair",
               "expo", "exposition", "exhibition", "workshop", "ceremony"}  # fmt: skip
_SMALL = {"of", "and", "for", "the", "on", "in", "to", "a", "an", "by", "with", "at", "from"}
_OPEN, _CLOSE = '\u201c"', '\u201d"'
_MARKS = re.compile('[\u201c\u201d"]')


def quotes(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each quoted stretch of *text* (inside the marks).

    Curly and straight marks are paired in order; an opening mark left open
    at the end runs to the end of the text (the yearbook drops closing marks).

    >>> text = 'the “Rain” and "Sun" and "Moon.'
    >>> [text[a:b] for a, b in quotes(text)]
    ['Rain', 'Sun', 'Moon']
    """
    return list(_quotes(text))


@lru_cache(maxsize=1024)
def _quotes(text: str) -> tuple[tuple[int, int], ...]:
    """:func:`quotes`, worked out once per text (events and programmes read the same sentences)."""
    found, start = [], None
    for mark in _MARKS.finditer(text):
        i, ch = mark.start(), mark.group()
        if start is not None and ch in _CLOSE and (ch != '"' or i > start):
            found.append((start, i))
            start = None
        elif ch in _OPEN:
            start = i + 1
    if start is not None:
        end = len(text.rstrip(" .;,"))
        if end > start:
            found.append((start, end))
    return tuple((a, b) for a, b in found if text[a:b].strip())


def _words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def _kind_of_quote(text: str, before: str, after: str) -> str | None:
    """``"title"``, ``"campaign"`` or ``None`` for a quoted stretch and its surroundings."""
    words = _words(text)
    lower = {w.lower() for w in words}
    if not words or lower & AGREEMENT_WORDS or lower & EVENT_WORDS:
        return None
    content = [w for w in words if w.lower() not in _SMALL]
    capitalised = sum(1 for w in content if w[:1].isupper() or w[:1].isdigit())
    if words[0][:1].isupper() and len(content) >= 2 and capitalised * 2 >= len(content) * 1.5:
        return "title"
    if words[0][:1].isupper() and lower & _PROGRAM_WORDS and len(words) <= 25:
        return "title"
    next_word = (_words(after[:20]) or [""])[0].lower()
    prev_words = [w.lower() for w in _words(before[-30:])]
    named_by = len(prev_words) >= 2 and prev_words[-1] == "of" and prev_words[-2] in _NAMING
    if (next_word in _CAMPAIGN_NOUNS and len(words) <= 8) or (named_by and len(words) <= 20):
        return "campaign"
    return None


def _bare_names(doc: Document, sentence: Sentence, taken: list[Span]) -> list[ProgramFact]:
    """Capitalised names ending in Plan/Program/Outline/… written without quotes."""
    tokens = sentence_tokens(doc, sentence)
    facts, i = [], 0
    while i < len(tokens):
        if not tokens[i].cap or tokens[i].lower in _SMALL:
            i += 1
            continue
        j = i + 1
        while j < len(tokens) and (tokens[j].cap or tokens[j].lower in CONNECTORS):
            j += 1
        while j > i and tokens[j - 1].lower in CONNECTORS:
            j -= 1
        if j - i >= 2 and tokens[j - 1].lower in _BARE_HEADS:  # the head ends the name
            ends = [j - 1]
            span = Span(tokens[i].start, tokens[ends[-1]].end)
            if not any(s.start < span.end and span.start < s.end for s in taken):
                evidence = Evidence(sentence.span, RULE_BARE, Decimal("0.7"))
                facts.append(ProgramFact(doc.quote(span), span, evidence))
        i = j
    return facts


def programs_in_sentence(doc: Document, sentence: Sentence) -> list[ProgramFact]:
    """Programmes named in one sentence, in reading order."""
    text, base = doc.quote(sentence.span), sentence.span.start
    facts, taken = [], []
    for a, b in quotes(text):
        taken.append(Span(base + a - 1, base + b + 1))
        while b > a and text[b - 1] in " ,.;":
            b -= 1
        while a < b and text[a] == " ":
            a += 1
        kind = _kind_of_quote(text[a:b], text[:a], text[b:])
        if kind is None:
            continue
        rule, confidence = (RULE_TITLE, "0.8") if kind == "title" else (RULE_CAMPAIGN, "0.6")
        span = Span(base + a, base + b)
        facts.append(
            ProgramFact(doc.quote(span), span, Evidence(sentence.span, rule, Decimal(confidence)))
        )
    facts.extend(_bare_names(doc, sentence, taken))
    return sorted(facts, key=lambda f: f.span.start)


def extract_programs(doc: Document) -> list[ProgramFact]:
    """Every programme mention in the document's sentences, in document order."""
    return [fact for s in doc.sentences() for fact in programs_in_sentence(doc, s)]
