"""Pairings read with the sides of a pairing section (synthetic sentences, places from the
gazetteer that the sample chapter does not pair: Anhui – Xinjiang, Hainan – Tibet)."""

import logging

import pytest

from duikou.loaders.heading_pairings import pairings_from_headings
from duikou.loaders.headings import match_pairing_heading
from duikou.loaders.prose_pairings import pairings_from_prose
from duikou.loaders.segmenter import segment
from duikou.loaders.sides import is_typed_place, sides_of

HEADER = "East-West Pairing-off Cooperation for Poverty Reduction\n\n"


def _doc(sentence, donor="Anhui", recipient="Xinjiang"):
    return segment(
        f"{HEADER}{donor} – {recipient} Pairing-off Poverty Alleviation\n【Aid】 {sentence}\n"
    )


def pairs(sentence, donor="Anhui", recipient="Xinjiang"):
    doc = _doc(sentence, donor, recipient)
    return [(p.donor.name, p.recipient.name) for p in pairings_from_prose(doc)]


# --- sides ------------------------------------------------------------------------------


def test_sides_come_from_the_heading_and_the_gazetteer():
    (section,) = _doc("Nothing here.").sections
    sides = sides_of(section)
    assert sides.side("Wuhu") == "east"  # a prefecture of Anhui
    assert sides.side("Jinghu District") == "east"  # a district of Wuhu
    assert sides.side("Pishan County") == "west"  # a county of Hotan, Xinjiang
    assert sides.side("Xinjiang Uygur Autonomous Region") == "west"
    assert sides.side("Gannan Prefecture") is None  # Gansu: neither side
    assert sides.side("Despite") is None


@pytest.mark.parametrize("word", ["Despite", "Phase", "Activity", "Meanwhile"])
def test_ordinary_capitalised_words_are_not_places(word):
    assert not is_typed_place(word)


def test_admin_word_names_and_gazetteer_names_are_places():
    assert is_typed_place("Hotan Prefecture") and is_typed_place("Wuhu")
    assert is_typed_place("Qinglong Township", "township")  # unknown to the gazetteer, typed


def test_an_ordinary_word_never_becomes_a_party():
    assert pairs("Despite the cold, Phase supported Moyu County.") == [("Anhui", "Moyu County")]
    assert pairs("Wuhu City supported Activity in the winter.") == []


# --- coordinated lists on both sides ----------------------------------------------------------


def test_a_donor_list_to_support_a_place_further_on():
    sentence = (
        "Anhui organized Hefei, Wuhu, Bengbu and Huainan City to support the building of "
        "schools in Pishan County."
    )
    assert pairs(sentence) == [
        ("Hefei", "Pishan County"),
        ("Wuhu", "Pishan County"),
        ("Bengbu", "Pishan County"),
        ("Huainan City", "Pishan County"),
    ]


def test_a_recipient_list_with_the_and_of():
    sentence = (
        "The assistance of Anhui was mainly provided to support Hotan Prefecture, Kashgar "
        "Prefecture and the Moyu County of Hotan Prefecture."
    )
    assert pairs(sentence) == [
        ("Anhui", "Hotan Prefecture"),
        ("Anhui", "Kashgar Prefecture"),
        ("Anhui", "Moyu County"),
    ]


# --- support phrases: donor from the sentence or from the section ---------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Wuhu City assisted Lop County in building greenhouses.", [("Wuhu City", "Lop County")]),
        ("Bengbu City actively helped Shufu County.", [("Bengbu City", "Shufu County")]),
        ("Huainan City was paired with Hotan County.", [("Huainan City", "Hotan County")]),
        ("Hefei was twinned with Moyu County in 2011.", [("Hefei", "Moyu County")]),
        (
            "The province increased counterpart support for Kashgar Prefecture.",
            [("Anhui", "Kashgar Prefecture")],
        ),
        (
            "Wuhu City raised 3 million yuan of aid funds for Pishan County.",
            [("Wuhu City", "Pishan County")],
        ),
        # no east-side place named: the section's east side gives
        ("Funds were used to support Lop County.", [("Anhui", "Lop County")]),
    ],
)
def test_support_phrases(sentence, expected):
    assert pairs(sentence) == expected


def test_a_west_side_actor_is_not_given_the_east_side_as_donor():
    assert pairs("Hotan Prefecture supported Lop County in road building.") == []


