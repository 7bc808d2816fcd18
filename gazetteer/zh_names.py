"""Chinese division names taken apart: stem, ethnic groups, banner position, admin suffix.

Used by the build script (to romanise and to translate names) and at run time
(to know a division's admin type from its Chinese name). Standard library only.

>>> parse_zh("凉山彝族自治州", "prefecture")
ZhName(stem='凉山', position='', ethnic=('彝族',), suffix='自治州')
>>> parse_zh("科尔沁左翼中旗", "county")
ZhName(stem='科尔沁', position='左翼中', ethnic=(), suffix='旗')
>>> parse_zh("内蒙古自治区", "province")
ZhName(stem='内蒙古', position='', ethnic=(), suffix='自治区')
>>> english_name(parse_zh("黔东南苗族侗族自治州", "prefecture"), "Qiandongnan", "prefecture")
'Qiandongnan Miao and Dong Autonomous Prefecture'
>>> english_name(parse_zh("巴林左旗", "county"), "Balin", "county")
'Balin Left Banner'
"""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "ZhName",
    "parse_zh",
    "english_name",
    "english_suffix",
    "ETHNIC_EN",
    "POSITION_EN",
    "LEVELS",
]

LEVELS = ("province", "prefecture", "county")

# The 56 nationalities (GB 3304 list) with the English forms used in the names of
# autonomous divisions. Keys are without 族; names may carry it or not (蒙古自治州).
ETHNIC_EN: dict[str, str] = {
    "蒙古": "Mongol", "回": "Hui", "藏": "Tibetan", "维吾尔": "Uygur", "苗": "Miao",
    "彝": "Yi", "壮": "Zhuang", "布依": "Bouyei", "朝鲜": "Korean", "满": "Manchu",
    "侗": "Dong", "瑶": "Yao", "白": "Bai", "土家": "Tujia", "哈尼": "Hani",
    "哈萨克": "Kazak", "傣": "Dai", "黎": "Li", "傈僳": "Lisu", "佤": "Va", "畲": "She",
    "高山": "Gaoshan", "拉祜": "Lahu", "水": "Shui", "东乡": "Dongxiang", "纳西": "Naxi",
    "景颇": "Jingpo", "柯尔克孜": "Kirgiz", "土": "Tu", "达斡尔": "Daur", "仫佬": "Mulao",
    "羌": "Qiang", "布朗": "Blang", "撒拉": "Salar", "毛南": "Maonan", "仡佬": "Gelao",
    "锡伯": "Xibe", "阿昌": "Achang", "普米": "Pumi", "塔吉克": "Tajik", "怒": "Nu",
    "乌孜别克": "Uzbek", "俄罗斯": "Russian", "鄂温克": "Ewenki", "德昂": "De'ang",
    "崩龙": "De'ang", "保安": "Bonan", "裕固": "Yugur", "京": "Gin", "塔塔尔": "Tatar",
    "独龙": "Derung", "鄂伦春": "Oroqen", "赫哲": "Hezhen", "门巴": "Monba",
    "珞巴": "Lhoba", "基诺": "Jino", "各": "Various Nationalities",
}  # fmt: skip

# Position words of Inner Mongolian banner names (巴林左旗 Bairin Left Banner).
POSITION_EN: dict[str, str] = {
    "左翼前": "Left Wing Front", "左翼中": "Left Wing Middle", "左翼后": "Left Wing Rear",
    "右翼前": "Right Wing Front", "右翼中": "Right Wing Middle", "右翼后": "Right Wing Rear",
    "联合": "United", "左": "Left", "右": "Right", "前": "Front", "中": "Middle", "后": "Rear",
}  # fmt: skip

# Admin suffixes, longest first, with the levels they occur at and the shortest
# stem they take (万柏林区 is a 区 named Wanbailin, 神农架林区 a forestry district).
_SUFFIXES: tuple[tuple[str, tuple[str, ...], int], ...] = (
    ("特别行政区", ("province",), 1),
    ("自治区", ("province",), 1),
    ("自治州", ("prefecture",), 1),
    ("自治县", ("county",), 1),
    ("自治旗", ("county",), 1),
    ("行政区", ("prefecture",), 2),
    ("地区", ("prefecture",), 1),
    ("新区", ("county",), 2),
    ("林区", ("county",), 3),
    ("矿区", ("county",), 2),
    ("特区", ("county",), 2),
    ("省", ("province",), 1),
    ("市", LEVELS, 1),
    ("盟", ("prefecture",), 1),
    ("县", ("county",), 1),
    ("区", ("county", "prefecture"), 1),
    ("旗", ("county",), 1),
)

