"""The CLI command that writes the network page (added to the group by `duikou.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

from duikou import api
from duikou.cli_analyze import sums_options
from duikou.cli_common import graph_dir_option, graph_source, timeout_option

__all__ = ["viz"]


@click.command()
@graph_dir_option
@timeout_option
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="HTML file to write (replaced atomically). Default: DIR/pairings.html.",
)
@click.option(
    "--layout",
    type=click.Choice(api.LAYOUTS),
    default="force",
    show_default=True,
    help="force: a force-directed layout that settles; geo: places by longitude/latitude.",
)
@sums_options
def viz(
    graph_dir: Path,
    output: Path | None,
    layout: str,
    kind: str,
    status: str,
    scope: str,
    timeout: float | None,
) -> None:
    """Write an interactive network page of donors and recipients (works offline).

    Nodes are coloured east/central/west and sized by yuan given or
    received; edges are as wide as the yuan they carry and their tooltip
    quotes the sentence they were read from. The page is one HTML file
    that makes no network request when opened.

    The yuan add up, by default, disbursed aid (fiscal aid and social
    donations) read in the pairing sections, never "of which" parts or items
    that a section's own total covers; the page says what it adds up and in
    how many transfers. --kind, --status and --scope add up other transfers.
    """
    target = output if output is not None else graph_dir / "pairings.html"
    written = api.viz(
        graph_source(graph_dir),
        target,
        layout=layout,
        kind=kind,
        status=status,
        scope=scope,
        timeout=timeout,
    )
    click.echo(f"wrote {written} ({layout} layout)", err=True)
