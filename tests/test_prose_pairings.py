"""Pairings stated in the prose (synthetic sentences; places other than the sample's)."""

import pytest

from duikou.loaders.prose_pairings import pairings_from_prose
from duikou.loaders.segmenter import segment

HEADER = "East-West Pairing-off Cooperation for Poverty Reduction\n\n"


def pairs(sentence, donor="Hainan", recipient="Tibet"):
    doc = segment(
        f"{HEADER}{donor} – {recipient} Pairing-off Poverty Alleviation\n【Aid】 {sentence}\n"
    )
    return [(p.donor.name, p.recipient.name) for p in pairings_from_prose(doc)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Haikou, Sanya and Danzhou provide counterpart support for Nyingchi City.",
            [("Haikou", "Nyingchi City"), ("Sanya", "Nyingchi City"), ("Danzhou", "Nyingchi City")],
        ),
        (
            "Hainan organized Sanya City to provide counterpart support for Mainling County.",
            [("Sanya City", "Mainling County")],
        ),
        (
            "Wanning City was designated to provide counterpart support for Bayi County.",
            [("Wanning City", "Bayi County")],
        ),
        (
            "Haikou City and Sanya City support Lhunze County and Bayi County respectively.",
            [("Haikou City", "Lhunze County"), ("Sanya City", "Bayi County")],
        ),
        (
            "Danzhou City supported Nang County with new greenhouses.",
            [("Danzhou City", "Nang County")],
        ),
        ("They discussed the Hainan – Nyingchi pairing-off cooperation.", [("Hainan", "Nyingchi")]),
        (
            "They held the Nyingchi – Hainan cooperation conference.",  # reversed: the heading decides
            [("Hainan", "Nyingchi")],
        ),
        (
            "Counterpart support for Shannan City provided by Haikou and Sanya went on.",
            [("Haikou", "Shannan City"), ("Sanya", "Shannan City")],
        ),
    ],
)
def test_prose_pairings(sentence, expected):
    assert pairs(sentence, recipient="Nyingchi") == expected


def test_no_pairing_without_a_support_phrase():
    assert pairs("Sanya City held a meeting in Mainling County.") == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "In the regional work, 120 counties (cities, districts) of 40 prefecture-level cities "
            "were designated to provide counterpart support for 150 banners (counties) in 30 prefectures.",
            [
                (
                    "120 counties (cities, districts) of 40 prefecture-level cities",
                    "150 banners (counties) in 30 prefectures",
                )
            ],
        ),
        (
            "Hainan organized five strong divisions to provide counterpart support for two poor divisions.",
            [("five strong divisions", "two poor divisions")],
        ),
        # a counted group of people or institutions is not a place
        (
            "Sanya City sent 19 hospitals to provide counterpart support for 12 county hospitals.",
            [],
        ),
    ],
)
def test_counted_groups_of_places(sentence, expected):
    assert pairs(sentence) == expected


def test_one_donor_several_recipients():
    assert pairs("Sanya City supported Nang County and Lhunze County to build roads.") == [
        ("Sanya City", "Nang County"),
        ("Sanya City", "Lhunze County"),
    ]


def test_action_in_a_place_of_the_recipient_side():
    assert pairs("Wanning City implemented a greenhouse project in Mainling County.") == [
        ("Wanning City", "Mainling County")
    ]
    # the recipient side acting in the donor's place is no pairing
    assert (
        pairs("Tibet Autonomous Region implemented a fair in Haikou City.", recipient="Tibet") == []
    )


def test_program_names_are_not_places():
    assert pairs("Sanya City supported the Lulang Tea Poverty Alleviation Project.") == []


def test_namely_list_pairs_with_the_supported_place():
    sentence = (
        "The office added three cities for the pairing-off work, namely Haikou, Sanya and "
        "Danzhou, greatly increasing counterpart support for Nyingchi."
    )
    assert pairs(sentence) == [
        ("Haikou", "Nyingchi"),
        ("Sanya", "Nyingchi"),
        ("Danzhou", "Nyingchi"),
    ]


def test_it_acts_for_the_last_acting_place_of_the_paragraph():
    sentence = (
        "Wanning City implemented a slaughterhouse project in Mainling County. "
        "It promoted new farming technology in Bayi County."
    )
    assert pairs(sentence) == [("Wanning City", "Mainling County"), ("Wanning City", "Bayi County")]


def test_twinned_counties_moved_into_named_cities():
    sentence = (
        "Hainan adjusted the twinned 12 poor counties scattered in Tibet into Nyingchi and Shannan."
    )
    assert pairs(sentence) == [("Hainan", "Nyingchi"), ("Hainan", "Shannan")]


def test_scope_in_the_overview():
    doc = segment(
        f"{HEADER}Overview\n"
        "Ten provinces carried out provincial pairing-off work. Hainan organized Sanya City to "
        "provide counterpart support for Qiongzhong County.\n"
        "Shandong and Anhui provide counterpart support for Tibet.\n"
    )
    scopes = {(p.donor.name, p.recipient.name): p.scope for p in pairings_from_prose(doc)}
    assert scopes == {
        ("Sanya City", "Qiongzhong County"): "intra-provincial",
        ("Shandong", "Tibet"): "other",
        ("Anhui", "Tibet"): "other",
    }
