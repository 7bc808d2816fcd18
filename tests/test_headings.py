"""Line-type recognisers on synthetic lines (dash variants, brackets, attributions)."""

import pytest

from duikou.loaders.headings import match_attribution, match_pairing_heading, match_subheading


@pytest.mark.parametrize(
    ("line", "donor", "recipient"),
    [
        ("Hainan - Tibet Pairing-off Poverty Alleviation", "Hainan", "Tibet"),
        ("Hainan-Tibet Pairing-off Poverty Alleviation", "Hainan", "Tibet"),
        ("Hainan – Tibet Pairing-off Poverty Alleviation", "Hainan", "Tibet"),
        ("Hainan—Tibet Pairing-off Poverty Reduction", "Hainan", "Tibet"),
        ("Hainan -Tibet Autonomous Region Pairing-off Poverty Alleviation", "Hainan", "Tibet Autonomous Region"),
        ("Xiamen\u00a0–\u00a0Gansu Linxia Hui Autonomous Prefecture Pairing off Cooperation", "Xiamen", "Gansu Linxia Hui Autonomous Prefecture"),
        ("Anhui – Xinjiang Pairing Assistance", "Anhui", "Xinjiang"),
        # forms of other editions
        ("Hainan and Tibet Pairing-off Cooperation for Poverty Alleviation", "Hainan", "Tibet"),
        ("Pairing-off Poverty Alleviation between Anhui and Xinjiang", "Anhui", "Xinjiang"),
        ("Hainan-Tibet Pairing-off Cooperation in Poverty Alleviation", "Hainan", "Tibet"),
        ("Anhui – Xinjiang East-West Pairing-off Poverty Alleviation", "Anhui", "Xinjiang"),
        ("Hainan - Tibet Cooperation on Poverty Alleviation", "Hainan", "Tibet"),
    ],
)  # fmt: skip
def test_pairing_heading(line, donor, recipient):
    heading = match_pairing_heading(line)
    assert heading is not None
    assert (heading.donor, heading.recipient) == (donor, recipient)
    assert line[slice(*heading.donor_span)] == donor


@pytest.mark.parametrize(
    "line",
    [
        "East-West Pairing-off Cooperation for Poverty Reduction",  # the chapter title
        "East-West Pairing-off Poverty Alleviation",
        "Haiyuan County Leading Group of Fujian – Ningxia Pairing-off Poverty Alleviation issued "
        "relief funds of 700,000 yuan to Jingyuan County.",
        "【The 16th Joint Conference on Fujian-Ningxia Pairing-off Cooperation】 On October 22 …",
        "Overview",
        # without a dash, both sides must be places the gazetteer knows
        "Labor and Trade Cooperation on Poverty Alleviation",
        "Science and Technology Pairing-off Support",
        "Labor - Trade Cooperation on Poverty Alleviation",
    ],
)
def test_not_a_pairing_heading(line):
    assert match_pairing_heading(line) is None


@pytest.mark.parametrize(
    ("line", "title", "rest"),
    [
        ("【Overview】 In 2012, aid grew.", "Overview", " In 2012, aid grew."),
        ("【Rain Plan】", "Rain Plan", ""),
        ("Labor cooperation】 In order to", "Labor cooperation", " In order to"),
        ("【Intelligence support】To promote", "Intelligence support", "To promote"),
    ],
)
def test_subheading(line, title, rest):
    sub = match_subheading(line)
    assert sub.title == title
    assert line[sub.end :] == rest


def test_prose_is_not_a_subheading():
    assert match_subheading("In 2012, the city gave 5 million yuan.") is None


@pytest.mark.parametrize(
    ("line", "organization", "author"),
    [
        ("(Guangdong Provincial Poverty Alleviation Office)", "Guangdong Provincial Poverty Alleviation Office", None),
        ("(Wang Jing, Liaoning Provincial Office)", "Liaoning Provincial Office", "Wang Jing"),
        ("(Dong Jianwu, (Fujian Provincial Office)", "Fujian Provincial Office", "Dong Jianwu"),
        ("(Li Dong, Shandong Provincial Office", "Shandong Provincial Office", "Li Dong"),
        ("(Department of International Cooperation, LGOP)", "Department of International Cooperation, LGOP", None),
        ("（Zhang San, Hebei Office）", "Hebei Office", "Zhang San"),
    ],
)  # fmt: skip
def test_attribution(line, organization, author):
    parts = match_attribution(line)
    assert (parts.organization, parts.author) == (organization, author)


def test_parenthesised_prose_is_not_an_attribution():
    assert match_attribution("(In 2012, the office sent 5 cadres. They stayed a year.)") is None


@pytest.mark.parametrize(
    "opening",
    [
        "",  # the excerpt starts at a section heading
        "ment work and achieved results. In 2010, Jiangsu gave 5 million yuan to Shaanxi.\n\n",
    ],
    ids=["at-a-heading", "mid-paragraph"],
)
def test_an_excerpt_that_starts_inside_a_chapter_keeps_its_sections(opening):
    """Other editions are measured on excerpts: no chapter title, perhaps a cut paragraph."""
    from duikou.loaders.extract import extract_facts
    from duikou.loaders.segmenter import segment

    text = (
        f"{opening}Hainan and Tibet Pairing-off Cooperation for Poverty Alleviation\n\n"
        "    In 2010, Hainan allocated 3 million yuan to Nyingchi City.\n\n"
        "    Anhui - Xinjiang Pairing-off Poverty Alleviation\n\n"
        "    In 2010, Anhui provided 2 million yuan for Hotan Prefecture.\n"
    )
    doc = segment(text)
    assert [(s.donor, s.recipient) for s in doc.pairing_sections] == [
        ("Hainan", "Tibet"),
        ("Anhui", "Xinjiang"),
    ]
    transfers = [
        (f.donor.name, f.recipient.name)
        for f in extract_facts(doc)
        if type(f).__name__ == "TransferFact"
    ]
    assert ("Hainan", "Nyingchi City") in transfers
    assert ("Anhui", "Hotan Prefecture") in transfers
