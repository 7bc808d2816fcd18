"""People with posts, on sentences written for the tests (no names from the sample)."""

import re

import pytest

from duikou.loaders.persons import extract_persons
from duikou.loaders.segmenter import segment
from duikou.loaders.spacy_nlp import is_pinyin_name

from support import hainan_tibet_chapter


def chapter(*sentences: str):
    return segment(hainan_tibet_chapter(*sentences, subheading="Visits"))


def people(*sentences: str) -> list[tuple]:
    doc = chapter(*sentences)
    facts = extract_persons(doc)
    rows = []
    for fact in facts:
        assert doc.quote(fact.span) == fact.name
        for post in fact.posts:
            assert doc.quote(post.span) == post.title
            if post.org_span is not None:
                assert doc.quote(post.org_span) == post.org
        rows.append((fact.name, [(p.title, p.org, p.place) for p in fact.posts]))
    return rows


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Vice Governor of Hainan Provincial Government Zhang Weiguo headed a delegation to visit Lhasa.",
            [("Zhang Weiguo", [("Vice Governor", "Hainan Provincial Government", None)])],
        ),
        (
            "Tibet Autonomous Region Party Secretary Chen Quanguo met the delegation.",
            [("Chen Quanguo", [("Party Secretary", None, "Tibet Autonomous Region")])],
        ),
        (
            "Vice Party Secretary and Executive Vice Chairman Wu Yingjie attended.",
            [
                (
                    "Wu Yingjie",
                    [("Vice Party Secretary", None, None), ("Executive Vice Chairman", None, None)],
                )
            ],
        ),
        (
            "Member of Standing Committee of Hainan Provincial Committee Li Jun spoke.",
            [("Li Jun", [("Member of Standing Committee", "Hainan Provincial Committee", None)])],
        ),
        (
            "Board Director and General Manager of Sanya Tianya Tourism Group Feng Tao signed it.",
            [
                (
                    "Feng Tao",
                    [
                        ("Board Director", "Sanya Tianya Tourism Group", None),
                        ("General Manager", "Sanya Tianya Tourism Group", None),
                    ],
                )
            ],
        ),
        (
            "Haikou Municipal Deputy Party Secretary and Mayor Ni Qiang hosted them.",
            [
                (
                    "Ni Qiang",
                    [
                        ("Municipal Deputy Party Secretary", None, "Haikou"),
                        ("Mayor", None, "Haikou"),
                    ],
                )
            ],
        ),
        (
            "Party Secretary Zhou Hong of Sanya City led the team.",
            [("Zhou Hong", [("Party Secretary", None, "Sanya City")])],
        ),
        (
            "In May, Li Jun, Member of the Standing Committee of Hainan Provincial Party Committee, visited Nyingchi.",
            [
                (
                    "Li Jun",
                    [
                        (
                            "Member of the Standing Committee",
                            "Hainan Provincial Party Committee",
                            None,
                        )
                    ],
                )
            ],
        ),
    ],
)
def test_names_posts_and_bodies(sentence, expected):
    assert people(sentence) == expected


def test_two_people_in_one_sentence_keep_their_own_posts():
    rows = people(
        "Governor Liu Cigui and Vice Mayor of Sanya Municipal Government Wang Hong attended."
    )
    assert rows == [
        ("Liu Cigui", [("Governor", None, None)]),
        ("Wang Hong", [("Vice Mayor", "Sanya Municipal Government", None)]),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "Governor Wang visited Hotan.",  # a surname alone is not a name
        "The delegation visited Tianjin Binhai New Area.",  # pinyin place names, no title
        "Zhang Weiguo visited Lhasa.",  # a name without a post is not read
        "The Mayor of Sanya visited Nyingchi County.",
    ],
)
def test_no_person(sentence):
    assert people(sentence) == []


def test_pinyin_name_shape():
    assert is_pinyin_name(["Lv", "Xiaoming"]) and is_pinyin_name(["Ouyang", "Jian"])
    assert not is_pinyin_name(["Vice", "Mayor"]) and not is_pinyin_name(["Sanya", "Tianya"])


TITLE_THEN_NAME = re.compile(
    r"(?:Secretary|Mayor|Governor|Chairman|Director|Manager)((?: [A-Z][a-z]+){2})\b"
)


def test_sample_finds_every_titled_name(sample_doc, sample_text):
    # grep -oE "(Secretary|Mayor|Governor|Chairman|Director|Manager)( [A-Z][a-z]+){2}\b" \
    #   src/duikou/corpus/yearbook-2013-east-west-pairing.txt | wc -l  -> 17 (14 different names),
    # each a person right after a title: every one of them must be found, with a post.
    facts = extract_persons(sample_doc)
    names = {f.name for f in facts}
    expected = {m.group(1).strip() for m in TITLE_THEN_NAME.finditer(sample_text)}
    assert len(expected) >= 14
    assert expected <= names
    assert len(facts) >= 40 and all(f.posts for f in facts)
    assert sum(1 for f in facts for p in f.posts if p.org) >= 20


def test_a_post_written_in_lower_case_still_names_a_person():
    assert people(
        "In May 2015, former vice chairman of the CPPCC Sanya Committee Fu Wenming led a group "
        "of entrepreneurs to Nagqu."
    ) == [("Fu Wenming", [("vice chairman", "CPPCC Sanya Committee", None)])]
    assert people("The delegation visited Nagqu with Wang Jianguo.") == []
