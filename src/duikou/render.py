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
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal

from duikou.errors import OutputError

__all__ = [
    "ROW_FORMATS",
    "check_row_format",
    "is_amount",
    "more_rows",
    "rows_text",
    "rows_table",
    "table_columns",
    "yuan",
    "yuan_millions",
    "yuan_words",
]

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


IRI_PREFIXES = ("http://", "https://", "urn:")
LABEL_SUFFIXES = ("Name", "Label", "Title")
_TECHNICAL = ("document", "start", "end", "sha256", "partOf", "coveredBy", "wkt")


def is_amount(column: str) -> bool:
    """A column of yuan: ``yuan``, ``amount`` or ending in ``Yuan`` (``provinceYuan``)."""
    return column in ("yuan", "amount") or column.endswith("Yuan")


def _is_iri(value) -> bool:
    return isinstance(value, str) and value.startswith(IRI_PREFIXES)


def _named_by(column: str, columns: Sequence[str]) -> bool:
    """Whether *column* (of IRIs) has a name or label column beside it."""
    stem = re.sub(r"(Region|Iri)$", "", column)
    if any(name + suffix in columns for name in (column, stem) for suffix in LABEL_SUFFIXES):
        return True
    if column.endswith("Iri") and stem in columns:  # sectionIri beside section (its title)
        return True
    # the row's subject (first column) named by a plain ``name`` or ``label``
    return column == columns[0] and any(c in columns for c in ("name", "label"))


def _cell(column: str, value, iris: bool) -> str:
    if value is None:
        return ""
    if is_amount(column) and isinstance(value, (int, float, Decimal)):
        return yuan_millions(value)
    if _is_iri(value) and not iris:
        from duikou.ontology.namespace import compact

        return compact(value)
    return str(value)


def _rank(column: str, cells: list[str], iri_column: bool) -> int:
    """How readily a column is dropped to fit the width: higher goes first."""
    if not any(cells):
        return 4  # empty in every row shown
    if iri_column:
        return 3
    if column in _TECHNICAL or column.endswith(("Wkt", "Macro")):
        return 2
    if column.endswith(("Code", "Level", "Status")) or max(map(len, cells)) > 60:
        return 1  # codes, levels and prose (the evidence) give way to names and numbers
    return 0


def min_width(header: str, cells: list[str], wraps: bool) -> int:
    """The narrowest a column may be: its header, whole numbers, whole words, and
    room for a sentence of prose (30) where the cells are long."""
    longest = max((len(c) for c in cells), default=0)
    if not wraps:
        return max(len(header), longest)
    word = max((len(w) for c in cells for w in c.split()), default=0)
    prose = min(longest, 30)
    return max(len(header), min(word, 20), prose if longest > 60 else 0)


def table_columns(
    columns: Sequence[str], rows: Sequence[dict], *, width: int = 80, iris: bool = False
) -> tuple[list[str], dict[str, list[str]]]:
    """The columns a table of *rows* shows in *width* characters, and their cells.

    A column of IRIs is left out when a name or label column stands for it
    (``recipient`` beside ``recipientName``), unless *iris* (which also keeps
    IRIs whole, unwrapped, so that they can be copied); amounts of yuan are
    written in millions; columns are then dropped, IRIs and bookkeeping first,
    until the narrowest readable table fits *width*.

    >>> rows = [{"recipient": "https://w3id.org/duikou/id/region/540000",
    ...          "recipientName": "Tibet", "yuan": 120_450_000}]
    >>> shown, cells = table_columns(["recipient", "recipientName", "yuan"], rows)
    >>> shown, cells["yuan"]
    (['recipientName', 'yuan'], ['120.45 M yuan'])
    >>> table_columns(["recipient", "yuan"], rows)[1]["recipient"]
    ['id:region/540000']
    """
    iri_columns = {c for c in columns if any(_is_iri(row.get(c)) for row in rows)}
    keep = [c for c in columns if iris or c not in iri_columns or not _named_by(c, columns)]
    cells = {c: [_cell(c, row.get(c), iris) for row in rows] for c in keep}
    whole = {c for c in keep if _unbroken(c, rows, iris)}
    need = {c: min_width(c, cells[c], c not in whole) + 3 for c in keep}
    drop_first = set() if iris else iri_columns  # IRIs asked for are not the first to go

    def rank(column: str) -> tuple[int, int]:
        return _rank(column, cells[column], column in drop_first), keep.index(column)

    order = sorted(keep, key=rank)
    chosen: set[str] = set()
    room = width - 1  # the left border
    for column in order:  # the most useful first, each if it still fits
        if need[column] <= room or not chosen:
            chosen.add(column)
            room -= need[column]
    shown = [c for c in keep if c in chosen]
    return shown, {c: cells[c] for c in shown}


