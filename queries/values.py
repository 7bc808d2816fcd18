"""Parameter values as people type them, checked and turned into what a query binds.

A researcher writes ``--param province=Guizhou`` or ``--param year=2012``, not
``520000`` or an ``xsd:integer``. Each declared parameter type
(:data:`duikou.queries.named.TYPES`) has a rule here that either returns the
value the query binds or raises :class:`~duikou.errors.ParameterError` with one
line saying what was wrong: a query that silently returns 0 rows for a typo
reads as "there is no such aid", which is a wrong answer, not an empty one.

- ``count``: a whole number from 0 to 2^63 − 1 (a ``LIMIT``-like bound).
- ``year``: ``""`` (all years), ``"2012"`` or a range ``"2011-2012"``.
- ``province``: ``""``, a province's GB/T 2260 code (``"520000"``) or its name
  (``"Guizhou"``, ``"Guizhou Province"``), looked up in the packaged
  gazetteer; a name no province has, or several provinces have, is an error.

>>> checked_value("year", "2011-2012")
'2011-2012'
>>> checked_value("province", "Hainan")
'460000'
>>> checked_value("count", "-3")
Traceback (most recent call last):
...
ValueError: a whole number from 0 to 9223372036854775807
>>> checked_value("province", "513400")
Traceback (most recent call last):
...
ValueError: a province's name or code (this is a prefecture's code)
"""

from __future__ import annotations

import re

BOUND_AS = {"count": "integer", "year": "string", "province": "string"}
"""The RDF type each checked type is bound as (the other types are bound as themselves)."""
MAX_COUNT = 2**63 - 1
_YEAR = re.compile(r"(\d{4})(?:-(\d{4}))?")
_CODE = re.compile(r"\d{6}")


def checked_value(kind: str, value: object) -> object:
    """*value* as the query binds it, for a parameter of type *kind*.

    Raises ``ValueError`` whose text says what a good value looks like (the
    runner turns it into a one-line :class:`ParameterError`).
    """
    text = str(value).strip()
    if kind == "count":
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"a whole number from 0 to {MAX_COUNT}") from None
        if not 0 <= number <= MAX_COUNT:
            raise ValueError(f"a whole number from 0 to {MAX_COUNT}")
        return number
    if kind == "year":
        match = _YEAR.fullmatch(text)
        if text and (match is None or (match[2] and match[2] < match[1])):
            raise ValueError('a year ("2012"), a range of years ("2011-2012") or ""')
        return text
    if kind == "province":
        return "" if not text else province_code(text)
    raise KeyError(kind)


def province_code(text: str) -> str:
    """The GB/T 2260 code of the province *text* names or is the code of."""
    from duikou.gazetteer import load

    gazetteer = load()
    if _CODE.fullmatch(text):
        try:
            level = gazetteer.get(text).level
        except KeyError:
            level = None
        if level == "province":
            return text
        what = f"a {level}'s code" if level else "no division's code"
        raise ValueError(f"a province's name or code (this is {what})")
    codes = {d.code: d for d in gazetteer.lookup(text) if d.level == "province"}
    if len(codes) == 1:
        return next(iter(codes))
    if not codes:
        raise ValueError("a province's name or code (no province has this name)")
    names = "; ".join(f"{code} {row.name_en}" for code, row in sorted(codes.items()))
    raise ValueError(f"one province's name or code (this name may be {names})")
