"""Place names made comparable: the same place written two ways gets one key.

The text and the gold write names differently ("Liaoning Province" and
"Liaoning", "Ping’an County" and "Ping'an", "Gansu Linxia Hui Autonomous
Prefecture" and "Linxia"). :func:`normalize_name` reduces a name to its core
words; :func:`names_match` says whether two names denote the same party.

Known and accepted: dropping admin words also makes "Hebei District" (a
district of Tianjin) and "Hebei Province" equal. Inside one source line of a
pairing chapter that confusion is rare, and keeping admin words would miss far
more true matches ("Gansu" and "Gansu Province").
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ADMIN_WORDS",
    "COLLECTIVE_WORDS",
    "ETHNIC_WORDS",
    "is_collective",
    "name_words",
    "names_match",
    "normalize_name",
]

ADMIN_WORDS = (
    "autonomous region", "autonomous prefecture", "autonomous county", "autonomous banner",
    "municipal people's government", "provincial people's government",
    "people's government", "municipal government", "provincial government", "government",
    "province", "municipality", "prefecture", "league", "city", "county", "district",
    "banner", "township", "town", "village", "new area", "special zone", "autonomous",
)  # fmt: skip
"""Removed from names, longest first ("autonomous region" before "autonomous")."""

ETHNIC_WORDS = frozenset(
    (
        "hui", "yi", "tibetan", "miao", "dong", "zhuang", "uygur", "uyghur", "uighur", "mongolian",
        "bouyei", "buyi", "tujia", "qiang", "hani", "dai", "lisu", "naxi", "yao", "bai", "kazak",
        "kazakh", "kirgiz", "kyrgyz", "tu", "salar", "dongxiang", "bonan", "baoan", "li", "she",
        "gelao", "shui", "mulao", "maonan", "jingpo", "va", "wa", "lahu", "blang", "bulang",
        "primi", "pumi", "nu", "achang", "derung", "dulong", "jino", "xibe", "daur", "ewenki",
        "oroqen", "tajik", "korean", "manchu",
    )
)  # fmt: skip
"""Nationality words that autonomous names carry; removed only from names with "autonomous"."""

COLLECTIVE_WORDS = frozenset(
    (
        "provinces", "regions", "municipalities", "cities", "counties", "districts", "areas",
        "villages", "enterprises", "departments", "prefectures", "banners", "towns", "townships",
        "leagues",
    )
)  # fmt: skip
"""Plural admin words that make a name stand for many parties."""

NUMBER_WORDS = frozenset(
    (
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty", "forty", "fifty", "hundred", "hundreds", "dozens", "several",
    )
)  # fmt: skip

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_PARENTHESES = re.compile(r"\([^()]*\)")
_ADMIN = re.compile(
    r"\b(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ADMIN_WORDS) + r")\b"
)
_PUNCTUATION = re.compile(r"[^\w\s'\-]")


def normalize_name(name: str) -> str:
    """The core words of a place name, lower case, single-spaced.

    Steps: NFKC; curly quotes to straight; lower case; drop parenthesised
    parts; drop a leading "the"; drop admin words (:data:`ADMIN_WORDS`) and,
    in names with "autonomous", the nationality words (:data:`ETHNIC_WORDS`);
    drop apostrophes and hyphens; other punctuation becomes a space; collapse
    spaces.

    >>> normalize_name("Liaoning Province")
    'liaoning'
    >>> normalize_name("Ping’an County")
    'pingan'
    >>> normalize_name("Xing’an League")
    'xingan'
    >>> normalize_name("Gansu Linxia Hui Autonomous Prefecture")
    'gansu linxia'
    >>> normalize_name("Wenshan Prefecture (disabled veterans)")
    'wenshan'
    >>> normalize_name("Shanghai Municipal People’s Government")
    'shanghai'
    >>> normalize_name("the Xinjiang Uygur Autonomous Region")
    'xinjiang'
    >>> normalize_name("Tibetan areas of Gansu Province")
    'tibetan areas of gansu'
    """
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).lower()
    previous = None
    while previous != text:  # nested parentheses, innermost first
        previous, text = text, _PARENTHESES.sub(" ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    autonomous = "autonomous" in text
    text = _ADMIN.sub(" ", text)
    text = text.replace("'", "").replace("-", "")
    text = _PUNCTUATION.sub(" ", text)
    words = text.split()
    if autonomous:
        words = [w for w in words if w not in ETHNIC_WORDS]
    return " ".join(words)


def name_words(name: str) -> frozenset[str]:
    """The set of words of the normalised name.

    >>> sorted(name_words("Sichuan Liangshan Yi Autonomous Prefecture"))
    ['liangshan', 'sichuan']
    """
    return frozenset(normalize_name(name).split())


def names_match(a: str, b: str) -> bool:
    """Same normalised form, or one's word set a non-empty subset of the other's.

    >>> names_match("Gansu Linxia Hui Autonomous Prefecture", "Linxia")
    True
    >>> names_match("Liaoning Province (provincial government)", "Liaoning")
    True
    >>> names_match("Dalian", "Ningbo")
    False
    >>> names_match("", "Ningbo")
    False
    """
    key_a, key_b = normalize_name(a), normalize_name(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    words_a, words_b = frozenset(key_a.split()), frozenset(key_b.split())
    return words_a <= words_b or words_b <= words_a


def is_collective(name: str) -> bool:
    """Whether a name stands for many parties rather than one place or body.

    Collective: starts with "the" and has a plural word after it ("the
    eastern provinces", "the poor households"), starts with a number ("13
    prefecture-level cities", "nine cities …"), or contains a plural admin
    word (:data:`COLLECTIVE_WORDS`: provinces, regions, municipalities,
    cities, counties, districts, areas, villages, enterprises, departments,
    prefectures, banners, towns, townships, leagues).

    >>> is_collective("the eastern provinces and municipalities")
    True
    >>> is_collective("13 prefecture-level cities and Liaoning Electric Power Corporation")
    True
    >>> is_collective("western poverty-stricken areas")
    True
    >>> is_collective("the twinned poor county")
    False
    >>> is_collective("Ping’an County")
    False
    """
    text = unicodedata.normalize("NFKC", name).translate(_QUOTES).lower().strip()
    words = re.findall(r"[\w'-]+", text)
    if not words:
        return False
    if words[0][0].isdigit() or words[0] in NUMBER_WORDS:
        return True
    if any(w in COLLECTIVE_WORDS for w in words):
        return True
    return words[0] == "the" and any(_plural(w) for w in words[1:])


def _plural(word: str) -> bool:
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))
