"""The pure-Python English tokenizer gives spaCy's tokens (issue 15: no spaCy import).

:mod:`duikou.loaders.english_tokenizer` runs spaCy's tokenizer algorithm on
rules copied from spaCy into ``english_tokenizer.json``. These tests compare it
with ``spacy.blank("en").tokenizer``, token for token (text, offsets and
``IS_PUNCT``), on the sample, a synthetic chapter, every special case in
several settings, hostile strings and generated text; and check that the
packaged rules are the installed spaCy's.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from duikou.loaders.english_tokenizer import EnglishTokenizer, is_punct, spacy_rules
from duikou.loaders.spacy_nlp import get_tokenizer

from support import imported_after

spacy = pytest.importorskip("spacy")

OURS = EnglishTokenizer.packaged()
THEIRS = spacy.blank("en").tokenizer


def _ours(text: str) -> list[tuple]:
    return [(word, start, end, is_punct(word)) for word, start, end in OURS(text)]


def _theirs(text: str) -> list[tuple]:
    return [(t.text, t.idx, t.idx + len(t), t.is_punct) for t in THEIRS(text)]


def _same(texts) -> None:
    for text in texts:
        assert _ours(text) == _theirs(text), text


def test_the_packaged_rules_are_the_installed_spacys():
    """Fails after a spaCy upgrade that changed the rules: run scripts/build_tokenizer_rules.py."""
    import json
    from importlib import resources

    packaged = json.loads(
        resources.files("duikou.loaders").joinpath("english_tokenizer.json").read_text("utf-8")
    )
    assert packaged == json.loads(json.dumps(spacy_rules()))


def test_the_process_tokenizer_is_made_once():
    assert get_tokenizer() is get_tokenizer() is OURS


def test_the_sample_and_a_synthetic_chapter_whole_and_line_by_line(sample_doc, synthetic_doc):
    for text in (sample_doc.text, synthetic_doc.text):
        _same([text, *text.splitlines()])


@pytest.mark.parametrize(
    "setting",
    ["{}", "({})", "{}.", '"{}"', "a {} b", "{}'s", "({}.)", "-{}-", "{}{}", " {} ", "{},"],
)
def test_every_special_case_in_context(setting):
    """The special cases (``can't``, ``a.m.``, ``:)`` …), alone, bracketed, with affixes,
    twice in a row: the first pass and the pass for special cases that hold an affix."""
    _same(setting.format(key, key) for key in OURS._specials)


HOSTILE = [
    "",
    " ",
    "  leading and trailing  ",
    "\n\n\t \xa0 \u3000x",
    "((((((((((((((((((((((((((((((",
    "【【【【【】】】】",
    "http://example.cn/a?b=1&c=2).",
    "www.example.com, e-mail: a.b@example.cn;",
    "U.S.-made e-mail (RMB 1.5bn, 3.5%)…",
    "Dr. Li's co-op can't won't don't I'm y'all o.O :-) <3 ;)",
    "10,000-20,000 yuan/year; 1.2–3.4 km² ≥5 №3",
    "Secretary-General’s “poor” areas—and ‘others’",
    "a\u200bb\ufeffc\u00adD",
    "Ⅻ ① ½ 𝔸𝔹 😀👍🏽 漢字、かな。",
]


def test_hostile_text():
    _same(HOSTILE)
    _same(text * 3 for text in HOSTILE)


_PIECES = list(
    "aAbZ.,;:'\"()[]{}-–—/\\!?&%$€£¥#@*+=<>~^`|_0123456789 \n\t\xa0’“”…·、。，（）【】《》"
) + ["http://x.cn/a?b=1", "e.g.", "U.S.", "n't", "'s", "Mr.", "a.m.", ":)", "<3", "co-op", "1.5%"]


def test_generated_text():
    """Thousands of short strings of the characters and pieces that split tokens."""
    rnd = random.Random(15)
    pieces = _PIECES + sorted(OURS._specials)[::7]
    _same("".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 25))) for _ in range(5000))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_text(text):
    assert _ours(text) == _theirs(text)


def test_tokenizing_imports_no_spacy():
    code = (
        'from duikou.loaders.spacy_nlp import tokens_of\ntokens_of("Dr. Li\'s U.S.-made e-mail", 0)'
    )
    assert imported_after(code, ["spacy"]) == []
