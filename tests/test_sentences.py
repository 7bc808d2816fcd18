"""Sentence splitting on the genre's abbreviations and numbers (synthetic text)."""

import pytest

from duikou.loaders.sentences import split_sentences


def sentences(text):
    return [text[s:e] for s, e in split_sentences(text, 0, len(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It followed Circular No.2 of the State Council. Work began.",
            ["It followed Circular No.2 of the State Council.", "Work began."],
        ),
        (
            "See Guo Fa (2012) No.2 for details. Then came the plan.",
            ["See Guo Fa (2012) No.2 for details.", "Then came the plan."],
        ),
        (
            "Huaxin Co., Ltd. donated books. Schools got them.",
            ["Huaxin Co., Ltd. donated books.", "Schools got them."],
        ),
        (
            "Mr. Wang and Dr. Li met. They agreed.",
            ["Mr. Wang and Dr. Li met.", "They agreed."],
        ),
        (
            "Funds rose by 3.8% to 1.5 billion yuan. Next year 45.6282 million more.",
            ["Funds rose by 3.8% to 1.5 billion yuan.", "Next year 45.6282 million more."],
        ),
        (
            "Cities used 1‰ of revenue. It worked.",
            ["Cities used 1‰ of revenue.", "It worked."],
        ),
        (
            "It is regulation No. 5 of the office. Good.",
            ["It is regulation No. 5 of the office.", "Good."],
        ),
        (
            "He said “we will go.” Then they left.",
            ["He said “we will go.”", "Then they left."],
        ),
        (
            "The agreement provides: 1. Aid shall grow. 2. Cadres shall be sent.",
            ["The agreement provides: 1. Aid shall grow.", "2. Cadres shall be sent."],
        ),
        (
            "They built roads in 2011. 15 hospitals followed.",
            ["They built roads in 2011.", "15 hospitals followed."],
        ),
        ("Sales rose, e.g. of tea. Good.", ["Sales rose, e.g. of tea.", "Good."]),
    ],
)
def test_split(text, expected):
    assert sentences(text) == expected


def test_offsets_are_absolute_and_trimmed():
    text = "xx  First one. Second one.  yy"
    spans = split_sentences(text, 2, len(text) - 2)
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one."]


def test_paragraph_without_final_period_is_one_sentence():
    assert sentences("An unfinished chapter ends here") == ["An unfinished chapter ends here"]
