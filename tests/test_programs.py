"""Named programmes and policies, on sentences written for the tests (no names from the sample)."""

import pytest

from duikou.loaders.programs import extract_programs, quotes
from duikou.loaders.segmenter import segment

from support import hainan_tibet_chapter


def chapter(*sentences: str):
    return segment(hainan_tibet_chapter(*sentences, subheading="Programs"))


def programs(*sentences: str) -> list[tuple[str, str]]:
    doc = chapter(*sentences)
    facts = extract_programs(doc)
    for fact in facts:
        assert doc.quote(fact.span) == fact.name
        assert doc.quote(fact.evidence.span).find(fact.name) >= 0
    return [(f.name, f.evidence.rule) for f in facts]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Hainan implemented the \u201cOutline for Tropical Farming Development in Tibet (2015-2020)\u201d.",
            [
                (
                    "Outline for Tropical Farming Development in Tibet (2015-2020)",
                    "program-quoted-title",
                )
            ],
        ),
        (
            'According to the "Circular on Improving Hainan - Tibet Cooperation", aid grew.',
            [("Circular on Improving Hainan - Tibet Cooperation", "program-quoted-title")],
        ),
        (
            "The \u201cgreen home\u201d project covered 12 villages.",
            [("green home", "program-quoted-campaign")],
        ),
        (
            "They launched the special program of \u201csending warmth in winter\u201d.",
            [("sending warmth in winter", "program-quoted-campaign")],
        ),
        (
            "Ten schools joined the Sunshine Plan in Nyingchi.",
            [("Sunshine Plan", "program-capitalised-name")],
        ),
        (
            'The two sides drafted the "Plan for Hainan - Tibet Education Aid (2015-2017).',
            [("Plan for Hainan - Tibet Education Aid (2015-2017)", "program-quoted-title")],
        ),
    ],
)
def test_programs_found(sentence, expected):
    assert programs(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The two sides signed the \u201cFramework Agreement on Hainan - Tibet Cooperation\u201d.",
        "Sanya held the \u201cSeminar on Tropical Crops in the Plateau\u201d.",
        "Under the principle of \u201cmutual benefit and common development\u201d, they worked.",
        "They followed the idea of \u201cmaking blood\u201d for the poor.",
        "The Sunshine Plan Office organized it.",  # part of an organisation's name
    ],
)
def test_not_programs(sentence):
    assert programs(sentence) == []


def test_quotes_pairs_curly_and_straight_marks():
    text = 'A \u201cB\u201d C "D" E \u201cF'
    assert [text[a:b] for a, b in quotes(text)] == ["B", "D", "F"]


def test_sample_programs(sample_doc, sample_text):
    # grep -oE '[“"][A-Z][^”"]*(Plan|Program|Programme|Outline|Circular|Opinions)\b[^”"]*[”"]' \
    #   src/duikou/corpus/yearbook-2013-east-west-pairing.txt | wc -l  -> 7 quoted policy titles
    facts = extract_programs(sample_doc)
    titles = [f for f in facts if f.evidence.rule == "program-quoted-title"]
    keyed = [
        f for f in titles
        if any(w in f.name for w in ("Plan", "Program", "Outline", "Circular", "Opinions"))
    ]  # fmt: skip
    assert len(keyed) >= 7
    assert len(facts) >= 30
    assert not any("Agreement" in f.name for f in facts)
    for fact in facts:
        assert sample_doc.quote(fact.span) == fact.name