def _numeric(column: str, rows: Sequence[dict]) -> bool:
    return any(isinstance(row.get(column), (int, Decimal, float)) for row in rows)


def _unbroken(column: str, rows: Sequence[dict], iris: bool) -> bool:
    """Numbers, and IRIs asked for with *iris* (to be copied), are never wrapped."""
    return _numeric(column, rows) or (iris and any(_is_iri(row.get(column)) for row in rows))


def rows_table(
    columns: Sequence[str],
    rows: Sequence[dict],
    title: str = "",
    *,
    width: int = 80,
    iris: bool = False,
    limit: int = 0,
):
    """A rich ``Table`` of *rows* for people, *width* characters wide at most.

    Names rather than IRIs, yuan in millions and right-aligned, text wrapped;
    see :func:`table_columns` for what is left out. With *limit* (0: all) only
    the first *limit* rows are shown, and the table comes in a ``Group`` with
    the line of :func:`more_rows` after it.
    """
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    total = len(rows)
    rows = rows[:limit] if limit else rows
    shown, cells = table_columns(columns, rows, width=width, iris=iris)
    dropped = len(columns) - len(shown)
    caption = f"{total} row(s)" if total == len(rows) else f"{len(rows)} of {total} rows"
    if dropped:
        caption += f"; {dropped} more column(s) in --format csv"
    table = Table(title=title or None, caption=caption)
    whole = {c for c in shown if _unbroken(c, rows, iris)}
    for column, size in _widths(shown, cells, whole, width).items():
        table.add_column(
            column,
            justify="right" if _numeric(column, rows) else "left",
            overflow="fold",
            no_wrap=column in whole,
            width=size,
        )
    for i in range(len(rows)):
        table.add_row(*(cells[c][i] for c in shown))
    more = more_rows(total, len(rows))
    return Group(table, Text(more)) if more else table


def _widths(shown, cells, whole, width: int) -> dict[str, int]:
    """Each column at its narrowest, then the room left shared out to the columns
    that wrap, the most cramped first, so that the table is at most *width* wide."""
    sizes = {c: min(min_width(c, cells[c], c not in whole), width - 4) for c in shown}
    longest = {c: max([len(c), *map(len, cells[c])]) for c in shown}
    room = width - 1 - sum(size + 3 for size in sizes.values())
    while room > 0:
        wants = [c for c in shown if c not in whole and sizes[c] < longest[c]]
        if not wants:
            break
        column = max(wants, key=lambda c: longest[c] - sizes[c])
        sizes[column] += 1
        room -= 1
    return sizes


def more_rows(total: int, shown: int) -> str:
    """The line that ends a table cut short, or ``""`` if every row was shown.

    >>> more_rows(120, 40)
    '… 80 more rows (--limit N, --format csv)'
    """
    if total <= shown:
        return ""
    return f"… {total - shown} more rows (--limit N, --format csv)"


def yuan(value: float) -> str:
    """An amount in whole yuan with thousands separators (for tables of sums)."""
    return f"{value:,.0f}"


def yuan_millions(value) -> str:
    """An amount in millions of yuan, for tables read by people.

    >>> yuan_millions(120_450_000)
    '120.45 M yuan'
    >>> yuan_millions(401_250_000_000)
    '401,250.00 M yuan'
    """
    return f"{float(value) / 1e6:,.2f} M yuan"


def yuan_words(value: float) -> str:
    """``255 million yuan``, ``1.5 billion yuan``, ``36,100 yuan`` (for captions and tooltips)."""
    for size, word in ((1e9, "billion"), (1e6, "million")):
        if value >= size:
            return f"{value / size:,.4g} {word} yuan"
    return f"{value:,.0f} yuan"
