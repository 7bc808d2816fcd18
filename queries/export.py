"""Rows of a built graph's facts, the table that ``duikou export`` writes as CSV or JSON.

Each kind of fact has one named query (``queries/export-{kind}.rq``) and a
fixed list of columns; every value in a row is a string, so CSV and JSON carry
the same thing. Rows come in document order: by document SHA-256, then the
evidence's start offset, then amount or names.

>>> TRANSFER_COLUMNS[:8]
('donor', 'recipient', 'amount_cny', 'year', 'kind', 'purpose', 'evidence', 'source')
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from duikou.errors import OutputError
from duikou.queries.runner import run

__all__ = [
    "COLUMNS",
    "EXPORT_KINDS",
    "FORMATS",
    "PAIRING_COLUMNS",
    "TRANSFER_COLUMNS",
    "check_format",
    "export_rows",
    "format_amount",
]

TRANSFER_COLUMNS = (
    "donor", "recipient", "amount_cny", "year", "kind", "purpose", "evidence", "source",
    "status", "in_kind", "period", "mentions", "part_of", "covered_by", "restated_in",
)  # fmt: skip
"""The first eight are the columns of every earlier version; then where the flow stands
(planned, committed, disbursed, cumulative), whether it is goods, the years it covers
("2012" or "1996/2011"), how many sentences state it, the ``source`` of the whole it is an
"of which" part of, that of the section total it is an item of
(:mod:`duikou.loaders.flows`), and the ``source`` of each sentence that restates it (";")."""
PAIRING_COLUMNS = (
    "donor", "recipient", "donor_level", "recipient_level", "scope", "evidence", "source",
)  # fmt: skip
COLUMNS = {"transfers": TRANSFER_COLUMNS, "pairings": PAIRING_COLUMNS}
"""Export kind -> its columns, in output order."""
EXPORT_KINDS = tuple(COLUMNS)
FORMATS = ("csv", "json")


def export_rows(kind: str, graph, *, timeout: float | None = None) -> list[dict[str, str]]:
    """One row per fact of *kind* (``"transfers"`` or ``"pairings"``) in a built folder.

    Raises :class:`~duikou.errors.GraphError` if *graph_dir* holds no built
    graph and :class:`~duikou.errors.OutputError` for an unknown *kind*.
    """
    if kind not in COLUMNS:
        raise OutputError(f"nothing to export as {kind!r}; choose {' or '.join(EXPORT_KINDS)}")
    raw = run(f"export-{kind}", graph, timeout=timeout)
    shape = _transfer_row if kind == "transfers" else _pairing_row
    return [shape(row) for row in raw]


def format_amount(value: object) -> str:
    """An amount as a plain decimal number: no exponent, no trailing zeros after the point.

    >>> format_amount("86400000.0")
    '86400000'
    >>> format_amount("4.56282E+7")
    '45628200'
    >>> format_amount("1500.50")
    '1500.5'
    >>> format_amount(None)
    ''
    """
    if value is None or value == "":
        return ""
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    if number == number.to_integral_value():
        return str(int(number))
    return format(number.normalize(), "f")


def check_format(fmt: str) -> None:
    """Raise :class:`~duikou.errors.OutputError` unless *fmt* is one of :data:`FORMATS`."""
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}; choose {' or '.join(FORMATS)}")


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _source(row: dict[str, object]) -> str:
    if row.get("sha256") is None or row.get("start") is None:
        return ""
    return f"{row['sha256']}:{row['start']}-{row['end']}"


def _year(row: dict[str, object]) -> str:
    if row.get("year"):
        return str(row["year"])
    first, last = row.get("startYear"), row.get("endYear")
    if first and last:
        return f"{first}-{last}" if first != last else str(first)
    return _text(first or last)


def _transfer_row(row: dict[str, object]) -> dict[str, str]:
    purposes = sorted({p for p in _text(row.get("purposes")).split(";") if p})
    return {
        "donor": _text(row.get("donor")),
        "recipient": _text(row.get("recipient")),
        "amount_cny": format_amount(row.get("amount")),
        "year": _year(row),
        "kind": _text(row.get("kind")),
        "purpose": ";".join(purposes),
        "evidence": _text(row.get("evidence")),
        "source": _source(row),
        "status": _text(row.get("status")),
        "in_kind": "true" if _text(row.get("inKind")) in ("true", "1") else "false",
        "period": _period(row),
        "mentions": str(1 + int(_text(row.get("restated")) or 0)),
        "part_of": _text(row.get("partOf")),
        "covered_by": _text(row.get("coveredBy")),
        "restated_in": ";".join(sorted(p for p in _text(row.get("restatedIn")).split(";") if p)),
    }


def _period(row: dict[str, object]) -> str:
    """The years a flow covers: "2012", or "1996/2011" (an ISO 8601 interval of years)."""
    if row.get("year"):
        return str(row["year"])
    first, last = row.get("startYear"), row.get("endYear")
    if first and last and first != last:
        return f"{first}/{last}"
    return _text(first or last)


def _pairing_row(row: dict[str, object]) -> dict[str, str]:
    return {
        "donor": _text(row.get("donor")),
        "recipient": _text(row.get("recipient")),
        "donor_level": _text(row.get("donorLevel")),
        "recipient_level": _text(row.get("recipientLevel")),
        "scope": _text(row.get("scope")),
        "evidence": _text(row.get("evidence")),
        "source": _source(row),
    }
