"""Places of the bundled chapter resolved to GB/T 2260 divisions in the built graph.

Expected codes were looked up by hand in the official code list (2012 revision)
for places the chapter names; they are not produced by duikou.
"""

import pytest
from rdflib import RDFS, Literal
from rdflib.namespace import DCTERMS, SKOS

from duikou.ontology.namespace import DATA, DK, GEO

from support import union_graph

EXPECTED = {
    "Balin Left Banner": "150422",  # 巴林左旗
    "Huangzhong County": "630122",  # 湟中县 (2012)
    "Qiandongnan": "522600",  # 黔东南苗族侗族自治州
    "Qiandongnan Prefecture": "522600",
    "Liangshan Prefecture": "513400",  # 凉山彝族自治州, not 梁山县
    "Xing'an League": "152200",  # 兴安盟
    "Erdos City": "150600",  # 鄂尔多斯市
    "Ulanqab": "150900",  # 乌兰察布市
    "Chifeng": "150400",  # 赤峰市
    "Datong County": "630121",  # 大通县 in Qinghai, not 大同 in Shanxi
    "Ping'an County": "632121",  # 平安县 in 2012 (now 平安区)
    "Haiyuan County": "640522",  # 海原县
    "Dongxiang County": "622926",  # 东乡族自治县 in Linxia, not 东乡县 in Jiangxi
    "Inner Mongolia Autonomous Region": "150000",
    "Guizhou": "520000",
}


@pytest.fixture(scope="module")
def graph(sample_build):
    return union_graph(sample_build)


def _codes_of(graph, name):
    return {
        str(graph.value(region, DK.divisionCode))
        for region in graph.subjects(SKOS.altLabel, Literal(name))
    }


@pytest.mark.parametrize(("name", "code"), sorted(EXPECTED.items()))
def test_resolved_to_the_right_division(graph, name, code):
    assert _codes_of(graph, name) == {code}


def test_name_variants_are_one_node(graph):
    node = DATA["region/210200"]  # Dalian
    names = {str(n) for n in graph.objects(node, SKOS.altLabel)}
    assert {"Dalian", "Dalian City"} <= names


def test_division_carries_names_code_level_point_and_parents(graph):
    node = DATA["region/630122"]
    labels = {(str(v), v.language) for v in graph.objects(node, RDFS.label)}
    assert ("湟中县", "zh") in labels
    assert graph.value(node, DK.adminLevel) == DK.LevelCounty
    assert graph.value(node, DK.macroRegion) == DK.MacroWest
    wkt = str(graph.value(graph.value(node, GEO.hasGeometry), GEO.asWKT))
    assert wkt.startswith("POINT(101.")
    prefecture = graph.value(node, GEO.sfWithin)
    province = graph.value(prefecture, GEO.sfWithin)
    assert (str(prefecture), str(province)) == (
        str(DATA["region/630100"]),
        str(DATA["region/630000"]),
    )


def test_a_division_that_no_longer_exists_points_to_its_successor(graph):
    assert graph.value(DATA["region/632121"], DCTERMS.isReplacedBy) == DATA["region/630203"]


def test_a_misspelt_county_resolves_as_a_hidden_variant(graph):
    # "Dunhua County" in the Liaoning - Qinghai section is a misspelling of Xunhua
    # (循化, Qinghai, 632128 in 2012): the only Dunhua (敦化) is in Jilin, outside both
    # sides of the pairing. It is kept as a SKOS hidden label, not as an alternative name.
    assert _codes_of(graph, "Dunhua County") == set()
    nodes = list(graph.subjects(SKOS.hiddenLabel, Literal("Dunhua County")))
    assert [str(graph.value(n, DK.divisionCode)) for n in nodes] == ["632128"]


def test_link_report(sample_build):
    from click.testing import CliRunner

    from duikou.cli import cli

    result = CliRunner().invoke(cli, ["link", "--report", "--graph", str(sample_build)])
    assert result.exit_code == 0, result.output
    assert "places resolved:" in result.output
    assert "variant: Dunhua County (632128)" in result.output
    from duikou.queries.resolution_report import resolution_report

    report = resolution_report(sample_build)
    assert report.rate >= 0.96  # measured 0.971; see the README
    assert report.names["Balin Left Banner"]["status"] == "resolved"


@pytest.mark.parametrize(
    ("misspelt", "code"),
    [
        ("Nanching", "511300"),  # 南充 Nanchong, in the Zhejiang - Sichuan section
        ("Hongsipu District", "640303"),  # 红寺堡区 Hongsibu, Ningxia
        ("Jingjiang City", "350582"),  # 晋江 Jinjiang, Fujian (靖江 Jingjiang is in Jiangsu)
    ],
)
def test_spelling_variants_resolve_as_hidden_labels(graph, misspelt, code):
    nodes = list(graph.subjects(SKOS.hiddenLabel, Literal(misspelt)))
    assert [str(graph.value(n, DK.divisionCode)) for n in nodes] == [code]


def test_words_and_facilities_are_not_places(graph):
    """Words are no parties (loaders) and, where a node carries one, not a place."""
    for word in ("Activity", "XMFish"):
        nodes = list(graph.subjects(RDFS.label, Literal(word)))
        assert all(str(graph.value(n, DK.resolution)) == "not-a-place" for n in nodes)
        assert not any(graph.value(n, DK.divisionCode) for n in nodes)
