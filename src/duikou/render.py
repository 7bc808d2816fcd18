"""Rows and amounts made readable: CSV and JSON text, rich tables, yuan.

The one place the faces turn library results into text, so that
``duikou query``, ``duikou sparql`` and ``duikou export`` write CSV and JSON
the same way, and every amount of money is printed by one of two functions.

>>> print(rows_text(["a", "b"], [{"a": "1", "b": "x, y"}], "csv"), end="")
a,b
1,"x, y"
>>> print(rows_text(["a", "b"], [{"b": "2", "a": "1"}], "json"), end="")
[
  {
    "a": "1",
    "b": "2"
  }
]
>>> yuan(86400000.0)
'86,400,000'
>>> yuan_words(255_000_000)
'255 million yuan'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal

from duikou.errors import OutputError

__all__ = ["ROW_FORMATS", "check_row_format", "rows_text", "rows_table", "yuan", "yuan_words"]

ROW_FORMATS = ("csv", "json")


def check_row_format(fmt: str) -> None:
    """Raise :class:`~duikou.errors.OutputError` unless *fmt* is ``csv`` or ``json``."""
    if fmt not in ROW_FORMATS:
        raise OutputError(f"unknown format {fmt!r}; choose {' or '.join(ROW_FORMATS)}")


def _plain(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def rows_text(columns: Sequence[str], rows: Iterable[dict], fmt: str) -> str:
    """*rows* as ``csv`` (a header row, ``\\n`` line ends, unbound values empty) or ``json``
    (a list of objects with the keys in *columns* order, unbound values ``null``)."""
    check_row_format(fmt)
    if fmt == "json":
        data = [{c: _plain(row.get(c)) for c in columns} for row in rows]
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
    return buffer.getvalue()


def rows_table(columns: Sequence[str], rows: Sequence[dict], title: str = ""):
    """A rich ``Table`` of *rows*: numbers right-aligned, long text folded."""
    from rich.table import Table

    table = Table(title=title or None, caption=f"{len(rows)} row(s)")
    for column in columns:
        numeric = any(isinstance(row.get(column), (int, Decimal, float)) for row in rows)
        table.add_column(column, justify="right" if numeric else "left", overflow="fold")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    return table


def yuan(value: float) -> str:
    """An amount in whole yuan with thousands separators (for tables of sums)."""
    return f"{value:,.0f}"


def yuan_words(value: float) -> str:
    """``255 million yuan``, ``1.5 billion yuan``, ``36,100 yuan`` (for captions and tooltips)."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:,.4g} {word} yuan"
    return f"{value:,.0f} yuan"
