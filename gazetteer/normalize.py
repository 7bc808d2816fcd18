"""Normalise an English (or pinyin) place mention into a comparison key.

The key is lower case ASCII letters and digits only: curly quotes made
straight, diacritics dropped (``ü`` → ``u``, ``Ürümqi`` → ``urumqi``),
apostrophes, hyphens and spaces removed (``Ping'an`` == ``pingan``). Before
that, :func:`parse_mention` takes the admin words off the end of the name
(City, County, Prefecture, Autonomous Prefecture, Banner, League, District, …)
and, in autonomous names, the ethnic words before them (Hui, Yi, Miao and Dong,
Tibetan, …), and says which admin levels those words point to.

>>> m = parse_mention("Qiandongnan Miao and Dong Autonomous Prefecture")
>>> m.key, m.admin, sorted(m.levels)
('qiandongnan', 'autonomous prefecture', ['prefecture'])
>>> parse_mention("Xing’an League").key
'xingan'
>>> parse_mention("Lüliang City").key
'luliang'
>>> parse_mention("the Xinjiang Uygur Autonomous Region").key
'xinjiang'
>>> parse_mention("Dongxiang Autonomous County").key
'dongxiang'
>>> key("Xi'an") == key("Xian")
True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "level_from_name",
    "Mention",
    "parse_mention",
    "key",
    "spelling",
    "ADMIN_WORDS",
    "ETHNIC_WORDS",
    "is_chinese",
    "pinyin_syllables",
]

# English admin word -> (compatible (level, Chinese suffix) pairs, exact subset).
# "*" means any suffix at that level. Longest phrases are tried first.
ADMIN_WORDS: dict[str, tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]] = {}


def _admin(word: str, compatible: set[tuple[str, str]], exact: set[tuple[str, str]]) -> None:
    ADMIN_WORDS[word] = (frozenset(compatible | exact), frozenset(exact))


_P, _F, _C = "province", "prefecture", "county"
_admin("special administrative region", {(_P, "*")}, {(_P, "特别行政区")})
_admin("autonomous region", {(_P, "*")}, {(_P, "自治区")})
_admin("municipality", {(_P, "*")}, {(_P, "市")})
_admin("province", {(_P, "*")}, {(_P, "省")})
_admin("autonomous prefecture", {(_F, "*")}, {(_F, "自治州")})
_admin("prefecture-level city", {(_F, "*")}, {(_F, "市")})
_admin("prefecture level city", {(_F, "*")}, {(_F, "市")})
_admin("prefecture", {(_F, "*")}, {(_F, "地区"), (_F, "自治州")})
_admin("league", {(_F, "*")}, {(_F, "盟")})
_admin("county-level city", {(_C, "*")}, {(_C, "市")})
_admin("county level city", {(_C, "*")}, {(_C, "市")})
_admin("city", set(), {(_P, "市"), (_F, "市"), (_C, "市")})
_admin("autonomous county", {(_C, "*")}, {(_C, "自治县")})
_admin("county", {(_C, "*")}, {(_C, "县"), (_C, "自治县")})
_admin("autonomous banner", {(_C, "*")}, {(_C, "自治旗")})
_admin("banner", {(_C, "*")}, {(_C, "旗"), (_C, "自治旗")})
_admin("new area", {(_C, "*")}, {(_C, "新区")})
_admin("new district", {(_C, "*")}, {(_C, "新区")})
_admin("forestry district", {(_C, "*")}, {(_C, "林区")})
_admin("mining district", {(_C, "*")}, {(_C, "矿区")})
_admin("special district", {(_C, "*")}, {(_C, "特区")})
_admin("special zone", {(_C, "*")}, {(_C, "特区")})
_admin(
    "district", {(_C, "*")}, {(_C, "区"), (_C, "新区"), (_C, "林区"), (_C, "矿区"), (_F, "地区")}
)

_ADMIN_RE = re.compile(
    r"(?:^|\s)("
    + "|".join(re.escape(w) for w in sorted(ADMIN_WORDS, key=len, reverse=True))
    + r")$"
)

# English ethnic words that autonomous names carry before "Autonomous".
ETHNIC_WORDS = frozenset(
    [
        "mongol",
        "mongolian",
        "hui",
        "tibetan",
        "tibet",
        "zang",
        "uygur",
        "uyghur",
        "uighur",
        "miao",
        "yi",
        "zhuang",
        "bouyei",
        "buyi",
        "korean",
        "manchu",
        "man",
        "dong",
        "yao",
        "bai",
        "tujia",
        "hani",
        "kazak",
        "kazakh",
        "li",
        "lisu",
        "va",
        "wa",
        "she",
        "gaoshan",
        "lahu",
        "shui",
        "sui",
        "dongxiang",
        "naxi",
        "nakhi",
        "jingpo",
        "jingpho",
        "kirgiz",
        "kyrgyz",
        "tu",
        "monguor",
        "daur",
        "mulao",
        "mulam",
        "qiang",
        "blang",
        "bulang",
        "salar",
        "maonan",
        "gelao",
        "xibe",
        "sibe",
        "achang",
        "pumi",
        "tajik",
        "nu",
        "uzbek",
        "russian",
        "ewenki",
        "evenki",
        "deang",
        "de'ang",
        "bonan",
        "baoan",
        "yugur",
        "gin",
        "jing",
        "tatar",
        "derung",
        "drung",
        "dulong",
        "oroqen",
        "oroqin",
        "hezhen",
        "hezhe",
        "monba",
        "menba",
        "lhoba",
        "luoba",
        "jino",
        "jinuo",
        "various",
        "nationalities",
        "and",
    ]
)

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'", "`": "'"})
_NON_KEY = re.compile(r"[^a-z0-9]+")
_NON_SPELLING = re.compile(r"[^a-zü0-9']")
_PARENS = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[,;:.]+")
_THE = re.compile(r"^the\s+")
_AUTONOMOUS = re.compile(r"\s+autonomous$")
_WORD_BREAK = re.compile(r"[\s\-]+")


def is_chinese(text: str) -> bool:
    """True if ``text`` has a CJK ideograph.

    >>> is_chinese("朝阳区"), is_chinese("Chaoyang")
    (True, False)
    """
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _fold(text: str, keep_umlaut: bool = False) -> str:
    """Straight quotes, no diacritics (but ``ü`` if asked), lower case, single spaces."""
    if text.isascii():  # most names: NFKC and NFKD change nothing, skip them (5x faster)
        return " ".join(text.translate(_QUOTES).lower().split())
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    if keep_umlaut:
        text = text.replace("ü", "\x00")
    text = "".join(
        ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
    )
    return " ".join(text.replace("\x00", "ü").split())


def key(text: str) -> str:
    """The comparison key of ``text`` as it stands (no admin words removed).

    >>> key("Ping’an"), key("Lvliang"), key("Ürümqi")
    ('pingan', 'lvliang', 'urumqi')
    """
    return _NON_KEY.sub("", _fold(text))


@dataclass(frozen=True)
class Mention:
    """A parsed mention: its key without admin words, and what those words said."""

    text: str
    key: str
    full_key: str
    admin: str
    autonomous: bool
    form: str = ""  # the stem with its apostrophes and ü, when it has any: "xi'an"

    @property
    def levels(self) -> frozenset[str]:
        """Admin levels the admin word points to (empty: no hint)."""
        if not self.admin:
            return frozenset()
        compatible, _ = ADMIN_WORDS[self.admin]
        return frozenset(level for level, _ in compatible)

    def compatible(self, level: str, suffix: str) -> bool:
        """Whether a division of this level and Chinese suffix fits the admin word."""
        if not self.admin:
            return True
        compatible, _ = ADMIN_WORDS[self.admin]
        return (level, suffix) in compatible or (level, "*") in compatible

    def exact(self, level: str, suffix: str) -> bool:
        """Whether the admin word is the usual English for this Chinese suffix."""
        return bool(self.admin) and (level, suffix) in ADMIN_WORDS[self.admin][1]


@lru_cache(maxsize=1 << 16)  # the gazetteer's index parses the same alt names many times
def parse_mention(text: str) -> Mention:
    """Parse an English mention; see the module docstring."""
    folded = _fold(text, keep_umlaut=True)
    folded = _PARENS.sub(" ", folded)
    folded = _PUNCT.sub(" ", folded)
    folded = _THE.sub("", " ".join(folded.split()))
    admin = ""
    match = _ADMIN_RE.search(folded)
    if match and match.start(1) > 0:
        admin = match.group(1)
        folded = folded[: match.start(1)].strip()
    autonomous = admin.startswith("autonomous") or folded.endswith(" autonomous")
    folded = _AUTONOMOUS.sub("", folded)
    words = _WORD_BREAK.split(folded)
    if autonomous:
        while len(words) > 1 and words[-1] in ETHNIC_WORDS:
            words.pop()
    stem = " ".join(words)
    form = _NON_SPELLING.sub("", stem)
    form = form if ("'" in form or "ü" in form) else ""
    return Mention(text, key(stem), key(text), admin, autonomous, form)


def spelling(text: str) -> str:
    """``text`` lower case with only letters, ü and apostrophes: ``xi'ancity``.

    >>> spelling("Xi’an City"), spelling("Lüliang Shi")
    ("xi'ancity", 'lüliangshi')
    """
    return _NON_SPELLING.sub("", _fold(text, keep_umlaut=True))


# Admin words (English) at the end of a name and the level they imply. Order matters:
# "Autonomous Prefecture" must win over a bare "Prefecture" check of a shorter word.
_LEVEL_SUFFIXES = [
    (re.compile(r"\b(?:Autonomous Region|Province|Municipality)$", re.I), "province"),
    (re.compile(r"\b(?:Autonomous Prefecture|Prefecture|League)$", re.I), "prefecture"),
    (re.compile(r"\b(?:Autonomous County|County|Banner|District|Special Zone)$", re.I), "county"),
    (re.compile(r"\b(?:Township|Town)$", re.I), "township"),
    (re.compile(r"\bVillage$", re.I), "village"),
]


def level_from_name(name: str) -> str | None:
    """Administrative level implied by the admin word a name ends with, if any.

    >>> level_from_name("Ningxia Hui Autonomous Region")
    'province'
    >>> level_from_name("Liangshan Yi Autonomous Prefecture")
    'prefecture'
    >>> level_from_name("Guizhou") is None
    True
    """
    for pattern, level in _LEVEL_SUFFIXES:
        if pattern.search(name):
            return level
    return None


_INITIAL = "zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw]"
_FINAL = (
    "iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|er|in|un|vn|"
    "ia|ie|iu|ua|uo|ui|ue|ve|a|o|e|i|u|v"
)
_BARE = "ai|an|ang|ao|a|ei|en|eng|er|e|ou|o"
_SYLLABLE = re.compile(rf"(?:{_INITIAL})(?:{_FINAL})|(?:{_BARE})")
_PINYIN_WORD = re.compile(rf"(?:{_SYLLABLE.pattern})+")


@lru_cache(maxsize=8192)
def pinyin_syllables(word: str) -> int:
    """How many pinyin syllables *word* reads as (0 if it is not made of pinyin syllables).

    >>> pinyin_syllables("Wangjiatu"), pinyin_syllables("Yuan"), pinyin_syllables("Activity")
    (3, 1, 0)
    >>> pinyin_syllables("Xi’an")
    2
    """
    parts = word.lower().replace("\u2019", "'").replace("ü", "v").split("'")
    if len(parts) > 1:  # an apostrophe parts syllables: "Xi'an" is two
        counts = [pinyin_syllables(part) for part in parts]
        return sum(counts) if all(counts) else 0
    folded = parts[0]
    if not folded or not _PINYIN_WORD.fullmatch(folded):
        return 0
    # fewest syllables that spell the word ("xian" is one, "xi'an" folds to it too)
    best = [0] + [99] * len(folded)
    for i in range(len(folded)):
        if best[i] == 99:
            continue
        for j in range(i + 1, min(len(folded), i + 6) + 1):
            if _SYLLABLE.fullmatch(folded, i, j) and best[i] + 1 < best[j]:
                best[j] = best[i] + 1
    return best[-1] if best[-1] != 99 else 0
