"""The transaction model on made-up Hainan – Tibet text: status, in kind, one fact per flow,
and a section's total covering its items (no names or amounts from the sample)."""

import pytest

from duikou.loaders.segmenter import segment
from duikou.loaders.transfers import extract_transfers

from support import section_text

HEADER = "East-West Pairing-off Cooperation for Poverty Reduction\n\n"


def chapter(*paragraphs, donor="Hainan", recipient="Tibet"):
    return segment(section_text(*paragraphs, donor=donor, recipient=recipient))


@pytest.mark.parametrize(
    ("sentence", "status", "kind"),
    [
        ("In 2015, Sanya City allocated 3 million yuan of aid funds to Nang County.", "disbursed", "fiscal_aid"),
        ("In 2015, Sanya City planned to invest 2 billion yuan in Nang County.", "planned", "fiscal_aid"),
        ("By 2018, according to the plan, 900 million yuan will be invested in Nang County.", "planned", "fiscal_aid"),
        ("In 2015, Sanya City signed 14 projects worth 6.2 billion yuan with Nang County.", "committed", "trade"),
        ("In 2015, Sanya City pledged 8 million yuan of aid funds to Nang County.", "committed", "fiscal_aid"),
        ("As of the end of 2015, Sanya City had provided 70 million yuan of aid funds to Nang County.", "cumulative", "fiscal_aid"),
        ("Since 2009, Sanya City has provided 70 million yuan of aid funds to Nang County.", "cumulative", "fiscal_aid"),
        ("In 2015, Sanya enterprises signed 5 projects worth 900 million yuan and actually invested 400 million yuan in Nang County.", "disbursed", "investment"),
    ],
)  # fmt: skip
def test_each_status_cue(sentence, status, kind):
    facts = extract_transfers(chapter(sentence))
    assert (facts[-1].status, facts[-1].kind) == (status, kind)


def test_a_signed_deal_and_the_money_actually_invested_are_two_statuses():
    facts = extract_transfers(
        chapter(
            "In 2015, Sanya City signed 14 projects worth 6.2 billion yuan with Nang County and "
            "actually invested 1.1 billion yuan."
        )
    )
    assert [(f.amount, f.status, f.kind) for f in facts] == [
        (6_200_000_000, "committed", "trade"),
        (1_100_000_000, "disbursed", "investment"),
    ]


def test_an_opening_span_of_years_frames_the_sentences_after_it_until_a_year_is_named():
    facts = extract_transfers(
        chapter(
            "As of the end of 2014, Hainan Province provided a total of 90 million yuan of aid "
            "funds for Tibet. It issued 30 million yuan to build roads and put in 20 million yuan "
            "to build schools. In 2015, Hainan Province issued 12 million yuan to Nang County."
        )
    )
    assert [f.status for f in facts] == ["cumulative", "cumulative", "cumulative", "disbursed"]


def test_goods_are_in_kind_and_cash_is_not():
    facts = extract_transfers(
        chapter(
            "In 2015, Sanya Tianya Group donated computers worth 300,000 yuan to Nang County. "
            "In 2015, Haikou City donated 500,000 yuan in kind and cash to Mainling County."
        )
    )
    assert [f.in_kind for f in facts] == [True, False]


def test_a_flow_restated_in_a_later_sentence_is_one_fact_with_both_statements():
    doc = chapter(
        "In 2015, Sanya City signed 14 projects worth 6.2 billion yuan with Nang County.",
        "【Trade】 In 2015, Sanya City signed 14 projects worth 6.2 billion yuan with Nang County, "
        "covering tea and tourism.",
    )
    (fact,) = extract_transfers(doc)
    assert len(fact.restated) == 1
    assert fact.restated[0].span.start > fact.evidence.span.end


def test_equal_amounts_in_one_sentence_are_two_flows():
    facts = extract_transfers(
        chapter(
            "In 2015, Sanya City issued 4 million yuan to Nang County, of which 2 million yuan "
            "was for roads and 2 million yuan for schools."
        )
    )
    assert [f.amount for f in facts] == [4_000_000, 2_000_000, 2_000_000]
    assert facts[1].part_of == facts[2].part_of is not None


def test_the_sections_total_covers_its_items_of_the_same_kind_and_year():
    facts = extract_transfers(
        chapter(
            "In 2015, Hainan allocated 60 million yuan of aid funds for Tibet.",
            "【Roads】 In 2015, Sanya City allocated 8 million yuan of aid funds to Nang County.",
            "【Gifts】 In 2015, Haikou Lianhua Trading Co., Ltd donated 2 million yuan to Nang County.",
        )
    )
    total, item, gift = facts
    assert total.covered_by is None
    reference = (total.evidence.span.start, total.evidence.span.end, total.amount_span.start)
    assert item.covered_by == reference
    assert gift.kind == "social_donation" and gift.covered_by is None  # another kind: no total


def test_without_a_total_of_the_section_nothing_is_covered():
    facts = extract_transfers(
        chapter(
            "In 2015, Sanya City allocated 8 million yuan of aid funds to Nang County.",
            "In 2015, Haikou City allocated 5 million yuan of aid funds to Mainling County.",
        )
    )
    assert [f.covered_by for f in facts] == [None, None]


def overview(*paragraphs):
    return segment(f"{HEADER}Overview\n" + "\n".join(paragraphs) + "\n")


def test_a_group_of_places_gives_in_the_overview_and_of_which_stays_in_its_clause():
    facts = extract_transfers(
        overview(
            "In 2015, according to statistics, the eastern provinces and municipalities provided "
            "a total of financial aid of 700 million yuan to the western poverty-stricken areas, "
            "of which 100 million yuan was invested in road building; built 30 clinics, "
            "mobilized social forces to donate 90 million yuan in kind and cash."
        )
    )
    assert [(f.donor.name, f.recipient.name, f.amount) for f in facts] == [
        (
            "the eastern provinces and municipalities",
            "the western poverty-stricken areas",
            700_000_000,
        ),
        (
            "the eastern provinces and municipalities",
            "the western poverty-stricken areas",
            100_000_000,
        ),
        (
            "the eastern provinces and municipalities",
            "the western poverty-stricken areas",
            90_000_000,
        ),
    ]
    whole, part, gift = facts
    assert part.part_of is not None and gift.part_of is None  # past the ";": not a part
    assert gift.kind == "social_donation"
