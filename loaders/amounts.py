"""Find amounts of money in yuan: ``73.2 million yuan``, ``480,000 yuan``, ``ten million Yuan``.

Only an amount with a currency word (``yuan``, ``Yuan``, ``RMB``, ``CNY``) is
money; a bare "1.5 billion" could be people or bricks. Digits with thousands
separators, decimals, number words ("one", "twenty-five") and scale words
("thousand", "ten thousand", "million", "hundred million", "billion") are
understood. Malformed numbers (``3.2.1 million``, ``1,2345 yuan``) are not
read at all rather than read wrong.

>>> [(m.value, m.text) for m in find_amounts("Hainan gave 73.2 million yuan and 480,000 Yuan.")]
[(Decimal('73200000'), '73.2 million yuan'), (Decimal('480000'), '480,000 Yuan')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

__all__ = ["MoneyMention", "find_amounts", "parse_number", "NUMBER_WORDS"]

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "a": 1, "an": 1,
}  # fmt: skip
_SCALES = {
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
_WORD = "|".join(sorted((w for w in NUMBER_WORDS if len(w) > 2), key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = rf"(?:{_WORD})(?:[\s-](?:{_WORD}))?"
_SCALE = r"(?:hundred|thousand|million|billion|trillion)"
_CURRENCY = r"(?:yuan|Yuan|YUAN|RMB|CNY|renminbi)"
_AMOUNT = re.compile(
    rf"""(?<![\w.,])
    (?:(?P<pre>RMB|CNY)\s*)?
    (?P<number>{_DIGITS}|{_WORDS}|(?<![\w])an?(?=\s+{_SCALE}))
    (?P<scales>(?:\s+{_SCALE})*)
    (?(pre)|\s+(?P<currency>{_CURRENCY}))
    (?![\w.,]\d)\b""",
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class MoneyMention:
    """An amount found in text: its value in yuan and absolute offsets."""

    value: Decimal
    start: int
    end: int
    text: str


def parse_number(text: str) -> Decimal | None:
    """Value of digits (``"1,500.5"``) or number words (``"twenty-five"``); ``None`` if neither.

    >>> parse_number("1,500.5"), parse_number("twenty-five"), parse_number("ten")
    (Decimal('1500.5'), Decimal('25'), Decimal('10'))
    >>> parse_number("1,2345") is None
    True
    """
    text = text.strip()
    if re.fullmatch(_DIGITS, text):
        return Decimal(text.replace(",", ""))
    words = re.split(r"[\s-]+", text.lower())
    if words and all(w in NUMBER_WORDS for w in words):
        return Decimal(sum(NUMBER_WORDS[w] for w in words))
    return None


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[MoneyMention]:
    """Every money amount in ``text[start:end]``, with absolute offsets, in order."""
    end = len(text) if end is None else end
    found = []
    for match in _AMOUNT.finditer(text, start, end):
        value = parse_number(match["number"])
        if value is None:
            continue
        for scale in match["scales"].split():
            value *= _SCALES[scale.lower()]
        if value == value.to_integral_value():
            value = value.quantize(Decimal(1))  # 73200000, not 73200000.0
        found.append(MoneyMention(value, match.start(), match.end(), match.group(0)))
    return found