def test_an_organisation_acting_is_no_pairing():
    sentence = "Wuhu Chamber of Commerce invested 5 million yuan for a market in Pishan County."
    assert pairs(sentence) == []


def test_a_government_body_acts_for_its_place():
    sentence = "Wuhu City Health Bureau helped Lop County train 40 doctors."
    assert pairs(sentence) == [("Wuhu City", "Lop County")]
    # an institution is not its place
    assert pairs("Wuhu City No. 1 Hospital helped Lop County train doctors.") == []


def test_a_quoted_title_is_no_support_phrase():
    sentence = "The “Cases of Wuhu’s Support for the Education in Lop County” were listed."
    assert pairs(sentence) == []


# --- direction from the sides -------------------------------------------------------------


def test_west_to_east_is_dropped_and_logged(caplog):
    with caplog.at_level(logging.DEBUG, logger="duikou.loaders.prose_pairings"):
        assert pairs("Pishan County supported Wuhu City with labour.") == []
    assert "runs west to east" in caplog.text


def test_west_to_east_is_turned_round_where_the_sentence_says_so():
    assert pairs("Lop County was supported by Wuhu City in 2013.") == [("Wuhu City", "Lop County")]
    assert pairs("Counterpart support for Lop County provided by Bengbu City continued.") == [
        ("Bengbu City", "Lop County")
    ]


def test_both_parties_on_one_side_is_no_pairing():
    assert pairs("Hefei supported Wuhu City in trade.") == []


# --- agreements and money into a named place --------------------------------------------------


def test_an_agreement_signed_between_a_county_and_a_district():
    sentence = "An agreement was signed between Moyu County and Yaohai District in May."
    assert pairs(sentence) == [("Yaohai District", "Moyu County")]


def test_an_agreement_signed_with():
    sentence = "Jinghu District signed a cooperation agreement with Lop County."
    assert pairs(sentence) == [("Jinghu District", "Lop County")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("In 2014, 1.2 million yuan was invested in Shufu County.", [("Anhui", "Shufu County")]),
        ("4.8 million yuan was issued for Hotan County.", [("Anhui", "Hotan County")]),
        (
            "Wuhu City raised funds, and 2 million yuan was allocated to Lop County.",
            [("Wuhu City", "Lop County")],
        ),
    ],
)
def test_money_put_into_a_named_west_side_place(sentence, expected):
    assert pairs(sentence) == expected


def test_money_in_the_overview_names_no_sides():
    doc = segment(f"{HEADER}Overview\n5 million yuan was invested in Shufu County.\n")
    assert pairings_from_prose(doc) == []


def test_institution_to_institution_is_no_pairing():
    sentence = "Wuhu No. 1 Hospital assisted Pishan County People's Hospital."
    assert pairs(sentence) == []


# --- another province pair --------------------------------------------------------------------


def test_hainan_tibet_section():
    sentence = "Sanya City and Haikou City supported Nang County and Mainling County respectively."
    assert pairs(sentence, "Hainan", "Tibet") == [
        ("Sanya City", "Nang County"),
        ("Haikou City", "Mainling County"),
    ]


# --- headings of other editions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "donor", "recipient"),
    [
        (
            "Anhui - Xinjiang Uygur Autonomous Region Pairing-off Poverty Alleviation",
            "Anhui",
            "Xinjiang Uygur Autonomous Region",
        ),
        (
            "Hainan Province - Tibet Autonomous Region Pairing-off Poverty Alleviation",
            "Hainan Province",
            "Tibet Autonomous Region",
        ),
        ("Shenzhen–Guangxi Zhuang Autonomous Region Pairing-off", "Shenzhen",
         "Guangxi Zhuang Autonomous Region"),
    ],
)  # fmt: skip
def test_headings_with_spaced_hyphen_and_full_names(line, donor, recipient):
    heading = match_pairing_heading(line)
    assert (heading.donor, heading.recipient) == (donor, recipient)
    doc = segment(f"{HEADER}{line}\n【Aid】 Funds were used to support Lop County.\n")
    (fact,) = pairings_from_headings(doc)
    assert (fact.donor.name, fact.recipient.name) == (donor, recipient)
    assert (fact.donor.level, fact.recipient.level) == (
        "province" if "Province" in donor else None,
        "province",
    )


# --- joint subjects, fronted places, clause actions ------------------------------------------


