"""Counts and rates, on sentences written for the tests (no figures from the sample)."""

import re
from decimal import Decimal

import pytest

from duikou.loaders.indicators import extract_indicators
from duikou.loaders.segmenter import segment

from support import hainan_tibet_chapter


def chapter(*sentences: str):
    return segment(
        hainan_tibet_chapter(
            *sentences,
            lead=None,
            overview="In 2015, the east helped the west. In 2015, more was done.",
        )
    )


def rows(*sentences: str) -> list[tuple]:
    doc = chapter(*sentences)
    facts = extract_indicators(doc)
    for fact in facts:
        assert doc.quote(fact.value_span)[:1].isalnum()
        if fact.about is not None:
            assert doc.quote(fact.about.span) in fact.about.name
    return [(f.value, f.unit, f.measures, f.about.name if f.about else None, f.year) for f in facts]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Hainan trained 3150 poor farmers from Tibet Autonomous Region.",
            [(Decimal(3150), "farmers", "poor farmers trained", "Tibet Autonomous Region", 2015)],
        ),
        (
            "The 25 temporary cadres sent by Hainan worked hard.",
            [(Decimal(25), "cadres", "temporary cadres sent", None, 2015)],
        ),
        (
            "In 2014, Sanya organized 1,250 person-times of exchange visits.",
            [(Decimal(1250), "person-times", "person-times organized", None, 2014)],
        ),
        (
            "Hainan built 18 county hospitals and rebuilt two thousand households' houses.",
            [
                (Decimal(18), "hospitals", "county hospitals built", "Hainan", 2015),
                (Decimal(2000), "households", "households", "Hainan", 2015),
            ],
        ),
        (
            "Sanya donated six vehicles and 4,500 books.",
            [
                (Decimal(6), "vehicles", "vehicles donated", None, 2015),
                (Decimal(4500), "books", "books", None, 2015),
            ],
        ),
        (
            "It transferred 1.36 million labors.",
            [(Decimal(1360000), "labors", "labors transferred", None, 2015)],
        ),
        (
            "Relief funds reached 30 million yuan, up 12.5% over 2014.",
            [(Decimal("12.5"), "percent", "increase over 2014", None, 2015)],
        ),
        (
            "Over 85% of the trainees found jobs.",
            [(Decimal(85), "percent", "share of trainees", None, 2015)],
        ),
        (
            "The tea base covers arable land of 2400 mu.",
            [(Decimal(2400), "mu", "arable land", None, 2015)],
        ),
    ],
)
def test_counts_and_rates(sentence, expected):
    assert rows(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Hainan allocated 3.5 million yuan and one million Yuan to Nyingchi.",  # money
        "Sanya gave RMB 200,000 to the school.",
        "It was the 16th fair, held under Document No.3 in 2015.",  # ordinal, number, year
        "On June 12, 2015, the two sides met.",  # a date
        "The plan covers 2015-2020.",
        "The growth was 8% .",  # a percentage of nothing
        "Three times that of 2014 was spent.",
    ],
)
def test_not_indicators(sentence):
    assert rows(sentence) == []


def test_sample_counts(sample_doc, sample_text):
    # grep -oE "[0-9][0-9,]* person-times" src/duikou/corpus/yearbook-2013-east-west-pairing.txt
    #   | wc -l  -> 29: every one is a count in person-times.
    facts = extract_indicators(sample_doc)
    per_times = [f for f in facts if f.unit == "person-times"]
    assert len(re.findall(r"[0-9][0-9,]* person-times", sample_text)) == 29
    assert len(per_times) >= 29
    assert len(facts) >= 300
    for fact in facts:  # no money, no years
        after = sample_doc.text[fact.value_span.end : fact.value_span.end + 20]
        assert not re.match(r"\s*(?:million|billion|thousand)?\s*yuan", after, re.I)
        assert not (1990 <= fact.value <= 2030 and fact.unit not in ("mu", "meters", "people"))
