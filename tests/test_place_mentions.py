"""Every place a sentence names is in the graph as a mention of its Region, with its code.

The chapter here is made up (Hainan - Tibet, none of its sentences from the
sample): a city named only in a visit sentence, a list of three counties under
one plural admin word, ordinary capitalised words, an organisation named after
a place and a person whose given name is also a county's name. Expected codes
were looked up in the GB/T 2260 code list (2015 revision), not produced by duikou.
"""

from __future__ import annotations

import pytest
from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import SKOS

from duikou.api import load_document
from duikou.loaders.place_mentions import extract_place_mentions, places_in_run
from duikou.ontology.namespace import DK, SCHEMA

from support import CHAPTER_TITLE, build_chapter, hainan_tibet_chapter, union_graph

VISIT = "In June, a delegation of Haikou City visited Lhasa City to review the work."
LIST = "Teachers from the province went to Linzhou, Dazi and Mozhugongka Counties."
WORDS = "Despite the cold, Phase II of the Activity began on time."
ORG = "Sanya Municipal Government sent two doctors to the plateau."
PERSON = "Zhang Dejiang of the provincial office met the teams."
PARENT = "Jincheng and Yuncheng of Shanxi sent advisers as well."
PROVINCES = "Experts from Hebei, Henan and Hainan joined them."
FAIR = "Farmers showed their fruit at the Haikou City Trade Fair."

CODES = {
    "Haikou City": "460100",  # 海口市
    "Lhasa City": "540100",  # 拉萨市
    "Linzhou": "540121",  # 林周县 (Lhunzhub) in Tibet, not 林州市 in Henan
    "Dazi": "540126",  # 达孜县 (Dagze)
    "Mozhugongka": "540127",  # 墨竹工卡县 (Maizhokunggar)
    "Sanya": "460200",  # 三亚市
    "Shanxi": "140000",  # 山西省, which holds Jincheng and Yuncheng (not 陕西)
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("mentions")
    text = hainan_tibet_chapter(VISIT, LIST, WORDS, ORG, PERSON, PARENT, PROVINCES, FAIR)
    out = build_chapter(folder / "chapter.txt", text)
    return folder / "chapter.txt", union_graph(out)


def _sentence(graph: Graph, words: str):
    found = [s for s in graph.subjects(None, Literal(words)) if (s, SCHEMA.mentions, None) in graph]
    assert found, f"no sentence node mentioning anything for {words!r}"
    return found[0]


def _mentioned_codes(graph: Graph, words: str) -> dict[str, str]:
    """Name as written -> code, of the regions the sentence *words* mentions."""
    out = {}
    for region in graph.objects(_sentence(graph, words), SCHEMA.mentions):
        if (region, RDF.type, DK.Region) not in graph:
            continue
        code = graph.value(region, DK.divisionCode)
        for label in graph.objects(region, SKOS.altLabel):
            if str(label) in words and code is not None:
                out[str(label)] = str(code)
    return out


def test_a_city_named_only_in_a_visit_is_a_mention_with_its_code(built):
    _, graph = built
    codes = _mentioned_codes(graph, VISIT)
    assert codes["Haikou City"] == CODES["Haikou City"]
    assert codes["Lhasa City"] == CODES["Lhasa City"]


def test_each_member_of_a_listed_counties_is_a_county_of_the_section(built):
    _, graph = built
    codes = _mentioned_codes(graph, LIST)
    for name in ("Linzhou", "Dazi", "Mozhugongka"):
        assert codes.get(name) == CODES[name], name


def test_the_place_an_organisation_is_named_after_is_a_mention_the_organisation_no_region(built):
    _, graph = built
    assert _mentioned_codes(graph, ORG) == {"Sanya": CODES["Sanya"]}
    labels = {str(o) for r in graph.subjects(RDF.type, DK.Region) for o in graph.objects(r, None)}
    assert "Sanya Municipal Government" not in labels


def test_a_list_before_of_picks_the_province_that_holds_it(built):
    _, graph = built
    assert _mentioned_codes(graph, PARENT).get("Shanxi") == CODES["Shanxi"]


def test_no_ordinary_word_or_person_becomes_a_region(built):
    _, graph = built
    labels = set()
    for region in graph.subjects(RDF.type, DK.Region):
        for prop in (RDFS.label, SKOS.altLabel, SKOS.hiddenLabel):
            labels |= {str(o) for o in graph.objects(region, prop)}
    for word in ("Despite", "Phase", "Phase II", "Activity", "Zhang", "Dejiang", "Zhang Dejiang"):
        assert word not in labels, word
    sentences = set(graph.subjects(None, Literal(WORDS)))
    assert sentences
    assert not {r for s in sentences for r in graph.objects(s, SCHEMA.mentions)}
    codes = {str(c) for c in graph.objects(None, DK.divisionCode)}
    assert "520626" not in codes  # 德江县: "Dejiang" here is a given name


def test_every_mention_is_read_from_its_sentence(built):
    path, _ = built
    doc = load_document(path)
    for fact in extract_place_mentions(doc):
        span, sentence = fact.place.span, fact.evidence.span
        assert sentence.start <= span.start < span.end <= sentence.end
        assert doc.text[span.start : span.end] == fact.place.name


def test_a_place_named_inside_an_event_name_is_a_mention(built):
    _, graph = built
    assert _mentioned_codes(graph, FAIR) == {"Haikou City": CODES["Haikou City"]}


def test_a_bare_name_of_the_sections_side_is_that_division_not_a_county_of_its_name(tmp_path):
    # 和田地区 (653200) holds both 和田市 (653201) and 和田县 (653221)
    text = (
        f"{CHAPTER_TITLE}\n\n"
        "    Anhui - Hotan Prefecture Pairing-off Poverty Alleviation\n\n"
        "    【Visits】 In 2015, teachers from Anhui went to Hotan in May.\n"
    )
    out = build_chapter(tmp_path / "hotan.txt", text)
    graph = union_graph(out)
    sentence = "In 2015, teachers from Anhui went to Hotan in May."
    assert _mentioned_codes(graph, sentence) == {"Anhui": "340000", "Hotan": "653200"}


def test_an_admin_word_in_lower_case_gives_the_level():
    text = "Doctors built Tongshi town Hospital."
    start = text.index("Tongshi")
    places = places_in_run(text, start, start + len("Tongshi"))
    assert [(p.name, p.level) for p in places] == [("Tongshi", "township")]


def test_a_list_of_names_that_can_all_be_provinces_is_a_list_of_provinces(built):
    path, _ = built
    doc = load_document(path)
    start = doc.text.index(PROVINCES)
    levels = {
        f.place.name: f.place.level
        for f in extract_place_mentions(doc)
        if start <= f.place.span.start < start + len(PROVINCES)
    }
    assert levels == {"Hebei": "province", "Henan": "province", "Hainan": "province"}


@pytest.mark.parametrize(
    ("run", "places"),
    [
        ("Wuzhishan City Tongshi Town Central School", ["Wuzhishan City", "Tongshi Town"]),
        ("Central School of Baisha County", ["Baisha County"]),
        ("Hainan-Tibet", ["Hainan", "Tibet"]),
        ("Yuan", []),
        ("Bai Yun", []),
        ("Hong Kong Chamber", ["Hong Kong"]),
        ("Governor Office", []),
    ],
)
def test_places_in_a_run(run, places):
    assert [p.name for p in places_in_run(run, 0, len(run))] == places
