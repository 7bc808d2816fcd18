"""Find amounts of money in yuan: ``73.2 million yuan``, ``480,000 yuan``, ``ten million Yuan``.

Only an amount with a currency word (``yuan``, ``Yuan``, ``RMB``, ``CNY``, ``¥``) is
money; a bare "1.5 billion" could be people or bricks. Digits with thousands
separators, decimals, number words ("one", "twenty-five") and scale words
("thousand", "ten thousand", "million", "hundred million", "billion") are
understood, "ten thousand" also after a number ("3,000 ten thousand yuan", the
Chinese 万 as translations write it). Malformed numbers (``3.2.1 million``, ``1,2345 yuan``) are not
read at all rather than read wrong, and neither are amounts that cannot be
money given: zero, or :data:`MAX_YUAN` and more (``1 million million million
yuan``).

>>> [(m.value, m.text) for m in find_amounts("Hainan gave 73.2 million yuan and 480,000 Yuan.")]
[(Decimal('73200000'), '73.2 million yuan'), (Decimal('480000'), '480,000 Yuan')]
>>> [m.value for m in find_amounts("Sanya gave 3,000 ten thousand yuan and ten thousand yuan.")]
[Decimal('30000000'), Decimal('10000')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext

from duikou.loaders.numbers import WORDS, parse_number

__all__ = ["MoneyMention", "find_amounts", "MAX_YUAN"]

MAX_YUAN = Decimal(10) ** 15
"""Amounts this large or larger are not read: more than China's output of any year."""

_SCALES = {
    "ten thousand": Decimal(10) ** 4,  # 万, as translations write it: "3,000 ten thousand yuan"
    "hundred": Decimal(100),
    "thousand": Decimal(1000),
    "million": Decimal(10) ** 6,
    "billion": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12,
}
_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORDS = rf"(?:{_WORD})(?:[\s-](?:{_WORD}))?"
_SCALE = r"(?:ten\s+thousand|hundred|thousand|million|billion|trillion)"
_SCALE_WORD = re.compile(_SCALE, re.IGNORECASE)
_CURRENCY = r"(?:yuan|Yuan|YUAN|RMB|CNY|renminbi)"
_CURRENCY_WORD = re.compile(r"yuan|rmb|cny|renminbi|¥|￥", re.IGNORECASE)
_AMOUNT = re.compile(
    rf"""(?<![\w.,¥￥])
    (?:(?P<pre>RMB|CNY|¥|￥)\s*)?
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


def find_amounts(text: str, start: int = 0, end: int | None = None) -> list[MoneyMention]:
    """Every money amount in ``text[start:end]``, with absolute offsets, in order."""
    end = len(text) if end is None else end
    found = []
    if not _CURRENCY_WORD.search(text, start, end):  # every amount names its currency
        return found
    for match in _AMOUNT.finditer(text, start, end):
        number = match["number"]
        value = Decimal(1) if number.lower() in ("a", "an") else parse_number(number)
        if value is None:
            continue
        with localcontext(prec=60):  # exact: parse_number's values times a few scale words
            for scale in _SCALE_WORD.findall(match["scales"]):
                value = min(value * _SCALES[" ".join(scale.lower().split())], MAX_YUAN)
            if not 0 < value < MAX_YUAN:
                continue
            if value == value.to_integral_value():
                value = value.quantize(Decimal(1))  # 73200000, not 73200000.0
        found.append(MoneyMention(value, match.start(), match.end(), match.group(0)))
    return found
