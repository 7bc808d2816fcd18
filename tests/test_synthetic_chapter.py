"""A chapter written for the tests segments correctly: the code is not tied to the sample."""

from support import SYNTHETIC_LINES, synthetic_bytes


def test_crlf_and_bom_are_really_there():
    data = synthetic_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == len(SYNTHETIC_LINES)


def test_title_without_bom(synthetic_doc):
    assert synthetic_doc.title == "East-West Pairing-off Cooperation for Poverty Reduction"
    assert synthetic_doc.text[synthetic_doc.title_span.start - 1] == "\ufeff"


def test_sections(synthetic_doc):
    got = [(s.kind, s.donor, s.recipient) for s in synthetic_doc.sections]
    assert got == [
        ("overview", None, None),
        ("pairing", "Hainan", "Tibet Autonomous Region"),
        ("pairing", "Anhui", "Xinjiang Uygur Autonomous Region"),
    ]


def test_subheadings_including_lost_bracket(synthetic_doc):
    hainan, anhui = synthetic_doc.pairing_sections
    assert [s.title for s in hainan.subsections] == ["Overview", "Fund allocation"]
    assert [s.title for s in anhui.subsections] == ["Exchange visits"]
    assert len(anhui.subsections[0].paragraphs) == 2


def test_attributions_with_unbalanced_brackets(synthetic_doc):
    overview, hainan, anhui = synthetic_doc.sections
    assert (overview.attribution.organization, overview.attribution.author) == (
        "Office of Test Affairs, LGOP",
        None,
    )
    assert (hainan.attribution.organization, hainan.attribution.author) == (
        "Hainan Provincial Office of Cooperation",
        "Li Ming",
    )
    assert anhui.attribution.organization == "Anhui Provincial Poverty Alleviation Office"


def test_sentences(synthetic_doc):
    quotes = [synthetic_doc.quote(s.span) for s in synthetic_doc.sentences()]
    assert quotes == [
        "In 2015, the eastern provinces helped the west.",
        "Mr. Zhao of Huaxin Co., Ltd. spoke.",
        "In 2015, Hainan allocated 3.5 million yuan to Nyingchi.",
        "It built 2 schools.",
        "According to \u201cGuo Fa (2012) No.2\u201d, Hainan gave 1\u2030 of revenue.",
        "On May 3, Governor Wang visited Hotan.",
        "The two sides signed an agreement.",
        "Second paragraph of the visits.",
    ]
    assert all("\r" not in q for q in quotes)


def test_footer_is_trailer(synthetic_doc):
    assert synthetic_doc.quote(synthetic_doc.trailer).startswith("\u626b\u63cf")
