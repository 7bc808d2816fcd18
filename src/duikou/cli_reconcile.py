"""``duikou reconcile``: stated totals against the facts that should make them up."""

from __future__ import annotations

import json
from pathlib import Path

import click

from duikou import api
from duikou.cli_common import graph_dir_option, graph_source, timeout_option

__all__ = ["reconcile"]

_TABLE_COLUMNS = ("claim", "type", "stated", "found", "difference", "verdict")
"""A table for an 80-column terminal; CSV and JSON carry every column."""
_AGAINST = {"parts": "parts", "section": "items", "overview": "sections", "national": "all"}


def _millions(value) -> str:
    """``120.5``, ``-30.0``, ``0.5``: million yuan, to one decimal or more where needed."""
    millions = float(value) / 1e6
    return f"{millions:,.1f}" if abs(millions) >= 10 or millions == 0 else f"{millions:,.3g}"


@click.command()
@graph_dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="A table for reading; CSV rows; or JSON, one object per claim with its evidence.",
)
@timeout_option
def reconcile(graph_dir: Path, fmt: str, timeout: float | None) -> None:
    """Set the totals the text states against the facts that should make them up.

    Four sorts of claim: a whole and its "of which" parts (parts); a pairing
    section's own total and the items it covers (section); a figure the overview
    gives for a donor and a recipient, against what their pairing sections give
    (overview); an overview figure of a group of places ("the eastern provinces
    and municipalities"), against what all pairing sections give (national). What
    a section gives is its disbursed flows of the claim's kind and year that are
    neither "of which" parts nor items its total covers.

    Each claim has the amount stated, the amount found, the difference (found
    minus stated), the number of facts found and a verdict: agrees (within 1 %),
    parts missing (less found) or conflict (more found). A verdict shows an
    extraction error and an inconsistency of the source alike; the evidence
    (JSON: "evidence" with the stated fact's and each found fact's sentence;
    CSV: evidence and found_in sources) tells which.
    """
    claims = api.reconcile(graph_source(graph_dir), timeout=timeout)
    if fmt == "json":
        click.echo(json.dumps([c.to_dict() for c in claims], ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        columns, rows = api.reconcile_rows(claims)
        click.echo(api.rows_text(columns, rows, "csv"), nl=False)
        return
    from rich.console import Console

    rows = []
    for claim in claims:
        row = claim.to_row() | {"claim": claim.label, "type": _AGAINST[claim.type]}
        for column in ("stated", "found", "difference"):
            row[column] = _millions(getattr(claim, column))
        rows.append(row)
    summary = api.reconcile_summary(claims)
    table = api.rows_table(_TABLE_COLUMNS, rows, title=f"Stated totals: {summary}")
    table.columns[1].header = "against"
    table.columns[4].header = "diff."
    table.caption = f"{len(rows)} claim(s); amounts in million yuan; --format json for the evidence"
    Console().print(table)
