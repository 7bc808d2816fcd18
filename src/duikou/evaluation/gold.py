"""Read hand-made gold CSVs (the format of ``shared/gold/GUIDELINES.md``).

A gold folder holds any number of ``*pairings*.csv`` and ``*transfers*.csv``
files. Every row becomes a plain dict with the CSV's columns plus ``file``
(the CSV's name), ``row`` (its line in the CSV) and ``line`` as an ``int``
(the 1-based line of the source text); transfers also get ``amount`` as a
:class:`~decimal.Decimal`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from duikou.errors import InputError

__all__ = ["GoldSet", "PAIRING_FIELDS", "TRANSFER_FIELDS", "read_gold"]

PAIRING_FIELDS = ("donor", "recipient", "line", "evidence")
"""Columns a pairings file must have (others, like ``scope`` and ``note``, are kept)."""
TRANSFER_FIELDS = (
    "donor", "recipient", "amount_yuan", "kind", "year", "granularity", "line", "evidence",
)  # fmt: skip
"""Columns a transfers file must have."""


@dataclass
class GoldSet:
    """The gold rows of one folder and the files they came from."""

    pairings: list[dict] = field(default_factory=list)
    transfers: list[dict] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    @property
    def last_line(self) -> int:
        """The largest source line any gold row points at (0 if there are no rows)."""
        return max((row["line"] for row in self.pairings + self.transfers), default=0)

    @property
    def first_line(self) -> int:
        """The smallest source line any gold row points at (0 if there are no rows)."""
        return min((row["line"] for row in self.pairings + self.transfers), default=0)


def read_gold(folder: str | Path) -> GoldSet:
    """Read every ``*pairings*.csv`` and ``*transfers*.csv`` in *folder* (not its subfolders).

    Raises :class:`~duikou.errors.InputError` naming the folder or file and the
    problem: a missing folder, no gold files, a missing column, a bad line or
    amount, or no rows at all.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(folder, "no such gold folder; give the folder holding the gold CSVs")
    transfer_files = sorted(folder.glob("*transfers*.csv"))
    pairing_files = sorted(p for p in folder.glob("*pairings*.csv") if p not in transfer_files)
    if not transfer_files and not pairing_files:
        raise InputError(
            folder, "no gold files here (expected *pairings*.csv and/or *transfers*.csv)"
        )
    gold = GoldSet()
    for path in pairing_files:
        gold.pairings.extend(_read(path, PAIRING_FIELDS))
        gold.files.append(path.name)
    for path in transfer_files:
        gold.transfers.extend(_read(path, TRANSFER_FIELDS))
        gold.files.append(path.name)
    if not gold.pairings and not gold.transfers:
        raise InputError(folder, "the gold files hold no rows")
    return gold


def _read(path: Path, required: tuple[str, ...]) -> list[dict]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text; save the gold CSV as UTF-8") from None
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror})") from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(path, f"missing column(s) {', '.join(missing)}")
    rows = []
    for record in reader:
        row = {key: (value or "").strip() for key, value in record.items() if key is not None}
        row["file"] = path.name
        row["row"] = reader.line_num
        row["line"] = _line(path, reader.line_num, row["line"])
        if "amount_yuan" in required:
            row["amount"] = _amount(path, reader.line_num, row["amount_yuan"])
        rows.append(row)
    return rows


def _line(path: Path, row: int, value: str) -> int:
    if value.isdigit() and int(value) > 0:
        return int(value)
    raise InputError(path, f"row {row}: line {value!r} is not a positive whole number")


def _amount(path: Path, row: int, value: str) -> Decimal:
    try:
        amount = Decimal(value.replace(",", ""))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        raise InputError(path, f"row {row}: amount_yuan {value!r} is not a plain number of yuan")
    return amount
