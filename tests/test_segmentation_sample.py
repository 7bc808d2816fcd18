"""Segmentation of the bundled chapter, checked against what a reader sees in the text.

Expected values were read off the source file by hand (section headings and
closing lines) and by ``grep`` (sub-heading lines per section), not produced
by duikou.
"""

import pytest

# (donor, recipient, number of sub-headings) per pairing section, in order.
EXPECTED_SECTIONS = [
    ("Beijing", "Inner Mongolia Autonomous Region", 8),
    ("Tianjin", "Gansu", 6),
    ("Liaoning", "Qinghai", 7),
    ("Shanghai", "Yunnan", 10),
    ("Jiangsu", "Shaanxi", 8),
    ("Zhejiang", "Sichuan", 8),
    ("Fujian", "Ningxia Hui Autonomous Region", 6),
    ("Shandong", "Chongqing", 6),
    ("Guangdong", "Guangxi", 7),
    ("Dalian", "Guizhou", 6),
    ("Ningbo", "Guizhou", 9),
    ("Qingdao", "Guizhou", 6),
    ("Shenzhen", "Guizhou", 8),
    ("Xiamen", "Gansu Linxia Hui Autonomous Prefecture", 11),
    ("Zhuhai", "Sichuan Liangshan Yi Autonomous Prefecture", 9),
]

# (organisation, author) of each section's closing line, overview first.
EXPECTED_ATTRIBUTIONS = [
    ("Department of International Cooperation, LGOP", None),
    ("Beijing City Leading Group Office of Counterpart Support and Economic Cooperation", None),
    ("Exchange and Cooperation Office of Tianjin Municipal People's Government", None),
    ("Liaoning Provincial Office of Economic Cooperation", "Wang Jing"),
    (
        "Department of Counterpart Support, Office for Cooperation and Exchange Affairs "
        "of the Shanghai Municipal People's Government",
        None,
    ),
    ("Jiangsu Provincial Development and Reform Commission", "Zhang Jianming"),
    (
        "Counterpart Support Department, Zhejiang Province Economic Cooperation and Exchange Office",
        "Chen Jinwei",
    ),
    ("Fujian Provincial Poverty Alleviation Office", "Dong Jianwu"),  # "(Dong Jianwu, (Fujian …)"
    ("Shandong Provincial Office of Counterpart Support", "Li Dong"),  # no closing bracket
    ("Guangdong Provincial Poverty Alleviation Office", None),
    ("Dalian Municipal Government Office of Economic Cooperation and Exchange", "Yu Xiaoye"),
    (
        "Counterpart Support Division, Ningbo Office of Domestic Economic Cooperation",
        "Xu Wenping",
    ),
    ("Qingdao City Domestic Economic Cooperation Office", None),
    ("Shenzhen Counterpart Support Office", "Xu Jianming"),
    ("Xiamen City Counterpart Support Office", None),
    ("Zhuhai City Leading Group Office of Poverty Alleviation", "Jin Dan"),
]


def test_title(sample_doc):
    assert sample_doc.title == "East-West Pairing-off Cooperation for Poverty Reduction"


def test_overview_then_fifteen_pairing_sections(sample_doc):
    kinds = [s.kind for s in sample_doc.sections]
    assert kinds == ["overview"] + ["pairing"] * 15
    assert sample_doc.sections[0].title == "Overview"
    assert len(list(sample_doc.sections[0].all_paragraphs())) == 5


def test_donors_recipients_and_subheading_counts(sample_doc):
    got = [(s.donor, s.recipient, len(s.subsections)) for s in sample_doc.pairing_sections]
    assert got == EXPECTED_SECTIONS


def test_donor_and_recipient_spans_quote_the_heading(sample_doc):
    for section in sample_doc.pairing_sections:
        assert sample_doc.quote(section.donor_span) == section.donor
        heading = sample_doc.quote(section.heading)
        assert heading.startswith(section.donor)
        assert section.donor_span.start < section.recipient_span.start < section.heading.end


def test_every_section_has_its_attribution(sample_doc):
    got = [(s.attribution.organization, s.attribution.author) for s in sample_doc.sections]
    assert got == EXPECTED_ATTRIBUTIONS


@pytest.mark.parametrize(
    ("donor", "title"),
    [
        ("Tianjin", "Cooperation agreement signing"),
        ("Guangdong", "Labor cooperation"),
        ("Guangdong", "Cadre exchange and training"),
        ("Guangdong", "Department collaboration"),
        ("Qingdao", "Poverty relief cadre training"),
    ],
)
def test_subheadings_that_lost_their_opening_bracket(sample_doc, donor, title):
    section = next(s for s in sample_doc.pairing_sections if s.donor == donor)
    assert title in [sub.title for sub in section.subsections]


def test_first_subheading_of_each_section_is_overview_or_named(sample_doc):
    firsts = [s.subsections[0].title for s in sample_doc.pairing_sections]
    assert firsts.count("Overview") == 15


def test_paragraph_without_subheading_stays_in_its_subsection(sample_doc):
    xiamen = next(s for s in sample_doc.pairing_sections if s.donor == "Xiamen")
    visits = next(sub for sub in xiamen.subsections if sub.title == "Exchange visits")
    texts = [sample_doc.quote(p.span) for p in visits.paragraphs]
    assert any(t.startswith("In September, Deputy Governor of Linxia Prefecture") for t in texts)


def test_site_footer_is_left_out(sample_doc):
    assert sample_doc.trailer is not None
    assert sample_doc.quote(sample_doc.trailer).startswith("扫描下载手机客户端")
    last = sample_doc.sections[-1]
    assert last.span.end <= sample_doc.trailer.start
    assert all("版权所有" not in sample_doc.quote(s.span) for s in sample_doc.sentences())