def test_an_east_and_a_west_place_acting_together_on_their_pairing():
    sentence = "Jinghu District and Lop County sent 12 cadres to each other for exchange."
    assert pairs(sentence) == [("Jinghu District", "Lop County")]
    # after an opening phrase, still the subject
    sentence = "Aiming at teachers, Yaohai District and Moyu County set up an exchange mechanism."
    assert pairs(sentence) == [("Yaohai District", "Moyu County")]
    # not about their pairing: no pairing
    assert pairs("Jinghu District and Lop County reported heavy snow.") == []
    # not the subject
    assert pairs("Officials visited Jinghu District and Lop County for cooperation.") == []


def test_in_a_west_place_we_supported():
    sentence = "In Moyu County, we supported the planting of walnuts."
    assert pairs(sentence) == [("Anhui", "Moyu County")]


def test_each_subject_of_a_long_sentence_with_its_own_place():
    sentence = (
        "Wuhu City built a clinic in Xinle Town of Pishan County, Bengbu City set up a "
        "school for Yawa Township of Moyu County, and Huainan City launched road projects "
        "in Lop County."
    )
    assert pairs(sentence) == [
        ("Wuhu City", "Pishan County"),
        ("Bengbu City", "Moyu County"),
        ("Huainan City", "Lop County"),
    ]


def test_an_action_over_a_list_of_places_with_their_prefectures():
    sentence = (
        "Hefei City rebuilt 300 houses in Pishan County, Moyu County of Hotan Prefecture "
        "and Shufu County of Kashgar Prefecture."
    )
    assert pairs(sentence) == [
        ("Hefei City", "Pishan County"),
        ("Hefei City", "Moyu County"),
        ("Hefei City", "Shufu County"),
    ]


def test_it_acts_for_the_place_named_in_a_support_phrase_before():
    sentence = (
        "Wuhu City supported Hotan Prefecture to develop tea. "
        "Meanwhile, it purchased equipment for a base in Lop County of Hotan Prefecture."
    )
    assert pairs(sentence) == [("Wuhu City", "Hotan Prefecture"), ("Wuhu City", "Lop County")]


def test_it_acts_for_the_place_named_before():
    sentence = (
        "Wuhu City provided aid funds of 2 million yuan for Hotan Prefecture. "
        "Meanwhile, it purchased equipment for a base in Lop County of Hotan Prefecture."
    )
    assert ("Wuhu City", "Lop County") in pairs(sentence)


def test_exchange_between_a_list_and_a_place_past_the_container():
    sentence = (
        "The exchange mechanism between Jinghu and Yijiang District of Wuhu and Lop County "
        "was set up."
    )
    assert pairs(sentence) == [("Jinghu", "Lop County"), ("Yijiang District", "Lop County")]


def test_a_name_on_both_sides_takes_its_container_side():
    # "Chaoyang District" is in Beijing (the east side) and in Chaoyang City of Liaoning;
    # "of Liaoning" puts it on the west side of a made-up Beijing – Liaoning section
    doc = _doc("Nothing.", "Beijing", "Liaoning")
    sides = sides_of(doc.sections[0])
    assert sides.side("Chaoyang District") is None or sides.side("Chaoyang District") == "east"
    assert sides.side("Shuangta District", within="Chaoyang City") == "west"


def test_several_donors_and_as_many_recipients_pair_in_order_other_lists_each_with_each():
    sentence = "Wuhu City and Hefei City supported Lop County and Moyu County in many fields."
    assert pairs(sentence) == [("Wuhu City", "Lop County"), ("Hefei City", "Moyu County")]
    sentence = "Wuhu City, Bengbu City and Hefei City supported Lop County and Moyu County."
    assert len(pairs(sentence)) == 6


def test_places_sent_to_act_in_west_side_places_pair_each_with_each():
    sentence = (
        "In 2015, Fujian organized Xiamen, Anxi County and Quanzhou City recruitment groups to "
        "hold job fairs in Pingliang and Qingyang City of Gansu."
    )
    assert sorted(pairs(sentence, "Fujian", "Gansu")) == sorted(
        (d, r)
        for d in ("Xiamen", "Anxi County", "Quanzhou City")
        for r in ("Pingliang", "Qingyang City")
    )  # Anxi County is also a county of Gansu; listed with two cities of Fujian it is Fujian's
    unnamed = "In 2015, it arranged 3 million yuan to implement projects in Pingliang."
    assert pairs(unnamed, "Fujian", "Gansu") == []  # who was sent is not named
