"""Numbers written in digits or words, with their scale words.

The yearbook writes small counts in words ("three medical teams", "five
trucks", "nearly one hundred farmers") and large ones in digits with
thousands commas and scale words ("246,000", "1.36 million labors").
:data:`NUMBER` is a regex for either; :func:`parse_number` gives its value.

>>> parse_number("1.36 million"), parse_number("246,000"), parse_number("one hundred")
(Decimal('1360000'), Decimal('246000'), Decimal('100'))
>>> parse_number("12.50")
Decimal('12.5')
>>> parse_number("twenty-five")
Decimal('25')

Anything else is ``None``, not a guess: malformed digits (``3.2.1``,
``1,2345``), what :class:`~decimal.Decimal` would take but the text never
writes (``NaN``, ``Infinity``, ``1e5``, ``1_000``), and values of
:data:`MAX_VALUE` or more, which no count or amount in the genre reaches.

>>> [parse_number(s) for s in ("3.2.1", "1,2345", "NaN", "1e5", "9" * 19)]
[None, None, None, None, None]
"""

from __future__ import annotations

import re
from decimal import Decimal, localcontext

__all__ = ["NUMBER", "parse_number", "WORDS", "SCALES", "MAX_VALUE"]

WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9}
MAX_VALUE = Decimal(10) ** 18
"""Numbers this large or larger are not read (parse_number gives ``None``)."""

_WORD = "|".join(sorted(WORDS, key=len, reverse=True))
_SCALE = "|".join(SCALES)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER = re.compile(
    rf"(?<![\w.,])(?:(?:{_DIGITS})|(?:{_WORD})(?:[\s-]+(?:{_WORD}))*)"
    rf"(?:\s+(?:{_SCALE}))*(?![\w%\u2030])",
    re.IGNORECASE,
)
"""A number in digits or words, with any scale words after it (not a part of a longer word)."""
_DIGITS_ONLY = re.compile(_DIGITS)
_PRECISION = 60  # exact for every digit string below MAX_VALUE with up to 40 decimals


def parse_number(text: str) -> Decimal | None:
    """The value of a number matched by :data:`NUMBER`, or ``None`` if it is not one."""
    parts = re.split(r"[\s-]+", text.strip().lower())
    with localcontext(prec=_PRECISION):
        value, current = Decimal(0), None
        for part in parts:
            if part in SCALES:
                scale = SCALES[part]
                base = current if current is not None else Decimal(1)
                if scale == 100:
                    current = base * scale
                else:
                    value += base * scale
                    current = None
            elif part in WORDS:
                current = (current or Decimal(0)) + WORDS[part]
            elif _DIGITS_ONLY.fullmatch(part):
                current = (current or Decimal(0)) + Decimal(part.replace(",", ""))
            else:
                return None
        value += current or Decimal(0)
        if value >= MAX_VALUE:
            return None
        if value == value.to_integral_value():
            return value.quantize(Decimal(1))
        return value.normalize()
