"""``duikou summary``: what a built graph holds, in a screenful (the end of `make demo`)."""

from __future__ import annotations

from pathlib import Path

import click

from duikou import api
from duikou.cli_common import graph_dir_option, graph_source, timeout_option

__all__ = ["summary"]


@click.command()
@graph_dir_option
@click.option(
    "--year",
    default=None,
    help="The year whose aid to tell (default: the year with the most flows of aid).",
)
@timeout_option
def summary(graph_dir: Path, year: str | None, timeout: float | None) -> None:
    """Tell what a built graph holds in at most 40 lines of 80 characters.

    The pairings found; the year's aid (fiscal aid and donations that moved that
    year, read in the pairing sections, no part counted twice) and what is
    counted apart from it (investment, deals); the top recipients of that aid;
    the provinces that several pairing sections' donors support; how the
    text's own totals reconcile with the facts; where the graph and the page
    are; and the commands to try next. Every figure is a named query's or
    `duikou reconcile`'s, with their defaults.
    """
    for line in api.summary(graph_source(graph_dir), year=year, timeout=timeout):
        click.echo(line)
