"""Work the extractors share per document (tokens, names, mentions) is done once and stays put."""

import re
import sys

from duikou.loaders.actors import actors_in_sentence
from duikou.loaders.extract import extract_facts
from duikou.loaders.names import names_in
from duikou.loaders.persons import persons_in_sentence
from duikou.loaders.segmenter import segment
from duikou.loaders.spacy_nlp import sentence_tokens, tokens_of
from duikou.loaders.text import may_match, tail_start

from support import hainan_tibet_chapter


def chapter():
    return segment(
        hainan_tibet_chapter(
            "In 2015, Vice Governor of Hainan Provincial Government Zhang Weiguo led a delegation "
            "to Nyingchi City. Sanya City allocated 3.5 million yuan to Mainling County.",
            lead=None,
        )
    )


def test_memoized_computes_once_per_key():
    doc, calls = chapter(), []
    for _ in range(3):
        assert doc.memoized(("answer", 1), lambda: calls.append(1) or 42) == 42
    assert calls == [1]


def test_shared_results_are_fresh_lists():
    doc = chapter()
    sentence = next(doc.sentences())
    for read in (sentence_tokens, actors_in_sentence, persons_in_sentence):
        first = read(doc, sentence)
        assert first
        first.clear()
        assert read(doc, sentence), read.__name__
    names = names_in(doc, sentence.span)
    names.clear()
    assert names_in(doc, sentence.span)


def test_sentence_tokens_match_tokens_of_the_sentence():
    doc = chapter()
    for sentence in doc.sentences():
        got = sentence_tokens(doc, sentence)
        assert got == tokens_of(doc.quote(sentence.span), sentence.span.start)
        assert all(doc.text[t.start : t.end] == t.text for t in got)


def test_extracting_twice_gives_the_same_facts():
    doc = chapter()
    first = extract_facts(doc)
    assert first and extract_facts(doc) == first
    assert extract_facts(chapter()) == first


def test_may_match_folds_case_as_the_regex_flag_does():
    # every character that re.IGNORECASE takes for an ASCII letter ("ſ" for "s", "K" for "k" …)
    any_letter = re.compile("[a-z]", re.IGNORECASE)
    for ch in map(chr, range(sys.maxunicode + 1)):
        if any_letter.fullmatch(ch):
            for letter in "abcdefghijklmnopqrstuvwxyz":
                pattern = re.compile(letter, re.IGNORECASE)
                if pattern.fullmatch(ch):
                    assert may_match(pattern, f"x{ch}y", (letter,)), (letter, hex(ord(ch)))
    assert not may_match(re.compile("support"), "SUPPORT", ("support",))


def test_tail_start_keeps_anchored_searches_the_same():
    pattern = re.compile(r"\b(?:[Ss]ince|[Ee]nd of|to)\s+(?:the\s+)?$")
    text = "It ran since the  May 3 to end of\tJune, to 2015 and Since\n the 4th."
    for end in range(len(text) + 1):
        whole = pattern.search(text, 0, end)
        tail = pattern.search(text, tail_start(text, end, 3), end)
        assert (whole and whole.span()) == (tail and tail.span()), end
