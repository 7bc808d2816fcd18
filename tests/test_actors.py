"""Organisation mentions, on sentences written for the tests (no names from the sample)."""

import re

import pytest

from duikou.loaders.actors import ACTOR_KINDS, extract_actors
from duikou.loaders.segmenter import segment

from support import hainan_tibet_chapter


def chapter(*sentences: str):
    return segment(hainan_tibet_chapter(*sentences, subheading="Aid"))


def found(*sentences: str) -> list[tuple[str, str]]:
    doc = chapter(*sentences)
    facts = extract_actors(doc)
    for fact in facts:
        assert doc.quote(fact.span) == fact.name
        assert fact.evidence.unit == "sentence" and fact.kind in ACTOR_KINDS
    return [(f.name, f.kind) for f in facts]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "In 2015, Hangzhou Lianhua Trading Co., Ltd donated six vehicles to Nyingchi.",
            [("Hangzhou Lianhua Trading Co., Ltd", "enterprise")],
        ),
        (
            "Hainan Provincial Department of Education and Nyingchi People's Hospital signed an agreement.",
            [
                ("Hainan Provincial Department of Education", "office"),
                ("Nyingchi People's Hospital", "hospital"),
            ],
        ),
        (
            "Sanya University and Haikou Normal College sent 30 teachers.",
            [("Sanya University", "school"), ("Haikou Normal College", "school")],
        ),
        (
            "Supported by Hainan Provincial People's Government, Tibet Autonomous Region Party Committee and Government organized the work.",
            [
                ("Hainan Provincial People's Government", "government"),
                ("Tibet Autonomous Region Party Committee and Government", "government"),
            ],
        ),
        (
            "The Qiongzhong Charity Foundation raised funds.",
            [("Qiongzhong Charity Foundation", "foundation")],
        ),
        (
            "Deputy Director of Wenchang City Bureau of Commerce Lin Hai attended.",
            [("Wenchang City Bureau of Commerce", "office")],
        ),
        (
            "A lab opened in the Science Park of Hainan Tropical Agriculture University.",
            [("Hainan Tropical Agriculture University", "school")],
        ),
        (
            "Haikou Municipal Leading Group Office of Poverty Alleviation and Development coordinated it.",
            [
                (
                    "Haikou Municipal Leading Group Office of Poverty Alleviation and Development",
                    "office",
                )
            ],
        ),
        (
            "Sanya Tianya Tourism Group invested there.",
            [("Sanya Tianya Tourism Group", "enterprise")],
        ),
        ("The Leading Group met twice.", []),  # a reference, not a name
    ],
)
def test_names_spans_and_classes(sentence, expected):
    assert found(sentence) == expected


def test_sentence_initial_year_and_verbs_are_not_organisations():
    assert found("In 2015, Hainan sent 20 doctors to Nyingchi.") == []
    assert found("Organized by Hainan, Lhasa Xinhua Printing Company printed books.") == [
        ("Lhasa Xinhua Printing Company", "enterprise")
    ]


def test_possessive_is_not_part_of_the_name():
    assert found("The Sanya Municipal Government's plan worked.") == [
        ("Sanya Municipal Government", "government")
    ]


def test_sample_finds_every_limited_company(sample_doc):
    # grep -o "Co\., Ltd" src/duikou/corpus/yearbook-2013-east-west-pairing.txt | wc -l  -> 21;
    # one is written "(Ningbo) Co., Ltd", which the name shape does not cross.
    facts = extract_actors(sample_doc)
    assert sum(1 for f in facts if re.search(r"Co\., Ltd\.?$", f.name)) >= 20
    assert len(facts) >= 150
    assert {f.kind for f in facts} >= {"government", "office", "enterprise", "hospital", "school"}
    for fact in facts:
        assert sample_doc.quote(fact.span) == fact.name
        assert not fact.name.startswith(("In ", "On ", "The "))


def test_websites_are_organisations_and_a_list_of_two_is_two():
    from duikou.loaders.names import find_names

    names = find_names("Sina.com.cn and www.tianya.cn donated books to Nang County.")
    assert [(n.text, n.kind) for n in names] == [
        ("Sina.com.cn", "organization"),
        ("www.tianya.cn", "organization"),
        ("Nang County", "region"),
    ]
    assert [n.text for n in find_names("The list is on Hainan.gov.")] == ["Hainan.gov"]


def test_the_fast_name_runs_are_the_runs_of_the_full_pattern(sample_doc, synthetic_doc):
    """Where no website can be, names are read by a pattern without the website part
    (issue 15); it must find exactly the runs the full pattern finds."""
    from duikou.loaders import names

    texts = [sample_doc.text, synthetic_doc.text]
    texts.append("Mr. Li of XMFish.com met iPhone Co., Ltd and www.sina.com.cn staff. Sina.cnx")
    for text in texts:
        spans = [(0, len(text))]
        spans += [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
        spans += [(i, min(len(text), i + 300)) for i in range(0, len(text), 97)]
        for start, end in spans:
            fast = [m.span() for m in names._runs(text, start, end)]
            assert fast == [m.span() for m in names._RUN.finditer(text, start, end)]