_SUFFIX_EN: dict[tuple[str, str], str] = {
    ("province", "省"): "Province",
    ("province", "自治区"): "Autonomous Region",
    ("province", "市"): "Municipality",
    ("province", "特别行政区"): "Special Administrative Region",
    ("prefecture", "市"): "City",
    ("prefecture", "地区"): "Prefecture",
    ("prefecture", "行政区"): "Administrative Region",
    ("prefecture", "自治州"): "Autonomous Prefecture",
    ("prefecture", "盟"): "League",
    ("prefecture", "区"): "District",
    ("county", "市"): "City",
    ("county", "县"): "County",
    ("county", "区"): "District",
    ("county", "旗"): "Banner",
    ("county", "自治县"): "Autonomous County",
    ("county", "自治旗"): "Autonomous Banner",
    ("county", "新区"): "New Area",
    ("county", "林区"): "Forestry District",
    ("county", "矿区"): "Mining District",
    ("county", "特区"): "Special District",
}

# Longest ethnic names first, so 土家 is tried before 土.
_ETHNIC_BY_LENGTH = sorted(ETHNIC_EN, key=len, reverse=True)


class ZhName(NamedTuple):
    """A Chinese division name in parts: ``stem + position + ethnic… + suffix``."""

    stem: str
    position: str
    ethnic: tuple[str, ...]
    suffix: str


def _split_suffix(name: str, level: str) -> tuple[str, str]:
    for suffix, levels, min_stem in _SUFFIXES:
        if level in levels and name.endswith(suffix) and len(name) - len(suffix) >= min_stem:
            return name[: -len(suffix)], suffix
    return name, ""


def _strip_ethnic(rest: str) -> tuple[str, tuple[str, ...]]:
    """Take ethnic names off the end of ``rest`` while at least two characters stay."""
    found: list[str] = []
    while True:
        for eth in _ETHNIC_BY_LENGTH:
            for form in (eth + "族", eth) if len(eth) > 1 else (eth + "族",):
                if rest.endswith(form) and len(rest) - len(form) >= 2:
                    found.insert(0, form)
                    rest = rest[: -len(form)]
                    break
            else:
                continue
            break
        else:
            return rest, tuple(found)


def parse_zh(name: str, level: str) -> ZhName:
    """Split a Chinese division name; ``level`` is province, prefecture or county.

    A name that is only an ethnic group and a suffix keeps the group as its
    stem (鄂伦春自治旗 → stem 鄂伦春; 东乡族自治县 → stem 东乡).

    >>> parse_zh("大通回族土族自治县", "county")
    ZhName(stem='大通', position='', ethnic=('回族', '土族'), suffix='自治县')
    >>> parse_zh("东乡族自治县", "county").stem
    '东乡'
    >>> parse_zh("西藏自治区", "province").stem
    '西藏'
    >>> parse_zh("赵县", "county")
    ZhName(stem='赵', position='', ethnic=(), suffix='县')
    """
    rest, suffix = _split_suffix(name, level)
    ethnic: tuple[str, ...] = ()
    if suffix.startswith("自治"):
        rest, ethnic = _strip_ethnic(rest)
        if rest.endswith("族") and rest[:-1] in ETHNIC_EN:
            rest = rest[:-1]
    position = ""
    if suffix == "旗":
        for pos in sorted(POSITION_EN, key=len, reverse=True):
            if rest.endswith(pos) and len(rest) - len(pos) >= 2:
                rest, position = rest[: -len(pos)], pos
                break
    return ZhName(rest, position, ethnic, suffix)


def english_suffix(parts: ZhName, level: str) -> str:
    """The English admin words for a parsed name, ethnic groups included.

    >>> english_suffix(parse_zh("威宁彝族回族苗族自治县", "county"), "county")
    'Yi, Hui and Miao Autonomous County'
    >>> english_suffix(parse_zh("北京市", "province"), "province")
    'Municipality'
    """
    words = []
    if parts.position:
        words.append(POSITION_EN[parts.position])
    groups = [ETHNIC_EN[e.removesuffix("族")] if e not in ETHNIC_EN else ETHNIC_EN[e]
              for e in parts.ethnic]  # fmt: skip
    if groups:
        words.append(
            groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + " and " + groups[-1]
        )
    admin = _SUFFIX_EN.get((level, parts.suffix), "")
    if admin:
        words.append(admin)
    return " ".join(words)


def english_name(parts: ZhName, stem_en: str, level: str) -> str:
    """``stem_en`` followed by the English admin words of ``parts``."""
    suffix = english_suffix(parts, level)
    return f"{stem_en} {suffix}" if suffix else stem_en
